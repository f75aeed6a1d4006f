/* One value as text: exact numbers (rat_format_exact, rat_format_long),
 * format_value and format_display, and JSON strings that are valid UTF-8
 * whatever bytes they are given.  Every expected figure is worked by hand
 * (long division) in the comment beside it, or checked with Python's
 * Decimal where it is too long for that. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

static Rat q(int64_t n, int64_t d) { return (Rat){n, d}; } /* already in lowest terms */

static const char *exact(Rat r, int min_places)
{
    static char buf[96];
    size_t n = rat_format_exact(r, min_places, buf, sizeof buf - 1);
    buf[n] = '\0';
    return buf;
}

static const char *cut_to(Rat r, int min_places, bool money, bool *cut)
{
    static char buf[128];
    size_t n = rat_format_long(r, min_places, 6, money, buf, sizeof buf - 1, cut);
    buf[n] = '\0';
    return buf;
}

static void test_decimal_places(void **state)
{
    (void)state;
    assert_int_equal(rat_decimal_places(q(7, 1)), 0);
    assert_int_equal(rat_decimal_places(q(7, 2)), 1);
    assert_int_equal(rat_decimal_places(q(7, 2000)), 4);  /* 2000 = 2^4 * 5^3 */
    assert_int_equal(rat_decimal_places(q(1, 3125)), 5);  /* 5^5: 0.00032 */
    assert_int_equal(rat_decimal_places(q(1, 3)), -1);
    assert_int_equal(rat_decimal_places(q(1, 6)), -1);    /* 0.1666... */
    assert_int_equal(rat_decimal_places(q(1, 576460752303423488)), 59); /* 2^59 */
    assert_int_equal(rat_decimal_places(q(1, 298023223876953125)), 25); /* 5^25 */
}

/* The whole of every decimal, however many there are; a fraction where
 * they never end. */
static void test_exact(void **state)
{
    (void)state;
    assert_string_equal(exact(q(0, 1), 0), "0");
    assert_string_equal(exact(q(0, 1), 2), "0.00");
    assert_string_equal(exact(q(-12, 1), 0), "-12");
    assert_string_equal(exact(q(40000, 1), 2), "40000.00");
    assert_string_equal(exact(q(-1, 2), 2), "-0.50");
    assert_string_equal(exact(q(-7, 2000), 0), "-0.0035");           /* 7/2000 = 35/10000 */
    assert_string_equal(exact(q(1, 8), 2), "0.125");                 /* more than 2 places: all of them */
    assert_string_equal(exact(q(1, 1000000000000), 0), "0.000000000001");
    /* 0.123456789012345 = 123456789012345 / 10^15 = 24691357802469 / 2 * 10^14 */
    assert_string_equal(exact(q(24691357802469, 200000000000000), 0), "0.123456789012345");
    assert_string_equal(exact(q(1841763, 40), 2), "46044.075");      /* 55275 * 0.833 */
    assert_string_equal(exact(q(123456789012345678, 100), 2), "1234567890123456.78");
    assert_string_equal(exact(q(1000000000000000000, 1), 0), "1000000000000000000");
    /* no end: 1/3, 21000/97 (42000 / 194), 14221/42 (338.595238...) */
    assert_string_equal(exact(q(1, 3), 0), "1/3");
    assert_string_equal(exact(q(-1, 3), 2), "-1/3");
    assert_string_equal(exact(q(-21000, 97), 2), "-21000/97");
    assert_string_equal(exact(q(14221, 42), 2), "14221/42");
    assert_string_equal(exact(q(-1000000000000000000, 999999999999999999), 0),
                        "-1000000000000000000/999999999999999999");
    /* the longest: 59 places (checked with Python's Decimal) */
    assert_string_equal(exact(q(1, 576460752303423488), 0),
                        "0.00000000000000000173472347597680709441192448139190673828125");
    assert_string_equal(exact(q(-999999999999999999, 576460752303423488), 0),
                        "-1.73472347597680709267720100541509964386932551860809326171875");
    assert_string_equal(exact(q(999999999999999999, 298023223876953125), 0), "3.3554431999999999966445568");
    /* too little room: nothing */
    char small[5];
    assert_int_equal(rat_format_exact(q(1, 8), 0, small, sizeof small), 5); /* "0.125": just fits */
    assert_int_equal(rat_format_exact(q(1, 8), 0, small, 4), 0);
    assert_int_equal(rat_format_exact(q(100000, 3), 0, small, sizeof small), 0);
}

/* For people: decimals in full, or cut (never rounded) six past the zeros
 * after the point, and said to be cut. */
static void test_long(void **state)
{
    (void)state;
    bool cut;
    assert_string_equal(cut_to(q(1, 3), 0, false, &cut), "0.333333");
    assert_true(cut);
    assert_string_equal(cut_to(q(2, 3), 0, false, &cut), "0.666666"); /* cut, not rounded to ...7 */
    assert_true(cut);
    assert_string_equal(cut_to(q(-2, 3), 0, false, &cut), "-0.666666");
    assert_string_equal(cut_to(q(1, 3000), 0, false, &cut), "0.000333333");
    assert_string_equal(cut_to(q(14221, 42), 2, true, &cut), "$338.595238"); /* 14221 = 42 * 338 + 25; 25/42 = .595238... */
    assert_true(cut);
    assert_string_equal(cut_to(q(37037035, 3), 2, true, &cut), "$12,345,678.333333");
    assert_string_equal(cut_to(q(-21000, 97), 2, true, &cut), "-$216.494845"); /* 21000 = 97 * 216 + 48; 48/97 = .4948453... */
    assert_string_equal(cut_to(q(1841763, 40), 2, true, &cut), "$46,044.075");
    assert_false(cut);
    assert_string_equal(cut_to(q(40000, 1), 2, true, &cut), "$40,000.00");
    assert_false(cut);
    assert_string_equal(cut_to(q(-1, 8), 2, true, &cut), "-$0.125");
    assert_string_equal(cut_to(q(1, 1000000000000), 0, false, &cut), "0.000000000001");
    assert_false(cut);
    /* the most it writes: the largest amount, with commas; the most zeros after the point */
    assert_string_equal(cut_to(q(-999999999999999998, 3), 2, true, &cut), "-$333,333,333,333,333,332.666666");
    assert_true(cut);
    /* 1/(10^18 - 1) = 0.000000000000000001000000000000000001...: 17 zeros, then six */
    assert_string_equal(cut_to(q(1, 999999999999999999), 0, false, &cut), "0.00000000000000000100000");
    assert_true(cut);
}

static const char *value(Value v, Type t)
{
    static char buf[FORMAT_MAX + 1];
    size_t n = format_value(v, t, NULL, buf, FORMAT_MAX);
    buf[n] = '\0';
    return buf;
}

static const char *display(Value v, Type t)
{
    static char buf[FORMAT_MAX + 1];
    size_t n = format_display(v, t, NULL, buf, FORMAT_MAX);
    buf[n] = '\0';
    return buf;
}

static void test_values(void **state)
{
    (void)state;
    Type money = {TY_MONEY, 0}, decimal = {TY_DECIMAL, 0}, integer = {TY_INTEGER, 0};
    assert_string_equal(value((Value){.num = q(3385952, 10000)}, money), "338.5952"); /* round(m, 4) */
    assert_string_equal(value((Value){.num = q(14221, 42)}, money), "14221/42");
    assert_string_equal(value((Value){.num = q(4654, 100)}, money), "46.54");
    assert_string_equal(value((Value){.num = q(7, 1)}, money), "7.00");
    assert_string_equal(value((Value){.num = q(1, 1000000000000)}, decimal), "0.000000000001");
    assert_string_equal(value((Value){.num = q(7, 1)}, decimal), "7");
    assert_string_equal(value((Value){.num = q(1, 3)}, decimal), "1/3");
    assert_string_equal(value((Value){.num = q(-42, 1)}, integer), "-42");

    assert_string_equal(display((Value){.num = q(4000000, 100)}, money), "$40,000.00");
    assert_string_equal(display((Value){.num = q(3385952, 10000)}, money), "$338.5952");
    assert_string_equal(display((Value){.num = q(14221, 42)}, money), "$338.595238\xe2\x80\xa6 (exactly 14221/42)");
    assert_string_equal(display((Value){.num = q(1, 3)}, decimal), "0.333333\xe2\x80\xa6 (exactly 1/3)");
    assert_string_equal(display((Value){.num = q(5, 6)}, decimal), "0.833333\xe2\x80\xa6 (exactly 5/6)");
    assert_string_equal(display((Value){.num = q(833, 1000)}, decimal), "0.833");
    assert_string_equal(display((Value){.num = q(12, 1)}, integer), "12");
    /* the longest display there is fits in FORMAT_MAX */
    assert_string_equal(display((Value){.num = q(-999999999999999999, 999999999999999997)}, money),
                        "-$1.000000\xe2\x80\xa6 (exactly -999999999999999999/999999999999999997)");
    char small[20];
    assert_int_equal(format_display((Value){.num = q(1, 3)}, decimal, NULL, small, sizeof small), 0);
}

/* Whole integers and decimals are written as rat_format_exact writes
 * them, and not at all where they do not fit. */
static void test_whole_values(void **state)
{
    (void)state;
    Type types[] = {{TY_INTEGER, 0}, {TY_DECIMAL, 0}};
    int64_t some[] = {0, 1, -1, 9, -9, 10, -10, 99, 100, -100, 12345, 4294967296, -4294967297,
                      999999999999999999, -999999999999999999, 1000000000000000000, -1000000000000000000};
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t n = i < (int)(sizeof some / sizeof *some) ? some[i] : (int64_t)(x % 2000000000000000001u) - 1000000000000000000;
        n = i % 3 == 2 && n ? n % 100000 : n; /* short ones too */
        char want[80], got[80];
        size_t wn = rat_format_exact(q(n, 1), 0, want, sizeof want);
        for (int k = 0; k < 2; k++) {
            assert_int_equal(format_value((Value){.num = q(n, 1)}, types[k], NULL, got, sizeof got), wn);
            assert_memory_equal(got, want, wn);
            assert_int_equal(format_value((Value){.num = q(n, 1)}, types[k], NULL, got, wn), wn);
            assert_int_equal(format_value((Value){.num = q(n, 1)}, types[k], NULL, got, wn - 1), 0);
        }
    }
}

/* What format_json_into should write for s, at q, by decoding each code
 * point (another way than the one it uses: by value, not by byte ranges). */
static char *json_reference(char *q, const unsigned char *s, size_t n)
{
    *q++ = '"';
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC0 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF8 ? 4 : 0;
        uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        bool ok = len > 0 && i + len <= n;
        for (size_t j = 1; ok && j < len; j++) {
            ok = (s[i + j] & 0xC0) == 0x80;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && cp >= least[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        if (!ok)
            q += sprintf(q, "\\ufffd");
        else if (cp == '"' || cp == '\\')
            q += sprintf(q, "\\%c", (char)cp);
        else if (cp < 0x20 || cp == 0x7f)
            q += sprintf(q, "\\u%04x", cp);
        else
            q += sprintf(q, "%.*s", (int)len, (const char *)s + i);
        i += ok ? len : 1;
    }
    *q++ = '"';
    return q;
}

static void check_json(const unsigned char *s, size_t n)
{
    char got[64], want[64];
    size_t got_len = (size_t)(format_json_into(got, (const char *)s, n) - got);
    size_t want_len = (size_t)(json_reference(want, s, n) - want);
    if (got_len != want_len || memcmp(got, want, got_len))
        fail_msg("bytes %02x %02x %02x %02x (%zu): got %.*s, want %.*s", s[0], n > 1 ? s[1] : 0, n > 2 ? s[2] : 0,
                 n > 3 ? s[3] : 0, n, (int)got_len, got, (int)want_len, want);
}

/* Invalid UTF-8 of every kind becomes U+FFFD, a byte at a time; valid
 * UTF-8 goes through as it is; control characters are escaped. */
static void test_json_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *in, *json;
    } cases[] = {
        {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
        {"\xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf", "\"\xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbf\""},
        {"\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf", "\"\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf\""}, /* U+10000, U+10FFFF */
        {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},         /* a surrogate, U+D800 */
        {"\xed\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\""},         /* U+DFFF */
        {"\xc0\xaf", "\"\\ufffd\\ufffd\""},                    /* '/' overlong in two bytes */
        {"\xc1\xbf", "\"\\ufffd\\ufffd\""},
        {"\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\""},         /* in three */
        {"\xf0\x80\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""}, /* in four */
        {"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""}, /* U+110000 */
        {"\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""}, /* F5 to FF never lead */
        {"\xff\xfe", "\"\\ufffd\\ufffd\""},
        {"\xe2\x82", "\"\\ufffd\\ufffd\""},                    /* cut short */
        {"a\x01\x1f\x7f\"\\", "\"a\\u0001\\u001f\\u007f\\\"\\\\\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        format_json_string(f, cases[i].in, strlen(cases[i].in));
        fclose(f);
        assert_string_equal(out, cases[i].json);
        free(out);
    }
    /* every one and two bytes; every three from E0 up; four from F0 up
     * with the last two bytes at the bounds of a continuation byte */
    unsigned char s[4];
    for (unsigned a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        check_json(s, 1);
        for (unsigned b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            check_json(s, 2);
            for (unsigned c = 0x70; a >= 0xE0 && c < 0xD0; c++) {
                s[2] = (unsigned char)c;
                check_json(s, 3);
            }
            static const unsigned char ends[] = {0x7f, 0x80, 0xbf, 0xc0};
            for (int k = 0; a >= 0xF0 && k < 16; k++) {
                s[2] = ends[k / 4], s[3] = ends[k % 4];
                check_json(s, 4);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_places),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_whole_values),
        cmocka_unit_test(test_json_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
