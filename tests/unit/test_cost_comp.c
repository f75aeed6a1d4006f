/* Total compensation (engine/cost_comp.h) of a tiny contract over three
 * years: wages, a one-time bonus, two roll-ups (one capped by a wage base)
 * and a benefit by plan tier with the employer's share; the increase over
 * last year and over the base year (the cumulative view), their shares of
 * the base year; and the settlement against a baseline.  Every figure is
 * worked by hand below. */
#include "support.h"

#include "cost_comp.h"
#include "solve.h"

/* A pay $500, single plan; B pay $1,000, family plan.
 *
 *  Y1 (rate 1):   salary A 500  B 1,000 = 1,500; no bonus
 *    ss 10% of min(total, $1,000): A 50, B 100 = 150; pension 5%: 25 + 50 = 75
 *    roll-up 225; health A 100 x 50% = 50, B 300 x 50% = 150: 200
 *    total compensation 1,500 + 225 + 200 = 1,925
 *  Y2 (rate 1.1): salary A 550  B 1,100 = 1,650; bonus $100 each = 200
 *    ss A 10% of 650 = 65, B 10% of 1,000 (the cap) = 100: 165
 *    pension 27.50 + 55 = 82.50; roll-up 247.50
 *    health A 120 x 50% = 60, B 150: 210
 *    total compensation 1,850 + 247.50 + 210 = 2,307.50
 *  Y3 (rate 1.2): salary A 600  B 1,200 = 1,800; no bonus
 *    ss 60 + 100 = 160; pension 30 + 60 = 90; roll-up 250
 *    health A 150 x 40% = 60, B 300 x 40% = 120: 180
 *    total compensation 1,800 + 250 + 180 = 2,230
 *  over the term: wages 4,950; one-time 200; roll-up 722.50; benefits 590;
 *    total 6,462.50
 *  increase over last year: Y2 +382.50, Y3 -77.50; over the term +305
 *    (2,230 - 1,925), 305 / 1,925 = 61/385 of the base year
 *  over the base year: Y2 +382.50, Y3 +305; summed, the cumulative cost
 *    687.50 = 5/14 of 1,925 */
static const char contract[] =
    "years \"Y1\", \"Y2\", \"Y3\"\n"
    "rounding half up to cents\n"
    "enum Plan: none, single, family\n"
    "employee:\n"
    "  id: text\n"
    "  pay: money\n"
    "  plan: Plan\n"
    "param rate = 1 / 1.1 / 1.2\n"
    "param wage_base = $1,000\n"
    "param share = 50% / 50% / 40%\n"
    "table premium by Plan\n"
    "  none    $0\n"
    "  single  $100 / $120 / $150\n"
    "  family  $300\n"
    "salary = round(pay * rate)\n"
    "one-time bonus = if contract_year = 2 then $100 else $0\n"
    "total = salary + bonus\n"
    "roll-up ss = round(10% * min(total, wage_base))\n"
    "roll-up pension = round(5% * salary)\n"
    "benefit health = round(premium[plan] * share)\n"
    "output id, total\n";

/* The baseline: the employer's share stays 50% in Y3, so health there is
 * A 75 + B 150 = 225, $45 more; every other figure the same. */
static const char baseline[] =
    "years \"Y1\", \"Y2\", \"Y3\"\n"
    "rounding half up to cents\n"
    "enum Plan: none, single, family\n"
    "employee:\n"
    "  id: text\n"
    "  pay: money\n"
    "  plan: Plan\n"
    "param rate = 1 / 1.1 / 1.2\n"
    "param wage_base = $1,000\n"
    "param share = 50%\n"
    "table premium by Plan\n"
    "  none    $0\n"
    "  single  $100 / $120 / $150\n"
    "  family  $300\n"
    "salary = round(pay * rate)\n"
    "one-time bonus = if contract_year = 2 then $100 else $0\n"
    "total = salary + bonus\n"
    "roll-up ss = round(10% * min(total, wage_base))\n"
    "roll-up pension = round(5% * salary)\n"
    "benefit health = round(premium[plan] * share)\n"
    "output id, total\n";

static const char roster[] = "id,pay,plan\nA,500,single\nB,1000,family\n";

#define assert_rat(got, want) assert_true(rat_eq((got), (want)))

/* dollars and cents: cents(230750) is $2,307.50 */
static Rat cents(int64_t c)
{
    Rat r;
    assert_int_equal(rat_div(rat_int(c), rat_int(100), &r), RAT_OK);
    return r;
}

static Rat frac(int64_t n, int64_t d)
{
    Rat r;
    assert_int_equal(rat_div(rat_int(n), rat_int(d), &r), RAT_OK);
    return r;
}

static void cost(const char *src, Loaded *l, Costing *c)
{
    load(l, src);
    CostRequest rq = {.roster = in_memory(roster), .first = 0, .last = 2, .total = "total"};
    EngineError e;
    assert_true(cost_contract(&l->v, &rq, c, &e));
}

static void test_comp_lines(void **state)
{
    (void)state;
    Loaded l;
    Costing c;
    cost(contract, &l, &c);
    /* the roll-up and benefit definitions beside the lines, which stay the total's parts */
    assert_int_equal(c.nlines, 3);
    assert_true(cost_has_comp(&c));
    assert_int_equal(c.ncomp, 3);
    assert_string_equal(c.comp[0].name, "ss");
    assert_int_equal(c.comp[0].cost, COST_ROLL_UP);
    assert_string_equal(c.comp[2].name, "health");
    assert_int_equal(c.comp[2].cost, COST_BENEFIT);
    assert_rat(c.comp[0].sum[1], cents(16500)); /* B at the cap */
    assert_rat(c.comp[1].sum[1], cents(8250));
    assert_rat(c.comp[2].sum[2], cents(18000));
    costing_free(&c);
    snippet_free(&l.s);
}

static void test_compensation(void **state)
{
    (void)state;
    Loaded l;
    Costing c;
    cost(contract, &l, &c);
    Compensation m;
    EngineError e;
    assert_true(cost_compensation(&c, &m, &e));
    assert_rat(m.wages[0], cents(150000));
    assert_rat(m.wages[1], cents(165000));
    assert_rat(m.one_time[1], cents(20000));
    assert_rat(m.roll_up[0], cents(22500));
    assert_rat(m.roll_up[1], cents(24750));
    assert_rat(m.roll_up[2], cents(25000));
    assert_rat(m.benefits[1], cents(21000));
    assert_rat(m.total[0], cents(192500));
    assert_rat(m.total[1], cents(230750));
    assert_rat(m.total[2], cents(223000));
    assert_rat(m.wages[COMP_ALL], cents(495000));
    assert_rat(m.one_time[COMP_ALL], cents(20000));
    assert_rat(m.roll_up[COMP_ALL], cents(72250));
    assert_rat(m.benefits[COMP_ALL], cents(59000));
    assert_rat(m.total[COMP_ALL], cents(646250));
    assert_rat(m.increase[1], cents(38250));
    assert_rat(m.increase[2], cents(-7750));
    assert_rat(m.increase[COMP_ALL], cents(30500));
    assert_rat(m.over_base[1], cents(38250));
    assert_rat(m.over_base[2], cents(30500));
    assert_rat(m.over_base[COMP_ALL], cents(68750));
    assert_true(m.has_base);
    assert_rat(m.increase_share[COMP_ALL], frac(61, 385));
    assert_rat(m.over_base_share[COMP_ALL], frac(5, 14));
    assert_rat(m.over_base_share[1], frac(38250, 192500));
    costing_free(&c);
    snippet_free(&l.s);
}

static void test_compensation_change(void **state)
{
    (void)state;
    Loaded lp, lb;
    Costing p, b;
    cost(contract, &lp, &p);
    cost(baseline, &lb, &b);
    Compensation mp, mb, d;
    EngineError e;
    assert_true(cost_compensation(&p, &mp, &e));
    assert_true(cost_compensation(&b, &mb, &e));
    assert_true(cost_compensation_change(&mp, &mb, &d, &e));
    assert_rat(d.total[0], rat_int(0));
    assert_rat(d.total[1], rat_int(0));
    assert_rat(d.benefits[2], cents(-4500));
    assert_rat(d.total[2], cents(-4500));
    assert_rat(d.total[COMP_ALL], cents(-4500));
    assert_rat(d.roll_up[COMP_ALL], rat_int(0));
    costing_free(&p);
    costing_free(&b);
    snippet_free(&lp.s);
    snippet_free(&lb.s);
}

/* A contract with no roll-up or benefit: its total compensation is its pay. */
static void test_no_comp(void **state)
{
    (void)state;
    Loaded l;
    Costing c;
    cost("years \"Y1\", \"Y2\", \"Y3\"\nemployee:\n  id: text\n  pay: money\ntotal = pay\noutput id\n", &l, &c);
    assert_false(cost_has_comp(&c));
    Compensation m;
    EngineError e;
    assert_true(cost_compensation(&c, &m, &e));
    assert_rat(m.total[2], rat_int(1500));
    assert_rat(m.roll_up[COMP_ALL], rat_int(0));
    assert_rat(m.over_base[COMP_ALL], rat_int(0));
    costing_free(&c);
    snippet_free(&l.s);
}

/* Goal-seek on the baseline's share s (one value for every year), 0 to 1
 * by 0.01.  Health is 400s in Y1, 420s in Y2, 450s in Y3 (whole cents for
 * every s on the grid), so the total compensation over the term is
 * 5,872.50 + 1,270s: at most $6,500 is s = 0.49 ($6,494.80; 0.50 gives
 * $6,507.50).  The package increase is (2,050 + 450s - (1,725 + 400s)) /
 * (1,725 + 400s) = (325 + 50s) / (1,725 + 400s), falling as s rises: the
 * smallest s at which it is at most 18.5% is 0.25 (337.50 / 1,825 = 27/146,
 * 18.49%; 0.24 gives 337 / 1,821, 18.51%). */
static void test_solve_compensation(void **state)
{
    (void)state;
    Loaded l;
    load(&l, baseline);
    CostRequest rq = {.roster = in_memory(roster), .first = 0, .last = 2, .total = "total"};
    SolveRequest sr = {.proposal = &l.v, .rq = &rq, .param = 2, .lo = rat_int(0), .hi = rat_int(1), .step = frac(1, 100),
                       .figure = FIGURE_COMPENSATION, .year = -1, .target = rat_int(6500)};
    SolveResult r;
    EngineError e;
    assert_true(cost_solve(&sr, &r, &e));
    assert_true(r.monotone && r.found && r.every_step);
    assert_rat(r.at.value, frac(49, 100));
    assert_rat(r.at.figure, cents(649480));
    assert_rat(r.beyond.value, frac(50, 100));
    assert_rat(r.beyond.figure, cents(650750));
    sr.figure = FIGURE_PACKAGE;
    sr.target = frac(185, 1000);
    sr.smallest = true;
    assert_true(cost_solve(&sr, &r, &e));
    assert_true(r.monotone && r.found);
    assert_rat(r.at.value, frac(25, 100));
    assert_rat(r.at.figure, frac(27, 146));
    assert_rat(r.beyond.value, frac(24, 100));
    assert_rat(r.beyond.figure, frac(337, 1821));
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comp_lines),
        cmocka_unit_test(test_compensation),
        cmocka_unit_test(test_compensation_change),
        cmocka_unit_test(test_no_comp),
        cmocka_unit_test(test_solve_compensation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
