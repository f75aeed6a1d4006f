/* diff.c: the semantic diff.  See diff.h. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "derive.h"
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
    if (c.na)
        return "N/A";
    if (c.blank)
        return "$___";
    char buf[FORMAT_MAX];
    size_t n = format_display((Value){.num = c.v}, t, NULL, buf, sizeof buf);
    return arena_strndup(arena, buf, n);
}

/* a param written in percents, as percents: "3% / 2.5%" */
static const char *percent_cell_text(Arena *arena, Figure c, Type t)
{
    char buf[FORMAT_MAX];
    size_t n = c.blank ? 0 : format_percent(c.v, buf, sizeof buf);
    return n ? arena_strndup(arena, buf, n) : cell_text(arena, c, t);
}

/* How many grids a schedule has: one per member of its third key, or 1. */
static int grids_of(const ScheduleInfo *s)
{
    return s->ngrids > 0 ? s->ngrids : 1;
}

/* The old schedule's grid for the new one's grid g: the same member of
 * the third key, or the one grid of each; -1 if the old has none. */
static int same_grid(const Differ *x, const ScheduleInfo *a, const ScheduleInfo *b, int g)
{
    if (a->grid_enum_id < 0 && b->grid_enum_id < 0)
        return 0;
    if (a->grid_enum_id < 0 || b->grid_enum_id < 0)
        return -1;
    const EnumDef *ea = &x->a->enums[a->grid_enum_id];
    for (int i = 0; i < ea->count; i++)
        if (!strcmp(ea->members[i], x->b->enums[b->grid_enum_id].members[g]))
            return i;
    return -1;
}

/* "13 rows x 6 columns" */
static const char *grid_size(Arena *arena, const ScheduleInfo *s)
{
    return arena_printf(arena, "%d row%s x %d column%s", s->nrows, s->nrows == 1 ? "" : "s", s->ncols, s->ncols == 1 ? "" : "s");
}

static bool same_cell(Figure a, Figure b)
{
    return a.na == b.na && a.blank == b.blank && (a.na || a.blank || rat_eq(a.v, b.v));
}

typedef const char *CellText(Arena *arena, Figure c, Type t);

/* "$1,000 / $1,050", or one value when every year has it */
static const char *per_year_as(Arena *arena, const Figure *cells, int nyears, Type t, CellText *text)
{
    bool all_same = true;
    for (int y = 1; y < nyears; y++)
        all_same &= same_cell(cells[y], cells[0]);
    if (all_same)
        return text(arena, cells[0], t);
    const char *s = "";
    for (int y = 0; y < nyears; y++)
        s = arena_printf(arena, "%s%s%s", s, y ? " / " : "", text(arena, cells[y], t));
    return s;
}

static const char *per_year_text(Arena *arena, const Figure *cells, int nyears, Type t)
{
    return per_year_as(arena, cells, nyears, t, cell_text);
}

/* a param's values per year, in percents if they are written so */
static const char *param_text(Arena *arena, const Model *m, int i)
{
    return per_year_as(arena, m->params[i].values, m->nyears, m->params[i].type, m->params[i].percent ? percent_cell_text : cell_text);
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
        if (o[y].blank || n[y].blank || o[y].na || n[y].na || rat_is_zero(o[y].v) || rat_sub(n[y].v, o[y].v, &by) != RAT_OK)
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
        const char *nv = param_text(x->arena, x->b, i);
        if (j == ca->params.n) {
            change(x, CHANGE_ADDED, SUBJECT_PARAM, pb->name.s, NULL, nv, pb->cite, (Span){0, 0}, pb->name.at);
            continue;
        }
        /* changed if a value is, not if only its spelling is (3% for 0.03) */
        const char *ov = param_text(x->arena, x->a, j);
        bool changed = !same(per_year_text(x->arena, x->a->params[j].values, x->a->nyears, x->a->params[j].type),
                             per_year_text(x->arena, x->b->params[i].values, x->b->nyears, x->b->params[i].type));
        bool rate = x->a->params[j].percent || x->b->params[i].percent; /* 3% to 3.5% is no "+16.67%" */
        if (changed && x->a->nyears == x->b->nyears && !rate)
            change(x, CHANGED, SUBJECT_PARAM, pb->name.s, ov, nv, pb->cite, ca->params.v[j].name.at, pb->name.at)->percent =
                percent_text(x->arena, x->a->params[j].values, x->b->params[i].values, x->b->nyears, x->b->params[i].type);
        else if (changed)
            change(x, CHANGED, SUBJECT_PARAM, pb->name.s, ov, nv, pb->cite, ca->params.v[j].name.at, pb->name.at);
    }
    for (int j = 0; j < ca->params.n; j++) {
        int i = 0;
        while (i < cb->params.n && strcmp(ca->params.v[j].name.s, cb->params.v[i].name.s))
            i++;
        if (i == cb->params.n)
            change(x, CHANGE_REMOVED, SUBJECT_PARAM, ca->params.v[j].name.s, param_text(x->arena, x->a, j), NULL,
                   ca->params.v[j].cite, ca->params.v[j].name.at, (Span){0, 0});
    }
}

static const char *member_or_int(const Model *m, bool is_enum, int enum_id, int64_t key)
{
    if (is_enum)
        return m->enums[enum_id].members[key];
    return arena_printf(&m->ast->arena, "%lld", (long long)key);
}

/* The row of a schedule's source that holds its row r in year y and grid
 * (a third key's member; each year block, and each grid, has the first
 * block's rows, in its order). */
static Span schedule_row_at(const Model *m, const ScheduleDecl *sd, int y, int grid, int r)
{
    const ScheduleInfo *si = &m->schedules[sd - m->ast->schedules.v];
    for (int b = 0; b < sd->blocks.n; b++) {
        const GridDecl *g = &sd->blocks.v[b];
        if ((g->year && find_year(m, g->year) != y) || g->base)
            continue;
        if (g->key.s && si->grid_enum_id >= 0 && strcmp(g->key.s, m->enums[si->grid_enum_id].members[grid]))
            continue;
        int left = r; /* the printed row holding row r, a range 12..15 holding four */
        for (int i = 0; i < g->rows.n; i++) {
            const RowDecl *row = &g->rows.v[i];
            int span = row->key_to && row->key_to->num.n >= row->key->num.n ? (int)(row->key_to->num.n - row->key->num.n + 1) : 1;
            if (left < span)
                return row->at;
            left -= span;
        }
    }
    return sd->name.at;
}

/* How year y's cells of schedule sa (old) and sb (new) differ, in one
 * line: "every cell of salary \"2025-26\" +0.98%", or "412 of 420 cells
 * of ..., +0.95% to +1.02%"; NULL if none does.  Shapes that differ are
 * left to diff_schedules' own report. */
static const char *cells_summary(Differ *x, int sa, int sb, int y)
{
    const ScheduleInfo *ia = &x->a->schedules[sa], *ib = &x->b->schedules[sb];
    if (ia->nrows != ib->nrows || ia->ncols != ib->ncols)
        return NULL;
    if (grids_of(ia) != grids_of(ib))
        return NULL;
    size_t per = (size_t)ib->nrows * (size_t)ib->ncols * (size_t)grids_of(ib); /* every grid's */
    const Figure *ca = ia->cells + per * (size_t)y, *cb = ib->cells + per * (size_t)y;
    size_t changed = 0;
    bool ratios = true;
    Rat lo = {0, 1}, hi = {0, 1};
    for (size_t i = 0; i < per; i++) {
        if (same_cell(ca[i], cb[i]))
            continue;
        Rat by, ratio;
        if (ca[i].blank || cb[i].blank || rat_sub(cb[i].v, ca[i].v, &by) != RAT_OK || rat_div(by, ca[i].v, &ratio) != RAT_OK)
            ratios = false;
        else if (changed == 0 || rat_cmp(ratio, lo) < 0)
            lo = ratio;
        if (ratios && (changed == 0 || rat_cmp(ratio, hi) > 0))
            hi = ratio;
        changed++;
    }
    if (changed == 0)
        return NULL;
    const char *which = changed == per ? arena_printf(x->arena, "every cell of %s \"%s\"", x->b->ast->schedules.v[sb].name.s, x->b->ast->years.v[y].s)
                                       : arena_printf(x->arena, "%zu of %zu cells of %s \"%s\"", changed, per, x->b->ast->schedules.v[sb].name.s,
                                                      x->b->ast->years.v[y].s);
    if (!ratios)
        return which;
    char a[32], b[32];
    format_change_percent(lo, rat_int(1), a, sizeof a);
    format_change_percent(hi, rat_int(1), b, sizeof b);
    return strcmp(a, b) ? arena_printf(x->arena, "%s, %s to %s", which, a, b) : arena_printf(x->arena, "%s %s", which, a);
}

static const char *rule_or_printed(Differ *x, const YearRule *r)
{
    return r ? format_year_rule(x->arena, NULL, r) : "(printed)";
}

/* The change a param makes, if the diff has one. */
static Change *param_change(Differ *x, const Expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == E_NAME && e->ref == REF_PARAM)
        for (int i = 0; i < x->out->n; i++)
            if (x->out->v[i].subject == SUBJECT_PARAM && !strcmp(x->out->v[i].name, e->name))
                return &x->out->v[i];
    Change *c = param_change(x, e->a);
    return c ? c : param_change(x, e->b);
}

static bool ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n >= m && !strcmp(s + n - m, end);
}

/* The change a year derived from block `from` of new schedule sb follows
 * from: the first listed change of a cell of `from`, or, for a derived
 * `from`, the change its own summary went to; -1 if none. */
static int source_change(Differ *x, int sb, const char *from)
{
    const char *sched = x->b->ast->schedules.v[sb].name.s;
    int y = find_year(x->b, from);
    const char *cell_of = arena_printf(x->arena, "%s[", sched);
    const char *in = arena_printf(x->arena, y >= 0 ? " in \"%s\"" : " in base \"%s\"", from);
    const char *summary_of = arena_printf(x->arena, "of %s \"%s\"", sched, from);
    bool derived = y >= 0 && schedule_year_rule(x->b, sb, y);
    for (int i = 0; i < x->out->n; i++) {
        const Change *c = &x->out->v[i];
        if (derived ? c->effect && strstr(c->effect, summary_of)
                    : c->subject == SUBJECT_SCHEDULE_CELL && !strncmp(c->name, cell_of, strlen(cell_of)) && ends_with(c->name, in))
            return i;
    }
    return -1;
}

/* The cells of the `base` blocks both versions of a schedule have, as
 * schedule cells "salary[1, BA] in base \"2023-24\"". */
static void diff_base_blocks(Differ *x, int sa, int sb)
{
    const ScheduleDecl *da = &x->a->ast->schedules.v[sa], *db = &x->b->ast->schedules.v[sb];
    const ScheduleInfo *ia = &x->a->schedules[sa], *ib = &x->b->schedules[sb];
    if (!ia->block_year || !ib->block_year || ia->nrows != ib->nrows || ia->ncols != ib->ncols)
        return;
    for (int b = 0; b < db->blocks.n; b++) {
        const GridDecl *gb = &db->blocks.v[b];
        int a = 0;
        while (a < da->blocks.n && !(da->blocks.v[a].base && gb->base && !strcmp(da->blocks.v[a].year, gb->year)))
            a++;
        if (a == da->blocks.n || !ia->block_exact[a] || !ib->block_exact[b])
            continue;
        for (int r = 0; r < ib->nrows; r++)
            for (int c = 0; c < ib->ncols; c++) {
                Figure fa = ia->block_exact[a][r * ib->ncols + c], fb = ib->block_exact[b][r * ib->ncols + c];
                if (same_cell(fa, fb))
                    continue;
                const char *name = arena_printf(x->arena, "%s[%s, %s] in base \"%s\"", db->name.s,
                                                member_or_int(x->b, ib->row_enum, ib->row_enum_id, ib->row_keys[r]),
                                                x->b->enums[ib->col_enum_id].members[c], gb->year);
                change(x, CHANGED, SUBJECT_SCHEDULE_CELL, name, cell_text(x->arena, fa, ia->cell_type), cell_text(x->arena, fb, ib->cell_type),
                       db->cite, r < da->blocks.v[a].rows.n ? da->blocks.v[a].rows.v[r].at : da->name.at,
                       r < gb->rows.n ? gb->rows.v[r].at : db->name.at)
                    ->percent = percent_text(x->arena, &fa, &fb, 1, ib->cell_type);
            }
    }
}

/* If year y of the schedule is derived in either version: its changes in
 * one line, added to the change of its rule, of a param its rate uses (a
 * changed raise is one change) or of a cell of the year it is derived
 * from, or on its own; true.  False for a year printed in both, whose
 * cells diff_schedules lists. */
static bool diff_derived_year(Differ *x, int sa, int sb, int y)
{
    const YearRule *ra = schedule_year_rule(x->a, sa, y), *rb = schedule_year_rule(x->b, sb, y);
    if (!ra && !rb)
        return false;
    const char *summary = cells_summary(x, sa, sb, y), *was = rule_or_printed(x, ra), *now = rule_or_printed(x, rb);
    const ScheduleDecl *sd = &x->b->ast->schedules.v[sb];
    Change *ch = NULL;
    if (!strcmp(was, now) && !summary)
        return true;
    if (!strcmp(was, now))
        ch = param_change(x, rb->rate);
    int from = !ch && !strcmp(was, now) ? source_change(x, sb, rb->from) : -1;
    if (from >= 0)
        ch = &x->out->v[from];
    if (!ch) {
        const char *name = arena_printf(x->arena, "%s \"%s\"", sd->name.s, x->b->ast->years.v[y].s);
        Span old_at = ra ? ra->at : x->a->ast->schedules.v[sa].name.at, new_at = rb ? rb->at : sd->name.at;
        ch = change(x, CHANGED, SUBJECT_SCHEDULE_YEAR, name, was, now, sd->cite, old_at, new_at);
    }
    if (summary)
        ch->effect = ch->effect ? arena_printf(x->arena, "%s\n%s", ch->effect, summary) : summary;
    return true;
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
        diff_base_blocks(x, j, i);
        /* cells by grid, row key and column name, in the new schedule's
         * order; a derived year's are summarised, not listed */
        for (int y = 0; y < x->b->nyears && y < x->a->nyears; y++)
            if (!diff_derived_year(x, j, i, y))
            for (int gb = 0; gb < grids_of(ib); gb++)
                for (int r = 0; r < ib->nrows; r++)
                    for (int c = 0; c < ib->ncols; c++) {
                        const char *col = colb->members[c];
                        const char *row = member_or_int(x->b, ib->row_enum, ib->row_enum_id, ib->row_keys[r]);
                        Figure nb = ib->cells[(((size_t)y * (size_t)grids_of(ib) + (size_t)gb) * (size_t)ib->nrows + (size_t)r) * (size_t)ib->ncols + (size_t)c];
                        int ra = -1, cl = -1, ga = same_grid(x, ia, ib, gb);
                        for (int k = 0; k < ia->nrows; k++)
                            if (!strcmp(member_or_int(x->a, ia->row_enum, ia->row_enum_id, ia->row_keys[k]), row))
                                ra = k;
                        for (int k = 0; k < ia->ncols; k++)
                            if (!strcmp(cola->members[k], col))
                                cl = k;
                        const char *name = arena_printf(x->arena, "%s[%s, %s%s%s]%s", sb->name.s, row, col, ib->grid_enum_id >= 0 ? ", " : "",
                                                        ib->grid_enum_id >= 0 ? x->b->enums[ib->grid_enum_id].members[gb] : "", year_suffix(x->b, y));
                        Span row_at = schedule_row_at(x->b, sb, y, gb, r);
                        if (ra < 0 || cl < 0 || ga < 0) {
                            change(x, CHANGE_ADDED, SUBJECT_SCHEDULE_CELL, name, NULL, cell_text(x->arena, nb, ib->cell_type), sb->cite,
                                   (Span){0, 0}, row_at);
                            continue;
                        }
                        Figure na = ia->cells[(((size_t)y * (size_t)grids_of(ia) + (size_t)ga) * (size_t)ia->nrows + (size_t)ra) * (size_t)ia->ncols + (size_t)cl];
                        if (!same_cell(na, nb))
                            change(x, CHANGED, SUBJECT_SCHEDULE_CELL, name, cell_text(x->arena, na, ia->cell_type),
                                   cell_text(x->arena, nb, ib->cell_type), sb->cite, schedule_row_at(x->a, sa, y, ga, ra), row_at)
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
        out[y] = (Figure){.v = e->num};
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

/* "(minutes: integer, rate: money): money", as fmt writes it */
static const char *signature_text(Arena *arena, const FunctionDecl *f)
{
    const char *s = "(";
    for (int i = 0; i < f->params.n; i++) {
        const FieldDecl *p = &f->params.v[i];
        s = arena_printf(arena, "%s%s%s: %s%s", s, i ? ", " : "", p->name.s, p->list ? "list of " : "", p->type.s);
    }
    return arena_printf(arena, "%s): %s%s", s, f->result.list ? "list of " : "", f->result.type.s);
}

/* A function added, removed or changed (its parameters, result, formula
 * or cite); what that does to the figures shows in the definitions and
 * rules that call it, when a roster prices them. */
static void diff_functions(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->functions.n; i++) {
        const FunctionDecl *fb = &cb->functions.v[i], *fa = NULL;
        for (int j = 0; j < ca->functions.n && !fa; j++)
            if (!strcmp(ca->functions.v[j].name.s, fb->name.s))
                fa = &ca->functions.v[j];
        const char *nsig = signature_text(x->arena, fb), *nbody = format_expr(x->arena, NULL, fb->body);
        const char *nt = arena_printf(x->arena, "%s = %s", nsig, nbody);
        if (!fa) {
            change(x, CHANGE_ADDED, SUBJECT_FUNCTION, fb->name.s, NULL, nt, fb->cite, (Span){0, 0}, fb->name.at);
            continue;
        }
        const char *osig = signature_text(x->arena, fa), *obody = format_expr(x->arena, NULL, fa->body);
        const char *ot = arena_printf(x->arena, "%s = %s", osig, obody);
        if (same(ot, nt) && same(fa->cite, fb->cite))
            continue;
        Change *ch = change(x, CHANGED, SUBJECT_FUNCTION, fb->name.s, ot, nt, fb->cite, fa->name.at, fb->name.at);
        if (same(ot, nt))
            changed_cite(x, ch, fa->cite, fb->cite);
        else if (same(fa->cite, fb->cite) && same(osig, nsig))
            changed_part(x->arena, ch, NULL, "in the formula", fa->body, fb->body);
    }
    for (int j = 0; j < ca->functions.n; j++) {
        const FunctionDecl *fa = &ca->functions.v[j];
        bool found = false;
        for (int i = 0; i < cb->functions.n && !found; i++)
            found = !strcmp(fa->name.s, cb->functions.v[i].name.s);
        if (!found)
            change(x, CHANGE_REMOVED, SUBJECT_FUNCTION, fa->name.s,
                   arena_printf(x->arena, "%s = %s", signature_text(x->arena, fa), format_expr(x->arena, NULL, fa->body)), NULL, fa->cite,
                   fa->name.at, (Span){0, 0});
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

/* ---- effective dates, one-time money, `before the first year:` ---- */

/* "pay", "roll-up", "benefit": what a definition costs (CostKind) */
static const char *cost_kind_name(CostKind k)
{
    return k == COST_ROLL_UP ? "roll-up" : k == COST_BENEFIT ? "benefit" : "pay";
}

/* "from 2025-10-06" (several: "from 2025-10-06, 2026-10-05"), or what
 * holds without a date */
static const char *from_text(Arena *arena, const EffectiveDates *from)
{
    if (!from->n)
        return "from the year's first day";
    const char *s = "from";
    for (int i = 0; i < from->n; i++) {
        int y, m, d;
        date_to_ymd(from->v[i].day, &y, &m, &d);
        s = arena_printf(arena, "%s%s %04d-%02d-%02d", s, i ? "," : "", y, m, d);
    }
    return s;
}

static void dates_changed(Differ *x, ChangeSubject subject, const char *name, const EffectiveDates *a, const EffectiveDates *b,
                          const char *cite, Span old_at, Span new_at)
{
    const char *ot = from_text(x->arena, a), *nt = from_text(x->arena, b);
    if (!same(ot, nt)) {
        Change *ch = change(x, CHANGED, subject, name, ot, nt, cite, old_at, new_at);
        ch->part = "effective date";
        ch->old_part = ot;
        ch->new_part = nt;
    }
}

static const GridDecl *block_for(const ScheduleDecl *s, const char *year)
{
    for (int b = 0; b < s->blocks.n; b++)
        if (s->blocks.v[b].year && !strcmp(s->blocks.v[b].year, year))
            return &s->blocks.v[b];
    return NULL;
}

static const Binding *before_first_of(const Contract *c, const char *name)
{
    for (int i = 0; i < c->before_first.n; i++)
        if (!strcmp(c->before_first.v[i].name.s, name))
            return &c->before_first.v[i];
    return NULL;
}

static void diff_effective(Differ *x)
{
    const Contract *ca = x->a->ast, *cb = x->b->ast;
    for (int i = 0; i < cb->params.n; i++)
        for (int j = 0; j < ca->params.n; j++)
            if (!strcmp(ca->params.v[j].name.s, cb->params.v[i].name.s))
                dates_changed(x, SUBJECT_PARAM, cb->params.v[i].name.s, &ca->params.v[j].from, &cb->params.v[i].from,
                              cb->params.v[i].cite, ca->params.v[j].name.at, cb->params.v[i].name.at);
    for (int i = 0; i < cb->tables.n; i++)
        for (int j = 0; j < ca->tables.n; j++)
            if (!strcmp(ca->tables.v[j].name.s, cb->tables.v[i].name.s))
                dates_changed(x, SUBJECT_TABLE, cb->tables.v[i].name.s, &ca->tables.v[j].from, &cb->tables.v[i].from,
                              cb->tables.v[i].cite, ca->tables.v[j].name.at, cb->tables.v[i].name.at);
    for (int i = 0; i < cb->schedules.n; i++)
        for (int j = 0; j < ca->schedules.n; j++) {
            const ScheduleDecl *sa = &ca->schedules.v[j], *sb = &cb->schedules.v[i];
            for (int b = 0; !strcmp(sa->name.s, sb->name.s) && b < sb->blocks.n; b++) {
                const GridDecl *gb = &sb->blocks.v[b], *ga = gb->year ? block_for(sa, gb->year) : NULL;
                if (ga)
                    dates_changed(x, SUBJECT_SCHEDULE, arena_printf(x->arena, "%s in \"%s\"", sb->name.s, gb->year), &ga->from,
                                  &gb->from, sb->cite, ga->year_at, gb->year_at);
            }
        }
    for (int i = 0; i < cb->defs.n; i++)
        for (int j = 0; j < ca->defs.n; j++)
            if (!strcmp(ca->defs.v[j].name.s, cb->defs.v[i].name.s) && ca->defs.v[j].one_time != cb->defs.v[i].one_time)
                change(x, CHANGED, SUBJECT_DEFINITION, cb->defs.v[i].name.s, ca->defs.v[j].one_time ? "one-time" : "recurring",
                       cb->defs.v[i].one_time ? "one-time" : "recurring", cb->defs.v[i].cite, ca->defs.v[j].name.at,
                       cb->defs.v[i].name.at);
    for (int i = 0; i < cb->defs.n; i++)
        for (int j = 0; j < ca->defs.n; j++)
            if (!strcmp(ca->defs.v[j].name.s, cb->defs.v[i].name.s) && ca->defs.v[j].cost != cb->defs.v[i].cost)
                change(x, CHANGED, SUBJECT_DEFINITION, cb->defs.v[i].name.s, cost_kind_name(ca->defs.v[j].cost),
                       cost_kind_name(cb->defs.v[i].cost), cb->defs.v[i].cite, ca->defs.v[j].name.at, cb->defs.v[i].name.at);
    for (int i = 0; i < cb->components.n; i++)
        for (int j = 0; j < ca->components.n; j++)
            if (!strcmp(ca->components.v[j].name.s, cb->components.v[i].name.s) &&
                ca->components.v[j].one_time != cb->components.v[i].one_time)
                change(x, CHANGED, SUBJECT_POLICY, cb->components.v[i].name.s, ca->components.v[j].one_time ? "one-time" : "recurring",
                       cb->components.v[i].one_time ? "one-time" : "recurring", NULL, ca->components.v[j].name.at,
                       cb->components.v[i].name.at);
    for (int i = 0; i < cb->before_first.n; i++) {
        const Binding *bb = &cb->before_first.v[i], *ba = before_first_of(ca, bb->name.s);
        const char *nt = format_expr(x->arena, NULL, bb->expr), *ot = ba ? format_expr(x->arena, NULL, ba->expr) : NULL;
        const char *name = arena_printf(x->arena, "last_year(%s) in the first year", bb->name.s);
        if (!ba)
            change(x, CHANGE_ADDED, SUBJECT_DEFINITION, name, NULL, nt, NULL, (Span){0, 0}, bb->name.at);
        else if (!same(ot, nt))
            change(x, CHANGED, SUBJECT_DEFINITION, name, ot, nt, NULL, ba->name.at, bb->name.at);
    }
    for (int j = 0; j < ca->before_first.n; j++)
        if (!before_first_of(cb, ca->before_first.v[j].name.s))
            change(x, CHANGE_REMOVED, SUBJECT_DEFINITION,
                   arena_printf(x->arena, "last_year(%s) in the first year", ca->before_first.v[j].name.s),
                   format_expr(x->arena, NULL, ca->before_first.v[j].expr), NULL, NULL, ca->before_first.v[j].name.at, (Span){0, 0});
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
    diff_functions(&x);
    diff_rules(&x);
    diff_effective(&x);
    fold_new_members(&x);
}

void changes_free(Changes *c)
{
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}
