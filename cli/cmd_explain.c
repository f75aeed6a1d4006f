/* terms explain FILE ROSTER --id ID [--year Y] [--format text|json]
 *
 * For one employee, every output as a tree: the definition or component,
 * its citation and formula, the rules that applied and those that did not
 * (with the part of the condition that failed), and the inputs under it.
 * Each figure is explained once; later uses point back to it.  Figures
 * are shown as carried forward (exact, never rounded for show); sums
 * member by member and clamped schedule lookups come from the nodes
 * compile_explained adds for them (ProgPart).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "roster.h"
#include "vm.h"

static const char usage[] =
    "usage: terms explain FILE.terms ROSTER.csv --id ID [--year Y] [--set NAME=VALUE]... [--values FILE] [--format text|json]\n\n"
    "Shows, for the employee whose id is ID, how every output figure comes\n"
    "about: each definition with its citation and formula, the rules of each\n"
    "component that applied and those that did not (and which part of their\n"
    "condition failed), and the roster values and params that went in.\n"
    "Figures are shown exactly as they are carried forward (\"$338.595238...\n"
    "(exactly 14221/42)\"), sums member by member, clamped lookups as clamped.\n"
    "If the employee's figures cannot be computed, the error is shown in\n"
    "place of the figure and on standard error, and the exit status is 1.\n";

enum { MAX_USES = 64 };

typedef struct {
    const Loaded *l;
    const Program *p;
    VM *vm;
    const Value *record;
    bool *shown;     /* [nnodes]: explained already */
    const Override *ov;
    int nov;
    bool json;
    FILE *out;
} Explainer;

/* A name an expression uses: a field, a param, a definition or a component. */
typedef struct {
    RefKind ref;
    int index;
    const char *name;
} Use;

static void collect_uses(const Expr *e, Use *uses, int *n)
{
    if (!e)
        return;
    if (e->kind == E_NAME && (e->ref == REF_FIELD || e->ref == REF_PARAM || e->ref == REF_DEF || e->ref == REF_COMPONENT)) {
        for (int i = 0; i < *n; i++)
            if (uses[i].ref == e->ref && uses[i].index == e->ref_index)
                return;
        if (*n < MAX_USES)
            uses[(*n)++] = (Use){e->ref, e->ref_index, e->name};
        return;
    }
    collect_uses(e->a, uses, n);
    collect_uses(e->b, uses, n);
    collect_uses(e->c, uses, n);
    for (int i = 0; i < e->nargs; i++)
        collect_uses(e->args[i], uses, n);
}

/* The source text of an expression, for showing formulas. */
static void source_of(const Diags *d, Span at, const char **s, int *len)
{
    uint32_t start = at.start, end = at.end;
    const char *src = d->src;
    size_t srclen = d->len;
    for (int i = d->nmore - 1; i >= 0; i--)
        if (start >= d->more[i].base) {
            start -= d->more[i].base;
            end -= d->more[i].base;
            src = d->more[i].src;
            srclen = d->more[i].len;
            break;
        }
    if (end > srclen)
        end = (uint32_t)srclen;
    *s = src + start;
    *len = end > start ? (int)(end - start) : 0;
}

static void show_value(const Explainer *x, Value v, Type t, char *buf, size_t cap)
{
    size_t n = format_display(v, t, x->p->enums, buf, cap - 1);
    buf[n] = '\0';
}

static bool is_number(Type t)
{
    return t.kind == TY_MONEY || t.kind == TY_DECIMAL || t.kind == TY_INTEGER;
}

static void indent(const Explainer *x, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", x->out);
}

static void json_text(const Explainer *x, const char *s)
{
    format_json_string(x->out, s, strlen(s));
}

/* JSON: `,"key":` and the text. */
static void json_field(const Explainer *x, const char *key, const char *s, size_t n)
{
    fprintf(x->out, ",\"%s\":", key);
    format_json_string(x->out, s, n);
}

/* JSON: a value as shown ("value", or key) and, for a number, exactly
 * ("exact": "14221/42"); or why it cannot be computed ("error"). */
static void json_value_as(const Explainer *x, const char *key, bool ok, Value v, Type t, const char *shown)
{
    if (!ok) {
        json_field(x, "error", shown, strlen(shown));
        return;
    }
    json_field(x, key, shown, strlen(shown));
    if (is_number(t)) {
        char exact[FORMAT_MAX];
        json_field(x, "exact", exact, format_value(v, t, x->p->enums, exact, sizeof exact));
    }
}

static void json_value(const Explainer *x, bool ok, Value v, Type t, const char *shown)
{
    json_value_as(x, "value", ok, v, t, shown);
}

/* Node's value as shown, or (false) the error that stops it. */
static bool node_value(Explainer *x, int node, Value *v, char *buf, size_t cap)
{
    if (vm_value(x->vm, node, v)) {
        show_value(x, *v, x->p->nodes[node].type, buf, cap);
        return true;
    }
    snprintf(buf, cap, "%s", vm_error(x->vm));
    return false;
}

static const ProgPart *part_of(const Program *p, const Expr *e)
{
    for (int i = 0; i < p->nparts; i++)
        if (p->parts[i].expr == e)
            return &p->parts[i];
    return NULL;
}

static void explain_node(Explainer *x, int node, int depth);

/* A sum, member by member:
 *     sum(stipend[a] for a in assignments), member by member:
 *       a = band: $3,934.00
 *       a = debate: left out, not met: a != debate
 *       total $3,934.00 */
static void explain_sum(Explainer *x, const Expr *e, const ProgPart *part, int depth, bool *first)
{
    const Program *p = x->p;
    const char *src, *cond = "";
    int len, cond_len = 0;
    source_of(&x->l->d, e->at, &src, &len);
    if (e->c)
        source_of(&x->l->d, e->c->at, &cond, &cond_len);
    char buf[FORMAT_MAX];
    Value list, total;
    bool list_ok = node_value(x, part->list, &list, buf, sizeof buf);
    if (x->json) {
        fprintf(x->out, "%s{\"sum\":", *first ? "" : ",");
        format_json_string(x->out, src, (size_t)len);
        fputs(",\"terms\":[", x->out);
    } else if (list_ok && list.list.len == 0) {
        indent(x, depth);
        fprintf(x->out, "%.*s: no members, so it is 0\n", len, src);
    } else {
        indent(x, depth);
        fprintf(x->out, "%.*s, member by member:\n", len, src);
    }
    *first = false;
    const EnumDef *members = &p->enums[p->nodes[part->list].type.enum_id];
    Type term_type = p->nodes[part->term].type;
    for (uint32_t i = 0; list_ok && i < list.list.len; i++) {
        Value member = {.i = list.list.items[i]}, keep = {.i = 1}, term = {0};
        const char *name = members->members[member.i];
        bool ok = part->cond < 0 || vm_value_for(x->vm, part->cond, part->slot, member, &keep);
        bool in = ok && keep.i;
        if (in)
            ok = vm_value_for(x->vm, part->term, part->slot, member, &term);
        if (!ok)
            snprintf(buf, sizeof buf, "%s", vm_error(x->vm));
        else if (in)
            show_value(x, term, term_type, buf, sizeof buf);
        if (x->json) {
            fprintf(x->out, "%s{\"member\":", i ? "," : "");
            json_text(x, name);
            if (ok && !in)
                json_field(x, "left_out", cond, (size_t)cond_len);
            else
                json_value(x, ok, term, term_type, buf);
            fputc('}', x->out);
        } else {
            indent(x, depth + 1);
            if (ok && !in)
                fprintf(x->out, "%s = %s: left out, not met: %.*s\n", e->var, name, cond_len, cond);
            else
                fprintf(x->out, "%s = %s: %s%s\n", e->var, name, ok ? "" : "error: ", buf);
        }
    }
    bool ok = list_ok && node_value(x, part->whole, &total, buf, sizeof buf);
    if (x->json) {
        fputc(']', x->out);
        if (ok)
            json_field(x, "total", buf, strlen(buf));
        fputc('}', x->out);
    } else if (ok && list.list.len > 0) {
        indent(x, depth + 1);
        fprintf(x->out, "total %s\n", buf);
    }
}

/* A lookup in a schedule that clamps, when it did:
 *     salary[step, lane]: step 15, clamped to 13 (the last row); lane MA30: $73,174.00 */
static void explain_clamp(Explainer *x, const Expr *e, const ProgPart *part, int depth, bool *first)
{
    const Program *p = x->p;
    const ProgSchedule *s = &p->schedules[e->ref_index];
    Value row, col, found;
    char key[FORMAT_MAX], column[FORMAT_MAX], value[FORMAT_MAX];
    if (!vm_value(x->vm, part->row, &row) || !vm_value(x->vm, part->col, &col))
        return; /* the error shows where the lookup is used */
    int64_t last = s->first_row + s->nrows - 1, step = row.num.n;
    if (step >= s->first_row && step <= last)
        return;
    int64_t used = step < s->first_row ? s->first_row : last;
    const char *which = step < s->first_row ? "the first row" : "the last row";
    bool ok = node_value(x, part->whole, &found, value, sizeof value);
    show_value(x, row, p->nodes[part->row].type, key, sizeof key);
    show_value(x, col, p->nodes[part->col].type, column, sizeof column);
    const ScheduleDecl *decl = &x->l->c->schedules.v[e->ref_index];
    const char *src, *dim = decl->row_dim.s, *col_dim = decl->col_dim.s;
    int len;
    source_of(&x->l->d, e->at, &src, &len);
    if (x->json) {
        fprintf(x->out, "%s{\"lookup\":", *first ? "" : ",");
        format_json_string(x->out, src, (size_t)len);
        json_field(x, "key", dim, strlen(dim));
        json_field(x, "given", key, strlen(key));
        fprintf(x->out, ",\"clamped_to\":\"%lld\",\"row\":\"%s\"", (long long)used, which + 4);
        json_value(x, ok, found, p->nodes[part->whole].type, value);
        fputc('}', x->out);
    } else {
        indent(x, depth);
        fprintf(x->out, "%.*s: %s %s, clamped to %lld (%s); %s %s: %s%s\n", len, src, dim, key, (long long)used, which,
                col_dim, column, ok ? "" : "error: ", value);
    }
    *first = false;
}

/* The sums and clamped lookups in e, each piece by piece. */
static void explain_parts(Explainer *x, const Expr *e, int depth, bool *first)
{
    if (!e)
        return;
    const ProgPart *part = part_of(x->p, e);
    if (part && e->kind == E_COMPREH)
        explain_sum(x, e, part, depth, first);
    else if (part)
        explain_clamp(x, e, part, depth, first);
    explain_parts(x, e->a, depth, first);
    explain_parts(x, e->b, depth, first);
    explain_parts(x, e->c, depth, first);
    for (int i = 0; i < e->nargs; i++)
        explain_parts(x, e->args[i], depth, first);
}

/* JSON: `,"parts":[...]` for e, if it has any. */
static void json_parts(Explainer *x, const Expr *e)
{
    fputs(",\"parts\":[", x->out);
    bool first = true;
    explain_parts(x, e, 0, &first);
    fputc(']', x->out);
}

/* An input: a field from the roster or a param; definitions recurse. */
static void explain_use(Explainer *x, Use u, int depth, bool *first)
{
    const Program *p = x->p;
    const Model *m = &x->l->m;
    char buf[FORMAT_MAX];
    if (u.ref == REF_DEF || u.ref == REF_COMPONENT) {
        int node = u.ref == REF_DEF ? u.index : x->l->c->defs.n + u.index;
        if (x->json && !*first)
            fputc(',', x->out);
        *first = false;
        explain_node(x, node, depth);
        return;
    }
    Type t;
    Value v = {0};
    const char *from;
    bool blank = false;
    if (u.ref == REF_FIELD) {
        t = m->fields[u.index].type;
        v = x->record[u.index];
        from = "roster";
    } else {
        t = m->params[u.index].type;
        v.num = m->params[u.index].values[p->year].v;
        blank = m->params[u.index].values[p->year].blank;
        bool from_values = x->l->values && x->l->c->params.v[u.index].values[0]->at.start >= x->l->len;
        from = blank ? "param, blank: not agreed yet" : from_values ? "param, from the values file" : "param";
        for (int i = 0; i < x->nov; i++)
            if (x->ov[i].param == u.index) {
                v.num = x->ov[i].value;
                blank = false;
                from = "param, --set";
            }
    }
    show_value(x, v, t, buf, sizeof buf);
    if (blank)
        snprintf(buf, sizeof buf, "%s", t.kind == TY_MONEY ? "$___" : "___");
    else if (t.kind == TY_LIST && v.list.len == 0)
        snprintf(buf, sizeof buf, "(none)");
    if (x->json) {
        fprintf(x->out, "%s{\"name\":", *first ? "" : ",");
        json_text(x, u.name);
        if (blank)
            fputs(",\"value\":null,\"blank\":true", x->out);
        else
            json_value(x, true, v, t, buf);
        fprintf(x->out, ",\"from\":\"%s\"}", u.ref == REF_FIELD ? "roster" : "param");
    } else {
        indent(x, depth);
        fprintf(x->out, "%s = %s  (%s)\n", u.name, buf, from);
    }
    *first = false;
}

static void explain_rules(Explainer *x, int ci, int depth)
{
    const Program *p = x->p;
    const ProgComponent *comp = &p->components[ci];
    char amount[FORMAT_MAX];
    for (int r = comp->first_rule; r < comp->first_rule + comp->nrules; r++) {
        const ProgRule *rule = &p->rules[r];
        const ComponentDecl *cd = &x->l->c->components.v[ci];
        const RuleDecl *decl = &x->l->c->rules.v[cd->rules.v[rule->number - 1]];
        bool applied = vm_rule_fired(x->vm, r);
        Value v;
        bool ok = node_value(x, rule->amount_node, &v, amount, sizeof amount);
        const char *cond = "", *failed = NULL;
        int cond_len = 0, failed_len = 0;
        if (decl->when)
            source_of(&x->l->d, decl->when->at, &cond, &cond_len);
        if (!applied) {
            for (int i = 0; i < rule->nconditions && !failed; i++) {
                Value c;
                const ProgNode *part = &p->nodes[rule->first_condition + i];
                if (vm_value(x->vm, rule->first_condition + i, &c) && !c.i)
                    source_of(&x->l->d, (Span){part->src_start, part->src_end}, &failed, &failed_len);
            }
        }
        const char *label = rule->label ? rule->label : "";
        if (x->json) {
            fprintf(x->out, "%s{\"rule\":", r == comp->first_rule ? "" : ",");
            if (rule->label)
                json_text(x, label);
            else
                fprintf(x->out, "%d", rule->number);
            fprintf(x->out, ",\"applied\":%s", applied ? "true" : "false");
            json_value_as(x, "amount", ok, v, p->nodes[rule->amount_node].type, amount);
            json_field(x, "condition", cond, (size_t)cond_len);
            if (failed)
                json_field(x, "failed", failed, (size_t)failed_len);
            if (rule->cite)
                json_field(x, "cite", rule->cite, strlen(rule->cite));
            if (applied)
                json_parts(x, decl->amount);
            fputc('}', x->out);
            continue;
        }
        indent(x, depth);
        fprintf(x->out, "%s %s%s%s", applied ? "[applies]" : "[no]     ", comp->name, *label ? " " : "", label);
        if (decl->when)
            fprintf(x->out, " when %.*s", cond_len, cond);
        if (ok)
            fprintf(x->out, ": %s %s", applied ? "adds" : "would add", amount);
        else
            fprintf(x->out, ": %s, but cannot be computed: %s", applied ? "applies" : "would apply", amount);
        if (rule->cite)
            fprintf(x->out, "  [%s]", rule->cite);
        if (failed)
            fprintf(x->out, "; not met: %.*s", failed_len, failed);
        fputc('\n', x->out);
        bool first = true;
        if (applied)
            explain_parts(x, decl->amount, depth + 1, &first);
    }
}

static void explain_node(Explainer *x, int node, int depth)
{
    const Program *p = x->p;
    const Contract *c = x->l->c;
    const ProgNode *pn = &p->nodes[node];
    char buf[FORMAT_MAX];
    Value v;
    bool ok = node_value(x, node, &v, buf, sizeof buf);
    bool again = x->shown[node];
    x->shown[node] = true;
    bool is_def = node < c->defs.n;
    const char *formula = "";
    int flen = 0;
    if (is_def)
        source_of(&x->l->d, c->defs.v[node].expr->at, &formula, &flen);
    const ComponentDecl *comp = is_def ? NULL : &c->components.v[node - c->defs.n];
    const char *policy = comp ? (comp->policy == POLICY_AT_MOST_ONE ? "at most one" : comp->policy == POLICY_EXACTLY_ONE ? "exactly one" : "every rule that applies") : NULL;

    Use uses[MAX_USES];
    int nuses = 0;
    if (is_def) {
        collect_uses(c->defs.v[node].expr, uses, &nuses);
    } else {
        for (int i = 0; i < comp->rules.n; i++) {
            collect_uses(c->rules.v[comp->rules.v[i]].when, uses, &nuses);
            collect_uses(c->rules.v[comp->rules.v[i]].amount, uses, &nuses);
        }
    }

    if (x->json) {
        fputs("{\"name\":", x->out);
        json_text(x, pn->name);
        json_value(x, ok, v, pn->type, buf);
        fprintf(x->out, ",\"kind\":\"%s\"", pn->kind);
        if (pn->cite)
            json_field(x, "cite", pn->cite, strlen(pn->cite));
        if (again) {
            fputs(",\"explained_above\":true}", x->out);
            return;
        }
        if (is_def) {
            json_field(x, "formula", formula, (size_t)flen);
            json_parts(x, c->defs.v[node].expr);
        } else {
            fprintf(x->out, ",\"policy\":\"%s\",\"rules\":[", policy);
            explain_rules(x, node - c->defs.n, depth + 1);
            fputc(']', x->out);
        }
        fputs(",\"uses\":[", x->out);
        bool first = true;
        for (int i = 0; i < nuses; i++)
            explain_use(x, uses[i], depth + 1, &first);
        fputs("]}", x->out);
        return;
    }
    indent(x, depth);
    fprintf(x->out, ok ? "%s = %s" : "%s: error: %s", pn->name, buf);
    if (pn->cite)
        fprintf(x->out, "  [%s]", pn->cite);
    if (again) {
        fputs("  (explained above)\n", x->out);
        return;
    }
    fputc('\n', x->out);
    bool first = true;
    if (is_def) {
        indent(x, depth + 1);
        fprintf(x->out, "= %.*s\n", flen, formula);
        explain_parts(x, c->defs.v[node].expr, depth + 1, &first);
    } else {
        indent(x, depth + 1);
        fprintf(x->out, "component, %s:\n", policy);
        explain_rules(x, node - c->defs.n, depth + 2);
    }
    first = true;
    for (int i = 0; i < nuses; i++)
        explain_use(x, uses[i], depth + 1, &first);
}

static bool has_id(const Program *p, const Value *record, const char *id)
{
    Value v = record[p->id_field];
    return v.text.len == strlen(id) && !memcmp(v.text.p, id, v.text.len);
}

/* Copies the texts and lists of record, which point into the roster
 * reader's buffers, so that it outlives the next row read; the copies,
 * one per field (NULL for the others), to free. */
static char **keep_record(const Program *p, Value *record)
{
    int n = p->schema->nfields;
    char **copies = calloc((size_t)n + 1, sizeof *copies);
    for (int f = 0; f < n; f++) {
        TypeKind k = p->schema->fields[f].type.kind;
        size_t size = k == TY_LIST ? record[f].list.len * sizeof(int32_t) : k == TY_TEXT ? record[f].text.len : 0;
        if (k != TY_LIST && k != TY_TEXT)
            continue;
        copies[f] = malloc(size + 1);
        if (!copies[f])
            abort();
        if (size)
            memcpy(copies[f], k == TY_LIST ? (const void *)record[f].list.items : record[f].text.p, size);
        if (k == TY_LIST)
            record[f].list.items = (const int32_t *)(void *)copies[f];
        else
            record[f].text.p = copies[f];
    }
    return copies;
}

static int explain(const Loaded *l, const Program *p, const Override *ov, int nov, const char *roster_path, const char *id, bool json)
{
    char err[1024];
    if (p->id_field < 0) {
        fprintf(stderr, "%s: the employee record has no text field to find an employee by\n", l->d.path);
        return EXIT_BAD_INPUT;
    }
    FILE *in = strcmp(roster_path, "-") ? fopen(roster_path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "terms: cannot read %s: ", roster_path);
        perror(NULL);
        return EXIT_BAD_INPUT;
    }
    Roster *r = roster_open(in, roster_path, p->schema, err, sizeof err);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }
    Value *record = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
    int got;
    while ((got = roster_next(r, record, err, sizeof err)) == 1 && !has_id(p, record, id))
        ;
    long row = roster_row(r), line = roster_line(r), again = 0;
    char **copies = NULL;
    if (got == 1) { /* another row with the id would be another employee: look on */
        copies = keep_record(p, record);
        Value *later = calloc((size_t)p->schema->nfields + 1, sizeof(Value));
        while (!again && roster_next(r, later, err, sizeof err) == 1)
            if (has_id(p, later, id))
                again = roster_row(r);
        free(later);
    }
    int status = EXIT_OK;
    if (got < 0) {
        fprintf(stderr, "%s\n", err);
        status = EXIT_BAD_INPUT;
    } else if (got == 0) {
        fprintf(stderr, "%s: no employee with %s %s\n", roster_path, p->schema->fields[p->id_field].name, id);
        status = EXIT_BAD_INPUT;
    } else if (again) {
        fprintf(stderr, "%s: %s %s is on two rows, row %ld (line %ld) and row %ld (line %ld); explain needs an id that names one row\n",
                roster_path, p->schema->fields[p->id_field].name, id, row, line, again, roster_line(r));
        status = EXIT_BAD_INPUT;
    } else {
        Explainer x = {.l = l, .p = p, .vm = vm_new(p), .record = record, .ov = ov, .nov = nov, .json = json, .out = stdout};
        x.shown = calloc((size_t)p->nnodes + 1, sizeof(bool));
        /* the row as eval computes it: does it fail, and with what error? */
        vm_begin(x.vm, record);
        char row_error[512] = "";
        if (!vm_outputs(x.vm)) {
            snprintf(row_error, sizeof row_error, "%s", vm_error(x.vm));
            status = EXIT_BAD_INPUT;
        }
        vm_begin(x.vm, record);
        if (json) {
            fputs("{\"employee\":", stdout);
            json_text(&x, id);
            fprintf(stdout, ",\"row\":%ld,\"year\":", row);
            json_text(&x, p->year_name);
            if (*row_error)
                json_field(&x, "error", row_error, strlen(row_error));
            fputs(",\"outputs\":[", stdout);
        } else {
            printf("%s %s (row %ld of %s)%s%s\n", p->schema->fields[p->id_field].name, id, row, roster_path,
                   *p->year_name ? ", contract year " : "", p->year_name);
        }
        bool first = true;
        for (int i = 0; i < p->noutputs; i++) {
            const ProgOutput *o = &p->outputs[i];
            if (o->kind == OUT_NODE) {
                if (json && !first)
                    fputc(',', stdout);
                if (!json)
                    putchar('\n');
                explain_node(&x, o->index, 0);
                first = false;
            } else if (o->kind == OUT_FIELD && o->index != p->id_field && !json) {
                char buf[FORMAT_MAX];
                show_value(&x, record[o->index], o->type, buf, sizeof buf);
                printf("%s = %s  (roster)\n", o->name, buf);
            }
        }
        if (json)
            fputs("]}\n", stdout);
        if (*row_error) /* as eval reports it */
            fprintf(stderr, "%s:%ld: row %ld (%s %s): error: %s\n", roster_path, line, row,
                    p->schema->fields[p->id_field].name, id, row_error);
        free(x.shown);
        vm_free(x.vm);
    }
    for (int f = 0; copies && f < p->schema->nfields; f++)
        free(copies[f]);
    free(copies);
    free(record);
    roster_close(r);
    if (in != stdin)
        fclose(in);
    return status;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option opts[] = {
        {"id", required_argument, 0, 'i'}, {"format", required_argument, 0, 'f'}, SCENARIO_OPTIONS,
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *id = NULL, *format = "text";
    Scenario sc = {0};
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int taken = scenario_option(&sc, "explain", ch, optarg);
        if (taken == EXIT_USAGE)
            return taken;
        if (taken)
            continue;
        switch (ch) {
        case 'i': id = optarg; break;
        case 'f': format = optarg; break;
        case 'h': fputs(usage, stdout); return EXIT_OK;
        default: return usage_error("explain", "unknown option or missing value: `%s`", argv[optind - 1]);
        }
    }
    if (optind != argc - 2)
        return usage_error("explain", "give a contract file and a roster file");
    if (!id)
        return usage_error("explain", "say which employee with --id");
    int clash = scenario_stdin(&sc, "explain", argv[optind], argv[optind + 1]);
    if (clash)
        return clash;
    if (strcmp(format, "text") && strcmp(format, "json"))
        return usage_error("explain", "--format is text or json, not `%s`", format);
    if (!contract_and_roster("explain", argv[optind], argv[optind + 1]))
        return EXIT_USAGE;
    Loaded l;
    load_contract(argv[optind], (LoadOptions){.quiet_warnings = true, .values = sc.values}, &l);
    int status = EXIT_BAD_INPUT;
    Override ov[MAX_SETS];
    int nov, year;
    if (l.ok)
        status = scenario_apply(&sc, &l.m, &year, ov, &nov)
                     ? explain(&l, compile_explained(&l.m, year, ov, nov), ov, nov, argv[optind + 1], id, !strcmp(format, "json"))
                     : EXIT_USAGE;
    report_errors(&l);
    unload_contract(&l);
    return status;
}
