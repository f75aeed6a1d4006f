/* checker.h: what the checker's files share (check.c: symbols, definitions,
 * order, outputs and examples; check_decls.c: the declarations; check_expr.c:
 * expressions).  Not for use outside the checker. */
#ifndef TERMS_CHECKER_H
#define TERMS_CHECKER_H

#include "check.h"

typedef enum { SYM_NONE, SYM_FIELD, SYM_PARAM, SYM_DEF, SYM_COMPONENT, SYM_SCHEDULE, SYM_TABLE, SYM_ENUM } SymKind;

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
    int depth;          /* check_expr calls under way */
    bool too_deep;      /* MAX_CHECK_DEPTH was reported */
} Checker;


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
void check_schedules(Checker *k);
void check_tables(Checker *k);

/* check_expr.c */
Type check_expr(Checker *k, Expr *e, const Type *hint);
Type expect_type(Checker *k, Expr *e, Type t, TypeKind want, const char *what);
const char *type_article(Checker *k, Type t);                         /* "an integer", "money" */

#endif
