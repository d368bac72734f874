/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the one runner of child processes.
 *
 * Every program berth runs on the node -- crm_attribute and systemctl (tool.h), crm_resource and
 * cibadmin (cib.h), a registry's credential helper (registry.h) -- goes through berth_spawn_run:
 *   - argv only: the program is executed directly, never through a shell;
 *   - stdin is /dev/null or a few bytes berth writes; stdout and stderr are read through pipes,
 *     each kept up to a cap (the rest is read and dropped, so the child never blocks on a full
 *     pipe), or wiped as it is read when it may hold secrets;
 *   - no other descriptor of berth's reaches the child (log files, the daemon's socket, a lock);
 *   - the child runs in a session and process group of its own: a deadline ends the child and
 *     everything it started in its group (SIGKILL to the group), and its exit is waited for with
 *     a bound of its own as well, so no blocking wait is left anywhere;
 *   - while it runs it is recorded (berth_spawn_kill_running), so the operation's watchdog
 *     (deadline.h) ends it too instead of leaving it orphaned when berth's own time is up. */
#ifndef BERTH_SPAWN_H
#define BERTH_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cleanup.h"
#include "error.h"

/** Most bytes berth_spawn.input may hold: one write to an empty pipe, which cannot block. */
#define BERTH_SPAWN_INPUT_MAX 4096

/** What to run and how. Members left zero take the defaults named. */
struct berth_spawn {
	char *const *argv; /**< NULL-terminated; argv[0] is searched in PATH when it has no '/' */
	char *const *envp; /**< the child's environment; NULL: berth's own */
	const char *what;  /**< how messages name the call; NULL: argv[0] */
	const char *input; /**< written to the child's stdin (at most BERTH_SPAWN_INPUT_MAX bytes);
				NULL: stdin is /dev/null */
	size_t out_max;    /**< stdout bytes kept; 0 keeps none */
	size_t err_max;    /**< stderr bytes kept; 0 keeps none (they are still counted) */
	bool merge;        /**< stderr goes to the same pipe as stdout (and its cap) */
	bool secret;       /**< what is read may hold secrets: dropped bytes are wiped at once, and
				berth_spawn_result_release wipes what was kept */
	long timeout_ms;   /**< the child and its group are killed after this long; <= 0 runs nothing
				(an exhausted deadline: BERTH_E_TIMEDOUT, "no time left to run WHAT") */
};

/** What the child did. Release with berth_spawn_result_release. */
struct berth_spawn_result {
	char *out; /**< stdout as kept, NUL-terminated (never NULL after a run) */
	size_t out_len;
	char *err; /**< stderr as kept, NUL-terminated (never NULL after a run) */
	size_t err_len;
	size_t err_seen; /**< bytes it wrote to stderr, kept or not */
	bool exited;     /**< it exited (status is its exit status), rather than died of a signal */
	int status;      /**< its exit status, or 128 + the signal that ended it */
	bool secret;     /**< wipe on release */
};

/**
 * Run a program as described above and wait for it, at most s->timeout_ms.
 * \param r  out: what it wrote and how it ended; filled when 0 is returned
 * \return 0 when it ran and ended by itself (whatever its status: see r); else the negative
 *         cause with err: the errno of a program that cannot be run ("cannot run WHAT: ..."), or
 *         BERTH_E_TIMEDOUT when it did not end in time ("WHAT did not finish within N ms"; it and
 *         its process group were killed and reaped) or there was no time to start it
 *         (timeout_ms <= 0: "no time left to run WHAT"; nothing was started)
 */
int berth_spawn_run(const struct berth_spawn *s, struct berth_spawn_result *r, berth_error_t *err);

/** Free what a run kept (wiped first when it was secret) and zero r. */
void berth_spawn_result_release(struct berth_spawn_result *r);
BERTH_DEFINE_CLEANUP_STRUCT(spawn_result, struct berth_spawn_result, berth_spawn_result_release)

/** The process group of the child berth_spawn_run is waiting for, or 0 when none runs. */
pid_t berth_spawn_running(void);

/**
 * SIGKILL to the process group of the child that runs now, if any. Async-signal-safe: the
 * watchdog's handler calls it before it ends berth.
 */
void berth_spawn_kill_running(void);

#endif
