/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the state record as the actions read and write it (record.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "alloc.h"
#include "cleanup.h"
#include "deadline.h"
#include "log.h"
#include "record.h"

bool
berth_record_describes(const struct berth_state *st, const struct berth_container_info *info)
{
	return berth_state_same_run(st, info->id, info->started_at);
}

bool
berth_record_adopted(const struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_state st;

	/* a labelled container is never adopted: its record need not be read */
	return !info->labelled && berth_state_load(ctx->params->name, &st) == 1 && berth_record_adopted_run(&st, info);
}

bool
berth_record_adopted_run(const struct berth_state *st, const struct berth_container_info *info)
{
	return !info->labelled && berth_record_describes(st, info);
}

bool
berth_record_promoted(const struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_state st;

	return berth_state_load(ctx->params->name, &st) == 1 && berth_record_promoted_run(&st, info);
}

bool
berth_record_promoted_run(const struct berth_state *st, const struct berth_container_info *info)
{
	return st->promoted && berth_record_describes(st, info);
}

int
berth_record_run(struct berth_ctx *ctx, const struct berth_container_info *info, enum berth_role role,
		 berth_error_t *err)
{
	struct berth_state old, st;
	bool had = berth_state_load(ctx->params->name, &old) == 1;

	memset(&st, 0, sizeof(st));
	snprintf(st.id, sizeof(st.id), "%s", info->id ? info->id : "-");
	snprintf(st.started_at, sizeof(st.started_at), "%s", info->started_at ? info->started_at : "-");
	st.pid = info->pid;
	st.pid_start = berth_process_start_ticks(info->pid);
	st.promoted = role == BERTH_ROLE_KEEP ? (had && old.promoted && berth_record_describes(&old, info))
					      : role == BERTH_ROLE_PROMOTED;
	/* The score is a node attribute of the resource, not of one run: keep what was set. */
	st.score_set = had && old.score_set;
	st.score = had ? old.score : 0;
	if (had && memcmp(&old, &st, sizeof(st)) == 0)
		return 0;
	if (berth_state_save(ctx->params->name, &st, err) < 0) {
		berth_log_warn("%s", (*err)->msg);
		return -1;
	}
	return 0;
}

void
berth_record_update(struct berth_ctx *ctx, const struct berth_container_info *info, enum berth_role role)
{
	berth_error_t err = NULL;

	(void)berth_record_run(ctx, info, role, &err);
	berth_error_free(&err);
}

int
berth_record_intent(struct berth_ctx *ctx, berth_error_t *err)
{
	struct berth_state old, st;
	bool had = berth_state_load(ctx->params->name, &old) == 1;

	memset(&st, 0, sizeof(st));
	snprintf(st.id, sizeof(st.id), "-");
	snprintf(st.started_at, sizeof(st.started_at), "-");
	st.score_set = had && old.score_set;
	st.score = had ? old.score : 0;
	if (berth_state_save(ctx->params->name, &st, err) < 0) {
		cleanup_free char *why = berth_xstrdup((*err)->msg);
		int cause = (*err)->cause;

		/* what failed first (the CIB keeps 128 characters), then why that stops the start */
		berth_error_free(err);
		return berth_error_set(err, cause,
				       "%s: berth starts no container it could not account for while the daemon is "
				       "away (the state record in $HA_RSCTMP)",
				       why);
	}
	return 0;
}

/* Why nothing of the container runs, when while_away says so, from its record. */
static const char *
away_why(const struct berth_state *st)
{
	if (st->pid > 0)
		return "the process berth recorded at its start has ended";
	return st->stopped ? "berth stopped it itself" : "berth has not started it on this node";
}

/* What may run of this container while its daemon cannot be reached, from the state record
 * (state.h): nothing (no record: never started here; or berth stopped it and kept it), nothing
 * any more (the recorded process has ended), something (it still runs: live-restore), or berth
 * cannot tell (a start that did not finish, or a record it cannot read). */
enum away { AWAY_NOTHING, AWAY_ENDED, AWAY_ALIVE, AWAY_UNKNOWN };

static enum away
while_away(const char *name, struct berth_state *st)
{
	int r = berth_state_load(name, st);

	if (r == 0)
		return AWAY_NOTHING;
	if (r < 0)
		return AWAY_UNKNOWN;
	if (st->pid <= 0 || st->pid_start == 0)
		return st->stopped ? AWAY_NOTHING : AWAY_UNKNOWN;
	return berth_state_process_alive(st) ? AWAY_ALIVE : AWAY_ENDED;
}

void
berth_record_stop_while_away(const char *name, berth_error_t *err)
{
	struct berth_state st;
	cleanup_free char *how = berth_xstrdup(*err && (*err)->msg ? (*err)->msg : "no daemon");
	int cause;

	switch (while_away(name, &st)) {
	case AWAY_NOTHING:
	case AWAY_ENDED:
		berth_log_warn("%s; container %s cannot run: %s", how, name, away_why(&st));
		berth_error_free(err);
		berth_error_set(err, BERTH_E_GONE, "container %s is stopped (%s)", name, how);
		berth_state_clear(name);
		break;
	case AWAY_ALIVE:
		berth_error_free(err);
		berth_error_set(err, BERTH_E_ALIVE,
				"cannot stop container %s: its process (pid %ld) still runs and %s; stopping it "
				"needs the daemon (fencing is the safe end)",
				name, st.pid, how);
		break;
	case AWAY_UNKNOWN:
		cause = berth_error_cause(*err) ? berth_error_cause(*err) : BERTH_E_UNREACHABLE;
		berth_error_free(err);
		berth_error_set(err, cause == BERTH_E_CONFIG ? BERTH_E_UNREACHABLE : cause,
				"cannot stop container %s: berth cannot tell whether it runs (%s) and %s", name,
				st.id[0] ? "a start did not record its process" : "its state record cannot be read",
				how);
		break;
	}
}

void
berth_record_monitor_while_away(struct berth_ctx *ctx, berth_error_t *err)
{
	const char *name = ctx->params->name;
	cleanup_free char *how = berth_xstrdup((*err)->msg);
	struct berth_state st;

	switch (while_away(name, &st)) {
	case AWAY_NOTHING:
	case AWAY_ENDED:
		berth_error_free(err);
		berth_error_set(err, BERTH_E_GONE, "container %s is not running: %s (%s)", name, how, away_why(&st));
		break;
	case AWAY_ALIVE:
		berth_log_warn("Docker daemon unreachable, but container %s (pid %ld) still runs (live-restore): "
			       "reporting it running",
			       name, st.pid);
		berth_error_free(err);
		if (st.promoted)
			berth_error_set(err, BERTH_E_PROMOTED,
					"container %s runs as the promoted replica (Docker daemon unreachable)", name);
		else
			berth_error_set(err, BERTH_E_ALIVE, "container %s runs (pid %ld) while %s", name, st.pid, how);
		break;
	case AWAY_UNKNOWN:
		berth_error_wrap(err, "berth cannot tell whether container %s runs (%s): ", name,
				 st.id[0] ? "a start did not record its process" : "its state record cannot be read");
		break;
	}
}
