/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the OCF actions, as decisions over the container operations; the table from a cause to
 * each action's result, and the list of actions (actions.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "adopt.h"
#include "alloc.h"
#include "cleanup.h"
#include "deadline.h"
#include "exec.h"
#include "file.h"
#include "health.h"
#include "image.h"
#include "log.h"
#include "postmortem.h"
#include "promotion.h"
#include "pull.h"
#include "record.h"
#include "request.h"
#include "runopts.h"
#include "scope.h"
#include "spec.h"
#include "state.h"

#define POLL_MS   200L /* between inspections while waiting for a state */
#define SETTLE_MS 200L /* a new container must stay up this long to count as started */
#define LOG_LINES 10   /* container output quoted in a failed start's reason */

BERTH_DEFINE_CLEANUP(spec, struct berth_spec *, berth_spec_free)

/* ---- the actions, and what each reports for a cause ---- */

/* The one mapping from a cause (error.h) to the OCF result each action reports: every exit code
 * of every action but meta-data and usage comes from this table, through berth_action_result
 * (ocf_berth_docker(7), EXIT CODES, prints it: man/exit-codes generates those tables). The rules
 * behind it (the same section, "When the daemon misbehaves"):
 *   - a failed stop fences the node, so stop fails only when the container may still run, and
 *     then it must fail: a stop that answers "stopped" for a container that runs lets Pacemaker
 *     start a second copy elsewhere;
 *   - a probe answers 7 only when the container provably does not run here (the same reasoning);
 *   - 6 bans the resource on every node, so it is kept for what berth checked itself; 5 is for
 *     what is wrong on this node only (and Pacemaker 2.1 takes a probe's 5, or 2, as "stopped":
 *     never for a container that may run);
 *   - validate-all only logs what the daemon does, the watchdog's timeout included.
 * The situations an action finds rather than failures have causes of their own: not running,
 * promoted, a check of the promoted replica failing, a foreign container running under the
 * name, and what can run while the daemon is away (gone, alive, or unknown: unreachable).
 * A cause not listed is read as BERTH_E_FAILED: a soft, node-local failure. */
/* clang-format off */
#define OK_ BERTH_RESULT_OK
#define ERR BERTH_RESULT_ERROR
#define INS BERTH_RESULT_NOT_INSTALLED
#define CFG BERTH_RESULT_NOT_CONFIGURED
#define NRN BERTH_RESULT_NOT_RUNNING
#define PRO BERTH_RESULT_RUNNING_PROMOTED
#define FPR BERTH_RESULT_FAILED_PROMOTED
static const struct {
	int cause;
	enum berth_result result[BERTH_COLUMNS];
} cause_results[] = {
	/*                           start stop monitor validate promote demote notify reload */
	{ 0,                       { OK_,  OK_, OK_,    OK_,     OK_,    OK_,   OK_,   OK_ } }, /* no error */
	{ BERTH_E_FAILED,          { ERR,  ERR, ERR,    ERR,     ERR,    ERR,   ERR,   ERR } }, /* and any unlisted */
	/* A parameter berth checks itself: wrong on every node. stop needs only the container name
	 * (with no usable name nothing can run under it; with no usable socket it decides as when
	 * the daemon is away: berth_action_unusable_params). */
	{ BERTH_E_CONFIG,          { CFG,  OK_, CFG,    CFG,     CFG,    CFG,   CFG,   CFG } },
	/* the daemon: nothing learnt, so nothing may be claimed stopped */
	{ BERTH_E_UNREACHABLE,     { ERR,  ERR, ERR,    OK_,     ERR,    ERR,   ERR,   ERR } },
	{ BERTH_E_TIMEDOUT,        { ERR,  ERR, ERR,    OK_,     ERR,    ERR,   ERR,   ERR } },
	{ BERTH_E_PROTOCOL,        { ERR,  ERR, ERR,    OK_,     ERR,    ERR,   ERR,   ERR } },
	{ BERTH_E_TOOBIG,          { ERR,  ERR, ERR,    OK_,     ERR,    ERR,   ERR,   ERR } },
	{ BERTH_E_REFUSED,         { ERR,  ERR, ERR,    OK_,     ERR,    ERR,   ERR,   ERR } },
	/* this node cannot run the container: Pacemaker tries another */
	{ BERTH_E_API_OLD,         { INS,  ERR, ERR,    INS,     ERR,    ERR,   ERR,   INS } },
	{ BERTH_E_REJECTED,        { INS,  ERR, ERR,    INS,     ERR,    ERR,   ERR,   INS } },
	{ BERTH_E_NO_IMAGE,        { INS,  ERR, ERR,    INS,     ERR,    ERR,   ERR,   INS } },
	/* Not running: stopped for stop and monitor; nothing to tell for notify; a failure for
	 * the others: promote needs it running, and a reload that finds nothing under the
	 * (perhaps new) name and socket must not let Pacemaker believe the old container is its. */
	{ BERTH_E_NOT_RUNNING,     { ERR,  OK_, NRN,    ERR,     ERR,    NRN,   OK_,   ERR } },
	{ BERTH_E_PROMOTED,        { OK_,  OK_, PRO,    OK_,     OK_,    OK_,   OK_,   OK_ } },
	{ BERTH_E_PROMOTED_FAILED, { ERR,  ERR, FPR,    ERR,     ERR,    ERR,   ERR,   ERR } },
	/* Someone else's container runs under the name. Never "stopped": Pacemaker would start a
	 * second copy elsewhere. 1, not 6: the name is taken on this node, and 6 would keep the
	 * resource off every node even after this one is fenced. stop fails without touching it
	 * (fencing, or a blocked resource without it). notify has nothing of berth's to tell. */
	{ BERTH_E_FOREIGN,         { ERR,  ERR, ERR,    ERR,     ERR,    ERR,   OK_,   ERR } },
	/* The daemon away: no record (never started here) or its process ended -- stopped ... */
	{ BERTH_E_GONE,            { ERR,  OK_, NRN,    OK_,     ERR,    NRN,   OK_,   ERR } },
	/* ... or the recorded process still runs (live-restore): running, and stop cannot stop it */
	{ BERTH_E_ALIVE,           { ERR,  ERR, OK_,    OK_,     ERR,    ERR,   ERR,   ERR } },
};
#undef OK_
#undef ERR
#undef INS
#undef CFG
#undef NRN
#undef PRO
#undef FPR
/* clang-format on */

enum berth_result
berth_action_result(const struct berth_action *action, const berth_error_t err)
{
	int cause = err != NULL ? err->cause : 0;
	size_t i;

	for (i = 0; i < sizeof(cause_results) / sizeof(cause_results[0]); i++)
		if (cause_results[i].cause == cause)
			return cause_results[i].result[action->column];
	return berth_action_result(action, &(struct berth_error){ BERTH_E_FAILED, NULL });
}

/* What this action reports for the error in *err (one is made up if a path forgot to set it). */
static enum berth_result
result_of(const struct berth_ctx *ctx, berth_error_t *err)
{
	if (*err == NULL)
		berth_error_set(err, BERTH_E_FAILED, "internal error: a failure without a reason");
	return berth_action_result(ctx->action, *err);
}

/* Check the whole configuration and build the create request (request.h); *specp keeps what
 * run_opts need of the daemon (check_api). */
static int
build_request(struct berth_ctx *ctx, struct berth_spec **specp, json_object **body, char **hash, berth_error_t *err)
{
	struct berth_request req;

	if (berth_request_build(ctx->params, &req, NULL, NULL, err) < 0)
		return -1;
	*specp = req.spec;
	*body = req.body;
	*hash = req.hash;
	return 0;
}

/* Can this node's daemon create what run_opts ask for? Its API version is known once it has
 * answered a request. An older daemon ignores a member it does not know: refuse instead. */
static int
check_api(struct berth_ctx *ctx, const struct berth_spec *spec, berth_error_t *err)
{
	int major, minor;

	berth_engine_api_version(ctx->client->engine, &major, &minor);
	return berth_runopts_check_api(spec, major, minor, err);
}

/* The reason for a container that is not running, with its last output when with_logs (a failed
 * start) and postmortem_lines is not 0, as the result this action reports for it. */
static enum berth_result
exited(struct berth_ctx *ctx, const struct berth_container_info *info, bool with_logs, const char *when,
       berth_error_t *err)
{
	cleanup_free char *logs = NULL;
	berth_error_t ignored = NULL;
	char *p;

	/* postmortem_lines=0: berth quotes nothing a container printed, anywhere
	 * (ocf_berth_docker(7), CONTAINERS, "Where a container's output goes") */
	if (with_logs && ctx->params->postmortem_lines > 0 &&
	    berth_container_logs(ctx->client, info->id, LOG_LINES, &logs, &ignored) == 0) {
		for (p = logs; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
	}
	berth_error_free(&ignored);
	berth_error_set(err, BERTH_E_NOT_RUNNING, "container %s %s (status %s, exit code %d%s%s%s)%s%.400s",
			ctx->params->name, when, info->status ? info->status : "?", info->exit_code,
			info->oom_killed ? ", killed by the OOM killer" : "", info->error ? ", " : "",
			info->error ? info->error : "", logs && *logs ? "; last output: " : "", logs ? logs : "");
	return result_of(ctx, err);
}

/* A check of a running container failed: on the promoted replica that is a cause of its own
 * (OCF_FAILED_PROMOTED for monitor, cause_results). */
static enum berth_result
failed_check(struct berth_ctx *ctx, bool promoted, berth_error_t *err)
{
	enum berth_result r = result_of(ctx, err);

	if (promoted && r == BERTH_RESULT_ERROR) {
		(*err)->cause = BERTH_E_PROMOTED_FAILED;
		berth_error_wrap(err, "promoted replica failed: ");
		return result_of(ctx, err);
	}
	return r;
}

/* ---- monitor ---- */

enum berth_result
berth_action_monitor(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(info) struct berth_container_info info = { 0 };
	cleanup_free char *why = NULL;
	struct berth_params *p = ctx->params;
	bool promoted;
	int h;

	if (berth_container_inspect(ctx->client, p->name, &info, err) < 0) {
		if (berth_error_cause(*err) == BERTH_E_UNREACHABLE)
			berth_record_monitor_while_away(ctx, err);
		return result_of(ctx, err);
	}
	if (!info.exists) {
		berth_error_set(err, BERTH_E_NOT_RUNNING, "container %s does not exist", p->name);
		return result_of(ctx, err);
	}
	if (!berth_adopt_ours(ctx, &info, &why)) {
		if (berth_adopt_process_runs(&info)) {
			berth_adopt_refuse_foreign(ctx, &info, why, err);
			return result_of(ctx, err);
		}
		berth_error_set(err, BERTH_E_NOT_RUNNING,
				"container %s (%.12s) is not running and is not %s's (%s): berth leaves it alone, "
				"and start refuses the name while it exists",
				p->name, info.id ? info.id : "?", p->instance, why);
		return result_of(ctx, err);
	}
	if (!info.running)
		return exited(ctx, &info, false, "is not running", err);

	if (berth_adopt_owned(ctx, &info)) {
		/* Remember the run if an earlier start could not (e.g. berth was upgraded). */
		berth_record_update(ctx, &info, BERTH_ROLE_KEEP);
	} else if (berth_record_run(ctx, &info, BERTH_ROLE_KEEP, err) < 0) {
		/* An adopted container gets its record now: stop relies on it while the daemon is
		 * away (state.h). */
		berth_error_wrap(err, "cannot adopt container %s: ", p->name);
		return result_of(ctx, err);
	}
	promoted = berth_record_promoted(ctx, &info);

	while ((h = berth_health_check(ctx, &info, err)) == 1) {
		if (!berth_deadline_sleep(ctx->deadline, POLL_MS * 5)) {
			berth_error_set(err, BERTH_E_TIMEDOUT,
					"container %s is still starting according to its Docker health check", p->name);
			return failed_check(ctx, promoted, err);
		}
		berth_container_info_release(&info);
		if (berth_container_inspect(ctx->client, p->name, &info, err) < 0)
			return failed_check(ctx, promoted, err);
		if (!info.exists || !info.running)
			return exited(ctx, &info, false, "stopped", err);
	}
	if (h < 0)
		return failed_check(ctx, promoted, err);
	if (berth_exec_run_cmd(ctx, info.id, "monitor_cmd", p->monitor_cmd, NULL, NULL, NULL, err) < 0)
		return failed_check(ctx, promoted, err);
	berth_promotion_update_score(ctx, &info);
	if (!promoted)
		return BERTH_RESULT_OK;
	/* Not a failure, but a non-zero exit: it carries a reason like every other. */
	berth_error_set(err, BERTH_E_PROMOTED, "container %s runs as the promoted replica", p->name);
	return result_of(ctx, err);
}

/* ---- stop ---- */

/* Stop and (unless reuse) remove one container berth owns. */
static int
stop_container(struct berth_ctx *ctx, const struct berth_container_info *info, bool remove, berth_error_t *err)
{
	long left_ms, reserve_ms, call_ms, grace_s;
	berth_error_t stop_err = NULL;
	/* podman: a stop already in flight, or one that died half-way, left it "stopping" with its
	 * process alive; a removal now would leave that process without a container (dialect.h) */
	bool stopping = !info->running && berth_dialect_still_running(info->status, info->pid);

	if (stopping) {
		struct berth_container_info now = { 0 };

		berth_log_warn("container %s is stuck stopping (pid %ld): killing it", ctx->params->name, info->pid);
		if (berth_container_kill(ctx->client, info->id, err) < 0)
			return -1;
		for (;;) {
			if (berth_container_inspect(ctx->client, info->id, &now, err) < 0)
				return -1;
			if (!now.exists || !berth_dialect_still_running(now.status, now.pid))
				break;
			berth_container_info_release(&now);
			if (!berth_deadline_sleep(ctx->deadline, POLL_MS))
				return berth_error_set(
					err, BERTH_E_TIMEDOUT,
					"container %s stayed \"stopping\" after a kill until the timeout",
					ctx->params->name);
		}
		berth_container_info_release(&now);
	} else if (info->running) {
		/* Keep back time to kill and remove, should the graceful stop use up its grace or the
		 * daemon never answer it; and a second of the stop call for the daemon's own kill. */
		left_ms = berth_deadline_left_ms(ctx->deadline);
		reserve_ms = left_ms / 5 > 3000 ? left_ms / 5 : 3000;
		call_ms = left_ms - reserve_ms;
		grace_s = call_ms / 1000 - 1;
		int killed = 0;

		if (ctx->params->force_kill || grace_s <= 0) {
			berth_log_info("killing container %s", ctx->params->name);
			killed = berth_container_kill(ctx->client, info->id, err);
		} else {
			berth_log_info("stopping container %s (grace %ld s)", ctx->params->name, grace_s);
			if (berth_container_stop(ctx->client, info->id, grace_s, call_ms, &stop_err) < 0) {
				berth_log_warn("graceful stop of %s failed (%s): killing it", ctx->params->name,
					       stop_err->msg);
				berth_error_free(&stop_err);
				killed = berth_container_kill(ctx->client, info->id, err);
			}
		}
		/* A kill refused (podman: a container stuck "stopping", or whose conmon is gone) is not
		 * the end when it is to be removed: a forced removal kills too. An unreachable daemon
		 * is: nothing else would get through. */
		if (killed < 0 && (!remove || berth_error_cause(*err) == BERTH_E_UNREACHABLE ||
				   berth_error_cause(*err) == BERTH_E_TIMEDOUT))
			return -1;
		if (killed < 0) {
			berth_log_warn("killing %s failed (%s): removing it by force", ctx->params->name, (*err)->msg);
			berth_error_free(err);
		}
	}
	if (remove) {
		berth_postmortem_before_remove(ctx, info);
		berth_log_info("removing container %s", ctx->params->name);
		if (berth_container_remove(ctx->client, info->id, err) < 0) {
			/* Stopped but not removable (busy mount, removal in progress): the container is
			 * provably down, which is what stop promises; the next start removes it. */
			struct berth_container_info now = { 0 };
			berth_error_t check = NULL;
			bool down = berth_container_inspect(ctx->client, info->id, &now, &check) == 0 &&
				    (!now.exists || !now.running);

			berth_container_info_release(&now);
			berth_error_free(&check);
			if (!down)
				return -1;
			berth_log_warn("container %s is stopped but could not be removed (%s); the next start "
				       "removes it",
				       ctx->params->name, (*err)->msg);
			berth_error_free(err);
		}
	} else if (info->running) {
		/* Kill returns before the container is down; reuse keeps it, so wait to see it stop. */
		struct berth_container_info now = { 0 };
		for (;;) {
			if (berth_container_inspect(ctx->client, info->id, &now, err) < 0)
				return -1;
			if (!now.exists || !now.running)
				break;
			berth_container_info_release(&now);
			if (!berth_deadline_sleep(ctx->deadline, POLL_MS))
				return berth_error_set(err, BERTH_E_TIMEDOUT,
						       "container %s did not stop within the timeout",
						       ctx->params->name);
		}
		berth_container_info_release(&now);
	}
	return 0;
}

/* reuse=true keeps the container berth just stopped: remember that berth stopped this run, so that
 * removing it later (a changed configuration) keeps no post-mortem of it. */
static void
remember_stopped(struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_state st;
	berth_error_t err = NULL;

	memset(&st, 0, sizeof(st));
	snprintf(st.id, sizeof(st.id), "%s", info->id ? info->id : "-");
	snprintf(st.started_at, sizeof(st.started_at), "%s", info->started_at ? info->started_at : "-");
	st.stopped = true;
	if (berth_state_save(ctx->params->name, &st, &err) < 0) {
		berth_log_warn("%s", err->msg);
		berth_error_free(&err);
	}
}

enum berth_result
berth_action_stop(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(info) struct berth_container_info info = { 0 };
	cleanup_free char *why = NULL;
	struct berth_params *p = ctx->params;

	/* A daemon that restarts is a passing condition: wait for it (container.h). */
	ctx->client->wait_daemon = true;

	if (berth_container_inspect(ctx->client, p->name, &info, err) < 0) {
		if (berth_error_cause(*err) == BERTH_E_UNREACHABLE)
			berth_record_stop_while_away(p->name, err);
		return result_of(ctx, err);
	}
	if (!info.exists) {
		berth_promotion_clear_score(ctx);
		berth_state_clear(p->name);
		return BERTH_RESULT_OK;
	}
	if (!berth_adopt_owned(ctx, &info) && berth_record_adopted(ctx, &info)) {
		/* The very run berth adopted: stop it, even as an orphan's stop, which comes with no
		 * parameters to compare it with (the resource was taken out of the CIB). */
		berth_log_info("container %s (%.12s) is the run berth adopted for %s (its record on this node)",
			       p->name, info.id ? info.id : "?", p->instance);
	} else if (!berth_adopt_ours(ctx, &info, &why)) {
		/* Never "stopped" while it runs, and never touched (cause_results, BERTH_E_FOREIGN). */
		if (berth_adopt_process_runs(&info)) {
			berth_adopt_refuse_foreign(ctx, &info, why, err);
			return result_of(ctx, err);
		}
		berth_log_warn("container %s (%.12s) is not %s's (%s) and does not run: not touching it", p->name,
			       info.id ? info.id : "?", p->instance, why);
		berth_promotion_clear_score(ctx);
		berth_state_clear(p->name);
		return BERTH_RESULT_OK;
	}
	if (stop_container(ctx, &info, !p->reuse, err) < 0) {
		berth_error_wrap(err, "stopping container %s: ", p->name);
		return result_of(ctx, err);
	}
	berth_promotion_clear_score(ctx);
	berth_state_clear(p->name);
	if (p->reuse && info.running)
		remember_stopped(ctx, &info);
	berth_log_notice("container %s stopped in %ld ms", p->name, berth_deadline_elapsed_ms(ctx->deadline));
	return BERTH_RESULT_OK;
}

/* ---- start ---- */

/* Wait until the started container is up and passes its checks, or the time runs out. */
static enum berth_result
wait_ready(struct berth_ctx *ctx, bool just_started, berth_error_t *err)
{
	struct berth_params *p = ctx->params;
	berth_error_t last = NULL;

	/* A container that dies at once (bad command, missing config) is usually gone by now;
	 * one inspection after the settle time catches it at the cost of one round trip. */
	if (just_started)
		(void)berth_deadline_sleep(ctx->deadline, SETTLE_MS);

	for (;;) {
		berth_cleanup(info) struct berth_container_info info = { 0 };
		int h;

		if (berth_container_inspect(ctx->client, p->name, &info, err) < 0)
			return result_of(ctx, err);
		if (!info.exists) {
			berth_error_set(err, BERTH_E_FAILED,
					"container %s disappeared while starting (removed by someone else?)", p->name);
			return result_of(ctx, err);
		}
		if (!info.running) {
			berth_error_free(&last);
			return exited(ctx, &info, true, "exited during start", err);
		}
		berth_error_free(&last);
		h = berth_health_check(ctx, &info, &last);
		if (h < 0 && strcmp(info.health ? info.health : "", "unhealthy") == 0)
			h = 1; /* may still recover within its retries: keep waiting until the deadline */
		if (h == 0 &&
		    berth_exec_run_cmd(ctx, info.id, "monitor_cmd", p->monitor_cmd, NULL, NULL, NULL, &last) == 0) {
			berth_record_update(ctx, &info, BERTH_ROLE_KEEP);
			berth_promotion_update_score(ctx, &info);
			return BERTH_RESULT_OK;
		}
		if (!berth_deadline_sleep(ctx->deadline, POLL_MS)) {
			/* Whatever the last check said, what failed the start is the time running out. */
			if (last != NULL) {
				*err = last;
				(*err)->cause = BERTH_E_TIMEDOUT;
				berth_error_wrap(
					err, "container %s did not become ready before the start timeout: ", p->name);
			} else {
				berth_error_set(err, BERTH_E_TIMEDOUT,
						"container %s did not become ready before the start timeout", p->name);
			}
			return result_of(ctx, err);
		}
	}
}

enum berth_result
berth_action_start(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(spec) struct berth_spec *spec = NULL;
	cleanup_json json_object *body = NULL;
	berth_cleanup(info) struct berth_container_info info = { 0 };
	cleanup_free char *hash = NULL;
	cleanup_free char *id = NULL;
	cleanup_free char *why = NULL;
	struct berth_params *p = ctx->params;
	bool reuse_existing = false, adopted;

	/* A daemon that restarts is a passing condition: wait for it (container.h). */
	ctx->client->wait_daemon = true;

	if (build_request(ctx, &spec, &body, &hash, err) < 0)
		return result_of(ctx, err);
	if (berth_file_make_mount_points(p->mount_points, err) < 0)
		return result_of(ctx, err);

	if (berth_container_inspect(ctx->client, p->name, &info, err) < 0 || check_api(ctx, spec, err) < 0) {
		berth_error_wrap(err, "cannot start %s: ", p->name);
		return result_of(ctx, err);
	}
	adopted = info.exists && !berth_adopt_owned(ctx, &info) && berth_adopt_check(ctx, &info, &why);
	if (info.exists && !berth_adopt_owned(ctx, &info) && !adopted) {
		if (berth_adopt_process_runs(&info)) {
			berth_adopt_refuse_foreign(ctx, &info, why, err);
			return result_of(ctx, err);
		}
		berth_error_set(err, BERTH_E_FAILED,
				"cannot start: the name %s is taken by container %.12s, which berth did not create "
				"for resource %s; remove or rename that container, or set the name parameter",
				p->name, info.id, p->instance);
		return result_of(ctx, err);
	}
	if (info.exists) {
		/* An adopted container that runs is what the resource asks for; a stopped one is replaced. */
		bool same = adopted ? info.running : info.config_hash != NULL && strcmp(info.config_hash, hash) == 0;

		if (info.running && same) {
			berth_log_info("container %s is already running", p->name);
			/* An adopted container gets its record now: stop relies on it while the daemon
			 * is away (state.h). */
			if (adopted && berth_record_run(ctx, &info, BERTH_ROLE_KEEP, err) < 0) {
				berth_error_wrap(err, "cannot adopt container %s: ", p->name);
				return result_of(ctx, err);
			}
			return wait_ready(ctx, false, err);
		}
		if (same && p->reuse) {
			reuse_existing = true;
		} else {
			berth_log_info("replacing container %s (%s)", p->name,
				       same ? "reuse is off" : "its configuration changed");
			if (stop_container(ctx, &info, true, err) < 0) {
				berth_error_wrap(err, "cannot start %s: removing the old container: ", p->name);
				return result_of(ctx, err);
			}
		}
	}

	if (reuse_existing) {
		id = berth_xstrdup(info.id);
		berth_log_info("starting existing container %s", p->name);
		if (berth_record_intent(ctx, err) < 0) {
			berth_error_wrap(err, "cannot start %s: ", p->name);
			return result_of(ctx, err);
		}
	} else {
		/* The record before the create: a start that cannot write it creates nothing. */
		if (berth_pull_ensure_image(ctx, err) < 0 || berth_record_intent(ctx, err) < 0) {
			berth_error_wrap(err, "cannot start %s: ", p->name);
			return result_of(ctx, err);
		}
		if (berth_container_create(ctx->client, p->name, body, &id, err) < 0) {
			/* The daemon's refusal is an answer: nothing was created, and nothing of this
			 * resource's is left under the name (an old container was removed above). */
			int cause = berth_error_cause(*err);

			if (cause == BERTH_E_REFUSED || cause == BERTH_E_REJECTED || cause == BERTH_E_NO_IMAGE)
				berth_state_clear(p->name);
			berth_error_wrap(err, "cannot start %s: ", p->name);
			return result_of(ctx, err);
		}
		berth_log_info("created container %s (%.12s)", p->name, id);
	}
	if (berth_container_start(ctx->client, id, err) < 0 &&
	    !(!reuse_existing && berth_scope_race(ctx, body, &id, err))) {
		berth_error_wrap(err, "cannot start %s: ", p->name);
		return result_of(ctx, err);
	}
	/* As ocf:heartbeat:podman does: every start, since the scopes are new each time. */
	if (p->drop_in_dependency && berth_scope_drop_in(ctx, id, err) < 0) {
		berth_error_wrap(err, "container %s started, but ", p->name);
		return result_of(ctx, err);
	}
	return wait_ready(ctx, true, err);
}

/* ---- validate-all ---- */

enum berth_result
berth_action_validate(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(spec) struct berth_spec *spec = NULL;
	cleanup_json json_object *body = NULL;
	cleanup_free char *hash = NULL;
	bool exists = false;

	if (build_request(ctx, &spec, &body, &hash, err) < 0)
		return result_of(ctx, err);
	/* The image is checked when the daemon answers; a daemon that is down is this node's
	 * problem at start time, not a configuration error. One too old to drive is this node's
	 * problem now. */
	if (berth_image_exists(ctx->client, ctx->params->image, &exists, err) < 0) {
		enum berth_result r = result_of(ctx, err);

		if (r == BERTH_RESULT_OK)
			berth_log_warn("validate-all: image not checked: %s", (*err)->msg);
		return r;
	}
	if (check_api(ctx, spec, err) < 0)
		return result_of(ctx, err);
	if (!exists && !ctx->params->allow_pull) {
		berth_error_set(err, BERTH_E_NO_IMAGE, "image %s is not present on this node and allow_pull is false",
				ctx->params->image);
		return result_of(ctx, err);
	}
	return BERTH_RESULT_OK;
}

/* ---- promote, demote, notify, reload ---- */

/* Inspect the container for a role change, a notification or a reload: it must exist, be ours
 * and run. A foreign container that runs under the name is said so (BERTH_E_FOREIGN).
 * \return 0 when it does; else -1 with err, whose cause the action's result comes from */
static int
running_container(struct berth_ctx *ctx, struct berth_container_info *info, const char *what, berth_error_t *err)
{
	struct berth_params *p = ctx->params;
	cleanup_free char *why = NULL;

	if (berth_container_inspect(ctx->client, p->name, info, err) < 0)
		return berth_error_wrap(err, "cannot %s %s: ", what, p->name);
	if (info->exists && !berth_adopt_ours(ctx, info, &why) && berth_adopt_process_runs(info)) {
		(void)berth_adopt_refuse_foreign(ctx, info, why, err);
		return -1;
	}
	if (!info->exists || !info->running || why != NULL)
		return berth_error_set(err, BERTH_E_NOT_RUNNING, "cannot %s %s: the container is not running", what,
				       p->name);
	return 0;
}

/* promote and demote: the container runs, the role's command succeeds in it, the run record
 * takes the role. */
static enum berth_result
change_role(struct berth_ctx *ctx, const char *action, const char *pname, const char *cmd, enum berth_role role,
	    berth_error_t *err)
{
	berth_cleanup(info) struct berth_container_info info = { 0 };

	/* Promoting or demoting a replica that is not running is a failure, not a state (cause_results). */
	if (running_container(ctx, &info, action, err) < 0)
		return result_of(ctx, err);
	if (berth_exec_run_cmd(ctx, info.id, pname, cmd, NULL, NULL, NULL, err) < 0)
		return result_of(ctx, err);
	berth_record_update(ctx, &info, role);
	berth_log_notice("container %s %sd", ctx->params->name, action);
	return BERTH_RESULT_OK;
}

enum berth_result
berth_action_promote(struct berth_ctx *ctx, berth_error_t *err)
{
	return change_role(ctx, "promote", "promote_cmd", ctx->params->promote_cmd, BERTH_ROLE_PROMOTED, err);
}

enum berth_result
berth_action_demote(struct berth_ctx *ctx, berth_error_t *err)
{
	return change_role(ctx, "demote", "demote_cmd", ctx->params->demote_cmd, BERTH_ROLE_UNPROMOTED, err);
}

extern char **environ;

enum berth_result
berth_action_notify(struct berth_ctx *ctx, berth_error_t *err)
{
	static const char prefix[] = "OCF_RESKEY_CRM_meta_notify_";
	berth_cleanup(info) struct berth_container_info info = { 0 };
	const char *type = berth_ocf_getenv("OCF_RESKEY_CRM_meta_notify_type");
	const char *op = berth_ocf_getenv("OCF_RESKEY_CRM_meta_notify_operation");
	char *args[3] = { (char *)(type ? type : ""), (char *)(op ? op : ""), NULL };
	cleanup_free char **envp = NULL;
	size_t n = 0, i;
	int ret;

	berth_log_debug("notify %s-%s for %s", type ? type : "?", op ? op : "?", ctx->params->name);
	if (ctx->params->notify_cmd == NULL)
		return BERTH_RESULT_OK;
	if (running_container(ctx, &info, "notify", err) < 0) {
		/* Nothing of berth's runs here to tell: success (cause_results), said in the log. */
		enum berth_result r = result_of(ctx, err);

		if (r == BERTH_RESULT_OK)
			berth_log_info("notify: %s", (*err)->msg);
		return r;
	}
	for (i = 0; environ[i]; i++)
		if (strncmp(environ[i], prefix, sizeof(prefix) - 1) == 0)
			n++;
	envp = berth_xcalloc(n + 1, sizeof(*envp));
	for (i = 0, n = 0; environ[i]; i++)
		if (strncmp(environ[i], prefix, sizeof(prefix) - 1) == 0)
			envp[n++] = environ[i];
	ret = berth_exec_run_cmd(ctx, info.id, "notify_cmd", ctx->params->notify_cmd, args, envp, NULL, err);
	return ret < 0 ? result_of(ctx, err) : BERTH_RESULT_OK;
}

enum berth_result
berth_action_reload(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(info) struct berth_container_info info = { 0 };
	struct berth_params *p = ctx->params;
	struct berth_state st;

	/* Pacemaker reloads a resource it believes running. The parameters that say which container
	 * that is (name, docker_socket: never reloadable, metadata.c) must still find it running
	 * and the resource's own; a reload that finds nothing there, or another container, fails:
	 * Pacemaker then stops the resource with the parameters it was started with (a failed
	 * reload does not replace them) and starts it with the new ones. Succeeding would let it
	 * stop the new name later and leave the old container running unmanaged. */
	if (running_container(ctx, &info, "reload", err) == 0 && berth_state_load(p->name, &st) == 1 &&
	    strcmp(st.id, "-") != 0 && strcmp(st.id, info.id) != 0)
		berth_error_set(err, BERTH_E_FAILED,
				"cannot reload %s: container %s (%.12s) is not the one berth started for it (%.12s)",
				p->instance, p->name, info.id, st.id);
	if (*err != NULL) {
		cleanup_free char *why = berth_xstrdup((*err)->msg);
		int cause = (*err)->cause;

		/* What went wrong first (the CIB keeps 128 characters of it), then the rule. */
		berth_error_free(err);
		berth_error_set(err, cause,
				"%s; a reload never changes which container %s means (container %s on %s; name and "
				"docker_socket are not reloadable: restart the resource for new ones)",
				why, p->instance, p->name, p->docker_socket);
		return result_of(ctx, err);
	}

	/* What a reload can apply (monitor_cmd, the commands, promotion_score, force_kill,
	 * query_docker_health, ...) takes effect at the next action by itself; the score is
	 * published again by start's final check. Anything else that changed alters the
	 * configuration hash, and start then recreates the container under the same name -- needed
	 * when a Pacemaker without OCF 1.1 sends the legacy reload for every parameter change. */
	return berth_action_start(ctx, err);
}

enum berth_result
berth_action_unusable_params(const struct berth_action *action, const struct berth_params *p, berth_error_t *err)
{
	/* With a usable container name but no usable socket, what stop may say is what it says
	 * when the daemon is away: the state record decides (a container of this name may run). */
	if (action->column == BERTH_COL_STOP && p->name != NULL && berth_params_name_ok(p->name)) {
		berth_record_stop_while_away(p->name, err);
		return berth_action_result(action, *err);
	}
	if (berth_action_result(action, *err) == BERTH_RESULT_OK)
		berth_log_warn("%s: %s; nothing can run under this configuration", action->name, (*err)->msg);
	return berth_action_result(action, *err);
}

/* ---- the list of actions ---- */

/* One monitor, without a role: pcs copies every advertised operation into a new resource, and
 * Pacemaker never runs a role monitor on a primitive that is not promotable (checked in a live
 * cluster: the CIB kept them, the history shows only the plain one). A promotable clone is
 * created with its role monitors named (ocf_berth_docker(7), PROMOTABLE CLONES). promote and demote stay
 * listed: pcs only makes clones promotable of agents that list both. "reload" is written
 * "reload-agent" in the OCF 1.1 dialect (metadata.c), and both names are answered. */
/* clang-format off */
const struct berth_action berth_actions[] = {
	{ "start", berth_action_start, BERTH_COL_START, 90000, NULL, NULL, NULL, 0 },
	{ "stop", berth_action_stop, BERTH_COL_STOP, 90000, NULL, NULL, NULL, 0 },
	{ "monitor", berth_action_monitor, BERTH_COL_MONITOR, 30000, "30s", NULL, "0", 0 },
	{ "status", berth_action_monitor, BERTH_COL_MONITOR, 30000, NULL, NULL, NULL, BERTH_ACTION_UNLISTED },
	{ "promote", berth_action_promote, BERTH_COL_PROMOTE, 90000, NULL, NULL, NULL, 0 },
	{ "demote", berth_action_demote, BERTH_COL_DEMOTE, 90000, NULL, NULL, NULL, 0 },
	{ "notify", berth_action_notify, BERTH_COL_NOTIFY, 90000, NULL, NULL, NULL, 0 },
	{ "reload", berth_action_reload, BERTH_COL_RELOAD, 90000, NULL, NULL, NULL, 0 },
	{ "reload-agent", berth_action_reload, BERTH_COL_RELOAD, 90000, NULL, NULL, NULL, BERTH_ACTION_UNLISTED },
	{ "validate-all", berth_action_validate, BERTH_COL_VALIDATE, 30000, NULL, NULL, NULL, 0 },
	{ "meta-data", NULL, BERTH_COL_VALIDATE, 5000, NULL, NULL, NULL, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};
/* clang-format on */

const struct berth_action *
berth_action_find(const char *name)
{
	const struct berth_action *a;

	for (a = berth_actions; name != NULL && a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
