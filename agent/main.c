/* berth: ocf:berth:docker -- read the OCF environment, dispatch the action, map the result to an
 * exit code. Only this file turns results into exit codes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "deadline.h"
#include "engine.h"
#include "log.h"
#include "metadata.h"
#include "ocf.h"
#include "params.h"

typedef enum berth_result (*action_fn)(struct berth_ctx *ctx, berth_error_t *err);

static const struct {
	const char *name;
	action_fn fn;
	long default_timeout_ms;  /* when Pacemaker passes none (a manual run) */
} actions[] = {
	{ "start", berth_action_start, 90000 },
	{ "stop", berth_action_stop, 90000 },
	{ "monitor", berth_action_monitor, 30000 },
	{ "status", berth_action_monitor, 30000 },
	{ "validate-all", berth_action_validate, 30000 },
	{ "promote", berth_action_promote, 90000 },
	{ "demote", berth_action_demote, 90000 },
	{ "notify", berth_action_notify, 90000 },
	{ "reload", berth_action_reload, 90000 },
	{ "reload-agent", berth_action_reload, 90000 },
};

static void
usage(FILE *out, const char *argv0)
{
	fprintf(out,
		"usage: %s {start|stop|monitor|promote|demote|notify|reload|reload-agent|validate-all|meta-data|usage}\n\n"
		"ocf:berth:docker runs a container through the Docker Engine API.\n"
		"It expects the OCF environment (OCF_RESKEY_image=..., OCF_RESOURCE_INSTANCE=...)\n"
		"that Pacemaker, crm_resource or ocf-tester provide.\n",
		argv0);
}

/* Report the result: one exit reason line for anything but success, one log line always. */
static int
finish(const char *action, const char *instance, enum berth_result result, berth_error_t *err, long elapsed_ms)
{
	int rc = berth_result_to_ocf(result);

	if (result != BERTH_RESULT_OK) {
		const char *msg = (err && *err) ? (*err)->msg : berth_result_name(result);
		berth_ocf_exit_reason(msg);
		if (result == BERTH_RESULT_NOT_RUNNING || result == BERTH_RESULT_RUNNING_PROMOTED)
			berth_log_info("%s %s: %s (%s, %ld ms)", instance, action, berth_result_name(result), msg,
				       elapsed_ms);
		else
			berth_log_err("%s %s failed: %s (%s, %ld ms)", instance, action, msg,
				      berth_result_name(result), elapsed_ms);
	} else {
		berth_log_debug("%s %s: OCF_SUCCESS (%ld ms)", instance, action, elapsed_ms);
	}
	berth_error_free(err);
	berth_log_fini();
	return rc;
}

int
main(int argc, char **argv)
{
	const char *action = argc > 1 ? argv[1] : NULL;
	const char *instance = berth_ocf_getenv("OCF_RESOURCE_INSTANCE");
	struct berth_params params;
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	struct berth_ctx ctx = { 0 };
	berth_error_t err = NULL;
	enum berth_result result;
	size_t i;

	if (action == NULL) {
		usage(stderr, argv[0]);
		berth_ocf_exit_reason("no action given");
		return berth_result_to_ocf(BERTH_RESULT_INVALID_ARGS);
	}
	if (strcmp(action, "meta-data") == 0)
		return berth_metadata_write(stdout, berth_metadata_dialect_from_env()) == 0
			       ? 0
			       : berth_result_to_ocf(BERTH_RESULT_ERROR);
	if (strcmp(action, "usage") == 0 || strcmp(action, "help") == 0 || strcmp(action, "--help") == 0) {
		usage(stdout, argv[0]);
		return 0;
	}
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(action, actions[i].name) == 0)
			break;
	berth_log_init(instance);
	if (i == sizeof(actions) / sizeof(actions[0])) {
		usage(stderr, argv[0]);
		berth_error_set(&err, BERTH_RESULT_UNIMPLEMENTED, "action '%s' is not implemented by ocf:berth:docker",
				action);
		return finish(action, instance ? instance : "-", BERTH_RESULT_UNIMPLEMENTED, &err, 0);
	}

	berth_deadline_init(&deadline, berth_ocf_timeout_ms(actions[i].default_timeout_ms));
	if (berth_params_load(&params, &err) < 0) {
		result = err->result;
		berth_params_release(&params);
		/* An unusable container name or socket: berth never started anything under it, and a
		 * stop must not fail over configuration (a failed stop fences the node). */
		if (result == BERTH_RESULT_NOT_CONFIGURED && strcmp(action, "stop") == 0) {
			berth_log_warn("stop: %s; nothing can run under this configuration", err->msg);
			berth_error_free(&err);
			result = BERTH_RESULT_OK;
		}
		return finish(action, instance ? instance : "-", result, &err, 0);
	}
	client.engine = berth_engine_new(params.docker_socket);
	client.deadline = &deadline;
	if (client.engine == NULL) {
		berth_error_set(&err, BERTH_RESULT_ERROR, "out of memory");
		berth_params_release(&params);
		return finish(action, params.instance, BERTH_RESULT_ERROR, &err, 0);
	}
	ctx.action = action;
	ctx.params = &params;
	ctx.client = &client;
	ctx.deadline = &deadline;
	ctx.probe = berth_ocf_is_probe(action);

	berth_log_debug("%s %s on container %s (socket %s, budget %ld ms)", params.instance, action, params.name,
			params.docker_socket, berth_deadline_left_ms(&deadline));
	result = actions[i].fn(&ctx, &err);

	{
		int rc = finish(action, params.instance, result, &err, berth_deadline_elapsed_ms(&deadline));
		berth_engine_free(client.engine);
		berth_params_release(&params);
		return rc;
	}
}
