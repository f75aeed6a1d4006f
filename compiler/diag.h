/* diag.h: diagnostics with the source line and a caret, as gcc prints them.
 *
 *   contract.terms:12:19: error: unknown name `distrct_years`; did you mean `district_years`?
 *      12 | longevity I when distrct_years >= 10 add $3,100
 *         |                  ^~~~~~~~~~~~~
 *
 * Positions are byte offsets into the source; the line and the column
 * (1-based, counting UTF-8 characters) are worked out only when printing.
 */
#ifndef TERMS_DIAG_H
#define TERMS_DIAG_H

#include <stdio.h>
#include "ast.h"

/* A further source file whose spans start at base (see parse_contract_at). */
typedef struct {
    const char *path;
    const char *src;
    size_t len;
    uint32_t base;
} DiagSource;

enum { MAX_DIAG_SOURCES = 4 };

/* At most this many errors and warnings are printed (all are counted), and
 * a source line longer than EXCERPT_WIDTH bytes is shown as a window of it
 * around the caret: a hostile file cannot make the messages huge. */
enum { MAX_SHOWN_DIAGS = 100, EXCERPT_WIDTH = 160 };

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagKind;

/* Where messages go instead of out when it is set (the language server
 * keeps them): each message's kind, span and text, the text valid only
 * during the call. */
typedef void (*DiagSink)(void *ctx, DiagKind kind, Span at, const char *message);

typedef struct {
    const char *path;
    const char *src;
    size_t len;
    DiagSource more[MAX_DIAG_SOURCES];
    int nmore;
    FILE *out;        /* where messages go: stderr, or a memory stream in tests */
    DiagSink sink;    /* or here, with sink_ctx, if set */
    void *sink_ctx;
    int errors;
    int warnings;
    bool quiet_warnings;
    bool muted;       /* the last warning was quiet, so are its notes */
    int shown;        /* errors and warnings printed so far */
    /* where the last message was: the next one after it counts lines from
     * there, not from the start (thousands of errors in a large file) */
    const char *memo_src;
    uint32_t memo_offset;
    int memo_line, memo_col;
} Diags;

void diag_error(Diags *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(Diags *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A note belongs to the error or warning printed just before it. */
void diag_note(Diags *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 1-based line and column of a byte offset, in the file that holds it. */
void diag_line_col(const Diags *d, uint32_t offset, int *line, int *col);

/* The file that holds offset (the contract or a further source), and in
 * *local the offset within it. */
DiagSource diag_source(const Diags *d, uint32_t offset, uint32_t *local);

/* Adds a further source; returns the base its spans must start at. */
uint32_t diag_add_source(Diags *d, const char *path, const char *src, size_t len);

#endif
