/* The lane (runtime/lane.c, fixed.h): its rounding is rat_round's in
 * every mode, at the half and for negative values; and for every
 * contract the repository holds, on random records with edge values,
 * the outputs `terms eval` writes through the lane (vm_row_to_write) are
 * the Rat path's alone (vm_begin, vm_outputs), errors, their messages and
 * the rules noted as applied included. */
#include "support.h"
#include "fixed.h"
#include "lane.h"

#include <dirent.h>

static uint64_t seed = 12345;

static uint64_t next_random(void)
{
    seed = seed * 6364136223846793005u + 1442695040888963407u;
    return seed >> 11;
}

static int64_t pick(const int64_t *v, size_t n) { return v[next_random() % n]; }

/* n / d rounded with mode as fixed.h does it, against rat_round */
static void check_round_div(int64_t n, int64_t d, RoundMode mode)
{
    Rat q, want;
    if (rat_div(rat_int(n), rat_int(d), &q) != RAT_OK || rat_round(q, 0, mode, &want) != RAT_OK)
        return;
    if (d > 0) {
        int64_t got = fixed_round_div64(n, d, mode);
        if (got != want.n || want.d != 1)
            fail_msg("%lld / %lld in mode %d: lane %lld, Rat %lld", (long long)n, (long long)d, mode, (long long)got,
                     (long long)want.n);
    }
    int64_t wide;
    if (fixed_round_div(n, d, mode, &wide) && (wide != want.n || want.d != 1))
        fail_msg("%lld / %lld in mode %d (128 bits): lane %lld, Rat %lld", (long long)n, (long long)d, mode,
                 (long long)wide, (long long)want.n);
}

static void test_rounding_every_mode(void **state)
{
    (void)state;
    static const int64_t divisors[] = {1, 2, 3, 4, 5, 7, 8, 10, 100, 190, 194, 1000, 10000, INT64_C(10000000000)};
    for (size_t k = 0; k < sizeof divisors / sizeof *divisors; k++) {
        int64_t d = divisors[k], span = d < 1000 ? 3 * d + 7 : 3000;
        for (int64_t n = -span; n <= span; n++) /* every remainder, the halves among them */
            for (int mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
                check_round_div(n, d, (RoundMode)mode);
                check_round_div(n, -d, (RoundMode)mode);
            }
    }
    for (int i = 0; i < 200000; i++) {
        int64_t n = (int64_t)(next_random() % (uint64_t)RAT_LIMIT) * (next_random() % 2 ? 1 : -1);
        int64_t d = (int64_t)(next_random() % 1000000000) + 1;
        if (i % 4 == 0) /* exactly half-way */
            n = (n / d) * d + (d % 2 ? 0 : d / 2);
        check_round_div(n, d, (RoundMode)(next_random() % 6));
    }
    /* the half, each way, both signs */
    assert_int_equal(fixed_round_div64(5, 2, ROUND_HALF_UP), 3);
    assert_int_equal(fixed_round_div64(-5, 2, ROUND_HALF_UP), -3);
    assert_int_equal(fixed_round_div64(5, 2, ROUND_HALF_DOWN), 2);
    assert_int_equal(fixed_round_div64(-5, 2, ROUND_HALF_DOWN), -2);
    assert_int_equal(fixed_round_div64(5, 2, ROUND_HALF_EVEN), 2);
    assert_int_equal(fixed_round_div64(7, 2, ROUND_HALF_EVEN), 4);
    assert_int_equal(fixed_round_div64(-7, 2, ROUND_HALF_EVEN), -4);
    assert_int_equal(fixed_round_div64(-1, 3, ROUND_FLOOR), -1);
    assert_int_equal(fixed_round_div64(1, 3, ROUND_CEIL), 1);
    assert_int_equal(fixed_round_div64(-5, 3, ROUND_TRUNC), -1);
}

static void test_scale_conversions(void **state)
{
    (void)state;
    int64_t v;
    assert_true(fixed_of_rat((Rat){7, 8}, 1000, &v));
    assert_int_equal(v, 875);
    assert_false(fixed_of_rat((Rat){7, 8}, 100, &v)); /* 0.875 is not in cents */
    assert_false(fixed_of_rat((Rat){1, 3}, 1000000, &v));
    assert_false(fixed_of_rat(rat_int(RAT_LIMIT / 100 + 1), 100, &v)); /* past the limit at the scale */
    assert_true(fixed_of_rat(rat_int(-(RAT_LIMIT / 100)), 100, &v));
    assert_true(rat_eq(fixed_to_rat(4654, 2), (Rat){2327, 50}));
}

/* ---- outputs through the lane against the Rat path ---- */

static const int32_t members[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                                  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39};

/* A random value of field f, edge values often: zero, one, the ends of
 * its range and beyond, decimals the lane holds and those it does not,
 * amounts near the limits, negatives. */
static Value random_value(const FieldDef *f, const EnumDef *enums, int32_t *items)
{
    static const int64_t ints[] = {0, 1, 2, 5, 9, 10, 13, 14, 15, 18, 19, 20, 22, 23, 25, 30, 40, -1, -5, 1000000,
                                   INT64_C(1000000000000)};
    static const Rat decimals[] = {{0, 1}, {1, 1}, {7, 8}, {3333, 10000}, {1, 3}, {1, 10000000}, {5, 2}, {1, 2},
                                   {-1, 2}, {3, 4}, {1, 10}, {123, 1000}, {INT64_C(1000000000000), 1}};
    static const int64_t cents[] = {0, 1, 50, 99, 100, 441500, 7511267, 999999999, INT64_C(99999999999999999),
                                    INT64_C(333333333333333333), INT64_C(999999999999999999), -1, -441500};
    Value v;
    memset(&v, 0, sizeof v);
    switch (f->type.kind) {
    case TY_INTEGER:
        if (f->has_range && next_random() % 4)
            v.num = rat_int(f->lo + (int64_t)(next_random() % (uint64_t)(f->hi - f->lo + 1)));
        else
            v.num = rat_int(next_random() % 2 ? pick(ints, sizeof ints / sizeof *ints) : (int64_t)(next_random() % 41));
        break;
    case TY_DECIMAL:
        v.num = next_random() % 3 ? decimals[next_random() % (sizeof decimals / sizeof *decimals)]
                                  : rat_scaled((int64_t)(next_random() % 1200), 3);
        break;
    case TY_MONEY: {
        int64_t c = next_random() % 2 ? pick(cents, sizeof cents / sizeof *cents) : (int64_t)(next_random() % 10000000);
        v.num = next_random() % 8 ? rat_of_cents(c) : rat_scaled(c, 3);
        break;
    }
    case TY_BOOL: v.i = (int64_t)(next_random() % 2); break;
    case TY_DATE: v.i = 17000 + (int64_t)(next_random() % 3000); break;
    case TY_ENUM: v.i = (int64_t)(next_random() % (uint64_t)enums[f->type.enum_id].count); break;
    case TY_TEXT:
        v.text.p = "T1";
        v.text.len = 2;
        break;
    case TY_LIST: {
        uint32_t n = (uint32_t)(next_random() % 4);
        int count = enums[f->type.enum_id].count;
        for (uint32_t i = 0; i < n; i++)
            items[i] = members[next_random() % (uint64_t)(count < 40 ? count : 40)];
        v.list.items = items;
        v.list.len = n;
        break;
    }
    default: break; /* records: none */
    }
    return v;
}

static bool same_value(Type t, const Value *x, const Value *y)
{
    switch (t.kind) {
    case TY_INTEGER: case TY_DECIMAL: case TY_MONEY:
        return x->num.d > 0 && rat_cmp(x->num, y->num) == 0 && (x->num.d == y->num.d || x->num.d == 100);
    case TY_TEXT: return x->text.len == y->text.len && !memcmp(x->text.p, y->text.p, x->text.len);
    case TY_LIST: return x->list.len == y->list.len && x->list.items == y->list.items;
    case TY_RECORDS: return x->recs.rows == y->recs.rows;
    default: return x->i == y->i;
    }
}

typedef struct {
    int contracts, on;    /* programs compiled, and those the lane took */
    long rows, taken;     /* rows run, and those the lane computed */
} Tally;

/* rows random records of p through vm_row_to_write and through the Rat
 * path: the same outputs, errors and applied rules; and through the lane
 * alone, the same whenever it computes the row. */
static void compare_program(const Program *p, const char *name, int rows, Tally *tally)
{
    const RecordSchema *schema = p->schema;
    VM *fast = vm_new(p), *exact = vm_new(p);
    Lane *lane = lane_new(p);
    uint32_t *fired = calloc((size_t)p->nrules + 1, sizeof(uint32_t)), gen = 0;
    Value *record = calloc((size_t)schema->nfields + 1, sizeof(Value));
    int32_t(*items)[4] = calloc((size_t)schema->nfields + 1, sizeof *items);
    tally->contracts++;
    tally->on += lane != NULL;
    for (int row = 0; row < rows; row++) {
        for (int f = 0; f < schema->nfields; f++)
            record[f] = random_value(&schema->fields[f], schema->enums, items[f]);
        const Value *const *x = vm_row_to_write(fast, record);
        vm_begin(exact, record);
        const Value *const *y = vm_outputs(exact);
        tally->rows++;
        if ((x == NULL) != (y == NULL))
            fail_msg("%s, row %d: through the lane %s, Rats %s", name, row, x ? "ok" : vm_error(fast), y ? "ok" : vm_error(exact));
        if (!x) {
            if (strcmp(vm_error(fast), vm_error(exact)))
                fail_msg("%s, row %d: through the lane \"%s\", Rats \"%s\"", name, row, vm_error(fast), vm_error(exact));
            continue;
        }
        for (int i = 0; i < p->noutputs; i++)
            if (!same_value(p->outputs[i].type, x[i], y[i]))
                fail_msg("%s, row %d, output %s: through the lane %lld/%lld, Rats %lld/%lld", name, row, p->outputs[i].name,
                         (long long)x[i]->num.n, (long long)x[i]->num.d, (long long)y[i]->num.n, (long long)y[i]->num.d);
        for (int r = 0; r < p->nrules; r++)
            if (vm_rule_fired(fast, r) != vm_rule_fired(exact, r))
                fail_msg("%s, row %d: rule %d applied %d through the lane, %d with Rats", name, row, r, vm_rule_fired(fast, r),
                         vm_rule_fired(exact, r));
        if (!lane)
            continue;
        const Value *const *z = lane_row(lane, record, fired, ++gen);
        if (!z)
            continue;
        tally->taken++;
        for (int i = 0; i < p->noutputs; i++)
            if (!same_value(p->outputs[i].type, z[i], y[i]))
                fail_msg("%s, row %d, output %s: lane %lld/%lld, Rats %lld/%lld", name, row, p->outputs[i].name,
                         (long long)z[i]->num.n, (long long)z[i]->num.d, (long long)y[i]->num.n, (long long)y[i]->num.d);
        for (int r = 0; r < p->nrules; r++)
            if ((fired[r] == gen) != vm_rule_fired(exact, r))
                fail_msg("%s, row %d: rule %d applied %d by the lane, %d with Rats", name, row, r, fired[r] == gen,
                         vm_rule_fired(exact, r));
    }
    lane_free(lane);
    free(fired);
    free(record);
    free(items);
    vm_free(fast);
    vm_free(exact);
}

/* Every year of the contract in src (one that does not check is left
 * out: the error corpora hold many). */
static void compare_contract(const char *src, const char *name, int rows, bool must_check, Tally *tally)
{
    Snippet s;
    snippet(&s, src);
    if (must_check && !s.ok)
        fail_msg("%s does not check:\n%s", name, s.text);
    if (s.ok)
        for (int y = 0; y < s.m.nyears; y++) {
            Program *p = compile_program(&s.m, y, NULL, 0);
            if (p)
                compare_program(p, name, rows, tally);
        }
    snippet_free(&s);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = 0;
    fclose(f);
    return buf;
}

static void compare_folder(const char *dir, int rows, Tally *tally)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 7 || strcmp(e->d_name + n - 6, ".terms"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *src = slurp(path);
        if (src)
            compare_contract(src, path, rows, false, tally);
        free(src);
    }
    closedir(d);
}

static void test_bench_contracts(void **state)
{
    (void)state;
    Tally t = {0};
    static const char *const paths[] = {"bench/bench.terms", "bench/second.terms"};
    for (size_t i = 0; i < 2; i++) {
        char *src = slurp(paths[i]);
        assert_non_null(src);
        compare_contract(src, paths[i], 20000, true, &t);
        free(src);
    }
    assert_int_equal(t.on, t.contracts); /* the lane runs both */
    if (t.taken < t.rows / 3)
        fail_msg("the lane computed only %ld of %ld rows", t.taken, t.rows);
}

/* Rounding in each contract mode, floor and ceil, products and
 * quotients of amounts, decimals and constants, comparisons, min and
 * max, lookups, rules of each policy. */
#define LANE_BODY \
    "enum Lane: BA, MA, DOC\n" \
    "employee:\n  id: text\n  lane: Lane\n  step: integer\n  years: integer\n  fte: decimal\n  salary: money\n  nb: yes/no\n" \
    "schedule pay by step, lane clamp\n" \
    "  step  BA          MA          DOC\n" \
    "  1     $44,150.00  $46,287.82  $48,425.64\n" \
    "  2     $45,468.27  $47,647.59  $49,825.91\n" \
    "  3     $46,786.55  $49,006.36  N/A\n" \
    "longevity: at most one\n" \
    "longevity I   when years = 14 and step >= 2  add $1,150.00\n" \
    "longevity II  when years in 15..18           add $2,300.50\n" \
    "longevity III when years >= 19 and nb        add $3,475.12\n" \
    "bonus_rule: at most one\n" \
    "bonus_rule low  when years < 10  add $100\n" \
    "bonus_rule high when years >= 10 and years < 30 add $200\n" \
    "differential board when nb add $2,750\n" \
    "base     = pay[step, lane]\n" \
    "prorated = round((base + longevity) * fte)\n" \
    "paid     = round(salary * fte)\n" \
    "daily    = round(prorated / 194)\n" \
    "per_year = round(salary / years)\n" \
    "hourly   = round(daily / 7.5)\n" \
    "bonus    = if salary > $50,000 then round(salary * 2%) else round(salary * 0.5)\n" \
    "total    = prorated + differential + longevity + bonus_rule\n" \
    "quarter  = salary / 4\n" \
    "floor_d  = floor(salary * fte)\n" \
    "ceil_c   = ceil(salary / 7)\n" \
    "big      = years in 10..20\n" \
    "capped   = min(salary, $60,000)\n" \
    "raised   = max(base, salary) - $10\n" \
    "steps    = min(step, 2) + years * 2\n" \
    "neg      = -salary\n" \
    "output id, base, longevity, bonus_rule, prorated, paid, daily, per_year, hourly, bonus, total, quarter, floor_d, ceil_c, big, " \
    "capped, raised, steps, neg\n"

static void test_contract_modes(void **state)
{
    (void)state;
    static const char *const modes[] = {"half up", "half down", "half even"};
    Tally t = {0};
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        char src[4096];
        snprintf(src, sizeof src, "years \"2024-25\"\nrounding %s to cents\n%s", modes[m], LANE_BODY);
        compare_contract(src, modes[m], 20000, true, &t);
    }
    assert_int_equal(t.on, t.contracts);
    if (t.taken < t.rows / 10)
        fail_msg("the lane computed only %ld of %ld rows", t.taken, t.rows);
}

/* A contract that pushes a decimal field (fte < 0.5) is held at 10^6,
 * where the lane costs more than the Rats (alt.terms, 1,772 instructions
 * a row against 1,421): the lane is not built for it, and the rows are
 * the Rat path's. */
static void test_not_past_cents(void **state)
{
    (void)state;
    Tally t = {0};
    char src[4096];
    snprintf(src, sizeof src, "years \"2024-25\"\nrounding half up to cents\n"
             "employee:\n  id: text\n  fte: decimal\n  salary: money\n"
             "prorated  = round(salary * fte)\n"
             "daily     = round(prorated / 190)\n"
             "half_time = fte < 0.5\n"
             "output id, prorated, daily, half_time\n");
    compare_contract(src, "half_time", 2000, true, &t);
    assert_int_equal(t.contracts, 1);
    assert_int_equal(t.on, 0);
}

/* Tests of members (IF_INT_RANGE, and RULES keyed by a member or with a
 * member's test after a number's), taken by the lane. */
static void test_member_tests(void **state)
{
    (void)state;
    Tally t = {0};
    compare_contract("years \"2024-25\"\nrounding half up to cents\n"
                     "enum Lane: BA, MA, DOC\n"
                     "employee:\n  id: text\n  lane: Lane\n  years: integer\n  fte: decimal\n  salary: money\n"
                     "bonus: at most one\n"
                     "bonus doc when lane = DOC add $500\n"
                     "bonus ma when lane = MA and years >= 5 add $250\n"
                     "extra: at most one\n"
                     "extra senior when years >= 10 and lane != BA add $100\n"
                     "prorated = round(salary * fte)\n"
                     "pay = if lane = BA then prorated else prorated + bonus + extra\n"
                     "output id, prorated, bonus, extra, pay\n",
                     "members", 3000, true, &t);
    assert_int_equal(t.contracts, 1);
    assert_int_equal(t.on, 1);
    assert_true(t.taken > 0);
}

/* Every contract of the repository's folders, whether the lane takes it
 * or not. */
static void test_every_contract(void **state)
{
    (void)state;
    Tally t = {0};
    static const char *const dirs[] = {"contracts-dsl", "bench", "tests/golden", "tests/cli", "tests/fmt", "tests/lsp"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
        compare_folder(dirs[i], 300, &t);
    print_message("%d programs, the lane on for %d; %ld rows, %ld computed by the lane\n", t.contracts, t.on, t.rows, t.taken);
    assert_true(t.on > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rounding_every_mode),
        cmocka_unit_test(test_scale_conversions),
        cmocka_unit_test(test_bench_contracts),
        cmocka_unit_test(test_contract_modes),
        cmocka_unit_test(test_not_past_cents),
        cmocka_unit_test(test_member_tests),
        cmocka_unit_test(test_every_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
