/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the Engine API's image operations (image.c): look an image up, pull it with a
 * registry's credentials.
 *
 * The calls are container.c's (one client, the operation's deadline, the one retry policy), with
 * the same error convention as container.h: 0, or the negative cause with a message that names
 * the image and what the daemon or the registry said. */
#ifndef BERTH_IMAGE_H
#define BERTH_IMAGE_H

#include <stdbool.h>
#include <json-c/json.h>

#include "container.h"
#include "error.h"
#include "registry.h"

/** Does the image exist locally? */
int berth_image_exists(struct berth_client *c, const char *image, bool *exists, berth_error_t *err);

/**
 * Inspect an image (GET /images/NAME/json).
 * \param raw  out: the answer (caller puts it), or NULL when the daemon has no such image
 */
int berth_image_inspect(struct berth_client *c, const char *image, json_object **raw, berth_error_t *err);

/**
 * Split an image reference for a pull: "name@sha256:..." -> name and the digest; "name:tag" ->
 * name and tag (a ':' before the last '/' is a registry port); "name" -> name and "latest", as the
 * docker CLI does. \param name, tag out: malloc'd
 */
void berth_image_split_ref(const char *image, char **name, char **tag);

/**
 * Pull an image (its tag, or "latest" when it names none), with the credentials in auth (sent as
 * X-Registry-Auth when it holds some). While the pull runs, a line "pulling IMAGE: N of M layers
 * done, X MB of Y MB" goes to the log every BERTH_PROGRESS_INTERVAL_MS. A registry that asks for
 * credentials, or refuses them, is said so in the error, which never quotes a secret.
 * \param auth what berth_registry_lookup found (key and searched set), or NULL
 */
int berth_image_pull(struct berth_client *c, const char *image, const struct berth_registry_auth *auth,
		     berth_error_t *err);

#endif
