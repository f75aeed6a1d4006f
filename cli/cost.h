/* cost.h: multi-year costing of a contract over a roster, as finance
 * officers do it: evaluate every employee in the first year, advance them
 * with the contract's `each year:`, evaluate the next year, and so on.
 * The figures are exact sums; cost_report.c and cost_xlsx.c print them. */
#ifndef TERMS_COST_H
#define TERMS_COST_H

#include "cli.h"

enum { COST_MAX_YEARS = 16 };

typedef struct {
    const char *name;
    Rat sum[COST_MAX_YEARS];
} CostLine;

typedef struct {
    const char *path;               /* the contract */
    int nyears;                     /* years costed: first .. first + nyears - 1 */
    const char *year[COST_MAX_YEARS];
    int nlines;                     /* money outputs, in output order */
    CostLine *lines;
    int total_line;                 /* the line that is an employee's total pay */
    long headcount[COST_MAX_YEARS];
    Rat fte[COST_MAX_YEARS];
    bool has_fte;                   /* false: the contract has nothing to count as FTE */
    /* from one year to the next: the change with each employee where they
     * were (the schedule's increase) and the change from moving them on
     * (step and lane movement); index 0 is unused */
    Rat schedule[COST_MAX_YEARS], movement[COST_MAX_YEARS];
    long nemployees;
    char **ids;                     /* [nemployees] */
    Rat *totals;                    /* [nemployees * nyears] */
} Costing;

typedef struct {
    const char *roster;
    int first, last;                /* 0-based contract years, inclusive */
    const char *total;              /* definition that is an employee's total */
    const char *fte;                /* field or definition summed as FTE, or NULL */
    bool allow_duplicate_ids;       /* else a second row with an id is an error */
} CostRequest;

/* Costs l's contract (with ov) over the roster; false after a message on
 * stderr naming the row and the contract. */
bool cost_contract(const Loaded *l, const Override *ov, int nov, const CostRequest *rq, Costing *out);
void costing_free(Costing *c);

/* The comparison of a proposal with a baseline costed over the same roster. */
typedef struct {
    const Costing *proposal, *baseline;   /* baseline may be NULL */
    const char *roster;
    /* per employee, the change in total pay summed over the years costed:
     * proposal - baseline, or without a baseline last year - first year */
    Rat *change;
    long gain, lose, same;
} CostReport;

bool cost_compare(const Costing *proposal, const Costing *baseline, const char *roster, CostReport *r);
void cost_report_free(CostReport *r);

void cost_print_text(const CostReport *r, FILE *out);
void cost_print_html(const CostReport *r, FILE *out);
/* false after a message: libxlsxwriter could not write the file */
bool cost_write_xlsx(const CostReport *r, const char *path);

/* "$1,234.56", "+$1,234.56" with sign, "12.34%" (n/a when old is zero) */
void cost_money(Rat r, bool sign, char *buf, size_t cap);
void cost_percent(Rat change, Rat old, char *buf, size_t cap);

#endif
