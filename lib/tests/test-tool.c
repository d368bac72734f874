/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the cluster tools runner (tool.c): where a tool is found, what a failure says, and
 * that no wait is unbounded. The tools are played by the shell: test code may use one. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "slack.h"

static void
test_path(void **state)
{
	unsetenv("BERTH_SYSTEMCTL");
	assert_string_equal(berth_tool_path(BERTH_HOOK_SYSTEMCTL, "/bin/true"), "/bin/true");
	/* not where it usually is: its name, for the PATH search */
	assert_string_equal(berth_tool_path(BERTH_HOOK_SYSTEMCTL, "/nonexistent/sbin/crm_attribute"), "crm_attribute");
	setenv("BERTH_SYSTEMCTL", "/opt/stand-in", 1);
	assert_string_equal(berth_tool_path(BERTH_HOOK_SYSTEMCTL, "/bin/true"), "/opt/stand-in");
	/* an empty variable is no setting */
	setenv("BERTH_SYSTEMCTL", "", 1);
	assert_string_equal(berth_tool_path(BERTH_HOOK_SYSTEMCTL, "/bin/true"), "/bin/true");
	unsetenv("BERTH_SYSTEMCTL");
}

/* The hooks' names, as docs/HACKING.md lists them; a hook is read only when set and not empty. */
static void
test_hooks(void **state)
{
	static const char *const expected[] = { "BERTH_CONF_DIR", "BERTH_POSTMORTEM_DIR", "BERTH_CRM_ATTRIBUTE",
						"BERTH_SYSTEMCTL" };
	int h;

	(void)state;
	for (h = 0; h < BERTH_HOOK_COUNT; h++) {
		assert_string_equal(berth_hook_name((enum berth_hook)h), expected[h]);
		unsetenv(expected[h]);
		assert_null(berth_hook((enum berth_hook)h));
		setenv(expected[h], "", 1);
		assert_null(berth_hook((enum berth_hook)h));
		setenv(expected[h], "/x", 1);
		assert_string_equal(berth_hook((enum berth_hook)h), "/x");
		unsetenv(expected[h]);
	}
	assert_null(berth_hook_name(BERTH_HOOK_COUNT));
	assert_null(berth_hook(BERTH_HOOK_COUNT));
}

static void
test_run(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;
	char *const ok[] = { (char *)"true", NULL };
	char *const failing[] = { (char *)"/bin/sh", (char *)"-c",
				  (char *)"echo out; echo 'no such node' >&2; exit 105", NULL };
	char *const missing[] = { (char *)"berth-no-such-tool", NULL };

	berth_deadline_init(&d, 20000);
	assert_int_equal(berth_tool_run(ok, "true", &d, 5000, &err), 0);
	assert_null(err);
	assert_int_equal(berth_tool_run(failing, "crm_attribute -p rsc", &d, 5000, &err), -BERTH_E_FAILED);
	assert_int_equal(err->cause, BERTH_E_FAILED);
	assert_string_equal(err->msg, "crm_attribute -p rsc failed (status 105): out\nno such node\n");
	berth_error_free(&err);
	assert_true(berth_tool_run(missing, "berth-no-such-tool", &d, 5000, &err) < 0);
	assert_non_null(strstr(err->msg, "cannot run berth-no-such-tool"));
	berth_error_free(&err);
}

/* A failing tool is a failure even when berth was started with SIGCHLD ignored (the old runner's
 * waitpid() then failed with ECHILD and left the status at 0: "succeeded"). */
static void
test_failure_seen_with_sigchld_ignored(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;
	char *const failing[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exit 1", NULL };

	berth_deadline_init(&d, 20000);
	signal(SIGCHLD, SIG_IGN);
	assert_true(berth_tool_run(failing, "crm_attribute", &d, 5000, &err) < 0);
	signal(SIGCHLD, SIG_DFL);
	assert_non_null(err);
	assert_non_null(strstr(err->msg, "crm_attribute failed (status 1)"));
	berth_error_free(&err);
}

/* A tool that closes its output and goes on running: the wait for its exit has a bound too (it
 * had none: waitpid blocked until the tool ended by itself). */
static void
test_wait_is_bounded(void **state)
{
	struct berth_deadline d;
	berth_error_t err = NULL;
	char *const stuck[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exec >/dev/null 2>&1; sleep 30", NULL };
	long long t0 = berth_now_ms();

	berth_deadline_init(&d, 20000);
	assert_int_equal(berth_tool_run(stuck, "systemctl daemon-reload", &d, 500, &err), -1);
	assert_int_equal(err->cause, BERTH_E_TIMEDOUT);
	assert_non_null(strstr(err->msg, "systemctl daemon-reload did not finish within"));
	berth_error_free(&err);
	assert_in_range(berth_now_ms() - t0, 400, 3000 + berth_test_slack_ms());

	/* no time left: nothing is run */
	d.end_ms = berth_now_ms() - 1;
	assert_true(berth_tool_run(stuck, "crm_attribute", &d, 500, &err) < 0);
	assert_int_equal(err->cause, BERTH_E_TIMEDOUT);
	berth_error_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_hooks),
		cmocka_unit_test(test_run),
		cmocka_unit_test(test_failure_seen_with_sigchld_ignored),
		cmocka_unit_test(test_wait_is_bounded),
	};

	return cmocka_run_group_tests_name("tool", tests, NULL, NULL);
}
