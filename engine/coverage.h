/* coverage.h: which parts of a contract the examples (`terms test
 * --coverage`) or the employees of a roster (`terms eval --coverage`)
 * reach: every rule that applies, each branch of an `if` taken, each
 * definition computed, and each schedule row and table entry looked up.
 *
 * A Coverage lists every such item of a contract (coverage_new), then
 * gathers what runs reached: coverage_add, once for each Program compiled
 * with probes (compile_covered) and run, with the counts of its probes
 * (vm_counts; the counts of several VMs of one Program, several threads'
 * included, added up first: eval_counts).  coverage_report then writes
 * each item never reached, in source order, and the share reached.
 *
 * Years.  A rule, an `if` and a definition are the same words in every
 * year: each counts once, reached if a run in any year reaches it.  The
 * figures of a schedule or a table are agreed year by year: a row or an
 * entry counts once for each contract year, reached in the years that
 * look it up.  Only the years that some Program was added for count (eval
 * runs one year; test runs them all).
 *
 * Not counted: a definition never computed per row (a constant, the same
 * for everyone), an `if` of an `each year:` line, the members of a list.
 *
 * Ownership: a Coverage borrows the Model until coverage_free.
 */
#ifndef TERMS_COVERAGE_H
#define TERMS_COVERAGE_H

#include <stdio.h>

#include "check.h"
#include "program.h"

typedef struct Coverage Coverage;

Coverage *coverage_new(const Model *m);
void coverage_free(Coverage *cv);

/* Adds counts ([p->nprobes]) of runs of p, a Program compiled from the
 * Coverage's Model by compile_covered, for p's year. */
void coverage_add(Coverage *cv, const Program *p, const uint64_t *counts);

typedef struct {
    int reached, total;
} CoverShare;

typedef struct {
    CoverShare rules, branches, definitions, rows, entries, all;
} CoverSummary;

CoverSummary coverage_summary(const Coverage *cv);

/* Writes each item never reached, one line each, at where the contract
 * (or its values file, d's further source) writes it:
 *   example.terms:98:1: rule `longevity IV` never applies
 * then the summary:
 *   example.terms: coverage: 41 of 47 (87%): rules 12/12, branches 9/11, ...
 * How many items were never reached. */
int coverage_report(const Coverage *cv, const Diags *d, FILE *out);

#endif
