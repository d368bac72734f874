/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for berth migrate's pure parts (migrate.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrate.h"

static const char cib[] =
	"<cib epoch=\"9\" num_updates=\"2\" admin_epoch=\"1\"><configuration><resources>\n"
	"<primitive id=\"web\" class=\"ocf\" type=\"docker\" provider=\"heartbeat\">"
	"<instance_attributes id=\"web-ia\"><nvpair id=\"a\" name=\"container\" value=\"w\"/></instance_attributes>"
	"<operations><op id=\"o\" name=\"monitor\" interval=\"10s\"><instance_attributes id=\"oi\">"
	"<nvpair id=\"b\" name=\"container\" value=\"not a parameter\"/></instance_attributes></op></operations>"
	"</primitive>\n"
	"<primitive id=\"other\" class=\"ocf\" type=\"Dummy\" provider=\"heartbeat\"/>\n"
	"<primitive id=\"done\" class=\"ocf\" type=\"docker\" provider=\"berth\"/>\n"
	"<clone id=\"c\"><primitive id=\"cl\" class=\"ocf\" type=\"docker\" provider='heartbeat'>"
	"<instance_attributes id=\"cl-ia\"><nvpair id=\"d\" name=\"name\" value=\"x\"/></instance_attributes>"
	"</primitive></clone>\n"
	"</resources></configuration><status/></cib>\n";

static void
test_find_and_rewrite(void **state)
{
	struct berth_migrate_target *t = NULL, *t2 = NULL;
	berth_error_t err = NULL;
	char *version = NULL, *v2 = NULL, *out;
	size_t n = 0, n2 = 0;
	bool only_second[2] = { false, true };

	(void)state;
	assert_int_equal(berth_migrate_find(cib, strlen(cib), &t, &n, &version, &err), 0);
	assert_string_equal(version, "1.9.2");
	assert_int_equal(n, 2);
	assert_string_equal(t[0].id, "web");
	assert_null(t[0].clone);
	assert_int_equal(t[0].container_len, 9);
	assert_false(t[0].has_name);
	assert_string_equal(t[1].id, "cl");
	assert_string_equal(t[1].clone, "c");
	assert_int_equal(t[1].container_len, 0);
	assert_true(t[1].has_name);

	out = berth_migrate_rewrite(cib, strlen(cib), t, n, NULL);
	assert_non_null(strstr(out, "<primitive id=\"web\" class=\"ocf\" type=\"docker\" provider=\"berth\">"
				    "<instance_attributes id=\"web-ia\"><nvpair id=\"a\" name=\"name\" value=\"w\"/>"));
	/* an op's attribute of the same name is not the parameter */
	assert_non_null(strstr(out, "<nvpair id=\"b\" name=\"container\" value=\"not a parameter\"/>"));
	assert_non_null(strstr(out, "<primitive id=\"cl\" class=\"ocf\" type=\"docker\" provider='berth'>"));
	assert_non_null(strstr(out, "<primitive id=\"other\" class=\"ocf\" type=\"Dummy\" provider=\"heartbeat\"/>"));
	/* the next version: epoch 9 -> 10, num_updates 2 -> 0 */
	assert_int_equal(strlen(out), strlen(cib) - 2 * 4 - 5 + 1);
	assert_int_equal(berth_migrate_find(out, strlen(out), &t2, &n2, &v2, &err), 0);
	assert_string_equal(v2, "1.10.0");
	assert_int_equal(n2, 0);
	free(v2);
	berth_migrate_targets_free(t2, n2);
	free(out);

	out = berth_migrate_rewrite(cib, strlen(cib), t, n, only_second);
	assert_non_null(strstr(out, "<primitive id=\"web\" class=\"ocf\" type=\"docker\" provider=\"heartbeat\">"));
	assert_non_null(strstr(out, "provider='berth'"));
	free(out);
	free(version);
	berth_migrate_targets_free(t, n);
}

static void
test_not_a_cib(void **state)
{
	struct berth_migrate_target *t = NULL;
	berth_error_t err = NULL;
	size_t n = 0;

	(void)state;
	assert_true(berth_migrate_find("<x/>", 4, &t, &n, NULL, &err) < 0);
	assert_non_null(strstr(err->msg, "not a CIB"));
	berth_error_free(&err);
	assert_true(berth_migrate_find("<cib><a></cib>", 14, &t, &n, NULL, &err) < 0);
	berth_error_free(&err);
}

static void
expect_words(const char *value, const char *why_part)
{
	char *why = NULL;
	bool bad = berth_migrate_shell_words("run_opts", value, &why);

	if (why_part == NULL) {
		if (bad)
			fail_msg("[%s] refused: %s", value ? value : "(null)", why);
		return;
	}
	if (!bad)
		fail_msg("[%s] not refused", value);
	if (strstr(why, why_part) == NULL)
		fail_msg("[%s]: '%s' lacks '%s'", value, why, why_part);
	free(why);
}

static void
test_shell_words(void **state)
{
	(void)state;
	expect_words(NULL, NULL);
	expect_words("--init -e A=1 -v /a:/b:ro --net=bridge -p 80:80 --label x=a~b $", NULL);
	expect_words("-e 'A=b c'", "has ' at character 4");
	expect_words("-e \"A=b\"", "has \" at character 4");
	expect_words("-e A=b\\ c", "backslashes");
	expect_words("-v /srv/*:/x", "glob character * at character 9");
	expect_words("-e A=?", "glob character ?");
	expect_words("-e A=[ab]", "glob character [");
	expect_words("-e HOME=$HOME", "shell syntax ($H) at character 9");
	expect_words("-e H=$(hostname)", "shell syntax ($()");
	expect_words("-e H=${X}", "shell syntax");
	expect_words("-e H=`hostname`", "shell syntax (`h)");
	expect_words("-v ~/x:/x", "shell syntax (~/) at character 4");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_and_rewrite),
		cmocka_unit_test(test_not_a_cib),
		cmocka_unit_test(test_shell_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
