/* cost_xlsx.c: a costing as an Excel workbook (libxlsxwriter), one sheet
 * per table, figures as numbers in currency format.
 *
 * A spreadsheet number is a binary double, so this is the one place a
 * figure becomes one: each is converted once, from its exact decimal text
 * (to the cent), to the nearest double, which a spreadsheet shows to the
 * cent exactly as computed.  Totals are the exact sums, not formulas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "alloc.h"
#include "cost_district.h"
#include "cost_report.h"
#include "cost_comp_report.h"
#include "cost_figure_rows.h"
#include "output.h"

/* An XLSX sheet's rows (Excel's limit), the heads' row included */
#ifndef XLSX_ROWS
#define XLSX_ROWS 1048576
#endif

typedef struct {
    lxw_workbook *wb;
    lxw_format *money, *head, *bold_money, *fte, *percent, *hours;
    char *props;            /* the properties' text, kept until the workbook is written */
} Book;

static void number(lxw_worksheet *ws, int row, int col, Rat r, int places, lxw_format *f)
{
    char buf[64];
    size_t n = rat_format_fixed(r, places, ROUND_HALF_UP, buf, sizeof buf - 1);
    buf[n] = '\0';
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, strtod(buf, NULL), f);
}

/* Text that is formula_like gets a leading ', as in CSV output, so that
 * it stays text wherever the cell is copied. */
static void text(lxw_worksheet *ws, int row, int col, const char *s)
{
    if (formula_like(s, strlen(s))) {
        size_t n = strlen(s) + 2;
        char *guarded = xmalloc(n);
        snprintf(guarded, n, "'%s", s);
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, guarded, NULL);
        free(guarded);
        return;
    }
    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, NULL);
}

/* A line as the HTML report labels it: "Contract salary (Art. VI §2)". */
static void line_label(lxw_worksheet *ws, int row, const CostLine *l)
{
    size_t n = strlen(l->name) + (l->cite ? strlen(l->cite) + 3 : 0) + 1;
    char *label = xmalloc(n);
    snprintf(label, n, "%s%s%s%s", l->name, l->cite ? " (" : "", l->cite ? l->cite : "", l->cite ? ")" : "");
    if (label[0] >= 'a' && label[0] <= 'z')
        label[0] = (char)(label[0] - 'a' + 'A');
    for (char *c = label; *c && *c != '('; c++)
        if (*c == '_')
            *c = ' ';
    text(ws, row, 0, label);
    free(label);
}

/* The heads: a title in A1, then the years, then "All years". */
static void year_heads(Book *b, lxw_worksheet *ws, const Costing *c, const char *title)
{
    worksheet_set_column(ws, 0, 0, 40, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(c->nyears + 1), 18, NULL);
    worksheet_write_string(ws, 0, 0, title, b->head);
    for (int y = 0; y < c->nyears; y++)
        worksheet_write_string(ws, 0, (lxw_col_t)(y + 1), c->year[y], b->head);
    if (c->nyears > 1)
        worksheet_write_string(ws, 0, (lxw_col_t)(c->nyears + 1), "All years", b->head);
    worksheet_freeze_panes(ws, 1, 1);
}

static void figures_block(Book *b, lxw_worksheet *ws, int row, const Costing *c);

static void costing_sheet(Book *b, const Costing *c, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    year_heads(b, ws, c, c->path);
    int row = 1;
    worksheet_write_string(ws, (lxw_row_t)row, 0, "Headcount", NULL);
    for (int y = 0; y < c->nyears; y++)
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(y + 1), (double)c->headcount[y], NULL);
    row++;
    worksheet_write_string(ws, (lxw_row_t)row, 0, "FTE", NULL);
    for (int y = 0; y < c->nyears && c->has_fte; y++)
        number(ws, row, y + 1, c->fte[y], 3, b->fte);
    row++;
    for (int i = 0; i < c->nlines; i++, row++) {
        line_label(ws, row, &c->lines[i]);
        Rat all = rat_int(0);
        lxw_format *f = i == c->total_line ? b->bold_money : b->money;
        for (int y = 0; y < c->nyears; y++) {
            number(ws, row, y + 1, c->lines[i].sum[y], 2, f);
            rat_add(all, c->lines[i].sum[y], &all);
        }
        if (c->nyears > 1)
            number(ws, row, c->nyears + 1, all, 2, b->bold_money);
    }
    if (c->nyears > 1) {
        const char *names[] = {"Increase over last year", "Step and lane movement", "Increase in terms"};
        for (int k = 0; k < 3; k++, row++) {
            worksheet_write_string(ws, (lxw_row_t)row, 0, names[k], NULL);
            Rat all = rat_int(0);
            for (int y = 1; y < c->nyears; y++) {
                Rat v = k == 1 ? c->movement[y] : c->schedule[y];
                if (k == 0)
                    rat_sub(c->lines[c->total_line].sum[y], c->lines[c->total_line].sum[y - 1], &v);
                number(ws, row, y + 1, v, 2, b->money);
                rat_add(all, v, &all);
            }
            number(ws, row, c->nyears + 1, all, 2, b->bold_money);
        }
    }
    figures_block(b, ws, row + 1, c);
}

/* The settlement per year and over all years, a row and a percent row per proposal. */
static void settlement_sheet(Book *b, const CostReport *reports, int n)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Settlement");
    year_heads(b, ws, p, "Proposal - baseline");
    for (int i = 0; i < n; i++) {
        const Costing *pi = reports[i].proposal;
        int row = 1 + 2 * i;
        char label[512];
        snprintf(label, sizeof label, "%s%sTotal pay", n > 1 ? pi->path : "", n > 1 ? ": " : "");
        text(ws, row, 0, label);
        snprintf(label, sizeof label, "%s%sPercent of the baseline", n > 1 ? pi->path : "", n > 1 ? ": " : "");
        text(ws, row + 1, 0, label);
        Rat all = rat_int(0), all_base = rat_int(0), share;
        for (int y = 0; y < p->nyears && y < base->nyears; y++) {
            Rat was = base->lines[base->total_line].sum[y], d;
            rat_sub(pi->lines[pi->total_line].sum[y], was, &d);
            number(ws, row, y + 1, d, 2, b->bold_money);
            if (!rat_is_zero(was) && rat_div(d, was, &share) == RAT_OK)
                number(ws, row + 1, y + 1, share, 6, b->percent);
            rat_add(all, d, &all);
            rat_add(all_base, was, &all_base);
        }
        if (p->nyears > 1) {
            number(ws, row, p->nyears + 1, all, 2, b->bold_money);
            if (!rat_is_zero(all_base) && rat_div(all, all_base, &share) == RAT_OK)
                number(ws, row + 1, p->nyears + 1, share, 6, b->percent);
        }
    }
}

/* Rows of total compensation from row on: a title, then each row, its
 * label indented under the one above it.  Returns the next row. */
static int comp_block(Book *b, lxw_worksheet *ws, int row, const char *title, const CompRow *rows, int k, int nyears)
{
    text(ws, row++, 0, title);
    for (int i = 0; i < k; i++, row++) {
        char label[128];
        snprintf(label, sizeof label, "%*s%s", 2 * rows[i].depth, "", rows[i].label);
        text(ws, row, 0, label);
        for (int y = 0; y <= nyears; y++) {
            int at = y < nyears ? y : COMP_ALL;
            if (!rows[i].has[at] || (y == nyears && nyears < 2))
                continue;
            if (rows[i].kind == COMP_SHARE)
                number(ws, row, y + 1, rows[i].v[at], 6, b->percent);
            else if (rows[i].kind == COMP_HOURS)
                number(ws, row, y + 1, rows[i].v[at], 2, b->hours);
            else if (rows[i].kind == COMP_COUNT)
                number(ws, row, y + 1, rows[i].v[at], 0, NULL);
            else
                number(ws, row, y + 1, rows[i].v[at], 2, rows[i].total || y == nyears ? b->bold_money : b->money);
        }
    }
    return row + 1;
}

/* The standard figures (cost_figure_rows.h) from row on, under a title. */
static void figures_block(Book *b, lxw_worksheet *ws, int row, const Costing *c)
{
    CompRow *rows = NULL;
    int k = figure_rows(c, &rows);
    for (int i = 0; i < k; i++) /* as the lines are labelled: "Value of 1% of contract salary" */
        for (char *l = rows[i].label; *l; l++)
            *l = l == rows[i].label && *l >= 'a' && *l <= 'z' ? (char)(*l - 'a' + 'A') : *l == '_' ? ' ' : *l;
    comp_block(b, ws, row, "Standard figures", rows, k, c->nyears);
    free(rows);
}

/* Total compensation: each costing's, then the settlement's. */
static void comp_sheet(Book *b, const CostReport *reports, int n)
{
    const CostReport *r = &reports[0];
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Total compensation");
    year_heads(b, ws, r->proposal, "Total compensation");
    int row = 1;
    char title[512];
    for (int i = 0; i <= n; i++) {
        const Costing *c = i < n ? reports[i].proposal : r->baseline;
        if (!c)
            break;
        CompRow *rows = NULL;
        int k = comp_rows(c, &rows);
        snprintf(title, sizeof title, "%s: %s", i == n ? "Baseline" : r->baseline ? "Proposal" : "Contract", c->path);
        row = comp_block(b, ws, row, title, rows, k < 0 ? 0 : k, c->nyears);
        free(rows);
    }
    for (int i = 0; r->baseline && i < n; i++) {
        const Costing *p = reports[i].proposal;
        CompRow *rows = NULL;
        int k = cost_has_comp(p) && cost_has_comp(r->baseline) ? comp_change_rows(p, r->baseline, &rows) : -1;
        snprintf(title, sizeof title, "Settlement (proposal - baseline): %s%s", p->path,
                 k < 0 ? ": no roll-up or benefit on both sides" : "");
        row = comp_block(b, ws, row, title, rows, k < 0 ? 0 : k, p->nyears);
        free(rows);
    }
}

/* The heads of an Employees sheet: id, name, a column per year and
 * proposal (and the baseline), then the change per proposal; the heads
 * and ids frozen.  Returns the sheet and its last column in *last. */
static lxw_worksheet *employees_head(Book *b, const CostReport *reports, int n, int part, int *last)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    char h[512];
    if (part)
        snprintf(h, sizeof h, "Employees (%d)", part + 1);
    else
        snprintf(h, sizeof h, "Employees");
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, h);
    int col = 0;
    worksheet_write_string(ws, 0, (lxw_col_t)col++, "Id", b->head);
    if (p->named)
        worksheet_write_string(ws, 0, (lxw_col_t)col++, "Name", b->head);
    worksheet_set_column(ws, 0, 0, 14, NULL);
    if (p->named)
        worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_freeze_panes(ws, 1, (lxw_col_t)col);
    int first = col;
    for (int y = 0; y < p->nyears; y++) {
        for (int i = 0; i < n; i++) {
            if (n > 1)
                snprintf(h, sizeof h, "%s %s", reports[i].proposal->path, p->year[y]);
            else
                snprintf(h, sizeof h, "%s %s", base ? "Proposal" : "Total", p->year[y]);
            worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
        }
        if (base && y < base->nyears) {
            snprintf(h, sizeof h, "Baseline %s", p->year[y]);
            worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
        }
    }
    for (int i = 0; i < n; i++) {
        snprintf(h, sizeof h, "Change%s%s", n > 1 ? ", " : "", n > 1 ? reports[i].proposal->path : "");
        worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
    }
    worksheet_set_column(ws, (lxw_col_t)first, (lxw_col_t)(col - 1), 16, NULL);
    *last = col - 1;
    return ws;
}

/* Each employee's total per year under each proposal (and the baseline),
 * and the change, with a filter on the heads; past a sheet's rows, on
 * further sheets ("Employees (2)", ...), so that none is dropped.  These
 * sheets are written row by row in constant memory (their rows go to a
 * temporary file as they are written, their text inline, not shared), so
 * that the workbook's memory does not grow with the roster. */
static void employees_sheet(Book *b, const CostReport *reports, int n)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    lxw_worksheet *ws = NULL;
    int last = 0, row = 0;
    b->wb->options.constant_memory = LXW_TRUE; /* for the sheets added from here on */
    for (long e = 0; e < p->nemployees; e++) {
        long at = e % (XLSX_ROWS - 1);
        if (at == 0)
            ws = employees_head(b, reports, n, (int)(e / (XLSX_ROWS - 1)), &last);
        row = (int)at + 1;
        int col = 0;
        CostEmployee pe = cost_employee(p, e);
        text(ws, row, col++, pe.id);
        if (p->named)
            text(ws, row, col++, pe.name);
        for (int y = 0; y < p->nyears; y++) {
            for (int i = 0; i < n; i++)
                number(ws, row, col++, cost_employee(reports[i].proposal, e).totals[y], 2, b->money);
            if (base && y < base->nyears)
                number(ws, row, col++, cost_employee(base, e).totals[y], 2, b->money);
        }
        for (int i = 0; i < n; i++)
            number(ws, row, col++, cost_change(&reports[i], e), 2, b->money);
        if (at == XLSX_ROWS - 2 || e + 1 == p->nemployees)
            worksheet_autofilter(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)last);
    }
    if (!ws)
        employees_head(b, reports, n, 0, &last);
}

/* The inputs in the workbook's properties (its comments), to reproduce
 * its figures. */
static void book_provenance(Book *b, const CostReport *reports, const Provenance *pv)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return;
    provenance_lines(pv, "", mem);
    fclose(mem);
    const Costing *p = reports[0].proposal;
    lxw_doc_properties props = {.title = (char *)(p->title ? p->title : p->path), .subject = (char *)reports[0].roster,
                                .comments = text, .keywords = "terms cost"};
    workbook_set_properties(b->wb, &props);
    b->props = text; /* freed when the workbook is closed */
}

/* A new workbook at t's temporary file (libxlsxwriter's own temporary
 * files in $TMPDIR) with the formats every sheet uses; false, with the
 * message printed and t abandoned, if it cannot be made. */
static bool book_open(Book *b, Target *t)
{
    char err[TARGET_PATH + 256];
    const char *file = target_open_file(t, err, sizeof err);
    if (!file) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    const char *tmpdir = getenv("TMPDIR");
    lxw_workbook_options options = {.tmpdir = tmpdir && *tmpdir ? (char *)tmpdir : NULL};
    *b = (Book){.wb = workbook_new_opt(file, &options)};
    if (!b->wb) {
        fprintf(stderr, "terms: cannot write %s\n", target_label(t));
        target_commit(t, false, NULL, 0);
        return false;
    }
    b->money = workbook_add_format(b->wb);
    format_set_num_format(b->money, "$#,##0.00;-$#,##0.00");
    b->bold_money = workbook_add_format(b->wb);
    format_set_num_format(b->bold_money, "$#,##0.00;-$#,##0.00");
    format_set_bold(b->bold_money);
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    b->fte = workbook_add_format(b->wb);
    format_set_num_format(b->fte, "0.000");
    b->percent = workbook_add_format(b->wb);
    format_set_num_format(b->percent, "0.00%");
    b->hours = workbook_add_format(b->wb);
    format_set_num_format(b->hours, "#,##0.00");
    return true;
}

/* Writes the workbook and puts it in t's place; false, with the message
 * printed, if that fails. */
static bool book_close(Book *b, Target *t)
{
    char err[TARGET_PATH + 256];
    lxw_error status = workbook_close(b->wb);
    free(b->props);
    if (status != LXW_NO_ERROR)
        snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), lxw_strerror(status));
    if (!target_commit(t, status == LXW_NO_ERROR, err, sizeof err)) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    return true;
}

bool cost_write_xlsx(const CostReport *reports, int n, const Provenance *pv, Target *t)
{
    Book b;
    if (!book_open(&b, t))
        return false;

    if (pv)
        book_provenance(&b, reports, pv);
    const CostReport *r = &reports[0];
    for (int i = 0; i < n; i++) {
        char name[32];
        if (n > 1)
            snprintf(name, sizeof name, "Proposal %d", i + 1);
        else
            snprintf(name, sizeof name, "%s", r->baseline ? "Proposal" : "Contract");
        costing_sheet(&b, reports[i].proposal, name);
    }
    if (r->baseline) {
        costing_sheet(&b, r->baseline, "Baseline");
        settlement_sheet(&b, reports, n);
    }
    if (comp_in_report(reports, n))
        comp_sheet(&b, reports, n);
    employees_sheet(&b, reports, n);
    return book_close(&b, t);
}

/* ---- a district's units (cost_district.c) ---- */

/* A row of the District sheet: a label, the amounts by year and over the term. */
static void district_row(Book *b, lxw_worksheet *ws, int row, const DistrictCost *d, const char *label, const CostRow *r, bool bold)
{
    text(ws, row, 0, label);
    for (int y = 0; y <= d->nyears; y++)
        number(ws, row, y + 1, r->v[y], 2, bold || y == d->nyears ? b->bold_money : b->money);
}

/* The District sheet: each district proposal's units and total, the
 * baseline's, and the settlement's with its percent of the baseline. */
static void district_sheet(Book *b, const DistrictCost *d)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "District");
    worksheet_set_column(ws, 0, 0, 40, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(d->nyears + 1), 18, NULL);
    worksheet_write_string(ws, 0, 0, "District: total pay by unit", b->head);
    for (int y = 0; y < d->nyears; y++)
        worksheet_write_string(ws, 0, (lxw_col_t)(y + 1), d->year[y], b->head);
    worksheet_write_string(ws, 0, (lxw_col_t)(d->nyears + 1), "All years", b->head);
    worksheet_freeze_panes(ws, 1, 1);
    int np = d->nproposals, row = 1;
    char label[128];
    for (int part = 0; part < (d->has_baseline ? 3 : 1); part++)
        for (int k = 0; k < (part == 1 ? 1 : np); k++) {
            const char *what = part == 0 ? "Proposal" : part == 1 ? "Baseline" : "Settlement (proposal - baseline)";
            if (np > 1 && part != 1)
                snprintf(label, sizeof label, "%s %d", what, k + 1);
            else
                snprintf(label, sizeof label, "%s", what);
            worksheet_write_string(ws, (lxw_row_t)row++, 0, label, b->head);
            for (int u = 0; u <= d->nunits; u++) {
                const CostRow *r = part == 0 ? &d->proposal[u * np + k] : part == 1 ? &d->baseline[u] : &d->settlement[u * np + k];
                district_row(b, ws, row++, d, u < d->nunits ? d->units[u].name : "District", r, u == d->nunits);
            }
            if (part != 2)
                continue;
            text(ws, row, 0, "Percent of the baseline");
            for (int y = 0; y <= d->nyears; y++) {
                Rat share, was = d->baseline[d->nunits].v[y];
                if (!rat_is_zero(was) && rat_div(d->settlement[d->nunits * np + k].v[y], was, &share) == RAT_OK)
                    number(ws, row, y + 1, share, 6, b->percent);
            }
            row++;
        }
}

bool district_write_xlsx(const DistrictCost *d, const Provenance *pv, Target *t)
{
    Book b;
    if (!book_open(&b, t))
        return false;
    char title[DISTRICT_TITLE];
    district_title(d, title, sizeof title);
    if (pv)
        book_provenance(&b, d->units[0].reports, pv);
    lxw_doc_properties props = {.title = title, .comments = b.props, .keywords = "terms cost"};
    workbook_set_properties(b.wb, &props);
    district_sheet(&b, d);
    for (int u = 0; u < d->nunits; u++) {
        const CostUnit *unit = &d->units[u];
        char name[32];
        for (int i = 0; i < unit->nproposals; i++) {
            if (unit->nproposals > 1)
                snprintf(name, sizeof name, "%s Proposal %d", unit->name, i + 1);
            else
                snprintf(name, sizeof name, "%s %s", unit->name, unit->reports[0].baseline ? "Proposal" : "Contract");
            costing_sheet(&b, unit->reports[i].proposal, name);
        }
        if (unit->reports[0].baseline) {
            snprintf(name, sizeof name, "%s Baseline", unit->name);
            costing_sheet(&b, unit->reports[0].baseline, name);
        }
    }
    return book_close(&b, t);
}
