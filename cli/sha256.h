/* sha256.h: SHA-256 (FIPS 180-4) of a file, for the provenance a report
 * carries (provenance.h). */
#ifndef TERMS_SHA256_H
#define TERMS_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} Sha256;

void sha256_init(Sha256 *s);
void sha256_add(Sha256 *s, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(Sha256 *s, char hex[65]);

/* The digest of the file at path; false if it cannot be read. */
bool sha256_file(const char *path, char hex[65]);

#endif
