/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the checked directory, the atomic writer and the bounded reader (file.c). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "file.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/berth-test-file-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

/* The tests make a known, shallow tree: files and links in dir, one level of directories. */
static int
teardown(void **state)
{
	char *argv[] = { (char *)"rm", (char *)"-rf", dir, NULL };
	pid_t pid;

	(void)state;
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 0;
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

static void
put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
test_dir_open_creates_and_checks(void **state)
{
	berth_error_t err = NULL;
	struct stat st;
	int fd;

	(void)state;
	/* made when missing, with the mode asked for */
	fd = berth_file_dir_open(at("new"), 0750, &err);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(at("new"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0750);
	/* an existing one is fine, and not made without create_mode */
	fd = berth_file_dir_open(at("new"), 0, &err);
	assert_true(fd >= 0);
	close(fd);
	assert_true(berth_file_dir_open(at("absent"), 0, &err) == -ENOENT);
	assert_non_null(strstr(err->msg, "No such file"));
	berth_error_free(&err);
	assert_int_equal(stat(at("absent"), &st), -1);
}

static void
test_dir_open_refuses_link_file_and_writable(void **state)
{
	berth_error_t err = NULL;
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(at("real"), 0750), 0);
	assert_int_equal(symlink(at("real"), at("link")), 0);
	assert_true(berth_file_dir_open(at("link"), 0750, &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory"));
	assert_non_null(strstr(err->msg, at("link")));
	berth_error_free(&err);
	/* a dangling link is not made into a directory where it points either */
	assert_int_equal(symlink(at("elsewhere"), at("dangling")), 0);
	assert_true(berth_file_dir_open(at("dangling"), 0750, &err) < 0);
	assert_non_null(strstr(err->msg, "symbolic link"));
	berth_error_free(&err);
	assert_int_equal(lstat(at("elsewhere"), &st), -1);

	put("file", "x");
	assert_true(berth_file_dir_open(at("file"), 0750, &err) < 0);
	assert_non_null(strstr(err->msg, "is a regular file, not a directory"));
	berth_error_free(&err);

	assert_int_equal(mkdir(at("groupw"), 0750), 0);
	assert_int_equal(chmod(at("groupw"), 0770), 0);
	assert_true(berth_file_dir_open(at("groupw"), 0750, &err) == -EPERM);
	assert_non_null(strstr(err->msg, "writable by its group (mode 0770)"));
	berth_error_free(&err);
	assert_int_equal(chmod(at("groupw"), 01777), 0);
	assert_true(berth_file_dir_open(at("groupw"), 0750, &err) == -EPERM);
	assert_non_null(strstr(err->msg, "writable by every user (mode 1777)"));
	berth_error_free(&err);
}

static void
test_dir_open_refuses_other_owner(void **state)
{
	berth_error_t err = NULL;

	(void)state;
	if (geteuid() == 0) {
		assert_int_equal(mkdir(at("theirs"), 0755), 0);
		assert_int_equal(chown(at("theirs"), 65534, 65534), 0);
		assert_true(berth_file_dir_open(at("theirs"), 0, &err) == -EPERM);
		assert_non_null(strstr(err->msg, "is owned by uid 65534, not by uid 0"));
	} else {
		/* not root: "/" is someone else's */
		assert_true(berth_file_dir_open("/", 0, &err) == -EPERM);
		assert_non_null(strstr(err->msg, "is owned by uid 0"));
	}
	berth_error_free(&err);
}

static void
test_write_atomic(void **state)
{
	berth_error_t err = NULL;
	cleanup_close int fd = -1;
	struct stat st;
	mode_t old = umask(0);
	char tmp[128];

	(void)state;
	fd = berth_file_dir_open(dir, 0, &err);
	assert_true(fd >= 0);
	assert_int_equal(berth_file_write_atomic(fd, dir, "rec", "one\n", 4, 0600, BERTH_FILE_SYNC, &err), 0);
	assert_string_equal(slurp(at("rec")), "one\n");
	assert_int_equal(stat(at("rec"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	/* replaced as a whole, the mode set whatever the umask */
	umask(077);
	assert_int_equal(berth_file_write_atomic(fd, dir, "rec", "two\n", 4, 0640, 0, &err), 0);
	umask(old);
	assert_string_equal(slurp(at("rec")), "two\n");
	assert_int_equal(stat(at("rec"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	/* no temporary file is left */
	snprintf(tmp, sizeof(tmp), ".rec.%ld.tmp", (long)getpid());
	assert_int_equal(lstat(at(tmp), &st), -1);
	/* a name is one component */
	assert_true(berth_file_write_atomic(fd, dir, "../rec", "x", 1, 0600, 0, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot name a file"));
	berth_error_free(&err);
	assert_true(berth_file_write_atomic(fd, dir, "", "x", 1, 0600, 0, &err) < 0);
	berth_error_free(&err);
}

/* Links planted at the name or at the temporary name: neither is followed, their targets stay. */
static void
test_write_atomic_follows_no_link(void **state)
{
	berth_error_t err = NULL;
	cleanup_close int fd = -1;
	struct stat st;
	char tmp[128];

	(void)state;
	put("target", "keep\n");
	assert_int_equal(symlink(at("target"), at("rec")), 0);
	snprintf(tmp, sizeof(tmp), ".rec.%ld.tmp", (long)getpid());
	assert_int_equal(symlink(at("target"), at(tmp)), 0);
	fd = berth_file_dir_open(dir, 0, &err);
	assert_true(fd >= 0);
	assert_int_equal(berth_file_write_atomic(fd, dir, "rec", "new\n", 4, 0600, 0, &err), 0);
	assert_string_equal(slurp(at("target")), "keep\n");
	assert_int_equal(lstat(at("rec"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(slurp(at("rec")), "new\n");
	assert_int_equal(lstat(at(tmp), &st), -1);
}

static void
test_read(void **state)
{
	berth_error_t err = NULL;
	cleanup_free char *data = NULL;
	size_t len;

	(void)state;
	put("a", "hello\n");
	assert_int_equal(berth_file_read(AT_FDCWD, at("a"), 0, 100, &data, &len, &err), 0);
	assert_int_equal(len, 6);
	assert_string_equal(data, "hello\n");
	free(data);
	data = NULL;
	/* exactly max is fine, one more is not */
	assert_int_equal(berth_file_read(AT_FDCWD, at("a"), 0, 6, &data, &len, &err), 0);
	free(data);
	data = NULL;
	assert_true(berth_file_read(AT_FDCWD, at("a"), 0, 5, &data, &len, &err) == -EFBIG);
	assert_null(data);
	assert_non_null(strstr(err->msg, "is larger than 5 bytes"));
	berth_error_free(&err);
	/* an empty file */
	put("empty", "");
	assert_int_equal(berth_file_read(AT_FDCWD, at("empty"), 0, 6, &data, &len, &err), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	data = NULL;
	/* relative to a directory */
	{
		cleanup_close int fd = open(dir, O_RDONLY | O_DIRECTORY);

		assert_int_equal(berth_file_read(fd, "a", BERTH_FILE_NOFOLLOW, 100, &data, &len, &err), 0);
		assert_string_equal(data, "hello\n");
		free(data);
		data = NULL;
	}
	assert_true(berth_file_read(AT_FDCWD, at("none"), 0, 100, &data, &len, &err) == -ENOENT);
	assert_non_null(strstr(err->msg, "no such file"));
	berth_error_free(&err);
	/* a /proc file says it is empty: read to its end all the same */
	assert_int_equal(berth_file_read(AT_FDCWD, "/proc/self/status", 0, 1 << 20, &data, &len, &err), 0);
	assert_non_null(strstr(data, "Pid:"));
}

static void
test_read_refuses_what_is_not_a_file(void **state)
{
	berth_error_t err = NULL;
	char *data = NULL;
	size_t len;
	time_t t0;

	(void)state;
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	t0 = time(NULL);
	assert_true(berth_file_read(AT_FDCWD, at("fifo"), 0, 100, &data, &len, &err) < 0);
	assert_true(time(NULL) - t0 <= 1);
	assert_null(data);
	assert_non_null(strstr(err->msg, "is a FIFO (named pipe), not a regular file"));
	berth_error_free(&err);
	assert_true(berth_file_read(AT_FDCWD, "/dev/null", 0, 100, &data, &len, &err) < 0);
	assert_non_null(strstr(err->msg, "/dev/null is a character device"));
	berth_error_free(&err);
	assert_true(berth_file_read(AT_FDCWD, dir, 0, 100, &data, &len, &err) < 0);
	assert_non_null(strstr(err->msg, "is a directory"));
	berth_error_free(&err);
	/* a link is followed to a file, unless told not to */
	put("a", "x");
	assert_int_equal(symlink(at("a"), at("l")), 0);
	assert_int_equal(berth_file_read(AT_FDCWD, at("l"), 0, 100, &data, &len, &err), 0);
	free(data);
	data = NULL;
	assert_true(berth_file_read(AT_FDCWD, at("l"), BERTH_FILE_NOFOLLOW, 100, &data, &len, &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link"));
	berth_error_free(&err);
	/* a link to a FIFO is a FIFO */
	assert_int_equal(symlink(at("fifo"), at("lf")), 0);
	assert_true(berth_file_read(AT_FDCWD, at("lf"), 0, 100, &data, &len, &err) < 0);
	assert_non_null(strstr(err->msg, "FIFO"));
	berth_error_free(&err);
}

/* BERTH_FILE_OWNED: berth's own configuration is root's and writable by root alone; a file others
 * may change is refused, judged on what was opened. */
static void
test_read_owned(void **state)
{
	berth_error_t err = NULL;
	char *data = NULL;
	size_t len;

	(void)state;
	put("c", "k = v\n");
	assert_int_equal(chmod(at("c"), 0644), 0);
	assert_int_equal(berth_file_read(AT_FDCWD, at("c"), BERTH_FILE_OWNED, 100, &data, &len, &err), 0);
	assert_string_equal(data, "k = v\n");
	free(data);
	data = NULL;
	assert_int_equal(chmod(at("c"), 0664), 0);
	assert_true(berth_file_read(AT_FDCWD, at("c"), BERTH_FILE_OWNED, 100, &data, &len, &err) == -EPERM);
	assert_null(data);
	assert_non_null(strstr(err->msg, "is writable by its group (mode 0664): berth reads no configuration from it"));
	berth_error_free(&err);
	assert_int_equal(chmod(at("c"), 0646), 0);
	assert_true(berth_file_read(AT_FDCWD, at("c"), BERTH_FILE_OWNED, 100, &data, &len, &err) == -EPERM);
	assert_non_null(strstr(err->msg, "writable by every user (mode 0646)"));
	berth_error_free(&err);
	/* without the flag, the reader does not care */
	assert_int_equal(berth_file_read(AT_FDCWD, at("c"), 0, 100, &data, &len, &err), 0);
	free(data);
	data = NULL;
	if (geteuid() == 0) {
		assert_int_equal(chmod(at("c"), 0644), 0);
		assert_int_equal(chown(at("c"), 65534, 65534), 0);
		assert_true(berth_file_read(AT_FDCWD, at("c"), BERTH_FILE_OWNED, 100, &data, &len, &err) == -EPERM);
		assert_non_null(strstr(err->msg, "is owned by uid 65534, not by uid 0"));
		berth_error_free(&err);
	} else {
		assert_true(berth_file_read(AT_FDCWD, "/etc/hostname", BERTH_FILE_OWNED, 4096, &data, &len, &err) ==
			    -EPERM);
		berth_error_free(&err);
	}
}

/* A directory berth reads its configuration from: checked as the ones it writes in, never made,
 * and the message says what berth does not do there. */
static void
test_dir_open_config(void **state)
{
	berth_error_t err = NULL;
	struct stat st;
	int fd;

	(void)state;
	assert_true(berth_file_dir_open_config(at("etc"), &err) == -ENOENT);
	berth_error_free(&err);
	assert_int_equal(lstat(at("etc"), &st), -1); /* not made */
	assert_int_equal(mkdir(at("etc"), 0755), 0);
	fd = berth_file_dir_open_config(at("etc"), &err);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(chmod(at("etc"), 0775), 0);
	assert_true(berth_file_dir_open_config(at("etc"), &err) == -EPERM);
	assert_non_null(strstr(err->msg, "is writable by its group (mode 0775): berth reads no configuration from it"));
	berth_error_free(&err);
	assert_int_equal(symlink(at("etc"), at("etc-link")), 0);
	assert_true(berth_file_dir_open_config(at("etc-link"), &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory: berth reads no configuration from it"));
	berth_error_free(&err);
}

/* mount_points: each directory of the list with its parents, blanks and empty entries skipped,
 * what exists already kept; what cannot be made is named. */
static void
test_make_mount_points(void **state)
{
	berth_error_t err = NULL;
	char list[256];
	struct stat st;

	(void)state;
	assert_int_equal(berth_file_make_mount_points(NULL, &err), 0);
	snprintf(list, sizeof(list), "%s/a/b, ,%s/c/", dir, dir);
	assert_int_equal(berth_file_make_mount_points(list, &err), 0);
	assert_null(err);
	assert_int_equal(stat(at("a/b"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(stat(at("c"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(berth_file_make_mount_points(list, &err), 0); /* again: all there */
	put("f", "a file\n");
	snprintf(list, sizeof(list), "%s/f/g", dir);
	assert_int_equal(berth_file_make_mount_points(list, &err), -ENOTDIR);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "cannot create mount point"));
	assert_non_null(strstr(err->msg, "/f/g"));
	berth_error_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dir_open_creates_and_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_open_refuses_link_file_and_writable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_open_refuses_other_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_atomic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_atomic_follows_no_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_refuses_what_is_not_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_owned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dir_open_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_make_mount_points, setup, teardown),
	};

	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
