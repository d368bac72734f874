/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a container's systemd scopes ordered before Pacemaker (drop_in_dependency). */
#ifndef BERTH_SCOPE_H
#define BERTH_SCOPE_H

#include <stdbool.h>
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

#endif
