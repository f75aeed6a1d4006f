/* builtins.c: the built-in functions, one table (see builtins.h): their
 * names, signatures for the checker, and implementations for the VM. */
#include "builtins.h"

#include <string.h>

/* round(x, places): places is always passed, the compiler fills in the
 * default; the mode is the contract's for round, fixed for floor and ceil. */
static RatStatus round_with(const Value *args, RoundMode mode, Value *out)
{
    return rat_round(args[0].num, (int)args[1].num.n, mode, &out->num);
}

static RatStatus fn_round(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    return round_with(args, mode, out);
}

static RatStatus fn_floor(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    return round_with(args, ROUND_FLOOR, out);
}

static RatStatus fn_ceil(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    return round_with(args, ROUND_CEIL, out);
}

static RatStatus fn_min(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)mode;
    Rat m = args[0].num;
    for (int i = 1; i < nargs; i++)
        if (rat_cmp(args[i].num, m) < 0)
            m = args[i].num;
    out->num = m;
    return RAT_OK;
}

static RatStatus fn_max(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)mode;
    Rat m = args[0].num;
    for (int i = 1; i < nargs; i++)
        if (rat_cmp(args[i].num, m) > 0)
            m = args[i].num;
    out->num = m;
    return RAT_OK;
}

/* clamp(x, lo, hi); a range given upside down is an error rather than a guess */
static RatStatus fn_clamp(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    Rat x = args[0].num, lo = args[1].num, hi = args[2].num;
    if (rat_cmp(lo, hi) > 0)
        return RAT_DOMAIN;
    out->num = rat_cmp(x, lo) < 0 ? lo : rat_cmp(x, hi) > 0 ? hi : x;
    return RAT_OK;
}

static RatStatus fn_abs(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    out->num = rat_abs(args[0].num);
    return RAT_OK;
}

/* prorate(amount, part, whole) = amount * part / whole, exactly */
static RatStatus fn_prorate(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    Rat share;
    RatStatus st = rat_div(args[1].num, args[2].num, &share);
    if (st != RAT_OK)
        return st;
    return rat_mul(args[0].num, share, &out->num);
}

static RatStatus fn_days_between(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    out->num = rat_int(args[1].i - args[0].i);
    return RAT_OK;
}

/* Whole years from the first date to the second, as an age is counted:
 * 2017-07-01 to 2019-06-30 is 1, to 2019-07-01 is 2. */
static RatStatus fn_years_between(const Value *args, int nargs, RoundMode mode, Value *out)
{
    (void)nargs;
    (void)mode;
    int y0, m0, d0, y1, m1, d1;
    date_to_ymd(args[0].i, &y0, &m0, &d0);
    date_to_ymd(args[1].i, &y1, &m1, &d1);
    int64_t years = y1 - y0;
    if (args[1].i >= args[0].i) {
        if (m1 < m0 || (m1 == m0 && d1 < d0))
            years--;
    } else if (m1 > m0 || (m1 == m0 && d1 > d0)) {
        years++;
    }
    out->num = rat_int(years);
    return RAT_OK;
}

const Builtin builtins[] = {
    {"round", SIG_ROUND, 1, 2, fn_round, AGG_NONE, ROUND_HALF_UP,
     "round(x [, cents | dollars | N]): round with the contract's rule; money to cents by default, a number to a whole"},
    {"floor", SIG_ROUND, 1, 2, fn_floor, AGG_NONE, ROUND_FLOOR, "floor(x [, cents | dollars | N]): round down"},
    {"ceil", SIG_ROUND, 1, 2, fn_ceil, AGG_NONE, ROUND_CEIL, "ceil(x [, cents | dollars | N]): round up"},
    {"min", SIG_SAME, 2, -1, fn_min, AGG_NONE, ROUND_HALF_UP, "min(a, b, ...): the smallest"},
    {"max", SIG_SAME, 2, -1, fn_max, AGG_NONE, ROUND_HALF_UP, "max(a, b, ...): the largest"},
    {"clamp", SIG_SAME, 3, 3, fn_clamp, AGG_NONE, ROUND_HALF_UP, "clamp(x, lo, hi): x, but no less than lo and no more than hi"},
    {"abs", SIG_ONE, 1, 1, fn_abs, AGG_NONE, ROUND_HALF_UP, "abs(x): x without its sign"},
    {"prorate", SIG_PRORATE, 3, 3, fn_prorate, AGG_NONE, ROUND_HALF_UP,
     "prorate(amount, part, whole): amount * part / whole, exactly"},
    {"days_between", SIG_DATES, 2, 2, fn_days_between, AGG_NONE, ROUND_HALF_UP,
     "days_between(from, to): days from one date to another"},
    {"years_between", SIG_DATES, 2, 2, fn_years_between, AGG_NONE, ROUND_HALF_UP,
     "years_between(from, to): whole years from one date to another"},
    {"sum", SIG_AGGREGATE, 1, 1, NULL, AGG_SUM, ROUND_HALF_UP, "sum(x for p in list [if cond]): the total"},
    {"count", SIG_AGGREGATE, 1, 1, NULL, AGG_COUNT, ROUND_HALF_UP,
     "count(list) or count(cond for p in list): how many"},
    {"any", SIG_AGGREGATE, 1, 1, NULL, AGG_ANY, ROUND_HALF_UP, "any(cond for p in list): yes if one is"},
    {"all", SIG_AGGREGATE, 1, 1, NULL, AGG_ALL, ROUND_HALF_UP, "all(cond for p in list): yes if every one is"},
    {"next", SIG_MEMBER, 1, 1, NULL, AGG_NONE, ROUND_HALF_UP, "next(lane): the member after this one, in the enum's order"},
    {"previous", SIG_MEMBER, 1, 1, NULL, AGG_NONE, ROUND_HALF_UP, "previous(lane): the member before this one, in the enum's order"},
};

const int nbuiltins = (int)(sizeof builtins / sizeof builtins[0]);

int builtin_find(const char *name)
{
    for (int i = 0; i < nbuiltins; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return i;
    return -1;
}
