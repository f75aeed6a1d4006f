/* The roster reader's fast path and its 16-byte probes (text, a column
 * no field reads, an enum's member, a list's members; roster.c's
 * fast_row): generated rosters read with LF or CRLF line ends, which the
 * fast path takes, and with CR alone, which only the general path reads,
 * must give the same values, the same messages and the same row and line
 * numbers, whatever the order of the columns. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "record_text.h"
#include "roster.h"

/* Members of every length from 1 to 11 bytes: a probe reads names of up
 * to 7 as one word; longer ones, and display names, go the longer way. */
static const char *lane_members[] = {"B",        "BA",        "BA1",       "BA15",      "BA15x",
                                     "MA15MA",   "MA15MA3",   "MA15MA30",  "DOCTORAL9", "MA15MA30xy"};
static const char *lane_display[] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "Doctor of Ed", NULL};
static const char *pos_members[] = {"S01", "S02", "S03", "S4", "lead7ch", "leader8c", "coordinator"};
static const char *pos_display[] = {NULL, NULL, NULL, NULL, NULL, NULL, "Lead Teacher"};
static const EnumDef enums[] = {
    {"Lane", 10, lane_members, lane_display},
    {"Position", 7, pos_members, pos_display},
};

enum { ID, LANE, STEP, FTE, NB, DUTIES, MORE, THIRD, NOTE, NF };

static const FieldDef fields[NF] = {
    {.name = "id", .type = {TY_TEXT, 0}},
    {.name = "lane", .type = {TY_ENUM, 0}},
    {.name = "step", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 1, .hi = 20},
    {.name = "fte", .type = {TY_DECIMAL, 0}},
    {.name = "nb", .type = {TY_BOOL, 0}},
    {.name = "duties", .type = {TY_LIST, 1}},
    {.name = "more", .type = {TY_LIST, 1}},
    {.name = "third", .type = {TY_LIST, 1}},
    {.name = "note", .type = {TY_TEXT, 0}, .has_default = true, .empty_is_default = true,
     .deflt = {.text = {"none", 4}}},
};
static const RecordSchema schema = {NF, fields, 2, enums, NULL};

/* The same fields with a note that is plain text, a column every cell of
 * which the probes alone (hot_row) may read. */
static FieldDef hot_fields[NF];
static RecordSchema hot_schema = {NF, hot_fields, 2, enums, NULL};
static const RecordSchema *the_schema = &schema;

/* The columns of a roster: the fields and one no field reads. */
enum { BUILDING = NF, NCOLS };
static const char *const column_names[NCOLS] = {"id", "lane", "step", "fte", "nb", "duties", "more", "third", "note",
                                                "building"};

/* Each column's spellings: plain ones first (up to the NULL), which the
 * fast path takes; then others, and wrong ones. */
static const char *const spellings[NCOLS][40] = {
    [ID] = {"T1", "E0000001", "ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ", "x-y.z_/~", "", NULL,
            "Smith Jane", "\"Smith, Jane\"", "\"T\"\"2\"", "Zo\xC3\xAB", "x\xFFy", "a+b#c", " T2", "\"\"", "\"a\nb\""},
    [LANE] = {"B", "BA", "BA1", "BA15", "BA15x", "MA15MA", "MA15MA3", "MA15MA30", "DOCTORAL9", "MA15MA30xy", NULL,
              "ba15", "Doctor of Ed", " BA ", "\"MA15MA3\"", "BA16", "", "B\xC3\xA9", "MA15MA3x", "DOCTORAL", "\"\"",
              "DOCTORAL8", "DOCTORAL9x"},
    [STEP] = {"1", "20", "7", "13", NULL, "21", "0", "\"12\"", " 5", "x", "", "-1", "007", "1x", "12 ", "+3"},
    [FTE] = {"1.000", "0.593", "0.5", "12", "0.5931", "1.0005", "9.999", "10.000", NULL, "1.", "\"0.875\"", "$1", " .5",
             "-0.25", "", "1-593", "1/593", "1.59x", "1.5\xC3\xA9", "0.593 "},
    [NB] = {"yes", "no", NULL, "YES", "0", "y", "TRUE", "maybe", "", "\"no\"", "no ", "non", "n"},
    [DUTIES] = {"", "S01", "S01;S02", "lead7ch;leader8c;coordinator", "S4;S03;S4;S02;S01;lead7ch", NULL,
                "S01;;S02", "S01;", ";S01", "s01", "\"S01;S02\"", "S01; S02", "S13", "Lead Teacher;S01", "S0\xC3\xA9",
                "\"\"", "leader8;S01"},
    [MORE] = {"", "S02", "coordinator;S4", NULL, "S01,S02", "\"S01,S02\"", "x"},
    [THIRD] = {"S03;S02;S01", "", NULL, "S03 ", "\"S03\""},
    [NOTE] = {"x", "ABCDEFGHIJKLMNOPQRS", NULL, "", "  ", "\"\"", "\"a,b\""},
    [BUILDING] = {"North", "", "ABCDEFGHIJKLMNOPQRSTU", NULL, "\"a, b\"", "Main St", "\xC3\xA9"},
};

static uint64_t rng = 0x9E3779B97F4A7C15u;
static unsigned roll(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static unsigned count(int c, bool plain)
{
    unsigned n = 0;
    while (spellings[c][n])
        n++;
    if (plain)
        return n;
    unsigned all = n + 1;
    while (spellings[c][all])
        all++;
    return all;
}

/* A cell of column c: plain, or any spelling (the NULL that ends the
 * plain ones skipped). */
/* Each column's spellings that hot_row reads: text of up to 16 bytes,
 * or in quotes with no quote inside, up to 62 bytes; names of up to 15,
 * whole numbers of one or two digits, "d.ddd". */
static const char *const hot_spellings[NCOLS][16] = {
    [ID] = {"T1", "E0000001", "ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOP", "x-y.z_/~", "", "\"Smith, Jane\"",
            "\"Johnson, Jordan\"", "\"\"", "\"Fifteen, bytes\"", "\"Forty-five bytes, with a comma, and then more\"",
            "\"Sixty-two bytes: a long name, a comma, and then more and then.\""},
    [LANE] = {"B", "BA", "BA1", "BA15", "BA15x", "MA15MA", /* MA15MA3 is not in its first slot */
              "DOCTORAL9"}, /* MA15MA30 and MA15MA30xy have one key: one is not in its first slot */
    [STEP] = {"1", "20", "7", "13", "007", "0019"},
    [FTE] = {"1.000", "0.593", "12", "9.999", "0", "0.875", "2017", "123456789012345678"},
    [NB] = {"yes", "no"},
    [DUTIES] = {"", "S01", "S01;S02", "S4;S03;S4;S02;S01;lead7ch"},
    [MORE] = {"", "S02", "S4;S03"},
    [THIRD] = {"S03;S02;S01", ""},
    [NOTE] = {"x", "", "ABCDEFGHIJKLMNOP", "\"a, b\""},
    [BUILDING] = {"North", "", "ABCDEFGHIJKLMNOP", "\"a, b\"", "\"Main Street, the corner\""},
};
static bool hot_only; /* cell() gives hot_spellings */

/* Cells hot_row must leave to fast_row, each nearly one it reads: a
 * name's first 8 bytes, or its length, a doubled quote, a line end in
 * quotes, UTF-8, a quote 63 bytes on, 19 digits, out of range. */
static const char *const near_spellings[NCOLS][8] = {
    [ID] = {"\"T\"\"2\"", "\"a\nb\"", "\"Zo\xC3\xAB\"", "\"Sixty-three bytes: a long name, a comma, and then more and then..\"",
            "\"\"\"a\""},
    [LANE] = {"DOCTORAL", "DOCTORAL8", "DOCTORAL9x", "MA15MA30", "DOCTORAL9ab"},
    [STEP] = {"021", "100"},
    [FTE] = {"1234567890123456789", "2017.5"},
};
static bool near_misses; /* and cell() gives a near_spellings one an eighth of the time */

static const char *const *list_cells; /* if set, cell() gives these for the lists */
static unsigned nlist_cells;

static const char *cell(int c, bool plain)
{
    if (list_cells && (c == DUTIES || c == MORE || c == THIRD))
        return list_cells[roll(nlist_cells)];
    if (hot_only) {
        if (near_misses && near_spellings[c][0] && roll(8) == 0) {
            unsigned n = 0;
            while (near_spellings[c][n])
                n++;
            return near_spellings[c][roll(n)];
        }
        unsigned n = 0;
        while (hot_spellings[c][n])
            n++;
        return hot_spellings[c][roll(n)];
    }
    unsigned k = roll(count(c, plain));
    if (!spellings[c][k])
        k++;
    return spellings[c][k];
}

/* Everything roster_next said about one row, values as text. */
typedef struct {
    int got;
    long row, line;
    char err[1024];
    char values[4096];
} Seen;

static void see(Roster *r, Seen *out)
{
    Value rec[NF];
    memset(out, 0, sizeof *out);
    out->got = roster_next(r, rec, out->err, sizeof out->err);
    if (out->got >= 0)
        out->err[0] = '\0';
    out->row = roster_row(r);
    out->line = roster_line(r);
    if (out->got != 1)
        return;
    record_text(fields, NF, rec, out->values, sizeof out->values);
}

/* A roster read from a stream (the file read in chunks) or, if memory, in
 * place from a copy of exactly its bytes that ends where a page no one
 * may read begins, so that a probe reading past them stops the test (the
 * address sanitizer does not see all of a 16-byte read that runs over). */
typedef struct {
    char *data;
    char *map;
    size_t maplen;
    FILE *f;
    Roster *r;
} Open;

static Open open_roster(const char *csv, size_t len, bool memory)
{
    Open o = {0};
    char err[512] = "";
    if (memory) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        o.maplen = (len + page - 1) / page * page + page;
        o.map = mmap(NULL, o.maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        assert_true(o.map != MAP_FAILED);
        assert_int_equal(mprotect(o.map + o.maplen - page, page, PROT_NONE), 0);
        o.data = o.map + o.maplen - page - len;
        memcpy(o.data, csv, len);
        o.r = roster_open_memory(o.data, len, "roster.csv", the_schema, err, sizeof err);
    } else {
        o.data = malloc(len ? len : 1);
        memcpy(o.data, csv, len);
        o.f = fmemopen(o.data, len, "r");
        assert_non_null(o.f);
        o.r = roster_open(o.f, "roster.csv", the_schema, err, sizeof err);
    }
    if (!o.r)
        fail_msg("roster_open: %s", err);
    return o;
}

static void close_roster(Open *o)
{
    roster_close(o->r);
    if (o->f) {
        fclose(o->f);
        free(o->data);
    } else {
        munmap(o->map, o->maplen);
    }
}

static long hot_misses; /* in a, by the last assert_same_reading */

/* Reads a (LF or CRLF ended) and b (CR ended) row by row, expecting the
 * same from each; the rows the general path read in a. */
static long assert_same_reading(const char *a, size_t alen, bool memory, const char *b, size_t blen)
{
    Open oa = open_roster(a, alen, memory), ob = open_roster(b, blen, false);
    static Seen sa, sb;
    for (int i = 0;; i++) {
        see(oa.r, &sa);
        see(ob.r, &sb);
        if (sa.got != sb.got || sa.row != sb.row || sa.line != sb.line || strcmp(sa.err, sb.err) != 0
            || strcmp(sa.values, sb.values) != 0)
            fail_msg("call %d: %d row %ld line %ld %s%s\n  against %d row %ld line %ld %s%s", i + 1, sa.got, sa.row,
                     sa.line, sa.err, sa.values, sb.got, sb.row, sb.line, sb.err, sb.values);
        if (sa.got == 0)
            break;
        if (i > 100000)
            fail_msg("the reading does not end");
    }
    long general = roster_general_rows(oa.r);
    hot_misses = roster_hot_misses(oa.r);
    close_roster(&oa);
    close_roster(&ob);
    return general;
}

/* A roster of rows rows, its columns in the order order, each row's
 * cells plain with probability (plain_in - 1) / plain_in (0: always):
 * a with LF (or, if crlf, LF and CRLF), b with CR. */
typedef struct {
    char *a, *b;
    size_t alen, blen;
} Pair;

static Pair generate(const int *order, int rows, unsigned plain_in, bool crlf)
{
    Pair p;
    FILE *fa = open_memstream(&p.a, &p.alen), *fb = open_memstream(&p.b, &p.blen);
    for (int k = 0; k < NCOLS; k++) {
        fprintf(fa, "%s%s", k ? "," : "", column_names[order[k]]);
        fprintf(fb, "%s%s", k ? "," : "", column_names[order[k]]);
    }
    fputs("\n", fa);
    fputs("\r", fb);
    for (int i = 0; i < rows; i++) {
        bool plain = plain_in == 0 || roll(plain_in) > 0;
        for (int k = 0; k < NCOLS; k++) {
            const char *c = cell(order[k], plain);
            fprintf(fa, "%s%s", k ? "," : "", c);
            fprintf(fb, "%s%s", k ? "," : "", c);
        }
        fputs(crlf && roll(3) == 0 ? "\r\n" : "\n", fa);
        fputs("\r", fb);
    }
    fclose(fa);
    fclose(fb);
    return p;
}

static void shuffle(int *order)
{
    for (int k = 0; k < NCOLS; k++)
        order[k] = k;
    for (int k = NCOLS - 1; k > 0; k--) {
        int j = (int)roll((unsigned)k + 1), t = order[k];
        order[k] = order[j];
        order[j] = t;
    }
}

/* Plain rows, in every order of columns tried: the fast path reads them
 * all, and reads them as the general path does, from a stream and in
 * place. */
static void plain_rows_are_read_fast_and_the_same(void **state)
{
    (void)state;
    for (int round = 0; round < 40; round++) {
        int order[NCOLS];
        shuffle(order);
        Pair p = generate(order, 400, 0, round % 2);
        assert_int_equal(assert_same_reading(p.a, p.alen, false, p.b, p.blen), 0);
        assert_int_equal(assert_same_reading(p.a, p.alen, true, p.b, p.blen), 0);
        free(p.a);
        free(p.b);
    }
}

/* Rows the probes alone read, whatever column comes last, LF or CRLF
 * ended: hot_row reads every one (none missed), as the general path does,
 * from a stream and in place from an exact copy (rows within 15 bytes of
 * its end are fast_row's: a probe there would read past it). */
static void rows_the_probes_alone_read(void **state)
{
    (void)state;
    memcpy(hot_fields, fields, sizeof fields);
    hot_fields[NOTE] = (FieldDef){.name = "note", .type = {TY_TEXT, 0}};
    the_schema = &hot_schema;
    hot_only = true;
    for (int round = 0; round < 60; round++) {
        int order[NCOLS];
        shuffle(order);
        Pair p = generate(order, 300, 0, round % 2);
        assert_int_equal(assert_same_reading(p.a, p.alen, false, p.b, p.blen), 0);
        assert_true(hot_misses == 0 || hot_misses == -1); /* -1: no hot_row in this build */
        assert_int_equal(assert_same_reading(p.a, p.alen, true, p.b, p.blen), 0);
        assert_true(hot_misses == 0 || hot_misses == -1); /* -1: no hot_row in this build */
        free(p.a);
        free(p.b);
    }
    hot_only = false;
    the_schema = &schema;
}

/* Rows the probes read but for a cell that is nearly one of theirs, in
 * about one row of three: hot_row leaves each such cell to fast_row, and
 * every value and message is the general path's. */
static void near_misses_read_the_same(void **state)
{
    (void)state;
    memcpy(hot_fields, fields, sizeof fields);
    hot_fields[NOTE] = (FieldDef){.name = "note", .type = {TY_TEXT, 0}};
    the_schema = &hot_schema;
    hot_only = near_misses = true;
    for (int round = 0; round < 60; round++) {
        int order[NCOLS];
        shuffle(order);
        Pair p = generate(order, 300, 0, round % 2);
        assert_same_reading(p.a, p.alen, round % 3 == 0, p.b, p.blen);
        if (hot_misses != -1) /* a build with hot_row */
            assert_in_range(hot_misses, 1, 200);
        free(p.a);
        free(p.b);
    }
    hot_only = near_misses = false;
    the_schema = &schema;
}

/* Rows of every spelling, wrong ones too, a third of them plain: the same
 * values and the same messages either way, row after row (a bad row does
 * not stop the reading). */
static void every_spelling_reads_the_same_either_way(void **state)
{
    (void)state;
    for (int round = 0; round < 40; round++) {
        int order[NCOLS];
        shuffle(order);
        Pair p = generate(order, 500, 3, round % 2);
        assert_same_reading(p.a, p.alen, false, p.b, p.blen);
        assert_same_reading(p.a, p.alen, true, p.b, p.blen);
        free(p.a);
        free(p.b);
    }
}

/* A list that fills the members' store, after two the probe read: the
 * store moves, and the lists before it must still point into it. */
static void a_list_that_moves_the_store_after_lists_read_by_the_probe(void **state)
{
    (void)state;
    char *a, *b;
    size_t alen, blen;
    FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
    fputs("id,lane,step,fte,nb,duties,more,note,building,third\n", fa);
    fputs("id,lane,step,fte,nb,duties,more,note,building,third\r", fb);
    for (int i = 0; i < 50; i++) {
        int many = 10 + i * 7;
        fprintf(fa, "T%d,BA,1,1,no,S01;S02,S03;S4;lead7ch,x,North,", i);
        fprintf(fb, "T%d,BA,1,1,no,S01;S02,S03;S4;lead7ch,x,North,", i);
        for (int k = 0; k < many; k++) { /* names of up to 7 bytes, but in every third row */
            const char *name = pos_members[k % (i % 3 ? 5 : 7)];
            fprintf(fa, "%s%s", k ? ";" : "", name);
            fprintf(fb, "%s%s", k ? ";" : "", name);
        }
        fputs("\n", fa);
        fputs("\r", fb);
    }
    fclose(fa);
    fclose(fb);
    assert_int_equal(assert_same_reading(a, alen, false, b, blen), 0);
    assert_int_equal(assert_same_reading(a, alen, true, b, blen), 0);
    free(a);
    free(b);
}

/* Whole numbers with a sign ("-5": days taken off the year) in a column
 * ranged -194 to 194 and in one with no range, first and last in the
 * row: the fast path reads them (no row left to the general path) as the
 * general path does; near misses read the same either way. */
static void signed_whole_numbers_are_read_fast(void **state)
{
    (void)state;
    static const char *const plain[] = {"-5", "-194", "194", "-0", "+7", "-12", "0", "\"-5\"", "-007", NULL};
    static const char *const near[] = {"-195", "-", "--5", "-x", "+-1", "- 5", "-5-", "-5 ", "-1234567890123456789",
                                       "-123456789012345678", "+", "\"-\"", NULL};
    memcpy(hot_fields, fields, sizeof fields);
    the_schema = &hot_schema;
    for (int ranged = 0; ranged < 2; ranged++) {
        hot_fields[STEP] = (FieldDef){.name = "step", .type = {TY_INTEGER, 0}, .has_range = ranged, .lo = -194, .hi = 194};
        for (int last = 0; last < 2; last++) {
            for (int wrong = 0; wrong < 2; wrong++) {
                const char *const *v = wrong ? near : plain;
                char *a, *b;
                size_t alen, blen;
                FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
                const char *header = last ? "id,lane,fte,nb,duties,more,third,note,building,step"
                                          : "step,id,lane,fte,nb,duties,more,third,note,building";
                fprintf(fa, "%s\n", header);
                fprintf(fb, "%s\r", header);
                for (int i = 0; i < 60; i++) {
                    const char *n = v[i % (wrong ? 12 : 9)];
                    if (last) {
                        fprintf(fa, "T%d,BA,1.000,no,S01,,S03,x,North,%s%s", i, n, i % 2 ? "\r\n" : "\n");
                        fprintf(fb, "T%d,BA,1.000,no,S01,,S03,x,North,%s\r", i, n);
                    } else {
                        fprintf(fa, "%s,T%d,BA,1.000,no,S01,,S03,x,North%s", n, i, i % 2 ? "\r\n" : "\n");
                        fprintf(fb, "%s,T%d,BA,1.000,no,S01,,S03,x,North\r", n, i);
                    }
                }
                fclose(fa);
                fclose(fb);
                for (int memory = 0; memory < 2; memory++) {
                    long general = assert_same_reading(a, alen, memory, b, blen);
                    if (!wrong)
                        assert_int_equal(general, 0);
                }
                free(a);
                free(b);
            }
        }
    }
    the_schema = &schema;
}

/* A list's members of 8 bytes and more, of every length around a word's
 * and the probes' 16 bytes: hot_row reads lists of names of up to 79
 * bytes, each in its first slot, as the general path does; names nearly
 * a member's (a byte changed in the first, second, third or last word,
 * one byte longer or shorter), longer ones and members past their first
 * slot read the same either way. */
enum { LONG_NAMES = 20 };
static char long_names[LONG_NAMES + 4][96];
static const char *long_members[LONG_NAMES + 4];
static EnumDef long_enums[2];
static RecordSchema long_schema = {NF, fields, 2, long_enums, NULL};

/* Member k, of n bytes: "m", n in two digits, then the alphabet over and over. */
static void long_name(int k, size_t n)
{
    snprintf(long_names[k], sizeof long_names[k], "m%02zu", n);
    for (size_t i = 3; i < n; i++)
        long_names[k][i] = (char)('a' + (i - 3) % 26);
    long_names[k][n] = '\0';
    long_members[k] = long_names[k];
}

static void read_long_lists(const char *const *cells, unsigned ncells, bool no_misses)
{
    list_cells = cells;
    nlist_cells = ncells;
    the_schema = &long_schema;
    hot_only = true;
    for (int round = 0; round < 30; round++) {
        int order[NCOLS];
        shuffle(order);
        Pair p = generate(order, 200, 0, round % 2);
        long general = assert_same_reading(p.a, p.alen, false, p.b, p.blen);
        if (no_misses) {
            assert_int_equal(general, 0);
            assert_true(hot_misses == 0 || hot_misses == -1); /* -1: no hot_row in this build */
        }
        general = assert_same_reading(p.a, p.alen, true, p.b, p.blen);
        if (no_misses) {
            assert_int_equal(general, 0);
            assert_true(hot_misses == 0 || hot_misses == -1);
        }
        free(p.a);
        free(p.b);
    }
    hot_only = false;
    the_schema = &schema;
    list_cells = NULL;
}

static void long_member_names_in_lists(void **state)
{
    (void)state;
    static const size_t lengths[LONG_NAMES] = {3, 7, 8, 9, 11, 15, 16, 17, 20, 24, 31, 32, 33, 48, 63, 64, 65, 79, 80, 81};
    for (int k = 0; k < LONG_NAMES; k++)
        long_name(k, lengths[k]);
    long_enums[0] = enums[0];
    long_enums[1] = (EnumDef){"Position", LONG_NAMES - 2, long_members, NULL}; /* none of 80 bytes or more */
    static char cells[40][400];
    static const char *plain[40];
    unsigned n = 0;
    plain[n++] = "";
    for (int k = 0; k < LONG_NAMES - 2; k++) { /* each alone, and after and before another */
        snprintf(cells[n], sizeof cells[n], "%s", long_members[k]);
        plain[n] = cells[n];
        n++;
        snprintf(cells[n], sizeof cells[n], "%s;%s;%s", long_members[(k + 5) % 18], long_members[k], long_members[(k + 11) % 18]);
        plain[n] = cells[n];
        n++;
    }
    memcpy(hot_fields, fields, sizeof fields);
    hot_fields[NOTE] = (FieldDef){.name = "note", .type = {TY_TEXT, 0}};
    long_schema.fields = hot_fields;
    read_long_lists(plain, n, true);

    /* near misses, among members of 80 and 81 bytes and members that
     * share their first 8 bytes (one of each pair past its first slot) */
    long_name(LONG_NAMES, 24);
    long_names[LONG_NAMES][20] = 'X'; /* m24's first 8 bytes, and 20 */
    long_name(LONG_NAMES + 1, 12);
    long_names[LONG_NAMES + 1][10] = 'Y'; /* m12abcdefgYi: m12's first 8 bytes only */
    long_name(LONG_NAMES + 2, 40);
    long_name(LONG_NAMES + 3, 12);
    long_enums[1].count = LONG_NAMES + 4;
    static char near_cells[24][400];
    static const char *near[64];
    unsigned m = 0;
    const int changed[][2] = {{9, 8}, {9, 10}, {17, 8}, {17, 15}, {17, 16}, {13, 30}, {13, 40},
                              {16, 64}, {8, 15}, {5, 14}, {11, 31}, {12, 24}, {17, 78}};
    for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) { /* member k with a byte changed */
        snprintf(near_cells[m], sizeof near_cells[m], "%s;%s", long_members[0], long_members[changed[i][0]]);
        near_cells[m][4 + changed[i][1]] ^= 1;
        near[m] = near_cells[m];
        m++;
    }
    snprintf(near_cells[m], sizeof near_cells[m], "%sx", long_members[10]); /* one byte longer */
    near[m] = near_cells[m];
    m++;
    snprintf(near_cells[m], sizeof near_cells[m], "%.30s", long_members[10]); /* one shorter */
    near[m] = near_cells[m];
    m++;
    near[m++] = long_members[18];
    near[m++] = long_members[19];
    near[m++] = long_members[LONG_NAMES];
    near[m++] = long_members[LONG_NAMES + 1];
    near[m++] = long_members[LONG_NAMES + 2];
    near[m++] = long_members[LONG_NAMES + 3];
    for (unsigned k = 0; k < n; k++)
        near[m + k] = plain[k];
    read_long_lists(near, m + n, false);
    long_schema.fields = fields;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_rows_are_read_fast_and_the_same),
        cmocka_unit_test(every_spelling_reads_the_same_either_way),
        cmocka_unit_test(rows_the_probes_alone_read),
        cmocka_unit_test(near_misses_read_the_same),
        cmocka_unit_test(a_list_that_moves_the_store_after_lists_read_by_the_probe),
        cmocka_unit_test(signed_whole_numbers_are_read_fast),
        cmocka_unit_test(long_member_names_in_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
