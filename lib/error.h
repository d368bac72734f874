/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the error convention.
 *
 * A function that can fail returns an int: 0 on success, or the negative cause of the failure
 * (-errno, or -BERTH_E_*), and fills an optional berth_error_t with that cause and a message
 * written for the admin who reads `pcs status`: what failed, on which container, what to do.
 * Nothing below the actions decides what a failure means to Pacemaker: each action maps causes
 * to OCF results in one table (lib/actions.c, cause_results), and only agent/main.c turns a
 * result into an exit code. Some causes are situations the actions find rather than failures
 * (not running, promoted, a foreign container, what runs while the daemon is away): they go
 * through the same table, so that it shows every result of every action. crun carries its
 * errors the same way (libcrun_error_t).
 *
 * Allocation failures are not errors here: berth_x* (alloc.h) end the agent on the spot. */
#ifndef BERTH_ERROR_H
#define BERTH_ERROR_H

#include <stdarg.h>

/** berth's own causes; errno values (1..4095) are causes too. */
enum berth_cause {
	BERTH_E_FAILED = 4096,   /**< none more specific: a soft, node-local failure */
	BERTH_E_CONFIG,          /**< a parameter berth checks itself is wrong, so wrong on every node */
	BERTH_E_UNREACHABLE,     /**< the daemon's socket is missing, refuses or denies the connection */
	BERTH_E_TIMEDOUT,        /**< a call's share of the operation's timeout ran out */
	BERTH_E_PROTOCOL,        /**< broken HTTP, a dropped connection, an answer not shaped like the API's */
	BERTH_E_TOOBIG,          /**< the daemon's answer exceeded berth's cap */
	BERTH_E_API_OLD,         /**< the daemon's Engine API is older than berth or a flag needs */
	BERTH_E_REFUSED,         /**< the daemon answered the request with an error status */
	BERTH_E_REJECTED,        /**< the daemon on this node refused the container configuration */
	BERTH_E_NO_IMAGE,        /**< the image is not on this node and may not be pulled */
	BERTH_E_NOT_RUNNING,     /**< the container does not run: a state, not a fault */
	BERTH_E_PROMOTED,        /**< not a failure: the reason that goes with "running promoted" */
	BERTH_E_PROMOTED_FAILED, /**< a check of the promoted replica failed */
	BERTH_E_FOREIGN,         /**< a container berth may not touch runs under the resource's name */
	BERTH_E_GONE,            /**< the daemon cannot be reached, and nothing berth started here can
				      run: no state record (never started here), or its process ended */
	BERTH_E_ALIVE,           /**< the daemon cannot be reached, but the process berth recorded
				      still runs (live-restore) */
};

/** An error: its cause and a message for the admin. */
struct berth_error {
	int cause; /**< an errno or a BERTH_E_* */
	char *msg;
};
typedef struct berth_error *berth_error_t;

/**
 * Record an error. If *err already holds one, the new one is dropped (the first cause wins).
 * \param err   where to store it; may be NULL to discard
 * \param cause an errno or a BERTH_E_*
 * \return -cause, so callers can `return berth_error_set(...)`
 */
int berth_error_set(berth_error_t *err, int cause, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/**
 * Prefix the message of an existing error with more context ("starting c1: " + msg); the cause
 * stays. \return -cause of the error (-BERTH_E_FAILED when there is none)
 */
int berth_error_wrap(berth_error_t *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** The cause of an error, 0 for none. */
int berth_error_cause(const berth_error_t err);

/** Free an error and set *err to NULL. Safe on NULL. */
void berth_error_free(berth_error_t *err);

#endif
