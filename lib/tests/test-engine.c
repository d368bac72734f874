/* Unit tests: Engine API wire details and the readers of its answers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "engine.h"
#include "jsonc.h"
#include "spec.h"

static void
test_escape(void **state)
{
	char *s = berth_engine_escape("registry:5000/app name@sha256:ab");

	assert_string_equal(s, "registry%3A5000%2Fapp%20name%40sha256%3Aab");
	free(s);
	s = berth_engine_escape("web-1_a.b~");
	assert_string_equal(s, "web-1_a.b~");
	free(s);
}

static void
test_demux_framed(void **state)
{
	static const char frames[] = "\x01\0\0\0\0\0\0\x03"
				     "out"
				     "\x02\0\0\0\0\0\0\x04"
				     "err\n";
	char *s = berth_engine_demux(frames, sizeof(frames) - 1);

	assert_string_equal(s, "outerr\n");
	free(s);
}

static void
test_demux_truncated_and_raw(void **state)
{
	/* A frame header promising more than arrived: keep what is there, read no further. */
	static const char cut[] = "\x01\0\0\0\0\0\x10\0"
				  "abc";
	char *s = berth_engine_demux(cut, sizeof(cut) - 1);

	assert_string_equal(s, "abc");
	free(s);
	s = berth_engine_demux("plain tty output\n", 17);
	assert_string_equal(s, "plain tty output\n");
	free(s);
	s = berth_engine_demux("", 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_response_message(void **state)
{
	struct berth_response r = { 404, (char *)"{\"message\":\"No such container: x\"}", 34 };
	char *m = berth_response_message(&r);

	assert_string_equal(m, "No such container: x");
	free(m);
	r.body = (char *)"<html>\x01\xff oops</html>";
	r.len = strlen(r.body);
	m = berth_response_message(&r);
	assert_string_equal(m, "<html>   oops</html>");
	free(m);
	r.body = NULL;
	r.len = 0;
	m = berth_response_message(&r);
	assert_string_equal(m, "(empty answer)");
	free(m);
}

static const char running_json[] =
	"{\"Id\":\"0123456789abcdef\",\"Name\":\"/c1\",\"State\":{\"Status\":\"running\",\"Running\":true,"
	"\"OOMKilled\":false,\"Pid\":4242,\"ExitCode\":0,\"Error\":\"\",\"StartedAt\":\"2026-11-25T09:00:00Z\","
	"\"Health\":{\"Status\":\"healthy\"}},\"Config\":{\"Image\":\"img\",\"Labels\":{"
	"\"org.clusterlabs.berth.managed\":\"1\",\"org.clusterlabs.berth.instance\":\"rsc\","
	"\"org.clusterlabs.berth.config-hash\":\"abc\"}}}";

static void
test_parse_inspect_running(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	assert_int_equal(berth_container_parse_inspect(running_json, strlen(running_json), &info, &err), 0);
	assert_true(info.exists);
	assert_true(info.running);
	assert_int_equal(info.pid, 4242);
	assert_string_equal(info.id, "0123456789abcdef");
	assert_string_equal(info.status, "running");
	assert_string_equal(info.health, "healthy");
	assert_true(info.managed);
	assert_string_equal(info.instance, "rsc");
	assert_string_equal(info.config_hash, "abc");
	assert_null(info.error);
	berth_container_info_release(&info);
}

static void
expect_bad_shape(const char *json)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	assert_true(berth_container_parse_inspect(json, strlen(json), &info, &err) < 0);
	assert_non_null(err);
	assert_int_equal(err->cause, BERTH_E_PROTOCOL);
	assert_false(info.exists);
	berth_error_free(&err);
	berth_container_info_release(&info);
}

static void
test_parse_inspect_wrong_shapes(void **state)
{
	expect_bad_shape("");
	expect_bad_shape("{");
	expect_bad_shape("[1,2,3]");
	expect_bad_shape("{}");
	expect_bad_shape("{\"Id\":\"x\"}");                                  /* no State */
	expect_bad_shape("{\"Id\":\"x\",\"State\":{\"Running\":\"true\"}}"); /* Running a string */
	expect_bad_shape("{\"Id\":null,\"State\":null,\"Config\":null}");
	expect_bad_shape("{\"State\":{\"Running\":true}}"); /* no Id */
	expect_bad_shape("{\"Id\":\"x\",\"State\":{\"Running\":true}} trailing");
}

/* The answer must be UTF-8; json-c checks it from 0.14, berth before (lib/jsonc.h). Both refuse
 * what is not UTF-8 at all; berth's own check also refuses the forms json-c lets through. */
static void
test_parse_inspect_utf8(void **state)
{
	static const char *const broken[] = {
		"\xff",         /* never in UTF-8 */
		"\x80",         /* a continuation byte without a lead */
		"\xc3\x28",     /* a lead byte without its continuation */
		"\xe2\x82",     /* cut short before the closing quote */
		"\xf8\x88\x80", /* a five-byte form */
	};
	static const char *const lax[] = {
		"\xc0\xaf",         /* "/" in an overlong form */
		"\xed\xa0\x80",     /* an encoded surrogate, U+D800 */
		"\xf4\x90\x80\x80", /* past U+10FFFF */
	};
	struct berth_container_info info;
	berth_error_t err = NULL;
	char json[256];
	size_t i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		snprintf(json, sizeof(json), "{\"Id\":\"x\",\"State\":{\"Running\":true,\"Status\":\"run%sning\"}}",
			 broken[i]);
		expect_bad_shape(json);
	}
	for (i = 0; i < sizeof(lax) / sizeof(lax[0]); i++) {
		snprintf(json, sizeof(json), "{\"Id\":\"x\",\"State\":{\"Running\":true,\"Status\":\"run%sning\"}}",
			 lax[i]);
#if BERTH_JSONC_HAS_PARSE_END
		assert_int_equal(berth_container_parse_inspect(json, strlen(json), &info, &err), 0);
		berth_container_info_release(&info);
#else
		expect_bad_shape(json);
#endif
	}
	/* UTF-8 of two, three and four bytes, and white space after the value, are fine. */
	snprintf(json, sizeof(json),
		 "{\"Id\":\"x\",\"State\":{\"Running\":true,\"Status\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}} "
		 "\r\n\t");
	assert_int_equal(berth_container_parse_inspect(json, strlen(json), &info, &err), 0);
	assert_string_equal(info.status, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	berth_container_info_release(&info);
	assert_null(err);
}

static void
test_parse_inspect_deep_nesting(void **state)
{
	size_t depth = 100000, i;
	char *s = malloc(depth * 2 + 1);

	for (i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth * 2 - 1 - i] = ']';
	}
	s[depth * 2] = '\0';
	expect_bad_shape(s);
	free(s);
}

static void
test_parse_inspect_unowned(void **state)
{
	static const char json[] = "{\"Id\":\"x\",\"State\":{\"Running\":false,\"Status\":\"exited\",\"ExitCode\":137,"
				   "\"OOMKilled\":true},\"Config\":{\"Labels\":null}}";
	struct berth_container_info info;
	berth_error_t err = NULL;

	assert_int_equal(berth_container_parse_inspect(json, strlen(json), &info, &err), 0);
	assert_false(info.running);
	assert_false(info.managed);
	assert_null(info.instance);
	assert_int_equal(info.exit_code, 137);
	assert_true(info.oom_killed);
	berth_container_info_release(&info);
}

static void
test_create_body(void **state)
{
	struct berth_spec *spec = berth_spec_new();
	char *const cmd[] = { (char *)"sleep", (char *)"10", NULL };
	json_object *body = NULL, *hc, *v, *labels;
	char *hash = NULL, *hash2 = NULL;
	berth_error_t err = NULL;

	assert_int_equal(berth_spec_create_body(spec, "img:1", cmd, "rsc", &body, &hash, &err), 0);
	assert_true(json_object_object_get_ex(body, "HostConfig", &hc));
	assert_true(json_object_object_get_ex(hc, "NetworkMode", &v));
	assert_string_equal(json_object_get_string(v), "host");
	assert_true(json_object_object_get_ex(hc, "RestartPolicy", &v));
	assert_true(json_object_object_get_ex(v, "Name", &v));
	assert_string_equal(json_object_get_string(v), "no");
	assert_true(json_object_object_get_ex(body, "Cmd", &v));
	assert_string_equal(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN), "[\"sleep\",\"10\"]");
	assert_true(json_object_object_get_ex(body, "Labels", &labels));
	assert_true(json_object_object_get_ex(labels, BERTH_LABEL_HASH, &v));
	assert_string_equal(json_object_get_string(v), hash);
	assert_int_equal(strlen(hash), 16);
	json_object_put(body);

	/* Same input, same hash; a changed option, another hash; the network stays when set. */
	assert_int_equal(berth_spec_create_body(spec, "img:1", cmd, "rsc", &body, &hash2, &err), 0);
	assert_string_equal(hash, hash2);
	json_object_put(body);
	free(hash2);
	json_object_object_add(spec->host_config, "NetworkMode", json_object_new_string("bridge"));
	spec->network_set = true;
	assert_int_equal(berth_spec_create_body(spec, "img:1", NULL, "rsc", &body, &hash2, &err), 0);
	assert_string_not_equal(hash, hash2);
	assert_true(json_object_object_get_ex(body, "HostConfig", &hc));
	assert_true(json_object_object_get_ex(hc, "NetworkMode", &v));
	assert_string_equal(json_object_get_string(v), "bridge");
	assert_false(json_object_object_get_ex(body, "Cmd", &v));
	/* the spec itself is not modified by building a body */
	assert_false(json_object_object_get_ex(spec->host_config, "RestartPolicy", &v));
	json_object_put(body);
	free(hash);
	free(hash2);
	berth_spec_free(spec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_demux_framed),
		cmocka_unit_test(test_demux_truncated_and_raw),
		cmocka_unit_test(test_response_message),
		cmocka_unit_test(test_parse_inspect_running),
		cmocka_unit_test(test_parse_inspect_wrong_shapes),
		cmocka_unit_test(test_parse_inspect_utf8),
		cmocka_unit_test(test_parse_inspect_deep_nesting),
		cmocka_unit_test(test_parse_inspect_unowned),
		cmocka_unit_test(test_create_body),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
