/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: podman's dialect of the Docker Engine API (see dialect.h for the list). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "dialect.h"
#include "json.h"

enum berth_engine_kind
berth_dialect_detect(json_object *version, char **desc)
{
	json_object *components = berth_json_get(version, "Components");
	const char *api = berth_json_str(version, "ApiVersion");
	const char *ver = berth_json_str(version, "Version");
	enum berth_engine_kind kind = BERTH_ENGINE_DOCKER;
	size_t i;

	if (desc != NULL)
		*desc = NULL;
	if (!json_object_is_type(version, json_type_object))
		return BERTH_ENGINE_UNKNOWN;
	for (i = 0; i < berth_json_len(components); i++) {
		json_object *c = json_object_array_get_idx(components, i);
		const char *name = berth_json_str(c, "Name");

		if (name != NULL && strcmp(name, "Podman Engine") == 0) {
			kind = BERTH_ENGINE_PODMAN;
			if (berth_json_str(c, "Version") != NULL)
				ver = berth_json_str(c, "Version");
		}
	}
	if (desc != NULL)
		*desc = berth_xasprintf("%s %.40s (API %.20s)", berth_dialect_name(kind), ver ? ver : "?",
					api ? api : "?");
	return kind;
}

enum berth_engine_kind
berth_dialect_from_server(const char *server, const char *api, char **desc)
{
	static const struct {
		const char *prefix;
		enum berth_engine_kind kind;
	} engines[] = { { "Docker/", BERTH_ENGINE_DOCKER }, { "Libpod/", BERTH_ENGINE_PODMAN } };
	size_t i, n;

	if (desc != NULL)
		*desc = NULL;
	for (i = 0; server != NULL && i < sizeof(engines) / sizeof(engines[0]); i++) {
		if (strncmp(server, engines[i].prefix, strlen(engines[i].prefix)) != 0)
			continue;
		server += strlen(engines[i].prefix);
		n = strcspn(server, " ");
		if (desc != NULL)
			*desc = berth_xasprintf("%s %.*s (API %.20s)", berth_dialect_name(engines[i].kind),
						(int)(n < 40 ? n : 40), server, api ? api : "?");
		return engines[i].kind;
	}
	return BERTH_ENGINE_UNKNOWN;
}

const char *
berth_dialect_name(enum berth_engine_kind kind)
{
	switch (kind) {
	case BERTH_ENGINE_DOCKER: return "docker";
	case BERTH_ENGINE_PODMAN: return "podman";
	default: return "unknown";
	}
}

/* Options of a bind or tmpfs that podman writes out although they are the defaults. */
static bool
default_option(const char *opt, size_t len, const char *const *defaults)
{
	size_t i;

	for (i = 0; defaults[i]; i++)
		if (strlen(defaults[i]) == len && strncmp(opt, defaults[i], len) == 0)
			return true;
	return false;
}

/* A comma-separated option list without the defaults, sorted: "ro,rprivate,rbind" -> "ro". */
static char *
canonical_options(const char *opts, const char *const *defaults)
{
	char *parts[32];
	size_t n = 0, i, len = 0, at = 0;
	const char *p = opts;
	char *out;

	while (p != NULL && *p != '\0' && n < sizeof(parts) / sizeof(parts[0])) {
		const char *comma = strchr(p, ',');
		size_t l = comma ? (size_t)(comma - p) : strlen(p);

		if (l > 0 && !default_option(p, l, defaults))
			parts[n++] = berth_xstrndup(p, l);
		p = comma ? comma + 1 : NULL;
	}
	berth_strs_sort((const char **)parts, n);
	for (i = 0; i < n; i++)
		len += strlen(parts[i]) + 1;
	out = berth_xmalloc(len + 1);
	for (i = 0; i < n; i++) {
		size_t l = strlen(parts[i]);

		if (i > 0)
			out[at++] = ',';
		memcpy(out + at, parts[i], l);
		at += l;
		free(parts[i]);
	}
	out[at] = '\0';
	return out;
}

static const char *const bind_defaults[] = { "rw", "rprivate", "rbind", NULL };

/* "/src:/dst[:opts]" as "/src:/dst:canonical-opts". The destination is absolute, so a last part
 * that does not start with '/' is the options. */
static char *
canonical_bind(const char *bind)
{
	const char *last = strrchr(bind, ':');
	cleanup_free char *opts = NULL;
	size_t head;

	if (last != NULL && last[1] != '/' && last != bind) {
		head = (size_t)(last - bind);
		opts = canonical_options(last + 1, bind_defaults);
	} else {
		head = strlen(bind);
		opts = berth_xstrdup("");
	}
	return berth_xasprintf("%.*s:%s", (int)head, bind, opts);
}

bool
berth_dialect_binds_equal(const char *a, const char *b)
{
	cleanup_free char *ca = canonical_bind(a);
	cleanup_free char *cb = canonical_bind(b);

	return strcmp(ca, cb) == 0;
}

/* HostConfig.Binds: each of podman's entries that means one the request asked for takes the
 * request's spelling. */
static void
fix_binds(json_object *want_binds, json_object *have_binds)
{
	size_t i, j;

	for (i = 0; i < berth_json_len(have_binds); i++) {
		const char *h = json_object_get_string(json_object_array_get_idx(have_binds, i));

		for (j = 0; h != NULL && j < berth_json_len(want_binds); j++) {
			const char *w = json_object_get_string(json_object_array_get_idx(want_binds, j));

			if (w != NULL && strcmp(w, h) != 0 && berth_dialect_binds_equal(w, h)) {
				if (json_object_array_put_idx(have_binds, i, json_object_new_string(w)) < 0)
					berth_oom();
				break;
			}
		}
	}
}

/* HostConfig.Mounts: podman reports a --mount type=bind among the Binds ("/src:/dst:opts") and
 * none in Mounts. Such a bind that means a requested bind mount moves back to Mounts, in the
 * request's spelling. */
static void
fix_bind_mounts(json_object *want_mounts, json_object *host)
{
	json_object *binds = berth_json_get(host, "Binds");
	json_object *mounts = berth_json_get(host, "Mounts");
	size_t i, j;

	for (i = 0; i < berth_json_len(want_mounts); i++) {
		json_object *m = json_object_array_get_idx(want_mounts, i);
		const char *type = berth_json_str(m, "Type");
		const char *src = berth_json_str(m, "Source"), *dst = berth_json_str(m, "Target");
		json_object *ro = berth_json_get(m, "ReadOnly");
		bool found = false;
		cleanup_free char *spelled = NULL;

		if (type == NULL || strcmp(type, "bind") != 0 || src == NULL || dst == NULL)
			continue;
		/* Only a plain bind: propagation or other options are not in podman's Binds spelling
		 * in a way berth can match, and stay drift. */
		if (json_object_object_length(m) > 3 + (ro != NULL))
			continue;
		for (j = 0; j < berth_json_len(mounts) && !found; j++)
			found = json_object_equal(m, json_object_array_get_idx(mounts, j));
		if (found)
			continue;
		spelled = berth_xasprintf("%s:%s%s", src, dst, ro != NULL && json_object_get_boolean(ro) ? ":ro" : "");
		for (j = 0; j < berth_json_len(binds); j++) {
			const char *h = json_object_get_string(json_object_array_get_idx(binds, j));

			if (h == NULL || !berth_dialect_binds_equal(spelled, h))
				continue;
			if (json_object_array_del_idx(binds, j, 1) < 0)
				berth_oom();
			if (!json_object_is_type(mounts, json_type_array)) {
				mounts = berth_nonnull(json_object_new_array());
				berth_json_set(host, "Mounts", mounts);
			}
			berth_json_append(mounts, json_object_get(m));
			break;
		}
	}
	/* Binds that were all bind mounts: as dockerd reports no Binds */
	if (binds != NULL && berth_json_len(binds) == 0 && berth_json_get(host, "Binds") != NULL)
		json_object_object_add(host, "Binds", NULL);
}

static const char *const tmpfs_defaults[] = { "rw", "rprivate", "nosuid", "nodev", "tmpcopyup", NULL };

/* HostConfig.Tmpfs: {"/t": ""} comes back as {"/t": "rw,rprivate,nosuid,nodev,tmpcopyup"}. */
static void
fix_tmpfs(json_object *want, json_object *have)
{
	json_object_object_foreach(want, path, w)
	{
		const char *ws = json_object_get_string(w), *hs = berth_json_str(have, path);
		cleanup_free char *cw = NULL, *ch = NULL;

		if (ws == NULL || hs == NULL || strcmp(ws, hs) == 0)
			continue;
		cw = canonical_options(ws, tmpfs_defaults);
		ch = canonical_options(hs, tmpfs_defaults);
		if (strcmp(cw, ch) == 0)
			berth_json_set(have, path, json_object_new_string(ws));
	}
}

/* Config.StopSignal: "SIGTERM" (or "TERM") comes back as its number, "15". */
static void
fix_stop_signal(json_object *want_config, json_object *config)
{
	static const struct {
		const char *name;
		int num;
	} sigs[] = { { "HUP", SIGHUP },   { "INT", SIGINT },    { "QUIT", SIGQUIT }, { "KILL", SIGKILL },
		     { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },  { "TERM", SIGTERM }, { "STOP", SIGSTOP },
		     { "PWR", SIGPWR },   { "WINCH", SIGWINCH } };
	const char *w = berth_json_str(want_config, "StopSignal");
	const char *h = berth_json_str(config, "StopSignal");
	char *end = NULL;
	long num;
	size_t i;

	if (w == NULL || h == NULL || strcmp(w, h) == 0)
		return;
	num = strtol(h, &end, 10);
	if (end == h || *end != '\0')
		return;
	if (strncmp(w, "SIG", 3) == 0)
		w += 3;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (strcmp(w, sigs[i].name) == 0 && sigs[i].num == num) {
			berth_json_set(config, "StopSignal",
				       json_object_new_string(berth_json_str(want_config, "StopSignal")));
			return;
		}
}

/* Config.Image: podman records a short name as the name it resolved, "localhost/NAME:TAG" for a
 * local image (and "docker.io/library/NAME:TAG" for one from Docker Hub). */
static void
fix_image(json_object *want_config, json_object *config)
{
	static const char *const prefixes[] = { "localhost/", "docker.io/library/", "docker.io/", NULL };
	const char *w = berth_json_str(want_config, "Image");
	const char *h = berth_json_str(config, "Image");
	size_t i;

	if (w == NULL || h == NULL || strcmp(w, h) == 0)
		return;
	for (i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		bool tagged = strchr(w, ':') != NULL || strchr(w, '@') != NULL;

		if (strncmp(h, prefixes[i], n) != 0)
			continue;
		/* "NAME" asks for "NAME:latest" */
		if (strcmp(h + n, w) == 0 ||
		    (!tagged && strncmp(h + n, w, strlen(w)) == 0 && strcmp(h + n + strlen(w), ":latest") == 0)) {
			berth_json_set(config, "Image", json_object_new_string(w));
			return;
		}
	}
}

void
berth_dialect_inspect_as_docker(json_object *inspect, json_object *body)
{
	json_object *config = berth_json_get(inspect, "Config"), *host = berth_json_get(inspect, "HostConfig");
	json_object *want_host = berth_json_get(body, "HostConfig");

	if (!json_object_is_type(host, json_type_object) || !json_object_is_type(config, json_type_object))
		return;
	fix_bind_mounts(berth_json_get(want_host, "Mounts"), host);
	fix_binds(berth_json_get(want_host, "Binds"), berth_json_get(host, "Binds"));
	if (json_object_is_type(berth_json_get(want_host, "Tmpfs"), json_type_object) &&
	    json_object_is_type(berth_json_get(host, "Tmpfs"), json_type_object))
		fix_tmpfs(berth_json_get(want_host, "Tmpfs"), berth_json_get(host, "Tmpfs"));
	fix_stop_signal(body, config);
	fix_image(body, config);
}

bool
berth_dialect_still_running(const char *status, long pid)
{
	return status != NULL && strcmp(status, "stopping") == 0 && pid > 0;
}

enum berth_dialect_error
berth_dialect_error(const char *message)
{
	static const struct {
		const char *needle;
		enum berth_dialect_error kind;
	} table[] = {
		/* podman 4.3 (libpod/define/errors.go and the messages around them) */
		{ "active exec sessions", BERTH_DIALECT_ERR_EXEC_SESSIONS },
		{ "exec sessions", BERTH_DIALECT_ERR_EXEC_SESSIONS },
		{ "is already in use", BERTH_DIALECT_ERR_NAME_IN_USE },
		{ "scope not found", BERTH_DIALECT_ERR_SCOPE },
		{ "is stopping", BERTH_DIALECT_ERR_STOPPING },
		{ "conmon", BERTH_DIALECT_ERR_CONMON },
	};
	size_t i;

	if (message == NULL)
		return BERTH_DIALECT_ERR_OTHER;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strstr(message, table[i].needle) != NULL)
			return table[i].kind;
	return BERTH_DIALECT_ERR_OTHER;
}
