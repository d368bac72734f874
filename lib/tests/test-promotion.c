/* Unit tests: promotion scores through crm_attribute, with stand-ins for Pacemaker 2.0's and
 * 2.1's crm_attribute (shell scripts this test writes, run as BERTH_CRM_ATTRIBUTE). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deadline.h"
#include "promotion.h"

static char dir[64], calls[128], ignored[128];
static struct berth_deadline deadline;

/* Pacemaker 2.1's crm_attribute, as far as berth uses it: its help for the options that select an
 * attribute lists --promotion; every other call is recorded in calls. */
static const char fake_2_1[] =
	"#!/bin/sh\n"
	"if [ \"$1\" = --help-selections ]; then\n"
	"  echo 'Selecting attributes:'\n"
	"  echo '  -n, --name=NAME              Operate on attribute or option with this name.'\n"
	"  echo '  -p, --promotion=RESOURCE     Operate on node attribute used as promotion score'\n"
	"  echo probe >>\"$FAKE_DIR/probes\"\n"
	"  exit 0\n"
	"fi\n"
	"[ \"${FAKE_FAIL:-0}\" = 1 ] && { echo 'Could not connect to the CIB' >&2; exit 102; }\n"
	"echo \"$*\" >>\"$FAKE_DIR/calls\"\n";

/* Pacemaker 2.0's (2.0.5 checked): an option it does not know (-p, --help-selections) gets its
 * usage text and status 64, and nothing is set (recorded in ignored); -n NAME calls are recorded
 * in calls. */
static const char fake_2_0[] = "#!/bin/sh\n"
			       "for a in \"$@\"; do\n"
			       "  case $a in -p|--promotion*|--help-selections)\n"
			       "    echo 'usage: crm_attribute -n <attribute> <command> [options]'\n"
			       "    echo '  -n, --name=value    Name of the attribute/option to operate on'\n"
			       "    echo \"$*\" >>\"$FAKE_DIR/ignored\"\n"
			       "    exit 64 ;;\n"
			       "  esac\n"
			       "done\n"
			       "echo \"$*\" >>\"$FAKE_DIR/calls\"\n";

static void
write_tool(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0755), 0);
}

/* The contents of dir/name ("" when there is none). */
static const char *
slurp(const char *name)
{
	static char buf[2048];
	char path[128];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = '\0';
	f = fopen(path, "r");
	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void
use_tool(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	setenv("BERTH_CRM_ATTRIBUTE", path, 1);
}

static int
setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(calls, sizeof(calls), "%s/calls", dir);
	snprintf(ignored, sizeof(ignored), "%s/ignored", dir);
	setenv("FAKE_DIR", dir, 1);
	unsetenv("OCF_RESKEY_crm_feature_set");
	unsetenv("FAKE_FAIL");
	berth_deadline_init(&deadline, 20000);
	return 0;
}

static int
teardown(void **state)
{
	static const char *const names[] = { "calls", "ignored", "probes", "pcmk-2.0", "pcmk-2.1", "pcmk-2.1-again" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	unsetenv("BERTH_CRM_ATTRIBUTE");
	return 0;
}

/* Pacemaker 2.1 and later: -p, and the tool is asked once for the whole process. */
static void
test_pacemaker_2_1_gets_the_option(void **state)
{
	berth_error_t err = NULL;

	write_tool("pcmk-2.1", fake_2_1);
	use_tool("pcmk-2.1");
	assert_int_equal(berth_promotion_set("db:1", 10, &deadline, &err), 0);
	assert_int_equal(berth_promotion_set("db:1", 20, &deadline, &err), 0);
	assert_int_equal(berth_promotion_clear("db:1", &deadline, &err), 0);
	assert_null(err);
	assert_string_equal(slurp("calls"), "-p db:1 -l reboot -v 10\n"
					    "-p db:1 -l reboot -v 20\n"
					    "-p db:1 -l reboot -D\n");
	assert_string_equal(slurp("probes"), "probe\n");
}

/* Pacemaker 2.0 has no -p, and would take it without a word: the attribute is named instead. */
static void
test_pacemaker_2_0_gets_the_name(void **state)
{
	berth_error_t err = NULL;

	write_tool("pcmk-2.0", fake_2_0);
	use_tool("pcmk-2.0");
	assert_int_equal(berth_promotion_set("db:1", 10, &deadline, &err), 0);
	assert_int_equal(berth_promotion_clear("db:1", &deadline, &err), 0);
	assert_null(err);
	assert_string_equal(slurp("calls"), "-n master-db:1 -l reboot -v 10\n"
					    "-n master-db:1 -l reboot -D\n");
	/* Only the question went unanswered; no update was lost. */
	assert_string_equal(slurp("ignored"), "--help-selections\n");
}

/* The DC's feature set below 3.10: the whole cluster is older than 2.1, and nothing is asked. */
static void
test_old_feature_set_asks_nothing(void **state)
{
	berth_error_t err = NULL;

	write_tool("pcmk-2.1-again", fake_2_1);
	use_tool("pcmk-2.1-again");
	setenv("OCF_RESKEY_crm_feature_set", "3.6.1", 1);
	assert_int_equal(berth_promotion_set("web", 5, &deadline, &err), 0);
	assert_string_equal(slurp("calls"), "-n master-web -l reboot -v 5\n");
	assert_string_equal(slurp("probes"), "");
	/* 3.10.0 is Pacemaker 2.1.0's: from there on, the tool is asked. */
	setenv("OCF_RESKEY_crm_feature_set", "3.10.0", 1);
	assert_int_equal(berth_promotion_set("web", 6, &deadline, &err), 0);
	assert_string_equal(slurp("calls"), "-n master-web -l reboot -v 5\n-p web -l reboot -v 6\n");
	assert_string_equal(slurp("probes"), "probe\n");
}

/* A refusal reaches the caller with the tool's words. */
static void
test_failure_is_reported(void **state)
{
	berth_error_t err = NULL;

	write_tool("pcmk-2.1", fake_2_1);
	use_tool("pcmk-2.1");
	setenv("FAKE_FAIL", "1", 1);
	assert_true(berth_promotion_set("db:0", 1, &deadline, &err) < 0);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "(status 102): Could not connect to the CIB"));
	berth_error_free(&err);
	unsetenv("FAKE_FAIL");
}

static void
test_parse_score(void **state)
{
	long long s;

	assert_int_equal(berth_promotion_parse_score(" 42\n", &s), 0);
	assert_int_equal(s, 42);
	assert_int_equal(berth_promotion_parse_score("-INFINITY", &s), 0);
	assert_int_equal(s, -1000000);
	assert_int_equal(berth_promotion_parse_score("99999999", &s), 0);
	assert_int_equal(s, 1000000);
	assert_int_equal(berth_promotion_parse_score("4 2", &s), -1);
	assert_int_equal(berth_promotion_parse_score("", &s), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pacemaker_2_1_gets_the_option, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pacemaker_2_0_gets_the_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_feature_set_asks_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_is_reported, setup, teardown),
		cmocka_unit_test(test_parse_score),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
