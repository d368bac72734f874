/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the shell-like word splitter (run_opts, run_cmd, every *_cmd parameter). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

/* ---- helpers ---- */

static void
assert_words(const char *in, const char *const *expected)
{
	char **argv = NULL;
	berth_error_t err = NULL;
	int argc = -1, n = 0;

	if (berth_words_split(in, &argv, &argc, &err) < 0)
		fail_msg("split of [%s] failed: %s", in, err->msg);
	while (expected[n] != NULL)
		n++;
	assert_int_equal(argc, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(argv[i], expected[i]);
	assert_null(argv[n]);
	berth_words_free(argv);
}

static void
assert_split_error(const char *in, const char *what)
{
	char **argv = NULL;
	berth_error_t err = NULL;

	assert_true(berth_words_split(in, &argv, NULL, &err) < 0);
	assert_null(argv);
	assert_non_null(err);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	if (strstr(err->msg, what) == NULL)
		fail_msg("split of [%s]: message '%s' lacks '%s'", in, err->msg, what);
	berth_error_free(&err);
}

/* ---- word splitting ---- */

static void
test_split_blanks(void **state)
{
	(void)state;
	assert_words("  a  b\tc\n d  ", (const char *const[]){ "a", "b", "c", "d", NULL });
	assert_words(NULL, (const char *const[]){ NULL });
	assert_words("", (const char *const[]){ NULL });
	assert_words(" \t\n ", (const char *const[]){ NULL });
	assert_words("one", (const char *const[]){ "one", NULL });
}

static void
test_split_single_quotes(void **state)
{
	(void)state;
	/* everything literal inside, backslashes and double quotes included */
	assert_words("'a b' 'c\"d' 'a\\b' 'x\\'", (const char *const[]){ "a b", "c\"d", "a\\b", "x\\", NULL });
}

static void
test_split_double_quotes(void **state)
{
	(void)state;
	/* backslash escapes " \ $ ` and newline only */
	assert_words("\"a b\" \"x\\\"y\" \"\\\\\" \"\\$HOME\" \"\\`\" \"\\n\\a\" \"a\\\nb\" \"it's\"",
		     (const char *const[]){ "a b", "x\"y", "\\", "$HOME", "`", "\\n\\a", "ab", "it's", NULL });
}

static void
test_split_backslash(void **state)
{
	(void)state;
	assert_words("a\\ b \\'x\\' \\\\ \\\"q\\\" a\\\nb",
		     (const char *const[]){ "a b", "'x'", "\\", "\"q\"", "ab", NULL });
	/* a line continuation between words is not a word */
	assert_words("a \\\n b", (const char *const[]){ "a", "b", NULL });
}

static void
test_split_empty_and_joined_words(void **state)
{
	(void)state;
	assert_words("'' \"\" a''b", (const char *const[]){ "", "", "ab", NULL });
	assert_words("''", (const char *const[]){ "", NULL });
	assert_words("a'b'\"c\"\\d", (const char *const[]){ "abcd", NULL });
	assert_words("--entrypoint=''", (const char *const[]){ "--entrypoint=", NULL });
}

static void
test_split_no_expansion(void **state)
{
	(void)state;
	assert_words("$(rm -rf /) `reboot` $HOME ${X:-y} ~ ~root * ?x [a] ; | & > < #c",
		     (const char *const[]){ "$(rm", "-rf", "/)", "`reboot`", "$HOME", "${X:-y}", "~", "~root", "*",
					    "?x", "[a]", ";", "|", "&", ">", "<", "#c", NULL });
	assert_words("'$(rm -rf /)' \"$(rm -rf /)\" \"`id`\" -e X=$(id)",
		     (const char *const[]){ "$(rm -rf /)", "$(rm -rf /)", "`id`", "-e", "X=$(id)", NULL });
}

static void
test_split_errors(void **state)
{
	(void)state;
	assert_split_error("'abc", "unterminated single quote");
	assert_split_error("a 'b c", "unterminated single quote at character 3");
	assert_split_error("\"abc", "unterminated double quote");
	assert_split_error("\"a\\\"", "unterminated double quote");
	assert_split_error("abc\\", "trailing backslash");
	assert_split_error("-e \"X=$(rm -rf /)", "unterminated double quote");
}

static void
test_free_null(void **state)
{
	(void)state;
	berth_words_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_blanks),
		cmocka_unit_test(test_split_single_quotes),
		cmocka_unit_test(test_split_double_quotes),
		cmocka_unit_test(test_split_backslash),
		cmocka_unit_test(test_split_empty_and_joined_words),
		cmocka_unit_test(test_split_no_expansion),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests_name("words", tests, NULL, NULL);
}
