/* solve.c: goal-seek over a grid of one param's values (solve.h). */
#include "solve.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cost_comp.h"

enum { SOLVE_STEPS_MAX = 1000000000 };

/* What one search holds: the request, the costings made so far (grid
 * index and figure, in the order made) and the overrides of a costing. */
typedef struct {
    const SolveRequest *rq;
    SolveResult *out;
    EngineError *e;
    long *k;
    Rat *fig;
    long n, cap;
    Override *ov;
    int nov;
} Search;

/* The grid's value k: lo + k * step. */
static bool grid_value(const SolveRequest *rq, long k, Rat *v)
{
    Rat by;
    return rat_mul(rq->step, rat_int(k), &by) == RAT_OK && rat_add(rq->lo, by, v) == RAT_OK;
}

/* A figure of c's total compensation: in year y (-1: over the term). */
static bool comp_figure(const SolveRequest *rq, const Costing *c, Rat *f)
{
    Compensation m, mb;
    EngineError e;
    int at = rq->year >= 0 ? rq->year : COMP_ALL;
    if (!cost_compensation(c, &m, &e))
        return false;
    if (rq->figure == FIGURE_PACKAGE) {
        *f = m.increase_share[COMP_ALL];
        return m.has_base;
    }
    *f = m.total[at];
    return rq->figure == FIGURE_COMPENSATION ||
           (cost_compensation(rq->baseline, &mb, &e) && rat_sub(m.total[at], mb.total[at], f) == RAT_OK);
}

/* The figure of costing c, as the request reads it. */
static bool figure_of(const SolveRequest *rq, const Costing *c, Rat *f)
{
    if (rq->figure >= FIGURE_COMPENSATION)
        return comp_figure(rq, c, f);
    *f = rat_int(0);
    for (int y = 0; y < c->nyears; y++) {
        if (rq->year >= 0 && y != rq->year)
            continue;
        Rat d = c->lines[c->total_line].sum[y];
        if (rq->figure == FIGURE_SETTLEMENT &&
            rat_sub(d, rq->baseline->lines[rq->baseline->total_line].sum[y], &d) != RAT_OK)
            return false;
        if (rat_add(*f, d, f) != RAT_OK)
            return false;
    }
    return true;
}

/* The figure at grid index k, costed once. */
static bool figure_at(Search *s, long k, Rat *f)
{
    for (long i = 0; i < s->n; i++)
        if (s->k[i] == k) {
            *f = s->fig[i];
            return true;
        }
    const SolveRequest *rq = s->rq;
    Rat v;
    if (!grid_value(rq, k, &v)) {
        *s->e = (EngineError){.kind = FAIL_SUM, .name = "the param's value"};
        return false;
    }
    s->ov[s->nov - 1] = (Override){.param = rq->param, .value = v};
    Version version = *rq->proposal;
    version.ov = s->ov;
    version.nov = s->nov;
    Costing c;
    bool ok = cost_contract(&version, rq->rq, &c, s->e);
    if (ok && !figure_of(rq, &c, f)) {
        *s->e = (EngineError){.kind = FAIL_SUM, .name = c.lines[c.total_line].name};
        ok = false;
    }
    costing_free(&c);
    if (!ok)
        return false;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->k = xrealloc(s->k, sizeof(long) * (size_t)s->cap);
        s->fig = xrealloc(s->fig, sizeof(Rat) * (size_t)s->cap);
    }
    s->k[s->n] = k;
    s->fig[s->n++] = *f;
    s->out->costed++;
    if (rq->progress)
        rq->progress(rq->ctx, s->out->costed, s->out->every_step ? s->out->steps + 1 : 0);
    return true;
}

static bool fits(const SolveRequest *rq, Rat f)
{
    int c = rat_cmp(f, rq->target);
    return rq->at_least ? c >= 0 : c <= 0;
}

/* A costing made: its grid index and figure. */
typedef struct {
    long k;
    Rat f;
} Costed;

static int by_index(const void *a, const void *b)
{
    long x = ((const Costed *)a)->k, y = ((const Costed *)b)->k;
    return (x > y) - (x < y);
}

/* Whether the figure moves one way over the costings made, in grid
 * order; if not, the three values where it turns into out->turn (it
 * moves one way from the first to the second, the other way to the
 * third). */
static bool check_monotone(Search *s)
{
    Costed *p = xrealloc(NULL, sizeof *p * (size_t)(s->n + 1));
    for (long i = 0; i < s->n; i++)
        p[i] = (Costed){s->k[i], s->fig[i]};
    qsort(p, (size_t)s->n, sizeof *p, by_index);
    int way = 0;
    long from = 0;
    bool ok = true;
    for (long i = 1; i < s->n && ok; i++) {
        int d = rat_cmp(p[i].f, p[i - 1].f);
        if (d == 0)
            continue;
        if (way && d != way) {
            long at[3] = {from, i - 1, i};
            for (int j = 0; j < 3; j++) {
                grid_value(s->rq, p[at[j]].k, &s->out->turn[j].value);
                s->out->turn[j].figure = p[at[j]].f;
            }
            ok = false;
        }
        way = d;
        from = i - 1;
    }
    free(p);
    return ok;
}

/* The point at grid index k, costed. */
static bool point(Search *s, long k, SolvePoint *p)
{
    return figure_at(s, k, &p->figure) && grid_value(s->rq, k, &p->value);
}

/* With the figure monotone: the largest (or smallest) index that fits,
 * bisecting between an end that fits and one that does not. */
static bool search(Search *s)
{
    const SolveRequest *rq = s->rq;
    SolveResult *out = s->out;
    long K = out->steps;
    if (!point(s, 0, &out->ends[0]) || !point(s, K, &out->ends[1]))
        return false;
    bool lo_fits = fits(rq, out->ends[0].figure), hi_fits = fits(rq, out->ends[1].figure);
    long good = rq->smallest ? 0 : K, bad;
    if (rq->smallest ? lo_fits : hi_fits) { /* the end itself */
        out->found = true;
        out->at = out->ends[rq->smallest ? 0 : 1];
        return true;
    }
    if (!lo_fits && !hi_fits)
        return true;
    good = rq->smallest ? K : 0;
    bad = rq->smallest ? 0 : K;
    while (labs(good - bad) > 1) {
        long mid = bad + (good - bad) / 2;
        Rat f;
        if (!figure_at(s, mid, &f))
            return false;
        if (fits(rq, f))
            good = mid;
        else
            bad = mid;
    }
    out->found = out->has_beyond = true;
    return point(s, good, &out->at) && point(s, bad, &out->beyond);
}

bool cost_solve(const SolveRequest *rq, SolveResult *out, EngineError *e)
{
    *out = (SolveResult){.monotone = true};
    Rat span, n;
    int64_t steps;
    if (rat_sub(rq->hi, rq->lo, &span) != RAT_OK || rat_div(span, rq->step, &n) != RAT_OK ||
        rat_to_int64(n, ROUND_FLOOR, &steps) != RAT_OK || steps > SOLVE_STEPS_MAX) {
        *e = (EngineError){.kind = FAIL_SUM, .name = "the number of steps"};
        return false;
    }
    out->steps = (long)steps;
    out->every_step = steps <= SOLVE_SCAN_MAX;
    Search s = {.rq = rq, .out = out, .e = e, .nov = 0};
    s.ov = xrealloc(NULL, sizeof(Override) * ((size_t)rq->proposal->nov + 1));
    for (int i = 0; i < rq->proposal->nov; i++)
        if (rq->proposal->ov[i].param != rq->param)
            s.ov[s.nov++] = rq->proposal->ov[i];
    s.nov++;
    bool ok = true;
    for (long k = 0; out->every_step && k <= out->steps && ok; k++) {
        Rat f;
        ok = figure_at(&s, k, &f);
    }
    ok = ok && search(&s);
    if (ok && !check_monotone(&s)) {
        out->monotone = out->found = out->has_beyond = false;
    }
    free(s.ov);
    free(s.k);
    free(s.fig);
    return ok;
}
