/* lane.c: the outputs' code on 64-bit integers at one scale.  See lane.h
 * and fixed.h.
 *
 * Built once per Program: every constant, schedule cell and table entry
 * is put at the scale (NONE where it cannot be), and a pass over the
 * outputs' code finds which CONSTs push a number and which a yes/no, a
 * member or a date (a Value does not say), from what takes their value.
 * Each row then runs the same instructions as vm.c's run, on int64s:
 * a sum is one addition, a rounded product or quotient one multiply and
 * one division.  Whatever the lane cannot do exactly gives the row back.
 */
#include "lane.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fixed.h"
#include "gnuc.h"
#include "ops.h"

/* A figure the lane cannot hold: never a value, which is within RAT_LIMIT */
#define NONE INT64_MIN

/* How an output's value leaves the lane (Lane.shown) */
enum { SHOW_NOT, SHOW_CENTS, SHOW_RAT, SHOW_RAW };

struct Lane {
    const Program *p;
    int places;           /* every number is held at scale 10^places (fixed.h) */
    int64_t scale;
    int64_t *consts;      /* [nconsts]: each constant as a number, or NONE */
    uint8_t *raw;         /* [ncode]: the CONST there pushes a yes/no, member or date as it is;
                           * the CALL there is min (else max) */
    int64_t **cells;      /* [nschedules]: each cell, or NONE (blank, N/A, not held) */
    int64_t **entries;    /* [ntables]: likewise */
    Value *stack;         /* numbers at the scale in num.n; the slots of outputs shown as
                           * cents hold 100 in num.d, for the writer */
    uint8_t *shown;       /* [ninline]: SHOW_*, how stack[k] goes out (show) */
    int *cents, ncents;   /* the slots shown as cents, and the others shown */
    int *others, nothers;
    const Value **out;    /* [noutputs] */
    const Value *record;  /* the record out's fields point into */
};

/* ---- building: which instructions and constants the lane takes ---- */

/* In the pass, the kind of a value on the stack: a number, or a yes/no,
 * member or date (INT), or the value of a CONST whose kind is not known
 * yet (the code offset of one of the CONSTs it may be, >= 0: those that
 * meet at a jump are one group, as in union-find). */
enum { K_NUM = -1, K_INT = -2 };

typedef struct {
    const Program *p;
    int *parent;          /* [ncode]: the CONSTs' groups */
    int8_t *kind;         /* [ncode]: a group's kind once known, or 0 */
    int *saved_depth;     /* [ncode + 1]: the stack at a jump's target, -1 if none */
    int **saved;
    /* what the lane holds at its scale: the constants it pushes or adds
     * (a rounded product's or quotient's factor it takes as a Rat), the
     * schedules and tables it looks up, and whether it pushes a decimal
     * field (choose_scale) */
    uint8_t *need_const, *need_schedule, *need_table;
    bool decimal_field;
    bool ok;
} Pass;

static int find(Pass *ps, int x)
{
    while (ps->parent[x] != x)
        x = ps->parent[x] = ps->parent[ps->parent[x]];
    return x;
}

/* The value t is of kind k (K_NUM or K_INT). */
static void settle(Pass *ps, int t, int k)
{
    if (t >= 0) {
        int r = find(ps, t);
        if (ps->kind[r] == 0)
            ps->kind[r] = (int8_t)k;
        else if (ps->kind[r] != k)
            ps->ok = false;
    } else if (t != k) {
        ps->ok = false;
    }
}

/* The value that is a at one way in and b at another */
static int merge(Pass *ps, int a, int b)
{
    if (a >= 0 && b >= 0) {
        int ra = find(ps, a), rb = find(ps, b);
        if (ra != rb) {
            if (ps->kind[rb])
                settle(ps, ra, ps->kind[rb]);
            ps->parent[rb] = ra;
        }
        return ra;
    }
    if (a >= 0) {
        settle(ps, a, b);
        return b;
    }
    if (b >= 0)
        settle(ps, b, a);
    else if (a != b)
        ps->ok = false;
    return a;
}

static int kind_of_type(Type t)
{
    switch (t.kind) {
    case TY_INTEGER: case TY_DECIMAL: case TY_MONEY: return K_NUM;
    case TY_BOOL: case TY_ENUM: case TY_DATE: return K_INT;
    default: return 0;
    }
}

/* The stack as it is at a jump's target, met with what it was there. */
static void jump_to(Pass *ps, int target, const int *ts, int depth)
{
    if (target <= 0 || target > ps->p->ncode) {
        ps->ok = false;
        return;
    }
    if (ps->saved_depth[target] < 0) {
        ps->saved_depth[target] = depth;
        ps->saved[target] = xcalloc((size_t)depth + 1, sizeof(int));
        memcpy(ps->saved[target], ts, sizeof(int) * (size_t)depth);
        return;
    }
    if (ps->saved_depth[target] != depth) {
        ps->ok = false;
        return;
    }
    for (int i = 0; i < depth; i++)
        ps->saved[target][i] = merge(ps, ps->saved[target][i], ts[i]);
}

static bool named(const Program *p, int native, const char *name)
{
    return native >= 0 && native < p->nnatives && p->natives[native].name && !strcmp(p->natives[native].name, name);
}

/* One instruction's effect on the kinds of the stack ts (depth *d): false
 * if the lane does not run it. */
static bool pass_step(Pass *ps, const int32_t *ip, int pc, int *ts, int *d)
{
    const Program *p = ps->p;
    const int32_t *a = ip + 1;
    int n = *d;
#define POP_AS(k) (n > 0 ? settle(ps, ts[--n], k) : (void)(ps->ok = false))
#define PUSH_AS(k) (ts[n++] = (k))
    switch ((Opcode)*ip) {
    case OP_CONST: PUSH_AS(pc); break;
    case OP_FIELD: {
        int k = kind_of_type(p->schema->fields[a[0]].type);
        if (!k)
            return false;
        ps->decimal_field |= p->schema->fields[a[0]].type.kind == TY_DECIMAL;
        PUSH_AS(k);
        break;
    }
    case OP_STACK:
        if (a[0] >= p->ninline)
            return false;
        PUSH_AS(kind_of_type(p->nodes[p->inline_node[a[0]]].type));
        break;
    case OP_YEAR: PUSH_AS(K_NUM); break;
    case OP_POP: if (n-- <= 0) return false; break;
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
    case OP_DIV_ROUND: case OP_MUL_ROUND:
        POP_AS(K_NUM), POP_AS(K_NUM), PUSH_AS(K_NUM);
        break;
    case OP_ADD_CONST:
        ps->need_const[a[0]] = 1;
        POP_AS(K_NUM), PUSH_AS(K_NUM);
        break;
    case OP_NEG: case OP_ROUND: case OP_ADD_STACK:
    case OP_DIV_ROUND_CONST: case OP_MUL_ROUND_FIELD:
        POP_AS(K_NUM), PUSH_AS(K_NUM);
        break;
    case OP_NOT: POP_AS(K_INT), PUSH_AS(K_INT); break;
    case OP_CMP_NUM: POP_AS(K_NUM), POP_AS(K_NUM), PUSH_AS(K_INT); break;
    case OP_CMP_INT: POP_AS(K_INT), POP_AS(K_INT), PUSH_AS(K_INT); break;
    case OP_IN_RANGE: POP_AS(K_NUM), POP_AS(K_NUM), POP_AS(K_NUM), PUSH_AS(K_INT); break;
    case OP_IN_RANGE_INT: POP_AS(K_INT), POP_AS(K_INT), POP_AS(K_INT), PUSH_AS(K_INT); break;
    case OP_SET_NUM: POP_AS(K_NUM), PUSH_AS(K_INT); break;
    case OP_SET_INT: POP_AS(K_INT), PUSH_AS(K_INT); break;
    case OP_JUMP:
        jump_to(ps, pc + 2 + a[0], ts, n);
        n = -1; /* nothing falls through */
        break;
    case OP_JUMP_FALSE:
        POP_AS(K_INT);
        jump_to(ps, pc + 2 + a[0], ts, n);
        break;
    case OP_AND: case OP_OR:
        if (n <= 0)
            return false;
        settle(ps, ts[n - 1], K_INT);
        ts[n - 1] = K_INT;
        jump_to(ps, pc + 2 + a[0], ts, n);
        n--;
        break;
    case OP_IF_FIELD: jump_to(ps, pc + 3 + a[1], ts, n); break;
    case OP_IF_FIELD_CMP: case OP_IF_FIELD_IN: jump_to(ps, pc + 5 + a[3], ts, n); break;
    case OP_IF_FIELD_RANGE: case OP_IF_INT_RANGE: jump_to(ps, pc + 8 + a[6], ts, n); break;
    case OP_LOOKUP2: {
        const ProgSchedule *s = &p->schedules[a[0]];
        if (s->grid_enum)
            return false;
        ps->need_schedule[a[0]] = 1;
        POP_AS(K_INT), POP_AS(s->row_enum ? K_INT : K_NUM), PUSH_AS(K_NUM);
        break;
    }
    case OP_LOOKUP2_FIELDS:
        if (p->schedules[a[2]].grid_enum)
            return false;
        ps->need_schedule[a[2]] = 1;
        PUSH_AS(K_NUM);
        break;
    case OP_LOOKUP1:
        ps->need_table[a[0]] = 1;
        POP_AS(p->tables[a[0]].key_enum ? K_INT : K_NUM), PUSH_AS(K_NUM);
        break;
    case OP_SUM_LOOKUP1_FIELD:
        if (!p->tables[a[1]].key_enum || p->schema->fields[a[0]].type.kind != TY_LIST)
            return false;
        ps->need_table[a[1]] = 1;
        PUSH_AS(K_NUM);
        break;
    case OP_CALL:
        if (!named(p, a[0], "min") && !named(p, a[0], "max"))
            return false;
        for (int i = 0; i < a[1]; i++)
            POP_AS(K_NUM);
        PUSH_AS(K_NUM);
        break;
    case OP_MIN_FIELD_CONST:
        if (!named(p, a[2], "min") || a[3] != 2)
            return false;
        ps->need_const[a[1]] = 1;
        PUSH_AS(K_NUM);
        break;
    case OP_RULE_IF_FIELD:
        ps->need_const[a[0]] = ps->need_const[a[2]] = 1;
        PUSH_AS(K_NUM);
        break;
    case OP_RULES: { /* the rules' code after it, read as it stands, adds to it */
        const ProgDecision *dc = &p->decisions[a[0]];
        ps->need_const[dc->start] = 1;
        for (int i = 0; i < dc->nrules; i++)
            ps->need_const[dc->rules[i].amount] = 1;
        PUSH_AS(K_NUM);
        break;
    }
    case OP_ADD_STACKS: case OP_ADD_STACKS3: case OP_DIV_ROUND_STACK: case OP_MUL_ROUND_STACK:
        PUSH_AS(K_NUM);
        break;
    case OP_FIRED: case OP_POLICY: case OP_STOP: break;
    default: return false;
    }
#undef POP_AS
#undef PUSH_AS
    if (n > p->max_stack)
        return false;
    *d = n;
    return true;
}

/* Walks the outputs' code from its entry to its STOP, forward only,
 * settling each CONST's kind in ps; false if the lane cannot run it. */
static bool pass_code(Pass *ps)
{
    const Program *p = ps->p;
    int *ts = xcalloc((size_t)p->max_stack + 2, sizeof(int));
    int depth = 0, k = 0;
    bool ok = true;
    for (int pc = p->outputs_entry; ok && ps->ok; pc += 1 + op_operands[p->code[pc]]) {
        if (pc < 0 || pc >= p->ncode || p->code[pc] < 0 || p->code[pc] >= OP__COUNT) {
            ok = false;
            break;
        }
        if (ps->saved_depth[pc] >= 0) {
            if (depth < 0) {
                depth = ps->saved_depth[pc];
                memcpy(ts, ps->saved[pc], sizeof(int) * (size_t)depth);
            } else if (depth != ps->saved_depth[pc]) {
                ok = false;
                break;
            } else {
                for (int i = 0; i < depth; i++)
                    ts[i] = merge(ps, ps->saved[pc][i], ts[i]);
            }
        }
        for (; k < p->ninline && p->inline_end[k] <= pc; k++) { /* node k's value is left at stack[k] */
            int kind = kind_of_type(p->nodes[p->inline_node[k]].type);
            if (depth != k + 1 || !kind) {
                ok = false;
                break;
            }
            settle(ps, ts[k], kind);
            ts[k] = kind;
        }
        if (!ok)
            break;
        Opcode op = (Opcode)p->code[pc];
        int jump = op_jump[op];
        if (jump >= 0 && p->code[pc + 1 + jump] < 0)
            ok = false; /* a loop */
        else if (depth >= 0)
            ok = pass_step(ps, p->code + pc, pc, ts, &depth);
        if (op == OP_STOP)
            break;
    }
    free(ts);
    return ok && ps->ok && k == p->ninline;
}

/* The places a figure needs, at least 2; none (0) if it needs more than
 * the lane holds or is not a number. */
static int places_of(Rat a)
{
    int n = a.d >= 1 ? rat_decimal_places(a) : -1;
    return n < 0 || n > FIXED_MAX_PLACES ? 0 : n < 2 ? 2 : n;
}

/* The scale: the places the constants and cells the lane holds need,
 * from 2 (cents) to FIXED_MAX_PLACES (one needing more is not held), and
 * the most if it pushes a decimal field, whose places a roster says. */
static void choose_scale(Lane *l, const Pass *ps)
{
    const Program *p = l->p;
    int most = ps->decimal_field ? FIXED_MAX_PLACES : 2;
#define NEEDS(r) do { int n_ = places_of(r); most = n_ > most ? n_ : most; } while (0)
    for (int i = 0; i < p->nconsts; i++)
        if (ps->need_const[i])
            NEEDS(p->consts[i].num);
    for (int s = 0; s < p->nschedules; s++)
        for (int i = 0; ps->need_schedule[s] && i < p->schedules[s].nrows * p->schedules[s].ncols; i++)
            NEEDS(p->schedules[s].cells[i].v);
    for (int t = 0; t < p->ntables; t++)
        for (int i = 0; ps->need_table[t] && i < p->tables[t].nkeys; i++)
            NEEDS(p->tables[t].cells[i].v);
#undef NEEDS
    l->places = most;
    l->scale = fixed_pow10[most];
}

/* Which CONSTs push their value as it is (yes/no, member, date): l->raw;
 * and the scale.  false if the lane cannot run the outputs' code. */
static bool settle_constants(Lane *l)
{
    const Program *p = l->p;
    Pass ps = {.p = p, .ok = true};
    ps.parent = xcalloc((size_t)p->ncode + 1, sizeof(int));
    ps.kind = xcalloc((size_t)p->ncode + 1, 1);
    ps.saved_depth = xcalloc((size_t)p->ncode + 1, sizeof(int));
    ps.saved = xcalloc((size_t)p->ncode + 1, sizeof(int *));
    ps.need_const = xcalloc((size_t)p->nconsts + 1, 1);
    ps.need_schedule = xcalloc((size_t)p->nschedules + 1, 1);
    ps.need_table = xcalloc((size_t)p->ntables + 1, 1);
    for (int i = 0; i <= p->ncode; i++) {
        if (i < p->ncode)
            ps.parent[i] = i;
        ps.saved_depth[i] = -1;
    }
    bool ok = pass_code(&ps);
    if (ok) {
        for (int pc = p->outputs_entry; pc < p->ncode && p->code[pc] != OP_STOP; pc += 1 + op_operands[p->code[pc]])
            if (p->code[pc] == OP_CONST) { /* one nothing takes as a number is pushed as it is */
                l->raw[pc] = ps.kind[find(&ps, pc)] != K_NUM;
                ps.need_const[p->code[pc + 1]] |= !l->raw[pc];
            } else if (p->code[pc] == OP_CALL) { /* which built-in, once, not per row */
                l->raw[pc] = named(p, p->code[pc + 1], "min");
            }
        choose_scale(l, &ps);
    }
    for (int i = 0; i <= p->ncode; i++)
        free(ps.saved[i]);
    free(ps.saved);
    free(ps.saved_depth);
    free(ps.kind);
    free(ps.parent);
    free(ps.need_const);
    free(ps.need_schedule);
    free(ps.need_table);
    return ok;
}

static int64_t held(const Lane *l, const Figure *f)
{
    int64_t v;
    return f->blank || f->na || !fixed_of_rat(f->v, l->scale, &v) ? NONE : v;
}



/* Where each output is: its slot's value, shown as its type says. */
static bool place_outputs(Lane *l)
{
    const Program *p = l->p;
    for (int i = 0; i < p->noutputs; i++) {
        const ProgOutput *o = &p->outputs[i];
        if (o->kind == OUT_CONST)
            l->out[i] = &o->value;
        if (o->kind != OUT_NODE)
            continue;
        int k = 0;
        while (k < p->ninline && p->inline_node[k] != o->index)
            k++;
        if (k == p->ninline)
            return false;
        Type t = o->type;
        l->shown[k] = kind_of_type(t) == K_INT ? SHOW_RAW
                      : t.kind == TY_MONEY && money_places(t) == 2 ? SHOW_CENTS
                      : kind_of_type(t) == K_NUM ? SHOW_RAT : SHOW_NOT;
        if (l->shown[k] == SHOW_NOT)
            return false;
        l->out[i] = &l->stack[k];
    }
    for (int k = 0; k < p->ninline; k++)
        if (l->shown[k] == SHOW_CENTS) {
            l->cents[l->ncents++] = k;
            l->stack[k].num.d = 100; /* at a scale of 10^2 the cents are there in num.n */
        }
        else if (l->shown[k] != SHOW_NOT)
            l->others[l->nothers++] = k;
    return true;
}

Lane *lane_new(const Program *p)
{
    if (p->previous || p->as_paid || p->nprobes || p->ninline == 0 || p->outputs_entry < 0)
        return NULL;
    Lane *l = xcalloc(1, sizeof *l);
    l->p = p;
    l->consts = xcalloc((size_t)p->nconsts + 1, sizeof(int64_t));
    l->raw = xcalloc((size_t)p->ncode + 1, 1);
    l->cells = xcalloc((size_t)p->nschedules + 1, sizeof(int64_t *));
    l->entries = xcalloc((size_t)p->ntables + 1, sizeof(int64_t *));
    l->stack = xcalloc((size_t)p->max_stack + 2, sizeof(Value));
    l->shown = xcalloc((size_t)p->ninline + 1, 1);
    l->cents = xcalloc((size_t)p->ninline + 1, sizeof(int));
    l->others = xcalloc((size_t)p->ninline + 1, sizeof(int));
    l->out = xcalloc((size_t)p->noutputs + 1, sizeof(Value *));
    /* Past cents, a rounding to cents takes a 128-bit division and the
     * writer Rats in lowest terms: alt.terms (a decimal field pushed, so
     * at 10^6) ran 1,772 instructions a row through the lane, 1,421 with
     * Rats alone.  The lane is kept to contracts at cents, where it pays. */
    if (!settle_constants(l) || l->places != 2 || !place_outputs(l)) {
        lane_free(l);
        return NULL;
    }
    for (int i = 0; i < p->nconsts; i++) {
        int64_t v;
        l->consts[i] = fixed_of_rat(p->consts[i].num, l->scale, &v) ? v : NONE; /* read only where a number is */
    }
    for (int s = 0; s < p->nschedules; s++) {
        const ProgSchedule *sc = &p->schedules[s];
        int n = sc->nrows * sc->ncols;
        l->cells[s] = xcalloc((size_t)n + 1, sizeof(int64_t));
        for (int i = 0; i < n; i++)
            l->cells[s][i] = held(l, &sc->cells[i]);
    }
    for (int t = 0; t < p->ntables; t++) {
        const ProgTable *tb = &p->tables[t];
        l->entries[t] = xcalloc((size_t)tb->nkeys + 1, sizeof(int64_t));
        for (int i = 0; i < tb->nkeys; i++)
            l->entries[t][i] = held(l, &tb->cells[i]);
    }
    return l;
}

void lane_free(Lane *l)
{
    if (!l)
        return;
    for (int s = 0; s < l->p->nschedules; s++)
        free(l->cells[s]);
    for (int t = 0; t < l->p->ntables; t++)
        free(l->entries[t]);
    free(l->cells);
    free(l->entries);
    free(l->consts);
    free(l->raw);
    free(l->stack);
    free(l->shown);
    free(l->cents);
    free(l->others);
    free(l->out);
    free(l);
}

/* ---- a row ---- */

/* num / den (den != 0) rounded to places with mode, at the lane's scale
 * (10^lp): rat_round(num / den, places, mode), if within the limit. */
static NOINLINE bool round_quotient(i128 num, i128 den, int places, RoundMode mode, int lp, int64_t *out)
{
    if (places > lp || places < lp - 18)
        return false;
    if (places >= 0)
        num *= fixed_pow10[places];
    else
        den *= fixed_pow10[-places];
    int64_t q;
    if (!fixed_round_div(num, den, mode, &q))
        return false;
    i128 v = (i128)q * fixed_pow10[lp - places];
    if (!fixed_within128(v))
        return false;
    *out = (int64_t)v;
    return true;
}

/* a * n / d (a at the scale, d > 0) rounded as round_args (builtin,
 * places, mode) say.  The exact product is within the limits, so that
 * the Rat path's, reduced, is too; rounded to at most the lane's places,
 * it rounds in one 64-bit division, and stays within them. */
static inline bool mul_round(int64_t a, int64_t n, int64_t d, const int32_t *round_args, int lp, int64_t *out)
{
    int64_t prod, den;
    int places = round_args[1];
    if (__builtin_mul_overflow(a, n, &prod) || !fixed_within(prod) || __builtin_mul_overflow(d, fixed_pow10[lp], &den) ||
        !fixed_within(den))
        return false;
    if (places == lp) { /* to the lane's places: a * n / d exactly, d > 0 */
        *out = fixed_round_div64(prod, d, (RoundMode)round_args[2]);
        return true;
    }
    if (places < 0 || places > lp || den % fixed_pow10[places] != 0)
        return round_quotient(prod, den, places, (RoundMode)round_args[2], lp, out);
    *out = fixed_round_div64(prod, den / fixed_pow10[places], (RoundMode)round_args[2]) * fixed_pow10[lp - places];
    return true;
}

/* a / (n / d) (a at the scale, d > 0) rounded likewise: a d / n,
 * each part within the limits, so that the Rat path's exact quotient is
 * too; rounded to the lane's places, one 64-bit division. */
static inline bool div_round(int64_t a, int64_t n, int64_t d, const int32_t *round_args, int lp, int64_t *out)
{
    int64_t num, den;
    int places = round_args[1];
    if (n == 0)
        return false;
    if (n < 0) { /* within the limit: no wrap */
        a = -a;
        n = -n;
    }
    if (__builtin_mul_overflow(a, d, &num) || !fixed_within(num) || __builtin_mul_overflow(n, fixed_pow10[lp], &den) ||
        !fixed_within(den))
        return false;
    if (places == lp) {
        *out = fixed_round_div64(num, n, (RoundMode)round_args[2]);
        return true;
    }
    return round_quotient(num, den, places, (RoundMode)round_args[2], lp, out);
}

/* A whole number at the scale as the key a lookup reads */
static inline bool whole_key(int64_t v, int64_t scale, Value *key)
{
    if (v % scale != 0)
        return false;
    key->num = rat_int(v / scale);
    return true;
}

/* Whether rule's tests after its first hold: 1, 0, or -1 if one is of a
 * value not whole (the Rat path's to decide). */
static inline int rule_holds(const Value *record, const ProgDecision *d, const ProgDecisionRule *rule)
{
    for (const ProgTest *t = d->tests + rule->first + 1, *end = d->tests + rule->first + rule->ntests; t < end; t++) {
        const Value *x = &record[t->field];
        if (t->yes_no) {
            if (x->i == 0)
                return 0;
        } else if (t->is_int) {
            if (op_in_int_range(x->i, t->lo, t->hi) == t->negate)
                return 0;
        } else if (x->num.d != 1) {
            return -1;
        } else if (((uint64_t)x->num.n - (uint64_t)t->lo <= (uint64_t)t->hi - (uint64_t)t->lo) == t->negate) {
            return 0;
        }
    }
    return 1;
}

/* The values at the stack's slots that are outputs, as the writer takes
 * them: cents over 100 for an amount in whole cents, which at a scale of
 * 10^2 they are already (lane_new left the 100); others as Rats. */
static inline void show(Lane *l)
{
    Value *stack = l->stack;
    if (l->places != 2) {
        int64_t per = fixed_pow10[l->places - 2];
        for (const int *k = l->cents, *end = k + l->ncents; k < end; k++) {
            int64_t v = stack[*k].num.n, c = v / per;
            stack[*k].num = c * per == v ? (Rat){c, 100} : fixed_to_rat(v, l->places);
        }
    }
    for (const int *k = l->others, *end = k + l->nothers; k < end; k++)
        if (l->shown[*k] == SHOW_RAT)
            stack[*k].num = fixed_to_rat(stack[*k].num.n, l->places);
}

static NOINLINE void point_fields(Lane *l, const Value *record)
{
    const Program *p = l->p;
    for (int i = 0; i < p->noutputs; i++)
        if (p->outputs[i].kind == OUT_FIELD)
            l->out[i] = &record[p->outputs[i].index];
    l->record = record;
}

/* Dispatch as vm.c's run: through a table of label addresses in GNU C,
 * a switch in plain C.  The table sends every instruction the lane does
 * not run (which lane_new saw none of) to give_back. */
#if TERMS_GNU_C
#define DISPATCH() goto *labels[*ip]
#define CASE(name) op_##name
#else
#define DISPATCH() goto dispatch
#define CASE(name) case OP_##name
#endif
#define GIVE_BACK() return NULL
#define ARG(i) (ip[1 + (i)])
#define NEXT(nargs) do { ip += 1 + (nargs); DISPATCH(); } while (0)
#define JUMP_UNLESS(cond, nargs, off) do { ip += 1 + (nargs) + ((cond) ? 0 : (off)); DISPATCH(); } while (0)
#define HOLD(v) do { if ((v) == NONE) GIVE_BACK(); } while (0)
#define WITHIN(v) do { if (!fixed_within(v)) GIVE_BACK(); } while (0)

const Value *const *lane_row(Lane *l, const Value *record, uint32_t *fired_gen, uint32_t gen)
{
    const Program *p = l->p;
    const int32_t *code = p->code, *ip = code + p->outputs_entry;
    const int64_t *consts = l->consts;
    Value *const stack = l->stack, *sp = stack;
    const int64_t S = l->scale;
    const int lp = l->places;
    int applied = 0;
    int64_t a, b;
    const int32_t *round_args;
    Rat factor; /* a MUL_ROUND's or DIV_ROUND's: a value at the scale over S, or a Rat as it is */
    bool holds;
#if TERMS_GNU_C
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#ifdef __clang__
#pragma GCC diagnostic ignored "-Winitializer-overrides"
#endif
    static const void *const labels[OP__COUNT] = {
        [0 ... OP__COUNT - 1] = &&give_back,
        [OP_CONST] = &&op_CONST,
        [OP_FIELD] = &&op_FIELD,
        [OP_STACK] = &&op_STACK,
        [OP_YEAR] = &&op_YEAR,
        [OP_POP] = &&op_POP,
        [OP_ADD] = &&op_ADD,
        [OP_SUB] = &&op_SUB,
        [OP_MUL] = &&op_MUL,
        [OP_DIV] = &&op_DIV,
        [OP_NEG] = &&op_NEG,
        [OP_NOT] = &&op_NOT,
        [OP_CMP_NUM] = &&op_CMP_NUM,
        [OP_CMP_INT] = &&op_CMP_INT,
        [OP_IN_RANGE] = &&op_IN_RANGE,
        [OP_IN_RANGE_INT] = &&op_IN_RANGE_INT,
        [OP_SET_NUM] = &&op_SET_NUM,
        [OP_SET_INT] = &&op_SET_INT,
        [OP_JUMP] = &&op_JUMP,
        [OP_JUMP_FALSE] = &&op_JUMP_FALSE,
        [OP_AND] = &&op_AND,
        [OP_OR] = &&op_OR,
        [OP_IF_FIELD] = &&op_IF_FIELD,
        [OP_IF_FIELD_CMP] = &&op_IF_FIELD_CMP,
        [OP_IF_FIELD_IN] = &&op_IF_FIELD_IN,
        [OP_IF_FIELD_RANGE] = &&op_IF_FIELD_RANGE,
        [OP_IF_INT_RANGE] = &&op_IF_INT_RANGE,
        [OP_LOOKUP2] = &&op_LOOKUP2,
        [OP_LOOKUP2_FIELDS] = &&op_LOOKUP2_FIELDS,
        [OP_LOOKUP1] = &&op_LOOKUP1,
        [OP_SUM_LOOKUP1_FIELD] = &&op_SUM_LOOKUP1_FIELD,
        [OP_CALL] = &&op_CALL,
        [OP_MIN_FIELD_CONST] = &&op_MIN_FIELD_CONST,
        [OP_ROUND] = &&op_ROUND,
        [OP_DIV_ROUND] = &&op_DIV_ROUND,
        [OP_DIV_ROUND_CONST] = &&op_DIV_ROUND_CONST,
        [OP_DIV_ROUND_STACK] = &&op_DIV_ROUND_STACK,
        [OP_MUL_ROUND] = &&op_MUL_ROUND,
        [OP_MUL_ROUND_FIELD] = &&op_MUL_ROUND_FIELD,
        [OP_MUL_ROUND_STACK] = &&op_MUL_ROUND_STACK,
        [OP_ADD_CONST] = &&op_ADD_CONST,
        [OP_ADD_STACK] = &&op_ADD_STACK,
        [OP_ADD_STACKS] = &&op_ADD_STACKS,
        [OP_ADD_STACKS3] = &&op_ADD_STACKS3,
        [OP_RULE_IF_FIELD] = &&op_RULE_IF_FIELD,
        [OP_FIRED] = &&op_FIRED,
        [OP_RULES] = &&op_RULES,
        [OP_POLICY] = &&op_POLICY,
        [OP_STOP] = &&op_STOP,
    };
#pragma GCC diagnostic pop
#endif
    DISPATCH();
#if !TERMS_GNU_C
dispatch:
    switch ((Opcode)*ip) {
#endif
    CASE(CONST):
        if (l->raw[ip - code]) {
            (sp++)->num.n = p->consts[ARG(0)].i;
            NEXT(1);
        }
        HOLD(a = consts[ARG(0)]);
        (sp++)->num.n = a;
        NEXT(1);
    CASE(FIELD): {
        const Value *x = &record[ARG(0)];
        if (kind_of_type(p->schema->fields[ARG(0)].type) == K_INT)
            (sp++)->num.n = x->i;
        else if (!fixed_of_rat(x->num, S, &(sp++)->num.n))
            GIVE_BACK();
        NEXT(1);
    }
    CASE(STACK):
        (sp++)->num.n = stack[ARG(0)].num.n;
        NEXT(1);
    CASE(YEAR):
        (sp++)->num.n = (int64_t)(p->year + 1) * S;
        NEXT(0);
    CASE(POP):
        sp--;
        NEXT(0);
    CASE(ADD):
        sp--;
        WITHIN(sp[-1].num.n += sp[0].num.n);
        NEXT(0);
    CASE(SUB):
        sp--;
        WITHIN(sp[-1].num.n -= sp[0].num.n);
        NEXT(0);
    CASE(MUL): {
        sp--;
        i128 prod = (i128)sp[-1].num.n * sp[0].num.n;
        if (prod % S != 0 || !fixed_within128(prod / S))
            GIVE_BACK();
        sp[-1].num.n = (int64_t)(prod / S);
        NEXT(0);
    }
    CASE(DIV): {
        sp--;
        i128 num = (i128)sp[-1].num.n * S;
        if (sp[0].num.n == 0 || num % sp[0].num.n != 0 || !fixed_within128(num / sp[0].num.n))
            GIVE_BACK();
        sp[-1].num.n = (int64_t)(num / sp[0].num.n);
        NEXT(0);
    }
    CASE(NEG):
        sp[-1].num.n = -sp[-1].num.n;
        NEXT(0);
    CASE(NOT):
        sp[-1].num.n = !sp[-1].num.n;
        NEXT(0);
    CASE(CMP_NUM):
    CASE(CMP_INT):
        sp--;
        sp[-1].num.n = cmp_holds((sp[-1].num.n > sp[0].num.n) - (sp[-1].num.n < sp[0].num.n), ARG(0));
        NEXT(1);
    CASE(IN_RANGE):
    CASE(IN_RANGE_INT):
        sp -= 2;
        sp[-1].num.n = sp[0].num.n <= sp[-1].num.n && sp[-1].num.n <= sp[1].num.n;
        NEXT(0);
    CASE(SET_NUM):
    CASE(SET_INT): {
        holds = false;
        for (int i = 0; i < ARG(1) && !holds; i++) /* a number not held equals none held */
            holds = *ip == OP_SET_INT ? p->consts[ARG(0) + i].i == sp[-1].num.n : consts[ARG(0) + i] == sp[-1].num.n;
        sp[-1].num.n = holds;
        NEXT(2);
    }
    CASE(JUMP):
        JUMP_UNLESS(false, 1, ARG(0));
    CASE(JUMP_FALSE):
        sp--;
        JUMP_UNLESS(sp->num.n, 1, ARG(0));
    CASE(AND):
        if (!sp[-1].num.n)
            JUMP_UNLESS(false, 1, ARG(0));
        sp--;
        NEXT(1);
    CASE(OR):
        if (sp[-1].num.n)
            JUMP_UNLESS(false, 1, ARG(0));
        sp--;
        NEXT(1);
    CASE(IF_FIELD):
        JUMP_UNLESS(record[ARG(0)].i, 2, ARG(1));
    CASE(IF_FIELD_CMP):
        holds = op_cmp_num(record[ARG(0)].num, p->consts[ARG(1)].num, ARG(2));
        JUMP_UNLESS(holds, 4, ARG(3));
    CASE(IF_FIELD_IN):
        holds = op_in_range(record[ARG(0)].num, p->consts[ARG(1)].num, p->consts[ARG(2)].num);
        JUMP_UNLESS(holds, 4, ARG(3));
    CASE(IF_FIELD_RANGE):
        holds = op_in_whole_range(record[ARG(0)].num, op_word64(ip + 2), op_word64(ip + 4));
        JUMP_UNLESS(holds != ARG(5), 7, ARG(6));
    CASE(IF_INT_RANGE):
        holds = op_in_int_range(record[ARG(0)].i, op_word64(ip + 2), op_word64(ip + 4));
        JUMP_UNLESS(holds != ARG(5), 7, ARG(6));
    CASE(LOOKUP2): {
        int64_t r;
        Value row, col = {.i = sp[-1].num.n};
        const ProgSchedule *s = &p->schedules[ARG(0)];
        sp -= 2;
        if (s->row_enum)
            row.i = sp[0].num.n;
        else if (!whole_key(sp[0].num.n, S, &row))
            GIVE_BACK();
        if (!op_schedule_row(s, row, &r))
            GIVE_BACK();
        HOLD(a = l->cells[ARG(0)][r * s->ncols + col.i]);
        (sp++)->num.n = a;
        NEXT(1);
    }
    CASE(LOOKUP2_FIELDS): {
        int64_t r;
        const ProgSchedule *s = &p->schedules[ARG(2)];
        if (!op_schedule_row(s, record[ARG(0)], &r))
            GIVE_BACK();
        HOLD(a = l->cells[ARG(2)][r * s->ncols + record[ARG(1)].i]);
        (sp++)->num.n = a;
        NEXT(3);
    }
    CASE(LOOKUP1): {
        const ProgTable *t = &p->tables[ARG(0)];
        Value key;
        if (t->key_enum)
            key.i = sp[-1].num.n;
        else if (!whole_key(sp[-1].num.n, S, &key))
            GIVE_BACK();
        int e = op_table_entry(t, key);
        if (e < 0)
            GIVE_BACK();
        HOLD(sp[-1].num.n = l->entries[ARG(0)][e]);
        NEXT(1);
    }
    CASE(SUM_LOOKUP1_FIELD): {
        Value list = record[ARG(0)];
        const int64_t *entries = l->entries[ARG(1)];
        int64_t sum = 0;
        for (uint32_t i = 0; i < list.list.len; i++) {
            HOLD(a = entries[list.list.items[i]]);
            WITHIN(sum += a);
        }
        (sp++)->num.n = sum;
        NEXT(2);
    }
    CASE(CALL): {
        bool least = l->raw[ip - code];
        sp -= ARG(1);
        a = sp[0].num.n;
        for (int i = 1; i < ARG(1); i++)
            if (least ? sp[i].num.n < a : sp[i].num.n > a)
                a = sp[i].num.n;
        (sp++)->num.n = a;
        NEXT(2);
    }
    CASE(MIN_FIELD_CONST): { /* as fn_min, the constant only if it is below */
        const Value *x = &record[ARG(0)], *k = &p->consts[ARG(1)];
        if (!fixed_of_rat(op_num_order(k->num, x->num) < 0 ? k->num : x->num, S, &(sp++)->num.n))
            GIVE_BACK();
        NEXT(4);
    }
    CASE(ROUND):
        if (!round_quotient(sp[-1].num.n, S, ARG(1), (RoundMode)ARG(2), lp, &sp[-1].num.n))
            GIVE_BACK();
        NEXT(3);
    CASE(DIV_ROUND):
        sp--;
        a = sp[-1].num.n;
        factor = (Rat){sp[0].num.n, S};
        round_args = ip + 1;
        ip += 4;
        goto divide_and_round;
    CASE(DIV_ROUND_CONST): /* the constant as it is, held or not */
        a = sp[-1].num.n;
        factor = p->consts[ARG(0)].num;
        round_args = ip + 2;
        ip += 5;
        goto divide_and_round;
    CASE(DIV_ROUND_STACK):
        a = stack[ARG(0)].num.n;
        factor = p->consts[ARG(1)].num;
        round_args = ip + 3;
        ip += 6;
        sp++;
    divide_and_round:
        if (!div_round(a, factor.n, factor.d, round_args, lp, &sp[-1].num.n))
            GIVE_BACK();
        DISPATCH();
    CASE(MUL_ROUND):
        sp--;
        a = sp[-1].num.n;
        factor = (Rat){sp[0].num.n, S};
        round_args = ip + 1;
        ip += 4;
        goto multiply_and_round;
    CASE(MUL_ROUND_FIELD): /* the field as it is: a decimal need not be held */
        a = sp[-1].num.n;
        factor = record[ARG(0)].num;
        round_args = ip + 2;
        ip += 5;
        goto multiply_and_round;
    CASE(MUL_ROUND_STACK):
        a = stack[ARG(0)].num.n;
        factor = p->consts[ARG(1)].num;
        round_args = ip + 3;
        ip += 6;
        sp++;
    multiply_and_round:
        if (!mul_round(a, factor.n, factor.d, round_args, lp, &sp[-1].num.n))
            GIVE_BACK();
        DISPATCH();
    CASE(ADD_CONST):
        HOLD(a = consts[ARG(0)]);
        WITHIN(sp[-1].num.n += a);
        NEXT(1);
    CASE(ADD_STACK):
        WITHIN(sp[-1].num.n += stack[ARG(0)].num.n);
        NEXT(1);
    CASE(ADD_STACKS):
        WITHIN(sp->num.n = stack[ARG(0)].num.n + stack[ARG(1)].num.n);
        sp++;
        NEXT(2);
    CASE(ADD_STACKS3):
        WITHIN(a = stack[ARG(0)].num.n + stack[ARG(1)].num.n);
        WITHIN(sp->num.n = a + stack[ARG(2)].num.n);
        sp++;
        NEXT(3);
    CASE(RULE_IF_FIELD):
        HOLD(a = consts[ARG(0)]);
        if (record[ARG(1)].i) {
            HOLD(b = consts[ARG(2)]);
            WITHIN(a += b);
            fired_gen[ARG(3)] = gen;
        }
        (sp++)->num.n = a;
        NEXT(4);
    CASE(FIRED):
        fired_gen[ARG(0)] = gen;
        applied++;
        NEXT(1);
    CASE(RULES): {
        const ProgDecision *d = &p->decisions[ARG(0)];
        const Value *key = &record[d->key_field];
        HOLD(a = consts[d->start]);
        if (!d->key_int && key->num.d != 1)
            GIVE_BACK();
        int r = op_key_rule(d, d->key_int ? key->i : key->num.n);
        if (r) {
            const ProgDecisionRule *rule = &d->rules[r - 1];
            int h = rule_holds(record, d, rule);
            if (h < 0)
                GIVE_BACK();
            if (h) {
                HOLD(b = consts[rule->amount]);
                WITHIN(a += b);
                fired_gen[rule->rule] = gen;
                applied++;
            }
        }
        (sp++)->num.n = a;
        if (applied < d->least || applied > d->most) {
            ip = code + d->policy;
            DISPATCH();
        }
        applied = 0;
        ip = code + d->after;
        DISPATCH();
    }
    CASE(POLICY): {
        const ProgComponent *c = &p->components[ARG(0)];
        int count = applied;
        applied = 0;
        if (c->policy == POL_ANY || count == 1 || (count == 0 && c->policy == POL_AT_MOST_ONE))
            NEXT(1);
        GIVE_BACK();
    }
    CASE(STOP):
        if (record != l->record)
            point_fields(l, record);
        show(l);
        return l->out;
#if TERMS_GNU_C
give_back:
#else
    default:
        break;
    }
#endif
    return NULL;
}
