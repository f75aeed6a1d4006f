/* terms explain FILE ROSTER --id ID [--year Y] [--format text|json]
 *
 * For one employee, every output as a tree: the definition or component,
 * its citation and formula, the rules that applied and those that did not
 * (with the part of the condition that failed), and the inputs under it.
 * Each figure is explained once; later uses point back to it.
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
    "condition failed), and the roster values and params that went in.\n";

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
    size_t n = format_display(v, t, x->p->enums, x->p->rounding, buf, cap - 1);
    buf[n] = '\0';
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

static void explain_node(Explainer *x, int node, int depth);

/* An input: a field from the roster or a param; definitions recurse. */
static void explain_use(Explainer *x, Use u, int depth, bool *first)
{
    const Program *p = x->p;
    const Model *m = &x->l->m;
    char buf[128];
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
    if (u.ref == REF_FIELD) {
        t = m->fields[u.index].type;
        v = x->record[u.index];
        from = "roster";
    } else {
        t = m->params[u.index].type;
        v.num = m->params[u.index].values[p->year].v;
        bool from_values = x->l->values && x->l->c->params.v[u.index].values[0]->at.start >= x->l->len;
        from = m->params[u.index].values[p->year].blank ? "param, blank" : from_values ? "param, from the values file" : "param";
        for (int i = 0; i < x->nov; i++)
            if (x->ov[i].param == u.index) {
                v.num = x->ov[i].value;
                from = "param, --set";
            }
    }
    show_value(x, v, t, buf, sizeof buf);
    if (t.kind == TY_LIST && v.list.len == 0)
        snprintf(buf, sizeof buf, "(none)");
    if (x->json) {
        fprintf(x->out, "%s{\"name\":", *first ? "" : ",");
        json_text(x, u.name);
        fputs(",\"value\":", x->out);
        json_text(x, buf);
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
    char amount[128];
    for (int r = comp->first_rule; r < comp->first_rule + comp->nrules; r++) {
        const ProgRule *rule = &p->rules[r];
        const ComponentDecl *cd = &x->l->c->components.v[ci];
        const RuleDecl *decl = &x->l->c->rules.v[cd->rules.v[rule->number - 1]];
        bool applied = vm_rule_fired(x->vm, r);
        Value v;
        if (vm_value(x->vm, rule->amount_node, &v))
            show_value(x, v, p->nodes[rule->amount_node].type, amount, sizeof amount);
        else
            snprintf(amount, sizeof amount, "(cannot be computed: %s)", vm_error(x->vm));
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
            fprintf(x->out, ",\"applied\":%s,\"amount\":", applied ? "true" : "false");
            json_text(x, amount);
            fputs(",\"condition\":", x->out);
            format_json_string(x->out, cond, (size_t)cond_len);
            if (failed) {
                fputs(",\"failed\":", x->out);
                format_json_string(x->out, failed, (size_t)failed_len);
            }
            if (rule->cite) {
                fputs(",\"cite\":", x->out);
                json_text(x, rule->cite);
            }
            fputc('}', x->out);
            continue;
        }
        indent(x, depth);
        fprintf(x->out, "%s %s%s%s", applied ? "[applies]" : "[no]     ", comp->name, *label ? " " : "", label);
        if (decl->when)
            fprintf(x->out, " when %.*s", cond_len, cond);
        fprintf(x->out, ": %s %s", applied ? "adds" : "would add", amount);
        if (rule->cite)
            fprintf(x->out, "  [%s]", rule->cite);
        if (failed)
            fprintf(x->out, "; not met: %.*s", failed_len, failed);
        fputc('\n', x->out);
    }
}

static void explain_node(Explainer *x, int node, int depth)
{
    const Program *p = x->p;
    const Contract *c = x->l->c;
    const ProgNode *pn = &p->nodes[node];
    char buf[128];
    Value v;
    if (vm_value(x->vm, node, &v))
        show_value(x, v, pn->type, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "(cannot be computed: %s)", vm_error(x->vm));
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
        fputs(",\"value\":", x->out);
        json_text(x, buf);
        fprintf(x->out, ",\"kind\":\"%s\"", pn->kind);
        if (pn->cite) {
            fputs(",\"cite\":", x->out);
            json_text(x, pn->cite);
        }
        if (again) {
            fputs(",\"explained_above\":true}", x->out);
            return;
        }
        if (is_def) {
            fputs(",\"formula\":", x->out);
            format_json_string(x->out, formula, (size_t)flen);
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
    fprintf(x->out, "%s = %s", pn->name, buf);
    if (pn->cite)
        fprintf(x->out, "  [%s]", pn->cite);
    if (again) {
        fputs("  (explained above)\n", x->out);
        return;
    }
    fputc('\n', x->out);
    if (is_def) {
        indent(x, depth + 1);
        fprintf(x->out, "= %.*s\n", flen, formula);
    } else {
        indent(x, depth + 1);
        fprintf(x->out, "component, %s:\n", policy);
        explain_rules(x, node - c->defs.n, depth + 2);
    }
    bool first = true;
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
        vm_begin(x.vm, record);
        if (json) {
            fputs("{\"employee\":", stdout);
            json_text(&x, id);
            fprintf(stdout, ",\"row\":%ld,\"year\":", row);
            json_text(&x, p->year_name);
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
                char buf[128];
                show_value(&x, record[o->index], o->type, buf, sizeof buf);
                printf("%s = %s  (roster)\n", o->name, buf);
            }
        }
        if (json)
            fputs("]}\n", stdout);
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
