#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/sha256.h"

TestSuite(sha256);

static void hex(const unsigned char d[32], char out[65])
{
	int i;

	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void digest(const char *s, size_t len, size_t chunk, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	size_t off;

	sha256_init(&c);
	for (off = 0; off < len; off += chunk)
		sha256_update(&c, s + off, len - off < chunk ? len - off : chunk);
	sha256_final(&c, d);
	hex(d, out);
}

/* FIPS 180-4 examples and the padding edges (55, 56, 64 bytes). */
Test(sha256, known_answers)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char out[65];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		digest(cases[i].in, strlen(cases[i].in), 64, out);
		cr_assert_str_eq(out, cases[i].want, "case %zu", i);
	}
}

Test(sha256, a_million_a_in_odd_chunks)
{
	static char a[1000000];
	char out[65];

	memset(a, 'a', sizeof(a));
	digest(a, sizeof(a), 997, out);
	cr_assert_str_eq(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

Test(sha256, chunking_does_not_change_the_digest)
{
	char text[200], one[65], other[65];
	size_t len, chunk;

	for (len = 0; len < sizeof(text); len++)
		text[len] = (char)('a' + len % 26);
	for (len = 50; len <= 130; len += 5) {
		digest(text, len, len ? len : 1, one);
		for (chunk = 1; chunk < 70; chunk += 13) {
			digest(text, len, chunk, other);
			cr_assert_str_eq(one, other, "len %zu chunk %zu", len, chunk);
		}
	}
}
