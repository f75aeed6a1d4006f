/* The duplicate-id check (runtime/ids.h): in memory, and past a budget,
 * with the ids written to partitions of a temporary file and each checked
 * at the end (split again when too big); the same message either way,
 * naming the first row whose id an earlier row has and the first row that
 * has it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>

#include "ids.h"

/* Why the last roster_ids_add or roster_ids_end said false. */
static const char *message(const RosterIds *ids)
{
    static char err[512];
    roster_ids_error(ids, err, sizeof err);
    return err;
}

static RosterIds *ids_for_test(void)
{
    return roster_ids_new("roster.csv", "id");
}

/* Two rows with one id: the second is refused, naming both; the same row
 * noted again is not a second one. */
static void ids_used_twice(void **state)
{
    (void)state;
    RosterIds *ids = ids_for_test();
    assert_true(roster_ids_add(ids, "T1", 2, 1, 2));
    assert_true(roster_ids_add(ids, "T10", 3, 2, 3));
    assert_true(roster_ids_add(ids, "", 0, 3, 5));
    assert_true(roster_ids_add(ids, "T1", 2, 1, 2));
    assert_false(roster_ids_add(ids, "T1", 2, 4, 6));
    assert_string_equal(message(ids), "roster.csv:6: row 4, column \"id\": \"T1\" is also the id of row 1 (line 2); each employee must "
                             "have one row (if this roster has one row per assignment, give --allow-duplicate-ids)");
    assert_false(roster_ids_add(ids, "", 0, 5, 7));
    assert_string_equal(message(ids), "roster.csv:7: row 5, column \"id\": \"\" is also the id of row 3 (line 5); each employee must "
                             "have one row (if this roster has one row per assignment, give --allow-duplicate-ids)");
    assert_false(roster_ids_add(ids, "T10", 3, 6, 8));
    roster_ids_free(ids);

    /* many, long and alike: the table grows (all of them in memory) */
    enum { N = 200000 };
    ids = ids_for_test();
    roster_ids_budget(ids, 64 << 20);
    char id[64];
    for (long i = 1; i <= N; i++) {
        int n = snprintf(id, sizeof id, i % 2 ? "T%ld" : "a long id that differs only at its very end %ld", i);
        assert_true(roster_ids_add(ids, id, (size_t)n, i, i + 1));
    }
    int n = snprintf(id, sizeof id, "a long id that differs only at its very end %d", N / 2);
    assert_false(roster_ids_add(ids, id, (size_t)n, N + 1, N + 2));
    assert_non_null(strstr(message(ids), "is also the id of row 100000 (line 100001)"));
    roster_ids_free(ids);
}

/* Ids told apart by their bytes alone: with every hash alike (and the
 * table grown several times), no id is taken for another, of any length
 * (empty, one byte, the 8 to 16 copied as two words, longer), and each
 * one seen before is found, with its row and line however far they are
 * apart (a line before its row, or 70,000 after) or however large. */
static void ids_told_apart_by_their_bytes(void **state)
{
    (void)state;
    char id[64];
    RosterIds *ids = ids_for_test();
    roster_ids_collide(ids);
    enum { N = 3000 };
    long big = 5000000000L; /* past 2^32 */
    for (long i = 0; i < N; i++) {
        int n = snprintf(id, sizeof id, "%.*s", (int)(i % 24), "T0000000000000000000000x");
        n += snprintf(id + n, sizeof id - (size_t)n, "%ld", i / 24);
        long row = i % 3 == 0 ? big + i : i + 1;
        long line = i % 5 == 0 ? row + 70000 : i % 7 == 0 ? row - 3 : row + 1;
        assert_true(roster_ids_add(ids, id, (size_t)n, row, line));
    }
    assert_true(roster_ids_add(ids, "", 0, big * 2, big * 2 + 1));
    assert_false(roster_ids_add(ids, "", 0, big * 3, big * 3 + 1));
    assert_string_equal(message(ids), "roster.csv:15000000001: row 15000000000, column \"id\": \"\" is also the id of row 10000000000 "
                             "(line 10000000001); each employee must have one row (if this roster has one row per assignment, "
                             "give --allow-duplicate-ids)");
    for (long i = 0; i < N; i++) {
        int n = snprintf(id, sizeof id, "%.*s", (int)(i % 24), "T0000000000000000000000x");
        n += snprintf(id + n, sizeof id - (size_t)n, "%ld", i / 24);
        long row = i % 3 == 0 ? big + i : i + 1;
        long line = i % 5 == 0 ? row + 70000 : i % 7 == 0 ? row - 3 : row + 1;
        assert_true(roster_ids_add(ids, id, (size_t)n, row, line)); /* the same row again */
        assert_false(roster_ids_add(ids, id, (size_t)n, N + 1, N + 2));
        char want[128];
        snprintf(want, sizeof want, "is also the id of row %ld (line %ld);", row, line);
        assert_non_null(strstr(message(ids), want));
    }
    /* one byte more than an id seen, or its last byte another, is not it */
    assert_true(roster_ids_add(ids, "T00000000000000000000001!", 25, N + 3, N + 4));
    assert_true(roster_ids_add(ids, "T0000000000000000000000!", 24, N + 4, N + 5));
    assert_true(roster_ids_add(ids, "T!", 2, N + 5, N + 6));
    roster_ids_free(ids);
}


/* How id_text writes ids: NULL for ids of several lengths; else a format
 * of one width, so that ids of keys in order are in order (ids.c notes
 * ids in order with no table until one is not). */
static const char *in_order;

/* Key k's id: of several lengths (empty for 0), so that partitions hold
 * ids of every length the arena and the file store differently. */
static int id_text(long k, char *out, size_t cap)
{
    if (in_order)
        return snprintf(out, cap, in_order, k);
    if (k == 0)
        return snprintf(out, cap, "%s", "");
    switch (k % 3) {
    case 0:
        return snprintf(out, cap, "E%ld", k);
    case 1:
        return snprintf(out, cap, "%ld-a-longer-id-of-an-employee", k);
    default:
        return snprintf(out, cap, "x%08ld", k);
    }
}

static long line_of(long row)
{
    return row + 1 + (row % 7 == 0 ? 1000 : 0) + (row % 11 == 0 ? 5000000000L : 0);
}

enum { MAX_ROWS = 6000, MAX_KEY = 1 << 20 };

/* Rows 1..n with ids keys[0..n) through a RosterIds of `budget` bytes
 * (and every hash alike with collide): the first duplicate, if any, must be
 * reported as a check that kept every id in memory reports it, by
 * roster_ids_add at that row or later, or at the latest by roster_ids_end. */
static void check_rows(const long *keys, long n, size_t budget, bool collide)
{
    static long first[MAX_KEY];
    memset(first, 0, sizeof first);
    long want_row = 0, want_first = 0;
    for (long row = 1; row <= n; row++) {
        long k = keys[row - 1];
        if (first[k] && !want_row) {
            want_row = row;
            want_first = first[k];
        } else if (!first[k]) {
            first[k] = row;
        }
    }
    char want[512] = "", id[64];
    if (want_row) {
        int len = id_text(keys[want_row - 1], id, sizeof id);
        snprintf(want, sizeof want,
                 "roster.csv:%ld: row %ld, column \"id\": \"%.*s\" is also the id of row %ld (line %ld); each employee must have "
                 "one row (if this roster has one row per assignment, give --allow-duplicate-ids)",
                 line_of(want_row), want_row, len, id, want_first, line_of(want_first));
    }
    RosterIds *ids = roster_ids_new("roster.csv", "id");
    if (collide)
        roster_ids_collide(ids);
    roster_ids_budget(ids, budget);
    bool ok = true;
    long row = 1;
    for (; ok && row <= n; row++) {
        int len = id_text(keys[row - 1], id, sizeof id);
        ok = roster_ids_add(ids, id, (size_t)len, row, line_of(row));
    }
    if (ok)
        ok = roster_ids_end(ids);
    else
        assert_true(row - 1 >= want_row); /* it stopped at the duplicate or after it */
    if (want_row) {
        assert_false(ok);
        assert_string_equal(message(ids), want);
        assert_false(roster_ids_end(ids)); /* asked again, the same */
        assert_string_equal(message(ids), want);
    } else {
        assert_true(ok);
    }
    roster_ids_free(ids);
}

/* Each case with ids in memory alone, past a budget of a few ids (each
 * partition split again), and past one of a few dozen; each with every
 * hash alike too (one partition, checked whole). */
static void check_all_ways(const long *keys, long n)
{
    static const size_t budgets[] = {64 << 20, 256, 1024, 4096};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        check_rows(keys, n, budgets[b], false);
        check_rows(keys, n, budgets[b], true);
    }
}

static long keys[MAX_ROWS];

/* Rows 1..n, row i's key i (no duplicate). */
static long distinct(long n)
{
    for (long i = 0; i < n; i++)
        keys[i] = i + 1;
    return n;
}

static void no_duplicate_past_the_budget(void **state)
{
    (void)state;
    check_all_ways(keys, distinct(3000));
    keys[0] = 0; /* the empty id, once */
    check_all_ways(keys, 3000);
}

/* Both rows in memory, or both written out with the ids in memory. */
static void duplicate_within_memory(void **state)
{
    (void)state;
    long n = distinct(2001);
    keys[2000] = 1999;
    check_all_ways(keys, n);
}

/* Both rows written out: found when their partition is checked. */
static void duplicate_within_the_runs(void **state)
{
    (void)state;
    long n = distinct(3000);
    keys[99] = 5;
    check_all_ways(keys, n);
}

/* The first row in memory when the budget was reached, the second
 * written out after it. */
static void duplicate_across_runs_and_memory(void **state)
{
    (void)state;
    long n = distinct(3000);
    keys[2999] = 5;
    check_all_ways(keys, n);
    keys[2999] = 0; /* the empty id */
    keys[4] = 0;
    check_all_ways(keys, n);
}

/* Several duplicates: the one reported is the first row whose id an earlier
 * row has, named with the first row that has it, wherever each is. */
static void the_first_duplicate_is_reported(void **state)
{
    (void)state;
    long n = distinct(3000);
    keys[1499] = keys[2499] = 7;
    keys[1399] = 8;
    keys[2998] = keys[2999] = 9999;
    check_all_ways(keys, n);
    /* an id three times: the second of them */
    n = distinct(3000);
    keys[1999] = keys[1199] = 12;
    check_all_ways(keys, n);
    /* one in memory at its row, an earlier one in the runs */
    n = distinct(2001);
    keys[499] = 3;
    keys[2000] = 2000;
    check_all_ways(keys, n);
}

/* Many rows past a budget of a few ids: duplicates early and late, keys
 * far apart and far from their rows. */
static void many_runs(void **state)
{
    (void)state;
    long n = distinct(MAX_ROWS);
    keys[MAX_ROWS - 2] = 2;
    check_rows(keys, n, 256, false);
    check_rows(keys, n, 256, true);
    n = distinct(MAX_ROWS);
    keys[299] = 2;
    check_rows(keys, n, 256, false);
    check_rows(keys, n, 1024, true);
    for (long i = 0; i < MAX_ROWS; i++) /* keys far apart, and far from the rows */
        keys[i] = (i * 7919) % MAX_ROWS * 97 + 1;
    check_rows(keys, MAX_ROWS, 512, false);
    keys[MAX_ROWS - 1] = keys[MAX_ROWS / 2];
    check_rows(keys, MAX_ROWS, 512, false);
    check_rows(keys, MAX_ROWS, 2048, true);
}

/* The same row noted again after it was written out is not a second row. */
static void the_same_row_again_past_the_budget(void **state)
{
    (void)state;
    RosterIds *ids = roster_ids_new("roster.csv", "id");
    roster_ids_budget(ids, 256);
    assert_true(roster_ids_add(ids, "T1", 2, 1, 2));
    for (long row = 2; row < 500; row++) {
        char id[32];
        int len = snprintf(id, sizeof id, "U%ld", row);
        assert_true(roster_ids_add(ids, id, (size_t)len, row, row + 1));
    }
    assert_true(roster_ids_add(ids, "T1", 2, 1, 2));
    assert_true(roster_ids_end(ids));
    roster_ids_free(ids);
}

/* A temporary folder that is not there: the temporary file cannot be
 * made when the budget is reached, and the check stops with a message
 * that names the folder. */
static void no_temporary_folder(void **state)
{
    (void)state;
    char *was = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", "/nonexistent/folder", 1);
    for (int ordered = 0; ordered < 2; ordered++) { /* the partitions, or the run of ids in order */
        RosterIds *ids = roster_ids_new("roster.csv", "id");
        roster_ids_budget(ids, 256);
        bool ok = true;
        long row = 1;
        for (; ok && row < 1000; row++) {
            char id[32];
            int len = snprintf(id, sizeof id, ordered ? "U%07ld" : "U%ld", row);
            ok = roster_ids_add(ids, id, (size_t)len, row, row + 1);
        }
        assert_false(ok);
        assert_string_equal(message(ids), "roster.csv: cannot make a temporary file in /nonexistent/folder for the ids of its rows: "
                                 "No such file or directory (TMPDIR names the folder)");
        assert_false(roster_ids_end(ids));
        roster_ids_free(ids);
    }
    if (was)
        setenv("TMPDIR", was, 1);
    else
        unsetenv("TMPDIR");
    free(was);
}

/* Past a budget of a few dozen ids: an id, "P<k>" from k = *k on, that
 * ids puts in partition `part`. */
static int id_in_part(const RosterIds *ids, int part, long *k, char *out, size_t cap)
{
    for (;; (*k)++) {
        int n = snprintf(out, cap, "P%07ld", *k);
        if (roster_ids_partition(ids, out, (size_t)n) == part) {
            (*k)++;
            return n;
        }
    }
}

/* Rows 1..n past a budget of 1 KiB, each with its own id but for the rows
 * of dups[] (row, first row): the partitions given (or any, -1) hold the
 * ids of those rows; the message must name want_row and its first row. */
typedef struct {
    long row, first;
    int part;
} Planted;

static void check_planted(const Planted *dups, int ndups, long n, long want_row, long want_first)
{
    RosterIds *ids = roster_ids_new("roster.csv", "id");
    roster_ids_budget(ids, 1024);
    static char text[4000][16];
    static int len[4000];
    assert_true(n < 4000);
    long k = 1;
    for (long row = 1; row <= n; row++)
        len[row] = snprintf(text[row], sizeof text[row], "Q%ld", row);
    for (int d = 0; d < ndups; d++) {
        long f = dups[d].first;
        if (dups[d].part >= 0)
            len[f] = id_in_part(ids, dups[d].part, &k, text[f], sizeof text[f]);
        memcpy(text[dups[d].row], text[f], sizeof text[f]);
        len[dups[d].row] = len[f];
    }
    for (long row = 1; row <= n; row++)
        assert_true(roster_ids_add(ids, text[row], (size_t)len[row], row, row + 1));
    assert_false(roster_ids_end(ids));
    char want[512];
    snprintf(want, sizeof want,
             "roster.csv:%ld: row %ld, column \"id\": \"%s\" is also the id of row %ld (line %ld); each employee must have "
             "one row (if this roster has one row per assignment, give --allow-duplicate-ids)",
             want_row + 1, want_row, text[want_row], want_first, want_first + 1);
    assert_string_equal(message(ids), want);
    roster_ids_free(ids);
}

/* Two duplicates in one partition: its earliest, whichever id came first;
 * the partition's first id repeated, and its last. */
static void duplicates_in_one_partition(void **state)
{
    (void)state;
    check_planted((Planted[]){{3000, 2, 7}, {2500, 900, 7}}, 2, 3000, 2500, 900);
    check_planted((Planted[]){{2500, 2, 7}, {3000, 900, 7}}, 2, 3000, 2500, 2);
    check_planted((Planted[]){{1500, 1, 7}, {2999, 2998, 7}}, 2, 3000, 1500, 1);
}

/* Duplicates in different partitions: the earliest row of all, wherever
 * its partition comes in the order they are checked. */
static void the_earliest_duplicate_across_partitions(void **state)
{
    (void)state;
    check_planted((Planted[]){{2800, 10, 3}, {2700, 20, 200}}, 2, 3000, 2700, 20);
    check_planted((Planted[]){{2700, 10, 3}, {2800, 20, 200}}, 2, 3000, 2700, 10);
    check_planted((Planted[]){{2900, 5, 250}, {2950, 6, 0}, {2100, 1500, 128}, {2200, 7, 1}}, 4, 3000, 2100, 1500);
}

/* A budget of 256 bytes: each partition, of a dozen ids, is too big for
 * it and is split again (every hash alike: split at each level, then
 * checked whole); no duplicate is found where there is none, and one at
 * the last row is. */
static void a_partition_split_again(void **state)
{
    (void)state;
    char id[32];
    for (int collide = 0; collide < 2; collide++) {
        for (int dup = 0; dup < 2; dup++) {
            RosterIds *ids = roster_ids_new("roster.csv", "id");
            if (collide)
                roster_ids_collide(ids);
            roster_ids_budget(ids, 256);
            long n = collide ? 1500 : 4000;
            for (long row = 1; row <= n; row++) {
                int len = snprintf(id, sizeof id, "E%07ld", dup && row == n ? 1234 : row <= 2 ? 3 - row : row); /* not in order */
                assert_true(roster_ids_add(ids, id, (size_t)len, row, row + 1));
            }
            assert_int_equal(roster_ids_end(ids), !dup);
            char want[128];
            snprintf(want, sizeof want, "row %ld, column \"id\": \"E0001234\" is also the id of row 1234 (line 1235)", n);
            if (dup)
                assert_non_null(strstr(message(ids), want));
            if (collide)
                assert_int_equal(roster_ids_splits(ids), 2); /* one partition, split at levels 1 and 2 */
            else
                assert_true(roster_ids_splits(ids) >= 200);
            roster_ids_free(ids);
        }
    }
}

/* Different ids with one hash (every hash alike), past the budget: ids
 * that differ in their last byte or their length only are not taken for
 * one another, in a partition split and checked whole. */
static void different_ids_with_one_hash_past_the_budget(void **state)
{
    (void)state;
    static const char *const alike[] = {"", "E", "E1", "E12345678", "E12345679", "E123456789", "E1234567890123456",
                                        "E1234567890123457", "E123456789012345", "F123456789012345"};
    enum { NALIKE = sizeof alike / sizeof alike[0] };
    for (int budget = 256; budget <= 1 << 20; budget *= 64) {
        RosterIds *ids = roster_ids_new("roster.csv", "id");
        roster_ids_collide(ids);
        roster_ids_budget(ids, (size_t)budget);
        long row = 1;
        for (int round = 0; round < 30; round++)
            for (int i = 0; i < NALIKE; i++, row++) {
                char id[32];
                int len = round ? snprintf(id, sizeof id, "%s-%d", alike[i], round) : snprintf(id, sizeof id, "%s", alike[i]);
                assert_true(roster_ids_add(ids, id, (size_t)len, row, row + 1));
            }
        assert_true(roster_ids_end(ids));
        roster_ids_free(ids);
    }
}

/* A temporary file that cannot grow (a full disk; here a limit on file
 * sizes): the check stops at the write that fails, with the system's
 * reason, not a duplicate missed. */
static void a_full_disk(void **state)
{
    (void)state;
    struct rlimit was;
    getrlimit(RLIMIT_FSIZE, &was);
    void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = {16 << 10, was.rlim_max};
    setrlimit(RLIMIT_FSIZE, &small);
    char *tmp = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", "/tmp", 1);
    RosterIds *ids = roster_ids_new("roster.csv", "id");
    roster_ids_budget(ids, 1024);
    bool ok = true;
    for (long row = 1; ok && row <= 1000000; row++) {
        char id[32];
        int len = snprintf(id, sizeof id, "E%07ld", row);
        ok = roster_ids_add(ids, id, (size_t)len, row, row + 1);
    }
    setrlimit(RLIMIT_FSIZE, &was);
    signal(SIGXFSZ, handler);
    if (tmp)
        setenv("TMPDIR", tmp, 1);
    else
        unsetenv("TMPDIR");
    free(tmp);
    assert_false(ok);
    assert_string_equal(message(ids), "roster.csv: cannot write a temporary file in /tmp for the ids of its rows: File too large "
                                      "(TMPDIR names the folder)");
    assert_false(roster_ids_end(ids));
    roster_ids_free(ids);
}

/* The ids in memory when the budget is reached, moved to the partitions
 * (those of 8 to 16 bytes written as the short record in place): each
 * keeps its row and line, whether its line is near its row or far from
 * it, so a later row with its id names them. */
static void ids_moved_at_the_budget_keep_their_lines(void **state)
{
    (void)state;
    static const long firsts[] = {1, 2, 7, 100, 300};
    static const size_t budgets[] = {256, 1024, 4096};
    char id[32], want[160];
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++)
        for (size_t f = 0; f < sizeof firsts / sizeof firsts[0]; f++) {
            RosterIds *ids = roster_ids_new("roster.csv", "id");
            roster_ids_budget(ids, budgets[b]);
            for (long row = 1; row <= 600; row++) {
                long k = row == 600 ? firsts[f] : row;
                int len = snprintf(id, sizeof id, k % 2 ? "E%07ld" : "E%015ld", k); /* 8 or 16 bytes */
                assert_true(roster_ids_add(ids, id, (size_t)len, row, 2 * row + 5)); /* line - row: 6 to 605 */
            }
            assert_false(roster_ids_end(ids));
            snprintf(want, sizeof want, "roster.csv:1205: row 600, column \"id\": \"E%0*ld\" is also the id of row %ld (line %ld);",
                     firsts[f] % 2 ? 7 : 15, firsts[f], firsts[f], 2 * firsts[f] + 5);
            if (strncmp(message(ids), want, strlen(want)))
                fail_msg("budget %zu: %s\nwanted: %s", budgets[b], message(ids), want);
            roster_ids_free(ids);
        }
}

/* Ids in order (of 8, 12 and 16 bytes, the ids of 8 to 16 bytes the two
 * words of which are compared; of 5; numbers of 1 to 4 digits), in memory and past the budget (the run
 * written to the temporary file): none refused while they stay in order,
 * and the order's end, at a duplicate or at an id only out of order,
 * where the ids noted before must be found all the same. */
static void ids_in_order(void **state)
{
    (void)state;
    static const char *formats[] = {"E%07ld", "id-%08ld", "employee-%07ld", "T%04ld", "%ld"};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        in_order = formats[f];
        long n = distinct(3000);
        check_all_ways(keys, n);
        keys[2000] = 1999; /* in memory, or in the run */
        check_all_ways(keys, n);
        n = distinct(3000);
        keys[2999] = 5; /* the first row in the run, the second in memory */
        check_all_ways(keys, n);
        n = distinct(3000);
        keys[1500] = keys[1499]; /* the last one again: not after it */
        check_all_ways(keys, n);
        n = distinct(3000);
        keys[1000] = 1002; /* out of order, no duplicate */
        keys[1001] = 1001;
        keys[1002] = 1000;
        check_all_ways(keys, n);
        keys[2500] = 1001; /* then one */
        check_all_ways(keys, n);
        n = distinct(3000);
        keys[2998] = keys[2999] = 9999;
        keys[2400] = 7; /* the first duplicate, after the order ended */
        check_all_ways(keys, n);
    }
    in_order = NULL;
}

/* Ids of two lengths can have one order number (the two words of one of
 * 8 bytes are one word twice): neither is taken for the other, and each
 * is found again. */
static void ids_with_one_order_number(void **state)
{
    (void)state;
    static const size_t budgets[] = {64 << 20, 256};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        RosterIds *ids = roster_ids_new("roster.csv", "id");
        roster_ids_budget(ids, budgets[b]);
        long row = 1;
        for (; row <= 100; row++) {
            char id[32];
            int len = snprintf(id, sizeof id, "A%07ld", row);
            assert_true(roster_ids_add(ids, id, (size_t)len, row, row + 1));
        }
        assert_true(roster_ids_add(ids, "AAAAAAAA", 8, row, row + 1));
        row++;
        assert_true(roster_ids_add(ids, "AAAAAAAAA", 9, row, row + 1));
        row++;
        assert_true(roster_ids_add(ids, "AAAAAAAAAAAAAAAA", 16, row, row + 1));
        row++;
        bool ok = roster_ids_add(ids, "AAAAAAAAA", 9, row, row + 1) && roster_ids_end(ids);
        assert_false(ok);
        assert_string_equal(message(ids), "roster.csv:105: row 104, column \"id\": \"AAAAAAAAA\" is also the id of row 102 (line "
                                          "103); each employee must have one row (if this roster has one row per assignment, give "
                                          "--allow-duplicate-ids)");
        roster_ids_free(ids);
    }
}

/* A run of many chunks (ids in order past a budget of 1 MiB, written to
 * the temporary file many thousand at a time, and read back a chunk at a
 * time when the order ends): an id from each part of it found again. */
static void a_long_run(void **state)
{
    (void)state;
    static const long firsts[] = {5, 30000, 77777, 99999};
    for (size_t f = 0; f < sizeof firsts / sizeof firsts[0]; f++) {
        RosterIds *ids = roster_ids_new("roster.csv", "id");
        roster_ids_budget(ids, 1 << 20);
        char id[32];
        for (long row = 1; row <= 100000; row++) {
            int len = snprintf(id, sizeof id, "E%07ld", row);
            assert_true(roster_ids_add(ids, id, (size_t)len, row, line_of(row)));
        }
        int len = snprintf(id, sizeof id, "E%07ld", firsts[f]);
        bool ok = roster_ids_add(ids, id, (size_t)len, 100001, line_of(100001)) && roster_ids_end(ids);
        assert_false(ok);
        char want[512];
        snprintf(want, sizeof want,
                 "roster.csv:%ld: row 100001, column \"id\": \"%s\" is also the id of row %ld (line %ld); each employee must have "
                 "one row (if this roster has one row per assignment, give --allow-duplicate-ids)",
                 line_of(100001), id, firsts[f], line_of(firsts[f]));
        assert_string_equal(message(ids), want);
        roster_ids_free(ids);
    }
}

/* Numbers of 7 digits, then of 8 (shorter ids, then ids of 8 to 16 bytes,
 * in order): none taken for another, each found again. */
static void numbers_in_order(void **state)
{
    (void)state;
    static const char *rows[] = {"9999998", "9999999", "10000000", "10000001", "9999999"};
    static const size_t budgets[] = {64 << 20, 256};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        RosterIds *ids = roster_ids_new("roster.csv", "id");
        roster_ids_budget(ids, budgets[b]);
        bool ok = true;
        for (long row = 1; ok && row <= 5; row++)
            ok = roster_ids_add(ids, rows[row - 1], strlen(rows[row - 1]), row, row + 1);
        assert_false(ok && roster_ids_end(ids));
        assert_string_equal(message(ids), "roster.csv:6: row 5, column \"id\": \"9999999\" is also the id of row 2 (line 3); each "
                                          "employee must have one row (if this roster has one row per assignment, give "
                                          "--allow-duplicate-ids)");
        roster_ids_free(ids);
    }
}

/* All in memory, however many (a records file's join asks which were seen). */
static void kept_all(void **state)
{
    (void)state;
    char id[32];
    RosterIds *ids = roster_ids_new("roster.csv", "id");
    roster_ids_budget(ids, 256);
    roster_ids_keep_all(ids);
    for (long row = 1; row <= 3000; row++) {
        int len = snprintf(id, sizeof id, "U%ld", row);
        assert_true(roster_ids_add(ids, id, (size_t)len, row, row + 1));
    }
    for (long row = 1; row <= 3000; row++) {
        int len = snprintf(id, sizeof id, "U%ld", row);
        assert_true(roster_ids_has(ids, id, (size_t)len));
    }
    assert_false(roster_ids_has(ids, "U0", 2));
    assert_false(roster_ids_add(ids, "U7", 2, 3001, 3002));
    roster_ids_free(ids);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_used_twice),
        cmocka_unit_test(ids_told_apart_by_their_bytes),
        cmocka_unit_test(no_duplicate_past_the_budget),
        cmocka_unit_test(duplicate_within_memory),
        cmocka_unit_test(duplicate_within_the_runs),
        cmocka_unit_test(duplicate_across_runs_and_memory),
        cmocka_unit_test(the_first_duplicate_is_reported),
        cmocka_unit_test(many_runs),
        cmocka_unit_test(the_same_row_again_past_the_budget),
        cmocka_unit_test(no_temporary_folder),
        cmocka_unit_test(kept_all),
        cmocka_unit_test(ids_in_order),
        cmocka_unit_test(ids_with_one_order_number),
        cmocka_unit_test(numbers_in_order),
        cmocka_unit_test(a_long_run),
        cmocka_unit_test(duplicates_in_one_partition),
        cmocka_unit_test(the_earliest_duplicate_across_partitions),
        cmocka_unit_test(a_partition_split_again),
        cmocka_unit_test(different_ids_with_one_hash_past_the_budget),
        cmocka_unit_test(a_full_disk),
        cmocka_unit_test(ids_moved_at_the_budget_keep_their_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
