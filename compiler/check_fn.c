/* check_fn.c: functions the contract writes (docs/language.md, "Functions").
 *
 * A function is a formula of its parameters: its body reads its
 * parameters, params, schedules, tables, enum members and contract_year,
 * never a field, definition or component.  So a call's value depends on
 * its arguments and the year alone, and a definition that calls it
 * depends on nothing more than what its arguments read.  The compiler
 * writes the body out at each call (compile.c), each argument in a local
 * slot of its own; so calls may not recurse, and the checker bounds how
 * deep calls nest and how much code writing them out makes.
 */
#include "checker.h"

#include <string.h>

#include "builtins.h"

/* At most this many parameters: they share the checker's locals with the
 * comprehension variables of the body (MAX_LOCALS). */
enum { MAX_FN_PARAMS = 8 };
/* Calls nest at most this deep (f calling g calling h...), and a function
 * written out with the functions it calls, or every call outside a
 * function written out, is at most this many expression nodes. */
enum { MAX_FN_DEPTH = 32, MAX_FN_NODES = 100000, MAX_CALLED_NODES = 1000000 };

static bool fits(Type want, Type got)
{
    return same_type(want, got) || (want.kind == TY_DECIMAL && got.kind == TY_INTEGER);
}

/* A parameter's or a result's type, as a field's is written. */
static Type declared_type(Checker *k, const FieldDecl *fd)
{
    static const char *const names[] = {"integer", "decimal", "money", "text", "date"};
    static const TypeKind kinds[] = {TY_INTEGER, TY_DECIMAL, TY_MONEY, TY_TEXT, TY_DATE};
    if (fd->yesno)
        return T_BOOL;
    Sym *s = sym_find(k, fd->type.s);
    if (fd->list) {
        if (s && s->kind == SYM_ENUM)
            return (Type){TY_LIST, s->index};
        diag_error(k->d, fd->type.at, "`list of` needs an enum, and `%s` is not one%s", fd->type.s, s ? "" : suggest(k, fd->type.s, false));
        return T_ERROR;
    }
    for (int i = 0; i < 5; i++)
        if (!strcmp(fd->type.s, names[i]))
            return (Type){kinds[i], 0};
    if (s && s->kind == SYM_ENUM)
        return (Type){TY_ENUM, s->index};
    Suggestion sg = {NULL, 99, fd->type.s};
    for (int i = 0; i < 5; i++)
        suggest_consider(&sg, names[i]);
    for (int i = 0; i < k->m->schema.nenums; i++)
        suggest_consider(&sg, k->m->enums[i].name);
    diag_error(k->d, fd->type.at, "unknown type `%s`: a function's parameters and result are integer, decimal, money, yes/no, text, "
               "date, an enum or a list of one%s", fd->type.s, sg.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", sg.best) : "");
    return T_ERROR;
}

/* What a parameter named `name` would hide from the body, or NULL: a
 * param, schedule, table, enum, function or enum member.  It may have a
 * field's, a definition's or a component's name: the body cannot read
 * those anyway. */
static const char *hidden_by(Checker *k, const char *name)
{
    Sym *s = sym_find(k, name);
    if (s && s->kind != SYM_FIELD && s->kind != SYM_DEF && s->kind != SYM_COMPONENT)
        return arena_printf(&k->c->arena, "a %s", sym_kind_text(s->kind));
    for (int i = 0; i < k->m->schema.nenums; i++)
        if (enum_member(&k->m->enums[i], name) >= 0)
            return arena_printf(&k->c->arena, "a member of %s", k->m->enums[i].name);
    return NULL;
}

static void declare_params(Checker *k, int fi)
{
    FunctionDecl *f = &k->c->functions.v[fi];
    FunctionInfo *info = &k->m->functions[fi];
    info->result = declared_type(k, &f->result);
    info->nparams = f->params.n;
    info->params = arena_alloc(&k->c->arena, sizeof(Type) * (size_t)(f->params.n + 1));
    info->slots = arena_alloc(&k->c->arena, sizeof(int) * (size_t)(f->params.n + 1));
    if (f->params.n == 0)
        diag_error(k->d, f->name.at, "function `%s` takes no parameters: a value that needs none is a definition (name = formula)", f->name.s);
    if (f->params.n > MAX_FN_PARAMS)
        diag_error(k->d, f->params.v[MAX_FN_PARAMS].at, "a function takes at most %d parameters", MAX_FN_PARAMS);
    for (int i = 0; i < f->params.n; i++) {
        FieldDecl *p = &f->params.v[i];
        info->params[i] = declared_type(k, p);
        info->slots[i] = k->m->nlocals++;
        const char *hides = hidden_by(k, p->name.s);
        if (hides)
            diag_error(k->d, p->name.at, "parameter `%s` has the name of %s, which the function could then not read: call it something else",
                       p->name.s, hides);
        else
            refuse_built_in(k, p->name.s, "parameter", p->name.at);
        for (int j = 0; j < i; j++)
            if (!strcmp(f->params.v[j].name.s, p->name.s)) {
                diag_error(k->d, p->name.at, "function `%s` already has a parameter `%s`", f->name.s, p->name.s);
                break;
            }
    }
}

void declare_functions(Checker *k)
{
    Contract *c = k->c;
    k->m->functions = arena_alloc(&c->arena, sizeof(FunctionInfo) * (size_t)(c->functions.n + 1));
    k->fn_calls = arena_alloc(&c->arena, sizeof(DepList) * (size_t)(c->functions.n + 1));
    k->calls_outside = arena_alloc(&c->arena, sizeof(int) * (size_t)(c->functions.n + 1));
    k->first_call = arena_alloc(&c->arena, sizeof(Span) * (size_t)(c->functions.n + 1));
    for (int i = 0; i < c->functions.n; i++) {
        FunctionDecl *f = &c->functions.v[i];
        if (builtin_find(f->name.s) >= 0)
            diag_error(k->d, f->name.at, "`%s` is a built-in function, so a function cannot be called that", f->name.s);
        else
            sym_declare(k, f->name.s, SYM_FUNCTION, i, f->name.at);
    }
    for (int i = 0; i < c->functions.n; i++)
        declare_params(k, i);
}

/* function name(params): result = body */
void check_functions(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->functions.n; i++) {
        FunctionDecl *f = &c->functions.v[i];
        FunctionInfo *info = &k->m->functions[i];
        k->fn = i;
        k->local_base = k->nlocals = 0;
        for (int j = 0; j < f->params.n && j < MAX_FN_PARAMS; j++) {
            k->locals[k->nlocals].name = f->params.v[j].name.s;
            k->locals[k->nlocals].type = info->params[j];
            k->locals[k->nlocals].slot = info->slots[j];
            k->nlocals++;
        }
        Type t = check_expr(k, f->body, info->result.kind != TY_ERROR ? &info->result : NULL);
        if (t.kind != TY_ERROR && info->result.kind != TY_ERROR && !fits(info->result, t))
            diag_error(k->d, f->body->at, "function `%s` gives %s, but this formula is %s", f->name.s, type_article(k, info->result),
                       type_article(k, t));
        else if (t.kind == TY_MONEY && info->result.kind == TY_MONEY)
            info->result = t; /* a call of a rate rounded to 4 places is shown with 4 */
        k->nlocals = 0;
    }
    k->fn = -1;
}

bool fn_refuses_name(Checker *k, const Expr *e, const Sym *s)
{
    if (k->fn < 0 || (s->kind != SYM_FIELD && s->kind != SYM_DEF && s->kind != SYM_COMPONENT))
        return false;
    diag_error(k->d, e->at, "function `%s` cannot read the %s `%s`: a function computes from its parameters (and params, schedules "
               "and tables); give it `%s` as an argument", k->c->functions.v[k->fn].name.s, sym_kind_text(s->kind), e->name, e->name);
    return true;
}

/* "minutes: integer, rate: money" */
static const char *signature(Checker *k, int fi)
{
    const FunctionDecl *f = &k->c->functions.v[fi];
    const char *s = "";
    for (int i = 0; i < f->params.n; i++)
        s = arena_printf(&k->c->arena, "%s%s%s: %s", s, i ? ", " : "", f->params.v[i].name.s,
                         type_name(k->m, k->m->functions[fi].params[i]));
    return s;
}

/* name(args): the arguments against the parameters */
Type check_fn_call(Checker *k, Expr *e, int fi)
{
    const FunctionDecl *f = &k->c->functions.v[fi];
    FunctionInfo *info = &k->m->functions[fi];
    e->ref = REF_FUNCTION;
    e->ref_index = fi;
    info->used = true;
    if (k->fn >= 0) {
        Dep call = {fi, e->at};
        VEC_PUSH(&k->c->arena, k->fn_calls[k->fn], call);
    } else if (k->calls_outside[fi]++ == 0) {
        k->first_call[fi] = e->at;
    }
    bool ok = e->nargs == f->params.n;
    if (!ok)
        diag_error(k->d, e->at, "`%s` takes %d argument%s (%s), but this gives %d", f->name.s, f->params.n, f->params.n == 1 ? "" : "s",
                   signature(k, fi), e->nargs);
    for (int i = 0; i < e->nargs; i++) {
        const Type *want = i < f->params.n && info->params[i].kind != TY_ERROR ? &info->params[i] : NULL;
        Type t = check_expr(k, e->args[i], want);
        if (want && t.kind != TY_ERROR && !fits(*want, t)) {
            diag_error(k->d, e->args[i]->at, "`%s`, argument %d of `%s`, is %s, but this is %s", f->params.v[i].name.s, i + 1, f->name.s,
                       type_article(k, *want), type_article(k, t));
            ok = false;
        }
    }
    return ok ? info->result : T_ERROR;
}

/* How many expression nodes e is, with the functions it calls written
 * out (size[] of each, done already), up to just past MAX_FN_NODES. */
static int64_t written_out(const Expr *e, const int64_t *size)
{
    if (!e)
        return 0;
    int64_t n = 1 + written_out(e->a, size) + written_out(e->b, size) + written_out(e->c, size);
    if (e->kind == E_CALL && e->ref == REF_FUNCTION)
        n += size[e->ref_index];
    for (int i = 0; i < e->nargs && n <= MAX_FN_NODES; i++)
        n += written_out(e->args[i], size);
    return n > MAX_FN_NODES ? MAX_FN_NODES + 1 : n;
}

static void report_cycle(Checker *k, const DepList *calls, const int *path, int from, int depth, Dep call)
{
    const FunctionDecl *fns = k->c->functions.v;
    diag_error(k->d, call.at, "function `%s` calls itself%s: a function cannot be recursive", fns[call.node].name.s,
               from == depth ? "" : " through other functions");
    k->fn_cycle = true;
    for (int i = from; i <= depth && from < depth; i++) {
        int a = path[i], b = i < depth ? path[i + 1] : call.node;
        diag_note(k->d, dep_at(calls, a, b, call.at), "`%s` calls `%s`", fns[a].name.s, fns[b].name.s);
    }
}

/* A function whose callees are all done: how deep its calls nest and how
 * large it is written out, each limit reported at the first function past
 * it, not again at its callers. */
static void function_done(Checker *k, int f)
{
    const FunctionDecl *fd = &k->c->functions.v[f];
    bool callee_too_long = false;
    for (int j = 0; j < k->fn_calls[f].n; j++) {
        int g = k->fn_calls[f].v[j].node;
        k->fn_height[f] = k->fn_height[g] > k->fn_height[f] ? k->fn_height[g] : k->fn_height[f];
        callee_too_long |= k->fn_size[g] > MAX_FN_NODES;
    }
    k->fn_height[f]++;
    k->fn_size[f] = written_out(fd->body, k->fn_size);
    if (!k->fn_cycle && k->fn_height[f] == MAX_FN_DEPTH + 1)
        diag_error(k->d, fd->name.at, "function `%s` calls functions nested more than %d deep (one calling another calling another...)",
                   fd->name.s, MAX_FN_DEPTH);
    else if (!k->fn_cycle && k->fn_height[f] <= MAX_FN_DEPTH && k->fn_size[f] > MAX_FN_NODES && !callee_too_long)
        diag_error(k->d, fd->name.at, "function `%s`, with the functions it calls written out in it, is more than %d operations long",
                   fd->name.s, MAX_FN_NODES);
}

/* The calls between functions: every cycle is reported; for the rest, how
 * deep calls nest and how large each function and all calls are written out. */
void check_function_calls(Checker *k)
{
    Contract *c = k->c;
    int n = c->functions.n;
    if (n == 0)
        return;
    k->fn_height = arena_alloc(&c->arena, sizeof(int) * (size_t)n);
    k->fn_size = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)n);
    walk_deps(k, n, k->fn_calls, &(DepWalk){report_cycle, function_done});
    bool cycle = k->fn_cycle;
    int64_t *size = k->fn_size;
    /* reported at the first call of the function that takes the most */
    int64_t total = 0, most = 0;
    int largest = 0;
    for (int i = 0; i < n && !cycle; i++) {
        int64_t share = (int64_t)k->calls_outside[i] * size[i];
        total += share;
        if (share > most)
            most = share, largest = i;
    }
    if (!cycle && total > MAX_CALLED_NODES)
        diag_error(k->d, k->first_call[largest], "the contract's function calls, each written out, come to more than %d operations: "
                   "call functions fewer times, or make them shorter", MAX_CALLED_NODES);
}
