/* compile.h: a checked contract to a Program for one contract year. */
#ifndef TERMS_COMPILE_H
#define TERMS_COMPILE_H

#include "check.h"
#include "program.h"

/* A value given on the command line (--set NAME=VALUE) or by an example's
 * `given`, replacing a param's value (blank or not) in every year, or,
 * with years (--set 'NAME=$1,200 / $1,250'), one value per contract year
 * (value is then the first year's). */
typedef struct {
    int param;
    Rat value;
    const Rat *years;  /* [nyears] in the Model's arena, or NULL */
} Override;

/* An example's `given` for a definition or component: its value in the
 * example, whatever its formula says. */
typedef struct {
    int node;             /* ProgNode index: definitions first, then components */
    Value value;
} Given;

/* Compiles m for year (0-based).  The Program lives in m's arena. */
Program *compile_program(const Model *m, int year, const Override *ov, int nov);

/* The same for an example: each given node is a constant of its given
 * value, so what uses it sees that value, folded or not. */
Program *compile_example(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven);

/* The same, plus nodes that compute each rule's amount and each part of
 * its condition on their own, so `terms explain` can show which part of a
 * rule's condition failed. */
Program *compile_explained(const Model *m, int year, const Override *ov, int nov);

/* The same (with an example's givens, or none), with coverage probes: a
 * COVER instruction where each rule applies, each branch of an `if` is
 * taken and each definition is computed, and before each lookup one that
 * counts the row or entry it reads (Program.probes says what each count
 * is); no `if` and no lookup is folded, so every one is counted.  The
 * figures are the same as compile_program's; only slower to compute. */
Program *compile_covered(const Model *m, int year, const Override *ov, int nov, const Given *given, int ngiven);

/* Parses "NAME=VALUE", or "NAME=V1 / V2 / ..." with a value per contract
 * year, against m's params.  On failure writes a message to err and
 * returns false. */
bool parse_override(const Model *m, const char *assignment, Override *out, char *err, size_t cap);

#endif
