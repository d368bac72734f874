/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: node-local settings, read from /etc/berth/berth.conf and then /etc/berth/conf.d/NAME.conf
 * in name order (ocf_berth_docker(7), NODE-LOCAL SETTINGS).
 *
 * Pacemaker writes a bundle's container primitive itself (monitor_cmd=/bin/true, no credentials,
 * no health check), and some settings belong to a node rather than to the cluster. These files
 * give a resource, on one node, what its CIB does not:
 *
 *     # a comment: a line whose first non-blank character is '#'
 *     [defaults]
 *     postmortem_lines = 500             fills a parameter the CIB leaves unset, for every berth
 *                                        resource on the node
 *     [resource haproxy-bundle-docker-*]
 *     monitor_cmd = /usr/local/bin/check for the resources whose OCF_RESOURCE_INSTANCE (a clone's
 *                                        ":N" removed) matches the shell-style pattern (fnmatch):
 *                                        wins over the CIB
 *
 * Keys are the agent's parameter names. Those that say what the container is (image, name,
 * run_opts, run_cmd, mount_points, docker_socket, and the deprecated container) must be the same
 * on every node and stay in the CIB: setting one here is an error. A value is the rest of the line
 * after '=', blanks trimmed, taken literally (no quotes, no comment after it). A later line wins,
 * and a later file. The directory, conf.d and every file must be root's and writable by root
 * alone, and none may be a symbolic link (its target's directory would decide what root runs):
 * anything else is an error too. A configuration with an error is applied not at all; what that
 * means for each action is params.c's and agent/main.c's to decide. */
#ifndef BERTH_CONF_H
#define BERTH_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "deadline.h"
#include "digest.h"
#include "error.h"

/** The directory read when BERTH_CONF_DIR (a test hook) does not name another. */
#ifndef BERTH_CONF_DEFAULT_DIR
#define BERTH_CONF_DEFAULT_DIR "/etc/berth"
#endif

/** The largest file berth reads there, and the most files in conf.d it reads. */
#define BERTH_CONF_FILE_MAX  (256 * 1024)
#define BERTH_CONF_FILES_MAX 256

/** The node attribute that carries the configuration's checksum (berth_conf_publish), and the
 *  longest berth waits for crm_attribute to set it. */
#define BERTH_CONF_ATTRIBUTE  "berth-conf"
#define BERTH_CONF_PUBLISH_MS 1500L

/** One `key = value` line. */
struct berth_conf_setting {
	char *key;
	char *value;
	char *file; /**< the path of its file */
	int line;   /**< its line there, from 1 */
	char *glob; /**< the pattern of its [resource GLOB] section; NULL in [defaults] */
};

/** What the files say. Free with berth_conf_free. */
struct berth_conf {
	char *dir;                           /**< the directory read */
	struct berth_conf_setting *settings; /**< every setting, in the order read */
	size_t n;
	char **files; /**< the paths of the files read, in order */
	size_t nfiles;
	bool broken;                /**< a problem was found: nothing of it applies (berth_conf_load's error) */
	char checksum[17];          /**< see berth_conf_checksum */
	struct berth_digest digest; /**< private: the checksum while files are read */
};

/** The directory of the configuration: $BERTH_CONF_DIR (a test hook) or /etc/berth. */
const char *berth_conf_dir(void);

/** An empty configuration of dir (no file read yet). */
struct berth_conf *berth_conf_new(const char *dir);

/**
 * Parse one file's text into c (exposed for the tests and the fuzz target; berth_conf_load reads
 * the files). The checksum counts its bytes.
 * \param file the file's path, for the settings and the messages
 * \param text len bytes (NUL bytes in it are an error)
 * \return 0, or -BERTH_E_CONFIG with err "FILE:LINE: what is wrong"; settings of the lines
 *         before it stay in c
 */
int berth_conf_parse(struct berth_conf *c, const char *file, const char *text, size_t len, berth_error_t *err);

/**
 * Read dir/berth.conf, then dir/conf.d/NAME.conf in strcmp order of NAME (names beginning with
 * '.' are left out, as the shell's `*` does). A missing dir, berth.conf or conf.d is no error.
 * \param out always set: what was read (the caller frees it); when the return is negative,
 *            (*out)->broken is set and none of it may be applied
 * \return 0, or -BERTH_E_CONFIG with err naming the file, and the line when it is one
 */
int berth_conf_load(const char *dir, struct berth_conf **out, berth_error_t *err);

/**
 * The setting for key that applies to a resource instance: the last one in a [resource GLOB]
 * section whose pattern matches the instance (its clone suffix ":N" removed), which wins over
 * the CIB (*wins true); else the last one in [defaults], which only fills what the CIB leaves
 * unset (*wins false); else NULL.
 */
const struct berth_conf_setting *berth_conf_lookup(const struct berth_conf *c, const char *instance, const char *key,
						   bool *wins);

/**
 * The configuration's checksum: the first 16 hex digits of the SHA-256 of every file's bytes in
 * the order read: what sha256sum(1) says of `cat` of the same files in the same order (in the C
 * locale, the shell sorts conf.d's names as berth does); "none" when there is no file, and for
 * c NULL.
 */
const char *berth_conf_checksum(const struct berth_conf *c);

/**
 * The value of the node attribute berth-conf for c: its checksum, "none", or "invalid" when it is
 * broken. Nodes that read the same files show the same value in `crm_mon -A`.
 */
const char *berth_conf_attribute_value(const struct berth_conf *c);

/**
 * Publish berth_conf_attribute_value(c) as the transient node attribute berth-conf (the agent
 * calls this after monitor and validate-all only: a changed attribute aborts the transition it
 * changes in, which must not happen between a demote and the stop after it)
 * (crm_attribute -l reboot, through the cluster's attribute manager), best effort: only when it
 * differs from what this node last published ($HA_RSCTMP/berth-conf.published), at once when
 * another Pacemaker executor runs the agent than the one that last published it (the agent's
 * parent, by pid and start time: a restarted Pacemaker has forgotten the attribute), again after
 * 10 minutes (the cluster forgets a node's transient attributes when the node leaves it, HA_RSCTMP
 * survives that), and after a failure no sooner than a minute later. It takes at most
 * BERTH_CONF_PUBLISH_MS, and is left for a later action when the deadline is nearer than twice
 * that; never fails: a failure is logged (outside a cluster, or with attrd not answering).
 * A node that has no configuration and never published one publishes nothing.
 *
 * Why transient (-l reboot, the same as -t status: the CIB's status section, through attrd)
 * rather than permanent (-l forever, the nodes section of the configuration): the value says
 * what this node's files are now, and the agent says it again by itself; a permanent attribute
 * would outlive a reboot that brought other files, make every change a new configuration epoch
 * replicated to every node, and stay behind when berth is removed. crm_mon -A shows transient
 * attributes, promotion scores among them (promotion.h uses the same lifetime).
 */
void berth_conf_publish(const struct berth_conf *c, const struct berth_deadline *d);

void berth_conf_free(struct berth_conf *c);

#endif
