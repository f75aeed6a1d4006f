/* ide.h: what an editor asks about a contract being written (`terms lsp`).
 *
 * An IdeDoc is one version of a document's text, parsed and checked once
 * when it is opened; every question is then answered from it: the
 * diagnostics, what name is at a position, its hover text (kind, type,
 * declaration, citation, and value for the employee of the nearest
 * `example`), its definition and references, the outline, completion
 * candidates, quick fixes and the formatted text.  Any text is valid
 * input, a half-typed contract or no contract at all.
 *
 * While the text has syntax errors, the diagnostics are those errors only
 * (as `terms check` prints them), and the other questions are answered
 * from the text with each broken declaration blanked out, so the rest of
 * the contract can still be explored while one line is being typed.
 *
 * Positions are byte offsets into the text.  ide_position and ide_offset
 * convert them to and from a line and a character counted in UTF-16 code
 * units, as the Language Server Protocol counts them.
 *
 * Ownership: ide_open copies the text; the IdeDoc owns everything it
 * gives out through ide_diagnostics.  The other questions allocate their
 * answers in an Arena the caller gives and frees.  Names in answers point
 * into the IdeDoc or the Arena.
 */
#ifndef TERMS_IDE_H
#define TERMS_IDE_H

#include "ast.h"
#include "diag.h"

typedef struct IdeDoc IdeDoc;

/* What a name in a contract is. */
typedef enum {
    IDE_NOTHING,
    IDE_FIELD,       /* index: Contract.fields */
    IDE_PARAM,       /* index: Contract.params */
    IDE_DEFINITION,  /* index: Contract.defs */
    IDE_COMPONENT,   /* index: Contract.components */
    IDE_RULE,        /* index: Contract.rules */
    IDE_SCHEDULE,    /* index: Contract.schedules */
    IDE_TABLE,       /* index: Contract.tables */
    IDE_ENUM,        /* index: Contract.enums */
    IDE_MEMBER,      /* index: the member's, in enum `owner` */
    IDE_BUILTIN,     /* index: the built-in table's */
    IDE_LOCAL,       /* a comprehension's variable; index: its slot */
    IDE_YEAR,        /* contract_year */
    IDE_EMPLOYEE,    /* the employee record (outline only) */
    IDE_EXAMPLE,     /* index: Contract.examples (outline only) */
    IDE_KEYWORD,     /* completion only */
    IDE_VALUE,       /* yes, no (completion only) */
    IDE_FUNCTION,    /* index: Contract.functions */
    IDE_PARAMETER,   /* a function's parameter; index: its local slot, owner: the function */
} IdeKind;

typedef struct {
    IdeKind kind;
    int index;
    int owner;
} IdeRef;

typedef struct {
    DiagKind kind;
    Span at;
    const char *message;
    int parent;        /* a note's error or warning (an index), else -1 */
} IdeDiag;

/* Parses and checks text[0..len); never NULL. */
IdeDoc *ide_open(const char *path, const char *text, size_t len);
void ide_close(IdeDoc *doc);

const char *ide_text(const IdeDoc *doc, size_t *len);

/* Every error and warning (at most MAX_SHOWN_DIAGS), each followed by its
 * notes; *out stays valid until ide_close. */
int ide_diagnostics(const IdeDoc *doc, const IdeDiag **out);

/* How many syntax errors the text has (0: it parses). */
int ide_syntax_errors(const IdeDoc *doc);

/* Line and UTF-16 character (both from 0) of offset, and back; a position
 * past the end of its line is the line's end, past the last line the
 * text's end. */
void ide_position(const IdeDoc *doc, uint32_t offset, int *line, int *character);
uint32_t ide_offset(const IdeDoc *doc, int line, int character);
/* The same in a text that has no IdeDoc (an edit being applied to it). */
uint32_t ide_text_offset(const char *text, size_t len, int line, int character);

/* The name at offset (or just before it): what it is, and where it is
 * written; false if there is none. */
bool ide_name_at(const IdeDoc *doc, uint32_t offset, IdeRef *ref, Span *at);

/* Markdown about the name at offset, and its span; NULL if none. */
const char *ide_hover(IdeDoc *doc, uint32_t offset, Span *at, Arena *out);

/* Where the name at offset is declared; false if it is not (a built-in). */
bool ide_definition(const IdeDoc *doc, uint32_t offset, Span *target);

/* Every place the name at offset is written, in source order, its
 * declaration included if asked. */
int ide_references(const IdeDoc *doc, uint32_t offset, bool declaration, Span **out, Arena *a);

/* The outline: a tree of symbols in source order. */
typedef struct IdeSymbol IdeSymbol;
struct IdeSymbol {
    const char *name;
    const char *detail;   /* a type, a policy, dimensions...; may be "" */
    IdeKind kind;
    Span at;              /* the whole declaration */
    Span name_at;         /* within at */
    IdeSymbol *children;
    int nchildren;
};
int ide_outline(const IdeDoc *doc, IdeSymbol **out, Arena *a);

/* At most this many completions are given (ide_completions). */
enum { IDE_MAX_COMPLETIONS = 500 };

/* Names and keywords that may be typed at offset, starting with what is
 * typed there already. */
typedef struct {
    const char *label;
    const char *detail;
    IdeKind kind;
} IdeCompletion;
int ide_completions(const IdeDoc *doc, uint32_t offset, IdeCompletion **out, Arena *a);

/* An edit that fixes diagnostic `diag` (an index into ide_diagnostics):
 * replace at with text.  Each "did you mean" is one; so is an `example`
 * block, added at the end, for the employee of a proof's note. */
typedef struct {
    const char *title;
    int diag;
    Span at;
    const char *text;
    bool preferred;
} IdeFix;
int ide_fixes(IdeDoc *doc, Span range, IdeFix **out, Arena *a);

/* The text as `terms fmt` writes it (malloc'd); NULL if it has syntax
 * errors. */
char *ide_format(const IdeDoc *doc, size_t *len);

#endif
