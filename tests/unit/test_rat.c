/* Exact rationals: parsing, arithmetic, limits, rounding, formatting; dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "rat.h"
#include "value.h"

static Rat parse(const char *s, bool money)
{
    Rat r = {0, 1};
    RatStatus st = rat_parse(s, strlen(s), money, &r);
    if (st != RAT_OK)
        fail_msg("rat_parse(\"%s\") failed: %s", s, rat_status_text(st));
    return r;
}

static const char *fixed(Rat r, int places, RoundMode mode)
{
    static char buf[80];
    size_t n = rat_format_fixed(r, places, mode, buf, sizeof buf - 1);
    buf[n] = '\0';
    return buf;
}

static const char *shortest(Rat r)
{
    static char buf[80];
    size_t n = rat_format(r, 6, ROUND_HALF_UP, buf, sizeof buf - 1);
    buf[n] = '\0';
    return buf;
}

static const char *money(Rat r)
{
    static char buf[80];
    size_t n = rat_format_money(r, ROUND_HALF_UP, buf, sizeof buf - 1);
    buf[n] = '\0';
    return buf;
}

static void test_parse_forms(void **state)
{
    (void)state;
    assert_true(rat_eq(parse("12", false), rat_int(12)));
    assert_true(rat_eq(parse("-3.5", false), rat_scaled(-35, 1)));
    assert_true(rat_eq(parse(".333", false), rat_scaled(333, 3)));
    assert_true(rat_eq(parse("0.0035", false), rat_scaled(35, 4)));
    assert_true(rat_eq(parse("$3,934", true), rat_int(3934)));
    assert_true(rat_eq(parse("$46.54", true), rat_scaled(4654, 2)));
    assert_true(rat_eq(parse("-$1,200.00", true), rat_int(-1200)));
    assert_true(rat_eq(parse("1,234,567", true), rat_int(1234567)));
    /* lowest terms: 46.54 = 2327/50 */
    Rat r = parse("46.54", false);
    assert_int_equal(r.n, 2327);
    assert_int_equal(r.d, 50);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    const char *bad[] = {"", ".", "1.", "$", "1,2", "$1,23", "$12,3456", ",123", "1 2", "abc", "--1", "1e5", "$1,,000"};
    Rat r;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (rat_parse(bad[i], strlen(bad[i]), true, &r) != RAT_SYNTAX)
            fail_msg("\"%s\" was accepted", bad[i]);
    assert_int_equal(rat_parse("$5", 2, false, &r), RAT_SYNTAX);   /* money needs allow_money */
    assert_int_equal(rat_parse("1,000", 5, false, &r), RAT_SYNTAX);
    assert_int_equal(rat_parse("99999999999999999999", 20, false, &r), RAT_OVERFLOW);
}

static void test_exact_arithmetic(void **state)
{
    (void)state;
    Rat r;
    assert_int_equal(rat_add(rat_scaled(1, 0), rat_int(0), &r), RAT_OK);
    Rat third, sixth;
    rat_div(rat_int(1), rat_int(3), &third);
    rat_div(rat_int(1), rat_int(6), &sixth);
    rat_add(third, sixth, &r);
    assert_true(rat_eq(r, rat_scaled(5, 1))); /* 1/3 + 1/6 = 1/2 exactly */
    rat_mul(rat_scaled(4654, 2), rat_int(3), &r);
    assert_true(rat_eq(r, rat_scaled(13962, 2)));
    /* 40,000 / 194 stays exact: times 194 gives 40,000 back */
    Rat q;
    rat_div(rat_int(40000), rat_int(194), &q);
    assert_int_equal(q.d, 97);
    rat_mul(q, rat_int(194), &r);
    assert_true(rat_eq(r, rat_int(40000)));
    /* a product with 0 is 0 in lowest terms, 0/1, whichever side it is on */
    rat_mul(q, rat_int(0), &r);
    assert_true(r.n == 0 && r.d == 1);
    rat_mul((Rat){0, 1}, rat_scaled(-25, 2), &r);
    assert_true(r.n == 0 && r.d == 1);
    rat_sub(rat_int(5), rat_int(8), &r);
    assert_true(rat_eq(r, rat_int(-3)));
    assert_int_equal(rat_cmp(third, sixth), 1);
    assert_int_equal(rat_cmp(rat_neg(third), sixth), -1);
}

static void test_limits(void **state)
{
    (void)state;
    Rat r;
    Rat top = {RAT_LIMIT, 1};
    assert_int_equal(rat_add(top, rat_int(0), &r), RAT_OK);
    assert_int_equal(rat_add(top, rat_int(1), &r), RAT_OVERFLOW);
    assert_int_equal(rat_sub(rat_neg(top), rat_int(1), &r), RAT_OVERFLOW);
    assert_int_equal(rat_mul(rat_int(1000000000), rat_int(1000000000), &r), RAT_OK);
    assert_int_equal(rat_mul(rat_int(1000000000), rat_int(1000000001), &r), RAT_OVERFLOW);
    assert_int_equal(rat_div(rat_int(1), rat_int(0), &r), RAT_DIV_ZERO);
    /* the largest amount in cents, and the first past it */
    assert_int_equal(rat_parse("$10,000,000,000,000,000.00", 26, true, &r), RAT_OK);
    assert_int_equal(rat_parse("$10,000,000,000,000,000.01", 26, true, &r), RAT_OVERFLOW);
    /* a denominator past the limit is an overflow too, not a silent rounding */
    Rat tiny = {1, RAT_LIMIT};
    assert_int_equal(rat_div(tiny, rat_int(3), &r), RAT_OVERFLOW);
}

/* Every mode, on positive and negative values exactly half-way. */
static void test_rounding_half_way(void **state)
{
    (void)state;
    struct { RoundMode mode; const char *pos, *neg; } cases[] = {
        {ROUND_HALF_UP, "3", "-3"},   {ROUND_HALF_DOWN, "2", "-2"}, {ROUND_HALF_EVEN, "2", "-2"},
        {ROUND_FLOOR, "2", "-3"},     {ROUND_CEIL, "3", "-2"},      {ROUND_TRUNC, "2", "-2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Rat r;
        rat_round(rat_scaled(25, 1), 0, cases[i].mode, &r);
        assert_string_equal(shortest(r), cases[i].pos);
        rat_round(rat_scaled(-25, 1), 0, cases[i].mode, &r);
        assert_string_equal(shortest(r), cases[i].neg);
    }
    Rat r;
    rat_round(rat_scaled(35, 1), 0, ROUND_HALF_EVEN, &r);
    assert_string_equal(shortest(r), "4");
    rat_round(rat_scaled(125, 3), 2, ROUND_HALF_UP, &r);
    assert_string_equal(shortest(r), "0.13");
    rat_round(rat_scaled(-125, 3), 2, ROUND_HALF_UP, &r);
    assert_string_equal(shortest(r), "-0.13");
    rat_round(rat_scaled(125, 3), 2, ROUND_HALF_EVEN, &r);
    assert_string_equal(shortest(r), "0.12");
    rat_round(rat_scaled(135, 3), 2, ROUND_HALF_EVEN, &r);
    assert_string_equal(shortest(r), "0.14");
    /* not half-way: the nearest, whatever the mode */
    rat_round(rat_scaled(1251, 4), 2, ROUND_HALF_DOWN, &r);
    assert_string_equal(shortest(r), "0.13");
    /* to hundreds */
    rat_round(rat_int(1250), -2, ROUND_HALF_UP, &r);
    assert_string_equal(shortest(r), "1300");
    rat_round(rat_int(-1249), -2, ROUND_HALF_UP, &r);
    assert_string_equal(shortest(r), "-1200");
}

/* A value just below a half cent must round down, though rounding it
 * first to a few more places would lift it to the half and then up. */
static void test_no_double_rounding(void **state)
{
    (void)state;
    Rat r;
    Rat q = {4999999, 1000000000}; /* 0.004999999 */
    rat_round(q, 2, ROUND_HALF_UP, &r);
    assert_true(rat_is_zero(r));
    /* the same from a real division: $0.969999 / 194 = 0.0049999948... */
    rat_div(rat_scaled(969999, 6), rat_int(194), &q);
    rat_round(q, 2, ROUND_HALF_UP, &r);
    assert_true(rat_is_zero(r));
    Rat six;
    rat_round(q, 6, ROUND_HALF_UP, &six); /* 0.005000, the naive first step */
    rat_round(six, 2, ROUND_HALF_UP, &r);
    assert_true(rat_eq(r, rat_scaled(1, 2))); /* which would give $0.01 */
    /* and a daily rate whose 7th decimal decides nothing */
    rat_div(rat_int(65886), rat_int(194), &q);
    assert_string_equal(fixed(q, 2, ROUND_HALF_UP), "339.62");
}

static void test_formatting(void **state)
{
    (void)state;
    assert_string_equal(fixed(rat_int(40000), 2, ROUND_HALF_UP), "40000.00");
    assert_string_equal(fixed(rat_scaled(-5, 1), 2, ROUND_HALF_UP), "-0.50");
    assert_string_equal(fixed(rat_scaled(-1, 3), 2, ROUND_HALF_UP), "0.00"); /* never -0.00 */
    assert_string_equal(money(rat_int(40000)), "$40,000.00");
    assert_string_equal(money(rat_scaled(-35, 1)), "-$3.50");
    assert_string_equal(money(rat_int(1234567)), "$1,234,567.00");
    assert_string_equal(money(rat_int(100)), "$100.00");
    assert_string_equal(shortest(rat_scaled(35, 4)), "0.0035");
    assert_string_equal(shortest(rat_scaled(12, 1)), "1.2");
    assert_string_equal(shortest(rat_int(7)), "7");
    Rat third;
    rat_div(rat_int(1), rat_int(3), &third);
    assert_string_equal(shortest(third), "0.333333");
    assert_string_equal(shortest(rat_neg(third)), "-0.333333");
    Rat tiny = {-1, 10000000};
    assert_string_equal(shortest(tiny), "0");
    char small[4];
    assert_int_equal(rat_format_money(rat_int(40000), ROUND_HALF_UP, small, sizeof small), 0);
}

static void test_dates(void **state)
{
    (void)state;
    int64_t d;
    assert_true(date_from_ymd(1970, 1, 1, &d));
    assert_int_equal(d, 0);
    assert_true(date_from_ymd(2024, 2, 29, &d));
    assert_false(date_from_ymd(2023, 2, 29, &d));
    assert_false(date_from_ymd(1900, 2, 29, &d));
    assert_true(date_from_ymd(2000, 2, 29, &d));
    assert_false(date_from_ymd(2024, 4, 31, &d));
    assert_false(date_from_ymd(2024, 13, 1, &d));
    int64_t a, b;
    date_from_ymd(2024, 7, 1, &a);
    date_from_ymd(2025, 7, 1, &b);
    assert_int_equal(b - a, 365);
    for (int64_t day = -800000; day < 800000; day += 997) {
        int y, m, dd;
        date_to_ymd(day, &y, &m, &dd);
        int64_t back;
        if (y >= 1 && y <= 9999) {
            assert_true(date_from_ymd(y, m, dd, &back));
            assert_int_equal(back, day);
        }
    }
}

/* A reference gcd, independent of rat.c's. */
static __int128 ref_gcd(__int128 a, __int128 b)
{
    if (a < 0)
        a = -a;
    while (b) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* splitmix64: a fixed sequence of test values */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Amounts as contracts and rosters have them: cents, thousandths, whole
 * numbers, odd denominators, both signs, up to near the limit. */
static Rat some_value(uint64_t *s)
{
    static const int64_t dens[] = {1, 2, 4, 5, 10, 20, 25, 50, 100, 1000, 194, 3, 7, 97};
    static const int64_t mags[] = {10, 1000, 100000, 10000000, 1000000000, INT64_C(1000000000000), INT64_C(1000000000000000000)};
    int64_t d = dens[next_random(s) % (sizeof dens / sizeof dens[0])];
    int64_t n = (int64_t)(next_random(s) % (uint64_t)mags[next_random(s) % (sizeof mags / sizeof mags[0])]);
    if (next_random(s) % 3 == 0)
        n = -n;
    __int128 g = ref_gcd(n, d);
    return (Rat){(int64_t)(n / g), (int64_t)(d / g)};
}

/* rat_add(a, b) against the sum worked out in 128 bits: the exact sum in
 * lowest terms, or overflow exactly when it is beyond the limit. */
static void check_sum(Rat a, Rat b)
{
    Rat r = {0, 1};
    __int128 n = (__int128)a.n * b.d + (__int128)b.n * a.d, d = (__int128)a.d * b.d;
    __int128 g = ref_gcd(n, d);
    n /= g;
    d /= g;
    bool fits = n <= RAT_LIMIT && n >= -RAT_LIMIT && d <= RAT_LIMIT;
    RatStatus st = rat_add(a, b, &r);
    if (fits != (st == RAT_OK) || (fits && (r.n != n || r.d != d)))
        fail_msg("%lld/%lld + %lld/%lld: status %d, got %lld/%lld", (long long)a.n, (long long)a.d, (long long)b.n,
                 (long long)b.d, st, (long long)r.n, (long long)r.d);
}

/* Adding amounts (the cents path among them) gives the exact sum in
 * lowest terms, or overflow exactly when the sum is beyond the limit. */
static void test_sums_exact(void **state)
{
    (void)state;
    uint64_t seed = 1;
    for (int i = 0; i < 200000; i++) {
        Rat a = some_value(&seed), b = some_value(&seed);
        check_sum(a, b);
    }
}

/* round(a / b) and round(a * b) in one step equal dividing or multiplying
 * and then rounding, in every mode, whenever the one step is taken; and it
 * is taken for amounts of ordinary size. */
static void test_one_step_rounding(void **state)
{
    (void)state;
    uint64_t seed = 2;
    int taken = 0, ordinary = 0;
    for (int i = 0; i < 200000; i++) {
        Rat a = some_value(&seed), b = some_value(&seed);
        int places = (int)(next_random(&seed) % 5);
        RoundMode mode = (RoundMode)(next_random(&seed) % 6);
        for (int op = 0; op < 2; op++) {
            Rat q, two = {0, 1}, one = {0, 1};
            RatStatus st = op ? rat_mul(a, b, &q) : rat_div(a, b, &q);
            if (st == RAT_OK)
                st = rat_round(q, places, mode, &two);
            bool fast = op ? rat_mul_round_small(a, b, places, mode, &one) : rat_div_round_small(a, b, places, mode, &one);
            if (fast && (st != RAT_OK || !rat_eq(one, two)))
                fail_msg("%s %lld/%lld, %lld/%lld to %d places, mode %d: %lld/%lld, two steps %lld/%lld (status %d)",
                         op ? "*" : "/", (long long)a.n, (long long)a.d, (long long)b.n, (long long)b.d, places, mode,
                         (long long)one.n, (long long)one.d, (long long)two.n, (long long)two.d, st);
            bool small = a.n > -1000000 && a.n < 1000000 && b.n > -1000000 && b.n < 1000000 && b.n != 0;
            ordinary += small;
            taken += fast && small;
        }
    }
    assert_true(ordinary > 1000);
    assert_int_equal(taken, ordinary);
    /* the shortcuts: amounts times 1 (FTE 1.000), amounts over whole
     * numbers of either sign, every mode, to cents and not */
    for (int i = 0; i < 20000; i++) {
        Rat a = some_value(&seed);
        Rat ks[] = {rat_int(1), rat_int(194), rat_int(-5), rat_int(3), rat_scaled(1, 3)};
        for (size_t k = 0; k < sizeof ks / sizeof ks[0]; k++)
            for (int places = 1; places <= 3; places++)
                for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++)
                    for (int op = 0; op < 2; op++) {
                        Rat q, two = {0, 1}, one = {0, 1};
                        RatStatus st = op ? rat_mul(a, ks[k], &q) : rat_div(a, ks[k], &q);
                        if (st == RAT_OK)
                            st = rat_round(q, places, mode, &two);
                        bool fast = op ? rat_mul_round_small(a, ks[k], places, mode, &one)
                                       : rat_div_round_small(a, ks[k], places, mode, &one);
                        if (fast && (st != RAT_OK || !rat_eq(one, two)))
                            fail_msg("%s %lld/%lld by %lld/%lld to %d places, mode %d: %lld/%lld, two steps %lld/%lld",
                                     op ? "*" : "/", (long long)a.n, (long long)a.d, (long long)ks[k].n, (long long)ks[k].d,
                                     places, mode, (long long)one.n, (long long)one.d, (long long)two.n, (long long)two.d);
                    }
    }
    /* the half-way cases of the contracts' own figures */
    Rat r;
    assert_true(rat_div_round_small(rat_scaled(97, 2), rat_int(194), 2, ROUND_HALF_UP, &r));
    assert_true(rat_eq(r, rat_scaled(1, 2)));
    assert_true(rat_div_round_small(rat_scaled(-97, 2), rat_int(194), 2, ROUND_HALF_EVEN, &r));
    assert_true(rat_eq(r, rat_int(0)));
    assert_true(rat_mul_round_small(rat_scaled(8584305, 2), rat_scaled(875, 3), 2, ROUND_HALF_UP, &r));
    assert_true(rat_eq(r, rat_scaled(7511267, 2))); /* 75,112.66875 */
    assert_false(rat_div_round_small(rat_int(1), rat_int(0), 2, ROUND_HALF_UP, &r));
}

/* round(n / d) to places with mode, from the definitions of the modes on
 * the floor q and remainder r of n * 10^places / d, independent of rat.c:
 * false when the exact value is too large to compute here or the result is
 * beyond the limits. */
static bool ref_round(__int128 n, __int128 d, int places, RoundMode mode, Rat *out)
{
    if (d < 0) {
        n = -n;
        d = -d;
    }
    __int128 scale = 1, big = (__int128)1 << 100;
    for (int i = 0; i < places; i++)
        scale *= 10;
    if (n > big || n < -big || d > big)
        return false;
    n *= scale;
    __int128 q = n / d, r = n % d;
    if (r < 0) { /* floor */
        q -= 1;
        r += d;
    }
    bool up, half = 2 * r == d, past = 2 * r > d; /* value = q + r/d, 0 <= r < d */
    switch (mode) {
    case ROUND_FLOOR: up = false; break;
    case ROUND_CEIL: up = r > 0; break;
    case ROUND_TRUNC: up = r > 0 && q < 0; break;
    case ROUND_HALF_UP: up = past || (half && q >= 0); break;
    case ROUND_HALF_DOWN: up = past || (half && q < 0); break;
    default: up = past || (half && q % 2 != 0); break;
    }
    __int128 w = q + up, g = ref_gcd(w, scale);
    if (g == 0)
        g = 1;
    w /= g;
    __int128 den = scale / g;
    if (w > RAT_LIMIT || w < -RAT_LIMIT || den > RAT_LIMIT)
        return false;
    *out = (Rat){(int64_t)w, (int64_t)den};
    return true;
}

/* Amounts in cents or coarser (the denominators that divide 100), both
 * signs, from cents to the limit, with values at the edges of the one-step
 * paths (10^16 in cents) and of the limit (10^18), and numerators whose
 * cents fit in 64 bits while a sum of two does not (5 * 10^16 up). */
static Rat some_cents(uint64_t *s)
{
    static const int64_t dens[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    static const int64_t mags[] = {100, 10000, 10000000, INT64_C(10000000000), INT64_C(100000000000000),
                                   INT64_C(10000000000000000), INT64_C(100000000000000000), INT64_C(1000000000000000000)};
    int64_t d = dens[next_random(s) % (sizeof dens / sizeof dens[0])];
    int64_t mag = mags[next_random(s) % (sizeof mags / sizeof mags[0])];
    int64_t n = next_random(s) % 4 == 0 ? mag - (int64_t)(next_random(s) % 3) + 1 - (int64_t)(next_random(s) % 200) * 100
                                        : (int64_t)(next_random(s) % (uint64_t)mag);
    if (n > RAT_LIMIT)
        n = RAT_LIMIT;
    if (n < 0)
        n = 0;
    if (next_random(s) % 3 == 0)
        n = -n;
    __int128 g = ref_gcd(n, d);
    return (Rat){(int64_t)(n / g), (int64_t)(d / g)};
}

/* What amounts are divided or multiplied by: whole numbers of either sign
 * (small, and at the edge of 10^16), FTEs in thousandths (1.000 often),
 * and fractions that are neither. */
static Rat some_factor(uint64_t *s)
{
    int64_t n, d = 1;
    switch (next_random(s) % 8) {
    case 0: n = 1; break;
    case 1: n = 1 + (int64_t)(next_random(s) % 400); break;
    case 2: n = INT64_C(10000000000000000) - 2 + (int64_t)(next_random(s) % 5); break;
    case 3: n = 1 + (int64_t)(next_random(s) % 1000); d = 1000; break;
    case 4: n = 1 + (int64_t)(next_random(s) % 3000); d = 1000; break;
    case 5: n = 1 + (int64_t)(next_random(s) % 100); d = 1 + (int64_t)(next_random(s) % 200); break;
    case 6: n = 1 + (int64_t)(next_random(s) % 1000); d = INT64_C(10000000000000000) - 2 + (int64_t)(next_random(s) % 5); break;
    default: n = (int64_t)(next_random(s) % INT64_C(1000000000000)); d = 1 + (int64_t)(next_random(s) % 1000000); break;
    }
    if (next_random(s) % 4 == 0)
        n = -n;
    __int128 g = ref_gcd(n, d);
    if (g == 0)
        return rat_int(0);
    return (Rat){(int64_t)(n / g), (int64_t)(d / g)};
}

/* One case of the one-step rounding: when it is taken, its value is the
 * reference's and the two steps' (which then succeed). */
static void check_one_step(int op, Rat a, Rat b, int places, RoundMode mode, int *taken)
{
    Rat q, two = {0, 1}, one = {0, 1}, ref = {0, 1};
    RatStatus st = op ? rat_mul(a, b, &q) : rat_div(a, b, &q);
    if (st == RAT_OK)
        st = rat_round(q, places, mode, &two);
    bool fast = op ? rat_mul_round_small(a, b, places, mode, &one) : rat_div_round_small(a, b, places, mode, &one);
    if (!fast)
        return;
    ++*taken;
    __int128 n = op ? (__int128)a.n * b.n : (__int128)a.n * b.d, d = op ? (__int128)a.d * b.d : (__int128)a.d * b.n;
    bool have_ref = ref_round(n, d, places, mode, &ref);
    if (st != RAT_OK || !rat_eq(one, two) || !have_ref || !rat_eq(one, ref))
        fail_msg("%s %lld/%lld, %lld/%lld to %d places, mode %d: %lld/%lld, two steps %lld/%lld (status %d), reference %lld/%lld",
                 op ? "*" : "/", (long long)a.n, (long long)a.d, (long long)b.n, (long long)b.d, places, mode, (long long)one.n,
                 (long long)one.d, (long long)two.n, (long long)two.d, st, (long long)ref.n, (long long)ref.d);
}

/* The cents paths of the one-step rounding: amounts in cents over whole
 * numbers and fractions, times FTEs either way round, in every mode, with
 * values exactly half-way, against the reference; and they are taken for
 * amounts of ordinary size. */
static void test_cents_one_step(void **state)
{
    (void)state;
    uint64_t seed = 3;
    int taken = 0;
    for (int i = 0; i < 100000; i++) {
        Rat a = some_cents(&seed), b = some_factor(&seed);
        int places = next_random(&seed) % 8 == 0 ? (int)(next_random(&seed) % 5) : 2;
        for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
            check_one_step(0, a, b, places, mode, &taken);
            check_one_step(1, a, b, places, mode, &taken);
            check_one_step(1, b, a, places, mode, &taken);
        }
    }
    assert_true(taken > 1000000);
    /* exactly half a cent: (2q + 1) m cents over 2m; 4(2j + 1) cents times
     * 1/8 and 3/8 */
    int half = 0;
    for (int i = 0; i < 20000; i++) {
        int64_t q = (int64_t)(next_random(&seed) % 10000000), m = 1 + (int64_t)(next_random(&seed) % 500);
        int sign = next_random(&seed) % 2 ? -1 : 1;
        Rat a = rat_scaled(sign * (2 * q + 1) * m, 2), b = rat_int((next_random(&seed) % 3 == 0 ? -2 : 2) * m);
        Rat c = rat_scaled(sign * 4 * (2 * q + 1), 2), f = rat_scaled(next_random(&seed) % 2 ? 125 : 375, 3);
        for (RoundMode mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
            check_one_step(0, a, b, 2, mode, &half);
            check_one_step(1, c, f, 2, mode, &half);
            check_one_step(1, f, c, 2, mode, &half);
        }
    }
    assert_int_equal(half, 20000 * 6 * 3);
    /* ordinary amounts take the one step, the daily rate among them */
    Rat r;
    assert_true(rat_div_round_small(rat_scaled(-7511267, 2), rat_int(194), 2, ROUND_HALF_UP, &r));
    assert_true(rat_eq(r, rat_scaled(-38718, 2)));
    assert_true(rat_mul_round_small(rat_scaled(875, 3), rat_scaled(8584305, 2), 2, ROUND_HALF_UP, &r));
    assert_true(rat_eq(r, rat_scaled(7511267, 2)));
    assert_true(rat_div_round_small(rat_scaled(5, 1), rat_int(3), 2, ROUND_CEIL, &r));
    assert_true(rat_eq(r, rat_scaled(17, 2)));
}

/* Sums of amounts in cents, the cents path of rat_add: lowest terms (zero
 * as 0/1 included) and overflow exactly past the limit, against the
 * reference. */
static void test_cents_sums(void **state)
{
    (void)state;
    uint64_t seed = 4;
    for (int i = 0; i < 300000; i++) {
        Rat a = some_cents(&seed), b = i % 5 == 0 ? rat_neg(a) : some_cents(&seed);
        if (i % 7 == 0)
            b = (Rat){b.n, a.d}; /* the same denominator (b stays in lowest terms or is made so) */
        __int128 gb = ref_gcd(b.n, b.d);
        b = (Rat){(int64_t)(b.n / (gb ? gb : 1)), (int64_t)(b.d / (gb ? gb : 1))};
        check_sum(a, b);
    }
}

/* rat_cents: an amount whose denominator divides 100 as its cents,
 * exactly when they are within the limit asked for, and no other; and
 * rat_of_cents: cents as a Rat in lowest terms, against the reference. */
static void test_cents_conversions(void **state)
{
    (void)state;
    uint64_t seed = 11;
    for (int i = 0; i < 300000; i++) {
        Rat a = some_cents(&seed);
        __int128 c = (__int128)a.n * 100 / a.d;
        int64_t limit = i % 2 ? RAT_LIMIT : (int64_t)(next_random(&seed) % (uint64_t)RAT_LIMIT);
        int64_t got = 0;
        bool ok = rat_cents(a, limit, &got), want = c <= limit && c >= -limit;
        if (ok != want || (ok && got != c))
            fail_msg("rat_cents(%lld/%lld, %lld): %d, %lld", (long long)a.n, (long long)a.d, (long long)limit, ok, (long long)got);
        if (c <= RAT_LIMIT && c >= -RAT_LIMIT) {
            Rat r = rat_of_cents((int64_t)c);
            __int128 g = ref_gcd(c, 100);
            if (r.n != c / g || r.d != 100 / g || !rat_eq(r, a))
                fail_msg("rat_of_cents(%lld): %lld/%lld", (long long)c, (long long)r.n, (long long)r.d);
        }
        Rat b = some_value(&seed);
        if (100 % b.d != 0 && rat_cents(b, RAT_LIMIT, &got))
            fail_msg("rat_cents(%lld/%lld) is not cents", (long long)b.n, (long long)b.d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_exact_arithmetic),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_rounding_half_way),
        cmocka_unit_test(test_no_double_rounding),
        cmocka_unit_test(test_formatting),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_sums_exact),
        cmocka_unit_test(test_one_step_rounding),
        cmocka_unit_test(test_cents_one_step),
        cmocka_unit_test(test_cents_sums),
        cmocka_unit_test(test_cents_conversions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
