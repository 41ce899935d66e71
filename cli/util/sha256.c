/*
 * SHA-256 as FIPS 180-4 describes it, in C, and with the x86 SHA
 * extensions where the processor has them (sha256_portable_only() forces the
 * C rounds); both are checked against the standard's test vectors in
 * tests/unit/test_gate_read.c.
 */
#include "util/sha256.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One 64-byte block; the eight working words rotate by name, not by copy. */
static void compress_c(struct sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
				    (w[i - 15] >> 3)) + w[i - 7] +
		       (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	a = c->h[0];
	b = c->h[1];
	cc = c->h[2];
	d = c->h[3];
	e = c->h[4];
	f = c->h[5];
	g = c->h[6];
	h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
		     ((e & f) ^ (~e & g)) + k[i] + w[i];
		t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
		     ((a & b) ^ (a & cc) ^ (b & cc));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = cc;
		cc = b;
		b = a;
		a = t1 + t2;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
	c->h[5] += f;
	c->h[6] += g;
	c->h[7] += h;
}

#ifdef HAVE_SHA_NI
/*
 * The same block with the x86 SHA extensions (Intel's sha256rnds2 and
 * sha256msg1/2: four rounds and four schedule words an instruction), when
 * the processor has them: a fingerprint costs a fraction of the C rounds.
 * The state is kept as ABEF/CDGH, the order the instructions want.
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_ni(struct sha256 *c, const unsigned char *p)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
					    0x0405060700010203ULL);
	__m128i s0, s1, tmp, msg, m[4], abef, cdgh;
	int g;

	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&c->h[0]), 0xB1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&c->h[4]), 0x1B);
	s0 = _mm_alignr_epi8(tmp, s1, 8);		/* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);		/* CDGH */
	abef = s0;
	cdgh = s1;
	for (g = 0; g < 16; g++) {	/* four rounds each */
		if (g < 4) {
			m[g] = _mm_shuffle_epi8(_mm_loadu_si128(
				(const __m128i *)(p + 16 * g)), swap);
		} else {
			tmp = _mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]);
			tmp = _mm_add_epi32(tmp, _mm_alignr_epi8(m[(g + 3) & 3],
								 m[(g + 2) & 3], 4));
			m[g & 3] = _mm_sha256msg2_epu32(tmp, m[(g + 3) & 3]);
		}
		msg = _mm_add_epi32(m[g & 3],
				    _mm_loadu_si128((const __m128i *)&k[4 * g]));
		s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
		s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0E));
	}
	s0 = _mm_add_epi32(s0, abef);
	s1 = _mm_add_epi32(s1, cdgh);
	tmp = _mm_shuffle_epi32(s0, 0x1B);		/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);		/* DCHG */
	_mm_storeu_si128((__m128i *)&c->h[0], _mm_blend_epi16(tmp, s1, 0xF0));
	_mm_storeu_si128((__m128i *)&c->h[4], _mm_alignr_epi8(s1, tmp, 8));
}

/* CPUID: leaf 7 EBX bit 29 (SHA), leaf 1 ECX bits 19 (SSE4.1), 9 (SSSE3). */
static int have_sha_ni(void)
{
	unsigned a, b, cx, d;

	if (!__get_cpuid(1, &a, &b, &cx, &d) || !(cx & (1u << 19)) ||
	    !(cx & (1u << 9)))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &cx, &d) && (b & (1u << 29));
}
#endif

static int portable_only;	/* sha256_portable_only() */

void sha256_portable_only(void)
{
	portable_only = 1;
}

static void compress(struct sha256 *c, const unsigned char *p)
{
#ifdef HAVE_SHA_NI
	static int ni = -1;

	if (ni < 0)
		ni = have_sha_ni() && !portable_only;
	if (ni) {
		compress_ni(c, p);
		return;
	}
#endif
	compress_c(c, p);
}

void sha256_init(struct sha256 *c)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, h0, sizeof(h0));
	c->len = 0;
	c->fill = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;

	c->len += len;
	while (len) {
		size_t n = 64 - c->fill < len ? 64 - c->fill : len;

		memcpy(c->block + c->fill, p, n);
		c->fill += n;
		p += n;
		len -= n;
		if (c->fill == 64) {
			compress(c, c->block);
			c->fill = 0;
		}
	}
}

void sha256_final(struct sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	int i;

	/* 0x80, zeros up to 56 mod 64 (in one or two blocks), the length */
	c->block[c->fill++] = 0x80;
	if (c->fill > 56) {
		memset(c->block + c->fill, 0, 64 - c->fill);
		compress(c, c->block);
		c->fill = 0;
	}
	memset(c->block + c->fill, 0, 56 - c->fill);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(c, c->block);
	c->fill = 0;
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}
