/* cost_report.h: a costing printed (cost_report.c, cost_xlsx.c); the
 * figures come from the engine (costing.h). */
#ifndef TERMS_COST_REPORT_H
#define TERMS_COST_REPORT_H

#include <stdio.h>
#include "costing.h"
#include "target.h"

void cost_print_text(const CostReport *r, FILE *out);
void cost_print_html(const CostReport *r, FILE *out);
/* The workbook, written to t; false after a message. */
bool cost_write_xlsx(const CostReport *r, Target *t);

#endif
