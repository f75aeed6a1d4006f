/* progress.h: how far a long run has got, on standard error, for a person
 * watching a terminal: rows (or costings) done, the rate, and the time
 * left when the total is known.  Nothing when standard error is not a
 * terminal, when the run is quiet, or in a run's first second; the line
 * is rewritten in place and cleared at the end. */
#ifndef TERMS_PROGRESS_H
#define TERMS_PROGRESS_H

#include <stdbool.h>
#include <time.h>

typedef struct {
    const char *what;           /* "rows", "costings" */
    const char *doing;          /* "costing proposal.terms" */
    bool on;
    bool shown;                 /* a line is on the screen */
    struct timespec start, last;
    long base;                  /* done before this pass (a pass counts from 0) */
    long total;                 /* of the whole run, when known; else 0 */
} Progress;

/* On unless quiet or standard error is not a terminal. */
void progress_start(Progress *p, const char *what, bool quiet);
/* A new pass (a contract costed after another): doing says what it is. */
void progress_pass(Progress *p, const char *doing, long base);
/* done of total (0: not known) so far; ctx is a Progress. */
void progress_update(void *ctx, long done, long total);
void progress_end(Progress *p);

#endif
