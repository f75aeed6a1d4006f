/* cost_comp_report.c: the total compensation of each costing, and of the
 * settlement, in the text report (engine/cost_comp.h computes them). */
#include <stdio.h>

#include "cost_comp.h"
#include "cost_report.h"
#include "format.h"

/* A row of money per year and over the term; from: the first year shown. */
static void money_row(const char *label, int indent, const Rat *v, int nyears, int from, bool sign, FILE *out)
{
    char buf[64];
    fprintf(out, "\n%*s%-*s", indent, "", 28 - indent, label);
    for (int y = 0; y < nyears; y++) {
        if (y < from)
            buf[0] = '\0';
        else
            format_money(v[y], sign, buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
    format_money(v[COMP_ALL], sign, buf, sizeof buf);
    fprintf(out, " %22s", buf);
}

/* A row of shares as percents to 2 decimals, rounded half up. */
static void share_row(const char *label, const Rat *v, int nyears, FILE *out)
{
    char buf[64];
    fprintf(out, "\n    %-24s %22s", label, "");
    for (int y = 1; y <= nyears; y++) {
        format_change_percent(v[y < nyears ? y : COMP_ALL], rat_int(1), buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
}

static void heads(const Costing *c, FILE *out)
{
    fprintf(out, "  %-26s", "");
    for (int y = 0; y < c->nyears; y++)
        fprintf(out, " %22s", c->year[y]);
    fprintf(out, " %22s", "all years");
}

/* Its parts: wages, one-time, each roll-up and benefit, the total. */
static void parts(const Costing *c, const Compensation *m, bool sign, FILE *out)
{
    money_row("wages (recurring)", 2, m->wages, c->nyears, 0, sign, out);
    money_row("one-time", 2, m->one_time, c->nyears, 0, sign, out);
    for (CostKind k = COST_ROLL_UP; k <= COST_BENEFIT; k++) {
        money_row(k == COST_ROLL_UP ? "roll-up" : "benefits", 2, k == COST_ROLL_UP ? m->roll_up : m->benefits, c->nyears, 0, sign,
                  out);
        for (int i = 0; i < c->ncomp; i++) {
            if (c->comp[i].cost != k)
                continue;
            Rat v[COMP_ALL + 1];
            v[COMP_ALL] = rat_int(0);
            for (int y = 0; y < c->nyears; y++) {
                v[y] = c->comp[i].sum[y];
                rat_add(v[COMP_ALL], v[y], &v[COMP_ALL]);
            }
            if (!sign)
                money_row(c->comp[i].name, 4, v, c->nyears, 0, sign, out);
        }
    }
    money_row("total compensation", 2, m->total, c->nyears, 0, sign, out);
}

/* "percent of 2024-25" */
static const char *base_label(char *buf, size_t cap, const Costing *c)
{
    snprintf(buf, cap, "percent of %s", c->year[0]);
    return buf;
}

static void text_comp(const Costing *c, const char *title, FILE *out)
{
    Compensation m;
    EngineError e;
    if (!cost_compensation(c, &m, &e)) {
        fprintf(out, "total compensation, %s %s: a sum is too large\n\n", title, c->path);
        return;
    }
    fprintf(out, "total compensation, %s: %s\n", title, c->path);
    heads(c, out);
    parts(c, &m, false, out);
    if (c->nyears > 1) {
        char label[96];
        money_row("increase over last year", 2, m.increase, c->nyears, 1, true, out);
        if (m.has_base)
            share_row(base_label(label, sizeof label, c), m.increase_share, c->nyears, out);
        snprintf(label, sizeof label, "increase over %s", c->year[0]);
        money_row(label, 2, m.over_base, c->nyears, 1, true, out);
        if (m.has_base)
            share_row(base_label(label, sizeof label, c), m.over_base_share, c->nyears, out);
    }
    fputs("\n\n", out);
}

/* The settlement in total compensation: proposal - baseline. */
static void text_comp_change(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal, *b = r->baseline;
    if (n > 1)
        fprintf(out, "\nproposal: %s", p->path);
    if (!cost_has_comp(b) || !cost_has_comp(p)) {
        fprintf(out, "\n  %s declares no roll-up or benefit: no settlement in total compensation",
                cost_has_comp(b) ? p->path : b->path);
        return;
    }
    Compensation mp, mb, d;
    EngineError e;
    if (!cost_compensation(p, &mp, &e) || !cost_compensation(b, &mb, &e) || !cost_compensation_change(&mp, &mb, &d, &e)) {
        fprintf(out, "\n  a sum is too large");
        return;
    }
    parts(p, &d, true, out);
    char buf[64];
    fprintf(out, "\n  %-26s", "percent of the baseline");
    for (int y = 0; y <= p->nyears; y++) {
        int at = y < p->nyears ? y : COMP_ALL;
        format_change_percent(d.total[at], mb.total[at], buf, sizeof buf);
        fprintf(out, " %22s", buf);
    }
}

void cost_print_comp_text(const CostReport *reports, int n, FILE *out)
{
    const CostReport *r = &reports[0];
    bool any = r->baseline && cost_has_comp(r->baseline);
    for (int i = 0; i < n; i++)
        any |= cost_has_comp(reports[i].proposal);
    if (!any)
        return;
    for (int i = 0; i < n; i++)
        text_comp(reports[i].proposal, r->baseline ? "proposal" : "contract", out);
    if (!r->baseline)
        return;
    text_comp(r->baseline, "baseline", out);
    fprintf(out, "total compensation of the settlement (proposal - baseline):\n");
    heads(r->proposal, out);
    for (int i = 0; i < n; i++)
        text_comp_change(&reports[i], n, out);
    fputs("\n\n", out);
}
