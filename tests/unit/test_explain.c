/* The explain tree (engine/explain.h) of a tiny contract over an
 * in-memory roster, every figure worked by hand below: a clamped lookup,
 * a sum member by member, a component's rules with the part that failed
 * and an amount that cannot be computed, inputs and where they come from,
 * figures explained once; and how each failure to find the employee
 * comes back. */
#include "support.h"

#include "explain.h"

/* E1: step 5, L2, jobs band;debate;chair, 200 days.
 *   base     = scale[5, L2]: clamped to step 2 (the last row) = $43,000
 *   stipends = band 300 + chair 150 (debate left out) = $450
 *   bonus    : big (step >= 2 and days > 100) applies, $50;
 *              unset (step = 0) does not, and its amount needs the blank extra
 *   total    = 43,000 + 450 + 50 = $43,500
 *   per_day  = 43,500 / 200 = $217.50
 * E2: step 1, L1, no jobs, 0 days.
 *   base $40,000 (no clamp); stipends: no members, $0; bonus: big not met
 *   at its first part, step >= 2; total $40,000; per_day divides by 0. */
static const char contract[] =
    "enum Level: L1, L2\n"
    "enum Job: band, debate, chair\n"
    "employee:\n"
    "  id: text\n"
    "  step: integer\n"
    "  level: Level\n"
    "  jobs: list of Job\n"
    "  days: integer\n"
    "param extra = $___\n"
    "schedule scale by step, level clamp  cite \"App. A\"\n"
    "  step  L1       L2\n"
    "  1     $40,000  $42,000\n"
    "  2     $41,000  $43,000\n"
    "table stipend by Job\n"
    "  band    $300\n"
    "  debate  $200\n"
    "  chair   $150\n"
    "base = scale[step, level]  cite \"Art. 1\"\n"
    "stipends = sum(stipend[j] for j in jobs if j != debate)\n"
    "bonus: at most one\n"
    "bonus big when step >= 2 and days > 100 add $50  cite \"Art. 2\"\n"
    "bonus unset when step = 0 add extra\n"
    "total = base + stipends + bonus\n"
    "per_day = total / days\n"
    "output id, total, per_day, days\n";

static const char roster[] = "id,step,level,jobs,days\nE1,5,L2,band;debate;chair,200\nE2,1,L1,,0\n";

static bool explained(Loaded *l, const char *csv, const char *id, Explanation *x, EngineError *e)
{
    ExplainRequest rq = {.version = &l->v, .source = &l->s.d, .year = 0, .roster = in_memory(csv), .id = id};
    return explain_employee(&rq, x, e);
}

static void assert_figure(Shown f, const char *shown, const char *exact)
{
    assert_true(f.ok);
    assert_string_equal(f.shown, shown);
    if (exact)
        assert_string_equal(f.exact, exact);
    else
        assert_null(f.exact);
}

static void assert_excerpt(Excerpt e, const char *want)
{
    assert_non_null(e.s);
    assert_int_equal(e.len, strlen(want));
    assert_memory_equal(e.s, want, strlen(want));
}

static const ExplainNode *use_node(const ExplainNode *n, int i)
{
    assert_true(i < n->uses.n);
    assert_int_equal(n->uses.v[i].kind, USE_NODE);
    return n->uses.v[i].node;
}

static void test_tree(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    Explanation x;
    EngineError e;
    assert_true(explained(&l, roster, "E1", &x, &e));
    assert_string_equal(x.id_field, "id");
    assert_int_equal(x.row, 1);
    assert_int_equal(x.line, 2);
    assert_string_equal(x.year, "");
    assert_null(x.error);
    /* total, per_day, and the roster's days (not the id) */
    assert_int_equal(x.outputs.n, 3);
    const ExplainNode *total = x.outputs.v[0].node;
    assert_string_equal(total->name, "total");
    assert_string_equal(total->kind, "definition");
    assert_figure(total->value, "$43,500.00", "43500.00");
    assert_excerpt(total->formula, "base + stipends + bonus");
    assert_int_equal(total->parts.n, 0);
    assert_int_equal(total->uses.n, 3);

    const ExplainNode *base = use_node(total, 0);
    assert_string_equal(base->cite, "Art. 1");
    assert_int_equal(base->parts.n, 1);
    const ExplainPart *clamp = &base->parts.v[0];
    assert_int_equal(clamp->kind, PART_CLAMP);
    assert_excerpt(clamp->source, "scale[step, level]");
    assert_string_equal(clamp->row_key, "step");
    assert_string_equal(clamp->row, "5");
    assert_int_equal(clamp->clamped_to, 2);
    assert_true(clamp->last_row);
    assert_string_equal(clamp->col_key, "level");
    assert_string_equal(clamp->col, "L2");
    assert_figure(clamp->found, "$43,000.00", "43000.00");
    assert_int_equal(base->uses.v[0].kind, USE_FIELD);
    assert_string_equal(base->uses.v[0].name, "step");
    assert_string_equal(base->uses.v[0].from, "roster");
    assert_figure(base->uses.v[0].value, "5", "5");

    const ExplainNode *stipends = use_node(total, 1);
    assert_int_equal(stipends->parts.n, 1);
    const ExplainPart *sum = &stipends->parts.v[0];
    assert_int_equal(sum->kind, PART_SUM);
    assert_string_equal(sum->var, "j");
    assert_excerpt(sum->condition, "j != debate");
    assert_true(sum->listed);
    assert_int_equal(sum->members.n, 3);
    assert_string_equal(sum->members.v[0].name, "band");
    assert_figure(sum->members.v[0].term, "$300.00", "300.00");
    assert_true(sum->members.v[1].left_out);
    assert_figure(sum->members.v[2].term, "$150.00", "150.00");
    assert_figure(sum->total, "$450.00", "450.00");
    assert_figure(stipends->uses.v[0].value, "band;debate;chair", NULL);

    const ExplainNode *bonus = use_node(total, 2);
    assert_true(bonus->component);
    assert_string_equal(bonus->policy, "at most one");
    assert_int_equal(bonus->rules.n, 2);
    const ExplainRule *big = &bonus->rules.v[0], *unset = &bonus->rules.v[1];
    assert_string_equal(big->label, "big");
    assert_true(big->applied);
    assert_figure(big->amount, "$50.00", "50.00");
    assert_excerpt(big->condition, "step >= 2 and days > 100");
    assert_null(big->failed.s);
    assert_string_equal(big->cite, "Art. 2");
    assert_false(unset->applied);
    assert_false(unset->amount.ok);
    assert_non_null(strstr(unset->amount.shown, "needs param `extra`, which is blank"));
    assert_excerpt(unset->failed, "step = 0");
    /* extra: blank, shown as such */
    const ExplainUse *extra = &bonus->uses.v[bonus->uses.n - 1];
    assert_string_equal(extra->name, "extra");
    assert_true(extra->blank);
    assert_string_equal(extra->value.shown, "$___");
    assert_string_equal(extra->from, "param, blank: not agreed yet");

    /* per_day uses total, explained above, and days */
    const ExplainNode *per_day = x.outputs.v[1].node;
    assert_figure(per_day->value, "$217.50", "217.50");
    assert_true(use_node(per_day, 0)->again);
    assert_int_equal(use_node(per_day, 0)->uses.n, 0);
    assert_null(x.outputs.v[2].node);
    assert_string_equal(x.outputs.v[2].name, "days");
    assert_string_equal(x.outputs.v[2].shown, "200");
    explanation_free(&x);
    snippet_free(&l.s);
}

/* E2: a row that fails is explained all the same, with the error. */
static void test_row_that_fails(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    Explanation x;
    EngineError e;
    assert_true(explained(&l, roster, "E2", &x, &e));
    assert_int_equal(x.row, 2);
    assert_int_equal(x.line, 3);
    assert_string_equal(x.error, "division by zero in `per_day`");
    const ExplainNode *total = x.outputs.v[0].node;
    assert_figure(total->value, "$40,000.00", "40000.00");
    assert_int_equal(use_node(total, 0)->parts.n, 0); /* step 1: no clamp */
    const ExplainPart *sum = &use_node(total, 1)->parts.v[0];
    assert_true(sum->listed);
    assert_int_equal(sum->members.n, 0);
    assert_figure(sum->total, "$0.00", "0.00");
    assert_string_equal(use_node(total, 1)->uses.v[0].value.shown, "(none)");
    assert_excerpt(use_node(total, 2)->rules.v[0].failed, "step >= 2");
    const ExplainNode *per_day = x.outputs.v[1].node;
    assert_false(per_day->value.ok);
    assert_string_equal(per_day->value.shown, "division by zero in `per_day`");
    explanation_free(&x);
    snippet_free(&l.s);
}

/* A --set value: the param is no longer blank, and says where it is from. */
static void test_set_param(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    Override ov;
    char err[256];
    assert_true(parse_override(&l.s.m, "extra=$7", &ov, err, sizeof err));
    l.v.ov = &ov;
    l.v.nov = 1;
    Explanation x;
    EngineError e;
    assert_true(explained(&l, roster, "E1", &x, &e));
    const ExplainNode *bonus = use_node(x.outputs.v[0].node, 2);
    assert_figure(bonus->rules.v[1].amount, "$7.00", "7.00");
    const ExplainUse *extra = &bonus->uses.v[bonus->uses.n - 1];
    assert_false(extra->blank);
    assert_string_equal(extra->from, "param, --set");
    assert_figure(extra->value, "$7.00", "7.00");
    explanation_free(&x);
    snippet_free(&l.s);
}

/* A call: its arguments by parameter name and its value; the param the
 * function's body reads is among the definition's inputs.
 *   E1: paid(200) = 200 x $2 = $400 (rate is $2) */
static void test_call(void **state)
{
    (void)state;
    Loaded l;
    load(&l, "employee:\n  id: text\n  days: integer\nparam rate = $2\n"
             "function paid(n: integer): money = n * rate\npay = paid(days)\noutput id, pay\n");
    Explanation x;
    EngineError e;
    assert_true(explained(&l, "id,days\nE1,200\n", "E1", &x, &e));
    const ExplainNode *pay = x.outputs.v[0].node;
    assert_figure(pay->value, "$400.00", "400.00");
    assert_int_equal(pay->parts.n, 1);
    const ExplainPart *call = &pay->parts.v[0];
    assert_int_equal(call->kind, PART_CALL);
    assert_excerpt(call->source, "paid(days)");
    assert_string_equal(call->function, "paid");
    assert_int_equal(call->args.n, 1);
    assert_string_equal(call->args.v[0].param, "n");
    assert_figure(call->args.v[0].value, "200", "200");
    assert_figure(call->found, "$400.00", "400.00");
    assert_int_equal(pay->uses.n, 2);
    assert_string_equal(pay->uses.v[0].name, "rate"); /* read in paid's body, before the argument */
    assert_string_equal(pay->uses.v[0].from, "param");
    assert_string_equal(pay->uses.v[1].name, "days");
    explanation_free(&x);
    snippet_free(&l.s);
}

static void test_failures(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    Explanation x;
    EngineError e;
    assert_false(explained(&l, roster, "E9", &x, &e));
    assert_int_equal(e.kind, FAIL_NO_EMPLOYEE);
    assert_string_equal(e.roster, "r.csv");
    assert_string_equal(e.name, "id");
    assert_string_equal(e.id, "E9");

    const char *twice = "id,step,level,jobs,days\nE1,5,L2,,200\nE2,1,L1,,0\nE1,1,L1,,1\n";
    assert_false(explained(&l, twice, "E1", &x, &e));
    assert_int_equal(e.kind, FAIL_TWO_ROWS);
    assert_int_equal(e.row, 1);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.next_row, 3);
    assert_int_equal(e.next_line, 4);
    /* E2 is on one row: the search for another ends at a bad row */
    assert_true(explained(&l, "id,step,level,jobs,days\nE2,1,L1,,1\nE3,x,L1,,1\nE2,1,L1,,1\n", "E2", &x, &e));
    explanation_free(&x);

    assert_false(explained(&l, "id,step,level,jobs,days\nE1,x,L2,,200\n", "E1", &x, &e));
    assert_int_equal(e.kind, FAIL_ROSTER);
    assert_string_equal(e.text, "r.csv:2: row 1, column \"step\": \"x\" is not a whole number");
    snippet_free(&l.s);

    load(&l, "employee:\n  n: integer\nx = n * 2\noutput x\n");
    assert_false(explained(&l, "n\n1\n", "1", &x, &e));
    assert_int_equal(e.kind, FAIL_NO_ID_FIELD);
    assert_ptr_equal(e.version, &l.v);
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_row_that_fails),
        cmocka_unit_test(test_set_param),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
