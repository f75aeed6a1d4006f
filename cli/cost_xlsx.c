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
#include "cost_report.h"
#include "output.h"

typedef struct {
    lxw_workbook *wb;
    lxw_format *money, *head, *bold_money, *fte, *percent;
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

static void costing_sheet(Book *b, const Costing *c, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)c->nyears, 18, NULL);
    worksheet_write_string(ws, 0, 0, c->path, b->head);
    for (int y = 0; y < c->nyears; y++)
        worksheet_write_string(ws, 0, (lxw_col_t)(y + 1), c->year[y], b->head);
    int row = 1;
    worksheet_write_string(ws, (lxw_row_t)row, 0, "headcount", NULL);
    for (int y = 0; y < c->nyears; y++)
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(y + 1), (double)c->headcount[y], NULL);
    row++;
    worksheet_write_string(ws, (lxw_row_t)row, 0, "FTE", NULL);
    for (int y = 0; y < c->nyears && c->has_fte; y++)
        number(ws, row, y + 1, c->fte[y], 3, b->fte);
    row++;
    for (int i = 0; i < c->nlines; i++, row++) {
        text(ws, row, 0, c->lines[i].name);
        for (int y = 0; y < c->nyears; y++)
            number(ws, row, y + 1, c->lines[i].sum[y], 2, i == c->total_line ? b->bold_money : b->money);
    }
    if (c->nyears > 1) {
        const char *names[] = {"increase over last year", "step and lane movement", "schedule increase"};
        for (int k = 0; k < 3; k++, row++) {
            worksheet_write_string(ws, (lxw_row_t)row, 0, names[k], NULL);
            for (int y = 1; y < c->nyears; y++) {
                Rat v = k == 1 ? c->movement[y] : c->schedule[y];
                if (k == 0)
                    rat_sub(c->lines[c->total_line].sum[y], c->lines[c->total_line].sum[y - 1], &v);
                number(ws, row, y + 1, v, 2, b->money);
            }
        }
    }
}

/* The settlement per year, a row and a percent row per proposal. */
static void settlement_sheet(Book *b, const CostReport *reports, int n)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Settlement");
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)p->nyears, 18, NULL);
    worksheet_write_string(ws, 0, 0, "proposal - baseline", b->head);
    for (int y = 0; y < p->nyears; y++)
        worksheet_write_string(ws, 0, (lxw_col_t)(y + 1), p->year[y], b->head);
    for (int i = 0; i < n; i++) {
        const Costing *pi = reports[i].proposal;
        int row = 1 + 2 * i;
        char label[512];
        snprintf(label, sizeof label, "%s%stotal", n > 1 ? pi->path : "", n > 1 ? ": " : "");
        text(ws, row, 0, label);
        snprintf(label, sizeof label, "%s%spercent of the baseline", n > 1 ? pi->path : "", n > 1 ? ": " : "");
        text(ws, row + 1, 0, label);
        for (int y = 0; y < p->nyears; y++) {
            Rat total = base->lines[base->total_line].sum[y], d, share;
            rat_sub(pi->lines[pi->total_line].sum[y], total, &d);
            number(ws, row, y + 1, d, 2, b->bold_money);
            if (!rat_is_zero(total) && rat_div(d, total, &share) == RAT_OK)
                number(ws, row + 1, y + 1, share, 6, b->percent);
        }
    }
}

enum { SHEET_ROWS = 1048576 };   /* Excel's rows per sheet, the header's included */

/* The header of an Employees sheet: id, name, and a column per year and
 * proposal (and the baseline), then the change per proposal. */
static lxw_worksheet *employees_head(Book *b, const CostReport *reports, int n, int part)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    char h[512];
    if (part)
        snprintf(h, sizeof h, "Employees %d", part + 1);
    else
        snprintf(h, sizeof h, "Employees");
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, h);
    worksheet_set_column(ws, 0, 1, 20, NULL);
    worksheet_set_column(ws, 2, (lxw_col_t)(p->nyears * (n + 1) + n + 2), 16, NULL);
    worksheet_write_string(ws, 0, 0, "id", b->head);
    worksheet_write_string(ws, 0, 1, "name", b->head);
    int col = 2;
    for (int y = 0; y < p->nyears; y++) {
        for (int i = 0; i < n; i++) {
            if (n > 1)
                snprintf(h, sizeof h, "%s %s", reports[i].proposal->path, p->year[y]);
            else
                snprintf(h, sizeof h, "%s %s", base ? "proposal" : "total", p->year[y]);
            worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
        }
        if (base) {
            snprintf(h, sizeof h, "baseline %s", p->year[y]);
            worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
        }
    }
    for (int i = 0; i < n; i++) {
        snprintf(h, sizeof h, "change%s%s", n > 1 ? ", " : "", n > 1 ? reports[i].proposal->path : "");
        worksheet_write_string(ws, 0, (lxw_col_t)col++, h, b->head);
    }
    return ws;
}

/* Each employee's total per year under each proposal (and the baseline),
 * and the change; past a sheet's rows, on further sheets ("Employees 2",
 * ...), so that none is dropped. */
static void employees_sheet(Book *b, const CostReport *reports, int n)
{
    const Costing *p = reports[0].proposal, *base = reports[0].baseline;
    lxw_worksheet *ws = NULL;
    for (long e = 0; e < p->nemployees; e++) {
        long at = e % (SHEET_ROWS - 1);
        if (at == 0)
            ws = employees_head(b, reports, n, (int)(e / (SHEET_ROWS - 1)));
        int row = (int)at + 1;
        text(ws, row, 0, p->ids[e]);
        if (p->names)
            text(ws, row, 1, p->names[e]);
        int col = 2;
        for (int y = 0; y < p->nyears; y++) {
            for (int i = 0; i < n; i++)
                number(ws, row, col++, reports[i].proposal->totals[e * p->nyears + y], 2, b->money);
            if (base)
                number(ws, row, col++, base->totals[e * base->nyears + y], 2, b->money);
        }
        for (int i = 0; i < n; i++)
            number(ws, row, col++, reports[i].change[e], 2, b->money);
    }
    if (!ws)
        employees_head(b, reports, n, 0);
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
    char title[512];
    snprintf(title, sizeof title, "Cost of %s", reports[0].proposal->path);
    lxw_doc_properties props = {.title = title, .comments = text, .keywords = "terms cost"};
    workbook_set_properties(b->wb, &props);
    b->props = text; /* freed when the workbook is closed */
}

bool cost_write_xlsx(const CostReport *reports, int n, const Provenance *pv, Target *t)
{
    char err[TARGET_PATH + 256];
    const char *file = target_open_file(t, err, sizeof err);
    if (!file) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    Book b = {.wb = workbook_new(file)};
    if (!b.wb) {
        fprintf(stderr, "terms: cannot write %s\n", target_label(t));
        target_commit(t, false, NULL, 0);
        return false;
    }
    b.money = workbook_add_format(b.wb);
    format_set_num_format(b.money, "$#,##0.00;-$#,##0.00");
    b.bold_money = workbook_add_format(b.wb);
    format_set_num_format(b.bold_money, "$#,##0.00;-$#,##0.00");
    format_set_bold(b.bold_money);
    b.head = workbook_add_format(b.wb);
    format_set_bold(b.head);
    b.fte = workbook_add_format(b.wb);
    format_set_num_format(b.fte, "0.000");
    b.percent = workbook_add_format(b.wb);
    format_set_num_format(b.percent, "0.00%");

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
    employees_sheet(&b, reports, n);
    lxw_error status = workbook_close(b.wb);
    free(b.props);
    if (status != LXW_NO_ERROR)
        snprintf(err, sizeof err, "cannot write %s: %s", target_label(t), lxw_strerror(status));
    if (!target_commit(t, status == LXW_NO_ERROR, err, sizeof err)) {
        fprintf(stderr, "terms: %s\n", err);
        return false;
    }
    return true;
}
