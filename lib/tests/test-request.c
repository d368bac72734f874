/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the create request and its checks (request.c, params.c's checks). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

/* Set the OCF environment of one resource: pairs of parameter name and value, NULL-terminated. */
static void
resource(const char *first, ...)
{
	static const char *const all[] = { "image",        "run_opts",   "run_cmd",         "monitor_cmd",
					   "promote_cmd",  "demote_cmd", "notify_cmd",      "promotion_score_cmd",
					   "allow_pull",   "reuse",      "force_kill",      "query_docker_health",
					   "mount_points", "name",       "promotion_score", NULL };
	char key[128];
	va_list ap;
	const char *k;

	for (int i = 0; all[i]; i++) {
		snprintf(key, sizeof(key), "OCF_RESKEY_%s", all[i]);
		unsetenv(key);
	}
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	va_start(ap, first);
	for (k = first; k != NULL; k = va_arg(ap, const char *)) {
		snprintf(key, sizeof(key), "OCF_RESKEY_%s", k);
		setenv(key, va_arg(ap, const char *), 1);
	}
	va_end(ap);
}

struct seen {
	int n;
	char msgs[16][512];
};

static void
collect(void *arg, const struct berth_error *problem)
{
	struct seen *s = arg;

	assert_int_equal(problem->cause, BERTH_E_CONFIG);
	if (s->n < 16)
		snprintf(s->msgs[s->n], sizeof(s->msgs[0]), "%s", problem->msg);
	s->n++;
}

static void
test_every_problem_reported(void **state)
{
	struct berth_params p;
	struct berth_request req;
	struct seen seen = { 0 };
	berth_error_t err = NULL, first = NULL;

	(void)state;
	resource("run_opts", "--no-such-flag -e 'open", "run_cmd", "sleep 'x", "monitor_cmd", "\"a", "reuse", "maybe",
		 "mount_points", "relative/dir", "promotion_score", "lots", NULL);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(berth_request_build(&p, &req, collect, &seen, &first), -1);
	assert_null(req.body);
	assert_int_equal(seen.n, 7);
	assert_non_null(strstr(seen.msgs[0], "'image' is not set"));
	assert_non_null(strstr(seen.msgs[1], "reuse='maybe'"));
	assert_non_null(strstr(seen.msgs[2], "promotion_score='lots'"));
	assert_non_null(strstr(seen.msgs[3], "relative/dir"));
	assert_non_null(strstr(seen.msgs[4], "run_opts"));
	assert_non_null(strstr(seen.msgs[5], "parameter run_cmd:"));
	assert_non_null(strstr(seen.msgs[6], "parameter monitor_cmd:"));
	/* The first is what validate-all reports. */
	assert_string_equal(first->msg, seen.msgs[0]);
	berth_error_free(&first);
	assert_int_equal(berth_params_validate(&p, &first), -1);
	assert_string_equal(first->msg, seen.msgs[0]);
	berth_error_free(&first);
	berth_params_release(&p);
}

static void
test_first_only_stops(void **state)
{
	struct berth_params p;
	struct berth_request req;
	berth_error_t err = NULL;

	(void)state;
	resource("image", "img:1", "run_opts", "--restart=always", "run_cmd", "sleep 'x", NULL);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(berth_request_build(&p, &req, NULL, NULL, &err), -1);
	assert_non_null(strstr(err->msg, "--restart=always is not allowed"));
	berth_error_free(&err);
	berth_params_release(&p);
}

static void
test_request_built(void **state)
{
	struct berth_params p;
	berth_cleanup(request) struct berth_request req = { 0 };
	berth_error_t err = NULL;
	json_object *cmd = NULL, *labels = NULL, *hash = NULL;

	(void)state;
	resource("image", "img:1", "run_opts", "--init -e A=1", "run_cmd", "sleep 3600", NULL);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_int_equal(berth_request_build(&p, &req, NULL, NULL, &err), 0);
	assert_null(err);
	assert_true(json_object_object_get_ex(req.body, "Cmd", &cmd));
	assert_string_equal(json_object_to_json_string_ext(cmd, JSON_C_TO_STRING_PLAIN), "[\"sleep\",\"3600\"]");
	assert_true(json_object_object_get_ex(req.body, "Labels", &labels));
	assert_true(json_object_object_get_ex(labels, BERTH_LABEL_HASH, &hash));
	assert_string_equal(json_object_get_string(hash), req.hash);
	assert_non_null(req.spec);
	berth_params_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_first_only_stops),
		cmocka_unit_test(test_request_built),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
