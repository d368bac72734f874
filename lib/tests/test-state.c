/* Unit tests: where berth's state records go (state.c): HA_RSCTMP checked, records 0600, nothing
 * written through a link. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/berth-test-state-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static char *
at(const char *name)
{
	static char p[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

/* How many entries a directory has (. and .. not counted). */
static int
entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* The tree is known: state/ with two records, target/, two links. */
static int
teardown(void **state)
{
	static const char *const files[] = { "state/berth-c1.state", "state/berth-c1.exec", "link", "gw/berth-c1.state",
					     NULL };
	static const char *const dirs[] = { "state", "target", "gw", NULL };

	(void)state;
	unsetenv("HA_RSCTMP");
	for (int i = 0; files[i]; i++)
		unlink(at(files[i]));
	for (int i = 0; dirs[i]; i++)
		rmdir(at(dirs[i]));
	rmdir(dir);
	return 0;
}

static void
test_records_in_a_checked_directory(void **state)
{
	struct berth_state st = { .id = "abc", .started_at = "2024-01-01T00:00:00Z", .pid = 42, .pid_start = 7 };
	struct berth_exec_record rec = { .exec_id = "e1", .container_id = "abc", .since = 5, .what = "monitor_cmd" };
	struct berth_state back;
	berth_error_t err = NULL;
	struct stat sb;

	(void)state;
	/* the directory is made when missing */
	setenv("HA_RSCTMP", at("state"), 1);
	assert_int_equal(berth_state_save("c1", &st, &err), 0);
	assert_int_equal(stat(at("state"), &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(stat(at("state/berth-c1.state"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(berth_state_load("c1", &back), 1);
	assert_string_equal(back.id, "abc");
	assert_int_equal(back.pid, 42);
	assert_int_equal(berth_state_exec_save("c1", &rec, &err), 0);
	assert_int_equal(stat(at("state/berth-c1.exec"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* only the two records: no temporary file left */
	assert_int_equal(entries(at("state")), 2);
}

/* HA_RSCTMP naming a link: the records do not go where it points, and the error says why. */
static void
test_link_not_followed(void **state)
{
	struct berth_state st = { .id = "abc", .pid = 42 };
	struct berth_exec_record rec = { .exec_id = "e1" };
	berth_error_t err = NULL;

	(void)state;
	assert_int_equal(mkdir(at("target"), 0755), 0);
	assert_int_equal(symlink(at("target"), at("link")), 0);
	setenv("HA_RSCTMP", at("link"), 1);
	assert_true(berth_state_save("c1", &st, &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory"));
	assert_non_null(strstr(err->msg, "HA_RSCTMP"));
	berth_error_free(&err);
	assert_true(berth_state_exec_save("c1", &rec, &err) < 0);
	assert_non_null(strstr(err->msg, "symbolic link"));
	berth_error_free(&err);
	assert_int_equal(entries(at("target")), 0);
}

/* A state directory others may write in: not used. */
static void
test_writable_directory_refused(void **state)
{
	struct berth_state st = { .id = "abc", .pid = 42 };
	berth_error_t err = NULL;

	(void)state;
	assert_int_equal(mkdir(at("gw"), 0755), 0);
	assert_int_equal(chmod(at("gw"), 0777), 0);
	setenv("HA_RSCTMP", at("gw"), 1);
	assert_true(berth_state_save("c1", &st, &err) < 0);
	assert_non_null(strstr(err->msg, "writable by every user"));
	berth_error_free(&err);
	assert_int_equal(entries(at("gw")), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_records_in_a_checked_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_not_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writable_directory_refused, setup, teardown),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
