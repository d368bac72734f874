/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a container's systemd scopes ordered before Pacemaker (drop_in_dependency), and podman's
 * race with systemd over a new container's scope (scope.h).
 *
 * ocf:heartbeat:podman's drop_in_dependency, for both engines: on a systemd node, a container's
 * processes live in transient scope units that systemd would stop at shutdown in parallel with
 * Pacemaker, so a container could vanish under a running resource (and its stop fail). A drop-in
 * "Before=pacemaker.service" makes systemd stop Pacemaker first. Transient units and their
 * drop-ins live in /run/systemd/transient; systemd deletes both when the scope goes. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "alloc.h"
#include "cleanup.h"
#include "file.h"
#include "log.h"
#include "scope.h"
#include "tool.h"

#define TRANSIENT "/run/systemd/transient"
#define CAP_MS    30000L

static const char dropin_text[] = "[Unit]\n"
				  "# written by berth (drop_in_dependency): Pacemaker stops the container first\n"
				  "Before=pacemaker.service pacemaker_remote.service\n";

/* root + path, with "/" as root meaning the path itself. */
static char *
rooted(const char *root, const char *path)
{
	size_t n = strlen(root);

	while (n > 0 && root[n - 1] == '/')
		n--;
	return berth_xasprintf("%.*s%s", (int)n, root, path);
}

bool
berth_scope_systemd(const char *root)
{
	cleanup_free char *p = rooted(root, "/run/systemd/system");
	struct stat st;

	return lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
id_ok(const char *id)
{
	size_t n = strspn(id, "0123456789abcdef");

	return n >= 12 && n <= 64 && id[n] == '\0';
}

/* Write dir/dep.conf through the one atomic writer (file.h), so systemd never reads half of it,
 * in a directory made 0755 when missing and checked: not a link, root's, writable by nobody else.
 * The drop-in holds nothing secret and is read like the unit files around it: 0644. */
static int
write_dropin(const char *dir, berth_error_t *err)
{
	cleanup_close int dirfd = berth_file_dir_open(dir, 0755, err);

	if (dirfd < 0)
		return dirfd;
	return berth_file_write_atomic(dirfd, dir, BERTH_SCOPE_DROPIN, dropin_text, sizeof(dropin_text) - 1, 0644, 0,
				       err);
}

int
berth_scope_order(const char *root, const char *id, berth_error_t *err)
{
	/* The scope units' names are PREFIX-ID.scope. */
	static const char *const prefixes[] = { "libpod", "libpod-conmon", "docker", NULL };
	cleanup_free char *transient = rooted(root, TRANSIENT);
	int written = 0;

	if (id == NULL || !id_ok(id))
		return berth_error_set(err, EINVAL, "container ID '%.80s' is not hexadecimal", id ? id : "(none)");
	for (int i = 0; prefixes[i]; i++) {
		cleanup_free char *unit = NULL, *unit_path = NULL, *dir = NULL;
		struct stat st;

		unit = berth_xasprintf("%s-%s.scope", prefixes[i], id);
		unit_path = berth_xasprintf("%s/%s", transient, unit);
		if (lstat(unit_path, &st) < 0)
			continue;
		dir = berth_xasprintf("%s.d", unit_path);
		if (write_dropin(dir, err) < 0)
			return berth_error_wrap(err, "drop_in_dependency: scope %s: ", unit);
		berth_log_info("drop_in_dependency: %s is ordered before pacemaker.service", unit);
		written++;
	}
	return written;
}

int
berth_scope_reload(const struct berth_deadline *d, berth_error_t *err)
{
	char *argv[] = { (char *)berth_tool_path(BERTH_HOOK_SYSTEMCTL, "/usr/bin/systemctl"), (char *)"daemon-reload",
			 NULL };
	cleanup_free char *what = berth_xasprintf("%s daemon-reload", argv[0]);

	return berth_tool_run(argv, what, d, CAP_MS, err);
}

int
berth_scope_drop_in(struct berth_ctx *ctx, const char *id, berth_error_t *err)
{
	int n;

	if (!berth_scope_systemd("/")) {
		berth_log_info("drop_in_dependency: systemd does not run this node; nothing to order");
		return 0;
	}
	n = berth_scope_order("/", id, err);
	if (n < 0)
		return -1;
	if (n == 0) {
		berth_log_warn("drop_in_dependency: container %s has no systemd scope (cgroupfs driver?); "
			       "nothing to order",
			       ctx->params->name);
		return 0;
	}
	if (berth_scope_reload(ctx->deadline, err) < 0)
		return berth_error_wrap(err, "drop_in_dependency: ");
	return 0;
}

bool
berth_scope_race(struct berth_ctx *ctx, json_object *body, char **id, berth_error_t *err)
{
	cleanup_free char *again = NULL;
	berth_error_t e = NULL;

	if (berth_dialect_error((*err)->msg) != BERTH_DIALECT_ERR_SCOPE ||
	    berth_container_engine(ctx->client) != BERTH_ENGINE_PODMAN)
		return false;
	berth_log_warn("starting %s lost podman's cgroup scope race (%s): creating it once more", ctx->params->name,
		       (*err)->msg);
	if (berth_container_remove(ctx->client, *id, &e) < 0 ||
	    berth_container_create(ctx->client, ctx->params->name, body, &again, &e) < 0 ||
	    berth_container_start(ctx->client, again, &e) < 0) {
		berth_log_warn("the second start of %s failed too: %s", ctx->params->name, e->msg);
		berth_error_free(&e);
		return false;
	}
	berth_error_free(err);
	free(*id);
	*id = again;
	again = NULL;
	return true;
}
