/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the time budget of the running operation. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "deadline.h"
#include "ocf.h"
#include "spawn.h"

#define AGE_MAX_MS 10000L /* an age beyond this is not a fresh agent: the clock reading is off */

long long
berth_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* /proc/PID/stat into buf (NUL-terminated); false when there is no such process. */
static bool
read_stat(long pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	if (pid <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return true;
}

bool
berth_process_stat(long pid, char name[16], unsigned long long *start)
{
	char buf[1024], *open_paren, *close_paren, *p;
	size_t len;
	int field;

	if (!read_stat(pid, buf, sizeof(buf)))
		return false;
	/* Field 2, the command name (at most 15 bytes), is between the first '(' and the last ')'; it
	 * may hold spaces and parentheses, so the fields after it are counted from that ')'. The
	 * one after it is field 3 (state); starttime is field 22, in clock ticks since boot. */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
		return false;
	p = close_paren;
	for (field = 2; p != NULL && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%llu", start) != 1)
		return false;
	len = (size_t)(close_paren - open_paren - 1);
	if (len > 15)
		len = 15;
	memcpy(name, open_paren + 1, len);
	name[len] = '\0';
	return true;
}

unsigned long long
berth_process_start_ticks(long pid)
{
	char name[16];
	unsigned long long start;

	return berth_process_stat(pid, name, &start) ? start : 0;
}

long
berth_process_age_ms(void)
{
	unsigned long long start_ticks = berth_process_start_ticks((long)getpid());
	struct timespec boot;
	long hz = sysconf(_SC_CLK_TCK), age;

	if (start_ticks == 0 || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &boot) < 0)
		return 0;
	age = (long)((long long)boot.tv_sec * 1000 + boot.tv_nsec / 1000000 -
		     (long long)(start_ticks * 1000ULL / (unsigned long long)hz));
	return age < 0 || age > AGE_MAX_MS ? 0 : age;
}

static long
clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
berth_deadline_init(struct berth_deadline *d, long timeout_ms)
{
	/* Whoever passes a timeout, the sums below stay in range (ocf.h). */
	long t = clamp(timeout_ms, 0, BERTH_OCF_TIMEOUT_MAX_MS);
	long budget = t - clamp(t / 10, 500, 5000);
	long hard = t - clamp(t / 20, 300, 2000);

	if (budget < 200)
		budget = 200;
	d->start_ms = berth_now_ms() - berth_process_age_ms();
	d->end_ms = d->start_ms + budget;
	d->hard_ms = d->start_ms + (hard > budget ? hard : budget);
}

/* What the watchdog's handler needs, prepared before it can run. */
static char watchdog_reason[512];
static size_t watchdog_len;
static volatile sig_atomic_t watchdog_code;
static volatile sig_atomic_t watchdog_decided; /* the action has its result: exit with it, silently */

static void
watchdog_fire(int sig)
{
	/* Only async-signal-safe calls: kill(2), write(2) and _exit(2). A failed write cannot be
	 * reported. A child berth waits for goes with it rather than outliving it unwatched. */
	berth_spawn_kill_running();
	if (!watchdog_decided && watchdog_code != 0) {
		ssize_t r = write(STDERR_FILENO, watchdog_reason, watchdog_len);
		(void)r;
	}
	_exit(watchdog_code);
}

void
berth_deadline_decide(int exit_code, const char *reason)
{
	sigset_t alarm, old;

	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	(void)sigprocmask(SIG_BLOCK, &alarm, &old);
	if (reason != NULL)
		berth_ocf_exit_reason(reason);
	watchdog_code = exit_code;
	watchdog_decided = 1;
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
}

int
berth_deadline_arm_watchdog(const struct berth_deadline *d, int exit_code, const char *fmt, ...)
{
	struct sigaction sa;
	struct itimerval it;
	long long left = d->hard_ms - berth_now_ms();
	va_list ap;
	int n;

	n = snprintf(watchdog_reason, sizeof(watchdog_reason), "ocf-exit-reason:");
	va_start(ap, fmt);
	vsnprintf(watchdog_reason + n, sizeof(watchdog_reason) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	watchdog_len = strlen(watchdog_reason);
	watchdog_reason[watchdog_len++] = '\n';
	watchdog_code = exit_code;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = watchdog_fire;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		return -errno;
	if (left < 1)
		left = 1;
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = (time_t)(left / 1000);
	it.it_value.tv_usec = (suseconds_t)(left % 1000) * 1000;
	return setitimer(ITIMER_REAL, &it, NULL) < 0 ? -errno : 0;
}

long
berth_deadline_left_ms(const struct berth_deadline *d)
{
	long long left = d->end_ms - berth_now_ms();

	return left > 0 ? (long)left : 0;
}

long
berth_deadline_elapsed_ms(const struct berth_deadline *d)
{
	return (long)(berth_now_ms() - d->start_ms);
}

bool
berth_deadline_expired(const struct berth_deadline *d)
{
	return berth_deadline_left_ms(d) == 0;
}

long
berth_deadline_call_ms(const struct berth_deadline *d, long cap_ms)
{
	long left = berth_deadline_left_ms(d);

	if (cap_ms > 0 && cap_ms < left)
		return cap_ms;
	return left;
}

long
berth_deadline_reserve_ms(const struct berth_deadline *d, long min_ms)
{
	long quarter = (long)((d->end_ms - d->start_ms) / 4);

	return quarter > min_ms ? quarter : min_ms;
}

bool
berth_deadline_sleep(const struct berth_deadline *d, long ms)
{
	long left = berth_deadline_left_ms(d);
	struct timespec ts;

	if (left == 0)
		return false;
	if (ms > left)
		ms = left;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return !berth_deadline_expired(d);
}
