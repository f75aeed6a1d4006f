/* Derived schedule years (compiler/derive.c): the cells a rule gives, the
 * same worked out again with an override, a cell's origin for explain,
 * and fmt's layout of the rules.  The figures are worked by hand in the
 * comments. */
#include "support.h"

#include "derive.h"
#include "fmt.h"

/* base 2023-24:  BA $1,000.10  MA $2,000.55
 * 2024-25 = base * (1 + raise), raise 0.1, half even to $5:
 *   BA 1,100.11 / 5 = 220.022 -> 220 -> $1,100;  MA 2,200.605 / 5 = 440.121 -> $2,200
 * 2025-26 = 2024-25 unrounded * (1 + raise), raise 0.2, half up to cents:
 *   BA 1,100.11 * 1.2 = 1,320.132 -> $1,320.13;  MA 2,200.605 * 1.2 = 2,640.726 -> $2,640.73 */
#define DERIVED \
    "years \"2024-25\", \"2025-26\"\n" \
    "enum Lane: BA, MA\n" \
    "employee:\n" \
    "  id: text\n" \
    "  step: integer 1 to 1\n" \
    "  lane: Lane\n" \
    "param raise = 0.1 / 0.2\n" \
    "schedule pay by step, lane\n" \
    "  base \"2023-24\":\n" \
    "    step  BA         MA\n" \
    "    1     $1,000.10  $2,000.55\n" \
    "  \"2024-25\" = \"2023-24\" * (1 + raise) rounded half even to $5\n" \
    "  \"2025-26\" = \"2024-25\" unrounded * (1 + raise) rounded half up to cents\n" \
    "x = pay[step, lane]\n" \
    "output id, x\n"

static void assert_cell(const Figure *cells, int col, const char *want)
{
    Rat r;
    assert_int_equal(rat_parse(want, strlen(want), false, &r), RAT_OK);
    assert_false(cells[col].blank);
    if (!rat_eq(cells[col].v, r))
        fail_msg("cell %d is %lld/%lld, not %s", col, (long long)cells[col].v.n, (long long)cells[col].v.d, want);
}

static Rat rat_of(const char *s)
{
    Rat r;
    assert_int_equal(rat_parse(s, strlen(s), false, &r), RAT_OK);
    return r;
}

static void test_cells_of_a_chain(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, DERIVED);
    if (!s.ok)
        fail_msg("%s", s.text);
    const Figure *y1 = schedule_year_cells(&s.m, 0, 0, NULL, 0, &s.c->arena), *y2 = schedule_year_cells(&s.m, 0, 1, NULL, 0, &s.c->arena);
    assert_ptr_equal(y1, s.m.schedules[0].cells); /* nothing overridden: the Model's */
    assert_cell(y1, 0, "1100");
    assert_cell(y1, 1, "2200");
    assert_cell(y2, 0, "1320.13");
    assert_cell(y2, 1, "2640.73");
    snippet_free(&s);
}

/* raise = 0.5 in every year:
 *   2024-25 BA 1,500.15 / 5 = 300.03 -> $1,500;  MA 3,000.825 / 5 = 600.165 -> $3,000
 *   2025-26 BA 1,500.15 * 1.5 = 2,250.225 -> $2,250.23;  MA 3,000.825 * 1.5 = 4,501.2375 -> $4,501.24
 * raise = 0.1 / 0.3, one per year: 2025-26 BA 1,100.11 * 1.3 = 1,430.143 -> $1,430.14 */
static void test_an_override_works_the_cells_out_again(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, DERIVED);
    assert_true(s.ok);
    Override all = {0, rat_of("0.5"), NULL};
    const Figure *y1 = schedule_year_cells(&s.m, 0, 0, &all, 1, &s.c->arena), *y2 = schedule_year_cells(&s.m, 0, 1, &all, 1, &s.c->arena);
    assert_cell(y1, 0, "1500");
    assert_cell(y1, 1, "3000");
    assert_cell(y2, 0, "2250.23");
    assert_cell(y2, 1, "4501.24");
    Rat years[2] = {rat_of("0.1"), rat_of("0.3")};
    Override each = {0, years[1], years};
    assert_cell(schedule_year_cells(&s.m, 0, 1, &each, 1, &s.c->arena), 0, "1430.14");
    assert_cell(s.m.schedules[0].cells + 2, 0, "1320.13"); /* the Model's own are untouched */
    snippet_free(&s);
}

static void test_a_cells_origin(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, DERIVED);
    assert_true(s.ok);
    CellOrigin o;
    assert_true(schedule_cell_origin(&s.m, 0, 1, 0, 1, NULL, 0, &o));
    assert_true(o.rule->unrounded);
    assert_true(rat_eq(o.source.v, rat_of("2200.605")));
    assert_true(rat_eq(o.rate, rat_of("1.2")));
    assert_true(rat_eq(o.exact.v, rat_of("2640.726")));
    assert_true(rat_eq(o.cell.v, rat_of("2640.73")));
    snippet_free(&s);
}

static void test_a_printed_year_has_no_rule(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "schedule pay by step, lane clamp\n  \"2017-18\":\n    step BA MA DOC\n    1 $1 $2 $3\n"
                       "  \"2018-19\" = \"2017-18\" * 2 rounded to cents\nx = pay[step, lane]\noutput x\n");
    if (!s.ok)
        fail_msg("%s", s.text);
    CellOrigin o;
    assert_null(schedule_year_rule(&s.m, 0, 0));
    assert_non_null(schedule_year_rule(&s.m, 0, 1));
    assert_false(schedule_cell_origin(&s.m, 0, 0, 0, 0, NULL, 0, &o));
    assert_true(schedule_cell_origin(&s.m, 0, 1, 0, 2, NULL, 0, &o));
    assert_true(rat_eq(o.cell.v, rat_int(6)));
    snippet_free(&s);
}

/* fmt writes the rules as they are, and its output formats to itself. */
static void test_fmt_keeps_the_rules(void **state)
{
    (void)state;
    const char *src = DERIVED "check pay \"2024-25\" = \"2023-24\" * 1.1 rounded to dollars  cite \"Art. 1\"\ncheck pay: cell >= above and MA > BA\n";
    Snippet s;
    parsed(&s, src);
    assert_int_equal(s.d.errors, 0);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    format_contract(s.c, src, strlen(src), f);
    fclose(f);
    assert_non_null(strstr(out, "  \"2025-26\" = \"2024-25\" unrounded * (1 + raise) rounded half up to cents\n"));
    assert_non_null(strstr(out, "  base \"2023-24\":\n"));
    assert_non_null(strstr(out, "check pay \"2024-25\" = \"2023-24\" * 1.1 rounded to dollars  cite \"Art. 1\"\n"));
    assert_non_null(strstr(out, "check pay: cell >= above and MA > BA\n"));
    assert_string_equal(format_year_rule(&s.c->arena, NULL, s.c->schedules.v[0].blocks.v[1].rule),
                        "\"2023-24\" * (1 + raise) rounded half even to $5.00");
    Snippet again;
    parsed(&again, out);
    char *out2 = NULL;
    size_t len2 = 0;
    f = open_memstream(&out2, &len2);
    format_contract(again.c, out, len, f);
    fclose(f);
    assert_string_equal(out, out2);
    free(out);
    free(out2);
    snippet_free(&again);
    snippet_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_of_a_chain),
        cmocka_unit_test(test_an_override_works_the_cells_out_again),
        cmocka_unit_test(test_a_cells_origin),
        cmocka_unit_test(test_a_printed_year_has_no_rule),
        cmocka_unit_test(test_fmt_keeps_the_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
