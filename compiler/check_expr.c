/* check_expr.c: every expression's type, and what it depends on. */
#include "checker.h"

#include <string.h>

#include "builtins.h"


void depend(Checker *k, int node, Span at)
{
    k->used[node] = true;
    if (k->cur >= 0) {
        Dep dep = {node, at};
        VEC_PUSH(&k->c->arena, k->deps[k->cur], dep);
    }
}

/* An unparenthesised chain of amounts joined by `/`, like $3,100 / $3,200,
 * is one value per contract year, not a division. */
static bool peryear_leaves(Expr *e, Expr **out, int *n, int cap)
{
    if (e->kind == E_BINARY && e->op == OPB_DIV && !e->parens)
        return peryear_leaves(e->a, out, n, cap) && peryear_leaves(e->b, out, n, cap);
    bool money = e->kind == E_MONEY || e->kind == E_BLANK || (e->kind == E_NEG && e->a->kind == E_MONEY && !e->parens);
    if (!money || *n >= cap)
        return false;
    out[(*n)++] = e;
    return true;
}

static void make_peryear(Checker *k, Expr *e)
{
    enum { MAX_YEARS = 64 };
    Expr *leaves[MAX_YEARS];
    int n = 0;
    if (!peryear_leaves(e, leaves, &n, MAX_YEARS))
        return;
    e->kind = E_PERYEAR;
    e->nargs = n;
    e->args = arena_alloc(&k->c->arena, sizeof(Expr *) * (size_t)n);
    for (int i = 0; i < n; i++) {
        Expr *v = leaves[i];
        if (v->kind == E_NEG) {
            v->a->num = rat_neg(v->a->num);
            v->a->at = v->at;
            v = v->a;
        }
        e->args[i] = v;
        if (v->kind == E_BLANK)
            k->m->nblanks++;
    }
    if (n != k->m->nyears)
        diag_error(k->d, e->at, "%d values for %d contract year%s: give one amount per year, or write ( ) around a division of amounts",
                   n, k->m->nyears, k->m->nyears == 1 ? "" : "s");
}

static Type resolve_name(Checker *k, Expr *e, const Type *hint)
{
    for (int i = k->nlocals - 1; i >= k->local_base; i--)
        if (!strcmp(k->locals[i].name, e->name)) {
            e->ref = REF_LOCAL;
            e->ref_index = k->locals[i].slot;
            return k->locals[i].type;
        }
    if (hint && hint->kind == TY_ENUM) {
        int idx = enum_member(&k->m->enums[hint->enum_id], e->name);
        if (idx >= 0) {
            e->ref = REF_MEMBER;
            e->ref_index = idx;
            return *hint;
        }
    }
    Sym *s = sym_find(k, e->name);
    if (s && (s->kind == SYM_DEF || s->kind == SYM_COMPONENT) && k->depth > MAX_CHECK_DEPTH
        && !k->state[s->kind == SYM_DEF ? s->index : k->c->defs.n + s->index]) {
        if (!k->too_deep)
            diag_error(k->d, e->at, "`%s` comes at the end of too long a chain of definitions, each using the next "
                       "(more than %d levels of definitions and expressions)", e->name, MAX_CHECK_DEPTH);
        k->too_deep = true;
        return T_ERROR;
    }
    if (s && fn_refuses_name(k, e, s))
        return T_ERROR;
    if (s) {
        e->ref_index = s->index;
        switch (s->kind) {
        case SYM_FIELD:
            e->ref = REF_FIELD;
            return k->m->fields[s->index].type;
        case SYM_PARAM:
            e->ref = REF_PARAM;
            k->m->params[s->index].used = true;
            if (k->param_depth > 0)
                return param_used(k, s->index, e->at);
            return k->m->params[s->index].type;
        case SYM_DEF:
            e->ref = REF_DEF;
            depend(k, s->index, e->at);
            check_node(k, s->index);
            return k->state[s->index] == 2 ? k->m->def_types[s->index] : T_ERROR;
        case SYM_COMPONENT:
            e->ref = REF_COMPONENT;
            depend(k, k->c->defs.n + s->index, e->at);
            check_node(k, k->c->defs.n + s->index);
            return k->state[k->c->defs.n + s->index] == 2 ? k->m->comp_types[s->index] : T_ERROR;
        case SYM_SCHEDULE:
            diag_error(k->d, e->at, "`%s` is a schedule: look up one amount with %s[%s, %s]", e->name, e->name,
                       k->c->schedules.v[s->index].row_dim.s, k->c->schedules.v[s->index].col_dim.s);
            return T_ERROR;
        case SYM_TABLE:
            diag_error(k->d, e->at, "`%s` is a table: look up one amount with %s[%s]", e->name, e->name,
                       k->c->tables.v[s->index].key_dim.s);
            return T_ERROR;
        case SYM_ENUM:
            diag_error(k->d, e->at, "`%s` is an enum, not a value: compare with one of its members", e->name);
            return T_ERROR;
        case SYM_FUNCTION:
            diag_error(k->d, e->at, "`%s` is a function: call it with its arguments, as in %s(...)", e->name, e->name);
            return T_ERROR;
        case SYM_NONE:
            break;
        }
    }
    if (!strcmp(e->name, "contract_year")) {
        e->ref = REF_YEAR;
        return T_INT;
    }
    /* a member of the only enum that has it */
    int found = -1, count = 0;
    for (int i = 0; i < k->m->schema.nenums; i++)
        if (enum_member(&k->m->enums[i], e->name) >= 0) {
            found = i;
            count++;
        }
    if (count == 1) {
        e->ref = REF_MEMBER;
        e->ref_index = enum_member(&k->m->enums[found], e->name);
        return (Type){TY_ENUM, found};
    }
    if (count > 1) {
        diag_error(k->d, e->at, "`%s` is a member of more than one enum: compare it with a field so the enum is clear", e->name);
        return T_ERROR;
    }
    if (hint && hint->kind == TY_ENUM) {
        const EnumDef *en = &k->m->enums[hint->enum_id];
        diag_error(k->d, e->at, "`%s` is not a member of %s%s", e->name, en->name, suggest_member(k, en, e->name));
        return T_ERROR;
    }
    diag_error(k->d, e->at, "unknown name `%s`%s", e->name, suggest(k, e->name, true));
    return T_ERROR;
}

const char *type_article(Checker *k, Type t)
{
    switch (t.kind) {
    case TY_INTEGER: return "an integer";
    case TY_DECIMAL: return "a decimal";
    case TY_MONEY: return "money";
    case TY_BOOL: return "a yes/no";
    case TY_TEXT: return "text";
    case TY_DATE: return "a date";
    default: return arena_printf(&k->c->arena, "a %s", type_name(k->m, t));
    }
}

/* a percent literal, 5% or -5%, as written (not a computed one) */
static const Expr *percent_literal(const Expr *e)
{
    if (e->kind == E_NEG && !e->parens)
        e = e->a;
    return e->kind == E_DEC && e->percent ? e : NULL;
}

/* money + 5%: a raise by a percent is a product, and the message says so */
static Type add_percent_to_money(Checker *k, Expr *e, const Expr *money, const Expr *pct)
{
    Rat hundred;
    char n[64] = "5", up[64] = "105";
    if (rat_mul(pct->num, rat_int(100), &hundred) == RAT_OK && rat_sign(hundred) > 0) {
        rat_format(hundred, 18, ROUND_HALF_UP, n, sizeof n);
        Rat raised;
        if (rat_add(hundred, rat_int(100), &raised) == RAT_OK)
            rat_format(raised, 18, ROUND_HALF_UP, up, sizeof up);
    }
    const char *x = money->kind == E_NAME ? money->name : "amount";
    if (e->op == OPB_ADD)
        diag_error(k->d, e->at, "cannot add a percent to money: to raise an amount by %s%%, multiply it: `%s * (1 + %s%%)` or `%s * %s%%`",
                   n, x, n, x, up);
    else
        diag_error(k->d, e->at, "cannot subtract a percent from money: to lower an amount by %s%%, multiply it: `%s * (1 - %s%%)`",
                   n, x, n);
    return T_ERROR;
}

/* a div b, a mod b: whole numbers only */
static Type whole_division(Checker *k, Expr *e, Type a, Type b)
{
    for (int i = 0; i < 2; i++) {
        Type t = i ? b : a;
        Expr *side = i ? e->b : e->a;
        if (t.kind != TY_INTEGER) {
            diag_error(k->d, side->at, "`%s` works on whole numbers, and this is %s: round it to a whole number first, as in floor(x) %s 30",
                       binop_text(e->op), type_article(k, t), binop_text(e->op));
            return T_ERROR;
        }
    }
    return T_INT;
}

static Type arith(Checker *k, Expr *e, Type a, Type b)
{
    if (a.kind == TY_ERROR || b.kind == TY_ERROR)
        return T_ERROR;
    if (e->op == OPB_IDIV || e->op == OPB_MOD)
        return whole_division(k, e, a, b);
    if (!is_numeric(a) || !is_numeric(b)) {
        diag_error(k->d, e->at, "`%s` works on numbers and money, not on %s", binop_text(e->op),
                   type_article(k, is_numeric(a) ? b : a));
        return T_ERROR;
    }
    bool ma = a.kind == TY_MONEY, mb = b.kind == TY_MONEY;
    Type num = a.kind == TY_INTEGER && b.kind == TY_INTEGER ? T_INT : T_DEC;
    switch (e->op) {
    case OPB_ADD:
    case OPB_SUB:
        if (ma && mb)
            return T_MONEY;
        if (!ma && !mb)
            return num;
        if (percent_literal(ma ? e->b : e->a))
            return add_percent_to_money(k, e, ma ? e->a : e->b, percent_literal(ma ? e->b : e->a));
        diag_error(k->d, e->at, "cannot %s money and %s: write the number as an amount ($...) or multiply it by one",
                   e->op == OPB_ADD ? "add" : "subtract", type_article(k, ma ? b : a));
        return T_ERROR;
    case OPB_MUL:
        if (ma && mb) {
            diag_error(k->d, e->at, "cannot multiply money by money: one side must be a number, such as a rate or an FTE");
            return T_ERROR;
        }
        return ma || mb ? T_MONEY : num;
    case OPB_DIV:
        if (ma && mb)
            return T_DEC;
        if (ma)
            return T_MONEY;
        if (mb) {
            diag_error(k->d, e->at, "cannot divide a number by money: divide the money by the number instead");
            return T_ERROR;
        }
        return T_DEC;
    default:
        return T_ERROR;
    }
}

static Type compare(Checker *k, Expr *e, Type a, Type b)
{
    if (a.kind == TY_ERROR || b.kind == TY_ERROR)
        return T_BOOL;
    bool eq = e->op == OPB_EQ || e->op == OPB_NE;
    if (is_number(a) && is_number(b))
        return T_BOOL;
    if (a.kind == TY_MONEY && b.kind == TY_MONEY)
        return T_BOOL;
    if (is_numeric(a) && is_numeric(b)) {
        diag_error(k->d, e->at, "cannot compare money with %s: write the number as an amount ($...)",
                   type_article(k, a.kind == TY_MONEY ? b : a));
        return T_BOOL;
    }
    if (a.kind == TY_DATE && b.kind == TY_DATE)
        return T_BOOL;
    if (same_type(a, b) && (a.kind == TY_ENUM || a.kind == TY_BOOL || a.kind == TY_TEXT)) {
        if (!eq && a.kind != TY_ENUM) /* members are ordered as their enum lists them */
            diag_error(k->d, e->at, "%s values are compared with = or != only", type_name(k->m, a));
        return T_BOOL;
    }
    diag_error(k->d, e->at, "cannot compare %s with %s", type_article(k, a), type_article(k, b));
    return T_BOOL;
}

Type expect_type(Checker *k, Expr *e, Type t, TypeKind want, const char *what)
{
    if (t.kind != TY_ERROR && t.kind != want) {
        Type w = {want, 0};
        diag_error(k->d, e->at, "%s must be %s, but this is %s", what, type_article(k, w), type_article(k, t));
    }
    return t;
}

static Type check_call(Checker *k, Expr *e)
{
    int b = builtin_find(e->name);
    if (b < 0) {
        Sym *s = sym_find(k, e->name);
        if (s && s->kind == SYM_FUNCTION)
            return check_fn_call(k, e, s->index);
        if (s && (s->kind == SYM_SCHEDULE || s->kind == SYM_TABLE))
            diag_error(k->d, e->at, "`%s` is a %s: look it up with [ ], as in %s[...]", e->name, sym_kind_text(s->kind), e->name);
        else {
            Suggestion sg = {NULL, 99, e->name};
            for (int i = 0; i < nbuiltins; i++)
                suggest_consider(&sg, builtins[i].name);
            for (int i = 0; i < k->c->functions.n; i++)
                suggest_consider(&sg, k->c->functions.v[i].name.s);
            diag_error(k->d, e->at, "unknown function `%s`%s", e->name,
                       sg.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", sg.best) : "");
        }
        for (int i = 0; i < e->nargs; i++)
            check_expr(k, e->args[i], NULL);
        return T_ERROR;
    }
    const Builtin *bi = &builtins[b];
    e->ref = REF_BUILTIN;
    e->ref_index = b;
    if (bi->sig == SIG_AGGREGATE) {
        if (bi->aggregate == AGG_COUNT && e->nargs == 1) {
            Type t = check_expr(k, e->args[0], NULL);
            if (t.kind != TY_ERROR && t.kind != TY_LIST && t.kind != TY_RECORDS) /* LENGTH reads either's len */
                diag_error(k->d, e->args[0]->at, "count( ) takes a list, or a condition `for` each member of one");
            return T_INT;
        }
        diag_error(k->d, e->at, "%s( ) is written %s", bi->name, bi->summary + strlen(bi->name));
        return T_ERROR;
    }
    if (e->nargs < bi->min_args || (bi->max_args >= 0 && e->nargs > bi->max_args)) {
        diag_error(k->d, e->at, "%s( ) takes %s%d argument%s: %s", bi->name,
                   bi->max_args < 0 ? "at least " : bi->min_args == bi->max_args ? "" : "at most ",
                   e->nargs < bi->min_args ? bi->min_args : bi->max_args,
                   (e->nargs < bi->min_args ? bi->min_args : bi->max_args) == 1 ? "" : "s", bi->summary);
        for (int i = 0; i < e->nargs; i++) /* `cents` and `dollars` mean something only in place */
            if (e->args[i]->kind != E_NAME || (strcmp(e->args[i]->name, "cents") && strcmp(e->args[i]->name, "dollars")))
                check_expr(k, e->args[i], NULL);
        return T_ERROR;
    }
    switch (bi->sig) {
    case SIG_ROUND: {
        Type t = check_expr(k, e->args[0], NULL);
        if (t.kind != TY_ERROR && !is_numeric(t)) {
            diag_error(k->d, e->args[0]->at, "%s( ) rounds money or a number, not %s", bi->name, type_article(k, t));
            return T_ERROR;
        }
        if (e->nargs == 2) {
            Expr *u = e->args[1];
            if (u->kind == E_NAME && (!strcmp(u->name, "cents") || !strcmp(u->name, "dollars"))) {
                u->ref = REF_UNIT;
                u->ref_index = u->name[0] == 'c' ? 2 : 0;
                u->type = T_INT;
                if (t.kind != TY_MONEY && t.kind != TY_ERROR)
                    diag_error(k->d, u->at, "`%s` rounds money; to round a number to places, write %s(x, 2)", u->name, bi->name);
            } else if (u->kind == E_INT && u->num.n <= 12) {
                u->type = T_INT;
                u->ref = REF_UNIT;
                u->ref_index = (int)u->num.n;
                if (t.kind != TY_MONEY)
                    return T_DEC;
                return money_shown_to(u->ref_index); /* shown at the places it is rounded to */
            } else {
                diag_error(k->d, u->at, "the second argument of %s( ) is `cents`, `dollars` or a number of decimal places (0 to 12)", bi->name);
            }
            return t.kind == TY_MONEY ? T_MONEY : t;
        }
        return t.kind == TY_MONEY ? T_MONEY : t.kind == TY_ERROR ? t : T_INT;
    }
    case SIG_SAME:
    case SIG_ONE: {
        Type t = T_ERROR;
        for (int i = 0; i < e->nargs; i++) {
            Type at = check_expr(k, e->args[i], NULL);
            if (at.kind == TY_ERROR)
                continue;
            if (!is_numeric(at)) {
                diag_error(k->d, e->args[i]->at, "%s( ) works on numbers and money, not on %s", bi->name, type_article(k, at));
                return T_ERROR;
            }
            if (t.kind == TY_ERROR)
                t = at;
            else if (is_number(t) && is_number(at))
                t = t.kind == TY_INTEGER && at.kind == TY_INTEGER ? T_INT : T_DEC;
            else if (!same_type(t, at)) {
                diag_error(k->d, e->args[i]->at, "%s( ) needs all money or all numbers: write the number as an amount ($...)", bi->name);
                return T_ERROR;
            } else if (money_places(at) > money_places(t)) {
                t = at;
            }
        }
        return t;
    }
    case SIG_PRORATE: {
        Type t = check_expr(k, e->args[0], NULL);
        Type p = check_expr(k, e->args[1], NULL), w = check_expr(k, e->args[2], NULL);
        if (t.kind != TY_ERROR && !is_numeric(t))
            diag_error(k->d, e->args[0]->at, "prorate( ) prorates money or a number, not %s", type_article(k, t));
        if (p.kind != TY_ERROR && w.kind != TY_ERROR && !((is_number(p) && is_number(w)) || (p.kind == TY_MONEY && w.kind == TY_MONEY)))
            diag_error(k->d, e->args[1]->at, "prorate( )'s part and whole must be numbers of the same kind (days and days, hours and hours)");
        return t.kind == TY_INTEGER ? T_DEC : t;
    }
    case SIG_DATES:
        for (int i = 0; i < 2; i++)
            expect_type(k, e->args[i], check_expr(k, e->args[i], NULL), TY_DATE, arena_printf(&k->c->arena, "%s( )'s arguments", bi->name));
        return T_INT;
    case SIG_MEMBER:
        return check_member_step(k, e);
    case SIG_AGGREGATE:
        break;
    }
    return T_ERROR;
}

/* sum(x for p in list if cond) and its kin */
static Type check_comprehension(Checker *k, Expr *e)
{
    int b = builtin_find(e->name);
    Type lt = check_expr(k, e->b, NULL);
    bool folds = b >= 0 && (!strcmp(builtins[b].name, "min") || !strcmp(builtins[b].name, "max"));
    if (b < 0 || (builtins[b].sig != SIG_AGGREGATE && !folds)) {
        diag_error(k->d, e->at, "`for` goes inside sum( ), count( ), max( ), min( ), any( ) or all( ), not %s( )", e->name);
        return T_ERROR;
    }
    e->ref = REF_BUILTIN;
    e->ref_index = b;
    Type elem = T_ERROR;
    if (lt.kind == TY_LIST)
        elem = (Type){TY_ENUM, lt.enum_id};
    else if (lt.kind == TY_RECORDS)
        elem = (Type){TY_RECORD, lt.enum_id};
    else if (lt.kind != TY_ERROR)
        diag_error(k->d, e->b->at, "`for %s in` needs a list, and this is %s", e->var, type_article(k, lt));
    refuse_built_in(k, e->var, "variable", e->var_at);
    if (k->nlocals == MAX_LOCALS) {
        diag_error(k->d, e->at, "comprehensions are nested too deeply");
        return T_ERROR;
    }
    k->locals[k->nlocals].name = e->var;
    k->locals[k->nlocals].type = elem;
    k->locals[k->nlocals].slot = k->m->nlocals++;
    e->var_slot = k->locals[k->nlocals].slot;
    k->nlocals++;
    Type body = check_expr(k, e->a, NULL);
    if (e->c)
        expect_type(k, e->c, check_expr(k, e->c, NULL), TY_BOOL, "the condition after `if`");
    k->nlocals--;
    switch (builtins[b].aggregate) {
    case AGG_SUM:
        if (body.kind != TY_ERROR && !is_numeric(body))
            diag_error(k->d, e->a->at, "sum( ) adds money or numbers, not %s", type_article(k, body));
        return body;
    case AGG_COUNT:
        return T_INT; /* counts the members that pass `if`, or, for a yes/no, those for which it is yes */
    case AGG_ANY:
    case AGG_ALL:
        expect_type(k, e->a, body, TY_BOOL, arena_printf(&k->c->arena, "what %s( ) tests", e->name));
        return T_BOOL;
    case AGG_NONE: /* min and max: 0 over no members, as sum */
        if (body.kind != TY_ERROR && !is_numeric(body))
            diag_error(k->d, e->a->at, "%s( ) compares money or numbers, not %s", e->name, type_article(k, body));
        return body;
    }
    return T_ERROR;
}

/* s.minutes: a field of the record a comprehension's variable stands for */
static Type check_field_of(Checker *k, Expr *e)
{
    int i = k->nlocals - 1;
    while (i >= k->local_base && strcmp(k->locals[i].name, e->name))
        i--;
    if (i < k->local_base || k->locals[i].type.kind != TY_RECORD) {
        if (i >= k->local_base && k->locals[i].type.kind == TY_ERROR)
            return T_ERROR;
        diag_error(k->d, e->at, "`%s.%s` reads a field of a record, and `%s` is not one: write it inside a `for` over records, "
                   "as in `sum(s.minutes for s in sessions)`", e->name, e->var, e->name);
        return T_ERROR;
    }
    const RecordSchema *rs = &k->m->records[k->locals[i].type.enum_id];
    for (int f = 1; f < rs->nfields; f++)
        if (!strcmp(rs->fields[f].name, e->var)) {
            e->ref = REF_LOCAL;
            e->var_slot = k->locals[i].slot;
            e->ref_index = f;
            return rs->fields[f].type;
        }
    Suggestion sg = {NULL, 99, e->var};
    for (int f = 1; f < rs->nfields; f++)
        suggest_consider(&sg, rs->fields[f].name);
    diag_error(k->d, e->at, "a %s has no field `%s`%s", rs->name, e->var,
               sg.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", sg.best) : "");
    return T_ERROR;
}

static Type check_index(Checker *k, Expr *e)
{
    Sym *s = sym_find(k, e->name);
    if (!s || (s->kind != SYM_SCHEDULE && s->kind != SYM_TABLE)) {
        if (s)
            diag_error(k->d, e->at, "`%s` is a %s, not a schedule or table, so it cannot be looked up with [ ]", e->name, sym_kind_text(s->kind));
        else
            diag_error(k->d, e->at, "unknown schedule or table `%s`%s", e->name, suggest(k, e->name, false));
        for (int i = 0; i < e->nargs; i++)
            check_expr(k, e->args[i], NULL);
        return T_ERROR;
    }
    e->ref_index = s->index;
    if (s->kind == SYM_SCHEDULE) {
        e->ref = REF_SCHEDULE;
        ScheduleInfo *si = &k->m->schedules[s->index];
        si->used = true;
        ScheduleDecl *sd = &k->c->schedules.v[s->index];
        if (sd->key_dim.s)
            return check_keyed_lookup(k, e, sd, si);
        if (e->nargs != 2) {
            diag_error(k->d, e->at, "schedule `%s` is looked up by %s and %s: %s[%s, %s]", e->name, sd->row_dim.s, sd->col_dim.s,
                       e->name, sd->row_dim.s, sd->col_dim.s);
            return T_ERROR;
        }
        Type rh = si->row_enum ? (Type){TY_ENUM, si->row_enum_id} : T_INT;
        Type r = check_expr(k, e->args[0], &rh);
        Type ch = {TY_ENUM, si->col_enum_id};
        Type col = check_expr(k, e->args[1], &ch);
        if (r.kind != TY_ERROR && !same_type(r, rh))
            diag_error(k->d, e->args[0]->at, "the row of schedule `%s` is %s, but this is %s", e->name, type_article(k, rh), type_article(k, r));
        if (col.kind != TY_ERROR && !same_type(col, ch))
            diag_error(k->d, e->args[1]->at, "the column of schedule `%s` is %s, but this is %s", e->name, type_article(k, ch), type_article(k, col));
        return si->cell_type;
    }
    e->ref = REF_TABLE;
    TableInfo *ti = &k->m->tables[s->index];
    ti->used = true;
    if (e->nargs != 1) {
        diag_error(k->d, e->at, "table `%s` is looked up by one key: %s[%s]", e->name, e->name, k->c->tables.v[s->index].key_dim.s);
        return T_ERROR;
    }
    Type kh = ti->key_enum ? (Type){TY_ENUM, ti->key_enum_id} : T_INT;
    Type kt = check_expr(k, e->args[0], &kh);
    if (kt.kind != TY_ERROR && !same_type(kt, kh))
        diag_error(k->d, e->args[0]->at, "table `%s` is keyed by %s, but this is %s", e->name, type_article(k, kh), type_article(k, kt));
    return ti->value_type;
}

static Type check_in(Checker *k, Expr *e)
{
    if (e->b->kind == E_SET) {
        Type a = check_expr(k, e->a, NULL);
        for (int i = 0; i < e->b->nargs; i++) {
            Type t = check_expr(k, e->b->args[i], &a);
            if (a.kind != TY_ERROR && t.kind != TY_ERROR && !same_type(a, t) && !(is_number(a) && is_number(t)))
                diag_error(k->d, e->b->args[i]->at, "this is %s, but the value tested is %s", type_article(k, t), type_article(k, a));
        }
        e->b->type = a;
        return T_BOOL;
    }
    if (e->b->kind == E_TEXT) {
        diag_error(k->d, e->b->at, "`in \"%s\"` names a contract year, which only an example's `expect` can do", e->b->name);
        return T_ERROR;
    }
    Type l = check_expr(k, e->b, NULL);
    if (l.kind == TY_ERROR) {
        check_expr(k, e->a, NULL);
        return T_BOOL;
    }
    if (l.kind != TY_LIST) {
        diag_error(k->d, e->b->at, "after `in` comes a list, a set [a, b] or a range a..b; this is %s", type_article(k, l));
        return T_BOOL;
    }
    Type elem = {TY_ENUM, l.enum_id};
    Type a = check_expr(k, e->a, &elem);
    if (a.kind != TY_ERROR && !same_type(a, elem))
        diag_error(k->d, e->a->at, "%s holds %s members, but this is %s", type_name(k->m, l), k->m->enums[l.enum_id].name, type_article(k, a));
    return T_BOOL;
}

/* [] takes the list type of where it stands: a list field it sets, the
 * other branch of an `if`; anywhere else its members' kind is unknown. */
static Type empty_list(Checker *k, Expr *e, const Type *hint)
{
    if (hint && hint->kind == TY_LIST)
        return *hint;
    if (!hint || hint->kind != TY_ERROR)
        diag_error(k->d, e->at, "an empty list `[]` stands only where it is clear what it is a list of, as in "
                   "`each year: assignments = []`; to test for an empty list, write count(x) = 0");
    return T_ERROR;
}

Type check_expr(Checker *k, Expr *e, const Type *hint)
{
    k->depth++;
    if (e->kind == E_BINARY && e->op == OPB_DIV)
        make_peryear(k, e);
    Type t = T_ERROR;
    switch (e->kind) {
    case E_ERROR: break; /* the parser reported it */
    case E_NA: break;    /* only ever a schedule cell */
    case E_INT: t = T_INT; break;
    case E_DEC: t = T_DEC; break;
    case E_MONEY: t = T_MONEY; break;
    case E_BLANK:
        t = hint && is_numeric(*hint) ? *hint : blank_is_amount(e) ? T_MONEY : T_DEC;
        k->m->nblanks++;
        break;
    case E_BOOL: t = T_BOOL; break;
    case E_TEXT: t = T_TEXT; break;
    case E_DATE: t = T_DATE; break;
    case E_PERYEAR: t = T_MONEY; break;
    case E_NAME: t = resolve_name(k, e, hint); break;
    case E_NEG: {
        Type a = check_expr(k, e->a, hint);
        if (a.kind != TY_ERROR && !is_numeric(a))
            diag_error(k->d, e->at, "`-` works on numbers and money, not on %s", type_article(k, a));
        else
            t = a;
        break;
    }
    case E_NOT:
        expect_type(k, e->a, check_expr(k, e->a, NULL), TY_BOOL, "what `not` negates");
        t = T_BOOL;
        break;
    case E_BINARY:
        if (e->op == OPB_AND || e->op == OPB_OR) {
            const char *what = e->op == OPB_AND ? "each side of `and`" : "each side of `or`";
            expect_type(k, e->a, check_expr(k, e->a, NULL), TY_BOOL, what);
            expect_type(k, e->b, check_expr(k, e->b, NULL), TY_BOOL, what);
            t = T_BOOL;
        } else if (e->op >= OPB_EQ) {
            /* the side that is not a bare name gives the other its enum */
            Type a, b;
            if (e->a->kind == E_NAME && e->b->kind != E_NAME) {
                b = check_expr(k, e->b, NULL);
                a = check_expr(k, e->a, &b);
            } else {
                a = check_expr(k, e->a, NULL);
                b = check_expr(k, e->b, &a);
            }
            t = compare(k, e, a, b);
        } else {
            Type a = check_expr(k, e->a, hint);
            Type b = check_expr(k, e->b, hint);
            t = arith(k, e, a, b);
        }
        break;
    case E_IN_RANGE: {
        Type a = check_expr(k, e->a, NULL);
        Type lo = check_expr(k, e->b, &a), hi = check_expr(k, e->c, &a);
        Expr cmp = {.kind = E_BINARY, .op = OPB_LE, .at = e->at};
        if (a.kind != TY_ENUM && a.kind != TY_BOOL && a.kind != TY_TEXT) /* else reported below */
            compare(k, &cmp, a, lo);
        if (lo.kind != TY_ERROR && hi.kind != TY_ERROR && !(same_type(lo, hi) || (is_number(lo) && is_number(hi))))
            diag_error(k->d, e->c->at, "the two ends of a range must be of one kind");
        if (a.kind == TY_ENUM || a.kind == TY_BOOL || a.kind == TY_TEXT)
            diag_error(k->d, e->at, "a range a..b holds numbers, amounts or dates; for members write [a, b, c]");
        t = T_BOOL;
        break;
    }
    case E_IN: t = check_in(k, e); break;
    case E_SET:
        if (e->nargs == 0) {
            t = empty_list(k, e, hint);
            break;
        }
        diag_error(k->d, e->at, "a set [a, b] goes after `in`, as in `lane in [BA, MA]`");
        for (int i = 0; i < e->nargs; i++)
            check_expr(k, e->args[i], NULL);
        break;
    case E_IF: {
        expect_type(k, e->a, check_expr(k, e->a, NULL), TY_BOOL, "the condition of `if`");
        Type a, b;
        if (e->b->kind == E_SET && e->b->nargs == 0 && !(hint && hint->kind == TY_LIST)) {
            b = check_expr(k, e->c, hint); /* if c then [] else assignments: [] is what the other branch is */
            a = check_expr(k, e->b, b.kind != TY_ERROR ? &b : hint);
        } else {
            a = check_expr(k, e->b, hint);
            b = check_expr(k, e->c, a.kind != TY_ERROR ? &a : hint);
        }
        if (a.kind == TY_ERROR || b.kind == TY_ERROR)
            t = T_ERROR;
        else if (same_type(a, b))
            t = money_places(a) >= money_places(b) ? a : b; /* money rounded to 4 places in one branch is shown with 4 */
        else if (is_number(a) && is_number(b))
            t = T_DEC;
        else
            diag_error(k->d, e->at, "the two branches of this `if` give %s and %s: they must give the same kind of value",
                       type_article(k, a), type_article(k, b));
        break;
    }
    case E_CALL:
        t = !strcmp(e->name, "last_year") ? check_last_year(k, e) : !strcmp(e->name, "retro") ? check_retro(k, e) : check_call(k, e);
        break;
    case E_COMPREH: t = check_comprehension(k, e); break;
    case E_INDEX: t = check_index(k, e); break;
    case E_FIELD_OF: t = check_field_of(k, e); break;
    }
    e->type = t;
    k->depth--;
    return t;
}
