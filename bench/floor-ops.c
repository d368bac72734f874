/* SPDX-License-Identifier: GPL-2.0-or-later */
/* floor-ops: the Engine API calls berth makes for start, stop and monitor_cmd, made by a
 * minimal libcurl program (one handle, keep-alive, no JSON library, no logging, no checks).
 * The bench compares berth's actions with these to see what berth adds on top of the daemon.
 *
 *   floor-ops SOCKET start NAME IMAGE   GET /containers/NAME/json (404), GET /images/IMAGE/json,
 *                                       POST /containers/create?name=NAME (berth's body),
 *                                       POST /containers/ID/start, then GET /containers/NAME/json
 *                                       every 200 ms until it runs and 200 ms have passed (berth's
 *                                       settle time: a new container must stay up that long)
 *   floor-ops SOCKET stop NAME          GET /containers/NAME/json, POST /containers/ID/stop?t=14,
 *                                       DELETE /containers/ID?v=1&force=1
 *   floor-ops SOCKET exec NAME CMD      GET /containers/NAME/json, POST /containers/ID/exec,
 *                                       POST /exec/EID/start, GET /exec/EID/json (exit code)
 *
 * The sequences were read from berth's own debug log (HA_debug=1 HA_LOGFILE=...). Exit 0 on
 * success, 1 on any unexpected answer. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#define POLL_MS   200
#define SETTLE_MS 200

static CURL *curl;
static const char *sock;

struct buf {
	char data[256 * 1024];
	size_t len;
};

static struct buf body;

static size_t
sink(char *p, size_t size, size_t nmemb, void *userp)
{
	struct buf *b = userp;
	size_t n = size * nmemb;

	if (n > sizeof(b->data) - 1 - b->len)
		return 0;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

/* One request; the answer is left in body. Returns the HTTP status, or -1. */
static long
call(const char *method, const char *path, const char *json)
{
	struct curl_slist *headers = NULL;
	char url[2048];
	long status = -1;

	snprintf(url, sizeof(url), "http://docker/v1.41%s", path);
	body.len = 0;
	body.data[0] = '\0';
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, sock);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 18000L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	headers = curl_slist_append(headers, "Expect:");
	if (json != NULL) {
		headers = curl_slist_append(headers, "Content-Type: application/json");
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
	}
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	if (curl_easy_perform(curl) == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(headers);
	return status;
}

/* The string value of "KEY":"..." in the answer (first occurrence), copied to out. */
static int
field(const char *key, char *out, size_t size)
{
	char pat[64];
	const char *p, *end;

	snprintf(pat, sizeof(pat), "\"%s\":\"", key);
	p = strstr(body.data, pat);
	if (p == NULL)
		return -1;
	p += strlen(pat);
	end = strchr(p, '"');
	if (end == NULL || (size_t)(end - p) >= size)
		return -1;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return 0;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
op_start(const char *name, const char *image)
{
	char path[1024], json[2048], id[128], *eimage;
	long long settle_until;
	struct timespec poll = { 0, POLL_MS * 1000000L };

	snprintf(path, sizeof(path), "/containers/%s/json", name);
	if (call("GET", path, NULL) != 404)
		return 1;
	eimage = curl_easy_escape(curl, image, 0);
	snprintf(path, sizeof(path), "/images/%s/json", eimage);
	curl_free(eimage);
	if (call("GET", path, NULL) != 200)
		return 1;
	/* The body berth sends for run_opts="--init --net=host" and run_cmd="sleep 3600". */
	snprintf(json, sizeof(json),
		 "{\"Image\":\"%s\",\"Cmd\":[\"sleep\",\"3600\"],\"Labels\":{"
		 "\"org.clusterlabs.berth.managed\":\"1\",\"org.clusterlabs.berth.instance\":\"%s\","
		 "\"org.clusterlabs.berth.config-hash\":\"0123456789abcdef\"},"
		 "\"HostConfig\":{\"Init\":true,\"NetworkMode\":\"host\","
		 "\"RestartPolicy\":{\"Name\":\"no\",\"MaximumRetryCount\":0}}}",
		 image, name);
	snprintf(path, sizeof(path), "/containers/create?name=%s", name);
	if (call("POST", path, json) != 201 || field("Id", id, sizeof(id)) < 0)
		return 1;
	snprintf(path, sizeof(path), "/containers/%s/start", id);
	if (call("POST", path, NULL) != 204)
		return 1;
	settle_until = now_ms() + SETTLE_MS;
	snprintf(path, sizeof(path), "/containers/%s/json", name);
	for (;;) {
		if (call("GET", path, NULL) != 200)
			return 1;
		if (strstr(body.data, "\"Running\":true") != NULL && now_ms() >= settle_until)
			return 0;
		nanosleep(&poll, NULL);
	}
}

static int
op_stop(const char *name)
{
	char path[1024], id[128];

	snprintf(path, sizeof(path), "/containers/%s/json", name);
	if (call("GET", path, NULL) != 200 || field("Id", id, sizeof(id)) < 0)
		return 1;
	snprintf(path, sizeof(path), "/containers/%s/stop?t=14", id);
	if (call("POST", path, NULL) / 100 != 2)
		return 1;
	snprintf(path, sizeof(path), "/containers/%s?v=1&force=1", id);
	return call("DELETE", path, NULL) == 204 ? 0 : 1;
}

static int
op_exec(const char *name, const char *cmd)
{
	char path[1024], json[1024], id[128], eid[128];

	snprintf(path, sizeof(path), "/containers/%s/json", name);
	if (call("GET", path, NULL) != 200 || field("Id", id, sizeof(id)) < 0 ||
	    strstr(body.data, "\"Running\":true") == NULL)
		return 1;
	snprintf(path, sizeof(path), "/containers/%s/exec", id);
	snprintf(json, sizeof(json), "{\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"%s\"]}", cmd);
	if (call("POST", path, json) != 201 || field("Id", eid, sizeof(eid)) < 0)
		return 1;
	snprintf(path, sizeof(path), "/exec/%s/start", eid);
	if (call("POST", path, "{\"Detach\":false,\"Tty\":false}") != 200)
		return 1;
	snprintf(path, sizeof(path), "/exec/%s/json", eid);
	if (call("GET", path, NULL) != 200)
		return 1;
	return strstr(body.data, "\"ExitCode\":0") != NULL ? 0 : 1;
}

int
main(int argc, char **argv)
{
	int rc = 2;

	if (argc < 4) {
		fprintf(stderr, "usage: floor-ops SOCKET start NAME IMAGE | stop NAME | exec NAME CMD\n");
		return 2;
	}
	sock = argv[1];
	if (curl_global_init(CURL_GLOBAL_NOTHING) != CURLE_OK || (curl = curl_easy_init()) == NULL)
		return 1;
	if (strcmp(argv[2], "start") == 0 && argc == 5)
		rc = op_start(argv[3], argv[4]);
	else if (strcmp(argv[2], "stop") == 0 && argc == 4)
		rc = op_stop(argv[3]);
	else if (strcmp(argv[2], "exec") == 0 && argc == 5)
		rc = op_exec(argv[3], argv[4]);
	else
		fprintf(stderr, "floor-ops: bad arguments\n");
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	return rc;
}
