/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a container's systemd scopes: ordered before Pacemaker (drop_in_dependency), and podman's
 * race with systemd over a new container's scope. */
#ifndef BERTH_SCOPE_H
#define BERTH_SCOPE_H

#include <stdbool.h>
#include <json-c/json.h>
#include "deadline.h"
#include "ocf.h"

/** The drop-in's file name, the one ocf:heartbeat:podman writes, so the two never double up. */
#define BERTH_SCOPE_DROPIN "dep.conf"

/**
 * Is systemd the node's init system? sd_booted(3)'s test: ROOT/run/systemd/system is a directory.
 * \param root "/" on a node; tests pass a directory of their own
 */
bool berth_scope_systemd(const char *root);

/**
 * Order the systemd scopes that hold container ID before pacemaker.service and
 * pacemaker_remote.service, so that a shutdown stops Pacemaker (and with it the container)
 * before systemd stops the container's scope. Looks for the transient scope units the engines
 * create with the systemd cgroup driver (podman: libpod-ID.scope and libpod-conmon-ID.scope;
 * dockerd: docker-ID.scope) in ROOT/run/systemd/transient, and for each one there writes
 * ROOT/run/systemd/transient/UNIT.d/dep.conf ("[Unit]" "Before=..."), atomically. systemd
 * removes them with the scope when the container stops. systemd reads them at the next
 * daemon-reload (berth_scope_reload).
 * \param id  the container's full ID (64 hex digits)
 * \return the number of drop-ins written (0: the container has no such scope, e.g. with the
 *         cgroupfs driver), or -1 with err
 */
int berth_scope_order(const char *root, const char *id, berth_error_t *err);

/**
 * `systemctl daemon-reload`, spawned without a shell, within the operation's deadline. The
 * program is $BERTH_SYSTEMCTL, /usr/bin/systemctl or systemctl on PATH.
 * \return 0, or -1 with err (with its output) on failure or timeout
 */
int berth_scope_reload(const struct berth_deadline *d, berth_error_t *err);

struct berth_ctx;

/** drop_in_dependency: order the started container's systemd scopes before Pacemaker
 * (berth_scope_order, berth_scope_reload).
 * Nothing to order on a node without systemd or without scopes: the parameter promises an order
 * at shutdown, which such a node has no unit for. */
int berth_scope_drop_in(struct berth_ctx *ctx, const char *id, berth_error_t *err);

/** podman's start can lose a race with systemd over the container's cgroup scope ("scope not
 * found"; its shell agent retries until the timeout). berth removes the new container, creates
 * and starts it once more, within the deadline. \return true when the second start worked; else
 * *err is the first failure */
bool berth_scope_race(struct berth_ctx *ctx, json_object *body, char **id, berth_error_t *err);

#endif
