/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: drop_in_dependency's systemd drop-ins (scope.c), on a directory standing in for /. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deadline.h"
#include "scope.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char root[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/berth-test-scope-XXXXXX");
	return mkdtemp(root) == NULL ? -1 : 0;
}

/* Remove what the tests made under root (a known, shallow tree: no recursion needed). */
static int
teardown(void **state)
{
	static const char *const files[] = { "/run/systemd/transient/libpod-" ID ".scope.d/dep.conf",
					     "/run/systemd/transient/libpod-conmon-" ID ".scope.d/dep.conf",
					     "/run/systemd/transient/docker-" ID ".scope.d/dep.conf",
					     "/run/systemd/transient/libpod-" ID ".scope",
					     "/run/systemd/transient/libpod-conmon-" ID ".scope",
					     "/run/systemd/transient/docker-" ID ".scope",
					     NULL };
	static const char *const dirs[] = { "/run/systemd/transient/libpod-" ID ".scope.d",
					    "/run/systemd/transient/libpod-conmon-" ID ".scope.d",
					    "/run/systemd/transient/docker-" ID ".scope.d",
					    "/run/systemd/transient",
					    "/run/systemd/system",
					    "/run/systemd",
					    "/run",
					    "",
					    NULL };
	char p[1024];

	(void)state;
	for (int i = 0; files[i]; i++) {
		snprintf(p, sizeof(p), "%s%s", root, files[i]);
		unlink(p);
	}
	for (int i = 0; dirs[i]; i++) {
		snprintf(p, sizeof(p), "%s%s", root, dirs[i]);
		rmdir(p);
	}
	return 0;
}

static void
make(const char *rel, bool dir)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s%s", root, rel);
	if (dir) {
		assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
	} else {
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fputs("[Scope]\n", f);
		fclose(f);
	}
}

static bool
exists(const char *rel)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s%s", root, rel);
	return access(p, F_OK) == 0;
}

static void
test_systemd_detection(void **state)
{
	(void)state;
	assert_false(berth_scope_systemd(root));
	make("/run", true);
	make("/run/systemd", true);
	assert_false(berth_scope_systemd(root));
	make("/run/systemd/system", true);
	assert_true(berth_scope_systemd(root));
}

/* podman's two scopes get the drop-in; docker's, which does not exist, gets none. */
static void
test_podman_scopes(void **state)
{
	char p[1024], buf[512];
	FILE *f;
	size_t n;
	struct stat st;
	berth_error_t err = NULL;

	(void)state;
	make("/run", true);
	make("/run/systemd", true);
	make("/run/systemd/transient", true);
	assert_int_equal(berth_scope_order(root, ID, &err), 0); /* no scope: nothing written */
	assert_null(err);
	make("/run/systemd/transient/libpod-" ID ".scope", false);
	make("/run/systemd/transient/libpod-conmon-" ID ".scope", false);
	assert_int_equal(berth_scope_order(root, ID, &err), 2);
	assert_null(err);
	assert_false(exists("/run/systemd/transient/docker-" ID ".scope.d"));
	snprintf(p, sizeof(p), "%s/run/systemd/transient/libpod-" ID ".scope.d/dep.conf", root);
	f = fopen(p, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "[Unit]\n"));
	assert_non_null(strstr(buf, "\nBefore=pacemaker.service pacemaker_remote.service\n"));
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644); /* systemd reads it whatever root's umask */
	assert_true(exists("/run/systemd/transient/libpod-conmon-" ID ".scope.d/dep.conf"));
	/* Again (a restart of the resource in the same scope): the same file, no temporary left. */
	assert_int_equal(berth_scope_order(root, ID, &err), 2);
	{
		char rel[256];
		snprintf(rel, sizeof(rel), "/run/systemd/transient/libpod-" ID ".scope.d/.dep.conf.%ld.tmp",
			 (long)getpid());
		assert_false(exists(rel));
	}
}

static void
test_docker_scope(void **state)
{
	berth_error_t err = NULL;

	(void)state;
	make("/run", true);
	make("/run/systemd", true);
	make("/run/systemd/transient", true);
	make("/run/systemd/transient/docker-" ID ".scope", false);
	assert_int_equal(berth_scope_order(root, ID, &err), 1);
	assert_true(exists("/run/systemd/transient/docker-" ID ".scope.d/dep.conf"));
}

static void
test_bad_id_and_unwritable(void **state)
{
	berth_error_t err = NULL;
	char p[1024];

	(void)state;
	assert_true(berth_scope_order(root, "../../etc", &err) < 0);
	assert_non_null(strstr(err->msg, "not hexadecimal"));
	berth_error_free(&err);
	assert_true(berth_scope_order(root, NULL, &err) < 0);
	berth_error_free(&err);
	/* The drop-in directory's name is taken by a file: the error names the scope. */
	make("/run", true);
	make("/run/systemd", true);
	make("/run/systemd/transient", true);
	make("/run/systemd/transient/docker-" ID ".scope", false);
	snprintf(p, sizeof(p), "%s/run/systemd/transient/docker-" ID ".scope.d", root);
	make("/run/systemd/transient/docker-" ID ".scope.d", false);
	assert_true(berth_scope_order(root, ID, &err) < 0);
	assert_non_null(strstr(err->msg, "docker-" ID ".scope"));
	berth_error_free(&err);
	unlink(p);
}

/* The drop-in directory is a link (to a directory systemd does not read, or anywhere else): berth
 * writes nothing through it, and says why. */
static void
test_dropin_directory_link_not_followed(void **state)
{
	berth_error_t err = NULL;
	char link[1024], target[1024];

	(void)state;
	make("/run", true);
	make("/run/systemd", true);
	make("/run/systemd/transient", true);
	make("/run/systemd/transient/docker-" ID ".scope", false);
	make("/run/elsewhere", true);
	snprintf(target, sizeof(target), "%s/run/elsewhere", root);
	snprintf(link, sizeof(link), "%s/run/systemd/transient/docker-" ID ".scope.d", root);
	assert_int_equal(symlink(target, link), 0);
	assert_true(berth_scope_order(root, ID, &err) < 0);
	assert_non_null(strstr(err->msg, "docker-" ID ".scope"));
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory"));
	berth_error_free(&err);
	assert_false(exists("/run/elsewhere/dep.conf"));
	unlink(link);
	rmdir(target);
}

static void
test_reload(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;

	(void)state;
	berth_deadline_init(&d, 5000);
	setenv("BERTH_SYSTEMCTL", "/bin/true", 1);
	assert_int_equal(berth_scope_reload(&d, &err), 0);
	setenv("BERTH_SYSTEMCTL", "/bin/false", 1);
	assert_true(berth_scope_reload(&d, &err) < 0);
	assert_non_null(strstr(err->msg, "daemon-reload failed (status 1)"));
	berth_error_free(&err);
	setenv("BERTH_SYSTEMCTL", "/nonexistent/systemctl", 1);
	assert_true(berth_scope_reload(&d, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run"));
	berth_error_free(&err);
	unsetenv("BERTH_SYSTEMCTL");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_systemd_detection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_scopes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_docker_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_id_and_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dropin_directory_link_not_followed, setup, teardown),
		cmocka_unit_test(test_reload),
	};

	return cmocka_run_group_tests_name("scope", tests, NULL, NULL);
}
