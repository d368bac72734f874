/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the Engine API's image operations (image.h): look an image up, pull it (with registry
 * credentials, its progress counted), and the errors a pull's refusal means (credentials asked
 * for, refused, an image that does not exist). The calls go through container.c's one retry
 * policy (container-int.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "container-int.h"
#include "container.h"
#include "image.h"
#include "json.h"
#include "log.h"
#include "progress.h"

/* GET /images/IMAGE/json: 1 with resp when the daemon has it, 0 when it has not, or -1 with err */
static int
image_get(struct berth_client *c, const char *image, struct berth_response *resp, berth_error_t *err)
{
	cleanup_free char *path = NULL;

	if (berth_container_object_path("images", image, "/json", &path, err) < 0 ||
	    berth_container_call(c, "GET", path, NULL, CAP_QUICK_MS, 0, resp, err) < 0)
		return berth_error_wrap(err, "looking up image %s: ", image);
	if (berth_container_gone(resp))
		return 0;
	if (resp->status != 200)
		return berth_container_http_error(resp, BERTH_E_REFUSED, err, "looking up image");
	return 1;
}

int
berth_image_exists(struct berth_client *c, const char *image, bool *exists, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	int found = image_get(c, image, &resp, err);

	*exists = found > 0;
	return found < 0 ? found : 0;
}

int
berth_image_inspect(struct berth_client *c, const char *image, json_object **raw, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	int found;

	*raw = NULL;
	found = image_get(c, image, &resp, err);
	if (found <= 0)
		return found;
	*raw = berth_container_parse_json(resp.body, resp.len);
	if (!json_object_is_type(*raw, json_type_object)) {
		json_object_put(*raw);
		*raw = NULL;
		return berth_error_set(err, BERTH_E_PROTOCOL, "looking up image %s: the answer is not an image", image);
	}
	return 0;
}

void
berth_image_split_ref(const char *image, char **name, char **tag)
{
	const char *at = strchr(image, '@'), *slash, *colon;

	if (at != NULL) {
		*name = berth_xstrndup(image, (size_t)(at - image));
		*tag = berth_xstrdup(at + 1);
		return;
	}
	/* A ':' before the last '/' belongs to a registry's port (registry:5000/app). */
	slash = strrchr(image, '/');
	colon = strrchr(slash ? slash : image, ':');
	if (colon != NULL) {
		*name = berth_xstrndup(image, (size_t)(colon - image));
		*tag = berth_xstrdup(colon + 1);
	} else {
		*name = berth_xstrdup(image);
		*tag = berth_xstrdup("latest");
	}
}

/* Does the daemon's message say the registry wants credentials, or refused the ones it got?
 * dockerd passes the registry's words on: "no basic auth credentials", "unauthorized:
 * authentication required", Docker Hub's "pull access denied ... may require 'docker login'". */
static bool
auth_problem(long status, const char *msg)
{
	static const char *const marks[] = { "no basic auth credentials",
					     "unauthorized",
					     "authentication required",
					     "access denied",
					     "incorrect username or password",
					     "docker login",
					     NULL };
	cleanup_free char *lower = berth_xstrdup(msg);
	char *p;
	int i;

	if (status == 401)
		return true;
	for (p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	for (i = 0; marks[i]; i++)
		if (strstr(lower, marks[i]) != NULL)
			return true;
	return false;
}

/* A failed pull as an error; status is 0 for an error inside the stream. The reason says which
 * credentials were missing or refused, never what they are. */
static int
pull_error(const char *image, const struct berth_registry_auth *auth, long status, const char *msg, berth_error_t *err)
{
	cleanup_free char *http = status ? berth_xasprintf(" (HTTP %ld)", status) : berth_xstrdup("");

	if (auth != NULL && auth->key != NULL && auth_problem(status, msg)) {
		if (berth_registry_auth_found(auth))
			return berth_error_set(err, BERTH_E_REFUSED,
					       "pulling image %s: registry %s refused the credentials from %s: %s%s",
					       image, auth->key, auth->source, msg, http);
		return berth_error_set(err, BERTH_E_REFUSED,
				       "pulling image %s: registry %s asks for credentials and berth found none in %s "
				       "(the daemon says: %s%s)",
				       image, auth->key, auth->searched ? auth->searched : "any credential file", msg,
				       http);
	}
	return berth_error_set(err, BERTH_E_REFUSED, "pulling image %s failed: %s%s", image, msg, http);
}

struct pull {
	struct berth_progress *progress;
	const char *image;
};

/* The pull's stream, as it arrives: count, and log the progress now and then. */
static int
pull_read(const char *data, size_t len, void *arg)
{
	struct pull *pull = arg;

	berth_progress_feed(pull->progress, data, len);
	if (berth_progress_due(pull->progress, berth_now_ms())) {
		cleanup_free char *summary = berth_progress_summary(pull->progress);

		berth_log_notice("pulling %s: %s", pull->image, summary);
	}
	return 0;
}

int
berth_image_pull(struct berth_client *c, const char *image, const struct berth_registry_auth *auth, berth_error_t *err)
{
	berth_cleanup(response) struct berth_response resp = { 0 };
	berth_cleanup(header) char *header = auth ? berth_registry_header(auth) : NULL;
	berth_cleanup(progress) struct berth_progress progress = { 0 };
	struct pull pull = { .progress = &progress, .image = image };
	cleanup_free char *name = NULL, *tag = NULL, *ename = NULL, *etag = NULL;
	cleanup_free char *path = NULL, *summary = NULL;
	const char *headers[] = { header, NULL };
	struct berth_engine_opts opts = { .headers = headers, .on_body = pull_read, .arg = &pull };
	long long t0 = berth_now_ms();
	int ret;

	/* Without a tag the Engine API pulls every tag of the repository: name the tag, as the
	 * docker CLI does. */
	berth_image_split_ref(image, &name, &tag);
	ename = berth_engine_escape(name);
	etag = berth_engine_escape(tag);
	path = berth_xasprintf("/images/create?fromImage=%s&tag=%s", ename, etag);
	berth_log_notice("pulling image %s%s%s", image, header ? " with the credentials from " : "",
			 header ? auth->source : "");
	berth_progress_init(&progress, t0);
	/* The time limit is the operation's: a pull has no cap of its own. */
	ret = berth_engine_request_ex(c->engine, "POST", path, NULL, berth_deadline_call_ms(c->deadline, 0),
				      BERTH_ENGINE_KEEP_TAIL, &opts, &resp, err);
	berth_progress_end(&progress);
	summary = berth_progress_summary(&progress);
	if (ret < 0) {
		berth_log_info("pulling %s stopped: %s", image, summary);
		return berth_error_wrap(err, "pulling image %s: ", image);
	}
	if (resp.status != 200) {
		cleanup_free char *msg = berth_response_message(&resp);

		return pull_error(image, auth, resp.status, msg, err);
	}
	/* The answer is a stream of JSON lines; a failure is reported in one of them. */
	if (progress.error != NULL)
		return pull_error(image, auth, 0, progress.error, err);
	berth_log_notice("pulled image %s in %lld ms: %s", image, berth_now_ms() - t0, summary);
	return 0;
}
