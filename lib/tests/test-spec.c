/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the container spec against existing containers (berth_spec_matches). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runopts.h"
#include "spec.h"

/* The create body berth would send for run_opts and cmd (NULL: the image's). */
static json_object *
body_for(const char *run_opts, char *const *cmd)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;
	json_object *body = NULL;
	char *hash = NULL;

	assert_int_equal(berth_runopts_parse(run_opts, spec, &err), 0);
	assert_int_equal(berth_spec_create_body(spec, "img:1", cmd, "rsc", &body, &hash, &err), 0);
	free(hash);
	berth_spec_free(spec);
	return body;
}

/* An inspect answer of a container `docker run` made (what dockerd adds included). */
static json_object *
inspect_of(const char *config, const char *host_config)
{
	char buf[4096];
	json_object *o;

	snprintf(buf, sizeof(buf),
		 "{\"Id\":\"abc\",\"Name\":\"/rsc\",\"State\":{\"Running\":true},"
		 "\"Config\":{\"Image\":\"img:1\",\"Labels\":{},\"Tty\":false,%s},"
		 "\"HostConfig\":{\"LogConfig\":{\"Type\":\"json-file\"},%s}}",
		 config, host_config);
	o = json_tokener_parse(buf);
	assert_non_null(o);
	return o;
}

static void
expect(bool want, const char *why_part, json_object *body, json_object *inspect)
{
	char *why = NULL;
	bool got = berth_spec_matches(body, inspect, &why);

	if (got != want)
		fail_msg("matches: got %d, want %d (%s)", got, want, why ? why : "no reason");
	if (!want && strstr(why, why_part) == NULL)
		fail_msg("reason '%s' lacks '%s'", why, why_part);
	free(why);
	json_object_put(body);
	json_object_put(inspect);
}

static char *const sleep_cmd[] = { (char *)"sleep", (char *)"3600", NULL };

/* What the shell agent makes from a bundle's run_opts: the same container berth would make. */
static void
test_shell_agent_container_matches(void **state)
{
	expect(true, "", body_for("--restart=no -e PCMK_stderr=1 -v /src:/dst:rw --net=host --user=root", sleep_cmd),
	       inspect_of("\"Cmd\":[\"sleep\",\"3600\"],\"User\":\"root\","
			  "\"Env\":[\"PCMK_stderr=1\",\"PATH=/usr/bin:/bin\"]",
			  "\"NetworkMode\":\"host\",\"Binds\":[\"/src:/dst:rw\"],"
			  "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}"));
	/* --net=bridge against a container created without a network: dockerd says "default" */
	expect(true, "", body_for("--net=bridge", NULL), inspect_of("\"Cmd\":null", "\"NetworkMode\":\"default\""));
	/* no restart flag at all: the daemon's default policy, also "no" */
	expect(true, "", body_for("--net=host", NULL),
	       inspect_of("\"Cmd\":[\"/bin/sh\"]", "\"NetworkMode\":\"host\",\"RestartPolicy\":{\"Name\":\"\"}"));
}

static void
test_differences_refuse(void **state)
{
	/* berth's host networking default against a container on the default bridge */
	expect(false, "HostConfig.NetworkMode", body_for("", sleep_cmd),
	       inspect_of("\"Cmd\":[\"sleep\",\"3600\"]", "\"NetworkMode\":\"default\""));
	expect(false, "Cmd", body_for("--net=host", sleep_cmd),
	       inspect_of("\"Cmd\":[\"sleep\",\"3600\",\"x\"]", "\"NetworkMode\":\"host\""));
	expect(false, "Image", body_for("--net=host", NULL),
	       json_tokener_parse("{\"Config\":{\"Image\":\"img:2\"},\"HostConfig\":{\"NetworkMode\":\"host\"}}"));
	expect(false, "HostConfig.Binds", body_for("--net=host -v /a:/b:ro", NULL),
	       inspect_of("\"Cmd\":null", "\"NetworkMode\":\"host\",\"Binds\":[\"/a:/b\"]"));
	expect(false, "Env", body_for("--net=host -e A=1", NULL),
	       inspect_of("\"Env\":[\"A=2\"]", "\"NetworkMode\":\"host\""));
	/* the reason goes to the log: the names of the variables, none of the values */
	{
		json_object *body = body_for("--net=host -e DB_PASSWORD=want-canary -e SAME=1 -e NEW=new-canary", NULL);
		json_object *in = inspect_of("\"Env\":[\"DB_PASSWORD=have-canary\",\"SAME=1\",\"OTHER=other-canary\"]",
					     "\"NetworkMode\":\"host\"");
		char *why = NULL;

		assert_false(berth_spec_matches(body, in, &why));
		assert_string_equal(why, "Env: DB_PASSWORD differs, NEW missing; no value is shown");
		free(why);
		json_object_put(body);
		json_object_put(in);
	}
	expect(false, "RestartPolicy", body_for("--net=host", NULL),
	       inspect_of("\"Cmd\":null", "\"NetworkMode\":\"host\",\"RestartPolicy\":{\"Name\":\"always\"}"));
	expect(false, "no Config", body_for("", NULL), json_tokener_parse("{\"Id\":\"x\"}"));
}

/* A podman bundle's run_opts name no restart policy (Pacemaker leaves --restart=no out for
 * podman): the create request says "no" all the same, and the container ocf:heartbeat:podman
 * made from them (podman's inspect: an empty policy name) is still recognised as the resource's. */
static void
test_podman_bundle_restart_no(void **state)
{
	static const char *const opts = " -e PCMK_stderr=1 --net=host -e PCMK_remote_port=3121 -v /src:/dst:rw";
	json_object *body = body_for(opts, sleep_cmd), *hc = NULL, *rp = NULL, *name = NULL, *n = NULL;

	(void)state;
	assert_true(json_object_object_get_ex(body, "HostConfig", &hc));
	assert_true(json_object_object_get_ex(hc, "RestartPolicy", &rp));
	assert_true(json_object_object_get_ex(rp, "Name", &name));
	assert_string_equal(json_object_get_string(name), "no");
	assert_true(json_object_object_get_ex(rp, "MaximumRetryCount", &n));
	assert_int_equal(json_object_get_int(n), 0);
	json_object_put(body);

	expect(true, "", body_for(opts, sleep_cmd),
	       inspect_of("\"Cmd\":[\"sleep\",\"3600\"],\"Env\":[\"PCMK_stderr=1\",\"PCMK_remote_port=3121\","
			  "\"PATH=/usr/bin\"]",
			  "\"NetworkMode\":\"host\",\"Binds\":[\"/src:/dst:rw\"],"
			  "\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":0}"));
	/* One that podman would restart is not. */
	expect(false, "RestartPolicy", body_for(opts, sleep_cmd),
	       inspect_of("\"Cmd\":[\"sleep\",\"3600\"],\"Env\":[\"PCMK_stderr=1\",\"PCMK_remote_port=3121\"]",
			  "\"NetworkMode\":\"host\",\"Binds\":[\"/src:/dst:rw\"],"
			  "\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":0}"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shell_agent_container_matches),
		cmocka_unit_test(test_differences_refuse),
		cmocka_unit_test(test_podman_bundle_restart_no),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
