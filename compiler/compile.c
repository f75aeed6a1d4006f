/* compile.c: expressions to bytecode, folding constants.
 *
 * Each definition and component gets its own stretch of code ending in
 * RETURN; the VM runs it the first time a row needs it.  A subexpression
 * whose value is known for the year (literals, params, constant
 * definitions, lookups with constant keys) becomes one CONST, computed by
 * the operations the VM itself runs (ops.h).
 */
#include "compile.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "builtins.h"
#include "derive.h"
#include "effective.h"
#include "ops.h"
#include "peephole.h"

/* What fold found for one expression in this compilation. */
typedef struct {
    const Expr *e;      /* NULL: an empty entry */
    bool ok;
    Value v;
} Folded;

/* Every expression fold was asked about, by its address: emit_expr asks
 * again at each level of an expression, which without this would fold a
 * deep one over and over.  Open addressing over a power of two of
 * entries, at most half of them used. */
typedef struct {
    Folded *v;
    size_t mask, n;
} FoldMemo;

typedef struct {
    const Model *m;
    Contract *c;        /* the contract, for its arena, where the Program goes */
    Program *p;
    const Override *ov;
    int nov;
    const Given *given;
    int ngiven;
    VEC(int32_t) code;
    VEC(Value) consts;
    VEC(ProgBlank) blanks;
    int depth;          /* stack height at this point of the code */
    int peak;           /* the highest it has been in this node */
    int node;           /* node being compiled */
    int *rule_index;    /* Contract rule -> ProgRule */
    FoldMemo folded;
    bool coverage;      /* compile_covered: probes, and no `if` or lookup folded */
    VEC(ProgProbe) probes;
    int *row_probes;    /* [schedule]: its first row's probe */
    int *entry_probes;  /* [table]: its first entry's probe */
    bool as_paid;       /* the year as paid until the settlement: no new figure before `settled` */
} Compiler;

/* A node can call for another's value mid-expression (OP_GET), whose code
 * then runs on top of the caller's stack: the VM's stack must hold every
 * node's peak at once, so max_stack is the sum of the peaks. */
static void grow_stack(Compiler *cc, int delta)
{
    cc->depth += delta;
    if (cc->depth > cc->peak) {
        cc->p->max_stack += cc->depth - cc->peak;
        cc->peak = cc->depth;
    }
}

/* Emits op with its operands; delta is its effect on the stack height. */
static int emit(Compiler *cc, Opcode op, int delta, int a, int b)
{
    int at = cc->code.n;
    VEC_PUSH(&cc->c->arena, cc->code, op);
    if (op_operands[op] > 0)
        VEC_PUSH(&cc->c->arena, cc->code, a);
    if (op_operands[op] > 1)
        VEC_PUSH(&cc->c->arena, cc->code, b);
    grow_stack(cc, delta);
    return at;
}

static int add_const(Compiler *cc, Value v)
{
    VEC_PUSH(&cc->c->arena, cc->consts, v);
    return cc->consts.n - 1;
}

static void emit_const(Compiler *cc, Value v)
{
    emit(cc, OP_CONST, 1, add_const(cc, v), 0);
}

static void emit_blank(Compiler *cc, const char *what, const char *set)
{
    ProgBlank b = {what, set};
    VEC_PUSH(&cc->c->arena, cc->blanks, b);
    emit(cc, OP_BLANK, 1, cc->blanks.n - 1, 0);
}

/* Coverage: a probe, counted by COVER_ROW or COVER_ENTRY or (emit_cover)
 * by COVER. */
static int add_probe(Compiler *cc, ProbeKind kind, uint32_t at, int index, int key)
{
    ProgProbe probe = {kind, at, index, key};
    VEC_PUSH(&cc->c->arena, cc->probes, probe);
    return cc->probes.n - 1;
}

static void emit_cover(Compiler *cc, ProbeKind kind, uint32_t at, int index)
{
    if (cc->coverage)
        emit(cc, OP_COVER, 0, add_probe(cc, kind, at, index, 0), 0);
}

/* Points the jump at `at` to the current end of the code. */
static void patch(Compiler *cc, int at, int operand)
{
    int next = at + 1 + op_operands[cc->code.v[at]];
    cc->code.v[at + 1 + operand] = cc->code.n - next;
}

/* The date in from that falls in year, and its weights: as the contract
 * says, or, for the year as paid (retro( )), with the new figure from the
 * settlement if that came later. */
static const EffectiveDate *effective_at(const Compiler *cc, const EffectiveDates *from, int year, EffectiveSplit *split)
{
    const EffectiveDate *d = effective_in_year(cc->c, from, year, split);
    if (!d || !cc->as_paid || !cc->c->has_settled || cc->c->settled <= d->day)
        return d;
    if (cc->c->settled > split->end)
        split->weight = rat_int(0);
    else
        effective_split(cc->c, cc->c->settled, split);
    return d;
}

static const Figure *param_figure(Compiler *cc, int param)
{
    return &cc->p->params[param];
}

/* Every param's value in year, in the order their formulas need: --set's
 * and an example's `given`, and the formulas of the others over them, so
 * a param computed from one that is set follows it.  One that cannot be
 * computed from what is set (a division by zero) is left blank: using it
 * is then an error.  With weighted, a param that changes on a date inside
 * the year is the year before's value and this year's, weighted by days
 * (effective.h); formulas then read the weighted values. */
static Figure *param_values(Compiler *cc, int year, bool weighted)
{
    const Model *m = cc->m;
    int n = cc->c->params.n;
    Figure *vals = arena_alloc(&cc->c->arena, sizeof(Figure) * (size_t)(n + 1));
    Figure *before = NULL;
    for (int k = 0; k < m->nparams_ordered; k++) {
        int i = m->param_order[k], o = cc->nov - 1;
        while (o >= 0 && cc->ov[o].param != i)
            o--;
        if (o >= 0)
            vals[i] = (Figure){.v = cc->ov[o].years ? cc->ov[o].years[year] : cc->ov[o].value};
        else if (param_compute(m, i, year, vals, &vals[i]) != RAT_OK)
            vals[i] = (Figure){.v = rat_int(0), .blank = true};
        EffectiveSplit split;
        if (weighted && year > 0 && effective_at(cc, &cc->c->params.v[i].from, year, &split)) {
            if (!before)
                before = param_values(cc, year - 1, false);
            vals[i] = effective_blend(before[i], vals[i], &split);
        }
    }
    return vals;
}

static void layout_params(Compiler *cc)
{
    cc->p->params = param_values(cc, cc->p->year, true);
    cc->p->nparams = cc->c->params.n;
}

/* last_year(x) in the first year: x's `before the first year:` expression */
static Expr *before_first(const Compiler *cc, const Expr *call)
{
    for (int i = 0; i < cc->c->before_first.n; i++)
        if (!strcmp(cc->c->before_first.v[i].name.s, call->args[0]->name))
            return cc->c->before_first.v[i].expr;
    assert(!"last_year( ) with no `before the first year:` value, which the checker refuses");
    return NULL;
}

static bool is_num(Type t) { return t.kind == TY_INTEGER || t.kind == TY_DECIMAL || t.kind == TY_MONEY; }

/* The instructions for an operator and its operands' type, for the code
 * and for folding alike (arith_opcode: check.h). */
static Opcode cmp_opcode(Type t) { return is_num(t) ? OP_CMP_NUM : t.kind == TY_TEXT ? OP_CMP_TEXT : OP_CMP_INT; }
static Opcode range_opcode(Type t) { return t.kind == TY_DATE ? OP_IN_RANGE_INT : OP_IN_RANGE; }
static Opcode set_opcode(Type t) { return is_num(t) ? OP_SET_NUM : OP_SET_INT; }

static int cmp_code(BinOp op)
{
    switch (op) {
    case OPB_EQ: return CMP_EQ;
    case OPB_NE: return CMP_NE;
    case OPB_LT: return CMP_LT;
    case OPB_LE: return CMP_LE;
    case OPB_GT: return CMP_GT;
    default: return CMP_GE;
    }
}

/* The places and the mode a call of round, floor or ceil rounds with: the
 * operands of its ROUND instruction. */
static int round_places(const Compiler *cc, const Expr *call)
{
    return call->nargs == 2 ? call->args[1]->ref_index : call->type.kind == TY_MONEY ? cc->p->round_places : 0;
}

static RoundMode round_mode(const Compiler *cc, const Expr *call)
{
    return builtin_round_mode(&builtins[call->ref_index], cc->p->rounding);
}

/* Constant folding: the value of e if it is known at compile time for
 * this year (literals, params, constant definitions and what is computed
 * from them), computed by the VM's own operations (ops.h).  False if it is
 * not known, or if computing it fails: the VM then computes it and reports
 * the failure, naming the employee. */
static bool fold(Compiler *cc, Expr *e, Value *out);

static bool fold_name(Compiler *cc, const Expr *e, Value *out)
{
    switch (e->ref) {
    case REF_PARAM: {
        const Figure *cell = param_figure(cc, e->ref_index);
        if (cell->blank)
            return false;
        if (e->type.kind == TY_BOOL)
            out->i = cell->v.n;
        else
            out->num = cell->v;
        return true;
    }
    case REF_DEF:
    case REF_COMPONENT: { /* a component is constant only when an example gives it */
        const ProgNode *node = &cc->p->nodes[e->ref == REF_DEF ? e->ref_index : cc->c->defs.n + e->ref_index];
        if (!node->constant)
            return false;
        *out = node->value;
        return true;
    }
    case REF_MEMBER:
        out->i = e->ref_index;
        return true;
    case REF_YEAR:
        out->num = op_year(cc->p);
        return true;
    default:
        return false;
    }
}

static bool fold_binary(Compiler *cc, Expr *e, Value *out)
{
    Value a, b;
    if (e->op == OPB_AND || e->op == OPB_OR) {
        bool fa = fold(cc, e->a, &a);
        /* `no and x` is no, `yes or x` is yes, whatever x is */
        if (fa && (e->op == OPB_AND ? !a.i : a.i)) {
            out->i = a.i;
            return true;
        }
        if (!fa || !fold(cc, e->b, &b))
            return false;
        out->i = b.i;
        return true;
    }
    if (!fold(cc, e->a, &a) || !fold(cc, e->b, &b))
        return false;
    if (e->op <= OPB_MOD)
        return op_arith(arith_opcode(e->op), a.num, b.num, &out->num) == RAT_OK;
    out->i = op_compare(cmp_opcode(e->a->type), cmp_code(e->op), a, b);
    return true;
}

static bool fold_in(Compiler *cc, Expr *e, Value *out)
{
    Value x, lo, hi, member;
    if (e->kind == E_IN_RANGE) {
        if (!fold(cc, e->a, &x) || !fold(cc, e->b, &lo) || !fold(cc, e->c, &hi))
            return false;
        out->i = range_opcode(e->a->type) == OP_IN_RANGE_INT ? op_in_range_int(x.i, lo.i, hi.i) : op_in_range(x.num, lo.num, hi.num);
        return true;
    }
    if (e->b->kind != E_SET || !fold(cc, e->a, &x))
        return false;
    out->i = 0;
    for (int i = 0; i < e->b->nargs; i++) {
        if (!fold(cc, e->b->args[i], &member))
            return false;
        out->i |= op_in_set(set_opcode(e->a->type), x, &member, 1);
    }
    return true;
}

static bool fold_call(Compiler *cc, Expr *e, Value *out)
{
    if (e->ref == REF_LAST_YEAR)
        return cc->p->year == 0 && fold(cc, before_first(cc, e), out);
    if (e->ref == REF_RETRO) { /* as paid, nothing is paid late */
        out->num = rat_int(0);
        return cc->as_paid;
    }
    if (e->ref != REF_BUILTIN || !builtins[e->ref_index].fn || e->nargs > 16)
        return false;
    const Builtin *bi = &builtins[e->ref_index];
    Value args[16];
    for (int i = 0; i < e->nargs; i++)
        if (!fold(cc, e->args[i], &args[i]))
            return false;
    if (bi->sig == SIG_ROUND) /* as ROUND does */
        return rat_round(args[0].num, round_places(cc, e), round_mode(cc, e), &out->num) == RAT_OK;
    return bi->fn(args, e->nargs, cc->p->rounding, out) == RAT_OK; /* as CALL does */
}

static bool fold_index(Compiler *cc, Expr *e, Value *out)
{
    Value key[2];
    if (e->nargs > 2)
        return false;
    for (int i = 0; i < e->nargs; i++)
        if (!fold(cc, e->args[i], &key[i]))
            return false;
    if (e->ref == REF_SCHEDULE)
        return op_lookup2(&cc->p->schedules[e->ref_index], key[0], key[1], &out->num, &(const Figure *){0}) == LOOKUP_OK;
    return op_lookup1(&cc->p->tables[e->ref_index], key[0], &out->num, &(const Figure *){0}) == LOOKUP_OK;
}

static bool fold_uncached(Compiler *cc, Expr *e, Value *out)
{
    Value a;
    if (cc->coverage && (e->kind == E_IF || e->kind == E_INDEX))
        return false; /* so its probes count what each row takes and reads */
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        out->num = e->num;
        return true;
    case E_BOOL: case E_DATE:
        out->i = e->num.n;
        return true;
    case E_TEXT:
        out->text.p = e->name;
        out->text.len = (uint32_t)strlen(e->name);
        return true;
    case E_PERYEAR: {
        Expr *v = e->args[e->nargs == cc->m->nyears ? cc->p->year : 0];
        if (v->kind == E_BLANK)
            return false;
        out->num = v->num;
        return true;
    }
    case E_NAME:
        return fold_name(cc, e, out);
    case E_SET: /* only [] stands outside `in` */
        out->list.items = NULL;
        out->list.len = 0;
        return e->nargs == 0;
    case E_NEG:
        if (!fold(cc, e->a, &a))
            return false;
        out->num = rat_neg(a.num);
        return true;
    case E_NOT:
        if (!fold(cc, e->a, &a))
            return false;
        out->i = !a.i;
        return true;
    case E_BINARY:
        return fold_binary(cc, e, out);
    case E_IN_RANGE:
    case E_IN:
        return fold_in(cc, e, out);
    case E_IF:
        if (!fold(cc, e->a, &a))
            return false;
        return fold(cc, a.i ? e->b : e->c, out);
    case E_CALL:
        return fold_call(cc, e, out);
    case E_INDEX:
        return fold_index(cc, e, out);
    default:
        return false;
    }
}

static Folded *memo_slot(Folded *v, size_t mask, const Expr *e)
{
    size_t i = (size_t)(((uintptr_t)e >> 4) * 0x9E3779B97F4A7C15u) & mask;
    while (v[i].e && v[i].e != e)
        i = (i + 1) & mask;
    return &v[i];
}

static void memo_grow(FoldMemo *m)
{
    size_t cap = m->v ? (m->mask + 1) * 2 : 256;
    Folded *v = xcalloc(cap, sizeof *v);
    for (size_t i = 0; m->v && i <= m->mask; i++)
        if (m->v[i].e)
            *memo_slot(v, cap - 1, m->v[i].e) = m->v[i];
    free(m->v);
    m->v = v;
    m->mask = cap - 1;
}

static bool fold(Compiler *cc, Expr *e, Value *out)
{
    FoldMemo *m = &cc->folded;
    if (!m->v)
        memo_grow(m);
    const Folded *f = memo_slot(m->v, m->mask, e);
    if (!f->e) {
        Folded got = {.e = e};
        got.ok = fold_uncached(cc, e, &got.v); /* folds e's parts first, which may grow the memo */
        if ((m->n + 1) * 2 > m->mask + 1)
            memo_grow(m);
        Folded *slot = memo_slot(m->v, m->mask, e);
        *slot = got;
        m->n++;
        f = slot;
    }
    *out = f->v;
    return f->ok;
}

static void emit_expr(Compiler *cc, Expr *e);

static void emit_jump_back(Compiler *cc, int target)
{
    int at = emit(cc, OP_JUMP, 0, 0, 0);
    cc->code.v[at + 1] = target - cc->code.n;
}

/* sum / count / any / all (x for var in list [if cond]) */
static void emit_comprehension(Compiler *cc, Expr *e)
{
    Aggregate agg = builtins[e->ref_index].aggregate;
    int slot = e->var_slot;
    emit_expr(cc, e->b);
    Expr *x = e->a;
    if (agg == AGG_SUM && !e->c && !cc->coverage && x->kind == E_INDEX && x->ref == REF_TABLE && x->nargs == 1 &&
        x->args[0]->kind == E_NAME && x->args[0]->ref == REF_LOCAL && x->args[0]->ref_index == slot) {
        emit(cc, OP_SUM_LOOKUP1, 0, x->ref_index, 0); /* sum(t[m] for m in list) */
        return;
    }
    bool rows = e->b->type.kind == TY_RECORDS;
    emit(cc, rows ? OP_ITER_ROWS : OP_ITER, -1, slot, 0);
    Value zero = {.num = rat_int(0)};
    if (agg == AGG_ANY || agg == AGG_ALL)
        zero = (Value){.i = agg == AGG_ALL};
    emit_const(cc, zero);
    int loop = cc->code.n;
    int next = emit(cc, rows ? OP_NEXT_ROW : OP_NEXT, 0, slot, 0);
    if (e->c) {
        emit_expr(cc, e->c);
        int skip = emit(cc, OP_JUMP_FALSE, -1, 0, 0);
        cc->code.v[skip + 1] = loop - (skip + 2);
    }
    bool counts_members = agg == AGG_COUNT && e->a->type.kind != TY_BOOL;
    if (!counts_members)
        emit_expr(cc, e->a);
    int done = -1;
    switch (agg) {
    case AGG_SUM:
        emit(cc, OP_ADD, -1, 0, 0);
        break;
    case AGG_COUNT: {
        if (!counts_members) {
            int skip = emit(cc, OP_JUMP_FALSE, -1, 0, 0);
            cc->code.v[skip + 1] = loop - (skip + 2);
        }
        emit_const(cc, (Value){.num = rat_int(1)});
        emit(cc, OP_ADD, -1, 0, 0);
        break;
    }
    case AGG_ANY:
    case AGG_ALL: {
        if (agg == AGG_ALL)
            emit(cc, OP_NOT, 0, 0, 0);
        int skip = emit(cc, OP_JUMP_FALSE, -1, 0, 0);
        cc->code.v[skip + 1] = loop - (skip + 2);
        emit(cc, OP_POP, -1, 0, 0);
        emit_const(cc, (Value){.i = agg == AGG_ANY});
        done = emit(cc, OP_JUMP, 0, 0, 0);
        cc->depth--; /* the jump leaves with the answer; the loop goes on without it */
        break;
    }
    case AGG_NONE: /* min or max: of the members so far */
        emit(cc, OP_FOLD, -1, e->ref_index, slot);
        break;
    }
    if (done < 0 || agg == AGG_ANY || agg == AGG_ALL)
        emit_jump_back(cc, loop);
    patch(cc, next, 1);
    if (done >= 0) {
        patch(cc, done, 0);
        cc->depth++;
    }
}

/* The first param e uses that is blank, or -1. */
static int blank_in(const Compiler *cc, const Expr *e)
{
    if (e->kind == E_NAME)
        return e->ref == REF_PARAM && cc->p->params[e->ref_index].blank ? e->ref_index : -1;
    int a = e->a ? blank_in(cc, e->a) : -1;
    return a >= 0 ? a : e->b ? blank_in(cc, e->b) : -1;
}

/* The param whose blank leaves a blank param blank: the param itself, or,
 * for one computed from others, the blank part to fill (`raise` for
 * factor = 1 + raise), which is what --set should name.  Followed one
 * param at a time: a chain of them is as long as the contract. */
static int blank_source(const Compiler *cc, int param)
{
    for (;;) {
        const ParamDecl *p = &cc->c->params.v[param];
        bool set = false;
        for (int o = 0; o < cc->nov; o++)
            set |= cc->ov[o].param == param;
        int part = cc->m->params[param].computed && !set ? blank_in(cc, p->values[p->nvalues == 1 ? 0 : cc->p->year]) : -1;
        if (part < 0)
            return param;
        param = part;
    }
}

/* A name known only per row: a field, a definition's or a component's
 * value, a loop variable, or a param still blank. */
static void emit_name(Compiler *cc, const Expr *e)
{
    switch (e->ref) {
    case REF_FIELD: emit(cc, OP_FIELD, 1, e->ref_index, 0); return;
    case REF_DEF: emit(cc, OP_GET, 1, e->ref_index, 0); return;
    case REF_COMPONENT: emit(cc, OP_GET, 1, cc->c->defs.n + e->ref_index, 0); return;
    case REF_LOCAL: emit(cc, OP_LOCAL, 1, e->ref_index, 0); return;
    case REF_PARAM: {
        int from = blank_source(cc, e->ref_index);
        const ParamDecl *p = &cc->c->params.v[from];
        emit_blank(cc, from == e->ref_index ? arena_printf(&cc->c->arena, "param `%s`", e->name)
                                            : arena_printf(&cc->c->arena, "param `%s` (computed from `%s`)", e->name, p->name.s),
                   arena_printf(&cc->c->arena, "%s=%s…", p->name.s, cc->m->params[from].type.kind == TY_MONEY ? "$" : ""));
        return;
    }
    default:
        assert(!"a name the checker resolves to nothing the VM reads, and that does not fold");
    }
}

/* a op b: `and` and `or` jump past b when a decides */
static void emit_binary(Compiler *cc, Expr *e)
{
    emit_expr(cc, e->a);
    if (e->op == OPB_AND || e->op == OPB_OR) {
        int j = emit(cc, e->op == OPB_AND ? OP_AND : OP_OR, -1, 0, 0);
        emit_expr(cc, e->b);
        patch(cc, j, 0);
        return;
    }
    emit_expr(cc, e->b);
    if (e->op <= OPB_MOD)
        emit(cc, arith_opcode(e->op), -1, 0, 0);
    else
        emit(cc, cmp_opcode(e->a->type), -1, cmp_code(e->op), 0);
}

/* x in [a, b, ...]: one SET instruction over constants if every member
 * folds, else (x = a) or (x = b) ... */
static void emit_in_set(Compiler *cc, Expr *e)
{
    const Expr *set = e->b;
    int first = cc->consts.n;
    bool all_const = true;
    Value *vals = arena_alloc(&cc->c->arena, sizeof(Value) * (size_t)(set->nargs + 1));
    for (int i = 0; i < set->nargs && all_const; i++)
        all_const = fold(cc, set->args[i], &vals[i]);
    if (all_const) {
        for (int i = 0; i < set->nargs; i++)
            add_const(cc, vals[i]);
        emit_expr(cc, e->a);
        emit(cc, set_opcode(e->a->type), 0, first, set->nargs);
        return;
    }
    Opcode cmp = cmp_opcode(e->a->type);
    int *exits = arena_alloc(&cc->c->arena, sizeof(int) * (size_t)(set->nargs + 1));
    for (int i = 0; i < set->nargs; i++) {
        emit_expr(cc, e->a);
        emit_expr(cc, set->args[i]);
        emit(cc, cmp, -1, CMP_EQ, 0);
        if (i + 1 < set->nargs)
            exits[i] = emit(cc, OP_OR, -1, 0, 0);
    }
    for (int i = 0; i + 1 < set->nargs; i++)
        patch(cc, exits[i], 0);
}

/* x in a..b, x in [a, b], x in a list */
static void emit_in(Compiler *cc, Expr *e)
{
    if (e->kind == E_IN && e->b->kind == E_SET) {
        emit_in_set(cc, e);
        return;
    }
    emit_expr(cc, e->a);
    emit_expr(cc, e->b);
    if (e->kind == E_IN_RANGE) {
        emit_expr(cc, e->c);
        emit(cc, range_opcode(e->a->type), -2, 0, 0);
    } else {
        emit(cc, OP_IN_LIST, -1, 0, 0);
    }
}

/* if a then b else c; with coverage, each branch counted (an `else if`'s
 * branches by the `if` it is) */
static void emit_if(Compiler *cc, Expr *e)
{
    emit_expr(cc, e->a);
    int to_else = emit(cc, OP_JUMP_FALSE, -1, 0, 0);
    emit_cover(cc, PROBE_THEN, e->b->at.start, -1);
    emit_expr(cc, e->b);
    int to_end = emit(cc, OP_JUMP, 0, 0, 0);
    cc->depth--;
    patch(cc, to_else, 0);
    if (e->c->kind != E_IF)
        emit_cover(cc, PROBE_ELSE, e->c->at.start, -1);
    emit_expr(cc, e->c);
    patch(cc, to_end, 0);
}

/* round, floor, ceil: ROUND after x, or of round(a / b), round(a * b), one
 * step without reducing a / b first; then the mode, the third operand */
static void emit_round(Compiler *cc, Expr *e)
{
    int places = round_places(cc, e);
    Expr *x = e->args[0];
    Value v;
    if (x->kind == E_BINARY && (x->op == OPB_DIV || x->op == OPB_MUL) && !fold(cc, x, &v)) {
        emit_expr(cc, x->a);
        emit_expr(cc, x->b);
        emit(cc, x->op == OPB_DIV ? OP_DIV_ROUND : OP_MUL_ROUND, -1, e->ref_index, places);
    } else {
        emit_expr(cc, x);
        emit(cc, OP_ROUND, 0, e->ref_index, places);
    }
    VEC_PUSH(&cc->c->arena, cc->code, (int32_t)round_mode(cc, e));
}

/* f(args) of a function the contract writes, written out: each argument,
 * then each into its parameter's local (all computed before any is set:
 * an argument may call f too), then f's body. */
static void emit_fn_call(Compiler *cc, Expr *e)
{
    const FunctionInfo *f = &cc->m->functions[e->ref_index];
    for (int i = 0; i < e->nargs; i++)
        emit_expr(cc, e->args[i]);
    for (int i = e->nargs - 1; i >= 0; i--)
        emit(cc, OP_SET_LOCAL, -1, f->slots[i], 0);
    emit_expr(cc, cc->c->functions.v[e->ref_index].body);
}

static void emit_call(Compiler *cc, Expr *e)
{
    if (e->ref == REF_RETRO) { /* x - x as paid */
        const ProgNode *x = &cc->p->nodes[e->ref_index];
        if (x->constant)
            emit_const(cc, x->value);
        else
            emit(cc, OP_GET, 1, e->ref_index, 0);
        emit(cc, OP_AS_PAID, 1, e->ref_index, 0);
        emit(cc, OP_SUB, -1, 0, 0);
        return;
    }
    if (e->ref == REF_LAST_YEAR) {
        if (cc->p->year == 0)
            emit_expr(cc, before_first(cc, e));
        else
            emit(cc, OP_LAST_YEAR, 1, e->ref_index, 0);
        return;
    }
    if (e->ref == REF_FUNCTION) {
        emit_fn_call(cc, e);
        return;
    }
    const Builtin *bi = &builtins[e->ref_index];
    if (bi->aggregate == AGG_COUNT) { /* count(list) */
        emit_expr(cc, e->args[0]);
        emit(cc, OP_LENGTH, 0, 0, 0);
        return;
    }
    if (bi->sig == SIG_ROUND) {
        emit_round(cc, e);
        return;
    }
    if (bi->sig == SIG_MEMBER) {
        emit_expr(cc, e->args[0]);
        emit(cc, OP_MEMBER_STEP, 0, e->type.enum_id, strcmp(bi->name, "next") == 0 ? 1 : -1);
        return;
    }
    for (int i = 0; i < e->nargs; i++)
        emit_expr(cc, e->args[i]);
    emit(cc, OP_CALL, 1 - e->nargs, e->ref_index, e->nargs);
}

/* schedule[row, col], table[key] */
static void emit_index(Compiler *cc, Expr *e)
{
    for (int i = 0; i < e->nargs; i++)
        emit_expr(cc, e->args[i]);
    if (cc->coverage && e->ref == REF_SCHEDULE && e->nargs != 3)
        emit(cc, OP_COVER_ROW, 0, cc->row_probes[e->ref_index], e->ref_index);
    else if (cc->coverage)
        emit(cc, OP_COVER_ENTRY, 0, cc->entry_probes[e->ref_index], e->ref_index);
    if (e->ref == REF_SCHEDULE && e->nargs == 3)
        emit(cc, OP_LOOKUP3, -2, e->ref_index, 0);
    else if (e->ref == REF_SCHEDULE)
        emit(cc, OP_LOOKUP2, -1, e->ref_index, 0);
    else
        emit(cc, OP_LOOKUP1, 0, e->ref_index, 0);
}

/* e's code: its value, folded, as one CONST, or the code computing it
 * per row, leaving it on the stack. */
static void emit_expr(Compiler *cc, Expr *e)
{
    Value v;
    if (fold(cc, e, &v)) {
        emit_const(cc, v);
        return;
    }
    switch (e->kind) {
    case E_BLANK:
        emit_blank(cc, arena_printf(&cc->c->arena, "an amount of `%s`", cc->p->nodes[cc->node].name), NULL);
        return;
    case E_PERYEAR:
        emit_blank(cc, arena_printf(&cc->c->arena, "the \"%s\" amount of `%s`", cc->p->year_name, cc->p->nodes[cc->node].name), NULL);
        return;
    case E_NAME: emit_name(cc, e); return;
    case E_NEG:
    case E_NOT:
        emit_expr(cc, e->a);
        emit(cc, e->kind == E_NEG ? OP_NEG : OP_NOT, 0, 0, 0);
        return;
    case E_BINARY: emit_binary(cc, e); return;
    case E_IN_RANGE:
    case E_IN: emit_in(cc, e); return;
    case E_IF: emit_if(cc, e); return;
    case E_CALL: emit_call(cc, e); return;
    case E_COMPREH: emit_comprehension(cc, e); return;
    case E_INDEX: emit_index(cc, e); return;
    case E_FIELD_OF: emit(cc, OP_ROW_FIELD, 1, e->var_slot, e->ref_index); return;
    default:
        assert(!"an expression the checker lets through and the compiler does not know");
    }
}

static void compile_def(Compiler *cc, int n)
{
    ProgNode *node = &cc->p->nodes[n];
    Expr *e = cc->c->defs.v[n].expr;
    Value v;
    if (fold(cc, e, &v)) {
        node->constant = true;
        node->value = v;
        node->entry = -1;
        return;
    }
    node->entry = cc->code.n;
    cc->depth = 0;
    cc->peak = 0;
    emit_cover(cc, PROBE_DEF, node->src_start, n);
    emit_expr(cc, e);
    emit(cc, OP_RETURN, -1, n, 0);
    node->end = cc->code.n;
}

/* component: zero, then for each rule [cond JUMP_FALSE] amount ADD FIRED */
static void compile_component(Compiler *cc, int ci)
{
    const ComponentDecl *comp = &cc->c->components.v[ci];
    int n = cc->c->defs.n + ci;
    ProgNode *node = &cc->p->nodes[n];
    node->entry = cc->code.n;
    cc->depth = 0;
    cc->peak = 0;
    emit_const(cc, (Value){.num = rat_int(0)});
    for (int i = 0; i < comp->rules.n; i++) {
        RuleDecl *r = &cc->c->rules.v[comp->rules.v[i]];
        int skip = -1;
        Value v;
        if (r->when && fold(cc, r->when, &v) && !v.i)
            continue; /* never applies this year: coverage finds no count for it */
        if (r->when && !fold(cc, r->when, &v)) {
            emit_expr(cc, r->when);
            skip = emit(cc, OP_JUMP_FALSE, -1, 0, 0);
        }
        emit_expr(cc, r->amount);
        emit(cc, OP_ADD, -1, 0, 0);
        emit(cc, OP_FIRED, 0, cc->rule_index[comp->rules.v[i]], 0);
        emit_cover(cc, PROBE_RULE, r->at.start, comp->rules.v[i]);
        if (skip >= 0)
            patch(cc, skip, 0);
    }
    emit(cc, OP_POLICY, 0, ci, 0);
    emit(cc, OP_RETURN, -1, n, 0);
    node->end = cc->code.n;
}

/* Coverage: a probe for each row of each schedule and each entry of each
 * table, first. */
static void layout_row_probes(Compiler *cc)
{
    Program *p = cc->p;
    cc->row_probes = arena_alloc(&cc->c->arena, sizeof(int) * (size_t)(p->nschedules + 1));
    cc->entry_probes = arena_alloc(&cc->c->arena, sizeof(int) * (size_t)(p->ntables + 1));
    for (int i = 0; i < p->nschedules; i++) {
        cc->row_probes[i] = cc->probes.n;
        for (int r = 0; r < p->schedules[i].nrows; r++)
            add_probe(cc, PROBE_ROW, 0, i, r);
    }
    for (int i = 0; i < p->ntables; i++) {
        cc->entry_probes[i] = cc->probes.n;
        for (int k = 0; k < p->tables[i].nkeys; k++)
            add_probe(cc, PROBE_ENTRY, 0, i, k);
    }
}

/* A schedule whose block for this year says `from DATE`: each cell the
 * year before's and this year's, weighted (effective.h). */
static void blend_schedule(Compiler *cc, int i, Figure *cells, size_t per_year)
{
    const ScheduleDecl *sd = &cc->c->schedules.v[i];
    const ScheduleInfo *si = &cc->m->schedules[i];
    int year = cc->p->year;
    EffectiveSplit split;
    for (int b = 0; b < sd->blocks.n && year > 0 && si->cells; b++)
        if (sd->blocks.v[b].year && find_year(cc->m, sd->blocks.v[b].year) == year &&
            effective_at(cc, &sd->blocks.v[b].from, year, &split)) {
            /* the year before as it was paid: its own cells, derived ones worked out */
            const Figure *before = schedule_year_cells(cc->m, i, year - 1, cc->ov, cc->nov, &cc->c->arena);
            for (size_t j = 0; j < per_year; j++)
                cells[j] = effective_blend(before[j], cells[j], &split);
        }
}

static void layout_tables(Compiler *cc)
{
    const Model *m = cc->m;
    Program *p = cc->p;
    Contract *c = cc->c;
    p->nschedules = c->schedules.n;
    p->schedules = arena_alloc(&c->arena, sizeof(ProgSchedule) * (size_t)(p->nschedules + 1));
    for (int i = 0; i < p->nschedules; i++) {
        const ScheduleInfo *si = &m->schedules[i];
        ProgSchedule *s = &p->schedules[i];
        s->name = c->schedules.v[i].name.s;
        s->row_enum = si->row_enum;
        s->row_enum_def = si->row_enum ? &m->enums[si->row_enum_id] : NULL;
        s->first_row = si->nrows ? si->row_keys[0] : 0;
        s->nrows = si->nrows;
        s->ncols = si->ncols;
        s->clamp = c->schedules.v[i].clamp;
        s->col_enum = &m->enums[si->col_enum_id];
        s->grid_enum = si->grid_enum_id >= 0 ? &m->enums[si->grid_enum_id] : NULL;
        size_t per_year = (size_t)si->nrows * (size_t)si->ncols * (size_t)(si->ngrids ? si->ngrids : 1);
        Figure *cells = arena_alloc(&c->arena, sizeof(Figure) * (per_year + 1));
        const Figure *year_cells = si->cells ? schedule_year_cells(m, i, p->year, cc->ov, cc->nov, &c->arena) : NULL;
        for (size_t j = 0; j < per_year && year_cells; j++)
            cells[j] = year_cells[j];
        blend_schedule(cc, i, cells, per_year);
        s->cells = cells;
    }
    p->ntables = c->tables.n;
    p->tables = arena_alloc(&c->arena, sizeof(ProgTable) * (size_t)(p->ntables + 1));
    for (int i = 0; i < p->ntables; i++) {
        const TableInfo *ti = &m->tables[i];
        ProgTable *t = &p->tables[i];
        t->name = c->tables.v[i].name.s;
        t->key_enum = ti->key_enum;
        t->key_enum_def = ti->key_enum ? &m->enums[ti->key_enum_id] : NULL;
        t->nkeys = ti->nkeys;
        t->keys = ti->keys;
        Figure *cells = arena_alloc(&c->arena, sizeof(Figure) * ((size_t)ti->nkeys + 1));
        EffectiveSplit split;
        bool blend = p->year > 0 && effective_at(cc, &c->tables.v[i].from, p->year, &split);
        for (int j = 0; j < ti->nkeys && ti->cells; j++) {
            cells[j] = ti->cells[(size_t)p->year * (size_t)ti->nkeys + (size_t)j];
            if (blend)
                cells[j] = effective_blend(ti->cells[(size_t)(p->year - 1) * (size_t)ti->nkeys + (size_t)j], cells[j], &split);
        }
        t->cells = cells;
    }
    if (cc->coverage)
        layout_row_probes(cc);
}

static void layout_rules(Compiler *cc)
{
    Contract *c = cc->c;
    Program *p = cc->p;
    cc->rule_index = arena_alloc(&c->arena, sizeof(int) * (size_t)(c->rules.n + 1));
    p->rules = arena_alloc(&c->arena, sizeof(ProgRule) * (size_t)(c->rules.n + 1));
    p->ncomponents = c->components.n;
    p->components = arena_alloc(&c->arena, sizeof(ProgComponent) * (size_t)(c->components.n + 1));
    for (int ci = 0; ci < c->components.n; ci++) {
        const ComponentDecl *comp = &c->components.v[ci];
        ProgComponent *pc = &p->components[ci];
        pc->name = comp->name.s;
        pc->policy = comp->policy == POLICY_AT_MOST_ONE ? POL_AT_MOST_ONE : comp->policy == POLICY_EXACTLY_ONE ? POL_EXACTLY_ONE : POL_ANY;
        pc->first_rule = p->nrules;
        pc->nrules = comp->rules.n;
        for (int i = 0; i < comp->rules.n; i++) {
            const RuleDecl *r = &c->rules.v[comp->rules.v[i]];
            cc->rule_index[comp->rules.v[i]] = p->nrules;
            p->rules[p->nrules++] = (ProgRule){comp->name.s, r->label.s, i + 1, r->cite, -1, 0, 0};
        }
    }
}

/* Splits a condition at its top-level `and`s. */
static void conjuncts(Expr *e, Expr **out, int *n, int cap)
{
    if (e->kind == E_BINARY && e->op == OPB_AND) {
        conjuncts(e->a, out, n, cap);
        conjuncts(e->b, out, n, cap);
    } else if (*n < cap) {
        out[(*n)++] = e;
    }
}

static int probe(Compiler *cc, Expr *e, const char *kind, const char *name, int n)
{
    ProgNode *node = &cc->p->nodes[n];
    *node = (ProgNode){.name = name, .kind = kind, .type = e->type, .src_start = e->at.start, .src_end = e->at.end};
    cc->node = n;
    Value v;
    if (fold(cc, e, &v)) {
        node->constant = true;
        node->value = v;
        node->entry = -1;
        return n;
    }
    node->entry = cc->code.n;
    cc->depth = 0;
    cc->peak = 0;
    emit_expr(cc, e);
    emit(cc, OP_RETURN, -1, n, 0);
    node->end = cc->code.n;
    return n;
}

enum { MAX_PROBED_CONJUNCTS = 16 };

/* After the ordinary nodes: one node per rule amount and condition part. */
static void compile_probes(Compiler *cc)
{
    Contract *c = cc->c;
    Program *p = cc->p;
    int n = p->nnodes;
    for (int r = 0; r < c->rules.n; r++) {
        RuleDecl *rule = &c->rules.v[r];
        ProgRule *pr = &p->rules[cc->rule_index[r]];
        pr->amount_node = probe(cc, rule->amount, "amount", rule->label.s ? rule->label.s : rule->component.s, n++);
        if (!rule->when)
            continue;
        Expr *parts[MAX_PROBED_CONJUNCTS];
        int nparts = 0;
        conjuncts(rule->when, parts, &nparts, MAX_PROBED_CONJUNCTS);
        pr->first_condition = n;
        pr->nconditions = nparts;
        for (int i = 0; i < nparts; i++)
            probe(cc, parts[i], "condition", "a rule's condition", n++);
    }
    p->nnodes = n;
}

static int count_probes(const Contract *c)
{
    int n = 0;
    for (int r = 0; r < c->rules.n; r++) {
        Expr *parts[MAX_PROBED_CONJUNCTS];
        int nparts = 0;
        if (c->rules.v[r].when)
            conjuncts(c->rules.v[r].when, parts, &nparts, MAX_PROBED_CONJUNCTS);
        n += 1 + nparts;
    }
    return n;
}

static void probe_part(Compiler *cc, Expr *e, const char *owner)
{
    Program *p = cc->p;
    ProgPart *part = &p->parts[p->nparts++];
    *part = (ProgPart){.expr = e, .row = -1, .col = -1, .grid = -1, .list = -1, .term = -1, .cond = -1, .slot = -1, .args = -1};
    part->whole = probe(cc, e, "part", owner, p->nnodes++);
    if (e->kind == E_CALL) {
        part->args = p->nnodes;
        for (int i = 0; i < e->nargs; i++)
            probe(cc, e->args[i], "part", owner, p->nnodes++);
        return;
    }
    if (e->kind == E_INDEX) {
        part->row = probe(cc, e->args[0], "part", owner, p->nnodes++);
        part->col = probe(cc, e->args[1], "part", owner, p->nnodes++);
        if (e->nargs > 2)
            part->grid = probe(cc, e->args[2], "part", owner, p->nnodes++);
        return;
    }
    part->slot = e->var_slot;
    part->list = probe(cc, e->b, "part", owner, p->nnodes++);
    part->term = probe(cc, e->a, "part", owner, p->nnodes++);
    part->cond = e->c ? probe(cc, e->c, "part", owner, p->nnodes++) : -1;
}

/* Whether a printed row of schedule sd holds a range of steps (12..15). */
static bool has_row_range(const ScheduleDecl *sd)
{
    for (int b = 0; b < sd->blocks.n; b++)
        for (int r = 0; r < sd->blocks.v[b].rows.n; r++)
            if (sd->blocks.v[b].rows.v[r].key_to)
                return true;
    return false;
}

/* For `terms explain`: whether e is a part it shows piece by piece (a
 * sum, a lookup in a schedule that clamps, which may have clamped, that
 * has derived years, which may have found a derived cell, or that has row
 * ranges, which may have found one, or a call of a function the contract
 * writes), and how many nodes that takes.  A count, max, min, any or
 * all over a list is shown as a sum is. */
static int part_nodes(const Model *m, const Expr *e)
{
    if (e->kind == E_CALL && e->ref == REF_FUNCTION)
        return 1 + e->nargs; /* the call and each argument */
    if (e->kind == E_COMPREH)
        return 4; /* the sum (count, max, min, any, all), its list, term and condition */
    if (e->kind == E_INDEX && e->ref == REF_SCHEDULE && ((m->ast->schedules.v[e->ref_index].clamp &&
        !m->schedules[e->ref_index].row_enum) || m->schedules[e->ref_index].block_year || has_row_range(&m->ast->schedules.v[e->ref_index])))
        return 3 + (e->nargs > 2); /* the lookup, its row key, column key and third key */
    return 0;
}

/* Probes each such part of e (if owner is not NULL: the definition or
 * rule it is in), outside the loops' terms and conditions, whose variable
 * has a value only there; returns the nodes they take. */
static int each_part(Compiler *cc, const Model *m, Expr *e, const char *owner)
{
    if (!e)
        return 0;
    int n = part_nodes(m, e);
    if (n && owner)
        probe_part(cc, e, owner);
    if (e->kind == E_COMPREH)
        return n + each_part(cc, m, e->b, owner);
    n += each_part(cc, m, e->a, owner) + each_part(cc, m, e->b, owner) + each_part(cc, m, e->c, owner);
    for (int i = 0; i < e->nargs; i++)
        n += each_part(cc, m, e->args[i], owner);
    return n;
}

/* After the probes: the parts of every definition and rule amount. */
static void compile_parts(Compiler *cc, int count)
{
    Contract *c = cc->c;
    cc->p->parts = arena_alloc(&c->arena, sizeof(ProgPart) * (size_t)(count + 1));
    for (int i = 0; i < c->defs.n; i++)
        each_part(cc, cc->m, c->defs.v[i].expr, c->defs.v[i].name.s);
    for (int r = 0; r < c->rules.n; r++)
        each_part(cc, cc->m, c->rules.v[r].amount, c->rules.v[r].label.s ? c->rules.v[r].label.s : c->rules.v[r].component.s);
}

static int count_parts(const Model *m)
{
    const Contract *c = m->ast;
    int n = 0;
    for (int i = 0; i < c->defs.n; i++)
        n += each_part(NULL, m, c->defs.v[i].expr, NULL);
    for (int r = 0; r < c->rules.n; r++)
        n += each_part(NULL, m, c->rules.v[r].amount, NULL);
    return n;
}

/* `each year:` bindings, as nodes after the ordinary ones */
static void compile_advance(Compiler *cc)
{
    Contract *c = cc->c;
    Program *p = cc->p;
    p->nadvance = c->each_year.n;
    p->advance_field = arena_alloc(&c->arena, sizeof(int) * (size_t)(p->nadvance + 1));
    p->advance_node = arena_alloc(&c->arena, sizeof(int) * (size_t)(p->nadvance + 1));
    for (int i = 0; i < p->nadvance; i++) {
        p->advance_field[i] = cc->m->each_year_field[i];
        p->advance_node[i] = probe(cc, c->each_year.v[i].expr, "advance", c->each_year.v[i].name.s, p->nnodes++);
    }
}

/* After them, the calls the examples expect, each a node of its own. */
static void compile_expect_calls(Compiler *cc)
{
    Contract *c = cc->c;
    Program *p = cc->p;
    p->expect_calls = p->nnodes;
    for (int i = 0; i < c->examples.n; i++)
        for (int j = 0; j < c->examples.v[i].expect.n; j++) {
            Binding *b = &c->examples.v[i].expect.v[j];
            if (b->call)
                probe(cc, b->call, "expected call", b->name.s, p->expect_calls + b->call_node);
        }
    p->nnodes += cc->m->nexpect_calls;
}

/* Instructions that can neither jump nor fail. */
static bool quiet_op(int32_t op)
{
    return op == OP_GET || op == OP_FIELD || op == OP_CONST || op == OP_LOCAL || op == OP_YEAR || op == OP_COVER;
}

/* How far the outputs' code has got with each node. */
typedef struct {
    enum { NOT_INLINE, INLINING, INLINE_DONE } *state;
    int *at;            /* where a node's value is kept, once INLINE_DONE */
    VEC(int) node, end; /* Program's inline_node and inline_end */
} Inlining;

/* Node n's code inline (its code but RETURN), after the same for the
 * nodes it certainly asks for first: those its code GETs before anything
 * that could jump or fail.  So the nodes are computed in the order the
 * lazy GETs would compute them, and each failure is the same.  Each
 * node's value stays on the stack where its code leaves it, and a GET of
 * a node whose code came earlier becomes a STACK, which reads it there. */
static void inline_node(Compiler *cc, int n, Inlining *in)
{
    const ProgNode *node = &cc->p->nodes[n];
    if (in->state[n] != NOT_INLINE || node->constant)
        return;
    in->state[n] = INLINING;
    for (int pc = node->entry; pc < node->end && quiet_op(cc->code.v[pc]); pc += 1 + op_operands[cc->code.v[pc]])
        if (cc->code.v[pc] == OP_GET)
            inline_node(cc, cc->code.v[pc + 1], in);
    for (int pc = node->entry; pc < node->end - 2;) { /* the code ends RETURN n */
        int32_t op = cc->code.v[pc], a = op_operands[op] > 0 ? cc->code.v[pc + 1] : 0;
        if (op == OP_GET && in->state[a] == INLINE_DONE) {
            emit(cc, OP_STACK, 0, in->at[a], 0); /* as long as the GET: jumps over it stay right */
        } else {
            for (int k = 0; k <= op_operands[op]; k++) {
                int32_t word = cc->code.v[pc + k]; /* read before the push may move the code */
                VEC_PUSH(&cc->c->arena, cc->code, word);
            }
        }
        pc += 1 + op_operands[op];
    }
    in->state[n] = INLINE_DONE;
    in->at[n] = in->node.n;
    VEC_PUSH(&cc->c->arena, in->node, n);
    VEC_PUSH(&cc->c->arena, in->end, cc->code.n);
}

/* The row's outputs in one stretch of code, for a row none of whose nodes
 * is computed yet: the nodes they need, inline and in the order the
 * outputs would ask for them, with no frame for each; then STOP, every
 * output's node computed and its value on the stack. */
static void compile_outputs(Compiler *cc)
{
    Program *p = cc->p;
    p->outputs_entry = cc->code.n;
    Inlining in = {.state = arena_alloc(&cc->c->arena, sizeof *in.state * (size_t)(p->nnodes + 1)),
                   .at = arena_alloc(&cc->c->arena, sizeof *in.at * (size_t)(p->nnodes + 1))};
    for (int i = 0; i < p->noutputs; i++)
        if (p->outputs[i].kind == OUT_NODE)
            inline_node(cc, p->outputs[i].index, &in);
    emit(cc, OP_STOP, 0, 0, 0);
    p->inline_node = in.node.v;
    p->inline_end = in.end.v;
    p->ninline = in.node.n;
    p->max_stack += in.node.n; /* the values kept, below any node's code */
}

/* Node n as an example gives it, if it does. */
static bool compile_given(Compiler *cc, int n)
{
    for (int i = cc->ngiven - 1; i >= 0; i--)
        if (cc->given[i].node == n) {
            ProgNode *node = &cc->p->nodes[n];
            node->constant = true;
            node->value = cc->given[i].value;
            node->entry = -1;
            return true;
        }
    return false;
}

typedef enum { PLAIN, EXPLAINED, COVERED } Flavour;

static Program *compile(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven, Flavour flavour);

Program *compile_program(const Model *m, int year, const Override *ov, int nov)
{
    return compile(m, year, ov, nov, NULL, 0, PLAIN);
}

Program *compile_example(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven)
{
    return compile(m, year, ov, nov, given, ngiven, PLAIN);
}

Program *compile_explained(const Model *m, int year, const Override *ov, int nov)
{
    return compile(m, year, ov, nov, NULL, 0, EXPLAINED);
}

Program *compile_covered(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven)
{
    return compile(m, year, ov, nov, given, ngiven, COVERED);
}

/* The built-ins the program's CALL and ROUND instructions name by their
 * index in stdlib's table. */
static void link_natives(Program *p, Arena *arena)
{
    Native *natives = arena_alloc(arena, sizeof(Native) * (size_t)nbuiltins);
    for (int i = 0; i < nbuiltins; i++)
        natives[i] = (Native){builtins[i].name, builtins[i].fn};
    p->natives = natives;
    p->nnatives = nbuiltins;
}

/* What each local stands for, for the disassembler: a function's parameters. */
static const char **local_names(const Model *m)
{
    Contract *c = m->ast;
    const char **names = arena_alloc(&c->arena, sizeof(char *) * (size_t)(m->nlocals + 1));
    for (int i = 0; i < c->functions.n; i++)
        for (int j = 0; j < m->functions[i].nparams; j++)
            names[m->functions[i].slots[j]] = arena_printf(&c->arena, "%s of %s", c->functions.v[i].params.v[j].name.s,
                                                           c->functions.v[i].name.s);
    return names;
}

static Program *compile_as(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven, Flavour flavour,
                           bool as_paid);

static Program *compile(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven, Flavour flavour)
{
    return compile_as(m, year, ov, nov, given, ngiven, flavour, false);
}

/* as_paid: the year as paid until the settlement (retro( )): no figure
 * that changes on a date before `settled` takes effect before it. */
static Program *compile_as(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven, Flavour flavour,
                           bool as_paid)
{
    bool probes = flavour == EXPLAINED;
    Contract *c = m->ast;
    Program *p = arena_alloc(&c->arena, sizeof *p);
    p->year = year;
    p->year_name = c->years.n ? c->years.v[year].s : "";
    p->rounding = c->rounding;
    p->round_places = c->round_places;
    p->schema = &m->schema;
    p->enums = m->enums;
    p->id_field = m->id_field;
    p->nlocals = m->nlocals;
    p->local_names = local_names(m);
    link_natives(p, &c->arena);
    Compiler cc = {.m = m, .c = c, .p = p, .ov = ov, .nov = nov, .given = given, .ngiven = ngiven, .coverage = flavour == COVERED,
                   .as_paid = as_paid};

    p->nnodes = c->defs.n + c->components.n;
    int parts = probes ? count_parts(m) : 0;
    p->nodes = arena_alloc(&c->arena, sizeof(ProgNode) * (size_t)(p->nnodes + c->each_year.n + m->nexpect_calls +
                                                                  (probes ? count_probes(c) + parts : 0) + 1));
    for (int i = 0; i < c->defs.n; i++)
        p->nodes[i] = (ProgNode){.name = c->defs.v[i].name.s, .kind = "definition", .cite = c->defs.v[i].cite,
                                 .type = m->def_types[i], .src_start = c->defs.v[i].name.at.start};
    for (int i = 0; i < c->components.n; i++)
        p->nodes[c->defs.n + i] = (ProgNode){.name = c->components.v[i].name.s, .kind = "component",
                                             .type = m->comp_types[i], .src_start = c->components.v[i].name.at.start,
                                             .one_time = c->components.v[i].one_time};
    for (int i = 0; i < c->defs.n; i++)
        p->nodes[i].one_time = c->defs.v[i].one_time;
    layout_params(&cc);
    layout_tables(&cc);
    layout_rules(&cc);
    for (int i = 0; i < m->norder; i++) {
        cc.node = m->order[i].kind == NODE_DEF ? m->order[i].index : c->defs.n + m->order[i].index;
        if (compile_given(&cc, cc.node))
            continue;
        if (m->order[i].kind == NODE_DEF)
            compile_def(&cc, m->order[i].index);
        else
            compile_component(&cc, m->order[i].index);
    }
    compile_advance(&cc);
    compile_expect_calls(&cc);
    if (probes) {
        compile_probes(&cc);
        compile_parts(&cc, parts);
    }

    p->noutputs = m->noutputs;
    p->outputs = arena_alloc(&c->arena, sizeof(ProgOutput) * (size_t)(m->noutputs + 1));
    for (int i = 0; i < m->noutputs; i++) {
        Expr *e = m->outputs[i];
        ProgOutput *o = &p->outputs[i];
        o->name = e->name;
        o->type = e->type;
        switch (e->ref) {
        case REF_FIELD:
            o->kind = OUT_FIELD;
            o->index = e->ref_index;
            break;
        case REF_DEF:
            o->kind = OUT_NODE;
            o->index = e->ref_index;
            break;
        case REF_COMPONENT:
            o->kind = OUT_NODE;
            o->index = c->defs.n + e->ref_index;
            break;
        default: {
            const Figure *cell = e->ref == REF_PARAM ? param_figure(&cc, e->ref_index) : NULL;
            o->kind = OUT_CONST;
            o->value.num = cell && !cell->blank ? cell->v : rat_int(0); /* a yes/no's .i is its .num.n */
            break;
        }
        }
    }
    compile_outputs(&cc);
    p->code = cc.code.v;
    p->ncode = cc.code.n;
    p->consts = cc.consts.v;
    p->nconsts = cc.consts.n;
    p->blanks = cc.blanks.v;
    p->nblanks = cc.blanks.n;
    p->probes = cc.probes.v;
    p->nprobes = cc.probes.n;
    peephole(p, &c->arena);
    free(cc.folded.v);
    /* every last_year( ) needs a `before the first year:` value */
    if (year > 0 && c->before_first.n)
        p->previous = compile_as(m, year - 1, ov, nov, given, ngiven, flavour == COVERED ? PLAIN : flavour, as_paid);
    /* retro( ) needs the year as paid until the settlement */
    if (c->has_settled && !as_paid)
        p->as_paid = compile_as(m, year, ov, nov, given, ngiven, PLAIN, true);
    return p;
}

/* Why v, which rat_parse refused with st, is not a value for a param of
 * type t: "is not a whole number", or the limit it is past. */
static void explain_value(Type t, const char *v, RatStatus st, char *why, size_t cap)
{
    const char *point = strchr(v, '.');
    size_t places = point ? strspn(point + 1, "0123456789") : 0;
    if (st == RAT_OVERFLOW && places > 18)
        snprintf(why, cap, "has %zu decimal places; the language allows at most 18", places);
    else if (st == RAT_OVERFLOW)
        snprintf(why, cap, "is too large: the largest %s the language allows is 10^18",
                 t.kind == TY_MONEY ? "amount" : t.kind == TY_INTEGER ? "whole number" : "number");
    else
        snprintf(why, cap, "is not %s",
                 t.kind == TY_MONEY ? "an amount (like $1,200 or 1200.00)" : t.kind == TY_INTEGER ? "a whole number" : "a number");
}

/* One value of --set NAME=VALUE: s[0..len), spaces around it ignored. */
static bool override_value(const char *name, size_t nlen, Type t, const char *s, size_t len, Rat *out, char *err, size_t cap)
{
    while (len > 0 && s[0] == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (t.kind == TY_BOOL) {
        bool yes = len == 3 && !memcmp(s, "yes", 3);
        if (yes || (len == 2 && !memcmp(s, "no", 2))) {
            *out = rat_int(yes);
            return true;
        }
        snprintf(err, cap, "--set %.*s: \"%.*s\" is not yes or no", (int)nlen, name, (int)len, s);
        return false;
    }
    bool percent = len > 1 && s[len - 1] == '%' && t.kind == TY_DECIMAL; /* --set raise=3.5% */
    RatStatus st = rat_parse(s, len - percent, t.kind == TY_MONEY, out);
    if (st == RAT_OK && percent)
        st = rat_div(*out, rat_int(100), out);
    if (st == RAT_OK && t.kind == TY_INTEGER && !rat_is_int(*out))
        st = RAT_SYNTAX;
    if (st == RAT_OK)
        return true;
    const char *kind = t.kind == TY_MONEY ? "an amount (like $1,200 or 1200.00)" : t.kind == TY_INTEGER ? "a whole number" : "a number";
    char why[128], value[128];
    snprintf(value, sizeof value, "%.*s", (int)(len < sizeof value ? len : sizeof value - 1), s);
    explain_value(t, value, st, why, sizeof why);
    if (len == 0 || s[0] == ',' || s[0] == '.')
        /* what the shell leaves of an unquoted or double-quoted $1,200 */
        snprintf(err, cap, "--set %.*s: \"%.*s\" is not %s; if you wrote a $ amount, quote it in single quotes, "
                 "as in --set '%.*s=$1,200': the shell reads $1 as a variable and drops it",
                 (int)nlen, name, (int)len, s, kind, (int)nlen, name);
    else
        snprintf(err, cap, "--set %.*s: \"%.*s\" %s", (int)nlen, name, (int)len, s, why);
    return false;
}

bool parse_override(const Model *m, const char *assignment, Override *out, char *err, size_t cap)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment) {
        snprintf(err, cap, "%s%s%s--set needs NAME=VALUE, as in --set 'lead_teacher=$1,200'", eq ? "--set \"" : "", eq ? assignment : "",
                 eq ? "\" has no name: " : "");
        return false;
    }
    size_t nlen = (size_t)(eq - assignment);
    const Contract *c = m->ast;
    int i = 0;
    while (i < c->params.n && (strlen(c->params.v[i].name.s) != nlen || strncmp(c->params.v[i].name.s, assignment, nlen) != 0))
        i++;
    if (i == c->params.n) {
        snprintf(err, cap, "--set %.*s: the contract has no param of that name", (int)nlen, assignment);
        return false;
    }
    Type t = m->params[i].type;
    const char *v = eq + 1;
    int nvalues = 1;
    for (const char *s = v; (s = strchr(s, '/')); s++)
        nvalues++;
    if (nvalues > 1 && nvalues != m->nyears) {
        snprintf(err, cap, "--set %.*s: %d values, but the contract has %d year%s: give one value for every year, or one per year",
                 (int)nlen, assignment, nvalues, m->nyears, m->nyears == 1 ? "" : "s");
        return false;
    }
    Rat *years = nvalues > 1 ? arena_alloc(&m->ast->arena, sizeof(Rat) * (size_t)nvalues) : NULL;
    for (int y = 0; y < nvalues; y++) {
        const char *end = strchr(v, '/');
        size_t len = end ? (size_t)(end - v) : strlen(v);
        Rat r;
        if (!override_value(assignment, nlen, t, v, len, &r, err, cap))
            return false;
        if (years)
            years[y] = r;
        if (y == 0)
            out->value = r;
        v += len + 1;
    }
    out->param = i;
    out->years = years;
    return true;
}
