/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: ocf:berth:docker -- read the OCF environment, dispatch the action, map the result to an
 * exit code. Only this file turns results into exit codes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "conf.h"
#include "deadline.h"
#include "engine.h"
#include "log.h"
#include "metadata.h"
#include "ocf.h"
#include "params.h"

/* The actions come from the one list in lib/actions.c. */
static void
usage(FILE *out, const char *argv0)
{
	const struct berth_action *a;

	fprintf(out, "usage: %s {", argv0);
	for (a = berth_actions; a->name; a++)
		if (a == berth_action_find(a->name) && strcmp(a->name, "status") != 0)
			fprintf(out, "%s|", a->name);
	fprintf(out, "usage}\n\n"
		     "ocf:berth:docker runs a container through the Docker Engine API.\n"
		     "It expects the OCF environment (OCF_RESKEY_image=..., OCF_RESOURCE_INSTANCE=...)\n"
		     "that Pacemaker, crm_resource or ocf-tester provide.\n");
}

/* Report the result: one exit reason line for anything but success, one log line always. From
 * the moment the result is known it is what the process exits with: the watchdog, should it fire
 * while the log shuts down or memory is freed, exits with it too (deadline.h). */
static int
finish(const char *action, const char *instance, enum berth_result result, berth_error_t *err, long elapsed_ms)
{
	int rc = berth_result_to_ocf(result);
	const char *msg = (err && *err) ? (*err)->msg : berth_result_name(result);

	berth_deadline_decide(rc, result != BERTH_RESULT_OK ? msg : NULL);
	if (result != BERTH_RESULT_OK) {
		if (result == BERTH_RESULT_NOT_RUNNING || result == BERTH_RESULT_RUNNING_PROMOTED)
			berth_log_info("%s %s: %s (%s, %ld ms)", instance, action, berth_result_name(result), msg,
				       elapsed_ms);
		else
			berth_log_err("%s %s failed: %s (%s, %ld ms)", instance, action, msg, berth_result_name(result),
				      elapsed_ms);
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
	const char *name = argc > 1 ? argv[1] : NULL;
	const char *instance = berth_ocf_getenv("OCF_RESOURCE_INSTANCE");
	const struct berth_action *action;
	struct berth_params params;
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	struct berth_ctx ctx = { 0 };
	berth_error_t err = NULL;
	enum berth_result result;
	long timeout_ms;
	int rc;

	berth_params_set_program(argv[0]);
	if (name == NULL) {
		usage(stderr, argv[0]);
		berth_ocf_exit_reason("no action given");
		return berth_result_to_ocf(BERTH_RESULT_INVALID_ARGS);
	}
	if (strcmp(name, "meta-data") == 0)
		return berth_metadata_write(stdout, berth_metadata_dialect_from_env()) == 0
			       ? 0
			       : berth_result_to_ocf(BERTH_RESULT_ERROR);
	if (strcmp(name, "usage") == 0 || strcmp(name, "help") == 0 || strcmp(name, "--help") == 0) {
		usage(stdout, argv[0]);
		return 0;
	}
	action = berth_action_find(name);
	berth_log_init(instance);
	if (action == NULL || action->fn == NULL) {
		usage(stderr, argv[0]);
		berth_error_set(&err, BERTH_E_FAILED, "action '%s' is not implemented by ocf:berth:docker", name);
		return finish(name, instance ? instance : "-", BERTH_RESULT_UNIMPLEMENTED, &err, 0);
	}

	timeout_ms = berth_ocf_timeout_ms(action->timeout_ms);
	berth_deadline_init(&deadline, timeout_ms);
	{
		/* The bound by construction (deadline.h): what the action reports for a timeout. */
		struct berth_error timed_out = { BERTH_E_TIMEDOUT, NULL };
		int code = berth_result_to_ocf(berth_action_result(action, &timed_out));

		if (berth_deadline_arm_watchdog(&deadline, code,
						"%s of %s gave up: it did not finish within %ld ms of its %ld ms "
						"timeout (watchdog); see the log for the call it was making",
						name, instance ? instance : "-",
						(long)(deadline.hard_ms - deadline.start_ms), timeout_ms) < 0)
			berth_log_warn("%s: cannot arm the watchdog; relying on each call's time limit", name);
	}
	if (berth_params_load(&params, &err) < 0) {
		/* An unusable container name or socket: the table's answer (lib/actions.c). */
		result = berth_action_unusable_params(action, &params, &err);
		rc = finish(name, instance ? instance : "-", result, &err, 0);
		berth_params_release(&params);
		return rc;
	}
	/* A node-local configuration with a problem (params.c) fails validate-all and start, which
	 * report it; every other action runs on the CIB's values alone and says why in the log: a
	 * typo in /etc/berth must never fail a running resource, or a stop fence the node. */
	if (params.conf_error != NULL && action->column != BERTH_COL_START && action->column != BERTH_COL_VALIDATE) {
		berth_log_warn("%s: %s; %s runs on the CIB's parameters alone", name, params.conf_error->msg, name);
		berth_error_free(&params.conf_error);
	}
	if (berth_client_open(&client, params.docker_socket, &deadline, &err) < 0) {
		berth_params_release(&params);
		return finish(name, params.instance, BERTH_RESULT_ERROR, &err, 0);
	}
	ctx.action = action;
	ctx.params = &params;
	ctx.client = &client;
	ctx.deadline = &deadline;

	berth_log_debug("%s %s on container %s (socket %s, budget %ld ms)", params.instance, name, params.name,
			params.docker_socket, berth_deadline_left_ms(&deadline));
	result = action->fn(&ctx, &err);
	/* Best effort, bounded, and only when it changed: never what an action waits for (conf.h).
	 * Only from monitor and validate-all: a node attribute that changes aborts the transition
	 * it happens in, and one aborted by a demote lost the restart of a promoted instance whose
	 * parameters had changed (ocf-tests/build/conf: test_node_attribute). */
	if (action->column == BERTH_COL_MONITOR || action->column == BERTH_COL_VALIDATE)
		berth_conf_publish(params.conf, &deadline);
	rc = finish(name, params.instance, result, &err, berth_deadline_elapsed_ms(&deadline));
	berth_engine_free(client.engine);
	berth_params_release(&params);
	return rc;
}
