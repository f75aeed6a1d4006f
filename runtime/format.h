/* format.h: one value as text, the way every output prints it. */
#ifndef TERMS_FORMAT_H
#define TERMS_FORMAT_H

#include <stddef.h>
#include <stdio.h>
#include "value.h"

enum { FORMAT_DECIMAL_PLACES = 6 }; /* a decimal that does not end within this is rounded */

/* Writes v of type t into buf (no NUL; returns the length, 0 if it did not
 * fit; 64 bytes hold any number).  Money: 2 decimals, no $ ("40000.00");
 * decimals: shortest exact form; yes/no: "yes"/"no"; enums: the member;
 * dates: YYYY-MM-DD; lists: members joined by ';'; text as is. */
size_t format_value(Value v, Type t, const EnumDef *enums, RoundMode mode, char *buf, size_t cap);

/* For people: money as "$40,000.00", the rest as format_value. */
size_t format_display(Value v, Type t, const EnumDef *enums, RoundMode mode, char *buf, size_t cap);

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
