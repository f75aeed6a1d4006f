/* The checker: names, types and money units, tables, order, unused and blank. */
#include "support.h"

static void check_ok(const char *src)
{
    Snippet s;
    snippet(&s, src);
    if (!s.ok)
        fail_msg("expected no errors, got:\n%s", s.text);
    snippet_free(&s);
}

static void check_says(const char *src, const char *message)
{
    Snippet s;
    snippet(&s, src);
    assert_false(s.ok);
    assert_said(&s, message);
    snippet_free(&s);
}

static void test_unknown_name_suggests(void **state)
{
    (void)state;
    check_says(RECORD "x = yeers + 1\noutput x\n",
               "t.terms:11:5: error: unknown name `yeers`; did you mean `years`?\n"
               "   11 | x = yeers + 1\n"
               "      |     ^~~~~\n");
    check_says(RECORD "x = rnd(salary)\noutput x\n", "unknown function `rnd`; did you mean `round`?");
    check_says(RECORD "x = lane = PhD\noutput x\n", "`PhD` is not a member of Lane");
}

/* Functions: a call's arguments against the parameters, the result
 * against the formula, what a body may read, and recursion. */
static void test_functions(void **state)
{
    (void)state;
#define PER_HOUR "function per_hour(minutes: integer, rate: money): money = rate * floor(minutes / 60)\n"
    check_ok(RECORD PER_HOUR "x = per_hour(years, salary)\noutput x\n");
    check_says(RECORD PER_HOUR "x = per_hour(years)\noutput x\n",
               "t.terms:12:5: error: `per_hour` takes 2 arguments (minutes: integer, rate: money), but this gives 1\n");
    check_says(RECORD PER_HOUR "x = per_hour(years, 40)\noutput x\n",
               "`rate`, argument 2 of `per_hour`, is money, but this is an integer");
    /* an integer may stand for a decimal, and a decimal result may come from an integer */
    check_ok(RECORD "function half(x: decimal): decimal = x / 2\nfunction one(x: integer): decimal = 1\n"
                    "y = half(years) + one(1)\noutput y\n");
    check_says(RECORD "function half(x: decimal): money = x / 2\ny = half(fte)\noutput y\n",
               "function `half` gives money, but this formula is a decimal");
    check_says(RECORD "function f(x: integer): integer = x + step\ny = f(1)\noutput y\n",
               "function `f` cannot read the field `step`");
    check_says(RECORD "d = 2\nfunction f(x: integer): integer = x + d\ny = f(1) + d\noutput y\n",
               "function `f` cannot read the definition `d`");
    check_says(RECORD "function f(x: integer): integer = g(x)\nfunction g(x: integer): integer = f(x)\ny = f(1)\noutput y\n",
               "function `f` calls itself through other functions: a function cannot be recursive");
    check_says(RECORD "param p = 3\nfunction f(p: integer): integer = p\ny = f(1)\noutput y\n",
               "parameter `p` has the name of a param, which the function could then not read");
    check_says(RECORD "function f(BA: integer): integer = BA\ny = f(1)\noutput y\n",
               "parameter `BA` has the name of a member of Lane");
    /* a parameter may share a field's name: the body cannot read the field */
    check_ok(RECORD "function f(step: integer, lane: Lane): yes/no = step > 3 and lane = MA\ny = f(step, lane)\noutput y\n");
    Snippet s;
    snippet(&s, RECORD PER_HOUR "x = salary\noutput x\n");
    assert_true(s.ok);
    assert_said(&s, "warning: function `per_hour` is never called");
    snippet_free(&s);
#undef PER_HOUR
}

static void test_money_units(void **state)
{
    (void)state;
    check_says(RECORD "x = salary + 14\noutput x\n",
               "cannot add money and an integer: write the number as an amount ($...) or multiply it by one");
    check_says(RECORD "x = salary * salary\noutput x\n", "cannot multiply money by money");
    check_says(RECORD "x = 5 / salary\noutput x\n", "cannot divide a number by money");
    check_says(RECORD "x = salary > 5\noutput x\n", "cannot compare money with an integer: write the number as an amount ($...)");
    check_ok(RECORD "x = salary * fte / 194\ny = salary / $2\nz = years / 2\noutput x, y, z\n");
}

static void test_types_of_values(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "a = salary / $2\nb = years / 2\nc = years + 1\nd = salary * fte\ne = round(fte)\n"
                       "f = round(fte, 2)\noutput a, b, c, d, e, f\n");
    assert_true(s.ok);
    assert_int_equal(s.m.def_types[0].kind, TY_DECIMAL);
    assert_int_equal(s.m.def_types[1].kind, TY_DECIMAL);
    assert_int_equal(s.m.def_types[2].kind, TY_INTEGER);
    assert_int_equal(s.m.def_types[3].kind, TY_MONEY);
    assert_int_equal(s.m.def_types[4].kind, TY_INTEGER);
    assert_int_equal(s.m.def_types[5].kind, TY_DECIMAL);
    snippet_free(&s);
}

static void test_per_year_counts(void **state)
{
    (void)state;
    check_says(RECORD "param p = $1 / $2 / $3\nx = p\noutput x\n",
               "param `p` has 3 values, but the contract has 2 years: give one value for every year, or one for all");
    check_says(RECORD "x = $1 / $2 / $3\noutput x\n", "3 values for 2 contract years");
    /* parenthesised, it is a division */
    Snippet s;
    snippet(&s, RECORD "x = ($6 / $3)\noutput x\n");
    assert_true(s.ok);
    assert_int_equal(s.m.def_types[0].kind, TY_DECIMAL);
    snippet_free(&s);
}

static void test_schedule_completeness(void **state)
{
    (void)state;
    check_says(RECORD "schedule pay by step, lane\n  step BA MA\n  1 $1 $2\noutput id\nx = pay[step, lane]\n",
               "schedule `pay` has no column for DOC");
    check_says(RECORD "schedule pay by step, lane\n  step BA MA DOC\n  1 $1 $2 $3\n  3 $1 $2 $3\nx = pay[step, lane]\noutput x\n",
               "schedule `pay` has no row for step 2");
    check_says(RECORD "schedule pay by step, lane\n  step BA MA DOC\n  1 $1 $2 $3\n  2 $1 $2\nx = pay[step, lane]\noutput x\n",
               "row 2 of schedule `pay` has 2 cells, but the header has 3 columns (BA, MA, DOC): "
               "give each column a cell, $___ where the figure is not known");
    check_says(RECORD "schedule pay by step, lane\n  step BA MA DOC\n  1 $1 $2 $3\nx = pay[step, lane]\noutput x\n",
               "schedule `pay` has no row for step 2, which `step` allows; add the rows, or write `clamp`");
    check_says(RECORD "schedule pay by step, lane clamp\n  \"2017-18\":\n    step BA MA DOC\n    1 $1 $2 $3\n"
                      "x = pay[step, lane]\noutput x\n",
               "schedule `pay` has no block for \"2018-19\"");
}

static void test_table_completeness(void **state)
{
    (void)state;
    check_says(RECORD "table extra by Lane\n  BA $1\n  MA $2\nx = extra[lane]\noutput x\n", "table `extra` has no row for DOC");
    check_says(RECORD "table extra by Lane\n  BA $1\n  MA $2\n  DOC $3\n  MA $4\nx = extra[lane]\noutput x\n",
               "table `extra` has two rows for MA");
    check_says(RECORD "table extra by Lane\n  BA $1\n  MA 2\n  DOC $3\nx = extra[lane]\noutput x\n",
               "table `extra` mixes money and numbers");
}

static void test_cycle_is_reported_step_by_step(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "a = b + $1\nb = c\nc = a\noutput a\n");
    assert_false(s.ok);
    assert_said(&s, "error: `a` depends on itself");
    assert_said(&s, "note: `a` uses `b`");
    assert_said(&s, "note: `b` uses `c`");
    assert_said(&s, "note: `c` uses `a`");
    snippet_free(&s);
}

static void test_components(void **state)
{
    (void)state;
    check_says(RECORD "bonus x when nb add $5\nbonus y when nb add 5\noutput bonus\n",
               "this rule adds a plain number, but `bonus` adds money: write it as an amount, `$5`");
    check_says(RECORD "bonus x when nb add years * 2\nbonus y when nb add $5\noutput bonus\n",
               "this rule adds an integer, but `bonus` adds money: a component adds one kind of value");
    check_says(RECORD "bonus x when years add $5\noutput bonus\n",
               "a rule's condition after `when` must be a yes/no, but this is an integer");
    check_says(RECORD "bonus x when nb add $5\nbonus x when nb add $6\noutput bonus\n",
               "component `bonus` already has a rule labelled `x`");
    check_says(RECORD "bonus = $1\nbonus x when nb add $5\noutput bonus\n", "`bonus` is already a definition");
}

static void test_warnings(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "param open = $___\nunused = salary * 2\nx = open\noutput x\n");
    assert_true(s.ok);
    assert_said(&s, "warning: definition `unused` is never used");
    assert_said(&s, "warning: param `open` is blank: fill it with --set open=VALUE");
    assert_int_equal(s.m.nblanks, 1);
    snippet_free(&s);
}

static void test_strict_blanks(void **state)
{
    (void)state;
    Snippet s;
    snippet_with(&s, RECORD "param open = $___\nx = open\noutput x\n", true, (CheckOptions){.strict = true});
    assert_false(s.ok);
    assert_said(&s, "error: param `open` is blank (--strict)");
    snippet_free(&s);
}

static void test_examples_checked(void **state)
{
    (void)state;
    check_says(RECORD "x = salary\noutput x\nexample \"e\":\n  given salary = 5\n  expect x = $5\n",
               "`salary` is money, but this is an integer");
    check_says(RECORD "x = salary\noutput x\nexample \"e\":\n  given nope = 5\n  expect x = $5\n",
               "`given` sets fields of the employee record, params, definitions or components, and `nope` is none of these");
    check_says(RECORD "x = salary\noutput x\nexample \"e\":\n  expect x = $5 in \"2020-21\"\n",
               "\"2020-21\" is not one of the contract's years");
    check_says(RECORD "x = salary\noutput x\nexample \"e\":\n  expect x = salary * 2\n",
               "an example gives and expects plain values");
}

static void test_field_types(void **state)
{
    (void)state;
    check_says("employee:\n  a: intger\n", "unknown type `intger`: a field is integer, decimal, money, yes/no, text, date, an enum or a list of one; did you mean `integer`?");
    check_says("employee:\n  a: decimal 1 to 3\n", "only an integer field can have a range");
    check_says("employee:\n  a: integer 5 to 3\n", "the range 5 to 3 is empty");
    check_says("employee:\n  a: list of Foo\n", "`list of` needs an enum or a record, and `Foo` is neither");
}

static void test_lookups(void **state)
{
    (void)state;
    check_says(RECORD "table extra by Lane\n  BA $1\n  MA $2\n  DOC $3\nx = extra\noutput x\n",
               "`extra` is a table: look up one amount with extra[Lane]");
    check_says(RECORD "table extra by Lane\n  BA $1\n  MA $2\n  DOC $3\nx = extra[step]\noutput x\n",
               "table `extra` is keyed by a Lane, but this is an integer");
}

/* The component proofs: overlaps and gaps with a concrete employee. */
static void test_proofs(void **state)
{
    (void)state;
    check_says(RECORD "t: at most one\nt a when years = 14 add $1\nt b when years in 14..18 add $2\noutput t\n",
               "rules `t a` and `t b` can both apply, but `t` allows at most one");
    check_says(RECORD "t: at most one\nt a when years = 14 add $1\nt b when years in 14..18 add $2\noutput t\n",
               "note: for example, an employee with years = 14");
    check_says(RECORD "t: exactly one\nt a when step <= 5 add $1\nt b when step >= 7 add $2\noutput t\n",
               "note: for example, an employee with step = 6");
    check_ok(RECORD "t: exactly one\nt a when step <= 5 add $1\nt b when step >= 6 add $2\noutput t\n");
    /* enums: every member covered once */
    check_ok(RECORD "t: exactly one\nt a when lane = BA add $1\nt b when lane in [MA, DOC] add $2\noutput t\n");
    check_says(RECORD "t: exactly one\nt a when lane = BA add $1\nt b when lane = MA add $2\noutput t\n",
               "for example, an employee with lane = DOC");
    /* yes/no, not, != and or */
    check_ok(RECORD "t: exactly one\nt a when nb add $1\nt b when not nb add $2\noutput t\n");
    check_says(RECORD "t: at most one\nt a when years != 3 add $1\nt b when years = 5 or nb add $2\noutput t\n",
               "an employee with years = 2, nb = yes");
    check_ok(RECORD "t: at most one\nt a when years != 3 and nb add $1\nt b when years = 3 or not nb add $2\noutput t\n");
    /* an unconditional rule overlaps everything */
    check_says(RECORD "t: at most one\nt a add $1\nt b when nb add $2\noutput t\n", "for example, an employee with nb = yes");
    /* beyond the prover: said, not passed over */
    Snippet s;
    snippet(&s, RECORD "t: at most one\nt a when fte * 2 > 1 add $1\nt b when fte * 2 < 0.4 add $2\noutput t\n");
    assert_true(s.ok);
    assert_said(&s, "warning: could not decide whether rules `t a` and `t b` can both apply");
    snippet_free(&s);
}

static void test_list_membership_proof(void **state)
{
    (void)state;
    const char *rec = "enum Job: band, play\nemployee:\n  id: text\n  jobs: list of Job\n";
    char src[1024];
    snprintf(src, sizeof src, "%st: at most one\nt a when band in jobs add $1\nt b when play in jobs add $2\noutput t\n", rec);
    check_says(src, "for example, an employee with jobs includes band, jobs includes play");
    snprintf(src, sizeof src, "%st: exactly one\nt a when band in jobs add $1\nt b when not (band in jobs) add $2\noutput t\n", rec);
    check_ok(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_name_suggests),
        cmocka_unit_test(test_money_units),
        cmocka_unit_test(test_types_of_values),
        cmocka_unit_test(test_per_year_counts),
        cmocka_unit_test(test_schedule_completeness),
        cmocka_unit_test(test_table_completeness),
        cmocka_unit_test(test_cycle_is_reported_step_by_step),
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_strict_blanks),
        cmocka_unit_test(test_examples_checked),
        cmocka_unit_test(test_field_types),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_functions),
        cmocka_unit_test(test_proofs),
        cmocka_unit_test(test_list_membership_proof),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
