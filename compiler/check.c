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
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"

typedef enum { SYM_NONE, SYM_FIELD, SYM_PARAM, SYM_DEF, SYM_COMPONENT, SYM_SCHEDULE, SYM_TABLE, SYM_ENUM } SymKind;

typedef struct {
    const char *name;
    SymKind kind;
    int index;
    Span at;
} Sym;

typedef struct {
    int node;   /* NODE index: defs first, then components */
    Span at;    /* where the reference is written */
} Dep;

typedef VEC(Dep) DepList;

enum { MAX_LOCALS = 16 };

typedef struct {
    Contract *c;
    Diags *d;
    Model *m;
    CheckOptions opt;
    Sym *syms;          /* open addressing, power-of-two size */
    int symcap;
    DepList *deps;      /* [ndefs + ncomponents] */
    bool *used;         /* same indexing: referenced from somewhere */
    char *state;        /* same indexing: 0 unchecked, 1 being checked, 2 checked */
    int cur;            /* node being checked, -1 outside definitions */
    struct { const char *name; Type type; int slot; } locals[MAX_LOCALS];
    int nlocals;
    int local_base;     /* locals below this belong to an enclosing definition */
} Checker;

static const Type T_ERROR = {TY_ERROR, 0}, T_INT = {TY_INTEGER, 0}, T_DEC = {TY_DECIMAL, 0},
                  T_MONEY = {TY_MONEY, 0}, T_BOOL = {TY_BOOL, 0}, T_TEXT = {TY_TEXT, 0},
                  T_DATE = {TY_DATE, 0};

static bool is_number(Type t) { return t.kind == TY_INTEGER || t.kind == TY_DECIMAL; }
static bool is_numeric(Type t) { return is_number(t) || t.kind == TY_MONEY; }
static bool same_type(Type a, Type b)
{
    return a.kind == b.kind && (a.kind != TY_ENUM && a.kind != TY_LIST ? true : a.enum_id == b.enum_id);
}

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

static Sym *sym_find(Checker *k, const char *name)
{
    Sym *s = sym_slot(k, name);
    return s->name ? s : NULL;
}

static const char *sym_kind_text(SymKind kind)
{
    static const char *const text[] = {"", "field", "param", "definition", "component", "schedule", "table", "enum"};
    return text[kind];
}

/* Declares name, or reports that it is taken. */
static bool declare(Checker *k, const char *name, SymKind kind, int index, Span at)
{
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

typedef struct {
    const char *best;
    int dist;
    const char *target;
} Suggestion;

static void consider(Suggestion *s, const char *candidate)
{
    int dist = edit_distance(s->target, candidate);
    int limit = (int)strlen(s->target) / 3 + 1;
    if (dist <= limit && dist < s->dist) {
        s->best = candidate;
        s->dist = dist;
    }
}

/* "; did you mean `district_years`?" or "" */
static const char *did_you_mean(Checker *k, const char *name, bool values_only)
{
    Suggestion s = {NULL, 99, name};
    for (int i = 0; i < k->symcap; i++)
        if (k->syms[i].name && (!values_only || k->syms[i].kind != SYM_ENUM))
            consider(&s, k->syms[i].name);
    for (int i = 0; i < k->m->schema.nenums; i++)
        for (int j = 0; j < k->m->enums[i].count; j++)
            consider(&s, k->m->enums[i].members[j]);
    for (int i = 0; i < k->nlocals; i++)
        consider(&s, k->locals[i].name);
    if (values_only)
        for (int i = 0; i < nbuiltins; i++)
            consider(&s, builtins[i].name);
    return s.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", s.best) : "";
}

static int member_index(const EnumDef *e, const char *name)
{
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->members[i], name) == 0)
            return i;
    return -1;
}

static const char *member_suggestion(Checker *k, const EnumDef *e, const char *name)
{
    Suggestion s = {NULL, 99, name};
    for (int i = 0; i < e->count; i++)
        consider(&s, e->members[i]);
    return s.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", s.best) : "";
}

/* ---- declarations ---- */

static void check_years(Checker *k)
{
    Contract *c = k->c;
    k->m->nyears = c->years.n ? c->years.n : 1;
    for (int i = 0; i < c->years.n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(c->years.v[i].s, c->years.v[j].s) == 0)
                diag_error(k->d, c->years.v[i].at, "contract year \"%s\" is listed twice", c->years.v[i].s);
}

static void check_enums(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->enums = arena_alloc(&c->arena, sizeof *m->enums * (size_t)(c->enums.n + 1));
    for (int i = 0; i < c->enums.n; i++) {
        EnumDecl *ed = &c->enums.v[i];
        EnumDef *e = &m->enums[i];
        e->name = ed->name.s ? ed->name.s : "?";
        e->count = ed->members.n;
        e->members = arena_alloc(&c->arena, sizeof *e->members * (size_t)(e->count + 1));
        e->display = arena_alloc(&c->arena, sizeof *e->display * (size_t)(e->count + 1));
        for (int j = 0; j < e->count; j++) {
            MemberDecl *md = &ed->members.v[j];
            for (int p = 0; p < j; p++)
                if (strcmp(e->members[p], md->name.s) == 0)
                    diag_error(k->d, md->name.at, "`%s` is already a member of %s", md->name.s, e->name);
            e->members[j] = md->name.s;
            e->display[j] = md->display;
        }
        if (ed->name.s)
            declare(k, ed->name.s, SYM_ENUM, i, ed->name.at);
    }
    m->schema.nenums = c->enums.n;
    m->schema.enums = m->enums;
}

static int find_enum(Checker *k, const char *name)
{
    Sym *s = sym_find(k, name);
    return s && s->kind == SYM_ENUM ? s->index : -1;
}

static void check_fields(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->fields = arena_alloc(&c->arena, sizeof *m->fields * (size_t)(c->fields.n + 1));
    m->id_field = -1;
    for (int i = 0; i < c->fields.n; i++) {
        FieldDecl *fd = &c->fields.v[i];
        FieldDef *f = &m->fields[i];
        f->name = fd->name.s;
        f->type = T_ERROR;
        declare(k, fd->name.s, SYM_FIELD, i, fd->name.at);
        const char *t = fd->type.s;
        if (fd->yesno) {
            f->type = T_BOOL;
        } else if (fd->list) {
            int e = find_enum(k, t);
            if (e < 0)
                diag_error(k->d, fd->type.at, "`list of` needs an enum, and `%s` is not one%s", t, did_you_mean(k, t, false));
            else
                f->type = (Type){TY_LIST, e};
        } else if (!strcmp(t, "integer")) {
            f->type = T_INT;
        } else if (!strcmp(t, "decimal")) {
            f->type = T_DEC;
        } else if (!strcmp(t, "money")) {
            f->type = T_MONEY;
        } else if (!strcmp(t, "text")) {
            f->type = T_TEXT;
        } else if (!strcmp(t, "date")) {
            f->type = T_DATE;
        } else {
            int e = find_enum(k, t);
            if (e >= 0) {
                f->type = (Type){TY_ENUM, e};
            } else {
                Suggestion s = {NULL, 99, t};
                const char *types[] = {"integer", "decimal", "money", "text", "date"};
                for (int j = 0; j < 5; j++)
                    consider(&s, types[j]);
                for (int j = 0; j < c->enums.n; j++)
                    consider(&s, m->enums[j].name);
                diag_error(k->d, fd->type.at,
                           "unknown type `%s`: a field is integer, decimal, money, yes/no, text, date, an enum or a list of one%s", t,
                           s.best ? arena_printf(&c->arena, "; did you mean `%s`?", s.best) : "");
            }
        }
        if (fd->has_range) {
            if (f->type.kind != TY_INTEGER)
                diag_error(k->d, fd->at, "only an integer field can have a range");
            else if (fd->lo > fd->hi)
                diag_error(k->d, fd->at, "the range %lld to %lld is empty", (long long)fd->lo, (long long)fd->hi);
            f->has_range = true;
            f->lo = fd->lo;
            f->hi = fd->hi;
        }
        if (m->id_field < 0 && f->type.kind == TY_TEXT && !strcmp(f->name, "id"))
            m->id_field = i;
    }
    if (m->id_field < 0)
        for (int i = 0; i < c->fields.n; i++)
            if (m->fields[i].type.kind == TY_TEXT) {
                m->id_field = i;
                break;
            }
    m->schema.nfields = c->fields.n;
    m->schema.fields = m->fields;
}

static Type literal_type(const Expr *e)
{
    switch (e->kind) {
    case E_INT: return T_INT;
    case E_DEC: return T_DEC;
    case E_MONEY: return T_MONEY;
    default: return T_ERROR; /* a blank: takes the type of its neighbours */
    }
}

/* Per-year literal values (a param's, a table row's) into cells[nyears],
 * finding their common type.  what names the thing in messages. */
static Type peryear_cells(Checker *k, Expr **values, int n, Span at, Cell *cells, const char *what)
{
    Type t = T_ERROR;
    for (int i = 0; i < n; i++) {
        Type vt = literal_type(values[i]);
        if (vt.kind == TY_ERROR)
            continue;
        if (t.kind == TY_ERROR) {
            t = vt;
        } else if (!same_type(t, vt)) {
            if (is_number(t) && is_number(vt)) {
                t = T_DEC;
            } else {
                diag_error(k->d, values[i]->at, "%s mixes money and numbers: write every value as an amount ($...) or none", what);
                return T_ERROR;
            }
        }
    }
    if (t.kind == TY_ERROR)
        t = T_MONEY;
    int ny = k->m->nyears;
    if (n != 1 && n != ny) {
        diag_error(k->d, at, "%s has %d values, but the contract has %d year%s: give one value for every year, or one for all",
                   what, n, ny, ny == 1 ? "" : "s");
        for (int y = 0; y < ny; y++)
            cells[y].blank = true;
        return t;
    }
    for (int y = 0; y < ny; y++) {
        Expr *v = values[n == 1 ? 0 : y];
        cells[y].blank = v->kind == E_BLANK;
        cells[y].v = v->num;
    }
    for (int i = 0; i < n; i++)
        k->m->nblanks += values[i]->kind == E_BLANK;
    return t;
}

static void check_params(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->params = arena_alloc(&c->arena, sizeof *m->params * (size_t)(c->params.n + 1));
    for (int i = 0; i < c->params.n; i++) {
        ParamDecl *p = &c->params.v[i];
        declare(k, p->name.s, SYM_PARAM, i, p->name.at);
        m->params[i].values = arena_alloc(&c->arena, sizeof(Cell) * (size_t)m->nyears);
        const char *what = arena_printf(&c->arena, "param `%s`", p->name.s);
        m->params[i].type = peryear_cells(k, p->values, p->nvalues, p->values_at, m->params[i].values, what);
    }
}

/* A dimension of a schedule or a table: an enum, named directly or by a
 * field of that enum type, or an integer field.  Returns the enum's index,
 * -1 for integers, -2 after an error. */
static int dimension(Checker *k, Name n, bool integers_allowed)
{
    Sym *s = sym_find(k, n.s);
    if (s && s->kind == SYM_ENUM)
        return s->index;
    if (s && s->kind == SYM_FIELD) {
        Type t = k->m->fields[s->index].type;
        if (t.kind == TY_ENUM)
            return t.enum_id;
        if (t.kind == TY_INTEGER && integers_allowed)
            return -1;
    }
    if (!s && integers_allowed && !strcmp(n.s, "integer"))
        return -1;
    diag_error(k->d, n.at, "`%s` is not %s%s", n.s,
               integers_allowed ? "an enum or an integer or enum field" : "an enum or an enum field",
               s ? "" : did_you_mean(k, n.s, false));
    return -2;
}

/* Integer or member key of a row; -1 on error. */
static bool row_key(Checker *k, Expr *key, int enum_id, int64_t *out)
{
    if (enum_id >= 0) {
        const EnumDef *e = &k->m->enums[enum_id];
        int idx = key->kind == E_NAME ? member_index(e, key->name) : -1;
        if (idx < 0) {
            diag_error(k->d, key->at, "`%s` is not a member of %s%s",
                       key->kind == E_NAME ? key->name : "this", e->name,
                       key->kind == E_NAME ? member_suggestion(k, e, key->name) : "");
            return false;
        }
        *out = idx;
        return true;
    }
    if (key->kind != E_INT) {
        diag_error(k->d, key->at, "a row here is keyed by a whole number");
        return false;
    }
    *out = key->num.n;
    return true;
}

static Type numeric_join(Checker *k, Type t, Type vt, Span at, const char *what)
{
    if (vt.kind == TY_ERROR)
        return t;
    if (t.kind == TY_ERROR)
        return vt;
    if (same_type(t, vt))
        return t;
    if (is_number(t) && is_number(vt))
        return T_DEC;
    diag_error(k->d, at, "%s mixes money and numbers: write every cell as an amount ($...) or none", what);
    return t;
}

/* A derived column's value for one row, from the row's other cells. */
static bool derive(Checker *k, Expr *e, const EnumDef *cols, const Cell *row, Cell *out)
{
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        *out = (Cell){e->num, false};
        return true;
    case E_NAME: {
        int col = member_index(cols, e->name);
        if (col < 0) {
            diag_error(k->d, e->at, "`%s` is not a column of this schedule%s", e->name, member_suggestion(k, cols, e->name));
            return false;
        }
        *out = row[col];
        return true;
    }
    case E_NEG: {
        if (!derive(k, e->a, cols, row, out))
            return false;
        out->v = rat_neg(out->v);
        return true;
    }
    case E_BINARY: {
        Cell a, b;
        if (e->op > OPB_DIV) {
            diag_error(k->d, e->at, "a derived column is computed with + - * / from other columns and numbers");
            return false;
        }
        if (!derive(k, e->a, cols, row, &a) || !derive(k, e->b, cols, row, &b))
            return false;
        out->blank = a.blank || b.blank;
        if (out->blank)
            return true;
        RatStatus st = e->op == OPB_ADD ? rat_add(a.v, b.v, &out->v) : e->op == OPB_SUB ? rat_sub(a.v, b.v, &out->v)
                     : e->op == OPB_MUL ? rat_mul(a.v, b.v, &out->v) : rat_div(a.v, b.v, &out->v);
        if (st != RAT_OK) {
            diag_error(k->d, e->at, "this derived column cannot be computed: %s", rat_status_text(st));
            return false;
        }
        return true;
    }
    default:
        diag_error(k->d, e->at, "a derived column is computed with + - * / from other columns and numbers");
        return false;
    }
}

/* One year block of a schedule into cells[row][col]; rows must match the
 * first block's. */
static void check_grid(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, GridDecl *g, Cell *cells, const char *where)
{
    const EnumDef *cols = &k->m->enums[si->col_enum_id];
    int *colmap = arena_alloc(&k->c->arena, sizeof(int) * (size_t)(g->columns.n + 1));
    bool *have = arena_alloc(&k->c->arena, sizeof(bool) * (size_t)(cols->count + 1));
    for (int i = 0; i < g->columns.n; i++) {
        Name n = g->columns.v[i];
        colmap[i] = member_index(cols, n.s);
        if (colmap[i] < 0)
            diag_error(k->d, n.at, "`%s` is not a member of %s%s", n.s, cols->name, member_suggestion(k, cols, n.s));
        else if (have[colmap[i]])
            diag_error(k->d, n.at, "column %s appears twice", n.s);
        else
            have[colmap[i]] = true;
    }
    int *derived_col = arena_alloc(&k->c->arena, sizeof(int) * (size_t)(g->derived.n + 1));
    for (int i = 0; i < g->derived.n; i++) {
        Name n = g->derived.v[i].name;
        derived_col[i] = member_index(cols, n.s);
        if (derived_col[i] < 0)
            diag_error(k->d, n.at, "`%s` is not a member of %s%s", n.s, cols->name, member_suggestion(k, cols, n.s));
        else if (have[derived_col[i]])
            diag_error(k->d, n.at, "column %s is already given", n.s);
        else
            have[derived_col[i]] = true;
    }
    for (int j = 0; j < cols->count; j++)
        if (!have[j])
            diag_error(k->d, g->row_title.at, "schedule `%s` has no column for %s%s", sd->name.s, cols->members[j], where);
    if (g->rows.n != si->nrows) {
        diag_error(k->d, g->row_title.at, "schedule `%s` has %d rows%s, but %d in its first block", sd->name.s, g->rows.n, where, si->nrows);
        return;
    }
    const char *what = arena_printf(&k->c->arena, "schedule `%s`", sd->name.s);
    for (int r = 0; r < g->rows.n; r++) {
        RowDecl *row = &g->rows.v[r];
        int64_t key;
        if (row_key(k, row->key, si->row_enum ? si->row_enum_id : -1, &key) && key != si->row_keys[r])
            diag_error(k->d, row->key->at, "this row should be %lld, as in the schedule's first block", (long long)si->row_keys[r]);
        Cell *out = cells + (size_t)r * (size_t)si->ncols;
        for (int i = 0; i < cols->count; i++)
            out[i].blank = true;
        if (row->ncells != g->columns.n) {
            const char *missing = row->ncells < g->columns.n ? g->columns.v[row->ncells].s : NULL;
            if (missing)
                diag_error(k->d, row->at, "row %s of schedule `%s`%s has %d cells, but the header has %d columns: no cell for %s",
                           row->key->kind == E_INT ? arena_printf(&k->c->arena, "%lld", (long long)row->key->num.n) : row->key->name,
                           sd->name.s, where, row->ncells, g->columns.n, missing);
            else
                diag_error(k->d, row->cells[g->columns.n]->at, "row %s of schedule `%s` has more cells than the header has columns",
                           row->key->kind == E_INT ? arena_printf(&k->c->arena, "%lld", (long long)row->key->num.n) : row->key->name,
                           sd->name.s);
            continue;
        }
        for (int i = 0; i < row->ncells; i++) {
            if (colmap[i] < 0)
                continue;
            Expr *v = row->cells[i];
            si->cell_type = numeric_join(k, si->cell_type, literal_type(v), v->at, what);
            out[colmap[i]] = (Cell){v->num, v->kind == E_BLANK};
            if (v->kind == E_BLANK)
                k->m->nblanks++;
        }
        for (int i = 0; i < g->derived.n; i++)
            if (derived_col[i] >= 0 && !derive(k, g->derived.v[i].expr, cols, out, &out[derived_col[i]]))
                break;
    }
}

static void check_schedules(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->schedules = arena_alloc(&c->arena, sizeof *m->schedules * (size_t)(c->schedules.n + 1));
    for (int i = 0; i < c->schedules.n; i++) {
        ScheduleDecl *sd = &c->schedules.v[i];
        ScheduleInfo *si = &m->schedules[i];
        si->cell_type = T_ERROR;
        declare(k, sd->name.s, SYM_SCHEDULE, i, sd->name.at);
        int rowdim = dimension(k, sd->row_dim, true);
        int coldim = dimension(k, sd->col_dim, false);
        if (rowdim == -2 || coldim < 0 || sd->blocks.n == 0)
            continue;
        si->row_enum = rowdim >= 0;
        si->row_enum_id = rowdim;
        si->col_enum_id = coldim;
        si->ncols = m->enums[coldim].count;
        /* the first block fixes the rows */
        GridDecl *first = &sd->blocks.v[0];
        si->nrows = first->rows.n;
        si->row_keys = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)(si->nrows + 1));
        bool rows_ok = true;
        for (int r = 0; r < si->nrows; r++) {
            if (!row_key(k, first->rows.v[r].key, rowdim, &si->row_keys[r])) {
                rows_ok = false;
                continue;
            }
            if (r > 0 && si->row_keys[r] <= si->row_keys[r - 1] && rowdim < 0) {
                diag_error(k->d, first->rows.v[r].key->at, "rows of schedule `%s` must go up one at a time", sd->name.s);
                rows_ok = false;
            } else if (r > 0 && rowdim < 0 && si->row_keys[r] != si->row_keys[r - 1] + 1) {
                diag_error(k->d, first->rows.v[r].key->at, "schedule `%s` has no row for %s %lld", sd->name.s,
                           sd->row_dim.s, (long long)si->row_keys[r - 1] + 1);
                rows_ok = false;
            }
        }
        if (rowdim >= 0 && rows_ok) {
            /* enum rows: every member once, stored in member order */
            const EnumDef *re = &m->enums[rowdim];
            if (si->nrows != re->count) {
                for (int j = 0; j < re->count; j++) {
                    bool found = false;
                    for (int r = 0; r < si->nrows; r++)
                        found |= si->row_keys[r] == j;
                    if (!found)
                        diag_error(k->d, sd->name.at, "schedule `%s` has no row for %s", sd->name.s, re->members[j]);
                }
                rows_ok = false;
            }
        }
        if (rowdim < 0 && rows_ok && si->nrows > 0) {
            Sym *s = sym_find(k, sd->row_dim.s);
            const FieldDef *f = s && s->kind == SYM_FIELD ? &m->fields[s->index] : NULL;
            if (f && f->has_range && si->row_keys[0] > f->lo)
                diag_error(k->d, first->rows.v[0].key->at, "schedule `%s` has no row for %s %lld, which `%s` allows",
                           sd->name.s, sd->row_dim.s, (long long)f->lo, f->name);
            else if (f && f->has_range && si->row_keys[si->nrows - 1] < f->hi && !sd->clamp)
                diag_error(k->d, first->rows.v[si->nrows - 1].key->at,
                           "schedule `%s` has no row for %s %lld, which `%s` allows; add the rows, or write `clamp` after `by %s, %s` to use the last row",
                           sd->name.s, sd->row_dim.s, (long long)si->row_keys[si->nrows - 1] + 1, f->name,
                           sd->row_dim.s, sd->col_dim.s);
        }
        if (!rows_ok)
            continue;
        size_t per_year = (size_t)si->nrows * (size_t)si->ncols;
        si->cells = arena_alloc(&c->arena, sizeof(Cell) * (per_year * (size_t)m->nyears + 1));
        if (sd->blocks.n == 1 && !first->year) {
            check_grid(k, sd, si, first, si->cells, "");
            for (int y = 1; y < m->nyears; y++)
                memcpy(si->cells + per_year * (size_t)y, si->cells, per_year * sizeof(Cell));
        } else {
            bool *seen = arena_alloc(&c->arena, sizeof(bool) * (size_t)(m->nyears + 1));
            for (int b = 0; b < sd->blocks.n; b++) {
                GridDecl *g = &sd->blocks.v[b];
                int y = g->year ? find_year(m, g->year) : -1;
                if (!g->year) {
                    diag_error(k->d, g->row_title.at, "schedule `%s` has blocks for some years: give this one its year", sd->name.s);
                    continue;
                }
                if (y < 0) {
                    diag_error(k->d, g->year_at, "\"%s\" is not one of the contract's years", g->year);
                    continue;
                }
                if (seen[y]) {
                    diag_error(k->d, g->year_at, "schedule `%s` has two blocks for \"%s\"", sd->name.s, g->year);
                    continue;
                }
                seen[y] = true;
                check_grid(k, sd, si, g, si->cells + per_year * (size_t)y,
                           arena_printf(&c->arena, " in \"%s\"", g->year));
            }
            for (int y = 0; y < m->nyears; y++)
                if (!seen[y])
                    diag_error(k->d, sd->name.at, "schedule `%s` has no block for \"%s\"", sd->name.s,
                               c->years.n ? c->years.v[y].s : "");
        }
        if (si->cell_type.kind == TY_ERROR)
            si->cell_type = T_MONEY;
    }
}

static void check_tables(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->tables = arena_alloc(&c->arena, sizeof *m->tables * (size_t)(c->tables.n + 1));
    for (int i = 0; i < c->tables.n; i++) {
        TableDecl *td = &c->tables.v[i];
        TableInfo *ti = &m->tables[i];
        ti->value_type = T_ERROR;
        declare(k, td->name.s, SYM_TABLE, i, td->name.at);
        int dim = dimension(k, td->key_dim, true);
        if (dim == -2)
            continue;
        ti->key_enum = dim >= 0;
        ti->key_enum_id = dim;
        ti->nkeys = dim >= 0 ? m->enums[dim].count : td->rows.n;
        ti->keys = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)(ti->nkeys + 1));
        ti->cells = arena_alloc(&c->arena, sizeof(Cell) * ((size_t)ti->nkeys * (size_t)m->nyears + 1));
        bool *have = arena_alloc(&c->arena, sizeof(bool) * (size_t)(ti->nkeys + 1));
        const char *what = arena_printf(&c->arena, "table `%s`", td->name.s);
        Cell *row_cells = arena_alloc(&c->arena, sizeof(Cell) * (size_t)m->nyears);
        for (int r = 0; r < td->rows.n; r++) {
            RowDecl *row = &td->rows.v[r];
            int64_t key;
            if (!row_key(k, row->key, dim, &key))
                continue;
            int slot = r;
            if (dim >= 0) {
                slot = (int)key;
                if (have[slot]) {
                    diag_error(k->d, row->key->at, "table `%s` has two rows for %s", td->name.s, row->key->name);
                    continue;
                }
            } else if (r > 0 && key <= ti->keys[r - 1]) {
                diag_error(k->d, row->key->at, "rows of table `%s` must be in increasing order", td->name.s);
            }
            have[slot] = true;
            ti->keys[slot] = key;
            Type t = peryear_cells(k, row->cells, row->ncells, row->at, row_cells, what);
            ti->value_type = numeric_join(k, ti->value_type, t, row->at, what);
            for (int y = 0; y < m->nyears; y++)
                ti->cells[(size_t)y * (size_t)ti->nkeys + (size_t)slot] = row_cells[y];
        }
        if (dim >= 0)
            for (int j = 0; j < ti->nkeys; j++)
                if (!have[j])
                    diag_error(k->d, td->name.at, "table `%s` has no row for %s", td->name.s, m->enums[dim].members[j]);
        if (ti->value_type.kind == TY_ERROR)
            ti->value_type = T_MONEY;
    }
}

/* ---- expressions ---- */

static Type check(Checker *k, Expr *e, const Type *hint);
static void check_node(Checker *k, int node);

static void depend(Checker *k, int node, Span at)
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
        int idx = member_index(&k->m->enums[hint->enum_id], e->name);
        if (idx >= 0) {
            e->ref = REF_MEMBER;
            e->ref_index = idx;
            return *hint;
        }
    }
    Sym *s = sym_find(k, e->name);
    if (s) {
        e->ref_index = s->index;
        switch (s->kind) {
        case SYM_FIELD:
            e->ref = REF_FIELD;
            return k->m->fields[s->index].type;
        case SYM_PARAM:
            e->ref = REF_PARAM;
            k->m->params[s->index].used = true;
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
        if (member_index(&k->m->enums[i], e->name) >= 0) {
            found = i;
            count++;
        }
    if (count == 1) {
        e->ref = REF_MEMBER;
        e->ref_index = member_index(&k->m->enums[found], e->name);
        return (Type){TY_ENUM, found};
    }
    if (count > 1) {
        diag_error(k->d, e->at, "`%s` is a member of more than one enum: compare it with a field so the enum is clear", e->name);
        return T_ERROR;
    }
    if (hint && hint->kind == TY_ENUM) {
        const EnumDef *en = &k->m->enums[hint->enum_id];
        diag_error(k->d, e->at, "`%s` is not a member of %s%s", e->name, en->name, member_suggestion(k, en, e->name));
        return T_ERROR;
    }
    diag_error(k->d, e->at, "unknown name `%s`%s", e->name, did_you_mean(k, e->name, true));
    return T_ERROR;
}

static const char *article_type(Checker *k, Type t)
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

static Type arith(Checker *k, Expr *e, Type a, Type b)
{
    if (a.kind == TY_ERROR || b.kind == TY_ERROR)
        return T_ERROR;
    if (!is_numeric(a) || !is_numeric(b)) {
        diag_error(k->d, e->at, "`%s` works on numbers and money, not on %s", binop_text(e->op),
                   article_type(k, is_numeric(a) ? b : a));
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
        diag_error(k->d, e->at, "cannot %s money and %s: write the number as an amount ($...) or multiply it by one",
                   e->op == OPB_ADD ? "add" : "subtract", article_type(k, ma ? b : a));
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
                   article_type(k, a.kind == TY_MONEY ? b : a));
        return T_BOOL;
    }
    if (a.kind == TY_DATE && b.kind == TY_DATE)
        return T_BOOL;
    if (same_type(a, b) && (a.kind == TY_ENUM || a.kind == TY_BOOL || a.kind == TY_TEXT)) {
        if (!eq)
            diag_error(k->d, e->at, "%s values are compared with = or != only", type_name(k->m, a));
        return T_BOOL;
    }
    diag_error(k->d, e->at, "cannot compare %s with %s", article_type(k, a), article_type(k, b));
    return T_BOOL;
}

static Type expect_type(Checker *k, Expr *e, Type t, TypeKind want, const char *what)
{
    if (t.kind != TY_ERROR && t.kind != want) {
        Type w = {want, 0};
        diag_error(k->d, e->at, "%s must be %s, but this is %s", what, article_type(k, w), article_type(k, t));
    }
    return t;
}

static Type check_call(Checker *k, Expr *e)
{
    int b = builtin_find(e->name);
    if (b < 0) {
        Sym *s = sym_find(k, e->name);
        if (s && (s->kind == SYM_SCHEDULE || s->kind == SYM_TABLE))
            diag_error(k->d, e->at, "`%s` is a %s: look it up with [ ], as in %s[...]", e->name, sym_kind_text(s->kind), e->name);
        else {
            Suggestion sg = {NULL, 99, e->name};
            for (int i = 0; i < nbuiltins; i++)
                consider(&sg, builtins[i].name);
            diag_error(k->d, e->at, "unknown function `%s`%s", e->name,
                       sg.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", sg.best) : "");
        }
        for (int i = 0; i < e->nargs; i++)
            check(k, e->args[i], NULL);
        return T_ERROR;
    }
    const Builtin *bi = &builtins[b];
    e->ref = REF_BUILTIN;
    e->ref_index = b;
    if (bi->sig == SIG_AGGREGATE) {
        if (bi->aggregate == AGG_COUNT && e->nargs == 1) {
            Type t = check(k, e->args[0], NULL);
            if (t.kind != TY_ERROR && t.kind != TY_LIST)
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
        for (int i = 0; i < e->nargs; i++)
            check(k, e->args[i], NULL);
        return T_ERROR;
    }
    switch (bi->sig) {
    case SIG_ROUND: {
        Type t = check(k, e->args[0], NULL);
        if (t.kind != TY_ERROR && !is_numeric(t)) {
            diag_error(k->d, e->args[0]->at, "%s( ) rounds money or a number, not %s", bi->name, article_type(k, t));
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
                return t.kind == TY_MONEY ? t : T_DEC;
            } else {
                diag_error(k->d, u->at, "the second argument of %s( ) is `cents`, `dollars` or a number of decimal places (0 to 12)", bi->name);
            }
            return t;
        }
        return t.kind == TY_MONEY || t.kind == TY_ERROR ? t : T_INT;
    }
    case SIG_SAME:
    case SIG_ONE: {
        Type t = T_ERROR;
        for (int i = 0; i < e->nargs; i++) {
            Type at = check(k, e->args[i], NULL);
            if (at.kind == TY_ERROR)
                continue;
            if (!is_numeric(at)) {
                diag_error(k->d, e->args[i]->at, "%s( ) works on numbers and money, not on %s", bi->name, article_type(k, at));
                return T_ERROR;
            }
            if (t.kind == TY_ERROR)
                t = at;
            else if (is_number(t) && is_number(at))
                t = t.kind == TY_INTEGER && at.kind == TY_INTEGER ? T_INT : T_DEC;
            else if (!same_type(t, at)) {
                diag_error(k->d, e->args[i]->at, "%s( ) needs all money or all numbers: write the number as an amount ($...)", bi->name);
                return T_ERROR;
            }
        }
        return t;
    }
    case SIG_PRORATE: {
        Type t = check(k, e->args[0], NULL);
        Type p = check(k, e->args[1], NULL), w = check(k, e->args[2], NULL);
        if (t.kind != TY_ERROR && !is_numeric(t))
            diag_error(k->d, e->args[0]->at, "prorate( ) prorates money or a number, not %s", article_type(k, t));
        if (p.kind != TY_ERROR && w.kind != TY_ERROR && !((is_number(p) && is_number(w)) || (p.kind == TY_MONEY && w.kind == TY_MONEY)))
            diag_error(k->d, e->args[1]->at, "prorate( )'s part and whole must be numbers of the same kind (days and days, hours and hours)");
        return t.kind == TY_INTEGER ? T_DEC : t;
    }
    case SIG_DATES:
        for (int i = 0; i < 2; i++)
            expect_type(k, e->args[i], check(k, e->args[i], NULL), TY_DATE, arena_printf(&k->c->arena, "%s( )'s arguments", bi->name));
        return T_INT;
    case SIG_AGGREGATE:
        break;
    }
    return T_ERROR;
}

/* sum(x for p in list if cond) and its kin */
static Type check_comprehension(Checker *k, Expr *e)
{
    int b = builtin_find(e->name);
    Type lt = check(k, e->b, NULL);
    if (b < 0 || builtins[b].sig != SIG_AGGREGATE) {
        diag_error(k->d, e->at, "`for` goes inside sum( ), count( ), any( ) or all( ), not %s( )", e->name);
        return T_ERROR;
    }
    e->ref = REF_BUILTIN;
    e->ref_index = b;
    Type elem = T_ERROR;
    if (lt.kind == TY_LIST)
        elem = (Type){TY_ENUM, lt.enum_id};
    else if (lt.kind != TY_ERROR)
        diag_error(k->d, e->b->at, "`for %s in` needs a list, and this is %s", e->var, article_type(k, lt));
    if (k->nlocals == MAX_LOCALS) {
        diag_error(k->d, e->at, "comprehensions are nested too deeply");
        return T_ERROR;
    }
    k->locals[k->nlocals].name = e->var;
    k->locals[k->nlocals].type = elem;
    k->locals[k->nlocals].slot = k->m->nlocals++;
    e->ref_index = b;
    e->num = rat_int(k->locals[k->nlocals].slot); /* the loop variable's slot */
    k->nlocals++;
    Type body = check(k, e->a, NULL);
    if (e->c)
        expect_type(k, e->c, check(k, e->c, NULL), TY_BOOL, "the condition after `if`");
    k->nlocals--;
    switch (builtins[b].aggregate) {
    case AGG_SUM:
        if (body.kind != TY_ERROR && !is_numeric(body))
            diag_error(k->d, e->a->at, "sum( ) adds money or numbers, not %s", article_type(k, body));
        return body;
    case AGG_COUNT:
        return T_INT; /* counts the members that pass `if`, or, for a yes/no, those for which it is yes */
    case AGG_ANY:
    case AGG_ALL:
        expect_type(k, e->a, body, TY_BOOL, arena_printf(&k->c->arena, "what %s( ) tests", e->name));
        return T_BOOL;
    case AGG_NONE:
        break;
    }
    return T_ERROR;
}

static Type check_index(Checker *k, Expr *e)
{
    Sym *s = sym_find(k, e->name);
    if (!s || (s->kind != SYM_SCHEDULE && s->kind != SYM_TABLE)) {
        if (s)
            diag_error(k->d, e->at, "`%s` is a %s, not a schedule or table, so it cannot be looked up with [ ]", e->name, sym_kind_text(s->kind));
        else
            diag_error(k->d, e->at, "unknown schedule or table `%s`%s", e->name, did_you_mean(k, e->name, false));
        for (int i = 0; i < e->nargs; i++)
            check(k, e->args[i], NULL);
        return T_ERROR;
    }
    e->ref_index = s->index;
    if (s->kind == SYM_SCHEDULE) {
        e->ref = REF_SCHEDULE;
        ScheduleInfo *si = &k->m->schedules[s->index];
        si->used = true;
        ScheduleDecl *sd = &k->c->schedules.v[s->index];
        if (e->nargs != 2) {
            diag_error(k->d, e->at, "schedule `%s` is looked up by %s and %s: %s[%s, %s]", e->name, sd->row_dim.s, sd->col_dim.s,
                       e->name, sd->row_dim.s, sd->col_dim.s);
            return T_ERROR;
        }
        Type rh = si->row_enum ? (Type){TY_ENUM, si->row_enum_id} : T_INT;
        Type r = check(k, e->args[0], &rh);
        Type ch = {TY_ENUM, si->col_enum_id};
        Type col = check(k, e->args[1], &ch);
        if (r.kind != TY_ERROR && !same_type(r, rh))
            diag_error(k->d, e->args[0]->at, "the row of schedule `%s` is %s, but this is %s", e->name, article_type(k, rh), article_type(k, r));
        if (col.kind != TY_ERROR && !same_type(col, ch))
            diag_error(k->d, e->args[1]->at, "the column of schedule `%s` is %s, but this is %s", e->name, article_type(k, ch), article_type(k, col));
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
    Type kt = check(k, e->args[0], &kh);
    if (kt.kind != TY_ERROR && !same_type(kt, kh))
        diag_error(k->d, e->args[0]->at, "table `%s` is keyed by %s, but this is %s", e->name, article_type(k, kh), article_type(k, kt));
    return ti->value_type;
}

static Type check_in(Checker *k, Expr *e)
{
    if (e->b->kind == E_SET) {
        Type a = check(k, e->a, NULL);
        for (int i = 0; i < e->b->nargs; i++) {
            Type t = check(k, e->b->args[i], &a);
            if (a.kind != TY_ERROR && t.kind != TY_ERROR && !same_type(a, t) && !(is_number(a) && is_number(t)))
                diag_error(k->d, e->b->args[i]->at, "this is %s, but the value tested is %s", article_type(k, t), article_type(k, a));
        }
        e->b->type = a;
        return T_BOOL;
    }
    if (e->b->kind == E_TEXT) {
        diag_error(k->d, e->b->at, "`in \"%s\"` names a contract year, which only an example's `expect` can do", e->b->name);
        return T_ERROR;
    }
    Type l = check(k, e->b, NULL);
    if (l.kind == TY_ERROR) {
        check(k, e->a, NULL);
        return T_BOOL;
    }
    if (l.kind != TY_LIST) {
        diag_error(k->d, e->b->at, "after `in` comes a list, a set [a, b] or a range a..b; this is %s", article_type(k, l));
        return T_BOOL;
    }
    Type elem = {TY_ENUM, l.enum_id};
    Type a = check(k, e->a, &elem);
    if (a.kind != TY_ERROR && !same_type(a, elem))
        diag_error(k->d, e->a->at, "%s holds %s members, but this is %s", type_name(k->m, l), k->m->enums[l.enum_id].name, article_type(k, a));
    return T_BOOL;
}

static Type check(Checker *k, Expr *e, const Type *hint)
{
    if (e->kind == E_BINARY && e->op == OPB_DIV)
        make_peryear(k, e);
    Type t = T_ERROR;
    switch (e->kind) {
    case E_ERROR: break; /* the parser reported it */
    case E_INT: t = T_INT; break;
    case E_DEC: t = T_DEC; break;
    case E_MONEY: t = T_MONEY; break;
    case E_BLANK:
        t = hint && is_numeric(*hint) ? *hint : T_MONEY;
        k->m->nblanks++;
        break;
    case E_BOOL: t = T_BOOL; break;
    case E_TEXT: t = T_TEXT; break;
    case E_DATE: t = T_DATE; break;
    case E_PERYEAR: t = T_MONEY; break;
    case E_NAME: t = resolve_name(k, e, hint); break;
    case E_NEG: {
        Type a = check(k, e->a, hint);
        if (a.kind != TY_ERROR && !is_numeric(a))
            diag_error(k->d, e->at, "`-` works on numbers and money, not on %s", article_type(k, a));
        else
            t = a;
        break;
    }
    case E_NOT:
        expect_type(k, e->a, check(k, e->a, NULL), TY_BOOL, "what `not` negates");
        t = T_BOOL;
        break;
    case E_BINARY:
        if (e->op == OPB_AND || e->op == OPB_OR) {
            const char *what = e->op == OPB_AND ? "each side of `and`" : "each side of `or`";
            expect_type(k, e->a, check(k, e->a, NULL), TY_BOOL, what);
            expect_type(k, e->b, check(k, e->b, NULL), TY_BOOL, what);
            t = T_BOOL;
        } else if (e->op >= OPB_EQ) {
            /* the side that is not a bare name gives the other its enum */
            Type a, b;
            if (e->a->kind == E_NAME && e->b->kind != E_NAME) {
                b = check(k, e->b, NULL);
                a = check(k, e->a, &b);
            } else {
                a = check(k, e->a, NULL);
                b = check(k, e->b, &a);
            }
            t = compare(k, e, a, b);
        } else {
            Type a = check(k, e->a, hint);
            Type b = check(k, e->b, hint);
            t = arith(k, e, a, b);
        }
        break;
    case E_IN_RANGE: {
        Type a = check(k, e->a, NULL);
        Type lo = check(k, e->b, &a), hi = check(k, e->c, &a);
        Expr cmp = {.kind = E_BINARY, .op = OPB_LE, .at = e->at};
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
        diag_error(k->d, e->at, "a set [a, b] goes after `in`, as in `lane in [BA, MA]`");
        for (int i = 0; i < e->nargs; i++)
            check(k, e->args[i], NULL);
        break;
    case E_IF: {
        expect_type(k, e->a, check(k, e->a, NULL), TY_BOOL, "the condition of `if`");
        Type a = check(k, e->b, hint);
        Type b = check(k, e->c, a.kind != TY_ERROR ? &a : hint);
        if (a.kind == TY_ERROR || b.kind == TY_ERROR)
            t = T_ERROR;
        else if (same_type(a, b))
            t = a;
        else if (is_number(a) && is_number(b))
            t = T_DEC;
        else
            diag_error(k->d, e->at, "the two branches of this `if` give %s and %s: they must give the same kind of value",
                       article_type(k, a), article_type(k, b));
        break;
    }
    case E_CALL: t = check_call(k, e); break;
    case E_COMPREH: t = check_comprehension(k, e); break;
    case E_INDEX: t = check_index(k, e); break;
    }
    e->type = t;
    return t;
}

/* ---- definitions and components ---- */

static void declare_defs(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->def_types = arena_alloc(&c->arena, sizeof(Type) * (size_t)(c->defs.n + 1));
    m->comp_types = arena_alloc(&c->arena, sizeof(Type) * (size_t)(c->components.n + 1));
    for (int i = 0; i < c->defs.n; i++)
        declare(k, c->defs.v[i].name.s, SYM_DEF, i, c->defs.v[i].name.at);
    for (int i = 0; i < c->components.n; i++) {
        ComponentDecl *comp = &c->components.v[i];
        Span at = comp->rules.n ? c->rules.v[comp->rules.v[0]].component.at : comp->policy_at;
        declare(k, comp->name.s, SYM_COMPONENT, i, at);
        if (comp->rules.n == 0)
            diag_error(k->d, comp->policy_at, "component `%s` has a policy but no rules", comp->name.s);
    }
}

/* Definitions are typed in dependency order: each is checked on first use,
 * in its own scope, and a cycle is left for order_nodes to report. */
static void check_node(Checker *k, int node)
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
        k->m->def_types[node] = check(k, def->expr, NULL);
    } else {
        int ci = node - c->defs.n;
        ComponentDecl *comp = &c->components.v[ci];
        Type t = T_ERROR;
        Span first_at = {0, 0};
        for (int i = 0; i < comp->rules.n; i++) {
            RuleDecl *r = &c->rules.v[comp->rules.v[i]];
            if (r->when)
                expect_type(k, r->when, check(k, r->when, NULL), TY_BOOL, "a rule's condition after `when`");
            Type at = check(k, r->amount, t.kind != TY_ERROR ? &t : NULL);
            if (at.kind == TY_ERROR)
                continue;
            if (!is_numeric(at)) {
                diag_error(k->d, r->amount->at, "a rule adds money or a number, not %s", article_type(k, at));
            } else if (t.kind == TY_ERROR) {
                t = at;
                first_at = r->amount->at;
            } else if (is_number(t) && is_number(at)) {
                t = t.kind == TY_INTEGER && at.kind == TY_INTEGER ? T_INT : T_DEC;
            } else if (!same_type(t, at)) {
                diag_error(k->d, r->amount->at, "this rule adds %s, but an earlier rule of `%s` adds %s: a component adds one kind of value",
                           article_type(k, at), comp->name.s, article_type(k, t));
                diag_note(k->d, first_at, "the earlier rule's amount");
            }
            for (int j = 0; j < i; j++) {
                RuleDecl *o = &c->rules.v[comp->rules.v[j]];
                if (r->label.s && o->label.s && !strcmp(r->label.s, o->label.s))
                    diag_error(k->d, r->label.at, "component `%s` already has a rule labelled `%s`", comp->name.s, r->label.s);
            }
        }
        k->m->comp_types[ci] = t.kind == TY_ERROR ? T_MONEY : t;
    }
    k->cur = saved;
    k->local_base = saved_base;
    k->state[node] = 2;
}

/* Orders definitions and components so each comes after what it uses;
 * a cycle is reported with every step of it. */
static void order_nodes(Checker *k)
{
    Contract *c = k->c;
    int n = c->defs.n + c->components.n;
    k->m->order = arena_alloc(&c->arena, sizeof(Node) * (size_t)(n + 1));
    char *state = arena_alloc(&c->arena, (size_t)n + 1); /* 0 new, 1 on the path, 2 done */
    int *path = arena_alloc(&c->arena, sizeof(int) * (size_t)(n + 1));
    int *edge = arena_alloc(&c->arena, sizeof(int) * (size_t)(n + 1));
    for (int root = 0; root < n; root++) {
        if (state[root])
            continue;
        /* iterative depth-first search: recursion depth would follow the contract */
        int depth = 0;
        path[0] = root;
        edge[0] = 0;
        state[root] = 1;
        while (depth >= 0) {
            int node = path[depth];
            if (edge[depth] < k->deps[node].n) {
                Dep dep = k->deps[node].v[edge[depth]++];
                if (state[dep.node] == 0) {
                    state[dep.node] = 1;
                    path[++depth] = dep.node;
                    edge[depth] = 0;
                } else if (state[dep.node] == 1) {
                    int from = depth;
                    while (path[from] != dep.node)
                        from--;
                    const char *name = dep.node < c->defs.n ? c->defs.v[dep.node].name.s : c->components.v[dep.node - c->defs.n].name.s;
                    diag_error(k->d, dep.at, "`%s` depends on itself", name);
                    for (int i = from; i <= depth; i++) {
                        int a = path[i];
                        int b = i < depth ? path[i + 1] : dep.node;
                        const char *an = a < c->defs.n ? c->defs.v[a].name.s : c->components.v[a - c->defs.n].name.s;
                        const char *bn = b < c->defs.n ? c->defs.v[b].name.s : c->components.v[b - c->defs.n].name.s;
                        Span at = dep.at;
                        for (int j = 0; j < k->deps[a].n; j++)
                            if (k->deps[a].v[j].node == b) {
                                at = k->deps[a].v[j].at;
                                break;
                            }
                        diag_note(k->d, at, "`%s` uses `%s`", an, bn);
                    }
                }
            } else {
                state[node] = 2;
                k->m->order[k->m->norder++] = node < c->defs.n ? (Node){NODE_DEF, node} : (Node){NODE_COMPONENT, node - c->defs.n};
                depth--;
            }
        }
    }
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
        check(k, e, NULL);
        if (e->type.kind != TY_ERROR && e->ref == REF_MEMBER) {
            diag_error(k->d, e->at, "`%s` is an enum member, not something to output", e->name);
            e->type = T_ERROR;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(c->outputs.v[j].s, e->name))
                diag_error(k->d, e->at, "`%s` is already in the output", e->name);
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
                       s ? "" : did_you_mean(k, b->name.s, false));
            check(k, b->expr, NULL);
            continue;
        }
        Type ft = k->m->fields[s->index].type;
        Type t = check(k, b->expr, &ft);
        k->m->each_year_field[i] = s->index;
        if (t.kind != TY_ERROR && !same_type(t, ft) && !(ft.kind == TY_DECIMAL && t.kind == TY_INTEGER))
            diag_error(k->d, b->expr->at, "`%s` is %s, but this gives %s", b->name.s, article_type(k, ft), article_type(k, t));
        for (int j = 0; j < i; j++)
            if (!strcmp(c->each_year.v[j].name.s, b->name.s))
                diag_error(k->d, b->name.at, "`each year:` sets `%s` twice", b->name.s);
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

static void check_binding_value(Checker *k, Binding *b, Type want)
{
    Type t;
    if (b->expr->kind == E_SET && want.kind == TY_LIST) {
        Type elem = {TY_ENUM, want.enum_id};
        for (int i = 0; i < b->expr->nargs; i++) {
            Type mt = check(k, b->expr->args[i], &elem);
            if (mt.kind != TY_ERROR && !same_type(mt, elem))
                diag_error(k->d, b->expr->args[i]->at, "`%s` holds %s members", b->name.s, k->m->enums[want.enum_id].name);
        }
        b->expr->type = t = want;
    } else if (b->expr->kind == E_SET) {
        diag_error(k->d, b->expr->at, "`%s` is %s, not a list", b->name.s, article_type(k, want));
        return;
    } else {
        t = check(k, b->expr, &want);
    }
    if (t.kind == TY_ERROR || want.kind == TY_ERROR)
        return;
    if (!is_constant(b->expr))
        diag_error(k->d, b->expr->at, "an example gives and expects plain values (an amount, a number, a member...), not a formula");
    else if (!same_type(t, want) && !(want.kind == TY_DECIMAL && t.kind == TY_INTEGER))
        diag_error(k->d, b->expr->at, "`%s` is %s, but this is %s", b->name.s, article_type(k, want), article_type(k, t));
}

static void check_examples(Checker *k)
{
    Contract *c = k->c;
    for (int i = 0; i < c->examples.n; i++) {
        ExampleDecl *ex = &c->examples.v[i];
        for (int j = 0; j < ex->given.n; j++) {
            Binding *b = &ex->given.v[j];
            Sym *s = sym_find(k, b->name.s);
            if (!s || (s->kind != SYM_FIELD && s->kind != SYM_PARAM)) {
                diag_error(k->d, b->name.at, "`given` sets fields of the employee record or params, and `%s` is neither%s", b->name.s,
                           s ? "" : did_you_mean(k, b->name.s, false));
                continue;
            }
            Type want = s->kind == SYM_FIELD ? k->m->fields[s->index].type : k->m->params[s->index].type;
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
            Expr *target = name_expr(k, b->name);
            Type want = check(k, target, NULL);
            if (want.kind == TY_ERROR)
                continue;
            if (target->ref != REF_DEF && target->ref != REF_COMPONENT && target->ref != REF_FIELD && target->ref != REF_PARAM) {
                diag_error(k->d, b->name.at, "`expect` checks definitions, components, fields or params, and `%s` is none", b->name.s);
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
            for (int r = 0; r < g->rows.n; r++)
                for (int j = 0; j < g->rows.v[r].ncells; j++)
                    if (g->rows.v[r].cells[j]->kind == E_BLANK) {
                        const char *col = j < g->columns.n ? g->columns.v[j].s : "?";
                        Expr *key = g->rows.v[r].key;
                        const char *row = key->kind == E_NAME ? key->name : arena_printf(&c->arena, "%lld", (long long)key->num.n);
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
    int nsyms = c->fields.n + c->params.n + c->defs.n + c->components.n + c->schedules.n + c->tables.n + c->enums.n;
    Checker k = {.c = c, .d = d, .m = m, .opt = opt, .cur = -1};
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
    check_fields(&k);
    check_params(&k);
    check_schedules(&k);
    check_tables(&k);
    declare_defs(&k);
    for (int i = 0; i < nnodes; i++)
        check_node(&k, i);
    check_outputs(&k);
    check_each_year(&k);
    check_examples(&k);
    order_nodes(&k);
    if (d->errors == errors) {
        warn_unused(&k);
        list_blanks(&k);
        prove_components(m, d, opt.strict);
    }
    return d->errors == errors;
}
