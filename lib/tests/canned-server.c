/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth's unit tests: the canned Engine API server (canned-server.h). */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "canned-server.h"

void
berth_canned_init(struct berth_canned *s)
{
	snprintf(s->dir, sizeof(s->dir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->sock, sizeof(s->sock), "%s/engine.sock", s->dir);
	s->pid = -1;
	s->seen = -1;
}

char *
berth_canned_answer(const char *status, const char *headers, const char *body)
{
	return berth_xasprintf("HTTP/1.1 %s\r\n%sContent-Type: application/json\r\nContent-Length: %zu\r\nConnection: "
			       "close\r\n\r\n%s",
			       status, headers, strlen(body), body);
}

int
berth_canned_listen(const char *sock)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
	unlink(sock);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(lfd >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 8), 0);
	return lfd;
}

/* Serve replies in turn (the last one for ever), writing each request line to out. */
static void __attribute__((noreturn))
serve_replies(int lfd, int out, const struct berth_canned_reply *replies, size_t count)
{
	size_t k = 0;

	for (;;) {
		char req[8192];
		size_t n = 0;
		int fd = accept(lfd, NULL, NULL);

		if (fd < 0)
			continue;
		while (n < sizeof(req) - 1) {
			ssize_t r = read(fd, req + n, sizeof(req) - 1 - n);
			if (r <= 0)
				break;
			n += (size_t)r;
			req[n] = '\0';
			if (strstr(req, "\r\n\r\n") != NULL)
				break;
		}
		req[n] = '\0';
		{
			/* The credentials header too, when a request carries one. */
			char *auth = strstr(req, "\r\nX-Registry-Auth: ");

			if (auth != NULL) {
				auth += 2;
				auth[strcspn(auth, "\r")] = '\0';
			}
			req[strcspn(req, "\r")] = '\0';
			dprintf(out, "%s\n", req);
			if (auth != NULL)
				dprintf(out, "%s\n", auth);
		}
		if (write(fd, replies[k].data, replies[k].len) < 0)
			_exit(1);
		close(fd);
		if (k + 1 < count)
			k++;
	}
}

void
berth_canned_serve(int lfd, int out, const char *answer)
{
	struct berth_canned_reply reply = { answer, strlen(answer) };

	serve_replies(lfd, out, &reply, 1);
}

void
berth_canned_start(struct berth_canned *s, const char *answer)
{
	struct berth_canned_reply reply = { answer, strlen(answer) };

	berth_canned_start_replies(s, &reply, 1);
}

void
berth_canned_start_replies(struct berth_canned *s, const struct berth_canned_reply *replies, size_t n)
{
	int lfd, fds[2];

	lfd = berth_canned_listen(s->sock);
	assert_int_equal(pipe(fds), 0);
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		close(fds[0]);
		serve_replies(lfd, fds[1], replies, n);
	}
	close(lfd);
	close(fds[1]);
	s->seen = fds[0];
}

const char *
berth_canned_requests(struct berth_canned *s)
{
	static char buf[4096];
	ssize_t n;

	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	s->pid = -1;
	n = read(s->seen, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

void
berth_canned_stop(struct berth_canned *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
	s->pid = -1;
	if (s->seen >= 0)
		close(s->seen);
	s->seen = -1;
	unlink(s->sock);
	rmdir(s->dir);
}
