/* examples.h: a contract's `example` blocks, run as `terms test` runs
 * them: the example's record and params set up as its `given` says, the
 * contract year evaluated, and each `expect` compared with what the
 * contract computes.  Money is compared to the cent, or to as many places
 * as the example writes if it writes more ($29.9592: 4); a decimal to as
 * many places as the example writes (0.333 has 3), unless it is whole.
 *
 * An ExampleRun is an example ready in one year, whose VM gives the
 * value of any definition or component (what an editor shows when a name
 * is pointed at); example_check runs the expects over one.
 *
 * Ownership: an ExampleRun owns its VM, record and overrides
 * (example_end); its Program lives in the Model's arena, as
 * compile_program's do.  An ExampleResult owns its texts
 * (example_result_free); its expects point into the contract.  Both are
 * read while the Model is there.
 */
#ifndef TERMS_EXAMPLES_H
#define TERMS_EXAMPLES_H

#include "coverage.h"
#include "engine.h"
#include "vm.h"

/* An example made ready to run in one contract year. */
typedef struct {
    const Model *m;
    const ExampleDecl *ex;
    int year;
    const Program *p;       /* compiled for the year with the params the example gives */
    VM *vm;                 /* begun on record, with the definitions and components it gives fixed */
    Value *record;          /* [m->schema.nfields]: the fields it gives; the others 0, their range's
                             * low end, or "" */
    Override *ov;           /* [nov]: the params it gives */
    int nov;
    Arena arena;            /* the lists it gives */
} ExampleRun;

void example_begin(const Model *m, const ExampleDecl *ex, int year, ExampleRun *run);

/* The value of a constant an example writes (the checker made sure it is
 * one), a list's members in arena; and what a field an example does not
 * give holds (its range's low end, 0, or empty text). */
Value example_constant(Arena *arena, const Expr *e);

/* The value an example gives field f: example_constant, or for a list of
 * records, the records it writes (each field it leaves out at its default
 * or example_default), in arena. */
Value example_field(Arena *arena, const Model *m, int f, const Expr *e);
Value example_default(const FieldDef *f);
void example_end(ExampleRun *run);

/* The value of name in the run and its type: a definition or component
 * as computed, a field as the record has it, a param as given or as this
 * year's.  false if it cannot be computed, with the VM's message in
 * *error; false with *error NULL if the contract has nothing of that name
 * (then *v and *t are left as they were). */
bool example_value(ExampleRun *run, const char *name, Value *v, Type *t, const char **error);

/* One `expect` in one year. */
typedef struct {
    const Binding *expect;  /* its name (and where it is: expect->name.at) and its figure */
    bool passed;
    bool computed;          /* false: the figure cannot be computed, and actual says why */
    char *expected;         /* as shown (format_display) */
    char *actual;           /* as shown, or the error */
    int places;             /* compared to: 2 (money; more if the example writes more), the places the example writes (a number
                             * that is not whole), or -1 (compared exactly) */
} ExpectResult;

typedef struct {
    int year;
    const char *year_name;  /* the Program's: "" if the contract names no years */
    ExpectResult *expects;  /* [nexpects]: those that check this year (they name it, or none), in order */
    int nexpects;
    int failed;
} ExampleResult;

/* Runs ex in year and compares each of its expects for the year; source
 * is the contract's text, which says how many places an expected
 * decimal is written with.  Returns how many failed. */
int example_check(const Model *m, const Diags *source, const ExampleDecl *ex, int year, ExampleResult *out);

/* The same, adding to cv (of m) what the example reaches in year: the
 * rules, branches, definitions, rows and entries its expects need. */
int example_check_covered(const Model *m, const Diags *source, const ExampleDecl *ex, int year, Coverage *cv, ExampleResult *out);
void example_result_free(ExampleResult *r);

#endif
