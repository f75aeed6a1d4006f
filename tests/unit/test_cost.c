/* The money and percent formatter every cost report uses
 * (runtime/format.h): the sign, n/a on a zero base, rounding half up. */
#include "support.h"

#include "format.h"

static void money_is(Rat r, bool sign, const char *want)
{
    char buf[64];
    assert_int_equal(format_money(r, sign, buf, sizeof buf), strlen(want));
    assert_string_equal(buf, want);
}

static void percent_is(Rat change, Rat old, const char *want)
{
    char buf[32];
    assert_int_equal(format_change_percent(change, old, buf, sizeof buf), strlen(want));
    assert_string_equal(buf, want);
}

static void test_money_format(void **state)
{
    (void)state;
    money_is(rat_scaled(123456, 2), false, "$1,234.56");
    money_is(rat_scaled(123456, 2), true, "+$1,234.56");
    money_is(rat_scaled(-123456, 2), false, "-$1,234.56");
    money_is(rat_scaled(-123456, 2), true, "-$1,234.56");
    money_is(rat_int(0), true, "$0.00");
    /* half a cent rounds away from zero */
    money_is(rat_scaled(5, 3), false, "$0.01");
    money_is(rat_scaled(-5, 3), true, "-$0.01");
    money_is(rat_scaled(4, 3), true, "+$0.00");
    char small[4];
    assert_int_equal(format_money(rat_int(1000), false, small, sizeof small), 0);
    assert_string_equal(small, "");
}

static void test_percent_format(void **state)
{
    (void)state;
    percent_is(rat_int(10), rat_int(50), "+20.00%");
    percent_is(rat_int(-10), rat_int(50), "-20.00%");
    percent_is(rat_int(0), rat_int(50), "0.00%");
    percent_is(rat_int(5), rat_int(0), "n/a");
    /* 1 / 20,000 = 0.005%: half up to +0.01%, and down to -0.01% */
    percent_is(rat_int(1), rat_int(20000), "+0.01%");
    percent_is(rat_int(-1), rat_int(20000), "-0.01%");
    /* 1 / 30,000 = 0.0033%: an increase still, though it rounds to 0.00 */
    percent_is(rat_int(1), rat_int(30000), "+0.00%");
    percent_is(rat_int(-50), rat_int(50), "-100.00%");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_format),
        cmocka_unit_test(test_percent_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
