/* The fast paths of exact arithmetic against an oracle of their own: a sum
 * of a whole number and a fraction (no reduction), and the one-step
 * roundings of an amount of no sign over a count or times a factor (no
 * magnitudes), in every mode, at the edges of those paths and past them.
 * The oracle is __int128 arithmetic and Euclid's gcd written here, not
 * rat.c's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "rat.h"

typedef __int128 big;

static big gcd(big a, big b)
{
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    while (b) {
        big t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* n/d (d != 0) in lowest terms, if within the limits */
static bool lowest(big n, big d, Rat *out)
{
    if (d < 0) {
        n = -n;
        d = -d;
    }
    big g = gcd(n, d);
    n /= g;
    d /= g;
    if (n > RAT_LIMIT || n < -RAT_LIMIT || d > RAT_LIMIT)
        return false;
    *out = (Rat){(int64_t)n, (int64_t)d};
    return true;
}

/* round(n / d) to places with mode, from the modes' definitions on the
 * truncated quotient and remainder of |n| 10^places / |d|. */
static bool rounded(big n, big d, int places, RoundMode mode, Rat *out)
{
    bool negative = (n < 0) != (d < 0);
    big scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    big m = (n < 0 ? -n : n) * scale, e = d < 0 ? -d : d;
    big q = m / e, r = m % e;
    bool away; /* from zero, by one */
    switch (mode) {
    case ROUND_FLOOR: away = negative && r > 0; break;
    case ROUND_CEIL: away = !negative && r > 0; break;
    case ROUND_TRUNC: away = false; break;
    case ROUND_HALF_UP: away = 2 * r >= e && r > 0; break;
    case ROUND_HALF_DOWN: away = 2 * r > e; break;
    default: away = 2 * r > e || (2 * r == e && r > 0 && q % 2 != 0); break;
    }
    q += away;
    return lowest(negative ? -q : q, scale, out);
}

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

#define EDGE INT64_C(10000000000000000) /* the cents paths' limit, RAT_LIMIT / 100 */

/* a numerator: small, ordinary, at the cents paths' edge, at the limit */
static int64_t some_n(uint64_t *s)
{
    static const int64_t mags[] = {1, 100, 10000000, EDGE / 100, EDGE, RAT_LIMIT};
    int64_t mag = mags[next(s) % 6];
    int64_t n = next(s) % 3 == 0 ? mag - (int64_t)(next(s) % 5) + 2 : (int64_t)(next(s) % (uint64_t)mag);
    if (n > RAT_LIMIT)
        n = RAT_LIMIT;
    if (n < 0)
        n = 0;
    return next(s) % 4 == 0 ? -n : n;
}

/* a value whose denominator divides 100 (an amount), or a thousandth, or
 * a denominator with other primes */
static Rat some_rat(uint64_t *s, bool amount)
{
    static const int64_t amounts[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    static const int64_t others[] = {1, 1000, 3, 194, 7, EDGE - 1, EDGE + 3, RAT_LIMIT};
    int64_t d = amount ? amounts[next(s) % 9] : others[next(s) % 8];
    Rat r = {0, 1};
    lowest(some_n(s), d, &r);
    return r;
}

static const char *text(Rat r, char *buf)
{
    buf[rat_format_exact(r, 0, buf, 80)] = '\0';
    return buf;
}

/* One rounding of a / b or a * b: when the one step is taken, its value is
 * the oracle's. */
static int check_round(bool mul, Rat a, Rat b, int places, RoundMode mode)
{
    Rat got = {0, 1}, want = {0, 1};
    bool fast = mul ? rat_mul_round_small(a, b, places, mode, &got) : rat_div_round_small(a, b, places, mode, &got);
    if (!fast)
        return 0;
    big n = mul ? (big)a.n * b.n : (big)a.n * b.d, d = mul ? (big)a.d * b.d : (big)a.d * b.n;
    char x[80], y[80], g[80], w[80];
    if (!rounded(n, d, places, mode, &want) || !rat_eq(got, want))
        fail_msg("%s %s %s to %d places, mode %d: %s, the oracle %s", text(a, x), mul ? "*" : "/", text(b, y), places, mode,
                 text(got, g), text(want, w));
    return 1;
}

/* Amounts over counts (a daily rate) and times factors (an FTE), of
 * either sign, near the paths' edges, in every mode and at 2 places and
 * others; the no-sign paths are taken for the ordinary ones. */
static void test_rounding_paths(void **state)
{
    (void)state;
    uint64_t seed = 18;
    int taken = 0, plain = 0, plain_taken = 0;
    for (int i = 0; i < 150000; i++) {
        Rat a = some_rat(&seed, true), b = some_rat(&seed, next(&seed) % 2);
        if (i % 3 == 0)
            b = rat_int(next(&seed) % 4 == 0 ? -(int64_t)(next(&seed) % 400) : (int64_t)(next(&seed) % 400));
        int places = next(&seed) % 6 == 0 ? (int)(next(&seed) % 5) : 2;
        for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
            int t = check_round(false, a, b, places, mode) + check_round(true, a, b, places, mode) +
                    check_round(true, b, a, places, mode);
            taken += t;
            if (places == 2 && a.n >= 0 && a.n < 1000000000 && b.n > 0 && b.n < 1000000 && b.d <= 1000) {
                plain += 3;
                plain_taken += t;
            }
        }
    }
    assert_true(taken > 1000000);
    assert_true(plain > 10000);
    assert_int_equal(plain_taken, plain);
}

/* Exactly half a cent, and one unit of the last place either side of it,
 * over a count and times 1/8: where half-up and the others part. */
static void test_rounding_half_cents(void **state)
{
    (void)state;
    uint64_t seed = 19;
    for (int i = 0; i < 30000; i++) {
        int64_t q = (int64_t)(next(&seed) % 100000000), m = 1 + (int64_t)(next(&seed) % 500);
        int64_t off = (int64_t)(next(&seed) % 3) - 1;
        Rat a = {0, 1}, c = {0, 1};
        /* a / 2m and c / 8 are q + 1/2 cents, give or take a small part */
        lowest((2 * q + 1) * m + off, 100, &a);
        lowest(4 * (2 * q + 1) + off, 100, &c);
        for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
            assert_int_equal(check_round(false, a, rat_int(2 * m), 2, mode), 1);
            assert_int_equal(check_round(true, c, rat_scaled(125, 3), 2, mode), 1);
            check_round(false, rat_neg(a), rat_int(2 * m), 2, mode);
            check_round(true, rat_neg(c), rat_scaled(125, 3), 2, mode);
        }
    }
    /* the edges of the no-sign paths: numerators and counts about 10^16 */
    for (int64_t da = -3; da <= 3; da++)
        for (int64_t db = -3; db <= 3; db++)
            for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
                Rat a = {0, 1}, b = rat_int(EDGE + db);
                lowest(EDGE + da, 100, &a);
                check_round(false, a, b, 2, mode);
                check_round(false, a, rat_int(3 + db), 2, mode);
                check_round(true, a, rat_scaled(1 + db * db, 3), 2, mode);
                check_round(true, rat_int(1 + db * db), a, 2, mode);
                check_round(true, a, (Rat){1, EDGE + db}, 2, mode);
            }
}

/* a + b against the oracle: the exact sum in lowest terms, or overflow
 * exactly when that is beyond the limit. */
static void check_add(Rat a, Rat b)
{
    Rat got = {0, 1}, want = {0, 1};
    bool fits = lowest((big)a.n * b.d + (big)b.n * a.d, (big)a.d * b.d, &want);
    RatStatus st = rat_add(a, b, &got);
    char x[80], y[80], g[80], w[80];
    if (fits != (st == RAT_OK) || (fits && !rat_eq(got, want)))
        fail_msg("%s + %s: status %d, %s, the oracle %s (%s)", text(a, x), text(b, y), st, text(got, g), text(want, w),
                 fits ? "fits" : "overflow");
}

/* Whole numbers plus fractions of every kind, both orders, both signs, at
 * the limit and past it, and the sums the other paths take beside them. */
static void test_whole_plus_fraction(void **state)
{
    (void)state;
    uint64_t seed = 20;
    for (int i = 0; i < 300000; i++) {
        Rat w = rat_int(some_n(&seed)), f = some_rat(&seed, next(&seed) % 2);
        check_add(w, f);
        check_add(f, w);
        check_add(f, some_rat(&seed, next(&seed) % 2));
    }
    /* at the limit: w + n/d just within it and just past it */
    for (int64_t e = -2; e <= 2; e++) {
        check_add(rat_int(RAT_LIMIT / 3 + e), (Rat){2 * RAT_LIMIT / 3 + 1, 3});
        check_add(rat_int(-RAT_LIMIT / 3 - e), (Rat){-(2 * RAT_LIMIT / 3 + 1), 3});
        check_add((Rat){RAT_LIMIT - 1 - 2 * (e + 2), 2}, rat_int(RAT_LIMIT / 2 + e));
        check_add(rat_int(RAT_LIMIT + e * (e < 1)), (Rat){1, RAT_LIMIT});
        check_add(rat_int(INT64_C(10000000000) + e), (Rat){1, INT64_C(1000000000) + 2 * e + 5}); /* w d past 64 bits */
    }
    Rat r;
    assert_int_equal(rat_add(rat_int(2750), rat_scaled(7511267, 2), &r), RAT_OK);
    assert_true(rat_eq(r, rat_scaled(7786267, 2)));
    assert_int_equal(rat_add(rat_int(RAT_LIMIT), (Rat){1, 2}, &r), RAT_OVERFLOW);
    assert_int_equal(rat_add((Rat){-1, 2}, rat_int(-RAT_LIMIT), &r), RAT_OVERFLOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounding_paths),
        cmocka_unit_test(test_rounding_half_cents),
        cmocka_unit_test(test_whole_plus_fraction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
