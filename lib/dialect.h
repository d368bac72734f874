/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: where podman differs from dockerd, in one place: the dialect module.
 *
 * Every difference berth knows of is a function here (or a row of ocf_berth_docker(7)'s table
 * "Where podman differs" pointing here). Two kinds, in two files:
 *
 * lib/dialect.c, how podman's Docker-compatible API says things differently: pure functions (no
 * I/O), each unit-tested alone in lib/tests/test-dialect.c:
 *   - which engine answers: GET /version names "Podman Engine" among its Components, the Server
 *     header says "Libpod/VERSION";
 *   - inspect spells what the create request left to defaults: a bind "/src:/dst" comes back as
 *     "/src:/dst:rw,rprivate,rbind", a --mount bind comes back among the Binds (HostConfig.Mounts
 *     null), a tmpfs "" as "rw,rprivate,nosuid,nodev,tmpcopyup", StopSignal "SIGTERM" as "15",
 *     and a local image "NAME:TAG" as "localhost/NAME:TAG";
 *   - a container "stopping" whose process still runs;
 *   - the errors of a start, stop, create or removal that podman's own shell agent fights (exec
 *     sessions left, a name still held by storage, a cgroup scope not found on start): recognised
 *     by their messages, so that the callers can take podman's way out.
 * berth_dialect_inspect_as_docker rewrites only spellings that mean exactly what the request
 * asked, so applying it to dockerd's answers (which echo the request) changes nothing.
 *
 * lib/dialect-libpod.c, podman's ways out, where its compatible API has none: calls to its own
 * API (libpod: /libpod/containers/...), made through container.c's calls (container-int.h: the
 * operation's deadline, the caps, the one retry policy) and tested against the canned server of
 * lib/tests/test-container.c. A file of its own so that the pure half links without the engine:
 * test-dialect needs no daemon, and test-actions, whose fake stands in for every Engine API call,
 * never pulls the real container.o out of the library through the dialect. */
#ifndef BERTH_DIALECT_H
#define BERTH_DIALECT_H

#include <stdbool.h>
#include <json-c/json.h>

#include "error.h"

enum berth_engine_kind {
	BERTH_ENGINE_UNKNOWN = 0, /**< not asked yet, or /version did not say */
	BERTH_ENGINE_DOCKER,
	BERTH_ENGINE_PODMAN,
};

/**
 * Which engine wrote this GET /version answer: podman lists a component named "Podman Engine";
 * anything else that answers the Engine API is taken for dockerd.
 * \param desc  out (may be NULL): "podman 4.3.1 (API 1.41)" or "docker 20.10.24 (API 1.41)";
 *              the caller frees it
 */
enum berth_engine_kind berth_dialect_detect(json_object *version, char **desc);

/**
 * Which engine sent an answer, from its Server header (berth_engine_server): "Docker/VERSION ..."
 * is dockerd, "Libpod/VERSION ..." podman; anything else is BERTH_ENGINE_UNKNOWN (then
 * berth_dialect_detect on GET /version decides).
 * \param api   the API version spoken, for desc
 * \param desc  out, unless NULL: malloc'd "podman 4.3.1 (API 1.41)" for the log, or NULL
 */
enum berth_engine_kind berth_dialect_from_server(const char *server, const char *api, char **desc);

/** "docker", "podman" or "unknown". */
const char *berth_dialect_name(enum berth_engine_kind kind);

/**
 * Rewrite, in place, the parts of an inspect answer that podman spells differently from what
 * the create request body asked for, into the request's own spelling (see the list above), so
 * that berth_spec_matches and berth_drift_compare compare meaning, not spelling. Parts that
 * mean something else than the request are left as they are (and show as drift).
 * \param inspect  a container's inspect answer (modified)
 * \param body     the create request it is compared with
 */
void berth_dialect_inspect_as_docker(json_object *inspect, json_object *body);

/**
 * Do two bind specifications ("/src:/dst[:opts]") mean the same bind? Options podman adds as
 * defaults (rw, rprivate, rbind) do not count, nor their order.
 */
bool berth_dialect_binds_equal(const char *a, const char *b);

/**
 * Does a container that inspect does not call running still have a process that a stop must end?
 * podman's "stopping" (a stop in flight, or one that died half-way) says Running false while its
 * process lives; removing it then, even by force, leaves the process behind without its container.
 */
bool berth_dialect_still_running(const char *status, long pid);

/** The kinds of engine error messages berth_dialect_error recognises. */
enum berth_dialect_error {
	BERTH_DIALECT_ERR_OTHER = 0,
	BERTH_DIALECT_ERR_EXEC_SESSIONS, /**< removal refused: exec sessions still exist */
	BERTH_DIALECT_ERR_NAME_IN_USE,   /**< create refused: the name is held (by storage) */
	BERTH_DIALECT_ERR_SCOPE,         /**< start failed: a systemd/cgroup scope not found */
	BERTH_DIALECT_ERR_STOPPING,      /**< the container is in the "stopping" state */
	BERTH_DIALECT_ERR_CONMON,        /**< conmon is gone: podman cannot reach the container */
};

/** Classify an engine's error message (the "message" of an error answer). */
enum berth_dialect_error berth_dialect_error(const char *message);

/* ---- podman's own API (lib/dialect-libpod.c) ---- */

struct berth_client; /* container.h, which includes this header */

/**
 * podman's own removal, DELETE /libpod/containers/REF?force=true&v=true: force ends the exec
 * sessions and the container that its compatible removal refuses to remove, and a name that
 * only its storage still holds is evicted. Gone already is success; a report with an "Err" is
 * BERTH_E_REFUSED. Only for podman (the caller has asked berth_container_engine).
 * \param ref  the container's id or name
 */
int berth_dialect_podman_remove(struct berth_client *c, const char *ref, berth_error_t *err);

/**
 * Clear a name podman's storage still holds after the container is gone (the "name is already
 * in use" of a create; its shell agent runs "podman rm --storage"): berth_dialect_podman_remove
 * of the name. Only for podman (BERTH_E_FAILED, and no request, on another engine).
 */
int berth_dialect_evict(struct berth_client *c, const char *name, berth_error_t *err);

/**
 * Run a container's health check now and read the status it leaves: podman's
 * GET /libpod/containers/ID/healthcheck (what `podman healthcheck run` does). podman runs health
 * checks from systemd timers; without systemd none runs unless asked. Only for podman. Sent
 * once: a GET, but one that runs the check, so the retry of reads never repeats it (CALL_ONCE).
 * \param status  out: "healthy", "unhealthy" or "starting" (retries left); the caller frees it
 */
int berth_dialect_healthcheck_run(struct berth_client *c, const char *id, char **status, berth_error_t *err);

#endif
