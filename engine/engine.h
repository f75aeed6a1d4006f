/* engine.h: what the engine's operations share.
 *
 * The engine is the layer above the compiler and the runtime and below the
 * command line: it runs a checked contract over a roster and returns
 * figures (costing.h) or rows (evaluate.h), runs the contract's examples
 * (examples.h) and explains an employee's figures (explain.h).  It
 * prints nothing and exits nowhere: an operation that fails says why in
 * an EngineError, which the command line words and prints.  It keeps no
 * state between calls, so a test can run many operations in one process.
 *
 * Ownership: an operation borrows the Versions and RosterSources it is
 * given for the length of the call (an Evaluation until eval_close);
 * what it returns (a Costing, an Explanation, ...) owns its own memory,
 * except names, which point into the contract (its arena) and so must not
 * outlive the Model (each header says what else it points into).
 */
#ifndef TERMS_ENGINE_H
#define TERMS_ENGINE_H

#include "check.h"
#include "compile.h"
#include "roster.h"

/* One version of a contract as an operation takes it: checked, with the
 * values --set gives.  The operation compiles it (the Programs live in the
 * Model's arena, as compile_program's do). */
typedef struct {
    const char *path;       /* the contract file, as messages name it */
    const Model *m;
    const Override *ov;     /* [nov], borrowed */
    int nov;
} Version;

/* Where a roster comes from: the file path ("-": standard input, which can
 * be read only once), or, when data is not NULL, the bytes data[0..len)
 * (copied before each read, so they can be read any number of times). */
/* A records file (--records NAME=FILE): the records of the employee
 * field NAME (a `list of` a record), one row per record. */
typedef struct {
    const char *field;
    const char *path;
} RecordsSource;

typedef struct {
    const char *path;       /* named in messages either way */
    const char *data;
    size_t len;
    bool allow_duplicate_ids;   /* the roster may give an id several rows (one
                                 * per assignment); else a second is FAIL_ROSTER */
    const RecordsSource *records; /* [nrecords]: one for each records field of the contract */
    int nrecords;
} RosterSource;

/* Whether schema has a field of records (read from a file of its own). */
bool schema_has_records(const RecordSchema *schema);

/* Why an operation failed.  The command line words each kind; the fields a
 * kind does not mention are zero.  Its pointers point into what the
 * operation was given (the Version, its Model, the RosterSource), so it is
 * read while those are there. */
typedef enum {
    FAIL_READ,        /* the roster file cannot be opened (roster; text: why, as strerror says it) */
    FAIL_READ_TWICE,  /* the roster is standard input but must be read once per version (roster) */
    FAIL_ROSTER,      /* a bad header or row: text is the reader's whole message */
    FAIL_EVAL,        /* an employee's figures: text is the VM's message, in version's year */
    FAIL_ADVANCE,     /* moving an employee on from version's year: text is the VM's message */
    FAIL_SUM,         /* the sum of name (NULL: of FTE) over the roster is too large; with
                       * no row, an employee's change in name over the years (cost_compare) */
    FAIL_TOTAL,       /* version has no amount name to be an employee's total */
    FAIL_FTE,         /* version has no number name to count as FTE */
    FAIL_HOURS,       /* version has no number name to count as hours worked */
    FAIL_TURNOVER,    /* version has no whole-number field name with a range that holds count */
    FAIL_HEADCOUNT,   /* two costings over one roster gave count and other employees */
    FAIL_NO_ID_FIELD, /* version's employee record has no text field to find an employee by */
    FAIL_NO_EMPLOYEE, /* no row of the roster has the id asked for (roster, name: the id field, id) */
    FAIL_TWO_ROWS,    /* two rows have it (roster, name, id; row and line: the first;
                       * next_row and next_line: the second) */
    FAIL_YEARS,       /* version (a baseline) lacks the year name, but has next_year after it */
    FAIL_GROUPS,      /* more than COST_MAX_GROUPS values of the field name (roster, row, line: where) */
    FAIL_UNKNOWN_ITEM, /* a list member (id) in column name, first at row and line, that
                        * none of the contracts costed knows (text: their paths, ", " between) */
    FAIL_TEMP,        /* a costing's temporary file cannot be made or written (text: why) */
} FailKind;

typedef struct {
    FailKind kind;
    const char *roster;          /* the roster's path */
    long line, row;              /* FAIL_EVAL, FAIL_ADVANCE, FAIL_SUM: where in the roster */
    const Version *version;      /* the version it happened in (the caller's pointer) */
    const char *year;            /* FAIL_EVAL, FAIL_ADVANCE: the contract year's name */
    const char *name;
    const char *next_year;       /* FAIL_ADVANCE: the year moved on to */
    char who[160];               /* FAIL_EVAL, FAIL_ADVANCE, FAIL_SUM: the row, as describe_row words it */
    long count, other;           /* FAIL_HEADCOUNT */
    const char *id;              /* FAIL_NO_EMPLOYEE, FAIL_TWO_ROWS */
    long next_row, next_line;    /* FAIL_TWO_ROWS */
    char text[1024];
} EngineError;

/* The node of the definition or component called name in every Program
 * compiled from m (definitions are nodes 0 .. m->ast->defs.n - 1, then the
 * components), or -1 if m has none of that name. */
int model_node_named(const Model *m, const char *name);

/* A roster being read: the reader and the file or copy under it. */
typedef struct {
    Roster *r;
    FILE *f;                /* opened here; NULL for standard input and memory */
    char *copy;             /* the copy of a source's data the reader reads in place */
} OpenRoster;

/* "row 12 (id T0012)": the row r has just read into record, with its id
 * when p's record has one, for messages. */
void describe_row(const Program *p, const Roster *r, const Value *record, char *buf, size_t cap);

/* Opens src for records of schema (reading its header); false with e
 * filled (FAIL_READ, FAIL_ROSTER), and nothing left to close. */
bool roster_source_open(const RosterSource *src, const RecordSchema *schema, OpenRoster *o, EngineError *e);
void roster_source_close(OpenRoster *o);

/* src's file, opened to read ("-": standard input); NULL with e filled
 * (FAIL_READ).  Not for a source in memory. */
FILE *roster_source_file(const RosterSource *src, EngineError *e);

/* Whether src can be read more than once (it is not standard input). */
bool roster_source_rereadable(const RosterSource *src);

#endif
