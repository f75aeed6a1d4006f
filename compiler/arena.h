/* arena.h: the allocator for everything a contract's compilation makes.
 *
 * The AST, the checker's tables and the compiled program's constants are
 * carved out of one arena and freed together.  arena_alloc never returns
 * NULL: memory exhaustion is fatal (it aborts with a message), since a
 * contract's compilation needs memory proportional to its source.
 */
#ifndef TERMS_ARENA_H
#define TERMS_ARENA_H

#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;
typedef struct {
    ArenaChunk *head;
} Arena;

void *arena_alloc(Arena *a, size_t size);          /* zeroed, 16-byte aligned */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

/* Growable arrays whose storage lives in an arena (old storage is simply
 * left behind when they grow). */
#define VEC(T) struct { T *v; int n, cap; }
void *vec_grow(Arena *a, void *items, int n, int *cap, size_t elem);
#define VEC_PUSH(arena, vec, x) do { \
        if ((vec).n == (vec).cap) \
            (vec).v = vec_grow((arena), (vec).v, (vec).n, &(vec).cap, sizeof *(vec).v); \
        (vec).v[(vec).n++] = (x); \
    } while (0)

#endif
