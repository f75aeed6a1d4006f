/* cost_rows.c: a costing as CSV or JSON Lines rows (cost_rows.h). */
#include "cost_rows.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cost_comp_report.h"
#include "cost_figure_rows.h"
#include "format.h"
#include "output.h"

static const Type money_type = {.kind = TY_MONEY};

/* A column of figures, and an exact figure as the rows write it
 * ("-125.70", "369142580/50654569"). */
static bool figure_column(const char *key)
{
    return !strcmp(key, "value") || !strcmp(key, "old") || !strcmp(key, "new") || !strcmp(key, "change");
}

static bool is_figure(const char *s)
{
    s += *s == '-';
    if (!*s)
        return false;
    for (; *s; s++)
        if (!(*s >= '0' && *s <= '9') && *s != '.' && *s != '/')
            return false;
    return true;
}

/* One row of n named fields.  A figure is written as it is: the formula
 * guard is for text, and a leading ' would make -125.70 text. */
static void row(RowsFormat f, const char *const *keys, const char *const *vals, int n, FILE *out)
{
    if (f == ROWS_CSV) {
        for (int i = 0; i < n; i++) {
            if (i)
                fputc(',', out);
            if (figure_column(keys[i]) && is_figure(vals[i]))
                fputs(vals[i], out);
            else
                csv_write_field(out, vals[i], strlen(vals[i]));
        }
        fputc('\n', out);
        return;
    }
    fputc('{', out);
    for (int i = 0; i < n; i++) {
        fprintf(out, "%s\"%s\":", i ? "," : "", keys[i]);
        format_json_string(out, vals[i], strlen(vals[i]));
    }
    fputs("}\n", out);
}

static void head(RowsFormat f, const char *const *keys, int n, const Provenance *pv, FILE *out)
{
    if (f == ROWS_CSV) {
        provenance_lines(pv, "# ", out);
        for (int i = 0; i < n; i++)
            fprintf(out, "%s%s", i ? "," : "", keys[i]);
        fputc('\n', out);
    } else {
        fputs("{\"provenance\":", out);
        provenance_json(pv, out);
        fputs("}\n", out);
    }
}

static const char *amount(Rat r, char *buf, size_t cap)
{
    size_t n = format_value((Value){.num = r}, money_type, NULL, buf, cap);
    buf[n < cap ? n : cap - 1] = '\0';
    return buf;
}

static const char *const cost_keys[] = {"role", "contract", "year", "item", "group", "value"};

/* With --unit, the unit the rows are of: a first column (see cost_print_unit_rows). */
static const char *rows_unit;
static const char *const unit_keys[] = {"unit", "role", "contract", "year", "item", "group", "value"};

static void cost_row(RowsFormat f, const char *role, const char *contract, const char *year, const char *item, const char *group,
                     const char *value, FILE *out)
{
    const char *v[] = {rows_unit, role, contract, year, item, group, value};
    if (rows_unit)
        row(f, unit_keys, v, 7, out);
    else
        row(f, cost_keys, v + 1, 6, out);
}

static void costing_rows(const Costing *c, const char *role, RowsFormat f, FILE *out)
{
    char buf[128];
    for (int y = 0; y < c->nyears; y++) {
        snprintf(buf, sizeof buf, "%ld", c->headcount[y]);
        cost_row(f, role, c->path, c->year[y], "headcount", "", buf, out);
        if (c->has_fte) {
            size_t n = rat_format_exact(c->fte[y], 0, buf, sizeof buf);
            buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
            cost_row(f, role, c->path, c->year[y], "FTE", "", buf, out);
        }
        for (int i = 0; i < c->nlines; i++)
            cost_row(f, role, c->path, c->year[y], c->lines[i].name, "", amount(c->lines[i].sum[y], buf, sizeof buf), out);
        for (int g = 0; g < c->ngroups; g++)
            cost_row(f, role, c->path, c->year[y], c->lines[c->total_line].name, c->group_key[g],
                     amount(c->group_total[g * c->nyears + y], buf, sizeof buf), out);
    }
}

/* The settlement of one proposal, by year and over all years. */
static void settlement_rows(const CostReport *r, RowsFormat f, FILE *out)
{
    const Costing *p = r->proposal, *b = r->baseline;
    const char *total = p->lines[p->total_line].name;
    char buf[128];
    Rat all = rat_int(0);
    for (int y = 0; y < p->nyears; y++) {
        Rat d;
        rat_sub(p->lines[p->total_line].sum[y], b->lines[b->total_line].sum[y], &d);
        rat_add(all, d, &all);
        cost_row(f, "settlement", p->path, p->year[y], total, "", amount(d, buf, sizeof buf), out);
    }
    cost_row(f, "settlement", p->path, "all years", total, "", amount(all, buf, sizeof buf), out);
    if (!p->ngroups)
        return;
    Rat *change = xrealloc(NULL, sizeof(Rat) * (size_t)p->ngroups * (size_t)p->nyears);
    EngineError e;
    if (cost_group_change(r, change, &e))
        for (int g = 0; g < p->ngroups; g++)
            for (int y = 0; y < p->nyears; y++)
                cost_row(f, "settlement", p->path, p->year[y], total, p->group_key[g], amount(change[g * p->nyears + y], buf, sizeof buf),
                         out);
    free(change);
}

/* Total compensation's rows (cost_comp_report.h), item by item: a row
 * under another is named after it ("increase over last year, percent of
 * 2024-25"); a percent is exact ("7.29...", or a fraction). */
static void comp_out(const CompRow *rows, int k, const Costing *c, const char *role, RowsFormat f, FILE *out)
{
    const char *parent = "";
    char item[256], buf[128];
    for (int i = 0; i < k; i++) {
        if (rows[i].depth == 0)
            parent = rows[i].label;
        snprintf(item, sizeof item, "%s%s%s", rows[i].kind == COMP_SHARE && rows[i].depth ? parent : "",
                 rows[i].kind == COMP_SHARE && rows[i].depth ? ", " : "", rows[i].label);
        for (int y = 0; y <= c->nyears; y++) {
            int at = y < c->nyears ? y : COMP_ALL;
            if (!rows[i].has[at])
                continue;
            Rat pct;
            if (rows[i].kind == COMP_COUNT || rows[i].kind == COMP_HOURS) {
                size_t len = rat_format_exact(rows[i].v[at], 0, buf, sizeof buf);
                buf[len < sizeof buf ? len : sizeof buf - 1] = '\0';
            } else if (rows[i].kind != COMP_SHARE)
                amount(rows[i].v[at], buf, sizeof buf);
            else if (rat_mul(rows[i].v[at], rat_int(100), &pct) == RAT_OK) {
                size_t len = rat_format_exact(pct, 0, buf, sizeof buf);
                buf[len < sizeof buf ? len : sizeof buf - 1] = '\0';
            } else
                continue;
            cost_row(f, role, c->path, y < c->nyears ? c->year[y] : "all years", item, "", buf, out);
        }
    }
}

static void comp_rows_of(const CostReport *reports, int n, RowsFormat f, FILE *out)
{
    const CostReport *r = &reports[0];
    if (!comp_in_report(reports, n))
        return;
    for (int i = 0; i <= n; i++) {
        const Costing *c = i < n ? reports[i].proposal : r->baseline;
        CompRow *rows = NULL;
        int k = c ? comp_rows(c, &rows) : -1;
        if (k >= 0)
            comp_out(rows, k, c, i == n ? "baseline" : r->baseline ? "proposal" : "contract", f, out);
        free(rows);
    }
    for (int i = 0; r->baseline && i < n; i++) {
        const Costing *p = reports[i].proposal;
        CompRow *rows = NULL;
        int k = cost_has_comp(p) && cost_has_comp(r->baseline) ? comp_change_rows(p, r->baseline, &rows) : -1;
        if (k >= 0)
            comp_out(rows, k, p, "settlement", f, out);
        free(rows);
    }
}

/* The standard figures of each costing (cost_figure_rows.h), as total
 * compensation's rows are written. */
static void figure_rows_of(const CostReport *reports, int n, RowsFormat f, FILE *out)
{
    const CostReport *r = &reports[0];
    for (int i = 0; i <= n; i++) {
        const Costing *c = i < n ? reports[i].proposal : r->baseline;
        if (!c)
            break;
        CompRow *rows = NULL;
        int k = figure_rows(c, &rows);
        comp_out(rows, k, c, i == n ? "baseline" : r->baseline ? "proposal" : "contract", f, out);
        free(rows);
    }
}

/* Every row of a cost: each costing, the settlements, total compensation
 * and the standard figures. */
static void report_rows(const CostReport *reports, int n, RowsFormat f, FILE *out)
{
    for (int i = 0; i < n; i++)
        costing_rows(reports[i].proposal, reports[0].baseline ? "proposal" : "contract", f, out);
    if (reports[0].baseline) {
        costing_rows(reports[0].baseline, "baseline", f, out);
        for (int i = 0; i < n; i++)
            settlement_rows(&reports[i], f, out);
    }
    comp_rows_of(reports, n, f, out);
    figure_rows_of(reports, n, f, out);
}

void cost_print_rows(const CostReport *reports, int n, RowsFormat f, const Provenance *pv, FILE *out)
{
    head(f, cost_keys, 6, pv, out);
    report_rows(reports, n, f, out);
}

void cost_print_unit_head(RowsFormat f, const Provenance *pv, FILE *out)
{
    head(f, unit_keys, 7, pv, out);
}

void cost_print_unit_rows(const CostReport *reports, int n, const char *unit, RowsFormat f, FILE *out)
{
    rows_unit = unit;
    report_rows(reports, n, f, out);
    rows_unit = NULL;
}

void cost_print_unit_row(const char *unit, const char *role, const char *contract, const char *year, const char *item, Rat value,
                         bool count, RowsFormat f, FILE *out)
{
    char buf[128];
    if (count) {
        size_t n = rat_format_exact(value, 0, buf, sizeof buf);
        buf[n < sizeof buf ? n : sizeof buf - 1] = '\0';
    }
    rows_unit = unit;
    cost_row(f, role, contract, year, item, "", count ? buf : amount(value, buf, sizeof buf), out);
    rows_unit = NULL;
}

static const char *const year_keys[] = {"year", "item", "group", "old", "new", "change"};

static void year_row(RowsFormat f, const char *year, const char *item, const char *group, Rat old, Rat new, FILE *out)
{
    char a[128], b[128], c[128];
    Rat d;
    rat_sub(new, old, &d);
    const char *v[] = {year, item, group, amount(old, a, sizeof a), amount(new, b, sizeof b), amount(d, c, sizeof c)};
    row(f, year_keys, v, 6, out);
}

void year_cost_rows(const YearCost *yc, bool first, RowsFormat f, const Provenance *pv, FILE *out)
{
    const Costing *o = &yc->old, *n = &yc->new;
    if (first)
        head(f, year_keys, 6, pv, out);
    for (int i = 0; i < n->nlines; i++)
        year_row(f, n->year[0], n->lines[i].name, "", o->lines[i].sum[0], n->lines[i].sum[0], out);
    for (int g = 0; g < n->ngroups; g++) {
        Rat was = rat_int(0);
        for (int k = 0; k < o->ngroups; k++)
            if (!strcmp(o->group_key[k], n->group_key[g]))
                was = o->group_total[k];
        year_row(f, n->year[0], n->lines[n->total_line].name, n->group_key[g], was, n->group_total[g], out);
    }
}

/* ---- per employee ---- */

void employee_rows_begin(EmployeeRows *er, FILE *out, RowsFormat f, const RecordSchema *schema, const Provenance *pv)
{
    *er = (EmployeeRows){.out = out, .f = f};
    for (int i = 0; i < schema->nfields && er->nkeys < EMPLOYEE_KEYS; i++) {
        const FieldDef *fd = &schema->fields[i];
        TypeKind k = fd->type.kind;
        if ((k == TY_TEXT || k == TY_ENUM || k == TY_INTEGER) && strcmp(fd->name, "id") && strcmp(fd->name, "name"))
            er->key[er->nkeys++] = fd->name;
    }
    const char *keys[EMPLOYEE_KEYS + 8] = {"role", "contract", "id", "name"};
    int n = 4;
    for (int i = 0; i < er->nkeys; i++)
        keys[n++] = er->key[i];
    keys[n++] = "year";
    keys[n++] = "item";
    keys[n++] = "value";
    head(f, keys, n, pv, out);
}

/* The field of c's record called name, or -1. */
static int field_of(const RecordSchema *s, const char *name)
{
    for (int i = 0; i < s->nfields; i++)
        if (!strcmp(s->fields[i].name, name))
            return i;
    return -1;
}

static void employee_row(EmployeeRows *er, const char *role, const Costing *c, const char *contract, long e, int y, const Value *record,
                         const char *item, Rat value)
{
    static char text[EMPLOYEE_KEYS][128];
    const char *keys[EMPLOYEE_KEYS + 8] = {"role", "contract", "id", "name"};
    CostEmployee ce = cost_employee(c, e);
    const char *vals[EMPLOYEE_KEYS + 8] = {role, contract, ce.id, ce.name ? ce.name : ""};
    int n = 4;
    for (int i = 0; i < er->nkeys; i++) {
        int f = field_of(c->schema, er->key[i]);
        text[i][0] = '\0';
        if (f >= 0) {
            size_t len = format_value(record[f], c->schema->fields[f].type, c->schema->enums, text[i], sizeof text[i]);
            text[i][len < sizeof text[i] ? len : sizeof text[i] - 1] = '\0';
        }
        keys[n] = er->key[i];
        vals[n++] = text[i];
    }
    char buf[128];
    keys[n] = "year";
    vals[n++] = c->year[y];
    keys[n] = "item";
    vals[n++] = item;
    keys[n] = "value";
    vals[n++] = amount(value, buf, sizeof buf);
    row(er->f, keys, vals, n, er->out);
}

void employee_rows(void *ctx, const Costing *c, long e, int y, const Value *record, const Rat *values)
{
    EmployeeRows *er = ctx;
    for (int i = 0; i < c->nlines; i++)
        if (c->lines[i].present)
            employee_row(er, er->role, c, c->path, e, y, record, c->lines[i].name, values[i]);
    for (int k = 0; k < er->nproposals; k++) {
        const Costing *p = er->proposal[k];
        Rat d;
        if (e < p->nemployees && rat_sub(cost_employee(p, e).totals[y], values[c->total_line], &d) == RAT_OK)
            employee_row(er, "change", c, p->path, e, y, record, c->lines[c->total_line].name, d);
    }
}
