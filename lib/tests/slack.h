/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth's unit tests: the slack of their wall-time upper bounds. */
#ifndef BERTH_TESTS_SLACK_H
#define BERTH_TESTS_SLACK_H

#include <stdlib.h>

/* BERTH_TIME_SLACK_MS, added to the upper bounds of wall time the unit tests assert:
 * ocf-tests/check gives it to the copies of these tests that run as background work (the compat
 * build, distcheck, bullseye), where a starved process is seen late. The unit stage runs them
 * without it: there every bound is the exact one. */
static inline long
berth_test_slack_ms(void)
{
	const char *s = getenv("BERTH_TIME_SLACK_MS");

	return s != NULL ? atol(s) : 0;
}

#endif
