/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for reading the CIB through Pacemaker's tools (cib.c). The tools themselves
 * are played by small programs of the test's own (argv[0] looked up in PATH). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cib.h"
#include "deadline.h"

static void
test_parse_attr(void **state)
{
	char *v;

	(void)state;
	assert_null(berth_cib_parse_attr(""));
	v = berth_cib_parse_attr("\n");
	assert_string_equal(v, "");
	free(v);
	v = berth_cib_parse_attr(" --restart=no -e A=1 \n");
	assert_string_equal(v, " --restart=no -e A=1 ");
	free(v);
	v = berth_cib_parse_attr("two\nlines\n");
	assert_string_equal(v, "two\nlines");
	free(v);
}

static void
test_run(void **state)
{
	struct berth_cib cib = { "/some/cib.xml" };
	struct berth_cib_output o;
	berth_error_t err = NULL;
	char *const env_argv[] = { (char *)"env", NULL };
	char *const fail_argv[] = { (char *)"false", NULL };
	char *const none_argv[] = { (char *)"berth-no-such-tool", NULL };
	char *const sleep_argv[] = { (char *)"sleep", (char *)"5", NULL };

	(void)state;
	setenv("CIB_file", "/not/this/one", 1);
	assert_int_equal(berth_cib_run(&cib, env_argv, 5000, &o, &err), 0);
	assert_non_null(strstr(o.out, "CIB_file=/some/cib.xml\n"));
	assert_null(strstr(o.out, "/not/this/one"));
	assert_int_equal(o.status, 0);
	berth_cib_output_release(&o);
	assert_int_equal(berth_cib_run(NULL, env_argv, 5000, &o, &err), 0);
	assert_null(strstr(o.out, "CIB_file="));
	berth_cib_output_release(&o);
	assert_int_equal(berth_cib_run(NULL, fail_argv, 5000, &o, &err), 0);
	assert_int_equal(o.status, 1);
	berth_cib_output_release(&o);
	assert_true(berth_cib_run(NULL, none_argv, 5000, &o, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run berth-no-such-tool"));
	berth_error_free(&err);
	assert_true(berth_cib_run(NULL, sleep_argv, 200, &o, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_TIMEDOUT);
	berth_error_free(&err);
}

/* A tool that closes its output and goes on running: the wait for its exit is bounded too (it was
 * a waitpid without one). */
static void
test_wait_is_bounded(void **state)
{
	struct berth_cib_output o;
	berth_error_t err = NULL;
	char *const stuck[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exec >/dev/null 2>&1; sleep 30", NULL };
	long long t0 = berth_now_ms();

	(void)state;
	assert_int_equal(berth_cib_run(NULL, stuck, 500, &o, &err), -BERTH_E_TIMEDOUT);
	berth_error_free(&err);
	assert_in_range(berth_now_ms() - t0, 400, 3000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_attr),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_wait_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
