/* costing.c: costing a contract over a roster year by year, comparing two
 * costings employee by employee, ranking the largest changes, and one
 * contract year of two versions for `terms diff --roster` (costing.h). */
#include "costing.h"
#include "cost_figures.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "format.h"
#include "ids.h"
#include "vm.h"

/* What one costing holds while it reads the roster. */
typedef struct {
    const Version *v;
    const CostRequest *rq;
    Costing *c;
    EngineError *e;
    Program *prog[COST_MAX_YEARS];
    VM *vm[COST_MAX_YEARS];
    int *line_node;                 /* [c->nlines]: -1 where the contract lacks the line */
    int *comp_node;                 /* [c->ncomp]: the roll-up and benefit definitions */
    int fte_node, fte_field;        /* -1, -1: no FTE */
    CostCount hours;                /* the hours worked, or -1, -1 */
    int turnover_field;             /* with rq->turnover: the field, and the top of its range */
    int64_t turnover_top;
    int name_field;                 /* the text field `name`, or -1 */
    int retro_node;                 /* a definition that is retro( ), or -1 */
    OpenRoster in;
    RosterIds *ids;                 /* the ids read so far, unless the roster may repeat them */
    int by_field;                   /* the field (maybe one added to the schema) grouped by, or -1 */
    RecordSchema with_by;           /* the schema with a text field for a column the record lacks */
    FieldDef *fields;               /* its fields, owned */
    int last_group;                 /* the group of the last employee, tried first */
    int group;                      /* the group of the employee being costed */
    Value *record, *before;         /* this year's record, and last year's */
    Value *history;                 /* [nyears][nfields]: the record in each year, for last_year( ) */
    Rat *values;                    /* [c->nlines]: this year's value of each line, for rq->employee */
    size_t nfields;
} Pass;

static bool add_to(Rat *sum, Rat v)
{
    return rat_add(*sum, v, sum) == RAT_OK;
}

/* Fails the pass at the row being read. */
static bool fail_row(Pass *p, FailKind kind, const char *year, const char *name, const char *text)
{
    *p->e = (EngineError){.kind = kind, .roster = p->rq->roster.path, .line = roster_line(p->in.r), .row = roster_row(p->in.r),
                          .version = p->v, .year = year, .name = name};
    describe_row(p->prog[0], p->in.r, p->record, p->e->who, sizeof p->e->who);
    snprintf(p->e->text, sizeof p->e->text, "%s", text ? text : "");
    return false;
}

static bool fail_vm(Pass *p, FailKind kind, int y)
{
    fail_row(p, kind, p->c->year[y], NULL, vm_error(p->vm[y]));
    if (kind == FAIL_ADVANCE)
        p->e->next_year = p->c->year[y + 1];
    return false;
}

static int field_named(const RecordSchema *s, const char *name)
{
    for (int i = 0; i < s->nfields; i++)
        if (!strcmp(s->fields[i].name, name))
            return i;
    return -1;
}

/* The parts the total is the sum of: `total = salary + differential +
 * extra_pay`, each definition that is itself such a sum opened in turn, so
 * the lines add up to the total.  Returns how many nodes it put in out. */
static int addends(const Contract *c, const Expr *e, int *out, int n, int cap, int depth)
{
    if (e->kind == E_BINARY && e->op == OPB_ADD) {
        n = addends(c, e->a, out, n, cap, depth);
        return n < 0 ? n : addends(c, e->b, out, n, cap, depth);
    }
    if (e->kind != E_NAME || (e->ref != REF_DEF && e->ref != REF_COMPONENT) || n >= cap)
        return -1;
    if (e->ref == REF_DEF && depth < 8) {
        const Expr *def = c->defs.v[e->ref_index].expr;
        int more = def->kind == E_BINARY && def->op == OPB_ADD ? addends(c, def, out, n, cap, depth + 1) : -1;
        if (more >= 0)
            return more;
    }
    out[n] = e->ref == REF_DEF ? e->ref_index : c->defs.n + e->ref_index;
    return n + 1;
}

/* The lines: the request's, or the parts of the total; then the total. */
static bool choose_lines(Pass *p)
{
    const Contract *ast = p->v->m->ast;
    const Program *p0 = p->prog[0];
    Costing *c = p->c;
    int t = model_node_named(p->v->m, p->rq->total);
    if (t < 0 || p0->nodes[t].type.kind != TY_MONEY) {
        *p->e = (EngineError){.kind = FAIL_TOTAL, .version = p->v, .name = p->rq->total};
        return false;
    }
    int cap = p->rq->lines ? p->rq->nlines : ast->defs.n + ast->components.n;
    p->line_node = xrealloc(NULL, sizeof(int) * ((size_t)cap + 1));
    c->lines = xrealloc(NULL, sizeof(CostLine) * ((size_t)cap + 1));
    int n;
    if (p->rq->lines) {
        for (n = 0; n < p->rq->nlines; n++)
            p->line_node[n] = model_node_named(p->v->m, p->rq->lines[n]);
    } else {
        n = t < ast->defs.n ? addends(ast, ast->defs.v[t].expr, p->line_node, 0, cap, 0) : -1;
        n = n > 0 ? n : 0;
    }
    p->line_node[n++] = t;
    c->nlines = n;
    c->total_line = n - 1;
    for (int i = 0; i < n; i++) {
        int node = p->line_node[i];
        c->lines[i] = (CostLine){.name = node >= 0 ? p0->nodes[node].name : p->rq->lines[i], .present = node >= 0,
                                 .one_time = node >= 0 && p0->nodes[node].one_time && i < n - 1};
        c->has_one_time |= c->lines[i].one_time;
        c->lines[i].schedule = i < n - 1 && node >= 0 && cost_looks_up_schedule(ast, node, p->line_node, n - 1);
        if (node >= 0 && node < ast->defs.n)
            c->lines[i].cite = ast->defs.v[node].cite;
        for (int y = 0; y < COST_MAX_YEARS; y++)
            c->lines[i].sum[y] = c->lines[i].stayed[y] = rat_int(0);
    }
    return true;
}

/* The definitions marked roll-up or benefit, summed beside the lines. */
static void choose_comp(Pass *p)
{
    const Contract *ast = p->v->m->ast;
    Costing *c = p->c;
    p->comp_node = xrealloc(NULL, sizeof(int) * ((size_t)ast->defs.n + 1));
    c->comp = xrealloc(NULL, sizeof(CostLine) * ((size_t)ast->defs.n + 1));
    for (int d = 0; d < ast->defs.n; d++) {
        if (ast->defs.v[d].cost == COST_PAY)
            continue;
        CostLine *l = &c->comp[c->ncomp];
        *l = (CostLine){.name = ast->defs.v[d].name.s, .cite = ast->defs.v[d].cite, .present = true, .cost = ast->defs.v[d].cost};
        for (int y = 0; y < COST_MAX_YEARS; y++)
            l->sum[y] = l->stayed[y] = rat_int(0);
        p->comp_node[c->ncomp++] = d;
    }
}

/* The field whose top the leavers stand at (rq->turnover). */
static bool choose_turnover(Pass *p)
{
    p->c->turnover = p->rq->turnover;
    if (!p->rq->turnover || cost_turnover_field(p->prog[0]->schema, p->rq->turnover, &p->turnover_field, &p->turnover_top))
        return true;
    *p->e = (EngineError){.kind = FAIL_TURNOVER, .version = p->v, .name = p->rq->turnover->field, .count = p->rq->turnover->hire};
    return false;
}

/* The first definition that is retro(x): its sum is reported on its own. */
static void choose_retro(Pass *p)
{
    const Contract *ast = p->v->m->ast;
    p->retro_node = -1;
    for (int d = 0; d < ast->defs.n && p->retro_node < 0; d++)
        if (ast->defs.v[d].expr->kind == E_CALL && ast->defs.v[d].expr->ref == REF_RETRO) {
            p->retro_node = d;
            p->c->retro_name = ast->defs.v[d].name.s;
        }
}

/* What is counted as FTE: a definition, else a field, of a number. */
static bool choose_fte(Pass *p)
{
    const Program *p0 = p->prog[0];
    const char *fte = p->rq->fte;
    p->fte_node = p->fte_field = -1;
    p->c->has_fte = fte != NULL;
    if (!fte)
        return true;
    p->fte_node = model_node_named(p->v->m, fte);
    p->fte_field = p->fte_node < 0 ? field_named(p0->schema, fte) : -1;
    TypeKind kind = p->fte_node >= 0    ? p0->nodes[p->fte_node].type.kind
                    : p->fte_field >= 0 ? p0->schema->fields[p->fte_field].type.kind
                                        : TY_ERROR;
    if (kind != TY_DECIMAL && kind != TY_INTEGER) {
        *p->e = (EngineError){.kind = FAIL_FTE, .version = p->v, .name = fte};
        return false;
    }
    return true;
}

/* The hours worked, for cost per hour: a definition, else a field. */
static bool choose_hours(Pass *p)
{
    p->hours = (CostCount){-1, -1};
    p->c->has_hours = p->rq->hours != NULL;
    if (p->rq->hours && !cost_count_find(p->v->m, p->prog[0], p->rq->hours, &p->hours)) {
        *p->e = (EngineError){.kind = FAIL_HOURS, .version = p->v, .name = p->rq->hours};
        return false;
    }
    return true;
}

/* The next employee begun in the store with their id and name; their
 * totals, to fill in. */
static Rat *add_employee(Pass *p)
{
    Costing *c = p->c;
    c->nemployees++;
    p->group = -1;
    const Value *name = p->name_field >= 0 ? &p->record[p->name_field] : NULL;
    int id = p->prog[0]->id_field;
    char row[32];
    if (id < 0)
        snprintf(row, sizeof row, "row %ld", roster_row(p->in.r));
    return cost_store_begin(c->store, id >= 0 ? p->record[id].text.p : row, id >= 0 ? p->record[id].text.len : strlen(row),
                            name ? name->text.p : NULL, name ? name->text.len : 0);
}

/* The employee costed, written to the store. */
static bool end_employee(Pass *p)
{
    char why[sizeof p->e->text];
    if (cost_store_end(p->c->store, p->group, why, sizeof why))
        return true;
    *p->e = (EngineError){.kind = FAIL_TEMP, .roster = p->rq->roster.path, .version = p->v};
    memcpy(p->e->text, why, sizeof why);
    return false;
}

/* last_year( ) in year y reads each year before as the employee was then. */
static void begin_years_before(Pass *p, VM *vm, int y)
{
    for (int k = y - 1; k >= 0 && (vm = vm_last_year(vm)); k--)
        vm_begin(vm, p->history + (size_t)k * p->nfields);
}

/* Year y of the employee in p->record: every line into the year's sums,
 * the total into *total, and the FTE and headcount. */
static bool evaluate(Pass *p, int y, Rat *total)
{
    Costing *c = p->c;
    VM *vm = p->vm[y];
    memcpy(p->history + (size_t)y * p->nfields, p->record, sizeof(Value) * p->nfields);
    vm_begin(vm, p->record);
    begin_years_before(p, vm, y);
    for (int i = 0; i < c->nlines; i++) {
        Value v;
        if (p->line_node[i] < 0)
            continue;
        if (!vm_value(vm, p->line_node[i], &v))
            return fail_vm(p, FAIL_EVAL, y);
        if (!add_to(&c->lines[i].sum[y], v.num))
            return fail_row(p, FAIL_SUM, NULL, c->lines[i].name, NULL);
        p->values[i] = v.num;
        if (i == c->total_line)
            *total = v.num;
    }
    for (int i = 0; i < c->ncomp; i++) {
        Value v;
        if (!vm_value(vm, p->comp_node[i], &v))
            return fail_vm(p, FAIL_EVAL, y);
        if (!add_to(&c->comp[i].sum[y], v.num))
            return fail_row(p, FAIL_SUM, NULL, c->comp[i].name, NULL);
    }
    Value r;
    if (p->retro_node >= 0 && !vm_value(vm, p->retro_node, &r))
        return fail_vm(p, FAIL_EVAL, y);
    if (p->retro_node >= 0 && !add_to(&c->retro[y], r.num))
        return fail_row(p, FAIL_SUM, NULL, c->retro_name, NULL);
    Value f = {0};
    if (p->fte_node >= 0 && !vm_value(vm, p->fte_node, &f))
        return fail_vm(p, FAIL_EVAL, y);
    if (p->fte_field >= 0)
        f = p->record[p->fte_field];
    if ((p->fte_node >= 0 || p->fte_field >= 0) && !add_to(&c->fte[y], f.num))
        return fail_row(p, FAIL_SUM, NULL, NULL, NULL);
    Rat h;
    if (cost_count_on(&p->hours) && !cost_count_value(&p->hours, vm, p->record, &h))
        return fail_vm(p, FAIL_EVAL, y);
    if (cost_count_on(&p->hours) && !add_to(&c->hours[y], h))
        return fail_row(p, FAIL_SUM, NULL, p->rq->hours, NULL);
    c->headcount[y]++;
    if (p->rq->employee)
        p->rq->employee(p->rq->employee_ctx, c, c->nemployees - 1, y, p->record, p->values);
    return true;
}

/* Year y > 0 of the employee: moved on from year y - 1 with `each year:`,
 * and the year's increase split into the schedule's (the employee where
 * they stood, at this year's figures) and movement (the rest). */
static bool moved_on(Pass *p, int y, Rat *tot)
{
    Costing *c = p->c;
    memcpy(p->before, p->record, sizeof(Value) * p->nfields);
    if (c->moved[y] && !vm_advance(p->vm[y - 1], p->record))
        return fail_vm(p, FAIL_ADVANCE, y - 1);
    if (c->moved[y] && p->rq->turnover)
        cost_turnover_apply(p->rq->turnover, p->turnover_field, p->turnover_top, p->before, p->record, c, y);
    Value stayed = {0};
    vm_begin(p->vm[y], p->before);
    begin_years_before(p, p->vm[y], y);
    for (int i = 0; i < c->nlines; i++) {
        Value v;
        if (p->line_node[i] < 0)
            continue;
        if (!vm_value(p->vm[y], p->line_node[i], &v))
            return fail_vm(p, FAIL_EVAL, y);
        if (!add_to(&c->lines[i].stayed[y], v.num))
            return fail_row(p, FAIL_SUM, NULL, c->lines[i].name, NULL);
        if (i == c->total_line)
            stayed = v;
    }
    Rat increase, movement;
    if (rat_sub(stayed.num, tot[y - 1], &increase) != RAT_OK || !add_to(&c->schedule[y], increase))
        return fail_row(p, FAIL_SUM, NULL, "increase in terms", NULL);
    if (!evaluate(p, y, &tot[y]))
        return false;
    if (rat_sub(tot[y], stayed.num, &movement) != RAT_OK || !add_to(&c->movement[y], movement))
        return fail_row(p, FAIL_SUM, NULL, "step and lane movement", NULL);
    return true;
}

/* The field grouped by: the record's, else a text field added to a copy
 * of the schema so that the reader reads that column too. */
static const RecordSchema *choose_by(Pass *p)
{
    const RecordSchema *s = p->prog[0]->schema;
    p->by_field = -1;
    if (!p->rq->by)
        return s;
    p->by_field = field_named(s, p->rq->by);
    if (p->by_field >= 0)
        return s;
    p->fields = xrealloc(NULL, sizeof(FieldDef) * ((size_t)s->nfields + 1));
    memcpy(p->fields, s->fields, sizeof(FieldDef) * (size_t)s->nfields);
    p->fields[s->nfields] = (FieldDef){.name = p->rq->by, .type = {.kind = TY_TEXT}};
    p->with_by = *s;
    p->with_by.fields = p->fields;
    p->with_by.nfields = s->nfields + 1;
    p->by_field = s->nfields;
    return &p->with_by;
}

/* Puts the employee in the group of its value of the field grouped by. */
static bool group_employee(Pass *p)
{
    Costing *c = p->c;
    const RecordSchema *s = p->by_field < p->prog[0]->schema->nfields ? p->prog[0]->schema : &p->with_by;
    char key[256];
    size_t n = format_value(p->record[p->by_field], s->fields[p->by_field].type, s->enums, key, sizeof key);
    key[n < sizeof key ? n : sizeof key - 1] = '\0';
    int g = p->last_group;
    if (g < 0 || g >= c->ngroups || strcmp(c->group_key[g], key))
        for (g = 0; g < c->ngroups && strcmp(c->group_key[g], key); g++)
            ;
    if (g == c->ngroups) {
        if (g == COST_MAX_GROUPS)
            return fail_row(p, FAIL_GROUPS, NULL, c->by, NULL);
        if ((g & (g - 1)) == 0) { /* 0, 1, 2, 4, ...: grow */
            size_t cap = g ? (size_t)g * 2 : 1;
            c->group_key = xrealloc(c->group_key, sizeof(char *) * cap);
            c->group_count = xrealloc(c->group_count, sizeof(long) * cap);
            c->group_total = xrealloc(c->group_total, sizeof(Rat) * cap * (size_t)c->nyears);
        }
        c->group_key[g] = xstrndup(key, strlen(key));
        c->group_count[g] = 0;
        for (int y = 0; y < c->nyears; y++)
            c->group_total[g * c->nyears + y] = rat_int(0);
        c->ngroups++;
    }
    p->last_group = g;
    p->group = g;
    c->group_count[g]++;
    return true;
}

/* The employee's totals into its group's. */
static bool group_totals(Pass *p, const Rat *tot)
{
    Costing *c = p->c;
    Rat *sum = &c->group_total[p->group * c->nyears];
    for (int y = 0; y < c->nyears; y++)
        if (!add_to(&sum[y], tot[y]))
            return fail_row(p, FAIL_SUM, NULL, c->lines[c->total_line].name, NULL);
    return true;
}

/* Every row of the roster through every year. */
static bool read_roster(Pass *p)
{
    Costing *c = p->c;
    for (;;) {
        char err[sizeof p->e->text];
        int got = roster_next(p->in.r, p->record, err, sizeof err);
        int id = p->prog[0]->id_field;
        if (got > 0 && p->ids && !roster_ids_add(p->ids, p->record[id].text.p, p->record[id].text.len, roster_row(p->in.r),
                                                 roster_line(p->in.r)))
            got = -1;
        if (got <= 0 && p->ids && !roster_ids_end(p->ids)) { /* a duplicate found only now, or before a bad row, comes first */
            roster_ids_error(p->ids, err, sizeof err);
            got = -1;
        }
        if (got == 0)
            return true;
        if (got < 0) {
            *p->e = (EngineError){.kind = FAIL_ROSTER, .roster = p->rq->roster.path, .version = p->v};
            memcpy(p->e->text, err, sizeof err);
            return false;
        }
        Rat *tot = add_employee(p);
        if (p->by_field >= 0 && !group_employee(p))
            return false;
        if (!evaluate(p, 0, &tot[0]))
            return false;
        for (int y = 1; y < c->nyears; y++)
            if (!moved_on(p, y, tot))
                return false;
        if (p->by_field >= 0 && !group_totals(p, tot))
            return false;
        if (!end_employee(p))
            return false;
        if (p->rq->progress && c->nemployees % COST_PROGRESS_ROWS == 0)
            p->rq->progress(p->rq->progress_ctx, c->nemployees, 0);
    }
}

bool cost_pair_years(const Model *proposal, int first, int last, const Model *baseline, StatusQuo sq, CostYear *plan,
                     EngineError *e)
{
    const Contract *pc = proposal->ast;
    int end = baseline->nyears - 1, matched = -1;
    for (int k = 0; k <= last - first; k++) {
        int y = first + k, at = pc->years.n && baseline->ast->years.n ? find_year(baseline, pc->years.v[y].s) : k == 0 ? 0 : -1;
        if (at >= 0 && k > 0 && matched < k - 1) {
            *e = (EngineError){.kind = FAIL_YEARS, .name = pc->years.v[y - 1].s, .next_year = pc->years.v[y].s};
            return false;
        }
        if (at >= 0) {
            plan[k] = (CostYear){.year = at, .move_on = true};
            matched = k;
        } else {
            plan[k] = (CostYear){.year = end, .move_on = sq == STATUS_QUO_STEPS, .label = pc->years.n ? pc->years.v[y].s : NULL};
        }
    }
    return true;
}

bool cost_average(const Costing *c, int i, int y, Rat *avg)
{
    return c->headcount[y] > 0 && rat_div(c->lines[i].sum[y], rat_int(c->headcount[y]), avg) == RAT_OK;
}

/* The items the roster named that c's contract lacks, copied from r. */
static void keep_skipped(Costing *c, const Roster *r)
{
    int n;
    const RosterSkipped *k = roster_skipped(r, &n);
    c->skipped = n ? xrealloc(NULL, sizeof *k * (size_t)n) : NULL;
    for (int i = 0; i < n; i++) {
        c->skipped[i] = k[i];
        c->skipped[i].value = xstrndup(k[i].value, strlen(k[i].value));
    }
    c->nskipped = n;
}

bool cost_contract(const Version *version, const CostRequest *rq, Costing *c, EngineError *e)
{
    *c = (Costing){.path = version->path, .title = version->m->ast->title, .roster = rq->roster.path,
                   .nyears = rq->last - rq->first + 1};
    assert(c->nyears >= 1 && c->nyears <= COST_MAX_YEARS);
    Pass p = {.v = version, .rq = rq, .c = c, .e = e, .name_field = -1};
    for (int y = 0; y < COST_MAX_YEARS; y++)
        c->fte[y] = c->schedule[y] = c->movement[y] = c->one_time[y] = c->retro[y] = c->hours[y] = rat_int(0);
    for (int y = 0; y < c->nyears; y++) {
        const CostYear *plan = rq->plan ? &rq->plan[y] : NULL;
        p.prog[y] = compile_program(version->m, plan ? plan->year : rq->first + y, version->ov, version->nov);
        c->contract_year[y] = p.prog[y]->year_name;
        c->year[y] = plan && plan->label ? plan->label : p.prog[y]->year_name;
        c->moved[y] = y > 0 && (!plan || plan->move_on);
    }
    choose_retro(&p);
    choose_comp(&p);
    c->by = rq->by;
    p.last_group = -1;
    bool ok = choose_lines(&p) && choose_fte(&p) && choose_hours(&p) && choose_turnover(&p) && roster_source_open(&rq->roster, choose_by(&p), &p.in, e);
    if (!ok && e->kind == FAIL_ROSTER)
        e->version = version;
    if (ok) {
        p.nfields = (size_t)p.prog[0]->schema->nfields + 2; /* room for a field grouped by */
        p.record = xrealloc(NULL, sizeof(Value) * p.nfields);
        p.values = xcalloc((size_t)c->nlines, sizeof(Rat));
        c->schema = p.prog[0]->schema;
        p.name_field = field_named(c->schema, "name");
        if (p.name_field >= 0 && c->schema->fields[p.name_field].type.kind != TY_TEXT)
            p.name_field = -1;
        p.before = xrealloc(NULL, sizeof(Value) * p.nfields);
        memset(p.record, 0, sizeof(Value) * p.nfields);
        memset(p.before, 0, sizeof(Value) * p.nfields);
        p.history = xcalloc((size_t)c->nyears * p.nfields, sizeof(Value));
        for (int y = 0; y < c->nyears; y++)
            p.vm[y] = vm_new(p.prog[y]);
        const Program *p0 = p.prog[0];
        if (!rq->roster.allow_duplicate_ids && p0->id_field >= 0)
            p.ids = roster_ids_new(rq->roster.path, p0->schema->fields[p0->id_field].name);
        if (rq->skip_unknown_members)
            roster_skip_unknown_members(p.in.r);
        char why[sizeof e->text];
        c->store = cost_store_new(c->nyears, why, sizeof why);
        if (!c->store) {
            *e = (EngineError){.kind = FAIL_TEMP, .roster = rq->roster.path, .version = version};
            memcpy(e->text, why, sizeof why);
        }
        ok = c->store && read_roster(&p);
        c->named = p.name_field >= 0 && c->nemployees > 0;
        keep_skipped(c, p.in.r);
        roster_ids_free(p.ids);
        for (int y = 0; y < c->nyears; y++)
            vm_free(p.vm[y]);
        roster_source_close(&p.in);
    }
    for (int i = 0; ok && i < c->nlines; i++)
        for (int y = 0; c->lines[i].one_time && y < c->nyears; y++)
            if (!add_to(&c->one_time[y], c->lines[i].sum[y])) {
                *e = (EngineError){.kind = FAIL_SUM, .roster = rq->roster.path, .version = version, .name = c->lines[i].name};
                ok = false;
            }
    free(p.record);
    free(p.before);
    free(p.history);
    free(p.values);
    free(p.line_node);
    free(p.comp_node);
    free(p.fields);
    return ok;
}

static bool skipped_by(const Costing *c, const RosterSkipped *k)
{
    for (int i = 0; i < c->nskipped; i++)
        if (!strcmp(c->skipped[i].column, k->column) && !strcmp(c->skipped[i].value, k->value))
            return true;
    return false;
}

bool cost_unknown_items(const Costing *const *sides, int n, EngineError *e)
{
    if (n < 1)
        return true;
    for (int i = 0; i < sides[0]->nskipped; i++) {
        const RosterSkipped *k = &sides[0]->skipped[i];
        int by = 1;
        while (by < n && skipped_by(sides[by], k))
            by++;
        if (by < n)
            continue;
        *e = (EngineError){.kind = FAIL_UNKNOWN_ITEM, .roster = sides[0]->roster, .line = k->line, .row = k->row, .name = k->column,
                           .id = k->value};
        size_t at = 0;
        for (int s = 0; s < n && at < sizeof e->text; s++)
            at += (size_t)snprintf(e->text + at, sizeof e->text - at, "%s%s", s ? ", " : "", sides[s]->path);
        return false;
    }
    return true;
}

void costing_free(Costing *c)
{
    for (int i = 0; i < c->nskipped; i++)
        free(c->skipped[i].value);
    free(c->skipped);
    for (int g = 0; g < c->ngroups; g++)
        free(c->group_key[g]);
    free(c->group_key);
    free(c->group_count);
    free(c->group_total);
    cost_store_free(c->store);
    free(c->lines);
    free(c->comp);
    *c = (Costing){0};
}

CostEmployee cost_employee(const Costing *c, long e)
{
    CostEmployee got;
    cost_store_get(c->store, e, &got);
    return got;
}

const char *cost_read_error(const Costing *c)
{
    return c->store ? cost_store_error(c->store) : NULL;
}

/* Employee e, whose change is v, among the at most cap largest changes
 * top[0..*ntop) (their sizes in size[]), by size, ties in index order. */
static void rank_change(long *top, Rat *size, int *ntop, int cap, long e, Rat v)
{
    if (rat_is_zero(v))
        return;
    Rat a = rat_abs(v);
    int at = *ntop;
    while (at > 0 && rat_cmp(size[at - 1], a) < 0)
        at--;
    if (at >= cap)
        return;
    if (*ntop < cap)
        (*ntop)++;
    memmove(&top[at + 1], &top[at], sizeof(long) * (size_t)(*ntop - 1 - at));
    memmove(&size[at + 1], &size[at], sizeof(Rat) * (size_t)(*ntop - 1 - at));
    top[at] = e;
    size[at] = a;
}

int cost_largest(const Rat *change, long n, long *top, int cap)
{
    int ntop = 0;
    Rat *size = xrealloc(NULL, sizeof(Rat) * (size_t)(cap > 0 ? cap : 1));
    for (long e = 0; e < n; e++)
        rank_change(top, size, &ntop, cap, e, change[e]);
    free(size);
    return ntop;
}

/* Employee e's change: proposal - baseline summed over the years both
 * cost, or with no baseline the last year - the first. */
static bool employee_change(const Costing *proposal, const Costing *baseline, long e, Rat *change)
{
    int ny = proposal->nyears;
    const Rat *t = cost_employee(proposal, e).totals;
    if (!baseline)
        return rat_sub(t[ny - 1], t[0], change) == RAT_OK;
    const Rat *b = cost_employee(baseline, e).totals;
    *change = rat_int(0);
    for (int y = 0; y < ny && y < baseline->nyears; y++) {
        Rat d;
        if (rat_sub(t[y], b[y], &d) != RAT_OK || !add_to(change, d))
            return false;
    }
    return true;
}

bool cost_compare(const Costing *proposal, const Costing *baseline, CostReport *r, EngineError *e)
{
    *r = (CostReport){.proposal = proposal, .baseline = baseline, .roster = proposal->roster};
    if (baseline && baseline->nemployees != proposal->nemployees) {
        *e = (EngineError){.kind = FAIL_HEADCOUNT, .roster = proposal->roster, .count = proposal->nemployees,
                           .other = baseline->nemployees};
        return false;
    }
    Rat size[COST_TOP];
    for (long i = 0; i < proposal->nemployees; i++) {
        Rat change;
        if (!employee_change(proposal, baseline, i, &change)) {
            *e = (EngineError){.kind = FAIL_SUM, .roster = proposal->roster,
                               .name = proposal->lines[proposal->total_line].name};
            return false;
        }
        int s = rat_sign(change);
        r->gain += s > 0;
        r->lose += s < 0;
        r->same += s == 0;
        rank_change(r->top, size, &r->ntop, COST_TOP, i, change);
    }
    return true;
}

Rat cost_change(const CostReport *r, long e)
{
    Rat change;
    if (!employee_change(r->proposal, r->baseline, e, &change))
        return rat_int(0); /* cost_compare found none too large */
    return change;
}

bool cost_group_change(const CostReport *r, Rat *change, EngineError *e)
{
    const Costing *p = r->proposal, *b = r->baseline;
    for (long i = 0; i < (long)p->ngroups * p->nyears; i++)
        change[i] = rat_int(0);
    for (long k = 0; k < p->nemployees; k++) {
        CostEmployee pe = cost_employee(p, k);
        const Rat *t = pe.totals, *bt = b ? cost_employee(b, k).totals : NULL;
        if (pe.group < 0)
            continue;
        Rat *to = &change[pe.group * p->nyears];
        for (int y = 0; y < p->nyears; y++) {
            Rat d;
            if (!b && y + 1 < p->nyears)
                continue;
            if (rat_sub(t[y], b ? bt[y] : t[0], &d) != RAT_OK || !add_to(&to[y], d)) {
                *e = (EngineError){.kind = FAIL_SUM, .roster = p->roster, .name = p->lines[p->total_line].name};
                return false;
            }
        }
    }
    return true;
}

void cost_report_free(CostReport *r)
{
    *r = (CostReport){0};
}

/* names[0..n) with name added if it is not there yet; the new count. */
static int add_name(const char **names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return n;
    names[n] = name;
    return n + 1;
}

/* The parts v's total is the sum of, opened as choose_lines opens them,
 * added to names[0..n) (at most cap); the new count. */
static int parts_of(const Version *v, const char *total, const char **names, int n, int cap)
{
    const Contract *ast = v->m->ast;
    int t = model_node_named(v->m, total);
    int *node = xrealloc(NULL, sizeof(int) * (size_t)cap);
    int k = addends(ast, ast->defs.v[t].expr, node, 0, cap, 0);
    for (int i = 0; i < k; i++)
        n = add_name(names, n, node[i] < ast->defs.n ? ast->defs.v[node[i]].name.s : ast->components.v[node[i] - ast->defs.n].name.s);
    free(node);
    return n;
}

/* diff's total: a definition of an amount. */
static bool total_fits(const Version *v, const char *total, EngineError *e)
{
    int t = model_node_named(v->m, total);
    if (t >= 0 && t < v->m->ast->defs.n && v->m->def_types[t].kind == TY_MONEY)
        return true;
    *e = (EngineError){.kind = FAIL_TOTAL, .version = v, .name = total};
    return false;
}

bool cost_year(const Version *old, const Version *new, int year, const RosterSource *roster, const char *total,
               const YearOptions *opt, YearCost *out, EngineError *e)
{
    *out = (YearCost){0};
    if (!total_fits(old, total, e) || !total_fits(new, total, e))
        return false;
    if (!roster_source_rereadable(roster)) {
        *e = (EngineError){.kind = FAIL_READ_TWICE, .roster = roster->path};
        return false;
    }
    /* the parts of the total in either version (the new one's first),
     * then every component of either not among them */
    const Contract *a = old->m->ast, *b = new->m->ast;
    int cap = a->defs.n + a->components.n + b->defs.n + b->components.n + 1;
    const char **names = xrealloc(NULL, sizeof(char *) * (size_t)cap);
    int n = parts_of(new, total, names, 0, cap);
    n = parts_of(old, total, names, n, cap);
    for (int i = 0; i < b->components.n; i++)
        n = add_name(names, n, b->components.v[i].name.s);
    for (int i = 0; i < a->components.n; i++)
        n = add_name(names, n, a->components.v[i].name.s);
    CostRequest rq = {.roster = *roster, .first = year, .last = year, .total = total, .lines = names, .nlines = n,
                      .skip_unknown_members = true};
    if (opt) {
        rq.by = opt->by;
        rq.progress = opt->progress;
        rq.progress_ctx = opt->progress_ctx;
    }
    const Costing *sides[] = {&out->new, &out->old};
    bool ok = cost_contract(old, &rq, &out->old, e) && cost_contract(new, &rq, &out->new, e) && cost_unknown_items(sides, 2, e) &&
              cost_compare(&out->new, &out->old, &out->change, e);
    free(names);
    return ok;
}

void year_cost_free(YearCost *y)
{
    cost_report_free(&y->change);
    costing_free(&y->new);
    costing_free(&y->old);
}
