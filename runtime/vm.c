/* vm.c: the bytecode interpreter.  See vm.h and opcodes.h; what each
 * instruction computes from its operands is in ops.h, shared with the
 * compiler's constant folding. */
#include "vm.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "gnuc.h"
#include "lane.h"
#include "ops.h"

typedef struct {
    const int32_t *ret; /* where to resume */
    int node;           /* node being computed there */
    int applied;        /* rules it had applied when it asked */
} Frame;

typedef struct {
    const int32_t *items;
    uint32_t len, pos;
    const Value *rows;    /* ITER_ROWS: records of width values each */
    uint32_t width;
    uint32_t folded;      /* FOLD: the members folded so far (not those `if` left out) */
} Iter;

enum { BLANK_CELL = -2, MAX_FILLED = 64, MAX_BLANKS_NAMED = 8 };

struct VM {
    const Program *p;
    VM *prev;             /* the year before's, for LAST_YEAR: NULL if p->previous is */
    VM *as_paid;          /* the year as paid, for AS_PAID: NULL if p->as_paid is */
    const Value *record;
    Value *stack;
    Value *slots;
    uint32_t *slot_gen;   /* slots[i] holds this row's value when slot_gen[i] == gen */
    uint32_t *fired_gen;  /* likewise for rules that applied */
    uint32_t gen;
    bool fresh;           /* no node computed or fixed since vm_begin */
    bool others;          /* prev or as_paid: vm_begin begins them too, and vm_row goes the two calls' way */
    Value *locals;
    Iter *iters;
    Frame *frames;
    Value *next;          /* vm_advance's next-year values */
    /* where each output's value is after the outputs' code, and after the
     * nodes were asked for one by one; for the record out_record */
    const Value **out_fresh, **out_lazy;
    const Value *out_record;
    /* A row that fails on a blank is run again with each blank it meets
     * taken as 0 (filled), so its message names every blank it needs. */
    int blank;            /* the blank the last run failed on: a blanks index, BLANK_CELL, or -1 */
    const Figure *blank_cell;
    char blank_name[160]; /* the cell's name, "stipend[band]" */
    int fail_node;        /* the node the last run failed in */
    uint8_t *filled;      /* [nblanks] */
    const Figure *filled_cells[MAX_FILLED];
    int nfilled_cells;
    uint32_t *kept_slot_gen, *kept_fired_gen; /* the marks as they were when the row failed */
    /* [ntables]: each cell of an enum-keyed table in cents, for
     * SUM_LOOKUP1; NULL for a table with a blank or a figure not in
     * cents (sum_cents) */
    int64_t **table_cents;
    uint64_t *counts;     /* [nprobes]: coverage, NULL without probes */
    uint64_t *kept_counts; /* the counts as they were when the row failed */
    Lane *lane;           /* vm_row_to_write's first try, NULL if the lane cannot run p */
    char error[1024];
};

/* SUM_LOOKUP1 adds the cents of at most SUM_CENTS_MEMBERS cells of at
 * most SUM_CENTS_CELL cents each: no partial sum is then beyond the
 * limit, in cents or as a Rat, so adding cents gives the sum the exact
 * additions would, and fails where they would not fail either. */
#define SUM_CENTS_CELL INT64_C(1000000000000000)
#define SUM_CENTS_MEMBERS 1000

/* t's cells in cents, or NULL (VM.table_cents) */
static int64_t *table_cents(const ProgTable *t)
{
    if (!t->key_enum || t->nkeys <= 0)
        return NULL;
    int64_t *cents = xcalloc((size_t)t->nkeys, sizeof(int64_t));
    for (int i = 0; i < t->nkeys; i++)
        if (t->cells[i].blank || !rat_cents(t->cells[i].v, SUM_CENTS_CELL, &cents[i])) {
            free(cents);
            return NULL;
        }
    return cents;
}

VM *vm_new(const Program *p)
{
    VM *vm = xcalloc(1, sizeof *vm);
    vm->p = p;
    vm->stack = xcalloc((size_t)p->max_stack + 1, sizeof(Value));
    vm->slots = xcalloc((size_t)p->nnodes, sizeof(Value));
    vm->slot_gen = xcalloc((size_t)p->nnodes, sizeof(uint32_t));
    vm->fired_gen = xcalloc((size_t)p->nrules, sizeof(uint32_t));
    vm->locals = xcalloc((size_t)p->nlocals, sizeof(Value));
    vm->iters = xcalloc((size_t)p->nlocals, sizeof(Iter));
    vm->frames = xcalloc((size_t)p->nnodes + 1, sizeof(Frame));
    vm->next = xcalloc((size_t)p->nadvance + 1, sizeof(Value));
    vm->out_fresh = xcalloc((size_t)p->noutputs + 1, sizeof(Value *));
    vm->out_lazy = xcalloc((size_t)p->noutputs + 1, sizeof(Value *));
    vm->filled = xcalloc((size_t)p->nblanks + 1, 1);
    vm->kept_slot_gen = xcalloc((size_t)p->nnodes + 1, sizeof(uint32_t));
    vm->kept_fired_gen = xcalloc((size_t)p->nrules + 1, sizeof(uint32_t));
    vm->counts = p->nprobes ? xcalloc((size_t)p->nprobes, sizeof(uint64_t)) : NULL;
    vm->kept_counts = p->nprobes ? xcalloc((size_t)p->nprobes, sizeof(uint64_t)) : NULL;
    vm->table_cents = xcalloc((size_t)p->ntables + 1, sizeof(int64_t *));
    for (int i = 0; i < p->ntables; i++)
        vm->table_cents[i] = table_cents(&p->tables[i]);
    vm->blank = -1;
    vm->lane = lane_new(p);
    vm->prev = p->previous ? vm_new(p->previous) : NULL;
    vm->as_paid = p->as_paid ? vm_new(p->as_paid) : NULL;
    vm->others = vm->prev || vm->as_paid;
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].constant)
            vm->slots[i] = p->nodes[i].value;
    return vm;
}

void vm_free(VM *vm)
{
    if (!vm)
        return;
    free(vm->stack);
    free(vm->slots);
    free(vm->slot_gen);
    free(vm->fired_gen);
    free(vm->locals);
    free(vm->iters);
    free(vm->frames);
    free(vm->next);
    free(vm->out_fresh);
    free(vm->out_lazy);
    free(vm->filled);
    free(vm->kept_slot_gen);
    free(vm->kept_fired_gen);
    for (int i = 0; i < vm->p->ntables; i++)
        free(vm->table_cents[i]);
    free(vm->table_cents);
    free(vm->counts);
    free(vm->kept_counts);
    lane_free(vm->lane);
    vm_free(vm->prev);
    vm_free(vm->as_paid);
    free(vm);
}

/* After 2^32 rows the generations wrap: the marks start afresh. */
static COLD void wrap_generations(VM *vm)
{
    memset(vm->slot_gen, 0, sizeof(uint32_t) * (size_t)vm->p->nnodes);
    memset(vm->fired_gen, 0, sizeof(uint32_t) * (size_t)vm->p->nrules);
    vm->gen = 1;
}

/* The years vm_begin begins with vm's: out of line, so that a VM with
 * neither saves no registers for them. */
static NOINLINE void begin_others(VM *vm, const Value *record)
{
    if (vm->prev)
        vm_begin(vm->prev, record);
    if (vm->as_paid)
        vm_begin(vm->as_paid, record);
}

void vm_begin(VM *vm, const Value *record)
{
    vm->record = record;
    vm->fresh = true;
    if (++vm->gen == 0)
        wrap_generations(vm);
    if (vm->others)
        begin_others(vm, record);
}

void vm_begin_last_year(VM *vm, const Value *record)
{
    if (vm->prev)
        vm_begin(vm->prev, record);
    if (vm->as_paid)
        vm_begin_last_year(vm->as_paid, record);
}

VM *vm_last_year(VM *vm) { return vm->prev; }

const char *vm_error(const VM *vm) { return vm->error; }

void vm_fix(VM *vm, int node, Value v)
{
    vm->slots[node] = v;
    vm->slot_gen[node] = vm->gen;
    vm->fresh = false;
}
const uint64_t *vm_counts(const VM *vm) { return vm->counts; }
bool vm_rule_fired(const VM *vm, int rule) { return vm->fired_gen[rule] == vm->gen; }
bool vm_node_done(const VM *vm, int node) { return vm->p->nodes[node].constant || vm->slot_gen[node] == vm->gen; }

static const char *rule_name(const Program *p, int r, char *buf, size_t cap)
{
    const ProgRule *rule = &p->rules[r];
    if (rule->label)
        snprintf(buf, cap, "%s %s", rule->component, rule->label);
    else
        snprintf(buf, cap, "rule %d of %s", rule->number, rule->component);
    return buf;
}

static bool fail_at(VM *vm, int node, const char *fmt, const char *detail)
{
    vm->fail_node = node;
    char what[400]; /* room for " in `node`" after it */
    snprintf(what, sizeof what, fmt, detail);
    snprintf(vm->error, sizeof vm->error, "%s in `%s`", what, vm->p->nodes[node].name);
    return false;
}

static bool arith_fail(VM *vm, int node, RatStatus st)
{
    return fail_at(vm, node, "%s", rat_status_text(st));
}

static void describe_key(const EnumDef *e, const Value *v, char *buf, size_t cap)
{
    if (e)
        snprintf(buf, cap, "%s", e->members[v->i]);
    else
        snprintf(buf, cap, "%lld", (long long)v->num.n);
}

static bool call_fail(VM *vm, int node, const Native *b, RatStatus st)
{
    if (st == RAT_DOMAIN)
        return fail_at(vm, node, "%s( ) got a range whose low end is above its high end", b->name);
    char what[128];
    snprintf(what, sizeof what, "%s in %s( )", rat_status_text(st), b->name);
    return fail_at(vm, node, "%s", what);
}

/* next( ) or previous( ) (step 1 or -1) of the enum's last or first member */
static bool member_step_fail(VM *vm, int node, const EnumDef *e, int64_t member, int step)
{
    char what[200];
    snprintf(what, sizeof what, "there is no %.40s %s %.40s, the %s, for %s( )", e->name, step > 0 ? "after" : "before",
             e->members[member], step > 0 ? "last" : "first", step > 0 ? "next" : "previous");
    return fail_at(vm, node, "%s", what);
}

static bool filled_cell(const VM *vm, const Figure *cell)
{
    for (int i = 0; i < vm->nfilled_cells; i++)
        if (vm->filled_cells[i] == cell)
            return true;
    return false;
}

/* A lookup met a blank cell, named in vm->blank_name. */
static bool blank_cell(VM *vm, const Figure *cell)
{
    vm->blank = BLANK_CELL;
    vm->blank_cell = cell;
    snprintf(vm->error, sizeof vm->error, "%s is blank,", vm->blank_name);
    return false;
}

/* The lookups leave what went wrong in vm->error, for the caller to say
 * in which node.  A lookup that finds its figure is inlined in the
 * dispatch loop; anything else (a blank, N/A, a key beyond) is taken out
 * of line, as count_probe is. */
static COLD bool lookup2_missed(VM *vm, const ProgSchedule *s, Value row, Value col, Lookup found, const Figure *cell,
                           Value *out)
{
    if (found == LOOKUP_BLANK && filled_cell(vm, cell)) {
        out->num = rat_int(0);
        return true;
    }
    char key[64];
    describe_key(s->row_enum ? s->row_enum_def : NULL, &row, key, sizeof key);
    if (found == LOOKUP_BEYOND) {
        snprintf(vm->error, sizeof vm->error, "%s is beyond schedule `%s`, whose rows are %lld to %lld,", key, s->name,
                 (long long)s->first_row, (long long)(s->first_row + s->nrows - 1));
        return false;
    }
    if (found == LOOKUP_NA) {
        snprintf(vm->error, sizeof vm->error, "%.60s[%.40s, %.40s] is N/A: the schedule places no one there,", s->name, key,
                 s->col_enum->members[col.i]);
        return false;
    }
    snprintf(vm->blank_name, sizeof vm->blank_name, "%.60s[%.40s, %.40s]", s->name, key, s->col_enum->members[col.i]);
    return blank_cell(vm, cell);
}

static inline bool lookup2(VM *vm, const ProgSchedule *s, Value row, Value col, Value *out)
{
    const Figure *cell = NULL;
    Lookup found = op_lookup2(s, row, col, &out->num, &cell);
    return found == LOOKUP_OK || lookup2_missed(vm, s, row, col, found, cell, out);
}

/* LOOKUP3: the grid of member key, looked up as LOOKUP2 looks one up */
static bool lookup3(VM *vm, const ProgSchedule *s, Value row, Value col, Value key, Value *out)
{
    ProgSchedule grid = *s;
    char name[128];
    snprintf(name, sizeof name, "%.60s for %.60s", s->name, s->grid_enum->members[key.i]);
    grid.name = name;
    grid.cells += key.i * s->nrows * s->ncols;
    return lookup2(vm, &grid, row, col, out);
}

static COLD bool lookup1_missed(VM *vm, const ProgTable *t, Value key, Lookup found, const Figure *cell, Value *out)
{
    if (found == LOOKUP_BLANK && filled_cell(vm, cell)) {
        out->num = rat_int(0);
        return true;
    }
    char name[64];
    describe_key(t->key_enum ? t->key_enum_def : NULL, &key, name, sizeof name);
    if (found == LOOKUP_NO_ROW) {
        snprintf(vm->error, sizeof vm->error, "table `%s` has no row for %s,", t->name, name);
        return false;
    }
    snprintf(vm->blank_name, sizeof vm->blank_name, "%.60s[%.60s]", t->name, name);
    return blank_cell(vm, cell);
}

static inline bool lookup1(VM *vm, const ProgTable *t, Value key, Value *out)
{
    const Figure *cell = NULL;
    Lookup found = op_lookup1(t, key, &out->num, &cell);
    return found == LOOKUP_OK || lookup1_missed(vm, t, key, found, cell, out);
}

static bool lookup_fail(VM *vm, int node)
{
    return fail_at(vm, node, "%.380s", vm->error);
}

/* The node whose inline code ip is in, in the outputs' code.  Asked only
 * when something fails there. */
static int inline_node_at(const Program *p, const int32_t *ip)
{
    int i = 0;
    while (ip - p->code >= p->inline_end[i])
        i++;
    return p->inline_node[i];
}

/* A COVER, COVER_ROW or COVER_ENTRY at ip, sp the top of the stack: out
 * of the dispatch loop, so that the loop's code for the other
 * instructions stays as it is without coverage. */
static COLD void count_probe(VM *vm, const int32_t *ip, const Value *sp)
{
    const Program *p = vm->p;
    int64_t at = ip[1];
    if (*ip == OP_COVER_ROW) {
        int64_t row;
        at = op_schedule_row(&p->schedules[ip[2]], sp[-2], &row) ? at + row : -1;
    } else if (*ip == OP_COVER_ENTRY) {
        int k = op_table_entry(&p->tables[ip[2]], sp[-1]);
        at = k < 0 ? -1 : at + k;
    }
    if (at >= 0)
        vm->counts[at]++;
}

/* An IF_FIELD_RANGE's or IF_FIELD's test, for RULES: whether the rule
 * goes on to its next test (or applies) rather than jumping past. */
static inline bool field_test(const Value *record, const ProgTest *t)
{
    const Value *x = &record[t->field];
    if (t->yes_no)
        return x->i != 0;
    return (t->is_int ? op_in_int_range(x->i, t->lo, t->hi) : op_in_whole_range(x->num, t->lo, t->hi)) != t->negate;
}

/* Whether rule's tests from the one at from on all hold. */
static inline bool rule_holds(const Value *record, const ProgDecision *d, const ProgDecisionRule *rule, int from)
{
    bool holds = true;
    for (const ProgTest *t = d->tests + rule->first + from, *end = d->tests + rule->first + rule->ntests; holds && t < end; t++)
        holds = field_test(record, t);
    return holds;
}

/* rule applies: its amount added to *sum, noted and counted */
static inline RatStatus rule_applies(VM *vm, const ProgDecisionRule *rule, Rat *sum, int *applied)
{
    RatStatus st = op_arith(OP_ADD, *sum, vm->p->consts[rule->amount].num, sum);
    vm->fired_gen[rule->rule] = vm->gen;
    ++*applied;
    return st;
}

/* RULES for a key field not holding a whole value: every rule tested */
static COLD RatStatus run_every_rule(VM *vm, const ProgDecision *d, Value *top, int *applied)
{
    RatStatus st;
    for (const ProgDecisionRule *rule = d->rules; rule < d->rules + d->nrules; rule++)
        if (rule_holds(vm->record, d, rule, 0) && (st = rule_applies(vm, rule, &top->num, applied)) != RAT_OK)
            return st;
    return RAT_OK;
}

/* RULES when key holds rule's first test: whether its other tests hold
 * too, each the long way. */
static COLD RatStatus run_key_rule_slowly(VM *vm, const ProgDecision *d, const ProgDecisionRule *rule, Value *top, int *applied)
{
    return rule_holds(vm->record, d, rule, 1) ? rule_applies(vm, rule, &top->num, applied) : RAT_OK;
}

/* run_key_rule_slowly for tests of whole values and a sum from zero,
 * with no Rat arithmetic. */
static inline RatStatus run_key_rule(VM *vm, const ProgDecision *d, const ProgDecisionRule *rule, Value *top, int *applied)
{
    for (const ProgTest *t = d->tests + rule->first + 1, *end = d->tests + rule->first + rule->ntests; t < end; t++) {
        const Value *x = &vm->record[t->field];
        if (t->yes_no) {
            if (x->i == 0)
                return RAT_OK;
        } else if (t->is_int) {
            if (op_in_int_range(x->i, t->lo, t->hi) == t->negate)
                return RAT_OK;
        } else if (x->num.d != 1) {
            return run_key_rule_slowly(vm, d, rule, top, applied);
        } else if (((uint64_t)x->num.n - (uint64_t)t->lo <= (uint64_t)t->hi - (uint64_t)t->lo) == t->negate) {
            return RAT_OK;
        }
    }
    if (top->num.n != 0)
        return run_key_rule_slowly(vm, d, rule, top, applied);
    top->num = vm->p->consts[rule->amount].num;
    vm->fired_gen[rule->rule] = vm->gen;
    ++*applied;
    return RAT_OK;
}

/* RULES: what its CONST, rules (tests, ADD_CONST, FIRED) and POLICY
 * do, with no dispatch between them, the sum left at *top and the rules
 * that applied counted in *applied.  For a whole value of the key field,
 * only the rule whose first test holds it can apply: the others' tests
 * would stop at their first.  Out of run, whose registers its loops
 * would take. */
static NOINLINE RatStatus run_rules(VM *vm, const ProgDecision *d, Value *top, int *applied)
{
    const Value *key = &vm->record[d->key_field];
    top->num = vm->p->consts[d->start].num;
    if (!d->key_int && key->num.d != 1)
        return run_every_rule(vm, d, top, applied);
    int r = op_key_rule(d, d->key_int ? key->i : key->num.n);
    return r == 0 ? RAT_OK : run_key_rule(vm, d, &d->rules[r - 1], top, applied);
}

/* DIV_ROUND's or MUL_ROUND's value when rat_div_round_small or
 * rat_mul_round_small cannot give it: a op b exactly, then rounded as
 * round_args (builtin, places, mode: the instruction's operands) say;
 * false with the message, naming node (or, in the outputs' code, the node
 * whose code holds round_args), if either step fails. */
static NOINLINE bool round_slowly(VM *vm, int node, const int32_t *round_args, Opcode op, Rat a, Rat b, Rat *out)
{
    Rat r;
    RatStatus st = op_arith(op, a, b, &r);
    if (node < 0)
        node = inline_node_at(vm->p, round_args);
    if (st != RAT_OK)
        return arith_fail(vm, node, st);
    if ((st = rat_round(r, round_args[1], (RoundMode)round_args[2], out)) != RAT_OK)
        return call_fail(vm, node, &vm->p->natives[round_args[0]], st);
    return true;
}

/* Dispatch jumps straight from one instruction's code to the next one's
 * through a table of label addresses (computed goto, GNU C), which the
 * processor predicts far better than one shared switch; in plain C
 * (gnuc.h) it goes back to one switch.  CASE(X) is instruction X's code
 * either way. */
#if TERMS_GNU_C
#define DISPATCH() goto *labels[*ip]
#define CASE(name) op_##name
#else
#define DISPATCH() goto dispatch
#define CASE(name) case OP_##name
#endif

/* Runs the code at entry, node's or the outputs' (node -1), until it
 * returns or stops, computing what it asks for on the way. */
static bool run(VM *vm, int node, int entry)
{
#if TERMS_GNU_C
    static const void *const labels[OP__COUNT] = {
#define OP_LABEL(name, n, jump, effect) [OP_##name] = &&op_##name,
        OPCODES(OP_LABEL)
#undef OP_LABEL
    };
#endif
    const Program *p = vm->p;
    const int32_t *ip = p->code + entry;
    /* the VM's fields in locals: stores through sp could alias them */
    const Value *record = vm->record;
    const Value *consts = p->consts;
    Value *slots = vm->slots;
    Value *const stack = vm->stack;
    Value *sp = vm->stack + (node >= 0 ? p->ninline : 0); /* a node's code leaves the outputs' values be */
    int depth = 0;
    int applied = 0; /* rules applied in the component being computed */
    Rat a, b, r;
    RatStatus st;
    Opcode op;
    bool holds;
    const int32_t *round_args; /* builtin, places and mode of a DIV_ROUND or MUL_ROUND */
    int width;                 /* operands of an instruction sharing code with others */
    Value list;

/* Values move as two 8-byte words, the way the rat_* functions store
 * results: a 16-byte load of two 8-byte stores just made cannot take its
 * data from them and waits for the cache. */
#define MOVE(dst, src) ((dst).num.n = (src).num.n, (dst).num.d = (src).num.d)
#define PUSH(v) (MOVE(*sp, v), sp++)
#define POP() (*--sp)
#define TOP() (sp[-1])
#define ARG(i) (ip[1 + (i)])
#define NEXT(nargs) do { ip += 1 + (nargs); DISPATCH(); } while (0)
#define JUMP_UNLESS(cond, nargs, off) do { ip += 1 + (nargs) + ((cond) ? 0 : (off)); DISPATCH(); } while (0)
/* the node being computed, for a message: in the outputs' code, found from ip */
#define NODE (node >= 0 ? node : inline_node_at(p, ip))
    DISPATCH();
#if !TERMS_GNU_C
dispatch:
    switch (*ip) {
#endif

CASE(CONST):
    PUSH(consts[ARG(0)]);
    NEXT(1);
CASE(BLANK):
    if (vm->filled[ARG(0)]) {
        PUSH(((Value){.num = rat_int(0)}));
        NEXT(1);
    }
    vm->blank = ARG(0);
    return fail_at(vm, NODE, "%s is blank", p->blanks[ARG(0)].what);
CASE(FIELD):
    PUSH(record[ARG(0)]);
    NEXT(1);
CASE(GET): {
    int n = ARG(0); /* never a constant node: those are CONSTs */
    if (vm->slot_gen[n] == vm->gen) {
        PUSH(slots[n]);
        NEXT(1);
    }
    vm->frames[depth++] = (Frame){ip + 2, node, applied};
    applied = 0;
    node = n;
    ip = p->code + p->nodes[n].entry;
    DISPATCH();
}
/* The value stays where it is, at the top, for the node that asked. */
CASE(RETURN): {
    int n = ARG(0);
    MOVE(slots[n], TOP());
    vm->slot_gen[n] = vm->gen;
    if (depth == 0)
        return true;
    Frame f = vm->frames[--depth];
    ip = f.ret;
    node = f.node;
    applied = f.applied;
    DISPATCH();
}
CASE(LOCAL):
    PUSH(vm->locals[ARG(0)]);
    NEXT(1);
CASE(SET_LOCAL):
    vm->locals[ARG(0)] = POP();
    NEXT(1);
CASE(YEAR):
    PUSH(((Value){.num = op_year(p)}));
    NEXT(0);
CASE(POP):
    sp--;
    NEXT(0);
CASE(SUB):
CASE(MUL):
CASE(DIV):
CASE(DIV_INT):
CASE(MOD):
    op = (Opcode)*ip;
    b = POP().num;
    a = TOP().num;
    if ((st = op_arith(op, a, b, &TOP().num)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    NEXT(0);
/* The ADDs to the top share one inlined addition, b the value added and
 * width the operands. */
CASE(ADD):
    b = POP().num;
    width = 0;
    goto add_to_top;
CASE(ADD_CONST):
    b = consts[ARG(0)].num;
    width = 1;
    goto add_to_top;
CASE(ADD_STACK):
    b = stack[ARG(0)].num;
    width = 1;
add_to_top:
    if ((st = op_arith(OP_ADD, TOP().num, b, &TOP().num)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    NEXT(width);
CASE(NEG):
    TOP().num = rat_neg(TOP().num);
    NEXT(0);
CASE(NOT):
    TOP().i = !TOP().i;
    NEXT(0);
CASE(CMP_NUM):
    b = POP().num;
    TOP().i = op_cmp_num(TOP().num, b, ARG(0));
    NEXT(1);
CASE(CMP_INT): {
    int64_t y = POP().i, x = TOP().i;
    TOP().i = op_cmp_int(x, y, ARG(0));
    NEXT(1);
}
CASE(CMP_TEXT): {
    Value y = POP(), x = TOP();
    TOP().i = op_cmp_text(x, y, ARG(0));
    NEXT(1);
}
CASE(IN_RANGE):
    sp -= 2;
    TOP().i = op_in_range(TOP().num, sp[0].num, sp[1].num);
    NEXT(0);
CASE(IN_RANGE_INT):
    sp -= 2;
    TOP().i = op_in_range_int(TOP().i, sp[0].i, sp[1].i);
    NEXT(0);
CASE(SET_NUM):
    TOP().i = op_in_set(OP_SET_NUM, TOP(), consts + ARG(0), ARG(1));
    NEXT(2);
CASE(SET_INT):
    TOP().i = op_in_set(OP_SET_INT, TOP(), consts + ARG(0), ARG(1));
    NEXT(2);
CASE(IN_LIST): {
    Value l = POP();
    holds = false;
    for (uint32_t i = 0; i < l.list.len && !holds; i++)
        holds = l.list.items[i] == TOP().i;
    TOP().i = holds;
    NEXT(0);
}
CASE(JUMP):
    JUMP_UNLESS(false, 1, ARG(0));
CASE(JUMP_FALSE):
    holds = POP().i;
    JUMP_UNLESS(holds, 1, ARG(0));
CASE(AND):
    if (!TOP().i)
        JUMP_UNLESS(false, 1, ARG(0));
    sp--;
    NEXT(1);
CASE(OR):
    if (TOP().i)
        JUMP_UNLESS(false, 1, ARG(0));
    sp--;
    NEXT(1);
CASE(IF_FIELD):
    JUMP_UNLESS(record[ARG(0)].i, 2, ARG(1));
CASE(RULE_IF_FIELD):
    if (!record[ARG(1)].i) {
        PUSH(consts[ARG(0)]);
        NEXT(4);
    }
    if ((st = op_arith(OP_ADD, consts[ARG(0)].num, consts[ARG(2)].num, &sp->num)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    sp++;
    vm->fired_gen[ARG(3)] = vm->gen;
    NEXT(4);
CASE(IF_FIELD_CMP):
    holds = op_cmp_num(record[ARG(0)].num, consts[ARG(1)].num, ARG(2));
    JUMP_UNLESS(holds, 4, ARG(3));
CASE(IF_FIELD_IN):
    holds = op_in_range(record[ARG(0)].num, consts[ARG(1)].num, consts[ARG(2)].num);
    JUMP_UNLESS(holds, 4, ARG(3));
CASE(IF_FIELD_RANGE):
    holds = op_in_whole_range(record[ARG(0)].num, op_word64(ip + 2), op_word64(ip + 4));
    JUMP_UNLESS(holds != ARG(5), 7, ARG(6));
CASE(IF_INT_RANGE):
    holds = op_in_int_range(record[ARG(0)].i, op_word64(ip + 2), op_word64(ip + 4));
    JUMP_UNLESS(holds != ARG(5), 7, ARG(6));
CASE(LOOKUP2): {
    Value col = POP();
    if (!lookup2(vm, &p->schedules[ARG(0)], TOP(), col, &TOP()))
        return lookup_fail(vm, NODE);
    NEXT(1);
}
CASE(LOOKUP3): {
    Value key = POP(), col = POP();
    if (!lookup3(vm, &p->schedules[ARG(0)], TOP(), col, key, &TOP()))
        return lookup_fail(vm, NODE);
    NEXT(1);
}
CASE(LOOKUP2_FIELDS):
    if (!lookup2(vm, &p->schedules[ARG(2)], record[ARG(0)], record[ARG(1)], sp))
        return lookup_fail(vm, NODE);
    sp++;
    NEXT(3);
CASE(LOOKUP1):
    if (!lookup1(vm, &p->tables[ARG(0)], TOP(), &TOP()))
        return lookup_fail(vm, NODE);
    NEXT(1);
CASE(LOOKUP1_LOCAL):
    if (!lookup1(vm, &p->tables[ARG(1)], vm->locals[ARG(0)], sp))
        return lookup_fail(vm, NODE);
    sp++;
    NEXT(2);
CASE(CALL): {
    const Native *bi = &p->natives[ARG(0)];
    sp -= ARG(1);
    Value v;
    if ((st = bi->fn(sp, ARG(1), p->rounding, &v)) != RAT_OK)
        return call_fail(vm, NODE, bi, st);
    PUSH(v);
    NEXT(2);
}
/* min(field, constant): as fn_min, the constant only if it is below */
CASE(MIN_FIELD_CONST): {
    const Value *x = &record[ARG(0)], *k = &consts[ARG(1)];
    *sp++ = op_num_order(k->num, x->num) < 0 ? *k : *x; /* neither was just stored */
    NEXT(4);
}
CASE(ROUND):
    if ((st = rat_round(TOP().num, ARG(1), (RoundMode)ARG(2), &TOP().num)) != RAT_OK)
        return call_fail(vm, NODE, &p->natives[ARG(0)], st);
    NEXT(3);
/* The DIV_ROUNDs and MUL_ROUNDs share the call that divides or multiplies
 * and rounds (inlined once), with a and b, the result's place at the top,
 * round_args (builtin, places, mode) and ip at the next instruction. */
CASE(DIV_ROUND):
    sp--;
    a = TOP().num;
    b = sp->num;
    round_args = ip + 1;
    ip += 4;
    goto divide_and_round;
CASE(DIV_ROUND_CONST):
    a = TOP().num;
    b = consts[ARG(0)].num;
    round_args = ip + 2;
    ip += 5;
    goto divide_and_round;
CASE(DIV_ROUND_STACK):
    a = stack[ARG(0)].num;
    b = consts[ARG(1)].num;
    round_args = ip + 3;
    ip += 6;
    sp++;
divide_and_round:
    if (!rat_div_round_small(a, b, round_args[1], (RoundMode)round_args[2], &TOP().num) &&
        !round_slowly(vm, node, round_args, OP_DIV, a, b, &TOP().num))
        return false;
    DISPATCH();
CASE(MUL_ROUND):
    sp--;
    a = TOP().num;
    b = sp->num;
    round_args = ip + 1;
    ip += 4;
    goto multiply_and_round;
CASE(MUL_ROUND_FIELD):
    a = TOP().num;
    b = record[ARG(0)].num;
    round_args = ip + 2;
    ip += 5;
    goto multiply_and_round;
CASE(MUL_ROUND_STACK):
    a = stack[ARG(0)].num;
    b = consts[ARG(1)].num;
    round_args = ip + 3;
    ip += 6;
    sp++;
multiply_and_round:
    if (!rat_mul_round_small(a, b, round_args[1], (RoundMode)round_args[2], &TOP().num) &&
        !round_slowly(vm, node, round_args, OP_MUL, a, b, &TOP().num))
        return false;
    DISPATCH();
CASE(LENGTH):
    TOP().num = rat_int(TOP().list.len);
    NEXT(0);
CASE(ITER): {
    Value l = POP();
    vm->iters[ARG(0)] = (Iter){.items = l.list.items, .len = l.list.len};
    NEXT(1);
}
CASE(NEXT): {
    Iter *it = &vm->iters[ARG(0)];
    holds = it->pos < it->len;
    if (holds)
        vm->locals[ARG(0)].i = it->items[it->pos++];
    JUMP_UNLESS(holds, 2, ARG(1));
}
CASE(ITER_ROWS): {
    Value recs = POP();
    vm->iters[ARG(0)] = (Iter){.rows = recs.recs.rows, .len = recs.recs.len, .width = recs.recs.width};
    NEXT(1);
}
CASE(NEXT_ROW): {
    Iter *it = &vm->iters[ARG(0)];
    holds = it->pos < it->len;
    if (holds)
        vm->locals[ARG(0)].row = it->rows + (size_t)it->pos++ * it->width;
    JUMP_UNLESS(holds, 2, ARG(1));
}
CASE(FOLD): {
    Value fb = POP();
    if (vm->iters[ARG(1)].folded++ == 0) { /* the first member: the fold so far is the 0 it started with */
        TOP() = fb;
        NEXT(2);
    }
    const Native *bi = &p->natives[ARG(0)];
    Value two[2] = {TOP(), fb}, v;
    if ((st = bi->fn(two, 2, p->rounding, &v)) != RAT_OK)
        return call_fail(vm, NODE, bi, st);
    TOP() = v;
    NEXT(2);
}
CASE(ROW_FIELD):
    if (!vm->locals[ARG(0)].row) /* a node of `terms explain` asked for outside its record (vm_value_for) */
        return fail_at(vm, NODE, "%s", "a record's field is read outside the records it belongs to");
    PUSH(vm->locals[ARG(0)].row[ARG(1)]);
    NEXT(2);
CASE(FIRED):
    vm->fired_gen[ARG(0)] = vm->gen;
    applied++;
    NEXT(1);
CASE(RULES): {
    const ProgDecision *d = &p->decisions[ARG(0)];
    if ((st = run_rules(vm, d, sp, &applied)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    sp++;
    if (applied < d->least || applied > d->most) {
        ip = p->code + d->policy;
        goto policy;
    }
    applied = 0;
    ip = p->code + d->after;
    DISPATCH();
}
CASE(POLICY):
policy: {
    const ProgComponent *c = &p->components[ARG(0)];
    int count = applied;
    applied = 0;
    if (c->policy == POL_ANY || count == 1 || (count == 0 && c->policy == POL_AT_MOST_ONE))
        NEXT(1);
    if (count == 0) {
        snprintf(vm->error, sizeof vm->error, "no rule of `%s` applies, but it requires exactly one", c->name);
        return false;
    }
    char x[128], y[128];
    int first = -1, second = -1;
    for (int k = c->first_rule; k < c->first_rule + c->nrules; k++)
        if (vm->fired_gen[k] == vm->gen) {
            if (first < 0)
                first = k;
            else if (second < 0)
                second = k;
        }
    snprintf(vm->error, sizeof vm->error, "rules `%s` and `%s` both apply, but `%s` allows only one",
             rule_name(p, first, x, sizeof x), rule_name(p, second, y, sizeof y), c->name);
    return false;
}
CASE(SUM_LOOKUP1):
    list = POP();
    width = 1;
    goto sum_lookup1;
CASE(SUM_LOOKUP1_FIELD):
    list = record[ARG(0)];
    width = 2;
sum_lookup1: {
    const int64_t *cents = vm->table_cents[ARG(width - 1)];
    if (cents && list.list.len <= SUM_CENTS_MEMBERS) {
        int64_t c = 0;
        for (uint32_t i = 0; i < list.list.len; i++)
            c += cents[list.list.items[i]];
        sp->num = rat_of_cents(c);
        sp++;
        NEXT(width);
    }
    const ProgTable *t = &p->tables[ARG(width - 1)];
    Value v, l = list;
    PUSH(((Value){.num = rat_int(0)}));
    for (uint32_t i = 0; i < l.list.len; i++) {
        if (!lookup1(vm, t, (Value){.i = l.list.items[i]}, &v))
            return lookup_fail(vm, NODE);
        if ((st = op_arith(OP_ADD, TOP().num, v.num, &TOP().num)) != RAT_OK)
            return arith_fail(vm, NODE, st);
    }
    NEXT(width);
}
CASE(STACK):
    PUSH(stack[ARG(0)]);
    NEXT(1);
CASE(ADD_STACKS):
    if ((st = op_arith(OP_ADD, stack[ARG(0)].num, stack[ARG(1)].num, &sp->num)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    sp++;
    NEXT(2);
CASE(ADD_STACKS3):
    if ((st = op_arith(OP_ADD, stack[ARG(0)].num, stack[ARG(1)].num, &r)) != RAT_OK ||
        (st = op_arith(OP_ADD, r, stack[ARG(2)].num, &sp->num)) != RAT_OK)
        return arith_fail(vm, NODE, st);
    sp++;
    NEXT(3);
CASE(STOP):
    return true;
CASE(COVER):
    count_probe(vm, ip, sp);
    NEXT(1);
CASE(COVER_ROW):
CASE(COVER_ENTRY):
    count_probe(vm, ip, sp);
    NEXT(2);
CASE(LAST_YEAR): {
    Value v;
    if (!vm->prev || !vm_value(vm->prev, ARG(0), &v)) {
        vm->fail_node = NODE;
        snprintf(vm->error, sizeof vm->error, "in \"%.100s\", the year before: %.600s (needed by last_year(%.100s) in `%.100s`)",
                 vm->prev ? vm->prev->p->year_name : "", vm->prev ? vm_error(vm->prev) : "no year before", p->nodes[ARG(0)].name,
                 p->nodes[NODE].name);
        return false;
    }
    PUSH(v);
    NEXT(1);
}
CASE(AS_PAID): {
    Value v;
    if (!vm->as_paid || !vm_value(vm->as_paid, ARG(0), &v)) {
        vm->fail_node = NODE;
        snprintf(vm->error, sizeof vm->error, "as paid until the settlement: %.600s (needed by retro(%.100s) in `%.100s`)",
                 vm->as_paid ? vm_error(vm->as_paid) : "no settlement", p->nodes[ARG(0)].name, p->nodes[NODE].name);
        return false;
    }
    PUSH(v);
    NEXT(1);
}
CASE(MEMBER_STEP): {
    const EnumDef *e = &p->enums[ARG(0)];
    int64_t m = TOP().i + ARG(1);
    if (m < 0 || m >= e->count)
        return member_step_fail(vm, NODE, e, TOP().i, ARG(1));
    TOP().i = m;
    NEXT(2);
}
#if !TERMS_GNU_C
    }
    return false; /* an opcode the compiler never emits */
#endif
#undef PUSH
#undef POP
#undef TOP
#undef ARG
#undef NEXT
#undef JUMP_UNLESS
#undef NODE
}
#undef DISPATCH
#undef CASE

/* ---- every blank a failed row needs ---- */

typedef struct {
    char what[160];       /* "param `lead`", "stipend[band]" */
    const char *set;      /* its --set argument, for a param */
    bool cell;            /* a table's or schedule's */
    int node;             /* the first node found needing it */
} Needed;

typedef struct {
    Needed v[MAX_BLANKS_NAMED];
    int n;                /* named in v */
    int more;             /* found but not named */
} NeededList;

/* Notes the blank the last run failed on, and fills it for the next run:
 * every BLANK naming the same thing, or the cell.  false if it cannot be
 * filled, so no further run would get past it. */
static bool note_blank(VM *vm, NeededList *l)
{
    const Program *p = vm->p;
    Needed b = {.cell = vm->blank == BLANK_CELL, .node = vm->fail_node};
    if (b.cell) {
        snprintf(b.what, sizeof b.what, "%s", vm->blank_name);
        if (vm->nfilled_cells == MAX_FILLED)
            return false;
        vm->filled_cells[vm->nfilled_cells++] = vm->blank_cell;
    } else {
        snprintf(b.what, sizeof b.what, "%s", p->blanks[vm->blank].what);
        b.set = p->blanks[vm->blank].set;
        for (int i = 0; i < p->nblanks; i++)
            if (!strcmp(p->blanks[i].what, p->blanks[vm->blank].what))
                vm->filled[i] = 1;
    }
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].what, b.what))
            return true;
    if (l->n < MAX_BLANKS_NAMED)
        l->v[l->n++] = b;
    else
        l->more++;
    return true;
}

/* Appends to buf, which holds *len bytes of cap, cutting at the end. */
static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len >= cap - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len = n < 0 ? *len : *len + (size_t)n < cap - 1 ? *len + (size_t)n : cap - 1;
}

/* "`pay` needs param `lead` and param `rate`, which are blank; give them
 * values with --set 'lead=$…' --set 'rate=…' or --values FILE"; when
 * several nodes need blanks, "`node` needs ..." for each, joined by "; ",
 * then ". All are blank: give them values ..." */
static void say_needed(VM *vm, const NeededList *l)
{
    char *buf = vm->error;
    size_t cap = sizeof vm->error, len = 0;
    int total = l->n + l->more, groups = 0;
    bool done[MAX_BLANKS_NAMED] = {false};
    bool fillable = false, sets = false;
    for (int i = 0; i < l->n; i++) {
        fillable |= l->v[i].cell || l->v[i].set;
        sets |= l->v[i].set != NULL;
        if (done[i])
            continue;
        int count = 0;
        for (int j = i; j < l->n; j++)
            count += l->v[j].node == l->v[i].node;
        append(buf, cap, &len, "%s`%s` needs ", groups++ ? "; " : "", vm->p->nodes[l->v[i].node].name);
        for (int j = i, k = 0; j < l->n; j++)
            if (l->v[j].node == l->v[i].node) {
                done[j] = true;
                append(buf, cap, &len, "%s%s", k == 0 ? "" : k == count - 1 ? " and " : ", ", l->v[j].what);
                k++;
            }
    }
    if (l->more)
        append(buf, cap, &len, "; and %d more", l->more);
    append(buf, cap, &len, groups > 1 || l->more ? ". All are blank: " : total == 1 ? ", which is blank; " : ", which are blank; ");
    if (!fillable) {
        append(buf, cap, &len, "fill %s in the contract", total == 1 ? "it" : "them");
        return;
    }
    append(buf, cap, &len, "give %s with", total == 1 ? "it a value" : "them values");
    for (int i = 0; i < l->n && sets; i++) {
        bool again = false;
        for (int j = 0; j < i; j++)
            again |= l->v[j].set && l->v[i].set && !strcmp(l->v[j].set, l->v[i].set);
        if (l->v[i].set && !again)
            append(buf, cap, &len, " --set '%s'", l->v[i].set);
    }
    append(buf, cap, &len, "%s --values FILE", sets ? " or" : "");
}

/* What a row is asked for: a node (0 or more), or its outputs. */
enum { ASK_OUTPUTS_CODE = -1, ASK_EACH_OUTPUT = -2 };

/* Computes what: a node (marked computed), the outputs' code, or each
 * output node in turn. */
static bool ask(VM *vm, int what)
{
    const Program *p = vm->p;
    if (what >= 0)
        return vm_node_done(vm, what) || run(vm, what, p->nodes[what].entry);
    if (what == ASK_OUTPUTS_CODE)
        return run(vm, -1, p->outputs_entry);
    for (int i = 0; i < p->noutputs; i++)
        if (p->outputs[i].kind == OUT_NODE && !ask(vm, p->outputs[i].index))
            return false;
    return true;
}

/* After what was asked failed on a blank: asks again with that blank
 * taken as 0, then the next one it fails on, and so on, so the message
 * names every blank it needs.  The marks of what is computed, and the
 * coverage counts, are put back as they were, so nothing computed from a
 * 0 in place of a blank is kept. */
static void find_every_blank(VM *vm, int what)
{
    const Program *p = vm->p;
    memcpy(vm->kept_slot_gen, vm->slot_gen, sizeof(uint32_t) * (size_t)p->nnodes);
    memcpy(vm->kept_fired_gen, vm->fired_gen, sizeof(uint32_t) * (size_t)p->nrules);
    if (vm->counts)
        memcpy(vm->kept_counts, vm->counts, sizeof(uint64_t) * (size_t)p->nprobes);
    NeededList l = {.n = 0};
    for (int tries = 0; vm->blank != -1 && tries < MAX_FILLED && note_blank(vm, &l); tries++) {
        memcpy(vm->slot_gen, vm->kept_slot_gen, sizeof(uint32_t) * (size_t)p->nnodes);
        memcpy(vm->fired_gen, vm->kept_fired_gen, sizeof(uint32_t) * (size_t)p->nrules);
        vm->blank = -1;
        if (ask(vm, what))
            break;
    }
    memcpy(vm->slot_gen, vm->kept_slot_gen, sizeof(uint32_t) * (size_t)p->nnodes);
    memcpy(vm->fired_gen, vm->kept_fired_gen, sizeof(uint32_t) * (size_t)p->nrules);
    if (vm->counts)
        memcpy(vm->counts, vm->kept_counts, sizeof(uint64_t) * (size_t)p->nprobes);
    memset(vm->filled, 0, (size_t)p->nblanks);
    vm->nfilled_cells = 0;
    vm->blank = -1;
    say_needed(vm, &l);
}

/* ask, and after a failure on a blank, find them all. */
static bool ask_row(VM *vm, int what)
{
    vm->blank = -1;
    if (ask(vm, what))
        return true;
    if (vm->blank != -1)
        find_every_blank(vm, what);
    return false;
}

bool vm_value(VM *vm, int node, Value *out)
{
    vm->fresh = false;
    if (!ask_row(vm, node))
        return false;
    *out = vm->slots[node];
    return true;
}

bool vm_value_for(VM *vm, int node, int slot, Value v, Value *out)
{
    vm->locals[slot] = v;
    vm->slot_gen[node] = vm->gen - 1; /* not computed in this row: it is again */
    return vm_value(vm, node, out);
}

bool vm_advance(VM *vm, Value *record)
{
    const Program *p = vm->p;
    for (int i = 0; i < p->nadvance; i++)
        if (!vm_value(vm, p->advance_node[i], &vm->next[i]))
            return false;
    for (int i = 0; i < p->nadvance; i++) {
        const FieldDef *f = &p->schema->fields[p->advance_field[i]];
        Rat v = vm->next[i].num;
        if (f->has_range && (rat_cmp(v, rat_int(f->lo)) < 0 || rat_cmp(v, rat_int(f->hi)) > 0)) {
            snprintf(vm->error, sizeof vm->error, "`each year:` makes %s %lld, outside its range %lld to %lld", f->name,
                     (long long)v.n, (long long)f->lo, (long long)f->hi);
            return false;
        }
    }
    for (int i = 0; i < p->nadvance; i++)
        record[p->advance_field[i]] = vm->next[i];
    return true;
}

/* Where each output's value is for vm->record: after the outputs' code,
 * and after each node asked for (vm_outputs). */
static NOINLINE void point_outputs(VM *vm)
{
    const Program *p = vm->p;
    for (int i = 0; i < p->noutputs; i++) {
        const ProgOutput *o = &p->outputs[i];
        const Value *at = o->kind == OUT_FIELD ? &vm->record[o->index] : o->kind == OUT_CONST ? &o->value : &vm->slots[o->index];
        vm->out_lazy[i] = vm->out_fresh[i] = at;
        for (int k = 0; k < p->ninline; k++)
            if (o->kind == OUT_NODE && p->inline_node[k] == o->index)
                vm->out_fresh[i] = &vm->stack[k];
    }
    vm->out_record = vm->record;
}

/* vm_row's row that failed, as ask_row has it: out of line, so that
 * vm_row saves one register alone. */
static COLD const Value *const *row_failed(VM *vm)
{
    if (vm->blank != -1)
        find_every_blank(vm, ASK_OUTPUTS_CODE);
    return NULL;
}

/* vm_row for any other VM or record: out of line, as row_failed. */
static NOINLINE const Value *const *row_other(VM *vm, const Value *record)
{
    vm_begin(vm, record);
    return vm_outputs(vm);
}

/* The row loop's vm_begin and vm_outputs: a VM with no year before and
 * none as paid, given the record its outputs point into already, runs
 * the outputs' code with nothing more to set up (ask_row's way); any
 * other goes the two calls' way. */
const Value *const *vm_row(VM *vm, const Value *record)
{
    if (__builtin_expect(record != vm->out_record || vm->others || vm->gen == UINT32_MAX, 0))
        return row_other(vm, record);
    vm->record = record;
    vm->gen++;
    vm->fresh = false;
    vm->blank = -1;
    return run(vm, -1, vm->p->outputs_entry) ? vm->out_fresh : row_failed(vm);
}

/* The lane first (lane.h), on the record vm_row has its outputs point
 * into; a row it gives back, vm_row's, under a new generation, so that no
 * rule the lane noted stays noted. */
const Value *const *vm_row_to_write(VM *vm, const Value *record)
{
    if (vm->lane && record == vm->out_record && vm->gen < UINT32_MAX - 1) {
        const Value *const *out = lane_row(vm->lane, record, vm->fired_gen, ++vm->gen);
        if (out) {
            vm->record = record;
            vm->fresh = false;
            return out;
        }
    }
    return vm_row(vm, record);
}

const Value *const *vm_outputs(VM *vm)
{
    if (vm->out_record != vm->record) /* a caller's record array is nearly always the same one */
        point_outputs(vm);
    if (!vm->fresh) /* the outputs' code computes every node: ask for each instead, in the same order */
        return ask_row(vm, ASK_EACH_OUTPUT) ? vm->out_lazy : NULL;
    vm->fresh = false; /* its nodes are not marked computed: asked for again, they would be */
    return ask_row(vm, ASK_OUTPUTS_CODE) ? vm->out_fresh : NULL;
}
