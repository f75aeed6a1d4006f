/* effective.h: values that change on a date inside a contract year.
 *
 * `param raise = 0 / 0.03 from 2025-10-06`, `table ... from DATE` and a
 * schedule's `"2025-26" from 2025-10-06:` say that the year's new value
 * takes effect on that date; until the day before, the year before's value
 * holds.  The year's value is the two weighted by the part of the year
 * each holds for: by days (the date's own day counts with the new value,
 * and a year's last day is in it), or, with `pay periods N`, by the pay
 * periods that start on or after the date.  Weights are exact fractions.
 */
#ifndef TERMS_EFFECTIVE_H
#define TERMS_EFFECTIVE_H

#include "ast.h"

/* Where a date falls in the contract and what weight a change on it has. */
typedef struct {
    int year;              /* 0-based contract year the date falls in; -1: outside the term */
    int64_t start, end;    /* that year's first and last day (inclusive) */
    int64_t units, before; /* days (or pay periods) in the year, and of them before the change */
    bool periods;          /* units are pay periods */
    Rat weight;            /* of the new value: (units - before) / units */
} EffectiveSplit;

/* The first day of contract year y: the term's start, y years on. */
int64_t effective_year_start(const Contract *c, int y);

/* How a change on day splits its year; false if c has no term. */
bool effective_split(const Contract *c, int64_t day, EffectiveSplit *out);

/* The date in from that falls in year, or NULL. */
const EffectiveDate *effective_in_year(const Contract *c, const EffectiveDates *from, int year, EffectiveSplit *split);

/* old held until the change, now after it, weighted by split: as a
 * figure (N/A if either part it needs is N/A, else blank if either is
 * blank). */
Figure effective_blend(Figure old, Figure now, const EffectiveSplit *split);

#endif
