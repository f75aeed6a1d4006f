/* output.h: writing evaluated rows as CSV or JSON Lines.
 *
 * Output to a file goes to a temporary file beside it, renamed into place
 * only by output_commit, so a failed or interrupted run leaves any earlier
 * file of that name as it was and no half-written one; standard output, a
 * pipe or a device is a stream, written as the rows come (target.h).
 */
#ifndef TERMS_OUTPUT_H
#define TERMS_OUTPUT_H

#include <stdio.h>
#include "program.h"
#include "target.h"

typedef enum { FORMAT_CSV, FORMAT_JSONL } OutputFormat;

typedef struct Output Output;

/* Writes to t (decided by targets_decide), which must stay until o is
 * freed.  Rows are formatted into a buffer of o's own and written out when
 * it fills (to a terminal, each at once): a write error is output_row's
 * false, or output_commit's. */
Output *output_open(Target *t, OutputFormat fmt, const Program *p, char *err, size_t cap);
/* values[i] is the row's value of output i. */
bool output_row(Output *o, const Value *const *values);
/* Writes out what o holds (and renames a temporary file into place), then
 * frees o; false after a message in err. */
bool output_commit(Output *o, char *err, size_t cap);
/* Frees o: the rows given so far go out to a stream (standard output, a
 * pipe or a device, or output_to_stream's f) as far as they can; a
 * temporary file is removed. */
void output_abort(Output *o);

/* The format o writes. */
OutputFormat output_format(const Output *o);

/* Rows formatted into f, with no header and no temporary file.
 * output_commit writes the last of them to f, which stays open. */
Output *output_to_stream(FILE *f, OutputFormat fmt, const Program *p);

/* Rows formatted into memory, with no header: a piece of the output made by
 * one of several threads.  output_held gives the bytes so far, output_clear
 * empties it for the next piece (keeping its memory); free with
 * output_abort. */
Output *output_to_memory(OutputFormat fmt, const Program *p);
const char *output_held(const Output *o, size_t *len);
void output_clear(Output *o);

/* Bytes already formatted (such a piece), written as they are. */
bool output_raw(Output *o, const char *bytes, size_t n);

/* The format a file name asks for by its extension, in any case: .jsonl,
 * .ndjson and .json are JSON Lines, anything else CSV. */
OutputFormat output_format_for(const char *path);

/* Whether the extension is .json, in any case: a file that its readers
 * expect to hold one JSON value, which JSON Lines is not. */
bool output_named_json(const char *path);

/* Whether a spreadsheet would take text s for a formula (it begins with =,
 * +, -, @, a tab or a carriage return): such a cell gets a leading ' in CSV
 * and XLSX output. */
bool formula_like(const char *s, size_t n);

/* Text s[0..n) as one CSV cell, the way every CSV the tool writes has it:
 * quoted if it holds a comma, a quote or a line end (quotes doubled), and
 * if formula_like, quoted with a leading '.  false if the write failed. */
bool csv_write_field(FILE *f, const char *s, size_t n);

#endif
