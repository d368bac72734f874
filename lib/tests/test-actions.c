/* Unit tests: OCF semantics of the actions, against a fake container module.
 *
 * This file defines every function of container.h, so the linker never pulls the real
 * container.o out of the library: the actions run against the scripted container below. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "spec.h"
#include "state.h"

/* ---- the fake daemon: one container, one image ---- */

static struct {
	bool unreachable; /* every call fails as if the socket were missing */
	bool exists, running, managed;
	char instance[64];
	char hash[32]; /* "" = take the hash of the next create */
	char id[16];
	char started_at[32];
	int exit_code;
	bool image_exists;
	int exec_exit;      /* exit status of any exec */
	bool exit_on_start; /* the container dies right after start */
	char error[64];     /* State.Error of the container, "" for none */
	const char *raw;    /* the inspect answer's JSON, for adoption; NULL for none */
	int creates, starts, stops, kills, removes, pulls, execs;
	char last_exec[128];
} fake;

static void
fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.image_exists = true;
	strcpy(fake.instance, "rsc");
	strcpy(fake.id, "c0ffee");
	strcpy(fake.started_at, "t1");
}

static int
unreachable(struct berth_client *c, berth_error_t *err)
{
	return berth_error_set(err, BERTH_E_UNREACHABLE, "cannot connect to the Docker daemon at /fake.sock");
}

int
berth_container_parse_inspect(const char *body, size_t len, struct berth_container_info *info, berth_error_t *err)
{
	return berth_error_set(err, BERTH_E_PROTOCOL, "not used by the fake");
}

int
berth_container_inspect(struct berth_client *c, const char *name, struct berth_container_info *info, berth_error_t *err)
{
	memset(info, 0, sizeof(*info));
	if (fake.unreachable)
		return unreachable(c, err);
	if (!fake.exists)
		return 0;
	info->exists = true;
	info->running = fake.running;
	info->exit_code = fake.exit_code;
	info->pid = 0;
	info->id = strdup(fake.id);
	info->status = strdup(fake.running ? "running" : "exited");
	info->started_at = strdup(fake.started_at);
	info->error = fake.error[0] ? strdup(fake.error) : NULL;
	info->managed = fake.managed;
	info->labelled = fake.managed;
	info->name = strdup(name);
	info->raw = fake.raw ? json_tokener_parse(fake.raw) : NULL;
	info->instance = fake.managed ? strdup(fake.instance) : NULL;
	info->config_hash = fake.managed ? strdup(fake.hash) : NULL;
	return 0;
}

int
berth_container_create(struct berth_client *c, const char *name, json_object *body, char **id, berth_error_t *err)
{
	json_object *labels, *h;

	if (fake.unreachable)
		return unreachable(c, err);
	fake.creates++;
	fake.exists = true;
	fake.running = false;
	fake.managed = true;
	snprintf(fake.id, sizeof(fake.id), "id%d", fake.creates);
	if (json_object_object_get_ex(body, "Labels", &labels) &&
	    json_object_object_get_ex(labels, BERTH_LABEL_HASH, &h))
		snprintf(fake.hash, sizeof(fake.hash), "%s", json_object_get_string(h));
	*id = strdup(fake.id);
	return 0;
}

int
berth_container_start(struct berth_client *c, const char *id, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	fake.starts++;
	fake.running = !fake.exit_on_start;
	fake.exit_code = fake.exit_on_start ? 3 : 0;
	snprintf(fake.started_at, sizeof(fake.started_at), "t%d", fake.starts + 1);
	return 0;
}

int
berth_container_stop(struct berth_client *c, const char *id, long grace_s, long call_ms, berth_error_t *err)
{
	fake.stops++;
	fake.running = false;
	return 0;
}

int
berth_container_kill(struct berth_client *c, const char *id, berth_error_t *err)
{
	fake.kills++;
	fake.running = false;
	return 0;
}

int
berth_container_remove(struct berth_client *c, const char *id, berth_error_t *err)
{
	fake.removes++;
	fake.exists = false;
	return 0;
}

int
berth_container_logs(struct berth_client *c, const char *id, int lines, char **out, berth_error_t *err)
{
	*out = strdup("boom: config missing\n");
	return 0;
}

int
berth_container_exec(struct berth_client *c, const char *id, char *const *argv, char *const *envp, long cap_ms,
		     int *exit_code, char **output, berth_error_t *err)
{
	fake.execs++;
	snprintf(fake.last_exec, sizeof(fake.last_exec), "%s", argv[0]);
	*exit_code = fake.exec_exit;
	if (output)
		*output = strdup(fake.exec_exit ? "not ready\n" : "ok\n");
	return 0;
}

int
berth_image_exists(struct berth_client *c, const char *image, bool *exists, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	*exists = fake.image_exists;
	return 0;
}

int
berth_image_pull(struct berth_client *c, const char *image, const struct berth_registry_auth *auth, berth_error_t *err)
{
	fake.pulls++;
	fake.image_exists = true;
	return 0;
}

/* ---- harness ---- */

static char tmpdir[64];
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
	setenv("OCF_RESOURCE_INSTANCE", "rsc", 1);
	setenv("OCF_RESKEY_image", "img:1", 1);
	setenv("BERTH_CRM_ATTRIBUTE", "/bin/true", 1);
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
	rmdir(tmpdir);
	unsetenv("OCF_RESKEY_run_opts");
	unsetenv("OCF_RESKEY_reuse");
	unsetenv("OCF_RESKEY_allow_pull");
	unsetenv("OCF_RESKEY_monitor_cmd");
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

	/* the bridge network instead of berth's host default: not the same container */
	fake_reset();
	fake.exists = fake.running = true;
	fake.raw = "{\"Id\":\"c0ffee\",\"Name\":\"/rsc\",\"Config\":{\"Image\":\"img:1\"},"
		   "\"HostConfig\":{\"NetworkMode\":\"default\"}}";
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.stops + fake.kills + fake.removes + fake.creates, 0);
}

static void
test_foreign_container(void **state)
{
	fake.exists = fake.running = true;
	fake.managed = false;
	expect_action(berth_action_monitor, BERTH_RESULT_NOT_RUNNING);
	expect_action(berth_action_start, BERTH_RESULT_ERROR);
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_true(fake.running);
	assert_int_equal(fake.stops + fake.kills + fake.removes + fake.creates, 0);
	/* berth's, but another resource's */
	fake.managed = true;
	strcpy(fake.instance, "other");
	expect_action(berth_action_stop, BERTH_RESULT_OK);
	assert_int_equal(fake.stops + fake.kills + fake.removes, 0);
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
	st.pid_start = berth_state_proc_start(st.pid);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_container, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shell_agent_container_adopted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_image_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_errors_are_6_but_stop_still_works, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_during_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daemon_unreachable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daemon_unreachable_live_process, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_change_and_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_monitor_cmd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_promotion, setup, teardown),
	};

	return cmocka_run_group_tests_name("actions", tests, NULL, NULL);
}
