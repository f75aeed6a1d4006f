/* fuzz_check: parser, checker (component proofs included) and compiler on
 * arbitrary source.  A contract that checks is compiled for every contract
 * year, plainly and for `terms explain`, and disassembled. */
#include <stddef.h>
#include <stdint.h>

#include "compile.h"
#include "disasm.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_YEARS = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzContract fc;
    fuzz_load(&fc, "fuzz.terms", (const char *)data, size);
    if (fc.ok) {
        for (int y = 0; y < fc.m.nyears && y < MAX_YEARS; y++) {
            Program *p = compile_program(&fc.m, y, NULL, 0);
            FUZZ_ASSERT(p != NULL, "compile_program failed for year %d", y);
            disasm_program(p, fuzz_sink());
            FUZZ_ASSERT(compile_explained(&fc.m, y, NULL, 0) != NULL, "compile_explained failed for year %d", y);
        }
    }
    fuzz_unload(&fc);
    return 0;
}
