/* Unit tests: what berth remembers on the node (state.c): the record of a run and of an exec,
 * and what "no record" and "a record berth cannot read" mean. */
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

#include "state.h"

static char dir[64];

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/berth-state.XXXXXX");
	assert_non_null(mkdtemp(dir));
	setenv("HA_RSCTMP", dir, 1);
	return 0;
}

static int
teardown(void **state)
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

	st.pid_start = berth_state_proc_start(st.pid);
	assert_true(st.pid_start > 0);
	assert_true(berth_state_process_alive(&st));
	st.pid_start++; /* the pid is another process's now */
	assert_false(berth_state_process_alive(&st));
	assert_int_equal(berth_state_proc_start(0), 0);
	assert_int_equal(berth_state_proc_start(-1), 0);
	st.pid = 0;
	assert_false(berth_state_process_alive(&st));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intent_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_is_not_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_fails_with_a_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exec_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_process_identity, setup, teardown),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
