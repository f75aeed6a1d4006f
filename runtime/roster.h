/* roster.h: the streaming roster reader.
 *
 * A roster is a CSV file (RFC 4180: quoted fields, "" inside quotes, CRLF,
 * LF or CR line ends, an optional UTF-8 byte-order mark) whose header row
 * names the columns.  Each column whose name is a field of the contract's
 * employee record is parsed to that field's type; other columns are
 * ignored.  Those cells must be UTF-8.  Rows are read one at a time into a
 * caller-owned Value array, so memory does not grow with the number of
 * rows.
 */
#ifndef TERMS_ROSTER_H
#define TERMS_ROSTER_H

#include <stdio.h>
#include "value.h"

typedef struct Roster Roster;

/* The most bytes a row may have before its line end; a longer one is a
 * bad row, wherever it is in the file. */
enum { ROSTER_ROW_MAX = 16 << 20 };

/* Reads the header.  On failure returns NULL and writes a one-line message
 * (no trailing newline) to err: a missing required column is reported here,
 * before any row is read.  The Roster reads from f but does not close it;
 * path is used in messages ("-" for standard input). */
Roster *roster_open(FILE *f, const char *path, const RecordSchema *schema,
                    char *err, size_t errcap);

/* The same for a roster held in data[0..len), read in place: data is
 * written to (quoted cells are unescaped over themselves) and must stay
 * until roster_close. */
Roster *roster_open_memory(char *data, size_t len, const char *path, const RecordSchema *schema,
                           char *err, size_t errcap);

/* Reads the next row into record[0..schema->nfields).  Returns 1 for a row,
 * 0 at the end of the file, -1 on a bad row, with a message in err of the
 * form  path:LINE: row N, column "fte": "1,2" is not a decimal number.
 * Text and list values point into the Roster's buffers and stay valid until
 * the next call. */
int roster_next(Roster *r, Value *record, char *err, size_t errcap);

/* 1-based data row number of the row last returned (the header is row 0),
 * and the physical line it started on. */
long roster_row(const Roster *r);
long roster_line(const Roster *r);

/* For tests: how many rows the general path has read (the header not
 * counted); the fast path read the others. */
long roster_general_rows(const Roster *r);

/* For tests: how many times the fast path's probes alone (hot_row) did
 * not read a row they began, and left the rest to the fast path; -1 in a
 * build that has no hot_row (no SSE2, or TERMS_PORTABLE). */
long roster_hot_misses(const Roster *r);

/* For a piece of a larger roster (evaluated in parallel): the rows read so
 * far count as rows_before, and the next row starts on physical line
 * line, so messages name the row and line of the whole file. */
void roster_renumber(Roster *r, long rows_before, long line);

/* For a piece that comes after blank lines, the first of them row `row`
 * on physical line `line`: a row in the piece is then an error, as it
 * would be in the whole file (blank lines may only end a roster). */
void roster_after_blank(Roster *r, long row, long line);

void roster_close(Roster *r);

/* From now on, a member of a list that the field's enum lacks is left out
 * of the list rather than an error (a member that matches several only in
 * case is still one): for costing two contracts of which only one knows
 * a new item.  roster_skipped lists what was left out, per column and
 * value, in the order first seen; it stays the Roster's. */
typedef struct {
    const char *column;     /* the field's name */
    const char *kind;       /* its enum's name */
    char *value;            /* as the cell writes it, trimmed */
    long rows;              /* the rows that name it */
    long row, line;         /* the first of them, and its physical line */
    long last_row;
} RosterSkipped;
enum { ROSTER_SKIPPED_MAX = 1000 };   /* values left out; one more is an error */
void roster_skip_unknown_members(Roster *r);
const RosterSkipped *roster_skipped(const Roster *r, int *n);
/* Joins a records file to r's rows: from now on roster_next sets field
 * `field` (of type TY_RECORDS) of each row to the rows of `rows` (opened
 * with that field's schema.rows) whose id, their field 0, is the row's
 * field id_field.  rows must list the employees in the roster's order,
 * each one's rows together; a row out of that order, or whose id is no
 * employee's (found at the roster's end), is a bad row, named by its file.
 * The records and their texts stay valid until the next call.  r takes
 * rows over and closes it, and f, the file it reads. */
void roster_join(Roster *r, int field, int id_field, Roster *rows, FILE *f);

/* Appends s[0..n) to the text in out[0..cap), quoted as a message quotes
 * a cell (cut short, control bytes and bytes that are not UTF-8 as \xNN). */
void roster_quote(char *out, size_t cap, const char *s, size_t n);

#endif
