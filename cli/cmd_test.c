/* terms test FILE... : runs every contract's `example` blocks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "vm.h"

static const char usage[] =
    "usage: terms test FILE.terms... [--values FILE]\n\n"
    "Runs the `example` blocks of each contract: every `expect` is checked in\n"
    "the year it names, or in every contract year if it names none.  Money is\n"
    "compared to the cent; a decimal to as many places as the example writes.\n"
    "Prints each failure with the expected and actual values; exits 1 if any fails.\n";

/* The value of a constant an example writes (the checker made sure it is one). */
static Value constant(Contract *c, const Expr *e)
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
        int32_t *items = arena_alloc(&c->arena, sizeof(int32_t) * (size_t)(e->nargs + 1));
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

static Value default_value(const FieldDef *f)
{
    Value v = {0};
    if (f->type.kind == TY_INTEGER || f->type.kind == TY_DECIMAL || f->type.kind == TY_MONEY)
        v.num = rat_int(f->has_range ? f->lo : 0);
    if (f->type.kind == TY_TEXT)
        v.text.p = "";
    return v;
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
    return places;
}

static bool same(const Program *p, const Diags *d, const Expr *expected_expr, Type t, Value expected, Value actual)
{
    switch (t.kind) {
    case TY_MONEY: {
        Rat a, b;
        if (rat_round(actual.num, 2, p->rounding, &a) != RAT_OK || rat_round(expected.num, 2, p->rounding, &b) != RAT_OK)
            return false;
        return rat_eq(a, b);
    }
    case TY_INTEGER:
    case TY_DECIMAL: {
        Rat a;
        if (rat_is_int(actual.num) || rat_eq(actual.num, expected.num))
            return rat_eq(actual.num, expected.num);
        return rat_round(actual.num, written_places(d, expected_expr), p->rounding, &a) == RAT_OK && rat_eq(a, expected.num);
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

static void show(const Program *p, Type t, Value v, char *buf, size_t cap)
{
    size_t n = format_display(v, t, p->enums, buf, cap - 1);
    buf[n] = '\0';
}

/* Runs one example in one year; returns the number of failed expectations. */
static int run_example(Loaded *l, ExampleDecl *ex, int year)
{
    const Model *m = &l->m;
    Contract *c = l->c;
    Override *ov = arena_alloc(&c->arena, sizeof *ov * (size_t)(ex->given.n + 1));
    Given *given = arena_alloc(&c->arena, sizeof *given * (size_t)(ex->given.n + 1));
    int nov = 0, ngiven = 0;
    Value *record = calloc((size_t)m->schema.nfields + 1, sizeof(Value));
    for (int i = 0; i < m->schema.nfields; i++)
        record[i] = default_value(&m->fields[i]);
    for (int i = 0; i < ex->given.n; i++) {
        Binding *b = &ex->given.v[i];
        for (int f = 0; f < m->schema.nfields; f++)
            if (!strcmp(m->fields[f].name, b->name.s))
                record[f] = constant(c, b->expr);
        for (int p = 0; p < c->params.n; p++)
            if (!strcmp(c->params.v[p].name.s, b->name.s))
                ov[nov++] = (Override){.param = p, .value = constant(c, b->expr).num};
        int node = model_node_named(m, b->name.s);
        if (node >= 0)
            given[ngiven++] = (Given){node, constant(c, b->expr)};
    }
    Program *p = compile_example(m, year, ov, nov, given, ngiven);
    VM *vm = vm_new(p);
    vm_begin(vm, record);
    int failed = 0;
    for (int i = 0; i < ex->expect.n; i++) {
        Binding *b = &ex->expect.v[i];
        if (b->year && find_year(m, b->year) != year)
            continue;
        Value expected = constant(c, b->expr), actual = {0};
        Type t = b->expr->type;
        bool ok = true;
        const char *error = NULL;
        int node = model_node_named(m, b->name.s);
        if (node >= 0) {
            ok = vm_value(vm, node, &actual);
            if (!ok)
                error = vm_error(vm);
            t = p->nodes[node].type;
        } else {
            for (int f = 0; f < m->schema.nfields; f++)
                if (!strcmp(m->fields[f].name, b->name.s))
                    actual = record[f], t = m->fields[f].type;
            for (int k = 0; k < c->params.n; k++)
                if (!strcmp(c->params.v[k].name.s, b->name.s)) {
                    const Cell *cell = &m->params[k].values[year];
                    actual.num = cell->v;
                    t = m->params[k].type;
                    for (int o = 0; o < nov; o++)
                        if (ov[o].param == k)
                            actual.num = ov[o].value;
                }
        }
        int line, col;
        diag_line_col(&l->d, b->name.at.start, &line, &col);
        char want[FORMAT_MAX], got[FORMAT_MAX];
        show(p, t, expected, want, sizeof want);
        const char *in_year = c->years.n ? arena_printf(&c->arena, " in \"%s\"", p->year_name) : "";
        if (!ok) {
            printf("%s:%d:%d: FAIL example \"%s\": %s%s: %s (expected %s)\n", l->d.path, line, col, ex->title, b->name.s,
                   in_year, error, want);
            failed++;
        } else if (!same(p, &l->d, b->expr, t, expected, actual)) {
            show(p, t, actual, got, sizeof got);
            printf("%s:%d:%d: FAIL example \"%s\": %s%s is %s, expected %s\n", l->d.path, line, col, ex->title, b->name.s,
                   in_year, got, want);
            failed++;
        }
    }
    vm_free(vm);
    free(record);
    return failed;
}

int cmd_test(int argc, char **argv)
{
    static const struct option opts[] = {{"values", required_argument, 0, 'v'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *values = NULL;
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (ch == 'v') {
            values = optarg;
            continue;
        }
        if (ch == 'h') {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        return usage_error("test", "unknown option or missing value: `%s`", argv[optind - 1]);
    }
    if (optind >= argc)
        return usage_error("test", "give one or more contract files");
    int passed = 0, failed = 0;
    bool broken = false;
    for (int a = optind; a < argc; a++) {
        Loaded l;
        load_contract(argv[a], (LoadOptions){.quiet_warnings = true, .values = values}, &l);
        if (!l.ok) {
            if (l.c)
                fprintf(stderr, "%s: %d error%s; its examples were not run\n", l.d.path, l.d.errors, l.d.errors == 1 ? "" : "s");
            broken = true;
            unload_contract(&l);
            continue;
        }
        for (int e = 0; e < l.c->examples.n; e++) {
            ExampleDecl *ex = &l.c->examples.v[e];
            int bad = 0;
            for (int y = 0; y < l.m.nyears; y++)
                bad += run_example(&l, ex, y);
            if (bad)
                failed++;
            else
                passed++;
        }
        unload_contract(&l);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed || broken ? EXIT_BAD_INPUT : EXIT_OK;
}
