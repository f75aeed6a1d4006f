#include "disasm.h"

#include "builtins.h"
#include "format.h"

static void show_const(const Program *p, Value v, FILE *out)
{
    /* constants carry no type; show both readings that could apply */
    char buf[64];
    size_t n = v.num.d > 0 ? rat_format(v.num, FORMAT_DECIMAL_PLACES, p->rounding, buf, sizeof buf) : 0;
    if (n > 0)
        fprintf(out, "%.*s", (int)n, buf);
    else
        fprintf(out, "#%lld", (long long)v.i);
}

static void show_operands(const Program *p, const int32_t *code, int pc, FILE *out)
{
    Opcode op = (Opcode)code[pc];
    const int32_t *a = &code[pc + 1];
    int next = pc + 1 + op_operands[op];
    switch (op) {
    case OP_CONST:
        fprintf(out, "%d\t; ", a[0]);
        show_const(p, p->consts[a[0]], out);
        break;
    case OP_BLANK:
        fprintf(out, "%d\t; %s", a[0], p->blanks[a[0]]);
        break;
    case OP_FIELD:
        fprintf(out, "%d\t; %s", a[0], p->schema->fields[a[0]].name);
        break;
    case OP_GET:
    case OP_RETURN:
        fprintf(out, "%d\t; %s", a[0], p->nodes[a[0]].name);
        break;
    case OP_CMP_NUM: case OP_CMP_INT: case OP_CMP_TEXT: {
        static const char *const cmp[] = {"=", "!=", "<", "<=", ">", ">="};
        fprintf(out, "%d\t; %s", a[0], cmp[a[0]]);
        break;
    }
    case OP_JUMP: case OP_JUMP_FALSE: case OP_AND: case OP_OR:
        fprintf(out, "%d\t; to %d", a[0], next + a[0]);
        break;
    case OP_NEXT:
        fprintf(out, "%d %d\t; done: to %d", a[0], a[1], next + a[1]);
        break;
    case OP_SET_NUM: case OP_SET_INT:
        fprintf(out, "%d %d", a[0], a[1]);
        break;
    case OP_LOOKUP2:
        fprintf(out, "%d\t; %s", a[0], p->schedules[a[0]].name);
        break;
    case OP_LOOKUP1:
        fprintf(out, "%d\t; %s", a[0], p->tables[a[0]].name);
        break;
    case OP_CALL:
        fprintf(out, "%d %d\t; %s", a[0], a[1], builtins[a[0]].name);
        break;
    case OP_FIRED: {
        const ProgRule *r = &p->rules[a[0]];
        fprintf(out, "%d\t; %s %s", a[0], r->component, r->label ? r->label : "");
        break;
    }
    case OP_POLICY:
        fprintf(out, "%d\t; %s", a[0], p->components[a[0]].name);
        break;
    default:
        for (int i = 0; i < op_operands[op]; i++)
            fprintf(out, "%s%d", i ? " " : "", a[i]);
        break;
    }
}

void disasm_program(const Program *p, FILE *out)
{
    fprintf(out, "; year %s: %d instructions words, %d constants, stack %d\n", p->year_name, p->ncode, p->nconsts, p->max_stack);
    for (int n = 0; n < p->nnodes; n++) {
        const ProgNode *node = &p->nodes[n];
        if (node->constant) {
            char buf[64];
            size_t len = format_value(node->value, node->type, p->enums, p->rounding, buf, sizeof buf);
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
}
