/* terms eval FILE ROSTER [--year Y] [--set NAME=VALUE]... [-o OUT] [--format csv|jsonl] */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
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
    "  --values FILE        take params, tables and schedules from FILE instead of the contract's\n";

enum { MAX_REPORTED = 10 };

/* "row 12 (id T0012)" */
static void who(const Program *p, const Roster *r, const Value *record, char *buf, size_t cap)
{
    if (p->id_field >= 0)
        snprintf(buf, cap, "row %ld (%s %.*s)", roster_row(r), p->schema->fields[p->id_field].name,
                 (int)(record[p->id_field].text.len > 40 ? 40 : record[p->id_field].text.len), record[p->id_field].text.p);
    else
        snprintf(buf, cap, "row %ld", roster_row(r));
}

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

/* Evaluates every row of r into out (nothing more once a row has failed). */
static void run_rows(const Program *p, Roster *r, const char *path, Output *out, Tally *t)
{
    VM *vm = vm_new(p);
    Value *record = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
    FILE *reports = open_memstream(&t->reports, &t->reports_len);
    while ((t->got = roster_next(r, record, t->err, sizeof t->err)) == 1) {
        t->rows++;
        vm_begin(vm, record);
        const Value *const *values = vm_outputs(vm);
        if (!values) {
            if (++t->failures <= MAX_REPORTED) {
                char name[128];
                who(p, r, record, name, sizeof name);
                fprintf(reports, "%s:%ld: %s: error: %s\n", path, roster_line(r), name, vm_error(vm));
            }
            continue;
        }
        if (!t->failures && !output_row(out, values)) {
            t->write_failed = true;
            break;
        }
        t->written += !t->failures;
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

static int evaluate(const Program *p, FILE *in, const char *roster_path, Target *to, OutputFormat fmt)
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
    Tally t = {0};
    run_rows(p, r, roster_path, out, &t);
    fwrite(t.reports, 1, t.reports_len, stderr);
    free(t.reports);
    roster_close(r);
    return finish(out, roster_path, to, &t, t.failures < MAX_REPORTED ? t.failures : MAX_REPORTED);
}

/* ---- --jobs N: pieces of the roster evaluated side by side ----
 *
 * The main thread cuts the roster into pieces of whole rows (a line end
 * outside quotes ends a row) and gives each the header, so each is a
 * roster of its own; threads evaluate and format them; the main thread
 * writes their output in roster order. */

enum { PIECE_BYTES = 128 << 10 };

typedef struct {
    const Program *p;
    const char *path;
    OutputFormat fmt;
    char *data;             /* header + rows; kept for the ring slot's next piece */
    size_t len, cap;
    long rows_before, line; /* numbering within the whole roster */
    long rows, lines;       /* the rows and line ends it holds */
    Output *out;            /* its rows, formatted; kept for the slot's next piece */
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
    if (!r) { /* the header was read once already: only if memory ran out */
        pc->t.got = -1;
        snprintf(pc->t.err, sizeof pc->t.err, "%s", err);
    } else {
        roster_renumber(r, pc->rows_before, pc->line);
        run_rows(pc->p, r, pc->path, pc->out, &pc->t);
    }
    roster_close(r);
    return NULL;
}

typedef struct {
    FILE *in;
    char *buf;
    size_t len, cap;
    bool eof;
} Reader;

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

/* The end of the last whole row in buf[0..limit) (0 if none), with the
 * rows and the line ends before it. */
static size_t whole_rows(const char *buf, size_t limit, long *rows, long *lines)
{
    if (!memchr(buf, '"', limit)) { /* no quotes: every line end ends a row */
        size_t end = limit;
        while (end > 0 && buf[end - 1] != '\n')
            end--;
        *rows = *lines = count_line_ends(buf, end);
        return end;
    }
    bool quoted = false;
    size_t end = 0;
    long r = 0, l = 0, rows_at_end = 0, lines_at_end = 0;
    for (size_t i = 0; i < limit; i++) {
        if (buf[i] == '"') {
            quoted = !quoted;
        } else if (buf[i] == '\n') {
            l++;
            if (!quoted) {
                r++;
                end = i + 1;
                rows_at_end = r;
                lines_at_end = l;
            }
        }
    }
    *rows = rows_at_end;
    *lines = lines_at_end;
    return end;
}

/* The end of the first row in buf[0..limit), 0 if it does not end there. */
static size_t first_row(const char *buf, size_t limit)
{
    bool quoted = false;
    for (size_t i = 0; i < limit; i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (buf[i] == '\n' && !quoted)
            return i + 1;
    }
    return 0;
}

/* Cuts the next piece of whole rows (header first) from the reader;
 * false at the end of the roster. */
static bool cut_piece(Reader *rd, size_t *start, const char *head, size_t header, Piece *pc)
{
    long rows = 0, lines = 0;
    size_t take = 0;
    for (;;) {
        /* compact, then read until a piece's worth is at hand or the file ends */
        memmove(rd->buf, rd->buf + *start, rd->len - *start);
        rd->len -= *start;
        *start = 0;
        while (rd->len < PIECE_BYTES && read_more(rd))
            ;
        take = whole_rows(rd->buf, rd->len < PIECE_BYTES ? rd->len : PIECE_BYTES, &rows, &lines);
        if (take == 0)
            take = whole_rows(rd->buf, rd->len, &rows, &lines);
        if (take > 0 || rd->eof || !read_more(rd))
            break;
        /* a row longer than all that was read: read on */
    }
    if (take == 0 && rd->len > 0) { /* the last row, with no line end */
        take = rd->len;
        rows = 1;
        lines = 0;
    }
    if (take == 0)
        return false;
    pc->len = header + take;
    if (pc->cap < pc->len) {
        free(pc->data);
        pc->cap = pc->len;
        pc->data = malloc(pc->cap);
        if (!pc->data)
            abort();
    }
    memcpy(pc->data, head, header);
    memcpy(pc->data + header, rd->buf, take);
    *start = take;
    pc->rows = rows;
    pc->lines = lines;
    return true;
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

static int evaluate_parallel(const Program *p, FILE *in, const char *roster_path, Target *to, OutputFormat fmt, int jobs)
{
    char err[1024];
    Reader rd = {.in = in};
    /* the header, checked once; every piece gets a copy */
    size_t header = 0;
    while ((header = first_row(rd.buf, rd.len)) == 0 && read_more(&rd))
        ;
    if (header == 0) /* a header alone, or nothing: the roster reader says what is wrong */
        header = rd.len;
    FILE *hin = fmemopen(rd.buf ? rd.buf : (char *)"", header ? header : 1, "rb");
    Roster *check = hin ? roster_open(hin, roster_path, p->schema, err, sizeof err) : NULL;
    if (!check) {
        fprintf(stderr, "%s\n", hin ? err : "terms: out of memory");
        if (hin)
            fclose(hin);
        free(rd.buf);
        return EXIT_BAD_INPUT;
    }
    roster_close(check);
    fclose(hin);
    Output *out = output_open(to, fmt, p, err, sizeof err);
    if (!out) {
        fprintf(stderr, "terms: %s\n", err);
        free(rd.buf);
        return EXIT_BAD_INPUT;
    }
    char *head = malloc(header);
    memcpy(head, rd.buf, header);
    size_t start = header; /* rd.buf[start..len) is not yet in a piece */

    Pipeline pl = {.size = 8 * jobs}; /* room enough that a worker ahead never waits for the one behind */
    pthread_mutex_init(&pl.lock, NULL);
    pthread_cond_init(&pl.work, NULL);
    pthread_cond_init(&pl.ready, NULL);
    pl.ring = calloc((size_t)pl.size, sizeof *pl.ring);
    pl.done = calloc((size_t)pl.size, sizeof *pl.done);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    for (int i = 0; i < jobs; i++)
        pthread_create(&threads[i], NULL, worker, &pl);

    Tally total = {0};
    long reported = 0, rows_before = 0, line = 2;
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
            /* the next piece in order: its messages, then its rows */
            Piece *pc = &pl.ring[written % pl.size];
            if (!stop) {
                const char *s = pc->t.reports;
                while (s && reported < MAX_REPORTED && *s) {
                    const char *nl = strchr(s, '\n');
                    fwrite(s, 1, (size_t)(nl - s + 1), stderr);
                    s = nl + 1;
                    reported++;
                }
                total.rows += pc->t.rows;
                total.failures += pc->t.failures;
                if (pc->t.got < 0) {
                    total.got = -1;
                    memcpy(total.err, pc->t.err, sizeof total.err);
                }
                total.write_failed |= pc->t.write_failed;
                size_t n;
                const char *rows = output_held(pc->out, &n);
                if (!total.failures && total.got >= 0 && !total.write_failed) {
                    total.write_failed = !output_raw(out, rows, n);
                    total.written += pc->t.written;
                }
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
                        .data = next->data, .cap = next->cap, .out = next->out};
        bool more = !stop && cut_piece(&rd, &start, head, header, next);
        pthread_mutex_lock(&pl.lock);
        if (more) {
            pl.cut++;
            rows_before += next->rows;
            line += next->lines;
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
    }
    free(pl.ring);
    free(pl.done);
    free(head);
    free(rd.buf);
    return finish(out, roster_path, to, &total, reported);
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"format", required_argument, 0, 'f'}, {"jobs", required_argument, 0, 'j'},
        SCENARIO_OPTIONS, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *out_path = "-", *format = NULL;
    Scenario sc = {0};
    int ch, jobs = 1;
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
    if (!strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-"))
        return usage_error("eval", "the contract and the roster cannot both come from standard input");
    if (!format && output_named_json(out_path))
        return usage_error("eval",
                           "-o %s: a .json file is expected to hold one JSON value, but eval writes JSON Lines (one object "
                           "per line): name the file %.*s.jsonl, or give --format jsonl to write JSON Lines to it all the same",
                           out_path, (int)(strrchr(out_path, '.') - out_path), out_path);
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
            status = jobs > 1 ? evaluate_parallel(p, in, roster_path, to, fmt, jobs)
                              : evaluate(p, in, roster_path, to, fmt);
        }
        if (in && in != stdin)
            fclose(in);
    }
    report_errors(&l);
    unload_contract(&l);
    return status;
}
