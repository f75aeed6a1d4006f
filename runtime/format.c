/* format.c: values as text, exactly as computed: money, decimals,
 * fractions, dates, members, lists; and text made safe for JSON. */
#include "format.h"

#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static size_t put(char *buf, size_t cap, size_t at, const char *s, size_t n)
{
    if (at + n > cap)
        return cap + 1;
    memcpy(buf + at, s, n);
    return at + n;
}

static size_t format_date(int64_t days, char *buf, size_t cap)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    if (cap < 10 || y < 0 || y > 9999)
        return 0;
    char *p = buf;
    p[0] = (char)('0' + y / 1000);
    p[1] = (char)('0' + y / 100 % 10);
    p[2] = (char)('0' + y / 10 % 10);
    p[3] = (char)('0' + y % 10);
    p[4] = '-';
    p[5] = (char)('0' + m / 10);
    p[6] = (char)('0' + m % 10);
    p[7] = '-';
    p[8] = (char)('0' + d / 10);
    p[9] = (char)('0' + d % 10);
    return 10;
}

/* A whole number as rat_format_exact writes it ("-42"), without working
 * out its decimal places: the integer columns of a roster's rows. */
static size_t format_whole(int64_t n, char *buf, size_t cap)
{
    char tmp[24], *end = tmp + sizeof tmp, *p = end;
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    do
        *--p = (char)('0' + m % 10);
    while ((m /= 10) != 0);
    if (n < 0)
        *--p = '-';
    size_t len = (size_t)(end - p);
    if (len > cap)
        return 0;
    memcpy(buf, p, len);
    return len;
}

size_t format_value(Value v, Type t, const EnumDef *enums, char *buf, size_t cap)
{
    switch (t.kind) {
    case TY_MONEY:
        return rat_format_exact(v.num, money_places(t), buf, cap);
    case TY_INTEGER:
    case TY_DECIMAL:
        if (v.num.d == 1)
            return format_whole(v.num.n, buf, cap);
        return rat_format_exact(v.num, 0, buf, cap);
    case TY_BOOL: {
        size_t n = put(buf, cap, 0, v.i ? "yes" : "no", v.i ? 3 : 2);
        return n > cap ? 0 : n;
    }
    case TY_DATE:
        return format_date(v.i, buf, cap);
    case TY_ENUM: {
        const char *m = enums[t.enum_id].members[v.i];
        size_t n = put(buf, cap, 0, m, strlen(m));
        return n > cap ? 0 : n;
    }
    case TY_LIST: {
        size_t n = 0;
        for (uint32_t i = 0; i < v.list.len; i++) {
            const char *m = enums[t.enum_id].members[v.list.items[i]];
            if (i > 0)
                n = put(buf, cap, n, ";", 1);
            if (n <= cap)
                n = put(buf, cap, n, m, strlen(m));
            if (n > cap)
                return 0;
        }
        return n;
    }
    case TY_TEXT: {
        size_t n = put(buf, cap, 0, v.text.p, v.text.len);
        return n > cap ? 0 : n;
    }
    case TY_RECORDS: { /* how many */
        int n = snprintf(buf, cap, "%u", (unsigned)v.recs.len);
        return n < 0 || (size_t)n >= cap ? 0 : (size_t)n;
    }
    case TY_RECORD:
    case TY_ERROR:
        break;
    }
    return 0;
}

size_t format_display(Value v, Type t, const EnumDef *enums, char *buf, size_t cap)
{
    if (t.kind != TY_MONEY && t.kind != TY_DECIMAL && t.kind != TY_INTEGER)
        return format_value(v, t, enums, buf, cap);
    bool cut, money = t.kind == TY_MONEY;
    size_t n = rat_format_long(v.num, money ? money_places(t) : 0, FORMAT_FIGURES, money, buf, cap, &cut);
    if (!cut || n == 0)
        return n;
    /* "0.333333… (exactly 1/3)" */
    static const char more[] = "\xe2\x80\xa6 (exactly "; /* an ellipsis */
    n = put(buf, cap, n, more, sizeof more - 1);
    size_t f = n <= cap ? rat_format_exact(v.num, 0, buf + n, cap - n) : 0;
    n = f ? put(buf, cap, n + f, ")", 1) : cap + 1;
    return n > cap ? 0 : n;
}

size_t format_percent(Rat v, char *buf, size_t cap)
{
    Rat hundred;
    if (rat_mul(v, rat_int(100), &hundred) != RAT_OK)
        return 0;
    size_t n = format_display((Value){.num = hundred}, (Type){TY_DECIMAL, 0}, NULL, buf, cap);
    n = n ? put(buf, cap, n, "%", 1) : 0;
    return n > cap ? 0 : n;
}

/* The length of the UTF-8 sequence s begins with (at most n bytes), 0 if
 * it is not one: a stray continuation byte, C0, C1 or F5 to FF, a
 * sequence cut short, an overlong form, a surrogate (U+D800 to U+DFFF) or
 * a code point past U+10FFFF. */
static size_t utf8_length(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned lo = 0x80, hi = 0xBF; /* the second byte's range */
    size_t len;
    if (u[0] >= 0xC2 && u[0] <= 0xDF)
        len = 2;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF)
        len = 3, lo = u[0] == 0xE0 ? 0xA0 : 0x80, hi = u[0] == 0xED ? 0x9F : 0xBF;
    else if (u[0] >= 0xF0 && u[0] <= 0xF4)
        len = 4, lo = u[0] == 0xF0 ? 0x90 : 0x80, hi = u[0] == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (len > n || u[1] < lo || u[1] > hi)
        return 0;
    for (size_t j = 2; j < len; j++)
        if ((u[j] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* s[0..n) and a NUL at buf, or "" if that does not fit in cap bytes. */
static size_t terminated(char *buf, size_t cap, const char *s, size_t n)
{
    if (cap == 0)
        return 0;
    if (n >= cap)
        n = 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return n;
}

size_t format_money(Rat r, bool sign, char *buf, size_t cap)
{
    char text[72];
    size_t n = sign && rat_sign(r) > 0;
    text[0] = '+';
    size_t len = rat_format_money(r, ROUND_HALF_UP, text + n, sizeof text - n);
    return terminated(buf, cap, text, len ? n + len : 0);
}

size_t format_change_percent(Rat change, Rat old, char *buf, size_t cap)
{
    Rat p;
    if (rat_is_zero(old) || rat_div(change, old, &p) != RAT_OK || rat_mul(p, rat_int(100), &p) != RAT_OK)
        return terminated(buf, cap, "n/a", 3);
    char text[72];
    size_t n = rat_sign(p) > 0;
    text[0] = '+';
    size_t len = rat_format_fixed(p, 2, ROUND_HALF_UP, text + n, sizeof text - 1 - n);
    if (!len)
        return terminated(buf, cap, "", 0);
    n += len;
    text[n++] = '%';
    return terminated(buf, cap, text, n);
}

char *format_json_into(char *q, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    *q++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
            *q++ = (char)ch;
        } else if (ch == '"' || ch == '\\') {
            *q++ = '\\';
            *q++ = (char)ch;
        } else if (ch < 0x20 || ch == 0x7f) {
            memcpy(q, "\\u00", 4);
            q[4] = hex[ch >> 4];
            q[5] = hex[ch & 15];
            q += 6;
        } else {
            /* valid UTF-8 goes through; any other byte becomes U+FFFD */
            size_t len = utf8_length(s + i, n - i);
            if (len) {
                memcpy(q, s + i, len);
                q += len;
                i += len - 1;
            } else {
                memcpy(q, "\\ufffd", 6);
                q += 6;
            }
        }
    }
    *q++ = '"';
    return q;
}

void format_json_string(FILE *f, const char *s, size_t n)
{
    char small[512];
    char *buf = n <= (sizeof small - 2) / 6 ? small : xmalloc(6 * n + 2);
    char *end = format_json_into(buf, s, n);
    fwrite(buf, 1, (size_t)(end - buf), f);
    if (buf != small)
        free(buf);
}
