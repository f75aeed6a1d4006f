/* derive.c: derived schedule years, base blocks and `check` lines.  See
 * derive.h. */
#include "derive.h"

#include <string.h>

#include "checker.h"
#include "fmt.h"
#include "format.h"

/* What a rate, a derived column or a check is worked out in: a year, the
 * params (with any overrides), a row's cells and the row above's. */
typedef struct {
    const Model *m;
    int year;
    const Override *ov;
    int nov;
    const Figure *row;    /* the row's cells, for column names */
    const Figure *above;  /* the row above's, for `above` */
    int col;              /* the column `cell` and `above` stand for */
} Scope;

/* In a check, `cell` and `above` resolve to REF_LOCAL with these. */
enum { NAME_CELL, NAME_ABOVE };

static Figure param_value(const Scope *sc, int p)
{
    for (int i = sc->nov - 1; i >= 0; i--)
        if (sc->ov[i].param == p)
            return (Figure){.v = sc->ov[i].years ? sc->ov[i].years[sc->year] : sc->ov[i].value, .blank = false};
    return sc->m->params[p].values[sc->year];
}

static bool holds(int cmp, BinOp op)
{
    switch (op) {
    case OPB_EQ: return cmp == 0;
    case OPB_NE: return cmp != 0;
    case OPB_LT: return cmp < 0;
    case OPB_LE: return cmp <= 0;
    case OPB_GT: return cmp > 0;
    default: return cmp >= 0;
    }
}

/* e's value in sc (a statement's is 1 or 0); blank if it needs a blank.
 * e was resolved by resolve() below. */
static RatStatus eval(const Expr *e, const Scope *sc, Figure *out)
{
    Figure a, b;
    RatStatus st;
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        *out = (Figure){.v = e->num, .blank = false};
        return RAT_OK;
    case E_BLANK:
        *out = (Figure){.v = rat_int(0), .blank = true};
        return RAT_OK;
    case E_NAME:
        if (e->ref == REF_PARAM)
            *out = param_value(sc, e->ref_index);
        else if (e->ref == REF_MEMBER)
            *out = sc->row[e->ref_index];
        else
            *out = (e->ref_index == NAME_CELL ? sc->row : sc->above)[sc->col];
        return RAT_OK;
    case E_NEG:
    case E_NOT:
        if ((st = eval(e->a, sc, out)) != RAT_OK)
            return st;
        out->v = e->kind == E_NEG ? rat_neg(out->v) : rat_int(rat_is_zero(out->v));
        return RAT_OK;
    case E_BINARY:
        if ((st = eval(e->a, sc, &a)) != RAT_OK || (st = eval(e->b, sc, &b)) != RAT_OK)
            return st;
        *out = (Figure){.v = rat_int(0), .blank = a.blank || b.blank, .na = a.na || b.na};
        if (out->blank || out->na) /* N/A: nothing to work out, and no one placed there */
            return RAT_OK;
        switch (e->op) {
        case OPB_ADD: return rat_add(a.v, b.v, &out->v);
        case OPB_SUB: return rat_sub(a.v, b.v, &out->v);
        case OPB_MUL: return rat_mul(a.v, b.v, &out->v);
        case OPB_DIV: return rat_div(a.v, b.v, &out->v);
        case OPB_AND: out->v = rat_int(!rat_is_zero(a.v) && !rat_is_zero(b.v)); return RAT_OK;
        case OPB_OR: out->v = rat_int(!rat_is_zero(a.v) || !rat_is_zero(b.v)); return RAT_OK;
        default: out->v = rat_int(holds(rat_cmp(a.v, b.v), e->op)); return RAT_OK;
        }
    default:
        return RAT_DOMAIN; /* resolve() refused it */
    }
}

/* How many cells a year of schedule si has: every grid's, [grid][row][col]. */
static size_t per_year(const ScheduleInfo *si)
{
    return (size_t)si->nrows * (size_t)si->ncols * (size_t)(si->ngrids ? si->ngrids : 1);
}

/* x rounded as the rule says: to cents, to dollars, or to a multiple. */
static RatStatus round_cell(const YearRule *r, RoundMode contract_mode, Rat x, Rat *out)
{
    RoundMode mode = r->has_mode ? r->mode : contract_mode;
    if (r->unit->kind == E_NAME)
        return rat_round(x, strcmp(r->unit->name, "cents") ? 0 : 2, mode, out);
    Rat q;
    RatStatus st = rat_div(x, r->unit->num, &q);
    if (st == RAT_OK)
        st = rat_round(q, 0, mode, &q);
    return st == RAT_OK ? rat_mul(q, r->unit->num, out) : st;
}

/* The figures block b gives a rule that multiplies it: a base block's, a
 * printed year's cells, or a derived year's (unrounded: before its
 * rounding). */
static const Figure *block_figures(const Model *m, int s, int b, bool unrounded, const Figure *cells, Figure *const *exact)
{
    const ScheduleInfo *si = &m->schedules[s];
    const GridDecl *g = &m->ast->schedules.v[s].blocks.v[b];
    size_t per = per_year(si);
    if (g->base || (unrounded && g->rule))
        return exact ? exact[b] : NULL;
    int y = g->year ? find_year(m, g->year) : 0;
    return y < 0 ? NULL : cells + per * (size_t)y;
}

/* The block of schedule s whose year (or base) is named year; -1 if none. */
static int block_named(const ScheduleDecl *sd, const char *year)
{
    for (int b = 0; b < sd->blocks.n; b++)
        if (sd->blocks.v[b].year && !strcmp(sd->blocks.v[b].year, year))
            return b;
    return -1;
}

/* Each cell of the source figures src times the rule's rate in year y,
 * into exact and, rounded, into out.  False if a cell cannot be computed
 * (the cells are then blank). */
static bool apply_rule(const Model *m, const YearRule *r, int y, const Override *ov, int nov, const Figure *src, size_t n, Figure *exact,
                       Figure *out, RatStatus *why)
{
    Scope sc = {m, y, ov, nov, NULL, NULL, 0};
    Figure rate;
    *why = eval(r->rate, &sc, &rate);
    bool ok = *why == RAT_OK;
    for (size_t i = 0; i < n; i++) {
        exact[i] = out[i] = (Figure){.v = rat_int(0), .blank = true};
        if (ok && src[i].na)
            exact[i] = out[i] = (Figure){.v = rat_int(0), .na = true}; /* no one is placed there in either year */
        if (!ok || rate.blank || src[i].blank || src[i].na)
            continue;
        RatStatus st = rat_mul(src[i].v, rate.v, &exact[i].v);
        if (st == RAT_OK)
            st = round_cell(r, m->ast->rounding, exact[i].v, &out[i].v);
        if (st != RAT_OK) {
            *why = st;
            ok = false;
            continue;
        }
        exact[i].blank = out[i].blank = false;
    }
    return ok;
}

/* A derived year's own derived columns, recomputed from its cells row by
 * row (each grid's), in order. */
static void derived_columns(const Model *m, int s, const GridDecl *g, int y, Figure *cells, Figure *exact)
{
    const ScheduleInfo *si = &m->schedules[s];
    const EnumDef *cols = &m->enums[si->col_enum_id];
    for (int r = 0; r < si->nrows * (si->ngrids ? si->ngrids : 1); r++) {
        Figure *row = cells + (size_t)r * (size_t)si->ncols;
        Scope sc = {m, y, NULL, 0, row, NULL, 0};
        for (int i = 0; i < g->derived.n; i++) {
            int col = enum_member(cols, g->derived.v[i].name.s);
            Figure v;
            if (col < 0)
                continue;
            if (eval(g->derived.v[i].expr, &sc, &v) != RAT_OK)
                v = (Figure){.v = rat_int(0), .blank = true};
            row[col] = exact[(size_t)r * (size_t)si->ncols + (size_t)col] = v;
        }
    }
}

/* Works out every derived year of schedule s into cells ([year][grid][row][col],
 * the printed years there already) and exact ([block]), each after the
 * block it is derived from.  d NULL: a cell that cannot be computed is
 * left blank without a word. */
static void derive_all(const Model *m, int s, const Override *ov, int nov, Figure *cells, Figure **exact, Arena *arena, Diags *d)
{
    const ScheduleDecl *sd = &m->ast->schedules.v[s];
    const ScheduleInfo *si = &m->schedules[s];
    size_t per = per_year(si);
    bool progress = true;
    while (progress) {
        progress = false;
        for (int b = 0; b < sd->blocks.n; b++) {
            const GridDecl *g = &sd->blocks.v[b];
            int src = si->block_source[b];
            if (!g->rule || exact[b] || src < 0 || (sd->blocks.v[src].rule && !exact[src]))
                continue;
            const Figure *from = block_figures(m, s, src, g->rule->unrounded, cells, exact);
            int y = si->block_year[b];
            exact[b] = arena_alloc(arena, sizeof(Figure) * (per + 1));
            RatStatus why;
            if (from && !apply_rule(m, g->rule, y, ov, nov, from, per, exact[b], cells + per * (size_t)y, &why) && d)
                diag_error(d, g->rule->at, "the cells of \"%s\" cannot be computed: %s", g->year, rat_status_text(why));
            derived_columns(m, s, g, y, cells + per * (size_t)y, exact[b]);
            progress = true;
        }
    }
}

static bool uses_param(const Expr *e, int p)
{
    if (!e)
        return false;
    if (e->kind == E_NAME && e->ref == REF_PARAM && e->ref_index == p)
        return true;
    return uses_param(e->a, p) || uses_param(e->b, p) || uses_param(e->c, p);
}

/* Whether an override changes a param schedule s derives a year with. */
static bool overridden(const Model *m, int s, const Override *ov, int nov)
{
    const ScheduleDecl *sd = &m->ast->schedules.v[s];
    for (int i = 0; i < nov; i++)
        for (int b = 0; b < sd->blocks.n; b++) {
            const GridDecl *g = &sd->blocks.v[b];
            if (g->rule && uses_param(g->rule->rate, ov[i].param))
                return true;
            for (int d = 0; g->rule && d < g->derived.n; d++)
                if (uses_param(g->derived.v[d].expr, ov[i].param))
                    return true;
        }
    return false;
}

/* Schedule s's cells of every year, and its blocks' exact figures: the
 * Model's, or worked out again with the overrides into arena. */
static void derived_state(const Model *m, int s, const Override *ov, int nov, Arena *arena, const Figure **cells, Figure *const **exact)
{
    const ScheduleInfo *si = &m->schedules[s];
    *cells = si->cells;
    *exact = si->block_exact;
    if (!si->block_year || !overridden(m, s, ov, nov))
        return;
    int nb = m->ast->schedules.v[s].blocks.n;
    size_t all = per_year(si) * (size_t)m->nyears;
    Figure *c = arena_alloc(arena, sizeof(Figure) * (all + 1));
    memcpy(c, si->cells, sizeof(Figure) * all);
    Figure **e = arena_alloc(arena, sizeof(Figure *) * (size_t)(nb + 1));
    for (int b = 0; b < nb; b++)
        e[b] = m->ast->schedules.v[s].blocks.v[b].rule ? NULL : si->block_exact[b];
    derive_all(m, s, ov, nov, c, e, arena, NULL);
    *cells = c;
    *exact = e;
}

const Figure *schedule_year_cells(const Model *m, int s, int y, const Override *ov, int nov, Arena *arena)
{
    const Figure *cells;
    Figure *const *exact;
    derived_state(m, s, ov, nov, arena, &cells, &exact);
    const ScheduleInfo *si = &m->schedules[s];
    return cells + per_year(si) * (size_t)y;
}

const YearRule *schedule_year_rule(const Model *m, int s, int y)
{
    const ScheduleInfo *si = &m->schedules[s];
    const ScheduleDecl *sd = &m->ast->schedules.v[s];
    for (int b = 0; si->block_year && b < sd->blocks.n; b++)
        if (sd->blocks.v[b].rule && si->block_year[b] == y)
            return sd->blocks.v[b].rule;
    return NULL;
}

bool schedule_cell_origin(const Model *m, int s, int y, int row, int col, const Override *ov, int nov, CellOrigin *out)
{
    const ScheduleInfo *si = &m->schedules[s];
    const ScheduleDecl *sd = &m->ast->schedules.v[s];
    if (!si->block_year || si->ngrids > 1) /* which grid is not said */
        return false;
    int b = 0;
    while (b < sd->blocks.n && !(sd->blocks.v[b].rule && si->block_year[b] == y))
        b++;
    if (b == sd->blocks.n || si->block_source[b] < 0)
        return false;
    const GridDecl *g = &sd->blocks.v[b];
    for (int i = 0; i < g->derived.n; i++)
        if (enum_member(&m->enums[si->col_enum_id], g->derived.v[i].name.s) == col)
            return false;
    const Figure *cells;
    Figure *const *exact;
    derived_state(m, s, ov, nov, &m->ast->arena, &cells, &exact);
    size_t per = per_year(si), at = (size_t)row * (size_t)si->ncols + (size_t)col;
    const Figure *from = block_figures(m, s, si->block_source[b], g->rule->unrounded, cells, exact);
    Scope sc = {m, y, ov, nov, NULL, NULL, 0};
    Figure rate;
    if (!from || !exact[b] || eval(g->rule->rate, &sc, &rate) != RAT_OK || rate.blank)
        return false;
    *out = (CellOrigin){g->rule, from[at], rate.v, exact[b][at], cells[per * (size_t)y + at]};
    return true;
}

/* ---- the checker's half ---- */

typedef enum { K_ERROR, K_NUMBER, K_MONEY, K_STATEMENT } Kind;

/* What names an expression may use, and what it used. */
typedef struct {
    Checker *k;
    const EnumDef *cols;   /* the schedule's columns, or NULL (a rate) */
    bool check;            /* `cell`, `above`, comparisons, `and`, `or`, `not` */
    Kind cell;             /* a cell's kind */
    const char *what;      /* the message for what is not allowed */
    bool uses_cell, uses_above;
    const Expr *first_col; /* the column named first */
} Resolve;

static const char *const kind_text[] = {"?", "a number", "an amount", "a statement"};

static Kind refuse(Resolve *r, const Expr *e)
{
    diag_error(r->k->d, e->at, "%s", r->what);
    return K_ERROR;
}

static Kind resolve(Resolve *r, Expr *e);

static Kind resolve_name(Resolve *r, Expr *e)
{
    int col = r->cols ? enum_member(r->cols, e->name) : -1;
    if (col >= 0) {
        e->ref = REF_MEMBER;
        e->ref_index = col;
        if (!r->first_col || e->at.start < r->first_col->at.start)
            r->first_col = e;
        return r->cell;
    }
    if (r->check && (!strcmp(e->name, "cell") || !strcmp(e->name, "above"))) {
        e->ref = REF_LOCAL;
        e->ref_index = e->name[0] == 'c' ? NAME_CELL : NAME_ABOVE;
        r->uses_cell = true;
        r->uses_above |= e->ref_index == NAME_ABOVE;
        return r->cell;
    }
    Sym *s = sym_find(r->k, e->name);
    for (int i = 0; !s && i < r->k->c->defs.n; i++)
        if (!strcmp(r->k->c->defs.v[i].name.s, e->name)) {
            diag_error(r->k->d, e->at, "`%s` is a definition, worked out for each employee: %s", e->name, r->what);
            return K_ERROR;
        }
    if (!s) {
        const char *hint = r->cols ? suggest_member(r->k, r->cols, e->name) : suggest(r->k, e->name, true);
        if (strstr(hint, arena_printf(&r->k->c->arena, "`%s`?", e->name))) /* known, but not here: an enum member */
            diag_error(r->k->d, e->at, "`%s` cannot be used here: %s", e->name, r->what);
        else
            diag_error(r->k->d, e->at, "unknown name `%s`%s", e->name, hint);
        return K_ERROR;
    }
    if (s->kind != SYM_PARAM) {
        diag_error(r->k->d, e->at, "`%s` is a %s: %s", e->name, sym_kind_text(s->kind), r->what);
        return K_ERROR;
    }
    ParamInfo *p = &r->k->m->params[s->index];
    p->used = true;
    e->ref = REF_PARAM;
    e->ref_index = s->index;
    return p->type.kind == TY_MONEY ? K_MONEY : K_NUMBER;
}

static Kind resolve_binary(Resolve *r, Expr *e)
{
    Kind a = resolve(r, e->a), b = resolve(r, e->b);
    if (a == K_ERROR || b == K_ERROR)
        return K_ERROR;
    bool logic = e->op == OPB_AND || e->op == OPB_OR, arith = e->op <= OPB_DIV;
    if (!arith && !r->check)
        return refuse(r, e);
    if (logic) {
        if (a == K_STATEMENT && b == K_STATEMENT)
            return K_STATEMENT;
        diag_error(r->k->d, e->at, "`%s` joins two statements, but this is %s %s %s", binop_text(e->op), kind_text[a], binop_text(e->op), kind_text[b]);
        return K_ERROR;
    }
    if (a == K_STATEMENT || b == K_STATEMENT) {
        diag_error(r->k->d, e->at, "a statement (yes or no) cannot be an operand of `%s`", binop_text(e->op));
        return K_ERROR;
    }
    if (!arith || e->op == OPB_ADD || e->op == OPB_SUB) {
        if (a != b) {
            diag_error(r->k->d, e->at, "this %s %s with %s: write amounts on both sides, or numbers on both sides",
                       arith ? "adds" : "compares", kind_text[a], kind_text[b]);
            return K_ERROR;
        }
        return arith ? a : K_STATEMENT;
    }
    if (e->op == OPB_MUL && a == K_MONEY && b == K_MONEY) {
        diag_error(r->k->d, e->at, "two amounts cannot be multiplied: multiply an amount by a number");
        return K_ERROR;
    }
    if (e->op == OPB_DIV && a == K_NUMBER && b == K_MONEY) {
        diag_error(r->k->d, e->at, "a number cannot be divided by an amount");
        return K_ERROR;
    }
    if (e->op == OPB_MUL)
        return a == K_MONEY || b == K_MONEY ? K_MONEY : K_NUMBER;
    return a == K_MONEY && b == K_NUMBER ? K_MONEY : K_NUMBER;
}

/* Resolves e's names and works out its kind, reporting what r does not
 * allow. */
static Kind resolve(Resolve *r, Expr *e)
{
    switch (e->kind) {
    case E_INT: case E_DEC: return K_NUMBER;
    case E_MONEY: return K_MONEY;
    case E_BLANK: return blank_is_amount(e) ? K_MONEY : K_NUMBER;
    case E_NAME: return resolve_name(r, e);
    case E_NEG: {
        Kind a = resolve(r, e->a);
        if (a == K_STATEMENT)
            return refuse(r, e);
        return a;
    }
    case E_NOT: {
        if (!r->check)
            return refuse(r, e);
        Kind a = resolve(r, e->a);
        if (a != K_STATEMENT && a != K_ERROR) {
            diag_error(r->k->d, e->at, "`not` takes a statement, and this is %s", kind_text[a]);
            return K_ERROR;
        }
        return a;
    }
    case E_BINARY: return resolve_binary(r, e);
    default: return refuse(r, e);
    }
}

static const char *const rate_rule =
    "the rate of a derived year is worked out from numbers and params with + - * /, as in (1 + raise)";

/* A rule's rate and rounding, for a schedule of amounts if money. */
static bool check_rule(Checker *k, YearRule *rule, bool money)
{
    Resolve r = {.k = k, .what = rate_rule};
    Kind rate = resolve(&r, rule->rate);
    bool ok = rate != K_ERROR;
    if (rate == K_MONEY) {
        diag_error(k->d, rule->rate->at, "the rate is a plain number, such as 1.03 or (1 + raise), not an amount");
        ok = false;
    }
    if (!rule->rounded) {
        diag_error(k->d, rule->at, "say how each derived cell is rounded: end the rule with `rounded half up to dollars` "
                   "(or `to cents`, or to a multiple such as `to $5`)");
        return false;
    }
    const Expr *u = rule->unit;
    if (u->kind == E_NAME && strcmp(u->name, "cents") && strcmp(u->name, "dollars")) {
        diag_error(k->d, u->at, "round to `cents`, to `dollars` or to a multiple such as `$5`, not `%s`", u->name);
        ok = false;
    } else if (u->kind != E_NAME && (u->kind == E_MONEY) != money) {
        diag_error(k->d, u->at, money ? "this schedule's cells are amounts: round them to an amount, such as `$5`"
                                      : "this schedule's cells are plain numbers: round them to a number, such as `0.5`");
        ok = false;
    } else if (u->kind != E_NAME && rat_sign(u->num) <= 0) {
        diag_error(k->d, u->at, "round to a multiple greater than zero");
        ok = false;
    }
    return ok;
}

/* The source block of a rule in schedule s that makes block self (-1: a
 * check's rule); -1 after an error. */
static int rule_source(Checker *k, const ScheduleDecl *sd, const YearRule *rule, int self, const char *year)
{
    int src = block_named(sd, rule->from);
    if (src < 0)
        diag_error(k->d, rule->from_at, "schedule `%s` has no block for \"%s\" to work \"%s\" out from", sd->name.s, rule->from, year);
    else if (src == self || (self < 0 && !strcmp(rule->from, year)))
        diag_error(k->d, rule->from_at, "\"%s\" cannot be worked out from itself", year);
    else
        return src;
    return -1;
}

static bool money_cells(const ScheduleInfo *si) { return si->cell_type.kind != TY_INTEGER && si->cell_type.kind != TY_DECIMAL; }

/* Whether block b's chain of sources comes back to it. */
static bool in_cycle(const ScheduleInfo *si, int b, int nb)
{
    int at = si->block_source[b];
    for (int i = 0; i < nb && at >= 0; i++, at = si->block_source[at])
        if (at == b)
            return true;
    return false;
}

/* A base block of a schedule with a third key: one grid of base name
 * (its first block, twin, holds them all, [grid][row][col]). */
static void check_base_grid(Checker *k, int s, int b, int twin, bool money)
{
    ScheduleDecl *sd = &k->c->schedules.v[s];
    ScheduleInfo *si = &k->m->schedules[s];
    GridDecl *g = &sd->blocks.v[b];
    const EnumDef *keys = &k->m->enums[si->grid_enum_id];
    int key = g->key.s ? enum_member(keys, g->key.s) : -1;
    if (!g->key.s) {
        diag_error(k->d, g->year_at, "schedule `%s` has a grid for each member of %s: say which this is, as in `base \"%s\" %s:`", sd->name.s,
                   keys->name, g->year, keys->members[0]);
        return;
    }
    if (key < 0) {
        diag_error(k->d, g->key.at, "`%s` is not a member of %s%s", g->key.s, keys->name, suggest_member(k, keys, g->key.s));
        return;
    }
    for (int o = twin; o < b; o++)
        if (sd->blocks.v[o].base && !strcmp(sd->blocks.v[o].year, g->year) && sd->blocks.v[o].key.s && !strcmp(sd->blocks.v[o].key.s, g->key.s)) {
            diag_error(k->d, g->year_at, "schedule `%s` has two grids for %s in base \"%s\"", sd->name.s, g->key.s, g->year);
            return;
        }
    size_t per_grid = (size_t)si->nrows * (size_t)si->ncols;
    if (!si->block_exact[twin]) { /* a grid left out is blank: it was reported */
        si->block_exact[twin] = arena_alloc(&k->c->arena, sizeof(Figure) * (per_year(si) + 1));
        for (size_t i = 0; i < per_year(si); i++)
            si->block_exact[twin][i] = (Figure){.v = rat_int(0), .blank = true};
    }
    check_grid(k, sd, si, g, si->block_exact[twin] + per_grid * (size_t)key, arena_printf(&k->c->arena, " for %s in \"%s\"", g->key.s, g->year), money);
}

/* Each grid of each base block of a schedule with a third key is there. */
static void check_base_grids_complete(Checker *k, int s)
{
    ScheduleDecl *sd = &k->c->schedules.v[s];
    ScheduleInfo *si = &k->m->schedules[s];
    const EnumDef *keys = &k->m->enums[si->grid_enum_id];
    for (int b = 0; b < sd->blocks.n; b++) {
        if (!sd->blocks.v[b].base || block_named(sd, sd->blocks.v[b].year) != b)
            continue;
        bool unnamed = false; /* reported: not again grid by grid */
        for (int o = b; o < sd->blocks.n; o++)
            unnamed |= sd->blocks.v[o].base && !strcmp(sd->blocks.v[o].year, sd->blocks.v[b].year) && !sd->blocks.v[o].key.s;
        if (unnamed)
            continue;
        for (int key = 0; key < keys->count; key++) {
            bool found = false;
            for (int o = b; o < sd->blocks.n && !found; o++)
                found = sd->blocks.v[o].base && !strcmp(sd->blocks.v[o].year, sd->blocks.v[b].year) && sd->blocks.v[o].key.s &&
                        !strcmp(sd->blocks.v[o].key.s, keys->members[key]);
            if (!found)
                diag_error(k->d, sd->blocks.v[b].year_at, "schedule `%s` has no grid for %s in base \"%s\"", sd->name.s, keys->members[key],
                           sd->blocks.v[b].year);
        }
    }
}

void check_year_rules(Checker *k, int s, bool *seen, bool money)
{
    Contract *c = k->c;
    Model *m = k->m;
    ScheduleDecl *sd = &c->schedules.v[s];
    ScheduleInfo *si = &m->schedules[s];
    int nb = sd->blocks.n;
    bool any = false;
    for (int b = 0; b < nb; b++)
        any |= sd->blocks.v[b].rule || sd->blocks.v[b].base;
    if (!any)
        return;
    size_t per = per_year(si);
    bool keyed = si->grid_enum_id >= 0;
    si->block_year = arena_alloc(&c->arena, sizeof(int) * (size_t)(nb + 1));
    si->block_source = arena_alloc(&c->arena, sizeof(int) * (size_t)(nb + 1));
    si->block_exact = arena_alloc(&c->arena, sizeof(Figure *) * (size_t)(nb + 1));
    for (int b = 0; b < nb; b++) {
        GridDecl *g = &sd->blocks.v[b];
        si->block_year[b] = g->year ? find_year(m, g->year) : -1;
        si->block_source[b] = -1;
        if (!g->base)
            continue;
        int twin = block_named(sd, g->year);
        if (si->block_year[b] >= 0)
            diag_error(k->d, g->year_at, "\"%s\" is one of the contract's years: write its block without `base`", g->year);
        else if (keyed)
            check_base_grid(k, s, b, twin, money);
        else if (twin != b)
            diag_error(k->d, g->year_at, "schedule `%s` has two blocks for \"%s\"", sd->name.s, g->year);
        else {
            si->block_exact[b] = arena_alloc(&c->arena, sizeof(Figure) * (per + 1));
            check_grid(k, sd, si, g, si->block_exact[b], arena_printf(&c->arena, " in \"%s\"", g->year), money);
        }
        si->block_year[b] = -1;
    }
    if (keyed)
        check_base_grids_complete(k, s);
    const EnumDef *cols = &m->enums[si->col_enum_id];
    for (int b = 0; b < nb; b++) {
        GridDecl *g = &sd->blocks.v[b];
        int y = si->block_year[b];
        if (!g->rule)
            continue;
        if (y < 0) {
            diag_error(k->d, g->year_at, "\"%s\" is not one of the contract's years", g->year);
            continue;
        }
        if (seen[y]) {
            diag_error(k->d, g->year_at, "schedule `%s` has two blocks for \"%s\"", sd->name.s, g->year);
            continue;
        }
        seen[y] = true;
        int src = rule_source(k, sd, g->rule, b, g->year);
        bool ok = check_rule(k, g->rule, money) && src >= 0;
        for (int i = 0; i < g->derived.n; i++) {
            DerivedDecl *dd = &g->derived.v[i];
            Resolve r = {.k = k, .cols = cols, .cell = money ? K_MONEY : K_NUMBER,
                         .what = "a derived column is computed with + - * / from other columns and numbers"};
            if (enum_member(cols, dd->name.s) < 0) {
                diag_error(k->d, dd->name.at, "`%s` is not a member of %s%s", dd->name.s, cols->name, suggest_member(k, cols, dd->name.s));
                ok = false;
            }
            ok &= resolve(&r, dd->expr) != K_ERROR;
        }
        if (ok)
            si->block_source[b] = src;
    }
    for (int b = 0; b < nb; b++)
        if (sd->blocks.v[b].rule && si->block_source[b] >= 0 && in_cycle(si, b, nb)) {
            diag_error(k->d, sd->blocks.v[b].rule->from_at, "\"%s\" is worked out from \"%s\", which is worked out from it in turn: "
                       "one year of the chain must be printed", sd->blocks.v[b].year, sd->blocks.v[b].rule->from);
            return;
        }
    derive_all(m, s, NULL, 0, si->cells, si->block_exact, &c->arena, k->d);
}

/* ---- `check` lines ---- */

static const char *row_name(const Model *m, const ScheduleInfo *si, int r)
{
    return si->row_enum ? m->enums[si->row_enum_id].members[si->row_keys[r]] : arena_printf(&m->ast->arena, "%lld", (long long)si->row_keys[r]);
}

/* salary, or with a third key the grid's: extra_pay for M11 */
static const char *grid_name(const Model *m, int s, int grid)
{
    const ScheduleInfo *si = &m->schedules[s];
    const char *name = m->ast->schedules.v[s].name.s;
    return si->grid_enum_id < 0 ? name : arena_printf(&m->ast->arena, "%s for %s", name, m->enums[si->grid_enum_id].members[grid]);
}

/* Rows first to last, as a printed range writes them: 3, or 12..15. */
static const char *rows_name(const Model *m, const ScheduleInfo *si, int first, int last)
{
    return first == last ? row_name(m, si, first) : arena_printf(&m->ast->arena, "%s..%s", row_name(m, si, first), row_name(m, si, last));
}

/* salary[3, MA] in "2025-26", salary[12..15, MA] ... (extra_pay for M11[3, MA] ...):
 * the cell of rows first to last */
static const char *cell_name(const Model *m, int s, int grid, int y, int first, int last, int col)
{
    const ScheduleInfo *si = &m->schedules[s];
    return arena_printf(&m->ast->arena, "%s[%s, %s]%s", grid_name(m, s, grid), rows_name(m, si, first, last),
                        m->enums[si->col_enum_id].members[col],
                        m->ast->years.n ? arena_printf(&m->ast->arena, " in \"%s\"", m->ast->years.v[y].s) : "");
}

static const char *figure_text(const Model *m, Figure f, bool money)
{
    char buf[FORMAT_MAX];
    if (f.blank)
        return "blank";
    if (f.na)
        return "N/A";
    size_t n = format_display((Value){.num = f.v}, money ? (Type){TY_MONEY, 0} : (Type){TY_DECIMAL, 0}, NULL, buf, sizeof buf);
    return arena_strndup(&m->ast->arena, buf, n);
}

/* The printed block that holds year y's cells of grid (0 without a third
 * key), or -1 (a derived year). */
static int printed_block(const Model *m, const ScheduleDecl *sd, int y, int grid)
{
    const ScheduleInfo *si = &m->schedules[sd - m->ast->schedules.v];
    for (int b = 0; b < sd->blocks.n; b++) {
        const GridDecl *g = &sd->blocks.v[b];
        if (!g->rule && !g->base && (!g->year || find_year(m, g->year) == y) &&
            (!g->key.s || si->grid_enum_id < 0 || enum_member(&m->enums[si->grid_enum_id], g->key.s) == grid))
            return b;
    }
    return -1;
}

/* The line of printed block b that prints row r, or NULL, and in *first
 * and *last the rows it prints: a range 1..5 prints five rows. */
static const RowDecl *printed_row(const Model *m, const ScheduleDecl *sd, int b, int r, int *first, int *last)
{
    *first = *last = r;
    if (b < 0)
        return NULL;
    const GridDecl *g = &sd->blocks.v[b];
    bool member_rows = m->schedules[sd - m->ast->schedules.v].row_enum;
    int64_t at = 0;
    for (int d = 0; d < g->rows.n; d++) {
        int64_t span = grid_row_span(&g->rows.v[d], member_rows);
        if (r < at + span) {
            *first = (int)at;
            *last = (int)(at + span - 1);
            return &g->rows.v[d];
        }
        at += span;
    }
    return NULL;
}

/* The literal of row r, column col in printed block b, or NULL. */
static const Expr *printed_cell(const Model *m, const ScheduleDecl *sd, int b, int r, int col)
{
    int first, last;
    const RowDecl *row = printed_row(m, sd, b, r, &first, &last);
    if (!row)
        return NULL;
    const GridDecl *g = &sd->blocks.v[b];
    const ScheduleInfo *si = &m->schedules[sd - m->ast->schedules.v];
    const EnumDef *cols = &m->enums[si->col_enum_id];
    for (int i = 0; i < g->columns.n && i < row->ncells; i++)
        if (enum_member(cols, g->columns.v[i].s) == col)
            return row->cells[i];
    return NULL;
}

/* A printed cell as the contract writes it ($1,021). */
static const char *printed_text(Checker *k, const Expr *cell, bool money)
{
    if (!k->d->src || cell->at.end > k->d->len)  /* a values file's */
        return figure_text(k->m, (Figure){.v = cell->num, .blank = false}, money);
    return arena_strndup(&k->c->arena, k->d->src + cell->at.start, cell->at.end - cell->at.start);
}

static void report(Checker *k, Span at, const char *text)
{
    if (k->opt.strict)
        diag_error(k->d, at, "%s (--strict)", text);
    else
        diag_warning(k->d, at, "%s", text);
}

/* Whether row r of year y's grid is the first its printed line prints
 * (true where no block prints it: a derived year's rows are each its own),
 * and in *first and *last the rows that line prints. */
static bool line_opens(const Model *m, const ScheduleDecl *sd, int y, int grid, int r, int *first, int *last)
{
    printed_row(m, sd, printed_block(m, sd, y, grid), r, first, last);
    return *first == r;
}

static bool same_figure(Figure a, Figure b)
{
    return a.blank == b.blank && a.na == b.na && (a.blank || a.na || rat_eq(a.v, b.v));
}

/* check salary "2025-26" = RULE: each printed cell against the rule.  The
 * rows a printed range (12..15) prints are reported once, named by the
 * range, where the rule gives them all the same figure. */
static void audit(Checker *k, CheckDecl *ck, int s, bool clean)
{
    int errors = k->d->errors;
    Model *m = k->m;
    ScheduleDecl *sd = &k->c->schedules.v[s];
    ScheduleInfo *si = &m->schedules[s];
    int y = find_year(m, ck->year);
    if (y < 0) {
        diag_error(k->d, ck->year_at, "\"%s\" is not one of the contract's years", ck->year);
        return;
    }
    if (printed_block(m, sd, y, 0) < 0) {
        diag_error(k->d, ck->year_at, "\"%s\" of schedule `%s` is worked out by a rule, not printed: a check compares printed cells with a rule",
                   ck->year, sd->name.s);
        return;
    }
    int src = rule_source(k, sd, ck->rule, -1, ck->year);
    if (!check_rule(k, ck->rule, money_cells(si)) || src < 0 || !clean || k->d->errors != errors)
        return;
    const Figure *from = block_figures(m, s, src, ck->rule->unrounded, si->cells, si->block_exact);
    size_t per = per_year(si), per_grid = (size_t)si->nrows * (size_t)si->ncols;
    Figure *exact = arena_alloc(&k->c->arena, sizeof(Figure) * (per + 1)), *want = arena_alloc(&k->c->arena, sizeof(Figure) * (per + 1));
    RatStatus why;
    if (!from || !apply_rule(m, ck->rule, y, NULL, 0, from, per, exact, want, &why)) {
        if (from)
            diag_error(k->d, ck->rule->at, "the check's cells cannot be computed: %s", rat_status_text(why));
        return;
    }
    const char *rule = format_year_rule(&k->c->arena, NULL, ck->rule);
    for (int grid = 0; grid < (si->ngrids ? si->ngrids : 1); grid++)
        for (int r = 0, first, last; r < si->nrows; r++)
            for (int col = 0; col < si->ncols; col++) {
                const Expr *cell = printed_cell(m, sd, printed_block(m, sd, y, grid), r, col);
                const Figure *w = &want[per_grid * (size_t)grid + (size_t)r * (size_t)si->ncols + (size_t)col];
                line_opens(m, sd, y, grid, r, &first, &last);
                if (!cell || cell->kind == E_BLANK || w->blank || (cell->kind == E_NA && w->na) ||
                    (cell->kind != E_NA && !w->na && rat_eq(cell->num, w->v)) || (r > first && same_figure(w[-si->ncols], *w)))
                    continue; /* agrees, or reported with the row above, printed on the same line and given the same */
                int to = r;
                while (to < last && same_figure(w[(to + 1 - r) * si->ncols], *w))
                    to++;
                report(k, cell->at, arena_printf(&k->c->arena, "%s is printed as %s, but %s gives %s", cell_name(m, s, grid, y, r, to, col),
                                                 printed_text(k, cell, money_cells(si)), rule, figure_text(m, *w, money_cells(si))));
            }
}

/* Where a failed check is shown: the printed cell, or the check itself. */
static Span breach_at(const Model *m, const ScheduleDecl *sd, const CheckDecl *ck, int y, int grid, int r, int col)
{
    const Expr *cell = col >= 0 ? printed_cell(m, sd, printed_block(m, sd, y, grid), r, col) : NULL;
    return cell ? cell->at : ck->at;
}

/* e as the contract writes it: its source text, or (in a values file) its
 * canonical form */
static const char *written(Checker *k, const Expr *e)
{
    if (!k->d->src || e->at.end > k->d->len)
        return format_expr(&k->c->arena, NULL, e);
    return arena_strndup(&k->c->arena, k->d->src + e->at.start, e->at.end - e->at.start);
}

static bool literal(const Expr *e) { return e->kind == E_INT || e->kind == E_DEC || e->kind == E_MONEY; }

/* ": `TOTAL` is $50,100.00, `DAYS + TSSA` is $50,000.00" for a comparison
 * (a side that is a number as written is not repeated); else "". */
static const char *sides(Checker *k, const Expr *e, const Scope *sc, bool money)
{
    Figure a, b;
    if (e->kind != E_BINARY || e->op < OPB_EQ || e->op > OPB_GE || eval(e->a, sc, &a) != RAT_OK || eval(e->b, sc, &b) != RAT_OK)
        return "";
    Arena *arena = &k->c->arena;
    const char *left = literal(e->a) ? "" : arena_printf(arena, "`%s` is %s", written(k, e->a), figure_text(k->m, a, money));
    const char *right = literal(e->b) ? "" : arena_printf(arena, "`%s` is %s", written(k, e->b), figure_text(k->m, b, money));
    return arena_printf(arena, ": %s%s%s", left, *left && *right ? ", " : "", right);
}

/* Whether check ck breaks on row, col of year y's grid of schedule s: the
 * figures on both sides (sides()), or NULL where it holds or says nothing.
 * `above` is the row before the line that prints row: a range (12..15) is
 * one line, and the line above it is the one printed above it. */
static const char *breach(Checker *k, const CheckDecl *ck, int s, int y, int grid, int row, int col)
{
    Model *m = k->m;
    const ScheduleInfo *si = &m->schedules[s];
    const Figure *cells = si->cells + per_year(si) * (size_t)y + (size_t)grid * (size_t)si->nrows * (size_t)si->ncols;
    int first, last;
    line_opens(m, &m->ast->schedules.v[s], y, grid, row, &first, &last);
    Scope sc = {m, y, NULL, 0, cells + (size_t)row * (size_t)si->ncols, first ? cells + (size_t)(first - 1) * (size_t)si->ncols : NULL, col};
    Figure v;
    if (eval(ck->expr, &sc, &v) != RAT_OK || v.blank || v.na || !rat_is_zero(v.v))
        return NULL;
    return sides(k, ck->expr, &sc, money_cells(si));
}

/* check salary: EXPR, on every row (and column, with `cell`) of every
 * year.  The rows a printed range prints that break it alike are reported
 * once, named by the range. */
static void assertion(Checker *k, CheckDecl *ck, int s, bool clean)
{
    int errors = k->d->errors;
    Model *m = k->m;
    ScheduleDecl *sd = &k->c->schedules.v[s];
    ScheduleInfo *si = &m->schedules[s];
    bool money = money_cells(si);
    Resolve r = {.k = k, .cols = &m->enums[si->col_enum_id], .check = true, .cell = money ? K_MONEY : K_NUMBER,
                 .what = "a check is worked out from the schedule's columns, `cell`, `above`, params and numbers, with + - * /, "
                         "comparisons, `and`, `or` and `not`"};
    Kind kind = resolve(&r, ck->expr);
    if (kind != K_STATEMENT && kind != K_ERROR)
        diag_error(k->d, ck->expr->at, "a check is a statement that holds or not, such as `TOTAL = DAYS + TSSA` or `cell >= above`; this is %s",
                   kind_text[kind]);
    if (kind != K_STATEMENT || !clean || k->d->errors != errors)
        return;
    const char *text = written(k, ck->expr);
    for (int y = 0; y < m->nyears; y++)
        for (int grid = 0; grid < (si->ngrids ? si->ngrids : 1); grid++)
            for (int row = r.uses_above ? 1 : 0, first, last; row < si->nrows; row++)
                for (int col = 0; col < (r.uses_cell ? si->ncols : 1); col++) {
                    line_opens(m, sd, y, grid, row, &first, &last);
                    const char *how = r.uses_above && first == 0 ? NULL : breach(k, ck, s, y, grid, row, col), *prev;
                    if (!how || (row > first && (prev = breach(k, ck, s, y, grid, row - 1, col)) && !strcmp(prev, how)))
                        continue; /* holds (the first line has no line above), or reported with the row above, on its line */
                    int to = row;
                    for (const char *next; to < last && (next = breach(k, ck, s, y, grid, to + 1, col)) && !strcmp(next, how);)
                        to++;
                    int at = r.uses_cell ? col : r.first_col ? r.first_col->ref_index : -1;
                    const char *where = at >= 0 ? cell_name(m, s, grid, y, row, to, at)
                                                : arena_printf(&k->c->arena, "row %s of %s", rows_name(m, si, row, to), grid_name(m, s, grid));
                    report(k, breach_at(m, sd, ck, y, grid, row, at), arena_printf(&k->c->arena, "%s breaks the check `%s`%s", where, text, how));
                }
}

/* check stipend: cell <= $6,000, on every member of a table in every
 * year; `above` is the member before. */
static void table_assertion(Checker *k, CheckDecl *ck, int t, bool clean)
{
    int errors = k->d->errors;
    Model *m = k->m;
    TableDecl *td = &k->c->tables.v[t];
    TableInfo *ti = &m->tables[t];
    bool money = ti->value_type.kind == TY_MONEY;
    Resolve r = {.k = k, .check = true, .cell = money ? K_MONEY : K_NUMBER,
                 .what = "a check of a table is worked out from `cell` (each member's value), `above` (the member before's), "
                         "params and numbers, with + - * /, comparisons, `and`, `or` and `not`"};
    Kind kind = resolve(&r, ck->expr);
    if (kind != K_STATEMENT && kind != K_ERROR)
        diag_error(k->d, ck->expr->at, "a check is a statement that holds or not, such as `cell <= $6,000` or `cell >= above`; this is %s",
                   kind_text[kind]);
    if (kind != K_STATEMENT || !clean || k->d->errors != errors || !ti->cells)
        return;
    const char *text = written(k, ck->expr);
    for (int y = 0; y < m->nyears; y++)
        for (int key = r.uses_above ? 1 : 0; key < ti->nkeys; key++) {
            const Figure *cells = ti->cells + (size_t)y * (size_t)ti->nkeys;
            Scope sc = {m, y, NULL, 0, cells + key, key ? cells + key - 1 : NULL, 0};
            Figure v;
            if (eval(ck->expr, &sc, &v) != RAT_OK || v.blank || !rat_is_zero(v.v))
                continue;
            const char *name = ti->key_enum ? m->enums[ti->key_enum_id].members[key] : arena_printf(&k->c->arena, "%lld", (long long)ti->keys[key]);
            Span at = ck->at;
            for (int row = 0; row < td->rows.n; row++) {
                const RowDecl *rd = &td->rows.v[row];
                if (rd->key->kind == E_NAME ? !strcmp(rd->key->name, name) : rd->key->num.n == ti->keys[key])
                    at = rd->cells[rd->ncells == 1 ? 0 : y < rd->ncells ? y : 0]->at;
            }
            report(k, at, arena_printf(&k->c->arena, "%s[%s]%s breaks the check `%s`%s", td->name.s, name,
                                       k->c->years.n ? arena_printf(&k->c->arena, " in \"%s\"", k->c->years.v[y].s) : "", text,
                                       sides(k, ck->expr, &sc, money)));
        }
}

void check_statements(Checker *k)
{
    bool clean = k->d->errors == 0; /* else cells may be missing: nothing is worked out */
    for (int i = 0; i < k->c->checks.n; i++) {
        CheckDecl *ck = &k->c->checks.v[i];
        Sym *s = sym_find(k, ck->target.s);
        if (s && s->kind == SYM_TABLE && ck->rule) {
            diag_error(k->d, ck->year_at, "`%s` is a table: a year worked out by a rule is a schedule's; state what its values must be "
                       "with `check %s: ...`", ck->target.s, ck->target.s);
            continue;
        }
        if (s && s->kind == SYM_TABLE) {
            table_assertion(k, ck, s->index, clean);
            continue;
        }
        if (!s || s->kind != SYM_SCHEDULE) {
            diag_error(k->d, ck->target.at, "`%s` is not a schedule or a table: `check` is about a schedule's cells or a table's values%s",
                       ck->target.s, s ? "" : suggest(k, ck->target.s, false));
            continue;
        }
        if (!k->m->schedules[s->index].cells)
            continue;
        if (ck->rule)
            audit(k, ck, s->index, clean);
        else
            assertion(k, ck, s->index, clean);
    }
}
