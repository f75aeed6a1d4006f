/* disasm.c: `terms disasm`: a Program's code as text, each instruction with
 * its operands and what they name, and the list of every opcode with its
 * effect. */
#include "disasm.h"

#include "format.h"
#include "ops.h"

/* constants carry no type; show both readings that could apply */
static void const_text(Value v, char *buf, size_t cap)
{
    size_t n = v.num.d > 0 ? rat_format_exact(v.num, 0, buf, cap - 1) : 0;
    if (n > 0)
        buf[n] = '\0';
    else
        snprintf(buf, cap, "#%lld", (long long)v.i);
}

static void show_const(Value v, FILE *out)
{
    char buf[80];
    const_text(v, buf, sizeof buf);
    fputs(buf, out);
}

static const char *const cmp_names[] = {"=", "!=", "<", "<=", ">", ">="};

/* builtin, places and mode of a rounding instruction */
static void show_rounding(const Program *p, const int32_t *a, FILE *out)
{
    static const char *const modes[] = {"half up", "half down", "half even", "floor", "ceiling", "toward zero"};
    fprintf(out, "%s to %d places, %s", p->natives[a[0]].name, a[1], modes[a[2]]);
}

static void show_operands(const Program *p, const int32_t *code, int pc, FILE *out)
{
    Opcode op = (Opcode)code[pc];
    const int32_t *a = &code[pc + 1];
    int next = pc + 1 + op_operands[op];
    const FieldDef *fields = p->schema->fields;
    char lo[80], hi[80];
    switch (op) {
    case OP_CONST:
        fprintf(out, "%d\t; ", a[0]);
        show_const(p->consts[a[0]], out);
        break;
    case OP_BLANK:
        fprintf(out, "%d\t; %s", a[0], p->blanks[a[0]].what);
        break;
    case OP_FIELD:
        fprintf(out, "%d\t; %s", a[0], p->schema->fields[a[0]].name);
        break;
    case OP_GET:
    case OP_RETURN:
    case OP_LAST_YEAR:
    case OP_AS_PAID:
        fprintf(out, "%d\t; %s", a[0], p->nodes[a[0]].name);
        break;
    case OP_LOCAL:
    case OP_SET_LOCAL:
        fprintf(out, "%d", a[0]);
        if (p->local_names && p->local_names[a[0]])
            fprintf(out, "\t; %s%s", op == OP_SET_LOCAL ? "call: " : "", p->local_names[a[0]]);
        break;
    case OP_CMP_NUM: case OP_CMP_INT: case OP_CMP_TEXT:
        fprintf(out, "%d\t; %s", a[0], cmp_names[a[0]]);
        break;
    case OP_STACK:
        fprintf(out, "%d\t; %s", a[0], p->nodes[p->inline_node[a[0]]].name);
        break;
    case OP_ADD_STACKS:
        fprintf(out, "%d %d\t; %s + %s", a[0], a[1], p->nodes[p->inline_node[a[0]]].name, p->nodes[p->inline_node[a[1]]].name);
        break;
    case OP_ADD_STACK:
        fprintf(out, "%d\t; + %s", a[0], p->nodes[p->inline_node[a[0]]].name);
        break;
    case OP_ADD_STACKS3:
        fprintf(out, "%d %d %d\t; %s + %s + %s", a[0], a[1], a[2], p->nodes[p->inline_node[a[0]]].name,
                p->nodes[p->inline_node[a[1]]].name, p->nodes[p->inline_node[a[2]]].name);
        break;
    case OP_SUM_LOOKUP1_FIELD:
        fprintf(out, "%d %d\t; %s over %s", a[0], a[1], p->tables[a[1]].name, fields[a[0]].name);
        break;
    case OP_ADD_CONST:
        fprintf(out, "%d\t; + ", a[0]);
        show_const(p->consts[a[0]], out);
        break;
    case OP_IF_FIELD:
        fprintf(out, "%d %d\t; unless %s: to %d", a[0], a[1], fields[a[0]].name, next + a[1]);
        break;
    case OP_IF_FIELD_CMP:
        const_text(p->consts[a[1]], lo, sizeof lo);
        fprintf(out, "%d %d %d %d\t; unless %s %s %s: to %d", a[0], a[1], a[2], a[3], fields[a[0]].name,
                cmp_names[a[2]], lo, next + a[3]);
        break;
    case OP_IF_FIELD_IN:
        const_text(p->consts[a[1]], lo, sizeof lo);
        const_text(p->consts[a[2]], hi, sizeof hi);
        fprintf(out, "%d %d %d %d\t; unless %s in %s..%s: to %d", a[0], a[1], a[2], a[3], fields[a[0]].name, lo, hi,
                next + a[3]);
        break;
    case OP_IF_FIELD_RANGE: case OP_IF_INT_RANGE: {
        int64_t l = op_word64(a + 1), h = op_word64(a + 3);
        const char *hash = op == OP_IF_INT_RANGE ? "#" : ""; /* a member, yes/no or date, as CONST shows one */
        fprintf(out, "%d %lld %lld %d %d\t; unless %s", a[0], (long long)l, (long long)h, a[5], a[6], fields[a[0]].name);
        if (l == h)
            fprintf(out, " %s %s%lld", a[5] ? "!=" : "=", hash, (long long)l);
        else if (l == INT64_MIN)
            fprintf(out, " %s %s%lld", a[5] ? ">" : "<=", hash, (long long)h);
        else if (h == INT64_MAX)
            fprintf(out, " %s %s%lld", a[5] ? "<" : ">=", hash, (long long)l);
        else
            fprintf(out, " %sin %s%lld..%s%lld", a[5] ? "not " : "", hash, (long long)l, hash, (long long)h);
        fprintf(out, ": to %d", next + a[6]);
        break;
    }
    case OP_LOOKUP2_FIELDS:
        fprintf(out, "%d %d %d\t; %s[%s, %s]", a[0], a[1], a[2], p->schedules[a[2]].name, fields[a[0]].name,
                fields[a[1]].name);
        break;
    case OP_MIN_FIELD_CONST:
        fprintf(out, "%d %d %d %d\t; min(%s, ", a[0], a[1], a[2], a[3], fields[a[0]].name);
        show_const(p->consts[a[1]], out);
        fputc(')', out);
        break;
    case OP_LOOKUP1_LOCAL:
        fprintf(out, "%d %d\t; %s[local %d]", a[0], a[1], p->tables[a[1]].name, a[0]);
        break;
    case OP_ROUND: case OP_DIV_ROUND: case OP_MUL_ROUND:
        fprintf(out, "%d %d %d\t; ", a[0], a[1], a[2]);
        show_rounding(p, a, out);
        break;
    case OP_DIV_ROUND_CONST:
        fprintf(out, "%d %d %d %d\t; / ", a[0], a[1], a[2], a[3]);
        show_const(p->consts[a[0]], out);
        fputs(", ", out);
        show_rounding(p, a + 1, out);
        break;
    case OP_DIV_ROUND_STACK: case OP_MUL_ROUND_STACK:
        fprintf(out, "%d %d %d %d %d\t; %s %c ", a[0], a[1], a[2], a[3], a[4], p->nodes[p->inline_node[a[0]]].name,
                op == OP_DIV_ROUND_STACK ? '/' : '*');
        show_const(p->consts[a[1]], out);
        fputs(", ", out);
        show_rounding(p, a + 2, out);
        break;
    case OP_MUL_ROUND_FIELD:
        fprintf(out, "%d %d %d %d\t; * %s, ", a[0], a[1], a[2], a[3], fields[a[0]].name);
        show_rounding(p, a + 1, out);
        break;
    case OP_SUM_LOOKUP1:
        fprintf(out, "%d\t; %s", a[0], p->tables[a[0]].name);
        break;
    case OP_JUMP: case OP_JUMP_FALSE: case OP_AND: case OP_OR:
        fprintf(out, "%d\t; to %d", a[0], next + a[0]);
        break;
    case OP_NEXT:
        fprintf(out, "%d %d\t; done: to %d", a[0], a[1], next + a[1]);
        break;
    case OP_SET_NUM: case OP_SET_INT:
        fprintf(out, "%d %d", a[0], a[1]);
        break;
    case OP_LOOKUP2: case OP_LOOKUP3:
        fprintf(out, "%d\t; %s", a[0], p->schedules[a[0]].name);
        break;
    case OP_LOOKUP1:
        fprintf(out, "%d\t; %s", a[0], p->tables[a[0]].name);
        break;
    case OP_CALL:
        fprintf(out, "%d %d\t; %s", a[0], a[1], p->natives[a[0]].name);
        break;
    case OP_MEMBER_STEP:
        fprintf(out, "%d %d\t; %s of %s", a[0], a[1], a[1] > 0 ? "next" : "previous", p->enums[a[0]].name);
        break;
    case OP_FIRED: {
        const ProgRule *r = &p->rules[a[0]];
        fprintf(out, "%d\t; %s %s", a[0], r->component, r->label ? r->label : "");
        break;
    }
    case OP_RULE_IF_FIELD: {
        const ProgRule *r = &p->rules[a[3]];
        fprintf(out, "%d %d %d %d\t; ", a[0], a[1], a[2], a[3]);
        show_const(p->consts[a[0]], out);
        fputs(", + ", out);
        show_const(p->consts[a[2]], out);
        fprintf(out, " if %s: %s %s", fields[a[1]].name, r->component, r->label ? r->label : "");
        break;
    }
    case OP_POLICY:
        fprintf(out, "%d\t; %s", a[0], p->components[a[0]].name);
        break;
    case OP_RULES: {
        const ProgDecision *d = &p->decisions[a[0]];
        fprintf(out, "%d\t; %s: ", a[0], p->components[p->code[d->policy + 1]].name);
        show_const(p->consts[d->start], out);
        fprintf(out, " and the %d rule%s below, in one: to %d", d->nrules, d->nrules == 1 ? "" : "s", d->policy + 2);
        break;
    }
    case OP_COVER_ROW:
        fprintf(out, "%d %d\t; rows of %s", a[0], a[1], p->schedules[a[1]].name);
        break;
    case OP_COVER_ENTRY:
        fprintf(out, "%d %d\t; entries of %s", a[0], a[1], p->tables[a[1]].name);
        break;
    default:
        for (int i = 0; i < op_operands[op]; i++)
            fprintf(out, "%s%d", i ? " " : "", a[i]);
        break;
    }
}

void disasm_program(const Program *p, FILE *out)
{
    fprintf(out, "; year %s: %d instruction word%s, %d constant%s, stack %d\n", p->year_name, p->ncode, p->ncode == 1 ? "" : "s",
            p->nconsts, p->nconsts == 1 ? "" : "s", p->max_stack);
    for (int n = 0; n < p->nnodes; n++) {
        const ProgNode *node = &p->nodes[n];
        if (node->constant) {
            char buf[FORMAT_MAX];
            size_t len = format_value(node->value, node->type, p->enums, buf, sizeof buf);
            fprintf(out, "\n%s %s = %.*s\t; constant\n", node->kind, node->name, (int)len, buf);
            continue;
        }
        fprintf(out, "\n%s %s:\n", node->kind, node->name);
        for (int pc = node->entry; pc < node->end; pc += 1 + op_operands[p->code[pc]]) {
            fprintf(out, "%6d  %-12s ", pc, op_names[p->code[pc]]);
            show_operands(p, p->code, pc, out);
            fputc('\n', out);
        }
    }
    fprintf(out, "\noutputs:\n");
    for (int pc = p->outputs_entry, block = 0; pc < p->ncode; pc += 1 + op_operands[p->code[pc]]) {
        if (block < p->ninline && (pc == p->outputs_entry || pc == p->inline_end[block - 1])) {
            fprintf(out, "  ; %s, left at stack %d\n", p->nodes[p->inline_node[block]].name, block);
            block++;
        }
        fprintf(out, "%6d  %-12s ", pc, op_names[p->code[pc]]);
        show_operands(p, p->code, pc, out);
        fputc('\n', out);
        if (p->code[pc] == OP_STOP)
            break;
    }
}

void disasm_opcodes(FILE *out)
{
    fprintf(out, "%-20s %s  %s\n", "instruction", "operands", "effect (S is the stack, top last; A, B, ... the operands)");
    for (int op = 0; op < OP__COUNT; op++)
        fprintf(out, "%-20s %8d  %s\n", op_names[op], op_operands[op], op_effects[op]);
}
