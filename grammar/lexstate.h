/* lexstate.h: what the lexer keeps between tokens (flex's yyextra).
 *
 * The flex scanner (raw_lex) produces tokens and skips blanks and comments;
 * lex_next, the function bison calls, turns the layout into tokens: an end
 * of line becomes NEWLINE, a deeper indentation INDENT, a shallower one as
 * many DEDENTs as blocks it closes.  Inside ( ) and [ ], and on a more
 * indented line that plainly continues the one before (it starts with
 * `cite`, `and`, `add`..., or the line before ended with `,` or an
 * operator), line ends are not tokens.
 */
#ifndef TERMS_LEXSTATE_H
#define TERMS_LEXSTATE_H

#include "ast.h"
#include "diag.h"
#include "parser.h"

/* The limits of the syntax (docs/security.md lists every limit). */
enum { MAX_INDENT_DEPTH = 32, MAX_PAREN_DEPTH = 256, MAX_PENDING = MAX_INDENT_DEPTH + MAX_PAREN_DEPTH + 4 };
enum { MAX_NAME_BYTES = 255 };

typedef struct {
    int tok;
    Span at;
} PendingToken;

typedef struct {
    Contract *c;
    Diags *d;
    const char *src;
    size_t len;
    uint32_t base;          /* offset of src[0] in the spans (see parse_contract_at) */
    uint32_t pos;           /* offset of the next byte flex will scan */
    bool first_on_line;     /* no token yet since the last line end */
    int indent[MAX_INDENT_DEPTH];
    int depth;
    int paren;
    int excess;             /* brackets opened past MAX_PAREN_DEPTH, not yet closed */
    char brackets[MAX_PAREN_DEPTH]; /* the open ( and [, innermost last */
    Span paren_at;          /* the outermost open bracket */
    int paren_indent;       /* indentation of the line it is on */
    uint32_t last_line_start; /* first token of the current line */
    bool closed_any;        /* the lexer closed brackets left open ... */
    uint32_t closed_at;     /* ... at this offset */
    int last_tok;
    Span last_at;
    bool any_line;
    PendingToken pending[MAX_PENDING];
    int npending, next_pending;
    bool have_held;         /* a token read ahead, returned after the pending layout tokens */
    int held_tok;
    Span held_at;
    YYSTYPE held_val;
} LexState;

#endif
