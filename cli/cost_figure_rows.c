/* cost_figure_rows.c: the standard figures as rows (cost_figure_rows.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "cost_figure_rows.h"
#include "cost_figures.h"

static void put(CompRow *row, int at, Rat v)
{
    row->v[at] = v;
    row->has[at] = true;
}

/* A figure's sum over the term in the all-years column, when every year from 1 has one. */
static void sum_later(CompRow *row, int nyears)
{
    Rat all = rat_int(0);
    for (int y = 1; y < nyears; y++)
        if (!row->has[y] || rat_add(all, row->v[y], &all) != RAT_OK)
            return;
    put(row, COMP_ALL, all);
}

/* The increase in terms from the schedule and from the other items; with
 * one-time lines, the recurring increase and its percent of the year before. */
static void increase_rows(CompRows *r, const Costing *c)
{
    int first = r->n;
    comp_row_add(r, "increase in terms from the schedule", 0, COMP_CHANGE);
    comp_row_add(r, "increase in terms from other items", 0, COMP_CHANGE);
    if (c->has_one_time) {
        comp_row_add(r, "recurring increase (one-time pay left out)", 0, COMP_CHANGE);
        comp_row_add(r, "percent of last year's recurring pay", 1, COMP_SHARE);
    }
    CompRow *sched = &r->v[first], *other = sched + 1;
    CompRow *rec = c->has_one_time ? sched + 2 : NULL, *share = c->has_one_time ? sched + 3 : NULL;
    for (int y = 1; y < c->nyears; y++) {
        CostIncrease d;
        if (!cost_increase(c, y, &d))
            continue;
        put(sched, y, d.schedule);
        put(other, y, d.other);
        Rat was, pct;
        if (!rec)
            continue;
        put(rec, y, d.recurring);
        if (rat_sub(c->lines[c->total_line].sum[y - 1], c->one_time[y - 1], &was) == RAT_OK && !rat_is_zero(was) &&
            rat_div(d.recurring, was, &pct) == RAT_OK)
            put(share, y, pct);
    }
    sum_later(sched, c->nyears);
    sum_later(other, c->nyears);
    if (rec)
        sum_later(rec, c->nyears);
}

/* The average pay per employee and, from the second year, its change. */
static void average_rows(CompRows *r, const Costing *c)
{
    Rat avg[COST_MAX_YEARS];
    bool ok[COST_MAX_YEARS];
    CompRow *row = comp_row_add(r, "average pay per employee", 0, COMP_MONEY);
    for (int y = 0; y < c->nyears; y++)
        if ((ok[y] = cost_average(c, c->total_line, y, &avg[y])))
            put(row, y, avg[y]);
    if (c->nyears < 2 || c->headcount[0] <= 0)
        return;
    comp_row_add(r, "change in average pay", 1, COMP_CHANGE);
    comp_row_add(r, "percent of last year's average", 1, COMP_SHARE);
    CompRow *change = &r->v[r->n - 2], *share = &r->v[r->n - 1];
    for (int y = 1; y < c->nyears; y++) {
        Rat d, pct;
        if (!ok[y] || !ok[y - 1] || rat_sub(avg[y], avg[y - 1], &d) != RAT_OK)
            continue;
        put(change, y, d);
        if (!rat_is_zero(avg[y - 1]) && rat_div(d, avg[y - 1], &pct) == RAT_OK)
            put(share, y, pct);
    }
}

/* 1% of the first line (the schedule's, as a contract usually writes its
 * total: salary first), each year and over the term. */
static void one_percent_row(CompRows *r, const Costing *c)
{
    char label[96];
    snprintf(label, sizeof label, "value of 1%% of %s", c->lines[0].name);
    CompRow *row = comp_row_add(r, label, 0, COMP_MONEY);
    Rat all = rat_int(0), one;
    bool sums = true;
    for (int y = 0; y < c->nyears; y++) {
        if (rat_div(c->lines[0].sum[y], rat_int(100), &one) != RAT_OK) {
            sums = false;
            continue;
        }
        put(row, y, one);
        sums = sums && rat_add(all, one, &all) == RAT_OK;
    }
    if (sums)
        put(row, COMP_ALL, all);
}

static void hours_rows(CompRows *r, const Costing *c)
{
    CompRow *hours = comp_row_add(r, "hours worked", 0, COMP_HOURS);
    Rat all = rat_int(0);
    bool sums = true;
    for (int y = 0; y < c->nyears; y++) {
        put(hours, y, c->hours[y]);
        sums = sums && rat_add(all, c->hours[y], &all) == RAT_OK;
    }
    if (sums)
        put(hours, COMP_ALL, all);
    CompRow *per = comp_row_add(r, "cost per hour worked", 0, COMP_MONEY);
    for (int y = 0; y < c->nyears; y++) {
        Rat v;
        if (cost_per_hour(c, y, &v))
            put(per, y, v);
    }
}

/* Over the term: in the all-years column only. */
static void loading_rows(CompRows *r, const Costing *c)
{
    CostLoading l;
    if (!cost_loading(c, &l))
        return;
    int s = rat_sign(l.loading);
    char label[96];
    snprintf(label, sizeof label, "front-loading (%s)", s > 0 ? "front-loaded" : s < 0 ? "end-loaded" : "even");
    put(comp_row_add(r, "increase over the term, against the first year", 0, COMP_CHANGE), COMP_ALL, l.term);
    put(comp_row_add(r, "the same final increase spread evenly", 1, COMP_CHANGE), COMP_ALL, l.even);
    put(comp_row_add(r, label, 1, COMP_CHANGE), COMP_ALL, l.loading);
}

/* With --turnover: each year employees were moved on into, how many stood
 * at the top the year before, and how many of them were replaced. */
static void turnover_rows(CompRows *r, const Costing *c)
{
    int field;
    int64_t top;
    if (!c->turnover || !cost_turnover_field(c->schema, c->turnover, &field, &top) || c->nyears < 2)
        return;
    char label[96];
    snprintf(label, sizeof label, "employees at %s %" PRId64 " the year before", c->turnover->field, top);
    comp_row_add(r, label, 0, COMP_COUNT);
    snprintf(label, sizeof label, "replaced by hires at %s %" PRId64 " (turnover)", c->turnover->field, c->turnover->hire);
    comp_row_add(r, label, 1, COMP_COUNT);
    CompRow *at = &r->v[r->n - 2], *hired = &r->v[r->n - 1];
    for (int y = 1; y < c->nyears; y++)
        if (c->moved[y]) {
            put(at, y, rat_int(c->at_top[y]));
            put(hired, y, rat_int(c->turnover_count[y]));
        }
    Rat all = rat_int(0);
    for (int y = 1; y < c->nyears; y++)
        rat_add(all, rat_int(c->turnover_count[y]), &all);
    put(hired, COMP_ALL, all);
}

int figure_rows(const Costing *c, CompRow **rows)
{
    CompRows r = {0};
    if (c->nyears > 1)
        increase_rows(&r, c);
    average_rows(&r, c);
    if (c->nlines > 1)
        one_percent_row(&r, c);
    if (c->has_hours)
        hours_rows(&r, c);
    loading_rows(&r, c);
    turnover_rows(&r, c);
    *rows = r.v;
    return r.n;
}
