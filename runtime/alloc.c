/* alloc.c: allocation that cannot fail; see alloc.h. */
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *enough(void *p)
{
    if (!p) {
        fputs("terms: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xmalloc(size_t size) { return enough(malloc(size ? size : 1)); }

void *xcalloc(size_t n, size_t size) { return enough(calloc(n ? n : 1, size ? size : 1)); }

void *xrealloc(void *p, size_t size) { return enough(realloc(p, size ? size : 1)); }

char *xstrndup(const char *s, size_t n)
{
    char *copy = xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}
