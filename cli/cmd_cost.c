/* terms cost FILE ROSTER [--baseline OLD] [--years all|Y..Z] [--html F] [--xlsx F] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cost_report.h"
#include "output.h"

static const char usage[] =
    "usage: terms cost CONTRACT.terms ROSTER.csv [--baseline OLD.terms] [--years all|Y..Z]\n"
    "                  [--html REPORT.html] [--xlsx REPORT.xlsx] [--total NAME] [--fte NAME]\n"
    "                  [--set NAME=VALUE]... [--values FILE] [--allow-duplicate-ids]\n\n"
    "Costs the contract over the roster year by year: evaluates every employee in\n"
    "the first contract year, moves them on with the contract's `each year:`,\n"
    "evaluates the next year, and so on.  Per year: headcount, FTE, the total of\n"
    "every amount in the output, the increase over the year before, split into\n"
    "step and lane movement and the schedule's increase.\n\n"
    "  --baseline OLD   cost OLD (the current contract) the same way, and the\n"
    "                   difference: the cost of the settlement\n"
    "  --years Y..Z     the contract years to cost, by name or number (default: all)\n"
    "  --html FILE      also write the report as one self-contained web page, with charts\n"
    "  --xlsx FILE      also write it as an Excel workbook, a sheet per table\n"
    "                   (FILE - is standard output, in place of the summary; a\n"
    "                   report may not overwrite an input or the other report)\n"
    "  --total NAME     the amount that is an employee's total pay (default: total)\n"
    "  --fte NAME       the field or definition counted as FTE (default: contracted_fte, or fte)\n"
    "  --allow-duplicate-ids  the roster may give an id several rows (one per assignment);\n"
    "                   without it, a second row with an id is an error\n"
    "  --set, --values  fill params, tables and schedules, in both contracts\n"
    "                   (--set 'lead_teacher=$1,200', quoted: the shell reads $1 as a variable)\n"
    RECORDS_HELP;

/* --years: "all", a year, or FIRST..LAST (names or 1-based numbers) */
static bool parse_years(const Model *m, const char *option, const char *arg, int *first, int *last)
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
        fprintf(stderr, "terms cost: %s %s runs backwards\n", option, arg);
        return false;
    }
    return true;
}

static const char *default_fte(const Model *m, const Contract *c)
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
static bool write_html(const CostReport *report, Target *t)
{
    char err[TARGET_PATH + 256];
    int fd = target_open(t, err, sizeof err);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool written = f != NULL;
    if (f) {
        cost_print_html(report, f);
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

/* What the command line asks for. */
typedef struct {
    const char *contract, *roster;
    const char *baseline, *years, *html, *xlsx, *total, *fte; /* NULL: not given (total: "total") */
    bool allow_dups;
    Scenario sc;
} CostArgs;

/* Reads the command line into a: -1 if it asks to cost, else the exit
 * status, after the usage message or the help. */
static int cost_args(int argc, char **argv, CostArgs *a)
{
    static const struct option opts[] = {
        {"baseline", required_argument, 0, 'b'}, {"years", required_argument, 0, 'Y'}, {"html", required_argument, 0, 'H'},
        {"xlsx", required_argument, 0, 'X'},     {"total", required_argument, 0, 't'}, {"fte", required_argument, 0, 'F'},
        {"allow-duplicate-ids", no_argument, 0, 'D'}, RECORDS_OPTION, SCENARIO_OPTIONS,          {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    *a = (CostArgs){.total = "total"};
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
        case 'D': a->allow_dups = true; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("cost", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("cost", "give a contract file and a roster file");
    a->contract = argv[optind];
    a->roster = argv[optind + 1];
    if (a->sc.year && a->years)
        return usage_error("cost", "give --years or --year, not both");
    if (!strcmp(a->roster, "-") && a->baseline)
        return usage_error("cost", "with --baseline the roster is read once per contract: give a file, not standard input");
    if (a->sc.values && !strcmp(a->sc.values, "-") && a->baseline)
        return usage_error("cost", "with --baseline the values file is read once per contract: give a file, not standard input");
    int clash = scenario_stdin(&a->sc, "cost", a->contract, a->roster);
    return clash ? clash : -1;
}

/* Where the reports go: the HTML and the workbook (NULL: not asked for),
 * and whether the text summary goes to standard output too. */
typedef struct {
    Target *html, *xlsx;
    bool summary;
} CostReports;

/* Claims the report files (none of them an input, or the other report);
 * false after a message, with the exit status in *status. */
static bool claim_reports(const CostArgs *a, CostReports *to, int *status)
{
    NamedFile outs[2], ins[4] = {{a->contract, "the contract"}, {a->roster, "the roster"}};
    int nouts = 0, nins = 2;
    if (a->html)
        outs[nouts++] = (NamedFile){a->html, "--html"};
    if (a->xlsx)
        outs[nouts++] = (NamedFile){a->xlsx, "--xlsx"};
    if (a->baseline)
        ins[nins++] = (NamedFile){a->baseline, "the baseline contract"};
    if (a->sc.values)
        ins[nins++] = (NamedFile){a->sc.values, "the values file"};
    Target *reports = claim_outputs("cost", outs, nouts, ins, nins, status);
    if (!reports)
        return false;
    to->html = a->html ? &reports[0] : NULL;
    to->xlsx = a->xlsx ? &reports[nouts - 1] : NULL;
    if (to->xlsx && to->xlsx->kind == TARGET_STDOUT && isatty(STDOUT_FILENO)) {
        *status = usage_error("cost", "--xlsx %s: an Excel workbook is not for a terminal; redirect standard output to a file", a->xlsx);
        return false;
    }
    to->summary = !(to->html && to->html->kind == TARGET_STDOUT) && !(to->xlsx && to->xlsx->kind == TARGET_STDOUT);
    return true;
}

/* The years asked for and the --set values, checked against the loaded
 * contracts (lb NULL: no baseline) into rq; false after a message. */
static bool cost_request(const CostArgs *a, const Loaded *l, const Loaded *lb, CostRequest *rq)
{
    *rq = (CostRequest){.roster = {.path = a->roster, .allow_duplicate_ids = a->allow_dups, .records = a->sc.records.v,
                                   .nrecords = a->sc.records.n},
                        .total = a->total};
    if (!parse_years(&l->m, a->sc.year ? "--year" : "--years", a->sc.year ? a->sc.year : a->years, &rq->first, &rq->last))
        return false;
    if (rq->last - rq->first + 1 > COST_MAX_YEARS) {
        usage_error("cost", "at most %d years at a time", COST_MAX_YEARS);
        return false;
    }
    return scenario_sets_known(&a->sc, &l->m, lb ? &lb->m : NULL);
}

/* The baseline costed as rq costs the proposal, its years matched by
 * position with the proposal's; false after a message. */
static bool cost_baseline(const CostArgs *a, const Loaded *lb, const CostRequest *rq, Costing *base)
{
    CostRequest rb = *rq;
    rb.fte = a->fte ? a->fte : default_fte(&lb->m, lb->c);
    if (rb.last >= lb->m.nyears)
        rb.last = lb->m.nyears - 1;
    if (rb.first > rb.last) {
        fprintf(stderr, "terms cost: %s has no contract year %d\n", a->baseline, rb.first + 1);
        return false;
    }
    Override ov[MAX_SETS];
    Version v = {lb->d.path, &lb->m, ov, scenario_overrides(&a->sc, &lb->m, ov)};
    EngineError why;
    if (!cost_contract(&v, &rb, base, &why)) {
        report_engine_error("cost", &why);
        return false;
    }
    return true;
}

/* The report, written where it goes; the exit status. */
static int print_reports(const CostReport *report, const CostReports *to)
{
    int status = EXIT_OK;
    if (to->summary)
        cost_print_text(report, stdout);
    if (to->html && !write_html(report, to->html))
        status = EXIT_BAD_INPUT;
    if (to->xlsx && !cost_write_xlsx(report, to->xlsx))
        status = EXIT_BAD_INPUT;
    return status;
}

/* Costs the loaded contract (and the baseline, lb, if not NULL) and
 * writes the report; the exit status. */
static int cost_loaded(const CostArgs *a, const Loaded *l, const Loaded *lb, const CostReports *to)
{
    if (!l->ok || (lb && !lb->ok)) {
        report_errors(l);
        if (lb)
            report_errors(lb);
        return EXIT_BAD_INPUT;
    }
    CostRequest rq;
    if (!cost_request(a, l, lb, &rq))
        return EXIT_USAGE;
    rq.fte = a->fte ? a->fte : default_fte(&l->m, l->c);
    Override ov[MAX_SETS];
    Version vp = {l->d.path, &l->m, ov, scenario_overrides(&a->sc, &l->m, ov)};
    Costing proposal, base = {0};
    EngineError why;
    if (!cost_contract(&vp, &rq, &proposal, &why)) {
        report_engine_error("cost", &why);
        costing_free(&proposal);
        return EXIT_BAD_INPUT;
    }
    int status = EXIT_BAD_INPUT;
    CostReport report = {0};
    if (!lb || cost_baseline(a, lb, &rq, &base)) {
        if (cost_compare(&proposal, lb ? &base : NULL, &report, &why))
            status = print_reports(&report, to);
        else
            report_engine_error("cost", &why);
    }
    cost_report_free(&report);
    costing_free(&base);
    costing_free(&proposal);
    return status;
}

int cmd_cost(int argc, char **argv)
{
    CostArgs a;
    CostReports to;
    int status = cost_args(argc, argv, &a);
    if (status >= 0)
        return status;
    if (!claim_reports(&a, &to, &status))
        return status;
    if (!contract_and_roster("cost", a.contract, a.roster) || !contract_and_roster("cost", a.baseline, NULL))
        return EXIT_USAGE;
    Loaded l, lb = {0};
    load_contract(a.contract, (LoadOptions){.quiet_warnings = true, .values = a.sc.values}, &l);
    if (a.baseline)
        load_contract(a.baseline, (LoadOptions){.quiet_warnings = true, .values = a.sc.values}, &lb);
    status = cost_loaded(&a, &l, a.baseline ? &lb : NULL, &to);
    unload_contract(&l);
    if (a.baseline)
        unload_contract(&lb);
    return status;
}
