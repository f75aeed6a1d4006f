/* values.h: --values FILE, figures kept apart from the contract.
 *
 * A values file is written in Terms and holds only param, table and
 * schedule declarations.  Each replaces the contract's declaration of the
 * same name: that is how illustrative or proposed figures fill a
 * contract's blanks without touching the agreed text.
 */
#ifndef TERMS_VALUES_H
#define TERMS_VALUES_H

#include "ast.h"
#include "diag.h"

/* Replaces c's params, tables and schedules by values'.  The replaced
 * parts point into values, which must outlive c.  Returns false after
 * reporting anything the values file may not do. */
bool merge_values(Contract *c, const Contract *values, Diags *d);

#endif
