/* last_year.c: the checker's part of reading across contract years.
 *
 * last_year(x) is the same employee's value of definition or component x
 * in the contract year before (the VM computes it there: LAST_YEAR); in
 * the first year it is what `before the first year: x = ...` says, an
 * expression over the first year's record.  One-time money (`one-time
 * bonus = ...`, `bonus: one-time`) is paid once: neither `each year:` nor
 * last_year( ) may carry it into another year.
 */
#include "checker.h"

#include <string.h>

static int node_of(const Sym *s, const Contract *c)
{
    return s->kind == SYM_DEF ? s->index : c->defs.n + s->index;
}

static const char *node_name(const Contract *c, int node)
{
    return node < c->defs.n ? c->defs.v[node].name.s : c->components.v[node - c->defs.n].name.s;
}

static Type node_type(const Checker *k, int node)
{
    const Contract *c = k->c;
    if (k->state[node] != 2)
        return T_ERROR;
    return node < c->defs.n ? k->m->def_types[node] : k->m->comp_types[node - c->defs.n];
}

static const Binding *before_first(const Contract *c, const char *name)
{
    for (int i = 0; i < c->before_first.n; i++)
        if (!strcmp(c->before_first.v[i].name.s, name))
            return &c->before_first.v[i];
    return NULL;
}

/* last_year(name) */
Type check_last_year(Checker *k, Expr *e)
{
    Contract *c = k->c;
    if (e->nargs != 1 || e->args[0]->kind != E_NAME) {
        diag_error(k->d, e->at, "last_year( ) takes the name of one definition or component, as in last_year(pay)");
        for (int i = 0; i < e->nargs; i++)
            check_expr(k, e->args[i], NULL);
        return T_ERROR;
    }
    Expr *x = e->args[0];
    Sym *s = sym_find(k, x->name);
    if (!s || (s->kind != SYM_DEF && s->kind != SYM_COMPONENT)) {
        if (s)
            diag_error(k->d, x->at, "`%s` is a %s: last_year( ) reads last year's value of a definition or component", x->name,
                       sym_kind_text(s->kind));
        else
            diag_error(k->d, x->at, "no definition or component is called `%s`%s", x->name, suggest(k, x->name, true));
        return T_ERROR;
    }
    int node = node_of(s, c);
    e->ref = REF_LAST_YEAR;
    e->ref_index = node;
    x->ref = s->kind == SYM_DEF ? REF_DEF : REF_COMPONENT;
    x->ref_index = s->index;
    k->used[node] = true;
    LastYearUse use = {k->cur, e};
    VEC_PUSH(&c->arena, k->last_years, use);
    if (k->state[node] == 0)
        check_node(k, node);
    /* x being checked (last_year(pay) inside pay): its type is set once known, by link_last_years */
    x->type = node_type(k, node);
    return x->type;
}

/* retro(x): the part of x, this year, paid late: x as the contract's
 * dates say, less x as paid until the settlement (`settled DATE`), with
 * each new figure taking effect no earlier than that. */
Type check_retro(Checker *k, Expr *e)
{
    Contract *c = k->c;
    if (e->nargs != 1 || e->args[0]->kind != E_NAME) {
        diag_error(k->d, e->at, "retro( ) takes the name of one definition or component, as in retro(total)");
        return T_ERROR;
    }
    Expr *x = e->args[0];
    Type t = check_expr(k, x, NULL);
    if (t.kind == TY_ERROR)
        return T_ERROR;
    if (x->ref != REF_DEF && x->ref != REF_COMPONENT) {
        diag_error(k->d, x->at, "retro( ) reads a definition or component, and `%s` is not one", x->name);
        return T_ERROR;
    }
    if (t.kind != TY_MONEY) {
        diag_error(k->d, x->at, "retro( ) is an amount paid late, and `%s` is %s, not money", x->name, type_article(k, t));
        return T_ERROR;
    }
    if (!c->has_settled)
        diag_error(k->d, e->at, "retro( ) needs the day the settlement was reached, to know what was paid at the old figures: "
                   "add `settled DATE` to the header");
    e->ref = REF_RETRO;
    e->ref_index = x->ref == REF_DEF ? x->ref_index : c->defs.n + x->ref_index;
    return T_MONEY;
}

static bool uses_last_year(const Expr *e)
{
    if (!e)
        return false;
    if (e->kind == E_CALL && e->name && !strcmp(e->name, "last_year"))
        return true;
    if (uses_last_year(e->a) || uses_last_year(e->b) || uses_last_year(e->c))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (uses_last_year(e->args[i]))
            return true;
    return false;
}

/* before the first year: x = expr, ... */
void check_before_first(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->before_first.n; i++) {
        Binding *b = &c->before_first.v[i];
        for (int j = 0; j < i; j++)
            if (!strcmp(c->before_first.v[j].name.s, b->name.s)) {
                diag_error(k->d, b->name.at, "`before the first year:` gives `%s` twice", b->name.s);
                break;
            }
        if (uses_last_year(b->expr)) {
            diag_error(k->d, b->expr->at, "`before the first year:` says what last_year(%s) is in the first contract year, "
                       "where there is no last year to read: it cannot use last_year( ) itself", b->name.s);
            continue;
        }
        Sym *s = sym_find(k, b->name.s);
        if (!s || (s->kind != SYM_DEF && s->kind != SYM_COMPONENT)) {
            diag_error(k->d, b->name.at, "`before the first year:` gives last year's value of a definition or component, and `%s` is not one%s",
                       b->name.s, s ? "" : suggest(k, b->name.s, true));
            check_expr(k, b->expr, NULL);
            continue;
        }
        int node = node_of(s, c);
        Type t = check_expr(k, b->expr, NULL);
        check_node(k, node);
        Type want = node_type(k, node);
        if (t.kind != TY_ERROR && want.kind != TY_ERROR && !same_type(t, want) && !(want.kind == TY_DECIMAL && t.kind == TY_INTEGER))
            diag_error(k->d, b->expr->at, "`%s` is %s, but this gives %s", b->name.s, type_article(k, want), type_article(k, t));
    }
}

/* In the first year last_year(x) is x's `before the first year:`
 * expression, computed in that year: what it uses, the node the call is
 * in uses too, so a cycle through it is found like any other. */
static void depend_on_names(Checker *k, const Expr *e, Span at)
{
    if (!e)
        return;
    if (e->kind == E_NAME && (e->ref == REF_DEF || e->ref == REF_COMPONENT))
        depend(k, e->ref == REF_DEF ? e->ref_index : k->c->defs.n + e->ref_index, at);
    depend_on_names(k, e->a, at);
    depend_on_names(k, e->b, at);
    depend_on_names(k, e->c, at);
    for (int i = 0; i < e->nargs; i++)
        depend_on_names(k, e->args[i], at);
}

/* Whether node is target or uses it this year (seen: the nodes walked). */
static bool reaches(Checker *k, int node, int target, char *seen)
{
    if (node == target)
        return true;
    if (seen[node])
        return false;
    seen[node] = 1;
    for (int i = 0; i < k->deps[node].n; i++)
        if (reaches(k, k->deps[node].v[i].node, target, seen))
            return true;
    return false;
}

/* The first definition or component e names that is or uses target, or -1. */
static int name_reaching(Checker *k, const Expr *e, int target, char *seen)
{
    if (!e)
        return -1;
    if (e->kind == E_NAME && (e->ref == REF_DEF || e->ref == REF_COMPONENT)) {
        int node = e->ref == REF_DEF ? e->ref_index : k->c->defs.n + e->ref_index;
        memset(seen, 0, (size_t)(k->c->defs.n + k->c->components.n));
        if (reaches(k, node, target, seen))
            return node;
    }
    const Expr *kids[] = {e->a, e->b, e->c};
    for (int i = 0; i < 3; i++) {
        int n = name_reaching(k, kids[i], target, seen);
        if (n >= 0)
            return n;
    }
    for (int i = 0; i < e->nargs; i++) {
        int n = name_reaching(k, e->args[i], target, seen);
        if (n >= 0)
            return n;
    }
    return -1;
}

void link_last_years(Checker *k)
{
    char *seen = arena_alloc(&k->c->arena, (size_t)(k->c->defs.n + k->c->components.n + 1));
    Contract *c = k->c;
    for (int i = 0; i < k->last_years.n; i++) {
        LastYearUse *u = &k->last_years.v[i];
        Expr *e = u->call;
        e->args[0]->type = e->type = node_type(k, e->ref_index);
        const Binding *b = before_first(c, e->args[0]->name);
        if (!b) {
            diag_error(k->d, e->at, "last_year(%s) has no value in the first contract year%s%s%s: say what it is with "
                       "`before the first year: %s = ...`", e->args[0]->name, c->years.n ? ", \"" : "",
                       c->years.n ? c->years.v[0].s : "", c->years.n ? "\"" : "", e->args[0]->name);
            continue;
        }
        int loop = u->node >= 0 ? name_reaching(k, b->expr, u->node, seen) : -1;
        if (loop >= 0) {
            diag_error(k->d, e->at, "in the first contract year last_year(%s) is `%s`, as `before the first year:` says, "
                       "and %s: `%s` would depend on itself", e->args[0]->name, node_name(c, loop),
                       loop == u->node ? "that is this definition" : arena_printf(&c->arena, "`%s` uses `%s`", node_name(c, loop),
                                                                                   node_name(c, u->node)),
                       node_name(c, u->node));
            continue;
        }
        int saved = k->cur;
        k->cur = u->node;
        depend_on_names(k, b->expr, e->at);
        k->cur = saved;
    }
}

/* ---- one-time money ---- */

static bool is_one_time(const Contract *c, int node)
{
    return node < c->defs.n ? c->defs.v[node].one_time : c->components.v[node - c->defs.n].one_time;
}

/* The one-time node that node is or uses (this year), or -1; memo: 0 not
 * known, 1 on the way, 2 none, 3 + n: node n. */
static int one_time_in(Checker *k, int node, int *memo)
{
    if (memo[node] >= 3)
        return memo[node] - 3;
    if (memo[node])
        return -1;
    memo[node] = 1;
    int found = is_one_time(k->c, node) ? node : -1;
    for (int i = 0; found < 0 && i < k->deps[node].n; i++)
        found = one_time_in(k, k->deps[node].v[i].node, memo);
    memo[node] = found >= 0 ? 3 + found : 2;
    return found;
}

static void say_carried(Checker *k, Span at, const char *what, int node, int one)
{
    const Contract *c = k->c;
    if (node == one)
        diag_error(k->d, at, "%s would carry one-time money into another year: `%s` is one-time, paid once", what,
                   node_name(c, node));
    else
        diag_error(k->d, at, "%s would carry one-time money into another year: `%s` uses `%s`, which is one-time, paid once",
                   what, node_name(c, node), node_name(c, one));
}

/* The first name e uses that is or uses one-time money: reported. */
static bool carries_one_time(Checker *k, const Expr *e, const char *what, int *memo)
{
    if (!e)
        return false;
    if (e->kind == E_NAME && (e->ref == REF_DEF || e->ref == REF_COMPONENT)) {
        int node = e->ref == REF_DEF ? e->ref_index : k->c->defs.n + e->ref_index;
        int one = one_time_in(k, node, memo);
        if (one >= 0)
            say_carried(k, e->at, what, node, one);
        return one >= 0;
    }
    if (carries_one_time(k, e->a, what, memo) || carries_one_time(k, e->b, what, memo) || carries_one_time(k, e->c, what, memo))
        return true;
    for (int i = 0; i < e->nargs; i++)
        if (carries_one_time(k, e->args[i], what, memo))
            return true;
    return false;
}

void check_one_time(Checker *k)
{
    Contract *c = k->c;
    int n = c->defs.n + c->components.n;
    int *memo = arena_alloc(&c->arena, sizeof(int) * (size_t)(n + 1));
    for (int i = 0; i < c->each_year.n; i++)
        carries_one_time(k, c->each_year.v[i].expr, "`each year:`", memo);
    for (int i = 0; i < k->last_years.n; i++) {
        Expr *e = k->last_years.v[i].call;
        int one = one_time_in(k, e->ref_index, memo);
        if (one >= 0)
            say_carried(k, e->at, arena_printf(&c->arena, "last_year(%s)", e->args[0]->name), e->ref_index, one);
    }
}
