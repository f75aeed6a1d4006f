/* Running examples (engine/examples.h): which expects each year checks,
 * what passes and what fails and why, the places a decimal is compared
 * to, what an example gives, and the value of any name in a run. */
#include "support.h"

#include "examples.h"

/* rate $100 in Y1, $110 in Y2; step 1 to 10.
 *   "pay", step 2, fte 1:  salary Y1 2 * 100 = $200, Y2 2 * 110 = $220;
 *                          third = 1 / 3 = 0.3333...: 0.333 to 3 places,
 *                          0.3333 (not 0.3334) to 4;
 *   "defaults", nothing given: step 1 (its range's low end), fte 0;
 *                          salary Y1 $100; bonus needs the blank extra;
 *                          salary given as $7: what uses it sees $7. */
static const char contract[] =
    "years \"Y1\", \"Y2\"\n"
    "employee:\n"
    "  id: text\n"
    "  step: integer 1 to 10\n"
    "  fte: decimal\n"
    "param rate = $100 / $110\n"
    "param extra = $___\n"
    "salary = rate * step\n"
    "third = fte / 3\n"
    "bonus: at most one\n"
    "bonus big when step = 1 add extra\n"
    "double = salary * 2\n"
    "output id, salary\n"
    "example \"pay\":\n"
    "  given step = 2, fte = 1\n"
    "  expect salary = $200 in \"Y1\"\n"
    "  expect salary = $220 in \"Y2\"\n"
    "  expect third = 0.333\n"
    "  expect third = 0.3334\n"
    "  expect rate = $100\n"
    "example \"defaults\":\n"
    "  expect salary = $100 in \"Y1\"\n"
    "  expect step = 1\n"
    "  expect bonus = $5\n"
    "example \"given\":\n"
    "  given salary = $7\n"
    "  expect double = $14\n";

static const ExampleDecl *example(const Loaded *l, int i)
{
    return &l->s.c->examples.v[i];
}

static void test_each_year(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    ExampleResult r;
    /* Y1: salary $200, third 0.333, third 0.3334 (fails), rate $100 */
    assert_int_equal(example_check(&l.s.m, &l.s.d, example(&l, 0), 0, &r), 1);
    assert_string_equal(r.year_name, "Y1");
    assert_int_equal(r.nexpects, 4);
    assert_string_equal(r.expects[0].expect->name.s, "salary");
    assert_true(r.expects[0].passed);
    assert_string_equal(r.expects[0].actual, "$200.00");
    assert_int_equal(r.expects[0].places, 2);
    assert_true(r.expects[1].passed);
    assert_int_equal(r.expects[1].places, 3);
    assert_false(r.expects[2].passed);
    assert_true(r.expects[2].computed);
    assert_int_equal(r.expects[2].places, 4);
    assert_string_equal(r.expects[2].expected, "0.3334");
    assert_string_equal(r.expects[2].actual, "0.333333… (exactly 1/3)");
    assert_true(r.expects[3].passed);
    example_result_free(&r);

    /* Y2: salary $220, third as in Y1, and rate is $110, not $100 */
    assert_int_equal(example_check(&l.s.m, &l.s.d, example(&l, 0), 1, &r), 2);
    assert_string_equal(r.year_name, "Y2");
    assert_int_equal(r.nexpects, 4);
    assert_true(r.expects[0].passed);
    assert_string_equal(r.expects[0].actual, "$220.00");
    assert_string_equal(r.expects[3].expect->name.s, "rate");
    assert_false(r.expects[3].passed);
    assert_string_equal(r.expects[3].actual, "$110.00");
    assert_string_equal(r.expects[3].expected, "$100.00");
    example_result_free(&r);
    snippet_free(&l.s);
}

/* Nothing given: the range's low end; a blank that a figure needs is a
 * failure with the VM's message. */
static void test_defaults_and_errors(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    ExampleResult r;
    assert_int_equal(example_check(&l.s.m, &l.s.d, example(&l, 1), 0, &r), 1);
    assert_int_equal(r.nexpects, 3);
    assert_true(r.expects[0].passed);
    assert_true(r.expects[1].passed);
    assert_int_equal(r.expects[1].places, 0);
    assert_false(r.expects[2].passed);
    assert_false(r.expects[2].computed);
    assert_non_null(strstr(r.expects[2].actual, "`bonus` needs param `extra`, which is blank"));
    assert_string_equal(r.expects[2].expected, "$5.00");
    example_result_free(&r);
    /* in Y2 the expect that names Y1 is left out */
    assert_int_equal(example_check(&l.s.m, &l.s.d, example(&l, 1), 1, &r), 1);
    assert_int_equal(r.nexpects, 2);
    example_result_free(&r);
    snippet_free(&l.s);
}

/* A definition given a value: what uses it sees that value. */
static void test_given_definition(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    ExampleResult r;
    assert_int_equal(example_check(&l.s.m, &l.s.d, example(&l, 2), 0, &r), 0);
    assert_string_equal(r.expects[0].actual, "$14.00");
    example_result_free(&r);
    snippet_free(&l.s);
}

/* A run's values, for any name: a node, a field, a param, or nothing. */
static void test_values_of_a_run(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    ExampleRun run;
    example_begin(&l.s.m, example(&l, 0), 1, &run);
    Value v;
    Type t;
    const char *error;
    assert_true(example_value(&run, "salary", &v, &t, &error));
    assert_int_equal(t.kind, TY_MONEY);
    assert_true(rat_eq(v.num, rat_int(220)));
    assert_true(example_value(&run, "step", &v, &t, &error));
    assert_true(rat_eq(v.num, rat_int(2)));
    assert_true(example_value(&run, "rate", &v, &t, &error));
    assert_true(rat_eq(v.num, rat_int(110)));
    assert_false(example_value(&run, "nothing", &v, &t, &error));
    assert_null(error);
    /* any node, straight from the run's VM */
    assert_true(vm_value(run.vm, model_node_named(&l.s.m, "double"), &v));
    assert_true(rat_eq(v.num, rat_int(440)));
    example_end(&run);

    example_begin(&l.s.m, example(&l, 1), 0, &run);
    assert_false(example_value(&run, "bonus", &v, &t, &error));
    assert_non_null(error);
    example_end(&run);
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_year),
        cmocka_unit_test(test_defaults_and_errors),
        cmocka_unit_test(test_given_definition),
        cmocka_unit_test(test_values_of_a_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
