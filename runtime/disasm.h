/* disasm.h: a Program as text, for `terms disasm` and the compiler's tests. */
#ifndef TERMS_DISASM_H
#define TERMS_DISASM_H

#include <stdio.h>
#include "program.h"

void disasm_program(const Program *p, FILE *out);

/* Every instruction the VM has, with its operand count and its effect, as
 * opcodes.h defines them. */
void disasm_opcodes(FILE *out);

#endif
