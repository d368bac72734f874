/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the time budget of the running operation.
 *
 * Pacemaker's executor kills an agent that overruns its op timeout and counts the op as failed (a
 * failed stop fences the node). berth therefore plans its own end, in two layers, both counted
 * from the moment the process started (the executor's timer starts at its fork, and on a loaded
 * node exec and dynamic loading alone can take hundreds of milliseconds):
 *   - the budget: the op timeout less a margin (10 %, 0.5 s to 5 s). Every blocking call gets
 *     min(its own cap, what is left), so the action ends on its own with a reason that says
 *     which call gave up;
 *   - the watchdog: a timer at the op timeout less a smaller margin (5 %, 0.3 s to 2 s). Whatever
 *     the agent is doing then -- a call that overran, a CPU starved by load -- the signal handler
 *     ends the child berth waits for, if any (spawn.h), writes the exit reason prepared in
 *     advance and ends the process with the action's code for "timed out". It is the bound by
 *     construction; the budget is what normally ends first.
 * Once the action has its result (berth_deadline_decide), that result is what the process exits
 * with, whatever happens after: a watchdog that fires during the log's shutdown or the freeing
 * that follows ends the process with the decided code, silently.
 * ocf_berth_docker(7), THE DAEMON, "Deadlines", explains the margins. */
#ifndef BERTH_DEADLINE_H
#define BERTH_DEADLINE_H

#include <stdbool.h>

struct berth_deadline {
	long long start_ms; /**< monotonic time the process started */
	long long end_ms;   /**< monotonic time the budget ends: berth answers by then */
	long long hard_ms;  /**< monotonic time the watchdog ends the process */
};

/** Monotonic clock in milliseconds. */
long long berth_now_ms(void);

/**
 * Start a budget for an operation of timeout_ms, counted from the start of this process. The
 * margin kept back for reporting is 10% of the timeout, at least 500 ms and at most 5 s; the
 * budget is never below 200 ms. A timeout beyond BERTH_OCF_TIMEOUT_MAX_MS (ocf.h) counts as that. The watchdog's limit
 * is the timeout less 5 % (0.3 s to 2 s), and never before the budget's end.
 */
void berth_deadline_init(struct berth_deadline *d, long timeout_ms);

/**
 * Arm the watchdog at d->hard_ms: then the process writes "ocf-exit-reason:<reason>" (when
 * exit_code is not 0) and ends with _exit(exit_code), whatever it is doing. Call once.
 *
eturn 0, or -errno when no timer could be set
 */
int berth_deadline_arm_watchdog(const struct berth_deadline *d, int exit_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * The action has its result: write its exit reason (reason NULL: none), and from then on let the
 * watchdog end the process with exit_code and write nothing more. The watchdog is held off while
 * the reason is written, so that the process never prints two reasons. Call once, before the
 * logging and freeing that end the process.
 */
void berth_deadline_decide(int exit_code, const char *reason);

/**
 * Milliseconds since this process started, from /proc/self/stat (10 ms resolution); 0 when it
 * cannot be read.
 */
long berth_process_age_ms(void);

/**
 * The start time of a host process (/proc/PID/stat, field 22: clock ticks since boot), which with
 * its pid tells one process from a later one that reuses the pid.
 * \return the start time, or 0 when there is no such process (or pid <= 0)
 */
unsigned long long berth_process_start_ticks(long pid);

/**
 * The command name and start time of a host process, from one read of /proc/PID/stat.
 * \param name   out: field 2, the command name (at most 15 bytes, as prctl and exec set it)
 * \param start  out: field 22, the start time in clock ticks since boot
 * \return false when there is no such process (or pid <= 0)
 */
bool berth_process_stat(long pid, char name[16], unsigned long long *start);

/** Milliseconds left (0 when expired). */
long berth_deadline_left_ms(const struct berth_deadline *d);

/** Milliseconds since the process began. */
long berth_deadline_elapsed_ms(const struct berth_deadline *d);

/** True once the budget is spent. */
bool berth_deadline_expired(const struct berth_deadline *d);

/**
 * Time one call may take: min(cap_ms, time left). cap_ms <= 0 means no cap of its own.
 * \return at least 1 ms while time is left, 0 once expired
 */
long berth_deadline_call_ms(const struct berth_deadline *d, long cap_ms);

/**
 * The time an action keeps for its own work when it waits for something first (a restarting
 * daemon): a quarter of the budget, at least min_ms.
 */
long berth_deadline_reserve_ms(const struct berth_deadline *d, long min_ms);

/** Sleep for ms, but never past the deadline. \return false if the deadline was reached */
bool berth_deadline_sleep(const struct berth_deadline *d, long ms);

#endif
