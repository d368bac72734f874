/* SPDX-License-Identifier: GPL-2.0-or-later */
/* slow-exit.so: an LD_PRELOAD shim for berth's tests. It slows down libqb's log shutdown, which
 * the agent runs after its action has its result, by BERTH_TEST_SLOW_EXIT_MS milliseconds: what
 * a journald that is backed up does to a real node. ocf-tests/build/faults builds it (rows with
 * slow_exit_ms=) and checks that such an exit keeps the result the action decided.
 *
 *   cc -shared -fPIC -o slow-exit.so slow-exit.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

void qb_log_fini(void);

void
qb_log_fini(void)
{
	const char *v = getenv("BERTH_TEST_SLOW_EXIT_MS");
	long ms = v != NULL ? strtol(v, NULL, 10) : 0;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	void (*real)(void);

	while (ms > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	*(void **)&real = dlsym(RTLD_NEXT, "qb_log_fini");
	if (real != NULL)
		real();
}
