/* fuzz_fmt: `terms fmt` and `terms diff` on arbitrary source.
 *
 * For a contract without syntax errors, its canonical layout F must
 * parse without syntax errors, check the same (the same count of errors
 * and warnings), and be a fixed point: fmt(F) == F.  For a contract that
 * checks, `diff` against itself and against F must find no change in
 * terms. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "diff.h"
#include "fmt.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *format(const FuzzContract *fc, const char *src, size_t len, size_t *outlen)
{
    char *out = NULL;
    FILE *mem = open_memstream(&out, outlen);
    FUZZ_ASSERT(mem != NULL, "open_memstream");
    format_contract(fc->c, src, len, mem);
    fclose(mem);
    return out;
}

static void no_changes(const FuzzContract *a, const FuzzContract *b, const char *what)
{
    Changes ch = {0};
    diff_models(&a->m, &a->d, &b->m, &b->d, &ch);
    FUZZ_ASSERT(ch.n == 0, "diff of a contract and %s: %d changes, the first: %s %s: %s -> %s", what, ch.n, ch.v[0].what,
                ch.v[0].name, ch.v[0].old_value ? ch.v[0].old_value : "-", ch.v[0].new_value ? ch.v[0].new_value : "-");
    changes_free(&ch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    FuzzContract a;
    fuzz_load(&a, "fuzz.terms", src, size);
    if (!a.parsed) {
        fuzz_unload(&a);
        return 0;
    }
    size_t flen = 0, fflen = 0;
    char *f = format(&a, src, size, &flen);

    FuzzContract b;
    fuzz_load(&b, "formatted.terms", f, flen);
    FUZZ_ASSERT(b.parsed, "the formatted contract has %d syntax errors:\n%.*s", b.d.errors, (int)flen, f);
    FUZZ_ASSERT(a.ok == b.ok && a.d.errors == b.d.errors && a.d.warnings == b.d.warnings,
                "formatting changed the check: %d errors, %d warnings before, %d and %d after:\n%.*s", a.d.errors,
                a.d.warnings, b.d.errors, b.d.warnings, (int)flen, f);
    char *ff = format(&b, f, flen, &fflen);
    FUZZ_ASSERT(flen == fflen && memcmp(f, ff, flen) == 0, "fmt is not a fixed point:\n--- fmt(x)\n%.*s\n--- fmt(fmt(x))\n%.*s",
                (int)flen, f, (int)fflen, ff);

    if (a.ok) {
        FuzzContract same;
        fuzz_load(&same, "same.terms", src, size);
        no_changes(&a, &same, "itself");
        no_changes(&a, &b, "its formatted layout");
        fuzz_unload(&same);
    }
    fuzz_unload(&b);
    free(ff);
    free(f);
    fuzz_unload(&a);
    return 0;
}
