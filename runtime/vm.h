/* vm.h: evaluates a Program for one employee at a time.
 *
 * A VM is made once per Program (and per thread); vm_run then allocates
 * nothing.  Values are computed lazily: vm_run computes the outputs and
 * whatever they need, vm_value any node on demand, and each node at most
 * once per row.
 */
#ifndef TERMS_VM_H
#define TERMS_VM_H

#include "program.h"

typedef struct VM VM;

VM *vm_new(const Program *p);
void vm_free(VM *vm);

/* Starts a new row: record stays the caller's and must hold until the row
 * is done.  It is the record of the year before too (last_year( ) in
 * `terms eval`: the same row, in the year before's terms), unless
 * vm_begin_last_year says otherwise. */
void vm_begin(VM *vm, const Value *record);

/* For last_year( ): the employee's record in the year before, when it is
 * not the same as this year's (costing: the record before `each year:`
 * moved it on); call after vm_begin.  And the VM that computes the year
 * before (NULL if the program reads none), for `terms explain`. */
void vm_begin_last_year(VM *vm, const Value *record);
VM *vm_last_year(VM *vm);

/* Value of node (a ProgNode index) for the current row.  On failure returns
 * false and vm_error says why, naming the definition or rule: "division by
 * zero in `daily_rate`". */
bool vm_value(VM *vm, int node, Value *out);

/* Every output of the current row: the i-th pointer says where output
 * i's value is, until the next vm_begin; NULL if the row failed. */
const Value *const *vm_outputs(VM *vm);

/* vm_begin(vm, record), then vm_outputs(vm): one call a row. */
const Value *const *vm_row(VM *vm, const Value *record);

/* vm_row for the writer (output_row) alone: the outputs as lane_row gives
 * them when the lane can run the row (an amount in cents as its cents
 * over 100, not in lowest terms), else vm_row's. */
const Value *const *vm_row_to_write(VM *vm, const Value *record);

const char *vm_error(const VM *vm);

/* Fixes node's value for the current row: what uses the node sees v, and
 * the node is not computed.  (An example's `given` is compiled in instead:
 * compile_example.) */
void vm_fix(VM *vm, int node, Value v);

/* Moves the current row's record to the next contract year as the
 * contract's `each year:` says: computes every binding from the record as
 * it is, then writes them all into record (the array given to vm_begin,
 * which must not be const for this).  A value outside the range its field
 * declares is a failure, and leaves record as it was. */
bool vm_advance(VM *vm, Value *record);

/* For `terms explain`: node's value computed again with the loop variable
 * in local slot standing for v (a sum's term for one member: see
 * ProgPart); false as vm_value. */
bool vm_value_for(VM *vm, int node, int slot, Value v, Value *out);

/* Coverage: how many times each of the Program's probes was reached by
 * the rows run on this VM ([p->nprobes]; NULL if the Program has none). */
const uint64_t *vm_counts(const VM *vm);

/* Whether rule r (a ProgRule index) applied in the current row, and
 * whether node has been computed in it (for `terms explain`). */
bool vm_rule_fired(const VM *vm, int rule);
bool vm_node_done(const VM *vm, int node);

#endif
