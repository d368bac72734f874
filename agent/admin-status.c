/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth status: berth's containers on this node, and whether each drifted from its resource
 * (berth(8)). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "alloc.h"
#include "conf.h"
#include "container.h"
#include "json.h"
#include "params.h"
#include "record.h"
#include "request.h"
#include "spec.h"
#include "state.h"
#include "words.h"

/* ---- status ---- */

/* Docker's RFC 3339 time ("2026-11-30T17:41:02.123456789Z") in seconds since the epoch; 0 if it
 * is not one. */
static time_t
parse_time(const char *s)
{
	struct tm tm;
	const char *end;

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || tm.tm_year < 71)
		return 0;
	return timegm(&tm);
}

static void
format_age(long long s, char *buf, size_t len)
{
	if (s < 60)
		snprintf(buf, len, "%llds", s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, len, "%lldh%lldm", s / 3600, (s % 3600) / 60);
	else
		snprintf(buf, len, "%lldd%lldh", s / 86400, (s % 86400) / 3600);
}

/* The parameters of the resources status has read from the CIB, each read once (the instances
 * of a clone share theirs), or why they could not be read. */
struct cib_cache {
	struct cached {
		char *rsc;
		struct kvs params;
		char *error;
	} * v;
	size_t n;
};

static void
cib_cache_release(struct cib_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].rsc);
		berth_admin_kvs_release(&c->v[i].params);
		free(c->v[i].error);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
BERTH_DEFINE_CLEANUP_STRUCT(cib_cache, struct cib_cache, cib_cache_release)

static const struct cached *
cib_cache_get(struct cib_cache *c, const struct berth_cib *cib, const char *rsc)
{
	struct cached *e;
	berth_error_t err = NULL;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].rsc, rsc) == 0)
			return &c->v[i];
	c->v = berth_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	e->rsc = berth_xstrdup(rsc);
	if (berth_admin_cib_params(cib, rsc, &e->params, &err) < 0) {
		e->error = berth_xstrdup(err->msg);
		berth_error_free(&err);
	}
	return e;
}

/* Would the resource's parameters in the CIB give this container's hash? "yes"/"no"/"unknown" */
static const char *
drift_of(struct cib_cache *cache, const struct berth_cib *cib, bool have_cib, const char *instance, const char *hash,
	 char **why)
{
	berth_cleanup(request) struct berth_request req = { 0 };
	cleanup_free char *rsc = NULL;
	const struct cached *e;
	struct berth_params p;
	berth_error_t err = NULL;
	const char *answer;

	*why = NULL;
	if (!have_cib) {
		*why = berth_xstrdup("no CIB");
		return "unknown";
	}
	if (instance == NULL || hash == NULL) {
		*why = berth_xstrdup("the container has no instance or hash label");
		return "unknown";
	}
	rsc = berth_xstrndup(instance, strcspn(instance, ":"));
	e = cib_cache_get(cache, cib, rsc);
	if (e->error != NULL) {
		*why = berth_xstrdup(e->error);
		return "unknown";
	}
	berth_admin_set_environment(&e->params, instance, -1);
	if (berth_params_load(&p, &err) < 0 || berth_request_build(&p, &req, NULL, NULL, &err) < 0) {
		*why = berth_xasprintf("the resource's parameters have a problem: %s", err->msg);
		berth_error_free(&err);
		berth_params_release(&p);
		return "unknown";
	}
	answer = strcmp(req.hash, hash) == 0 ? "no" : "yes";
	if (answer[0] == 'y')
		*why = berth_xasprintf("the parameters give config hash %s, the container has %s", req.hash, hash);
	berth_params_release(&p);
	return answer;
}

/* The role of this run of the container: promoted only when the node's record says so of this
 * very run (a restarted or recreated container comes back unpromoted). */
static const char *
role_of(const char *name, const struct berth_container_info *info)
{
	struct berth_state st;

	if (!info->running)
		return "stopped";
	return berth_state_load(name, &st) == 1 && berth_record_promoted_run(&st, info) ? "promoted" : "started";
}

/* A row of the table, from the container's inspect. */
static json_object *
row_new(const char *name, const struct berth_container_info *info, const char *drift, const char *why, bool adopted)
{
	json_object *row = berth_nonnull(json_object_new_object());
	char age[32] = "-";

	if (info->running) {
		time_t start = parse_time(info->started_at);

		if (start > 0)
			format_age((long long)(time(NULL) - start), age, sizeof(age));
	}
	berth_json_set(row, "container", json_object_new_string(name));
	berth_json_set(row, "resource", json_object_new_string(info->instance ? info->instance : ""));
	berth_json_set(row, "role", json_object_new_string(role_of(name, info)));
	berth_json_set(row, "state", json_object_new_string(info->status ? info->status : ""));
	berth_json_set(row, "health", json_object_new_string(info->health ? info->health : "-"));
	berth_json_set(row, "uptime", json_object_new_string(age));
	berth_json_set(row, "started_at", json_object_new_string(info->started_at ? info->started_at : ""));
	berth_json_set(row, "restarts",
		       json_object_new_int64(json_object_get_int64(berth_json_get(info->raw, "RestartCount"))));
	berth_json_set(row, "drift", json_object_new_string(drift));
	if (why != NULL)
		berth_json_set(row, "drift_reason", json_object_new_string(why));
	berth_json_set(row, "adopted", json_object_new_boolean(adopted));
	berth_json_set(row, "id", json_object_new_string(info->id ? info->id : ""));
	return row;
}

/* The row of a container the daemon could not inspect: the error says so. */
static json_object *
row_error(const char *name, berth_error_t *err)
{
	json_object *row = berth_nonnull(json_object_new_object());

	berth_json_set(row, "container", json_object_new_string(name));
	berth_json_set(row, "error", json_object_new_string((*err)->msg));
	berth_error_free(err);
	return row;
}

/* Is there a row of this container already? */
static bool
rows_have(json_object *rows, const char *name)
{
	size_t i;

	for (i = 0; i < json_object_array_length(rows); i++)
		if (strcmp(berth_json_as_str(json_object_array_get_idx(rows, i), "container", ""), name) == 0)
			return true;
	return false;
}

/* The containers berth adopted from ocf:heartbeat:docker (adopt.h) and still manages on this node:
 * they carry no berth label to list them by, so their run records name them (state.h); only the
 * very run a record describes, still without berth's labels, is one (berth_record_adopted_run).
 * Each has its own time with the daemon, as the labelled ones: deadline is the one client's calls
 * are bounded by. \return 0, or -1 when a container could not be inspected (its row says why) */
static int
rows_add_adopted(json_object *rows, struct berth_client *client, struct berth_deadline *deadline, char *const *names)
{
	int ret = 0;
	size_t i;

	for (i = 0; names[i] != NULL; i++) {
		berth_cleanup(info) struct berth_container_info info = { 0 };
		berth_error_t err = NULL;
		struct berth_state st;

		if (rows_have(rows, names[i]) || berth_state_load(names[i], &st) != 1)
			continue;
		berth_deadline_init(deadline, DAEMON_MS);
		if (berth_container_inspect(client, names[i], &info, &err) < 0) {
			berth_json_append(rows, row_error(names[i], &err));
			ret = -1;
			continue;
		}
		/* gone (removed by berth's stop, or by hand), labelled, or another run under the name */
		if (!info.exists || !berth_record_adopted_run(&st, &info))
			continue;
		berth_json_append(rows, row_new(names[i], &info, "unknown",
						"adopted from ocf:heartbeat:docker: no berth labels, no config hash "
						"to compare with the resource's parameters",
						true));
	}
	return ret;
}

int
berth_admin_status(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	cleanup_json json_object *list = NULL;
	json_object *rows = berth_nonnull(json_object_new_array());
	struct berth_cib cib = { o->file };
	berth_cleanup(cib_cache) struct cib_cache cache = { 0 };
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	struct berth_params p;
	berth_error_t err = NULL;
	bool have_cib = true;
	cleanup_free char *no_cib = NULL;
	berth_cleanup(words) char **recorded = NULL;
	size_t i;
	int rc = EXIT_OK;

	(void)argv;
	if (argc > 0)
		return berth_admin_usage_error("status takes no arguments");
	berth_json_set(doc, "containers", rows);
	/* the socket as the agent finds it: docker_socket is not known here, so DOCKER_HOST or
	 * the default */
	berth_admin_set_environment(&(struct kvs){ 0 }, "berth", -1);
	if (berth_params_load(&p, &err) < 0)
		return berth_admin_fail(&err, "cannot find the Docker socket");
	berth_deadline_init(&deadline, DAEMON_MS);
	if (berth_client_open(&client, p.docker_socket, &deadline, &err) < 0) {
		berth_params_release(&p);
		return berth_admin_fail(&err, "cannot list the containers");
	}
	if (berth_container_list(&client, BERTH_LABEL_MANAGED "=1", &list, &err) < 0) {
		berth_engine_free(client.engine);
		berth_params_release(&p);
		return berth_admin_fail(&err, "cannot list the containers");
	}
	/* Is there a CIB to compare with? */
	{
		berth_cleanup(words) char **ids = NULL;

		if (o->file != NULL && access(o->file, R_OK) < 0) {
			berth_engine_free(client.engine);
			berth_params_release(&p);
			return berth_admin_fail(NULL, "cannot read the CIB file %s: %s", o->file, strerror(errno));
		}
		if (berth_cib_resources(&cib, &ids, &err) < 0) {
			have_cib = false;
			no_cib = berth_xstrdup(err->msg);
			berth_error_free(&err);
		}
	}
	/* this node's configuration (conf.h): the value its agent publishes as node attribute
	 * berth-conf, so that an admin can tell which node differs */
	{
		json_object *conf = berth_nonnull(json_object_new_object());
		json_object *files = berth_nonnull(json_object_new_array());

		berth_json_set(conf, "dir", json_object_new_string(p.conf->dir));
		for (i = 0; i < p.conf->nfiles; i++)
			berth_json_append(files, json_object_new_string(p.conf->files[i]));
		berth_json_set(conf, "files", files);
		berth_json_set(conf, "checksum", json_object_new_string(berth_conf_checksum(p.conf)));
		berth_json_set(conf, "attribute", json_object_new_string(berth_conf_attribute_value(p.conf)));
		if (p.conf_error != NULL)
			berth_json_set(conf, "problem", json_object_new_string(p.conf_error->msg));
		berth_json_set(doc, "conf", conf);
	}
	berth_json_set(doc, "cib", json_object_new_string(!have_cib ? "none" : o->file ? o->file : "the live CIB"));
	if (no_cib != NULL)
		berth_json_set(doc, "cib_error", json_object_new_string(no_cib));
	for (i = 0; i < json_object_array_length(list); i++) {
		json_object *c = json_object_array_get_idx(list, i), *names = berth_json_get(c, "Names");
		berth_cleanup(info) struct berth_container_info info = { 0 };
		const char *name = json_object_get_string(json_object_array_get_idx(names, 0));
		cleanup_free char *why = NULL;
		const char *drift;

		if (name == NULL)
			continue;
		if (name[0] == '/')
			name++;
		/* each container its own time: a slow daemon on one row leaves the others theirs */
		berth_deadline_init(&deadline, DAEMON_MS);
		if (berth_container_inspect(&client, name, &info, &err) < 0) {
			/* the daemon failed: say so in the row */
			berth_json_append(rows, row_error(name, &err));
			rc = EXIT_ERROR;
			continue;
		}
		if (!info.exists) {
			/* removed since the list was made (a stop, a cleanup): it is not on the node any
			 * more, which is what the table shows; not an error */
			continue;
		}
		drift = drift_of(&cache, &cib, have_cib, info.instance, info.config_hash, &why);
		berth_json_append(rows, row_new(name, &info, drift, why, false));
	}
	if (berth_state_names(&recorded) < 0) {
		berth_json_set(doc, "records_error",
			       json_object_new_string("cannot read berth's run records (HA_RSCTMP): the containers "
						      "berth adopted are not listed"));
		rc = EXIT_ERROR;
	} else if (rows_add_adopted(rows, &client, &deadline, recorded) < 0) {
		rc = EXIT_ERROR;
	}
	berth_engine_free(client.engine);
	berth_params_release(&p);
	if (o->json) {
		berth_admin_print_json(doc);
		return rc;
	}
	printf("%-24s %-24s %-9s %-8s %-10s %-8s %-8s %s\n", "CONTAINER", "RESOURCE", "ROLE", "STATE", "HEALTH",
	       "UPTIME", "RESTARTS", "DRIFT");
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		if (berth_json_as_str(r, "error", NULL) != NULL) {
			printf("%-24s %s\n", berth_json_as_str(r, "container", ""), berth_json_as_str(r, "error", ""));
			continue;
		}
		printf("%-24s %-24s %-9s %-8s %-10s %-8s %-8s %s\n", berth_json_as_str(r, "container", ""),
		       berth_json_as_str(r, "resource", ""), berth_json_as_str(r, "role", ""),
		       berth_json_as_str(r, "state", ""), berth_json_as_str(r, "health", ""),
		       berth_json_as_str(r, "uptime", ""), berth_json_as_str(r, "restarts", ""),
		       berth_json_as_bool(r, "adopted") ? "adopted" : berth_json_as_str(r, "drift", ""));
	}
	if (json_object_array_length(rows) == 0)
		printf("(no container of berth's on this node)\n");
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		if (berth_json_as_str(r, "drift_reason", NULL) != NULL &&
		    strcmp(berth_json_as_str(r, "drift", NULL), "yes") == 0)
			printf("drift of %s: %s\n", berth_json_as_str(r, "container", ""),
			       berth_json_as_str(r, "drift_reason", ""));
	}
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);
		cleanup_free char *note = NULL;

		if (!berth_json_as_bool(r, "adopted"))
			continue;
		note = berth_xasprintf("adopted: %s has no berth labels: berth adopted it from ocf:heartbeat:docker "
				       "(its run record on this node) and manages it until its resource next stops; "
				       "the next start makes a labelled container in its place",
				       berth_json_as_str(r, "container", ""));
		berth_admin_print_para("", "  ", note);
	}
	if (berth_json_as_str(doc, "records_error", NULL) != NULL)
		printf("%s\n", berth_json_as_str(doc, "records_error", ""));
	if (!have_cib)
		printf("drift unknown: no CIB to compare with (%s); -f FILE reads a CIB file\n", no_cib);
	{
		json_object *conf = berth_json_get(doc, "conf"), *files = berth_json_get(conf, "files");

		printf("node-local configuration (%s): ", berth_json_as_str(conf, "dir", ""));
		if (json_object_array_length(files) == 0 && berth_json_as_str(conf, "problem", NULL) == NULL)
			printf("none (node attribute %s=none)\n", BERTH_CONF_ATTRIBUTE);
		else
			printf("checksum %s, node attribute %s=%s\n", berth_json_as_str(conf, "checksum", ""),
			       BERTH_CONF_ATTRIBUTE, berth_json_as_str(conf, "attribute", ""));
		for (i = 0; i < json_object_array_length(files); i++)
			printf("  %s\n", json_object_get_string(json_object_array_get_idx(files, i)));
		if (berth_json_as_str(conf, "problem", NULL) != NULL) {
			berth_admin_print_para("  ", "    ", berth_json_as_str(conf, "problem", ""));
			rc = EXIT_ERROR;
		}
	}
	return rc;
}
