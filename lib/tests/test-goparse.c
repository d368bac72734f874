/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the Go-compatible value parsers, one table of rows per parser.
 *
 * The expected values are what Go (strconv, time, net, path, encoding/csv) and go-units give for
 * the same input; the rows aim at the edges: bases and prefixes, underscores, signs, overflow by
 * one, units, address forms, csv quoting. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goparse.h"
#include "words.h"

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))
#define FAIL      (-1)

static void
test_parse_bool(void **state)
{
	static const struct {
		const char *in;
		int rc;
		bool out;
	} rows[] = {
		{ "1", 0, true },        { "t", 0, true },         { "T", 0, true },         { "TRUE", 0, true },
		{ "true", 0, true },     { "True", 0, true },      { "0", 0, false },        { "f", 0, false },
		{ "F", 0, false },       { "FALSE", 0, false },    { "false", 0, false },    { "False", 0, false },
		{ "", FAIL, false },     { "yes", FAIL, false },   { "on", FAIL, false },    { "tRUE", FAIL, false },
		{ "truE", FAIL, false }, { " true", FAIL, false }, { "true ", FAIL, false }, { "2", FAIL, false },
		{ "00", FAIL, false },   { "fals", FAIL, false },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		bool out = !rows[i].out;
		int rc = berth_go_parse_bool(rows[i].in, &out);

		if (rc != rows[i].rc || (rc == 0 && out != rows[i].out))
			fail_msg("ParseBool(\"%s\"): rc %d out %d", rows[i].in, rc, out);
	}
}

static void
test_parse_uint(void **state)
{
	static const struct {
		const char *in;
		int base;
		uint64_t max;
		int rc;
		uint64_t out;
	} rows[] = {
		{ "0", 0, UINT64_MAX, 0, 0 },
		{ "123", 10, UINT64_MAX, 0, 123 },
		{ "0123", 10, UINT64_MAX, 0, 123 },
		{ "0x1f", 0, UINT64_MAX, 0, 31 },
		{ "0X1F", 0, UINT64_MAX, 0, 31 },
		{ "0o17", 0, UINT64_MAX, 0, 15 },
		{ "0O17", 0, UINT64_MAX, 0, 15 },
		{ "0b101", 0, UINT64_MAX, 0, 5 },
		{ "017", 0, UINT64_MAX, 0, 15 }, /* a leading 0 is octal in Go literals */
		{ "00", 0, UINT64_MAX, 0, 0 },
		{ "08", 0, UINT64_MAX, FAIL, 0 }, /* not an octal digit */
		{ "0x", 0, UINT64_MAX, FAIL, 0 }, /* too short for a prefix: octal "x" */
		{ "0b", 0, UINT64_MAX, FAIL, 0 },
		{ "0b2", 0, UINT64_MAX, FAIL, 0 },
		{ "1_000", 0, UINT64_MAX, 0, 1000 },
		{ "0x_1f", 0, UINT64_MAX, 0, 31 }, /* a base prefix counts as a digit */
		{ "0_17", 0, UINT64_MAX, 0, 15 },
		{ "1_000", 10, UINT64_MAX, FAIL, 0 }, /* '_' only with base 0 */
		{ "_1", 0, UINT64_MAX, FAIL, 0 },
		{ "1_", 0, UINT64_MAX, FAIL, 0 },
		{ "1__0", 0, UINT64_MAX, FAIL, 0 },
		{ "18446744073709551615", 10, UINT64_MAX, 0, UINT64_MAX },
		{ "18446744073709551616", 10, UINT64_MAX, FAIL, 0 },
		{ "0xffffffffffffffff", 0, UINT64_MAX, 0, UINT64_MAX },
		{ "0x10000000000000000", 0, UINT64_MAX, FAIL, 0 },
		{ "65535", 10, UINT16_MAX, 0, 65535 },
		{ "65536", 10, UINT16_MAX, FAIL, 0 },
		{ "0xffff", 0, UINT16_MAX, 0, 65535 },
		{ "0x10000", 0, UINT16_MAX, FAIL, 0 },
		{ "", 10, UINT64_MAX, FAIL, 0 },
		{ "", 0, UINT64_MAX, FAIL, 0 },
		{ "-1", 10, UINT64_MAX, FAIL, 0 }, /* no sign in ParseUint */
		{ "+1", 10, UINT64_MAX, FAIL, 0 },
		{ " 1", 10, UINT64_MAX, FAIL, 0 },
		{ "1 ", 10, UINT64_MAX, FAIL, 0 },
		{ "1.0", 10, UINT64_MAX, FAIL, 0 },
		{ "777", 8, UINT32_MAX, 0, 511 },
		{ "1777", 8, UINT32_MAX, 0, 1023 },
		{ "9", 8, UINT32_MAX, FAIL, 0 },
		{ "0o17", 8, UINT32_MAX, FAIL, 0 }, /* prefixes only with base 0 */
		{ "1f", 16, UINT64_MAX, 0, 31 },
		{ "1F", 16, UINT64_MAX, 0, 31 },
		{ "zz", 36, UINT64_MAX, 0, 1295 },
		{ "101", 2, UINT64_MAX, 0, 5 },
		{ "102", 2, UINT64_MAX, FAIL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		uint64_t out = 12345;
		int rc = berth_go_parse_uint(rows[i].in, rows[i].base, rows[i].max, &out);

		if (rc != rows[i].rc || (rc == 0 && out != rows[i].out))
			fail_msg("ParseUint(\"%s\", %d): rc %d out %llu", rows[i].in, rows[i].base, rc,
				 (unsigned long long)out);
	}
}

static void
test_parse_int(void **state)
{
	static const struct {
		const char *in;
		int base;
		int rc;
		int64_t out;
	} rows[] = {
		{ "0", 0, 0, 0 },
		{ "-0", 0, 0, 0 },
		{ "+42", 0, 0, 42 },
		{ "-42", 0, 0, -42 },
		{ "9223372036854775807", 0, 0, INT64_MAX },
		{ "9223372036854775808", 0, FAIL, 0 },
		{ "-9223372036854775808", 0, 0, INT64_MIN },
		{ "-9223372036854775809", 0, FAIL, 0 },
		{ "-0x10", 0, 0, -16 },
		{ "0x7fffffffffffffff", 0, 0, INT64_MAX },
		{ "0x8000000000000000", 0, FAIL, 0 },
		{ "-0x8000000000000000", 0, 0, INT64_MIN },
		{ "-1_000", 0, 0, -1000 },
		{ "012", 0, 0, 10 },
		{ "012", 10, 0, 12 },
		{ "-12", 10, 0, -12 },
		{ "+12", 10, 0, 12 },
		{ "1_000", 10, FAIL, 0 },
		{ "0x10", 10, FAIL, 0 },
		{ "", 0, FAIL, 0 },
		{ "-", 0, FAIL, 0 },
		{ "+", 10, FAIL, 0 },
		{ "+-1", 0, FAIL, 0 },
		{ "--1", 0, FAIL, 0 },
		{ " 1", 0, FAIL, 0 },
		{ "1 ", 0, FAIL, 0 },
		{ "1e3", 0, FAIL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		int64_t out = 12345;
		int rc = berth_go_parse_int(rows[i].in, rows[i].base, &out);

		if (rc != rows[i].rc || (rc == 0 && out != rows[i].out))
			fail_msg("ParseInt(\"%s\", %d): rc %d out %lld", rows[i].in, rows[i].base, rc, (long long)out);
	}
}

static void
test_parse_duration(void **state)
{
	static const struct {
		const char *in;
		int rc;
		int64_t ns;
	} rows[] = {
		{ "0", 0, 0 },
		{ "-0", 0, 0 },
		{ "+0", 0, 0 },
		{ "0s", 0, 0 },
		{ "1ns", 0, 1 },
		{ "1us", 0, 1000 },
		{ "1\xc2\xb5s", 0, 1000 }, /* U+00B5 micro sign */
		{ "1\xce\xbcs", 0, 1000 }, /* U+03BC Greek mu */
		{ "500ms", 0, 500000000 },
		{ "1s", 0, 1000000000 },
		{ "1.5s", 0, 1500000000 },
		{ ".5s", 0, 500000000 },
		{ "1.s", 0, 1000000000 },
		{ "1m30s", 0, 90000000000 },
		{ "1h", 0, 3600000000000 },
		{ "0.5h", 0, 1800000000000 },
		{ "1h1h", 0, 7200000000000 },
		{ "1.0000000001s", 0, 1000000000 }, /* below a nanosecond: truncated */
		{ "-1s", 0, -1000000000 },
		{ "+1s", 0, 1000000000 },
		{ "2562047h", 0, 9223369200000000000 },
		{ "2562048h", FAIL, 0 },
		{ "9223372036854775807ns", 0, INT64_MAX },
		{ "9223372036854775808ns", FAIL, 0 },
		{ "-9223372036854775808ns", 0, INT64_MIN },
		{ "-9223372036854775809ns", FAIL, 0 },
		{ "", FAIL, 0 },
		{ "-", FAIL, 0 },
		{ "1", FAIL, 0 }, /* a unit is required, except for 0 */
		{ "00", FAIL, 0 },
		{ ".s", FAIL, 0 },
		{ "s", FAIL, 0 },
		{ "1x", FAIL, 0 },
		{ "1S", FAIL, 0 },
		{ "1s1", FAIL, 0 },
		{ "1 s", FAIL, 0 },
		{ " 1s", FAIL, 0 },
		{ "1d", FAIL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		int64_t ns = 12345;
		int rc = berth_go_parse_duration(rows[i].in, &ns);

		if (rc != rows[i].rc || (rc == 0 && ns != rows[i].ns))
			fail_msg("ParseDuration(\"%s\"): rc %d ns %lld", rows[i].in, rc, (long long)ns);
	}
}

static void
test_sizes(void **state)
{
	static const struct {
		const char *in;
		int rc;
		int64_t ram; /* RAMInBytes */
		int64_t si;  /* FromHumanSize */
	} rows[] = {
		{ "0", 0, 0, 0 },
		{ "1", 0, 1, 1 },
		{ "10b", 0, 10, 10 },
		{ "10B", 0, 10, 10 },
		{ "1k", 0, 1024, 1000 },
		{ "1K", 0, 1024, 1000 },
		{ "1kb", 0, 1024, 1000 },
		{ "1KiB", 0, 1024, 1000 },
		{ "1 k", 0, 1024, 1000 },
		{ "1.5k", 0, 1536, 1500 },
		{ "1.9b", 0, 1, 1 }, /* truncated */
		{ "512m", 0, 536870912, 512000000 },
		{ "1g", 0, 1073741824, 1000000000 },
		{ "1.5G", 0, 1610612736, 1500000000 },
		{ "1t", 0, 1099511627776, 1000000000000 },
		{ "1p", 0, 1125899906842624, 1000000000000000 },
		{ "1i", 0, 1, 1 },
		{ "1ib", 0, 1, 1 },
		{ "8191p", 0, 9222246136947933184, 8191000000000000000 },
		{ "", FAIL, 0, 0 },
		{ "-1", FAIL, 0, 0 },
		{ ".5k", FAIL, 0, 0 },
		{ "1.k", FAIL, 0, 0 },
		{ "1.2.3", FAIL, 0, 0 }, /* matches the pattern, but is no float */
		{ "k", FAIL, 0, 0 },
		{ "1kk", FAIL, 0, 0 },
		{ "1bi", FAIL, 0, 0 },
		{ "1e", FAIL, 0, 0 },
		{ "1e3", FAIL, 0, 0 },
		{ "1  k", FAIL, 0, 0 },
		{ " 1", FAIL, 0, 0 },
		{ "1 ", 0, 1, 1 }, /* the space before the unit is optional, the unit too */
		{ "0x10", FAIL, 0, 0 },
		{ "99999999999999999999", FAIL, 0, 0 }, /* beyond int64 */
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		int64_t ram = 12345, si = 12345;
		int rc1 = berth_go_ram_in_bytes(rows[i].in, &ram), rc2 = berth_go_from_human_size(rows[i].in, &si);

		if (rc1 != rows[i].rc || (rc1 == 0 && ram != rows[i].ram))
			fail_msg("RAMInBytes(\"%s\"): rc %d out %lld", rows[i].in, rc1, (long long)ram);
		if (rc2 != rows[i].rc || (rc2 == 0 && si != rows[i].si))
			fail_msg("FromHumanSize(\"%s\"): rc %d out %lld", rows[i].in, rc2, (long long)si);
	}
	/* where the two bases part: the binary size overflows first */
	{
		int64_t out;

		assert_int_equal(berth_go_ram_in_bytes("8192p", &out), FAIL);
		assert_int_equal(berth_go_from_human_size("8192p", &out), 0);
		assert_int_equal(out, 8192000000000000000);
		assert_int_equal(berth_go_from_human_size("9224p", &out), FAIL);
	}
}

static void
test_ip_string(void **state)
{
	static const struct {
		const char *in;
		const char *out; /* NULL: not an address */
	} rows[] = {
		{ "1.2.3.4", "1.2.3.4" },
		{ "0.0.0.0", "0.0.0.0" },
		{ "255.255.255.255", "255.255.255.255" },
		{ "::1", "::1" },
		{ "::", "::" },
		{ "1::", "1::" },
		{ "1:0:0:0:0:0:0:0", "1::" },
		{ "0:0:0:0:0:0:0:1", "::1" },
		{ "2001:DB8::1", "2001:db8::1" },
		{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" }, /* the first of two equal runs */
		{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },       /* the longest run */
		{ "1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7" },        /* one zero group stays */
		{ "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
		{ "::ffff:1.2.3.4", "1.2.3.4" }, /* IPv4-mapped prints as IPv4 */
		{ "::ffff:102:304", "1.2.3.4" },
		{ "::1.2.3.4", "::102:304" }, /* Go never prints embedded IPv4 */
		{ "fe80::1%eth0", NULL },
		{ "1.2.3.4/24", NULL },
		{ "[::1]", NULL },
		{ "256.1.1.1", NULL },
		{ "1.2.3", NULL },
		{ "1.2.3.4.5", NULL },
		{ " 1.2.3.4", NULL },
		{ "1:2:3:4:5:6:7:8:9", NULL },
		{ "1:::2", NULL },
		{ "", NULL },
		{ "localhost", NULL },
	};
	char buf[BERTH_GO_IP_STRLEN];

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		int rc = berth_go_ip_string(rows[i].in, buf, sizeof(buf));

		if (rows[i].out == NULL && rc == 0)
			fail_msg("ParseIP(\"%s\"): accepted as %s", rows[i].in, buf);
		if (rows[i].out != NULL && (rc != 0 || strcmp(buf, rows[i].out) != 0))
			fail_msg("ParseIP(\"%s\"): rc %d, \"%s\" instead of \"%s\"", rows[i].in, rc, rc == 0 ? buf : "",
				 rows[i].out);
	}
	/* a buffer too small for IPv6 is refused, not overrun */
	assert_int_equal(berth_go_ip_string("2001:db8::1", buf, 8), FAIL);
}

static void
test_mac_valid(void **state)
{
	static const struct {
		const char *in;
		bool valid;
	} rows[] = {
		{ "02:42:ac:11:00:02", true },
		{ "02-42-AC-11-00-02", true },
		{ "0242.ac11.0002", true },
		{ "02:42:ac:11:00:02:00:01", true },                                     /* EUI-64 */
		{ "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01", true }, /* IPoIB, 20 octets */
		{ "0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001", true },
		{ "02:42:ac:11:00", false },
		{ "02:42:ac:11:00:02:03", false },
		{ "02:42-ac:11:00:02", false },
		{ "02:42:ac:11:00:0g", false },
		{ "02:42:ac:11:00:02:", false },
		{ "2:42:ac:11:00:02", false },
		{ "0242ac110002", false },
		{ "0242.ac11.0002.", false },
		{ "0242.ac11:0002", false },
		{ " 02:42:ac:11:00:02", false }, /* callers trim */
		{ "", false },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++)
		if (berth_go_mac_valid(rows[i].in) != rows[i].valid)
			fail_msg("ParseMAC(\"%s\"): expected %s", rows[i].in, rows[i].valid ? "valid" : "invalid");
}

static void
test_path_clean(void **state)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "", "." },
		{ ".", "." },
		{ "/", "/" },
		{ "//", "/" },
		{ "a/b", "a/b" },
		{ "a//b", "a/b" },
		{ "a/./b", "a/b" },
		{ "a/../b", "b" },
		{ "a/..", "." },
		{ "../a", "../a" },
		{ "/../a", "/a" },
		{ "/..", "/" },
		{ "a/b/../../..", ".." },
		{ "../../x/..", "../.." },
		{ "abc/def/../../../ghi", "../ghi" },
		{ "/a/b/", "/a/b" },
		{ "/dev/./null", "/dev/null" },
		{ "...", "..." },
		{ "a/.../b", "a/.../b" },
		{ "./a", "a" },
		{ "a/b/c/../../d", "a/d" },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		char *out = berth_go_path_clean(rows[i].in);

		if (strcmp(out, rows[i].out) != 0)
			fail_msg("path.Clean(\"%s\"): \"%s\" instead of \"%s\"", rows[i].in, out, rows[i].out);
		free(out);
	}
}

static void
test_csv_record(void **state)
{
	static const struct {
		const char *in;
		const char *fields[5]; /* NULL-terminated; fields[0] NULL: an error */
		const char *why;       /* part of the error */
	} rows[] = {
		{ "a,b,c", { "a", "b", "c", NULL }, NULL },
		{ "a", { "a", NULL }, NULL },
		{ "a,,b", { "a", "", "b", NULL }, NULL },
		{ "a,", { "a", "", NULL }, NULL },
		{ ",", { "", "", NULL }, NULL },
		{ " a , b ", { " a ", " b ", NULL }, NULL }, /* no trimming */
		{ "\"a,b\",c", { "a,b", "c", NULL }, NULL },
		{ "\"a\"\"b\"", { "a\"b", NULL }, NULL },
		{ "\"\"", { "", NULL }, NULL },
		{ "\"\",x", { "", "x", NULL }, NULL },
		{ "\"a\nb\",c", { "a\nb", "c", NULL }, NULL },
		{ "\"a\r\nb\"", { "a\nb", NULL }, NULL }, /* CRLF in quotes reads as LF */
		{ "a\rb", { "a\rb", NULL }, NULL },       /* a lone CR is data */
		{ "a\nb", { "a", NULL }, NULL },          /* one record only */
		{ "a\r\nb", { "a", NULL }, NULL },
		{ "\n\r\na,b", { "a", "b", NULL }, NULL }, /* leading empty lines skipped */
		{ "type=bind,source=/x,target=/y", { "type=bind", "source=/x", "target=/y", NULL }, NULL },
		{ "", { NULL }, "empty value" },
		{ "\n\n", { NULL }, "empty value" },
		{ "a\"b", { NULL }, "bare '\"' in a non-quoted field" },
		{ "a,b\"", { NULL }, "bare '\"'" },
		{ "\"a\"b", { NULL }, "extraneous '\"' in a quoted field" },
		{ "\"a\" ,b", { NULL }, "extraneous" },
		{ "\"abc", { NULL }, "missing closing '\"' in a quoted field" },
		{ "a,\"b", { NULL }, "missing closing" },
	};

	(void)state;
	for (size_t i = 0; i < N_ROWS(rows); i++) {
		char **fields = NULL;
		const char *why = NULL;
		size_t n = 99, want = 0;
		int rc = berth_go_csv_record(rows[i].in, &fields, &n, &why);

		while (rows[i].fields[want] != NULL)
			want++;
		if (rows[i].why != NULL) {
			if (rc == 0 || why == NULL || strstr(why, rows[i].why) == NULL)
				fail_msg("csv(\"%s\"): rc %d why \"%s\"", rows[i].in, rc, why ? why : "(null)");
			assert_null(fields);
			continue;
		}
		if (rc != 0)
			fail_msg("csv(\"%s\"): failed: %s", rows[i].in, why);
		assert_int_equal(n, want);
		for (size_t k = 0; k < want; k++)
			if (fields[k] == NULL || strcmp(fields[k], rows[i].fields[k]) != 0)
				fail_msg("csv(\"%s\"): field %zu is \"%s\", expected \"%s\"", rows[i].in, k,
					 fields[k] ? fields[k] : "(null)", rows[i].fields[k]);
		assert_null(fields[want]);
		berth_words_free(fields);
	}
}

static void
test_word_char(void **state)
{
	static const char yes[] = "09azAZ_";
	static const char no[] = "-.= \t@[`{/:\x7f\xc3\xa9";

	(void)state;
	for (const char *c = yes; *c != '\0'; c++)
		if (!berth_go_is_word_char(*c))
			fail_msg("'%c' should be \\w", *c);
	for (const char *c = no; *c != '\0'; c++)
		if (berth_go_is_word_char(*c))
			fail_msg("0x%02x should not be \\w", (unsigned char)*c);
	assert_false(berth_go_is_word_char('\0'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_bool), cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_parse_int),  cmocka_unit_test(test_parse_duration),
		cmocka_unit_test(test_sizes),      cmocka_unit_test(test_ip_string),
		cmocka_unit_test(test_mac_valid),  cmocka_unit_test(test_path_clean),
		cmocka_unit_test(test_csv_record), cmocka_unit_test(test_word_char),
	};

	return cmocka_run_group_tests_name("goparse", tests, NULL, NULL);
}
