/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the commands berth runs in a container (monitor_cmd, promote_cmd, demote_cmd,
 * notify_cmd, promotion_score_cmd) and the exec rule: no new exec while the one berth started
 * last still runs, since Docker cannot stop an exec (ocf_berth_docker(7), ACTIONS, "monitor"). */
#ifndef BERTH_EXEC_H
#define BERTH_EXEC_H

#include "error.h"

struct berth_ctx;

/** Run a command parameter in the container; 0 if it exited 0. The output is put in *output.
 * A command that could not even be started (the exec refused, the daemon not answering the
 * request to make or start it) is tried once more within the budget: nothing of it ran. One that
 * ran is never run again: its exit status is the answer, and a second run could act twice. */
int berth_exec_run_cmd(struct berth_ctx *ctx, const char *id, const char *pname, const char *value,
		       char *const *extra_args, char *const *envp, char **output, berth_error_t *err);

#endif
