/* evaluate.c: evaluating every row of a roster into an Output
 * (evaluate.h): the rows of one reader on this thread, or, with several
 * jobs, the roster cut into pieces that threads evaluate side by side and
 * this thread writes in roster order; the ids of the rows checked across
 * pieces as one reader checks them. */
#include "evaluate.h"
#include "alloc.h"
#include "gnuc.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ids.h"
#include "roster.h"
#include "vm.h"

/* A row of a piece (several jobs), kept so that its id can be checked
 * against the rows before it, and the piece's results cut before it if an
 * earlier row has it. */
typedef struct {
    const char *id;      /* in the piece's data */
    uint32_t len;
    long k;              /* the row's place in the piece, from 0 */
    long row, line;
    long failures;       /* the piece's rows that failed before this one */
    size_t written;      /* the bytes of output the piece made before it */
    long rows_written;   /* and the rows */
} Mark;

/* The rows of a piece whose ids are in one share (see share_of), and the
 * first of them whose id an earlier row has, once they are checked. */
typedef struct {
    Mark *v;
    size_t n, cap;
    size_t dup;          /* v[dup] is that row; n: none */
    char err[1024];      /* roster_ids_add's message for it */
} Marks;

/* What a run over some rows found. */
typedef struct {
    long rows, failures;
    long written;        /* rows given to the output */
    int got;             /* roster_next's last answer: 0 the end, -1 a bad row */
    char err[1024];      /* the roster's message when got < 0 */
    bool write_failed;
    int write_errno;
    char *reports;       /* the first EVAL_MAX_REPORTED row errors, one per line */
    size_t reports_len;
    uint64_t *counts;    /* coverage: [p->nprobes] summed over the rows, if p has probes */
    const Evaluation *ev; /* one job: told of progress (eval_tick); NULL in a piece */
} Tally;

static void eval_tick(const Evaluation *ev, long rows, long long bytes);

/* Adds n coverage counts (NULL: none) into *into, made on first need. */
static void add_counts(uint64_t **into, const uint64_t *counts, int n)
{
    if (!counts)
        return;
    if (!*into)
        *into = xcalloc((size_t)n, sizeof(uint64_t));
    for (int i = 0; i < n; i++)
        (*into)[i] += counts[i];
}

/* Which of n shares the id s[0..len) is checked in: by its last eight
 * bytes (or fewer) and its length, so every row with one id is in one
 * share, and numbered ids spread evenly. */
static int share_of(const char *s, size_t len, int n)
{
    uint64_t w = 0;
    if (len >= 8)
        memcpy(&w, s + len - 8, 8);
    else
        for (size_t i = 0; i < len; i++)
            w = w << 8 | (unsigned char)s[i];
    w = (w ^ len) * 0x9E3779B97F4A7C15u;
    return (int)((w >> 32) * (uint64_t)n >> 32);
}

/* The id of the row just read noted in its share's marks (several jobs),
 * with the piece's rows, failures and rows written before it. */
static NOINLINE void mark_id(const Roster *r, const Value *id, Marks *marks, int nshares,
                                              const Output *out, long rows, long failures, long written)
{
    Marks *m = &marks[nshares > 1 ? share_of(id->text.p, id->text.len, nshares) : 0];
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 1024;
        m->v = xrealloc(m->v, m->cap * sizeof *m->v);
    }
    size_t bytes;
    output_held(out, &bytes);
    m->v[m->n++] = (Mark){id->text.p, id->text.len, rows, roster_row(r), roster_line(r), failures, bytes, written};
}

/* The rows run_rows reads, and what their ids are checked against. */
typedef struct {
    Roster *r;
    Value *record;
    const Value *id;     /* the record's id, if ids or marks */
    RosterIds *ids;      /* one job: every id so far */
    Marks *marks;        /* several: the piece's ids by share */
    int nshares;
    const Output *out;
    Tally *t;
} RowSource;

/* How run_rows checks the ids of the rows it reads: in ids (one job), in
 * marks (a piece of several jobs), or not. */
typedef enum { IDS_CHECKED, IDS_MARKED, IDS_NOT } IdCheck;

/* Reads the next row, its id checked or noted as check says, after rows
 * rows of which failures failed and written were written: 1, 0 at the
 * roster's end, or -1 for a bad row or an id an earlier row has (the
 * message in t->err). */
static ALWAYS_INLINE int next_row(const RowSource *in, IdCheck check, long rows,
                                                          long failures, long written)
{
    Tally *t = in->t;
    int got = roster_next(in->r, in->record, t->err, sizeof t->err);
    if (got != 1)
        return got;
    const Value *id = in->id;
    if (check == IDS_CHECKED &&
        !roster_ids_add(in->ids, id->text.p, id->text.len, roster_row(in->r), roster_line(in->r))) {
        roster_ids_error(in->ids, t->err, sizeof t->err);
        return -1;
    }
    if (check == IDS_MARKED)
        mark_id(in->r, id, in->marks, in->nshares, in->out, rows, failures, written);
    return 1;
}

/* A row that failed, as the messages have it. */
static NOINLINE void report(const Program *p, const Roster *r, const Value *record,
                                             const char *path, VM *vm, FILE *reports)
{
    char name[256];
    describe_row(p, r, record, name, sizeof name);
    fprintf(reports, "%s:%ld: %s: error: %s\n", path, roster_line(r), name, vm_error(vm));
}

/* The rows up to the first that fails, each written as it comes, their
 * ids checked as check says (a constant: each kind of check has its own
 * loop, with no test for the others): what next_row last said, 1 if a
 * row failed or could not be written (t says which).  *rows counts the
 * rows evaluated. */
static ALWAYS_INLINE int write_rows(const RowSource *in, IdCheck check, VM *vm,
                                                            Output *out, long *rows)
{
    long n = 0;
    for (;;) {
        int got = next_row(in, check, n, 0, n);
        if (got != 1) {
            *rows = n;
            return got;
        }
        if ((++n & (EVAL_PROGRESS_ROWS - 1)) == 0)
            eval_tick(in->t->ev, n, -1);
        const Value *const *values = vm_row_to_write(vm, in->record);
        if (!values)
            break;
        if (!output_row(out, values)) {
            in->t->write_failed = true;
            in->t->write_errno = errno;
            break;
        }
    }
    *rows = n;
    return 1;
}

/* Evaluates every row of r into out (nothing more once a row has failed).
 * With ids, a row whose id an earlier row has stops the run as a bad row
 * does; with marks, each row is noted in its share's (out is then a
 * piece's). */
static void run_rows(const Program *p, Roster *r, const char *path, Output *out, RosterIds *ids, Marks *marks,
                     int nshares, Tally *t)
{
    VM *vm = vm_new(p);
    Value *record = xcalloc((size_t)p->schema->nfields + 1, sizeof(Value));
    FILE *reports = open_memstream(&t->reports, &t->reports_len);
    RowSource in = {r, record, &record[p->id_field < 0 ? 0 : p->id_field], ids, marks, nshares, out, t};
    IdCheck check = ids ? IDS_CHECKED : marks ? IDS_MARKED : IDS_NOT;
    long rows;
    int got = check == IDS_CHECKED ? write_rows(&in, IDS_CHECKED, vm, out, &rows)
              : check == IDS_MARKED ? write_rows(&in, IDS_MARKED, vm, out, &rows)
                                    : write_rows(&in, IDS_NOT, vm, out, &rows);
    t->written = rows - (got == 1);
    /* from the first that fails on, each row is evaluated for its
     * message, and none written */
    while (got == 1 && !t->write_failed) {
        if (++t->failures <= EVAL_MAX_REPORTED)
            report(p, r, record, path, vm, reports);
        do {
            if ((got = next_row(&in, check, rows, t->failures, t->written)) != 1)
                break;
            if ((++rows & (EVAL_PROGRESS_ROWS - 1)) == 0)
                eval_tick(t->ev, rows, -1);
        } while (vm_row(vm, record));
    }
    t->rows = rows;
    t->got = got;
    fclose(reports);
    free(record);
    add_counts(&t->counts, vm_counts(vm), p->nprobes);
    vm_free(vm);
}

/* The ids to check, unless the roster may have several rows per id. */
static RosterIds *ids_for(const Program *p, const RosterSource *src)
{
    if (src->allow_duplicate_ids || p->id_field < 0)
        return NULL;
    return roster_ids_new(src->path, p->schema->fields[p->id_field].name);
}

/* At the roster's end, or a bad row: a duplicate among the ids written
 * out of memory (found only now: the rows after it have been written to
 * a stream, never to a file) comes before the bad row, if any. */
static void end_ids(RosterIds *ids, Tally *t)
{
    if (ids && !t->write_failed && !roster_ids_end(ids)) {
        roster_ids_error(ids, t->err, sizeof t->err);
        t->got = -1;
    }
}

static void result_of(const Tally *t, long reported, EvalResult *res)
{
    *res = (EvalResult){.rows = t->rows, .failures = t->failures, .written = t->written, .reported = reported,
                        .bad_row = t->got < 0, .write_failed = t->write_failed, .write_errno = t->write_errno};
    if (t->got < 0)
        memcpy(res->error, t->err, sizeof res->error);
}

/* ---- several jobs: pieces of the roster evaluated side by side ----
 *
 * The main thread cuts the roster into pieces of whole rows, where the
 * reader ends rows (see scan_rows), and gives each the header, so each is
 * a roster of its own; threads evaluate and format them; the main thread
 * writes their output in roster order and checks the ids of one piece
 * against those before it.  Whatever the roster holds, the output, the
 * messages and the result are one job's. */

enum { PIECE_BYTES = 128 << 10 };

typedef struct {
    const Program *p;
    const char *path;
    OutputFormat fmt;
    char *data;             /* header + rows; kept for the ring slot's next piece */
    size_t len, cap;
    long rows_before, line; /* numbering within the whole roster */
    long blank_row, blank_line; /* blank lines that end the pieces before (0: none) */
    long rows, lines;       /* the rows and line ends it holds */
    long blank;             /* blank rows at its end */
    Output *out;            /* its rows, formatted; kept for the slot's next piece */
    size_t written;         /* how much of out is the piece's output */
    Marks *marks;           /* its rows' ids by share, if they are checked; kept for the slot */
    int nshares;
    int unchecked;          /* shares that have not checked its ids yet */
    Tally t;
} Piece;

static void *run_piece(void *arg)
{
    Piece *pc = arg;
    char err[256];
    Roster *r = roster_open_memory(pc->data, pc->len, pc->path, pc->p->schema, err, sizeof err);
    if (!pc->out)
        pc->out = output_to_memory(pc->fmt, pc->p);
    output_clear(pc->out);
    for (int s = 0; s < pc->nshares; s++)
        pc->marks[s].n = 0;
    if (!r) { /* the header was read once already: only if memory ran out */
        pc->t.got = -1;
        snprintf(pc->t.err, sizeof pc->t.err, "%s", err);
    } else {
        roster_renumber(r, pc->rows_before, pc->line);
        if (pc->blank_row)
            roster_after_blank(r, pc->blank_row, pc->blank_line);
        run_rows(pc->p, r, pc->path, pc->out, NULL, pc->marks, pc->nshares, &pc->t);
    }
    output_held(pc->out, &pc->written);
    roster_close(r);
    return NULL;
}

/* A share's ids of a piece against those of the share's rows before it,
 * in roster order, up to the first id an earlier row has. */
static void check_ids(Marks *marks, RosterIds *ids)
{
    for (marks->dup = 0; marks->dup < marks->n; marks->dup++) {
        const Mark *m = &marks->v[marks->dup];
        if (!roster_ids_add(ids, m->id, m->len, m->row, m->line)) {
            roster_ids_error(ids, marks->err, sizeof marks->err);
            return;
        }
    }
}

/* Once every share has checked the piece: at its first row whose id an
 * earlier row has, the piece's results are cut to what one job makes
 * before that row, and the row is a bad row. */
static void cut_at_duplicate(Piece *pc)
{
    const Marks *first = NULL;
    for (int s = 0; s < pc->nshares; s++) {
        const Marks *ms = &pc->marks[s];
        if (ms->dup < ms->n && (!first || ms->v[ms->dup].k < first->v[first->dup].k))
            first = ms;
    }
    if (!first)
        return;
    const Mark *m = &first->v[first->dup];
    pc->t.got = -1;
    memcpy(pc->t.err, first->err, sizeof pc->t.err);
    pc->t.rows = m->k;
    pc->t.failures = m->failures;
    pc->t.write_failed = false;
    pc->written = m->written;
    pc->t.written = m->rows_written;
    char *end = pc->t.reports; /* its first reports, one line each */
    for (long i = 0; i < m->failures && i < EVAL_MAX_REPORTED && end && *end; i++)
        end = strchr(end, '\n') + 1;
    if (end)
        *end = '\0';
}

/* The roster as the main thread reads it: from a file, or all at once
 * from memory (in is NULL and eof true from the start). */
typedef struct {
    FILE *in;
    char *buf;
    size_t len, cap;
    bool eof;
    bool done;          /* a row too long was cut off: nothing after it is needed */
} Reader;

/* Reads up to a piece's worth more; false at the end of the file. */
static bool read_more(Reader *rd)
{
    if (rd->eof)
        return false;
    if (rd->cap - rd->len < PIECE_BYTES) {
        rd->cap = rd->cap ? rd->cap * 2 : 2 * PIECE_BYTES;
        rd->buf = xrealloc(rd->buf, rd->cap);
    }
    /* up to a piece's worth, so that little is left over to move for the next */
    size_t want = rd->len < PIECE_BYTES ? PIECE_BYTES - rd->len : PIECE_BYTES;
    size_t got = fread(rd->buf + rd->len, 1, want, rd->in);
    rd->len += got;
    rd->eof = got == 0;
    return got > 0;
}

/* Doubles what has been read, for a row longer than all of it: so a long
 * row is scanned a few times, not once per piece's worth. */
static void read_twice_as_much(Reader *rd)
{
    size_t goal = 2 * rd->len;
    while (rd->len < goal && read_more(rd))
        ;
}

#if TERMS_GNU_C
/* The line ends in buf[0..n), sixteen bytes at a time (a vector type gcc
 * and clang both have): each lane of x == '\n' is 0 or -1, subtracted
 * into a lane's count, which is added up before it can reach 256. */
static long count_line_ends(const char *buf, size_t n)
{
    typedef signed char Bytes __attribute__((vector_size(16)));
    const Bytes newline = {'\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
                           '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n'};
    long count = 0;
    size_t i = 0;
    while (n - i >= 16) {
        Bytes lanes = {0};
        for (int k = 0; k < 255 && n - i >= 16; k++, i += 16) {
            Bytes x;
            memcpy(&x, buf + i, 16);
            lanes -= (Bytes)(x == newline);
        }
        for (int k = 0; k < 16; k++)
            count += (unsigned char)lanes[k];
    }
    for (; i < n; i++)
        count += buf[i] == '\n';
    return count;
}
#else
static long count_line_ends(const char *buf, size_t n)
{
    long count = 0;
    for (const char *p = buf, *end = buf + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        count++;
    return count;
}
#endif

/* Whole rows at the start of a buffer. */
typedef struct {
    size_t end;         /* just after the last of them (0: none) */
    long rows, lines;   /* the row ends and line ends before end */
    long blank;         /* blank rows (empty lines) among the last of them */
} Rows;

/* The first max rows of buf[0..limit), ended as roster.c's read_row ends
 * them: outside quotes a CR, a LF or a CRLF ends a row (blank if it is
 * the row's first byte), and a quote inside quotes ends them; a line ends
 * at a CR or at a LF that does not follow one.  A CR at limit - 1 looks at
 * the next byte if there is one in buf[0..len), and ends no row if it is
 * the last byte read and more may follow (!eof). */
static Rows scan_rows(const char *buf, size_t limit, size_t len, bool eof, long max)
{
    Rows got = {0};
    bool quoted = false, at_start = true;
    long rows = 0, lines = 0, blank = 0;
    for (size_t i = 0; i < limit && rows < max; i++) {
        char c = buf[i];
        if (c == '"')
            quoted = !quoted;
        if (c != '\n' && c != '\r') {
            at_start = false;
            continue;
        }
        if (c == '\r' && i + 1 == len && !eof)
            break;
        lines++;
        if (c == '\r' && i + 1 < len && buf[i + 1] == '\n')
            i++; /* one line end: CRLF */
        if (quoted)
            continue;
        rows++;
        blank = at_start ? blank + 1 : 0;
        at_start = true;
        got = (Rows){i + 1, rows, lines, blank};
    }
    return got;
}

/* The whole rows in buf[0..limit) (see scan_rows); without quotes or CRs,
 * by counting LFs. */
static Rows whole_rows(const char *buf, size_t limit, size_t len, bool eof)
{
    if (memchr(buf, '"', limit) || memchr(buf, '\r', limit))
        return scan_rows(buf, limit, len, eof, LONG_MAX);
    Rows got = {limit, 0, 0, 0};
    while (got.end > 0 && buf[got.end - 1] != '\n')
        got.end--;
    got.rows = got.lines = count_line_ends(buf, got.end);
    while (got.blank < got.rows && (got.end - (size_t)got.blank == 1 || buf[got.end - (size_t)got.blank - 2] == '\n'))
        got.blank++;
    return got;
}

/* The reader's next whole rows, after what earlier pieces took (rd->buf is
 * compacted to start with them): as many as a piece's worth holds, or one
 * longer row; none at the end of the roster. */
static Rows next_rows(Reader *rd)
{
    Rows got;
    while (rd->len < PIECE_BYTES && read_more(rd))
        ;
    for (;;) {
        got = whole_rows(rd->buf, rd->len < PIECE_BYTES ? rd->len : PIECE_BYTES, rd->len, rd->eof);
        if (got.end == 0 && rd->len > PIECE_BYTES)
            got = whole_rows(rd->buf, rd->len, rd->len, rd->eof);
        if (got.end > 0 || rd->eof)
            break;
        if (rd->len > ROSTER_ROW_MAX + 2) { /* no row ends: the piece is one row too long */
            rd->done = true;
            break;
        }
        read_twice_as_much(rd);
    }
    if (got.end == 0) /* the last row, with no line end, or one too long */
        got = (Rows){rd->len, rd->len > 0, 0, 0};
    return got;
}

/* What the main thread keeps while it cuts the roster into pieces. */
typedef struct {
    Reader rd;
    char *head;             /* the header, which begins every piece */
    size_t header;
    size_t start;           /* rd.buf[start..len) is not yet in a piece */
    long rows_before, line; /* the numbering of the next piece's first row */
    long blank_row, blank_line; /* blank lines that end the pieces before (0: none) */
} Cutter;

/* Cuts the next piece of whole rows (header first) into pc; false at the
 * end of the roster. */
static bool cut_piece(Cutter *cu, Piece *pc)
{
    Reader *rd = &cu->rd;
    if (rd->done)
        return false;
    memmove(rd->buf, rd->buf + cu->start, rd->len - cu->start);
    rd->len -= cu->start;
    cu->start = 0;
    Rows got = next_rows(rd);
    if (got.end == 0)
        return false;
    pc->len = cu->header + got.end;
    if (pc->cap < pc->len) {
        free(pc->data);
        pc->cap = pc->len;
        pc->data = xrealloc(NULL, pc->cap);
    }
    memcpy(pc->data, cu->head, cu->header);
    memcpy(pc->data + cu->header, rd->buf, got.end);
    cu->start = got.end;
    pc->rows = got.rows;
    pc->lines = got.lines;
    pc->blank = got.blank;
    return true;
}

/* Numbers the piece just cut within the whole roster, and moves the
 * numbering on past it: its rows and lines, and the blank lines at its
 * end (and before it, if it is nothing else). */
static void number_piece(Cutter *cu, Piece *pc)
{
    pc->rows_before = cu->rows_before;
    pc->line = cu->line;
    pc->blank_row = cu->blank_row;
    pc->blank_line = cu->blank_line;
    if (pc->blank < pc->rows) {
        cu->blank_row = pc->blank ? cu->rows_before + pc->rows - pc->blank + 1 : 0;
        cu->blank_line = cu->line + pc->lines - pc->blank;
    } else if (!cu->blank_row) {
        cu->blank_row = cu->rows_before + 1;
        cu->blank_line = cu->line;
    }
    cu->rows_before += pc->rows;
    cu->line += pc->lines;
}

/* Reads the header, and checks it as one job would: its length and the
 * lines it takes into cu, or false with the reader's message in err (a
 * header alone is good, and so is an empty line after it). */
static bool read_header(Cutter *cu, const Program *p, const char *path, char *err, size_t cap)
{
    Reader *rd = &cu->rd;
    Rows h;
    for (;;) {
        h = scan_rows(rd->buf, rd->len, rd->len, rd->eof, 1);
        if (h.end > 0 || rd->eof || rd->len > ROSTER_ROW_MAX + 2)
            break;
        if (rd->len == 0)
            read_more(rd);
        else
            read_twice_as_much(rd);
    }
    cu->header = h.end ? h.end : rd->len; /* no line end: the reader says what is wrong, if anything */
    cu->line = 1 + h.lines;
    cu->start = cu->header;
    cu->head = xrealloc(NULL, cu->header + 1); /* read in place, so a copy */
    if (cu->header)
        memcpy(cu->head, rd->buf, cu->header);
    char *copy = xrealloc(NULL, cu->header + 1);
    if (cu->header)
        memcpy(copy, rd->buf, cu->header);
    Roster *check = roster_open_memory(copy, cu->header, path, p->schema, err, cap);
    roster_close(check);
    free(copy);
    return check != NULL;
}

/* The ids of the rows whose ids are in one share (see share_of), checked
 * in roster order a piece at a time by whichever thread is free: so the
 * check, which one job makes row by row, is spread over the threads
 * instead of waiting on the main thread.  Every row with a given id is in
 * one share, so its first duplicate, and roster_ids_add's message for it,
 * are those of one job. */
typedef struct {
    RosterIds *ids;
    long checked;        /* pieces whose ids in the share are checked */
    bool busy;           /* a thread is checking them */
} Share;

/* The pieces in flight: the main thread cuts them and writes their output
 * in order; the workers take them in order and evaluate them; the shares
 * of the ids check them in order. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t work;     /* for the workers: a piece cut, or no more to come */
    pthread_cond_t ready;    /* for the main thread: the next piece to write is done and checked */
    Piece *ring;         /* piece number k is ring[k % size] */
    bool *done;
    int size;
    long cut, taken;     /* pieces cut, pieces taken by a worker */
    long written;        /* pieces whose output is written */
    bool no_more;
    Share *shares;       /* if ids are checked, else NULL */
    int nshares;
    pthread_t *threads;
    int jobs;
} Pipeline;

/* Whether piece k, cut and not yet written, is evaluated and checked. */
static bool piece_ready(const Pipeline *pl, long k)
{
    return pl->done[k % pl->size] && pl->ring[k % pl->size].unchecked == 0;
}

/* Tells the main thread if the next piece it writes is ready. */
static void wake_writer(Pipeline *pl)
{
    if (pl->written < pl->cut && piece_ready(pl, pl->written))
        pthread_cond_signal(&pl->ready);
}

/* With the lock held: checks the ids of the pieces evaluated, in order,
 * for each share that no other thread is checking.  Whether it checked any. */
static bool check_shares(Pipeline *pl)
{
    bool any = false;
    for (int s = 0; s < pl->nshares; s++) {
        Share *sh = &pl->shares[s];
        if (sh->busy)
            continue;
        sh->busy = true;
        while (sh->checked < pl->cut && pl->done[sh->checked % pl->size]) {
            Piece *pc = &pl->ring[sh->checked % pl->size];
            pthread_mutex_unlock(&pl->lock);
            check_ids(&pc->marks[s], sh->ids);
            pthread_mutex_lock(&pl->lock);
            pc->unchecked--;
            sh->checked++;
            any = true;
        }
        sh->busy = false;
    }
    if (any)
        wake_writer(pl);
    return any;
}

static void *worker(void *arg)
{
    Pipeline *pl = arg;
    pthread_mutex_lock(&pl->lock);
    for (;;) {
        while (pl->taken == pl->cut && !pl->no_more)
            pthread_cond_wait(&pl->work, &pl->lock);
        if (pl->taken == pl->cut)
            break;
        long k = pl->taken++;
        pthread_mutex_unlock(&pl->lock);
        run_piece(&pl->ring[k % pl->size]);
        pthread_mutex_lock(&pl->lock);
        pl->done[k % pl->size] = true;
        wake_writer(pl);
        check_shares(pl);
    }
    pthread_mutex_unlock(&pl->lock);
    return NULL;
}

/* Starts jobs workers on an empty ring; if ids are checked (ids_for gives
 * them), in as many shares as jobs, each slot with its marks. */
static void pipeline_start(Pipeline *pl, int jobs, const Program *p, const RosterSource *src)
{
    *pl = (Pipeline){.size = 8 * jobs, .jobs = jobs}; /* room enough that a worker ahead never waits for the one behind */
    pthread_mutex_init(&pl->lock, NULL);
    pthread_cond_init(&pl->work, NULL);
    pthread_cond_init(&pl->ready, NULL);
    pl->ring = xcalloc((size_t)pl->size, sizeof *pl->ring);
    pl->done = xcalloc((size_t)pl->size, sizeof *pl->done);
    pl->threads = xcalloc((size_t)jobs, sizeof *pl->threads);
    RosterIds *first = ids_for(p, src);
    if (first) {
        pl->nshares = jobs;
        pl->shares = xcalloc((size_t)jobs, sizeof *pl->shares);
        pl->shares[0].ids = first;
        for (int s = 1; s < jobs; s++)
            pl->shares[s].ids = ids_for(p, src);
        for (int i = 0; i < pl->size; i++)
            pl->ring[i].marks = xcalloc((size_t)jobs, sizeof(Marks));
    }
    for (int i = 0; i < jobs; i++)
        pthread_create(&pl->threads[i], NULL, worker, pl);
}

/* Once no more pieces are to come: waits for the workers, frees the ring. */
static void pipeline_stop(Pipeline *pl)
{
    for (int i = 0; i < pl->jobs; i++)
        pthread_join(pl->threads[i], NULL);
    pthread_mutex_destroy(&pl->lock);
    pthread_cond_destroy(&pl->work);
    pthread_cond_destroy(&pl->ready);
    free(pl->threads);
    for (int i = 0; i < pl->size; i++) {
        free(pl->ring[i].data);
        output_abort(pl->ring[i].out);
        for (int s = 0; pl->ring[i].marks && s < pl->nshares; s++)
            free(pl->ring[i].marks[s].v);
        free(pl->ring[i].marks);
    }
    for (int s = 0; s < pl->nshares; s++)
        roster_ids_free(pl->shares[s].ids);
    free(pl->shares);
    free(pl->ring);
    free(pl->done);
}

/* The roster's end for every share (end_ids): of the duplicates found
 * only now, among ids past memory, the one at the earliest row, if it
 * comes before the row that stopped the run. */
static void end_shares(Pipeline *pl, Tally *t)
{
    RosterIds *first = NULL;
    for (int s = 0; s < pl->nshares && !t->write_failed; s++) {
        RosterIds *ids = pl->shares[s].ids;
        long row = roster_ids_end(ids) ? 0 : roster_ids_dup_row(ids);
        if (row && (t->got >= 0 || row <= t->rows) && (!first || row < roster_ids_dup_row(first)))
            first = ids;
    }
    if (first) {
        roster_ids_error(first, t->err, sizeof t->err);
        t->got = -1;
    }
}

typedef enum { NEXT_WRITE, NEXT_CUT, NEXT_DONE } Next;

/* What the main thread does next: write the next piece once it is done
 * and checked, else cut another while the ring has room and more are to
 * come; while it can do neither, checks ids if a share has some to check,
 * or waits, until the last is written. */
static Next next_step(Pipeline *pl)
{
    pthread_mutex_lock(&pl->lock);
    long written = pl->written; /* only this thread changes it */
    bool ready = written < pl->cut && piece_ready(pl, written);
    bool room = !pl->no_more && pl->cut - written < pl->size;
    while (!ready && !room && written < pl->cut) {
        if (!check_shares(pl))
            pthread_cond_wait(&pl->ready, &pl->lock);
        ready = piece_ready(pl, written);
    }
    pthread_mutex_unlock(&pl->lock);
    return ready ? NEXT_WRITE : room ? NEXT_CUT : NEXT_DONE;
}

/* Tells the workers a piece was cut (more), or that none are to come. */
static void publish_cut(Pipeline *pl, bool more)
{
    pthread_mutex_lock(&pl->lock);
    if (more) {
        pl->cut++;
        pthread_cond_signal(&pl->work);
    } else {
        pl->no_more = true;
        pthread_cond_broadcast(&pl->work);
    }
    pthread_mutex_unlock(&pl->lock);
}

/* What the main thread has written so far, and where. */
typedef struct {
    Output *out;
    FILE *messages;
    Tally total;
    long reported;
    bool stop;          /* a bad row or a failed write: nothing more is written */
    const Evaluation *ev; /* told of progress (eval_tick) */
    size_t header;      /* the header's bytes, which begin every piece */
    long long bytes;    /* the roster's bytes written so far, past the header */
} Writer;

/* The next piece in roster order, done: its messages, then its rows, as
 * one job would have written them after the pieces before. */
static void take_piece(Writer *w, Piece *pc)
{
    Tally *total = &w->total;
    cut_at_duplicate(pc);
    const char *s = pc->t.reports;
    while (s && w->reported < EVAL_MAX_REPORTED && *s) {
        const char *nl = strchr(s, '\n');
        fwrite(s, 1, (size_t)(nl - s + 1), w->messages);
        s = nl + 1;
        w->reported++;
    }
    /* one job writes rows until one fails: the piece holds its rows up to its first failure */
    if (!total->failures && !total->write_failed) {
        if (!output_raw(w->out, output_held(pc->out, &(size_t){0}), pc->written)) {
            total->write_failed = true;
            total->write_errno = errno;
        }
        total->written += pc->t.written;
    }
    total->rows += pc->t.rows;
    w->bytes += (long long)(pc->len - w->header);
    eval_tick(w->ev, total->rows, w->bytes);
    total->failures += pc->t.failures;
    if (pc->t.got < 0) {
        total->got = -1;
        memcpy(total->err, pc->t.err, sizeof total->err);
    }
    if (pc->t.write_failed && !total->write_failed)
        total->write_errno = pc->t.write_errno;
    total->write_failed |= pc->t.write_failed;
    add_counts(&total->counts, pc->t.counts, pc->p->nprobes);
    w->stop = total->got < 0 || total->write_failed;
}

/* Writes the next piece, unless the run has stopped, and frees its slot;
 * once the run stops, no more pieces are to come. */
static void write_next(Pipeline *pl, Writer *w)
{
    Piece *pc = &pl->ring[pl->written % pl->size];
    if (!w->stop)
        take_piece(w, pc);
    free(pc->t.reports);
    free(pc->t.counts);
    pthread_mutex_lock(&pl->lock);
    pl->done[pl->written % pl->size] = false;
    pl->written++;
    if (w->stop) {
        pl->no_more = true;
        pthread_cond_broadcast(&pl->work);
    }
    pthread_mutex_unlock(&pl->lock);
}

/* Cuts the next piece into the ring's next slot, which no worker reads,
 * and hands it to the workers; or says none are to come. */
static void cut_next(Pipeline *pl, Cutter *cu, const Program *p, const char *path, OutputFormat fmt, bool stop)
{
    Piece *next = &pl->ring[pl->cut % pl->size];
    *next = (Piece){.p = p, .path = path, .fmt = fmt, .data = next->data, .cap = next->cap, .out = next->out,
                    .marks = next->marks, .nshares = pl->nshares, .unchecked = pl->nshares};
    bool more = !stop && cut_piece(cu, next);
    if (more)
        number_piece(cu, next);
    publish_cut(pl, more);
}

/* ---- the API ---- */

struct Evaluation {
    const Program *p;
    RosterSource src;
    int jobs;
    OpenRoster one;     /* one job: the reader, past the header */
    Cutter cut;         /* several: the roster as read so far, past the header */
    FILE *f;            /* several, from a file: the file, to close (NULL: standard input) */
    uint64_t *counts;   /* coverage: eval_counts */
    void (*progress)(void *ctx, long rows, long total); /* eval_progress, or NULL */
    void *progress_ctx;
    long long size;     /* the roster file's bytes, for the rows' estimate (0: not known) */
};

/* The roster file's size if it is a regular file, else 0. */
static long long file_size(FILE *f)
{
    struct stat st;
    return f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
}

/* rows done, having read bytes of the roster (< 0: as far as one job's
 * reader is in its file), and the rows the whole file holds at that rate. */
static void eval_tick(const Evaluation *ev, long rows, long long bytes)
{
    if (!ev || !ev->progress)
        return;
    if (bytes < 0)
        bytes = ev->one.f ? ftell(ev->one.f) : 0;
    long long total = ev->size > 0 && bytes > 0 ? (long long)rows * ev->size / bytes : 0;
    ev->progress(ev->progress_ctx, rows, total > LONG_MAX ? 0 : (long)total);
}

void eval_progress(Evaluation *ev, void (*progress)(void *ctx, long rows, long total), void *ctx)
{
    ev->progress = progress;
    ev->progress_ctx = ctx;
    ev->size = file_size(ev->jobs > 1 ? ev->f : ev->one.f);
}

/* Several jobs: the roster from its file or from memory, and its header. */
static bool open_pieces(Evaluation *ev, EngineError *e)
{
    Reader *rd = &ev->cut.rd;
    if (ev->src.data) {
        rd->buf = xrealloc(NULL, ev->src.len);
        memcpy(rd->buf, ev->src.data, ev->src.len);
        rd->len = rd->cap = ev->src.len;
        rd->eof = true;
    } else {
        if (!(rd->in = roster_source_file(&ev->src, e)))
            return false;
        ev->f = rd->in == stdin ? NULL : rd->in;
    }
    if (read_header(&ev->cut, ev->p, ev->src.path, e->text, sizeof e->text))
        return true;
    e->kind = FAIL_ROSTER;
    e->roster = ev->src.path;
    return false;
}

Evaluation *eval_open(const Program *p, const RosterSource *roster, int jobs, EngineError *e)
{
    Evaluation *ev = xrealloc(NULL, sizeof *ev);
    if (schema_has_records(p->schema)) /* read in step with the roster: one job (the command line says so) */
        jobs = 1;
    *ev = (Evaluation){.p = p, .src = *roster, .jobs = jobs};
    *e = (EngineError){0};
    if (jobs > 1 ? open_pieces(ev, e) : roster_source_open(roster, p->schema, &ev->one, e))
        return ev;
    eval_close(ev);
    return NULL;
}

static void rows_on_one_job(Evaluation *ev, Output *out, FILE *messages, EvalResult *res)
{
    RosterIds *ids = ids_for(ev->p, &ev->src);
    Tally t = {.ev = ev};
    run_rows(ev->p, ev->one.r, ev->src.path, out, ids, NULL, 0, &t);
    end_ids(ids, &t);
    fwrite(t.reports, 1, t.reports_len, messages);
    free(t.reports);
    roster_ids_free(ids);
    ev->counts = t.counts;
    result_of(&t, t.failures < EVAL_MAX_REPORTED ? t.failures : EVAL_MAX_REPORTED, res);
}

static void rows_in_pieces(Evaluation *ev, Output *out, FILE *messages, EvalResult *res)
{
    Writer w = {.out = out, .messages = messages, .ev = ev, .header = ev->cut.header};
    OutputFormat fmt = output_format(out);
    Pipeline pl;
    pipeline_start(&pl, ev->jobs, ev->p, &ev->src);
    for (Next step; (step = next_step(&pl)) != NEXT_DONE;) {
        if (step == NEXT_WRITE)
            write_next(&pl, &w);
        else
            cut_next(&pl, &ev->cut, ev->p, ev->src.path, fmt, w.stop);
    }
    end_shares(&pl, &w.total);
    pipeline_stop(&pl);
    ev->counts = w.total.counts;
    result_of(&w.total, w.reported, res);
}

void eval_rows(Evaluation *ev, Output *out, FILE *messages, EvalResult *res)
{
    if (ev->jobs > 1)
        rows_in_pieces(ev, out, messages, res);
    else
        rows_on_one_job(ev, out, messages, res);
}

const uint64_t *eval_counts(const Evaluation *ev)
{
    return ev->counts;
}

void eval_close(Evaluation *ev)
{
    if (!ev)
        return;
    if (ev->one.r)
        roster_source_close(&ev->one);
    free(ev->cut.head);
    free(ev->cut.rd.buf);
    free(ev->counts);
    if (ev->f)
        fclose(ev->f);
    free(ev);
}

bool eval_settle(Output *out, const EvalResult *res, char *err, size_t cap)
{
    if (cap)
        *err = '\0';
    if (res->bad_row || res->failures || res->write_failed) {
        output_abort(out);
        return false;
    }
    return output_commit(out, err, cap);
}
