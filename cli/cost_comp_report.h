/* cost_comp_report.h: the total compensation of a costing, and of a
 * settlement, as rows that every report prints (the text, the HTML page,
 * the workbook, the CSV and JSON Lines rows): the figures come from
 * engine/cost_comp.h. */
#ifndef TERMS_COST_COMP_REPORT_H
#define TERMS_COST_COMP_REPORT_H

#include "cost_comp.h"

typedef enum {
    COMP_MONEY,     /* an amount: "$1,234.56" */
    COMP_CHANGE,    /* a change, signed: "+$1,234.56" */
    COMP_SHARE,     /* a share, as a percent to 2 decimals rounded half up: "+7.29%" */
    COMP_COUNT,     /* a count of employees: "12" */
    COMP_HOURS,     /* hours, to 2 decimals rounded half up: "1,455.00" */
} CompRowKind;

typedef struct {
    char label[96];         /* "wages (recurring)", "percent of 2024-25", a definition's name */
    const char *cite;       /* a roll-up's or benefit's citation, or NULL */
    int depth;              /* 0, or 1 under the row above: a definition in its part, a share of its increase */
    CompRowKind kind;
    bool total;             /* the total compensation */
    /* [y] per year costed, [COMP_ALL] over the term; has false: no figure
     * (the base year has no increase; a share of nothing) */
    bool has[COMP_ALL + 1];
    Rat v[COMP_ALL + 1];
} CompRow;

/* Rows being made: v[0..n), room for cap. */
typedef struct {
    CompRow *v;
    int n, cap;
} CompRows;

/* A new row at the end of r, with no figures yet (has all false). */
CompRow *comp_row_add(CompRows *r, const char *label, int depth, CompRowKind kind);

/* The rows of c's total compensation: the parts and each roll-up and
 * benefit under its part, the total, and with several years the increase
 * over last year and over the base year, each with its share of the base
 * year.  *rows is allocated (free it); returns how many, or -1 if a sum is
 * too large. */
int comp_rows(const Costing *c, CompRow **rows);

/* The settlement in total compensation, proposal p - baseline b: the
 * parts, the total and its percent of the baseline's.  As comp_rows. */
int comp_change_rows(const Costing *p, const Costing *b, CompRow **rows);

/* Does any contract of the report declare roll-up or benefits? */
bool comp_in_report(const CostReport *reports, int n);

/* The cell as the text and the page show it ("" where it has none). */
void comp_cell(const CompRow *r, int at, char *buf, size_t cap);

#endif
