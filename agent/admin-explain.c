/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth explain: a configuration as berth reads it, the container it would make, and with --diff
 * the container on this node (berth(8)). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "alloc.h"
#include "conf.h"
#include "container.h"
#include "drift.h"
#include "image.h"
#include "json.h"
#include "params.h"
#include "redact.h"
#include "render.h"
#include "request.h"
#include "runopts.h"
#include "words.h"

/* ---- explain ---- */

/* Each line of text, indented. */
static void
indented(const char *indent, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		printf("%s%.*s\n", indent, (int)n, text);
		text += n;
		if (*text == '\n')
			text++;
	}
}

/* A command line as shell words, broken into lines of about 100 columns with "\". */
static void
print_wrapped(json_object *argv)
{
	size_t i, col = 2;

	fputs("  ", stdout);
	for (i = 0; i < json_object_array_length(argv); i++) {
		char *const one[] = { (char *)json_object_get_string(json_object_array_get_idx(argv, i)), NULL };
		cleanup_free char *w = berth_render_shell_line(one);

		if (i > 0 && col + 1 + strlen(w) > 96) {
			fputs(" \\\n      ", stdout);
			col = 6;
		} else if (i > 0) {
			fputc(' ', stdout);
			col++;
		}
		fputs(w, stdout);
		col += strlen(w);
	}
	fputc('\n', stdout);
}

/* Every parameter berth reads, and the deprecated "container" it still honours. */
static bool
known_param(const char *name)
{
	const struct berth_param_def *d;

	for (d = berth_param_table; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return true;
	return strcmp(name, "container") == 0;
}

/* Where a value comes from: the node-local configuration (file, line, section; and the CIB's value
 * it takes the place of), the CIB (or the command line: given), or the default. */
static void
origin_json(json_object *e, const struct berth_params *p, const char *name, const char *given)
{
	const struct berth_conf_setting *s = berth_params_conf_origin(p, name);
	const char *cib = berth_ocf_reskey_env(name);

	if (s == NULL) {
		berth_json_set(e, "origin", json_object_new_string(cib != NULL ? given : "default"));
		return;
	}
	berth_json_set(e, "origin", json_object_new_string("file"));
	berth_json_set(e, "file", json_object_new_string(s->file));
	berth_json_set(e, "line", json_object_new_int(s->line));
	{
		cleanup_free char *section = s->glob ? berth_xasprintf("[resource %s]", s->glob) : NULL;

		berth_json_set(e, "section", json_object_new_string(section ? section : "[defaults]"));
	}
	/* what the file's [resource] section wins over (run_opts, whose values are hidden, can never
	 * come from the file) */
	if (cib != NULL) {
		berth_json_set(e, "over", json_object_new_string(cib));
		berth_json_set(e, "over_origin", json_object_new_string(given));
	}
}

static json_object *
parameters_json(const struct berth_params *p, const char *given)
{
	json_object *list = berth_nonnull(json_object_new_array());
	const struct berth_param_def *d;
	cleanup_free char *redacted = NULL;

	for (d = berth_param_table; d->name; d++) {
		json_object *e = berth_nonnull(json_object_new_object());
		const char *v = berth_ocf_reskey(d->name);
		const char *shown = v;
		const char *note = NULL;

		if (strcmp(d->name, "name") == 0) {
			shown = p->name;
			note = v == NULL ? "derived from the resource instance" : NULL;
		} else if (strcmp(d->name, "docker_socket") == 0) {
			shown = p->docker_socket;
			const char *host = berth_ocf_getenv("DOCKER_HOST");

			if (v == NULL && host != NULL && strncmp(host, "unix:///", 8) == 0)
				note = "from DOCKER_HOST";
			else if (v == NULL && shown != NULL && strcmp(shown, d->dflt) != 0)
				note = "the first engine socket that exists";
		} else if (v == NULL) {
			shown = d->dflt;
		} else if (strcmp(d->name, "run_opts") == 0) {
			/* berth(8)'s output is pasted into tickets: the values of -e and -l stay hidden,
			 * as in the log (redact.h) */
			berth_cleanup(words) char **words = NULL;

			free(redacted);
			redacted = NULL;
			if (berth_runopts_redact(v, &words, NULL) < 0) {
				redacted = berth_xstrdup(BERTH_REDACTED);
				note = "not shown: it does not split into words, so its values cannot be told apart";
			} else {
				redacted = berth_render_shell_line(words);
				if (strstr(redacted, BERTH_REDACTED) != NULL)
					note = "the values of -e/--env and -l/--label are not shown";
			}
			shown = redacted;
		}
		berth_json_set(e, "name", json_object_new_string(d->name));
		if (json_object_object_add(e, "value", shown ? json_object_new_string(shown) : NULL) < 0)
			berth_oom();
		berth_json_set(e, "default", json_object_new_boolean(v == NULL));
		origin_json(e, p, d->name, given);
		if (note != NULL)
			berth_json_set(e, "note", json_object_new_string(note));
		berth_json_append(list, e);
	}
	if (berth_ocf_reskey("container") != NULL) {
		json_object *e = berth_nonnull(json_object_new_object());

		berth_json_set(e, "name", json_object_new_string("container"));
		berth_json_set(e, "value", json_object_new_string(berth_ocf_reskey("container")));
		berth_json_set(e, "default", json_object_new_boolean(false));
		berth_json_set(e, "origin", json_object_new_string(given));
		berth_json_set(e, "note", json_object_new_string("deprecated: read as name when name is not set"));
		berth_json_append(list, e);
	}
	return list;
}

/* What the daemon tells: the image on this node, the API version, the container (--diff). */
static void
daemon_checks(const struct berth_params *p, const struct berth_request *req, json_object *inst, json_object *problems)
{
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	berth_cleanup(info) struct berth_container_info info = { 0 };
	cleanup_json json_object *image = NULL;
	berth_error_t err = NULL;
	const char *image_id = NULL;
	json_object *diff = berth_nonnull(json_object_new_object());

	berth_json_set(inst, "diff", diff);
	berth_deadline_init(&deadline, DAEMON_MS);
	if (berth_client_open(&client, p->docker_socket, &deadline, &err) < 0) {
		berth_json_set(diff, "error", json_object_new_string(err->msg));
		berth_error_free(&err);
		return;
	}
	if (berth_image_inspect(&client, p->image, &image, &err) < 0 ||
	    berth_container_inspect(&client, p->name, &info, &err) < 0) {
		berth_json_set(diff, "error", json_object_new_string(err->msg));
		berth_error_free(&err);
		goto out;
	}
	/* validate-all's checks that need the daemon */
	if (image == NULL && !p->allow_pull)
		berth_json_append(problems, json_object_new_string(
						    "the image is not present on this node and allow_pull is false"));
	{
		int major, minor;

		berth_engine_api_version(client.engine, &major, &minor);
		if (berth_runopts_check_api(req->spec, major, minor, &err) < 0) {
			berth_json_append(problems, json_object_new_string(err->msg));
			berth_error_free(&err);
		}
	}
	if (image != NULL)
		image_id = berth_json_as_str(image, "Id", NULL);
	if (!info.exists) {
		berth_json_set(diff, "container", json_object_new_string(p->name));
		berth_json_set(diff, "exists", json_object_new_boolean(false));
		goto out;
	}
	berth_json_set(diff, "container", json_object_new_string(p->name));
	berth_json_set(diff, "exists", json_object_new_boolean(true));
	berth_json_set(diff, "id", json_object_new_string(info.id ? info.id : ""));
	berth_json_set(diff, "status", json_object_new_string(info.status ? info.status : ""));
	{
		json_object *cmp = berth_drift_compare(req->body, req->hash, info.raw, image_id);

		json_object_object_foreach(cmp, k, v)
		{
			berth_json_set(diff, k, json_object_get(v));
		}
		json_object_put(cmp);
	}
out:
	berth_engine_free(client.engine);
}

/* One instance explained: parameters, problems, request, docker run, and with --diff the
 * container on this node. */
/* The node-local configuration as berth read it for an instance (conf.h). */
static json_object *
conf_json(const struct berth_params *p)
{
	json_object *c = berth_nonnull(json_object_new_object());
	json_object *files = berth_nonnull(json_object_new_array());
	size_t i;

	berth_json_set(c, "dir", json_object_new_string(p->conf ? p->conf->dir : berth_conf_dir()));
	for (i = 0; p->conf != NULL && i < p->conf->nfiles; i++)
		berth_json_append(files, json_object_new_string(p->conf->files[i]));
	berth_json_set(c, "files", files);
	berth_json_set(c, "checksum", json_object_new_string(berth_conf_checksum(p->conf)));
	berth_json_set(c, "applied", json_object_new_boolean(p->conf != NULL && !p->conf->broken));
	return c;
}

static json_object *
explain_instance(const struct opts *o, const struct kvs *params, const char *instance, int clone, const char *given)
{
	json_object *inst = berth_nonnull(json_object_new_object());
	json_object *problems = berth_nonnull(json_object_new_array());
	berth_cleanup(request) struct berth_request req = { 0 };
	struct berth_params p;
	berth_error_t err = NULL;

	berth_admin_set_environment(params, instance, clone);
	berth_json_set(inst, "instance", json_object_new_string(instance));
	if (berth_params_load(&p, &err) < 0) {
		berth_json_append(problems, json_object_new_string(err->msg));
		berth_error_free(&err);
	}
	berth_json_set(inst, "container", json_object_new_string(p.name ? p.name : ""));
	berth_json_set(inst, "parameters", parameters_json(&p, given));
	berth_json_set(inst, "conf", conf_json(&p));
	berth_json_set(inst, "problems", problems);
	(void)berth_request_build(&p, &req, berth_admin_collect_problem, problems, NULL);
	if (req.body != NULL) {
		char **argv = NULL, **unmapped = NULL;
		cleanup_free char *line = NULL;
		json_object *un = berth_nonnull(json_object_new_array());
		/* the request as berth sends it, but the values of Env and Labels (redact.h); the
		 * hash is that of the whole request */
		cleanup_json json_object *shown = berth_redact_config(req.body);
		size_t i;

		berth_json_set(inst, "request", json_object_get(shown));
		berth_json_set(inst, "config_hash", json_object_new_string(req.hash));
		berth_render_docker_run(shown, p.name, &argv, &unmapped);
		line = berth_render_shell_line(argv);
		berth_json_set(inst, "docker_run", json_object_new_string(line));
		{
			json_object *words = berth_nonnull(json_object_new_array());

			for (i = 0; argv[i]; i++)
				berth_json_append(words, json_object_new_string(argv[i]));
			berth_json_set(inst, "docker_run_argv", words);
		}
		for (i = 0; unmapped[i]; i++)
			berth_json_append(un, json_object_new_string(unmapped[i]));
		berth_json_set(inst, "docker_run_omits", un);
		berth_words_free(argv);
		berth_words_free(unmapped);
		if (o->diff && p.docker_socket != NULL)
			daemon_checks(&p, &req, inst, problems);
	}
	berth_params_release(&p);
	return inst;
}

static void
print_explained(json_object *doc, bool diff)
{
	json_object *insts = berth_json_get(doc, "instances");
	size_t i, j;

	printf("%s\n", berth_json_as_str(doc, "title", ""));
	if (json_object_array_length(insts) > 0) {
		/* the same for every instance: this node's */
		json_object *c = berth_json_get(json_object_array_get_idx(insts, 0), "conf"), *files;

		files = berth_json_get(c, "files");
		printf("Node-local configuration of this node (%s): ", berth_json_as_str(c, "dir", ""));
		if (json_object_array_length(files) == 0 && berth_json_as_bool(c, "applied"))
			printf("none\n");
		else {
			for (j = 0; j < json_object_array_length(files); j++)
				printf("%s%s", j ? ", " : "",
				       json_object_get_string(json_object_array_get_idx(files, j)));
			printf("%schecksum %s%s\n", j ? "; " : "", berth_json_as_str(c, "checksum", ""),
			       berth_json_as_bool(c, "applied") ? "" : "; NOT APPLIED (see the problems)");
		}
	}
	for (i = 0; i < json_object_array_length(insts); i++) {
		json_object *inst = json_object_array_get_idx(insts, i), *v, *d;

		printf("\n== instance %s: container %s\n", berth_json_as_str(inst, "instance", ""),
		       berth_json_as_str(inst, "container", ""));
		printf("\nParameters (as berth reads them):\n");
		v = berth_json_get(inst, "parameters");
		for (j = 0; j < json_object_array_length(v); j++) {
			json_object *e = json_object_array_get_idx(v, j);
			const char *val = berth_json_as_str(e, "value", NULL),
				   *note = berth_json_as_str(e, "note", NULL);

			const char *origin = berth_json_as_str(e, "origin", "");
			cleanup_free char *from = NULL;

			/* (default), (CIB), (command line), or (FILE:LINE [section]) */
			if (strcmp(origin, "file") == 0)
				from = berth_xasprintf("%s:%d %s", berth_json_as_str(e, "file", ""),
						       json_object_get_int(berth_json_get(e, "line")),
						       berth_json_as_str(e, "section", ""));
			printf("  %-20s %s%s%s  (%s)\n", berth_json_as_str(e, "name", ""), val ? "\"" : "(unset)",
			       val ? val : "", val ? "\"" : "", from ? from : origin);
			if (berth_json_as_str(e, "over", NULL) != NULL)
				printf("  %-20s   instead of the %s's \"%s\"\n", "",
				       berth_json_as_str(e, "over_origin", ""), berth_json_as_str(e, "over", ""));
			if (note != NULL)
				printf("  %-20s   %s\n", "", note);
		}
		v = berth_json_get(inst, "problems");
		printf("\nProblems validate-all would report:%s\n", json_object_array_length(v) ? "" : " none");
		for (j = 0; j < json_object_array_length(v); j++)
			berth_admin_print_para("  - ", "    ", json_object_get_string(json_object_array_get_idx(v, j)));
		printf("  (all of them, but run_opts shows its first problem only: its parser stops there)\n");
		if (!diff)
			printf("  (not checked without --diff: whether the image is on this node, the daemon's API)\n");
		if (berth_json_get(inst, "request") == NULL) {
			printf("\nNo container can be made from this configuration.\n");
			continue;
		}
		printf("\nThe container berth would create (config hash %s; the values of Env and Labels are not "
		       "shown):\n",
		       berth_json_as_str(inst, "config_hash", ""));
		indented("  ", json_object_to_json_string_ext(berth_json_get(inst, "request"),
							      JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
								      JSON_C_TO_STRING_NOSLASHESCAPE));
		printf("\nThe same with docker run:\n");
		print_wrapped(berth_json_get(inst, "docker_run_argv"));
		v = berth_json_get(inst, "docker_run_omits");
		if (json_object_array_length(v) > 0)
			printf("  What no docker run flag can say:\n");
		for (j = 0; j < json_object_array_length(v); j++)
			printf("    - %s\n", json_object_get_string(json_object_array_get_idx(v, j)));
		if (!diff)
			continue;
		d = berth_json_get(inst, "diff");
		printf("\nThe container on this node:\n");
		if (berth_json_as_str(d, "error", NULL) != NULL) {
			printf("  cannot tell: %s\n", berth_json_as_str(d, "error", ""));
			continue;
		}
		if (!berth_json_as_bool(d, "exists")) {
			printf("  there is no container %s on this node\n", berth_json_as_str(d, "container", ""));
			continue;
		}
		printf("  %s (%.12s), %s\n", berth_json_as_str(d, "container", ""), berth_json_as_str(d, "id", ""),
		       berth_json_as_str(d, "status", ""));
		v = berth_json_get(d, "fields");
		for (j = 0; j < json_object_array_length(v); j++) {
			json_object *f = json_object_array_get_idx(v, j);
			const char *note = berth_json_as_str(f, "note", NULL);
			bool same = berth_json_as_bool(f, "same");

			printf("  %-15s %s\n", berth_json_as_str(f, "field", ""), same ? "same" : "DIFFERS");
			if (!same || strcmp(berth_json_as_str(f, "field", NULL), "config hash") == 0 ||
			    strncmp(berth_json_as_str(f, "field", NULL), "image", 5) == 0) {
				if (berth_json_get(f, "want") != NULL || berth_json_get(f, "have") != NULL) {
					printf("  %-15s   resource:  %s\n", "",
					       json_object_to_json_string_ext(berth_json_get(f, "want"),
									      JSON_C_TO_STRING_PLAIN |
										      JSON_C_TO_STRING_NOSLASHESCAPE));
					printf("  %-15s   container: %s\n", "",
					       json_object_to_json_string_ext(berth_json_get(f, "have"),
									      JSON_C_TO_STRING_PLAIN |
										      JSON_C_TO_STRING_NOSLASHESCAPE));
				}
			}
			if (note != NULL && (!same || strcmp(berth_json_as_str(f, "field", NULL), "config hash") != 0))
				printf("  %-15s   (%s)\n", "", note);
		}
		printf("  => %s\n", !berth_json_as_bool(d, "drifted") ? "the container is what the resource asks for"
				    : berth_json_as_bool(d, "recreate")
					    ? "drifted: berth's next start of it recreates the container"
					    : "drifted: the container differs from what the resource asks "
					      "for, though its config hash is the same (changed by hand?)");
	}
}

/* The instances of a resource in the CIB: a primitive (its clone instances when it is cloned),
 * or a bundle's replicas. */
static int
resolve(const struct berth_cib *cib, const char *rsc, json_object *doc, struct kvs *params, char ***instances,
	int **clones, berth_error_t *err)
{
	cleanup_free char *cls = NULL, *provider = NULL, *type = NULL, *base = NULL, *gu = NULL;
	berth_cleanup(words) char **ids = NULL;
	size_t i, n = 0, blen;
	char **list;
	int *cl;

	base = berth_xstrndup(rsc, strcspn(rsc, ":"));
	if (berth_cib_attr(cib, base, "class", true, &cls, err) < 0)
		return -1;
	if (berth_cib_resources(cib, &ids, err) < 0)
		return -1;
	for (n = 0; ids[n]; n++)
		;
	list = berth_xcalloc(n + 2, sizeof(*list));
	cl = berth_xcalloc(n + 2, sizeof(*cl));
	*instances = list;
	*clones = cl;
	n = 0;
	blen = strlen(base);
	if (cls == NULL) {
		/* a bundle: its replicas are <bundle>-docker-<N> */
		for (i = 0; ids[i]; i++)
			if (strncmp(ids[i], base, blen) == 0 && strncmp(ids[i] + blen, "-docker-", 8) == 0) {
				cl[n] = -1;
				list[n++] = berth_xstrdup(ids[i]);
			}
		if (n == 0)
			return berth_error_set(
				err, EINVAL,
				"%s is neither a primitive nor a bundle of docker containers (a clone or "
				"group: name the primitive in it)",
				rsc);
		berth_json_set(doc, "kind", json_object_new_string("bundle"));
		berth_json_set(
			doc, "note",
			json_object_new_string("each replica's parameters are those Pacemaker generates for "
					       "its implicit primitive <bundle>-docker-<N>, read with crm_resource"));
		return 0;
	}
	(void)berth_cib_attr(cib, base, "provider", true, &provider, NULL);
	(void)berth_cib_attr(cib, base, "type", true, &type, NULL);
	{
		cleanup_free char *agent = berth_xasprintf("%s:%s:%s", cls, provider ? provider : "", type ? type : "");

		berth_json_set(doc, "agent", json_object_new_string(agent));
	}
	berth_json_set(doc, "kind", json_object_new_string("primitive"));
	if (strcmp(cls, "ocf") != 0 || type == NULL || strcmp(type, "docker") != 0 || provider == NULL ||
	    (strcmp(provider, "berth") != 0 && strcmp(provider, "heartbeat") != 0))
		return berth_error_set(err, EINVAL, "%s is %s:%s:%s, not a docker container resource", rsc, cls,
				       provider ? provider : "", type ? type : "");
	if (strcmp(provider, "heartbeat") == 0)
		berth_json_set(doc, "note",
			       json_object_new_string("the resource runs ocf:heartbeat:docker: this is what berth "
						      "would do with it (berth migrate switches it)"));
	if (berth_admin_cib_params(cib, base, params, err) < 0)
		return -1;
	(void)berth_cib_attr(cib, base, "globally-unique", true, &gu, NULL);
	for (i = 0; ids[i]; i++) {
		bool unique = false;

		if (strncmp(ids[i], base, blen) != 0 || ids[i][blen] != ':')
			continue;
		if (strchr(rsc, ':') != NULL && strcmp(ids[i], rsc) != 0)
			continue;
		(void)berth_ocf_parse_bool(gu, &unique);
		/* Pacemaker names a globally-unique clone's instances "rsc:N"; an anonymous clone's
		 * are all "rsc", told apart by CRM_meta_clone */
		cl[n] = unique ? -1 : (int)strtol(ids[i] + blen + 1, NULL, 10);
		list[n++] = berth_xstrdup(unique ? ids[i] : base);
	}
	if (n == 0) {
		cl[n] = -1;
		list[n++] = berth_xstrdup(base);
	} else {
		berth_json_set(doc, "kind", json_object_new_string("clone"));
	}
	return 0;
}

int
berth_admin_explain(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	json_object *insts = berth_nonnull(json_object_new_array());
	berth_cleanup(admin_kvs) struct kvs params = { 0 };
	struct berth_cib cib = { o->file };
	berth_error_t err = NULL;
	bool direct = argc > 0 && strchr(argv[0], '=') != NULL;
	int i, rc = EXIT_OK;

	berth_json_set(doc, "instances", insts);
	if (argc == 0)
		return berth_admin_usage_error("explain needs a RESOURCE or NAME=VALUE parameters");
	if (direct) {
		if (o->file != NULL)
			return berth_admin_usage_error(
				"-f reads a resource from a CIB file: not with NAME=VALUE parameters");
		for (i = 0; i < argc; i++) {
			const char *eq = strchr(argv[i], '=');
			cleanup_free char *name = NULL;

			if (eq == NULL || eq == argv[i])
				return berth_admin_usage_error("'%s' is not NAME=VALUE", argv[i]);
			name = berth_xstrndup(argv[i], (size_t)(eq - argv[i]));
			if (!known_param(name))
				return berth_admin_usage_error("ocf:berth:docker has no parameter '%s'", name);
			berth_admin_kvs_add(&params, name, eq + 1);
		}
		{
			cleanup_free char *title = berth_xasprintf("Parameters given on the command line (resource "
								   "instance %s)",
								   o->instance);

			berth_json_set(doc, "title", json_object_new_string(title));
		}
		berth_json_set(doc, "kind", json_object_new_string("parameters"));
		berth_json_append(insts, explain_instance(o, &params, o->instance, -1, "command line"));
	} else {
		berth_cleanup(words) char **instances = NULL;
		cleanup_free int *clones = NULL;
		size_t k;

		if (argc > 1)
			return berth_admin_usage_error("explain takes one RESOURCE");
		if (o->file != NULL && access(o->file, R_OK) < 0)
			return berth_admin_fail(NULL, "cannot read the CIB file %s: %s", o->file, strerror(errno));
		if (resolve(&cib, argv[0], doc, &params, &instances, &clones, &err) < 0)
			return berth_admin_fail(&err, "cannot explain %s", argv[0]);
		for (k = 0; instances[k]; k++) {
			berth_cleanup(admin_kvs) struct kvs own = { 0 };
			const struct kvs *use = &params;

			if (strcmp(berth_json_as_str(doc, "kind", NULL), "bundle") == 0) {
				if (berth_admin_cib_params(&cib, instances[k], &own, &err) < 0)
					return berth_admin_fail(&err, "cannot read the parameters of %s", instances[k]);
				use = &own;
			}
			berth_json_append(insts, explain_instance(o, use, instances[k], clones[k], "CIB"));
		}
		berth_json_set(doc, "resource", json_object_new_string(argv[0]));
		berth_json_set(doc, "source", json_object_new_string(o->file ? o->file : "the live CIB"));
		{
			cleanup_free char *title = berth_xasprintf(
				"Resource %s (%s%s%s), from %s%s%s", argv[0], berth_json_as_str(doc, "kind", ""),
				berth_json_as_str(doc, "agent", NULL) ? " " : "",
				berth_json_as_str(doc, "agent", NULL) ? berth_json_as_str(doc, "agent", "") : "",
				o->file ? o->file : "the live CIB",
				berth_json_as_str(doc, "note", NULL) ? "\nNote: " : "",
				berth_json_as_str(doc, "note", NULL) ? berth_json_as_str(doc, "note", "") : "");

			berth_json_set(doc, "title", json_object_new_string(title));
		}
	}
	/* the exit code: a problem, or with --diff drift or no container here */
	for (size_t k = 0; k < json_object_array_length(insts); k++) {
		json_object *inst = json_object_array_get_idx(insts, k), *d = berth_json_get(inst, "diff");

		if (json_object_array_length(berth_json_get(inst, "problems")) > 0)
			rc = EXIT_ERROR;
		if (o->diff && (d == NULL || berth_json_as_str(d, "error", NULL) != NULL ||
				!berth_json_as_bool(d, "exists") || berth_json_as_bool(d, "drifted")))
			rc = EXIT_ERROR;
	}
	if (o->json)
		berth_admin_print_json(doc);
	else
		print_explained(doc, o->diff);
	return rc;
}
