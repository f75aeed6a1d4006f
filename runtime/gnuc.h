/* gnuc.h: where the code uses GNU C for speed, and the plain C it falls
 * back on.
 *
 * TERMS_GNU_C is 1 where the compiler is GNU C (gcc and clang define
 * __GNUC__) and TERMS_PORTABLE is not defined.  Then the VM dispatches
 * through a table of label addresses (computed goto, vm.c), the roster
 * reader's fast path jumps from one cell's reader to the next the same
 * way (roster.c), and `eval --jobs` counts line ends sixteen bytes at a
 * time in a vector type (cli/cmd_eval.c).  Otherwise each is plain C11: a
 * switch, a scalar loop.  Both are built and tested by `make test`: the
 * `portable` build is compiled with -std=c11 -pedantic -DTERMS_PORTABLE
 * (docs/testing.md), as Lua keeps ljumptab.h beside its switch.
 *
 * What no macro selects: exact arithmetic needs a 128-bit integer
 * (__int128) and the builtins __builtin_ctzll and __builtin_*_overflow,
 * which gcc, clang and most compilers that claim GNU C have.
 */
#ifndef TERMS_GNUC_H
#define TERMS_GNUC_H

#if defined(__GNUC__) && !defined(TERMS_PORTABLE)
#define TERMS_GNU_C 1
#else
#define TERMS_GNU_C 0
#endif

/* Where a function goes, for the per-row paths: out of line (NOINLINE:
 * its caller saves no registers for it), out of line and rarely taken
 * (COLD: an error or an unusual value), or always written into its caller
 * (ALWAYS_INLINE: GCC leaves the larger pieces of a hot loop out). */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define COLD __attribute__((noinline, cold))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NOINLINE
#define COLD
#define ALWAYS_INLINE inline
#endif

/* The 128-bit integers exact arithmetic needs (see above). */
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#endif
