/* program.h: a compiled contract for one contract year, as the VM runs it.
 *
 * The compiler fills it; the VM and the disassembler only read it.  Each
 * definition and component (a "node") has its own code, run lazily the
 * first time a row needs its value, so a value that a row does not need,
 * a blank in it included, is never computed for that row.
 */
#ifndef TERMS_PROGRAM_H
#define TERMS_PROGRAM_H

#include <stdint.h>
#include "opcodes.h"
#include "value.h"

typedef struct {
    const char *name;     /* "longevity" */
    const char *kind;     /* "definition" or "component" */
    const char *cite;
    Type type;
    int entry;            /* offset of its code, or -1 if constant */
    int end;
    bool constant;        /* folded at compile time: slots hold it from the start */
    Value value;          /* its value if constant */
    uint32_t src_start;   /* where it is declared, for messages */
    uint32_t src_end;
    bool one_time;        /* `one-time`: paid once (costing reports it apart) */
} ProgNode;

typedef struct {
    const char *component;
    const char *label;    /* NULL: "rule N" */
    int number;           /* 1-based position within its component */
    const char *cite;
    /* for `terms explain` only (compile_explained), else -1 and 0: nodes
     * computing the rule's amount and each `and`-ed part of its condition */
    int amount_node;
    int first_condition, nconditions;
} ProgRule;

/* For `terms explain` only (compile_explained): a part of a definition or
 * of a rule's amount that it shows piece by piece, and the nodes computing
 * the pieces.  A lookup in a schedule that clamps: the lookup (whole) and
 * its row and column keys, and its third key (grid), which picks the grid,
 * if it has one.  A sum: the sum, its list, and its term and
 * condition (-1 if none), which vm_value_for computes for one member at a
 * time, standing in local `slot`.  A call of a function the contract
 * writes: the call (whole) and its arguments, in nodes args, args + 1...
 * Pieces a part has not are -1. */
typedef struct {
    const void *expr;     /* the part's Expr, which explain finds it by */
    int whole;
    int row, col, grid;
    int list, term, cond, slot;
    int args;
} ProgPart;

/* A built-in function the VM calls (CALL, and ROUND and its fused forms
 * for the name in a message).  args[0..nargs) are the evaluated arguments;
 * mode is the contract's rounding.  A failure is a RatStatus the VM
 * reports with the rule and the employee. */
typedef RatStatus (*NativeFn)(const Value *args, int nargs, RoundMode mode, Value *out);

typedef struct {
    const char *name;     /* "round" */
    NativeFn fn;          /* NULL for sum, count, any and all, compiled to loops */
} Native;

typedef enum { POL_ANY, POL_AT_MOST_ONE, POL_EXACTLY_ONE } ProgPolicy;

typedef struct {
    const char *name;
    ProgPolicy policy;
    int first_rule, nrules; /* in ProgRule order: a component's rules are contiguous */
} ProgComponent;

/* RULES: a component whose rules each add a constant when every test of
 * its condition holds, and whose tests are all of a field: a whole range
 * (IF_FIELD_RANGE) or a yes/no (IF_FIELD).  compiler/peephole.c finds
 * them in the code; RULES runs them from here in one instruction. */
typedef struct {
    int field;
    bool yes_no;          /* holds if the yes/no field is yes; else: */
    bool negate;          /* holds if lo <= field <= hi is not negate */
    bool is_int;          /* the field a member, yes/no or date (IF_INT_RANGE), read as .i */
    int64_t lo, hi;
} ProgTest;

typedef struct {
    int first;            /* its tests: tests[first .. first + ntests) */
    int ntests;
    int amount;           /* the consts index of what it adds */
    int rule;             /* what FIRED notes */
} ProgDecisionRule;

typedef struct {
    int64_t lo;
    uint64_t span;
} ProgKeyRange;

typedef struct {
    int start;            /* the consts index of the sum's start (0) */
    const ProgDecisionRule *rules;
    int nrules;
    const ProgTest *tests;
    int policy;           /* the code offset of the component's POLICY */
    /* the number of rules applied that POLICY lets pass without a look,
     * from least to most (1 always), and the code past it */
    int least, most;
    int after;
    /* Every rule's first test is of this field, a whole range, none two
     * overlapping: for a whole value, at most one rule can apply, the
     * one whose range holds it, rule i's from keys[i].lo to keys[i].lo +
     * keys[i].span. */
    int key_field;
    bool key_int;         /* its tests IF_INT_RANGE's: the key read as .i, always whole */
    const ProgKeyRange *keys; /* [nrules] */
    /* When the ranges span few keys: for key index_lo + i, 1 + the rule
     * whose range holds it, or 0, in index[i] (i < nindex); past them,
     * 1 + the rule open above (or 0) in above; below, none.  nindex 0:
     * no index, keys[] scanned. */
    int64_t index_lo;
    uint64_t nindex;
    const uint8_t *index;
    int above;
} ProgDecision;

typedef struct {
    const char *name;
    bool row_enum;
    int64_t first_row;    /* key of row 0 (integer rows are contiguous) */
    int nrows, ncols;
    bool clamp;
    const EnumDef *row_enum_def, *col_enum;
    const Figure *cells; /* [grid][row][col], this year's */
    const EnumDef *grid_enum; /* a third key's enum, whose member picks the grid (LOOKUP3); NULL if none */
} ProgSchedule;

typedef struct {
    const char *name;
    bool key_enum;
    const EnumDef *key_enum_def;
    int nkeys;
    const int64_t *keys;
    const Figure *cells; /* [key], this year's */
} ProgTable;

/* What a BLANK instruction stands for, for the message a row that needs
 * it fails with. */
typedef struct {
    const char *what;     /* "param `lead_teacher`", "an amount of `x`" */
    const char *set;      /* a param's --set argument, "lead_teacher=$…"; NULL for another blank */
} ProgBlank;

/* For coverage only (compile_covered): what a probe counts.  A COVER
 * instruction counts probe A; COVER_ROW and COVER_ENTRY count one probe
 * of a run of them, one per row of a schedule or entry of a table. */
typedef enum {
    PROBE_RULE,           /* index: the rule (Contract.rules) applied */
    PROBE_THEN,           /* at: an `if`'s `then` value (its start) was taken */
    PROBE_ELSE,           /* at: its `else` value was (not written for an `else if`) */
    PROBE_DEF,            /* index: the definition was computed */
    PROBE_ROW,            /* index: the schedule, key: the row read */
    PROBE_ENTRY,          /* index: the table, key: the entry read */
} ProbeKind;

typedef struct {
    ProbeKind kind;
    uint32_t at;
    int index, key;
} ProgProbe;

typedef enum { OUT_FIELD, OUT_NODE, OUT_CONST } OutKind;
typedef struct {
    const char *name;
    Type type;
    OutKind kind;
    int index;            /* field index or node index */
    Value value;          /* OUT_CONST */
} ProgOutput;

typedef struct Program Program;
struct Program {
    int year;             /* 0-based contract year */
    const char *year_name;
    RoundMode rounding;
    int round_places;
    int32_t *code;
    int ncode;
    const Native *natives; /* the built-ins, by the index CALL and ROUND name them with */
    int nnatives;
    Value *consts;
    int nconsts;
    const ProgBlank *blanks;
    int nblanks;
    ProgNode *nodes;
    int nnodes;
    ProgRule *rules;
    int nrules;
    ProgPart *parts;
    int nparts;
    ProgComponent *components;
    int ncomponents;
    const ProgDecision *decisions; /* RULES A runs decisions[A] */
    int ndecisions;
    ProgSchedule *schedules;
    int nschedules;
    ProgTable *tables;
    int ntables;
    const Figure *params; /* [nparams]: each param's value this year, after --set and `given` */
    int nparams;
    ProgOutput *outputs;
    int noutputs;
    int outputs_entry;    /* code computing every OUT_NODE output in one run, for a row
                           * none of whose nodes is computed yet */
    /* That code computes node inline_node[i] in the code up to
     * inline_end[i], and leaves its value at stack[i], there to stay. */
    int *inline_node;
    int *inline_end;
    int ninline;
    /* `each year:`: the field each binding sets and the node computing its
     * next-year value (computed from this year's record) */
    int *advance_field;
    int *advance_node;
    int nadvance;
    /* the node computing each call an example expects (`expect f(90) = 1`):
     * expect_calls + its Binding's call_node */
    int expect_calls;
    /* coverage: what each count of the COVER instructions counts (none
     * unless compile_covered made the Program) */
    ProgProbe *probes;
    int nprobes;
    int nlocals;
    const char **local_names; /* [nlocals]: a function's parameter, "minutes of half_hour_pay"; NULL: a loop variable */
    int max_stack;
    const RecordSchema *schema;
    const EnumDef *enums;
    int id_field;
    /* the year before, compiled alike, where LAST_YEAR computes
     * last_year(x); NULL in the first year or if nothing reads it */
    const Program *previous;
    /* the same year as paid until the settlement (`settled DATE`), where
     * AS_PAID computes retro(x)'s second part; NULL if there is none */
    const Program *as_paid;
};

#endif
