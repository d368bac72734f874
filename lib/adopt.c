/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: whose container this is: this resource's own, adopted, or foreign (adopt.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "adopt.h"
#include "alloc.h"
#include "cleanup.h"
#include "log.h"
#include "record.h"
#include "request.h"
#include "spec.h"

/* "rsc:3" and "rsc" name the same resource: clone numbers are already in the container name. */
static bool
same_instance(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return false;
	la = strcspn(a, ":");
	lb = strcspn(b, ":");
	return la == lb && strncmp(a, b, la) == 0;
}

bool
berth_adopt_owned(const struct berth_ctx *ctx, const struct berth_container_info *info)
{
	return info->managed && same_instance(info->instance, ctx->params->instance);
}

/* The first thing an adoption comparison says differs: the field's name, without the values
 * (berth_spec_matches names the field first, then ':'; issue 20: no values in logs or reasons). */
static char *
first_field(const char *why)
{
	size_t n = why != NULL ? strcspn(why, ":") : 0;

	if (why == NULL || n == 0)
		return berth_xstrdup("something");
	return berth_xstrndup(why, n < 80 ? n : 80);
}

bool
berth_adopt_check(struct berth_ctx *ctx, const struct berth_container_info *info, char **why)
{
	berth_cleanup(request) struct berth_request req = { 0 };
	cleanup_free char *diff = NULL, *field = NULL;
	berth_error_t err = NULL;
	const char *name = ctx->params->name;
	char *because = NULL;

	/* Short: the reason this goes into is cut at 128 characters in the CIB (Pacemaker's
	 * EXIT_REASON_MAX_LEN), and the way out must still fit. */
	if (info->labelled)
		because = berth_xstrdup(berth_adopt_owned(ctx, info)              ? "berth's own"
					: info->managed && info->instance != NULL ? "labelled for another resource"
										  : "partly labelled by berth");
	else if (info->raw == NULL || info->name == NULL || strcmp(info->name, name) != 0)
		because = berth_xstrdup("its inspect cannot be compared");
	else if (berth_request_build(ctx->params, &req, NULL, NULL, &err) < 0) {
		because = berth_xstrdup("the configuration cannot be compared: see validate-all");
		berth_error_free(&err);
	} else if (!berth_spec_matches(req.body, info->raw, &diff)) {
		field = first_field(diff);
		because = berth_xasprintf("its %s differs", field);
	}
	if (because != NULL) {
		/* The log has room for the whole comparison: every key that differs, no value
		 * (berth_spec_matches redacts them). */
		if (!info->labelled && diff != NULL)
			berth_log_warn("container %s (%.12s) has no berth labels and is not what %s asks for (%s): "
				       "leaving it alone",
				       name, info->id ? info->id : "?", ctx->params->instance, diff);
		else if (!info->labelled)
			berth_log_warn("container %s (%.12s) has no berth labels and is not adopted: %s", name,
				       info->id ? info->id : "?", because);
		if (why != NULL)
			*why = because;
		else
			free(because);
		return false;
	}
	/* Said once, when berth takes the container over: the monitors after it find their record of
	 * this very run (record.h) and say it only to the debug log. */
	if (berth_record_adopted(ctx, info))
		berth_log_debug("container %s (%.12s) is the run berth adopted for %s", name, info->id,
				ctx->params->instance);
	else
		berth_log_notice("container %s (%.12s) has no berth labels but is exactly what %s asks for (made by "
				 "ocf:heartbeat:docker): adopting it until the resource next stops",
				 name, info->id, ctx->params->instance);
	return true;
}

bool
berth_adopt_ours(struct berth_ctx *ctx, const struct berth_container_info *info, char **why)
{
	if (why != NULL)
		*why = NULL;
	return berth_adopt_owned(ctx, info) || berth_adopt_check(ctx, info, why);
}

bool
berth_adopt_process_runs(const struct berth_container_info *info)
{
	return info->running || berth_dialect_still_running(info->status, info->pid);
}

int
berth_adopt_refuse_foreign(struct berth_ctx *ctx, const struct berth_container_info *info, const char *why,
			   berth_error_t *err)
{
	const char *inst = ctx->params->instance;
	int base = (int)strcspn(inst, ":");

	return berth_error_set(
		err, BERTH_E_FOREIGN,
		"foreign container %s (%s) runs: berth explain --diff %.*s, remove it or match it; berth leaves "
		"it alone and cannot report %s stopped while it runs (container %.12s)",
		ctx->params->name, why ? why : "not made by berth for it", base, inst, inst, info->id ? info->id : "?");
}
