/* ide_help.c: hover text and quick fixes (ide.h).  A hover says what a
 * name is, shows its declaration and citation, and gives its value for
 * the employee of the nearest `example`, computed by the VM as `terms
 * test` computes it.  A quick fix replaces a misspelt name by the one the
 * checker suggests, or adds an `example` block for the employee a proof
 * found. */
#include "ide_doc.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "compile.h"
#include "engine.h"
#include "examples.h"
#include "format.h"
#include "parse.h"
#include "vm.h"

/* A declaration longer than this many lines is cut in a hover. */
enum { MAX_SHOWN_LINES = 8, MAX_GIVEN_PARAMS = 256 };

/* ---- text ---- */

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} Text;

static FILE *text_open(Text *t)
{
    *t = (Text){0};
    t->f = open_memstream(&t->buf, &t->len);
    if (!t->f)
        abort();
    return t->f;
}

static const char *text_close(Text *t, Arena *a)
{
    fclose(t->f);
    const char *s = arena_strndup(a, t->buf, t->len);
    free(t->buf);
    return s;
}

static uint32_t bol(const IdeDoc *doc, uint32_t at)
{
    while (at > 0 && doc->text[at - 1] != '\n' && doc->text[at - 1] != '\r')
        at--;
    return at;
}

static uint32_t eol(const IdeDoc *doc, uint32_t at)
{
    while (at < doc->len && doc->text[at] != '\n' && doc->text[at] != '\r')
        at++;
    return at;
}

/* The whole lines that at spans, at most max of them, without the
 * indentation of the first. */
static void show_lines(const IdeDoc *doc, Span at, int max, FILE *f)
{
    uint32_t from = bol(doc, at.start), last = eol(doc, at.end > at.start ? at.end - 1 : at.start);
    uint32_t indent = 0;
    while (from + indent < last && (doc->text[from + indent] == ' ' || doc->text[from + indent] == '\t'))
        indent++;
    for (int shown = 0; from <= last && from < doc->len; shown++) {
        uint32_t end = eol(doc, from);
        if (shown == max) {
            fputs("...\n", f);
            break;
        }
        uint32_t skip = 0;
        while (skip < indent && from + skip < end && (doc->text[from + skip] == ' ' || doc->text[from + skip] == '\t'))
            skip++;
        fprintf(f, "%.*s\n", (int)(end - from - skip), doc->text + from + skip);
        from = end;
        if (from < doc->len && doc->text[from] == '\r')
            from++;
        if (from < doc->len && doc->text[from] == '\n')
            from++;
        if (end >= last)
            break;
    }
}

static Span item_span_of(const IdeDoc *doc, ItemKind kind, int index)
{
    const ItemRef *it = ide_item(doc->c, kind, index);
    return it ? ide_item_span(doc->c, it) : (Span){0, 0};
}

/* ---- what a name is ---- */

static const char *kind_word(IdeKind k)
{
    static const char *const words[] = {
        [IDE_FIELD] = "field",       [IDE_PARAM] = "param",     [IDE_DEFINITION] = "definition", [IDE_COMPONENT] = "component",
        [IDE_RULE] = "rule",         [IDE_SCHEDULE] = "schedule", [IDE_TABLE] = "table",        [IDE_ENUM] = "enum",
        [IDE_MEMBER] = "member",     [IDE_BUILTIN] = "built-in", [IDE_LOCAL] = "loop variable", [IDE_YEAR] = "contract year",
        [IDE_FUNCTION] = "function", [IDE_PARAMETER] = "parameter",
    };
    return k < sizeof words / sizeof *words && words[k] ? words[k] : "name";
}

static Type type_of(const IdeDoc *doc, const Occurrence *o)
{
    const Model *m = &doc->m;
    IdeRef r = o->ref;
    if (o->type.kind != TY_ERROR)
        return o->type;
    switch (r.kind) {
    case IDE_FIELD: return m->fields ? m->fields[r.index].type : o->type;
    case IDE_PARAM: return m->params ? m->params[r.index].type : o->type;
    case IDE_DEFINITION: return m->def_types ? m->def_types[r.index] : o->type;
    case IDE_COMPONENT: return m->comp_types ? m->comp_types[r.index] : o->type;
    case IDE_SCHEDULE: return m->schedules ? m->schedules[r.index].cell_type : o->type;
    case IDE_TABLE: return m->tables ? m->tables[r.index].value_type : o->type;
    case IDE_FUNCTION: return m->functions ? m->functions[r.index].result : o->type;
    case IDE_YEAR: return (Type){TY_INTEGER, 0};
    default: return o->type;
    }
}

/* **kind** `name`: type, and what else one line can say */
static void heading(const IdeDoc *doc, const Occurrence *o, FILE *f)
{
    const Contract *c = doc->c;
    IdeRef r = o->ref;
    if (r.kind == IDE_RULE)
        fprintf(f, "**rule** `%s %s`", c->rules.v[r.index].component.s, c->rules.v[r.index].label.s);
    else
        fprintf(f, "**%s** `%.*s`", kind_word(r.kind), (int)(o->at.end - o->at.start), doc->text + o->at.start);
    switch (r.kind) {
    case IDE_MEMBER: {
        const MemberDecl *md = &c->enums.v[r.owner].members.v[r.index];
        fprintf(f, " of `%s`", c->enums.v[r.owner].name.s);
        if (md->display)
            fprintf(f, ", shown as \"%s\"", md->display);
        break;
    }
    case IDE_SCHEDULE:
        fprintf(f, " by %s, %s", c->schedules.v[r.index].row_dim.s, c->schedules.v[r.index].col_dim.s);
        break;
    case IDE_TABLE:
        fprintf(f, " by %s", c->tables.v[r.index].key_dim.s);
        break;
    case IDE_ENUM:
        fprintf(f, ": %d member%s", c->enums.v[r.index].members.n, c->enums.v[r.index].members.n == 1 ? "" : "s");
        break;
    case IDE_PARAMETER:
        fprintf(f, " of `%s`", c->functions.v[r.owner].name.s);
        break;
    case IDE_FUNCTION:
        fprintf(f, ", %d parameter%s", c->functions.v[r.index].params.n, c->functions.v[r.index].params.n == 1 ? "" : "s");
        break;
    case IDE_COMPONENT: {
        const ComponentDecl *comp = &c->components.v[r.index];
        fprintf(f, ", %d rule%s%s%s", comp->rules.n, comp->rules.n == 1 ? "" : "s",
                comp->policy == POLICY_AT_MOST_ONE ? ", at most one applies" : "",
                comp->policy == POLICY_EXACTLY_ONE ? ", exactly one applies" : "");
        break;
    }
    default:
        break;
    }
    Type t = type_of(doc, o);
    if (t.kind != TY_ERROR && r.kind != IDE_MEMBER && r.kind != IDE_RULE && r.kind != IDE_BUILTIN)
        fprintf(f, ": %s", type_name(&doc->m, t));
    fputc('\n', f);
}

/* The declaration as written, in a code block. */
static void declaration(const IdeDoc *doc, IdeRef r, FILE *f)
{
    const Contract *c = doc->c;
    if (r.kind == IDE_BUILTIN) {
        fprintf(f, "\n%s\n", builtins[r.index].summary);
        return;
    }
    if (r.kind == IDE_YEAR) {
        fprintf(f, "\nThe contract year: 1 in the first, %d in the last.\n", doc->m.nyears);
        return;
    }
    Span at = {0, 0};
    int max = MAX_SHOWN_LINES;
    switch (r.kind) {
    case IDE_FIELD: at = c->fields.v[r.index].at; break;
    case IDE_PARAM: at = item_span_of(doc, ITEM_PARAM, r.index); break;
    case IDE_DEFINITION: at = item_span_of(doc, ITEM_DEF, r.index); break;
    case IDE_SCHEDULE: at = item_span_of(doc, ITEM_SCHEDULE, r.index); max = 1; break;
    case IDE_TABLE: at = item_span_of(doc, ITEM_TABLE, r.index); break;
    case IDE_ENUM: at = item_span_of(doc, ITEM_ENUM, r.index); break;
    case IDE_MEMBER: at = item_span_of(doc, ITEM_ENUM, r.owner); break;
    case IDE_RULE: at = item_span_of(doc, ITEM_RULE, r.index); break;
    case IDE_FUNCTION: at = item_span_of(doc, ITEM_FUNCTION, r.index); break;
    case IDE_COMPONENT: {
        /* its policy and its rules, wherever they are written */
        const ComponentDecl *comp = &c->components.v[r.index];
        fputs("\n```terms\n", f);
        int shown = 0;
        if (comp->policy != POLICY_ANY && shown++ < MAX_SHOWN_LINES)
            show_lines(doc, comp->policy_at, 1, f);
        for (int j = 0; j < comp->rules.n; j++)
            if (shown++ < MAX_SHOWN_LINES)
                show_lines(doc, c->rules.v[comp->rules.v[j]].at, 1, f);
        if (shown > MAX_SHOWN_LINES)
            fputs("...\n", f);
        fputs("```\n", f);
        return;
    }
    default: return;
    }
    if (at.end == 0)
        return;
    fputs("\n```terms\n", f);
    show_lines(doc, at, max, f);
    fputs("```\n", f);
}

static void cite(const IdeDoc *doc, IdeRef r, FILE *f)
{
    const Contract *c = doc->c;
    const char *cites[MAX_SHOWN_LINES];
    int n = 0;
    switch (r.kind) {
    case IDE_PARAM: cites[n++] = c->params.v[r.index].cite; break;
    case IDE_DEFINITION: cites[n++] = c->defs.v[r.index].cite; break;
    case IDE_SCHEDULE: cites[n++] = c->schedules.v[r.index].cite; break;
    case IDE_TABLE: cites[n++] = c->tables.v[r.index].cite; break;
    case IDE_RULE: cites[n++] = c->rules.v[r.index].cite; break;
    case IDE_FUNCTION: cites[n++] = c->functions.v[r.index].cite; break;
    case IDE_COMPONENT: {
        const ComponentDecl *comp = &c->components.v[r.index];
        for (int j = 0; j < comp->rules.n && n < MAX_SHOWN_LINES; j++) {
            const char *s = c->rules.v[comp->rules.v[j]].cite;
            bool again = false;
            for (int i = 0; i < n && s; i++)
                again |= !strcmp(cites[i], s);
            if (s && !again)
                cites[n++] = s;
        }
        break;
    }
    default: break;
    }
    int shown = 0;
    for (int i = 0; i < n; i++)
        if (cites[i])
            fprintf(f, "%s%s", shown++ ? "; " : "\nCites ", cites[i]);
    if (shown)
        fputs("\n", f);
}

/* ---- values for an example's employee ---- */

typedef struct {
    const Program *p;
    VM *vm;
    Value *record;
    Override ov[MAX_GIVEN_PARAMS];
    int nov;
} Run;

/* The program for example ex (its params, if it gives any) in year,
 * compiled once per document. */
static const Program *program_for(IdeDoc *doc, int ex, int year, const Override *ov, int nov, const Given *given, int ngiven)
{
    int slot = nov > 0 || ngiven > 0 ? ex : doc->c->examples.n;
    Program **p = &doc->programs[slot * doc->m.nyears + year];
    if (!*p)
        *p = compile_example(&doc->m, year, ov, nov, given, ngiven);
    return *p;
}

/* Example ex's employee in year, ready to be asked for values. */
static void run_start(IdeDoc *doc, int ex, int year, Run *run, Arena *a)
{
    const Model *m = &doc->m;
    const Contract *c = doc->c;
    const ExampleDecl *e = &c->examples.v[ex];
    run->record = arena_alloc(a, sizeof(Value) * (size_t)(m->schema.nfields + 1));
    for (int i = 0; i < m->schema.nfields; i++)
        run->record[i] = example_default(&m->fields[i]);
    run->nov = 0;
    for (int i = 0; i < e->given.n; i++) {
        const Binding *b = &e->given.v[i];
        for (int f = 0; f < m->schema.nfields; f++)
            if (!strcmp(m->fields[f].name, b->name.s))
                run->record[f] = example_field(a, m, f, b->expr);
        for (int p = 0; p < c->params.n && run->nov < MAX_GIVEN_PARAMS; p++)
            if (!strcmp(c->params.v[p].name.s, b->name.s))
                run->ov[run->nov++] = (Override){.param = p, .value = example_constant(a, b->expr).num};
    }
    /* the definitions and components it gives are constants of its program,
     * as in engine/examples.c, so nothing folded from them keeps the
     * contract's own value */
    Given *given = arena_alloc(a, sizeof(Given) * (size_t)(e->given.n + 1));
    int ngiven = 0;
    for (int i = 0; i < e->given.n; i++) {
        int node = model_node_named(m, e->given.v[i].name.s);
        if (node >= 0)
            given[ngiven++] = (Given){node, example_constant(a, e->given.v[i].expr)};
    }
    run->p = program_for(doc, ex, year, run->ov, run->nov, given, ngiven);
    run->vm = vm_new(run->p);
    vm_begin(run->vm, run->record);
}

/* Whether rule r applies to the run's employee. */
static const char *rule_text(const IdeDoc *doc, Run *run, int r, Arena *a)
{
    const Contract *c = doc->c;
    for (int k = 0; k < c->components.n; k++)
        for (int j = 0; j < c->components.v[k].rules.n; j++)
            if (c->components.v[k].rules.v[j] == r) {
                Value v;
                if (!vm_value(run->vm, c->defs.n + k, &v))
                    return arena_printf(a, "cannot be computed: %s", vm_error(run->vm));
                return vm_rule_fired(run->vm, run->p->components[k].first_rule + j) ? "applies" : "does not apply";
            }
    return "";
}

static const char *value_text(const IdeDoc *doc, Run *run, IdeRef r, int year, Arena *a)
{
    const Model *m = &doc->m;
    Value v = {0};
    Type t;
    if (r.kind == IDE_FIELD) {
        v = run->record[r.index];
        t = m->fields[r.index].type;
    } else if (r.kind == IDE_PARAM) {
        const Figure *cell = &m->params[r.index].values[year];
        bool blank = cell->blank;
        v.num = cell->v;
        t = m->params[r.index].type;
        for (int i = 0; i < run->nov; i++)
            if (run->ov[i].param == r.index) {
                v.num = run->ov[i].value;
                blank = false;
            }
        if (blank)
            return "blank ($___)";
    } else if (r.kind == IDE_RULE) {
        return rule_text(doc, run, r.index, a);
    } else {
        int node = r.kind == IDE_DEFINITION ? r.index : doc->c->defs.n + r.index;
        if (!vm_value(run->vm, node, &v))
            return arena_printf(a, "cannot be computed: %s", vm_error(run->vm));
        t = run->p->nodes[node].type;
    }
    if (t.kind == TY_TEXT)
        return arena_printf(a, "\"%.*s%s\"", v.text.len > 200 ? 200 : (int)v.text.len, v.text.p, v.text.len > 200 ? "..." : "");
    char buf[512];
    size_t n = format_display(v, t, m->enums, buf, sizeof buf - 1);
    return n ? arena_strndup(a, buf, n) : "(too long to show)";
}

/* The example that holds offset, or else the nearest; -1 if none. */
static int nearest_example(const IdeDoc *doc, uint32_t offset)
{
    int best = -1;
    uint32_t distance = UINT32_MAX;
    for (int i = 0; i < doc->c->items.n; i++) {
        const ItemRef *it = &doc->c->items.v[i];
        if (it->kind != ITEM_EXAMPLE)
            continue;
        Span at = ide_item_span(doc->c, it);
        uint32_t d = offset < at.start ? at.start - offset : offset > at.end ? offset - at.end : 0;
        if (d < distance) {
            distance = d;
            best = it->index;
        }
    }
    return best;
}

/* "In example "...": $1,000.00", or per year if the years differ. */
static void hover_example_value(IdeDoc *doc, IdeRef r, uint32_t offset, FILE *f, Arena *a)
{
    if (!doc->runnable ||
        (r.kind != IDE_FIELD && r.kind != IDE_PARAM && r.kind != IDE_DEFINITION && r.kind != IDE_COMPONENT && r.kind != IDE_RULE))
        return;
    int ex = nearest_example(doc, offset);
    if (ex < 0)
        return;
    const Contract *c = doc->c;
    int n = doc->m.nyears;
    const char **values = arena_alloc(a, sizeof *values * (size_t)n);
    bool same = true;
    for (int y = 0; y < n; y++) {
        Run run;
        run_start(doc, ex, y, &run, a);
        values[y] = value_text(doc, &run, r, y, a);
        vm_free(run.vm);
        same &= !strcmp(values[y], values[0]);
    }
    int line, character;
    ide_position(doc, c->examples.v[ex].at.start, &line, &character);
    fprintf(f, "\nIn example \"%s\" (line %d): ", c->examples.v[ex].title, line + 1);
    if (same)
        fprintf(f, "%s\n", values[0]);
    else
        for (int y = 0; y < n; y++)
            fprintf(f, "%s%s in \"%s\"%s", y ? ", " : "", values[y], c->years.v[y].s, y + 1 == n ? "\n" : "");
}

const char *ide_hover(IdeDoc *doc, uint32_t offset, Span *at, Arena *a)
{
    Occurrence o;
    if (!ide_occurrence_at(doc, offset, &o))
        return NULL;
    *at = o.at;
    Text t;
    FILE *f = text_open(&t);
    heading(doc, &o, f);
    declaration(doc, o.ref, f);
    cite(doc, o.ref, f);
    hover_example_value(doc, o.ref, offset, f, a);
    return text_close(&t, a);
}

/* ---- quick fixes ---- */

typedef VEC(IdeFix) FixList;

static bool overlaps(Span a, Span range)
{
    return a.start <= range.end && range.start <= a.end;
}

/* "...`distrct_years`...; did you mean `district_years`?": the name in
 * backquotes that the diagnostic's span starts with, replaced. */
static bool suggestion_fix(const IdeDoc *doc, int i, IdeFix *fix, Arena *a)
{
    static const char ask[] = "did you mean `";
    const IdeDiag *d = &doc->diags.v[i];
    const char *mean = strstr(d->message, ask);
    if (!mean)
        return false;
    const char *want = mean + strlen(ask), *want_end = strchr(want, '`');
    if (!want_end)
        return false;
    for (const char *q = strchr(d->message, '`'); q && q < mean;) {
        const char *close = strchr(q + 1, '`');
        if (!close || close > mean)
            break;
        size_t n = (size_t)(close - q - 1);
        uint32_t at = d->at.start;
        if (n > 0 && at + n <= doc->len && !memcmp(doc->text + at, q + 1, n) &&
            (at + n == doc->len || !ide_is_name_char(doc->text[at + n]))) {
            int wn = (int)(want_end - want);
            *fix = (IdeFix){arena_printf(a, "Change `%.*s` to `%.*s`", (int)n, q + 1, wn, want), i, {at, at + (uint32_t)n},
                            arena_strndup(a, want, (size_t)wn), true};
            return true;
        }
        q = strchr(close + 1, '`');
    }
    return false;
}

/* The component whose rule or policy a proof's error is at. */
static int component_at(const Contract *c, uint32_t offset)
{
    for (int k = 0; k < c->components.n; k++) {
        const ComponentDecl *comp = &c->components.v[k];
        if (comp->policy != POLICY_ANY && comp->policy_at.start == offset)
            return k;
        for (int j = 0; j < comp->rules.n; j++) {
            Span at = c->rules.v[comp->rules.v[j]].at;
            if (at.start <= offset && offset < at.end)
                return k;
        }
    }
    return -1;
}

/* A witness, "an employee with years = 15, assignments includes band,
 * assignments includes debate, lead = yes" (compiler/prove.c), as an
 * example's givens: "years = 15, assignments = [band, debate], lead =
 * yes".  A list lacking a member gives nothing: an example's list is
 * empty unless given. */
static const char *givens_of(const char *witness, Arena *a)
{
    static const char with[] = "an employee with ";
    if (strncmp(witness, with, strlen(with)))
        return "";
    const char *rest = witness + strlen(with);
    int cap = 1;
    for (const char *p = rest; (p = strstr(p, ", ")); p += 2)
        cap++;
    struct { const char *name; size_t len; Text list; bool is_list; const char *part; } *parts = arena_alloc(a, sizeof *parts * (size_t)cap);
    int n = 0;
    for (const char *p = rest; *p;) {
        const char *end = strstr(p, ", ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *part = arena_strndup(a, p, len);
        const char *inc = strstr(part, " includes ");
        if (inc) {
            size_t nl = (size_t)(inc - part);
            int i = 0;
            while (i < n && !(parts[i].is_list && parts[i].len == nl && !strncmp(parts[i].name, part, nl)))
                i++;
            if (i == n) {
                parts[n].name = part;
                parts[n].len = nl;
                parts[n].is_list = true;
                fprintf(text_open(&parts[n].list), "%.*s = [", (int)nl, part);
                n++;
            } else {
                fputs(", ", parts[i].list.f);
            }
            fputs(inc + strlen(" includes "), parts[i].list.f);
        } else if (!strstr(part, " lacks ")) {
            parts[n].is_list = false;
            parts[n++].part = part;
        }
        p += len + (end ? 2 : 0);
    }
    Text out;
    FILE *f = text_open(&out);
    for (int i = 0; i < n; i++) {
        if (parts[i].is_list) {
            fputc(']', parts[i].list.f);
            parts[i].part = text_close(&parts[i].list, a);
        }
        fprintf(f, "%s%s", i ? ", " : "", parts[i].part);
    }
    return text_close(&out, a);
}

static void ignore(void *ctx, DiagKind kind, Span at, const char *message)
{
    (void)ctx, (void)kind, (void)at, (void)message;
}

/* Whether the text with more appended still parses. */
static bool parses_with(const IdeDoc *doc, const char *more)
{
    size_t n = strlen(more);
    char *all = xmalloc(doc->len + n + 1);
    memcpy(all, doc->text, doc->len);
    memcpy(all + doc->len, more, n + 1);
    Diags d = {.path = doc->path, .src = all, .len = doc->len + n, .sink = ignore};
    Contract *c = parse_contract(doc->path, all, doc->len + n, &d);
    bool ok = d.errors == 0;
    contract_free(c);
    free(all);
    return ok;
}

/* A proof's witness (note i) as an `example` block added at the end: the
 * employee given, and the component expected, with a placeholder amount
 * that the writer replaces by the one the parties intend. */
static bool example_fix(const IdeDoc *doc, int i, IdeFix *fix, Arena *a)
{
    static const char lead[] = "for example, ";
    const IdeDiag *note = &doc->diags.v[i], *error = &doc->diags.v[note->parent];
    if (strncmp(note->message, lead, strlen(lead)) || !doc->c)
        return false;
    const char *witness = note->message + strlen(lead);
    int k = component_at(doc->c, error->at.start);
    if (k < 0)
        return false;
    const char *name = doc->c->components.v[k].name.s;
    Type t = doc->m.comp_types ? doc->m.comp_types[k] : (Type){TY_MONEY, 0};
    const char *zero = t.kind == TY_MONEY ? "$0" : t.kind == TY_DECIMAL ? "0.0" : "0";
    const char *given = givens_of(witness, a);
    Text block;
    FILE *f = text_open(&block);
    if (doc->len > 0)
        fputs(doc->text[doc->len - 1] == '\n' || doc->text[doc->len - 1] == '\r' ? "\n" : "\n\n", f);
    fprintf(f, "example \"%s for %s\":\n", name, witness);
    fprintf(f, "  # %s\n", error->message);
    if (*given)
        fprintf(f, "  given %s\n", given);
    fprintf(f, "  expect %s = %s  # the amount the parties intend\n", name, zero);
    const char *text = text_close(&block, a);
    if (!parses_with(doc, text))
        return false;
    *fix = (IdeFix){arena_printf(a, "Add an example for %s", witness), note->parent, {(uint32_t)doc->len, (uint32_t)doc->len}, text, false};
    return true;
}

int ide_fixes(IdeDoc *doc, Span range, IdeFix **out, Arena *a)
{
    FixList l = {0};
    for (int i = 0; i < doc->diags.n; i++) {
        const IdeDiag *d = &doc->diags.v[i];
        const IdeDiag *parent = d->parent >= 0 ? &doc->diags.v[d->parent] : NULL;
        if (!overlaps(d->at, range) && !(parent && overlaps(parent->at, range)))
            continue;
        IdeFix fix;
        if (d->kind != DIAG_NOTE && suggestion_fix(doc, i, &fix, a))
            VEC_PUSH(a, l, fix);
        if (d->kind == DIAG_NOTE && parent->kind == DIAG_ERROR && example_fix(doc, i, &fix, a))
            VEC_PUSH(a, l, fix);
    }
    *out = l.v;
    return l.n;
}
