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
    "                   (--set 'lead_teacher=$1,200', quoted: the shell reads $1 as a variable)\n";

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

int cmd_cost(int argc, char **argv)
{
    static const struct option opts[] = {
        {"baseline", required_argument, 0, 'b'}, {"years", required_argument, 0, 'Y'}, {"html", required_argument, 0, 'H'},
        {"xlsx", required_argument, 0, 'X'},     {"total", required_argument, 0, 't'}, {"fte", required_argument, 0, 'F'},
        {"allow-duplicate-ids", no_argument, 0, 'D'}, SCENARIO_OPTIONS,          {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *baseline = NULL, *years = NULL, *html = NULL, *xlsx = NULL, *total = "total", *fte = NULL;
    Scenario sc = {0};
    bool allow_dups = false;
    int ch, status;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = scenario_option(&sc, "cost", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'b': baseline = optarg; break;
        case 'Y': years = optarg; break;
        case 'H': html = optarg; break;
        case 'X': xlsx = optarg; break;
        case 't': total = optarg; break;
        case 'F': fte = optarg; break;
        case 'D': allow_dups = true; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("cost", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("cost", "give a contract file and a roster file");
    if (sc.year && years)
        return usage_error("cost", "give --years or --year, not both");
    if (!strcmp(argv[optind + 1], "-") && baseline)
        return usage_error("cost", "with --baseline the roster is read once per contract: give a file, not standard input");
    if (sc.values && !strcmp(sc.values, "-") && baseline)
        return usage_error("cost", "with --baseline the values file is read once per contract: give a file, not standard input");
    int clash = scenario_stdin(&sc, "cost", argv[optind], argv[optind + 1]);
    if (clash)
        return clash;
    const char *roster = argv[optind + 1];
    NamedFile outs[2], ins[4] = {{argv[optind], "the contract"}, {roster, "the roster"}};
    int nouts = 0, nins = 2;
    if (html)
        outs[nouts++] = (NamedFile){html, "--html"};
    if (xlsx)
        outs[nouts++] = (NamedFile){xlsx, "--xlsx"};
    if (baseline)
        ins[nins++] = (NamedFile){baseline, "the baseline contract"};
    if (sc.values)
        ins[nins++] = (NamedFile){sc.values, "the values file"};
    Target *reports = claim_outputs("cost", outs, nouts, ins, nins, &status);
    if (!reports)
        return status;
    Target *html_to = html ? &reports[0] : NULL, *xlsx_to = xlsx ? &reports[nouts - 1] : NULL;
    if (xlsx_to && xlsx_to->kind == TARGET_STDOUT && isatty(STDOUT_FILENO))
        return usage_error("cost", "--xlsx %s: an Excel workbook is not for a terminal; redirect standard output to a file", xlsx);
    bool summary = !(html_to && html_to->kind == TARGET_STDOUT) && !(xlsx_to && xlsx_to->kind == TARGET_STDOUT);
    if (!contract_and_roster("cost", argv[optind], roster) || !contract_and_roster("cost", baseline, NULL))
        return EXIT_USAGE;

    Loaded l, lb = {0};
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &l);
    if (baseline)
        load_contract(baseline, (LoadOptions){.quiet_warnings = true, .values = sc.values}, &lb);
    status = EXIT_BAD_INPUT;
    CostRequest rq = {.roster = {.path = roster, .allow_duplicate_ids = allow_dups}, .total = total};
    if (!l.ok || (baseline && !lb.ok)) {
        report_errors(&l);
        if (baseline)
            report_errors(&lb);
        goto done;
    }
    status = EXIT_USAGE;
    if (!parse_years(&l.m, sc.year ? "--year" : "--years", sc.year ? sc.year : years, &rq.first, &rq.last))
        goto done;
    if (rq.last - rq.first + 1 > COST_MAX_YEARS) {
        usage_error("cost", "at most %d years at a time", COST_MAX_YEARS);
        goto done;
    }
    if (!scenario_sets_known(&sc, &l.m, baseline ? &lb.m : NULL))
        goto done;
    status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS], ovb[MAX_SETS];
    Version vp = {l.d.path, &l.m, ov, scenario_overrides(&sc, &l.m, ov)}, vb = {0};
    Costing proposal, base = {0};
    EngineError why;
    rq.fte = fte ? fte : default_fte(&l.m, l.c);
    if (!cost_contract(&vp, &rq, &proposal, &why)) {
        report_engine_error("cost", &why);
        costing_free(&proposal);
        goto done;
    }
    bool ok = true;
    if (baseline) {
        CostRequest rb = rq;
        rb.fte = fte ? fte : default_fte(&lb.m, lb.c);
        /* the baseline's years are matched by position with the proposal's */
        if (rb.last >= lb.m.nyears)
            rb.last = lb.m.nyears - 1;
        vb = (Version){lb.d.path, &lb.m, ovb, scenario_overrides(&sc, &lb.m, ovb)};
        ok = rb.first <= rb.last && cost_contract(&vb, &rb, &base, &why);
        if (rb.first > rb.last)
            fprintf(stderr, "terms cost: %s has no contract year %d\n", baseline, rb.first + 1);
        else if (!ok)
            report_engine_error("cost", &why);
    }
    CostReport report = {0};
    if (ok && !(ok = cost_compare(&proposal, baseline ? &base : NULL, &report, &why)))
        report_engine_error("cost", &why);
    if (ok) {
        if (summary)
            cost_print_text(&report, stdout);
        status = EXIT_OK;
        if (html_to && !write_html(&report, html_to))
            status = EXIT_BAD_INPUT;
        if (xlsx_to && !cost_write_xlsx(&report, xlsx_to))
            status = EXIT_BAD_INPUT;
    }
    cost_report_free(&report);
    costing_free(&base);
    costing_free(&proposal);
done:
    unload_contract(&l);
    if (baseline)
        unload_contract(&lb);
    return status;
}
