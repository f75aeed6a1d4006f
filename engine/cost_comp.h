/* cost_comp.h: total compensation, as costing practice prices a
 * settlement: the wages (what recurs of the total pay), the one-time
 * amounts, the roll-up (payroll costs that follow wages: definitions
 * marked `roll-up`) and the benefits (`benefit`), each summed per year and
 * over the term; the increase year over year and over the base year (the
 * first year costed); and the package increase as a share of the base
 * year's total compensation (docs/costing.md, "Total compensation").
 *
 * Every figure is exact.  A share is a fraction (0.0512, not 5.12): the
 * reports print it as a percent to 2 decimals, rounded half up.
 */
#ifndef TERMS_COST_COMP_H
#define TERMS_COST_COMP_H

#include "costing.h"

enum { COMP_ALL = COST_MAX_YEARS }; /* the index of the all-years figure */

typedef struct {
    int nyears;
    /* [y] per year costed, [COMP_ALL] summed over the term */
    Rat wages[COST_MAX_YEARS + 1];      /* the total pay less its one-time part */
    Rat one_time[COST_MAX_YEARS + 1];
    Rat roll_up[COST_MAX_YEARS + 1];
    Rat benefits[COST_MAX_YEARS + 1];
    Rat total[COST_MAX_YEARS + 1];      /* wages + one-time + roll-up + benefits */
    /* from y = 1: total[y] - total[y-1]; [COMP_ALL]: their sum, the last
     * year's total less the base year's */
    Rat increase[COST_MAX_YEARS + 1];
    /* from y = 1: total[y] - total[0], the cumulative view: a raise in year
     * 1 is paid again in every year after; [COMP_ALL]: their sum */
    Rat over_base[COST_MAX_YEARS + 1];
    /* each of the two above as a share of total[0] (0 when total[0] is 0:
     * has_base false); increase_share[COMP_ALL] is the package increase */
    bool has_base;
    Rat increase_share[COST_MAX_YEARS + 1];
    Rat over_base_share[COST_MAX_YEARS + 1];
} Compensation;

/* Does c's contract declare a roll-up or a benefit? */
bool cost_has_comp(const Costing *c);

/* c's total compensation into out; false with e filled (FAIL_SUM) if a sum
 * is too large. */
bool cost_compensation(const Costing *c, Compensation *out, EngineError *e);

/* The settlement in total compensation: proposal - baseline for each money
 * figure (wages .. total, per year and over the term) into out, whose
 * increase and shares are left 0; the baseline's years are the proposal's
 * (cost_pair_years).  false with e filled (FAIL_SUM). */
bool cost_compensation_change(const Compensation *proposal, const Compensation *baseline, Compensation *out, EngineError *e);

#endif
