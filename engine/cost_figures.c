/* cost_figures.c: the standard costing figures (cost_figures.h). */
#include "cost_figures.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* What a walk for a schedule lookup carries. */
typedef struct {
    const Contract *ast;
    const int *line_node;
    int nlines;
    bool *seen;             /* [defs.n + components.n]: nodes walked already */
} Walk;

static bool node_reaches(Walk *w, int node);

static bool is_line(const Walk *w, int node)
{
    for (int i = 0; i < w->nlines; i++)
        if (w->line_node[i] == node)
            return true;
    return false;
}

/* Whether e looks up a schedule, or reads a definition or component (not
 * a line) or calls a function that does. */
static bool reaches(Walk *w, const Expr *e)
{
    if (!e)
        return false;
    if (e->kind == E_INDEX && e->ref == REF_SCHEDULE)
        return true;
    if ((e->kind == E_NAME || e->kind == E_CALL) && (e->ref == REF_DEF || e->ref == REF_COMPONENT)) {
        int node = e->ref == REF_DEF ? e->ref_index : w->ast->defs.n + e->ref_index;
        if (!is_line(w, node) && node_reaches(w, node))
            return true;
    }
    if (e->kind == E_CALL && (e->ref == REF_LAST_YEAR || e->ref == REF_RETRO) && !is_line(w, e->ref_index) &&
        node_reaches(w, e->ref_index))
        return true;
    if (e->kind == E_CALL && e->ref == REF_FUNCTION && reaches(w, w->ast->functions.v[e->ref_index].body))
        return true;
    if (reaches(w, e->a) || reaches(w, e->b) || reaches(w, e->c))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (reaches(w, e->args[i]))
            return true;
    return false;
}

/* A definition's expression, or a component's rules. */
static bool node_reaches(Walk *w, int node)
{
    const Contract *ast = w->ast;
    if (node < 0 || node >= ast->defs.n + ast->components.n || w->seen[node])
        return false;
    w->seen[node] = true;
    if (node < ast->defs.n)
        return reaches(w, ast->defs.v[node].expr);
    const ComponentDecl *comp = &ast->components.v[node - ast->defs.n];
    for (int i = 0; i < comp->rules.n; i++) {
        const RuleDecl *r = &ast->rules.v[comp->rules.v[i]];
        if (reaches(w, r->when) || reaches(w, r->amount))
            return true;
    }
    return false;
}

bool cost_looks_up_schedule(const Contract *ast, int node, const int *line_node, int nlines)
{
    Walk w = {ast, line_node, nlines, xcalloc((size_t)(ast->defs.n + ast->components.n) + 1, sizeof(bool))};
    bool found = node_reaches(&w, node);
    free(w.seen);
    return found;
}

/* The one-time lines' sum in year y. */
static Rat one_time(const Costing *c, int y)
{
    return c->has_one_time ? c->one_time[y] : rat_int(0);
}

bool cost_increase(const Costing *c, int y, CostIncrease *out)
{
    const CostLine *t = &c->lines[c->total_line];
    *out = (CostIncrease){.movement = c->movement[y], .terms = c->schedule[y], .schedule = rat_int(0)};
    for (int i = 0; i < c->nlines; i++) {
        Rat d;
        if (i == c->total_line || !c->lines[i].schedule)
            continue;
        if (rat_sub(c->lines[i].stayed[y], c->lines[i].sum[y - 1], &d) != RAT_OK ||
            rat_add(out->schedule, d, &out->schedule) != RAT_OK)
            return false;
    }
    Rat once;
    return rat_sub(t->sum[y], t->sum[y - 1], &out->increase) == RAT_OK &&
           rat_sub(out->terms, out->schedule, &out->other) == RAT_OK &&
           rat_sub(one_time(c, y), one_time(c, y - 1), &once) == RAT_OK &&
           rat_sub(out->increase, once, &out->recurring) == RAT_OK;
}

bool cost_per_hour(const Costing *c, int y, Rat *out)
{
    return c->has_hours && !rat_is_zero(c->hours[y]) &&
           rat_div(c->lines[c->total_line].sum[y], c->hours[y], out) == RAT_OK;
}

bool cost_loading(const Costing *c, CostLoading *out)
{
    int n = c->nyears;
    if (n < 3)
        return false;
    const Rat *t = c->lines[c->total_line].sum;
    Rat d, halves;
    *out = (CostLoading){.term = rat_int(0)};
    for (int y = 1; y < n; y++)
        if (rat_sub(t[y], t[0], &d) != RAT_OK || rat_add(out->term, d, &out->term) != RAT_OK)
            return false;
    return rat_sub(t[n - 1], t[0], &d) == RAT_OK && rat_div(rat_int(n), rat_int(2), &halves) == RAT_OK &&
           rat_mul(d, halves, &out->even) == RAT_OK && rat_sub(out->term, out->even, &out->loading) == RAT_OK;
}

static int field_named(const RecordSchema *s, const char *name)
{
    for (int i = 0; i < s->nfields; i++)
        if (!strcmp(s->fields[i].name, name))
            return i;
    return -1;
}

bool cost_count_find(const Model *m, const Program *p0, const char *name, CostCount *k)
{
    k->node = model_node_named(m, name);
    k->field = k->node < 0 ? field_named(p0->schema, name) : -1;
    TypeKind kind = k->node >= 0    ? p0->nodes[k->node].type.kind
                    : k->field >= 0 ? p0->schema->fields[k->field].type.kind
                                    : TY_ERROR;
    if (kind == TY_DECIMAL || kind == TY_INTEGER)
        return true;
    *k = (CostCount){-1, -1};
    return false;
}

bool cost_count_on(const CostCount *k)
{
    return k->node >= 0 || k->field >= 0;
}

bool cost_count_value(const CostCount *k, VM *vm, const Value *record, Rat *out)
{
    Value v;
    if (k->field >= 0) {
        *out = record[k->field].num;
        return true;
    }
    if (!vm_value(vm, k->node, &v))
        return false;
    *out = v.num;
    return true;
}

const char *cost_default_hours(const Model *m)
{
    const char *name = "hours_worked";
    if (model_node_named(m, name) >= 0 || field_named(&m->schema, name) >= 0)
        return name;
    return NULL;
}

bool cost_turnover_field(const RecordSchema *schema, const CostTurnover *t, int *index, int64_t *top)
{
    int i = field_named(schema, t->field);
    if (i < 0 || schema->fields[i].type.kind != TY_INTEGER || !schema->fields[i].has_range)
        return false;
    const FieldDef *f = &schema->fields[i];
    *index = i;
    *top = f->hi;
    return t->hire >= f->lo && t->hire <= f->hi && t->leavers >= 0;
}

void cost_turnover_apply(const CostTurnover *t, int index, int64_t top, const Value *before, Value *record, Costing *c, int y)
{
    if (!rat_eq(before[index].num, rat_int(top)))
        return;
    c->at_top[y]++;
    if (c->turnover_count[y] >= t->leavers)
        return;
    c->turnover_count[y]++;
    record[index].num = rat_int(t->hire);
}
