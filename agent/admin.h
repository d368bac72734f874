/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the admin's command, berth(8) -- what its commands share (agent/admin*.c). */
#ifndef BERTH_ADMIN_H
#define BERTH_ADMIN_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>

#include "cib.h"
#include "cleanup.h"
#include "error.h"

/* Exit codes, as Pacemaker's tools and pcs: 0 ok, 1 an error or something found, 2 usage. */
enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

#define DAEMON_MS 30000L /* the budget of the daemon calls of one command (status: of one container) */

/** The options of a command line. */
struct opts {
	bool json;            /**< --output-as=json */
	bool diff;            /**< explain --diff */
	bool apply;           /**< migrate --apply */
	const char *file;     /**< -f (or CIB_file): a CIB file */
	const char *instance; /**< explain NAME=VALUE: the resource instance (labels, hash) */
};

/* A parameter and its value, from the CIB or the command line. */
struct kv {
	char *name;
	char *value;
};

struct kvs {
	struct kv *v;
	size_t n;
};

/* ---- admin-common.c: errors and output ---- */

/** A usage error: "berth: MESSAGE" and a hint on stderr. \return EXIT_USAGE */
int berth_admin_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** An error: "berth: MESSAGE[: err's message]" on stderr; frees *err. \return EXIT_ERROR */
int berth_admin_fail(berth_error_t *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** A JSON document on stdout, pretty-printed. */
void berth_admin_print_json(json_object *o);

/** Text in lines of at most 100 columns: the first line after first, the others after rest. */
void berth_admin_print_para(const char *first, const char *rest, const char *text);

/* ---- admin-common.c: the OCF environment ---- */

void berth_admin_kvs_add(struct kvs *k, const char *name, const char *value);
const char *berth_admin_kvs_get(const struct kvs *k, const char *name);
void berth_admin_kvs_release(struct kvs *k);
BERTH_DEFINE_CLEANUP_STRUCT(admin_kvs, struct kvs, berth_admin_kvs_release)

/**
 * The environment Pacemaker gives the agent for this instance (OCF_RESKEY_*, OCF_RESOURCE_INSTANCE,
 * CRM_meta_clone): berth's library reads its parameters from there, so the admin's commands see
 * exactly what the agent would. clone < 0: not an anonymous clone's instance.
 */
void berth_admin_set_environment(const struct kvs *params, const char *instance, int clone);

/** The parameters of a resource in a CIB: one crm_resource call, or one a parameter where Pacemaker
 * has rules or id-refs to evaluate (berth_cib_params). \return 0 or -1 with err */
int berth_admin_cib_params(const struct berth_cib *cib, const char *rsc, struct kvs *out, berth_error_t *err);

/** A berth_problem_fn: appends the problem's message to the JSON array arg. */
void berth_admin_collect_problem(void *arg, const struct berth_error *problem);

/* ---- the commands (admin-explain.c, admin-status.c, admin-migrate.c), called by admin.c ---- */

int berth_admin_explain(const struct opts *o, int argc, char **argv);
int berth_admin_status(const struct opts *o, int argc, char **argv);
int berth_admin_migrate(const struct opts *o, int argc, char **argv);

#endif
