/* rat.h: exact rational numbers for money, decimals and integers.
 *
 * Every number in a contract is a Rat: a fraction n/d in lowest terms with
 * d > 0.  Integers have d == 1; $46.54 is 2327/50.  Both parts are kept
 * within 10^18 (RAT_LIMIT), so they fit in 64 bits and every intermediate
 * product fits in 128.  Sums,
 * products and quotients are exact, so `round(salary / 194)` rounds the
 * exact quotient, never a truncated one.  No binary floating point is used
 * anywhere.
 *
 * Every operation that can fail returns a RatStatus and writes its result
 * through an out pointer; on failure the out value is left unspecified.
 * Nothing here allocates.
 */
#ifndef TERMS_RAT_H
#define TERMS_RAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t n; /* numerator, carries the sign */
    int64_t d; /* denominator, always > 0, gcd(|n|, d) == 1 */
} Rat;

typedef enum {
    RAT_OK = 0,
    RAT_OVERFLOW,   /* a result outside RAT_LIMIT, or an intermediate product too big */
    RAT_DIV_ZERO,
    RAT_SYNTAX,     /* rat_parse: not a number */
    RAT_DOMAIN,     /* an argument a function does not accept, e.g. clamp(x, 5, 1) */
} RatStatus;

/* How the contract rounds a value that lies exactly half-way.  Values that
 * are not half-way always go to the nearest. */
typedef enum {
    ROUND_HALF_UP,     /* half away from zero: 2.5 -> 3, -2.5 -> -3 (accountants' "half up") */
    ROUND_HALF_DOWN,   /* half toward zero:    2.5 -> 2, -2.5 -> -2 */
    ROUND_HALF_EVEN,   /* half to even:        2.5 -> 2, 3.5 -> 4, -2.5 -> -2 */
    ROUND_FLOOR,       /* toward minus infinity, not only half-way values */
    ROUND_CEIL,        /* toward plus infinity */
    ROUND_TRUNC,       /* toward zero */
} RoundMode;

/* After reduction to lowest terms, |n| <= RAT_LIMIT and d <= RAT_LIMIT;
 * a result outside that is RAT_OVERFLOW.  So the largest amount is
 * $10,000,000,000,000,000.00 (10^16 dollars, in cents 10^18). */
#define RAT_LIMIT INT64_C(1000000000000000000)

static inline Rat rat_int(int64_t v) { return (Rat){v, 1}; }
/* v / 10^scale, e.g. rat_scaled(4654, 2) == 46.54 */
Rat rat_scaled(int64_t v, int scale);
bool rat_is_zero(Rat a);
bool rat_is_int(Rat a);
int rat_sign(Rat a);
int rat_cmp(Rat a, Rat b); /* -1, 0, 1 */
bool rat_eq(Rat a, Rat b);
Rat rat_neg(Rat a);
Rat rat_abs(Rat a);

RatStatus rat_add(Rat a, Rat b, Rat *out);
RatStatus rat_sub(Rat a, Rat b, Rat *out);
RatStatus rat_mul(Rat a, Rat b, Rat *out);
RatStatus rat_div(Rat a, Rat b, Rat *out);

/* Round to a multiple of 10^-places (places may be negative: -2 rounds to
 * hundreds).  Money to cents is places == 2, to dollars places == 0. */
RatStatus rat_round(Rat a, int places, RoundMode mode, Rat *out);

/* rat_round(a / b, places, mode) in one step, without reducing a / b,
 * when a / b is certain to be within the limits and places is 0 to 9;
 * false otherwise (b zero included), for the caller to divide and round in
 * two steps, which give the same value. */
bool rat_div_round_small(Rat a, Rat b, int places, RoundMode mode, Rat *out);
/* The same for rat_round(a * b, places, mode). */
bool rat_mul_round_small(Rat a, Rat b, int places, RoundMode mode, Rat *out);

/* a as a whole number of cents, when its denominator divides 100 and
 * |cents| <= limit; false otherwise. */
bool rat_cents(Rat a, int64_t limit, int64_t *cents);
/* c cents (|c| <= RAT_LIMIT), in lowest terms: 4654 is 2327/50. */
Rat rat_of_cents(int64_t c);

/* Integer part after rounding with mode to a whole number; RAT_OVERFLOW if
 * it does not fit in int64. */
RatStatus rat_to_int64(Rat a, RoundMode mode, int64_t *out);

/* Parse a plain decimal as written in a contract or a roster cell:
 * optional sign, digits, optional '.' and digits ("12", "-3.5", ".333",
 * "0.0035").  With allow_money, also a leading '$' (after the sign) and
 * thousands commas in the integer part ("$3,934", "$46.54", "-$1,200.00");
 * commas must group by three.  The whole of s[0..len) must be consumed. */
RatStatus rat_parse(const char *s, size_t len, bool allow_money, Rat *out);

/* Write a at exactly `places` decimals (rounding with mode if it has more),
 * no thousands separators, no '$': "40000.00", "-0.50", "7".  Returns the
 * length written (no NUL), or 0 if buf (cap bytes) is too small; 64 bytes
 * are always enough. */
size_t rat_format_fixed(Rat a, int places, RoundMode mode, char *buf, size_t cap);

/* Write a in shortest exact decimal form when its denominator divides a
 * power of ten with at most max_places digits ("0.0035", "1.2", "7");
 * otherwise rounded to max_places with mode and trailing zeros trimmed.
 * Same return convention as rat_format_fixed. */
size_t rat_format(Rat a, int max_places, RoundMode mode, char *buf, size_t cap);

/* How many decimals a's decimal form takes (0 for a whole number), or -1
 * if it has no end: its denominator has a prime factor other than 2 and 5
 * (1/3, 21000/97). */
int rat_decimal_places(Rat a);

/* Write a exactly.  A number whose decimal form ends is written in full,
 * with at least min_places decimals ("7", "0.0035", "40000.00",
 * "46044.075", "0.000000000001"); any other as a fraction in lowest terms
 * ("1/3", "-21000/97").  Same return convention as rat_format_fixed; 72
 * bytes are always enough. */
size_t rat_format_exact(Rat a, int min_places, char *buf, size_t cap);

/* For people: a's decimal form in full, with at least min_places
 * decimals, as rat_format_exact writes it; one with no end is cut (not
 * rounded) `figures` decimals after the zeros that follow the point, if
 * any ("0.333333", "0.000333333" for figures 6), and *cut set, for the
 * caller to say so.  money: with '$' and thousands commas ("$46,044.075").
 * Same return convention; 96 bytes are always enough for figures up to 18. */
size_t rat_format_long(Rat a, int min_places, int figures, bool money, char *buf, size_t cap, bool *cut);

/* Write a as money the way a contract prints it: "$40,000.00", "-$3.50".
 * Rounded to cents with mode. */
size_t rat_format_money(Rat a, RoundMode mode, char *buf, size_t cap);

const char *rat_status_text(RatStatus s);

#endif
