/* format.h: one value as text, the way every output prints it. */
#ifndef TERMS_FORMAT_H
#define TERMS_FORMAT_H

#include <stddef.h>
#include <stdio.h>
#include "value.h"

/* FORMAT_MAX: bytes that hold any value but a text, a list or a long enum
 * member.  FORMAT_FIGURES: the decimals format_display shows of a number
 * whose decimals never end, before it says so. */
enum { FORMAT_MAX = 192, FORMAT_FIGURES = 6 };

/* Writes v of type t into buf exactly (no NUL; returns the length, 0 if it
 * did not fit).  Money: at least money_places(t) decimals, no $
 * ("40000.00", "46044.075", "24.6500" rounded to 4 places); integers
 * and decimals in full ("7", "0.000000000001"); a number whose decimals never end as a fraction in lowest terms
 * ("1/3", "-21000/97"); yes/no: "yes"/"no"; enums: the member; dates:
 * YYYY-MM-DD; lists: members joined by ';'; text as is. */
size_t format_value(Value v, Type t, const EnumDef *enums, char *buf, size_t cap);

/* For people: money as "$40,000.00" (or "$46,044.075"), the rest as
 * format_value, but a number whose decimals never end as its first
 * decimals and the exact fraction: "$338.595238… (exactly 14221/42)". */
size_t format_display(Value v, Type t, const EnumDef *enums, char *buf, size_t cap);

/* For people: a number written as a percent, v x 100 and "%" ("3%",
 * "2.5%"), as format_display writes the number; 0 if it did not fit. */
size_t format_percent(Rat v, char *buf, size_t cap);

/* For reports: money as "$1,234.56" or "-$1,234.56", and with sign a
 * positive amount as "+$1,234.56"; rounded half up to cents.  Writes a
 * NUL-terminated string to buf (64 bytes always hold it; "" if cap is too
 * small) and returns its length. */
size_t format_money(Rat r, bool sign, char *buf, size_t cap);

/* change as a percent of old, to two places rounded half up, with its sign
 * ("+1.23%", "-0.50%", "0.00%"), or "n/a" when old is zero; written as
 * format_money writes. */
size_t format_change_percent(Rat change, Rat old, char *buf, size_t cap);

/* s[0..n) as a JSON string, quotes included: control characters escaped,
 * invalid UTF-8 replaced by U+FFFD. */
void format_json_string(FILE *f, const char *s, size_t n);

/* The same at q, which has room for 6 * n + 2 bytes; returns the end. */
char *format_json_into(char *q, const char *s, size_t n);

#endif
