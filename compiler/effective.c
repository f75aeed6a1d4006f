/* effective.c: values that change on a date inside a contract year
 * (effective.h): where a date falls, the weights, and the checker's
 * errors for dates that cannot be used. */
#include "effective.h"

#include "checker.h"

int64_t effective_year_start(const Contract *c, int y)
{
    int yy, mm, dd;
    date_to_ymd(c->term_start, &yy, &mm, &dd);
    int64_t day;
    if (!date_from_ymd(yy + y, mm, dd, &day)) { /* 29 February in a common year: 1 March */
        date_from_ymd(yy + y, mm, dd - 1, &day);
        day++;
    }
    return day;
}

static int years_of(const Contract *c)
{
    return c->years.n ? c->years.n : 1;
}

bool effective_split(const Contract *c, int64_t day, EffectiveSplit *out)
{
    *out = (EffectiveSplit){.year = -1};
    if (!c->has_term)
        return false;
    int n = years_of(c);
    for (int y = 0; y < n; y++) {
        int64_t start = effective_year_start(c, y);
        int64_t end = y + 1 < n ? effective_year_start(c, y + 1) - 1 : c->term_end;
        if (day < start || day > end)
            continue;
        int64_t days = end - start + 1, off = day - start;
        *out = (EffectiveSplit){.year = y, .start = start, .end = end, .units = days, .before = off};
        if (c->pay_periods > 0) {
            /* period k starts on day floor(k * days / N) of the year */
            int64_t k = 0, periods = c->pay_periods;
            while (k < periods && k * days / periods < off)
                k++;
            out->units = periods;
            out->before = k;
            out->periods = true;
        }
        out->weight = (Rat){out->units - out->before, out->units};
        int64_t a = out->weight.n, b = out->weight.d;
        while (b) {
            int64_t t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            out->weight.n /= a;
            out->weight.d /= a;
        }
        if (out->weight.n == 0)
            out->weight.d = 1;
        return true;
    }
    return true;
}

const EffectiveDate *effective_in_year(const Contract *c, const EffectiveDates *from, int year, EffectiveSplit *split)
{
    for (int i = 0; i < from->n; i++)
        if (effective_split(c, from->v[i].day, split) && split->year == year)
            return &from->v[i];
    return NULL;
}

Figure effective_blend(Figure old, Figure now, const EffectiveSplit *split)
{
    bool old_needed = split->weight.n != split->weight.d, now_needed = split->weight.n != 0;
    /* no one may be placed in the cell for part of the year: not for the year */
    if ((old_needed && old.na) || (now_needed && now.na))
        return (Figure){.v = rat_int(0), .na = true};
    if ((old_needed && old.blank) || (now_needed && now.blank))
        return (Figure){.v = rat_int(0), .blank = true};
    Rat diff, part, v;
    if (rat_sub(now.v, old.v, &diff) != RAT_OK || rat_mul(diff, split->weight, &part) != RAT_OK ||
        rat_add(old.v, part, &v) != RAT_OK)
        return (Figure){.v = rat_int(0), .blank = true}; /* too large to hold: the checker reported it */
    return (Figure){.v = v, .blank = false};
}

/* ---- the checker's part ---- */

static const char *date_text(Checker *k, int64_t day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return arena_printf(&k->c->arena, "%04d-%02d-%02d", y, m, d);
}

static const char *year_name(Checker *k, int y)
{
    return k->c->years.n ? arena_printf(&k->c->arena, "\"%s\"", k->c->years.v[y].s) : "the contract year";
}

/* Each date falls in a contract year after the first (in year, if it is
 * not -1), one date a year; what changes is named by what. */
static void check_dates(Checker *k, const EffectiveDates *from, int year, const char *what)
{
    Contract *c = k->c;
    for (int i = 0; i < from->n; i++) {
        const EffectiveDate *e = &from->v[i];
        EffectiveSplit s;
        if (!effective_split(c, e->day, &s)) {
            diag_error(k->d, e->at, "a value that takes effect on a date needs the contract's `term`, to know when each contract year starts");
            return;
        }
        if (s.year < 0) {
            diag_error(k->d, e->at, "%s is outside the term, %s to %s", date_text(k, e->day), date_text(k, c->term_start),
                       date_text(k, c->term_end));
            continue;
        }
        if (year >= 0 && s.year != year) {
            diag_error(k->d, e->at, "%s is in %s, not in %s: a year's new figures take effect during that year", date_text(k, e->day),
                       year_name(k, s.year), year_name(k, year));
            continue;
        }
        if (s.year == 0) {
            diag_error(k->d, e->at, "%s is in the first contract year, %s: %s has no figures from a year before to hold until then",
                       date_text(k, e->day), year_name(k, 0), what);
            continue;
        }
        for (int j = 0; j < i; j++) {
            EffectiveSplit t;
            if (effective_split(c, from->v[j].day, &t) && t.year == s.year) {
                diag_error(k->d, e->at, "%s already changes in %s, on %s: one date a year", what, year_name(k, s.year),
                           date_text(k, from->v[j].day));
                break;
            }
        }
    }
}

void check_effective(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->params.n; i++)
        check_dates(k, &c->params.v[i].from, -1, arena_printf(&c->arena, "`%s`", c->params.v[i].name.s));
    for (int i = 0; i < c->tables.n; i++)
        check_dates(k, &c->tables.v[i].from, -1, arena_printf(&c->arena, "`%s`", c->tables.v[i].name.s));
    for (int i = 0; i < c->schedules.n; i++)
        for (int b = 0; b < c->schedules.v[i].blocks.n; b++) {
            GridDecl *g = &c->schedules.v[i].blocks.v[b];
            int y = g->year ? find_year(k->m, g->year) : -1;
            if (g->from.n && y >= 0)
                check_dates(k, &g->from, y, arena_printf(&c->arena, "`%s`", c->schedules.v[i].name.s));
        }
    if (c->has_settled) {
        EffectiveSplit s;
        if (!effective_split(c, c->settled, &s))
            diag_error(k->d, c->settled_at, "`settled` needs the contract's `term`, to know when each contract year starts");
        else if (s.year < 0)
            diag_error(k->d, c->settled_at, "%s is outside the term, %s to %s", date_text(k, c->settled), date_text(k, c->term_start),
                       date_text(k, c->term_end));
    }
}
