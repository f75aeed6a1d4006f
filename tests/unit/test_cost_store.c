/* The store of each employee's figures in a costing (engine/cost_store.h):
 * written in order and read back in order, at any index and while begun;
 * and its failures: a temporary folder that is not there, a file that
 * cannot grow. */
#include "support.h"

#include <signal.h>
#include <sys/resource.h>

#include "cost_store.h"

static void assert_rat_is(Rat got, int64_t n)
{
    assert_true(got.n == n && got.d == 1);
}

/* Employee i: id "E<i>", named "N<i>" when i is even, in group i % 3,
 * totals i and 10 * i. */
static void add(CostStore *s, long i)
{
    char id[32], name[32];
    int idn = snprintf(id, sizeof id, "E%ld", i), namen = snprintf(name, sizeof name, "N%ld", i);
    Rat *t = cost_store_begin(s, id, (size_t)idn, i % 2 ? NULL : name, (size_t)namen);
    t[0] = rat_int(i);
    t[1] = rat_int(10 * i);
    char why[256];
    assert_true(cost_store_end(s, (int)(i % 3), why, sizeof why));
}

static void assert_employee(CostStore *s, long i)
{
    CostEmployee got;
    char id[32], name[32];
    snprintf(id, sizeof id, "E%ld", i);
    snprintf(name, sizeof name, "N%ld", i);
    assert_true(cost_store_get(s, i, &got));
    assert_string_equal(got.id, id);
    if (i % 2)
        assert_null(got.name);
    else
        assert_string_equal(got.name, name);
    assert_int_equal(got.group, i % 3);
    assert_rat_is(got.totals[0], i);
    assert_rat_is(got.totals[1], 10 * i);
}

static void test_in_order_and_at_any_index(void **state)
{
    (void)state;
    char why[256];
    CostStore *s = cost_store_new(2, why, sizeof why);
    assert_non_null(s);
    enum { N = 20000 };
    for (long i = 0; i < N / 2; i++)
        add(s, i);
    assert_employee(s, 7); /* read while still written */
    for (long i = N / 2; i < N; i++)
        add(s, i);
    assert_int_equal(cost_store_count(s), N);
    for (long i = 0; i < N; i++)
        assert_employee(s, i);
    long at[] = {N - 1, 0, 12345, 12344, 12345, 3};
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++)
        assert_employee(s, at[k]);
    /* the employee begun and not yet ended */
    Rat *t = cost_store_begin(s, "late", 4, "Late Name", 9);
    t[1] = rat_int(7);
    CostEmployee got;
    assert_true(cost_store_get(s, N, &got));
    assert_string_equal(got.id, "late");
    assert_string_equal(got.name, "Late Name");
    assert_rat_is(got.totals[1], 7);
    assert_true(cost_store_end(s, -1, why, sizeof why));
    assert_employee(s, 5);
    assert_true(cost_store_get(s, N, &got));
    assert_string_equal(got.id, "late");
    assert_int_equal(got.group, -1);
    assert_null(cost_store_error(s));
    /* past the end: an empty employee, and why */
    assert_false(cost_store_get(s, N + 5, &got));
    assert_string_equal(got.id, "");
    assert_rat_is(got.totals[0], 0);
    assert_non_null(cost_store_error(s));
    cost_store_free(s);
}

static void test_no_temporary_folder(void **state)
{
    (void)state;
    char *was = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", "/nonexistent-terms-folder", 1);
    char why[256];
    assert_null(cost_store_new(2, why, sizeof why));
    assert_string_equal(why, "cannot make a temporary file in /nonexistent-terms-folder for the employees' figures: No such file or "
                             "directory (TMPDIR names the folder)");
    if (was)
        setenv("TMPDIR", was, 1);
    else
        unsetenv("TMPDIR");
    free(was);
}

/* A file that cannot grow past 64 KiB (as a full disk): the write that
 * fails says so. */
static void test_full(void **state)
{
    (void)state;
    struct rlimit was, small = {.rlim_cur = 64 * 1024};
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &was), 0);
    small.rlim_max = was.rlim_max;
    void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
    char why[256];
    CostStore *s = cost_store_new(2, why, sizeof why);
    assert_non_null(s);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    bool ok = true;
    long i = 0;
    for (; ok && i < 100000; i++) {
        Rat *t = cost_store_begin(s, "an id of some length", 20, NULL, 0);
        t[0] = rat_int(i);
        ok = cost_store_end(s, -1, why, sizeof why);
    }
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, handler);
    assert_false(ok);
    assert_true(i < 100000);
    const char *want = "cannot write the employees' figures to a temporary file in ";
    assert_memory_equal(why, want, strlen(want));
    assert_non_null(strstr(why, ": File too large (TMPDIR names the folder)"));
    cost_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order_and_at_any_index),
        cmocka_unit_test(test_no_temporary_folder),
        cmocka_unit_test(test_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
