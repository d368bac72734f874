/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a container's own health check, as monitor and start read it (health.h). */
#include "config.h"

#include <string.h>

#include "actions.h"
#include "cleanup.h"
#include "health.h"
#include "log.h"

int
berth_health_check(struct berth_ctx *ctx, const struct berth_container_info *info, berth_error_t *err)
{
	const char *health = info->health;
	cleanup_free char *fresh = NULL;

	if (!ctx->params->query_docker_health)
		return 0;
	if (health == NULL) {
		berth_log_warn("query_docker_health is set but container %s has no health check", ctx->params->name);
		return 0;
	}
	/* podman runs health checks from systemd timers: without systemd none runs and the status
	 * stays "starting" for ever. berth runs it, as `podman healthcheck run` does
	 * (ocf_berth_docker(7), PODMAN); with systemd this is one more run of the same check. */
	if (info->running && berth_container_engine(ctx->client) == BERTH_ENGINE_PODMAN) {
		berth_error_t e = NULL;

		if (berth_dialect_healthcheck_run(ctx->client, info->id, &fresh, &e) == 0)
			health = fresh;
		else
			berth_log_warn("%s; using the status inspect reports", e->msg);
		berth_error_free(&e);
	}
	if (strcmp(health, "healthy") == 0)
		return 0;
	if (strcmp(health, "starting") == 0)
		return 1;
	return berth_error_set(err, BERTH_E_FAILED, "container %s is %s according to its Docker health check",
			       ctx->params->name, health);
}
