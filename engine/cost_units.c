/* cost_units.c: a district's units added up (cost_units.h). */
#include "cost_units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "check.h"

bool cost_unit_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > UNIT_NAME_MAX || name[0] == '-' || name[0] == '_')
        return false;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            return false;
    return true;
}

bool cost_unit_years(const Model *m, const char *unit, const char *path, const char *const *names, int n, int *first, int *last,
                     char *why, size_t cap)
{
    for (int k = 0; k < n; k++) {
        int at = find_year(m, names[k]);
        if (at < 0) {
            snprintf(why, cap, "unit %s: %s has no year \"%s\", which the district costs: every unit is costed over the same years "
                               "(give --years to cost fewer)", unit, path, names[k]);
            return false;
        }
        if (k == 0)
            *first = at;
        else if (at != *first + k) {
            snprintf(why, cap, "unit %s: in %s, year \"%s\" does not follow \"%s\" as it does in the district's years", unit, path,
                     names[k], names[k - 1]);
            return false;
        }
    }
    *last = *first + n - 1;
    return true;
}

const CostReport *cost_unit_proposal(const CostUnit *u, int k)
{
    return &u->reports[u->nproposals == 1 ? 0 : k];
}

static Rat total_in(const Costing *c, int y)
{
    return c->lines[c->total_line].sum[y];
}

/* Whether costing c (of unit u) is over the district's years, by name;
 * false with a message if not. */
static bool same_years(const DistrictCost *d, const CostUnit *u, const Costing *c, char *why, size_t cap)
{
    bool same = c->nyears == d->nyears;
    for (int y = 0; same && y < d->nyears; y++)
        same = !strcmp(c->year[y], d->year[y]);
    if (!same)
        snprintf(why, cap, "unit %s: %s is costed over %s to %s, and the district over %s to %s: units are added up year by year, "
                           "over the same years", u->name, c->path, c->year[0], c->year[c->nyears - 1], d->year[0],
                 d->year[d->nyears - 1]);
    return same;
}

/* Whether the units fit together: proposals, baselines and years; false
 * with a message if not. */
static bool units_fit(DistrictCost *d, char *why, size_t cap)
{
    const CostUnit *first = &d->units[0];
    for (int u = 0; u < d->nunits; u++) {
        const CostUnit *unit = &d->units[u];
        if (unit->nproposals > 1 && d->nproposals > 1 && unit->nproposals != d->nproposals) {
            const CostUnit *other = unit;
            for (int v = 0; v < d->nunits; v++)
                if (d->units[v].nproposals > 1 && d->units[v].nproposals != unit->nproposals)
                    other = &d->units[v];
            snprintf(why, cap, "unit %s has %d proposals and unit %s %d: the district's first proposal is every unit's first, its "
                               "second every unit's second, so units with several proposals must have as many",
                     unit->name, unit->nproposals, other->name, other->nproposals);
            return false;
        }
        if ((unit->reports[0].baseline != NULL) != d->has_baseline) {
            const CostUnit *with = d->has_baseline ? first : unit, *without = d->has_baseline ? unit : first;
            snprintf(why, cap, "unit %s has a --baseline and unit %s none: give every unit its baseline (the contract in force), or none",
                     with->name, without->name);
            return false;
        }
        for (int k = 0; k < unit->nproposals; k++)
            if (!same_years(d, unit, unit->reports[k].proposal, why, cap))
                return false;
        if (d->has_baseline && !same_years(d, unit, unit->reports[0].baseline, why, cap))
            return false;
    }
    return true;
}

/* row[y] += v, and over the term; false if a sum is too large. */
static bool add_year(CostRow *row, int y, int nyears, Rat v)
{
    return rat_add(row->v[y], v, &row->v[y]) == RAT_OK && rat_add(row->v[nyears], v, &row->v[nyears]) == RAT_OK;
}

/* Unit u's rows, and the district's sums with them. */
static bool add_unit(DistrictCost *d, int u)
{
    const CostUnit *unit = &d->units[u];
    int ny = d->nyears, np = d->nproposals, all = d->nunits;
    bool ok = true;
    for (int y = 0; y < ny; y++) {
        const Costing *b = unit->reports[0].baseline;
        if (b)
            ok = ok && add_year(&d->baseline[u], y, ny, total_in(b, y)) && add_year(&d->baseline[all], y, ny, total_in(b, y));
        for (int k = 0; k < np; k++) {
            const Costing *p = cost_unit_proposal(unit, k)->proposal;
            Rat settle = rat_int(0);
            ok = ok && add_year(&d->proposal[u * np + k], y, ny, total_in(p, y)) &&
                 add_year(&d->proposal[all * np + k], y, ny, total_in(p, y));
            ok = ok && (!b || rat_sub(total_in(p, y), total_in(b, y), &settle) == RAT_OK) &&
                 add_year(&d->settlement[u * np + k], y, ny, settle) && add_year(&d->settlement[all * np + k], y, ny, settle);
            d->headcount[k][y] += p->headcount[y];
        }
    }
    return ok;
}

static CostRow *zero_rows(int n)
{
    CostRow *rows = xmalloc(sizeof *rows * (size_t)n);
    for (int i = 0; i < n; i++)
        for (int y = 0; y <= COST_MAX_YEARS; y++)
            rows[i].v[y] = rat_int(0);
    return rows;
}

bool cost_district(const CostUnit *units, int n, DistrictCost *d, char *why, size_t cap)
{
    *d = (DistrictCost){.units = units, .nunits = n};
    const Costing *p = units[0].reports[0].proposal;
    d->nyears = p->nyears;
    for (int y = 0; y < p->nyears; y++)
        d->year[y] = p->year[y];
    d->has_baseline = units[0].reports[0].baseline != NULL;
    for (int u = 0; u < n; u++)
        d->nproposals = units[u].nproposals > d->nproposals ? units[u].nproposals : d->nproposals;
    if (!units_fit(d, why, cap))
        return false;
    d->proposal = zero_rows((n + 1) * d->nproposals);
    d->settlement = zero_rows((n + 1) * d->nproposals);
    d->baseline = zero_rows(n + 1);
    for (int u = 0; u < n; u++)
        if (!add_unit(d, u)) {
            snprintf(why, cap, "the district's total is too large to add up");
            return false;
        }
    return true;
}

void district_cost_free(DistrictCost *d)
{
    free(d->proposal);
    free(d->settlement);
    free(d->baseline);
    *d = (DistrictCost){0};
}
