/* cost_comp_report.c: the total compensation of each costing, and of the
 * settlement, as rows (cost_comp_report.h) and in the text report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cost_comp_report.h"
#include "cost_report.h"
#include "format.h"

CompRow *comp_row_add(CompRows *r, const char *label, int depth, CompRowKind kind)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = xrealloc(r->v, sizeof(CompRow) * (size_t)r->cap);
    }
    CompRow *row = &r->v[r->n++];
    memset(row, 0, sizeof *row);
    snprintf(row->label, sizeof row->label, "%s", label);
    row->depth = depth;
    row->kind = kind;
    return row;
}

/* A row of money per year and over the term (from the year from on). */
static CompRow *add(CompRows *r, const char *label, int depth, CompRowKind kind, const Rat *v, int nyears, int from)
{
    CompRow *row = comp_row_add(r, label, depth, kind);
    for (int y = 0; y <= COMP_ALL; y++) {
        row->v[y] = v[y];
        row->has[y] = y == COMP_ALL || (y >= from && y < nyears);
    }
    return row;
}

/* Its parts: wages, one-time, roll-up and benefits each with their
 * definitions under them (those of c), and the total. */
static void parts(CompRows *r, const Costing *c, const Compensation *m, CompRowKind kind, bool items)
{
    add(r, "wages (recurring)", 0, kind, m->wages, c->nyears, 0);
    add(r, "one-time", 0, kind, m->one_time, c->nyears, 0);
    for (CostKind k = COST_ROLL_UP; k <= COST_BENEFIT; k++) {
        add(r, k == COST_ROLL_UP ? "roll-up" : "benefits", 0, kind, k == COST_ROLL_UP ? m->roll_up : m->benefits, c->nyears, 0);
        for (int i = 0; items && i < c->ncomp; i++) {
            if (c->comp[i].cost != k)
                continue;
            Rat v[COMP_ALL + 1];
            v[COMP_ALL] = rat_int(0);
            for (int y = 0; y < c->nyears; y++) {
                v[y] = c->comp[i].sum[y];
                rat_add(v[COMP_ALL], v[y], &v[COMP_ALL]);
            }
            add(r, c->comp[i].name, 1, kind, v, c->nyears, 0)->cite = c->comp[i].cite;
        }
    }
    add(r, "total compensation", 0, kind, m->total, c->nyears, 0)->total = true;
}

int comp_rows(const Costing *c, CompRow **out)
{
    Compensation m;
    EngineError e;
    CompRows r = {0};
    if (!cost_compensation(c, &m, &e))
        return -1;
    parts(&r, c, &m, COMP_MONEY, true);
    if (c->nyears > 1) {
        char label[96];
        snprintf(label, sizeof label, "percent of %s", c->year[0]);
        add(&r, "increase over last year", 0, COMP_CHANGE, m.increase, c->nyears, 1);
        if (m.has_base)
            add(&r, label, 1, COMP_SHARE, m.increase_share, c->nyears, 1);
        char over[96];
        snprintf(over, sizeof over, "increase over %s", c->year[0]);
        add(&r, over, 0, COMP_CHANGE, m.over_base, c->nyears, 1);
        if (m.has_base)
            add(&r, label, 1, COMP_SHARE, m.over_base_share, c->nyears, 1);
    }
    *out = r.v;
    return r.n;
}

int comp_change_rows(const Costing *p, const Costing *b, CompRow **out)
{
    Compensation mp, mb, d;
    EngineError e;
    CompRows r = {0};
    if (!cost_compensation(p, &mp, &e) || !cost_compensation(b, &mb, &e) || !cost_compensation_change(&mp, &mb, &d, &e))
        return -1;
    parts(&r, p, &d, COMP_CHANGE, false);
    CompRow *pct = add(&r, "percent of the baseline", 0, COMP_SHARE, d.total, p->nyears, 0);
    for (int y = 0; y <= COMP_ALL; y++)
        pct->has[y] = pct->has[y] && !rat_is_zero(mb.total[y]) && rat_div(d.total[y], mb.total[y], &pct->v[y]) == RAT_OK;
    *out = r.v;
    return r.n;
}

bool comp_in_report(const CostReport *reports, int n)
{
    bool any = reports[0].baseline && cost_has_comp(reports[0].baseline);
    for (int i = 0; i < n; i++)
        any |= cost_has_comp(reports[i].proposal);
    return any;
}

/* Hours grouped as money is, without the dollar: "305,993.78". */
static void hours_cell(Rat v, char *buf, size_t cap)
{
    char *dollar;
    if (format_money(v, false, buf, cap) && (dollar = strchr(buf, '$')))
        memmove(dollar, dollar + 1, strlen(dollar));
}

void comp_cell(const CompRow *r, int at, char *buf, size_t cap)
{
    if (!r->has[at])
        buf[0] = '\0';
    else if (r->kind == COMP_SHARE)
        format_change_percent(r->v[at], rat_int(1), buf, cap);
    else if (r->kind == COMP_COUNT)
        buf[rat_format_fixed(r->v[at], 0, ROUND_HALF_UP, buf, cap - 1)] = '\0';
    else if (r->kind == COMP_HOURS)
        hours_cell(r->v[at], buf, cap);
    else
        format_money(r->v[at], r->kind == COMP_CHANGE, buf, cap);
}

/* ---- text ---- */

static void text_rows(const CompRow *rows, int n, int nyears, FILE *out)
{
    char buf[64];
    for (int i = 0; i < n; i++) {
        int indent = 2 + 2 * rows[i].depth;
        fprintf(out, "\n%*s%-*s", indent, "", 28 - indent, rows[i].label);
        for (int y = 0; y < nyears; y++) {
            comp_cell(&rows[i], y, buf, sizeof buf);
            fprintf(out, " %22s", buf);
        }
        comp_cell(&rows[i], COMP_ALL, buf, sizeof buf);
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

static void text_comp(const Costing *c, const char *title, FILE *out)
{
    CompRow *rows = NULL;
    int n = comp_rows(c, &rows);
    fprintf(out, "total compensation, %s: %s\n", title, c->path);
    if (n < 0) {
        fputs("  a sum is too large\n\n", out);
        return;
    }
    heads(c, out);
    text_rows(rows, n, c->nyears, out);
    fputs("\n\n", out);
    free(rows);
}

/* The settlement in total compensation: proposal - baseline. */
static void text_comp_change(const CostReport *r, int n, FILE *out)
{
    const Costing *p = r->proposal, *b = r->baseline;
    if (n > 1)
        fprintf(out, "\nproposal: %s", p->path);
    if (!cost_has_comp(b) || !cost_has_comp(p)) {
        fprintf(out, "\n  %s declares no roll-up or benefit: no settlement in total compensation", cost_has_comp(b) ? p->path : b->path);
        return;
    }
    CompRow *rows = NULL;
    int k = comp_change_rows(p, b, &rows);
    if (k < 0)
        fputs("\n  a sum is too large", out);
    else
        text_rows(rows, k, p->nyears, out);
    free(rows);
}

void cost_print_comp_text(const CostReport *reports, int n, FILE *out)
{
    const CostReport *r = &reports[0];
    if (!comp_in_report(reports, n))
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
