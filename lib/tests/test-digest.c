/* Unit tests: SHA-256 (digest.c) against the FIPS 180-4 examples and sha256sum(1). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "digest.h"

static void
check(const char *text, size_t len, const char *want)
{
	struct berth_digest d;
	char hex[65];

	berth_digest_init(&d);
	berth_digest_add(&d, text, len);
	berth_digest_hex(&d, hex);
	assert_string_equal(hex, want);
}

static void
test_vectors(void **state)
{
	(void)state;
	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the length no longer fits in the first block */
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* 64 bytes: exactly one block, padding in a second */
	check("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64,
	      "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e");
	/* a NUL counts like any byte */
	check("a\0b", 3, "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
}

/* The same bytes in pieces of any size give the same digest. */
static void
test_pieces(void **state)
{
	static char text[1000];
	struct berth_digest d;
	char whole[65], hex[65];
	size_t step, i;

	(void)state;
	for (i = 0; i < sizeof(text); i++)
		text[i] = (char)('a' + i % 26);
	berth_digest_init(&d);
	berth_digest_add(&d, text, sizeof(text));
	berth_digest_hex(&d, whole);
	for (step = 1; step < 130; step++) {
		berth_digest_init(&d);
		for (i = 0; i < sizeof(text); i += step)
			berth_digest_add(&d, text + i, i + step > sizeof(text) ? sizeof(text) - i : step);
		berth_digest_add(&d, text, 0);
		berth_digest_hex(&d, hex);
		assert_string_equal(hex, whole);
	}
}

/* A million 'a's (FIPS 180-4's long example): the byte count crosses 2^23 bits. */
static void
test_million(void **state)
{
	static char block[1000];
	struct berth_digest d;
	char hex[65];
	int i;

	(void)state;
	memset(block, 'a', sizeof(block));
	berth_digest_init(&d);
	for (i = 0; i < 1000; i++)
		berth_digest_add(&d, block, sizeof(block));
	berth_digest_hex(&d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_million),
	};

	return cmocka_run_group_tests_name("digest", tests, NULL, NULL);
}
