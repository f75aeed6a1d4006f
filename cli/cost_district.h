/* cost_district.h: `terms cost --unit`: a district's bargaining units
 * costed together, each unit as `terms cost` costs one contract and
 * roster (cmd_cost.c), the district's total added up by the engine
 * (cost_units.h) and reported in text, HTML, XLSX and rows
 * (cost_district.c). */
#ifndef TERMS_COST_DISTRICT_H
#define TERMS_COST_DISTRICT_H

#include <stdio.h>

#include "cli.h"
#include "cost_rows.h"
#include "cost_units.h"
#include "provenance.h"

/* One unit's part of the command line. */
typedef struct {
    const char *name;
    int argc;
    char **argv;                    /* as `terms cost` takes them, argv[0] "cost": contracts, roster, --baseline, --set ... */
    const char *years;              /* the first unit: --years as given (NULL: all its years) */
    const char *const *names;       /* the others: the district's years by name, [nnames] */
    int nnames;
    StatusQuo status_quo;
    bool quiet;
} UnitArgs;

typedef struct CostUnitRun CostUnitRun; /* cmd_cost.c's: the unit's arguments, contracts and costings */

typedef struct {
    CostUnitRun *run;               /* owned */
    CostUnit unit;                  /* its name and reports, for cost_district */
} CostedUnit;

/* The unit's arguments read and checked into u; -1 if they are
 * good, else the exit status after a message.  u is to be closed either way. */
int cost_unit_open(const UnitArgs *ua, CostedUnit *u);
/* The files the unit reads, into ins (at most cap); how many. */
int cost_unit_inputs(const CostedUnit *u, NamedFile *ins, int cap);
/* Loads and costs the unit over its years, its inputs noted in pv; the
 * exit status (after a message if not EXIT_OK). */
int cost_unit_cost(const UnitArgs *ua, CostedUnit *u, Provenance *pv);
void cost_unit_close(CostedUnit *u);

/* Whether argv asks for several units (has --unit). */
bool cost_has_units(int argc, char **argv);
int cmd_cost_units(int argc, char **argv);

/* "District cost: teachers, support and custodians": the report's title. */
enum { DISTRICT_TITLE = UNITS_MAX * (UNIT_NAME_MAX + 5) + 32 };
void district_title(const DistrictCost *d, char *buf, size_t cap);

/* The district's report. */
void district_print_text(const DistrictCost *d, FILE *out);
void district_print_html(const DistrictCost *d, const Provenance *pv, FILE *out);
bool district_write_xlsx(const DistrictCost *d, const Provenance *pv, Target *t);
void district_print_rows(const DistrictCost *d, RowsFormat f, const Provenance *pv, FILE *out);

#endif
