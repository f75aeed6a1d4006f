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


typedef struct {
    Type type;
    Figure *values;    /* [nyears] */
    bool used;
} ParamInfo;

typedef struct {
    Type cell_type;
    bool row_enum;     /* rows keyed by an enum's members rather than by integers */
    int row_enum_id;
    int nrows;
    int64_t *row_keys; /* integer keys, ascending (row_enum: member indexes 0..n-1) */
    int col_enum_id;
    int ncols;         /* the column enum's member count */
    Figure *cells;     /* [year][row][col] */
    bool used;
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
    ScheduleInfo *schedules;
    TableInfo *tables;
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

const char *type_name(const Model *m, Type t);
int find_year(const Model *m, const char *year); /* -1 if not a year */

#endif
