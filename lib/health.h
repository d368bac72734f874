/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: whether a running container is healthy by its own health check (query_docker_health),
 * which berth runs itself on podman, where nothing may run it (ocf_berth_docker(7), PODMAN). */
#ifndef BERTH_HEALTH_H
#define BERTH_HEALTH_H

#include "container.h"

struct berth_ctx;

/** Docker's own health check, when asked for. 0 healthy, 1 still starting, -1 unhealthy/absent. */
int berth_health_check(struct berth_ctx *ctx, const struct berth_container_info *info, berth_error_t *err);

#endif
