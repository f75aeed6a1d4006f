/* diff.c: the semantic diff.  See diff.h. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "format.h"

/* The line of the last change found in a file, so that the next one's
 * line is counted on from there (changes come mostly in file order):
 * counting from the start for each change took quadratic time. */
typedef struct {
    uint32_t offset;
    int line;
} LineMemo;

typedef struct {
    const Model *a, *b;
    const Diags *da, *db;
    Arena *arena;
    Changes *out;
    LineMemo ma, mb;
} Differ;

static int line_of(const Diags *d, LineMemo *m, Span at)
{
    if (!d->src || at.start > d->len) {  /* another file (--values) */
        int line, col;
        diag_line_col(d, at.start, &line, &col);
        return line;
    }
    if (m->line == 0 || at.start < m->offset)
        *m = (LineMemo){0, 1};
    for (uint32_t i = m->offset; i < at.start; i++)
        m->line += d->src[i] == '\n';
    m->offset = at.start;
    return m->line;
}

static Change *change(Differ *x, ChangeKind kind, ChangeSubject subject, const char *name, const char *old_value,
                      const char *new_value, const char *cite, Span old_at, Span new_at)
{
    Changes *c = x->out;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->v = realloc(c->v, sizeof(Change) * (size_t)c->cap);
        if (!c->v)
            abort();
    }
    c->v[c->n] = (Change){.kind = kind, .subject = subject, .what = change_subjects[subject], .name = name, .old_value = old_value, .new_value = new_value,
                          .cite = cite, .old_line = kind == CHANGE_ADDED ? 0 : line_of(x->da, &x->ma, old_at),
                          .new_line = kind == CHANGE_REMOVED ? 0 : line_of(x->db, &x->mb, new_at)};
    return &c->v[c->n++];
}

const char *const change_subjects[] = {
#define SUBJECT_TEXT(name, text) text,
    CHANGE_SUBJECTS(SUBJECT_TEXT)
#undef SUBJECT_TEXT
};

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static const char *cell_text(Arena *arena, Figure c, Type t)
{
    if (c.blank)
        return "$___";
    char buf[FORMAT_MAX];
    size_t n = format_display((Value){.num = c.v}, t, NULL, buf, sizeof buf);
    return arena_strndup(arena, buf, n);
}

/* "13 rows x 6 columns" */
static const char *grid_size(Arena *arena, const ScheduleInfo *s)
{
    return arena_printf(arena, "%d row%s x %d column%s", s->nrows, s->nrows == 1 ? "" : "s", s->ncols, s->ncols == 1 ? "" : "s");
}

static bool same_cell(Figure a, Figure b)
{
    return a.blank == b.blank && (a.blank || rat_eq(a.v, b.v));
}

/* "$1,000 / $1,050", or one value when every year has it */
static const char *per_year_text(Arena *arena, const Figure *cells, int nyears, Type t)
{
    bool all_same = true;
    for (int y = 1; y < nyears; y++)
        all_same &= same_cell(cells[y], cells[0]);
    if (all_same)
        return cell_text(arena, cells[0], t);
    const char *s = "";
    for (int y = 0; y < nyears; y++)
        s = arena_printf(arena, "%s%s%s", s, y ? " / " : "", cell_text(arena, cells[y], t));
    return s;
}

static bool is_number(Type t)
{
    return t.kind == TY_MONEY || t.kind == TY_DECIMAL || t.kind == TY_INTEGER;
}

/* The change from old to new in percent, "+0.33%", or one per year
 * ("+5.00% / +4.76%") when the years differ; NULL unless both are numbers
 * in every year, none blank, none of the old ones zero. */
static const char *percent_text(Arena *arena, const Figure *o, const Figure *n, int nyears, Type t)
{
    if (!is_number(t))
        return NULL;
    const char *s = NULL, *first = NULL;
    bool all_same = true;
    for (int y = 0; y < nyears; y++) {
        Rat by;
        char pct[32];
        if (o[y].blank || n[y].blank || rat_is_zero(o[y].v) || rat_sub(n[y].v, o[y].v, &by) != RAT_OK)
            return NULL;
        format_change_percent(by, o[y].v, pct, sizeof pct);
        if (!*pct || !strcmp(pct, "n/a"))
            return NULL;
        s = arena_printf(arena, "%s%s%s", s ? s : "", s ? " / " : "", pct);
        if (!first)
            first = arena_strndup(arena, pct, strlen(pct));
        all_same &= !strcmp(first, pct);
    }
    return all_same ? first : s;
}

static const char *year_suffix(const Model *m, int y)
{
    return m->ast->years.n ? arena_printf(&m->ast->arena, " in \"%s\"", m->ast->years.v[y].s) : "";
}

static void diff_params(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->params.n; i++) {
        const ParamDecl *pb = &cb->params.v[i];
        int j = 0;
        while (j < ca->params.n && strcmp(ca->params.v[j].name.s, pb->name.s))
            j++;
        const char *nv = per_year_text(x->arena, x->b->params[i].values, x->b->nyears, x->b->params[i].type);
        if (j == ca->params.n) {
            change(x, CHANGE_ADDED, SUBJECT_PARAM, pb->name.s, NULL, nv, pb->cite, (Span){0, 0}, pb->name.at);
            continue;
        }
        const char *ov = per_year_text(x->arena, x->a->params[j].values, x->a->nyears, x->a->params[j].type);
        if (!same(ov, nv) && x->a->nyears == x->b->nyears)
            change(x, CHANGED, SUBJECT_PARAM, pb->name.s, ov, nv, pb->cite, ca->params.v[j].name.at, pb->name.at)->percent =
                percent_text(x->arena, x->a->params[j].values, x->b->params[i].values, x->b->nyears, x->b->params[i].type);
        else if (!same(ov, nv))
            change(x, CHANGED, SUBJECT_PARAM, pb->name.s, ov, nv, pb->cite, ca->params.v[j].name.at, pb->name.at);
    }
    for (int j = 0; j < ca->params.n; j++) {
        int i = 0;
        while (i < cb->params.n && strcmp(ca->params.v[j].name.s, cb->params.v[i].name.s))
            i++;
        if (i == cb->params.n)
            change(x, CHANGE_REMOVED, SUBJECT_PARAM, ca->params.v[j].name.s,
                   per_year_text(x->arena, x->a->params[j].values, x->a->nyears, x->a->params[j].type), NULL,
                   ca->params.v[j].cite, ca->params.v[j].name.at, (Span){0, 0});
    }
}

static const char *member_or_int(const Model *m, bool is_enum, int enum_id, int64_t key)
{
    if (is_enum)
        return m->enums[enum_id].members[key];
    return arena_printf(&m->ast->arena, "%lld", (long long)key);
}

/* The row of a schedule's source that holds its row r in year y (each
 * year block has the first block's rows, in its order). */
static Span schedule_row_at(const Model *m, const ScheduleDecl *sd, int y, int r)
{
    for (int b = 0; b < sd->blocks.n; b++) {
        const GridDecl *g = &sd->blocks.v[b];
        if ((!g->year || find_year(m, g->year) == y) && r < g->rows.n)
            return g->rows.v[r].at;
    }
    return sd->name.at;
}

static void diff_schedules(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->schedules.n; i++) {
        const ScheduleDecl *sb = &cb->schedules.v[i];
        const ScheduleInfo *ib = &x->b->schedules[i];
        int j = 0;
        while (j < ca->schedules.n && strcmp(ca->schedules.v[j].name.s, sb->name.s))
            j++;
        if (j == ca->schedules.n) {
            change(x, CHANGE_ADDED, SUBJECT_SCHEDULE, sb->name.s, NULL, "(new schedule)", sb->cite, (Span){0, 0}, sb->name.at);
            continue;
        }
        const ScheduleInfo *ia = &x->a->schedules[j];
        const ScheduleDecl *sa = &ca->schedules.v[j];
        const EnumDef *cola = &x->a->enums[ia->col_enum_id], *colb = &x->b->enums[ib->col_enum_id];
        /* cells by row key and column name, in the new schedule's order */
        for (int y = 0; y < x->b->nyears && y < x->a->nyears; y++)
            for (int r = 0; r < ib->nrows; r++)
                for (int c = 0; c < ib->ncols; c++) {
                    const char *col = colb->members[c];
                    const char *row = member_or_int(x->b, ib->row_enum, ib->row_enum_id, ib->row_keys[r]);
                    Figure nb = ib->cells[((size_t)y * (size_t)ib->nrows + (size_t)r) * (size_t)ib->ncols + (size_t)c];
                    int ra = -1, cl = -1;
                    for (int k = 0; k < ia->nrows; k++)
                        if (!strcmp(member_or_int(x->a, ia->row_enum, ia->row_enum_id, ia->row_keys[k]), row))
                            ra = k;
                    for (int k = 0; k < ia->ncols; k++)
                        if (!strcmp(cola->members[k], col))
                            cl = k;
                    const char *name = arena_printf(x->arena, "%s[%s, %s]%s", sb->name.s, row, col, year_suffix(x->b, y));
                    Span row_at = schedule_row_at(x->b, sb, y, r);
                    if (ra < 0 || cl < 0) {
                        change(x, CHANGE_ADDED, SUBJECT_SCHEDULE_CELL, name, NULL, cell_text(x->arena, nb, ib->cell_type), sb->cite,
                               (Span){0, 0}, row_at);
                        continue;
                    }
                    Figure na = ia->cells[((size_t)y * (size_t)ia->nrows + (size_t)ra) * (size_t)ia->ncols + (size_t)cl];
                    if (!same_cell(na, nb))
                        change(x, CHANGED, SUBJECT_SCHEDULE_CELL, name, cell_text(x->arena, na, ia->cell_type),
                               cell_text(x->arena, nb, ib->cell_type), sb->cite, schedule_row_at(x->a, sa, y, ra), row_at)
                            ->percent = percent_text(x->arena, &na, &nb, 1, ib->cell_type);
                }
        if (ia->nrows > ib->nrows || ia->ncols > ib->ncols)
            change(x, CHANGE_REMOVED, SUBJECT_SCHEDULE_ROWS, sb->name.s,
                   grid_size(x->arena, ia), grid_size(x->arena, ib), sb->cite, sa->name.at, sb->name.at);
        if (sa->clamp != sb->clamp)
            change(x, CHANGED, SUBJECT_SCHEDULE_CLAMP, sb->name.s, sa->clamp ? "clamp" : "error",
                   sb->clamp ? "clamp" : "error", sb->cite, sa->name.at, sb->name.at);
    }
    for (int j = 0; j < ca->schedules.n; j++) {
        int i = 0;
        while (i < cb->schedules.n && strcmp(ca->schedules.v[j].name.s, cb->schedules.v[i].name.s))
            i++;
        if (i == cb->schedules.n)
            change(x, CHANGE_REMOVED, SUBJECT_SCHEDULE, ca->schedules.v[j].name.s, "(schedule)", NULL, ca->schedules.v[j].cite,
                   ca->schedules.v[j].name.at, (Span){0, 0});
    }
}

/* The row of a table's source whose key is key. */
static Span table_row_at(const Model *m, const TableDecl *t, const char *key)
{
    for (int r = 0; r < t->rows.n; r++) {
        const Expr *k = t->rows.v[r].key;
        const char *text = k->kind == E_NAME ? k->name : arena_printf(&m->ast->arena, "%lld", (long long)k->num.n);
        if (!strcmp(text, key))
            return t->rows.v[r].at;
    }
    return t->name.at;
}

static void diff_tables(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->tables.n; i++) {
        const TableDecl *tb = &cb->tables.v[i];
        const TableInfo *ib = &x->b->tables[i];
        int j = 0;
        while (j < ca->tables.n && strcmp(ca->tables.v[j].name.s, tb->name.s))
            j++;
        if (j == ca->tables.n) {
            change(x, CHANGE_ADDED, SUBJECT_TABLE, tb->name.s, NULL, "(new table)", tb->cite, (Span){0, 0}, tb->name.at);
            continue;
        }
        const TableInfo *ia = &x->a->tables[j];
        const TableDecl *ta = &ca->tables.v[j];
        Figure *cb_cells = arena_alloc(x->arena, sizeof(Figure) * (size_t)(x->b->nyears + 1));
        Figure *ca_cells = arena_alloc(x->arena, sizeof(Figure) * (size_t)(x->a->nyears + 1));
        for (int k = 0; k < ib->nkeys; k++) {
            const char *key = member_or_int(x->b, ib->key_enum, ib->key_enum_id, ib->keys[k]);
            int ka = -1;
            for (int q = 0; q < ia->nkeys; q++)
                if (!strcmp(member_or_int(x->a, ia->key_enum, ia->key_enum_id, ia->keys[q]), key))
                    ka = q;
            for (int y = 0; y < x->b->nyears; y++)
                cb_cells[y] = ib->cells[(size_t)y * (size_t)ib->nkeys + (size_t)k];
            const char *nv = per_year_text(x->arena, cb_cells, x->b->nyears, ib->value_type);
            const char *name = arena_printf(x->arena, "%s[%s]", tb->name.s, key);
            Span row_at = table_row_at(x->b, tb, key);
            if (ka < 0) {
                change(x, CHANGE_ADDED, SUBJECT_TABLE_ROW, name, NULL, nv, tb->cite, (Span){0, 0}, row_at);
                continue;
            }
            for (int y = 0; y < x->a->nyears; y++)
                ca_cells[y] = ia->cells[(size_t)y * (size_t)ia->nkeys + (size_t)ka];
            const char *ov = per_year_text(x->arena, ca_cells, x->a->nyears, ia->value_type);
            if (!same(ov, nv)) {
                Change *ch = change(x, CHANGED, SUBJECT_TABLE_ROW, name, ov, nv, tb->cite, table_row_at(x->a, ta, key), row_at);
                if (x->a->nyears == x->b->nyears)
                    ch->percent = percent_text(x->arena, ca_cells, cb_cells, x->b->nyears, ib->value_type);
            }
        }
        for (int q = 0; q < ia->nkeys; q++) {
            const char *key = member_or_int(x->a, ia->key_enum, ia->key_enum_id, ia->keys[q]);
            bool found = false;
            for (int k = 0; k < ib->nkeys; k++)
                found |= !strcmp(member_or_int(x->b, ib->key_enum, ib->key_enum_id, ib->keys[k]), key);
            if (!found)
                change(x, CHANGE_REMOVED, SUBJECT_TABLE_ROW, arena_printf(x->arena, "%s[%s]", tb->name.s, key), "(row)", NULL, tb->cite,
                       table_row_at(x->a, ta, key), (Span){0, 0});
        }
    }
    for (int j = 0; j < ca->tables.n; j++) {
        int i = 0;
        while (i < cb->tables.n && strcmp(ca->tables.v[j].name.s, cb->tables.v[i].name.s))
            i++;
        if (i == cb->tables.n)
            change(x, CHANGE_REMOVED, SUBJECT_TABLE, ca->tables.v[j].name.s, "(table)", NULL, ca->tables.v[j].cite,
                   ca->tables.v[j].name.at, (Span){0, 0});
    }
}

/* "longevity II", or "longevity rule 3" for an unlabelled rule */
static const char *rule_id(Arena *arena, const ComponentDecl *comp, const RuleDecl *r, int pos)
{
    return r->label.s ? arena_printf(arena, "%s %s", comp->name.s, r->label.s)
                      : arena_printf(arena, "%s rule %d", comp->name.s, pos + 1);
}

static const char *rule_text(Arena *arena, const RuleDecl *r)
{
    const char *amount = format_expr(arena, NULL, r->amount);
    if (!r->when)
        return arena_printf(arena, "add %s", amount);
    return arena_printf(arena, "when %s add %s", format_expr(arena, NULL, r->when), amount);
}

/* ---- what changed in a rule or definition ---- */

/* e's sub-expressions in order: its list, or its operands copied into
 * kids; returns how many. */
static int children(const Expr *e, Expr *const **out, Expr *kids[3])
{
    if (e->nargs) {
        *out = e->args;
        return e->nargs;
    }
    int n = 0;
    if (e->a)
        kids[n++] = e->a;
    if (e->b)
        kids[n++] = e->b;
    if (e->c)
        kids[n++] = e->c;
    *out = kids;
    return n;
}

static bool same_form(const Expr *a, const Expr *b)
{
    return a->kind == b->kind && a->parens == b->parens && (a->kind != E_BINARY || a->op == b->op) &&
           same(a->name, b->name) && same(a->var, b->var) && a->nargs == b->nargs && !a->a == !b->a && !a->b == !b->b &&
           !a->c == !b->c;
}

/* The smallest part of *a that differs from *b, and *b's: while both have
 * one form and exactly one of their sub-expressions differs, that one,
 * unless it is a name or a literal (then the comparison around it, say,
 * reads better: `district_years >= 5`, not `5`). */
static void narrow(Arena *arena, const Expr **a, const Expr **b)
{
    while (same_form(*a, *b)) {
        Expr *const *ka, *const *kb, *opa[3], *opb[3];
        const Expr *da = NULL, *db = NULL;
        int n = children(*a, &ka, opa), differ = 0;
        children(*b, &kb, opb);
        for (int i = 0; i < n; i++)
            if (!same(format_expr(arena, NULL, ka[i]), format_expr(arena, NULL, kb[i]))) {
                differ++;
                da = ka[i];
                db = kb[i];
            }
        if (differ != 1 || !children(da, &ka, opa) || !children(db, &kb, opb))
            return;
        *a = da;
        *b = db;
    }
}

/* Sets ch's part to the part of ea and eb that differs: all of it
 * (whole; NULL: leave ch as it is), or a part of it (inside). */
static void changed_part(Arena *arena, Change *ch, const char *whole, const char *inside, const Expr *ea, const Expr *eb)
{
    const Expr *a = ea, *b = eb;
    narrow(arena, &a, &b);
    ch->part = a == ea ? whole : inside;
    if (ch->part) {
        ch->old_part = format_expr(arena, NULL, a);
        ch->new_part = format_expr(arena, NULL, b);
    }
}

static void changed_cite(Differ *x, Change *ch, const char *old_cite, const char *new_cite)
{
    ch->part = "citation";
    ch->old_part = old_cite ? arena_printf(x->arena, "\"%s\"", old_cite) : "(none)";
    ch->new_part = new_cite ? arena_printf(x->arena, "\"%s\"", new_cite) : "(none)";
}

/* An amount written as literals, one or one per year, as cells per year;
 * false if it is computed. */
static bool literal_cells(const Expr *e, int nyears, Figure *out)
{
    if (e->kind == E_PERYEAR && e->nargs == nyears) {
        for (int y = 0; y < nyears; y++)
            if (!literal_cells(e->args[y], 1, &out[y]))
                return false;
        return true;
    }
    if (e->kind != E_MONEY && e->kind != E_INT && e->kind != E_DEC)
        return false;
    for (int y = 0; y < nyears; y++)
        out[y] = (Figure){e->num, false};
    return true;
}

/* A rule of which only its condition, its amount or its citation changed
 * shows that part: the condition's smallest part that changed, the
 * amount with the change in percent if it is written as figures. */
static void rule_changed(Differ *x, Change *ch, const RuleDecl *ra, const RuleDecl *rb)
{
    bool when = !same(ra->when ? format_expr(x->arena, NULL, ra->when) : NULL, rb->when ? format_expr(x->arena, NULL, rb->when) : NULL);
    bool amount = !same(format_expr(x->arena, NULL, ra->amount), format_expr(x->arena, NULL, rb->amount));
    bool cite = !same(ra->cite, rb->cite);
    if (when + amount + cite != 1)
        return;
    if (cite) {
        changed_cite(x, ch, ra->cite, rb->cite);
    } else if (amount) {
        changed_part(x->arena, ch, "amount", "in the amount", ra->amount, rb->amount);
        int ny = x->b->nyears;
        Figure *o = arena_alloc(x->arena, sizeof(Figure) * (size_t)(ny + 1)), *n = arena_alloc(x->arena, sizeof(Figure) * (size_t)(ny + 1));
        if (x->a->nyears == ny && literal_cells(ra->amount, ny, o) && literal_cells(rb->amount, ny, n))
            ch->percent = percent_text(x->arena, o, n, ny, (Type){.kind = TY_MONEY});
    } else if (ra->when && rb->when) {
        changed_part(x->arena, ch, "condition", "in the condition", ra->when, rb->when);
    } else {
        ch->part = "condition";
        ch->old_part = ra->when ? format_expr(x->arena, NULL, ra->when) : "(none: the rule always applied)";
        ch->new_part = rb->when ? format_expr(x->arena, NULL, rb->when) : "(none: the rule always applies)";
    }
}

static void diff_rules(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->components.n; i++) {
        const ComponentDecl *kb = &cb->components.v[i];
        const ComponentDecl *ka = NULL;
        for (int j = 0; j < ca->components.n; j++)
            if (!strcmp(ca->components.v[j].name.s, kb->name.s))
                ka = &ca->components.v[j];
        static const char *const policy[] = {"every rule that applies", "at most one", "exactly one"};
        if (ka && ka->policy != kb->policy)
            change(x, CHANGED, SUBJECT_POLICY, kb->name.s, policy[ka->policy], policy[kb->policy], NULL,
                   ka->policy_at, kb->policy_at);
        for (int r = 0; r < kb->rules.n; r++) {
            const RuleDecl *rb = &cb->rules.v[kb->rules.v[r]];
            const char *id = rule_id(x->arena, kb, rb, r);
            const RuleDecl *ra = NULL;
            for (int q = 0; ka && q < ka->rules.n && !ra; q++) {
                const RuleDecl *cand = &ca->rules.v[ka->rules.v[q]];
                if (!strcmp(rule_id(x->arena, ka, cand, q), id))
                    ra = cand;
            }
            const char *nt = rule_text(x->arena, rb);
            if (!ra) {
                change(x, CHANGE_ADDED, SUBJECT_RULE, id, NULL, nt, rb->cite, (Span){0, 0}, rb->at);
                continue;
            }
            const char *ot = rule_text(x->arena, ra);
            if (!same(ot, nt) || !same(ra->cite, rb->cite))
                rule_changed(x, change(x, CHANGED, SUBJECT_RULE, id, ot, nt, rb->cite, ra->at, rb->at), ra, rb);
        }
        for (int q = 0; ka && q < ka->rules.n; q++) {
            const RuleDecl *ra = &ca->rules.v[ka->rules.v[q]];
            const char *id = rule_id(x->arena, ka, ra, q);
            bool found = false;
            for (int r = 0; r < kb->rules.n && !found; r++)
                found = !strcmp(rule_id(x->arena, kb, &cb->rules.v[kb->rules.v[r]], r), id);
            if (!found)
                change(x, CHANGE_REMOVED, SUBJECT_RULE, id, rule_text(x->arena, ra), NULL, ra->cite, ra->at, (Span){0, 0});
        }
    }
    for (int j = 0; j < ca->components.n; j++) {
        bool found = false;
        for (int i = 0; i < cb->components.n && !found; i++)
            found = !strcmp(ca->components.v[j].name.s, cb->components.v[i].name.s);
        for (int q = 0; !found && q < ca->components.v[j].rules.n; q++) {
            const RuleDecl *ra = &ca->rules.v[ca->components.v[j].rules.v[q]];
            change(x, CHANGE_REMOVED, SUBJECT_RULE, rule_id(x->arena, &ca->components.v[j], ra, q), rule_text(x->arena, ra), NULL,
                   ra->cite, ra->at, (Span){0, 0});
        }
    }
}

static void diff_defs(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->defs.n; i++) {
        const DefDecl *db = &cb->defs.v[i];
        const DefDecl *da = NULL;
        for (int j = 0; j < ca->defs.n && !da; j++)
            if (!strcmp(ca->defs.v[j].name.s, db->name.s))
                da = &ca->defs.v[j];
        const char *nt = format_expr(x->arena, NULL, db->expr);
        if (!da) {
            change(x, CHANGE_ADDED, SUBJECT_DEFINITION, db->name.s, NULL, nt, db->cite, (Span){0, 0}, db->name.at);
            continue;
        }
        const char *ot = format_expr(x->arena, NULL, da->expr);
        if (!same(ot, nt) || !same(da->cite, db->cite)) {
            Change *ch = change(x, CHANGED, SUBJECT_DEFINITION, db->name.s, ot, nt, db->cite, da->name.at, db->name.at);
            if (same(ot, nt))
                changed_cite(x, ch, da->cite, db->cite);
            else if (same(da->cite, db->cite))
                changed_part(x->arena, ch, NULL, "in the formula", da->expr, db->expr);
        }
    }
    for (int j = 0; j < ca->defs.n; j++) {
        bool found = false;
        for (int i = 0; i < cb->defs.n && !found; i++)
            found = !strcmp(ca->defs.v[j].name.s, cb->defs.v[i].name.s);
        if (!found)
            change(x, CHANGE_REMOVED, SUBJECT_DEFINITION, ca->defs.v[j].name.s, format_expr(x->arena, NULL, ca->defs.v[j].expr), NULL,
                   ca->defs.v[j].cite, ca->defs.v[j].name.at, (Span){0, 0});
    }
}

static int member_at(const EnumDef *e, const char *name)
{
    for (int i = 0; i < e->count; i++)
        if (!strcmp(e->members[i], name))
            return i;
    return -1;
}

/* Field i's type as declared: "integer 1 to 15", "optional decimal = 0". */
static const char *field_def_text(Arena *arena, const Model *m, const FieldDef *f, const FieldDecl *fd)
{
    const char *t = type_name(m, f->type);
    if (f->has_range)
        t = arena_printf(arena, "%s %lld to %lld", t, (long long)f->lo, (long long)f->hi);
    if (fd->optional)
        t = arena_printf(arena, "optional %s", t);
    if (fd->deflt)
        t = arena_printf(arena, "%s = %s", t, format_expr(arena, NULL, fd->deflt));
    return t;
}

static const char *field_text(Arena *arena, const Model *m, int i)
{
    return field_def_text(arena, m, &m->fields[i], &m->ast->fields.v[i]);
}

/* "record (date, minutes, activity)" */
static const char *record_text(Arena *arena, const RecordDecl *r)
{
    const char *t = "record (";
    for (int j = 0; j < r->fields.n; j++)
        t = arena_printf(arena, "%s%s%s", t, j ? ", " : "", r->fields.v[j].name.s);
    return arena_printf(arena, "%s)", t);
}

static int record_at(const Contract *c, const char *name)
{
    for (int i = 0; i < c->records.n; i++)
        if (!strcmp(c->records.v[i].name.s, name))
            return i;
    return -1;
}

/* Record types added or removed, and the fields of those in both, named
 * "session.minutes". */
static void diff_records(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->records.n; i++) {
        const RecordDecl *rb = &cb->records.v[i];
        int j = record_at(ca, rb->name.s);
        if (j < 0) {
            change(x, CHANGE_ADDED, SUBJECT_FIELD, rb->name.s, NULL, record_text(x->arena, rb), NULL, (Span){0, 0}, rb->at);
            continue;
        }
        const RecordDecl *ra = &ca->records.v[j];
        for (int f = 0; f < rb->fields.n; f++) {
            const char *name = arena_printf(x->arena, "%s.%s", rb->name.s, rb->fields.v[f].name.s);
            const char *nt = field_def_text(x->arena, x->b, &x->b->records[i].fields[f + 1], &rb->fields.v[f]);
            int g = 0;
            while (g < ra->fields.n && strcmp(ra->fields.v[g].name.s, rb->fields.v[f].name.s))
                g++;
            if (g == ra->fields.n) {
                change(x, CHANGE_ADDED, SUBJECT_FIELD, name, NULL, nt, NULL, (Span){0, 0}, rb->fields.v[f].at);
                continue;
            }
            const char *ot = field_def_text(x->arena, x->a, &x->a->records[j].fields[g + 1], &ra->fields.v[g]);
            if (!same(ot, nt))
                change(x, CHANGED, SUBJECT_FIELD, name, ot, nt, NULL, ra->fields.v[g].at, rb->fields.v[f].at);
        }
        for (int g = 0; g < ra->fields.n; g++) {
            int f = 0;
            while (f < rb->fields.n && strcmp(ra->fields.v[g].name.s, rb->fields.v[f].name.s))
                f++;
            if (f == rb->fields.n)
                change(x, CHANGE_REMOVED, SUBJECT_FIELD, arena_printf(x->arena, "%s.%s", ra->name.s, ra->fields.v[g].name.s),
                       field_def_text(x->arena, x->a, &x->a->records[j].fields[g + 1], &ra->fields.v[g]), NULL, NULL,
                       ra->fields.v[g].at, (Span){0, 0});
        }
    }
    for (int j = 0; j < ca->records.n; j++)
        if (record_at(cb, ca->records.v[j].name.s) < 0)
            change(x, CHANGE_REMOVED, SUBJECT_FIELD, ca->records.v[j].name.s, record_text(x->arena, &ca->records.v[j]), NULL, NULL,
                   ca->records.v[j].at, (Span){0, 0});
}

static void diff_declarations(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->enums.n; i++) {
        const EnumDef *eb = &x->b->enums[i];
        int j = 0;
        while (j < ca->enums.n && strcmp(ca->enums.v[j].name.s, cb->enums.v[i].name.s))
            j++;
        if (j == ca->enums.n) {
            change(x, CHANGE_ADDED, SUBJECT_ENUM, eb->name, NULL, arena_printf(x->arena, "%d member%s", eb->count, eb->count == 1 ? "" : "s"), NULL,
                   (Span){0, 0}, cb->enums.v[i].name.at);
            continue;
        }
        const EnumDef *ea = &x->a->enums[j];
        for (int m = 0; m < eb->count; m++) {
            int o = member_at(ea, eb->members[m]);
            const char *name = arena_printf(x->arena, "%s.%s", eb->name, eb->members[m]);
            const char *shown = eb->display[m] ? eb->display[m] : eb->members[m];
            if (o < 0)
                change(x, CHANGE_ADDED, SUBJECT_ENUM_MEMBER, name, NULL, shown, NULL, (Span){0, 0}, cb->enums.v[i].members.v[m].name.at);
            else if (!same(ea->display[o], eb->display[m]))
                change(x, CHANGED, SUBJECT_ENUM_MEMBER_NAME, name, ea->display[o] ? ea->display[o] : ea->members[o], shown, NULL,
                       ca->enums.v[j].members.v[o].name.at, cb->enums.v[i].members.v[m].name.at);
        }
        for (int o = 0; o < ea->count; o++)
            if (member_at(eb, ea->members[o]) < 0)
                change(x, CHANGE_REMOVED, SUBJECT_ENUM_MEMBER, arena_printf(x->arena, "%s.%s", ea->name, ea->members[o]),
                       ea->display[o] ? ea->display[o] : ea->members[o], NULL, NULL, ca->enums.v[j].members.v[o].name.at, (Span){0, 0});
    }
    for (int i = 0; i < cb->fields.n; i++) {
        const char *nt = field_text(x->arena, x->b, i);
        int j = 0;
        while (j < ca->fields.n && strcmp(ca->fields.v[j].name.s, cb->fields.v[i].name.s))
            j++;
        if (j == ca->fields.n) {
            change(x, CHANGE_ADDED, SUBJECT_FIELD, cb->fields.v[i].name.s, NULL, nt, NULL, (Span){0, 0}, cb->fields.v[i].at);
            continue;
        }
        const char *ot = field_text(x->arena, x->a, j);
        if (!same(ot, nt))
            change(x, CHANGED, SUBJECT_FIELD, cb->fields.v[i].name.s, ot, nt, NULL, ca->fields.v[j].at, cb->fields.v[i].at);
    }
    for (int j = 0; j < ca->fields.n; j++) {
        bool found = false;
        for (int i = 0; i < cb->fields.n && !found; i++)
            found = !strcmp(ca->fields.v[j].name.s, cb->fields.v[i].name.s);
        if (!found)
            change(x, CHANGE_REMOVED, SUBJECT_FIELD, ca->fields.v[j].name.s, field_text(x->arena, x->a, j), NULL, NULL,
                   ca->fields.v[j].at, (Span){0, 0});
    }
    const char *oo = "", *no = "";
    for (int i = 0; i < ca->outputs.n; i++)
        oo = arena_printf(x->arena, "%s%s%s", oo, i ? ", " : "", ca->outputs.v[i].s);
    for (int i = 0; i < cb->outputs.n; i++)
        no = arena_printf(x->arena, "%s%s%s", no, i ? ", " : "", cb->outputs.v[i].s);
    if (!same(oo, no))
        change(x, CHANGED, SUBJECT_OUTPUT, "output", oo, no, NULL, ca->outputs.n ? ca->outputs.v[0].at : (Span){0, 0},
               cb->outputs.n ? cb->outputs.v[0].at : (Span){0, 0});
}

/* A new member with a new row in a table keyed by its enum is one term
 * added (a new stipend, say), not two: the member is folded into the row. */
static void fold_new_members(Differ *x)
{
    Changes *c = x->out;
    int kept = 0;
    for (int i = 0; i < c->n; i++) {
        const Change *ch = &c->v[i];
        bool folded = false;
        if (ch->kind == CHANGE_ADDED && ch->subject == SUBJECT_ENUM_MEMBER) {
            const char *dot = strchr(ch->name, '.');
            for (int t = 0; t < x->b->ast->tables.n && dot && !folded; t++) {
                const TableInfo *ti = &x->b->tables[t];
                if (!ti->key_enum || strncmp(x->b->enums[ti->key_enum_id].name, ch->name, (size_t)(dot - ch->name)) ||
                    x->b->enums[ti->key_enum_id].name[dot - ch->name])
                    continue;
                const char *row = arena_printf(x->arena, "%s[%s]", x->b->ast->tables.v[t].name.s, dot + 1);
                for (int j = 0; j < c->n && !folded; j++)
                    if (c->v[j].kind == CHANGE_ADDED && c->v[j].subject == SUBJECT_TABLE_ROW && !strcmp(c->v[j].name, row)) {
                        c->v[j].subject = SUBJECT_TABLE_ROW_AND_MEMBER;
                        c->v[j].what = change_subjects[SUBJECT_TABLE_ROW_AND_MEMBER];
                        folded = true;
                    }
            }
        }
        if (!folded)
            c->v[kept++] = *ch;
    }
    c->n = kept;
}

void diff_models(const Model *a, const Diags *da, const Model *b, const Diags *db, Changes *out)
{
    Differ x = {a, b, da, db, &b->ast->arena, out, {0, 0}, {0, 0}};
    diff_declarations(&x);
    diff_records(&x);
    diff_params(&x);
    diff_schedules(&x);
    diff_tables(&x);
    diff_defs(&x);
    diff_rules(&x);
    fold_new_members(&x);
}

void changes_free(Changes *c)
{
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}
