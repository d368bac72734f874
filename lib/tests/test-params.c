/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the parameter table and the parameters of one invocation (params.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "params.h"

extern char **environ;

/* No OCF_*, HA_* or DOCKER_HOST variable: each test sets what it means. */
static int
clean_env(void **state)
{
	size_t i;

	for (i = 0; environ[i] != NULL;) {
		char name[256];
		size_t n = strcspn(environ[i], "=");

		if (n < sizeof(name) &&
		    (strncmp(environ[i], "OCF_", 4) == 0 || strncmp(environ[i], "DOCKER_HOST=", 12) == 0)) {
			memcpy(name, environ[i], n);
			name[n] = '\0';
			unsetenv(name);
			continue;
		}
		i++;
	}
	berth_params_set_program(NULL);
	return 0;
}

static void
test_table(void **state)
{
	const struct berth_param_def *p;
	int n = 0, identity = 0;

	for (p = berth_param_table; p->name != NULL; p++, n++) {
		assert_non_null(p->shortdesc);
		assert_true(strlen(p->longdesc) >= 20);
		/* what says which container the resource is never reloads */
		assert_false(p->identity && p->reloadable);
		if (p->identity) {
			identity++;
			assert_true(strcmp(p->name, "name") == 0 || strcmp(p->name, "docker_socket") == 0);
		}
		/* a change of these makes another container: start recreates, a reload-agent must not */
		if (strcmp(p->name, "image") == 0 || strcmp(p->name, "run_opts") == 0 ||
		    strcmp(p->name, "run_cmd") == 0)
			assert_false(p->reloadable);
		assert_int_equal(p->required, strcmp(p->name, "image") == 0);
	}
	assert_int_equal(identity, 2);
	assert_true(n >= 19);
}

static void
test_name_ok(void **state)
{
	char long_name[300];

	assert_true(berth_params_name_ok("web"));
	assert_true(berth_params_name_ok("web-1.a_b"));
	assert_true(berth_params_name_ok("9lives"));
	assert_false(berth_params_name_ok(NULL));
	assert_false(berth_params_name_ok(""));
	assert_false(berth_params_name_ok("-web"));
	assert_false(berth_params_name_ok("_web"));
	assert_false(berth_params_name_ok("web:1"));
	assert_false(berth_params_name_ok("web/1"));
	assert_false(berth_params_name_ok("we b"));
	assert_false(berth_params_name_ok("w\xc3\xa9"));
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_false(berth_params_name_ok(long_name));
	long_name[253] = '\0';
	assert_true(berth_params_name_ok(long_name));
}

static void
expect_name(const char *want)
{
	struct berth_params p;
	berth_error_t err = NULL;

	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_null(err);
	assert_string_equal(p.name, want);
	berth_params_release(&p);
}

/* The container name: the parameter, else the instance; clone instances apart. */
static void
test_container_name(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	expect_name("berth"); /* no instance at all */
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	expect_name("web");
	setenv("OCF_RESOURCE_INSTANCE", "web:2", 1); /* globally-unique clone */
	expect_name("web-2");
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	setenv("OCF_RESKEY_CRM_meta_clone", "3", 1); /* anonymous clone */
	expect_name("web-3");
	setenv("OCF_RESKEY_name", "site", 1);
	expect_name("site-3");
	unsetenv("OCF_RESKEY_CRM_meta_clone");
	expect_name("site");
	unsetenv("OCF_RESKEY_name");
	setenv("OCF_RESKEY_container", "legacy", 1); /* the deprecated alias */
	expect_name("legacy");
	unsetenv("OCF_RESKEY_container");

	setenv("OCF_RESKEY_name", "not a name", 1);
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "container name 'not a name' is not valid"));
	berth_error_free(&err);
	berth_params_release(&p);
}

static void
test_socket(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;
	char long_path[200];

	setenv("OCF_RESKEY_docker_socket", "/run/other.sock", 1);
	setenv("DOCKER_HOST", "unix:///run/from-env.sock", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.docker_socket, "/run/other.sock"); /* the parameter first */
	berth_params_release(&p);
	unsetenv("OCF_RESKEY_docker_socket");
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.docker_socket, "/run/from-env.sock");
	berth_params_release(&p);
	setenv("DOCKER_HOST", "tcp://10.0.0.1:2375", 1); /* not a unix socket: not used */
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_true(strcmp(p.docker_socket, "/run/docker.sock") == 0 ||
		    strcmp(p.docker_socket, "/run/podman/podman.sock") == 0);
	berth_params_release(&p);
	unsetenv("DOCKER_HOST");

	/* unusable: the name is still there for stop (actions.c, berth_action_unusable_params) */
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	setenv("OCF_RESKEY_docker_socket", "relative.sock", 1);
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "must be an absolute path"));
	assert_string_equal(p.name, "web");
	berth_error_free(&err);
	berth_params_release(&p);
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	setenv("OCF_RESKEY_docker_socket", long_path, 1);
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_non_null(strstr(err->msg, "longer than a unix socket path can be"));
	berth_error_free(&err);
	berth_params_release(&p);
}

/* The socket when nothing names one, against a root of the test's own. */
static void
test_default_socket(void **state)
{
	char root[] = "/tmp/berth-params.XXXXXX", path[128];
	char *sock;
	int fd;

	assert_non_null(mkdtemp(root));
	sock = berth_params_default_socket(false, root);
	assert_string_equal(sock, "/run/docker.sock"); /* neither exists */
	free(sock);
	sock = berth_params_default_socket(true, root);
	assert_string_equal(sock, "/run/podman/podman.sock");
	free(sock);

	/* only podman's socket, no dockerd installed: podman's */
	snprintf(path, sizeof(path), "%s/run", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run/podman", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run/podman/podman.sock", root);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	close(fd);
	sock = berth_params_default_socket(false, root);
	assert_string_equal(sock, "/run/podman/podman.sock");
	free(sock);

	/* dockerd installed, its socket gone (restarting): still dockerd's, never the other engine */
	snprintf(path, sizeof(path), "%s/usr", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/usr/bin", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/usr/bin/dockerd", root);
	fd = open(path, O_CREAT | O_WRONLY, 0755);
	assert_true(fd >= 0);
	close(fd);
	sock = berth_params_default_socket(false, root);
	assert_string_equal(sock, "/run/docker.sock");
	free(sock);
	/* the podman agent looks for podman's first */
	sock = berth_params_default_socket(true, root);
	assert_string_equal(sock, "/run/podman/podman.sock");
	free(sock);

	unlink(path);
	snprintf(path, sizeof(path), "%s/usr/bin", root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/usr", root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/run/podman/podman.sock", root);
	unlink(path);
	snprintf(path, sizeof(path), "%s/run/podman", root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/run", root);
	rmdir(path);
	assert_int_equal(rmdir(root), 0);
}

static void
test_podman_agent(void **state)
{
	assert_false(berth_params_podman_agent());
	berth_params_set_program("/usr/lib/ocf/resource.d/heartbeat/podman");
	assert_true(berth_params_podman_agent());
	setenv("OCF_RESOURCE_TYPE", "docker", 1); /* Pacemaker's word wins */
	assert_false(berth_params_podman_agent());
	setenv("OCF_RESOURCE_TYPE", "podman", 1);
	berth_params_set_program("/usr/lib/ocf/resource.d/berth/docker");
	assert_true(berth_params_podman_agent());
	unsetenv("OCF_RESOURCE_TYPE");
	berth_params_set_program(NULL);
}

/* Values that do not parse: load keeps the defaults (stop and monitor must still work), validate
 * refuses them, each named. */
static void
test_defaults_and_bad_values(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	setenv("OCF_RESKEY_image", "img:1", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.allow_pull);
	assert_false(p.reuse);
	assert_int_equal(p.promotion_score, 1);
	assert_int_equal(p.postmortem_lines, 100);
	assert_false(p.promotable);
	assert_int_equal(berth_params_validate(&p, &err), 0);
	berth_params_release(&p);

	setenv("OCF_RESKEY_allow_pull", "sometimes", 1);
	setenv("OCF_RESKEY_reuse", "YES", 1);
	setenv("OCF_RESKEY_promotion_score", "-INFINITY", 1);
	setenv("OCF_RESKEY_postmortem_lines", "10001", 1);
	setenv("OCF_RESKEY_CRM_meta_promoted_max", "1", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.allow_pull);
	assert_true(p.reuse);
	assert_int_equal(p.promotion_score, -1000000);
	assert_int_equal(p.postmortem_lines, 100);
	assert_true(p.promotable);
	assert_int_equal(berth_params_validate(&p, &err), -1);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "allow_pull='sometimes' is not a boolean"));
	berth_error_free(&err);
	berth_params_release(&p);
	unsetenv("OCF_RESKEY_allow_pull");
	unsetenv("OCF_RESKEY_reuse");
	unsetenv("OCF_RESKEY_promotion_score");
	unsetenv("OCF_RESKEY_postmortem_lines");
	unsetenv("OCF_RESKEY_CRM_meta_promoted_max");
}

static void
count_problem(void *arg, const struct berth_error *problem)
{
	(*(int *)arg)++;
	assert_int_equal(problem->cause, BERTH_E_CONFIG);
}

/* berth explain's view: every problem, in validate's order; validate: the first. */
static void
test_every_problem(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;
	int n = 0;

	setenv("OCF_RESKEY_image", "bad image", 1);
	setenv("OCF_RESKEY_force_kill", "maybe", 1);
	setenv("OCF_RESKEY_authfile", "relative/auth.json", 1);
	setenv("OCF_RESKEY_mount_points", "/ok,relative", 1);
	setenv("OCF_RESKEY_run_cmd", "\xff", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(berth_params_check(&p, count_problem, &n, &err), -1);
	assert_int_equal(n, 5);
	assert_non_null(strstr(err->msg, "image 'bad image' is not a valid image reference"));
	berth_error_free(&err);
	assert_int_equal(berth_params_validate(&p, &err), -1);
	assert_non_null(strstr(err->msg, "image 'bad image'"));
	berth_error_free(&err);
	berth_params_release(&p);
	unsetenv("OCF_RESKEY_force_kill");
	unsetenv("OCF_RESKEY_authfile");
	unsetenv("OCF_RESKEY_mount_points");
	unsetenv("OCF_RESKEY_run_cmd");

	unsetenv("OCF_RESKEY_image");
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(berth_params_validate(&p, &err), -1);
	assert_non_null(strstr(err->msg, "the required parameter 'image' is not set"));
	berth_error_free(&err);
	berth_params_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table, clean_env),
		cmocka_unit_test_setup(test_name_ok, clean_env),
		cmocka_unit_test_setup(test_container_name, clean_env),
		cmocka_unit_test_setup(test_socket, clean_env),
		cmocka_unit_test_setup(test_default_socket, clean_env),
		cmocka_unit_test_setup(test_podman_agent, clean_env),
		cmocka_unit_test_setup(test_defaults_and_bad_values, clean_env),
		cmocka_unit_test_setup(test_every_problem, clean_env),
	};

	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
