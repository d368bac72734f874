/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: turning a CIB's ocf:heartbeat:docker primitives into ocf:berth:docker ones (berth
 * migrate): where they are, what changes in each, and the checks that tell when the container
 * berth would run is not the one the shell agent ran. */
#ifndef BERTH_MIGRATE_H
#define BERTH_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/** An ocf:heartbeat:docker primitive of a CIB. Free a list with berth_migrate_targets_free. */
struct berth_migrate_target {
	char *id;
	char *clone;                         /**< the clone (or master) it is in, or NULL */
	size_t provider_off, provider_len;   /**< its provider attribute's value in the XML */
	size_t container_off, container_len; /**< the name "container" of its deprecated nvpair, or 0, 0 */
	bool has_name;                       /**< it also has a "name" parameter */
};

/**
 * Find the primitives with class="ocf" provider="heartbeat" type="docker" in a CIB's XML.
 * \param version  out (may be NULL): malloc'd "admin_epoch.epoch.num_updates" of the <cib> root
 * \return 0, or the negative cause with err when the XML cannot be read or is not a CIB
 */
int berth_migrate_find(const char *xml, size_t len, struct berth_migrate_target **targets, size_t *n, char **version,
		       berth_error_t *err);

void berth_migrate_targets_free(struct berth_migrate_target *targets, size_t n);

/**
 * The CIB with the selected primitives changed: provider "berth", and a "container" parameter
 * renamed "name" (berth reads "name"); its version the next one, as the CIB manager counts a
 * change of the configuration (epoch one more, num_updates 0), so that a patch from the CIB read
 * to this one names both versions and the CIB refuses it when it changed meanwhile. Everything
 * else stays byte for byte.
 * \param selected  one flag per target, or NULL for all
 * \return malloc'd XML
 */
char *berth_migrate_rewrite(const char *xml, size_t len, const struct berth_migrate_target *targets, size_t n,
			    const bool *selected);

/**
 * Does a value the shell agent used unquoted (docker run $run_opts $image $run_cmd, docker exec
 * $name $monitor_cmd) mean something else to berth? The shell agent's shell split it at blanks
 * and expanded globs, but kept quotes, backslashes, $VAR, $(...), backticks and ~ as text;
 * berth's splitter reads quotes and backslashes and expands nothing.
 * \param why  out: malloc'd reason when it does (NULL otherwise)
 * \return true when the value cannot be migrated as it is
 */
bool berth_migrate_shell_words(const char *param, const char *value, char **why);

#endif
