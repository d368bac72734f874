/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the CIB XML scanner (xml.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml.h"

static const char cib[] =
	"<?xml version=\"1.0\"?>\n"
	"<!-- a comment with <primitive id=\"fake\"> in it -->\n"
	"<cib epoch='4' admin_epoch=\"0\" num_updates=\"7\">\n"
	"  <configuration><resources>\n"
	"    <clone id=\"c\"><primitive id=\"p1\" class=\"ocf\" provider=\"heartbeat\" type=\"docker\">\n"
	"      <instance_attributes id=\"ia\"><nvpair id=\"n1\" name=\"run_opts\" "
	"value=\"-e A=&quot;x&quot; &amp;&lt;&gt;&apos;&#65;&#x42;&#x1F600;&bogus;\"/></instance_attributes>\n"
	"    </primitive></clone>\n"
	"    <![CDATA[ <primitive id=\"cdata\"/> ]]>\n"
	"  </resources></configuration>\n"
	"  <status/>\n"
	"</cib>\n";

static void
test_scan(void **state)
{
	struct berth_xml_element *e = NULL;
	berth_error_t err = NULL;
	size_t n = 0, off = 0, len = 0;
	char *v;

	(void)state;
	assert_int_equal(berth_xml_scan(cib, strlen(cib), &e, &n, &err), 0);
	assert_int_equal(n, 8);
	assert_string_equal(e[0].name, "cib");
	assert_int_equal(e[0].parent, -1);
	assert_string_equal(e[4].name, "primitive");
	assert_int_equal(e[4].parent, 3);
	assert_int_equal(berth_xml_ancestor(e, 4, "clone"), 3);
	assert_int_equal(berth_xml_ancestor(e, 4, "group"), -1);
	assert_string_equal(e[7].name, "status");
	v = berth_xml_attr(cib, &e[0], "epoch", NULL, NULL);
	assert_string_equal(v, "4");
	free(v);
	assert_null(berth_xml_attr(cib, &e[0], "validate-with", NULL, NULL));
	v = berth_xml_attr(cib, &e[4], "provider", &off, &len);
	assert_string_equal(v, "heartbeat");
	assert_int_equal(len, 9);
	assert_memory_equal(cib + off, "heartbeat", 9);
	free(v);
	v = berth_xml_attr(cib, &e[6], "value", NULL, NULL);
	assert_string_equal(v, "-e A=\"x\" &<>'AB\xf0\x9f\x98\x80&bogus;");
	free(v);
	/* an attribute name that is a suffix of another's is not that one */
	v = berth_xml_attr(cib, &e[6], "d", NULL, NULL);
	assert_null(v);
	free(e);
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"<a><b></a>",          "<a>",          "</a>",          "<a x=1/>",
		"<a x=\"1\"y=\"2\"/>", "<a x=\"<\"/>", "<a><!-- x</a>", "<!DOCTYPE a [<!ENTITY x \"y\">]><a/>",
		"<a x=\"1\" x/>",      "<>",
	};
	struct berth_xml_element *e = NULL;
	berth_error_t err = NULL;
	size_t n;

	(void)state;
	assert_true(berth_xml_scan("<a x=\"\0\"/>", 9, &e, &n, &err) < 0);
	assert_non_null(strstr(err->msg, "a NUL byte"));
	berth_error_free(&err);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (berth_xml_scan(bad[i], strlen(bad[i]), &e, &n, &err) == 0)
			fail_msg("accepted [%s]", bad[i]);
		assert_int_equal(err->cause, BERTH_E_PROTOCOL);
		assert_null(e);
		berth_error_free(&err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
