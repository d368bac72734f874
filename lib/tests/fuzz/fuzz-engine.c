/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: every reader of the Docker daemon's answers.
 *
 * Pure readers run on the whole input: berth_response_message (the error text of a non-2xx
 * answer), berth_engine_demux (the multiplexed log/exec stream) and berth_engine_escape. Then one
 * Engine API operation runs for real against a server thread in this process that answers each
 * request from the input: the whole path through libcurl, the capped body sink, the API version
 * negotiation and the answer readers of container.c (inspect, create, start, stop, kill, remove,
 * logs, exec, image lookup and pull).
 *
 * Input: byte 0 picks the operation (bit 7: raw mode), bytes 1-4 the HTTP status of the 1st to
 * 4th answer, the rest is up to four answer bodies separated by 0x1e (the last one repeats). In
 * raw mode each piece is sent as is, status line and headers included. The server closes the
 * connection after each answer, so no input can make a call wait for its time limit. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "container.h"
#include "deadline.h"
#include "engine.h"
#include "image.h"
#include "log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ANSWERS 4
static const long statuses[] = { 200, 201, 204, 304, 400, 404, 409, 500, 503, 200, 201, 200 };

static char dir[96];
static char sock_path[128];
static int listen_fd = -1;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	uint8_t *copy; /* the input, ours until the next one (the server may still be
			* writing from it when the client has given up) */
	bool busy;     /* the server is answering */
	const uint8_t *body[MAX_ANSWERS];
	size_t len[MAX_ANSWERS];
	long status[MAX_ANSWERS];
	int n;
	int next;
	bool raw;
} cur;

static void
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t w = send(fd, p, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		len -= (size_t)w;
	}
}

/* Read one request (headers and Content-Length body); false if the client went away. */
static bool
read_request(int fd)
{
	char buf[65536];
	size_t n = 0;
	char *end = NULL, *cl;
	long body = 0;

	while (end == NULL) {
		ssize_t r = read(fd, buf + n, sizeof(buf) - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		n += (size_t)r;
		buf[n] = '\0';
		end = strstr(buf, "\r\n\r\n");
		if (end == NULL && n == sizeof(buf) - 1)
			return false;
	}
	cl = strcasestr(buf, "\r\ncontent-length:");
	if (cl != NULL && cl < end)
		body = strtol(cl + 17, NULL, 10);
	body -= (long)(n - (size_t)(end + 4 - buf));
	while (body > 0) {
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		body -= r;
	}
	return true;
}

static void *
serve(void *arg)
{
	(void)arg;
	for (;;) {
		int fd = accept(listen_fd, NULL, NULL);
		const uint8_t *body;
		size_t len;
		long status;
		bool raw;
		char head[256];
		int hl;

		if (fd < 0)
			continue;
		if (!read_request(fd)) {
			close(fd);
			continue;
		}
		pthread_mutex_lock(&mu);
		{
			int i = cur.next < cur.n ? cur.next : cur.n - 1;
			cur.next++;
			body = cur.body[i];
			len = cur.len[i];
			status = cur.status[i];
			raw = cur.raw;
			cur.busy = true;
		}
		pthread_mutex_unlock(&mu);
		if (raw) {
			write_all(fd, body, len);
		} else if (status == 204 || status == 304) {
			hl = snprintf(head, sizeof(head),
				      "HTTP/1.1 %ld X\r\nApi-Version: 1.41\r\nConnection: close\r\n\r\n", status);
			write_all(fd, head, (size_t)hl);
		} else {
			hl = snprintf(head, sizeof(head),
				      "HTTP/1.1 %ld X\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n"
				      "Content-Length: %zu\r\nConnection: close\r\n\r\n",
				      status, len);
			write_all(fd, head, (size_t)hl);
			write_all(fd, body, len);
		}
		close(fd);
		pthread_mutex_lock(&mu);
		cur.busy = false;
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

static void
cleanup(void)
{
	unlink(sock_path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Under $TMPDIR: lib/tests/fuzz/run points it into its own directory, which it removes even
	 * when a sanitizer ends the process before atexit handlers run. */
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	pthread_t t;

	(void)argc;
	(void)argv;
	if (snprintf(dir, sizeof(dir), "%s/berth-fuzz-engine.XXXXXX", tmp) >= (int)sizeof(dir))
		abort();
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(sock_path, sizeof(sock_path), "%s/engine.sock", dir);
	if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock_path) >= (int)sizeof(sa.sun_path))
		abort();
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(listen_fd, 16) < 0)
		abort();
	atexit(cleanup);
	if (pthread_create(&t, NULL, serve, NULL) != 0)
		abort();
	pthread_detach(t);

	setenv("HA_LOGFACILITY", "none", 1);
	unsetenv("HA_LOGFILE");
	unsetenv("HA_DEBUGLOG");
	setenv("HA_debug", "1", 1);
	berth_log_init("fuzz");
	return 0;
}

/* The pure readers, on the whole input. */
static void
pure(const uint8_t *data, size_t size)
{
	struct berth_response resp = { 0 };
	char *s = malloc(size + 1), *out;

	if (s == NULL)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	resp.status = size > 1 ? statuses[data[1] % (sizeof(statuses) / sizeof(statuses[0]))] : 500;
	resp.body = s;
	resp.len = size;
	out = berth_response_message(&resp);
	if (out == NULL || strlen(out) > size + 200)
		abort();
	free(out);
	out = berth_engine_demux(s, size);
	if (out == NULL || strlen(out) > size)
		abort();
	free(out);
	out = berth_engine_escape(s);
	if (out == NULL)
		abort();
	free(out);
	free(s);
}

static void
operation(int op, struct berth_client *c)
{
	struct berth_container_info info = { 0 };
	struct berth_response resp = { 0 };
	berth_error_t err = NULL;
	char *id = NULL, *out = NULL;
	/* Writable words, as the agent's own argv and environment are (-Wwrite-strings). */
	static char true_word[] = "/bin/true", x_word[] = "x", env_word[] = "OCF_RESKEY_x=1";
	char *argv[] = { true_word, x_word, NULL };
	char *envp[] = { env_word, NULL };
	json_object *body;
	bool exists;
	int code;

	switch (op) {
	case 0:
		berth_container_inspect(c, "c1", &info, &err);
		berth_container_info_release(&info);
		break;
	case 1:
		body = json_tokener_parse("{\"Image\":\"i\",\"Cmd\":[\"sleep\",\"1\"]}");
		berth_container_create(c, "c1", body, &id, &err);
		json_object_put(body);
		break;
	case 2: berth_container_start(c, "0123abc", &err); break;
	case 3: berth_container_stop(c, "0123abc", 1, 2000, &err); break;
	case 4: berth_container_kill(c, "0123abc", &err); break;
	case 5: berth_container_remove(c, "0123abc", &err); break;
	case 6: berth_container_logs(c, "0123abc", 10, &out, &err); break;
	case 7: berth_container_exec(c, "0123abc", argv, envp, 1000, &code, &out, &err); break;
	case 8: berth_image_exists(c, "busybox:latest", &exists, &err); break;
	case 9: berth_image_pull(c, "busybox:latest", NULL, &err); break;
	default:
		if (berth_engine_request(c->engine, "GET", "/_ping", NULL, 1500, op & 1 ? BERTH_ENGINE_KEEP_TAIL : 0,
					 &resp, &err) == 0) {
			out = berth_response_message(&resp);
			free(out);
			out = berth_engine_demux(resp.body ? resp.body : "", resp.len);
		}
		berth_response_release(&resp);
		break;
	}
	free(id);
	free(out);
	berth_error_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	const uint8_t *p, *end, *sep;
	int op, i;

	pure(data, size);
	if (size < 5)
		return 0;

	/* Wait until the server is done with the previous input, then replace it. */
	for (;;) {
		pthread_mutex_lock(&mu);
		if (!cur.busy)
			break;
		pthread_mutex_unlock(&mu);
		usleep(100);
	}
	free(cur.copy);
	memset(&cur, 0, sizeof(cur));
	cur.copy = malloc(size);
	if (cur.copy == NULL) {
		pthread_mutex_unlock(&mu);
		return 0;
	}
	memcpy(cur.copy, data, size);
	data = cur.copy;
	cur.raw = data[0] & 0x80;
	for (i = 0; i < MAX_ANSWERS; i++)
		cur.status[i] = statuses[data[1 + i] % (sizeof(statuses) / sizeof(statuses[0]))];
	p = data + 5;
	end = data + size;
	while (cur.n < MAX_ANSWERS) {
		sep = memchr(p, 0x1e, (size_t)(end - p));
		cur.body[cur.n] = p;
		cur.len[cur.n] = (size_t)((sep ? sep : end) - p);
		cur.n++;
		if (sep == NULL)
			break;
		p = sep + 1;
	}
	pthread_mutex_unlock(&mu);

	op = (data[0] & 0x7f) % 12;
	berth_deadline_init(&deadline, 3000);
	client.engine = berth_engine_new(sock_path);
	client.deadline = &deadline;
	if (client.engine == NULL)
		abort();
	operation(op, &client);
	berth_engine_free(client.engine);
	return 0;
}
