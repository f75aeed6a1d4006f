/* builtins.h: the standard library, one table.
 *
 * Each built-in has its name, the shape of its signature (which the
 * checker reads to type a call) and, for the ones that are plain
 * functions, its implementation (which the VM calls through OP_CALL: the
 * compiler copies each name and function into the Program's natives, so
 * runtime/ needs nothing from here).
 * sum/count/any/all over a list are compiled to loops instead, so they
 * have no function.
 */
#ifndef TERMS_BUILTINS_H
#define TERMS_BUILTINS_H

#include "program.h"

typedef enum {
    SIG_ROUND,     /* (number [, cents | dollars | places]) -> money stays money, a number becomes an integer or keeps places */
    SIG_SAME,      /* (T, T, ...) numbers of one kind -> T */
    SIG_ONE,       /* (T) number -> T */
    SIG_PRORATE,   /* (T amount, number part, number whole) -> T */
    SIG_DATES,     /* (date, date) -> integer */
    SIG_AGGREGATE, /* f(EXPR for x in LIST [if COND]) */
    SIG_MEMBER,    /* (member) -> the member after (next) or before (previous) it in its enum's order */
} BuiltinSig;

typedef enum { AGG_NONE, AGG_SUM, AGG_COUNT, AGG_ANY, AGG_ALL } Aggregate;

typedef struct {
    const char *name;
    BuiltinSig sig;
    int min_args, max_args;  /* max_args -1: any number */
    NativeFn fn;             /* the VM calls it through Program.natives, which the compiler fills from here */
    Aggregate aggregate;
    RoundMode round_mode;    /* SIG_ROUND: the mode, or ROUND_HALF_UP standing for the contract's own */
    const char *summary;     /* one line for `terms --help` and the docs */
} Builtin;

extern const Builtin builtins[];
extern const int nbuiltins;

int builtin_find(const char *name); /* index, or -1 */

/* The mode SIG_ROUND built-in b rounds with in a contract that rounds with
 * `contract`. */
static inline RoundMode builtin_round_mode(const Builtin *b, RoundMode contract)
{
    return b->round_mode == ROUND_HALF_UP ? contract : b->round_mode;
}

#endif
