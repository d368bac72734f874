/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: OCF semantics of the actions, against a fake container module.
 *
 * fake-container.c defines every Engine API call the actions make (container.h, image.h, podman's
 * in dialect.h), so the linker never pulls the real ones out of the library: the actions run
 * against its scripted container (fake-container.h; test-fake-agrees checks it against the real
 * modules). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "deadline.h"
#include "fake-container.h"
#include "spec.h"
#include "state.h"
#include "slack.h"

/* ---- harness ---- */

static char tmpdir[64];
static char pmdir[96];
static struct berth_deadline deadline;
static struct berth_client client;
static struct berth_params params;
static struct berth_ctx ctx;

static int
setup(void **state)
{
	berth_error_t err = NULL;

	fake_reset();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	setenv("HA_RSCTMP", tmpdir, 1);
	snprintf(pmdir, sizeof(pmdir), "%s/postmortem", tmpdir);
	setenv("BERTH_POSTMORTEM_DIR", pmdir, 1);
	setenv("OCF_RESOURCE_INSTANCE", "rsc", 1);
	setenv("OCF_RESKEY_image", "img:1", 1);
	setenv("BERTH_CRM_ATTRIBUTE", "/bin/true", 1);
	setenv("BERTH_CONF_DIR", "/nonexistent/berth-conf", 1);
	berth_deadline_init(&deadline, 20000);
	memset(&client, 0, sizeof(client));
	client.deadline = &deadline;
	/* Never asked anything (the container functions are fakes): it only carries the API version. */
	client.engine = berth_engine_new("/nonexistent/fake.sock");
	assert_int_equal(berth_params_load(&params, &err), 0);
	ctx.params = &params;
	ctx.client = &client;
	ctx.deadline = &deadline;
	return 0;
}

static int
teardown(void **state)
{
	char path[128];

	berth_params_release(&params);
	berth_engine_free(client.engine);
	client.engine = NULL;
	snprintf(path, sizeof(path), "%s/berth-rsc.state", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/berth-rsc.exec", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rsc.log", pmdir);
	unlink(path);
	rmdir(pmdir);
	assert_int_equal(rmdir(tmpdir), 0); /* nothing else was left behind */
	unsetenv("OCF_RESKEY_run_opts");
	unsetenv("OCF_RESKEY_reuse");
	unsetenv("OCF_RESKEY_allow_pull");
	unsetenv("OCF_RESKEY_monitor_cmd");
	unsetenv("OCF_RESKEY_postmortem_lines");
	unsetenv("OCF_RESKEY_name");
	unsetenv("OCF_RESKEY_notify_cmd");
	unsetenv("OCF_RESKEY_docker_socket");
	return 0;
}

/* The row of berth_actions that runs fn, as agent/main.c would pick it. */
static const struct berth_action *
action_of(berth_action_fn fn)
{
	const struct berth_action *a;

	for (a = berth_actions; a->name; a++)
		if (a->fn == fn)
			return a;
	fail_msg("no action runs this function");
	return NULL;
}

/* Run an action; check its result and, for anything but success, that a reason exists. */
#define expect_action(fn, want)                                                                                        \
	do {                                                                                                           \
		berth_error_t e_ = NULL;                                                                               \
		enum berth_result r_ = (ctx.action = action_of(fn), fn(&ctx, &e_));                                    \
		if (r_ != (want))                                                                                      \
			fail_msg("%s: got %s, want %s (%s)", #fn, berth_result_name(r_), berth_result_name(want),      \
				 e_ ? e_->msg : "no reason");                                                          \
		if ((want) != BERTH_RESULT_OK)                                                                         \
			assert_non_null(e_);                                                                           \
		berth_error_free(&e_);                                                                                 \
	} while (0)

/* Run an action; check its result and return its reason (malloc'd, "" for none). */
static char *
run_action(berth_action_fn fn, enum berth_result want)
{
	berth_error_t e = NULL;
	enum berth_result r = (ctx.action = action_of(fn), fn(&ctx, &e));
	char *msg = strdup(e ? e->msg : "");

	if (r != want)
		fail_msg("got %s, want %s (%s)", berth_result_name(r), berth_result_name(want), msg);
	berth_error_free(&e);
	return msg;
}

/* The post-mortem file of the test's container, or NULL when there is none (malloc'd). */
static char *
postmortem_file(void)
{
	char path[160], *buf;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/rsc.log", pmdir);
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	buf = calloc(1, 1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
reload_params(void)
{
	berth_error_t err = NULL;

	berth_params_release(&params);
	assert_int_equal(berth_params_load(&params, &err), 0);
}

/* ---- tests ---- */

static void
test_lifecycle(void **state)
{
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 1);
	assert_int_equal(fake.starts, 1);
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	expect_action(berth_action_start, BERTH_RESULT_OK); /* idempotent */
	assert_int_equal(fake.creates, 1);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_false(fake.exists);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
}

/* podman's start losing the race over its cgroup scope: created and started once more; twice in
 * a row is an honest failure. Only on podman: dockerd's failures are not retried. */
static void
test_podman_scope_race(void **state)
{
	char *why;

	fake.podman = true;
	fake.scope_races = 1;
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 2);
	assert_int_equal(fake.starts, 2);
	assert_int_equal(fake.removes, 1);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	fake.scope_races = 2;
	why = run_action(berth_action_start, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "scope not found"));
	free(why);
	fake_reset();
	fake.scope_races = 1; /* docker: no retry */
	why = run_action(berth_action_start, BERTH_RESULT_ERROR);
	assert_int_equal(fake.creates, 1);
	free(why);
}

/* podman's "stopping": Running false, its process alive. stop kills it before the removal (which
 * would leave the process behind without a container). */
static void
test_podman_stuck_stopping(void **state)
{
	expect_action(berth_action_start, BERTH_RESULT_OK);
	fake.running = false;
	strcpy(fake.status, "stopping");
	fake.pid = 4242;
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.kills, 1);
	assert_int_equal(fake.removes, 1);
	assert_false(fake.exists);
}

/* podman without systemd never runs a health check by itself: berth runs it (and only on podman). */
static void
test_podman_health_check_run(void **state)
{
	char *why;

	setenv("OCF_RESKEY_query_docker_health", "true", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	strcpy(fake.health, "starting");
	fake.podman = true;
	strcpy(fake.health_run, "healthy");
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_int_equal(fake.health_runs, 1);
	strcpy(fake.health_run, "unhealthy");
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "unhealthy"));
	free(why);
	fake.podman = false; /* dockerd runs its checks itself: its status is the answer */
	strcpy(fake.health, "healthy");
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_int_equal(fake.health_runs, 2);
	unsetenv("OCF_RESKEY_query_docker_health");
	reload_params();
}

/* A container that neither stops nor takes a kill (podman: stuck "stopping", conmon gone): stop
 * removes it by force. With reuse (no removal) that is an honest failure. */
static void
test_stop_refused_removes_by_force(void **state)
{
	char *why;

	expect_action(berth_action_start, BERTH_RESULT_OK);
	fake.stop_refused = true;
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.kills, 1);
	assert_int_equal(fake.removes, 1);
	assert_false(fake.exists);
	fake.stop_refused = false;
	setenv("OCF_RESKEY_reuse", "true", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	fake.stop_refused = true;
	why = run_action(berth_action_stop, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "is stopping"));
	free(why);
	unsetenv("OCF_RESKEY_reuse");
	reload_params();
}

/* A container ocf:heartbeat:docker made for this resource: adopted while it runs, replaced at the
 * next start after a stop; one that differs in anything berth would set is never touched. */
static void
test_shell_agent_container_adopted(void **state)
{
	static const char shell_made[] = "{\"Id\":\"c0ffee\",\"Name\":\"/rsc\",\"Config\":{\"Image\":\"img:1\","
					 "\"Env\":[\"PATH=/bin\"]},\"HostConfig\":{\"NetworkMode\":\"host\","
					 "\"RestartPolicy\":{\"Name\":\"no\"}}}";

	fake.exists = fake.running = true;
	fake.managed = false;
	fake.raw = shell_made;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates + fake.stops + fake.kills + fake.removes, 0); /* kept running */
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.stops, 1);
	assert_int_equal(fake.removes, 1);
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 1);
	assert_true(fake.managed); /* berth's own now */

	/* stopped: replaced by start */
	fake_reset();
	fake.exists = true;
	fake.raw = shell_made;
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.removes, 1);
	assert_int_equal(fake.creates, 1);

	/* the bridge network instead of berth's host default: not the same container, and while it
	 * runs the resource is neither stopped nor berth's to stop */
	fake_reset();
	fake.exists = fake.running = true;
	fake.raw = "{\"Id\":\"c0ffee\",\"Name\":\"/rsc\",\"Config\":{\"Image\":\"img:1\"},"
		   "\"HostConfig\":{\"NetworkMode\":\"default\"}}";
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_ERROR);
	assert_int_equal(fake.stops + fake.kills + fake.removes + fake.creates, 0);
}

/* Adoption gives the container its state record at once: stop relies on it while the daemon is
 * away. One that cannot be recorded is not adopted. */
static void
test_adoption_records_the_run(void **state)
{
	static const char shell_made[] = "{\"Id\":\"c0ffee\",\"Name\":\"/rsc\",\"Config\":{\"Image\":\"img:1\"},"
					 "\"HostConfig\":{\"NetworkMode\":\"host\"}}";
	struct berth_state st;
	char *why;

	fake.exists = fake.running = true;
	fake.raw = shell_made;
	fake.pid = (long)getpid();
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_int_equal(berth_state_load("rsc", &st), 1);
	assert_string_equal(st.id, "c0ffee");
	assert_int_equal(st.pid, (long)getpid());
	berth_state_clear("rsc");
	/* the same through a start that finds it running */
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(berth_state_load("rsc", &st), 1);
	berth_state_clear("rsc");

	setenv("HA_RSCTMP", "/dev/null/berth", 1); /* no record can be written there */
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "cannot adopt container rsc"));
	free(why);
	setenv("HA_RSCTMP", tmpdir, 1);
}

/* A container that runs under the resource's name but is not berth's: never "stopped" (probe,
 * monitor, stop), never touched; the reason names it, the first field that differs (its name,
 * never its value) and the ways out. A stopped one keeps start's plain refusal. */
static void
test_foreign_container(void **state)
{
	static const char foreign[] = "foreign container rsc (its Env differs) runs: berth explain --diff rsc, "
				      "remove it or match it; ";
	char *why;

	setenv("OCF_RESKEY_run_opts", "-e DB_PASSWORD=configured", 1);
	setenv("OCF_RESKEY_notify_cmd", "tell", 1);
	reload_params();
	fake.exists = fake.running = true;
	fake.raw = "{\"Id\":\"c0ffee\",\"Name\":\"/rsc\",\"Config\":{\"Image\":\"img:1\","
		   "\"Env\":[\"DB_PASSWORD=hunter2\"]},\"HostConfig\":{\"NetworkMode\":\"host\"}}";
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	/* what, why and the way out within the 128 characters Pacemaker keeps in the CIB */
	if (strncmp(why, foreign, sizeof(foreign) - 1) != 0 ||
	    strstr(why, "cannot report rsc stopped while it runs (container c0ffee)") == NULL)
		fail_msg("reason: %s", why);
	assert_null(strstr(why, "hunter2"));
	assert_null(strstr(why, "configured"));
	free(why);
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_ERROR);
	expect_action(berth_action_promote, BERTH_RESULT_ERROR);
	expect_action(berth_action_demote, BERTH_RESULT_ERROR);
	expect_action(berth_action_reload, BERTH_RESULT_ERROR);
	expect_action(berth_action_notify, BERTH_RESULT_OK); /* nothing of berth's to tell */
	assert_true(fake.running);
	if (fake.stops + fake.kills + fake.removes + fake.creates + fake.execs != 0)
		fail_msg("touched: %d %d %d %d %d", fake.stops, fake.kills, fake.removes, fake.creates, fake.execs);

	/* berth's, but another resource's: said without the label's value */
	fake.managed = true;
	strcpy(fake.instance, "other");
	why = run_action(berth_action_stop, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "(labelled for another resource)"));
	assert_null(strstr(why, "other:"));
	free(why);
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_int_equal(fake.stops + fake.kills + fake.removes, 0);

	/* not running: nothing runs here, so stopped; start still refuses the name */
	fake.running = false;
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	why = run_action(berth_action_start, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "the name rsc is taken by container c0ffee"));
	free(why);
	assert_true(fake.exists);
	assert_int_equal(fake.stops + fake.kills + fake.removes + fake.creates, 0);

	/* podman's "stopping": its process still runs, so it counts as running */
	fake.managed = false;
	strcpy(fake.status, "stopping");
	fake.pid = 4242;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_ERROR);
}

static void
test_image_missing(void **state)
{
	fake.image_exists = false;
	expect_action(berth_action_start, BERTH_RESULT_NOT_INSTALLED);
	expect_action(berth_action_validate, BERTH_RESULT_NOT_INSTALLED);
	assert_int_equal(fake.creates, 0);
	setenv("OCF_RESKEY_allow_pull", "yes", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.pulls, 1);
}

static void
test_config_errors_are_6_but_stop_still_works(void **state)
{
	setenv("OCF_RESKEY_run_opts", "--restart=always", 1);
	reload_params();
	expect_action(berth_action_validate, BERTH_RESULT_NOT_CONFIGURED);
	expect_action(berth_action_start, BERTH_RESULT_NOT_CONFIGURED);
	fake.exists = fake.running = fake.managed = true;
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_false(fake.exists);
}

static void
test_exit_during_start(void **state)
{
	berth_error_t e = NULL;

	fake.exit_on_start = true;
	ctx.action = action_of(berth_action_start);
	assert_int_equal(berth_action_start(&ctx, &e), BERTH_RESULT_ERROR);
	assert_non_null(strstr(e->msg, "(status exited, exit code 3); last output: boom: config missing"));
	berth_error_free(&e);

	/* The daemon's own error goes inside the parentheses, without a stray separator. */
	fake_reset();
	fake.exit_on_start = true;
	strcpy(fake.error, "OCI runtime create failed");
	assert_int_equal(berth_action_start(&ctx, &e), BERTH_RESULT_ERROR);
	if (strstr(e->msg, "(status exited, exit code 3, OCI runtime create failed); last output: boom") == NULL)
		fail_msg("reason: %s", e->msg);
	berth_error_free(&e);

	/* postmortem_lines=0: no output of the container's in the reason */
	fake_reset();
	fake.exit_on_start = true;
	setenv("OCF_RESKEY_postmortem_lines", "0", 1);
	reload_params();
	assert_int_equal(berth_action_start(&ctx, &e), BERTH_RESULT_ERROR);
	assert_non_null(strstr(e->msg, "(status exited, exit code 3)"));
	if (strstr(e->msg, "boom") != NULL || strstr(e->msg, "last output") != NULL)
		fail_msg("reason: %s", e->msg);
	berth_error_free(&e);
}

static void
test_daemon_unreachable(void **state)
{
	fake.unreachable = true;
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_OK); /* no daemon, no recorded process */
	expect_action(berth_action_validate, BERTH_RESULT_OK);
}

static void
test_daemon_unreachable_live_process(void **state)
{
	/* A recorded process that is still alive (here: this test) means live-restore. */
	struct berth_state st = { .pid = (long)getpid() };
	berth_error_t err = NULL;

	strcpy(st.id, "c0ffee");
	strcpy(st.started_at, "t1");
	st.pid_start = berth_process_start_ticks(st.pid);
	assert_int_equal(berth_state_save("rsc", &st, &err), 0);
	fake.unreachable = true;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	expect_action(berth_action_stop, BERTH_RESULT_ERROR); /* cannot stop it safely: fence */
}

static void
test_config_change_and_reuse(void **state)
{
	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.removes, 1);

	setenv("OCF_RESKEY_reuse", "true", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_true(fake.exists); /* kept for reuse */
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 2); /* reused, not created again */

	setenv("OCF_RESKEY_run_opts", "-e CHANGED=1", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 3); /* configuration changed: recreated despite reuse */
}

static void
test_monitor_cmd(void **state)
{
	setenv("OCF_RESKEY_monitor_cmd", "check --quick", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_string_equal(fake.last_exec, "check");
	fake.exec_exit = 2;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	{
		berth_error_t e = NULL;

		ctx.action = action_of(berth_action_monitor);
		assert_int_equal(berth_action_monitor(&ctx, &e), BERTH_RESULT_ERROR);
		assert_non_null(strstr(e->msg, "failed in container rsc (exit 2): not ready"));
		berth_error_free(&e);
		/* postmortem_lines=0: the command's output is not quoted */
		setenv("OCF_RESKEY_postmortem_lines", "0", 1);
		reload_params();
		assert_int_equal(berth_action_monitor(&ctx, &e), BERTH_RESULT_ERROR);
		assert_non_null(strstr(e->msg, "failed in container rsc (exit 2)"));
		assert_null(strstr(e->msg, "not ready"));
		berth_error_free(&e);
	}
}

static void
test_promotion(void **state)
{
	expect_action(berth_action_promote, BERTH_RESULT_ERROR); /* not running */
	expect_action(berth_action_demote, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	expect_action(berth_action_promote, BERTH_RESULT_OK);
	expect_action(berth_action_monitor, BERTH_RESULT_RUNNING_PROMOTED);
	setenv("OCF_RESKEY_monitor_cmd", "check", 1);
	reload_params();
	fake.exec_exit = 1;
	expect_action(berth_action_monitor, BERTH_RESULT_FAILED_PROMOTED);
	fake.exec_exit = 0;
	expect_action(berth_action_monitor, BERTH_RESULT_RUNNING_PROMOTED);
	/* the container restarted behind Pacemaker's back: a new run is unpromoted */
	strcpy(fake.started_at, "t99");
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	expect_action(berth_action_promote, BERTH_RESULT_OK);
	expect_action(berth_action_demote, BERTH_RESULT_OK);
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
}

/* A container that ended on its own: stop keeps its post-mortem before removing it. */
static void
test_postmortem_on_stop_of_exited(void **state)
{
	char *pm;

	fake.exists = fake.managed = true;
	fake.exit_code = 3;
	fake.logs = "starting\nboom: config missing\nbye\n";
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.removes, 1);
	pm = postmortem_file();
	assert_non_null(pm);
	if (strstr(pm, "berth post-mortem of container rsc ===\nresource:   rsc (stop removed the container)\n"
		       "container:  rsc c0ffee\nimage:      img:1\nstatus:     exited\nexit code:  3\n"
		       "OOMKilled:  false\nerror:      -\nstarted:    t1\nfinished:   2026-01-02T03:04:05.678Z\n"
		       "output:     the last 3 lines (postmortem_lines=100)\n"
		       "| starting\n| boom: config missing\n| bye\n\n") == NULL)
		fail_msg("record: %s", pm);
	free(pm);

	/* start's replace path: the crashed container of a stop that did not come (a reboot) */
	fake.exists = fake.managed = true;
	fake.oom_killed = true;
	fake.exit_code = 137;
	strcpy(fake.status, "dead");
	expect_action(berth_action_start, BERTH_RESULT_OK);
	pm = postmortem_file();
	assert_non_null(strstr(pm, "(start removed the container)\n"));
	assert_non_null(strstr(pm, "status:     dead\nexit code:  137\nOOMKilled:  true\n"));
	assert_non_null(strstr(pm, "(stop removed the container)\n")); /* appended, the first kept */
	free(pm);
}

/* No post-mortem of a container berth stopped, of one never started, or when it is turned off. */
static void
test_no_postmortem_unless_ended_on_its_own(void **state)
{
	char *pm;

	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_stop, BERTH_RESULT_OK); /* running: berth stops it */
	assert_int_equal(fake.stops, 1);
	assert_false(fake.exists);
	assert_null(postmortem_file());

	/* created, never started: Docker's zero StartedAt */
	fake.exists = fake.managed = true;
	strcpy(fake.status, "created");
	strcpy(fake.started_at, "0001-01-01T00:00:00Z");
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_false(fake.exists);
	assert_null(postmortem_file());

	/* reuse=true keeps what berth stopped; a changed configuration later replaces it */
	fake_reset();
	setenv("OCF_RESKEY_reuse", "true", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_true(fake.exists);
	setenv("OCF_RESKEY_run_opts", "-e CHANGED=1", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.removes, 1);
	assert_null(postmortem_file());

	/* postmortem_lines=0: off */
	fake_reset();
	unsetenv("OCF_RESKEY_reuse");
	unsetenv("OCF_RESKEY_run_opts");
	setenv("OCF_RESKEY_postmortem_lines", "0", 1);
	reload_params();
	fake.exists = fake.managed = true;
	fake.exit_code = 1;
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_false(fake.exists);
	assert_null(postmortem_file());

	/* a bad value: refused by validate and start, but stop still works (with the default) */
	setenv("OCF_RESKEY_postmortem_lines", "lots", 1);
	reload_params();
	expect_action(berth_action_validate, BERTH_RESULT_NOT_CONFIGURED);
	fake.exists = fake.managed = true;
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	pm = postmortem_file();
	assert_non_null(pm);
	free(pm);
}

/* A monitor_cmd that hangs is abandoned at the deadline and keeps running in the container: the
 * next monitor starts no other one while it runs, and fails saying so. */
static void
test_exec_pileup(void **state)
{
	char *why;
	int creates;

	setenv("OCF_RESKEY_monitor_cmd", "check", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
	fake.exec_hangs = true;
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	free(why);
	creates = fake.exec_creates;

	fake.exec_hangs = false; /* it would answer now, but the first one still runs */
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	if (strstr(why, "the previous monitor_cmd (started at ") == NULL ||
	    strstr(why, ", pid 4242, exec exec") == NULL || strstr(why, "is still running in container rsc") == NULL)
		fail_msg("reason: %s", why);
	free(why);
	assert_int_equal(fake.exec_creates, creates); /* no second exec */
	/* promote and the other commands follow the same rule */
	setenv("OCF_RESKEY_promote_cmd", "promote-me", 1);
	reload_params();
	why = run_action(berth_action_promote, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "berth starts no promote_cmd while it runs"));
	free(why);
	unsetenv("OCF_RESKEY_promote_cmd");
	reload_params();
	assert_int_equal(fake.exec_creates, creates);

	/* it ended: forgotten, and the monitor runs its command again */
	fake.running_execs = 0;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_int_equal(fake.exec_creates, creates + 1);
	{
		struct berth_exec_record rec;
		assert_int_equal(berth_state_exec_load("rsc", &rec), 0);
	}

	/* the daemon forgot it (restarted): as ended */
	fake.exec_hangs = true;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	fake.exec_hangs = false;
	fake.exec_gone = true;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);

	/* a record of another container (recreated since) is forgotten without asking */
	fake.exec_gone = false;
	fake.exec_hangs = true;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	fake.exec_hangs = false;
	strcpy(fake.id, "beef01");
	creates = fake.exec_inspects;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_int_equal(fake.exec_inspects, creates);

	/* stop forgets it with the container */
	fake.exec_hangs = true;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	{
		struct berth_exec_record rec;
		assert_int_equal(berth_state_exec_load("rsc", &rec), 0);
	}
}

/* A record of this container with the given process (pid 0: none, a start that did not finish;
 * ended: the process recorded has ended, and its pid belongs to another one now). */
static void
save_record(long pid, bool stopped, bool ended)
{
	struct berth_state st = { .pid = pid, .stopped = stopped };
	berth_error_t err = NULL;

	strcpy(st.id, pid ? "c0ffee" : "-");
	strcpy(st.started_at, pid ? "t1" : "-");
	st.pid_start = pid ? berth_process_start_ticks(pid) + (ended ? 1 : 0) : 0;
	assert_int_equal(berth_state_save("rsc", &st, &err), 0);
}

/* The daemon away: no record means never started here (stopped); a record decides otherwise,
 * and where it cannot tell, neither stop nor monitor claims "stopped". */
static void
test_daemon_away_decided_by_the_record(void **state)
{
	struct berth_state st;
	char path[128], *why;
	FILE *f;

	fake.unreachable = true;
	/* no record: never started on this node */
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_stop, BERTH_RESULT_OK);

	/* its process has ended: stopped, and the record goes */
	save_record((long)getpid(), false, true);
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(berth_state_load("rsc", &st), 0);

	/* berth stopped it and kept it (reuse=true): stopped */
	save_record(0, true, false);
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_stop, BERTH_RESULT_OK);

	/* a start that created it but did not record its process: it may run (live-restore) */
	save_record(0, false, false);
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(
		strstr(why, "berth cannot tell whether container rsc runs (a start did not record its process)"));
	free(why);
	why = run_action(berth_action_stop, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "cannot stop container rsc:"));
	assert_non_null(strstr(why, "berth cannot tell whether it runs (a start did not record its process)"));
	free(why);
	assert_int_equal(berth_state_load("rsc", &st), 1); /* kept */

	/* a record berth cannot read: the same */
	snprintf(path, sizeof(path), "%s/berth-rsc.state", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("garbage\n", f);
	fclose(f);
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	why = run_action(berth_action_stop, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "its state record cannot be read"));
	free(why);
}

/* start writes the record before its create request, and creates nothing when it cannot. */
static void
test_start_records_before_create(void **state)
{
	struct berth_state st;
	char *why;

	expect_action(berth_action_start, BERTH_RESULT_OK);
	assert_int_equal(fake.record_at_create, 1);
	assert_string_equal(fake.record_id_at_create, "-");
	assert_int_equal(berth_state_load("rsc", &st), 1);
	assert_string_equal(st.id, fake.id); /* then the run itself */
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(berth_state_load("rsc", &st), 0);

	setenv("HA_RSCTMP", "/dev/null/berth", 1);
	why = run_action(berth_action_start, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "berth starts no container it could not account for"));
	free(why);
	setenv("HA_RSCTMP", tmpdir, 1);
	assert_int_equal(fake.creates, 1); /* none this time */

	/* a create the daemon refused: nothing was made, nothing is recorded */
	fake.create_fails = BERTH_E_REJECTED;
	expect_action(berth_action_start, BERTH_RESULT_NOT_INSTALLED);
	assert_int_equal(berth_state_load("rsc", &st), 0);
	/* one that got no answer: it may have been made, so the record stays */
	fake.create_fails = BERTH_E_TIMEDOUT;
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	assert_int_equal(berth_state_load("rsc", &st), 1);
	assert_string_equal(st.id, "-");
	berth_state_clear("rsc");
}

/* Parameters that cannot be loaded: the table's configuration answer, but stop with a usable
 * name decides as when the daemon is away. */
static void
test_unusable_params(void **state)
{
	const struct berth_action *stop = berth_action_find("stop"), *start = berth_action_find("start");
	struct berth_params p;
	berth_error_t err = NULL;

	setenv("OCF_RESKEY_docker_socket", "relative.sock", 1);
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(berth_action_unusable_params(start, &p, &err), BERTH_RESULT_NOT_CONFIGURED);
	assert_int_equal(berth_action_unusable_params(stop, &p, &err), BERTH_RESULT_OK); /* no record */
	berth_error_free(&err);
	berth_params_release(&p);

	save_record((long)getpid(), false, false); /* it runs: stopping it needs the daemon */
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(berth_action_unusable_params(stop, &p, &err), BERTH_RESULT_ERROR);
	assert_non_null(strstr(err->msg, "still runs"));
	berth_error_free(&err);
	berth_params_release(&p);
	save_record(0, false, false); /* a start that did not finish */
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(berth_action_unusable_params(stop, &p, &err), BERTH_RESULT_ERROR);
	berth_error_free(&err);
	berth_params_release(&p);

	/* no usable name: nothing can run under it */
	unsetenv("OCF_RESKEY_docker_socket");
	setenv("OCF_RESKEY_name", "not a name", 1);
	assert_int_equal(berth_params_load(&p, &err), -1);
	assert_int_equal(berth_action_unusable_params(stop, &p, &err), BERTH_RESULT_OK);
	berth_error_free(&err);
	berth_params_release(&p);
	berth_state_clear("rsc");
}

/* A reload never changes which container the resource means: one whose name (or socket) finds
 * nothing running, or another container, fails and touches nothing. */
static void
test_reload_keeps_the_identity(void **state)
{
	static const char reload_fails[] = "cannot reload renamed: the container is not running; a reload never "
					   "changes which container rsc means";
	char *why;

	expect_action(berth_action_start, BERTH_RESULT_OK);
	setenv("OCF_RESKEY_monitor_cmd", "check", 1); /* reloadable */
	reload_params();
	expect_action(berth_action_reload, BERTH_RESULT_OK);
	assert_int_equal(fake.creates, 1);

	setenv("OCF_RESKEY_name", "renamed", 1);
	reload_params();
	why = run_action(berth_action_reload, BERTH_RESULT_ERROR);
	if (strncmp(why, reload_fails, sizeof(reload_fails) - 1) != 0 ||
	    strstr(why, "name and docker_socket are not reloadable") == NULL)
		fail_msg("reason: %s", why);
	free(why);
	assert_int_equal(fake.creates + fake.stops + fake.removes, 1);
	assert_true(fake.running);
	unsetenv("OCF_RESKEY_name");
	reload_params();

	/* another socket, whose daemon cannot be reached */
	fake.unreachable = true;
	expect_action(berth_action_reload, BERTH_RESULT_ERROR);
	fake.unreachable = false;

	/* the record names another container than the one running under the name */
	strcpy(fake.id, "beef01");
	why = run_action(berth_action_reload, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "is not the one berth started for it"));
	free(why);
	strcpy(fake.id, "id1");

	/* nothing runs: Pacemaker believed it did; the reload does not pretend */
	fake.running = false;
	expect_action(berth_action_reload, BERTH_RESULT_ERROR);
	assert_int_equal(fake.creates, 1);
}

/* Every cell of the cause -> result table, for every action (promote, demote, notify and reload
 * included): the one place every exit code comes from. */
static void
test_cause_table(void **state)
{
	static const char *const actions[] = { "start",  "stop",   "monitor", "validate-all", "promote",
					       "demote", "notify", "reload",  "reload-agent", "status" };
	/* columns as actions[]: reload-agent as reload, status as monitor */
	enum {
		O = BERTH_RESULT_OK,
		E = BERTH_RESULT_ERROR,
		I = BERTH_RESULT_NOT_INSTALLED,
		C = BERTH_RESULT_NOT_CONFIGURED,
		N = BERTH_RESULT_NOT_RUNNING,
		P = BERTH_RESULT_RUNNING_PROMOTED,
		F = BERTH_RESULT_FAILED_PROMOTED
	};
	static const struct {
		int cause;
		int want[10];
	} rows[] = {
		/* cause                     sta sto mon val pro dem not rel rla sts */
		{ 0, { O, O, O, O, O, O, O, O, O, O } },
		{ BERTH_E_FAILED, { E, E, E, E, E, E, E, E, E, E } },
		{ EACCES, { E, E, E, E, E, E, E, E, E, E } }, /* unlisted */
		{ BERTH_E_CONFIG, { C, O, C, C, C, C, C, C, C, C } },
		{ BERTH_E_UNREACHABLE, { E, E, E, O, E, E, E, E, E, E } },
		{ BERTH_E_TIMEDOUT, { E, E, E, O, E, E, E, E, E, E } },
		{ BERTH_E_PROTOCOL, { E, E, E, O, E, E, E, E, E, E } },
		{ BERTH_E_TOOBIG, { E, E, E, O, E, E, E, E, E, E } },
		{ BERTH_E_REFUSED, { E, E, E, O, E, E, E, E, E, E } },
		{ BERTH_E_API_OLD, { I, E, E, I, E, E, E, I, I, E } },
		{ BERTH_E_REJECTED, { I, E, E, I, E, E, E, I, I, E } },
		{ BERTH_E_NO_IMAGE, { I, E, E, I, E, E, E, I, I, E } },
		{ BERTH_E_NOT_RUNNING, { E, O, N, E, E, N, O, E, E, N } },
		{ BERTH_E_PROMOTED, { O, O, P, O, O, O, O, O, O, P } },
		{ BERTH_E_PROMOTED_FAILED, { E, E, F, E, E, E, E, E, E, F } },
		{ BERTH_E_FOREIGN, { E, E, E, E, E, E, O, E, E, E } },
		{ BERTH_E_GONE, { E, O, N, O, E, N, O, E, E, N } },
		{ BERTH_E_ALIVE, { E, E, O, O, E, E, E, E, E, O } },
	};
	size_t r, a;

	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
		for (a = 0; a < sizeof(actions) / sizeof(actions[0]); a++) {
			struct berth_error e = { rows[r].cause, (char *)"x" };
			const struct berth_action *act = berth_action_find(actions[a]);
			enum berth_result got = berth_action_result(act, rows[r].cause ? &e : NULL);

			if ((int)got != rows[r].want[a])
				fail_msg("cause %d, %s: got %s, want %s", rows[r].cause, actions[a],
					 berth_result_name(got), berth_result_name((enum berth_result)rows[r].want[a]));
		}
	/* and the exit codes they become */
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_FAILED_PROMOTED), 9);
	assert_int_equal(berth_result_to_ocf(BERTH_RESULT_NOT_CONFIGURED), 6);
}

/* A monitor_cmd that could not even be started (the daemon did not answer the exec's creation, or
 * refused to start it) is tried once more within the budget; one that ran, or may have run, never
 * is: its answer stands, and a second run could act twice. */
static void
test_command_not_started_is_tried_again_once(void **state)
{
	struct berth_exec_record rec;
	char *why;
	int creates, execs;

	setenv("OCF_RESKEY_monitor_cmd", "check", 1);
	reload_params();
	expect_action(berth_action_start, BERTH_RESULT_OK);
#define COUNT() (creates = fake.exec_creates, execs = fake.execs)
#define RAN(c, e)                                                                                                      \
	do {                                                                                                           \
		assert_int_equal(fake.exec_creates - creates, (c));                                                    \
		assert_int_equal(fake.execs - execs, (e));                                                             \
	} while (0)

	COUNT();
	fake.exec_create_fails = 1;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	RAN(2, 1);
	COUNT();
	fake.exec_start_fails = 1;
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	RAN(2, 1);
	assert_int_equal(berth_state_exec_load("rsc", &rec), 0);

	/* once only */
	COUNT();
	fake.exec_create_fails = 2;
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "monitor_cmd on container rsc: the Docker daemon did not answer"));
	free(why);
	RAN(2, 0);
	COUNT();
	fake.exec_start_fails = 2;
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "cgroup is being removed"));
	free(why);
	RAN(2, 0);
	assert_int_equal(berth_state_exec_load("rsc", &rec), 0); /* nothing of it runs */

	/* it ran and failed: that is the answer */
	COUNT();
	fake.exec_exit = 2;
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "failed in container rsc (exit 2)"));
	free(why);
	RAN(1, 1);
	fake.exec_exit = 0;
	/* it may have run (no answer in time): never started again */
	COUNT();
	fake.exec_hangs = true;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	RAN(1, 1);
	fake.exec_hangs = false;
	fake.running_execs = 0;

	/* no time left for another try */
	COUNT();
	fake.exec_create_fails = 1;
	deadline.end_ms = berth_now_ms() + 500;
	expect_action(berth_action_monitor, BERTH_RESULT_ERROR);
	RAN(1, 0);
	berth_deadline_init(&deadline, 20000);
	deadline.end_ms = berth_now_ms() + 20000;
#undef COUNT
#undef RAN
}

/* query_docker_health and monitor_cmd for a resource whose CIB Pacemaker writes (a bundle's
 * replica): from a [resource] section of the node-local configuration, over the CIB's
 * monitor_cmd=/bin/true. An unhealthy container fails the monitor; "starting" is waited for
 * within the budget, then fails it. Without the file the same container counts as running. */
static void
test_health_from_node_configuration(void **state)
{
	char etc[128], conf[160], *why;
	long long t0;
	FILE *f;

	snprintf(etc, sizeof(etc), "%s/etc", tmpdir);
	snprintf(conf, sizeof(conf), "%s/berth.conf", etc);
	assert_int_equal(mkdir(etc, 0755), 0);
	f = fopen(conf, "w");
	assert_non_null(f);
	fputs("[resource rsc]\nquery_docker_health = true\nmonitor_cmd = check --deep\n", f);
	fclose(f);
	assert_int_equal(chmod(conf, 0644), 0);
	setenv("BERTH_CONF_DIR", etc, 1);
	setenv("OCF_RESKEY_monitor_cmd", "/bin/true", 1);
	setenv("OCF_RESOURCE_INSTANCE", "rsc:0", 1); /* a clone's number is not part of the name */
	reload_params();
	assert_true(params.query_docker_health);
	assert_string_equal(params.monitor_cmd, "check --deep");

	strcpy(fake.health, "healthy");
	expect_action(berth_action_start, BERTH_RESULT_OK);
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_string_equal(fake.last_exec, "check");
	strcpy(fake.health, "unhealthy");
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "container rsc-0 is unhealthy according to its Docker health check"));
	free(why);
	strcpy(fake.health, "starting");
	deadline.end_ms = berth_now_ms() + 1500;
	t0 = berth_now_ms();
	why = run_action(berth_action_monitor, BERTH_RESULT_ERROR);
	assert_non_null(strstr(why, "is still starting according to its Docker health check"));
	free(why);
	assert_true(berth_now_ms() - t0 < 1500 + 500 + berth_test_slack_ms());
	berth_deadline_init(&deadline, 20000);
	deadline.end_ms = berth_now_ms() + 20000;

	/* the same without the file: Docker's health is not asked */
	assert_int_equal(unlink(conf), 0);
	assert_int_equal(rmdir(etc), 0);
	strcpy(fake.health, "unhealthy");
	reload_params();
	assert_false(params.query_docker_health);
	expect_action(berth_action_monitor, BERTH_RESULT_OK);
	assert_string_equal(fake.last_exec, "/bin/true");
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	unsetenv("BERTH_CONF_DIR");
	setenv("OCF_RESOURCE_INSTANCE", "rsc", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_container, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_agent_container_adopted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adoption_records_the_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daemon_away_decided_by_the_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_records_before_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unusable_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_keeps_the_identity, setup, teardown),
		cmocka_unit_test(test_cause_table),
		cmocka_unit_test_setup_teardown(test_image_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_errors_are_6_but_stop_still_works, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_during_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daemon_unreachable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daemon_unreachable_live_process, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_change_and_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_monitor_cmd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_promotion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_postmortem_on_stop_of_exited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_postmortem_unless_ended_on_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exec_pileup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_scope_race, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_stuck_stopping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_health_check_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_refused_removes_by_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_command_not_started_is_tried_again_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_health_from_node_configuration, setup, teardown),
	};

	return cmocka_run_group_tests_name("actions", tests, NULL, NULL);
}
