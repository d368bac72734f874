/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the parameter table and the parameters of this invocation.
 *
 * The table is the single source for validation, the meta-data XML and (through it) the man
 * page, so the documentation cannot drift from what the code accepts. */
#ifndef BERTH_PARAMS_H
#define BERTH_PARAMS_H

#include <stdbool.h>
#include "ocf.h"

struct berth_conf;
struct berth_conf_setting;

enum berth_param_type { BERTH_PARAM_STRING, BERTH_PARAM_BOOLEAN, BERTH_PARAM_INTEGER };

/** One row of the parameter table. */
struct berth_param_def {
	const char *name;
	enum berth_param_type type;
	const char *dflt; /**< default as shown in meta-data, or NULL */
	bool required;
	bool reloadable; /**< a reload applies it (no restart): OCF 1.1 reloadable="1" */
	bool identity;   /**< it says which container the resource is (name, socket): never
			      reloadable, and OCF 1.0's unique="1" (1.0's way to say "restart") */
	const char *shortdesc;
	const char *longdesc;
};

/** The table, terminated by a row with name NULL. */
extern const struct berth_param_def berth_param_table[];

/** The parameters of this invocation, defaults applied. Strings are borrowed from environ. */
struct berth_params {
	const char *image;
	const char *name; /**< container name actually used (derived; owned by the struct) */
	bool allow_pull;
	const char *authfile; /**< credential file for pulls, or NULL for docker's own */
	bool reuse;
	const char *run_opts;
	const char *run_cmd;
	const char *mount_points;
	const char *monitor_cmd;
	bool force_kill;
	bool query_docker_health;
	bool drop_in_dependency; /**< order the container's systemd scopes before Pacemaker */
	const char *promote_cmd;
	const char *demote_cmd;
	const char *notify_cmd;
	const char *promotion_score_cmd;
	long long promotion_score; /**< default 1 */
	bool promotable;           /**< part of a promotable clone (CRM_meta_promotable) */
	int postmortem_lines;      /**< output lines a post-mortem keeps, 0 = none (default 100) */
	const char *docker_socket; /**< unix socket path (owned by the struct) */
	const char *instance;      /**< OCF_RESOURCE_INSTANCE (or "berth" when unset) */
	char *name_buf;
	char *socket_buf;
	struct berth_conf *conf;  /**< the node-local configuration read (conf.h); never NULL once loaded */
	berth_error_t conf_error; /**< its problem, when it has one: then none of it applies */
	const struct berth_conf_setting **conf_used; /**< per parameter of the table: the setting
							  that gave its value, or NULL */
	const char **conf_names, **conf_values;      /**< the values it gives (berth_ocf_reskey_override) */
};

/**
 * Read OCF_RESKEY_* into p, combined with the node-local configuration (conf.h): a setting of a
 * [resource GLOB] section that matches p->instance wins over the CIB, one of [defaults] fills what
 * the CIB leaves unset; berth_ocf_reskey then answers with the combined values until
 * berth_params_release. A configuration with a problem is not applied: p->conf_error keeps the
 * problem, which berth_params_check reports first. Only checks what every action needs (the
 * container name and the socket); berth_params_validate checks the rest.
 * \return 0, or -1 with err (cause BERTH_E_CONFIG)
 */
int berth_params_load(struct berth_params *p, berth_error_t *err);

/**
 * Check everything start needs: image present, booleans well-formed, mount_points absolute.
 * \return 0, or -1 with err (cause BERTH_E_CONFIG) naming the parameter: the first problem
 */
int berth_params_validate(const struct berth_params *p, berth_error_t *err);

/** Receives one problem of a check that reports them all; the error stays the caller's. */
typedef void (*berth_problem_fn)(void *arg, const struct berth_error *problem);

/**
 * One problem of a check that reports them all: handed to each (when not NULL), kept in *first
 * when it is the first (first may be NULL), freed otherwise; *e is NULL after.
 * \return true when the check should go on (there is an each to report the next one to)
 */
bool berth_problem_report(berth_error_t *e, berth_problem_fn each, void *arg, berth_error_t *first);

/**
 * berth_params_validate, reporting every problem instead of the first only (berth explain): each
 * is handed to each(arg, problem) in the order validate checks them.
 * \param each  NULL: stop at the first problem, as berth_params_validate
 * \param err   out: the first problem (may be NULL)
 * \return 0, or -1 when there was at least one problem
 */
int berth_params_check(const struct berth_params *p, berth_problem_fn each, void *arg, berth_error_t *err);

/**
 * Remember the agent's argv[0]: run as ".../podman" (the diverted ocf:heartbeat:podman), berth
 * is the podman agent. The string must outlive every berth_params_load.
 */
void berth_params_set_program(const char *argv0);

/**
 * Is berth running as the podman agent? OCF_RESOURCE_TYPE "podman" when it is set (Pacemaker
 * sets it), else argv[0]'s basename "podman" (berth_params_set_program). The agent's name, not
 * the engine: it changes what ocf:heartbeat:podman's parameters mean when unset (the socket
 * tried first, drop_in_dependency's files), so the parameters know it; which engine serves the
 * socket is berth_container_engine's question, and how it speaks the dialect's (dialect.h).
 */
bool berth_params_podman_agent(void);

/**
 * The socket used when neither docker_socket nor DOCKER_HOST names one: the first of
 * /run/docker.sock and /run/podman/podman.sock that exists under root (podman's first when
 * podman_first), else the first of the two. The second counts only when the first engine is
 * not installed (dockerd, podman under root): dockerd removes its socket while it restarts.
 * \param root  prefix for the existence checks ("" on a real system; a test's directory)
 * \return the path without root; the caller frees it
 */
char *berth_params_default_socket(bool podman_first, const char *root);

/**
 * Where a parameter's value comes from, when it is the node-local configuration: the setting
 * (file, line, section); NULL when it is the CIB's or the default.
 */
const struct berth_conf_setting *berth_params_conf_origin(const struct berth_params *p, const char *name);

/** Free what berth_params_load allocated, and end its overrides of berth_ocf_reskey. */
void berth_params_release(struct berth_params *p);

/**
 * Is s a valid Docker container name ([a-zA-Z0-9][a-zA-Z0-9_.-]*, at most 253 bytes)?
 */
bool berth_params_name_ok(const char *s);

#endif
