/* The standard costing figures (engine/cost_figures.h) of a three-year
 * contract over a roster of three, every figure worked by hand below. */
#include "support.h"

#include "cost_figures.h"
#include "costing.h"

/* pay looks up the schedule; extra reads pay (a line), so it is not the
 * schedule's; stipend and the signing bonus are other items.
 *
 * Roster: A BA step 1, B MA step 2, C MA step 3; 1,000 + 500 + 1,500 =
 * 3,000 hours every year.  Each year a step (at most 3).
 *
 * "Y1", raise 0:  pay     A 100   B 220    C 240    = 560
 *                 stipend 10 each                   =  30
 *                 extra   A 10    B 22     C 24     =  56
 *                 signing 50 each (one-time)        = 150
 *                 total                             = 796
 * "Y2", raise 10% (A 2, B 3, C 3):
 *                 pay     A 121   B 264    C 264    = 649
 *                 extra   A 12.10 B 26.40  C 26.40  =  64.90
 *                 total   649 + 30 + 64.90          = 743.90
 *   where they stood (A 1, B 2, C 3) at Y2's figures:
 *                 pay     A 110   B 242    C 264    = 616
 *                 extra   A 11    B 24.20  C 26.40  =  61.60
 *                 total   616 + 30 + 61.60          = 707.60
 *   increase 743.90 - 796 = -52.10: movement 743.90 - 707.60 = +36.30,
 *   in terms 707.60 - 796 = -88.40: the schedule's (pay) 616 - 560 = +56,
 *   other items -88.40 - 56 = -144.40 (extra +5.60, signing -150);
 *   recurring -52.10 - (0 - 150) = +97.90
 * "Y3", raise 10% again, stipend $20 (A 3, B 3, C 3):
 *                 pay     A 132   B 264    C 264    = 660
 *                 extra   A 13.20 B 26.40  C 26.40  =  66
 *                 total   660 + 60 + 66             = 786
 *   where they stood (A 2, B 3, C 3): pay 121 + 264 + 264 = 649,
 *                 extra 64.90, total 649 + 60 + 64.90 = 773.90
 *   increase 786 - 743.90 = +42.10: movement +12.10, in terms +30: the
 *   schedule's 649 - 649 = 0, other items +30; recurring +42.10
 * Cost per hour: 796 / 3,000 = 0.265333...; 786 / 3,000 = 0.262.
 * Over the term: (743.90 - 796) + (786 - 796) = -62.10; the same
 * final-year increase, -10, spread evenly: -10 * 3 / 2 = -15;
 * loading -62.10 - (-15) = -47.10 (end-loaded). */
static const char contract[] =
    "years \"Y1\", \"Y2\", \"Y3\"\n"
    "rounding half up to cents\n"
    "enum Lane: BA, MA\n"
    "employee:\n"
    "  id: text\n"
    "  lane: Lane\n"
    "  step: integer 1 to 3\n"
    "  hours: decimal\n"
    "schedule salary by step, lane\n"
    "  step  BA    MA\n"
    "  1     $100  $200\n"
    "  2     $110  $220\n"
    "  3     $120  $240\n"
    "param raise = 0 / 10% / 10%\n"
    "param stipend_amount = $10 / $10 / $20\n"
    "pay = round(salary[step, lane] * (1 + raise))\n"
    "stipend = stipend_amount\n"
    "extra = round(pay / 10)\n"
    "one-time signing = if contract_year = 1 then $50 else $0\n"
    "total = pay + stipend + extra + signing\n"
    "output id, total\n"
    "each year: step = min(step + 1, 3)\n";

static const char roster[] = "id,lane,step,hours\nA,BA,1,1000\nB,MA,2,500\nC,MA,3,1500\n";

#define assert_rat(got, want) assert_true(rat_eq((got), (want)))

/* cents as a Rat */
static Rat c(int64_t cents)
{
    return rat_scaled(cents, 2);
}

static void cost_it(Loaded *l, Costing *out, const char *hours)
{
    load(l, contract);
    CostRequest rq = {.roster = in_memory(roster), .first = 0, .last = 2, .total = "total", .hours = hours};
    EngineError e;
    assert_true(cost_contract(&l->v, &rq, out, &e));
}

static void test_schedule_lines(void **state)
{
    (void)state;
    Loaded l;
    Costing k;
    cost_it(&l, &k, NULL);
    assert_int_equal(k.nlines, 5);
    assert_string_equal(k.lines[0].name, "pay");
    assert_true(k.lines[0].schedule);
    assert_false(k.lines[1].schedule);  /* stipend */
    assert_false(k.lines[2].schedule);  /* extra: through pay, a line */
    assert_false(k.lines[3].schedule);  /* signing */
    assert_false(k.lines[4].schedule);  /* the total */
    costing_free(&k);
    snippet_free(&l.s);
}

static void test_increase_split(void **state)
{
    (void)state;
    Loaded l;
    Costing k;
    cost_it(&l, &k, NULL);
    CostIncrease d;
    assert_true(cost_increase(&k, 1, &d));
    assert_rat(d.increase, c(-5210));
    assert_rat(d.movement, c(3630));
    assert_rat(d.terms, c(-8840));
    assert_rat(d.schedule, c(5600));
    assert_rat(d.other, c(-14440));
    assert_rat(d.recurring, c(9790));
    assert_true(cost_increase(&k, 2, &d));
    assert_rat(d.increase, c(4210));
    assert_rat(d.movement, c(1210));
    assert_rat(d.terms, c(3000));
    assert_rat(d.schedule, c(0));
    assert_rat(d.other, c(3000));
    assert_rat(d.recurring, c(4210));
    costing_free(&k);
    snippet_free(&l.s);
}

static void test_per_hour(void **state)
{
    (void)state;
    Loaded l;
    Costing k;
    cost_it(&l, &k, NULL);
    Rat r;
    assert_false(cost_per_hour(&k, 0, &r)); /* no hours asked for */
    costing_free(&k);
    snippet_free(&l.s);
    cost_it(&l, &k, "hours");
    assert_rat(k.hours[0], rat_int(3000));
    assert_true(cost_per_hour(&k, 0, &r));
    Rat want;
    rat_div(rat_int(796), rat_int(3000), &want);
    assert_rat(r, want);
    assert_true(cost_per_hour(&k, 2, &r));
    assert_rat(r, rat_scaled(262, 3));
    costing_free(&k);
    snippet_free(&l.s);
}

static void test_hours_not_a_number(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    CostRequest rq = {.roster = in_memory(roster), .first = 0, .last = 2, .total = "total", .hours = "lane"};
    Costing k;
    EngineError e;
    assert_false(cost_contract(&l.v, &rq, &k, &e));
    assert_int_equal(e.kind, FAIL_HOURS);
    assert_string_equal(e.name, "lane");
    costing_free(&k);
    snippet_free(&l.s);
}

static void test_loading(void **state)
{
    (void)state;
    Loaded l;
    Costing k;
    cost_it(&l, &k, NULL);
    CostLoading g;
    assert_true(cost_loading(&k, &g));
    assert_rat(g.term, c(-6210));
    assert_rat(g.even, c(-1500));
    assert_rat(g.loading, c(-4710));
    k.nyears = 2; /* two years: the even path is the term itself */
    assert_false(cost_loading(&k, &g));
    k.nyears = 3;
    costing_free(&k);
    snippet_free(&l.s);
}

/* --turnover 1:step=1: each year the first one at step 3 the year before
 * is replaced by a hire at step 1 (the record moved on, step set to 1).
 *   Y2: C stood at step 3: replaced, MA step 1: 220 + 10 + 22 = 252;
 *       A BA 2: 121 + 10 + 12.10 = 143.10; B MA 3: 264 + 10 + 26.40 = 300.40
 *       total 695.50; 1 of the 1 at the top
 *   Y3: B stood at step 3: replaced, MA 1: 220 + 20 + 22 = 262;
 *       A BA 3: 132 + 20 + 13.20 = 165.20; C MA 2: 242 + 20 + 24.20 = 286.20
 *       total 713.40; 1 of the 1 at the top
 * With no leavers, the counts of those at the top only: 1 in Y2 (C), 2 in
 * Y3 (B and C, both at step 3 in Y2). */
static void test_turnover(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    CostTurnover t = {.leavers = 1, .field = "step", .hire = 1};
    CostRequest rq = {.roster = in_memory(roster), .first = 0, .last = 2, .total = "total", .turnover = &t};
    Costing k;
    EngineError e;
    assert_true(cost_contract(&l.v, &rq, &k, &e));
    assert_rat(k.lines[k.total_line].sum[0], rat_int(796));
    assert_rat(k.lines[k.total_line].sum[1], c(69550));
    assert_rat(k.lines[k.total_line].sum[2], c(71340));
    assert_int_equal(k.turnover_count[1], 1);
    assert_int_equal(k.at_top[1], 1);
    assert_int_equal(k.turnover_count[2], 1);
    assert_int_equal(k.at_top[2], 1);
    costing_free(&k);
    t.leavers = 0;
    assert_true(cost_contract(&l.v, &rq, &k, &e));
    assert_rat(k.lines[k.total_line].sum[2], rat_int(786));
    assert_int_equal(k.turnover_count[1], 0);
    assert_int_equal(k.at_top[1], 1);
    assert_int_equal(k.turnover_count[2], 0);
    assert_int_equal(k.at_top[2], 2);
    costing_free(&k);
    t.field = "lane"; /* not a whole number with a range */
    assert_false(cost_contract(&l.v, &rq, &k, &e));
    assert_int_equal(e.kind, FAIL_TURNOVER);
    costing_free(&k);
    t = (CostTurnover){.leavers = 1, .field = "step", .hire = 4}; /* outside 1 to 3 */
    assert_false(cost_contract(&l.v, &rq, &k, &e));
    assert_int_equal(e.kind, FAIL_TURNOVER);
    costing_free(&k);
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_lines),
        cmocka_unit_test(test_increase_split),
        cmocka_unit_test(test_per_hour),
        cmocka_unit_test(test_hours_not_a_number),
        cmocka_unit_test(test_loading),
        cmocka_unit_test(test_turnover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
