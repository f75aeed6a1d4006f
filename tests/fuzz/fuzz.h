/* fuzz.h: what the libFuzzer targets share.  Each target is one C file
 * defining LLVMFuzzerTestOneInput; tests/fuzz/run.sh builds them with
 * clang against the library compiled with the fuzzing sanitizers.
 *
 * A property a target checks (fmt's output reparses, ...) fails with
 * FUZZ_ASSERT, which prints the broken property and aborts, so libFuzzer
 * saves the input as a crash.
 */
#ifndef TERMS_FUZZ_H
#define TERMS_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "parse.h"

/* Diagnostics are printed (the printing code is fuzzed too) to /dev/null. */
static inline FILE *fuzz_sink(void)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    return sink;
}

#define FUZZ_ASSERT(cond, ...)                                                  \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "%s:%d: property failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* A parsed (and, if it parsed cleanly, checked) contract. */
typedef struct {
    Diags d;
    Contract *c;
    Model m;
    bool parsed;  /* no syntax errors */
    bool ok;      /* and no checker errors */
} FuzzContract;

static inline void fuzz_load(FuzzContract *fc, const char *path, const char *src, size_t len)
{
    fc->d = (Diags){.path = path, .src = src, .len = len, .out = fuzz_sink()};
    fc->c = parse_contract(path, src, len, &fc->d);
    fc->parsed = fc->d.errors == 0;
    fc->ok = fc->parsed && check_contract(fc->c, &fc->d, (CheckOptions){0}, &fc->m);
}

static inline void fuzz_unload(FuzzContract *fc)
{
    contract_free(fc->c);
    fc->c = NULL;
}

#endif
