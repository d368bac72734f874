/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the Engine API as domain operations on containers (images: image.h), and the client
 * that every Engine API call takes.
 *
 * Each call takes its time limit from the operation's deadline and returns 0, or the negative
 * cause with an error whose message names the container and what the daemon said (error.h):
 * the engine's causes (unreachable, timed out, protocol, too large, API too old), BERTH_E_REFUSED
 * for an error status, and on create BERTH_E_REJECTED (HTTP 400) or BERTH_E_NO_IMAGE (404).
 * A 404 counts as "the object is gone" only when the daemon says so, never when its router does
 * not know the path. */
#ifndef BERTH_CONTAINER_H
#define BERTH_CONTAINER_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "cleanup.h"
#include "deadline.h"
#include "dialect.h"
#include "engine.h"
#include "ocf.h"

/** What one inspect says about a container. Free with berth_container_info_release. */
struct berth_container_info {
	bool exists;
	bool running;
	bool oom_killed;
	int exit_code;
	long pid;
	char *id;
	char *status;      /**< "created", "running", "exited", ... */
	char *started_at;  /**< State.StartedAt, identifies one run of the container */
	char *finished_at; /**< State.FinishedAt, or NULL */
	char *health;      /**< State.Health.Status, or NULL without a health check */
	char *error;       /**< State.Error, or NULL */
	char *image;       /**< Config.Image */
	bool managed;      /**< carries berth's managed label */
	char *instance;    /**< berth's instance label, or NULL */
	char *config_hash; /**< berth's config-hash label, or NULL */
	char *name;        /**< Name without its leading '/' */
	bool labelled;     /**< carries any of berth's labels (then it is never adopted) */
	json_object *raw;  /**< the whole inspect answer (owned reference) */
};

/** The client side of one action: the engine and the operation's deadline. */
struct berth_client {
	struct berth_engine *engine;
	const struct berth_deadline *deadline;
	/** Wait for a daemon that cannot be reached (restarting) instead of failing at once, as
	 *  long as it leaves the action its reserve (berth_deadline_reserve_ms). start and stop
	 *  set it; a monitor answers at once. */
	bool wait_daemon;
	/** Which engine serves the socket, once berth_container_engine has asked (else UNKNOWN). */
	enum berth_engine_kind kind;
};

/**
 * A client of the daemon at socket_path, every call bounded by deadline (no connection is made
 * yet). Release with berth_engine_free(c->engine). Inline, as berth_container_info_release.
 * \return 0, or -1 with err when libcurl cannot be initialised
 */
static inline int
berth_client_open(struct berth_client *c, const char *socket_path, const struct berth_deadline *deadline,
		  berth_error_t *err)
{
	memset(c, 0, sizeof(*c));
	c->deadline = deadline;
	c->engine = berth_engine_new(socket_path);
	if (c->engine == NULL) {
		berth_error_set(err, BERTH_E_FAILED, "cannot initialise libcurl");
		return -1;
	}
	return 0;
}

/**
 * Free what an inspect filled in and zero the struct. Inline so that the tests' fake container
 * module (lib/tests/fake-container.c) shares it instead of copying it.
 */
static inline void
berth_container_info_release(struct berth_container_info *info)
{
	free(info->id);
	free(info->status);
	free(info->started_at);
	free(info->finished_at);
	free(info->health);
	free(info->error);
	free(info->image);
	free(info->instance);
	free(info->config_hash);
	free(info->name);
	json_object_put(info->raw);
	memset(info, 0, sizeof(*info));
}
BERTH_DEFINE_CLEANUP_STRUCT(info, struct berth_container_info, berth_container_info_release)

/**
 * Which engine serves the socket: told by the Server header of an answer already received
 * (berth_dialect_from_server), else asked with GET /version (dialect.h); then remembered in c and
 * logged once. Only the paths where podman's way differs (a removal or create refused, a failed
 * start, a health check to run) need it, and they come after an inspect: in practice no request
 * is made for it.
 * \return the kind; BERTH_ENGINE_UNKNOWN when neither says (asked again next time)
 */
enum berth_engine_kind berth_container_engine(struct berth_client *c);

/**
 * Inspect a container by name or id. A container that does not exist is not an error:
 * info->exists is false.
 */
int berth_container_inspect(struct berth_client *c, const char *name, struct berth_container_info *info,
			    berth_error_t *err);

/**
 * Parse an inspect answer (exposed for tests and fuzzing).
 * \return 0, or -1 with err when the JSON does not have the shape of a container
 */
int berth_container_parse_inspect(const char *body, size_t len, struct berth_container_info *info, berth_error_t *err);

/** Create a container from a create body. \param id out: malloc'd id */
int berth_container_create(struct berth_client *c, const char *name, json_object *body, char **id, berth_error_t *err);

int berth_container_start(struct berth_client *c, const char *id, berth_error_t *err);

/**
 * Stop gracefully with grace_s seconds before the daemon kills it, waiting at most call_ms for
 * the daemon's answer. Gone already is success.
 */
int berth_container_stop(struct berth_client *c, const char *id, long grace_s, long call_ms, berth_error_t *err);

/** SIGKILL. Gone or not running is success. */
int berth_container_kill(struct berth_client *c, const char *id, berth_error_t *err);

/** Remove with its anonymous volumes (force). Gone is success. */
int berth_container_remove(struct berth_client *c, const char *id, berth_error_t *err);

/** The last `lines` lines of the container's output. \param out malloc'd text */
int berth_container_logs(struct berth_client *c, const char *id, int lines, char **out, berth_error_t *err);

/**
 * Run argv inside a running container (exec API, no shell) and wait for it, bounded by cap_ms and
 * the deadline: berth_container_exec_create, then berth_container_exec_run.
 * \param envp      NULL-terminated "NAME=value" list added to the command's environment, or NULL
 * \param exit_code out: the command's exit status
 * \param output    out: malloc'd combined stdout/stderr (bounded), may be NULL
 */
int berth_container_exec(struct berth_client *c, const char *id, char *const *argv, char *const *envp, long cap_ms,
			 int *exit_code, char **output, berth_error_t *err);

/**
 * Create an exec of argv in a running container, without starting it.
 * \param exec_id out: malloc'd id of the exec; caller frees
 */
int berth_container_exec_create(struct berth_client *c, const char *id, char *const *argv, char *const *envp,
				char **exec_id, berth_error_t *err);

/**
 * Start a created exec, wait for it (bounded by cap_ms and the deadline) and read its exit status.
 * An exec that is still running when the time runs out keeps running in the container: Docker
 * cannot stop one.
 * \param what      the command, for messages
 * \param exit_code out: the command's exit status
 * \param output    out: malloc'd combined stdout/stderr (bounded), may be NULL
 * \param started   out, unless NULL: false when it failed before the command could run (the
 *                  daemon could not be reached, or refused to start the exec), so that trying
 *                  again cannot run it twice; true once the start request may have run it
 */
int berth_container_exec_run(struct berth_client *c, const char *exec_id, const char *what, long cap_ms, int *exit_code,
			     char **output, bool *started, berth_error_t *err);

/** What the daemon says about one exec (GET /exec/<id>/json). */
struct berth_exec_info {
	bool exists;   /**< false when the daemon no longer knows it (404) */
	bool running;  /**< the command still runs */
	long pid;      /**< its process on the host, 0 when unknown */
	int exit_code; /**< -1 while running or unknown */
};

/** Ask the daemon about an exec. An exec the daemon does not know is not an error: exists is false. */
int berth_container_exec_inspect(struct berth_client *c, const char *exec_id, struct berth_exec_info *info,
				 berth_error_t *err);

/**
 * The containers, running or not, that carry a label (GET /containers/json?all=1 with a label
 * filter, e.g. "org.clusterlabs.berth.managed=1"), as the daemon lists them.
 * \param list  out: a JSON array (caller puts it)
 */
int berth_container_list(struct berth_client *c, const char *label, json_object **list, berth_error_t *err);

#endif
