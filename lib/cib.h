/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the cluster's configuration, read and written through Pacemaker's own tools
 * (crm_resource, cibadmin), spawned without a shell. Pacemaker evaluates rules, id-refs and the
 * parameters of implicit resources (a bundle's replicas): berth reads a resource's XML as
 * crm_resource prints it only when it states its values plainly, and otherwise asks crm_resource
 * for one value at a time. */
#ifndef BERTH_CIB_H
#define BERTH_CIB_H

#include <stdbool.h>

#include "cleanup.h"
#include "error.h"

/** Which CIB: the live cluster's (file NULL), or a CIB file (given to the tools as CIB_file). */
struct berth_cib {
	const char *file;
};

/** What a tool said. Release with berth_cib_output_release. */
struct berth_cib_output {
	char *out;  /**< stdout, NUL-terminated (capped at 64 MiB) */
	char *err;  /**< stderr, NUL-terminated (capped at 64 KiB) */
	int status; /**< exit status, or 128 + signal */
};

/**
 * Run a Pacemaker tool (argv[0] is looked up in PATH), with CIB_file set for a CIB file, stdin
 * from /dev/null, without a shell, for at most timeout_ms (berth_spawn_run, spawn.h).
 * \return 0 when it ran (whatever its exit status), or the negative cause with err when it could not be run or
 *         did not finish in time (then it is killed)
 */
int berth_cib_run(const struct berth_cib *cib, char *const argv[], long timeout_ms, struct berth_cib_output *o,
		  berth_error_t *err);

void berth_cib_output_release(struct berth_cib_output *o);
BERTH_DEFINE_CLEANUP_STRUCT(cib_output, struct berth_cib_output, berth_cib_output_release)

/**
 * One attribute of a resource, as Pacemaker evaluates it (crm_resource -r RSC -g NAME, with
 * --meta for a meta attribute; meta attributes include class, provider and type).
 * \param value  out: malloc'd value ("" for an empty one), or NULL when the resource has none
 * \return 0; -ENOENT with err when there is no such resource; another negative cause when the CIB cannot be
 *         read (no cluster running, no such file)
 */
int berth_cib_attr(const struct berth_cib *cib, const char *rsc, const char *name, bool meta, char **value,
		   berth_error_t *err);

/**
 * The value in crm_resource -g's standard output (exposed for tests): the text without the one
 * newline crm_resource adds; NULL for no output (no such attribute).
 * \return malloc'd value or NULL
 */
char *berth_cib_parse_attr(const char *out);

/**
 * Every instance attribute of a resource in one crm_resource --query-xml call, when its XML says
 * them plainly: one instance_attributes set, no rule, no id-ref (what pcs writes, and what
 * Pacemaker makes of a bundle for its replicas). Anything else is Pacemaker's to evaluate: read
 * each attribute with berth_cib_attr.
 * \param pairs out: malloc'd NULL-terminated list name, value, name, value, ...; free with
 *              berth_words_free
 * \return 0 with pairs; 1 when the XML is not plain (pairs NULL); a negative cause with err as
 *         berth_cib_attr's
 */
int berth_cib_params(const struct berth_cib *cib, const char *rsc, char ***pairs, berth_error_t *err);

/**
 * The instance attributes in crm_resource -r RSC --query-xml's standard output (exposed for tests):
 * a heading line or two (they differ between Pacemaker versions), then the resource's XML.
 * \return 0 with pairs as berth_cib_params; 1 when the XML is not plain, not RSC's primitive, or
 *         not what berth reads
 */
int berth_cib_parse_params(const char *out, const char *rsc, char ***pairs);

/**
 * Every resource id crm_resource --list-raw names, implicit ones (bundle replicas) and clone
 * instances ("db:0") included.
 * \param ids out: malloc'd NULL-terminated list; free with berth_words_free
 */
int berth_cib_resources(const struct berth_cib *cib, char ***ids, berth_error_t *err);

#endif
