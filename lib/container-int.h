/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what container.c shares with the other modules that make Engine API calls: image.c (the
 * image operations) and dialect-libpod.c (podman's own API, dialect.h). Private to them, as
 * runopts-int.h is to the run_opts parser. */
#ifndef BERTH_CONTAINER_INT_H
#define BERTH_CONTAINER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>

#include "container.h"

#define CAP_QUICK_MS 10000L /* the cap of a single quick call: inspect, create, start, kill, remove, exec create */

/* berth_container_call()'s own flag, beside the engine's (engine.h): a GET that does something each time it is
 * sent (podman's health check runs the check) is never repeated. */
#define CALL_ONCE (1 << 16)

/** One Engine API call under the client's deadline (capped at cap_ms), with container.c's retry
 * policy: a read is tried again after a broken connection or a busy daemon's 5xx, and every call
 * while a restarting daemon cannot be reached (when the action waits for it). */
int berth_container_call(struct berth_client *c, const char *method, const char *path, const char *body, long cap_ms,
			 int flags, struct berth_response *resp, berth_error_t *err);

/** A non-2xx answer as an error: "<what>: <daemon's message> (HTTP n)". \return -cause */
int berth_container_http_error(const struct berth_response *resp, int cause, berth_error_t *err, const char *what);

/** Is this 404 the daemon saying the object does not exist (not the router's "page not found")? */
bool berth_container_gone(const struct berth_response *resp);

/** The request path "/<kind>/<escaped ref><suffix>"; an empty ref is refused. \return 0 or -1 */
int berth_container_object_path(const char *kind, const char *ref, const char *suffix, char **path, berth_error_t *err);

/** An answer's JSON (depth-limited), or NULL. */
json_object *berth_container_parse_json(const char *body, size_t len);

#endif
