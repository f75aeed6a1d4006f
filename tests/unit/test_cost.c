/* Costing (engine/costing.h) of two tiny contracts over an in-memory
 * roster, every figure worked by hand below; the ranking of the largest
 * changes; how each failure comes back; and the money and percent
 * formatter every report uses (runtime/format.h). */
#include "support.h"

#include "costing.h"
#include "format.h"
#include "solve.h"

/* The proposal.  rate * step, and $50 more at step 3; each year a step.
 *
 * The roster: A step 1, B step 2 (half time), C step 3, E step 5.
 *
 * "Y1", rate $100:  salary  A 100  B 200  C 300  E 500  = 1,100
 *                   bonus                C  50          =    50
 *                   total   A 100  B 200  C 350  E 500  = 1,150
 *                   FTE 1 + 0.5 + 1 + 1 = 3.5; headcount 4
 * "Y2", everyone a step on (A 2, B 3, C 4, E 6), rate $110:
 *                   salary  A 220  B 330  C 440  E 660  = 1,650
 *                   bonus          B  50                =    50
 *                   total   A 220  B 380  C 440  E 660  = 1,700
 * Where they stood in Y1, at Y2's figures:
 *                           A 110  B 220  C 380  E 550  = 1,260
 *   increase in terms 1,260 - 1,150 = +110; movement 1,700 - 1,260 = +440
 *   (together 1,700 - 1,150 = +550). */
static const char proposal[] =
    "years \"Y1\", \"Y2\"\n"
    "rounding half up to cents\n"
    "employee:\n"
    "  id: text\n"
    "  step: integer\n"
    "  fte: decimal\n"
    "param rate = $100 / $110\n"
    "salary = rate * step\n"
    "bonus: at most one\n"
    "bonus big when step = 3 add $50\n"
    "total = salary + bonus\n"
    "output id, total\n"
    "each year: step = step + 1\n";

/* The baseline: no bonus, but $30 at step 2 (a component of another name).
 *   "Y1": total  A 100  B 230  C 300  E 500  = 1,130
 *   "Y2": total  A 250  B 330  C 440  E 660  = 1,680   (A at step 2) */
static const char baseline[] =
    "years \"Y1\", \"Y2\"\n"
    "rounding half up to cents\n"
    "employee:\n"
    "  id: text\n"
    "  step: integer\n"
    "  fte: decimal\n"
    "param rate = $100 / $110\n"
    "salary = rate * step\n"
    "extra: at most one\n"
    "extra early when step = 2 add $30\n"
    "total = salary + extra\n"
    "output id, total\n"
    "each year: step = step + 1\n";

static const char roster[] = "id,step,fte\nA,1,1\nB,2,0.5\nC,3,1\nE,5,1\n";

static Rat money(int64_t dollars)
{
    return rat_int(dollars);
}

#define assert_rat(got, want) assert_true(rat_eq((got), (want)))

static CostRequest both_years(const char *csv)
{
    return (CostRequest){.roster = in_memory(csv), .first = 0, .last = 1, .total = "total", .fte = "fte"};
}

static void test_costing(void **state)
{
    (void)state;
    Loaded l;
    load(&l, proposal);
    CostRequest rq = both_years(roster);
    Costing c;
    EngineError e;
    assert_true(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(c.nyears, 2);
    assert_string_equal(c.year[0], "Y1");
    assert_string_equal(c.year[1], "Y2");
    /* the lines: the parts of the total, then the total */
    assert_int_equal(c.nlines, 3);
    assert_string_equal(c.lines[0].name, "salary");
    assert_string_equal(c.lines[1].name, "bonus");
    assert_string_equal(c.lines[2].name, "total");
    assert_int_equal(c.total_line, 2);
    assert_rat(c.lines[0].sum[0], money(1100));
    assert_rat(c.lines[1].sum[0], money(50));
    assert_rat(c.lines[2].sum[0], money(1150));
    assert_rat(c.lines[0].sum[1], money(1650));
    assert_rat(c.lines[1].sum[1], money(50));
    assert_rat(c.lines[2].sum[1], money(1700));
    assert_int_equal(c.headcount[0], 4);
    assert_int_equal(c.headcount[1], 4);
    assert_true(c.has_fte);
    assert_rat(c.fte[0], rat_scaled(35, 1));
    assert_rat(c.schedule[1], money(110));
    assert_rat(c.movement[1], money(440));
    /* by item, where they stood in Y1 at Y2's figures: salary A 110 B 220
     * C 330 E 550 = 1,210; bonus C (step 3) 50 */
    assert_rat(c.lines[0].stayed[1], money(1210));
    assert_rat(c.lines[1].stayed[1], money(50));
    assert_rat(c.lines[2].stayed[1], money(1260));
    /* each employee's total in each year */
    assert_int_equal(c.nemployees, 4);
    assert_string_equal(cost_employee(&c, 1).id, "B");
    assert_rat(cost_employee(&c, 1).totals[0], money(200));
    assert_rat(cost_employee(&c, 1).totals[1], money(380));
    costing_free(&c);
    snippet_free(&l.s);
}

/* A field counted as FTE is this year's value, even one `each year:` sets
 * (it was the next year's: the binding's node has the field's name).
 * step: 1 + 2 + 3 + 5 = 11 in Y1; 2 + 3 + 4 + 6 = 15 in Y2. */
static void test_fte_field_moved_on(void **state)
{
    (void)state;
    Loaded l;
    load(&l, proposal);
    CostRequest rq = both_years(roster);
    rq.fte = "step";
    Costing c;
    EngineError e;
    assert_true(cost_contract(&l.v, &rq, &c, &e));
    assert_rat(c.fte[0], rat_int(11));
    assert_rat(c.fte[1], rat_int(15));
    costing_free(&c);
    snippet_free(&l.s);
}

/* Without a baseline, last year against the first per employee:
 *   A 220 - 100 = 120, B 380 - 200 = 180, C 440 - 350 = 90, E 660 - 500 = 160 */
static void test_compare_years(void **state)
{
    (void)state;
    Loaded l;
    load(&l, proposal);
    CostRequest rq = both_years(roster);
    Costing c;
    CostReport r;
    EngineError e;
    assert_true(cost_contract(&l.v, &rq, &c, &e));
    assert_true(cost_compare(&c, NULL, &r, &e));
    assert_rat(cost_change(&r, 0), money(120));
    assert_rat(cost_change(&r, 1), money(180));
    assert_rat(cost_change(&r, 2), money(90));
    assert_rat(cost_change(&r, 3), money(160));
    assert_int_equal(r.gain, 4);
    assert_int_equal(r.lose, 0);
    assert_int_equal(r.same, 0);
    assert_int_equal(r.ntop, 4);
    long want[] = {1, 3, 0, 2}; /* B, E, A, C */
    for (int i = 0; i < 4; i++)
        assert_int_equal(r.top[i], want[i]);
    cost_report_free(&r);
    costing_free(&c);
    snippet_free(&l.s);
}

/* The proposal against the baseline, summed over both years:
 *   A (100 - 100) + (220 - 250) = -30   loses
 *   B (200 - 230) + (380 - 330) = +20   gains
 *   C (350 - 300) + (440 - 440) = +50   gains
 *   E (500 - 500) + (660 - 660) =   0   unchanged, and not among the largest */
static void test_compare_baseline(void **state)
{
    (void)state;
    Loaded p, b;
    load(&p, proposal);
    load(&b, baseline);
    CostRequest rq = both_years(roster);
    Costing cp, cb;
    CostReport r;
    EngineError e;
    assert_true(cost_contract(&p.v, &rq, &cp, &e));
    assert_true(cost_contract(&b.v, &rq, &cb, &e));
    assert_rat(cb.lines[cb.total_line].sum[0], money(1130));
    assert_rat(cb.lines[cb.total_line].sum[1], money(1680));
    assert_true(cost_compare(&cp, &cb, &r, &e));
    assert_rat(cost_change(&r, 0), money(-30));
    assert_rat(cost_change(&r, 1), money(20));
    assert_rat(cost_change(&r, 2), money(50));
    assert_rat(cost_change(&r, 3), money(0));
    assert_int_equal(r.gain, 2);
    assert_int_equal(r.lose, 1);
    assert_int_equal(r.same, 1);
    assert_int_equal(r.ntop, 3);
    assert_int_equal(r.top[0], 2); /* C +50 */
    assert_int_equal(r.top[1], 0); /* A -30: by size, not sign */
    assert_int_equal(r.top[2], 1); /* B +20 */
    cost_report_free(&r);

    /* one row fewer for the baseline: the comparison says so */
    costing_free(&cb);
    CostRequest fewer = both_years("id,step,fte\nA,1,1\nB,2,0.5\nC,3,1\n");
    assert_true(cost_contract(&b.v, &fewer, &cb, &e));
    assert_false(cost_compare(&cp, &cb, &r, &e));
    assert_int_equal(e.kind, FAIL_HEADCOUNT);
    assert_int_equal(e.count, 4);
    assert_int_equal(e.other, 3);
    cost_report_free(&r);
    costing_free(&cb);
    costing_free(&cp);
    snippet_free(&b.s);
    snippet_free(&p.s);
}

/* The largest by size, largest first, zeros left out; of equal sizes the
 * first on the roster first, whatever the sign. */
static void test_largest(void **state)
{
    (void)state;
    Rat change[] = {rat_int(0), rat_int(5), rat_int(-7), rat_int(5), rat_int(7), rat_int(-5), rat_int(3)};
    long top[8];
    assert_int_equal(cost_largest(change, 7, top, 3), 3);
    assert_int_equal(top[0], 2);
    assert_int_equal(top[1], 4);
    assert_int_equal(top[2], 1);
    assert_int_equal(cost_largest(change, 7, top, 8), 6);
    long all[] = {2, 4, 1, 3, 5, 6};
    for (int i = 0; i < 6; i++)
        assert_int_equal(top[i], all[i]);
    Rat zeros[] = {rat_int(0), rat_int(0)};
    assert_int_equal(cost_largest(zeros, 2, top, 3), 0);
}

/* diff's year: the roster as it stands, both versions, the lines of both:
 * the parts of the total (salary, then bonus, the new one's; extra, the
 * old one's), then the components of either not among them (none).
 *   Y1: salary  1,100 -> 1,100;  bonus  old -, new 50;  extra  old 30, new -;
 *       total  1,130 -> 1,150
 *       per employee  A 100 -> 100  B 230 -> 200  C 300 -> 350  E 500 -> 500
 *   Y2 (no one moved on, rate $110):
 *       total  A 110  B 250  C 330  E 550  = 1,240  ->  A 110  B 220  C 380  E 550  = 1,260 */
static void test_cost_year(void **state)
{
    (void)state;
    Loaded old, new;
    load(&old, baseline);
    load(&new, proposal);
    RosterSource r = in_memory(roster);
    YearCost y;
    EngineError e;
    assert_true(cost_year(&old.v, &new.v, 0, &r, "total", NULL, &y, &e));
    assert_int_equal(y.new.nlines, 4);
    assert_int_equal(y.old.nlines, 4);
    assert_string_equal(y.new.lines[0].name, "salary");
    assert_string_equal(y.new.lines[1].name, "bonus");
    assert_string_equal(y.new.lines[2].name, "extra");
    assert_string_equal(y.new.lines[3].name, "total");
    assert_rat(y.old.lines[0].sum[0], money(1100));
    assert_rat(y.new.lines[0].sum[0], money(1100));
    assert_false(y.old.lines[1].present);
    assert_true(y.new.lines[1].present);
    assert_true(y.old.lines[2].present);
    assert_false(y.new.lines[2].present);
    assert_rat(y.new.lines[1].sum[0], money(50));
    assert_rat(y.old.lines[1].sum[0], money(0));
    assert_rat(y.old.lines[2].sum[0], money(30));
    assert_rat(y.old.lines[3].sum[0], money(1130));
    assert_rat(y.new.lines[3].sum[0], money(1150));
    assert_int_equal(y.new.nemployees, 4);
    assert_int_equal(y.change.gain, 1);
    assert_int_equal(y.change.lose, 1);
    assert_int_equal(y.change.same, 2);
    assert_int_equal(y.change.ntop, 2);
    assert_int_equal(y.change.top[0], 2); /* C +50 */
    assert_int_equal(y.change.top[1], 1); /* B -30 */
    assert_rat(cost_employee(&y.old, 1).totals[0], money(230));
    assert_rat(cost_employee(&y.new, 1).totals[0], money(200));
    year_cost_free(&y);

    assert_true(cost_year(&old.v, &new.v, 1, &r, "total", NULL, &y, &e));
    assert_string_equal(y.new.year[0], "Y2");
    assert_rat(y.old.lines[3].sum[0], money(1240));
    assert_rat(y.new.lines[3].sum[0], money(1260));
    year_cost_free(&y);
    snippet_free(&new.s);
    snippet_free(&old.s);
}

static void test_failures(void **state)
{
    (void)state;
    Loaded l, other;
    load(&l, proposal);
    load(&other, baseline);
    Costing c;
    EngineError e;
    CostRequest rq = both_years(roster);

    rq.total = "nope";
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_TOTAL);
    assert_ptr_equal(e.version, &l.v);
    assert_string_equal(e.name, "nope");
    costing_free(&c);

    rq = both_years(roster);
    rq.fte = "id";
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_FTE);
    assert_string_equal(e.name, "id");
    costing_free(&c);

    rq = both_years("id,step,fte\nA,1,1\nB,two,1\n");
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_ROSTER);
    assert_string_equal(e.text, "r.csv:3: row 2, column \"step\": \"two\" is not a whole number");
    costing_free(&c);

    rq = both_years("id,fte\nA,1\n");
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_ROSTER);
    assert_non_null(strstr(e.text, "step"));
    costing_free(&c);

    rq = both_years(roster);
    rq.roster = (RosterSource){.path = "/nonexistent/r.csv"};
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_READ);
    assert_string_equal(e.roster, "/nonexistent/r.csv");
    costing_free(&c);

    /* diff's total is a definition of an amount in both versions */
    YearCost y;
    RosterSource r = in_memory(roster);
    assert_false(cost_year(&other.v, &l.v, 0, &r, "bonus", NULL, &y, &e));
    assert_int_equal(e.kind, FAIL_TOTAL);
    assert_ptr_equal(e.version, &other.v);
    year_cost_free(&y);
    assert_false(cost_year(&other.v, &l.v, 0, &(RosterSource){.path = "-"}, "total", NULL, &y, &e));
    assert_int_equal(e.kind, FAIL_READ_TWICE);
    year_cost_free(&y);
    snippet_free(&other.s);
    snippet_free(&l.s);
}

/* An employee whose figures need a blank: the row, its line, the version
 * and the year come back with the VM's message. */
static void test_failure_in_a_row(void **state)
{
    (void)state;
    Loaded l;
    load(&l, "years \"Y1\", \"Y2\"\n"
             "employee:\n"
             "  id: text\n"
             "  step: integer\n"
             "param extra = $___\n"
             "bonus: at most one\n"
             "bonus big when step = 3 add extra\n"
             "total = step * $100 + bonus\n"
             "output id, total\n"
             "each year: step = step + 1\n");
    Costing c;
    EngineError e;
    /* B reaches step 3 in Y2 */
    CostRequest rq = {.roster = in_memory("id,step\nA,1\nB,2\n"), .first = 0, .last = 1, .total = "total"};
    assert_false(cost_contract(&l.v, &rq, &c, &e));
    assert_int_equal(e.kind, FAIL_EVAL);
    assert_int_equal(e.row, 2);
    assert_int_equal(e.line, 3);
    assert_string_equal(e.roster, "r.csv");
    assert_string_equal(e.year, "Y2");
    assert_ptr_equal(e.version, &l.v);
    assert_non_null(strstr(e.text, "`bonus` needs param `extra`, which is blank"));
    assert_string_equal(e.who, "row 2 (id B)");
    costing_free(&c);
    snippet_free(&l.s);
}

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

/* A list member one contract lacks: absent (zero) for it, noted; one
 * neither knows: FAIL_UNKNOWN_ITEM.  Stipends: old chess $10; new chess
 * $10 and robots $20.  Roster: A chess;robots, B robots, C none.
 *   new: A 30, B 20, C 0 = 50;  old: A 10, B 0, C 0 = 10 */
static void test_item_one_contract_lacks(void **state)
{
    (void)state;
    static const char head[] = "rounding half up to cents\n"
                               "employee:\n  id: text\n  clubs: list of Club\n";
    char old_src[512], new_src[512];
    snprintf(old_src, sizeof old_src, "%senum Club: chess\ntable pay by Club\n  chess $10\n"
             "total = sum(pay[c] for c in clubs)\noutput id, total\n", head);
    snprintf(new_src, sizeof new_src, "%senum Club: chess, robots\ntable pay by Club\n  chess $10\n  robots $20\n"
             "total = sum(pay[c] for c in clubs)\noutput id, total\n", head);
    Loaded o, n;
    load(&o, old_src);
    load(&n, new_src);
    CostRequest rq = {.roster = in_memory("id,clubs\nA,chess;robots\nB,robots\nC,\n"), .total = "total",
                      .skip_unknown_members = true};
    Costing co, cn;
    EngineError e;
    assert_true(cost_contract(&o.v, &rq, &co, &e));
    assert_true(cost_contract(&n.v, &rq, &cn, &e));
    assert_rat(co.lines[co.total_line].sum[0], money(10));
    assert_rat(cn.lines[cn.total_line].sum[0], money(50));
    assert_int_equal(cn.nskipped, 0);
    assert_int_equal(co.nskipped, 1);
    assert_string_equal(co.skipped[0].column, "clubs");
    assert_string_equal(co.skipped[0].kind, "Club");
    assert_string_equal(co.skipped[0].value, "robots");
    assert_int_equal(co.skipped[0].rows, 2);
    assert_int_equal(co.skipped[0].row, 1);
    const Costing *sides[] = {&cn, &co};
    assert_true(cost_unknown_items(sides, 2, &e));
    costing_free(&co);
    costing_free(&cn);

    /* "drones" on row 2 (line 3), known to neither */
    rq.roster = in_memory("id,clubs\nA,chess\nB,robots;drones\n");
    assert_true(cost_contract(&o.v, &rq, &co, &e));
    assert_true(cost_contract(&n.v, &rq, &cn, &e));
    assert_false(cost_unknown_items(sides, 2, &e));
    assert_int_equal(e.kind, FAIL_UNKNOWN_ITEM);
    assert_string_equal(e.id, "drones");
    assert_string_equal(e.name, "clubs");
    assert_int_equal(e.row, 2);
    assert_int_equal(e.line, 3);
    assert_string_equal(e.text, "t.terms, t.terms");
    costing_free(&co);
    costing_free(&cn);

    /* without skip_unknown_members it is a roster error, naming the contract */
    rq.skip_unknown_members = false;
    assert_false(cost_contract(&o.v, &rq, &co, &e));
    assert_int_equal(e.kind, FAIL_ROSTER);
    assert_ptr_equal(e.version, &o.v);
    costing_free(&co);
    snippet_free(&o.s);
    snippet_free(&n.s);
}

/* The baseline's years paired with the proposal's by name, the status
 * quo after the baseline's last; a baseline starting later is refused. */
static void test_pair_years(void **state)
{
    (void)state;
    static const char tail[] = "employee:\n  id: text\ntotal = $1\noutput id, total\n";
    char a[256], b[256], c[256];
    snprintf(a, sizeof a, "years \"Y1\", \"Y2\", \"Y3\"\n%s", tail);
    snprintf(b, sizeof b, "years \"Y0\", \"Y1\"\n%s", tail);
    snprintf(c, sizeof c, "years \"Y2\", \"Y3\"\n%s", tail);
    Loaded pa, pb, pc;
    load(&pa, a);
    load(&pb, b);
    load(&pc, c);
    CostYear plan[3];
    EngineError e;
    assert_true(cost_pair_years(&pa.s.m, 0, 2, &pb.s.m, STATUS_QUO_STEPS, plan, &e));
    assert_int_equal(plan[0].year, 1); /* Y1 is the baseline's second */
    assert_true(plan[0].move_on);
    assert_null(plan[0].label);
    assert_int_equal(plan[1].year, 1); /* Y2, Y3: the status quo of Y1 */
    assert_true(plan[1].move_on);
    assert_string_equal(plan[1].label, "Y2");
    assert_string_equal(plan[2].label, "Y3");
    assert_true(cost_pair_years(&pa.s.m, 1, 2, &pb.s.m, STATUS_QUO_FROZEN, plan, &e));
    assert_int_equal(plan[0].year, 1);
    assert_false(plan[0].move_on);
    assert_string_equal(plan[0].label, "Y2");
    /* Y1 is not the baseline's, but Y2 after it is */
    assert_false(cost_pair_years(&pa.s.m, 0, 2, &pc.s.m, STATUS_QUO_STEPS, plan, &e));
    assert_int_equal(e.kind, FAIL_YEARS);
    assert_string_equal(e.name, "Y1");
    assert_string_equal(e.next_year, "Y2");
    /* costed so: the labels, the contract years, no movement when frozen */
    CostRequest rq = {.roster = in_memory("id\nA\n"), .first = 1, .last = 2, .total = "total", .plan = plan};
    assert_true(cost_pair_years(&pa.s.m, 1, 2, &pb.s.m, STATUS_QUO_FROZEN, plan, &e));
    Costing k;
    assert_true(cost_contract(&pb.v, &rq, &k, &e));
    assert_string_equal(k.year[0], "Y2");
    assert_string_equal(k.contract_year[0], "Y1");
    assert_false(k.moved[1]);
    assert_rat(k.lines[k.total_line].sum[1], money(1));
    costing_free(&k);
    snippet_free(&pa.s);
    snippet_free(&pb.s);
    snippet_free(&pc.s);
}

/* Goal-seek over the proposal's rate: Y1's total is 11 x rate + $50 (steps
 * 1 + 2 + 3 + 5, and C's $50), at most $1,000 up to rate 86 ($996; 87
 * gives $1,007).  0..250 by 1 is bisected (251 values), 0..100 scanned. */
static void test_solve(void **state)
{
    (void)state;
    Loaded l;
    load(&l, proposal);
    CostRequest rq = both_years(roster);
    rq.last = 0;
    SolveRequest sr = {.proposal = &l.v, .rq = &rq, .param = 0, .lo = rat_int(0), .hi = rat_int(250), .step = rat_int(1),
                       .figure = FIGURE_TOTAL, .year = 0, .target = money(1000)};
    SolveResult r;
    EngineError e;
    assert_true(cost_solve(&sr, &r, &e));
    assert_true(r.monotone);
    assert_false(r.every_step);
    assert_true(r.found);
    assert_int_equal(r.steps, 250);
    assert_rat(r.at.value, rat_int(86));
    assert_rat(r.at.figure, money(996));
    assert_true(r.has_beyond);
    assert_rat(r.beyond.value, rat_int(87));
    assert_rat(r.beyond.figure, money(1007));
    assert_true(r.costed < 20);
    sr.hi = rat_int(100);
    assert_true(cost_solve(&sr, &r, &e));
    assert_true(r.every_step);
    assert_int_equal(r.costed, 101);
    assert_rat(r.at.value, rat_int(86));
    /* the smallest rate at which it is at least $1,000: 87 */
    sr.at_least = sr.smallest = true;
    assert_true(cost_solve(&sr, &r, &e));
    assert_rat(r.at.value, rat_int(87));
    assert_rat(r.beyond.value, rat_int(86));
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_costing),
        cmocka_unit_test(test_fte_field_moved_on),
        cmocka_unit_test(test_compare_years),
        cmocka_unit_test(test_compare_baseline),
        cmocka_unit_test(test_largest),
        cmocka_unit_test(test_cost_year),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_item_one_contract_lacks),
        cmocka_unit_test(test_pair_years),
        cmocka_unit_test(test_solve),
        cmocka_unit_test(test_failure_in_a_row),
        cmocka_unit_test(test_money_format),
        cmocka_unit_test(test_percent_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
