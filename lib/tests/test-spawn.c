/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the one runner of child processes (spawn.h). The children are small shell lines:
 * test code may use a shell, the agent never does. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deadline.h"
#include "spawn.h"
#include "slack.h"

static int
run_sh(const char *line, struct berth_spawn *s, struct berth_spawn_result *r, berth_error_t *err)
{
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", (char *)line, NULL };

	s->argv = argv;
	if (s->timeout_ms == 0)
		s->timeout_ms = 10000;
	return berth_spawn_run(s, r, err);
}

static void
test_output_and_status(void **state)
{
	struct berth_spawn s = { .out_max = 100, .err_max = 100 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;

	assert_int_equal(run_sh("echo out; echo err >&2; exit 3", &s, &r, &err), 0);
	assert_null(err);
	assert_true(r.exited);
	assert_int_equal(r.status, 3);
	assert_string_equal(r.out, "out\n");
	assert_string_equal(r.err, "err\n");
	assert_int_equal(r.err_seen, 4);
	assert_int_equal(berth_spawn_running(), 0);
}

/* berth started with SIGCHLD ignored (inherited): the child's status is still its own, not a
 * made-up 0 (waitpid() fails with ECHILD when the kernel reaps children by itself). */
static void
test_status_with_sigchld_ignored(void **state)
{
	struct berth_spawn s = { .out_max = 100 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;

	signal(SIGCHLD, SIG_IGN);
	assert_int_equal(run_sh("exit 3", &s, &r, &err), 0);
	signal(SIGCHLD, SIG_DFL);
	assert_true(r.exited);
	assert_int_equal(r.status, 3);
}

static void
test_merge_and_caps(void **state)
{
	struct berth_spawn s = { .out_max = 6, .merge = true };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;

	/* 1 MiB, far beyond a pipe's buffer: read and dropped past the cap, so the child never blocks */
	assert_int_equal(run_sh("echo one; echo two >&2; head -c 1048576 /dev/zero", &s, &r, &err), 0);
	assert_true(r.exited);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.out_len, 6);
	assert_string_equal(r.out, "one\ntw");
	assert_string_equal(r.err, "");
	berth_spawn_result_release(&r);

	/* nothing kept of stderr when err_max is 0, but it is counted */
	s = (struct berth_spawn){ .out_max = 100 };
	assert_int_equal(run_sh("echo secret >&2", &s, &r, &err), 0);
	assert_string_equal(r.err, "");
	assert_int_equal(r.err_seen, 7);
}

static void
test_input_and_signal_status(void **state)
{
	struct berth_spawn s = { .out_max = 100, .input = "registry.example" };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;
	char big[BERTH_SPAWN_INPUT_MAX + 2];

	assert_int_equal(run_sh("cat", &s, &r, &err), 0);
	assert_string_equal(r.out, "registry.example");
	berth_spawn_result_release(&r);

	/* without input, stdin is /dev/null: cat ends at once */
	s = (struct berth_spawn){ .out_max = 100 };
	assert_int_equal(run_sh("cat; echo end", &s, &r, &err), 0);
	assert_string_equal(r.out, "end\n");
	berth_spawn_result_release(&r);

	s = (struct berth_spawn){ .out_max = 100 };
	assert_int_equal(run_sh("kill -TERM $$", &s, &r, &err), 0);
	assert_false(r.exited);
	assert_int_equal(r.status, 128 + SIGTERM);
	berth_spawn_result_release(&r);

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = (struct berth_spawn){ .input = big };
	assert_int_equal(run_sh("cat", &s, &r, &err), -EINVAL);
	berth_error_free(&err);
}

static void
test_program_lookup(void **state)
{
	char *argv[] = { (char *)"berth-no-such-program", NULL };
	char *true_argv[] = { (char *)"true", NULL };
	char dir[] = "/tmp/berth-spawn.XXXXXX", file[64];
	struct berth_spawn s = { .argv = argv, .timeout_ms = 5000 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;
	int fd;

	assert_int_equal(berth_spawn_run(&s, &r, &err), -ENOENT);
	assert_non_null(strstr(err->msg, "cannot run berth-no-such-program"));
	berth_error_free(&err);

	/* searched in PATH */
	s.argv = true_argv;
	assert_int_equal(berth_spawn_run(&s, &r, &err), 0);
	assert_int_equal(r.status, 0);
	berth_spawn_result_release(&r);

	/* a file that cannot be executed */
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/tool", dir);
	fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);
	assert_true(fd >= 0);
	close(fd);
	argv[0] = file;
	s.argv = argv;
	s.what = "the tool";
	assert_int_equal(berth_spawn_run(&s, &r, &err), -EACCES);
	assert_non_null(strstr(err->msg, "cannot run the tool"));
	berth_error_free(&err);
	/* executable, but not a program the kernel can run: the child's execve error comes back */
	assert_int_equal(chmod(file, 0755), 0);
	assert_int_equal(berth_spawn_run(&s, &r, &err), -ENOEXEC);
	berth_error_free(&err);
	unlink(file);
	rmdir(dir);
}

/* The child has a session and process group of its own, none of berth's other descriptors, and
 * no signal berth ignores. */
static void
test_isolation(void **state)
{
	struct berth_spawn s = { .out_max = 4096 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;
	char line[256];
	const char *ign;
	long pid, pgrp, sid;
	int fd = open("/dev/null", O_RDONLY); /* without O_CLOEXEC: only the runner can keep it out */

	assert_true(fd > 2);
	signal(SIGPIPE, SIG_IGN);
	snprintf(line, sizeof(line),
		 "cut -d' ' -f1,5,6 /proc/$$/stat; test -e /proc/$$/fd/%d && echo open || echo closed; "
		 "grep '^SigIgn' /proc/$$/status",
		 fd);
	assert_int_equal(run_sh(line, &s, &r, &err), 0);
	signal(SIGPIPE, SIG_DFL);
	close(fd);
	assert_int_equal(sscanf(r.out, "%ld %ld %ld", &pid, &pgrp, &sid), 3);
	assert_int_equal(pgrp, pid);
	assert_int_equal(sid, pid);
	assert_true(sid != (long)getsid(0));
	assert_non_null(strstr(r.out, "\nclosed\n"));
	/* the standard signals; glibc keeps 32 and 33 for itself, and its sigaction refuses them */
	ign = strstr(r.out, "SigIgn:\t");
	assert_non_null(ign);
	assert_int_equal(strtoull(ign + 8, NULL, 16) & 0x7fffffffULL, 0);
}

/* Is this process gone (or a zombie nobody has reaped yet)? */
static bool
process_gone(long pid)
{
	char path[64], buf[512], *p;
	FILE *f;

	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return true;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	p = p ? strrchr(buf, ')') : NULL;
	return p != NULL && p[1] == ' ' && p[2] == 'Z';
}

static long
wait_gone(long pid, long ms)
{
	long long end = berth_now_ms() + ms;

	while (!process_gone(pid) && berth_now_ms() < end)
		usleep(10000);
	return process_gone(pid);
}

/* A child that does not end in time is killed with what it started, and reaped, within the bound. */
static void
test_timeout_kills_the_group(void **state)
{
	char dir[] = "/tmp/berth-spawn.XXXXXX", file[64], line[160], pidtext[32] = "";
	struct berth_spawn s = { .out_max = 100, .timeout_ms = 500 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;
	long long t0 = berth_now_ms();
	long grandchild = 0;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/pid", dir);
	snprintf(line, sizeof(line), "sleep 30 & echo $! > %s; wait", file);
	assert_int_equal(run_sh(line, &s, &r, &err), -BERTH_E_TIMEDOUT);
	assert_non_null(strstr(err->msg, "did not finish within 500 ms"));
	berth_error_free(&err);
	assert_in_range(berth_now_ms() - t0, 450, 2500 + berth_test_slack_ms());
	assert_int_equal(berth_spawn_running(), 0);
	f = fopen(file, "r");
	assert_non_null(f);
	assert_non_null(fgets(pidtext, sizeof(pidtext), f));
	fclose(f);
	grandchild = strtol(pidtext, NULL, 10);
	assert_true(grandchild > 0);
	assert_true(wait_gone(grandchild, 2000));
	unlink(file);
	rmdir(dir);
}

/* No time left (a deadline spent: timeout_ms <= 0): nothing is started, and the error says so. */
static void
test_no_time_left(void **state)
{
	char dir[] = "/tmp/berth-spawn.XXXXXX", file[64], line[160];
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", line, NULL };
	long budgets[] = { 0, -1, -5000 };
	size_t i;

	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/ran", dir);
	snprintf(line, sizeof(line), "touch %s", file);
	for (i = 0; i < sizeof(budgets) / sizeof(budgets[0]); i++) {
		struct berth_spawn s = { .argv = argv, .what = "the toucher", .timeout_ms = budgets[i] };
		berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
		berth_error_t err = NULL;

		assert_int_equal(berth_spawn_run(&s, &r, &err), -BERTH_E_TIMEDOUT);
		assert_non_null(err);
		assert_string_equal(err->msg, "no time left to run the toucher");
		berth_error_free(&err);
		assert_int_equal(berth_spawn_running(), 0);
	}
	assert_int_equal(access(file, F_OK), -1);
	rmdir(dir);
}

/* A child that ends while something it started holds its output open: berth does not wait for
 * that, and nothing of the child's group outlives the call. */
static void
test_leftovers_are_not_waited_for(void **state)
{
	struct berth_spawn s = { .out_max = 100, .timeout_ms = 5000 };
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	berth_error_t err = NULL;
	long long t0 = berth_now_ms();
	long leftover;

	assert_int_equal(run_sh("sleep 30 & echo $!; exit 0", &s, &r, &err), 0);
	assert_true(berth_now_ms() - t0 < 3000 + berth_test_slack_ms());
	assert_int_equal(r.status, 0);
	leftover = strtol(r.out, NULL, 10);
	assert_true(leftover > 0);
	assert_true(wait_gone(leftover, 2000));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_and_status),
		cmocka_unit_test(test_status_with_sigchld_ignored),
		cmocka_unit_test(test_merge_and_caps),
		cmocka_unit_test(test_input_and_signal_status),
		cmocka_unit_test(test_program_lookup),
		cmocka_unit_test(test_isolation),
		cmocka_unit_test(test_timeout_kills_the_group),
		cmocka_unit_test(test_leftovers_are_not_waited_for),
		cmocka_unit_test(test_no_time_left),
	};

	return cmocka_run_group_tests_name("spawn", tests, NULL, NULL);
}
