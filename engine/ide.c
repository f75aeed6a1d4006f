/* ide.c: a document for an editor (ide.h): opening it (parse, salvage,
 * check), positions, the names written in it and what each is, their
 * definitions and references, the outline, completion and formatting.
 * Hover text and quick fixes are in ide_help.c. */
#include "ide_doc.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "fmt.h"
#include "parse.h"

/* How often a text with syntax errors is parsed again with more of it
 * blanked out before giving up on it (each pass blanks a declaration). */
enum { MAX_SALVAGE_PASSES = 16 };

static void index_names(IdeDoc *doc);

/* ---- diagnostics ---- */

typedef struct {
    Arena *a;
    DiagList *list;
    int last;          /* the last error or warning, which a note belongs to */
} Collector;

static void collect(void *ctx, DiagKind kind, Span at, const char *message)
{
    Collector *k = ctx;
    if (kind == DIAG_NOTE && k->last < 0)
        return;
    IdeDiag d = {kind, at, arena_strndup(k->a, message, strlen(message)), kind == DIAG_NOTE ? k->last : -1};
    if (kind != DIAG_NOTE)
        k->last = k->list->n;
    VEC_PUSH(k->a, *k->list, d);
}

static Diags collecting(const char *path, const char *src, size_t len, Collector *k)
{
    return (Diags){.path = path, .src = src, .len = len, .sink = collect, .sink_ctx = k};
}

/* Whether m is complete, so programs can be compiled from it: it checked
 * without errors, or its only errors are the component proofs'.
 * check_contract proves the components only when nothing else was wrong,
 * and every error a proof reports is followed by its witness, a note
 * "for example, ...". */
static bool complete(const DiagList *l, int errors)
{
    if (errors == 0)
        return true;
    for (int i = 0; i < l->n; i++)
        if (l->v[i].kind == DIAG_ERROR)
            return i + 1 < l->n && l->v[i + 1].kind == DIAG_NOTE && !strncmp(l->v[i + 1].message, "for example, ", 13);
    return false;
}

static void analyse(IdeDoc *doc, Contract *c, Diags *d, const DiagList *l)
{
    check_contract(c, d, (CheckOptions){0}, &doc->m);
    doc->c = c;
    index_names(doc);
    doc->runnable = complete(l, d->errors);
    doc->programs = xcalloc((size_t)(c->examples.n + 1) * (size_t)doc->m.nyears, sizeof *doc->programs);
}

/* ---- salvage: the text with its broken declarations blanked ---- */

static bool starts_item(const char *s, size_t len, uint32_t bol)
{
    return bol < len && s[bol] != ' ' && s[bol] != '\t' && s[bol] != '\n' && s[bol] != '\r' && s[bol] != '#';
}

static uint32_t line_start(const char *s, uint32_t at)
{
    while (at > 0 && s[at - 1] != '\n' && s[at - 1] != '\r')
        at--;
    return at;
}

static uint32_t next_line(const char *s, size_t len, uint32_t at)
{
    while (at < len && s[at] != '\n' && s[at] != '\r')
        at++;
    if (at < len && s[at] == '\r' && at + 1 < len && s[at + 1] == '\n')
        at++;
    return at < len ? at + 1 : at;
}

/* Blanks (with spaces, keeping every offset and line) the top-level
 * declaration around offset: from the unindented line that starts it to
 * the next one.  Returns whether anything was left to blank. */
static bool blank_item(char *s, size_t len, uint32_t offset)
{
    if (offset > len)
        offset = (uint32_t)len;
    uint32_t from = line_start(s, offset);
    while (from > 0 && !starts_item(s, len, from))
        from = line_start(s, from - 1);
    uint32_t to = next_line(s, len, offset);
    while (to < len && !starts_item(s, len, to))
        to = next_line(s, len, to);
    bool any = false;
    for (uint32_t i = from; i < to; i++)
        if (s[i] != '\n' && s[i] != '\r' && s[i] != ' ') {
            s[i] = ' ';
            any = true;
        }
    return any;
}

/* Blanks what the errors of l point at, and parses again, until the text
 * parses; then checks it.  The diagnostics of these passes are not the
 * document's: it keeps its syntax errors. */
static void salvage(IdeDoc *doc)
{
    char *s = xmalloc(doc->len + 1);
    memcpy(s, doc->text, doc->len + 1);
    Arena scratch = {0};
    DiagList *errors = &doc->diags;
    for (int pass = 0; pass < MAX_SALVAGE_PASSES; pass++) {
        bool blanked = false;
        for (int i = 0; i < errors->n; i++)
            if (errors->v[i].kind == DIAG_ERROR)
                blanked |= blank_item(s, doc->len, errors->v[i].at.start);
        if (!blanked)
            break;
        DiagList *next = arena_alloc(&scratch, sizeof *next);
        Collector k = {&scratch, next, -1};
        Diags d = collecting(doc->path, s, doc->len, &k);
        Contract *c = parse_contract(doc->path, s, doc->len, &d);
        if (d.errors == 0) {
            doc->salvaged = s;
            analyse(doc, c, &d, next);
            arena_free(&scratch);
            return;
        }
        contract_free(c);
        errors = next;
    }
    arena_free(&scratch);
    free(s);
}

/* ---- opening ---- */

static void index_lines(IdeDoc *doc)
{
    int n = 1;
    for (size_t i = 0; i < doc->len; i++)
        n += doc->text[i] == '\n' || (doc->text[i] == '\r' && (i + 1 == doc->len || doc->text[i + 1] != '\n'));
    doc->lines = xcalloc((size_t)n, sizeof *doc->lines);
    doc->nlines = 1;
    for (size_t i = 0; i < doc->len; i++)
        if (doc->text[i] == '\n' || (doc->text[i] == '\r' && (i + 1 == doc->len || doc->text[i + 1] != '\n')))
            doc->lines[doc->nlines++] = (uint32_t)i + 1;
}

IdeDoc *ide_open(const char *path, const char *text, size_t len)
{
    IdeDoc *doc = xcalloc(1, sizeof *doc);
    doc->path = arena_strndup(&doc->mem, path, strlen(path));
    doc->text = xcalloc(len + 1, 1);
    memcpy(doc->text, text, len);
    doc->len = len;
    index_lines(doc);
    Collector k = {&doc->mem, &doc->diags, -1};
    Diags d = collecting(doc->path, doc->text, len, &k);
    Contract *c = parse_contract(doc->path, doc->text, len, &d);
    doc->syntax_errors = d.errors;
    if (d.errors == 0) {
        analyse(doc, c, &d, &doc->diags);
    } else {
        contract_free(c);
        salvage(doc);
    }
    return doc;
}

void ide_close(IdeDoc *doc)
{
    if (!doc)
        return;
    contract_free(doc->c);
    free(doc->programs);
    free(doc->salvaged);
    free(doc->lines);
    free(doc->text);
    arena_free(&doc->mem);
    free(doc);
}

const char *ide_text(const IdeDoc *doc, size_t *len)
{
    *len = doc->len;
    return doc->text;
}

int ide_diagnostics(const IdeDoc *doc, const IdeDiag **out)
{
    *out = doc->diags.v;
    return doc->diags.n;
}

int ide_syntax_errors(const IdeDoc *doc)
{
    return doc->syntax_errors;
}

/* ---- positions ---- */

/* The character at s[i] (i < end): its length in bytes, and in UTF-16
 * units in *units.  A byte that does not start a UTF-8 sequence is a
 * character of its own, as an editor shows it (U+FFFD). */
static uint32_t char_at(const char *s, uint32_t i, uint32_t end, int *units)
{
    unsigned char b = (unsigned char)s[i];
    uint32_t n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    for (uint32_t k = 1; k < n; k++)
        if (i + k >= end || ((unsigned char)s[i + k] & 0xC0) != 0x80)
            n = 0;
    *units = n == 4 ? 2 : 1;
    return n ? n : 1;
}

static uint32_t line_end(const IdeDoc *doc, int line)
{
    uint32_t end = line + 1 < doc->nlines ? doc->lines[line + 1] : (uint32_t)doc->len;
    while (end > doc->lines[line] && (doc->text[end - 1] == '\n' || doc->text[end - 1] == '\r'))
        end--;
    return end;
}

void ide_position(const IdeDoc *doc, uint32_t offset, int *line, int *character)
{
    if (offset > doc->len)
        offset = (uint32_t)doc->len;
    int lo = 0, hi = doc->nlines - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (doc->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    uint32_t end = line_end(doc, lo), i = doc->lines[lo];
    int units = 0, u;
    while (i < offset && i < end) {
        uint32_t n = char_at(doc->text, i, end, &u);
        if (i + n > offset)
            break;
        units += u;
        i += n;
    }
    *line = lo;
    *character = units;
}

/* The offset of character (in UTF-16 units) in the line text[i..end). */
static uint32_t offset_in_line(const char *text, uint32_t i, uint32_t end, int character)
{
    int units = 0, u;
    while (i < end) {
        uint32_t n = char_at(text, i, end, &u);
        if (units + u > character)
            break;
        units += u;
        i += n;
    }
    return i;
}

uint32_t ide_offset(const IdeDoc *doc, int line, int character)
{
    if (line < 0)
        return 0;
    if (line >= doc->nlines)
        return (uint32_t)doc->len;
    return offset_in_line(doc->text, doc->lines[line], line_end(doc, line), character);
}

uint32_t ide_text_offset(const char *text, size_t len, int line, int character)
{
    uint32_t i = 0;
    if (line < 0)
        return 0;
    for (int l = 0; l < line; l++) {
        if (i >= len)
            return (uint32_t)len;
        i = next_line(text, len, i);
        if (i >= len && l + 1 < line)
            return (uint32_t)len;
    }
    uint32_t end = i;
    while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
    return offset_in_line(text, i, end, character);
}

/* ---- names ---- */

static bool same_ref(IdeRef a, IdeRef b)
{
    return a.kind == b.kind && a.index == b.index && (a.kind != IDE_MEMBER || a.owner == b.owner);
}

static Span span_of(const char *name, uint32_t start)
{
    return (Span){start, start + (uint32_t)strlen(name)};
}

static int by_name_only(const void *a, const void *b)
{
    return strcmp(((const IdeName *)a)->name, ((const IdeName *)b)->name);
}

static int by_name(const void *a, const void *b)
{
    const IdeName *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->seq - y->seq;
}

/* The top-level names, sorted, each with what it names: the first
 * declared in the checker's order where two are declared alike (the
 * checker reports the second). */
static void index_names(IdeDoc *doc)
{
    const Contract *c = doc->c;
    int n = c->enums.n + c->fields.n + c->params.n + c->schedules.n + c->tables.n + c->defs.n + c->components.n + c->functions.n, k = 0;
    IdeName *v = arena_alloc(&doc->mem, sizeof *v * (size_t)(n + 1));
#define ADD(list, kind)                                                                     \
    for (int i = 0; i < c->list.n; i++, k++)                                                \
        v[k] = (IdeName){c->list.v[i].name.s, {kind, i, 0}, k};
    ADD(enums, IDE_ENUM)
    ADD(fields, IDE_FIELD)
    ADD(params, IDE_PARAM)
    ADD(schedules, IDE_SCHEDULE)
    ADD(tables, IDE_TABLE)
    ADD(defs, IDE_DEFINITION)
    ADD(components, IDE_COMPONENT)
    ADD(functions, IDE_FUNCTION)
#undef ADD
    if (n > 1)
        qsort(v, (size_t)n, sizeof *v, by_name);
    doc->nnames = 0;
    for (int i = 0; i < n; i++)
        if (doc->nnames == 0 || strcmp(v[i].name, v[doc->nnames - 1].name))
            v[doc->nnames++] = v[i];
    doc->names = v;
}

/* A top-level name, as the checker's one namespace has it. */
static IdeRef lookup(const IdeDoc *doc, const char *name)
{
    IdeName key = {name, {IDE_NOTHING, 0, 0}, 0};
    const IdeName *found = doc->nnames ? bsearch(&key, doc->names, (size_t)doc->nnames, sizeof key, by_name_only) : NULL;
    return found ? found->ref : (IdeRef){IDE_NOTHING, 0, 0};
}

static IdeRef member_of(const Contract *c, int enum_id, const char *name)
{
    if (enum_id >= 0 && enum_id < c->enums.n)
        for (int i = 0; i < c->enums.v[enum_id].members.n; i++)
            if (!strcmp(c->enums.v[enum_id].members.v[i].name.s, name))
                return (IdeRef){IDE_MEMBER, i, enum_id};
    return (IdeRef){IDE_NOTHING, 0, 0};
}

typedef struct Walk Walk;
struct Walk {
    const IdeDoc *doc;
    void (*visit)(Walk *w, const Occurrence *o);
};

static void seen(Walk *w, IdeRef r, Span at, bool declaration, Type t)
{
    if (r.kind == IDE_NOTHING)
        return;
    Occurrence o = {r, at, declaration, t};
    w->visit(w, &o);
}

static const Type untyped = {TY_ERROR, 0};

static void name_expr(Walk *w, const Expr *e)
{
    IdeRef r = {IDE_NOTHING, e->ref_index, 0};
    switch (e->ref) {
    case REF_FIELD: r.kind = IDE_FIELD; break;
    case REF_PARAM: r.kind = IDE_PARAM; break;
    case REF_DEF: r.kind = IDE_DEFINITION; break;
    case REF_COMPONENT: r.kind = IDE_COMPONENT; break;
    case REF_LOCAL: r.kind = IDE_LOCAL; break; /* or a parameter: walk_functions */
    case REF_YEAR: r.kind = IDE_YEAR; break;
    case REF_MEMBER:
        if (e->type.kind == TY_ENUM)
            r = (IdeRef){IDE_MEMBER, e->ref_index, e->type.enum_id};
        break;
    default: break;
    }
    seen(w, r, e->at, false, e->type);
}

/* Every name in e; the checker resolved them. */
static void walk_expr(Walk *w, const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case E_NAME:
        name_expr(w, e);
        break;
    case E_CALL:
        if (e->ref == REF_BUILTIN)
            seen(w, (IdeRef){IDE_BUILTIN, e->ref_index, 0}, span_of(e->name, e->at.start), false, e->type);
        else if (e->ref == REF_FUNCTION)
            seen(w, (IdeRef){IDE_FUNCTION, e->ref_index, 0}, span_of(e->name, e->at.start), false, e->type);
        break;
    case E_COMPREH:
        if (e->ref == REF_BUILTIN) {
            seen(w, (IdeRef){IDE_BUILTIN, e->ref_index, 0}, span_of(e->name, e->at.start), false, e->type);
            Type elem = e->b && e->b->type.kind == TY_LIST      ? (Type){TY_ENUM, e->b->type.enum_id}
                        : e->b && e->b->type.kind == TY_RECORDS ? (Type){TY_RECORD, e->b->type.enum_id}
                                                                : untyped;
            seen(w, (IdeRef){IDE_LOCAL, (int)e->num.n, 0}, e->var_at, true, elem);
        }
        break;
    case E_INDEX:
        if (e->ref == REF_SCHEDULE || e->ref == REF_TABLE)
            seen(w, (IdeRef){e->ref == REF_SCHEDULE ? IDE_SCHEDULE : IDE_TABLE, e->ref_index, 0}, span_of(e->name, e->at.start), false,
                 e->type);
        break;
    default:
        break;
    }
    walk_expr(w, e->a);
    walk_expr(w, e->b);
    walk_expr(w, e->c);
    for (int i = 0; i < e->nargs; i++)
        walk_expr(w, e->args[i]);
}

static Type field_type(const IdeDoc *doc, int i)
{
    return doc->m.fields ? doc->m.fields[i].type : untyped;
}

static void walk_declarations(Walk *w, const Contract *c)
{
    for (int i = 0; i < c->enums.n; i++) {
        seen(w, (IdeRef){IDE_ENUM, i, 0}, c->enums.v[i].name.at, true, untyped);
        for (int j = 0; j < c->enums.v[i].members.n; j++)
            seen(w, (IdeRef){IDE_MEMBER, j, i}, c->enums.v[i].members.v[j].name.at, true, (Type){TY_ENUM, i});
    }
    for (int i = 0; i < c->fields.n; i++) {
        const FieldDecl *f = &c->fields.v[i];
        seen(w, (IdeRef){IDE_FIELD, i, 0}, f->name.at, true, field_type(w->doc, i));
        IdeRef t = lookup(w->doc, f->type.s);
        if (t.kind == IDE_ENUM)
            seen(w, t, f->type.at, false, untyped);
    }
    for (int i = 0; i < c->params.n; i++)
        seen(w, (IdeRef){IDE_PARAM, i, 0}, c->params.v[i].name.at, true, w->doc->m.params ? w->doc->m.params[i].type : untyped);
    for (int i = 0; i < c->defs.n; i++) {
        seen(w, (IdeRef){IDE_DEFINITION, i, 0}, c->defs.v[i].name.at, true, w->doc->m.def_types ? w->doc->m.def_types[i] : untyped);
        walk_expr(w, c->defs.v[i].expr);
    }
}

/* A function's name, its parameters (a use in its body is a parameter,
 * not a loop variable, when it is the parameter's slot), and its body. */
typedef struct {
    Walk w;
    Walk *outer;
    const FunctionInfo *info;
    int fn;
} InFunction;

static void visit_in_function(Walk *w, const Occurrence *o)
{
    InFunction *x = (InFunction *)w;
    Occurrence p = *o;
    for (int i = 0; o->ref.kind == IDE_LOCAL && i < x->info->nparams; i++)
        if (x->info->slots[i] == o->ref.index)
            p.ref = (IdeRef){IDE_PARAMETER, o->ref.index, x->fn};
    x->outer->visit(x->outer, &p);
}

static void walk_functions(Walk *w, const Contract *c)
{
    const Model *m = &w->doc->m;
    for (int i = 0; i < c->functions.n; i++) {
        const FunctionDecl *f = &c->functions.v[i];
        seen(w, (IdeRef){IDE_FUNCTION, i, 0}, f->name.at, true, m->functions ? m->functions[i].result : untyped);
        if (!m->functions)
            continue;
        const FunctionInfo *info = &m->functions[i];
        for (int j = 0; j < f->params.n; j++) {
            seen(w, (IdeRef){IDE_PARAMETER, info->slots[j], i}, f->params.v[j].name.at, true, info->params[j]);
            IdeRef t = lookup(w->doc, f->params.v[j].type.s);
            if (t.kind == IDE_ENUM)
                seen(w, t, f->params.v[j].type.at, false, untyped);
        }
        InFunction in = {{w->doc, visit_in_function}, w, info, i};
        walk_expr(&in.w, f->body);
    }
}

static void walk_grid(Walk *w, const Contract *c, const GridDecl *g, int row_enum, int col_enum)
{
    if (g->row_title.s) { /* a derived year has no grid */
        IdeRef title = lookup(w->doc, g->row_title.s);
        seen(w, title, g->row_title.at, false, untyped);
    }
    for (int j = 0; j < g->columns.n; j++)
        seen(w, member_of(c, col_enum, g->columns.v[j].s), g->columns.v[j].at, false, untyped);
    for (int r = 0; r < g->rows.n; r++)
        if (g->rows.v[r].key->kind == E_NAME)
            seen(w, member_of(c, row_enum, g->rows.v[r].key->name), g->rows.v[r].key->at, false, untyped);
    /* a derived column is computed from the others, which the checker
     * reads by name without resolving */
    for (int d = 0; d < g->derived.n; d++) {
        seen(w, member_of(c, col_enum, g->derived.v[d].name.s), g->derived.v[d].name.at, false, untyped);
        const Expr *stack[64];
        int n = 0;
        stack[n++] = g->derived.v[d].expr;
        while (n > 0) {
            const Expr *e = stack[--n];
            if (e->kind == E_NAME)
                seen(w, member_of(c, col_enum, e->name), e->at, false, untyped);
            const Expr *kids[] = {e->a, e->b, e->c};
            for (int k = 0; k < 3; k++)
                if (kids[k] && n < 64)
                    stack[n++] = kids[k];
        }
    }
}

static void walk_tables(Walk *w, const Contract *c)
{
    const Model *m = &w->doc->m;
    for (int i = 0; i < c->schedules.n; i++) {
        const ScheduleDecl *s = &c->schedules.v[i];
        seen(w, (IdeRef){IDE_SCHEDULE, i, 0}, s->name.at, true, untyped);
        seen(w, lookup(w->doc, s->row_dim.s), s->row_dim.at, false, untyped);
        seen(w, lookup(w->doc, s->col_dim.s), s->col_dim.at, false, untyped);
        int rows = m->schedules && m->schedules[i].row_enum ? m->schedules[i].row_enum_id : -1;
        int cols = m->schedules ? m->schedules[i].col_enum_id : -1;
        for (int b = 0; b < s->blocks.n; b++)
            walk_grid(w, c, &s->blocks.v[b], rows, cols);
    }
    for (int i = 0; i < c->tables.n; i++) {
        const TableDecl *t = &c->tables.v[i];
        seen(w, (IdeRef){IDE_TABLE, i, 0}, t->name.at, true, untyped);
        seen(w, lookup(w->doc, t->key_dim.s), t->key_dim.at, false, untyped);
        int keys = m->tables && m->tables[i].key_enum ? m->tables[i].key_enum_id : -1;
        for (int r = 0; r < t->rows.n; r++)
            if (t->rows.v[r].key->kind == E_NAME)
                seen(w, member_of(c, keys, t->rows.v[r].key->name), t->rows.v[r].key->at, false, untyped);
    }
}

static void walk_components(Walk *w, const Contract *c)
{
    const Model *m = &w->doc->m;
    for (int k = 0; k < c->components.n; k++) {
        const ComponentDecl *comp = &c->components.v[k];
        IdeRef r = {IDE_COMPONENT, k, 0};
        Type t = m->comp_types ? m->comp_types[k] : untyped;
        seen(w, r, comp->name.at, true, t);
        for (int j = 0; j < comp->rules.n; j++) {
            const RuleDecl *rule = &c->rules.v[comp->rules.v[j]];
            if (rule->component.at.start != comp->name.at.start)
                seen(w, r, rule->component.at, false, t);
            if (rule->label.s)
                seen(w, (IdeRef){IDE_RULE, comp->rules.v[j], 0}, rule->label.at, true, t);
            walk_expr(w, rule->when);
            walk_expr(w, rule->amount);
        }
    }
    /* a policy written after the component's first rule */
    for (int i = 0; i < c->items.n; i++)
        if (c->items.v[i].kind == ITEM_POLICY) {
            const ComponentDecl *comp = &c->components.v[c->items.v[i].index];
            Span at = span_of(comp->name.s, c->items.v[i].at.start);
            if (at.start != comp->name.at.start)
                seen(w, (IdeRef){IDE_COMPONENT, c->items.v[i].index, 0}, at, false, untyped);
        }
}

static void walk_binding(Walk *w, const Binding *b)
{
    if (b->call)
        walk_expr(w, b->call);
    else
        seen(w, lookup(w->doc, b->name.s), b->name.at, false, untyped);
    walk_expr(w, b->expr);
}

static void walk_uses(Walk *w, const Contract *c)
{
    for (int i = 0; i < c->outputs.n; i++)
        seen(w, lookup(w->doc, c->outputs.v[i].s), c->outputs.v[i].at, false, untyped);
    for (int i = 0; i < c->each_year.n; i++)
        walk_binding(w, &c->each_year.v[i]);
    for (int i = 0; i < c->examples.n; i++) {
        const ExampleDecl *ex = &c->examples.v[i];
        for (int j = 0; j < ex->given.n; j++)
            walk_binding(w, &ex->given.v[j]);
        for (int j = 0; j < ex->expect.n; j++)
            walk_binding(w, &ex->expect.v[j]);
    }
}

/* Visits every name written in the analysed contract, and what it is. */
static void walk(Walk *w)
{
    const Contract *c = w->doc->c;
    if (!c)
        return;
    walk_declarations(w, c);
    walk_functions(w, c);
    walk_tables(w, c);
    walk_components(w, c);
    walk_uses(w, c);
}

typedef struct {
    Walk w;
    uint32_t offset;
    bool found, inside;
    Occurrence o;
} At;

/* The name that holds offset, or else the one that ends there (the
 * cursor just after a word). */
static void visit_at(Walk *w, const Occurrence *o)
{
    At *x = (At *)w;
    bool inside = o->at.start <= x->offset && x->offset < o->at.end;
    if (x->inside || !(inside || o->at.end == x->offset))
        return;
    x->found = true;
    x->inside = inside;
    x->o = *o;
}

bool ide_occurrence_at(const IdeDoc *doc, uint32_t offset, Occurrence *o)
{
    At x = {.w = {doc, visit_at}, .offset = offset};
    walk(&x.w);
    *o = x.o;
    return x.found;
}

bool ide_name_at(const IdeDoc *doc, uint32_t offset, IdeRef *ref, Span *at)
{
    Occurrence o;
    if (!ide_occurrence_at(doc, offset, &o))
        return false;
    *ref = o.ref;
    *at = o.at;
    return true;
}

typedef struct {
    Walk w;
    IdeRef ref;
    bool declarations, uses;
    Arena *a;
    VEC(Span) spans;
} Gather;

static void visit_gather(Walk *w, const Occurrence *o)
{
    Gather *g = (Gather *)w;
    if (same_ref(o->ref, g->ref) && (o->declaration ? g->declarations : g->uses))
        VEC_PUSH(g->a, g->spans, o->at);
}

static int by_start(const void *a, const void *b)
{
    const Span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int gather(const IdeDoc *doc, IdeRef ref, bool declarations, bool uses, Span **out, Arena *a)
{
    Gather g = {{doc, visit_gather}, ref, declarations, uses, a, {0}};
    walk(&g.w);
    if (g.spans.n > 1)
        qsort(g.spans.v, (size_t)g.spans.n, sizeof *g.spans.v, by_start);
    int n = 0;
    for (int i = 0; i < g.spans.n; i++)
        if (n == 0 || g.spans.v[i].start != g.spans.v[n - 1].start)
            g.spans.v[n++] = g.spans.v[i];
    *out = g.spans.v;
    return n;
}

bool ide_declaration(const IdeDoc *doc, IdeRef ref, Span *at)
{
    Arena a = {0};
    Span *spans;
    bool found = gather(doc, ref, true, false, &spans, &a) > 0;
    if (found)
        *at = spans[0];
    arena_free(&a);
    return found;
}

bool ide_definition(const IdeDoc *doc, uint32_t offset, Span *target)
{
    Occurrence o;
    return ide_occurrence_at(doc, offset, &o) && ide_declaration(doc, o.ref, target);
}

int ide_references(const IdeDoc *doc, uint32_t offset, bool declaration, Span **out, Arena *a)
{
    Occurrence o;
    *out = NULL;
    if (!ide_occurrence_at(doc, offset, &o))
        return 0;
    return gather(doc, o.ref, declaration, true, out, a);
}

/* ---- declarations as written ---- */

/* The end of an item that closes an indented block: the block's last
 * line, not the dedent (which sits where the next item starts). */
Span ide_item_span(const Contract *c, const ItemRef *it)
{
    Span at = it->at;
    uint32_t end = at.start;
    switch (it->kind) {
    case ITEM_SCHEDULE: {
        const ScheduleDecl *s = &c->schedules.v[it->index];
        for (int b = 0; b < s->blocks.n; b++) {
            const GridDecl *g = &s->blocks.v[b];
            for (int r = 0; r < g->rows.n; r++)
                end = g->rows.v[r].at.end > end ? g->rows.v[r].at.end : end;
            for (int d = 0; d < g->derived.n; d++)
                end = g->derived.v[d].expr->at.end > end ? g->derived.v[d].expr->at.end : end;
            if (g->rule)
                end = g->rule->at.end > end ? g->rule->at.end : end;
        }
        break;
    }
    case ITEM_TABLE: {
        const TableDecl *t = &c->tables.v[it->index];
        end = t->rows.n ? t->rows.v[t->rows.n - 1].at.end : end;
        break;
    }
    case ITEM_EXAMPLE: {
        const ExampleDecl *ex = &c->examples.v[it->index];
        end = ex->at.end;
        for (int j = 0; j < ex->given.n; j++)
            end = ex->given.v[j].expr->at.end > end ? ex->given.v[j].expr->at.end : end;
        for (int j = 0; j < ex->expect.n; j++) {
            const Binding *b = &ex->expect.v[j];
            uint32_t e = b->year ? b->year_at.end : b->expr->at.end;
            end = e > end ? e : end;
        }
        break;
    }
    case ITEM_EMPLOYEE:
        for (int i = 0; i < it->index; i++)
            end = c->fields.v[i].at.end > end ? c->fields.v[i].at.end : end;
        break;
    default:
        return at;
    }
    at.end = end;
    return at;
}

/* The item of kind with index, or NULL. */
const ItemRef *ide_item(const Contract *c, ItemKind kind, int index)
{
    for (int i = 0; i < c->items.n; i++)
        if (c->items.v[i].kind == kind && c->items.v[i].index == index)
            return &c->items.v[i];
    return NULL;
}

/* ---- outline ---- */

typedef VEC(IdeSymbol) SymbolList;

static IdeSymbol *symbol(SymbolList *l, Arena *a, const char *name, IdeKind kind, Span at, Span name_at, const char *detail)
{
    IdeSymbol s = {name && *name ? name : "(untitled)", detail ? detail : "", kind, at, name_at, NULL, 0};
    if (name_at.start < at.start || name_at.end > at.end)
        s.at = (Span){name_at.start < at.start ? name_at.start : at.start, name_at.end > at.end ? name_at.end : at.end};
    VEC_PUSH(a, *l, s);
    return &l->v[l->n - 1];
}

static const char *type_text(const IdeDoc *doc, Type t)
{
    return t.kind == TY_ERROR ? "" : type_name(&doc->m, t);
}

/* "(minutes: integer, rate: money): money" */
static const char *function_detail(const IdeDoc *doc, Arena *a, int fi)
{
    const FunctionDecl *f = &doc->c->functions.v[fi];
    const FunctionInfo *info = &doc->m.functions[fi];
    const char *s = "(";
    for (int i = 0; i < f->params.n; i++)
        s = arena_printf(a, "%s%s%s: %s", s, i ? ", " : "", f->params.v[i].name.s, type_text(doc, info->params[i]));
    return arena_printf(a, "%s): %s", s, type_text(doc, info->result));
}

static void outline_enum(const IdeDoc *doc, SymbolList *l, Arena *a, const ItemRef *it)
{
    const EnumDecl *e = &doc->c->enums.v[it->index];
    IdeSymbol *s = symbol(l, a, e->name.s, IDE_ENUM, it->at, e->name.at, "");
    s->children = arena_alloc(a, sizeof *s->children * (size_t)(e->members.n + 1));
    for (int j = 0; j < e->members.n; j++)
        s->children[s->nchildren++] = (IdeSymbol){e->members.v[j].name.s, e->members.v[j].display ? e->members.v[j].display : "",
                                                  IDE_MEMBER, e->members.v[j].name.at, e->members.v[j].name.at, NULL, 0};
}

static void outline_employee(const IdeDoc *doc, SymbolList *l, Arena *a, const ItemRef *it, int first)
{
    const Contract *c = doc->c;
    IdeSymbol *s = symbol(l, a, "employee", IDE_EMPLOYEE, ide_item_span(c, it), span_of("employee", it->at.start), "");
    s->children = arena_alloc(a, sizeof *s->children * (size_t)(it->index - first + 1));
    for (int i = first; i < it->index; i++) {
        const FieldDecl *f = &c->fields.v[i];
        s->children[s->nchildren++] = (IdeSymbol){f->name.s, type_text(doc, field_type(doc, i)), IDE_FIELD, f->at, f->name.at, NULL, 0};
    }
}

static const char *policy_text(Policy p)
{
    return p == POLICY_AT_MOST_ONE ? "at most one" : p == POLICY_EXACTLY_ONE ? "exactly one" : "";
}

/* A component, where it is first written: its rules as children. */
static void outline_component(const IdeDoc *doc, SymbolList *l, Arena *a, int k, const ItemRef *it)
{
    const Contract *c = doc->c;
    const ComponentDecl *comp = &c->components.v[k];
    Span at = it->at;
    for (int j = 0; j < comp->rules.n; j++) {
        Span r = c->rules.v[comp->rules.v[j]].at;
        at.start = r.start < at.start ? r.start : at.start;
        at.end = r.end > at.end ? r.end : at.end;
    }
    const char *policy = policy_text(comp->policy);
    const char *type = doc->m.comp_types ? type_text(doc, doc->m.comp_types[k]) : "";
    const char *detail = *policy && *type ? arena_printf(a, "%s, %s", type, policy) : *policy ? policy : type;
    IdeSymbol *s = symbol(l, a, comp->name.s, IDE_COMPONENT, at, comp->name.at, detail);
    s->children = arena_alloc(a, sizeof *s->children * (size_t)(comp->rules.n + 1));
    for (int j = 0; j < comp->rules.n; j++) {
        const RuleDecl *r = &c->rules.v[comp->rules.v[j]];
        const char *name = r->label.s ? arena_printf(a, "%s %s", comp->name.s, r->label.s) : arena_printf(a, "%s rule %d", comp->name.s, j + 1);
        Span name_at = r->label.s ? r->label.at : r->component.at;
        s->children[s->nchildren++] = (IdeSymbol){name, r->cite ? r->cite : "", IDE_RULE, r->at, name_at, NULL, 0};
    }
}

int ide_outline(const IdeDoc *doc, IdeSymbol **out, Arena *a)
{
    SymbolList l = {0};
    const Contract *c = doc->c;
    *out = NULL;
    if (!c)
        return 0;
    bool *shown = arena_alloc(a, (size_t)c->components.n + 1);
    int *component_of = arena_alloc(a, sizeof(int) * (size_t)(c->rules.n + 1)); /* each rule's */
    for (int k = 0; k < c->components.n; k++)
        for (int j = 0; j < c->components.v[k].rules.n; j++)
            component_of[c->components.v[k].rules.v[j]] = k;
    int fields = 0;
    for (int i = 0; i < c->items.n; i++) {
        const ItemRef *it = &c->items.v[i];
        Span at = ide_item_span(c, it);
        switch (it->kind) {
        case ITEM_ENUM: outline_enum(doc, &l, a, it); break;
        case ITEM_EMPLOYEE:
            outline_employee(doc, &l, a, it, fields);
            fields = it->index;
            break;
        case ITEM_PARAM: {
            int p = it->index;
            symbol(&l, a, c->params.v[p].name.s, IDE_PARAM, at, c->params.v[p].name.at,
                   doc->m.params ? type_text(doc, doc->m.params[p].type) : "");
            break;
        }
        case ITEM_SCHEDULE: {
            const ScheduleDecl *s = &c->schedules.v[it->index];
            symbol(&l, a, s->name.s, IDE_SCHEDULE, at, s->name.at, arena_printf(a, "by %s, %s", s->row_dim.s, s->col_dim.s));
            break;
        }
        case ITEM_TABLE: {
            const TableDecl *t = &c->tables.v[it->index];
            symbol(&l, a, t->name.s, IDE_TABLE, at, t->name.at, arena_printf(a, "by %s", t->key_dim.s));
            break;
        }
        case ITEM_DEF: {
            int d = it->index;
            symbol(&l, a, c->defs.v[d].name.s, IDE_DEFINITION, at, c->defs.v[d].name.at,
                   doc->m.def_types ? type_text(doc, doc->m.def_types[d]) : "");
            break;
        }
        case ITEM_POLICY:
        case ITEM_RULE: {
            int k = it->kind == ITEM_POLICY ? it->index : component_of[it->index];
            if (!shown[k]) {
                shown[k] = true;
                outline_component(doc, &l, a, k, it);
            }
            break;
        }
        case ITEM_FUNCTION: {
            const FunctionDecl *fn = &c->functions.v[it->index];
            symbol(&l, a, fn->name.s, IDE_FUNCTION, at, fn->name.at, doc->m.functions ? function_detail(doc, a, it->index) : "");
            break;
        }
        case ITEM_EXAMPLE: {
            /* its header, `example "...":`, up to where the parser put the example */
            const ExampleDecl *ex = &c->examples.v[it->index];
            symbol(&l, a, ex->title, IDE_EXAMPLE, at, (Span){it->at.start, ex->at.start}, "");
            break;
        }
        default:
            break;
        }
    }
    *out = l.v;
    return l.n;
}

/* ---- completion ---- */

static bool is_name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

bool ide_is_name_char(char ch)
{
    return is_name_char(ch);
}

/* Whether offset is inside a comment or a quoted text on its line. */
static bool in_prose(const IdeDoc *doc, uint32_t offset)
{
    bool quoted = false;
    for (uint32_t i = line_start(doc->text, offset); i < offset; i++) {
        if (doc->text[i] == '"')
            quoted = !quoted;
        else if (doc->text[i] == '\\' && quoted)
            i++;
        else if (doc->text[i] == '#' && !quoted)
            return true;
    }
    return quoted;
}

typedef struct {
    const char *prefix;
    size_t n;
    Arena *a;
    VEC(IdeCompletion) v;
} Candidates;

static bool starts_with(const char *s, const char *prefix, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char a = s[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (!a || a != b)
            return false;
    }
    return true;
}

static void offer(Candidates *k, const char *label, IdeKind kind, const char *detail)
{
    if (k->v.n >= IDE_MAX_COMPLETIONS || !starts_with(label, k->prefix, k->n))
        return;
    if (kind == IDE_MEMBER) /* members of two enums may share a name */
        for (int i = 0; i < k->v.n; i++)
            if (!strcmp(k->v.v[i].label, label))
                return;
    IdeCompletion c = {label, detail ? detail : "", kind};
    VEC_PUSH(k->a, k->v, c);
}

static void offer_names(const IdeDoc *doc, Candidates *k)
{
    const Contract *c = doc->c;
    const Model *m = &doc->m;
    for (int i = 0; i < c->fields.n; i++)
        offer(k, c->fields.v[i].name.s, IDE_FIELD, type_text(doc, field_type(doc, i)));
    for (int i = 0; i < c->defs.n; i++)
        offer(k, c->defs.v[i].name.s, IDE_DEFINITION, m->def_types ? type_text(doc, m->def_types[i]) : "");
    for (int i = 0; i < c->components.n; i++)
        offer(k, c->components.v[i].name.s, IDE_COMPONENT, m->comp_types ? type_text(doc, m->comp_types[i]) : "");
    for (int i = 0; i < c->params.n; i++)
        offer(k, c->params.v[i].name.s, IDE_PARAM, m->params ? type_text(doc, m->params[i].type) : "");
    for (int i = 0; i < c->schedules.n; i++)
        offer(k, c->schedules.v[i].name.s, IDE_SCHEDULE,
              arena_printf(k->a, "schedule by %s, %s", c->schedules.v[i].row_dim.s, c->schedules.v[i].col_dim.s));
    for (int i = 0; i < c->tables.n; i++)
        offer(k, c->tables.v[i].name.s, IDE_TABLE, arena_printf(k->a, "table by %s", c->tables.v[i].key_dim.s));
    for (int i = 0; i < c->enums.n; i++)
        offer(k, c->enums.v[i].name.s, IDE_ENUM, "enum");
    for (int i = 0; i < c->functions.n; i++)
        offer(k, c->functions.v[i].name.s, IDE_FUNCTION, "function");
    for (int i = 0; i < c->enums.n; i++)
        for (int j = 0; j < c->enums.v[i].members.n; j++)
            offer(k, c->enums.v[i].members.v[j].name.s, IDE_MEMBER, c->enums.v[i].name.s);
}

/* The enum of the value being written at start, when the line compares
 * or gives one (`lane = `, `lane != `, `lane in [BA, `): the name before
 * the line's last `=`, `!=` or `in`, if it is of an enum or a list of one;
 * else -1. */
static int enum_wanted(const IdeDoc *doc, uint32_t start)
{
    uint32_t bol = line_start(doc->text, start), op = 0, i;
    bool found = false;
    for (i = bol; i < start; i++) {
        const char *t = doc->text + i;
        if (*t == '=' || (*t == 'i' && t[1] == 'n' && i > bol && t[-1] == ' ' && t[2] == ' ')) {
            op = i;
            found = true;
        }
    }
    if (!found || !doc->c)
        return -1;
    while (op > bol && (doc->text[op - 1] == ' ' || doc->text[op - 1] == '!'))
        op--;
    uint32_t from = op;
    while (from > bol && is_name_char(doc->text[from - 1]))
        from--;
    char name[256];
    if (from == op || op - from >= sizeof name)
        return -1;
    memcpy(name, doc->text + from, op - from);
    name[op - from] = '\0';
    IdeRef r = lookup(doc, name);
    Type t = r.kind == IDE_FIELD ? field_type(doc, r.index)
             : r.kind == IDE_DEFINITION && doc->m.def_types ? doc->m.def_types[r.index] : untyped;
    return t.kind == TY_ENUM || t.kind == TY_LIST ? t.enum_id : -1;
}

int ide_completions(const IdeDoc *doc, uint32_t offset, IdeCompletion **out, Arena *a)
{
    *out = NULL;
    if (offset > doc->len)
        offset = (uint32_t)doc->len;
    if (in_prose(doc, offset))
        return 0;
    uint32_t start = offset;
    while (start > 0 && is_name_char(doc->text[start - 1]))
        start--;
    Candidates k = {doc->text + start, offset - start, a, {0}};
    int e = enum_wanted(doc, start);
    for (int i = 0; e >= 0 && i < doc->c->enums.v[e].members.n; i++)
        offer(&k, doc->c->enums.v[e].members.v[i].name.s, IDE_MEMBER, doc->c->enums.v[e].name.s);
    if (doc->c)
        offer_names(doc, &k);
    offer(&k, "contract_year", IDE_YEAR, "the contract year: 1, 2, ...");
    for (int i = 0; i < nbuiltins; i++)
        offer(&k, builtins[i].name, IDE_BUILTIN, builtins[i].summary);
    offer(&k, "yes", IDE_VALUE, "yes/no");
    offer(&k, "no", IDE_VALUE, "yes/no");
    for (int i = 0; grammar_keyword(i); i++)
        offer(&k, grammar_keyword(i), IDE_KEYWORD, "keyword");
    *out = k.v.v;
    return k.v.n;
}

/* ---- formatting ---- */

char *ide_format(const IdeDoc *doc, size_t *len)
{
    Arena none = {0};
    DiagList ignored = {0};
    Collector k = {&none, &ignored, -1};
    Diags d = collecting(doc->path, doc->text, doc->len, &k);
    Contract *c = parse_contract(doc->path, doc->text, doc->len, &d);
    char *out = NULL;
    *len = 0;
    if (d.errors == 0) {
        FILE *mem = open_memstream(&out, len);
        if (!mem)
            abort();
        format_contract(c, doc->text, doc->len, mem);
        fclose(mem);
    }
    contract_free(c);
    arena_free(&none);
    return out;
}
