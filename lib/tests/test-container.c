/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the container module's reading of the daemon's answers, and the dialect's calls to
 * podman's own API (dialect-libpod.c), against a canned server (canned-server.h): one fixed
 * response to every request, and the request lines it got. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "canned-server.h"
#include "container.h"
#include "image.h"
#include "slack.h"

static struct berth_canned canned = { .pid = -1, .seen = -1 };
static struct berth_deadline deadline;
static struct berth_client client;

/* Headers the canned answer carries besides its own ("Name: value\r\n" each), or "". */
static const char *extra_headers = "";

static void
start_server(const char *status, const char *body)
{
	char *answer = berth_canned_answer(status, extra_headers, body);

	berth_canned_start(&canned, answer);
	free(answer);
	client.engine = berth_engine_new(canned.sock);
	assert_non_null(client.engine);
}

/* The request lines the server has got so far (after the client is done with them). */
static const char *
requests(void)
{
	return berth_canned_requests(&canned);
}

static int
setup(void **state)
{
	berth_canned_init(&canned);
	berth_deadline_init(&deadline, 20000);
	client.deadline = &deadline;
	client.kind = BERTH_ENGINE_UNKNOWN;
	return 0;
}

static int
teardown(void **state)
{
	berth_canned_stop(&canned);
	berth_engine_free(client.engine);
	client.engine = NULL;
	return 0;
}

/* "No such container" is the goal of stop, kill and remove, reached. */
static void
test_gone_is_success(void **state)
{
	berth_error_t err = NULL;

	start_server("404 Not Found", "{\"message\":\"No such container: c1\"}");
	assert_int_equal(berth_container_stop(&client, "c1", 5, 5000, &err), 0);
	assert_int_equal(berth_container_kill(&client, "c1", &err), 0);
	assert_int_equal(berth_container_remove(&client, "c1", &err), 0);
	assert_null(err);
	assert_non_null(strstr(requests(), "POST /v1.41/containers/c1/stop?t=5 HTTP/1.1"));
}

/* The router's 404 for a path it does not know means the request was malformed: never "stopped". */
static void
test_unknown_path_is_an_error(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	start_server("404 Not Found", "{\"message\":\"page not found\"}");
	assert_true(berth_container_stop(&client, "c1", 5, 5000, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	berth_error_free(&err);
	assert_true(berth_container_remove(&client, "c1", &err) < 0);
	berth_error_free(&err);
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	assert_false(info.exists);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	berth_error_free(&err);
}

/* An empty id would address another object ("/containers//stop"): refused before sending. */
static void
test_empty_id_is_never_sent(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;
	int code;
	char *argv[] = { (char *)"true", NULL };

	start_server("204 No Content", "");
	assert_true(berth_container_stop(&client, "", 5, 5000, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_FAILED);
	berth_error_free(&err);
	assert_true(berth_container_kill(&client, NULL, &err) < 0);
	berth_error_free(&err);
	assert_true(berth_container_remove(&client, "", &err) < 0);
	berth_error_free(&err);
	assert_true(berth_container_inspect(&client, "", &info, &err) < 0);
	berth_error_free(&err);
	assert_true(berth_container_exec(&client, "", argv, NULL, 1000, &code, NULL, &err) < 0);
	berth_error_free(&err);
	assert_string_equal(requests(), "");
}

/* Long or odd names are escaped whole, never cut at a buffer's end. */
static void
test_long_name_is_not_truncated(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;
	char name[3000];

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	name[10] = '/';
	start_server("404 Not Found", "{\"message\":\"No such container\"}");
	assert_int_equal(berth_container_inspect(&client, name, &info, &err), 0);
	assert_false(info.exists);
	assert_non_null(strstr(requests(), "aaaaaaaaaa%2Faaaa"));
}

/* What create's error statuses mean: the image gone, or this node's daemon refusing the request. */
static void
test_create_statuses(void **state)
{
	json_object *body = json_object_new_object();
	berth_error_t err = NULL;
	char *id = NULL;

	start_server("400 Bad Request", "{\"message\":\"invalid mount config\"}");
	assert_true(berth_container_create(&client, "c1", body, &id, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REJECTED);
	assert_non_null(strstr(err->msg, "invalid mount config (HTTP 400)"));
	berth_error_free(&err);
	teardown(state);
	setup(state);
	start_server("404 Not Found", "{\"message\":\"No such image: img:1\"}");
	assert_true(berth_container_create(&client, "c1", body, &id, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_NO_IMAGE);
	berth_error_free(&err);
	assert_null(id);
	json_object_put(body);
}

static void
test_split_ref(void **state)
{
	static const char *const rows[][3] = {
		{ "nginx", "nginx", "latest" },
		{ "nginx:1.25", "nginx", "1.25" },
		{ "library/nginx", "library/nginx", "latest" },
		{ "localhost:5000/app", "localhost:5000/app", "latest" },
		{ "localhost:5000/team/app:v2", "localhost:5000/team/app", "v2" },
		{ "busybox@sha256:abcd", "busybox", "sha256:abcd" },
		{ "reg:5000/app:v1@sha256:abcd", "reg:5000/app:v1", "sha256:abcd" },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *name, *tag;

		berth_image_split_ref(rows[i][0], &name, &tag);
		assert_string_equal(name, rows[i][1]);
		assert_string_equal(tag, rows[i][2]);
		free(name);
		free(tag);
	}
}

/* A pull without a tag asks for "latest", never for every tag of the repository. */
static void
test_pull_names_the_tag(void **state)
{
	berth_error_t err = NULL;
	const char *got;

	start_server("200 OK", "{\"status\":\"Downloaded newer image for nginx:latest\"}\n");
	assert_int_equal(berth_image_pull(&client, "nginx", NULL, &err), 0);
	assert_int_equal(berth_image_pull(&client, "localhost:5000/app@sha256:ab12", NULL, &err), 0);
	got = requests();
	assert_non_null(strstr(got, "POST /v1.41/images/create?fromImage=nginx&tag=latest HTTP/1.1"));
	assert_non_null(strstr(got, "fromImage=localhost%3A5000%2Fapp&tag=sha256%3Aab12 HTTP/1.1"));
}

/* How many requests the canned server got. */
static int
count_requests(void)
{
	const char *p = requests();
	int n = 0;

	for (; *p; p++)
		n += *p == '\n';
	return n;
}

/* A busy daemon's 5xx to a read is tried again (a few times, within the deadline); a write is
 * never repeated once it may have reached the daemon. */
static void
test_reads_retried_writes_not(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	start_server("503 Service Unavailable", "{\"message\":\"containerd is busy\"}");
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	berth_error_free(&err);
	assert_int_equal(count_requests(), 4); /* the first and three more */

	teardown(state);
	setup(state);
	start_server("503 Service Unavailable", "{\"message\":\"containerd is busy\"}");
	assert_true(berth_container_start(&client, "c1", &err) < 0);
	berth_error_free(&err);
	assert_int_equal(count_requests(), 1);
}

/* podman's health check is a GET that runs the check: a busy answer is not a reason to run it
 * again (the retry of reads sent it four times). */
static void
test_health_check_is_sent_once(void **state)
{
	berth_error_t err = NULL;
	char *status = NULL;

	start_server("500 Internal Server Error", "{\"message\":\"container is busy\"}");
	assert_true(berth_dialect_healthcheck_run(&client, "c1", &status, &err) < 0);
	assert_null(status);
	berth_error_free(&err);
	assert_int_equal(count_requests(), 1);
}

/* The status the health check leaves, from podman's own API; an answer without one is no status. */
static void
test_health_check_run(void **state)
{
	berth_error_t err = NULL;
	char *status = NULL;

	start_server("200 OK", "{\"Status\":\"healthy\",\"FailingStreak\":0,\"Log\":[]}");
	assert_int_equal(berth_dialect_healthcheck_run(&client, "c1", &status, &err), 0);
	assert_string_equal(status, "healthy");
	free(status);
	assert_non_null(strstr(requests(), "GET /v1.41/libpod/containers/c1/healthcheck HTTP/1.1"));

	teardown(state);
	setup(state);
	start_server("200 OK", "{}");
	assert_true(berth_dialect_healthcheck_run(&client, "c1", &status, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_PROTOCOL);
	assert_null(status);
	berth_error_free(&err);
}

/* podman's own removal: its report's "Err" is a refusal, a container gone is the goal reached, and
 * the router's "page not found" is neither. */
static void
test_podman_remove(void **state)
{
	berth_error_t err = NULL;

	start_server("200 OK", "[{\"Id\":\"c0ffee\",\"Err\":null}]");
	assert_int_equal(berth_dialect_podman_remove(&client, "c1", &err), 0);
	assert_null(err);
	assert_non_null(strstr(requests(), "DELETE /v1.41/libpod/containers/c1?force=true&v=true HTTP/1.1"));

	teardown(state);
	setup(state);
	start_server("200 OK", "[{\"Id\":\"c0ffee\",\"Err\":\"container is busy\"}]");
	assert_true(berth_dialect_podman_remove(&client, "c1", &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	assert_non_null(strstr(err->msg, "container is busy"));
	berth_error_free(&err);

	teardown(state);
	setup(state);
	start_server("404 Not Found", "{\"message\":\"no container with name or ID \\\"c1\\\" found\"}");
	assert_int_equal(berth_dialect_podman_remove(&client, "c1", &err), 0);
	assert_null(err);

	teardown(state);
	setup(state);
	start_server("404 Not Found", "{\"message\":\"page not found\"}");
	assert_true(berth_dialect_podman_remove(&client, "c1", &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	berth_error_free(&err);
}

/* A name only storage holds is evicted through podman's own removal; on another engine no request
 * is sent. */
static void
test_evict_only_on_podman(void **state)
{
	berth_error_t err = NULL;

	start_server("200 OK", "[]");
	client.kind = BERTH_ENGINE_DOCKER;
	assert_true(berth_dialect_evict(&client, "c1", &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_FAILED);
	berth_error_free(&err);
	assert_string_equal(requests(), "");

	teardown(state);
	setup(state);
	start_server("200 OK", "[]");
	client.kind = BERTH_ENGINE_PODMAN;
	assert_int_equal(berth_dialect_evict(&client, "c1", &err), 0);
	assert_null(err);
	assert_non_null(strstr(requests(), "DELETE /v1.41/libpod/containers/c1?force=true&v=true HTTP/1.1"));
}

/* A removal podman's compatible API refuses is asked of its own API; dockerd's refusal is final. */
static void
test_remove_falls_back_on_podman(void **state)
{
	static const char refused[] = "{\"message\":\"container has active exec sessions\"}";
	berth_error_t err = NULL;
	const char *got;

	extra_headers = "Server: Libpod/4.3.1 (linux)\r\n";
	start_server("409 Conflict", refused);
	extra_headers = "";
	assert_true(berth_container_remove(&client, "c1", &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	assert_non_null(strstr(err->msg, "active exec sessions (HTTP 409)"));
	berth_error_free(&err);
	got = requests();
	assert_non_null(strstr(got, "DELETE /v1.41/containers/c1?v=1&force=1 HTTP/1.1"));
	assert_non_null(strstr(got, "DELETE /v1.41/libpod/containers/c1?force=true&v=true HTTP/1.1"));

	teardown(state);
	setup(state);
	extra_headers = "Server: Docker/20.10.24+dfsg1 (linux)\r\n";
	start_server("409 Conflict", refused);
	extra_headers = "";
	assert_true(berth_container_remove(&client, "c1", &err) < 0);
	berth_error_free(&err);
	assert_null(strstr(requests(), "libpod"));
}

/* The engine is told by the Server header of an answer berth has anyway: no GET /version, which
 * every monitor with a health check on podman asked again. */
static void
test_engine_from_the_server_header(void **state)
{
	static const char inspect[] = "{\"Id\":\"c0ffee\",\"Name\":\"/c1\",\"State\":{\"Status\":\"running\","
				      "\"Running\":true,\"Pid\":42,\"ExitCode\":0,\"StartedAt\":\"t1\"},"
				      "\"Config\":{\"Image\":\"img:1\",\"Labels\":{}}}";
	struct berth_container_info info;
	berth_error_t err = NULL;

	extra_headers = "Api-Version: 1.41\r\nLibpod-Api-Version: 4.3.1\r\nServer: Libpod/4.3.1 (linux)\r\n";
	start_server("200 OK", inspect);
	extra_headers = "";
	assert_int_equal(berth_container_inspect(&client, "c1", &info, &err), 0);
	assert_true(info.running);
	berth_container_info_release(&info);
	assert_int_equal(berth_container_engine(&client), BERTH_ENGINE_PODMAN);
	assert_int_equal(berth_container_engine(&client), BERTH_ENGINE_PODMAN);
	assert_null(strstr(requests(), "/version"));

	teardown(state);
	setup(state);
	extra_headers = "Server: Docker/20.10.24+dfsg1 (linux)\r\n";
	start_server("200 OK", inspect);
	extra_headers = "";
	assert_int_equal(berth_container_inspect(&client, "c1", &info, &err), 0);
	berth_container_info_release(&info);
	assert_int_equal(berth_container_engine(&client), BERTH_ENGINE_DOCKER);
	assert_null(strstr(requests(), "/version"));
}

/* A restarting daemon: start and stop wait for its socket (wait_daemon), a monitor does not. */
static void
test_wait_for_a_restarting_daemon(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;
	long long t0 = berth_now_ms();
	pid_t later;

	client.engine = berth_engine_new(canned.sock);
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_UNREACHABLE);
	berth_error_free(&err);
	assert_true(berth_now_ms() - t0 < 1000 + berth_test_slack_ms());

	/* The daemon comes back after about a second: a child listens then, and serves itself. */
	later = fork();
	assert_true(later >= 0);
	if (later == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		usleep(1000 * 1000);
		berth_canned_serve(berth_canned_listen(canned.sock), devnull,
				   berth_canned_answer("404 Not Found", "", "{\"message\":\"No such container: c1\"}"));
	}
	client.wait_daemon = true;
	assert_int_equal(berth_container_inspect(&client, "c1", &info, &err), 0);
	assert_false(info.exists);
	assert_null(err);
	assert_true(berth_now_ms() - t0 >= 900);
	kill(later, SIGTERM);
	waitpid(later, NULL, 0);
	client.wait_daemon = false;
}

/* Credentials go in the X-Registry-Auth header, and only when there are some. */
static void
test_pull_sends_credentials(void **state)
{
	struct berth_registry_auth auth = { .key = (char *)"127.0.0.1:5000", .searched = (char *)"/x/config.json" };
	berth_error_t err = NULL;
	const char *got;

	start_server("200 OK", "{\"status\":\"Status: Image is up to date for 127.0.0.1:5000/app:latest\"}\n");
	assert_int_equal(berth_image_pull(&client, "127.0.0.1:5000/app", &auth, &err), 0);
	auth.username = (char *)"alice";
	auth.password = (char *)"pw1";
	auth.source = (char *)"\"auths\" in /x/config.json";
	assert_int_equal(berth_image_pull(&client, "127.0.0.1:5000/app", &auth, &err), 0);
	got = requests();
	/* base64url of {"username":"alice","password":"pw1","serveraddress":"127.0.0.1:5000"} */
	assert_non_null(strstr(got, "fromImage=127.0.0.1%3A5000%2Fapp&tag=latest HTTP/1.1\nPOST "));
	assert_non_null(strstr(got,
			       "HTTP/1.1\nX-Registry-Auth: eyJ1c2VybmFtZSI6ImFsaWNlIiwicGFzc3dvcmQiOiJwdzEiLCJzZXJ2"
			       "ZXJhZGRyZXNzIjoiMTI3LjAuMC4xOjUwMDAifQ==\n"));
	assert_null(strstr(strstr(got, "X-Registry-Auth") + 1, "X-Registry-Auth")); /* the first pull sent none */
}

/* A registry that asks for credentials: the reason says where berth looked. One that refuses
 * them: the reason says whose they were, never what they are. In the stream or as a status. */
static void
test_pull_credential_reasons(void **state)
{
	struct berth_registry_auth auth = { .key = (char *)"127.0.0.1:5000", .searched = (char *)"/x/config.json" };
	berth_error_t err = NULL;

	start_server("200 OK",
		     "{\"status\":\"Pulling from app\",\"id\":\"latest\"}\r\n"
		     "{\"errorDetail\":{\"message\":\"Head \\\"http://127.0.0.1:5000/v2/app/manifests/latest\\\": "
		     "no basic auth credentials\"},\"error\":\"Head \\\"http://127.0.0.1:5000/v2/app/manifests/"
		     "latest\\\": no basic auth credentials\"}\r\n");
	assert_true(berth_image_pull(&client, "127.0.0.1:5000/app", &auth, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_REFUSED);
	assert_non_null(strstr(err->msg, "registry 127.0.0.1:5000 asks for credentials and berth found none in "
					 "/x/config.json"));
	berth_error_free(&err);
	requests();
	teardown(state);
	setup(state);
	start_server("500 Internal Server Error", "{\"message\":\"Get \\\"http://127.0.0.1:5000/v2/\\\": "
						  "unauthorized: authentication required\"}");
	auth.username = (char *)"alice";
	auth.password = (char *)"s3cret-pw";
	auth.source = (char *)"\"auths\" in /x/config.json";
	assert_true(berth_image_pull(&client, "127.0.0.1:5000/app", &auth, &err) < 0);
	assert_non_null(strstr(err->msg, "registry 127.0.0.1:5000 refused the credentials from \"auths\" in "
					 "/x/config.json: "));
	assert_non_null(strstr(err->msg, "(HTTP 500)"));
	assert_null(strstr(err->msg, "s3cret"));
	berth_error_free(&err);
	/* Other failures keep the daemon's words. */
	teardown(state);
	setup(state);
	start_server("404 Not Found", "{\"message\":\"manifest for 127.0.0.1:5000/app:latest not found\"}");
	assert_true(berth_image_pull(&client, "127.0.0.1:5000/app", &auth, &err) < 0);
	assert_non_null(strstr(err->msg, "pulling image 127.0.0.1:5000/app failed: manifest for"));
	berth_error_free(&err);
}

/* curl_easy_setopt as libberth calls it (linked with -Wl,--wrap=curl_easy_setopt, Makefile.am):
 * passed on to libcurl, except that it can refuse the options that keep a request on the socket
 * and on HTTP, as a libcurl without them would, and it records the protocol restriction asked for. */
CURLcode __real_curl_easy_setopt(CURL *c, CURLoption option, ...);
CURLcode __wrap_curl_easy_setopt(CURL *c, CURLoption option, ...);

static bool refuse_protocols, refuse_socket;
static char protocols_set[32]; /* the last restriction: "str:http" or "mask:N" */

/* CURLOPT_PROTOCOLS is deprecated where CURLOPT_PROTOCOLS_STR exists; the old-curl branch of the
 * engine (and the compatibility build) still sets it, so the wrapper must know it by name. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static bool
is_protocols(CURLoption option)
{
#if LIBCURL_VERSION_NUM >= 0x075500
	if (option == CURLOPT_PROTOCOLS_STR)
		return true;
#endif
	return option == CURLOPT_PROTOCOLS;
}
#pragma GCC diagnostic pop

CURLcode
__wrap_curl_easy_setopt(CURL *c, CURLoption option, ...)
{
	va_list ap;
	CURLcode rc;

	if ((refuse_protocols && is_protocols(option)) || (refuse_socket && option == CURLOPT_UNIX_SOCKET_PATH))
		return CURLE_UNKNOWN_OPTION;
	va_start(ap, option);
	/* The option's number says the type of its argument (curl.h, CURLOPTTYPE_*). */
	if (option < CURLOPTTYPE_OBJECTPOINT) {
		long v = va_arg(ap, long);

		if (is_protocols(option))
			snprintf(protocols_set, sizeof(protocols_set), "mask:%ld", v);
		rc = __real_curl_easy_setopt(c, option, v);
	} else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
		void *v = va_arg(ap, void *);

		if (is_protocols(option))
			snprintf(protocols_set, sizeof(protocols_set), "str:%s", (const char *)v);
		rc = __real_curl_easy_setopt(c, option, v);
	} else if (option < CURLOPTTYPE_OFF_T) {
		rc = __real_curl_easy_setopt(c, option, va_arg(ap, void (*)(void)));
	} else if (option < CURLOPTTYPE_OFF_T + 10000) {
		rc = __real_curl_easy_setopt(c, option, va_arg(ap, curl_off_t));
	} else {
		rc = __real_curl_easy_setopt(c, option, va_arg(ap, void *));
	}
	va_end(ap);
	return rc;
}

/* Every request is confined to HTTP: with CURLOPT_PROTOCOLS_STR where libcurl has it (7.85),
 * else with the bitmask, and that is the branch --enable-compat-fallbacks builds. */
static void
test_requests_are_confined_to_http(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	protocols_set[0] = '\0';
	start_server("404 Not Found", "{\"message\":\"No such container: c1\"}");
	assert_int_equal(berth_container_inspect(&client, "c1", &info, &err), 0);
#if LIBCURL_VERSION_NUM >= 0x075500 && !defined(BERTH_FORCE_OLD_CURL)
	assert_string_equal(protocols_set, "str:http");
#else
	{
		char want[32];

		snprintf(want, sizeof(want), "mask:%ld", (long)CURLPROTO_HTTP);
		assert_string_equal(protocols_set, want);
	}
#endif
	assert_non_null(strstr(requests(), "GET /v1.41/containers/c1/json HTTP/1.1"));
}

/* A libcurl that refuses the protocol restriction or the socket path (too old, or built without
 * them): the request is not sent at all, and the reason says why. */
static void
test_unconfined_request_is_not_sent(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	start_server("404 Not Found", "{\"message\":\"No such container: c1\"}");
	refuse_protocols = true;
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	refuse_protocols = false;
	assert_false(info.exists);
	assert_int_equal(berth_error_cause(err), BERTH_E_FAILED);
	assert_non_null(strstr(err->msg, "cannot confine the request to HTTP on "));
	assert_non_null(strstr(err->msg, "nothing was sent"));
	berth_error_free(&err);
	refuse_socket = true;
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	refuse_socket = false;
	assert_int_equal(berth_error_cause(err), BERTH_E_FAILED);
	berth_error_free(&err);
	assert_string_equal(requests(), "");
}

/* Nobody listening: the one cause monitor and stop treat apart. */
static void
test_unreachable(void **state)
{
	struct berth_container_info info;
	berth_error_t err = NULL;

	client.engine = berth_engine_new(canned.sock);
	assert_true(berth_container_inspect(&client, "c1", &info, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_UNREACHABLE);
	berth_error_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gone_is_success, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_path_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_id_is_never_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_name_is_not_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreachable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_requests_are_confined_to_http, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unconfined_request_is_not_sent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reads_retried_writes_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_for_a_restarting_daemon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_health_check_is_sent_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_health_check_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_evict_only_on_podman, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_falls_back_on_podman, setup, teardown),
		cmocka_unit_test_setup_teardown(test_engine_from_the_server_header, setup, teardown),
		cmocka_unit_test(test_split_ref),
		cmocka_unit_test_setup_teardown(test_pull_names_the_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pull_sends_credentials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pull_credential_reasons, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
