/* fuzz_parse: the lexer and the parser on arbitrary bytes.  Every input
 * must give a Contract (complete or not) and diagnostics, never a crash,
 * a leak or a hang. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Diags d = {.path = "fuzz.terms", .src = (const char *)data, .len = size, .out = fuzz_sink()};
    Contract *c = parse_contract(d.path, (const char *)data, size, &d);
    FUZZ_ASSERT(c != NULL, "parse_contract returned NULL");
    contract_free(c);
    return 0;
}
