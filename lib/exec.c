/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the commands berth runs in a container, under the exec rule (exec.h). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "alloc.h"
#include "cleanup.h"
#include "deadline.h"
#include "exec.h"
#include "log.h"
#include "state.h"
#include "words.h"

#define RETRY_PAUSE_MS     200L  /* a moment for the daemon before a command is tried once more */
#define RETRY_START_MIN_MS 1000L /* a command that could not be started is tried again only with this much left */

/* "2026-11-25T11:37:02Z" for a time in seconds since the epoch. */
static void
utc_time(long long t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%lld", t);
}

/* The exec rule. Docker cannot stop an exec, so a command that outlived its action's timeout keeps
 * running in the container, and starting the next one every monitor interval would pile them up.
 * berth records each exec just before it starts it and forgets it once it has seen it end; if the
 * one recorded for this container still runs, no other starts and the action fails. An exec the
 * daemon no longer knows (restarted, container recreated) or that has ended is forgotten.
 * \return 0 when a new exec may start, -1 with err when not (or when the daemon cannot say) */
static int
check_previous_exec(struct berth_ctx *ctx, const char *id, const char *pname, berth_error_t *err)
{
	const char *name = ctx->params->name;
	struct berth_exec_record rec;
	struct berth_exec_info ei;
	char since[32];

	if (berth_state_exec_load(name, &rec) != 1)
		return 0;
	if (strcmp(rec.container_id, id) != 0) {
		/* Another container than the one it ran in: it went with its container. */
		berth_state_exec_clear(name);
		return 0;
	}
	if (berth_container_exec_inspect(ctx->client, rec.exec_id, &ei, err) < 0)
		return berth_error_wrap(
			err, "cannot tell whether the %s berth started earlier in container %s still runs: ", rec.what,
			name);
	utc_time(rec.since, since, sizeof(since));
	if (!ei.exists || !ei.running) {
		if (ei.exists)
			berth_log_info("the %s started at %s in container %s has ended (exit %d)", rec.what, since,
				       name, ei.exit_code);
		berth_state_exec_clear(name);
		return 0;
	}
	return berth_error_set(err, BERTH_E_FAILED,
			       "the previous %s (started at %s, pid %ld, exec %.12s) is still running in container %s: "
			       "berth starts no %s while it runs, because Docker cannot stop an exec; make the "
			       "command finish within the operation's timeout, or restart the resource",
			       rec.what, since, ei.pid, rec.exec_id, name, pname);
}

/* After a command that could not be started (nothing of it ran): is there time to try once more?
 * Then wait a moment for the daemon, and say so in the log. */
static bool
start_again(struct berth_ctx *ctx, const char *pname, const berth_error_t err)
{
	if (berth_deadline_left_ms(ctx->deadline) < RETRY_START_MIN_MS ||
	    !berth_deadline_sleep(ctx->deadline, RETRY_PAUSE_MS))
		return false;
	berth_log_warn("%s could not be started in container %s (%s): trying once more", pname, ctx->params->name,
		       err->msg);
	return true;
}

int
berth_exec_run_cmd(struct berth_ctx *ctx, const char *id, const char *pname, const char *value, char *const *extra_args,
		   char *const *envp, char **output, berth_error_t *err)
{
	berth_cleanup(words) char **argv = NULL;
	cleanup_free char *out = NULL;
	cleanup_free char **full = NULL;
	struct berth_exec_record rec;
	berth_error_t save_err = NULL;
	bool recorded = false, started = false;
	int code = -1, n = 0, m = 0, i, attempt;

	if (output)
		*output = NULL;
	if (berth_words_split_param(pname, value, &argv, err) < 0)
		return -1;
	if (argv == NULL)
		return 0;
	while (argv[n])
		n++;
	while (extra_args && extra_args[m])
		m++;
	full = berth_xcalloc((size_t)(n + m + 1), sizeof(*full));
	for (i = 0; i < n; i++)
		full[i] = argv[i];
	for (i = 0; i < m; i++)
		full[n + i] = extra_args[i];
	for (attempt = 0;; attempt++) {
		cleanup_free char *exec_id = NULL;

		/* the exec rule; "still running" is its answer, not a daemon that failed to say */
		if (check_previous_exec(ctx, id, pname, err) < 0) {
			if (attempt == 0 && berth_error_cause(*err) != BERTH_E_FAILED &&
			    start_again(ctx, pname, *err)) {
				berth_error_free(err);
				continue;
			}
			return -1;
		}
		if (berth_container_exec_create(ctx->client, id, full, envp, &exec_id, err) < 0) {
			if (attempt == 0 && start_again(ctx, pname, *err)) {
				berth_error_free(err);
				continue;
			}
			return berth_error_wrap(err, "%s on container %s: ", pname, ctx->params->name);
		}
		/* Recorded before it starts: should the watchdog end berth during the exec, the record
		 * is there for the next action. */
		memset(&rec, 0, sizeof(rec));
		snprintf(rec.exec_id, sizeof(rec.exec_id), "%s", exec_id);
		snprintf(rec.container_id, sizeof(rec.container_id), "%s", id);
		snprintf(rec.what, sizeof(rec.what), "%s", pname);
		rec.since = (long long)time(NULL);
		recorded = berth_state_exec_save(ctx->params->name, &rec, &save_err) == 0;
		if (!recorded) {
			berth_log_warn("%s", save_err->msg);
			berth_error_free(&save_err);
		}
		if (berth_container_exec_run(ctx->client, exec_id, argv[0], 0, &code, &out, &started, err) == 0)
			break;
		if (started)
			return berth_error_wrap(err, "%s on container %s: ", pname, ctx->params->name);
		/* never started: nothing of it runs in the container */
		if (recorded)
			berth_state_exec_clear(ctx->params->name);
		if (attempt == 0 && start_again(ctx, pname, *err)) {
			berth_error_free(err);
			continue;
		}
		return berth_error_wrap(err, "%s on container %s: ", pname, ctx->params->name);
	}
	/* It has ended: nothing of it is left in the container. */
	if (recorded)
		berth_state_exec_clear(ctx->params->name);
	if (code != 0) {
		/* its output is the container's too: not quoted with postmortem_lines=0 */
		bool quote = out && *out && ctx->params->postmortem_lines > 0;

		return berth_error_set(err, BERTH_E_FAILED, "%s '%s' failed in container %s (exit %d)%s%.300s", pname,
				       value, ctx->params->name, code, quote ? ": " : "", quote ? out : "");
	}
	if (output) {
		*output = out;
		out = NULL;
	}
	return 0;
}
