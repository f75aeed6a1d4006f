/* derive.h: schedule years made from other years, and `check` lines.
 *
 *   "2025-26" = "2024-25" * (1 + raise) rounded half up to dollars
 *   "2026-27" = "2025-26" unrounded * (1 + raise) rounded half up to dollars
 *
 * A derived year's cells are its source's cells times the rate, each
 * rounded as the rule says; `unrounded` takes the source's figures before
 * the source's own rounding, so raises compound on exact figures.  The
 * rate is worked out from numbers and params in the derived year, so a
 * --set or a proposal that changes a param changes every cell it drives:
 * the checker lays the cells out with the contract's params, and
 * compile_program again with its overrides (schedule_year_cells).
 *
 * The checker's half (check_year_rules, check_statements) is declared in
 * checker.h.
 */
#ifndef TERMS_DERIVE_H
#define TERMS_DERIVE_H

#include "compile.h"

/* The cells of schedule s in contract year y, [row][col]: the Model's,
 * or, when an override changes a rate they are derived with, worked out
 * again into arena. */
const Figure *schedule_year_cells(const Model *m, int s, int y, const Override *ov, int nov, Arena *arena);

/* The rule year y of schedule s is derived by, or NULL: a printed year. */
const YearRule *schedule_year_rule(const Model *m, int s, int y);

/* Where one cell of a derived year comes from, for `terms explain`. */
typedef struct {
    const YearRule *rule;
    Figure source;      /* the source year's figure the rate multiplies */
    Rat rate;
    Figure exact;       /* source x rate */
    Figure cell;        /* rounded: the cell */
} CellOrigin;

/* False if that cell is not a derived year's (a printed one, a derived
 * column's); ov as for schedule_year_cells. */
bool schedule_cell_origin(const Model *m, int s, int y, int row, int col, const Override *ov, int nov, CellOrigin *out);

#endif
