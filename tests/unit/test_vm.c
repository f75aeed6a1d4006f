/* The compiler and the VM: values computed for one employee, exactly. */
#include "support.h"
#include "disasm.h"

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

static int node_of(Run *r, const char *name)
{
    for (int i = 0; i < r->p->nnodes; i++)
        if (!strcmp(r->p->nodes[i].name, name))
            return i;
    fail_msg("no node %s", name);
    return -1;
}

/* Evaluates name for the current record; its value as printed. */
static const char *value_of(Run *r, const char *name)
{
    static char buf[128];
    Value v;
    vm_begin(r->vm, r->record);
    int n = node_of(r, name);
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

static void test_round_uses_the_exact_quotient(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "daily = round(salary / 194)\nhourly = round(daily / 5)\noutput daily, hourly\n", 0);
    /* 42,000 / 194 = 216.49484... -> 216.49; 216.49 / 5 = 43.298 -> 43.30 */
    r.record[5].num = rat_int(42000);
    assert_string_equal(value_of(&r, "daily"), "216.49");
    assert_string_equal(value_of(&r, "hourly"), "43.3");
    /* $0.969999 / 194 = 0.00499999484...: rounded to 6 places first it would be
       0.005000 and then $0.01; the exact quotient rounds to $0.00 */
    r.record[5].num = rat_scaled(969999, 6);
    assert_string_equal(value_of(&r, "daily"), "0");
    /* $0.97 / 194 = 0.005 exactly: half-way, half up -> $0.01 */
    r.record[5].num = rat_scaled(97, 2);
    assert_string_equal(value_of(&r, "daily"), "0.01");
    finish(&r);
}

static void test_rounding_modes_at_half(void **state)
{
    (void)state;
    const char *modes[] = {"half up", "half down", "half even"};
    const char *expect_pos[] = {"0.13", "0.12", "0.12"};
    const char *expect_neg[] = {"-0.13", "-0.12", "-0.12"};
    for (int i = 0; i < 3; i++) {
        char src[1024];
        snprintf(src, sizeof src, "rounding %s to cents\n" RECORD "x = round(salary / 8)\noutput x\n", modes[i]);
        Run r;
        start(&r, src, 0);
        r.record[5].num = rat_int(1); /* $1 / 8 = 0.125 */
        assert_string_equal(value_of(&r, "x"), expect_pos[i]);
        r.record[5].num = rat_int(-1);
        assert_string_equal(value_of(&r, "x"), expect_neg[i]);
        finish(&r);
    }
}

/* A round() of constants is folded when the contract is compiled: it must
 * round with the contract's mode, as the same round() of a run-time value
 * does, and floor and ceil with their own. */
static void test_folded_round_uses_the_contracts_mode(void **state)
{
    (void)state;
    const char *modes[] = {"half up", "half down", "half even"};
    const char *expect[][4] = {
        /* round($2.125), round(-$2.125), round($2.135), floor(-$2.125) */
        {"2.13", "-2.13", "2.14", "-2.13"},
        {"2.12", "-2.12", "2.13", "-2.13"},
        {"2.12", "-2.12", "2.14", "-2.13"},
    };
    const char *names[] = {"a", "b", "c", "d"};
    const char *run_time[] = {"2.125", "-2.125", "2.135"};
    for (int i = 0; i < 3; i++) {
        char src[1024];
        snprintf(src, sizeof src,
                 "rounding %s to cents\n" RECORD
                 "a = round($2.125)\nb = round(-$2.125)\nc = round($2.135)\nd = floor(-$2.125)\nr = round(salary)\n"
                 "output a, b, c, d, r\n", modes[i]);
        Run r;
        start(&r, src, 0);
        for (int k = 0; k < 4; k++) {
            assert_true(r.p->nodes[node_of(&r, names[k])].constant);
            assert_string_equal(value_of(&r, names[k]), expect[i][k]);
        }
        for (int k = 0; k < 3; k++) {
            rat_parse(run_time[k], strlen(run_time[k]), true, &r.record[5].num);
            assert_string_equal(value_of(&r, "r"), expect[i][k]);
        }
        finish(&r);
    }
}

static void test_components_add_and_policies(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "longevity: at most one\n"
                     "longevity I when years in 14..14 add $3,100 / $3,200\n"
                     "longevity II when years in 15..18 add $5,200\n"
                     "extra a when nb add $10\nextra b when years > 20 add $5\nextra c add $1\n"
                     "output longevity, extra\n", 1);
    r.record[3].num = rat_int(14);
    assert_string_equal(value_of(&r, "longevity"), "3200");
    r.record[3].num = rat_int(16);
    assert_string_equal(value_of(&r, "longevity"), "5200");
    r.record[3].num = rat_int(13);
    assert_string_equal(value_of(&r, "longevity"), "0");
    r.record[3].num = rat_int(21);
    r.record[6].i = 1;
    assert_string_equal(value_of(&r, "extra"), "16");
    finish(&r);
}

/* A policy the prover could not decide is still enforced per employee. */
static void test_policy_enforced_at_run_time(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "part: at most one\npart low when fte * 2 < 1.2 add $1\npart half when fte * 2 <= 1 add $2\noutput part\n"
                     "whole: exactly one\nwhole full when fte * 2 >= 2 add $1\nwhole some when fte * 2 < 1.8 add $2\n"
                     "x = whole\noutput x\n", 0);
    r.record[4].num = rat_scaled(5, 1);
    assert_string_equal(value_of(&r, "part"), "error: rules `part low` and `part half` both apply, but `part` allows only one");
    r.record[4].num = rat_scaled(95, 2);
    assert_string_equal(value_of(&r, "whole"), "error: no rule of `whole` applies, but it requires exactly one");
    finish(&r);
}

static void test_lazy_blanks(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "param lead = $___\npay = if nb then lead else $0\noutput pay\n", 0);
    r.record[6].i = 0;
    assert_string_equal(value_of(&r, "pay"), "0");
    r.record[6].i = 1;
    assert_string_equal(value_of(&r, "pay"), "error: `pay` needs param `lead`, which is blank; give it a value with --set 'lead=$…' or --values FILE");
    finish(&r);
}

/* A row that fails on a blank names every blank it needs: from the
 * outputs' code and from asking for each output the same message; nothing
 * computed with a 0 in a blank's place is kept, and a fixed node stays. */
static void test_every_blank_named(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "param lead = $___\nparam points = ___\n"
                     "a = lead + salary\nb = points * 2\nc = a + $1\nd = salary + $3\noutput d, a, b, c\n", 0);
    const char *both = "`a` needs param `lead`; `b` needs param `points`. All are blank: "
                       "give them values with --set 'lead=$…' --set 'points=…' or --values FILE";
    vm_begin(r.vm, r.record);
    assert_null(vm_outputs(r.vm));
    assert_string_equal(vm_error(r.vm), both);
    Value v;
    assert_false(vm_value(r.vm, node_of(&r, "c"), &v)); /* not kept from the run with lead as 0 */
    assert_string_equal(vm_error(r.vm), "`a` needs param `lead`, which is blank; give it a value with --set 'lead=$…' or --values FILE");
    assert_null(vm_outputs(r.vm)); /* asked for each output in turn, now */
    assert_string_equal(vm_error(r.vm), both);
    assert_true(vm_value(r.vm, node_of(&r, "d"), &v));
    assert_true(rat_eq(v.num, rat_int(3)));
    vm_begin(r.vm, r.record);
    vm_fix(r.vm, node_of(&r, "a"), (Value){.num = rat_int(5)});
    assert_null(vm_outputs(r.vm));
    assert_string_equal(vm_error(r.vm), "`b` needs param `points`, which is blank; give it a value with --set 'points=…' or --values FILE");
    assert_true(vm_value(r.vm, node_of(&r, "c"), &v));
    assert_true(rat_eq(v.num, rat_int(6)));
    finish(&r);
}

/* `each year:` may not move a field outside its declared range: the
 * record is left as it was, and the message names the field and value. */
static void test_advance_keeps_to_the_range(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "x = step\neach year: step = step + 1, years = years + 1\noutput x\n", 0);
    r.record[2].num = rat_int(12);
    vm_begin(r.vm, r.record);
    assert_true(vm_advance(r.vm, r.record));
    assert_true(rat_eq(r.record[2].num, rat_int(13)));
    vm_begin(r.vm, r.record);
    assert_false(vm_advance(r.vm, r.record));
    assert_string_equal(vm_error(r.vm), "`each year:` makes step 14, outside its range 1 to 13");
    assert_true(rat_eq(r.record[2].num, rat_int(13)));
    assert_true(rat_eq(r.record[3].num, rat_int(1)));
    finish(&r);
}

static void test_errors_name_the_rule(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "per_year = salary / years\nbig = salary * 100000000000000\noutput per_year, big\n", 0);
    r.record[3].num = rat_int(0);
    assert_string_equal(value_of(&r, "per_year"), "error: division by zero in `per_year`");
    r.record[5].num = rat_int(100000);
    assert_string_equal(value_of(&r, "big"), "error: amount too large (over 10^18) in `big`");
    finish(&r);
}

#define PAY_BLOCKS \
    "  \"2017-18\":\n    step BA MA\n    1 $40,000 $44,000\n    2 $41,000 $45,500\n    DOC = 2 * MA - BA\n" \
    "  \"2018-19\":\n    step BA MA\n    1 $41,000 $45,000\n    2 $42,000 $46,000\n    DOC = 2 * MA - BA\n" \
    "base = pay[step, lane]\noutput base\n"

static void test_schedule_lookup(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, RECORD "schedule pay by step, lane\n" PAY_BLOCKS);
    assert_said(&s, "schedule `pay` has no row for step 3, which `step` allows");
    snippet_free(&s);

    Run r;
    start(&r, RECORD "schedule pay by step, lane clamp\n" PAY_BLOCKS, 0);
    r.record[1].i = 2; /* DOC = 2 * 45,500 - 41,000 */
    r.record[2].num = rat_int(2);
    assert_string_equal(value_of(&r, "base"), "50000");
    r.record[2].num = rat_int(9); /* past the last step: the last row */
    assert_string_equal(value_of(&r, "base"), "50000");
    r.record[1].i = 0;
    r.record[2].num = rat_int(1);
    assert_string_equal(value_of(&r, "base"), "40000");
    finish(&r);
}

/* A schedule's rows at their ends, looked up at run time and folded at
 * compile time alike: a row one past the last or one before the first is
 * that row if the schedule clamps, else an error naming the key and the
 * rows. */
static void test_schedule_lookup_at_the_ends(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "schedule pay by step, lane clamp\n  step BA MA DOC\n  1 $10 $20 $30\n  2 $11 $21 $31\n"
                     "schedule strict by years, lane\n  years BA MA DOC\n  1 $10 $20 $30\n  2 $11 $21 $31\n"
                     "clamped = pay[step, lane]\nexact = strict[years, lane]\n"
                     "past = pay[3, MA]\nbefore = pay[0, MA]\nlast = strict[2, MA]\nbeyond = strict[3, MA]\n"
                     "output clamped, exact, past, before, last, beyond\n", 0);
    const char *folded[] = {"past", "before", "last"}, *values[] = {"21", "20", "21"};
    for (int i = 0; i < 3; i++) {
        assert_true(r.p->nodes[node_of(&r, folded[i])].constant);
        assert_string_equal(value_of(&r, folded[i]), values[i]);
    }
    assert_false(r.p->nodes[node_of(&r, "beyond")].constant); /* the VM says why, naming the employee */
    assert_string_equal(value_of(&r, "beyond"), "error: 3 is beyond schedule `strict`, whose rows are 1 to 2, in `beyond`");
    r.record[1].i = 1; /* MA */
    struct {
        int64_t key;
        const char *clamped, *exact;
    } cases[] = {
        {1, "20", "20"},
        {2, "21", "21"},
        {3, "21", "error: 3 is beyond schedule `strict`, whose rows are 1 to 2, in `exact`"},
        {0, "20", "error: 0 is beyond schedule `strict`, whose rows are 1 to 2, in `exact`"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[2].num = rat_int(cases[i].key);
        r.record[3].num = rat_int(cases[i].key);
        assert_string_equal(value_of(&r, "clamped"), cases[i].clamped);
        assert_string_equal(value_of(&r, "exact"), cases[i].exact);
    }
    finish(&r);
}

/* A table keyed by integers finds each of its keys, the first and the
 * last included, at run time and folded, and says which key it lacks. */
static void test_table_by_integer_keys(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "table bonus by years\n  1 $10\n  5 $20\n  9 $30\n  12 $40\n"
                     "b = bonus[years]\nfirst = bonus[1]\nlast = bonus[12]\noutput b, first, last\n", 0);
    assert_true(r.p->nodes[node_of(&r, "first")].constant);
    assert_string_equal(value_of(&r, "first"), "10");
    assert_true(r.p->nodes[node_of(&r, "last")].constant);
    assert_string_equal(value_of(&r, "last"), "40");
    const int64_t keys[] = {1, 5, 9, 12, 4, 13, 0};
    const char *values[] = {"10", "20", "30", "40", "error: table `bonus` has no row for 4, in `b`",
                            "error: table `bonus` has no row for 13, in `b`", "error: table `bonus` has no row for 0, in `b`"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        r.record[3].num = rat_int(keys[i]);
        assert_string_equal(value_of(&r, "b"), values[i]);
    }
    finish(&r);
}

/* years_between counts whole years as an age is counted: a year on the
 * anniversary, not the day before, in either direction. */
static void test_years_between_at_the_anniversary(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "before = years_between(2020-07-15, 2024-07-14)\non = years_between(2020-07-15, 2024-07-15)\n"
                     "month = years_between(2020-07-01, 2024-06-30)\nback = years_between(2024-07-01, 2020-07-02)\n"
                     "back_on = years_between(2024-07-01, 2020-07-01)\noutput before, on, month, back, back_on\n", 0);
    const char *names[] = {"before", "on", "month", "back", "back_on"}, *values[] = {"3", "4", "3", "-3", "-4"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(value_of(&r, names[i]), values[i]);
    finish(&r);
}

static void test_comprehension_and_sets(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "top = lane in [MA, DOC]\nodd = step in [1, 3, 5]\noutput top, odd\n", 0);
    r.record[1].i = 1;
    assert_string_equal(value_of(&r, "top"), "#1");
    r.record[1].i = 0;
    assert_string_equal(value_of(&r, "top"), "#0");
    r.record[2].num = rat_int(3);
    assert_string_equal(value_of(&r, "odd"), "#1");
    r.record[2].num = rat_int(4);
    assert_string_equal(value_of(&r, "odd"), "#0");
    finish(&r);
}

/* Constants are folded per year: the disassembly shows no arithmetic. */
static void test_constant_folding(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "param rate = 0.0035 / 0.004\npoint = $40,000 * rate\nhalf = point / 2 + salary\noutput half\n", 1);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    disasm_program(r.p, out);
    fclose(out);
    if (!strstr(text, "definition point = 160.00\t; constant") || !strstr(text, "CONST        0\t; 80\n"))
        fail_msg("unexpected disassembly:\n%s", text);
    assert_null(strstr(text, "MUL"));
    r.record[5].num = rat_int(20);
    assert_string_equal(value_of(&r, "half"), "100");
    free(text);
    finish(&r);
}

static char *disassembly(Run *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    disasm_program(r->p, out);
    fclose(out);
    return text;
}

/* A function's body is written out at each call: its arguments are all
 * computed before any is stored (an argument may call the same function),
 * and the disassembly names the parameter each SET_LOCAL stores. */
static void test_functions_inline(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "function half_hour_pay(minutes: integer, rate: money): money =\n"
                     "    rate * floor(minutes / 60) + rate / 2 * floor((minutes - 60 * floor(minutes / 60)) / 30)\n"
                     "function twice(x: integer, y: integer): integer = x + 2 * y\n"
                     "pay = half_hour_pay(years, salary)\n"
                     "outer = twice(1, twice(years, 2))\n"
                     "inner = twice(twice(years, 1), years)\n"
                     "output pay, outer, inner\n", 0);
    r.record[3].num = rat_int(105);
    r.record[5].num = rat_int(40);
    assert_string_equal(value_of(&r, "pay"), "60");   /* one hour, and one full half hour of the 45 minutes left */
    assert_string_equal(value_of(&r, "outer"), "219"); /* 1 + 2 * (105 + 2 * 2) */
    assert_string_equal(value_of(&r, "inner"), "317"); /* (105 + 2 * 1) + 2 * 105 */
    r.record[3].num = rat_int(89);
    assert_string_equal(value_of(&r, "pay"), "40");   /* 29 minutes over the hour: no half hour */
    char *text = disassembly(&r);
    if (!strstr(text, "SET_LOCAL    1\t; call: rate of half_hour_pay\n") || !strstr(text, "LOCAL        0\t; minutes of half_hour_pay\n"))
        fail_msg("unexpected disassembly:\n%s", text);
    free(text);
    finish(&r);
}

/* The peephole pass fuses field tests, constant adds and lookups; values
 * must be what the unfused code computes, including where a jump lands
 * between instructions that could otherwise be fused, and for `and`
 * chains whose jumps are threaded through. */
static void test_fused_instructions_keep_meaning(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "schedule pay by step, lane clamp\n  step  BA    MA\n  1     $10   $20\n  2     $11   $21\n  DOC = 2 * MA - BA\n"
                     "bonus: at most one\n"
                     "bonus I   when years = 14 and fte >= 0.5 and nb add $1.25\n"
                     "bonus II  when years in 15..18 and fte >= 0.5 add $2.50\n"
                     "bonus III when years >= 19 or nb and fte < 0.5 add $4.75\n"
                     "extra when nb add $3\n"
                     "base = pay[step, lane]\n"
                     "pick = if years > 10 then salary - $10 else salary + $1\n"
                     "both = (years > 20 or nb) and years < 30\n"
                     "output base, bonus, extra, pick, both\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "IF_FIELD_CMP") || !strstr(text, "IF_FIELD_RANGE") || !strstr(text, "IF_FIELD ") ||
        !strstr(text, "ADD_CONST") || !strstr(text, "LOOKUP2_FIELDS"))
        fail_msg("expected fused instructions:\n%s", text);
    free(text);
    struct {
        int64_t years, step;
        int lane;
        const char *fte;
        int nb;
        const char *base, *bonus, *extra, *pick, *both;
    } cases[] = {
        {14, 1, 0, "0.5", 1, "10", "1.25", "3", "90", "#1"},
        {14, 2, 1, "0.5", 0, "21", "0", "0", "90", "#0"},
        {14, 2, 2, "0.4", 1, "31", "4.75", "3", "90", "#1"},
        {16, 1, 2, "1", 0, "30", "2.5", "0", "90", "#0"},
        {18, 2, 0, "0.49", 0, "11", "0", "0", "90", "#0"},
        {25, 1, 1, "1", 0, "20", "4.75", "0", "90", "#1"},
        {35, 1, 1, "1", 1, "20", "4.75", "3", "90", "#0"},
        {3, 1, 0, "1", 0, "10", "0", "0", "101", "#0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[1].i = cases[i].lane;
        r.record[2].num = rat_int(cases[i].step);
        r.record[3].num = rat_int(cases[i].years);
        rat_parse(cases[i].fte, strlen(cases[i].fte), false, &r.record[4].num);
        r.record[5].num = rat_int(100);
        r.record[6].i = cases[i].nb;
        assert_string_equal(value_of(&r, "base"), cases[i].base);
        assert_string_equal(value_of(&r, "bonus"), cases[i].bonus);
        assert_string_equal(value_of(&r, "extra"), cases[i].extra);
        assert_string_equal(value_of(&r, "pick"), cases[i].pick);
        assert_string_equal(value_of(&r, "both"), cases[i].both);
    }
    finish(&r);
}

/* What vm_outputs gives: each output's value as printed, or the error. */
static const char *outputs_of(Run *r, char *buf, size_t cap)
{
    const Value *const *out = vm_outputs(r->vm);
    if (!out) {
        snprintf(buf, cap, "error: %s", vm_error(r->vm));
        return buf;
    }
    size_t len = 0;
    for (int i = 0; i < r->p->noutputs; i++) {
        len += rat_format(out[i]->num, 12, ROUND_HALF_UP, buf + len, cap - len - 2);
        buf[len++] = ' ';
    }
    buf[len] = '\0';
    return buf;
}

/* vm_row is vm_begin and vm_outputs in one call: the same values, from
 * the record it is given each time (a record array other than the last
 * row's too), and the same message for a row that fails on blanks,
 * naming every blank, whether the row is the first or a later one. */
static void test_vm_row_as_begin_and_outputs(void **state)
{
    (void)state;
    Run r;
    char got[64];
    start(&r, RECORD "x = salary * 2\noutput x, step\n", 0);
    r.record[5].num = rat_int(7);
    r.record[2].num = rat_int(3);
    Value other[7];
    memcpy(other, r.record, sizeof other);
    other[5].num = rat_int(100);
    other[2].num = rat_int(9);
    const Value *const *out;
    for (int round = 0; round < 2; round++) {
        out = vm_row(r.vm, r.record);
        assert_non_null(out);
        assert_true(rat_eq(out[0]->num, rat_int(14)) && rat_eq(out[1]->num, rat_int(3)));
        out = vm_row(r.vm, r.record);
        assert_true(rat_eq(out[0]->num, rat_int(14)) && rat_eq(out[1]->num, rat_int(3)));
        out = vm_row(r.vm, other);
        assert_true(rat_eq(out[0]->num, rat_int(200)) && rat_eq(out[1]->num, rat_int(9)));
        vm_begin(r.vm, r.record);
        assert_string_equal(outputs_of(&r, got, sizeof got), "14 3 ");
    }
    finish(&r);

    start(&r, RECORD "param lead = $___\nparam points = ___\n"
                     "a = lead + salary\nb = points * 2\nc = a + $1\nd = salary + $3\noutput d, a, b, c\n", 0);
    const char *both = "`a` needs param `lead`; `b` needs param `points`. All are blank: "
                       "give them values with --set 'lead=$…' --set 'points=…' or --values FILE";
    for (int round = 0; round < 3; round++) {
        assert_null(vm_row(r.vm, r.record));
        assert_string_equal(vm_error(r.vm), both);
    }
    finish(&r);
}

/* No fusion across a jump target: the then-branch's JUMP lands on the ADD
 * after the else-branch's CONST, which would otherwise fuse into one
 * ADD_CONST adding the else-branch's amount whichever branch ran. */
static void test_no_fusion_across_a_jump_target(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "pick = salary + (if nb then $1 else $2)\noutput pick\n", 0);
    char *text = disassembly(&r);
    if (strstr(text, "ADD_CONST") || !strstr(text, "  CONST        1\t; 2\n    11  ADD "))
        fail_msg("expected CONST and ADD apart, the jump landing on the ADD:\n%s", text);
    free(text);
    r.record[5].num = rat_int(100);
    r.record[6].i = 1;
    assert_string_equal(value_of(&r, "pick"), "101");
    char got[64];
    vm_begin(r.vm, r.record);
    assert_string_equal(outputs_of(&r, got, sizeof got), "101 ");
    r.record[6].i = 0;
    assert_string_equal(value_of(&r, "pick"), "102");
    vm_begin(r.vm, r.record);
    assert_string_equal(outputs_of(&r, got, sizeof got), "102 ");
    finish(&r);
}

/* A jump landing on a JUMP, and an AND (OR) on an AND (OR), goes where
 * that one goes: `a and b and c` kept as a value jumps once past both
 * tests when a is false, `a or b or c` once when a is true, an if's
 * then-branch past the else-branch of the if it ends; the values those
 * give for every a, b and c are the comparisons'. */
static void test_jumps_threaded(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "all = nb and years >= 5 and step >= 3\n"
                     "any = nb or years >= 5 or step >= 3\n"
                     "pay = if nb then (if years >= 5 then $3 else $2) else $1\n"
                     "output pay\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "     2  AND          14\t; to 18\n") || !strstr(text, "    22  OR           14\t; to 38\n") ||
        !strstr(text, "    53  JUMP         6\t; to 61\n"))
        fail_msg("expected the first AND and OR aimed past both tests, the inner then past the outer else:\n%s", text);
    free(text);
    for (int nb = 0; nb < 2; nb++)
        for (int years = 4; years < 6; years++)
            for (int step = 2; step < 4; step++) {
                r.record[6].i = nb;
                r.record[3].num = rat_int(years);
                r.record[2].num = rat_int(step);
                bool a = nb, b = years >= 5, c = step >= 3;
                char want[64], got[128];
                const char *pay = nb ? (b ? "3" : "2") : "1";
                assert_string_equal(value_of(&r, "all"), a && b && c ? "#1" : "#0");
                assert_string_equal(value_of(&r, "any"), a || b || c ? "#1" : "#0");
                assert_string_equal(value_of(&r, "pay"), pay);
                snprintf(want, sizeof want, "%s ", pay);
                vm_begin(r.vm, r.record);
                assert_string_equal(outputs_of(&r, got, sizeof got), want);
            }
    finish(&r);
}

/* A component whose rules each start with a whole range of one field,
 * none two overlapping, is one RULES instruction, which tests further only
 * the rule whose range holds a whole value, and every rule for any other
 * value: its sums and the rules it notes as applied must be those of the
 * rules' own code, asked for alone and in the outputs' code; rules whose
 * ranges overlap keep their code. */
static void test_rules_keyed_by_one_field(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "bonus: at most one\n"
                     "bonus I   when fte = 0 add $1.25\n"
                     "bonus II  when fte in 1..2 and years >= 10 add $2.50\n"
                     "bonus III when fte in 3..4 and years in 5..9 and nb add $4.75\n"
                     "bonus IV  when fte >= 5 add $0.10\n"
                     "after = bonus + salary\n"
                     "output bonus, after\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "RULES        0\t; bonus: 0 and the 4 rules below"))
        fail_msg("expected the rules as RULES:\n%s", text);
    free(text);
    static const char none[] = "0";
    struct {
        const char *fte;
        int64_t years;
        int nb;
        const char *bonus;
        int fired; /* the rule applied, -1 none */
    } cases[] = {
        {"0", 0, 0, "1.25", 0},   {"1", 10, 0, "2.5", 1},    {"2", 40, 1, "2.5", 1},    {"2", 9, 0, none, -1},
        {"1.5", 10, 0, "2.5", 1}, {"1.5", 9, 0, none, -1},   {"3", 5, 1, "4.75", 2},    {"4", 9, 1, "4.75", 2},
        {"3.5", 7, 1, "4.75", 2}, {"3", 7, 0, none, -1},     {"4", 10, 1, none, -1},    {"5", 0, 0, "0.1", 3},
        {"1000000000000000000", 0, 0, "0.1", 3},             {"5.5", 0, 0, "0.1", 3},   {"4.5", 7, 1, none, -1},
        {"-1", 10, 1, none, -1},  {"0.5", 10, 1, none, -1},  {"2.5", 10, 1, none, -1},
        {"-1000000000000000000", 0, 0, none, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(rat_parse(cases[i].fte, strlen(cases[i].fte), false, &r.record[4].num), RAT_OK);
        r.record[3].num = rat_int(cases[i].years);
        r.record[5].num = rat_int(100);
        r.record[6].i = cases[i].nb;
        const char *got = value_of(&r, "bonus");
        if (strcmp(got, cases[i].bonus))
            fail_msg("fte %s, years %lld, nb %d: bonus %s, not %s", cases[i].fte, (long long)cases[i].years, cases[i].nb, got,
                     cases[i].bonus);
        for (int k = 0; k < 4; k++)
            if (vm_rule_fired(r.vm, k) != (k == cases[i].fired))
                fail_msg("fte %s, years %lld: rule %d %s", cases[i].fte, (long long)cases[i].years, k + 1,
                         k == cases[i].fired ? "not noted" : "noted");
        char want[128], out[256];
        {
            Rat b, sum;
            rat_parse(cases[i].bonus, strlen(cases[i].bonus), false, &b);
            rat_add(b, rat_int(100), &sum);
            char x[64];
            x[rat_format(sum, 12, ROUND_HALF_UP, x, sizeof x - 1)] = '\0';
            snprintf(want, sizeof want, "%s %s ", cases[i].bonus, x);
        }
        vm_begin(r.vm, r.record);
        assert_string_equal(outputs_of(&r, out, sizeof out), want);
    }
    finish(&r);

    /* ranges that overlap (every rule that applies paid): the rules' own code */
    start(&r, RECORD "bonus I when years in 10..20 add $1\nbonus II when years >= 15 add $2\noutput bonus\n", 0);
    text = disassembly(&r);
    if (strstr(text, "RULES"))
        fail_msg("overlapping ranges as RULES:\n%s", text);
    free(text);
    r.record[3].num = rat_int(16);
    assert_string_equal(value_of(&r, "bonus"), "3");
    finish(&r);
}

/* A component of one rule `when` a yes/no field is one RULE_IF_FIELD,
 * which leaves out its POLICY: its value and the rule it notes as applied
 * must be those of the rule's own code, asked for alone and in the
 * outputs' code, and the component after it must count only its own
 * rules (no POLICY resets the count); two rules keep their code. */
static void test_one_yes_no_rule(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "extra when nb add $2.75\n"
                     "pick: at most one\npick a when years >= 1 add $1\npick b when step >= 1 and years = 0 add $2\n"
                     "after = extra + pick + salary\noutput extra, pick, after\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "RULE_IF_FIELD 0 6 1 0\t; 0, + 2.75 if nb: extra \n") || strstr(text, "POLICY       0"))
        fail_msg("expected the rule as RULE_IF_FIELD, with no POLICY:\n%s", text);
    free(text);
    char got[128];
    for (int nb = 0; nb < 2; nb++)
        for (int years = 0; years < 2; years++) {
            r.record[6].i = nb;
            r.record[3].num = rat_int(years);
            r.record[2].num = rat_int(1);
            r.record[5].num = rat_int(100);
            assert_string_equal(value_of(&r, "extra"), nb ? "2.75" : "0");
            assert_int_equal(vm_rule_fired(r.vm, 0), nb);
            assert_string_equal(value_of(&r, "pick"), years ? "1" : "2");
            char want[64];
            snprintf(want, sizeof want, "%s %s %s ", nb ? "2.75" : "0", years ? "1" : "2",
                     nb ? (years ? "103.75" : "104.75") : (years ? "101" : "102"));
            vm_begin(r.vm, r.record);
            assert_string_equal(outputs_of(&r, got, sizeof got), want);
            assert_int_equal(vm_rule_fired(r.vm, 0), nb);
        }
    finish(&r);

    /* two rules: their code, the POLICY counting them */
    start(&r, RECORD "extra: at most one\nextra a when nb add $2.75\nextra b when not nb add $1\noutput extra\n", 0);
    text = disassembly(&r);
    if (strstr(text, "RULE_IF_FIELD") || !strstr(text, "POLICY"))
        fail_msg("two rules as RULE_IF_FIELD:\n%s", text);
    free(text);
    r.record[6].i = 1;
    assert_string_equal(value_of(&r, "extra"), "2.75");
    r.record[6].i = 0;
    assert_string_equal(value_of(&r, "extra"), "1");
    finish(&r);
}

/* A test of a member (CMP_INT) is one IF_INT_RANGE, whichever comparison
 * it is: = and != a range of one member, the orders a range open at one
 * end, negated for != and <.  A component whose rules test a member
 * first, each a different one, is RULES keyed by that member; one keyed
 * by a number may test members after.  Their values and the rules they
 * note as applied, asked for alone and in the outputs' code, are those
 * of the comparisons. */
static void test_member_tests(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "bonus: at most one\n"
                     "bonus I   when lane = BA add $1\n"
                     "bonus II  when lane = MA and years >= 10 add $2\n"
                     "bonus III when lane = DOC and nb add $3\n"
                     "extra a when lane >= MA add $5\n"
                     "extra b when lane < DOC and nb add $7\n"
                     "tier: at most one\n"
                     "tier low  when years in 0..4 and lane != BA add $10\n"
                     "tier high when years >= 5 and lane > BA add $20\n"
                     "output bonus, extra, tier\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "RULES        0\t; bonus: 0 and the 3 rules below") || !strstr(text, "RULES        1\t; tier: 0 and the 2 rules below") ||
        !strstr(text, "IF_INT_RANGE 1 1 1 0 ") || !strstr(text, "; unless lane >= #1: to") ||
        !strstr(text, "IF_INT_RANGE 1 2 9223372036854775807 1 ") || !strstr(text, "; unless lane != #0: to") || strstr(text, "CMP_INT"))
        fail_msg("expected the members' tests as IF_INT_RANGE, bonus and tier as RULES:\n%s", text);
    free(text);
    for (int lane = 0; lane < 3; lane++)
        for (int years = 0; years < 12; years += 3)
            for (int nb = 0; nb < 2; nb++) {
                r.record[1].i = lane;
                r.record[3].num = rat_int(years);
                r.record[6].i = nb;
                int bonus_rule = lane == 0 ? 0 : lane == 1 ? (years >= 10 ? 1 : -1) : (nb ? 2 : -1);
                int bonus = bonus_rule + 1;
                int extra = (lane >= 1 ? 5 : 0) + (lane < 2 && nb ? 7 : 0);
                int tier_rule = years <= 4 ? (lane != 0 ? 5 : -1) : (lane > 0 ? 6 : -1);
                int tier = tier_rule == 5 ? 10 : tier_rule == 6 ? 20 : 0;
                char want[64], got[128];
                snprintf(want, sizeof want, "%d", bonus);
                assert_string_equal(value_of(&r, "bonus"), want);
                snprintf(want, sizeof want, "%d", extra);
                assert_string_equal(value_of(&r, "extra"), want);
                snprintf(want, sizeof want, "%d", tier);
                assert_string_equal(value_of(&r, "tier"), want);
                snprintf(want, sizeof want, "%d %d %d ", bonus, extra, tier);
                vm_begin(r.vm, r.record);
                assert_string_equal(outputs_of(&r, got, sizeof got), want);
                int fired[7] = {bonus_rule == 0, bonus_rule == 1, bonus_rule == 2, lane >= 1, lane < 2 && nb,
                                tier_rule == 5, tier_rule == 6};
                for (int k = 0; k < 7; k++)
                    if (vm_rule_fired(r.vm, k) != fired[k])
                        fail_msg("lane %d, years %d, nb %d: rule %d %s", lane, years, nb, k, fired[k] ? "not noted" : "noted");
            }
    finish(&r);
}

/* min(field, constant) is one MIN_FIELD_CONST, asked for alone and in the
 * outputs' code, with fn_min's value on either side of the constant and
 * at it; max, min of three and min(constant, field) keep their CALL. */
static void test_min_field_const(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "capped = min(fte, 1.5)\nfloor = max(fte, 1.5)\nthree = min(fte, 1.5, 1.25)\n"
                     "flipped = min(1.5, fte)\noutput capped, floor, three, flipped\n", 0);
    char *text = disassembly(&r);
    const char *fused = "MIN_FIELD_CONST 4 ";
    const char *once = strstr(text, fused);
    if (!once || !strstr(once, "\t; min(fte, 1.5)\n") || !strstr(once + 1, fused) || strstr(strstr(once + 1, fused) + 1, fused))
        fail_msg("expected min(fte, 1.5) as MIN_FIELD_CONST twice (its node, the outputs' code), no more:\n%s", text);
    if (!strstr(text, "; max\n") || !strstr(text, "CALL         3 3\t; min\n") || !strstr(text, "CALL         3 2\t; min\n"))
        fail_msg("expected max, min of three and min(1.5, fte) as CALL:\n%s", text);
    free(text);
    static const struct { const char *fte, *outputs; } cases[] = {
        {"1.25", "1.25 1.5 1.25 1.25 "}, {"1.5", "1.5 1.5 1.25 1.5 "}, {"2", "1.5 2 1.25 1.5 "}, {"-3", "-3 1.5 -3 -3 "},
    };
    char got[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rat_parse(cases[i].fte, strlen(cases[i].fte), false, &r.record[4].num);
        char want[16];
        snprintf(want, sizeof want, "%.*s", (int)strcspn(cases[i].outputs, " "), cases[i].outputs);
        assert_string_equal(value_of(&r, "capped"), want);
        vm_begin(r.vm, r.record);
        assert_string_equal(outputs_of(&r, got, sizeof got), cases[i].outputs);
    }
    finish(&r);
}

/* A figure the outputs' code left on the stack times a constant, rounded,
 * is one MUL_ROUND_STACK: its value asked for alone and in the outputs'
 * code, and a product over 10^18 reported in its node (round_slowly). */
static void test_mul_round_stack(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "pay = salary + $1\ncut = round(pay * 7.5%)\nbig = round(pay * 1000000000)\n"
                     "output pay, cut, big\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "MUL_ROUND_STACK 0 ") || !strstr(text, "\t; pay * 0.075, round to 2 places, half up\n"))
        fail_msg("expected pay * 7.5%% as MUL_ROUND_STACK:\n%s", text);
    free(text);
    static const struct { int64_t salary; const char *cut, *outputs; } cases[] = {
        /* 20,005 x 0.075 = 1,500.375 -> 1,500.38, half up */
        {20004, "1500.38", "20005 1500.38 20005000000000 "},
        {16655, "1249.2", "16656 1249.2 16656000000000 "},
        {1000000000000, "75000000000.08", "error: amount too large (over 10^18) in `big`"},
    };
    char got[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[5].num = rat_int(cases[i].salary);
        assert_string_equal(value_of(&r, "cut"), cases[i].cut);
        vm_begin(r.vm, r.record);
        assert_string_equal(outputs_of(&r, got, sizeof got), cases[i].outputs);
    }
    finish(&r);
}

/* The rules of one key field (program.h's ProgDecision): by a direct
 * index when their ranges span few keys, past it by the rule open above,
 * and by a scan when they span many.  Every key at
 * and around each range's edges, negative and huge ones, must find the
 * rule whose range holds it, as its conditions say, and note it as
 * applied; a decimal second test takes the exact path; `exactly one`
 * passes with the one that applies. */
static int rule_of_years(int contract, int64_t y, Rat fte)
{
    bool fte_1_2 = rat_cmp(fte, rat_int(1)) >= 0 && rat_cmp(fte, rat_int(2)) <= 0;
    switch (contract) {
    case 0: return y >= 3 && y <= 5 ? 0 : y == 8 && fte_1_2 ? 1 : y == 10 ? 2 : y >= 12 ? 3 : -1;
    case 1: return y < 0 ? 0 : y <= 1000 ? 1 : 2;
    case 2: return y >= 0 && y <= 1000 ? 0 : y >= 1001 && fte_1_2 ? 1 : -1;
    case 3: return y >= 0 && y <= 3 ? 0 : y >= 4 ? 1 : -1;
    default: return y >= 3 && y <= 5 ? 0 : y == 7 ? 1 : -1;
    }
}

static void test_rules_by_index_and_scan(void **state)
{
    (void)state;
    static const char *const contracts[] = {
        "bonus: at most one\nbonus I when years in 3..5 add $1\nbonus II when years = 8 and fte in 1..2 add $2\n"
        "bonus III when years = 10 add $3\nbonus IV when years >= 12 add $4\n",
        "bonus: exactly one\nbonus I when years in -1000000000000000000..-1 add $1\nbonus II when years in 0..1000 add $2\n"
        "bonus III when years >= 1001 add $3\n",
        "bonus: at most one\nbonus I when years in 0..1000 add $1\nbonus II when years >= 1001 and fte in 1..2 add $2\n",
        "bonus: at most one\nbonus I when years in 0..3 add $1\nbonus II when years >= 4 add $2\n",
        "bonus: at most one\nbonus I when years in 3..5 add $1\nbonus II when years = 7 add $2\n",
    };
    static const bool indexed[] = {true, false, false, true, true};
    static const char *const pay[] = {"1", "2", "3", "4"};
    static const char *const ftes[] = {"0", "1", "1.5", "2.5"};
    static const int64_t far[] = {-1000000000000000000, -1001, 999, 1000, 1001, 1002, 1000000000000000000};
    for (int c = 0; c < 5; c++) {
        char src[1024];
        snprintf(src, sizeof src, "%s%soutput bonus\n", RECORD, contracts[c]);
        Run r;
        start(&r, src, 0);
        assert_true(r.p->ndecisions > 0);
        for (int d = 0; d < r.p->ndecisions; d++)
            assert_int_equal(r.p->decisions[d].nindex != 0, indexed[c]);
        for (int f = 0; f < 4; f++)
            for (int i = 0; i < 16 + 7; i++) {
                int64_t y = i < 16 ? i - 2 : far[i - 16];
                Rat fte;
                rat_parse(ftes[f], strlen(ftes[f]), false, &fte);
                r.record[3].num = rat_int(y);
                r.record[4].num = fte;
                int want = rule_of_years(c, y, fte);
                const char *got = value_of(&r, "bonus");
                const char *expect = want >= 0 ? pay[want] : "0";
                if (strcmp(got, expect))
                    fail_msg("contract %d, years %lld, fte %s: bonus %s, not %s", c, (long long)y, ftes[f], got, expect);
                for (int k = 0; k < r.p->nrules && want >= 0; k++)
                    if (vm_rule_fired(r.vm, k) != (k == want))
                        fail_msg("contract %d, years %lld: rule %d %s", c, (long long)y, k + 1, k == want ? "not noted" : "noted");
            }
        finish(&r);
    }
}

/* A field compared with a whole number, or tested against a range of
 * them, is one IF_FIELD_RANGE: every comparison must hold exactly when
 * the comparison of the exact values does, for whole values (one unsigned
 * comparison) and the others (128-bit products), negative ones and those
 * at the limits, 10^18, included. */
static void test_whole_ranges_compare_exactly(void **state)
{
    (void)state;
    static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">="};
    static const char *const ks[] = {"-14", "0", "14", "1000000000000000000", "-1000000000000000000"};
    static const char *const ranges[][2] = {{"-14", "14"}, {"14", "14"}, {"0", "1000000000000000000"}, {"-15", "-14"}};
    static const char *const xs[] = {"-1000000000000000000", "-15", "-14.5", "-14", "-13.5", "-0.5", "0", "0.5", "13.5",
                                     "14", "14.5", "15", "99999999999999999.5", "1000000000000000000"};
    char src[8192];
    int n = snprintf(src, sizeof src, "%s", RECORD);
    int ndefs = 0;
    for (size_t o = 0; o < 6; o++)
        for (size_t k = 0; k < sizeof ks / sizeof ks[0]; k++)
            n += snprintf(src + n, sizeof src - (size_t)n, "c%d = if fte %s %s then 1 else 0\n", ndefs++, ops[o], ks[k]);
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        n += snprintf(src + n, sizeof src - (size_t)n, "c%d = if fte in %s..%s then 1 else 0\n", ndefs++, ranges[k][0],
                      ranges[k][1]);
    snprintf(src + n, sizeof src - (size_t)n, "output c0\n");
    Run r;
    start(&r, src, 0);
    char *text = disassembly(&r);
    if (strstr(text, "IF_FIELD_CMP") || strstr(text, "IF_FIELD_IN") || !strstr(text, "IF_FIELD_RANGE"))
        fail_msg("expected every comparison as IF_FIELD_RANGE:\n%s", text);
    free(text);
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        Rat x;
        assert_int_equal(rat_parse(xs[i], strlen(xs[i]), false, &x), RAT_OK);
        r.record[4].num = x;
        int d = 0;
        for (size_t o = 0; o < 6; o++)
            for (size_t k = 0; k < sizeof ks / sizeof ks[0]; k++) {
                Rat kv;
                rat_parse(ks[k], strlen(ks[k]), false, &kv);
                int order = rat_cmp(x, kv);
                char name[16];
                snprintf(name, sizeof name, "c%d", d++);
                if (strcmp(value_of(&r, name), cmp_holds(order, (int)o) ? "1" : "0"))
                    fail_msg("fte %s %s with fte = %s: got %s", ops[o], ks[k], xs[i], value_of(&r, name));
            }
        for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
            Rat lo, hi;
            rat_parse(ranges[k][0], strlen(ranges[k][0]), false, &lo);
            rat_parse(ranges[k][1], strlen(ranges[k][1]), false, &hi);
            char name[16];
            snprintf(name, sizeof name, "c%d", d++);
            bool in = rat_cmp(lo, x) <= 0 && rat_cmp(x, hi) <= 0;
            if (strcmp(value_of(&r, name), in ? "1" : "0"))
                fail_msg("fte in %s..%s with fte = %s: got %s", ranges[k][0], ranges[k][1], xs[i], value_of(&r, name));
        }
    }
    finish(&r);
}

/* In the outputs' code, nodes computed earlier are read from the stack (STACK) and fused
 * with what uses them; its values and messages must be those of the nodes
 * asked for one by one, and a failure there must name the node whose code
 * failed, though no instruction says which it is. */
static void test_outputs_code_fused_and_failures(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "table extra by Lane\n  BA  $10.50\n  MA  $20.25\n  DOC $___\n"
                     "gross = salary + extra[lane]\npay = round(gross * fte)\ndaily = round(pay / 194)\n"
                     "total = pay + gross + daily\npick = if years > 10 then pay else gross + $1\n"
                     "spare = pay + gross\nodd = gross * 2 + daily\n"
                     "output gross, pay, daily, total, pick, spare, odd\n", 0);
    char *text = disassembly(&r);
    if (!strstr(text, "ADD_STACKS ") || !strstr(text, "ADD_STACK ") || !strstr(text, "MUL_ROUND_FIELD") ||
        !strstr(text, "DIV_ROUND_STACK") || !strstr(text, "ADD_STACKS3") || !strstr(text, "STACK        "))
        fail_msg("expected fused instructions in the outputs' code:\n%s", text);
    free(text);
    struct {
        int lane;
        int64_t salary, years;
        const char *fte, *outputs;
    } cases[] = {
        /* 40,000 + 10.50 = 40,010.50; x 0.5 = 20,005.25; / 194 = 103.1198... -> 103.12 */
        {0, 40000, 0, "0.5", "40010.5 20005.25 103.12 60118.87 40011.5 60015.75 80124.12 "},
        /* 50,020.25 x 0.333 = 16,656.74325 -> 16,656.74; / 194 = 85.8595... -> 85.86 */
        {1, 50000, 20, "0.333", "50020.25 16656.74 85.86 66762.85 16656.74 66676.99 100126.36 "},
        {2, 40000, 0, "1", "error: `gross` needs extra[DOC], which is blank; give it a value with --values FILE"},
        {0, 1000000000000000, 0, "1000", "error: amount too large (over 10^18) in `pay`"},
    };
    char got[256], one_by_one[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[1].i = cases[i].lane;
        r.record[5].num = rat_int(cases[i].salary);
        r.record[3].num = rat_int(cases[i].years);
        rat_parse(cases[i].fte, strlen(cases[i].fte), false, &r.record[4].num);
        vm_begin(r.vm, r.record);
        assert_string_equal(outputs_of(&r, got, sizeof got), cases[i].outputs);
        /* a node asked for first: the outputs are asked for one by one */
        vm_begin(r.vm, r.record);
        Value v;
        (void)vm_value(r.vm, node_of(&r, "daily"), &v);
        assert_string_equal(outputs_of(&r, one_by_one, sizeof one_by_one), got);
    }
    finish(&r);
}

/* vm_outputs computes every output in one run, in the contract's order:
 * the first failing output is the one reported. */
static void test_outputs_in_one_run(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "param k = $5\nhalf = round(salary * fte)\nper = round(salary / years)\n"
                     "output id, k, half, per, years\n", 0);
    r.record[3].num = rat_int(3);
    r.record[4].num = rat_scaled(5, 1);
    r.record[5].num = rat_scaled(10001, 2);
    const Value *const *out;
    vm_begin(r.vm, r.record);
    assert_non_null(out = vm_outputs(r.vm));
    assert_int_equal(out[0]->text.len, 2);
    assert_true(rat_eq(out[1]->num, rat_int(5)));
    assert_true(rat_eq(out[2]->num, rat_scaled(5001, 2)));   /* 50.005 -> 50.01 */
    assert_true(rat_eq(out[3]->num, rat_scaled(3334, 2)));   /* 33.3366... -> 33.34 */
    assert_true(rat_eq(out[4]->num, rat_int(3)));
    r.record[3].num = rat_int(0);
    vm_begin(r.vm, r.record);
    assert_null(vm_outputs(r.vm));
    assert_string_equal(vm_error(r.vm), "division by zero in `per`");
    finish(&r);
}

/* sum(t[m] for m in list) runs as one instruction; it must add exactly
 * what the loop does, say which member's cell is blank, and leave the
 * filtered form (an ordinary loop) agreeing with it. */
/* A sum of an enum-keyed table's cells in cents over a list adds cents
 * (sum_cents): its sums must be the exact additions', in lowest terms,
 * for lists up to SUM_CENTS_MEMBERS long, and beyond it or for a table
 * whose cells are not all small amounts in cents the additions fail
 * exactly where they would (a sum past the limit). */
static void test_sum_in_cents_is_exact(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "enum Pos: A, B, C, D, E\nemployee:\n  id: text\n  jobs: list of Pos\n"
                "table small by Pos\n  A  $100.25\n  B  $0.50\n  C  $0.07\n  D  $9,999,999,999,999.99\n  E  -$3\n"
                "table odd by Pos\n  A  0.125\n  B  1\n  C  0.07\n  D  2.5\n  E  -3\n"
                "table big by Pos\n  A  $100.25\n  B  $0.50\n  C  $0.07\n  D  $93,000,000,000,000.01\n  E  -$3\n"
                "in_small = sum(small[p] for p in jobs)\nin_odd = sum(odd[p] for p in jobs)\nin_big = sum(big[p] for p in jobs)\n"
                "output in_small, in_odd, in_big\n");
    if (!s.ok)
        fail_msg("contract does not check:\n%s", s.text);
    Program *p = compile_program(&s.m, 0, NULL, 0);
    VM *vm = vm_new(p);
    static int32_t jobs[1001];
    Value record[2] = {{.text = {"T1", 2}}, {.list = {jobs, 0}}};
    uint64_t seed = 7;
    for (int round = 0; round < 400; round++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        uint32_t len = round < 300 ? (uint32_t)(seed >> 60) : round % 2 ? 1000 : 1001;
        for (uint32_t i = 0; i < len; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            jobs[i] = round < 300 ? (int32_t)((seed >> 33) % 5) : 3;
        }
        record[1].list.len = len;
        for (int t = 0; t < 3; t++) {
            const ProgTable *table = &p->tables[t];
            Rat want = rat_int(0);
            RatStatus st = RAT_OK;
            for (uint32_t i = 0; i < len && st == RAT_OK; i++)
                st = rat_add(want, table->cells[jobs[i]].v, &want);
            char name[32];
            snprintf(name, sizeof name, "in_%s", table->name);
            int node = 0;
            while (strcmp(p->nodes[node].name, name))
                node++;
            Value v;
            vm_begin(vm, record);
            bool ok = vm_value(vm, node, &v);
            if (ok != (st == RAT_OK) || (ok && !rat_eq(v.num, want)))
                fail_msg("%s over %u members (round %d): %s %lld/%lld, want status %d %lld/%lld", table->name, len, round,
                         ok ? "got" : vm_error(vm), (long long)v.num.n, (long long)v.num.d, st, (long long)want.n,
                         (long long)want.d);
        }
    }
    vm_free(vm);
    snippet_free(&s);
}

static void test_sum_of_a_table_over_a_list(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "enum Pos: A, B, C\nemployee:\n  id: text\n  jobs: list of Pos\n"
                "table stipend by Pos\n  A  $100.25\n  B  $0.50\n  C  $___\n"
                "all = sum(stipend[p] for p in jobs)\nsome = sum(stipend[p] for p in jobs if p != C)\n"
                "output all, some\n");
    if (!s.ok)
        fail_msg("contract does not check:\n%s", s.text);
    Program *p = compile_program(&s.m, 0, NULL, 0);
    VM *vm = vm_new(p);
    int all = -1, some = -1;
    for (int i = 0; i < p->nnodes; i++) {
        if (!strcmp(p->nodes[i].name, "all"))
            all = i;
        if (!strcmp(p->nodes[i].name, "some"))
            some = i;
    }
    int32_t jobs[] = {0, 1, 0, 2};
    Value record[2] = {{.text = {"T1", 2}}, {.list = {jobs, 3}}};
    Value v;
    vm_begin(vm, record);
    assert_true(vm_value(vm, all, &v));
    assert_true(rat_eq(v.num, rat_scaled(20100, 2))); /* 100.25 + 0.50 + 100.25 */
    assert_true(vm_value(vm, some, &v));
    assert_true(rat_eq(v.num, rat_scaled(20100, 2)));
    record[1].list.len = 0;
    vm_begin(vm, record);
    assert_true(vm_value(vm, all, &v));
    assert_true(rat_eq(v.num, rat_int(0)));
    record[1].list.len = 4;
    vm_begin(vm, record);
    assert_true(vm_value(vm, some, &v));
    assert_true(rat_eq(v.num, rat_scaled(20100, 2)));
    assert_false(vm_value(vm, all, &v));
    assert_string_equal(vm_error(vm), "`all` needs stipend[C], which is blank; give it a value with --values FILE");
    vm_free(vm);
    snippet_free(&s);
}

/* Comprehensions over records: each record's fields read in place, a
 * per-record cap and rounding, and max/min over the records `if` keeps
 * (the first kept one starts the fold, even when an earlier one was left
 * out), 0 over none. */
static void test_records_per_employee(void **state)
{
    (void)state;
    Snippet s;
    snippet(&s, "enum Kind: lesson, prep\nrecord session:\n  minutes: integer\n  kind: Kind\n"
                "employee:\n  id: text\n  rate: money\n  sessions: list of session\n"
                "pay = sum(round(rate * min(s.minutes, 240) / 60) for s in sessions if s.kind = lesson)\n"
                "longest = max(s.minutes for s in sessions if s.kind = lesson)\n"
                "shortest = min(s.minutes for s in sessions if s.kind = lesson)\n"
                "n = count(sessions)\noutput pay, longest, shortest, n\n");
    if (!s.ok)
        fail_msg("contract does not check:\n%s", s.text);
    Program *p = compile_program(&s.m, 0, NULL, 0);
    VM *vm = vm_new(p);
    int node[4];
    const char *names[4] = {"pay", "longest", "shortest", "n"};
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < p->nnodes; i++)
            if (!strcmp(p->nodes[i].name, names[k]))
                node[k] = i;
    /* id, minutes, kind per session: a prep first, then 300 and 40 minutes of lessons */
    Value rows[9] = {{.text = {"T1", 2}}, {.num = rat_int(10)}, {.i = 1},
                     {.text = {"T1", 2}}, {.num = rat_int(300)}, {.i = 0},
                     {.text = {"T1", 2}}, {.num = rat_int(40)}, {.i = 0}};
    Value record[3] = {{.text = {"T1", 2}}, {.num = rat_scaled(2875, 2)}, {.recs = {rows, 3, 3}}};
    Value v;
    vm_begin(vm, record);
    assert_true(vm_value(vm, node[0], &v));
    assert_true(rat_eq(v.num, rat_scaled(13417, 2))); /* 28.75 x 4 = 115.00, 28.75 x 40 / 60 = 19.1666... -> 19.17 */
    assert_true(vm_value(vm, node[1], &v));
    assert_true(rat_eq(v.num, rat_int(300)));
    assert_true(vm_value(vm, node[2], &v));
    assert_true(rat_eq(v.num, rat_int(40))); /* not 10, the prep, nor 0 */
    assert_true(vm_value(vm, node[3], &v));
    assert_true(rat_eq(v.num, rat_int(3)));
    record[2].recs.len = 0;
    vm_begin(vm, record);
    assert_true(vm_value(vm, node[0], &v));
    assert_true(rat_eq(v.num, rat_int(0)));
    assert_true(vm_value(vm, node[2], &v));
    assert_true(rat_eq(v.num, rat_int(0)));
    vm_free(vm);
    /* explain's program has a node for each sum's term, which reads a
     * record's field: asked for on its own, outside any record, it fails
     * with a message (fuzz_vm asks every node) */
    Program *pe = compile_explained(&s.m, 0, NULL, 0);
    VM *ve = vm_new(pe);
    int failed = 0;
    vm_begin(ve, record);
    for (int i = 0; i < pe->nnodes; i++)
        if (!vm_value(ve, i, &v)) {
            assert_true(strstr(vm_error(ve), "a record's field is read outside the records it belongs to") != NULL);
            failed++;
        }
    assert_true(failed > 0);
    vm_free(ve);
    snippet_free(&s);
}

/* The outputs' nodes run inline, in the order lazy evaluation would run
 * them: a node behind a condition is still not computed, the first failure
 * is still the one lazy evaluation meets, and a node already computed or
 * fixed (vm_fix) is not computed again. */
static void test_outputs_inline_keep_laziness(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "bad = salary / years\nx = if years > 0 then bad else $0\n"
                     "other = salary / fte\nt = salary / years + other\nu = salary + $1\n"
                     "output x, u, t\n", 0);
    const Value *const *out;
    r.record[3].num = rat_int(0);
    r.record[4].num = rat_int(0);
    r.record[5].num = rat_int(10);
    vm_begin(r.vm, r.record);
    assert_null(vm_outputs(r.vm));
    assert_string_equal(vm_error(r.vm), "division by zero in `t`");
    r.record[3].num = rat_int(2);
    r.record[4].num = rat_int(1);
    vm_begin(r.vm, r.record);
    vm_fix(r.vm, node_of(&r, "u"), (Value){.num = rat_int(99)});
    assert_non_null(out = vm_outputs(r.vm));
    assert_true(rat_eq(out[0]->num, rat_int(5)));
    assert_true(rat_eq(out[1]->num, rat_int(99)));
    assert_true(rat_eq(out[2]->num, rat_int(15)));
    finish(&r);
}

/* A node behind a condition, computed lazily inside the outputs' code,
 * that asks for a node whose value the outputs' code keeps on the stack
 * (and has not marked computed): it computes that node again, to the same
 * value, and a rule it applies is still noted once for the row. */
static void test_lazy_node_reads_an_inlined_one(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "bonus: at most one\nbonus I when nb add $100\n"
                     "a = salary * 2 + bonus\nb = a + $1\nx = if years > 0 then b else $0\n"
                     "output a, x\n", 0);
    struct {
        int64_t years;
        int nb;
        const char *outputs;
    } cases[] = {
        {3, 1, "2100 2101 "}, /* 1,000 x 2 + 100; that + 1 */
        {0, 1, "2100 0 "},
        {3, 0, "2000 2001 "},
    };
    char got[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        r.record[3].num = rat_int(cases[i].years);
        r.record[5].num = rat_int(1000);
        r.record[6].i = cases[i].nb;
        vm_begin(r.vm, r.record);
        const Value *const *out = vm_outputs(r.vm);
        assert_non_null(out);
        assert_string_equal(outputs_of(&r, got, sizeof got), cases[i].outputs);
        assert_int_equal(vm_rule_fired(r.vm, 0), cases[i].nb);
        Value v;
        assert_true(vm_value(r.vm, node_of(&r, "b"), &v)); /* asked for after the outputs */
        assert_true(rat_eq(v.num, rat_int(cases[i].nb ? 2101 : 2001)));
        /* what vm_outputs gave still holds, until the next row */
        assert_true(rat_eq(out[0]->num, rat_int(cases[i].nb ? 2100 : 2000)));
    }
    finish(&r);
}

/* `div` and `mod` floor (toward minus infinity): the remainder takes the
 * divisor's sign.  Worked by hand: 95 = 3 * 30 + 5; -95 = -4 * 30 + 25;
 * 95 = -4 * -30 + -25; -95 = 3 * -30 + -5.  The VM and the folder give
 * the same (ops.h): the folded ones are the constants on the right. */
static void test_div_and_mod_floor(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "q = years div 30\nm = years mod 30\nqn = years div (0 - 30)\nmn = years mod (0 - 30)\n"
                     "fq = (0 - 95) div 30\nfm = (0 - 95) mod 30\nfqn = 95 div (0 - 30)\nfmn = (0 - 95) mod (0 - 30)\n"
                     "output q, m, qn, mn, fq, fm, fqn, fmn\n", 0);
    const int64_t years[] = {95, -95, 0, 30};
    const char *want[][4] = {{"3", "5", "-4", "-25"}, {"-4", "25", "3", "-5"}, {"0", "0", "0", "0"}, {"1", "0", "-1", "0"}};
    for (int i = 0; i < 4; i++) {
        r.record[3].num = rat_int(years[i]);
        assert_string_equal(value_of(&r, "q"), want[i][0]);
        assert_string_equal(value_of(&r, "m"), want[i][1]);
        assert_string_equal(value_of(&r, "qn"), want[i][2]);
        assert_string_equal(value_of(&r, "mn"), want[i][3]);
    }
    assert_true(r.p->nodes[node_of(&r, "fq")].constant);
    assert_string_equal(value_of(&r, "fq"), "-4");
    assert_string_equal(value_of(&r, "fm"), "25");
    assert_string_equal(value_of(&r, "fqn"), "-4");
    assert_string_equal(value_of(&r, "fmn"), "-5");
    finish(&r);
}

/* 30 div 0 is an error for the employee, naming the definition. */
static void test_div_by_zero_fails_the_row(void **state)
{
    (void)state;
    Run r;
    start(&r, RECORD "q = 30 div years\nm = 30 mod years\noutput q, m\n", 0);
    r.record[3].num = rat_int(0);
    assert_string_equal(value_of(&r, "q"), "error: division by zero in `q`");
    assert_string_equal(value_of(&r, "m"), "error: division by zero in `m`");
    finish(&r);
}

/* 102.5% is exactly 1025/1000; 3% / 2% a param's values per year. */
static void test_percent_literals(void **state)
{
    (void)state;
    for (int y = 0; y < 2; y++) {
        Run r;
        start(&r, RECORD "param raise = 3% / 2%\nx = salary * 102.5%\nraised = salary * (1 + raise)\noutput x, raised\n", y);
        r.record[5].num = rat_int(40000);
        assert_string_equal(value_of(&r, "x"), "41000");
        assert_string_equal(value_of(&r, "raised"), y == 0 ? "41200" : "40800");
        finish(&r);
    }
}

/* A param computed from others is folded, year by year; one they are
 * computed from, set as --set sets it, carries them along. */
static void test_param_formula_follows_an_override(void **state)
{
    (void)state;
    const char *src = RECORD "param raise_1 = 3% / 2%\nparam raise_2 = 1.5%\n"
                             "param factor = (1 + raise_1) * (1 + raise_2)\nparam funded = yes\n"
                             "x = if funded then salary * factor else salary\noutput x\n";
    Run r;
    start(&r, src, 0);
    r.record[5].num = rat_int(40000);
    /* 1.03 * 1.015 = 1.04545; 40,000 * 1.04545 = 41,818 */
    assert_true(r.p->nodes[node_of(&r, "x")].constant == false);
    assert_string_equal(value_of(&r, "x"), "41818");
    vm_free(r.vm);
    Override ov[] = {{.param = 0, .value = rat_scaled(5, 2)}, {.param = 3, .value = rat_int(0)}};
    r.p = compile_program(&r.s.m, 1, ov, 1); /* 1.05 * 1.015 = 1.06575 */
    r.vm = vm_new(r.p);
    assert_string_equal(value_of(&r, "x"), "42630");
    vm_free(r.vm);
    r.p = compile_program(&r.s.m, 1, ov, 2); /* funded = no */
    r.vm = vm_new(r.p);
    assert_string_equal(value_of(&r, "x"), "40000");
    finish(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_uses_the_exact_quotient),
        cmocka_unit_test(test_rounding_modes_at_half),
        cmocka_unit_test(test_folded_round_uses_the_contracts_mode),
        cmocka_unit_test(test_components_add_and_policies),
        cmocka_unit_test(test_policy_enforced_at_run_time),
        cmocka_unit_test(test_lazy_blanks),
        cmocka_unit_test(test_every_blank_named),
        cmocka_unit_test(test_vm_row_as_begin_and_outputs),
        cmocka_unit_test(test_advance_keeps_to_the_range),
        cmocka_unit_test(test_errors_name_the_rule),
        cmocka_unit_test(test_schedule_lookup),
        cmocka_unit_test(test_schedule_lookup_at_the_ends),
        cmocka_unit_test(test_table_by_integer_keys),
        cmocka_unit_test(test_years_between_at_the_anniversary),
        cmocka_unit_test(test_comprehension_and_sets),
        cmocka_unit_test(test_constant_folding),
        cmocka_unit_test(test_fused_instructions_keep_meaning),
        cmocka_unit_test(test_whole_ranges_compare_exactly),
        cmocka_unit_test(test_rules_keyed_by_one_field),
        cmocka_unit_test(test_rules_by_index_and_scan),
        cmocka_unit_test(test_no_fusion_across_a_jump_target),
        cmocka_unit_test(test_outputs_in_one_run),
        cmocka_unit_test(test_sum_of_a_table_over_a_list),
        cmocka_unit_test(test_sum_in_cents_is_exact),
        cmocka_unit_test(test_outputs_inline_keep_laziness),
        cmocka_unit_test(test_outputs_code_fused_and_failures),
        cmocka_unit_test(test_lazy_node_reads_an_inlined_one),
        cmocka_unit_test(test_functions_inline),
        cmocka_unit_test(test_div_and_mod_floor),
        cmocka_unit_test(test_div_by_zero_fails_the_row),
        cmocka_unit_test(test_percent_literals),
        cmocka_unit_test(test_param_formula_follows_an_override),
        cmocka_unit_test(test_records_per_employee),
        cmocka_unit_test(test_one_yes_no_rule),
        cmocka_unit_test(test_min_field_const),
        cmocka_unit_test(test_member_tests),
        cmocka_unit_test(test_jumps_threaded),
        cmocka_unit_test(test_mul_round_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
