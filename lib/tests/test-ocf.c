/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: OCF results, exit reasons, environment handling, parameters. */
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
#include <unistd.h>
#include <sys/stat.h>

#include "deadline.h"
#include "ocf.h"
#include "params.h"

static void
clear_env(void)
{
	static const char *const vars[] = { "OCF_RESOURCE_INSTANCE",
					    "OCF_RESKEY_name",
					    "OCF_RESKEY_container",
					    "OCF_RESKEY_image",
					    "OCF_RESKEY_CRM_meta_clone",
					    "OCF_RESKEY_docker_socket",
					    "DOCKER_HOST",
					    "OCF_RESOURCE_TYPE",
					    "OCF_RESKEY_CRM_meta_timeout",
					    "OCF_RESKEY_CRM_meta_interval",
					    "OCF_RESKEY_reuse",
					    "OCF_RESKEY_mount_points",
					    "OCF_RESKEY_drop_in_dependency",
					    "OCF_RESOURCE_TYPE",
					    NULL };
	int i;

	for (i = 0; vars[i]; i++)
		unsetenv(vars[i]);
}

static void
test_result_mapping(void **state)
{
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_OK), 0);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_ERROR), 1);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_INVALID_ARGS), 2);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_UNIMPLEMENTED), 3);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_PERMISSION), 4);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_NOT_INSTALLED), 5);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_NOT_CONFIGURED), 6);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_NOT_RUNNING), 7);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_RUNNING_PROMOTED), 8);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_FAILED_PROMOTED), 9);
	assert_string_equal(berth_result_name(BERTH_RESULT_NOT_RUNNING), "OCF_NOT_RUNNING");
}

static void
test_error_first_cause_wins_and_wrap(void **state)
{
	berth_error_t err = NULL;

	assert_int_equal(berth_error_set(&err, BERTH_E_CONFIG, "bad %s", "flag"), -BERTH_E_CONFIG);
	assert_int_equal(berth_error_set(&err, BERTH_E_FAILED, "second"), -BERTH_E_FAILED);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_int_equal(berth_error_wrap(&err, "starting %s: ", "c1"), -BERTH_E_CONFIG);
	assert_string_equal(err->msg, "starting c1: bad flag");
	assert_int_equal(berth_error_cause(err), BERTH_E_CONFIG);
	berth_error_free(&err);
	assert_null(err);
	assert_int_equal(berth_error_cause(err), 0);
	assert_int_equal(berth_error_set(NULL, BERTH_E_FAILED, "ignored"), -BERTH_E_FAILED);
	/* an errno is a cause too; 0 or a negative value is no cause and becomes BERTH_E_FAILED */
	assert_int_equal(berth_error_set(&err, ENOENT, "missing"), -ENOENT);
	berth_error_free(&err);
	assert_int_equal(berth_error_set(&err, 0, "unknown"), -BERTH_E_FAILED);
	berth_error_free(&err);
}

static void
test_exit_reason_one_line(void **state)
{
	char buf[256] = { 0 };
	FILE *f = tmpfile();
	int saved = dup(2);

	assert_non_null(f);
	dup2(fileno(f), 2);
	berth_ocf_exit_reason("line one\nline two");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	assert_string_equal(buf, "ocf-exit-reason:line one line two\n");
	assert_null(fgets(buf, sizeof(buf), f));
	fclose(f);
}

static void
test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		bool valid;
	} rows[] = {
		{ "", 0, true },
		{ "plain ascii", 11, true },
		{ "caf\xc3\xa9", 5, true },       /* U+00E9 */
		{ "caf\xc3\xa9", 4, false },      /* cut inside the sequence */
		{ "\xe2\x82\xac", 3, true },      /* U+20AC */
		{ "\xf0\x9f\x98\x80", 4, true },  /* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", 4, true },  /* U+10FFFF, the last code point */
		{ "\xf4\x90\x80\x80", 4, false }, /* beyond U+10FFFF */
		{ "\xc0\xaf", 2, false },         /* overlong '/' */
		{ "\xe0\x80\xaf", 3, false },     /* overlong '/' */
		{ "\xed\xa0\x80", 3, false },     /* surrogate U+D800 */
		{ "\xff\xfe", 2, false },
		{ "\x80", 1, false },  /* lone continuation byte */
		{ "a\0b", 3, true },   /* NUL is U+0000 */
		{ "ok\xff", 2, true }, /* only the n bytes count */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (berth_utf8_valid_n(rows[i].s, rows[i].n) != rows[i].valid)
			fail_msg("row %zu: berth_utf8_valid_n gave %d", i, !rows[i].valid);
		/* berth_utf8_valid is the same check up to the first NUL */
		if (memchr(rows[i].s, '\0', rows[i].n) == NULL && strlen(rows[i].s) == rows[i].n &&
		    berth_utf8_valid(rows[i].s) != rows[i].valid)
			fail_msg("row %zu: berth_utf8_valid gave %d", i, !rows[i].valid);
	}
}

static void
test_parse_bool(void **state)
{
	bool b = false;

	assert_int_equal(berth_ocf_parse_bool("yes", &b), 0);
	assert_true(b);
	assert_int_equal(berth_ocf_parse_bool("TRUE", &b), 0);
	assert_true(b);
	assert_int_equal(berth_ocf_parse_bool("0", &b), 0);
	assert_false(b);
	assert_int_equal(berth_ocf_parse_bool("off", &b), 0);
	assert_false(b);
	assert_true(berth_ocf_parse_bool("maybe", &b) < 0);
	assert_true(berth_ocf_parse_bool(NULL, &b) < 0);
}

static void
test_timeouts(void **state)
{
	clear_env();
	assert_int_equal(berth_ocf_timeout_ms(90000), 90000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "20000", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 20000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "garbage", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 90000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 90000);
	/* capped at one day (86400000 ms): the deadline sums must not overflow */
	setenv("OCF_RESKEY_CRM_meta_timeout", "86400000", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 86400000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "86400001", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 86400000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "9223372036854775807", 1);
	assert_int_equal(berth_ocf_timeout_ms(90000), 86400000);
	setenv("OCF_RESKEY_CRM_meta_timeout", "99999999999999999999", 1); /* beyond long: invalid */
	assert_int_equal(berth_ocf_timeout_ms(90000), 90000);
	assert_int_equal(berth_ocf_interval_ms(), 0);
	setenv("OCF_RESKEY_CRM_meta_interval", "10000", 1);
	assert_int_equal(berth_ocf_interval_ms(), 10000);
	clear_env();
}

static void
test_name_derivation(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	clear_env();
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.name, "web");
	{
		char *dflt = berth_params_default_socket(false, "");

		assert_string_equal(p.docker_socket, dflt);
		free(dflt);
	}
	berth_params_release(&p);

	setenv("OCF_RESOURCE_INSTANCE", "web:3", 1); /* globally-unique clone instance */
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.name, "web-3");
	berth_params_release(&p);

	setenv("OCF_RESOURCE_INSTANCE", "web", 1); /* anonymous clone instance 2 */
	setenv("OCF_RESKEY_CRM_meta_clone", "2", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.name, "web-2");
	berth_params_release(&p);

	setenv("OCF_RESKEY_name", "db", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.name, "db-2");
	berth_params_release(&p);

	unsetenv("OCF_RESKEY_CRM_meta_clone");
	setenv("OCF_RESKEY_name", "bad/name", 1);
	assert_true(berth_params_load(&p, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "bad/name"));
	berth_error_free(&err);
	berth_params_release(&p);
	clear_env();
}

static void
test_socket_derivation(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	clear_env();
	setenv("DOCKER_HOST", "unix:///var/run/other.sock", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.docker_socket, "/var/run/other.sock");
	berth_params_release(&p);
	setenv("OCF_RESKEY_docker_socket", "/srv/param.sock", 1); /* the parameter wins */
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.docker_socket, "/srv/param.sock");
	berth_params_release(&p);
	unsetenv("OCF_RESKEY_docker_socket");
	setenv("OCF_RESOURCE_TYPE", "podman", 1); /* ... also for the podman agent */
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.docker_socket, "/var/run/other.sock");
	berth_params_release(&p);
	unsetenv("OCF_RESOURCE_TYPE");
	setenv("DOCKER_HOST", "tcp://10.0.0.1:2375", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	{
		char *dflt = berth_params_default_socket(false, "");

		assert_string_equal(p.docker_socket, dflt);
		free(dflt);
	}
	berth_params_release(&p);
	setenv("OCF_RESKEY_docker_socket", "relative.sock", 1);
	assert_true(berth_params_load(&p, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	berth_error_free(&err);
	berth_params_release(&p);
	clear_env();
}

/* A file at root/path (the directories made as needed). */
static void
touch(const char *root, const char *path)
{
	char buf[512];
	FILE *f;

	snprintf(buf, sizeof(buf), "%s/run", root);
	(void)mkdir(buf, 0700);
	snprintf(buf, sizeof(buf), "%s/run/podman", root);
	(void)mkdir(buf, 0700);
	snprintf(buf, sizeof(buf), "%s%s", root, path);
	f = fopen(buf, "w");
	assert_non_null(f);
	fclose(f);
}

static void
expect_default(bool podman_first, const char *root, const char *want)
{
	char *got = berth_params_default_socket(podman_first, root);

	assert_string_equal(got, want);
	free(got);
}

/* Neither docker_socket nor DOCKER_HOST: the first socket that exists, podman's first for the
 * podman agent. */
static void
test_socket_default_order(void **state)
{
	char root[] = "/tmp/berth-test-sock-XXXXXX";
	char buf[512];

	assert_non_null(mkdtemp(root));
	expect_default(false, root, "/run/docker.sock"); /* none exists */
	expect_default(true, root, "/run/podman/podman.sock");
	touch(root, "/run/podman/podman.sock"); /* podman only */
	expect_default(false, root, "/run/podman/podman.sock");
	expect_default(true, root, "/run/podman/podman.sock");
	touch(root, "/run/docker.sock"); /* both */
	expect_default(false, root, "/run/docker.sock");
	expect_default(true, root, "/run/podman/podman.sock");
	snprintf(buf, sizeof(buf), "%s/run/podman/podman.sock", root);
	assert_int_equal(unlink(buf), 0); /* docker only */
	expect_default(true, root, "/run/docker.sock");
	snprintf(buf, sizeof(buf), "%s/run/docker.sock", root);
	unlink(buf);
	snprintf(buf, sizeof(buf), "%s/run/podman", root);
	rmdir(buf);
	snprintf(buf, sizeof(buf), "%s/run", root);
	rmdir(buf);
	rmdir(root);
}

/* dockerd removes /run/docker.sock while it restarts: with dockerd installed, berth stays with
 * it (the daemon is reported unreachable) rather than starting the container in podman; the
 * same the other way round for the podman agent. */
static void
test_socket_default_engine_restarting(void **state)
{
	static const char *const dirs[] = { "", "/run", "/run/podman", "/usr", "/usr/sbin", "/usr/bin", NULL };
	static const char *const files[] = { "/run/podman/podman.sock", "/run/docker.sock", "/usr/sbin/dockerd",
					     "/usr/bin/podman", NULL };
	char root[] = "/tmp/berth-test-sock-XXXXXX";
	char buf[512];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	for (int i = 1; dirs[i]; i++) {
		snprintf(buf, sizeof(buf), "%s%s", root, dirs[i]);
		assert_int_equal(mkdir(buf, 0700), 0);
	}
	for (int i = 0; files[i]; i++) { /* both engines installed and answering */
		snprintf(buf, sizeof(buf), "%s%s", root, files[i]);
		f = fopen(buf, "w");
		assert_non_null(f);
		fclose(f);
	}
	snprintf(buf, sizeof(buf), "%s/run/docker.sock", root);
	unlink(buf); /* dockerd restarting */
	expect_default(false, root, "/run/docker.sock");
	snprintf(buf, sizeof(buf), "%s/run/podman/podman.sock", root);
	unlink(buf); /* podman's service down too */
	snprintf(buf, sizeof(buf), "%s/run/docker.sock", root);
	f = fopen(buf, "w"); /* dockerd back */
	assert_non_null(f);
	fclose(f);
	expect_default(true, root, "/run/podman/podman.sock");
	for (int i = 0; files[i]; i++) {
		snprintf(buf, sizeof(buf), "%s%s", root, files[i]);
		unlink(buf);
	}
	for (int i = 6; i-- > 0;) {
		snprintf(buf, sizeof(buf), "%s%s", root, dirs[i]);
		rmdir(buf);
	}
}

/* Who is the podman agent: OCF_RESOURCE_TYPE when set, else argv[0]'s basename. */
static void
test_podman_agent(void **state)
{
	clear_env();
	berth_params_set_program("/usr/lib/ocf/resource.d/berth/docker");
	assert_false(berth_params_podman_agent());
	berth_params_set_program("/usr/lib/ocf/resource.d/heartbeat/podman");
	assert_true(berth_params_podman_agent());
	berth_params_set_program("podman");
	assert_true(berth_params_podman_agent());
	setenv("OCF_RESOURCE_TYPE", "docker", 1); /* Pacemaker's word wins */
	assert_false(berth_params_podman_agent());
	berth_params_set_program("/usr/lib/ocf/resource.d/berth/docker");
	setenv("OCF_RESOURCE_TYPE", "podman", 1);
	assert_true(berth_params_podman_agent());
	berth_params_set_program("/x/podman-ish");
	unsetenv("OCF_RESOURCE_TYPE");
	assert_false(berth_params_podman_agent());
	berth_params_set_program(NULL);
	clear_env();
}

static void
test_validate(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	clear_env();
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_true(berth_params_validate(&p, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "image"));
	berth_error_free(&err);
	berth_params_release(&p);

	setenv("OCF_RESKEY_image", "busybox", 1);
	setenv("OCF_RESKEY_reuse", "perhaps", 1);
	assert_int_equal(berth_params_load(&p, &err), 0); /* stop and monitor still work */
	assert_true(berth_params_validate(&p, &err) < 0);
	assert_non_null(strstr(err->msg, "reuse"));
	berth_error_free(&err);
	berth_params_release(&p);

	setenv("OCF_RESKEY_reuse", "true", 1);
	setenv("OCF_RESKEY_mount_points", "/a/b, relative", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_true(p.reuse);
	assert_true(berth_params_validate(&p, &err) < 0);
	assert_non_null(strstr(err->msg, "relative"));
	berth_error_free(&err);
	berth_params_release(&p);
	clear_env();
}

/* Every parameter of ocf:heartbeat:podman (resource-agents 4.12) is one of berth's, with the
 * same type, so a podman bundle's or primitive's configuration loads and validates as it is. */
static void
test_podman_agent_parameters(void **state)
{
	static const struct {
		const char *name;
		enum berth_param_type type;
	} podman[] = { { "image", BERTH_PARAM_STRING },
		       { "name", BERTH_PARAM_STRING },
		       { "allow_pull", BERTH_PARAM_BOOLEAN },
		       { "run_opts", BERTH_PARAM_STRING },
		       { "run_cmd", BERTH_PARAM_STRING },
		       { "mount_points", BERTH_PARAM_STRING },
		       { "monitor_cmd", BERTH_PARAM_STRING },
		       { "force_kill", BERTH_PARAM_BOOLEAN },
		       { "reuse", BERTH_PARAM_BOOLEAN },
		       { "drop_in_dependency", BERTH_PARAM_BOOLEAN },
		       { NULL, 0 } };

	(void)state;
	for (int i = 0; podman[i].name; i++) {
		const struct berth_param_def *d = berth_param_table;

		while (d->name && strcmp(d->name, podman[i].name) != 0)
			d++;
		if (d->name == NULL)
			fail_msg("ocf:heartbeat:podman's parameter %s is not in berth's table", podman[i].name);
		assert_int_equal(d->type, podman[i].type);
		assert_false(d->required && strcmp(d->name, "image") != 0);
	}
}

static void
test_drop_in_dependency(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;
	bool files =
		access("/etc/sysconfig/podman_drop_in", F_OK) == 0 || access("/etc/default/podman_drop_in", F_OK) == 0;

	(void)state;
	clear_env();
	setenv("OCF_RESKEY_image", "busybox", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.drop_in_dependency); /* off by default */
	berth_params_release(&p);

	/* What a podman bundle's replica gets from Pacemaker, plus the parameter. */
	setenv("OCF_RESOURCE_TYPE", "podman", 1);
	setenv("OCF_RESKEY_drop_in_dependency", "true", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_true(p.drop_in_dependency);
	assert_int_equal(berth_params_validate(&p, &err), 0);
	berth_params_release(&p);

	setenv("OCF_RESKEY_drop_in_dependency", "no", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.drop_in_dependency); /* the parameter wins over the files */
	berth_params_release(&p);

	/* Unset: ocf:heartbeat:podman's files decide, for the podman agent's name only. */
	unsetenv("OCF_RESKEY_drop_in_dependency");
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(p.drop_in_dependency, files);
	berth_params_release(&p);
	setenv("OCF_RESOURCE_TYPE", "docker", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.drop_in_dependency);
	berth_params_release(&p);

	/* Not a boolean: stop and monitor still load, validate refuses it by name. */
	setenv("OCF_RESKEY_drop_in_dependency", "sometimes", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_false(p.drop_in_dependency);
	assert_true(berth_params_validate(&p, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	assert_non_null(strstr(err->msg, "drop_in_dependency"));
	berth_error_free(&err);
	berth_params_release(&p);
	clear_env();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result_mapping),
		cmocka_unit_test(test_error_first_cause_wins_and_wrap),
		cmocka_unit_test(test_exit_reason_one_line),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_parse_bool),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_name_derivation),
		cmocka_unit_test(test_socket_derivation),
		cmocka_unit_test(test_socket_default_order),
		cmocka_unit_test(test_socket_default_engine_restarting),
		cmocka_unit_test(test_podman_agent),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_podman_agent_parameters),
		cmocka_unit_test(test_drop_in_dependency),
	};

	return cmocka_run_group_tests_name("ocf", tests, NULL, NULL);
}
