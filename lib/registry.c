/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: registry credentials for image pulls, found as the docker CLI finds them. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "alloc.h"
#include "file.h"
#include "json.h"
#include "log.h"
#include "ocf.h"
#include "registry.h"
#include "spawn.h"

#define FILE_MAX     (1024 * 1024) /* a credential file is a few KiB */
#define HELPER_CAP   30000L        /* one helper call, below the operation's deadline */
#define HELPER_OUT   (64 * 1024)   /* a helper's answer is one small JSON object */
#define JSON_DEPTH   32
#define HELPER_NAME  64
#define HELPER_PREFX "docker-credential-"
#define AUTH_HEADER  "X-Registry-Auth: "

/* ---- secrets in memory ---- */

/* Zero a secret before its memory goes back to the allocator. */
static void
secret_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

void
berth_registry_header_free(char *header)
{
	secret_free(header);
}

void
berth_registry_auth_release(struct berth_registry_auth *auth)
{
	if (auth == NULL)
		return;
	secret_free(auth->password);
	secret_free(auth->identitytoken);
	free(auth->username);
	free(auth->key);
	free(auth->source);
	free(auth->searched);
	memset(auth, 0, sizeof(*auth));
}

bool
berth_registry_auth_found(const struct berth_registry_auth *auth)
{
	return auth->password != NULL || auth->identitytoken != NULL;
}

/* ---- base64 ---- */

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decode standard or URL-safe base64, padding optional. \return malloc'd text, NULL if malformed */
static char *
b64_decode(const char *in)
{
	size_t n = strlen(in), i, o = 0;
	unsigned int acc = 0;
	int bits = 0;
	char *out;

	while (n > 0 && in[n - 1] == '=')
		n--;
	out = berth_xcalloc(1, n * 3 / 4 + 1); /* zeroed: secret_free may run on a half-decoded buffer */
	for (i = 0; i < n; i++) {
		int v = b64_value((unsigned char)in[i]);

		if (v < 0) {
			secret_free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[o] = '\0';
	if (bits >= 6 || memchr(out, '\0', o) != NULL) { /* a dangling character, or a NUL inside */
		explicit_bzero(out, o);
		free(out);
		return NULL;
	}
	return out;
}

/* Encode as base64url with padding, as the docker CLI encodes X-Registry-Auth. \return malloc'd */
static char *
b64url_encode(const unsigned char *in, size_t n)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *out = berth_xmalloc((n + 2) / 3 * 4 + 1);
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned long v = ((unsigned long)in[i] << 16) | ((unsigned long)in[i + 1] << 8) | in[i + 2];
		out[o++] = abc[(v >> 18) & 63];
		out[o++] = abc[(v >> 12) & 63];
		out[o++] = abc[(v >> 6) & 63];
		out[o++] = abc[v & 63];
	}
	if (i < n) {
		unsigned long v = (unsigned long)in[i] << 16;

		if (i + 1 < n)
			v |= (unsigned long)in[i + 1] << 8;
		out[o++] = abc[(v >> 18) & 63];
		out[o++] = abc[(v >> 12) & 63];
		out[o++] = i + 1 < n ? abc[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return out;
}

/* ---- registries and keys ---- */

/* Docker Hub's spellings in credential files. */
static bool
hub_alias(const char *host, size_t n)
{
	static const char *const names[] = { "docker.io", "index.docker.io", "registry-1.docker.io", NULL };
	int i;

	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == n && strncasecmp(host, names[i], n) == 0)
			return true;
	return false;
}

/* The image's registry host ("docker.io" for Docker Hub, whatever its spelling) and repository
 * path without tag or digest ("library/nginx" for "nginx"). */
static void
image_parts(const char *image, char **host, char **repo)
{
	cleanup_free char *name = berth_xstrndup(image, strcspn(image, "@"));
	char *slash = strchr(name, '/'), *last = strrchr(name, '/'), *colon;
	size_t n = slash ? (size_t)(slash - name) : 0;

	/* A ':' after the last '/' starts the tag; one before it is a registry's port. */
	colon = strrchr(last ? last : name, ':');
	if (colon != NULL)
		*colon = '\0';
	if (slash != NULL &&
	    (memchr(name, '.', n) || memchr(name, ':', n) || (n == 9 && !strncmp(name, "localhost", 9))) &&
	    !hub_alias(name, n)) {
		*host = berth_xstrndup(name, n);
		*repo = berth_xstrdup(slash + 1);
		return;
	}
	*host = berth_xstrdup("docker.io");
	if (slash != NULL && hub_alias(name, n))
		*repo = strchr(slash + 1, '/') ? berth_xstrdup(slash + 1) : berth_xasprintf("library/%s", slash + 1);
	else
		*repo = slash ? berth_xstrdup(name) : berth_xasprintf("library/%s", name);
}

char *
berth_registry_key(const char *image)
{
	char *host, *repo;

	image_parts(image, &host, &repo);
	free(repo);
	if (strcmp(host, "docker.io") == 0) {
		free(host);
		return berth_xstrdup(BERTH_REGISTRY_HUB_KEY);
	}
	return host;
}

/* How well a key of the file names the image's registry: -1 not at all, 1 the registry, more for
 * a longer namespace (podman's "registry/namespace" keys; the most specific wins). A key with a
 * scheme is a URL, and only its host counts, as in the docker CLI ("https://index.docker.io/v1/").
 */
static long
key_match(const char *key, const char *host, const char *repo)
{
	bool url = false;
	size_t n, ns_len;
	const char *ns;

	if (strncasecmp(key, "https://", 8) == 0) {
		key += 8;
		url = true;
	} else if (strncasecmp(key, "http://", 7) == 0) {
		key += 7;
		url = true;
	}
	n = strcspn(key, "/");
	if (hub_alias(key, n) ? strcmp(host, "docker.io") != 0 : strlen(host) != n || strncasecmp(key, host, n) != 0)
		return -1;
	ns = key + n;
	while (*ns == '/')
		ns++;
	ns_len = strlen(ns);
	while (ns_len > 0 && ns[ns_len - 1] == '/')
		ns_len--;
	if (url || ns_len == 0)
		return 1;
	if (strncmp(repo, ns, ns_len) == 0 && (repo[ns_len] == '\0' || repo[ns_len] == '/'))
		return 2 + (long)ns_len;
	return -1;
}

/* The member of obj (an object of registry keys) that names the image's registry best. */
static json_object *
best_entry(json_object *obj, const char *host, const char *repo, json_type type)
{
	json_object *best = NULL;
	long best_score = 0;

	if (obj == NULL || !json_object_is_type(obj, json_type_object))
		return NULL;
	json_object_object_foreach(obj, k, v)
	{
		long score = key_match(k, host, repo);

		if (score > best_score && json_object_is_type(v, type)) {
			best = v;
			best_score = score;
		}
	}
	return best;
}

/* ---- the file ---- */

char *
berth_registry_config_path(const char *authfile)
{
	const char *dir = berth_ocf_getenv("DOCKER_CONFIG"), *home;
	struct passwd *pw;

	if (authfile != NULL)
		return berth_xstrdup(authfile);
	if (dir != NULL)
		return berth_xasprintf("%s/config.json", dir);
	home = berth_ocf_getenv("HOME");
	if (home == NULL && (pw = getpwuid(geteuid())) != NULL)
		home = pw->pw_dir;
	return berth_xasprintf("%s/.docker/config.json", home ? home : "/root");
}

/* Zero every string of a parsed credential document (auth, password, identitytoken, a helper's
 * Secret), then release it. json-c hands out its strings as const, but they are the object's own
 * memory, and zeroing them before it goes back to the allocator is all this changes. What json-c
 * keeps elsewhere cannot be reached: its tokener's buffer, which holds the last string parsed,
 * is freed by json_tokener_free without zeroing. Member names (registry keys) are not secret. */
static void
json_wipe(json_object *o)
{
	size_t i;

	switch (json_object_get_type(o)) {
	case json_type_string:
		explicit_bzero((char *)json_object_get_string(o), (size_t)json_object_get_string_len(o));
		break;
	case json_type_array:
		for (i = 0; i < json_object_array_length(o); i++)
			json_wipe(json_object_array_get_idx(o, i));
		break;
	case json_type_object: {
		json_object_object_foreach(o, k, v)
		{
			(void)k;
			json_wipe(v);
		}
		break;
	}
	default: break;
	}
}

static void
json_wipe_put(json_object *o)
{
	if (o == NULL)
		return;
	json_wipe(o);
	json_object_put(o);
}
BERTH_DEFINE_CLEANUP(secret_json, json_object *, json_wipe_put)

/* Parse text (zeroed here once parsed) as one JSON object. \return it, or NULL */
static json_object *
parse_secret_json(char *text, size_t len)
{
	json_tokener *tok = berth_nonnull(json_tokener_new_ex(JSON_DEPTH));
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);

	if (json_tokener_get_error(tok) != json_tokener_success || !json_object_is_type(root, json_type_object)) {
		json_wipe_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	explicit_bzero(text, len);
	return root;
}

/* Read and parse the credential file with the one reader (file.h): a FIFO, a device or anything
 * but a regular file of at most FILE_MAX bytes fails at once, saying what it is. *root stays
 * NULL when a default file is absent. */
static int
load_file(const char *path, bool required, json_object **root, berth_error_t *err)
{
	berth_error_t read_err = NULL;
	char *text = NULL;
	size_t len = 0;
	int ret;

	*root = NULL;
	ret = berth_file_read(AT_FDCWD, path, 0, FILE_MAX, &text, &len, &read_err);
	if (ret == -ENOENT && !required) {
		berth_error_free(&read_err);
		return 0;
	}
	if (ret < 0) {
		ret = berth_error_set(err, ret == -EINVAL || ret == -EFBIG ? BERTH_E_FAILED : -ret,
				      "cannot read the credential file: %s", read_err->msg);
		berth_error_free(&read_err);
		return ret;
	}
	*root = parse_secret_json(text, len);
	free(text);
	if (*root == NULL) /* the parser's message could quote the file: say nothing of its text */
		return berth_error_set(err, BERTH_E_FAILED, "the credential file %s is not a JSON object", path);
	return 0;
}

/* Take the credentials of an "auths" entry. \return 1 found, 0 the entry holds none, <0 error */
static int
from_entry(json_object *entry, const char *path, struct berth_registry_auth *auth, berth_error_t *err)
{
	const char *token = berth_json_str(entry, "identitytoken");
	const char *b64 = berth_json_str(entry, "auth");
	const char *user = berth_json_str(entry, "username"), *pass = berth_json_str(entry, "password");

	if (token != NULL && token[0] != '\0') {
		auth->identitytoken = berth_xstrdup(token);
	} else if (b64 != NULL && b64[0] != '\0') {
		char *plain = b64_decode(b64), *colon = plain ? strchr(plain, ':') : NULL;

		if (colon == NULL) {
			secret_free(plain);
			return berth_error_set(err, BERTH_E_FAILED,
					       "the \"auth\" of %s in %s is not the base64 of user:password", auth->key,
					       path);
		}
		auth->username = berth_xstrndup(plain, (size_t)(colon - plain));
		auth->password = berth_xstrdup(colon + 1);
		secret_free(plain);
	} else if (user != NULL && pass != NULL && pass[0] != '\0') {
		auth->username = berth_xstrdup(user);
		auth->password = berth_xstrdup(pass);
	} else {
		return 0;
	}
	auth->source = berth_xasprintf("\"auths\" in %s", path);
	return 1;
}

/* ---- credential helpers ---- */

static bool
helper_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > HELPER_NAME)
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z') && !(s[i] >= 'A' && s[i] <= 'Z') && !(s[i] >= '0' && s[i] <= '9') &&
		    !strchr("._-", s[i]))
			return false;
	return true;
}

/* Run "<prog> get" with the key on its stdin (spawn.h); its stdout in r, wiped on release.
 * stderr is read and dropped: it must not reach Pacemaker (berth's stderr carries the exit
 * reason) and it may hold secrets. */
static int
spawn_get(const char *prog, const char *what, const char *key, const struct berth_deadline *d,
	  struct berth_spawn_result *r, berth_error_t *err)
{
	char *argv[] = { (char *)prog, (char *)"get", NULL };
	struct berth_spawn s = {
		.argv = argv,
		.what = what,
		.input = key,
		.out_max = HELPER_OUT,
		.secret = true,
		.timeout_ms = berth_deadline_call_ms(d, HELPER_CAP),
	};
	int ret;

	ret = berth_spawn_run(&s, r, err);
	if (ret < 0 && ret != -BERTH_E_TIMEDOUT && err != NULL && *err != NULL) {
		cleanup_free char *msg = berth_xstrdup((*err)->msg);
		int cause = (*err)->cause;

		berth_error_free(err);
		return berth_error_set(err, cause, "%s (is it installed and on PATH?)", msg);
	}
	if (ret < 0)
		return ret;
	if (r->err_seen > 0)
		berth_log_debug("%s wrote %zu bytes to stderr (not logged: they may hold secrets)", what, r->err_seen);
	return 0;
}

/* Ask a credential helper. \return 1 found, 0 it has none for the registry, <0 error */
static int
from_helper(const char *helper, const char *where, const struct berth_deadline *d, struct berth_registry_auth *auth,
	    berth_error_t *err)
{
	cleanup_free char *prog = NULL, *what = NULL;
	berth_cleanup(secret_json) json_object *answer = NULL;
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	const char *user, *secret;
	int ret;

	if (!helper_name_ok(helper))
		return berth_error_set(err, BERTH_E_FAILED,
				       "%s names the credential helper \"%.64s\", which is not a helper name (letters, "
				       "digits, '.', '_', '-')",
				       where, helper);
	prog = berth_xasprintf(HELPER_PREFX "%s", helper);
	what = berth_xasprintf("credential helper %s (%s)", prog, where);
	free(auth->searched);
	auth->searched = berth_xstrdup(what);
	if ((ret = spawn_get(prog, what, auth->key, d, &r, err)) < 0)
		return ret;
	if (!r.exited || r.status != 0) {
		/* docker-credential-helpers' answer for an unknown registry (client.ErrCredentialsNotFound). */
		if (r.exited && strstr(r.out, "credentials not found") != NULL)
			return 0;
		return berth_error_set(err, BERTH_E_FAILED,
				       "%s failed for registry %s (%s %d); its output is not shown because it may hold "
				       "secrets: run it by hand (echo %s | %s get)",
				       what, auth->key, r.exited ? "exit" : "signal",
				       r.exited ? r.status : r.status - 128, auth->key, prog);
	}
	answer = parse_secret_json(r.out, r.out_len); /* zeroes r.out; r is wiped on release too */
	berth_spawn_result_release(&r);
	user = berth_json_str(answer, "Username");
	secret = berth_json_str(answer, "Secret");
	if (secret == NULL || secret[0] == '\0')
		return berth_error_set(err, BERTH_E_FAILED,
				       "%s answered for registry %s without a Secret (not shown: it may hold secrets)",
				       what, auth->key);
	if (user != NULL && strcmp(user, "<token>") == 0) {
		auth->identitytoken = berth_xstrdup(secret);
	} else {
		auth->username = berth_xstrdup(user ? user : "");
		auth->password = berth_xstrdup(secret);
	}
	auth->source = berth_xstrdup(what);
	return 1;
}

/* ---- the lookup ---- */

int
berth_registry_lookup(const char *image, const char *authfile, const struct berth_deadline *d,
		      struct berth_registry_auth *auth, berth_error_t *err)
{
	cleanup_free char *path = berth_registry_config_path(authfile);
	cleanup_free char *host = NULL, *repo = NULL, *where = NULL;
	berth_cleanup(secret_json) json_object *root = NULL;
	json_object *helpers, *v, *store;
	int ret;

	memset(auth, 0, sizeof(*auth));
	auth->key = berth_registry_key(image);
	image_parts(image, &host, &repo);
	if ((ret = load_file(path, authfile != NULL, &root, err)) < 0)
		return ret;
	if (root == NULL) {
		auth->searched = berth_xasprintf("%s (absent)", path);
		return 0;
	}
	auth->searched = berth_xstrdup(path);
	/* docker's order: the helper named for this registry, the default helper, the file. */
	helpers = berth_json_get(root, "credHelpers");
	if ((v = best_entry(helpers, host, repo, json_type_string)) != NULL) {
		where = berth_xasprintf("\"credHelpers\" in %s", path);
		ret = from_helper(json_object_get_string(v), where, d, auth, err);
	} else if ((store = berth_json_typed(root, "credsStore", json_type_string)) != NULL &&
		   json_object_get_string_len(store) > 0) {
		where = berth_xasprintf("\"credsStore\" in %s", path);
		ret = from_helper(json_object_get_string(store), where, d, auth, err);
	} else {
		v = best_entry(berth_json_get(root, "auths"), host, repo, json_type_object);
		ret = v ? from_entry(v, path, auth, err) : 0;
	}
	if (ret < 0)
		return ret;
	if (ret > 0)
		berth_log_info("using the credentials for registry %s from %s", auth->key, auth->source);
	else
		berth_log_debug("no credentials for registry %s in %s", auth->key, auth->searched);
	return 0;
}

/* ---- the header ---- */

/* Append "name":"value" (value JSON-escaped) at out + *n; out has room for json_member_max. */
static void
json_member(char *out, size_t *n, const char *name, const char *value)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = *n;

	if (o > 1) /* not the first member after '{' */
		out[o++] = ',';
	out[o++] = '"';
	memcpy(out + o, name, strlen(name));
	o += strlen(name);
	memcpy(out + o, "\":\"", 3);
	o += 3;
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p == '"' || *p == '\\') {
			out[o++] = '\\';
			out[o++] = (char)*p;
		} else if (*p < 0x20 || *p == 0x7f) {
			memcpy(out + o, "\\u00", 4);
			o += 4;
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		} else {
			out[o++] = (char)*p;
		}
	}
	out[o++] = '"';
	out[o] = '\0';
	*n = o;
}

/* The room json_member needs at most: quotes, separators and every byte escaped as \u00XX. */
static size_t
json_member_max(const char *name, const char *value)
{
	return strlen(name) + 6 * strlen(value) + 8;
}

char *
berth_registry_header(const struct berth_registry_auth *auth)
{
	const char *user = auth->username ? auth->username : "";
	char *text, *b64, *line;
	size_t cap, n = 0;

	if (!berth_registry_auth_found(auth))
		return NULL;
	/* The JSON is written by hand into one buffer of its final size: json-c's printer grows its
	 * buffer as it goes, and the copies it outgrows go back to the allocator unzeroed. */
	cap = 3 + json_member_max("serveraddress", auth->key) +
	      (auth->identitytoken != NULL
		       ? json_member_max("identitytoken", auth->identitytoken)
		       : json_member_max("username", user) + json_member_max("password", auth->password));
	text = berth_xmalloc(cap);
	text[n++] = '{';
	if (auth->identitytoken != NULL) {
		json_member(text, &n, "identitytoken", auth->identitytoken);
	} else {
		json_member(text, &n, "username", user);
		json_member(text, &n, "password", auth->password);
	}
	json_member(text, &n, "serveraddress", auth->key);
	text[n++] = '}';
	text[n] = '\0';
	b64 = b64url_encode((const unsigned char *)text, n);
	explicit_bzero(text, cap);
	free(text);
	/* Put together by hand too: a printf may grow its buffer and free the copies it outgrew
	 * without zeroing them. */
	line = berth_xmalloc(sizeof(AUTH_HEADER) + strlen(b64));
	memcpy(line, AUTH_HEADER, sizeof(AUTH_HEADER) - 1);
	memcpy(line + sizeof(AUTH_HEADER) - 1, b64, strlen(b64) + 1);
	secret_free(b64);
	return line;
}
