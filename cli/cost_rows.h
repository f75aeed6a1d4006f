/* cost_rows.h: a costing as rows for another program, CSV or JSON Lines
 * (terms cost --format, terms diff --roster --format).  Every figure is
 * exact, written as format_value writes it ("1234.56"); the inputs come
 * first (provenance.h): a CSV file's header comment lines ("# "), a JSON
 * Lines stream's first record ({"provenance": ...}). */
#ifndef TERMS_COST_ROWS_H
#define TERMS_COST_ROWS_H

#include <stdio.h>

#include "costing.h"
#include "provenance.h"

typedef enum { ROWS_TEXT, ROWS_CSV, ROWS_JSONL } RowsFormat;

/* cost: columns role (proposal, baseline, settlement), contract, year
 * ("all years" for the settlement over the term), item (headcount, FTE,
 * a line, percent of the baseline, a standard figure: cost_figure_rows.h),
 * group (with --by), value. */
void cost_print_rows(const CostReport *reports, int n, RowsFormat f, const Provenance *pv, FILE *out);

/* cost --unit: the same rows with a first column, unit: the head, each
 * unit's rows, and one row of the district's ("all units"): an amount,
 * or with count a whole number (a headcount). */
void cost_print_unit_head(RowsFormat f, const Provenance *pv, FILE *out);
void cost_print_unit_rows(const CostReport *reports, int n, const char *unit, RowsFormat f, FILE *out);
void cost_print_unit_row(const char *unit, const char *role, const char *contract, const char *year, const char *item, Rat value,
                         bool count, RowsFormat f, FILE *out);

/* diff --roster: columns year, item, group, old, new, change; head: the
 * provenance and the header first (the first year's). */
void year_cost_rows(const YearCost *yc, bool head, RowsFormat f, const Provenance *pv, FILE *out);

/* Per employee, as they are costed (CostRequest.employee): a row per
 * employee, year and line, with the employee's id, name and key fields
 * (the record's text, enum and whole-number fields; each contract's own
 * value), and in the baseline's pass the change in the total against each
 * proposal costed before it.  Columns: role (contract, proposal,
 * baseline, change), contract, id, name, the key fields, year, item,
 * value. */
enum { EMPLOYEE_KEYS = 32, EMPLOYEE_PROPOSALS = 16 };
typedef struct {
    FILE *out;
    RowsFormat f;
    const char *key[EMPLOYEE_KEYS];
    int nkeys;
    const char *role;                       /* of the pass under way */
    const Costing *proposal[EMPLOYEE_PROPOSALS]; /* in the baseline's pass: those to compare with */
    int nproposals;
} EmployeeRows;

/* The head (the inputs, and the columns' names for CSV); the key fields
 * are schema's. */
void employee_rows_begin(EmployeeRows *er, FILE *out, RowsFormat f, const RecordSchema *schema, const Provenance *pv);
/* A CostRequest.employee callback; ctx is an EmployeeRows. */
void employee_rows(void *ctx, const Costing *c, long e, int y, const Value *record, const Rat *values);

#endif
