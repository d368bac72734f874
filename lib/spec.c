/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the container spec and its create request. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "dialect.h"
#include "redact.h"
#include "spec.h"

struct berth_spec *
berth_spec_new(void)
{
	struct berth_spec *spec = berth_xcalloc(1, sizeof(*spec));

	spec->config = berth_nonnull(json_object_new_object());
	spec->host_config = berth_nonnull(json_object_new_object());
	spec->networking = berth_nonnull(json_object_new_object());
	return spec;
}

void
berth_spec_free(struct berth_spec *spec)
{
	if (spec == NULL)
		return;
	json_object_put(spec->config);
	json_object_put(spec->host_config);
	json_object_put(spec->networking);
	free(spec);
}

/* FNV-1a, 64 bit: a change detector for configurations, not a security hash. */
static unsigned long long
fnv1a64(const char *s)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static json_object *
copy_or_new(json_object *src)
{
	json_object *dst = NULL;

	if (src == NULL)
		return berth_nonnull(json_object_new_object());
	/* deep_copy of a tree json-c built itself fails only when out of memory */
	if (json_object_deep_copy(src, &dst, NULL) < 0)
		berth_oom();
	return dst;
}

int
berth_spec_create_body(const struct berth_spec *spec, const char *image, char *const *cmd_argv, const char *instance,
		       json_object **body, char **hash, berth_error_t *err)
{
	json_object *b = copy_or_new(spec->config);
	json_object *hc = copy_or_new(spec->host_config);
	json_object *labels, *restart, *cmd;
	char hex[17];
	int i;

	*body = NULL;
	*hash = NULL;
	berth_json_set(b, "Image", json_object_new_string(image));
	if (cmd_argv != NULL && cmd_argv[0] != NULL) {
		cmd = berth_nonnull(json_object_new_array());
		for (i = 0; cmd_argv[i]; i++)
			berth_json_append(cmd, json_object_new_string(cmd_argv[i]));
		berth_json_set(b, "Cmd", cmd);
	}
	if (!json_object_object_get_ex(b, "Labels", &labels)) {
		labels = berth_nonnull(json_object_new_object());
		berth_json_set(b, "Labels", labels);
	}
	berth_json_set(labels, BERTH_LABEL_MANAGED, json_object_new_string("1"));
	berth_json_set(labels, BERTH_LABEL_INSTANCE, json_object_new_string(instance));

	/* Pacemaker, not the daemon, decides restarts; and host networking unless asked otherwise. */
	restart = berth_nonnull(json_object_new_object());
	berth_json_set(restart, "Name", json_object_new_string("no"));
	berth_json_set(restart, "MaximumRetryCount", json_object_new_int(0));
	berth_json_set(hc, "RestartPolicy", restart);
	if (!spec->network_set)
		berth_json_set(hc, "NetworkMode", json_object_new_string("host"));
	berth_json_set(b, "HostConfig", hc);
	if (spec->networking != NULL && json_object_object_length(spec->networking) > 0) {
		json_object *nc = berth_nonnull(json_object_new_object());
		berth_json_set(nc, "EndpointsConfig", copy_or_new(spec->networking));
		berth_json_set(b, "NetworkingConfig", nc);
	}

	/* The hash covers the body as built so far (labels included, the hash itself not). */
	snprintf(hex, sizeof(hex), "%016llx", fnv1a64(berth_json_text(b)));
	berth_json_set(labels, BERTH_LABEL_HASH, json_object_new_string(hex));
	*hash = berth_xstrdup(hex);
	*body = b;
	return 0;
}

/* Is want contained in have? (see berth_spec_matches) Arrays named in exact must be equal. */
static bool
contained(const char *key, json_object *want, json_object *have)
{
	size_t i, j;

	if (json_object_get_type(want) != json_object_get_type(have))
		return false;
	switch (json_object_get_type(want)) {
	case json_type_object: {
		json_object_object_foreach(want, k, v)
		{
			json_object *h = NULL;

			if (!json_object_object_get_ex(have, k, &h) || !contained(k, v, h))
				return false;
		}
		return true;
	}
	case json_type_array:
		if (strcmp(key, "Cmd") == 0 || strcmp(key, "Entrypoint") == 0)
			return json_object_equal(want, have);
		for (i = 0; i < json_object_array_length(want); i++) {
			json_object *w = json_object_array_get_idx(want, i);
			bool found = false;

			for (j = 0; j < json_object_array_length(have) && !found; j++)
				found = contained(key, w, json_object_array_get_idx(have, j));
			if (!found)
				return false;
		}
		return true;
	default:
		/* dockerd reports the network of a container created without one as "default": the
		 * bridge, on Linux */
		if (strcmp(key, "NetworkMode") == 0 && strcmp(json_object_get_string(want), "bridge") == 0 &&
		    json_object_is_type(have, json_type_string) && strcmp(json_object_get_string(have), "default") == 0)
			return true;
		return json_object_equal(want, have);
	}
}

/* Compare the members of want (but those in skip) with the members of have, named section. */
static bool
members_match(const char *section, json_object *want, json_object *have, const char *const *skip, char **why)
{
	json_object_object_foreach(want, k, v)
	{
		json_object *h = NULL;
		size_t i;
		bool skipped = false;

		for (i = 0; skip[i]; i++)
			skipped = skipped || strcmp(k, skip[i]) == 0;
		if (skipped)
			continue;
		if (!json_object_object_get_ex(have, k, &h) || !contained(k, v, h)) {
			/* This text goes to the log: of Env and Labels, the names only (redact.h). */
			cleanup_free char *names = berth_redact_secret_key(k) ? berth_redact_diff(k, v, h) : NULL;

			if (berth_redact_secret_key(k))
				*why = berth_xasprintf("%s%s: %s; no value is shown", section, k,
						       names ? names : "differs");
			else
				*why = berth_xasprintf("%s%s: the container has %.200s, the resource asks for %.200s",
						       section, k, h ? json_object_to_json_string(h) : "nothing",
						       json_object_to_json_string(v));
			return false;
		}
	}
	return true;
}

bool
berth_spec_matches(json_object *body, json_object *in, char **why)
{
	static const char *const top_skip[] = { "Labels", "HostConfig", "NetworkingConfig", NULL };
	static const char *const host_skip[] = { "RestartPolicy", NULL };
	json_object *config = NULL, *host = NULL, *want_host = NULL, *restart = NULL, *name = NULL;
	cleanup_json json_object *inspect = NULL;
	const char *policy;

	*why = NULL;
	/* podman spells some of what the body asked for differently (dialect.h): compare meaning */
	if (json_object_deep_copy(in, &inspect, NULL) < 0)
		berth_oom();
	berth_dialect_inspect_as_docker(inspect, body);
	if (!json_object_object_get_ex(inspect, "Config", &config) || !json_object_is_type(config, json_type_object) ||
	    !json_object_object_get_ex(inspect, "HostConfig", &host) || !json_object_is_type(host, json_type_object)) {
		*why = berth_xstrdup("the inspect answer has no Config or HostConfig");
		return false;
	}
	if (!members_match("", body, config, top_skip, why))
		return false;
	if (json_object_object_get_ex(body, "HostConfig", &want_host) &&
	    !members_match("HostConfig.", want_host, host, host_skip, why))
		return false;
	policy = json_object_object_get_ex(host, "RestartPolicy", &restart) &&
				 json_object_object_get_ex(restart, "Name", &name)
			 ? json_object_get_string(name)
			 : "";
	if (policy != NULL && policy[0] != '\0' && strcmp(policy, "no") != 0) {
		*why = berth_xasprintf("HostConfig.RestartPolicy: the container has \"%.40s\": dockerd would restart "
				       "it behind Pacemaker's back",
				       policy);
		return false;
	}
	return true;
}
