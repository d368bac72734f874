/* Unit tests: promotion scores (promotion.c): parsing them as Pacemaker writes them, and the
 * crm_attribute calls, against a stand-in that records its arguments (test code may use a shell). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "promotion.h"

static void
test_parse_score(void **state)
{
	static const struct {
		const char *text;
		int ok;
		long long score;
	} rows[] = {
		{ "10", 1, 10 },
		{ " -5\n", 1, -5 },
		{ "0", 1, 0 },
		{ "INFINITY", 1, 1000000 },
		{ "+INFINITY", 1, 1000000 },
		{ "-infinity\n", 1, -1000000 },
		{ "2000000", 1, 1000000 }, /* beyond Pacemaker's infinity: clamped */
		{ "-2000000", 1, -1000000 },
		{ "99999999999999999999", 0, 0 },
		{ "", 0, 0 },
		{ "  ", 0, 0 },
		{ "ten", 0, 0 },
		{ "10 20", 0, 0 },
		{ "1.5", 0, 0 },
	};
	size_t i;
	long long score;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		score = 12345;
		if ((berth_promotion_parse_score(rows[i].text, &score) == 0) != rows[i].ok)
			fail_msg("'%s': parsed %s", rows[i].text, rows[i].ok ? "not" : "yes");
		if (rows[i].ok)
			assert_true(score == rows[i].score);
	}
	assert_int_equal(berth_promotion_parse_score(NULL, &score), -1);
}

static char dir[64], tool[96], args[96];

static int
setup(void **state)
{
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/berth-promotion.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(tool, sizeof(tool), "%s/crm_attribute", dir);
	snprintf(args, sizeof(args), "%s/args", dir);
	f = fopen(tool, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\necho \"$*\" >> %s\n[ -z \"$FAIL\" ] || { echo \"$FAIL\" >&2; exit 1; }\n", args);
	fclose(f);
	assert_int_equal(chmod(tool, 0755), 0);
	setenv("BERTH_CRM_ATTRIBUTE", tool, 1);
	return 0;
}

static int
teardown(void **state)
{
	unlink(tool);
	unlink(args);
	unsetenv("FAIL");
	unsetenv("BERTH_CRM_ATTRIBUTE");
	assert_int_equal(rmdir(dir), 0);
	return 0;
}

static void
expect_args(const char *want)
{
	char got[256] = "";
	FILE *f = fopen(args, "r");
	size_t n;

	assert_non_null(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	unlink(args);
	assert_string_equal(got, want);
}

static void
test_set_and_clear(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;

	berth_deadline_init(&d, 20000);
	assert_int_equal(berth_promotion_set("db:1", 42, &d, &err), 0);
	expect_args("-p db:1 -l reboot -v 42\n");
	assert_int_equal(berth_promotion_set("db:1", -1000000, &d, &err), 0);
	expect_args("-p db:1 -l reboot -v -1000000\n");
	assert_int_equal(berth_promotion_clear("db:1", &d, &err), 0);
	expect_args("-p db:1 -l reboot -D\n");
	assert_null(err);

	/* a failure says so, with crm_attribute's status and words */
	setenv("FAIL", "Could not connect to the CIB", 1);
	assert_true(berth_promotion_set("db:1", 1, &d, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_FAILED);
	assert_non_null(strstr(err->msg, "failed (status 1): Could not connect to the CIB"));
	berth_error_free(&err);
	unsetenv("FAIL");
	unlink(args);

	/* not there at all */
	setenv("BERTH_CRM_ATTRIBUTE", "/nonexistent/crm_attribute", 1);
	assert_true(berth_promotion_clear("db:1", &d, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run /nonexistent/crm_attribute"));
	berth_error_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_score),
		cmocka_unit_test_setup_teardown(test_set_and_clear, setup, teardown),
	};

	return cmocka_run_group_tests_name("promotion", tests, NULL, NULL);
}
