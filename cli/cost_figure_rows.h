/* cost_figure_rows.h: the standard figures of a costing (engine/
 * cost_figures.h) as rows of the kind total compensation's are
 * (cost_comp_report.h), for the HTML page, the workbook and the CSV and
 * JSON Lines rows, which print them as they print those. */
#ifndef TERMS_COST_FIGURE_ROWS_H
#define TERMS_COST_FIGURE_ROWS_H

#include "cost_comp_report.h"

/* c's standard figures: the increase in terms from the schedule and from
 * other items; with one-time lines, the recurring increase and its percent;
 * the average pay per employee and its change; the value of 1% of the
 * first line; with hours, the hours worked and the cost per hour; over
 * three years or more, front- or end-loading (in the all-years column
 * only); with turnover, the employees at the top and those replaced.
 * Labels are in lower case ("hours worked").  *rows is allocated (free
 * it); returns how many. */
int figure_rows(const Costing *c, CompRow **rows);

#endif
