/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: what berth remembers on the node (state.c): the record of a run and of an exec,
 * what "no record" and "a record berth cannot read" mean, and where the records go: HA_RSCTMP
 * checked, records 0600, nothing written through a link. */
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

#include "deadline.h"
#include "state.h"
#include "words.h"

static char dir[64];

static int
checked_setup(void **state)
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
checked_teardown(void **state)
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

/* ---- the records ---- */

static int
record_setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/berth-state.XXXXXX");
	assert_non_null(mkdtemp(dir));
	setenv("HA_RSCTMP", dir, 1);
	return 0;
}

static int
record_teardown(void **state)
{
	berth_state_clear("web");
	assert_int_equal(rmdir(dir), 0); /* nothing else left behind */
	return 0;
}

static void
write_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_round_trip(void **state)
{
	struct berth_state st = { .pid = 4242,
				  .pid_start = 123456,
				  .promoted = true,
				  .score_set = true,
				  .score = -1000000,
				  .stopped = false },
			   got;
	berth_error_t err = NULL;

	strcpy(st.id, "c0ffee");
	strcpy(st.started_at, "2026-12-01T10:00:00.123Z");
	assert_int_equal(berth_state_load("web", &got), 0); /* none yet */
	assert_int_equal(berth_state_save("web", &st, &err), 0);
	assert_int_equal(berth_state_load("web", &got), 1);
	assert_memory_equal(&got, &st, sizeof(st));
	/* without a score, and a container berth stopped and kept */
	st.score_set = false;
	st.score = 0;
	st.stopped = true;
	st.promoted = false;
	assert_int_equal(berth_state_save("web", &st, &err), 0);
	assert_int_equal(berth_state_load("web", &got), 1);
	assert_memory_equal(&got, &st, sizeof(st));
	berth_state_clear("web");
	assert_int_equal(berth_state_load("web", &got), 0);
}

/* The record of a start that has not run the container yet: no id, no process. */
static void
test_intent_record(void **state)
{
	struct berth_state st, got;
	berth_error_t err = NULL;

	memset(&st, 0, sizeof(st));
	strcpy(st.id, "-");
	strcpy(st.started_at, "-");
	assert_int_equal(berth_state_save("web", &st, &err), 0);
	assert_int_equal(berth_state_load("web", &got), 1);
	assert_string_equal(got.id, "-");
	assert_int_equal(got.pid, 0);
	assert_false(berth_state_process_alive(&got));
}

/* A record that is there but cannot be read says something ran: -1, never "none". */
static void
test_unreadable_is_not_none(void **state)
{
	struct berth_state got;

	write_file("berth-web.state", "garbage\n");
	assert_int_equal(berth_state_load("web", &got), -1);
	write_file("berth-web.state", "");
	assert_int_equal(berth_state_load("web", &got), -1);
	/* the records of older versions (five fields) still read */
	write_file("berth-web.state", "c0ffee t1 42 99 1\n");
	assert_int_equal(berth_state_load("web", &got), 1);
	assert_int_equal(got.pid, 42);
	assert_true(got.promoted);
	assert_false(got.score_set);
	assert_false(got.stopped);
	berth_state_clear("web");
	/* a directory that cannot be read: not "none" either */
	setenv("HA_RSCTMP", "/dev/null/berth", 1);
	assert_int_equal(berth_state_load("web", &got), -1);
	setenv("HA_RSCTMP", dir, 1);
}

/* The containers with a record, for berth status: each record's name, sorted; not the exec
 * records, the notes, the atomic writer's temporary files, nor a name no container can have. */
static void
test_names(void **state)
{
	struct berth_state st;
	berth_error_t err = NULL;
	char **names = NULL;

	assert_int_equal(berth_state_names(&names), 0);
	assert_null(names[0]);
	berth_words_free(names);
	memset(&st, 0, sizeof(st));
	assert_int_equal(berth_state_save("web", &st, &err), 0);
	assert_int_equal(berth_state_save("db-1.x.state", &st, &err), 0);
	write_file("berth-web.exec", "e c 1 monitor_cmd\n");
	write_file("berth-conf", "sum\n");
	write_file(".berth-app.state.42.tmp", "");
	write_file("berth-.state", "");
	write_file("berth--bad.state", "");
	assert_int_equal(berth_state_names(&names), 0);
	assert_string_equal(names[0], "db-1.x.state");
	assert_string_equal(names[1], "web");
	assert_null(names[2]);
	berth_words_free(names);
	berth_state_clear("db-1.x.state");
	unlink(at("berth-conf"));
	unlink(at(".berth-app.state.42.tmp"));
	unlink(at("berth-.state"));
	unlink(at("berth--bad.state"));
	/* no directory: no record; one that cannot be read: -1 */
	setenv("HA_RSCTMP", at("none"), 1);
	assert_int_equal(berth_state_names(&names), 0);
	assert_null(names[0]);
	berth_words_free(names);
	setenv("HA_RSCTMP", "/dev/null/berth", 1);
	assert_int_equal(berth_state_names(&names), -1);
	assert_null(names[0]);
	berth_words_free(names);
	setenv("HA_RSCTMP", dir, 1);
}

static void
test_save_fails_with_a_reason(void **state)
{
	struct berth_state st;
	berth_error_t err = NULL;

	memset(&st, 0, sizeof(st));
	setenv("HA_RSCTMP", "/dev/null/berth", 1);
	assert_true(berth_state_save("web", &st, &err) < 0);
	assert_non_null(strstr(err->msg, "/dev/null/berth/berth-web.state"));
	berth_error_free(&err);
	setenv("HA_RSCTMP", dir, 1);
}

static void
test_exec_record(void **state)
{
	struct berth_exec_record rec = { .since = 1796400000 }, got;
	berth_error_t err = NULL;

	strcpy(rec.exec_id, "e1");
	strcpy(rec.container_id, "c0ffee");
	strcpy(rec.what, "monitor_cmd");
	assert_int_equal(berth_state_exec_load("web", &got), 0);
	assert_int_equal(berth_state_exec_save("web", &rec, &err), 0);
	assert_int_equal(berth_state_exec_load("web", &got), 1);
	assert_memory_equal(&got, &rec, sizeof(rec));
	berth_state_exec_clear("web");
	assert_int_equal(berth_state_exec_load("web", &got), 0);
	/* berth_state_clear forgets both */
	assert_int_equal(berth_state_exec_save("web", &rec, &err), 0);
	berth_state_clear("web");
	assert_int_equal(berth_state_exec_load("web", &got), 0);
}

static void
test_process_identity(void **state)
{
	struct berth_state st = { .pid = (long)getpid() };

	st.pid_start = berth_process_start_ticks(st.pid);
	assert_true(st.pid_start > 0);
	assert_true(berth_state_process_alive(&st));
	st.pid_start++; /* the pid is another process's now */
	assert_false(berth_state_process_alive(&st));
	assert_int_equal(berth_process_start_ticks(0), 0);
	assert_int_equal(berth_process_start_ticks(-1), 0);
	st.pid = 0;
	assert_false(berth_state_process_alive(&st));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_intent_record, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_is_not_none, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_save_fails_with_a_reason, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_names, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_exec_record, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_process_identity, record_setup, record_teardown),
		cmocka_unit_test_setup_teardown(test_records_in_a_checked_directory, checked_setup, checked_teardown),
		cmocka_unit_test_setup_teardown(test_link_not_followed, checked_setup, checked_teardown),
		cmocka_unit_test_setup_teardown(test_writable_directory_refused, checked_setup, checked_teardown),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
