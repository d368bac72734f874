/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: run a cluster tool (crm_attribute, systemctl) directly, no shell, within the deadline. */
#ifndef BERTH_TOOL_H
#define BERTH_TOOL_H

#include "deadline.h"
#include "error.h"
#include "hooks.h"

/**
 * Where a tool is: what the test hook names when set (tests point it to a stand-in; hooks.h),
 * else path when it is executable, else path's last component (searched in PATH).
 */
const char *berth_tool_path(enum berth_hook hook, const char *path);

/**
 * Run argv[0] (searched in PATH when it has no slash) with argv, stdin /dev/null, stdout and
 * stderr collected (the first 2 KiB kept for the error), through berth_spawn_run (spawn.h). Never
 * waits past the deadline, nor past cap_ms: a tool still running then is killed with its process
 * group.
 * \param what  how errors name the call, e.g. "systemctl daemon-reload"
 * \return 0 when it exited 0; else -1 with err: BERTH_E_TIMEDOUT, BERTH_E_FAILED ("WHAT failed
 *         (status N): its output") or the errno of the spawn
 */
int berth_tool_run(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms,
		   berth_error_t *err);

/**
 * Run argv as berth_tool_run() does, and keep what it printed whatever its exit status: for
 * asking a tool what it supports (its help or version).
 * \param out   size bytes: the start of stdout and stderr together, NUL-terminated
 * \return the exit status (128 + N for signal N), or -1 with err when it could not run or did
 *         not finish in time
 */
int berth_tool_capture(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, char *out,
		       size_t size, berth_error_t *err);

#endif
