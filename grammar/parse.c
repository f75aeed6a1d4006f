/* parse.c: source text to syntax tree, the parser's entry points.  The
 * scanner (lexer.l) and the grammar (parser.y) do the work; this sets them
 * up over one buffer and runs them. */
#include "parse.h"

#include "lexstate.h"
#include "lexer.h"

Contract *parse_contract(const char *path, const char *src, size_t len, Diags *d)
{
    return parse_contract_at(path, src, len, 0, d);
}

Contract *parse_contract_at(const char *path, const char *src, size_t len, uint32_t base, Diags *d)
{
    Contract *c = contract_new(path);
    LexState lx = {.c = c, .d = d, .src = src, .len = len, .base = base, .pos = base, .first_on_line = true};
    yyscan_t scanner;
    yylex_init_extra(&lx, &scanner);
    /* the whole source is scanned from one buffer: flex reading it in
     * pieces rescans a token from its start at every piece (quadratic in a
     * megabytes-long comment) */
    yy_scan_bytes(src, (int)len, scanner);
    yyparse(scanner, c, d);
    parse_limits(c, d);
    yylex_destroy(scanner);
    return c;
}
