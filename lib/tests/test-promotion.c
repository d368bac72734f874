/* Unit tests: promotion scores (promotion.c): parsing them as Pacemaker writes them, and the
 * crm_attribute calls, against stand-ins that record their arguments (test code may use a shell):
 * Pacemaker 2.1's crm_attribute, which has -p, and 2.0's, which has not. */
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

static void
test_parse_score(void **state)
{
	static const struct {
		const char *text;
		int ok;
		long long score;
	} rows[] = {
		{ "10", 1, 10 },
		{ " -5\n", 1, -5 },
		{ "0", 1, 0 },
		{ "INFINITY", 1, 1000000 },
		{ "+INFINITY", 1, 1000000 },
		{ "-infinity\n", 1, -1000000 },
		{ "2000000", 1, 1000000 }, /* beyond Pacemaker's infinity: clamped */
		{ "-2000000", 1, -1000000 },
		{ "99999999999999999999", 0, 0 },
		{ "", 0, 0 },
		{ "  ", 0, 0 },
		{ "ten", 0, 0 },
		{ "10 20", 0, 0 },
		{ "1.5", 0, 0 },
	};
	size_t i;
	long long score;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		score = 12345;
		if ((berth_promotion_parse_score(rows[i].text, &score) == 0) != rows[i].ok)
			fail_msg("'%s': parsed %s", rows[i].text, rows[i].ok ? "not" : "yes");
		if (rows[i].ok)
			assert_true(score == rows[i].score);
	}
	assert_int_equal(berth_promotion_parse_score(NULL, &score), -1);
}

static char dir[64], tool[96], args[96];

static int
setup(void **state)
{
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/berth-promotion.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(tool, sizeof(tool), "%s/crm_attribute", dir);
	snprintf(args, sizeof(args), "%s/args", dir);
	f = fopen(tool, "w");
	assert_non_null(f);
	/* Pacemaker 2.1's crm_attribute, as far as berth asks it (--help-selections lists -p). */
	fprintf(f,
		"#!/bin/sh\n[ \"$1\" != --help-selections ] || { echo '  -p, --promotion=RESOURCE'; exit 0; }\n"
		"echo \"$*\" >> %s\n[ -z \"$FAIL\" ] || { echo \"$FAIL\" >&2; exit 1; }\n",
		args);
	fclose(f);
	assert_int_equal(chmod(tool, 0755), 0);
	setenv("BERTH_CRM_ATTRIBUTE", tool, 1);
	return 0;
}

static int
teardown(void **state)
{
	unlink(tool);
	unlink(args);
	unsetenv("FAIL");
	unsetenv("BERTH_CRM_ATTRIBUTE");
	assert_int_equal(rmdir(dir), 0);
	return 0;
}

static void
expect_args(const char *want)
{
	char got[256] = "";
	FILE *f = fopen(args, "r");
	size_t n;

	assert_non_null(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	unlink(args);
	assert_string_equal(got, want);
}

static void
test_set_and_clear(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;

	berth_deadline_init(&d, 20000);
	assert_int_equal(berth_promotion_set("db:1", 42, &d, &err), 0);
	expect_args("-p db:1 -l reboot -v 42\n");
	assert_int_equal(berth_promotion_set("db:1", -1000000, &d, &err), 0);
	expect_args("-p db:1 -l reboot -v -1000000\n");
	assert_int_equal(berth_promotion_clear("db:1", &d, &err), 0);
	expect_args("-p db:1 -l reboot -D\n");
	assert_null(err);

	/* a failure says so, with crm_attribute's status and words */
	setenv("FAIL", "Could not connect to the CIB", 1);
	assert_true(berth_promotion_set("db:1", 1, &d, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_FAILED);
	assert_non_null(strstr(err->msg, "failed (status 1): Could not connect to the CIB"));
	berth_error_free(&err);
	unsetenv("FAIL");
	unlink(args);

	/* not there at all */
	setenv("BERTH_CRM_ATTRIBUTE", "/nonexistent/crm_attribute", 1);
	assert_true(berth_promotion_clear("db:1", &d, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run /nonexistent/crm_attribute"));
	berth_error_free(&err);
}

/* ---- which form, by what the installed tool has ---- */

static char vdir[64], calls[128], ignored[128];
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

	snprintf(path, sizeof(path), "%s/%s", vdir, name);
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

	snprintf(path, sizeof(path), "%s/%s", vdir, name);
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

	snprintf(path, sizeof(path), "%s/%s", vdir, name);
	setenv("BERTH_CRM_ATTRIBUTE", path, 1);
}

static int
setup_versions(void **state)
{
	snprintf(vdir, sizeof(vdir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(vdir));
	snprintf(calls, sizeof(calls), "%s/calls", vdir);
	snprintf(ignored, sizeof(ignored), "%s/ignored", vdir);
	setenv("FAKE_DIR", vdir, 1);
	unsetenv("OCF_RESKEY_crm_feature_set");
	unsetenv("FAKE_FAIL");
	berth_deadline_init(&deadline, 20000);
	return 0;
}

static int
teardown_versions(void **state)
{
	static const char *const names[] = { "calls", "ignored", "probes", "pcmk-2.0", "pcmk-2.1", "pcmk-2.1-again" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", vdir, names[i]);
		unlink(path);
	}
	rmdir(vdir);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_score),
		cmocka_unit_test_setup_teardown(test_set_and_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pacemaker_2_1_gets_the_option, setup_versions, teardown_versions),
		cmocka_unit_test_setup_teardown(test_pacemaker_2_0_gets_the_name, setup_versions, teardown_versions),
		cmocka_unit_test_setup_teardown(test_old_feature_set_asks_nothing, setup_versions, teardown_versions),
	};

	return cmocka_run_group_tests_name("promotion", tests, NULL, NULL);
}
