/* examples.c: an `example` made ready in a contract year, the value of a
 * name in it, and its expects compared with what the contract computes
 * (examples.h). */
#include "examples.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"

/* The value of a constant an example writes (the checker made sure it is
 * one); a list's members go in arena. */
Value example_constant(Arena *arena, const Expr *e)
{
    Value v = {0};
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        v.num = e->num;
        break;
    case E_NEG:
        v.num = rat_neg(e->a->num);
        break;
    case E_BOOL: case E_DATE:
        v.i = e->num.n;
        break;
    case E_TEXT:
        v.text.p = e->name;
        v.text.len = (uint32_t)strlen(e->name);
        break;
    case E_NAME:
        v.i = e->ref_index;
        break;
    case E_SET: {
        int32_t *items = arena_alloc(arena, sizeof(int32_t) * (size_t)(e->nargs + 1));
        for (int i = 0; i < e->nargs; i++)
            items[i] = e->args[i]->ref_index;
        v.list.items = items;
        v.list.len = (uint32_t)e->nargs;
        break;
    }
    default:
        break;
    }
    return v;
}

Value example_field(Arena *arena, const Model *m, int f, const Expr *e)
{
    if (m->fields[f].type.kind != TY_RECORDS)
        return example_constant(arena, e);
    const RecordSchema *rs = m->fields[f].rows;
    size_t width = (size_t)rs->nfields;
    Value *rows = arena_alloc(arena, sizeof(Value) * (width * (size_t)e->nargs + 1));
    for (int i = 0; i < e->nargs; i++) {
        Value *row = rows + (size_t)i * width;
        row[0] = (Value){.text = {"", 0}};
        for (size_t j = 1; j < width; j++)
            row[j] = example_default(&rs->fields[j]);
        for (int j = 0; j < e->args[i]->nargs; j++) {
            const Expr *set = e->args[i]->args[j];
            row[set->a->ref_index] = example_constant(arena, set->b);
        }
    }
    return (Value){.recs = {rows, (uint32_t)e->nargs, (uint32_t)width}};
}

/* A field an example does not give. */
Value example_default(const FieldDef *f)
{
    if (f->has_default)
        return f->deflt;
    Value v = {0};
    if (f->type.kind == TY_INTEGER || f->type.kind == TY_DECIMAL || f->type.kind == TY_MONEY)
        v.num = rat_int(f->has_range ? f->lo : 0);
    if (f->type.kind == TY_TEXT)
        v.text.p = "";
    return v;
}

static int param_named(const Contract *c, const char *name)
{
    for (int k = 0; k < c->params.n; k++)
        if (!strcmp(c->params.v[k].name.s, name))
            return k;
    return -1;
}

/* The record and the params the example gives. */
static void give(ExampleRun *run)
{
    const Model *m = run->m;
    const Contract *c = m->ast;
    run->record = xcalloc(1, sizeof(Value) * ((size_t)m->schema.nfields + 1));
    run->ov = xcalloc(1, sizeof(Override) * ((size_t)run->ex->given.n + 1));
    for (int i = 0; i < m->schema.nfields; i++)
        run->record[i] = example_default(&m->fields[i]);
    for (int i = 0; i < run->ex->given.n; i++) {
        const Binding *b = &run->ex->given.v[i];
        for (int f = 0; f < m->schema.nfields; f++)
            if (!strcmp(m->fields[f].name, b->name.s))
                run->record[f] = example_field(&run->arena, m, f, b->expr);
        for (int p = 0; p < c->params.n; p++)
            if (!strcmp(c->params.v[p].name.s, b->name.s))
                run->ov[run->nov++] = (Override){.param = p, .value = m->params[p].type.kind == TY_BOOL
                                                                      ? rat_int(example_constant(&run->arena, b->expr).i)
                                                                      : example_constant(&run->arena, b->expr).num};
    }
}

/* The example made ready in year; its Program with coverage probes if covered. */
static void begin(const Model *m, const ExampleDecl *ex, int year, bool covered, ExampleRun *run)
{
    *run = (ExampleRun){.m = m, .ex = ex, .year = year};
    give(run);
    /* the definitions and components it gives are constants of its program,
     * so nothing folded from them keeps the contract's own value */
    Given *given = xcalloc(1, sizeof(Given) * ((size_t)ex->given.n + 1));
    int ngiven = 0;
    for (int i = 0; i < ex->given.n; i++) {
        int node = model_node_named(m, ex->given.v[i].name.s);
        if (node >= 0)
            given[ngiven++] = (Given){node, example_constant(&run->arena, ex->given.v[i].expr)};
    }
    run->p = covered ? compile_covered(m, year, run->ov, run->nov, given, ngiven)
                     : compile_example(m, year, run->ov, run->nov, given, ngiven);
    free(given);
    run->vm = vm_new(run->p);
    vm_begin(run->vm, run->record);
}

void example_begin(const Model *m, const ExampleDecl *ex, int year, ExampleRun *run)
{
    begin(m, ex, year, false, run);
}

void example_end(ExampleRun *run)
{
    vm_free(run->vm);
    free(run->record);
    free(run->ov);
    arena_free(&run->arena);
    *run = (ExampleRun){0};
}

bool example_value(ExampleRun *run, const char *name, Value *v, Type *t, const char **error)
{
    const Model *m = run->m;
    *error = NULL;
    int node = model_node_named(m, name);
    if (node >= 0) {
        *t = run->p->nodes[node].type;
        if (vm_value(run->vm, node, v))
            return true;
        *error = vm_error(run->vm);
        return false;
    }
    bool found = false;
    for (int f = 0; f < m->schema.nfields; f++)
        if (!strcmp(m->fields[f].name, name)) {
            *v = run->record[f];
            *t = m->fields[f].type;
            found = true;
        }
    int k = param_named(m->ast, name);
    if (k >= 0) {
        *v = (Value){.num = run->p->params[k].v};
        *t = m->params[k].type;
        found = true;
    }
    return found;
}

/* Decimal places written in the source of a literal: 0.333 has 3. */
static int written_places(const Diags *d, const Expr *e)
{
    int places = 0;
    bool after = false;
    for (uint32_t i = e->at.start; i < e->at.end && i < d->len; i++) {
        if (d->src[i] == '.')
            after = true;
        else if (after && d->src[i] >= '0' && d->src[i] <= '9')
            places++;
    }
    return e->percent ? places + 2 : places; /* 33.33% is 0.3333 */
}

/* Whether actual is expected, to places (examples.h) for a number. */
static bool same(const Program *p, Type t, int places, Value expected, Value actual)
{
    switch (t.kind) {
    case TY_MONEY: {
        Rat a, b;
        if (rat_round(actual.num, places, p->rounding, &a) != RAT_OK || rat_round(expected.num, places, p->rounding, &b) != RAT_OK)
            return false;
        return rat_eq(a, b);
    }
    case TY_INTEGER:
    case TY_DECIMAL: {
        Rat a;
        if (rat_is_int(actual.num) || rat_eq(actual.num, expected.num))
            return rat_eq(actual.num, expected.num);
        return rat_round(actual.num, places, p->rounding, &a) == RAT_OK && rat_eq(a, expected.num);
    }
    case TY_TEXT:
        return actual.text.len == expected.text.len && !memcmp(actual.text.p, expected.text.p, actual.text.len);
    case TY_LIST:
        if (actual.list.len != expected.list.len)
            return false;
        for (uint32_t i = 0; i < actual.list.len; i++)
            if (actual.list.items[i] != expected.list.items[i])
                return false;
        return true;
    default:
        return actual.i == expected.i;
    }
}

/* v as shown, in FORMAT_MAX bytes at most ("" if it does not fit), as
 * every message of `terms test` shows it. */
static char *shown(const Program *p, Type t, Value v)
{
    char buf[FORMAT_MAX];
    size_t n = format_display(v, t, p->enums, buf, sizeof buf - 1);
    buf[n] = '\0';
    return strcpy(xcalloc(1, n + 1), buf);
}

/* The value of a call the example expects (`expect half_hours(90) = 1`). */
static bool expected_call(ExampleRun *run, const Binding *b, Value *v, Type *t, const char **error)
{
    int node = run->p->expect_calls + b->call_node;
    *t = run->p->nodes[node].type;
    *error = NULL;
    if (vm_value(run->vm, node, v))
        return true;
    *error = vm_error(run->vm);
    return false;
}

/* One expect, against the run. */
static ExpectResult check_expect(ExampleRun *run, const Diags *source, const Binding *b)
{
    ExpectResult r = {.expect = b};
    Value expected = example_constant(&run->arena, b->expr), actual = {0};
    Type t = b->expr->type;
    const char *error;
    r.computed = (b->call ? expected_call(run, b, &actual, &t, &error) : example_value(run, b->name.s, &actual, &t, &error)) || !error;
    r.places = t.kind == TY_INTEGER || t.kind == TY_DECIMAL ? written_places(source, b->expr) : -1;
    if (t.kind == TY_MONEY) /* $29.9592 is compared to 4 places, never silently to the cent */
        r.places = written_places(source, b->expr) > 2 ? written_places(source, b->expr) : 2;
    r.expected = shown(run->p, t.kind == TY_MONEY ? money_shown_to(r.places) : t, expected); /* as written: $24.89, $24.6501 */
    r.passed = r.computed && same(run->p, t, r.places, expected, actual);
    r.actual = r.computed ? shown(run->p, t, actual) : strcpy(xcalloc(1, strlen(error) + 1), error);
    return r;
}

int example_check(const Model *m, const Diags *source, const ExampleDecl *ex, int year, ExampleResult *out)
{
    return example_check_covered(m, source, ex, year, NULL, out);
}

int example_check_covered(const Model *m, const Diags *source, const ExampleDecl *ex, int year, Coverage *cv, ExampleResult *out)
{
    ExampleRun run;
    begin(m, ex, year, cv != NULL, &run);
    *out = (ExampleResult){.year = year, .year_name = run.p->year_name};
    out->expects = xcalloc(1, sizeof(ExpectResult) * ((size_t)ex->expect.n + 1));
    for (int i = 0; i < ex->expect.n; i++) {
        const Binding *b = &ex->expect.v[i];
        if (b->year && find_year(m, b->year) != year)
            continue;
        ExpectResult *r = &out->expects[out->nexpects++];
        *r = check_expect(&run, source, b);
        out->failed += !r->passed;
    }
    if (cv)
        coverage_add(cv, run.p, vm_counts(run.vm));
    example_end(&run);
    return out->failed;
}

void example_result_free(ExampleResult *r)
{
    for (int i = 0; i < r->nexpects; i++) {
        free(r->expects[i].expected);
        free(r->expects[i].actual);
    }
    free(r->expects);
    *r = (ExampleResult){0};
}
