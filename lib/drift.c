/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a running container compared with its resource's create request, field by field. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "dialect.h"
#include "drift.h"
#include "json.h"
#include "redact.h"
#include "spec.h"

/* obj[key] = v, where v may be NULL (a JSON null) */
static void
set_or_null(json_object *obj, const char *key, json_object *v)
{
	if (json_object_object_add(obj, key, v) < 0)
		berth_oom();
}

/* Add one field: want and have are copied; note may be NULL. */
static bool
field(json_object *fields, const char *name, json_object *want, json_object *have, bool same, const char *note)
{
	json_object *f = berth_nonnull(json_object_new_object());

	berth_json_set(f, "field", json_object_new_string(name));
	set_or_null(f, "want", berth_json_copy(want));
	set_or_null(f, "have", berth_json_copy(have));
	berth_json_set(f, "same", json_object_new_boolean(same));
	if (note != NULL)
		berth_json_set(f, "note", json_object_new_string(note));
	berth_json_append(fields, f);
	return same;
}

/* the length of an array, 0 for anything else (null included) */
/* Strings of an array want that the array have lacks; a new array or NULL when none. */
static json_object *
missing(json_object *want, json_object *have)
{
	json_object *out = NULL;
	size_t i, j;

	for (i = 0; i < berth_json_len(want); i++) {
		json_object *w = json_object_array_get_idx(want, i);
		bool found = false;

		for (j = 0; j < berth_json_len(have) && !found; j++)
			found = json_object_equal(w, json_object_array_get_idx(have, j));
		if (!found) {
			if (out == NULL)
				out = berth_nonnull(json_object_new_array());
			berth_json_append(out, json_object_get(w));
		}
	}
	return out;
}

/* a list both ways: the same set of elements */
static bool
same_set(json_object *want, json_object *have)
{
	cleanup_json json_object *a = NULL, *b = NULL;

	if (berth_json_len(want) == 0 || berth_json_len(have) == 0)
		return berth_json_len(want) == 0 && berth_json_len(have) == 0;
	a = missing(want, have);
	b = missing(have, want);
	return a == NULL && b == NULL;
}

json_object *
berth_drift_compare(json_object *body, const char *hash, json_object *in, const char *image_id_now)
{
	/* podman spells some of what the body asked for differently (dialect.h): compare meaning */
	cleanup_json json_object *inspect = berth_json_copy(in);
	static const char *const done_top[] = { "Image", "Cmd", "Entrypoint", "Env", "Labels", NULL };
	static const char *const done_host[] = { "Binds", "Mounts", "NetworkMode", "RestartPolicy", NULL };
	json_object *result = berth_nonnull(json_object_new_object());
	json_object *fields = berth_nonnull(json_object_new_array());
	json_object *config = berth_json_get(inspect, "Config"), *host = berth_json_get(inspect, "HostConfig");
	json_object *want_host = berth_json_get(body, "HostConfig"), *labels = berth_json_get(config, "Labels");
	json_object *have_hash = berth_json_get(labels, BERTH_LABEL_HASH), *w, *h;
	cleanup_json json_object *want_hash = json_object_new_string(hash);
	cleanup_json json_object *rest = NULL;
	bool drifted = false, recreate;
	cleanup_free char *why = NULL;
	size_t i;

	berth_dialect_inspect_as_docker(inspect, body);
	/* the hash: what berth's start compares */
	recreate = !json_object_is_type(have_hash, json_type_string) ||
		   strcmp(json_object_get_string(have_hash), hash) != 0;
	drifted |= !field(fields, "config hash", want_hash, have_hash, !recreate,
			  have_hash == NULL ? "the container has no berth hash label: berth did not create it"
			  : recreate        ? "berth's next start recreates the container"
					    : NULL);

	/* the image: the tag, and what it named when the container was made and what it names now */
	w = berth_json_get(body, "Image");
	h = berth_json_get(config, "Image");
	drifted |= !field(fields, "image", w, h, json_object_equal(w, h), NULL);
	{
		cleanup_json json_object *now = image_id_now ? json_object_new_string(image_id_now) : NULL;
		json_object *made = berth_json_get(inspect, "Image");
		bool same = now != NULL && json_object_equal(now, made);

		drifted |= !field(fields, "image id", now, made, same,
				  now == NULL ? "the tag names no image on this node now"
				  : !same     ? "the tag names another image now: a new container would run that one"
					      : NULL);
	}

	/* the command: Entrypoint and Cmd as the request sets them (unset: the image's) */
	{
		cleanup_json json_object *want_cmd = berth_nonnull(json_object_new_object());
		cleanup_json json_object *have_cmd = berth_nonnull(json_object_new_object());
		bool same = true;
		const char *parts[] = { "Entrypoint", "Cmd" };

		for (i = 0; i < 2; i++) {
			if ((w = berth_json_get(body, parts[i])) == NULL)
				continue;
			h = berth_json_get(config, parts[i]);
			berth_json_set(want_cmd, parts[i], json_object_get(w));
			set_or_null(have_cmd, parts[i], json_object_get(h));
			same = same && json_object_equal(w, h);
		}
		drifted |= !field(fields, "command", want_cmd, have_cmd, same,
				  json_object_object_length(want_cmd) == 0 ? "the image's own command" : NULL);
	}

	/* binds and mounts */
	{
		cleanup_json json_object *want_b = berth_nonnull(json_object_new_object());
		cleanup_json json_object *have_b = berth_nonnull(json_object_new_object());
		bool same = true;
		const char *parts[] = { "Binds", "Mounts" };

		for (i = 0; i < 2; i++) {
			w = berth_json_get(want_host, parts[i]);
			h = berth_json_get(host, parts[i]);
			if (w != NULL)
				berth_json_set(want_b, parts[i], json_object_get(w));
			if (berth_json_len(h) > 0)
				berth_json_set(have_b, parts[i], json_object_get(h));
			/* dockerd adds nothing to these lists, so they must be the same sets */
			same = same && same_set(w, h);
		}
		drifted |= !field(fields, "binds", want_b, have_b, same, NULL);
	}

	/* the environment: what the request sets must be there; the image adds its own. Shown by
	 * name only (redact.h). */
	{
		cleanup_json json_object *lack = NULL, *want_e = NULL, *have_e = NULL;
		cleanup_free char *names = NULL, *note = NULL;

		w = berth_json_get(body, "Env");
		h = berth_json_get(config, "Env");
		lack = w != NULL ? missing(w, h) : NULL;
		names = lack != NULL ? berth_redact_diff("Env", w, h) : NULL;
		note = lack != NULL ? berth_xasprintf("variables the resource sets are missing or different in the "
						      "container: %s; no value is shown",
						      names ? names : "?")
				    : berth_xstrdup("the container may have more: the image's own variables; no value "
						    "is shown");
		want_e = berth_redact_value("Env", w);
		have_e = berth_redact_value("Env", h);
		drifted |= !field(fields, "environment", want_e, have_e, lack == NULL, note);
	}

	/* the network */
	{
		const char *wn, *hn;

		w = berth_json_get(want_host, "NetworkMode");
		h = berth_json_get(host, "NetworkMode");
		wn = w ? json_object_get_string(w) : "";
		hn = h ? json_object_get_string(h) : "";
		drifted |=
			!field(fields, "network", w, h,
			       strcmp(wn, hn) == 0 || (strcmp(wn, "bridge") == 0 && strcmp(hn, "default") == 0), NULL);
	}

	/* the labels, but the hash (above) */
	{
		cleanup_json json_object *want_l = berth_json_copy(berth_json_get(body, "Labels"));
		bool same = true;

		if (want_l != NULL)
			json_object_object_del(want_l, BERTH_LABEL_HASH);
		json_object_object_foreach(want_l, k, v)
		{
			json_object *hv = berth_json_get(labels, k);

			same = same && hv != NULL && json_object_equal(v, hv);
		}
		{
			cleanup_json json_object *want_r = berth_redact_value("Labels", want_l);
			cleanup_json json_object *have_r = berth_redact_value("Labels", labels);
			cleanup_free char *names = same ? NULL : berth_redact_diff("Labels", want_l, labels);
			cleanup_free char *note =
				same ? berth_xstrdup("the container may have more: the image's own labels; no value is "
						     "shown")
				     : berth_xasprintf("%s; no value is shown", names ? names : "labels differ");

			drifted |= !field(fields, "labels", want_r, have_r, same, note);
		}
	}

	/* the restart policy: Pacemaker, not dockerd, restarts */
	{
		json_object *hp = berth_json_get(berth_json_get(host, "RestartPolicy"), "Name");
		const char *name = hp ? json_object_get_string(hp) : "";

		w = berth_json_get(want_host, "RestartPolicy");
		h = berth_json_get(host, "RestartPolicy");
		drifted |= !field(fields, "restart policy", w, h, name[0] == '\0' || strcmp(name, "no") == 0, NULL);
	}

	/* everything else the request sets, as adoption compares it */
	rest = berth_json_copy(body);
	for (i = 0; done_top[i]; i++)
		json_object_object_del(rest, done_top[i]);
	for (i = 0; done_host[i]; i++)
		json_object_object_del(berth_json_get(rest, "HostConfig"), done_host[i]);
	{
		bool same = berth_spec_matches(rest, inspect, &why);

		drifted |= !field(fields, "other settings", NULL, NULL, same, same ? NULL : why);
	}

	berth_json_set(result, "drifted", json_object_new_boolean(drifted));
	berth_json_set(result, "recreate", json_object_new_boolean(recreate));
	berth_json_set(result, "fields", fields);
	return result;
}
