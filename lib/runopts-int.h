/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what the run_opts parser's files share (runopts.c, runopts-storage.c, runopts-network.c,
 * runopts-config.c), and nothing else includes, except white-box tests. */
#ifndef BERTH_RUNOPTS_INT_H
#define BERTH_RUNOPTS_INT_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <regex.h>
#include <json-c/json.h>

#include "alloc.h"
#include "cleanup.h"
#include "json.h"
#include "runopts.h"

#define UNUSED __attribute__((unused))

/* ------------------------------------------------------------------------------------------ */
/* Parser state                                                                               */
/* ------------------------------------------------------------------------------------------ */

struct runopts_ctx {
	/* The result, merged into the spec only when the whole of run_opts parsed. */
	json_object *config, *host, *networking;
	/* Inputs that are combined only at the end (env files before -e, health, network). */
	json_object *scratch;
	bool network_set, restart_set, detach_seen, detach;
	/* The flag used that needs the newest Engine API (NULL: none above berth's floor). */
	const struct runopts_flag *api_flag;
	/* berth_runopts_redact: walk the words without applying them, noting the values of the
	 * flags whose values are not shown (hidden[0..n_hidden), pointers into the words). */
	bool redacting;
	/* the last flag applied was -e or -l: a stray word after it may be the rest of a value */
	bool after_secret;
	const char **hidden;
	size_t n_hidden;
};

struct runopts_flag;

/** One flag as met on the command line. */
struct flag_use {
	const struct runopts_flag *flag;
	const char *name;  /* as written: "--env" or "-e" */
	const char *value; /* its value ("true" for a bare boolean) */
	bool on;           /* booleans: the value parsed */
};

typedef int (*flag_fn)(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

enum flag_kind {
	FLAG_VALUE,   /* takes a value: --f=v, --f v, -fv, -f v */
	FLAG_BOOL,    /* --f, --f=true|false, -f, -f=false */
	FLAG_REFUSED, /* known to docker, refused here; `key` holds the reason */
};

enum flag_where {
	IN_NONE,
	IN_CONFIG, /* top level of the create body */
	IN_HOST,   /* HostConfig */
};

/** An Engine API version, "1.41" as { 1, 41 }. */
struct runopts_api {
	unsigned char major, minor;
};

/** One row of the flag table (runopts.c). */
struct runopts_flag {
	const char *name; /* long name, without "--" */
	char shorthand;   /* one-letter form, or 0 */
	enum flag_kind kind;
	flag_fn fn;             /* handler; NULL for FLAG_REFUSED */
	enum flag_where where;  /* where the generic handlers write */
	const char *key;        /* JSON member the generic handlers write (the reason, when refused) */
	struct runopts_api api; /* the oldest Engine API with the flag; { 0, 0 }: berth's floor (1.25) */
};

/* ------------------------------------------------------------------------------------------ */
/* JSON helpers (json-c fails only when out of memory, which ends the agent)                  */
/* ------------------------------------------------------------------------------------------ */

/* Add val (owned) as obj[key]. json-c fails only when out of memory, which ends the agent. */
static inline void
put(json_object *obj, const char *key, json_object *val)
{
	if (json_object_object_add(obj, key, val) < 0)
		berth_oom();
}

static inline void
put_string(json_object *obj, const char *key, const char *s)
{
	put(obj, key, berth_nonnull(json_object_new_string(s)));
}

/* Append val (owned) to the array arr. */
static inline void
append(json_object *arr, json_object *val)
{
	if (json_object_array_add(arr, val) < 0)
		berth_oom();
}

static inline void
append_string(json_object *arr, const char *s)
{
	append(arr, berth_nonnull(json_object_new_string(s)));
}

/* obj[key], created empty (object or array) when absent; a member of another type is replaced. */
static inline json_object *
child(json_object *obj, const char *key, json_type type)
{
	json_object *c = berth_json_typed(obj, key, type);

	if (c != NULL)
		return c;
	c = berth_nonnull(type == json_type_array ? json_object_new_array() : json_object_new_object());
	put(obj, key, c);
	return c;
}

static inline json_object *
target(struct runopts_ctx *ctx, const struct flag_use *u)
{
	return u->flag->where == IN_CONFIG ? ctx->config : ctx->host;
}

/* Split "k=v" into the map obj: k -> v, or k -> "" without '=' (opts.ConvertKVStringsToMap). */
static inline void
put_kv(json_object *obj, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *key cleanup_free = berth_xstrndup(kv, eq != NULL ? (size_t)(eq - kv) : strlen(kv));

	put_string(obj, key, eq != NULL ? eq + 1 : "");
}

static inline char *
lower_dup(const char *s)
{
	char *d = berth_xstrdup(s);

	for (char *p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* ------------------------------------------------------------------------------------------ */
/* Shared by the handlers (runopts.c)                                                         */
/* ------------------------------------------------------------------------------------------ */

/** Fail flag u: "run_opts: invalid value 'V' for '--flag': <why>". \return -1 */
int berth_runopts_bad_value(berth_error_t *err, const struct flag_use *u, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Does the POSIX extended regular expression pattern match s? m[nm] receives the submatches. */
bool berth_runopts_regex_match(const char *pattern, const char *s, regmatch_t *m, size_t nm);

/* ------------------------------------------------------------------------------------------ */
/* Flag handlers: flag_fn, one per kind of flag value                                         */
/* ------------------------------------------------------------------------------------------ */

/* Generic: store the value under the table row's `key` in `where` (runopts.c). */
int berth_runopts_set_ignored(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_bool(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_int(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_uint16(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_bytes(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

/* Storage (runopts-storage.c). */
int berth_runopts_set_volume(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_mount(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_tmpfs(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_device_cgroup_rule(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_storage_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

/* Networking (runopts-network.c). */
int berth_runopts_set_publish(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_expose(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_network(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_endpoint_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_endpoint_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_dns(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_dns_search(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_add_host(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_mac_address(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

/* Everything else (runopts-config.c). */
int berth_runopts_set_restart(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_pull(UNUSED struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_detach(struct runopts_ctx *ctx, const struct flag_use *u, UNUSED berth_error_t *err);
int berth_runopts_set_interactive(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_entrypoint(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_namespace(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_cpus(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_memory_swap(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_memory_swappiness(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_env(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_label(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_env_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_label_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_blkio_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_sysctl(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_log_driver(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_log_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_ulimit(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_security_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_health_cmd(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_health_duration(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_health_retries(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);
int berth_runopts_set_no_healthcheck(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

/* ------------------------------------------------------------------------------------------ */
/* The table, read-only, for tests                                                            */
/* ------------------------------------------------------------------------------------------ */

/**
 * Row i of the flag table, in table order (sorted by name).
 * \return the row, or NULL when i is past the last one
 */
const struct runopts_flag *berth_runopts_flag_at(size_t i);

#endif
