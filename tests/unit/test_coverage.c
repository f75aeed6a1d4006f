/* Coverage (engine/coverage.h, the COVER instructions): what the probes of
 * a covered Program count, what a Coverage makes of the counts of several
 * runs and several years, the report worked out by hand, the counts of a
 * roster evaluated on one job and on three, and a Program compiled without
 * coverage left as it was. */
#include "support.h"

#include "coverage.h"
#include "evaluate.h"
#include "output.h"

/* Line numbers matter: the report names them. */
static const char contract[] =
    "enum Lane: BA, MA\n"                                     /* 1 */
    "employee:\n"
    "  id: text\n"
    "  step: integer 1 to 3\n"
    "  lane: Lane\n"
    "  years: integer\n"
    "schedule pay by step, lane clamp\n"                      /* 7 */
    "  step BA MA\n"
    "  1 $100 $200\n"
    "  2 $110 $210\n"
    "  3 $120 $220\n"                                         /* 11 */
    "table bonus by Lane\n"
    "  BA $5\n"                                               /* 13 */
    "  MA $7\n"
    "base = pay[step, lane]\n"                                /* 15 */
    "extra = if years >= 10 then bonus[lane] else if years >= 5 then $1 else $0\n"
    "unused = base * 2\n"                                     /* 17 */
    "longevity: at most one\n"
    "longevity I when years in 5..9 add $50\n"                /* 19 */
    "longevity II when years >= 10 add $90\n"
    "total = base + extra + longevity\n"
    "output id, total\n";

/* Two employees: step 1 BA with no years (the last `else`, no rule),
 * step 2 MA with 12 (the first `then`, longevity II).  Never reached:
 * row 3, entry BA, the `then` of `if years >= 5`, `unused`, longevity I. */
static const char roster[] = "id,step,lane,years\nA,1,BA,0\nB,2,MA,12\n";

static const char report[] =
    "t.terms:11:3: pay row step 3 is never looked up\n"
    "t.terms:13:3: bonus row BA is never looked up\n"
    "t.terms:16:65: the `then` branch of `if years >= 5` is never taken\n"
    "t.terms:17:1: definition `unused` is never computed\n"
    "t.terms:19:1: rule `longevity I` never applies\n"
    "t.terms: coverage: 9 of 14 (64%): rules 1/2, branches 2/3, definitions 3/4, schedule rows 2/3, table entries 1/2\n";

/* Evaluates p over csv on jobs threads; the rows written go to *rows (if
 * rows), and the counts, copied, to the result ([p->nprobes]). */
static uint64_t *evaluate(const Program *p, RosterSource src, int jobs, char **rows)
{
    EngineError e;
    Evaluation *ev = eval_open(p, &src, jobs, &e);
    if (!ev)
        fail_msg("eval_open: %s", e.text);
    char *text = NULL;
    size_t len = 0;
    FILE *stream = open_memstream(&text, &len);
    Output *out = output_to_stream(stream, FORMAT_CSV, p);
    EvalResult res;
    eval_rows(ev, out, stderr, &res);
    assert_int_equal(res.failures, 0);
    assert_false(res.bad_row);
    uint64_t *counts = calloc((size_t)p->nprobes + 1, sizeof(uint64_t));
    if (eval_counts(ev))
        memcpy(counts, eval_counts(ev), sizeof(uint64_t) * (size_t)p->nprobes);
    eval_close(ev);
    char err[256];
    assert_true(eval_settle(out, &res, err, sizeof err));
    fclose(stream);
    if (rows)
        *rows = text;
    else
        free(text);
    return counts;
}

static char *report_of(const Coverage *cv, const Diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    coverage_report(cv, d, out);
    fclose(out);
    return text;
}

/* The report for the two employees, item by item. */
static void test_report(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    const Program *p = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    uint64_t *counts = evaluate(p, in_memory(roster), 1, NULL);
    Coverage *cv = coverage_new(&l.s.m);
    coverage_add(cv, p, counts);
    char *text = report_of(cv, &l.s.d);
    assert_string_equal(text, report);
    CoverSummary s = coverage_summary(cv);
    assert_int_equal(s.all.reached, 9);
    assert_int_equal(s.all.total, 14);
    free(text);
    free(counts);
    coverage_free(cv);
    snippet_free(&l.s);
}

/* The counts of two runs (two Programs, as two examples make) add up: the
 * second employee alone, then the first, report what both did. */
static void test_runs_add_up(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    Coverage *cv = coverage_new(&l.s.m);
    const Program *first = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    const Program *second = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    uint64_t *b = evaluate(first, in_memory("id,step,lane,years\nB,2,MA,12\n"), 1, NULL);
    coverage_add(cv, first, b);
    assert_int_equal(coverage_summary(cv).all.reached, 7); /* a rule, a branch, 3 definitions, a row, an entry */
    uint64_t *a = evaluate(second, in_memory("id,step,lane,years\nA,1,BA,0\n"), 1, NULL);
    coverage_add(cv, second, a);
    char *text = report_of(cv, &l.s.d);
    assert_string_equal(text, report);
    free(text);
    free(a);
    free(b);
    coverage_free(cv);
    snippet_free(&l.s);
}

/* A row is counted once per year run: years written in blocks, each row
 * at its own line; a year no run was made for does not count. */
static void test_years(void **state)
{
    (void)state;
    Loaded l;
    load(&l, "years \"2024-25\", \"2025-26\"\n"
             "employee:\n"
             "  id: text\n"
             "  step: integer 1 to 2\n"
             "table grant by step\n"
             "  1 $10 / $11\n"          /* 6 */
             "  2 $20 / $21\n"
             "pay = grant[step]\n"
             "output id, pay\n");
    Coverage *cv = coverage_new(&l.s.m);
    const Program *y1 = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    uint64_t *c1 = evaluate(y1, in_memory("id,step\nA,1\n"), 1, NULL);
    coverage_add(cv, y1, c1);
    char *text = report_of(cv, &l.s.d);
    assert_string_equal(text, "t.terms:7:3: grant row 2 is never looked up in \"2024-25\"\n"
                              "t.terms: coverage: 2 of 3 (66%): definitions 1/1, table entries 1/2\n");
    free(text);
    const Program *y2 = compile_covered(&l.s.m, 1, NULL, 0, NULL, 0);
    uint64_t *c2 = evaluate(y2, in_memory("id,step\nA,1\n"), 1, NULL);
    coverage_add(cv, y2, c2);
    text = report_of(cv, &l.s.d);
    assert_string_equal(text, "t.terms:7:3: grant row 2 is never looked up in any year\n"
                              "t.terms: coverage: 3 of 5 (60%): definitions 1/1, table entries 2/4\n");
    free(text);
    free(c1);
    free(c2);
    coverage_free(cv);
    snippet_free(&l.s);
}

/* 30,000 employees (several pieces of the roster): three jobs count what
 * one does, probe for probe, and every row computes `total` once. */
static void test_jobs_count_alike(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    const Program *p = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    enum { N = 30000 };
    size_t cap = 32 * N, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, "id,step,lane,years\n");
    for (int i = 1; i <= N; i++)
        len += (size_t)snprintf(csv + len, cap - len, "E%05d,%d,%s,%d\n", i, 1 + i % 3, i % 2 ? "BA" : "MA", i % 13);
    RosterSource src = {.path = "r.csv", .data = csv, .len = len};
    uint64_t *one = evaluate(p, src, 1, NULL), *three = evaluate(p, src, 3, NULL);
    assert_memory_equal(one, three, sizeof(uint64_t) * (size_t)p->nprobes);
    int total = -1;
    for (int i = 0; i < p->nprobes; i++)
        if (p->probes[i].kind == PROBE_DEF && !strcmp(l.s.c->defs.v[p->probes[i].index].name.s, "total"))
            total = i;
    assert_true(total >= 0);
    assert_int_equal(one[total], N);
    free(one);
    free(three);
    free(csv);
    snippet_free(&l.s);
}

/* Without coverage: no probe and no COVER instruction; with it, the same
 * figures. */
static void test_plain_program_unchanged(void **state)
{
    (void)state;
    Loaded l;
    load(&l, contract);
    const Program *plain = compile_program(&l.s.m, 0, NULL, 0);
    assert_int_equal(plain->nprobes, 0);
    for (int pc = 0; pc < plain->ncode; pc += 1 + op_operands[plain->code[pc]])
        assert_true(plain->code[pc] != OP_COVER && plain->code[pc] != OP_COVER_ROW && plain->code[pc] != OP_COVER_ENTRY);
    const Program *covered = compile_covered(&l.s.m, 0, NULL, 0, NULL, 0);
    assert_true(covered->nprobes > 0);
    char *a, *b;
    free(evaluate(plain, in_memory(roster), 1, &a));
    free(evaluate(covered, in_memory(roster), 1, &b));
    assert_string_equal(a, "A,100.00\nB,307.00\n");
    assert_string_equal(a, b);
    free(a);
    free(b);
    snippet_free(&l.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_runs_add_up),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_jobs_count_alike),
        cmocka_unit_test(test_plain_program_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
