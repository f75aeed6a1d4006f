/* values.c: see values.h.
 *
 * A declaration from the values file takes the place of the contract's
 * only if it is the same kind of thing: the same keys, and figures of the
 * type the contract's own figures have, which is what --set asks of a value
 * on the command line.  Anything else is reported at the values file's
 * line, not left for the checker to find in the contract's rules.
 */
#include "values.h"

#include <string.h>

static const char *not_declared = "the values file sets %s `%s`, but the contract declares no %s of that name";

/* The type a literal is written in.  LIT_NONE is a blank `$___`, which
 * takes the type of the figures around it, and money when it stands alone. */
typedef enum { LIT_NONE, LIT_INT, LIT_DEC, LIT_MONEY } Lit;

static Lit lit_of(const Expr *e)
{
    switch (e->kind) {
    case E_INT: return LIT_INT;
    case E_DEC: return LIT_DEC;
    case E_MONEY: return LIT_MONEY;
    case E_BLANK: return blank_is_amount(e) ? LIT_NONE : LIT_DEC;
    default: return LIT_NONE;
    }
}

/* The type figures of both types make, as the checker joins them (money
 * wins: a contract that mixes the two is refused by the checker anyway). */
static Lit lit_join(Lit a, Lit b)
{
    if (a == LIT_NONE || b == LIT_MONEY)
        return b == LIT_NONE ? a : b;
    if (b == LIT_NONE || a == LIT_MONEY)
        return a;
    return a == LIT_INT && b == LIT_INT ? LIT_INT : LIT_DEC;
}

static Lit lits_join(Lit t, Expr **v, int n)
{
    for (int i = 0; i < n; i++)
        t = lit_join(t, lit_of(v[i]));
    return t;
}

/* A param written as amounts, numbers and blanks, not a formula or yes/no. */
static bool literals_only(const ParamDecl *p)
{
    for (int i = 0; i < p->nvalues; i++)
        if (p->values[i]->kind != E_INT && p->values[i]->kind != E_DEC && p->values[i]->kind != E_MONEY &&
            p->values[i]->kind != E_BLANK)
            return false;
    return true;
}

static Lit param_lit(const ParamDecl *p)
{
    return lits_join(LIT_NONE, p->values, p->nvalues);
}

static Lit table_lit(const TableDecl *t)
{
    Lit k = LIT_NONE;
    for (int r = 0; r < t->rows.n; r++)
        k = lits_join(k, t->rows.v[r].cells, t->rows.v[r].ncells);
    return k;
}

static Lit schedule_lit(const ScheduleDecl *s)
{
    Lit k = LIT_NONE;
    for (int b = 0; b < s->blocks.n; b++)
        for (int r = 0; r < s->blocks.v[b].rows.n; r++)
            k = lits_join(k, s->blocks.v[b].rows.v[r].cells, s->blocks.v[b].rows.v[r].ncells);
    return k;
}

/* Checking one declaration's figures against the type the contract's
 * have: want is that type (never LIT_NONE); what names the declaration. */
typedef struct {
    Diags *d;
    const char *what;
    Lit want;
    bool reported;     /* one message a declaration: a schedule may have hundreds of cells */
    bool any_typed;    /* a figure other than $___ was seen */
    const Expr *first_blank;
} Fit;

static void misfit(Fit *f, const Expr *e, const char *fmt)
{
    if (!f->reported)
        diag_error(f->d, e->at, fmt, f->what);
    f->reported = true;
}

static void fit(Fit *f, Expr **v, int n)
{
    for (int i = 0; i < n; i++) {
        Expr *e = v[i];
        Lit l = lit_of(e);
        if (l == LIT_NONE) {
            f->first_blank = f->first_blank ? f->first_blank : e;
            continue;
        }
        f->any_typed = true;
        bool blank = e->kind == E_BLANK;
        if (f->want == LIT_MONEY && l != LIT_MONEY)
            misfit(f, e, blank ? "%s holds money in the contract: write this blank as `$___`"
                               : "%s holds money in the contract: write this as an amount ($...)");
        else if (f->want != LIT_MONEY && l == LIT_MONEY)
            misfit(f, e, f->want == LIT_INT ? "%s holds whole numbers in the contract, not money: write this without `$`"
                                            : "%s holds numbers in the contract, not money: write this without `$`");
        else if (f->want == LIT_INT && l == LIT_DEC)
            misfit(f, e, blank ? "%s holds whole numbers in the contract, and a blank `___` would make it a decimal: give a whole number"
                               : "%s holds whole numbers in the contract, and this is not a whole number");
        else if (f->want == LIT_DEC && l == LIT_INT)
            e->kind = E_DEC; /* 2 for a decimal param is 2.0, as --set d=2 is: the param stays a decimal */
    }
}

/* Reports figures in v's declaration that do not fit the contract's. */
static void fit_end(Fit *f)
{
    if (!f->any_typed && f->first_blank && f->want != LIT_MONEY)
        misfit(f, f->first_blank, "%s holds numbers in the contract: write this blank as `___`, without `$`");
}

/* Whether a declaration of kind (param, table, schedule) named name is
 * set twice in the values file; i is this one's index in names. */
static bool set_before(Diags *d, const char *kind, const Name *name, const Name *earlier, int n)
{
    for (int j = 0; j < n; j++)
        if (!strcmp(earlier[j].s, name->s)) {
            diag_error(d, name->at, "the values file sets %s `%s` twice", kind, name->s);
            diag_note(d, earlier[j].at, "it is first set here");
            return true;
        }
    return false;
}

static int param_index(const Contract *c, const char *name)
{
    for (int j = 0; j < c->params.n; j++)
        if (!strcmp(c->params.v[j].name.s, name))
            return j;
    return -1;
}

static int table_index(const Contract *c, const char *name)
{
    for (int j = 0; j < c->tables.n; j++)
        if (!strcmp(c->tables.v[j].name.s, name))
            return j;
    return -1;
}

static int schedule_index(const Contract *c, const char *name)
{
    for (int j = 0; j < c->schedules.n; j++)
        if (!strcmp(c->schedules.v[j].name.s, name))
            return j;
    return -1;
}

/* The dates a value from the values file takes effect on: its own `from`,
 * if it says one, else the contract's, which then hold for the new
 * figures as they do for --set's. */
static EffectiveDates dates_kept(const EffectiveDates *contract, const EffectiveDates *values)
{
    return values->n ? *values : *contract;
}

static bool same_text(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

/* into's blocks become s's, each year's block keeping the date of the
 * contract's block for the same year (and grid) unless it gives its own. */
static void keep_block_dates(Contract *c, ScheduleDecl *into, const ScheduleDecl *s)
{
    GridDecl *blocks = arena_alloc(&c->arena, sizeof(GridDecl) * ((size_t)s->blocks.n + 1));
    for (int b = 0; b < s->blocks.n; b++) {
        blocks[b] = s->blocks.v[b];
        for (int o = 0; o < into->blocks.n && !blocks[b].base; o++) {
            const GridDecl *old = &into->blocks.v[o];
            if (!old->base && blocks[b].year && same_text(old->year, blocks[b].year) && same_text(old->key.s, blocks[b].key.s))
                blocks[b].from = dates_kept(&old->from, &s->blocks.v[b].from);
        }
    }
    into->blocks.v = blocks;
    into->blocks.n = s->blocks.n;
    into->blocks.cap = s->blocks.n;
}

static void merge_params(Contract *c, const Contract *v, Diags *d, Name *seen)
{
    for (int i = 0; i < v->params.n; i++) {
        const ParamDecl *p = &v->params.v[i];
        seen[i] = p->name;
        int j = param_index(c, p->name.s);
        if (j < 0) {
            diag_error(d, p->name.at, not_declared, "param", p->name.s, "param");
            continue;
        }
        if (set_before(d, "param", &p->name, seen, i))
            continue;
        ParamDecl *into = &c->params.v[j];
        EffectiveDates from = dates_kept(&into->from, &p->from);
        if (!literals_only(into) || !literals_only(p)) { /* a formula or a yes/no: the checker types it */
            *into = (ParamDecl){.name = into->name, .values = p->values, .nvalues = p->nvalues, .values_at = p->values_at, .cite = into->cite,
                                .from = from};
            continue;
        }
        Lit want = param_lit(into);
        Fit f = {d, arena_printf(&c->arena, "param `%s`", p->name.s), want == LIT_NONE ? LIT_MONEY : want, false, false, NULL};
        fit(&f, p->values, p->nvalues);
        fit_end(&f);
        into->values = p->values;
        into->nvalues = p->nvalues;
        into->values_at = p->values_at;
        into->from = from;
    }
}

static void merge_tables(Contract *c, const Contract *v, Diags *d, Name *seen)
{
    for (int i = 0; i < v->tables.n; i++) {
        const TableDecl *t = &v->tables.v[i];
        seen[i] = t->name;
        int j = table_index(c, t->name.s);
        if (j < 0) {
            diag_error(d, t->name.at, not_declared, "table", t->name.s, "table");
            continue;
        }
        if (set_before(d, "table", &t->name, seen, i))
            continue;
        TableDecl *into = &c->tables.v[j];
        if (strcmp(into->key_dim.s, t->key_dim.s)) {
            diag_error(d, t->key_dim.at, "table `%s` is `by %s` in the contract, so it must be here too", t->name.s, into->key_dim.s);
            continue;
        }
        Lit want = table_lit(into);
        Fit f = {d, arena_printf(&c->arena, "table `%s`", t->name.s), want == LIT_NONE ? LIT_MONEY : want, false, false, NULL};
        for (int r = 0; r < t->rows.n; r++)
            fit(&f, t->rows.v[r].cells, t->rows.v[r].ncells);
        fit_end(&f);
        into->rows = t->rows;
        into->from = dates_kept(&into->from, &t->from);
    }
}

static void merge_schedules(Contract *c, const Contract *v, Diags *d, Name *seen)
{
    for (int i = 0; i < v->schedules.n; i++) {
        const ScheduleDecl *s = &v->schedules.v[i];
        seen[i] = s->name;
        int j = schedule_index(c, s->name.s);
        if (j < 0) {
            diag_error(d, s->name.at, not_declared, "schedule", s->name.s, "schedule");
            continue;
        }
        if (set_before(d, "schedule", &s->name, seen, i))
            continue;
        ScheduleDecl *into = &c->schedules.v[j];
        bool same_key = into->key_dim.s ? s->key_dim.s && !strcmp(into->key_dim.s, s->key_dim.s) : !s->key_dim.s;
        if (strcmp(into->row_dim.s, s->row_dim.s) || strcmp(into->col_dim.s, s->col_dim.s) || into->clamp != s->clamp || !same_key) {
            diag_error(d, (Span){s->row_dim.at.start, s->key_dim.s ? s->key_dim.at.end : s->col_dim.at.end},
                       "schedule `%s` is `by %s, %s%s%s%s` in the contract, so it must be here too", s->name.s, into->row_dim.s,
                       into->col_dim.s, into->key_dim.s ? ", " : "", into->key_dim.s ? into->key_dim.s : "", into->clamp ? " clamp" : "");
            continue;
        }
        Lit want = schedule_lit(into);
        Fit f = {d, arena_printf(&c->arena, "schedule `%s`", s->name.s), want == LIT_NONE ? LIT_MONEY : want, false, false, NULL};
        for (int b = 0; b < s->blocks.n; b++)
            for (int r = 0; r < s->blocks.v[b].rows.n; r++)
                fit(&f, s->blocks.v[b].rows.v[r].cells, s->blocks.v[b].rows.v[r].ncells);
        fit_end(&f);
        keep_block_dates(c, into, s);
    }
}

/* Anything in the values file but params, tables and schedules. */
static void only_values(const Contract *v, Diags *d)
{
    Span first = {0, 0};
    bool other = false;
    if (v->defs.n)
        first = v->defs.v[0].name.at, other = true;
    else if (v->rules.n)
        first = v->rules.v[0].at, other = true;
    else if (v->fields.n)
        first = v->fields.v[0].at, other = true;
    else if (v->enums.n)
        first = v->enums.v[0].name.at, other = true;
    else if (v->functions.n)
        first = v->functions.v[0].name.at, other = true;
    else if (v->outputs.n || v->examples.n || v->each_year.n || v->components.n || v->title || v->years.n)
        other = true, first = v->outputs.n ? v->outputs.v[0].at : v->years.n ? v->years.v[0].at : first;
    if (other)
        diag_error(d, first, "a values file holds only param, table and schedule declarations");
}

bool merge_values(Contract *c, const Contract *v, Diags *d)
{
    int errors = d->errors;
    int most = v->params.n > v->tables.n ? v->params.n : v->tables.n;
    most = most > v->schedules.n ? most : v->schedules.n;
    Name *seen = arena_alloc(&c->arena, sizeof(Name) * (size_t)(most + 1));
    merge_params(c, v, d, seen);
    merge_tables(c, v, d, seen);
    merge_schedules(c, v, d, seen);
    only_values(v, d);
    return d->errors == errors;
}
