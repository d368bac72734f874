/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what the state record (state.h) means to the actions: which run of the container it
 * describes (adopted, promoted), the record written for a run and for a run about to begin, and
 * what may run of the container while its daemon cannot be reached (stop and monitor then). */
#ifndef BERTH_RECORD_H
#define BERTH_RECORD_H

#include <stdbool.h>
#include "container.h"
#include "state.h"

struct berth_ctx;

/** The role berth_record_run writes: BERTH_ROLE_KEEP keeps the recorded one for the same run. */
enum berth_role { BERTH_ROLE_KEEP = -1, BERTH_ROLE_UNPROMOTED = 0, BERTH_ROLE_PROMOTED = 1 };

/** Does this state record describe this very run of the container? */
bool berth_record_describes(const struct berth_state *st, const struct berth_container_info *info);

/** Is this the run of an unlabelled container that berth adopted (berth_adopt_check) on this
 * node? Its record says so: berth writes one for a run it adopts, with the run's id and start
 * time, and another run under the name (a container made again) has other ones. */
bool berth_record_adopted(const struct berth_ctx *ctx, const struct berth_container_info *info);

/** berth_record_adopted with the record of the container's name already read (st), where no
 * action runs: berth status. */
bool berth_record_adopted_run(const struct berth_state *st, const struct berth_container_info *info);

/** Is this run of the container the promoted one? A restarted or recreated container has
 * another id or start time, so it comes back unpromoted. */
bool berth_record_promoted(const struct berth_ctx *ctx, const struct berth_container_info *info);

/** berth_record_promoted with the record of the container's name already read (st), where no
 * action runs: berth status. */
bool berth_record_promoted_run(const struct berth_state *st, const struct berth_container_info *info);

/** Remember this run on the node. BERTH_ROLE_KEEP keeps the role if the record is of the same run.
 * \return 0, or -1 with err when the record could not be written (already logged) */
int berth_record_run(struct berth_ctx *ctx, const struct berth_container_info *info, enum berth_role role,
		     berth_error_t *err);

/** berth_record_run where a record that cannot be written is only a warning: the record of this
 * container exists already (start wrote it before its create), and an old one errs on the safe
 * side (a start that did not finish: stop fails while the daemon is away). */
void berth_record_update(struct berth_ctx *ctx, const struct berth_container_info *info, enum berth_role role);

/** The record of a run about to begin, written before the create (or start) request: from then
 * on, while the daemon is away, berth knows that something may run (state.h). A start that
 * cannot write it creates nothing. */
int berth_record_intent(struct berth_ctx *ctx, berth_error_t *err);

/** stop when the daemon cannot be reached (*err says how), or no socket is usable: only what the
 * record says can decide. *err becomes the reason, whose cause gives stop's result (actions.c,
 * cause_results). */
void berth_record_stop_while_away(const char *name, berth_error_t *err);

/** monitor when the daemon cannot be reached: what the record says (while_away). Without
 * live-restore, dockerd takes its containers down with it; with live-restore they outlive it.
 * *err (how the daemon cannot be reached) becomes the reason, whose cause gives monitor's
 * result (actions.c, cause_results). */
void berth_record_monitor_while_away(struct berth_ctx *ctx, berth_error_t *err);

#endif
