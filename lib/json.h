/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: reading members of json-c objects, the one set of accessors.
 *
 * Every accessor takes any json_object pointer, NULL included, and treats these the same: obj is
 * NULL or not an object, obj has no member key, or the member is JSON null. That is what each of
 * the private copies these replaced did, so none of their callers tells "absent" from "null".
 * Lookups chain without checks in between: berth_json_str(berth_json_obj(root, "State"), "Status").
 *
 * Two families, because berth's callers need both:
 *  - typed (berth_json_typed, _obj, _arr, _str, _int, _bool): the member only when it has the
 *    asked JSON type; a member of another type counts as absent. For what a daemon or a file
 *    sends, where a wrong type must not be taken for a value.
 *  - converting (berth_json_as_str, berth_json_as_bool): json-c's conversion of a member of any
 *    type (json_object_get_string, json_object_get_boolean). For berth's own documents (the admin
 *    command prints what lib/ built), where an integer is shown as its digits.
 *
 * Ownership: every json_object and string returned is borrowed from obj, valid while obj holds
 * the member; take a reference (json_object_get) or a copy to keep one longer. Only
 * berth_json_as_str of a value that is not a string allocates: json-c writes the text into the
 * member's own buffer, freed with it.
 *
 * Writing members (berth_json_set, berth_json_append) lives in alloc.h, since each insertion is an
 * allocation that must not fail; the json-c version differences live in jsonc.h. */
#ifndef BERTH_JSON_H
#define BERTH_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

/**
 * obj[key], of any type.
 *
 * \param obj  an object, or NULL, or any other value (then there is no member)
 * \param key  the member's name
 * \return the member (borrowed from obj); NULL when obj is not an object, has no such member or
 *         the member is JSON null
 */
json_object *berth_json_get(json_object *obj, const char *key);

/**
 * obj[key] when it has JSON type type.
 *
 * \param obj   as for berth_json_get
 * \param key   the member's name
 * \param type  the type asked for (json_type_null is never found: a null member is absent)
 * \return the member (borrowed from obj), or NULL when berth_json_get finds none or its type
 *         differs (an integer is not a double, nor a double an integer)
 */
json_object *berth_json_typed(json_object *obj, const char *key, json_type type);

/** berth_json_typed(obj, key, json_type_object): a nested object (borrowed), or NULL. */
json_object *berth_json_obj(json_object *obj, const char *key);

/** berth_json_typed(obj, key, json_type_array): an array member (borrowed), or NULL. */
json_object *berth_json_arr(json_object *obj, const char *key);

/**
 * obj[key] when it is a JSON string.
 *
 * \return the string (borrowed from obj; "" for an empty string), or NULL when absent, null or of
 *         another type
 */
const char *berth_json_str(json_object *obj, const char *key);

/**
 * obj[key] when it is a JSON integer.
 *
 * \param out  set to the value (json_object_get_int64: saturated to int64_t) when found; left
 *             alone otherwise, so a caller's default stands
 * \return true when found
 */
bool berth_json_int(json_object *obj, const char *key, int64_t *out);

/**
 * obj[key] when it is a JSON boolean (true, false; not 0, 1 or "true").
 *
 * \param out  set to the value when found; left alone otherwise
 * \return true when found
 */
bool berth_json_bool(json_object *obj, const char *key, bool *out);

/**
 * obj[key] as text, whatever its type: a string as it is, any other value as json-c writes it
 * (json_object_get_string: 5, true, {"a": 1}).
 *
 * \param dflt  what to return when there is no member (or it is null); may be NULL
 * \return the text (borrowed from obj), or dflt
 */
const char *berth_json_as_str(json_object *obj, const char *key, const char *dflt);

/**
 * obj[key] as a truth value, whatever its type (json_object_get_boolean: a boolean's value, a
 * number other than 0, a non-empty string; an object or array is false).
 *
 * \return that value; false when there is no member or it is null
 */
bool berth_json_as_bool(json_object *obj, const char *key);

/**
 * The number of elements of arr when it is an array.
 *
 * \param arr  an array, or NULL, or any other value
 * \return its length; 0 for NULL and anything that is not an array
 */
size_t berth_json_len(json_object *arr);

/**
 * A deep copy of v (json-c's json_object_deep_copy; out of memory ends the process, as the
 * allocators of alloc.h do).
 *
 * \param v  any value, or NULL
 * \return the copy (the caller's reference), or NULL for NULL
 */
json_object *berth_json_copy(json_object *v);

#endif
