/* opcodes.h: the one list of the VM's instructions.
 *
 * OP(name, operands, jump, effect): every other table (the enum, the names,
 * operand counts and jump operands that `terms disasm` and the peephole pass
 * use) is generated from this list.  jump is the index of the operand that
 * is a relative jump (from the next instruction), -1 if none.  The effect
 * column uses S for the stack, top last; code is an int32 array, each
 * operand one int32 after its opcode.
 */
#ifndef TERMS_OPCODES_H
#define TERMS_OPCODES_H

#define OPCODES(OP) \
    OP(CONST,       1, -1, "S += consts[A]") \
    OP(BLANK,       1, -1, "error: the value needs blank A (blanks[A]), not yet agreed") \
    OP(FIELD,       1, -1, "S += record[A]") \
    OP(GET,         1, -1, "S += slots[A], computing node A first if this row has not (never a constant node)") \
    OP(RETURN,      1, -1, "slots[A] := pop S; resume the node that asked for it") \
    OP(LOCAL,       1, -1, "S += locals[A]") \
    OP(SET_LOCAL,   1, -1, "locals[A] := pop S (an argument of a function, its body written out after)") \
    OP(YEAR,        0, -1, "S += the contract year, 1-based") \
    OP(POP,         0, -1, "pop S") \
    OP(ADD,         0, -1, "b := pop; a := pop; S += a + b") \
    OP(SUB,         0, -1, "b := pop; a := pop; S += a - b") \
    OP(MUL,         0, -1, "b := pop; a := pop; S += a * b") \
    OP(DIV,         0, -1, "b := pop; a := pop; S += a / b (error if b = 0)") \
    OP(DIV_INT,     0, -1, "b := pop; a := pop; S += floor(a / b), a and b whole (error if b = 0)") \
    OP(MOD,         0, -1, "b := pop; a := pop; S += a - b * floor(a / b), a and b whole (error if b = 0)") \
    OP(NEG,         0, -1, "S[top] := -S[top]") \
    OP(NOT,         0, -1, "S[top] := not S[top]") \
    OP(CMP_NUM,     1, -1, "b := pop; a := pop; S += a (A: = != < <= > >=) b, as numbers") \
    OP(CMP_INT,     1, -1, "b := pop; a := pop; S += a (A) b, as members, yes/no or dates") \
    OP(CMP_TEXT,    1, -1, "b := pop; a := pop; S += a (A: = !=) b, as text") \
    OP(IN_RANGE,    0, -1, "hi := pop; lo := pop; x := pop; S += lo <= x <= hi, as numbers") \
    OP(IN_RANGE_INT, 0, -1, "hi := pop; lo := pop; x := pop; S += lo <= x <= hi, as dates") \
    OP(SET_NUM,     2, -1, "x := pop; S += x is one of consts[A .. A+B), as numbers") \
    OP(SET_INT,     2, -1, "x := pop; S += x is one of consts[A .. A+B), as members") \
    OP(IN_LIST,     0, -1, "l := pop; x := pop; S += x is in list l") \
    OP(JUMP,        1,  0, "pc += A") \
    OP(JUMP_FALSE,  1,  0, "if not pop S: pc += A") \
    OP(AND,         1,  0, "if not S[top]: pc += A (keeping it) else pop S") \
    OP(OR,          1,  0, "if S[top]: pc += A (keeping it) else pop S") \
    OP(LOOKUP2,     1, -1, "col := pop; row := pop; S += schedules[A][row, col]") \
    OP(LOOKUP1,     1, -1, "key := pop; S += tables[A][key]") \
    OP(CALL,        2, -1, "args := pop B values; S += natives[A](args)") \
    OP(ROUND,       3, -1, "S[top] := S[top] rounded to B places in mode C by natives[A]") \
    OP(DIV_ROUND,   3, -1, "b := pop; a := pop; S += a / b rounded to B places in mode C by natives[A]") \
    OP(MUL_ROUND,   3, -1, "b := pop; a := pop; S += a * b rounded to B places in mode C by natives[A]") \
    OP(LENGTH,      0, -1, "S[top] := the number of members in list S[top]") \
    OP(ITER,        1, -1, "l := pop; iterator A runs over list l") \
    OP(NEXT,        2,  1, "if iterator A has a next member: locals[A] := it, else pc += B") \
    OP(FIRED,       1, -1, "rule A applied: note it, count it for its component") \
    OP(POLICY,      1, -1, "check the count of rules that applied against component A's policy; reset it") \
    OP(SUM_LOOKUP1, 1, -1, "l := pop; S += the sum of tables[A][m] over the members m of l") \
    OP(STACK,       1, -1, "S += stack[A], where the outputs' code left node inline_node[A]'s value") \
    OP(STOP,        0, -1, "every output's node is computed: stop") \
    /* coverage probes: emitted only when coverage is asked for (compile_covered) */ \
    OP(COVER,       1, -1, "counts[A] += 1: probes[A] was reached") \
    OP(COVER_ROW,   2, -1, "counts[A + the row schedules[B] reads for key S[top-1]] += 1 (none if beyond)") \
    OP(COVER_ENTRY, 2, -1, "counts[A + the entry tables[B] has for key S[top]] += 1 (none if no entry)") \
    OP(LAST_YEAR,   1, -1, "S += node A's value for this employee in the year before (the program's previous)") \
    OP(AS_PAID,     1, -1, "S += node A's value for this employee as paid until the settlement (the program's as_paid)") \
    OP(LOOKUP3,     1, -1, "k := pop; col := pop; row := pop; S += schedules[A] in the grid of member k, at [row, col]") \
    OP(MEMBER_STEP, 2, -1, "S[top] := the member B places after S[top] in enums[A] (B is 1 or -1); error past either end") \
    OP(ITER_ROWS,   1, -1, "r := pop; iterator A runs over the records r") \
    OP(NEXT_ROW,    2,  1, "if iterator A has a next record: locals[A] := it, else pc += B") \
    OP(ROW_FIELD,   2, -1, "S += field B of the record locals[A]") \
    OP(FOLD,        2, -1, "b := pop; a := pop; S += b if it is the first member iterator B folds, else natives[A](a, b)") \
    /* fused by compiler/peephole.c from the sequences their effects spell out */ \
    OP(ADD_CONST,   1, -1, "CONST A; ADD") \
    OP(IF_FIELD,    2,  1, "FIELD A; JUMP_FALSE B") \
    OP(IF_FIELD_CMP, 4, 3, "FIELD A; CONST B; CMP_NUM C; JUMP_FALSE D") \
    OP(IF_FIELD_IN, 4,  3, "FIELD A; CONST B; CONST C; IN_RANGE; JUMP_FALSE D") \
    OP(LOOKUP2_FIELDS, 3, -1, "FIELD A; FIELD B; LOOKUP2 C") \
    OP(LOOKUP1_LOCAL, 2, -1, "LOCAL A; LOOKUP1 B") \
    OP(ADD_STACKS,  2, -1, "STACK A; STACK B; ADD") \
    OP(ADD_STACK,   1, -1, "STACK A; ADD") \
    OP(DIV_ROUND_CONST, 4, -1, "CONST A; DIV_ROUND B C D") \
    OP(MUL_ROUND_FIELD, 4, -1, "FIELD A; MUL_ROUND B C D") \
    OP(SUM_LOOKUP1_FIELD, 2, -1, "FIELD A; SUM_LOOKUP1 B") \
    OP(DIV_ROUND_STACK, 5, -1, "STACK A; CONST B; DIV_ROUND C D E") \
    OP(MUL_ROUND_STACK, 5, -1, "STACK A; CONST B; MUL_ROUND C D E") \
    OP(ADD_STACKS3, 3, -1, "STACK A; STACK B; ADD; STACK C; ADD") \
    /* C is min and D is 2: the field, or the constant if it is below */ \
    OP(MIN_FIELD_CONST, 4, -1, "FIELD A; CONST B; CALL C D") \
    /* an IF_FIELD_CMP or IF_FIELD_IN whose constants are whole: lo and hi are \
     * int64 in two words each, INT64_MIN and INT64_MAX standing for no bound */ \
    OP(IF_FIELD_RANGE, 7, 6, "h := lo <= record[A] <= hi, lo the int64 in words B C, hi in D E; unless h != F: pc += G") \
    /* a component of one rule, `when` a yes/no field, whose policy is not \
     * `exactly one`: its POLICY cannot fail, so it is left out */ \
    OP(RULE_IF_FIELD, 4, -1, "CONST A; IF_FIELD B (to the end); ADD_CONST C; FIRED D; POLICY") \
    /* in place of the CONST that starts a component whose rules test only \
     * with IF_FIELD_RANGE and IF_FIELD: their code stays after it, to read */ \
    OP(RULES,       1, -1, "that CONST, the rules after it and their POLICY, decisions[A], in one; pc := after the POLICY") \
    /* an IF_FIELD_CMP's sequence with CMP_INT in place of CMP_NUM (a member, \
     * yes/no or date, compared as record[A].i), as IF_FIELD_RANGE's range */ \
    OP(IF_INT_RANGE, 7, 6, "h := lo <= record[A].i <= hi, lo the int64 in words B C, hi in D E; unless h != F: pc += G")

typedef enum {
#define OP_ENUM(name, n, jump, effect) OP_##name,
    OPCODES(OP_ENUM)
#undef OP_ENUM
    OP__COUNT
} Opcode;

extern const char *const op_names[OP__COUNT];
extern const int op_operands[OP__COUNT];
extern const int op_jump[OP__COUNT];
extern const char *const op_effects[OP__COUNT];

/* comparison operand of CMP_* */
enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

/* Whether a comparison holds, given order = -1, 0 or 1 (a below, equal to,
 * above b): for the VM and for the compiler's constant folding alike. */
#include <stdbool.h>
static inline bool cmp_holds(int order, int cmp)
{
    /* a table, not a switch: no jump for the VM to mispredict */
    static const bool holds[6][3] = {
        [CMP_EQ] = {0, 1, 0}, [CMP_NE] = {1, 0, 1}, [CMP_LT] = {1, 0, 0},
        [CMP_LE] = {1, 1, 0}, [CMP_GT] = {0, 0, 1}, [CMP_GE] = {0, 1, 1},
    };
    return holds[cmp][order + 1];
}

#endif
