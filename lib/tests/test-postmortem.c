/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the post-mortem record and its file (format, rotation by size and count, the off
 * switch, bounded output), in a temporary directory. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "postmortem.h"

static char tmpdir[64];
static char dir[96];

static int
setup(void **state)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/berth-pm.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(dir, sizeof(dir), "%s/berth", tmpdir);
	return 0;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
	assert_int_equal(rmdir(tmpdir), 0);
	return 0;
}

static struct berth_postmortem
sample(const char *output, int lines)
{
	struct berth_postmortem pm = {
		.action = "stop",
		.resource = "web",
		.name = "web",
		.id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		.image = "berth-test:latest",
		.status = "exited",
		.exit_code = 3,
		.oom_killed = false,
		.error = NULL,
		.started_at = "2026-11-25T11:37:00.123456789Z",
		.finished_at = "2026-11-25T11:37:02.5Z",
		.output = output,
		.lines = lines,
	};
	return pm;
}

/* The whole text of dir/<file>, or NULL (malloc'd). */
static char *
slurp(const char *file)
{
	char path[512], *buf;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	buf = calloc(1, 4 << 20);
	n = fread(buf, 1, (4 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static off_t
size_of(const char *file)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return stat(path, &st) == 0 ? st.st_size : -1;
}

static void
test_format(void **state)
{
	struct berth_postmortem pm = sample("one\ntwo\r\nthree\n", 100);
	char *r = berth_postmortem_format(&pm, 1795606622); /* 2026-11-25T11:37:02Z */

	assert_string_equal(r, "=== 2026-11-25T11:37:02Z berth post-mortem of container web ===\n"
			       "resource:   web (stop removed the container)\n"
			       "container:  web 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
			       "image:      berth-test:latest\n"
			       "status:     exited\n"
			       "exit code:  3\n"
			       "OOMKilled:  false\n"
			       "error:      -\n"
			       "started:    2026-11-25T11:37:00.123456789Z\n"
			       "finished:   2026-11-25T11:37:02.5Z\n"
			       "output:     the last 3 lines (postmortem_lines=100)\n"
			       "| one\n"
			       "| two\n"
			       "| three\n"
			       "\n");
	free(r);

	/* Only the last N lines; a last line without '\n' counts; OOM and the daemon's error. */
	pm = sample("a\nb\nc\nd", 2);
	pm.oom_killed = true;
	pm.exit_code = 137;
	pm.error = "task killed\nby the kernel";
	r = berth_postmortem_format(&pm, 0);
	assert_non_null(strstr(r, "OOMKilled:  true\nerror:      task killed?by the kernel\n"));
	assert_non_null(strstr(r, "output:     the last 2 lines (postmortem_lines=2)\n| c\n| d\n\n"));
	assert_null(strstr(r, "| b"));
	free(r);

	/* Control characters cannot move a terminal's cursor nor pass for a header. */
	pm = sample("\x1b[2Jcleared\n=== fake header\n", 10);
	r = berth_postmortem_format(&pm, 0);
	assert_non_null(strstr(r, "| ?[2Jcleared\n| === fake header\n"));
	free(r);

	/* Output that could not be read. */
	pm = sample(NULL, 10);
	pm.output_error = "reading container logs: configured logging driver does not support reading (HTTP 501)";
	r = berth_postmortem_format(&pm, 0);
	assert_non_null(strstr(r, "output:     not read: reading container logs: configured logging driver"));
	assert_null(strstr(r, "| "));
	free(r);
}

/* However much the container printed, a record stays bounded. */
static void
test_bounded_output(void **state)
{
	size_t n = 1 << 20, i;
	char *out = malloc(n + 1), *r;
	struct berth_postmortem pm;

	/* 1 MiB in lines of 99 bytes: at most 64 KiB of them */
	for (i = 0; i < n; i++)
		out[i] = i % 100 == 99 ? '\n' : 'x';
	out[n] = '\0';
	pm = sample(out, BERTH_POSTMORTEM_MAX_LINES);
	r = berth_postmortem_format(&pm, 0);
	assert_true(strlen(r) < BERTH_POSTMORTEM_MAX_OUTPUT + 1024);
	assert_true(strlen(r) > BERTH_POSTMORTEM_MAX_OUTPUT - 1024);
	free(r);

	/* one line of 1 MiB: cut at BERTH_POSTMORTEM_MAX_LINE bytes */
	memset(out, 'y', n);
	pm = sample(out, 5);
	r = berth_postmortem_format(&pm, 0);
	assert_true(strlen(r) < BERTH_POSTMORTEM_MAX_LINE + 1024);
	assert_non_null(strstr(r, "yyy [...]\n\n"));
	free(r);
	free(out);
}

static void
test_append_creates_dir_and_file(void **state)
{
	struct berth_postmortem_limits lim = { 1 << 20, 3 };
	berth_error_t err = NULL;
	struct stat st;
	char *text;

	assert_int_equal(berth_postmortem_append(dir, "web", "first\n", &lim, &err), 0);
	assert_int_equal(berth_postmortem_append(dir, "web", "second\n", &lim, &err), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	text = slurp("web.log");
	assert_string_equal(text, "first\nsecond\n");
	free(text);
	assert_int_equal(berth_postmortem_append(dir, "../web", "x\n", &lim, &err), -EINVAL);
	berth_error_free(&err);
}

static void
test_rotation_by_size_and_count(void **state)
{
	struct berth_postmortem_limits lim = { 100, 3 };
	berth_error_t err = NULL;
	char rec[41], *text;
	int i;

	/* 40-byte records, 100-byte files: two records a file */
	for (i = 0; i < 12; i++) {
		snprintf(rec, sizeof(rec), "%02d%037d\n", i, 0);
		assert_int_equal(berth_postmortem_append(dir, "db", rec, &lim, &err), 0);
		assert_true(size_of("db.log") <= 100);
	}
	/* records 10-11 in db.log, 8-9 in .1, 6-7 in .2, 4-5 in .3; 0-3 gone */
	text = slurp("db.log");
	assert_int_equal(strncmp(text, "10", 2), 0);
	assert_int_equal(strlen(text), 80);
	free(text);
	text = slurp("db.log.1");
	assert_int_equal(strncmp(text, "08", 2), 0);
	free(text);
	text = slurp("db.log.3");
	assert_int_equal(strncmp(text, "04", 2), 0);
	free(text);
	assert_int_equal(size_of("db.log.4"), -1);

	/* A record larger than the limit still goes in, alone in its file. */
	{
		char big[300];
		memset(big, 'b', sizeof(big) - 2);
		big[sizeof(big) - 2] = '\n';
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(berth_postmortem_append(dir, "db", big, &lim, &err), 0);
		assert_int_equal(size_of("db.log"), 299);
		assert_int_equal(berth_postmortem_append(dir, "db", "next\n", &lim, &err), 0);
		assert_int_equal(size_of("db.log"), 5);
		assert_int_equal(size_of("db.log.1"), 299);
	}
}

/* Never through a symbolic link, never into anything but a regular file. */
static void
test_refuses_links(void **state)
{
	struct berth_postmortem_limits lim = { 1 << 20, 3 };
	berth_error_t err = NULL;
	char target[128], link[128];

	assert_int_equal(mkdir(dir, 0750), 0);
	snprintf(target, sizeof(target), "%s/target", tmpdir);
	snprintf(link, sizeof(link), "%s/evil.log", dir);
	assert_int_equal(symlink(target, link), 0);
	assert_true(berth_postmortem_append(dir, "evil", "x\n", &lim, &err) < 0);
	assert_non_null(err);
	berth_error_free(&err);
	assert_int_equal(access(target, F_OK), -1);
}

/* The directory itself: a link, a file, a directory others may write in. Nothing is written, and
 * the error says what the directory is. */
static void
test_refuses_hostile_directory(void **state)
{
	struct berth_postmortem_limits lim = { 1 << 20, 3 };
	berth_error_t err = NULL;
	char target[128], entry[192];
	struct stat st;

	snprintf(target, sizeof(target), "%s/target", tmpdir);
	assert_int_equal(mkdir(target, 0750), 0);
	assert_int_equal(symlink(target, dir), 0);
	assert_true(berth_postmortem_append(dir, "web", "x\n", &lim, &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory"));
	berth_error_free(&err);
	snprintf(entry, sizeof(entry), "%s/web.log", target);
	assert_int_equal(access(entry, F_OK), -1);
	assert_int_equal(unlink(dir), 0);
	assert_int_equal(rmdir(target), 0);

	assert_int_equal(mkdir(dir, 0750), 0);
	assert_int_equal(chmod(dir, 0770), 0);
	assert_true(berth_postmortem_append(dir, "web", "x\n", &lim, &err) == -EPERM);
	assert_non_null(strstr(err->msg, "writable by its group (mode 0770)"));
	berth_error_free(&err);
	assert_int_equal(size_of("web.log"), -1);
	assert_int_equal(rmdir(dir), 0);

	{
		FILE *f = fopen(dir, "w");

		assert_non_null(f);
		fclose(f);
	}
	assert_true(berth_postmortem_append(dir, "web", "x\n", &lim, &err) < 0);
	assert_non_null(strstr(err->msg, "is a regular file, not a directory"));
	berth_error_free(&err);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(unlink(dir), 0);
}

/* Rotation renames and removes links themselves, never what they point to. */
static void
test_rotation_follows_no_link(void **state)
{
	struct berth_postmortem_limits lim = { 10, 1 };
	berth_error_t err = NULL;
	char target[128], link[192];
	char *text;
	struct stat st;

	snprintf(target, sizeof(target), "%s/target", tmpdir);
	assert_int_equal(mkdir(dir, 0750), 0);
	{
		FILE *f = fopen(target, "w");

		assert_non_null(f);
		fputs("keep\n", f);
		fclose(f);
	}
	snprintf(link, sizeof(link), "%s/db.log.1", dir);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(berth_postmortem_append(dir, "db", "0123456789\n", &lim, &err), 0);
	assert_int_equal(berth_postmortem_append(dir, "db", "abcdefghij\n", &lim, &err), 0);
	/* db.log went to db.log.1 over the link */
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	text = slurp("db.log.1");
	assert_string_equal(text, "0123456789\n");
	free(text);
	text = slurp("db.log");
	assert_string_equal(text, "abcdefghij\n");
	free(text);
	{
		char buf[16] = "";
		FILE *f = fopen(target, "r");

		assert_non_null(f);
		assert_non_null(fgets(buf, sizeof(buf), f));
		fclose(f);
		assert_string_equal(buf, "keep\n");
	}
	assert_int_equal(unlink(target), 0);
	/* a FIFO as the file: refused at once, not waited on */
	assert_int_equal(unlink(link), 0);
	snprintf(link, sizeof(link), "%s/fifo.log", dir);
	assert_int_equal(mkfifo(link, 0600), 0);
	assert_true(berth_postmortem_append(dir, "fifo", "x\n", &lim, &err) < 0);
	assert_non_null(strstr(err->msg, "fifo.log is a FIFO (named pipe), not a regular file: not writing to it"));
	berth_error_free(&err);
}

/* keep: the record with the default limits; nothing at all when postmortem_lines is 0. */
static void
test_keep_and_off_switch(void **state)
{
	struct berth_postmortem pm = sample("hello\nworld\n", 0);
	berth_error_t err = NULL;
	char *text;

	assert_int_equal(berth_postmortem_keep(dir, &pm, &err), 0);
	assert_int_equal(access(dir, F_OK), -1); /* not even the directory */

	pm.lines = 1;
	assert_int_equal(berth_postmortem_keep(dir, &pm, &err), 0);
	text = slurp("web.log");
	assert_non_null(strstr(text, "exit code:  3\n"));
	assert_non_null(strstr(text, "the last 1 line (postmortem_lines=1)\n| world\n\n"));
	assert_null(strstr(text, "hello"));
	free(text);

	/* A directory that cannot be made: an error, which the caller only logs. */
	assert_true(berth_postmortem_keep("/nonexistent/berth", &pm, &err) < 0);
	assert_non_null(err);
	berth_error_free(&err);
}

static void
test_dir_override(void **state)
{
	unsetenv("BERTH_POSTMORTEM_DIR");
	assert_string_equal(berth_postmortem_dir(), "/var/log/berth");
	setenv("BERTH_POSTMORTEM_DIR", dir, 1);
	assert_string_equal(berth_postmortem_dir(), dir);
	unsetenv("BERTH_POSTMORTEM_DIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounded_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_append_creates_dir_and_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotation_by_size_and_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_hostile_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotation_follows_no_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_and_off_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_override, setup, teardown),
	};

	return cmocka_run_group_tests_name("postmortem", tests, NULL, NULL);
}
