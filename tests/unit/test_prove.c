/* The component prover (compiler/prove.c): `at most one` and `exactly one`
 * over enums of any size, decimals and money, values a roster can hold,
 * conditions it only partly understands, and its budget. */
#include "support.h"

/* No errors and no warnings. */
static void proves(const char *src)
{
    Snippet s;
    snippet(&s, src);
    if (!s.ok || s.d.warnings)
        fail_msg("expected a proof, got:\n%s", s.text ? s.text : "");
    snippet_free(&s);
}

static void refutes(const char *src, const char *message)
{
    Snippet s;
    snippet(&s, src);
    assert_false(s.ok);
    assert_said(&s, message);
    snippet_free(&s);
}

/* A warning without --strict, an error with it. */
static void undecided(const char *src, const char *message)
{
    Snippet s;
    snippet(&s, src);
    assert_true(s.ok);
    assert_int_equal(s.d.warnings, 1);
    assert_said(&s, message);
    snippet_free(&s);
    snippet_with(&s, src, true, (CheckOptions){.strict = true});
    assert_false(s.ok);
    assert_said(&s, message);
    snippet_free(&s);
}

/* enum Code with 200 members m0..m199, a field `code` of it, then rules */
static char *big_enum(const char *rules)
{
    size_t cap = 4096 + strlen(rules);
    char *src = malloc(cap);
    assert_non_null(src);
    int n = snprintf(src, cap, "enum Code: m0");
    for (int i = 1; i < 200; i++)
        n += snprintf(src + n, cap - (size_t)n, ", m%d", i);
    snprintf(src + n, cap - (size_t)n, "\nemployee:\n  id: text\n  code: Code\n  nb: yes/no\n%s", rules);
    return src;
}

static void test_enums_past_64_members(void **state)
{
    (void)state;
    char *src = big_enum("t: at most one\nt a when code = m0 add $1\nt b when code = m64 add $2\noutput t\n");
    proves(src);
    free(src);
    src = big_enum("t: at most one\nt a when code = m70 add $1\nt b when code in [m3, m70] add $2\noutput t\n");
    refutes(src, "for example, an employee with code = m70");
    free(src);
    src = big_enum("t: at most one\nt a when code in [m128, m199] add $1\nt b when not (code in [m0, m128]) add $2\noutput t\n");
    refutes(src, "for example, an employee with code = m199");
    free(src);
    src = big_enum("t: exactly one\nt a when code != m150 add $1\noutput t\n");
    refutes(src, "no rule of `t` applies to some employees, but it requires exactly one");
    free(src);
    src = big_enum("t: exactly one\nt a when code != m150 add $1\noutput t\n");
    refutes(src, "for example, an employee with code = m150");
    free(src);
    src = big_enum("t: exactly one\nt a when code != m199 add $1\nt b when code = m199 and nb add $2\nt c when code = m199 and not nb add $3\noutput t\n");
    proves(src);
    free(src);
}

/* Every value shown fits the field's range and the language's limits. */
static void test_witnesses_a_roster_can_hold(void **state)
{
    (void)state;
    proves(RECORD "t: exactly one\nt a when years <= 1000000000000000000 and years >= -1000000000000000000 add $1\noutput t\n");
    refutes(RECORD "t: exactly one\nt a when years < 1000000000000000000 add $1\noutput t\n",
            "for example, an employee with years = 1000000000000000000");
    refutes(RECORD "t: exactly one\nt a when step > 1 add $1\noutput t\n", "for example, an employee with step = 1");
    refutes(RECORD "t: exactly one\nt a when fte > -1000000000000000000 add $1\noutput t\n",
            "for example, an employee with fte = -1000000000000000000");
    /* no decimal within 10^18 lies strictly between these, so they never meet */
    proves(RECORD "t: at most one\nt a when fte > 999999999999999999 and fte < 1000000000000000000 add $1\n"
                  "t b when fte > 999999999999999998 add $2\noutput t\n");
    proves(RECORD "t: at most one\nt a when fte > 0.000000000000000001 and fte < 0.000000000000000002 add $1\n"
                  "t b when fte > 0 add $2\noutput t\n");
    /* ... but these do */
    refutes(RECORD "t: at most one\nt a when fte > 99999999999999999 and fte < 100000000000000000 add $1\n"
                   "t b when fte > 99999999999999998 add $2\noutput t\n",
            "for example, an employee with fte = 99999999999999999.5");
}

static void test_decimals_and_money(void **state)
{
    (void)state;
    refutes(RECORD "t: at most one\nt a when fte < 0.6 add $1\nt b when fte <= 0.5 add $2\noutput t\n",
            "for example, an employee with fte = 0.5");
    proves(RECORD "t: exactly one\nt a when fte < 0.5 add $1\nt b when fte >= 0.5 add $2\noutput t\n");
    refutes(RECORD "t: exactly one\nt a when fte < 0.5 add $1\nt b when fte > 0.5 add $2\noutput t\n",
            "for example, an employee with fte = 0.5");
    refutes(RECORD "t: exactly one\nt a when fte <= 0.5 add $1\nt b when fte >= 0.6 add $2\noutput t\n",
            "for example, an employee with fte = 0.55");
    refutes(RECORD "t: exactly one\nt a when fte in 0..1 add $1\nt b when fte > 1 add $2\noutput t\n",
            "for example, an employee with fte = -1");
    proves(RECORD "t: exactly one\nt a when fte in [0.5, 1] add $1\nt b when not (fte in [0.5, 1]) add $2\noutput t\n");
    refutes(RECORD "t: exactly one\nt a when salary <= $40,000 add $1\nt b when salary >= $40,000.01 add $2\noutput t\n",
            "for example, an employee with salary = $40,000.005");
    refutes(RECORD "t: at most one\nt a when salary >= -$1,500.25 add $1\nt b when salary <= -$1,500.25 add $2\noutput t\n",
            "for example, an employee with salary = -$1,500.25");
    /* an integer field against a fraction */
    proves(RECORD "t: exactly one\nt a when years > 2.5 add $1\nt b when years <= 2 add $2\noutput t\n");
    proves(RECORD "t: at most one\nt a when years = 2.5 add $1\nt b add $2\noutput t\n");
}

/* What the prover does not understand is unknown; what it understands
 * still decides. */
static void test_unknown_parts(void **state)
{
    (void)state;
    proves(RECORD "t: at most one\nt a when lane = BA add $1\nt b when lane = MA and salary * 2 > $5 add $2\noutput t\n");
    proves(RECORD "t: at most one\nt a when lane = BA and not (fte * 2 > 1) add $1\nt b when lane = MA or (nb and lane = DOC and fte * 2 > 1) add $2\noutput t\n");
    /* an overlap that holds whatever the unknown part says */
    refutes(RECORD "t: at most one\nt a when lane = BA or fte * 2 > 1 add $1\nt b when lane = BA add $2\noutput t\n",
            "for example, an employee with lane = BA");
    /* a gap that no unknown part can close */
    refutes(RECORD "t: exactly one\nt a when lane = BA and fte * 2 > 1 add $1\nt b when lane = MA add $2\noutput t\n",
            "for example, an employee with lane = DOC");
    /* covered whatever the unknown part says; whether a and b meet depends on it */
    undecided(RECORD "t: exactly one\nt a when lane = BA or fte * 2 > 1 add $1\nt b when lane != BA add $2\noutput t\n",
              "could not decide whether rules `t a` and `t b` can both apply: the prover works with integer, decimal, money, enum "
              "and yes/no fields compared with constants, and `fte * 2 > 1` is beyond it");
    undecided(RECORD "t: exactly one\nt a when lane = BA and fte * 2 > 1 add $1\nt b when lane != BA add $2\noutput t\n",
              "could not decide whether some rule of `t` always applies: the prover works with integer, decimal, money, enum "
              "and yes/no fields compared with constants, and `fte * 2 > 1` is beyond it");
}

/* Unions over one field stay one box: 5,000 values would be more boxes
 * than the budget holds. */
static void test_one_field_is_one_box(void **state)
{
    (void)state;
    size_t cap = 64 * 1024;
    char *src = malloc(cap);
    assert_non_null(src);
    int n = snprintf(src, cap, RECORD "t: at most one\nt a when years in [0");
    for (int i = 1; i < 5000; i++)
        n += snprintf(src + n, cap - (size_t)n, ", %d", i);
    snprintf(src + n, cap - (size_t)n, "] add $1\nt b when years >= 5000 or years < 0 add $2\noutput t\n");
    proves(src);
    free(src);
}

/* A rule past the budget is undecided, naming it, once. */
static void test_budget(void **state)
{
    (void)state;
    /* (b0 or b1) and (b2 or b3) and ... and (b24 or b25): 2^13 boxes */
    char src[4096];
    int n = snprintf(src, sizeof src, "enum Lane: BA, MA, DOC\nemployee:\n  lane: Lane\n");
    for (int i = 0; i < 26; i++)
        n += snprintf(src + n, sizeof src - (size_t)n, "  b%d: yes/no\n", i);
    n += snprintf(src + n, sizeof src - (size_t)n, "t: at most one\nt a when lane = BA");
    for (int i = 0; i < 13; i++)
        n += snprintf(src + n, sizeof src - (size_t)n, " and (b%d or b%d)", 2 * i, 2 * i + 1);
    snprintf(src + n, sizeof src - (size_t)n, " add $1\nt b when lane = MA add $2\nt c when lane = DOC add $3\noutput t\n");
    undecided(src, "could not decide whether rules `t a` and `t b` can both apply: the conditions of `t` need more than 4,096 boxes, "
                   "the prover's limit");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enums_past_64_members),
        cmocka_unit_test(test_witnesses_a_roster_can_hold),
        cmocka_unit_test(test_decimals_and_money),
        cmocka_unit_test(test_unknown_parts),
        cmocka_unit_test(test_one_field_is_one_box),
        cmocka_unit_test(test_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
