/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth's unit tests: the fake container module (fake-container.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-container.h"
#include "spec.h"
#include "state.h"

struct fake_daemon fake;

void
fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.image_exists = true;
	strcpy(fake.name, "rsc");
	strcpy(fake.instance, "rsc");
	strcpy(fake.id, "c0ffee");
	strcpy(fake.started_at, "t1");
}

static int
unreachable(struct berth_client *c, berth_error_t *err)
{
	return berth_error_set(err, BERTH_E_UNREACHABLE, "cannot connect to the Docker daemon at /fake.sock");
}

int
FAKE(berth_container_parse_inspect)(const char *body, size_t len, struct berth_container_info *info, berth_error_t *err)
{
	return berth_error_set(err, BERTH_E_PROTOCOL, "not used by the fake");
}

int
FAKE(berth_container_inspect)(struct berth_client *c, const char *name, struct berth_container_info *info,
			      berth_error_t *err)
{
	memset(info, 0, sizeof(*info));
	if (fake.unreachable)
		return unreachable(c, err);
	if (!fake.exists || (strcmp(name, fake.name) != 0 && strcmp(name, fake.id) != 0))
		return 0;
	info->exists = true;
	info->running = fake.running;
	info->exit_code = fake.exit_code;
	info->pid = fake.pid;
	info->id = strdup(fake.id);
	info->status = strdup(fake.running ? "running" : fake.status[0] ? fake.status : "exited");
	info->started_at = strdup(fake.started_at);
	info->finished_at = strdup(fake.finished_at[0] ? fake.finished_at
				   : fake.running      ? "0001-01-01T00:00:00Z"
						       : "2026-01-02T03:04:05.678Z");
	info->oom_killed = fake.oom_killed;
	info->image = strdup(fake.image[0] ? fake.image : "img:1");
	info->error = fake.error[0] ? strdup(fake.error) : NULL;
	info->health = fake.health[0] ? strdup(fake.health) : NULL;
	info->managed = fake.managed;
	info->labelled = fake.managed;
	info->name = strdup(fake.name);
	info->raw = fake.raw ? json_tokener_parse(fake.raw) : NULL;
	info->instance = fake.managed ? strdup(fake.instance) : NULL;
	info->config_hash = fake.managed ? strdup(fake.hash) : NULL;
	return 0;
}

int
FAKE(berth_container_create)(struct berth_client *c, const char *name, json_object *body, char **id, berth_error_t *err)
{
	json_object *labels, *h;

	struct berth_state st;

	if (fake.unreachable)
		return unreachable(c, err);
	fake.record_at_create = berth_state_load(name, &st);
	snprintf(fake.record_id_at_create, sizeof(fake.record_id_at_create), "%s", st.id);
	if (fake.create_fails)
		return berth_error_set(err, fake.create_fails, "creating container: it did not work");
	if (fake.exists && strcmp(name, fake.name) == 0)
		return berth_error_set(err, BERTH_E_REFUSED,
				       "creating container: Conflict. The container name \"/%s\" is already in use by "
				       "container \"%s\" (HTTP 409)",
				       name, fake.id);
	if (!fake.image_exists)
		return berth_error_set(err, BERTH_E_NO_IMAGE, "creating container: No such image: img:1 (HTTP 404)");
	fake.creates++;
	fake.exists = true;
	snprintf(fake.name, sizeof(fake.name), "%s", name);
	fake.running = false;
	fake.managed = true;
	snprintf(fake.id, sizeof(fake.id), "id%d", fake.creates);
	if (json_object_object_get_ex(body, "Labels", &labels) &&
	    json_object_object_get_ex(labels, BERTH_LABEL_HASH, &h))
		snprintf(fake.hash, sizeof(fake.hash), "%s", json_object_get_string(h));
	*id = strdup(fake.id);
	return 0;
}

int
FAKE(berth_container_start)(struct berth_client *c, const char *id, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	if (!fake.exists)
		return berth_error_set(err, BERTH_E_REFUSED, "starting container: No such container: %s (HTTP 404)",
				       id);
	fake.starts++;
	if (fake.scope_races > 0) {
		fake.scope_races--;
		return berth_error_set(err, BERTH_E_REFUSED,
				       "starting container: runc: unable to apply cgroup configuration: unit "
				       "libpod-%s.scope not found (HTTP 500)",
				       id);
	}
	fake.running = !fake.exit_on_start;
	fake.exit_code = fake.exit_on_start ? 3 : 0;
	snprintf(fake.started_at, sizeof(fake.started_at), "t%d", fake.starts + 1);
	return 0;
}

int
FAKE(berth_container_stop)(struct berth_client *c, const char *id, long grace_s, long call_ms, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	fake.stops++;
	if (fake.stop_refused)
		return berth_error_set(err, BERTH_E_REFUSED, "stopping container: container %s is stopping (HTTP 500)",
				       id);
	fake.running = false;
	return 0;
}

int
FAKE(berth_container_kill)(struct berth_client *c, const char *id, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	fake.kills++;
	if (fake.stop_refused)
		return berth_error_set(err, BERTH_E_REFUSED, "killing container: container %s is stopping (HTTP 500)",
				       id);
	fake.running = false;
	fake.pid = 0;
	fake.status[0] = '\0';
	return 0;
}

enum berth_engine_kind
FAKE(berth_container_engine)(struct berth_client *c)
{
	return fake.podman ? BERTH_ENGINE_PODMAN : BERTH_ENGINE_DOCKER;
}

int
FAKE(berth_dialect_healthcheck_run)(struct berth_client *c, const char *id, char **status, berth_error_t *err)
{
	*status = NULL;
	if (fake.unreachable)
		return unreachable(c, err);
	fake.health_runs++;
	if (!fake.exists)
		return berth_error_set(
			err, BERTH_E_REFUSED,
			"running the health check (podman): unable to look up %s to perform a health check: "
			"no such container (HTTP 404)",
			id);
	*status = strdup(fake.health_run);
	return 0;
}

int
FAKE(berth_dialect_evict)(struct berth_client *c, const char *name, berth_error_t *err)
{
	return 0;
}

int
FAKE(berth_container_remove)(struct berth_client *c, const char *id, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	fake.removes++;
	fake.exists = false;
	fake.running = false; /* a forced removal kills */
	return 0;
}

int
FAKE(berth_container_logs)(struct berth_client *c, const char *id, int lines, char **out, berth_error_t *err)
{
	*out = strdup(fake.logs ? fake.logs : "boom: config missing\n");
	return 0;
}

int
FAKE(berth_container_exec_create)(struct berth_client *c, const char *id, char *const *argv, char *const *envp,
				  char **exec_id, berth_error_t *err)
{
	fake.exec_creates++;
	if (fake.exec_create_fails > 0) {
		fake.exec_create_fails--;
		return berth_error_set(err, BERTH_E_TIMEDOUT,
				       "the Docker daemon did not answer POST /containers/%s/exec", id);
	}
	if (fake.unreachable)
		return unreachable(c, err);
	if (!fake.exists)
		return berth_error_set(err, BERTH_E_REFUSED, "creating exec: No such container: %s (HTTP 404)", id);
	if (!fake.running)
		return berth_error_set(err, BERTH_E_REFUSED, "creating exec: Container %s is not running (HTTP 409)",
				       id);
	snprintf(fake.last_exec, sizeof(fake.last_exec), "%s", argv[0]);
	*exec_id = malloc(32);
	snprintf(*exec_id, 32, "exec%d", fake.exec_creates);
	return 0;
}

int
FAKE(berth_container_exec_run)(struct berth_client *c, const char *exec_id, const char *what, long cap_ms,
			       int *exit_code, char **output, bool *started, berth_error_t *err)
{
	*exit_code = -1;
	if (output)
		*output = NULL;
	if (started)
		*started = false;
	if (fake.unreachable)
		return unreachable(c, err);
	if (fake.exec_start_fails > 0) {
		fake.exec_start_fails--;
		return berth_error_set(err, BERTH_E_REFUSED,
				       "starting exec: OCI runtime exec failed: cgroup is being removed (HTTP 500)");
	}
	fake.execs++;
	if (started)
		*started = true;
	if (fake.exec_hangs) {
		fake.running_execs++;
		return berth_error_set(err, BERTH_E_TIMEDOUT, "the Docker daemon did not answer POST /exec/%s/start",
				       exec_id);
	}
	*exit_code = fake.exec_exit;
	if (output)
		*output = strdup(fake.exec_exit ? "not ready\n" : "ok\n");
	return 0;
}

int
FAKE(berth_container_exec)(struct berth_client *c, const char *id, char *const *argv, char *const *envp, long cap_ms,
			   int *exit_code, char **output, berth_error_t *err)
{
	char *exec_id = NULL;
	int ret = FAKE(berth_container_exec_create)(c, id, argv, envp, &exec_id, err);

	if (ret == 0)
		ret = FAKE(berth_container_exec_run)(c, exec_id, argv[0], cap_ms, exit_code, output, NULL, err);
	free(exec_id);
	return ret;
}

/* Every exec that hung still runs until the test says otherwise (exec_hangs off, running_execs 0). */
int
FAKE(berth_container_exec_inspect)(struct berth_client *c, const char *exec_id, struct berth_exec_info *info,
				   berth_error_t *err)
{
	fake.exec_inspects++;
	memset(info, 0, sizeof(*info));
	info->exit_code = -1;
	if (fake.unreachable)
		return unreachable(c, err);
	if (fake.exec_gone)
		return 0;
	info->exists = true;
	info->running = fake.running_execs > 0;
	/* dockerd keeps an ended exec's Pid */
	info->pid = fake.exec_pid ? fake.exec_pid : 4242;
	info->exit_code = info->running ? -1 : fake.exec_exit;
	return 0;
}

int
FAKE(berth_image_exists)(struct berth_client *c, const char *image, bool *exists, berth_error_t *err)
{
	if (fake.unreachable)
		return unreachable(c, err);
	*exists = fake.image_exists;
	return 0;
}

int
FAKE(berth_image_pull)(struct berth_client *c, const char *image, const struct berth_registry_auth *auth,
		       berth_error_t *err)
{
	fake.pulls++;
	fake.image_exists = true;
	return 0;
}
