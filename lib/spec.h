/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the container spec, what a container should be, and its create request. */
#ifndef BERTH_SPEC_H
#define BERTH_SPEC_H

#include <stdbool.h>
#include <json-c/json.h>
#include "ocf.h"

/** Labels berth puts on every container it creates. */
#define BERTH_LABEL_MANAGED  "org.clusterlabs.berth.managed"  /* "1" */
#define BERTH_LABEL_INSTANCE "org.clusterlabs.berth.instance" /* OCF_RESOURCE_INSTANCE */
#define BERTH_LABEL_HASH     "org.clusterlabs.berth.config-hash"

/**
 * What the container should be. run_opts fill `config` (the create body's top level, e.g. Env,
 * Labels, User) and `host_config` (its HostConfig); `networking` holds NetworkingConfig for
 * per-network options (aliases, static IPs).
 */
struct berth_spec {
	json_object *config;      /**< owned; top-level create body fields */
	json_object *host_config; /**< owned; HostConfig */
	json_object *networking;  /**< owned; NetworkingConfig.EndpointsConfig.<net> entries */
	bool network_set;         /**< run_opts named a network (--net/--network) */
	bool restart_set;         /**< run_opts gave --restart (always "no" once accepted) */
	bool detach;              /**< -d/--detach seen (informational: berth always detaches) */
	/** The oldest Engine API that has every run_opts flag used, when newer than berth's floor
	 *  (BERTH_ENGINE_API_MIN_*); 0.0 otherwise. See berth_runopts_check_api. */
	int api_major, api_minor;
	const char *api_flag; /**< a flag that needs api_major.api_minor, without "--"
			       *   ("cgroupns"); static storage; NULL when 0.0 */
};

/** Allocate an empty spec; free with berth_spec_free. Out of memory ends the agent (alloc.h). */
struct berth_spec *berth_spec_new(void);

/** Free a spec and its JSON. Safe on NULL. */
void berth_spec_free(struct berth_spec *spec);

/**
 * Build the body of POST /containers/create.
 * Adds Image, Cmd (from cmd_argv when not NULL), labels (managed, instance, config hash),
 * NetworkMode "host" unless run_opts set a network, RestartPolicy {"Name":"no"}.
 * The config hash covers everything in the body except the hash label itself.
 * \param spec      the parsed run_opts (not modified)
 * \param image     image reference
 * \param cmd_argv  NULL-terminated argv for Cmd, or NULL to use the image's
 * \param instance  OCF_RESOURCE_INSTANCE, stored in a label
 * \param body      out: the new JSON object; caller puts it
 * \param hash      out: malloc'd hex config hash; caller frees
 * \return 0 or -1 with err set
 */
int berth_spec_create_body(const struct berth_spec *spec, const char *image, char *const *cmd_argv,
			   const char *instance, json_object **body, char **hash, berth_error_t *err);

/**
 * Does an existing container have what a create body asks for? Used to recognise the container
 * ocf:heartbeat:docker made for the same resource (ocf_berth_docker(7), CONTAINERS,
 * "Adopting ocf:heartbeat:docker's containers"),
 * so the comparison tolerates what the daemon adds and nothing the body sets:
 *   - every member of the body's top level (but Labels, HostConfig, NetworkingConfig) equals
 *     the container's Config member, and every member of its HostConfig (but RestartPolicy) the
 *     container's HostConfig member;
 *   - Cmd and Entrypoint are equal arrays; any other array of the body is contained in the
 *     container's (Env gains the image's variables, Binds and capabilities keep their order
 *     only in the CLI's map order); objects compare member by member the same way;
 *   - the container's restart policy is "no" (or unset): dockerd must not restart it.
 * \param body     a create request (berth_spec_create_body)
 * \param inspect  the container's inspect answer
 * \param why      out, when it does not match: malloc'd text naming the first difference
 * \return true when the container has everything the body asks for
 */
bool berth_spec_matches(json_object *body, json_object *inspect, char **why);

#endif
