/* opcodes.c: the tables generated from the one list of instructions in
 * opcodes.h: names, operand counts, jump operands, effects. */
#include "opcodes.h"

const char *const op_names[OP__COUNT] = {
#define OP_NAME(name, n, jump, effect) #name,
    OPCODES(OP_NAME)
#undef OP_NAME
};

const int op_operands[OP__COUNT] = {
#define OP_COUNT(name, n, jump, effect) n,
    OPCODES(OP_COUNT)
#undef OP_COUNT
};

const int op_jump[OP__COUNT] = {
#define OP_JUMP_OPERAND(name, n, jump, effect) jump,
    OPCODES(OP_JUMP_OPERAND)
#undef OP_JUMP_OPERAND
};

const char *const op_effects[OP__COUNT] = {
#define OP_EFFECT(name, n, jump, effect) effect,
    OPCODES(OP_EFFECT)
#undef OP_EFFECT
};
