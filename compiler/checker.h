/* checker.h: what the checker's files share (check.c: symbols, definitions,
 * order, outputs and examples; check_decls.c: the declarations; check_expr.c:
 * expressions).  Not for use outside the checker. */
#ifndef TERMS_CHECKER_H
#define TERMS_CHECKER_H

#include "check.h"

typedef enum { SYM_NONE, SYM_FIELD, SYM_PARAM, SYM_DEF, SYM_COMPONENT, SYM_SCHEDULE, SYM_TABLE, SYM_ENUM, SYM_FUNCTION } SymKind;

typedef struct {
    const char *name;
    SymKind kind;
    int index;
    Span at;
} Sym;

typedef struct {
    int node;   /* NODE index: defs first, then components */
    Span at;    /* where the reference is written */
} Dep;

typedef VEC(Dep) DepList;


/* A last_year(x) call, and the node it is written in (-1: outside one). */
typedef struct {
    int node;
    Expr *call;
} LastYearUse;

enum { MAX_LOCALS = 16 };
/* How deep check_expr may be when it starts on a definition not checked
 * yet: a definition is checked where it is first used, so a long chain of
 * definitions, each using the next, would otherwise recurse without bound
 * (an expression itself nests at most 256 levels: parser.y). */
enum { MAX_CHECK_DEPTH = 1024 };

typedef struct {
    Contract *c;
    Diags *d;
    Model *m;
    CheckOptions opt;
    Sym *syms;          /* open addressing, power-of-two size */
    int symcap;
    DepList *deps;      /* [ndefs + ncomponents] */
    bool *used;         /* same indexing: referenced from somewhere */
    char *state;        /* same indexing: 0 unchecked, 1 being checked, 2 checked */
    int cur;            /* node being checked, -1 outside definitions */
    struct { const char *name; Type type; int slot; } locals[MAX_LOCALS];
    int nlocals;
    int local_base;     /* locals below this belong to an enclosing definition */
    char *param_state;  /* per param: 0 unchecked, 1 being checked, 2 checked */
    struct { int param; Span at; } *param_path; /* params being checked, each with where it uses the next */
    int param_depth;    /* > 0 while a param's formula is checked */
    int depth;          /* check_expr calls under way */
    bool too_deep;      /* MAX_CHECK_DEPTH was reported */
    int fn;             /* function whose body is being checked, -1 outside one */
    DepList *fn_calls;  /* [nfunctions]: the functions each calls (Dep.node: a function) */
    int *calls_outside; /* [nfunctions]: calls written outside any function */
    Span *first_call;   /* [nfunctions]: the first of them */
    int *fn_height;     /* [nfunctions]: how deep the calls from each nest (check_function_calls) */
    int64_t *fn_size;   /* [nfunctions]: each written out, its calls inlined */
    bool fn_cycle;      /* a function calls itself: the limits are not reported */
    VEC(LastYearUse) last_years; /* every last_year( ) call (last_year.c) */
} Checker;

/* A depth-first walk over deps[0..n) (iterative: the depth of recursion
 * would follow the contract).  cycle is called for each edge back onto the
 * path: path[from..depth] leads to back.node = path[from]; done for each
 * node once everything it reaches is done. */
typedef struct {
    void (*cycle)(Checker *k, const DepList *deps, const int *path, int from, int depth, Dep back);
    void (*done)(Checker *k, int node);
} DepWalk;
void walk_deps(Checker *k, int n, const DepList *deps, const DepWalk *w);
/* Where a uses b in deps, or fallback. */
Span dep_at(const DepList *deps, int a, int b, Span fallback);

typedef struct {
    const char *best;
    int dist;
    const char *target;
} Suggestion;

#define T_ERROR ((Type){TY_ERROR, 0})
#define T_INT ((Type){TY_INTEGER, 0})
#define T_DEC ((Type){TY_DECIMAL, 0})
#define T_MONEY ((Type){TY_MONEY, 0})
#define T_BOOL ((Type){TY_BOOL, 0})
#define T_TEXT ((Type){TY_TEXT, 0})
#define T_DATE ((Type){TY_DATE, 0})

static inline bool is_number(Type t) { return t.kind == TY_INTEGER || t.kind == TY_DECIMAL; }
static inline bool is_numeric(Type t) { return is_number(t) || t.kind == TY_MONEY; }
static inline bool same_type(Type a, Type b)
{
    return a.kind == b.kind && (a.kind != TY_ENUM && a.kind != TY_LIST ? true : a.enum_id == b.enum_id);
}

/* check.c */
Sym *sym_find(Checker *k, const char *name);
bool sym_declare(Checker *k, const char *name, SymKind kind, int index, Span at);
bool refuse_built_in(Checker *k, const char *name, const char *kind, Span at); /* contract_year, cents... */
const char *sym_kind_text(SymKind kind);                              /* "field", "schedule"... */
const char *suggest(Checker *k, const char *name, bool values_only); /* "; did you mean `x`?" or "" */
void suggest_consider(Suggestion *s, const char *candidate);
int enum_member(const EnumDef *e, const char *name);                  /* -1 if not a member */
const char *suggest_member(Checker *k, const EnumDef *e, const char *name);
void check_node(Checker *k, int node);

/* check_decls.c */
void check_years(Checker *k);
void check_enums(Checker *k);
void check_fields(Checker *k);
void check_records(Checker *k);    /* before check_fields, which may name them */
void check_record_ids(Checker *k); /* after: their files' id column is the employee's */
void check_params(Checker *k);
Type param_used(Checker *k, int param, Span at); /* from a param's formula: checks it first */
void check_schedules(Checker *k);
void check_tables(Checker *k);
void check_grid(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, GridDecl *g, Figure *cells, const char *where, bool money);

/* check_fn.c: functions the contract writes */
void declare_functions(Checker *k);
void check_functions(Checker *k);
void check_function_calls(Checker *k);  /* recursion, nesting and size, once everything is checked */
Type check_fn_call(Checker *k, Expr *e, int fn);
bool fn_refuses_name(Checker *k, const Expr *e, const Sym *s); /* a function body reading a field... */
/* check_decls.c, for derive.c: one printed block into cells[row][col] */
void check_grid(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, GridDecl *g, Figure *cells, const char *where, bool money);

/* derive.c: a schedule's base blocks and derived years, once its printed
 * years are laid out (seen[year] marks those), and the `check` lines */
void check_year_rules(Checker *k, int sched, bool *seen, bool money);
void check_statements(Checker *k);
/* last_year.c: last_year( ), `before the first year:` and one-time money */
Type check_last_year(Checker *k, Expr *e);
Type check_retro(Checker *k, Expr *e);
void check_before_first(Checker *k);
void link_last_years(Checker *k);   /* after every node is checked, before they are ordered */
void check_one_time(Checker *k);    /* after link_last_years */

/* check_cost.c: `roll-up` and `benefit` definitions are money, and pay
 * does not use them (after every node is checked) */
void check_cost_kinds(Checker *k);

/* effective.c: `from DATE` on params, tables and schedule years */
void check_effective(Checker *k);

/* check_expr.c */
void depend(Checker *k, int node, Span at);  /* the node being checked uses node, written at at */
Type check_expr(Checker *k, Expr *e, const Type *hint);
Type expect_type(Checker *k, Expr *e, Type t, TypeKind want, const char *what);
const char *type_article(Checker *k, Type t);                         /* "an integer", "money" */

/* schedule_shape.c: schedule shapes and enum order */
Type check_member_step(Checker *k, Expr *e);                          /* next(x), previous(x) */
typedef struct {
    int decl;          /* the row as written: index into GridDecl.rows */
    int64_t offset;    /* its place in a range (12..15: 0 to 3), else 0 */
} GridRow;
int64_t grid_row_span(const RowDecl *row, bool member_rows);                       /* rows a printed row stands for */
int grid_rows(Checker *k, const GridDecl *g, bool member_rows, bool report, GridRow **out); /* the rows a block prints, ranges laid out */
const char *grid_row_text(Checker *k, const RowDecl *row);            /* "12..15", "12", "A" */
int64_t member_number(const Contract *c, int e, int member);          /* what member stands for: A = 0, or one after the last */
void check_member_numbers(Checker *k);
Type check_keyed_lookup(Checker *k, Expr *e, ScheduleDecl *sd, ScheduleInfo *si);     /* salary[step, lane, months] */
void check_keyed_grids(Checker *k, ScheduleDecl *sd, ScheduleInfo *si, bool money, bool *years);  /* by step, lane, months */

#endif
