/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: reading members of json-c objects (see json.h). */
#include "config.h"

#include "alloc.h"
#include "json.h"

json_object *
berth_json_get(json_object *obj, const char *key)
{
	json_object *v = NULL;

	/* json_object_object_get_ex answers false for NULL and for a value that is not an object,
	 * and true with v == NULL for a member that is JSON null: all three are "absent" here. */
	if (!json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v))
		return NULL;
	return v;
}

json_object *
berth_json_typed(json_object *obj, const char *key, json_type type)
{
	json_object *v = berth_json_get(obj, key);

	/* json_object_is_type(NULL, json_type_null) is true: check v first */
	return v != NULL && json_object_is_type(v, type) ? v : NULL;
}

json_object *
berth_json_obj(json_object *obj, const char *key)
{
	return berth_json_typed(obj, key, json_type_object);
}

json_object *
berth_json_arr(json_object *obj, const char *key)
{
	return berth_json_typed(obj, key, json_type_array);
}

const char *
berth_json_str(json_object *obj, const char *key)
{
	json_object *v = berth_json_typed(obj, key, json_type_string);

	return v != NULL ? json_object_get_string(v) : NULL;
}

bool
berth_json_int(json_object *obj, const char *key, int64_t *out)
{
	json_object *v = berth_json_typed(obj, key, json_type_int);

	if (v == NULL)
		return false;
	*out = json_object_get_int64(v);
	return true;
}

bool
berth_json_bool(json_object *obj, const char *key, bool *out)
{
	json_object *v = berth_json_typed(obj, key, json_type_boolean);

	if (v == NULL)
		return false;
	*out = json_object_get_boolean(v);
	return true;
}

const char *
berth_json_as_str(json_object *obj, const char *key, const char *dflt)
{
	json_object *v = berth_json_get(obj, key);

	return v != NULL ? json_object_get_string(v) : dflt;
}

bool
berth_json_as_bool(json_object *obj, const char *key)
{
	return json_object_get_boolean(berth_json_get(obj, key));
}

size_t
berth_json_len(json_object *arr)
{
	return json_object_is_type(arr, json_type_array) ? json_object_array_length(arr) : 0;
}

json_object *
berth_json_copy(json_object *v)
{
	json_object *c = NULL;

	if (v == NULL)
		return NULL;
	if (json_object_deep_copy(v, &c, NULL) < 0)
		berth_oom();
	return c;
}
