/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: what berth shows of Env and Labels (redact.c): names, never values. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "redact.h"
#include "spec.h"

static void
test_kv(void **state)
{
	char *s;

	(void)state;
	s = berth_redact_kv("DB_PASSWORD=s3cret=x");
	assert_string_equal(s, "DB_PASSWORD=<hidden>");
	free(s);
	s = berth_redact_kv("FROM_ENV");
	assert_string_equal(s, "FROM_ENV");
	free(s);
	s = berth_redact_kv("EMPTY=");
	assert_string_equal(s, "EMPTY=<hidden>");
	free(s);
}

static void
test_config(void **state)
{
	json_object *in = json_tokener_parse(
		"{\"Image\":\"img\",\"Env\":[\"A=secret-a\",\"B\"],\"Labels\":{\"team\":\"secret-l\","
		"\"" BERTH_LABEL_INSTANCE "\":\"web\",\"" BERTH_LABEL_HASH "\":\"0123\"},"
		"\"Config\":{\"Env\":[\"C=secret-c\"],\"Labels\":{\"x\":\"secret-x\"}},\"HostConfig\":{\"Init\":true}"
		"}");
	json_object *out;
	const char *text;

	(void)state;
	assert_non_null(in);
	out = berth_redact_config(in);
	text = json_object_to_json_string_ext(out, JSON_C_TO_STRING_PLAIN);
	assert_null(strstr(text, "secret"));
	assert_non_null(strstr(text, "\"A=<hidden>\""));
	assert_non_null(strstr(text, "\"B\""));
	assert_non_null(strstr(text, "\"team\":\"<hidden>\""));
	assert_non_null(strstr(text, "\"" BERTH_LABEL_INSTANCE "\":\"web\""));
	assert_non_null(strstr(text, "\"" BERTH_LABEL_HASH "\":\"0123\""));
	assert_non_null(strstr(text, "\"C=<hidden>\""));
	assert_non_null(strstr(text, "\"Init\":true"));
	/* the original is left alone */
	assert_non_null(strstr(json_object_to_json_string(in), "secret-a"));
	json_object_put(out);
	json_object_put(in);
	assert_null(berth_redact_config(NULL));
	/* an Env that is not an array of strings shows nothing of itself */
	in = json_object_new_string("A=secret");
	out = berth_redact_value("Env", in);
	assert_string_equal(json_object_get_string(out), "<hidden>");
	json_object_put(out);
	json_object_put(in);
}

static void
test_diff(void **state)
{
	json_object *want = json_tokener_parse("[\"A=1\",\"B=2\",\"C=3\",\"D\"]");
	json_object *have = json_tokener_parse("[\"A=1\",\"B=9\",\"D=4\"]");
	json_object *many = json_object_new_array();
	char *s;

	(void)state;
	s = berth_redact_diff("Env", want, have);
	assert_string_equal(s, "B differs, C missing, D differs");
	free(s);
	assert_null(berth_redact_diff("Env", have, have));
	s = berth_redact_diff("Env", want, NULL);
	assert_string_equal(s, "A missing, B missing, C missing, D missing");
	free(s);
	for (int i = 0; i < 13; i++) {
		char kv[32];

		snprintf(kv, sizeof(kv), "V%d=x", i);
		json_object_array_add(many, json_object_new_string(kv));
	}
	s = berth_redact_diff("Env", many, NULL);
	assert_non_null(strstr(s, "V9 missing and 3 more"));
	free(s);
	json_object_put(want);
	json_object_put(have);
	json_object_put(many);

	want = json_tokener_parse("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
	have = json_tokener_parse("{\"a\":\"1\",\"b\":\"x\"}");
	s = berth_redact_diff("Labels", want, have);
	assert_string_equal(s, "b differs, c missing");
	free(s);
	json_object_put(want);
	json_object_put(have);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kv),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_diff),
	};

	return cmocka_run_group_tests_name("redact", tests, NULL, NULL);
}
