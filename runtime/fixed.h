/* fixed.h: numbers as 64-bit integers at one scale, for the lane
 * (lane.c).
 *
 * A number x is held as x * scale, exactly, with |x * scale| <= RAT_LIMIT,
 * scale 10^places for places 2 to FIXED_MAX_PLACES (one for the whole
 * contract): at 10^2, $46.54 is 4654 and 12 is 1200.  A number that is
 * not a whole number at the scale (1/3, 0.875 at 10^2) is not held, and
 * the row is given back to the Rat path.  Each value held is a Rat within
 * the limits (its lowest terms have |n| <= |v| and d <= scale), which is
 * why every result is kept within RAT_LIMIT: a result the lane gives is
 * then one the Rat path gives too, without failing.
 */
#ifndef TERMS_FIXED_H
#define TERMS_FIXED_H

#include <stdbool.h>
#include <stdint.h>
#include "gnuc.h"
#include "rat.h"

#define FIXED_MAX_PLACES 6

static const int64_t fixed_pow10[19] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, INT64_C(10000000000),
    INT64_C(100000000000), INT64_C(1000000000000), INT64_C(10000000000000), INT64_C(100000000000000),
    INT64_C(1000000000000000), INT64_C(10000000000000000), INT64_C(100000000000000000), INT64_C(1000000000000000000),
};

/* |v| <= RAT_LIMIT, in one unsigned comparison */
static inline bool fixed_within(int64_t v)
{
    return (uint64_t)v + (uint64_t)RAT_LIMIT <= 2 * (uint64_t)RAT_LIMIT;
}

static inline bool fixed_within128(i128 v)
{
    return v >= -(i128)RAT_LIMIT && v <= (i128)RAT_LIMIT;
}

/* a at scale, if its denominator divides scale and the result is within
 * the limit. */
static inline bool fixed_of_rat(Rat a, int64_t scale, int64_t *out)
{
    if (a.d != 1 && (a.d <= 0 || a.d > scale || scale % a.d != 0))
        return false;
    i128 v = (i128)a.n * (scale / a.d);
    if (!fixed_within128(v))
        return false;
    *out = (int64_t)v;
    return true;
}

/* v / 10^places as a Rat in lowest terms */
static inline Rat fixed_to_rat(int64_t v, int places)
{
    return rat_scaled(v, places);
}

/* Whether the magnitude q + r/d (0 < d, 0 <= r < d) of a value, negative
 * or not, goes away from zero to q + 1 with mode: as rat_round decides. */
static inline bool fixed_away(uint64_t q, u128 r, u128 d, bool negative, RoundMode mode)
{
    if (r == 0)
        return false;
    switch (mode) {
    case ROUND_FLOOR: return negative;
    case ROUND_CEIL: return !negative;
    case ROUND_TRUNC: return false;
    default: break;
    }
    if (r != d - r)
        return r > d - r;
    switch (mode) { /* exactly half-way */
    case ROUND_HALF_UP: return true;
    case ROUND_HALF_DOWN: return false;
    default: return q & 1; /* to even */
    }
}

/* n / d (d > 0) rounded to a whole number with mode, in 64 bits: the
 * commonest rounding (a daily rate, a prorated salary).  Half up is one
 * comparison: r >= d - r, false for r = 0. */
static inline int64_t fixed_round_div64(int64_t n, int64_t d, RoundMode mode)
{
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n, e = (uint64_t)d, q = m / e, r = m % e;
    q += mode == ROUND_HALF_UP ? r >= e - r : fixed_away(q, r, e, n < 0, mode);
    return n < 0 ? -(int64_t)q : (int64_t)q;
}

/* n / d (d != 0) rounded to a whole number with mode, if within the
 * limit.  In 64 bits when both fit, the commonest case by far. */
static inline bool fixed_round_div(i128 n, i128 d, RoundMode mode, int64_t *out)
{
    bool negative = (n < 0) != (d < 0);
    u128 m = n < 0 ? (u128)0 - (u128)n : (u128)n, e = d < 0 ? (u128)0 - (u128)d : (u128)d, q, r;
    if ((m | e) >> 64 == 0) {
        uint64_t m64 = (uint64_t)m, e64 = (uint64_t)e;
        q = m64 / e64;
        r = m64 % e64;
    } else {
        q = m / e;
        r = m % e;
    }
    if (q > (u128)RAT_LIMIT)
        return false;
    q += fixed_away((uint64_t)q, r, e, negative, mode);
    if (q > (u128)RAT_LIMIT)
        return false;
    *out = negative ? -(int64_t)q : (int64_t)q;
    return true;
}

#endif
