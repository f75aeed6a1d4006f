/* rat.c: exact rationals.  See rat.h.
 *
 * Every result is reduced to lowest terms and then checked against
 * RAT_LIMIT, so both parts fit in 64 bits and any product of two parts
 * fits in 128.  The common cases (whole numbers, equal denominators such
 * as cents plus cents) skip the gcd.
 */
#include "rat.h"
#include "gnuc.h"

#include <string.h>


/* Stein's binary gcd: shifts and subtractions, no division. */
static uint64_t gcd64(uint64_t a, uint64_t b)
{
    if (a == 0)
        return b;
    if (b == 0)
        return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) {
            uint64_t t = a;
            a = b;
            b = t;
        }
        b -= a;
    } while (b);
    return a << shift;
}

static u128 gcd128(u128 a, u128 b)
{
    if ((a >> 64) == 0 && (b >> 64) == 0)
        return gcd64((uint64_t)a, (uint64_t)b);
    while (b) {
        u128 t = a % b;
        a = b;
        b = t;
        if ((a >> 64) == 0 && (b >> 64) == 0)
            return gcd64((uint64_t)a, (uint64_t)b);
    }
    return a;
}

/* m / 5 if 5 divides m: multiplying by the inverse of 5 modulo 2^64 gives
 * the quotient of an exact division, and a number above UINT64_MAX / 5 for
 * any other. */
static bool div5(uint64_t *m)
{
    uint64_t q = *m * UINT64_C(0xCCCCCCCCCCCCCCCD);
    if (q > UINT64_MAX / 5)
        return false;
    *m = q;
    return true;
}

/* m/100 into lowest terms: den gets 100 / gcd(m, 100) and m is divided by
 * the same.  m | 4 caps the 2s at two and makes m == 0 come out as 0/1. */
static inline uint64_t cents_lowest(uint64_t *m)
{
    static const uint8_t den_after_fives[3] = {100, 20, 4};
    int twos = __builtin_ctzll(*m | 4);
    int fives = 0;
    *m >>= twos;
    if (div5(m)) {
        fives = 1;
        if (div5(m))
            fives = 2;
    }
    return (uint64_t)den_after_fives[fives] >> twos;
}

/* n/d into lowest terms when both fit in 64 bits and 0 < d < 2^32, as
 * money and decimal denominators (2^a 5^b) nearly always do: gcd(n, d) is
 * gcd(n mod d, d), so one 64-bit division leaves a gcd of small numbers. */
static inline RatStatus make_small(int64_t n, int64_t d, Rat *out)
{
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    uint64_t den = (uint64_t)d;
    if (den == 100) { /* cents, the commonest: 2^2 5^2 */
        den = cents_lowest(&m);
    } else if (den != 1 && m == 0) {
        den = 1;
    } else if (den != 1) {
        /* den = 2^a 5^b (cents, thousandths): cancel 2s by shifting and 5s
         * by exact division; anything else through the gcd */
        int a = __builtin_ctzll(den);
        uint64_t odd = den >> a;
        int b = 0;
        while (div5(&odd))
            b++;
        if (odd == 1) {
            int twos = __builtin_ctzll(m);
            if (twos > a)
                twos = a;
            m >>= twos;
            den >>= twos;
            for (; b > 0 && div5(&m); b--)
                div5(&den);
        } else {
            uint64_t g = gcd64(m % den, den);
            if (g > 1) {
                m /= g;
                den /= g;
            }
        }
    }
    if (m > (uint64_t)RAT_LIMIT)
        return RAT_OVERFLOW;
    out->n = n < 0 ? -(int64_t)m : (int64_t)m;
    out->d = (int64_t)den;
    return RAT_OK;
}

/* n/d with d > 0 into lowest terms within the limit. */
static RatStatus make(i128 n, i128 d, Rat *out)
{
    if (d > 0 && d <= UINT32_MAX && n > INT64_MIN && n <= INT64_MAX)
        return make_small((int64_t)n, (int64_t)d, out);
    if (d == 0)
        return RAT_DIV_ZERO;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (d != 1) {
        u128 g = gcd128(n < 0 ? (u128)-n : (u128)n, (u128)d);
        if (g > 1) {
            n /= (i128)g;
            d /= (i128)g;
        }
    }
    if (n > RAT_LIMIT || n < -RAT_LIMIT || d > RAT_LIMIT)
        return RAT_OVERFLOW;
    out->n = (int64_t)n;
    out->d = (int64_t)d;
    return RAT_OK;
}

Rat rat_scaled(int64_t v, int scale)
{
    i128 d = 1;
    for (int i = 0; i < scale; i++)
        d *= 10;
    Rat r = {0, 1};
    make(v, d, &r);
    return r;
}

bool rat_is_zero(Rat a) { return a.n == 0; }
bool rat_is_int(Rat a) { return a.d == 1; }
int rat_sign(Rat a) { return (a.n > 0) - (a.n < 0); }
bool rat_eq(Rat a, Rat b) { return a.n == b.n && a.d == b.d; }
Rat rat_neg(Rat a) { return (Rat){-a.n, a.d}; }
Rat rat_abs(Rat a) { return (Rat){a.n < 0 ? -a.n : a.n, a.d}; }

int rat_cmp(Rat a, Rat b)
{
    if (a.d == b.d)
        return (a.n > b.n) - (a.n < b.n);
    i128 l = (i128)a.n * b.d, r = (i128)b.n * a.d;
    return (l > r) - (l < r);
}

/* 100 / d for the denominators that divide 100, else 0 */
static const int8_t cents_per[101] = {
    [1] = 100, [2] = 50, [4] = 25, [5] = 20, [10] = 10, [20] = 5, [25] = 4, [50] = 2, [100] = 1,
};

/* An amount's cents per unit, 100 / a.d, when a.d divides 100; else 0. */
static inline int64_t cents_of(Rat a)
{
    return (uint64_t)a.d <= 100 ? cents_per[a.d] : 0;
}

/* a + b, the general way: a sum of 128-bit products reduced by the gcd */
static NOINLINE RatStatus add_any(Rat a, Rat b, Rat *out)
{
    if (a.d == b.d)
        return make((i128)a.n + b.n, a.d, out);
    return make((i128)a.n * b.d + (i128)b.n * a.d, (i128)a.d * b.d, out);
}

/* Always inlined: the VM adds on every row (op_arith, ops.h) and GCC's
 * link-time inliner leaves rat_add out of its loop; the general case stays
 * out of line, so each copy is the fast paths alone. */
ALWAYS_INLINE RatStatus rat_add(Rat a, Rat b, Rat *out)
{
    if (a.n == 0 || b.n == 0) { /* a component's sum starts from 0 */
        /* field by field: a struct copy here goes through the stack */
        out->n = a.n == 0 ? b.n : a.n;
        out->d = a.n == 0 ? b.d : a.d;
        return RAT_OK;
    }
    if ((a.d | b.d) == 1) {
        int64_t n = a.n + b.n; /* both within 10^18: no wrap */
        if (n > RAT_LIMIT || n < -RAT_LIMIT)
            return RAT_OVERFLOW;
        out->n = n;
        out->d = 1;
        return RAT_OK;
    }
    if (a.d == 1 || b.d == 1) {
        /* a whole number w and a fraction n/d: (n + w d)/d is in lowest
         * terms already, as gcd(n + w d, d) = gcd(n, d) = 1.  A product or
         * sum past 64 bits is past the limit, as |n| is within it. */
        int64_t w = a.d == 1 ? a.n : b.n, n = a.d == 1 ? b.n : a.n, d = a.d == 1 ? b.d : a.d, wd;
        if (__builtin_mul_overflow(w, d, &wd) || __builtin_add_overflow(n, wd, &n) || n > RAT_LIMIT || n < -RAT_LIMIT)
            return RAT_OVERFLOW;
        out->n = n;
        out->d = d;
        return RAT_OK;
    }
    /* amounts in cents or coarser: add cents, no 128-bit products, and
     * reduce the cents over 100 without a gcd */
    int64_t ka = cents_of(a), kb = cents_of(b), ca, cb, c;
    if (ka && kb && !__builtin_mul_overflow(a.n, ka, &ca) && !__builtin_mul_overflow(b.n, kb, &cb) &&
        !__builtin_add_overflow(ca, cb, &c)) {
        uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
        uint64_t den = cents_lowest(&m);
        if (m > (uint64_t)RAT_LIMIT)
            return RAT_OVERFLOW;
        out->n = c < 0 ? -(int64_t)m : (int64_t)m;
        out->d = (int64_t)den;
        return RAT_OK;
    }
    return add_any(a, b, out);
}

bool rat_cents(Rat a, int64_t limit, int64_t *cents)
{
    int64_t k = cents_of(a);
    return k && !__builtin_mul_overflow(a.n, k, cents) && *cents <= limit && *cents >= -limit;
}

Rat rat_of_cents(int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
    uint64_t den = cents_lowest(&m);
    return (Rat){c < 0 ? -(int64_t)m : (int64_t)m, (int64_t)den};
}

RatStatus rat_sub(Rat a, Rat b, Rat *out)
{
    return rat_add(a, rat_neg(b), out);
}

RatStatus rat_mul(Rat a, Rat b, Rat *out)
{
    if ((a.n == 1 && a.d == 1) || (b.n == 1 && b.d == 1)) { /* fte 1.000 */
        *out = a.n == 1 && a.d == 1 ? b : a;
        return RAT_OK;
    }
    if (a.n == 0 || b.n == 0) { /* a rate times hours not worked */
        *out = (Rat){0, 1};
        return RAT_OK;
    }
    return make((i128)a.n * b.n, (i128)a.d * b.d, out);
}

RatStatus rat_div(Rat a, Rat b, Rat *out)
{
    if (b.n == 0)
        return RAT_DIV_ZERO;
    return make((i128)a.n * b.d, (i128)a.d * b.n, out);
}

/* floor(n / d) for d > 0, and the remainder (0 <= r < d). */
static i128 floor_div(i128 n, i128 d, i128 *rem)
{
    i128 q, r;
    if (n >= INT64_MIN && n <= INT64_MAX && d <= INT64_MAX) { /* 64-bit division when it will do */
        q = (int64_t)n / (int64_t)d;
        r = (int64_t)n % (int64_t)d;
    } else {
        q = n / d;
        r = n % d;
    }
    if (r < 0) {
        q -= 1;
        r += d;
    }
    *rem = r;
    return q;
}

/* Whether a value q + r/d (0 < r/d < 1, q even or not as odd says) rounds
 * up to q + 1 with mode; half is the sign of 2r - d.  The one place the
 * rounding modes are decided, for the 128-bit and the 64-bit paths. */
static bool rounds_up(int half, bool negative, bool odd, RoundMode mode)
{
    switch (mode) {
    case ROUND_FLOOR: return false;
    case ROUND_CEIL: return true;
    case ROUND_TRUNC: return negative;
    default: break;
    }
    if (half != 0)
        return half > 0;
    /* exactly half-way between q and q + 1 */
    switch (mode) {
    case ROUND_HALF_UP: return !negative;
    case ROUND_HALF_DOWN: return negative;
    default: return odd;
    }
}

/* The whole number a rounds to with mode (a = n/d, d > 0). */
static i128 round_whole(i128 n, i128 d, RoundMode mode)
{
    i128 r;
    i128 q = floor_div(n, d, &r); /* n/d = q + r/d, 0 <= r/d < 1 */
    if (r == 0)
        return q;
    i128 twice = 2 * r;
    return q + rounds_up((twice > d) - (twice < d), n < 0, q % 2 != 0, mode);
}

static bool pow10_128(int k, i128 *out)
{
    if (k > 36)
        return false;
    i128 p = 1;
    for (int i = 0; i < k; i++)
        p *= 10;
    *out = p;
    return true;
}

/* round_whole for n/d in 64 bits (d > 0): the same decisions, without
 * 128-bit arithmetic, for the common case of an amount rounded to cents. */
static inline int64_t round_whole64(int64_t n, int64_t d, RoundMode mode)
{
    int64_t q = n / d, r = n % d;
    if (r < 0) {
        q -= 1;
        r += d;
    }
    if (r == 0)
        return q;
    uint64_t twice = 2 * (uint64_t)r;
    return q + rounds_up((twice > (uint64_t)d) - (twice < (uint64_t)d), n < 0, q % 2 != 0, mode);
}

static const int64_t pow10_64[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

RatStatus rat_round(Rat a, int places, RoundMode mode, Rat *out)
{
    if (a.d == 1 && places >= 0) {
        *out = a;
        return RAT_OK;
    }
    if (places >= 0 && places <= 9) {
        int64_t s = pow10_64[places];
        if (a.n <= INT64_MAX / s && a.n >= -(INT64_MAX / s))
            return make_small(round_whole64(a.n * s, a.d, mode), s, out);
    }
    i128 scale;
    if (places >= 0) {
        if (!pow10_128(places, &scale))
            return RAT_OVERFLOW;
        /* a * 10^places rounded to a whole number, over 10^places */
        return make(round_whole((i128)a.n * scale, a.d, mode), scale, out);
    }
    if (!pow10_128(-places, &scale))
        return RAT_OVERFLOW;
    i128 w = round_whole(a.n, (i128)a.d * scale, mode);
    return make(w * scale, 1, out);
}


/* n / d (d != 0, not reduced) rounded to places, when n and d are within
 * the limit, so that n / d in lowest terms is too, and n * 10^places fits
 * in 64 bits. */
static NOINLINE bool round_fraction_small(int64_t n1, int64_t n2, int64_t d1, int64_t d2, int places, RoundMode mode, Rat *out)
{
    int64_t n, d, scaled;
    if (places < 0 || places > 9 || __builtin_mul_overflow(n1, n2, &n) || __builtin_mul_overflow(d1, d2, &d) || d == 0 ||
        n > RAT_LIMIT || n < -RAT_LIMIT || d > RAT_LIMIT || d < -RAT_LIMIT)
        return false;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    if (__builtin_mul_overflow(n, pow10_64[places], &scaled))
        return false;
    return make_small(round_whole64(scaled, d, mode), pow10_64[places], out) == RAT_OK;
}

/* q cents (q <= RAT_LIMIT) with the sign negative, in lowest terms. */
static inline bool cents_out(uint64_t q, bool negative, Rat *out)
{
    uint64_t d = cents_lowest(&q);
    out->n = negative ? -(int64_t)q : (int64_t)q;
    out->d = (int64_t)d;
    return true;
}

/* round_to_cents in every mode.  |value| = q + r/den, and rounding it away
 * from zero is rounding up for a positive value and down for a negative
 * one, whose floor is -(q + 1) + (den - r)/den: the half-way test flips and
 * so does the parity.  Out of line, so the half-up path calls nothing. */
static NOINLINE bool round_to_cents_any(uint64_t num, uint64_t den, bool negative, RoundMode mode, Rat *out)
{
    uint64_t q = num / den, r = num % den;
    if (r != 0) {
        int half = (r > den - r) - (r < den - r);
        bool odd = q & 1;
        q += negative ? !rounds_up(-half, true, !odd, mode) : rounds_up(half, false, odd, mode);
    }
    return cents_out(q, negative, out);
}

/* num/den (den > 0, num <= RAT_LIMIT) with the sign negative, rounded with
 * mode to a whole number of cents: the amount those cents are, in lowest
 * terms.  The cents are at most num, so within the limit. */
static inline bool round_to_cents(uint64_t num, uint64_t den, bool negative, RoundMode mode, Rat *out)
{
    if (mode != ROUND_HALF_UP)
        return round_to_cents_any(num, den, negative, mode, out);
    /* the contracts' usual mode: away from zero from the half on */
    uint64_t q = num / den, r = num % den;
    return cents_out(q + (r >= den - r), negative, out);
}

static inline uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* a / b and a * b to cents, the commonest rounding, for an amount a in cents
 * or coarser (a.d divides 100): a is a.n * k cents (k = 100 / a.d), so a / b
 * is a.n * k * b.d / b.n cents and a * b is a.n * k * b.n / b.d, each one
 * 64-bit division and a rounding.  Taken when the numerator of a / b
 * (a * b) before reduction, |a.n| * b.d (|a.n * b.n|), and |b.n| (b.d) are
 * below RAT_LIMIT / 100: with a.d <= 100 the denominator is then below
 * RAT_LIMIT, so the quotient is certain to be within the limits, as in
 * round_fraction_small, and its cents, at most 100 times the numerator, are
 * below RAT_LIMIT too. */
#define CENTS_LIMIT ((uint64_t)(RAT_LIMIT / 100))

bool rat_div_round_small(Rat a, Rat b, int places, RoundMode mode, Rat *out)
{
    int64_t k = places == 2 ? cents_of(a) : 0;
    /* a daily rate: an amount of no sign over a count (the unsigned
     * comparisons fail for a negative one), with no magnitudes to take */
    if (k && b.d == 1 && (uint64_t)a.n < CENTS_LIMIT && (uint64_t)b.n - 1 < CENTS_LIMIT)
        return round_to_cents((uint64_t)a.n * (uint64_t)k, (uint64_t)b.n, false, mode, out);
    if (k) {
        uint64_t p = magnitude(a.n), bn = magnitude(b.n);
        if ((b.d == 1 || !__builtin_mul_overflow(p, (uint64_t)b.d, &p)) && p < CENTS_LIMIT && bn - 1 < CENTS_LIMIT)
            return round_to_cents(p * (uint64_t)k, bn, (a.n ^ b.n) < 0, mode, out);
    }
    return round_fraction_small(a.n, b.d, a.d, b.n, places, mode, out);
}

bool rat_mul_round_small(Rat a, Rat b, int places, RoundMode mode, Rat *out)
{
    if (places == 2) {
        int64_t k = cents_of(a);
        if (k == 0) { /* the amount on the right: fte * amount */
            Rat t = a;
            a = b;
            b = t;
            k = cents_of(a);
        }
        if (k && b.n == 1 && b.d == 1) { /* an amount in cents times 1 (FTE 1.000) */
            *out = a;
            return true;
        }
        uint64_t p;
        /* neither negative: the product of the two as unsigned numbers
         * is below the limit only then, or when one is 0 and so is the
         * result, whatever its sign */
        if (k && (uint64_t)b.d < CENTS_LIMIT && !__builtin_mul_overflow((uint64_t)a.n, (uint64_t)b.n, &p) && p < CENTS_LIMIT)
            return round_to_cents(p * (uint64_t)k, (uint64_t)b.d, false, mode, out);
        if (k && !__builtin_mul_overflow(magnitude(a.n), magnitude(b.n), &p) && p < CENTS_LIMIT &&
            (uint64_t)b.d < CENTS_LIMIT)
            return round_to_cents(p * (uint64_t)k, (uint64_t)b.d, (a.n ^ b.n) < 0, mode, out);
    }
    return round_fraction_small(a.n, b.n, a.d, b.d, places, mode, out);
}

RatStatus rat_to_int64(Rat a, RoundMode mode, int64_t *out)
{
    i128 w = round_whole(a.n, a.d, mode);
    if (w > INT64_MAX || w < INT64_MIN)
        return RAT_OVERFLOW;
    *out = (int64_t)w;
    return RAT_OK;
}

RatStatus rat_parse(const char *s, size_t len, bool allow_money, Rat *out)
{
    size_t i = 0;
    bool negative = false;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
    if (allow_money && i < len && s[i] == '$')
        i++;
    i128 n = 0, d = 1;
    int digits = 0, group = -1; /* digits since the last comma, -1 before any comma */
    bool too_big = false;
    for (; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == ','); i++) {
        if (s[i] == ',') {
            if (!allow_money || digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return RAT_SYNTAX;
            group = 0;
            continue;
        }
        if (n > (i128)RAT_LIMIT * 10)
            too_big = true;
        else
            n = n * 10 + (s[i] - '0');
        digits++;
        if (group >= 0)
            group++;
    }
    if (group >= 0 && group != 3)
        return RAT_SYNTAX;
    if (i < len && s[i] == '.') {
        i++;
        int frac = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, frac++) {
            /* n too: a long integer part has made it large already */
            if (d > (i128)RAT_LIMIT * 10 || n > (i128)RAT_LIMIT * RAT_LIMIT) {
                too_big = true;
                continue;
            }
            n = n * 10 + (s[i] - '0');
            d *= 10;
        }
        if (frac == 0)
            return RAT_SYNTAX;
        digits += frac;
    }
    if (i != len || digits == 0)
        return RAT_SYNTAX;
    if (too_big)
        return RAT_OVERFLOW;
    return make(negative ? -n : n, d, out);
}

/* Digits of v backwards from p: in 64 bits when v fits, as it nearly
 * always does (128-bit division by 10 is a slow library call). */
static char *digits(char *p, u128 v, int at_least, bool commas)
{
    int count = 0;
    uint64_t small = (uint64_t)v;
    bool fits = (v >> 64) == 0;
    do {
        if (commas && count > 0 && count % 3 == 0)
            *--p = ',';
        if (fits) {
            *--p = (char)('0' + (int)(small % 10));
            small /= 10;
        } else {
            *--p = (char)('0' + (int)(v % 10));
            v /= 10;
            if ((v >> 64) == 0) {
                fits = true;
                small = (uint64_t)v;
            }
        }
        count++;
    } while ((fits ? small != 0 : v != 0) || count < at_least);
    return p;
}

/* sign, integer part with optional thousands commas, '.', places digits */
static size_t write_fixed(bool negative, u128 whole, u128 frac, int places, bool commas, bool dollar, char *buf, size_t cap)
{
    char tmp[128];
    char *end = tmp + sizeof tmp;
    char *p = end;
    if (places > 0) {
        p = digits(p, frac, places, false);
        *--p = '.';
    }
    p = digits(p, whole, 1, commas);
    if (dollar)
        *--p = '$';
    if (negative)
        *--p = '-';
    size_t n = (size_t)(end - p);
    if (n > cap)
        return 0;
    memcpy(buf, p, n);
    return n;
}

/* Amounts below this many units print through cents_fast. */
#define CENTS_FAST INT64_C(90000000000000000)

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* v's digits, ending just before end; returns where they start. */
static char *u64_back(char *end, uint64_t v)
{
    while (v >= 100) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, digit_pairs + 2 * v, 2);
    } else {
        *--end = (char)('0' + v);
    }
    return end;
}

/* "-123.45" from a whole number of cents: the hot path of every output. */
static size_t cents_fast(int64_t cents, char *buf)
{
    char tmp[32];
    char *end = tmp + sizeof tmp;
    uint64_t m = cents < 0 ? (uint64_t)-cents : (uint64_t)cents;
    end -= 2;
    memcpy(end, digit_pairs + 2 * (m % 100), 2);
    *--end = '.';
    char *p = u64_back(end, m / 100);
    if (cents < 0)
        *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(buf, p, n);
    return n;
}

static size_t format_places(Rat a, int places, RoundMode mode, bool commas, bool dollar, char *buf, size_t cap)
{
    if (places < 0 || places > 30)
        return 0;
    if (places == 2 && !commas && !dollar && 100 % a.d == 0 && a.n < CENTS_FAST && a.n > -CENTS_FAST && cap >= 24)
        return cents_fast(a.n * (100 / a.d), buf);
    i128 scale;
    pow10_128(places, &scale);
    /* the common case, cents of an amount in cents or coarser: no rounding */
    i128 w = scale % a.d == 0 ? (i128)a.n * (scale / a.d) : round_whole((i128)a.n * scale, a.d, mode);
    bool negative = w < 0;
    u128 m = negative ? (u128)-w : (u128)w;
    if ((m >> 64) == 0 && places <= 18) {
        uint64_t s64 = (uint64_t)scale, m64 = (uint64_t)m;
        return write_fixed(negative, m64 / s64, m64 % s64, places, commas, dollar, buf, cap);
    }
    return write_fixed(negative, m / (u128)scale, m % (u128)scale, places, commas, dollar, buf, cap);
}

size_t rat_format_fixed(Rat a, int places, RoundMode mode, char *buf, size_t cap)
{
    return format_places(a, places, mode, false, false, buf, cap);
}

size_t rat_format_money(Rat a, RoundMode mode, char *buf, size_t cap)
{
    return format_places(a, 2, mode, true, true, buf, cap);
}

size_t rat_format(Rat a, int max_places, RoundMode mode, char *buf, size_t cap)
{
    if (a.d == 1) {
        char tmp[32];
        char *end = tmp + sizeof tmp;
        char *p = u64_back(end, a.n < 0 ? (uint64_t)0 - (uint64_t)a.n : (uint64_t)a.n);
        if (a.n < 0)
            *--p = '-';
        size_t n = (size_t)(end - p);
        if (n > cap)
            return 0;
        for (size_t i = 0; i < n; i++)
            buf[i] = p[i];
        return n;
    }
    /* the fewest places that hold a exactly, if any up to max_places do */
    int places = max_places;
    i128 scale = 1;
    for (int k = 0; k <= max_places; k++) {
        if ((scale % a.d) == 0) {
            places = k;
            break;
        }
        scale *= 10;
    }
    size_t n = format_places(a, places, mode, false, false, buf, cap);
    if (places == max_places && n > 0) {
        /* rounded: drop trailing zeros, and the point if nothing follows it */
        while (n > 0 && buf[n - 1] == '0')
            n--;
        if (n > 0 && buf[n - 1] == '.')
            n--;
        if (n == 2 && buf[0] == '-' && buf[1] == '0')
            buf[0] = '0', n = 1;
    }
    return n;
}

int rat_decimal_places(Rat a)
{
    int64_t d = a.d;
    int twos = __builtin_ctzll((uint64_t)d), fives = 0;
    d >>= twos;
    while (d % 5 == 0) {
        d /= 5;
        fives++;
    }
    return d != 1 ? -1 : twos > fives ? twos : fives;
}

/* a in decimal, by long division: the whole part (with commas and '$' if
 * money), then `places` decimals, cut where they stop (not rounded). */
static size_t long_division(Rat a, int places, bool money, char *buf, size_t cap)
{
    char tmp[160];
    uint64_t m = magnitude(a.n), d = (uint64_t)a.d, rem = m % d;
    char *p = digits(tmp + 32, m / d, 1, money);
    if (money)
        *--p = '$';
    if (a.n < 0)
        *--p = '-';
    char *q = tmp + 32;
    if (places > 0)
        *q++ = '.';
    for (int i = 0; i < places && q < tmp + sizeof tmp; i++) {
        rem *= 10; /* below 10^19: fits */
        *q++ = (char)('0' + rem / d);
        rem %= d;
    }
    size_t n = (size_t)(q - p);
    if (n > cap)
        return 0;
    memcpy(buf, p, n);
    return n;
}

size_t rat_format_exact(Rat a, int min_places, char *buf, size_t cap)
{
    int places = rat_decimal_places(a);
    if (places >= 0)
        return long_division(a, places > min_places ? places : min_places, false, buf, cap);
    char tmp[48], *end = tmp + sizeof tmp;
    char *p = u64_back(end, (uint64_t)a.d);
    *--p = '/';
    p = u64_back(p, magnitude(a.n));
    if (a.n < 0)
        *--p = '-';
    size_t n = (size_t)(end - p);
    if (n > cap)
        return 0;
    memcpy(buf, p, n);
    return n;
}

size_t rat_format_long(Rat a, int min_places, int figures, bool money, char *buf, size_t cap, bool *cut)
{
    int places = rat_decimal_places(a);
    *cut = places < 0;
    if (*cut) {
        /* figures decimals past the zeros after the point, if it has them */
        uint64_t d = (uint64_t)a.d, rem = magnitude(a.n) % d;
        places = figures;
        if (magnitude(a.n) < d)
            for (; rem * 10 < d; rem *= 10)
                places++;
    }
    return long_division(a, places > min_places ? places : min_places, money, buf, cap);
}

const char *rat_status_text(RatStatus s)
{
    switch (s) {
    case RAT_OK: return "ok";
    case RAT_OVERFLOW: return "amount too large (over 10^18)";
    case RAT_DIV_ZERO: return "division by zero";
    case RAT_SYNTAX: return "not a number";
    case RAT_DOMAIN: return "an argument out of range";
    }
    return "?";
}
