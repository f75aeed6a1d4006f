/* costing.h: costing a contract over a roster, as finance officers do it:
 * evaluate every employee in the first year, move them on with the
 * contract's `each year:`, evaluate the next year, and so on; and the
 * comparison of two costings, employee by employee.
 *
 * Every figure is an exact sum.  The command line prints them
 * (cli/cost_report.c, cli/cost_xlsx.c, cli/cmd_diff.c).
 *
 * Ownership: a Costing owns its lines and its store of each employee's
 * id, name and totals (cost_store.h; costing_free); its
 * names and year names point into the Version's Model.  A CostReport
 * borrows the Costings it compares and owns its changes
 * (cost_report_free).  A YearCost owns all of it (year_cost_free).  Each
 * free function takes a zeroed struct too, so a failed call's result can
 * be freed like any other.
 */
#ifndef TERMS_COSTING_H
#define TERMS_COSTING_H

#include "cost_store.h"
#include "engine.h"

enum {
    COST_MAX_YEARS = 16,
    COST_TOP = 10,          /* the largest changes a comparison keeps */
    COST_PROGRESS_ROWS = 4096,
    COST_MAX_GROUPS = 10000,
};

typedef struct CostTurnover CostTurnover; /* cost_figures.h */

typedef struct {
    const char *name;
    const char *cite;       /* the definition's citation, or NULL */
    bool present;           /* false: the contract has no amount of that name (its sums stay 0) */
    bool one_time;          /* a one-time amount (`one-time bonus = ...`) */
    bool schedule;          /* it looks up a schedule (cost_looks_up_schedule): its
                             * increase in terms is the schedule's */
    Rat sum[COST_MAX_YEARS];
    /* from year 1 on: the sum with every employee where they stood the
     * year before (before `each year:` moved them), at this year's figures;
     * sum - stayed is the line's step and lane movement, stayed - the year
     * before's sum its increase in terms */
    Rat stayed[COST_MAX_YEARS];
    CostKind cost;          /* in Costing.comp: a roll-up or a benefit (cost_comp.h) */
} CostLine;

typedef struct {
    const char *path;               /* the contract */
    const char *title;              /* its `contract "..."` name, or NULL */
    const char *roster;             /* costed over this */
    int nyears;                     /* years costed: first .. first + nyears - 1, or as the request's plan says */
    const char *year[COST_MAX_YEARS];           /* what each year is called (the plan's label, else the contract year's name) */
    const char *contract_year[COST_MAX_YEARS];  /* the contract year costed in it */
    bool moved[COST_MAX_YEARS];                 /* employees were moved on into it */
    int nlines;                     /* the amounts summed, the total last */
    CostLine *lines;
    int total_line;                 /* nlines - 1: the line that is an employee's total pay */
    long headcount[COST_MAX_YEARS];
    Rat fte[COST_MAX_YEARS];
    bool has_fte;                   /* false: the contract has nothing to count as FTE */
    Rat hours[COST_MAX_YEARS];      /* the hours worked (rq->hours summed), for cost per hour */
    bool has_hours;
    /* from one year to the next: the change with each employee where they
     * were (the schedule's increase) and the change from moving them on
     * (step and lane movement); index 0 is unused */
    Rat schedule[COST_MAX_YEARS], movement[COST_MAX_YEARS];
    /* the one-time lines' sum (the rest of the total recurs) */
    bool has_one_time;
    Rat one_time[COST_MAX_YEARS];
    /* the part of the total paid late, as a lump sum: the sum of the first
     * definition that is retro( ) of something, if there is one */
    const char *retro_name;         /* NULL: none */
    Rat retro[COST_MAX_YEARS];
    long nemployees;
    /* each employee's id (the id field's value, or "row N"), name (the
     * `name` field's value, if the record has one), group and total pay
     * per year, in a temporary file (read with cost_employee) */
    CostStore *store;
    bool named;                     /* the record has a `name` (and the roster an employee) */
    const RecordSchema *schema;     /* the first year's record: what the employee callback's record holds */
    /* with rq->by: the employees in groups by that field's value (in the
     * first year, as the roster has it), in the order first seen (owned);
     * each employee's group is in the store */
    const char *by;
    int ngroups;
    char **group_key;               /* [ngroups] */
    long *group_count;              /* [ngroups] */
    Rat *group_total;               /* [ngroups * nyears]: the total per group per year */
    /* the definitions marked `roll-up` or `benefit`, in the contract's
     * order, each summed per year like a line (cost_comp.h adds them to
     * pay as the total compensation); owned */
    int ncomp;
    CostLine *comp;
    /* with rq->turnover: the employees replaced each year, and how many
     * stood at the top the year before (cost_figures.h) */
    const CostTurnover *turnover;
    long turnover_count[COST_MAX_YEARS], at_top[COST_MAX_YEARS];
    /* with rq->skip_unknown_members: the list members the roster names
     * that this contract's enums lack, left out of its costing (owned) */
    RosterSkipped *skipped;
    int nskipped;
} Costing;

/* A year of a costing that is not simply the contract's next year. */
typedef struct {
    int year;                       /* the contract year costed (0-based) */
    bool move_on;                   /* employees are moved on into it with `each year:` (not in the first) */
    const char *label;              /* what the costing calls it (NULL: the contract year's name) */
} CostYear;

/* How the years a baseline does not cover are costed: its last year's
 * terms carried forward (the status quo), with employees moved on each
 * year by its `each year:` (step movement) or kept where they stood. */
typedef enum { STATUS_QUO_STEPS, STATUS_QUO_FROZEN } StatusQuo;

typedef struct {
    RosterSource roster;
    int first, last;                /* 0-based contract years, inclusive; at most COST_MAX_YEARS */
    const CostYear *plan;           /* NULL, or [last - first + 1]: each year's contract year, in place of first + k */
    const char *total;              /* the definition or component that is an employee's total pay */
    const char *fte;                /* field or definition summed as FTE, or NULL */
    const char *hours;              /* field or definition summed as hours worked, or NULL */
    const CostTurnover *turnover;   /* NULL, or the leavers at the top replaced by hires each year */
    /* the lines summed before the total: NULL, the parts the total is the
     * sum of (`total = salary + extra_pay`, opened down through such
     * sums); or these nlines names, each a definition or component the
     * contract may lack */
    const char *const *lines;
    int nlines;
    /* a member of a list (an item) that the contract's enum lacks is
     * absent for it, not an error: when another contract costed over the
     * same roster may know it (cost_unknown_items then checks that one
     * does) */
    bool skip_unknown_members;
    /* NULL, or a field of the record or any column of the roster, whose
     * value puts the employees in groups (at most COST_MAX_GROUPS); a
     * column the roster lacks is FAIL_ROSTER */
    const char *by;
    /* called every COST_PROGRESS_ROWS rows with the rows read (total 0:
     * not known); may be NULL */
    void (*progress)(void *ctx, long rows, long total);
    void *progress_ctx;
    /* called for each employee (index e) and year y costed, once the
     * year's figures are: the record as costed in that year (c->schema's
     * fields) and each line's value ([c->nlines], 0 where the contract
     * lacks the line); may be NULL */
    void (*employee)(void *ctx, const Costing *c, long e, int y, const Value *record, const Rat *values);
    void *employee_ctx;
} CostRequest;

/* Costs version over the request's roster; false with e filled (a roster
 * error, FAIL_ROSTER, with e->version set: it names the contract that
 * read the roster so; FAIL_TEMP: the store's temporary file). */
bool cost_contract(const Version *version, const CostRequest *rq, Costing *out, EngineError *e);
void costing_free(Costing *c);

/* Employee e of c (0 <= e < nemployees; while c is costed, the employee
 * being costed too), good until the next call for c.  If the store cannot
 * be read back, an employee of no id and zero totals, and
 * cost_read_error says why. */
CostEmployee cost_employee(const Costing *c, long e);
/* NULL, or why one of c's employees could not be read back. */
const char *cost_read_error(const Costing *c);

/* Line i's average per employee in year y (sum / headcount); false if
 * there is no one. */
bool cost_average(const Costing *c, int i, int y, Rat *avg);

/* The baseline's year for each of the proposal's years first..last,
 * paired by name: the baseline's year of the same name; a year after the
 * baseline's last (none of the same name, and none later that has one)
 * is the status quo: the baseline's last year, with or without step
 * movement as sq says, labelled with the proposal's name.  A contract
 * that lists no years has one, paired with the proposal's first.  false
 * with e filled (FAIL_YEARS: the proposal's year name, not the
 * baseline's, is followed by next_year, which is). */
bool cost_pair_years(const Model *proposal, int first, int last, const Model *baseline, StatusQuo sq, CostYear *plan,
                     EngineError *e);

/* The items (list members) some of sides[0..n) left out, costed with
 * skip_unknown_members over one roster: false with e filled
 * (FAIL_UNKNOWN_ITEM) if one was left out by every side, which no
 * contract knows; else true, and each side's skipped says what is absent
 * from it. */
bool cost_unknown_items(const Costing *const *sides, int n, EngineError *e);

/* A proposal against a baseline costed over the same roster, or, with no
 * baseline, a costing's last year against its first. */
typedef struct {
    const Costing *proposal, *baseline;   /* baseline may be NULL */
    const char *roster;
    /* the employees whose change in total pay (cost_change) is more than,
     * less than and equal to 0 */
    long gain, lose, same;
    /* the employees whose change is largest (by its size, not its sign),
     * largest first, at most COST_TOP, none whose change is 0; of equal
     * changes, the one first on the roster comes first */
    long top[COST_TOP];
    int ntop;
} CostReport;

/* false with e filled (FAIL_HEADCOUNT, or FAIL_SUM if a change is too large). */
bool cost_compare(const Costing *proposal, const Costing *baseline, CostReport *r, EngineError *e);
void cost_report_free(CostReport *r);

/* Employee e's change in total pay summed over the years costed:
 * proposal - baseline, or without a baseline last year - first year (read
 * from the costings' stores: in order, e = 0, 1, ..., without a seek). */
Rat cost_change(const CostReport *r, long e);

/* The change per group of r's proposal over its baseline (or, with no
 * baseline, last year against the first), into change[ngroups * nyears]
 * (without a baseline only the last year's is filled); the groups are
 * the proposal's.  false with e filled (FAIL_SUM) if a sum is too large. */
bool cost_group_change(const CostReport *r, Rat *change, EngineError *e);

/* The indices of the at most cap largest of change[0..n) by size, largest
 * first, zeros left out, ties in index order; returns how many. */
int cost_largest(const Rat *change, long n, long *top, int cap);

/* One contract year of two versions over one roster, as `terms diff
 * --roster` shows it: the sums of the parts of the total in either
 * version (opened down through sums, the new version's first), of every
 * component of either not among them, and of the total; each employee's
 * total in both; opt (may be NULL): the totals per group, progress. */
typedef struct {
    Costing old, new;       /* one year each, with the same lines */
    CostReport change;      /* new against old */
} YearCost;

/* total must be a definition of an amount in both versions (else
 * FAIL_TOTAL, naming the version without it); the roster is read once per
 * version (FAIL_READ_TWICE for standard input).  false with e filled. */
typedef struct {
    const char *by;                                     /* as CostRequest's */
    void (*progress)(void *ctx, long rows, long total); /* as CostRequest's */
    void *progress_ctx;
} YearOptions;
bool cost_year(const Version *old, const Version *new, int year, const RosterSource *roster, const char *total,
               const YearOptions *opt, YearCost *out, EngineError *e);
void year_cost_free(YearCost *y);

#endif
