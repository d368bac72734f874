/* berth: the time budget of the running operation.
 *
 * Pacemaker's executor kills an agent that overruns its op timeout and counts the op as failed (a
 * failed stop fences the node). berth therefore plans its own end: the budget is the op timeout
 * less a safety margin, and every blocking call gets min(its own cap, what is left). */
#ifndef BERTH_DEADLINE_H
#define BERTH_DEADLINE_H

#include <stdbool.h>

struct berth_deadline {
	long long start_ms;  /**< monotonic time the operation began */
	long long end_ms;    /**< monotonic time berth must have answered by */
};

/** Monotonic clock in milliseconds. */
long long berth_now_ms(void);

/**
 * Start a budget for an operation of timeout_ms. The margin kept back for reporting is 10% of
 * the timeout, at least 500 ms and at most 5 s; the budget is never below 200 ms.
 */
void berth_deadline_init(struct berth_deadline *d, long timeout_ms);

/** Milliseconds left (0 when expired). */
long berth_deadline_left_ms(const struct berth_deadline *d);

/** Milliseconds since the operation began. */
long berth_deadline_elapsed_ms(const struct berth_deadline *d);

/** True once the budget is spent. */
bool berth_deadline_expired(const struct berth_deadline *d);

/**
 * Time one call may take: min(cap_ms, time left). cap_ms <= 0 means no cap of its own.
 * \return at least 1 ms while time is left, 0 once expired
 */
long berth_deadline_call_ms(const struct berth_deadline *d, long cap_ms);

/** Sleep for ms, but never past the deadline. \return false if the deadline was reached */
bool berth_deadline_sleep(const struct berth_deadline *d, long ms);

#endif
