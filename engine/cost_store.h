/* cost_store.h: each employee's figures in a costing (the id, the name,
 * the group and the total in each year), kept in a temporary file instead
 * of memory, so that a costing's memory does not grow with its roster.
 *
 * Written once, in roster order: cost_store_begin gives the next
 * employee's totals to fill in, cost_store_end writes them.  Read back by
 * index: in order without a seek (as the reports and the comparison read
 * it), or at any index (the largest changes).  The employee begun and
 * not yet ended can be read too (the costing's employee callback does).
 *
 * The files are made in $TMPDIR (else /tmp) and unlinked at once, so
 * nothing is left behind however the process ends.  Ownership: a
 * CostStore owns its files and buffers (cost_store_free); what
 * cost_store_get gives points into the store and is good until its next
 * call on that store.
 */
#ifndef TERMS_COST_STORE_H
#define TERMS_COST_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "rat.h"

typedef struct CostStore CostStore;

typedef struct {
    const char *id;
    const char *name;       /* NULL: the record has none */
    int group;              /* -1: not grouped */
    const Rat *totals;      /* [nyears] */
} CostEmployee;

/* A store of employees costed over nyears; NULL with why filled if the
 * temporary file cannot be made (why names the folder and the reason). */
CostStore *cost_store_new(int nyears, char *why, size_t size);
void cost_store_free(CostStore *s);

/* Begins the next employee (name NULL: none); returns their totals
 * [nyears] (zero) to fill in before cost_store_end. */
Rat *cost_store_begin(CostStore *s, const char *id, size_t idlen, const char *name, size_t namelen);
/* Writes the employee begun, in group (-1: none); false with why filled
 * if the temporary file cannot be written (a full disk). */
bool cost_store_end(CostStore *s, int group, char *why, size_t size);

/* The employees ended. */
long cost_store_count(const CostStore *s);

/* Employee e (e < count, or the one begun); false, with out an employee
 * of no id and zero totals, if the temporary file cannot be read back
 * (cost_store_error then says why). */
bool cost_store_get(CostStore *s, long e, CostEmployee *out);
/* NULL, or why an employee could not be read back (the first time). */
const char *cost_store_error(const CostStore *s);

#endif
