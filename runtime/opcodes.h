/* opcodes.h: the one list of the VM's instructions.
 *
 * OP(name, operands, effect): every other table (the enum, the names and
 * operand counts `terms disasm` prints) is generated from this list.  The
 * effect column uses S for the stack, top last; code is an int32 array,
 * each operand one int32 after its opcode.
 */
#ifndef TERMS_OPCODES_H
#define TERMS_OPCODES_H

#define OPCODES(OP) \
    OP(CONST,       1, "S += consts[A]") \
    OP(BLANK,       1, "error: the value needs blank A (blanks[A]), not yet agreed") \
    OP(FIELD,       1, "S += record[A]") \
    OP(GET,         1, "S += slots[A], computing node A first if this row has not") \
    OP(RETURN,      1, "slots[A] := pop S; resume the node that asked for it") \
    OP(LOCAL,       1, "S += locals[A]") \
    OP(YEAR,        0, "S += the contract year, 1-based") \
    OP(POP,         0, "pop S") \
    OP(ADD,         0, "b := pop; a := pop; S += a + b") \
    OP(SUB,         0, "b := pop; a := pop; S += a - b") \
    OP(MUL,         0, "b := pop; a := pop; S += a * b") \
    OP(DIV,         0, "b := pop; a := pop; S += a / b (error if b = 0)") \
    OP(NEG,         0, "S[top] := -S[top]") \
    OP(NOT,         0, "S[top] := not S[top]") \
    OP(CMP_NUM,     1, "b := pop; a := pop; S += a (A: = != < <= > >=) b, as numbers") \
    OP(CMP_INT,     1, "b := pop; a := pop; S += a (A) b, as members, yes/no or dates") \
    OP(CMP_TEXT,    1, "b := pop; a := pop; S += a (A: = !=) b, as text") \
    OP(IN_RANGE,    0, "hi := pop; lo := pop; x := pop; S += lo <= x <= hi, as numbers") \
    OP(IN_RANGE_INT, 0, "hi := pop; lo := pop; x := pop; S += lo <= x <= hi, as dates") \
    OP(SET_NUM,     2, "x := pop; S += x is one of consts[A .. A+B), as numbers") \
    OP(SET_INT,     2, "x := pop; S += x is one of consts[A .. A+B), as members") \
    OP(IN_LIST,     0, "l := pop; x := pop; S += x is in list l") \
    OP(JUMP,        1, "pc += A") \
    OP(JUMP_FALSE,  1, "if not pop S: pc += A") \
    OP(AND,         1, "if not S[top]: pc += A (keeping it) else pop S") \
    OP(OR,          1, "if S[top]: pc += A (keeping it) else pop S") \
    OP(LOOKUP2,     1, "col := pop; row := pop; S += schedules[A][row, col]") \
    OP(LOOKUP1,     1, "key := pop; S += tables[A][key]") \
    OP(CALL,        2, "args := pop B values; S += builtins[A](args)") \
    OP(LENGTH,      0, "S[top] := the number of members in list S[top]") \
    OP(ITER,        1, "l := pop; iterator A runs over list l") \
    OP(NEXT,        2, "if iterator A has a next member: locals[A] := it, else pc += B") \
    OP(FIRED,       1, "rule A applied: note it, count it for its component") \
    OP(POLICY,      1, "check the count of rules that applied against component A's policy; reset it")

typedef enum {
#define OP_ENUM(name, n, effect) OP_##name,
    OPCODES(OP_ENUM)
#undef OP_ENUM
    OP__COUNT
} Opcode;

extern const char *const op_names[OP__COUNT];
extern const int op_operands[OP__COUNT];
extern const char *const op_effects[OP__COUNT];

/* comparison operand of CMP_* */
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

/* Whether a comparison holds, given order = -1, 0 or 1 (a below, equal to,
 * above b): for the VM and for the compiler's constant folding alike. */
#include <stdbool.h>
bool cmp_holds(int order, int cmp);

#endif
