/* Schedule shapes and enum order (compiler/schedule_shape.c): what the
 * checker accepts and refuses, and the values the VM computes from them. */
#include "support.h"

/* RECORD's fields: id, lane, step, years, fte, salary, nb */
typedef struct {
    Snippet s;
    Program *p;
    VM *vm;
    Value record[7];
} Run;

static void start(Run *r, const char *src, int year)
{
    snippet(&r->s, src);
    if (!r->s.ok)
        fail_msg("contract does not check:\n%s", r->s.text);
    r->p = compile_program(&r->s.m, year, NULL, 0);
    r->vm = vm_new(r->p);
    memset(r->record, 0, sizeof r->record);
    r->record[0].text.p = "T1";
    r->record[0].text.len = 2;
    r->record[2].num = rat_int(1);
    r->record[3].num = rat_int(0);
    r->record[4].num = rat_int(1);
    r->record[5].num = rat_int(0);
}

static void finish(Run *r)
{
    vm_free(r->vm);
    snippet_free(&r->s);
}

/* name's value for the current record, as printed (a member or yes/no as
 * #index), or "error: ..." */
static const char *value_of(Run *r, const char *name)
{
    static char buf[160];
    int n = -1;
    for (int i = 0; i < r->p->nnodes; i++)
        if (!strcmp(r->p->nodes[i].name, name))
            n = i;
    if (n < 0)
        fail_msg("no node %s", name);
    Value v;
    vm_begin(r->vm, r->record);
    if (!vm_value(r->vm, n, &v)) {
        snprintf(buf, sizeof buf, "error: %s", vm_error(r->vm));
        return buf;
    }
    size_t len;
    if (r->p->nodes[n].type.kind == TY_BOOL || r->p->nodes[n].type.kind == TY_ENUM)
        len = (size_t)snprintf(buf, sizeof buf, "#%lld", (long long)v.i);
    else
        len = rat_format(v.num, 12, ROUND_HALF_UP, buf, sizeof buf - 1);
    buf[len] = '\0';
    return buf;
}

static void refused(const char *src, const char *message)
{
    Snippet s;
    snippet(&s, src);
    if (!said(&s, message))
        fail_msg("expected \"%s\", got:\n%s", message, s.text ? s.text : "");
    snippet_free(&s);
}

/* next( ) and previous( ) walk the enum in declared order; past either
 * end they fail for the row, naming the member and the enum. */
static void test_next_and_previous(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "up = next(lane)\ndown = previous(lane)\nhigh = lane >= MA\nlow = lane < MA\n"
                     "output up, down, high, low\n", 0);
    struct {
        int lane;
        const char *up, *down, *high, *low;
    } cases[] = {
        {0, "#1", "error: there is no Lane before BA, the first, for previous( ) in `down`", "#0", "#1"},
        {1, "#2", "#0", "#1", "#0"},
        {2, "error: there is no Lane after DOC, the last, for next( ) in `up`", "#1", "#1", "#0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[1].i = cases[i].lane;
        assert_string_equal(value_of(&r, "up"), cases[i].up);
        assert_string_equal(value_of(&r, "down"), cases[i].down);
        assert_string_equal(value_of(&r, "high"), cases[i].high);
        assert_string_equal(value_of(&r, "low"), cases[i].low);
    }
    finish(&r);
    refused(RECORD "x = next(step)\noutput x\n", "next( ) takes a member of an enum, as in next(lane), but this is an integer");
    refused(RECORD "x = next(DOC)\noutput x\n", "there is no Lane after DOC, the last");
    refused(RECORD "x = nb < yes\noutput x\n", "yes/no values are compared with = or != only");
}

/* The prover reads `lane >= MA` as the members from MA on. */
static void test_order_in_proofs(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "b: exactly one\nb low when lane < MA add $1\nb high when lane >= MA add $2\noutput b\n");
    assert_true(s.ok);
    assert_false(said(&s, "warning"));
    snippet_free(&s);
    refused(RECORD "b: exactly one\nb low when lane < MA add $1\nb high when lane > MA add $2\noutput b\n",
            "for example, an employee with lane = MA");
    refused(RECORD "b: at most one\nb low when lane <= MA add $1\nb high when lane >= MA add $2\noutput b\n",
            "lane = MA");
}

/* A row range is one printed row for each step in it; an N/A cell is an
 * error for the row that looks it up, naming the cell; a derived column
 * reads the row's step, or the number its member stands for. */
#define SHAPES \
    "enum Level: A = 0, B, C, D = 7\n" \
    "schedule pay by step, lane clamp\n  step BA MA\n  1 $40,000 N/A\n  2..4 $41,000 $45,000\n  5 $42,000 $46,000\n" \
    "  DOC = MA + $100 * step\n" \
    "schedule support by Level, lane\n  level BA\n  A $1\n  B $2\n  C N/A\n  D $4\n  MA = $1,000 + $10 * level\n" \
    "  DOC = BA + MA\n" \
    "base = pay[step, lane]\nat_c = support[C, lane]\nat_d = support[D, lane]\nat_b = support[B, lane]\n" \
    "output base, at_c, at_d, at_b\n"

static void test_ranges_na_and_row_numbers(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD SHAPES, 0);
    struct {
        int lane, step;
        const char *base;
    } cases[] = {
        {0, 1, "40000"}, {0, 2, "41000"}, {0, 3, "41000"}, {0, 4, "41000"}, {0, 5, "42000"}, {0, 13, "42000"},
        {1, 3, "45000"}, {1, 5, "46000"},
        {1, 1, "error: pay[1, MA] is N/A: the schedule places no one there, in `base`"},
        {2, 1, "error: pay[1, DOC] is N/A: the schedule places no one there, in `base`"}, /* beside an N/A cell */
        {2, 2, "45200"}, {2, 4, "45400"}, {2, 5, "46500"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[1].i = cases[i].lane;
        r.record[2].num = rat_int(cases[i].step);
        assert_string_equal(value_of(&r, "base"), cases[i].base);
    }
    r.record[1].i = 1; /* MA: $1,000 + $10 x the number of the level */
    assert_string_equal(value_of(&r, "at_b"), "1010");
    assert_string_equal(value_of(&r, "at_c"), "1020");
    assert_string_equal(value_of(&r, "at_d"), "1070");
    r.record[1].i = 2; /* DOC = BA + MA, N/A where BA is */
    assert_string_equal(value_of(&r, "at_b"), "1012");
    assert_string_equal(value_of(&r, "at_c"), "error: support[C, DOC] is N/A: the schedule places no one there, in `at_c`");
    assert_string_equal(value_of(&r, "at_d"), "1074");
    finish(&r);

    Snippet s;
    snippet(&s, RECORD SHAPES);
    assert_false(said(&s, "blank")); /* N/A is not a blank */
    /* but a lookup that can reach it is said once, naming the cells */
    assert_said(&s, "warning: `pay[step, lane]` can look up cells that are N/A: pay[1, MA], pay[1, DOC]");
    assert_said(&s, "warning: `support[C, lane]` can look up cells that are N/A: support[C, BA], support[C, DOC]");
    snippet_free(&s);
    refused(RECORD "schedule pay by step, lane clamp\n  step BA MA DOC\n  1 $1 $2 $3\n  4..3 $1 $2 $3\nx = pay[step, lane]\noutput x\n",
            "a row range goes up");
    refused(RECORD "schedule pay by step, lane clamp\n  step BA MA DOC\n  1..2 $1 $2 $3\n  4 $1 $2 $3\nx = pay[step, lane]\noutput x\n",
            "schedule `pay` has no row for step 3");
    refused(RECORD "enum Level: A = 2, B = 1\noutput id\n", "B stands for 1, but A before it stands for 2");
}

/* A third key picks a grid: one per member, for every year or per year;
 * a lookup names the grid in its messages. */
static void test_grids_picked_by_a_third_key(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "enum Months: ten, twelve\nparam pick = 1\n"
                     "schedule pay by step, lane, Months clamp\n"
                     "  ten:\n    step BA MA DOC\n    1 $10 $20 $30\n    2..3 $11 $21 N/A\n"
                     "  twelve:\n    step BA MA DOC\n    1 $12 $24 $36\n    2..3 $13 $25 $37\n"
                     "t = pay[step, lane, ten]\nw = pay[step, lane, twelve]\noutput t, w\n", 1);
    r.record[1].i = 2; /* DOC */
    r.record[2].num = rat_int(3);
    assert_string_equal(value_of(&r, "w"), "37");
    assert_string_equal(value_of(&r, "t"), "error: pay for ten[3, DOC] is N/A: the schedule places no one there, in `t`");
    r.record[1].i = 0;
    r.record[2].num = rat_int(1);
    assert_string_equal(value_of(&r, "t"), "10");
    assert_string_equal(value_of(&r, "w"), "12");
    finish(&r);

    start(&r, RECORD "enum Months: ten, twelve\n"
                     "schedule pay by step, lane, Months clamp\n"
                     "  \"2017-18\" ten:\n    step BA MA DOC\n    1 $1 $2 $3\n"
                     "  \"2017-18\" twelve:\n    step BA MA DOC\n    1 $4 $5 $6\n"
                     "  \"2018-19\" ten:\n    step BA MA DOC\n    1 $7 $8 $9\n"
                     "  \"2018-19\" twelve:\n    step BA MA DOC\n    1 $10 $11 $12\n"
                     "w = pay[step, lane, twelve]\noutput w\n", 1);
    r.record[1].i = 1;
    assert_string_equal(value_of(&r, "w"), "11");
    finish(&r);

    const char *two = RECORD "enum Months: ten, twelve\nschedule pay by step, lane, Months clamp\n"
                             "  ten:\n    step BA MA DOC\n    1 $1 $2 $3\n";
    char src[1024];
    snprintf(src, sizeof src, "%s%s", two, "x = pay[step, lane, ten]\noutput x\n");
    refused(src, "schedule `pay` has no grid for twelve");
    snprintf(src, sizeof src, "%s%s", two, "  twelve:\n    step BA MA DOC\n    1 $1 $2 $3\nx = pay[step, lane]\noutput x\n");
    refused(src, "schedule `pay` is looked up by step, lane and Months: pay[step, lane, Months]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_and_previous),
        cmocka_unit_test(test_order_in_proofs),
        cmocka_unit_test(test_ranges_na_and_row_numbers),
        cmocka_unit_test(test_grids_picked_by_a_third_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
