/* explain.h: how one employee's figures come about, as a tree that
 * `terms explain` prints as text or JSON.
 *
 * Each output definition or component is a node: its figure, citation
 * and formula; a component's rules, those that applied and those that
 * did not (with the part of the condition that failed); the sums in it
 * member by member and the schedule lookups that clamped; and what it
 * uses: roster values, params, and the definitions and components used,
 * each a node in turn.  Each node is explained once; where it is used
 * again it says so (again) and no more.  Figures are as carried forward:
 * exact, never rounded for show.  The tree holds every text both formats
 * print, so printing it computes nothing.
 *
 * Ownership: an Explanation owns its nodes, arrays and figures
 * (explanation_free).  Its names, kinds, citations and policies point
 * into the Model (its arena), its Excerpts into the source text the
 * request gives: it is read while those are there.
 */
#ifndef TERMS_EXPLAIN_H
#define TERMS_EXPLAIN_H

#include "engine.h"

/* A figure as shown ("$338.595238… (exactly 14221/42)"), and a number's
 * exactly ("14221/42"); or, when !ok, why it cannot be computed. */
typedef struct {
    bool ok;
    const char *shown;      /* or the error */
    const char *exact;      /* NULL: not a number, or !ok */
} Shown;

/* Text as the contract writes it: s[0..len) of a source; s NULL: none. */
typedef struct {
    const char *s;
    int len;
} Excerpt;

typedef struct {
    const char *name;       /* the member */
    bool left_out;          /* the sum's condition is not met for it */
    Shown term;            /* unless left out: its term, or the error computing it (a count of members: none) */
    bool marked;            /* count: it is counted; max, min: it gives the result; any, all: the first that decides */
    bool not_needed;        /* any, all: after the member that decides it, so not looked at (the VM stops there too) */
} SumMember;

typedef enum { PART_SUM, PART_CLAMP, PART_CALL, PART_DERIVED, PART_RANGE } PartKind;

/* An argument of a call: the parameter it is given as, and its value. */
typedef struct {
    const char *param;
    Shown value;
} CallArg;
typedef VEC(SumMember) SumMembers;

/* A sum member by member, a schedule lookup that clamped its row, or one
 * that found a cell of a derived year. */
typedef struct {
    PartKind kind;
    Excerpt source;         /* the sum or the lookup as written */
    /* PART_SUM: a sum, count, max, min, any or all, as aggregate names it */
    const char *aggregate;  /* "sum", "count", "max", "min", "any", "all" */
    const char *var;        /* what stands for a member: `p` of `for p in` */
    Excerpt condition;      /* its `if`, if it has one */
    bool listed;            /* its members could be computed */
    SumMembers members;
    Shown total;           /* !ok: it (or its list) cannot be computed */
    /* PART_CLAMP */
    const char *row_key, *col_key;  /* the schedule's row and column names: "step", "lane" */
    const char *row, *col;  /* the keys looked up, as shown */
    const char *grid;       /* the third key's member whose grid it looked in ("M11"), NULL if none */
    int64_t clamped_to;     /* the row used */
    bool last_row;          /* clamped down to the last row; else up to the first */
    const char *range;      /* PART_RANGE, and PART_CLAMP's row if it is one: the printed row range, "12..15" (else NULL) */
    Shown found;            /* also a call's value and a derived cell's */
    /* PART_CALL */
    const char *function;
    VEC(CallArg) args;
    /* PART_DERIVED (and row_key, col_key, row, col, found): a cell of a
     * year derived from another, its rule and the figures it multiplies */
    const char *year;       /* the derived year */
    const char *rule;       /* "2024-25" * (1 + raise) rounded half up to dollars */
    Shown from, rate, exact;
} ExplainPart;

typedef VEC(ExplainPart) ExplainParts;

typedef struct {
    const char *component;
    const char *label;      /* NULL: known by its number */
    int number;             /* 1-based, within its component */
    bool applied;
    Shown amount;          /* what it adds, or would add */
    Excerpt condition;      /* its `when`, if it has one */
    Excerpt failed;         /* the `and`-ed part of it not met, if it did not apply and one is */
    const char *cite;
    ExplainParts parts;     /* of its amount, if it applied */
} ExplainRule;

typedef struct ExplainNode ExplainNode;

typedef enum { USE_NODE, USE_FIELD, USE_PARAM } UseKind;

/* What a node uses: a definition or component, explained in turn, or an
 * input (a roster value or a param). */
typedef struct {
    UseKind kind;
    ExplainNode *node;      /* USE_NODE */
    const char *name;       /* an input's */
    Shown value;           /* an input's: "$___" if blank, "(none)" an empty list */
    bool blank;             /* a param not agreed yet */
    const char *from;       /* "roster", "records file", "param", "param, --set", "param, from the values
                             * file", "param, blank: not agreed yet" */
} ExplainUse;

struct ExplainNode {
    const char *name;
    const char *kind;       /* "definition" or "component" */
    const char *cite;       /* NULL: none */
    Shown value;
    bool again;             /* explained above: the rest is empty */
    bool component;
    Excerpt formula;        /* a definition's */
    ExplainParts parts;     /* a definition's */
    const char *policy;     /* a component's: "at most one", "exactly one", "every rule that applies" */
    VEC(ExplainRule) rules; /* a component's */
    VEC(ExplainUse) uses;
};

/* An output: a definition or component, or (node NULL) a roster value
 * other than the id. */
typedef struct {
    ExplainNode *node;
    const char *name;
    const char *shown;
} ExplainOutput;

typedef struct {
    const char *id_field;   /* the field an employee is found by: "id" */
    const char *id;
    long row, line;         /* the employee's row and the line it starts on */
    const char *year;       /* the contract year's name: "" if the contract names none */
    const char *error;      /* NULL, or why the row fails as `terms eval` computes it */
    VEC(ExplainOutput) outputs;
    Arena arena;            /* everything above */
} Explanation;

typedef struct {
    const Version *version;
    const Diags *source;    /* the contract's text (and the values file's), as checked */
    int year;               /* 0-based */
    RosterSource roster;    /* its allow_duplicate_ids does not apply: id must name one row */
    const char *id;
} ExplainRequest;

/* Finds the employee whose id is rq->id and explains their outputs in
 * rq->year.  false with e filled: FAIL_NO_ID_FIELD, FAIL_READ, FAIL_ROSTER,
 * FAIL_NO_EMPLOYEE, FAIL_TWO_ROWS.  A row whose figures cannot be
 * computed is explained all the same, with out->error. */
bool explain_employee(const ExplainRequest *rq, Explanation *out, EngineError *e);
void explanation_free(Explanation *x);

#endif
