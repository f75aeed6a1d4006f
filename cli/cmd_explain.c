/* terms explain FILE ROSTER --id ID [--year Y] [--format text|json]
 *
 * For one employee, every output as a tree: the definition or component,
 * its citation and formula, the rules that applied and those that did not
 * (with the part of the condition that failed), and the inputs under it.
 * Each figure is explained once; later uses point back to it.  Figures
 * are shown as carried forward (exact, never rounded for show).  The
 * engine builds the tree (engine/explain.h); this prints it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "format.h"

static const char usage[] =
    "usage: terms explain FILE.terms ROSTER.csv --id ID [--year Y] [--set NAME=VALUE]... [--values FILE] [--format text|json]\n\n"
    "Shows, for the employee whose id is ID, how every output figure comes\n"
    "about: each definition with its citation and formula, the rules of each\n"
    "component that applied and those that did not (and which part of their\n"
    "condition failed), and the roster values and params that went in.\n"
    "Figures are shown exactly as they are carried forward (\"$338.595238...\n"
    "(exactly 14221/42)\"), sums member by member, clamped lookups as clamped,\n"
    "calls of the contract's functions with their arguments and value.\n"
    "If the employee's figures cannot be computed, the error is shown in\n"
    "place of the figure and on standard error, and the exit status is 1.\n\n"
    "  --set NAME=VALUE   give a param a value, in single quotes if it has a $: --set 'lead_teacher=$1,200'\n"
    RECORDS_HELP;

/* ---- as text ---- */

static void indent(int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", stdout);
}

/* What a member of a count, max, min, any or all says of the result:
 * "  <- the largest"; "" if it is not marked. */
static const char *marked_note(const ExplainPart *s, const SumMember *m)
{
    if (!m->marked || !strcmp(s->aggregate, "count"))
        return "";
    return !strcmp(s->aggregate, "max") ? "  <- the largest"
           : !strcmp(s->aggregate, "min") ? "  <- the smallest"
           : !strcmp(s->aggregate, "any") ? "  <- the first yes, so yes"
                                           : "  <- the first no, so no";
}

/* A sum (count, max, min, any, all), member by member:
 *     sum(stipend[a] for a in assignments), member by member:
 *       a = band: $3,934.00
 *       a = debate: left out, not met: a != debate
 *       total $3,934.00
 * a count says which members it counts (`s = session 2 (2024-09-04):
 * counted`), a max or min marks the member that gives it, an any or all
 * the first that decides it, and the members after it, not looked at;
 * each ends with its result (`max 300`). */
static void text_sum(const ExplainPart *s, int depth)
{
    bool sum = !strcmp(s->aggregate, "sum"), count = !strcmp(s->aggregate, "count");
    indent(depth);
    if (s->listed && s->members.n == 0) {
        printf("%.*s: no members, so it is %s\n", s->source.len, s->source.s, sum || !s->total.ok ? "0" : s->total.shown);
        return;
    }
    printf("%.*s, member by member:\n", s->source.len, s->source.s);
    for (int i = 0; i < s->members.n; i++) {
        const SumMember *m = &s->members.v[i];
        indent(depth + 1);
        if (m->not_needed)
            printf("%s = %s: not looked at, decided above\n", s->var, m->name);
        else if (m->left_out)
            printf("%s = %s: left out, not met: %.*s\n", s->var, m->name, s->condition.len, s->condition.s);
        else if (count && m->term.ok && !m->term.shown)
            printf("%s = %s: counted\n", s->var, m->name);
        else
            printf("%s = %s: %s%s%s%s\n", s->var, m->name, m->term.ok ? "" : "error: ", m->term.shown,
                   count && m->term.ok ? (m->marked ? ", counted" : ", not counted") : "", marked_note(s, m));
    }
    if (s->total.ok) {
        indent(depth + 1);
        printf("%s %s\n", sum ? "total" : s->aggregate, s->total.shown);
    }
}

/* A lookup as written, and the grid a third key picked: "extended_pay[step, lane, months]: grid M11; " */
static void text_lookup(const ExplainPart *c, int depth)
{
    indent(depth);
    printf("%.*s: ", c->source.len, c->source.s);
    if (c->grid)
        printf("grid %s; ", c->grid);
}

/*     salary[step, lane]: step 15, clamped to 13 (the last row); lane MA30: $73,174.00 */
static void text_clamp(const ExplainPart *c, int depth)
{
    text_lookup(c, depth);
    printf("%s %s, clamped to %lld (%s%s%s); %s %s: %s%s\n", c->row_key, c->row, (long long)c->clamped_to,
           c->last_row ? "the last row" : "the first row", c->range ? ", " : "", c->range ? c->range : "", c->col_key, c->col,
           c->found.ok ? "" : "error: ", c->found.shown);
}

/*     salary[step, lane]: step 13, in row 12..15; lane MA30: $73,174.00
 *     extended_pay[step, lane, months]: grid M11; step 4, in row 1..5; lane MA30: $5,000.00 */
static void text_range(const ExplainPart *c, int depth)
{
    text_lookup(c, depth);
    printf("%s %s, in row %s; %s %s: %s%s\n", c->row_key, c->row, c->range, c->col_key, c->col, c->found.ok ? "" : "error: ",
           c->found.shown);
}

/*     half_hour_pay(minutes, hourly): minutes = 100, rate = $40.00; gives $60.00 */
static void text_call(const ExplainPart *c, int depth)
{
    indent(depth);
    printf("%.*s:", c->source.len, c->source.s);
    for (int i = 0; i < c->args.n; i++)
        printf("%s %s = %s%s", i ? "," : "", c->args.v[i].param, c->args.v[i].value.ok ? "" : "error: ", c->args.v[i].value.shown);
    printf("; %s%s\n", c->found.ok ? "gives " : "error: ", c->found.shown);
}

/*     salary[step, lane]: step 13, lane MA30 in "2025-26" = "2024-25" * (1 + raise) rounded half up to dollars
 *       $71,043.00 x 1.03 = $73,174.29, rounded: $73,174.00 */
static void text_derived(const ExplainPart *c, int depth)
{
    indent(depth);
    printf("%.*s: %s %s, %s %s in \"%s\" = %s\n", c->source.len, c->source.s, c->row_key, c->row, c->col_key, c->col, c->year, c->rule);
    indent(depth + 1);
    printf("%s x %s = %s, rounded: %s%s\n", c->from.shown, c->rate.shown, c->exact.shown, c->found.ok ? "" : "error: ", c->found.shown);
}

static void text_parts(const ExplainParts *parts, int depth)
{
    for (int i = 0; i < parts->n; i++) {
        if (parts->v[i].kind == PART_SUM)
            text_sum(&parts->v[i], depth);
        else if (parts->v[i].kind == PART_CALL)
            text_call(&parts->v[i], depth);
        else if (parts->v[i].kind == PART_DERIVED)
            text_derived(&parts->v[i], depth);
        else if (parts->v[i].kind == PART_RANGE)
            text_range(&parts->v[i], depth);
        else
            text_clamp(&parts->v[i], depth);
    }
}

/*     [no]      longevity I when years >= 10: would add $1,050.00  [Art. VI §5(a)]; not met: years >= 10 */
static void text_rule(const ExplainRule *r, int depth)
{
    const char *label = r->label ? r->label : "";
    indent(depth);
    printf("%s %s%s%s", r->applied ? "[applies]" : "[no]     ", r->component, *label ? " " : "", label);
    if (r->condition.s)
        printf(" when %.*s", r->condition.len, r->condition.s);
    if (r->amount.ok)
        printf(": %s %s", r->applied ? "adds" : "would add", r->amount.shown);
    else
        printf(": %s, but cannot be computed: %s", r->applied ? "applies" : "would apply", r->amount.shown);
    if (r->cite)
        printf("  [%s]", r->cite);
    if (r->failed.s)
        printf("; not met: %.*s", r->failed.len, r->failed.s);
    putchar('\n');
    text_parts(&r->parts, depth + 1);
}

static void text_node(const ExplainNode *n, int depth)
{
    indent(depth);
    printf(n->value.ok ? "%s = %s" : "%s: error: %s", n->name, n->value.shown);
    if (n->cite)
        printf("  [%s]", n->cite);
    if (n->again) {
        fputs("  (explained above)\n", stdout);
        return;
    }
    putchar('\n');
    indent(depth + 1);
    if (!n->component) {
        printf("= %.*s\n", n->formula.len, n->formula.s);
        text_parts(&n->parts, depth + 1);
    } else {
        printf("component, %s:\n", n->policy);
        for (int i = 0; i < n->rules.n; i++)
            text_rule(&n->rules.v[i], depth + 2);
    }
    for (int i = 0; i < n->uses.n; i++) {
        const ExplainUse *u = &n->uses.v[i];
        if (u->kind == USE_NODE) {
            text_node(u->node, depth + 1);
        } else {
            indent(depth + 1);
            printf("%s = %s  (%s)\n", u->name, u->value.shown, u->from);
        }
    }
}

static void text_explanation(const Explanation *x, const char *roster_path)
{
    printf("%s %s (row %ld of %s)%s%s\n", x->id_field, x->id, x->row, roster_path, *x->year ? ", contract year " : "", x->year);
    for (int i = 0; i < x->outputs.n; i++) {
        const ExplainOutput *o = &x->outputs.v[i];
        if (o->node) {
            putchar('\n');
            text_node(o->node, 0);
        } else {
            printf("%s = %s  (roster)\n", o->name, o->shown);
        }
    }
}

/* ---- as JSON ---- */

static void json_text(const char *s)
{
    format_json_string(stdout, s, strlen(s));
}

/* `,"key":` and the text s[0..n). */
static void json_field(const char *key, const char *s, size_t n)
{
    printf(",\"%s\":", key);
    format_json_string(stdout, s, n);
}

static void json_excerpt(const char *key, Excerpt e)
{
    json_field(key, e.s ? e.s : "", (size_t)e.len);
}

/* A figure as shown (key) and, for a number, exactly ("exact":
 * "14221/42"); or why it cannot be computed ("error"). */
static void json_figure(const char *key, Shown f)
{
    json_field(f.ok ? key : "error", f.shown, strlen(f.shown));
    if (f.ok && f.exact)
        json_field("exact", f.exact, strlen(f.exact));
}

/* {"sum": ..., "terms": [{"member": ..., "value": ...}], "total": ...};
 * a count, max, min, any or all is keyed by its name and ends with
 * "value"; a count's members say "counted", the member of a max or min
 * that gives it, and the first of an any or all that decides it,
 * "decides": true. */
static void json_sum(const ExplainPart *s)
{
    bool sum = !strcmp(s->aggregate, "sum"), count = !strcmp(s->aggregate, "count");
    printf("{\"%s\":", s->aggregate);
    format_json_string(stdout, s->source.s, (size_t)s->source.len);
    fputs(",\"terms\":[", stdout);
    for (int i = 0; i < s->members.n; i++) {
        const SumMember *m = &s->members.v[i];
        fputs(i ? ",{\"member\":" : "{\"member\":", stdout);
        json_text(m->name);
        if (m->not_needed)
            fputs(",\"not_looked_at\":true", stdout);
        else if (m->left_out)
            json_excerpt("left_out", s->condition);
        else if (m->term.shown)
            json_figure("value", m->term);
        if (count && !m->left_out && m->term.ok)
            printf(",\"counted\":%s", m->marked ? "true" : "false");
        else if (m->marked)
            fputs(",\"decides\":true", stdout);
        putchar('}');
    }
    putchar(']');
    if (s->total.ok)
        json_field(sum ? "total" : "value", s->total.shown, strlen(s->total.shown));
    putchar('}');
}

static void json_clamp(const ExplainPart *c)
{
    fputs("{\"lookup\":", stdout);
    format_json_string(stdout, c->source.s, (size_t)c->source.len);
    json_field("key", c->row_key, strlen(c->row_key));
    json_field("given", c->row, strlen(c->row));
    if (c->grid)
        json_field("grid", c->grid, strlen(c->grid));
    if (c->kind == PART_CLAMP)
        printf(",\"clamped_to\":\"%lld\",\"row\":\"%s\"", (long long)c->clamped_to, c->last_row ? "last row" : "first row");
    if (c->range)
        json_field("in_row", c->range, strlen(c->range));
    json_figure("value", c->found);
    putchar('}');
}

static void json_call(const ExplainPart *c)
{
    fputs("{\"call\":", stdout);
    format_json_string(stdout, c->source.s, (size_t)c->source.len);
    json_field("function", c->function, strlen(c->function));
    fputs(",\"arguments\":[", stdout);
    for (int i = 0; i < c->args.n; i++) {
        fputs(i ? ",{\"parameter\":" : "{\"parameter\":", stdout);
        json_text(c->args.v[i].param);
        json_figure("value", c->args.v[i].value);
        putchar('}');
    }
    putchar(']');
    json_figure("value", c->found);
    putchar('}');
}

static void json_derived(const ExplainPart *c)
{
    fputs("{\"lookup\":", stdout);
    format_json_string(stdout, c->source.s, (size_t)c->source.len);
    json_field("year", c->year, strlen(c->year));
    json_field("rule", c->rule, strlen(c->rule));
    json_field("row", c->row, strlen(c->row));
    json_field("column", c->col, strlen(c->col));
    json_field("from", c->from.exact, strlen(c->from.exact));
    json_field("rate", c->rate.exact, strlen(c->rate.exact));
    json_field("unrounded", c->exact.exact, strlen(c->exact.exact));
    json_figure("value", c->found);
    putchar('}');
}

/* `,"parts":[...]` */
static void json_parts(const ExplainParts *parts)
{
    fputs(",\"parts\":[", stdout);
    for (int i = 0; i < parts->n; i++) {
        if (i)
            putchar(',');
        if (parts->v[i].kind == PART_SUM)
            json_sum(&parts->v[i]);
        else if (parts->v[i].kind == PART_CALL)
            json_call(&parts->v[i]);
        else if (parts->v[i].kind == PART_DERIVED)
            json_derived(&parts->v[i]);
        else
            json_clamp(&parts->v[i]);
    }
    putchar(']');
}

static void json_rule(const ExplainRule *r)
{
    fputs("{\"rule\":", stdout);
    if (r->label)
        json_text(r->label);
    else
        printf("%d", r->number);
    printf(",\"applied\":%s", r->applied ? "true" : "false");
    json_figure("amount", r->amount);
    json_excerpt("condition", r->condition);
    if (r->failed.s)
        json_excerpt("failed", r->failed);
    if (r->cite)
        json_field("cite", r->cite, strlen(r->cite));
    if (r->applied)
        json_parts(&r->parts);
    putchar('}');
}

static void json_node(const ExplainNode *n);

static void json_use(const ExplainUse *u)
{
    if (u->kind == USE_NODE) {
        json_node(u->node);
        return;
    }
    fputs("{\"name\":", stdout);
    json_text(u->name);
    if (u->blank)
        fputs(",\"value\":null,\"blank\":true", stdout);
    else
        json_figure("value", u->value);
    printf(",\"from\":\"%s\"}", u->kind == USE_FIELD ? u->from : "param");
}

static void json_node(const ExplainNode *n)
{
    fputs("{\"name\":", stdout);
    json_text(n->name);
    json_figure("value", n->value);
    printf(",\"kind\":\"%s\"", n->kind);
    if (n->cite)
        json_field("cite", n->cite, strlen(n->cite));
    if (n->again) {
        fputs(",\"explained_above\":true}", stdout);
        return;
    }
    if (!n->component) {
        json_excerpt("formula", n->formula);
        json_parts(&n->parts);
    } else {
        printf(",\"policy\":\"%s\",\"rules\":[", n->policy);
        for (int i = 0; i < n->rules.n; i++) {
            if (i)
                putchar(',');
            json_rule(&n->rules.v[i]);
        }
        putchar(']');
    }
    fputs(",\"uses\":[", stdout);
    for (int i = 0; i < n->uses.n; i++) {
        if (i)
            putchar(',');
        json_use(&n->uses.v[i]);
    }
    fputs("]}", stdout);
}

static void json_explanation(const Explanation *x)
{
    fputs("{\"employee\":", stdout);
    json_text(x->id);
    printf(",\"row\":%ld,\"year\":", x->row);
    json_text(x->year);
    if (x->error)
        json_field("error", x->error, strlen(x->error));
    fputs(",\"outputs\":[", stdout);
    bool first = true;
    for (int i = 0; i < x->outputs.n; i++) {
        if (!x->outputs.v[i].node)
            continue;
        if (!first)
            putchar(',');
        json_node(x->outputs.v[i].node);
        first = false;
    }
    fputs("]}\n", stdout);
}

/* Explains the employee as text or JSON on standard output; a row that
 * fails also on standard error, as eval reports it. */
static int explain(const ExplainRequest *rq, bool json)
{
    Explanation x;
    EngineError e;
    if (!explain_employee(rq, &x, &e)) {
        if (e.kind == FAIL_READ)
            fprintf(stderr, "terms: cannot read %s: %s\n", e.roster, e.text);
        else
            report_engine_error("explain", &e);
        return EXIT_BAD_INPUT;
    }
    if (json)
        json_explanation(&x);
    else
        text_explanation(&x, rq->roster.path);
    int status = EXIT_OK;
    if (x.error) {
        fprintf(stderr, "%s:%ld: row %ld (%s %s): error: %s\n", rq->roster.path, x.line, x.row, x.id_field, x.id, x.error);
        status = EXIT_BAD_INPUT;
    }
    explanation_free(&x);
    return status;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option opts[] = {
        {"id", required_argument, 0, 'i'}, {"format", required_argument, 0, 'f'}, RECORDS_OPTION, SCENARIO_OPTIONS,
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
    if (l.ok && !scenario_apply(&sc, &l.m, &year, ov, &nov)) {
        status = EXIT_USAGE;
    } else if (l.ok) {
        Version v = {.path = l.d.path, .m = &l.m, .ov = ov, .nov = nov};
        ExplainRequest rq = {.version = &v, .source = &l.d, .year = year, .roster = {.path = argv[optind + 1], .records = sc.records.v, .nrecords = sc.records.n}, .id = id};
        status = explain(&rq, !strcmp(format, "json"));
    }
    report_errors(&l);
    unload_contract(&l);
    return status;
}
