/* Evaluation over a roster (engine/evaluate.h): the rows written, the
 * messages and the result for rows that succeed, fail, repeat an id or
 * cannot be read, on one job and on three; and a roster of many pieces,
 * whose three-job run must be the one-job run byte for byte. */
#include "support.h"

#include "evaluate.h"
#include "output.h"

/* salary = $100 * step; daily = salary / days (0 days: the row fails). */
static const char contract[] =
    "employee:\n"
    "  id: text\n"
    "  step: integer\n"
    "  days: integer\n"
    "param rate = $100\n"
    "salary = rate * step\n"
    "daily = salary / days\n"
    "output id, salary, daily\n";

/* What one evaluation gave. */
typedef struct {
    EvalResult res;
    bool settled;           /* eval_settle's answer */
    char *rows, *messages;  /* what went to the output and to the messages */
    size_t rows_len, messages_len;
} Run;

static void run(const Program *p, RosterSource src, int jobs, Run *r)
{
    EngineError e;
    Evaluation *ev = eval_open(p, &src, jobs, &e);
    if (!ev)
        fail_msg("eval_open: %s", e.text);
    FILE *rows = open_memstream(&r->rows, &r->rows_len);
    FILE *messages = open_memstream(&r->messages, &r->messages_len);
    Output *out = output_to_stream(rows, FORMAT_CSV, p);
    eval_rows(ev, out, messages, &r->res);
    eval_close(ev);
    char err[256];
    r->settled = eval_settle(out, &r->res, err, sizeof err);
    assert_string_equal(err, "");
    fclose(rows);
    fclose(messages);
}

static void run_free(Run *r)
{
    free(r->rows);
    free(r->messages);
}

typedef struct {
    Loaded l;
    const Program *p;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    load(&f->l, contract);
    f->p = compile_program(&f->l.s.m, 0, NULL, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    snippet_free(&f->l.s);
    free(f);
    return 0;
}

static const int jobs[] = {1, 3};

/* A 100 / 4 = 25, B 200 / 5 = 40, C 300 / 2 = 150. */
static void test_every_row(void **state)
{
    Fixture *f = *state;
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory("id,step,days\nA,1,4\nB,2,5\nC,3,2\n"), jobs[j], &r);
        assert_string_equal(r.rows, "A,100.00,25.00\nB,200.00,40.00\nC,300.00,150.00\n");
        assert_string_equal(r.messages, "");
        assert_int_equal(r.res.rows, 3);
        assert_int_equal(r.res.failures, 0);
        assert_int_equal(r.res.written, 3);
        assert_false(r.res.bad_row);
        assert_true(r.settled);
        run_free(&r);
    }
}

/* B has 0 days: its message, and only A (before it) written; C is
 * evaluated (and counted) but not written. */
static void test_a_row_fails(void **state)
{
    Fixture *f = *state;
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory("id,step,days\nA,1,4\nB,2,0\nC,3,2\n"), jobs[j], &r);
        assert_string_equal(r.messages, "r.csv:3: row 2 (id B): error: division by zero in `daily`\n");
        assert_string_equal(r.rows, "A,100.00,25.00\n");
        assert_int_equal(r.res.rows, 3);
        assert_int_equal(r.res.failures, 1);
        assert_int_equal(r.res.written, 1);
        assert_int_equal(r.res.reported, 1);
        assert_false(r.settled);
        run_free(&r);
    }
}

/* Twelve rows fail: ten are reported, all twelve counted. */
static void test_at_most_ten_reported(void **state)
{
    Fixture *f = *state;
    char csv[512] = "id,step,days\n";
    for (int i = 1; i <= 12; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "E%d,1,0\n", i);
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory(csv), jobs[j], &r);
        int lines = 0;
        for (const char *s = r.messages; *s; s++)
            lines += *s == '\n';
        assert_int_equal(lines, 10);
        assert_non_null(strstr(r.messages, "r.csv:11: row 10 (id E10): error: division by zero in `daily`\n"));
        assert_null(strstr(r.messages, "E11"));
        assert_int_equal(r.res.failures, 12);
        assert_int_equal(r.res.reported, 10);
        assert_int_equal(r.res.written, 0);
        assert_string_equal(r.rows, "");
        run_free(&r);
    }
}

/* A second row with id A stops the run as a bad row does, after A and B;
 * unless the roster may repeat ids. */
static void test_duplicate_id(void **state)
{
    Fixture *f = *state;
    const char *csv = "id,step,days\nA,1,4\nB,2,5\nA,3,2\n";
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory(csv), jobs[j], &r);
        assert_true(r.res.bad_row);
        assert_non_null(strstr(r.res.error, "r.csv:4: row 3, column \"id\": \"A\" is also the id of row 1 (line 2)"));
        assert_int_equal(r.res.rows, 2);
        assert_int_equal(r.res.written, 2);
        assert_string_equal(r.rows, "A,100.00,25.00\nB,200.00,40.00\n");
        assert_false(r.settled);
        run_free(&r);

        RosterSource many = in_memory(csv);
        many.allow_duplicate_ids = true;
        run(f->p, many, jobs[j], &r);
        assert_false(r.res.bad_row);
        assert_int_equal(r.res.rows, 3);
        assert_true(r.settled);
        run_free(&r);
    }
}

static void test_bad_row(void **state)
{
    Fixture *f = *state;
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory("id,step,days\nA,1,4\nB,x,5\nC,3,2\n"), jobs[j], &r);
        assert_true(r.res.bad_row);
        assert_string_equal(r.res.error, "r.csv:3: row 2, column \"step\": \"x\" is not a whole number");
        assert_int_equal(r.res.rows, 1);
        assert_string_equal(r.rows, "A,100.00,25.00\n");
        assert_false(r.settled);
        run_free(&r);
    }
}

/* Quoted cells, CRLF line ends and a blank line at the end. */
static void test_quotes_and_crlf(void **state)
{
    Fixture *f = *state;
    for (int j = 0; j < 2; j++) {
        Run r;
        run(f->p, in_memory("id,step,days\r\n\"A\",1,4\r\n\"B, b\",2,5\r\n\r\n"), jobs[j], &r);
        assert_string_equal(r.rows, "A,100.00,25.00\n\"B, b\",200.00,40.00\n");
        assert_int_equal(r.res.rows, 2);
        assert_true(r.settled);
        run_free(&r);
    }
}

static void test_open_fails(void **state)
{
    Fixture *f = *state;
    EngineError e;
    for (int j = 0; j < 2; j++) {
        RosterSource missing = in_memory("id,step\nA,1\n");
        assert_null(eval_open(f->p, &missing, jobs[j], &e));
        assert_int_equal(e.kind, FAIL_ROSTER);
        assert_non_null(strstr(e.text, "days"));
        RosterSource nowhere = {.path = "/nonexistent/r.csv"};
        assert_null(eval_open(f->p, &nowhere, jobs[j], &e));
        assert_int_equal(e.kind, FAIL_READ);
        assert_string_equal(e.roster, "/nonexistent/r.csv");
        assert_string_equal(e.text, "No such file or directory");
    }
}

/* 40,000 rows (about 600 KB, several pieces): rows 25,000 and 30,000 have
 * 0 days, row 35,000 repeats E00010's id.  So 34,999 rows are evaluated,
 * 2 fail, the 24,999 before the first are written, and the run stops at
 * row 35,000; three jobs give what one does, byte for byte. */
static void test_many_pieces(void **state)
{
    Fixture *f = *state;
    enum { N = 40000 };
    size_t cap = 32 * N, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "id,step,days\n");
    for (int i = 1; i <= N; i++)
        len += (size_t)snprintf(csv + len, cap - len, "E%05d,%d,%d\n", i == 35000 ? 10 : i, 1 + i % 7,
                                i == 25000 || i == 30000 ? 0 : 1 + i % 4);
    RosterSource src = {.path = "r.csv", .data = csv, .len = len};
    Run one, three;
    run(f->p, src, 1, &one);
    run(f->p, src, 3, &three);
    assert_int_equal(one.res.rows, 34999);
    assert_int_equal(one.res.failures, 2);
    assert_int_equal(one.res.written, 24999);
    assert_true(one.res.bad_row);
    assert_non_null(strstr(one.res.error, "row 35000, column \"id\": \"E00010\" is also the id of row 10"));
    assert_non_null(strstr(one.messages, "row 25000 (id E25000)"));
    assert_non_null(strstr(one.messages, "row 30000 (id E30000)"));
    assert_int_equal(three.res.rows, one.res.rows);
    assert_int_equal(three.res.failures, one.res.failures);
    assert_int_equal(three.res.written, one.res.written);
    assert_int_equal(three.res.reported, one.res.reported);
    assert_true(three.res.bad_row);
    assert_string_equal(three.res.error, one.res.error);
    assert_int_equal(one.rows_len, three.rows_len);
    assert_memory_equal(one.rows, three.rows, one.rows_len);
    assert_string_equal(one.messages, three.messages);
    /* E24999: step 1 + 24999 % 7 = 3, days 1 + 24999 % 4 = 4: $300 / 4 */
    assert_non_null(strstr(one.rows, "\nE24999,300.00,75.00\n"));
    run_free(&one);
    run_free(&three);
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_row_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_at_most_ten_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quotes_and_crlf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_pieces, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
