/* schedule_shape.c: the shapes of printed schedules the checker reads
 * (row ranges, N/A cells, rows that stand for numbers, derived columns
 * over the row key, grids picked by a third key) and enum order
 * (next( ), previous( ), comparisons by declared order). */
#include "checker.h"
#include "builtins.h"

#include <string.h>

/* next(x), previous(x): x is a member of an enum, and so is the result;
 * going past either end is the VM's error for the row (MEMBER_STEP). */
Type check_member_step(Checker *k, Expr *e)
{
    const char *name = builtins[e->ref_index].name;
    Type t = check_expr(k, e->args[0], NULL);
    if (t.kind == TY_ERROR)
        return T_ERROR;
    if (t.kind != TY_ENUM) {
        diag_error(k->d, e->args[0]->at, "%s( ) takes a member of an enum, as in %s(lane), but this is %s", name, name,
                   type_article(k, t));
        return T_ERROR;
    }
    const EnumDef *en = &k->m->enums[t.enum_id];
    bool next = strcmp(name, "next") == 0;
    Expr *a = e->args[0];
    if (a->kind == E_NAME && a->ref == REF_MEMBER && a->ref_index == (next ? en->count - 1 : 0))
        diag_error(k->d, e->at, "there is no %s %s %s, the %s", en->name, next ? "after" : "before", a->name, next ? "last" : "first");
    return t;
}

/* How many rows a schedule block may print, a range's rows each counted. */
enum { MAX_GRID_ROWS = 10000 };

/* How many rows row prints: a range 12..15 four, else one (and one for a
 * range that goes down or of members, which grid_rows reports). */
int64_t grid_row_span(const RowDecl *row, bool member_rows)
{
    bool down = row->key_to && row->key_to->num.n < row->key->num.n;
    return row->key_to && !member_rows && !down ? row->key_to->num.n - row->key->num.n + 1 : 1;
}

/* The rows block g prints, one per key: a range 12..15 is four rows
 * sharing its cells, rows[i].offset 0 to 3.  A range that goes down, or
 * one in a schedule whose rows are members, is reported and read as its
 * first row (reported if report says so: a block is read twice). */
int grid_rows(Checker *k, const GridDecl *g, bool member_rows, bool report, GridRow **out)
{
    Diags *d = report ? k->d : NULL;
    int n = 0;
    GridRow *rows = arena_alloc(&k->c->arena, sizeof *rows * (size_t)(g->rows.n + 1));
    int cap = g->rows.n + 1;
    for (int r = 0; r < g->rows.n; r++) {
        const RowDecl *row = &g->rows.v[r];
        bool down = row->key_to && row->key_to->num.n < row->key->num.n;
        int64_t span = grid_row_span(row, member_rows);
        if (row->key_to && member_rows && d)
            diag_error(d, (Span){row->key->at.start, row->key_to->at.end},
                       "a row range like 12..15 is for rows numbered by whole numbers; these rows are members, one per row");
        else if (down && d)
            diag_error(d, (Span){row->key->at.start, row->key_to->at.end},
                       "a row range goes up: write the first row's number, then `..`, then the last one's, as in 12..15");
        if (span > MAX_GRID_ROWS - n) {
            if (d)
                diag_error(d, row->at, "a schedule block has at most %d rows, counting each row of a range", MAX_GRID_ROWS);
            break;
        }
        if (n + span + 1 > cap) {
            GridRow *more = arena_alloc(&k->c->arena, sizeof *rows * (size_t)(2 * (n + span) + 1));
            memcpy(more, rows, sizeof *rows * (size_t)n);
            rows = more;
            cap = (int)(2 * (n + span) + 1);
        }
        for (int64_t i = 0; i < span; i++)
            rows[n++] = (GridRow){r, i};
    }
    *out = rows;
    return n;
}

/* "12..15" or "12" or "A": a row as the schedule prints it */
const char *grid_row_text(Checker *k, const RowDecl *row)
{
    if (row->key->kind == E_NAME)
        return row->key->name;
    if (row->key_to)
        return arena_printf(&k->c->arena, "%lld..%lld", (long long)row->key->num.n, (long long)row->key_to->num.n);
    return arena_printf(&k->c->arena, "%lld", (long long)row->key->num.n);
}

/* The number member `member` of enum `e` stands for: its own (A = 0), or
 * one more than the member before it; the first member's is 1. */
int64_t member_number(const Contract *c, int e, int member)
{
    const EnumDecl *ed = &c->enums.v[e];
    int64_t n = 0;
    for (int i = 0; i <= member; i++)
        n = ed->members.v[i].has_number ? ed->members.v[i].number : n + 1;
    return n;
}

/* Members that say which number they stand for must say one above the
 * member before them, so order by number is order by declaration. */
void check_member_numbers(Checker *k)
{
    for (int e = 0; e < k->c->enums.n; e++) {
        const EnumDecl *ed = &k->c->enums.v[e];
        for (int i = 1; i < ed->members.n; i++) {
            const MemberDecl *md = &ed->members.v[i];
            int64_t before = member_number(k->c, e, i - 1);
            if (md->has_number && md->number <= before)
                diag_error(k->d, md->number_at,
                           "%s stands for %lld, but %s before it stands for %lld: members stand for numbers that go up, in the order listed",
                           md->name.s, (long long)md->number, ed->members.v[i - 1].name.s, (long long)before);
        }
    }
}

/* The grids of a schedule picked by a third key (by step, lane, months):
 * a block for each member, `ten_month:` holding in every year or
 * `"2024-25" ten_month:` in one, into cells [year][member][row][col];
 * years[y] marks each year printed.  A year worked out by a rule, and a
 * base block, are derive.c's (check_year_rules), for every grid at once. */
void check_keyed_grids(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, bool money, bool *years)
{
    const Model *m = k->m;
    const EnumDef *keys = &m->enums[si->grid_enum_id];
    size_t per_grid = (size_t)si->nrows * (size_t)si->ncols, per_year = per_grid * (size_t)si->ngrids;
    bool *seen = arena_alloc(&k->c->arena, sizeof(bool) * ((size_t)m->nyears * (size_t)si->ngrids + 1));
    bool *derived = arena_alloc(&k->c->arena, sizeof(bool) * ((size_t)m->nyears + 1));
    bool by_year = true, unnamed = false;
    for (int b = sd->blocks.n - 1; b >= 0; b--) {
        const GridDecl *g = &sd->blocks.v[b];
        if (g->rule && find_year(m, g->year) >= 0)
            derived[find_year(m, g->year)] = true;
        if (!g->rule && !g->base)
            by_year = g->year != NULL; /* as the first printed grid */
    }
    for (int b = 0; b < sd->blocks.n; b++) {
        GridDecl *g = &sd->blocks.v[b];
        if (g->rule || g->base)
            continue;
        int key = g->key.s ? enum_member(keys, g->key.s) : -1;
        Span head = g->year ? g->year_at : g->key.s ? g->key.at : g->row_title.at;
        if (!g->key.s) {
            diag_error(k->d, head, "schedule `%s` has a grid for each member of %s: say which this is, as in `%s%s:`", sd->name.s,
                       keys->name, g->year ? "\"2024-25\" " : "", keys->members[0]);
            unnamed = true;
            continue;
        }
        if (key < 0) {
            diag_error(k->d, g->key.at, "`%s` is not a member of %s%s", g->key.s, keys->name, suggest_member(k, keys, g->key.s));
            continue;
        }
        if ((g->year != NULL) != by_year) {
            diag_error(k->d, head, "schedule `%s` gives its first grid %s: give every grid %s", sd->name.s,
                       by_year ? "a year" : "no year", by_year ? "its year" : "for every year, with no year");
            continue;
        }
        int y = g->year ? find_year(m, g->year) : 0;
        if (y < 0) {
            diag_error(k->d, g->year_at, "\"%s\" is not one of the contract's years", g->year);
            continue;
        }
        if (seen[(size_t)y * (size_t)si->ngrids + (size_t)key]) {
            diag_error(k->d, head, "schedule `%s` has two grids for %s%s", sd->name.s, g->key.s,
                       g->year ? arena_printf(&k->c->arena, " in \"%s\"", g->year) : "");
            continue;
        }
        seen[(size_t)y * (size_t)si->ngrids + (size_t)key] = true;
        for (int yy = y; yy < (g->year ? y + 1 : m->nyears); yy++)
            years[yy] = true;
        Figure *cells = si->cells + per_year * (size_t)y + per_grid * (size_t)key;
        check_grid(k, sd, si, g, cells,
                   g->year ? arena_printf(&k->c->arena, " for %s in \"%s\"", g->key.s, g->year) : arena_printf(&k->c->arena, " for %s", g->key.s),
                   money);
        for (int other = 1; !g->year && other < m->nyears; other++)
            memcpy(cells + per_year * (size_t)other, cells, per_grid * sizeof(Figure));
    }
    for (int y = 0; !unnamed && y < (by_year ? m->nyears : 1); y++)
        for (int key = 0; key < si->ngrids && !(derived[y] && !years[y]); key++)
            if (!seen[(size_t)y * (size_t)si->ngrids + (size_t)key])
                diag_error(k->d, sd->name.at, "schedule `%s` has no grid for %s%s", sd->name.s, keys->members[key],
                           by_year && k->c->years.n ? arena_printf(&k->c->arena, " in \"%s\"", k->c->years.v[y].s) : "");
}

/* salary[step, lane, months]: a schedule with a third key is looked up by
 * all three, the third a member of its enum. */
Type check_keyed_lookup(Checker *k, Expr *e, ScheduleDecl *sd, ScheduleInfo *si)
{
    if (e->nargs != 3) {
        diag_error(k->d, e->at, "schedule `%s` is looked up by %s, %s and %s: %s[%s, %s, %s]", e->name, sd->row_dim.s, sd->col_dim.s,
                   sd->key_dim.s, e->name, sd->row_dim.s, sd->col_dim.s, sd->key_dim.s);
        for (int i = 0; i < e->nargs; i++)
            check_expr(k, e->args[i], NULL);
        return T_ERROR;
    }
    Type want[3] = {si->row_enum ? (Type){TY_ENUM, si->row_enum_id} : T_INT, {TY_ENUM, si->col_enum_id}, {TY_ENUM, si->grid_enum_id}};
    const char *what[3] = {"row", "column", "grid"};
    for (int i = 0; i < 3; i++) {
        Type t = check_expr(k, e->args[i], si->grid_enum_id >= 0 ? &want[i] : NULL);
        if (t.kind != TY_ERROR && si->grid_enum_id >= 0 && !same_type(t, want[i]))
            diag_error(k->d, e->args[i]->at, "the %s of schedule `%s` is %s, but this is %s", what[i], e->name,
                       type_article(k, want[i]), type_article(k, t));
    }
    return si->cell_type;
}
