/* terms eval FILE ROSTER [--year Y] [--set NAME=VALUE]... [-o OUT] [--format csv|jsonl] */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "gnuc.h"
#include "output.h"
#include "roster.h"
#include "vm.h"

static const char usage[] =
    "usage: terms eval FILE.terms ROSTER.csv [options]\n\n"
    "Evaluates the contract for every employee of the roster (a CSV file whose\n"
    "header names the employee record's fields) and writes the `output` values,\n"
    "one row per employee.  With -o FILE, nothing is written unless every row\n"
    "succeeds (an earlier FILE is kept); standard output, a pipe or a device\n"
    "is a stream, so the rows before a bad one have gone out when the run\n"
    "stops, with exit 1.  FILE may not be the contract, the roster or the\n"
    "values file; a symbolic link is followed; a read-only FILE is refused\n"
    "(docs/security.md).\n\n"
    "  --year Y             contract year, by name (\"2018-19\") or number (2); default the first\n"
    "  --set NAME=VALUE     give a param a value (repeatable), in single quotes if it has a $:\n"
    "                       --set 'lead_teacher=$1,200', or one per year: --set 'lead_teacher=$1,200 / $1,250'\n"
    "  -o, --output FILE    write to FILE (default -, standard output); .jsonl or .ndjson in any\n"
    "                       case means JSON Lines; .json needs --format jsonl\n"
    "  --format csv|jsonl   the output format, whatever the file is called\n"
    "  --jobs N             evaluate on N threads (output stays in roster order)\n"
    "  --allow-duplicate-ids  the roster may give an id several rows (one per assignment);\n"
    "                       without it, a second row with an id is an error\n"
    "  --values FILE        take params, tables and schedules from FILE instead of the contract's\n";

enum { MAX_REPORTED = 10 };

/* A row of a piece (--jobs), kept so that the main thread can find an
 * id that an earlier piece has, and cut the piece's results before it. */
typedef struct {
    const char *id;      /* in the piece's data */
    uint32_t len;
    long row, line;
    long failures;       /* the piece's rows that failed before this one */
    size_t written;      /* the bytes of output the piece made before it */
    long rows_written;   /* and the rows */
} Mark;

typedef struct {
    Mark *v;
    size_t n, cap;
} Marks;

/* What a run over some rows found. */
typedef struct {
    long rows, failures;
    long written;        /* rows given to the output */
    int got;             /* roster_next's last answer: 0 the end, -1 a bad row */
    char err[1024];      /* the roster's message when got < 0 */
    bool write_failed;
    char *reports;       /* the first MAX_REPORTED row errors, one per line */
    size_t reports_len;
} Tally;

/* Whether the row just read has an id no earlier row has (ids, if any:
 * else a message in t), noting it in marks if there are any. */
static bool note_id(const Program *p, const Roster *r, const Value *record, RosterIds *ids, Marks *marks, const Output *out, Tally *t)
{
    if (p->id_field < 0)
        return true;
    Value id = record[p->id_field];
    if (ids && !roster_ids_add(ids, id.text.p, id.text.len, roster_row(r), roster_line(r), t->err, sizeof t->err))
        return false;
    if (marks) {
        if (marks->n == marks->cap) {
            marks->cap = marks->cap ? 2 * marks->cap : 1024;
            marks->v = realloc(marks->v, marks->cap * sizeof *marks->v);
            if (!marks->v)
                abort();
        }
        size_t written;
        output_held(out, &written);
        marks->v[marks->n++] = (Mark){id.text.p, id.text.len, roster_row(r), roster_line(r), t->failures, written, t->written};
    }
    return true;
}

/* Evaluates every row of r into out (nothing more once a row has failed).
 * With ids, a row whose id an earlier row has stops the run as a bad row
 * does; with marks, each row is noted there (out is then a piece's). */
static void run_rows(const Program *p, Roster *r, const char *path, Output *out, RosterIds *ids, Marks *marks, Tally *t)
{
    VM *vm = vm_new(p);
    Value *record = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
    FILE *reports = open_memstream(&t->reports, &t->reports_len);
    while ((t->got = roster_next(r, record, t->err, sizeof t->err)) == 1) {
        if ((ids || marks) && !note_id(p, r, record, ids, marks, out, t)) {
            t->got = -1;
            break;
        }
        t->rows++;
        vm_begin(vm, record);
        const Value *const *values = vm_outputs(vm);
        if (!values) {
            if (++t->failures <= MAX_REPORTED) {
                char name[256];
                describe_row(p, r, record, name, sizeof name);
                fprintf(reports, "%s:%ld: %s: error: %s\n", path, roster_line(r), name, vm_error(vm));
            }
            continue;
        }
        if (!t->failures) {
            if (!output_row(out, values)) {
                t->write_failed = true;
                break;
            }
            t->written++;
        }
    }
    fclose(reports);
    free(record);
    vm_free(vm);
}

/* Reports what went wrong, keeps or drops the output; the exit status.
 * A file is replaced only if every row succeeded; a stream (standard
 * output, a pipe) has had the rows before the first failure. */
static int finish(Output *out, const char *roster_path, const Target *to, Tally *t, long reported)
{
    int status = EXIT_OK;
    char err[1024];
    if (t->got < 0) {
        fprintf(stderr, "%s\n", t->err);
        status = EXIT_BAD_INPUT;
    } else if (t->failures) {
        if (t->failures > reported)
            fprintf(stderr, "%s: ... and %ld more row%s with errors\n", roster_path, t->failures - reported,
                    t->failures - reported == 1 ? "" : "s");
        fprintf(stderr, "terms: %ld of %ld row%s failed; ", t->failures, t->rows, t->rows == 1 ? "" : "s");
        if (to->kind == TARGET_FILE)
            fprintf(stderr, "nothing was written\n");
        else if (t->written == 0)
            fprintf(stderr, "no rows were written to %s\n", target_label(to));
        else
            fprintf(stderr, "%ld row%s written to %s before %s\n", t->written, t->written == 1 ? " was" : "s were",
                    target_label(to), t->failures == 1 ? "it" : "the first of them");
        status = EXIT_BAD_INPUT;
    }
    if (status == EXIT_OK && !t->write_failed) {
        if (!output_commit(out, err, sizeof err)) {
            fprintf(stderr, "terms: %s\n", err);
            status = EXIT_BAD_INPUT;
        }
    } else {
        if (t->write_failed)
            fprintf(stderr, "terms: cannot write %s: %s%s\n", target_label(to), strerror(errno),
                    to->kind == TARGET_FILE ? "; nothing was written" : "");
        output_abort(out);
        status = EXIT_BAD_INPUT;
    }
    return status;
}

/* The ids to check, unless the roster may have several rows per id. */
static RosterIds *ids_for(const Program *p, const char *roster_path, bool allow_duplicate_ids)
{
    if (allow_duplicate_ids || p->id_field < 0)
        return NULL;
    return roster_ids_new(roster_path, p->schema->fields[p->id_field].name);
}

static int evaluate(const Program *p, FILE *in, const char *roster_path, Target *to, OutputFormat fmt, bool allow_dups)
{
    char err[1024];
    Roster *r = roster_open(in, roster_path, p->schema, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        return EXIT_BAD_INPUT;
    }
    Output *out = output_open(to, fmt, p, err, sizeof err);
    if (!out) {
        fprintf(stderr, "terms: %s\n", err);
        roster_close(r);
        return EXIT_BAD_INPUT;
    }
    RosterIds *ids = ids_for(p, roster_path, allow_dups);
    Tally t = {0};
    run_rows(p, r, roster_path, out, ids, NULL, &t);
    fwrite(t.reports, 1, t.reports_len, stderr);
    free(t.reports);
    roster_ids_free(ids);
    roster_close(r);
    return finish(out, roster_path, to, &t, t.failures < MAX_REPORTED ? t.failures : MAX_REPORTED);
}

/* ---- --jobs N: pieces of the roster evaluated side by side ----
 *
 * The main thread cuts the roster into pieces of whole rows, where the
 * reader ends rows (see scan_rows), and gives each the header, so each is
 * a roster of its own; threads evaluate and format them; the main thread
 * writes their output in roster order and checks the ids of one piece
 * against those before it.  Whatever the roster holds, the output, the
 * messages and the exit status are one job's. */

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
    Marks *marks;           /* its rows' ids, if they are checked; kept for the slot */
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
    if (pc->marks)
        pc->marks->n = 0;
    if (!r) { /* the header was read once already: only if memory ran out */
        pc->t.got = -1;
        snprintf(pc->t.err, sizeof pc->t.err, "%s", err);
    } else {
        roster_renumber(r, pc->rows_before, pc->line);
        if (pc->blank_row)
            roster_after_blank(r, pc->blank_row, pc->blank_line);
        run_rows(pc->p, r, pc->path, pc->out, NULL, pc->marks, &pc->t);
    }
    output_held(pc->out, &pc->written);
    roster_close(r);
    return NULL;
}

/* In roster order: the piece's ids against those of the rows before it.
 * At the first id an earlier row has, the piece's results are cut to what
 * one job makes before that row, and the row is a bad row. */
static void check_ids(Piece *pc, RosterIds *ids)
{
    for (size_t k = 0; k < pc->marks->n; k++) {
        const Mark *m = &pc->marks->v[k];
        if (roster_ids_add(ids, m->id, m->len, m->row, m->line, pc->t.err, sizeof pc->t.err))
            continue;
        pc->t.got = -1;
        pc->t.rows = (long)k;
        pc->t.failures = m->failures;
        pc->t.write_failed = false;
        pc->written = m->written;
        pc->t.written = m->rows_written;
        char *end = pc->t.reports; /* its first reports, one line each */
        for (long i = 0; i < m->failures && i < MAX_REPORTED && end && *end; i++)
            end = strchr(end, '\n') + 1;
        if (end)
            *end = '\0';
        return;
    }
}

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
        rd->buf = realloc(rd->buf, rd->cap);
        if (!rd->buf)
            abort();
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

/* Cuts the next piece of whole rows (header first) from the reader;
 * false at the end of the roster. */
static bool cut_piece(Reader *rd, size_t *start, const char *head, size_t header, Piece *pc)
{
    if (rd->done)
        return false;
    Rows got;
    /* compact, then read until a piece's worth is at hand or the file ends */
    memmove(rd->buf, rd->buf + *start, rd->len - *start);
    rd->len -= *start;
    *start = 0;
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
    if (got.end == 0)
        return false;
    pc->len = header + got.end;
    if (pc->cap < pc->len) {
        free(pc->data);
        pc->cap = pc->len;
        pc->data = malloc(pc->cap);
        if (!pc->data)
            abort();
    }
    memcpy(pc->data, head, header);
    memcpy(pc->data + header, rd->buf, got.end);
    *start = got.end;
    pc->rows = got.rows;
    pc->lines = got.lines;
    pc->blank = got.blank;
    return true;
}

/* Reads the header, and checks it as one job would: its length in
 * rd->buf and the lines it takes, or 0 after a message (a header alone
 * is good, and so is an empty line after it). */
static bool read_header(Reader *rd, const Program *p, const char *roster_path, size_t *header, long *lines)
{
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
    *header = h.end ? h.end : rd->len; /* no line end: the reader says what is wrong, if anything */
    *lines = h.lines;
    char err[1024], *copy = malloc(*header + 1); /* read in place, so a copy */
    if (!copy)
        abort();
    if (*header)
        memcpy(copy, rd->buf, *header);
    Roster *check = roster_open_memory(copy, *header, roster_path, p->schema, err, sizeof err);
    if (!check)
        fprintf(stderr, "%s\n", err);
    roster_close(check);
    free(copy);
    return check != NULL;
}

/* The pieces in flight: the main thread cuts them and writes their output
 * in order; the workers take them in order and evaluate them. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t work;     /* for the workers: a piece cut, or no more to come */
    pthread_cond_t ready;    /* for the main thread: the next piece to write is done */
    Piece *ring;         /* piece number k is ring[k % size] */
    bool *done;
    int size;
    long cut, taken;     /* pieces cut, pieces taken by a worker */
    long written;        /* pieces whose output is written */
    bool no_more;
} Pipeline;

static void *worker(void *arg)
{
    Pipeline *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        while (pl->taken == pl->cut && !pl->no_more)
            pthread_cond_wait(&pl->work, &pl->lock);
        if (pl->taken == pl->cut) {
            pthread_mutex_unlock(&pl->lock);
            return NULL;
        }
        long k = pl->taken++;
        pthread_mutex_unlock(&pl->lock);
        run_piece(&pl->ring[k % pl->size]);
        pthread_mutex_lock(&pl->lock);
        pl->done[k % pl->size] = true;
        if (k == pl->written) /* what the main thread waits for, if it waits */
            pthread_cond_signal(&pl->ready);
        pthread_mutex_unlock(&pl->lock);
    }
}

/* The next piece in roster order, done: its messages, then its rows, as
 * one job would have written them after the pieces before. */
static void take_piece(Piece *pc, RosterIds *ids, Output *out, Tally *total, long *reported)
{
    if (ids)
        check_ids(pc, ids);
    const char *s = pc->t.reports;
    while (s && *reported < MAX_REPORTED && *s) {
        const char *nl = strchr(s, '\n');
        fwrite(s, 1, (size_t)(nl - s + 1), stderr);
        s = nl + 1;
        (*reported)++;
    }
    /* one job writes rows until one fails: the piece holds its rows up to its first failure */
    if (!total->failures && !total->write_failed) {
        total->write_failed = !output_raw(out, output_held(pc->out, &(size_t){0}), pc->written);
        total->written += pc->t.written;
    }
    total->rows += pc->t.rows;
    total->failures += pc->t.failures;
    if (pc->t.got < 0) {
        total->got = -1;
        memcpy(total->err, pc->t.err, sizeof total->err);
    }
    total->write_failed |= pc->t.write_failed;
}

static int evaluate_parallel(const Program *p, FILE *in, const char *roster_path, Target *to, OutputFormat fmt, bool allow_dups,
                             int jobs)
{
    char err[1024];
    Reader rd = {.in = in};
    size_t header;
    long header_lines;
    if (!read_header(&rd, p, roster_path, &header, &header_lines)) {
        free(rd.buf);
        return EXIT_BAD_INPUT;
    }
    Output *out = output_open(to, fmt, p, err, sizeof err);
    if (!out) {
        fprintf(stderr, "terms: %s\n", err);
        free(rd.buf);
        return EXIT_BAD_INPUT;
    }
    RosterIds *ids = ids_for(p, roster_path, allow_dups);
    char *head = malloc(header + 1);
    if (header)
        memcpy(head, rd.buf, header);
    size_t start = header; /* rd.buf[start..len) is not yet in a piece */

    Pipeline pl = {.size = 8 * jobs}; /* room enough that a worker ahead never waits for the one behind */
    pthread_mutex_init(&pl.lock, NULL);
    pthread_cond_init(&pl.work, NULL);
    pthread_cond_init(&pl.ready, NULL);
    pl.ring = calloc((size_t)pl.size, sizeof *pl.ring);
    pl.done = calloc((size_t)pl.size, sizeof *pl.done);
    for (int i = 0; ids && i < pl.size; i++)
        pl.ring[i].marks = calloc(1, sizeof(Marks));
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    for (int i = 0; i < jobs; i++)
        pthread_create(&threads[i], NULL, worker, &pl);

    Tally total = {0};
    long reported = 0, rows_before = 0, line = 1 + header_lines, blank_row = 0, blank_line = 0;
    bool stop = false;
    for (;;) {
        pthread_mutex_lock(&pl.lock);
        long written = pl.written; /* only this thread changes it */
        bool ready = written < pl.cut && pl.done[written % pl.size];
        bool room = !pl.no_more && pl.cut - written < pl.size;
        while (!ready && !room && written < pl.cut) {
            pthread_cond_wait(&pl.ready, &pl.lock);
            ready = pl.done[written % pl.size];
        }
        bool finished = !ready && !room && written == pl.cut;
        pthread_mutex_unlock(&pl.lock);
        if (finished)
            break;
        if (ready) {
            Piece *pc = &pl.ring[written % pl.size];
            if (!stop) {
                take_piece(pc, ids, out, &total, &reported);
                stop = total.got < 0 || total.write_failed;
            }
            free(pc->t.reports);
            pthread_mutex_lock(&pl.lock);
            pl.done[written % pl.size] = false;
            pl.written++;
            if (stop) {
                pl.no_more = true;
                pthread_cond_broadcast(&pl.work);
            }
            pthread_mutex_unlock(&pl.lock);
            continue;
        }
        /* room for another piece: its ring slot is free, no worker reads it */
        Piece *next = &pl.ring[pl.cut % pl.size];
        *next = (Piece){.p = p, .path = roster_path, .fmt = fmt, .rows_before = rows_before, .line = line,
                        .blank_row = blank_row, .blank_line = blank_line,
                        .data = next->data, .cap = next->cap, .out = next->out, .marks = next->marks};
        bool more = !stop && cut_piece(&rd, &start, head, header, next);
        if (more) { /* blank lines at its end, and before it if it is nothing else */
            if (next->blank < next->rows) {
                blank_row = next->blank ? rows_before + next->rows - next->blank + 1 : 0;
                blank_line = line + next->lines - next->blank;
            } else if (!blank_row) {
                blank_row = rows_before + 1;
                blank_line = line;
            }
            rows_before += next->rows;
            line += next->lines;
        }
        pthread_mutex_lock(&pl.lock);
        if (more) {
            pl.cut++;
            pthread_cond_signal(&pl.work);
        } else {
            pl.no_more = true;
            pthread_cond_broadcast(&pl.work);
        }
        pthread_mutex_unlock(&pl.lock);
    }
    for (int i = 0; i < jobs; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_destroy(&pl.lock);
    pthread_cond_destroy(&pl.work);
    pthread_cond_destroy(&pl.ready);
    free(threads);
    for (int i = 0; i < pl.size; i++) {
        free(pl.ring[i].data);
        output_abort(pl.ring[i].out);
        if (pl.ring[i].marks)
            free(pl.ring[i].marks->v);
        free(pl.ring[i].marks);
    }
    free(pl.ring);
    free(pl.done);
    free(head);
    free(rd.buf);
    roster_ids_free(ids);
    return finish(out, roster_path, to, &total, reported);
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"format", required_argument, 0, 'f'}, {"jobs", required_argument, 0, 'j'},
        {"allow-duplicate-ids", no_argument, 0, 'D'}, SCENARIO_OPTIONS, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *out_path = "-", *format = NULL;
    Scenario sc = {0};
    int ch, jobs = 1;
    bool allow_dups = false;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        int taken = scenario_option(&sc, "eval", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'o': out_path = optarg; break;
        case 'f': format = optarg; break;
        case 'D': allow_dups = true; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64)
                return usage_error("eval", "--jobs takes a number from 1 to 64, not `%s`", optarg);
            jobs = (int)n;
            break;
        }
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("eval", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("eval", "give a contract file and a roster file");
    OutputFormat fmt = output_format_for(out_path);
    if (format && !strcmp(format, "csv"))
        fmt = FORMAT_CSV;
    else if (format && (!strcmp(format, "jsonl") || !strcmp(format, "json")))
        fmt = FORMAT_JSONL;
    else if (format)
        return usage_error("eval", "--format is csv or jsonl, not `%s`", format);
    int clash = scenario_stdin(&sc, "eval", argv[optind], argv[optind + 1]);
    if (clash)
        return clash;
    if (!format && output_named_json(out_path))
        return usage_error("eval",
                           "-o %s: a .json file is expected to hold one JSON value, but eval writes JSON Lines (one object "
                           "per line): name the file %.*s.jsonl, or give --format jsonl to write JSON Lines to it all the same",
                           out_path, (int)(strrchr(out_path, '.') - out_path), out_path);
    if (!contract_and_roster("eval", argv[optind], argv[optind + 1]))
        return EXIT_USAGE;
    const NamedFile outs[] = {{out_path, "-o"}};
    const NamedFile ins[] = {{argv[optind], "the contract"}, {argv[optind + 1], "the roster"}, {sc.values, "the values file"}};
    int refused;
    Target *to = claim_outputs("eval", outs, 1, ins, sc.values ? 3 : 2, &refused);
    if (!to)
        return refused;

    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov, year;
    if (l.ok) {
        const char *roster_path = argv[optind + 1];
        FILE *in = NULL;
        if (!scenario_apply(&sc, &l.m, &year, ov, &nov))
            status = EXIT_USAGE;
        else if (l.m.noutputs == 0)
            fprintf(stderr, "%s: the contract has no `output` line, so there is nothing to write\n", l.d.path);
        else if (!(in = strcmp(roster_path, "-") ? fopen(roster_path, "rb") : stdin))
            fprintf(stderr, "terms: cannot read %s: %s\n", roster_path, strerror(errno));
        else {
            Program *p = compile_program(&l.m, year, ov, nov);
            status = jobs > 1 ? evaluate_parallel(p, in, roster_path, to, fmt, allow_dups, jobs)
                              : evaluate(p, in, roster_path, to, fmt, allow_dups);
        }
        if (in && in != stdin)
            fclose(in);
    }
    report_errors(&l);
    unload_contract(&l);
    return status;
}
