#include "output.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format.h"

/* A column as a row writer sees it. */
typedef struct {
    const char *key;    /* JSON Lines: `,"name":`, keylen bytes (and 16 more readable) */
    size_t keylen;
    size_t per;         /* text: the most bytes each byte can take; lists: each member */
} Column;

struct Output {
    FILE *f;
    OutputFormat fmt;
    const Program *p;
    char *path;      /* destination; NULL for standard output */
    char *tmp;       /* the temporary file being written */
    bool borrowed;   /* f belongs to the caller (output_to_stream) */
    bool held;       /* no f: rows stay in buf (output_to_memory) */
    bool eager;      /* standard output is a terminal: each row goes out at once */
    char *buf;       /* rows formatted but not yet written to f */
    size_t len, cap;
    Column *cols;
    char *keys;      /* every column's JSON key, escaped once */
    size_t fixed;    /* the most a row's cells of bounded size take */
    int *varying;    /* the text and list columns, whose size a row's values tell */
    int nvarying;
};

/* OUTPUT_BUFFER: rows are formatted straight into a buffer this large and
 * written out when it fills.  CELL: what format_value is given for one
 * value (64 bytes hold any number; an enum member longer than this is
 * written empty). */
enum { OUTPUT_BUFFER = 1 << 20, CELL = 256, MAX_PENDING_PATH = 4096 };

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

/* Writes out the rows held; false if that failed. */
static bool drain(Output *o)
{
    size_t n = o->len;
    o->len = 0;
    return n == 0 || fwrite(o->buf, 1, n, o->f) == n;
}

/* Room for n more bytes, writing out what the buffer holds (and making it
 * larger, for a row bigger than it) if need be; false if a write failed. */
static bool room(Output *o, size_t n)
{
    if (n <= o->cap - o->len)
        return true;
    bool ok = o->held || drain(o);
    if (n > o->cap - o->len) {
        size_t cap = o->held ? 2 * o->cap : 0;
        if (cap < o->len + n)
            cap = o->len + n;
        char *bigger = realloc(o->buf, cap);
        if (!bigger)
            abort();
        o->buf = bigger;
        o->cap = cap;
    }
    return ok;
}

/* The end of a row (or a piece): out at once to a terminal. */
static inline bool done(Output *o)
{
    return !o->eager || (drain(o) && fflush(o->f) == 0);
}

/* What makes a CSV cell need quotes. */
static inline bool csv_special(char c)
{
    return c <= ',' && (c == ',' || c == '"' || c == '\n' || c == '\r');
}

/* Text at q as a CSV cell (at most 2n + 3 bytes): quoted if it holds a
 * comma, a quote or a line end, and if text that a spreadsheet would take
 * for a formula, with a leading '. */
static char *csv_text(char *q, const char *s, size_t n, bool text)
{
    bool neutral = text && formula_like(s, n);
    size_t i = 0;
    if (!neutral)
        for (; i < n && !csv_special(s[i]); i++)
            q[i] = s[i];
    if (i == n)
        return q + n;
    *q++ = '"';
    if (neutral)
        *q++ = '\'';
    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            *q++ = '"';
        *q++ = s[i];
    }
    *q++ = '"';
    return q;
}

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* What turns the numerator of an amount with this denominator into cents,
 * for the denominators dividing 100 (every amount in cents or coarser). */
static const uint8_t cents_per[101] = {
    [1] = 100, [2] = 50, [4] = 25, [5] = 20, [10] = 10, [20] = 5, [25] = 4, [50] = 2, [100] = 1,
};

/* Digits are written two at a time from the top.  n / 100^(pairs - 1) is
 * taken in fixed point, its integer part the first pair and its fraction
 * in 64 bits; each next pair is the integer part of the fraction times
 * 100.  The factors are 2^64 / 100^(pairs - 1) rounded up, which is exact
 * for every n below 10^8. */
typedef unsigned __int128 u128;
static const uint64_t pair_factor[5] = {
    0, 0, UINT64_C(184467440737095517), UINT64_C(1844674407370956), UINT64_C(18446744073710),
};

static inline char *next_pair(char *q, uint64_t *fraction)
{
    u128 t = (u128)*fraction * 100;
    *fraction = (uint64_t)t;
    memcpy(q, digit_pairs + 2 * (uint64_t)(t >> 64), 2);
    return q + 2;
}

/* n < 10^8 at q: all eight digits (leading zeros included) or as many as
 * it has; with point, as an amount of cents ("0.05", "123456.78"). */
static inline char *digits8(char *q, uint32_t n, bool all, bool point)
{
    int pairs = all || n >= 1000000 ? 4 : n >= 10000 ? 3 : n >= 100 || point ? 2 : 1;
    u128 t = pairs == 1 ? (u128)n << 64 : (u128)n * pair_factor[pairs];
    uint32_t top = (uint32_t)(t >> 64);
    uint64_t fraction = (uint64_t)t;
    if (top < 10 && !all) {
        *q++ = (char)('0' + top);
    } else {
        memcpy(q, digit_pairs + 2 * top, 2);
        q += 2;
    }
    switch (pairs) {
    case 4:
        q = next_pair(q, &fraction);
        /* fall through */
    case 3:
        q = next_pair(q, &fraction);
        /* fall through */
    case 2:
        if (point)
            *q++ = '.';
        q = next_pair(q, &fraction);
    }
    return q;
}

/* An amount at q as "-123.45" (at most CELL bytes).  One in whole cents
 * below 10^16 dollars is written here, eight digits at a time, without a
 * division by its denominator; any other is rounded with mode by
 * rat_format_fixed. */
static inline char *money(char *q, Rat a, RoundMode mode)
{
    uint64_t per = a.d <= 100 ? cents_per[a.d] : 0;
    uint64_t u = a.n < 0 ? (uint64_t)0 - (uint64_t)a.n : (uint64_t)a.n;
    if (per == 0 || u >= UINT64_C(10000000000000000))
        return q + rat_format_fixed(a, 2, mode, q, CELL);
    *q = '-';
    q += a.n < 0;
    uint64_t cents = u * per;
    if (cents < 100000000)
        return digits8(q, (uint32_t)cents, false, true);
    /* a million dollars or more: the millions (below 10^10), then the rest */
    uint64_t millions = cents / 100000000;
    if (millions >= 100000000)
        q = digits8(digits8(q, (uint32_t)(millions / 100000000), false, false), (uint32_t)(millions % 100000000), true, false);
    else
        q = digits8(q, (uint32_t)millions, false, false);
    return digits8(q, (uint32_t)(cents % 100000000), true, true);
}

/* The members of a list joined by sep, each as CSV (as it is) or JSON. */
static char *list(char *q, const EnumDef *e, Value v, bool json)
{
    for (uint32_t j = 0; j < v.list.len; j++) {
        const char *m = e->members[v.list.items[j]];
        size_t n = strlen(m);
        if (j)
            *q++ = json ? ',' : ';';
        if (json) {
            q = format_json_into(q, m, n);
        } else {
            memcpy(q, m, n);
            q += n;
        }
    }
    return q;
}

static char *csv_row(const Output *o, char *q, const Value *values)
{
    const ProgOutput *out = o->p->outputs, *end = out + o->p->noutputs;
    const EnumDef *enums = o->p->enums;
    RoundMode mode = o->p->rounding;
    const Value *v = values;
    *q = '\n'; /* a row of no columns */
    for (const ProgOutput *c = out; c < end; c++, v++) {
        TypeKind kind = c->type.kind;
        if (kind == TY_MONEY)
            q = money(q, v->num, mode);
        else if (kind == TY_TEXT)
            q = csv_text(q, v->text.p, v->text.len, true);
        else if (kind == TY_LIST)
            q = list(q, &enums[c->type.enum_id], *v, false);
        else /* numbers, members, yes/no and dates never need quotes */
            q += format_value(*v, c->type, enums, mode, q, CELL);
        *q++ = ',';
    }
    if (out < end)
        q[-1] = '\n';
    else
        q++;
    return q;
}

static char *json_row(const Output *o, char *q, const Value *values)
{
    const ProgOutput *out = o->p->outputs;
    const EnumDef *enums = o->p->enums;
    RoundMode mode = o->p->rounding;
    const Value *v = values;
    *q++ = '{';
    for (const Column *c = o->cols, *end = c + o->p->noutputs; c < end; c++, out++, v++) {
        /* the key 16 bytes at a time: there is room past it, and past q */
        for (size_t k = 0; k < c->keylen; k += 16)
            memcpy(q + k, c->key + k, 16);
        q += c->keylen;
        TypeKind kind = out->type.kind;
        if (kind == TY_MONEY) {
            q = money(q, v->num, mode);
        } else if (kind == TY_TEXT) {
            q = format_json_into(q, v->text.p, v->text.len);
        } else if (kind == TY_BOOL) {
            memcpy(q, v->i ? "true" : "false", 5);
            q += v->i ? 4 : 5;
        } else if (kind == TY_LIST) {
            *q++ = '[';
            q = list(q, &enums[out->type.enum_id], *v, true);
            *q++ = ']';
        } else if (kind == TY_ENUM || kind == TY_DATE) {
            char cell[CELL];
            q = format_json_into(q, cell, format_value(*v, out->type, enums, mode, cell, sizeof cell));
        } else {
            q += format_value(*v, out->type, enums, mode, q, CELL);
        }
    }
    *q++ = '}';
    *q++ = '\n';
    return q;
}

bool output_row(Output *o, const Value *values)
{
    /* room for the row at once: its cells of bounded size, then its texts
     * and lists by their lengths */
    size_t most = o->fixed;
    for (int k = 0; k < o->nvarying; k++) {
        int i = o->varying[k];
        Value v = values[i];
        most += o->cols[i].per * (o->p->outputs[i].type.kind == TY_TEXT ? v.text.len : v.list.len);
    }
    if (!room(o, most))
        return false;
    char *q = o->buf + o->len;
    q = o->fmt == FORMAT_CSV ? csv_row(o, q, values) : json_row(o, q, values);
    o->len = (size_t)(q - o->buf);
    return done(o);
}

/* The Output writing p's rows to f, with what its row writers need. */
static Output *output_new(FILE *f, OutputFormat fmt, const Program *p)
{
    Output *o = calloc(1, sizeof *o);
    Column *cols = calloc((size_t)p->noutputs + 1, sizeof *cols);
    int *varying = calloc((size_t)p->noutputs + 1, sizeof *varying);
    size_t names = 0;
    for (int i = 0; i < p->noutputs; i++)
        names += 6 * strlen(p->outputs[i].name) + 4;
    char *keys = calloc(names + 16, 1);
    char *buf = malloc(OUTPUT_BUFFER);
    if (!o || !cols || !varying || !keys || !buf) {
        free(o), free(cols), free(varying), free(keys), free(buf);
        return NULL;
    }
    *o = (Output){.f = f, .fmt = fmt, .p = p, .buf = buf, .cap = OUTPUT_BUFFER, .cols = cols, .keys = keys, .varying = varying};
    bool json = fmt == FORMAT_JSONL;
    char *k = keys;
    o->fixed = 3; /* a line end, and in JSON Lines the braces */
    for (int i = 0; i < p->noutputs; i++) {
        Type t = p->outputs[i].type;
        Column *c = &cols[i];
        /* JSON Lines: `,"name":`, escaped once */
        char *start = k;
        if (i)
            *k++ = ',';
        k = format_json_into(k, p->outputs[i].name, strlen(p->outputs[i].name));
        *k++ = ':';
        c->key = start;
        c->keylen = (size_t)(k - start);
        o->fixed += 1 + (json ? c->keylen + 16 : 0);
        if (t.kind == TY_TEXT) {
            c->per = json ? 6 : 2;
            o->fixed += 3;
            varying[o->nvarying++] = i;
        } else if (t.kind == TY_LIST) {
            const EnumDef *e = &p->enums[t.enum_id];
            size_t longest = 0;
            for (int m = 0; m < e->count; m++) {
                size_t n = strlen(e->members[m]);
                longest = n > longest ? n : longest;
            }
            c->per = json ? 6 * longest + 3 : longest + 1;
            o->fixed += 2;
            varying[o->nvarying++] = i;
        } else {
            o->fixed += json ? 6 * CELL + 2 : CELL;
        }
    }
    return o;
}

Output *output_open(const char *path, OutputFormat fmt, const Program *p, char *err, size_t cap)
{
    Output *o = output_new(NULL, fmt, p);
    if (!o) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    if (!strcmp(path, "-")) {
        o->f = stdout;
        o->eager = isatty(STDOUT_FILENO);
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
        setvbuf(o->f, NULL, _IONBF, 0); /* o->buf is the buffer */
    }
    if (fmt == FORMAT_CSV) {
        size_t most = 1;
        for (int i = 0; i < p->noutputs; i++)
            most += 2 * strlen(p->outputs[i].name) + 4;
        room(o, most);
        char *q = o->buf + o->len;
        for (int i = 0; i < p->noutputs; i++) {
            if (i)
                *q++ = ',';
            q = csv_text(q, p->outputs[i].name, strlen(p->outputs[i].name), false);
        }
        *q++ = '\n';
        o->len = (size_t)(q - o->buf);
        done(o);
    }
    return o;
}

Output *output_to_stream(FILE *f, OutputFormat fmt, const Program *p)
{
    Output *o = output_new(f, fmt, p);
    if (!o)
        abort();
    o->borrowed = true;
    return o;
}

Output *output_to_memory(OutputFormat fmt, const Program *p)
{
    Output *o = output_new(NULL, fmt, p);
    if (!o)
        abort();
    o->held = true;
    return o;
}

const char *output_held(const Output *o, size_t *len)
{
    *len = o->len;
    return o->buf;
}

void output_clear(Output *o)
{
    o->len = 0;
}

bool output_raw(Output *o, const char *bytes, size_t n)
{
    if (n > o->cap - o->len) /* a large piece goes out as it is */
        return drain(o) && fwrite(bytes, 1, n, o->f) == n && done(o);
    if (n)
        memcpy(o->buf + o->len, bytes, n);
    o->len += n;
    return done(o);
}

static void release(Output *o)
{
    free(o->path);
    free(o->tmp);
    free(o->buf);
    free(o->cols);
    free(o->keys);
    free(o->varying);
    free(o);
}

bool output_commit(Output *o, char *err, size_t cap)
{
    bool ok = drain(o);
    ok = fflush(o->f) == 0 && !ferror(o->f) && ok;
    int saved = errno;
    if (o->borrowed) {
        if (!ok)
            snprintf(err, cap, "cannot write the rows: %s", strerror(saved));
    } else if (o->f != stdout) {
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
    if (o->f && (o->f == stdout || o->borrowed)) {
        /* a stream: the rows given so far go out */
        drain(o);
        fflush(o->f);
    } else if (o->f) {
        fclose(o->f);
    }
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
