/* vm.c: the bytecode interpreter.  See vm.h and opcodes.h. */
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"

typedef struct {
    int ret;      /* pc to resume at */
    int node;     /* node being computed there */
    int applied;  /* rules it had applied when it asked */
} Frame;

typedef struct {
    const int32_t *items;
    uint32_t len, pos;
} Iter;

struct VM {
    const Program *p;
    const Value *record;
    Value *stack;
    Value *slots;
    uint32_t *slot_gen;   /* slots[i] holds this row's value when slot_gen[i] == gen */
    uint32_t *fired_gen;  /* likewise for rules that applied */
    uint32_t gen;
    Value *locals;
    Iter *iters;
    Frame *frames;
    int applied;          /* rules applied in the component being computed */
    Value *next;          /* vm_advance's next-year values */
    char error[512];
};

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("terms: out of memory\n", stderr);
        abort();
    }
    return p;
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
    free(vm);
}

void vm_begin(VM *vm, const Value *record)
{
    vm->record = record;
    if (++vm->gen == 0) {
        /* after 2^32 rows the generations wrap: start the marks afresh */
        memset(vm->slot_gen, 0, sizeof(uint32_t) * (size_t)vm->p->nnodes);
        memset(vm->fired_gen, 0, sizeof(uint32_t) * (size_t)vm->p->nrules);
        vm->gen = 1;
    }
}

const char *vm_error(const VM *vm) { return vm->error; }

void vm_fix(VM *vm, int node, Value v)
{
    vm->slots[node] = v;
    vm->slot_gen[node] = vm->gen;
}
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
    char what[256];
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

/* Runs node's code until it returns, computing what it asks for on the way. */
static bool run(VM *vm, int root)
{
    const Program *p = vm->p;
    const int32_t *code = p->code;
    Value *sp = vm->stack;
    int node = root, depth = 0;
    int pc = p->nodes[root].entry;

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
    for (;;) {
        Opcode op = (Opcode)code[pc];
        const int32_t *arg = &code[pc + 1];
        pc += 1 + op_operands[op];
        switch (op) {
        case OP_CONST:
            PUSH(p->consts[arg[0]]);
            break;
        case OP_BLANK:
            return fail_at(vm, node, "%s is blank (not agreed yet): fill it with --set", p->blanks[arg[0]]);
        case OP_FIELD:
            PUSH(vm->record[arg[0]]);
            break;
        case OP_GET: {
            int n = arg[0];
            if (p->nodes[n].constant || vm->slot_gen[n] == vm->gen) {
                PUSH(vm->slots[n]);
                break;
            }
            vm->frames[depth++] = (Frame){pc, node, vm->applied};
            vm->applied = 0;
            node = n;
            pc = p->nodes[n].entry;
            break;
        }
        case OP_RETURN: {
            int n = arg[0];
            vm->slots[n] = POP();
            vm->slot_gen[n] = vm->gen;
            if (depth == 0)
                return true;
            Frame f = vm->frames[--depth];
            pc = f.ret;
            node = f.node;
            vm->applied = f.applied;
            PUSH(vm->slots[n]);
            break;
        }
        case OP_LOCAL:
            PUSH(vm->locals[arg[0]]);
            break;
        case OP_YEAR:
            PUSH(((Value){.num = rat_int(p->year + 1)}));
            break;
        case OP_POP:
            sp--;
            break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: {
            Rat b = POP().num;
            Rat a = POP().num;
            Value r;
            /* whole numbers added or subtracted: no call, no reduction */
            if (op <= OP_SUB && (a.d | b.d) == 1) {
                int64_t n = op == OP_ADD ? a.n + b.n : a.n - b.n; /* both within 10^18: no wrap */
                if (n <= RAT_LIMIT && n >= -RAT_LIMIT) {
                    PUSH(((Value){.num = {n, 1}}));
                    break;
                }
            }
            RatStatus st = op == OP_ADD ? rat_add(a, b, &r.num) : op == OP_SUB ? rat_sub(a, b, &r.num)
                         : op == OP_MUL ? rat_mul(a, b, &r.num) : rat_div(a, b, &r.num);
            if (st != RAT_OK)
                return arith_fail(vm, node, st);
            PUSH(r);
            break;
        }
        case OP_NEG:
            TOP().num = rat_neg(TOP().num);
            break;
        case OP_NOT:
            TOP().i = !TOP().i;
            break;
        case OP_CMP_NUM: {
            Rat b = POP().num;
            Rat a = POP().num;
            int order = a.d == b.d ? (a.n > b.n) - (a.n < b.n) : rat_cmp(a, b);
            PUSH(((Value){.i = cmp_holds(order, arg[0])}));
            break;
        }
        case OP_CMP_INT: {
            int64_t b = POP().i;
            int64_t a = POP().i;
            PUSH(((Value){.i = cmp_holds((a > b) - (a < b), arg[0])}));
            break;
        }
        case OP_CMP_TEXT: {
            Value b = POP();
            Value a = POP();
            bool eq = a.text.len == b.text.len && memcmp(a.text.p, b.text.p, a.text.len) == 0;
            PUSH(((Value){.i = arg[0] == CMP_EQ ? eq : !eq}));
            break;
        }
        case OP_IN_RANGE: {
            Rat hi = POP().num, lo = POP().num, x = POP().num;
            if ((hi.d | lo.d | x.d) == 1)
                PUSH(((Value){.i = lo.n <= x.n && x.n <= hi.n}));
            else
                PUSH(((Value){.i = rat_cmp(lo, x) <= 0 && rat_cmp(x, hi) <= 0}));
            break;
        }
        case OP_IN_RANGE_INT: {
            int64_t hi = POP().i, lo = POP().i, x = POP().i;
            PUSH(((Value){.i = lo <= x && x <= hi}));
            break;
        }
        case OP_SET_NUM: {
            Rat x = POP().num;
            bool in = false;
            for (int i = 0; i < arg[1] && !in; i++)
                in = rat_eq(x, p->consts[arg[0] + i].num);
            PUSH(((Value){.i = in}));
            break;
        }
        case OP_SET_INT: {
            int64_t x = POP().i;
            bool in = false;
            for (int i = 0; i < arg[1] && !in; i++)
                in = x == p->consts[arg[0] + i].i;
            PUSH(((Value){.i = in}));
            break;
        }
        case OP_IN_LIST: {
            Value l = POP();
            int64_t x = POP().i;
            bool in = false;
            for (uint32_t i = 0; i < l.list.len && !in; i++)
                in = l.list.items[i] == x;
            PUSH(((Value){.i = in}));
            break;
        }
        case OP_JUMP:
            pc += arg[0];
            break;
        case OP_JUMP_FALSE:
            if (!POP().i)
                pc += arg[0];
            break;
        case OP_AND:
            if (!TOP().i)
                pc += arg[0];
            else
                sp--;
            break;
        case OP_OR:
            if (TOP().i)
                pc += arg[0];
            else
                sp--;
            break;
        case OP_LOOKUP2: {
            const ProgSchedule *s = &p->schedules[arg[0]];
            Value col = POP(), row = POP();
            int64_t r = s->row_enum ? row.i : row.num.n - s->first_row;
            if (r < 0 || r >= s->nrows) {
                if (!s->clamp) {
                    char key[64];
                    describe_key(s->row_enum ? s->row_enum_def : NULL, &row, key, sizeof key);
                    snprintf(vm->error, sizeof vm->error, "%s is beyond schedule `%s`, whose rows are %lld to %lld, in `%s`",
                             key, s->name, (long long)s->first_row, (long long)(s->first_row + s->nrows - 1), p->nodes[node].name);
                    return false;
                }
                r = r < 0 ? 0 : s->nrows - 1;
            }
            const ProgCell *cell = &s->cells[r * s->ncols + col.i];
            if (cell->blank) {
                char key[64];
                describe_key(s->row_enum ? s->row_enum_def : NULL, &row, key, sizeof key);
                snprintf(vm->error, sizeof vm->error, "%s[%s, %s] is blank (not agreed yet), in `%s`", s->name, key,
                         s->col_enum->members[col.i], p->nodes[node].name);
                return false;
            }
            PUSH(((Value){.num = cell->v}));
            break;
        }
        case OP_LOOKUP1: {
            const ProgTable *t = &p->tables[arg[0]];
            Value key = POP();
            int idx = -1;
            if (t->key_enum) {
                idx = (int)key.i;
            } else {
                int lo = 0, hi = t->nkeys - 1;
                while (lo <= hi) {
                    int mid = (lo + hi) / 2;
                    if (t->keys[mid] == key.num.n) {
                        idx = mid;
                        break;
                    }
                    if (t->keys[mid] < key.num.n)
                        lo = mid + 1;
                    else
                        hi = mid - 1;
                }
            }
            char name[64];
            if (idx < 0 || t->cells[idx].blank) {
                describe_key(t->key_enum ? t->key_enum_def : NULL, &key, name, sizeof name);
                snprintf(vm->error, sizeof vm->error, idx < 0 ? "table `%s` has no row for %s, in `%s`" : "%s[%s] is blank (not agreed yet), in `%s`",
                         t->name, name, p->nodes[node].name);
                return false;
            }
            PUSH(((Value){.num = t->cells[idx].v}));
            break;
        }
        case OP_CALL: {
            const Builtin *b = &builtins[arg[0]];
            sp -= arg[1];
            Value r;
            RatStatus st = b->fn(sp, arg[1], p->rounding, &r);
            if (st == RAT_DOMAIN)
                return fail_at(vm, node, "%s( ) got a range whose low end is above its high end", b->name);
            if (st != RAT_OK) {
                char what[128];
                snprintf(what, sizeof what, "%s in %s( )", rat_status_text(st), b->name);
                return fail_at(vm, node, "%s", what);
            }
            PUSH(r);
            break;
        }
        case OP_LENGTH:
            TOP().num = rat_int(TOP().list.len);
            break;
        case OP_ITER: {
            Value l = POP();
            vm->iters[arg[0]] = (Iter){l.list.items, l.list.len, 0};
            break;
        }
        case OP_NEXT: {
            Iter *it = &vm->iters[arg[0]];
            if (it->pos < it->len)
                vm->locals[arg[0]].i = it->items[it->pos++];
            else
                pc += arg[1];
            break;
        }
        case OP_FIRED:
            vm->fired_gen[arg[0]] = vm->gen;
            vm->applied++;
            break;
        case OP_POLICY: {
            const ProgComponent *c = &p->components[arg[0]];
            int applied = vm->applied;
            vm->applied = 0;
            if (c->policy == POL_ANY || applied == 1 || (applied == 0 && c->policy == POL_AT_MOST_ONE))
                break;
            if (applied == 0) {
                snprintf(vm->error, sizeof vm->error, "no rule of `%s` applies, but it requires exactly one", c->name);
                return false;
            }
            char a[128], b[128];
            int first = -1, second = -1;
            for (int r = c->first_rule; r < c->first_rule + c->nrules; r++)
                if (vm->fired_gen[r] == vm->gen) {
                    if (first < 0)
                        first = r;
                    else if (second < 0)
                        second = r;
                }
            snprintf(vm->error, sizeof vm->error, "rules `%s` and `%s` both apply, but `%s` allows only one",
                     rule_name(p, first, a, sizeof a), rule_name(p, second, b, sizeof b), c->name);
            return false;
        }
        case OP__COUNT:
            break;
        }
    }
#undef PUSH
#undef POP
#undef TOP
}

bool vm_value(VM *vm, int node, Value *out)
{
    if (!vm_node_done(vm, node)) {
        vm->applied = 0;
        if (!run(vm, node))
            return false;
    }
    *out = vm->slots[node];
    return true;
}

bool vm_advance(VM *vm, Value *record)
{
    const Program *p = vm->p;
    for (int i = 0; i < p->nadvance; i++)
        if (!vm_value(vm, p->advance_node[i], &vm->next[i]))
            return false;
    for (int i = 0; i < p->nadvance; i++)
        record[p->advance_field[i]] = vm->next[i];
    return true;
}

bool vm_outputs(VM *vm, Value *out)
{
    const Program *p = vm->p;
    for (int i = 0; i < p->noutputs; i++) {
        const ProgOutput *o = &p->outputs[i];
        switch (o->kind) {
        case OUT_FIELD:
            out[i] = vm->record[o->index];
            break;
        case OUT_CONST:
            out[i] = o->value;
            break;
        case OUT_NODE:
            if (!vm_value(vm, o->index, &out[i]))
                return false;
            break;
        }
    }
    return true;
}
