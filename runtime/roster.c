/* roster.c: the streaming CSV roster reader.  See roster.h.
 *
 * The file is read in large chunks into one buffer.  A row is first found
 * whole (its end is the first line end outside quotes), reading more when
 * the buffer ends mid-row; then its cells are cut out in place, quoted
 * cells unescaped where they lie, and each parsed to its field's type.
 */
#include "roster.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
    CHUNK = 1 << 16,
    MAX_CELL = 1 << 20,    /* bytes in one cell */
    MAX_ROW = 16 << 20,    /* bytes in one row */
    MAX_COLUMNS = 4096,
};

typedef struct {
    char *p;
    size_t len;
    bool quoted;
} CellText;

struct Roster {
    FILE *f;
    const char *path;
    const RecordSchema *schema;
    char *buf;
    size_t cap, start, end;   /* unread data is buf[start, end) */
    bool eof;
    long line;                /* physical line the next row starts on */
    long row_line;            /* ... and the one the last row started on */
    long row;
    int ncols;
    int *field_of_col;        /* column -> field index, or -1 */
    char **col_names;
    CellText *cells;
    int32_t *items;           /* members of list cells */
    size_t nitems, items_cap;
    size_t *list_at;          /* per field: where its list starts in items */
};

static void say(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

/* A cell's text for messages: at most 40 bytes, control bytes as \xNN. */
static void shown(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (i == 40) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (ch < 0x20 || ch == 0x7f)
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", ch);
        else
            out[o++] = (char)ch;
    }
    out[o] = '\0';
}

/* Reads more of the file; false at its end. */
static bool fill(Roster *r)
{
    if (r->eof)
        return false;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end < CHUNK) {
        size_t cap = r->cap * 2;
        char *bigger = realloc(r->buf, cap + 1);
        if (!bigger)
            return false;
        r->buf = bigger;
        r->cap = cap;
    }
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0)
        r->eof = true;
    return got > 0;
}

/* Finds the next row: sets *len to its length without the line end and
 * *next past it.  Returns 1, 0 at the end of the file, -1 on an error. */
static int find_row(Roster *r, size_t *len, size_t *next, char *err, size_t cap)
{
    size_t i = 0;
    bool quoted = false;
    for (;;) {
        char *b = r->buf + r->start;
        size_t n = r->end - r->start;
        for (; i < n; i++) {
            char ch = b[i];
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                *len = i;
                *next = i + 1 + (ch == '\r' && i + 1 < n && b[i + 1] == '\n');
                if (ch == '\r' && i + 1 == n && !r->eof) {
                    /* a \r at the end of the buffer: see whether \n follows */
                    size_t keep = i;
                    if (fill(r)) {
                        i = keep;
                        b = r->buf + r->start;
                        n = r->end - r->start;
                        *next = i + 1 + (i + 1 < n && b[i + 1] == '\n');
                    }
                }
                return 1;
            }
        }
        if (n > MAX_ROW) {
            say(err, cap, "%s:%ld: a row longer than %d MiB (an unclosed quote?)", r->path, r->line, MAX_ROW >> 20);
            return -1;
        }
        if (!fill(r)) {
            if (quoted) {
                say(err, cap, "%s:%ld: a quoted cell is never closed", r->path, r->line);
                return -1;
            }
            if (n == 0)
                return 0;
            *len = n;
            *next = n;
            return 1;
        }
    }
}

/* Cuts a row into cells in place.  Returns the count, or -1. */
static int split(Roster *r, char *s, size_t len, int want, CellText *cells, char *err, size_t cap)
{
    int count = 0;
    size_t i = 0;
    for (;;) {
        if (count == want) {
            say(err, cap, "%s:%ld: row %ld has more cells than the header has columns (%d)", r->path, r->row_line, r->row, want);
            return -1;
        }
        CellText *c = &cells[count++];
        if (i < len && s[i] == '"') {
            /* quoted: "" is a quote; unescape in place */
            size_t o = i;
            c->p = s + i;
            c->quoted = true;
            i++;
            for (;;) {
                if (i >= len) {
                    say(err, cap, "%s:%ld: row %ld: a quoted cell is never closed", r->path, r->row_line, r->row);
                    return -1;
                }
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        s[o++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                s[o++] = s[i++];
            }
            c->len = (size_t)(s + o - c->p);
            if (i < len && s[i] != ',') {
                say(err, cap, "%s:%ld: row %ld, column %d: text after a closing quote", r->path, r->row_line, r->row, count);
                return -1;
            }
        } else {
            c->p = s + i;
            c->quoted = false;
            while (i < len && s[i] != ',') {
                if (s[i] == '"') {
                    say(err, cap, "%s:%ld: row %ld, column %d: a quote inside an unquoted cell (quote the whole cell and double the quote)",
                        r->path, r->row_line, r->row, count);
                    return -1;
                }
                i++;
            }
            c->len = (size_t)(s + i - c->p);
        }
        if (c->len > MAX_CELL) {
            say(err, cap, "%s:%ld: row %ld, column %d: a cell longer than %d MiB", r->path, r->row_line, r->row, count, MAX_CELL >> 20);
            return -1;
        }
        if (i >= len)
            return count;
        i++; /* the comma */
    }
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

static bool same_word(const char *s, size_t n, const char *w, bool fold)
{
    size_t i = 0;
    for (; i < n && w[i]; i++) {
        char a = s[i], b = w[i];
        if (fold) {
            a = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
            b = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        if (a != b)
            return false;
    }
    return i == n && !w[i];
}

static int edit_distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* A member by name, display name, or name in any case; -1 if none. */
static int member(const EnumDef *e, const char *s, size_t n)
{
    for (int i = 0; i < e->count; i++)
        if (same_word(s, n, e->members[i], false))
            return i;
    for (int i = 0; i < e->count; i++)
        if (e->display[i] && same_word(s, n, e->display[i], false))
            return i;
    for (int i = 0; i < e->count; i++)
        if (same_word(s, n, e->members[i], true))
            return i;
    return -1;
}

static void member_error(const EnumDef *e, const char *s, size_t n, char *reason, size_t cap)
{
    size_t o = (size_t)snprintf(reason, cap, "is not a %s: it is one of", e->name);
    for (int i = 0; i < e->count && i < 10 && o < cap; i++)
        o += (size_t)snprintf(reason + o, cap - o, "%s %s", i ? "," : "", e->members[i]);
    if (e->count > 10 && o < cap)
        o += (size_t)snprintf(reason + o, cap - o, ", ...");
    const char *best = NULL;
    int dist = 3;
    for (int i = 0; i < e->count; i++) {
        int d = edit_distance(s, n, e->members[i]);
        if (d < dist) {
            dist = d;
            best = e->members[i];
        }
    }
    if (best && o < cap)
        snprintf(reason + o, cap - o, "; did you mean %s?", best);
}

static bool parse_whole(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool negative = false;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
    if (i == n)
        return false;
    int64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (RAT_LIMIT - 9) / 10)
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = negative ? -v : v;
    return true;
}

static bool parse_date(const char *s, size_t n, int64_t *days)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int part[3] = {0, 0, 0};
    const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < len[k]; i++) {
            char ch = s[at[k] + i];
            if (ch < '0' || ch > '9')
                return false;
            part[k] = part[k] * 10 + (ch - '0');
        }
    return date_from_ymd(part[0], part[1], part[2], days);
}

static bool add_item(Roster *r, int32_t item)
{
    if (r->nitems == r->items_cap) {
        size_t cap = r->items_cap ? r->items_cap * 2 : 64;
        int32_t *bigger = realloc(r->items, cap * sizeof *bigger);
        if (!bigger)
            return false;
        r->items = bigger;
        r->items_cap = cap;
    }
    r->items[r->nitems++] = item;
    return true;
}

/* One cell into its field's value; false with the reason in reason. */
static bool parse_cell(Roster *r, int field, CellText c, Value *v, char *reason, size_t cap)
{
    const FieldDef *f = &r->schema->fields[field];
    const char *s = c.p;
    size_t n = c.len;
    if (f->type.kind != TY_TEXT)
        trim(&s, &n);
    if (n == 0 && f->type.kind != TY_TEXT && f->type.kind != TY_LIST) {
        snprintf(reason, cap, "is empty; %s is needed", f->type.kind == TY_ENUM ? "a member" : f->type.kind == TY_DATE ? "a date"
                 : f->type.kind == TY_BOOL ? "yes or no" : "a number");
        return false;
    }
    switch (f->type.kind) {
    case TY_INTEGER: {
        int64_t i;
        if (!parse_whole(s, n, &i)) {
            snprintf(reason, cap, "is not a whole number");
            return false;
        }
        if (f->has_range && (i < f->lo || i > f->hi)) {
            snprintf(reason, cap, "is outside %lld to %lld", (long long)f->lo, (long long)f->hi);
            return false;
        }
        v->num = rat_int(i);
        return true;
    }
    case TY_DECIMAL:
    case TY_MONEY: {
        RatStatus st = rat_parse(s, n, f->type.kind == TY_MONEY, &v->num);
        if (st == RAT_OVERFLOW)
            snprintf(reason, cap, "is too large (the limit is 10^18)");
        else if (st != RAT_OK)
            snprintf(reason, cap, f->type.kind == TY_MONEY ? "is not an amount (like 40000, 40000.00 or $40,000)"
                                                              : "is not a decimal number (like 1, 0.5 or 1.000)");
        return st == RAT_OK;
    }
    case TY_BOOL:
        if (same_word(s, n, "yes", true) || same_word(s, n, "y", true) || same_word(s, n, "true", true) || same_word(s, n, "1", false))
            v->i = 1;
        else if (same_word(s, n, "no", true) || same_word(s, n, "n", true) || same_word(s, n, "false", true) || same_word(s, n, "0", false))
            v->i = 0;
        else {
            snprintf(reason, cap, "is not yes or no");
            return false;
        }
        return true;
    case TY_TEXT:
        v->text.p = s;
        v->text.len = (uint32_t)n;
        return true;
    case TY_DATE:
        if (!parse_date(s, n, &v->i)) {
            snprintf(reason, cap, "is not a date (YYYY-MM-DD)");
            return false;
        }
        return true;
    case TY_ENUM: {
        const EnumDef *e = &r->schema->enums[f->type.enum_id];
        int m = member(e, s, n);
        if (m < 0) {
            member_error(e, s, n, reason, cap);
            return false;
        }
        v->i = m;
        return true;
    }
    case TY_LIST: {
        const EnumDef *e = &r->schema->enums[f->type.enum_id];
        r->list_at[field] = r->nitems;
        size_t i = 0;
        while (i < n) {
            size_t j = i;
            while (j < n && s[j] != ';')
                j++;
            const char *item = s + i;
            size_t len = j - i;
            trim(&item, &len);
            if (len > 0) {
                int m = member(e, item, len);
                if (m < 0) {
                    char what[64];
                    shown(item, len, what, sizeof what);
                    size_t o = (size_t)snprintf(reason, cap, "has \"%s\", which ", what);
                    if (o < cap)
                        member_error(e, item, len, reason + o, cap - o);
                    return false;
                }
                if (!add_item(r, m)) {
                    snprintf(reason, cap, "has more members than memory holds");
                    return false;
                }
            }
            i = j + 1;
        }
        v->list.len = (uint32_t)(r->nitems - r->list_at[field]);
        return true;
    }
    case TY_ERROR:
        break;
    }
    snprintf(reason, cap, "cannot be read");
    return false;
}

static void count_lines(Roster *r, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
            r->line++;
}

Roster *roster_open(FILE *f, const char *path, const RecordSchema *schema, char *err, size_t errcap)
{
    Roster *r = calloc(1, sizeof *r);
    if (!r) {
        say(err, errcap, "out of memory");
        return NULL;
    }
    r->f = f;
    r->path = path;
    r->schema = schema;
    r->cap = CHUNK * 4;
    r->buf = malloc(r->cap + 1);
    r->line = 1;
    r->list_at = calloc((size_t)schema->nfields + 1, sizeof(size_t));
    if (!r->buf || !r->list_at) {
        say(err, errcap, "out of memory");
        roster_close(r);
        return NULL;
    }
    fill(r);
    if (r->end >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3))
        r->start = 3;
    size_t len, next;
    int got = find_row(r, &len, &next, err, errcap);
    if (got <= 0) {
        if (got == 0)
            say(err, errcap, "%s: the roster is empty: its first line must name the columns", path);
        roster_close(r);
        return NULL;
    }
    char *s = r->buf + r->start;
    if (memchr(s, '\0', len)) {
        say(err, errcap, "%s:1: the header holds a NUL byte: is this a CSV file?", path);
        roster_close(r);
        return NULL;
    }
    int ncols = 1;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (s[i] == ',' && !quoted)
            ncols++;
    }
    if (ncols > MAX_COLUMNS) {
        say(err, errcap, "%s:1: more than %d columns", path, MAX_COLUMNS);
        roster_close(r);
        return NULL;
    }
    r->ncols = ncols;
    r->cells = calloc((size_t)ncols, sizeof *r->cells);
    r->field_of_col = calloc((size_t)ncols, sizeof(int));
    r->col_names = calloc((size_t)ncols, sizeof(char *));
    if (!r->cells || !r->field_of_col || !r->col_names) {
        say(err, errcap, "out of memory");
        roster_close(r);
        return NULL;
    }
    if (split(r, s, len, ncols, r->cells, err, errcap) < 0) {
        roster_close(r);
        return NULL;
    }
    int *col_of_field = malloc(sizeof(int) * (size_t)(schema->nfields + 1));
    for (int i = 0; i < schema->nfields; i++)
        col_of_field[i] = -1;
    bool ok = true;
    for (int c = 0; c < ncols && ok; c++) {
        const char *name = r->cells[c].p;
        size_t n = r->cells[c].len;
        trim(&name, &n);
        r->col_names[c] = strndup(name, n);
        r->field_of_col[c] = -1;
        for (int j = 0; j < c; j++)
            if (r->col_names[j] && !strcmp(r->col_names[j], r->col_names[c])) {
                say(err, errcap, "%s:1: column \"%s\" appears twice", path, r->col_names[c]);
                ok = false;
            }
        for (int i = 0; i < schema->nfields && ok; i++)
            if (same_word(name, n, schema->fields[i].name, false)) {
                r->field_of_col[c] = i;
                col_of_field[i] = c;
            }
    }
    if (ok) {
        size_t o = 0;
        int missing = 0;
        for (int i = 0; i < schema->nfields; i++)
            if (col_of_field[i] < 0 && o < errcap)
                o += (size_t)snprintf(err + o, errcap - o, "%s\"%s\"", missing++ ? ", " : "", schema->fields[i].name);
        if (missing) {
            char *names = strndup(err, o);
            o = (size_t)snprintf(err, errcap, "%s:1: missing column%s %s (the employee record needs:", path, missing > 1 ? "s" : "",
                                 names ? names : "");
            for (int i = 0; i < schema->nfields && o < errcap; i++)
                o += (size_t)snprintf(err + o, errcap - o, "%s %s", i ? "," : "", schema->fields[i].name);
            if (o < errcap)
                snprintf(err + o, errcap - o, ")");
            free(names);
            ok = false;
        }
    }
    free(col_of_field);
    if (!ok) {
        roster_close(r);
        return NULL;
    }
    count_lines(r, s, next);
    r->start += next;
    return r;
}

int roster_next(Roster *r, Value *record, char *err, size_t errcap)
{
    size_t len, next;
    int got;
    for (;;) {
        got = find_row(r, &len, &next, err, errcap);
        if (got <= 0)
            return got;
        if (len > 0)
            break;
        /* a blank line */
        r->line++;
        r->start += next;
    }
    char *s = r->buf + r->start;
    r->row++;
    r->row_line = r->line;
    count_lines(r, s, next);
    r->start += next;
    if (memchr(s, '\0', len)) {
        say(err, errcap, "%s:%ld: row %ld holds a NUL byte", r->path, r->row_line, r->row);
        return -1;
    }
    int n = split(r, s, len, r->ncols, r->cells, err, errcap);
    if (n < 0)
        return -1;
    if (n != r->ncols) {
        say(err, errcap, "%s:%ld: row %ld has %d cell%s, but the header has %d columns", r->path, r->row_line, r->row, n,
            n == 1 ? "" : "s", r->ncols);
        return -1;
    }
    r->nitems = 0;
    for (int c = 0; c < n; c++) {
        int field = r->field_of_col[c];
        if (field < 0)
            continue;
        char reason[512];
        if (!parse_cell(r, field, r->cells[c], &record[field], reason, sizeof reason)) {
            char what[200];
            shown(r->cells[c].p, r->cells[c].len, what, sizeof what);
            say(err, errcap, "%s:%ld: row %ld, column \"%s\": \"%s\" %s", r->path, r->row_line, r->row, r->col_names[c], what, reason);
            return -1;
        }
    }
    /* lists point into items only now that it has stopped growing */
    for (int i = 0; i < r->schema->nfields; i++)
        if (r->schema->fields[i].type.kind == TY_LIST)
            record[i].list.items = r->items + r->list_at[i];
    return 1;
}

long roster_row(const Roster *r) { return r->row; }
long roster_line(const Roster *r) { return r->row_line; }

void roster_close(Roster *r)
{
    if (!r)
        return;
    if (r->col_names)
        for (int c = 0; c < r->ncols; c++)
            free(r->col_names[c]);
    free(r->col_names);
    free(r->field_of_col);
    free(r->cells);
    free(r->items);
    free(r->list_at);
    free(r->buf);
    free(r);
}
