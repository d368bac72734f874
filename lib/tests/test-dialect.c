/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: podman's dialect of the Engine API (lib/dialect.c), one test a difference. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "drift.h"
#include "spec.h"

static json_object *
parse(const char *text)
{
	json_object *o = json_tokener_parse(text);

	assert_non_null(o);
	return o;
}

/* GET /version: podman names itself among the Components; dockerd does not. */
static void
test_detect(void **state)
{
	json_object *podman = parse("{\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\"},"
				    "{\"Name\":\"Conmon\",\"Version\":\"2.1.6\"}],\"Version\":\"4.3.1\","
				    "\"ApiVersion\":\"1.41\"}");
	json_object *docker = parse("{\"Components\":[{\"Name\":\"Engine\",\"Version\":\"20.10.24\"}],"
				    "\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}");
	json_object *junk = parse("[1]");
	char *desc = NULL;

	assert_int_equal(berth_dialect_detect(podman, &desc), BERTH_ENGINE_PODMAN);
	assert_string_equal(desc, "podman 4.3.1 (API 1.41)");
	free(desc);
	assert_int_equal(berth_dialect_detect(docker, &desc), BERTH_ENGINE_DOCKER);
	assert_string_equal(desc, "docker 20.10.24 (API 1.41)");
	free(desc);
	assert_int_equal(berth_dialect_detect(junk, NULL), BERTH_ENGINE_UNKNOWN);
	assert_string_equal(berth_dialect_name(BERTH_ENGINE_PODMAN), "podman");
	json_object_put(podman);
	json_object_put(docker);
	json_object_put(junk);
}

/* Binds: podman writes the defaults out ("rw,rprivate,rbind"). */
static void
test_binds_spelling(void **state)
{
	assert_true(berth_dialect_binds_equal("/src:/dst:ro", "/src:/dst:ro,rprivate,rbind"));
	assert_true(berth_dialect_binds_equal("/src:/dst", "/src:/dst:rw,rprivate,rbind"));
	assert_true(berth_dialect_binds_equal("/src:/dst:z,ro", "/src:/dst:ro,z,rprivate,rbind"));
	assert_false(berth_dialect_binds_equal("/src:/dst", "/src:/dst:ro,rprivate,rbind"));
	assert_false(berth_dialect_binds_equal("/src:/dst:ro", "/src:/other:ro,rprivate,rbind"));
	assert_false(berth_dialect_binds_equal("/src:/dst:shared", "/src:/dst:rw,rprivate,rbind"));
}

/* The inspect answer of a container berth created on podman 4.3 (trimmed), and its request. */
static const char podman_inspect[] =
	"{\"Config\":{\"Image\":\"localhost/berth-test:latest\",\"Cmd\":[\"sleep\",\"1000\"],"
	"\"StopSignal\":\"15\",\"Env\":[\"container=podman\",\"A=b\"],"
	"\"Labels\":{\"org.clusterlabs.berth.config-hash\":\"h\"}},"
	"\"HostConfig\":{\"Binds\":[\"/s:/d3:rw,rprivate,rbind\",\"/s:/data2:rw,rprivate,rbind\","
	"\"/s:/data:ro,rprivate,rbind\"],\"Mounts\":null,"
	"\"Tmpfs\":{\"/t1\":\"rw,rprivate,nosuid,nodev,tmpcopyup\",\"/"
	"t2\":\"size=1m,rw,rprivate,nosuid,nodev,tmpcopyup\"},"
	"\"NetworkMode\":\"host\",\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}}}";
static const char request[] =
	"{\"Image\":\"berth-test\",\"Cmd\":[\"sleep\",\"1000\"],\"StopSignal\":\"SIGTERM\",\"Env\":[\"A=b\"],"
	"\"Labels\":{\"org.clusterlabs.berth.config-hash\":\"h\"},"
	"\"HostConfig\":{\"Binds\":[\"/s:/data:ro\",\"/s:/d3\"],"
	"\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/s\",\"Target\":\"/data2\"}],"
	"\"Tmpfs\":{\"/t1\":\"\",\"/t2\":\"size=1m\"},\"NetworkMode\":\"host\",\"RestartPolicy\":{\"Name\":\"no\"}}}";

/* Each spelling taken back to the request's, the whole answer then matching it. */
static void
test_inspect_as_docker(void **state)
{
	json_object *in = parse(podman_inspect), *body = parse(request), *v = NULL;
	char *why = NULL;

	assert_true(berth_spec_matches(body, in, &why)); /* the comparison applies the dialect itself */
	assert_null(why);
	berth_dialect_inspect_as_docker(in, body);
	json_object_object_get_ex(json_object_object_get(in, "HostConfig"), "Binds", &v);
	assert_string_equal(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
			    "[\"/s:/d3\",\"/s:/data:ro\"]");
	json_object_object_get_ex(json_object_object_get(in, "HostConfig"), "Mounts", &v);
	assert_string_equal(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
			    "[{\"Type\":\"bind\",\"Source\":\"/s\",\"Target\":\"/data2\"}]");
	json_object_object_get_ex(json_object_object_get(in, "HostConfig"), "Tmpfs", &v);
	assert_string_equal(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
			    "{\"/t1\":\"\",\"/t2\":\"size=1m\"}");
	assert_string_equal(
		json_object_get_string(json_object_object_get(json_object_object_get(in, "Config"), "StopSignal")),
		"SIGTERM");
	assert_string_equal(
		json_object_get_string(json_object_object_get(json_object_object_get(in, "Config"), "Image")),
		"berth-test");
	json_object_put(in);
	json_object_put(body);
}

/* What means something else stays different: real drift is still seen. */
static void
test_real_drift_kept(void **state)
{
	static const char *const changed[][2] = {
		{ "/s:/data:ro,rprivate,rbind", "/s:/data:rw,rprivate,rbind" },
		{ "\"StopSignal\":\"15\"", "\"StopSignal\":\"9\"" },
		{ "localhost/berth-test:latest", "localhost/other:latest" },
		{ "\"/t1\":\"rw,rprivate", "\"/t1\":\"size=2m,rw,rprivate" },
		{ "\"/s:/data2:rw,rprivate,rbind\"", "\"/x:/data2:rw,rprivate,rbind\"" },
	};
	size_t i;

	for (i = 0; i < sizeof(changed) / sizeof(changed[0]); i++) {
		const char *at = strstr(podman_inspect, changed[i][0]);
		char buf[2048];
		json_object *in, *body = parse(request);
		char *why = NULL;

		assert_non_null(at);
		snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - podman_inspect), podman_inspect, changed[i][1],
			 at + strlen(changed[i][0]));
		in = parse(buf);
		assert_false(berth_spec_matches(body, in, &why));
		assert_non_null(why);
		free(why);
		json_object_put(in);
		json_object_put(body);
	}
}

/* berth explain --diff: no false drift from podman's spelling. */
static void
test_drift_compare(void **state)
{
	json_object *in = parse(podman_inspect), *body = parse(request);
	json_object *r = berth_drift_compare(body, "h", in, NULL);
	json_object *fields = json_object_object_get(r, "fields");
	size_t i;

	for (i = 0; i < json_object_array_length(fields); i++) {
		json_object *f = json_object_array_get_idx(fields, i);
		const char *name = json_object_get_string(json_object_object_get(f, "field"));

		if (strcmp(name, "image id") == 0) /* no image id given here */
			continue;
		if (!json_object_get_boolean(json_object_object_get(f, "same")))
			fail_msg("field %s differs: %s", name, json_object_to_json_string(f));
	}
	json_object_put(r);
	json_object_put(in);
	json_object_put(body);
}

/* The errors podman's own agent fights, told apart by their messages (podman 4.3). */
static void
test_errors(void **state)
{
	assert_int_equal(berth_dialect_error("cannot remove container abc as it has active exec sessions: "
					     "container state improper"),
			 BERTH_DIALECT_ERR_EXEC_SESSIONS);
	assert_int_equal(berth_dialect_error("error creating container storage: the container name \"web\" is "
					     "already in use by \"0123\". You have to remove that container to be "
					     "able to reuse that name.: that name is already in use"),
			 BERTH_DIALECT_ERR_NAME_IN_USE);
	assert_int_equal(berth_dialect_error("runc: container_linux.go: unable to apply cgroup configuration: "
					     "Unit libpod-0123.scope not found."),
			 BERTH_DIALECT_ERR_SCOPE);
	assert_int_equal(berth_dialect_error("container 0123 is stopping: container state improper"),
			 BERTH_DIALECT_ERR_STOPPING);
	assert_int_equal(berth_dialect_error("no such container"), BERTH_DIALECT_ERR_OTHER);
	assert_int_equal(berth_dialect_error(NULL), BERTH_DIALECT_ERR_OTHER);
}

/* podman's "stopping" says Running false while the process lives. */
static void
test_still_running(void **state)
{
	assert_true(berth_dialect_still_running("stopping", 42));
	assert_false(berth_dialect_still_running("stopping", 0));
	assert_false(berth_dialect_still_running("exited", 42));
	assert_false(berth_dialect_still_running(NULL, 42));
}

/* The engine from an answer's Server header, as dockerd and podman 4.3 send it. */
static void
test_from_server(void **state)
{
	char *desc = NULL;

	assert_int_equal(berth_dialect_from_server("Libpod/4.3.1 (linux)", "1.41", &desc), BERTH_ENGINE_PODMAN);
	assert_string_equal(desc, "podman 4.3.1 (API 1.41)");
	free(desc);
	assert_int_equal(berth_dialect_from_server("Docker/20.10.24+dfsg1 (linux)", "1.41", &desc),
			 BERTH_ENGINE_DOCKER);
	assert_string_equal(desc, "docker 20.10.24+dfsg1 (API 1.41)");
	free(desc);
	/* anything else is not known: GET /version decides */
	assert_int_equal(berth_dialect_from_server("", "1.41", &desc), BERTH_ENGINE_UNKNOWN);
	assert_null(desc);
	assert_int_equal(berth_dialect_from_server("nginx/1.22", "1.41", NULL), BERTH_ENGINE_UNKNOWN);
	assert_int_equal(berth_dialect_from_server(NULL, NULL, NULL), BERTH_ENGINE_UNKNOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),          cmocka_unit_test(test_from_server),
		cmocka_unit_test(test_binds_spelling),  cmocka_unit_test(test_inspect_as_docker),
		cmocka_unit_test(test_real_drift_kept), cmocka_unit_test(test_drift_compare),
		cmocka_unit_test(test_errors),          cmocka_unit_test(test_still_running),
	};

	return cmocka_run_group_tests_name("dialect", tests, NULL, NULL);
}
