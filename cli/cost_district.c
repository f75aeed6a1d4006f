/* cost_district.c: terms cost --unit NAME CONTRACT... ROSTER [--baseline OLD] --unit ...
 *
 * The command line is cut into the district's options (the reports, the
 * years, the status quo) and each unit's part, from its --unit to the
 * next; each unit is costed as `terms cost` costs its part (cmd_cost.c),
 * the first over --years and the others over the same years by name, and
 * the district's figures are the units' added up (engine/cost_units.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "cost_district.h"
#include "cost_report.h"
#include "format.h"

/* The district's options, taken from anywhere on the line. */
static const struct option district_opts[] = {
    {"html", required_argument, 0, 'H'},       {"xlsx", required_argument, 0, 'X'}, {"format", required_argument, 0, 'f'},
    {"years", required_argument, 0, 'Y'},      {"status-quo", required_argument, 0, 'Q'}, {"quiet", no_argument, 0, 'q'},
    {"help", no_argument, 0, 'h'},             {0, 0, 0, 0}};

typedef struct {
    const char *html, *xlsx, *years;
    RowsFormat format;
    StatusQuo status_quo;
    bool quiet;
    UnitArgs unit[UNITS_MAX];
    int nunits;
    char **args;                    /* the units' argv, each NULL-ended, one array (owned) */
    char **district;                /* the district's options, for getopt (owned) */
    int ndistrict;
} DistrictArgs;

bool cost_has_units(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--unit") || !strncmp(argv[i], "--unit=", 7))
            return true;
    return false;
}

/* The district's option arg is (NULL: none); *takes_value: whether its
 * value is the next argument. */
static const struct option *district_option(const char *arg, bool *takes_value)
{
    if (!strcmp(arg, "-h"))
        arg = "--help";
    if (strncmp(arg, "--", 2))
        return NULL;
    for (const struct option *o = district_opts; o->name; o++) {
        size_t n = strlen(o->name);
        if (!strncmp(arg + 2, o->name, n) && (arg[2 + n] == '\0' || (arg[2 + n] == '=' && o->has_arg))) {
            *takes_value = o->has_arg && arg[2 + n] == '\0';
            return o;
        }
    }
    return NULL;
}

/* Starts unit name's part of the line; EXIT_USAGE after a message if the
 * name is not one, else -1. */
static int start_unit(DistrictArgs *d, const char *name, char **to)
{
    if (!name)
        return usage_error("cost", "--unit needs a name: --unit teachers CONTRACT.terms ROSTER.csv");
    if (!cost_unit_name_ok(name))
        return usage_error("cost", "--unit %s: a unit's name is 1 to %d letters, digits, - and _, the first a letter or digit "
                                   "(teachers, support-staff)", name,
                           UNIT_NAME_MAX);
    for (int u = 0; u < d->nunits; u++)
        if (!strcmp(d->unit[u].name, name))
            return usage_error("cost", "--unit %s is given twice: give each unit once, with all its contracts", name);
    if (d->nunits == UNITS_MAX)
        return usage_error("cost", "at most %d units", UNITS_MAX);
    to[0] = "cost";
    d->unit[d->nunits++] = (UnitArgs){.name = name, .argc = 1, .argv = to};
    return -1;
}

/* Cuts argv into the district's options and the units' parts; -1, or the
 * exit status after a message. */
static int split_units(int argc, char **argv, DistrictArgs *d)
{
    d->args = xcalloc((size_t)argc * 2 + 2, sizeof *d->args);
    char **next = d->args;
    d->district = xcalloc((size_t)argc + 1, sizeof *d->district);
    d->district[d->ndistrict++] = "cost";
    for (int i = 1; i < argc; i++) {
        bool value;
        const char *arg = argv[i];
        if (!strcmp(arg, "--unit") || !strncmp(arg, "--unit=", 7)) {
            const char *name = arg[6] == '=' ? arg + 7 : i + 1 < argc ? argv[++i] : NULL;
            if (d->nunits) {
                UnitArgs *u = &d->unit[d->nunits - 1];
                next = u->argv + u->argc + 1; /* past its NULL */
            }
            int status = start_unit(d, name, next);
            if (status >= 0)
                return status;
        } else if (district_option(arg, &value)) {
            d->district[d->ndistrict++] = argv[i];
            if (value && i + 1 < argc)
                d->district[d->ndistrict++] = argv[++i];
        } else if (!d->nunits) {
            return usage_error("cost", "`%s` comes before the first --unit: a unit's contracts, roster and options go after "
                                       "--unit NAME", arg);
        } else {
            UnitArgs *u = &d->unit[d->nunits - 1];
            u->argv[u->argc++] = argv[i];
        }
    }
    return -1;
}

/* The district's options; -1, or the exit status. */
static int district_args(DistrictArgs *d)
{
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(d->ndistrict, d->district, "h", district_opts, NULL)) != -1) {
        switch (ch) {
        case 'H': d->html = optarg; break;
        case 'X': d->xlsx = optarg; break;
        case 'Y': d->years = optarg; break;
        case 'q': d->quiet = true; break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "csv") && strcmp(optarg, "jsonl"))
                return usage_error("cost", "--format is text, csv or jsonl, not `%s`", optarg);
            d->format = !strcmp(optarg, "csv") ? ROWS_CSV : !strcmp(optarg, "jsonl") ? ROWS_JSONL : ROWS_TEXT;
            break;
        case 'Q':
            if (strcmp(optarg, "steps") && strcmp(optarg, "frozen"))
                return usage_error("cost", "--status-quo is steps or frozen, not `%s`", optarg);
            d->status_quo = strcmp(optarg, "steps") ? STATUS_QUO_FROZEN : STATUS_QUO_STEPS;
            break;
        case 'h': cmd_cost(2, (char *[]){"cost", "--help", NULL}); return EXIT_OK;
        default: return usage_error("cost", "unknown option or missing value: `%s`", d->district[optind - 1]);
        }
    }
    for (int u = 0; u < d->nunits; u++)
        d->unit[u] = (UnitArgs){.name = d->unit[u].name, .argc = d->unit[u].argc, .argv = d->unit[u].argv,
                                .status_quo = d->status_quo, .quiet = d->quiet, .years = u ? NULL : d->years};
    return -1;
}

/* Where the reports go. */
typedef struct {
    Target *html, *xlsx;
    bool summary;
} DistrictTargets;

/* Claims the report files (none an input of a unit); false after a
 * message with the exit status in *status. */
static bool claim_district(const DistrictArgs *d, const CostedUnit *units, DistrictTargets *to, int *status)
{
    NamedFile outs[2], ins[UNITS_MAX * 32];
    int nouts = 0, nins = 0;
    for (int u = 0; u < d->nunits; u++)
        nins += cost_unit_inputs(&units[u], ins + nins, 32);
    int stdin_reads = 0;
    for (int i = 0; i < nins; i++)
        stdin_reads += !strcmp(ins[i].path, "-");
    if (stdin_reads > 1) {
        *status = usage_error("cost", "several units read standard input, which can be read once: give their rosters and contracts as files");
        return false;
    }
    if (d->html)
        outs[nouts++] = (NamedFile){d->html, "--html"};
    if (d->xlsx)
        outs[nouts++] = (NamedFile){d->xlsx, "--xlsx"};
    Target *reports = claim_outputs("cost", outs, nouts, ins, nins, status);
    if (!reports)
        return false;
    to->html = d->html ? &reports[0] : NULL;
    to->xlsx = d->xlsx ? &reports[d->html ? 1 : 0] : NULL;
    if (to->xlsx && to->xlsx->kind == TARGET_STDOUT && isatty(STDOUT_FILENO)) {
        *status = usage_error("cost", "--xlsx %s: an Excel workbook is not for a terminal; redirect standard output to a file", d->xlsx);
        return false;
    }
    to->summary = !(to->html && to->html->kind == TARGET_STDOUT) && !(to->xlsx && to->xlsx->kind == TARGET_STDOUT);
    return true;
}

static Provenance inputs; /* the run's, named by its outputs (large: not on the stack) */

/* The HTML page written to t; false after a message. */
static bool write_district_html(const DistrictCost *dc, Target *t)
{
    char err[TARGET_PATH + 256] = "";
    int fd = target_open(t, err, sizeof err);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool written = false;
    if (f) {
        district_print_html(dc, &inputs, f);
        written = fflush(f) == 0 && !ferror(f);
        written = fclose(f) == 0 && written;
    } else if (fd >= 0) {
        close(fd);
    }
    if (fd >= 0 && !written)
        snprintf(err, sizeof err, "cannot write %s", target_label(t));
    if (fd < 0 || !target_commit(t, written, err, sizeof err) || !written) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    return true;
}

/* Costs every unit, adds them up and writes the reports; the exit status. */
static int cost_units(DistrictArgs *d, CostedUnit *units, const DistrictTargets *to)
{
    for (int u = 0; u < d->nunits; u++) {
        if (u) {
            const Costing *first = units[0].unit.reports[0].proposal;
            d->unit[u].names = first->year;
            d->unit[u].nnames = first->nyears;
        }
        int status = cost_unit_cost(&d->unit[u], &units[u], &inputs);
        if (status != EXIT_OK)
            return status;
    }
    CostUnit all[UNITS_MAX];
    for (int u = 0; u < d->nunits; u++)
        all[u] = units[u].unit;
    DistrictCost dc;
    char why[1024];
    if (!cost_district(all, d->nunits, &dc, why, sizeof why)) {
        fprintf(stderr, "terms cost: %s\n", why);
        district_cost_free(&dc);
        return EXIT_BAD_INPUT;
    }
    int status = EXIT_OK;
    if (to->summary && d->format == ROWS_TEXT)
        district_print_text(&dc, stdout);
    else if (to->summary)
        district_print_rows(&dc, d->format, &inputs, stdout);
    if (to->html && !write_district_html(&dc, to->html))
        status = EXIT_BAD_INPUT;
    if (to->xlsx && !district_write_xlsx(&dc, &inputs, to->xlsx))
        status = EXIT_BAD_INPUT;
    district_cost_free(&dc);
    return status;
}

int cmd_cost_units(int argc, char **argv)
{
    DistrictArgs d = {0};
    CostedUnit units[UNITS_MAX] = {{0}};
    int status = split_units(argc, argv, &d);
    if (status < 0)
        status = district_args(&d);
    for (int u = 0; u < d.nunits && status < 0; u++)
        status = cost_unit_open(&d.unit[u], &units[u]);
    DistrictTargets to;
    if (status < 0 && claim_district(&d, units, &to, &status))
        status = cost_units(&d, units, &to);
    for (int u = 0; u < d.nunits; u++)
        cost_unit_close(&units[u]);
    free(d.args);
    free(d.district);
    return status;
}

/* ---- text ---- */

/* "proposal 2" of the district's proposals, or "proposal" if it has one. */
static const char *proposal_name(const DistrictCost *d, int k, char *buf, size_t cap)
{
    if (d->nproposals == 1)
        snprintf(buf, cap, "proposal");
    else
        snprintf(buf, cap, "proposal %d", k + 1);
    return buf;
}

static void text_heads(const DistrictCost *d, FILE *out)
{
    fprintf(out, "  %-26s", "");
    for (int y = 0; y < d->nyears; y++)
        fprintf(out, " %22s", d->year[y]);
    fprintf(out, " %22s\n", "all years");
}

/* A row of amounts by year and over the term. */
static void text_row(const DistrictCost *d, const char *label, const CostRow *row, bool sign, FILE *out)
{
    char buf[128];
    fprintf(out, "  %-26s", label);
    for (int y = 0; y <= d->nyears; y++) {
        format_money(row->v[y], sign, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    fputc('\n', out);
}

/* The district's settlement in percent of its baseline, by year and over the term. */
static void text_percent(const DistrictCost *d, int k, FILE *out)
{
    char buf[64];
    fprintf(out, "  %-26s", "percent of the baseline");
    for (int y = 0; y <= d->nyears; y++) {
        format_change_percent(d->settlement[d->nunits * d->nproposals + k].v[y], d->baseline[d->nunits].v[y], buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    fputc('\n', out);
}

/* Which contract of each unit the district's k-th proposal is. */
static void text_proposal_head(const DistrictCost *d, int k, FILE *out)
{
    char name[32];
    fprintf(out, "%s:", proposal_name(d, k, name, sizeof name));
    for (int u = 0; u < d->nunits; u++)
        fprintf(out, "%s %s %s", u ? "," : "", d->units[u].name, cost_unit_proposal(&d->units[u], k)->proposal->path);
    fputc('\n', out);
}

void district_print_text(const DistrictCost *d, FILE *out)
{
    int np = d->nproposals;
    for (int u = 0; u < d->nunits; u++) {
        fprintf(out, "unit %s: ", d->units[u].name);
        cost_print_text(d->units[u].reports, d->units[u].nproposals, out);
        fputc('\n', out);
    }
    fprintf(out, "district: %d units, %s to %s (total pay)\n\n", d->nunits, d->year[0], d->year[d->nyears - 1]);
    for (int k = 0; k < np; k++) {
        text_proposal_head(d, k, out);
        text_heads(d, out);
        for (int u = 0; u < d->nunits; u++)
            text_row(d, d->units[u].name, &d->proposal[u * np + k], false, out);
        text_row(d, "district", &d->proposal[d->nunits * np + k], false, out);
        fprintf(out, "  %-26s", "headcount");
        for (int y = 0; y < d->nyears; y++)
            fprintf(out, " %22ld", d->headcount[k][y]);
        fputs("\n\n", out);
    }
    if (!d->has_baseline)
        return;
    fprintf(out, "baseline:");
    for (int u = 0; u < d->nunits; u++)
        fprintf(out, "%s %s %s", u ? "," : "", d->units[u].name, d->units[u].reports[0].baseline->path);
    fputc('\n', out);
    text_heads(d, out);
    for (int u = 0; u < d->nunits; u++)
        text_row(d, d->units[u].name, &d->baseline[u], false, out);
    text_row(d, "district", &d->baseline[d->nunits], false, out);
    fprintf(out, "\ncost of the settlement (proposal - baseline):\n");
    text_heads(d, out);
    for (int k = 0; k < np; k++) {
        char name[32];
        if (np > 1)
            fprintf(out, "%s\n", proposal_name(d, k, name, sizeof name));
        for (int u = 0; u < d->nunits; u++)
            text_row(d, d->units[u].name, &d->settlement[u * np + k], true, out);
        text_row(d, "district", &d->settlement[d->nunits * np + k], true, out);
        text_percent(d, k, out);
    }
}

/* ---- rows ---- */

void district_print_rows(const DistrictCost *d, RowsFormat f, const Provenance *pv, FILE *out)
{
    int np = d->nproposals, all = d->nunits;
    char name[32];
    cost_print_unit_head(f, pv, out);
    for (int u = 0; u < d->nunits; u++)
        cost_print_unit_rows(d->units[u].reports, d->units[u].nproposals, d->units[u].name, f, out);
    for (int k = 0; k < np; k++)
        for (int y = 0; y < d->nyears; y++) {
            cost_print_unit_row("all units", "proposal", proposal_name(d, k, name, sizeof name), d->year[y], "headcount",
                                rat_int(d->headcount[k][y]), true, f, out);
            cost_print_unit_row("all units", "proposal", proposal_name(d, k, name, sizeof name), d->year[y], "total",
                                d->proposal[all * np + k].v[y], false, f, out);
        }
    if (!d->has_baseline)
        return;
    for (int y = 0; y < d->nyears; y++)
        cost_print_unit_row("all units", "baseline", "baseline", d->year[y], "total", d->baseline[all].v[y], false, f, out);
    for (int k = 0; k < np; k++)
        for (int y = 0; y <= d->nyears; y++)
            cost_print_unit_row("all units", "settlement", proposal_name(d, k, name, sizeof name),
                                y < d->nyears ? d->year[y] : "all years", "total", d->settlement[all * np + k].v[y], false, f, out);
}

/* ---- HTML ---- */

static void html_heads(const DistrictCost *d, FILE *out)
{
    fputs("<thead><tr><th></th>", out);
    for (int y = 0; y < d->nyears; y++) {
        fputs("<th>", out);
        cost_html_text(out, d->year[y]);
        fputs("</th>", out);
    }
    fputs("<th class=\"all\">All years</th></tr></thead>\n", out);
}

/* A row of amounts by year, then over the term; the district's in bold. */
static void html_row(const DistrictCost *d, const char *label, const CostRow *row, bool sign, bool district, FILE *out)
{
    fputs(district ? "<tr class=\"total\"><td>" : "<tr><td>", out);
    cost_html_text(out, label);
    fputs("</td>", out);
    for (int y = 0; y < d->nyears; y++)
        cost_html_money(out, row->v[y], sign, NULL);
    cost_html_money(out, row->v[d->nyears], sign, "all");
    fputs("</tr>\n", out);
}

/* "Proposal 1: teachers example-district-proposal.terms, support ..." as a row over the table. */
static void html_proposal_row(const DistrictCost *d, int k, FILE *out)
{
    char name[32];
    fprintf(out, "<tr class=\"proposal\"><td colspan=\"%d\">", d->nyears + 2);
    proposal_name(d, k, name, sizeof name);
    name[0] = (char)(name[0] - 'a' + 'A');
    cost_html_text(out, name);
    fputs(":", out);
    for (int u = 0; u < d->nunits; u++) {
        fprintf(out, "%s %s <code>", u ? "," : "", d->units[u].name);
        cost_html_text(out, cost_unit_proposal(&d->units[u], k)->proposal->path);
        fputs("</code>", out);
    }
    fputs("</td></tr>\n", out);
}

static void html_district_settlement(const DistrictCost *d, FILE *out)
{
    int np = d->nproposals;
    char buf[64];
    fputs("<section>\n<h2>District: cost of the settlement (proposal &minus; baseline)</h2>\n<table class=\"district-settlement\">\n", out);
    html_heads(d, out);
    fputs("<tbody>\n", out);
    for (int k = 0; k < np; k++) {
        html_proposal_row(d, k, out);
        for (int u = 0; u < d->nunits; u++)
            html_row(d, d->units[u].name, &d->settlement[u * np + k], true, false, out);
        html_row(d, "District", &d->settlement[d->nunits * np + k], true, true, out);
        fputs("<tr><td>Percent of the baseline</td>", out);
        for (int y = 0; y <= d->nyears; y++) {
            format_change_percent(d->settlement[d->nunits * np + k].v[y], d->baseline[d->nunits].v[y], buf, sizeof buf);
            fprintf(out, "<td%s>%s</td>", y == d->nyears ? " class=\"all\"" : "", buf);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void html_district_totals(const DistrictCost *d, FILE *out)
{
    int np = d->nproposals;
    fputs("<section>\n<h2>District: total pay by unit</h2>\n<table class=\"district\">\n", out);
    html_heads(d, out);
    fputs("<tbody>\n", out);
    for (int k = 0; k < np; k++) {
        html_proposal_row(d, k, out);
        for (int u = 0; u < d->nunits; u++)
            html_row(d, d->units[u].name, &d->proposal[u * np + k], false, false, out);
        html_row(d, "District", &d->proposal[d->nunits * np + k], false, true, out);
    }
    if (d->has_baseline) {
        fprintf(out, "<tr class=\"proposal\"><td colspan=\"%d\">Baseline:", d->nyears + 2);
        for (int u = 0; u < d->nunits; u++) {
            fprintf(out, "%s %s <code>", u ? "," : "", d->units[u].name);
            cost_html_text(out, d->units[u].reports[0].baseline->path);
            fputs("</code>", out);
        }
        fputs("</td></tr>\n", out);
        for (int u = 0; u < d->nunits; u++)
            html_row(d, d->units[u].name, &d->baseline[u], false, false, out);
        html_row(d, "District", &d->baseline[d->nunits], false, true, out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* A costing holding one line, row: the district's, for the chart. */
static void district_costing(const DistrictCost *d, const CostRow *row, const char *path, CostLine *line, Costing *c)
{
    *line = (CostLine){.name = "total", .present = true};
    *c = (Costing){.path = path, .nyears = d->nyears, .nlines = 1, .lines = line, .total_line = 0};
    for (int y = 0; y < d->nyears; y++) {
        c->year[y] = c->contract_year[y] = d->year[y];
        line->sum[y] = row->v[y];
    }
}

static void html_district_charts(const DistrictCost *d, FILE *out)
{
    int np = d->nproposals;
    CostLine pl, bl;
    Costing p, b;
    district_costing(d, &d->baseline[d->nunits], "baseline", &bl, &b);
    fputs("<section>\n<h2>District: total pay by year</h2>\n", out);
    for (int k = 0; k < np; k++) {
        char name[32];
        district_costing(d, &d->proposal[d->nunits * np + k], proposal_name(d, k, name, sizeof name), &pl, &p);
        name[0] = (char)(name[0] - 'a' + 'A');
        if (np > 1)
            fprintf(out, "<h3>%s</h3>\n", name);
        cost_html_chart_totals(&(CostReport){.proposal = &p, .baseline = d->has_baseline ? &b : NULL}, k, out);
    }
    fputs("</section>\n", out);
}

void district_title(const DistrictCost *d, char *buf, size_t cap)
{
    size_t n = (size_t)snprintf(buf, cap, "District cost: ");
    for (int u = 0; u < d->nunits && n < cap; u++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", u == 0 ? "" : u == d->nunits - 1 ? " and " : ", ", d->units[u].name);
}

void district_print_html(const DistrictCost *d, const Provenance *pv, FILE *out)
{
    char title[DISTRICT_TITLE], what[2048];
    district_title(d, title, sizeof title);
    int n = snprintf(what, sizeof what, "Cost of %d bargaining units%s over %s to %s:", d->nunits,
                 d->has_baseline ? ", each unit's proposal against its baseline," : "", d->year[0], d->year[d->nyears - 1]);
    for (int u = 0; u < d->nunits && n < (int)sizeof what; u++) {
        const Costing *p = d->units[u].reports[0].proposal;
        n += snprintf(what + n, sizeof what - (size_t)n, "%s %s (%ld employees, roster %s)", u ? "," : "", d->units[u].name,
                      p->nemployees, d->units[u].reports[0].roster);
    }
    cost_html_begin(title, what, out);
    if (d->has_baseline)
        html_district_settlement(d, out);
    html_district_totals(d, out);
    html_district_charts(d, out);
    for (int u = 0, chart = d->nproposals; u < d->nunits; chart += d->units[u].nproposals, u++) {
        fputs("<h2 class=\"unit\">Unit: ", out);
        cost_html_text(out, d->units[u].name);
        fputs("</h2>\n", out);
        cost_html_unit(d->units[u].reports, d->units[u].nproposals, chart, out);
    }
    cost_html_end(pv, out);
}
