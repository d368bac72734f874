/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: whose container this is -- this resource's own (berth's labels), one berth adopts from
 * ocf:heartbeat:docker (ocf_berth_docker(7), CONTAINERS, "Adopting ocf:heartbeat:docker's
 * containers"), or a foreign one berth leaves alone -- and whether a process of it runs. */
#ifndef BERTH_ADOPT_H
#define BERTH_ADOPT_H

#include <stdbool.h>
#include "container.h"

struct berth_ctx;

/** Did berth create this container for this resource? */
bool berth_adopt_owned(const struct berth_ctx *ctx, const struct berth_container_info *info);

/** Is this the container ocf:heartbeat:docker made for this resource before berth served it? Only
 * when provably so: its exact name, none of berth's labels, and everything berth would ask for
 * (berth_spec_matches). berth then acts on it as on its own until the resource next stops, and
 * the next start creates a labelled container in its place (ocf_berth_docker(7), CONTAINERS,
 * "Adopting ocf:heartbeat:docker's containers"; docs/switching.md). Anything else without
 * berth's labels is never touched.
 * \param why  out, unless NULL, when it is not: malloc'd, why not, naming fields but no values */
bool berth_adopt_check(struct berth_ctx *ctx, const struct berth_container_info *info, char **why);

/** May berth act on this container for this resource? \param why as berth_adopt_check's */
bool berth_adopt_ours(struct berth_ctx *ctx, const struct berth_container_info *info, char **why);

/** Does a process of this container run (podman's "stopping" included: dialect.h)? */
bool berth_adopt_process_runs(const struct berth_container_info *info);

/** The resource's container name is taken by a container that runs and that berth may not touch:
 * the reason names it, says why it is not this resource's (field names, no values), and the ways
 * out, in that order and short: Pacemaker keeps the first 128 characters of a reason in the CIB.
 * Its cause, BERTH_E_FOREIGN, gives the action's result (never "stopped": actions.c,
 * cause_results).
 * \return -BERTH_E_FOREIGN, with err */
int berth_adopt_refuse_foreign(struct berth_ctx *ctx, const struct berth_container_info *info, const char *why,
			       berth_error_t *err);

#endif
