/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what berth shows of a container's environment and labels: their names, never their
 * values. */
#include "config.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "json.h"
#include "redact.h"
#include "spec.h"

/* Names listed in a difference, at most, and the characters of each name shown. */
#define DIFF_NAMES     10
#define NAME_MAX_SHOWN 100

char *
berth_redact_kv(const char *kv)
{
	const char *eq = strchr(kv, '=');

	if (eq == NULL)
		return berth_xstrdup(kv);
	return berth_xasprintf("%.*s=" BERTH_REDACTED, (int)(eq - kv), kv);
}

bool
berth_redact_secret_key(const char *key)
{
	return strcmp(key, "Env") == 0 || strcmp(key, "Labels") == 0;
}

/* berth's own labels: what it wrote itself, and nothing secret */
static bool
berth_label(const char *k)
{
	return strcmp(k, BERTH_LABEL_MANAGED) == 0 || strcmp(k, BERTH_LABEL_INSTANCE) == 0 ||
	       strcmp(k, BERTH_LABEL_HASH) == 0;
}

json_object *
berth_redact_value(const char *key, json_object *v)
{
	json_object *out;
	size_t i;

	if (v == NULL)
		return NULL;
	if (strcmp(key, "Env") == 0 && json_object_is_type(v, json_type_array)) {
		out = berth_nonnull(json_object_new_array());
		for (i = 0; i < json_object_array_length(v); i++) {
			json_object *e = json_object_array_get_idx(v, i);
			cleanup_free char *kv = json_object_is_type(e, json_type_string)
							? berth_redact_kv(json_object_get_string(e))
							: berth_xstrdup(BERTH_REDACTED);

			berth_json_append(out, json_object_new_string(kv));
		}
		return out;
	}
	if (strcmp(key, "Labels") == 0 && json_object_is_type(v, json_type_object)) {
		out = berth_nonnull(json_object_new_object());
		json_object_object_foreach(v, k, lv)
		{
			if (berth_label(k))
				berth_json_set(out, k, json_object_get(lv));
			else
				berth_json_set(out, k, json_object_new_string(BERTH_REDACTED));
		}
		return out;
	}
	if (berth_redact_secret_key(key)) /* not shaped as the API shapes it: nothing of it */
		return berth_nonnull(json_object_new_string(BERTH_REDACTED));
	return berth_json_copy(v);
}

/* obj[key], when it is there, replaced with its redacted copy */
static void
redact_member(json_object *obj, const char *key)
{
	json_object *v = berth_json_get(obj, key);

	if (v != NULL)
		berth_json_set(obj, key, berth_redact_value(key, v));
}

json_object *
berth_redact_config(json_object *obj)
{
	json_object *out = berth_json_copy(obj), *config;

	if (out == NULL)
		return NULL;
	redact_member(out, "Env");
	redact_member(out, "Labels");
	config = berth_json_get(out, "Config");
	redact_member(config, "Env");
	redact_member(config, "Labels");
	return out;
}

/* The length of the name in "NAME=VALUE" */
static size_t
name_len(const char *kv)
{
	return strcspn(kv, "=");
}

/* Add "NAME what" to the list text, up to DIFF_NAMES names. */
static void
list_add(struct berth_buf *text, int *n, const char *name, size_t len, const char *what)
{
	if (len > NAME_MAX_SHOWN)
		len = NAME_MAX_SHOWN;
	if (*n < DIFF_NAMES)
		berth_buf_addf(text, "%s%.*s %s", text->len > 0 ? ", " : "", (int)len, name, what);
	(*n)++;
}

char *
berth_redact_diff(const char *key, json_object *want, json_object *have)
{
	struct berth_buf text = { 0 };
	int n = 0;
	size_t i, j;

	if (strcmp(key, "Env") == 0) {
		for (i = 0; json_object_is_type(want, json_type_array) && i < json_object_array_length(want); i++) {
			json_object *w = json_object_array_get_idx(want, i);
			const char *ws = json_object_get_string(w);
			bool equal = false, named = false;

			for (j = 0; json_object_is_type(have, json_type_array) && j < json_object_array_length(have);
			     j++) {
				json_object *h = json_object_array_get_idx(have, j);
				const char *hs = json_object_get_string(h);

				equal = equal || json_object_equal(w, h);
				named = named || (ws != NULL && hs != NULL && name_len(ws) == name_len(hs) &&
						  strncmp(ws, hs, name_len(ws)) == 0);
			}
			if (!equal)
				list_add(&text, &n, ws ? ws : "?", ws ? name_len(ws) : 1,
					 named ? "differs" : "missing");
		}
	} else if (json_object_is_type(want, json_type_object)) {
		json_object_object_foreach(want, k, v)
		{
			json_object *h = NULL;
			bool there =
				json_object_is_type(have, json_type_object) && json_object_object_get_ex(have, k, &h);

			if (!there || !json_object_equal(v, h))
				list_add(&text, &n, k, strlen(k), there ? "differs" : "missing");
		}
	}
	if (n == 0)
		return NULL;
	if (n > DIFF_NAMES)
		berth_buf_addf(&text, " and %d more", n - DIFF_NAMES);
	return berth_buf_steal(&text);
}
