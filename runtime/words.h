/* words.h: eight bytes at a time, for the roster reader, the row writer
 * and the id check, which look at text a word at a time. */
#ifndef TERMS_WORDS_H
#define TERMS_WORDS_H

#include <stdint.h>
#include <string.h>

/* b in every byte of a word */
#define EACH_BYTE(b) (UINT64_C(0x0101010101010101) * (b))

/* The eight bytes at s, unaligned, in the machine's byte order. */
static inline uint64_t word8(const void *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

/* The bytes of x below b (at most 0x80), each marked by its top bit:
 * exactly for the first of them, as a borrow goes only to later bytes;
 * bytes from 0x80 on are never marked. */
static inline uint64_t bytes_below(uint64_t x, unsigned b)
{
    return (x - EACH_BYTE(b)) & ~x & EACH_BYTE(0x80);
}

#endif
