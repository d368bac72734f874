/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the field-by-field comparison of a container with its request (drift.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"
#include "runopts.h"
#include "spec.h"

static char *const cmd[] = { (char *)"sleep", (char *)"3600", NULL };

static json_object *
body_for(const char *run_opts, char **hash)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;
	json_object *body = NULL;

	assert_int_equal(berth_runopts_parse(run_opts, spec, &err), 0);
	assert_int_equal(berth_spec_create_body(spec, "img:1", cmd, "web", &body, hash, &err), 0);
	berth_spec_free(spec);
	return body;
}

/* The inspect answer of the container dockerd made from body: what it adds included. */
static json_object *
container_of(json_object *body)
{
	json_object *inspect = json_object_new_object(), *config = NULL, *host = NULL, *env, *labels;

	assert_int_equal(json_object_deep_copy(body, &config, NULL), 0);
	host = json_object_get(json_object_object_get(config, "HostConfig"));
	json_object_object_del(config, "HostConfig");
	json_object_object_del(config, "NetworkingConfig");
	if (!json_object_object_get_ex(config, "Env", &env)) {
		env = json_object_new_array();
		json_object_object_add(config, "Env", env);
	}
	json_object_array_add(env, json_object_new_string("PATH=/bin"));
	labels = json_object_object_get(config, "Labels");
	json_object_object_add(labels, "from.the.image", json_object_new_string("1"));
	json_object_object_add(inspect, "Id", json_object_new_string("abc"));
	json_object_object_add(inspect, "Image", json_object_new_string("sha256:1111"));
	json_object_object_add(inspect, "Config", config);
	json_object_object_add(inspect, "HostConfig", host);
	return inspect;
}

static json_object *
field_of(json_object *result, const char *name)
{
	json_object *fields = json_object_object_get(result, "fields");

	for (size_t i = 0; i < json_object_array_length(fields); i++) {
		json_object *f = json_object_array_get_idx(fields, i);

		if (strcmp(json_object_get_string(json_object_object_get(f, "field")), name) == 0)
			return f;
	}
	fail_msg("no field %s", name);
	return NULL;
}

static bool
same(json_object *result, const char *name)
{
	return json_object_get_boolean(json_object_object_get(field_of(result, name), "same"));
}

static bool
flag(json_object *result, const char *name)
{
	return json_object_get_boolean(json_object_object_get(result, name));
}

static void
test_same(void **state)
{
	char *hash = NULL;
	json_object *body = body_for("--init -e A=1 -v /a:/b:ro --mount type=tmpfs,target=/t -l x=y", &hash);
	json_object *inspect = container_of(body), *r;
	static const char *const names[] = { "config hash", "image",   "image id", "command",        "binds",
					     "environment", "network", "labels",   "restart policy", "other settings" };

	(void)state;
	r = berth_drift_compare(body, hash, inspect, "sha256:1111");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!same(r, names[i]))
			fail_msg("%s differs: %s", names[i], json_object_to_json_string(r));
	assert_false(flag(r, "drifted"));
	assert_false(flag(r, "recreate"));
	json_object_put(r);
	json_object_put(inspect);
	json_object_put(body);
	free(hash);
}

static void
test_differences(void **state)
{
	char *hash = NULL, *old_hash = NULL;
	json_object *old = body_for("--init -e A=1 -v /a:/b:ro", &old_hash);
	json_object *inspect = container_of(old), *r;
	json_object *body = body_for("--init=false -e A=2 -v /a:/c --net=bridge -l new=1", &hash);

	(void)state;
	/* the tag moved since */
	r = berth_drift_compare(body, hash, inspect, "sha256:2222");
	assert_true(flag(r, "drifted"));
	assert_true(flag(r, "recreate"));
	assert_false(same(r, "config hash"));
	assert_true(same(r, "image"));
	assert_false(same(r, "image id"));
	assert_true(same(r, "command"));
	assert_false(same(r, "binds"));
	assert_false(same(r, "environment"));
	assert_false(same(r, "network"));
	assert_false(same(r, "labels"));
	assert_true(same(r, "restart policy"));
	assert_false(same(r, "other settings"));
	assert_non_null(strstr(json_object_get_string(json_object_object_get(field_of(r, "other settings"), "note")),
			       "HostConfig.Init"));
	json_object_put(r);
	json_object_put(body);
	free(hash);

	/* environment and labels: names, never values (berth explain --diff prints these) */
	body = body_for("--init -e A=secret-two -v /a:/b:ro -l team=label-two", &hash);
	r = berth_drift_compare(body, hash, inspect, "sha256:1111");
	{
		const char *text = json_object_to_json_string(r);

		assert_false(same(r, "environment"));
		assert_false(same(r, "labels"));
		if (strstr(text, "secret-two") != NULL || strstr(text, "label-two") != NULL ||
		    strstr(text, "A=1") != NULL)
			fail_msg("a value in the comparison: %s", text);
		assert_non_null(
			strstr(json_object_get_string(json_object_object_get(field_of(r, "environment"), "note")),
			       "A differs"));
		assert_non_null(strstr(json_object_get_string(json_object_object_get(field_of(r, "labels"), "note")),
				       "team missing"));
		assert_non_null(strstr(text, "A=<hidden>"));
	}
	json_object_put(r);
	json_object_put(inspect);
	json_object_put(body);
	json_object_put(old);
	free(hash);
	free(old_hash);
}

static void
test_not_berths(void **state)
{
	char *hash = NULL;
	json_object *body = body_for("--net=bridge", &hash);
	json_object *inspect = container_of(body), *labels, *r;

	(void)state;
	/* made by the shell agent: no labels of berth's; default network; restart policy always */
	labels = json_object_object_get(json_object_object_get(inspect, "Config"), "Labels");
	json_object_object_del(labels, BERTH_LABEL_HASH);
	json_object_object_add(json_object_object_get(inspect, "HostConfig"), "NetworkMode",
			       json_object_new_string("default"));
	json_object_object_add(json_object_object_get(json_object_object_get(inspect, "HostConfig"), "RestartPolicy"),
			       "Name", json_object_new_string("always"));
	r = berth_drift_compare(body, hash, inspect, NULL);
	assert_false(same(r, "config hash"));
	assert_non_null(strstr(json_object_get_string(json_object_object_get(field_of(r, "config hash"), "note")),
			       "did not create"));
	assert_false(same(r, "image id"));
	assert_true(same(r, "network"));
	assert_false(same(r, "restart policy"));
	json_object_put(r);
	json_object_put(inspect);
	json_object_put(body);
	free(hash);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_differences),
		cmocka_unit_test(test_not_berths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
