/* The roster reader: CSV rows into typed records, and every way a roster
 * can be wrong, with the exact message each one gets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record_text.h"
#include "roster.h"

/* enum Lane: BA, BA15, MA, MA15, MA30, DOC
 * enum Position: play_director "Play Director", band "Sr. High Band", yearbook "Yearbook Adviser" */
static const char *lane_members[] = {"BA", "BA15", "MA", "MA15", "MA30", "DOC"};
static const char *lane_display[] = {NULL, NULL, NULL, NULL, NULL, NULL};
static const char *pos_members[] = {"play_director", "band", "yearbook"};
static const char *pos_display[] = {"Play Director", "Sr. High Band", "Yearbook Adviser"};
static const EnumDef enums[] = {
    {"Lane", 6, lane_members, lane_display},
    {"Position", 3, pos_members, pos_display},
};

enum { ID, LANE, STEP, YEARS, FTE, SALARY, NB, HIRED, DUTIES, POS, NF };

static const FieldDef fields[NF] = {
    {.name = "id", .type = {TY_TEXT, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "lane", .type = {TY_ENUM, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "step", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 1, .hi = 13},
    {.name = "years", .type = {TY_INTEGER, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "fte", .type = {TY_DECIMAL, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "salary", .type = {TY_MONEY, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "nb", .type = {TY_BOOL, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "hired", .type = {TY_DATE, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "duties", .type = {TY_LIST, 1}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "pos", .type = {TY_ENUM, 1}, .has_range = false, .lo = 0, .hi = 0},
};
static const RecordSchema schema = {NF, fields, 2, enums, NULL};

#define HEADER "id,lane,step,years,fte,salary,nb,hired,duties,pos\n"
#define NEEDS "(the employee record needs: id, lane, step, years, fte, salary, nb, hired, duties, pos)"

/* A roster read from memory. */
typedef struct {
    char *data;
    FILE *f;
    Roster *r;
    char err[1024];
    Value rec[NF + 4];
} T;

static Roster *open_n(T *t, const RecordSchema *sc, const char *csv, size_t len)
{
    t->data = malloc(len + 1);
    memcpy(t->data, csv, len);
    t->f = fmemopen(t->data, len, "r");
    assert_non_null(t->f);
    t->err[0] = '\0';
    t->r = roster_open(t->f, "roster.csv", sc, t->err, sizeof t->err);
    return t->r;
}

static Roster *open_str(T *t, const char *csv)
{
    return open_n(t, &schema, csv, strlen(csv));
}

static void done(T *t)
{
    roster_close(t->r);
    fclose(t->f);
    free(t->data);
}

static int next(T *t)
{
    t->err[0] = '\0';
    return roster_next(t->r, t->rec, t->err, sizeof t->err);
}

/* Opens csv, which must have a good header, and reads its first row. */
static int first_row(T *t, const char *csv)
{
    if (!open_str(t, csv))
        fail_msg("roster_open: %s", t->err);
    return next(t);
}

/* A good row; one_row() swaps one of its cells. */
static const char *const base[NF] = {"T1", "BA", "1", "0", "1", "40000", "no", "2020-08-24", "", "band"};

/* Reads a roster of HEADER and one row: base with field f's cell written
 * as cell (raw CSV: quote it yourself). */
static int one_row(T *t, int f, const char *cell)
{
    char csv[4096] = HEADER;
    for (int i = 0; i < NF; i++) {
        strcat(csv, i == f ? cell : base[i]);
        strcat(csv, i + 1 < NF ? "," : "\n");
    }
    return first_row(t, csv);
}

/* The message for a bad cell in one_row's roster. */
static void assert_cell_error(int f, const char *cell, const char *want)
{
    T t = {0};
    int got = one_row(&t, f, cell);
    if (got != -1)
        fail_msg("cell %s: expected an error, got %d", cell, got);
    assert_string_equal(t.err, want);
    done(&t);
}

static Rat num(const char *s)
{
    Rat r;
    assert_int_equal(rat_parse(s, strlen(s), true, &r), RAT_OK);
    return r;
}

#define assert_rat(v, s) do { \
        Rat want_ = num(s); \
        if (!rat_eq((v), want_)) \
            fail_msg("expected %s, got %lld/%lld", (s), (long long)(v).n, (long long)(v).d); \
    } while (0)

static int64_t day(int y, int m, int d)
{
    int64_t days;
    assert_true(date_from_ymd(y, m, d, &days));
    return days;
}

static void assert_text(Value v, const char *want)
{
    if (v.text.len != strlen(want) || memcmp(v.text.p, want, v.text.len) != 0)
        fail_msg("expected text \"%s\", got \"%.*s\"", want, (int)v.text.len, v.text.p);
}

static void assert_list(Value v, int n, const int32_t *want)
{
    assert_int_equal(v.list.len, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(v.list.items[i], want[i]);
}

/* ---- rows and values ---- */

static void reads_every_type(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        HEADER
        "T0001,MA15,10,9,0.833,\"$40,000.00\",yes,2020-08-24,band;yearbook,yearbook\n"
        "T0002,DOC,13,-2,1,40000.5,0,1999-12-31,,play_director\n"));
    assert_int_equal(roster_row(t.r), 0);

    assert_int_equal(next(&t), 1);
    assert_int_equal(roster_row(t.r), 1);
    assert_int_equal(roster_line(t.r), 2);
    assert_text(t.rec[ID], "T0001");
    assert_int_equal(t.rec[LANE].i, 3);
    assert_rat(t.rec[STEP].num, "10");
    assert_rat(t.rec[YEARS].num, "9");
    assert_rat(t.rec[FTE].num, "0.833");
    assert_rat(t.rec[SALARY].num, "40000");
    assert_int_equal(t.rec[NB].i, 1);
    assert_int_equal(t.rec[HIRED].i, day(2020, 8, 24));
    assert_list(t.rec[DUTIES], 2, (const int32_t[]){1, 2});
    assert_int_equal(t.rec[POS].i, 2);

    assert_int_equal(next(&t), 1);
    assert_int_equal(roster_row(t.r), 2);
    assert_int_equal(roster_line(t.r), 3);
    assert_text(t.rec[ID], "T0002");
    assert_int_equal(t.rec[LANE].i, 5);
    assert_rat(t.rec[YEARS].num, "-2");
    assert_rat(t.rec[SALARY].num, "40000.5");
    assert_int_equal(t.rec[NB].i, 0);
    assert_int_equal(t.rec[HIRED].i, day(1999, 12, 31));
    assert_int_equal(t.rec[DUTIES].list.len, 0);
    assert_int_equal(t.rec[POS].i, 0);

    assert_int_equal(next(&t), 0);
    assert_int_equal(next(&t), 0);
    assert_int_equal(roster_row(t.r), 2);
    assert_int_equal(roster_line(t.r), 3);
    done(&t);
}

static void bom_crlf_and_no_final_newline(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        "\xEF\xBB\xBF" "id,lane,step,years,fte,salary,nb,hired,duties,pos\r\n"
        "A,BA,1,0,1,1,no,2020-01-01,,band\r\n"
        "B,BA,2,0,1,1,no,2020-01-01,,band\n"
        "C,BA,3,0,1,1,no,2020-01-01,,band"));
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "A");
    assert_int_equal(roster_line(t.r), 2);
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "B");
    assert_int_equal(roster_line(t.r), 3);
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "C");
    assert_int_equal(t.rec[POS].i, 1);
    assert_int_equal(roster_row(t.r), 3);
    assert_int_equal(roster_line(t.r), 4);
    assert_int_equal(next(&t), 0);
    done(&t);
}

static void carriage_return_only_line_ends(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        "id,lane,step,years,fte,salary,nb,hired,duties,pos\r"
        "A,BA,1,0,1,1,no,2020-01-01,,band\r"
        "B,BA,2,0,1,1,no,2020-01-01,,band\r"));
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "A");
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "B");
    assert_rat(t.rec[STEP].num, "2");
    assert_int_equal(roster_line(t.r), 3);
    assert_int_equal(next(&t), 0);
    done(&t);
}

static void quoted_cells(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        HEADER
        "\"Smith, Jane \"\"JJ\"\"\",\"MA\",\"12\",\" 3 \",1,\"$1,200.50\",\"yes\",2020-01-01,\"band;yearbook\",band\n"
        "\"two\nlines\r\nand a third\",BA,1,0,1,1,no,2020-01-01,,band\n"
        "\"\",BA,2,0,1,1,no,2020-01-01,\"\",band\n"
        "after,BA,3,0,1,1,no,2020-01-01,,\"\"\"\"\n"));
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "Smith, Jane \"JJ\"");
    assert_int_equal(t.rec[LANE].i, 2);
    assert_rat(t.rec[STEP].num, "12");
    assert_rat(t.rec[YEARS].num, "3");
    assert_rat(t.rec[SALARY].num, "1200.5");
    assert_list(t.rec[DUTIES], 2, (const int32_t[]){1, 2});

    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "two\nlines\r\nand a third");
    assert_int_equal(roster_row(t.r), 2);
    assert_int_equal(roster_line(t.r), 3);

    assert_int_equal(next(&t), 1); /* starts on line 6: the cell above spans lines 3 to 5 */
    assert_text(t.rec[ID], "");
    assert_int_equal(t.rec[DUTIES].list.len, 0);
    assert_int_equal(roster_row(t.r), 3);
    assert_int_equal(roster_line(t.r), 6);

    assert_int_equal(next(&t), -1); /* a lone quote is not a Position */
    assert_string_equal(t.err, "roster.csv:7: row 4, column \"pos\": \"\"\" is not a Position: "
                               "it is one of play_director, band, yearbook");
    done(&t);
}

static void extra_columns_any_order_and_trimmed_names(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        "building, pos ,duties,hired,nb,salary,fte,years,step,lane,\" id \",,note\n"
        "North,yearbook,,2021-07-01,n,\"$3,934\",0.5,4,7,BA15,T9,,\"a, b\"\n"));
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "T9");
    assert_int_equal(t.rec[LANE].i, 1);
    assert_rat(t.rec[STEP].num, "7");
    assert_rat(t.rec[YEARS].num, "4");
    assert_rat(t.rec[FTE].num, "0.5");
    assert_rat(t.rec[SALARY].num, "3934");
    assert_int_equal(t.rec[NB].i, 0);
    assert_int_equal(t.rec[HIRED].i, day(2021, 7, 1));
    assert_int_equal(t.rec[POS].i, 2);
    assert_int_equal(next(&t), 0);
    done(&t);
}

static void empty_last_cell_at_the_end_of_the_file(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        "lane,step,years,fte,salary,nb,hired,duties,pos,id\n"
        "BA,1,0,1,1,no,2020-01-01,,band,T1\n"
        "BA,1,0,1,1,no,2020-01-01,,band,"));
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "T1");
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "");
    assert_int_equal(next(&t), 0);
    done(&t);
}

/* ---- the header ---- */

static void assert_open_error(const char *csv, size_t len, const char *want)
{
    T t = {0};
    if (open_n(&t, &schema, csv, len))
        fail_msg("expected roster_open to fail with: %s", want);
    assert_string_equal(t.err, want);
    fclose(t.f);
    free(t.data);
}

static void duplicate_column(void **state)
{
    (void)state;
    const char *csv = "id,lane,step,years,fte,salary,nb,hired,duties,pos, fte\nT1\n";
    assert_open_error(csv, strlen(csv), "roster.csv:1: column \"fte\" appears twice");
}

static void missing_columns(void **state)
{
    (void)state;
    const char *one = "id,lane,step,years,FTE,salary,nb,hired,duties,pos\n";
    assert_open_error(one, strlen(one), "roster.csv: missing column \"fte\" " NEEDS);
    const char *two = "id,lane,years,salary,nb,hired,duties,pos,note\nT1,BA,1,1,no,2020-01-01,,band,x\n";
    assert_open_error(two, strlen(two), "roster.csv: missing columns \"step\", \"fte\" " NEEDS);
    const char *none = "T0001,BA,10,9,1.000,40000,no,2020-08-24,,band\n";
    assert_open_error(none, strlen(none), "roster.csv: missing columns \"id\", \"lane\", \"step\", \"years\", \"fte\", "
                                          "\"salary\", \"nb\", \"hired\", \"duties\", \"pos\" " NEEDS);
}

static void empty_file_or_no_header(void **state)
{
    (void)state;
    const char *empty = "roster.csv: the roster is empty: its first line must name the columns";
    assert_open_error("", 0, empty);
    assert_open_error("\xEF\xBB\xBF", 3, empty);
    assert_open_error("\n", 1, "roster.csv:1: the first line is blank; it must name the columns");
    assert_open_error("\r\nid\n", 5, "roster.csv:1: the first line is blank; it must name the columns");
}

static void header_syntax_errors(void **state)
{
    (void)state;
    const char *quote = "id,la\"ne\n";
    assert_open_error(quote, strlen(quote), "roster.csv:1: header, column 2: a quote inside an unquoted cell; "
                                            "quote the whole cell and double the quotes inside it");
    const char *open = "id,\"lane\n";
    assert_open_error(open, strlen(open), "roster.csv:1: header: a quote is never closed (a stray \" in a cell?)");
}

static void unreadable_file(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    char err[256];
    assert_null(roster_open(f, "roster.csv", &schema, err, sizeof err));
    assert_string_equal(err, "roster.csv: cannot read: Bad file descriptor");
    fclose(f);
}

/* ---- bad rows ---- */

static void wrong_number_of_cells(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        HEADER
        "A,BA,1,0,1,1,no,2020-01-01,,band\n"
        "B,BA,1,0,1,1,no,2020-01-01,band\n"
        "C,BA,1,0,1,1,no,2020-01-01,,band,\n"
        "D\n"
        "E,BA,1,0,1,1,no,2020-01-01,,band\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:3: row 2 has 9 cells, the header has 10");
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:4: row 3 has 11 cells, the header has 10");
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:5: row 4 has 1 cell, the header has 10");
    assert_int_equal(next(&t), 1); /* a bad row does not stop the reading */
    assert_text(t.rec[ID], "E");
    assert_int_equal(roster_row(t.r), 5);
    assert_int_equal(next(&t), 0);
    done(&t);
}

static void blank_lines(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t, HEADER "A,BA,1,0,1,1,no,2020-01-01,,band\n\n\r\n\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), 0);
    assert_int_equal(roster_row(t.r), 1);
    assert_int_equal(roster_line(t.r), 2);
    done(&t);

    T u = {0};
    assert_non_null(open_str(&u, HEADER "A,BA,1,0,1,1,no,2020-01-01,,band\n\n\nB,BA,1,0,1,1,no,2020-01-01,,band\n"));
    assert_int_equal(next(&u), 1);
    assert_int_equal(next(&u), -1);
    assert_string_equal(u.err, "roster.csv:3: row 2 is blank; a blank line is allowed only at the end");
    assert_int_equal(roster_row(u.r), 2);
    assert_int_equal(next(&u), -1);
    assert_string_equal(u.err, "roster.csv:3: row 2 is blank; a blank line is allowed only at the end");
    done(&u);
}

static void csv_syntax_errors(void **state)
{
    (void)state;
    assert_cell_error(ID, "T\"1", "roster.csv:2: row 1, column \"id\": a quote inside an unquoted cell; "
                                  "quote the whole cell and double the quotes inside it");
    assert_cell_error(ID, " \"T1\"", "roster.csv:2: row 1, column \"id\": a quote inside an unquoted cell; "
                                     "quote the whole cell and double the quotes inside it");
    assert_cell_error(LANE, "\"BA\"x", "roster.csv:2: row 1, column \"lane\": text after the closing quote of a quoted cell");
    assert_cell_error(LANE, "\"BA\" ", "roster.csv:2: row 1, column \"lane\": text after the closing quote of a quoted cell");
    assert_cell_error(POS, "\"band", "roster.csv:2: row 1: a quote is never closed (a stray \" in a cell?)");

    T t = {0};
    const char nul[] = HEADER "T\0001,BA,1,0,1,1,no,2020-01-01,,band\n";
    assert_non_null(open_n(&t, &schema, nul, sizeof nul - 1));
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:2: row 1, column \"id\": a NUL byte; the roster must be a text file");
    assert_int_equal(next(&t), -1); /* the file cannot be read past it */
    assert_string_equal(t.err, "roster.csv:2: row 1, column \"id\": a NUL byte; the roster must be a text file");
    done(&t);

    T u = {0};
    const char qnul[] = HEADER "A,BA,1,0,1,1,no,2020-01-01,,band\n\"x\ny\0\",BA,1,0,1,1,no,2020-01-01,,band\n";
    assert_non_null(open_n(&u, &schema, qnul, sizeof qnul - 1));
    assert_int_equal(next(&u), 1);
    assert_int_equal(next(&u), -1);
    assert_string_equal(u.err, "roster.csv:3: row 2, column \"id\": a NUL byte; the roster must be a text file");
    done(&u);

    T v = {0};
    assert_non_null(open_str(&v, HEADER "A,BA,1,0,1,1,no,2020-01-01,,band,x\"y\n"));
    assert_int_equal(next(&v), -1);
    assert_string_equal(v.err, "roster.csv:2: row 1, cell 11: a quote inside an unquoted cell; "
                               "quote the whole cell and double the quotes inside it");
    done(&v);
}

/* ---- cells by type ---- */

static void integers(void **state)
{
    (void)state;
    T t = {0};
    assert_int_equal(one_row(&t, YEARS, " +7 "), 1);
    assert_rat(t.rec[YEARS].num, "7");
    done(&t);
    assert_int_equal(one_row(&t, YEARS, "\"-12\""), 1);
    assert_rat(t.rec[YEARS].num, "-12");
    done(&t);
    assert_int_equal(one_row(&t, YEARS, "1000000000000000000"), 1);
    assert_rat(t.rec[YEARS].num, "1000000000000000000");
    done(&t);
    assert_int_equal(one_row(&t, STEP, "13"), 1);
    assert_rat(t.rec[STEP].num, "13");
    done(&t);

    assert_cell_error(YEARS, "1.5", "roster.csv:2: row 1, column \"years\": \"1.5\" is not a whole number");
    assert_cell_error(YEARS, "\"1,000\"", "roster.csv:2: row 1, column \"years\": \"1,000\" is not a whole number");
    assert_cell_error(YEARS, "-", "roster.csv:2: row 1, column \"years\": \"-\" is not a whole number");
    assert_cell_error(YEARS, "1 2", "roster.csv:2: row 1, column \"years\": \"1 2\" is not a whole number");
    assert_cell_error(YEARS, "", "roster.csv:2: row 1, column \"years\": \"\" is empty; a number is needed");
    assert_cell_error(YEARS, "  ", "roster.csv:2: row 1, column \"years\": \"  \" is empty; a number is needed");
    assert_cell_error(YEARS, "1000000000000000001",
                      "roster.csv:2: row 1, column \"years\": \"1000000000000000001\" is too large a number");
    assert_cell_error(YEARS, "99999999999999999999999",
                      "roster.csv:2: row 1, column \"years\": \"99999999999999999999999\" is too large a number");
    assert_cell_error(STEP, "14", "roster.csv:2: row 1, column \"step\": \"14\" is outside 1 to 13");
    assert_cell_error(STEP, "0", "roster.csv:2: row 1, column \"step\": \"0\" is outside 1 to 13");
    assert_cell_error(STEP, "-1", "roster.csv:2: row 1, column \"step\": \"-1\" is outside 1 to 13");
}

static void decimals_and_money(void **state)
{
    (void)state;
    T t = {0};
    assert_int_equal(one_row(&t, FTE, " 0.833 "), 1);
    assert_rat(t.rec[FTE].num, "0.833");
    done(&t);
    assert_int_equal(one_row(&t, FTE, ".5"), 1);
    assert_rat(t.rec[FTE].num, "0.5");
    done(&t);
    assert_int_equal(one_row(&t, SALARY, "\"$40,000\""), 1);
    assert_rat(t.rec[SALARY].num, "40000");
    done(&t);
    assert_int_equal(one_row(&t, SALARY, "40000.00"), 1);
    assert_rat(t.rec[SALARY].num, "40000");
    done(&t);
    assert_int_equal(one_row(&t, SALARY, "\"-$1,200.25\""), 1);
    assert_rat(t.rec[SALARY].num, "-1200.25");
    done(&t);

    assert_cell_error(FTE, "\"1,2\"", "roster.csv:2: row 1, column \"fte\": \"1,2\" is not a decimal number");
    assert_cell_error(FTE, "$1", "roster.csv:2: row 1, column \"fte\": \"$1\" is not a decimal number");
    assert_cell_error(FTE, "1.", "roster.csv:2: row 1, column \"fte\": \"1.\" is not a decimal number");
    assert_cell_error(FTE, "", "roster.csv:2: row 1, column \"fte\": \"\" is empty; a number is needed");
    assert_cell_error(FTE, "0.0000000000000000000001",
                      "roster.csv:2: row 1, column \"fte\": \"0.0000000000000000000001\" is too large or has too many decimals");
    assert_cell_error(SALARY, "\"40,00\"", "roster.csv:2: row 1, column \"salary\": \"40,00\" is not an amount of money");
    assert_cell_error(SALARY, "forty", "roster.csv:2: row 1, column \"salary\": \"forty\" is not an amount of money");
    assert_cell_error(SALARY, "", "roster.csv:2: row 1, column \"salary\": \"\" is empty; an amount is needed");
}

static void yes_no(void **state)
{
    (void)state;
    const char *yes[] = {"yes", "YES", "Yes", "y", "Y", "true", "TRUE", "1", " yes "};
    const char *no[] = {"no", "No", "n", "N", "false", "False", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, NB, yes[i]), 1);
        assert_int_equal(t.rec[NB].i, 1);
        done(&t);
    }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, NB, no[i]), 1);
        assert_int_equal(t.rec[NB].i, 0);
        done(&t);
    }
    assert_cell_error(NB, "maybe", "roster.csv:2: row 1, column \"nb\": \"maybe\" is not yes or no");
    assert_cell_error(NB, "yess", "roster.csv:2: row 1, column \"nb\": \"yess\" is not yes or no");
    assert_cell_error(NB, "2", "roster.csv:2: row 1, column \"nb\": \"2\" is not yes or no");
    assert_cell_error(NB, "", "roster.csv:2: row 1, column \"nb\": \"\" is empty; yes or no is needed");
}

static void dates(void **state)
{
    (void)state;
    T t = {0};
    assert_int_equal(one_row(&t, HIRED, "2020-02-29"), 1);
    assert_int_equal(t.rec[HIRED].i, day(2020, 2, 29));
    done(&t);
    assert_int_equal(one_row(&t, HIRED, "1970-01-01"), 1);
    assert_int_equal(t.rec[HIRED].i, 0);
    done(&t);

    assert_cell_error(HIRED, "2021-02-29", "roster.csv:2: row 1, column \"hired\": \"2021-02-29\" is not a date (YYYY-MM-DD)");
    assert_cell_error(HIRED, "2021-13-01", "roster.csv:2: row 1, column \"hired\": \"2021-13-01\" is not a date (YYYY-MM-DD)");
    assert_cell_error(HIRED, "2020/08/24", "roster.csv:2: row 1, column \"hired\": \"2020/08/24\" is not a date (YYYY-MM-DD)");
    assert_cell_error(HIRED, "2020-8-24", "roster.csv:2: row 1, column \"hired\": \"2020-8-24\" is not a date (YYYY-MM-DD)");
    assert_cell_error(HIRED, "08/24/2020", "roster.csv:2: row 1, column \"hired\": \"08/24/2020\" is not a date (YYYY-MM-DD)");
    assert_cell_error(HIRED, "", "roster.csv:2: row 1, column \"hired\": \"\" is empty; a date is needed");
}

static void enum_members(void **state)
{
    (void)state;
    struct { int field; const char *cell; int64_t want; } ok[] = {
        {LANE, "MA15", 3}, {LANE, "ma15", 3}, {LANE, " Doc ", 5},
        {POS, "band", 1}, {POS, "Sr. High Band", 1}, {POS, "\"Play Director\"", 0}, {POS, "YEARBOOK", 2},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, ok[i].field, ok[i].cell), 1);
        assert_int_equal(t.rec[ok[i].field].i, ok[i].want);
        done(&t);
    }
    assert_cell_error(LANE, "MA16", "roster.csv:2: row 1, column \"lane\": \"MA16\" is not a Lane: "
                                    "it is one of BA, BA15, MA, MA15, MA30, DOC; did you mean \"MA15\"?");
    assert_cell_error(LANE, "Masters", "roster.csv:2: row 1, column \"lane\": \"Masters\" is not a Lane: "
                                       "it is one of BA, BA15, MA, MA15, MA30, DOC");
    assert_cell_error(POS, "yearbok", "roster.csv:2: row 1, column \"pos\": \"yearbok\" is not a Position: "
                                      "it is one of play_director, band, yearbook; did you mean \"yearbook\"?");
    assert_cell_error(POS, "sr. high band", "roster.csv:2: row 1, column \"pos\": \"sr. high band\" is not a Position: "
                                            "it is one of play_director, band, yearbook");
    assert_cell_error(LANE, "", "roster.csv:2: row 1, column \"lane\": \"\" is empty; a member of Lane is needed");
}

static void enum_lists(void **state)
{
    (void)state;
    struct { const char *cell; int n; int32_t want[4]; } ok[] = {
        {"", 0, {0}},
        {"  ", 0, {0}},
        {"band", 1, {1}},
        {"\" band ; Yearbook Adviser \"", 2, {1, 2}},
        {"BAND;play_director;band", 3, {1, 0, 1}},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, DUTIES, ok[i].cell), 1);
        assert_list(t.rec[DUTIES], ok[i].n, ok[i].want);
        done(&t);
    }
    assert_cell_error(DUTIES, "band;yerbook", "roster.csv:2: row 1, column \"duties\": \"band;yerbook\" has \"yerbook\", "
                                              "which is not a Position: it is one of play_director, band, yearbook; "
                                              "did you mean \"yearbook\"?");
    assert_cell_error(DUTIES, "band;;yearbook", "roster.csv:2: row 1, column \"duties\": \"band;;yearbook\" has an empty member; "
                                                "separate members with a single ';'");
    assert_cell_error(DUTIES, "band;", "roster.csv:2: row 1, column \"duties\": \"band;\" has an empty member; "
                                       "separate members with a single ';'");
}

/* A schema with a long enum, one whose members differ only in case, and
 * two lists in one record. */
static const char *big_members[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta",
                                    "eta", "theta", "iota", "kappa", "lambda", "mu"};
static const char *case_members[] = {"ab", "AB", "cd"};
static const EnumDef big_enums[] = {
    {"Item", 12, big_members, NULL},
    {"Pair", 3, case_members, NULL},
};
static const FieldDef big_fields[] = {
    {.name = "g", .type = {TY_ENUM, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "p", .type = {TY_ENUM, 1}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "many", .type = {TY_LIST, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "few", .type = {TY_LIST, 1}, .has_range = false, .lo = 0, .hi = 0},
};
static const RecordSchema big_schema = {4, big_fields, 2, big_enums, NULL};

static int big_row(T *t, const char *csv)
{
    if (!open_n(t, &big_schema, csv, strlen(csv)))
        fail_msg("roster_open: %s", t->err);
    return next(t);
}

static void long_enums_case_and_two_lists(void **state)
{
    (void)state;
    T t = {0};
    assert_int_equal(big_row(&t, "g,p,many,few\nlamda,ab,,\n"), -1);
    assert_string_equal(t.err, "roster.csv:2: row 1, column \"g\": \"lamda\" is not an Item: it is one "
                               "of alpha, beta, gamma, delta, epsilon, zeta, eta, theta, iota, kappa, and 2 more; "
                               "did you mean \"lambda\"?");
    done(&t);

    assert_int_equal(big_row(&t, "g,p,many,few\nmu,Ab,,\n"), -1);
    assert_string_equal(t.err, "roster.csv:2: row 1, column \"p\": \"Ab\" matches several members of Pair "
                               "that differ only in case; write the member exactly");
    done(&t);

    assert_int_equal(big_row(&t, "g,p,many,few\nMU,AB,,CD\n"), 1);
    assert_int_equal(t.rec[0].i, 11);
    assert_int_equal(t.rec[1].i, 1);
    assert_list(t.rec[3], 1, (const int32_t[]){2});
    done(&t);

    /* the first list grows the item buffer; the second must still point right */
    char csv[8192] = "g,p,many,few\nmu,ab,";
    int32_t want[300];
    for (int i = 0; i < 300; i++) {
        want[i] = i % 12;
        strcat(csv, big_members[i % 12]);
        strcat(csv, i < 299 ? ";" : ",ab;cd;AB\n");
    }
    assert_int_equal(big_row(&t, csv), 1);
    assert_list(t.rec[2], 300, want);
    assert_list(t.rec[3], 3, (const int32_t[]){0, 2, 1});
    done(&t);
}

static void bad_values_are_shown_safely(void **state)
{
    (void)state;
    assert_cell_error(FTE, "one two three four five six seven eight nine ten",
                      "roster.csv:2: row 1, column \"fte\": \"one two three four five six seven eight ...\" "
                      "is not a decimal number");
    assert_cell_error(FTE, "\"1\x01\n2\"", "roster.csv:2: row 1, column \"fte\": \"1\\x01\\x0A2\" is not a decimal number");
    /* 39 bytes and a two-byte character: the cut does not split it */
    assert_cell_error(FTE, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9zzz",
                      "roster.csv:2: row 1, column \"fte\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" "
                      "is not a decimal number");
    assert_cell_error(FTE, "\xC3\xA9t\xC3\xA9", "roster.csv:2: row 1, column \"fte\": \"\xC3\xA9t\xC3\xA9\" is not a decimal number");
}

static void a_bad_cell_does_not_stop_the_reading(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        HEADER
        "A,BA,1,0,1,1,no,2020-01-01,,band\n"
        "B,BA,99,0,1,1,no,2020-01-01,,band\n"
        "C,BA,2,0,1,1,no,2020-01-01,,band\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:3: row 2, column \"step\": \"99\" is outside 1 to 13");
    assert_int_equal(roster_row(t.r), 2);
    assert_int_equal(roster_line(t.r), 3);
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "C");
    assert_int_equal(next(&t), 0);
    done(&t);
}

/* ---- size ---- */

static void long_cells_grow_the_buffer(void **state)
{
    (void)state;
    enum { BIG = 300 * 1000 };
    char *cell = malloc(BIG), *csv = malloc(2 * BIG + 1000);
    for (int i = 0; i < BIG; i++)
        cell[i] = "ab,\"\n"[i % 5];
    size_t n = (size_t)sprintf(csv, HEADER "\"");
    for (int i = 0; i < BIG; i++) {
        if (cell[i] == '"')
            csv[n++] = '"';
        csv[n++] = cell[i];
    }
    n += (size_t)sprintf(csv + n, "\",BA,1,0,1,1,no,2020-01-01,,band\nnext,BA,2,0,1,1,no,2020-01-01,,band\n");
    T t = {0};
    assert_non_null(open_n(&t, &schema, csv, n));
    assert_int_equal(next(&t), 1);
    assert_int_equal(t.rec[ID].text.len, BIG);
    assert_memory_equal(t.rec[ID].text.p, cell, BIG);
    assert_int_equal(next(&t), 1);
    assert_text(t.rec[ID], "next");
    assert_int_equal(roster_row(t.r), 2);
    assert_int_equal(roster_line(t.r), 3 + BIG / 5); /* the cell holds BIG / 5 line ends */
    assert_int_equal(next(&t), 0);
    done(&t);
    free(cell);
    free(csv);
}

/* Many rows, so every kind of cell lands on a buffer boundary somewhere. */
static void many_rows(void **state)
{
    (void)state;
    enum { ROWS = 200 * 1000 };
    char *csv;
    size_t len;
    FILE *out = open_memstream(&csv, &len);
    fputs(HEADER, out);
    for (int i = 1; i <= ROWS; i++) {
        if (i % 3 == 0)
            fprintf(out, "\"T%d \"\"q\"\"\r\nx\",MA,%d,%d,0.5,\"$1,%03d.25\",yes,2020-01-01,\"band;yearbook\",band\r\n",
                    i, i % 13 + 1, i, i % 1000);
        else
            fprintf(out, "T%d,BA,%d,%d,1,%d,no,2020-01-01,,yearbook\n", i, i % 13 + 1, i, i);
    }
    fclose(out);
    T t = {0};
    assert_non_null(open_n(&t, &schema, csv, len));
    long line = 2;
    for (int i = 1; i <= ROWS; i++) {
        assert_int_equal(next(&t), 1);
        assert_int_equal(roster_row(t.r), i);
        assert_int_equal(roster_line(t.r), line);
        char id[64];
        Rat years = rat_int(i);
        if (i % 3 == 0) {
            snprintf(id, sizeof id, "T%d \"q\"\r\nx", i);
            assert_int_equal(t.rec[DUTIES].list.len, 2);
            line += 2;
        } else {
            snprintf(id, sizeof id, "T%d", i);
            assert_int_equal(t.rec[DUTIES].list.len, 0);
            line += 1;
        }
        assert_text(t.rec[ID], id);
        assert_true(rat_eq(t.rec[YEARS].num, years));
    }
    assert_int_equal(next(&t), 0);
    done(&t);
    free(csv);
}

static void a_cell_longer_than_1_mib(void **state)
{
    (void)state;
    enum { MIB = 1 << 20 };
    char *csv = malloc(MIB + 200);
    size_t n = (size_t)sprintf(csv, HEADER);
    memset(csv + n, 'x', MIB);
    n += MIB;
    n += (size_t)sprintf(csv + n, ",BA,1,0,1,1,no,2020-01-01,,band\n");
    T t = {0};
    assert_non_null(open_n(&t, &schema, csv, n));
    assert_int_equal(next(&t), 1);
    assert_int_equal(t.rec[ID].text.len, MIB);
    done(&t);

    n = (size_t)sprintf(csv, HEADER "\"");
    memset(csv + n, 'x', MIB + 1);
    n += MIB + 1;
    n += (size_t)sprintf(csv + n, "\",BA,1,0,1,1,no,2020-01-01,,band\n");
    assert_non_null(open_n(&t, &schema, csv, n));
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:2: row 1, column \"id\": a cell longer than 1 MiB; is a quote not closed?");
    done(&t);
    free(csv);
}

static void a_row_longer_than_16_mib(void **state)
{
    (void)state;
    enum { CELL = 1000 * 1000, EXTRA = 20 };
    char *csv = malloc((size_t)EXTRA * (CELL + 1) + 1000);
    size_t n = (size_t)sprintf(csv, "id,lane,step,years,fte,salary,nb,hired,duties,pos");
    for (int i = 0; i < EXTRA; i++)
        n += (size_t)sprintf(csv + n, ",x%d", i);
    n += (size_t)sprintf(csv + n, "\nT1,BA,1,0,1,1,no,2020-01-01,,band");
    for (int i = 0; i < EXTRA; i++) {
        csv[n++] = ',';
        memset(csv + n, 'y', CELL);
        n += CELL;
    }
    csv[n++] = '\n';
    T t = {0};
    assert_non_null(open_n(&t, &schema, csv, n));
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:2: row 1 is longer than 16 MiB; is a quote not closed?");
    done(&t);
    free(csv);
}

/* ---- the fast path: plain rows read without read_row ----
 *
 * A row written plainly (LF ended, no quotes, no spaces, exact spellings)
 * is read by a fast path; anything else by the general one.  These write
 * the same rows both ways and check that the reader cannot tell. */

/* Everything roster_next said about one row, values as text. */
typedef struct {
    int got;
    long row, line;
    char err[1024];
    char values[2048];
} Seen;

static void see(T *t, const RecordSchema *sc, Seen *out)
{
    memset(out, 0, sizeof *out);
    out->got = next(t);
    out->row = roster_row(t->r);
    out->line = roster_line(t->r);
    snprintf(out->err, sizeof out->err, "%s", out->got < 0 ? t->err : "");
    if (out->got != 1)
        return;
    record_text(sc->fields, sc->nfields, t->rec, out->values, sizeof out->values);
}

/* Reads two rosters of schema sc row by row, expecting the same from
 * each; the rows the general path read in the first (roster_general_rows). */
static long assert_same_reading_in(const RecordSchema *sc, const char *a, size_t alen, const char *b, size_t blen)
{
    T ta = {0}, tb = {0};
    if (!open_n(&ta, sc, a, alen))
        fail_msg("roster_open: %s", ta.err);
    if (!open_n(&tb, sc, b, blen))
        fail_msg("roster_open: %s", tb.err);
    static Seen sa, sb, before; /* big */
    for (int i = 0;; i++) {
        see(&ta, sc, &sa);
        see(&tb, sc, &sb);
        if (sa.got != sb.got || sa.row != sb.row || sa.line != sb.line || strcmp(sa.err, sb.err) != 0
            || strcmp(sa.values, sb.values) != 0)
            fail_msg("call %d: %d row %ld line %ld %s%s\n  against %d row %ld line %ld %s%s", i + 1, sa.got, sa.row,
                     sa.line, sa.err, sa.values, sb.got, sb.row, sb.line, sb.err, sb.values);
        if (sa.got == 0)
            break;
        /* a row that cannot be read stops the file: the next call says so again */
        if (i > 0 && sa.got < 0 && before.got < 0 && strcmp(sa.err, before.err) == 0)
            break;
        before = sa;
        if (i > 1000000)
            fail_msg("the reading does not end");
    }
    long general = roster_general_rows(ta.r);
    done(&ta);
    done(&tb);
    return general;
}

static void assert_same_reading(const char *a, size_t alen, const char *b, size_t blen)
{
    assert_same_reading_in(&schema, a, alen, b, blen);
}

static uint64_t rng = 88172645463325252u;
static unsigned roll(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Spellings of each field's cell: plain ones first (the fast path takes
 * them), then others (the fast path takes a plain one in quotes, the
 * general path the rest), then wrong ones. */
static const char *const spellings[NF][20] = {
    [ID] = {"T1", "Smith Jane", "", "x;y", "\"Smith, Jane\"", " T2 ", "\"a \"\"b\"\"\"", "\"\"", "\"T3\"",
            "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m-\xC3\x9Cnal", "x+y#z! w", "T1234567", NULL},
    [LANE] = {"BA", "MA15", "DOC", "ma15", " BA ", "\"MA\"", "\"DOC\"", "Doc", "BA16", "", "BA!", NULL},
    [STEP] = {"1", "13", "07", " 5", "+3", "\"12\"", "\"1\"", "14", "0", "-1", "x", "", "9 ", "\"14\"", NULL},
    [YEARS] = {"0", "42", "999999999999999999", "-2", "1000000000000000000", "\" 3 \"", "\"42\"",
               "1000000000000000001", "1.5", "", "7", "0x", "\"\"", NULL},
    [FTE] = {"1.000", "0.593", "0.5", "0.875", "12", "000.000", " .5", "\"1,2\"", "\"0.875\"", "1.", "$1", "-0.25",
             "1.0005", "0.5931", "1.00.0", "9.999x", NULL},
    [SALARY] = {"40000", "40000.00", "1234567.89", "\"$40,000\"", "\"40000.00\"", "-1.5", "\"-$1,200.25\"", "forty",
                "", "0.008", NULL},
    [NB] = {"yes", "no", "YES", "y", "0", " no", "true", "\"yes\"", "\"no\"", "\"TRUE\"", "maybe", "", "yes!", NULL},
    [HIRED] = {"2020-08-24", "1999-12-31", " 2020-01-01 ", "2021-02-29", "2020-8-24", "\"2020-08-24\"", "", NULL},
    [DUTIES] = {"", "band", "band;yearbook", "play_director;band;yearbook", "BAND", " band ; yearbook",
                "\"band;Yearbook Adviser\"", "\"band;yearbook\"", "\"\"", "\"band\"", "band;", "band;;yearbook", "bnd",
                "band!;yearbook", "band;yearbook#", "\"band;\"", NULL},
    [POS] = {"band", "yearbook", "play_director", "Band", "\"Sr. High Band\"", "\"band\"", "Play Director", "bands", "",
             "play_directors", "play_directo", "\"bands\"", NULL},
};

static void random_rows_read_the_same_either_way(void **state)
{
    (void)state;
    enum { ROWS = 3000 };
    char *a, *b, *c;
    size_t alen, blen, clen;
    FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen), *fc = open_memstream(&c, &clen);
    fputs(HEADER, fa);
    fputs("id,lane,step,years,fte,salary,nb,hired,duties,pos\r", fb);
    fputs(HEADER, fc);
    for (int i = 0; i < ROWS; i++) {
        bool plain = roll(3) > 0; /* most rows all plain, as in a real roster */
        int cells = roll(50) == 0 ? NF - 1 + (int)roll(3) : NF;
        for (int f = 0; f < cells; f++) {
            int k = f < NF ? f : ID, count = 0;
            while (spellings[k][count])
                count++;
            const char *cell = spellings[k][plain ? roll(2) : roll((unsigned)count)];
            const char *sep = f + 1 < cells ? "," : "";
            fprintf(fa, "%s%s", cell, sep);
            fprintf(fb, "%s%s", cell, sep);
            fprintf(fc, "%s%s", cell, sep);
        }
        /* a: LF; b: CR alone, every row through read_row; c: LF or CRLF */
        fputs("\n", fa);
        fputs("\r", fb);
        fputs(roll(4) ? "\n" : "\r\n", fc);
    }
    fputs("T9,BA,1,0,1,1,no,2020-01-01,,band", fa); /* no line end: read_row */
    fputs("T9,BA,1,0,1,1,no,2020-01-01,,band\r", fb);
    fputs("T9,BA,1,0,1,1,no,2020-01-01,,band\n\n\n", fc);
    fclose(fa);
    fclose(fb);
    fclose(fc);
    assert_same_reading(a, alen, b, blen);
    assert_same_reading(c, clen, b, blen);
    free(a);
    free(b);
    free(c);
}

/* A cell in quotes, of every kind, read by the fast path when what is
 * inside is plain and by the general one otherwise: the same values, or
 * the same message, either way, with rows before and after it. */
static void quoted_cells_either_way(void **state)
{
    (void)state;
    static const struct {
        int field;
        const char *cell;
    } cases[] = {
        {LANE, "\"MA15\""}, {LANE, "\"BA\"x"}, {LANE, "\"MA"}, {LANE, "\"\""}, {STEP, "\"13\""}, {STEP, "\"14\""},
        {YEARS, "\"7\" "}, {YEARS, "\"7\"\"\""}, {FTE, "\"0.593\""}, {FTE, "\"0.5\"\""}, {NB, "\"no\""},
        {NB, "\"no\"x"}, {NB, "\"n\"\"o\""}, {HIRED, "\"1999-12-31\""}, {DUTIES, "\"band;yearbook\""},
        {DUTIES, "\"band\"\";yearbook\""}, {DUTIES, "\"\""}, {POS, "\"yearbook\""}, {POS, "\"yearbook\r\n\""},
        {SALARY, "\"1234567.89\""}, {ID, "\"T\"1\""}, {STEP, "\"12x,\""}, {NB, "\"no,\""}, {POS, "\"band,\""},
        {STEP, "\"\"12\""}, {LANE, "\"\"MA\"\""},
    };
    const char *plain[NF] = {"T1", "BA", "1", "0", "1", "1", "no", "2020-01-01", "", "band"};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const char *row[NF];
        memcpy(row, plain, sizeof row);
        row[cases[k].field] = cases[k].cell;
        char *a, *b;
        size_t alen, blen;
        FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
        fputs(HEADER, fa);
        fputs("id,lane,step,years,fte,salary,nb,hired,duties,pos\r", fb);
        for (int r = 0; r < 3; r++)
            for (int f = 0; f < NF; f++) {
                const char *cell = r == 1 ? row[f] : plain[f];
                fprintf(fa, "%s%s", cell, f + 1 < NF ? "," : "\n");
                fprintf(fb, "%s%s", cell, f + 1 < NF ? "," : "\r");
            }
        fclose(fa);
        fclose(fb);
        assert_same_reading(a, alen, b, blen);
        free(a);
        free(b);
    }
    /* a quoted cell must end where what is inside it ends: "12x," is no
     * step, though 12 followed by one byte and a comma would be one */
    const char *spans = HEADER "T1,BA,\"12x,\"3\",1,1,no,2020-01-01,,band\n";
    const char *spans_cr = "id,lane,step,years,fte,salary,nb,hired,duties,pos\rT1,BA,\"12x,\"3\",1,1,no,2020-01-01,,band\r";
    assert_same_reading(spans, strlen(spans), spans_cr, strlen(spans_cr));
}

static void rows_after_general_rows_are_read_and_numbered(void **state)
{
    (void)state;
    T t = {0};
    assert_non_null(open_str(&t,
        HEADER
        "A,BA,1,0,1,1,no,2020-01-01,band;yearbook,band\n"
        "\"B\nb\",BA,2,0,1,1,no,2020-01-01,,band\n"
        "C,BA,3,0,0.5,1,no,2020-01-01,,band\r\n"
        "D,MA,4,0,1,1,yes,2020-01-01,yearbook,band\n"
        "E,BA,14,0,1,1,no,2020-01-01,,band\n"
        "F,BA,5,0,1,1,no,2020-01-01,,band\n"
        "G,BA,6,0,1,1,no,2020-01-01,,band,\n"
        "H,DOC,7,0,1.000,1,no,2020-01-01,play_director,yearbook\n"
        "I,BA,8,0,1,1,no,2020-01-01,band;band,band"));
    struct { const char *id; long row, line; } want[] = {
        {"A", 1, 2}, {"B\nb", 2, 3}, {"C", 3, 5}, {"D", 4, 6}, {NULL, 5, 7}, {"F", 6, 8}, {NULL, 7, 9},
        {"H", 8, 10}, {"I", 9, 11},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int got = next(&t);
        assert_int_equal(roster_row(t.r), want[i].row);
        assert_int_equal(roster_line(t.r), want[i].line);
        if (!want[i].id) {
            assert_int_equal(got, -1);
            continue;
        }
        assert_int_equal(got, 1);
        assert_text(t.rec[ID], want[i].id);
    }
    assert_int_equal(next(&t), 0);
    done(&t);

    /* the two errors above, word for word */
    T u = {0};
    assert_non_null(open_str(&u,
        HEADER
        "A,BA,1,0,1,1,no,2020-01-01,band;yearbook,band\n"
        "\"B\nb\",BA,2,0,1,1,no,2020-01-01,,band\n"
        "E,BA,14,0,1,1,no,2020-01-01,,band\n"
        "G,BA,6,0,1,1,no,2020-01-01,,band,\n"
        "H,DOC,7,0,1.000,1,no,2020-01-01,play_director,yearbook\n"));
    assert_int_equal(next(&u), 1);
    assert_list(u.rec[DUTIES], 2, (const int32_t[]){1, 2});
    assert_int_equal(next(&u), 1);
    assert_int_equal(next(&u), -1);
    assert_string_equal(u.err, "roster.csv:5: row 3, column \"step\": \"14\" is outside 1 to 13");
    assert_int_equal(next(&u), -1);
    assert_string_equal(u.err, "roster.csv:6: row 4 has 11 cells, the header has 10");
    assert_int_equal(next(&u), 1);
    assert_int_equal(u.rec[LANE].i, 5);
    assert_rat(u.rec[FTE].num, "1");
    assert_list(u.rec[DUTIES], 1, (const int32_t[]){0});
    assert_int_equal(u.rec[POS].i, 2);
    assert_int_equal(roster_row(u.r), 5);
    assert_int_equal(roster_line(u.r), 7);
    done(&u);
}

/* Reads one row whose duties cell is n members, written plainly or quoted. */
static int list_row(T *t, int n, bool quoted)
{
    size_t cap = (size_t)n * 16 + 200, len = 0;
    char *csv = malloc(cap);
    len += (size_t)snprintf(csv, cap, HEADER "T1,BA,1,0,1,1,no,2020-01-01,%s", quoted ? "\"" : "");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(csv + len, cap - len, "%s%s", i ? ";" : "", pos_members[i % 3]);
    len += (size_t)snprintf(csv + len, cap - len, "%s,band\n", quoted ? "\"" : "");
    Roster *r = open_n(t, &schema, csv, len);
    free(csv);
    if (!r)
        fail_msg("roster_open: %s", t->err);
    return next(t);
}

static void long_lists_either_way(void **state)
{
    (void)state;
    for (int quoted = 0; quoted < 2; quoted++) {
        T t = {0};
        assert_int_equal(list_row(&t, 10000, quoted), 1); /* items grows, and moves, on the way */
        assert_int_equal(t.rec[DUTIES].list.len, 10000);
        for (int i = 0; i < 10000; i++)
            assert_int_equal(t.rec[DUTIES].list.items[i], i % 3);
        assert_int_equal(t.rec[POS].i, 1);
        done(&t);

        assert_int_equal(list_row(&t, 10001, quoted), -1);
        assert_string_equal(t.err, "roster.csv:2: row 1, column \"duties\": \"play_director;band;yearbook;play_directo...\" "
                                   "has more than 10000 members");
        done(&t);
    }
}

/* Writes a row of cells (in schema order) with its columns in the order
 * given, then eol. */
static void put_row(FILE *f, const char *const cells[NF], const int order[NF], const char *eol)
{
    for (int c = 0; c < NF; c++)
        fprintf(f, "%s%s", cells[order[c]], c + 1 < NF ? "," : eol);
}

/* Rosters whose first read (the first 128 KiB) ends at each byte of one
 * row, or just after it: the fast path reads the rows wholly in the
 * buffer, the word at a time up to the buffer's last line end, and leaves
 * the row that is cut to the general path, which reads more and moves it.
 * Each reads the same as its copy with CR line ends, read by the general
 * path alone.
 * The rows are plain, quoted over a line end, plain with UTF-8 text and a
 * long number, or the last of the file with no line end; with the text
 * column first, and last (its cell then ends near the buffer's last line
 * end).  The last row is as long as the header line with its line end:
 * moved to the front of the buffer, it is followed by what the first read
 * left there, the first filler row, which the fast path would read as one
 * more row if the buffer's last line end were not moved with the rows. */
static void rows_cut_by_the_first_read(void **state)
{
    (void)state;
    enum { FIRST_READ = 128 * 1024 };
    const char *rows[][NF] = {
        {"T1", "MA15", "13", "42", "0.875", "40000.00", "yes", "2020-08-24", "band;yearbook", "play_director"},
        {"\"a \n\"\"b\"\"\"", "BA", "1", "0", "1.000", "1", "no", "2020-01-01", "", "band"},
        {"Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m-\xC3\x9Cnal #2", "DOC", "7", "999999999999999999", "0.593", "1234567.89",
         "no", "1999-12-31", "play_director", "yearbook"},
        {NULL, "BA", "1", "0", "1", "1", "no", "2020-01-01", "", "band"}, /* the last row, no line end */
    };
    char last_id[100] = "T9";
    static const char *const after[][NF] = {
        {"U1", "BA", "2", "0", "1.000", "1", "no", "2020-01-01", "", "band"},
        {"U2 two words", "MA30", "12", "30", "0.250", "52000.50", "yes", "2021-06-30", "yearbook;band", "band"},
    };
    static const int orders[][NF] = {
        {ID, LANE, STEP, YEARS, FTE, SALARY, NB, HIRED, DUTIES, POS},
        {LANE, STEP, YEARS, FTE, SALARY, NB, HIRED, DUTIES, POS, ID},
    };
    const char *filler[NF] = {NULL, "BA", "3", "4", "0.500", "100", "no", "2020-01-01", "band", "band"};
    char id[1024];
    for (size_t o = 0; o < 2; o++) {
        const int *order = orders[o];
        char header[200] = "";
        for (int c = 0; c < NF; c++) {
            strcat(header, fields[order[c]].name);
            strcat(header, c + 1 < NF ? "," : "");
        }
        rows[3][ID] = "";
        size_t rest = 0;
        for (int f = 0; f < NF; f++)
            rest += strlen(rows[3][f]) + (f + 1 < NF);
        memset(last_id + 2, 'x', strlen(header) + 1 - rest - 2);
        last_id[strlen(header) + 1 - rest] = '\0';
        rows[3][ID] = last_id;
        filler[ID] = "";
        char *probe;
        size_t bare; /* a filler row with an empty id */
        FILE *pf = open_memstream(&probe, &bare);
        put_row(pf, filler, order, "\n");
        fclose(pf);
        free(probe);
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            bool last = k == 3;
            size_t len = 0;
            for (int f = 0; f < NF; f++)
                len += strlen(rows[k][f]) + 1;
            for (size_t cut = 0; cut <= len + 1; cut++) {
                char *a, *b;
                size_t alen, blen;
                FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
                fprintf(fa, "%s\n", header);
                fprintf(fb, "%s\r", header);
                /* fillers up to FIRST_READ - cut, the last one's id making up the rest */
                size_t left = FIRST_READ - cut - strlen(header) - 1;
                for (int n = 0; left > 0; n++) {
                    size_t idlen = left >= 2 * (bare + 200) ? 200 : left - bare;
                    memset(id, 'a' + n % 26, idlen);
                    id[idlen] = '\0';
                    filler[ID] = id;
                    put_row(fa, filler, order, "\n");
                    put_row(fb, filler, order, "\r");
                    left -= bare + idlen;
                }
                put_row(fa, rows[k], order, last ? "" : "\n");
                put_row(fb, rows[k], order, last ? "" : "\r");
                for (size_t u = 0; !last && u < sizeof after / sizeof *after; u++) {
                    put_row(fa, after[u], order, "\n");
                    put_row(fb, after[u], order, "\r");
                }
                fclose(fa);
                fclose(fb);
                assert_same_reading(a, alen, b, blen);
                free(a);
                free(b);
            }
        }
    }
}

/* Members found by their last 8 bytes and length, then the rest: names
 * that share them, longer and shorter ones, read plainly and quoted. */
static const char *tail_members[] = {"abcdefgh", "xabcdefgh", "yabcdefgh", "long_name_abcdefgh", "abcdefghi", "h"};
static const EnumDef tail_enums[] = {{"Tail", 6, tail_members, NULL}};
static const FieldDef tail_fields[] = {
    {.name = "one", .type = {TY_ENUM, 0}, .has_range = false, .lo = 0, .hi = 0},
    {.name = "many", .type = {TY_LIST, 0}, .has_range = false, .lo = 0, .hi = 0},
};
static const RecordSchema tail_schema = {2, tail_fields, 1, tail_enums, NULL};

static void members_that_end_alike(void **state)
{
    (void)state;
    for (int quoted = 0; quoted < 2; quoted++) {
        for (int j = 0; j < 6; j++) {
            char csv[512];
            const char *q = quoted ? "\"" : "";
            snprintf(csv, sizeof csv, "one,many\n%s%s%s,%sh;%s;long_name_abcdefgh;abcdefgh%s\n", q, tail_members[j], q, q,
                     tail_members[j], q);
            T t = {0};
            if (!open_n(&t, &tail_schema, csv, strlen(csv)))
                fail_msg("roster_open: %s", t.err);
            assert_int_equal(next(&t), 1);
            assert_int_equal(t.rec[0].i, j);
            assert_list(t.rec[1], 4, (const int32_t[]){5, j, 3, 0});
            assert_int_equal(next(&t), 0);
            done(&t);
        }
    }
    const char *bad[] = {"zabcdefgh,h\n", "h,h;zabcdefgh\n", "short_name_abcdefgh,h\n", "bcdefgh,\n"};
    const char *want[] = {
        "roster.csv:2: row 1, column \"one\": \"zabcdefgh\" is not a Tail: it is one of abcdefgh, xabcdefgh, "
        "yabcdefgh, long_name_abcdefgh, abcdefghi, h; did you mean \"abcdefgh\"?",
        "roster.csv:2: row 1, column \"many\": \"h;zabcdefgh\" has \"zabcdefgh\", which is not a Tail: it is one of "
        "abcdefgh, xabcdefgh, yabcdefgh, long_name_abcdefgh, abcdefghi, h; did you mean \"abcdefgh\"?",
        "roster.csv:2: row 1, column \"one\": \"short_name_abcdefgh\" is not a Tail: it is one of abcdefgh, "
        "xabcdefgh, yabcdefgh, long_name_abcdefgh, abcdefghi, h",
        "roster.csv:2: row 1, column \"one\": \"bcdefgh\" is not a Tail: it is one of abcdefgh, xabcdefgh, "
        "yabcdefgh, long_name_abcdefgh, abcdefghi, h; did you mean \"abcdefgh\"?",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char csv[512];
        snprintf(csv, sizeof csv, "one,many\n%s", bad[i]);
        T t = {0};
        if (!open_n(&t, &tail_schema, csv, strlen(csv)))
            fail_msg("roster_open: %s", t.err);
        assert_int_equal(next(&t), -1);
        assert_string_equal(t.err, want[i]);
        done(&t);
    }
}

/* ---- which path reads a row ----
 *
 * roster_general_rows counts the rows the general path read: the fast
 * path must take every plain row, not just read right the rows it takes.
 * Each roster is also read with CR line ends (every row by the general
 * path), and must read the same. */

/* csv with each line end (LF or CRLF) made a CR. */
static char *cr_copy(const char *csv, size_t *len)
{
    char *cr = malloc(strlen(csv) + 1), *w = cr;
    for (const char *p = csv; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *w++ = *p == '\n' ? '\r' : *p;
    *w = '\0';
    *len = (size_t)(w - cr);
    return cr;
}

/* Reads csv and its CR copy alike; the rows the general path read in csv. */
static long general_rows_reading(const RecordSchema *sc, const char *csv)
{
    size_t crlen;
    char *cr = cr_copy(csv, &crlen);
    long general = assert_same_reading_in(sc, csv, strlen(csv), cr, crlen);
    free(cr);
    return general;
}

/* Rows of every plain spelling, plain and in quotes, LF and CRLF ended:
 * all read by the fast path. */
static void plain_rows_take_the_fast_path(void **state)
{
    (void)state;
    const char *csv = HEADER
        "T1,BA,1,0,1.000,40000,no,2020-08-24,,band\n"
        "Smith Jane #2,MA15,13,999999999999999999,0.875,1234567.89,yes,1999-12-31,band;yearbook,yearbook\r\n"
        "\"Smith, Jane\",DOC,07,42,123456789012345678,0.00000000000000001,YES,2020-01-01,play_director,play_director\n"
        "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m,MA30,12,7,12345678901234567.8,40000.00,TRUE,2020-01-01,band;band;band,band\n"
        "\"T5\",\"MA\",\"12\",\"42\",\"0.593\",\"1.5\",\"no\",\"2020-01-01\",\"band;yearbook\",\"band\"\r\n"
        "T6,BA15,1,0,0.5,1,y,2020-01-01,\"\",band\n"
        "T7,BA15,1,0,9.999,1,n,2020-01-01,yearbook,band\n"
        "T8,BA15,1,0,0.000,1,true,2020-01-01,yearbook,band\n"
        "T9,BA15,1,0,10,1,false,2020-01-01,yearbook,band\n"
        "T10,BA15,1,0,1,1,1,2020-01-01,yearbook,band\n"
        "T11,BA15,1,0,1,1,0,2020-01-01,yearbook,band\n"
        "T12,BA15,1,0,1,1,No,2020-01-01,yearbook,band\n";
    assert_int_equal(general_rows_reading(&schema, csv), 0);
    /* and what the fast path leaves to the general one: a decimal of 19
     * digits, a number of 19, spaces, a step past its range */
    const char *general = HEADER
        "T1,BA,1,0,1234567890123456789,40000,no,2020-08-24,,band\n"
        "T2,BA,1,1000000000000000000,1,40000,no,2020-08-24,,band\n"
        "T3,BA,1, 5,1,40000,no,2020-08-24,,band\n"
        "T4,BA,14,5,1,40000,no,2020-08-24,,band\n";
    assert_int_equal(general_rows_reading(&schema, general), 4);
}

/* An enum of 300 members, all in a table that keeps none apart: most
 * first slots hold another member, found past it by probing; names of
 * up to 7 bytes and longer ones, alone and in lists, read by the fast
 * path; names that are not members, whose first slot is taken, left to
 * the general path and its message. */
static void members_found_past_a_collision(void **state)
{
    (void)state;
    enum { MANY = 300 };
    static char names[MANY][24];
    static const char *members[MANY];
    for (int j = 0; j < MANY; j++) {
        snprintf(names[j], sizeof names[j], j % 3 ? "m%d" : "member_number_%d", j);
        members[j] = names[j];
    }
    const EnumDef many_enums[] = {{"Code", MANY, members, NULL}};
    const FieldDef many_fields[] = {
        {.name = "one", .type = {TY_ENUM, 0}, .has_range = false, .lo = 0, .hi = 0},
        {.name = "many", .type = {TY_LIST, 0}, .has_range = false, .lo = 0, .hi = 0},
    };
    const RecordSchema many_schema = {2, many_fields, 1, many_enums, NULL};
    size_t cap = MANY * 80 + 100, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv + n, cap - n, "one,many\n");
    for (int j = 0; j < MANY; j++)
        n += (size_t)snprintf(csv + n, cap - n, "%s,%s;%s;m1\n", names[j], names[(j * 7) % MANY], names[j]);
    assert_int_equal(general_rows_reading(&many_schema, csv), 0);
    T t = {0};
    assert_non_null(open_n(&t, &many_schema, csv, n));
    for (int j = 0; j < MANY; j++) {
        assert_int_equal(next(&t), 1);
        assert_int_equal(t.rec[0].i, j);
        assert_list(t.rec[1], 3, (const int32_t[]){(j * 7) % MANY, j, 1});
    }
    done(&t);
    n = (size_t)snprintf(csv, cap, "one,many\n");
    for (int j = MANY; j < MANY + 40; j++)
        n += (size_t)snprintf(csv + n, cap - n, "m%d,m1\nm1,m2;m%d\n", j, j);
    assert_int_equal(general_rows_reading(&many_schema, csv), 80); /* each row has one */
    free(csv);
}

/* Two lists in a row, the second long enough that the members' store
 * grows (and moves) while it is read: the first still reads right. */
static void a_list_before_one_that_grows_the_store(void **state)
{
    (void)state;
    char csv[4096];
    size_t n = (size_t)snprintf(csv, sizeof csv, "few,g,p,many\nab;cd,alpha,ab,");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, "%s%s", i ? ";" : "", big_members[i % 12]);
    snprintf(csv + n, sizeof csv - n, "\n");
    assert_int_equal(general_rows_reading(&big_schema, csv), 0);
    T t = {0};
    assert_int_equal(big_row(&t, csv), 1);
    assert_list(t.rec[3], 2, (const int32_t[]){0, 2});
    assert_int_equal(t.rec[2].list.len, 200);
    for (int i = 0; i < 200; i++)
        assert_int_equal(t.rec[2].list.items[i], i % 12);
    done(&t);
}

/* A decimal d.ddd, FTE's usual spelling, in lowest terms from a table:
 * every ddd, read as the general path reads it. */
static void every_thousandth_in_lowest_terms(void **state)
{
    (void)state;
    size_t cap = 1000 * 64 + 100, n = 0;
    char *csv = malloc(cap);
    n += (size_t)snprintf(csv + n, cap - n, HEADER);
    for (int f = 0; f < 1000; f++)
        n += (size_t)snprintf(csv + n, cap - n, "T%d,BA,1,0,%d.%03d,1,no,2020-01-01,,band\n", f, f % 10, f);
    assert_int_equal(general_rows_reading(&schema, csv), 0);
    free(csv);
    static const struct {
        const char *cell;
        int64_t n, d;
    } cases[] = {{"0.875", 7, 8}, {"1.000", 1, 1}, {"0.500", 1, 2}, {"9.999", 9999, 1000}, {"0.000", 0, 1},
                 {"2.250", 9, 4}, {"0.008", 1, 125}, {"3.040", 76, 25}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, FTE, cases[i].cell), 1);
        assert_int_equal(t.rec[FTE].num.n, cases[i].n);
        assert_int_equal(t.rec[FTE].num.d, cases[i].d);
        assert_int_equal(roster_general_rows(t.r), 0);
        done(&t);
    }
}

/* Integers at the ends of their ranges, and just past them. */
static void integers_at_the_ends_of_their_ranges(void **state)
{
    (void)state;
    const FieldDef range_fields[] = {
        {.name = "small", .type = {TY_INTEGER, 0}, .has_range = true, .lo = -3, .hi = 3},
        {.name = "large", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 0, .hi = 999999999999999999},
        {.name = "one", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 7, .hi = 7},
    };
    const RecordSchema range_schema = {3, range_fields, 0, NULL, NULL};
    assert_int_equal(general_rows_reading(&range_schema, "small,large,one\n0,0,7\n3,999999999999999999,7\n-3,0,7\n"), 0);
    const char *past[] = {"small,large,one\n4,0,7\n", "small,large,one\n0,1000000000000000000,7\n",
                          "small,large,one\n0,0,6\n", "small,large,one\n0,0,8\n", "small,large,one\n-4,0,7\n"};
    for (size_t i = 0; i < sizeof past / sizeof *past; i++)
        assert_int_equal(general_rows_reading(&range_schema, past[i]), 1);
    /* a range with nothing in it: every number is outside it */
    const FieldDef empty_fields[] = {{.name = "x", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 5, .hi = 4}};
    const RecordSchema empty_schema = {1, empty_fields, 0, NULL, NULL};
    assert_int_equal(general_rows_reading(&empty_schema, "x\n5\n"), 1);
}

/* A roster of one column: a blank line is a blank line, not an empty
 * cell, whichever path meets it. */
static void a_blank_line_in_one_column(void **state)
{
    (void)state;
    const FieldDef one_field[] = {{.name = "id", .type = {TY_TEXT, 0}, .has_range = false, .lo = 0, .hi = 0}};
    const RecordSchema one_schema = {1, one_field, 0, NULL, NULL};
    assert_int_equal(general_rows_reading(&one_schema, "id\nT1\n\"\"\nT2\n"), 0);
    assert_int_equal(general_rows_reading(&one_schema, "id\nT1\n\nT2\n"), 1);
    assert_int_equal(general_rows_reading(&one_schema, "id\r\nT1\r\n\r\nT2\r\n"), 1);
    T t = {0};
    assert_non_null(open_n(&t, &one_schema, "id\nT1\n\nT2\n", 11));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "roster.csv:3: row 2 is blank; a blank line is allowed only at the end");
    done(&t);
}

static void plain_numbers_are_exact(void **state)
{
    (void)state;
    const char *decimals[] = {"1.000", "0.500", "0.0", "000.000", "10", "0.125", "99.990", "1234567890.12345678",
                              "123456789012345678", "0.000000000000000001", "100000.000000000000", "0.1000000",
                              "7.0625", "5", "0", "0.593", "2.250", "0.000", "9.999", "0.008", "1.200", "3.1250",
                              "1.0005", "12.500", "0.625", "4.096", "0.016"};
    for (size_t i = 0; i < sizeof decimals / sizeof *decimals; i++) {
        for (int f = FTE; f <= SALARY; f++) {
            T t = {0};
            assert_int_equal(one_row(&t, f, decimals[i]), 1);
            assert_rat(t.rec[f].num, decimals[i]);
            done(&t);
        }
    }
    const char *integers[] = {"0", "007", "999999999999999999", "000000000000000001", "1000000000000000000", "-0", "-42",
                              "5", "42", "10", "100"};
    for (size_t i = 0; i < sizeof integers / sizeof *integers; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, YEARS, integers[i]), 1);
        assert_rat(t.rec[YEARS].num, integers[i]);
        done(&t);
    }
}

/* roster_open_memory (the pieces of --jobs) reads the same values and
 * gives the same messages as roster_open over the same bytes: plain rows,
 * a quoted cell unescaped in place, CRLF, a last line without a line end,
 * and a bad cell. */
static void read_in_place(void **state)
{
    (void)state;
    const char *csvs[] = {
        HEADER "T1,BA,1,0,1,40000,no,2020-08-24,,band\n"
               "\"T\"\"2\",MA,2,5,0.5,\"$41,000\",yes,2021-01-04,band;yearbook,play_director\r\n"
               "T3,DOC,13,30,1.000,50000.25,no,2019-08-24,play_director,yearbook",
        HEADER "T1,BA,1,0,1,40000,no,2020-08-24,,band\nT2,PhD,1,0,1,40000,no,2020-08-24,,band\n",
    };
    for (size_t k = 0; k < sizeof csvs / sizeof csvs[0]; k++) {
        T file = {0};
        if (!open_str(&file, csvs[k]))
            fail_msg("roster_open: %s", file.err);
        size_t len = strlen(csvs[k]);
        char *data = malloc(len);
        memcpy(data, csvs[k], len);
        char err[1024] = "";
        Value rec[NF + 4];
        Roster *mem = roster_open_memory(data, len, "roster.csv", &schema, err, sizeof err);
        assert_non_null(mem);
        int rows = 0;
        for (;;) {
            int a = next(&file);
            int b = roster_next(mem, rec, err, sizeof err);
            assert_int_equal(a, b);
            if (a != 1) {
                if (a < 0)
                    assert_string_equal(err, file.err);
                break;
            }
            rows++;
            assert_int_equal(roster_row(mem), roster_row(file.r));
            assert_int_equal(roster_line(mem), roster_line(file.r));
            assert_int_equal(rec[ID].text.len, file.rec[ID].text.len);
            assert_memory_equal(rec[ID].text.p, file.rec[ID].text.p, rec[ID].text.len);
            for (int f = STEP; f <= SALARY; f++)
                assert_true(rat_eq(rec[f].num, file.rec[f].num));
            assert_int_equal(rec[LANE].i, file.rec[LANE].i);
            assert_int_equal(rec[NB].i, file.rec[NB].i);
            assert_int_equal(rec[HIRED].i, file.rec[HIRED].i);
            assert_int_equal(rec[DUTIES].list.len, file.rec[DUTIES].list.len);
            for (uint32_t m = 0; m < rec[DUTIES].list.len; m++)
                assert_int_equal(rec[DUTIES].list.items[m], file.rec[DUTIES].list.items[m]);
        }
        assert_int_equal(rows, k == 0 ? 3 : 1);
        roster_close(mem);
        free(data);
        done(&file);
    }
}

/* CRLF line ends and quoted text with nothing to unescape (what Python's
 * csv module and spreadsheets write) are read by the fast path too: the
 * same as the general path reads them (from a copy with CR line ends), and
 * the text is what is between the quotes. */
static void crlf_and_quoted_text(void **state)
{
    (void)state;
    const char *rows[] = {
        "\"Smith, Jane\",BA,1,0,1,1,no,2020-01-01,,band",
        "\"\",MA,2,3,0.5,40000.25,yes,2020-01-01,band;yearbook,yearbook",
        "T3,DOC,13,30,1.000,1,no,2020-01-01,,play_director",
        "\"O'Neil; \tx\",BA,1,0,1,1,no,2020-01-01,band,band",
        "\"a \"\"b\"\"\",BA,1,0,1,1,no,2020-01-01,,band",
        "\"T,6\",BA,1,0,1,1,no,2020-01-01,,",
    };
    const char *want[] = {"Smith, Jane", "", "T3", "O'Neil; \tx", "a \"b\"", "T,6"};
    char crlf[1024] = HEADER, cr[1024] = "id,lane,step,years,fte,salary,nb,hired,duties,pos\r";
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        strcat(strcat(crlf, rows[i]), "\r\n");
        strcat(strcat(cr, rows[i]), "\r");
    }
    assert_same_reading(crlf, strlen(crlf), cr, strlen(cr));
    T t = {0};
    assert_non_null(open_str(&t, crlf));
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        int got = next(&t);
        if (i == 5) { /* pos is empty: an error, as the general path says */
            assert_int_equal(got, -1);
            break;
        }
        assert_int_equal(got, 1);
        assert_text(t.rec[ID], want[i]);
        assert_int_equal(roster_line(t.r), (long)i + 2);
    }
    done(&t);
}

/* ---- encodings, separators, ids, pieces ---- */

#define NOT_UTF8 "; the roster may have been saved as Latin-1 or Windows-1252: save it as UTF-8 (in Excel, as \"CSV UTF-8\")"

/* A cell that is not UTF-8, in the id (text, as the fast path reads it),
 * in quotes and in the lane (an enum): the bytes named; the same message
 * with CR line ends (every row read by the general path). */
static void cells_that_are_not_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *shown, *bytes;
    } cases[] = {
        {"Ren\xE9" "e", "Ren\\xE9e", "byte E9"},                      /* Latin-1 é */
        {"\x93quoted\x94", "\\x93quoted\\x94", "byte 93"},              /* Windows-1252 quotes */
        {"\xED\xA0\x80", "\\xED\\xA0\\x80", "bytes ED A0 80"},          /* a surrogate, D800 */
        {"a\xED\xBF\xBF", "a\\xED\\xBF\\xBF", "bytes ED BF BF"},        /* DFFF */
        {"\xF4\x90\x80\x80", "\\xF4\\x90\\x80\\x80", "bytes F4 90 80 80"}, /* 110000 */
        {"\xC0\xAF", "\\xC0\\xAF", "bytes C0 AF"},                      /* overlong '/' */
        {"\xC1\xBF", "\\xC1\\xBF", "bytes C1 BF"},
        {"\xE0\x80\xAF", "\\xE0\\x80\\xAF", "bytes E0 80 AF"},          /* overlong, three bytes */
        {"\xF0\x80\x80\xAF", "\\xF0\\x80\\x80\\xAF", "bytes F0 80 80 AF"}, /* overlong, four bytes */
        {"\xF5\x80\x80\x80", "\\xF5\\x80\\x80\\x80", "bytes F5 80 80 80"}, /* F5 to FF lead nothing */
        {"x\xFF", "x\\xFF", "byte FF"},
        {"\xE2\x82", "\\xE2\\x82", "bytes E2 82"},                      /* € cut short at the end */
        {"\xE2\x82" "x", "\\xE2\\x82x", "bytes E2 82"},                 /* and before a letter */
        {"\xF0\x9D\x84", "\\xF0\\x9D\\x84", "bytes F0 9D 84"},
        {"\x80", "\\x80", "byte 80"},                                   /* a continuation byte alone */
        {"\xC3\xA9\xA9", "\xC3\xA9\\xA9", "byte A9"},                   /* é, then one too many */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int f = ID; f <= LANE; f++) {
            const char *name = f == ID ? "id" : "lane";
            char want[512], quoted[64], lf[512], cr[512];
            snprintf(want, sizeof want, "roster.csv:2: row 1, column \"%s\": \"%s\" is not UTF-8 text (the %s)" NOT_UTF8, name,
                     cases[i].shown, cases[i].bytes);
            assert_cell_error(f, cases[i].cell, want);
            snprintf(quoted, sizeof quoted, "\"%s\"", cases[i].cell);
            assert_cell_error(f, quoted, want);
            snprintf(lf, sizeof lf, HEADER "%s,BA,1,0,1,1,no,2020-01-01,,band\n", f == ID ? quoted : "T1");
            snprintf(cr, sizeof cr, "id,lane,step,years,fte,salary,nb,hired,duties,pos\r%s,BA,1,0,1,1,no,2020-01-01,,band\r",
                     f == ID ? quoted : "T1");
            assert_same_reading(lf, strlen(lf), cr, strlen(cr));
        }
    }
    /* UTF-8 at the edges of what it allows */
    const char *good[] = {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
                          "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "Zo\xC3\xAB \xE2\x82\xAC \xF0\x9D\x84\x9E"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, ID, good[i]), 1);
        assert_text(t.rec[ID], good[i]);
        done(&t);
    }
    /* a column the record does not read is not looked at */
    T t = {0};
    assert_int_equal(first_row(&t, "id,lane,step,years,fte,salary,nb,hired,duties,pos,note\n"
                                   "T1,BA,1,0,1,1,no,2020-01-01,,band,caf\xE9\n"), 1);
    done(&t);
}

/* A roster saved as UTF-16 is named so, from its first two bytes. */
static void utf16(void **state)
{
    (void)state;
    const char *want = "roster.csv: the roster looks like UTF-16 text (as Excel's \"Unicode Text\" saves it), not UTF-8: "
                       "save it as UTF-8 (in Excel, as \"CSV UTF-8\")";
    assert_open_error("\xFF\xFEi\0d\0,\0", 8, want);
    assert_open_error("\xFE\xFF\0i\0d\0,", 8, want);
    assert_open_error("i\0d\0,\0l\0", 8, want);
    assert_open_error("\0i\0d\0,\0l", 8, want);
    /* a NUL after a line end is not UTF-16: the line is blank */
    assert_open_error("\n\0", 2, "roster.csv:1: the first line is blank; it must name the columns");
}

/* A roster whose columns are separated by ';' is named so. */
static void semicolons_in_the_header(void **state)
{
    (void)state;
    const char *semi = "id;lane;step;years;fte;salary;nb;hired;duties;pos\nT1;BA;1;0;1;1;no;2020-01-01;;band\n";
    assert_open_error(semi, strlen(semi),
                      "roster.csv:1: the header \"id;lane;step;years;fte;salary;nb;hired;d...\" is separated by \";\", "
                      "but a roster's columns are separated by \",\": save it as CSV with \",\" as the separator "
                      "(a spreadsheet that writes decimal commas uses \";\")");
    const char *bom = "\xEF\xBB\xBF" "Employee; id ;lane\n";
    assert_open_error(bom, strlen(bom),
                      "roster.csv:1: the header \"Employee; id ;lane\" is separated by \";\", but a roster's columns are "
                      "separated by \",\": save it as CSV with \",\" as the separator (a spreadsheet that writes decimal "
                      "commas uses \";\")");
    /* a ';' in a name that is no field's: only the missing columns */
    const char *note = "id,lane,step,years,fte,salary,nb,hired,duties,note;x\n";
    assert_open_error(note, strlen(note), "roster.csv: missing column \"pos\" " NEEDS);
}

/* A list written with commas is told that members are separated by ';';
 * a cell that is one unknown member is not quoted twice. */
static void list_separators(void **state)
{
    (void)state;
    const char *sep = "separates members with \",\", but a list's members are separated by \";\"";
    char want[512];
    snprintf(want, sizeof want, "roster.csv:2: row 1, column \"duties\": \"band, yearbook\" %s: write \"band;yearbook\"", sep);
    assert_cell_error(DUTIES, "\"band, yearbook\"", want);
    snprintf(want, sizeof want, "roster.csv:2: row 1, column \"duties\": \"play_director;band , Yearbook Adviser\" %s: "
                                "write \"play_director;band;Yearbook Adviser\"", sep);
    assert_cell_error(DUTIES, "\"play_director;band , Yearbook Adviser\"", want);
    assert_cell_error(DUTIES, "flute",
                      "roster.csv:2: row 1, column \"duties\": \"flute\" is not a Position: it is one of play_director, band, "
                      "yearbook");
    assert_cell_error(DUTIES, "band;flute",
                      "roster.csv:2: row 1, column \"duties\": \"band;flute\" has \"flute\", which is not a Position: it is one "
                      "of play_director, band, yearbook");
}

/* A piece read after blank lines that ended the pieces before it: a row
 * in it is the error the whole file gives; only blank lines are not. */
static void blank_lines_before_a_piece(void **state)
{
    (void)state;
    char err[512];
    Value rec[NF + 4];
    char rows[] = HEADER "A,BA,1,0,1,1,no,2020-01-01,,band\n";
    Roster *r = roster_open_memory(rows, strlen(rows), "roster.csv", &schema, err, sizeof err);
    assert_non_null(r);
    roster_renumber(r, 7, 12);
    roster_after_blank(r, 5, 9);
    assert_int_equal(roster_next(r, rec, err, sizeof err), -1);
    assert_string_equal(err, "roster.csv:9: row 5 is blank; a blank line is allowed only at the end");
    roster_close(r);

    char blank[] = HEADER "\n\r\n";
    r = roster_open_memory(blank, strlen(blank), "roster.csv", &schema, err, sizeof err);
    assert_non_null(r);
    roster_renumber(r, 7, 12);
    roster_after_blank(r, 5, 9);
    assert_int_equal(roster_next(r, rec, err, sizeof err), 0);
    roster_close(r);
}

/* Read from a stream (in chunks) and in place (whole), a file gives the
 * same message for a cell or a row that is too long, whatever follows
 * where the chunks end: a NUL byte after a cell over 1 MiB, a long cell
 * after 16 MiB of short ones, and a row of 20 MB whose cells are each
 * within 1 MiB. */
static void limits_the_same_read_whole_or_in_chunks(void **state)
{
    (void)state;
    enum { MIB = 1 << 20 };
    char *csv = malloc(48 * MIB);
    size_t n = (size_t)sprintf(csv, HEADER "\"");
    memset(csv + n, 'x', MIB + 100000);
    n += MIB + 100000;
    csv[n++] = '\0';
    n += (size_t)sprintf(csv + n, "\",BA,1,0,1,1,no,2020-01-01,,band\n");
    struct {
        size_t len;
        const char *want;
    } files[3] = {{n, "roster.csv:2: row 1, column \"id\": a cell longer than 1 MiB; is a quote not closed?"}};

    char *second = csv + n;
    size_t m = (size_t)sprintf(second, "id,lane,step,years,fte,salary,nb,hired,duties,pos");
    for (int i = 0; i < 40; i++)
        m += (size_t)sprintf(second + m, ",x%d", i);
    m += (size_t)sprintf(second + m, "\nT1,BA,1,0,1,1,no,2020-01-01,,band");
    for (int i = 0; i < 20; i++) { /* 20 cells of 900,000 bytes, then one of 2 MiB */
        second[m++] = ',';
        memset(second + m, 'y', 900000);
        m += 900000;
    }
    second[m++] = ',';
    memset(second + m, 'z', 2 * MIB);
    m += 2 * MIB;
    second[m++] = '\n';
    files[1].len = m;
    files[1].want = "roster.csv:2: row 1 is longer than 16 MiB; is a quote not closed?";

    char *third = second + m;
    size_t k = (size_t)sprintf(third, "id,lane,step,years,fte,salary,nb,hired,duties,pos");
    for (int i = 0; i < 40; i++)
        k += (size_t)sprintf(third + k, ",x%d", i);
    k += (size_t)sprintf(third + k, "\nT1,BA,1,0,1,1,no,2020-01-01,,band");
    for (int i = 0; i < 40; i++) { /* the fast path would take it whole */
        third[k++] = ',';
        memset(third + k, 'y', 500000);
        k += 500000;
    }
    third[k++] = '\n';
    files[2].len = k;
    files[2].want = "roster.csv:2: row 1 is longer than 16 MiB; is a quote not closed?";

    const char *data[3] = {csv, second, third};
    for (int i = 0; i < 3; i++) {
        T t = {0};
        assert_non_null(open_n(&t, &schema, data[i], files[i].len));
        assert_int_equal(next(&t), -1);
        assert_string_equal(t.err, files[i].want);
        done(&t);
        char *copy = malloc(files[i].len), err[512];
        memcpy(copy, data[i], files[i].len);
        Value rec[NF + 4];
        Roster *r = roster_open_memory(copy, files[i].len, "roster.csv", &schema, err, sizeof err);
        assert_non_null(r);
        assert_int_equal(roster_next(r, rec, err, sizeof err), -1);
        assert_string_equal(err, files[i].want);
        roster_close(r);
        free(copy);
    }
    free(csv);
}

/* A money cell with more than cents is kept exact, read either way. */
static void money_keeps_every_decimal(void **state)
{
    (void)state;
    const char *cells[] = {"40000.005", "\"$40,000.005\"", "\"40000.005\"", " 40000.005 "};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        T t = {0};
        assert_int_equal(one_row(&t, SALARY, cells[i]), 1);
        assert_int_equal(t.rec[SALARY].num.n, 8000001);
        assert_int_equal(t.rec[SALARY].num.d, 200);
        done(&t);
    }
    T t = {0};
    assert_int_equal(one_row(&t, SALARY, "0.000000000001"), 1);
    assert_int_equal(t.rec[SALARY].num.n, 1);
    assert_int_equal(t.rec[SALARY].num.d, 1000000000000);
    done(&t);
}

/* Fields with a default: a roster may leave their columns out (every row
 * gets the default), and an `optional` one's empty cell is its default,
 * read by the fast path (plain rows) and the general one (a row with
 * spaces) alike; a plain default's empty cell is still an error. */
static void defaults_fill_columns_left_out(void **state)
{
    (void)state;
    enum { D_ID, D_SALARY, D_LANE, D_STEP, D_EXTRA, D_NOTE, D_DUTIES, D_NF };
    FieldDef f[D_NF] = {
        {.name = "id", .type = {TY_TEXT, 0}},
        {.name = "salary", .type = {TY_MONEY, 0}},
        {.name = "lane", .type = {TY_ENUM, 0}, .has_default = true, .deflt.i = 2},
        {.name = "step", .type = {TY_INTEGER, 0}, .has_range = true, .lo = 1, .hi = 13, .has_default = true,
         .empty_is_default = true},
        {.name = "extra", .type = {TY_DECIMAL, 0}, .has_default = true, .empty_is_default = true},
        {.name = "note", .type = {TY_TEXT, 0}, .has_default = true, .empty_is_default = true},
        {.name = "duties", .type = {TY_LIST, 1}, .has_default = true},
    };
    f[D_STEP].deflt.num = rat_int(1);
    f[D_EXTRA].deflt.num = rat_scaled(5, 1);
    f[D_NOTE].deflt.text.p = "none";
    f[D_NOTE].deflt.text.len = 4;
    const RecordSchema sc = {D_NF, f, 2, enums, NULL};
    const char *left_out = "id,salary\nT1,100\nT2, 200 \n";
    T t = {0};
    assert_non_null(open_n(&t, &sc, left_out, strlen(left_out)));
    for (int i = 0; i < 2; i++) {
        assert_int_equal(next(&t), 1);
        assert_int_equal(t.rec[D_LANE].i, 2);
        assert_true(rat_eq(t.rec[D_STEP].num, rat_int(1)));
        assert_true(rat_eq(t.rec[D_EXTRA].num, rat_scaled(5, 1)));
        assert_text(t.rec[D_NOTE], "none");
        assert_int_equal(t.rec[D_DUTIES].list.len, 0);
    }
    assert_true(rat_eq(t.rec[D_SALARY].num, rat_int(200)));
    assert_int_equal(next(&t), 0);
    done(&t);

    const char *empty = "id,salary,step,extra,note,lane\nT1,100,,,,MA\nT2,100,3,2,x,BA\nT3,100, , ,\"\",BA\nT4,100,,,,\n";
    assert_non_null(open_n(&t, &sc, empty, strlen(empty)));
    assert_int_equal(next(&t), 1);
    assert_true(rat_eq(t.rec[D_STEP].num, rat_int(1)));
    assert_true(rat_eq(t.rec[D_EXTRA].num, rat_scaled(5, 1)));
    assert_text(t.rec[D_NOTE], "none");
    assert_int_equal(next(&t), 1);
    assert_true(rat_eq(t.rec[D_STEP].num, rat_int(3)));
    assert_true(rat_eq(t.rec[D_EXTRA].num, rat_int(2)));
    assert_text(t.rec[D_NOTE], "x");
    assert_int_equal(next(&t), 1);
    assert_true(rat_eq(t.rec[D_STEP].num, rat_int(1)));
    assert_true(rat_eq(t.rec[D_EXTRA].num, rat_scaled(5, 1)));
    assert_text(t.rec[D_NOTE], "none");
    assert_int_equal(next(&t), -1); /* lane has a default, but is not optional */
    assert_string_equal(t.err, "roster.csv:5: row 4, column \"lane\": \"\" is empty; a member of Lane is needed");
    done(&t);

    const char *needs = "id,lane\nT1,BA\n";
    assert_null(open_n(&t, &sc, needs, strlen(needs)));
    assert_string_equal(t.err, "roster.csv: missing column \"salary\" (the employee record needs: id, salary)");
    fclose(t.f);
    free(t.data);
}

/* A records file joined to the roster: each row's records are the rows
 * with its id, texts copied (they outlive the records reader's next
 * read); a file out of the roster's order, or with an id the roster has
 * not, is a bad row of the records file. */
static Roster *open_joined(T *t, FILE **rf, const char *roster, const char *rows)
{
    static const FieldDef emp[] = {{.name = "id", .type = {TY_TEXT, 0}}, {.name = "sessions", .type = {TY_RECORDS, 0}}};
    static const FieldDef sess[] = {{.name = "id", .type = {TY_TEXT, 0}}, {.name = "minutes", .type = {TY_INTEGER, 0}},
                                    {.name = "note", .type = {TY_TEXT, 0}}};
    static const RecordSchema sess_schema = {3, sess, 2, enums, "session"};
    static FieldDef emp_fields[2];
    memcpy(emp_fields, emp, sizeof emp);
    emp_fields[1].rows = &sess_schema;
    static RecordSchema emp_schema;
    emp_schema = (RecordSchema){2, emp_fields, 2, enums, NULL};
    if (!open_n(t, &emp_schema, roster, strlen(roster)))
        return NULL;
    *rf = fmemopen((void *)rows, strlen(rows), "r");
    char err[256];
    Roster *rr = roster_open(*rf, "sessions.csv", &sess_schema, err, sizeof err);
    assert_non_null(rr);
    roster_join(t->r, 1, 0, rr, *rf);
    return t->r;
}

static void records_joined_in_roster_order(void **state)
{
    (void)state;
    T t = {0};
    FILE *rf;
    assert_non_null(open_joined(&t, &rf, "id\nA\nB\nC\n", "id,minutes,note\nA,90,first\nA,300,second\nC,45,\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(t.rec[1].recs.len, 2);
    assert_int_equal(t.rec[1].recs.width, 3);
    const Value *rows = t.rec[1].recs.rows;
    assert_true(rat_eq(rows[1].num, rat_int(90)));
    assert_true(rat_eq(rows[3 + 1].num, rat_int(300)));
    assert_text(rows[2], "first"); /* copied: the reader has read C's row since */
    assert_text(rows[3 + 2], "second");
    assert_int_equal(next(&t), 1);
    assert_int_equal(t.rec[1].recs.len, 0);
    assert_int_equal(next(&t), 1);
    assert_int_equal(t.rec[1].recs.len, 1);
    assert_true(rat_eq(t.rec[1].recs.rows[1].num, rat_int(45)));
    assert_int_equal(next(&t), 0);
    done(&t);

    assert_non_null(open_joined(&t, &rf, "id\nA\nB\n", "id,minutes,note\nA,1,\nB,2,\nA,3,\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "sessions.csv:4: row 3, column \"id\": \"A\" comes after other employees' rows: a records file must list "
                               "the employees in the roster's order, each one's rows together (sort it as the roster is sorted)");
    done(&t);

    assert_non_null(open_joined(&t, &rf, "id\nA\nB\n", "id,minutes,note\nA,1,\nZ,2,\n"));
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), 1);
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "sessions.csv:3: row 2, column \"id\": \"Z\" is not the id of an employee in roster.csv");
    done(&t);

    assert_non_null(open_joined(&t, &rf, "id\nA\n", "id,minutes,note\nA,x,\n"));
    assert_int_equal(next(&t), -1);
    assert_string_equal(t.err, "sessions.csv:2: row 1, column \"minutes\": \"x\" is not a whole number");
    done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_every_type),
        cmocka_unit_test(bom_crlf_and_no_final_newline),
        cmocka_unit_test(carriage_return_only_line_ends),
        cmocka_unit_test(quoted_cells),
        cmocka_unit_test(extra_columns_any_order_and_trimmed_names),
        cmocka_unit_test(empty_last_cell_at_the_end_of_the_file),
        cmocka_unit_test(duplicate_column),
        cmocka_unit_test(missing_columns),
        cmocka_unit_test(empty_file_or_no_header),
        cmocka_unit_test(header_syntax_errors),
        cmocka_unit_test(unreadable_file),
        cmocka_unit_test(wrong_number_of_cells),
        cmocka_unit_test(blank_lines),
        cmocka_unit_test(csv_syntax_errors),
        cmocka_unit_test(integers),
        cmocka_unit_test(decimals_and_money),
        cmocka_unit_test(yes_no),
        cmocka_unit_test(dates),
        cmocka_unit_test(enum_members),
        cmocka_unit_test(enum_lists),
        cmocka_unit_test(long_enums_case_and_two_lists),
        cmocka_unit_test(bad_values_are_shown_safely),
        cmocka_unit_test(a_bad_cell_does_not_stop_the_reading),
        cmocka_unit_test(long_cells_grow_the_buffer),
        cmocka_unit_test(many_rows),
        cmocka_unit_test(a_cell_longer_than_1_mib),
        cmocka_unit_test(a_row_longer_than_16_mib),
        cmocka_unit_test(random_rows_read_the_same_either_way),
        cmocka_unit_test(quoted_cells_either_way),
        cmocka_unit_test(rows_after_general_rows_are_read_and_numbered),
        cmocka_unit_test(long_lists_either_way),
        cmocka_unit_test(plain_numbers_are_exact),
        cmocka_unit_test(rows_cut_by_the_first_read),
        cmocka_unit_test(members_that_end_alike),
        cmocka_unit_test(plain_rows_take_the_fast_path),
        cmocka_unit_test(members_found_past_a_collision),
        cmocka_unit_test(a_list_before_one_that_grows_the_store),
        cmocka_unit_test(every_thousandth_in_lowest_terms),
        cmocka_unit_test(integers_at_the_ends_of_their_ranges),
        cmocka_unit_test(a_blank_line_in_one_column),
        cmocka_unit_test(read_in_place),
        cmocka_unit_test(cells_that_are_not_utf8),
        cmocka_unit_test(utf16),
        cmocka_unit_test(semicolons_in_the_header),
        cmocka_unit_test(list_separators),
        cmocka_unit_test(blank_lines_before_a_piece),
        cmocka_unit_test(limits_the_same_read_whole_or_in_chunks),
        cmocka_unit_test(money_keeps_every_decimal),
        cmocka_unit_test(crlf_and_quoted_text),
        cmocka_unit_test(defaults_fill_columns_left_out),
        cmocka_unit_test(records_joined_in_roster_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
