/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the create request from the parameters, and every check start and validate-all make on
 * the way (the parameters, run_opts, the words of run_cmd and of each *_cmd). The actions and
 * berth explain (agent/admin.c) build it here, so both see the same problems. */
#ifndef BERTH_REQUEST_H
#define BERTH_REQUEST_H

#include <json-c/json.h>

#include "cleanup.h"
#include "params.h"
#include "spec.h"

/** The container a resource asks for. Release with berth_request_release. */
struct berth_request {
	struct berth_spec *spec; /**< run_opts parsed (what they need of the daemon: check_api) */
	json_object *body;       /**< the body of POST /containers/create */
	char *hash;              /**< its configuration hash (the config-hash label) */
};

/**
 * Check the whole configuration and build the create request.
 * \param each  NULL: stop at the first problem. Else every problem is handed to each(arg, problem)
 *              and the checks go on where they can: all of berth_params_check's, each command
 *              parameter on its own; run_opts stops at its first problem (the parser cannot
 *              read on after a bad word). The request is built only when there is none.
 * \param err   out: the first problem (cause BERTH_E_CONFIG); may be NULL
 * \return 0 with req filled, or -1 when there was a problem (req then holds nothing)
 */
int berth_request_build(const struct berth_params *p, struct berth_request *req, berth_problem_fn each, void *arg,
			berth_error_t *err);

/** Free what berth_request_build filled in, and zero it. */
void berth_request_release(struct berth_request *req);

BERTH_DEFINE_CLEANUP_STRUCT(request, struct berth_request, berth_request_release)

#endif
