/* check_decls.c: the declarations: contract years, enums, the employee
 * record, params, schedules and tables, laid out per contract year. */
#include "checker.h"

#include <string.h>

#include "ops.h"

void check_years(Checker *k)
{
    Contract *c = k->c;
    k->m->nyears = c->years.n ? c->years.n : 1;
    for (int i = 0; i < c->years.n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(c->years.v[i].s, c->years.v[j].s) == 0) {
                diag_error(k->d, c->years.v[i].at, "contract year \"%s\" is listed twice", c->years.v[i].s);
                break;
            }
}

void check_enums(Checker *k)
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
            if (!strcmp(md->name.s, "contract_year")) /* `cents` compared with a member is the member */
                refuse_built_in(k, md->name.s, "enum member", md->name.at);
            for (int p = 0; p < j; p++)
                if (strcmp(e->members[p], md->name.s) == 0) {
                    diag_error(k->d, md->name.at, "`%s` is already a member of %s", md->name.s, e->name);
                    break;
                }
            e->members[j] = md->name.s;
            e->display[j] = md->display;
        }
        if (ed->name.s)
            sym_declare(k, ed->name.s, SYM_ENUM, i, ed->name.at);
    }
    m->schema.nenums = c->enums.n;
    m->schema.enums = m->enums;
}

static int find_enum(Checker *k, const char *name)
{
    Sym *s = sym_find(k, name);
    return s && s->kind == SYM_ENUM ? s->index : -1;
}

/* The record type called name, or -1. */
static int find_record(Checker *k, const char *name)
{
    for (int i = 0; i < k->m->nrecords; i++)
        if (!strcmp(k->m->records[i].name, name))
            return i;
    return -1;
}

/* A field's type and range, from its declaration (an employee's or a
 * record's). */
static void resolve_field(Checker *k, const FieldDecl *fd, FieldDef *f)
{
    Contract *c = k->c;
    Model *m = k->m;
    f->name = fd->name.s;
    f->type = T_ERROR;
    const char *t = fd->type.s;
    if (fd->yesno) {
        f->type = T_BOOL;
    } else if (fd->list) {
        int e = find_enum(k, t), r = find_record(k, t);
        if (r >= 0)
            f->type = (Type){TY_RECORDS, r};
        else if (e < 0)
            diag_error(k->d, fd->type.at, "`list of` needs an enum or a record, and `%s` is neither%s", t, suggest(k, t, false));
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
                suggest_consider(&s, types[j]);
            for (int j = 0; j < c->enums.n; j++)
                suggest_consider(&s, m->enums[j].name);
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
}

/* How a default of field f is written, for messages. */
static const char *default_example(Checker *k, const FieldDef *f)
{
    Type t = f->type;
    switch (t.kind) {
    case TY_INTEGER: return f->has_range ? arena_printf(&k->c->arena, "%lld", (long long)f->lo) : "0";
    case TY_MONEY: return "$0";
    case TY_BOOL: return "no";
    case TY_TEXT: return "\"\"";
    case TY_DATE: return "2024-07-01";
    case TY_ENUM: return k->m->enums[t.enum_id].count ? k->m->enums[t.enum_id].members[0] : "?";
    case TY_LIST: return "[]";
    default: return "0";
    }
}

/* What a default of type t is, for messages. */
static const char *default_kind(Checker *k, Type t)
{
    switch (t.kind) {
    case TY_INTEGER: return "a whole number";
    case TY_DECIMAL: return "a number";
    case TY_MONEY: return "an amount";
    case TY_BOOL: return "yes or no";
    case TY_TEXT: return "quoted text";
    case TY_DATE: return "a date";
    case TY_ENUM: return arena_printf(&k->c->arena, "a member of %s", k->m->enums[t.enum_id].name);
    default: return "the empty list";
    }
}

/* The type a default literal is written as, or T_ERROR. */
static Type default_literal_type(const Expr *e, Type want)
{
    switch (e->kind) {
    case E_INT: return want.kind == TY_DECIMAL ? T_DEC : T_INT;
    case E_DEC: return T_DEC;
    case E_MONEY: return T_MONEY;
    case E_BOOL: return T_BOOL;
    case E_TEXT: return T_TEXT;
    case E_DATE: return T_DATE;
    case E_NAME: return want.kind == TY_ENUM ? want : T_ERROR;
    case E_SET: return want.kind == TY_LIST ? want : T_ERROR;
    default: return T_ERROR;
    }
}

/* field -> name ':' [optional] type ['=' default]: the default must be a
 * literal of the field's type (a member, for an enum; [] for a list), and
 * the field that names employees cannot have one. */
static void field_default(Checker *k, const FieldDecl *fd, FieldDef *f, bool is_id)
{
    if (f->type.kind == TY_RECORDS) /* check_record_ids: records have no default */
        return;
    if (!fd->deflt) {
        if (fd->optional && f->type.kind != TY_ERROR) {
            const char *t = type_name(k->m, f->type);
            if (f->has_range)
                t = arena_printf(&k->c->arena, "%s %lld to %lld", t, (long long)f->lo, (long long)f->hi);
            diag_error(k->d, fd->optional_at, "`%s` is optional but has no default: say what a missing column or an empty cell "
                       "means, as in `%s: optional %s = %s`", fd->name.s, fd->name.s, t, default_example(k, f));
        }
        return;
    }
    const Expr *e = fd->deflt;
    if (is_id) {
        diag_error(k->d, e->at, "`%s` names each employee, so every row must give it: it cannot have a default", fd->name.s);
        return;
    }
    if (f->type.kind == TY_ERROR)
        return;
    if (e->kind == E_BLANK) {
        diag_error(k->d, e->at, "a field's default cannot be a blank: write the value a missing column means, as in `= %s`",
                   default_example(k, f));
        return;
    }
    Type t = default_literal_type(e, f->type);
    if (t.kind == TY_ERROR || !same_type(t, f->type)) {
        if (f->type.kind == TY_LIST)
            diag_error(k->d, e->at, "`%s` is a list, so its default must be the empty list, `= []`", fd->name.s);
        else
            diag_error(k->d, e->at, "`%s` is a %s field, so its default must be %s, as in `= %s`", fd->name.s,
                   type_name(k->m, f->type), default_kind(k, f->type), default_example(k, f));
        return;
    }
    Value v = {0};
    switch (t.kind) {
    case TY_INTEGER:
        if (f->has_range && (rat_cmp(e->num, rat_int(f->lo)) < 0 || rat_cmp(e->num, rat_int(f->hi)) > 0)) {
            diag_error(k->d, e->at, "the default %lld is outside `%s`'s range, %lld to %lld", (long long)e->num.n, fd->name.s,
                       (long long)f->lo, (long long)f->hi);
            return;
        }
        v.num = e->num;
        break;
    case TY_DECIMAL:
    case TY_MONEY: v.num = e->num; break;
    case TY_BOOL:
    case TY_DATE: v.i = e->num.n; break;
    case TY_TEXT:
        v.text.p = e->name;
        v.text.len = (uint32_t)strlen(e->name);
        break;
    case TY_ENUM: {
        const EnumDef *en = &k->m->enums[t.enum_id];
        int j = enum_member(en, e->name);
        if (j < 0) {
            diag_error(k->d, e->at, "`%s` is not a member of %s%s", e->name, en->name, suggest_member(k, en, e->name));
            return;
        }
        v.i = j;
        break;
    }
    default: break; /* a list's default is the empty list */
    }
    f->has_default = true;
    f->empty_is_default = fd->optional;
    f->deflt = v;
}

/* record NAME: fields ; each record type's file schema, whose field 0,
 * the employee's id, check_record_ids names.  A record's field is a
 * plain value: not a list, nor records. */
void check_records(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->records = arena_alloc(&c->arena, sizeof *m->records * (size_t)(c->records.n + 1));
    m->nrecords = 0;
    for (int i = 0; i < c->records.n; i++) {
        RecordDecl *rd = &c->records.v[i];
        RecordSchema *rs = &m->records[i];
        FieldDef *fields = arena_alloc(&c->arena, sizeof *fields * (size_t)(rd->fields.n + 1));
        for (int j = 0; j < i; j++)
            if (!strcmp(m->records[j].name, rd->name.s))
                diag_error(k->d, rd->name.at, "record `%s` is already declared", rd->name.s);
        if (find_enum(k, rd->name.s) >= 0)
            diag_error(k->d, rd->name.at, "`%s` is already the name of an enum", rd->name.s);
        *rs = (RecordSchema){.nfields = rd->fields.n + 1, .fields = fields, .nenums = c->enums.n, .enums = m->enums,
                             .name = rd->name.s};
        m->nrecords = i + 1;
        if (rd->fields.n == 0)
            diag_error(k->d, rd->name.at, "record `%s` has no fields", rd->name.s);
        for (int j = 0; j < rd->fields.n; j++) {
            FieldDecl *fd = &rd->fields.v[j];
            FieldDef *f = &fields[j + 1];
            for (int p = 0; p < j; p++)
                if (!strcmp(rd->fields.v[p].name.s, fd->name.s)) {
                    diag_error(k->d, fd->name.at, "record `%s` already has a field `%s`", rd->name.s, fd->name.s);
                    break;
                }
            resolve_field(k, fd, f);
            if (f->type.kind == TY_LIST || f->type.kind == TY_RECORDS) {
                diag_error(k->d, fd->type.at, "a record's field holds one value, not a list: declare another record for the list");
                f->type = T_ERROR;
            }
            field_default(k, fd, f, false);
        }
    }
}

void check_record_ids(Checker *k)
{
    Model *m = k->m;
    for (int i = 0; i < m->nrecords; i++) {
        FieldDef *id = (FieldDef *)&m->records[i].fields[0];
        *id = (FieldDef){.name = m->id_field >= 0 ? m->fields[m->id_field].name : "id", .type = T_TEXT};
        for (int f = 1; f < m->records[i].nfields; f++)
            if (!strcmp(m->records[i].fields[f].name, id->name))
                diag_error(k->d, k->c->records.v[i].fields.v[f - 1].name.at,
                           "`%s` is the employee's id, the column that joins each %s to an employee: give the field another name",
                           id->name, m->records[i].name);
    }
    for (int i = 0; i < m->schema.nfields; i++)
        if (m->fields[i].type.kind == TY_RECORDS) {
            m->fields[i].rows = &m->records[m->fields[i].type.enum_id];
            if (m->id_field < 0)
                diag_error(k->d, k->c->fields.v[i].at, "records are joined to employees by their id: the employee record needs a text field `id`");
            if (k->c->fields.v[i].deflt || k->c->fields.v[i].optional)
                diag_error(k->d, k->c->fields.v[i].at, "`%s` comes from its own file (--records %s=FILE), not a column: it has no default",
                           m->fields[i].name, m->fields[i].name);
        }
}

void check_fields(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->fields = arena_alloc(&c->arena, sizeof *m->fields * (size_t)(c->fields.n + 1));
    m->id_field = -1;
    for (int i = 0; i < c->fields.n; i++) {
        FieldDecl *fd = &c->fields.v[i];
        FieldDef *f = &m->fields[i];
        f->name = fd->name.s;
        sym_declare(k, fd->name.s, SYM_FIELD, i, fd->name.at);
        resolve_field(k, fd, f);
        if (m->id_field < 0 && f->type.kind == TY_TEXT && !strcmp(f->name, "id"))
            m->id_field = i;
    }
    if (m->id_field < 0)
        for (int i = 0; i < c->fields.n; i++)
            if (m->fields[i].type.kind == TY_TEXT) {
                m->id_field = i;
                break;
            }
    for (int i = 0; i < c->fields.n; i++)
        field_default(k, &c->fields.v[i], &m->fields[i], i == m->id_field);
    m->schema.nfields = c->fields.n;
    m->schema.fields = m->fields;
}

static Type literal_type(const Expr *e)
{
    switch (e->kind) {
    case E_INT: return T_INT;
    case E_DEC: return T_DEC;
    case E_MONEY: return T_MONEY;
    case E_BLANK: return blank_is_amount(e) ? T_ERROR : T_DEC; /* $___ takes its neighbours' type */
    default: return T_ERROR;
    }
}

/* Per-year literal values (a param's, a table row's) into cells[nyears],
 * finding their common type.  what names the thing in messages. */
static Type peryear_cells(Checker *k, Expr **values, int n, Span at, Figure *cells, const char *what)
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

/* A param's value written as literals alone (3% / 2.5%, $___), as a table
 * row is; anything else is a formula. */
static bool literal_values(const ParamDecl *p)
{
    for (int i = 0; i < p->nvalues; i++)
        if (p->values[i]->kind != E_INT && p->values[i]->kind != E_DEC && p->values[i]->kind != E_MONEY &&
            p->values[i]->kind != E_BLANK)
            return false;
    return true;
}

/* param funded = yes: a literal, not a formula */
static bool only_yes_no(const ParamDecl *p)
{
    for (int i = 0; i < p->nvalues; i++)
        if (p->values[i]->kind != E_BOOL)
            return false;
    return true;
}

static bool all_percent(const ParamDecl *p)
{
    for (int i = 0; i < p->nvalues; i++)
        if (!p->values[i]->percent)
            return false;
    return true;
}

/* The first part of a param's formula that a param cannot hold: the
 * formula is literals, yes/no, blanks and other params' names, joined by
 * + - * div mod, a minus sign and ( / ). */
static const Expr *not_param_part(const Expr *e)
{
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY: case E_BLANK: case E_BOOL: case E_NAME: case E_ERROR:
        return NULL;
    case E_NEG:
        return not_param_part(e->a);
    case E_BINARY: {
        if (e->op > OPB_MOD)
            return e;
        const Expr *a = not_param_part(e->a);
        return a ? a : not_param_part(e->b);
    }
    default:
        return e;
    }
}

/* The first name in a checked formula that is not a param's: a field, a
 * member, contract_year. */
static const Expr *not_param_name(const Expr *e)
{
    if (e->kind == E_NAME)
        return e->ref == REF_PARAM || e->type.kind == TY_ERROR ? NULL : e;
    const Expr *a = e->a ? not_param_name(e->a) : NULL;
    return a ? a : e->b ? not_param_name(e->b) : NULL;
}

/* A formula's type for each year, joined as literals' are: numbers to a
 * decimal if any is one; money and numbers, or yes/no and numbers, do not
 * mix. */
static Type formula_types(Checker *k, ParamDecl *p)
{
    Type t = T_ERROR;
    for (int i = 0; i < p->nvalues; i++) {
        Expr *v = p->values[i];
        const Expr *bad = not_param_part(v);
        if (bad) {
            diag_error(k->d, bad->at, "a param is computed only from numbers, amounts, yes/no and other params, "
                       "with + - * div mod and ( ): for anything more, write a definition");
            return T_ERROR;
        }
        Type vt = check_expr(k, v, t.kind != TY_ERROR ? &t : NULL);
        if (vt.kind == TY_ERROR)
            return T_ERROR;
        if ((bad = not_param_name(v))) {
            diag_error(k->d, bad->at, "a param is the same for every employee, so it cannot use `%s`%s: for a value per employee, write a definition",
                       bad->name, bad->ref == REF_FIELD ? ", a field of the employee record" : "");
            return T_ERROR;
        }
        if (t.kind == TY_ERROR || same_type(t, vt))
            t = vt;
        else if (is_number(t) && is_number(vt))
            t = T_DEC;
        else {
            diag_error(k->d, v->at, "param `%s` is %s in one year and %s in another: give every year the same kind of value",
                       p->name.s, type_article(k, t), type_article(k, vt));
            return T_ERROR;
        }
    }
    int ny = k->m->nyears;
    if (p->nvalues != 1 && p->nvalues != ny) {
        diag_error(k->d, p->values_at, "param `%s` has %d values, but the contract has %d year%s: give one value for every year, or one for all",
                   p->name.s, p->nvalues, ny, ny == 1 ? "" : "s");
        return T_ERROR;
    }
    return t;
}

/* The value of a param's formula e, from vals, the values of the params
 * it uses in the year it is for. */
static RatStatus formula_value(const Expr *e, const Figure *vals, Figure *out)
{
    Figure a, b;
    RatStatus st;
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY: case E_BOOL:
        *out = (Figure){.v = e->num, .blank = false};
        return RAT_OK;
    case E_BLANK:
        *out = (Figure){.v = rat_int(0), .blank = true};
        return RAT_OK;
    case E_NAME:
        *out = vals[e->ref_index];
        return RAT_OK;
    case E_NEG:
        if ((st = formula_value(e->a, vals, out)) != RAT_OK)
            return st;
        out->v = rat_neg(out->v);
        return RAT_OK;
    case E_BINARY:
        if ((st = formula_value(e->a, vals, &a)) != RAT_OK || (st = formula_value(e->b, vals, &b)) != RAT_OK)
            return st;
        *out = (Figure){.v = rat_int(0), .blank = a.blank || b.blank};
        return out->blank ? RAT_OK : op_arith(arith_opcode(e->op), a.v, b.v, &out->v);
    default:
        return RAT_DOMAIN; /* the checker refused it */
    }
}

RatStatus param_compute(const Model *m, int param, int year, const Figure *vals, Figure *out)
{
    const ParamDecl *p = &m->ast->params.v[param];
    if (!m->params[param].computed) {
        *out = m->params[param].values[year];
        return RAT_OK;
    }
    if (m->params[param].type.kind == TY_ERROR) {
        *out = (Figure){.v = rat_int(0), .blank = true};
        return RAT_OK;
    }
    return formula_value(p->values[p->nvalues == 1 ? 0 : year], vals, out);
}

/* Checks param i, and first the params its formula uses; lays out its
 * values per year. */
static void check_param(Checker *k, int i)
{
    Contract *c = k->c;
    Model *m = k->m;
    ParamDecl *p = &c->params.v[i];
    ParamInfo *pi = &m->params[i];
    k->param_state[i] = 1;
    pi->values = arena_alloc(&c->arena, sizeof(Figure) * (size_t)m->nyears);
    if (literal_values(p)) {
        pi->type = peryear_cells(k, p->values, p->nvalues, p->values_at, pi->values, arena_printf(&c->arena, "param `%s`", p->name.s));
        pi->percent = all_percent(p);
    } else {
        pi->computed = true; /* while its values are laid out: param_compute reads the formula */
        k->param_path[k->param_depth++].param = i;
        pi->type = formula_types(k, p);
        k->param_depth--;
        /* the params it uses are laid out: their values, year by year */
        Figure *vals = arena_alloc(&c->arena, sizeof(Figure) * (size_t)(c->params.n + 1));
        for (int y = 0; y < m->nyears; y++) {
            for (int j = 0; j < c->params.n; j++)
                if (k->param_state[j] == 2)
                    vals[j] = m->params[j].values[y];
            RatStatus st = param_compute(m, i, y, vals, &pi->values[y]);
            if (st != RAT_OK) {
                diag_error(k->d, p->values[p->nvalues == 1 ? 0 : y]->at, "param `%s` cannot be computed%s: %s", p->name.s,
                           m->nyears > 1 && p->nvalues > 1 ? arena_printf(&c->arena, " in \"%s\"", c->years.v[y].s) : "",
                           rat_status_text(st));
                pi->type = T_ERROR;
                break;
            }
        }
        pi->computed = !only_yes_no(p);
    }
    k->param_state[i] = 2;
    m->param_order[m->nparams_ordered++] = i;
}

/* A param's formula uses param `param` at `at`: checked first, or, if it
 * is being checked, a cycle, reported as a definitions' cycle is. */
Type param_used(Checker *k, int param, Span at)
{
    const Contract *c = k->c;
    k->param_path[k->param_depth - 1].at = at;
    if (k->param_state[param] == 0 && k->param_depth > MAX_CHECK_DEPTH) {
        if (!k->too_deep)
            diag_error(k->d, at, "`%s` comes at the end of too long a chain of params, each computed from the next (more than %d)",
                       c->params.v[param].name.s, MAX_CHECK_DEPTH);
        k->too_deep = true;
        return T_ERROR;
    }
    if (k->param_state[param] == 0)
        check_param(k, param);
    else if (k->param_state[param] == 1) {
        int from = k->param_depth - 1;
        while (k->param_path[from].param != param)
            from--;
        diag_error(k->d, at, "`%s` depends on itself", c->params.v[param].name.s);
        for (int i = from; i < k->param_depth; i++) {
            int next = i + 1 < k->param_depth ? k->param_path[i + 1].param : param;
            diag_note(k->d, k->param_path[i].at, "`%s` uses `%s`", c->params.v[k->param_path[i].param].name.s, c->params.v[next].name.s);
        }
        return T_ERROR;
    }
    return k->m->params[param].type;
}

void check_params(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->params = arena_alloc(&c->arena, sizeof *m->params * (size_t)(c->params.n + 1));
    m->param_order = arena_alloc(&c->arena, sizeof(int) * (size_t)(c->params.n + 1));
    k->param_state = arena_alloc(&c->arena, (size_t)c->params.n + 1);
    k->param_path = arena_alloc(&c->arena, sizeof *k->param_path * (size_t)(c->params.n + 1));
    for (int i = 0; i < c->params.n; i++)
        sym_declare(k, c->params.v[i].name.s, SYM_PARAM, i, c->params.v[i].name.at);
    for (int i = 0; i < c->params.n; i++)
        if (!k->param_state[i])
            check_param(k, i);
}

/* "; did you mean `step`?" among the fields and enums, or "" */
static const char *suggest_dimension(Checker *k, const char *name)
{
    Suggestion s = {NULL, 99, name};
    for (int i = 0; i < k->symcap; i++)
        if (k->syms[i].name && (k->syms[i].kind == SYM_FIELD || k->syms[i].kind == SYM_ENUM))
            suggest_consider(&s, k->syms[i].name);
    return s.best ? arena_printf(&k->c->arena, "; did you mean `%s`?", s.best) : "";
}

/* What name is among the declarations not yet in the symbol table when
 * schedules and tables are checked: "definition", "component", "table"
 * or NULL. */
static const char *declared_later(Checker *k, const char *name)
{
    for (int i = 0; i < k->c->defs.n; i++)
        if (!strcmp(k->c->defs.v[i].name.s, name))
            return "definition";
    for (int i = 0; i < k->c->components.n; i++)
        if (!strcmp(k->c->components.v[i].name.s, name))
            return "component";
    for (int i = 0; i < k->c->tables.n; i++)
        if (k->c->tables.v[i].name.s && !strcmp(k->c->tables.v[i].name.s, name))
            return "table";
    return NULL;
}

/* A dimension of a schedule or a table: an enum, named directly or by a
 * field of that enum type, or an integer field.  role says what the
 * dimension is for, in messages.  Returns the enum's index, -1 for
 * integers, -2 after an error. */
static int dimension(Checker *k, Name n, bool integers_allowed, const char *role)
{
    Sym *s = sym_find(k, n.s);
    if (s && s->kind == SYM_ENUM)
        return s->index;
    Type t = s && s->kind == SYM_FIELD ? k->m->fields[s->index].type : T_ERROR;
    if (t.kind == TY_ENUM)
        return t.enum_id;
    if (t.kind == TY_INTEGER && integers_allowed)
        return -1;
    if (!s && integers_allowed && !strcmp(n.s, "integer"))
        return -1;
    const char *wanted = integers_allowed ? "an enum, or by an integer or enum field" : "an enum, or by an enum field";
    const char *kind = s ? sym_kind_text(s->kind) : declared_later(k, n.s);
    if (!kind)
        diag_error(k->d, n.at, "unknown name `%s`: %s keyed by %s%s", n.s, role, wanted, suggest_dimension(k, n.s));
    else if (!s || s->kind != SYM_FIELD)
        diag_error(k->d, n.at, "`%s` is a %s; %s keyed by %s", n.s, kind, role, wanted);
    else if (t.kind != TY_ERROR) /* else its type was reported */
        diag_error(k->d, n.at, "`%s` is %s field; %s keyed by %s", n.s,
                   t.kind == TY_INTEGER ? "an integer" : t.kind == TY_LIST ? "a list" : arena_printf(&k->c->arena, "a %s", type_name(k->m, t)),
                   role, wanted);
    return -2;
}

/* Integer or member key of a row; -1 on error. */
static bool row_key(Checker *k, Expr *key, int enum_id, int64_t *out)
{
    if (enum_id >= 0) {
        const EnumDef *e = &k->m->enums[enum_id];
        int idx = key->kind == E_NAME ? enum_member(e, key->name) : -1;
        if (idx < 0) {
            diag_error(k->d, key->at, "`%s` is not a member of %s%s",
                       key->kind == E_NAME ? key->name : "this", e->name,
                       key->kind == E_NAME ? suggest_member(k, e, key->name) : "");
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

/* The row a derived column is computed for: its cells, and the name and
 * number of its key (the step, or the number a member stands for). */
typedef struct {
    const Figure *cells;
    const char *title, *dim;
    Rat number;
} DeriveRow;

/* A derived column's value for one row, from the row's other cells. */
static bool derive(Checker *k, Expr *e, const EnumDef *cols, const DeriveRow *row, Figure *out)
{
    switch (e->kind) {
    case E_INT: case E_DEC: case E_MONEY:
        *out = (Figure){e->num, false, false};
        return true;
    case E_NAME: {
        if (!strcmp(e->name, row->title) || !strcmp(e->name, row->dim)) { /* the row's key, as a number */
            *out = (Figure){row->number, false, false};
            return true;
        }
        int col = enum_member(cols, e->name);
        if (col < 0) {
            diag_error(k->d, e->at, "`%s` is not a column of this schedule%s", e->name, suggest_member(k, cols, e->name));
            return false;
        }
        *out = row->cells[col];
        return true;
    }
    case E_NEG: {
        if (!derive(k, e->a, cols, row, out))
            return false;
        out->v = rat_neg(out->v);
        return true;
    }
    case E_BINARY: {
        Figure a, b;
        if (e->op > OPB_DIV) {
            diag_error(k->d, e->at, "a derived column is computed with + - * / from other columns and numbers");
            return false;
        }
        if (!derive(k, e->a, cols, row, &a) || !derive(k, e->b, cols, row, &b))
            return false;
        out->na = a.na || b.na; /* a lane beside an N/A cell is N/A too */
        out->blank = !out->na && (a.blank || b.blank);
        if (out->blank || out->na)
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

/* The first `x + 5%` or `x - 5%` in a derived column's formula, or NULL. */
static const Expr *percent_added(const Expr *e)
{
    if (e->kind == E_NEG)
        return percent_added(e->a);
    if (e->kind != E_BINARY)
        return NULL;
    if ((e->op == OPB_ADD || e->op == OPB_SUB) && ((e->a->kind == E_DEC && e->a->percent) || (e->b->kind == E_DEC && e->b->percent)))
        return e;
    const Expr *in_a = percent_added(e->a);
    return in_a ? in_a : percent_added(e->b);
}

/* A schedule of amounts cannot add a percent to a column: MA30 + 5% would
 * be five cents more, not five percent more. */
static bool refuse_percent_added(Checker *k, const DerivedDecl *dd)
{
    const Expr *e = percent_added(dd->expr);
    if (!e)
        return false;
    const Expr *pct = e->a->kind == E_DEC && e->a->percent ? e->a : e->b, *col = pct == e->a ? e->b : e->a;
    char n[64] = "5", up[64] = "105";
    Rat hundred, raised;
    if (rat_mul(pct->num, rat_int(100), &hundred) == RAT_OK) {
        rat_format(hundred, 18, ROUND_HALF_UP, n, sizeof n);
        if (rat_add(hundred, rat_int(100), &raised) == RAT_OK)
            rat_format(raised, 18, ROUND_HALF_UP, up, sizeof up);
    }
    const char *x = col->kind == E_NAME ? col->name : "MA30";
    if (e->op == OPB_ADD)
        diag_error(k->d, e->at, "a schedule of amounts cannot add a percent to a column: to put %s %s%% above %s, write `%s = %s * %s%%` or `%s = %s * (1 + %s%%)`",
                   dd->name.s, n, x, dd->name.s, x, up, dd->name.s, x, n);
    else
        diag_error(k->d, e->at, "a schedule of amounts cannot subtract a percent from a column: to put %s %s%% below %s, write `%s = %s * (1 - %s%%)`",
                   dd->name.s, n, x, dd->name.s, x, n);
    return true;
}

/* "BA, MA, DOC": a block's header columns, the first 10 of them. */
static const char *column_list(Checker *k, const GridDecl *g)
{
    const char *list = "";
    for (int i = 0; i < g->columns.n && i < 10; i++)
        list = arena_printf(&k->c->arena, "%s%s%s", list, i ? ", " : "", g->columns.v[i].s);
    return g->columns.n > 10 ? arena_printf(&k->c->arena, "%s, ...", list) : list;
}

/* Whether most of a schedule's cells are amounts ($...) rather than plain
 * numbers, over all its blocks; a tie goes to the first cell's kind.  The
 * cells of the other kind are the ones reported. */
static bool mostly_money(const ScheduleDecl *sd)
{
    int money = 0, numbers = 0, first = 0;
    for (int b = 0; b < sd->blocks.n; b++)
        for (int r = 0; r < sd->blocks.v[b].rows.n; r++) {
            const RowDecl *row = &sd->blocks.v[b].rows.v[r];
            for (int i = 0; i < row->ncells; i++) {
                TypeKind t = literal_type(row->cells[i]).kind;
                money += t == TY_MONEY;
                numbers += t == TY_INTEGER || t == TY_DECIMAL;
                if (!first && t != TY_ERROR)
                    first = t == TY_MONEY ? 1 : -1;
            }
        }
    return money != numbers ? money > numbers : first >= 0;
}

/* The cells of a row from..to (inclusive) that are not written as most of
 * the schedule's are. */
static void mixed_cells(Checker *k, const ScheduleDecl *sd, bool money, const Expr *from, const Expr *to)
{
    bool one = from == to;
    if (money)
        diag_error(k->d, (Span){from->at.start, to->at.end},
                   "schedule `%s` mixes money and numbers: most of its cells are amounts, but %s without `$`: write every cell as an amount ($...)",
                   sd->name.s, one ? "this one is written" : "these are written");
    else
        diag_error(k->d, (Span){from->at.start, to->at.end},
                   "schedule `%s` mixes money and numbers: most of its cells are plain numbers, but %s: write every cell the same way",
                   sd->name.s, one ? "this one is an amount ($...)" : "these are amounts ($...)");
}

/* One year block of a schedule into cells[row][col]; rows must match the
 * first block's, and cells are written as amounts if money says so. */
void check_grid(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, GridDecl *g, Figure *cells, const char *where, bool money)
{
    const EnumDef *cols = &k->m->enums[si->col_enum_id];
    int *colmap = arena_alloc(&k->c->arena, sizeof(int) * (size_t)(g->columns.n + 1));
    bool *have = arena_alloc(&k->c->arena, sizeof(bool) * (size_t)(cols->count + 1));
    for (int i = 0; i < g->columns.n; i++) {
        Name n = g->columns.v[i];
        colmap[i] = enum_member(cols, n.s);
        if (colmap[i] < 0)
            diag_error(k->d, n.at, "`%s` is not a member of %s%s", n.s, cols->name, suggest_member(k, cols, n.s));
        else if (have[colmap[i]])
            diag_error(k->d, n.at, "column %s appears twice", n.s);
        else
            have[colmap[i]] = true;
    }
    int *derived_col = arena_alloc(&k->c->arena, sizeof(int) * (size_t)(g->derived.n + 1));
    for (int i = 0; i < g->derived.n; i++) {
        Name n = g->derived.v[i].name;
        derived_col[i] = enum_member(cols, n.s);
        if (derived_col[i] < 0)
            diag_error(k->d, n.at, "`%s` is not a member of %s%s", n.s, cols->name, suggest_member(k, cols, n.s));
        else if (have[derived_col[i]])
            diag_error(k->d, n.at, "column %s is already given", n.s);
        else
            have[derived_col[i]] = true;
    }
    for (int i = 0; i < g->derived.n; i++)
        if (money && derived_col[i] >= 0 && refuse_percent_added(k, &g->derived.v[i]))
            derived_col[i] = -1;
    for (int j = 0; j < cols->count; j++)
        if (!have[j])
            diag_error(k->d, g->row_title.at, "schedule `%s` has no column for %s%s", sd->name.s, cols->members[j], where);
    GridRow *rows;
    int nrows = grid_rows(k, g, si->row_enum, g != sd->blocks.v, &rows); /* the first block's were reported */
    if (nrows != si->nrows) {
        diag_error(k->d, g->row_title.at, "schedule `%s` has %d row%s%s, but %d in its first block", sd->name.s, nrows,
                   nrows == 1 ? "" : "s", where, si->nrows);
        return;
    }
    const char *what = arena_printf(&k->c->arena, "schedule `%s`", sd->name.s);
    for (int r = 0; r < nrows; r++) {
        RowDecl *row = &g->rows.v[rows[r].decl];
        bool first = rows[r].offset == 0; /* a range's cells are checked once, at its first row */
        int64_t key;
        if (first && row_key(k, row->key, si->row_enum ? si->row_enum_id : -1, &key) && key != si->row_keys[r])
            diag_error(k->d, row->key->at, "this row should be %lld, as in the schedule's first block", (long long)si->row_keys[r]);
        Figure *out = cells + (size_t)r * (size_t)si->ncols;
        for (int i = 0; i < cols->count; i++)
            out[i].blank = true;
        if (row->ncells != g->columns.n) {
            if (!first)
                continue;
            /* which cell is missing cannot be told: blame the row, not a column */
            if (row->ncells < g->columns.n)
                diag_error(k->d, row->at, "row %s of schedule `%s`%s has %d cell%s, but the header has %d columns (%s): "
                           "give each column a cell, $___ where the figure is not known",
                           grid_row_text(k, row),
                           sd->name.s, where, row->ncells, row->ncells == 1 ? "" : "s", g->columns.n, column_list(k, g));
            else
                diag_error(k->d, row->cells[g->columns.n]->at, "row %s of schedule `%s` has more cells than the header has columns",
                           grid_row_text(k, row),
                           sd->name.s);
            continue;
        }
        const Expr *odd_from = NULL, *odd_to = NULL;
        for (int i = 0; i < row->ncells; i++) {
            Expr *v = row->cells[i];
            Type vt = literal_type(v);
            if (vt.kind != TY_ERROR && (vt.kind == TY_MONEY) != money) {
                odd_from = odd_from ? odd_from : v;
                odd_to = v;
                continue;
            }
            if (colmap[i] < 0)
                continue;
            if (first)
                si->cell_type = numeric_join(k, si->cell_type, vt, v->at, what);
            bool blank = v->kind == E_BLANK, na = v->kind == E_NA;
            out[colmap[i]] = (Figure){blank || na ? rat_int(0) : v->num, blank, na};
            if (blank && first)
                k->m->nblanks++;
        }
        if (odd_from && first)
            mixed_cells(k, sd, money, odd_from, odd_to);
        DeriveRow dr = {out, g->row_title.s, sd->row_dim.s,
                        rat_int(si->row_enum ? member_number(k->c, si->row_enum_id, (int)si->row_keys[r]) : si->row_keys[r])};
        for (int i = 0; i < g->derived.n; i++)
            if (derived_col[i] >= 0 && !derive(k, g->derived.v[i].expr, cols, &dr, &out[derived_col[i]]))
                derived_col[i] = -1; /* reported once, not again for every row */
    }
}

void check_schedules(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->schedules = arena_alloc(&c->arena, sizeof *m->schedules * (size_t)(c->schedules.n + 1));
    check_member_numbers(k);
    for (int i = 0; i < c->schedules.n; i++) {
        ScheduleDecl *sd = &c->schedules.v[i];
        ScheduleInfo *si = &m->schedules[i];
        si->cell_type = T_ERROR;
        si->grid_enum_id = -1;
        sym_declare(k, sd->name.s, SYM_SCHEDULE, i, sd->name.at);
        int rowdim = dimension(k, sd->row_dim, true, "a schedule's rows are");
        int coldim = dimension(k, sd->col_dim, false, "a schedule's columns are");
        if (rowdim == -2 || coldim < 0 || sd->blocks.n == 0)
            continue;
        si->row_enum = rowdim >= 0;
        si->row_enum_id = rowdim;
        si->col_enum_id = coldim;
        si->ncols = m->enums[coldim].count;
        si->ngrids = 1;
        si->grid_enum_id = -1;
        if (sd->key_dim.s) { /* a third key: one grid for each of its members */
            si->grid_enum_id = dimension(k, sd->key_dim, false, "a schedule's grids are");
            if (si->grid_enum_id < 0)
                continue;
            si->ngrids = m->enums[si->grid_enum_id].count;
        }
        /* the first printed block fixes the rows */
        GridDecl *first = &sd->blocks.v[0];
        for (int b = sd->blocks.n - 1; b >= 0; b--)
            first = sd->blocks.v[b].rule ? first : &sd->blocks.v[b];
        if (first->rule) {
            diag_error(k->d, sd->name.at, "schedule `%s` has no printed block: a derived year needs one to start from", sd->name.s);
            continue;
        }
        GridRow *rows;
        si->nrows = grid_rows(k, first, rowdim >= 0, true, &rows);
        si->row_keys = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)(si->nrows + 1));
        bool rows_ok = true;
        for (int r = 0; r < si->nrows; r++) {
            const Expr *key = first->rows.v[rows[r].decl].key;
            if (rows[r].offset > 0) { /* the rest of a range 12..15 */
                si->row_keys[r] = si->row_keys[r - 1] + 1;
                continue;
            }
            if (!row_key(k, (Expr *)key, rowdim, &si->row_keys[r])) {
                rows_ok = false;
                continue;
            }
            if (r > 0 && si->row_keys[r] <= si->row_keys[r - 1] && rowdim < 0) {
                diag_error(k->d, key->at, "rows of schedule `%s` must go up one at a time", sd->name.s);
                rows_ok = false;
            } else if (r > 0 && rowdim < 0 && si->row_keys[r] != si->row_keys[r - 1] + 1) {
                diag_error(k->d, key->at, "schedule `%s` has no row for %s %lld", sd->name.s,
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
                diag_error(k->d, first->rows.v[rows[si->nrows - 1].decl].key->at,
                           "schedule `%s` has no row for %s %lld, which `%s` allows; add the rows, or write `clamp` after `by %s, %s` to use the last row",
                           sd->name.s, sd->row_dim.s, (long long)si->row_keys[si->nrows - 1] + 1, f->name,
                           sd->row_dim.s, sd->col_dim.s);
        }
        if (!rows_ok)
            continue;
        bool money = mostly_money(sd);
        size_t per_year = (size_t)si->nrows * (size_t)si->ncols * (size_t)si->ngrids;
        si->cells = arena_alloc(&c->arena, sizeof(Figure) * (per_year * (size_t)m->nyears + 1));
        if (si->grid_enum_id >= 0) {
            bool *seen = arena_alloc(&c->arena, sizeof(bool) * (size_t)(m->nyears + 1));
            check_keyed_grids(k, sd, si, money, seen);
            check_year_rules(k, i, seen, money);
        } else if (sd->blocks.n == 1 && !first->year && !first->key.s) {
            check_grid(k, sd, si, first, si->cells, "", money);
            for (int y = 1; y < m->nyears; y++)
                memcpy(si->cells + per_year * (size_t)y, si->cells, per_year * sizeof(Figure));
        } else {
            bool *seen = arena_alloc(&c->arena, sizeof(bool) * (size_t)(m->nyears + 1));
            for (int b = 0; b < sd->blocks.n; b++) {
                GridDecl *g = &sd->blocks.v[b];
                if (g->rule || g->base)
                    continue; /* check_year_rules */
                int y = g->year ? find_year(m, g->year) : -1;
                if (g->key.s) {
                    diag_error(k->d, g->key.at, "schedule `%s` has one grid a year: `%s` would pick one by a third key, as in `by %s, %s, months`",
                               sd->name.s, g->key.s, sd->row_dim.s, sd->col_dim.s);
                    for (int yy = 0; yy < m->nyears; yy++) /* reported: not again as a year without a block */
                        seen[yy] = true;
                    continue;
                }
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
                           arena_printf(&c->arena, " in \"%s\"", g->year), money);
            }
            check_year_rules(k, i, seen, money);
            for (int y = 0; y < m->nyears; y++)
                if (!seen[y])
                    diag_error(k->d, sd->name.at, "schedule `%s` has no block for \"%s\"", sd->name.s,
                               c->years.n ? c->years.v[y].s : "");
        }
        if (si->cell_type.kind == TY_ERROR)
            si->cell_type = T_MONEY;
    }
}

void check_tables(Checker *k)
{
    Contract *c = k->c;
    Model *m = k->m;
    m->tables = arena_alloc(&c->arena, sizeof *m->tables * (size_t)(c->tables.n + 1));
    for (int i = 0; i < c->tables.n; i++) {
        TableDecl *td = &c->tables.v[i];
        TableInfo *ti = &m->tables[i];
        ti->value_type = T_ERROR;
        sym_declare(k, td->name.s, SYM_TABLE, i, td->name.at);
        int dim = dimension(k, td->key_dim, true, "a table is");
        if (dim == -2)
            continue;
        ti->key_enum = dim >= 0;
        ti->key_enum_id = dim;
        ti->nkeys = dim >= 0 ? m->enums[dim].count : td->rows.n;
        ti->keys = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)(ti->nkeys + 1));
        ti->cells = arena_alloc(&c->arena, sizeof(Figure) * ((size_t)ti->nkeys * (size_t)m->nyears + 1));
        bool *have = arena_alloc(&c->arena, sizeof(bool) * (size_t)(ti->nkeys + 1));
        const char *what = arena_printf(&c->arena, "table `%s`", td->name.s);
        Figure *row_cells = arena_alloc(&c->arena, sizeof(Figure) * (size_t)m->nyears);
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
