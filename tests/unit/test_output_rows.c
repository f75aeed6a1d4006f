/* output_row's own way through a CSV row (runtime/output.c): amounts in
 * cents and ids written without a call, anything else handed to the
 * general writer from where it is met, against rat_format_exact and the
 * definition of a CSV cell; rows as wide as that way writes at the end of
 * the buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static int64_t gcd(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

/* n/d in lowest terms, as the VM has every number */
static Value money(int64_t n, int64_t d)
{
    int64_t g = gcd(n, d);
    return g ? (Value){.num = {n / g, d / g}} : (Value){.num = {0, 1}};
}

static Value text(const char *s)
{
    return (Value){.text = {s, (uint32_t)strlen(s)}};
}

static uint64_t seed = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return seed;
}

static int64_t ten_to(int e)
{
    int64_t t = 1;
    while (e-- > 0)
        t *= 10;
    return t;
}

/* A random amount of one of the kinds a row may hold: in cents (each
 * denominator dividing 100), with more places than cents, with decimals
 * that never end, or near the limits (RAT_LIMIT, the most output_row
 * writes itself, the denominators about 100); either sign. */
static Value random_amount(void)
{
    static const int64_t cents[] = {1, 2, 4, 5, 10, 20, 25, 50, 100};
    static const int64_t finer[] = {8, 16, 40, 125, 200, 400, 1000, 1024, 10000, 3125, 1000000000000};
    static const int64_t endless[] = {3, 7, 97, 101, 127, 128 * 3, 999999937};
    uint64_t r = next();
    int64_t n = (int64_t)((r >> 8) % (uint64_t)ten_to((int)(r % 18) + 1)), d;
    switch ((r >> 4) % 8) {
    case 0: case 1: case 2: case 3:
        d = cents[(r >> 40) % 9];
        break;
    case 4:
        d = finer[(r >> 40) % 11];
        break;
    case 5:
        d = endless[(r >> 40) % 7];
        break;
    case 6: /* about the most output_row writes itself: 10^8 cents */
        d = cents[(r >> 40) % 9];
        n = 100000000 / (100 / d) + (int64_t)((r >> 50) % 7) - 3;
        break;
    default: /* about RAT_LIMIT, and denominators about 100 */
        d = (r >> 40) % 2 ? 96 + (int64_t)((r >> 41) % 40) : RAT_LIMIT - (int64_t)((r >> 41) % 3);
        n = RAT_LIMIT - (int64_t)((r >> 50) % 1000);
        break;
    }
    return money(r >> 63 ? -n : n, d);
}

/* a shown with places decimals, as the definition has it */
static void put_amount(FILE *f, Rat a, int places)
{
    char buf[96];
    size_t len = rat_format_exact(a, places, buf, sizeof buf);
    assert_true(len > 0);
    fwrite(buf, 1, len, f);
}

/* s as one CSV cell, by the definition (docs/security.md) */
static void put_cell(FILE *f, const char *s, size_t n)
{
    bool formula = n > 0 && strchr("=+-@\t\r", s[0]) && s[0];
    bool quote = formula;
    for (size_t i = 0; i < n; i++)
        quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (quote)
        fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    if (quote)
        fputc('"', f);
}

/* The columns of the rows below: runs of amounts in cents between texts,
 * an amount shown to 4 places and a whole number, so that a row may be
 * handed on in every kind of run and at every place in a run. */
static ProgOutput outs[] = {
    {.name = "id", .type = {TY_TEXT, 0}},   {.name = "a", .type = {TY_MONEY, 0}},
    {.name = "b", .type = {TY_MONEY, 0}},   {.name = "c", .type = {TY_MONEY, 0}},
    {.name = "note", .type = {TY_TEXT, 0}}, {.name = "d", .type = {TY_MONEY, 0}},
    {.name = "rate", .type = {TY_MONEY, 4}}, {.name = "step", .type = {TY_INTEGER, 0}},
    {.name = "e", .type = {TY_MONEY, 0}},
};
enum { COLS = sizeof outs / sizeof *outs };

static const Program program = {.outputs = outs, .noutputs = COLS};

/* Texts for the id and the note: ids as output_row copies them itself (8
 * to 16 bytes, nothing to quote) and not (too short or long, a byte to
 * quote, a formula, bytes past ASCII), and notes longer than a row is
 * first given room for, which make the row be written again. */
static const char *random_text(char *buf, size_t cap)
{
    static const char *const some[] = {
        "E0000001", "E000000000000016", "E0000000000000017", "E000001", "", "=E000001", "-E000001",
        "@E000001", "+E000001", "E0000,01", "E00\"0001", "E000\n001", "E00000\r1", "caf\xc3\xa9-0001",
        "\xad" "E0000001", "E0000001\xff", "E-0001.5", "Smith, Jane",
    };
    uint64_t r = next();
    if (r % 5 == 0) { /* 250 to 270 bytes, around SHORT, with a quote now and then */
        size_t n = 250 + (size_t)(r >> 8) % 21;
        assert_true(n < cap);
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)('a' + (i * 7 + (r >> 16)) % 26);
        if (r & 0x100000)
            buf[(r >> 24) % n] = '"';
        buf[n] = '\0';
        return buf;
    }
    return some[(r >> 8) % (sizeof some / sizeof *some)];
}

/* Random rows of every column kind against the definition, in CSV and JSON
 * Lines, each amount also with a random place in its run turned into one
 * that output_row hands on (negative, in more places, too large) and every
 * other as it was, so that the general writer picks the row up in each
 * place of each run; a long note after it has the whole row written
 * again. */
static void test_random_rows(void **state)
{
    (void)state;
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        bool json = fmt == FORMAT_JSONL;
        char *got = NULL, *want = NULL;
        size_t got_len = 0, want_len = 0;
        FILE *g = open_memstream(&got, &got_len), *w = open_memstream(&want, &want_len);
        Output *o = output_to_stream(g, (OutputFormat)fmt, &program);
        char id_buf[300], note_buf[300];
        for (int row = 0; row < 40000; row++) {
            Value v[COLS];
            const Value *at[COLS];
            int rare = (int)(next() % COLS);
            for (int c = 0; c < COLS; c++) {
                Type t = outs[c].type;
                if (t.kind == TY_TEXT)
                    v[c] = text(random_text(c ? note_buf : id_buf, sizeof id_buf));
                else if (t.kind == TY_INTEGER)
                    v[c] = money(row, 1);
                else if (c == rare || row % 3 == 0)
                    v[c] = random_amount();
                else /* most amounts as output_row writes them itself */
                    v[c] = money((int64_t)(next() % 100000000), 100);
                at[c] = &v[c];
            }
            assert_true(output_row(o, at));
            fputs(json ? "{" : "", w);
            for (int c = 0; c < COLS; c++) {
                Type t = outs[c].type;
                if (json)
                    fprintf(w, "%s\"%s\":", c ? "," : "", outs[c].name);
                else if (c)
                    fputc(',', w);
                if (t.kind == TY_TEXT && json) {
                    fputc('"', w);
                    const char *t8 = v[c].text.p;
                    for (uint32_t i = 0; i < v[c].text.len; i++) {
                        unsigned char ch = (unsigned char)t8[i];
                        if (ch == '"' || ch == '\\') {
                            fprintf(w, "\\%c", ch);
                        } else if (ch < 0x20 || ch == 0x7f) {
                            fprintf(w, "\\u%04x", ch);
                        } else if (ch < 0x80) {
                            fputc(ch, w);
                        } else if (ch == 0xc3 && i + 1 < v[c].text.len && (unsigned char)t8[i + 1] == 0xa9) {
                            fputs("\xc3\xa9", w); /* the one UTF-8 character of the texts */
                            i++;
                        } else {
                            fputs("\\ufffd", w);
                        }
                    }
                    fputc('"', w);
                } else if (t.kind == TY_TEXT) {
                    put_cell(w, v[c].text.p, v[c].text.len);
                } else if (t.kind == TY_INTEGER) {
                    fprintf(w, "%d", row);
                } else {
                    fputs(json ? "\"" : "", w);
                    put_amount(w, v[c].num, money_places(t));
                    fputs(json ? "\"" : "", w);
                }
            }
            fputs(json ? "}\n" : "\n", w);
        }
        char err[256];
        assert_true(output_commit(o, err, sizeof err));
        fclose(g);
        fclose(w);
        /* the first line that differs, as the message */
        size_t i = 0, line = 1;
        while (i < got_len && i < want_len && got[i] == want[i])
            line += got[i++] == '\n';
        if (i != got_len || i != want_len) {
            size_t start = i;
            while (start > 0 && want[start - 1] != '\n')
                start--;
            fail_msg("%s line %zu: got \"%.*s\", want \"%.*s\"", json ? "JSON Lines" : "CSV", line,
                     (int)strcspn(got + start, "\n"), got + start, (int)strcspn(want + start, "\n"),
                     want + start);
        }
        free(got);
        free(want);
    }
}

/* A row of no columns is a line end; with one cent column, every amount
 * that output_row writes itself and those about them. */
static void test_no_columns_and_one(void **state)
{
    (void)state;
    Program none = {.noutputs = 0};
    for (int fmt = FORMAT_CSV; fmt <= FORMAT_JSONL; fmt++) {
        Output *o = output_to_memory((OutputFormat)fmt, &none);
        const Value *at[1] = {NULL};
        assert_true(output_row(o, at));
        assert_true(output_row(o, at));
        size_t len;
        const char *bytes = output_held(o, &len);
        const char *want = fmt == FORMAT_CSV ? "\n\n" : "{}\n{}\n";
        assert_int_equal(len, strlen(want));
        assert_memory_equal(bytes, want, len);
        output_abort(o);
    }
    ProgOutput one[] = {{.name = "pay", .type = {TY_MONEY, 0}}};
    Program p = {.outputs = one, .noutputs = 1};
    Output *o = output_to_memory(FORMAT_CSV, &p);
    char *want = NULL;
    size_t want_len = 0;
    FILE *w = open_memstream(&want, &want_len);
    for (int64_t c = 0; c <= 100000100; c += c < 20000 || c > 99990000 ? 1 : 9973) {
        Value v = money(c, 100);
        const Value *at = &v;
        assert_true(output_row(o, &at));
        put_amount(w, v.num, 2);
        fputc('\n', w);
    }
    fclose(w);
    size_t len;
    const char *bytes = output_held(o, &len);
    assert_int_equal(len, want_len);
    assert_memory_equal(bytes, want, len);
    free(want);
    output_abort(o);
}

/* Rows as wide as output_row writes without looking (ids of 16 bytes, the
 * largest amounts in cents it writes) through a stream's buffer, which
 * goes out as it fills, and a memory output's, which grows: room is left
 * for the widest row after each, so none runs past the buffer (as ASan
 * would see), and the bytes are those of the rows. */
static void test_widest_rows(void **state)
{
    (void)state;
    ProgOutput cols[9] = {{.name = "id", .type = {TY_TEXT, 0}}};
    for (int c = 1; c < 9; c++)
        cols[c] = (ProgOutput){.name = "x", .type = {TY_MONEY, 0}};
    Program p = {.outputs = cols, .noutputs = 9};
    for (int held = 0; held <= 1; held++) {
        char *got = NULL, *want = NULL;
        size_t got_len = 0, want_len = 0;
        FILE *g = open_memstream(&got, &got_len), *w = open_memstream(&want, &want_len);
        Output *o = held ? output_to_memory(FORMAT_CSV, &p) : output_to_stream(g, FORMAT_CSV, &p);
        for (int row = 0; row < 70000; row++) {
            char id[17];
            snprintf(id, sizeof id, "E%015d", row);
            Value v[9] = {text(id)};
            const Value *at[9] = {&v[0]};
            for (int c = 1; c < 9; c++) {
                v[c] = money(99999999 - (row + c) % 3, 100);
                at[c] = &v[c];
            }
            assert_true(output_row(o, at));
            fputs(id, w);
            for (int c = 1; c < 9; c++) {
                fputc(',', w);
                put_amount(w, v[c].num, 2);
            }
            fputc('\n', w);
        }
        fclose(w);
        char err[256];
        if (held) {
            size_t len;
            const char *bytes = output_held(o, &len);
            fwrite(bytes, 1, len, g);
            output_abort(o);
        } else {
            assert_true(output_commit(o, err, sizeof err));
        }
        fclose(g);
        assert_true(want_len > 6u << 20);
        assert_int_equal(got_len, want_len);
        assert_memory_equal(got, want, want_len);
        free(got);
        free(want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_rows),
        cmocka_unit_test(test_no_columns_and_one),
        cmocka_unit_test(test_widest_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
