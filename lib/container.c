/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the Engine API as domain operations on containers, and the retry policy of every call
 * (images: image.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "container-int.h"
#include "container.h"
#include "json.h"
#include "jsonc.h"
#include "log.h"
#include "ocf.h"
#include "spec.h"

/* Caps for single calls, below the operation's own deadline. */
#define CAP_EXEC_MS    60000L /* one exec of a monitor or promote command */
#define JSON_MAX_DEPTH 64     /* Docker's answers nest a handful of levels */
/* Transient failures (call): */
#define RETRY_FIRST_MS         100L  /* the first pause, doubled after each try */
#define RETRY_MAX_MS           1000L /* the longest pause */
#define RETRY_READS            3     /* tries of a read after its first */
#define RETRY_READ_MIN_LEFT_MS 1000L /* a read is tried again only with this much time left */
#define RETRY_RESERVE_MS       2000L /* waiting for a daemon leaves at least this much to the action */

/* Is this failure worth another try? A read (GET) may be repeated after a broken connection or an
 * error status of a busy daemon (5xx, but 501); nothing else is repeated once it may have reached
 * the daemon. A daemon that cannot be reached at all got nothing: while it restarts, actions that
 * wait for it (c->wait_daemon) try again. */
static bool
transient(const struct berth_client *c, const char *method, int flags, int ret, const struct berth_response *resp,
	  const berth_error_t e)
{
	bool read = strcmp(method, "GET") == 0 && !(flags & CALL_ONCE);

	if (ret == 0)
		return read && resp->status >= 500 && resp->status != 501;
	switch (berth_error_cause(e)) {
	case BERTH_E_UNREACHABLE: return c->wait_daemon;
	case BERTH_E_PROTOCOL: return read;
	default: return false;
	}
}

int
berth_container_call(struct berth_client *c, const char *method, const char *path, const char *body, long cap_ms,
		     int flags, struct berth_response *resp, berth_error_t *err)
{
	long delay_ms = RETRY_FIRST_MS;
	int tries = 0;

	for (;;) {
		berth_error_t e = NULL;
		long left;
		int ret =
			berth_engine_request(c->engine, method, path, body, berth_deadline_call_ms(c->deadline, cap_ms),
					     flags & ~CALL_ONCE, resp, &e);

		left = berth_deadline_left_ms(c->deadline);
		/* Another try only while it leaves time for what the action still has to do: a
		 * restarting daemon may take most of the budget, a busy one a few short tries. */
		if (!transient(c, method, flags, ret, resp, e) ||
		    (berth_error_cause(e) == BERTH_E_UNREACHABLE
			     ? left - delay_ms < berth_deadline_reserve_ms(c->deadline, RETRY_RESERVE_MS)
			     : ++tries > RETRY_READS || left - delay_ms < RETRY_READ_MIN_LEFT_MS)) {
			if (e != NULL && err != NULL && *err == NULL) /* the first cause wins, as everywhere */
				*err = e;
			else
				berth_error_free(&e);
			return ret;
		}
		berth_log_debug("%s %s: %s; trying again in %ld ms", method, path,
				e ? e->msg : "an error status from a busy daemon", delay_ms);
		berth_error_free(&e);
		berth_response_release(resp);
		berth_deadline_sleep(c->deadline, delay_ms);
		delay_ms = delay_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : delay_ms * 2;
	}
}

/* A non-2xx answer as an error: "<what>: <daemon's message> (HTTP n)". */
int
berth_container_http_error(const struct berth_response *resp, int cause, berth_error_t *err, const char *what)
{
	cleanup_free char *msg = berth_response_message(resp);

	return berth_error_set(err, cause, "%s: %s (HTTP %ld)", what, msg, resp->status);
}

/* Is this 404 the daemon saying the object does not exist? The router answers a path it does not
 * know (a malformed request) with 404 "page not found" too: that is an error, never "gone". */
bool
berth_container_gone(const struct berth_response *resp)
{
	cleanup_free char *msg = NULL;

	if (resp->status != 404)
		return false;
	msg = berth_response_message(resp);
	return strstr(msg, "page not found") == NULL;
}

/* The request path "/<kind>/<escaped ref><suffix>". An empty reference would make another,
 * valid request ("/containers//json"): refuse it here, before anything is sent. */
int
berth_container_object_path(const char *kind, const char *ref, const char *suffix, char **path, berth_error_t *err)
{
	cleanup_free char *eref = NULL;

	*path = NULL;
	if (ref == NULL || ref[0] == '\0')
		return berth_error_set(err, BERTH_E_FAILED, "internal error: request for %s with an empty name", kind);
	eref = berth_engine_escape(ref);
	*path = berth_xasprintf("/%s/%s%s", kind, eref, suffix ? suffix : "");
	return 0;
}

json_object *
berth_container_parse_json(const char *body, size_t len)
{
	json_tokener *tok;
	json_object *obj;

	if (body == NULL || len == 0 || len > BERTH_ENGINE_MAX_BODY)
		return NULL;
	tok = json_tokener_new_ex(JSON_MAX_DEPTH);
	if (tok == NULL)
		return NULL;
		/* dockerd only sends UTF-8: anything else is a corrupt answer, not a label to compare. json-c
		 * checks it from 0.14 (lib/jsonc.h); before, berth does, a little more strictly (it also
		 * refuses overlong forms, encoded surrogates and code points past U+10FFFF). */
#if BERTH_JSONC_HAS_PARSE_END
	json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
#else
	if (!berth_utf8_valid_n(body, len)) {
		json_tokener_free(tok);
		return NULL;
	}
#endif
	obj = json_tokener_parse_ex(tok, body, (int)len);
	if (json_tokener_get_error(tok) == json_tokener_success) {
		/* One JSON value and nothing after it but white space. */
		size_t end = berth_jsonc_parse_end(tok);
		while (end < len && (body[end] == ' ' || body[end] == '\n' || body[end] == '\r' || body[end] == '\t'))
			end++;
		if (end != len) {
			json_object_put(obj);
			obj = NULL;
		}
	} else {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

int
berth_container_parse_inspect(const char *body, size_t len, struct berth_container_info *info, berth_error_t *err)
{
	cleanup_json json_object *root = berth_container_parse_json(body, len);
	json_object *state, *running, *config, *labels, *v;

	memset(info, 0, sizeof(*info));
	state = berth_json_obj(root, "State");
	running = berth_json_typed(state, "Running", json_type_boolean);
	if (root == NULL || state == NULL || running == NULL || berth_json_str(root, "Id") == NULL)
		return berth_error_set(err, BERTH_E_PROTOCOL,
				       "the Docker daemon's inspect answer is not a container description "
				       "(malformed or unexpected JSON)");
	info->exists = true;
	info->running = json_object_get_boolean(running);
	info->id = berth_xstrdup(berth_json_str(root, "Id"));
	info->status = berth_xstrdup(berth_json_str(state, "Status"));
	info->started_at = berth_xstrdup(berth_json_str(state, "StartedAt"));
	info->finished_at = berth_xstrdup(berth_json_str(state, "FinishedAt"));
	info->error = berth_xstrdup(berth_json_str(state, "Error"));
	if (info->error != NULL && info->error[0] == '\0') {
		free(info->error);
		info->error = NULL;
	}
	if ((v = berth_json_typed(state, "ExitCode", json_type_int)) != NULL)
		info->exit_code = json_object_get_int(v);
	if ((v = berth_json_typed(state, "Pid", json_type_int)) != NULL)
		info->pid = (long)json_object_get_int64(v);
	if ((v = berth_json_typed(state, "OOMKilled", json_type_boolean)) != NULL)
		info->oom_killed = json_object_get_boolean(v);
	info->health = berth_xstrdup(berth_json_str(berth_json_obj(state, "Health"), "Status"));
	config = berth_json_obj(root, "Config");
	info->image = berth_xstrdup(berth_json_str(config, "Image"));
	labels = berth_json_obj(config, "Labels");
	if ((v = berth_json_typed(labels, BERTH_LABEL_MANAGED, json_type_string)) != NULL)
		info->managed = strcmp(json_object_get_string(v), "1") == 0;
	info->instance = berth_xstrdup(berth_json_str(labels, BERTH_LABEL_INSTANCE));
	info->config_hash = berth_xstrdup(berth_json_str(labels, BERTH_LABEL_HASH));
	info->labelled = json_object_object_get_ex(labels, BERTH_LABEL_MANAGED, NULL) ||
			 json_object_object_get_ex(labels, BERTH_LABEL_INSTANCE, NULL) ||
			 json_object_object_get_ex(labels, BERTH_LABEL_HASH, NULL);
	info->name = berth_xstrdup(berth_json_str(root, "Name"));
	if (info->name != NULL && info->name[0] == '/')
		memmove(info->name, info->name + 1, strlen(info->name));
	info->raw = json_object_get(root);
	return 0;
}

int
berth_container_inspect(struct berth_client *c, const char *name, struct berth_container_info *info, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *path = NULL;

	memset(info, 0, sizeof(*info));
	if (berth_container_object_path("containers", name, "/json", &path, err) < 0 ||
	    berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "inspecting container %s: ", name);
	if (berth_container_gone(&resp))
		return 0;
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "inspecting container");
	if (berth_container_parse_inspect(resp.body, resp.len, info, err) < 0)
		return berth_error_wrap(err, "inspecting container %s: ", name);
	return 0;
}

enum berth_engine_kind
berth_container_engine(struct berth_client *c)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_json json_object *version = NULL;
	cleanup_free char *desc = NULL;
	berth_error_t e = NULL;

	int major, minor;
	char api[24];

	if (c->kind != BERTH_ENGINE_UNKNOWN)
		return c->kind;
	/* The Server header of an answer already received says it, without another request. */
	berth_engine_api_version(c->engine, &major, &minor);
	snprintf(api, sizeof(api), "%d.%d", major, minor);
	c->kind = berth_dialect_from_server(berth_engine_server(c->engine), api, &desc);
	if (c->kind != BERTH_ENGINE_UNKNOWN) {
		berth_log_info("engine: %s", desc);
		return c->kind;
	}
	if (berth_container_call(c, "GET", "/version", NULL, CAP_QUICK_MS / 2, 0, &resp, &e) < 0 ||
	    resp.status != 200) {
		berth_log_debug("cannot tell the engine: %s", e ? e->msg : "GET /version failed");
		berth_error_free(&e);
		return BERTH_ENGINE_UNKNOWN;
	}
	version = berth_container_parse_json(resp.body, resp.len);
	c->kind = berth_dialect_detect(version, &desc);
	berth_log_info("engine: %s", desc ? desc : berth_dialect_name(c->kind));
	return c->kind;
}

static int
create_once(struct berth_client *c, const char *name, json_object *body, char **id, bool *name_held, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *ename = NULL;
	cleanup_free char *path = NULL;
	cleanup_json json_object *answer = NULL;

	*id = NULL;
	if (name == NULL || name[0] == '\0')
		return berth_error_set(err, BERTH_E_FAILED, "internal error: create without a container name");
	ename = berth_engine_escape(name);
	path = berth_xasprintf("/containers/create?name=%s", ename);
	if (berth_container_call(c, "POST", path, berth_json_text(body), CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "creating container %s: ", name);
	if (resp.status == 404) /* the image vanished between the check and the create */
		return berth_container_http_error(&resp, BERTH_E_NO_IMAGE, err, "creating container");
	if (resp.status == 400)
		/* Can be this node's doing (a --mount source missing here, an unknown runtime). What
		 * berth can check itself was refused before, as a configuration error. */
		return berth_container_http_error(&resp, BERTH_E_REJECTED, err,
						  "the Docker daemon on this node refused the container configuration");
	if (resp.status != 201) {
		cleanup_free char *msg = berth_response_message(&resp);

		*name_held = berth_dialect_error(msg) == BERTH_DIALECT_ERR_NAME_IN_USE;
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "creating container");
	}
	answer = berth_container_parse_json(resp.body, resp.len);
	*id = berth_xstrdup(berth_json_str(answer, "Id"));
	if (*id == NULL)
		return berth_error_set(err, BERTH_E_PROTOCOL,
				       "creating container %s: the daemon's answer has no container id", name);
	return 0;
}

/* Hand e over to err (where the first cause wins, as everywhere). \return -cause */
static int
hand_over(berth_error_t *err, berth_error_t *e)
{
	int cause = berth_error_cause(*e);

	if (err != NULL && *err == NULL) {
		*err = *e;
		*e = NULL;
	}
	berth_error_free(e);
	return -cause;
}

int
berth_container_create(struct berth_client *c, const char *name, json_object *body, char **id, berth_error_t *err)
{
	struct berth_container_info info = { 0 };
	berth_error_t first = NULL, e = NULL;
	bool name_held = false, gone_by_api;

	if (create_once(c, name, body, id, &name_held, &first) == 0)
		return 0;
	/* berth creates only after an inspect found no container of that name: a name still in
	 * use is one podman's storage kept after the container was gone (its shell agent runs
	 * "podman rm --storage" then). Clear it and create once more. */
	if (!name_held || berth_container_engine(c) != BERTH_ENGINE_PODMAN)
		return hand_over(err, &first);
	gone_by_api = berth_container_inspect(c, name, &info, &e) == 0 && !info.exists;
	berth_container_info_release(&info);
	berth_error_free(&e);
	if (!gone_by_api || berth_dialect_evict(c, name, &e) < 0) {
		if (e != NULL)
			berth_log_warn("%s", e->msg);
		berth_error_free(&e);
		return hand_over(err, &first);
	}
	berth_error_free(&first);
	return create_once(c, name, body, id, &name_held, err);
}

/* POST /containers/<id>/<verb>: shared by start, stop and kill. */
static int
post_verb(struct berth_client *c, const char *id, const char *verb, long cap_ms, struct berth_response *resp,
	  berth_error_t *err)
{
	cleanup_free char *path = NULL;

	if (berth_container_object_path("containers", id, verb, &path, err) < 0)
		return -BERTH_E_FAILED;
	return berth_container_call(c, "POST", path, NULL, cap_ms, 0, resp, err);
}

int
berth_container_start(struct berth_client *c, const char *id, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };

	if (post_verb(c, id, "/start", CAP_QUICK_MS * 3, &resp, err) < 0)
		return berth_error_wrap(err, "starting container: ");
	if (resp.status == 204 || resp.status == 304)
		return 0;
	return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "starting container");
}

int
berth_container_stop(struct berth_client *c, const char *id, long grace_s, long call_ms, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *verb = berth_xasprintf("/stop?t=%ld", grace_s);

	/* The daemon answers once the container has stopped, after at most the grace period and
	 * its own kill. */
	if (post_verb(c, id, verb, call_ms, &resp, err) < 0)
		return berth_error_wrap(err, "stopping container: ");
	if (resp.status == 204 || resp.status == 304 || berth_container_gone(&resp))
		return 0;
	return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "stopping container");
}

int
berth_container_kill(struct berth_client *c, const char *id, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };

	if (post_verb(c, id, "/kill", CAP_QUICK_MS, &resp, err) < 0)
		return berth_error_wrap(err, "killing container: ");
	/* 409: "is not running" -- the goal is reached. */
	if (resp.status == 204 || berth_container_gone(&resp) || resp.status == 409)
		return 0;
	return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "killing container");
}

int
berth_container_remove(struct berth_client *c, const char *id, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *path = NULL;

	if (berth_container_object_path("containers", id, "?v=1&force=1", &path, err) < 0 ||
	    berth_container_call(c, "DELETE", path, NULL, CAP_QUICK_MS * 3, 0, &resp, err) < 0)
		return berth_error_wrap(err, "removing container: ");
	if (resp.status == 204 || berth_container_gone(&resp))
		return 0;
	{
		/* podman's compatible removal refused (exec sessions left, a container it cannot
		 * stop): its own API removes harder (dialect.h; ocf_berth_docker(7), PODMAN). */
		cleanup_free char *msg = berth_response_message(&resp);
		berth_error_t e = NULL;

		if (berth_container_engine(c) == BERTH_ENGINE_PODMAN) {
			berth_log_warn("removing container %.12s refused (%s): trying podman's own removal", id, msg);
			if (berth_dialect_podman_remove(c, id, &e) == 0)
				return 0;
			berth_log_warn("podman's own removal of %.12s failed too: %s", id, e->msg);
			berth_error_free(&e);
		}
	}
	return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "removing container");
}

int
berth_container_logs(struct berth_client *c, const char *id, int lines, char **out, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_free char *suffix = berth_xasprintf("/logs?stdout=1&stderr=1&tail=%d", lines);
	cleanup_free char *path = NULL;
	int ret;

	*out = NULL;
	if ((ret = berth_container_object_path("containers", id, suffix, &path, err)) < 0 ||
	    (ret = berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS / 2, BERTH_ENGINE_KEEP_TAIL, &resp, err)) <
		    0)
		return ret;
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "reading container logs");
	*out = berth_engine_demux(resp.body ? resp.body : "", resp.len);
	return 0;
}

int
berth_container_exec_create(struct berth_client *c, const char *id, char *const *argv, char *const *envp,
			    char **exec_id, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_json json_object *req = berth_nonnull(json_object_new_object());
	cleanup_json json_object *answer = NULL;
	cleanup_free char *path = NULL;
	json_object *cmd = berth_nonnull(json_object_new_array());
	int i;

	*exec_id = NULL;
	for (i = 0; argv[i]; i++)
		berth_json_append(cmd, json_object_new_string(argv[i]));
	berth_json_set(req, "AttachStdout", json_object_new_boolean(1));
	berth_json_set(req, "AttachStderr", json_object_new_boolean(1));
	berth_json_set(req, "Cmd", cmd);
	if (envp != NULL && envp[0] != NULL) {
		json_object *env = berth_nonnull(json_object_new_array());
		for (i = 0; envp[i]; i++)
			berth_json_append(env, json_object_new_string(envp[i]));
		berth_json_set(req, "Env", env);
	}

	if (berth_container_object_path("containers", id, "/exec", &path, err) < 0 ||
	    berth_container_call(c, "POST", path, berth_json_text(req), CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "running '%s' in the container: ", argv[0]);
	if (resp.status != 201)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "creating exec");
	answer = berth_container_parse_json(resp.body, resp.len);
	*exec_id = berth_xstrdup(berth_json_str(answer, "Id"));
	if (*exec_id == NULL || (*exec_id)[0] == '\0') {
		free(*exec_id);
		*exec_id = NULL;
		return berth_error_set(err, BERTH_E_PROTOCOL, "the daemon's exec answer has no id");
	}
	return 0;
}

int
berth_container_exec_run(struct berth_client *c, const char *exec_id, const char *what, long cap_ms, int *exit_code,
			 char **output, bool *started, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_json json_object *answer = NULL;
	cleanup_free char *path = NULL;
	bool ignored;
	json_object *v;
	int ret;

	*exit_code = -1;
	if (output)
		*output = NULL;
	if (started == NULL)
		started = &ignored;
	*started = false;
	if (berth_container_object_path("exec", exec_id, "/start", &path, err) < 0)
		return -1;
	/* Not detached: the daemon streams the output and closes when the command ends. */
	ret = berth_container_call(c, "POST", path, "{\"Detach\":false,\"Tty\":false}",
				   cap_ms > 0 ? cap_ms : CAP_EXEC_MS, BERTH_ENGINE_KEEP_TAIL, &resp, err);
	/* A daemon that could not be reached got no request; one that answers with an error status
	 * did not start the command. Anything else (no answer in time, a broken stream) may have run
	 * it. */
	*started = ret < 0 ? berth_error_cause(*err) != BERTH_E_UNREACHABLE : resp.status == 200;
	if (ret < 0)
		return berth_error_wrap(err, "running '%s' in the container: ", what);
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "starting exec");
	if (output)
		*output = berth_engine_demux(resp.body ? resp.body : "", resp.len);
	berth_response_release(&resp);

	free(path);
	if (berth_container_object_path("exec", exec_id, "/json", &path, err) < 0 ||
	    berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "reading the exit status of '%s': ", what);
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "inspecting exec");
	answer = berth_container_parse_json(resp.body, resp.len);
	if ((v = berth_json_typed(answer, "Running", json_type_boolean)) != NULL && json_object_get_boolean(v))
		return berth_error_set(err, BERTH_E_PROTOCOL, "'%s' is still running in the container", what);
	if ((v = berth_json_typed(answer, "ExitCode", json_type_int)) == NULL)
		return berth_error_set(err, BERTH_E_PROTOCOL, "the daemon reported no exit status for '%s'", what);
	*exit_code = json_object_get_int(v);
	return 0;
}

int
berth_container_exec(struct berth_client *c, const char *id, char *const *argv, char *const *envp, long cap_ms,
		     int *exit_code, char **output, berth_error_t *err)
{
	cleanup_free char *exec_id = NULL;

	*exit_code = -1;
	if (output)
		*output = NULL;
	if (berth_container_exec_create(c, id, argv, envp, &exec_id, err) < 0)
		return -1;
	return berth_container_exec_run(c, exec_id, argv[0], cap_ms, exit_code, output, NULL, err);
}

int
berth_container_exec_inspect(struct berth_client *c, const char *exec_id, struct berth_exec_info *info,
			     berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_json json_object *answer = NULL;
	cleanup_free char *path = NULL;
	json_object *v;

	memset(info, 0, sizeof(*info));
	info->exit_code = -1;
	if (berth_container_object_path("exec", exec_id, "/json", &path, err) < 0 ||
	    berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "inspecting exec %.12s: ", exec_id);
	if (berth_container_gone(&resp))
		return 0;
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "inspecting exec");
	answer = berth_container_parse_json(resp.body, resp.len);
	if ((v = berth_json_typed(answer, "Running", json_type_boolean)) == NULL)
		return berth_error_set(err, BERTH_E_PROTOCOL,
				       "inspecting exec %.12s: the daemon's answer does not say whether it runs",
				       exec_id);
	info->exists = true;
	info->running = json_object_get_boolean(v);
	if ((v = berth_json_typed(answer, "Pid", json_type_int)) != NULL)
		info->pid = (long)json_object_get_int64(v);
	if (!info->running && (v = berth_json_typed(answer, "ExitCode", json_type_int)) != NULL)
		info->exit_code = json_object_get_int(v);
	return 0;
}

int
berth_container_list(struct berth_client *c, const char *label, json_object **list, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	cleanup_json json_object *filters = berth_nonnull(json_object_new_object());
	json_object *labels = berth_nonnull(json_object_new_array());
	cleanup_free char *query = NULL, *path = NULL;

	*list = NULL;
	berth_json_append(labels, json_object_new_string(label));
	berth_json_set(filters, "label", labels);
	query = berth_engine_escape(berth_json_text(filters));
	path = berth_xasprintf("/containers/json?all=1&filters=%s", query);
	if (berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "listing containers: ");
	if (resp.status != 200)
		return berth_container_http_error(&resp, BERTH_E_REFUSED, err, "listing containers");
	*list = berth_container_parse_json(resp.body, resp.len);
	if (!json_object_is_type(*list, json_type_array)) {
		json_object_put(*list);
		*list = NULL;
		return berth_error_set(err, BERTH_E_PROTOCOL, "listing containers: the answer is not a list");
	}
	return 0;
}
