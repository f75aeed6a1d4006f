/* disasm.h: a Program as text, for `terms disasm` and the compiler's tests. */
#ifndef TERMS_DISASM_H
#define TERMS_DISASM_H

#include <stdio.h>
#include "program.h"

void disasm_program(const Program *p, FILE *out);

#endif
