/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for reading the CIB through Pacemaker's tools (cib.c). The tools themselves
 * are played by small programs of the test's own (argv[0] looked up in PATH). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cib.h"
#include "deadline.h"
#include "words.h"
#include "slack.h"

static void
test_parse_attr(void **state)
{
	char *v;

	(void)state;
	assert_null(berth_cib_parse_attr(""));
	v = berth_cib_parse_attr("\n");
	assert_string_equal(v, "");
	free(v);
	v = berth_cib_parse_attr(" --restart=no -e A=1 \n");
	assert_string_equal(v, " --restart=no -e A=1 ");
	free(v);
	v = berth_cib_parse_attr("two\nlines\n");
	assert_string_equal(v, "two\nlines");
	free(v);
}

/* crm_resource -r web --query-xml as Pacemaker 2.1 prints it */
static const char out_21[] =
	"web\t(ocf:berth:docker):\t Stopped\n"
	"Resource XML:\n"
	"<primitive id=\"web\" class=\"ocf\" type=\"docker\" provider=\"berth\">\n"
	"  <instance_attributes id=\"web-instance_attributes\">\n"
	"    <nvpair id=\"web-ia-image\" name=\"image\" value=\"berth-test:latest\"/>\n"
	"    <nvpair id=\"web-ia-run_opts\" name=\"run_opts\" value=\"-e A=&apos;1 &amp;&lt;&quot;&#10;\"/>\n"
	"    <nvpair id=\"web-ia-mount_points\" name=\"mount_points\" value=\"\"/>\n"
	"  </instance_attributes>\n"
	"  <meta_attributes id=\"web-meta_attributes\">\n"
	"    <nvpair id=\"web-ma-x\" name=\"target-role\" value=\"Stopped\"/>\n"
	"  </meta_attributes>\n"
	"  <operations>\n"
	"    <op name=\"monitor\" interval=\"30s\" timeout=\"30s\" id=\"web-monitor-interval-30s\"/>\n"
	"  </operations>\n"
	"</primitive>\n\n";

/* ... and a bundle's replica as Pacemaker 2.0 prints it (its own heading) */
static const char out_20[] =
	" bun-docker-0\t(ocf::heartbeat:docker):\t Stopped\n"
	"xml:\n"
	"<primitive id=\"bun-docker-0\" class=\"ocf\" provider=\"heartbeat\" type=\"docker\">\n"
	"  <instance_attributes id=\"bun-attributes-0\">\n"
	"    <nvpair id=\"bun-attributes-0-image\" name=\"image\" value=\"img\"/>\n"
	"    <nvpair id=\"bun-attributes-0-run_opts\" name=\"run_opts\" value=\" --restart=no --init \"/>\n"
	"  </instance_attributes>\n"
	"  <operations>\n"
	"    <op id=\"bun-docker-0-monitor-60s\" interval=\"60s\" name=\"monitor\"/>\n"
	"  </operations>\n"
	"</primitive>\n\n";

static void
test_parse_params(void **state)
{
	char **pairs;

	(void)state;
	assert_int_equal(berth_cib_parse_params(out_21, "web", &pairs), 0);
	assert_string_equal(pairs[0], "image");
	assert_string_equal(pairs[1], "berth-test:latest");
	assert_string_equal(pairs[2], "run_opts");
	assert_string_equal(pairs[3], "-e A='1 &<\"\n");
	assert_string_equal(pairs[4], "mount_points");
	assert_string_equal(pairs[5], "");
	assert_null(pairs[6]); /* the meta attributes are not parameters */
	berth_words_free(pairs);
	assert_int_equal(berth_cib_parse_params(out_20, "bun-docker-0", &pairs), 0);
	assert_string_equal(pairs[3], " --restart=no --init ");
	assert_null(pairs[4]);
	berth_words_free(pairs);
	/* no parameters at all */
	assert_int_equal(berth_cib_parse_params("x\n<primitive id=\"p\" class=\"ocf\"/>\n", "p", &pairs), 0);
	assert_null(pairs[0]);
	berth_words_free(pairs);
}

/* What Pacemaker evaluates, and what berth cannot read, is not "plain": 1, and no pairs. */
static void
test_parse_params_not_plain(void **state)
{
	static const char *const outs[] = {
		/* another resource's XML */
		"x\n<primitive id=\"other\"><instance_attributes id=\"a\"/></primitive>\n",
		/* not a primitive */
		"x\n<clone id=\"web\"><primitive id=\"web\"/></clone>\n",
		/* a rule */
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\"><rule id=\"r\" score=\"INFINITY\">"
		"<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"n1\"/></rule>"
		"<nvpair id=\"n\" name=\"image\" value=\"a\"/></instance_attributes></primitive>\n",
		/* two sets */
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\"><nvpair id=\"n\" name=\"image\" value=\"a\"/>"
		"</instance_attributes><instance_attributes id=\"b\"><nvpair id=\"m\" name=\"image\" value=\"b\"/>"
		"</instance_attributes></primitive>\n",
		/* id-refs, to a set and to an nvpair */
		"x\n<primitive id=\"web\"><instance_attributes id-ref=\"shared\"/></primitive>\n",
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\"><nvpair id-ref=\"n\"/></instance_attributes>"
		"</primitive>\n",
		/* a name twice, an nvpair without a value */
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\"><nvpair id=\"n\" name=\"image\" value=\"a\"/>"
		"<nvpair id=\"m\" name=\"image\" value=\"b\"/></instance_attributes></primitive>\n",
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\"><nvpair id=\"n\" name=\"image\"/>"
		"</instance_attributes></primitive>\n",
		/* a template */
		"x\n<primitive id=\"web\" template=\"t\"/>\n",
		/* no XML, XML berth cannot read */
		"Resource XML:\n",
		"",
		"x\n<primitive id=\"web\"><instance_attributes id=\"a\">\n",
		NULL,
	};
	size_t i;

	(void)state;
	for (i = 0; outs[i] != NULL; i++) {
		char **pairs = (char **)1;

		assert_int_equal(berth_cib_parse_params(outs[i], "web", &pairs), 1);
		assert_null(pairs);
	}
}

static void
test_run(void **state)
{
	struct berth_cib cib = { "/some/cib.xml" };
	struct berth_cib_output o;
	berth_error_t err = NULL;
	char *const env_argv[] = { (char *)"env", NULL };
	char *const fail_argv[] = { (char *)"false", NULL };
	char *const none_argv[] = { (char *)"berth-no-such-tool", NULL };
	char *const sleep_argv[] = { (char *)"sleep", (char *)"5", NULL };

	(void)state;
	setenv("CIB_file", "/not/this/one", 1);
	assert_int_equal(berth_cib_run(&cib, env_argv, 5000, &o, &err), 0);
	assert_non_null(strstr(o.out, "CIB_file=/some/cib.xml\n"));
	assert_null(strstr(o.out, "/not/this/one"));
	assert_int_equal(o.status, 0);
	berth_cib_output_release(&o);
	assert_int_equal(berth_cib_run(NULL, env_argv, 5000, &o, &err), 0);
	assert_null(strstr(o.out, "CIB_file="));
	berth_cib_output_release(&o);
	assert_int_equal(berth_cib_run(NULL, fail_argv, 5000, &o, &err), 0);
	assert_int_equal(o.status, 1);
	berth_cib_output_release(&o);
	assert_true(berth_cib_run(NULL, none_argv, 5000, &o, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run berth-no-such-tool"));
	berth_error_free(&err);
	assert_true(berth_cib_run(NULL, sleep_argv, 200, &o, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_TIMEDOUT);
	berth_error_free(&err);
}

/* A tool that closes its output and goes on running: the wait for its exit is bounded too (it was
 * a waitpid without one). */
static void
test_wait_is_bounded(void **state)
{
	struct berth_cib_output o;
	berth_error_t err = NULL;
	char *const stuck[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exec >/dev/null 2>&1; sleep 30", NULL };
	long long t0 = berth_now_ms();

	(void)state;
	assert_int_equal(berth_cib_run(NULL, stuck, 500, &o, &err), -BERTH_E_TIMEDOUT);
	berth_error_free(&err);
	assert_in_range(berth_now_ms() - t0, 400, 3000 + berth_test_slack_ms());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_attr),
		cmocka_unit_test(test_parse_params),
		cmocka_unit_test(test_parse_params_not_plain),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_wait_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
