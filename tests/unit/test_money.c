/* Effective dates inside a year, one-time money and last_year( ): the
 * weights, the values the VM computes across years, and the checker's
 * refusals.  Figures worked by hand in the comments. */
#include "support.h"
#include "effective.h"

#define HEAD \
    "term 2024-07-01 to 2026-06-30\n" \
    "years \"2024-25\", \"2025-26\"\n" \
    "employee:\n" \
    "  id: text\n" \
    "  step: integer 1 to 3\n" \
    "  salary: money\n"

static int64_t day(int y, int m, int d)
{
    int64_t days;
    assert_true(date_from_ymd(y, m, d, &days));
    return days;
}

static void test_weights_by_days(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, HEAD "output id\n");
    EffectiveSplit sp;
    /* 2025-07-01 .. 2026-06-30 is 365 days; Jul 1 - Oct 5 is 97 of them */
    assert_true(effective_split(s.c, day(2025, 10, 6), &sp));
    assert_int_equal(sp.year, 1);
    assert_int_equal(sp.units, 365);
    assert_int_equal(sp.before, 97);
    assert_int_equal(sp.weight.n, 268);
    assert_int_equal(sp.weight.d, 365);
    /* the year's first day: all of it at the new figure; its last: one day */
    assert_true(effective_split(s.c, day(2025, 7, 1), &sp));
    assert_int_equal(sp.weight.n, 1);
    assert_int_equal(sp.weight.d, 1);
    assert_true(effective_split(s.c, day(2026, 6, 30), &sp));
    assert_int_equal(sp.weight.n, 1);
    assert_int_equal(sp.weight.d, 365);
    /* outside the term */
    assert_true(effective_split(s.c, day(2026, 7, 1), &sp));
    assert_int_equal(sp.year, -1);
    snippet_free(&s);
}

static void test_weights_by_pay_periods(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "pay periods 26\n" HEAD "output id\n");
    EffectiveSplit sp;
    /* day 97: period 6 starts on day floor(6 * 365 / 26) = 84, period 7 on 98:
       paid from period 7, 19 of 26 */
    assert_true(effective_split(s.c, day(2025, 10, 6), &sp));
    assert_true(sp.periods);
    assert_int_equal(sp.before, 7);
    assert_int_equal(sp.weight.n, 19);
    assert_int_equal(sp.weight.d, 26);
    /* day 98 itself: period 7 starts on it */
    assert_true(effective_split(s.c, day(2025, 10, 7), &sp));
    assert_int_equal(sp.weight.n, 19);
    snippet_free(&s);
}

static void test_blend(void **state)
{
    (void)state;
    EffectiveSplit sp = {.weight = {268, 365}};
    /* 40,000 x 97/365 + 41,200 x 268/365 = 14,921,600 / 365 = 2984320/73 */
    Figure f = effective_blend((Figure){.v = rat_int(40000), .blank = false}, (Figure){.v = rat_int(41200), .blank = false}, &sp);
    assert_false(f.blank);
    assert_int_equal(f.v.n, 2984320);
    assert_int_equal(f.v.d, 73);
    /* a blank part that holds for some of the year makes the figure blank */
    assert_true(effective_blend((Figure){.v = rat_int(0), .blank = true}, (Figure){.v = rat_int(1), .blank = false}, &sp).blank);
    /* not one that holds for none of it */
    EffectiveSplit whole = {.weight = {1, 1}};
    assert_false(effective_blend((Figure){.v = rat_int(0), .blank = true}, (Figure){.v = rat_int(5), .blank = false}, &whole).blank);
    /* an N/A part that holds for some of the year makes the figure N/A, not a weighted 0 */
    assert_true(effective_blend((Figure){.v = rat_int(0), .na = true}, (Figure){.v = rat_int(5)}, &sp).na);
    assert_true(effective_blend((Figure){.v = rat_int(5)}, (Figure){.v = rat_int(0), .na = true}, &sp).na);
    assert_false(effective_blend((Figure){.v = rat_int(0), .na = true}, (Figure){.v = rat_int(5)}, &whole).na);
}

/* A param with `from` folds to its weighted figure in that year only. */
static void test_param_from_folds_weighted(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, HEAD "param r = 0 / 0.03 from 2025-10-06\nx = r\noutput id, x\n");
    assert_true(s.ok);
    Program *p0 = compile_program(&s.m, 0, NULL, 0), *p1 = compile_program(&s.m, 1, NULL, 0);
    assert_true(p0->nodes[0].constant && p1->nodes[0].constant);
    assert_int_equal(p0->nodes[0].value.num.n, 0);
    /* 0.03 x 268/365 = 804/36500 = 201/9125 */
    assert_int_equal(p1->nodes[0].value.num.n, 201);
    assert_int_equal(p1->nodes[0].value.num.d, 9125);
    snippet_free(&s);
}

static Rat value(VM *vm, int node)
{
    Value v;
    if (!vm_value(vm, node, &v))
        fail_msg("%s", vm_error(vm));
    return v.num;
}

/* last_year(x) is x in the year before for the same record, or for the
 * record vm_begin_last_year gives; in the first year, `before the first
 * year:`'s expression. */
static void test_last_year_values(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, HEAD "base = salary * step\nkept = max(base, last_year(base))\nbefore the first year: base = salary - $1\n"
                     "output id, kept\n");
    if (!s.ok)
        fail_msg("%s", s.text);
    Program *p1 = compile_program(&s.m, 1, NULL, 0), *p0 = compile_program(&s.m, 0, NULL, 0);
    assert_non_null(p1->previous);
    assert_null(p0->previous);
    Value now[3] = {{.text = {"A", 1}}, {.num = rat_int(2)}, {.num = rat_int(50)}};
    Value then[3] = {{.text = {"A", 1}}, {.num = rat_int(3)}, {.num = rat_int(50)}};
    VM *vm = vm_new(p1);
    vm_begin(vm, now);
    assert_int_equal(value(vm, 1).n, 100);      /* the same row last year: 50 x 2 */
    vm_begin(vm, now);
    vm_begin_last_year(vm, then);
    assert_int_equal(value(vm, 1).n, 150);      /* as the employee was: 50 x 3 */
    vm_free(vm);
    vm = vm_new(p0);
    vm_begin(vm, now);
    assert_int_equal(value(vm, 1).n, 100);      /* max(100, 50 - 1) */
    vm_free(vm);
    snippet_free(&s);
}

/* retro(x): x less x as paid, with each change from the settlement on */
static void test_retro(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "settled 2026-01-01\n" HEAD "param r = $0 / $365 from 2025-10-06\npay = salary + r\nlate = retro(pay)\noutput id, late\n");
    if (!s.ok)
        fail_msg("%s", s.text);
    Program *p1 = compile_program(&s.m, 1, NULL, 0);
    assert_non_null(p1->as_paid);
    Value rec[3] = {{.text = {"A", 1}}, {.num = rat_int(1)}, {.num = rat_int(1000)}};
    VM *vm = vm_new(p1);
    vm_begin(vm, rec);
    /* due: 365 x 268/365 = $268; paid from 2026-01-01 (day 184): 365 x 181/365 = $181; late $87 */
    assert_int_equal(value(vm, 0).n, 1268);
    assert_int_equal(value(vm, 1).n, 87);
    vm_free(vm);
    snippet_free(&s);
}

static void test_refusals(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, HEAD "one-time bonus = salary * 0.04\ntotal = salary + bonus\noutput id, total\neach year: salary = total\n");
    assert_false(s.ok);
    assert_said(&s, "`each year:` would carry one-time money into another year: `total` uses `bonus`, which is one-time");
    snippet_free(&s);
    snippet(&s, HEAD "pay = salary\nx = last_year(pay)\noutput id, x\n");
    assert_said(&s, "last_year(pay) has no value in the first contract year, \"2024-25\"");
    snippet_free(&s);
    /* across years a definition may read itself; not in the same year */
    snippet(&s, HEAD "pay = max(salary, last_year(pay))\nbefore the first year: pay = salary\noutput id, pay\n");
    assert_true(s.ok);
    snippet_free(&s);
    snippet(&s, HEAD "pay = salary + last_year(pay)\nbefore the first year: pay = pay\noutput id, pay\n");
    assert_said(&s, "in the first contract year last_year(pay) is `pay`");
    snippet_free(&s);
    snippet(&s, HEAD "param r = 0 / 0.03 from 2024-10-06\nx = r\noutput id, x\n");
    assert_said(&s, "2024-10-06 is in the first contract year");
    snippet_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weights_by_days),
        cmocka_unit_test(test_weights_by_pay_periods),
        cmocka_unit_test(test_blend),
        cmocka_unit_test(test_param_from_folds_weighted),
        cmocka_unit_test(test_last_year_values),
        cmocka_unit_test(test_retro),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
