/* fmt.c: the canonical layout.  See fmt.h.
 *
 * Items are written in source order.  Before each line the comments that
 * stood on lines of their own before it are written at its indentation;
 * after it, a comment that ended its source line.  Lines are built in a
 * Str first so that runs of them can be aligned, and kept until a blank
 * line so that end-of-line comments can be aligned too (flush).
 *
 * An expression is laid out by its parts (layout): the terms of a sum, the
 * conditions of an `and`, the branches of an `if ... else if`, a call's
 * arguments.  Where the writer broke a chain of parts over lines, it is
 * broken at the same places and re-indented; a chain written on one line
 * that does not fit in WRAP columns is broken at every place, one part per
 * line.  Read again, either is broken at the same places, so formatting
 * formatted text changes nothing.
 */
#include "fmt.h"
#include "alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { WRAP = 100, ALIGN_LIMIT = 60 };

typedef struct {
    char *s;
    size_t n, cap;
    size_t limit;  /* expr stops writing once it is longer (0: no limit) */
} Str;

static void add(Str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void adds(Str *b, const char *s) { add(b, s, strlen(s)); }

static void addf(Str *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(Str *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        add(b, tmp, (size_t)n);
    } else if (n > 0) {
        /* longer than the buffer (a long display name): never cut short */
        char *big = xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, again);
        add(b, big, (size_t)n);
        free(big);
    }
    va_end(again);
}

static void pad(Str *b, size_t width)
{
    while (b->n < width)
        add(b, " ", 1);
}

/* A line written but kept until the next blank line (flush). */
typedef struct {
    char *text;       /* without its end-of-line comment */
    size_t n;
    Span comment;     /* that comment in the source; empty if none */
    int source_col;   /* the column it began at there */
} OutLine;

typedef struct {
    const Contract *c;
    const char *src;
    size_t len;
    FILE *out;
    bool *done;       /* comments already written */
    uint32_t last;    /* source offset of the end of what was last written */
    bool any;         /* something was written */
    int open;         /* no comment before this one is still to write */
    OutLine *kept;    /* the lines since the last blank line */
    int nkept, cap;
} Fmt;

static void add_span(Str *b, const char *src, Span at)
{
    add(b, src + at.start, at.end - at.start);
}

static void add_quoted(Str *b, const char *s)
{
    add(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            add(b, "\\", 1);
        add(b, s, 1);
    }
    add(b, "\"", 1);
}

/* ---- expressions ---- */

static void expr_inner(Str *b, const char *src, const Expr *e);

/* src NULL: literals by value (for comparing), else as the source wrote them */
static void expr(Str *b, const char *src, const Expr *e)
{
    if (b->limit && b->n > b->limit)
        return;
    if (e->parens)
        add(b, "(", 1);
    expr_inner(b, src, e);
    if (e->parens)
        add(b, ")", 1);
}

/* e without the parentheses around it */
static void expr_inner(Str *b, const char *src, const Expr *e)
{
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        if (!src) {
            char buf[64];
            Rat hundred;
            if (e->percent && rat_mul(e->num, rat_int(100), &hundred) == RAT_OK) {
                add(b, buf, rat_format(hundred, 18, ROUND_HALF_UP, buf, sizeof buf));
                adds(b, "%");
                break;
            }
            size_t n = e->kind == E_MONEY ? rat_format_money(e->num, ROUND_HALF_UP, buf, sizeof buf)
                                          : rat_format(e->num, 18, ROUND_HALF_UP, buf, sizeof buf);
            add(b, buf, n);
            break;
        }
        add_span(b, src, e->at);
        break;
    case E_BLANK:
        adds(b, blank_is_amount(e) ? "$___" : "___");
        break;
    case E_NA:
        adds(b, "N/A");
        break;
    case E_DATE: case E_BOOL:
        if (!src) {
            int y, m, d;
            date_to_ymd(e->num.n, &y, &m, &d);
            if (e->kind == E_BOOL)
                adds(b, e->num.n ? "yes" : "no");
            else
                addf(b, "%04d-%02d-%02d", y, m, d);
            break;
        }
        add_span(b, src, e->at);
        break;
    case E_TEXT:
        add_quoted(b, e->name);
        break;
    case E_NAME:
        adds(b, e->name);
        break;
    case E_FIELD_OF:
        addf(b, "%s.%s", e->name, e->var);
        break;
    case E_NEG:
        adds(b, "-");
        expr(b, src, e->a);
        break;
    case E_NOT:
        adds(b, "not ");
        expr(b, src, e->a);
        break;
    case E_BINARY:
        expr(b, src, e->a);
        addf(b, " %s ", binop_text(e->op));
        expr(b, src, e->b);
        break;
    case E_IN_RANGE:
        expr(b, src, e->a);
        adds(b, " in ");
        expr(b, src, e->b);
        adds(b, "..");
        expr(b, src, e->c);
        break;
    case E_IN:
        expr(b, src, e->a);
        adds(b, " in ");
        expr(b, src, e->b);
        break;
    case E_SET:
    case E_INDEX:
    case E_CALL:
        if (e->kind != E_SET)
            adds(b, e->name);
        adds(b, e->kind == E_CALL ? "(" : "[");
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                adds(b, ", ");
            expr(b, src, e->args[i]);
        }
        adds(b, e->kind == E_CALL ? ")" : "]");
        break;
    case E_COMPREH:
        addf(b, "%s(", e->name);
        expr(b, src, e->a);
        addf(b, " for %s in ", e->var);
        expr(b, src, e->b);
        if (e->c) {
            adds(b, " if ");
            expr(b, src, e->c);
        }
        adds(b, ")");
        break;
    case E_IF:
        adds(b, "if ");
        expr(b, src, e->a);
        adds(b, " then ");
        expr(b, src, e->b);
        adds(b, " else ");
        expr(b, src, e->c);
        break;
    case E_PERYEAR:
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                adds(b, " / ");
            expr(b, src, e->args[i]);
        }
        break;
    case E_ERROR:
        if (src)
            add_span(b, src, e->at);
        break;
    }
}

const char *format_expr(Arena *arena, const char *src, const Expr *e)
{
    Str b = {0};
    expr(&b, src, e);
    char *s = arena_strndup(arena, b.s ? b.s : "", b.n);
    free(b.s);
    return s;
}

/* ---- comments and lines ---- */

/* Characters, not bytes: the "§" of a citation is one column. */
static size_t columns(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* The column of offset in its source line, a tab to the next multiple of
 * eight as the lexer counts it. */
static int source_column(const Fmt *f, uint32_t at)
{
    uint32_t bol = at;
    while (bol > 0 && f->src[bol - 1] != '\n')
        bol--;
    int col = 0;
    for (uint32_t i = bol; i < at; i++) {
        unsigned char ch = (unsigned char)f->src[i];
        if (ch == '\t')
            col = (col / 8 + 1) * 8;
        else if ((ch & 0xC0) != 0x80)
            col++;
    }
    return col;
}

typedef struct {
    int source_col, line;
} CommentAt;

static int by_source_column(const void *a, const void *b)
{
    const CommentAt *x = a, *y = b;
    return x->source_col != y->source_col ? (x->source_col > y->source_col) - (x->source_col < y->source_col)
                                          : (x->line > y->line) - (x->line < y->line);
}

/* Writes the lines kept since the last blank line.  End-of-line comments
 * that began in one column of the source (two or more: the writer aligned
 * them) are written in one column again: the writer's, or two spaces past
 * the longest of their lines if that is further.  Any other comment goes
 * two spaces after its line. */
static void flush(Fmt *f)
{
    int n = f->nkept;
    size_t *col = xcalloc((size_t)n + 1, sizeof *col);
    CommentAt *at = xcalloc((size_t)n + 1, sizeof *at);
    int k = 0;
    for (int i = 0; i < n; i++) {
        const OutLine *l = &f->kept[i];
        if (l->comment.end > l->comment.start) {
            col[i] = columns(l->text, l->n) + 2;
            at[k++] = (CommentAt){l->source_col, i};
        }
    }
    qsort(at, (size_t)k, sizeof *at, by_source_column);
    for (int a = 0, b; a < k; a = b) {
        size_t common = (size_t)at[a].source_col;
        for (b = a; b < k && at[b].source_col == at[a].source_col; b++)
            common = col[at[b].line] > common ? col[at[b].line] : common;
        for (int j = a; b - a > 1 && j < b; j++)
            col[at[j].line] = common;
    }
    for (int i = 0; i < n; i++) {
        OutLine *l = &f->kept[i];
        fwrite(l->text, 1, l->n, f->out);
        if (l->comment.end > l->comment.start) {
            for (size_t w = columns(l->text, l->n); w < col[i]; w++)
                fputc(' ', f->out);
            fwrite(f->src + l->comment.start, 1, l->comment.end - l->comment.start, f->out);
        }
        fputc('\n', f->out);
        free(l->text);
    }
    f->nkept = 0;
    free(col);
    free(at);
}

static void put_line(Fmt *f, const char *s, size_t n, Span comment)
{
    if (f->nkept == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->kept = xrealloc(f->kept, sizeof *f->kept * (size_t)f->cap);
    }
    char *text = xmalloc(n + 1);
    memcpy(text, s, n);
    f->kept[f->nkept++] = (OutLine){text, n, comment, comment.end > comment.start ? source_column(f, comment.start) : 0};
    f->any = true;
}

static void put_blank(Fmt *f)
{
    flush(f);
    fputc('\n', f->out);
}

static bool blank_line_between(const Fmt *f, uint32_t a, uint32_t b)
{
    int newlines = 0;
    for (uint32_t i = a; i < b && i < f->len; i++) {
        char ch = f->src[i];
        if (ch == '\n')
            newlines++;
        else if (ch != ' ' && ch != '\t' && ch != '\r')
            newlines = 0;
        if (newlines >= 2)
            return true;
    }
    return false;
}

/* The first comment that starts at offset or after (comments are in
 * source order). */
static int comment_at_or_after(const Fmt *f, uint32_t offset)
{
    int lo = 0, hi = f->c->comments.n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (f->c->comments.v[mid].start < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Comments on lines of their own before offset, at this indentation;
 * inside an item (between the lines of one expression), without the blank
 * lines around them. */
static void own_line_comments(Fmt *f, uint32_t offset, int ind, bool inside)
{
    const Contract *c = f->c;
    Str line = {0};
    for (int i = f->open; i < c->comments.n && c->comments.v[i].start < offset; i++) {
        Span at = c->comments.v[i];
        if (f->done[i])
            continue;
        f->done[i] = true;
        if (!inside && f->any && blank_line_between(f, f->last, at.start))
            put_blank(f);
        line.n = 0;
        pad(&line, (size_t)ind);
        add_span(&line, f->src, at);
        put_line(f, line.s, line.n, (Span){0, 0});
        f->last = at.end;
    }
    while (f->open < c->comments.n && f->done[f->open])
        f->open++;
    free(line.s);
}

/* Starts a line for what begins at offset: comments before it, then a
 * blank line if the source had one. */
static void begin_line(Fmt *f, uint32_t offset, int ind)
{
    own_line_comments(f, offset, ind, false);
    if (f->any && blank_line_between(f, f->last, offset))
        put_blank(f);
}

/* Ends a line whose source ended at offset, with the comment that followed
 * it on the same source line, if any. */
static void end_line(Fmt *f, const Str *line, uint32_t offset)
{
    size_t n = line->n;
    while (n > 0 && line->s[n - 1] == ' ')
        n--;
    uint32_t eol = offset;
    while (eol < f->len && f->src[eol] != '\n')
        eol++;
    Span comment = {0, 0};
    const Contract *c = f->c;
    for (int i = comment_at_or_after(f, offset); i < c->comments.n && c->comments.v[i].start < eol; i++) {
        Span at = c->comments.v[i];
        if (!f->done[i]) {
            f->done[i] = true;
            comment = at;
            offset = at.end;
        }
    }
    put_line(f, line->s ? line->s : "", n, comment);
    f->last = offset > f->last ? offset : f->last;
}

/* Ends a line fmt breaks where the source did not: no comment is there. */
static void end_bare(Fmt *f, const Str *line)
{
    size_t n = line->n;
    while (n > 0 && line->s[n - 1] == ' ')
        n--;
    put_line(f, line->s, n, (Span){0, 0});
}

/* Writes items separated by ", ", wrapping long lines after a comma with
 * continuation lines indented by four. */
static void wrapped(Fmt *f, Str *line, const char **parts, int n, uint32_t end)
{
    for (int i = 0; i < n; i++) {
        size_t w = strlen(parts[i]);
        if (i > 0 && line->n + 2 + w + (i + 1 < n) > WRAP) {  /* room for the comma */
            adds(line, ",");
            end_bare(f, line);
            line->n = 0;
            adds(line, "    ");
        } else if (i > 0) {
            adds(line, ", ");
        }
        adds(line, parts[i]);
    }
    end_line(f, line, end);
}

/* ---- expressions over several lines ---- */

/* Whether the source broke the line between a and b. */
static bool broken_between(const Fmt *f, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < f->len; i++)
        if (f->src[i] == '\n')
            return true;
    return false;
}

/* One part of an expression and the word that joins it to the one
 * before: "+", "and", ",", "then", "else if", "for p in".  A broken line
 * starts with a leading word (the lexer reads a more indented line that
 * starts with + - * / and or then else as going on, and inside brackets
 * any line) and ends with any other (=, <, in, a comma). */
typedef struct {
    const Expr *e;
    const char *word;   /* NULL before the first part */
    const char *var;    /* a comprehension's variable: "for VAR in" */
    bool leads;
    bool then;          /* an if's `then`: broken only within its branch */
} Part;

typedef enum { SHAPE_FLAT, SHAPE_PREFIX, SHAPE_CHAIN, SHAPE_IF } ShapeKind;

typedef struct {
    ShapeKind kind;
    Str open;           /* before the parts: "round(", "-", "not " */
    const char *close;  /* after them: ")" */
    Part *parts;
    int n, cap;
    bool fill;          /* too long, broken only where the line is full: a list's members */
    bool pair;          /* a comparison or `in`: broken only where the writer broke it */
} Shape;

static void push_part(Shape *sh, Part p)
{
    if (sh->n == sh->cap) {
        sh->cap = sh->cap ? sh->cap * 2 : 4;
        sh->parts = xrealloc(sh->parts, sizeof *sh->parts * (size_t)sh->cap);
    }
    sh->parts[sh->n++] = p;
}

static int op_class(BinOp op)
{
    switch (op) {
    case OPB_ADD: case OPB_SUB: return 1;
    case OPB_MUL: case OPB_DIV: case OPB_IDIV: case OPB_MOD: return 2;
    case OPB_AND: return 3;
    case OPB_OR: return 4;
    default: return 0;   /* a comparison: two parts, not a chain */
    }
}

/* The terms of a left-leaning chain of one kind of operator, first to last. */
static void chain_parts(Shape *sh, const Expr *e, const Expr *top)
{
    if (e->kind == E_BINARY && op_class(e->op) && op_class(e->op) == op_class(top->op) && (e == top || !e->parens)) {
        chain_parts(sh, e->a, top);
        push_part(sh, (Part){.e = e->b, .word = binop_text(e->op), .leads = true});
    } else {
        push_part(sh, (Part){.e = e});
    }
}

/* How e is laid out, and its parts; sh->parts and sh->open are the
 * caller's to free. */
static void shape_of(const Expr *e, Shape *sh)
{
    *sh = (Shape){.kind = SHAPE_CHAIN, .close = ""};
    switch (e->kind) {
    case E_BINARY:
        if (op_class(e->op)) {
            chain_parts(sh, e, e);
        } else {
            sh->pair = true;
            push_part(sh, (Part){.e = e->a});
            push_part(sh, (Part){.e = e->b, .word = binop_text(e->op)});
        }
        break;
    case E_IN:
        sh->pair = true;
        push_part(sh, (Part){.e = e->a});
        push_part(sh, (Part){.e = e->b, .word = "in"});
        break;
    case E_CALL: case E_INDEX: case E_SET:
        if (e->nargs == 0) {
            sh->kind = SHAPE_FLAT;
            break;
        }
        if (e->kind != E_SET)
            adds(&sh->open, e->name);
        adds(&sh->open, e->kind == E_CALL ? "(" : "[");
        sh->close = e->kind == E_CALL ? ")" : "]";
        sh->fill = e->kind == E_SET;
        for (int i = 0; i < e->nargs; i++)
            push_part(sh, (Part){.e = e->args[i], .word = i ? "," : NULL});
        break;
    case E_COMPREH:
        addf(&sh->open, "%s(", e->name);
        sh->close = ")";
        push_part(sh, (Part){.e = e->a});
        push_part(sh, (Part){.e = e->b, .word = "for", .var = e->var, .leads = true});
        if (e->c)
            push_part(sh, (Part){.e = e->c, .word = "if", .leads = true});
        break;
    case E_IF:
        /* if C1 then A1 else if C2 then A2 ... else Z, as one chain */
        sh->kind = SHAPE_IF;
        for (const Expr *x = e;; x = x->c) {
            push_part(sh, (Part){.e = x->a, .word = x == e ? NULL : "else if", .leads = true});
            push_part(sh, (Part){.e = x->b, .word = "then", .leads = true, .then = true});
            if (x->c->kind != E_IF || x->c->parens) {
                push_part(sh, (Part){.e = x->c, .word = "else", .leads = true});
                break;
            }
        }
        break;
    case E_NEG: case E_NOT:
        sh->kind = SHAPE_PREFIX;
        adds(&sh->open, e->kind == E_NEG ? "-" : "not ");
        push_part(sh, (Part){.e = e->a});
        break;
    default:
        sh->kind = SHAPE_FLAT;
        break;
    }
}

static void shape_free(Shape *sh)
{
    free(sh->parts);
    free(sh->open.s);
}

/* The part's gap: from the end of the one before to its start. */
static bool part_broken(const Fmt *f, const Shape *sh, int i)
{
    return i > 0 && broken_between(f, sh->parts[i - 1].e->at.end, sh->parts[i].e->at.start);
}

/* Whether the writer broke e anywhere fmt keeps a break. */
static bool writer_broke(const Fmt *f, const Expr *e)
{
    Shape sh;
    shape_of(e, &sh);
    bool broke = false;
    for (int i = 0; i < sh.n && !broke; i++)
        broke = part_broken(f, &sh, i) || writer_broke(f, sh.parts[i].e);
    shape_free(&sh);
    return broke;
}

/* The width of e on one line, at most WRAP + 1. */
static size_t flat_width(const Fmt *f, const Expr *e, bool parens)
{
    Str b = {.limit = WRAP};
    if (parens)
        expr(&b, f->src, e);
    else
        expr_inner(&b, f->src, e);
    free(b.s);
    return b.n > WRAP ? WRAP + 1 : b.n;
}

static size_t sum_width(size_t a, size_t b)
{
    return a + b > WRAP ? WRAP + 1 : a + b;
}

/* The width of a part's word with its spaces, on one line. */
static size_t word_width(const Part *p)
{
    if (!strcmp(p->word, ","))
        return 2;
    return strlen(p->word) + 2 + (p->var ? strlen(p->var) + 4 : 0);
}

static void add_word(Str *line, const Part *p)
{
    if (p->var)
        addf(line, "for %s in", p->var);
    else
        adds(line, p->word);
}

static void layout(Fmt *f, Str *line, const Expr *e, size_t trail);

/* Ends the line at a break and starts the next at col.  A break the
 * writer made keeps the comments that stood there. */
static void next_line(Fmt *f, Str *line, bool writers, uint32_t from, uint32_t to, size_t col)
{
    if (writers) {
        end_line(f, line, from);
        own_line_comments(f, to, (int)col, true);
    } else {
        end_bare(f, line);
    }
    line->n = 0;
    pad(line, col);
}

/* The parts of a chain or an if, from the current column: broken where
 * the writer broke them, or, written on one line, at every break if that
 * line would not fit (fits: e, then trail more columns, fit on it).  An
 * if's `then`, and the members of a list, are broken only where the line
 * is full, decided as they are reached; a comparison only where the
 * writer broke it (its sides break if they must). */
static void layout_parts(Fmt *f, Str *line, const Shape *sh, bool fits, size_t trail)
{
    fits |= sh->pair;
    size_t col = line->n;
    int n = sh->n;
    bool writers = false;
    for (int i = 1; i < n; i++)
        writers |= !sh->parts[i].then && part_broken(f, sh, i);
    bool *brk = xcalloc((size_t)n + 1, sizeof *brk);
    size_t *after = xcalloc((size_t)n + 1, sizeof *after);
    bool fill = !writers && !fits && sh->fill;
    for (int i = 1; i < n; i++)
        brk[i] = !sh->parts[i].then && !fill && (writers ? part_broken(f, sh, i) : !fits);
    /* what follows each part on its line, as far as it is known */
    after[n - 1] = trail;
    for (int i = n - 2; i >= 0; i--) {
        const Part *next = &sh->parts[i + 1];
        if (brk[i + 1])
            after[i] = next->leads ? 0 : word_width(next) - 1;
        else if (next->then || fill)
            after[i] = fill ? 1 : 0;  /* what comes next may go to the next line */
        else
            after[i] = sum_width(sum_width(word_width(next), flat_width(f, next->e, true)), after[i + 1]);
    }
    for (int i = 0; i < n; i++) {
        const Part *p = &sh->parts[i];
        if (i == 0 && sh->kind == SHAPE_IF)
            adds(line, "if ");
        if (i > 0) {
            bool broken = brk[i];
            if (p->then)
                broken = part_broken(f, sh, i) ||
                         line->n + word_width(p) + flat_width(f, p->e, true) + after[i] > WRAP;
            if (fill)
                broken = line->n + word_width(p) + flat_width(f, p->e, true) + (i + 1 < n ? 1 : trail) > WRAP;
            bool at_writers = p->then ? part_broken(f, sh, i) : writers;
            if (!broken) {
                if (strcmp(p->word, ","))
                    adds(line, " ");
                add_word(line, p);
                adds(line, " ");
            } else if (p->leads) {
                next_line(f, line, at_writers, sh->parts[i - 1].e->at.end, p->e->at.start, col);
                add_word(line, p);
                adds(line, " ");
            } else {
                if (strcmp(p->word, ","))
                    adds(line, " ");
                add_word(line, p);
                next_line(f, line, at_writers, sh->parts[i - 1].e->at.end, p->e->at.start, col);
            }
        }
        layout(f, line, p->e, after[i]);
    }
    free(brk);
    free(after);
}

/* Lays out e from the current column, trail columns of something else to
 * follow it on its last line. */
static void layout(Fmt *f, Str *line, const Expr *e, size_t trail)
{
    if (e->parens) {
        adds(line, "(");
        trail++;
    }
    Shape sh;
    shape_of(e, &sh);
    switch (sh.kind) {
    case SHAPE_FLAT:
        expr_inner(line, f->src, e);
        break;
    case SHAPE_PREFIX:
        add(line, sh.open.s, sh.open.n);
        layout(f, line, sh.parts[0].e, trail);
        break;
    case SHAPE_CHAIN:
    case SHAPE_IF: {
        bool fits = line->n + flat_width(f, e, false) + trail <= WRAP;
        if (sh.open.n)
            add(line, sh.open.s, sh.open.n);
        layout_parts(f, line, &sh, fits, trail + strlen(sh.close));
        adds(line, sh.close);
        break;
    }
    }
    shape_free(&sh);
    if (e->parens)
        adds(line, ")");
}
/* "2024-25" [unrounded] * RATE rounded [half MODE] to UNIT */
static void year_rule(Str *b, const char *src, const YearRule *r)
{
    add_quoted(b, r->from);
    adds(b, r->unrounded ? " unrounded * " : " * ");
    expr(b, src, r->rate);
    if (!r->rounded)
        return;
    adds(b, " rounded ");
    if (r->has_mode)
        adds(b, r->mode == ROUND_HALF_UP ? "half up " : r->mode == ROUND_HALF_DOWN ? "half down " : "half even ");
    adds(b, "to ");
    if (r->unit->kind == E_NAME)
        adds(b, r->unit->name);
    else
        expr(b, src, r->unit);
}

const char *format_year_rule(Arena *arena, const char *src, const YearRule *r)
{
    Str b = {0};
    year_rule(&b, src, r);
    const char *s = arena_strndup(arena, b.s ? b.s : "", b.n);
    free(b.s);
    return s;
}

/* ---- items ---- */

/* " from 2025-10-06, 2026-10-05" */
static void add_from(Str *b, const EffectiveDates *from)
{
    for (int i = 0; i < from->n; i++) {
        int y, m, d;
        date_to_ymd(from->v[i].day, &y, &m, &d);
        addf(b, "%s%04d-%02d-%02d", i ? ", " : " from ", y, m, d);
    }
}

static void add_cite(Str *b, const char *cite)
{
    adds(b, "cite ");
    add_quoted(b, cite);
}

/* A run of same-kind lines: left part, middle, right part, each padded to
 * the widest in the run (when that is not too wide, and the lines still
 * fit in WRAP).  A member the writer broke over lines, or too long for
 * one, is laid out over several (multi_line) and has no say in the
 * columns after its left part. */
typedef struct {
    const ItemRef *it;
    Str left, mid, right;   /* on one line */
    const char *cite;
    bool lines;             /* laid out over several lines */
} RunLine;

/* Where a run's middle, right part and cite start; 0: not aligned. */
typedef struct {
    size_t mid, right, cite;
} Columns;

static void single_line(Str *line, const RunLine *r, Columns at)
{
    add(line, r->left.s ? r->left.s : "", r->left.n);
    if (r->mid.n) {
        pad(line, at.mid ? at.mid : line->n + 1);
        add(line, r->mid.s, r->mid.n);
    }
    if (r->right.n) {
        pad(line, at.right ? at.right : line->n + 1);
        add(line, r->right.s, r->right.n);
    }
    if (r->cite) {
        pad(line, at.cite ? at.cite : line->n + 2);
        add_cite(line, r->cite);
    }
}

/* The cite after an expression that ended at from: on its own line, at
 * col, if the writer put it there or it does not fit after it. */
static void cite_after(Fmt *f, Str *line, const char *cite, uint32_t from, uint32_t item_end, size_t col)
{
    if (!cite)
        return;
    Str text = {0};
    add_cite(&text, cite);
    bool writers = broken_between(f, from, item_end);
    if (writers || columns(line->s, line->n) + 2 + columns(text.s, text.n) > WRAP)
        next_line(f, line, writers, from, item_end, col);
    else
        adds(line, "  ");
    add(line, text.s, text.n);
    free(text.s);
}

/* A definition or rule over several lines: continuation lines of an
 * expression aligned where it starts, a rule's `add` and `cite` under its
 * `when`, a definition's `cite` under its expression. */
static void multi_line(Fmt *f, const RunLine *r, Columns at)
{
    const ItemRef *it = r->it;
    Str line = {0};
    add(&line, r->left.s, r->left.n);
    pad(&line, at.mid ? at.mid : line.n + 1);
    size_t col = line.n;
    if (it->kind == ITEM_DEF) {
        const DefDecl *d = &f->c->defs.v[it->index];
        adds(&line, "= ");
        size_t at_expr = line.n;
        layout(f, &line, d->expr, 0);
        cite_after(f, &line, d->cite, d->expr->at.end, it->at.end, at_expr);
    } else {
        const RuleDecl *rule = &f->c->rules.v[it->index];
        uint32_t before = rule->label.s ? rule->label.at.end : rule->component.at.end;
        if (rule->when) {
            adds(&line, "when ");
            layout(f, &line, rule->when, 0);
            before = rule->when->at.end;
        }
        bool writers = broken_between(f, before, rule->amount->at.start);
        if (writers || line.n + 5 + flat_width(f, rule->amount, true) > WRAP)
            next_line(f, &line, writers, before, rule->amount->at.start, col);
        else if (rule->when)
            adds(&line, " ");
        adds(&line, "add ");
        layout(f, &line, rule->amount, 0);
        cite_after(f, &line, rule->cite, rule->amount->at.end, it->at.end, col);
    }
    end_line(f, &line, it->at.end);
    free(line.s);
}

/* Whether the writer broke the member anywhere fmt keeps a break. */
static bool member_broken(const Fmt *f, const RunLine *r)
{
    const ItemRef *it = r->it;
    if (it->kind == ITEM_DEF) {
        const DefDecl *d = &f->c->defs.v[it->index];
        return writer_broke(f, d->expr) || broken_between(f, d->expr->at.end, it->at.end);
    }
    if (it->kind != ITEM_RULE)
        return false;
    const RuleDecl *rule = &f->c->rules.v[it->index];
    uint32_t before = rule->label.s ? rule->label.at.end : rule->component.at.end;
    if (rule->when && writer_broke(f, rule->when))
        return true;
    return broken_between(f, rule->when ? rule->when->at.end : before, rule->amount->at.start) ||
           writer_broke(f, rule->amount) || broken_between(f, rule->amount->at.end, it->at.end);
}

static size_t single_width(const RunLine *r, Columns at)
{
    Str line = {0};
    single_line(&line, r, at);
    size_t w = columns(line.s, line.n);
    free(line.s);
    return w;
}

/* A member goes over several lines if the writer broke it, or if it is
 * too long for one even with only its left part aligned; the columns
 * after the left part are those of the other members, aligned as long as
 * they fit. */
static void write_run(Fmt *f, RunLine *lines, int n)
{
    size_t wl = 0, wm = 0, wr = 0;
    for (int i = 0; i < n; i++)
        wl = lines[i].left.n > wl ? lines[i].left.n : wl;
    size_t midcol = wl <= ALIGN_LIMIT ? wl + 1 : 0;
    for (int i = 0; i < n; i++) {
        /* a param has nowhere to break: one line, however long */
        lines[i].lines = lines[i].it->kind != ITEM_PARAM &&
                         (member_broken(f, &lines[i]) || single_width(&lines[i], (Columns){midcol, 0, 0}) > WRAP);
        if (!lines[i].lines) {
            wm = lines[i].mid.n > wm ? lines[i].mid.n : wm;
            wr = lines[i].right.n > wr ? lines[i].right.n : wr;
        }
    }
    /* each column is aligned only while the ones before it are narrow enough */
    size_t rightcol = midcol && wm <= ALIGN_LIMIT ? (wm ? midcol + wm + 1 : midcol) : 0;
    size_t citecol = rightcol && wr <= ALIGN_LIMIT ? (wr ? rightcol + wr : wm ? midcol + wm : wl) + 2 : 0;
    Columns tries[] = {{midcol, rightcol, citecol}, {midcol, rightcol, 0}, {midcol, 0, 0}};
    Columns at = tries[2];
    for (int t = 0; t < 2; t++) {
        bool fit = true;
        for (int i = 0; i < n && fit; i++)
            fit = lines[i].lines || single_width(&lines[i], tries[t]) <= WRAP;
        if (fit) {
            at = tries[t];
            break;
        }
    }
    for (int i = 0; i < n; i++) {
        RunLine *r = &lines[i];
        begin_line(f, r->it->at.start, 0);
        if (r->lines) {
            multi_line(f, r, at);
        } else {
            Str line = {0};
            single_line(&line, r, at);
            end_line(f, &line, r->it->at.end);
            free(line.s);
        }
        free(r->left.s);
        free(r->mid.s);
        free(r->right.s);
    }
}

/* A blank line or a comment on a line of its own between two items ends
 * a run (a comment at the end of the first does not). */
static bool separated(const Fmt *f, uint32_t a, uint32_t b)
{
    for (int i = comment_at_or_after(f, a); i < f->c->comments.n && f->c->comments.v[i].start < b; i++)
        if (broken_between(f, a, f->c->comments.v[i].start))
            return true;
    return blank_line_between(f, a, b);
}

/* Items from i on of the same run kind; returns the index after the run. */
static int run(Fmt *f, int i)
{
    const Contract *c = f->c;
    ItemKind kind = c->items.v[i].kind;
    int j = i;
    while (j < c->items.n && c->items.v[j].kind == kind) {
        if (j > i && separated(f, c->items.v[j - 1].at.end, c->items.v[j].at.start))
            break;
        if (kind == ITEM_RULE && j > i &&
            strcmp(c->rules.v[c->items.v[j].index].component.s, c->rules.v[c->items.v[i].index].component.s) != 0)
            break;
        j++;
    }
    RunLine *lines = xcalloc((size_t)(j - i), sizeof *lines);
    for (int k = i; k < j; k++) {
        RunLine *r = &lines[k - i];
        const ItemRef *it = &c->items.v[k];
        r->it = it;
        if (kind == ITEM_PARAM) {
            const ParamDecl *p = &c->params.v[it->index];
            addf(&r->left, "param %s", p->name.s);
            adds(&r->mid, "= ");
            for (int v = 0; v < p->nvalues; v++) {
                if (v)
                    adds(&r->mid, " / ");
                expr(&r->mid, f->src, p->values[v]);
            }
            add_from(&r->mid, &p->from);
            r->cite = p->cite;
        } else if (kind == ITEM_DEF) {
            const DefDecl *d = &c->defs.v[it->index];
            adds(&r->left, d->one_time ? "one-time " : "");
            adds(&r->left, d->cost == COST_ROLL_UP ? "roll-up " : d->cost == COST_BENEFIT ? "benefit " : "");
            adds(&r->left, d->name.s);
            adds(&r->mid, "= ");
            expr(&r->mid, f->src, d->expr);
            r->cite = d->cite;
        } else {
            const RuleDecl *rule = &c->rules.v[it->index];
            adds(&r->left, rule->component.s);
            if (rule->label.s)
                addf(&r->left, " %s", rule->label.s);
            if (rule->when) {
                adds(&r->mid, "when ");
                expr(&r->mid, f->src, rule->when);
            }
            adds(&r->right, "add ");
            expr(&r->right, f->src, rule->amount);
            r->cite = rule->cite;
        }
    }
    write_run(f, lines, j - i);
    free(lines);
    return j;
}

static void field_type(Str *b, const FieldDecl *fd)
{
    if (fd->yesno)
        adds(b, "yes/no");
    else if (fd->list)
        addf(b, "list of %s", fd->type.s);
    else if (fd->has_range)
        addf(b, "%s %lld to %lld", fd->type.s, (long long)fd->lo, (long long)fd->hi);
    else
        adds(b, fd->type.s);
}

/* function name(param: type, ...): type = body  [cite "..."]
 * The body stays on the header's line if the writer put it there and it
 * fits; else it goes on the next, indented 4, laid out as a definition's. */
static void function(Fmt *f, const ItemRef *it)
{
    const FunctionDecl *fn = &f->c->functions.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "function %s(", fn->name.s);
    for (int i = 0; i < fn->params.n; i++) {
        addf(&line, "%s%s: ", i ? ", " : "", fn->params.v[i].name.s);
        field_type(&line, &fn->params.v[i]);
    }
    adds(&line, "): ");
    field_type(&line, &fn->result);
    adds(&line, " =");
    bool writers = broken_between(f, fn->result.at.end, fn->body->at.start);
    if (writers || columns(line.s, line.n) + 1 + flat_width(f, fn->body, true) > WRAP)
        next_line(f, &line, writers, fn->result.at.end, fn->body->at.start, 4);
    else
        adds(&line, " ");
    size_t col = line.n;
    layout(f, &line, fn->body, 0);
    cite_after(f, &line, fn->cite, fn->body->at.end, it->at.end, col);
    end_line(f, &line, it->at.end);
    free(line.s);
}

/* Where the part of its list that item it (employee, output, each year)
 * wrote begins: where the same kind's previous item ended. */
static int part_start(const Contract *c, const ItemRef *it)
{
    for (const ItemRef *p = it - 1; p >= c->items.v; p--)
        if (p->kind == it->kind)
            return p->index;
    return 0;
}

static void field_lines(Fmt *f, const FieldDecl *fields, int first, int end);

static void employee(Fmt *f, const ItemRef *it)
{
    const Contract *c = f->c;
    begin_line(f, it->at.start, 0);
    Str line = {0};
    adds(&line, "employee:");
    end_line(f, &line, c->employee_at.end);
    free(line.s);
    field_lines(f, c->fields.v, part_start(c, it), it->index);
}

/* record NAME: and its fields */
static void record(Fmt *f, const ItemRef *it)
{
    const RecordDecl *r = &f->c->records.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "record %s:", r->name.s);
    end_line(f, &line, r->at.end);
    free(line.s);
    field_lines(f, r->fields.v, 0, r->fields.n);
}

/* fields[first..end), one a line, their types aligned */
static void field_lines(Fmt *f, const FieldDecl *fields, int first, int end)
{
    Str line = {0};
    size_t width = 0;
    for (int i = first; i < end; i++)
        if (strlen(fields[i].name.s) > width)
            width = strlen(fields[i].name.s);
    for (int i = first; i < end; i++) {
        const FieldDecl *fd = &fields[i];
        begin_line(f, fd->at.start, 2);
        line.n = 0;
        addf(&line, "  %s:", fd->name.s);
        pad(&line, width + 4 < ALIGN_LIMIT ? width + 4 : line.n + 1);
        if (fd->optional)
            adds(&line, "optional ");
        field_type(&line, fd);
        if (fd->deflt) {
            adds(&line, " = ");
            add_span(&line, f->src, fd->deflt->at);
        }
        end_line(f, &line, fd->at.end);
    }
    free(line.s);
}

static void row_key(Str *b, const char *src, const RowDecl *row)
{
    if (row->key->kind == E_NAME)
        adds(b, row->key->name);
    else
        add_span(b, src, row->key->at);
    if (row->key_to) { /* 12..15 */
        adds(b, "..");
        add_span(b, src, row->key_to->at);
    }
}

static void derived_columns(Fmt *f, const GridDecl *g, int ind)
{
    Str line = {0};
    for (int i = 0; i < g->derived.n; i++) {
        const DerivedDecl *dd = &g->derived.v[i];
        begin_line(f, dd->name.at.start, ind);
        line.n = 0;
        pad(&line, (size_t)ind);
        addf(&line, "%s = ", dd->name.s);
        layout(f, &line, dd->expr, 0);
        end_line(f, &line, dd->expr->at.end);
    }
    free(line.s);
}

static void grid(Fmt *f, const GridDecl *g, int ind)
{
    int ncols = g->columns.n + 1;
    size_t *width = xcalloc((size_t)ncols, sizeof(size_t));
    width[0] = strlen(g->row_title.s);
    for (int i = 0; i < g->columns.n; i++)
        width[i + 1] = strlen(g->columns.v[i].s);
    for (int r = 0; r < g->rows.n; r++) {
        const RowDecl *row = &g->rows.v[r];
        Str k = {0};
        row_key(&k, f->src, row);
        if (k.n > width[0])
            width[0] = k.n;
        free(k.s);
        for (int i = 0; i < row->ncells && i + 1 < ncols; i++) {
            size_t w = row->cells[i]->at.end - row->cells[i]->at.start;
            if (w > width[i + 1])
                width[i + 1] = w;
        }
    }
    Str line = {0};
    begin_line(f, g->row_title.at.start, ind);
    pad(&line, (size_t)ind);
    adds(&line, g->row_title.s);
    size_t col = (size_t)ind + width[0];
    for (int i = 0; i < g->columns.n; i++) {
        pad(&line, col + 2);
        adds(&line, g->columns.v[i].s);
        col += 2 + width[i + 1];
    }
    end_line(f, &line, g->columns.n ? g->columns.v[g->columns.n - 1].at.end : g->row_title.at.end);
    for (int r = 0; r < g->rows.n; r++) {
        const RowDecl *row = &g->rows.v[r];
        begin_line(f, row->at.start, ind);
        line.n = 0;
        pad(&line, (size_t)ind);
        row_key(&line, f->src, row);
        col = (size_t)ind + width[0];
        for (int i = 0; i < row->ncells; i++) {
            pad(&line, col + 2);
            add_span(&line, f->src, row->cells[i]->at);
            /* a cell past the header's columns (an error the checker
             * reports) has no column to line up with: two spaces after it */
            col = i + 1 < ncols ? col + 2 + width[i + 1] : line.n;
        }
        end_line(f, &line, row->at.end);
    }
    derived_columns(f, g, ind);
    free(line.s);
    free(width);
}

/* "2025-26" = "2024-25" * (1 + raise) rounded half up to dollars, and
 * its derived columns below it */
static void derived_year(Fmt *f, const GridDecl *g)
{
    Str line = {0};
    begin_line(f, g->year_at.start, 2);
    adds(&line, "  ");
    add_quoted(&line, g->year);
    adds(&line, " = ");
    year_rule(&line, f->src, g->rule);
    end_line(f, &line, g->rule->at.end);
    free(line.s);
    derived_columns(f, g, 4);
}

static void schedule(Fmt *f, const ItemRef *it)
{
    const ScheduleDecl *s = &f->c->schedules.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "schedule %s by %s, %s%s%s%s", s->name.s, s->row_dim.s, s->col_dim.s, s->key_dim.s ? ", " : "",
         s->key_dim.s ? s->key_dim.s : "", s->clamp ? " clamp" : "");
    if (s->cite) {
        adds(&line, "  ");
        add_cite(&line, s->cite);
    }
    end_line(f, &line, s->name.at.end);
    for (int b = 0; b < s->blocks.n; b++) {
        const GridDecl *g = &s->blocks.v[b];
        if (g->rule) {
            derived_year(f, g);
            continue;
        }
        if (g->year || g->key.s) { /* "2024-25":, "2024-25" ten_month:, ten_month:, base "2023-24": */
            begin_line(f, g->year ? g->year_at.start : g->key.at.start, 2);
            line.n = 0;
            adds(&line, g->base ? "  base " : "  ");
            if (g->year)
                add_quoted(&line, g->year);
            add_from(&line, &g->from);
            if (g->key.s)
                addf(&line, "%s%s", g->year ? " " : "", g->key.s);
            adds(&line, ":");
            end_line(f, &line, g->key.s ? g->key.at.end : g->year_at.end);
        }
        grid(f, g, g->year || g->key.s ? 4 : 2);
    }
    free(line.s);
}

static void table(Fmt *f, const ItemRef *it)
{
    const TableDecl *t = &f->c->tables.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "table %s by %s", t->name.s, t->key_dim.s);
    add_from(&line, &t->from);
    if (t->cite) {
        adds(&line, "  ");
        add_cite(&line, t->cite);
    }
    end_line(f, &line, t->key_dim.at.end);
    size_t width = 0;
    for (int r = 0; r < t->rows.n; r++) {
        Str k = {0};
        row_key(&k, f->src, &t->rows.v[r]);
        if (k.n > width)
            width = k.n;
        free(k.s);
    }
    for (int r = 0; r < t->rows.n; r++) {
        const RowDecl *row = &t->rows.v[r];
        begin_line(f, row->at.start, 2);
        line.n = 0;
        adds(&line, "  ");
        row_key(&line, f->src, row);
        pad(&line, width + 4);
        for (int v = 0; v < row->ncells; v++) {
            if (v)
                adds(&line, " / ");
            expr(&line, f->src, row->cells[v]);
        }
        end_line(f, &line, row->at.end);
    }
    free(line.s);
}

static uint32_t binding_end(const Binding *b)
{
    return b->year ? b->year_at.end : b->expr->at.end;
}

/* Whether the binding that ended at offset goes on in the same `given`
 * or `expect` line: a comma comes next. */
static bool comma_next(const Fmt *f, uint32_t offset)
{
    for (uint32_t i = offset; i < f->len; i++) {
        char ch = f->src[i];
        if (ch == ',')
            return true;
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n' && ch != ')')
            return false;
    }
    return false;
}

static void binding_text(Str *b, const char *src, const Binding *x)
{
    if (x->call)
        expr(b, src, x->call); /* expect half_hours(90) = 1 */
    else
        adds(b, x->name.s);
    adds(b, " = ");
    expr(b, src, x->expr);
    if (x->year) {
        adds(b, " in ");
        add_quoted(b, x->year);
    }
}

/* given sessions = [session(...), ...]: records, as an example gives them */
static bool records_given(const Expr *e)
{
    return e->kind == E_SET && e->nargs > 1 && e->args[0]->kind == E_CALL;
}

/* A list of records too long for its line: one record a line, under the
 * first. */
static void records_lines(Fmt *f, Str *line, const Binding *b)
{
    addf(line, "%s = [", b->name.s);
    size_t col = line->n;
    for (int r = 0; r < b->expr->nargs; r++) {
        if (r > 0) {
            adds(line, ",");
            end_bare(f, line);
            line->n = 0;
            pad(line, col);
        }
        expr(line, f->src, b->expr->args[r]);
    }
    adds(line, "]");
}

/* One `given` or `expect` line, bindings v[0..n): broken after the commas
 * where the writer broke it, or, written on one line too long for WRAP,
 * filled up to it, continuation lines under the first binding. */
static void example_line(Fmt *f, const char *word, const Binding *v, int n)
{
    begin_line(f, v[0].name.at.start, 2);
    Str line = {0}, text = {0};
    addf(&line, "  %s ", word);
    size_t col = line.n;
    bool writers = false;
    for (int i = 1; i < n; i++)
        writers |= broken_between(f, binding_end(&v[i - 1]), v[i].name.at.start);
    for (int i = 0; i < n; i++) {
        text.n = 0;
        binding_text(&text, f->src, &v[i]);
        if (i > 0) {
            bool brk = writers ? broken_between(f, binding_end(&v[i - 1]), v[i].name.at.start)
                               : line.n + 2 + text.n + (i + 1 < n) > WRAP;  /* room for a comma */
            adds(&line, brk ? "," : ", ");
            if (brk)
                next_line(f, &line, writers, binding_end(&v[i - 1]), v[i].name.at.start, col);
        }
        if (line.n + text.n > WRAP && records_given(v[i].expr))
            records_lines(f, &line, &v[i]);
        else
            add(&line, text.s, text.n);
    }
    end_line(f, &line, binding_end(&v[n - 1]));
    free(line.s);
    free(text.s);
}

/* The given and expect lines of an example, as the source grouped them. */
static void example(Fmt *f, const ItemRef *it)
{
    const ExampleDecl *ex = &f->c->examples.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    adds(&line, "example ");
    add_quoted(&line, ex->title);
    adds(&line, ":");
    end_line(f, &line, ex->at.end);
    free(line.s);
    int ng = 0, ne = 0;
    while (ng < ex->given.n || ne < ex->expect.n) {
        bool given = ne >= ex->expect.n || (ng < ex->given.n && ex->given.v[ng].name.at.start < ex->expect.v[ne].name.at.start);
        const Binding *v = given ? &ex->given.v[ng] : &ex->expect.v[ne];
        int left = given ? ex->given.n - ng : ex->expect.n - ne, n = 1;
        while (n < left && comma_next(f, binding_end(&v[n - 1])))
            n++;
        example_line(f, given ? "given" : "expect", v, n);
        if (given)
            ng += n;
        else
            ne += n;
    }
}

void format_contract(const Contract *c, const char *src, size_t len, FILE *out)
{
    Fmt f = {.c = c, .src = src, .len = len, .out = out};
    f.done = xcalloc((size_t)c->comments.n + 1, sizeof(bool));
    Str line = {0};
    for (int i = 0; i < c->items.n;) {
        const ItemRef *it = &c->items.v[i];
        line.n = 0;
        switch (it->kind) {
        case ITEM_PARAM:
        case ITEM_DEF:
        case ITEM_RULE:
            i = run(&f, i);
            continue;
        case ITEM_CONTRACT:
            adds(&line, "contract ");
            add_quoted(&line, c->title);
            break;
        case ITEM_TERM: {
            int y0, m0, d0, y1, m1, d1;
            date_to_ymd(c->term_start, &y0, &m0, &d0);
            date_to_ymd(c->term_end, &y1, &m1, &d1);
            addf(&line, "term %04d-%02d-%02d to %04d-%02d-%02d", y0, m0, d0, y1, m1, d1);
            break;
        }
        case ITEM_YEARS:
            adds(&line, "years ");
            for (int y = part_start(c, it); y < it->index; y++) {
                if (line.s[line.n - 1] != ' ')
                    adds(&line, ", ");
                add_quoted(&line, c->years.v[y].s);
            }
            break;
        case ITEM_ROUNDING:
            addf(&line, "rounding half %s to %s",
                 c->rounding == ROUND_HALF_UP ? "up" : c->rounding == ROUND_HALF_DOWN ? "down" : "even",
                 c->round_places == 2 ? "cents" : "dollars");
            break;
        case ITEM_ENUM: {
            const EnumDecl *e = &c->enums.v[it->index];
            begin_line(&f, it->at.start, 0);
            addf(&line, "enum %s: ", e->name.s);
            const char **parts = xcalloc((size_t)e->members.n + 1, sizeof(char *));
            for (int m = 0; m < e->members.n; m++) {
                Str p = {0};
                adds(&p, e->members.v[m].name.s);
                if (e->members.v[m].display) {
                    adds(&p, " ");
                    add_quoted(&p, e->members.v[m].display);
                }
                if (e->members.v[m].has_number)
                    addf(&p, " = %lld", (long long)e->members.v[m].number);
                parts[m] = p.s;
            }
            size_t width = line.n;
            bool displays = false;
            for (int m = 0; m < e->members.n; m++) {
                width += strlen(parts[m]) + 2;
                displays |= e->members.v[m].display != NULL;
            }
            if (width > WRAP && displays) {
                /* members with display names, too many for a line: one per line */
                line.n -= 1; /* the space after the colon */
                end_line(&f, &line, it->at.start);
                for (int m = 0; m < e->members.n; m++) {
                    line.n = 0;
                    addf(&line, "  %s%s", parts[m], m + 1 < e->members.n ? "," : "");
                    end_line(&f, &line, m + 1 < e->members.n ? it->at.start : it->at.end);
                }
            } else {
                wrapped(&f, &line, parts, e->members.n, it->at.end);
            }
            for (int m = 0; m < e->members.n; m++)
                free((char *)parts[m]);
            free(parts);
            i++;
            continue;
        }
        case ITEM_EMPLOYEE:
            employee(&f, it);
            i++;
            continue;
        case ITEM_RECORD:
            record(&f, it);
            i++;
            continue;
        case ITEM_SCHEDULE:
            schedule(&f, it);
            i++;
            continue;
        case ITEM_TABLE:
            table(&f, it);
            i++;
            continue;
        case ITEM_POLICY: {
            const ComponentDecl *comp = &c->components.v[it->index];
            addf(&line, "%s: %s", comp->name.s, comp->policy == POLICY_AT_MOST_ONE ? "at most one" : "exactly one");
            break;
        }
        case ITEM_ONE_TIME:
            addf(&line, "%s: one-time", c->components.v[it->index].name.s);
            break;
        case ITEM_PAY_PERIODS:
            addf(&line, "pay periods %d", c->pay_periods);
            break;
        case ITEM_SETTLED: {
            int y, m, d;
            date_to_ymd(c->settled, &y, &m, &d);
            addf(&line, "settled %04d-%02d-%02d", y, m, d);
            break;
        }
        case ITEM_OUTPUT:
        case ITEM_BEFORE_FIRST:
        case ITEM_EACH_YEAR: {
            begin_line(&f, it->at.start, 0);
            bool outputs = it->kind == ITEM_OUTPUT;
            const Binding *bindings = it->kind == ITEM_BEFORE_FIRST ? c->before_first.v : c->each_year.v;
            int first = part_start(c, it), n = it->index - first;
            const char **parts = xcalloc((size_t)n + 1, sizeof(char *));
            for (int k = 0; k < n; k++) {
                Str p = {0};
                if (outputs) {
                    adds(&p, c->outputs.v[first + k].s);
                } else {
                    addf(&p, "%s = ", bindings[first + k].name.s);
                    expr(&p, src, bindings[first + k].expr);
                }
                parts[k] = p.s;
            }
            adds(&line, outputs ? "output " : it->kind == ITEM_BEFORE_FIRST ? "before the first year: " : "each year: ");
            wrapped(&f, &line, parts, n, it->at.end);
            for (int k = 0; k < n; k++)
                free((char *)parts[k]);
            free(parts);
            i++;
            continue;
        }
        case ITEM_EXAMPLE:
            example(&f, it);
            i++;
            continue;
        case ITEM_FUNCTION:
            function(&f, it);
            i++;
            continue;
        case ITEM_CHECK: {
            const CheckDecl *ck = &c->checks.v[it->index];
            addf(&line, "check %s", ck->target.s);
            if (ck->rule) {
                adds(&line, " ");
                add_quoted(&line, ck->year);
                adds(&line, " = ");
                year_rule(&line, src, ck->rule);
            } else {
                adds(&line, ": ");
                expr(&line, src, ck->expr);
            }
            if (ck->cite) {
                adds(&line, "  ");
                add_cite(&line, ck->cite);
            }
            break;
        }
        case ITEM_NONE:
            i++;
            continue;
        }
        begin_line(&f, it->at.start, 0);
        end_line(&f, &line, it->at.end);
        i++;
    }
    own_line_comments(&f, UINT32_MAX, 0, false);
    flush(&f);
    free(line.s);
    free(f.done);
    free(f.kept);
}
