/* evaluate.h: a contract year for every employee of a roster, as `terms
 * eval` runs it: each row evaluated, the outputs of the rows written in
 * roster order, on this thread or on several.
 *
 * An evaluation is opened (the roster's header read and checked), run
 * into an Output, then settled: the output committed if every row
 * succeeded, else aborted.  The caller opens the Output between the first
 * two steps, so a roster whose header is bad leaves no output begun; and
 * reports the run between the last two, so its messages come before the
 * rows a stream still holds.
 *
 * Whatever the roster holds, the rows written, the messages and the
 * result are the same for any number of threads.
 *
 * Ownership: an Evaluation borrows the Program and the RosterSource's
 * path until eval_close; eval_rows borrows the Output and the messages
 * stream for the call.
 */
#ifndef TERMS_EVALUATE_H
#define TERMS_EVALUATE_H

#include <stdio.h>

#include "engine.h"
#include "output.h"

enum {
    EVAL_MAX_REPORTED = 10,   /* row errors written to the messages stream; the rest only counted */
    EVAL_MAX_JOBS = 64,
    EVAL_PROGRESS_ROWS = 4096, /* a power of two: how often one job reports progress */
};

/* What a run found. */
typedef struct {
    long rows;              /* rows evaluated */
    long failures;          /* of them, rows whose figures could not be computed */
    long written;           /* rows given to the output: those before the first failure */
    long reported;          /* failures written to the messages stream: the first EVAL_MAX_REPORTED */
    bool bad_row;           /* a row the reader refused (or a second row with an id) stopped the run */
    char error[1024];       /* the reader's message for it, one line */
    bool write_failed;      /* writing to the output failed, with errno write_errno */
    int write_errno;
} EvalResult;

typedef struct Evaluation Evaluation;

/* Opens roster for p's records and checks its header, to be read on jobs
 * threads (1: this one; at most EVAL_MAX_JOBS; always 1 if p's employee
 * has records, which are read in step with the roster).  NULL with e filled:
 * FAIL_READ (text: why it cannot be opened) or FAIL_ROSTER. */
Evaluation *eval_open(const Program *p, const RosterSource *roster, int jobs, EngineError *e);

/* Evaluates every row into out, which has p's outputs: nothing more once a
 * row has failed (a stream has then had the rows before it), and nothing
 * after a bad row or a failed write.  Each failure's message, the first
 * EVAL_MAX_REPORTED of them, goes to messages as it is found, one line:
 *   roster.csv:LINE: row N (id T0012): error: division by zero in `daily_rate` */
void eval_rows(Evaluation *ev, Output *out, FILE *messages, EvalResult *res);

/* After eval_rows, for a Program compiled with coverage probes
 * (compile_covered): how many times the rows reached each probe
 * ([p->nprobes]), added up over every thread, the same for any number
 * of jobs when the run went to the end of the roster; NULL for a Program
 * without probes or a run that evaluated no row.  Valid until eval_close. */
const uint64_t *eval_counts(const Evaluation *ev);

/* Before eval_rows: progress(ctx, rows, total) is called as the run goes
 * on, every EVAL_PROGRESS_ROWS rows on one job, at each piece written on
 * several; total is the roster's rows as estimated from the bytes read so
 * far of a file (0: not known, as for standard input). */
void eval_progress(Evaluation *ev, void (*progress)(void *ctx, long rows, long total), void *ctx);

void eval_close(Evaluation *ev);

/* Commits out if every row of res succeeded and was written, else aborts
 * it; either way out is freed.  Whether the run succeeded: false if a row
 * failed, a write failed, or the commit did (then with its message in err,
 * else err is ""). */
bool eval_settle(Output *out, const EvalResult *res, char *err, size_t cap);

#endif
