/* cost_comp.c: total compensation over a costing (cost_comp.h). */
#include "cost_comp.h"

static bool add_to(Rat *sum, Rat v)
{
    return rat_add(*sum, v, sum) == RAT_OK;
}

static bool too_large(const Costing *c, const char *what, EngineError *e)
{
    *e = (EngineError){.kind = FAIL_SUM, .roster = c ? c->roster : NULL, .name = what};
    return false;
}

bool cost_has_comp(const Costing *c)
{
    return c->ncomp > 0;
}

/* Year y's parts and total, and each added to the term's. */
static bool comp_year(const Costing *c, int y, Compensation *m)
{
    m->one_time[y] = c->one_time[y];
    if (rat_sub(c->lines[c->total_line].sum[y], c->one_time[y], &m->wages[y]) != RAT_OK)
        return false;
    m->roll_up[y] = m->benefits[y] = rat_int(0);
    for (int i = 0; i < c->ncomp; i++)
        if (!add_to(c->comp[i].cost == COST_ROLL_UP ? &m->roll_up[y] : &m->benefits[y], c->comp[i].sum[y]))
            return false;
    m->total[y] = c->lines[c->total_line].sum[y];
    return add_to(&m->total[y], m->roll_up[y]) && add_to(&m->total[y], m->benefits[y]) &&
           add_to(&m->wages[COMP_ALL], m->wages[y]) && add_to(&m->one_time[COMP_ALL], m->one_time[y]) &&
           add_to(&m->roll_up[COMP_ALL], m->roll_up[y]) && add_to(&m->benefits[COMP_ALL], m->benefits[y]) &&
           add_to(&m->total[COMP_ALL], m->total[y]);
}

/* Year y's increase over the year before and over the base year. */
static bool comp_increase(Compensation *m, int y)
{
    return rat_sub(m->total[y], m->total[y - 1], &m->increase[y]) == RAT_OK &&
           rat_sub(m->total[y], m->total[0], &m->over_base[y]) == RAT_OK && add_to(&m->increase[COMP_ALL], m->increase[y]) &&
           add_to(&m->over_base[COMP_ALL], m->over_base[y]);
}

static bool share(Rat part, Rat base, Rat *out)
{
    return rat_div(part, base, out) == RAT_OK;
}

bool cost_compensation(const Costing *c, Compensation *m, EngineError *e)
{
    *m = (Compensation){.nyears = c->nyears};
    for (int y = 0; y <= COMP_ALL; y++)
        m->wages[y] = m->one_time[y] = m->roll_up[y] = m->benefits[y] = m->total[y] = m->increase[y] = m->over_base[y] =
            m->increase_share[y] = m->over_base_share[y] = rat_int(0);
    for (int y = 0; y < c->nyears; y++)
        if (!comp_year(c, y, m))
            return too_large(c, "total compensation", e);
    for (int y = 1; y < c->nyears; y++)
        if (!comp_increase(m, y))
            return too_large(c, "total compensation", e);
    m->has_base = !rat_is_zero(m->total[0]);
    for (int y = 1; m->has_base && y < c->nyears; y++)
        if (!share(m->increase[y], m->total[0], &m->increase_share[y]) ||
            !share(m->over_base[y], m->total[0], &m->over_base_share[y]))
            return too_large(c, "total compensation", e);
    if (m->has_base && c->nyears > 1 &&
        (!share(m->increase[COMP_ALL], m->total[0], &m->increase_share[COMP_ALL]) ||
         !share(m->over_base[COMP_ALL], m->total[0], &m->over_base_share[COMP_ALL])))
        return too_large(c, "total compensation", e);
    return true;
}

static bool minus(const Rat *p, const Rat *b, Rat *out, int y)
{
    return rat_sub(p[y], b[y], &out[y]) == RAT_OK;
}

bool cost_compensation_change(const Compensation *p, const Compensation *b, Compensation *d, EngineError *e)
{
    *d = (Compensation){.nyears = p->nyears};
    for (int y = 0; y <= COMP_ALL; y++) {
        d->increase[y] = d->over_base[y] = d->increase_share[y] = d->over_base_share[y] = rat_int(0);
        if (!minus(p->wages, b->wages, d->wages, y) || !minus(p->one_time, b->one_time, d->one_time, y) ||
            !minus(p->roll_up, b->roll_up, d->roll_up, y) || !minus(p->benefits, b->benefits, d->benefits, y) ||
            !minus(p->total, b->total, d->total, y))
            return too_large(NULL, "total compensation", e);
    }
    return true;
}
