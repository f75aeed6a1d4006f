/* provenance.h: what a figure in a report or output file came from, so
 * that it can be reproduced: each input file (the contracts, values files
 * and the roster) with the SHA-256 of its bytes and, when it is in a git
 * repository, the commit checked out and whether the file differs from
 * it; the --set values; and the version of terms. */
#ifndef TERMS_PROVENANCE_H
#define TERMS_PROVENANCE_H

#include <stdbool.h>
#include <stdio.h>

enum { PROVENANCE_FILES = 32, PROVENANCE_SETS = 256 };

typedef struct {
    const char *role;       /* "contract", "baseline", "values", "roster" */
    const char *path;
    char sha256[65];        /* "" when it cannot be read again (standard input) */
    char commit[41];        /* "" when not in a git repository */
    bool changed;           /* it differs from that commit (or is not in it) */
} Stamp;

typedef struct {
    Stamp file[PROVENANCE_FILES];
    int n;
    const char *sets[PROVENANCE_SETS];
    int nsets;
} Provenance;

/* The program's version, as --version gives it (cli/main.c). */
const char *terms_version(void);

/* Notes path (NULL: nothing) as an input of the given role: its hash, and
 * its commit if git knows it. */
void provenance_add(Provenance *p, const char *role, const char *path);
void provenance_set(Provenance *p, const char *set);

/* As lines, each "PREFIX key: value" ("# " for a CSV file's header). */
void provenance_lines(const Provenance *p, const char *prefix, FILE *out);
/* As one JSON object. */
void provenance_json(const Provenance *p, FILE *out);

#endif
