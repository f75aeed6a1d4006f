/* Writing evaluated rows: CSV and JSON Lines byte for byte, amounts
 * against rat_format_exact, text quoting and formula neutralisation, rows
 * larger than the output buffer, write errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "output.h"

static const char *lanes[] = {"BA", "MA", "DOC"};
static const EnumDef enums[] = {{.name = "Lane", .count = 3, .members = lanes}};

static Program program(ProgOutput *outs, int n, RoundMode mode)
{
    return (Program){.rounding = mode, .outputs = outs, .noutputs = n, .enums = enums};
}

/* Rows written to a memory stream, as one NUL-terminated string. */
typedef struct {
    FILE *f;
    char *text;
    size_t len;
    Output *o;
} Sink;

static void sink_open(Sink *s, const Program *p, OutputFormat fmt)
{
    memset(s, 0, sizeof *s);
    s->f = open_memstream(&s->text, &s->len);
    assert_non_null(s->f);
    s->o = output_to_stream(s->f, fmt, p);
}

static void sink_close(Sink *s)
{
    char err[256];
    assert_true(output_commit(s->o, err, sizeof err));
    fclose(s->f);
}

/* output_row for n values side by side, as the tests have them */
static bool put_row(Output *o, const Value *values, size_t n)
{
    const Value *at[16];
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        at[i] = &values[i];
    return output_row(o, at);
}
#define PUT_ROW(o, array) put_row(o, array, sizeof array / sizeof *array)

/* The one row of values as fmt writes it. */
static char *row(const Program *p, OutputFormat fmt, const Value *values)
{
    Sink s;
    sink_open(&s, p, fmt);
    assert_true(put_row(s.o, values, (size_t)p->noutputs));
    sink_close(&s);
    return s.text;
}

static void assert_row(const Program *p, OutputFormat fmt, const Value *values, const char *want)
{
    char *got = row(p, fmt, values);
    assert_string_equal(got, want);
    free(got);
}

static int64_t gcd(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

static Rat rat(int64_t n, int64_t d)
{
    int64_t g = gcd(n, d);
    if (g == 0)
        return (Rat){0, 1};
    return (Rat){n / g, d / g};
}

static Value money(int64_t n, int64_t d)
{
    return (Value){.num = rat(n, d)};
}

static Value text(const char *s)
{
    return (Value){.text = {s, (uint32_t)strlen(s)}};
}

/* Amounts of every denominator dividing 100 and of every size, one per row,
 * against rat_format_exact (what every amount not in cents goes through),
 * in CSV and JSON Lines. */
static void test_money_against_rat_format(void **state)
{
    (void)state;
    static const int64_t dens[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    ProgOutput outs[] = {{.name = "pay", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 1, ROUND_HALF_UP);
    Sink csv, json;
    sink_open(&csv, &p, FORMAT_CSV);
    sink_open(&json, &p, FORMAT_JSONL);
    char *want = NULL, *want_json = NULL;
    size_t want_len = 0, want_json_len = 0;
    FILE *w = open_memstream(&want, &want_len), *wj = open_memstream(&want_json, &want_json_len);
    long rows = 0;
    uint64_t seed = 12345;
    for (size_t k = 0; k < sizeof dens / sizeof *dens; k++) {
        int64_t d = dens[k];
        /* around every power of ten up to RAT_LIMIT, and random sizes */
        for (int e = 0; e <= 18; e++) {
            int64_t ten = 1;
            for (int t = 0; t < e; t++)
                ten *= 10;
            for (int64_t j = -3; j <= 3; j++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    int64_t n = ten + j;
                    if (n < 0 || n > RAT_LIMIT)
                        continue;
                    Value v = money(sign * n, d);
                    assert_true(put_row(csv.o, &v, 1));
                    assert_true(put_row(json.o, &v, 1));
                    char buf[80];
                    size_t len = rat_format_exact(v.num, 2, buf, sizeof buf);
                    fprintf(w, "%.*s\n", (int)len, buf);
                    fprintf(wj, "{\"pay\":\"%.*s\"}\n", (int)len, buf);
                    rows++;
                }
            }
        }
        for (int i = 0; i < 20000; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            int digits = (int)(seed >> 59) % 18 + 1;
            uint64_t m = 1;
            for (int t = 0; t < digits; t++)
                m *= 10;
            int64_t n = (int64_t)((seed >> 1) % m);
            if (seed & 1)
                n = -n;
            Value v = money(n, d);
            assert_true(put_row(csv.o, &v, 1));
            assert_true(put_row(json.o, &v, 1));
            char buf[80];
            size_t len = rat_format_exact(v.num, 2, buf, sizeof buf);
            fprintf(w, "%.*s\n", (int)len, buf);
            fprintf(wj, "{\"pay\":\"%.*s\"}\n", (int)len, buf);
            rows++;
        }
    }
    /* every amount below $10,000, cent by cent */
    for (int64_t c = -1000000; c < 1000000; c++) {
        Value v = money(c, 100);
        assert_true(put_row(csv.o, &v, 1));
        char buf[80];
        size_t len = rat_format_exact(v.num, 2, buf, sizeof buf);
        fprintf(w, "%.*s\n", (int)len, buf);
    }
    fclose(w);
    fclose(wj);
    sink_close(&csv);
    sink_close(&json);
    assert_true(rows > 100000);
    assert_int_equal(csv.len, want_len);
    assert_memory_equal(csv.text, want, want_len);
    assert_int_equal(json.len, want_json_len);
    assert_memory_equal(json.text, want_json, want_json_len);
    free(csv.text);
    free(json.text);
    free(want);
    free(want_json);
}

static void test_money_figures(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "a", .type = {TY_MONEY, 0}}, {.name = "b", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    struct {
        Value a, b;
        const char *csv;
    } cases[] = {
        {money(0, 1), money(-1, 2), "0.00,-0.50\n"},
        {money(1, 100), money(-5, 100), "0.01,-0.05\n"},
        {money(99, 100), money(100, 1), "0.99,100.00\n"},
        {money(7511267, 100), money(-3, 4), "75112.67,-0.75\n"},
        {money(99999999, 100), money(100000000, 100), "999999.99,1000000.00\n"},
        {money(123456789012345678, 100), money(-987654321, 25), "1234567890123456.78,-39506172.84\n"},
        {money(1234567890123456, 1), money(-987654321098765, 4), "1234567890123456.00,-246913580274691.25\n"},
        {money(100000000000001, 1), money(-5, 1), "100000000000001.00,-5.00\n"},
        /* the largest amounts: 10^16 dollars less a cent, and 10^16 dollars */
        {money(999999999999999999, 100), money(-RAT_LIMIT, 100), "9999999999999999.99,-10000000000000000.00\n"},
        {money(9999999999999999, 1), money(-9999999999999999, 1), "9999999999999999.00,-9999999999999999.00\n"},
        {money(RAT_LIMIT, 1), money(1, 20), "1000000000000000000.00,0.05\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Value v[] = {cases[i].a, cases[i].b};
        assert_row(&p, FORMAT_CSV, v, cases[i].csv);
    }
    Value v[] = {money(-7511267, 100), money(2, 1)};
    assert_row(&p, FORMAT_JSONL, v, "{\"a\":\"-75112.67\",\"b\":\"2.00\"}\n");
    /* the figure a reader of JSON numbers as doubles would get wrong */
    Value big[] = {money(123456789012345678, 100), money(1, 10)};
    assert_row(&p, FORMAT_JSONL, big, "{\"a\":\"1234567890123456.78\",\"b\":\"0.10\"}\n");
}

/* The amounts written without rat_format_exact, from no cents up to a
 * million dollars less a cent, through every way in: each denominator
 * dividing 100, each number of digits and the bounds between them, each
 * first digit or two, a stride over all of them; negatives (written
 * another way) and every denominator up to 128 beside them. */
static void test_money_cents8(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "pay", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 1, ROUND_HALF_UP);
    Sink csv, json;
    sink_open(&csv, &p, FORMAT_CSV);
    sink_open(&json, &p, FORMAT_JSONL);
    char *want = NULL, *want_json = NULL;
    size_t want_len = 0, want_json_len = 0;
    FILE *w = open_memstream(&want, &want_len), *wj = open_memstream(&want_json, &want_json_len);
    long rows = 0;
#define AMOUNT(N, D)                                                              \
    do {                                                                          \
        Value v_ = money((N), (D));                                               \
        assert_true(put_row(csv.o, &v_, 1));                                      \
        assert_true(put_row(json.o, &v_, 1));                                     \
        char buf_[80];                                                            \
        size_t len_ = rat_format_exact(v_.num, 2, buf_, sizeof buf_); \
        fprintf(w, "%.*s\n", (int)len_, buf_);                                    \
        fprintf(wj, "{\"pay\":\"%.*s\"}\n", (int)len_, buf_);                         \
        rows++;                                                                   \
    } while (0)
    static const int64_t dens[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    /* the bounds of each number of digits, in cents and in each denominator */
    static const int64_t bounds[] = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000,
                                     999999, 1000000, 9999999, 10000000, 99999999, 100000000, 100000001};
    for (size_t k = 0; k < sizeof dens / sizeof *dens; k++) {
        int64_t per = 100 / dens[k];
        for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
            for (int64_t j = -2 * per; j <= 2 * per; j++) {
                int64_t cents = bounds[b] + j;
                if (cents < 0 || cents % per)
                    continue;
                AMOUNT(cents / per, dens[k]);
                AMOUNT(-cents / per, dens[k]);
            }
        }
        /* numerators as large as the fast way takes, and past them */
        for (int64_t n = 99999990; n <= 100000010; n++)
            AMOUNT(n, dens[k]);
    }
    /* each first digit or two of each number of digits, with every last pair */
    for (int64_t ten = 1; ten <= 10000000; ten *= 10)
        for (int64_t first = 1; first < 100 && first * ten < 100000000; first++)
            for (int64_t last = 0; last < 100; last += 33)
                AMOUNT(first * ten + (ten >= 100 ? last : 0), 100);
    /* a stride over all of them */
    for (int64_t c = 0; c < 100000000; c += 997)
        AMOUNT(c, 100);
    /* every denominator to 128, the ones not dividing 100 exact */
    for (int64_t d = 1; d <= 128; d++) {
        static const int64_t nums[] = {1, -1, 7, 99, 12345, -12345, 99999999, 1000000007};
        for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
            AMOUNT(nums[i], d);
    }
#undef AMOUNT
    fclose(w);
    fclose(wj);
    sink_close(&csv);
    sink_close(&json);
    assert_true(rows > 100000);
    assert_int_equal(csv.len, want_len);
    assert_memory_equal(csv.text, want, want_len);
    assert_int_equal(json.len, want_json_len);
    assert_memory_equal(json.text, want_json, want_json_len);
    free(csv.text);
    free(json.text);
    free(want);
    free(want_json);
}

/* Amounts not in whole cents are written exactly, whatever the contract's
 * rounding: in full where their decimals end, else as a fraction; in CSV
 * and, as strings, in JSON Lines.  Worked by hand: 1/8 = 0.125, 1/200 =
 * 0.005, 46044.075 = 55275 * 0.833, 338.5952 = round(14221/42, 4),
 * 14221/42 = 338.595238095238... (no end: 42 = 2 * 3 * 7). */
static void test_money_exact(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "x", .type = {TY_MONEY, 0}}};
    Value v[] = {money(1, 8), money(-1, 8), money(1, 200), money(-1, 200), money(2, 3), money(-1, 3),
                 money(4604407500, 100000), money(3385952, 10000), money(14221, 42), money(-21000, 97),
                 money(123456789012345678, 1000), money(1, 1000000000000)};
    static const char *want[] = {"0.125", "-0.125", "0.005", "-0.005", "2/3", "-1/3", "46044.075", "338.5952",
                                 "14221/42", "-21000/97", "123456789012345.678", "0.000000000001"};
    for (int mode = ROUND_HALF_UP; mode <= ROUND_TRUNC; mode++) {
        Program p = program(outs, 1, (RoundMode)mode);
        for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
            char csv[80], json[80];
            snprintf(csv, sizeof csv, "%s\n", want[i]);
            snprintf(json, sizeof json, "{\"x\":\"%s\"}\n", want[i]);
            assert_row(&p, FORMAT_CSV, &v[i], csv);
            assert_row(&p, FORMAT_JSONL, &v[i], json);
        }
    }
    /* and the same as rat_format_exact, over many more */
    Program p = program(outs, 1, ROUND_HALF_UP);
    Sink s;
    sink_open(&s, &p, FORMAT_CSV);
    char *expect = NULL;
    size_t expect_len = 0;
    FILE *e = open_memstream(&expect, &expect_len);
    static const int64_t dens[] = {3, 7, 8, 16, 40, 200, 400, 1000, 999999999, 1024, 1000000000000};
    for (size_t k = 0; k < sizeof dens / sizeof *dens; k++) {
        for (int64_t n = -2000; n <= 2000; n += 7) {
            Value x = money(n * 1000003, dens[k]);
            assert_true(put_row(s.o, &x, 1));
            char buf[80];
            size_t len = rat_format_exact(x.num, 2, buf, sizeof buf);
            fprintf(e, "%.*s\n", (int)len, buf);
        }
    }
    fclose(e);
    sink_close(&s);
    assert_string_equal(s.text, expect);
    free(s.text);
    free(expect);
}

/* An amount as money shown with places decimals (money_places) should be,
 * by the definition: a minus sign below zero; then, if its decimals end,
 * the whole dollars and the fewest decimals, at least places, that hold
 * it exactly; else the fraction in lowest terms.  Written digit by digit,
 * in 128 bits, with no table and nothing shared with output.c. */
static void amount_reference(FILE *f, Rat a, int places)
{
    uint64_t m = a.n < 0 ? (uint64_t)0 - (uint64_t)a.n : (uint64_t)a.n, d = (uint64_t)a.d;
    int twos = 0, fives = 0;
    uint64_t rest = d;
    for (; rest % 2 == 0; rest /= 2)
        twos++;
    for (; rest % 5 == 0; rest /= 5)
        fives++;
    if (rest != 1) {
        fprintf(f, "%s%llu/%llu", a.n < 0 ? "-" : "", (unsigned long long)m, (unsigned long long)d);
        return;
    }
    int k = twos > fives ? twos : fives;
    k = k > places ? k : places;
    assert_true(k <= 36);
    unsigned __int128 ten_k = 1;
    for (int i = 0; i < k; i++)
        ten_k *= 10;
    unsigned __int128 fraction = (unsigned __int128)(m % d) * ten_k / d;
    char digits[40];
    for (int i = k - 1; i >= 0; i--) {
        digits[i] = (char)('0' + (int)(fraction % 10));
        fraction /= 10;
    }
    fprintf(f, "%s%llu.%.*s", a.n < 0 ? "-" : "", (unsigned long long)(m / d), k, digits);
}

/* The first line where got and want differ, as the test's message. */
static void assert_same_lines(const char *got, size_t got_len, const char *want, size_t want_len)
{
    size_t at = 0, line = 1;
    while (at < got_len && at < want_len && got[at] == want[at])
        if (got[at++] == '\n')
            line++;
    if (at == got_len && at == want_len)
        return;
    size_t start = at;
    while (start > 0 && want[start - 1] != '\n')
        start--;
    const char *g = got + start, *w = want + start;
    int gn = (int)(start < got_len ? strcspn(g, "\n") : 0), wn = (int)(start < want_len ? strcspn(w, "\n") : 0);
    fail_msg("line %zu: got \"%.*s\", want \"%.*s\"", line, gn, start < got_len ? g : "", wn,
             start < want_len ? w : "");
}

/* cents as an amount of denominator d (which divides 100), rounded down
 * to a whole number of 100/d cents. */
static Value in_denominator(int64_t cents, int64_t d)
{
    int64_t per = 100 / d;
    return money(cents / per, d);
}

/* Amounts written by the row writers against amount_reference, one table
 * of amounts put through rows of text, runs of amounts shown in cents, an
 * amount shown to 4 places and a whole number between them, so that each
 * amount comes in each place of a run, in CSV and JSON Lines: no cents
 * and every cents boundary where the number of digits changes (9.99 and
 * 10.00, 999999.99 and 1000000.00, ...) up to 10^16 dollars and past
 * it, each side of zero and in each denominator dividing 100; random
 * amounts of every number of digits; amounts with more places than the
 * column shows and ones whose decimals never end. */
static void test_money_reference(void **state)
{
    (void)state;
    static const int64_t dens[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    enum { MAX = 200000 };
    Value *amounts = malloc(MAX * sizeof *amounts);
    size_t n = 0;
#define ADD(v)                           \
    do {                                 \
        assert_true(n < MAX);            \
        amounts[n++] = (v);              \
    } while (0)
    ADD(money(0, 1));
    for (size_t k = 0; k < sizeof dens / sizeof *dens; k++) {
        for (int e = 0; e <= 18; e++) { /* cents: 1 to 10^18, that is 10^16 dollars */
            int64_t ten = 1;
            for (int t = 0; t < e; t++)
                ten *= 10;
            for (int64_t j = -2; j <= 2; j++) {
                int64_t per = 100 / dens[k];
                int64_t cents = ten + j * per;
                if (cents <= 0 || cents > RAT_LIMIT)
                    continue;
                ADD(in_denominator(cents, dens[k]));
                ADD(in_denominator(-cents, dens[k]));
            }
        }
    }
    /* the largest whole dollars, to 10^18 */
    for (int64_t dollars = 1; dollars > 0 && dollars <= RAT_LIMIT / 10; dollars *= 10) {
        for (int64_t j = -1; j <= 1; j++) {
            ADD(money(dollars * 10 + j, 1));
            ADD(money(-(dollars * 10 + j), 1));
        }
    }
    uint64_t seed = 88172645463325252u;
    for (int i = 0; i < 60000; i++) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        int digits = (int)(seed % 18) + 1;
        int64_t top = 1;
        for (int t = 0; t < digits; t++)
            top *= 10;
        int64_t cents = (int64_t)((seed >> 8) % (uint64_t)top);
        Value v = in_denominator(cents, dens[(seed >> 5) % 9]);
        if (seed >> 63)
            v.num.n = -v.num.n;
        ADD(v);
    }
    /* more places than cents, and decimals that never end */
    static const int64_t odd[] = {3, 7, 8, 16, 40, 125, 200, 400, 1000, 10000, 65536, 999983};
    for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
        for (int64_t m = -5; m <= 5; m++)
            ADD(money(m * 1234567 + m, odd[k]));
#undef ADD
    ProgOutput outs[] = {
        {.name = "id", .type = {TY_TEXT, 0}},     {.name = "a", .type = {TY_MONEY, 0}},
        {.name = "b", .type = {TY_MONEY, 0}},     {.name = "c", .type = {TY_MONEY, 0}},
        {.name = "rate", .type = {TY_MONEY, 4}},  {.name = "step", .type = {TY_INTEGER, 0}},
        {.name = "d", .type = {TY_MONEY, 0}},     {.name = "e", .type = {TY_MONEY, 3}},
        {.name = "f", .type = {TY_MONEY, 0}},
    };
    enum { COLS = sizeof outs / sizeof *outs };
    Program p = program(outs, COLS, ROUND_HALF_UP);
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        bool json = fmt == FORMAT_JSONL;
        Sink out;
        sink_open(&out, &p, (OutputFormat)fmt);
        char *want = NULL;
        size_t want_len = 0;
        FILE *w = open_memstream(&want, &want_len);
        for (size_t r = 0; r < n; r++) {
            char id[24];
            snprintf(id, sizeof id, "E%07zu", r);
            Value v[COLS];
            fputs(json ? "{" : "", w);
            for (int c = 0; c < COLS; c++) {
                if (json)
                    fprintf(w, "%s\"%s\":", c ? "," : "", outs[c].name);
                else if (c)
                    fputc(',', w);
                if (outs[c].type.kind == TY_TEXT) {
                    v[c] = text(id);
                    fprintf(w, json ? "\"%s\"" : "%s", id);
                } else if (outs[c].type.kind == TY_INTEGER) {
                    v[c] = money((int64_t)r, 1);
                    fprintf(w, "%zu", r);
                } else {
                    v[c] = amounts[(r + (size_t)c) % n];
                    fputs(json ? "\"" : "", w);
                    amount_reference(w, v[c].num, money_places(outs[c].type));
                    fputs(json ? "\"" : "", w);
                }
            }
            fputs(json ? "}\n" : "\n", w);
            assert_true(PUT_ROW(out.o, v));
        }
        fclose(w);
        sink_close(&out);
        assert_same_lines(out.text, out.len, want, want_len);
        free(out.text);
        free(want);
    }
    free(amounts);
}

/* csv_write_field writes s as the cell csv, as a row has it. */
static void assert_csv_field(const char *s, const char *csv)
{
    char *cell;
    size_t len;
    FILE *f = open_memstream(&cell, &len);
    assert_non_null(f);
    assert_true(csv_write_field(f, s, strlen(s)));
    fclose(f);
    assert_string_equal(cell, csv);
    free(cell);
}

static void test_csv_text(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}, {.name = "n", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    static const struct {
        const char *in, *csv;
    } cases[] = {
        {"plain", "plain"},
        {"", ""},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\rhere", "\"cr\rhere\""},
        {"=1+1", "\"'=1+1\""},
        {"+1", "\"'+1\""},
        {"-1", "\"'-1\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"\rx", "\"'\rx\""},
        {"=a,\"b\"", "\"'=a,\"\"b\"\"\""},
        {"x=1", "x=1"},
        {"caf\xc3\xa9 \xff", "caf\xc3\xa9 \xff"},
        {"a long name without anything to quote in it at all", "a long name without anything to quote in it at all"},
        {"a long name with a comma, near its end", "\"a long name with a comma, near its end\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Value v[] = {text(cases[i].in), money(1, 1)};
        char want[200];
        snprintf(want, sizeof want, "%s,1.00\n", cases[i].csv);
        assert_row(&p, FORMAT_CSV, v, want);
        assert_csv_field(cases[i].in, cases[i].csv);
    }
    /* the one cell writer, beyond its own small buffer */
    char long_in[301], long_csv[400];
    memset(long_in, 'x', 300);
    long_in[0] = '=';
    long_in[150] = '"';
    long_in[300] = '\0';
    snprintf(long_csv, sizeof long_csv, "\"'%.150s\"%s\"", long_in, long_in + 150);
    assert_csv_field(long_in, long_csv);
    /* an empty text may have no bytes at all */
    Value v[] = {{.text = {NULL, 0}}, money(1, 1)};
    assert_row(&p, FORMAT_CSV, v, ",1.00\n");
    assert_row(&p, FORMAT_JSONL, v, "{\"t\":\"\",\"n\":\"1.00\"}\n");
}

/* What a CSV cell of text s should be, by the definition. */
static void csv_reference(FILE *f, const char *s, size_t n)
{
    bool formula = n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
    bool quote = formula;
    for (size_t i = 0; i < n; i++)
        quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

/* Texts of every length to 40 (copied eight bytes at a time, then byte by
 * byte) with each byte that matters at each place, and every byte at the
 * places where the copying changes, against the definition. */
static void test_csv_text_everywhere(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}, {.name = "u", .type = {TY_TEXT, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    Sink out;
    sink_open(&out, &p, FORMAT_CSV);
    char *want = NULL;
    size_t want_len = 0;
    FILE *w = open_memstream(&want, &want_len);
    static const char bytes[] = {',', '"', '\n', '\r', ' ', '!', '+', '-', '=', '@', '\t', '\x01', '\x2b', '\x2d',
                                 '\x7f', (char)0x80, (char)0xac, (char)0xff};
    char text[48];
    for (size_t n = 0; n <= 40; n++) {
        for (int at = -1; at < (int)n; at++) {
            for (int b = 0; b < 256; b++) {
                /* every byte at the first place, the ends of the first
                 * eight, and the last; the ones that matter everywhere */
                bool every = at == 0 || at == 7 || at == 8 || at == 15 || at == (int)n - 1;
                if (at < 0 ? b > 0 : !every && !memchr(bytes, b, sizeof bytes))
                    continue;
                for (size_t i = 0; i < n; i++)
                    text[i] = (char)('a' + (i * 7) % 26);
                if (at >= 0)
                    text[at] = (char)b;
                Value v[] = {{.text = {text, (uint32_t)n}}, {.text = {text, (uint32_t)n}}};
                assert_true(PUT_ROW(out.o, v));
                csv_reference(w, text, n);
                fputc(',', w);
                csv_reference(w, text, n);
                fputc('\n', w);
            }
        }
    }
    fclose(w);
    sink_close(&out);
    assert_int_equal(out.len, want_len);
    assert_memory_equal(out.text, want, want_len);
    free(out.text);
    free(want);
}

/* Texts and lists about as long as every row is given room for at once
 * (256 bytes or members) and longer, between amounts, in CSV and JSON
 * Lines; the rows after them as ever. */
static void test_short_and_long(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "a", .type = {TY_MONEY, 0}}, {.name = "t", .type = {TY_TEXT, 0}},
                         {.name = "jobs", .type = {TY_LIST, 0}}, {.name = "b", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 4, ROUND_HALF_UP);
    static const size_t sizes[] = {0, 1, 255, 256, 257, 1000, 255, 4096, 3};
    size_t most = 4096;
    char *s = malloc(most);
    int32_t *items = malloc(most * sizeof *items);
    for (size_t i = 0; i < most; i++) {
        s[i] = (char)('a' + i % 26);
        items[i] = (int32_t)(i % 3);
    }
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        for (int quoted = 0; quoted <= 1; quoted++) {
            s[0] = quoted ? '"' : 'a';
            Sink out;
            sink_open(&out, &p, (OutputFormat)fmt);
            char *want = NULL;
            size_t want_len = 0;
            FILE *w = open_memstream(&want, &want_len);
            for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
                for (size_t l = 0; l < sizeof sizes / sizeof *sizes; l++) {
                    size_t tn = sizes[t], ln = sizes[l];
                    Value v[] = {money((int64_t)(t * 100 + l), 1), {.text = {s, (uint32_t)tn}},
                                 {.list = {items, (uint32_t)ln}}, money(-(int64_t)tn, 4)};
                    assert_true(PUT_ROW(out.o, v));
                    char a[80], b[80];
                    a[rat_format_fixed(v[0].num, 2, ROUND_HALF_UP, a, sizeof a)] = '\0';
                    b[rat_format_fixed(v[3].num, 2, ROUND_HALF_UP, b, sizeof b)] = '\0';
                    if (fmt == FORMAT_CSV) {
                        fprintf(w, "%s,", a);
                        csv_reference(w, s, tn);
                        fputc(',', w);
                        for (size_t i = 0; i < ln; i++)
                            fprintf(w, "%s%s", i ? ";" : "", lanes[items[i]]);
                        fprintf(w, ",%s\n", b);
                    } else {
                        fprintf(w, "{\"a\":\"%s\",\"t\":\"%s", a, tn && quoted ? "\\\"" : "");
                        fwrite(s + (tn && quoted), 1, tn - (tn && quoted), w);
                        fputs("\",\"jobs\":[", w);
                        for (size_t i = 0; i < ln; i++)
                            fprintf(w, "%s\"%s\"", i ? "," : "", lanes[items[i]]);
                        fprintf(w, "],\"b\":\"%s\"}\n", b);
                    }
                }
            }
            fclose(w);
            sink_close(&out);
            assert_int_equal(out.len, want_len);
            assert_memory_equal(out.text, want, want_len);
            free(out.text);
            free(want);
        }
    }
    free(s);
    free(items);
}

/* The room a row is given at once is enough for the most that texts and
 * lists as long as that room is for can take (quotes in CSV, control bytes
 * in JSON Lines, the longest member), and one with a longer text or list
 * gets more: such a row written with one byte less than it takes left
 * before the end of a memory output's first MiB, where a row given too
 * little room would run past (as ASan would see). */
static void test_room_enough(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}, {.name = "jobs", .type = {TY_LIST, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    char worst[300], plain[200];
    int32_t docs[300];
    memset(plain, 'a', sizeof plain);
    for (size_t i = 0; i < 300; i++)
        docs[i] = 2; /* DOC */
    static const uint32_t sizes[][2] = {{256, 256}, {257, 0}, {0, 257}, {257, 257}, {264, 256}, {256, 264}, {300, 300}};
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        memset(worst, fmt == FORMAT_CSV ? '"' : '\x01', sizeof worst);
        for (size_t b = 0; b < sizeof sizes / sizeof *sizes; b++) {
            Value big[] = {{.text = {worst, sizes[b][0]}}, {.list = {docs, sizes[b][1]}}};
            Output *o = output_to_memory((OutputFormat)fmt, &p);
            size_t most, empty, len;
            assert_true(PUT_ROW(o, big));
            const char *bytes = output_held(o, &most);
            char *want = malloc(most);
            memcpy(want, bytes, most);
            output_clear(o);
            Value none[] = {{.text = {plain, 0}}, {.list = {NULL, 0}}};
            assert_true(PUT_ROW(o, none));
            output_held(o, &empty);
            /* rows of plain text (empty + k bytes each) up to the place,
             * the last two between them ending it */
            size_t place = (1u << 20) - (most - 1);
            for (;;) {
                output_held(o, &len);
                if (place - len <= 2 * empty + 2 * sizeof plain)
                    break;
                Value v[] = {{.text = {plain, sizeof plain}}, {.list = {NULL, 0}}};
                assert_true(PUT_ROW(o, v));
            }
            size_t rest = place - len - 2 * empty, k = rest / 2;
            Value v[] = {{.text = {plain, (uint32_t)k}}, {.list = {NULL, 0}}};
            Value w[] = {{.text = {plain, (uint32_t)(rest - k)}}, {.list = {NULL, 0}}};
            assert_true(PUT_ROW(o, v));
            assert_true(PUT_ROW(o, w));
            output_held(o, &len);
            assert_int_equal(len, place);
            assert_true(PUT_ROW(o, big));
            bytes = output_held(o, &len);
            assert_int_equal(len, place + most);
            assert_memory_equal(bytes + place, want, most);
            free(want);
            output_abort(o);
        }
    }
}

static void test_json_text(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}};
    Program p = program(outs, 1, ROUND_HALF_UP);
    static const struct {
        const char *in, *json;
    } cases[] = {
        {"plain", "\"plain\""},
        {"=1+1", "\"=1+1\""},
        {"q\"b\\s", "\"q\\\"b\\\\s\""},
        {"ctl\x01\x1f\x7f", "\"ctl\\u0001\\u001f\\u007f\""},
        {"tab\tnl\n", "\"tab\\u0009nl\\u000a\""},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
        {"bad \xff\xfe \xc3", "\"bad \\ufffd\\ufffd \\ufffd\""},
        {"short \xe2\x82", "\"short \\ufffd\\ufffd\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Value v[] = {text(cases[i].in)};
        char want[200];
        snprintf(want, sizeof want, "{\"t\":%s}\n", cases[i].json);
        assert_row(&p, FORMAT_JSONL, v, want);
    }
    /* format_json_string writes the same to a stream */
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    format_json_string(f, "q\"\x01\xff", 4);
    fclose(f);
    assert_string_equal(out, "\"q\\\"\\u0001\\ufffd\"");
    free(out);
}

static void test_other_types(void **state)
{
    (void)state;
    ProgOutput outs[] = {
        {.name = "lane", .type = {TY_ENUM, 0}},   {.name = "jobs", .type = {TY_LIST, 0}},
        {.name = "none", .type = {TY_LIST, 0}},   {.name = "nb", .type = {TY_BOOL, 0}},
        {.name = "hired", .type = {TY_DATE, 0}},  {.name = "step", .type = {TY_INTEGER, 0}},
        {.name = "fte", .type = {TY_DECIMAL, 0}}, {.name = "third", .type = {TY_DECIMAL, 0}},
        {.name = "ok", .type = {TY_BOOL, 0}},
    };
    Program p = program(outs, 9, ROUND_HALF_UP);
    static const int32_t jobs[] = {0, 2};
    int64_t day;
    assert_true(date_from_ymd(2024, 7, 1, &day));
    Value v[] = {
        {.i = 1}, {.list = {jobs, 2}}, {.list = {NULL, 0}}, {.i = 1}, {.i = day},
        {.num = {42, 1}}, {.num = {7, 2000}}, {.num = {1, 3}}, {.i = 0},
    };
    assert_row(&p, FORMAT_CSV, v, "MA,BA;DOC,,yes,2024-07-01,42,0.0035,1/3,no\n");
    assert_row(&p, FORMAT_JSONL, v,
               "{\"lane\":\"MA\",\"jobs\":[\"BA\",\"DOC\"],\"none\":[],\"nb\":true,\"hired\":\"2024-07-01\","
               "\"step\":42,\"fte\":\"0.0035\",\"third\":\"1/3\",\"ok\":false}\n");
    /* keys longer than 16 bytes, and ones to escape */
    ProgOutput named[] = {
        {.name = "a_rather_long_output_name_of_forty_bytes", .type = {TY_MONEY, 0}},
        {.name = "we\"ird", .type = {TY_MONEY, 0}},
    };
    Program q = program(named, 2, ROUND_HALF_UP);
    Value m[] = {money(5, 2), money(-1, 1)};
    assert_row(&q, FORMAT_JSONL, m, "{\"a_rather_long_output_name_of_forty_bytes\":\"2.50\",\"we\\\"ird\":\"-1.00\"}\n");
}

/* A row larger than the buffer (a 2 MiB text), between ordinary ones, and
 * more rows than the buffer holds. */
static void test_long_rows(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}, {.name = "n", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    size_t big = 2u << 20;
    char *s = malloc(big);
    for (size_t i = 0; i < big; i++)
        s[i] = i % 1000 == 999 ? '"' : (char)('a' + i % 26);
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        Sink out;
        sink_open(&out, &p, (OutputFormat)fmt);
        char *want = NULL;
        size_t want_len = 0;
        FILE *w = open_memstream(&want, &want_len);
        for (int r = 0; r < 60000; r++) {
            Value v[] = {r == 20000 ? (Value){.text = {s, (uint32_t)big}} : text("E0000001"), money(r, 1)};
            assert_true(PUT_ROW(out.o, v));
            if (fmt == FORMAT_JSONL)
                fputs("{\"t\":\"", w);
            else if (r == 20000)
                fputc('"', w);
            if (r == 20000) {
                for (size_t i = 0; i < big; i++) {
                    if (s[i] == '"')
                        fputc(fmt == FORMAT_CSV ? '"' : '\\', w);
                    fputc(s[i], w);
                }
            } else {
                fputs("E0000001", w);
            }
            if (fmt == FORMAT_JSONL)
                fprintf(w, "\",\"n\":\"%d.00\"}\n", r);
            else
                fprintf(w, "%s,%d.00\n", r == 20000 ? "\"" : "", r);
        }
        fclose(w);
        sink_close(&out);
        assert_int_equal(out.len, want_len);
        assert_memory_equal(out.text, want, want_len);
        free(out.text);
        free(want);
    }
    free(s);
}

/* output_to_memory (the pieces of --jobs): rows held, growing past the
 * 1 MiB the other outputs flush at, the same bytes as a stream gets; a
 * cleared output starts again from nothing. */
static void test_memory(void **state)
{
    (void)state;
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}, {.name = "n", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        Output *held = output_to_memory((OutputFormat)fmt, &p);
        for (int piece = 0; piece < 2; piece++) {
            Sink want;
            sink_open(&want, &p, (OutputFormat)fmt);
            output_clear(held);
            int rows = piece ? 3 : 80000; /* the first piece ~1.5 MiB */
            for (int r = 0; r < rows; r++) {
                Value v[] = {text(r % 2 ? "E,1" : "E0000001"), money(r * (piece + 1), 2)};
                assert_true(PUT_ROW(held, v));
                assert_true(PUT_ROW(want.o, v));
            }
            sink_close(&want);
            size_t n;
            const char *bytes = output_held(held, &n);
            assert_true(n > (piece ? 0u : 1u << 20));
            assert_int_equal(n, want.len);
            assert_memory_equal(bytes, want.text, n);
            free(want.text);
        }
        output_abort(held);
    }
}

/* output_open: a header, a temporary file renamed into place by
 * output_commit or removed by output_abort; bytes written as they are. */
static void test_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/terms-output-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    ProgOutput outs[] = {{.name = "id", .type = {TY_TEXT, 0}}, {.name = "-pay,", .type = {TY_MONEY, 0}}};
    Program p = program(outs, 2, ROUND_HALF_UP);
    Target t;
    assert_int_equal(targets_decide(&t, &(NamedFile){path, "-o"}, 1, NULL, 0, err, sizeof err), TARGETS_OK);
    assert_int_equal(t.kind, TARGET_FILE);
    Output *o = output_open(&t, FORMAT_CSV, &p, err, sizeof err);
    assert_non_null(o);
    Value v[] = {text("-T1"), money(1234, 1)};
    assert_true(PUT_ROW(o, v));
    assert_true(output_raw(o, "raw,1.00\n", 9));
    assert_int_equal(access(path, F_OK), -1); /* nothing in place before the commit */
    assert_true(output_commit(o, err, sizeof err));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char got[256];
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, "id,\"-pay,\"\n\"'-T1\",1234.00\nraw,1.00\n");
    /* an aborted run leaves the earlier file and nothing beside it */
    assert_int_equal(targets_decide(&t, &(NamedFile){path, "-o"}, 1, NULL, 0, err, sizeof err), TARGETS_OK);
    o = output_open(&t, FORMAT_JSONL, &p, err, sizeof err);
    assert_non_null(o);
    assert_true(PUT_ROW(o, v));
    output_abort(o);
    f = fopen(path, "r");
    n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, "id,\"-pay,\"\n\"'-T1\",1234.00\nraw,1.00\n");
    DIR *d = opendir(dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));)
        files += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    assert_int_equal(files, 1);
    unlink(path);
    rmdir(dir);
}

/* A full device: the row that fills the buffer, or the commit, fails. */
static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    setvbuf(full, NULL, _IONBF, 0);
    ProgOutput outs[] = {{.name = "t", .type = {TY_TEXT, 0}}};
    Program p = program(outs, 1, ROUND_HALF_UP);
    char err[512];
    Output *o = output_to_stream(full, FORMAT_CSV, &p);
    Value v[] = {text("a few bytes")};
    assert_true(PUT_ROW(o, v)); /* held */
    assert_false(output_commit(o, err, sizeof err));
    assert_non_null(strstr(err, "No space left on device"));
    clearerr(full);
    o = output_to_stream(full, FORMAT_JSONL, &p);
    bool ok = true;
    for (int i = 0; i < 200000 && ok; i++)
        ok = PUT_ROW(o, v);
    assert_false(ok);
    output_abort(o);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_against_rat_format),
        cmocka_unit_test(test_money_cents8),
        cmocka_unit_test(test_money_figures),
        cmocka_unit_test(test_money_exact),
        cmocka_unit_test(test_money_reference),
        cmocka_unit_test(test_csv_text),
        cmocka_unit_test(test_csv_text_everywhere),
        cmocka_unit_test(test_short_and_long),
        cmocka_unit_test(test_room_enough),
        cmocka_unit_test(test_json_text),
        cmocka_unit_test(test_other_types),
        cmocka_unit_test(test_long_rows),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
