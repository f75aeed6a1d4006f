/* output.c: `terms eval`'s rows written as CSV or JSON Lines, to a file
 * (through a temporary file, committed or removed), a stream, or memory
 * (--jobs), with cells that look like formulas neutralised. */
#include "output.h"
#include "alloc.h"
#include "gnuc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "format.h"
#include "words.h"

/* Columns as the CSV row writer goes through them, chosen at open: a run
 * of n amounts shown in cents (money_places 2) one after another, the
 * commonest column by far, written in one tight loop; one text column;
 * one column of another type, col; and the end of the row, which a row of
 * no columns has alone (RUN_NONE).  A JSON Lines row is one RUN_JSON. */
typedef enum { RUN_CENTS, RUN_TEXT, RUN_ONE, RUN_END, RUN_NONE, RUN_JSON } RunKind;
typedef struct {
    RunKind kind;
    int col;   /* the run's first column */
    int n;     /* how many columns it has */
} Run;

/* A column as a row writer sees it. */
typedef struct {
    Type type;
    const EnumDef *e;   /* lists: their members' enum */
    size_t per;         /* texts: the most bytes each byte can take; lists: each member */
    const char *key;    /* JSON Lines: `,"name":`, keylen bytes (and 16 more readable) */
    size_t keylen;
} Column;

struct Output {
    FILE *f;
    OutputFormat fmt;
    Target *target;  /* where output_open writes */
    bool borrowed;   /* f belongs to the caller (output_to_stream) */
    bool held;       /* no f: rows stay in buf (output_to_memory) */
    bool eager;      /* a terminal: each row goes out at once */
    char *buf;       /* rows formatted but not yet written to f */
    size_t len, cap;
    Column *cols;
    int ncols;
    Run *runs;       /* the columns in runs, ended by RUN_END */
    const EnumDef *enums;
    char *keys;      /* every column's JSON key, escaped once */
    size_t fixed;    /* the most a row takes whose texts and lists are short */
    size_t limit;    /* where a row may start: room for fixed after it (0 to a terminal) */
};

/* OUTPUT_BUFFER: rows are formatted straight into a buffer this large and
 * written out when it fills.  CELL: what format_value is given for one
 * value (72 bytes hold any number; an enum member longer than this is
 * written empty). */
enum { OUTPUT_BUFFER = 1 << 20, CELL = 256 };

/* Texts of at most SHORT bytes and lists of at most SHORT members: what
 * every row is given room for at once (o->fixed).  A row with a longer
 * one is written again after room for all of it. */
enum { SHORT = 256 };

OutputFormat output_format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json") || !strcasecmp(dot, ".ndjson")))
        return FORMAT_JSONL;
    return FORMAT_CSV;
}

bool output_named_json(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && !strcasecmp(dot, ".json");
}

/* Tables of every number below 10^4: padded4 its digits with leading
 * zeros ("0042"); left8 without them, then zeros, and in its last byte
 * how many digits that is ("42", 2); tail4 the last four digits of an
 * amount in cents, its last two dollar digits and its cents, and the comma
 * after its cell ("00.42,": 8 bytes, 6 used).  The bytes past what each
 * entry writes are written over by what follows. */
#define TEN1(m) m('0'), m('1'), m('2'), m('3'), m('4'), m('5'), m('6'), m('7'), m('8'), m('9')
#define TEN2(m, a) m(a, '0'), m(a, '1'), m(a, '2'), m(a, '3'), m(a, '4'), m(a, '5'), m(a, '6'), m(a, '7'), m(a, '8'), m(a, '9')
#define TEN3(m, a, b)                                                                                              \
    m(a, b, '0'), m(a, b, '1'), m(a, b, '2'), m(a, b, '3'), m(a, b, '4'), m(a, b, '5'), m(a, b, '6'), m(a, b, '7'), \
        m(a, b, '8'), m(a, b, '9')
#define TEN4(m, a, b, c)                                                                                           \
    m(a, b, c, '0'), m(a, b, c, '1'), m(a, b, c, '2'), m(a, b, c, '3'), m(a, b, c, '4'), m(a, b, c, '5'),             \
        m(a, b, c, '6'), m(a, b, c, '7'), m(a, b, c, '8'), m(a, b, c, '9')
#define PADDED(a, b, c, d) {a, b, c, d}
#define LENGTH(a, b, c, d) (a != '0' ? 4 : b != '0' ? 3 : c != '0' ? 2 : 1)
#define LEFT(a, b, c, d)                                                                                           \
    {a != '0' ? a : b != '0' ? b : c != '0' ? c : d, a != '0' ? b : b != '0' ? c : c != '0' ? d : 0,              \
     a != '0' ? c : b != '0' ? d : 0, a != '0' ? d : 0, 0, 0, 0, LENGTH(a, b, c, d)}
#define TAIL(a, b, c, d) {a, b, '.', c, d, ',', 0, 0}
#define PADDED3(a, b, c) TEN4(PADDED, a, b, c)
#define PADDED2(a, b) TEN3(PADDED3, a, b)
#define PADDED1(a) TEN2(PADDED2, a)
#define LEFT3(a, b, c) TEN4(LEFT, a, b, c)
#define LEFT2(a, b) TEN3(LEFT3, a, b)
#define LEFT1(a) TEN2(LEFT2, a)
#define TAIL3(a, b, c) TEN4(TAIL, a, b, c)
#define TAIL2(a, b) TEN3(TAIL3, a, b)
#define TAIL1(a) TEN2(TAIL2, a)
enum { NOT_CENTS = 1 << 27 };
#define N NOT_CENTS
/* In one object, so that one register holds where all of them are. */
static const struct {
    char left8[10000][8];
    char tail4[10000][8];
    char padded4[10000][4];
    /* What turns the numerator of an amount with this denominator into
     * cents, for the denominators dividing 100 (every amount in cents or
     * coarser); for any other, a factor making every numerator but 0
     * (whose denominator is 1) too many cents for cents_cell: 2^27 >
     * CENTS_FAST, and times a numerator below CENTS_FAST below 2^64. */
    uint64_t cents_per[101];
    /* The first bytes of a formula (formula_like), as 0x80. */
    uint8_t formula[256];
} tables = {
    .left8 = {TEN1(LEFT1)},
    .tail4 = {TEN1(TAIL1)},
    .padded4 = {TEN1(PADDED1)},
    .cents_per = {
        N, 100, 50, N, 25, 20, N, N, N, N,       /* 0 to 9 */
        10, N, N, N, N, N, N, N, N, N,           /* 10 to 19 */
        5, N, N, N, N, 4, N, N, N, N,            /* 20 to 29 */
        N, N, N, N, N, N, N, N, N, N,            /* 30 to 39 */
        N, N, N, N, N, N, N, N, N, N,            /* 40 to 49 */
        2, N, N, N, N, N, N, N, N, N,            /* 50 to 59 */
        N, N, N, N, N, N, N, N, N, N,            /* 60 to 69 */
        N, N, N, N, N, N, N, N, N, N,            /* 70 to 79 */
        N, N, N, N, N, N, N, N, N, N,            /* 80 to 89 */
        N, N, N, N, N, N, N, N, N, N,            /* 90 to 99 */
        1,                                      /* 100 */
    },
    .formula = {['='] = 0x80, ['+'] = 0x80, ['-'] = 0x80, ['@'] = 0x80, ['\t'] = 0x80, ['\r'] = 0x80},
};
#undef N

bool formula_like(const char *s, size_t n)
{
    return n > 0 && tables.formula[(unsigned char)s[0]];
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
        o->buf = xrealloc(o->buf, cap);
        o->cap = cap;
    }
    o->limit = o->eager ? 0 : o->cap - o->fixed;
    return ok;
}

/* After a row (or a piece) that left o->len past o->limit: to a terminal
 * the row goes out at once, else room is made for the next row. */
static NOINLINE bool settle(Output *o)
{
    if (o->eager)
        return drain(o) && fflush(o->f) == 0;
    return room(o, o->fixed);
}

/* The end of a row or a piece: the one test each row makes of the room
 * left, as it leaves room enough for the next (o->limit). */
static inline bool done(Output *o)
{
    return o->len <= o->limit || settle(o);
}

/* Words of eight bytes, loaded and stored unaligned, the first byte the
 * lowest whatever the machine's byte order. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LITTLE64(w) __builtin_bswap64(w)
#else
#define LITTLE64(w) (w)
#endif

static inline uint64_t load8(const char *s)
{
    return LITTLE64(word8(s));
}

static inline void store8(char *q, uint64_t w)
{
    w = LITTLE64(w);
    memcpy(q, &w, 8);
}

/* The bytes of w at most ',' (bytes from 128 never are), as their top
 * bits, and whether there is one: a byte below ',' + 1 is the first to
 * borrow when ',' + 1 is taken from each. */
static inline uint64_t bytes_to_comma(uint64_t w)
{
    return bytes_below(w, ',' + 1);
}

static inline bool some_byte_to_comma(uint64_t w)
{
    return bytes_to_comma(w) != 0;
}

/* A word whose bytes are all from '-' to 0xac as none of its top bits:
 * any byte below '-' (every byte a CSV cell is quoted for, and a
 * formula's '+', tab and CR) marks the top bit of the first of them,
 * and bytes past ASCII may mark theirs.  Cheaper than bytes_below, for a
 * test that may say no to a text that would have done. */
static inline uint64_t below_dash(uint64_t w)
{
    return w - EACH_BYTE('-');
}

/* What makes a CSV cell need quotes. */
static inline bool csv_special(char c)
{
    return c <= ',' && (c == ',' || c == '"' || c == '\n' || c == '\r');
}

/* Text at q in quotes, its quotes doubled; with a leading ' if neutral. */
static COLD char *csv_quoted(char *q, const char *s, size_t n, bool neutral)
{
    *q++ = '"';
    if (neutral)
        *q++ = '\'';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *q++ = '"';
        *q++ = s[i];
    }
    *q++ = '"';
    return q;
}

/* Text at q as a CSV cell (at most 2n + 3 bytes): quoted if it holds a
 * comma, a quote or a line end, and if text that a spreadsheet would take
 * for a formula, with a leading '.  Plain text is copied as it is looked
 * at, eight bytes at a time while none is ',', '"' or a line end (nor a
 * space or another byte below ',': from there the byte loop looks). */
static char *csv_text(char *q, const char *s, size_t n, bool text)
{
    if (text && formula_like(s, n))
        return csv_quoted(q, s, n, true);
    size_t i = 0;
    for (uint64_t w; i + 8 <= n && !some_byte_to_comma(w = load8(s + i)); i += 8)
        store8(q + i, w);
    for (; i < n && !csv_special(s[i]); i++)
        q[i] = s[i];
    return i == n ? q + n : csv_quoted(q, s, n, false);
}

bool csv_write_field(FILE *f, const char *s, size_t n)
{
    char small[256];
    char *buf = n <= (sizeof small - 3) / 2 ? small : xmalloc(2 * n + 3);
    size_t len = (size_t)(csv_text(buf, s, n, true) - buf);
    bool ok = fwrite(buf, 1, len, f) == len;
    if (buf != small)
        free(buf);
    return ok;
}

/* The amounts cents_cell writes: below a million dollars. */
#define CENTS_FAST 100000000

/* n < 10^4 at q without leading zeros ("42"), in one 8-byte store: the
 * next write covers the bytes past its digits. */
static inline char *left_digits(char *q, uint32_t n)
{
    uint64_t w = load8(tables.left8[n]);
    store8(q, w);
    return q + (w >> 56);
}

/* c < CENTS_FAST cents as an amount and a comma at q ("0.05,",
 * "123456.78,"): the dollars above the last two from left8, the rest from
 * tail4, each in one store (8 bytes: the next cell writes over the last
 * two).  Returns the end, past the comma. */
static ALWAYS_INLINE char *cents_cell(char *q, uint32_t c)
{
    if (__builtin_expect(c < 10000, 0)) { /* below $100: "00.05," less its first zero if c < 1000 */
        uint64_t w = load8(tables.tail4[c]);
        if (c < 1000) {
            store8(q, w >> 8);
            return q + 5;
        }
        store8(q, w);
        return q + 6;
    }
    /* c / 10000 for c < 2^27, by a multiplier that fits an instruction */
    uint32_t hi = (uint32_t)((uint64_t)c * 109951163 >> 40), lo = c - hi * 10000;
    q = left_digits(q, hi);
    memcpy(q, tables.tail4[lo], 8);
    return q + 6;
}

/* Any other amount and a comma at q: a negative one, one not in whole
 * cents or one of a million dollars or more.  One in whole cents below
 * 10^16 dollars is written here (above the last four digits, four at a
 * time from the bottom), any other exactly by rat_format_exact
 * ("46044.075", "21000/97"). */
static COLD char *money_rare(char *q, Rat a)
{
    uint64_t u = a.n < 0 ? (uint64_t)0 - (uint64_t)a.n : (uint64_t)a.n;
    if (a.d > 100 || tables.cents_per[a.d] == NOT_CENTS || u >= UINT64_C(10000000000000000)) {
        q += rat_format_exact(a, 2, q, CELL);
        *q++ = ',';
        return q;
    }
    *q = '-';
    q += a.n < 0;
    uint64_t cents = u * tables.cents_per[a.d];
    if (cents < CENTS_FAST)
        return cents_cell(q, (uint32_t)cents);
    /* below 10^18 cents: at most three groups of four between the first
     * digits and the last four */
    uint64_t hi = cents / 10000;
    char digits[12], *end = digits + sizeof digits, *p = end;
    while (hi >= 10000) {
        p -= 4;
        memcpy(p, tables.padded4[hi % 10000], 4);
        hi /= 10000;
    }
    q = left_digits(q, hi);
    memcpy(q, p, (size_t)(end - p));
    q += end - p;
    memcpy(q, tables.tail4[cents % 10000], 8);
    return q + 6;
}

/* An amount and a comma at q as "-123.45," (at most CELL + 1 bytes).  One
 * in whole cents from 0.00 to 999999.99, the commonest by far, is written
 * here without a division by its denominator, any other by money_rare.
 * The numerator and the denominator come as two words: the VM has just
 * stored them as two, and a 16-byte load of both would wait for the
 * stores. */
static ALWAYS_INLINE char *money(char *q, int64_t n, int64_t d)
{
    uint64_t cents;
    /* a negative n is a large unsigned one */
    if ((uint64_t)n >= CENTS_FAST || d > 100 || (cents = (uint64_t)n * tables.cents_per[d]) >= CENTS_FAST)
        return money_rare(q, (Rat){n, d});
    return cents_cell(q, (uint32_t)cents);
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

/* One CSV cell at q that is neither an amount in cents nor text, and the
 * comma after it; NULL for a list longer than longest (members). */
static COLD char *csv_cell(const Output *o, char *q, const Column *c, const Value *v,
                                                      uint32_t longest)
{
    if (c->type.kind == TY_LIST) {
        if (v->list.len > longest)
            return NULL;
        q = list(q, c->e, *v, false);
    } else { /* numbers, members, yes/no and dates never need quotes */
        q += format_value(*v, c->type, o->enums, q, CELL);
    }
    *q++ = ',';
    return q;
}

/* Money and decimals go as strings, exact ("75112.67", "1/3"): a JSON
 * number is read as binary floating point by most readers, which cannot
 * hold 1234567890123456.78 or 0.1. */
static char *json_row(const Output *o, char *q, const Value *const *values, uint32_t longest)
{
    const Column *c = o->cols, *end = c + o->ncols;
    *q++ = '{';
    for (; c < end; c++, values++) {
        const Value *v = *values;
        /* the key 16 bytes at a time: there is room past it, and past q */
        for (size_t k = 0; k < c->keylen; k += 16)
            memcpy(q + k, c->key + k, 16);
        q += c->keylen;
        TypeKind kind = c->type.kind;
        if (kind == TY_MONEY && !c->type.enum_id) {
            *q++ = '"';
            q = money(q, v->num.n, v->num.d);
            q[-1] = '"';
        } else if (kind == TY_TEXT) {
            if (v->text.len > longest)
                return NULL;
            q = format_json_into(q, v->text.p, v->text.len);
        } else if (kind == TY_BOOL) {
            memcpy(q, v->i ? "true" : "false", 5);
            q += v->i ? 4 : 5;
        } else if (kind == TY_LIST) {
            if (v->list.len > longest)
                return NULL;
            *q++ = '[';
            q = list(q, c->e, *v, true);
            *q++ = ']';
        } else if (kind == TY_ENUM || kind == TY_DATE) {
            char cell[CELL];
            q = format_json_into(q, cell, format_value(*v, c->type, o->enums, cell, sizeof cell));
        } else if (kind == TY_DECIMAL || kind == TY_MONEY) { /* money shown with more places than cents too */
            *q++ = '"';
            q += format_value(*v, c->type, o->enums, q, CELL);
            *q++ = '"';
        } else { /* integers: whole numbers, exact as JSON numbers */
            q += format_value(*v, c->type, o->enums, q, CELL);
        }
    }
    *q++ = '}';
    *q++ = '\n';
    return q;
}

/* The row from values on at q, from run r on, left columns being left
 * in r (see Run), in CSV or JSON Lines; NULL if it has a text or list
 * longer than longest (bytes or members).  A whole row is
 * csv_rest(o, q, values, o->runs, o->runs->n, longest). */
static NOINLINE char *csv_rest(const Output *o, char *q, const Value *const *values, const Run *r,
                                                int left, uint32_t longest)
{
    for (;; left = (++r)->n) {
        const Value *v;
        switch (r->kind) {
        case RUN_CENTS:
            for (; left > 0; left--)
                v = *values++, q = money(q, v->num.n, v->num.d);
            break;
        case RUN_TEXT:
            v = *values++;
            if (v->text.len > longest)
                return NULL;
            q = csv_text(q, v->text.p, v->text.len, true);
            *q++ = ',';
            break;
        case RUN_ONE:
            q = csv_cell(o, q, &o->cols[r->col], *values++, longest);
            if (!q)
                return NULL;
            break;
        case RUN_END:
            q[-1] = '\n';
            return q;
        case RUN_NONE:
            *q++ = '\n';
            return q;
        case RUN_JSON:
            return json_row(o, q, values, longest);
        }
    }
}

/* The most a row of these values takes, whatever its texts and lists. */
static size_t most(const Output *o, const Value *const *values)
{
    size_t n = o->fixed;
    for (int i = 0; i < o->ncols; i++) {
        TypeKind kind = o->cols[i].type.kind;
        if (kind == TY_TEXT || kind == TY_LIST)
            n += o->cols[i].per * (kind == TY_TEXT ? values[i]->text.len : values[i]->list.len);
    }
    return n;
}

/* The row of values, whose writing ended at q (NULL if it has a text or
 * list longer than output_row gives room for), as output_row ends it: a
 * row with a long text or list is written again after room for all of
 * it, nothing kept of what was. */
static bool row_written(Output *o, char *q, const Value *const *values)
{
    if (!q) {
        if (!room(o, most(o, values)))
            return false;
        q = csv_rest(o, o->buf + o->len, values, o->runs, o->runs->n, UINT32_MAX);
    }
    o->len = (size_t)(q - o->buf);
    return done(o);
}

/* What output_row does not write itself: the row from values on, at q,
 * from run r on (see csv_rest).  The row began r->col columns and the
 * run's columns before the left ones earlier. */
static NOINLINE bool csv_finish(Output *o, char *q, const Value *const *values, const Run *r,
                                                 int left)
{
    const Value *const *row = values - (r->col + r->n - left);
    return row_written(o, csv_rest(o, q, values, r, left, SHORT), row);
}

/* A CSV row's amounts in cents (below CENTS_FAST) and its texts of 8 to 16
 * bytes that need no quotes (an id), the commonest cells by far, are
 * written here; at any other cell the rest of the row is csv_finish's.
 * This makes no call but those last ones, so that it saves no registers.
 * There is room for o->fixed bytes, which a row of short texts and lists
 * takes at most: done leaves that much after each row. */
bool output_row(Output *o, const Value *const *values)
{
    const Value *const *end;
    const Run *r = o->runs;
    char *q = o->buf + o->len;
#if TERMS_GNU_C
    static const void *const run_kind[] = {
        [RUN_CENTS] = &&cents, [RUN_TEXT] = &&text, [RUN_ONE] = &&other, [RUN_END] = &&row_end, [RUN_NONE] = &&other,
        [RUN_JSON] = &&other,
    };
#define NEXT_RUN() goto *run_kind[(++r)->kind]
    goto *run_kind[r->kind];
#else
#define NEXT_RUN() do { r++; goto next_run; } while (0)
next_run:
    switch (r->kind) {
    case RUN_CENTS: goto cents;
    case RUN_TEXT: goto text;
    case RUN_END: goto row_end;
    default: goto other;
    }
#endif
cents:
    end = values + r->n;
    do {
        int64_t n = (*values)->num.n, d = (*values)->num.d;
        uint64_t c;
        /* a negative n is a large unsigned one */
        if ((uint64_t)n >= CENTS_FAST || d > 100 || (c = (uint64_t)n * tables.cents_per[d]) >= CENTS_FAST)
            return csv_finish(o, q, values, r, (int)(end - values));
        q = cents_cell(q, (uint32_t)c);
    } while (++values != end);
    NEXT_RUN();
text: {
        const char *s = (*values)->text.p;
        size_t n = (*values)->text.len;
        if (n - 8 > 8)
            goto other;
        uint64_t first = load8(s), last = load8(s + n - 8);
        if ((below_dash(first) | below_dash(last) | tables.formula[first & 0xff]) & EACH_BYTE(0x80))
            goto other;
        store8(q, first);
        store8(q + n - 8, last);
        q[n] = ',';
        q += n + 1;
        values++;
        NEXT_RUN();
    }
row_end:
    q[-1] = '\n';
    o->len = (size_t)(q - o->buf);
    return done(o);
other:
    return csv_finish(o, q, values, r, r->n);
#undef NEXT_RUN
}

/* The Output writing p's rows to f, with what its row writers need. */
static Output *output_new(FILE *f, OutputFormat fmt, const Program *p)
{
    Output *o = xcalloc(1, sizeof *o);
    Column *cols = xcalloc((size_t)p->noutputs + 1, sizeof *cols);
    size_t names = 0;
    for (int i = 0; i < p->noutputs; i++)
        names += 6 * strlen(p->outputs[i].name) + 4;
    char *keys = xcalloc(names + 16, 1);
    char *buf = xmalloc(OUTPUT_BUFFER);
    Run *runs = xcalloc((size_t)p->noutputs + 1, sizeof *runs), *r = runs;
    *o = (Output){.f = f, .fmt = fmt, .buf = buf, .cap = OUTPUT_BUFFER, .cols = cols, .ncols = p->noutputs,
                  .runs = runs, .enums = p->enums, .keys = keys};
    bool json = fmt == FORMAT_JSONL;
    char *k = keys;
    o->fixed = 3; /* a line end, and in JSON Lines the braces */
    for (int i = 0; i < p->noutputs; i++) {
        Type t = p->outputs[i].type;
        Column *c = &cols[i];
        c->type = t;
        RunKind kind = t.kind == TY_MONEY && money_places(t) == 2 ? RUN_CENTS : t.kind == TY_TEXT ? RUN_TEXT : RUN_ONE;
        if (kind == RUN_CENTS && r > runs && r[-1].kind == RUN_CENTS)
            r[-1].n++;
        else
            *r++ = (Run){kind, i, 1};
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
            o->fixed += 3 + SHORT * c->per;
        } else if (t.kind == TY_LIST) {
            c->e = &p->enums[t.enum_id];
            size_t longest = 0;
            for (int m = 0; m < c->e->count; m++) {
                size_t n = strlen(c->e->members[m]);
                longest = n > longest ? n : longest;
            }
            c->per = json ? 6 * longest + 3 : longest + 1;
            o->fixed += 2 + SHORT * c->per;
        } else {
            o->fixed += json ? 6 * CELL + 2 : CELL;
        }
    }
    *r = (Run){p->noutputs ? RUN_END : RUN_NONE, p->noutputs, 0};
    if (json)
        runs[0] = (Run){RUN_JSON, 0, p->noutputs};
    room(o, o->fixed); /* a buffer larger than OUTPUT_BUFFER for a row that wide */
    o->limit = o->cap - o->fixed;
    return o;
}

OutputFormat output_format(const Output *o)
{
    return o->fmt;
}

Output *output_open(Target *t, OutputFormat fmt, const Program *p, char *err, size_t cap)
{
    Output *o = output_new(NULL, fmt, p);
    o->target = t;
    if (t->kind == TARGET_STDOUT) {
        o->f = stdout;
    } else {
        int fd = target_open(t, err, cap);
        if (fd < 0) {
            output_abort(o);
            return NULL;
        }
        o->f = fdopen(fd, "w");
        if (!o->f) {
            snprintf(err, cap, "cannot write %s: %s", t->name, strerror(errno));
            close(fd);
            output_abort(o);
            return NULL;
        }
        setvbuf(o->f, NULL, _IONBF, 0); /* o->buf is the buffer */
    }
    o->eager = isatty(fileno(o->f));
    if (o->eager)
        o->limit = 0;
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
    o->borrowed = true;
    return o;
}

Output *output_to_memory(OutputFormat fmt, const Program *p)
{
    Output *o = output_new(NULL, fmt, p);
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
    if (n >= OUTPUT_BUFFER / 16 || n > o->cap - o->len) /* a large piece goes out as it is */
        return drain(o) && fwrite(bytes, 1, n, o->f) == n && (!o->eager || fflush(o->f) == 0);
    if (n)
        memcpy(o->buf + o->len, bytes, n);
    o->len += n;
    return done(o);
}

static void release(Output *o)
{
    free(o->buf);
    free(o->cols);
    free(o->runs);
    free(o->keys);
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
            snprintf(err, cap, "cannot write %s: %s", target_label(o->target), strerror(saved));
        ok = target_commit(o->target, ok, err, cap);
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
    if (o->f && (o->f == stdout || o->borrowed || o->target->kind == TARGET_STREAM)) {
        /* a stream: the rows given so far go out */
        drain(o);
        fflush(o->f);
    }
    if (o->f && o->f != stdout && !o->borrowed)
        fclose(o->f);
    if (o->target)
        target_commit(o->target, false, NULL, 0);
    release(o);
}
