/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the one growable buffer and list of strings (buf.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "words.h"

static void
test_add_keeps_text_terminated(void **state)
{
	struct berth_buf b = { 0 };
	char *s;

	(void)state;
	assert_null(b.data);
	berth_buf_adds(&b, "run");
	berth_buf_addc(&b, '-');
	berth_buf_addf(&b, "%d:%s", 42, "x");
	berth_buf_add(&b, "ab\0cd", 5);
	assert_int_equal(b.len, 3 + 1 + 4 + 5);
	assert_memory_equal(b.data, "run-42:xab\0cd", 14); /* and its '\0' */
	assert_true(b.cap > b.len);
	s = berth_buf_steal(&b);
	assert_string_equal(s, "run-42:xab");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
}

/* Growing past many doublings keeps every byte, in order. */
static void
test_growth_keeps_every_byte(void **state)
{
	berth_cleanup(buf) struct berth_buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < 100000; i++)
		berth_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 100000);
	for (i = 0; i < 100000; i++)
		if (b.data[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is '%c'", i, b.data[i]);
	assert_int_equal(b.data[b.len], '\0');
	berth_buf_addf(&b, "%s", "");
	assert_int_equal(b.len, 100000);
}

static void
test_steal_of_nothing_is_empty_text(void **state)
{
	struct berth_buf b = { 0 };
	char *s = berth_buf_steal(&b);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	berth_buf_release(&b); /* a released or stolen buffer may be released again */
	berth_buf_clear(&b);
	berth_buf_drop_front(&b, 3);
	assert_null(b.data);
}

static void
test_drop_front_and_clear(void **state)
{
	berth_cleanup(buf) struct berth_buf b = { .secret = true };

	(void)state;
	berth_buf_adds(&b, "0123456789");
	berth_buf_drop_front(&b, 4);
	assert_string_equal(b.data, "456789");
	assert_int_equal(b.len, 6);
	/* the bytes moved out of the text are zeroed in a secret buffer */
	assert_memory_equal(b.data + 7, "\0\0\0\0", 4);
	berth_buf_drop_front(&b, 100);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	berth_buf_adds(&b, "again");
	berth_buf_clear(&b);
	assert_string_equal(b.data, "");
	assert_true(b.cap > 0);
	berth_buf_release(&b);
	assert_true(b.secret); /* kept: the buffer is still the secret kind */
}

static void
test_strv(void **state)
{
	struct berth_strv l = { 0 };
	char **v;

	(void)state;
	v = berth_strv_steal(&l);
	assert_non_null(v);
	assert_null(v[0]);
	berth_words_free(v);
	for (int i = 0; i < 20; i++)
		berth_strv_take(&l, strdup(i % 2 ? "odd" : "even"));
	assert_int_equal(l.n, 20);
	assert_null(l.v[20]);
	v = berth_strv_steal(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	assert_string_equal(v[0], "even");
	assert_string_equal(v[19], "odd");
	assert_null(v[20]);
	berth_words_free(v);
	berth_strv_take(&l, strdup("left"));
	berth_strv_release(&l);
	assert_null(l.v);
}

/* Sorted in strcmp order, in place; none and one are fine. */
static void
test_strs_sort(void **state)
{
	const char *v[] = { "conf.d", "b", "a10", "a2", "A" };

	(void)state;
	berth_strs_sort(v, 0);
	berth_strs_sort(v, 1);
	assert_string_equal(v[0], "conf.d");
	berth_strs_sort(v, 5);
	assert_string_equal(v[0], "A");
	assert_string_equal(v[1], "a10");
	assert_string_equal(v[2], "a2");
	assert_string_equal(v[3], "b");
	assert_string_equal(v[4], "conf.d");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_keeps_text_terminated),
		cmocka_unit_test(test_growth_keeps_every_byte),
		cmocka_unit_test(test_steal_of_nothing_is_empty_text),
		cmocka_unit_test(test_drop_front_and_clear),
		cmocka_unit_test(test_strv),
		cmocka_unit_test(test_strs_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
