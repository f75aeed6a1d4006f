/* fmt.h: the canonical layout of a contract (`terms fmt`).
 *
 * One declaration per line, single spaces inside expressions, runs of
 * parameters, definitions and rules aligned at `=`, `when`, `add` and
 * `cite`, schedule and table columns aligned, blank lines kept (one at
 * most), comments kept where they were, end-of-line comments the writer
 * aligned aligned again.  An expression the writer wrapped stays wrapped
 * where it was; one on a line longer than 100 columns is wrapped one part
 * per line.  Literals are written as the source wrote them and
 * parentheses where it put them, so the formatted contract means exactly
 * what the original did, and formatting it again changes nothing.
 */
#ifndef TERMS_FMT_H
#define TERMS_FMT_H

#include <stdio.h>
#include "ast.h"

/* Writes c (parsed from src, without syntax errors) in canonical layout. */
void format_contract(const Contract *c, const char *src, size_t len, FILE *out);

/* e in canonical form, into a string in arena.  With src NULL,
 * literals are written by value ($3,100 and $3100.00 alike), for
 * `terms diff` to compare meanings. */
const char *format_expr(Arena *arena, const char *src, const Expr *e);

/* A derived year's rule, "2024-25" * (1 + raise) rounded half up to
 * dollars, in arena; src as for format_expr. */
const char *format_year_rule(Arena *arena, const char *src, const YearRule *r);

#endif
