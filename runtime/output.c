#include "output.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"

struct Output {
    FILE *f;
    OutputFormat fmt;
    const Program *p;
    char *path;      /* destination; NULL for standard output */
    char *tmp;       /* the temporary file being written */
    char *buf;       /* stdio buffer */
    bool borrowed;   /* f belongs to the caller (output_to_stream) */
    char *line;      /* the CSV row being built */
    size_t len, cap;
    char cell[256];
};

enum { OUTPUT_BUFFER = 1 << 20, MAX_PENDING_PATH = 4096 };

/* The temporary file being written, so that an interrupted run (Ctrl-C,
 * kill) removes it instead of leaving half a result beside the real one.
 * A signal handler can reach nothing else, hence this one static. */
static char pending_tmp[MAX_PENDING_PATH];

static void remove_pending(int sig)
{
    if (pending_tmp[0])
        unlink(pending_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void guard(const char *tmp)
{
    if (!tmp) {
        pending_tmp[0] = '\0';
        return;
    }
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    signal(SIGINT, remove_pending);
    signal(SIGTERM, remove_pending);
    signal(SIGHUP, remove_pending);
    signal(SIGPIPE, remove_pending);
}

OutputFormat output_format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".json") || !strcmp(dot, ".ndjson")))
        return FORMAT_JSONL;
    return FORMAT_CSV;
}

bool formula_like(const char *s, size_t n)
{
    return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

/* The row being built: CSV rows are written with one fwrite each. */
static void reserve(Output *o, size_t n)
{
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->len + n)
            cap *= 2;
        char *bigger = realloc(o->line, cap);
        if (!bigger)
            abort();
        o->line = bigger;
        o->cap = cap;
    }
}

static inline void put(Output *o, const char *s, size_t n)
{
    if (n == 0)
        return; /* an empty text may have no bytes at all (s NULL) */
    reserve(o, n);
    memcpy(o->line + o->len, s, n);
    o->len += n;
}

static void csv_cell(Output *o, const char *s, size_t n, bool text)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    bool neutral = text && formula_like(s, n);
    if (!quote && !neutral) {
        put(o, s, n);
        return;
    }
    put(o, "\"", 1);
    if (neutral)
        put(o, "'", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            put(o, "\"", 1);
        put(o, &s[i], 1);
    }
    put(o, "\"", 1);
}

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* An amount whose denominator divides 100 (every amount in cents or
 * coarser), below 10^16 dollars, written as "-123.45" at the end of the
 * row without going through a division by its denominator; false for any
 * other, which format_value then rounds. */
static bool money_fast(Output *o, Rat a)
{
    int64_t per;
    switch (a.d) {
    case 1: per = 100; break;
    case 2: per = 50; break;
    case 4: per = 25; break;
    case 5: per = 20; break;
    case 10: per = 10; break;
    case 20: per = 5; break;
    case 25: per = 4; break;
    case 50: per = 2; break;
    case 100: per = 1; break;
    default: return false;
    }
    if (a.n >= INT64_C(10000000000000000) || a.n <= -INT64_C(10000000000000000))
        return false;
    uint64_t m = (uint64_t)(a.n < 0 ? -a.n : a.n) * (uint64_t)per;
    char tmp[32];
    char *end = tmp + sizeof tmp, *q = end - 2;
    memcpy(q, digit_pairs + 2 * (m % 100), 2);
    *--q = '.';
    m /= 100;
    while (m >= 100) {
        q -= 2;
        memcpy(q, digit_pairs + 2 * (m % 100), 2);
        m /= 100;
    }
    if (m >= 10) {
        q -= 2;
        memcpy(q, digit_pairs + 2 * m, 2);
    } else {
        *--q = (char)('0' + m);
    }
    if (a.n < 0)
        *--q = '-';
    put(o, q, (size_t)(end - q));
    return true;
}

static bool csv_row(Output *o, const Value *values)
{
    const Program *p = o->p;
    o->len = 0;
    for (int i = 0; i < p->noutputs; i++) {
        Type t = p->outputs[i].type;
        Value v = values[i];
        if (i)
            put(o, ",", 1);
        if (t.kind == TY_MONEY && money_fast(o, v.num)) {
            continue;
        } else if (t.kind == TY_TEXT) {
            csv_cell(o, v.text.p, v.text.len, true);
        } else if (t.kind == TY_LIST) {
            for (uint32_t j = 0; j < v.list.len; j++) {
                const char *m = p->enums[t.enum_id].members[v.list.items[j]];
                if (j)
                    put(o, ";", 1);
                put(o, m, strlen(m));
            }
        } else {
            /* numbers, members, yes/no and dates never need quotes */
            reserve(o, sizeof o->cell);
            o->len += format_value(v, t, p->enums, p->rounding, o->line + o->len, sizeof o->cell);
        }
    }
    put(o, "\n", 1);
    return fwrite(o->line, 1, o->len, o->f) == o->len;
}

Output *output_open(const char *path, OutputFormat fmt, const Program *p, char *err, size_t cap)
{
    Output *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    o->fmt = fmt;
    o->p = p;
    if (!strcmp(path, "-")) {
        o->f = stdout;
    } else {
        o->path = strdup(path);
        int fd = o->path ? pending_open(path, &o->tmp, err, cap) : -1;
        if (fd < 0) {
            if (!o->path)
                snprintf(err, cap, "out of memory");
            output_abort(o);
            return NULL;
        }
        o->f = fdopen(fd, "w");
        if (!o->f) {
            snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
            close(fd);
            output_abort(o);
            return NULL;
        }
    }
    if (o->f != stdout) {
        o->buf = malloc(OUTPUT_BUFFER);
        if (o->buf)
            setvbuf(o->f, o->buf, _IOFBF, OUTPUT_BUFFER);
    } else if (!isatty(STDOUT_FILENO)) {
        /* a pipe or a file: large writes (stdio's default is 4 KiB); the
         * buffer outlives o, as stdout is flushed at exit */
        static char stdout_buf[OUTPUT_BUFFER];
        static bool stdout_buffered;
        if (!stdout_buffered)
            setvbuf(stdout, stdout_buf, _IOFBF, OUTPUT_BUFFER);
        stdout_buffered = true;
    }
    if (fmt == FORMAT_CSV) {
        o->len = 0;
        for (int i = 0; i < p->noutputs; i++) {
            if (i)
                put(o, ",", 1);
            csv_cell(o, p->outputs[i].name, strlen(p->outputs[i].name), false);
        }
        put(o, "\n", 1);
        fwrite(o->line, 1, o->len, o->f);
    }
    return o;
}

Output *output_to_stream(FILE *f, OutputFormat fmt, const Program *p)
{
    Output *o = calloc(1, sizeof *o);
    if (!o)
        abort();
    o->f = f;
    o->fmt = fmt;
    o->p = p;
    o->borrowed = true;
    return o;
}

bool output_raw(Output *o, const char *bytes, size_t n)
{
    return fwrite(bytes, 1, n, o->f) == n;
}

bool output_row(Output *o, const Value *values)
{
    if (o->fmt == FORMAT_CSV)
        return csv_row(o, values);
    const Program *p = o->p;
    FILE *f = o->f;
    putc('{', f);
    for (int i = 0; i < p->noutputs; i++) {
        Type t = p->outputs[i].type;
        Value v = values[i];
        if (i)
            putc(',', f);
        format_json_string(f, p->outputs[i].name, strlen(p->outputs[i].name));
        putc(':', f);
        switch (t.kind) {
        case TY_TEXT:
            format_json_string(f, v.text.p, v.text.len);
            break;
        case TY_BOOL:
            fputs(v.i ? "true" : "false", f);
            break;
        case TY_LIST:
            putc('[', f);
            for (uint32_t j = 0; j < v.list.len; j++) {
                const char *m = p->enums[t.enum_id].members[v.list.items[j]];
                if (j)
                    putc(',', f);
                format_json_string(f, m, strlen(m));
            }
            putc(']', f);
            break;
        case TY_ENUM:
        case TY_DATE: {
            size_t n = format_value(v, t, p->enums, p->rounding, o->cell, sizeof o->cell);
            format_json_string(f, o->cell, n);
            break;
        }
        default: {
            size_t n = format_value(v, t, p->enums, p->rounding, o->cell, sizeof o->cell);
            fwrite(o->cell, 1, n, f);
            break;
        }
        }
    }
    putc('}', f);
    putc('\n', f);
    return !ferror(f);
}

static void release(Output *o)
{
    free(o->line);
    free(o->path);
    free(o->tmp);
    free(o->buf);
    free(o);
}

bool output_commit(Output *o, char *err, size_t cap)
{
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    int saved = errno;
    if (o->f != stdout) {
        ok = fclose(o->f) == 0 && ok;
        saved = ok ? 0 : errno ? errno : saved;
        o->f = NULL;
        if (!ok)
            snprintf(err, cap, "cannot write %s: %s", o->path, strerror(saved));
        ok = pending_commit(ok, o->tmp, o->path, err, cap);
        o->tmp = NULL;
    } else if (!ok) {
        snprintf(err, cap, "cannot write standard output: %s", strerror(saved));
    }
    release(o);
    return ok;
}

void output_abort(Output *o)
{
    if (!o)
        return;
    if (o->borrowed)
        o->f = NULL;
    if (o->f && o->f != stdout)
        fclose(o->f);
    else if (o->f)
        fflush(o->f);
    pending_commit(false, o->tmp, NULL, NULL, 0);
    o->tmp = NULL;
    release(o);
}

int pending_open(const char *path, char **tmp, char *err, size_t cap)
{
    size_t n = strlen(path) + 16;
    *tmp = malloc(n);
    if (!*tmp) {
        snprintf(err, cap, "out of memory");
        return -1;
    }
    snprintf(*tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    guard(*tmp);
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask); /* mkstemp makes it private; the result should not be */
    return fd;
}

bool pending_commit(bool keep, char *tmp, const char *path, char *err, size_t cap)
{
    if (!tmp)
        return keep;
    bool ok = keep && rename(tmp, path) == 0;
    if (keep && !ok && err)
        snprintf(err, cap, "cannot write %s: %s", path, strerror(errno));
    if (!ok)
        unlink(tmp);
    guard(NULL);
    free(tmp);
    return ok;
}
