/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the Go-compatible value parsers (goparse.h), each fed the same input.
 *
 * Besides crashes, sanitizer reports and leaks, each parser's result must be consistent with
 * itself: what a parser accepts, printed back the way Go prints it, parses again to the same
 * value; path.Clean and the IP's canonical text are fixed points; a csv record has at least one
 * field and no NULL one; every failure says why. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goparse.h"
#include "words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_integers(const char *s)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	char buf[32];
	uint64_t u, u2;
	int64_t i, i2;

	for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		if (berth_go_parse_uint(s, bases[b], UINT16_MAX, &u) == 0 && u > UINT16_MAX)
			abort(); /* the maximum holds */
		if (berth_go_parse_uint(s, bases[b], UINT64_MAX, &u) == 0) {
			snprintf(buf, sizeof(buf), "%" PRIu64, u);
			if (berth_go_parse_uint(buf, 10, UINT64_MAX, &u2) != 0 || u2 != u)
				abort();
		}
		if (berth_go_parse_int(s, bases[b], &i) == 0) {
			snprintf(buf, sizeof(buf), "%" PRId64, i);
			if (berth_go_parse_int(buf, 10, &i2) != 0 || i2 != i)
				abort();
			if (s[0] == '-' && i > 0)
				abort();
		}
	}
}

static void
check_duration_and_sizes(const char *s)
{
	int64_t n, m;
	char buf[32];
	bool b;

	if (berth_go_parse_duration(s, &n) == 0) {
		if (s[0] == '-' && n > 0)
			abort();
		snprintf(buf, sizeof(buf), "%" PRId64 "ns", n);
		if (berth_go_parse_duration(buf, &m) != 0 || m != n)
			abort();
	}
	if (berth_go_ram_in_bytes(s, &n) == 0 && n < 0)
		abort();
	if (berth_go_from_human_size(s, &m) == 0 && m < 0)
		abort();
	if (berth_go_parse_bool(s, &b) == 0 && strlen(s) > 5)
		abort();
}

static void
check_text(const char *s)
{
	char ip[BERTH_GO_IP_STRLEN], ip2[BERTH_GO_IP_STRLEN];
	char *clean, *again, **fields = NULL;
	const char *why = NULL;
	size_t n = 0;

	if (berth_go_ip_string(s, ip, sizeof(ip)) == 0) {
		if (strlen(ip) >= sizeof(ip) || berth_go_ip_string(ip, ip2, sizeof(ip2)) != 0 || strcmp(ip, ip2) != 0)
			abort(); /* the canonical text is canonical */
	}
	if (berth_go_mac_valid(s) && strlen(s) < 14)
		abort();
	clean = berth_go_path_clean(s);
	again = berth_go_path_clean(clean);
	if (clean[0] == '\0' || strcmp(clean, again) != 0 || strstr(clean, "//") != NULL)
		abort();
	free(again);
	free(clean);
	if (berth_go_csv_record(s, &fields, &n, &why) == 0) {
		if (fields == NULL || n == 0 || fields[n] != NULL)
			abort();
		for (size_t i = 0; i < n; i++)
			if (fields[i] == NULL)
				abort();
		berth_words_free(fields);
	} else if (why == NULL || fields != NULL) {
		abort(); /* every failure says why, and hands nothing back */
	}
	for (const char *p = s; *p != '\0'; p++)
		(void)berth_go_is_word_char(*p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		return 0;
	/* Flag values come from run_opts, a C string: the value ends at the first NUL. */
	memcpy(s, data, size);
	s[size] = '\0';
	check_integers(s);
	check_duration_and_sizes(s);
	check_text(s);
	free(s);
	return 0;
}
