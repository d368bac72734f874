/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the docker-run flag parser: the flag table, the parse driver and the cross-flag
 * post-processing.
 *
 * run_opts is the one parameter through which an admin hands berth arbitrary `docker run` flags,
 * and no shell ever sees it. berth_words_split() (words.c) groups words the way sh would, without
 * any expansion; berth_runopts_parse() reads the flags the way the docker CLI 20.10 does
 * (spf13/pflag syntax, cli/command/container/opts.go semantics) and writes the create request
 * fields into a berth_spec.
 *
 * Where the CLI is odd but harmless we copy it, so that the run_opts of an ocf:heartbeat:docker
 * resource yield the same container here; where copying it would hurt a cluster (restart
 * policies, --name, relative file paths, silently ignored network options) we refuse with a
 * reason.
 *
 * Every flag is one row of the table below: its name, shorthand, kind, handler and the JSON
 * member it writes. The handlers live by area, as docker/cli's opts/ and podman's flag files do:
 *   runopts.c          the generic handlers that only store a value (set_string, set_list, ...)
 *   runopts-storage.c  -v, --mount, --tmpfs, --device, --device-cgroup-rule, --storage-opt
 *   runopts-network.c  -p, --expose, --network, --network-alias, --ip, --ip6, --link-local-ip,
 *                      --dns, --dns-search, --add-host, --mac-address
 *   runopts-config.c   everything else: -e, --env-file, -l, --label-file, --cpus, --memory-*,
 *                      --blkio-weight-device, --device-read/write-*, --ulimit, --security-opt,
 *                      --pid/--ipc/--uts/--userns/--cgroupns, --log-*, --health-*, --sysctl,
 *                      --entrypoint, -i, -d, --pull, --restart
 * runopts-int.h holds what they share; Go's own value parsers are in goparse.c.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "goparse.h"
#include "redact.h"
#include "runopts-int.h"

/* ------------------------------------------------------------------------------------------ */
/* Shared by the handlers                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Flags whose values berth never shows (an environment variable's, a label's): redact.h. */
static bool
secret_value(const struct runopts_flag *f)
{
	return f->fn == berth_runopts_set_env || f->fn == berth_runopts_set_label;
}

/* "run_opts: invalid value 'V' for '--flag': <why>" */
int
berth_runopts_bad_value(berth_error_t *err, const struct flag_use *u, const char *fmt, ...)
{
	char *why cleanup_free = NULL, *shown cleanup_free = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		berth_oom();
	va_end(ap);
	/* The message reaches the log and the CIB: of -e and -l, the name only. */
	shown = u->flag != NULL && secret_value(u->flag) ? berth_redact_kv(u->value) : berth_xstrdup(u->value);
	return berth_error_set(err, BERTH_E_CONFIG, "run_opts: invalid value '%s' for '%s': %s", shown, u->name, why);
}

/* Does the POSIX extended regular expression pattern match s? m[nm]: the submatches. */
bool
berth_runopts_regex_match(const char *pattern, const char *s, regmatch_t *m, size_t nm)
{
	regex_t re;
	bool match;

	/* The patterns are constants that compile: only memory can fail here. */
	if (regcomp(&re, pattern, REG_EXTENDED | (nm == 0 ? REG_NOSUB : 0)) != 0)
		berth_oom();
	match = regexec(&re, s, nm, m, 0) == 0;
	regfree(&re);
	return match;
}

/* ------------------------------------------------------------------------------------------ */
/* Generic handlers: store the value under the row's key                                      */
/* ------------------------------------------------------------------------------------------ */

int
berth_runopts_set_ignored(UNUSED struct runopts_ctx *ctx, UNUSED const struct flag_use *u, UNUSED berth_error_t *err)
{
	/* Client-side only: changes nothing in the create request. */
	return 0;
}

int
berth_runopts_set_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(target(ctx, u), u->flag->key, u->value);
	return 0;
}

int
berth_runopts_set_bool(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_boolean(u->on)));
	return 0;
}

int
berth_runopts_set_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	append_string(child(target(ctx, u), u->flag->key, json_type_array), u->value);
	return 0;
}

int
berth_runopts_set_int(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0)
		return berth_runopts_bad_value(err, u, "not an integer");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64(n)));
	return 0;
}

int
berth_runopts_set_uint16(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	uint64_t n;

	if (berth_go_parse_uint(u->value, 0, UINT16_MAX, &n) < 0)
		return berth_runopts_bad_value(err, u, "not an integer from 0 to 65535");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64((int64_t)n)));
	return 0;
}

int
berth_runopts_set_bytes(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_ram_in_bytes(u->value, &n) < 0)
		return berth_runopts_bad_value(err, u,
					       "not a size (a number with an optional unit b, k, m, g, t "
					       "or p, e.g. 512m)");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64(n)));
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The flags                                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define V       FLAG_VALUE
#define B       FLAG_BOOL
#define REFUSED FLAG_REFUSED
#define C       IN_CONFIG
#define H       IN_HOST
#define N       IN_NONE
/* The last column: the oldest Engine API that knows the flag, where it is newer than berth's own
 * floor (API 1.25, BERTH_ENGINE_API_MIN_* in engine.h), as docker/cli 20.10 annotates its flags
 * (flags.SetAnnotation(name, "version", ...) in cli/command/container/opts.go; the CLI refuses
 * such a flag against an older daemon). The CLI also marks --cpus, --cpu-rt-period,
 * --cpu-rt-runtime, --init and --stop-timeout with 1.25: berth's floor covers those.
 * berth_runopts_check_api() compares the newest one a run_opts uses with the daemon's. */
#define FLOOR                                                                                                          \
	{                                                                                                              \
		0, 0                                                                                                   \
	}
#define API(major, minor)                                                                                              \
	{                                                                                                              \
		major, minor                                                                                           \
	}

/* Sorted by name, like `docker create --help`. Hidden aliases (--net, --net-alias, --dns-opt)
 * are accepted as the CLI accepts them. */
/* clang-format off */
static const struct runopts_flag flags[] = {
	{ "add-host", 0, V, berth_runopts_set_add_host, H, "ExtraHosts", FLOOR },
	{ "attach", 'a', REFUSED, NULL, N, "berth always runs the container detached; drop it", FLOOR },
	{ "blkio-weight", 0, V, berth_runopts_set_uint16, H, "BlkioWeight", FLOOR },
	{ "blkio-weight-device", 0, V, berth_runopts_set_blkio_device, H, "BlkioWeightDevice", FLOOR },
	{ "cap-add", 0, V, berth_runopts_set_list, H, "CapAdd", FLOOR },
	{ "cap-drop", 0, V, berth_runopts_set_list, H, "CapDrop", FLOOR },
	{ "cgroup-parent", 0, V, berth_runopts_set_string, H, "CgroupParent", FLOOR },
	{ "cgroupns", 0, V, berth_runopts_set_namespace, H, "CgroupnsMode", API(1, 41) },
	{ "cidfile", 0, REFUSED, NULL, N, "berth does not write container ID files", FLOOR },
	{ "cpu-period", 0, V, berth_runopts_set_int, H, "CpuPeriod", FLOOR },
	{ "cpu-quota", 0, V, berth_runopts_set_int, H, "CpuQuota", FLOOR },
	{ "cpu-rt-period", 0, V, berth_runopts_set_int, H, "CpuRealtimePeriod", FLOOR },
	{ "cpu-rt-runtime", 0, V, berth_runopts_set_int, H, "CpuRealtimeRuntime", FLOOR },
	{ "cpu-shares", 'c', V, berth_runopts_set_int, H, "CpuShares", FLOOR },
	{ "cpus", 0, V, berth_runopts_set_cpus, H, "NanoCpus", FLOOR },
	{ "cpuset-cpus", 0, V, berth_runopts_set_string, H, "CpusetCpus", FLOOR },
	{ "cpuset-mems", 0, V, berth_runopts_set_string, H, "CpusetMems", FLOOR },
	{ "detach", 'd', B, berth_runopts_set_detach, N, NULL, FLOOR },
	{ "detach-keys", 0, V, berth_runopts_set_ignored, N, NULL, FLOOR },
	{ "device", 0, V, berth_runopts_set_device, H, "Devices", FLOOR },
	{ "device-cgroup-rule", 0, V, berth_runopts_set_device_cgroup_rule, H, "DeviceCgroupRules", FLOOR },
	{ "device-read-bps", 0, V, berth_runopts_set_blkio_device, H, "BlkioDeviceReadBps", FLOOR },
	{ "device-read-iops", 0, V, berth_runopts_set_blkio_device, H, "BlkioDeviceReadIOps", FLOOR },
	{ "device-write-bps", 0, V, berth_runopts_set_blkio_device, H, "BlkioDeviceWriteBps", FLOOR },
	{ "device-write-iops", 0, V, berth_runopts_set_blkio_device, H, "BlkioDeviceWriteIOps", FLOOR },
	{ "disable-content-trust", 0, B, berth_runopts_set_ignored, N, NULL, FLOOR },
	{ "dns", 0, V, berth_runopts_set_dns, H, "Dns", FLOOR },
	{ "dns-opt", 0, V, berth_runopts_set_list, H, "DnsOptions", FLOOR },
	{ "dns-option", 0, V, berth_runopts_set_list, H, "DnsOptions", FLOOR },
	{ "dns-search", 0, V, berth_runopts_set_dns_search, H, "DnsSearch", FLOOR },
	{ "domainname", 0, V, berth_runopts_set_string, C, "Domainname", FLOOR },
	{ "entrypoint", 0, V, berth_runopts_set_entrypoint, C, "Entrypoint", FLOOR },
	{ "env", 'e', V, berth_runopts_set_env, N, NULL, FLOOR },
	{ "env-file", 0, V, berth_runopts_set_env_file, N, NULL, FLOOR },
	{ "expose", 0, V, berth_runopts_set_expose, N, NULL, FLOOR },
	{ "group-add", 0, V, berth_runopts_set_list, H, "GroupAdd", FLOOR },
	{ "health-cmd", 0, V, berth_runopts_set_health_cmd, N, NULL, FLOOR },
	{ "health-interval", 0, V, berth_runopts_set_health_duration, N, "Interval", FLOOR },
	{ "health-retries", 0, V, berth_runopts_set_health_retries, N, NULL, FLOOR },
	{ "health-start-period", 0, V, berth_runopts_set_health_duration, N, "StartPeriod", API(1, 29) },
	{ "health-timeout", 0, V, berth_runopts_set_health_duration, N, "Timeout", FLOOR },
	{ "hostname", 'h', V, berth_runopts_set_string, C, "Hostname", FLOOR },
	{ "init", 0, B, berth_runopts_set_bool, H, "Init", FLOOR },
	{ "interactive", 'i', B, berth_runopts_set_interactive, N, NULL, FLOOR },
	{ "ip", 0, V, berth_runopts_set_endpoint_string, N, "IPv4Address", FLOOR },
	{ "ip6", 0, V, berth_runopts_set_endpoint_string, N, "IPv6Address", FLOOR },
	{ "ipc", 0, V, berth_runopts_set_string, H, "IpcMode", FLOOR },
	{ "kernel-memory", 0, V, berth_runopts_set_bytes, H, "KernelMemory", FLOOR },
	{ "label", 'l', V, berth_runopts_set_label, N, NULL, FLOOR },
	{ "label-file", 0, V, berth_runopts_set_label_file, N, NULL, FLOOR },
	{ "link-local-ip", 0, V, berth_runopts_set_endpoint_list, N, "LinkLocalIPs", FLOOR },
	{ "log-driver", 0, V, berth_runopts_set_log_driver, N, NULL, FLOOR },
	{ "log-opt", 0, V, berth_runopts_set_log_opt, N, NULL, FLOOR },
	{ "mac-address", 0, V, berth_runopts_set_mac_address, C, "MacAddress", FLOOR },
	{ "memory", 'm', V, berth_runopts_set_bytes, H, "Memory", FLOOR },
	{ "memory-reservation", 0, V, berth_runopts_set_bytes, H, "MemoryReservation", FLOOR },
	{ "memory-swap", 0, V, berth_runopts_set_memory_swap, H, "MemorySwap", FLOOR },
	{ "memory-swappiness", 0, V, berth_runopts_set_memory_swappiness, H, "MemorySwappiness", FLOOR },
	{ "mount", 0, V, berth_runopts_set_mount, N, NULL, FLOOR },
	{ "name", 0, REFUSED, NULL, N, NULL, FLOOR },
	{ "net", 0, V, berth_runopts_set_network, N, NULL, FLOOR },
	{ "net-alias", 0, V, berth_runopts_set_endpoint_list, N, "Aliases", FLOOR },
	{ "network", 0, V, berth_runopts_set_network, N, NULL, FLOOR },
	{ "network-alias", 0, V, berth_runopts_set_endpoint_list, N, "Aliases", FLOOR },
	{ "no-healthcheck", 0, B, berth_runopts_set_no_healthcheck, N, NULL, FLOOR },
	{ "oom-kill-disable", 0, B, berth_runopts_set_bool, H, "OomKillDisable", FLOOR },
	{ "oom-score-adj", 0, V, berth_runopts_set_int, H, "OomScoreAdj", FLOOR },
	{ "pid", 0, V, berth_runopts_set_namespace, H, "PidMode", FLOOR },
	{ "pids-limit", 0, V, berth_runopts_set_int, H, "PidsLimit", FLOOR },
	{ "privileged", 0, B, berth_runopts_set_bool, H, "Privileged", FLOOR },
	{ "publish", 'p', V, berth_runopts_set_publish, N, NULL, FLOOR },
	{ "publish-all", 'P', B, berth_runopts_set_bool, H, "PublishAllPorts", FLOOR },
	{ "pull", 0, V, berth_runopts_set_pull, N, NULL, FLOOR },
	{ "quiet", 'q', B, berth_runopts_set_ignored, N, NULL, FLOOR },
	{ "read-only", 0, B, berth_runopts_set_bool, H, "ReadonlyRootfs", FLOOR },
	{ "restart", 0, V, berth_runopts_set_restart, N, NULL, FLOOR },
	{ "rm", 0, B, berth_runopts_set_bool, H, "AutoRemove", FLOOR },
	{ "runtime", 0, V, berth_runopts_set_string, H, "Runtime", FLOOR },
	{ "security-opt", 0, V, berth_runopts_set_security_opt, H, "SecurityOpt", FLOOR },
	{ "shm-size", 0, V, berth_runopts_set_bytes, H, "ShmSize", FLOOR },
	{ "sig-proxy", 0, B, berth_runopts_set_ignored, N, NULL, FLOOR },
	{ "stop-signal", 0, V, berth_runopts_set_string, C, "StopSignal", FLOOR },
	{ "stop-timeout", 0, V, berth_runopts_set_int, C, "StopTimeout", FLOOR },
	{ "storage-opt", 0, V, berth_runopts_set_storage_opt, N, NULL, FLOOR },
	{ "sysctl", 0, V, berth_runopts_set_sysctl, N, NULL, FLOOR },
	{ "tmpfs", 0, V, berth_runopts_set_tmpfs, N, NULL, FLOOR },
	{ "tty", 't', B, berth_runopts_set_bool, C, "Tty", FLOOR },
	{ "ulimit", 0, V, berth_runopts_set_ulimit, N, NULL, FLOOR },
	{ "user", 'u', V, berth_runopts_set_string, C, "User", FLOOR },
	{ "userns", 0, V, berth_runopts_set_namespace, H, "UsernsMode", FLOOR },
	{ "uts", 0, V, berth_runopts_set_namespace, H, "UTSMode", FLOOR },
	{ "volume", 'v', V, berth_runopts_set_volume, N, NULL, FLOOR },
	{ "volume-driver", 0, V, berth_runopts_set_string, H, "VolumeDriver", FLOOR },
	{ "volumes-from", 0, V, berth_runopts_set_list, H, "VolumesFrom", FLOOR },
	{ "workdir", 'w', V, berth_runopts_set_string, C, "WorkingDir", FLOOR },
};
/* clang-format on */

#undef V
#undef B
#undef REFUSED
#undef C
#undef H
#undef N
#undef FLOOR
#undef API

static const struct runopts_flag *
flag_by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strlen(flags[i].name) == len && strncmp(flags[i].name, name, len) == 0)
			return &flags[i];
	return NULL;
}

static const struct runopts_flag *
flag_by_shorthand(char c)
{
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (flags[i].shorthand != 0 && flags[i].shorthand == c)
			return &flags[i];
	return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Compare API major.minor with the one flag f needs (none when f is NULL): <0, 0, >0. */
static int
api_cmp(int major, int minor, const struct runopts_flag *f)
{
	int fmajor = f != NULL ? f->api.major : 0, fminor = f != NULL ? f->api.minor : 0;

	return major != fmajor ? major - fmajor : minor - fminor;
}

static int
apply(struct runopts_ctx *ctx, const struct runopts_flag *f, const char *name, const char *value, berth_error_t *err)
{
	struct flag_use u = { .flag = f, .name = name, .value = value, .on = true };

	if (ctx->redacting) {
		if (secret_value(f)) {
			ctx->hidden = berth_xrealloc(ctx->hidden, (ctx->n_hidden + 1) * sizeof(*ctx->hidden));
			ctx->hidden[ctx->n_hidden++] = value;
		}
		return 0;
	}
	if (f->kind == FLAG_REFUSED) {
		if (strcmp(f->name, "name") == 0)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: --name is not allowed; set the 'name' parameter instead");
		return berth_error_set(err, BERTH_E_CONFIG, "run_opts: '%s' is not allowed: %s", name, f->key);
	}
	if (f->kind == FLAG_BOOL && berth_go_parse_bool(value, &u.on) < 0)
		return berth_runopts_bad_value(err, &u, "expected true or false");
	if (f->fn(ctx, &u, err) < 0)
		return -1;
	ctx->after_secret = secret_value(f);
	/* Like the CLI, any use of the flag counts, --init=false included. */
	if (api_cmp(f->api.major, f->api.minor, ctx->api_flag) > 0)
		ctx->api_flag = f;
	return 0;
}

/* The pieces that depend on several flags, done once all flags are read. */

static void
finish_env_labels(struct runopts_ctx *ctx)
{
	json_object *v, *env = NULL, *labels = NULL;
	static const char *const env_keys[] = { "env_file", "env" };
	static const char *const label_keys[] = { "label_file", "labels" };
	size_t first_e = 0;

	/* The CLI puts env-file lines before -e values, whatever their order on the line, and
	 * passes the -e values through a map: one entry per name, the last value wins (the CLI
	 * then sends them in random order; we keep the order of first appearance). */
	for (int k = 0; k < 2; k++) {
		if (!json_object_object_get_ex(ctx->scratch, env_keys[k], &v))
			continue;
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			json_object *e = json_object_array_get_idx(v, i);
			const char *s = json_object_get_string(e);
			size_t klen = strcspn(s, "="), j = 0;

			if (env == NULL)
				env = child(ctx->config, "Env", json_type_array);
			for (j = first_e; k == 1 && j < json_object_array_length(env); j++) {
				const char *o = json_object_get_string(json_object_array_get_idx(env, j));

				if (strncmp(o, s, klen) == 0 && strcspn(o, "=") == klen)
					break;
			}
			if (k == 1 && j < json_object_array_length(env)) {
				if (json_object_array_put_idx(env, j, json_object_get(e)) < 0)
					berth_oom();
			} else {
				append(env, json_object_get(e));
			}
		}
		if (k == 0)
			first_e = env != NULL ? json_object_array_length(env) : 0;
	}
	for (int k = 0; k < 2; k++) {
		if (!json_object_object_get_ex(ctx->scratch, label_keys[k], &v))
			continue;
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			if (labels == NULL)
				labels = child(ctx->config, "Labels", json_type_object);
			put_kv(labels, json_object_get_string(json_object_array_get_idx(v, i)));
		}
	}
}

static int
finish_health(struct runopts_ctx *ctx, berth_error_t *err)
{
	json_object *health = NULL, *nohc = NULL, *hc, *test, *v;
	static const char *const keys[] = { "Interval", "Timeout", "StartPeriod", "Retries" };
	const char *cmd;
	bool have;

	json_object_object_get_ex(ctx->scratch, "health", &health);
	json_object_object_get_ex(ctx->scratch, "no_healthcheck", &nohc);
	cmd = berth_json_str(health, "cmd");
	have = cmd != NULL && cmd[0] != '\0';
	for (int i = 0; i < 4; i++)
		if (health != NULL && json_object_object_get_ex(health, keys[i], &v) && json_object_get_int64(v) != 0)
			have = true;
	if (nohc != NULL && json_object_get_boolean(nohc)) {
		if (have)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: --no-healthcheck conflicts with --health-* options");
		test = berth_nonnull(json_object_new_array());
		append_string(test, "NONE");
		hc = berth_nonnull(json_object_new_object());
		put(hc, "Test", test);
		put(ctx->config, "Healthcheck", hc);
		return 0;
	}
	if (!have)
		return 0;
	hc = berth_nonnull(json_object_new_object());
	put(ctx->config, "Healthcheck", hc);
	if (cmd != NULL && cmd[0] != '\0') {
		test = berth_nonnull(json_object_new_array());
		append_string(test, "CMD-SHELL");
		append_string(test, cmd);
		put(hc, "Test", test);
	}
	for (int i = 0; i < 4; i++)
		if (json_object_object_get_ex(health, keys[i], &v) && json_object_get_int64(v) != 0)
			put(hc, keys[i], json_object_get(v));
	return 0;
}

static bool
network_is_user_defined(const char *n)
{
	return strcmp(n, "default") != 0 && strcmp(n, "bridge") != 0 && strcmp(n, "host") != 0 &&
	       strcmp(n, "none") != 0 && strncmp(n, "container:", 10) != 0;
}

static int
finish_network(struct runopts_ctx *ctx, berth_error_t *err)
{
	json_object *net = NULL, *ep cleanup_json = NULL, *ipam cleanup_json = NULL, *v, *aliases = NULL;
	const char *name, *ip = berth_json_str(ctx->scratch, "IPv4Address"),
			  *ip6 = berth_json_str(ctx->scratch, "IPv6Address");
	size_t n_aliases = berth_json_len(berth_json_arr(ctx->scratch, "Aliases")),
	       n_lla = berth_json_len(berth_json_arr(ctx->scratch, "LinkLocalIPs"));

	if (!json_object_object_get_ex(ctx->scratch, "net", &net)) {
		/* The CLI silently drops these without --network; under berth the container would
		 * land on the host network, where they mean nothing. Say so instead. */
		if (n_aliases > 0 || ip != NULL || ip6 != NULL || n_lla > 0)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: %s needs --network naming a user-defined network",
					       n_aliases > 0 ? "--network-alias"
					       : ip != NULL  ? "--ip"
					       : ip6 != NULL ? "--ip6"
							     : "--link-local-ip");
		return 0;
	}
	name = berth_json_str(net, "Target");
	if (n_aliases > 0 && berth_json_len(berth_json_arr(net, "Aliases")) > 0)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: conflicting options: --network-alias and a per-network alias");
	if (ip != NULL && berth_json_str(net, "IPv4Address") != NULL)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: conflicting options: --ip and a per-network IPv4 address");
	if (ip6 != NULL && berth_json_str(net, "IPv6Address") != NULL)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: conflicting options: --ip6 and a per-network IPv6 address");
	if (n_aliases > 0)
		json_object_object_get_ex(ctx->scratch, "Aliases", &aliases);
	else if (berth_json_len(berth_json_arr(net, "Aliases")) > 0)
		json_object_object_get_ex(net, "Aliases", &aliases);
	if (ip == NULL)
		ip = berth_json_str(net, "IPv4Address");
	if (ip6 == NULL)
		ip6 = berth_json_str(net, "IPv6Address");
	if (aliases != NULL && !network_is_user_defined(name))
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: network-scoped aliases need a user-defined network, not '%s'", name);

	ep = berth_nonnull(json_object_new_object());
	if (aliases != NULL)
		put(ep, "Aliases", json_object_get(aliases));
	if (json_object_object_get_ex(net, "DriverOpts", &v))
		put(ep, "DriverOpts", json_object_get(v));
	if ((ip != NULL && ip[0] != '\0') || (ip6 != NULL && ip6[0] != '\0') || n_lla > 0) {
		ipam = berth_nonnull(json_object_new_object());
		if (ip != NULL && ip[0] != '\0')
			put_string(ipam, "IPv4Address", ip);
		if (ip6 != NULL && ip6[0] != '\0')
			put_string(ipam, "IPv6Address", ip6);
		if (json_object_object_get_ex(ctx->scratch, "LinkLocalIPs", &v))
			put(ipam, "LinkLocalIPs", json_object_get(v));
		put(ep, "IPAMConfig", ipam);
		ipam = NULL;
	}
	/* Like the CLI, a lone network without endpoint settings gets no EndpointsConfig entry. */
	if (json_object_object_length(ep) > 0) {
		put(ctx->networking, name, ep);
		ep = NULL;
	}
	put_string(ctx->host, "NetworkMode", name);
	ctx->network_set = true;
	return 0;
}

static void
finish_ulimits(struct runopts_ctx *ctx)
{
	json_object *ul, *list;
	const char **names cleanup_free = NULL;
	size_t n = 0;

	if (!json_object_object_get_ex(ctx->scratch, "ulimits", &ul))
		return;
	names = berth_xcalloc((size_t)json_object_object_length(ul) + 1, sizeof(*names));
	list = child(ctx->host, "Ulimits", json_type_array);
	json_object_object_foreach(ul, key, val)
	{
		(void)val;
		names[n++] = key;
	}
	berth_strs_sort(names, n);
	for (size_t i = 0; i < n; i++)
		append(list, json_object_get(json_object_object_get(ul, names[i])));
}

static int
finish_log(struct runopts_ctx *ctx, berth_error_t *err)
{
	json_object *lc, *cfg;
	const char *type;

	if (!json_object_object_get_ex(ctx->host, "LogConfig", &lc))
		return 0;
	type = berth_json_str(lc, "Type");
	if (type != NULL && strcmp(type, "none") == 0 && json_object_object_get_ex(lc, "Config", &cfg) &&
	    json_object_object_length(cfg) > 0)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: --log-opt cannot be used with --log-driver=none");
	return 0;
}

static void
merge(json_object *into, json_object *from)
{
	json_object_object_foreach(from, key, val)
	{
		put(into, key, json_object_get(val));
	}
}

static int
parse_words(struct runopts_ctx *ctx, char **argv, int argc, berth_error_t *err)
{
	int i = 0;

	while (i < argc) {
		const char *s = argv[i++];

		if ((s[0] != '-' || s[1] == '\0') && ctx->redacting)
			continue;
		/* "-e A= b": the stray word may be the rest of a value, which is not shown */
		if ((s[0] != '-' || s[1] == '\0') && ctx->after_secret)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: unexpected argument after an -e or -l value (not shown: it "
					       "may be part of the value; quote a value with spaces)");
		if (s[0] != '-' || s[1] == '\0')
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: unexpected argument '%s' (put the command in run_cmd)", s);
		if (s[1] == '-') {
			const char *name = s + 2, *eq, *value;
			const struct runopts_flag *f;
			char shown[64];
			size_t len;

			if (name[0] == '\0') {
				/* "--" ends the flags; whatever follows would be the image and command */
				if (i < argc)
					return berth_error_set(err, BERTH_E_CONFIG,
							       "run_opts: unexpected argument '%s' after '--' "
							       "(put the command in run_cmd)",
							       argv[i]);
				break;
			}
			if (name[0] == '-' || name[0] == '=')
				return berth_error_set(err, BERTH_E_CONFIG, "run_opts: bad flag syntax '%s'", s);
			eq = strchr(name, '=');
			len = eq != NULL ? (size_t)(eq - name) : strlen(name);
			f = flag_by_name(name, len);
			if (f == NULL && ctx->redacting)
				continue;
			if (f == NULL)
				return berth_error_set(err, BERTH_E_CONFIG, "run_opts: unknown flag '--%.*s'", (int)len,
						       name);
			snprintf(shown, sizeof(shown), "--%s", f->name);
			if (eq != NULL)
				value = eq + 1;
			else if (f->kind != FLAG_VALUE)
				value = "true";
			else if (i < argc)
				value = argv[i++];
			else
				return berth_error_set(err, BERTH_E_CONFIG, "run_opts: flag '%s' needs a value", shown);
			if (apply(ctx, f, shown, value, err) < 0)
				return -1;
			continue;
		}
		/* A cluster of shorthands, "-itd" or "-e K=V" or "-eK=V": the first flag that takes a
		 * value takes the rest of the word, or the next word when nothing is left. */
		for (const char *sh = s + 1; *sh != '\0';) {
			const struct runopts_flag *f = flag_by_shorthand(*sh);
			char shown[3] = { '-', *sh, '\0' };
			const char *value;

			if (f == NULL && ctx->redacting)
				break;
			if (f == NULL) {
				if (strlen(s) > 2)
					return berth_error_set(err, BERTH_E_CONFIG,
							       "run_opts: unknown flag '-%c' in '%s'", *sh, s);
				return berth_error_set(err, BERTH_E_CONFIG, "run_opts: unknown flag '%s'", s);
			}
			if (sh[1] == '=' && sh[2] != '\0') {
				value = sh + 2;
				sh += strlen(sh);
			} else if (f->kind != FLAG_VALUE) {
				value = "true";
				sh++;
			} else if (sh[1] != '\0') {
				value = sh + 1;
				sh += strlen(sh);
			} else if (i < argc) {
				value = argv[i++];
				sh++;
			} else {
				return berth_error_set(err, BERTH_E_CONFIG, "run_opts: flag '%s' needs a value", shown);
			}
			if (apply(ctx, f, shown, value, err) < 0)
				return -1;
		}
	}
	return 0;
}

/* Releases what a parse built and did not hand to the spec. */
static void
ctx_release(struct runopts_ctx *ctx)
{
	json_object_put(ctx->config);
	json_object_put(ctx->host);
	json_object_put(ctx->networking);
	json_object_put(ctx->scratch);
}
BERTH_DEFINE_CLEANUP_STRUCT(runopts_ctx, struct runopts_ctx, ctx_release)

int
berth_runopts_parse(const char *run_opts, struct berth_spec *spec, berth_error_t *err)
{
	struct runopts_ctx ctx berth_cleanup(runopts_ctx) = { 0 };
	char **argv berth_cleanup(words) = NULL;
	int argc = 0;

	if (berth_words_split(run_opts, &argv, &argc, err) < 0)
		return berth_error_wrap(err, "run_opts: ");
	ctx.config = berth_nonnull(json_object_new_object());
	ctx.host = berth_nonnull(json_object_new_object());
	ctx.networking = berth_nonnull(json_object_new_object());
	ctx.scratch = berth_nonnull(json_object_new_object());
	if (parse_words(&ctx, argv, argc, err) < 0)
		return -1;
	finish_env_labels(&ctx);
	if (finish_health(&ctx, err) < 0 || finish_network(&ctx, err) < 0)
		return -1;
	finish_ulimits(&ctx);
	if (finish_log(&ctx, err) < 0)
		return -1;
	/* Only now touch the spec: a run_opts that fails leaves it as it was. */
	merge(spec->config, ctx.config);
	merge(spec->host_config, ctx.host);
	merge(spec->networking, ctx.networking);
	if (ctx.network_set)
		spec->network_set = true;
	if (ctx.restart_set)
		spec->restart_set = true;
	if (ctx.detach_seen)
		spec->detach = ctx.detach;
	if (ctx.api_flag != NULL &&
	    (spec->api_major < ctx.api_flag->api.major ||
	     (spec->api_major == ctx.api_flag->api.major && spec->api_minor < ctx.api_flag->api.minor))) {
		spec->api_major = ctx.api_flag->api.major;
		spec->api_minor = ctx.api_flag->api.minor;
		spec->api_flag = ctx.api_flag->name;
	}
	return 0;
}

int
berth_runopts_check_api(const struct berth_spec *spec, int major, int minor, berth_error_t *err)
{
	if (spec->api_flag == NULL || major > spec->api_major || (major == spec->api_major && minor >= spec->api_minor))
		return 0;
	/* Not a configuration error: a node with a newer Docker can run the same run_opts. */
	return berth_error_set(err, BERTH_E_API_OLD,
			       "run_opts: '--%s' needs Docker Engine API %d.%d, but the daemon offers API %d.%d; "
			       "upgrade Docker on this node or drop the flag",
			       spec->api_flag, spec->api_major, spec->api_minor, major, minor);
}

const struct runopts_flag *
berth_runopts_flag_at(size_t i)
{
	return i < sizeof(flags) / sizeof(flags[0]) ? &flags[i] : NULL;
}

int
berth_runopts_redact(const char *run_opts, char ***words, berth_error_t *err)
{
	struct runopts_ctx ctx = { .redacting = true };
	char **argv = NULL;
	int argc = 0;

	*words = NULL;
	if (berth_words_split(run_opts, &argv, &argc, err) < 0)
		return berth_error_wrap(err, "run_opts: ");
	/* The same walk as the parse, applying nothing: a value is the value of the same flag as
	 * when the parse reads it. An error ends the walk; what follows is left as it is. */
	(void)parse_words(&ctx, argv, argc, NULL);
	for (size_t h = 0; h < ctx.n_hidden; h++) {
		uintptr_t v = (uintptr_t)ctx.hidden[h];

		for (int i = 0; i < argc; i++) {
			uintptr_t w = (uintptr_t)argv[i];

			/* each value is the end of one word, and no word holds two */
			if (v >= w && v <= w + strlen(argv[i])) {
				cleanup_free char *kv = berth_redact_kv(ctx.hidden[h]);
				char *word = berth_xasprintf("%.*s%s", (int)(v - w), argv[i], kv);

				free(argv[i]);
				argv[i] = word;
				break;
			}
		}
	}
	free(ctx.hidden);
	*words = argv;
	return 0;
}
