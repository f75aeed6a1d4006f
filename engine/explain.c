/* explain.c: finding an employee on a roster by id, and building the
 * tree of how their figures come about (explain.h): each node with its
 * uses, a component's rules, and the sums and clamped lookups that
 * compile_explained gives nodes for (ProgPart).  The VM computes every
 * figure; the tree keeps them as text, in the order printing reads them. */
#include "explain.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "fmt.h"
#include "effective.h"
#include "format.h"
#include "vm.h"

enum { MAX_USES = 64 };

typedef struct {
    const ExplainRequest *rq;
    const Model *m;
    const Contract *c;
    const Program *p;
    VM *vm;
    const Value *record;
    bool *shown;        /* [nnodes]: explained already */
    Arena *arena;       /* the Explanation's */
} Explainer;

/* A name an expression uses: a field, a param, a definition or a component. */
typedef struct {
    RefKind ref;
    int index;
    const char *name;
} Use;

static void add_use(Use u, Use *uses, int *n)
{
    for (int i = 0; i < *n; i++)
        if (uses[i].ref == u.ref && uses[i].index == u.index)
            return;
    if (*n < MAX_USES)
        uses[(*n)++] = u;
}

/* The names e uses, and the params the functions it calls read (a
 * function's body reads nothing else the roster or a definition gives). */
static void collect_uses(const Contract *c, const Expr *e, Use *uses, int *n)
{
    if (!e)
        return;
    if (e->kind == E_CALL && e->ref == REF_FUNCTION)
        collect_uses(c, c->functions.v[e->ref_index].body, uses, n);
    if (e->kind == E_CALL && e->ref == REF_LAST_YEAR) { /* the year before's, explained there */
        add_use((Use){REF_LAST_YEAR, e->ref_index, e->args[0]->name}, uses, n);
        return;
    }
    if (e->kind == E_INDEX && (e->ref == REF_SCHEDULE || e->ref == REF_TABLE)) /* weighted by date, if it is */
        add_use((Use){e->ref, e->ref_index, e->name}, uses, n);
    if (e->kind == E_NAME && (e->ref == REF_FIELD || e->ref == REF_PARAM || e->ref == REF_DEF || e->ref == REF_COMPONENT)) {
        for (int i = 0; i < *n; i++)
            if (uses[i].ref == e->ref && uses[i].index == e->ref_index)
                return;
        if (*n < MAX_USES)
            uses[(*n)++] = (Use){e->ref, e->ref_index, e->name};
        return;
    }
    collect_uses(c, e->a, uses, n);
    collect_uses(c, e->b, uses, n);
    collect_uses(c, e->c, uses, n);
    for (int i = 0; i < e->nargs; i++)
        collect_uses(c, e->args[i], uses, n);
}

/* The source text at a span, in whichever source holds it. */
static Excerpt source_of(const Diags *d, Span at)
{
    uint32_t start = at.start, end = at.end;
    const char *src = d->src;
    size_t srclen = d->len;
    for (int i = d->nmore - 1; i >= 0; i--)
        if (start >= d->more[i].base) {
            start -= d->more[i].base;
            end -= d->more[i].base;
            src = d->more[i].src;
            srclen = d->more[i].len;
            break;
        }
    if (end > srclen)
        end = (uint32_t)srclen;
    return (Excerpt){src + start, end > start ? (int)(end - start) : 0};
}

static bool is_number(Type t)
{
    return t.kind == TY_MONEY || t.kind == TY_DECIMAL || t.kind == TY_INTEGER;
}

/* v as shown, in FORMAT_MAX bytes at most ("" if it does not fit). */
static const char *shown(Explainer *x, Value v, Type t)
{
    char buf[FORMAT_MAX];
    size_t n = format_display(v, t, x->p->enums, buf, sizeof buf - 1);
    return arena_strndup(x->arena, buf, n);
}

/* A figure that was computed: shown, and exactly if a number. */
static Shown figure(Explainer *x, Value v, Type t)
{
    Shown f = {.ok = true, .shown = shown(x, v, t)};
    if (is_number(t)) {
        char exact[FORMAT_MAX];
        f.exact = arena_strndup(x->arena, exact, format_value(v, t, x->p->enums, exact, sizeof exact));
    }
    return f;
}

/* The VM's last error, as a figure (at most FORMAT_MAX - 1 bytes of it). */
static Shown failure(Explainer *x)
{
    char buf[FORMAT_MAX];
    snprintf(buf, sizeof buf, "%s", vm_error(x->vm));
    return (Shown){.shown = arena_strndup(x->arena, buf, strlen(buf))};
}

/* Node's figure, and its value in *v if it has one. */
static Shown node_figure(Explainer *x, int node, Value *v)
{
    return vm_value(x->vm, node, v) ? figure(x, *v, x->p->nodes[node].type) : failure(x);
}

static const ProgPart *part_of(const Program *p, const Expr *e)
{
    for (int i = 0; i < p->nparts; i++)
        if (p->parts[i].expr == e)
            return &p->parts[i];
    return NULL;
}

/* One member of a sum (count, max, min, any, all): left out, its term,
 * or the error computing either; *value its term, if it has one.  A count
 * of members (count(s for s in sessions if ...)) counts each one its `if`
 * keeps, and has no term to show. */
static SumMember sum_member(Explainer *x, const ProgPart *part, const char *name, Value member, Value *value)
{
    Value keep = {.i = 1};
    bool ok = part->cond < 0 || vm_value_for(x->vm, part->cond, part->slot, member, &keep);
    bool in = ok && keep.i;
    Type t = x->p->nodes[part->term].type;
    bool count = !strcmp(((const Expr *)part->expr)->name, "count");
    bool counts_members = count && t.kind != TY_BOOL;
    if (in && !counts_members)
        ok = vm_value_for(x->vm, part->term, part->slot, member, value);
    SumMember s = {.name = name, .left_out = ok && !in, .marked = in && counts_members};
    if (!ok)
        s.term = failure(x);
    else if (in && !counts_members)
        s.term = figure(x, *value, t);
    else if (in)
        s.term.ok = true; /* counted, with nothing to show */
    if (ok && in && count && t.kind == TY_BOOL)
        s.marked = value->i;
    return s;
}

/* Marks the member of a max or min that gives its result (the first, if
 * several do). */
static void mark_extreme(ExplainPart *s)
{
    if (strcmp(s->aggregate, "max") && strcmp(s->aggregate, "min"))
        return;
    for (int i = 0; i < s->members.n; i++) {
        SumMember *m = &s->members.v[i];
        if (!m->left_out && m->term.ok && m->term.exact && s->total.ok && s->total.exact && !strcmp(m->term.exact, s->total.exact)) {
            m->marked = true;
            return;
        }
    }
}

/* Whether member m of an any or all decides it: a yes of an any, a no of
 * an all.  The VM looks at no member after it, and nor does explain. */
static bool decides(const char *aggregate, const SumMember *m, bool yes)
{
    if (m->left_out || !m->term.ok)
        return false;
    return (!strcmp(aggregate, "any") && yes) || (!strcmp(aggregate, "all") && !yes);
}

/* "session 2 (2024-09-04)": record i of an employee's records, by its
 * type, its place and its first field. */
static const char *record_name(Explainer *x, int type, uint32_t i, Value rec)
{
    const RecordSchema *rs = &x->m->records[type];
    char first[FORMAT_MAX];
    size_t n = rs->nfields > 1 ? format_value(rec.row[1], rs->fields[1].type, rs->enums, first, sizeof first) : 0;
    return n ? arena_printf(x->arena, "%s %u (%.*s)", rs->name, i + 1, (int)n, first) : arena_printf(x->arena, "%s %u", rs->name, i + 1);
}

/* A sum (count, max, min, any, all), member by member:
 * sum(stipend[a] for a in assignments) */
static ExplainPart explain_sum(Explainer *x, const Expr *e, const ProgPart *part)
{
    const Program *p = x->p;
    const Diags *d = x->rq->source;
    ExplainPart s = {.kind = PART_SUM, .source = source_of(d, e->at), .aggregate = e->name, .var = e->var};
    if (e->c)
        s.condition = source_of(d, e->c->at);
    Value list, total;
    Shown listed = node_figure(x, part->list, &list);
    s.listed = listed.ok;
    Type lt = p->nodes[part->list].type;
    bool rows = lt.kind == TY_RECORDS;
    uint32_t n = !s.listed ? 0 : rows ? list.recs.len : list.list.len;
    bool decided = false;
    for (uint32_t i = 0; i < n; i++) {
        Value member = rows ? (Value){.row = list.recs.rows + (size_t)i * list.recs.width} : (Value){.i = list.list.items[i]};
        const char *name = rows ? record_name(x, lt.enum_id, i, member) : p->enums[lt.enum_id].members[member.i];
        Value term = {0};
        SumMember m = decided ? (SumMember){.name = name, .not_needed = true} : sum_member(x, part, name, member, &term);
        bool decides_it = !decided && decides(e->name, &m, term.i);
        m.marked = m.marked || decides_it;
        decided = decided || decides_it;
        VEC_PUSH(x->arena, s.members, m);
    }
    s.total = s.listed ? node_figure(x, part->whole, &total) : listed;
    s.total.ok = s.listed && s.total.ok;
    mark_extreme(&s);
    return s;
}

static const char *row_range(Explainer *x, const ScheduleDecl *sd, const char *grid, int64_t key);

/* A lookup's row and column keys, and the member of its third key whose
 * grid it looks in (NULL if it has none); false if one of them cannot be
 * computed. */
static bool lookup_keys(Explainer *x, const Expr *e, const ProgPart *part, Value *row, Value *col, const char **grid)
{
    Value k;
    *grid = NULL;
    if (!vm_value(x->vm, part->row, row) || !vm_value(x->vm, part->col, col))
        return false;
    if (part->grid < 0)
        return true;
    if (!vm_value(x->vm, part->grid, &k))
        return false;
    *grid = x->p->schedules[e->ref_index].grid_enum->members[k.i];
    return true;
}

/* A lookup in a schedule that clamps, when it did (the caller's part is
 * left as it is when it did not, or its keys cannot be computed: the
 * error shows where the lookup is used).
 *   salary[step, lane]: step 15, clamped to 13 (the last row); lane MA30: $73,174.00 */
static bool explain_clamp(Explainer *x, const Expr *e, const ProgPart *part, ExplainPart *out)
{
    const Program *p = x->p;
    const ProgSchedule *s = &p->schedules[e->ref_index];
    Value row, col, found;
    const char *grid;
    if (!lookup_keys(x, e, part, &row, &col, &grid))
        return false;
    int64_t last = s->first_row + s->nrows - 1, step = row.num.n;
    if (step >= s->first_row && step <= last)
        return false;
    const ScheduleDecl *decl = &x->c->schedules.v[e->ref_index];
    *out = (ExplainPart){.kind = PART_CLAMP, .source = source_of(x->rq->source, e->at), .row_key = decl->row_dim.s,
                         .col_key = decl->col_dim.s, .grid = grid, .clamped_to = step < s->first_row ? s->first_row : last,
                         .last_row = step > last};
    out->found = node_figure(x, part->whole, &found);
    out->row = shown(x, row, p->nodes[part->row].type);
    out->col = shown(x, col, p->nodes[part->col].type);
    out->range = row_range(x, decl, grid, out->clamped_to);
    return true;
}

/* The printed row range (`12..15`) that holds step key of schedule sd, in
 * the grids of member grid of its third key (NULL: in every grid), or NULL
 * where the step has a row of its own.  The grids of different members may
 * share out their steps differently; a range is named where every year's
 * grid prints the same. */
static const char *row_range(Explainer *x, const ScheduleDecl *sd, const char *grid, int64_t key)
{
    const RowDecl *found = NULL;
    for (int b = 0; b < sd->blocks.n; b++) {
        const GridDecl *g = &sd->blocks.v[b];
        const RowDecl *in = NULL;
        if (!g->rows.n || (grid && g->key.s && strcmp(g->key.s, grid)))
            continue;
        for (int r = 0; r < g->rows.n; r++) {
            const RowDecl *row = &g->rows.v[r];
            if (row->key->kind == E_INT && row->key->num.n <= key && key <= (row->key_to ? row->key_to->num.n : row->key->num.n))
                in = row;
        }
        if (!in || !in->key_to || (found && (found->key->num.n != in->key->num.n || found->key_to->num.n != in->key_to->num.n)))
            return NULL;
        found = in;
    }
    return found ? arena_printf(x->arena, "%lld..%lld", (long long)found->key->num.n, (long long)found->key_to->num.n) : NULL;
}

/* A lookup whose step falls in a printed row range:
 *   salary[step, lane]: step 13, in row 12..15; lane MA30: $73,174.00
 *   extended_pay[step, lane, months]: grid M11; step 4, in row 1..5; lane MA30: $5,000.00 */
static bool explain_range(Explainer *x, const Expr *e, const ProgPart *part, ExplainPart *out)
{
    const Program *p = x->p;
    const ProgSchedule *s = &p->schedules[e->ref_index];
    Value row, col, found;
    const char *grid;
    if (s->row_enum || !lookup_keys(x, e, part, &row, &col, &grid))
        return false;
    const ScheduleDecl *decl = &x->c->schedules.v[e->ref_index];
    const char *range = row_range(x, decl, grid, row.num.n);
    if (!range)
        return false;
    *out = (ExplainPart){.kind = PART_RANGE, .source = source_of(x->rq->source, e->at), .row_key = decl->row_dim.s,
                         .col_key = decl->col_dim.s, .grid = grid, .range = range};
    out->found = node_figure(x, part->whole, &found);
    out->row = shown(x, row, p->nodes[part->row].type);
    out->col = shown(x, col, p->nodes[part->col].type);
    return true;
}

/* A call of a function the contract writes: its arguments and value.
 *   half_hour_pay(minutes, hourly): minutes = 100, rate = $40.00; gives $60.00 */
static ExplainPart explain_call(Explainer *x, const Expr *e, const ProgPart *part)
{
    const FunctionDecl *f = &x->c->functions.v[e->ref_index];
    ExplainPart out = {.kind = PART_CALL, .source = source_of(x->rq->source, e->at), .function = f->name.s};
    for (int i = 0; i < e->nargs; i++) {
        Value v;
        CallArg arg = {f->params.v[i].name.s, node_figure(x, part->args + i, &v)};
        VEC_PUSH(x->arena, out.args, arg);
    }
    Value v;
    out.found = node_figure(x, part->whole, &v);
    return out;
}

/* A lookup that found a cell of a year derived from another:
 *   salary[step, lane]: step 13, lane MA30 in "2025-26" = "2024-25" * 1.03 rounded half up to dollars:
 *     $71,043.00 x 1.03 = $73,174.29, rounded: $73,174.00 */
static bool explain_derived(Explainer *x, const Expr *e, const ProgPart *part, ExplainPart *out)
{
    const Program *p = x->p;
    const ProgSchedule *s = &p->schedules[e->ref_index];
    Value row, col, found;
    if (!vm_value(x->vm, part->row, &row) || !vm_value(x->vm, part->col, &col))
        return false;
    int64_t r = s->row_enum ? row.i : row.num.n - s->first_row;
    if (s->clamp && !s->row_enum)
        r = r < 0 ? 0 : r >= s->nrows ? s->nrows - 1 : r;
    CellOrigin o;
    const Version *v = x->rq->version;
    if (r < 0 || r >= s->nrows || col.i < 0 || col.i >= s->ncols ||
        !schedule_cell_origin(x->m, e->ref_index, p->year, (int)r, (int)col.i, v->ov, v->nov, &o))
        return false;
    const ScheduleDecl *decl = &x->c->schedules.v[e->ref_index];
    Type cell = x->m->schedules[e->ref_index].cell_type;
    *out = (ExplainPart){.kind = PART_DERIVED, .source = source_of(x->rq->source, e->at), .row_key = decl->row_dim.s,
                         .col_key = decl->col_dim.s, .year = p->year_name, .rule = format_year_rule(x->arena, NULL, o.rule),
                         .from = figure(x, (Value){.num = o.source.v}, cell), .rate = figure(x, (Value){.num = o.rate}, (Type){TY_DECIMAL, 0}),
                         .exact = figure(x, (Value){.num = o.exact.v}, cell)};
    out->found = node_figure(x, part->whole, &found);
    out->row = shown(x, row, p->nodes[part->row].type);
    out->col = shown(x, col, p->nodes[part->col].type);
    return true;
}

/* The sums, clamped lookups, derived cells and calls in e, each piece by
 * piece, into parts. */
static void explain_parts(Explainer *x, const Expr *e, ExplainParts *parts)
{
    if (!e)
        return;
    const ProgPart *part = part_of(x->p, e);
    ExplainPart clamp, derived, range;
    if (part && e->kind == E_COMPREH)
        VEC_PUSH(x->arena, *parts, explain_sum(x, e, part));
    else if (part && e->kind == E_CALL)
        VEC_PUSH(x->arena, *parts, explain_call(x, e, part));
    else if (part && explain_clamp(x, e, part, &clamp))
        VEC_PUSH(x->arena, *parts, clamp);
    else if (part && e->kind == E_INDEX && explain_range(x, e, part, &range))
        VEC_PUSH(x->arena, *parts, range);
    if (part && e->kind == E_INDEX && explain_derived(x, e, part, &derived))
        VEC_PUSH(x->arena, *parts, derived);
    explain_parts(x, e->a, parts);
    explain_parts(x, e->b, parts);
    explain_parts(x, e->c, parts);
    for (int i = 0; i < e->nargs; i++)
        explain_parts(x, e->args[i], parts);
}

static ExplainNode *explain_node(Explainer *x, int node);

static const char *date_text(Explainer *x, int64_t day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return arena_printf(x->arena, "%04d-%02d-%02d", y, m, d);
}

/* "97 of 365 days at the year before's figure, 268 from 2025-10-06 at this year's" */
static const char *weights_text(Explainer *x, const EffectiveSplit *s, const EffectiveDate *d, const char *old, const char *now)
{
    return arena_printf(x->arena, "%lld of %lld %s at %s, %lld from %s at %s", (long long)s->before, (long long)s->units,
                        s->periods ? "pay periods" : "days", old, (long long)(s->units - s->before), date_text(x, d->day), now);
}

/* A param's figure in year, as --set or the contract gives it. */
static Figure param_in(const Explainer *x, int param, int year)
{
    const Version *ver = x->rq->version;
    Figure f = x->m->params[param].values[year];
    for (int i = 0; i < ver->nov; i++)
        if (ver->ov[i].param == param)
            f = (Figure){.v = ver->ov[i].years ? ver->ov[i].years[year] : ver->ov[i].value, .blank = false};
    return f;
}

/* A param that changes on a date this year: its weighted figure, and the
 * parts and their weights as its source. */
static const char *param_weighted(Explainer *x, int param, Value *v, bool *blank)
{
    EffectiveSplit s;
    int y = x->p->year;
    const EffectiveDate *d = y > 0 ? effective_in_year(x->c, &x->c->params.v[param].from, y, &s) : NULL;
    if (!d)
        return NULL;
    Type t = x->m->params[param].type;
    Figure old = param_in(x, param, y - 1), now = param_in(x, param, y), f = effective_blend(old, now, &s);
    v->num = f.v;
    *blank = f.blank;
    return arena_printf(x->arena, "param, weighted: %s", weights_text(x, &s, d, shown(x, (Value){.num = old.v}, t),
                                                                      shown(x, (Value){.num = now.v}, t)));
}

/* Where a param's value comes from, and whether it is blank. */
static const char *param_from(const Explainer *x, int param, Value *v, bool *blank)
{
    const Model *m = x->m;
    const Diags *d = x->rq->source;
    const Version *ver = x->rq->version;
    v->num = x->p->params[param].v;
    *blank = x->p->params[param].blank;
    /* the values file is the further source, its spans after the contract's */
    bool from_values = d->nmore > 0 && x->c->params.v[param].values[0]->at.start >= d->len;
    const char *from = *blank ? (m->params[param].computed ? "param, blank: a part of it is not agreed yet" : "param, blank: not agreed yet")
                       : from_values ? "param, from the values file"
                       : m->params[param].computed ? "param, computed from other params"
                       : "param";
    for (int i = 0; i < ver->nov; i++)
        if (ver->ov[i].param == param)
            from = "param, --set";
    return from;
}

/* last_year(x): x explained in the year before, by the VM that computed
 * it there, as a node of its own. */
static ExplainUse explain_last_year(Explainer *x, Use u)
{
    if (!x->p->previous) { /* the first year: what `before the first year:` says */
        const Contract *c = x->c;
        for (int i = 0; i < c->before_first.n; i++)
            if (!strcmp(c->before_first.v[i].name.s, u.name)) {
                Excerpt e = source_of(x->rq->source, c->before_first.v[i].expr->at);
                return (ExplainUse){.kind = USE_PARAM, .name = arena_printf(x->arena, "last_year(%s)", u.name),
                                    .value = {.ok = true, .shown = arena_strndup(x->arena, e.s, (size_t)e.len)},
                                    .from = "the first contract year: as `before the first year:` says"};
            }
    }
    Explainer before = *x;
    before.p = x->p->previous;
    before.vm = vm_last_year(x->vm);
    before.shown = arena_alloc(x->arena, (size_t)before.p->nnodes + 1);
    ExplainNode *n = explain_node(&before, u.index);
    n->name = arena_printf(x->arena, "last_year(%s) in %s", u.name, before.p->year_name);
    return (ExplainUse){.kind = USE_NODE, .node = n};
}

/* A schedule or table whose figures change on a date this year: the
 * weights of the year before's figures and this year's (name NULL if they
 * do not change). */
static ExplainUse explain_weighted_lookup(Explainer *x, Use u)
{
    const Contract *c = x->c;
    int y = x->p->year;
    EffectiveSplit s;
    const EffectiveDate *d = NULL;
    if (y > 0 && u.ref == REF_TABLE)
        d = effective_in_year(c, &c->tables.v[u.index].from, y, &s);
    for (int b = 0; y > 0 && u.ref == REF_SCHEDULE && !d && b < c->schedules.v[u.index].blocks.n; b++) {
        const GridDecl *g = &c->schedules.v[u.index].blocks.v[b];
        if (g->year && find_year(x->m, g->year) == y)
            d = effective_in_year(c, &g->from, y, &s);
    }
    if (!d)
        return (ExplainUse){.kind = USE_FIELD};
    const char *old = arena_printf(x->arena, "%s's figures", c->years.v[y - 1].s), *now = arena_printf(x->arena, "%s's", c->years.v[y].s);
    return (ExplainUse){.kind = USE_PARAM, .name = u.name, .value = {.ok = true, .shown = "weighted by date"},
                        .from = arena_printf(x->arena, "%s, weighted: %s", u.ref == REF_TABLE ? "table" : "schedule",
                                             weights_text(x, &s, d, old, now))};
}

/* An input: a field from the roster or a param; definitions and
 * components are nodes of their own. */
static ExplainUse explain_use(Explainer *x, Use u)
{
    if (u.ref == REF_DEF || u.ref == REF_COMPONENT)
        return (ExplainUse){.kind = USE_NODE, .node = explain_node(x, u.ref == REF_DEF ? u.index : x->c->defs.n + u.index)};
    if (u.ref == REF_LAST_YEAR)
        return explain_last_year(x, u);
    if (u.ref == REF_SCHEDULE || u.ref == REF_TABLE)
        return explain_weighted_lookup(x, u);
    ExplainUse in = {.kind = u.ref == REF_FIELD ? USE_FIELD : USE_PARAM, .name = u.name, .from = "roster"};
    Type t;
    Value v = {0};
    if (u.ref == REF_FIELD) {
        t = x->m->fields[u.index].type;
        v = x->record[u.index];
    } else {
        t = x->m->params[u.index].type;
        in.from = param_from(x, u.index, &v, &in.blank);
        const char *weighted = param_weighted(x, u.index, &v, &in.blank);
        in.from = weighted ? weighted : in.from;
    }
    in.value = figure(x, v, t);
    char pct[FORMAT_MAX];
    size_t n;
    if (u.ref == REF_PARAM && x->m->params[u.index].percent && (n = format_percent(v.num, pct, sizeof pct)))
        in.value.shown = arena_strndup(x->arena, pct, n); /* raise = 3%, as the contract writes it */
    if (in.blank)
        in.value = (Shown){.ok = true, .shown = t.kind == TY_MONEY ? "$___" : "___"};
    else if (t.kind == TY_LIST && v.list.len == 0)
        in.value.shown = "(none)";
    else if (t.kind == TY_RECORDS) { /* the file --records gave */
        in.value.shown = arena_printf(x->arena, "%u record%s", v.recs.len, v.recs.len == 1 ? "" : "s");
        in.from = "records file";
    }
    return in;
}

/* The first `and`-ed part of a rule's condition that is not met. */
static Excerpt failed_part(Explainer *x, const ProgRule *rule)
{
    for (int i = 0; i < rule->nconditions; i++) {
        Value c;
        const ProgNode *part = &x->p->nodes[rule->first_condition + i];
        if (vm_value(x->vm, rule->first_condition + i, &c) && !c.i)
            return source_of(x->rq->source, (Span){part->src_start, part->src_end});
    }
    return (Excerpt){0};
}

static ExplainRule explain_rule(Explainer *x, int ci, int r)
{
    const Program *p = x->p;
    const ProgRule *rule = &p->rules[r];
    const ComponentDecl *cd = &x->c->components.v[ci];
    const RuleDecl *decl = &x->c->rules.v[cd->rules.v[rule->number - 1]];
    Value v;
    ExplainRule out = {.component = p->components[ci].name, .label = rule->label, .number = rule->number, .cite = rule->cite};
    out.applied = vm_rule_fired(x->vm, r);
    out.amount = node_figure(x, rule->amount_node, &v);
    if (decl->when)
        out.condition = source_of(x->rq->source, decl->when->at);
    if (!out.applied)
        out.failed = failed_part(x, rule);
    else
        explain_parts(x, decl->amount, &out.parts);
    return out;
}

static const char *policy_text(Policy policy)
{
    return policy == POLICY_AT_MOST_ONE ? "at most one" : policy == POLICY_EXACTLY_ONE ? "exactly one" : "every rule that applies";
}

/* A definition: its formula and parts.  A component: its rules. */
static void explain_body(Explainer *x, ExplainNode *n, int node)
{
    const Contract *c = x->c;
    if (!n->component) {
        const Expr *e = c->defs.v[node].expr;
        n->formula = source_of(x->rq->source, e->at);
        explain_parts(x, e, &n->parts);
        return;
    }
    int ci = node - c->defs.n;
    const ProgComponent *comp = &x->p->components[ci];
    n->policy = policy_text(c->components.v[ci].policy);
    for (int r = comp->first_rule; r < comp->first_rule + comp->nrules; r++)
        VEC_PUSH(x->arena, n->rules, explain_rule(x, ci, r));
}

static ExplainNode *explain_node(Explainer *x, int node)
{
    const Contract *c = x->c;
    const ProgNode *pn = &x->p->nodes[node];
    ExplainNode *n = arena_alloc(x->arena, sizeof *n);
    Value v;
    *n = (ExplainNode){.name = pn->name, .kind = pn->kind, .cite = pn->cite, .component = node >= c->defs.n};
    n->value = node_figure(x, node, &v);
    n->again = x->shown[node];
    x->shown[node] = true;
    if (n->again)
        return n;
    Use uses[MAX_USES];
    int nuses = 0;
    if (!n->component) {
        collect_uses(c, c->defs.v[node].expr, uses, &nuses);
    } else {
        const ComponentDecl *comp = &c->components.v[node - c->defs.n];
        for (int i = 0; i < comp->rules.n; i++) {
            collect_uses(c, c->rules.v[comp->rules.v[i]].when, uses, &nuses);
            collect_uses(c, c->rules.v[comp->rules.v[i]].amount, uses, &nuses);
        }
    }
    explain_body(x, n, node);
    for (int i = 0; i < nuses; i++) {
        ExplainUse use = explain_use(x, uses[i]);
        if (use.kind != USE_FIELD || use.name) /* a lookup not weighted by date says nothing */
            VEC_PUSH(x->arena, n->uses, use);
    }
    return n;
}

/* The outputs: definitions and components explained, and roster values
 * but the id. */
static void explain_outputs(Explainer *x, Explanation *out)
{
    const Program *p = x->p;
    for (int i = 0; i < p->noutputs; i++) {
        const ProgOutput *o = &p->outputs[i];
        if (o->kind == OUT_NODE)
            VEC_PUSH(&out->arena, out->outputs, ((ExplainOutput){.node = explain_node(x, o->index), .name = o->name}));
        else if (o->kind == OUT_FIELD && o->index != p->id_field)
            VEC_PUSH(&out->arena, out->outputs, ((ExplainOutput){.name = o->name, .shown = shown(x, x->record[o->index], o->type)}));
    }
}

/* ---- finding the employee ---- */

static bool has_id(const Program *p, const Value *record, const char *id)
{
    Value v = record[p->id_field];
    return v.text.len == strlen(id) && !memcmp(v.text.p, id, v.text.len);
}

/* The records of v and their texts, copied into one block, which v then
 * points into. */
static char *keep_records(const RecordSchema *rs, Value *v)
{
    size_t nvalues = (size_t)v->recs.len * v->recs.width, text = 0;
    for (size_t i = 0; i < nvalues; i++)
        if (rs->fields[i % v->recs.width].type.kind == TY_TEXT)
            text += v->recs.rows[i].text.len;
    Value *rows = xmalloc(nvalues * sizeof(Value) + text + 1);
    char *t = (char *)(rows + nvalues);
    for (size_t i = 0; i < nvalues; i++) {
        rows[i] = v->recs.rows[i];
        if (rs->fields[i % v->recs.width].type.kind == TY_TEXT) {
            if (rows[i].text.len)
                memcpy(t, rows[i].text.p, rows[i].text.len);
            rows[i].text.p = t;
            t += rows[i].text.len;
        }
    }
    v->recs.rows = rows;
    return (char *)rows;
}

/* Copies the texts and lists of record, which point into the roster
 * reader's buffers, so that it outlives the next row read; the copies,
 * one per field (NULL for the others), to free. */
static char **keep_record(const Program *p, Value *record)
{
    int n = p->schema->nfields;
    char **copies = xcalloc((size_t)n + 1, sizeof *copies);
    for (int f = 0; f < n; f++) {
        TypeKind k = p->schema->fields[f].type.kind;
        if (k == TY_RECORDS) {
            copies[f] = keep_records(p->schema->fields[f].rows, &record[f]);
            continue;
        }
        size_t size = k == TY_LIST ? record[f].list.len * sizeof(int32_t) : k == TY_TEXT ? record[f].text.len : 0;
        if (k != TY_LIST && k != TY_TEXT)
            continue;
        copies[f] = xmalloc(size + 1);
        if (size)
            memcpy(copies[f], k == TY_LIST ? (const void *)record[f].list.items : record[f].text.p, size);
        if (k == TY_LIST)
            record[f].list.items = (const int32_t *)(void *)copies[f];
        else
            record[f].text.p = copies[f];
    }
    return copies;
}

static void free_record(const Program *p, char **copies)
{
    for (int f = 0; copies && f < p->schema->nfields; f++)
        free(copies[f]);
    free(copies);
}

/* The next row with id, read on from the current one: 0 if there is none
 * (a bad row ends the search). */
static long another_row(const Program *p, Roster *r, const char *id)
{
    Value *later = xcalloc((size_t)p->schema->nfields + 1, sizeof(Value));
    char err[1024];
    long again = 0;
    if (!later)
        abort();
    while (!again && roster_next(r, later, err, sizeof err) == 1)
        if (has_id(p, later, id))
            again = roster_row(r);
    free(later);
    return again;
}

/* Reads the roster to the row with the employee's id, into record, and
 * on to its end, to be sure no other row has the id; the copies
 * keep_record made, or NULL with e filled. */
static char **find_employee(const ExplainRequest *rq, const Program *p, Value *record, long *row, long *line, EngineError *e)
{
    OpenRoster in;
    if (!roster_source_open(&rq->roster, p->schema, &in, e))
        return NULL;
    int got;
    char err[sizeof e->text];
    while ((got = roster_next(in.r, record, err, sizeof err)) == 1 && !has_id(p, record, rq->id))
        ;
    *row = roster_row(in.r);
    *line = roster_line(in.r);
    const char *field = p->schema->fields[p->id_field].name;
    char **copies = got == 1 ? keep_record(p, record) : NULL; /* before the reader reads on */
    long again = got == 1 ? another_row(p, in.r, rq->id) : 0;
    if (got < 0) {
        *e = (EngineError){.kind = FAIL_ROSTER, .roster = rq->roster.path};
        memcpy(e->text, err, sizeof e->text);
    } else if (got == 0) {
        *e = (EngineError){.kind = FAIL_NO_EMPLOYEE, .roster = rq->roster.path, .name = field, .id = rq->id};
    } else if (again) {
        *e = (EngineError){.kind = FAIL_TWO_ROWS, .roster = rq->roster.path, .name = field, .id = rq->id, .row = *row,
                           .line = *line, .next_row = again, .next_line = roster_line(in.r)};
        free_record(p, copies);
        copies = NULL;
    }
    roster_source_close(&in);
    return copies;
}

/* The row as eval computes it: NULL if it succeeds, else the error. */
static const char *row_error(Explainer *x, Arena *arena)
{
    char error[512];
    vm_begin(x->vm, x->record);
    if (vm_outputs(x->vm))
        return NULL;
    snprintf(error, sizeof error, "%s", vm_error(x->vm));
    return arena_strndup(arena, error, strlen(error));
}

bool explain_employee(const ExplainRequest *rq, Explanation *out, EngineError *e)
{
    const Version *ver = rq->version;
    *out = (Explanation){0};
    if (ver->m->id_field < 0) {
        *e = (EngineError){.kind = FAIL_NO_ID_FIELD, .version = ver};
        return false;
    }
    const Program *p = compile_explained(ver->m, rq->year, ver->ov, ver->nov);
    Value *record = xcalloc((size_t)p->schema->nfields + 1, sizeof(Value));
    char **copies = find_employee(rq, p, record, &out->row, &out->line, e);
    if (copies) {
        Explainer x = {.rq = rq, .m = ver->m, .c = ver->m->ast, .p = p, .vm = vm_new(p), .record = record, .arena = &out->arena};
        x.shown = xcalloc((size_t)p->nnodes + 1, sizeof(bool));
        out->id_field = p->schema->fields[p->id_field].name;
        out->id = rq->id;
        out->year = p->year_name;
        out->error = row_error(&x, &out->arena);
        vm_begin(x.vm, record);
        explain_outputs(&x, out);
        free(x.shown);
        vm_free(x.vm);
    }
    free_record(p, copies);
    free(record);
    return copies != NULL;
}

void explanation_free(Explanation *x)
{
    arena_free(&x->arena);
    *x = (Explanation){0};
}
