/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: memory allocation that cannot fail.
 *
 * Why the agent ends on an allocation failure instead of unwinding: an agent that cannot get a
 * few hundred bytes cannot do anything useful for Pacemaker, and each of the ~70 hand-written
 * "if (p == NULL)" branches this replaced was a path no test ever took (some of them crashed).
 * crun (xmalloc) and Pacemaker (pcmk__mem_assert) make the same choice. berth_oom() prints the
 * one exit reason and leaves with OCF_ERR_GENERIC, which Pacemaker treats as a soft, node-local
 * failure it can recover from.
 *
 * Use berth_x* for our own allocations, berth_nonnull() on what a library allocates for us
 * (json-c objects, curl handles), and berth_json_* to add to json-c containers (json-c reports a
 * failed insertion only through a return value), so every allocation failure ends in the same
 * place. lib/tests/test-oom fails every allocation in turn to keep it so. */
#ifndef BERTH_ALLOC_H
#define BERTH_ALLOC_H

#include <stddef.h>
#include <json-c/json.h>

/** Print "ocf-exit-reason:out of memory" with one write(2) and _exit(1): nothing that allocates. */
void berth_oom(void) __attribute__((noreturn));

/** malloc that never returns NULL (ends the agent instead). */
void *berth_xmalloc(size_t size) __attribute__((malloc, returns_nonnull));

/** calloc that never returns NULL; checks n * size for overflow. */
void *berth_xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));

/** realloc that never returns NULL. */
void *berth_xrealloc(void *p, size_t size) __attribute__((returns_nonnull));

/** strdup that never returns NULL; NULL in gives NULL out. */
char *berth_xstrdup(const char *s);

/** strndup that never returns NULL. */
char *berth_xstrndup(const char *s, size_t n) __attribute__((returns_nonnull));

/** asprintf that returns the string, never NULL. */
char *berth_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2), returns_nonnull));

/** Return p, or end the agent when a library's allocation gave NULL. */
static inline void *
berth_nonnull(void *p)
{
	if (p == NULL)
		berth_oom();
	return p;
}

/** json_object_object_add that cannot fail; takes val (never NULL). */
static inline void
berth_json_set(json_object *obj, const char *key, json_object *val)
{
	if (json_object_object_add(obj, key, berth_nonnull(val)) < 0)
		berth_oom();
}

/** json_object_array_add that cannot fail; takes val (never NULL). */
static inline void
berth_json_append(json_object *arr, json_object *val)
{
	if (json_object_array_add(arr, berth_nonnull(val)) < 0)
		berth_oom();
}

/**
 * The compact JSON text of obj, owned by obj; never NULL.
 *
 * A limit berth cannot lift: json-c 0.16's serializer drops what it cannot append when its buffer
 * cannot grow and still succeeds, and its tokener passes a NULL key on when a strdup fails. Only
 * json-c can fix those; berth checks everything json-c reports.
 */
static inline const char *
berth_json_text(json_object *obj)
{
	return berth_nonnull((void *)json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN));
}

#endif
