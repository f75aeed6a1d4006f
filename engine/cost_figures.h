/* cost_figures.h: the standard figures negotiators quote, worked from a
 * Costing; each is defined with its formula in docs/costing.md ("The
 * standard figures"):
 *   - the year's increase split into step and lane movement, the
 *     schedule's increase and the other items' increase in terms, and the
 *     recurring increase (one-time money left out);
 *   - cost per hour worked, from the hours the contract's work year gives;
 *   - front- or end-loading: the term's cost against the same final-year
 *     increase spread evenly over the term.
 * Every figure is exact; nothing here allocates or prints. */
#ifndef TERMS_COST_FIGURES_H
#define TERMS_COST_FIGURES_H

#include "costing.h"
#include "vm.h"

/* Whether node (a definition, or a component: defs.n + its index) looks
 * up a schedule, directly or through definitions and functions that are
 * not themselves among line_node[0..nlines): a line that does is the
 * schedule's, and its increase in terms the schedule's increase.  One
 * that reaches a schedule only through another line (an hourly rate from
 * the salary line) is not: the schedule is counted once. */
bool cost_looks_up_schedule(const Contract *ast, int node, const int *line_node, int nlines);

/* The increase of year y (1 .. nyears - 1) over the year before. */
typedef struct {
    Rat increase;   /* total(y) - total(y-1) */
    Rat movement;   /* step and lane movement (c->movement) */
    Rat terms;      /* the increase in terms (c->schedule): schedule + other */
    Rat schedule;   /* the schedule lines' increase in terms */
    Rat other;      /* the rest of it: terms - schedule */
    Rat recurring;  /* increase less the change in the one-time lines */
} CostIncrease;

/* false if a figure is too large. */
bool cost_increase(const Costing *c, int y, CostIncrease *out);

/* total(y) / hours(y): false without hours or with none worked. */
bool cost_per_hour(const Costing *c, int y, Rat *out);

/* Over the term (years 0 .. n-1, n >= 3), measured from the first year:
 *   term    = Σ_{y=1}^{n-1} (total(y) - total(0))
 *   even    = D · n / 2, with D = total(n-1) - total(0): the same sum had
 *             D come in equal steps, D · y / (n-1) in year y
 *   loading = term - even: above 0 front-loaded, below 0 end-loaded */
typedef struct {
    Rat term, even, loading;
} CostLoading;

/* false with fewer than three years (loading is then always 0) or a
 * figure too large. */
bool cost_loading(const Costing *c, CostLoading *out);

/* The hours worked, summed like FTE: a definition, else a field, of a
 * number (node, field; -1 for neither). */
typedef struct {
    int node, field;
} CostCount;

/* name in m as a definition, else a field of p0's record, of a number;
 * false if it is neither. */
bool cost_count_find(const Model *m, const Program *p0, const char *name, CostCount *k);
bool cost_count_on(const CostCount *k);
/* This employee's value (vm begun on record); false if the VM failed. */
bool cost_count_value(const CostCount *k, VM *vm, const Value *record, Rat *out);

/* The default hours worked: a definition or field `hours_worked`, or NULL. */
const char *cost_default_hours(const Model *m);

/* Turnover (CostRequest.turnover): each year employees are moved on into,
 * the first `leavers` employees on the roster whose field stood at the top
 * of its range the year before (step 13 of `step: integer 1 to 13`) leave,
 * and each is replaced by a hire in their place: their record as `each
 * year:` moved it on, with field set to hire.  Costing.turnover says how
 * many were replaced, and of how many at the top, each year. */
struct CostTurnover {
    long leavers;
    const char *field;      /* a whole-number field with a range */
    int64_t hire;           /* within the range */
};

/* The field's index in schema and the top of its range; false if it is
 * not a whole-number field with a range that holds hire. */
bool cost_turnover_field(const RecordSchema *schema, const CostTurnover *t, int *index, int64_t *top);

/* Applies t to one employee moved on into year y: before is the record
 * the year before, record this year's (changed in place); counts in c. */
void cost_turnover_apply(const CostTurnover *t, int index, int64_t top, const Value *before, Value *record, Costing *c, int y);

#endif
