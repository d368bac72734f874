/* berth: the Engine API as domain operations on containers and images. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "log.h"
#include "spec.h"

/* Caps for single calls, below the operation's own deadline. */
#define CAP_QUICK_MS 10000L     /* inspect, create, start, kill, remove, exec create */
#define CAP_EXEC_MS 60000L      /* one exec of a monitor or promote command */
#define JSON_MAX_DEPTH 64       /* Docker's answers nest a handful of levels */

static void
cleanup_freep(void *p)
{
	free(*(void **)p);
}
#define cleanup_free __attribute__((cleanup(cleanup_freep)))

static void
cleanup_jsonp(json_object **o)
{
	json_object_put(*o);
}
#define cleanup_json __attribute__((cleanup(cleanup_jsonp)))

static void
cleanup_resp(struct berth_response *r)
{
	berth_response_release(r);
}
#define cleanup_response __attribute__((cleanup(cleanup_resp)))

bool
berth_container_unreachable(const struct berth_client *c)
{
	return c->last_failure == BERTH_ENGINE_EUNREACHABLE;
}

bool
berth_container_too_old(const struct berth_client *c)
{
	return c->last_failure == BERTH_ENGINE_EVERSION;
}

static int
call(struct berth_client *c, const char *method, const char *path, const char *body, long cap_ms,
     int flags, struct berth_response *resp, berth_error_t *err)
{
	long ms = berth_deadline_call_ms(c->deadline, cap_ms);
	int ret;

	c->last_failure = 0;
	ret = berth_engine_request(c->engine, method, path, body, ms, flags, resp, err);
	if (ret < 0)
		c->last_failure = ret;
	return ret;
}

/* A non-2xx answer as an error: "<what>: <daemon's message> (HTTP n)". */
static int
http_error(struct berth_client *c, const struct berth_response *resp, enum berth_result result,
	   berth_error_t *err, const char *what)
{
	cleanup_free char *msg = berth_response_message(resp);

	c->last_failure = BERTH_ENGINE_EFAIL;
	return berth_error_set(err, result, "%s: %s (HTTP %ld)", what, msg ? msg : "?", resp->status);
}

static json_object *
parse_json(const char *body, size_t len)
{
	json_tokener *tok;
	json_object *obj;

	if (body == NULL || len == 0 || len > BERTH_ENGINE_MAX_BODY)
		return NULL;
	tok = json_tokener_new_ex(JSON_MAX_DEPTH);
	if (tok == NULL)
		return NULL;
	/* dockerd only sends UTF-8: anything else is a corrupt answer, not a label to compare. */
	json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
	obj = json_tokener_parse_ex(tok, body, (int)len);
	if (json_tokener_get_error(tok) == json_tokener_success) {
		/* One JSON value and nothing after it but white space. */
		size_t end = json_tokener_get_parse_end(tok);
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

static json_object *
get(json_object *o, const char *key, json_type type)
{
	json_object *v;

	if (o == NULL || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static char *
dup_string(json_object *o, const char *key)
{
	json_object *v = get(o, key, json_type_string);

	return v ? strdup(json_object_get_string(v)) : NULL;
}

int
berth_container_parse_inspect(const char *body, size_t len, struct berth_container_info *info,
			      berth_error_t *err)
{
	cleanup_json json_object *root = parse_json(body, len);
	json_object *state, *running, *config, *labels, *v;

	memset(info, 0, sizeof(*info));
	state = get(root, "State", json_type_object);
	running = get(state, "Running", json_type_boolean);
	if (root == NULL || state == NULL || running == NULL || get(root, "Id", json_type_string) == NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR,
				       "the Docker daemon's inspect answer is not a container description "
				       "(malformed or unexpected JSON)");
	info->exists = true;
	info->running = json_object_get_boolean(running);
	info->id = dup_string(root, "Id");
	info->status = dup_string(state, "Status");
	info->started_at = dup_string(state, "StartedAt");
	info->error = dup_string(state, "Error");
	if (info->error != NULL && info->error[0] == '\0') {
		free(info->error);
		info->error = NULL;
	}
	if ((v = get(state, "ExitCode", json_type_int)) != NULL)
		info->exit_code = json_object_get_int(v);
	if ((v = get(state, "Pid", json_type_int)) != NULL)
		info->pid = (long)json_object_get_int64(v);
	if ((v = get(state, "OOMKilled", json_type_boolean)) != NULL)
		info->oom_killed = json_object_get_boolean(v);
	info->health = dup_string(get(state, "Health", json_type_object), "Status");
	config = get(root, "Config", json_type_object);
	info->image = dup_string(config, "Image");
	labels = get(config, "Labels", json_type_object);
	if ((v = get(labels, BERTH_LABEL_MANAGED, json_type_string)) != NULL)
		info->managed = strcmp(json_object_get_string(v), "1") == 0;
	info->instance = dup_string(labels, BERTH_LABEL_INSTANCE);
	info->config_hash = dup_string(labels, BERTH_LABEL_HASH);
	if (info->id == NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR, "out of memory");
	return 0;
}

int
berth_container_inspect(struct berth_client *c, const char *name, struct berth_container_info *info,
			berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *ename = berth_engine_escape(name);
	char path[1024];

	memset(info, 0, sizeof(*info));
	snprintf(path, sizeof(path), "/containers/%s/json", ename ? ename : "");
	if (call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "inspecting container %s: ", name);
	if (resp.status == 404)
		return 0;
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "inspecting container");
	if (berth_container_parse_inspect(resp.body, resp.len, info, err) < 0) {
		c->last_failure = BERTH_ENGINE_EPROTO;
		return berth_error_wrap(err, "inspecting container %s: ", name);
	}
	return 0;
}

int
berth_container_create(struct berth_client *c, const char *name, json_object *body, char **id,
		       berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *ename = berth_engine_escape(name);
	cleanup_json json_object *answer = NULL;
	char path[1024];

	*id = NULL;
	snprintf(path, sizeof(path), "/containers/create?name=%s", ename ? ename : "");
	if (call(c, "POST", path, json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN), CAP_QUICK_MS,
		 0, &resp, err) < 0)
		return berth_error_wrap(err, "creating container %s: ", name);
	if (resp.status == 404) {
		/* The image vanished between the check and the create. */
		return http_error(c, &resp, BERTH_RESULT_NOT_INSTALLED, err, "creating container");
	}
	if (resp.status == 400)
		/* Can be this node's doing (a --mount source missing here, an unknown runtime): a
		 * node-local failure, not OCF_ERR_CONFIGURED, which would ban the resource everywhere.
		 * What berth can check itself was refused before with exit 6. */
		return http_error(c, &resp, BERTH_RESULT_NOT_INSTALLED, err,
				  "the Docker daemon on this node refused the container configuration");
	if (resp.status != 201)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "creating container");
	answer = parse_json(resp.body, resp.len);
	*id = dup_string(answer, "Id");
	if (*id == NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR,
				       "creating container %s: the daemon's answer has no container id", name);
	return 0;
}

/* POST /containers/<id>/<verb>: shared by start, stop and kill. */
static int
post_verb(struct berth_client *c, const char *id, const char *verb, const char *query, long cap_ms,
	  struct berth_response *resp, berth_error_t *err)
{
	cleanup_free char *eid = berth_engine_escape(id);
	char path[1024];

	snprintf(path, sizeof(path), "/containers/%s/%s%s", eid ? eid : "", verb, query ? query : "");
	return call(c, "POST", path, NULL, cap_ms, 0, resp, err);
}

int
berth_container_start(struct berth_client *c, const char *id, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };

	if (post_verb(c, id, "start", NULL, CAP_QUICK_MS * 3, &resp, err) < 0)
		return berth_error_wrap(err, "starting container: ");
	if (resp.status == 204 || resp.status == 304)
		return 0;
	return http_error(c, &resp, BERTH_RESULT_ERROR, err, "starting container");
}

int
berth_container_stop(struct berth_client *c, const char *id, long grace_s, long call_ms, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	char query[32];

	snprintf(query, sizeof(query), "?t=%ld", grace_s);
	/* The daemon answers once the container has stopped, after at most the grace period and
	 * its own kill. */
	if (post_verb(c, id, "stop", query, call_ms, &resp, err) < 0)
		return berth_error_wrap(err, "stopping container: ");
	if (resp.status == 204 || resp.status == 304 || resp.status == 404)
		return 0;
	return http_error(c, &resp, BERTH_RESULT_ERROR, err, "stopping container");
}

int
berth_container_kill(struct berth_client *c, const char *id, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };

	if (post_verb(c, id, "kill", NULL, CAP_QUICK_MS, &resp, err) < 0)
		return berth_error_wrap(err, "killing container: ");
	/* 409: "is not running" -- the goal is reached. */
	if (resp.status == 204 || resp.status == 404 || resp.status == 409)
		return 0;
	return http_error(c, &resp, BERTH_RESULT_ERROR, err, "killing container");
}

int
berth_container_remove(struct berth_client *c, const char *id, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *eid = berth_engine_escape(id);
	char path[1024];

	snprintf(path, sizeof(path), "/containers/%s?v=1&force=1", eid ? eid : "");
	if (call(c, "DELETE", path, NULL, CAP_QUICK_MS * 3, 0, &resp, err) < 0)
		return berth_error_wrap(err, "removing container: ");
	if (resp.status == 204 || resp.status == 404)
		return 0;
	return http_error(c, &resp, BERTH_RESULT_ERROR, err, "removing container");
}

int
berth_container_logs(struct berth_client *c, const char *id, int lines, char **out, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *eid = berth_engine_escape(id);
	char path[1024];

	*out = NULL;
	snprintf(path, sizeof(path), "/containers/%s/logs?stdout=1&stderr=1&tail=%d", eid ? eid : "", lines);
	if (call(c, "GET", path, NULL, CAP_QUICK_MS / 2, BERTH_ENGINE_KEEP_TAIL, &resp, err) < 0)
		return -1;
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "reading container logs");
	*out = berth_engine_demux(resp.body ? resp.body : "", resp.len);
	return *out ? 0 : berth_error_set(err, BERTH_RESULT_ERROR, "out of memory");
}

int
berth_container_exec(struct berth_client *c, const char *id, char *const *argv, char *const *envp, long cap_ms,
		     int *exit_code, char **output, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_json json_object *req = json_object_new_object();
	cleanup_json json_object *answer = NULL;
	cleanup_free char *eid = berth_engine_escape(id);
	cleanup_free char *exec_id = NULL;
	cleanup_free char *eexec = NULL;
	json_object *cmd = json_object_new_array(), *v;
	char path[1024];
	int i;

	*exit_code = -1;
	if (output)
		*output = NULL;
	for (i = 0; argv[i]; i++)
		json_object_array_add(cmd, json_object_new_string(argv[i]));
	json_object_object_add(req, "AttachStdout", json_object_new_boolean(1));
	json_object_object_add(req, "AttachStderr", json_object_new_boolean(1));
	json_object_object_add(req, "Cmd", cmd);
	if (envp != NULL && envp[0] != NULL) {
		json_object *env = json_object_new_array();
		for (i = 0; envp[i]; i++)
			json_object_array_add(env, json_object_new_string(envp[i]));
		json_object_object_add(req, "Env", env);
	}

	snprintf(path, sizeof(path), "/containers/%s/exec", eid ? eid : "");
	if (call(c, "POST", path, json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN), CAP_QUICK_MS, 0,
		 &resp, err) < 0)
		return berth_error_wrap(err, "running '%s' in the container: ", argv[0]);
	if (resp.status != 201)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "creating exec");
	answer = parse_json(resp.body, resp.len);
	exec_id = dup_string(answer, "Id");
	if (exec_id == NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR, "the daemon's exec answer has no id");
	eexec = berth_engine_escape(exec_id);
	berth_response_release(&resp);

	/* Not detached: the daemon streams the output and closes when the command ends. */
	snprintf(path, sizeof(path), "/exec/%s/start", eexec ? eexec : "");
	if (call(c, "POST", path, "{\"Detach\":false,\"Tty\":false}", cap_ms > 0 ? cap_ms : CAP_EXEC_MS,
		 BERTH_ENGINE_KEEP_TAIL, &resp, err) < 0)
		return berth_error_wrap(err, "running '%s' in the container: ", argv[0]);
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "starting exec");
	if (output)
		*output = berth_engine_demux(resp.body ? resp.body : "", resp.len);
	berth_response_release(&resp);

	snprintf(path, sizeof(path), "/exec/%s/json", eexec ? eexec : "");
	if (call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "reading the exit status of '%s': ", argv[0]);
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "inspecting exec");
	json_object_put(answer);
	answer = parse_json(resp.body, resp.len);
	if ((v = get(answer, "Running", json_type_boolean)) != NULL && json_object_get_boolean(v))
		return berth_error_set(err, BERTH_RESULT_ERROR, "'%s' is still running in the container",
				       argv[0]);
	if ((v = get(answer, "ExitCode", json_type_int)) == NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR, "the daemon reported no exit status for '%s'",
				       argv[0]);
	*exit_code = json_object_get_int(v);
	return 0;
}

int
berth_image_exists(struct berth_client *c, const char *image, bool *exists, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *eimage = berth_engine_escape(image);
	char path[1024];

	*exists = false;
	if (snprintf(path, sizeof(path), "/images/%s/json", eimage ? eimage : "") >= (int)sizeof(path))
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "image name too long");
	if (call(c, "GET", path, NULL, CAP_QUICK_MS, 0, &resp, err) < 0)
		return berth_error_wrap(err, "looking up image %s: ", image);
	if (resp.status == 404)
		return 0;
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "looking up image");
	*exists = true;
	return 0;
}

int
berth_image_pull(struct berth_client *c, const char *image, berth_error_t *err)
{
	cleanup_response struct berth_response resp = { 0 };
	cleanup_free char *eimage = berth_engine_escape(image);
	char path[1024];
	const char *last;
	cleanup_json json_object *line = NULL;
	json_object *e;

	/* fromImage takes the whole reference; the daemon splits off a tag or digest itself. */
	if (snprintf(path, sizeof(path), "/images/create?fromImage=%s", eimage ? eimage : "") >=
	    (int)sizeof(path))
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "image name too long");
	berth_log_notice("pulling image %s", image);
	if (call(c, "POST", path, NULL, 0, BERTH_ENGINE_KEEP_TAIL, &resp, err) < 0)
		return berth_error_wrap(err, "pulling image %s: ", image);
	if (resp.status != 200)
		return http_error(c, &resp, BERTH_RESULT_ERROR, err, "pulling image");
	/* The answer is a stream of JSON lines; a failure is reported in the last one. */
	if (resp.body == NULL)
		return 0;
	while (resp.len > 0 && (resp.body[resp.len - 1] == '\n' || resp.body[resp.len - 1] == '\r'))
		resp.body[--resp.len] = '\0';
	last = strrchr(resp.body, '\n');
	last = last ? last + 1 : resp.body;
	line = parse_json(last, strlen(last));
	if ((e = get(line, "error", json_type_string)) != NULL)
		return berth_error_set(err, BERTH_RESULT_ERROR, "pulling image %s failed: %s", image,
				       json_object_get_string(e));
	berth_log_notice("pulled image %s", image);
	return 0;
}
