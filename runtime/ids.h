/* ids.h: the duplicate-id check, the ids of a roster's rows, to find an
 * employee given two rows.
 *
 * Memory is bounded: the ids are held in memory up to a budget
 * (ROSTER_IDS_BUDGET, or TERMS_ID_MEMORY bytes from the environment, a
 * knob for tests and small machines); past it, they and every id after
 * them are written to an unlinked temporary file in $TMPDIR (else /tmp),
 * each to one of 256 partitions by its hash, and roster_ids_end checks
 * each partition in turn (one too big for the budget split again by more
 * of the hash).  While each id comes after the one before it (a roster
 * sorted by its ids), none can be an earlier row's: they are kept with no
 * table, and past the budget written in order to the file, to go to the
 * partitions only if the order ends.  So a duplicate is found at its row while every id is in
 * memory, at the end of the roster once they are past it: the check is
 * exact either way (by the ids' bytes), and the message names the same
 * two rows, the first row whose id an earlier row has and the first row
 * that has it.  Rows are noted in roster order (a row again may be noted
 * again).
 *
 * Ownership: a RosterIds copies the ids it is given; path and column (the
 * id field's name), used in messages, must outlive it.
 */
#ifndef TERMS_IDS_H
#define TERMS_IDS_H

#include <stdbool.h>
#include <stddef.h>

/* 8 MiB: 131,072 ids of up to 16 bytes (a table of 256 Ki slots half
 * full, 2 MiB, and 4 MiB of records), so a roster of that many rows (a
 * large district's) is checked in memory alone, each duplicate found at
 * its row; and small next to a run's other buffers.  Past it, the
 * partitions' buffers take 4 MiB, and checking a partition at most the
 * budget. */
enum { ROSTER_IDS_BUDGET = 8 << 20 };

typedef struct RosterIds RosterIds;
RosterIds *roster_ids_new(const char *path, const char *column);
void roster_ids_free(RosterIds *ids);

/* For tests, on a RosterIds that has no ids yet: every id hashes alike, so each one found is
 * told apart from the others by its bytes alone (and all go to one
 * partition); and a budget of `bytes` (a few hundred make it write ids to
 * the partitions after a handful, and split them at the end). */
void roster_ids_collide(RosterIds *ids);
void roster_ids_budget(RosterIds *ids, size_t bytes);

/* For tests: the partition (0 to 255) the id id[0..len) goes to past the
 * budget; how many partitions roster_ids_end split, too big for it. */
int roster_ids_partition(const RosterIds *ids, const char *id, size_t len);
long roster_ids_splits(const RosterIds *ids);

/* On a RosterIds that has no ids yet: every id is kept in memory, with no
 * budget, so that roster_ids_has can answer (a records file's join). */
void roster_ids_keep_all(RosterIds *ids);

/* Notes that row `row`, which starts on physical line `line`, has the id
 * id[0..len).  True if no other row is known to have it (or this row was
 * noted already); false if an earlier row has, or if the temporary file
 * cannot be made or written; roster_ids_error then says which.  After
 * false, nothing more is to be noted. */
bool roster_ids_add(RosterIds *ids, const char *id, size_t len, long row, long line);

/* Every row has been noted (the roster's end), or reading stopped at a
 * bad row: false if two of the rows noted have one id (they come before
 * any bad row that stopped the reading, so this is the error to give), or
 * the temporary file failed (cannot be written: a full disk; or read). */
bool roster_ids_end(RosterIds *ids);

/* Why roster_ids_add or roster_ids_end said false, in err: for a
 * duplicate,
 *   path:LINE: row N, column "id": "T1" is also the id of row M (line L); ...
 * naming the first row whose id an earlier row has and the first row that
 * has it, as a check that kept every id in memory would; else
 *   path: cannot make a temporary file in FOLDER for the ids of its rows: ...
 * (or write, or read: the system's reason follows). */
void roster_ids_error(const RosterIds *ids, char *err, size_t errcap);

/* After roster_ids_end said false: the row whose id an earlier row has,
 * or 1 if the temporary file failed. */
long roster_ids_dup_row(const RosterIds *ids);

/* Whether a row noted has the id id[0..len); only with roster_ids_keep_all. */
bool roster_ids_has(const RosterIds *ids, const char *id, size_t len);

#endif
