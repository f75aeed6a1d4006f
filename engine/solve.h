/* solve.h: goal-seek.  The value of one param, on a grid from lo to hi by
 * step, at which a costing's figure (the total, or the settlement against
 * a baseline, in one year or over all years costed) stays within a
 * target: the largest such value, or the smallest.
 *
 * Every figure is an exact costing (costing.h) of the whole roster with
 * the param at that value.  The figure is not assumed to move one way
 * with the param: with at most SOLVE_SCAN_MAX steps every one is costed
 * and the figure checked to be monotone over all of them; with more,
 * the grid is bisected and the figure checked to be monotone over every
 * value costed (the result says which).  A figure that is not monotone
 * gives no answer: the result names two neighbouring values where it
 * turns.
 *
 * Ownership: the request borrows its Versions and the baseline costing;
 * the result owns nothing.
 */
#ifndef TERMS_SOLVE_H
#define TERMS_SOLVE_H

#include "costing.h"

enum { SOLVE_SCAN_MAX = 200 };

/* The total pay, or the proposal's less the baseline's; the total
 * compensation (cost_comp.h), or the settlement in it; the package
 * increase: the last year's total compensation less the first's, a share
 * of the first's (0.05 is 5%), over the years costed (year is -1). */
typedef enum { FIGURE_TOTAL, FIGURE_SETTLEMENT, FIGURE_COMPENSATION, FIGURE_COMP_SETTLEMENT, FIGURE_PACKAGE } SolveFigure;

typedef struct {
    const Version *proposal;    /* its overrides, less any of param, stay */
    const CostRequest *rq;      /* the proposal's costing */
    const Costing *baseline;    /* costed once, over rq's roster; NULL unless FIGURE_SETTLEMENT or FIGURE_COMP_SETTLEMENT */
    int param;                  /* the proposal's param varied */
    Rat lo, hi, step;           /* step > 0, lo <= hi */
    SolveFigure figure;
    int year;                   /* the costed year (0 .. nyears - 1) whose figure counts, or -1: all years summed */
    Rat target;
    bool at_least;              /* the figure must be at least target (else at most) */
    bool smallest;              /* the smallest value that fits (else the largest) */
    /* called after each costing with how many were done and, when it is
     * known, how many there will be (else 0); may be NULL */
    void (*progress)(void *ctx, long done, long total);
    void *ctx;
} SolveRequest;

/* A value of the param and the figure there. */
typedef struct {
    Rat value, figure;
} SolvePoint;

typedef struct {
    bool monotone;              /* false: turn[0..3) are where it turns, and nothing was found */
    bool every_step;            /* monotone over every step (else over the values costed) */
    SolvePoint turn[3];
    long costed, steps;         /* costings made; steps on the grid (its values: steps + 1) */
    bool found;                 /* false: no value of the grid fits (ends[] say the figure there) */
    SolvePoint at;              /* the value found, and its figure */
    bool has_beyond;            /* false: the value found is the grid's end */
    SolvePoint beyond;          /* the next step past it, which does not fit */
    SolvePoint ends[2];         /* the figure at lo and at hi */
} SolveResult;

/* false with e filled: a costing failed (as cost_contract fails), or
 * FAIL_SUM when the grid is too fine to count (more than 10^12 steps). */
bool cost_solve(const SolveRequest *rq, SolveResult *out, EngineError *e);

#endif
