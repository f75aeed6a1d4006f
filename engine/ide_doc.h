/* ide_doc.h: what ide.c and ide_help.c share.  Not for use outside them. */
#ifndef TERMS_IDE_DOC_H
#define TERMS_IDE_DOC_H

#include "check.h"
#include "ide.h"
#include "program.h"

typedef VEC(IdeDiag) DiagList;

/* A top-level name and what it names; seq is the order of declaration. */
typedef struct {
    const char *name;
    IdeRef ref;
    int seq;
} IdeName;

struct IdeDoc {
    const char *path;
    char *text;          /* NUL-terminated */
    size_t len;
    uint32_t *lines;     /* [nlines]: where each line starts */
    int nlines;
    Arena mem;           /* the path and the diagnostics */
    DiagList diags;
    int syntax_errors;
    char *salvaged;      /* the text with its broken declarations blanked, if it had any */
    Contract *c;         /* what is analysed: the text's, or the salvaged text's (NULL: neither) */
    Model m;             /* c, checked */
    IdeName *names;      /* [nnames]: c's top-level names, sorted */
    int nnames;
    bool runnable;       /* m is complete: programs can be compiled from it */
    Program **programs;  /* [(examples + 1) * years]: compiled when first needed (ide_help.c) */
};

/* A name as written somewhere, and what it is. */
typedef struct {
    IdeRef ref;
    Span at;
    bool declaration;
    Type type;           /* the name's type there, TY_ERROR if none or not known */
} Occurrence;

bool ide_occurrence_at(const IdeDoc *doc, uint32_t offset, Occurrence *o);
bool ide_declaration(const IdeDoc *doc, IdeRef ref, Span *at);

/* The item of kind with index (NULL if none), and the span of an item, its
 * indented block included. */
const ItemRef *ide_item(const Contract *c, ItemKind kind, int index);
Span ide_item_span(const Contract *c, const ItemRef *it);

bool ide_is_name_char(char ch);

#endif
