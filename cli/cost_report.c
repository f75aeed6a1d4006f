/* cost_report.c: a costing as a terminal report and as one self-contained
 * HTML page (tables, and charts drawn as inline SVG; no scripts, nothing
 * fetched). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cost_report.h"
#include "alloc.h"
#include "format.h"

enum { BINS = 20, CHART_W = 640, CHART_H = 240 };

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

static void text_costing(const Costing *c, const char *title, FILE *out)
{
    char buf[128];
    fprintf(out, "%s: %s\n", title, c->path);
    for (int y = 0; y < c->nyears; y++) {
        status_quo(c, y, buf, sizeof buf);
        if (*buf)
            fprintf(out, "  %s: %s\n", c->year[y], buf);
    }
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
        fprintf(out, "\n  %-26s", c->lines[i].name);
        for (int y = 0; y < c->nyears; y++) {
            format_money(c->lines[i].sum[y], false, buf, sizeof buf);
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
        fprintf(out, "\n    %-24s %22s", "schedule increase", "");
        for (int y = 1; y < c->nyears; y++) {
            format_money(c->schedule[y], true, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
        text_by_item(c, out);
    }
    text_standard(c, out);
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
        format_money(r->change[r->top[i]], true, buf, sizeof buf);
        fprintf(out, "  %-20s %22s\n", p->ids[r->top[i]], buf);
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

static void html_costing(const Costing *c, const char *title, FILE *out)
{
    char buf[128];
    fprintf(out, "<h2>%s: ", title);
    esc(out, c->path);
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
    fputs("<table class=\"costing\">\n<thead><tr><th></th>", out);
    for (int y = 0; y < c->nyears; y++) {
        fputs("<th>", out);
        esc(out, c->year[y]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n<tr><td>headcount</td>", out);
    for (int y = 0; y < c->nyears; y++)
        fprintf(out, "<td>%ld</td>", c->headcount[y]);
    fputs("</tr>\n<tr><td>FTE</td>", out);
    for (int y = 0; y < c->nyears; y++) {
        fte_text(c, y, buf, sizeof buf);
        fprintf(out, "<td>%s</td>", buf);
    }
    fputs("</tr>\n", out);
    for (int i = 0; i < c->nlines; i++) {
        fprintf(out, "<tr%s><td>", i == c->total_line ? " class=\"total\"" : "");
        esc(out, c->lines[i].name);
        fputs("</td>", out);
        for (int y = 0; y < c->nyears; y++) {
            format_money(c->lines[i].sum[y], false, buf, sizeof buf);
            fprintf(out, "<td>%s</td>", buf);
        }
        fputs("</tr>\n", out);
    }
    if (c->nyears > 1) {
        const char *names[] = {"increase over last year", "step and lane movement", "schedule increase"};
        for (int k = 0; k < 3; k++) {
            fprintf(out, "<tr class=\"change\"><td>%s</td><td></td>", names[k]);
            for (int y = 1; y < c->nyears; y++) {
                if (k == 0)
                    increase(c, y, buf, sizeof buf);
                else
                    format_money(k == 1 ? c->movement[y] : c->schedule[y], true, buf, sizeof buf);
                fprintf(out, "<td>%s</td>", buf);
            }
            fputs("</tr>\n", out);
        }
    }
    fputs("</tbody>\n</table>\n", out);
}

/* Total cost by year, a bar for each contract. */
static void chart_totals(const CostReport *r, FILE *out)
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
    int slot = (CHART_W - 60) / p->nyears, bar = b ? slot / 3 : slot / 2;
    fprintf(out, "<figure><svg id=\"totals-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
            CHART_W, CHART_H + 40);
    fprintf(out, "<title>Total cost by year</title>\n<line x1=\"50\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", CHART_H, CHART_W,
            CHART_H);
    char buf[128];
    for (int y = 0; y < p->nyears; y++) {
        int x = 60 + y * slot;
        for (int k = 0; k < (b ? 2 : 1); k++) {
            const Costing *c = k ? b : p;
            if (y >= c->nyears)
                continue;
            int64_t v = cents(c->lines[c->total_line].sum[y]);
            int h = (int)(v > 0 ? v * (CHART_H - 30) / max : 0);
            format_money(c->lines[c->total_line].sum[y], false, buf, sizeof buf);
            fprintf(out, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s %s: %s</title></rect>\n",
                    k ? "baseline" : "proposal", x + k * bar, CHART_H - h, bar - 4, h, k ? "baseline" : "proposal", c->year[y], buf);
        }
        fprintf(out, "<text x=\"%d\" y=\"%d\">", x, CHART_H + 18);
        esc(out, p->year[y]);
        fputs("</text>\n", out);
    }
    fprintf(out, "<text x=\"50\" y=\"14\">%s</text>\n", b ? "total pay by year: proposal (dark), baseline (light)" : "total pay by year");
    fputs("</svg><figcaption>Total cost by contract year</figcaption></figure>\n", out);
}

/* How many employees' pay changes by how much: a histogram. */
static void chart_changes(const CostReport *r, FILE *out)
{
    long n = r->proposal->nemployees, count[BINS] = {0}, most = 1;
    int64_t lo = 0, hi = 0;
    for (long e = 0; e < n; e++) {
        int64_t v = cents(r->change[e]);
        lo = e == 0 || v < lo ? v : lo;
        hi = e == 0 || v > hi ? v : hi;
    }
    int64_t width = (hi - lo) / BINS + 1;
    for (long e = 0; e < n; e++) {
        int bin = (int)((cents(r->change[e]) - lo) / width);
        count[bin < BINS ? bin : BINS - 1]++;
    }
    for (int i = 0; i < BINS; i++)
        most = count[i] > most ? count[i] : most;
    fprintf(out, "<figure><svg id=\"change-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
            CHART_W, CHART_H + 40);
    fputs("<title>Distribution of the change per employee</title>\n", out);
    int bar = (CHART_W - 60) / BINS;
    char a[64], b[64];
    for (int i = 0; i < BINS; i++) {
        int h = (int)(count[i] * (CHART_H - 30) / most);
        format_money(rat_scaled(lo + i * width, 2), true, a, sizeof a);
        format_money(rat_scaled(lo + (i + 1) * width, 2), true, b, sizeof b);
        fprintf(out, "<rect class=\"bin\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s to %s: %ld employee%s</title></rect>\n",
                60 + i * bar, CHART_H - h, bar - 2, h, a, b, count[i], count[i] == 1 ? "" : "s");
    }
    format_money(rat_scaled(lo, 2), true, a, sizeof a);
    format_money(rat_scaled(hi, 2), true, b, sizeof b);
    fprintf(out, "<line x1=\"50\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", CHART_H, CHART_W, CHART_H);
    fprintf(out, "<text x=\"60\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", CHART_H + 18, a,
            CHART_W - 4, CHART_H + 18, b);
    fprintf(out, "<text x=\"50\" y=\"14\">employees by change in total pay (tallest bar: %ld)</text>\n", most);
    fputs("</svg><figcaption>Change in total pay per employee, ", out);
    fputs(r->baseline ? "proposal against baseline, over the years costed" : "from the first year to the last", out);
    fputs("</figcaption></figure>\n", out);
}

/* The settlement's rows of one proposal (its path in front when there are several). */
static void html_settlement(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal;
    char buf[128];
    if (n > 1) {
        fprintf(out, "<tr class=\"proposal\"><td colspan=\"%d\">", p->nyears + 1);
        esc(out, p->path);
        fputs("</td></tr>\n", out);
    }
    fputs("<tr class=\"total\"><td>total</td>", out);
    for (int y = 0; y < p->nyears; y++) {
        format_money(settlement(r, y), true, buf, sizeof buf);
        fprintf(out, "<td>%s</td>", buf);
    }
    fputs("</tr>\n<tr><td>percent of the baseline</td>", out);
    for (int y = 0; y < p->nyears; y++) {
        format_change_percent(settlement(r, y), baseline_total(r, y), buf, sizeof buf);
        fprintf(out, "<td>%s</td>", buf);
    }
    fputs("</tr>\n", out);
}

/* Who gains and loses under one proposal, and the largest changes. */
static void html_employees(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal;
    char buf[128];
    fputs("<p>", out);
    if (n > 1) {
        esc(out, p->path);
        fputs(": ", out);
    }
    fprintf(out, "%ld gain, %ld lose, %ld unchanged.</p>\n", r->gain, r->lose, r->same);
    if (r->ntop) {
        fputs("<table class=\"largest\">\n<thead><tr><th>employee</th><th>change</th></tr></thead>\n<tbody>\n", out);
        for (int i = 0; i < r->ntop; i++) {
            format_money(r->change[r->top[i]], true, buf, sizeof buf);
            fputs("<tr><td>", out);
            esc(out, p->ids[r->top[i]]);
            fprintf(out, "</td><td>%s</td></tr>\n", buf);
        }
        fputs("</tbody>\n</table>\n", out);
    }
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
    fputs("<h2>Where these figures come from</h2>\n<pre class=\"provenance\">", out);
    esc(out, text);
    fputs("</pre>\n", out);
    free(text);
}

void cost_print_html(const CostReport *reports, int n, const Provenance *pv, FILE *out)
{
    const CostReport *r = &reports[0];
    const Costing *p = r->proposal;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Cost of ", out);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", out);
        esc(out, reports[i].proposal->path);
    }
    fputs("</title>\n<style>\n"
          "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
          "table { border-collapse: collapse; margin: 1em 0; }\n"
          "th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }\n"
          "td:first-child { text-align: left; }\n"
          "tr.total td { font-weight: bold; }\n"
          "tr.change td { font-style: italic; }\n"
          "rect.proposal { fill: #1f4e79; } rect.baseline { fill: #9dc3e6; } rect.bin { fill: #548235; }\n"
          "svg text { font-size: 12px; }\n"
          "</style>\n</head>\n<body>\n<h1>Cost of ",
          out);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", out);
        esc(out, reports[i].proposal->path);
    }
    fputs("</h1>\n<p>Over ", out);
    esc(out, r->roster);
    fprintf(out, ": %ld employee%s, ", p->nemployees, p->nemployees == 1 ? "" : "s");
    esc(out, p->year[0]);
    fputs(" to ", out);
    esc(out, p->year[p->nyears - 1]);
    fputs(". Every figure is exact to the cent.</p>\n", out);
    for (int i = 0; i < n; i++)
        html_costing(reports[i].proposal, r->baseline ? "Proposal" : "Contract", out);
    if (r->baseline) {
        html_costing(r->baseline, "Baseline", out);
        fputs("<h2>Cost of the settlement (proposal &minus; baseline)</h2>\n<table class=\"settlement\">\n<thead><tr><th></th>", out);
        for (int y = 0; y < p->nyears; y++) {
            fputs("<th>", out);
            esc(out, p->year[y]);
            fputs("</th>", out);
        }
        fputs("</tr></thead>\n<tbody>", out);
        for (int i = 0; i < n; i++)
            html_settlement(&reports[i], n, out);
        fputs("</tbody>\n</table>\n", out);
    }
    fputs("<h2>Charts</h2>\n", out);
    for (int i = 0; i < n; i++) {
        chart_totals(&reports[i], out);
        chart_changes(&reports[i], out);
    }
    fputs("<h2>Per employee</h2>\n", out);
    for (int i = 0; i < n; i++)
        html_employees(&reports[i], n, out);
    if (pv)
        html_provenance(pv, out);
    fputs("</body>\n</html>\n", out);
}
