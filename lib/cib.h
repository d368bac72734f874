/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the cluster's configuration, read and written through Pacemaker's own tools
 * (crm_resource, cibadmin), spawned without a shell. berth parses no CIB XML here: Pacemaker
 * evaluates rules, id-refs and the parameters of implicit resources (a bundle's replicas), and
 * crm_resource hands over one value at a time. */
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
 * Every resource id crm_resource --list-raw names, implicit ones (bundle replicas) and clone
 * instances ("db:0") included.
 * \param ids out: malloc'd NULL-terminated list; free with berth_words_free
 */
int berth_cib_resources(const struct berth_cib *cib, char ***ids, berth_error_t *err);

#endif
