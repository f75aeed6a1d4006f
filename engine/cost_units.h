/* cost_units.h: a district's bargaining units costed together.  A
 * district bargains with many units at once (teachers, paraeducators,
 * custodians, office staff), each with its own contract and roster; each
 * unit is costed as one `terms cost` costs a contract (costing.h), and the
 * district's figures are the units' added up year by year, the years
 * paired by name.
 *
 * A unit may bring several proposals (the district's offer, the union's):
 * the district's k-th proposal is every unit's k-th, or its only one for a
 * unit that has one.  Units with several must have as many.
 *
 * Ownership: a DistrictCost borrows the units (and their reports) and
 * owns its rows (district_cost_free, which takes a zeroed struct too). */
#ifndef TERMS_COST_UNITS_H
#define TERMS_COST_UNITS_H

#include "costing.h"

enum { UNITS_MAX = 16, UNIT_PROPOSALS = 8, UNIT_NAME_MAX = 20 };

/* One unit: its proposals, each against the unit's baseline (or none),
 * over the unit's roster and the district's years. */
typedef struct {
    const char *name;
    const CostReport *reports;  /* [nproposals] */
    int nproposals;
} CostUnit;

/* A figure by year, then (at [nyears]) over the term. */
typedef struct {
    Rat v[COST_MAX_YEARS + 1];
} CostRow;

typedef struct {
    const CostUnit *units;
    int nunits;
    int nyears;
    const char *year[COST_MAX_YEARS];   /* the first unit's names, which every unit's match */
    int nproposals;                     /* the district's: the most any unit has */
    bool has_baseline;
    /* row [u * nproposals + k]: unit u's total under the district's k-th
     * proposal, and its settlement (proposal - baseline); u = nunits is the
     * district, the sum of the units */
    CostRow *proposal, *settlement;
    CostRow *baseline;                  /* [nunits + 1]: each unit's baseline, then the district's */
    long headcount[UNIT_PROPOSALS][COST_MAX_YEARS];  /* the district's, under each proposal */
} DistrictCost;

/* Whether name can name a unit: 1 to UNIT_NAME_MAX letters, digits, '-'
 * and '_', the first a letter or digit (it names sheets and rows, and is
 * not an option; "all units" names the district). */
bool cost_unit_name_ok(const char *name);

/* The contract years of m named names[0..n), which must follow one
 * another in m, into *first and *last (0-based); false with a plain
 * message in why (naming the unit and the contract) if m lacks one or
 * they are not consecutive in it. */
bool cost_unit_years(const Model *m, const char *unit, const char *path, const char *const *names, int n, int *first, int *last,
                     char *why, size_t cap);

/* The unit's proposal that counts in the district's k-th. */
const CostReport *cost_unit_proposal(const CostUnit *u, int k);

/* Adds up units[0..n): false with a plain message in why if the units do
 * not fit together (several proposals in unequal numbers, a baseline for
 * some and not others, years of other names) or a sum is too large. */
bool cost_district(const CostUnit *units, int n, DistrictCost *out, char *why, size_t cap);
void district_cost_free(DistrictCost *d);

#endif
