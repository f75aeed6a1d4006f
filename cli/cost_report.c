/* cost_report.c: a costing as a terminal report and as one self-contained
 * HTML page (tables, and charts drawn as inline SVG; no scripts, nothing
 * fetched). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cost_report.h"
#include "cost_comp_report.h"
#include "cost_figure_rows.h"
#include "alloc.h"
#include "cost_figures.h"
#include "format.h"

enum { BINS = 20, CHART_W = 680, CHART_H = 260 };

static void fte_text(const Costing *c, int y, char *buf, size_t cap)
{
    if (!c->has_fte) {
        snprintf(buf, cap, "n/a");
        return;
    }
    size_t n = rat_format_fixed(c->fte[y], 3, ROUND_HALF_UP, buf, cap - 1);
    buf[n] = '\0';
}

/* The year-to-year increase of c's totals: "+$1,234.00 (+1.23%)" */
static void increase(const Costing *c, int y, char *buf, size_t cap)
{
    const Rat *now = &c->lines[c->total_line].sum[y], *was = &c->lines[c->total_line].sum[y - 1];
    Rat d;
    char m[64], p[32];
    rat_sub(*now, *was, &d);
    format_money(d, true, m, sizeof m);
    format_change_percent(d, *was, p, sizeof p);
    snprintf(buf, cap, "%s (%s)", m, p);
}

/* The baseline's total in the proposal's year y (0 past its years). */
static Rat baseline_total(const CostReport *r, int y)
{
    const Costing *b = r->baseline;
    return y < b->nyears ? b->lines[b->total_line].sum[y] : rat_int(0);
}

static Rat settlement(const CostReport *r, int y)
{
    Rat d = rat_int(0);
    const Costing *p = r->proposal, *b = r->baseline;
    if (y < b->nyears)
        rat_sub(p->lines[p->total_line].sum[y], b->lines[b->total_line].sum[y], &d);
    return d;
}

/* ---- text ---- */

void cost_print_absent(const char *cmd, const Costing *c, FILE *out)
{
    for (int i = 0; i < c->nskipped; i++) {
        const RosterSkipped *k = &c->skipped[i];
        fprintf(out, "terms %s: note: %s has no %s \"%s\", which column \"%s\" names on %ld row%s (first row %ld): absent, $0, in its costing\n",
                cmd, c->path, k->kind, k->value, k->column, k->rows, k->rows == 1 ? "" : "s", k->row);
    }
}

/* "the status quo: 2024-25 carried forward, with step movement" for a year
 * that is not the contract's own (buf empty: it is). */
static void status_quo(const Costing *c, int y, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (strcmp(c->year[y], c->contract_year[y]))
        snprintf(buf, cap, "the status quo: %s carried forward, %s step movement", c->contract_year[y], c->moved[y] ? "with" : "without");
}

/* The total per group, with --by. */
static void text_groups(const Costing *c, FILE *out)
{
    char buf[128];
    if (c->ngroups)
        fprintf(out, "\n  total by %s:", c->by);
    for (int g = 0; g < c->ngroups; g++) {
        fprintf(out, "\n    %-24.60s", c->group_key[g]);
        for (int y = 0; y < c->nyears; y++) {
            format_money(c->group_total[g * c->nyears + y], false, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
    }
}

/* The year's increase by item: each line's step and lane movement and
 * its increase in terms (the employees where they stood). */
static void text_by_item(const Costing *c, FILE *out)
{
    char buf[128];
    for (int k = 0; k < 2; k++) {
        fprintf(out, "\n  %s, by item:", k ? "increase in terms (where they stood)" : "step and lane movement");
        for (int i = 0; i < c->nlines; i++) {
            if (i == c->total_line || !c->lines[i].present)
                continue;
            fprintf(out, "\n    %-24s %22s", c->lines[i].name, "");
            for (int y = 1; y < c->nyears; y++) {
                Rat d;
                if (k)
                    rat_sub(c->lines[i].stayed[y], c->lines[i].sum[y - 1], &d);
                else
                    rat_sub(c->lines[i].sum[y], c->lines[i].stayed[y], &d);
                format_money(d, true, buf, sizeof buf);
                fprintf(out, " %22s", buf);
            }
        }
    }
}

/* Standard figures: the average total per employee and its change, and
 * the value of 1% of the first line (the schedule's, as a contract
 * usually writes its total: salary first). */
static void text_standard(const Costing *c, FILE *out)
{
    char buf[128];
    Rat avg[COST_MAX_YEARS];
    fprintf(out, "\n  %-26s", "average per employee");
    for (int y = 0; y < c->nyears; y++) {
        bool ok = cost_average(c, c->total_line, y, &avg[y]);
        if (ok)
            format_money(avg[y], false, buf, sizeof buf);
        fprintf(out, " %22s", ok ? buf : "n/a");
    }
    if (c->nyears > 1 && c->headcount[0] > 0) {
        fprintf(out, "\n    %-24s %22s", "change", "");
        for (int y = 1; y < c->nyears; y++) {
            Rat d;
            char pct[32];
            rat_sub(avg[y], avg[y - 1], &d);
            format_money(d, true, buf, sizeof buf);
            format_change_percent(d, avg[y - 1], pct, sizeof pct);
            char both[200];
            snprintf(both, sizeof both, "%s (%s)", buf, pct);
            fprintf(out, " %22s", both);
        }
    }
    if (c->nlines > 1) {
        char label[128];
        snprintf(label, sizeof label, "value of 1%% of %s", c->lines[0].name);
        fprintf(out, "\n  %-26s", label);
        for (int y = 0; y < c->nyears; y++) {
            Rat one;
            rat_div(c->lines[0].sum[y], rat_int(100), &one);
            format_money(one, false, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
    }
}

/* A row of the years after the first: one figure each, by fig. */
static void text_later_years(const Costing *c, const char *label, int indent, int (*fig)(const Costing *, int, char *, size_t),
                             FILE *out)
{
    char buf[128];
    fprintf(out, "\n%*s%-*s %22s", indent, "", 28 - indent, label, "");
    for (int y = 1; y < c->nyears; y++) {
        if (!fig(c, y, buf, sizeof buf))
            snprintf(buf, sizeof buf, "(too large)");
        fprintf(out, " %22s", buf);
    }
}

static int schedule_part(const Costing *c, int y, char *buf, size_t cap)
{
    CostIncrease d;
    return cost_increase(c, y, &d) && format_money(d.schedule, true, buf, cap);
}

static int other_part(const Costing *c, int y, char *buf, size_t cap)
{
    CostIncrease d;
    return cost_increase(c, y, &d) && format_money(d.other, true, buf, cap);
}

/* "+$904,636.87 (+6.64%)": the increase without the one-time lines. */
static int recurring_part(const Costing *c, int y, char *buf, size_t cap)
{
    CostIncrease d;
    Rat was;
    char m[64], p[32];
    if (!cost_increase(c, y, &d) || rat_sub(c->lines[c->total_line].sum[y - 1], c->one_time[y - 1], &was) != RAT_OK)
        return 0;
    format_money(d.recurring, true, m, sizeof m);
    format_change_percent(d.recurring, was, p, sizeof p);
    snprintf(buf, cap, "%s (%s)", m, p);
    return 1;
}

/* The increase in terms split into the schedule's lines and the other
 * items (cost_figures.h); with one-time money, the recurring increase. */
static void text_increase_parts(const Costing *c, FILE *out)
{
    text_later_years(c, "schedule", 6, schedule_part, out);
    text_later_years(c, "other items", 6, other_part, out);
    if (c->has_one_time)
        text_later_years(c, "recurring increase", 2, recurring_part, out);
}

/* Cost per hour worked, with the hours; and, over three years or more,
 * the term's increase against the same final-year increase spread
 * evenly (cost_figures.h). */
static void text_more_standard(const Costing *c, FILE *out)
{
    char buf[128];
    if (c->has_hours) {
        fprintf(out, "\n  %-26s", "hours worked");
        for (int y = 0; y < c->nyears; y++) {
            size_t n = rat_format_fixed(c->hours[y], 2, ROUND_HALF_UP, buf, sizeof buf - 1);
            buf[n] = '\0';
            fprintf(out, " %22s", buf);
        }
        fprintf(out, "\n  %-26s", "cost per hour worked");
        for (int y = 0; y < c->nyears; y++) {
            Rat r;
            bool ok = cost_per_hour(c, y, &r);
            if (ok)
                format_money(r, false, buf, sizeof buf);
            fprintf(out, " %22s", ok ? buf : "n/a");
        }
    }
    CostLoading l;
    if (!cost_loading(c, &l))
        return;
    const char *label[] = {"increase over the term", "spread evenly", "front-loading"};
    Rat v[] = {l.term, l.even, l.loading};
    for (int k = 0; k < 3; k++) {
        fprintf(out, "\n%*s%-*s", k ? 4 : 2, "", k ? 24 : 26, label[k]);
        for (int y = 1; y < c->nyears; y++)
            fprintf(out, " %22s", "");
        format_money(v[k], true, buf, sizeof buf);
        int s = rat_sign(l.loading);
        if (k == 2)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " (%s)", s > 0 ? "front-loaded" : s < 0 ? "end-loaded" : "even");
        fprintf(out, " %22s", buf);
    }
}

/* "bonus (one-time)" */
static const char *one_time_name(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s (one-time)", name);
    return buf;
}

/* The total split into what recurs and what is paid once. */
static void print_one_time(const Costing *c, FILE *out)
{
    char buf[128];
    fprintf(out, "\n    %-24s", "recurring");
    for (int y = 0; y < c->nyears; y++) {
        Rat r;
        if (rat_sub(c->lines[c->total_line].sum[y], c->one_time[y], &r) != RAT_OK)
            snprintf(buf, sizeof buf, "(too large)");
        else
            format_money(r, false, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    fprintf(out, "\n    %-24s", "one-time");
    for (int y = 0; y < c->nyears; y++) {
        format_money(c->one_time[y], false, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
}

/* "2025-26: turnover: 3 of the 12 at step 13 replaced by hires at step 1" */
static void text_turnover(const Costing *c, FILE *out)
{
    int field;
    int64_t top;
    if (!c->turnover || !cost_turnover_field(c->schema, c->turnover, &field, &top))
        return;
    for (int y = 1; y < c->nyears; y++)
        if (c->moved[y])
            fprintf(out, "  %s: turnover: %ld of the %ld at %s %" PRId64 " replaced by hires at %s %" PRId64 "\n", c->year[y],
                    c->turnover_count[y], c->at_top[y], c->turnover->field, top, c->turnover->field, c->turnover->hire);
}

static void text_costing(const Costing *c, const char *title, FILE *out)
{
    char buf[128];
    fprintf(out, "%s: %s\n", title, c->path);
    for (int y = 0; y < c->nyears; y++) {
        status_quo(c, y, buf, sizeof buf);
        if (*buf)
            fprintf(out, "  %s: %s\n", c->year[y], buf);
    }
    text_turnover(c, out);
    fprintf(out, "  %-26s", "");
    for (int y = 0; y < c->nyears; y++)
        fprintf(out, " %22s", c->year[y]);
    fprintf(out, "\n  %-26s", "headcount");
    for (int y = 0; y < c->nyears; y++)
        fprintf(out, " %22ld", c->headcount[y]);
    fprintf(out, "\n  %-26s", "FTE");
    for (int y = 0; y < c->nyears; y++) {
        fte_text(c, y, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    for (int i = 0; i < c->nlines; i++) {
        fprintf(out, "\n  %-26s", c->lines[i].one_time ? one_time_name(c->lines[i].name, buf, sizeof buf) : c->lines[i].name);
        for (int y = 0; y < c->nyears; y++) {
            format_money(c->lines[i].sum[y], false, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
    }
    if (c->has_one_time)
        print_one_time(c, out);
    if (c->retro_name) {
        snprintf(buf, sizeof buf, "paid late (%s)", c->retro_name);
        fprintf(out, "\n    %-24s", buf);
        for (int y = 0; y < c->nyears; y++) {
            format_money(c->retro[y], false, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
    }
    text_groups(c, out);
    if (c->nyears > 1) {
        fprintf(out, "\n  %-26s %22s", "increase over last year", "");
        for (int y = 1; y < c->nyears; y++) {
            increase(c, y, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
        fprintf(out, "\n    %-24s %22s", "step and lane movement", "");
        for (int y = 1; y < c->nyears; y++) {
            format_money(c->movement[y], true, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
        fprintf(out, "\n    %-24s %22s", "increase in terms", "");
        for (int y = 1; y < c->nyears; y++) {
            format_money(c->schedule[y], true, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
        text_increase_parts(c, out);
        text_by_item(c, out);
    }
    text_standard(c, out);
    text_more_standard(c, out);
    fputs("\n\n", out);
}

/* The settlement's rows of one proposal: its change and the percent of
 * the baseline, by year and over all years. */
static void text_settlement(const CostReport *r, FILE *out)
{
    const Costing *p = r->proposal;
    char buf[128];
    fprintf(out, "  %-26s", "total");
    Rat all = rat_int(0), all_base = rat_int(0);
    for (int y = 0; y < p->nyears; y++) {
        Rat d = settlement(r, y);
        rat_add(all, d, &all);
        rat_add(all_base, baseline_total(r, y), &all_base);
        format_money(d, true, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    format_money(all, true, buf, sizeof buf);
    fprintf(out, " %22s\n  %-26s", buf, "percent of the baseline");
    for (int y = 0; y < p->nyears; y++) {
        format_change_percent(settlement(r, y), baseline_total(r, y), buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    format_change_percent(all, all_base, buf, sizeof buf);
    fprintf(out, " %22s\n", buf);
    if (!p->ngroups)
        return;
    Rat *change = xrealloc(NULL, sizeof(Rat) * (size_t)p->ngroups * (size_t)p->nyears);
    EngineError e;
    if (cost_group_change(r, change, &e)) {
        fprintf(out, "  by %s:\n", p->by);
        for (int g = 0; g < p->ngroups; g++) {
            fprintf(out, "    %-24.60s", p->group_key[g]);
            Rat sum = rat_int(0);
            for (int y = 0; y < p->nyears; y++) {
                rat_add(sum, change[g * p->nyears + y], &sum);
                format_money(change[g * p->nyears + y], true, buf, sizeof buf);
                fprintf(out, " %22s", buf);
            }
            format_money(sum, true, buf, sizeof buf);
            fprintf(out, " %22s\n", buf);
        }
    }
    free(change);
}

/* Who gains and loses under one proposal, and the largest changes. */
static void text_employees(const CostReport *r, int n, FILE *out)
{
    char buf[128];
    const Costing *p = r->proposal;
    if (n > 1)
        fprintf(out, "per employee, %s against the baseline over the years costed: %ld gain, %ld lose, %ld unchanged\n", p->path, r->gain,
                r->lose, r->same);
    else
        fprintf(out, "per employee, %s: %ld gain, %ld lose, %ld unchanged\n",
                r->baseline ? "proposal against baseline over the years costed" : "first year to last", r->gain, r->lose, r->same);
    if (r->ntop)
        fprintf(out, "largest changes:\n");
    for (int i = 0; i < r->ntop; i++) {
        format_money(cost_change(r, r->top[i]), true, buf, sizeof buf);
        fprintf(out, "  %-20s %22s\n", cost_employee(p, r->top[i]).id, buf);
    }
}

void cost_print_text(const CostReport *reports, int n, FILE *out)
{
    const CostReport *r = &reports[0];
    const Costing *p = r->proposal;
    fprintf(out, "cost over %s: %ld employee%s, %s to %s (total pay: `%s`)\n\n", r->roster, p->nemployees,
            p->nemployees == 1 ? "" : "s", p->year[0], p->year[p->nyears - 1], p->lines[p->total_line].name);
    for (int i = 0; i < n; i++)
        text_costing(reports[i].proposal, r->baseline ? "proposal" : "contract", out);
    if (r->baseline) {
        text_costing(r->baseline, "baseline", out);
        fprintf(out, "cost of the settlement (proposal - baseline):\n  %-26s", "");
        for (int y = 0; y < p->nyears; y++)
            fprintf(out, " %22s", p->year[y]);
        fprintf(out, " %22s\n", "all years");
        for (int i = 0; i < n; i++) {
            if (n > 1)
                fprintf(out, "proposal: %s\n", reports[i].proposal->path);
            text_settlement(&reports[i], out);
        }
        fputc('\n', out);
    }
    cost_print_comp_text(reports, n, out);
    for (int i = 0; i < n; i++)
        text_employees(&reports[i], n, out);
}

/* ---- HTML ---- */

static void esc(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
}

/* Whole cents of r, for drawing only (never printed as a figure). */
static int64_t cents(Rat r)
{
    int64_t v = 0;
    Rat c;
    if (rat_mul(r, rat_int(100), &c) == RAT_OK)
        rat_to_int64(c, ROUND_HALF_UP, &v);
    return v;
}

/* A line as a board member reads it: "Contract salary", its citation
 * beside it in smaller type; the identifier stays in a data attribute. */
static void line_label(FILE *out, const CostLine *l)
{
    fputs("<td data-name=\"", out);
    esc(out, l->name);
    fputs("\">", out);
    for (const char *c = l->name; *c; c++)
        fputc(c == l->name && *c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c == '_' ? ' ' : *c, out);
    if (l->cite) {
        fputs(" <span class=\"cite\">", out);
        esc(out, l->cite);
        fputs("</span>", out);
    }
    fputs("</td>", out);
}

/* The column heads: the years, then "All years" when there are several. */
static void year_heads(FILE *out, const Costing *c)
{
    fputs("<thead><tr><th></th>", out);
    for (int y = 0; y < c->nyears; y++) {
        fputs("<th>", out);
        esc(out, c->year[y]);
        fputs("</th>", out);
    }
    if (c->nyears > 1)
        fputs("<th class=\"all\">All years</th>", out);
    fputs("</tr></thead>\n", out);
}

static void money_cell(FILE *out, Rat v, bool sign, const char *class)
{
    char buf[128];
    format_money(v, sign, buf, sizeof buf);
    fprintf(out, "<td%s%s%s>%s</td>", class ? " class=\"" : "", class ? class : "", class ? "\"" : "", buf);
}

static void html_figures(const Costing *c, FILE *out);

/* A contract in a heading: its `contract "..."` name, with its file beside
 * it, since a proposal and its baseline often share the name. */
static void html_contract_name(const Costing *c, FILE *out)
{
    if (c->title) {
        esc(out, c->title);
        fputs(" <span class=\"file\">", out);
    }
    esc(out, c->path);
    if (c->title)
        fputs("</span>", out);
}

static void html_costing(const Costing *c, const char *title, FILE *out)
{
    char buf[128];
    fprintf(out, "<section>\n<h2>%s: ", title);
    html_contract_name(c, out);
    fputs("</h2>\n", out);
    for (int y = 0; y < c->nyears; y++) {
        status_quo(c, y, buf, sizeof buf);
        if (*buf) {
            fputs("<p class=\"status-quo\">", out);
            esc(out, c->year[y]);
            fputs(": ", out);
            esc(out, buf);
            fputs(".</p>\n", out);
        }
    }
    fputs("<table class=\"costing\">\n", out);
    year_heads(out, c);
    fputs("<tbody>\n<tr><td>Headcount</td>", out);
    for (int y = 0; y < c->nyears; y++)
        fprintf(out, "<td>%ld</td>", c->headcount[y]);
    if (c->nyears > 1)
        fputs("<td class=\"all\"></td>", out);
    fputs("</tr>\n<tr><td>FTE</td>", out);
    for (int y = 0; y < c->nyears; y++) {
        fte_text(c, y, buf, sizeof buf);
        fprintf(out, "<td>%s</td>", buf);
    }
    if (c->nyears > 1)
        fputs("<td class=\"all\"></td>", out);
    fputs("</tr>\n", out);
    for (int i = 0; i < c->nlines; i++) {
        fprintf(out, "<tr%s>", i == c->total_line ? " class=\"total\"" : "");
        line_label(out, &c->lines[i]);
        Rat all = rat_int(0);
        for (int y = 0; y < c->nyears; y++) {
            money_cell(out, c->lines[i].sum[y], false, NULL);
            rat_add(all, c->lines[i].sum[y], &all);
        }
        if (c->nyears > 1)
            money_cell(out, all, false, "all");
        fputs("</tr>\n", out);
    }
    if (c->nyears > 1) {
        const char *names[] = {"Increase over last year", "Step and lane movement", "Increase in terms"};
        for (int k = 0; k < 3; k++) {
            fprintf(out, "<tr class=\"change\"><td>%s</td><td></td>", names[k]);
            Rat all = rat_int(0);
            for (int y = 1; y < c->nyears; y++) {
                Rat v = k == 1 ? c->movement[y] : c->schedule[y];
                if (k == 0) {
                    rat_sub(c->lines[c->total_line].sum[y], c->lines[c->total_line].sum[y - 1], &v);
                    increase(c, y, buf, sizeof buf);
                    fprintf(out, "<td>%s</td>", buf);
                } else {
                    money_cell(out, v, true, NULL);
                }
                rat_add(all, v, &all);
            }
            money_cell(out, all, true, "all");
            fputs("</tr>\n", out);
        }
    }
    fputs("</tbody>\n</table>\n", out);
    html_figures(c, out);
    fputs("</section>\n", out);
}

/* A chart's amounts in few characters, "$12.87M", "$845.2K", "$950",
 * rounded half up: for labels on a drawing, never as a figure. */
static void short_money(int64_t c, char *buf, size_t cap)
{
    const char *sign = c < 0 ? "-" : "";
    uint64_t v = c < 0 ? (uint64_t)-(c + 1) + 1 : (uint64_t)c;
    if (v >= 100000000) { /* $1M and up: two places of millions */
        uint64_t h = (v + 500000) / 1000000;
        snprintf(buf, cap, "%s$%" PRIu64 ".%02" PRIu64 "M", sign, h / 100, h % 100);
    } else if (v >= 100000) { /* $1K and up: one place of thousands */
        uint64_t t = (v + 5000) / 10000;
        snprintf(buf, cap, "%s$%" PRIu64 ".%" PRIu64 "K", sign, t / 10, t % 10);
    } else {
        snprintf(buf, cap, "%s$%" PRIu64, sign, (v + 50) / 100);
    }
}

/* The smallest round number (1, 2 or 5 times a power of ten) of at least x. */
static int64_t round_up(int64_t x)
{
    for (int64_t p = 1;; p *= 10)
        for (int k = 0; k < 3; k++) {
            int64_t s = p * (k == 0 ? 1 : k == 1 ? 2 : 5);
            if (s >= x)
                return s;
        }
}

/* A round step that cuts 0..max into at most five parts. */
static int64_t tick_step(int64_t max)
{
    return round_up(max / 5 + 1);
}

enum { PLOT_L = 90, PLOT_T = 30, PLOT_H = CHART_H - 30 };

/* A chart's <figure><svg>, id "NAME" for the first proposal's, "NAME-2"
 * for the second's, ... */
static void svg_open(FILE *out, const char *name, int k)
{
    fprintf(out, "<figure><svg id=\"%s", name);
    if (k)
        fprintf(out, "-%d", k + 1);
    fprintf(out, "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n", CHART_W,
            CHART_H + 50, CHART_W, CHART_H + 50);
}

/* The value axis: gridlines and labels at round steps from 0 to max. */
static void value_axis(FILE *out, int64_t max, int64_t step, bool money)
{
    char buf[32];
    for (int64_t v = 0; v <= max; v += step) {
        int y = PLOT_T + PLOT_H - (int)(v * PLOT_H / max);
        if (money)
            short_money(v, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%" PRId64, v);
        fprintf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                     "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                PLOT_L, y, CHART_W - 10, y, PLOT_L - 6, y + 4, buf);
    }
    fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", PLOT_L, PLOT_T, PLOT_L, PLOT_T + PLOT_H);
    fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", PLOT_L, PLOT_T + PLOT_H, CHART_W - 10,
            PLOT_T + PLOT_H);
}

/* Total cost by year, a bar for each contract, each with its amount. */
static void chart_totals(const CostReport *r, int which, FILE *out)
{
    const Costing *p = r->proposal, *b = r->baseline;
    int64_t max = 1;
    for (int y = 0; y < p->nyears; y++) {
        int64_t v = cents(p->lines[p->total_line].sum[y]);
        max = v > max ? v : max;
        if (b && y < b->nyears) {
            v = cents(b->lines[b->total_line].sum[y]);
            max = v > max ? v : max;
        }
    }
    int64_t step = tick_step(max), top = (max / step + 1) * step;
    int slot = (CHART_W - PLOT_L - 10) / p->nyears, bar = b ? slot * 2 / 5 : slot / 2;
    svg_open(out, "totals-chart", which);
    fputs("<title>Total pay by contract year</title>\n", out);
    value_axis(out, top, step, true);
    char buf[64];
    for (int y = 0; y < p->nyears; y++) {
        int x = PLOT_L + y * slot + (slot - (b ? 2 : 1) * bar) / 2;
        for (int k = 0; k < (b ? 2 : 1); k++) {
            const Costing *c = k ? b : p;
            if (y >= c->nyears)
                continue;
            int64_t v = cents(c->lines[c->total_line].sum[y]);
            int h = (int)(v > 0 ? v * PLOT_H / top : 0);
            short_money(v, buf, sizeof buf);
            fprintf(out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                         "<text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    k ? "baseline" : "proposal", x + k * bar, PLOT_T + PLOT_H - h, bar - 4, h, x + k * bar + (bar - 4) / 2,
                    PLOT_T + PLOT_H - h - 5, buf);
        }
        fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">", PLOT_L + y * slot + slot / 2,
                PLOT_T + PLOT_H + 18);
        esc(out, p->year[y]);
        fputs("</text>\n", out);
    }
    int ly = CHART_H + 40;
    fprintf(out, "<rect class=\"key proposal\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
            PLOT_L, ly - 10, PLOT_L + 16, ly, b ? "proposal" : "total pay");
    if (b)
        fprintf(out, "<rect class=\"key baseline\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/><text x=\"%d\" y=\"%d\">baseline</text>\n",
                PLOT_L + 110, ly - 10, PLOT_L + 126, ly);
    fputs("</svg><figcaption>Total pay by contract year (amounts rounded on the chart; exact in the tables)</figcaption></figure>\n",
          out);
}

/* How many employees' pay changes by how much: a histogram over round
 * bins, each bar with its count. */
static void chart_changes(const CostReport *r, int which, FILE *out)
{
    long n = r->proposal->nemployees, count[BINS] = {0}, most = 1;
    int64_t lo = 0, hi = 0;
    for (long e = 0; e < n; e++) {
        int64_t v = cents(cost_change(r, e));
        lo = e == 0 || v < lo ? v : lo;
        hi = e == 0 || v > hi ? v : hi;
    }
    /* bins of a round width, starting at a multiple of it */
    int64_t width = round_up((hi - lo) / BINS + 1), first;
    for (;; width = round_up(width + 1)) {
        first = lo >= 0 ? lo / width * width : -((-lo + width - 1) / width) * width;
        if ((hi - first) / width < BINS)
            break;
    }
    int nbins = (int)((hi - first) / width) + 1;
    for (long e = 0; e < n; e++)
        count[(cents(cost_change(r, e)) - first) / width]++;
    for (int i = 0; i < nbins; i++)
        most = count[i] > most ? count[i] : most;
    int64_t step = tick_step(most), top = (most / step + 1) * step;
    svg_open(out, "change-chart", which);
    fputs("<title>Employees by change in total pay</title>\n", out);
    value_axis(out, top, step, false);
    int bar = (CHART_W - PLOT_L - 10) / nbins;
    char a[32], b[32];
    for (int i = 0; i < nbins; i++) {
        int h = (int)(count[i] * PLOT_H / top), x = PLOT_L + i * bar;
        short_money(first + i * width, a, sizeof a);
        short_money(first + (i + 1) * width, b, sizeof b);
        fprintf(out, "<rect class=\"bin\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s to %s: %ld employee%s</title></rect>\n",
                x + 1, PLOT_T + PLOT_H - h, bar - 2, h, a, b, count[i], count[i] == 1 ? "" : "s");
        if (count[i])
            fprintf(out, "<text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%ld</text>\n", x + bar / 2,
                    PLOT_T + PLOT_H - h - 4, count[i]);
        if (nbins <= 10 || i % 2 == 0)
            fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, PLOT_T + PLOT_H + 16, a);
    }
    short_money(first + nbins * width, b, sizeof b);
    fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", PLOT_L + nbins * bar,
            PLOT_T + PLOT_H + 16, b);
    fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\">employees</text>\n", PLOT_L - 60, PLOT_T - 12);
    fprintf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">change in total pay per employee</text>\n",
            PLOT_L + (CHART_W - PLOT_L) / 2, CHART_H + 42);
    fputs("</svg><figcaption>Employees by change in total pay, ", out);
    fputs(r->baseline ? "proposal against baseline, over the years costed" : "from the first year to the last", out);
    fputs("</figcaption></figure>\n", out);
}

static const char style[] =
    "body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em; color: #222; max-width: 60em; }\n"
    "h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; }\n"
    "p.sub { color: #555; margin-top: 0; }\n"
    "table { border-collapse: collapse; margin: 0.6em 0 1em; }\n"
    "th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; font-variant-numeric: tabular-nums; }\n"
    "th { background: #eef2f7; } td:first-child, td.text, th.text { text-align: left; }\n"
    "td.all, th.all { background: #f6f6f6; font-weight: bold; }\n"
    "span.cite { color: #777; font-size: 0.85em; }\n"
    "h2 span.file { color: #777; font-size: 0.75em; font-weight: normal; margin-left: 0.5em; }\n"
    "table.figures caption { text-align: left; font-weight: bold; padding: 0.3em 0; }\n"
    "tr.total td { font-weight: bold; border-top: 2px solid #888; }\n"
    "tr.change td { font-style: italic; }\n"
    "tr.under td:first-child { padding-left: 1.5em; }\n"
    "figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }\n"
    "svg { max-width: 100%; height: auto; }\n"
    "rect.proposal { fill: #1f4e79; } rect.baseline { fill: #9dc3e6; } rect.bin { fill: #548235; }\n"
    "line.grid { stroke: #ddd; } line.axis { stroke: #333; }\n"
    "svg text { font-size: 12px; fill: #222; } text.value { font-size: 11px; font-weight: bold; }\n"
    "@page { size: letter; margin: 0.6in; }\n"
    "@media print {\n"
    "  body { margin: 0; max-width: none; font-size: 10pt; }\n"
    "  section, table, figure, tr { break-inside: avoid; }\n"
    "  h2 { break-after: avoid; }\n"
    "  thead { display: table-header-group; }\n"
    "  th, td.all, th.all { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "  rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "}\n";

/* The date the report was made, for its title. */
static void today(char *buf, size_t cap)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || !strftime(buf, cap, "%Y-%m-%d", &tm))
        snprintf(buf, cap, "today");
}

/* The settlement's rows of one proposal (its path in front when there are several). */
static void html_settlement_rows(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal;
    char buf[128];
    if (n > 1) {
        fprintf(out, "<tr class=\"proposal\"><td colspan=\"%d\">", p->nyears + 1 + (p->nyears > 1));
        esc(out, p->path);
        fputs("</td></tr>\n", out);
    }
    fputs("<tr class=\"total\"><td>Total pay</td>", out);
    Rat all = rat_int(0), all_base = rat_int(0);
    for (int y = 0; y < p->nyears; y++) {
        money_cell(out, settlement(r, y), true, NULL);
        rat_add(all, settlement(r, y), &all);
        rat_add(all_base, baseline_total(r, y), &all_base);
    }
    if (p->nyears > 1)
        money_cell(out, all, true, "all");
    fputs("</tr>\n<tr><td>Percent of the baseline</td>", out);
    for (int y = 0; y < p->nyears; y++) {
        format_change_percent(settlement(r, y), baseline_total(r, y), buf, sizeof buf);
        fprintf(out, "<td>%s</td>", buf);
    }
    if (p->nyears > 1) {
        format_change_percent(all, all_base, buf, sizeof buf);
        fprintf(out, "<td class=\"all\">%s</td>", buf);
    }
    fputs("</tr>\n", out);
}

static void html_settlement(const CostReport *reports, int n, FILE *out)
{
    fputs("<section>\n<h2>Cost of the settlement (proposal &minus; baseline)</h2>\n<table class=\"settlement\">\n", out);
    year_heads(out, reports[0].proposal);
    fputs("<tbody>", out);
    for (int i = 0; i < n; i++)
        html_settlement_rows(&reports[i], n, out);
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void html_employees(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal;
    fputs("<section>\n<p>", out);
    if (n > 1) {
        esc(out, p->path);
        fputs(": ", out);
    }
    fprintf(out, "%ld gain, %ld lose, %ld unchanged (%s).</p>\n", r->gain, r->lose, r->same,
            r->baseline ? "proposal against baseline, over the years costed" : "first year to last");
    if (!r->ntop) {
        fputs("</section>\n", out);
        return;
    }
    fputs("<table class=\"largest\">\n<caption>The largest changes</caption>\n<thead><tr><th>Employee</th>", out);
    if (p->named)
        fputs("<th class=\"text\">Name</th>", out);
    fputs("<th>Change</th></tr></thead>\n<tbody>\n", out);
    for (int i = 0; i < r->ntop; i++) {
        long e = r->top[i];
        CostEmployee pe = cost_employee(p, e);
        fputs("<tr><td>", out);
        esc(out, pe.id);
        fputs("</td>", out);
        if (p->named) {
            fputs("<td class=\"text\">", out);
            esc(out, pe.name);
            fputs("</td>", out);
        }
        money_cell(out, cost_change(r, e), true, NULL);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* ---- total compensation (cost_comp_report.h) ---- */

static void html_comp_rows(const CompRow *rows, int k, int nyears, FILE *out)
{
    char buf[64];
    for (int i = 0; i < k; i++) {
        const CompRow *row = &rows[i];
        bool change = row->kind == COMP_CHANGE || row->kind == COMP_SHARE;
        fprintf(out, "<tr class=\"%s%s\">", row->total ? "total" : change ? "change" : "part", row->depth ? " under" : "");
        CostLine l = {.name = row->label, .cite = row->cite};
        line_label(out, &l);
        for (int y = 0; y <= nyears; y++) {
            if (y == nyears && nyears < 2)
                break;
            comp_cell(row, y < nyears ? y : COMP_ALL, buf, sizeof buf);
            fprintf(out, "<td%s>%s</td>", y < nyears ? "" : " class=\"all\"", buf);
        }
        fputs("</tr>\n", out);
    }
}

/* The standard figures (cost_figure_rows.h), a table under the costing's. */
static void html_figures(const Costing *c, FILE *out)
{
    CompRow *rows = NULL;
    int k = figure_rows(c, &rows);
    fputs("<table class=\"figures\">\n<caption>Standard figures</caption>\n", out);
    year_heads(out, c);
    fputs("<tbody>\n", out);
    html_comp_rows(rows, k, c->nyears, out);
    fputs("</tbody>\n</table>\n", out);
    free(rows);
}

static void html_comp_costing(const Costing *c, const char *title, FILE *out)
{
    CompRow *rows = NULL;
    int k = comp_rows(c, &rows);
    fprintf(out, "<section>\n<h2>Total compensation, %s: ", title);
    html_contract_name(c, out);
    fputs("</h2>\n<table class=\"compensation\">\n", out);
    year_heads(out, c);
    fputs("<tbody>\n", out);
    html_comp_rows(rows, k, c->nyears, out);
    fputs("</tbody>\n</table>\n</section>\n", out);
    free(rows);
}

/* Each costing's total compensation, and the settlement's, when a
 * contract declares roll-up or benefits. */
static void html_comp(const CostReport *reports, int n, FILE *out)
{
    const CostReport *r = &reports[0];
    if (!comp_in_report(reports, n))
        return;
    for (int i = 0; i < n; i++)
        html_comp_costing(reports[i].proposal, r->baseline ? "proposal" : "contract", out);
    if (!r->baseline)
        return;
    html_comp_costing(r->baseline, "baseline", out);
    fputs("<section>\n<h2>Total compensation of the settlement (proposal &minus; baseline)</h2>\n<table class=\"compensation\">\n", out);
    year_heads(out, r->proposal);
    fputs("<tbody>\n", out);
    for (int i = 0; i < n; i++) {
        const Costing *p = reports[i].proposal;
        int cols = p->nyears + 1 + (p->nyears > 1);
        if (n > 1) {
            fprintf(out, "<tr class=\"proposal\"><td colspan=\"%d\">", cols);
            esc(out, p->path);
            fputs("</td></tr>\n", out);
        }
        CompRow *rows = NULL;
        int k = cost_has_comp(p) && cost_has_comp(r->baseline) ? comp_change_rows(p, r->baseline, &rows) : -1;
        if (k < 0) {
            fprintf(out, "<tr><td colspan=\"%d\">", cols);
            esc(out, cost_has_comp(r->baseline) ? p->path : r->baseline->path);
            fputs(" declares no roll-up or benefit: no settlement in total compensation</td></tr>\n", out);
        }
        html_comp_rows(rows, k, p->nyears, out);
        free(rows);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* Where the figures came from, to reproduce them: a section at the end. */
static void html_provenance(const Provenance *pv, FILE *out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    provenance_lines(pv, "", mem);
    fclose(mem);
    fputs("<section>\n<h2>Where these figures come from</h2>\n<pre class=\"provenance\">", out);
    esc(out, text);
    fputs("</pre>\n</section>\n", out);
    free(text);
}

void cost_print_html(const CostReport *reports, int n, const Provenance *pv, FILE *out)
{
    const CostReport *r = &reports[0];
    const Costing *p = r->proposal;
    const char *name = p->title ? p->title : p->path;
    char date[32];
    today(date, sizeof date);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
    esc(out, name);
    fputs(": cost over ", out);
    esc(out, r->roster);
    fprintf(out, ", %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", date, style);
    esc(out, name);
    fputs("</h1>\n<p class=\"sub\">Cost of ", out);
    for (int i = 0; i < n; i++) {
        fputs(i == 0 ? "" : i == n - 1 ? " and " : ", ", out);
        fputs(r->baseline ? (n > 1 ? "the proposal <code>" : "the proposal <code>") : "<code>", out);
        esc(out, reports[i].proposal->path);
        fputs("</code>", out);
    }
    if (r->baseline) {
        fputs(" against the baseline <code>", out);
        esc(out, r->baseline->path);
        fputs("</code>", out);
    }
    fputs(" over the roster <code>", out);
    esc(out, r->roster);
    fprintf(out, "</code>: %ld employee%s, ", p->nemployees, p->nemployees == 1 ? "" : "s");
    esc(out, p->year[0]);
    if (p->nyears > 1) {
        fputs(" to ", out);
        esc(out, p->year[p->nyears - 1]);
    }
    fprintf(out, ". Prepared %s. Every figure in the tables is exact to the cent.</p>\n</header>\n", date);
    if (r->baseline)
        html_settlement(reports, n, out);
    for (int i = 0; i < n; i++)
        html_costing(reports[i].proposal, r->baseline ? "Proposal" : "Contract", out);
    if (r->baseline)
        html_costing(r->baseline, "Baseline", out);
    html_comp(reports, n, out);
    fputs("<section>\n<h2>Charts</h2>\n", out);
    for (int i = 0; i < n; i++) {
        if (n > 1) {
            fputs("<h3>", out);
            esc(out, reports[i].proposal->path);
            fputs("</h3>\n", out);
        }
        chart_totals(&reports[i], i, out);
        chart_changes(&reports[i], i, out);
    }
    fputs("</section>\n<h2>Per employee</h2>\n", out);
    for (int i = 0; i < n; i++)
        html_employees(&reports[i], n, out);
    if (pv)
        html_provenance(pv, out);
    fputs("</body>\n</html>\n", out);
}

/* ---- the parts of a page of several units (cost_district.c) ---- */

void cost_html_begin(const char *title, const char *what, FILE *out)
{
    char date[32];
    today(date, sizeof date);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
    esc(out, title);
    fprintf(out, ", %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", date, style);
    esc(out, title);
    fputs("</h1>\n<p class=\"sub\">", out);
    esc(out, what);
    fprintf(out, ". Prepared %s. Every figure in the tables is exact to the cent.</p>\n</header>\n", date);
}

void cost_html_unit(const CostReport *reports, int n, int chart, FILE *out)
{
    const CostReport *r = &reports[0];
    if (r->baseline)
        html_settlement(reports, n, out);
    for (int i = 0; i < n; i++)
        html_costing(reports[i].proposal, r->baseline ? "Proposal" : "Contract", out);
    if (r->baseline)
        html_costing(r->baseline, "Baseline", out);
    for (int i = 0; i < n; i++) {
        chart_totals(&reports[i], chart + i, out);
        chart_changes(&reports[i], chart + i, out);
    }
    for (int i = 0; i < n; i++)
        html_employees(&reports[i], n, out);
}

void cost_html_end(const Provenance *pv, FILE *out)
{
    if (pv)
        html_provenance(pv, out);
    fputs("</body>\n</html>\n", out);
}

void cost_html_text(FILE *out, const char *s)
{
    esc(out, s);
}

void cost_html_money(FILE *out, Rat v, bool sign, const char *class)
{
    money_cell(out, v, sign, class);
}

void cost_html_chart_totals(const CostReport *r, int chart, FILE *out)
{
    chart_totals(r, chart, out);
}
