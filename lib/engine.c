/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: HTTP to the Docker Engine API over its unix socket (libcurl). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "deadline.h"
#include "engine.h"
#include "json.h"
#include "log.h"

#define TAIL_KEEP (64u * 1024)

struct berth_engine {
	char *socket_path;
	CURL *curl;           /* reused: keep-alive across the calls of one action */
	char api_version[16]; /* "1.41", or what the daemon asked for */
	bool negotiated;      /* already retried once with the daemon's version */
	char server[80];      /* the Server header of the last answer ("Docker/20.10.24 (linux)") */
};

struct sink {
	struct berth_buf body;
	bool keep_tail;
	bool too_big;
	CURL *curl;                           /* to read the status once the body starts */
	const struct berth_engine_opts *opts; /* the reader of 2xx bodies, if any */
	int streaming;                        /* 0 not known yet, 1 the reader gets the body, -1 not */
	bool reader_stopped;
};

static void
sink_release(struct sink *s)
{
	berth_buf_release(&s->body);
}
BERTH_DEFINE_CLEANUP_STRUCT(sink, struct sink, sink_release)
/* The extra headers may hold a secret (X-Registry-Auth): curl_slist_append copies each one, and
 * those copies are berth's to zero before curl frees the list. curl also writes the headers into
 * the request it assembles and sends; it frees that buffer without zeroing it, and berth cannot
 * reach it (curl offers no hook for it). */
static void
headers_free(struct curl_slist *list)
{
	for (struct curl_slist *l = list; l != NULL; l = l->next)
		if (l->data != NULL)
			explicit_bzero(l->data, strlen(l->data));
	curl_slist_free_all(list);
}
BERTH_DEFINE_CLEANUP(slist, struct curl_slist *, headers_free)

static size_t
sink_write(char *data, size_t size, size_t nmemb, void *userp)
{
	struct sink *s = userp;
	size_t n = size * nmemb;

	if (s->streaming == 0) {
		long status = 0;

		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
		s->streaming = s->opts != NULL && s->opts->on_body != NULL && status >= 200 && status < 300 ? 1 : -1;
	}
	if (s->streaming > 0 && n > 0 && s->opts->on_body(data, n, s->opts->arg) != 0) {
		s->reader_stopped = true;
		return 0;
	}
	if (s->keep_tail) {
		/* Streams (image pulls) can be long; only their last lines matter. */
		if (n >= TAIL_KEEP) {
			data += n - TAIL_KEEP;
			n = TAIL_KEEP;
			berth_buf_drop_front(&s->body, s->body.len);
		} else if (s->body.len + n > TAIL_KEEP) {
			berth_buf_drop_front(&s->body, s->body.len + n - TAIL_KEEP);
		}
	} else if (s->body.len + n > BERTH_ENGINE_MAX_BODY) {
		s->too_big = true;
		return 0; /* makes curl fail the transfer with CURLE_WRITE_ERROR */
	}
	berth_buf_add(&s->body, data, n);
	return size * nmemb;
}

/* Keep the Server header of each answer: it says which engine answers (dockerd "Docker/VERSION
 * (linux)", podman "Libpod/VERSION (linux)"), so berth needs no GET /version to tell them apart.
 * Only printable ASCII is kept, for the log. */
static size_t
header_line(char *data, size_t size, size_t nmemb, void *userp)
{
	struct berth_engine *e = userp;
	size_t n = size * nmemb, i = 7, end = n, k = 0;

	if (n < 7 || strncasecmp(data, "Server:", 7) != 0)
		return n;
	while (i < end && (data[i] == ' ' || data[i] == '\t'))
		i++;
	while (end > i && (data[end - 1] == '\r' || data[end - 1] == '\n' || data[end - 1] == ' '))
		end--;
	for (; i < end && k < sizeof(e->server) - 1; i++, k++)
		e->server[k] = isprint((unsigned char)data[i]) && (unsigned char)data[i] < 0x80 ? data[i] : '?';
	e->server[k] = '\0';
	return n;
}

/* Parse "X.Y" into a comparable number (major * 1000 + minor). -1 if malformed. */
static int
api_version_num(const char *s)
{
	char *end = NULL;
	long major, minor;

	/* strtol, not sscanf("%d"): the daemon's text may hold any number of digits. */
	if (!isdigit((unsigned char)s[0]))
		return -1;
	major = strtol(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -1;
	minor = strtol(end + 1, &end, 10);
	if (*end != '\0' || major > 99 || minor > 999)
		return -1;
	return (int)(major * 1000 + minor);
}

struct berth_engine *
berth_engine_new(const char *socket_path)
{
	static bool curl_ready;
	struct berth_engine *e;

	if (!curl_ready) {
		/* No TLS is ever used, but libcurl >= 7.57 initialises OpenSSL whatever the flags say,
		 * and OpenSSL then parses /etc/ssl/openssl.cnf: about 5 % of a monitor's instructions
		 * (docs/benchmark.md). Point it at nothing for the duration of the init, unless the
		 * admin set a configuration on purpose; children (crm_attribute) do not inherit it. */
		bool conf_unset = getenv("OPENSSL_CONF") == NULL;
		CURLcode rc;

		if (conf_unset)
			setenv("OPENSSL_CONF", "/dev/null", 1);
		rc = curl_global_init(CURL_GLOBAL_NOTHING);
		if (conf_unset)
			unsetenv("OPENSSL_CONF");
		if (rc != CURLE_OK)
			return NULL;
		curl_ready = true;
	}
	e = berth_xcalloc(1, sizeof(*e));
	e->socket_path = berth_xstrdup(socket_path);
	e->curl = berth_nonnull(curl_easy_init());
	snprintf(e->api_version, sizeof(e->api_version), "%s", BERTH_ENGINE_API_VERSION);
	return e;
}

void
berth_engine_free(struct berth_engine *e)
{
	if (e == NULL)
		return;
	if (e->curl)
		curl_easy_cleanup(e->curl);
	free(e->socket_path);
	free(e);
}

const char *
berth_engine_socket(const struct berth_engine *e)
{
	return e->socket_path;
}

void
berth_engine_api_version(const struct berth_engine *e, int *major, int *minor)
{
	int v = api_version_num(e->api_version);

	*major = v / 1000;
	*minor = v % 1000;
}

void
berth_response_release(struct berth_response *resp)
{
	if (resp == NULL)
		return;
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
	resp->status = 0;
}

/* Docker answers a client version it cannot serve with 400 and one of:
 *   "client version 1.41 is too new. Maximum supported API version is 1.40"
 *   "client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade ..."
 * Return the version the daemon names, or NULL when the body is not such an answer. */
static char *
version_hint(const struct berth_response *resp)
{
	static const char *const marks[] = { "Maximum supported API version is ", "Minimum supported API version is ",
					     NULL };
	char *msg = berth_response_message(resp), *hint = NULL;
	int i;

	if (msg == NULL)
		return NULL;
	for (i = 0; marks[i] && hint == NULL; i++) {
		const char *p = strstr(msg, marks[i]);
		size_t n = 0;

		if (p == NULL)
			continue;
		p += strlen(marks[i]);
		while (n < 10 && (isdigit((unsigned char)p[n]) || p[n] == '.'))
			n++;
		while (n > 0 && p[n - 1] == '.')
			n--;
		if (n > 0)
			hint = berth_xstrndup(p, n);
	}
	free(msg);
	return hint;
}

static int
curl_failure(struct berth_engine *e, CURLcode rc, const struct sink *sink, const char *method, const char *path,
	     long timeout_ms, berth_error_t *err)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
		return berth_error_set(err, BERTH_E_UNREACHABLE,
				       "cannot connect to the Docker daemon at %s (%s): is dockerd running?",
				       e->socket_path, curl_easy_strerror(rc));
	case CURLE_OPERATION_TIMEDOUT:
		return berth_error_set(err, BERTH_E_TIMEDOUT,
				       "the Docker daemon at %s did not answer %s %s within %ld ms", e->socket_path,
				       method, path, timeout_ms);
	case CURLE_WRITE_ERROR:
		if (sink->reader_stopped)
			return berth_error_set(err, BERTH_E_PROTOCOL, "the answer to %s %s was not what berth reads",
					       method, path);
		if (sink->too_big)
			return berth_error_set(err, BERTH_E_TOOBIG,
					       "the Docker daemon's answer to %s %s exceeded %u bytes", method, path,
					       BERTH_ENGINE_MAX_BODY);
		return berth_error_set(err, BERTH_E_PROTOCOL, "cannot read the answer to %s %s", method, path);
	default:
		return berth_error_set(err, BERTH_E_PROTOCOL, "broken answer from the Docker daemon at %s to %s %s: %s",
				       e->socket_path, method, path, curl_easy_strerror(rc));
	}
}

/* Only plain HTTP, on every libcurl berth builds with. CURLOPT_PROTOCOLS_STR came in 7.85, which
 * deprecated the bitmask CURLOPT_PROTOCOLS (7.87 warns about it): the bitmask only before 7.85, or
 * in the compatibility build (configure --enable-compat-fallbacks), which runs this branch on a
 * newer libcurl with its deprecation warnings off. */
static CURLcode
restrict_to_http(CURL *c)
{
#if LIBCURL_VERSION_NUM >= 0x075500 && !defined(BERTH_FORCE_OLD_CURL)
	return curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
#else
	return curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTP);
#endif
}

static int
request_once(struct berth_engine *e, const char *method, const char *path, const char *body, long timeout_ms, int flags,
	     const struct berth_engine_opts *opts, struct berth_response *resp, berth_error_t *err)
{
	berth_cleanup(
		sink) struct sink sink = { .keep_tail = flags & BERTH_ENGINE_KEEP_TAIL, .curl = e->curl, .opts = opts };
	berth_cleanup(slist) struct curl_slist *headers = NULL;
	cleanup_free char *url = NULL;
	CURL *c = e->curl;
	CURLcode rc;
	long long t0 = berth_now_ms();

	url = berth_xasprintf("http://docker/v%s%s", e->api_version, path);
	curl_easy_reset(c);
	/* Without these two, the request would go over TCP to a host named "docker", or follow
	 * another scheme: refuse to send it at all. */
	if ((rc = curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, e->socket_path)) != CURLE_OK ||
	    (rc = restrict_to_http(c)) != CURLE_OK)
		return berth_error_set(err, BERTH_E_FAILED,
				       "libcurl %s cannot confine the request to HTTP on %s (%s): nothing was sent",
				       curl_version_info(CURLVERSION_NOW)->version, e->socket_path,
				       curl_easy_strerror(rc));
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_line);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, e);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	headers = berth_nonnull(curl_slist_append(headers, "Expect:"));
	for (size_t i = 0; opts != NULL && opts->headers != NULL && opts->headers[i] != NULL; i++)
		headers = berth_nonnull(curl_slist_append(headers, opts->headers[i]));
	if (body != NULL) {
		headers = berth_nonnull(curl_slist_append(headers, "Content-Type: application/json"));
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L);
	} else if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		int ret = curl_failure(e, rc, &sink, method, path, timeout_ms, err);

		berth_log_debug("engine %s %s failed after %lld ms: %s", method, path, berth_now_ms() - t0,
				curl_easy_strerror(rc));
		return ret;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
	resp->len = sink.body.len;
	resp->body = berth_buf_steal(&sink.body);
	berth_log_debug("engine %s %s -> %ld (%zu bytes, %lld ms)", method, path, resp->status, resp->len,
			berth_now_ms() - t0);
	return 0;
}

int
berth_engine_request(struct berth_engine *e, const char *method, const char *path, const char *body, long timeout_ms,
		     int flags, struct berth_response *resp, berth_error_t *err)
{
	return berth_engine_request_ex(e, method, path, body, timeout_ms, flags, NULL, resp, err);
}

int
berth_engine_request_ex(struct berth_engine *e, const char *method, const char *path, const char *body, long timeout_ms,
			int flags, const struct berth_engine_opts *opts, struct berth_response *resp,
			berth_error_t *err)
{
	long long t0 = berth_now_ms();
	char *hint;
	int ret;

	memset(resp, 0, sizeof(*resp));
	if (timeout_ms <= 0)
		return berth_error_set(err, BERTH_E_TIMEDOUT, "no time left for %s %s before the operation's timeout",
				       method, path);
	ret = request_once(e, method, path, body, timeout_ms, flags, opts, resp, err);
	if (ret < 0 || resp->status != 400 || e->negotiated)
		return ret;

	/* A daemon that cannot serve our API version says which one it can: retry once with it,
	 * provided berth knows how to drive that version. */
	hint = version_hint(resp);
	if (hint == NULL)
		return 0;
	e->negotiated = true;
	if (api_version_num(hint) < BERTH_ENGINE_API_MIN_MAJOR * 1000 + BERTH_ENGINE_API_MIN_MINOR) {
		berth_error_set(err, BERTH_E_API_OLD,
				"the Docker daemon at %s speaks Engine API %s; berth needs %d.%d or newer",
				e->socket_path, hint, BERTH_ENGINE_API_MIN_MAJOR, BERTH_ENGINE_API_MIN_MINOR);
		free(hint);
		berth_response_release(resp);
		return -BERTH_E_API_OLD;
	}
	berth_log_info("Docker daemon asks for Engine API %s instead of %s", hint, e->api_version);
	snprintf(e->api_version, sizeof(e->api_version), "%s", hint);
	free(hint);
	berth_response_release(resp);
	timeout_ms -= (long)(berth_now_ms() - t0);
	if (timeout_ms <= 0)
		return berth_error_set(err, BERTH_E_TIMEDOUT, "no time left for %s %s before the operation's timeout",
				       method, path);
	return request_once(e, method, path, body, timeout_ms, flags, opts, resp, err);
}

const char *
berth_engine_server(const struct berth_engine *e)
{
	return e->server;
}

char *
berth_response_message(const struct berth_response *resp)
{
	json_object *obj;
	char *out = NULL;
	size_t i, n;

	if (resp->body == NULL || resp->len == 0)
		return berth_xstrdup("(empty answer)");
	obj = json_tokener_parse(resp->body);
	out = berth_xstrdup(berth_json_str(obj, "message"));
	json_object_put(obj);
	if (out != NULL)
		return out;
	/* Not a Docker error body: keep a short printable excerpt. */
	n = resp->len < 200 ? resp->len : 200;
	out = berth_xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)resp->body[i];
		out[i] = (isprint(ch) && ch < 0x80) ? (char)ch : ' ';
	}
	out[n] = '\0';
	return out;
}

char *
berth_engine_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, n = 0, len = strlen(s);
	char *out = berth_xmalloc(len * 3 + 1);

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
			out[n++] = (char)ch;
		} else {
			out[n++] = '%';
			out[n++] = hex[ch >> 4];
			out[n++] = hex[ch & 15];
		}
	}
	out[n] = '\0';
	return out;
}

char *
berth_engine_demux(const char *buf, size_t len)
{
	char *out = berth_xmalloc(len + 1);
	size_t i = 0, n = 0;
	bool framed = len >= 8 && (unsigned char)buf[0] <= 2 && buf[1] == 0 && buf[2] == 0 && buf[3] == 0;

	if (!framed) {
		if (len > 0)
			memcpy(out, buf, len);
		out[len] = '\0';
		return out;
	}
	while (i + 8 <= len) {
		const unsigned char *h = (const unsigned char *)buf + i;
		size_t flen = ((size_t)h[4] << 24) | ((size_t)h[5] << 16) | ((size_t)h[6] << 8) | h[7];

		i += 8;
		if (flen > len - i)
			flen = len - i;
		memcpy(out + n, buf + i, flen);
		n += flen;
		i += flen;
	}
	out[n] = '\0';
	return out;
}
