/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: HTTP to the Docker Engine API over its unix socket (libcurl).
 *
 * One request function: method, path, body, time limit -> status + body. Every call has a time
 * limit and every response body is capped, so neither a hung nor a hostile daemon can make the
 * agent hang or eat memory. */
#ifndef BERTH_ENGINE_H
#define BERTH_ENGINE_H

#include <stddef.h>
#include "cleanup.h"
#include "error.h"

/** The API version berth is written against (Docker 20.10); used until the daemon asks otherwise. */
#define BERTH_ENGINE_API_VERSION "1.41"
/** The oldest API berth can drive: HostConfig.Init, Mounts and NanoCpus all exist from 1.25. */
#define BERTH_ENGINE_API_MIN_MAJOR 1
#define BERTH_ENGINE_API_MIN_MINOR 25
/** Largest response body kept in memory. */
#define BERTH_ENGINE_MAX_BODY (8u * 1024 * 1024)

/** Request options. */
enum {
	BERTH_ENGINE_KEEP_TAIL = 1 << 0, /**< keep only the last 64 KiB of the body (streams) */
};

struct berth_engine;

/** A response. Free with berth_response_release. */
struct berth_response {
	long status; /**< HTTP status */
	char *body;  /**< NUL-terminated body (may contain NULs), or NULL */
	size_t len;  /**< body length */
};

/**
 * Create an engine client for a unix socket.
 * \return NULL on out of memory. Free with berth_engine_free.
 */
struct berth_engine *berth_engine_new(const char *socket_path);

/** Free an engine client. Safe on NULL. */
void berth_engine_free(struct berth_engine *e);

/** The socket path this client talks to. */
const char *berth_engine_socket(const struct berth_engine *e);

/**
 * Make one request to the Engine API.
 * \param path       API path without the version prefix, e.g. "/containers/c1/json"; must be
 *                   escaped already (berth_engine_escape)
 * \param body       JSON request body, or NULL
 * \param timeout_ms time limit for the whole call (connect + answer); must be > 0
 * \param flags      BERTH_ENGINE_* request options
 * \param resp       out: status and body, filled on success; release it either way
 * \return 0 when an HTTP answer arrived (any status), or the negative cause with err set when none
 *         did: BERTH_E_UNREACHABLE, BERTH_E_TIMEDOUT, BERTH_E_PROTOCOL, BERTH_E_TOOBIG, or
 *         BERTH_E_API_OLD (the daemon's API is older than berth can drive)
 */
int berth_engine_request(struct berth_engine *e, const char *method, const char *path, const char *body,
			 long timeout_ms, int flags, struct berth_response *resp, berth_error_t *err);

/**
 * Called with each piece of a successful (2xx) answer's body as it arrives, before the piece is
 * kept in the response. Pieces split the body anywhere, in the middle of a line or a character.
 * \param data, len the piece (not NUL-terminated)
 * \param arg       what the options' arg holds
 * \return 0 to go on; anything else ends the transfer, and the request fails with
 *         BERTH_E_PROTOCOL
 */
typedef int (*berth_engine_body_fn)(const char *data, size_t len, void *arg);

/** What a request may add to the plain one; every member may be zero. */
struct berth_engine_opts {
	/** Extra request headers, "Name: value" each, NULL-terminated. Their values are never
	 *  logged (X-Registry-Auth carries credentials). */
	const char *const *headers;
	/** Sees the body of a 2xx answer as it streams in (an image pull's progress). */
	berth_engine_body_fn on_body;
	void *arg;
};

/**
 * berth_engine_request with extra headers and a streaming reader of the body (opts may be NULL).
 * The response is filled and capped as berth_engine_request fills it; the reader sees every
 * piece, also those BERTH_ENGINE_KEEP_TAIL later drops. When the daemon asks for an older API,
 * the request is sent again with the same options; the reader only ever sees 2xx bodies.
 */
int berth_engine_request_ex(struct berth_engine *e, const char *method, const char *path, const char *body,
			    long timeout_ms, int flags, const struct berth_engine_opts *opts,
			    struct berth_response *resp, berth_error_t *err);

/**
 * The Engine API version this client speaks to the daemon: BERTH_ENGINE_API_VERSION, or the older
 * one the daemon asked for. Known for certain only after the first request.
 * \param major, minor out
 */
void berth_engine_api_version(const struct berth_engine *e, int *major, int *minor);

/**
 * The Server header of the last answer the daemon sent ("Docker/20.10.24 (linux)", podman's
 * "Libpod/4.3.1 (linux)"), printable ASCII only; "" before any answer or when it sent none.
 */
const char *berth_engine_server(const struct berth_engine *e);

/** Free the body of a response and zero it. */
void berth_response_release(struct berth_response *resp);
BERTH_DEFINE_CLEANUP_STRUCT(response, struct berth_response, berth_response_release)

/**
 * The daemon's error message from a non-2xx response: the "message" field of a Docker error
 * body, or a printable excerpt of a non-JSON body.
 * \return malloc'd string (never NULL); caller frees
 */
char *berth_response_message(const struct berth_response *resp);

/**
 * Percent-escape a string for use as one URL path segment or query value.
 * \return malloc'd string; caller frees
 */
char *berth_engine_escape(const char *s);

/**
 * Decode Docker's multiplexed stdout/stderr stream (8-byte frame headers) into plain text. Input
 * that is not framed (a TTY container) is copied as is.
 * \return malloc'd NUL-terminated text; caller frees
 */
char *berth_engine_demux(const char *buf, size_t len);

#endif
