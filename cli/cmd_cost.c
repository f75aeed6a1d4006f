/* terms cost FILE... ROSTER [--baseline OLD] [--years all|Y..Z] [--html F] [--xlsx F] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "cost_district.h"
#include "cost_figures.h"
#include "cost_report.h"
#include "cost_rows.h"
#include "progress.h"
#include "output.h"

static const char usage[] =
    "usage: terms cost CONTRACT.terms... ROSTER.csv [--baseline OLD.terms] [--status-quo steps|frozen] [--years all|Y..Z]\n"
    "                  [--html REPORT.html] [--xlsx REPORT.xlsx] [--total NAME] [--fte NAME] [--by FIELD]\n"
    "                  [--format text|csv|jsonl] [--employees FILE] [--hours NAME] [--quiet]\n"
    "                  [--turnover LEAVERS:FIELD=HIRE]\n"
    "                  [--set NAME=VALUE]... [--values FILE] [--allow-duplicate-ids]\n"
    "       terms cost --unit NAME CONTRACT.terms... ROSTER.csv [--baseline OLD.terms] [--set ...]\n"
    "                  --unit NAME ... [--years Y..Z] [--status-quo S] [--html F] [--xlsx F] [--format F]\n\n"
    "Costs the contract over the roster year by year: evaluates every employee in\n"
    "the first contract year, moves them on with the contract's `each year:`,\n"
    "evaluates the next year, and so on.  Per year: headcount, FTE, the total of\n"
    "every amount in the output, the increase over the year before, split into\n"
    "step and lane movement and the increase in terms (the schedule's and the\n"
    "other items'); cost per hour worked; front- or end-loading over three years or\n"
    "more.  Several contracts (the district's offer, the union's proposal) are\n"
    "costed side by side, each against the same baseline.  A contract that declares\n"
    "`roll-up` or `benefit` definitions also gets its total compensation: wages,\n"
    "one-time, roll-up, benefits, the increase over last year and over the first\n"
    "year, in percent of the first year's (docs/costing.md, \"Total compensation\").\n\n";

/* the options, apart: one string would be longer than ISO C's 4,095 */
static const char usage_options[] =
    "  --baseline OLD   cost OLD (the current contract) the same way, and the\n"
    "                   difference: the cost of the settlement.  Its years are paired\n"
    "                   with the proposal's by name; a year after OLD's last is the\n"
    "                   status quo: OLD's last year carried forward\n"
    "  --status-quo steps|frozen  in the status quo, employees move on with OLD's\n"
    "                   `each year:` (steps, the default) or stay where they stood\n"
    "  --years Y..Z     the contract years to cost, by name or number (default: all)\n"
    "  --html FILE      also write the report as one self-contained web page, with charts\n"
    "  --xlsx FILE      also write it as an Excel workbook, a sheet per table\n"
    "                   (FILE - is standard output, in place of the summary; a\n"
    "                   report may not overwrite an input or the other report)\n"
    "  --total NAME     the amount that is an employee's total pay (default: total)\n"
    "  --fte NAME       the field or definition counted as FTE (default: contracted_fte, or fte)\n"
    "  --hours NAME     the field or definition that is an employee's hours worked in\n"
    "                   the year, for the cost per hour worked (default: hours_worked)\n"
    "  --turnover N:FIELD=HIRE  each year, the first N employees on the roster whose\n"
    "                   FIELD stood at the top of its range leave, and a hire takes each\n"
    "                   one's place with FIELD = HIRE (--turnover 3:step=1); the report\n"
    "                   says how many were replaced each year, and of how many at the top\n"
    "  --by FIELD       also each year's total, and the settlement, per value of FIELD (a\n"
    "                   field of the record or any column of the roster: a school, a lane)\n"
    "  --format F       the summary on standard output: text (the default), or csv or\n"
    "                   jsonl, a row per figure for another program, the inputs first\n"
    "  --employees FILE also write every employee, year and line (proposal, baseline and\n"
    "                   the change), with the id, name and key fields: CSV, or JSON Lines\n"
    "                   for a FILE ending in .jsonl\n"
    "  --quiet          no progress line on standard error (shown on a terminal when\n"
    "                   the run is longer than a second)\n"
    "  --allow-duplicate-ids  the roster may give an id several rows (one per assignment);\n"
    "                   without it, a second row with an id is an error\n"
    "  --set, --values  fill params, tables and schedules, in every contract\n"
    "                   (--set 'lead_teacher=$1,200', quoted: the shell reads $1 as a variable);\n"
    "                   --set 'FILE:NAME=VALUE' and --values FILE:VALUES fill them in the\n"
    "                   contract FILE alone (FILE as the command line names it), in place\n"
    "                   of a --set of that param or a --values for all\n"
    "  --unit NAME      a district's bargaining units together: each --unit's contracts,\n"
    "                   roster and options (--baseline, --set, --values, --total, --fte,\n"
    "                   --records, --allow-duplicate-ids) are the unit's, up to the next\n"
    "                   --unit; --years, --status-quo, --html, --xlsx, --format and --quiet\n"
    "                   are the district's.  Each unit is costed as above, over the first\n"
    "                   unit's years by name, and the report adds the district's total per\n"
    "                   year and over the term; with several proposals in a unit, the\n"
    "                   district's k-th proposal is each unit's k-th (or its only one)\n"
    "  (each employee's figures are kept in a temporary file in $TMPDIR, or /tmp,\n"
    "  while costing: 24 bytes per employee, 16 more per year, and the id and name)\n"
    RECORDS_HELP;

/* --years: "all", a year, or FIRST..LAST (names or 1-based numbers) */
bool parse_years(const char *cmd, const Model *m, const char *option, const char *arg, int *first, int *last)
{
    *first = 0;
    *last = m->nyears - 1;
    if (!arg || !strcmp(arg, "all"))
        return true;
    const char *dots = strstr(arg, "..");
    if (!dots) {
        *first = *last = parse_year_of(m, option, arg);
        return *first >= 0;
    }
    char a[128];
    snprintf(a, sizeof a, "%.*s", (int)(dots - arg), arg);
    if ((*first = parse_year_of(m, option, a)) < 0 || (*last = parse_year_of(m, option, dots + 2)) < 0)
        return false;
    if (*last < *first) {
        fprintf(stderr, "terms %s: %s %s runs backwards\n", cmd, option, arg);
        return false;
    }
    return true;
}

const char *default_fte(const Model *m, const Contract *c)
{
    static const char *names[] = {"contracted_fte", "fte"};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < c->defs.n; i++)
            if (!strcmp(c->defs.v[i].name.s, names[k]))
                return names[k];
        for (int i = 0; i < m->schema.nfields; i++)
            if (!strcmp(m->fields[i].name, names[k]))
                return names[k];
    }
    return NULL;
}

/* The HTML report, written to t; false after a message. */
static bool write_html(const CostReport *reports, int n, const Provenance *pv, Target *t)
{
    char err[TARGET_PATH + 256];
    int fd = target_open(t, err, sizeof err);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool written = f != NULL;
    if (f) {
        cost_print_html(reports, n, pv, f);
        written = fflush(f) == 0 && !ferror(f);
        written = fclose(f) == 0 && written;
        if (!written)
            snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), strerror(errno));
    } else if (fd >= 0) {
        snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), strerror(errno));
        close(fd);
    }
    if (fd < 0 || !target_commit(t, written, err, sizeof err) || !written) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    return true;
}

enum { MAX_PROPOSALS = 8 };

/* What the command line asks for. */
typedef struct {
    const char *contract[MAX_PROPOSALS], *roster;
    int ncontracts;
    const char *baseline, *years, *html, *xlsx, *total, *fte, *by, *employees; /* NULL: not given (total: "total") */
    const char *hours;
    CostTurnover turnover;          /* leavers -1: not given */
    char turnover_field[128];       /* its field; each unit's own */
    bool allow_dups, quiet;
    StatusQuo status_quo;
    RowsFormat format;
    Scenario sc;
    const char *files[MAX_PROPOSALS + 1];   /* the contracts, then the baseline: what FILE: scopes name */
    int nfiles;
} CostArgs;

/* The contract a --values is for ("FILE:VALUES"), or NULL: every one. */
static const char *values_scope(const CostArgs *a, const char *v)
{
    for (int f = 0; f < a->nfiles; f++) {
        size_t n = strlen(a->files[f]);
        if (!strncmp(v, a->files[f], n) && v[n] == ':')
            return a->files[f];
    }
    return NULL;
}

/* Whether each contract has at most one --values of its own and one for
 * all, and none is standard input when several contracts read it;
 * EXIT_USAGE after a message if not, else 0. */
static int values_once(const CostArgs *a)
{
    for (int i = 0; i < a->sc.nvalues; i++) {
        const char *v = a->sc.values_of[i], *scope = values_scope(a, v);
        if (a->nfiles > 1 && !strcmp(scope ? v + strlen(scope) + 1 : v, "-"))
            return usage_error("cost", "with several contracts the values file is read once per contract: give a file, not standard input");
        for (int j = 0; j < i; j++) {
            const char *w = a->sc.values_of[j], *other = values_scope(a, w);
            if (scope == other)
                return usage_error("cost", "--values is given twice for %s (%s and %s)", scope ? scope : "every contract", w, v);
        }
    }
    return 0;
}

/* --turnover LEAVERS:FIELD=HIRE, two whole numbers and a field's name. */
static bool parse_turnover(const char *arg, CostTurnover *t, char *field, size_t cap)
{
    char *end;
    errno = 0;
    long n = strtol(arg, &end, 10);
    const char *eq = *end == ':' ? strchr(end, '=') : NULL;
    if (errno || end == arg || n < 0 || !eq || eq == end + 1 || (size_t)(eq - end) > cap)
        return false;
    snprintf(field, cap, "%.*s", (int)(eq - end - 1), end + 1);
    long long hire = strtoll(eq + 1, &end, 10);
    if (errno || end == eq + 1 || *end)
        return false;
    *t = (CostTurnover){.leavers = n, .field = field, .hire = hire};
    return true;
}

/* Reads the command line into a: -1 if it asks to cost, else the exit
 * status, after the usage message or the help. */
static int cost_args(int argc, char **argv, CostArgs *a)
{
    static const struct option opts[] = {
        {"baseline", required_argument, 0, 'b'}, {"years", required_argument, 0, 'Y'}, {"html", required_argument, 0, 'H'},
        {"xlsx", required_argument, 0, 'X'},     {"total", required_argument, 0, 't'}, {"fte", required_argument, 0, 'F'},
        {"allow-duplicate-ids", no_argument, 0, 'D'}, {"status-quo", required_argument, 0, 'Q'}, RECORDS_OPTION, SCENARIO_OPTIONS,
        {"by", required_argument, 0, 'B'},       {"format", required_argument, 0, 'f'},  {"quiet", no_argument, 0, 'q'},
        {"employees", required_argument, 0, 'E'}, {"help", no_argument, 0, 'h'},           {"hours", required_argument, 0, 'W'},
        {"turnover", required_argument, 0, 'T'},
        {0, 0, 0, 0}};
    *a = (CostArgs){.total = "total", .turnover.leavers = -1};
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = scenario_option(&a->sc, "cost", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'b': a->baseline = optarg; break;
        case 'Y': a->years = optarg; break;
        case 'H': a->html = optarg; break;
        case 'X': a->xlsx = optarg; break;
        case 't': a->total = optarg; break;
        case 'F': a->fte = optarg; break;
        case 'B': a->by = optarg; break;
        case 'E': a->employees = optarg; break;
        case 'W': a->hours = optarg; break;
        case 'T':
            if (!parse_turnover(optarg, &a->turnover, a->turnover_field, sizeof a->turnover_field))
                return usage_error("cost", "--turnover is LEAVERS:FIELD=HIRE, as 3:step=1 (3 leavers at the top step a year, "
                                   "replaced at step 1), not `%s`", optarg);
            break;
        case 'q': a->quiet = true; break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "csv") && strcmp(optarg, "jsonl"))
                return usage_error("cost", "--format is text, csv or jsonl, not `%s`", optarg);
            a->format = !strcmp(optarg, "csv") ? ROWS_CSV : !strcmp(optarg, "jsonl") ? ROWS_JSONL : ROWS_TEXT;
            break;
        case 'D': a->allow_dups = true; break;
        case 'Q':
            if (strcmp(optarg, "steps") && strcmp(optarg, "frozen"))
                return usage_error("cost", "--status-quo is steps or frozen, not `%s`", optarg);
            a->status_quo = strcmp(optarg, "steps") ? STATUS_QUO_FROZEN : STATUS_QUO_STEPS;
            break;
        case 'h': fputs(usage, stdout); fputs(usage_options, stdout); return EXIT_OK;
        default: return usage_error("cost", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (argc - optind < 2)
        return usage_error("cost", "give a contract file and a roster file");
    if (argc - optind - 1 > MAX_PROPOSALS)
        return usage_error("cost", "at most %d contracts side by side", MAX_PROPOSALS);
    for (; optind < argc - 1; optind++)
        a->files[a->nfiles++] = a->contract[a->ncontracts++] = argv[optind];
    a->roster = argv[optind];
    if (a->baseline)
        a->files[a->nfiles++] = a->baseline;
    bool several = a->nfiles > 1;
    if (a->sc.year && a->years)
        return usage_error("cost", "give --years or --year, not both");
    if (!strcmp(a->roster, "-") && several)
        return usage_error("cost", "with several contracts the roster is read once per contract: give a file, not standard input");
    int clash = values_once(a);
    for (int i = 0; i < a->ncontracts && !clash; i++)
        clash = scenario_stdin(&a->sc, "cost", a->contract[i], a->roster);
    return clash ? clash : -1;
}

/* Where the reports go: the HTML and the workbook (NULL: not asked for),
 * and whether the text summary goes to standard output too. */
typedef struct {
    Target *html, *xlsx, *employees;
    bool summary;
} ReportTargets;

/* Claims the report files (none of them an input, or the other report);
 * false after a message, with the exit status in *status. */
static bool claim_reports(const CostArgs *a, ReportTargets *to, int *status)
{
    NamedFile outs[3], ins[MAX_PROPOSALS + 2 + MAX_VALUES];
    int nouts = 0, nins = 0;
    for (int i = 0; i < a->ncontracts; i++)
        ins[nins++] = (NamedFile){a->contract[i], "the contract"};
    ins[nins++] = (NamedFile){a->roster, "the roster"};
    if (a->html)
        outs[nouts++] = (NamedFile){a->html, "--html"};
    if (a->xlsx)
        outs[nouts++] = (NamedFile){a->xlsx, "--xlsx"};
    if (a->employees)
        outs[nouts++] = (NamedFile){a->employees, "--employees"};
    if (a->baseline)
        ins[nins++] = (NamedFile){a->baseline, "the baseline contract"};
    for (int i = 0; i < a->nfiles; i++) {
        Scenario one;
        scenario_for(&a->sc, a->files, a->nfiles, a->files[i], &one);
        if (one.values)
            ins[nins++] = (NamedFile){one.values, "the values file"};
    }
    Target *reports = claim_outputs("cost", outs, nouts, ins, nins, status);
    if (!reports)
        return false;
    to->html = a->html ? &reports[0] : NULL;
    to->xlsx = a->xlsx ? &reports[a->html ? 1 : 0] : NULL;
    to->employees = a->employees ? &reports[nouts - 1] : NULL;
    if (to->xlsx && to->xlsx->kind == TARGET_STDOUT && isatty(STDOUT_FILENO)) {
        *status = usage_error("cost", "--xlsx %s: an Excel workbook is not for a terminal; redirect standard output to a file", a->xlsx);
        return false;
    }
    to->summary = !(to->html && to->html->kind == TARGET_STDOUT) && !(to->xlsx && to->xlsx->kind == TARGET_STDOUT) &&
                  !(to->employees && to->employees->kind == TARGET_STDOUT);
    return true;
}

/* The contracts as loaded: the proposals, then the baseline (if any). */
typedef struct {
    Loaded l[MAX_PROPOSALS + 1];
    const Model *m[MAX_PROPOSALS + 1];
    int n;
} LoadedAll;

/* The years asked for and the --set values, checked against the loaded
 * contracts into rq; false after a message. */
static bool cost_request(const CostArgs *a, const LoadedAll *all, CostRequest *rq)
{
    const Model *m = all->m[0];
    *rq = (CostRequest){.roster = {.path = a->roster, .allow_duplicate_ids = a->allow_dups, .records = a->sc.records.v,
                                   .nrecords = a->sc.records.n}, .total = a->total,
                        .skip_unknown_members = all->n > 1, .by = a->by};
    if (!parse_years("cost", m, a->sc.year ? "--year" : "--years", a->sc.year ? a->sc.year : a->years, &rq->first, &rq->last))
        return false;
    if (rq->last - rq->first + 1 > COST_MAX_YEARS) {
        usage_error("cost", "at most %d years at a time", COST_MAX_YEARS);
        return false;
    }
    return scenario_sets_known_in(&a->sc, a->files, all->m, all->n);
}

/* Contract i's years matched by name to the first contract's years
 * first..last, into plan; false after a message if it lacks one. */
static bool same_years(const CostArgs *a, const LoadedAll *all, int i, const CostRequest *rq, CostYear *plan)
{
    const Model *m0 = all->m[0], *m = all->m[i];
    for (int k = 0; k <= rq->last - rq->first; k++) {
        int y = rq->first + k;
        int at = m0->ast->years.n && m->ast->years.n ? find_year(m, m0->ast->years.v[y].s) : y < m->nyears ? y : -1;
        if (at < 0) {
            fprintf(stderr, "terms cost: %s has no year \"%s\", which %s costs: contracts side by side are costed over the same years\n",
                    a->contract[i], m0->ast->years.n ? m0->ast->years.v[y].s : "", a->contract[0]);
            return false;
        }
        plan[k] = (CostYear){.year = at, .move_on = true};
    }
    return true;
}

/* Costs contract i of all as rq asks (its years paired with the first's
 * by name; the baseline's as cost_pair_years pairs them) into c; false
 * after a message. */
static bool cost_one(const CostArgs *a, const LoadedAll *all, int i, const CostRequest *rq, Costing *c)
{
    const Loaded *l = &all->l[i];
    bool is_base = a->baseline && i == all->n - 1;
    Scenario sc;
    scenario_for(&a->sc, a->files, a->nfiles, a->files[i], &sc);
    CostRequest r = *rq;
    r.fte = a->fte ? a->fte : default_fte(&l->m, l->c);
    r.hours = a->hours ? a->hours : cost_default_hours(&l->m);
    r.turnover = a->turnover.leavers >= 0 ? &a->turnover : NULL;
    Override ov[MAX_SETS];
    Version v = {l->d.path, &l->m, ov, scenario_overrides(&sc, &l->m, ov)};
    EngineError why;
    CostYear plan[COST_MAX_YEARS];
    if (i > 0) {
        r.plan = plan;
        if (is_base && !cost_pair_years(all->m[0], rq->first, rq->last, &l->m, a->status_quo, plan, &why)) {
            why.version = &v;
            report_engine_error("cost", &why);
            return false;
        }
        if (!is_base && !same_years(a, all, i, rq, plan))
            return false;
    }
    if (!cost_contract(&v, &r, c, &why)) {
        report_engine_error("cost", &why);
        return false;
    }
    return true;
}

/* The inputs of the run, for the reports and rows to name. */
static void note_inputs(const CostArgs *a, Provenance *pv)
{
    *pv = (Provenance){0};
    for (int i = 0; i < a->nfiles; i++)
        provenance_add(pv, a->baseline && i == a->nfiles - 1 ? "baseline" : "contract", a->files[i]);
    for (int i = 0; i < a->sc.nvalues; i++) {
        const char *v = a->sc.values_of[i], *scope = values_scope(a, v);
        provenance_add(pv, "values", scope ? v + strlen(scope) + 1 : v);
    }
    provenance_add(pv, "roster", a->roster);
    for (int i = 0; i < a->sc.nsets; i++)
        provenance_set(pv, a->sc.sets[i]);
}

/* The report, written where it goes; the exit status. */
static Provenance inputs; /* the run's, named by its outputs (large: not on the stack) */

static int print_reports(const CostArgs *a, const CostReport *reports, int n, const ReportTargets *to)
{
    const Provenance *pv = &inputs;
    int status = EXIT_OK;
    if (to->summary && a->format == ROWS_TEXT)
        cost_print_text(reports, n, stdout);
    else if (to->summary)
        cost_print_rows(reports, n, a->format, pv, stdout);
    if (to->html && !write_html(reports, n, pv, to->html))
        status = EXIT_BAD_INPUT;
    if (to->xlsx && !cost_write_xlsx(reports, n, pv, to->xlsx))
        status = EXIT_BAD_INPUT;
    return status;
}

/* Compares each proposal with the baseline (the last of c when there is
 * one) and writes the report; the exit status. */
static int compare_all(const CostArgs *a, Costing *c, int n, const ReportTargets *to)
{
    const Costing *sides[MAX_PROPOSALS + 1];
    for (int i = 0; i < n; i++)
        sides[i] = &c[i];
    EngineError why;
    if (n > 1 && !cost_unknown_items(sides, n, &why)) {
        report_engine_error("cost", &why);
        return EXIT_BAD_INPUT;
    }
    const Costing *base = a->baseline ? &c[n - 1] : NULL;
    CostReport reports[MAX_PROPOSALS] = {{0}};
    int status = EXIT_OK;
    for (int i = 0; i < a->ncontracts && status == EXIT_OK; i++)
        if (!cost_compare(&c[i], base, &reports[i], &why)) {
            report_engine_error("cost", &why);
            status = EXIT_BAD_INPUT;
        }
    if (status == EXIT_OK) {
        for (int i = 0; i < n; i++)
            cost_print_absent("cost", sides[i], stderr);
        status = print_reports(a, reports, a->ncontracts, to);
        for (int i = 0; i < n && status == EXIT_OK; i++)
            if (cost_read_error(&c[i])) {
                fprintf(stderr, "terms cost: %s\n", cost_read_error(&c[i]));
                status = EXIT_BAD_INPUT;
            }
    }
    for (int i = 0; i < a->ncontracts; i++)
        cost_report_free(&reports[i]);
    return status;
}

/* The per-employee file (--employees), opened with its head written;
 * NULL after a message. */
static FILE *open_employees(const CostArgs *a, const LoadedAll *all, Target *t, EmployeeRows *er)
{
    char err[TARGET_PATH + 256];
    int fd = target_open(t, err, sizeof err);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0) {
            snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), strerror(errno));
            close(fd);
        }
        target_commit(t, false, NULL, 0);
        fprintf(stderr, "terms: %s\n", err);
        return NULL;
    }
    size_t n = strlen(a->employees);
    RowsFormat format = n >= 6 && !strcmp(a->employees + n - 6, ".jsonl") ? ROWS_JSONL : ROWS_CSV;
    employee_rows_begin(er, f, format, &all->m[0]->schema, &inputs);
    return f;
}

/* Closes the per-employee file and keeps it if every costing succeeded
 * (keep) and it was written; false after a message. */
static bool close_employees(FILE *f, Target *t, bool keep)
{
    char err[TARGET_PATH + 256] = "";
    bool written = fflush(f) == 0 && !ferror(f);
    written = fclose(f) == 0 && written;
    if (!written)
        snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), strerror(errno));
    if (!target_commit(t, keep && written, err, sizeof err) && keep) { /* not keep: the failure was reported */
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    return true;
}

/* Costs the loaded contracts and writes the report; the exit status. */
static int cost_loaded(const CostArgs *a, const LoadedAll *all, const ReportTargets *to)
{
    bool ok = true;
    for (int i = 0; i < all->n; i++)
        ok = all->l[i].ok && ok;
    if (!ok) {
        for (int i = 0; i < all->n; i++)
            report_errors(&all->l[i]);
        return EXIT_BAD_INPUT;
    }
    CostRequest rq;
    if (!cost_request(a, all, &rq))
        return EXIT_USAGE;
    Costing c[MAX_PROPOSALS + 1] = {{0}};
    int status = EXIT_BAD_INPUT, done = 0;
    if (a->format != ROWS_TEXT || to->html || to->xlsx || to->employees)
        note_inputs(a, &inputs);
    Progress pg;
    progress_start(&pg, "rows", a->quiet);
    rq.progress = progress_update;
    rq.progress_ctx = &pg;
    EmployeeRows er = {0};
    FILE *emp = to->employees ? open_employees(a, all, to->employees, &er) : NULL;
    if (to->employees && !emp)
        return EXIT_BAD_INPUT;
    if (emp) {
        rq.employee = employee_rows;
        rq.employee_ctx = &er;
    }
    for (; done < all->n; done++) {
        char doing[600];
        snprintf(doing, sizeof doing, "costing %s (%d of %d)", a->files[done], done + 1, all->n);
        progress_pass(&pg, doing, done ? done * c[0].nemployees : 0);
        pg.total = done ? all->n * c[0].nemployees : 0;
        bool is_base = a->baseline && done == all->n - 1;
        er.role = is_base ? "baseline" : a->baseline ? "proposal" : "contract";
        for (int i = 0; is_base && i < done && i < EMPLOYEE_PROPOSALS; i++)
            er.proposal[er.nproposals++] = &c[i];
        if (!cost_one(a, all, done, &rq, &c[done]))
            break;
    }
    progress_end(&pg);
    if (emp && !close_employees(emp, to->employees, done == all->n))
        done = -1;
    if (done == all->n)
        status = compare_all(a, c, all->n, to);
    for (int i = 0; i < all->n; i++)
        costing_free(&c[i]);
    return status;
}

int cmd_cost(int argc, char **argv)
{
    if (cost_has_units(argc, argv))
        return cmd_cost_units(argc, argv);
    CostArgs a;
    ReportTargets to;
    int status = cost_args(argc, argv, &a);
    if (status >= 0)
        return status;
    if (!claim_reports(&a, &to, &status))
        return status;
    for (int i = 0; i < a.nfiles; i++)
        if (!contract_and_roster("cost", a.files[i], i ? NULL : a.roster))
            return EXIT_USAGE;
    LoadedAll all = {.n = a.nfiles};
    for (int i = 0; i < a.nfiles; i++) {
        Scenario sc;
        scenario_for(&a.sc, a.files, a.nfiles, a.files[i], &sc);
        load_contract(a.files[i], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &all.l[i]);
        all.m[i] = &all.l[i].m;
    }
    status = cost_loaded(&a, &all, &to);
    for (int i = 0; i < a.nfiles; i++)
        unload_contract(&all.l[i]);
    return status;
}

/* ---- one bargaining unit of `terms cost --unit` (cost_district.c) ----
 * The unit's own arguments are costed as `terms cost` costs them, over the
 * district's years; its contracts and costings are kept for the district's
 * report. */
struct CostUnitRun {
    CostArgs a;
    LoadedAll all;
    Costing c[MAX_PROPOSALS + 1];
    CostReport reports[MAX_PROPOSALS];
    char role[4][64];               /* the unit's inputs as the provenance names them */
    char *sets[MAX_SETS];           /* its --set, with the unit named */
};

/* The unit's options that only the district's report can take. */
static int unit_only(const CostUnitRun *run, const char *unit)
{
    const CostArgs *a = &run->a;
    const char *option = a->by ? "--by" : a->employees ? "--employees" : a->sc.year ? "--year" : NULL;
    if (option)
        return usage_error("cost", "%s is not for several units (unit %s): cost the unit alone for it", option, unit);
    return -1;
}

/* The unit's inputs, each named with the unit. */
static void note_unit_inputs(CostUnitRun *run, const char *unit, Provenance *pv)
{
    const CostArgs *a = &run->a;
    static const char *const what[] = {"contract", "baseline", "values", "roster"};
    for (int k = 0; k < 4; k++)
        snprintf(run->role[k], sizeof run->role[k], "%s of unit %s", what[k], unit);
    for (int i = 0; i < a->nfiles; i++)
        provenance_add(pv, run->role[a->baseline && i == a->nfiles - 1 ? 1 : 0], a->files[i]);
    for (int i = 0; i < a->sc.nvalues; i++) {
        const char *v = a->sc.values_of[i], *scope = values_scope(a, v);
        provenance_add(pv, run->role[2], scope ? v + strlen(scope) + 1 : v);
    }
    provenance_add(pv, run->role[3], a->roster);
    for (int i = 0; i < a->sc.nsets; i++) {
        size_t n = strlen(a->sc.sets[i]) + strlen(unit) + 16;
        run->sets[i] = xmalloc(n);
        snprintf(run->sets[i], n, "%s (unit %s)", a->sc.sets[i], unit);
        provenance_set(pv, run->sets[i]);
    }
}

/* The unit's years: the district's by name (the first unit's, as --years
 * asks); false after a message. */
static bool unit_years(const UnitArgs *ua, const CostUnitRun *run, CostRequest *rq)
{
    char why[1024];
    if (!ua->names)
        return true;
    if (!cost_unit_years(run->all.m[0], ua->name, run->a.contract[0], ua->names, ua->nnames, &rq->first, &rq->last, why, sizeof why)) {
        fprintf(stderr, "terms cost: %s\n", why);
        return false;
    }
    return true;
}

/* Costs the loaded unit and compares its proposals with its baseline;
 * the exit status. */
static int cost_unit_loaded(const UnitArgs *ua, CostUnitRun *run)
{
    const CostArgs *a = &run->a;
    const LoadedAll *all = &run->all;
    for (int i = 0; i < all->n; i++)
        if (!all->l[i].ok) {
            for (int j = 0; j < all->n; j++)
                report_errors(&all->l[j]);
            return EXIT_BAD_INPUT;
        }
    CostRequest rq;
    if (!cost_request(a, all, &rq))
        return EXIT_USAGE;
    if (!unit_years(ua, run, &rq))
        return EXIT_BAD_INPUT;
    Progress pg;
    progress_start(&pg, "rows", ua->quiet);
    rq.progress = progress_update;
    rq.progress_ctx = &pg;
    bool ok = true;
    for (int i = 0; i < all->n && ok; i++) {
        char doing[600];
        snprintf(doing, sizeof doing, "costing unit %s: %s (%d of %d)", ua->name, a->files[i], i + 1, all->n);
        progress_pass(&pg, doing, 0);
        ok = cost_one(a, all, i, &rq, &run->c[i]);
    }
    progress_end(&pg);
    if (!ok)
        return EXIT_BAD_INPUT;
    const Costing *sides[MAX_PROPOSALS + 1];
    for (int i = 0; i < all->n; i++)
        sides[i] = &run->c[i];
    EngineError why;
    if (all->n > 1 && !cost_unknown_items(sides, all->n, &why)) {
        report_engine_error("cost", &why);
        return EXIT_BAD_INPUT;
    }
    for (int i = 0; i < a->ncontracts; i++)
        if (!cost_compare(&run->c[i], a->baseline ? &run->c[all->n - 1] : NULL, &run->reports[i], &why)) {
            report_engine_error("cost", &why);
            return EXIT_BAD_INPUT;
        }
    for (int i = 0; i < all->n; i++)
        cost_print_absent("cost", sides[i], stderr);
    return EXIT_OK;
}

int cost_unit_open(const UnitArgs *ua, CostedUnit *u)
{
    CostUnitRun *run = xcalloc(1, sizeof *run);
    *u = (CostedUnit){.run = run, .unit = {.name = ua->name, .reports = run->reports}};
    CostArgs *a = &run->a;
    int status = cost_args(ua->argc, ua->argv, a);
    if (status == EXIT_USAGE)
        fprintf(stderr, "terms cost: in unit %s, the arguments after `--unit %s`\n", ua->name, ua->name);
    if (status < 0)
        status = unit_only(run, ua->name);
    if (status >= 0)
        return status;
    for (int i = 0; i < a->nfiles; i++)
        if (!contract_and_roster("cost", a->files[i], i ? NULL : a->roster))
            return EXIT_USAGE;
    return -1;
}

int cost_unit_inputs(const CostedUnit *u, NamedFile *ins, int cap)
{
    const CostArgs *a = &u->run->a;
    int n = 0;
    for (int i = 0; i < a->nfiles && n < cap; i++)
        ins[n++] = (NamedFile){a->files[i], a->baseline && i == a->nfiles - 1 ? "the baseline contract" : "the contract"};
    if (n < cap)
        ins[n++] = (NamedFile){a->roster, "the roster"};
    for (int i = 0; i < a->sc.nvalues && n < cap; i++) {
        const char *v = a->sc.values_of[i], *scope = values_scope(a, v);
        ins[n++] = (NamedFile){scope ? v + strlen(scope) + 1 : v, "the values file"};
    }
    return n;
}

int cost_unit_cost(const UnitArgs *ua, CostedUnit *u, Provenance *pv)
{
    CostUnitRun *run = u->run;
    CostArgs *a = &run->a;
    a->years = ua->years;
    a->status_quo = ua->status_quo;
    run->all.n = a->nfiles;
    for (int i = 0; i < a->nfiles; i++) {
        Scenario sc;
        scenario_for(&a->sc, a->files, a->nfiles, a->files[i], &sc);
        load_contract(a->files[i], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &run->all.l[i]);
        run->all.m[i] = &run->all.l[i].m;
    }
    note_unit_inputs(run, ua->name, pv);
    int status = cost_unit_loaded(ua, run);
    u->unit.nproposals = status == EXIT_OK ? a->ncontracts : 0;
    return status;
}

void cost_unit_close(CostedUnit *u)
{
    CostUnitRun *run = u->run;
    if (!run)
        return;
    for (int i = 0; i < run->a.ncontracts; i++)
        cost_report_free(&run->reports[i]);
    for (int i = 0; i < run->all.n; i++) {
        costing_free(&run->c[i]);
        unload_contract(&run->all.l[i]);
    }
    for (int i = 0; i < MAX_SETS; i++)
        free(run->sets[i]);
    free(run);
    *u = (CostedUnit){0};
}
