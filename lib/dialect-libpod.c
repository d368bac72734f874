/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what berth asks of podman's own API (libpod) where its Docker-compatible one has no way
 * (dialect.h). Through container.c's calls (container-int.h): the same deadline, caps and retry
 * policy as every other call. */
#include "config.h"

#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "container-int.h"
#include "dialect.h"
#include "json.h"
#include "log.h"

int
berth_dialect_podman_remove(struct berth_client *c, const char *ref, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *path = NULL;
	cleanup_json json_object *report = NULL;
	size_t i;
	int ret;

	if ((ret = berth_container_object_path("libpod/containers", ref, "?force=true&v=true", &path, err)) < 0 ||
	    (ret = berth_container_call(c, "DELETE", path, NULL, CAP_QUICK_MS * 3, 0, &resp, err)) < 0)
		return ret;
	if (resp.status == 404 && berth_container_gone(&resp))
		return 0;
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "removing container (podman)");
	/* 200 with a report per container, each with its "Err". */
	report = berth_container_parse_json(resp.body, resp.len);
	for (i = 0; json_object_is_type(report, json_type_array) && i < json_object_array_length(report); i++) {
		json_object *e = berth_json_typed(json_object_array_get_idx(report, i), "Err", json_type_string);

		if (e != NULL && json_object_get_string(e)[0] != '\0')
			return berth_error_set(err, BERTH_E_REFUSED, "removing container (podman): %.300s",
					       json_object_get_string(e));
	}
	return 0;
}

int
berth_dialect_healthcheck_run(struct berth_client *c, const char *id, char **status, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *path = NULL;
	cleanup_json json_object *answer = NULL;

	*status = NULL;
	/* A GET that runs the check: never repeated by berth_container_call()'s retry of reads. */
	if (berth_container_object_path("libpod/containers", id, "/healthcheck", &path, err) < 0 ||
	    berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS * 3, CALL_ONCE, &resp, err) < 0)
		return berth_error_wrap(err, "running the health check of %.12s: ", id);
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "running the health check (podman)");
	answer = berth_container_parse_json(resp.body, resp.len);
	*status = berth_xstrdup(berth_json_str(answer, "Status"));
	if (*status == NULL)
		return berth_error_set(err, BERTH_E_PROTOCOL, "podman's health check answer of %.12s has no Status",
				       id);
	return 0;
}

int
berth_dialect_evict(struct berth_client *c, const char *name, berth_error_t *err)
{
	if (berth_container_engine(c) != BERTH_ENGINE_PODMAN)
		return berth_error_set(err, BERTH_E_FAILED, "only podman keeps names in storage");
	berth_log_warn("container name %s is still held by podman's storage: removing it there", name);
	if (berth_dialect_podman_remove(c, name, err) < 0)
		return berth_error_wrap(err, "clearing the name %s: ", name);
	return 0;
}
