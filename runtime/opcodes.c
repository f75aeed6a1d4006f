#include "opcodes.h"

const char *const op_names[OP__COUNT] = {
#define OP_NAME(name, n, effect) #name,
    OPCODES(OP_NAME)
#undef OP_NAME
};

const int op_operands[OP__COUNT] = {
#define OP_COUNT(name, n, effect) n,
    OPCODES(OP_COUNT)
#undef OP_COUNT
};

const char *const op_effects[OP__COUNT] = {
#define OP_EFFECT(name, n, effect) effect,
    OPCODES(OP_EFFECT)
#undef OP_EFFECT
};

bool cmp_holds(int order, int cmp)
{
    switch (cmp) {
    case CMP_EQ: return order == 0;
    case CMP_NE: return order != 0;
    case CMP_LT: return order < 0;
    case CMP_LE: return order <= 0;
    case CMP_GT: return order > 0;
    default: return order >= 0;
    }
}
