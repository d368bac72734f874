/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: how a running container differs from what its resource asks for now (berth explain
 * --diff), field by field: the configuration hash berth compares at start, the image (tag, and
 * the image the tag named then and names now), command, binds, environment, network, labels, the
 * restart policy, and anything else the create request sets. */
#ifndef BERTH_DRIFT_H
#define BERTH_DRIFT_H

#include <json-c/json.h>

/**
 * Compare a container with a create request.
 * \param body         the create request the resource's parameters give now
 * \param hash         its configuration hash
 * \param inspect      the container's inspect answer
 * \param image_id_now the id of the image the request's tag names now, or NULL when it names none
 * \return a new object (caller puts it): {"drifted": bool, "recreate": bool (berth's next start
 *         would recreate it: the hashes differ), "fields": [{"field", "want", "have", "same",
 *         "note"?}, ...]}; "want"/"have" are JSON values or null
 */
json_object *berth_drift_compare(json_object *body, const char *hash, json_object *inspect, const char *image_id_now);

#endif
