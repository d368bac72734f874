/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the accounting of an image pull's progress stream, on canned streams split every
 * way, and when a progress line is due. */
#include "config.h"

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"

/* What dockerd 20.10 sent for a pull of an image with three layers, one already on the node,
 * cut short before the end: two layers done, the third still downloading. */
static const char stream[] = "{\"status\":\"Pulling from berth/test\",\"id\":\"latest\"}\r\n"
			     "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"aaaaaaaaaaaa\"}\r\n"
			     "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"cccccccccccc\"}\r\n"
			     "{\"status\":\"Waiting\",\"progressDetail\":{},\"id\":\"cccccccccccc\"}\r\n"
			     "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1000000,\"total\":2000000},"
			     "\"progress\":\"[=====>     ]\",\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":2000000,\"total\":2000000},"
			     "\"progress\":\"[==========>]\",\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Verifying Checksum\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":32768,\"total\":2000000},"
			     "\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"bbbbbbbbbbbb\"}\r\n"
			     "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500000,\"total\":8000000},"
			     "\"progress\":\"[>          ]\",\"id\":\"cccccccccccc\"}\r\n";

static void
feed(struct berth_progress *p, const char *text)
{
	berth_progress_feed(p, text, strlen(text));
}

static void
check_counts(const struct berth_progress *p)
{
	size_t done, layers, unsized;
	long long bytes, total;

	berth_progress_counts(p, &done, &layers, &bytes, &total, &unsized);
	assert_int_equal(layers, 3);
	assert_int_equal(done, 2);
	assert_int_equal(unsized, 0);
	assert_int_equal(bytes, 2500000);
	assert_int_equal(total, 10000000);
	assert_null(p->error);
}

/* The same counts whatever the chunks: one piece, every byte alone, every chunk size in between. */
static void
test_counts_whatever_the_split(void **state)
{
	size_t n = strlen(stream), chunk, i;

	for (chunk = 1; chunk <= n; chunk += chunk < 64 ? 1 : 97) {
		struct berth_progress p;

		berth_progress_init(&p, 0);
		for (i = 0; i < n; i += chunk)
			berth_progress_feed(&p, stream + i, n - i < chunk ? n - i : chunk);
		berth_progress_end(&p);
		check_counts(&p);
		assert_int_equal(p.lines, 12);
		berth_progress_release(&p);
	}
}

static void
test_summary(void **state)
{
	struct berth_progress p;
	char *s;

	berth_progress_init(&p, 0);
	berth_progress_feed(&p, stream, strlen(stream));
	s = berth_progress_summary(&p);
	assert_string_equal(s, "2 of 3 layers done, 2.5 MB of 10.0 MB");
	free(s);
	/* A layer whose size is not known yet is said so, not counted as zero bytes. */
	feed(&p, "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"dddd\"}\n");
	s = berth_progress_summary(&p);
	assert_string_equal(s, "2 of 4 layers done, 2.5 MB of 10.0 MB, 1 layer not sized yet");
	free(s);
	berth_progress_release(&p);
}

/* The last line needs no newline; the stream's error is kept, and a later one does not replace
 * it. */
static void
test_error_and_last_line(void **state)
{
	static const char errs[] = "{\"status\":\"Pulling from x\",\"id\":\"latest\"}\n"
				   "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},"
				   "\"error\":\"unauthorized: authentication required\"}\n"
				   "{\"error\":\"second\"}";
	struct berth_progress p;

	berth_progress_init(&p, 0);
	berth_progress_feed(&p, errs, strlen(errs));
	assert_string_equal(p.error, "unauthorized: authentication required");
	berth_progress_end(&p);
	assert_string_equal(p.error, "unauthorized: authentication required");
	assert_int_equal(p.lines, 3);
	berth_progress_release(&p);

	berth_progress_init(&p, 0);
	feed(&p, "{\"error\":\"no basic auth credentials\"}");
	assert_null(p.error);
	berth_progress_end(&p);
	assert_string_equal(p.error, "no basic auth credentials");
	berth_progress_release(&p);
}

/* A hostile stream: an endless line is skipped (memory stays bounded) and the next line counts;
 * junk and lines of the wrong shape count nothing; at most BERTH_PROGRESS_MAX_LAYERS layers. */
static void
test_hostile_stream(void **state)
{
	static const char next[] = "\n{\"status\":\"Pull complete\",\"id\":\"eeee\"}\n";
	char junk[4096];
	struct berth_progress p;
	size_t i, layers;

	memset(junk, 'x', sizeof(junk));
	berth_progress_init(&p, 0);
	for (i = 0; i < 100; i++)
		berth_progress_feed(&p, junk, sizeof(junk));
	/* bounded: the longest line kept, and the buffer grows by doubling */
	assert_true(p.line.cap <= 2 * (BERTH_PROGRESS_MAX_LINE + 1));
	berth_progress_feed(&p, next, strlen(next));
	berth_progress_counts(&p, &i, &layers, NULL, NULL, NULL);
	assert_int_equal(layers, 1);
	assert_int_equal(i, 1);
	feed(&p, "[1,2]\nnot json\n{\"status\":7,\"id\":\"x\"}\n{\"status\":\"Downloading\",\"id\":{}}\n");
	berth_progress_counts(&p, NULL, &layers, NULL, NULL, NULL);
	assert_int_equal(layers, 1);
	for (i = 0; i < BERTH_PROGRESS_MAX_LAYERS + 50; i++) {
		char line[96];
		int n = snprintf(line, sizeof(line), "{\"status\":\"Waiting\",\"id\":\"l%zu\"}\n", i);
		berth_progress_feed(&p, line, (size_t)n);
	}
	berth_progress_counts(&p, NULL, &layers, NULL, NULL, NULL);
	assert_int_equal(layers, BERTH_PROGRESS_MAX_LAYERS);
	berth_progress_release(&p);
}

/* One line every 5 s at most, counted from the start of the pull. */
static void
test_due_every_interval(void **state)
{
	struct berth_progress p;

	berth_progress_init(&p, 1000);
	assert_false(berth_progress_due(&p, 1000));
	assert_false(berth_progress_due(&p, 5999));
	assert_true(berth_progress_due(&p, 6000));
	assert_false(berth_progress_due(&p, 6001));
	assert_false(berth_progress_due(&p, 10999));
	assert_true(berth_progress_due(&p, 12500));
	assert_false(berth_progress_due(&p, 17000));
	assert_true(berth_progress_due(&p, 17500));
	berth_progress_release(&p);
}

/* Layer sizes are the daemon's word: sums of absurd ones stop at the largest number instead of
 * overflowing (undefined; in practice a negative total in the log). */
static void
test_sizes_do_not_overflow(void **state)
{
	struct berth_progress p;
	long long bytes, total;
	size_t layers;
	char *summary;
	int i;

	berth_progress_init(&p, 0);
	for (i = 0; i < 3; i++) {
		char line[256];

		snprintf(line, sizeof(line),
			 "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":9223372036854775807,"
			 "\"total\":9223372036854775807},\"id\":\"layer%d\"}\n",
			 i);
		feed(&p, line);
	}
	berth_progress_counts(&p, NULL, &layers, &bytes, &total, NULL);
	assert_int_equal(layers, 3);
	assert_true(total == LLONG_MAX);
	assert_true(bytes == LLONG_MAX);
	summary = berth_progress_summary(&p);
	assert_null(strchr(summary, '-'));
	free(summary);
	berth_progress_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_whatever_the_split),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_sizes_do_not_overflow),
		cmocka_unit_test(test_error_and_last_line),
		cmocka_unit_test(test_hostile_stream),
		cmocka_unit_test(test_due_every_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
