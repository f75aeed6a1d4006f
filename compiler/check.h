/* check.h: the checker.  It resolves every name, gives every expression a
 * type, lays out params, schedules and tables per contract year, orders the
 * definitions by dependency, and proves the components' policies.  The
 * result, a Model, is what the compiler reads: it never needs to look a
 * name up again.
 */
#ifndef TERMS_CHECK_H
#define TERMS_CHECK_H

#include "ast.h"
#include "diag.h"
#include "opcodes.h"


typedef struct {
    Type type;
    Figure *values;    /* [nyears]; a computed param's as the contract sets its parts */
    bool used;
    bool computed;     /* its value is a formula over literals and other params */
    bool percent;      /* its values are written as percents (3% / 2.5%) */
} ParamInfo;

typedef struct {
    Type cell_type;
    bool row_enum;     /* rows keyed by an enum's members rather than by integers */
    int row_enum_id;
    int nrows;
    int64_t *row_keys; /* integer keys, ascending (row_enum: member indexes 0..n-1) */
    int col_enum_id;
    int ncols;         /* the column enum's member count */
    int grid_enum_id;  /* a third key's enum, whose member picks the grid; -1 if none */
    int ngrids;        /* its member count, 1 if none */
    Figure *cells;     /* [year][grid][row][col] */
    bool used;
    /* derive.c, when a block is a derived year or a base block (else NULL):
     * each block's contract year (-1: a base block), the block its rule
     * multiplies (-1: printed), and its figures before its rounding (a
     * derived year's) or its figures (a base block's), [row][col] */
    int *block_year;
    int *block_source;
    Figure **block_exact;
} ScheduleInfo;

typedef struct {
    Type value_type;
    bool key_enum;
    int key_enum_id;
    int nkeys;
    int64_t *keys;     /* integer keys ascending, or member indexes 0..n-1 */
    Figure *cells;     /* [year][key] */
    bool used;
} TableInfo;

/* A function the contract writes: its result's and parameters' types, and
 * the local slot each parameter stands in while its body runs, written
 * out at each call. */
typedef struct {
    Type result;
    Type *params;      /* [nparams] */
    int *slots;        /* [nparams] */
    int nparams;
    bool used;
} FunctionInfo;

/* Something the VM computes, in the order it must compute it. */
typedef enum { NODE_DEF, NODE_COMPONENT } NodeKind;
typedef struct {
    NodeKind kind;
    int index;
} Node;

typedef struct {
    Contract *ast;     /* not const: the Programs compiled from the Model live in its arena */
    int nyears;
    EnumDef *enums;
    FieldDef *fields;
    RecordSchema schema;
    ParamInfo *params;
    int *param_order;  /* every param, those a computed one uses before it */
    int nparams_ordered;
    ScheduleInfo *schedules;
    TableInfo *tables;
    FunctionInfo *functions;
    Type *def_types;
    Type *comp_types;
    Node *order;       /* every definition and component, dependencies first */
    int norder;
    int nlocals;       /* comprehension variables, each with its own slot */
    int nblanks;       /* blanks anywhere in the contract */
    int id_field;      /* the field that names an employee in messages (-1: none) */
    Expr **outputs;    /* the output's names, resolved */
    int noutputs;
    int *each_year_field; /* for each `each year:` binding, the field it sets */
    int nexpect_calls; /* calls the examples expect (`expect f(90) = 1`), each a node of their Programs */
    RecordSchema *records; /* per record type: its file's columns, the employee's id first */
    int nrecords;
} Model;

typedef struct {
    bool strict;       /* blanks and undecided proofs are errors */
} CheckOptions;

/* Checks c, reporting to d; fills m (its arrays live in c's arena).
 * Returns false if there was any error. */
bool check_contract(Contract *c, Diags *d, CheckOptions opt, Model *m);

/* The component proofs (prove.c), called by check_contract once names and
 * types are resolved. */
void prove_components(const Model *m, Diags *d, bool strict);

/* Warns at each schedule lookup that can reach an N/A cell for an
 * employee the conditions around it let through (prove.c). */
void prove_lookups(const Model *m, Diags *d, bool strict);

/* The instruction that computes a + - * / div or mod b: for the compiler
 * and for param formulas alike, which compute it with ops.h. */
static inline Opcode arith_opcode(BinOp op)
{
    static const Opcode ops[] = {
        [OPB_ADD] = OP_ADD, [OPB_SUB] = OP_SUB, [OPB_MUL] = OP_MUL, [OPB_DIV] = OP_DIV,
        [OPB_IDIV] = OP_DIV_INT, [OPB_MOD] = OP_MOD,
    };
    return ops[op];
}

/* Param `param`'s value in year (0-based) from vals, the values in that
 * year of the params it uses (indexed by param; those before it in
 * param_order are enough): its literal, or its formula computed with
 * ops.h, blank if a part is.  The checker fills ParamInfo.values with it,
 * the compiler its year's values after --set and `given`. */
RatStatus param_compute(const Model *m, int param, int year, const Figure *vals, Figure *out);

const char *type_name(const Model *m, Type t);
int find_year(const Model *m, const char *year); /* -1 if not a year */

#endif
