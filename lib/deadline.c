/* berth: the time budget of the running operation. */
#include "config.h"

#include <errno.h>
#include <time.h>

#include "deadline.h"

long long
berth_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
berth_deadline_init(struct berth_deadline *d, long timeout_ms)
{
	long margin = timeout_ms / 10, budget;

	if (margin < 500)
		margin = 500;
	if (margin > 5000)
		margin = 5000;
	budget = timeout_ms - margin;
	if (budget < 200)
		budget = 200;
	d->start_ms = berth_now_ms();
	d->end_ms = d->start_ms + budget;
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
