/* berth: the docker-run flag parser.
 *
 * run_opts is the one parameter through which an admin hands berth arbitrary `docker run` flags,
 * and no shell ever sees it. berth_words_split() (words.c) groups words the way sh would, without any
 * expansion; berth_runopts_parse() reads the flags the way the docker CLI 20.10 does (spf13/pflag
 * syntax, cli/command/container/opts.go semantics) and writes the create request fields into a
 * berth_spec.
 *
 * Where the CLI is odd but harmless we copy it, so that the run_opts of an ocf:heartbeat:docker
 * resource yield the same container here; where copying it would hurt a cluster (restart
 * policies, --name, relative file paths, silently ignored network options) we refuse with a
 * reason. Every flag is one line of the table near the end of this file.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "goparse.h"
#include "alloc.h"
#include "cleanup.h"
#include "runopts.h"
#include "words.h"

/** Largest file run_opts may make us read (--env-file, --label-file, seccomp profiles). */
#define RUNOPTS_FILE_MAX (1024 * 1024)

#define UNUSED __attribute__((unused))


/* ------------------------------------------------------------------------------------------ */
/* Values the CLI parses itself (Go's own parsers are in goparse.c)                          */
/* ------------------------------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------------------------------ */
/* Parser state and JSON helpers                                                              */
/* ------------------------------------------------------------------------------------------ */

struct runopts_ctx {
	/* The result, merged into the spec only when the whole of run_opts parsed. */
	json_object *config, *host, *networking;
	/* Inputs that are combined only at the end (env files before -e, health, network). */
	json_object *scratch;
	bool network_set, restart_set, detach_seen, detach;
};

struct runopts_flag;

/** One flag as met on the command line. */
struct flag_use {
	const struct runopts_flag *flag;
	const char *name;   /* as written: "--env" or "-e" */
	const char *value;  /* its value ("true" for a bare boolean) */
	bool on;            /* booleans: the value parsed */
};

typedef int (*flag_fn)(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err);

enum flag_kind {
	FLAG_VALUE,   /* takes a value: --f=v, --f v, -fv, -f v */
	FLAG_BOOL,    /* --f, --f=true|false, -f, -f=false */
	FLAG_REFUSED, /* known to docker, refused here; `key` holds the reason */
};

enum flag_where {
	IN_NONE,
	IN_CONFIG, /* top level of the create body */
	IN_HOST,   /* HostConfig */
};

struct runopts_flag {
	const char *name;
	char shorthand;
	enum flag_kind kind;
	flag_fn fn;
	enum flag_where where;
	const char *key; /* JSON member the generic handlers write */
};

static int bad_value(berth_error_t *err, const struct flag_use *u, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "run_opts: invalid value 'V' for '--flag': <why>" */
static int
bad_value(berth_error_t *err, const struct flag_use *u, const char *fmt, ...)
{
	char *why cleanup_free = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		berth_oom();
	va_end(ap);
	return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: invalid value '%s' for '%s': %s",
			       u->value, u->name, why);
}

/* Add val (owned) as obj[key]. json-c fails only when out of memory, which ends the agent. */
static void
put(json_object *obj, const char *key, json_object *val)
{
	if (json_object_object_add(obj, key, val) < 0)
		berth_oom();
}

static void
put_string(json_object *obj, const char *key, const char *s)
{
	put(obj, key, berth_nonnull(json_object_new_string(s)));
}

/* Append val (owned) to the array arr. */
static void
append(json_object *arr, json_object *val)
{
	if (json_object_array_add(arr, val) < 0)
		berth_oom();
}

static void
append_string(json_object *arr, const char *s)
{
	append(arr, berth_nonnull(json_object_new_string(s)));
}

/* obj[key], created empty (object or array) when absent. */
static json_object *
child(json_object *obj, const char *key, json_type type)
{
	json_object *c;

	if (json_object_object_get_ex(obj, key, &c) && json_object_is_type(c, type))
		return c;
	c = berth_nonnull(type == json_type_array ? json_object_new_array() : json_object_new_object());
	put(obj, key, c);
	return c;
}

/* obj[key] as a string, or NULL */
static const char *
get_string(json_object *obj, const char *key)
{
	json_object *v;

	if (obj == NULL || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static size_t
array_len(json_object *obj, const char *key)
{
	json_object *v;

	if (obj == NULL || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_array))
		return 0;
	return json_object_array_length(v);
}

static json_object *
target(struct runopts_ctx *ctx, const struct flag_use *u)
{
	return u->flag->where == IN_CONFIG ? ctx->config : ctx->host;
}

/* Split "k=v" into the map obj: k -> v, or k -> "" without '=' (opts.ConvertKVStringsToMap). */
static void
put_kv(json_object *obj, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *key cleanup_free = berth_xstrndup(kv, eq != NULL ? (size_t)(eq - kv) : strlen(kv));

	put_string(obj, key, eq != NULL ? eq + 1 : "");
}

/* Read a whole regular file of at most RUNOPTS_FILE_MAX bytes, for flag u. */
static int
read_file(const struct flag_use *u, const char *path, char **buf, size_t *len, berth_error_t *err)
{
	char *data = NULL;
	size_t n = 0;
	struct stat st;
	int fd;

	/* The agent runs with Pacemaker's working directory, not the admin's: a relative path
	 * that worked from a shell would silently name another file under the cluster. */
	if (path[0] != '/')
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: '%s' needs an absolute path, not '%s'", u->name, path);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: cannot open '%s' for '%s': %s",
				       path, u->name, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: '%s' for '%s' is not a regular file", path, u->name);
	}
	data = berth_xmalloc(RUNOPTS_FILE_MAX + 2);
	for (;;) {
		ssize_t r = read(fd, data + n, RUNOPTS_FILE_MAX + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			free(data);
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: cannot read '%s' for '%s': %s", path, u->name, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > RUNOPTS_FILE_MAX) {
			close(fd);
			free(data);
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: '%s' for '%s' is larger than %d bytes", path, u->name,
					       RUNOPTS_FILE_MAX);
		}
	}
	close(fd);
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Generic handlers                                                                           */
/* ------------------------------------------------------------------------------------------ */

static int
h_ignore(UNUSED struct runopts_ctx *ctx, UNUSED const struct flag_use *u, UNUSED berth_error_t *err)
{
	/* Client-side only: changes nothing in the create request. */
	return 0;
}

static int
h_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(target(ctx, u), u->flag->key, u->value);
	return 0;
}

static int
h_bool(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_boolean(u->on)));
	return 0;
}

static int
h_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	append_string(child(target(ctx, u), u->flag->key, json_type_array), u->value);
	return 0;
}

static int
h_int(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0)
		return bad_value(err, u, "not an integer");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64(n)));
	return 0;
}

static int
h_uint16(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	uint64_t n;

	if (berth_go_parse_uint(u->value, 0, UINT16_MAX, &n) < 0)
		return bad_value(err, u, "not an integer from 0 to 65535");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64((int64_t)n)));
	return 0;
}

static int
h_bytes(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_ram_in_bytes(u->value, &n) < 0)
		return bad_value(err, u, "not a size (a number with an optional unit b, k, m, g, t or p, e.g. 512m)");
	put(target(ctx, u), u->flag->key, berth_nonnull(json_object_new_int64(n)));
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Specific handlers                                                                          */
/* ------------------------------------------------------------------------------------------ */

static int
h_refused_restart(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strcmp(u->value, "no") != 0)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: --restart=%s is not allowed: Pacemaker restarts the container, "
				       "so the daemon must not; use --restart=no or leave it out", u->value);
	ctx->restart_set = true;
	return 0;
}

static int
h_pull(UNUSED struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The create request never pulls; "missing" and "never" describe what berth does anyway
	 * (the image must be present), "always" would promise a pull before every start. */
	if (strcmp(u->value, "missing") == 0 || strcmp(u->value, "never") == 0)
		return 0;
	if (strcmp(u->value, "always") == 0)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: --pull=always is not supported: berth does not pull images "
				       "when it creates a container; pull them ahead of time");
	return bad_value(err, u, "expected missing or never");
}

static int
h_detach(struct runopts_ctx *ctx, const struct flag_use *u, UNUSED berth_error_t *err)
{
	ctx->detach_seen = true;
	ctx->detach = u->on;
	return 0;
}

static int
h_interactive(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* docker run -d -i: stdin stays open, but nobody attaches, so StdinOnce is false. */
	put(ctx->config, "OpenStdin", berth_nonnull(json_object_new_boolean(u->on)));
	put(ctx->config, "StdinOnce", berth_nonnull(json_object_new_boolean(false)));
	return 0;
}

static int
h_entrypoint(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* One element, never split; --entrypoint "" resets the image's to [""]. */
	json_object *ep = berth_nonnull(json_object_new_array());

	append_string(ep, u->value);
	put(ctx->config, "Entrypoint", ep);
	return 0;
}

static int
h_namespace(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *key = u->flag->key;
	size_t head = strcspn(v, ":");
	bool host = head == 0 || (head == 4 && strncmp(v, "host", 4) == 0);

	if (strcmp(key, "CgroupnsMode") == 0) {
		if (*v != '\0' && strcmp(v, "host") != 0 && strcmp(v, "private") != 0)
			return bad_value(err, u, "expected host or private");
	} else if (strcmp(key, "PidMode") == 0) {
		bool container = head == 9 && strncmp(v, "container", 9) == 0 && v[9] == ':' &&
				 v[10] != '\0' && strchr(v + 10, ':') == NULL;

		if (!host && !container)
			return bad_value(err, u, "expected host or container:<name|id>");
	} else if (!host) {
		return bad_value(err, u, "expected host");
	}
	return h_string(ctx, u, err);
}

static int
h_cpus(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *why = NULL;
	int64_t n;

	if (parse_nano_cpus(u->value, &n, &why) < 0)
		return bad_value(err, u, "%s", why);
	put(ctx->host, "NanoCpus", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

static int
h_memory_swap(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strcmp(u->value, "-1") == 0) {
		put(ctx->host, "MemorySwap", berth_nonnull(json_object_new_int64(-1)));
		return 0;
	}
	return h_bytes(ctx, u, err);
}

static int
h_swappiness(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0 || n < -1 || n > 100)
		return bad_value(err, u, "expected an integer from 0 to 100, or -1");
	put(ctx->host, "MemorySwappiness", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

static int
h_env(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *env = child(ctx->scratch, "env", json_type_array);
	const char *eq = strchr(u->value, '=');
	char *kv cleanup_free = NULL;

	if (u->value[0] == '\0' || u->value[0] == '=')
		return bad_value(err, u, "no variable name");
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

static int
h_label(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value;
	size_t key_len = strcspn(v, "=");

	while (key_len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		key_len--;
	}
	if (key_len == 0)
		return bad_value(err, u, "empty label name");
	if (memchr(v, ' ', key_len) != NULL || memchr(v, '\t', key_len) != NULL)
		return bad_value(err, u, "the label name contains whitespace");
	append_string(child(ctx->scratch, "labels", json_type_array), u->value);
	return 0;
}

/* opts.parseKeyValueFile: lines of K=V; blank lines and #comments skipped; a bare K takes its
 * value from our environment (env files only; unset or in a label file, the line is dropped). */
static int
read_kv_file(struct runopts_ctx *ctx, const struct flag_use *u, bool env, const char *out_key,
	     berth_error_t *err)
{
	char *buf cleanup_free = NULL;
	json_object *out = child(ctx->scratch, out_key, json_type_array);
	size_t len, lineno = 0;
	char *line, *next;

	if (read_file(u, u->value, &buf, &len, err) < 0)
		return -1;
	if (memchr(buf, '\0', len) != NULL)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: '%s' for '%s' contains a NUL byte",
				       u->value, u->name);
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
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
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
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: '%s' for '%s': no variable name on line %zu", u->value,
					       u->name, lineno);
		if (memchr(line, ' ', key_len) != NULL || memchr(line, '\t', key_len) != NULL)
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: '%s' for '%s': variable name '%.*s' on line %zu contains "
					       "whitespace", u->value, u->name, (int)key_len, line, lineno);
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

static int
h_env_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	return read_kv_file(ctx, u, true, "env_file", err);
}

static int
h_label_file(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	return read_kv_file(ctx, u, false, "label_file", err);
}

/* Does a -v spec have a source (a bind or named volume) rather than only a target? This is the
 * part of compose's loader.ParseVolume that `docker create` looks at, errors ignored as there. */
static bool
volume_has_source(const char *spec)
{
	size_t len = strlen(spec), buf_start = 0, buf_runes = 0;
	bool have_source = false, have_target = false;

	if (len <= 2)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = spec[i];

		if ((c & 0xc0) == 0x80)
			continue; /* UTF-8 continuation byte: part of the rune before */
		if (c == ':' && buf_runes == 1 && isalpha((unsigned char)spec[buf_start])) {
			buf_runes++; /* a Windows drive letter, "c:" */
			continue;
		}
		if (c != ':' && c != '\0') {
			buf_runes++;
			continue;
		}
		if (buf_runes == 0)
			return have_source; /* "empty section between colons" */
		if (!have_source && c == '\0')
			return false; /* anonymous volume: the only section is the target */
		if (!have_source)
			have_source = true;
		else if (!have_target)
			have_target = true;
		else if (c == ':')
			return true; /* "too many colons" */
		buf_start = i + 1;
		buf_runes = 0;
	}
	return have_source;
}

static int
h_volume(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *binds;

	if (u->value[0] == '\0')
		return bad_value(err, u, "empty volume specification");
	if (!volume_has_source(u->value)) {
		put(child(ctx->config, "Volumes", json_type_object), u->value, berth_nonnull(json_object_new_object()));
		return 0;
	}
	/* The CLI keeps binds in a set: a repeated -v counts once. */
	binds = child(ctx->host, "Binds", json_type_array);
	for (size_t i = 0; i < json_object_array_length(binds); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(binds, i)), u->value) == 0)
			return 0;
	append_string(binds, u->value);
	return 0;
}

static char *
lower_dup(const char *s)
{
	char *d = berth_xstrdup(s);

	for (char *p = d; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* opts.MountOpt.Set: CSV of key[=value] into a HostConfig.Mounts entry. */
static int
h_mount(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char **fields berth_cleanup(words) = NULL;
	json_object *bind cleanup_json = NULL, *vol cleanup_json = NULL,
		    *tmpfs cleanup_json = NULL, *m cleanup_json = NULL, *labels cleanup_json = NULL,
		    *driver cleanup_json = NULL;
	char *type cleanup_free = berth_xstrdup("volume"), *consistency cleanup_free = NULL;
	const char *source = NULL, *dst = NULL, *why = NULL;
	bool ro = false;

	if (berth_go_csv_record(u->value, &fields, NULL, &why) < 0)
		return bad_value(err, u, "%s", why);
	for (size_t i = 0; fields[i] != NULL; i++) {
		const char *field = fields[i];
		const char *eq = strchr(field, '='), *value = eq != NULL ? eq + 1 : NULL;
		char *key cleanup_free = berth_xstrndup(field, eq != NULL ? (size_t)(eq - field) : strlen(field));
		bool b;

		for (char *p = key; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (strcmp(key, "bind-propagation") == 0 || strcmp(key, "bind-nonrecursive") == 0) {
			if (bind == NULL)
				bind = berth_nonnull(json_object_new_object());
		} else if (strncmp(key, "volume-", 7) == 0) {
			if (vol == NULL) {
				vol = berth_nonnull(json_object_new_object());
				labels = berth_nonnull(json_object_new_object());
				driver = berth_nonnull(json_object_new_object());
			}
		} else if (strncmp(key, "tmpfs-", 6) == 0) {
			if (tmpfs == NULL)
				tmpfs = berth_nonnull(json_object_new_object());
		}
		if (value == NULL) {
			/* the bare boolean fields */
			if (strcmp(key, "readonly") != 0 && strcmp(key, "ro") != 0 &&
			    strcmp(key, "volume-nocopy") != 0 && strcmp(key, "bind-nonrecursive") != 0)
				return bad_value(err, u, "field '%s' must be a key=value pair", field);
			value = "true";
		}
		if (strcmp(key, "type") == 0) {
			free(type);
			type = lower_dup(value);
		} else if (strcmp(key, "source") == 0 || strcmp(key, "src") == 0) {
			source = value;
		} else if (strcmp(key, "target") == 0 || strcmp(key, "dst") == 0 ||
			   strcmp(key, "destination") == 0) {
			dst = value;
		} else if (strcmp(key, "readonly") == 0 || strcmp(key, "ro") == 0) {
			if (berth_go_parse_bool(value, &ro) < 0)
				return bad_value(err, u, "'%s' is not a boolean for %s", value, key);
		} else if (strcmp(key, "consistency") == 0) {
			free(consistency);
			consistency = lower_dup(value);
		} else if (strcmp(key, "bind-propagation") == 0) {
			char *p cleanup_free = lower_dup(value);

			put_string(bind, "Propagation", p);
		} else if (strcmp(key, "bind-nonrecursive") == 0 || strcmp(key, "volume-nocopy") == 0) {
			if (berth_go_parse_bool(value, &b) < 0)
				return bad_value(err, u, "'%s' is not a boolean for %s", value, key);
			put(key[0] == 'b' ? bind : vol, key[0] == 'b' ? "NonRecursive" : "NoCopy",
				berth_nonnull(json_object_new_boolean(b)));
		} else if (strcmp(key, "volume-label") == 0) {
			put_kv(labels, value);
		} else if (strcmp(key, "volume-driver") == 0) {
			put_string(driver, "Name", value);
		} else if (strcmp(key, "volume-opt") == 0) {
			put_kv(child(driver, "Options", json_type_object), value);
		} else if (strcmp(key, "tmpfs-size") == 0) {
			int64_t n;

			if (berth_go_ram_in_bytes(value, &n) < 0)
				return bad_value(err, u, "'%s' is not a size for tmpfs-size", value);
			put(tmpfs, "SizeBytes", berth_nonnull(json_object_new_int64(n)));
		} else if (strcmp(key, "tmpfs-mode") == 0) {
			uint64_t mode;

			if (berth_go_parse_uint(value, 8, UINT32_MAX, &mode) < 0)
				return bad_value(err, u, "'%s' is not an octal mode for tmpfs-mode", value);
			put(tmpfs, "Mode", berth_nonnull(json_object_new_int64((int64_t)mode)));
		} else {
			return bad_value(err, u, "unexpected key '%s' in '%s'", key, field);
		}
	}
	if (type[0] == '\0')
		return bad_value(err, u, "type is required");
	if (dst == NULL || dst[0] == '\0')
		return bad_value(err, u, "target is required");
	if (vol != NULL && strcmp(type, "volume") != 0)
		return bad_value(err, u, "cannot mix 'volume-*' options with mount type '%s'", type);
	if (bind != NULL && strcmp(type, "bind") != 0)
		return bad_value(err, u, "cannot mix 'bind-*' options with mount type '%s'", type);
	if (tmpfs != NULL && strcmp(type, "tmpfs") != 0)
		return bad_value(err, u, "cannot mix 'tmpfs-*' options with mount type '%s'", type);

	/* Members in the order and with the omissions of Go's json.Marshal of mount.Mount. */
	m = berth_nonnull(json_object_new_object());
	put_string(m, "Type", type);
	if (source != NULL && source[0] != '\0')
		put_string(m, "Source", source);
	put_string(m, "Target", dst);
	if (ro)
		put(m, "ReadOnly", berth_nonnull(json_object_new_boolean(true)));
	if (consistency != NULL && consistency[0] != '\0')
		put_string(m, "Consistency", consistency);
	if (bind != NULL) {
		put(m, "BindOptions", bind);
		bind = NULL;
	}
	if (vol != NULL) {
		if (json_object_object_length(labels) > 0) {
			put(vol, "Labels", labels);
			labels = NULL;
		}
		put(vol, "DriverConfig", driver);
		driver = NULL;
		put(m, "VolumeOptions", vol);
		vol = NULL;
	}
	if (tmpfs != NULL) {
		put(m, "TmpfsOptions", tmpfs);
		tmpfs = NULL;
	}
	append(child(ctx->host, "Mounts", json_type_array), m);
	m = NULL;
	return 0;
}

static int
h_tmpfs(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':');
	char *path cleanup_free = berth_xstrndup(u->value, colon != NULL ? (size_t)(colon - u->value) : strlen(u->value));

	put_string(child(ctx->host, "Tmpfs", json_type_object), path, colon != NULL ? colon + 1 : "");
	return 0;
}

/* A device cgroup mode: some of r, w, m, each at most once. */
static bool
valid_device_mode(const char *mode)
{
	bool seen[3] = { false, false, false };

	if (*mode == '\0')
		return false;
	for (; *mode != '\0'; mode++) {
		const char *p = strchr("rwm", *mode);

		if (p == NULL || seen[p - "rwm"])
			return false;
		seen[p - "rwm"] = true;
	}
	return true;
}

/* validateLinuxPath + parseLinuxDevice: host-path[:container-path][:mode] */
static int
h_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *c1 = strchr(v, ':'), *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
	char *src cleanup_free = NULL, *dst cleanup_free = NULL, *mode cleanup_free = NULL;
	const char *cpath; /* the container path as written: the CLI checks it is absolute */
	json_object *dev;

	if ((c2 != NULL && strchr(c2 + 1, ':') != NULL) || v[0] == ':' || v[0] == '\0')
		return bad_value(err, u, "expected host-path[:container-path][:mode]");
	if (c1 == NULL) {
		cpath = v;
		src = berth_go_path_clean(v);
		dst = berth_xstrdup(src);
		mode = berth_xstrdup("rwm");
	} else if (c2 == NULL && valid_device_mode(c1 + 1)) {
		char *h cleanup_free = berth_xstrndup(v, (size_t)(c1 - v));

		cpath = v;
		src = berth_go_path_clean(h);
		dst = berth_xstrdup(src);
		mode = berth_xstrdup(c1 + 1);
	} else if (c2 == NULL) {
		cpath = c1 + 1;
		src = berth_xstrndup(v, (size_t)(c1 - v));
		dst = berth_go_path_clean(c1 + 1);
		mode = berth_xstrdup("rwm");
	} else {
		cpath = c1 + 1;
		src = berth_xstrndup(v, (size_t)(c1 - v));
		dst = berth_xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
		mode = berth_xstrdup(c2 + 1);
		if (!valid_device_mode(mode))
			return bad_value(err, u, "bad mode '%s' (some of r, w, m)", mode);
	}
	if (cpath[0] != '/')
		return bad_value(err, u, "'%.*s' is not an absolute path", (int)strcspn(cpath, ":"), cpath);
	dev = berth_nonnull(json_object_new_object());
	put_string(dev, "PathOnHost", src);
	put_string(dev, "PathInContainer", dst);
	put_string(dev, "CgroupPermissions", mode);
	append(child(ctx->host, "Devices", json_type_array), dev);
	return 0;
}

/* Does the POSIX extended regular expression pattern match s? m[nm]: the submatches. */
static bool
regex_match(const char *pattern, const char *s, regmatch_t *m, size_t nm)
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

static int
h_device_cgroup_rule(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (!regex_match("^[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}$", u->value, NULL, 0))
		return bad_value(err, u, "expected 'type major:minor mode', e.g. 'c 1:3 rwm'");
	return h_list(ctx, u, err);
}

/* --blkio-weight-device and --device-{read,write}-{bps,iops}: /dev/path:number */
static int
h_blkio_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':'), *key = u->flag->key;
	char *path cleanup_free = NULL;
	bool weight = strcmp(key, "BlkioWeightDevice") == 0, bps = strstr(key, "Bps") != NULL;
	json_object *dev;
	uint64_t n;
	int64_t bytes;

	if (colon == NULL)
		return bad_value(err, u, "expected <device-path>:<number>");
	if (strncmp(u->value, "/dev/", 5) != 0)
		return bad_value(err, u, "the device path must start with /dev/");
	if (weight) {
		if (berth_go_parse_uint(colon + 1, 10, UINT16_MAX, &n) < 0 || (n > 0 && (n < 10 || n > 1000)))
			return bad_value(err, u, "the weight must be 0 or from 10 to 1000");
	} else if (bps) {
		if (berth_go_ram_in_bytes(colon + 1, &bytes) < 0)
			return bad_value(err, u, "the rate must be a size, e.g. 10mb");
		n = (uint64_t)bytes;
	} else if (berth_go_parse_uint(colon + 1, 10, UINT64_MAX, &n) < 0 || n > INT64_MAX) {
		return bad_value(err, u, "the rate must be a positive integer");
	}
	path = berth_xstrndup(u->value, (size_t)(colon - u->value));
	dev = berth_nonnull(json_object_new_object());
	put_string(dev, "Path", path);
	put(dev, weight ? "Weight" : "Rate", berth_nonnull(json_object_new_int64((int64_t)n)));
	append(child(ctx->host, key, json_type_array), dev);
	return 0;
}

/* ---- ports ---- */

/* ParsePortRange: "80" or "8000-8010" (extra "-parts" are ignored, as in go-connections) */
static int
port_range(const char *s, uint64_t *start, uint64_t *end)
{
	const char *dash = strchr(s, '-');
	char *first cleanup_free = NULL, *second cleanup_free = NULL;

	if (*s == '\0')
		return -1;
	if (dash == NULL) {
		if (berth_go_parse_uint(s, 10, UINT16_MAX, start) < 0)
			return -1;
		*end = *start;
		return 0;
	}
	first = berth_xstrndup(s, (size_t)(dash - s));
	second = berth_xstrndup(dash + 1, strcspn(dash + 1, "-"));
	if (berth_go_parse_uint(first, 10, UINT16_MAX, start) < 0 ||
	    berth_go_parse_uint(second, 10, UINT16_MAX, end) < 0 || *end < *start)
		return -1;
	return 0;
}

/* nat.SplitProtoPort: "80/udp" -> ("udp", "80"); proto and port are malloc'd */
static void
split_proto_port(const char *raw, char **proto, char **port)
{
	const char *slash = strchr(raw, '/');

	if (raw[0] == '\0' || raw[0] == '/') {
		*proto = berth_xstrdup("");
		*port = berth_xstrdup("");
	} else if (slash == NULL || slash[1] == '\0' || slash[1] == '/') {
		*proto = berth_xstrdup("tcp");
		*port = berth_xstrndup(raw, slash != NULL ? (size_t)(slash - raw) : strlen(raw));
	} else {
		*proto = berth_xstrndup(slash + 1, strcspn(slash + 1, "/"));
		*port = berth_xstrndup(raw, (size_t)(slash - raw));
	}
}

static void
add_exposed(struct runopts_ctx *ctx, const char *port)
{
	json_object *exposed = child(ctx->config, "ExposedPorts", json_type_object);

	if (!json_object_object_get_ex(exposed, port, NULL))
		put(exposed, port, berth_nonnull(json_object_new_object()));
}

/* net.SplitHostPort(ip + ":"), i.e. the host part of "[::1]" or "1.2.3.4"; NULL if malformed */
static char *
publish_host_ip(const char *raw)
{
	size_t n = strlen(raw);

	if (raw[0] == '[') {
		const char *end = strchr(raw, ']');

		if (end == NULL || end[1] != '\0' || strchr(raw + 1, '[') != NULL)
			return NULL;
		return berth_xstrndup(raw + 1, (size_t)(end - raw - 1));
	}
	if (strpbrk(raw, ":[]") != NULL)
		return NULL;
	return berth_xstrndup(raw, n);
}

/* nat.ParsePortSpec: [ip:][hostPort:]containerPort[/proto], ranges allowed */
static int
publish_one(struct runopts_ctx *ctx, const struct flag_use *u, const char *spec, berth_error_t *err)
{
	char *raw_ip cleanup_free = NULL, *host_port cleanup_free = NULL, *proto cleanup_free = NULL,
	     *cport cleanup_free = NULL, *ip cleanup_free = NULL;
	const char *last = strrchr(spec, ':'), *container = last != NULL ? last + 1 : spec;
	uint64_t start, end, hstart = 0, hend = 0;
	char canonical[BERTH_GO_IP_STRLEN];

	if (last != NULL) {
		const char *prev = last;

		while (prev > spec && prev[-1] != ':')
			prev--;
		host_port = berth_xstrndup(prev, (size_t)(last - prev));
		raw_ip = prev > spec ? berth_xstrndup(spec, (size_t)(prev - 1 - spec)) : berth_xstrdup("");
	} else {
		host_port = berth_xstrdup("");
		raw_ip = berth_xstrdup("");
	}
	split_proto_port(container, &proto, &cport);
	ip = publish_host_ip(raw_ip);
	if (ip == NULL)
		return bad_value(err, u, "invalid IP address '%s' (write IPv6 as [addr])", raw_ip);
	if (ip[0] != '\0' && berth_go_ip_string(ip, canonical, sizeof(canonical)) < 0)
		return bad_value(err, u, "invalid IP address '%s'", ip);
	if (cport[0] == '\0')
		return bad_value(err, u, "no container port");
	if (port_range(cport, &start, &end) < 0)
		return bad_value(err, u, "invalid container port '%s'", cport);
	if (host_port[0] != '\0' && port_range(host_port, &hstart, &hend) < 0)
		return bad_value(err, u, "invalid host port '%s'", host_port);
	if (host_port[0] != '\0' && end - start != hend - hstart && end != start)
		return bad_value(err, u, "the container port range %s and host port range %s differ in size",
				 cport, host_port);
	for (char *p = proto; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0 && strcmp(proto, "sctp") != 0)
		return bad_value(err, u, "invalid protocol '%s' (tcp, udp or sctp)", proto);
	for (uint64_t i = 0; i <= end - start; i++) {
		char key[32], hp[32] = "";
		json_object *b, *list;

		snprintf(key, sizeof(key), "%llu/%s", (unsigned long long)(start + i), proto);
		if (host_port[0] != '\0') {
			if (start == end && hstart != hend)
				snprintf(hp, sizeof(hp), "%llu-%llu", (unsigned long long)hstart,
					 (unsigned long long)hend);
			else
				snprintf(hp, sizeof(hp), "%llu", (unsigned long long)(hstart + i));
		}
		add_exposed(ctx, key);
		b = berth_nonnull(json_object_new_object());
		put_string(b, "HostIp", ip);
		put_string(b, "HostPort", hp);
		list = child(child(ctx->host, "PortBindings", json_type_object), key, json_type_array);
		append(list, b);
	}
	return 0;
}

static int
h_publish(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The long form published=8080,target=80[,protocol=udp] reads as 8080:80/udp. */
	if (strchr(u->value, '=') != NULL) {
		const char *published = "", *tgt = "", *protocol = "tcp";
		char *copy cleanup_free = berth_xstrdup(u->value), *spec cleanup_free = NULL, *f, *next;

		for (f = copy; f != NULL; f = next) {
			char *eq;

			next = strchr(f, ',');
			if (next != NULL)
				*next++ = '\0';
			eq = strchr(f, '=');
			if (eq == NULL)
				return bad_value(err, u, "'%s' is not name=value", f);
			*eq++ = '\0';
			eq[strcspn(eq, "=")] = '\0';
			if (strcmp(f, "published") == 0)
				published = eq;
			else if (strcmp(f, "target") == 0)
				tgt = eq;
			else if (strcmp(f, "protocol") == 0)
				protocol = eq;
		}
		spec = berth_xasprintf("%s:%s/%s", published, tgt, protocol);
		return publish_one(ctx, u, spec, err);
	}
	return publish_one(ctx, u, u->value, err);
}

static int
h_expose(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char *proto cleanup_free = NULL, *port cleanup_free = NULL;
	uint64_t start, end;

	if (strchr(u->value, ':') != NULL)
		return bad_value(err, u, "expected port[/proto] or from-to[/proto], without ':'");
	split_proto_port(u->value, &proto, &port);
	if (port_range(port, &start, &end) < 0)
		return bad_value(err, u, "invalid port or port range");
	for (uint64_t i = start; i <= end; i++) {
		char *key cleanup_free = NULL;

		/* Unlike -p, the CLI neither lowercases nor checks the protocol here. */
		key = berth_xasprintf("%llu/%s", (unsigned long long)i, proto);
		add_exposed(ctx, key);
	}
	return 0;
}

/* ---- networking ---- */

/* strings.TrimSpace, in place */
static char *
trim(char *s)
{
	size_t skip = 0, n;

	while (isspace((unsigned char)s[skip]))
		skip++;
	memmove(s, s + skip, strlen(s + skip) + 1);
	for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
		s[n - 1] = '\0';
	return s;
}

static int
h_network(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *net cleanup_json = NULL, *prev;
	const char *v = u->value;
	bool long_syntax = false;

	if (json_object_object_get_ex(ctx->scratch, "net", &prev))
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: '%s' given more than once ('%s', then '%s'): a container is "
				       "created on one network (Docker API 1.41)",
				       u->name, get_string(prev, "Target"), v);
	/* The CLI takes name=...,alias=... when \w+=\w+ occurs anywhere in the value. */
	for (const char *eq = strchr(v, '='); eq != NULL && !long_syntax; eq = strchr(eq + 1, '='))
		long_syntax = eq > v && berth_go_is_word_char(eq[-1]) && berth_go_is_word_char(eq[1]);
	net = berth_nonnull(json_object_new_object());
	if (!long_syntax) {
		put_string(net, "Target", v);
	} else {
		char **fields berth_cleanup(words) = NULL;
		const char *why = NULL;

		if (berth_go_csv_record(v, &fields, NULL, &why) < 0)
			return bad_value(err, u, "%s", why);
		for (size_t i = 0; fields[i] != NULL; i++) {
			const char *field = fields[i];
			const char *eq = strchr(field, '=');
			char *key cleanup_free = NULL, *val cleanup_free = NULL;

			if (eq == NULL)
				return bad_value(err, u, "invalid field '%s'", field);
			/* keys and values trimmed and lowercased, as the CLI does */
			key = berth_xstrndup(field, (size_t)(eq - field));
			val = lower_dup(eq + 1);
			for (char *s = key; *s != '\0'; s++)
				*s = (char)tolower((unsigned char)*s);
			trim(key);
			trim(val);
			if (strcmp(key, "name") == 0) {
				put_string(net, "Target", val);
			} else if (strcmp(key, "alias") == 0) {
				append_string(child(net, "Aliases", json_type_array), val);
			} else if (strcmp(key, "ip") == 0) {
				put_string(net, "IPv4Address", val);
			} else if (strcmp(key, "ip6") == 0) {
				put_string(net, "IPv6Address", val);
			} else if (strcmp(key, "driver-opt") == 0) {
				char *deq = strchr(val, '=');

				if (deq == NULL)
					return bad_value(err, u, "driver-opt needs key=value");
				*deq++ = '\0';
				trim(val);
				trim(deq);
				put_string(child(net, "DriverOpts", json_type_object), val, deq);
			} else {
				return bad_value(err, u, "invalid field key '%s'", key);
			}
		}
		if (get_string(net, "Target") == NULL || get_string(net, "Target")[0] == '\0')
			return bad_value(err, u, "network name/id is not specified");
	}
	{
		const char *t = get_string(net, "Target");

		if (t == NULL || t[strspn(t, " \t\n\r\v\f")] == '\0')
			return bad_value(err, u, "no network name");
	}
	put(ctx->scratch, "net", net);
	net = NULL;
	return 0;
}

static int
h_net_scratch_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	append_string(child(ctx->scratch, u->flag->key, json_type_array), u->value);
	return 0;
}

static int
h_net_scratch_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(ctx->scratch, u->flag->key, u->value);
	return 0;
}

static int
h_dns(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char ip[64], *trimmed cleanup_free = NULL;
	const char *s = u->value;
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
		;
	trimmed = berth_xstrndup(s, n);
	if (berth_go_ip_string(trimmed, ip, sizeof(ip)) < 0)
		return bad_value(err, u, "not an IP address");
	append_string(child(ctx->host, "Dns", json_type_array), ip);
	return 0;
}

static int
h_dns_search(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* opts.ValidateDNSSearch, its regexp copied as is ("(:?" is a typo for "(?:" upstream,
	 * which makes it accept stray colons; we accept what the CLI accepts). */
	static const char pattern[] =
		"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))"
		"(:?\\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\\.?[ \t\n\f\r]*$";
	const char *s = u->value;
	char *d cleanup_free = NULL;
	regmatch_t m[2];
	size_t n;

	while (*s == ' ')
		s++;
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	d = berth_xstrndup(s, n);
	if (strcmp(d, ".") != 0) {
		if (strpbrk(d, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL)
			return bad_value(err, u, "not a valid domain");
		if (!regex_match(pattern, d, m, 2) || m[1].rm_so < 0 || m[1].rm_eo - m[1].rm_so >= 255)
			return bad_value(err, u, "not a valid domain");
		d[m[1].rm_eo] = '\0';
		memmove(d, d + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so) + 1);
	}
	append_string(child(ctx->host, "DnsSearch", json_type_array), d);
	return 0;
}

static int
h_add_host(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':');
	char ip[64];

	if (colon == NULL || colon == u->value)
		return bad_value(err, u, "expected host:ip");
	if (strcmp(colon + 1, "host-gateway") != 0) {
		char *t cleanup_free = NULL;
		const char *s = colon + 1;
		size_t n;

		while (isspace((unsigned char)*s))
			s++;
		for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
			;
		t = berth_xstrndup(s, n);
		if (berth_go_ip_string(t, ip, sizeof(ip)) < 0)
			return bad_value(err, u, "'%s' is not an IP address", colon + 1);
	}
	return h_list(ctx, u, err);
}

static int
h_mac(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *s = u->value;
	char *trimmed cleanup_free = NULL;
	size_t n;

	/* opts.ValidateMACAddress: net.ParseMAC(strings.TrimSpace(val)) */
	while (isspace((unsigned char)*s))
		s++;
	for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
		;
	trimmed = berth_xstrndup(s, n);
	if (!berth_go_mac_valid(trimmed))
		return bad_value(err, u, "not a valid MAC address");
	return h_string(ctx, u, err);
}

/* ---- maps ---- */

static int
h_sysctl(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* opts.ValidateSysctl: the namespaced sysctls Docker allows */
	static const char *const allowed[] = { "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
					       "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
					       "kernel.shm_rmid_forced", NULL };
	const char *eq = strchr(u->value, '=');
	char *key cleanup_free = NULL;
	bool ok = false;

	if (eq == NULL)
		return bad_value(err, u, "expected name=value");
	key = berth_xstrndup(u->value, (size_t)(eq - u->value));
	for (int i = 0; allowed[i] != NULL; i++)
		ok = ok || strcmp(key, allowed[i]) == 0;
	ok = ok || strncmp(key, "net.", 4) == 0 || strncmp(key, "fs.mqueue.", 10) == 0;
	if (!ok)
		return bad_value(err, u, "sysctl '%s' is not namespaced (allowed: net.*, fs.mqueue.*, kernel.msg*, "
				 "kernel.sem, kernel.shm*)", key);
	put_kv(child(ctx->host, "Sysctls", json_type_object), u->value);
	return 0;
}

static int
h_storage_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strchr(u->value, '=') == NULL)
		return bad_value(err, u, "expected name=value");
	put_kv(child(ctx->host, "StorageOpt", json_type_object), u->value);
	return 0;
}

static int
h_log_driver(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(child(ctx->host, "LogConfig", json_type_object), "Type", u->value);
	return 0;
}

static int
h_log_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_kv(child(child(ctx->host, "LogConfig", json_type_object), "Config", json_type_object), u->value);
	return 0;
}

static int
h_ulimit(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* go-units ParseUlimit; "as" is left out there on purpose. */
	static const char *const names[] = { "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
					     "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending",
					     "stack", NULL };
	const char *eq = strchr(u->value, '='), *colon;
	char *name cleanup_free = NULL, *soft_s cleanup_free = NULL;
	int64_t soft, hard;
	json_object *ul;
	bool known = false;

	if (eq == NULL)
		return bad_value(err, u, "expected name=soft[:hard]");
	name = berth_xstrndup(u->value, (size_t)(eq - u->value));
	for (int i = 0; names[i] != NULL; i++)
		known = known || strcmp(name, names[i]) == 0;
	if (!known)
		return bad_value(err, u, "unknown ulimit '%s'", name);
	colon = strchr(eq + 1, ':');
	if (colon != NULL && strchr(colon + 1, ':') != NULL)
		return bad_value(err, u, "expected name=soft[:hard]");
	soft_s = berth_xstrndup(eq + 1, colon != NULL ? (size_t)(colon - eq - 1) : strlen(eq + 1));
	/* strconv.ParseInt(s, 10, 64): plain decimal here, unlike pflag's ints */
	if (berth_go_parse_int(soft_s, 10, &soft) < 0)
		return bad_value(err, u, "'%s' is not an integer", soft_s);
	hard = soft;
	if (colon != NULL && berth_go_parse_int(colon + 1, 10, &hard) < 0)
		return bad_value(err, u, "'%s' is not an integer", colon + 1);
	if (hard != -1 && (soft == -1 || soft > hard))
		return bad_value(err, u, "the soft limit must not exceed the hard limit");
	ul = berth_nonnull(json_object_new_object());
	put_string(ul, "Name", name);
	put(ul, "Hard", berth_nonnull(json_object_new_int64(hard)));
	put(ul, "Soft", berth_nonnull(json_object_new_int64(soft)));
	/* one entry per name, the last one wins; sorted by name at the end */
	put(child(ctx->scratch, "ulimits", json_type_object), name, ul);
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

static int
h_security_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *sep = strchr(v, '=');
	size_t key_len;

	if (sep == NULL && strcmp(v, "no-new-privileges") != 0) {
		sep = strchr(v, ':');
		if (sep == NULL)
			return bad_value(err, u, "expected name=value (or no-new-privileges)");
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
#if JSON_C_VERSION_NUM >= ((0 << 16) | (15 << 8))
		end = json_tokener_get_parse_end(tok);
#else
		end = (size_t)tok->char_offset;
#endif
		json_tokener_free(tok);
		json_object_put(parsed);
		if (jerr != json_tokener_success || buf[end + strspn(buf + end, " \t\r\n")] != '\0')
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
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
	return h_list(ctx, u, err);
}

/* ---- health ---- */

static int
h_health_cmd(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The daemon runs it with /bin/sh -c inside the container (docker's CMD-SHELL); berth
	 * itself never runs a shell. */
	put_string(child(ctx->scratch, "health", json_type_object), "cmd", u->value);
	return 0;
}

static int
h_health_duration(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t ns;

	if (berth_go_parse_duration(u->value, &ns) < 0)
		return bad_value(err, u, "not a duration (e.g. 30s, 1m30s, 500ms)");
	if (ns < 0)
		return bad_value(err, u, "must not be negative");
	put(child(ctx->scratch, "health", json_type_object), u->flag->key, berth_nonnull(json_object_new_int64(ns)));
	return 0;
}

static int
h_health_retries(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	int64_t n;

	if (berth_go_parse_int(u->value, 0, &n) < 0)
		return bad_value(err, u, "not an integer");
	if (n < 0)
		return bad_value(err, u, "must not be negative");
	put(child(ctx->scratch, "health", json_type_object), "Retries", berth_nonnull(json_object_new_int64(n)));
	return 0;
}

static int
h_no_healthcheck(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put(ctx->scratch, "no_healthcheck", berth_nonnull(json_object_new_boolean(u->on)));
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The flags                                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define V FLAG_VALUE
#define B FLAG_BOOL
#define REFUSED FLAG_REFUSED
#define C IN_CONFIG
#define H IN_HOST
#define N IN_NONE

/* Sorted by name, like `docker create --help`. Hidden aliases (--net, --net-alias, --dns-opt)
 * are accepted as the CLI accepts them. */
static const struct runopts_flag flags[] = {
	{ "add-host", 0, V, h_add_host, H, "ExtraHosts" },
	{ "attach", 'a', REFUSED, NULL, N, "berth always runs the container detached; drop it" },
	{ "blkio-weight", 0, V, h_uint16, H, "BlkioWeight" },
	{ "blkio-weight-device", 0, V, h_blkio_device, H, "BlkioWeightDevice" },
	{ "cap-add", 0, V, h_list, H, "CapAdd" },
	{ "cap-drop", 0, V, h_list, H, "CapDrop" },
	{ "cgroup-parent", 0, V, h_string, H, "CgroupParent" },
	{ "cgroupns", 0, V, h_namespace, H, "CgroupnsMode" },
	{ "cidfile", 0, REFUSED, NULL, N, "berth does not write container ID files" },
	{ "cpu-period", 0, V, h_int, H, "CpuPeriod" },
	{ "cpu-quota", 0, V, h_int, H, "CpuQuota" },
	{ "cpu-rt-period", 0, V, h_int, H, "CpuRealtimePeriod" },
	{ "cpu-rt-runtime", 0, V, h_int, H, "CpuRealtimeRuntime" },
	{ "cpu-shares", 'c', V, h_int, H, "CpuShares" },
	{ "cpus", 0, V, h_cpus, H, "NanoCpus" },
	{ "cpuset-cpus", 0, V, h_string, H, "CpusetCpus" },
	{ "cpuset-mems", 0, V, h_string, H, "CpusetMems" },
	{ "detach", 'd', B, h_detach, N, NULL },
	{ "detach-keys", 0, V, h_ignore, N, NULL },
	{ "device", 0, V, h_device, H, "Devices" },
	{ "device-cgroup-rule", 0, V, h_device_cgroup_rule, H, "DeviceCgroupRules" },
	{ "device-read-bps", 0, V, h_blkio_device, H, "BlkioDeviceReadBps" },
	{ "device-read-iops", 0, V, h_blkio_device, H, "BlkioDeviceReadIOps" },
	{ "device-write-bps", 0, V, h_blkio_device, H, "BlkioDeviceWriteBps" },
	{ "device-write-iops", 0, V, h_blkio_device, H, "BlkioDeviceWriteIOps" },
	{ "disable-content-trust", 0, B, h_ignore, N, NULL },
	{ "dns", 0, V, h_dns, H, "Dns" },
	{ "dns-opt", 0, V, h_list, H, "DnsOptions" },
	{ "dns-option", 0, V, h_list, H, "DnsOptions" },
	{ "dns-search", 0, V, h_dns_search, H, "DnsSearch" },
	{ "domainname", 0, V, h_string, C, "Domainname" },
	{ "entrypoint", 0, V, h_entrypoint, C, "Entrypoint" },
	{ "env", 'e', V, h_env, N, NULL },
	{ "env-file", 0, V, h_env_file, N, NULL },
	{ "expose", 0, V, h_expose, N, NULL },
	{ "group-add", 0, V, h_list, H, "GroupAdd" },
	{ "health-cmd", 0, V, h_health_cmd, N, NULL },
	{ "health-interval", 0, V, h_health_duration, N, "Interval" },
	{ "health-retries", 0, V, h_health_retries, N, NULL },
	{ "health-start-period", 0, V, h_health_duration, N, "StartPeriod" },
	{ "health-timeout", 0, V, h_health_duration, N, "Timeout" },
	{ "hostname", 'h', V, h_string, C, "Hostname" },
	{ "init", 0, B, h_bool, H, "Init" },
	{ "interactive", 'i', B, h_interactive, N, NULL },
	{ "ip", 0, V, h_net_scratch_string, N, "IPv4Address" },
	{ "ip6", 0, V, h_net_scratch_string, N, "IPv6Address" },
	{ "ipc", 0, V, h_string, H, "IpcMode" },
	{ "kernel-memory", 0, V, h_bytes, H, "KernelMemory" },
	{ "label", 'l', V, h_label, N, NULL },
	{ "label-file", 0, V, h_label_file, N, NULL },
	{ "link-local-ip", 0, V, h_net_scratch_list, N, "LinkLocalIPs" },
	{ "log-driver", 0, V, h_log_driver, N, NULL },
	{ "log-opt", 0, V, h_log_opt, N, NULL },
	{ "mac-address", 0, V, h_mac, C, "MacAddress" },
	{ "memory", 'm', V, h_bytes, H, "Memory" },
	{ "memory-reservation", 0, V, h_bytes, H, "MemoryReservation" },
	{ "memory-swap", 0, V, h_memory_swap, H, "MemorySwap" },
	{ "memory-swappiness", 0, V, h_swappiness, H, "MemorySwappiness" },
	{ "mount", 0, V, h_mount, N, NULL },
	{ "name", 0, REFUSED, NULL, N, NULL },
	{ "net", 0, V, h_network, N, NULL },
	{ "net-alias", 0, V, h_net_scratch_list, N, "Aliases" },
	{ "network", 0, V, h_network, N, NULL },
	{ "network-alias", 0, V, h_net_scratch_list, N, "Aliases" },
	{ "no-healthcheck", 0, B, h_no_healthcheck, N, NULL },
	{ "oom-kill-disable", 0, B, h_bool, H, "OomKillDisable" },
	{ "oom-score-adj", 0, V, h_int, H, "OomScoreAdj" },
	{ "pid", 0, V, h_namespace, H, "PidMode" },
	{ "pids-limit", 0, V, h_int, H, "PidsLimit" },
	{ "privileged", 0, B, h_bool, H, "Privileged" },
	{ "publish", 'p', V, h_publish, N, NULL },
	{ "publish-all", 'P', B, h_bool, H, "PublishAllPorts" },
	{ "pull", 0, V, h_pull, N, NULL },
	{ "quiet", 'q', B, h_ignore, N, NULL },
	{ "read-only", 0, B, h_bool, H, "ReadonlyRootfs" },
	{ "restart", 0, V, h_refused_restart, N, NULL },
	{ "rm", 0, B, h_bool, H, "AutoRemove" },
	{ "runtime", 0, V, h_string, H, "Runtime" },
	{ "security-opt", 0, V, h_security_opt, H, "SecurityOpt" },
	{ "shm-size", 0, V, h_bytes, H, "ShmSize" },
	{ "sig-proxy", 0, B, h_ignore, N, NULL },
	{ "stop-signal", 0, V, h_string, C, "StopSignal" },
	{ "stop-timeout", 0, V, h_int, C, "StopTimeout" },
	{ "storage-opt", 0, V, h_storage_opt, N, NULL },
	{ "sysctl", 0, V, h_sysctl, N, NULL },
	{ "tmpfs", 0, V, h_tmpfs, N, NULL },
	{ "tty", 't', B, h_bool, C, "Tty" },
	{ "ulimit", 0, V, h_ulimit, N, NULL },
	{ "user", 'u', V, h_string, C, "User" },
	{ "userns", 0, V, h_namespace, H, "UsernsMode" },
	{ "uts", 0, V, h_namespace, H, "UTSMode" },
	{ "volume", 'v', V, h_volume, N, NULL },
	{ "volume-driver", 0, V, h_string, H, "VolumeDriver" },
	{ "volumes-from", 0, V, h_list, H, "VolumesFrom" },
	{ "workdir", 'w', V, h_string, C, "WorkingDir" },
};

#undef V
#undef B
#undef REFUSED
#undef C
#undef H
#undef N

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

static int
apply(struct runopts_ctx *ctx, const struct runopts_flag *f, const char *name, const char *value,
      berth_error_t *err)
{
	struct flag_use u = { .flag = f, .name = name, .value = value, .on = true };

	if (f->kind == FLAG_REFUSED) {
		if (strcmp(f->name, "name") == 0)
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: --name is not allowed; set the 'name' parameter instead");
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: '%s' is not allowed: %s", name,
				       f->key);
	}
	if (f->kind == FLAG_BOOL && berth_go_parse_bool(value, &u.on) < 0)
		return bad_value(err, &u, "expected true or false");
	return f->fn(ctx, &u, err);
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
	cmd = get_string(health, "cmd");
	have = cmd != NULL && cmd[0] != '\0';
	for (int i = 0; i < 4; i++)
		if (health != NULL && json_object_object_get_ex(health, keys[i], &v) && json_object_get_int64(v) != 0)
			have = true;
	if (nohc != NULL && json_object_get_boolean(nohc)) {
		if (have)
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
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
	const char *name, *ip = get_string(ctx->scratch, "IPv4Address"),
			  *ip6 = get_string(ctx->scratch, "IPv6Address");
	size_t n_aliases = array_len(ctx->scratch, "Aliases"), n_lla = array_len(ctx->scratch, "LinkLocalIPs");

	if (!json_object_object_get_ex(ctx->scratch, "net", &net)) {
		/* The CLI silently drops these without --network; under berth the container would
		 * land on the host network, where they mean nothing. Say so instead. */
		if (n_aliases > 0 || ip != NULL || ip6 != NULL || n_lla > 0)
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: %s needs --network naming a user-defined network",
					       n_aliases > 0 ? "--network-alias"
					       : ip != NULL  ? "--ip"
					       : ip6 != NULL ? "--ip6"
							     : "--link-local-ip");
		return 0;
	}
	name = get_string(net, "Target");
	if (n_aliases > 0 && array_len(net, "Aliases") > 0)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: conflicting options: --network-alias and a per-network alias");
	if (ip != NULL && get_string(net, "IPv4Address") != NULL)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: conflicting options: --ip and a per-network IPv4 address");
	if (ip6 != NULL && get_string(net, "IPv6Address") != NULL)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: conflicting options: --ip6 and a per-network IPv6 address");
	if (n_aliases > 0)
		json_object_object_get_ex(ctx->scratch, "Aliases", &aliases);
	else if (array_len(net, "Aliases") > 0)
		json_object_object_get_ex(net, "Aliases", &aliases);
	if (ip == NULL)
		ip = get_string(net, "IPv4Address");
	if (ip6 == NULL)
		ip6 = get_string(net, "IPv6Address");
	if (aliases != NULL && !network_is_user_defined(name))
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
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

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
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
	json_object_object_foreach(ul, key, val) {
		(void)val;
		names[n++] = key;
	}
	qsort(names, n, sizeof(*names), cmp_strp);
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
	type = get_string(lc, "Type");
	if (type != NULL && strcmp(type, "none") == 0 && json_object_object_get_ex(lc, "Config", &cfg) &&
	    json_object_object_length(cfg) > 0)
		return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
				       "run_opts: --log-opt cannot be used with --log-driver=none");
	return 0;
}

static void
merge(json_object *into, json_object *from)
{
	json_object_object_foreach(from, key, val) {
		put(into, key, json_object_get(val));
	}
}

static int
parse_words(struct runopts_ctx *ctx, char **argv, int argc, berth_error_t *err)
{
	int i = 0;

	while (i < argc) {
		const char *s = argv[i++];

		if (s[0] != '-' || s[1] == '\0')
			return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
					       "run_opts: unexpected argument '%s' (put the command in run_cmd)", s);
		if (s[1] == '-') {
			const char *name = s + 2, *eq, *value;
			const struct runopts_flag *f;
			char shown[64];
			size_t len;

			if (name[0] == '\0') {
				/* "--" ends the flags; whatever follows would be the image and command */
				if (i < argc)
					return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
							       "run_opts: unexpected argument '%s' after '--' "
							       "(put the command in run_cmd)", argv[i]);
				break;
			}
			if (name[0] == '-' || name[0] == '=')
				return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: bad flag syntax '%s'",
						       s);
			eq = strchr(name, '=');
			len = eq != NULL ? (size_t)(eq - name) : strlen(name);
			f = flag_by_name(name, len);
			if (f == NULL)
				return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: unknown flag '--%.*s'",
						       (int)len, name);
			snprintf(shown, sizeof(shown), "--%s", f->name);
			if (eq != NULL)
				value = eq + 1;
			else if (f->kind != FLAG_VALUE)
				value = "true";
			else if (i < argc)
				value = argv[i++];
			else
				return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: flag '%s' needs a value",
						       shown);
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

			if (f == NULL) {
				if (strlen(s) > 2)
					return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED,
							       "run_opts: unknown flag '-%c' in '%s'", *sh, s);
				return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: unknown flag '%s'", s);
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
				return berth_error_set(err, BERTH_RESULT_NOT_CONFIGURED, "run_opts: flag '%s' needs a value",
						       shown);
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
	return 0;
}
