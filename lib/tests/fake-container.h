/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth's unit tests: a fake of the Engine API calls the actions make (container.h, image.h and
 * podman's own calls in dialect.h), one scripted container and one image, for the tests that run
 * the actions (test-actions) without a daemon.
 *
 * Built from those headers, so that a function whose signature changes there no longer compiles
 * here. Compiled as it is, fake-container.c defines those functions under their own names, and a
 * test program that links it never pulls the real container.o, image.o or dialect-libpod.o out of
 * libberth. Compiled with FAKE_RENAMED defined, it defines them as fake_berth_... instead, so that
 * one program can hold both the real module and the fake and compare them (test-fake-agrees). */
#ifndef BERTH_TESTS_FAKE_CONTAINER_H
#define BERTH_TESTS_FAKE_CONTAINER_H

#include <stdbool.h>

#include "container.h"
#include "dialect.h"
#include "image.h"

/* The name the fake's definition of f has: f itself, or fake_f under FAKE_RENAMED. */
#ifdef FAKE_RENAMED
#define FAKE(f) fake_##f
#else
#define FAKE(f) f
#endif

/* The fake daemon's state: what the next call finds, and what the calls so far did. */
struct fake_daemon {
	bool unreachable; /* every call fails as if the socket were missing */
	bool exists, running, managed;
	char name[64]; /* the container's name: inspect finds it by this name or its id only */
	char instance[64];
	char hash[32]; /* "" = take the hash of the next create */
	char id[80];   /* as long as the daemon's: 64 hex digits */
	char started_at[40];
	char finished_at[40]; /* State.FinishedAt; "" = "0001-01-01T00:00:00Z" (never) while running, else
			       * "2026-01-02T03:04:05.678Z" */
	char image[64];       /* Config.Image; "" = "img:1" */
	int exit_code;
	bool image_exists;
	int exec_exit;   /* exit status of any exec */
	bool exec_hangs; /* an exec never returns: its run times out and it keeps running */
	bool exec_gone;  /* the daemon no longer knows any earlier exec (404) */
	char status[16]; /* State.Status when not running; "" = "exited" */
	bool oom_killed;
	const char *logs; /* the container's output; NULL = "boom: config missing\n" */
	int exec_creates, exec_inspects;
	bool exit_on_start; /* the container dies right after start */
	char error[256];    /* State.Error of the container, "" for none */
	const char *raw;    /* the inspect answer's JSON, for adoption; NULL for none */
	int creates, starts, stops, kills, removes, pulls, execs;
	char last_exec[128];
	int running_execs;   /* execs started that never ended */
	long exec_pid;       /* the Pid an exec inspect reports; 0 = 4242 */
	bool podman;         /* the engine is podman */
	int scope_races;     /* starts that fail with podman's "scope not found" */
	bool stop_refused;   /* stop and kill refused (podman: stuck "stopping", conmon gone) */
	long pid;            /* State.Pid */
	char health[16];     /* State.Health.Status, "" for no health check */
	char health_run[16]; /* what running the health check says (podman) */
	int health_runs;
	int create_fails;     /* the cause a create fails with, 0 for none */
	int record_at_create; /* berth_state_load's answer when the create request came: 1 = a record */
	char record_id_at_create[80];
	int exec_create_fails; /* exec creates that fail (the daemon hiccups) before one works */
	int exec_start_fails;  /* exec starts the daemon refuses (nothing runs) before one works */
};

/* The one fake daemon the fake's functions read and change. */
extern struct fake_daemon fake;

/* A running daemon with no container, the image present: the state every test starts from. */
void fake_reset(void);

#ifdef FAKE_RENAMED
/* The renamed definitions, declared with the type of the real function: a signature that drifts
 * in container.h is a compile error in this build too. */
__typeof__(berth_container_parse_inspect) fake_berth_container_parse_inspect;
__typeof__(berth_container_inspect) fake_berth_container_inspect;
__typeof__(berth_container_create) fake_berth_container_create;
__typeof__(berth_container_start) fake_berth_container_start;
__typeof__(berth_container_stop) fake_berth_container_stop;
__typeof__(berth_container_kill) fake_berth_container_kill;
__typeof__(berth_container_engine) fake_berth_container_engine;
__typeof__(berth_dialect_healthcheck_run) fake_berth_dialect_healthcheck_run;
__typeof__(berth_dialect_evict) fake_berth_dialect_evict;
__typeof__(berth_container_remove) fake_berth_container_remove;
__typeof__(berth_container_logs) fake_berth_container_logs;
__typeof__(berth_container_exec_create) fake_berth_container_exec_create;
__typeof__(berth_container_exec_run) fake_berth_container_exec_run;
__typeof__(berth_container_exec) fake_berth_container_exec;
__typeof__(berth_container_exec_inspect) fake_berth_container_exec_inspect;
__typeof__(berth_image_exists) fake_berth_image_exists;
__typeof__(berth_image_pull) fake_berth_image_pull;
#endif

#endif
