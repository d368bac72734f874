/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: scope-bound cleanup, the one set of helpers every module uses.
 *
 * `cleanup_free char *s = NULL;` frees s when it goes out of scope (crun's cleanup_free, systemd's
 * _cleanup_free_). Ownership leaves a scope by stealing: `*out = s; s = NULL;`.
 *
 * Generic helpers live here. A module with a heap type of its own declares its helper in its own
 * header with BERTH_DEFINE_CLEANUP (pointer types) or BERTH_DEFINE_CLEANUP_STRUCT (structs that
 * live on the stack and are released in place), so every helper is made the same way. */
#ifndef BERTH_CLEANUP_H
#define BERTH_CLEANUP_H

#include <stdlib.h>
#include <unistd.h>
#include <json-c/json.h>

/** Define cleanup_NAME for a pointer of TYPE released by FN(ptr); FN must accept NULL. */
#define BERTH_DEFINE_CLEANUP(NAME, TYPE, FN)                                                                           \
	static inline void berth_cleanup_##NAME(TYPE *p)                                                               \
	{                                                                                                              \
		FN(*p);                                                                                                \
	}

/** Define cleanup for a struct TYPE released in place by FN(&s). */
#define BERTH_DEFINE_CLEANUP_STRUCT(NAME, TYPE, FN)                                                                    \
	static inline void berth_cleanup_##NAME(TYPE *p)                                                               \
	{                                                                                                              \
		FN(p);                                                                                                 \
	}

/** Attach the helper NAME made by BERTH_DEFINE_CLEANUP* to a variable. */
#define berth_cleanup(NAME) __attribute__((cleanup(berth_cleanup_##NAME)))

static inline void
berth_cleanup_free(void *p)
{
	free(*(void **)p);
}
#define cleanup_free __attribute__((cleanup(berth_cleanup_free)))

static inline void
berth_cleanup_json(json_object **o)
{
	json_object_put(*o);
}
#define cleanup_json __attribute__((cleanup(berth_cleanup_json)))

/** Closes a file descriptor unless it is negative. */
static inline void
berth_cleanup_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define cleanup_close __attribute__((cleanup(berth_cleanup_close)))

#endif
