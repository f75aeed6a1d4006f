/* prove.c: the proofs behind `at most one` and `exactly one`.
 *
 * Each rule's condition becomes a union of boxes: a box constrains each
 * field it mentions to an integer interval, a set of enum members, or a
 * set of yes/no values (a list field's "has member m" is a yes/no of its
 * own).  Two rules overlap when a box of one meets a box of the other;
 * the rules cover everyone when subtracting every rule's boxes from the
 * box of all employees leaves nothing.  Whatever is left, or the
 * meeting, is a concrete employee to show.  A condition beyond these
 * shapes (decimals, arithmetic, definitions) is reported as undecided,
 * never passed over in silence.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_DIMS = 32, MAX_BOXES = 4096 };

typedef enum { DIM_INT, DIM_ENUM, DIM_BOOL, DIM_HAS } DimKind;

typedef struct {
    DimKind kind;
    int field;
    int member;          /* DIM_HAS: the member the list has or lacks */
} Dim;

typedef struct {
    int64_t lo, hi;      /* DIM_INT, inclusive; INT64_MIN / INT64_MAX for unbounded */
    uint64_t set;        /* DIM_ENUM: members; DIM_BOOL, DIM_HAS: bit 0 no, bit 1 yes */
} Range;

typedef struct {
    Range r[MAX_DIMS];
} Box;

typedef struct {
    Box *v;
    int n, cap;
    bool overflow;
} Boxes;

typedef struct {
    const Model *m;
    Diags *d;
    Dim dims[MAX_DIMS];
    int ndims;
    Box full;
    const Expr *beyond;  /* the part of a condition the prover cannot handle */
} Prover;

static void push(Boxes *b, const Box *x)
{
    if (b->n == MAX_BOXES) {
        b->overflow = true;
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 8;
        b->v = realloc(b->v, sizeof(Box) * (size_t)b->cap);
        if (!b->v)
            abort();
    }
    b->v[b->n++] = *x;
}

static bool empty_range(const Dim *d, const Range *r)
{
    return d->kind == DIM_INT ? r->lo > r->hi : r->set == 0;
}

static bool meet(const Prover *p, const Box *a, const Box *b, Box *out)
{
    for (int i = 0; i < p->ndims; i++) {
        Range r = a->r[i];
        if (p->dims[i].kind == DIM_INT) {
            r.lo = a->r[i].lo > b->r[i].lo ? a->r[i].lo : b->r[i].lo;
            r.hi = a->r[i].hi < b->r[i].hi ? a->r[i].hi : b->r[i].hi;
        } else {
            r.set &= b->r[i].set;
        }
        if (empty_range(&p->dims[i], &r))
            return false;
        out->r[i] = r;
    }
    return true;
}

static int dim_of(Prover *p, DimKind kind, int field, int member)
{
    for (int i = 0; i < p->ndims; i++)
        if (p->dims[i].kind == kind && p->dims[i].field == field && p->dims[i].member == member)
            return i;
    if (p->ndims == MAX_DIMS)
        return -1;
    int i = p->ndims++;
    p->dims[i] = (Dim){kind, field, member};
    Range *r = &p->full.r[i];
    const FieldDef *f = &p->m->fields[field];
    if (kind == DIM_INT) {
        r->lo = f->has_range ? f->lo : INT64_MIN;
        r->hi = f->has_range ? f->hi : INT64_MAX;
    } else if (kind == DIM_ENUM) {
        int count = p->m->enums[f->type.enum_id].count;
        r->set = count == 64 ? ~(uint64_t)0 : ((uint64_t)1 << count) - 1;
    } else {
        r->set = 3;
    }
    return i;
}

/* One box: everyone, but dimension dim limited to r. */
static void one(const Prover *p, int dim, Range r, Boxes *out)
{
    Box b = p->full;
    b.r[dim] = r;
    if (!empty_range(&p->dims[dim], &r))
        push(out, &b);
}

static bool int_const(const Expr *e, int64_t *v)
{
    if (e->kind == E_INT) {
        *v = e->num.n;
        return true;
    }
    if (e->kind == E_NEG && e->a->kind == E_INT) {
        *v = -e->a->num.n;
        return true;
    }
    return false;
}

static bool is_field(const Expr *e, TypeKind kind)
{
    return e->kind == E_NAME && e->ref == REF_FIELD && e->type.kind == kind;
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

static BinOp negate(BinOp op)
{
    switch (op) {
    case OPB_EQ: return OPB_NE;
    case OPB_NE: return OPB_EQ;
    case OPB_LT: return OPB_GE;
    case OPB_LE: return OPB_GT;
    case OPB_GT: return OPB_LE;
    default: return OPB_LT;
    }
}

static void int_atom(Prover *p, int dim, BinOp op, int64_t v, Boxes *out)
{
    const int64_t MIN = INT64_MIN, MAX = INT64_MAX;
    switch (op) {
    case OPB_EQ: one(p, dim, (Range){v, v, 0}, out); break;
    case OPB_NE:
        if (v > MIN)
            one(p, dim, (Range){MIN, v - 1, 0}, out);
        if (v < MAX)
            one(p, dim, (Range){v + 1, MAX, 0}, out);
        break;
    case OPB_LT: if (v > MIN) one(p, dim, (Range){MIN, v - 1, 0}, out); break;
    case OPB_LE: one(p, dim, (Range){MIN, v, 0}, out); break;
    case OPB_GT: if (v < MAX) one(p, dim, (Range){v + 1, MAX, 0}, out); break;
    default: one(p, dim, (Range){v, MAX, 0}, out); break;
    }
    /* keep each box within the field's own range */
    for (int i = 0; i < out->n; i++) {
        Range *r = &out->v[i].r[dim];
        if (r->lo < p->full.r[dim].lo)
            r->lo = p->full.r[dim].lo;
        if (r->hi > p->full.r[dim].hi)
            r->hi = p->full.r[dim].hi;
    }
}

static bool dnf(Prover *p, const Expr *e, bool neg, Boxes *out);

/* and: every box of one side met with every box of the other */
static bool conjunction(Prover *p, const Expr *a, const Expr *b, bool neg, Boxes *out)
{
    Boxes x = {0}, y = {0};
    bool ok = dnf(p, a, neg, &x) && dnf(p, b, neg, &y);
    for (int i = 0; ok && i < x.n; i++)
        for (int j = 0; j < y.n; j++) {
            Box m;
            if (meet(p, &x.v[i], &y.v[j], &m))
                push(out, &m);
        }
    out->overflow |= x.overflow || y.overflow;
    free(x.v);
    free(y.v);
    return ok;
}

static bool disjunction(Prover *p, const Expr *a, const Expr *b, bool neg, Boxes *out)
{
    return dnf(p, a, neg, out) && dnf(p, b, neg, out);
}

/* The condition e (negated if neg) as a union of boxes; false if it is
 * beyond the prover, with p->beyond set to the part that is. */
static bool dnf(Prover *p, const Expr *e, bool neg, Boxes *out)
{
    switch (e->kind) {
    case E_BOOL:
        if ((e->num.n != 0) != neg)
            push(out, &p->full);
        return true;
    case E_NOT:
        return dnf(p, e->a, !neg, out);
    case E_NAME:
        if (is_field(e, TY_BOOL)) {
            int dim = dim_of(p, DIM_BOOL, e->ref_index, 0);
            if (dim < 0)
                break;
            one(p, dim, (Range){0, 0, neg ? 1 : 2}, out);
            return true;
        }
        break;
    case E_BINARY: {
        if (e->op == OPB_AND)
            return neg ? disjunction(p, e->a, e->b, true, out) : conjunction(p, e->a, e->b, false, out);
        if (e->op == OPB_OR)
            return neg ? conjunction(p, e->a, e->b, true, out) : disjunction(p, e->a, e->b, false, out);
        if (e->op < OPB_EQ)
            break;
        BinOp op = neg ? negate(e->op) : e->op;
        const Expr *field = e->a, *value = e->b;
        if (field->kind != E_NAME || field->ref != REF_FIELD) {
            field = e->b;
            value = e->a;
            op = flip(op);
        }
        if (field->kind != E_NAME || field->ref != REF_FIELD)
            break;
        int64_t v;
        if (field->type.kind == TY_INTEGER && int_const(value, &v)) {
            int dim = dim_of(p, DIM_INT, field->ref_index, 0);
            if (dim < 0)
                break;
            int_atom(p, dim, op, v, out);
            return true;
        }
        if ((op == OPB_EQ || op == OPB_NE) && field->type.kind == TY_ENUM && value->kind == E_NAME && value->ref == REF_MEMBER) {
            int dim = dim_of(p, DIM_ENUM, field->ref_index, 0);
            if (dim < 0)
                break;
            uint64_t bit = (uint64_t)1 << value->ref_index;
            one(p, dim, (Range){0, 0, op == OPB_EQ ? bit : p->full.r[dim].set & ~bit}, out);
            return true;
        }
        if ((op == OPB_EQ || op == OPB_NE) && field->type.kind == TY_BOOL && value->kind == E_BOOL) {
            int dim = dim_of(p, DIM_BOOL, field->ref_index, 0);
            if (dim < 0)
                break;
            bool yes = (value->num.n != 0) == (op == OPB_EQ);
            one(p, dim, (Range){0, 0, yes ? 2 : 1}, out);
            return true;
        }
        break;
    }
    case E_IN_RANGE: {
        int64_t lo, hi;
        if (!is_field(e->a, TY_INTEGER) || !int_const(e->b, &lo) || !int_const(e->c, &hi))
            break;
        int dim = dim_of(p, DIM_INT, e->a->ref_index, 0);
        if (dim < 0)
            break;
        if (!neg) {
            Boxes tmp = {0};
            int_atom(p, dim, OPB_GE, lo, &tmp);
            for (int i = 0; i < tmp.n; i++) {
                Range *r = &tmp.v[i].r[dim];
                if (r->hi > hi)
                    r->hi = hi;
                if (r->lo <= r->hi)
                    push(out, &tmp.v[i]);
            }
            free(tmp.v);
        } else {
            int_atom(p, dim, OPB_LT, lo, out);
            int_atom(p, dim, OPB_GT, hi, out);
        }
        return true;
    }
    case E_IN:
        if (e->b->kind == E_SET && is_field(e->a, TY_ENUM)) {
            int dim = dim_of(p, DIM_ENUM, e->a->ref_index, 0);
            if (dim < 0)
                break;
            uint64_t set = 0;
            for (int i = 0; i < e->b->nargs; i++) {
                if (e->b->args[i]->kind != E_NAME || e->b->args[i]->ref != REF_MEMBER)
                    return p->beyond = e->b->args[i], false;
                set |= (uint64_t)1 << e->b->args[i]->ref_index;
            }
            one(p, dim, (Range){0, 0, neg ? p->full.r[dim].set & ~set : set}, out);
            return true;
        }
        if (e->b->kind == E_SET && is_field(e->a, TY_INTEGER)) {
            /* x in [1, 3]: x = 1 or x = 3; negated: x != 1 and x != 3 */
            int dim = dim_of(p, DIM_INT, e->a->ref_index, 0);
            if (dim < 0)
                break;
            Boxes acc = {0};
            if (neg)
                push(&acc, &p->full);
            for (int i = 0; i < e->b->nargs; i++) {
                int64_t v;
                if (!int_const(e->b->args[i], &v)) {
                    free(acc.v);
                    return p->beyond = e->b->args[i], false;
                }
                if (!neg) {
                    int_atom(p, dim, OPB_EQ, v, out);
                    continue;
                }
                Boxes ne = {0}, next = {0};
                int_atom(p, dim, OPB_NE, v, &ne);
                for (int a = 0; a < acc.n; a++)
                    for (int b = 0; b < ne.n; b++) {
                        Box m;
                        if (meet(p, &acc.v[a], &ne.v[b], &m))
                            push(&next, &m);
                    }
                free(acc.v);
                free(ne.v);
                acc = next;
            }
            for (int i = 0; i < acc.n; i++)
                push(out, &acc.v[i]);
            free(acc.v);
            return true;
        }
        if (e->a->kind == E_NAME && e->a->ref == REF_MEMBER && is_field(e->b, TY_LIST)) {
            int dim = dim_of(p, DIM_HAS, e->b->ref_index, e->a->ref_index);
            if (dim < 0)
                break;
            one(p, dim, (Range){0, 0, neg ? 1 : 2}, out);
            return true;
        }
        break;
    default:
        break;
    }
    p->beyond = e;
    return false;
}

/* Boxes of a rule; false if undecided. */
static bool rule_boxes(Prover *p, const RuleDecl *r, Boxes *out)
{
    if (!r->when) {
        push(out, &p->full);
        return true;
    }
    p->beyond = NULL;
    bool ok = dnf(p, r->when, false, out);
    if (ok && out->overflow) {
        p->beyond = r->when;
        ok = false;
    }
    return ok;
}

/* a - b, as boxes appended to out */
static void subtract(const Prover *p, const Box *a, const Box *b, Boxes *out)
{
    Box meet_box;
    if (!meet(p, a, b, &meet_box)) {
        push(out, a);
        return;
    }
    Box rest = *a;
    for (int i = 0; i < p->ndims; i++) {
        Range ar = rest.r[i], br = b->r[i];
        if (p->dims[i].kind == DIM_INT) {
            if (ar.lo < br.lo) {
                Box piece = rest;
                piece.r[i].hi = br.lo - 1;
                push(out, &piece);
            }
            if (ar.hi > br.hi) {
                Box piece = rest;
                piece.r[i].lo = br.hi + 1;
                push(out, &piece);
            }
            rest.r[i].lo = ar.lo > br.lo ? ar.lo : br.lo;
            rest.r[i].hi = ar.hi < br.hi ? ar.hi : br.hi;
        } else {
            uint64_t outside = ar.set & ~br.set;
            if (outside) {
                Box piece = rest;
                piece.r[i].set = outside;
                push(out, &piece);
            }
            rest.r[i].set = ar.set & br.set;
        }
    }
}

/* "years = 14, district_years = 10" for the parts of box that are limited */
static const char *witness(const Prover *p, const Box *b)
{
    Arena *arena = &p->m->ast->arena;
    const char *text = "";
    for (int i = 0; i < p->ndims; i++) {
        const Dim *d = &p->dims[i];
        const Range *r = &b->r[i], *full = &p->full.r[i];
        const FieldDef *f = &p->m->fields[d->field];
        const char *part = NULL;
        if (d->kind == DIM_INT && (r->lo != full->lo || r->hi != full->hi)) {
            int64_t v = r->lo != INT64_MIN ? r->lo : r->hi;
            part = arena_printf(arena, "%s = %lld", f->name, (long long)v);
        } else if (d->kind == DIM_ENUM && r->set != full->set) {
            int m = 0;
            while (!(r->set >> m & 1))
                m++;
            part = arena_printf(arena, "%s = %s", f->name, p->m->enums[f->type.enum_id].members[m]);
        } else if (d->kind == DIM_BOOL && r->set != full->set) {
            part = arena_printf(arena, "%s = %s", f->name, r->set & 2 ? "yes" : "no");
        } else if (d->kind == DIM_HAS && r->set != full->set) {
            part = arena_printf(arena, "%s %s %s", f->name, r->set & 2 ? "includes" : "lacks",
                                p->m->enums[f->type.enum_id].members[d->member]);
        }
        if (part)
            text = *text ? arena_printf(arena, "%s, %s", text, part) : part;
    }
    return *text ? arena_printf(arena, "an employee with %s", text) : "any employee";
}

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

static void undecided(Prover *p, bool strict, const Expr *e, const char *what)
{
    int len = (int)(e->at.end - e->at.start);
    const char *src = p->d->src + e->at.start;
    if (e->at.end > p->d->len)
        len = 0, src = "";
    const char *msg = "could not decide %s: the prover works with integer, enum and yes/no fields compared with constants, and `%.*s` is beyond it";
    if (strict)
        diag_error(p->d, e->at, msg, what, len, src);
    else
        diag_warning(p->d, e->at, msg, what, len, src);
}

enum { MAX_REPORTS = 10 };

static void prove(Prover *p, const ComponentDecl *comp, bool strict)
{
    const Model *m = p->m;
    int n = comp->rules.n;
    Boxes *boxes = calloc((size_t)n + 1, sizeof *boxes);
    bool *decided = calloc((size_t)n + 1, sizeof(bool));
    const Expr **beyond = calloc((size_t)n + 1, sizeof *beyond);
    if (!boxes || !decided || !beyond)
        abort();
    /* a first pass only finds the dimensions, so that every box made in
     * the second spans all of them */
    for (int i = 0; i < n; i++) {
        Boxes scratch = {0};
        rule_boxes(p, &m->ast->rules.v[comp->rules.v[i]], &scratch);
        free(scratch.v);
    }
    for (int i = 0; i < n; i++) {
        decided[i] = rule_boxes(p, &m->ast->rules.v[comp->rules.v[i]], &boxes[i]);
        beyond[i] = p->beyond;
    }
    const char *policy = comp->policy == POLICY_AT_MOST_ONE ? "allows at most one" : "requires exactly one";
    int reports = 0;
    bool *told = calloc((size_t)n + 1, sizeof(bool));
    for (int i = 0; i < n && reports < MAX_REPORTS; i++)
        for (int j = i + 1; j < n && reports < MAX_REPORTS; j++) {
            const RuleDecl *a = &m->ast->rules.v[comp->rules.v[i]], *b = &m->ast->rules.v[comp->rules.v[j]];
            if (!decided[i] || !decided[j]) {
                int u = !decided[i] ? i : j;
                if (!told[u]) {
                    told[u] = true;
                    undecided(p, strict, beyond[u],
                              arena_printf(&m->ast->arena, "whether rules %s and %s can both apply", rule_name(m, comp, i), rule_name(m, comp, j)));
                }
                continue;
            }
            Box both;
            bool found = false;
            for (int x = 0; x < boxes[i].n && !found; x++)
                for (int y = 0; y < boxes[j].n && !found; y++)
                    found = meet(p, &boxes[i].v[x], &boxes[j].v[y], &both);
            if (found) {
                diag_error(p->d, rule_head(b), "rules %s and %s can both apply, but `%s` %s", rule_name(m, comp, i), rule_name(m, comp, j),
                           comp->name.s, policy);
                diag_note(p->d, rule_head(a), "for example, %s", witness(p, &both));
                reports++;
            }
        }
    if (comp->policy == POLICY_EXACTLY_ONE) {
        bool all = true;
        for (int i = 0; i < n; i++)
            all &= decided[i];
        if (!all) {
            int u = 0;
            while (decided[u])
                u++;
            if (!told[u])
                undecided(p, strict, beyond[u], arena_printf(&m->ast->arena, "whether some rule of `%s` always applies", comp->name.s));
        } else {
            Boxes left = {0};
            push(&left, &p->full);
            for (int i = 0; i < n && left.n > 0 && !left.overflow; i++)
                for (int x = 0; x < boxes[i].n && left.n > 0 && !left.overflow; x++) {
                    Boxes next = {0};
                    for (int k = 0; k < left.n; k++)
                        subtract(p, &left.v[k], &boxes[i].v[x], &next);
                    free(left.v);
                    left = next;
                }
            if (left.overflow) {
                undecided(p, strict, m->ast->rules.v[comp->rules.v[0]].when ? m->ast->rules.v[comp->rules.v[0]].when : m->ast->rules.v[comp->rules.v[0]].amount,
                          arena_printf(&m->ast->arena, "whether some rule of `%s` always applies (too many cases)", comp->name.s));
            } else if (left.n > 0) {
                diag_error(p->d, comp->policy_at, "no rule of `%s` applies to some employees, but it requires exactly one", comp->name.s);
                diag_note(p->d, comp->policy_at, "for example, %s", witness(p, &left.v[0]));
            }
            free(left.v);
        }
    }
    for (int i = 0; i < n; i++)
        free(boxes[i].v);
    free(boxes);
    free(decided);
    free(beyond);
    free(told);
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
