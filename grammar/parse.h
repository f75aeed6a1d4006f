/* parse.h: source text to syntax tree. */
#ifndef TERMS_PARSE_H
#define TERMS_PARSE_H

#include "ast.h"
#include "diag.h"

/* Parses src (len bytes, need not be NUL-terminated) into a new Contract.
 * Every syntax error goes to d; the parser recovers at the end of the line
 * and goes on, so the result is always a Contract, complete or not.  The
 * caller frees it with contract_free (ast.h). */
Contract *parse_contract(const char *path, const char *src, size_t len, Diags *d);

/* The same for a further file whose spans start at base, as
 * diag_add_source gave it, so diagnostics name that file. */
Contract *parse_contract_at(const char *path, const char *src, size_t len, uint32_t base, Diags *d);

/* The grammar's keywords as a writer types them ("employee", "at most
 * one", ...), for completion: the i-th from 0, or NULL past the last. */
const char *grammar_keyword(int i);

#endif
