/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: node-local settings (/etc/berth/berth.conf, /etc/berth/conf.d/NAME.conf). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "conf.h"
#include "deadline.h"
#include "file.h"
#include "hooks.h"
#include "log.h"
#include "ocf.h"
#include "params.h"
#include "promotion.h"
#include "state.h"
#include "tool.h"

#define NOTE          "conf.published" /* $HA_RSCTMP/berth-conf.published */
#define PUBLISH_AGAIN 600              /* seconds: published again this long after the last time */
#define RETRY_AFTER   60               /* seconds: after a failure, not tried again sooner */

/* The parameters that say what the container is: the same on every node, so the CIB's alone. */
static const char *const cib_only[] = { "image",        "name",          "run_opts",  "run_cmd",
					"mount_points", "docker_socket", "container", NULL };

const char *
berth_conf_dir(void)
{
	const char *dir = berth_hook(BERTH_HOOK_CONF_DIR);

	return dir ? dir : BERTH_CONF_DEFAULT_DIR;
}

struct berth_conf *
berth_conf_new(const char *dir)
{
	struct berth_conf *c = berth_xcalloc(1, sizeof(*c));

	c->dir = berth_xstrdup(dir);
	berth_digest_init(&c->digest);
	snprintf(c->checksum, sizeof(c->checksum), "none");
	return c;
}

void
berth_conf_free(struct berth_conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->settings[i].key);
		free(c->settings[i].value);
		free(c->settings[i].file);
		free(c->settings[i].glob);
	}
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->settings);
	free(c->files);
	free(c->dir);
	free(c);
}

static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* [*s, *s + *n) without the blanks at either end */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && blank((*s)[*n - 1]))
		(*n)--;
}

static const struct berth_param_def *
param_def(const char *key)
{
	const struct berth_param_def *d;

	for (d = berth_param_table; d->name; d++)
		if (strcmp(d->name, key) == 0)
			return d;
	return NULL;
}

static bool
cib_only_key(const char *key)
{
	int i;

	for (i = 0; cib_only[i]; i++)
		if (strcmp(cib_only[i], key) == 0)
			return true;
	return false;
}

static bool
integer_ok(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A value of the parameter's type, checked where the line is known (validate-all checks ranges and
 * everything else again, on every parameter, wherever it comes from). */
static bool
value_ok(const struct berth_param_def *d, const char *value)
{
	bool b;
	long long n;

	switch (d->type) {
	case BERTH_PARAM_BOOLEAN: return berth_ocf_parse_bool(value, &b) == 0;
	case BERTH_PARAM_INTEGER:
		/* the score as promotion.c reads it (INFINITY too); the others: digits, a sign */
		if (strcmp(d->name, "promotion_score") == 0)
			return berth_promotion_parse_score(value, &n) == 0;
		return integer_ok(value);
	case BERTH_PARAM_STRING: return true;
	}
	return false;
}

/* A line that is not one: cause BERTH_E_CONFIG, "FILE:LINE: why". */
static int bad_line(berth_error_t *err, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
bad_line(berth_error_t *err, const char *file, int line, const char *fmt, ...)
{
	cleanup_free char *what = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		berth_oom();
	va_end(ap);
	return berth_error_set(err, BERTH_E_CONFIG, "%s:%d: %s", file, line, what);
}

/* A slice of a line quoted in a message ("%.*s%s"): at most 80 bytes, and "..." when cut */
#define SHOWN(n) (int)((n) > 80 ? 80 : (n))
#define CUT(n)   ((n) > 80 ? "..." : "")

int
berth_conf_parse(struct berth_conf *c, const char *file, const char *text, size_t len, berth_error_t *err)
{
	const char *p = text, *end = text + len;
	cleanup_free char *glob = NULL;
	bool in_section = false;
	int line = 0;

	berth_digest_add(&c->digest, text, len);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *eq;
		size_t n = (size_t)((nl ? nl : end) - p);

		p = nl ? nl + 1 : end;
		line++;
		if (memchr(s, '\0', n) != NULL)
			return bad_line(err, file, line, "the line holds a NUL byte");
		if (!berth_utf8_valid_n(s, n))
			return bad_line(err, file, line, "the line is not valid UTF-8");
		trim(&s, &n);
		if (n == 0 || s[0] == '#')
			continue;
		if (s[0] == '[') {
			const char *in = s + 1;
			size_t m = n - 1;

			if (s[n - 1] != ']')
				return bad_line(err, file, line,
						"'%.*s%s' is not a section header ([defaults] or [resource GLOB])",
						SHOWN(n), s, CUT(n));
			m--;
			trim(&in, &m);
			free(glob);
			glob = NULL;
			if (m == 8 && strncmp(in, "defaults", 8) == 0) {
				in_section = true;
				continue;
			}
			if (m > 8 && strncmp(in, "resource", 8) == 0 && blank(in[8])) {
				in += 8;
				m -= 8;
				trim(&in, &m);
				glob = berth_xstrndup(in, m);
				in_section = true;
				continue;
			}
			if (m == 8 && strncmp(in, "resource", 8) == 0)
				return bad_line(
					err, file, line,
					"'%.*s%s' names no resource: write [resource GLOB], e.g. [resource web-*]",
					SHOWN(n), s, CUT(n));
			return bad_line(err, file, line,
					"unknown section '%.*s%s': berth knows [defaults] and [resource GLOB]",
					SHOWN(n), s, CUT(n));
		}
		eq = memchr(s, '=', n);
		if (eq == NULL || eq == s)
			return bad_line(
				err, file, line,
				"'%.*s%s' is not 'key = value', a section header or a comment (a line starting with "
				"'#')",
				SHOWN(n), s, CUT(n));
		{
			const char *k = s, *v = eq + 1;
			size_t kn = (size_t)(eq - s), vn = n - kn - 1, i;
			cleanup_free char *key = NULL;
			const struct berth_param_def *d;
			struct berth_conf_setting *set;

			trim(&k, &kn);
			trim(&v, &vn);
			for (i = 0; i < kn; i++)
				if (!(k[i] == '_' || (k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
				      (k[i] >= '0' && k[i] <= '9')))
					return bad_line(err, file, line,
							"'%.*s%s' is not a parameter name (letters, digits and '_')",
							SHOWN(kn), k, CUT(kn));
			key = berth_xstrndup(k, kn);
			if (!in_section)
				return bad_line(
					err, file, line,
					"'%.*s%s' comes before any section: put it under [defaults] or [resource GLOB]",
					SHOWN(kn), key, CUT(kn));
			if (cib_only_key(key))
				return bad_line(
					err, file, line,
					"%s cannot be set here: it says what the container is, which must be the same "
					"on every node (set it in the CIB)",
					key);
			d = param_def(key);
			if (d == NULL)
				return bad_line(err, file, line, "'%.*s%s' is not a parameter of ocf:berth:docker",
						SHOWN(kn), key, CUT(kn));
			if (vn == 0)
				return bad_line(
					err, file, line,
					"%s has no value (leave the line out to keep the CIB's value or the default)",
					key);
			{
				cleanup_free char *value = berth_xstrndup(v, vn);

				if (!value_ok(d, value))
					return bad_line(err, file, line, "%s = '%.*s%s' is not %s", key, SHOWN(vn),
							value, CUT(vn),
							d->type == BERTH_PARAM_BOOLEAN ? "a boolean (true or false)"
										       : "an integer");
				c->settings = berth_xrealloc(c->settings, (c->n + 1) * sizeof(*c->settings));
				set = &c->settings[c->n++];
				set->key = key;
				key = NULL;
				set->value = value;
				value = NULL;
				set->file = berth_xstrdup(file);
				set->line = line;
				set->glob = glob ? berth_xstrdup(glob) : NULL;
			}
		}
	}
	return 0;
}

/* Read one file of the configuration (dirfd/name, shown as path) into c. ENOENT is no error when
 * missing_ok. */
static int
read_file(struct berth_conf *c, int dirfd, const char *name, const char *path, bool missing_ok, berth_error_t *err)
{
	cleanup_free char *text = NULL;
	berth_error_t e = NULL;
	size_t len = 0;
	int ret;

	/* not followed through a link: whoever may write where it points would decide what root runs */
	ret = berth_file_read(dirfd, name, BERTH_FILE_NOFOLLOW | BERTH_FILE_OWNED, BERTH_CONF_FILE_MAX, &text, &len,
			      &e);
	if (ret == -ENOENT && missing_ok) {
		berth_error_free(&e);
		return 0;
	}
	if (ret < 0) {
		/* the reader's messages start with the name it was given: say the path instead */
		if (strncmp(e->msg, name, strlen(name)) == 0)
			berth_error_set(err, BERTH_E_CONFIG, "%s%s", path, e->msg + strlen(name));
		else
			berth_error_set(err, BERTH_E_CONFIG, "%s: %s", path, e->msg);
		berth_error_free(&e);
		return -BERTH_E_CONFIG;
	}
	c->files = berth_xrealloc(c->files, (c->nfiles + 1) * sizeof(*c->files));
	c->files[c->nfiles++] = berth_xstrdup(path);
	return berth_conf_parse(c, path, text, len, err);
}

static void
names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* A directory of the configuration, checked (berth_file_dir_open_config).
 * \return its descriptor; -ENOENT when it does not exist (no error: nothing to read); or
 *         -BERTH_E_CONFIG with err set */
static int
open_dir(const char *path, berth_error_t *err)
{
	berth_error_t e = NULL;
	int fd = berth_file_dir_open_config(path, &e);

	if (fd >= 0 || fd == -ENOENT) {
		berth_error_free(&e);
		return fd;
	}
	berth_error_set(err, BERTH_E_CONFIG, "%s", e->msg);
	berth_error_free(&e);
	return -BERTH_E_CONFIG;
}

/* conf.d's *.conf, in name order */
static int
read_conf_d(struct berth_conf *c, berth_error_t *err)
{
	cleanup_free char *path = berth_xasprintf("%s/conf.d", c->dir);
	char **names = NULL;
	size_t n = 0, i;
	int fd, ret = 0;
	DIR *dir;
	struct dirent *de;

	fd = open_dir(path, err);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return fd;
	dir = fdopendir(dup(fd));
	if (dir == NULL) {
		close(fd);
		return berth_error_set(err, BERTH_E_CONFIG, "cannot list %s: %s", path, strerror(errno));
	}
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		if (n == BERTH_CONF_FILES_MAX) {
			ret = berth_error_set(err, BERTH_E_CONFIG, "%s holds more than %d files named *.conf", path,
					      BERTH_CONF_FILES_MAX);
			break;
		}
		names = berth_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = berth_xstrdup(de->d_name);
	}
	closedir(dir);
	if (ret == 0)
		berth_strs_sort((const char **)names, n);
	for (i = 0; ret == 0 && i < n; i++) {
		cleanup_free char *file = berth_xasprintf("%s/%s", path, names[i]);

		ret = read_file(c, fd, names[i], file, false, err);
	}
	names_free(names, n);
	close(fd);
	return ret;
}

int
berth_conf_load(const char *dir, struct berth_conf **out, berth_error_t *err)
{
	struct berth_conf *c = berth_conf_new(dir);
	cleanup_free char *main_path = berth_xasprintf("%s/berth.conf", dir);
	int fd, ret;

	*out = c;
	fd = open_dir(dir, err);
	if (fd == -ENOENT)
		return 0;
	if (fd < 0) {
		c->broken = true;
		return fd;
	}
	ret = read_file(c, fd, "berth.conf", main_path, true, err);
	close(fd);
	if (ret == 0)
		ret = read_conf_d(c, err);
	if (c->nfiles > 0) {
		char hex[65];

		berth_digest_hex(&c->digest, hex);
		snprintf(c->checksum, sizeof(c->checksum), "%.16s", hex);
	}
	if (ret < 0)
		c->broken = true;
	return ret;
}

const struct berth_conf_setting *
berth_conf_lookup(const struct berth_conf *c, const char *instance, const char *key, bool *wins)
{
	const struct berth_conf_setting *dflt = NULL, *own = NULL;
	cleanup_free char *base = NULL;
	size_t i;

	*wins = false;
	if (c == NULL || c->broken)
		return NULL;
	/* "rsc:2" and "rsc" are the same resource */
	base = berth_xstrndup(instance ? instance : "", strcspn(instance ? instance : "", ":"));
	for (i = 0; i < c->n; i++) {
		const struct berth_conf_setting *s = &c->settings[i];

		if (strcmp(s->key, key) != 0)
			continue;
		if (s->glob == NULL)
			dflt = s;
		else if (fnmatch(s->glob, base, 0) == 0)
			own = s;
	}
	*wins = own != NULL;
	return own ? own : dflt;
}

const char *
berth_conf_checksum(const struct berth_conf *c)
{
	return c ? c->checksum : "none";
}

const char *
berth_conf_attribute_value(const struct berth_conf *c)
{
	return c != NULL && c->broken ? "invalid" : berth_conf_checksum(c);
}

/* The Pacemaker executor that runs this agent, as "PID-STARTTICKS": its parent when that is
 * pacemaker-execd (a cluster node) or pacemaker-remoted (a remote node, a bundle's container;
 * its command name is cut to 15 bytes); "-" for any other (crm_resource, a run by hand, a test).
 * The attribute lives as long as the node's Pacemaker ("-l reboot"): another executor than the
 * one that last published it (Pacemaker restarted) has none, and is told at its first monitor
 * rather than PUBLISH_AGAIN later. */
static void
executor_of_this_run(char *buf, size_t len)
{
	long parent = (long)getppid();
	char name[16];
	unsigned long long start;

	/* (one read of /proc: this runs after every monitor) */
	if (berth_process_stat(parent, name, &start) &&
	    (strcmp(name, "pacemaker-execd") == 0 || strcmp(name, "pacemaker-remot") == 0))
		snprintf(buf, len, "%ld-%llu", parent, start);
	else
		snprintf(buf, len, "-");
}

void
berth_conf_publish(const struct berth_conf *c, const struct berth_deadline *d)
{
	const char *value = berth_conf_attribute_value(c);
	const char *node = berth_ocf_getenv("OCF_RESKEY_CRM_meta_on_node");
	char note[200], last[80] = "", status[16] = "", by[48] = "", executor[48], line[200];
	char *argv[10];
	long long when = 0, now = (long long)time(NULL);
	berth_error_t err = NULL;
	bool had = false, deleting;
	int i = 0;

	executor_of_this_run(executor, sizeof(executor));
	if (berth_state_note_load(NOTE, note, sizeof(note)) == 1)
		had = sscanf(note, "%79s %15s %lld %47s", last, status, &when, by) >= 3;
	/* nothing to say, and nothing said before */
	if (!had && strcmp(value, "none") == 0)
		return;
	if (had && strcmp(last, value) == 0 && (strcmp(executor, "-") == 0 || strcmp(by, executor) == 0) &&
	    (strcmp(status, "ok") == 0 ? now - when < PUBLISH_AGAIN && now >= when : now - when < RETRY_AFTER))
		return;
	/* not when so little time is left that the action's answer could be late */
	if (berth_deadline_left_ms(d) < 2 * BERTH_CONF_PUBLISH_MS)
		return;
	deleting = strcmp(value, "none") == 0;
	argv[i++] = (char *)berth_tool_path(BERTH_HOOK_CRM_ATTRIBUTE, "/usr/sbin/crm_attribute");
	if (node != NULL) {
		/* the node Pacemaker runs the action for: crm_attribute need not ask the cluster */
		argv[i++] = (char *)"-N";
		argv[i++] = (char *)node;
	}
	argv[i++] = (char *)"-n";
	argv[i++] = (char *)BERTH_CONF_ATTRIBUTE;
	argv[i++] = (char *)"-l";
	argv[i++] = (char *)"reboot";
	argv[i++] = (char *)(deleting ? "-D" : "-v");
	if (!deleting)
		argv[i++] = (char *)value;
	argv[i] = NULL;
	if (berth_tool_run(argv, "crm_attribute -n " BERTH_CONF_ATTRIBUTE, d, BERTH_CONF_PUBLISH_MS, &err) < 0) {
		berth_log_info("node attribute %s=%s not published (tried again in %d s): %s", BERTH_CONF_ATTRIBUTE,
			       value, RETRY_AFTER, err->msg);
		berth_error_free(&err);
		snprintf(line, sizeof(line), "%s failed %lld %s\n", value, now, executor);
	} else {
		berth_log_info("node attribute %s=%s published", BERTH_CONF_ATTRIBUTE, value);
		snprintf(line, sizeof(line), "%s ok %lld %s\n", value, now, executor);
	}
	if (berth_state_note_save(NOTE, line, &err) < 0) {
		berth_log_warn("%s", err->msg);
		berth_error_free(&err);
	}
}
