/* A district's units added up (engine/cost_units.h): the units' totals
 * by year and over the term, the district's proposals when a unit brings
 * several, the settlement, and each way units can fail to fit together,
 * every figure worked by hand below. */
#include "support.h"

#include "cost_units.h"

#define assert_rat(got, want) assert_true(rat_eq((got), (want)))

/* A costing of nyears years named names, whose total is totals[y] (only
 * what cost_district reads: the path, the years, the total line, the
 * headcount). */
typedef struct {
    Costing c;
    CostLine line;
} Fake;

static void fake(Fake *f, const char *path, const char *const *names, int nyears, const int64_t *totals, long headcount)
{
    memset(f, 0, sizeof *f);
    f->line.name = "total";
    f->line.present = true;
    f->c = (Costing){.path = path, .nyears = nyears, .nlines = 1, .lines = &f->line, .total_line = 0};
    for (int y = 0; y < nyears; y++) {
        f->c.year[y] = f->c.contract_year[y] = names[y];
        f->line.sum[y] = rat_int(totals[y]);
        f->c.headcount[y] = headcount;
    }
}

static const char *const two[] = {"2024-25", "2025-26"};

/* Teachers: proposal 100 / 120, baseline 100 / 110.
 * Support:  proposal  50 /  60, baseline  50 /  55.
 *   district proposal 150 / 180 (330 over the term), baseline 150 / 165 (315)
 *   settlement: teachers 0 / 10 (10), support 0 / 5 (5), district 0 / 15 (15) */
static void test_two_units(void **state)
{
    (void)state;
    Fake tp, tb, sp, sb;
    fake(&tp, "t.terms", two, 2, (int64_t[]){100, 120}, 3);
    fake(&tb, "t0.terms", two, 2, (int64_t[]){100, 110}, 3);
    fake(&sp, "s.terms", two, 2, (int64_t[]){50, 60}, 2);
    fake(&sb, "s0.terms", two, 2, (int64_t[]){50, 55}, 2);
    CostReport tr = {.proposal = &tp.c, .baseline = &tb.c}, sr = {.proposal = &sp.c, .baseline = &sb.c};
    CostUnit units[] = {{"teachers", &tr, 1}, {"support", &sr, 1}};
    DistrictCost d;
    char why[512];
    assert_true(cost_district(units, 2, &d, why, sizeof why));
    assert_int_equal(d.nyears, 2);
    assert_int_equal(d.nproposals, 1);
    assert_true(d.has_baseline);
    assert_string_equal(d.year[1], "2025-26");
    /* rows: teachers, support, then the district */
    assert_rat(d.proposal[0].v[2], rat_int(220));
    assert_rat(d.proposal[1].v[1], rat_int(60));
    assert_rat(d.proposal[2].v[0], rat_int(150));
    assert_rat(d.proposal[2].v[1], rat_int(180));
    assert_rat(d.proposal[2].v[2], rat_int(330));
    assert_rat(d.baseline[2].v[1], rat_int(165));
    assert_rat(d.baseline[2].v[2], rat_int(315));
    assert_rat(d.settlement[0].v[2], rat_int(10));
    assert_rat(d.settlement[1].v[1], rat_int(5));
    assert_rat(d.settlement[2].v[0], rat_int(0));
    assert_rat(d.settlement[2].v[2], rat_int(15));
    assert_int_equal(d.headcount[0][1], 5);
    district_cost_free(&d);
}

/* Teachers bring two proposals (120 and 130 in the second year), support
 * one (60): the district's first proposal is 120 + 60 = 180, its second
 * 130 + 60 = 190; support's one counts in both.  No baselines. */
static void test_several_proposals(void **state)
{
    (void)state;
    Fake t1, t2, s;
    fake(&t1, "t1.terms", two, 2, (int64_t[]){100, 120}, 3);
    fake(&t2, "t2.terms", two, 2, (int64_t[]){100, 130}, 3);
    fake(&s, "s.terms", two, 2, (int64_t[]){50, 60}, 2);
    CostReport tr[] = {{.proposal = &t1.c}, {.proposal = &t2.c}}, sr = {.proposal = &s.c};
    CostUnit units[] = {{"teachers", tr, 2}, {"support", &sr, 1}};
    DistrictCost d;
    char why[512];
    assert_true(cost_district(units, 2, &d, why, sizeof why));
    assert_int_equal(d.nproposals, 2);
    assert_false(d.has_baseline);
    assert_ptr_equal(cost_unit_proposal(&units[1], 1), &sr);
    assert_ptr_equal(cost_unit_proposal(&units[0], 1), &tr[1]);
    /* row u * 2 + k */
    assert_rat(d.proposal[1].v[1], rat_int(130));
    assert_rat(d.proposal[3].v[1], rat_int(60));
    assert_rat(d.proposal[4].v[1], rat_int(180));
    assert_rat(d.proposal[5].v[1], rat_int(190));
    assert_rat(d.proposal[5].v[2], rat_int(340));
    district_cost_free(&d);
}

/* Each way the units do not fit, with its message. */
static void test_misfits(void **state)
{
    (void)state;
    static const char *const other[] = {"2024-25", "2026-27"};
    Fake a1, a2, b1, b2, b3, c, base;
    fake(&a1, "a1.terms", two, 2, (int64_t[]){1, 1}, 1);
    fake(&a2, "a2.terms", two, 2, (int64_t[]){1, 1}, 1);
    fake(&b1, "b1.terms", two, 2, (int64_t[]){1, 1}, 1);
    fake(&b2, "b2.terms", two, 2, (int64_t[]){1, 1}, 1);
    fake(&b3, "b3.terms", two, 2, (int64_t[]){1, 1}, 1);
    fake(&c, "c.terms", other, 2, (int64_t[]){1, 1}, 1);
    fake(&base, "base.terms", two, 2, (int64_t[]){1, 1}, 1);
    DistrictCost d;
    char why[512];

    CostReport ar[] = {{.proposal = &a1.c}, {.proposal = &a2.c}}, br[] = {{.proposal = &b1.c}, {.proposal = &b2.c}, {.proposal = &b3.c}};
    CostUnit unequal[] = {{"a", ar, 2}, {"b", br, 3}};
    assert_false(cost_district(unequal, 2, &d, why, sizeof why));
    assert_string_equal(why, "unit a has 2 proposals and unit b 3: the district's first proposal is every unit's first, its second "
                             "every unit's second, so units with several proposals must have as many");
    district_cost_free(&d);

    CostReport with = {.proposal = &a1.c, .baseline = &base.c}, without = {.proposal = &b1.c};
    CostUnit half[] = {{"a", &without, 1}, {"b", &with, 1}};
    assert_false(cost_district(half, 2, &d, why, sizeof why));
    assert_string_equal(why, "unit b has a --baseline and unit a none: give every unit its baseline (the contract in force), or none");
    district_cost_free(&d);

    CostReport cr = {.proposal = &c.c};
    CostUnit years[] = {{"a", &without, 1}, {"c", &cr, 1}};
    assert_false(cost_district(years, 2, &d, why, sizeof why));
    assert_string_equal(why, "unit c: c.terms is costed over 2024-25 to 2026-27, and the district over 2024-25 to 2025-26: units are "
                             "added up year by year, over the same years");
    district_cost_free(&d);
}

static void test_names(void **state)
{
    (void)state;
    assert_true(cost_unit_name_ok("teachers"));
    assert_true(cost_unit_name_ok("support-staff_2"));
    assert_true(cost_unit_name_ok("abcdefghijklmnopqrst"));
    assert_false(cost_unit_name_ok(""));
    assert_false(cost_unit_name_ok("all units"));
    assert_false(cost_unit_name_ok("abcdefghijklmnopqrstu"));
    assert_false(cost_unit_name_ok("t,1"));
    assert_false(cost_unit_name_ok("--baseline"));
    assert_false(cost_unit_name_ok("_x"));
}

/* The district's years found by name in a unit's contract. */
static void test_unit_years(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "years \"Y1\", \"Y2\", \"Y3\"\nemployee:\n  id: text\ntotal = $1\noutput id, total\n");
    assert_true(s.ok);
    int first = -1, last = -1;
    char why[512];
    assert_true(cost_unit_years(&s.m, "u", "u.terms", (const char *[]){"Y2", "Y3"}, 2, &first, &last, why, sizeof why));
    assert_int_equal(first, 1);
    assert_int_equal(last, 2);
    assert_false(cost_unit_years(&s.m, "u", "u.terms", (const char *[]){"Y3", "Y4"}, 2, &first, &last, why, sizeof why));
    assert_string_equal(why, "unit u: u.terms has no year \"Y4\", which the district costs: every unit is costed over the same years "
                             "(give --years to cost fewer)");
    assert_false(cost_unit_years(&s.m, "u", "u.terms", (const char *[]){"Y1", "Y3"}, 2, &first, &last, why, sizeof why));
    assert_string_equal(why, "unit u: in u.terms, year \"Y3\" does not follow \"Y1\" as it does in the district's years");
    snippet_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_units),
        cmocka_unit_test(test_several_proposals),
        cmocka_unit_test(test_misfits),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_unit_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
