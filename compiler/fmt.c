/* fmt.c: the canonical layout.  See fmt.h.
 *
 * Items are written in source order.  Before each line the comments that
 * stood on lines of their own before it are written at its indentation;
 * after it, a comment that ended its source line.  Lines are built in a
 * Str first so that runs of them can be aligned.
 */
#include "fmt.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { WRAP = 100, ALIGN_LIMIT = 60 };

typedef struct {
    char *s;
    size_t n, cap;
} Str;

static void add(Str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 128;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        if (!b->s)
            abort();
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
        char *big = malloc((size_t)n + 1);
        if (!big) {
            fputs("terms: out of memory\n", stderr);
            abort();
        }
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

typedef struct {
    const Contract *c;
    const char *src;
    size_t len;
    FILE *out;
    bool *done;       /* comments already written */
    uint32_t last;    /* source offset of the end of what was last written */
    bool any;         /* something was written */
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

/* src NULL: literals by value (for comparing), else as the source wrote them */
static void expr(Str *b, const char *src, const Expr *e)
{
    if (e->parens)
        add(b, "(", 1);
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        if (!src) {
            char buf[64];
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
    if (e->parens)
        add(b, ")", 1);
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

static void indent(Fmt *f, int n)
{
    for (int i = 0; i < n; i++)
        fputc(' ', f->out);
}

/* Comments on lines of their own before offset, at this indentation. */
static void comments_before(Fmt *f, uint32_t offset, int ind)
{
    const Contract *c = f->c;
    for (int i = 0; i < c->comments.n; i++) {
        Span at = c->comments.v[i];
        if (f->done[i] || at.start >= offset)
            continue;
        f->done[i] = true;
        if (f->any && blank_line_between(f, f->last, at.start))
            fputc('\n', f->out);
        indent(f, ind);
        fwrite(f->src + at.start, 1, at.end - at.start, f->out);
        fputc('\n', f->out);
        f->last = at.end;
        f->any = true;
    }
}

/* Starts a line for what begins at offset: comments before it, then a
 * blank line if the source had one. */
static void begin_line(Fmt *f, uint32_t offset, int ind)
{
    comments_before(f, offset, ind);
    if (f->any && blank_line_between(f, f->last, offset))
        fputc('\n', f->out);
}

/* Ends a line whose source ended at offset, with the comment that followed
 * it on the same source line, if any. */
static void end_line(Fmt *f, const Str *line, uint32_t offset)
{
    size_t n = line->n;
    while (n > 0 && line->s[n - 1] == ' ')
        n--;
    fwrite(line->s, 1, n, f->out);
    uint32_t eol = offset;
    while (eol < f->len && f->src[eol] != '\n')
        eol++;
    const Contract *c = f->c;
    for (int i = 0; i < c->comments.n; i++) {
        Span at = c->comments.v[i];
        if (!f->done[i] && at.start >= offset && at.start < eol) {
            f->done[i] = true;
            fputs("  ", f->out);
            fwrite(f->src + at.start, 1, at.end - at.start, f->out);
            offset = at.end;
        }
    }
    fputc('\n', f->out);
    f->last = offset > f->last ? offset : f->last;
    f->any = true;
}

/* Writes items separated by ", ", wrapping long lines after a comma with
 * continuation lines indented by four. */
static void wrapped(Fmt *f, Str *line, const char **parts, int n, uint32_t end)
{
    for (int i = 0; i < n; i++) {
        size_t w = strlen(parts[i]);
        if (i > 0 && line->n + w + 2 > WRAP) {
            adds(line, ",");
            fwrite(line->s, 1, line->n, f->out);
            fputc('\n', f->out);
            line->n = 0;
            adds(line, "    ");
        } else if (i > 0) {
            adds(line, ", ");
        }
        adds(line, parts[i]);
    }
    end_line(f, line, end);
}

/* ---- items ---- */

static void add_cite(Str *b, const char *cite)
{
    adds(b, "cite ");
    add_quoted(b, cite);
}

/* A run of same-kind lines: left part, middle, right part, each padded to
 * the widest in the run (when that is not too wide). */
typedef struct {
    Str left, mid, right;
    const char *cite;
    uint32_t start, end;
} RunLine;

static void write_run(Fmt *f, RunLine *lines, int n)
{
    size_t wl = 0, wm = 0, wr = 0;
    for (int i = 0; i < n; i++) {
        wl = lines[i].left.n > wl ? lines[i].left.n : wl;
        wm = lines[i].mid.n > wm ? lines[i].mid.n : wm;
        wr = lines[i].right.n > wr ? lines[i].right.n : wr;
    }
    /* each column is aligned only while the ones before it are narrow enough */
    bool align_mid = wl <= ALIGN_LIMIT;
    bool align_right = align_mid && wm <= ALIGN_LIMIT;
    bool align_cite = align_right && wr <= ALIGN_LIMIT;
    size_t midcol = wl + 1;
    size_t rightcol = wm ? midcol + wm + 1 : midcol;
    size_t citecol = (wr ? rightcol + wr : wm ? midcol + wm : wl) + 2;
    for (int i = 0; i < n; i++) {
        RunLine *r = &lines[i];
        begin_line(f, r->start, 0);
        Str line = {0};
        add(&line, r->left.s ? r->left.s : "", r->left.n);
        if (r->mid.n) {
            pad(&line, align_mid ? midcol : line.n + 1);
            add(&line, r->mid.s, r->mid.n);
        }
        if (r->right.n) {
            pad(&line, align_right ? rightcol : line.n + 1);
            add(&line, r->right.s, r->right.n);
        }
        if (r->cite) {
            pad(&line, align_cite ? citecol : line.n + 2);
            add_cite(&line, r->cite);
        }
        end_line(f, &line, r->end);
        free(line.s);
        free(r->left.s);
        free(r->mid.s);
        free(r->right.s);
    }
}

/* A blank line or a comment between two items ends a run. */
static bool separated(const Fmt *f, uint32_t a, uint32_t b)
{
    for (int i = 0; i < f->c->comments.n; i++)
        if (f->c->comments.v[i].start >= a && f->c->comments.v[i].start < b)
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
    RunLine *lines = calloc((size_t)(j - i), sizeof *lines);
    for (int k = i; k < j; k++) {
        RunLine *r = &lines[k - i];
        const ItemRef *it = &c->items.v[k];
        r->start = it->at.start;
        r->end = it->at.end;
        if (kind == ITEM_PARAM) {
            const ParamDecl *p = &c->params.v[it->index];
            addf(&r->left, "param %s", p->name.s);
            adds(&r->mid, "= ");
            for (int v = 0; v < p->nvalues; v++) {
                if (v)
                    adds(&r->mid, " / ");
                expr(&r->mid, f->src, p->values[v]);
            }
            r->cite = p->cite;
        } else if (kind == ITEM_DEF) {
            const DefDecl *d = &c->defs.v[it->index];
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

/* Where the part of its list that item it (employee, output, each year)
 * wrote begins: where the same kind's previous item ended. */
static int part_start(const Contract *c, const ItemRef *it)
{
    for (const ItemRef *p = it - 1; p >= c->items.v; p--)
        if (p->kind == it->kind)
            return p->index;
    return 0;
}

static void employee(Fmt *f, const ItemRef *it)
{
    const Contract *c = f->c;
    int first = part_start(c, it), end = it->index;
    begin_line(f, it->at.start, 0);
    Str line = {0};
    adds(&line, "employee:");
    end_line(f, &line, c->employee_at.end);
    size_t width = 0;
    for (int i = first; i < end; i++)
        if (strlen(c->fields.v[i].name.s) > width)
            width = strlen(c->fields.v[i].name.s);
    for (int i = first; i < end; i++) {
        const FieldDecl *fd = &c->fields.v[i];
        begin_line(f, fd->at.start, 2);
        line.n = 0;
        addf(&line, "  %s:", fd->name.s);
        pad(&line, width + 4 < ALIGN_LIMIT ? width + 4 : line.n + 1);
        field_type(&line, fd);
        end_line(f, &line, fd->at.end);
    }
    free(line.s);
}

static void row_key(Str *b, const char *src, const Expr *key)
{
    if (key->kind == E_NAME)
        adds(b, key->name);
    else
        add_span(b, src, key->at);
}

static void grid(Fmt *f, const GridDecl *g, int ind)
{
    int ncols = g->columns.n + 1;
    size_t *width = calloc((size_t)ncols, sizeof(size_t));
    width[0] = strlen(g->row_title.s);
    for (int i = 0; i < g->columns.n; i++)
        width[i + 1] = strlen(g->columns.v[i].s);
    for (int r = 0; r < g->rows.n; r++) {
        const RowDecl *row = &g->rows.v[r];
        Str k = {0};
        row_key(&k, f->src, row->key);
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
        row_key(&line, f->src, row->key);
        col = (size_t)ind + width[0];
        for (int i = 0; i < row->ncells; i++) {
            pad(&line, col + 2);
            add_span(&line, f->src, row->cells[i]->at);
            col += 2 + (i + 1 < ncols ? width[i + 1] : 0);
        }
        end_line(f, &line, row->at.end);
    }
    for (int i = 0; i < g->derived.n; i++) {
        const DerivedDecl *dd = &g->derived.v[i];
        begin_line(f, dd->name.at.start, ind);
        line.n = 0;
        pad(&line, (size_t)ind);
        addf(&line, "%s = ", dd->name.s);
        expr(&line, f->src, dd->expr);
        end_line(f, &line, dd->expr->at.end);
    }
    free(line.s);
    free(width);
}

static void schedule(Fmt *f, const ItemRef *it)
{
    const ScheduleDecl *s = &f->c->schedules.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "schedule %s by %s, %s%s", s->name.s, s->row_dim.s, s->col_dim.s, s->clamp ? " clamp" : "");
    if (s->cite) {
        adds(&line, "  ");
        add_cite(&line, s->cite);
    }
    end_line(f, &line, s->name.at.end);
    for (int b = 0; b < s->blocks.n; b++) {
        const GridDecl *g = &s->blocks.v[b];
        if (g->year) {
            begin_line(f, g->year_at.start, 2);
            line.n = 0;
            adds(&line, "  ");
            add_quoted(&line, g->year);
            adds(&line, ":");
            end_line(f, &line, g->year_at.end);
        }
        grid(f, g, g->year ? 4 : 2);
    }
    free(line.s);
}

static void table(Fmt *f, const ItemRef *it)
{
    const TableDecl *t = &f->c->tables.v[it->index];
    begin_line(f, it->at.start, 0);
    Str line = {0};
    addf(&line, "table %s by %s", t->name.s, t->key_dim.s);
    if (t->cite) {
        adds(&line, "  ");
        add_cite(&line, t->cite);
    }
    end_line(f, &line, t->key_dim.at.end);
    size_t width = 0;
    for (int r = 0; r < t->rows.n; r++) {
        Str k = {0};
        row_key(&k, f->src, t->rows.v[r].key);
        if (k.n > width)
            width = k.n;
        free(k.s);
    }
    for (int r = 0; r < t->rows.n; r++) {
        const RowDecl *row = &t->rows.v[r];
        begin_line(f, row->at.start, 2);
        line.n = 0;
        adds(&line, "  ");
        row_key(&line, f->src, row->key);
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

/* Whether no line ends between offsets a <= b: a scan of the gap only, as
 * counting lines from the start for each binding took quadratic time. */
static bool same_line(const Fmt *f, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b && i < f->len; i++)
        if (f->src[i] == '\n')
            return false;
    return true;
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
    int ng = 0, ne = 0;
    while (ng < ex->given.n || ne < ex->expect.n) {
        bool given = ne >= ex->expect.n || (ng < ex->given.n && ex->given.v[ng].name.at.start < ex->expect.v[ne].name.at.start);
        const Binding *first = given ? &ex->given.v[ng] : &ex->expect.v[ne];
        uint32_t line_at = first->name.at.start;
        begin_line(f, first->name.at.start, 2);
        line.n = 0;
        adds(&line, given ? "  given " : "  expect ");
        uint32_t end = 0;
        bool sep = false;
        for (;;) {
            const Binding *b = given ? (ng < ex->given.n ? &ex->given.v[ng] : NULL) : (ne < ex->expect.n ? &ex->expect.v[ne] : NULL);
            if (!b || !same_line(f, line_at, b->name.at.start))
                break;
            if (sep)
                adds(&line, ", ");
            sep = true;
            addf(&line, "%s = ", b->name.s);
            expr(&line, f->src, b->expr);
            if (b->year) {
                adds(&line, " in ");
                add_quoted(&line, b->year);
            }
            end = binding_end(b);
            if (given)
                ng++;
            else
                ne++;
        }
        end_line(f, &line, end);
    }
    free(line.s);
}

void format_contract(const Contract *c, const char *src, size_t len, FILE *out)
{
    Fmt f = {.c = c, .src = src, .len = len, .out = out};
    f.done = calloc((size_t)c->comments.n + 1, sizeof(bool));
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
            const char **parts = calloc((size_t)e->members.n + 1, sizeof(char *));
            for (int m = 0; m < e->members.n; m++) {
                Str p = {0};
                adds(&p, e->members.v[m].name.s);
                if (e->members.v[m].display) {
                    adds(&p, " ");
                    add_quoted(&p, e->members.v[m].display);
                }
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
        case ITEM_OUTPUT:
        case ITEM_EACH_YEAR: {
            begin_line(&f, it->at.start, 0);
            bool outputs = it->kind == ITEM_OUTPUT;
            int first = part_start(c, it), n = it->index - first;
            const char **parts = calloc((size_t)n + 1, sizeof(char *));
            for (int k = 0; k < n; k++) {
                Str p = {0};
                if (outputs) {
                    adds(&p, c->outputs.v[first + k].s);
                } else {
                    addf(&p, "%s = ", c->each_year.v[first + k].name.s);
                    expr(&p, src, c->each_year.v[first + k].expr);
                }
                parts[k] = p.s;
            }
            adds(&line, outputs ? "output " : "each year: ");
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
        case ITEM_NONE:
            i++;
            continue;
        }
        begin_line(&f, it->at.start, 0);
        end_line(&f, &line, it->at.end);
        i++;
    }
    comments_before(&f, UINT32_MAX, 0);
    free(line.s);
    free(f.done);
}
