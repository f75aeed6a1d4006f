/* peephole.h: fusing instruction sequences in a compiled Program. */
#ifndef TERMS_PEEPHOLE_H
#define TERMS_PEEPHOLE_H

#include "arena.h"
#include "program.h"

/* Rewrites p's code with the fused instructions of opcodes.h, which do what
 * the sequences they replace did, in fewer dispatches; the new code lives
 * in arena. */
void peephole(Program *p, Arena *arena);

#endif
