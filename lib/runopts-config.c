/* berth: docker-run flag handlers for the rest of the container's configuration: the
 * environment and labels (-e, --env-file, -l, --label-file), resources (--cpus, -m/--memory*,
 * --blkio-weight-device, --device-read/write-bps/iops, --ulimit), security (--security-opt),
 * namespaces (--pid, --ipc, --uts, --userns, --cgroupns), logging (--log-driver, --log-opt),
 * health checks (--health-*, --no-healthcheck), --sysctl, --entrypoint, -i, -d, --pull and
 * --restart. Flags that only store their value (--user, --hostname, --cap-add, --memory, ...)
 * use the generic handlers in runopts.c. The flag table is in runopts.c. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "goparse.h"
#include "jsonc.h"
#include "runopts-int.h"

/** Largest file run_opts may make us read (--env-file, --label-file, seccomp profiles). */
#define RUNOPTS_FILE_MAX (1024 * 1024)

/* opts.ParseCPUs: a decimal (big.Rat syntax: "1.5", ".5", "15e-1", "3/2") times 1e9, which
 * must come out whole. Negative values are refused here (the daemon would refuse them). */
static int
parse_nano_cpus(const char *s, int64_t *out, const char **why)
{
	const char *p = s;
	char *digits cleanup_free = berth_xmalloc(strlen(s) + 32);
	size_t nd = 0;
	long exp10 = 9;
	bool any = false;
	uint64_t n;

	*why = "not a number";
	if (*p == '+') {
		p++;
	} else if (*p == '-') {
		*why = "must not be negative";
		return -1;
	}
	if (strchr(p, '/') != NULL) {
		/* a/b, both plain decimal integers */
		const char *slash = strchr(p, '/');
		char *num cleanup_free = berth_xstrndup(p, (size_t)(slash - p));
		unsigned __int128 q;
		uint64_t a, b;

		if (berth_go_parse_uint(num, 10, UINT64_MAX, &a) < 0 ||
		    berth_go_parse_uint(slash + 1, 10, UINT64_MAX, &b) < 0 || b == 0)
			return -1;
		q = (unsigned __int128)a * 1000000000u;
		if (q % b != 0) {
			*why = "too precise (at most 9 decimal places)";
			return -1;
		}
		q /= b;
		if (q > INT64_MAX)
			goto too_large;
		*out = (int64_t)q;
		return 0;
	}
	/* digits holds the significant digits; value = digits * 10^(exp10 - 9) */
	for (; isdigit((unsigned char)*p); p++) {
		any = true;
		if (nd > 0 || *p != '0')
			digits[nd++] = *p;
	}
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++) {
			any = true;
			exp10--;
			if (nd > 0 || *p != '0')
				digits[nd++] = *p;
		}
	if (!any)
		return -1;
	if (*p == 'e' || *p == 'E') {
		bool neg = false;
		long e = 0;

		p++;
		if (*p == '-' || *p == '+')
			neg = *p++ == '-';
		if (!isdigit((unsigned char)*p))
			return -1;
		for (; isdigit((unsigned char)*p); p++)
			if (e < 1000000)
				e = e * 10 + (*p - '0');
		exp10 += neg ? -e : e;
	}
	if (*p != '\0')
		return -1;
	while (exp10 < 0 && nd > 0) {
		if (digits[nd - 1] != '0') {
			*why = "too precise (at most 9 decimal places)";
			return -1;
		}
		nd--;
		exp10++;
	}
	if (nd == 0) {
		*out = 0;
		return 0;
	}
	if ((long)nd + exp10 > 19)
		goto too_large;
	for (; exp10 > 0; exp10--)
		digits[nd++] = '0';
	digits[nd] = '\0';
	if (berth_go_parse_uint(digits, 10, INT64_MAX, &n) < 0)
		goto too_large;
	*out = (int64_t)n;
	return 0;
too_large:
	*why = "too large";
	return -1;
}

/* Read a whole regular file of at most RUNOPTS_FILE_MAX bytes, for flag u, with the one reader
 * (file.h): a FIFO or a device named here fails at once instead of blocking the action. */
static int
read_file(const struct flag_use *u, const char *path, char **buf, size_t *len, berth_error_t *err)
{
	berth_error_t read_err = NULL;
	int ret;

	/* The agent runs with Pacemaker's working directory, not the admin's: a relative path
	 * that worked from a shell would silently name another file under the cluster. */
	if (path[0] != '/')
		return berth_error_set(err, BERTH_E_CONFIG, "run_opts: '%s' needs an absolute path, not '%s'", u->name,
				       path);
	if ((ret = berth_file_read(AT_FDCWD, path, 0, RUNOPTS_FILE_MAX, buf, len, &read_err)) < 0) {
		berth_error_set(err, BERTH_E_CONFIG, "run_opts: cannot read the file for '%s': %s", u->name,
				read_err->msg);
		berth_error_free(&read_err);
		return -1;
	}
	return 0;
}

/* ---- process and lifecycle ---- */

int
berth_runopts_set_restart(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strcmp(u->value, "no") != 0)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: --restart=%s is not allowed: Pacemaker restarts the container, "
				       "so the daemon must not; use --restart=no or leave it out",
				       u->value);
	ctx->restart_set = true;
	return 0;
}

int
berth_runopts_set_pull(UNUSED struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The create request never pulls; "missing" and "never" describe what berth does anyway
	 * (the image must be present), "always" would promise a pull before every start. */
	if (strcmp(u->value, "missing") == 0 || strcmp(u->value, "never") == 0)
		return 0;
	if (strcmp(u->value, "always") == 0)
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: --pull=always is not supported: berth does not pull images "
				       "when it creates a container; pull them ahead of time");
	return berth_runopts_bad_value(err, u, "expected missing or never");
}

int
berth_runopts_set_detach(struct runopts_ctx *ctx, const struct flag_use *u, UNUSED berth_error_t *err)
{
	ctx->detach_seen = true;
	ctx->detach = u->on;
	return 0;
}

int
berth_runopts_set_interactive(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* docker run -d -i: stdin stays open, but nobody attaches, so StdinOnce is false. */
	put(ctx->config, "OpenStdin", berth_nonnull(json_object_new_boolean(u->on)));
	put(ctx->config, "StdinOnce", berth_nonnull(json_object_new_boolean(false)));
	return 0;
}

int
berth_runopts_set_entrypoint(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* One element, never split; --entrypoint "" resets the image's to [""]. */
	json_object *ep = berth_nonnull(json_object_new_array());

	append_string(ep, u->value);
	put(ctx->config, "Entrypoint", ep);
	return 0;
}

int
berth_runopts_set_namespace(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *key = u->flag->key;
	size_t head = strcspn(v, ":");
	bool host = head == 0 || (head == 4 && strncmp(v, "host", 4) == 0);

	if (strcmp(key, "CgroupnsMode") == 0) {
		if (*v != '\0' && strcmp(v, "host") != 0 && strcmp(v, "private") != 0)
			return berth_runopts_bad_value(err, u, "expected host or private");
	} else if (strcmp(key, "PidMode") == 0) {
		bool container = head == 9 && strncmp(v, "container", 9) == 0 && v[9] == ':' && v[10] != '\0' &&
				 strchr(v + 10, ':') == NULL;

		if (!host && !container)
			return berth_runopts_bad_value(err, u, "expected host or container:<name|id>");
	} else if (!host) {
		return berth_runopts_bad_value(err, u, "expected host");
	}
	return berth_runopts_set_string(ctx, u, err);
}

/* ---- resources ---- */

int
berth_runopts_set_cpus(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *why = NULL;
	int64_t n;

	if (parse_nano_cpus(u->value, &n, &why) < 0)
		return berth_runopts_bad_value(err, u, "%s", why);
	put(ctx->host, "NanoCpus", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

int
berth_runopts_set_memory_swap(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strcmp(u->value, "-1") == 0) {
		put(ctx->host, "MemorySwap", berth_nonnull(json_object_new_int64(-1)));
		return 0;
	}
	return berth_runopts_set_bytes(ctx, u, err);
}

int
berth_runopts_set_memory_swappiness(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0 || n < -1 || n > 100)
		return berth_runopts_bad_value(err, u, "expected an integer from 0 to 100, or -1");
	put(ctx->host, "MemorySwappiness", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

/* --blkio-weight-device and --device-{read,write}-{bps,iops}: /dev/path:number */
int
berth_runopts_set_blkio_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':'), *key = u->flag->key;
	char *path cleanup_free = NULL;
	bool weight = strcmp(key, "BlkioWeightDevice") == 0, bps = strstr(key, "Bps") != NULL;
	json_object *dev;
	uint64_t n;
	int64_t bytes;

	if (colon == NULL)
		return berth_runopts_bad_value(err, u, "expected <device-path>:<number>");
	if (strncmp(u->value, "/dev/", 5) != 0)
		return berth_runopts_bad_value(err, u, "the device path must start with /dev/");
	if (weight) {
		if (berth_go_parse_uint(colon + 1, 10, UINT16_MAX, &n) < 0 || (n > 0 && (n < 10 || n > 1000)))
			return berth_runopts_bad_value(err, u, "the weight must be 0 or from 10 to 1000");
	} else if (bps) {
		if (berth_go_ram_in_bytes(colon + 1, &bytes) < 0)
			return berth_runopts_bad_value(err, u, "the rate must be a size, e.g. 10mb");
		n = (uint64_t)bytes;
	} else if (berth_go_parse_uint(colon + 1, 10, UINT64_MAX, &n) < 0 || n > INT64_MAX) {
		return berth_runopts_bad_value(err, u, "the rate must be a positive integer");
	}
	path = berth_xstrndup(u->value, (size_t)(colon - u->value));
	dev = berth_nonnull(json_object_new_object());
	put_string(dev, "Path", path);
	put(dev, weight ? "Weight" : "Rate", berth_nonnull(json_object_new_int64((int64_t)n)));
	append(child(ctx->host, key, json_type_array), dev);
	return 0;
}

int
berth_runopts_set_ulimit(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* go-units ParseUlimit; "as" is left out there on purpose. */
	static const char *const names[] = { "core",     "cpu",        "data",   "fsize", "locks", "memlock",
					     "msgqueue", "nice",       "nofile", "nproc", "rss",   "rtprio",
					     "rttime",   "sigpending", "stack",  NULL };
	const char *eq = strchr(u->value, '='), *colon;
	char *name cleanup_free = NULL, *soft_s cleanup_free = NULL;
	int64_t soft, hard;
	json_object *ul;
	bool known = false;

	if (eq == NULL)
		return berth_runopts_bad_value(err, u, "expected name=soft[:hard]");
	name = berth_xstrndup(u->value, (size_t)(eq - u->value));
	for (int i = 0; names[i] != NULL; i++)
		known = known || strcmp(name, names[i]) == 0;
	if (!known)
		return berth_runopts_bad_value(err, u, "unknown ulimit '%s'", name);
	colon = strchr(eq + 1, ':');
	if (colon != NULL && strchr(colon + 1, ':') != NULL)
		return berth_runopts_bad_value(err, u, "expected name=soft[:hard]");
	soft_s = berth_xstrndup(eq + 1, colon != NULL ? (size_t)(colon - eq - 1) : strlen(eq + 1));
	/* strconv.ParseInt(s, 10, 64): plain decimal here, unlike pflag's ints */
	if (berth_go_parse_int(soft_s, 10, &soft) < 0)
		return berth_runopts_bad_value(err, u, "'%s' is not an integer", soft_s);
	hard = soft;
	if (colon != NULL && berth_go_parse_int(colon + 1, 10, &hard) < 0)
		return berth_runopts_bad_value(err, u, "'%s' is not an integer", colon + 1);
	if (hard != -1 && (soft == -1 || soft > hard))
		return berth_runopts_bad_value(err, u, "the soft limit must not exceed the hard limit");
	ul = berth_nonnull(json_object_new_object());
	put_string(ul, "Name", name);
	put(ul, "Hard", berth_nonnull(json_object_new_int64(hard)));
	put(ul, "Soft", berth_nonnull(json_object_new_int64(soft)));
	/* one entry per name, the last one wins; sorted by name at the end */
	put(child(ctx->scratch, "ulimits", json_type_object), name, ul);
	return 0;
}

/* ---- environment and labels ---- */

int
berth_runopts_set_env(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *env = child(ctx->scratch, "env", json_type_array);
	const char *eq = strchr(u->value, '=');
	char *kv cleanup_free = NULL;

	if (u->value[0] == '\0' || u->value[0] == '=')
		return berth_runopts_bad_value(err, u, "no variable name");
	if (eq == NULL) {
		/* -e NAME takes NAME from our own environment; when unset, the CLI passes the bare
		 * name on and the daemon keeps it (docker inspect shows it), so do we. */
		const char *v = getenv(u->value);

		if (v != NULL) {
			kv = berth_xasprintf("%s=%s", u->value, v);
			append_string(env, kv);
			return 0;
		}
	}
	append_string(env, u->value);
	return 0;
}

int
berth_runopts_set_label(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value;
	size_t key_len = strcspn(v, "=");

	while (key_len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		key_len--;
	}
	if (key_len == 0)
		return berth_runopts_bad_value(err, u, "empty label name");
	if (memchr(v, ' ', key_len) != NULL || memchr(v, '\t', key_len) != NULL)
		return berth_runopts_bad_value(err, u, "the label name contains whitespace");
	append_string(child(ctx->scratch, "labels", json_type_array), u->value);
	return 0;
}

/* opts.parseKeyValueFile: lines of K=V; blank lines and #comments skipped; a bare K takes its
 * value from our environment (env files only; unset or in a label file, the line is dropped). */
static int
read_kv_file(struct runopts_ctx *ctx, const struct flag_use *u, bool env, const char *out_key, berth_error_t *err)
{
	char *buf cleanup_free = NULL;
	json_object *out = child(ctx->scratch, out_key, json_type_array);
	size_t len, lineno = 0;
	char *line, *next;

	if (read_file(u, u->value, &buf, &len, err) < 0)
		return -1;
	if (memchr(buf, '\0', len) != NULL)
		return berth_error_set(err, BERTH_E_CONFIG, "run_opts: '%s' for '%s' contains a NUL byte", u->value,
				       u->name);
	for (line = buf; line != NULL && line < buf + len; line = next) {
		char *nl = strchr(line, '\n'), *eq;
		size_t n, key_len;

		next = nl != NULL ? nl + 1 : NULL;
		if (nl != NULL)
			*nl = '\0';
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		lineno++;
		if (!berth_utf8_valid_n(line, n))
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: '%s' for '%s' contains invalid UTF-8 on line %zu", u->value,
					       u->name, lineno);
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3;
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		eq = strchr(line, '=');
		key_len = eq != NULL ? (size_t)(eq - line) : strlen(line);
		if (key_len == 0)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: '%s' for '%s': no variable name on line %zu", u->value,
					       u->name, lineno);
		/* Not quoted: in a line without '=', what follows the whitespace may be a value. */
		if (memchr(line, ' ', key_len) != NULL || memchr(line, '\t', key_len) != NULL)
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: '%s' for '%s': the variable name on line %zu contains "
					       "whitespace",
					       u->value, u->name, lineno);
		if (eq != NULL) {
			append_string(out, line);
		} else {
			char *end = line + key_len, *kv cleanup_free = NULL;
			const char *v = env ? getenv(line) : NULL;

			if (v == NULL)
				continue;
			while (end > line && isspace((unsigned char)end[-1]))
				end--;
			kv = berth_xasprintf("%.*s=%s", (int)(end - line), line, v);
			append_string(out, kv);
		}
	}
	return 0;
}

int
berth_runopts_set_env_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	return read_kv_file(ctx, u, true, "env_file", err);
}

int
berth_runopts_set_label_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	return read_kv_file(ctx, u, false, "label_file", err);
}

/* ---- kernel, logging, security ---- */

int
berth_runopts_set_sysctl(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* opts.ValidateSysctl: the namespaced sysctls Docker allows */
	static const char *const allowed[] = { "kernel.msgmax", "kernel.msgmnb",          "kernel.msgmni",
					       "kernel.sem",    "kernel.shmall",          "kernel.shmmax",
					       "kernel.shmmni", "kernel.shm_rmid_forced", NULL };
	const char *eq = strchr(u->value, '=');
	char *key cleanup_free = NULL;
	bool ok = false;

	if (eq == NULL)
		return berth_runopts_bad_value(err, u, "expected name=value");
	key = berth_xstrndup(u->value, (size_t)(eq - u->value));
	for (int i = 0; allowed[i] != NULL; i++)
		ok = ok || strcmp(key, allowed[i]) == 0;
	ok = ok || strncmp(key, "net.", 4) == 0 || strncmp(key, "fs.mqueue.", 10) == 0;
	if (!ok)
		return berth_runopts_bad_value(
			err, u,
			"sysctl '%s' is not namespaced (allowed: net.*, fs.mqueue.*, kernel.msg*, "
			"kernel.sem, kernel.shm*)",
			key);
	put_kv(child(ctx->host, "Sysctls", json_type_object), u->value);
	return 0;
}

int
berth_runopts_set_log_driver(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(child(ctx->host, "LogConfig", json_type_object), "Type", u->value);
	return 0;
}

int
berth_runopts_set_log_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_kv(child(child(ctx->host, "LogConfig", json_type_object), "Config", json_type_object), u->value);
	return 0;
}

/* json.Compact: the same JSON text without insignificant whitespace. */
static char *
json_compact(const char *in, size_t len)
{
	char *out = berth_xmalloc(len + 1);
	size_t n = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = in[i];

		if (in_string) {
			out[n++] = c;
			if (c == '\\' && i + 1 < len)
				out[n++] = in[++i];
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
			out[n++] = c;
		} else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			out[n++] = c;
		}
	}
	out[n] = '\0';
	return out;
}

int
berth_runopts_set_security_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *sep = strchr(v, '=');
	size_t key_len;

	if (sep == NULL && strcmp(v, "no-new-privileges") != 0) {
		sep = strchr(v, ':');
		if (sep == NULL)
			return berth_runopts_bad_value(err, u, "expected name=value (or no-new-privileges)");
	}
	key_len = sep != NULL ? (size_t)(sep - v) : strlen(v);
	if (sep != NULL && key_len == 7 && strncmp(v, "seccomp", 7) == 0 && strcmp(sep + 1, "unconfined") != 0) {
		/* The CLI sends the profile itself, not its path: the daemon may not see the file. */
		char *buf cleanup_free = NULL, *compact cleanup_free = NULL, *opt cleanup_free = NULL;
		json_tokener *tok;
		json_object *parsed;
		enum json_tokener_error jerr;
		size_t len, end;

		if (read_file(u, sep + 1, &buf, &len, err) < 0)
			return -1;
		tok = berth_nonnull(json_tokener_new());
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		parsed = json_tokener_parse_ex(tok, buf, (int)len);
		jerr = json_tokener_get_error(tok);
		end = berth_jsonc_parse_end(tok);
		json_tokener_free(tok);
		json_object_put(parsed);
		if (jerr != json_tokener_success || buf[end + strspn(buf + end, " \t\r\n")] != '\0')
			return berth_error_set(err, BERTH_E_CONFIG,
					       "run_opts: the seccomp profile '%s' for '%s' is not valid JSON%s%s",
					       sep + 1, u->name, jerr != json_tokener_success ? ": " : "",
					       jerr != json_tokener_success ? json_tokener_error_desc(jerr) : "");
		compact = json_compact(buf, len);
		opt = berth_xasprintf("seccomp=%s", compact);
		append_string(child(ctx->host, "SecurityOpt", json_type_array), opt);
		return 0;
	}
	if (strcmp(v, "systempaths=unconfined") == 0) {
		/* handled by the client: unmask /proc and friends instead of sending the option */
		put(ctx->host, "MaskedPaths", berth_nonnull(json_object_new_array()));
		put(ctx->host, "ReadonlyPaths", berth_nonnull(json_object_new_array()));
		return 0;
	}
	return berth_runopts_set_list(ctx, u, err);
}

/* ---- health ---- */

int
berth_runopts_set_health_cmd(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The daemon runs it with /bin/sh -c inside the container (docker's CMD-SHELL); berth
	 * itself never runs a shell. */
	put_string(child(ctx->scratch, "health", json_type_object), "cmd", u->value);
	return 0;
}

int
berth_runopts_set_health_duration(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t ns;

	if (berth_go_parse_duration(u->value, &ns) < 0)
		return berth_runopts_bad_value(err, u, "not a duration (e.g. 30s, 1m30s, 500ms)");
	if (ns < 0)
		return berth_runopts_bad_value(err, u, "must not be negative");
	put(child(ctx->scratch, "health", json_type_object), u->flag->key, berth_nonnull(json_object_new_int64(ns)));
	return 0;
}

int
berth_runopts_set_health_retries(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0)
		return berth_runopts_bad_value(err, u, "not an integer");
	if (n < 0)
		return berth_runopts_bad_value(err, u, "must not be negative");
	put(child(ctx->scratch, "health", json_type_object), "Retries", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

int
berth_runopts_set_no_healthcheck(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put(ctx->scratch, "no_healthcheck", berth_nonnull(json_object_new_boolean(u->on)));
	return 0;
}
