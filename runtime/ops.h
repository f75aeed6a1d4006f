/* ops.h: what the VM's instructions compute, defined once for the VM's
 * dispatch (vm.c) and the compiler's constant folding (compile.c).
 *
 * A value folded at compile time must be the value the instruction would
 * have computed at run time, so the folder calls these rather than
 * arithmetic and lookups of its own (as Lua's lcode.c folds through
 * luaO_rawarith, the arithmetic lvm.c runs).  Each is the whole effect of
 * its opcodes on values; what the VM adds is only the stack and, on a
 * failure, a message naming the node.  Static inline: the VM's loop keeps
 * them inlined.
 */
#ifndef TERMS_OPS_H
#define TERMS_OPS_H

#include <string.h>
#include "gnuc.h"
#include "program.h"

/* DIV_INT and MOD: `a div b` and `a mod b` on whole numbers, floored
 * (toward minus infinity, so -7 div 2 is -4 and -7 mod 2 is 1: the
 * remainder takes the divisor's sign); RAT_DOMAIN for a number that is
 * not whole, which the checker lets through only from a bug. */
static inline RatStatus op_whole_div(Opcode op, Rat a, Rat b, Rat *r)
{
    if ((a.d | b.d) != 1)
        return RAT_DOMAIN;
    if (b.n == 0)
        return RAT_DIV_ZERO;
    int64_t q = a.n / b.n; /* |q| <= |a.n| <= 10^18: no wrap */
    if (a.n % b.n != 0 && (a.n < 0) != (b.n < 0))
        q--;
    *r = rat_int(op == OP_DIV_INT ? q : a.n - b.n * q);
    return RAT_OK;
}

/* a op b for ADD, SUB, MUL, DIV, DIV_INT and MOD; adding zero, and whole numbers added
 * or subtracted, without a call or a reduction. */
static inline RatStatus op_arith(Opcode op, Rat a, Rat b, Rat *r)
{
    if (op == OP_ADD && (a.n == 0 || b.n == 0)) { /* a component's sum starts from 0 */
        r->n = a.n == 0 ? b.n : a.n;
        r->d = a.n == 0 ? b.d : a.d;
        return RAT_OK;
    }
    if (op <= OP_SUB && (a.d | b.d) == 1) {
        int64_t n = op == OP_ADD ? a.n + b.n : a.n - b.n; /* both within 10^18: no wrap */
        if (n > RAT_LIMIT || n < -RAT_LIMIT)
            return RAT_OVERFLOW;
        *r = (Rat){n, 1};
        return RAT_OK;
    }
    switch (op) {
    case OP_ADD: return rat_add(a, b, r);
    case OP_SUB: return rat_sub(a, b, r);
    case OP_MUL: return rat_mul(a, b, r);
    case OP_DIV_INT: case OP_MOD: return op_whole_div(op, a, b, r);
    default: return rat_div(a, b, r);
    }
}

/* -1, 0 or 1 as a is below, equal to or above b */
static inline int op_num_order(Rat a, Rat b)
{
    return a.d == b.d ? (a.n > b.n) - (a.n < b.n) : rat_cmp(a, b);
}

/* CMP_NUM, CMP_INT (members, yes/no, dates) and CMP_TEXT (= and != only) */
static inline bool op_cmp_num(Rat a, Rat b, int cmp) { return cmp_holds(op_num_order(a, b), cmp); }
static inline bool op_cmp_int(int64_t a, int64_t b, int cmp) { return cmp_holds((a > b) - (a < b), cmp); }
static inline bool op_cmp_text(Value a, Value b, int cmp)
{
    bool eq = a.text.len == b.text.len && memcmp(a.text.p, b.text.p, a.text.len) == 0;
    return cmp == CMP_EQ ? eq : !eq;
}

/* whichever of the three op is, for the folder */
static inline bool op_compare(Opcode op, int cmp, Value a, Value b)
{
    return op == OP_CMP_NUM ? op_cmp_num(a.num, b.num, cmp) : op == OP_CMP_TEXT ? op_cmp_text(a, b, cmp) : op_cmp_int(a.i, b.i, cmp);
}

/* IN_RANGE (numbers) and IN_RANGE_INT (dates): lo <= x <= hi */
static inline bool op_in_range(Rat x, Rat lo, Rat hi)
{
    if ((hi.d | lo.d | x.d) == 1)
        return lo.n <= x.n && x.n <= hi.n;
    return rat_cmp(lo, x) <= 0 && rat_cmp(x, hi) <= 0;
}
static inline bool op_in_range_int(int64_t x, int64_t lo, int64_t hi) { return lo <= x && x <= hi; }

/* IF_FIELD_RANGE: lo <= x <= hi for whole bounds lo <= hi (INT64_MIN and
 * INT64_MAX standing for none).  A whole x is one unsigned comparison:
 * x - lo wraps past hi - lo when x < lo. */
static inline bool op_in_whole_range(Rat x, int64_t lo, int64_t hi)
{
    if (x.d == 1)
        return (uint64_t)x.n - (uint64_t)lo <= (uint64_t)hi - (uint64_t)lo;
    return (i128)lo * x.d <= x.n && x.n <= (i128)hi * x.d;
}

/* IF_INT_RANGE: lo <= x <= hi for a member, yes/no or date x, in one
 * unsigned comparison as op_in_whole_range's */
static inline bool op_in_int_range(int64_t x, int64_t lo, int64_t hi)
{
    return (uint64_t)x - (uint64_t)lo <= (uint64_t)hi - (uint64_t)lo;
}

/* The int64 an instruction holds in two operand words, and back. */
static inline int64_t op_word64(const int32_t *w)
{
    int64_t v;
    memcpy(&v, w, sizeof v);
    return v;
}
static inline void op_set_word64(int32_t *w, int64_t v) { memcpy(w, &v, sizeof v); }

/* SET_NUM and SET_INT: x is one of set[0..n) */
static inline bool op_in_set(Opcode op, Value x, const Value *set, int n)
{
    bool holds = false;
    for (int i = 0; i < n && !holds; i++)
        holds = op == OP_SET_NUM ? rat_eq(x.num, set[i].num) : x.i == set[i].i;
    return holds;
}

/* YEAR: the contract year, 1-based */
static inline Rat op_year(const Program *p) { return rat_int(p->year + 1); }

typedef enum {
    LOOKUP_OK,
    LOOKUP_BEYOND,   /* a schedule's row key past its rows, and it does not clamp */
    LOOKUP_NO_ROW,   /* a table's key it has no row for */
    LOOKUP_BLANK,    /* the cell is blank (not agreed yet) */
    LOOKUP_NA,       /* the cell is N/A: no one may be placed there */
} Lookup;

/* The row *r of schedule s that key row reads: a row past the first or
 * the last is that row if s clamps; false if it is past them and s does
 * not clamp.  For LOOKUP2 and for COVER_ROW alike (written so that
 * LOOKUP2's code is what it was without it). */
static inline bool op_schedule_row(const ProgSchedule *s, Value row, int64_t *r)
{
    *r = s->row_enum ? row.i : row.num.n - s->first_row;
    if (*r < 0 || *r >= s->nrows) {
        if (!s->clamp)
            return false;
        *r = *r < 0 ? 0 : s->nrows - 1;
    }
    return true;
}

/* LOOKUP2: schedule s at [row, col] (op_schedule_row).  *blank is the
 * cell when it is blank. */
static inline Lookup op_lookup2(const ProgSchedule *s, Value row, Value col, Rat *out, const Figure **blank)
{
    int64_t r;
    if (!op_schedule_row(s, row, &r))
        return LOOKUP_BEYOND;
    const Figure *cell = &s->cells[r * s->ncols + col.i];
    if (cell->na)
        return LOOKUP_NA;
    if (cell->blank) {
        *blank = cell;
        return LOOKUP_BLANK;
    }
    *out = cell->v;
    return LOOKUP_OK;
}

/* The entry of table t that key reads (a member, or an integer its sorted
 * keys hold), or -1.  For LOOKUP1 and for COVER_ENTRY alike. */
static inline int op_table_entry(const ProgTable *t, Value key)
{
    int idx = -1;
    if (t->key_enum) {
        idx = (int)key.i;
    } else {
        int lo = 0, hi = t->nkeys - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (t->keys[mid] == key.num.n) {
                idx = mid;
                break;
            }
            if (t->keys[mid] < key.num.n)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
    }
    return idx;
}

/* LOOKUP1: table t at key (op_table_entry); *blank is the cell when it
 * is blank. */
static inline Lookup op_lookup1(const ProgTable *t, Value key, Rat *out, const Figure **blank)
{
    int idx = op_table_entry(t, key);
    if (idx < 0)
        return LOOKUP_NO_ROW;
    if (t->cells[idx].blank) {
        *blank = &t->cells[idx];
        return LOOKUP_BLANK;
    }
    *out = t->cells[idx].v;
    return LOOKUP_OK;
}

/* RULES: 1 + the rule whose first test holds key x, a whole value, or 0 */
static inline int op_key_rule(const ProgDecision *d, int64_t x)
{
    if (d->nindex) {
        uint64_t k = (uint64_t)x - (uint64_t)d->index_lo;
        if (x < d->index_lo)
            return 0;
        return k < d->nindex ? d->index[k] : d->above;
    }
    for (int i = 0; i < d->nrules; i++)
        if ((uint64_t)x - (uint64_t)d->keys[i].lo <= d->keys[i].span)
            return i + 1;
    return 0;
}

#endif
