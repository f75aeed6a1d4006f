/* coverage.c: the items of a contract that runs can reach, what the
 * probes of covered Programs counted for each, and the report of those
 * never reached (coverage.h). */
#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* One rule, branch, definition, or row or entry in one year. */
typedef struct {
    ProbeKind kind;
    uint32_t at;          /* where the contract writes it: the report's order */
    int index, key;       /* as ProgProbe's */
    int year;             /* a row's or an entry's; -1 for the others */
    Span cond;            /* a branch's: the condition of its `if` */
    bool counted;         /* in the share: its year was run (a definition: computed per row somewhere) */
    uint64_t count;
} Item;

struct Coverage {
    const Model *m;
    Item *items;
    int n, cap;
    int first_branch, nbranches; /* sorted by at, then kind */
    int first_def, first_row;
    int *row_item;        /* [schedule]: its first row's item (year 0); the next years follow */
    int *entry_item;      /* [table]: likewise */
    bool *year_run;       /* [nyears] */
};

static Item *add_item(Coverage *cv, ProbeKind kind, uint32_t at, int index, int key, int year)
{
    if (cv->n == cv->cap) {
        cv->cap = cv->cap ? 2 * cv->cap : 64;
        cv->items = xrealloc(cv->items, sizeof(Item) * (size_t)cv->cap);
    }
    Item *it = &cv->items[cv->n++];
    *it = (Item){.kind = kind, .at = at, .index = index, .key = key, .year = year};
    return it;
}

/* The branches of every `if` in e: its `then` value, and its `else` value
 * unless that is an `else if`, whose branches are its own. */
static void add_branches(Coverage *cv, const Expr *e)
{
    if (!e)
        return;
    if (e->kind == E_IF) {
        add_item(cv, PROBE_THEN, e->b->at.start, -1, 0, -1)->cond = e->a->at;
        if (e->c->kind != E_IF)
            add_item(cv, PROBE_ELSE, e->c->at.start, -1, 0, -1)->cond = e->a->at;
    }
    add_branches(cv, e->a);
    add_branches(cv, e->b);
    add_branches(cv, e->c);
    for (int i = 0; i < e->nargs; i++)
        add_branches(cv, e->args[i]);
}

static int by_place(const void *a, const void *b)
{
    const Item *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->year < y->year ? -1 : x->year > y->year;
}

/* Where schedule s writes row r for year (its key, in the block for that
 * year or for every year); the schedule's name if no block does. */
static uint32_t row_at(const Model *m, int s, int r, int year)
{
    const ScheduleDecl *sd = &m->ast->schedules.v[s];
    const ScheduleInfo *si = &m->schedules[s];
    for (int b = 0; b < sd->blocks.n; b++) {
        const GridDecl *g = &sd->blocks.v[b];
        if (g->year && find_year(m, g->year) != year)
            continue;
        for (int k = 0; k < g->rows.n; k++) {
            const Expr *key = g->rows.v[k].key;
            if (si->row_enum ? key->kind == E_NAME && !strcmp(key->name, m->enums[si->row_enum_id].members[si->row_keys[r]])
                             : key->kind == E_INT && key->num.n == si->row_keys[r])
                return key->at.start;
        }
    }
    return sd->name.at.start;
}

/* Where table t writes entry k. */
static uint32_t entry_at(const Model *m, int t, int k)
{
    const TableDecl *td = &m->ast->tables.v[t];
    const TableInfo *ti = &m->tables[t];
    for (int i = 0; i < td->rows.n; i++) {
        const Expr *key = td->rows.v[i].key;
        if (ti->key_enum ? key->kind == E_NAME && !strcmp(key->name, m->enums[ti->key_enum_id].members[ti->keys[k]])
                         : key->kind == E_INT && key->num.n == ti->keys[k])
            return key->at.start;
    }
    return td->name.at.start;
}

Coverage *coverage_new(const Model *m)
{
    const Contract *c = m->ast;
    Coverage *cv = xcalloc(1, sizeof *cv);
    cv->m = m;
    cv->year_run = xcalloc((size_t)m->nyears + 1, sizeof(bool));
    for (int r = 0; r < c->rules.n; r++)
        add_item(cv, PROBE_RULE, c->rules.v[r].at.start, r, 0, -1);
    cv->first_branch = cv->n;
    for (int i = 0; i < c->defs.n; i++)
        add_branches(cv, c->defs.v[i].expr);
    for (int r = 0; r < c->rules.n; r++) {
        add_branches(cv, c->rules.v[r].when);
        add_branches(cv, c->rules.v[r].amount);
    }
    cv->nbranches = cv->n - cv->first_branch;
    if (cv->nbranches > 1)
        qsort(cv->items + cv->first_branch, (size_t)cv->nbranches, sizeof(Item), by_place);
    cv->first_def = cv->n;
    for (int i = 0; i < c->defs.n; i++)
        add_item(cv, PROBE_DEF, c->defs.v[i].name.at.start, i, 0, -1);
    cv->first_row = cv->n;
    cv->row_item = xcalloc((size_t)c->schedules.n + 1, sizeof(int));
    for (int s = 0; s < c->schedules.n; s++) {
        cv->row_item[s] = cv->n;
        for (int y = 0; y < m->nyears; y++)
            for (int r = 0; r < m->schedules[s].nrows; r++)
                add_item(cv, PROBE_ROW, row_at(m, s, r, y), s, r, y);
    }
    cv->entry_item = xcalloc((size_t)c->tables.n + 1, sizeof(int));
    for (int t = 0; t < c->tables.n; t++) {
        cv->entry_item[t] = cv->n;
        for (int y = 0; y < m->nyears; y++)
            for (int k = 0; k < m->tables[t].nkeys; k++)
                add_item(cv, PROBE_ENTRY, entry_at(m, t, k), t, k, y);
    }
    return cv;
}

void coverage_free(Coverage *cv)
{
    if (!cv)
        return;
    free(cv->items);
    free(cv->row_item);
    free(cv->entry_item);
    free(cv->year_run);
    free(cv);
}

/* The branch item a probe counts, found by where it is; NULL for a branch
 * not listed (in an `each year:` line). */
static Item *branch_item(Coverage *cv, const ProgProbe *probe)
{
    Item key = {.kind = probe->kind, .at = probe->at, .year = -1};
    if (cv->nbranches == 0)
        return NULL;
    return bsearch(&key, cv->items + cv->first_branch, (size_t)cv->nbranches, sizeof(Item), by_place);
}

static Item *item_of(Coverage *cv, const Program *p, const ProgProbe *probe)
{
    switch (probe->kind) {
    case PROBE_RULE: return &cv->items[probe->index];
    case PROBE_THEN:
    case PROBE_ELSE: return branch_item(cv, probe);
    case PROBE_DEF: return &cv->items[cv->first_def + probe->index];
    case PROBE_ROW: return &cv->items[cv->row_item[probe->index] + p->year * p->schedules[probe->index].nrows + probe->key];
    case PROBE_ENTRY: return &cv->items[cv->entry_item[probe->index] + p->year * p->tables[probe->index].nkeys + probe->key];
    }
    return NULL;
}

void coverage_add(Coverage *cv, const Program *p, const uint64_t *counts)
{
    cv->year_run[p->year] = true;
    for (int i = 0; i < p->nprobes; i++) {
        Item *it = item_of(cv, p, &p->probes[i]);
        if (!it)
            continue;
        it->count += counts ? counts[i] : 0;
        if (it->kind == PROBE_DEF)
            it->counted = true; /* computed per row in this Program */
    }
    for (int i = 0; i < cv->first_def; i++) /* the same words in every year */
        cv->items[i].counted = true;
    for (int i = cv->first_row; i < cv->n; i++)
        cv->items[i].counted |= cv->items[i].year == p->year;
}

static CoverShare *share_of(CoverSummary *s, ProbeKind kind)
{
    switch (kind) {
    case PROBE_RULE: return &s->rules;
    case PROBE_THEN:
    case PROBE_ELSE: return &s->branches;
    case PROBE_DEF: return &s->definitions;
    case PROBE_ROW: return &s->rows;
    case PROBE_ENTRY: return &s->entries;
    }
    return &s->all;
}

CoverSummary coverage_summary(const Coverage *cv)
{
    CoverSummary s = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
    for (int i = 0; i < cv->n; i++) {
        const Item *it = &cv->items[i];
        if (!it->counted)
            continue;
        CoverShare *k = share_of(&s, it->kind);
        k->total++;
        k->reached += it->count > 0;
        s.all.total++;
        s.all.reached += it->count > 0;
    }
    return s;
}

/* ---- the report ---- */

/* The source of span, on one line (each run of blanks one space), cut
 * with "..." past 48 bytes. */
static void source_text(const Diags *d, Span at, char *buf, size_t cap)
{
    uint32_t local;
    DiagSource src = diag_source(d, at.start, &local);
    uint32_t end = local + (at.end - at.start);
    size_t n = 0;
    for (uint32_t i = local; i < end && i < src.len && n + 4 < cap && n < 48; i++) {
        char ch = src.src[i] == '\n' || src.src[i] == '\t' || src.src[i] == '\r' ? ' ' : src.src[i];
        if (ch == ' ' && (n == 0 || buf[n - 1] == ' '))
            continue;
        buf[n++] = ch;
    }
    bool cut = n >= 48 && end > local + n;
    while (cut && n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80) /* not inside a character */
        n--;
    if (cut && n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0xC0)
        n--;
    buf[n] = '\0';
    if (cut)
        strcat(buf, "...");
}

/* "longevity IV", "rule 2 of insurance" */
static void rule_name(const Contract *c, int r, char *buf, size_t cap)
{
    const RuleDecl *rule = &c->rules.v[r];
    if (rule->label.s) {
        snprintf(buf, cap, "%s %s", rule->component.s, rule->label.s);
        return;
    }
    for (int ci = 0; ci < c->components.n; ci++)
        for (int i = 0; i < c->components.v[ci].rules.n; i++)
            if (c->components.v[ci].rules.v[i] == r)
                snprintf(buf, cap, "rule %d of %s", i + 1, rule->component.s);
}

/* An item never reached, and the years it is never reached in (rows and
 * entries), as the report says them. */
typedef struct {
    const Item *it;
    char years[160];
} Line;

/* The key of a row or an entry as the contract writes it: "14", "band". */
static void row_key(const Model *m, const Item *it, char *buf, size_t cap)
{
    bool is_enum = it->kind == PROBE_ENTRY ? m->tables[it->index].key_enum : m->schedules[it->index].row_enum;
    int enum_id = it->kind == PROBE_ENTRY ? m->tables[it->index].key_enum_id : m->schedules[it->index].row_enum_id;
    int64_t key = it->kind == PROBE_ENTRY ? m->tables[it->index].keys[it->key] : m->schedules[it->index].row_keys[it->key];
    if (is_enum)
        snprintf(buf, cap, "%s", m->enums[enum_id].members[key]);
    else
        snprintf(buf, cap, "%lld", (long long)key);
}

/* Whether row b follows row a in its schedule, keys one apart. */
static bool next_row(const Model *m, const Item *a, const Item *b)
{
    if (a->kind != PROBE_ROW || m->schedules[a->index].row_enum || b->key != a->key + 1)
        return false;
    return m->schedules[a->index].row_keys[b->key] == m->schedules[a->index].row_keys[a->key] + 1;
}

/* "salary row step 14 is", "salary rows step 2 to 4, 6 and 9 are",
 * "stipend rows band and debate are": the rows of lines[0..n), one
 * schedule's or table's, never looked up in the same years. */
static void say_rows(const Coverage *cv, const Line *lines, int n, FILE *out)
{
    const Model *m = cv->m;
    const Item *first = lines[0].it;
    bool row = first->kind == PROBE_ROW;
    const char *title = row && !m->schedules[first->index].row_enum ? m->ast->schedules.v[first->index].row_dim.s : NULL;
    fprintf(out, "%s row%s %s%s", row ? m->ast->schedules.v[first->index].name.s : m->ast->tables.v[first->index].name.s,
            n > 1 ? "s" : "", title ? title : "", title ? " " : "");
    /* each run of three or more rows one after another as "2 to 4" */
    int pieces = 0;
    for (int i = 0; i < n; pieces++) {
        int j = i + 1;
        while (j < n && next_row(m, lines[j - 1].it, lines[j].it))
            j++;
        i = j - i >= 3 ? j : i + 1;
    }
    for (int i = 0, piece = 0; i < n; piece++) {
        int j = i + 1;
        while (j < n && next_row(m, lines[j - 1].it, lines[j].it))
            j++;
        char key[128];
        row_key(m, lines[i].it, key, sizeof key);
        fprintf(out, "%s%s", piece == 0 ? "" : piece == pieces - 1 ? " and " : ", ", key);
        if (j - i >= 3) {
            row_key(m, lines[j - 1].it, key, sizeof key);
            fprintf(out, " to %s", key);
        }
        i = j - i >= 3 ? j : i + 1;
    }
    fprintf(out, " %s never looked up%s\n", n > 1 ? "are" : "is", lines[0].years);
}

/* What is never reached about lines[0] (and the rows after it, if it is a
 * row), after file:line:col; how many lines it says. */
static int say_line(const Coverage *cv, const Diags *d, const Line *lines, int n, FILE *out)
{
    const Contract *c = cv->m->ast;
    const Item *it = lines[0].it;
    char name[200], cond[64];
    switch (it->kind) {
    case PROBE_RULE:
        rule_name(c, it->index, name, sizeof name);
        fprintf(out, "rule `%s` never applies\n", name);
        return 1;
    case PROBE_THEN:
    case PROBE_ELSE:
        source_text(d, it->cond, cond, sizeof cond);
        fprintf(out, "the `%s` branch of `if %s` is never taken\n", it->kind == PROBE_THEN ? "then" : "else", cond);
        return 1;
    case PROBE_DEF:
        fprintf(out, "definition `%s` is never computed\n", c->defs.v[it->index].name.s);
        return 1;
    case PROBE_ROW:
    case PROBE_ENTRY: {
        int k = 1;
        while (k < n && lines[k].it->kind == it->kind && lines[k].it->index == it->index && !strcmp(lines[k].years, lines[0].years))
            k++;
        say_rows(cv, lines, k, out);
        return k;
    }
    }
    return 1;
}

/* ` in "2024-25"`, ` in "2024-25" or "2025-26"`, ` in any year` (each
 * year run), or nothing if the contract has no years: the years of
 * items[0..n) (one row or entry, written once for them all). */
static void years_text(const Coverage *cv, const Item *const *items, int n, char *buf, size_t cap)
{
    const Contract *c = cv->m->ast;
    int run = 0;
    for (int y = 0; y < cv->m->nyears; y++)
        run += cv->year_run[y];
    buf[0] = '\0';
    if (c->years.n == 0 || n == 0)
        return;
    if (n == run && run > 1) {
        snprintf(buf, cap, " in any year");
        return;
    }
    size_t len = 0;
    for (int i = 0; i < n && len + 40 < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s\"%.30s\"", i == 0 ? " in " : i == n - 1 ? " or " : ", ",
                                c->years.v[items[i]->year].s);
}

static int by_report_place(const void *a, const void *b)
{
    const Item *x = *(const Item *const *)a, *y = *(const Item *const *)b;
    int order = by_place(x, y);
    if (order || x->kind == y->kind)
        return order;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void say_share(FILE *out, const char *what, CoverShare s, bool *first)
{
    if (s.total == 0)
        return;
    fprintf(out, "%s%s %d/%d", *first ? ": " : ", ", what, s.reached, s.total);
    *first = false;
}

/* The items never reached, in source order: a row or an entry written
 * once for several years is one line, with the years. */
static int never_reached(const Coverage *cv, Line *lines)
{
    const Item **never = xcalloc((size_t)cv->n + 1, sizeof *never);
    int n = 0, nlines = 0;
    for (int i = 0; i < cv->n; i++)
        if (cv->items[i].counted && cv->items[i].count == 0)
            never[n++] = &cv->items[i];
    qsort(never, (size_t)n, sizeof *never, by_report_place);
    for (int i = 0; i < n;) {
        int k = 1;
        while (i + k < n && never[i + k]->at == never[i]->at && never[i + k]->kind == never[i]->kind &&
               never[i + k]->index == never[i]->index && never[i + k]->key == never[i]->key)
            k++;
        lines[nlines].it = never[i];
        years_text(cv, never + i, never[i]->year >= 0 ? k : 0, lines[nlines].years, sizeof lines[nlines].years);
        nlines++;
        i += k;
    }
    free(never);
    return nlines;
}

int coverage_report(const Coverage *cv, const Diags *d, FILE *out)
{
    Line *lines = xcalloc((size_t)cv->n + 1, sizeof *lines);
    int n = never_reached(cv, lines);
    for (int i = 0; i < n;) {
        uint32_t local;
        DiagSource src = diag_source(d, lines[i].it->at, &local);
        int line, col;
        diag_line_col(d, lines[i].it->at, &line, &col);
        fprintf(out, "%s:%d:%d: ", src.path, line, col);
        i += say_line(cv, d, lines + i, n - i, out);
    }
    CoverSummary s = coverage_summary(cv);
    fprintf(out, "%s: coverage: ", d->path);
    if (s.all.total == 0) {
        fprintf(out, "nothing to cover\n");
    } else {
        fprintf(out, "%d of %d (%d%%)", s.all.reached, s.all.total, (int)((int64_t)s.all.reached * 100 / s.all.total));
        bool first = true;
        say_share(out, "rules", s.rules, &first);
        say_share(out, "branches", s.branches, &first);
        say_share(out, "definitions", s.definitions, &first);
        say_share(out, "schedule rows", s.rows, &first);
        say_share(out, "table entries", s.entries, &first);
        fputc('\n', out);
    }
    free(lines);
    return s.all.total - s.all.reached;
}
