/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the fake container module that test-actions runs the actions against
 * (fake-container.c) answers as the real ones (container.c, image.c, dialect-libpod.c) do.
 *
 * Each row is an answer recorded from a daemon (lib/tests/exchanges/ENGINE/NAME.http: status
 * line, headers and body as `curl -i --unix-socket` printed them; for an exec's run, two: its
 * start, then its inspect), the state of the fake that stands for the same situation, and one
 * call. The real function runs against a canned server that gives the recorded answers
 * (canned-server.h), the fake (built a second time, under the names fake_berth_...,
 * FAKE_RENAMED) against its state, and what the actions would see of the two must be the same:
 * the return value, the error's cause, every field of the container or exec description, the id,
 * output or status handed back, and the engine the answer came from. A row without an answer is
 * a daemon that cannot be reached: nothing listens on the socket. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "canned-server.h"
#include "container.h"
#include "fake-container.h"
#include "spec.h"

#ifndef FAKE_RENAMED
#error "test-fake-agrees links the real container module: build the fake with FAKE_RENAMED"
#endif

enum call {
	INSPECT,
	CREATE,
	START,
	STOP,
	KILL,
	REMOVE,
	EXEC_CREATE,
	EXEC_RUN,
	EXEC_INSPECT,
	HEALTHCHECK,
	IMAGE_EXISTS,
};

struct row {
	const char *name;
	/* The recorded answer to the first request, under lib/tests/exchanges/ (NULL: nothing listens),
	 * and to the requests after it (NULL: the same). */
	const char *exchange[2];
	enum call call;
	const char *ref;          /* what the call names: a container's name or id, an exec's id, an image */
	bool raw_is_answer;       /* the fake's raw inspect answer (fake.raw) is the recorded body */
	struct fake_daemon state; /* the fake's equivalent of the daemon that gave the answer */
};

/* dockerd 20.10.24 (Debian 12), recorded 2026-12-05: one managed container, berthrec11795, through
 * its life (created with a health check, started, exec'd into, killed, started, stopped, removed);
 * one the OOM killer ended, one whose command does not exist, one without berth's labels, and an
 * exec that ended 0 in another. podman 4.3.1: a health check run. */
#define REC_ID      "9690353f931f6afe3d10f21a5de2b9831292c59d4cf49bdae0563451d6b51ffc"
#define REC_NAME    "berthrec11795"
#define REC_HASH    "4f1c0b9e8a7d6c5b"
#define REC_IMAGE   "berth-test:latest"
#define REC_STARTED "2026-12-05T19:06:09.043045165Z"
#define NEVER       "0001-01-01T00:00:00Z"
#define EXEC_DONE   "50da043909fe6a9097cae29e95fd5f892bf0bc7f4e695b330bf211e35d8385e1"
#define EXEC_RUNS   "d3cbed6642b69c278553709f0cfb37241e8df7856d6115f689dc28ec3da43603"

/* The fake's state of the recorded container: present, berth's, and what its inspect said. */
#define MANAGED                                                                                                        \
	.exists = true, .managed = true, .name = REC_NAME, .instance = REC_NAME, .hash = REC_HASH, .id = REC_ID,       \
	.image = REC_IMAGE, .image_exists = true

static const struct row rows[] = {
	/* inspect */
	{ "inspect: running, managed, healthy",
	  { "dockerd-20.10/inspect-running-healthy.http" },
	  INSPECT,
	  REC_NAME,
	  false,
	  { MANAGED, .running = true, .pid = 11912, .started_at = REC_STARTED, .finished_at = NEVER,
	    .health = "healthy" } },
	{ "inspect: running, health check starting",
	  { "dockerd-20.10/inspect-running-starting.http" },
	  INSPECT,
	  REC_ID,
	  false,
	  { MANAGED, .running = true, .pid = 11912, .started_at = REC_STARTED, .finished_at = NEVER,
	    .health = "starting" } },
	{ "inspect: running, without berth's labels",
	  { "dockerd-20.10/inspect-running-foreign.http" },
	  INSPECT,
	  REC_NAME "foreign",
	  true,
	  { .exists = true,
	    .running = true,
	    .name = REC_NAME "foreign",
	    .id = "2f43fd0d2734752a7fc8fc44e7c0fee3d149b3511bac5ba5b7c2f1b484891e6b",
	    .image = REC_IMAGE,
	    .pid = 16985,
	    .started_at = "2026-12-05T19:06:20.473251539Z",
	    .finished_at = NEVER } },
	{ "inspect: exited (killed, exit code 137), health check unhealthy",
	  { "dockerd-20.10/inspect-exited-killed.http" },
	  INSPECT,
	  REC_NAME,
	  false,
	  { MANAGED, .exit_code = 137, .status = "exited", .started_at = REC_STARTED,
	    .finished_at = "2026-12-05T19:06:12.8588251Z", .health = "unhealthy" } },
	{ "inspect: exited, OOMKilled",
	  { "dockerd-20.10/inspect-exited-oom.http" },
	  INSPECT,
	  "berthrec19993oom",
	  false,
	  { .exists = true,
	    .managed = true,
	    .name = "berthrec19993oom",
	    .instance = "berthrec19993oom",
	    .hash = "9a8b7c6d5e4f3a2b",
	    .id = "7f60aaa1f7b5aee20975f88fdaef05b1a7332b899dd7ce977a3eec48451311eb",
	    .image = REC_IMAGE,
	    .oom_killed = true,
	    .exit_code = 137,
	    .status = "exited",
	    .started_at = "2026-12-05T19:06:25.520927664Z",
	    .finished_at = "2026-12-05T19:06:25.546656914Z" } },
	{ "inspect: its start failed (State.Error, exit code 127)",
	  { "dockerd-20.10/inspect-start-failed.http" },
	  INSPECT,
	  "berthrec31175fail",
	  false,
	  { .exists = true,
	    .managed = true,
	    .name = "berthrec31175fail",
	    .instance = "berthrec31175fail",
	    .hash = "0d1e2f3a4b5c6d7e",
	    .id = "8cb101b4d92f88a387382ef00be6c71183a8aedc56770dc45a05249d5b98b683",
	    .image = REC_IMAGE,
	    .exit_code = 127,
	    .status = "created",
	    .error = "failed to create shim task: OCI runtime create failed: runc create failed: unable to start "
		     "container process: exec: \"/nonexistent/berth\": stat /nonexistent/berth: no such file or "
		     "directory: unknown",
	    .started_at = NEVER,
	    .finished_at = NEVER } },
	{ "inspect: created, never started",
	  { "dockerd-20.10/inspect-created.http" },
	  INSPECT,
	  REC_NAME,
	  false,
	  { MANAGED, .status = "created", .started_at = NEVER, .finished_at = NEVER } },
	{ "inspect: no such container (404)", { "dockerd-20.10/inspect-404.http" }, INSPECT, REC_NAME, false, { 0 } },
	{ "inspect: daemon unreachable", { NULL }, INSPECT, REC_NAME, false, { .unreachable = true } },

	/* create */
	{ "create: created (201)",
	  { "dockerd-20.10/create-201.http" },
	  CREATE,
	  REC_NAME,
	  false,
	  { .image_exists = true } },
	{ "create: the name is in use (409)",
	  { "dockerd-20.10/create-409.http" },
	  CREATE,
	  REC_NAME,
	  false,
	  { MANAGED, .started_at = NEVER } },
	{ "create: no such image (404)", { "dockerd-20.10/create-404.http" }, CREATE, REC_NAME, false, { 0 } },
	{ "create: refused on this node (400)",
	  { "dockerd-20.10/create-400.http" },
	  CREATE,
	  REC_NAME,
	  false,
	  { .image_exists = true, .create_fails = BERTH_E_REJECTED } },
	{ "create: daemon unreachable",
	  { NULL },
	  CREATE,
	  REC_NAME,
	  false,
	  { .unreachable = true, .image_exists = true } },

	/* start */
	{ "start: started (204)",
	  { "dockerd-20.10/start-204.http" },
	  START,
	  REC_ID,
	  false,
	  { MANAGED, .status = "created" } },
	{ "start: already running (304)",
	  { "dockerd-20.10/start-304.http" },
	  START,
	  REC_ID,
	  false,
	  { MANAGED, .running = true } },
	/* The fake's one refused start is podman's scope race: a refusal all the same. */
	{ "start: refused (400, the command does not exist)",
	  { "dockerd-20.10/start-400.http" },
	  START,
	  REC_ID,
	  false,
	  { MANAGED, .status = "created", .scope_races = 1 } },
	{ "start: no such container (404)", { "dockerd-20.10/start-404.http" }, START, REC_ID, false, { 0 } },
	{ "start: daemon unreachable", { NULL }, START, REC_ID, false, { MANAGED, .unreachable = true } },

	/* stop, kill, remove */
	{ "stop: stopped (204)", { "dockerd-20.10/stop-204.http" }, STOP, REC_ID, false, { MANAGED, .running = true } },
	{ "stop: not running (304)", { "dockerd-20.10/stop-304.http" }, STOP, REC_ID, false, { MANAGED } },
	{ "stop: no such container (404)", { "dockerd-20.10/stop-404.http" }, STOP, REC_ID, false, { 0 } },
	{ "stop: daemon unreachable",
	  { NULL },
	  STOP,
	  REC_ID,
	  false,
	  { MANAGED, .running = true, .unreachable = true } },
	{ "kill: killed (204)", { "dockerd-20.10/kill-204.http" }, KILL, REC_ID, false, { MANAGED, .running = true } },
	{ "kill: not running (409)", { "dockerd-20.10/kill-409.http" }, KILL, REC_ID, false, { MANAGED } },
	{ "kill: no such container (404)", { "dockerd-20.10/kill-404.http" }, KILL, REC_ID, false, { 0 } },
	{ "kill: daemon unreachable",
	  { NULL },
	  KILL,
	  REC_ID,
	  false,
	  { MANAGED, .running = true, .unreachable = true } },
	{ "remove: removed (204)", { "dockerd-20.10/remove-204.http" }, REMOVE, REC_ID, false, { MANAGED } },
	{ "remove: no such container (404)", { "dockerd-20.10/remove-404.http" }, REMOVE, REC_ID, false, { 0 } },
	{ "remove: daemon unreachable", { NULL }, REMOVE, REC_ID, false, { MANAGED, .unreachable = true } },

	/* exec */
	{ "exec create: created (201)",
	  { "dockerd-20.10/exec-create-201.http" },
	  EXEC_CREATE,
	  REC_ID,
	  false,
	  { MANAGED, .running = true } },
	{ "exec create: container not running (409)",
	  { "dockerd-20.10/exec-create-409.http" },
	  EXEC_CREATE,
	  REC_ID,
	  false,
	  { MANAGED } },
	{ "exec create: no such container (404)",
	  { "dockerd-20.10/exec-create-404.http" },
	  EXEC_CREATE,
	  REC_ID,
	  false,
	  { 0 } },
	{ "exec create: daemon unreachable", { NULL }, EXEC_CREATE, REC_ID, false, { MANAGED, .unreachable = true } },
	{ "exec run: exit code 3, and its output",
	  { "dockerd-20.10/exec-start-not-ready.http", "dockerd-20.10/exec-inspect-exited.http" },
	  EXEC_RUN,
	  EXEC_DONE,
	  false,
	  { MANAGED, .running = true, .exec_exit = 3 } },
	{ "exec run: exit code 0, and its output",
	  { "dockerd-20.10/exec-start-ok.http", "dockerd-20.10/exec-inspect-ok.http" },
	  EXEC_RUN,
	  "3f1173b18c8a156ba6e796a4e0f362b76cf84dbd2dd1854eea842394e2eb888b",
	  false,
	  { MANAGED, .running = true } },
	/* The fake's one refused exec start: nothing ran. */
	{ "exec run: no such exec (404)",
	  { "dockerd-20.10/exec-start-404.http" },
	  EXEC_RUN,
	  EXEC_DONE,
	  false,
	  { MANAGED, .running = true, .exec_start_fails = 1 } },
	{ "exec run: daemon unreachable", { NULL }, EXEC_RUN, EXEC_DONE, false, { MANAGED, .unreachable = true } },
	{ "exec inspect: ended with exit code 3",
	  { "dockerd-20.10/exec-inspect-exited.http" },
	  EXEC_INSPECT,
	  EXEC_DONE,
	  false,
	  { MANAGED, .running = true, .exec_exit = 3, .exec_pid = 13245 } },
	{ "exec inspect: still running",
	  { "dockerd-20.10/exec-inspect-running.http" },
	  EXEC_INSPECT,
	  EXEC_RUNS,
	  false,
	  { MANAGED, .running = true, .running_execs = 1, .exec_pid = 13305 } },
	{ "exec inspect: no such exec (404)",
	  { "dockerd-20.10/exec-inspect-404.http" },
	  EXEC_INSPECT,
	  EXEC_DONE,
	  false,
	  { MANAGED, .running = true, .exec_gone = true } },
	{ "exec inspect: daemon unreachable",
	  { NULL },
	  EXEC_INSPECT,
	  EXEC_DONE,
	  false,
	  { MANAGED, .unreachable = true } },

	/* podman's health check run */
	{ "healthcheck (podman): healthy",
	  { "podman-4.3/healthcheck-200.http" },
	  HEALTHCHECK,
	  "berthrecpod31877",
	  false,
	  { .exists = true,
	    .running = true,
	    .podman = true,
	    .name = "berthrecpod31877",
	    .health = "starting",
	    .health_run = "healthy" } },
	{ "healthcheck (podman): no such container (404)",
	  { "podman-4.3/healthcheck-404.http" },
	  HEALTHCHECK,
	  "berthrecpod31877",
	  false,
	  { .podman = true } },

	/* images */
	{ "image: present",
	  { "dockerd-20.10/image-200.http" },
	  IMAGE_EXISTS,
	  REC_IMAGE,
	  false,
	  { .image_exists = true } },
	{ "image: absent (404)",
	  { "dockerd-20.10/image-404.http" },
	  IMAGE_EXISTS,
	  "berth-nosuch-image:1",
	  false,
	  { 0 } },
	{ "image: daemon unreachable", { NULL }, IMAGE_EXISTS, REC_IMAGE, false, { .unreachable = true } },
};

/* What the actions see of one call. */
struct seen {
	int ret, cause;
	struct berth_container_info info;
	struct berth_exec_info exec;
	char *out;     /* the id create and exec create hand back, an exec's output, the status of a health
			* check run */
	int exit_code; /* an exec's */
	bool started;  /* whether the exec may have run */
	bool exists;   /* the image's */
	enum berth_engine_kind kind;
};

static struct berth_canned canned = { .pid = -1, .seen = -1 };
static struct berth_deadline deadline;

/* A recorded answer as the canned server sends it: its status line and headers, but framed by a
 * Content-Length and "Connection: close" (curl printed a chunked body whole, and an exec's stream
 * up to its end). The caller frees reply->data. \param body out, unless NULL: where the body
 * starts in the answer */
static void
recorded_answer(const char *exchange, struct berth_canned_reply *reply, const char **body)
{
	char path[512];
	struct berth_buf in = { 0 }, out = { 0 };
	char buf[4096], *line, *end;
	size_t n, head, len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", EXCHANGES_DIR, exchange);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("%s: cannot read the recorded answer", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		berth_buf_add(&in, buf, n);
	fclose(f);
	end = memmem(in.data, in.len, "\r\n\r\n", 4);
	if (end == NULL)
		fail_msg("%s: no end of the headers", path);
	*end = '\0';
	len = in.len - (size_t)(end + 4 - in.data); /* the body: an exec's stream has NUL bytes */
	for (line = in.data; line != NULL;) {
		char *next = strstr(line, "\r\n");

		if (next != NULL)
			*next = '\0';
		if (strncasecmp(line, "Content-Length:", 15) != 0 && strncasecmp(line, "Transfer-Encoding:", 18) != 0 &&
		    strncasecmp(line, "Connection:", 11) != 0)
			berth_buf_addf(&out, "%s\r\n", line);
		line = next != NULL ? next + 2 : NULL;
	}
	berth_buf_addf(&out, "Content-Length: %zu\r\nConnection: close\r\n\r\n", len);
	head = out.len;
	berth_buf_add(&out, end + 4, len);
	berth_buf_release(&in);
	reply->len = out.len;
	reply->data = berth_buf_steal(&out);
	if (body != NULL)
		*body = reply->data + head;
}

/* Run the row's call through the real module (real) or the fake. */
#define CALL(f, ...) (real ? f(__VA_ARGS__) : fake_##f(__VA_ARGS__))

static void
run(const struct row *r, struct berth_client *c, bool real, struct seen *s)
{
	char *argv[] = { (char *)"true", NULL };
	berth_error_t err = NULL;
	json_object *body = NULL;

	memset(s, 0, sizeof(*s));
	switch (r->call) {
	case INSPECT: s->ret = CALL(berth_container_inspect, c, r->ref, &s->info, &err); break;
	case CREATE:
		body = json_tokener_parse("{\"Image\":\"" REC_IMAGE "\",\"Labels\":{\"" BERTH_LABEL_MANAGED
					  "\":\"1\",\"" BERTH_LABEL_INSTANCE "\":\"" REC_NAME "\",\"" BERTH_LABEL_HASH
					  "\":\"" REC_HASH "\"}}");
		s->ret = CALL(berth_container_create, c, r->ref, body, &s->out, &err);
		json_object_put(body);
		break;
	case START: s->ret = CALL(berth_container_start, c, r->ref, &err); break;
	case STOP: s->ret = CALL(berth_container_stop, c, r->ref, 5, 5000, &err); break;
	case KILL: s->ret = CALL(berth_container_kill, c, r->ref, &err); break;
	case REMOVE: s->ret = CALL(berth_container_remove, c, r->ref, &err); break;
	case EXEC_CREATE: s->ret = CALL(berth_container_exec_create, c, r->ref, argv, NULL, &s->out, &err); break;
	case EXEC_RUN:
		s->ret = CALL(berth_container_exec_run, c, r->ref, "check", 5000, &s->exit_code, &s->out, &s->started,
			      &err);
		break;
	case EXEC_INSPECT: s->ret = CALL(berth_container_exec_inspect, c, r->ref, &s->exec, &err); break;
	case HEALTHCHECK: s->ret = CALL(berth_dialect_healthcheck_run, c, r->ref, &s->out, &err); break;
	case IMAGE_EXISTS: s->ret = CALL(berth_image_exists, c, r->ref, &s->exists, &err); break;
	}
	s->cause = berth_error_cause(err);
	berth_error_free(&err);
	/* The engine, as the paths that differ on podman ask for it: after an answer (a daemon that
	 * cannot be reached has not said). */
	if (r->exchange[0] != NULL)
		s->kind = CALL(berth_container_engine, c);
}

static void
seen_release(struct seen *s)
{
	berth_container_info_release(&s->info);
	free(s->out);
}

static const char *
shown(const char *s)
{
	return s != NULL ? s : "(none)";
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Every field on which the two disagree, one line each ("row: field: ..."). \return how many */
static int
compare(const struct row *r, const struct seen *real, const struct seen *fk)
{
	int n = 0;

#define NUM(field, a, b)                                                                                               \
	do {                                                                                                           \
		if ((long)(a) != (long)(b)) {                                                                          \
			print_error("%s: %s: the real module says %ld, the fake %ld\n", r->name, field, (long)(a),     \
				    (long)(b));                                                                        \
			n++;                                                                                           \
		}                                                                                                      \
	} while (0)
#define STR(field, a, b)                                                                                               \
	do {                                                                                                           \
		if (!same(a, b)) {                                                                                     \
			print_error("%s: %s: the real module says %s, the fake %s\n", r->name, field, shown(a),        \
				    shown(b));                                                                         \
			n++;                                                                                           \
		}                                                                                                      \
	} while (0)

	NUM("return value", real->ret, fk->ret);
	NUM("error cause", real->cause, fk->cause);
	NUM("engine", real->kind, fk->kind);
	switch (r->call) {
	case INSPECT: {
		const struct berth_container_info *a = &real->info, *b = &fk->info;

		NUM("exists", a->exists, b->exists);
		NUM("running", a->running, b->running);
		NUM("oom_killed", a->oom_killed, b->oom_killed);
		NUM("exit_code", a->exit_code, b->exit_code);
		NUM("pid", a->pid, b->pid);
		STR("id", a->id, b->id);
		STR("status", a->status, b->status);
		STR("started_at", a->started_at, b->started_at);
		STR("finished_at", a->finished_at, b->finished_at);
		STR("health", a->health, b->health);
		STR("error", a->error, b->error);
		STR("image", a->image, b->image);
		NUM("managed", a->managed, b->managed);
		STR("instance", a->instance, b->instance);
		STR("config_hash", a->config_hash, b->config_hash);
		STR("name", a->name, b->name);
		NUM("labelled", a->labelled, b->labelled);
		/* Read only of a container without berth's labels (adoption compares it). */
		if (!a->labelled && !json_object_equal(a->raw, b->raw)) {
			print_error("%s: raw: the fake's inspect answer is not the daemon's\n", r->name);
			n++;
		}
		break;
	}
	case CREATE:
	case EXEC_CREATE:
		/* The id is the daemon's to choose: that there is one is what the actions rely on. */
		NUM("an id handed back", real->out != NULL && real->out[0] != '\0',
		    fk->out != NULL && fk->out[0] != '\0');
		break;
	case EXEC_RUN:
		NUM("exit_code", real->exit_code, fk->exit_code);
		NUM("started", real->started, fk->started);
		STR("output", real->out, fk->out);
		break;
	case EXEC_INSPECT:
		NUM("exists", real->exec.exists, fk->exec.exists);
		NUM("running", real->exec.running, fk->exec.running);
		NUM("pid", real->exec.pid, fk->exec.pid);
		NUM("exit_code", real->exec.exit_code, fk->exec.exit_code);
		break;
	case HEALTHCHECK: STR("status", real->out, fk->out); break;
	case IMAGE_EXISTS: NUM("exists", real->exists, fk->exists); break;
	default: break;
	}
#undef NUM
#undef STR
	return n;
}

static int
setup(void **state)
{
	berth_canned_init(&canned);
	/* The fake's create reads the state record (berth_state_load): none, in this directory. */
	setenv("HA_RSCTMP", canned.dir, 1);
	berth_deadline_init(&deadline, 20000);
	return 0;
}

static int
teardown(void **state)
{
	berth_canned_stop(&canned);
	return 0;
}

static void
test_row(void **state)
{
	const struct row *r = *state;
	struct berth_client real_client = { .deadline = &deadline }, fake_client = { .deadline = &deadline };
	struct berth_canned_reply replies[2] = { { 0 } };
	struct seen real, fk;
	const char *body = NULL;
	int n;

	if (r->exchange[0] != NULL) {
		recorded_answer(r->exchange[0], &replies[0], &body);
		if (r->exchange[1] != NULL)
			recorded_answer(r->exchange[1], &replies[1], NULL);
		berth_canned_start_replies(&canned, replies, r->exchange[1] != NULL ? 2 : 1);
	}
	real_client.engine = berth_engine_new(canned.sock);
	fake_client.engine = berth_engine_new("/nonexistent/fake.sock"); /* never asked */
	assert_non_null(real_client.engine);
	assert_non_null(fake_client.engine);

	fake = r->state;
	if (r->raw_is_answer)
		fake.raw = body;
	run(r, &real_client, true, &real);
	run(r, &fake_client, false, &fk);
	n = compare(r, &real, &fk);

	seen_release(&real);
	seen_release(&fk);
	berth_engine_free(real_client.engine);
	berth_engine_free(fake_client.engine);
	free((char *)replies[0].data);
	free((char *)replies[1].data);
	if (n > 0)
		fail_msg("%s: the fake and the real module disagree on %d field(s) (above)", r->name, n);
}

int
main(void)
{
	struct CMUnitTest tests[sizeof(rows) / sizeof(rows[0])];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		tests[i] = (struct CMUnitTest){ .name = rows[i].name,
						.test_func = test_row,
						.setup_func = setup,
						.teardown_func = teardown,
						.initial_state = (void *)&rows[i] };
	}
	return _cmocka_run_group_tests("test-fake-agrees", tests, i, NULL, NULL);
}
