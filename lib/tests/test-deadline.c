/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the operation's budget and the watchdog (deadline.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deadline.h"
#include "tool.h"
#include "slack.h"

/* The budget and the watchdog's limit, counted from the process's start. */
static void
test_margins(void **state)
{
	static const struct {
		long timeout, budget, hard;
	} rows[] = {
		{ 20000, 18000, 19000 },  /* 10 % and 5 % */
		{ 100000, 95000, 98000 }, /* margins capped at 5 s and 2 s */
		{ 4000, 3500, 3700 },     /* at least 500 ms and 300 ms */
		{ 1000, 500, 700 },
		{ 600, 200, 300 }, /* the budget never below 200 ms */
		{ 0, 200, 200 },   /* the watchdog never before the budget's end */
		/* a timeout beyond one day counts as one day: no sum overflows */
		{ 86400000, 86395000, 86398000 },
		{ 9223372036854775807L, 86395000, 86398000 },
		{ -5, 200, 200 },
	};
	struct berth_deadline d;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		berth_deadline_init(&d, rows[i].timeout);
		assert_int_equal(d.end_ms - d.start_ms, rows[i].budget);
		assert_int_equal(d.hard_ms - d.start_ms, rows[i].hard);
	}
	berth_deadline_init(&d, 20000);
	assert_int_equal(berth_deadline_call_ms(&d, 1000), 1000);
	assert_true(berth_deadline_left_ms(&d) <= 18000);
}

/* A fresh process is young, and its age counts toward the budget. */
static void
test_process_age(void **state)
{
	int fds[2], status;
	long age = -1;
	pid_t pid;

	assert_in_range(berth_process_age_ms(), 0, 9999);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct berth_deadline d;

		usleep(300 * 1000);
		berth_deadline_init(&d, 20000);
		age = berth_process_age_ms();
		/* started 300 ms ago: that much of the budget is spent already */
		if (write(fds[1], &age, sizeof(age)) < 0 || berth_deadline_elapsed_ms(&d) < 280)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &age, sizeof(age)), sizeof(age));
	close(fds[0]);
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_in_range(age, 280, 5000);
}

/* What the child of run_stuck_child does after arming the watchdog, before it hangs. */
enum after_arming { HANG, DECIDE_OK, DECIDE_NOT_RUNNING, RUN_CHILD };
static enum after_arming after_arming;
static char child_pid_file[64];

/* Run a child that arms the watchdog for timeout_ms and then never ends by itself. */
static int
run_stuck_child(long timeout_ms, int code, char *reason, size_t size, long *elapsed_ms)
{
	int fds[2], status;
	long long t0 = berth_now_ms();
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct berth_deadline d;

		signal(SIGALRM, SIG_DFL);
		dup2(fds[1], STDERR_FILENO);
		berth_deadline_init(&d, timeout_ms);
		if (berth_deadline_arm_watchdog(&d, code, "stop of %s did not finish", "rsc") < 0)
			_exit(99);
		if (after_arming == DECIDE_OK)
			berth_deadline_decide(0, NULL);
		else if (after_arming == DECIDE_NOT_RUNNING)
			berth_deadline_decide(7, "container rsc does not exist");
		if (after_arming == RUN_CHILD) {
			char line[128];
			char *argv[] = { (char *)"/bin/sh", (char *)"-c", line, NULL };
			struct berth_deadline overran;

			/* a tool that hangs in a call that overran the budget: only the watchdog is left */
			berth_deadline_init(&overran, 60000);
			snprintf(line, sizeof(line), "echo $$ > %s; exec sleep 30", child_pid_file);
			(void)berth_tool_run(argv, "crm_attribute", &overran, 60000, NULL);
			_exit(98);
		}
		for (;;)
			pause(); /* a call that never returns: a log shutdown, a free, ... */
	}
	close(fds[1]);
	waitpid(pid, &status, 0);
	*elapsed_ms = (long)(berth_now_ms() - t0);
	n = read(fds[0], reason, size - 1);
	reason[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	return status;
}

static void
test_watchdog_ends_a_stuck_action(void **state)
{
	char reason[256];
	long elapsed;
	int status = run_stuck_child(2000, 1, reason, sizeof(reason), &elapsed);

	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_string_equal(reason, "ocf-exit-reason:stop of rsc did not finish\n");
	/* hard limit 1700 ms after the child's start: before the 2 s timeout */
	assert_in_range(elapsed, 1600, 1999 + berth_test_slack_ms());
}

/* An action whose timeout means success (validate-all) ends with 0 and no reason. */
static void
test_watchdog_success_has_no_reason(void **state)
{
	char reason[256];
	long elapsed;
	int status = run_stuck_child(1000, 0, reason, sizeof(reason), &elapsed);

	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(reason, "");
	assert_in_range(elapsed, 600, 999 + berth_test_slack_ms());
}

/* Once the action has its result, the watchdog exits with it: a slow exit (log shutdown, freeing)
 * must not turn a stop that worked into a failure (which fences the node). */
static void
test_decided_result_survives_the_watchdog(void **state)
{
	char reason[256];
	long elapsed;
	int status;

	after_arming = DECIDE_OK;
	status = run_stuck_child(1000, 1, reason, sizeof(reason), &elapsed);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(reason, "");
	assert_in_range(elapsed, 600, 999 + berth_test_slack_ms());

	/* a decided failure keeps its code and its one reason */
	after_arming = DECIDE_NOT_RUNNING;
	status = run_stuck_child(1000, 1, reason, sizeof(reason), &elapsed);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 7);
	assert_string_equal(reason, "ocf-exit-reason:container rsc does not exist\n");
	after_arming = HANG;
}

/* Is this process gone (or a zombie nobody has reaped yet)? */
static bool
process_gone(long pid)
{
	char path[64], buf[512], *p = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return true;
	if (fgets(buf, sizeof(buf), f) != NULL)
		p = strrchr(buf, ')');
	fclose(f);
	return p != NULL && p[1] == ' ' && p[2] == 'Z';
}

/* The watchdog ends the child berth waits for (a credential helper, crm_attribute, systemctl)
 * instead of leaving it orphaned. */
static void
test_watchdog_kills_the_running_child(void **state)
{
	char dir[] = "/tmp/berth-deadline.XXXXXX", reason[256], text[32] = "";
	long elapsed, pid;
	long long end;
	int status;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(child_pid_file, sizeof(child_pid_file), "%s/pid", dir);
	after_arming = RUN_CHILD;
	status = run_stuck_child(1000, 1, reason, sizeof(reason), &elapsed);
	after_arming = HANG;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_string_equal(reason, "ocf-exit-reason:stop of rsc did not finish\n");
	f = fopen(child_pid_file, "r");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
	pid = strtol(text, NULL, 10);
	assert_true(pid > 0);
	for (end = berth_now_ms() + 2000; !process_gone(pid) && berth_now_ms() < end;)
		usleep(10000);
	if (!process_gone(pid)) {
		kill((pid_t)pid, SIGKILL);
		fail_msg("the tool (pid %ld) outlived the watchdog", pid);
	}
	unlink(child_pid_file);
	rmdir(dir);
}

/* A process's command name, as /proc/PID/stat gives it: what prctl set, cut to 15 bytes, with the
 * start time of the same read; nothing for a pid that is not there. */
static void
test_process_stat(void **state)
{
	char name[32] = "", got[16];
	unsigned long long start = 0;

	(void)state;
	assert_int_equal(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
	assert_int_equal(prctl(PR_SET_NAME, "pacemaker-remoted", 0, 0, 0), 0);
	assert_true(berth_process_stat((long)getpid(), got, &start));
	assert_string_equal(got, "pacemaker-remot"); /* cut to 15 bytes */
	assert_true(strcmp(got, "pacemaker-execd") != 0);
	assert_true(start != 0);
	assert_true(start == berth_process_start_ticks((long)getpid()));
	assert_int_equal(prctl(PR_SET_NAME, name, 0, 0, 0), 0);
	assert_false(berth_process_stat(0, got, &start));
	assert_false(berth_process_stat(-1, got, &start));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_margins),
		cmocka_unit_test(test_process_age),
		cmocka_unit_test(test_process_stat),
		cmocka_unit_test(test_watchdog_ends_a_stuck_action),
		cmocka_unit_test(test_watchdog_success_has_no_reason),
		cmocka_unit_test(test_decided_result_survives_the_watchdog),
		cmocka_unit_test(test_watchdog_kills_the_running_child),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
