#ifndef UTIL_SHA256_H
#define UTIL_SHA256_H

/*
 * SHA-256 (FIPS 180-4), for fingerprints only: small and dependency-free,
 * so that the gate does not link a crypto library for hashing a few names.
 */
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};

/* Use the C rounds even where the processor has the SHA extensions (for
 * the tests of that path); call before the first digest. */
void sha256_portable_only(void);
void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);

#endif
