/* prove.c: the proofs behind `at most one` and `exactly one`.
 *
 * Each rule's condition becomes a union of boxes.  A box limits each field
 * the component's conditions test (a dimension) to an interval of exact
 * rationals with open or closed ends (an integer field's ends are kept
 * whole and closed), or to a set of members: an enum's, or no/yes for a
 * yes/no field and for a list's "has member m".  Two rules overlap when a
 * box of one meets a box of the other; the rules cover everyone when
 * taking every rule's boxes away from the box of all employees leaves
 * nothing.  Whatever is left, or the meeting, is a concrete employee to
 * show, with values a roster can hold.
 *
 * A part of a condition the prover does not understand (arithmetic, a
 * definition, two fields compared) is unknown.  Each rule then gets an
 * upper bound, where unknown parts hold for everyone, and a lower bound,
 * where they hold for no one.  Upper bounds that do not meet prove two
 * rules apart; lower bounds that meet prove an overlap; in between the
 * proof is undecided, and says which part it did not understand.  The
 * same goes for covering everyone.
 *
 * A box added to a union merges with a recent one that differs from it in
 * one dimension, so `a = x or a = y` is one box, and `a in [...] and
 * b in [...]` one box, not the product of its members.
 * A budget of boxes and steps bounds the time and memory of each
 * component's proof (docs/security.md); past it the proof is undecided,
 * naming the budget.
 */
#include "check.h"
#include "alloc.h"
#include "gnuc.h"

#include <stdlib.h>
#include <string.h>

/* The budget of one component's proof.  A box larger than BOX_UNIT bytes
 * counts as several against MAX_BOXES; a step is one word of a box
 * compared or combined, so big boxes spend steps faster.  Either way
 * memory and time stay bounded whatever the fields and enums. */
enum { MAX_DIMS = 32, MAX_BOXES = 4096, BOX_UNIT = 1024, MAX_STEPS = 20000000 };
/* how many boxes back add() looks for one to merge with */
enum { MERGE_WINDOW = 4 };
/* the most nodes of functions' formulas copied, their parameters replaced
 * by a call's arguments, for one component's conditions */
enum { MAX_INLINED = 4096 };

typedef uint64_t Word;

typedef struct {
    Rat lo, hi;
    bool lo_open, hi_open;
} Interval;

enum { INTERVAL_WORDS = sizeof(Interval) / sizeof(Word) };
_Static_assert(sizeof(Interval) % sizeof(Word) == 0, "an interval fills whole words");

typedef enum { DIM_NUM, DIM_SET } DimKind;

typedef struct {
    DimKind kind;
    bool whole;      /* DIM_NUM of an integer field */
    int field;
    int member;      /* a list field's member, which the list has or lacks; -1 otherwise */
    int count;       /* DIM_SET: members; 2 (0 no, 1 yes) for yes/no and for a list's member */
    int at, words;   /* where it is in a box */
} Dim;

/* n boxes of Prover.words words each; cap 0 with n 1 is a view of
 * Prover.full, which is not owned */
typedef struct {
    Word *v;
    int n, cap;
} Boxes;

/* why a part of a proof is not known (KNOWN: it is) */
typedef enum { KNOWN, BEYOND, TOO_MANY_DIMS, TOO_MANY_BOXES, TOO_MANY_STEPS } Why;

typedef struct {
    Boxes upper, lower;
    bool exact;          /* nothing unknown: lower is upper */
    const Expr *unknown; /* the first part not understood, or the condition past the budget */
    Why why;
} Rule;

typedef struct {
    const Model *m;
    Diags *d;
    Dim dims[MAX_DIMS];
    int ndims;
    bool finding;        /* the first pass, which only finds the dimensions */
    int words;           /* a box's size */
    Word *full;          /* everyone */
    Word *tmp, *rest, *piece, *found; /* scratch boxes */
    long boxes, box_limit;
    long steps;
    Why over;            /* KNOWN within the budget, else TOO_MANY_BOXES or _STEPS */
    bool upper;          /* reading an upper bound (unknown parts hold) or a lower one */
    const Expr *unknown; /* the first unknown part of the condition being read */
    Why why;
    int inlined;         /* nodes of functions' formulas copied (MAX_INLINED) */
} Prover;

/* ---- the budget ---- */

/* words: how much of a box was looked at */
static bool spend(Prover *p, int words)
{
    if (p->over)
        return false;
    p->steps += 1 + words;
    if (p->steps > MAX_STEPS) {
        p->over = TOO_MANY_STEPS;
        return false;
    }
    return true;
}

static Word *box_at(const Prover *p, const Boxes *b, int i)
{
    return b->v + (size_t)i * (size_t)p->words;
}

static void push(Prover *p, Boxes *b, const Word *x)
{
    if (p->over)
        return;
    if (p->boxes == p->box_limit) {
        p->over = TOO_MANY_BOXES;
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4;
        b->v = xrealloc(b->v, sizeof(Word) * (size_t)p->words * (size_t)b->cap);
    }
    memcpy(box_at(p, b, b->n++), x, sizeof(Word) * (size_t)p->words);
    p->boxes++;
}

static void drop(Prover *p, Boxes *b)
{
    if (b->cap) {
        p->boxes -= b->n;
        free(b->v);
    }
    *b = (Boxes){0};
}

static Boxes everyone(const Prover *p)
{
    return (Boxes){p->full, 1, 0};
}

/* ---- one dimension of a box ---- */

static Interval *iv(const Prover *p, Word *box, int i)
{
    return (Interval *)(box + p->dims[i].at);
}

static const Interval *civ(const Prover *p, const Word *box, int i)
{
    return (const Interval *)(box + p->dims[i].at);
}

static void set_bit(Word *set, int b)
{
    set[b / 64] |= (Word)1 << (b % 64);
}

static int64_t floor_of(Rat r)
{
    int64_t q = r.n / r.d;
    return q - (r.n % r.d != 0 && r.n < 0);
}

/* an integer field's interval: whole, closed ends */
static void make_whole(Interval *r)
{
    if (r->lo_open || r->lo.d != 1)
        r->lo = rat_int(floor_of(r->lo) + 1);
    if (r->hi_open || r->hi.d != 1)
        r->hi = rat_int(-floor_of(rat_neg(r->hi)) - 1);
    r->lo_open = r->hi_open = false;
}

static bool interval_empty(const Interval *r)
{
    int c = rat_cmp(r->lo, r->hi);
    return c > 0 || (c == 0 && (r->lo_open || r->hi_open));
}

static Interval interval_meet(const Interval *a, const Interval *b)
{
    Interval r;
    int c = rat_cmp(a->lo, b->lo);
    r.lo = c >= 0 ? a->lo : b->lo;
    r.lo_open = c > 0 ? a->lo_open : c < 0 ? b->lo_open : a->lo_open || b->lo_open;
    c = rat_cmp(a->hi, b->hi);
    r.hi = c <= 0 ? a->hi : b->hi;
    r.hi_open = c < 0 ? a->hi_open : c > 0 ? b->hi_open : a->hi_open || b->hi_open;
    return r;
}

/* a ⊆ b */
static bool interval_within(const Interval *a, const Interval *b)
{
    int lo = rat_cmp(a->lo, b->lo), hi = rat_cmp(a->hi, b->hi);
    return (lo > 0 || (lo == 0 && (a->lo_open || !b->lo_open))) && (hi < 0 || (hi == 0 && (a->hi_open || !b->hi_open)));
}

/* a lies below b with something between them */
static bool apart(const Interval *a, const Interval *b, bool whole)
{
    if (whole)
        return a->hi.n + 1 < b->lo.n;
    int c = rat_cmp(a->hi, b->lo);
    return c < 0 || (c == 0 && a->hi_open && b->lo_open);
}

/* a ∪ b into a, if it is one interval */
static bool interval_join(Interval *a, const Interval *b, bool whole)
{
    if (apart(a, b, whole) || apart(b, a, whole))
        return false;
    int c = rat_cmp(a->lo, b->lo);
    if (c > 0 || (c == 0 && !b->lo_open))
        a->lo = b->lo, a->lo_open = b->lo_open;
    c = rat_cmp(a->hi, b->hi);
    if (c < 0 || (c == 0 && !b->hi_open))
        a->hi = b->hi, a->hi_open = b->hi_open;
    return true;
}

static bool interval_equal(const Interval *a, const Interval *b)
{
    return rat_eq(a->lo, b->lo) && rat_eq(a->hi, b->hi) && a->lo_open == b->lo_open && a->hi_open == b->hi_open;
}

static bool range_empty(const Prover *p, const Word *box, int i)
{
    if (p->dims[i].kind == DIM_NUM)
        return interval_empty(civ(p, box, i));
    const Word *s = box + p->dims[i].at;
    for (int w = 0; w < p->dims[i].words; w++)
        if (s[w])
            return false;
    return true;
}

static bool range_equal(const Prover *p, const Word *a, const Word *b, int i)
{
    if (p->dims[i].kind == DIM_NUM)
        return interval_equal(civ(p, a, i), civ(p, b, i));
    return memcmp(a + p->dims[i].at, b + p->dims[i].at, sizeof(Word) * (size_t)p->dims[i].words) == 0;
}

/* a's range within b's */
static bool range_within(const Prover *p, const Word *a, const Word *b, int i)
{
    if (p->dims[i].kind == DIM_NUM)
        return interval_within(civ(p, a, i), civ(p, b, i));
    const Word *x = a + p->dims[i].at, *y = b + p->dims[i].at;
    for (int w = 0; w < p->dims[i].words; w++)
        if (x[w] & ~y[w])
            return false;
    return true;
}

/* ---- boxes ---- */

/* a ∩ b into out; false if empty (or the budget is spent) */
static bool meet(Prover *p, const Word *a, const Word *b, Word *out)
{
    bool met = true;
    int words = 0;
    for (int i = 0; i < p->ndims && met; i++) {
        const Dim *d = &p->dims[i];
        words += d->words;
        if (d->kind == DIM_NUM) {
            Interval r = interval_meet(civ(p, a, i), civ(p, b, i));
            met = !interval_empty(&r);
            *iv(p, out, i) = r;
        } else {
            Word any = 0;
            for (int w = 0; w < d->words; w++)
                any |= out[d->at + w] = a[d->at + w] & b[d->at + w];
            met = any != 0;
        }
    }
    return spend(p, words) && met;
}

/* b into the union u, merged into a recent box it differs from in one
 * dimension, or dropped if such a box holds it already */
static void add(Prover *p, Boxes *u, const Word *b)
{
    for (int k = u->n - 1; k >= 0 && k >= u->n - MERGE_WINDOW; k--) {
        Word *c = box_at(p, u, k);
        int differs = -1, count = 0, words = 0;
        bool within = true;
        for (int i = 0; i < p->ndims && (within || count < 2); i++) {
            words += p->dims[i].words;
            if (range_equal(p, c, b, i))
                continue;
            within = within && range_within(p, b, c, i);
            differs = i;
            count++;
        }
        if (!spend(p, words))
            return;
        if (within)
            return;
        if (count != 1)
            continue;
        const Dim *d = &p->dims[differs];
        if (d->kind == DIM_SET) {
            for (int w = 0; w < d->words; w++)
                c[d->at + w] |= b[d->at + w];
            return;
        }
        if (interval_join(iv(p, c, differs), civ(p, b, differs), d->whole))
            return;
    }
    push(p, u, b);
}

static void add_all(Prover *p, Boxes *u, const Boxes *b)
{
    for (int i = 0; i < b->n; i++)
        add(p, u, box_at(p, b, i));
}

/* a - b, as boxes added to out */
static void subtract(Prover *p, const Word *a, const Word *b, Boxes *out)
{
    if (!meet(p, a, b, p->tmp)) {
        add(p, out, a);
        return;
    }
    size_t bytes = sizeof(Word) * (size_t)p->words;
    Word *rest = p->rest, *piece = p->piece;
    memcpy(rest, a, bytes);
    for (int i = 0; i < p->ndims; i++) {
        const Dim *d = &p->dims[i];
        if (range_within(p, rest, b, i))
            continue;
        if (!spend(p, p->words))
            return;
        if (d->kind == DIM_NUM) {
            const Interval *x = civ(p, b, i);
            memcpy(piece, rest, bytes);
            iv(p, piece, i)->hi = x->lo;
            iv(p, piece, i)->hi_open = !x->lo_open;
            if (d->whole)
                make_whole(iv(p, piece, i));
            if (!interval_empty(iv(p, piece, i)))
                add(p, out, piece);
            memcpy(piece, rest, bytes);
            iv(p, piece, i)->lo = x->hi;
            iv(p, piece, i)->lo_open = !x->hi_open;
            if (d->whole)
                make_whole(iv(p, piece, i));
            if (!interval_empty(iv(p, piece, i)))
                add(p, out, piece);
            *iv(p, rest, i) = interval_meet(civ(p, rest, i), x);
        } else {
            memcpy(piece, rest, bytes);
            for (int w = 0; w < d->words; w++) {
                piece[d->at + w] &= ~b[d->at + w];
                rest[d->at + w] &= b[d->at + w];
            }
            if (!range_empty(p, piece, i))
                add(p, out, piece);
        }
    }
}

/* everyone in the union from, less everyone in the union by: into left */
static void take_away(Prover *p, Boxes *left, const Boxes *by)
{
    for (int x = 0; x < by->n && left->n > 0 && !p->over; x++) {
        Boxes next = {0};
        for (int k = 0; k < left->n && !p->over; k++)
            subtract(p, box_at(p, left, k), box_at(p, by, x), &next);
        drop(p, left);
        *left = next;
    }
}

/* ---- values an employee can have ---- */

/* A value of r that a roster can hold, preferring the end where r is
 * limited (`x > 0.5`: 1; `x < 0.5`: 0); false if r holds none.  A closed
 * end is a constant of the contract or a limit of the language, so it can
 * be held; an open one is passed by the value with the fewest decimal
 * places (then the nearest) whose numerator is within the limits; tries
 * counts the denominators tried. */
static bool pick(const Interval *r, const Interval *full, bool whole, Rat *out, int *tries)
{
    bool at_lo = !rat_eq(r->lo, full->lo) || r->lo_open != full->lo_open || (rat_eq(r->hi, full->hi) && r->hi_open == full->hi_open);
    if (interval_empty(r))
        return false;
    if (at_lo ? !r->lo_open : !r->hi_open) {
        *out = at_lo ? r->lo : r->hi;
        return true;
    }
    if (whole)
        return false; /* whole intervals are closed */
    for (int places = 0; places <= 18; places++)
        for (int k = 0; k <= 2 * places; k++) {
            /* denominators 2^places 5^b and 2^a 5^places: exactly `places` decimals */
            ++*tries;
            int two = k <= places ? places : k - places - 1, five = k <= places ? k : places;
            i128 den = 1;
            for (int i = 0; i < two; i++)
                den *= 2;
            for (int i = 0; i < five; i++)
                den *= 5;
            /* the numerators m with m / den within r */
            i128 lo = (i128)r->lo.n * den, hi = (i128)r->hi.n * den;
            i128 m1 = lo / r->lo.d - (lo % r->lo.d != 0 && lo < 0);                 /* floor */
            if (r->lo_open || m1 * r->lo.d != lo)
                m1++;
            i128 m2 = hi / r->hi.d - (hi % r->hi.d != 0 && hi < 0);
            if (r->hi_open && m2 * r->hi.d == hi)
                m2--;
            if (m1 < -RAT_LIMIT)
                m1 = -RAT_LIMIT;
            if (m2 > RAT_LIMIT)
                m2 = RAT_LIMIT;
            if (m1 > m2)
                continue;
            int64_t m = (int64_t)(at_lo ? m1 : m2), d = (int64_t)den;
            Rat q;
            if (rat_div(rat_int(m), rat_int(d), &q) != RAT_OK)
                continue;
            *out = q;
            return true;
        }
    return false;
}

static bool has_witness(Prover *p, const Word *box)
{
    bool all = true;
    int tries = 0;
    for (int i = 0; i < p->ndims && all; i++) {
        Rat v;
        all = p->dims[i].kind != DIM_NUM || p->dims[i].whole || pick(civ(p, box, i), civ(p, p->full, i), false, &v, &tries);
    }
    return (tries == 0 || spend(p, tries)) && all;
}

/* v as the contract writes it: 0.55, $40,000.00, $40,000.005 */
static const char *value_text(Arena *a, TypeKind kind, Rat v)
{
    char buf[64], out[96];
    if (kind == TY_MONEY && 100 % v.d == 0) {
        size_t n = rat_format_money(v, ROUND_HALF_UP, buf, sizeof buf);
        return arena_printf(a, "%.*s", (int)n, buf);
    }
    size_t n = rat_format(rat_abs(v), 18, ROUND_HALF_UP, buf, sizeof buf), o = 0;
    bool minus = rat_sign(v) < 0;
    if (kind != TY_MONEY)
        return arena_printf(a, "%s%.*s", minus ? "-" : "", (int)n, buf);
    if (minus)
        out[o++] = '-';
    out[o++] = '$';
    size_t digits = 0;
    while (digits < n && buf[digits] != '.')
        digits++;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i < digits && (digits - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = buf[i];
    }
    return arena_printf(a, "%.*s", (int)o, out);
}

/* "years = 14, district_years = 10" for the parts of box that are limited */
static const char *witness(const Prover *p, const Word *box)
{
    Arena *arena = &p->m->ast->arena;
    const char *text = "";
    for (int i = 0; i < p->ndims; i++) {
        const Dim *d = &p->dims[i];
        const FieldDef *f = &p->m->fields[d->field];
        if (range_equal(p, box, p->full, i))
            continue;
        const char *part;
        const Word *s = box + d->at;
        if (d->kind == DIM_NUM) {
            Rat v = rat_int(0);
            int tries = 0;
            pick(civ(p, box, i), civ(p, p->full, i), d->whole, &v, &tries);
            part = arena_printf(arena, "%s = %s", f->name, value_text(arena, f->type.kind, v));
        } else if (d->member >= 0) {
            part = arena_printf(arena, "%s %s %s", f->name, s[0] & 2 ? "includes" : "lacks",
                                p->m->enums[f->type.enum_id].members[d->member]);
        } else if (f->type.kind == TY_BOOL) {
            part = arena_printf(arena, "%s = %s", f->name, s[0] & 2 ? "yes" : "no");
        } else {
            int m = 0;
            while (!(s[m / 64] >> (m % 64) & 1))
                m++;
            part = arena_printf(arena, "%s = %s", f->name, p->m->enums[f->type.enum_id].members[m]);
        }
        text = *text ? arena_printf(arena, "%s, %s", text, part) : part;
    }
    return *text ? arena_printf(arena, "an employee with %s", text) : "any employee";
}

/* ---- conditions ---- */

/* The dimension of a field (and a list's member): added in the first
 * pass, up to MAX_DIMS; -1 if it has none. */
static int dim_of(Prover *p, int field, int member)
{
    for (int i = 0; i < p->ndims; i++)
        if (p->dims[i].field == field && p->dims[i].member == member)
            return i;
    if (!p->finding || p->ndims == MAX_DIMS)
        return -1;
    const FieldDef *f = &p->m->fields[field];
    Dim *d = &p->dims[p->ndims++];
    *d = (Dim){.kind = DIM_SET, .field = field, .member = member, .count = 2};
    if (f->type.kind == TY_INTEGER || f->type.kind == TY_DECIMAL || f->type.kind == TY_MONEY)
        d->kind = DIM_NUM, d->whole = f->type.kind == TY_INTEGER;
    else if (f->type.kind == TY_ENUM)
        d->count = p->m->enums[f->type.enum_id].count;
    return p->ndims - 1;
}

/* Where each dimension sits in a box, the box of everyone, and the budget
 * for boxes of this size. */
static void lay_out(Prover *p)
{
    p->words = 1;
    for (int i = 0; i < p->ndims; i++) {
        Dim *d = &p->dims[i];
        d->at = p->words;
        d->words = d->kind == DIM_NUM ? INTERVAL_WORDS : (d->count + 63) / 64;
        p->words += d->words;
    }
    p->full = xcalloc(5 * (size_t)p->words, sizeof(Word));
    p->tmp = p->full + p->words;
    p->rest = p->tmp + p->words;
    p->piece = p->rest + p->words;
    p->found = p->piece + p->words;
    for (int i = 0; i < p->ndims; i++) {
        const Dim *d = &p->dims[i];
        const FieldDef *f = &p->m->fields[d->field];
        if (d->kind == DIM_NUM) {
            Interval *r = iv(p, p->full, i);
            *r = (Interval){rat_int(-RAT_LIMIT), rat_int(RAT_LIMIT), false, false};
            if (f->has_range && f->lo > -RAT_LIMIT)
                r->lo = rat_int(f->lo);
            if (f->has_range && f->hi < RAT_LIMIT)
                r->hi = rat_int(f->hi);
        } else {
            for (int m = 0; m < d->count; m++)
                set_bit(p->full + d->at, m);
        }
    }
    p->box_limit = MAX_BOXES / (((long)p->words * (long)sizeof(Word) + BOX_UNIT - 1) / BOX_UNIT);
}

static bool constant(const Expr *e, Rat *v)
{
    if (e->kind == E_NEG && constant(e->a, v)) {
        *v = rat_neg(*v);
        return true;
    }
    if (e->kind != E_INT && e->kind != E_DEC && e->kind != E_MONEY)
        return false;
    *v = e->num;
    return true;
}

static bool is_field(const Expr *e)
{
    return e->kind == E_NAME && e->ref == REF_FIELD;
}

static bool is_number_field(const Expr *e)
{
    TypeKind k = e->type.kind;
    return is_field(e) && (k == TY_INTEGER || k == TY_DECIMAL || k == TY_MONEY);
}

static bool is_member(const Expr *e)
{
    return e->kind == E_NAME && e->ref == REF_MEMBER;
}

static BinOp flip(BinOp op) /* a < b  is  b > a */
{
    switch (op) {
    case OPB_LT: return OPB_GT;
    case OPB_LE: return OPB_GE;
    case OPB_GT: return OPB_LT;
    case OPB_GE: return OPB_LE;
    default: return op;
    }
}

/* everyone, with dimension i limited to r */
static void add_interval(Prover *p, int i, Interval r, Boxes *out)
{
    memcpy(p->tmp, p->full, sizeof(Word) * (size_t)p->words);
    Interval *x = iv(p, p->tmp, i);
    *x = interval_meet(x, &r);
    if (p->dims[i].whole)
        make_whole(x);
    if (!interval_empty(x))
        add(p, out, p->tmp);
}

/* `field op c`, op one of = < <= > >= */
static void compare(Prover *p, int i, BinOp op, Rat c, Boxes *out)
{
    const Interval *all = civ(p, p->full, i);
    Interval r = {c, c, false, false};
    if (op == OPB_LT || op == OPB_LE)
        r.lo = all->lo, r.hi_open = op == OPB_LT;
    if (op == OPB_GT || op == OPB_GE)
        r.hi = all->hi, r.lo_open = op == OPB_GT;
    add_interval(p, i, r, out);
}

/* value is a constant the prover can compare field with: a number for a
 * number field, a member for an enum, yes or no for a yes/no field */
static bool fits(const Expr *field, const Expr *value)
{
    Rat c;
    switch (field->type.kind) {
    case TY_INTEGER:
    case TY_DECIMAL:
    case TY_MONEY: return constant(value, &c);
    case TY_ENUM: return is_member(value);
    case TY_BOOL: return value->kind == E_BOOL;
    default: return false;
    }
}

/* a member's or yes/no's place in a set dimension (no 0, yes 1) */
static int bit_of(const Expr *value)
{
    return value->kind == E_BOOL ? value->num.n != 0 : value->ref_index;
}

/* The boxes of atom e, whose field has dimension i: see atom() */
static void atom_boxes(Prover *p, const Expr *e, int i, BinOp op, const Expr *value, Boxes *out)
{
    const Dim *d = &p->dims[i];
    Rat c, hi;
    if (d->kind == DIM_NUM) {
        if (e->kind == E_BINARY && constant(value, &c))
            compare(p, i, op, c, out);
        else if (e->kind == E_IN_RANGE && constant(e->b, &c) && constant(e->c, &hi))
            add_interval(p, i, (Interval){c, hi, false, false}, out);
        for (int k = 0; e->kind == E_IN && k < e->b->nargs; k++)
            if (constant(e->b->args[k], &c))
                compare(p, i, OPB_EQ, c, out);
        return;
    }
    memcpy(p->tmp, p->full, sizeof(Word) * (size_t)p->words);
    Word *set = p->tmp + d->at;
    memset(set, 0, sizeof(Word) * (size_t)d->words);
    if (e->kind == E_IN && e->b->kind == E_SET)
        for (int k = 0; k < e->b->nargs; k++)
            set_bit(set, bit_of(e->b->args[k]));
    else if (e->kind == E_BINARY && op != OPB_EQ) /* members in declared order */
        for (int m = 0; m < d->count; m++) {
            int v = bit_of(value);
            if (op == OPB_LT ? m < v : op == OPB_LE ? m <= v : op == OPB_GT ? m > v : m >= v)
                set_bit(set, m);
        }
    else
        set_bit(set, e->kind == E_BINARY ? bit_of(value) : 1); /* 1: a yes/no field alone, a list's member */
    if (!range_empty(p, p->tmp, i))
        add(p, out, p->tmp);
}

/* Everyone who satisfies e, added to out, when e is a comparison the
 * prover understands:
 *
 *   atom -> yesno_field | field op constant | constant op field
 *         | number_field in constant..constant | field in [constant, ...]
 *         | member in list_field
 *
 * with op one of = != < <= > >= (only = and != for yes/no; members are
 * ordered as their enum lists them);
 * `!=` is read as `=`, for the caller to negate.  KNOWN, or why not. */
static Why atom(Prover *p, const Expr *e, Boxes *out)
{
    const Expr *field = e, *value = NULL;
    BinOp op = OPB_EQ;
    int member = -1;
    switch (e->kind) {
    case E_NAME:
        if (!is_field(e) || e->type.kind != TY_BOOL)
            return BEYOND;
        break;
    case E_BINARY:
        if (e->op < OPB_EQ || e->op > OPB_GE)
            return BEYOND;
        field = e->a, value = e->b, op = e->op == OPB_NE ? OPB_EQ : e->op;
        if (!is_field(field))
            field = e->b, value = e->a, op = flip(op);
        if (!is_field(field) || !fits(field, value) || (op != OPB_EQ && !is_number_field(field) && field->type.kind != TY_ENUM))
            return BEYOND;
        break;
    case E_IN_RANGE:
        if (!is_number_field(e->a) || !fits(e->a, e->b) || !fits(e->a, e->c))
            return BEYOND;
        field = e->a;
        break;
    case E_IN:
        if (is_member(e->a) && is_field(e->b) && e->b->type.kind == TY_LIST) {
            field = e->b, member = e->a->ref_index;
            break;
        }
        if (e->b->kind != E_SET || e->b->nargs == 0 || !is_field(e->a))
            return BEYOND;
        field = e->a;
        for (int k = 0; k < e->b->nargs; k++)
            if (!fits(field, e->b->args[k]))
                return BEYOND;
        break;
    default:
        return BEYOND;
    }
    int i = dim_of(p, field->ref_index, member);
    if (i < 0)
        return TOO_MANY_DIMS;
    if (!p->finding)
        atom_boxes(p, e, i, op, value, out);
    return KNOWN;
}

/* A part not understood: everyone in an upper bound, no one in a lower. */
static void unknown(Prover *p, const Expr *e, Why why, Boxes *out)
{
    if (p->finding)
        return;
    if (!p->unknown)
        p->unknown = e, p->why = why;
    if (p->upper)
        add(p, out, p->full);
}

static void dnf(Prover *p, const Expr *e, bool neg, Boxes *out);
static void called(Prover *p, const Expr *call, bool neg, Boxes *out);

/* and: every box of one side met with every box of the other */
static void conjunction(Prover *p, const Expr *a, const Expr *b, bool neg, Boxes *out)
{
    Boxes x = {0}, y = {0};
    dnf(p, a, neg, &x);
    if (x.n > 0 || p->finding)
        dnf(p, b, neg, &y);
    for (int i = 0; i < x.n && !p->over; i++)
        for (int j = 0; j < y.n && !p->over; j++)
            if (meet(p, box_at(p, &x, i), box_at(p, &y, j), p->tmp))
                add(p, out, p->tmp);
    drop(p, &x);
    drop(p, &y);
}

/* ---- calls of the contract's functions ---- */

/* e with each parameter (slots[0..n)) of the function being read replaced
 * by the call's argument; NULL past MAX_INLINED nodes copied. */
static Expr *substituted(Prover *p, const Expr *e, const int *slots, Expr *const *args, int n)
{
    if (e->kind == E_NAME && e->ref == REF_LOCAL)
        for (int i = 0; i < n; i++)
            if (slots[i] == e->ref_index)
                return args[i];
    if (++p->inlined > MAX_INLINED)
        return NULL;
    Arena *arena = &p->m->ast->arena;
    Expr *x = arena_alloc(arena, sizeof *x);
    *x = *e;
    if ((e->a && !(x->a = substituted(p, e->a, slots, args, n))) || (e->b && !(x->b = substituted(p, e->b, slots, args, n))) ||
        (e->c && !(x->c = substituted(p, e->c, slots, args, n))))
        return NULL;
    if (e->nargs > 0) {
        x->args = arena_alloc(arena, sizeof(Expr *) * (size_t)e->nargs);
        for (int i = 0; i < e->nargs; i++)
            if (!(x->args[i] = substituted(p, e->args[i], slots, args, n)))
                return NULL;
    }
    return x;
}

/* `when senior(years, district_years)`: the function's formula, the
 * call's arguments in its parameters' place, read as if written there.  A
 * part of it the prover does not understand is reported as the call,
 * which is what the rule's reader sees. */
static void called(Prover *p, const Expr *call, bool neg, Boxes *out)
{
    const FunctionInfo *info = &p->m->functions[call->ref_index];
    const Expr *body = substituted(p, p->m->ast->functions.v[call->ref_index].body, info->slots, call->args, info->nparams);
    if (!body) {
        unknown(p, call, BEYOND, out);
        return;
    }
    const Expr *before = p->unknown;
    dnf(p, body, neg, out);
    if (!before && p->unknown)
        p->unknown = call;
}

/* The condition e (negated if neg) as a union of boxes added to out. */
static void dnf(Prover *p, const Expr *e, bool neg, Boxes *out)
{
    if (p->over)
        return;
    if (e->kind == E_BOOL) {
        if ((e->num.n != 0) != neg && !p->finding)
            add(p, out, p->full);
        return;
    }
    if (e->kind == E_NOT) {
        dnf(p, e->a, !neg, out);
        return;
    }
    if (e->kind == E_BINARY && (e->op == OPB_AND || e->op == OPB_OR)) {
        if ((e->op == OPB_AND) != neg) {
            conjunction(p, e->a, e->b, neg, out);
        } else {
            dnf(p, e->a, neg, out);
            dnf(p, e->b, neg, out);
        }
        return;
    }
    if (e->kind == E_CALL && e->ref == REF_FUNCTION) {
        called(p, e, neg, out);
        return;
    }
    if (e->kind == E_BINARY && e->op == OPB_NE)
        neg = !neg;
    Boxes yes = {0};
    Why why = atom(p, e, &yes);
    if (why != KNOWN) {
        unknown(p, e, why, out);
    } else if (!neg) {
        add_all(p, out, &yes);
    } else if (!p->finding) {
        Boxes no = {0};
        push(p, &no, p->full);
        take_away(p, &no, &yes);
        add_all(p, out, &no);
        drop(p, &no);
    }
    drop(p, &yes);
}

static void read_rule(Prover *p, const RuleDecl *r, Rule *out)
{
    *out = (Rule){.exact = true};
    if (!r->when) {
        out->upper = everyone(p);
        return;
    }
    p->unknown = NULL;
    p->upper = true;
    dnf(p, r->when, false, &out->upper);
    if (p->over) {
        drop(p, &out->upper);
        *out = (Rule){everyone(p), {0}, false, r->when, p->over};
        if (p->over == TOO_MANY_BOXES)
            p->over = KNOWN; /* its boxes are given back */
        return;
    }
    if (!p->unknown)
        return;
    out->exact = false;
    out->unknown = p->unknown;
    out->why = p->why;
    p->upper = false;
    dnf(p, r->when, false, &out->lower);
    if (p->over == TOO_MANY_BOXES) { /* no one is a lower bound too */
        drop(p, &out->lower);
        p->over = KNOWN;
    }
}

static const Boxes *lower(const Rule *r)
{
    return r->exact ? &r->upper : &r->lower;
}

/* a box of a meeting one of b, with an employee in it, into p->found */
static bool first_meeting(Prover *p, const Boxes *a, const Boxes *b)
{
    for (int x = 0; x < a->n; x++)
        for (int y = 0; y < b->n; y++)
            if (meet(p, box_at(p, a, x), box_at(p, b, y), p->found) && has_witness(p, p->found))
                return true;
    return false;
}

typedef enum { APART, BOTH, MAYBE } Meeting;

static Meeting overlap(Prover *p, const Rule *a, const Rule *b)
{
    if (first_meeting(p, lower(a), lower(b)))
        return BOTH;
    if (a->exact && b->exact)
        return APART;
    return first_meeting(p, &a->upper, &b->upper) ? MAYBE : APART;
}

/* the first box of left with an employee in it, or NULL */
static const Word *someone(Prover *p, const Boxes *left)
{
    for (int k = 0; k < left->n; k++)
        if (has_witness(p, box_at(p, left, k)))
            return box_at(p, left, k);
    return NULL;
}

/* ---- messages ---- */

/* `longevity II` at the start of a rule: where its messages point */
static Span rule_head(const RuleDecl *r)
{
    return (Span){r->component.at.start, r->label.s ? r->label.at.end : r->component.at.end};
}

static const char *rule_name(const Model *m, const ComponentDecl *comp, int i)
{
    const RuleDecl *r = &m->ast->rules.v[comp->rules.v[i]];
    if (r->label.s)
        return arena_printf(&m->ast->arena, "`%s %s`", comp->name.s, r->label.s);
    return arena_printf(&m->ast->arena, "rule %d of `%s`", i + 1, comp->name.s);
}

/* 4096 as "4,096" */
static const char *grouped(Arena *a, long v)
{
    return v < 1000 ? arena_printf(a, "%ld", v) : arena_printf(a, "%s,%03ld", grouped(a, v / 1000), v % 1000);
}

/* "could not decide WHAT: WHY", pointing at e (the part not understood) or
 * at where (past the budget) */
static void undecided(Prover *p, const ComponentDecl *comp, bool strict, const char *what, Why why, const Expr *e, Span where)
{
    Arena *a = &p->m->ast->arena;
    const char *src = "";
    int len = 0;
    if (e && e->at.end <= p->d->len)
        src = p->d->src + e->at.start, len = (int)(e->at.end - e->at.start);
    const char *reason;
    switch (why) {
    case TOO_MANY_DIMS:
        reason = arena_printf(a, "the prover follows at most %d fields and list members in one component, and `%.*s` tests another",
                              MAX_DIMS, len, src);
        break;
    case TOO_MANY_BOXES:
        reason = arena_printf(a, "the conditions of `%s` need more than %s boxes, the prover's limit", comp->name.s, grouped(a, p->box_limit));
        break;
    case TOO_MANY_STEPS:
        reason = arena_printf(a, "the proof needs more than %s steps, the prover's limit", grouped(a, MAX_STEPS));
        break;
    default:
        reason = arena_printf(a, "the prover works with integer, decimal, money, enum and yes/no fields compared with constants, and `%.*s` is beyond it",
                              len, src);
        break;
    }
    Span at = why == TOO_MANY_DIMS || why == BEYOND ? e->at : where;
    if (strict)
        diag_error(p->d, at, "could not decide %s: %s", what, reason);
    else
        diag_warning(p->d, at, "could not decide %s: %s", what, reason);
}

/* Whether what makes rule u undecided was said: once for each part not
 * understood, once for the budget (told[n]). */
static bool *told_of(const ComponentDecl *comp, const Rule *rules, bool *told, int u)
{
    return rules[u].why == TOO_MANY_BOXES ? &told[comp->rules.n] : &told[u];
}

/* an undecided question about rule u, unless said already; what is made
 * only when said, since a budget spent can leave millions of pairs */
static void undecided_rule(Prover *p, const ComponentDecl *comp, bool strict, const Rule *rules, bool *told, int u, int i, int j)
{
    bool *said = told_of(comp, rules, told, u);
    if (*said)
        return;
    *said = true;
    const Model *m = p->m;
    const char *what = j < 0 ? arena_printf(&m->ast->arena, "whether some rule of `%s` always applies", comp->name.s)
                             : arena_printf(&m->ast->arena, "whether rules %s and %s can both apply", rule_name(m, comp, i), rule_name(m, comp, j));
    undecided(p, comp, strict, what, rules[u].why, rules[u].unknown, rules[u].unknown->at);
}

enum { MAX_REPORTS = 10 };

static void overlaps(Prover *p, const ComponentDecl *comp, const Rule *rules, bool *told, bool strict)
{
    const Model *m = p->m;
    Arena *a = &m->ast->arena;
    int n = comp->rules.n, reports = 0;
    const char *policy = comp->policy == POLICY_AT_MOST_ONE ? "allows at most one" : "requires exactly one";
    for (int i = 0; i < n && reports < MAX_REPORTS && !p->over; i++)
        for (int j = i + 1; j < n && reports < MAX_REPORTS && !p->over; j++) {
            Meeting both = overlap(p, &rules[i], &rules[j]);
            if (both == BOTH) {
                diag_error(p->d, rule_head(&m->ast->rules.v[comp->rules.v[j]]), "rules %s and %s can both apply, but `%s` %s",
                           rule_name(m, comp, i), rule_name(m, comp, j), comp->name.s, policy);
                diag_note(p->d, rule_head(&m->ast->rules.v[comp->rules.v[i]]), "for example, %s", witness(p, p->found));
                reports++;
            } else if (both == MAYBE) {
                int u = !rules[i].exact && (!*told_of(comp, rules, told, i) || rules[j].exact) ? i : j;
                undecided_rule(p, comp, strict, rules, told, u, i, j);
            }
        }
    if (p->over)
        undecided(p, comp, strict, arena_printf(a, "whether two rules of `%s` can both apply", comp->name.s), p->over, NULL, comp->policy_at);
}

/* everyone, less each rule's upper (or lower) bound */
static void uncovered(Prover *p, const Rule *rules, int n, bool upper, Boxes *left)
{
    push(p, left, p->full);
    for (int i = 0; i < n && left->n > 0 && !p->over; i++)
        take_away(p, left, upper ? &rules[i].upper : lower(&rules[i]));
}

static void gaps(Prover *p, const ComponentDecl *comp, const Rule *rules, bool *told, bool strict)
{
    int n = comp->rules.n;
    Boxes left = {0};
    uncovered(p, rules, n, true, &left);
    const Word *gap = p->over ? NULL : someone(p, &left);
    if (gap) {
        diag_error(p->d, comp->policy_at, "no rule of `%s` applies to some employees, but it requires exactly one", comp->name.s);
        diag_note(p->d, comp->policy_at, "for example, %s", witness(p, gap));
    }
    drop(p, &left);
    int u = 0; /* the first rule that is not exact */
    while (u < n && rules[u].exact)
        u++;
    if (!gap && !p->over && u < n) {
        uncovered(p, rules, n, false, &left);
        bool covered = !p->over && !someone(p, &left);
        drop(p, &left);
        while (!covered && !p->over && u < n && (rules[u].exact || *told_of(comp, rules, told, u)))
            u++;
        if (!covered && !p->over && u < n)
            undecided_rule(p, comp, strict, rules, told, u, u, -1);
    }
    if (p->over)
        undecided(p, comp, strict, arena_printf(&p->m->ast->arena, "whether some rule of `%s` always applies", comp->name.s), p->over,
                  NULL, comp->policy_at);
}

static void prove(Prover *p, const ComponentDecl *comp, bool strict)
{
    const Model *m = p->m;
    int n = comp->rules.n;
    Boxes none = {0};
    p->finding = true;
    for (int i = 0; i < n; i++)
        if (m->ast->rules.v[comp->rules.v[i]].when)
            dnf(p, m->ast->rules.v[comp->rules.v[i]].when, false, &none);
    p->finding = false;
    lay_out(p);
    Rule *rules = xcalloc((size_t)n + 1, sizeof *rules);
    bool *told = xcalloc((size_t)n + 1, sizeof *told); /* see told_of */
    for (int i = 0; i < n && !p->over; i++)
        read_rule(p, &m->ast->rules.v[comp->rules.v[i]], &rules[i]);
    overlaps(p, comp, rules, told, strict);
    if (comp->policy == POLICY_EXACTLY_ONE && !p->over)
        gaps(p, comp, rules, told, strict);
    for (int i = 0; i < n; i++) {
        drop(p, &rules[i].upper);
        drop(p, &rules[i].lower);
    }
    free(rules);
    free(told);
    free(p->full);
}

void prove_components(const Model *m, Diags *d, bool strict)
{
    for (int c = 0; c < m->ast->components.n; c++) {
        const ComponentDecl *comp = &m->ast->components.v[c];
        if (comp->policy == POLICY_ANY)
            continue;
        Prover p = {.m = m, .d = d};
        prove(&p, comp, strict);
    }
}

/* ---- lookups of N/A cells ----
 *
 * A lookup `salary[step, lane]` is computed for everyone its definition
 * is, less those the conditions around it leave out: a rule's `when`, the
 * `if` of the branch it is in, the left side of an `and` or `or`.  The
 * employees it can reach are those conditions' boxes; an N/A cell is
 * reached when its box (the keys that read it: a run of rows, clamped
 * ones included, a column, a grid) meets one of them with an employee in
 * it.  Only a meeting the prover is sure of is reported, once for each
 * lookup, naming the cells; where a key is no field or a condition is not
 * understood, it says nothing, and evaluation still stops at the cell. */

/* a condition a lookup sits under: it holds (neg false) or fails */
typedef struct {
    const Expr *cond;
    bool neg;
} Guard;

enum { MAX_GUARDS = 16, MAX_NA_NAMES = 6 };

typedef struct {
    const Model *m;
    Diags *d;
    bool strict;
    Guard guards[MAX_GUARDS];
    int nguards;
    bool deep;          /* more conditions than MAX_GUARDS: nothing is said */
} NaWalk;

/* The boxes of everyone who passes every guard: read as an upper bound
 * (parts not understood hold) or a lower one; false if a part was not
 * understood. */
static bool guarded(Prover *p, const NaWalk *w, bool upper, Boxes *out)
{
    push(p, out, p->full);
    p->unknown = NULL;
    p->upper = upper;
    for (int g = 0; g < w->nguards && !p->over; g++) {
        Boxes these = {0}, next = {0};
        dnf(p, w->guards[g].cond, w->guards[g].neg, &these);
        for (int i = 0; i < out->n && !p->over; i++)
            for (int j = 0; j < these.n && !p->over; j++)
                if (meet(p, box_at(p, out, i), box_at(p, &these, j), p->tmp))
                    add(p, &next, p->tmp);
        drop(p, &these);
        drop(p, out);
        *out = next;
    }
    return !p->unknown;
}

/* A key of a lookup: a field's dimension, a constant, or neither. */
typedef struct {
    int dim;            /* -1: not a field the prover follows */
    bool constant;
    int64_t value;      /* a constant's: an integer, or a member's index */
} Key;

static Key read_key(Prover *p, const Expr *e)
{
    Key k = {.dim = -1};
    if (is_field(e) && (e->type.kind == TY_INTEGER || e->type.kind == TY_ENUM))
        k.dim = dim_of(p, e->ref_index, -1);
    else if (e->kind == E_INT)
        k.constant = true, k.value = e->num.n;
    else if (is_member(e))
        k.constant = true, k.value = e->ref_index;
    return k;
}

/* Limits box's key k to the integers lo..hi, or to the members lo..hi;
 * false if no one is left (a constant key outside them). */
static bool limit_key(Prover *p, Word *box, const Key *k, int64_t lo, int64_t hi)
{
    if (k->constant)
        return lo <= k->value && k->value <= hi;
    if (k->dim < 0)
        return true;
    if (p->dims[k->dim].kind == DIM_NUM) {
        Interval *x = iv(p, box, k->dim), r = {rat_int(lo), rat_int(hi), false, false};
        *x = interval_meet(x, &r);
        make_whole(x);
        return !interval_empty(x);
    }
    Word *set = box + p->dims[k->dim].at;
    for (int m = 0; m < p->dims[k->dim].count; m++)
        if (m < lo || m > hi)
            set[m / 64] &= ~((Word)1 << (m % 64));
    return !range_empty(p, box, k->dim);
}

/* The years (bit y) in which schedule si's cell is N/A. */
static uint64_t na_years(const Model *m, const ScheduleInfo *si, int grid, int row, int col)
{
    size_t per_year = (size_t)si->nrows * (size_t)si->ncols * (size_t)si->ngrids;
    size_t at = ((size_t)grid * (size_t)si->nrows + (size_t)row) * (size_t)si->ncols + (size_t)col;
    uint64_t years = 0;
    for (int y = 0; y < m->nyears && y < 64; y++)
        if (si->cells[per_year * (size_t)y + at].na)
            years |= (uint64_t)1 << y;
    return years;
}

/* salary[1..2, MA30] in "2024-25", or extended_pay for M11[1..5, DOC] */
static const char *na_cells_text(const Model *m, int s, int grid, int r0, int r1, int col, uint64_t years)
{
    Arena *a = &m->ast->arena;
    const ScheduleInfo *si = &m->schedules[s];
    const char *rows;
    if (si->row_enum) {
        const EnumDef *e = &m->enums[si->row_enum_id];
        rows = e->members[si->row_keys[r0]]; /* one member: r1 is r0 */
    } else {
        rows = r1 > r0 ? arena_printf(a, "%lld..%lld", (long long)si->row_keys[r0], (long long)si->row_keys[r1])
                       : arena_printf(a, "%lld", (long long)si->row_keys[r0]);
    }
    const char *in = "";
    uint64_t every = m->nyears >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << m->nyears) - 1;
    for (int y = 0; years != every && y < m->nyears && y < 64; y++)
        if (years >> y & 1)
            in = arena_printf(a, "%s%s\"%s\"", in, *in ? ", " : " (in ", m->ast->years.v[y].s);
    if (*in)
        in = arena_printf(a, "%s)", in);
    const char *name = m->ast->schedules.v[s].name.s;
    if (si->grid_enum_id >= 0)
        name = arena_printf(a, "%s for %s", name, m->enums[si->grid_enum_id].members[grid]);
    return arena_printf(a, "%s[%s, %s]%s", name, rows, m->enums[si->col_enum_id].members[col], in);
}

/* Whether the N/A cells of rows r0..r1 (column col, grid) can be reached
 * by someone in the boxes of reach; the first such employee into p->found. */
static bool na_reached(Prover *p, const ScheduleDecl *sd, const ScheduleInfo *si, const Key *keys, const Boxes *reach, int grid, int r0, int r1, int col)
{
    bool num = !si->row_enum;
    int64_t lo = si->row_keys[r0], hi = si->row_keys[r1];
    if (num && sd->clamp && r0 == 0)
        lo = -RAT_LIMIT;
    if (num && sd->clamp && r1 == si->nrows - 1)
        hi = RAT_LIMIT;
    memcpy(p->rest, p->full, sizeof(Word) * (size_t)p->words);
    if (!limit_key(p, p->rest, &keys[0], lo, hi) || !limit_key(p, p->rest, &keys[1], col, col) ||
        (si->grid_enum_id >= 0 && !limit_key(p, p->rest, &keys[2], grid, grid)))
        return false;
    for (int i = 0; i < reach->n && !p->over; i++)
        if (meet(p, box_at(p, reach, i), p->rest, p->found) && has_witness(p, p->found))
            return true;
    return false;
}

static bool any_na(const ScheduleInfo *si, int nyears)
{
    size_t all = (size_t)si->nrows * (size_t)si->ncols * (size_t)si->ngrids * (size_t)nyears;
    for (size_t i = 0; si->cells && i < all; i++)
        if (si->cells[i].na)
            return true;
    return false;
}

/* The lookup e, under w's guards: a warning naming the N/A cells it is
 * sure to reach for someone, with the first such employee. */
static void na_lookup(const NaWalk *w, const Expr *e)
{
    const Model *m = w->m;
    const ScheduleInfo *si = &m->schedules[e->ref_index];
    const ScheduleDecl *sd = &m->ast->schedules.v[e->ref_index];
    if (w->deep || !any_na(si, m->nyears) || e->nargs != (si->grid_enum_id >= 0 ? 3 : 2))
        return;
    Prover p = {.m = m, .d = w->d};
    Boxes none = {0}, reach = {0};
    p.finding = true;
    for (int g = 0; g < w->nguards; g++)
        dnf(&p, w->guards[g].cond, w->guards[g].neg, &none);
    Key keys[3];
    for (int i = 0; i < e->nargs; i++)
        keys[i] = read_key(&p, e->args[i]);
    p.finding = false;
    lay_out(&p);
    guarded(&p, w, false, &reach); /* where a part is not understood, no one: those reached surely are */
    bool sure = true;
    for (int i = 0; i < e->nargs; i++)
        sure &= keys[i].constant || keys[i].dim >= 0;
    Arena *a = &m->ast->arena;
    const char *names = "", *example = NULL;
    int named = 0, more = 0, cells = 0;
    for (int grid = 0; sure && grid < si->ngrids; grid++)
        for (int col = 0; col < si->ncols; col++)
            for (int r0 = 0; r0 < si->nrows && !p.over; r0++) {
                uint64_t years = na_years(m, si, grid, r0, col);
                int r1 = r0;
                while (years && !si->row_enum && r1 + 1 < si->nrows && na_years(m, si, grid, r1 + 1, col) == years)
                    r1++;
                if (years && na_reached(&p, sd, si, keys, &reach, grid, r0, r1, col)) {
                    if (!example)
                        example = witness(&p, p.found);
                    if (named < MAX_NA_NAMES)
                        names = arena_printf(a, "%s%s%s", names, named ? ", " : "", na_cells_text(m, e->ref_index, grid, r0, r1, col, years));
                    else
                        more++;
                    named++;
                    cells += r1 - r0 + 1;
                }
                r0 = r1;
            }
    if (example && !p.over) {
        const char *text = arena_printf(a, "`%.*s` can look up %s N/A: %s%s", (int)(e->at.end - e->at.start),
                                        w->d->src && e->at.end <= w->d->len ? w->d->src + e->at.start : sd->name.s,
                                        cells > 1 ? "cells that are" : "a cell that is", names,
                                        more ? arena_printf(a, " and %d more", more) : "");
        if (w->strict)
            diag_error(w->d, e->at, "%s (--strict)", text);
        else
            diag_warning(w->d, e->at, "%s", text);
        diag_note(w->d, e->at, "for example, %s", example);
    }
    drop(&p, &reach);
    free(p.full);
}

static void na_walk(NaWalk *w, const Expr *e);

/* e, computed only when cond holds (or fails, if neg) */
static void na_walk_under(NaWalk *w, const Expr *cond, bool neg, const Expr *e)
{
    if (w->nguards == MAX_GUARDS) {
        bool deep = w->deep;
        w->deep = true;
        na_walk(w, e);
        w->deep = deep;
        return;
    }
    w->guards[w->nguards++] = (Guard){cond, neg};
    na_walk(w, e);
    w->nguards--;
}

static void na_walk(NaWalk *w, const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case E_IF:
        na_walk(w, e->a);
        na_walk_under(w, e->a, false, e->b);
        na_walk_under(w, e->a, true, e->c);
        return;
    case E_BINARY:
        na_walk(w, e->a);
        if (e->op == OPB_AND || e->op == OPB_OR)
            na_walk_under(w, e->a, e->op == OPB_OR, e->b);
        else
            na_walk(w, e->b);
        return;
    case E_COMPREH:
        na_walk(w, e->b);
        if (e->c)
            na_walk(w, e->c), na_walk_under(w, e->c, false, e->a);
        else
            na_walk(w, e->a);
        return;
    case E_INDEX:
        if (e->ref == REF_SCHEDULE)
            na_lookup(w, e);
        break;
    default:
        break;
    }
    na_walk(w, e->a);
    na_walk(w, e->b);
    na_walk(w, e->c);
    for (int i = 0; i < e->nargs; i++)
        na_walk(w, e->args[i]);
}

void prove_lookups(const Model *m, Diags *d, bool strict)
{
    const Contract *c = m->ast;
    NaWalk w = {.m = m, .d = d, .strict = strict};
    for (int i = 0; i < c->defs.n; i++)
        na_walk(&w, c->defs.v[i].expr);
    for (int i = 0; i < c->rules.n; i++) {
        const RuleDecl *r = &c->rules.v[i];
        na_walk(&w, r->when);
        if (r->when)
            na_walk_under(&w, r->when, false, r->amount);
        else
            na_walk(&w, r->amount);
    }
}
