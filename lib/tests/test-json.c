/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the JSON member accessors (json.c), and the semantics of each private copy they
 * replaced (container, progress, dialect, drift, render, registry, runopts-int.h, admin). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cleanup.h"
#include "json.h"

static const char doc_text[] = "{"
			       "\"s\": \"text\", \"empty\": \"\", \"i\": 42, \"neg\": -7, \"big\": 9223372036854775807,"
			       "\"d\": 1.5, \"t\": true, \"f\": false, \"n\": null, \"zero\": 0,"
			       "\"istr\": \"5\", \"bstr\": \"true\","
			       "\"o\": {\"inner\": {\"s\": \"deep\", \"i\": 3}, \"n\": null},"
			       "\"a\": [1, \"two\", null], \"ea\": [], \"eo\": {}"
			       "}";

static json_object *
doc(void)
{
	json_object *d = json_tokener_parse(doc_text);

	assert_non_null(d);
	return d;
}

static void
test_get(void **state)
{
	cleanup_json json_object *d = doc();
	json_object *a = berth_json_get(d, "a");

	(void)state;
	assert_string_equal(json_object_get_string(berth_json_get(d, "s")), "text");
	assert_int_equal(json_object_get_int(berth_json_get(d, "i")), 42);
	/* missing key, JSON null, NULL object, an object that is not one: all absent */
	assert_null(berth_json_get(d, "missing"));
	assert_null(berth_json_get(d, "n"));
	assert_null(berth_json_get(NULL, "s"));
	assert_null(berth_json_get(a, "0"));
	assert_null(berth_json_get(berth_json_get(d, "s"), "s"));
	assert_null(berth_json_get(berth_json_get(d, "i"), "s"));
	/* any type is found */
	assert_non_null(berth_json_get(d, "d"));
	assert_non_null(berth_json_get(d, "f"));
	assert_non_null(berth_json_get(d, "eo"));
	assert_non_null(a);
	/* nested, and chained through absent levels without checks */
	assert_string_equal(
		json_object_get_string(berth_json_get(berth_json_get(berth_json_get(d, "o"), "inner"), "s")), "deep");
	assert_null(berth_json_get(berth_json_get(berth_json_get(d, "nope"), "inner"), "s"));
	assert_null(berth_json_get(berth_json_get(d, "o"), "n"));
	/* render.c's and admin.c's copies asked json-c without checking obj's type first: json-c's
	 * lookup finds nothing in a value that is not an object either, so they meant the same */
	assert_false(json_object_object_get_ex(a, "0", NULL));
	assert_false(json_object_object_get_ex(berth_json_get(d, "s"), "s", NULL));
	assert_false(json_object_object_get_ex(NULL, "s", NULL));
	/* ... and a JSON null member is there for json-c (value NULL), absent for every copy */
	assert_true(json_object_object_get_ex(d, "n", NULL));
	/* borrowed: the same object as the document holds */
	assert_ptr_equal(berth_json_get(d, "o"), json_object_object_get(d, "o"));
}

static void
test_typed(void **state)
{
	cleanup_json json_object *d = doc();

	(void)state;
	assert_non_null(berth_json_typed(d, "s", json_type_string));
	assert_non_null(berth_json_typed(d, "i", json_type_int));
	assert_non_null(berth_json_typed(d, "d", json_type_double));
	assert_non_null(berth_json_typed(d, "t", json_type_boolean));
	/* wrong type: absent; an integer is not a double nor a double an integer */
	assert_null(berth_json_typed(d, "s", json_type_int));
	assert_null(berth_json_typed(d, "i", json_type_double));
	assert_null(berth_json_typed(d, "d", json_type_int));
	assert_null(berth_json_typed(d, "istr", json_type_int));
	/* null is never found, not even as json_type_null (json_object_is_type(NULL, null) is true) */
	assert_null(berth_json_typed(d, "n", json_type_null));
	assert_null(berth_json_typed(d, "missing", json_type_null));
	assert_null(berth_json_typed(NULL, "s", json_type_string));

	assert_ptr_equal(berth_json_obj(d, "o"), json_object_object_get(d, "o"));
	assert_non_null(berth_json_obj(d, "eo"));
	assert_null(berth_json_obj(d, "a"));
	assert_null(berth_json_obj(d, "s"));
	assert_null(berth_json_obj(d, "n"));
	assert_non_null(berth_json_obj(berth_json_obj(d, "o"), "inner"));
	assert_null(berth_json_obj(berth_json_obj(d, "missing"), "inner"));

	assert_ptr_equal(berth_json_arr(d, "a"), json_object_object_get(d, "a"));
	assert_non_null(berth_json_arr(d, "ea"));
	assert_null(berth_json_arr(d, "o"));
	assert_null(berth_json_arr(d, "s"));
	assert_null(berth_json_arr(d, "missing"));
}

static void
test_str(void **state)
{
	cleanup_json json_object *d = doc();

	(void)state;
	assert_string_equal(berth_json_str(d, "s"), "text");
	assert_string_equal(berth_json_str(d, "empty"), "");
	assert_string_equal(berth_json_str(berth_json_obj(berth_json_obj(d, "o"), "inner"), "s"), "deep");
	/* only strings: not a number's, boolean's or object's text */
	assert_null(berth_json_str(d, "i"));
	assert_null(berth_json_str(d, "t"));
	assert_null(berth_json_str(d, "o"));
	assert_null(berth_json_str(d, "a"));
	assert_null(berth_json_str(d, "n"));
	assert_null(berth_json_str(d, "missing"));
	assert_null(berth_json_str(NULL, "s"));
	assert_null(berth_json_str(berth_json_get(d, "s"), "s"));
}

static void
test_int_bool(void **state)
{
	cleanup_json json_object *d = doc();
	int64_t i = -1;
	bool b = true;

	(void)state;
	assert_true(berth_json_int(d, "i", &i));
	assert_int_equal(i, 42);
	assert_true(berth_json_int(d, "neg", &i));
	assert_int_equal(i, -7);
	assert_true(berth_json_int(d, "big", &i));
	assert_true(i == INT64_MAX);
	assert_true(berth_json_int(berth_json_obj(berth_json_obj(d, "o"), "inner"), "i", &i));
	assert_int_equal(i, 3);
	/* not found: false, and out keeps the caller's default */
	i = -1;
	assert_false(berth_json_int(d, "d", &i));
	assert_false(berth_json_int(d, "istr", &i));
	assert_false(berth_json_int(d, "t", &i));
	assert_false(berth_json_int(d, "n", &i));
	assert_false(berth_json_int(d, "missing", &i));
	assert_false(berth_json_int(NULL, "i", &i));
	assert_int_equal(i, -1);

	assert_true(berth_json_bool(d, "f", &b));
	assert_false(b);
	assert_true(berth_json_bool(d, "t", &b));
	assert_true(b);
	b = false;
	assert_false(berth_json_bool(d, "i", &b));
	assert_false(berth_json_bool(d, "zero", &b));
	assert_false(berth_json_bool(d, "bstr", &b));
	assert_false(berth_json_bool(d, "n", &b));
	assert_false(berth_json_bool(d, "missing", &b));
	assert_false(berth_json_bool(NULL, "t", &b));
	assert_false(b);
}

/* What agent/admin.c's berth_admin_str/text/flag did: json-c's conversions of any type. */
static void
test_as(void **state)
{
	cleanup_json json_object *d = doc();

	(void)state;
	assert_string_equal(berth_json_as_str(d, "s", NULL), "text");
	assert_string_equal(berth_json_as_str(d, "empty", NULL), "");
	assert_string_equal(berth_json_as_str(d, "i", NULL), "42");
	assert_string_equal(berth_json_as_str(d, "t", NULL), "true");
	assert_string_equal(berth_json_as_str(d, "f", ""), "false");
	assert_string_equal(berth_json_as_str(d, "ea", NULL), "[ ]");
	assert_null(berth_json_as_str(d, "n", NULL));
	assert_null(berth_json_as_str(d, "missing", NULL));
	assert_null(berth_json_as_str(NULL, "s", NULL));
	assert_string_equal(berth_json_as_str(d, "n", ""), "");
	assert_string_equal(berth_json_as_str(d, "missing", "-"), "-");
	assert_string_equal(berth_json_as_str(berth_json_get(berth_json_get(d, "o"), "inner"), "s", NULL), "deep");

	assert_true(berth_json_as_bool(d, "t"));
	assert_false(berth_json_as_bool(d, "f"));
	assert_true(berth_json_as_bool(d, "i"));
	assert_false(berth_json_as_bool(d, "zero"));
	assert_true(berth_json_as_bool(d, "d"));
	assert_true(berth_json_as_bool(d, "s"));
	assert_false(berth_json_as_bool(d, "empty"));
	assert_false(berth_json_as_bool(d, "o"));
	assert_false(berth_json_as_bool(d, "a"));
	assert_false(berth_json_as_bool(d, "n"));
	assert_false(berth_json_as_bool(d, "missing"));
	assert_false(berth_json_as_bool(NULL, "t"));
}

static void
test_len(void **state)
{
	cleanup_json json_object *d = doc();

	(void)state;
	assert_int_equal(berth_json_len(berth_json_get(d, "a")), 3);
	assert_int_equal(berth_json_len(berth_json_get(d, "ea")), 0);
	assert_int_equal(berth_json_len(berth_json_get(d, "o")), 0);
	assert_int_equal(berth_json_len(berth_json_get(d, "s")), 0);
	assert_int_equal(berth_json_len(berth_json_get(d, "n")), 0);
	assert_int_equal(berth_json_len(NULL), 0);
	/* an array's JSON null element is there and counted */
	assert_null(json_object_array_get_idx(berth_json_get(d, "a"), 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get),      cmocka_unit_test(test_typed), cmocka_unit_test(test_str),
		cmocka_unit_test(test_int_bool), cmocka_unit_test(test_as),    cmocka_unit_test(test_len),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
