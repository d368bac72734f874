/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: registry credentials for image pulls, found as the docker CLI finds them.
 *
 * The file: the authfile parameter when set (the same format; podman's auth.json too), else
 * $DOCKER_CONFIG/config.json, else ~/.docker/config.json of the user berth runs as (root). For the
 * image's registry (its key, berth_registry_key), in this order, as docker does:
 *   1. credHelpers[registry]: docker-credential-<helper> get;
 *   2. credsStore: the same with the default helper;
 *   3. auths[registry]: "auth" (base64 of user:password), "identitytoken", or podman's
 *      "username"/"password".
 * A helper runs without a shell (posix_spawnp on PATH), gets the registry on stdin and answers
 * {"ServerURL","Username","Secret"} on stdout, Username "<token>" meaning an identity token. It
 * runs within the operation's deadline. Its output is never logged or quoted: it may hold
 * secrets.
 *
 * Secrets (passwords, identity tokens, the X-Registry-Auth header) never reach a log line or an
 * error message; berth's own copies are zeroed when released. */
#ifndef BERTH_REGISTRY_H
#define BERTH_REGISTRY_H

#include <stdbool.h>

#include "cleanup.h"
#include "deadline.h"
#include "error.h"

/** Docker Hub's key in credential files, and what its helpers are asked for. */
#define BERTH_REGISTRY_HUB_KEY "https://index.docker.io/v1/"

/** The credentials for one pull, and where berth looked. Release with berth_registry_auth_release. */
struct berth_registry_auth {
	char *key;           /**< the registry key: "127.0.0.1:5000", BERTH_REGISTRY_HUB_KEY */
	char *username;      /**< user of a password, or NULL */
	char *password;      /**< secret, or NULL */
	char *identitytoken; /**< secret, or NULL */
	char *source;        /**< where the credentials came from (for logs), or NULL for none */
	char *searched;      /**< where berth looked: the file, and the helper it asked */
};

/**
 * The registry key of an image reference: its first path component when that contains '.' or ':'
 * or is "localhost", else Docker Hub's BERTH_REGISTRY_HUB_KEY.
 * \return malloc'd; caller frees
 */
char *berth_registry_key(const char *image);

/**
 * The credential file berth reads: authfile when set, else $DOCKER_CONFIG/config.json, else
 * $HOME/.docker/config.json (the passwd entry's home without HOME).
 * \return malloc'd path; caller frees
 */
char *berth_registry_config_path(const char *authfile);

/**
 * Find the credentials for pulling image.
 * \param authfile the authfile parameter, or NULL for docker's own file
 * \param d        the operation's deadline (bounds a credential helper)
 * \param auth     out: key and searched always; username/password or identitytoken and source
 *                 when credentials were found. Release it either way.
 * \return 0, found or not; a negative cause with err when the file cannot be read or parsed (an
 *         absent default file is no error: it has no credentials) or a helper cannot be run or
 *         fails. Messages never quote a secret or a helper's output.
 */
int berth_registry_lookup(const char *image, const char *authfile, const struct berth_deadline *d,
			  struct berth_registry_auth *auth, berth_error_t *err);

/** Did the lookup find credentials? */
bool berth_registry_auth_found(const struct berth_registry_auth *auth);

/**
 * The header line that hands the credentials to the daemon: "X-Registry-Auth: " and the base64url
 * of {"username","password","serveraddress"} or {"identitytoken","serveraddress"}.
 * \return malloc'd line (free with berth_registry_header_free: it holds secrets), or NULL
 *         without credentials
 */
char *berth_registry_header(const struct berth_registry_auth *auth);

/** Zero and free a header line from berth_registry_header. Safe on NULL. */
void berth_registry_header_free(char *header);
BERTH_DEFINE_CLEANUP(header, char *, berth_registry_header_free)

/** Zero the secrets, free everything and zero the struct. */
void berth_registry_auth_release(struct berth_registry_auth *auth);
BERTH_DEFINE_CLEANUP_STRUCT(registry_auth, struct berth_registry_auth, berth_registry_auth_release)

#endif
