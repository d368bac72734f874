/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: log targets from Pacemaker's HA_* environment. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

static char dir[64], file_a[128], file_b[128];

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file_a, sizeof(file_a), "%s/a.log", dir);
	snprintf(file_b, sizeof(file_b), "%s/b.log", dir);
	setenv("HA_LOGFACILITY", "none", 1);
	unsetenv("HA_debug");
	return 0;
}

static int
teardown(void **state)
{
	unlink(file_a);
	unlink(file_b);
	rmdir(dir);
	unsetenv("HA_LOGFILE");
	unsetenv("HA_DEBUGLOG");
	return 0;
}

/* How many lines of path contain text. */
static int
count(const char *path, const char *text)
{
	char line[1024];
	int n = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, text))
			n++;
	fclose(f);
	return n;
}

static void
log_two_lines(void)
{
	berth_log_init("rsc");
	berth_log_info("info-marker");
	berth_log_debug("debug-marker");
	berth_log_fini();
}

/* Pacemaker's executor sets both to one file when debug is on: each line once. */
static void
test_same_file_once(void **state)
{
	setenv("HA_LOGFILE", file_a, 1);
	setenv("HA_DEBUGLOG", file_a, 1);
	log_two_lines();
	assert_int_equal(count(file_a, "info-marker"), 1);
	assert_int_equal(count(file_a, "debug-marker"), 1);
	assert_int_equal(count(file_a, "berth(rsc)"), 2);
}

static void
test_two_files(void **state)
{
	setenv("HA_LOGFILE", file_a, 1);
	setenv("HA_DEBUGLOG", file_b, 1);
	log_two_lines();
	assert_int_equal(count(file_a, "info-marker"), 1);
	assert_int_equal(count(file_a, "debug-marker"), 0); /* HA_debug is off */
	assert_int_equal(count(file_b, "info-marker"), 1);
	assert_int_equal(count(file_b, "debug-marker"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_file_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
