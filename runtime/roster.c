/* roster.c: the streaming roster reader.  See roster.h.
 *
 * The file is read in large chunks into one buffer, and a row is split in
 * place: a cell is an offset and a length into the buffer, and a quoted
 * cell is unescaped over itself ("" becomes "), so cells are never copied.
 * When a row runs past the data read so far, the row is moved to the front
 * of the buffer and more is read after it.  Offsets count from the row's
 * start, so they survive the move.  The buffer grows only for a row longer
 * than it, up to ROW_MAX.
 */
#include "roster.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "gnuc.h"
#include "ids.h"
#include "words.h"

enum {
    CHUNK = 64 * 1024,
    PAD = 16,           /* bytes allocated and zeroed past a buffer's data, for hot_row's probes */
    CELL_MAX = 1 << 20,
    ROW_MAX = ROSTER_ROW_MAX,
    MAX_COLUMNS = 4096,
    MAX_LIST_ITEMS = 10000, /* members in one list cell, as a contract's lists (parser.y) */
    HOT_ITEMS = MAX_LIST_ITEMS, /* hot_row's most list members in a row: no list has more */
    SHOW_MAX = 40,      /* bytes of a bad cell a message quotes */
    LIST_SHOWN = 10,    /* enum members a message lists */
};

typedef struct {
    uint32_t off, len;  /* from the row's start */
} CellSpan;

typedef struct {
    uint32_t name, display; /* strlen of a member's name and display name (0: none) */
} MemberLen;

/* A slot of an enum's members by exact name: the member's name_key and
 * length, and its index (-1: the slot is empty, its key NO_KEY). */
typedef struct {
    uint64_t key;
    uint32_t len;
    int32_t member;
} MemberSlot;
/* An empty slot's key, which no name has: a name's bytes are below
 * 0xFF (a member's are its contract's UTF-8), and a probe's key of no
 * name (fast_row) is 0. */
#define NO_KEY UINT64_MAX
_Static_assert(sizeof(MemberSlot) == 16, "fast_row finds a slot's offset as key_hash's bits shifted 4 less");

/* The first n bytes of a word for n from 1 to 7, the names that are
 * their own keys; for 0 and 8 to 16, a key no slot has. */
static const uint64_t first_bytes[17] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
};

/* Per enum, its members by exact name: open addressing over a power of
 * two of slots, at least twice the members, a name's first slot to try
 * its key times mul (key_hash).  mul is chosen where it can be so that
 * no two members have the same first slot: then a name is found, or
 * known not to be a member, by looking at one slot. */
typedef struct {
    uint32_t mask;
    uint64_t mul;
    MemberSlot *slot;
} MemberHash;

typedef struct {
    char *p;
    size_t cap, len;
} Buf;

/* A fraction in lowest terms, for thousandths: per ddd, ddd/1000. */
typedef struct {
    uint16_t n, d;
} Thousandth;

/* How fast_row reads a column: the plain spelling of its field's type.
 * COL_END follows the last column: a cell there is one too many. */
enum {
    COL_IGNORED, COL_TEXT, COL_INTEGER, COL_RANGED, COL_DECIMAL, COL_BOOL, COL_ENUM, COL_LIST, COL_OTHER,
    COL_END
};

typedef struct {
    unsigned char kind;       /* COL_... */
    bool last;                /* the row's last column, whose cell ends at the line's end */
    size_t field;             /* the field it feeds (0, unused, if COL_IGNORED or COL_END) */
    size_t at;                /* field * sizeof (Value): where its value is in the record */
    int64_t lo;               /* a COL_RANGED integer's range: lo to lo + span */
    uint64_t span;
    MemberHash hash;          /* an enum's or a list's members (a copy: one load less) */
    uint64_t slot_bytes;      /* hash.mask * sizeof (MemberSlot), for the offset of key_hash's slot */
    const char **names;       /* their names */
    const Value *empty;       /* an `optional` field's default, which an empty cell is; else NULL */
    const void *read;         /* GNU C: the label of fast_row's reader for kind, set on its first row */
    const void *hot;          /* the label of hot_row's probe for kind, set at roster_open */
} Column;

struct Roster {
    FILE *f;
    const char *path;
    const RecordSchema *schema;
    char *err;                /* the caller's message buffer, for this call */
    size_t errcap;

    unsigned char *buf;
    size_t cap, pos, end;     /* unread data is buf[pos..end) */
    size_t lines_end;         /* just after the last line end the file had in buf[0..end), or 0 */
    size_t hot_end;           /* hot_row reads a row from pos only before this (see there) */
    bool borrowed;            /* buf is the caller's (roster_open_memory) */
    bool eof;
    bool after_cr;            /* the last row ended with CR: skip a LF that follows */
    long line;                /* physical line of buf[pos] */

    /* the row read_row last read (fast_row leaves these alone) */
    const unsigned char *row; /* its cells count from here */
    CellSpan *cells;
    size_t ncells, cellcap;   /* ncells counts every cell; the first keep are stored */
    size_t keep;
    bool blank;               /* the row was an empty line */
    long rowno, rowline;

    int ncols;
    char *names;              /* header names, trimmed, each NUL-terminated */
    uint32_t *name_at;        /* where column c's name starts in names */
    int *col_of;              /* field -> column */
    MemberLen **mlen;         /* per enum, per member */
    MemberHash *mhash;        /* per enum */
    Column *plan;             /* per column, for fast_row; NULL: no fast path */
    Thousandth *thousandths;  /* [1000], for fast_row's decimals */
    bool fast;                /* roster_next tries fast_row first (set_fast) */
    bool hot;                 /* and hot_row before it */
    bool hot_off;             /* hot_row missed too often (hot_row) */
    long hot_misses;
    const Column *at_col;     /* where hot_row stopped, for fast_row to go on (NULL: at the row's start) */
    const unsigned char *at_s;
    const Column *at_list;    /* hot_row's list, kept here while it reads a long name: the list, */
    const unsigned char *at_e; /* where the name starts, */
    size_t at_n;              /* the row's members before it, */
    Value *at_record;         /* and the record */
    uint64_t first_bytes[17]; /* first_bytes, indexed from r: hot_row's list has no register for its address */
    long general_rows;        /* rows read by general_next (roster_general_rows) */
    int *lists, nlists;       /* the fields that are lists */
    int *fills, nfills;       /* the fields with no column, each filled with its default */
    struct Join *joins;       /* records files joined to the rows (roster_join) */
    int njoins;

    int32_t *items;           /* the members of the row's lists */
    size_t nitems, itemcap;
    size_t hot_cap;           /* itemcap, at most HOT_ITEMS */
    size_t *item_at;          /* per field, where its list starts in items */

    long blank_row, blank_line; /* blank lines before the piece (roster_after_blank) */
    bool skip_unknown;        /* a list's member the enum lacks is left out (roster_skip_unknown_members) */
    RosterSkipped *skipped;   /* the members left out, by column and value */
    int nskipped, skippedcap;
    bool broken;              /* the file cannot be read further */
    char failure[512];        /* why, repeated to later calls */
};

static void set_fast(Roster *r);
static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

/* The length of the UTF-8 character at s[0..n), or 0 if the bytes there
 * are not one: a stray continuation byte, a lead byte that no character
 * starts with (C0, C1, F5 to FF), too few continuation bytes, an overlong
 * form, a surrogate (D800 to DFFF) or a code point above 10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
    /* the second byte's range rules out overlong forms (E0, F0),
     * surrogates (ED) and code points above 10FFFF (F4) */
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (need == 0 || n <= need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k <= need; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return need + 1;
}

/* Where s[0..n) stops being UTF-8 (n if it never does). */
static size_t utf8_end(const unsigned char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && (k = utf8_char(s + i, n - i)) > 0)
        i += k;
    return i;
}

/* Quotes s[0..n) for a message: at most SHOW_MAX bytes (cut at a UTF-8
 * character boundary, then "..."), control bytes and bytes that are not
 * UTF-8 as \xNN. */
static void show(Buf *b, const unsigned char *s, size_t n)
{
    size_t m = n;
    if (n > SHOW_MAX) {
        m = SHOW_MAX;
        while (m > 0 && (s[m] & 0xC0) == 0x80)
            m--;
    }
    put(b, "\"");
    for (size_t i = 0, k; i < m; i += k) {
        k = utf8_char(s + i, m - i);
        if (k == 0 || s[i] < 0x20 || s[i] == 0x7F) {
            put(b, "\\x%02X", s[i]);
            k = 1;
        } else {
            put(b, "%.*s", (int)k, (const char *)s + i);
        }
    }
    put(b, m < n ? "...\"" : "\"");
}

static Buf errbuf(Roster *r)
{
    Buf b = {r->err, r->errcap, 0};
    if (b.cap)
        b.p[0] = '\0';
    return b;
}

/* Starts a message about the row being read: "path:line: row N" or
 * "path:line: header". */
static Buf row_error(Roster *r)
{
    Buf b = errbuf(r);
    put(&b, "%s:%ld: ", r->path, r->rowline);
    if (r->rowno == 0)
        put(&b, "header");
    else
        put(&b, "row %ld", r->rowno);
    return b;
}

/* Starts a message about cell col (0-based) of the row being read. */
static Buf cell_error(Roster *r, size_t col)
{
    Buf b = row_error(r);
    if (r->rowno > 0 && col < (size_t)r->ncols) {
        const char *name = r->names + r->name_at[col];
        put(&b, ", column ");
        show(&b, (const unsigned char *)name, strlen(name));
    } else {
        put(&b, r->rowno > 0 ? ", cell %zu" : ", column %zu", col + 1);
    }
    return b;
}

/* Reads more of the file after the row being read (buf[pos..end)), first
 * moving that row to the front.  1: read some, 0: end of file, -1: error.
 *
 * It keeps lines_end, which tells fast_row whether a whole line is in the
 * buffer without a search per row.  read_row unescapes a quoted cell over
 * itself, so a line end may move, but only behind the row it reads: the
 * buffer from pos on still holds the file's bytes, and a line end there
 * is at lines_end - 1 or before. */
static int fill(Roster *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->lines_end = r->lines_end > r->pos ? r->lines_end - r->pos : 0;
        r->pos = 0;
    }
    if (r->cap - r->end < CHUNK) {
        size_t cap = r->cap * 2;
        if (cap > ROW_MAX + 2 * CHUNK)
            cap = ROW_MAX + 2 * CHUNK;
        r->buf = xrealloc(r->buf, cap + PAD);
        r->cap = cap;
    }
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    for (size_t i = r->end + got; i > r->end; i--) /* the last line end read: from the back, */
        if (r->buf[i - 1] == '\n') {                /* through part of a row as a rule */
            r->lines_end = i;
            break;
        }
    r->end += got;
    memset(r->buf + r->end, 0, PAD);
    r->hot_end = r->lines_end;
    if (got > 0)
        return 1;
    if (ferror(r->f)) {
        Buf b = errbuf(r);
        put(&b, "%s: cannot read: %s", r->path, strerror(errno));
        return -1;
    }
    r->eof = true;
    return 0;
}

static void cell_too_long(Roster *r)
{
    Buf b = cell_error(r, r->ncells);
    put(&b, ": a cell longer than 1 MiB; is a quote not closed?");
}

static bool add_cell(Roster *r, size_t off, size_t len)
{
    if (len > CELL_MAX) {
        cell_too_long(r);
        return false;
    }
    if (r->ncells < r->keep) {
        if (r->ncells == r->cellcap) {
            r->cellcap = r->cellcap ? 2 * r->cellcap : 64;
            r->cells = xrealloc(r->cells, r->cellcap * sizeof *r->cells);
        }
        r->cells[r->ncells] = (CellSpan){(uint32_t)off, (uint32_t)len};
    } else if (r->rowno == 0) {
        Buf b = row_error(r);
        put(&b, ": more than %d columns", MAX_COLUMNS);
        return false;
    }
    r->ncells++;
    return true;
}

static void nul_byte(Roster *r)
{
    Buf b = cell_error(r, r->ncells);
    put(&b, ": a NUL byte; the roster must be a text file");
}

/* Bytes that end the fast scan of an unquoted cell, and of a quoted one. */
static const bool stops_plain[256] = {[','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [0] = 1};
static const bool stops_quoted[256] = {['\n'] = 1, ['\r'] = 1, ['"'] = 1, [0] = 1};

enum { CELL_START, PLAIN, QUOTED, QUOTE_SEEN };

/* Where read_row is in the row, in offsets from its start: the next byte
 * to read, the first of the cell, and the end of the cell so far (a quoted
 * cell is unescaped over itself, so there writes lag reads; in an unquoted
 * one w is i); and what it is reading. */
typedef struct {
    size_t i, start, w;
    int state;
} RowScan;

/* Before a row: the LF of a CRLF whose CR ended the row before, which may
 * be in the next piece of the file.  -1: a read error, written. */
static int skip_lf_after_cr(Roster *r)
{
    if (!r->after_cr)
        return 0;
    if (r->pos == r->end && fill(r) < 0)
        return -1;
    if (r->pos < r->end) {
        r->after_cr = false;
        set_fast(r);
        if (r->buf[r->pos] == '\n')
            r->pos++;
    }
    return 0;
}

/* How far the row may be read from sc->i: to *limit, reading more of the
 * file if the buffer has nothing past sc->i.  1: bytes to read; 0: the
 * file ended; -1: the cell or the row is too long, or a read error,
 * written. */
static int scan_limit(Roster *r, const RowScan *sc, size_t *limit)
{
    for (;;) {
        size_t n = r->end - r->pos;
        size_t len = sc->w - sc->start;
        if (len > CELL_MAX) {
            cell_too_long(r);
            return -1;
        }
        if (sc->i > ROW_MAX) {
            Buf b = row_error(r);
            put(&b, " is longer than 16 MiB; is a quote not closed?");
            return -1;
        }
        if (sc->i < n) {
            /* No further than the byte that makes the cell or the row one
             * too long, so that either is refused there, wherever the
             * buffer ends: the same file read whole (--jobs) or in chunks
             * says the same. */
            size_t room = ROW_MAX + 1 - sc->i < CELL_MAX + 1 - len ? ROW_MAX + 1 - sc->i : CELL_MAX + 1 - len;
            *limit = n - sc->i > room ? sc->i + room : n;
            return 1;
        }
        int got = fill(r);
        if (got <= 0)
            return got;
    }
}

/* Each step of read_row reads s[sc->i .. n) as far as its state goes.  1:
 * read on; 0: the row ends at s[sc->i], a line end; -1: an error, written. */

static void scan_cell_start(const unsigned char *s, RowScan *sc)
{
    sc->start = sc->w = sc->i;
    sc->state = PLAIN;
    if (s[sc->i] == '"') {
        sc->start = sc->w = ++sc->i;
        sc->state = QUOTED;
    }
}

/* The rest of the row's cells start over, at CELL_START, after a comma. */
static int cell_end(Roster *r, RowScan *sc, unsigned char c, size_t len)
{
    if (!add_cell(r, sc->start, len))
        return -1;
    if (c != ',')
        return 0;
    sc->start = sc->w = ++sc->i;
    sc->state = CELL_START;
    return 1;
}

static int scan_plain(Roster *r, const unsigned char *s, size_t n, RowScan *sc)
{
    size_t i = sc->i;
    while (i < n && !stops_plain[s[i]])
        i++;
    sc->i = sc->w = i;
    if (i == n)
        return 1;
    unsigned char c = s[i];
    if (c == '"') {
        Buf b = cell_error(r, r->ncells);
        put(&b, ": a quote inside an unquoted cell; quote the whole cell and double the quotes inside it");
        return -1;
    }
    if (c == '\0') {
        nul_byte(r);
        return -1;
    }
    return cell_end(r, sc, c, i - sc->start);
}

static int scan_quoted(Roster *r, unsigned char *s, size_t n, RowScan *sc)
{
    size_t i = sc->i, w = sc->w;
    if (w == i) {
        while (i < n && !stops_quoted[s[i]])
            i++;
        w = i;
    } else {
        while (i < n && !stops_quoted[s[i]])
            s[w++] = s[i++];
    }
    if (i < n) {
        unsigned char c = s[i];
        if (c == '"') {
            i++;
            sc->state = QUOTE_SEEN;
        } else if (c == '\0') {
            nul_byte(r);
            return -1;
        } else {
            /* a line end inside the cell; s[i - 1] is still the byte read
             * there, as writes lag reads */
            if (c == '\r' || s[i - 1] != '\r')
                r->line++;
            s[w++] = s[i++];
        }
    }
    sc->i = i;
    sc->w = w;
    return 1;
}

/* After a quote in a quoted cell: another (an escaped quote), or the
 * cell's end. */
static int scan_after_quote(Roster *r, unsigned char *s, RowScan *sc)
{
    unsigned char c = s[sc->i];
    if (c == '"') {
        s[sc->w++] = '"';
        sc->i++;
        sc->state = QUOTED;
        return 1;
    }
    if (c == '\0') {
        nul_byte(r);
        return -1;
    }
    if (c != ',' && c != '\n' && c != '\r') {
        Buf b = cell_error(r, r->ncells);
        put(&b, ": text after the closing quote of a quoted cell");
        return -1;
    }
    return cell_end(r, sc, c, sc->w - sc->start);
}

/* The row read is buf[pos, pos + len); the next starts after skip more. */
static int row_read(Roster *r, size_t len, size_t skip)
{
    r->row = r->buf + r->pos;
    r->pos += len + skip;
    return 1;
}

/* The row ends at a line end, s[i]. */
static int row_end(Roster *r, const unsigned char *s, size_t i)
{
    r->blank = i == 0;
    r->after_cr = s[i] == '\r';
    set_fast(r);
    r->line++;
    return row_read(r, i, 1);
}

/* The file ends in the row (0: before it starts). */
static int row_at_file_end(Roster *r, RowScan *sc)
{
    if (sc->state == QUOTED) {
        Buf b = row_error(r);
        put(&b, ": a quote is never closed (a stray \" in a cell?)");
        return -1;
    }
    if (sc->i == 0)
        return 0;
    if (!add_cell(r, sc->start, sc->w - sc->start)) /* after a comma, an empty cell */
        return -1;
    r->blank = false;
    return row_read(r, sc->i, 0);
}

/* Reads the next row's cells.  1: a row, 0: the end of the file, -1: an
 * error, written. */
static int read_row(Roster *r)
{
    if (skip_lf_after_cr(r) < 0)
        return -1;
    r->rowno++;
    r->rowline = r->line;
    r->ncells = 0;
    RowScan sc = {0, 0, 0, CELL_START};
    for (;;) {
        size_t n;
        int more = scan_limit(r, &sc, &n);
        if (more <= 0)
            return more < 0 ? -1 : row_at_file_end(r, &sc);
        unsigned char *s = r->buf + r->pos;
        int go = 1;
        switch (sc.state) {
        case CELL_START: scan_cell_start(s, &sc); break;
        case PLAIN: go = scan_plain(r, s, n, &sc); break;
        case QUOTED: go = scan_quoted(r, s, n, &sc); break;
        case QUOTE_SEEN: go = scan_after_quote(r, s, &sc); break;
        }
        if (go <= 0)
            return go < 0 ? -1 : row_end(r, s, sc.i);
    }
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const unsigned char **s, size_t *n)
{
    while (*n > 0 && is_space((*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_space((*s)[*n - 1]))
        (*n)--;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 'a' - 'A') : c;
}

/* s[0..n) equals word[0..n) ignoring ASCII case. */
static bool same_fold(const unsigned char *s, const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lower((unsigned char)word[i]))
            return false;
    return true;
}

/* Levenshtein distance ignoring case, or 99 for long words. */
static int distance(const char *a, const unsigned char *b, size_t nb)
{
    enum { LONGEST = 64 };
    size_t na = strlen(a);
    if (na > LONGEST || nb > LONGEST)
        return 99;
    int row[LONGEST + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int best = diag + (lower((unsigned char)a[i - 1]) != lower(b[j - 1]));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

enum { AMBIGUOUS = -2 };

/* A member's key: its first 8 bytes (or fewer, the rest zero) read as
 * a little-endian word, as fast_row reads a name from the row.  With the
 * length it is the whole name for names of up to 8 bytes (most); a name
 * has no NUL, so for names of up to 7 it is the whole name alone. */
static uint64_t name_key(const unsigned char *s, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        k |= (uint64_t)s[i] << 8 * i;
    return k;
}

static inline uint32_t key_hash(const MemberHash *h, uint64_t k)
{
    return (uint32_t)((k * h->mul) >> 32) & h->mask;
}

/* s[0..n) equals word[0..n): memcmp, cheaper for a short name. */
static bool same_bytes(const char *word, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)word[i] != s[i])
            return false;
    return true;
}

/* The member named exactly s[0..n), whose name_key is k, in h (the
 * members of an enum named names); or -1.  Equal keys and lengths leave
 * the bytes after the first 8 of a longer name to compare. */
static int exact_member(const MemberHash *h, const char **names, uint64_t k, const unsigned char *s, size_t n)
{
    for (uint32_t i = key_hash(h, k);; i = (i + 1) & h->mask) {
        const MemberSlot *slot = &h->slot[i];
        if (slot->key == k && slot->len == n && (n <= 8 || same_bytes(names[slot->member] + 8, s + 8, n - 8)))
            return slot->member;
        if (slot->member < 0)
            return -1;
    }
}

/* A multiplier that gives no two of d's members the same first slot
 * among size, from a fixed sequence (splitmix64, so runs agree); 0 if
 * none of the first 64 does.  seen is size words, zero. */
static uint64_t perfect_mul(const EnumDef *d, const MemberLen *len, uint32_t size, uint32_t *seen)
{
    uint64_t seq = 0;
    for (uint32_t t = 1; t <= 64; t++) {
        uint64_t z = seq += 0x9E3779B97F4A7C15u;
        z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9u;
        z = (z ^ z >> 27) * 0x94D049BB133111EBu;
        MemberHash h = {size - 1, (z ^ z >> 31) | 1, NULL};
        int j = 0;
        for (; j < d->count; j++) {
            uint32_t i = key_hash(&h, name_key((const unsigned char *)d->members[j], len[j].name));
            if (seen[i] == t)
                break;
            seen[i] = t;
        }
        if (j == d->count)
            return h.mul;
    }
    return 0;
}

/* Members' slots for enum d: twice, four or eight times as many as
 * members, with a multiplier that puts no two in one first slot; failing
 * that (or for enums of more than 256 members), twice as many and a fixed
 * multiplier, members that meet found by probing on. */
static MemberHash member_hash(const EnumDef *d, const MemberLen *len)
{
    uint32_t size = 4;
    while (size < 2 * (uint32_t)d->count)
        size *= 2;
    MemberHash h = {size - 1, 0x9E3779B97F4A7C15u, NULL};
    uint32_t *seen = d->count <= 256 ? xcalloc((size_t)size * 4, sizeof *seen) : NULL;
    for (uint32_t grown = size; seen && grown <= 4 * size; grown *= 2) {
        uint64_t mul = perfect_mul(d, len, grown, seen);
        if (mul) {
            h = (MemberHash){grown - 1, mul, NULL};
            break;
        }
        memset(seen, 0, (size_t)grown * sizeof *seen);
    }
    free(seen);
    size = h.mask + 1;
    h.slot = xrealloc(NULL, size * sizeof *h.slot);
    for (uint32_t i = 0; i < size; i++)
        h.slot[i] = (MemberSlot){NO_KEY, 0, -1};
    for (int j = 0; j < d->count; j++) {
        uint64_t k = name_key((const unsigned char *)d->members[j], len[j].name);
        uint32_t i = key_hash(&h, k);
        while (h.slot[i].member >= 0)
            i = (i + 1) & h.mask;
        h.slot[i] = (MemberSlot){k, len[j].name, j};
    }
    return h;
}

/* The member of enum e named by s[0..n): exactly, by display name, or
 * ignoring case.  -1 if none, AMBIGUOUS if several differ only in case. */
static int find_member(const Roster *r, int e, const unsigned char *s, size_t n)
{
    const EnumDef *d = &r->schema->enums[e];
    const MemberLen *len = r->mlen[e];
    int exact = exact_member(&r->mhash[e], d->members, name_key(s, n), s, n);
    if (exact >= 0)
        return exact;
    for (int j = 0; j < d->count; j++)
        if (len[j].display == n && memcmp(d->display[j], s, n) == 0)
            return j;
    int found = -1;
    for (int j = 0; j < d->count; j++)
        if (len[j].name == n && same_fold(s, d->members[j], n)) {
            if (found >= 0)
                return AMBIGUOUS;
            found = j;
        }
    return found;
}

/* Why s[0..n) is not a member of enum e (found: find_member's answer). */
static void member_error(const Roster *r, int e, const unsigned char *s, size_t n, int found, Buf *why)
{
    const EnumDef *d = &r->schema->enums[e];
    if (found == AMBIGUOUS) {
        put(why, "matches several members of %s that differ only in case; write the member exactly", d->name);
        return;
    }
    put(why, "is not a%s %s: it is one of ", strchr("AEIOUaeiou", d->name[0]) ? "n" : "", d->name);
    int best = -1, best_dist = 3;
    for (int j = 0; j < d->count; j++) {
        if (j < LIST_SHOWN)
            put(why, "%s%s", j ? ", " : "", d->members[j]);
        int dist = distance(d->members[j], s, n);
        if (dist < best_dist && (size_t)dist < n) {
            best = j;
            best_dist = dist;
        }
    }
    if (d->count > LIST_SHOWN)
        put(why, ", and %d more", d->count - LIST_SHOWN);
    if (best >= 0)
        put(why, "; did you mean \"%s\"?", d->members[best]);
}

static bool parse_integer(const unsigned char *s, size_t n, const FieldDef *fd, Value *v, Buf *why)
{
    size_t i = 0;
    bool neg = n > 0 && s[0] == '-';
    if (n > 0 && (s[0] == '-' || s[0] == '+'))
        i = 1;
    if (i == n) {
        put(why, "is not a whole number");
        return false;
    }
    int64_t x = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            put(why, "is not a whole number");
            return false;
        }
        int digit = s[i] - '0';
        if (x > (RAT_LIMIT - digit) / 10) {
            put(why, "is too large a number");
            return false;
        }
        x = x * 10 + digit;
    }
    if (neg)
        x = -x;
    if (fd->has_range && (x < fd->lo || x > fd->hi)) {
        put(why, "is outside %lld to %lld", (long long)fd->lo, (long long)fd->hi);
        return false;
    }
    v->num = rat_int(x);
    return true;
}

static bool digits(const unsigned char *s, size_t n, int *out)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *out = x;
    return true;
}

static bool parse_date(const unsigned char *s, size_t n, Value *v, Buf *why)
{
    int y, m, d;
    if (n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m)
        || !digits(s + 8, 2, &d) || !date_from_ymd(y, m, d, &v->i)) {
        put(why, "is not a date (YYYY-MM-DD)");
        return false;
    }
    return true;
}

/* Stores member j as items[at], growing items if need be. */
static void add_item(Roster *r, size_t at, int32_t j)
{
    if (at == r->itemcap) {
        r->itemcap *= 2;
        r->hot_cap = r->itemcap < HOT_ITEMS ? r->itemcap : HOT_ITEMS;
        r->items = xrealloc(r->items, r->itemcap * sizeof *r->items);
    }
    r->items[at] = j;
}

/* Why the list s[0..n), one of whose members holds a ',', is wrong:
 * members are separated by ';'.  The list written that way, if it is
 * short. */
static void comma_separated(const unsigned char *s, size_t n, Buf *why)
{
    put(why, "separates members with \",\", but a list's members are separated by \";\"");
    if (n > SHOW_MAX)
        return;
    unsigned char fixed[SHOW_MAX];
    size_t m = 0;
    for (const unsigned char *end = s + n; s <= end; s++) { /* each member, trimmed, then ';' */
        const unsigned char *comma = memchr(s, ',', (size_t)(end - s)), *item = s;
        size_t k = (size_t)((comma ? comma : end) - s);
        s += k;
        trim(&item, &k);
        memcpy(fixed + m, item, k);
        m += k;
        if (comma)
            fixed[m++] = ';';
    }
    put(why, ": write ");
    show(why, fixed, m);
}

/* Notes that the row names s[0..n), a member field f's enum lacks, in
 * f's list: once per row and value.  False if ROSTER_SKIPPED_MAX other
 * values were noted already (then it is an error, as without skipping). */
static bool skip_member(Roster *r, int f, const unsigned char *s, size_t n)
{
    const char *column = r->schema->fields[f].name;
    for (int i = 0; i < r->nskipped; i++) {
        RosterSkipped *k = &r->skipped[i];
        if (k->column == column && strlen(k->value) == n && !memcmp(k->value, s, n)) {
            if (k->last_row != r->rowno)
                k->rows++;
            k->last_row = r->rowno;
            return true;
        }
    }
    if (r->nskipped == ROSTER_SKIPPED_MAX)
        return false;
    if (r->nskipped == r->skippedcap) {
        r->skippedcap = r->skippedcap ? r->skippedcap * 2 : 8;
        r->skipped = xrealloc(r->skipped, sizeof *r->skipped * (size_t)r->skippedcap);
    }
    r->skipped[r->nskipped++] = (RosterSkipped){.column = column, .kind = r->schema->enums[r->schema->fields[f].type.enum_id].name, .value = xstrndup((const char *)s, n), .rows = 1,
                                                .row = r->rowno, .line = r->rowline, .last_row = r->rowno};
    return true;
}

static bool parse_list(Roster *r, int f, int e, const unsigned char *s, size_t n, Value *v, Buf *why)
{
    const unsigned char *cell = s;
    size_t cell_len = n;
    r->item_at[f] = r->nitems;
    v->list.len = 0;
    if (n == 0)
        return true;
    for (;;) {
        const unsigned char *semi = memchr(s, ';', n);
        size_t len = semi ? (size_t)(semi - s) : n;
        const unsigned char *item = s;
        size_t k = len;
        trim(&item, &k);
        if (k == 0) {
            put(why, "has an empty member; separate members with a single ';'");
            return false;
        }
        if (v->list.len == MAX_LIST_ITEMS) {
            put(why, "has more than %d members", MAX_LIST_ITEMS);
            return false;
        }
        int j = find_member(r, e, item, k);
        if (j < 0 && memchr(item, ',', k)) {
            comma_separated(cell, cell_len, why);
            return false;
        }
        if (j == -1 && r->skip_unknown && skip_member(r, f, item, k)) {
            /* left out */
        } else if (j < 0) {
            if (semi || v->list.len > 0) { /* one member of several */
                put(why, "has ");
                show(why, item, k);
                put(why, ", which ");
            }
            member_error(r, e, item, k, j, why);
            return false;
        } else {
            add_item(r, r->nitems++, j);
            v->list.len++;
        }
        if (!semi)
            return true;
        s = semi + 1;
        n -= len + 1;
    }
}

/* v / 10^places in lowest terms, v < 10^18: the denominator is 10^k, so
 * only factors 2 and 5 can cancel.  Not inline: inlined into fast_row,
 * GCC divides with div instructions; called, by multiplying. */
static Rat decimal_terms(uint64_t v, int places)
{
    static const uint64_t pow10[19] = {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
        100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
        10000000000000000, 100000000000000000, 1000000000000000000,
    };
    while (places > 0 && v % 10 == 0) { /* "1.000" is 1/1, and 0 is 0/1 */
        v /= 10;
        places--;
    }
    uint64_t d = pow10[places];
    int twos = places, fives = places;
    while (twos > 0 && v % 2 == 0) {
        v /= 2;
        d /= 2;
        twos--;
    }
    while (fives > 0 && v % 5 == 0) {
        v /= 5;
        d /= 5;
        fives--;
    }
    return (Rat){(int64_t)v, (int64_t)d};
}

/* The common decimal cell, digits with at most one '.' inside them and at
 * most 18 digits in all ("0.875", "12"), straight into lowest terms.
 * False for anything else (a sign, '$', commas, a syntax error), which
 * rat_parse then reads or explains. */
static inline bool plain_decimal(const unsigned char *s, size_t n, Rat *out)
{
    if (n == 0 || n > 19)
        return false;
    uint64_t v = 0; /* 19 digits fit */
    size_t i = 0;
    while (i < n && (unsigned)(s[i] - '0') < 10)
        v = v * 10 + (unsigned)(s[i++] - '0');
    int places = 0;
    if (i < n) {
        if (s[i] != '.' || i == 0 || i + 1 == n)
            return false;
        for (i++; i < n; i++, places++) {
            unsigned c = (unsigned)(s[i] - '0');
            if (c >= 10)
                return false;
            v = v * 10 + c;
        }
    } else if (n > 18) { /* 10^18 - 1 fits; rat_parse takes longer ones */
        return false;
    }
    *out = decimal_terms(v, places);
    return true;
}

/* 1 for yes, y, true or 1, 0 for no, n, false or 0, in any case; -1 for
 * anything else. */
static int yes_no(const unsigned char *s, size_t n)
{
    static const struct {
        const char *word;
        size_t len;
        int value;
    } words[] = {
        {"yes", 3, 1}, {"y", 1, 1}, {"true", 4, 1}, {"1", 1, 1}, {"no", 2, 0}, {"n", 1, 0}, {"false", 5, 0}, {"0", 1, 0},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i].len == n && same_fold(s, words[i].word, n))
            return words[i].value;
    return -1;
}

/* Whether s[0..n) is UTF-8: ASCII, as nearly all ids and names are, is
 * seen eight bytes at a time. */
static inline bool utf8_text(const unsigned char *s, size_t n)
{
    uint64_t high = 0, x;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        memcpy(&x, s + i, 8);
        high |= x;
    }
    for (; i < n; i++)
        high |= s[i];
    return !(high & 0x8080808080808080u) || utf8_end(s, n) == n;
}

/* Why s[0..n) is not UTF-8, which it stops being at s[at]: the bytes
 * there (a lead byte and the continuation bytes after it) and the likely
 * reason. */
static void not_utf8(const unsigned char *s, size_t n, size_t at, Buf *why)
{
    size_t end = at + 1;
    while (end < n && end < at + 4 && (s[end] & 0xC0) == 0x80)
        end++;
    put(why, "is not UTF-8 text (the byte%s", end - at > 1 ? "s" : "");
    for (size_t i = at; i < end; i++)
        put(why, " %02X", s[i]);
    put(why, "); the roster may have been saved as Latin-1 or Windows-1252: "
             "save it as UTF-8 (in Excel, as \"CSV UTF-8\")");
}

static bool parse_typed(Roster *r, int f, const unsigned char *s, size_t n, Value *v, Buf *why);

/* Parses s[0..n), the cell for field f, into v; or says why not.  Text
 * must be UTF-8; a cell of another type that is not cannot be read
 * either, and is said to be not UTF-8 rather than not a date (say). */
static bool parse_cell(Roster *r, int f, const unsigned char *s, size_t n, Value *v, Buf *why)
{
    TypeKind k = r->schema->fields[f].type.kind;
    if ((k == TY_TEXT || k == TY_ERROR) && !(n == 0 && r->schema->fields[f].empty_is_default)) {
        if (!utf8_text(s, n)) {
            not_utf8(s, n, utf8_end(s, n), why);
            return false;
        }
        v->text.p = (const char *)s;
        v->text.len = (uint32_t)n;
        return true;
    }
    if (parse_typed(r, f, s, n, v, why))
        return true;
    if (!utf8_text(s, n)) {
        why->len = 0;
        if (why->cap)
            why->p[0] = '\0';
        not_utf8(s, n, utf8_end(s, n), why);
    }
    return false;
}

/* parse_cell for a cell that is not text. */
static bool parse_typed(Roster *r, int f, const unsigned char *s, size_t n, Value *v, Buf *why)
{
    const FieldDef *fd = &r->schema->fields[f];
    Type t = fd->type;
    trim(&s, &n);
    if (n == 0 && fd->empty_is_default) {
        *v = fd->deflt;
        return true;
    }
    if (t.kind == TY_LIST)
        return parse_list(r, f, t.enum_id, s, n, v, why);
    if (n == 0) {
        switch (t.kind) {
        case TY_BOOL: put(why, "is empty; yes or no is needed"); break;
        case TY_DATE: put(why, "is empty; a date is needed"); break;
        case TY_ENUM: put(why, "is empty; a member of %s is needed", r->schema->enums[t.enum_id].name); break;
        case TY_MONEY: put(why, "is empty; an amount is needed"); break;
        default: put(why, "is empty; a number is needed"); break;
        }
        return false;
    }
    RatStatus st;
    switch (t.kind) {
    case TY_INTEGER:
        return parse_integer(s, n, fd, v, why);
    case TY_DECIMAL:
    case TY_MONEY:
        if (plain_decimal(s, n, &v->num))
            return true;
        st = rat_parse((const char *)s, n, t.kind == TY_MONEY, &v->num);
        if (st == RAT_OK)
            return true;
        if (st == RAT_OVERFLOW)
            put(why, "is too large or has too many decimals");
        else
            put(why, t.kind == TY_MONEY ? "is not an amount of money" : "is not a decimal number");
        return false;
    case TY_BOOL:
        if ((v->i = yes_no(s, n)) < 0) {
            put(why, "is not yes or no");
            return false;
        }
        return true;
    case TY_DATE:
        return parse_date(s, n, v, why);
    case TY_ENUM: {
        int j = find_member(r, t.enum_id, s, n);
        if (j < 0) {
            member_error(r, t.enum_id, s, n, j, why);
            return false;
        }
        v->i = j;
        return true;
    }
    default:
        return true;
    }
}

static int column_kind(TypeKind k)
{
    switch (k) {
    case TY_TEXT:
    case TY_ERROR: return COL_TEXT;
    case TY_INTEGER: return COL_INTEGER;
    case TY_DECIMAL:
    case TY_MONEY: return COL_DECIMAL;
    case TY_BOOL: return COL_BOOL;
    case TY_ENUM: return COL_ENUM;
    case TY_LIST: return COL_LIST;
    default: return COL_OTHER;
    }
}

/* Per ddd from 000 to 999, ddd/1000 in lowest terms: only factors 2 and
 * 5 can cancel. */
static Thousandth *thousandths(void)
{
    Thousandth *t = xrealloc(NULL, 1000 * sizeof *t);
    for (unsigned f = 0; f < 1000; f++) {
        unsigned n = f, d = 1000;
        while (d > 1 && n % 2 == 0 && d % 2 == 0) {
            n /= 2;
            d /= 2;
        }
        while (d > 1 && n % 5 == 0 && d % 5 == 0) {
            n /= 5;
            d /= 5;
        }
        t[f] = (Thousandth){(uint16_t)(f ? n : 0), (uint16_t)(f ? d : 1)};
    }
    return t;
}

/* Which field each column feeds, and how fast_row reads it, then a
 * COL_END; NULL (no fast path) if a column fed two fields, which unique
 * field names rule out.  After the members' hashes are made. */
static Column *make_plan(const Roster *r)
{
    const RecordSchema *sc = r->schema;
    Column *plan = xrealloc(NULL, ((size_t)r->ncols + 1) * sizeof *plan);
    for (int c = 0; c < r->ncols; c++)
        plan[c] = (Column){.kind = COL_IGNORED};
    plan[r->ncols] = (Column){.kind = COL_END};
    plan[r->ncols - 1].last = true;
    for (int f = 0; f < sc->nfields; f++) {
        const FieldDef *fd = &sc->fields[f];
        if (r->col_of[f] < 0) /* a default fills it */
            continue;
        Column *col = &plan[r->col_of[f]];
        if (col->kind != COL_IGNORED) {
            free(plan);
            return NULL;
        }
        col->field = (size_t)f;
        col->at = (size_t)f * sizeof(Value);
        col->kind = column_kind(fd->type.kind);
        if (col->kind == COL_INTEGER && fd->has_range) {
            col->kind = fd->lo <= fd->hi ? COL_RANGED : COL_OTHER;
            col->lo = fd->lo;
            col->span = (uint64_t)fd->hi - (uint64_t)fd->lo;
        }
        if (col->kind == COL_ENUM || col->kind == COL_LIST) {
            col->hash = r->mhash[fd->type.enum_id];
            col->slot_bytes = (uint64_t)col->hash.mask * sizeof(MemberSlot);
            col->names = sc->enums[fd->type.enum_id].members;
        }
        if (fd->empty_is_default) {
            col->empty = &fd->deflt;
            if (col->kind == COL_TEXT) /* an empty cell is text too: parse_cell tells them apart */
                col->kind = COL_OTHER;
        }
    }
    return plan;
}

/* The column of the header whose name is names of fields separated by
 * ';' ("id;lane;step"), as a spreadsheet set to separate columns with
 * semicolons writes it; or -1. */
static int semicolon_separated(const Roster *r)
{
    const RecordSchema *sc = r->schema;
    for (int c = 0; c < r->ncols; c++) {
        const char *name = r->names + r->name_at[c];
        if (!strchr(name, ';'))
            continue;
        for (const char *part = name;; part++) {
            const unsigned char *p = (const unsigned char *)part;
            size_t n = strcspn(part, ";");
            trim(&p, &n);
            for (int f = 0; f < sc->nfields; f++)
                if (strlen(sc->fields[f].name) == n && memcmp(sc->fields[f].name, p, n) == 0)
                    return c;
            part += strcspn(part, ";");
            if (!*part)
                break;
        }
    }
    return -1;
}

/* Maps the header's columns to fields, or writes why it cannot. */
static bool read_header(Roster *r)
{
    const RecordSchema *sc = r->schema;
    r->ncols = (int)r->ncells;
    size_t total = 0;
    for (int c = 0; c < r->ncols; c++)
        total += r->cells[c].len + 1;
    r->names = xrealloc(NULL, total);
    r->name_at = xrealloc(NULL, (size_t)r->ncols * sizeof *r->name_at);
    r->col_of = xrealloc(NULL, (size_t)sc->nfields * sizeof *r->col_of);
    for (int f = 0; f < sc->nfields; f++)
        r->col_of[f] = -1;
    size_t at = 0;
    for (int c = 0; c < r->ncols; c++) {
        const unsigned char *s = r->row + r->cells[c].off;
        size_t n = r->cells[c].len;
        trim(&s, &n);
        memcpy(r->names + at, s, n);
        r->names[at + n] = '\0';
        r->name_at[c] = (uint32_t)at;
        at += n + 1;
        for (int f = 0; f < sc->nfields; f++) {
            if (strlen(sc->fields[f].name) != n || memcmp(sc->fields[f].name, s, n) != 0
                || sc->fields[f].type.kind == TY_RECORDS) /* from a file of their own */
                continue;
            if (r->col_of[f] >= 0) {
                Buf b = errbuf(r);
                put(&b, "%s:%ld: column \"%s\" appears twice", r->path, r->rowline, sc->fields[f].name);
                return false;
            }
            r->col_of[f] = c;
        }
    }
    int missing = 0;
    for (int f = 0; f < sc->nfields; f++)
        missing += r->col_of[f] < 0 && !sc->fields[f].has_default && sc->fields[f].type.kind != TY_RECORDS;
    int semi = missing ? semicolon_separated(r) : -1;
    if (semi >= 0) {
        const char *name = r->names + r->name_at[semi];
        Buf b = errbuf(r);
        put(&b, "%s:%ld: the header ", r->path, r->rowline);
        show(&b, (const unsigned char *)name, strlen(name));
        put(&b, " is separated by \";\", but a roster's columns are separated by \",\": save it as CSV with \",\" "
                "as the separator (a spreadsheet that writes decimal commas uses \";\")");
        return false;
    }
    if (missing) {
        Buf b = errbuf(r);
        put(&b, "%s: missing column%s ", r->path, missing > 1 ? "s" : "");
        for (int f = 0, k = 0; f < sc->nfields; f++)
            if (r->col_of[f] < 0 && !sc->fields[f].has_default && sc->fields[f].type.kind != TY_RECORDS)
                put(&b, "%s\"%s\"", k++ ? ", " : "", sc->fields[f].name);
        put(&b, " (the %s record needs: ", sc->name ? sc->name : "employee");
        for (int f = 0, k = 0; f < sc->nfields; f++)
            if (!sc->fields[f].has_default && sc->fields[f].type.kind != TY_RECORDS)
                put(&b, "%s%s", k++ ? ", " : "", sc->fields[f].name);
        put(&b, ")");
        return false;
    }
    r->fills = xrealloc(NULL, ((size_t)sc->nfields + 1) * sizeof *r->fills);
    for (int f = 0; f < sc->nfields; f++)
        if (r->col_of[f] < 0)
            r->fills[r->nfills++] = f;
    return true;
}

static Roster *open_roster(Roster *r, const char *path, const RecordSchema *schema, char *err, size_t errcap);
static void label_hot(Roster *r);
static int general_next(Roster *r, Value *record, char *err, size_t errcap);

/* A file that starts with a UTF-16 byte-order mark, or with an ASCII
 * character and a NUL either way round, as UTF-16 has "id" as
 * 69 00 64 00.  Only the first two bytes are looked at, and only those of
 * the first line: the header alone (--jobs) says the same as the file. */
static bool looks_like_utf16(const unsigned char *s, size_t n)
{
    if (n < 2)
        return false;
    if ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))
        return true;
    bool ascii0 = s[0] >= 0x20 && s[0] < 0x7F, ascii1 = s[1] >= 0x20 && s[1] < 0x7F;
    return (ascii0 && s[1] == 0) || (s[0] == 0 && ascii1);
}

Roster *roster_open(FILE *f, const char *path, const RecordSchema *schema, char *err, size_t errcap)
{
    Roster *r = xrealloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->f = f;
    r->cap = 2 * CHUNK;
    r->buf = xrealloc(NULL, r->cap + PAD);
    return open_roster(r, path, schema, err, errcap);
}

Roster *roster_open_memory(char *data, size_t len, const char *path, const RecordSchema *schema, char *err,
                           size_t errcap)
{
    Roster *r = xrealloc(NULL, sizeof *r);
    memset(r, 0, sizeof *r);
    r->buf = (unsigned char *)data;
    r->borrowed = true;
    r->cap = r->end = len;
    r->eof = true;
    for (size_t i = len; i > 0 && !r->lines_end; i--)
        if (data[i - 1] == '\n')
            r->lines_end = i;
    for (size_t i = len >= PAD - 1 ? len - (PAD - 1) : 0; i > 0 && !r->hot_end; i--) /* a probe at the */
        if (data[i - 1] == '\n')                                                    /* line end reads */
            r->hot_end = i;                                                          /* PAD - 1 more */
    return open_roster(r, path, schema, err, errcap);
}

/* What both ways of opening share: the header, and what reading rows needs. */
static Roster *open_roster(Roster *r, const char *path, const RecordSchema *schema, char *err, size_t errcap)
{
    r->path = path;
    r->schema = schema;
    r->err = err;
    r->errcap = errcap;
    r->line = 1;
    r->rowno = -1;
    r->keep = MAX_COLUMNS;

    int got;
    while (r->end < 3 && (got = fill(r)) != 0)
        if (got < 0)
            goto fail;
    if (r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    if (looks_like_utf16(r->buf, r->end)) {
        Buf b = errbuf(r);
        put(&b, "%s: the roster looks like UTF-16 text (as Excel's \"Unicode Text\" saves it), not UTF-8: "
                "save it as UTF-8 (in Excel, as \"CSV UTF-8\")", path);
        goto fail;
    }
    got = read_row(r);
    if (got < 0)
        goto fail;
    if (got == 0 || r->blank) {
        Buf b = errbuf(r);
        if (got == 0)
            put(&b, "%s: the roster is empty: its first line must name the columns", path);
        else
            put(&b, "%s:1: the first line is blank; it must name the columns", path);
        goto fail;
    }
    if (!read_header(r))
        goto fail;
    r->keep = (size_t)r->ncols;

    r->mlen = xrealloc(NULL, (size_t)schema->nenums * sizeof *r->mlen);
    r->mhash = xrealloc(NULL, (size_t)schema->nenums * sizeof *r->mhash);
    for (int e = 0; e < schema->nenums; e++) {
        const EnumDef *d = &schema->enums[e];
        r->mlen[e] = xrealloc(NULL, (size_t)d->count * sizeof **r->mlen);
        for (int j = 0; j < d->count; j++) {
            r->mlen[e][j].name = (uint32_t)strlen(d->members[j]);
            r->mlen[e][j].display = d->display && d->display[j] ? (uint32_t)strlen(d->display[j]) : 0;
        }
        r->mhash[e] = member_hash(d, r->mlen[e]);
    }
    r->item_at = xcalloc((size_t)schema->nfields, sizeof *r->item_at);
    r->itemcap = r->hot_cap = 64;
    memcpy(r->first_bytes, first_bytes, sizeof first_bytes);
    r->items = xrealloc(NULL, r->itemcap * sizeof *r->items);
    r->plan = make_plan(r);
    for (int c = 0; r->plan && c < r->ncols; c++)
        if (r->plan[c].kind == COL_DECIMAL && !r->thousandths)
            r->thousandths = thousandths();
    r->lists = xrealloc(NULL, (size_t)schema->nfields * sizeof *r->lists);
    for (int k = 0; k < schema->nfields; k++)
        if (schema->fields[k].type.kind == TY_LIST && r->col_of[k] >= 0) /* not one a default fills */
            r->lists[r->nlists++] = k;
    label_hot(r);
    set_fast(r);
    return r;

fail:
    roster_close(r);
    return NULL;
}

/* Points the record's lists into items, now that items has stopped
 * growing (and moving) for this row. */
static void point_lists(Roster *r, Value *record)
{
    for (int k = 0; k < r->nlists; k++)
        record[r->lists[k]].list.items = r->items + r->item_at[r->lists[k]];
}

/* Whether c goes on a plain cell: not its ',' or the line's '\n', and not
 * a byte only read_row takes ('"', '\r', NUL).  Those are all below '-',
 * so most bytes take one comparison. */
static inline bool in_plain(unsigned char c)
{
    return c > ',' || !stops_plain[c];
}

/* Where a little-endian machine can read 8 bytes as a word, the first of
 * them the lowest (GCC and Clang say which they are). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_WORDS 1
#else
#define LITTLE_WORDS 0
#endif

/* Where the machine compares 16 bytes at once (SSE2, which every x86-64
 * has) and the code may use GNU C: fast_row's text and member names are
 * then scanned 16 bytes to a step, with the 16 bytes' test constants kept
 * in vector registers (which cost the row's frame nothing). */
#if TERMS_GNU_C && defined(__SSE2__)
#define WIDE_WORDS 1
#include <emmintrin.h>

/* How many of the 16 bytes at s go on a plain ASCII cell or member name
 * before one that does not (below '-', from 0x80 on, and ';' in a list):
 * 16 if all do.  One signed comparison tells both ranges. */
static inline unsigned plain16(const unsigned char *s, bool list)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i go = _mm_cmpgt_epi8(v, _mm_set1_epi8(','));
    if (list)
        go = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')), go);
    return (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(go));
}

/* Which of the 16 bytes at s would end quoted text as quoted_end reads it
 * (a quote, a byte to '\r', or one from 0x80, whose UTF-8 is to check),
 * a bit each.  One signed comparison tells the last two. */
static inline unsigned quote16(const unsigned char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmplt_epi8(v, _mm_set1_epi8('\r' + 1)));
    return (unsigned)_mm_movemask_epi8(stop);
}
#else
#define WIDE_WORDS 0
static inline unsigned plain16(const unsigned char *s, bool list)
{
    (void)s, (void)list;
    return 0;
}
#endif

/* The bytes of x before the first one marked in stop (not 0). */
static inline uint64_t bytes_before(uint64_t x, uint64_t stop)
{
    return x & (stop ^ (stop - 1)) >> 8;
}

/* The end of the plain cell at s: the first byte not in_plain, the line's
 * '\n' at the latest; and in *high, the bytes of the cell ORed together
 * eight at a time (a top bit set: a byte above ASCII).  Eight bytes at a
 * time while they are all before known, which is at most lines_end (bytes
 * of the file, none unread).  A caller that needs no *high loses its work
 * when this is inlined. */
static ALWAYS_INLINE const unsigned char *plain_end(const unsigned char *s, const unsigned char *known, uint64_t *high)
{
    uint64_t h = 0;
    if (LITTLE_WORDS) {
        while (known - s >= 8) {
            uint64_t x = word8(s), stop = bytes_below(x, '-');
            if (!stop) {
                h |= x;
                s += 8;
                continue;
            }
            h |= bytes_before(x, stop);
            s += (unsigned)__builtin_ctzll(stop) / 8;
            if (stops_plain[*s]) {
                *high = h;
                return s;
            }
            s++; /* a space, say */
        }
    }
    while (in_plain(*s))
        h |= *s++;
    *high = h;
    return s;
}

/* plain_end for a cell of ASCII bytes, the most common: NULL at a byte
 * from 0x80 on, which plain_end and a check of the UTF-8 then read.  A
 * byte below '-' or from 0x80 stops a word, the first of them exactly (a
 * borrow comes only from a byte below '-'). */
static ALWAYS_INLINE const unsigned char *ascii_end(const unsigned char *s, const unsigned char *known)
{
    if (WIDE_WORDS)
        while (known - s > 16) {
            unsigned n = plain16(s, false);
            s += n;
            if (n == 16)
                continue;
            if (*s == ',' || stops_plain[*s])
                return s;
            if (*s >= 0x80)
                return NULL;
            s++; /* a space, say */
        }
    if (LITTLE_WORDS)
        while (known - s >= 8) {
            uint64_t x = word8(s), stop = ((x - EACH_BYTE('-')) | x) & EACH_BYTE(0x80);
            if (!stop) {
                s += 8;
                continue;
            }
            s += (unsigned)__builtin_ctzll(stop) / 8;
            if (*s == ',' || stops_plain[*s])
                return s;
            if (*s >= 0x80)
                return NULL;
            s++; /* a space, say */
        }
    for (; in_plain(*s); s++)
        if (*s >= 0x80)
            return NULL;
    return s;
}

/* The closing quote of a quoted cell whose text starts at s, if the text
 * has no quote (a doubled one is read_row's), no line end and no NUL (nor
 * a comma, if no_comma), and the quote ends the cell; else NULL.  Reads no
 * further than known.  The text's bytes ORed together in *high, as
 * plain_end. */
static ALWAYS_INLINE const unsigned char *quoted_end(const unsigned char *s, const unsigned char *known, unsigned *high,
                                              bool no_comma)
{
    unsigned h = 0;
    for (; s < known; s++) {
        if (*s <= '\r' || *s == '"' || (no_comma && *s == ','))
            break;
        h |= *s;
    }
    *high = h;
    if (s + 1 >= known || *s != '"' || (s[1] != ',' && s[1] != '\n' && s[1] != '\r'))
        return NULL;
    return s;
}

/* The digits at s, at least one and at most 18 (no sign), as *x: where
 * they end, or NULL.  One or two digits, as most numbers have, without a
 * loop. */
static ALWAYS_INLINE const unsigned char *plain_digits(const unsigned char *s, uint64_t *x)
{
    unsigned c = (unsigned)(s[0] - '0'), c1, c2;
    if (c >= 10)
        return NULL;
    if ((c1 = (unsigned)(s[1] - '0')) >= 10) {
        *x = c;
        return s + 1;
    }
    if ((c2 = (unsigned)(s[2] - '0')) >= 10) {
        *x = c * 10 + c1;
        return s + 2;
    }
    uint64_t v = (c * 10 + c1) * 10 + c2; /* may wrap past 19 digits, which are refused */
    const unsigned char *e = s + 3;
    for (; (c = (unsigned)(*e - '0')) < 10; e++)
        v = v * 10 + c;
    *x = v;
    return e - s <= 18 ? e : NULL;
}

/* One or two digits at s and then ',', the usual whole number in a column
 * before the last: the ',' (a byte is read only after a digit, so not
 * past the line's end), the number in *x; else NULL. */
static ALWAYS_INLINE const unsigned char *short_whole(const unsigned char *s, uint64_t *x)
{
    unsigned c = (unsigned)(s[0] - '0'), c1;
    if (c >= 10)
        return NULL;
    if (s[1] == ',') {
        *x = c;
        return s + 1;
    }
    if ((c1 = (unsigned)(s[1] - '0')) < 10 && s[2] == ',') {
        *x = c * 10 + c1;
        return s + 2;
    }
    return NULL;
}

/* plain_decimal for fast_row, in one pass over a cell that is followed
 * by a byte other than a digit or '.' in the buffer: where the number
 * ends (fast_row checks the byte there), or NULL.  "d.ddd", the usual
 * FTE, takes its fraction's lowest terms from thousandths: "1.000" is
 * 1/1, "0.593" 593/1000, "0.875" 7/8.  (A byte is read only once the one
 * before it is a digit or '.', so not past the line's end.) */
static ALWAYS_INLINE const unsigned char *scan_decimal(const unsigned char *s, const Thousandth *thousandths, Rat *out)
{
    unsigned i = (unsigned)(s[0] - '0'), f1, f2, f3;
    if (i < 10 && s[1] == '.' && (f1 = (unsigned)(s[2] - '0')) < 10 && (f2 = (unsigned)(s[3] - '0')) < 10
        && (f3 = (unsigned)(s[4] - '0')) < 10 && (unsigned)(s[5] - '0') >= 10) {
        Thousandth t = thousandths[f1 * 100 + f2 * 10 + f3];
        out->n = (int64_t)(i * t.d + t.n);
        out->d = t.d;
        return s + 5;
    }
    const unsigned char *e = s;
    uint64_t v = 0; /* wraps past 19 digits, which are refused */
    unsigned c;
    for (; (c = (unsigned)(*e - '0')) < 10; e++)
        v = v * 10 + c;
    const unsigned char *point = e;
    if (*e == '.')
        for (e++; (c = (unsigned)(*e - '0')) < 10; e++)
            v = v * 10 + c;
    int places = *point == '.' ? (int)(e - point - 1) : 0;
    if (point == s || (*point == '.' && places == 0) || (e - s) - (*point == '.') > 18)
        return NULL;
    *out = decimal_terms(v, places);
    return e;
}

/* The readers of a cell that starts at s, if it is written plainly (see
 * fast_row), one for each kind of column, into v, its field in the
 * record.  Each returns where the cell ends (fast_row checks the byte
 * there), or NULL.  No reader measures its cell: fast_row leaves a row
 * longer than a cell may be to read_row. */

/* Text, and a column no field reads (store false). */
static ALWAYS_INLINE const unsigned char *text_cell(const unsigned char *s, const unsigned char *known, Value *v, bool store)
{
    const unsigned char *e;
    if (*s == '"') { /* quoted, with nothing to unescape: "Johnson, Jordan" */
        unsigned high;
        e = quoted_end(s + 1, known, &high, false);
        if (!e || !store)
            return e ? e + 1 : NULL;
        v->text.p = (const char *)s + 1;
        v->text.len = (uint32_t)(e - s - 1);
        return high < 0x80 || utf8_end(s + 1, v->text.len) == v->text.len ? e + 1 : NULL;
    }
    if ((e = ascii_end(s, known)) == NULL) {
        uint64_t high;
        e = plain_end(s, known, &high);
        if (store && (high & EACH_BYTE(0x80)) && utf8_end(s, (size_t)(e - s)) != (size_t)(e - s))
            return NULL;
    }
    if (store) {
        v->text.p = (const char *)s;
        v->text.len = (uint32_t)(e - s);
    }
    return e;
}

/* A whole number as parse_integer reads it, digits after an optional
 * sign ("-5", days taken off), as *x: where it ends, or NULL. */
static ALWAYS_INLINE const unsigned char *signed_digits(const unsigned char *s, int64_t *x)
{
    bool sign = *s == '-' || *s == '+';
    uint64_t u;
    const unsigned char *e = plain_digits(s + sign, &u);
    if (!e)
        return NULL;
    *x = *s == '-' ? -(int64_t)u : (int64_t)u;
    return e;
}

static ALWAYS_INLINE const unsigned char *integer_cell(const unsigned char *s, Value *v)
{
    int64_t x;
    const unsigned char *e = signed_digits(s, &x);
    if (!e)
        return NULL;
    v->num.n = x; /* as two stores: see rat_int */
    v->num.d = 1;
    return e;
}

/* An integer lo to lo + span. */
static ALWAYS_INLINE const unsigned char *ranged_cell(const Column *col, const unsigned char *s, Value *v)
{
    int64_t x;
    const unsigned char *e = signed_digits(s, &x);
    if (!e || (uint64_t)x - (uint64_t)col->lo > col->span)
        return NULL;
    v->num.n = x;
    v->num.d = 1;
    return e;
}

static ALWAYS_INLINE const unsigned char *yes_no_cell(const unsigned char *s, const unsigned char *known, Value *v)
{
    if (s[0] == 'n' && s[1] == 'o') {
        v->i = 0;
        return s + 2;
    }
    if (s[0] == 'y' && s[1] == 'e' && s[2] == 's') {
        v->i = 1;
        return s + 3;
    }
    uint64_t high;
    const unsigned char *e = plain_end(s, known, &high); /* TRUE, false, Y, 0, ... */
    v->i = yes_no(s, (size_t)(e - s));
    return v->i >= 0 ? e : NULL;
}

/* The member named by the bytes at s up to the first at or below ',' (or
 * ';', in a list), which member names have none of: its index, or -1; in
 * *end, where the name ends.  A name of up to 7 bytes, read as one word,
 * is its key, found in its first slot if it is a member, wherever the
 * column's multiplier keeps members apart.  Others (longer names, the
 * buffer's end, a big-endian machine) a byte at a time. */
/* The slot key_hash picks for key k in col's members, found from its
 * offset in bytes. */
static ALWAYS_INLINE const MemberSlot *first_slot(const Column *col, uint64_t k)
{
    return (const MemberSlot *)((const char *)col->hash.slot + ((k * col->hash.mul) >> (32 - 4) & col->slot_bytes));
}

/* The slot of the member named by the name at s of 8 bytes or more,
 * *len of them (8 to 16) the first that plain16 found (';' ends it too in
 * a list), if that is its first slot and the name has fewer than 80:
 * then its length in *len.  NULL otherwise (exact_member probes on). */
static ALWAYS_INLINE const MemberSlot *long_slot(const Column *col, const unsigned char *s, unsigned *len, bool list)
{
    unsigned n = *len, m = n;
    while (m == 16) {
        if (n >= 80)
            return NULL;
        m = plain16(s + n, list);
        n += m;
    }
    uint64_t k = word8(s);
    const MemberSlot *slot = first_slot(col, k);
    if (slot->key != k || slot->len != n)
        return NULL;
    const unsigned char *name = (const unsigned char *)col->names[slot->member];
    for (unsigned i = 8; i + 8 < n; i += 8)
        if (word8(s + i) != word8(name + i))
            return NULL;
    if (word8(s + n - 8) != word8(name + n - 8))
        return NULL;
    *len = n;
    return slot;
}

static ALWAYS_INLINE int member_at(const Column *col, const unsigned char *s, const unsigned char *known, bool list,
                            const unsigned char **end)
{
    uint64_t k;
    if (WIDE_WORDS && known - s > 16) {
        unsigned n = plain16(s, list);
        if (n < 8) { /* the name is its key */
            k = word8(s) & first_bytes[n];
            *end = s + n;
            const MemberSlot *slot = first_slot(col, k);
            if (slot->key == k)
                return slot->member;
            return exact_member(&col->hash, col->names, k, s, n);
        }
    }
    if (LITTLE_WORDS && known - s >= 8) {
        uint64_t x = word8(s), stop = bytes_below(x, ',' + 1);
        if (list)
            stop |= bytes_below(x ^ EACH_BYTE(';'), 1);
        if (stop) {
            k = bytes_before(x, stop);
            *end = s + (unsigned)__builtin_ctzll(stop) / 8;
            const MemberSlot *slot = first_slot(col, k);
            if (slot->key == k) /* the whole name: no other has its key */
                return slot->member;
            return exact_member(&col->hash, col->names, k, s, (size_t)(*end - s));
        }
    }
    const unsigned char *e = s;
    while (*e > ',' && !(list && *e == ';'))
        e++;
    *end = e;
    k = name_key(s, (size_t)(e - s));
    return exact_member(&col->hash, col->names, k, s, (size_t)(e - s));
}

static ALWAYS_INLINE const unsigned char *member_cell(const Column *col, const unsigned char *s, const unsigned char *known,
                                               Value *v)
{
    const unsigned char *e;
    int j = member_at(col, s, known, false, &e);
    v->i = j;
    return j >= 0 ? e : NULL;
}

/* items full: twice as many, and the row's lists read so far pointed
 * into them (item_at says where; a list not read yet points to where the
 * last row's was, which fast_row writes over). */
static NOINLINE void grow_items(Roster *r, Value *record)
{
    r->itemcap *= 2;
    r->hot_cap = r->itemcap < HOT_ITEMS ? r->itemcap : HOT_ITEMS;
    r->items = xrealloc(r->items, r->itemcap * sizeof *r->items);
    point_lists(r, record);
}

/* A list's members go to r's items[nitems..]; inside quotes, "" is an
 * empty list. */
static ALWAYS_INLINE const unsigned char *list_cell(Roster *r, Value *record, const Column *col, const unsigned char *s,
                                             const unsigned char *known, Value *v, bool quoted)
{
    size_t start = r->nitems, n = start;
    r->item_at[col->field] = start;
    const unsigned char *e = s;
    if (*s == '"' && !quoted) /* quoted_cell's */
        return NULL;
    if (*s > ',') /* else empty, if the cell ends here (as fast_row checks) */
        for (;; e++) { /* a member, then ';' or the end */
            int j = member_at(col, e, known, true, &e);
            if (j < 0)
                return NULL;
            if (n == r->itemcap) {
                r->nitems = n;
                grow_items(r, record);
            }
            r->items[n++] = j;
            if (*e != ';')
                break;
        }
    r->nitems = n;
    if (n - start > MAX_LIST_ITEMS)
        return NULL;
    v->list.items = r->items + start;
    v->list.len = (uint32_t)(n - start);
    return e;
}

static ALWAYS_INLINE const unsigned char *other_cell(Roster *r, const Column *col, const unsigned char *s, const unsigned char *known,
                                              Value *v)
{
    Buf quiet = {NULL, 0, 0}; /* the slow path says why, if need be */
    uint64_t high;
    const unsigned char *e = plain_end(s, known, &high);
    return e - s <= CELL_MAX && parse_cell(r, (int)col->field, s, (size_t)(e - s), v, &quiet) ? e : NULL;
}

/* The cell at s, which starts with a quote, read from inside the quotes
 * by its column's reader ("12","MA30", as some programs write every
 * cell), if what is inside has no comma, no line end and no quote and the
 * reader stops at the closing quote: the byte after it, or NULL.  Text
 * comes here only when text_cell cannot read it, nor can this. */
static NOINLINE const unsigned char *quoted_cell(Roster *r, Value *record, const Column *col,
                                                                  const unsigned char *s, const unsigned char *known)
{
    unsigned high;
    const unsigned char *q = quoted_end(s + 1, known, &high, true), *e = NULL;
    Value *v = (Value *)((char *)record + col->at);
    if (!q)
        return NULL;
    s++;
    switch (col->kind) {
    case COL_INTEGER: e = integer_cell(s, v); break;
    case COL_RANGED: e = ranged_cell(col, s, v); break;
    case COL_DECIMAL: e = scan_decimal(s, r->thousandths, &v->num); break;
    case COL_BOOL: e = yes_no_cell(s, known, v); break;
    case COL_ENUM: e = member_cell(col, s, known, v); break;
    case COL_LIST: e = list_cell(r, record, col, s, known, v, true); break;
    case COL_OTHER: e = other_cell(r, col, s, known, v); break;
    default: break;
    }
    return e == q ? q + 1 : NULL;
}

static int fast_row(Roster *r, Value *record, char *err, size_t errcap);

#if WIDE_WORDS
/* Reads the row at pos if each of its cells is in its kind's usual
 * spelling, the one fast_row tries first (its probes: text and names
 * before the first byte below '-' or from 0x80 of 16, one or two digits
 * and a ',', "d.ddd", "no" and "yes", a list's names of up to 79 bytes),
 * LF or CRLF ended, the last column's cell ending the line: 1 if so.
 * It calls nothing but fast_row, by a tail call, so it saves no
 * registers and has no frame, which is most of a row's fixed cost.  At
 * the first cell no probe takes it notes where it stopped (at_col, at_s;
 * at_col NULL at the row's start), having changed only the record and the
 * row's list members, and returns what fast_row returns, which goes on
 * from there; roster_next has put its message buffer in r->err.
 *
 * A probe reads 16 bytes wherever a cell starts, which may be up to 15
 * past the line's end: it reads a row only before hot_end, which is
 * lines_end where the buffer has PAD bytes past its data, and for a
 * roster read in place the last line end at least PAD - 1 bytes before
 * the data's end.  Its cells are short (the lists of a row at most
 * HOT_ITEMS members of under 80 bytes, 800,000 bytes), so its cells and
 * rows are shorter than they may be: it needs no test of their length.  A roster of one column is not read here (a blank
 * line would be an empty cell). */
static NOINLINE int hot_row(Roster *r, Value *record)
{
    static const void *const probe[] = {
        [COL_IGNORED] = &&ignored, [COL_TEXT] = &&text, [COL_INTEGER] = &&integer, [COL_RANGED] = &&ranged,
        [COL_DECIMAL] = &&decimal, [COL_BOOL] = &&yes_no, [COL_ENUM] = &&member, [COL_LIST] = &&list,
        [COL_OTHER] = &&miss, [COL_END] = &&miss,
    };
    if (r->pos >= r->hot_end)
        goto outside;
    const unsigned char *s = r->buf + r->pos, *e;
    const Column *col = r->plan;
    uint64_t x;
    size_t nitem;                /* a list's: the row's members so far, in items */
    unsigned ilen;               /* the bytes of a member's name */
    const MemberSlot *islot;     /* its slot */
    r->nitems = 0;
    goto *col->hot;
#define FIELD ((Value *)((char *)record + col->at))
/* the next cell, after a ',' the probe found */
#define NEXT_CELL()                                   \
    do {                                              \
        s = e + 1;                                    \
        col++;                                        \
        __asm__("" : "+r"(col));                      \
        goto *col->hot;                               \
    } while (0)
/* after the cell that ends the line, the last column's: the row read,
 * or a miss */
#define ROW_END(miss)                                 \
    do {                                              \
        if (*e != '\n') {                             \
            if (*e != '\r' || e[1] != '\n')           \
                goto miss;                            \
            e++;                                      \
        }                                             \
        if (!col->last)                               \
            goto miss;                                \
        goto row_read;                                \
    } while (0)
/* the next cell, or the line's end */
#define CELL()                                        \
    do {                                              \
        if (*e != ',')                                \
            goto row_end;                             \
        NEXT_CELL();                                  \
    } while (0)
text:
    e = s + plain16(s, false);
    FIELD->text.p = (const char *)s;
    FIELD->text.len = (uint32_t)(e - s);
    if (*e != ',')
        goto text_end;
    NEXT_CELL();
ignored:
    e = s + plain16(s, false);
    if (*e != ',')
        goto text_end;
    NEXT_CELL();
text_end: /* the line's end, or a quote that starts the cell */
    if (*s != '"')
        goto row_end;
    { /* "Johnson, Jordan": text in quotes, no quote inside, ASCII, ending within 64 bytes */
    unsigned stop = quote16(s) & ~1u; /* the bytes after the opening quote */
    for (e = s; !stop; stop = quote16(e)) /* e's 16 bytes before the line end: the next 16 are inside */
        if ((e += 16) - s == 64)
            goto miss;
    e += __builtin_ctz(stop);
    if (*e != '"')
        goto miss;
    if (col->kind == COL_TEXT) {
        FIELD->text.p = (const char *)s + 1;
        FIELD->text.len = (uint32_t)(e - s - 1);
    }
    e++;
    CELL();
}
integer:
    if ((e = short_whole(s, &x)) == NULL)
        goto last_whole;
    FIELD->num.n = (int64_t)x;
    FIELD->num.d = 1;
    NEXT_CELL();
ranged:
    if ((e = short_whole(s, &x)) == NULL)
        goto last_whole;
    if (x - (uint64_t)col->lo > col->span)
        goto miss;
    FIELD->num.n = (int64_t)x;
    FIELD->num.d = 1;
    NEXT_CELL();
/* "d.ddd", the usual FTE: its value, then the next cell or the line's end */
#define THOUSANDTHS(then)                                                                           \
    do {                                                                                            \
        uint64_t d = word8(s) ^ UINT64_C(0x303030302E30); /* as fast_row's */                      \
        uint64_t not_digit = (d | (d + EACH_BYTE(0x76))) & UINT64_C(0x808080808080);               \
        if (not_digit == UINT64_C(0x800000000000) && !(d & 0xFF00)) {                              \
            Thousandth t = r->thousandths[s[2] * 100 + s[3] * 10 + s[4] - '0' * 111];                \
            FIELD->num.n = (int64_t)((unsigned)(d & 0x0F) * t.d + t.n);                              \
            FIELD->num.d = t.d;                                                                      \
            e = s + 5;                                                                               \
            then;                                                                                    \
            CELL();                                                                                  \
        }                                                                                            \
    } while (0)
/* A decimal column tries first what its last cell was: "d.ddd" (decimal)
 * or one or two digits (decimal_whole), as most of ISD 622's are ("0"). */
decimal:
    THOUSANDTHS((void)0);
    if ((e = short_whole(s, &x)) == NULL)
        goto last_whole;
    ((Column *)col)->hot = &&decimal_whole;
    FIELD->num.n = (int64_t)x;
    FIELD->num.d = 1;
    NEXT_CELL();
decimal_whole:
    if ((e = short_whole(s, &x)) != NULL) {
        FIELD->num.n = (int64_t)x;
        FIELD->num.d = 1;
        NEXT_CELL();
    }
    THOUSANDTHS(((Column *)col)->hot = &&decimal);
    goto last_whole;
#undef THOUSANDTHS
last_whole: { /* one or two digits that end the line, in the last column */
    unsigned c = (unsigned)(s[0] - '0'), c1;
    if (!col->last)
        goto long_whole;
    if (c >= 10)
        goto miss;
    x = c;
    e = s + 1;
    if ((c1 = (unsigned)(s[1] - '0')) < 10) {
        if ((unsigned)(s[2] - '0') < 10)
            goto long_whole;
        x = c * 10 + c1;
        e = s + 2;
    }
    if (col->kind == COL_RANGED && x - (uint64_t)col->lo > col->span)
        goto miss;
    FIELD->num.n = (int64_t)x;
    FIELD->num.d = 1;
    goto row_end;
}
long_whole: /* three digits or more (a year) */
    if ((e = plain_digits(s, &x)) == NULL)
        goto miss;
    if (col->kind == COL_RANGED && x - (uint64_t)col->lo > col->span)
        goto miss;
    FIELD->num.n = (int64_t)x;
    FIELD->num.d = 1;
    CELL();
yes_no: /* "no," and "yes," a word each; then either at the line's end */
    if (((uint32_t)word8(s) & 0xFFFFFF) == ('n' | 'o' << 8 | ',' << 16)) {
        FIELD->i = 0;
        e = s + 2;
        NEXT_CELL();
    }
    if ((uint32_t)word8(s) == ('y' | 'e' << 8 | 's' << 16 | (uint32_t)',' << 24)) {
        FIELD->i = 1;
        e = s + 3;
        NEXT_CELL();
    }
    if (s[0] == 'n' && s[1] == 'o') {
        FIELD->i = 0;
        e = s + 2;
        CELL();
    }
    if (s[0] == 'y' && s[1] == 'e' && s[2] == 's') {
        FIELD->i = 1;
        e = s + 3;
        CELL();
    }
    goto miss;
member: {
    e = s + plain16(s, false);
    uint64_t k = word8(s) & first_bytes[e - s];
    const MemberSlot *slot = first_slot(col, k);
    if (slot->key != k) /* a name of 1 to 7 bytes, a member's, or a miss */
        goto long_member;
    FIELD->i = slot->member;
    CELL();
}
long_member: { /* 8 to 15 bytes: its key, its length and its last 8 bytes */
    __asm__("" : "+r"(s) : : "memory"); /* nothing of member's kept for here: no registers to spare */
    size_t n = (size_t)(e - s);
    uint64_t k = word8(s);
    r->at_s = s; /* for a miss, which then needs no register for s */
    if (n - 8 >= 8)
        goto miss_at_s;
    const MemberSlot *slot = first_slot(col, k);
    if (slot->key != k || slot->len != n || word8(e - 8) != word8((const unsigned char *)col->names[slot->member] + n - 8))
        goto miss_at_s;
    FIELD->i = slot->member;
    CELL();
}
list:
    nitem = r->nitems;
    e = s;
    r->at_s = s; /* for a miss, which then needs no register for s */
    if (*s > ',') /* else empty, if the cell ends here */
        for (;; e++) {
            /* r's and col's fields loaded where used, not kept in
             * registers, nor nitem's byte offset: the loop would need more
             * than a frameless function has */
            __asm__("" : "+r"(col), "+r"(nitem) : : "memory");
            ilen = plain16(e, true);
            uint64_t k = word8(e) & r->first_bytes[ilen];
            islot = first_slot(col, k);
            if (islot->key != k) /* a name of 1 to 7 bytes, a member's, or a longer one */
                goto long_item;
        item:
            if (nitem == r->hot_cap)
                goto miss_at_s;
            r->items[nitem++] = islot->member;
            e += ilen;
            if (*e != ';')
                break;
        }
    { /* nitem is at most hot_cap, MAX_LIST_ITEMS: no list has more */
    size_t start = r->nitems;
    r->nitems = nitem;
    FIELD->list.items = r->items + start;
    FIELD->list.len = (uint32_t)(nitem - start);
    if (*e == ',')
        NEXT_CELL();
    ROW_END(miss_at_s);
    }
long_item: /* a name of 8 bytes or more: what the row needs after it kept in r meanwhile, for registers */
    if (ilen < 8)
        goto miss_at_s;
    r->at_list = col;
    r->at_e = e;
    r->at_n = nitem;
    r->at_record = record;
    __asm__("" : "+r"(r) : : "memory");
    islot = long_slot(r->at_list, r->at_e, &ilen, true);
    __asm__("" : "+r"(r), "+r"(islot), "+r"(ilen) : : "memory");
    record = r->at_record;
    col = r->at_list;
    e = r->at_e;
    nitem = r->at_n;
    if (!islot)
        goto miss_at_s;
    goto item;
#undef CELL
#undef NEXT_CELL
#undef FIELD
row_end:
    ROW_END(miss);
#undef ROW_END
row_read:
    __asm__("" : "+r"(r)); /* r->buf loaded here, not kept from the start */
    r->rowno++;
    r->rowline = r->line++;
    r->pos = (size_t)(e + 1 - r->buf);
    return 1;
miss:
    r->at_s = s;
miss_at_s:
    r->at_col = col;
    if (++r->hot_misses > r->rowno / 2 + 64) { /* most rows miss: fast_row alone reads them */
        r->hot_off = true;
        set_fast(r);
    }
    return fast_row(r, record, r->err, r->errcap);
outside: /* no whole line to read with probes, or called by label_hot */
    if (!record) {
        for (Column *c = r->plan;; c++) {
            c->hot = probe[c->kind];
            if (c->kind == COL_END)
                break;
        }
        return 0;
    }
    return fast_row(r, record, r->err, r->errcap);
}

/* Sets each column's hot label, once. */
static void label_hot(Roster *r)
{
    if (!r->plan)
        return;
    size_t hot_end = r->hot_end;
    r->hot_end = 0;
    hot_row(r, NULL);
    r->hot_end = hot_end;
}
#else
static void label_hot(Roster *r)
{
    (void)r;
}
#endif

/* Reads the next row into record if it is a plain one: a whole line, LF or
 * CRLF ended, already in the buffer, with the header's number of cells,
 * none with CR or NUL, each written as its type's plain spelling (no
 * spaces around it, "yes" or "no", a member's exact name, ...) or that in
 * quotes (quoted_cell), text in quotes with nothing to unescape ("Smith,
 * Jane"), and no longer than a cell may be.  Leaves the reader as read_row
 * would, but for what describes the row read_row read (row, cells,
 * ncells, blank), which only read_row's callers read.  Any other row,
 * having changed nothing in the reader but this row's scratch (items,
 * item_at, nitems), it leaves to general_next: read_row and parse_cell
 * then read it, and say what is wrong with it if anything is.  So it
 * returns what roster_next returns, the general path's call a tail call.
 *
 * A line end from pos on, so a whole line, is there if lines_end is past
 * pos; no byte of the row is read past its first line end but a word at a
 * time, up to lines_end.
 *
 * Each cell's reader jumps straight to the next column's through a table
 * of label addresses, as the VM dispatches: one shared switch, jumping to
 * a different reader column after column, is mispredicted far more.  What
 * the loop keeps is few (no cell's place in the record, no state), so
 * that it all stays in registers. */
static int fast_row(Roster *r, Value *record, char *err, size_t errcap)
{
#if TERMS_GNU_C
    static const void *const read_cell[] = {
        [COL_IGNORED] = &&ignored, [COL_TEXT] = &&text, [COL_INTEGER] = &&integer, [COL_RANGED] = &&ranged,
        [COL_DECIMAL] = &&decimal, [COL_BOOL] = &&yes_no, [COL_ENUM] = &&member, [COL_LIST] = &&list,
        [COL_OTHER] = &&other, [COL_END] = &&too_many,
    };
#define READ_CELL() goto *col->read
/* Keeps GCC from making col an induction variable: it would keep the next
 * column and this one both, the one in a register and the other stored
 * at every cell (22 instructions a row). */
#define NEXT_COLUMN() do { col++; __asm__("" : "+r"(col)); } while (0)
#else
#define NEXT_COLUMN() col++
#define READ_CELL() goto read_cell /* the switch below */
#endif
#if TERMS_GNU_C
    if (!r->plan->read) /* each column's reader found once, not per cell */
        for (Column *c = r->plan; c == r->plan || c[-1].kind != COL_END; c++)
            c->read = read_cell[c->kind];
#endif
    const Column *col = r->at_col;
    const unsigned char *s = r->at_s, *e;
    if (col) { /* where hot_row stopped */
        r->at_col = NULL;
        for (int k = 0; k < r->nlists; k++) { /* where the lists hot_row read start, as grow_items needs */
            int f = r->lists[k], c = r->col_of[f];
            if (c >= 0 && c < col - r->plan)
                r->item_at[f] = (size_t)(record[f].list.items - r->items);
        }
    } else {
        if (r->pos >= r->lines_end)
            goto general;
        col = r->plan;
        s = r->buf + r->pos;
        r->nitems = 0;
    }
    const unsigned char *known = r->buf + r->lines_end;
    uintptr_t wide = (uintptr_t)known - 16; /* from s below it, 17 bytes are the file's */
    uint64_t x;
#define FIELD ((Value *)((char *)record + col->at))
/* each cell but the last ends with ',', and COL_END takes none */
#define NEXT_CELL()                                   \
    do {                                              \
        s = e + 1;                                    \
        NEXT_COLUMN();                                \
        READ_CELL();                                  \
    } while (0)
#define CELL(read)                                    \
    do {                                              \
        if (!(e = (read)))                            \
            goto unquote;                             \
        if (*e != ',')                                \
            goto row_end;                             \
        s = e + 1;                                    \
        NEXT_COLUMN();                                \
        READ_CELL();                                  \
    } while (0)
    READ_CELL();
#if !TERMS_GNU_C
read_cell:
    switch (col->kind) {
    case COL_IGNORED: goto ignored;
    case COL_TEXT: goto text;
    case COL_INTEGER: goto integer;
    case COL_RANGED: goto ranged;
    case COL_DECIMAL: goto decimal;
    case COL_BOOL: goto yes_no;
    case COL_ENUM: goto member;
    case COL_LIST: goto list;
    case COL_OTHER: goto other;
    default: goto too_many;
    }
#endif
/* Each column first tries its kind's usual spelling inline (a probe):
 * for text and names, the first byte of 16 that a plain ASCII cell or
 * name cannot hold, which must be the cell's ','.  Anything else goes to
 * the column's reader, as it did before the probes. */
#define PROBE(list) (e = s + plain16(s, list))
text:
    if (WIDE_WORDS && (uintptr_t)s < wide && *PROBE(false) == ',') {
        FIELD->text.p = (const char *)s;
        FIELD->text.len = (uint32_t)(e - s);
        NEXT_CELL();
    }
    CELL(text_cell(s, known, FIELD, true));
ignored:
    if (WIDE_WORDS && (uintptr_t)s < wide && *PROBE(false) == ',')
        NEXT_CELL();
    CELL(text_cell(s, known, FIELD, false));
integer:
    if ((e = short_whole(s, &x)) != NULL) {
        FIELD->num.n = (int64_t)x;
        FIELD->num.d = 1;
        NEXT_CELL();
    }
    CELL(integer_cell(s, FIELD));
ranged:
    if ((e = short_whole(s, &x)) != NULL && x - (uint64_t)col->lo <= col->span) {
        FIELD->num.n = (int64_t)x;
        FIELD->num.d = 1;
        NEXT_CELL();
    }
    CELL(ranged_cell(col, s, FIELD));
decimal:
    if (LITTLE_WORDS && (uintptr_t)s < wide) { /* "d.ddd", the usual FTE, from one word */
        /* the digits' values, 0 for the '.'; a byte's top bit in not_digit
         * is set if it is not below 10 (exactly for the first such byte) */
        uint64_t d = word8(s) ^ UINT64_C(0x303030302E30);
        uint64_t not_digit = (d | (d + EACH_BYTE(0x76))) & UINT64_C(0x808080808080);
        if (not_digit == UINT64_C(0x800000000000) && !(d & 0xFF00)) { /* d.ddd, then no digit */
            Thousandth t = r->thousandths[s[2] * 100 + s[3] * 10 + s[4] - '0' * 111];
            FIELD->num.n = (int64_t)((unsigned)(d & 0x0F) * t.d + t.n);
            FIELD->num.d = t.d;
            e = s + 5;
            CELL(e);
        }
    }
    if ((e = short_whole(s, &x)) != NULL) { /* "0", "12": as scan_decimal reads them */
        FIELD->num.n = (int64_t)x;
        FIELD->num.d = 1;
        NEXT_CELL();
    }
    CELL(scan_decimal(s, r->thousandths, &FIELD->num));
yes_no:
    if (s[0] == 'n' && s[1] == 'o' && s[2] == ',') {
        FIELD->i = 0;
        e = s + 2;
        NEXT_CELL();
    }
    CELL(yes_no_cell(s, known, FIELD));
member:
    if (WIDE_WORDS && (uintptr_t)s < wide && *PROBE(false) == ',') {
        uint64_t k = word8(s) & first_bytes[e - s];
        const MemberSlot *slot = first_slot(col, k);
        if (slot->key == k) { /* a name of 1 to 7 bytes: a member's */
            FIELD->i = slot->member;
            NEXT_CELL();
        }
    }
    CELL(member_cell(col, s, known, FIELD));
list:
    if (WIDE_WORDS && *s != '"') { /* its members' names of 1 to 7 bytes */
        size_t start = r->nitems, n = start, cap = r->itemcap;
        int32_t *items = r->items;
        e = s;
        if (*s > ',') /* else empty, if the cell ends here */
            for (;; e++) {
                unsigned len;
                if ((uintptr_t)e >= wide || n == cap)
                    goto list_general;
                len = plain16(e, true);
                uint64_t k = word8(e) & first_bytes[len];
                const MemberSlot *slot = first_slot(col, k);
                if (slot->key != k)
                    goto list_general;
                items[n++] = slot->member;
                e += len;
                if (*e != ';')
                    break;
            }
        if (n - start <= MAX_LIST_ITEMS) {
            r->item_at[col->field] = start;
            r->nitems = n;
            FIELD->list.items = items + start;
            FIELD->list.len = (uint32_t)(n - start);
            CELL(e);
        }
    }
list_general:
    CELL(list_cell(r, record, col, s, known, FIELD, false));
other:
    CELL(other_cell(r, col, s, known, FIELD));
unquote: /* an `optional` field's empty cell, or a cell in quotes */
    if (col->empty && (*s == ',' || *s == '\n' || *s == '\r')) {
        *FIELD = *col->empty;
        e = s;
    } else if (*s != '"' || !(e = quoted_cell(r, record, col, s, known))) {
        goto general;
    }
    CELL(e);
#undef CELL
#undef NEXT_CELL
#undef PROBE
#undef FIELD
#undef NEXT_COLUMN
#undef READ_CELL
row_end: /* after the last cell: the line's end, which a blank line has alone */
    if ((size_t)(e - (r->buf + r->pos)) - 1 >= CELL_MAX) /* empty, or too long: read_row says so */
        goto general;
    if (*e == '\r' && e[1] == '\n') /* CRLF, as Windows and Python's csv write */
        e++;
    if (*e != '\n' || !col->last)
        goto general;
    r->rowno++;
    r->rowline = r->line++;
    r->pos = (size_t)(e + 1 - r->buf);
    return 1;
too_many: /* more cells than the header has */
general:
    return general_next(r, record, err, errcap);
}

/* Whether roster_next tries fast_row first, as it does for a roster that
 * has a plan, fills no field with a default, joins no records, and has
 * neither stopped nor blank lines before it: one test a row. */
static void set_fast(Roster *r)
{
    r->fast = r->plan && !r->nfills && !r->njoins && !r->broken && !r->blank_row && !r->after_cr;
    r->hot = WIDE_WORDS && r->fast && r->ncols > 1 && !r->hot_off;
}

/* A row that cannot be read stops the file: later calls repeat why. */
static int stop(Roster *r)
{
    r->broken = true;
    set_fast(r);
    snprintf(r->failure, sizeof r->failure, "%s", r->errcap ? r->err : "");
    return -1;
}

/* roster_next for a row fast_row did not take: kept apart, so that the
 * fast path does not pay for this one's frame. */
static NOINLINE int general_next(Roster *r, Value *record, char *err, size_t errcap)
{
    r->err = err;
    r->errcap = errcap;
    if (r->broken) {
        snprintf(err, errcap, "%s", r->failure);
        return -1;
    }
    long last_row = r->rowno, last_line = r->rowline;
    long blank_row = r->blank_row, blank_line = r->blank_line;
    r->blank_row = 0;
    set_fast(r);
    int got;
    while ((got = read_row(r)) == 1 && r->blank) {
        if (!blank_row) {
            blank_row = r->rowno;
            blank_line = r->rowline;
        }
    }
    if (got < 0)
        return stop(r);
    if (got == 0) { /* blank lines may end the file */
        r->rowno = last_row;
        r->rowline = last_line;
        return 0;
    }
    r->general_rows++;
    if (blank_row) {
        r->rowno = blank_row;
        r->rowline = blank_line;
        Buf b = row_error(r);
        put(&b, " is blank; a blank line is allowed only at the end");
        return stop(r);
    }
    if (r->ncells != (size_t)r->ncols) {
        Buf b = row_error(r);
        put(&b, " has %zu cell%s, the header has %d", r->ncells, r->ncells == 1 ? "" : "s", r->ncols);
        return -1;
    }

    const RecordSchema *sc = r->schema;
    r->nitems = 0;
    for (int f = 0; f < sc->nfields; f++) {
        int c = r->col_of[f];
        if (c < 0) /* roster_next filled it */
            continue;
        const unsigned char *s = r->row + r->cells[c].off;
        size_t n = r->cells[c].len;
        char reason[400];
        Buf why = {reason, sizeof reason, 0};
        if (!parse_cell(r, f, s, n, &record[f], &why)) {
            Buf b = cell_error(r, (size_t)c);
            put(&b, ": ");
            show(&b, s, n);
            put(&b, " %s", reason);
            return -1;
        }
    }
    point_lists(r, record);
    return 1;
}

static int join_records(Roster *r, Value *record, int got, char *err, size_t errcap);

/* roster_next for a roster with defaults to fill or records to join, or
 * one that reads its rows by the general path alone. */
static NOINLINE int next_row(Roster *r, Value *record, char *err, size_t errcap)
{
    for (int k = 0; k < r->nfills; k++)
        record[r->fills[k]] = r->schema->fields[r->fills[k]].deflt;
    if (r->after_cr && r->pos < r->end) { /* the LF of a CRLF the general path read: as read_row skips it */
        r->after_cr = false;
        set_fast(r);
        if (r->buf[r->pos] == '\n')
            r->pos++;
    }
    int got = r->plan && !r->broken && !r->blank_row && !r->after_cr ? fast_row(r, record, err, errcap)
                                                                     : general_next(r, record, err, errcap);
    return r->njoins && got >= 0 ? join_records(r, record, got, err, errcap) : got;
}

/* Most rosters fill no field with a default and join no records: their
 * plain rows take fast_row alone, and this frame is all they pay. */
int roster_next(Roster *r, Value *record, char *err, size_t errcap)
{
#if WIDE_WORDS
    if (r->hot) {
        r->err = err;
        r->errcap = errcap;
        return hot_row(r, record);
    }
#endif
    return r->fast ? fast_row(r, record, err, errcap) : next_row(r, record, err, errcap);
}

void roster_renumber(Roster *r, long rows_before, long line)
{
    r->rowno = rows_before;
    r->line = line;
}

void roster_after_blank(Roster *r, long row, long line)
{
    r->blank_row = row;
    r->blank_line = line;
    set_fast(r);
}

long roster_row(const Roster *r)
{
    return r->rowno;
}

long roster_line(const Roster *r)
{
    return r->rowline;
}

long roster_hot_misses(const Roster *r)
{
    return WIDE_WORDS ? r->hot_misses : -1;
}

long roster_general_rows(const Roster *r)
{
    return r->general_rows;
}

void roster_skip_unknown_members(Roster *r)
{
    r->skip_unknown = true;
}

const RosterSkipped *roster_skipped(const Roster *r, int *n)
{
    *n = r->nskipped;
    return r->skipped;
}

static void free_joins(Roster *r);

void roster_close(Roster *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nskipped; i++)
        free(r->skipped[i].value);
    free(r->skipped);
    if (r->mlen)
        for (int e = 0; e < r->schema->nenums; e++) {
            free(r->mlen[e]);
            free(r->mhash[e].slot);
        }
    free(r->mlen);
    free(r->mhash);
    if (!r->borrowed)
        free(r->buf);
    free(r->cells);
    free(r->names);
    free(r->name_at);
    free(r->col_of);
    free(r->items);
    free(r->item_at);
    free(r->plan);
    free(r->thousandths);
    free(r->lists);
    free(r->fills);
    free_joins(r);
    free(r);
}

void roster_quote(char *out, size_t cap, const char *s, size_t n)
{
    size_t len = cap ? strnlen(out, cap) : 0;
    Buf b = {out, cap, len < cap ? len : 0};
    show(&b, (const unsigned char *)s, n);
}

/* ---- records joined to the rows ----
 *
 * A records file has one row per record, the employee's id first.  Its
 * rows come in the roster's order, each employee's together, so one row
 * read ahead (pending) says whether the employee's records go on: memory
 * holds the largest employee's records, not the file.  An id that comes
 * back after another employee's rows is out of order, found when it is
 * read (the ids passed are kept); one that is not the roster's is found
 * at the roster's end. */

typedef struct Join {
    Roster *rows;          /* the records file, its id field 0 */
    FILE *f;               /* which rows reads */
    int field, id_field;   /* the record's field it fills, and the id it joins on */
    int width;             /* values per record */
    Value *pending;        /* [width]: the row read ahead, if has_pending */
    bool has_pending, ended;
    Value *buf;            /* this employee's records */
    size_t n, cap;
    char *text;            /* their texts, copied */
    size_t ntext, captext;
    RosterIds *passed;     /* the employees whose records are behind */
} Join;

void roster_join(Roster *r, int field, int id_field, Roster *rows, FILE *f)
{
    r->joins = xrealloc(r->joins, ((size_t)r->njoins + 1) * sizeof *r->joins);
    Join *j = &r->joins[r->njoins++];
    set_fast(r);
    int width = rows->schema->nfields;
    *j = (Join){.rows = rows, .f = f, .field = field, .id_field = id_field, .width = width,
                .pending = xcalloc((size_t)width + 1, sizeof(Value)),
                .passed = roster_ids_new(rows->path, rows->schema->fields[0].name)};
    roster_ids_keep_all(j->passed);
}

static void free_joins(Roster *r)
{
    for (int k = 0; k < r->njoins; k++) {
        Join *j = &r->joins[k];
        roster_close(j->rows);
        fclose(j->f);
        free(j->pending);
        free(j->buf);
        free(j->text);
        roster_ids_free(j->passed);
    }
    free(r->joins);
}

/* The pending row, whose id is a passed employee's or no employee's. */
static int misplaced(Roster *r, Join *j, char *err, size_t errcap)
{
    Value id = j->pending[0];
    Buf b = {err, errcap, 0};
    if (b.cap)
        b.p[0] = '\0';
    put(&b, "%s:%ld: row %ld, column \"%s\": ", j->rows->path, j->rows->rowline, j->rows->rowno, j->rows->schema->fields[0].name);
    show(&b, (const unsigned char *)id.text.p, id.text.len);
    if (roster_ids_has(j->passed, id.text.p, id.text.len))
        put(&b, " comes after other employees' rows: a records file must list the employees in the roster's order, "
                "each one's rows together (sort it as the roster is sorted)");
    else
        put(&b, " is not the id of an employee in %s", r->path);
    return -1;
}

/* Reads the next records row into pending; -1 with the reader's message. */
static int read_ahead(Join *j, char *err, size_t errcap)
{
    int got = roster_next(j->rows, j->pending, err, errcap);
    j->has_pending = got == 1;
    j->ended = got == 0;
    return got;
}

/* The pending row to this employee's records, its texts copied (as
 * offsets until the records are complete: the copies may move). */
static void take_pending(Join *j)
{
    if (j->n == j->cap) {
        j->cap = j->cap ? 2 * j->cap : 16;
        j->buf = xrealloc(j->buf, j->cap * (size_t)j->width * sizeof(Value));
    }
    Value *row = j->buf + j->n++ * (size_t)j->width;
    for (int f = 0; f < j->width; f++) {
        row[f] = j->pending[f];
        if (j->rows->schema->fields[f].type.kind != TY_TEXT)
            continue;
        size_t len = row[f].text.len;
        if (j->ntext + len > j->captext) {
            j->captext = 2 * (j->ntext + len) + 256;
            j->text = xrealloc(j->text, j->captext);
        }
        if (len)
            memcpy(j->text + j->ntext, row[f].text.p, len);
        row[f].text.p = (const char *)(uintptr_t)j->ntext;
        j->ntext += len;
    }
}

static int join_one(Roster *r, Join *j, Value *record, char *err, size_t errcap)
{
    Value id = record[j->id_field];
    j->n = j->ntext = 0;
    if (!j->has_pending && !j->ended && read_ahead(j, err, errcap) < 0)
        return -1;
    while (j->has_pending && j->pending[0].text.len == id.text.len && !memcmp(j->pending[0].text.p, id.text.p, id.text.len)) {
        take_pending(j);
        if (read_ahead(j, err, errcap) < 0)
            return -1;
    }
    roster_ids_add(j->passed, id.text.p, id.text.len, r->rowno, r->rowline);
    if (j->has_pending && roster_ids_has(j->passed, j->pending[0].text.p, j->pending[0].text.len))
        return misplaced(r, j, err, errcap);
    for (size_t i = 0; i < j->n; i++)
        for (int f = 0; f < j->width; f++)
            if (j->rows->schema->fields[f].type.kind == TY_TEXT)
                j->buf[i * (size_t)j->width + f].text.p = j->text + (uintptr_t)j->buf[i * (size_t)j->width + f].text.p;
    record[j->field].recs.rows = j->buf;
    record[j->field].recs.len = (uint32_t)j->n;
    record[j->field].recs.width = (uint32_t)j->width;
    return 1;
}

/* After the roster's row (got 1) or its end (got 0): the row's records,
 * or, at the end, a records row no employee took. */
static int join_records(Roster *r, Value *record, int got, char *err, size_t errcap)
{
    for (int k = 0; k < r->njoins; k++) {
        Join *j = &r->joins[k];
        if (got == 1 && join_one(r, j, record, err, errcap) < 0)
            return -1;
        if (got == 0 && !j->has_pending && !j->ended && read_ahead(j, err, errcap) < 0)
            return -1;
        if (got == 0 && j->has_pending)
            return misplaced(r, j, err, errcap);
    }
    return got;
}
