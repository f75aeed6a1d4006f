/* ast.h: the syntax tree of a contract, as the parser builds it.
 *
 * A Contract owns everything below it through its arena.  Source positions
 * are byte offsets (Span); diag.c turns them into line:column when printing.
 * A values file's declarations replace the contract's (values.c) and the
 * checker fills in the annotations marked "checker" (and turns `$a / $b`
 * into E_PERYEAR); after checking nothing changes the tree: the compiler
 * keeps what it works out in its own tables, and only allocates in the
 * Contract's arena, where the Programs it makes live.
 */
#ifndef TERMS_AST_H
#define TERMS_AST_H

#include <stdbool.h>
#include <stdint.h>
#include "arena.h"
#include "rat.h"
#include "value.h"

typedef struct {
    uint32_t start, end; /* byte offsets, end exclusive */
} Span;

typedef struct {
    const char *s;
    Span at;
} Name;

typedef enum {
    E_INT,      /* 12          num */
    E_DEC,      /* 0.0035      num; 3% too (percent set), which is 3/100 */
    E_MONEY,    /* $3,934      num */
    E_BLANK,    /* $___ (num 1: an amount) or ___ (num 0: a number) */
    E_BOOL,     /* yes / no    num.n is 1 or 0 */
    E_TEXT,     /* "..."       name */
    E_DATE,     /* 2017-07-01  num.n is days since 1970-01-01 */
    E_NAME,     /* a field, definition, component, param, enum member...  name */
    E_NEG,      /* -a */
    E_NOT,      /* not a */
    E_BINARY,   /* a op b */
    E_IN_RANGE, /* a in b..c */
    E_IN,       /* a in b        (b a list or an enum set) */
    E_SET,      /* [x, y, z]     args */
    E_IF,       /* if a then b else c */
    E_CALL,     /* name(args) */
    E_COMPREH,  /* name(a for var in b if c) */
    E_INDEX,    /* name[args] */
    E_PERYEAR,  /* $3,100 / $3,200  args, one per contract year (made by the checker) */
    E_NA,       /* N/A, a schedule cell no one may be placed in */
    E_FIELD_OF, /* s.minutes: name the record (a comprehension's variable), var the field */
    E_ERROR,    /* what the parser skipped after a syntax error */
} ExprKind;

typedef enum {
    OPB_ADD, OPB_SUB, OPB_MUL, OPB_DIV,
    OPB_IDIV, OPB_MOD, /* `div` and `mod`: whole numbers, floored */
    OPB_EQ, OPB_NE, OPB_LT, OPB_LE, OPB_GT, OPB_GE,
    OPB_AND, OPB_OR,
} BinOp;

/* What a name refers to, once the checker has resolved it. */
typedef enum {
    REF_NONE,
    REF_FIELD,     /* index into Contract.fields */
    REF_PARAM,     /* index into Contract.params */
    REF_DEF,       /* index into Contract.defs */
    REF_COMPONENT, /* index into Contract.components */
    REF_MEMBER,    /* member index of enum type.enum_id */
    REF_LOCAL,     /* a comprehension variable: index of its slot */
    REF_SCHEDULE,  /* index into Contract.schedules */
    REF_TABLE,     /* index into Contract.tables */
    REF_BUILTIN,   /* index into the built-in table */
    REF_YEAR,      /* contract_year */
    REF_UNIT,      /* `cents` / `dollars` as an argument to round(): ref_index 2 or 0 */
    REF_FUNCTION,  /* E_CALL of a function the contract writes: index into Contract.functions */
    REF_LAST_YEAR, /* E_CALL last_year(x): ref_index is x's node (definitions, then components) */
    REF_RETRO,     /* E_CALL retro(x): likewise */
} RefKind;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    Span at;
    BinOp op;
    bool parens;       /* written inside ( ) */
    bool percent;      /* E_DEC written as a percent, 3% (num is 3/100) */
    Rat num;
    const char *name;  /* E_NAME, E_CALL, E_INDEX, E_COMPREH (the function), E_TEXT */
    const char *var;   /* E_COMPREH: the loop variable */
    Span var_at;
    Expr *a, *b, *c;
    Expr **args;
    int nargs;
    /* checker */
    Type type;
    RefKind ref;
    int ref_index;
    int var_slot;      /* E_COMPREH: the loop variable's slot among the VM's locals */
};

typedef struct {
    Name name;
    const char *display; /* NULL if none */
    bool has_number;     /* `A = 0`: the number it stands for; else one more than the member before (the first: 1) */
    int64_t number;
    Span number_at;
} MemberDecl;

typedef struct {
    Name name;
    VEC(MemberDecl) members;
} EnumDecl;

typedef struct {
    Name name;
    Name type;        /* "integer", "decimal", "money", "text", "date", an enum's name, or (list) a record's */
    bool yesno;
    bool list;        /* list of <type> */
    bool has_range;
    int64_t lo, hi;
    Expr *deflt;      /* `= VALUE`: the value of a roster that has no such column; NULL if none */
    bool optional;    /* `optional TYPE = VALUE`: an empty cell is VALUE too */
    Span optional_at;
    Span at;          /* the whole declaration */
} FieldDecl;

/* `from 2025-10-06`: the day a new value takes effect inside a contract
 * year (compiler/effective.c); before it, the year before's value holds. */
typedef struct {
    int64_t day;      /* days since 1970-01-01 */
    Span at;
} EffectiveDate;
typedef VEC(EffectiveDate) EffectiveDates;
/* record NAME: and its fields, the columns of a second CSV (after the
 * employee's id) with one row per record */
typedef struct {
    Name name;
    VEC(FieldDecl) fields;
    Span at;
} RecordDecl;

typedef struct {
    Name name;
    Expr **values;    /* literals, one per year, or one for every year */
    int nvalues;
    Span values_at;
    const char *cite;
    EffectiveDates from;
} ParamDecl;

typedef struct {
    Expr *key;        /* E_INT or E_NAME */
    Expr *key_to;     /* a schedule row shared by keys key..key_to (12..15), else NULL */
    Expr **cells;     /* literals (a schedule's row) or per-year values (a table's row) */
    int ncells;
    Span at;
} RowDecl;

typedef struct {
    Name name;        /* the derived column */
    Expr *expr;       /* over the other columns' names */
} DerivedDecl;

/* How a year's cells are made from another year's (compiler/derive.c):
 *   "2025-26" = "2024-25" [unrounded] * RATE rounded [half up] to dollars */
typedef struct {
    const char *from;  /* the year (or base block) whose cells are multiplied */
    Span from_at;
    bool unrounded;    /* its figures before its own rounding */
    Expr *rate;        /* numbers and params, + - * / */
    bool rounded;      /* a rounding was written */
    bool has_mode;     /* `half up`...; else the contract's */
    RoundMode mode;
    Span mode_at;
    Expr *unit;        /* E_NAME cents or dollars, or a literal: round to a multiple of it */
    Span at;           /* the whole rule */
} YearRule;

typedef struct {
    const char *year; /* NULL: the block holds for every year */
    Span year_at;
    Name row_title;   /* "step" */
    VEC(Name) columns;
    VEC(RowDecl) rows;
    VEC(DerivedDecl) derived;
    YearRule *rule;   /* a derived year: no rows of its own (derive.c); else NULL */
    bool base;        /* `base "2023-24":` printed figures that are no contract year */
    EffectiveDates from; /* "2025-26" from 2025-10-06: at most one date */
    Name key;         /* the third key's member this grid is for (`ten_month:`); s NULL if none */
} GridDecl;

typedef struct {
    Name name;
    Name row_dim, col_dim; /* by step, lane */
    Name key_dim;          /* a third key whose member picks the grid (by step, lane, months); s NULL if none */
    bool clamp;
    const char *cite;
    VEC(GridDecl) blocks;
} ScheduleDecl;

typedef struct {
    Name name;
    Name key_dim;          /* by Position */
    const char *cite;
    VEC(RowDecl) rows;
    EffectiveDates from;
} TableDecl;

/* What a definition costs the employer beside pay (docs/costing.md, "Total
 * compensation"): a payroll cost that follows wages, or a benefit. */
typedef enum { COST_PAY, COST_ROLL_UP, COST_BENEFIT } CostKind;

typedef struct {
    Name name;
    Expr *expr;
    const char *cite;
    bool one_time;     /* `one-time bonus = ...`: paid once, never carried into another year */
    CostKind cost;     /* `roll-up pension = ...`, `benefit health = ...` */
} DefDecl;

typedef enum { POLICY_ANY, POLICY_AT_MOST_ONE, POLICY_EXACTLY_ONE } Policy;

typedef struct {
    Name component;
    Name label;        /* label.s NULL if none */
    Expr *when;        /* NULL: always applies */
    Expr *amount;
    const char *cite;
    Span at;
} RuleDecl;

typedef struct {
    Name name;
    Policy policy;
    Span policy_at;    /* where the policy was declared, if it was */
    VEC(int) rules;    /* indexes into Contract.rules, in source order */
    bool one_time;     /* `bonus: one-time` */
} ComponentDecl;

typedef struct {
    Name name;
    Expr *expr;
    const char *year;  /* an expectation's "in YEAR", or NULL */
    Span year_at;
    Expr *call;        /* `expect half_hours(90) = 1`: the call expected (name is its text), or NULL */
    int call_node;     /* the checker's: its place among Model.expect_calls */
} Binding;

/* check salary "2025-26" = RULE   (rule: the printed cells against a rule)
 * check salary: EXPR             (expr: true on every row of every year) */
typedef struct {
    Name target;       /* the schedule */
    const char *year;  /* the year audited, with rule */
    Span year_at;
    YearRule *rule;
    Expr *expr;
    const char *cite;
    Span at;
} CheckDecl;

typedef struct {
    const char *title;
    Span at;
    VEC(Binding) given;
    VEC(Binding) expect;
} ExampleDecl;

/* function name(param: type, ...): type = body
 * Each parameter, and the result, is typed as a field is (FieldDecl's
 * name, type, yesno and list; never a range). */
typedef struct {
    Name name;
    VEC(FieldDecl) params;
    FieldDecl result;
    Expr *body;
    const char *cite;
    Span at;           /* the whole declaration */
} FunctionDecl;

/* A top-level declaration, in source order (for the formatter). */
typedef enum {
    ITEM_NONE, ITEM_CONTRACT, ITEM_TERM, ITEM_YEARS, ITEM_ROUNDING, ITEM_ENUM, ITEM_EMPLOYEE, ITEM_PARAM,
    ITEM_SCHEDULE, ITEM_TABLE, ITEM_DEF, ITEM_POLICY, ITEM_RULE, ITEM_OUTPUT, ITEM_EACH_YEAR, ITEM_EXAMPLE,
    ITEM_FUNCTION,
    ITEM_CHECK,
    ITEM_ONE_TIME, ITEM_BEFORE_FIRST, ITEM_PAY_PERIODS, ITEM_SETTLED, /* compiler/effective.c's */
    ITEM_RECORD,
} ItemKind;

typedef struct {
    ItemKind kind;
    int index;         /* in the list of its kind (components for ITEM_POLICY and ITEM_ONE_TIME);
                          for years, employee, output and each year, which a
                          contract may write more than once (the checker
                          refuses it): where this one's entries end */
    Span at;
} ItemRef;

typedef struct {
    Arena arena;
    const char *path;
    const char *title;
    bool has_term;
    int64_t term_start, term_end;  /* days */
    Span term_at;
    VEC(Name) years;
    RoundMode rounding;
    int round_places;              /* 2: cents, 0: dollars */
    Span rounding_at;
    VEC(EnumDecl) enums;
    VEC(FieldDecl) fields;
    Span employee_at;
    VEC(RecordDecl) records;
    bool in_record;                /* the parser is reading a record's fields */
    VEC(ParamDecl) params;
    VEC(ScheduleDecl) schedules;
    VEC(TableDecl) tables;
    VEC(DefDecl) defs;
    VEC(FunctionDecl) functions;
    VEC(RuleDecl) rules;
    VEC(ComponentDecl) components;
    VEC(Name) outputs;
    VEC(Binding) each_year;
    VEC(Binding) before_first;     /* `before the first year: pay = ...`: last_year(pay) in the first year */
    int pay_periods;               /* `pay periods 26`: effective dates weigh by pay periods (0: by days) */
    Span pay_periods_at;
    bool has_settled;              /* `settled 2026-01-15`: when the settlement was reached */
    int64_t settled;
    Span settled_at;
    VEC(ExampleDecl) examples;
    VEC(CheckDecl) checks;
    VEC(Span) comments;    /* every # comment, in source order, for the formatter */
    VEC(ItemRef) items;
    int last_policy;       /* the component the parser last gave a policy */
    Expr *last_unit;       /* the unit of the rounding the parser last read */
    bool grid_open;        /* the parser is reading a schedule block (parser.y grid_for) */
} Contract;

/* A new, empty Contract read from path (which it keeps, not a copy), and
 * its end: the Contract, its arena and all that lives there. */
Contract *contract_new(const char *path);
void contract_free(Contract *c);

/* Builders the parser calls. */
static inline bool blank_is_amount(const Expr *e) { return e->num.n != 0; }
Expr *expr_new(Contract *c, ExprKind kind, Span at);
Expr *expr_binary(Contract *c, BinOp op, Expr *a, Expr *b, Span at);
Expr **expr_list_push(Contract *c, Expr **list, int *n, Expr *e);
ComponentDecl *contract_component(Contract *c, Name name); /* found or added */

const char *binop_text(BinOp op);

#endif
