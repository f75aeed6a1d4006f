/* The lexer and parser: what the syntax tree holds, line layout, recovery. */
#include "support.h"

static void test_header(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "contract \"ISD 622\"\nterm 2017-07-01 to 2019-06-30\nyears \"2017-18\", \"2018-19\"\n"
                "rounding half even to dollars\n");
    assert_string_equal(s.c->title, "ISD 622");
    assert_true(s.c->has_term);
    assert_int_equal(s.c->term_end - s.c->term_start, 729);
    assert_int_equal(s.c->years.n, 2);
    assert_string_equal(s.c->years.v[1].s, "2018-19");
    assert_int_equal(s.c->rounding, ROUND_HALF_EVEN);
    assert_int_equal(s.c->round_places, 0);
    snippet_free(&s);
}

static void test_enum_and_record(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "enum Position: band \"Sr. High Band\", play\nemployee:\n  step: integer 1 to 13\n  nb: yes/no\n"
                "  jobs: list of Position\n  low: integer -5 to 5\n");
    assert_int_equal(s.c->enums.n, 1);
    assert_string_equal(s.c->enums.v[0].members.v[0].display, "Sr. High Band");
    assert_null(s.c->enums.v[0].members.v[1].display);
    assert_int_equal(s.c->fields.n, 4);
    assert_true(s.c->fields.v[0].has_range);
    assert_int_equal(s.c->fields.v[0].hi, 13);
    assert_true(s.c->fields.v[1].yesno);
    assert_true(s.c->fields.v[2].list);
    assert_int_equal(s.c->fields.v[3].lo, -5);
    snippet_free(&s);
}

static void test_money_and_numbers(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "param a = $3,934 / $46.54\nparam b = .333\nparam c = $___ / -$5\n");
    assert_int_equal(s.d.errors, 0);
    ParamDecl *a = &s.c->params.v[0];
    assert_int_equal(a->nvalues, 2);
    assert_int_equal(a->values[0]->kind, E_MONEY);
    assert_true(rat_eq(a->values[0]->num, rat_int(3934)));
    assert_true(rat_eq(a->values[1]->num, rat_scaled(4654, 2)));
    assert_true(rat_eq(s.c->params.v[1].values[0]->num, rat_scaled(333, 3)));
    assert_int_equal(s.c->params.v[2].values[0]->kind, E_BLANK);
    assert_true(rat_eq(s.c->params.v[2].values[1]->num, rat_int(-5)));
    snippet_free(&s);
}

static void test_bad_money_literal(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "param a = $3,93\n");
    assert_said(&s, "t.terms:1:11: error: `$3,93` is not an amount: commas must group digits by three, as in $40,000\n"
                    "    1 | param a = $3,93\n"
                    "      |           ^~~~~\n");
    snippet_free(&s);
}

static void test_schedule_blocks(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "schedule salary by step, lane clamp cite \"App. A\"\n"
                "  \"2017-18\":\n"
                "    step  BA      MA\n"
                "    1     $40,000 $44,000\n"
                "    2     $41,000 $45,000\n"
                "    DOC = 2 * MA - BA\n"
                "  \"2018-19\":\n"
                "    step  BA      MA\n"
                "    1     $41,000 $45,000\n"
                "    2     $42,000 $46,000\n");
    assert_int_equal(s.d.errors, 0);
    ScheduleDecl *sd = &s.c->schedules.v[0];
    assert_string_equal(sd->name.s, "salary");
    assert_true(sd->clamp);
    assert_string_equal(sd->cite, "App. A");
    assert_int_equal(sd->blocks.n, 2);
    assert_string_equal(sd->blocks.v[1].year, "2018-19");
    assert_int_equal(sd->blocks.v[0].columns.n, 2);
    assert_int_equal(sd->blocks.v[0].rows.n, 2);
    assert_int_equal(sd->blocks.v[0].derived.n, 1);
    assert_int_equal(sd->blocks.v[1].rows.v[1].ncells, 2);
    snippet_free(&s);
}

static void test_rules_and_components(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "longevity: at most one\n"
                "longevity I when years = 14 and district_years >= 10 add $3,100 / $3,200 cite \"Art. VI\"\n"
                "longevity add $5\n"
                "bonus: exactly one\n");
    assert_int_equal(s.d.errors, 0);
    assert_int_equal(s.c->components.n, 2);
    ComponentDecl *lon = &s.c->components.v[0];
    assert_int_equal(lon->policy, POLICY_AT_MOST_ONE);
    assert_int_equal(lon->rules.n, 2);
    RuleDecl *r = &s.c->rules.v[lon->rules.v[0]];
    assert_string_equal(r->label.s, "I");
    assert_int_equal(r->when->kind, E_BINARY);
    assert_int_equal(r->when->op, OPB_AND);
    assert_string_equal(r->cite, "Art. VI");
    assert_null(s.c->rules.v[lon->rules.v[1]].when);
    assert_null(s.c->rules.v[lon->rules.v[1]].label.s);
    assert_int_equal(s.c->components.v[1].policy, POLICY_EXACTLY_ONE);
    snippet_free(&s);
}

/* a * b + c groups as (a * b) + c; comparisons bind looser; and before or */
static void test_precedence(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = a * b + c < d or e and not f\n");
    Expr *e = s.c->defs.v[0].expr;
    assert_int_equal(e->op, OPB_OR);
    assert_int_equal(e->a->op, OPB_LT);
    assert_int_equal(e->a->a->op, OPB_ADD);
    assert_int_equal(e->a->a->a->op, OPB_MUL);
    assert_int_equal(e->b->op, OPB_AND);
    assert_int_equal(e->b->b->kind, E_NOT);
    snippet_free(&s);
}

static void test_in_forms_and_comprehension(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "a = years in 15..18\nb = lane in [BA, MA]\nc = band in jobs\n"
                "d = sum(stipend[p] for p in jobs if p != band)\ne = if a then 1 else 2\n");
    assert_int_equal(s.d.errors, 0);
    assert_int_equal(s.c->defs.v[0].expr->kind, E_IN_RANGE);
    assert_int_equal(s.c->defs.v[1].expr->kind, E_IN);
    assert_int_equal(s.c->defs.v[1].expr->b->kind, E_SET);
    assert_int_equal(s.c->defs.v[2].expr->b->kind, E_NAME);
    Expr *d = s.c->defs.v[3].expr;
    assert_int_equal(d->kind, E_COMPREH);
    assert_string_equal(d->var, "p");
    assert_int_equal(d->a->kind, E_INDEX);
    assert_non_null(d->c);
    assert_int_equal(s.c->defs.v[4].expr->kind, E_IF);
    snippet_free(&s);
}

/* continuation lines: a line that starts with cite/and/..., a line after a
 * trailing comma or operator, and anything inside brackets */
static void test_continuation(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = round(\n    a * b\n)\n"
                "longevity I when years = 14\n    and nb add $5\n    cite \"Art. 1\"\n"
                "output a,\n   b, c\n"
                "y = 1 +\n    2\n");
    assert_int_equal(s.d.errors, 0);
    assert_int_equal(s.c->defs.n, 2);
    assert_string_equal(s.c->rules.v[0].cite, "Art. 1");
    assert_int_equal(s.c->outputs.n, 3);
    snippet_free(&s);
}

static void test_example_block(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "example \"top step\":\n  given lane = MA, step = 13\n  given jobs = [band]\n"
                "  expect longevity = $8,400 in \"2017-18\", total = $1\n");
    assert_int_equal(s.d.errors, 0);
    ExampleDecl *ex = &s.c->examples.v[0];
    assert_string_equal(ex->title, "top step");
    assert_int_equal(ex->given.n, 3);
    assert_int_equal(ex->expect.n, 2);
    assert_string_equal(ex->expect.v[0].year, "2017-18");
    assert_int_equal(ex->expect.v[0].expr->kind, E_MONEY);
    assert_null(ex->expect.v[1].year);
    snippet_free(&s);
}

/* Every syntax error in one run, each with its line, column and caret. */
static void test_recovery_reports_every_error(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = (1 +\n"
                "y = 2 2\n"
                "z = 3\n"
                "param = 4\n");
    assert_said(&s, "t.terms:1:5: error: this `(` is never closed\n    1 | x = (1 +\n      |     ^\n");
    assert_said(&s, "t.terms:2:7: error: expected end of line, found integer\n    2 | y = 2 2\n      |       ^\n");
    assert_said(&s, "t.terms:4:7: error: expected name, found '='");
    assert_int_equal(s.d.errors, 3); /* the `)` the lexer supplied is not a fourth */
    /* z = 3 still parsed */
    bool found = false;
    for (int i = 0; i < s.c->defs.n; i++)
        found |= !strcmp(s.c->defs.v[i].name.s, "z");
    assert_true(found);
    snippet_free(&s);
}

static void test_if_without_else(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = if a then 1\n");
    assert_said(&s, "error: this `if` has no `else`");
    snippet_free(&s);
}

static void test_indentation_errors(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "employee:\n    a: integer\n  b: integer\n");
    assert_said(&s, "t.terms:3:3: error: this line's indentation matches no enclosing block");
    snippet_free(&s);
    parsed(&s, "  x = 1\n");
    assert_said(&s, "t.terms:1:3: error: the first line of a contract must not be indented");
    snippet_free(&s);
}

static void test_bad_characters(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = 1 ; 2\ny = \"open\n");
    assert_said(&s, "t.terms:1:7: error: unexpected character `;`");
    assert_said(&s, "t.terms:2:5: error: unterminated string: a closing \" is missing on this line");
    snippet_free(&s);
    parsed(&s, "x = caf\xc3\xa9\n");
    assert_said(&s, "t.terms:1:5: error: `caf\xc3\xa9` is not a name: names are written with ASCII letters, digits and _");
    assert_int_equal(s.d.errors, 1); /* read as a name: nothing else is reported */
    snippet_free(&s);
    parsed(&s, "x = a \xff\xfe\n");
    assert_said(&s, "t.terms:1:7: error: bytes that are not UTF-8 text: \\xFF\\xFE");
    snippet_free(&s);
}

/* × ÷ − ≤ ≥ ≠ read as the contract prints them */
static void test_printed_operators(void **state)
{
    (void)state;
    Snippet s;
    parsed(&s, "x = a \xc3\x97 b \xc3\xb7 c \xe2\x88\x92 d\ny = a \xe2\x89\xa4 b\n");
    assert_int_equal(s.d.errors, 0);
    assert_int_equal(s.c->defs.v[0].expr->op, OPB_SUB);
    assert_int_equal(s.c->defs.v[0].expr->a->op, OPB_DIV);
    assert_int_equal(s.c->defs.v[1].expr->op, OPB_LE);
    snippet_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_enum_and_record),
        cmocka_unit_test(test_money_and_numbers),
        cmocka_unit_test(test_bad_money_literal),
        cmocka_unit_test(test_schedule_blocks),
        cmocka_unit_test(test_rules_and_components),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_in_forms_and_comprehension),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_example_block),
        cmocka_unit_test(test_recovery_reports_every_error),
        cmocka_unit_test(test_if_without_else),
        cmocka_unit_test(test_indentation_errors),
        cmocka_unit_test(test_bad_characters),
        cmocka_unit_test(test_printed_operators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
