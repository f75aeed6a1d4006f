/* check.c: names, types, tables and dependency order.  See check.h.
 *
 * The checker walks the contract in passes: declarations (years, enums,
 * the employee record, params, schedules, tables), then every definition
 * and component rule (typing each expression and noting what it depends
 * on), then outputs, advancement and examples, and last the evaluation
 * order and the component proofs.  It reports every error it finds and
 * carries on with TY_ERROR, which silences errors that would only repeat
 * an earlier one.
 */
#include "checker.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"

const char *type_name(const Model *m, Type t)
{
    switch (t.kind) {
    case TY_ERROR: return "an erroneous value";
    case TY_INTEGER: return "integer";
    case TY_DECIMAL: return "decimal";
    case TY_MONEY: return "money";
    case TY_BOOL: return "yes/no";
    case TY_TEXT: return "text";
    case TY_DATE: return "date";
    case TY_ENUM: return m->enums[t.enum_id].name;
    case TY_LIST: return arena_printf(&m->ast->arena, "list of %s", m->enums[t.enum_id].name);
    case TY_RECORDS: return arena_printf(&m->ast->arena, "list of %s", m->records[t.enum_id].name);
    case TY_RECORD: return m->records[t.enum_id].name;
    }
    return "?";
}

int find_year(const Model *m, const char *year)
{
    for (int i = 0; i < m->ast->years.n; i++)
        if (strcmp(m->ast->years.v[i].s, year) == 0)
            return i;
    return -1;
}

/* ---- symbols ---- */

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static Sym *sym_slot(Checker *k, const char *name)
{
    uint32_t i = hash(name) & (uint32_t)(k->symcap - 1);
    while (k->syms[i].name && strcmp(k->syms[i].name, name) != 0)
        i = (i + 1) & (uint32_t)(k->symcap - 1);
    return &k->syms[i];
}

Sym *sym_find(Checker *k, const char *name)
{
    Sym *s = sym_slot(k, name);
    return s->name ? s : NULL;
}

const char *sym_kind_text(SymKind kind)
{
    static const char *const text[] = {"", "field", "param", "definition", "component", "schedule", "table", "enum", "function"};
    return text[kind];
}

/* What a name the language gives a meaning of its own means, or NULL:
 * a declaration of that name would shadow it, or be shadowed by it. */
static const char *built_in(const char *name)
{
    if (!strcmp(name, "contract_year"))
        return "the contract year being computed";
    if (!strcmp(name, "cents") || !strcmp(name, "dollars"))
        return "a unit of round( ), floor( ) and ceil( )";
    return NULL;
}

bool refuse_built_in(Checker *k, const char *name, const char *kind, Span at)
{
    const char *means = built_in(name);
    if (means)
        diag_error(k->d, at, "`%s` is built in (%s), so %s %s cannot be called that", name, means,
                   kind[0] == 'e' ? "an" : "a", kind);
    return means != NULL;
}

/* Declares name, or reports that it is taken. */
bool sym_declare(Checker *k, const char *name, SymKind kind, int index, Span at)
{
    if (refuse_built_in(k, name, sym_kind_text(kind), at))
        return false;
    Sym *s = sym_slot(k, name);
    if (s->name) {
        diag_error(k->d, at, "`%s` is already a %s", name, sym_kind_text(s->kind));
        diag_note(k->d, s->at, "`%s` is declared here", name);
        return false;
    }
    *s = (Sym){name, kind, index, at};
    return true;
}

static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int row[65];
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int cur = row[j];
            int best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}


void suggest_consider(Suggestion *s, const char *candidate)
{
    int dist = edit_distance(s->target, candidate);
    int limit = (int)strlen(s->target) / 3 + 1;
    if (dist <= limit && dist < s->dist) {
        s->best = candidate;
        s->dist = dist;
    }
}

/* "; did you mean `district_years`?" or "" */
const char *suggest(Checker *k, const char *name, bool values_only)
{
    Suggestion s = {NULL, 99, name};
    for (int i = 0; i < k->symcap; i++)
        if (k->syms[i].name && (!values_only || k->syms[i].kind != SYM_ENUM))
            suggest_consider(&s, k->syms[i].name);
    for (int i = 0; i < k->m->schema.nenums; i++)
        for (int j = 0; j < k->m->enums[i].count; j++)
            suggest_consider(&s, k->m->enums[i].members[j]);
    for (int i = 0; i < k->nlocals; i++)
        suggest_consider(&s, k->locals[i].name);
    if (values_only)
        for (int i = 0; i < nbuiltins; i++)
            suggest_consider(&s, builtins[i].name);
    return s.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", s.best) : "";
}

int enum_member(const EnumDef *e, const char *name)
{
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->members[i], name) == 0)
            return i;
    return -1;
}

const char *suggest_member(Checker *k, const EnumDef *e, const char *name)
{
    Suggestion s = {NULL, 99, name};
    for (int i = 0; i < e->count; i++)
        suggest_consider(&s, e->members[i]);
    return s.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", s.best) : "";
}

/* ---- definitions and components ---- */

static void declare_defs(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->def_types = arena_alloc(&c->arena, sizeof(Type) * (size_t)(c->defs.n + 1));
    m->comp_types = arena_alloc(&c->arena, sizeof(Type) * (size_t)(c->components.n + 1));
    for (int i = 0; i < c->defs.n; i++)
        sym_declare(k, c->defs.v[i].name.s, SYM_DEF, i, c->defs.v[i].name.at);
    for (int i = 0; i < c->components.n; i++) {
        ComponentDecl *comp = &c->components.v[i];
        Span at = comp->rules.n ? c->rules.v[comp->rules.v[0]].component.at : comp->policy_at;
        sym_declare(k, comp->name.s, SYM_COMPONENT, i, at);
        if (comp->rules.n == 0)
            diag_error(k->d, comp->policy_at, "component `%s` has a policy but no rules", comp->name.s);
    }
}

/* 1500 as it would be written as money: "$1,500" */
static const char *as_amount(Checker *k, Rat v)
{
    char buf[64];
    size_t n = rat_format_money(v, ROUND_HALF_UP, buf, sizeof buf - 1);
    if (n > 3 && !memcmp(buf + n - 3, ".00", 3))
        n -= 3;
    buf[n] = '\0';
    return arena_printf(&k->c->arena, "%s", buf);
}

/* A number written as a plain literal, which may be meant as an amount. */
static bool plain_number(const Expr *e, Rat *v)
{
    bool neg = e->kind == E_NEG && !e->parens;
    const Expr *lit = neg ? e->a : e;
    if (lit->kind != E_INT && lit->kind != E_DEC)
        return false;
    *v = neg ? rat_neg(lit->num) : lit->num;
    return true;
}

/* A component's rules and the type of what they add: money if any rule
 * adds money (a rule adding a plain number among them is the one
 * reported), else a number. */
static Type check_rules(Checker *k, ComponentDecl *comp)
{
    Contract *c = k->c;
    Type t = T_ERROR;
    Type *types = arena_alloc(&c->arena, sizeof(Type) * (size_t)(comp->rules.n + 1));
    int first_money = -1;
    for (int i = 0; i < comp->rules.n; i++) {
        RuleDecl *r = &c->rules.v[comp->rules.v[i]];
        if (r->when)
            expect_type(k, r->when, check_expr(k, r->when, NULL), TY_BOOL, "a rule's condition after `when`");
        Type at = types[i] = check_expr(k, r->amount, t.kind != TY_ERROR ? &t : NULL);
        if (at.kind != TY_ERROR && !is_numeric(at)) {
            diag_error(k->d, r->amount->at, "a rule adds money or a number, not %s", type_article(k, at));
            types[i] = T_ERROR;
        } else if (at.kind == TY_MONEY) {
            first_money = first_money < 0 ? i : first_money;
            t = at;
        } else if (is_number(at) && t.kind != TY_MONEY) {
            t = t.kind == TY_ERROR || (t.kind == TY_INTEGER && at.kind == TY_INTEGER) ? at : T_DEC;
        }
        for (int j = 0; j < i; j++) {
            RuleDecl *o = &c->rules.v[comp->rules.v[j]];
            if (r->label.s && o->label.s && !strcmp(r->label.s, o->label.s)) {
                diag_error(k->d, r->label.at, "component `%s` already has a rule labelled `%s`", comp->name.s, r->label.s);
                break;
            }
        }
    }
    for (int i = 0; i < comp->rules.n && t.kind == TY_MONEY; i++) {
        Expr *amount = c->rules.v[comp->rules.v[i]].amount;
        Rat v;
        if (!is_number(types[i]) || amount->kind == E_BLANK)
            continue;
        if (plain_number(amount, &v)) {
            diag_error(k->d, amount->at, "this rule adds a plain number, but `%s` adds money: write it as an amount, `%s`",
                       comp->name.s, as_amount(k, v));
        } else {
            diag_error(k->d, amount->at, "this rule adds %s, but `%s` adds money: a component adds one kind of value",
                       type_article(k, types[i]), comp->name.s);
            diag_note(k->d, c->rules.v[comp->rules.v[first_money]].amount->at, "a rule adding money");
        }
    }
    return t.kind == TY_ERROR ? T_MONEY : t;
}

/* Definitions are typed in dependency order: each is checked on first use,
 * in its own scope, and a cycle is left for order_nodes to report. */
void check_node(Checker *k, int node)
{
    Contract *c = k->c;
    if (k->state[node])
        return;
    k->state[node] = 1;
    int saved = k->cur, saved_base = k->local_base;
    k->cur = node;
    k->local_base = k->nlocals;
    if (node < c->defs.n) {
        DefDecl *def = &c->defs.v[node];
        k->m->def_types[node] = check_expr(k, def->expr, NULL);
    } else {
        int ci = node - c->defs.n;
        k->m->comp_types[ci] = check_rules(k, &c->components.v[ci]);
    }
    k->cur = saved;
    k->local_base = saved_base;
    k->state[node] = 2;
}

void walk_deps(Checker *k, int n, const DepList *deps, const DepWalk *w)
{
    Arena *arena = &k->c->arena;
    char *state = arena_alloc(arena, (size_t)n + 1); /* 0 new, 1 on the path, 2 done */
    int *path = arena_alloc(arena, sizeof(int) * (size_t)(n + 1));
    int *edge = arena_alloc(arena, sizeof(int) * (size_t)(n + 1));
    for (int root = 0; root < n; root++) {
        if (state[root])
            continue;
        int depth = 0;
        path[0] = root;
        edge[0] = 0;
        state[root] = 1;
        while (depth >= 0) {
            int node = path[depth];
            if (edge[depth] < deps[node].n) {
                Dep dep = deps[node].v[edge[depth]++];
                if (state[dep.node] == 0) {
                    state[dep.node] = 1;
                    path[++depth] = dep.node;
                    edge[depth] = 0;
                } else if (state[dep.node] == 1) {
                    int from = depth;
                    while (path[from] != dep.node)
                        from--;
                    w->cycle(k, deps, path, from, depth, dep);
                }
            } else {
                state[node] = 2;
                depth--;
                w->done(k, node);
            }
        }
    }
}

Span dep_at(const DepList *deps, int a, int b, Span fallback)
{
    for (int j = 0; j < deps[a].n; j++)
        if (deps[a].v[j].node == b)
            return deps[a].v[j].at;
    return fallback;
}

static const char *node_name(const Contract *c, int node)
{
    return node < c->defs.n ? c->defs.v[node].name.s : c->components.v[node - c->defs.n].name.s;
}

static void node_cycle(Checker *k, const DepList *deps, const int *path, int from, int depth, Dep back)
{
    diag_error(k->d, back.at, "`%s` depends on itself", node_name(k->c, back.node));
    for (int i = from; i <= depth; i++) {
        int a = path[i], b = i < depth ? path[i + 1] : back.node;
        diag_note(k->d, dep_at(deps, a, b, back.at), "`%s` uses `%s`", node_name(k->c, a), node_name(k->c, b));
    }
}

static void node_done(Checker *k, int node)
{
    int ndefs = k->c->defs.n;
    k->m->order[k->m->norder++] = node < ndefs ? (Node){NODE_DEF, node} : (Node){NODE_COMPONENT, node - ndefs};
}

/* Orders definitions and components so each comes after what it uses;
 * a cycle is reported with every step of it. */
static void order_nodes(Checker *k)
{
    int n = k->c->defs.n + k->c->components.n;
    k->m->order = arena_alloc(&k->c->arena, sizeof(Node) * (size_t)(n + 1));
    walk_deps(k, n, k->deps, &(DepWalk){node_cycle, node_done});
}

/* ---- outputs, advancement, examples ---- */

static Expr *name_expr(Checker *k, Name n)
{
    Expr *e = expr_new(k->c, E_NAME, n.at);
    e->name = n.s;
    return e;
}

static void check_outputs(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->outputs.n; i++) {
        Expr *e = name_expr(k, c->outputs.v[i]);
        check_expr(k, e, NULL);
        if (e->type.kind != TY_ERROR && e->ref == REF_MEMBER) {
            diag_error(k->d, e->at, "`%s` is an enum member, not something to output", e->name);
            e->type = T_ERROR;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(c->outputs.v[j].s, e->name)) {
                diag_error(k->d, e->at, "`%s` is already in the output", e->name);
                break;
            }
        c->outputs.v[i].s = e->name;
        k->m->outputs = k->m->outputs ? k->m->outputs : arena_alloc(&c->arena, sizeof(Expr *) * (size_t)(c->outputs.n + 1));
        k->m->outputs[i] = e;
    }
    k->m->noutputs = c->outputs.n;
}

static void check_each_year(Checker *k)
{
    Contract *c = k->c;
    k->m->each_year_field = arena_alloc(&c->arena, sizeof(int) * (size_t)(c->each_year.n + 1));
    for (int i = 0; i < c->each_year.n; i++) {
        Binding *b = &c->each_year.v[i];
        Sym *s = sym_find(k, b->name.s);
        k->m->each_year_field[i] = -1;
        if (!s || s->kind != SYM_FIELD) {
            diag_error(k->d, b->name.at, "`each year:` sets fields of the employee record, and `%s` is not one%s", b->name.s,
                       s ? "" : suggest(k, b->name.s, false));
            check_expr(k, b->expr, NULL);
            continue;
        }
        Type ft = k->m->fields[s->index].type;
        Type t = check_expr(k, b->expr, &ft);
        k->m->each_year_field[i] = s->index;
        if (t.kind != TY_ERROR && !same_type(t, ft) && !(ft.kind == TY_DECIMAL && t.kind == TY_INTEGER))
            diag_error(k->d, b->expr->at, "`%s` is %s, but this gives %s", b->name.s, type_article(k, ft), type_article(k, t));
        for (int j = 0; j < i; j++)
            if (!strcmp(c->each_year.v[j].name.s, b->name.s)) {
                diag_error(k->d, b->name.at, "`each year:` sets `%s` twice", b->name.s);
                break;
            }
    }
}

/* A constant an example gives or expects: a literal, a member, a set of
 * members for a list, yes/no, text or a date. */
static bool is_constant(const Expr *e)
{
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY: case E_BOOL: case E_TEXT: case E_DATE:
        return true;
    case E_NEG:
        return e->a->kind == E_INT || e->a->kind == E_DEC || e->a->kind == E_MONEY;
    case E_NAME:
        return e->ref == REF_MEMBER;
    case E_SET:
        for (int i = 0; i < e->nargs; i++)
            if (e->args[i]->kind != E_NAME || e->args[i]->ref != REF_MEMBER)
                return false;
        return true;
    default:
        return false;
    }
}

/* given sessions = [session(minutes = 90, date = 2024-09-03), ...]: each
 * record a call named by its type, each argument `field = constant`; the
 * record's field index goes in the field's name (ref_index) */
static void check_given_records(Checker *k, Binding *b, Type want)
{
    const RecordSchema *rs = &k->m->records[want.enum_id];
    Expr *e = b->expr;
    if (e->kind != E_SET) {
        diag_error(k->d, e->at, "`%s` is given as records in brackets: [%s(FIELD = VALUE, ...), ...]", b->name.s, rs->name);
        return;
    }
    e->type = want;
    for (int i = 0; i < e->nargs; i++) {
        Expr *r = e->args[i];
        if (r->kind != E_CALL || strcmp(r->name, rs->name)) {
            diag_error(k->d, r->at, "a %s is written %s(FIELD = VALUE, ...)", rs->name, rs->name);
            continue;
        }
        for (int j = 0; j < r->nargs; j++) {
            Expr *set = r->args[j];
            int f = 1;
            if (set->kind == E_BINARY && set->op == OPB_EQ && set->a->kind == E_NAME)
                while (f < rs->nfields && strcmp(rs->fields[f].name, set->a->name))
                    f++;
            if (set->kind != E_BINARY || set->op != OPB_EQ || set->a->kind != E_NAME) {
                diag_error(k->d, set->at, "each argument of %s( ) is FIELD = VALUE, FIELD one of the %s's fields", rs->name, rs->name);
                continue;
            }
            if (f == rs->nfields) {
                Suggestion sg = {NULL, 99, set->a->name};
                for (int g = 1; g < rs->nfields; g++)
                    suggest_consider(&sg, rs->fields[g].name);
                diag_error(k->d, set->a->at, "a %s has no field `%s`%s", rs->name, set->a->name,
                           sg.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", sg.best) : "");
                continue;
            }
            set->a->ref_index = f;
            Type ft = rs->fields[f].type, t = check_expr(k, set->b, &ft);
            if (t.kind == TY_ERROR || ft.kind == TY_ERROR)
                continue;
            if (!is_constant(set->b))
                diag_error(k->d, set->b->at, "an example gives plain values (an amount, a number, a member...), not a formula");
            else if (!same_type(t, ft) && !(ft.kind == TY_DECIMAL && t.kind == TY_INTEGER))
                diag_error(k->d, set->b->at, "`%s` of a %s is %s, but this is %s", rs->fields[f].name, rs->name, type_article(k, ft),
                           type_article(k, t));
        }
    }
}

static void check_binding_value(Checker *k, Binding *b, Type want)
{
    Type t;
    if (want.kind == TY_RECORDS) {
        check_given_records(k, b, want);
        return;
    }
    if (b->expr->kind == E_SET && want.kind == TY_LIST) {
        Type elem = {TY_ENUM, want.enum_id};
        for (int i = 0; i < b->expr->nargs; i++) {
            Type mt = check_expr(k, b->expr->args[i], &elem);
            if (mt.kind != TY_ERROR && !same_type(mt, elem))
                diag_error(k->d, b->expr->args[i]->at, "`%s` holds %s members", b->name.s, k->m->enums[want.enum_id].name);
        }
        b->expr->type = t = want;
    } else if (b->expr->kind == E_SET) {
        diag_error(k->d, b->expr->at, "`%s` is %s, not a list", b->name.s, type_article(k, want));
        return;
    } else {
        t = check_expr(k, b->expr, &want);
    }
    if (t.kind == TY_ERROR || want.kind == TY_ERROR)
        return;
    if (!is_constant(b->expr))
        diag_error(k->d, b->expr->at, "an example gives and expects plain values (an amount, a number, a member...), not a formula");
    else if (!same_type(t, want) && !(want.kind == TY_DECIMAL && t.kind == TY_INTEGER))
        diag_error(k->d, b->expr->at, "`%s` is %s, but this is %s", b->name.s, type_article(k, want), type_article(k, t));
}

/* expect half_hours(90) = $60: the call is checked as a formula is, and
 * computed in the example as a definition would be (Model.nexpect_calls) */
static void check_expected_call(Checker *k, Binding *b)
{
    Type want = check_expr(k, b->call, NULL);
    if (want.kind == TY_ERROR)
        return;
    b->call_node = k->m->nexpect_calls++;
    check_binding_value(k, b, want);
    if (b->year && find_year(k->m, b->year) < 0)
        diag_error(k->d, b->year_at, "\"%s\" is not one of the contract's years", b->year);
}

static void check_examples(Checker *k)
{
    Contract *c = k->c;
    /* per symbol: the example (1-based) that last gave it, and where */
    int *given_in = arena_alloc(&c->arena, sizeof(int) * (size_t)k->symcap);
    Span *given_at = arena_alloc(&c->arena, sizeof(Span) * (size_t)k->symcap);
    for (int i = 0; i < c->examples.n; i++) {
        ExampleDecl *ex = &c->examples.v[i];
        for (int j = 0; j < ex->given.n; j++) {
            Binding *b = &ex->given.v[j];
            Sym *s = sym_find(k, b->name.s);
            if (!s || (s->kind != SYM_FIELD && s->kind != SYM_PARAM && s->kind != SYM_DEF && s->kind != SYM_COMPONENT)) {
                diag_error(k->d, b->name.at, "`given` sets fields of the employee record, params, definitions or components, and `%s` is none of these%s",
                           b->name.s, s ? "" : suggest(k, b->name.s, false));
                continue;
            }
            size_t at = (size_t)(s - k->syms);
            if (given_in[at] == i + 1) {
                diag_error(k->d, b->name.at, "`given` sets `%s` twice", b->name.s);
                diag_note(k->d, given_at[at], "`%s` is first given here", b->name.s);
                continue;
            }
            given_in[at] = i + 1;
            given_at[at] = b->name.at;
            Type want = s->kind == SYM_FIELD   ? k->m->fields[s->index].type
                        : s->kind == SYM_PARAM ? k->m->params[s->index].type
                                               : check_expr(k, name_expr(k, b->name), NULL);
            if (want.kind == TY_ERROR)
                continue;
            check_binding_value(k, b, want);
            if (s->kind == SYM_FIELD && k->m->fields[s->index].has_range && b->expr->kind == E_INT) {
                const FieldDef *f = &k->m->fields[s->index];
                if (b->expr->num.n < f->lo || b->expr->num.n > f->hi)
                    diag_error(k->d, b->expr->at, "%lld is outside %s's range %lld to %lld", (long long)b->expr->num.n, f->name,
                               (long long)f->lo, (long long)f->hi);
            }
        }
        for (int j = 0; j < ex->expect.n; j++) {
            Binding *b = &ex->expect.v[j];
            if (b->call) {
                check_expected_call(k, b);
                continue;
            }
            Expr *target = name_expr(k, b->name);
            Type want = check_expr(k, target, NULL);
            if (want.kind == TY_ERROR)
                continue;
            if (target->ref != REF_DEF && target->ref != REF_COMPONENT && target->ref != REF_FIELD && target->ref != REF_PARAM) {
                diag_error(k->d, b->name.at, "`expect` checks definitions, components, fields or params, and `%s` is none", b->name.s);
                continue;
            }
            if (want.kind == TY_RECORDS) {
                diag_error(k->d, b->name.at, "an example gives records (`given %s = [...]`); it cannot expect them", b->name.s);
                continue;
            }
            check_binding_value(k, b, want);
            if (b->year && find_year(k->m, b->year) < 0)
                diag_error(k->d, b->year_at, "\"%s\" is not one of the contract's years", b->year);
        }
        if (ex->expect.n == 0)
            diag_warning(k->d, ex->at, "example \"%s\" expects nothing, so it tests nothing", ex->title);
    }
}

static void warn_unused(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->defs.n; i++)
        if (!k->used[i])
            diag_warning(k->d, c->defs.v[i].name.at, "definition `%s` is never used: not in the output, another definition or an example",
                         c->defs.v[i].name.s);
    for (int i = 0; i < c->components.n; i++)
        if (!k->used[c->defs.n + i])
            diag_warning(k->d, c->components.v[i].name.at, "component `%s` is never used: not in the output, a definition or an example",
                         c->components.v[i].name.s);
    for (int i = 0; i < c->params.n; i++)
        if (!k->m->params[i].used)
            diag_warning(k->d, c->params.v[i].name.at, "param `%s` is never used", c->params.v[i].name.s);
    for (int i = 0; i < c->schedules.n; i++)
        if (!k->m->schedules[i].used)
            diag_warning(k->d, c->schedules.v[i].name.at, "schedule `%s` is never used", c->schedules.v[i].name.s);
    for (int i = 0; i < c->tables.n; i++)
        if (!k->m->tables[i].used)
            diag_warning(k->d, c->tables.v[i].name.at, "table `%s` is never used", c->tables.v[i].name.s);
    for (int i = 0; i < c->functions.n; i++)
        if (!k->m->functions[i].used)
            diag_warning(k->d, c->functions.v[i].name.at, "function `%s` is never called", c->functions.v[i].name.s);
}

/* Every blank, so a negotiator sees what is still open. */
static void list_blanks(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->params.n; i++)
        for (int j = 0; j < c->params.v[i].nvalues; j++)
            if (c->params.v[i].values[j]->kind == E_BLANK) {
                if (k->opt.strict)
                    diag_error(k->d, c->params.v[i].values[j]->at, "param `%s` is blank (--strict)", c->params.v[i].name.s);
                else
                    diag_warning(k->d, c->params.v[i].values[j]->at, "param `%s` is blank: fill it with --set %s=VALUE",
                                 c->params.v[i].name.s, c->params.v[i].name.s);
            }
    for (int i = 0; i < c->params.n; i++) {
        bool blank = false;
        for (int y = 0; y < k->m->nyears && k->m->params[i].computed; y++)
            blank |= k->m->params[i].values[y].blank;
        if (!blank)
            continue;
        if (k->opt.strict)
            diag_error(k->d, c->params.v[i].name.at, "param `%s` is blank: a part of it is (--strict)", c->params.v[i].name.s);
        else
            diag_warning(k->d, c->params.v[i].name.at, "param `%s` is blank until every part of it is filled in", c->params.v[i].name.s);
    }
    for (int i = 0; i < c->tables.n; i++)
        for (int r = 0; r < c->tables.v[i].rows.n; r++) {
            RowDecl *row = &c->tables.v[i].rows.v[r];
            for (int j = 0; j < row->ncells; j++)
                if (row->cells[j]->kind == E_BLANK) {
                    const char *key = row->key->kind == E_NAME ? row->key->name
                                      : arena_printf(&c->arena, "%lld", (long long)row->key->num.n);
                    if (k->opt.strict)
                        diag_error(k->d, row->cells[j]->at, "%s[%s] is blank (--strict)", c->tables.v[i].name.s, key);
                    else
                        diag_warning(k->d, row->cells[j]->at, "%s[%s] is blank", c->tables.v[i].name.s, key);
                }
        }
    for (int i = 0; i < c->schedules.n; i++)
        for (int b = 0; b < c->schedules.v[i].blocks.n; b++) {
            GridDecl *g = &c->schedules.v[i].blocks.v[b];
            int cells = 0, blanks = 0;
            for (int r = 0; r < g->rows.n; r++)
                for (int j = 0; j < g->rows.v[r].ncells; j++) {
                    cells += g->rows.v[r].cells[j]->kind != E_NA; /* N/A is agreed: no one is placed there */
                    blanks += g->rows.v[r].cells[j]->kind == E_BLANK;
                }
            if (cells > 1 && blanks == cells) {
                /* a schedule not yet agreed, or lost: one line, not one per cell */
                Span at = g->rows.v[0].cells[0]->at;
                const char *in = g->year ? arena_printf(&c->arena, " in \"%s\"", g->year) : "";
                if (k->opt.strict)
                    diag_error(k->d, at, "every cell of %s%s is blank, %d in all (--strict)", c->schedules.v[i].name.s, in, cells);
                else
                    diag_warning(k->d, at, "every cell of %s%s is blank, %d in all", c->schedules.v[i].name.s, in, cells);
                continue;
            }
            for (int r = 0; r < g->rows.n; r++)
                for (int j = 0; j < g->rows.v[r].ncells; j++)
                    if (g->rows.v[r].cells[j]->kind == E_BLANK) {
                        const char *col = j < g->columns.n ? g->columns.v[j].s : "?";
                        const char *row = grid_row_text(k, &g->rows.v[r]);
                        if (k->opt.strict)
                            diag_error(k->d, g->rows.v[r].cells[j]->at, "%s[%s, %s]%s%s%s is blank (--strict)", c->schedules.v[i].name.s, row, col,
                                       g->year ? " in \"" : "", g->year ? g->year : "", g->year ? "\"" : "");
                        else
                            diag_warning(k->d, g->rows.v[r].cells[j]->at, "%s[%s, %s]%s%s%s is blank", c->schedules.v[i].name.s, row, col,
                                         g->year ? " in \"" : "", g->year ? g->year : "", g->year ? "\"" : "");
                    }
        }
}

bool check_contract(Contract *c, Diags *d, CheckOptions opt, Model *m)
{
    memset(m, 0, sizeof *m);
    m->ast = c;
    int nsyms = c->fields.n + c->params.n + c->defs.n + c->components.n + c->schedules.n + c->tables.n + c->enums.n +
                c->functions.n;
    Checker k = {.c = c, .d = d, .m = m, .opt = opt, .cur = -1, .fn = -1};
    k.symcap = 16;
    while (k.symcap < nsyms * 2 + 2)
        k.symcap *= 2;
    k.syms = arena_alloc(&c->arena, sizeof(Sym) * (size_t)k.symcap);
    int nnodes = c->defs.n + c->components.n;
    k.deps = arena_alloc(&c->arena, sizeof(DepList) * (size_t)(nnodes + 1));
    k.used = arena_alloc(&c->arena, (size_t)nnodes + 1);
    k.state = arena_alloc(&c->arena, (size_t)nnodes + 1);

    int errors = d->errors;
    if (c->fields.n == 0)
        diag_error(d, (Span){0, 0}, "the contract has no `employee:` record, so there is nothing to evaluate");
    check_years(&k);
    check_enums(&k);
    check_records(&k);
    check_fields(&k);
    check_record_ids(&k);
    check_params(&k);
    check_schedules(&k);
    check_tables(&k);
    check_statements(&k);
    declare_defs(&k);
    declare_functions(&k);
    check_functions(&k);
    check_effective(&k);
    check_before_first(&k);
    for (int i = 0; i < nnodes; i++)
        check_node(&k, i);
    check_outputs(&k);
    check_each_year(&k);
    check_examples(&k);
    check_function_calls(&k);
    link_last_years(&k);
    check_one_time(&k);
    check_cost_kinds(&k);
    order_nodes(&k);
    if (d->errors == errors) {
        warn_unused(&k);
        list_blanks(&k);
        prove_components(m, d, opt.strict);
        prove_lookups(m, d, opt.strict);
    }
    return d->errors == errors;
}
