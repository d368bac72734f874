/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth's unit tests: a canned Engine API server. A child process listens on a unix socket and
 * answers every request with one fixed response (or with a few in turn); it writes the request
 * line of each request it got (and its X-Registry-Auth line, when it has one) to a pipe, so a test
 * can tell which requests were sent, and whether any was. test-container and test-fake-agrees run
 * the real container module against it. The functions fail the running cmocka test when the
 * machine refuses them. */
#ifndef BERTH_TESTS_CANNED_SERVER_H
#define BERTH_TESTS_CANNED_SERVER_H

#include <sys/types.h>

/* One answer: its bytes (status line, headers, body), NUL bytes and all. */
struct berth_canned_reply {
	const char *data;
	size_t len;
};

/* One canned server: its socket and, while it serves, its process. */
struct berth_canned {
	char dir[64];  /**< a directory of its own, under /tmp */
	char sock[96]; /**< the socket, in dir */
	pid_t pid;     /**< the serving child, or -1 */
	int seen;      /**< read end: a line per request the child got, or -1 */
};

/** Make the server's directory and name its socket; nothing listens yet. */
void berth_canned_init(struct berth_canned *s);

/**
 * A full answer: "HTTP/1.1 <status>", the headers (each "Name: value\r\n", or ""), the body's
 * Content-Length, "Connection: close", and the body. \return malloc'd; the caller frees
 */
char *berth_canned_answer(const char *status, const char *headers, const char *body);

/** A socket listening at sock (a stale one is removed first). \return its descriptor */
int berth_canned_listen(const char *sock);

/**
 * Serve answer to every connection on lfd until killed, writing each request line to out.
 * Runs in a child process and never returns.
 */
void berth_canned_serve(int lfd, int out, const char *answer) __attribute__((noreturn));

/** Fork the child that serves answer on s->sock. */
void berth_canned_start(struct berth_canned *s, const char *answer);

/**
 * Fork the child that serves replies in turn on s->sock: the first connection gets replies[0], the
 * next replies[1], ..., and every one after the last the last (each answer closes its connection).
 */
void berth_canned_start_replies(struct berth_canned *s, const struct berth_canned_reply *replies, size_t n);

/**
 * End the child and read what it was asked: "METHOD TARGET HTTP/1.1\n" per request, in order.
 * \return a static buffer, valid until the next call
 */
const char *berth_canned_requests(struct berth_canned *s);

/** End the child if it still serves, and remove the socket and the directory. */
void berth_canned_stop(struct berth_canned *s);

#endif
