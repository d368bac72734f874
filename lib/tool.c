/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: cluster tools run directly (spawn.h: no shell), bounded by the deadline. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ocf.h"
#include "spawn.h"
#include "tool.h"

#define OUTPUT_MAX 2048

const char *
berth_tool_path(enum berth_hook hook, const char *path)
{
	const char *p = berth_hook(hook), *base;

	if (p != NULL)
		return p;
	if (access(path, X_OK) == 0)
		return path;
	base = strrchr(path, '/');
	return base ? base + 1 : path; /* berth_spawn_run searches PATH */
}

int
berth_tool_run(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, berth_error_t *err)
{
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	struct berth_spawn s = {
		.argv = argv,
		.what = what,
		.out_max = OUTPUT_MAX,
		.merge = true,
		.timeout_ms = berth_deadline_call_ms(d, cap_ms),
	};

	if (berth_spawn_run(&s, &r, err) < 0)
		return -1;
	if (!r.exited || r.status != 0)
		return berth_error_set(err, BERTH_E_FAILED, "%s failed (status %d): %.300s", what, r.status, r.out);
	return 0;
}

int
berth_tool_capture(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, char *out,
		   size_t size, berth_error_t *err)
{
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	struct berth_spawn s = {
		.argv = argv,
		.what = what,
		.out_max = size > 0 ? size - 1 : 0,
		.merge = true,
		.timeout_ms = berth_deadline_call_ms(d, cap_ms),
	};

	if (size == 0)
		return berth_error_set(err, EINVAL, "internal error: no room for the output of %s", what);
	if (berth_spawn_run(&s, &r, err) < 0)
		return -1;
	snprintf(out, size, "%s", r.out);
	return r.status;
}
