/* alloc.h: the one way to allocate memory outside an arena.
 *
 * Each returns the memory asked for, or, when there is none, says
 * "terms: out of memory" on standard error and aborts: running out of
 * memory is not an error a contract or a roster can cause (the limits in
 * docs/security.md keep what they can ask for bounded), so no caller
 * checks, and no caller has a path of its own for it.  A size of 0 is
 * taken as 1, so a result is never NULL.  What they return is freed with
 * free().
 */
#ifndef TERMS_ALLOC_H
#define TERMS_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrndup(const char *s, size_t n); /* s[0..n), NUL-terminated */

#endif
