/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a create request rendered back as a docker run command line. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "json.h"
#include "render.h"
#include "words.h"

struct out {
	struct berth_strv argv;
	struct berth_strv unmapped;
	json_object *body; /* the whole request: some members are rendered with others */
};

/* --flag=value as one word, so that a value starting with '-' stays a value */
static void
flag(struct out *o, const char *name, const char *value)
{
	berth_strv_take(&o->argv, berth_xasprintf("--%s=%s", name, value));
}

static void
unmapped(struct out *o, const char *section, const char *key, const char *why)
{
	berth_strv_take(&o->unmapped, berth_xasprintf("%s%s: %s", section, key, why));
}

/* ---- renderers: false when the value has a shape no flag can say ---- */

typedef bool (*render_fn)(struct out *o, const char *name, json_object *v);

static bool
r_skip(struct out *o, const char *name, json_object *v)
{
	(void)o, (void)name, (void)v;
	return true;
}

static bool
r_string(struct out *o, const char *name, json_object *v)
{
	if (!json_object_is_type(v, json_type_string))
		return false;
	flag(o, name, json_object_get_string(v));
	return true;
}

static bool
r_bool(struct out *o, const char *name, json_object *v)
{
	if (!json_object_is_type(v, json_type_boolean))
		return false;
	if (json_object_get_boolean(v))
		berth_strv_take(&o->argv, berth_xasprintf("--%s", name));
	else
		flag(o, name, "false");
	return true;
}

static bool
r_int(struct out *o, const char *name, json_object *v)
{
	char buf[32];

	if (!json_object_is_type(v, json_type_int))
		return false;
	snprintf(buf, sizeof(buf), "%" PRId64, json_object_get_int64(v));
	flag(o, name, buf);
	return true;
}

/* an array of strings: the flag once per element */
static bool
r_list(struct out *o, const char *name, json_object *v)
{
	size_t i;

	if (!json_object_is_type(v, json_type_array))
		return false;
	for (i = 0; i < json_object_array_length(v); i++)
		if (!json_object_is_type(json_object_array_get_idx(v, i), json_type_string))
			return false;
	for (i = 0; i < json_object_array_length(v); i++)
		flag(o, name, json_object_get_string(json_object_array_get_idx(v, i)));
	return true;
}

/* an object whose members are all strings */
static bool
string_members(json_object *v)
{
	if (!json_object_is_type(v, json_type_object))
		return false;
	json_object_object_foreach(v, k, val)
	{
		(void)k;
		if (!json_object_is_type(val, json_type_string))
			return false;
	}
	return true;
}

/* an object of strings: the flag once per member, key=value */
static bool
r_map(struct out *o, const char *name, json_object *v)
{
	if (!string_members(v))
		return false;
	json_object_object_foreach(v, k, val)
	{
		cleanup_free char *kv = berth_xasprintf("%s=%s", k, json_object_get_string(val));
		flag(o, name, kv);
	}
	return true;
}

/* an object whose keys are the values: Volumes {"/data": {}} */
static bool
r_keys(struct out *o, const char *name, json_object *v)
{
	if (!json_object_is_type(v, json_type_object))
		return false;
	json_object_object_foreach(v, k, val)
	{
		(void)val;
		flag(o, name, k);
	}
	return true;
}

/* ExposedPorts: those -p does not expose already */
static bool
r_exposed(struct out *o, const char *name, json_object *v)
{
	json_object *bindings = berth_json_get(berth_json_get(o->body, "HostConfig"), "PortBindings");

	if (!json_object_is_type(v, json_type_object))
		return false;
	json_object_object_foreach(v, k, val)
	{
		(void)val;
		if (berth_json_get(bindings, k) == NULL)
			flag(o, name, k);
	}
	return true;
}

/* StdinOnce: --interactive sets it to false; nothing sets it to true */
static bool
r_stdin_once(struct out *o, const char *name, json_object *v)
{
	(void)name;
	return json_object_is_type(v, json_type_boolean) && !json_object_get_boolean(v) &&
	       berth_json_get(o->body, "OpenStdin") != NULL;
}

/* Entrypoint: --entrypoint gives one element, never split */
static bool
r_entrypoint(struct out *o, const char *name, json_object *v)
{
	if (!json_object_is_type(v, json_type_array) || json_object_array_length(v) != 1)
		return false;
	return r_string(o, name, json_object_array_get_idx(v, 0));
}

/* nanoseconds as a Go duration docker run reads back exactly */
static void
duration(struct out *o, const char *name, int64_t ns)
{
	char buf[48];

	if (ns % 1000000000 == 0)
		snprintf(buf, sizeof(buf), "%" PRId64 "s", ns / 1000000000);
	else if (ns % 1000000 == 0)
		snprintf(buf, sizeof(buf), "%" PRId64 "ms", ns / 1000000);
	else if (ns % 1000 == 0)
		snprintf(buf, sizeof(buf), "%" PRId64 "us", ns / 1000);
	else
		snprintf(buf, sizeof(buf), "%" PRId64 "ns", ns);
	flag(o, name, buf);
}

static bool
r_health(struct out *o, const char *name, json_object *v)
{
	static const struct {
		const char *key, *flag;
	} durations[] = { { "Interval", "health-interval" },
			  { "Timeout", "health-timeout" },
			  { "StartPeriod", "health-start-period" } };
	json_object *test = berth_json_get(v, "Test"), *n;
	const char *t0;
	size_t i;

	(void)name;
	if (!json_object_is_type(v, json_type_object))
		return false;
	json_object_object_foreach(v, k, val)
	{
		(void)val;
		if (strcmp(k, "Test") != 0 && strcmp(k, "Interval") != 0 && strcmp(k, "Timeout") != 0 &&
		    strcmp(k, "StartPeriod") != 0 && strcmp(k, "Retries") != 0)
			return false;
		if (strcmp(k, "Test") != 0 && !json_object_is_type(val, json_type_int))
			return false;
	}
	if (test != NULL) {
		if (!json_object_is_type(test, json_type_array) || json_object_array_length(test) == 0)
			return false;
		t0 = json_object_get_string(json_object_array_get_idx(test, 0));
		if (strcmp(t0, "NONE") == 0 && json_object_array_length(test) == 1 &&
		    json_object_object_length(v) == 1) {
			berth_strv_take(&o->argv, berth_xstrdup("--no-healthcheck"));
			return true;
		}
		/* --health-cmd is run by the container's shell: CMD-SHELL and one string */
		if (strcmp(t0, "CMD-SHELL") != 0 || json_object_array_length(test) != 2)
			return false;
		flag(o, "health-cmd", json_object_get_string(json_object_array_get_idx(test, 1)));
	}
	for (i = 0; i < sizeof(durations) / sizeof(durations[0]); i++)
		if ((n = berth_json_get(v, durations[i].key)) != NULL)
			duration(o, durations[i].flag, json_object_get_int64(n));
	if ((n = berth_json_get(v, "Retries")) != NULL)
		r_int(o, "health-retries", n);
	return true;
}

/* NanoCpus: --cpus as a decimal, exactly */
static bool
r_cpus(struct out *o, const char *name, json_object *v)
{
	char buf[48];
	int64_t n;
	size_t len;

	if (!json_object_is_type(v, json_type_int) || (n = json_object_get_int64(v)) < 0)
		return false;
	snprintf(buf, sizeof(buf), "%" PRId64 ".%09" PRId64, n / 1000000000, n % 1000000000);
	for (len = strlen(buf); buf[len - 1] == '0'; len--)
		buf[len - 1] = '\0';
	if (buf[len - 1] == '.')
		buf[len - 1] = '\0';
	flag(o, name, buf);
	return true;
}

/* Tmpfs {"/run": "size=1m"}: --tmpfs /run:size=1m */
static bool
r_tmpfs(struct out *o, const char *name, json_object *v)
{
	if (!string_members(v))
		return false;
	json_object_object_foreach(v, k, val)
	{
		const char *opts = json_object_get_string(val);
		cleanup_free char *w = opts[0] ? berth_xasprintf("%s:%s", k, opts) : berth_xstrdup(k);

		flag(o, name, w);
	}
	return true;
}

/* LogConfig {"Type": "syslog", "Config": {"tag": "x"}} */
static bool
r_log(struct out *o, const char *name, json_object *v)
{
	json_object *config = berth_json_get(v, "Config");
	const char *type = berth_json_str(v, "Type");

	(void)name;
	if (!json_object_is_type(v, json_type_object) ||
	    (config != NULL && !json_object_is_type(config, json_type_object)))
		return false;
	json_object_object_foreach(v, k, val)
	{
		(void)val;
		if (strcmp(k, "Type") != 0 && strcmp(k, "Config") != 0)
			return false;
	}
	if (type != NULL && type[0] != '\0')
		flag(o, "log-driver", type);
	return config == NULL || r_map(o, "log-opt", config);
}

/* RestartPolicy {"Name": "no", "MaximumRetryCount": 0} */
static bool
r_restart(struct out *o, const char *name, json_object *v)
{
	json_object *count = berth_json_get(v, "MaximumRetryCount");
	const char *policy = berth_json_str(v, "Name");
	char buf[64];

	if (policy == NULL)
		return false;
	if (count != NULL && json_object_get_int64(count) != 0)
		snprintf(buf, sizeof(buf), "%.30s:%" PRId64, policy, json_object_get_int64(count));
	else
		snprintf(buf, sizeof(buf), "%.30s", policy);
	flag(o, name, buf);
	return true;
}

/* An array of objects each rendered by fn into one flag value. */
static bool
each_object(struct out *o, const char *name, json_object *v, char *(*fn)(json_object *item))
{
	struct berth_strv words = { 0 };
	size_t i;

	if (!json_object_is_type(v, json_type_array))
		return false;
	for (i = 0; i < json_object_array_length(v); i++) {
		json_object *item = json_object_array_get_idx(v, i);
		char *w = json_object_is_type(item, json_type_object) ? fn(item) : NULL;

		if (w == NULL) {
			berth_strv_release(&words);
			return false;
		}
		berth_strv_take(&words, w);
	}
	for (i = 0; i < words.n; i++)
		flag(o, name, words.v[i]);
	berth_strv_release(&words);
	return true;
}

/* Does an object have members other than those listed? */
static bool
only_members(json_object *obj, const char *const *keys)
{
	json_object_object_foreach(obj, k, v)
	{
		size_t i;

		(void)v;
		for (i = 0; keys[i] && strcmp(keys[i], k) != 0; i++)
			;
		if (keys[i] == NULL)
			return false;
	}
	return true;
}

static char *
device(json_object *d)
{
	static const char *const keys[] = { "PathOnHost", "PathInContainer", "CgroupPermissions", NULL };
	const char *h = berth_json_str(d, "PathOnHost"), *c = berth_json_str(d, "PathInContainer"),
		   *p = berth_json_str(d, "CgroupPermissions");

	if (h == NULL || c == NULL || p == NULL || !only_members(d, keys))
		return NULL;
	return berth_xasprintf("%s:%s:%s", h, c, p);
}

static char *
ulimit(json_object *u)
{
	static const char *const keys[] = { "Name", "Soft", "Hard", NULL };
	const char *n = berth_json_str(u, "Name");

	if (n == NULL || berth_json_get(u, "Soft") == NULL || berth_json_get(u, "Hard") == NULL ||
	    !only_members(u, keys))
		return NULL;
	return berth_xasprintf("%s=%" PRId64 ":%" PRId64, n, json_object_get_int64(berth_json_get(u, "Soft")),
			       json_object_get_int64(berth_json_get(u, "Hard")));
}

static char *
weight_device(json_object *d)
{
	static const char *const keys[] = { "Path", "Weight", NULL };
	const char *p = berth_json_str(d, "Path");

	if (p == NULL || berth_json_get(d, "Weight") == NULL || !only_members(d, keys))
		return NULL;
	return berth_xasprintf("%s:%" PRId64, p, json_object_get_int64(berth_json_get(d, "Weight")));
}

static char *
rate_device(json_object *d)
{
	static const char *const keys[] = { "Path", "Rate", NULL };
	const char *p = berth_json_str(d, "Path");

	if (p == NULL || berth_json_get(d, "Rate") == NULL || !only_members(d, keys))
		return NULL;
	return berth_xasprintf("%s:%" PRId64, p, json_object_get_int64(berth_json_get(d, "Rate")));
}

static bool
r_devices(struct out *o, const char *name, json_object *v)
{
	return each_object(o, name, v, device);
}

static bool
r_ulimits(struct out *o, const char *name, json_object *v)
{
	return each_object(o, name, v, ulimit);
}

static bool
r_weight_devices(struct out *o, const char *name, json_object *v)
{
	return each_object(o, name, v, weight_device);
}

static bool
r_rate_devices(struct out *o, const char *name, json_object *v)
{
	return each_object(o, name, v, rate_device);
}

/* One field of a --mount value, quoted as a CSV field when it must be (the CLI reads the value
 * with Go's encoding/csv). */
static void
csv_field(struct berth_buf *line, const char *field)
{
	size_t i;

	if (line->len > 0)
		berth_buf_addc(line, ',');
	if (strpbrk(field, ",\"\r\n") == NULL && field[0] != ' ') {
		berth_buf_adds(line, field);
		return;
	}
	berth_buf_addc(line, '"');
	for (i = 0; field[i]; i++) {
		if (field[i] == '"')
			berth_buf_addc(line, '"');
		berth_buf_addc(line, field[i]);
	}
	berth_buf_addc(line, '"');
}

static void
csv_kv(struct berth_buf *line, const char *key, const char *value)
{
	cleanup_free char *f = berth_xasprintf("%s=%s", key, value);

	csv_field(line, f);
}

static char *
mount(json_object *m)
{
	static const char *const keys[] = { "Type",        "Source",        "Target",       "ReadOnly", "Consistency",
					    "BindOptions", "VolumeOptions", "TmpfsOptions", NULL };
	static const char *const bind_keys[] = { "Propagation", "NonRecursive", NULL };
	static const char *const vol_keys[] = { "NoCopy", "Labels", "DriverConfig", NULL };
	static const char *const driver_keys[] = { "Name", "Options", NULL };
	static const char *const tmpfs_keys[] = { "SizeBytes", "Mode", NULL };
	json_object *bind = berth_json_get(m, "BindOptions"), *vol = berth_json_get(m, "VolumeOptions"),
		    *tmpfs = berth_json_get(m, "TmpfsOptions");
	json_object *driver = berth_json_get(vol, "DriverConfig"), *v;
	const char *type = berth_json_str(m, "Type"), *target = berth_json_str(m, "Target"), *s;
	struct berth_buf line = { 0 };
	char buf[48];

	if (type == NULL || target == NULL || !only_members(m, keys) || (bind && !only_members(bind, bind_keys)) ||
	    (vol && !only_members(vol, vol_keys)) || (driver && !only_members(driver, driver_keys)) ||
	    (tmpfs && !only_members(tmpfs, tmpfs_keys)))
		return NULL;
	csv_kv(&line, "type", type);
	if ((s = berth_json_str(m, "Source")) != NULL)
		csv_kv(&line, "source", s);
	csv_kv(&line, "target", target);
	if ((v = berth_json_get(m, "ReadOnly")) != NULL && json_object_get_boolean(v))
		csv_field(&line, "readonly");
	if ((s = berth_json_str(m, "Consistency")) != NULL)
		csv_kv(&line, "consistency", s);
	if ((s = berth_json_str(bind, "Propagation")) != NULL)
		csv_kv(&line, "bind-propagation", s);
	if ((v = berth_json_get(bind, "NonRecursive")) != NULL)
		csv_kv(&line, "bind-nonrecursive", json_object_get_boolean(v) ? "true" : "false");
	if ((v = berth_json_get(vol, "NoCopy")) != NULL)
		csv_kv(&line, "volume-nocopy", json_object_get_boolean(v) ? "true" : "false");
	if ((v = berth_json_get(vol, "Labels")) != NULL) {
		json_object_object_foreach(v, k, val)
		{
			cleanup_free char *kv = berth_xasprintf("%s=%s", k, json_object_get_string(val));
			csv_kv(&line, "volume-label", kv);
		}
	}
	if ((s = berth_json_str(driver, "Name")) != NULL)
		csv_kv(&line, "volume-driver", s);
	if ((v = berth_json_get(driver, "Options")) != NULL) {
		json_object_object_foreach(v, k, val)
		{
			cleanup_free char *kv = berth_xasprintf("%s=%s", k, json_object_get_string(val));
			csv_kv(&line, "volume-opt", kv);
		}
	}
	if ((v = berth_json_get(tmpfs, "SizeBytes")) != NULL) {
		snprintf(buf, sizeof(buf), "%" PRId64, json_object_get_int64(v));
		csv_kv(&line, "tmpfs-size", buf);
	}
	if ((v = berth_json_get(tmpfs, "Mode")) != NULL) {
		snprintf(buf, sizeof(buf), "%" PRIo64, (uint64_t)json_object_get_int64(v));
		csv_kv(&line, "tmpfs-mode", buf);
	}
	return berth_buf_steal(&line);
}

static bool
r_mounts(struct out *o, const char *name, json_object *v)
{
	return each_object(o, name, v, mount);
}

/* PortBindings {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}: -p [ip:][hostport:]80/tcp */
static bool
r_ports(struct out *o, const char *name, json_object *v)
{
	if (!json_object_is_type(v, json_type_object))
		return false;
	json_object_object_foreach(v, port, list)
	{
		size_t i;

		if (!json_object_is_type(list, json_type_array))
			return false;
		for (i = 0; i < json_object_array_length(list); i++) {
			json_object *b = json_object_array_get_idx(list, i);
			const char *ip = berth_json_str(b, "HostIp"), *hp = berth_json_str(b, "HostPort");
			cleanup_free char *host = NULL, *w = NULL;

			if (ip == NULL || hp == NULL)
				return false;
			host = strchr(ip, ':') != NULL ? berth_xasprintf("[%s]", ip) : berth_xstrdup(ip);
			if (host[0] != '\0')
				w = berth_xasprintf("%s:%s:%s", host, hp, port);
			else if (hp[0] != '\0')
				w = berth_xasprintf("%s:%s", hp, port);
			else
				w = berth_xstrdup(port);
			flag(o, name, w);
		}
	}
	return true;
}

/* SecurityOpt: a seccomp profile was read from its file, and docker run wants the file */
static bool
r_security(struct out *o, const char *name, json_object *v)
{
	size_t i;

	if (!json_object_is_type(v, json_type_array))
		return false;
	for (i = 0; i < json_object_array_length(v); i++) {
		json_object *opt = json_object_array_get_idx(v, i);
		const char *s = json_object_get_string(opt);

		if (!json_object_is_type(opt, json_type_string))
			return false;
		if (strncmp(s, "seccomp=", 8) == 0 && strcmp(s + 8, "unconfined") != 0)
			unmapped(o, "HostConfig.", "SecurityOpt",
				 "a seccomp profile, which berth read from its file: docker run takes the file "
				 "(--security-opt seccomp=FILE)");
		else
			flag(o, name, s);
	}
	return true;
}

/* MaskedPaths and ReadonlyPaths, both empty: --security-opt systempaths=unconfined */
static bool
r_masked(struct out *o, const char *name, json_object *v)
{
	json_object *ro = berth_json_get(berth_json_get(o->body, "HostConfig"), "ReadonlyPaths");

	if (!json_object_is_type(v, json_type_array) || json_object_array_length(v) != 0 ||
	    !json_object_is_type(ro, json_type_array) || json_object_array_length(ro) != 0)
		return false;
	flag(o, name, "systempaths=unconfined");
	return true;
}

static bool
r_readonly_paths(struct out *o, const char *name, json_object *v)
{
	json_object *masked = berth_json_get(berth_json_get(o->body, "HostConfig"), "MaskedPaths");

	(void)name;
	/* rendered with MaskedPaths */
	return json_object_is_type(v, json_type_array) && json_object_array_length(v) == 0 &&
	       json_object_is_type(masked, json_type_array) && json_object_array_length(masked) == 0;
}

/* NetworkMode, with the network's driver options when it has some (--network name=N,driver-opt=..) */
static bool
r_network(struct out *o, const char *name, json_object *v)
{
	json_object *opts;
	const char *net = json_object_get_string(v);
	berth_cleanup(buf) struct berth_buf line = { 0 };

	if (!json_object_is_type(v, json_type_string))
		return false;
	opts = berth_json_get(
		berth_json_get(berth_json_get(berth_json_get(o->body, "NetworkingConfig"), "EndpointsConfig"), net),
		"DriverOpts");
	if (opts == NULL)
		return r_string(o, name, v);
	if (!json_object_is_type(opts, json_type_object))
		return false;
	csv_kv(&line, "name", net);
	json_object_object_foreach(opts, k, val)
	{
		cleanup_free char *kv = berth_xasprintf("%s=%s", k, json_object_get_string(val));
		csv_kv(&line, "driver-opt", kv);
	}
	flag(o, name, line.data);
	return true;
}

/* NetworkingConfig: the endpoint on the container's network (aliases, static addresses) */
static bool
r_endpoints(struct out *o, const char *name, json_object *v)
{
	static const char *const keys[] = { "Aliases", "DriverOpts", "IPAMConfig", NULL };
	static const char *const ipam_keys[] = { "IPv4Address", "IPv6Address", "LinkLocalIPs", NULL };
	json_object *eps = berth_json_get(v, "EndpointsConfig");
	const char *net = berth_json_str(berth_json_get(o->body, "HostConfig"), "NetworkMode");
	json_object *ep, *ipam, *x;
	const char *s;

	(void)name;
	if (!json_object_is_type(eps, json_type_object) || json_object_object_length(v) != 1 || net == NULL ||
	    json_object_object_length(eps) != 1 || (ep = berth_json_get(eps, net)) == NULL || !only_members(ep, keys))
		return false;
	ipam = berth_json_get(ep, "IPAMConfig");
	if (ipam != NULL && !only_members(ipam, ipam_keys))
		return false;
	if ((x = berth_json_get(ep, "Aliases")) != NULL && !r_list(o, "network-alias", x))
		return false;
	if ((s = berth_json_str(ipam, "IPv4Address")) != NULL)
		flag(o, "ip", s);
	if ((s = berth_json_str(ipam, "IPv6Address")) != NULL)
		flag(o, "ip6", s);
	if ((x = berth_json_get(ipam, "LinkLocalIPs")) != NULL && !r_list(o, "link-local-ip", x))
		return false;
	return true;
}

/* ---- the members of a create request, and their flags ---- */

struct member_flag {
	const char *key;
	const char *flag; /* without "--" */
	render_fn fn;
};

/* clang-format off */
static const struct member_flag top_members[] = {
	{ "Image", NULL, r_skip },            /* the positional image */
	{ "Cmd", NULL, r_skip },              /* the words after the image */
	{ "HostConfig", NULL, r_skip },       /* below */
	{ "NetworkingConfig", NULL, r_endpoints },
	{ "Env", "env", r_list },
	{ "Labels", "label", r_map },
	{ "Volumes", "volume", r_keys },
	{ "ExposedPorts", "expose", r_exposed },
	{ "OpenStdin", "interactive", r_bool },
	{ "StdinOnce", NULL, r_stdin_once },
	{ "Entrypoint", "entrypoint", r_entrypoint },
	{ "Healthcheck", NULL, r_health },
	{ "Hostname", "hostname", r_string },
	{ "Domainname", "domainname", r_string },
	{ "User", "user", r_string },
	{ "WorkingDir", "workdir", r_string },
	{ "StopSignal", "stop-signal", r_string },
	{ "StopTimeout", "stop-timeout", r_int },
	{ "MacAddress", "mac-address", r_string },
	{ "Tty", "tty", r_bool },
	{ NULL, NULL, NULL },
};

static const struct member_flag host_members[] = {
	{ "NetworkMode", "network", r_network },
	{ "RestartPolicy", "restart", r_restart },
	{ "Binds", "volume", r_list },
	{ "Mounts", "mount", r_mounts },
	{ "Tmpfs", "tmpfs", r_tmpfs },
	{ "PortBindings", "publish", r_ports },
	{ "PublishAllPorts", "publish-all", r_bool },
	{ "Devices", "device", r_devices },
	{ "DeviceCgroupRules", "device-cgroup-rule", r_list },
	{ "Ulimits", "ulimit", r_ulimits },
	{ "LogConfig", NULL, r_log },
	{ "Init", "init", r_bool },
	{ "Privileged", "privileged", r_bool },
	{ "ReadonlyRootfs", "read-only", r_bool },
	{ "AutoRemove", "rm", r_bool },
	{ "OomKillDisable", "oom-kill-disable", r_bool },
	{ "CapAdd", "cap-add", r_list },
	{ "CapDrop", "cap-drop", r_list },
	{ "GroupAdd", "group-add", r_list },
	{ "SecurityOpt", "security-opt", r_security },
	{ "MaskedPaths", "security-opt", r_masked },
	{ "ReadonlyPaths", NULL, r_readonly_paths },
	{ "Dns", "dns", r_list },
	{ "DnsOptions", "dns-option", r_list },
	{ "DnsSearch", "dns-search", r_list },
	{ "ExtraHosts", "add-host", r_list },
	{ "VolumesFrom", "volumes-from", r_list },
	{ "Sysctls", "sysctl", r_map },
	{ "StorageOpt", "storage-opt", r_map },
	{ "CgroupParent", "cgroup-parent", r_string },
	{ "CgroupnsMode", "cgroupns", r_string },
	{ "IpcMode", "ipc", r_string },
	{ "PidMode", "pid", r_string },
	{ "UsernsMode", "userns", r_string },
	{ "UTSMode", "uts", r_string },
	{ "Runtime", "runtime", r_string },
	{ "VolumeDriver", "volume-driver", r_string },
	{ "CpusetCpus", "cpuset-cpus", r_string },
	{ "CpusetMems", "cpuset-mems", r_string },
	{ "NanoCpus", "cpus", r_cpus },
	{ "CpuShares", "cpu-shares", r_int },
	{ "CpuPeriod", "cpu-period", r_int },
	{ "CpuQuota", "cpu-quota", r_int },
	{ "CpuRealtimePeriod", "cpu-rt-period", r_int },
	{ "CpuRealtimeRuntime", "cpu-rt-runtime", r_int },
	{ "BlkioWeight", "blkio-weight", r_int },
	{ "BlkioWeightDevice", "blkio-weight-device", r_weight_devices },
	{ "BlkioDeviceReadBps", "device-read-bps", r_rate_devices },
	{ "BlkioDeviceWriteBps", "device-write-bps", r_rate_devices },
	{ "BlkioDeviceReadIOps", "device-read-iops", r_rate_devices },
	{ "BlkioDeviceWriteIOps", "device-write-iops", r_rate_devices },
	{ "Memory", "memory", r_int },
	{ "MemoryReservation", "memory-reservation", r_int },
	{ "MemorySwap", "memory-swap", r_int },
	{ "MemorySwappiness", "memory-swappiness", r_int },
	{ "KernelMemory", "kernel-memory", r_int },
	{ "OomScoreAdj", "oom-score-adj", r_int },
	{ "PidsLimit", "pids-limit", r_int },
	{ "ShmSize", "shm-size", r_int },
	{ NULL, NULL, NULL },
};
/* clang-format on */

static void
render_members(struct out *o, const char *section, json_object *obj, const struct member_flag *table)
{
	json_object_object_foreach(obj, k, v)
	{
		const struct member_flag *m;

		for (m = table; m->key && strcmp(m->key, k) != 0; m++)
			;
		if (m->key == NULL)
			unmapped(o, section, k, "no docker run flag sets it");
		else if (!m->fn(o, m->flag, v))
			unmapped(o, section, k, "a value no docker run flag gives");
	}
}

void
berth_render_docker_run(json_object *body, const char *name, char ***argv, char ***unmapped_out)
{
	struct out o = { { 0 }, { 0 }, body };
	json_object *host = berth_json_get(body, "HostConfig"), *cmd = berth_json_get(body, "Cmd");
	const char *image = berth_json_str(body, "Image");
	size_t i;

	berth_strv_take(&o.argv, berth_xstrdup("docker"));
	berth_strv_take(&o.argv, berth_xstrdup("run"));
	berth_strv_take(&o.argv, berth_xstrdup("--detach"));
	if (name != NULL)
		flag(&o, "name", name);
	render_members(&o, "", body, top_members);
	if (json_object_is_type(host, json_type_object))
		render_members(&o, "HostConfig.", host, host_members);
	else if (host != NULL)
		unmapped(&o, "", "HostConfig", "not an object");
	berth_strv_take(&o.argv, berth_xstrdup(image != NULL ? image : ""));
	if (json_object_is_type(cmd, json_type_array)) {
		for (i = 0; i < json_object_array_length(cmd); i++)
			berth_strv_take(&o.argv,
					berth_xstrdup(json_object_get_string(json_object_array_get_idx(cmd, i))));
	} else if (cmd != NULL) {
		unmapped(&o, "", "Cmd", "not an array of words");
	}
	*argv = berth_strv_steal(&o.argv);
	*unmapped_out = berth_strv_steal(&o.unmapped);
}

char *
berth_render_shell_line(char *const *argv)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";
	size_t len = 1, i, n = 0;
	const char *p;
	char *line;

	for (i = 0; argv[i]; i++)
		len += 4 * strlen(argv[i]) + 3;
	line = berth_xmalloc(len);
	for (i = 0; argv[i]; i++) {
		const char *w = argv[i];

		if (i > 0)
			line[n++] = ' ';
		if (w[0] != '\0' && strspn(w, safe) == strlen(w)) {
			memcpy(line + n, w, strlen(w));
			n += strlen(w);
			continue;
		}
		/* --flag='value': only the value quoted, so that the flag stays readable */
		if (strncmp(w, "--", 2) == 0 && strchr(w, '=') != NULL &&
		    strspn(w, safe) >= (size_t)(strchr(w, '=') - w) + 1) {
			size_t k = (size_t)(strchr(w, '=') - w) + 1;

			memcpy(line + n, w, k);
			n += k;
			w += k;
		}
		line[n++] = '\'';
		for (p = w; *p; p++) {
			if (*p == '\'') {
				memcpy(line + n, "'\\''", 4);
				n += 4;
			} else {
				line[n++] = *p;
			}
		}
		line[n++] = '\'';
	}
	line[n] = '\0';
	return line;
}
