/* cost_report.h: a costing printed (cost_report.c, cost_xlsx.c); the
 * figures come from the engine (costing.h). */
#ifndef TERMS_COST_REPORT_H
#define TERMS_COST_REPORT_H

#include <stdio.h>
#include "costing.h"
#include "provenance.h"
#include "target.h"

/* A note on out for each item the roster names that c's contract lacks,
 * so that it is absent (zero) from c's costing. */
void cost_print_absent(const char *cmd, const Costing *c, FILE *out);
/* reports[0..n): each a proposal against the same baseline (or none),
 * over the same roster and years. */
void cost_print_text(const CostReport *reports, int n, FILE *out);
/* The total compensation of each and of the settlement, when a contract
 * declares roll-up or benefits (cost_comp_report.c). */
void cost_print_comp_text(const CostReport *reports, int n, FILE *out);
/* pv (may be NULL): the inputs, named in the page and the workbook's properties. */
void cost_print_html(const CostReport *reports, int n, const Provenance *pv, FILE *out);
/* The workbook, written to t; false after a message. */
bool cost_write_xlsx(const CostReport *reports, int n, const Provenance *pv, Target *t);

/* The parts of a page of several units (cost_district.c), in the same
 * style: the page's head up to its heading and a line saying what it
 * costs (what: plain text); one unit's settlement, tables, charts (their
 * ids numbered from chart) and employees; the end, with the inputs (pv
 * may be NULL); text escaped, an amount's cell, the bar chart of total pay
 * by year. */
void cost_html_begin(const char *title, const char *what, FILE *out);
void cost_html_unit(const CostReport *reports, int n, int chart, FILE *out);
void cost_html_end(const Provenance *pv, FILE *out);
void cost_html_text(FILE *out, const char *s);
void cost_html_money(FILE *out, Rat v, bool sign, const char *class);
void cost_html_chart_totals(const CostReport *r, int chart, FILE *out);

/* What cost and solve share: --years ("all", a year, or FIRST..LAST, by
 * name or 1-based number) into first and last, false after a message;
 * and the name counted as FTE by default (contracted_fte, else fte, else
 * NULL). */
bool parse_years(const char *cmd, const Model *m, const char *option, const char *arg, int *first, int *last);
const char *default_fte(const Model *m, const Contract *c);

#endif
