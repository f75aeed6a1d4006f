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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_and_previous),
        cmocka_unit_test(test_order_in_proofs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
