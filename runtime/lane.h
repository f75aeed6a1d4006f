/* lane.h: the outputs' code run on 64-bit integers at one scale (fixed.h),
 * the fast lane of `terms eval`'s rows.
 *
 * A Lane is built for a Program whose outputs' code holds only
 * instructions it runs (numbers, yes/no, members and dates; no text,
 * list but a sum over one, call, loop, year before or coverage probe)
 * and whose figures are all held at cents (past them it does not pay);
 * for any other, lane_new gives NULL and the VM runs every row as
 * before.  On a row, the lane either computes every output exactly as
 * the Rat path would, rules noted as applied included, or gives the row
 * back (NULL) having changed nothing that the Rat path does not set
 * again: a number it cannot hold (not in cents, past the limits), a
 * division whose decimals do not end, a blank or N/A cell, a key beyond,
 * a policy broken, any error.
 */
#ifndef TERMS_LANE_H
#define TERMS_LANE_H

#include "program.h"

typedef struct Lane Lane;

Lane *lane_new(const Program *p);
void lane_free(Lane *l);

/* The outputs of the row record, as vm_row gives them, except that an
 * amount shown in cents comes as its cents over 100, not in lowest terms
 * (which the writer, output_row, reads as it reads any amount), valid
 * until the next call; NULL: the row is given back.  A rule that applies
 * is noted as the VM notes it: fired_gen[rule] = gen. */
const Value *const *lane_row(Lane *l, const Value *record, uint32_t *fired_gen, uint32_t gen);

#endif
