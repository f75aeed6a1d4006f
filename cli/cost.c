/* cost.c: costs a contract over a roster year by year (see cost.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "cost.h"
#include "format.h"
#include "roster.h"
#include "vm.h"

void cost_money(Rat r, bool sign, char *buf, size_t cap)
{
    bool plus = sign && rat_sign(r) > 0;
    if (plus)
        buf[0] = '+';
    size_t n = rat_format_money(r, ROUND_HALF_UP, buf + plus, cap - 1 - plus);
    buf[n + plus] = '\0';
}

void cost_percent(Rat change, Rat old, char *buf, size_t cap)
{
    Rat p;
    if (rat_is_zero(old) || rat_div(change, old, &p) != RAT_OK || rat_mul(p, rat_int(100), &p) != RAT_OK) {
        snprintf(buf, cap, "n/a");
        return;
    }
    size_t n = rat_format_fixed(p, 2, ROUND_HALF_UP, buf + (rat_sign(p) > 0), cap - 3);
    if (rat_sign(p) > 0)
        buf[0] = '+', n++;
    buf[n++] = '%';
    buf[n] = '\0';
}

static int node_named(const Program *p, const char *name)
{
    for (int i = 0; i < p->nnodes; i++)
        if (!strcmp(p->nodes[i].name, name))
            return i;
    return -1;
}

static int field_named(const RecordSchema *s, const char *name)
{
    for (int i = 0; i < s->nfields; i++)
        if (!strcmp(s->fields[i].name, name))
            return i;
    return -1;
}

static bool add_to(Rat *sum, Rat v)
{
    return rat_add(*sum, v, sum) == RAT_OK;
}

/* One year of one employee: every line into the year's sums, the total
 * into *total.  false after a message. */
static bool evaluate(VM *vm, const Program *p, Value *record, const int *line_node, int nlines, Costing *c, int y,
                     int fte_node, int fte_field, Rat *total, const Roster *r, const char *roster_path)
{
    vm_begin(vm, record);
    for (int i = 0; i < nlines; i++) {
        Value v;
        if (!vm_value(vm, line_node[i], &v)) {
            fprintf(stderr, "%s:%ld: row %ld: error in %s, %s: %s\n", roster_path, roster_line(r), roster_row(r), c->path,
                    p->year_name, vm_error(vm));
            return false;
        }
        if (!add_to(&c->lines[i].sum[y], v.num)) {
            fprintf(stderr, "%s:%ld: row %ld: the sum of `%s` over the roster is too large\n", roster_path, roster_line(r), roster_row(r),
                    c->lines[i].name);
            return false;
        }
        if (i == c->total_line)
            *total = v.num;
    }
    Value f = {0};
    if (fte_node >= 0 && !vm_value(vm, fte_node, &f)) {
        fprintf(stderr, "%s:%ld: row %ld: error in %s, %s: %s\n", roster_path, roster_line(r), roster_row(r), c->path,
                p->year_name, vm_error(vm));
        return false;
    }
    if (fte_field >= 0)
        f = record[fte_field];
    if ((fte_node >= 0 || fte_field >= 0) && !add_to(&c->fte[y], f.num)) {
        fprintf(stderr, "%s:%ld: row %ld: the sum of FTE over the roster is too large\n", roster_path, roster_line(r), roster_row(r));
        return false;
    }
    c->headcount[y]++;
    return true;
}

/* The parts the total is the sum of: `total = salary + differential +
 * extra_pay`, each definition that is itself such a sum opened in turn, so
 * the lines add up to the total.  Returns how many nodes it put in out. */
static int addends(const Contract *c, const Expr *e, int *out, int n, int cap, int depth)
{
    if (e->kind == E_BINARY && e->op == OPB_ADD) {
        n = addends(c, e->a, out, n, cap, depth);
        return n < 0 ? n : addends(c, e->b, out, n, cap, depth);
    }
    if (e->kind != E_NAME || (e->ref != REF_DEF && e->ref != REF_COMPONENT) || n >= cap)
        return -1;
    if (e->ref == REF_DEF && depth < 8) {
        const Expr *def = c->defs.v[e->ref_index].expr;
        int more = def->kind == E_BINARY && def->op == OPB_ADD ? addends(c, def, out, n, cap, depth + 1) : -1;
        if (more >= 0)
            return more;
    }
    out[n] = e->ref == REF_DEF ? e->ref_index : c->defs.n + e->ref_index;
    return n + 1;
}

bool cost_contract(const Loaded *l, const Override *ov, int nov, const CostRequest *rq, Costing *c)
{
    memset(c, 0, sizeof *c);
    c->path = l->d.path;
    c->nyears = rq->last - rq->first + 1;
    Program *prog[COST_MAX_YEARS];
    for (int y = 0; y < c->nyears; y++) {
        prog[y] = compile_program(&l->m, rq->first + y, ov, nov);
        c->year[y] = prog[y]->year_name;
    }
    const Program *p0 = prog[0];
    /* the lines: the parts of the total, then the total */
    int t = node_named(p0, rq->total);
    if (t < 0 || p0->nodes[t].type.kind != TY_MONEY) {
        fprintf(stderr, "terms cost: %s has no amount `%s` (an employee's total pay); name it with --total\n", c->path, rq->total);
        return false;
    }
    int nparts = l->c->defs.n + l->c->components.n;
    int *line_node = calloc((size_t)nparts + 2, sizeof(int));
    c->lines = calloc((size_t)nparts + 2, sizeof(CostLine));
    int n = t < l->c->defs.n ? addends(l->c, l->c->defs.v[t].expr, line_node, 0, nparts, 0) : -1;
    c->nlines = n > 0 ? n : 0;
    line_node[c->nlines++] = t;
    c->total_line = c->nlines - 1;
    for (int i = 0; i < c->nlines; i++)
        c->lines[i].name = p0->nodes[line_node[i]].name;
    /* sums start at 0/1, not at the 0/0 calloc leaves */
    for (int y = 0; y < COST_MAX_YEARS; y++) {
        for (int i = 0; i < c->nlines; i++)
            c->lines[i].sum[y] = rat_int(0);
        c->fte[y] = c->schedule[y] = c->movement[y] = rat_int(0);
    }
    int fte_node = -1, fte_field = -1;
    c->has_fte = rq->fte != NULL;
    if (rq->fte) {
        fte_node = node_named(p0, rq->fte);
        fte_field = fte_node < 0 ? field_named(p0->schema, rq->fte) : -1;
        int kind = fte_node >= 0 ? p0->nodes[fte_node].type.kind : fte_field >= 0 ? p0->schema->fields[fte_field].type.kind : TY_ERROR;
        if (kind != TY_DECIMAL && kind != TY_INTEGER) {
            fprintf(stderr, "terms cost: %s has no number `%s` to count as FTE\n", c->path, rq->fte);
            free(line_node);
            return false;
        }
    }

    FILE *in = strcmp(rq->roster, "-") ? fopen(rq->roster, "rb") : stdin;
    char err[1024];
    if (!in) {
        fprintf(stderr, "terms: cannot read %s\n", rq->roster);
        free(line_node);
        return false;
    }
    Roster *r = roster_open(in, rq->roster, p0->schema, err, sizeof err);
    bool ok = r != NULL;
    if (!r)
        fprintf(stderr, "%s\n", err);
    size_t nf = (size_t)p0->schema->nfields + 1;
    Value *record = calloc(nf, sizeof(Value)), *before = calloc(nf, sizeof(Value));
    VM *vm[COST_MAX_YEARS];
    for (int y = 0; y < c->nyears; y++)
        vm[y] = vm_new(prog[y]);
    long cap = 0;
    RosterIds *ids = r && !rq->allow_duplicate_ids && p0->id_field >= 0
                         ? roster_ids_new(rq->roster, p0->schema->fields[p0->id_field].name) : NULL;
    while (ok) {
        int got = roster_next(r, record, err, sizeof err);
        if (got == 0)
            break;
        if (got > 0 && ids)
            got = roster_ids_add(ids, record[p0->id_field].text.p, record[p0->id_field].text.len, roster_row(r), roster_line(r), err,
                                 sizeof err) ? 1 : -1;
        if (got < 0) {
            fprintf(stderr, "%s\n", err);
            ok = false;
            break;
        }
        if (c->nemployees == cap) {
            cap = cap ? cap * 2 : 1024;
            c->ids = realloc(c->ids, sizeof(char *) * (size_t)cap);
            c->totals = realloc(c->totals, sizeof(Rat) * (size_t)cap * (size_t)c->nyears);
        }
        long e = c->nemployees++;
        if (p0->id_field >= 0) {
            const Value *id = &record[p0->id_field];
            c->ids[e] = strndup(id->text.p, id->text.len);
        } else {
            c->ids[e] = malloc(32);
            snprintf(c->ids[e], 32, "row %ld", roster_row(r));
        }
        Rat *tot = &c->totals[e * c->nyears];
        for (int y = 0; y < c->nyears && ok; y++) {
            if (y > 0) {
                /* where the employee stood last year, at this year's figures */
                memcpy(before, record, sizeof(Value) * nf);
                if (!vm_advance(vm[y - 1], record)) {
                    fprintf(stderr, "%s:%ld: row %ld: error in %s, moving on from %s: %s\n", rq->roster, roster_line(r), roster_row(r),
                            c->path, c->year[y - 1], vm_error(vm[y - 1]));
                    ok = false;
                    break;
                }
                Value v;
                vm_begin(vm[y], before);
                if (!vm_value(vm[y], line_node[c->total_line], &v)) {
                    fprintf(stderr, "%s:%ld: row %ld: error in %s, %s: %s\n", rq->roster, roster_line(r), roster_row(r), c->path,
                            c->year[y], vm_error(vm[y]));
                    ok = false;
                    break;
                }
                Rat stay, moved;
                rat_sub(v.num, tot[y - 1], &stay);
                ok = add_to(&c->schedule[y], stay);
                if (!ok)
                    break;
                ok = evaluate(vm[y], prog[y], record, line_node, c->nlines, c, y, fte_node, fte_field, &tot[y], r, rq->roster);
                if (!ok)
                    break;
                rat_sub(tot[y], v.num, &moved);
                ok = add_to(&c->movement[y], moved);
            } else {
                ok = evaluate(vm[y], prog[y], record, line_node, c->nlines, c, y, fte_node, fte_field, &tot[y], r, rq->roster);
            }
        }
    }
    for (int y = 0; y < c->nyears; y++)
        vm_free(vm[y]);
    free(record);
    free(before);
    free(line_node);
    roster_ids_free(ids);
    roster_close(r);
    if (in != stdin)
        fclose(in);
    return ok;
}

void costing_free(Costing *c)
{
    for (long i = 0; i < c->nemployees; i++)
        free(c->ids[i]);
    free(c->ids);
    free(c->totals);
    free(c->lines);
}

bool cost_compare(const Costing *proposal, const Costing *baseline, const char *roster, CostReport *r)
{
    memset(r, 0, sizeof *r);
    r->proposal = proposal;
    r->baseline = baseline;
    r->roster = roster;
    if (baseline && baseline->nemployees != proposal->nemployees) {
        fprintf(stderr, "terms cost: the roster gave %ld employees to one contract and %ld to the other\n", proposal->nemployees,
                baseline->nemployees);
        return false;
    }
    r->change = calloc((size_t)proposal->nemployees + 1, sizeof(Rat));
    int ny = proposal->nyears;
    for (long e = 0; e < proposal->nemployees; e++) {
        Rat change = rat_int(0);
        const Rat *t = &proposal->totals[e * ny];
        if (baseline) {
            const Rat *b = &baseline->totals[e * baseline->nyears];
            for (int y = 0; y < ny && y < baseline->nyears; y++) {
                Rat d;
                if (rat_sub(t[y], b[y], &d) != RAT_OK || rat_add(change, d, &change) != RAT_OK)
                    return false;
            }
        } else if (rat_sub(t[ny - 1], t[0], &change) != RAT_OK) {
            return false;
        }
        r->change[e] = change;
        int s = rat_sign(change);
        r->gain += s > 0;
        r->lose += s < 0;
        r->same += s == 0;
    }
    return true;
}

void cost_report_free(CostReport *r)
{
    free(r->change);
}
