/* peephole.c: fuses the commonest instruction sequences into one.
 *
 * First an AND whose target is a JUMP_FALSE is aimed where that JUMP_FALSE
 * goes (a false value it keeps would be popped there anyway), so a rule's
 * `a and b` becomes two tests that each jump past the rule; and a jump
 * that lands on a JUMP, or an AND (OR) that lands on an AND (OR), which
 * would jump on with the same value, is aimed where that one goes.  Then each
 * sequence of the table below becomes its fused instruction, whose
 * operands are the sequence's operands in order, unless a jump lands
 * inside the sequence.  Jumps are re-aimed through a map from old offsets
 * to new ones.
 */
#include "peephole.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ops.h"

typedef struct {
    Opcode fused;
    int nops;
    Opcode ops[5];
} Fusion;

/* longest first: the first that matches wins */
static const Fusion fusions[] = {
    {OP_ADD_STACKS3, 5, {OP_STACK, OP_STACK, OP_ADD, OP_STACK, OP_ADD}},
    {OP_IF_FIELD_IN, 5, {OP_FIELD, OP_CONST, OP_CONST, OP_IN_RANGE, OP_JUMP_FALSE}},
    {OP_IF_FIELD_CMP, 4, {OP_FIELD, OP_CONST, OP_CMP_NUM, OP_JUMP_FALSE}},
    {OP_IF_INT_RANGE, 4, {OP_FIELD, OP_CONST, OP_CMP_INT, OP_JUMP_FALSE}},
    {OP_LOOKUP2_FIELDS, 3, {OP_FIELD, OP_FIELD, OP_LOOKUP2}},
    {OP_MIN_FIELD_CONST, 3, {OP_FIELD, OP_CONST, OP_CALL}},
    {OP_DIV_ROUND_STACK, 3, {OP_STACK, OP_CONST, OP_DIV_ROUND}},
    {OP_MUL_ROUND_STACK, 3, {OP_STACK, OP_CONST, OP_MUL_ROUND}},
    {OP_ADD_STACKS, 3, {OP_STACK, OP_STACK, OP_ADD}},
    {OP_IF_FIELD, 2, {OP_FIELD, OP_JUMP_FALSE}},
    {OP_ADD_CONST, 2, {OP_CONST, OP_ADD}},
    {OP_LOOKUP1_LOCAL, 2, {OP_LOCAL, OP_LOOKUP1}},
    {OP_ADD_STACK, 2, {OP_STACK, OP_ADD}},
    {OP_DIV_ROUND_CONST, 2, {OP_CONST, OP_DIV_ROUND}},
    {OP_MUL_ROUND_FIELD, 2, {OP_FIELD, OP_MUL_ROUND}},
    {OP_SUM_LOOKUP1_FIELD, 2, {OP_FIELD, OP_SUM_LOOKUP1}},
};

static int next_pc(const int32_t *code, int pc)
{
    return pc + 1 + op_operands[code[pc]];
}

static int target(const int32_t *code, int pc)
{
    return next_pc(code, pc) + code[pc + 1 + op_jump[code[pc]]];
}

/* Whether the jump at pc (JUMP, JUMP_FALSE, AND or OR) lands where the
 * instruction there would jump on at once, with the stack as it is. */
static bool lands_on_a_jump(const int32_t *code, int pc)
{
    int32_t op = code[pc], there = code[target(code, pc)];
    if (op != OP_JUMP && op != OP_JUMP_FALSE && op != OP_AND && op != OP_OR)
        return false;
    return there == OP_JUMP || ((op == OP_AND || op == OP_OR) && there == op);
}

/* Whether f's sequence starts at pc with no jump landing after its first
 * instruction; if so, where the sequence ends. */
static bool matches(const Fusion *f, const int32_t *code, int n, const bool *lands, int pc, int *end)
{
    for (int i = 0; i < f->nops; i++) {
        if (pc >= n || code[pc] != (int32_t)f->ops[i] || (i > 0 && lands[pc]))
            return false;
        pc = next_pc(code, pc);
    }
    *end = pc;
    return true;
}

/* Whether f's sequence at pc, which matches, is one its fused instruction
 * runs: MIN_FIELD_CONST's CALL must be min of two. */
static bool fits(const Program *p, const Fusion *f, const int32_t *code, int pc)
{
    if (f->fused != OP_MIN_FIELD_CONST)
        return true;
    const int32_t *call = code + pc + 4;
    return strcmp(p->natives[call[1]].name, "min") == 0 && call[2] == 2;
}

/* An IF_FIELD_CMP, IF_INT_RANGE or IF_FIELD_IN sequence at pc (FIELD A;
 * CONST ...; JUMP_FALSE) as a range of whole numbers, when its constants
 * are whole (a CMP_INT's always are): = k is k..k, <= k is below k, >= k
 * from k, and !=, > and < the same ranges negated, so that it holds for
 * every x, whole or not, exactly when the comparison does.  False for
 * other constants, or a range whose low end is above its high end. */
static bool whole_range(const Program *p, const Fusion *f, const int32_t *code, int pc, int64_t *lo, int64_t *hi,
                        bool *negate)
{
    if (f->fused != OP_IF_FIELD_CMP && f->fused != OP_IF_FIELD_IN && f->fused != OP_IF_INT_RANGE)
        return false;
    Rat k = p->consts[code[pc + 3]].num;
    if (f->fused == OP_IF_INT_RANGE)
        k = rat_int(p->consts[code[pc + 3]].i);
    *negate = false;
    if (f->fused == OP_IF_FIELD_IN) {
        Rat k2 = p->consts[code[pc + 5]].num;
        if (k.d != 1 || k2.d != 1 || k.n > k2.n)
            return false;
        *lo = k.n;
        *hi = k2.n;
        return true;
    }
    if (k.d != 1)
        return false;
    int cmp = code[pc + 5];
    *negate = cmp == CMP_NE || cmp == CMP_GT || cmp == CMP_LT;
    *lo = cmp == CMP_LE || cmp == CMP_GT ? INT64_MIN : k.n;
    *hi = cmp == CMP_GE || cmp == CMP_LT ? INT64_MAX : k.n;
    return true;
}

/* Whether the code at pc is a component of one rule `when` a yes/no
 * field, CONST FIELD JUMP_FALSE CONST ADD FIRED POLICY, the JUMP_FALSE to
 * the POLICY and no other jump landing inside, whose policy is not
 * `exactly one` (so that it cannot fail): RULE_IF_FIELD.  If so, where it
 * ends, and RULE_IF_FIELD's operands in ops[4]. */
static bool match_rule_if_field(const Program *p, const int32_t *code, int n, const bool *lands, int pc, int *end,
                                int32_t *ops)
{
    static const Opcode seq[] = {OP_CONST, OP_FIELD, OP_JUMP_FALSE, OP_CONST, OP_ADD, OP_FIRED, OP_POLICY};
    int at[7];
    for (int i = 0; i < 7; i++) {
        if (pc >= n || code[pc] != (int32_t)seq[i] || (i > 0 && i < 6 && lands[pc]))
            return false;
        at[i] = pc;
        pc = next_pc(code, pc);
    }
    if (target(code, at[2]) != at[6] || p->components[code[at[6] + 1]].policy == POL_EXACTLY_ONE)
        return false;
    *end = pc;
    ops[0] = code[at[0] + 1];
    ops[1] = code[at[1] + 1];
    ops[2] = code[at[3] + 1];
    ops[3] = code[at[5] + 1];
    return true;
}

typedef struct {
    VEC(ProgDecisionRule) rules;
    VEC(ProgTest) tests;
    VEC(ProgDecision) decisions;
} Decisions;

/* The rule at pc, after fusion: tests of fields (IF_FIELD_RANGE, IF_INT_RANGE, IF_FIELD)
 * that each jump to its end, an ADD_CONST and a FIRED, with nothing else
 * landing in it or at its end (lands counts the jumps to each offset, -1
 * where code outside may start: a node's entry or a node's end in the
 * outputs' code).  Its end, or -1. */
static int match_rule(const int32_t *code, int n, const int *lands, int pc, Decisions *d, Arena *arena)
{
    int start = pc, ntests = 0;
    while (pc < n && (code[pc] == OP_IF_FIELD_RANGE || code[pc] == OP_IF_INT_RANGE || code[pc] == OP_IF_FIELD)) {
        const int32_t *a = code + pc + 1;
        ProgTest t = {.field = a[0], .yes_no = code[pc] == OP_IF_FIELD, .is_int = code[pc] == OP_IF_INT_RANGE};
        if (!t.yes_no) {
            t.lo = op_word64(a + 1);
            t.hi = op_word64(a + 3);
            t.negate = a[5];
        }
        VEC_PUSH(arena, d->tests, t);
        ntests++;
        pc = next_pc(code, pc);
    }
    if (ntests == 0 || pc >= n || code[pc] != OP_ADD_CONST)
        return -1;
    int amount = code[pc + 1];
    pc = next_pc(code, pc);
    if (pc >= n || code[pc] != OP_FIRED)
        return -1;
    ProgDecisionRule r = {.first = d->tests.n - ntests, .ntests = ntests, .amount = amount, .rule = code[pc + 1]};
    int end = next_pc(code, pc);
    if (end >= n || lands[end] != ntests)
        return -1;
    for (int at = start; at < end; at = next_pc(code, at))
        if ((at > start && lands[at] != 0) || (op_jump[code[at]] >= 0 && target(code, at) != end))
            return -1;
    VEC_PUSH(arena, d->rules, r);
    return end;
}

/* d's key_field (program.h), or -1; its keys in keys[nrules]. */
static int key_field(const ProgDecision *d, ProgKeyRange *keys)
{
    int field = d->tests[0].field;
    for (int i = 0; i < d->nrules; i++) {
        const ProgTest *t = &d->tests[d->rules[i].first];
        if (t->yes_no || t->negate || t->field != field || t->is_int != d->tests[0].is_int)
            return -1;
        for (int j = 0; j < i; j++) {
            const ProgTest *u = &d->tests[d->rules[j].first];
            if (t->lo <= u->hi && u->lo <= t->hi)
                return -1;
        }
        keys[i] = (ProgKeyRange){t->lo, (uint64_t)t->hi - (uint64_t)t->lo};
    }
    return field;
}

enum { INDEX_MAX = 256 };

/* dec's index (program.h), if its ranges, none open below, span at most
 * INDEX_MAX keys up to the open one's start, and it has fewer than 256
 * rules. */
static void index_keys(ProgDecision *dec, Arena *arena)
{
    if (dec->nrules >= 256)
        return;
    int64_t lo = INT64_MAX, top = INT64_MIN;
    int above = 0;
    for (int i = 0; i < dec->nrules; i++) {
        const ProgTest *t = &dec->tests[dec->rules[i].first];
        if (t->lo == INT64_MIN || t->lo > t->hi)
            return;
        if (t->hi == INT64_MAX)
            above = i + 1;
        lo = t->lo < lo ? t->lo : lo;
        int64_t end = t->hi == INT64_MAX ? t->lo : t->hi;
        top = end > top ? end : top;
    }
    uint64_t n = (uint64_t)top - (uint64_t)lo + 1;
    if (n > INDEX_MAX)
        return;
    uint8_t *index = arena_alloc(arena, n);
    memset(index, 0, n);
    for (int i = 0; i < dec->nrules; i++)
        for (uint64_t k = 0; k < n; k++)
            if ((uint64_t)lo + k - (uint64_t)dec->keys[i].lo <= dec->keys[i].span)
                index[k] = (uint8_t)(i + 1);
    dec->index_lo = lo;
    dec->nindex = n;
    dec->index = index;
    dec->above = above;
}

/* A component's code at pc, CONST and rules and POLICY, as a decision for
 * RULES; false if it is not all rules match_rule takes. */
static bool match_decision(Program *p, const int *lands, int pc, Decisions *d, Arena *arena)
{
    const int32_t *code = p->code;
    int n = p->ncode;
    if (code[pc] != OP_CONST)
        return false;
    ProgDecision dec = {.start = code[pc + 1]};
    d->rules.n = d->tests.n = 0;
    int at = next_pc(code, pc);
    if (at >= n || lands[at] != 0)
        return false;
    for (int end; at < n && code[at] != OP_POLICY; at = end)
        if ((end = match_rule(code, n, lands, at, d, arena)) < 0)
            return false;
    if (at >= n || d->rules.n == 0)
        return false;
    dec.policy = at;
    ProgPolicy policy = p->components[code[at + 1]].policy;
    dec.least = policy == POL_EXACTLY_ONE;
    dec.most = policy == POL_ANY ? INT_MAX : 1;
    dec.after = next_pc(code, at);
    dec.nrules = d->rules.n;
    ProgDecisionRule *rules = arena_alloc(arena, sizeof *rules * (size_t)d->rules.n);
    ProgTest *tests = arena_alloc(arena, sizeof *tests * (size_t)d->tests.n);
    memcpy(rules, d->rules.v, sizeof *rules * (size_t)d->rules.n);
    memcpy(tests, d->tests.v, sizeof *tests * (size_t)d->tests.n);
    dec.rules = rules;
    dec.tests = tests;
    ProgKeyRange *keys = arena_alloc(arena, sizeof *keys * (size_t)dec.nrules);
    if ((dec.key_field = key_field(&dec, keys)) < 0)
        return false;
    dec.key_int = dec.tests[0].is_int;
    dec.keys = keys;
    index_keys(&dec, arena);
    VEC_PUSH(arena, d->decisions, dec);
    return true;
}

/* Each component's CONST whose rules and POLICY match_decision takes
 * becomes RULES, their code staying after it (jumped over, shown by
 * `terms disasm`); p->decisions gets what RULES runs. */
static void fuse_rules(Program *p, Arena *arena)
{
    int n = p->ncode;
    int *lands = xcalloc((size_t)n + 1, sizeof(int));
    for (int pc = 0; pc < n; pc = next_pc(p->code, pc))
        if (op_jump[p->code[pc]] >= 0)
            lands[target(p->code, pc)]++;
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].entry >= 0)
            lands[p->nodes[i].entry] = -1;
    for (int i = 0; i < p->ninline; i++)
        lands[p->inline_end[i]] = -1;
    Decisions d;
    memset(&d, 0, sizeof d);
    for (int pc = 0; pc < n; pc = next_pc(p->code, pc))
        if (match_decision(p, lands, pc, &d, arena)) {
            p->code[pc] = OP_RULES;
            p->code[pc + 1] = d.decisions.n - 1;
        }
    p->decisions = d.decisions.v;
    p->ndecisions = d.decisions.n;
    free(lands);
}

void peephole(Program *p, Arena *arena)
{
    int32_t *code = p->code;
    int n = p->ncode;
    int *starts = xmalloc(sizeof(int) * (size_t)(n + 1));
    int *map = xmalloc(sizeof(int) * (size_t)(n + 1));
    bool *lands = xcalloc((size_t)n + 1, sizeof(bool));

    int ninstr = 0;
    for (int pc = 0; pc < n; pc = next_pc(code, pc))
        starts[ninstr++] = pc;
    /* last first, so that `a and b and c` threads through both ANDs */
    for (int i = ninstr - 1; i >= 0; i--) {
        int pc = starts[i];
        if (code[pc] == OP_AND && code[target(code, pc)] == OP_JUMP_FALSE) {
            int to = target(code, target(code, pc));
            code[pc] = OP_JUMP_FALSE;
            code[pc + 1] = to - next_pc(code, pc);
        } else if (lands_on_a_jump(code, pc)) {
            code[pc + 1] = target(code, target(code, pc)) - next_pc(code, pc);
        }
    }
    for (int i = 0; i < ninstr; i++)
        if (op_jump[code[starts[i]]] >= 0)
            lands[target(code, starts[i])] = true;
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].entry >= 0)
            lands[p->nodes[i].entry] = true;
    lands[p->outputs_entry] = true;
    for (int i = 0; i < p->ninline; i++) /* no fusion across nodes in the outputs' code */
        lands[p->inline_end[i]] = true;

    /* jump operands hold old targets until every offset is mapped; an
     * IF_FIELD_RANGE takes 8 words for the 8 or 9 of its sequence */
    int32_t *out = arena_alloc(arena, sizeof(int32_t) * (size_t)(n + 1));
    int m = 0;
    for (int pc = 0; pc < n;) {
        map[pc] = m;
        const Fusion *f = NULL;
        int end = 0;
        int32_t ops[4];
        if (match_rule_if_field(p, code, n, lands, pc, &end, ops)) {
            out[m++] = OP_RULE_IF_FIELD;
            for (int k = 0; k < 4; k++)
                out[m++] = ops[k];
            for (int at = next_pc(code, pc); at < end; at = next_pc(code, at))
                map[at] = m - 5;
            pc = end;
            continue;
        }
        for (size_t k = 0; k < sizeof fusions / sizeof fusions[0] && !f; k++)
            if (matches(&fusions[k], code, n, lands, pc, &end) && fits(p, &fusions[k], code, pc))
                f = &fusions[k];
        if (!f) {
            int j = op_jump[code[pc]];
            int old_target = j >= 0 ? target(code, pc) : 0;
            for (int k = pc; k < next_pc(code, pc); k++)
                out[m++] = code[k];
            if (j >= 0)
                out[m - op_operands[code[pc]] + j] = old_target;
            pc = next_pc(code, pc);
            continue;
        }
        int64_t lo, hi;
        bool negate;
        if (whole_range(p, f, code, pc, &lo, &hi, &negate)) {
            out[m++] = f->fused == OP_IF_INT_RANGE ? OP_IF_INT_RANGE : OP_IF_FIELD_RANGE;
            out[m++] = code[pc + 1];
            op_set_word64(out + m, lo);
            op_set_word64(out + m + 2, hi);
            m += 4;
            out[m++] = negate;
            int jump_false = end - 1 - op_operands[OP_JUMP_FALSE];
            out[m++] = target(code, jump_false);
            pc = end;
            continue;
        }
        out[m++] = f->fused;
        for (int at = pc; at < end; at = next_pc(code, at)) {
            for (int k = 0; k < op_operands[code[at]]; k++)
                out[m++] = code[at + 1 + k];
            if (op_jump[code[at]] >= 0)
                out[m - op_operands[code[at]] + op_jump[code[at]]] = target(code, at);
        }
        pc = end;
    }
    map[n] = m;
    for (int pc = 0; pc < m; pc = next_pc(out, pc)) {
        int j = op_jump[out[pc]];
        if (j >= 0)
            out[pc + 1 + j] = map[out[pc + 1 + j]] - next_pc(out, pc);
    }
    for (int i = 0; i < p->nnodes; i++)
        if (p->nodes[i].entry >= 0) {
            p->nodes[i].entry = map[p->nodes[i].entry];
            p->nodes[i].end = map[p->nodes[i].end];
        }
    p->outputs_entry = map[p->outputs_entry];
    for (int i = 0; i < p->ninline; i++)
        p->inline_end[i] = map[p->inline_end[i]];
    p->code = out;
    p->ncode = m;
    free(starts);
    free(map);
    free(lands);
    fuse_rules(p, arena);
}
