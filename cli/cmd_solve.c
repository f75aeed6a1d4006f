/* terms solve CONTRACT ROSTER --param NAME --range LO..HI (--at-most X | --at-least X) ... */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cost_report.h"
#include "format.h"
#include "progress.h"
#include "solve.h"

static const char usage[] =
    "usage: terms solve CONTRACT.terms ROSTER.csv --param NAME --range LO..HI [--step S]\n"
    "                   (--at-most AMOUNT | --at-least AMOUNT) [--smallest] [--figure F]\n"
    "                   [--in YEAR] [--baseline OLD.terms] [--status-quo steps|frozen] [--years all|Y..Z]\n"
    "                   [--total NAME] [--set NAME=VALUE]... [--values FILE] [--allow-duplicate-ids] [--quiet]\n\n"
    "Goal-seek: finds the largest value of the param NAME, from LO to HI by steps\n"
    "of S, at which a figure of the costing (as `terms cost` costs it) stays\n"
    "within the target, exactly; and reports the figure there and at the next\n"
    "step beyond.  Whether the figure moves one way with the param is checked,\n"
    "not assumed: with at most 200 steps every one is costed; with more, the\n"
    "range is halved and every value costed is checked.  Exit status 0 when a\n"
    "value is found, 1 when none fits or the figure is not monotone.\n\n"
    "  --param NAME     the proposal's param to vary\n"
    "  --range LO..HI   its values, written as --set writes them ('$0..$2,000', 0..0.05)\n"
    "  --step S         the step (default: the param's precision, the most decimals\n"
    "                   of LO, HI and the contract's own value; cents for money)\n"
    "  --at-most X      the figure must be at most X ($1,200,000)\n"
    "  --at-least X     the figure must be at least X\n"
    "  --smallest       the smallest value that fits, not the largest\n"
    "  --figure F       total: the proposal's total pay; settlement (the default\n"
    "                   with --baseline): the proposal's total less the baseline's;\n"
    "                   compensation: its total compensation (pay, roll-up and\n"
    "                   benefits); compensation-settlement: less the baseline's;\n"
    "                   package: the package increase over the years costed, the\n"
    "                   last year's total compensation over the first's, a percent\n"
    "                   (--at-most 5%)\n"
    "  --in YEAR        the figure of that year only (default: all years costed)\n"
    "  --baseline, --status-quo, --years, --total, --fte, --set, --values,\n"
    "  --allow-duplicate-ids   as for terms cost\n"
    "  --quiet          no progress line on standard error\n";

/* --figure's words, in SolveFigure's order, and what the report calls each */
static const char *const figure_words[] = {"total", "settlement", "compensation", "compensation-settlement", "package"};
static const char *const figure_text[] = {"total", "settlement", "total compensation", "settlement in total compensation",
                                          "package increase"};

static int figure_named(const char *word)
{
    for (int i = 0; i < (int)(sizeof figure_words / sizeof figure_words[0]); i++)
        if (!strcmp(word, figure_words[i]))
            return i;
    return -1;
}

typedef struct {
    const char *contract, *roster, *baseline, *param, *range, *step, *target, *figure, *in, *years, *total, *fte;
    bool at_least, smallest, allow_dups, quiet;
    StatusQuo status_quo;
    Scenario sc;
} SolveArgs;

static int solve_args(int argc, char **argv, SolveArgs *a)
{
    static const struct option opts[] = {
        {"param", required_argument, 0, 'p'},    {"range", required_argument, 0, 'r'},   {"step", required_argument, 0, 'S'},
        {"at-most", required_argument, 0, 'm'},  {"at-least", required_argument, 0, 'l'}, {"smallest", no_argument, 0, 'k'},
        {"figure", required_argument, 0, 'f'},   {"in", required_argument, 0, 'i'},      {"baseline", required_argument, 0, 'b'},
        {"status-quo", required_argument, 0, 'Q'}, {"years", required_argument, 0, 'Y'}, {"total", required_argument, 0, 't'},
        {"fte", required_argument, 0, 'F'},      {"allow-duplicate-ids", no_argument, 0, 'D'}, {"quiet", no_argument, 0, 'q'},
        SCENARIO_OPTIONS,                        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    *a = (SolveArgs){.total = "total"};
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = ch == 'y' ? 0 : scenario_option(&a->sc, "solve", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'p': a->param = optarg; break;
        case 'r': a->range = optarg; break;
        case 'S': a->step = optarg; break;
        case 'm': a->target = optarg; a->at_least = false; break;
        case 'l': a->target = optarg; a->at_least = true; break;
        case 'k': a->smallest = true; break;
        case 'f': a->figure = optarg; break;
        case 'i': a->in = optarg; break;
        case 'b': a->baseline = optarg; break;
        case 'Y': a->years = optarg; break;
        case 't': a->total = optarg; break;
        case 'F': a->fte = optarg; break;
        case 'D': a->allow_dups = true; break;
        case 'q': a->quiet = true; break;
        case 'Q':
            if (strcmp(optarg, "steps") && strcmp(optarg, "frozen"))
                return usage_error("solve", "--status-quo is steps or frozen, not `%s`", optarg);
            a->status_quo = strcmp(optarg, "steps") ? STATUS_QUO_FROZEN : STATUS_QUO_STEPS;
            break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("solve", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("solve", "give a contract file and a roster file");
    a->contract = argv[optind];
    a->roster = argv[optind + 1];
    if (!a->param || !a->range || !a->target)
        return usage_error("solve", "give the param (--param), its range (--range LO..HI) and the target (--at-most or --at-least)");
    if (!a->figure)
        a->figure = a->baseline ? "settlement" : "total";
    if (figure_named(a->figure) < 0)
        return usage_error("solve", "--figure is total, settlement, compensation, compensation-settlement or package, not `%s`",
                           a->figure);
    if ((!strcmp(a->figure, "settlement") || !strcmp(a->figure, "compensation-settlement")) && !a->baseline)
        return usage_error("solve", "--figure %s needs a --baseline to settle against", a->figure);
    if (!strcmp(a->figure, "package") && a->in)
        return usage_error("solve", "--figure package is over the years costed, not --in one");
    if (!strcmp(a->roster, "-") || (a->sc.values && !strcmp(a->sc.values, "-")))
        return usage_error("solve", "the roster and the values file are read once per costing: give files, not standard input");
    return scenario_stdin(&a->sc, "solve", a->contract, a->roster) ? EXIT_USAGE : -1;
}

/* The value of "NAME=TEXT" for the param, as --set reads it; false after a message. */
static bool param_value(const Model *m, const char *param, const char *option, const char *text, Override *o)
{
    char set[512], err[256];
    snprintf(set, sizeof set, "%s=%s", param, text);
    if (strchr(text, '/') || !parse_override(m, set, o, err, sizeof err)) {
        fprintf(stderr, "terms solve: %s %s: %s\n", option, text, strchr(text, '/') ? "one value, not one per year" : err);
        return false;
    }
    return true;
}

/* 10^-places: the most decimals of lo, hi and the param's own figures
 * (at least 2 for money). */
static Rat default_step(const Model *m, const Override *lo, const Override *hi)
{
    const ParamInfo *info = &m->params[lo->param];
    int places = info->type.kind == TY_MONEY ? 2 : 0;
    Rat all[2] = {lo->value, hi->value};
    for (int i = 0; i < 2; i++)
        places = rat_decimal_places(all[i]) > places ? rat_decimal_places(all[i]) : places;
    for (int y = 0; y < m->nyears; y++)
        if (!info->values[y].blank && rat_decimal_places(info->values[y].v) > places)
            places = rat_decimal_places(info->values[y].v);
    return rat_scaled(1, places > 12 ? 12 : places);
}

/* The grid: lo, hi and step from the command line; false after a message. */
static bool solve_grid(const SolveArgs *a, const Model *m, SolveRequest *rq)
{
    const char *dots = strstr(a->range, "..");
    if (!dots) {
        usage_error("solve", "--range is LO..HI, as in --range '$0..$2,000'");
        return false;
    }
    char lo_text[256];
    snprintf(lo_text, sizeof lo_text, "%.*s", (int)(dots - a->range), a->range);
    Override lo, hi, step;
    if (!param_value(m, a->param, "--range", lo_text, &lo) || !param_value(m, a->param, "--range", dots + 2, &hi))
        return false;
    if (rat_cmp(lo.value, hi.value) > 0) {
        fprintf(stderr, "terms solve: --range %s runs backwards\n", a->range);
        return false;
    }
    if (a->step && !param_value(m, a->param, "--step", a->step, &step))
        return false;
    rq->param = lo.param;
    rq->lo = lo.value;
    rq->hi = hi.value;
    rq->step = a->step ? step.value : default_step(m, &lo, &hi);
    if (rat_sign(rq->step) <= 0) {
        fprintf(stderr, "terms solve: --step %s: a step is more than 0\n", a->step);
        return false;
    }
    return true;
}

static void show_value(const Model *m, int param, Rat v, char *buf, size_t cap)
{
    size_t n = format_display((Value){.num = v}, m->params[param].type, m->schema.enums, buf, cap - 1);
    buf[n] = '\0';
}

/* A share as a percent to 4 decimals, rounded half up: "7.2875%". */
static void show_percent(Rat f, char *buf, size_t cap)
{
    Rat pct;
    size_t n = rat_mul(f, rat_int(100), &pct) == RAT_OK ? rat_format_fixed(pct, 4, ROUND_HALF_UP, buf, cap - 2) : 0;
    snprintf(buf + n, cap - n, "%%");
}

/* "+$1,234.00" for a settlement, "$1,234.00" for a total, "7.2875%" for the package increase. */
static void show_figure(const SolveRequest *rq, Rat f, char *buf, size_t cap)
{
    if (rq->figure == FIGURE_PACKAGE)
        show_percent(f, buf, cap);
    else
        format_money(f, rq->figure == FIGURE_SETTLEMENT || rq->figure == FIGURE_COMP_SETTLEMENT, buf, cap);
}

static int print_solution(const SolveArgs *a, const Model *m, const SolveRequest *rq, const SolveResult *r, const char *span)
{
    char v[128], f[128], lo[128], hi[128], st[128], t[128];
    const char *fig = figure_text[rq->figure];
    show_value(m, rq->param, rq->lo, lo, sizeof lo);
    show_value(m, rq->param, rq->hi, hi, sizeof hi);
    show_value(m, rq->param, rq->step, st, sizeof st);
    if (rq->figure == FIGURE_PACKAGE)
        show_percent(rq->target, t, sizeof t);
    else
        format_money(rq->target, false, t, sizeof t);
    printf("solve over %s: the %s %s from %s to %s by %s (%ld value%s) at which the %s %s stays at %s %s\n", a->roster,
           rq->smallest ? "smallest" : "largest", a->param, lo, hi, st, r->steps + 1, r->steps ? "s" : "", fig, span,
           rq->at_least ? "least" : "most", t);
    if (!r->monotone) {
        printf("  the %s is not monotone in %s, so no value is an answer:\n", fig, a->param);
        for (int i = 0; i < 3; i++) {
            show_value(m, rq->param, r->turn[i].value, v, sizeof v);
            show_figure(rq, r->turn[i].figure, f, sizeof f);
            printf("    %s = %s: %s %s\n", a->param, v, fig, f);
        }
        return EXIT_BAD_INPUT;
    }
    if (!r->found) {
        printf("  no value fits:\n");
        for (int i = 0; i < 2; i++) {
            show_value(m, rq->param, r->ends[i].value, v, sizeof v);
            show_figure(rq, r->ends[i].figure, f, sizeof f);
            printf("    %s = %s: %s %s\n", a->param, v, fig, f);
        }
    } else {
        show_value(m, rq->param, r->at.value, v, sizeof v);
        show_figure(rq, r->at.figure, f, sizeof f);
        printf("  %s = %s: %s %s\n", a->param, v, fig, f);
        if (r->has_beyond) {
            show_value(m, rq->param, r->beyond.value, v, sizeof v);
            show_figure(rq, r->beyond.figure, f, sizeof f);
            printf("  one step beyond, %s = %s: %s %s, %s the target\n", a->param, v, fig, f, rq->at_least ? "under" : "over");
        } else {
            printf("  (the end of the range: every step %s fits)\n", rq->smallest ? "above" : "below");
        }
    }
    if (r->every_step)
        printf("  the %s is monotone in %s over every step (%ld costings)\n", fig, a->param, r->costed);
    else
        printf("  the %s is monotone in %s over the %ld values costed (of %ld)\n", fig, a->param, r->costed, r->steps + 1);
    return r->found ? EXIT_OK : EXIT_BAD_INPUT;
}

/* Costs the baseline once (its years paired with the contract's by name)
 * into base; false after a message. */
static bool solve_baseline(const SolveArgs *a, const Model *m, const Loaded *lb, const CostRequest *rq, Costing *base)
{
    CostYear plan[COST_MAX_YEARS];
    CostRequest rb = *rq;
    rb.plan = plan;
    rb.fte = NULL;
    Override ov[MAX_SETS];
    Version v = {lb->d.path, &lb->m, ov, scenario_overrides(&a->sc, &lb->m, ov)};
    EngineError why;
    if (!cost_pair_years(m, rq->first, rq->last, &lb->m, a->status_quo, plan, &why)) {
        why.version = &v;
        report_engine_error("solve", &why);
        return false;
    }
    if (!cost_contract(&v, &rb, base, &why)) {
        report_engine_error("solve", &why);
        return false;
    }
    return true;
}

static int solve_loaded(const SolveArgs *a, const Loaded *l, const Loaded *lb)
{
    CostRequest rq = {.roster = {.path = a->roster, .allow_duplicate_ids = a->allow_dups}, .total = a->total,
                      .skip_unknown_members = lb != NULL};
    if (!parse_years("solve", &l->m, "--years", a->years, &rq.first, &rq.last))
        return EXIT_USAGE;
    if (rq.last - rq.first + 1 > COST_MAX_YEARS)
        return usage_error("solve", "at most %d years at a time", COST_MAX_YEARS);
    if (!scenario_sets_known(&a->sc, &l->m, lb ? &lb->m : NULL))
        return EXIT_USAGE;
    SolveRequest sr = {.rq = &rq, .figure = (SolveFigure)figure_named(a->figure), .year = -1,
                       .at_least = a->at_least, .smallest = a->smallest};
    if (!solve_grid(a, &l->m, &sr))
        return EXIT_USAGE;
    char span[300];
    if (!l->m.ast->years.n)
        snprintf(span, sizeof span, "in the year");
    else if (rq.first == rq.last)
        snprintf(span, sizeof span, "in %s", l->m.ast->years.v[rq.first].s);
    else
        snprintf(span, sizeof span, "over %s to %s", l->m.ast->years.v[rq.first].s, l->m.ast->years.v[rq.last].s);
    if (a->in) {
        int y = parse_year_of(&l->m, "--in", a->in);
        if (y < 0)
            return EXIT_USAGE;
        if (y < rq.first || y > rq.last)
            return usage_error("solve", "--in %s is not one of the years costed", a->in);
        sr.year = y - rq.first;
        snprintf(span, sizeof span, "in %s", a->in);
    }
    if (sr.figure == FIGURE_PACKAGE) {
        size_t n = strlen(a->target);
        if (n < 2 || a->target[n - 1] != '%' || rat_parse(a->target, n - 1, false, &sr.target) != RAT_OK ||
            rat_div(sr.target, rat_int(100), &sr.target) != RAT_OK)
            return usage_error("solve", "the target `%s` is not a percent (5%%)", a->target);
    } else if (rat_parse(a->target, strlen(a->target), true, &sr.target) != RAT_OK) {
        return usage_error("solve", "the target `%s` is not an amount of money", a->target);
    }
    Override ov[MAX_SETS];
    Version v = {l->d.path, &l->m, ov, scenario_overrides(&a->sc, &l->m, ov)};
    sr.proposal = &v;
    Costing base = {0};
    if (lb && !solve_baseline(a, &l->m, lb, &rq, &base)) {
        costing_free(&base);
        return EXIT_BAD_INPUT;
    }
    sr.baseline = lb ? &base : NULL;
    Progress pg;
    progress_start(&pg, "costings", a->quiet);
    sr.progress = progress_update;
    sr.ctx = &pg;
    SolveResult res;
    EngineError why;
    int status;
    if (cost_solve(&sr, &res, &why)) {
        progress_end(&pg);
        status = print_solution(a, &l->m, &sr, &res, span);
    } else {
        progress_end(&pg);
        report_engine_error("solve", &why);
        status = EXIT_BAD_INPUT;
    }
    costing_free(&base);
    return status;
}

int cmd_solve(int argc, char **argv)
{
    SolveArgs a;
    int status = solve_args(argc, argv, &a);
    if (status >= 0)
        return status;
    if (!contract_and_roster("solve", a.contract, a.roster) || !contract_and_roster("solve", a.baseline, NULL))
        return EXIT_USAGE;
    Loaded l, lb = {0};
    load_contract(a.contract, (LoadOptions){.quiet_warnings = true, .values = a.sc.values}, &l);
    if (a.baseline)
        load_contract(a.baseline, (LoadOptions){.quiet_warnings = true, .values = a.sc.values}, &lb);
    if (!l.ok || (a.baseline && !lb.ok)) {
        report_errors(&l);
        if (a.baseline)
            report_errors(&lb);
        status = EXIT_BAD_INPUT;
    } else {
        status = solve_loaded(&a, &l, a.baseline ? &lb : NULL);
    }
    unload_contract(&l);
    if (a.baseline)
        unload_contract(&lb);
    return status;
}
