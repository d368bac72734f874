/* berth: the admin's command, berth(8): explain a resource's configuration as berth reads it,
 * compare it with the container running on this node, list berth's containers, and migrate a
 * CIB's ocf:heartbeat:docker primitives. It reads the CIB through Pacemaker's tools (lib/cib.c)
 * and the containers through the library's container module, as the agent does.
 *
 * Exit codes, as Pacemaker's and pcs's tools: 0 ok, 1 an error or something found (a
 * configuration problem, a drifted container, a resource that cannot be migrated), 2 usage. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <qb/qblog.h>

#include "alloc.h"
#include "cib.h"
#include "cleanup.h"
#include "container.h"
#include "drift.h"
#include "migrate.h"
#include "params.h"
#include "render.h"
#include "request.h"
#include "runopts.h"
#include "spec.h"
#include "state.h"
#include "words.h"

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

#define DAEMON_MS  30000L /* the budget of the daemon calls of one command */
#define REPLACE_MS 120000L

struct opts {
	bool json;
	bool diff;
	bool apply;
	const char *file;     /* -f: a CIB file */
	const char *instance; /* explain name=value: the resource instance (labels, hash) */
};

BERTH_DEFINE_CLEANUP(spec, struct berth_spec *, berth_spec_free)

/* ---- output ---- */

static void
usage(FILE *out)
{
	fprintf(out, "usage: berth [--output-as=text|json] COMMAND ...\n"
		     "\n"
		     "  berth explain [-f CIB_FILE] [--diff] RESOURCE\n"
		     "  berth explain [--instance=ID] [--diff] NAME=VALUE ...\n"
		     "      the parameters as berth reads them, every problem validate-all reports, the\n"
		     "      container berth would create (request and configuration hash) and the\n"
		     "      equivalent docker run; --diff compares it with the container on this node\n"
		     "  berth status [-f CIB_FILE]\n"
		     "      berth's containers on this node: resource, role, state, health, uptime,\n"
		     "      restarts, and whether each drifted from its resource's parameters\n"
		     "  berth migrate [-f CIB_FILE] [--apply] [RESOURCE ...]\n"
		     "      turn ocf:heartbeat:docker primitives into ocf:berth:docker ones: shows the\n"
		     "      change and what cannot be migrated; --apply changes the CIB\n"
		     "  berth --help | --version\n"
		     "\n"
		     "Exit codes: 0 ok, 1 error or something found (a problem, drift, a resource that\n"
		     "cannot be migrated), 2 usage. See berth(8).\n");
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("berth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(berth --help shows the usage)\n", stderr);
	return EXIT_USAGE;
}

/* An error for the admin: "berth: MESSAGE" on stderr. */
static int fail(berth_error_t *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(berth_error_t *err, const char *fmt, ...)
{
	va_list ap;

	fputs("berth: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err != NULL && *err != NULL)
		fprintf(stderr, ": %s", (*err)->msg);
	fputc('\n', stderr);
	berth_error_free(err);
	return EXIT_ERROR;
}

static void
print_json(json_object *o)
{
	puts(berth_nonnull((void *)json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
									     JSON_C_TO_STRING_NOSLASHESCAPE)));
}

static const char *
str(json_object *obj, const char *key)
{
	json_object *v = NULL;

	return json_object_object_get_ex(obj, key, &v) && v != NULL ? json_object_get_string(v) : NULL;
}

/* str, with "" for a member that is not there */
static const char *
text(json_object *obj, const char *key)
{
	const char *s = str(obj, key);

	return s ? s : "";
}

static json_object *
get(json_object *obj, const char *key)
{
	json_object *v = NULL;

	return json_object_object_get_ex(obj, key, &v) ? v : NULL;
}

static bool
flag(json_object *obj, const char *key)
{
	return json_object_get_boolean(get(obj, key));
}

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

/* Text in lines of at most 100 columns: the first after first, the others after rest. */
static void
print_para(const char *first, const char *rest, const char *text)
{
	size_t col = strlen(first);
	bool line_start = true;

	fputs(first, stdout);
	while (*text) {
		size_t n = strcspn(text, " ");

		if (!line_start && col + 1 + n > 100) {
			printf("\n%s", rest);
			col = strlen(rest);
			line_start = true;
		}
		if (!line_start) {
			fputc(' ', stdout);
			col++;
		}
		fwrite(text, 1, n, stdout);
		col += n;
		line_start = false;
		text += n;
		while (*text == ' ')
			text++;
	}
	fputc('\n', stdout);
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

/* ---- the OCF environment of one resource instance ---- */

/* A parameter and its value, from the CIB or the command line. */
struct kv {
	char *name;
	char *value;
};

struct kvs {
	struct kv *v;
	size_t n;
};

static void
kvs_add(struct kvs *k, const char *name, const char *value)
{
	k->v = berth_xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
	k->v[k->n].name = berth_xstrdup(name);
	k->v[k->n].value = berth_xstrdup(value);
	k->n++;
}

static void
kvs_release(struct kvs *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].name);
		free(k->v[i].value);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}
BERTH_DEFINE_CLEANUP_STRUCT(kvs, struct kvs, kvs_release)

static const char *
kvs_get(const struct kvs *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0)
			return k->v[i].value;
	return NULL;
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

static void
setenv_reskey(const char *name, const char *value)
{
	cleanup_free char *key = berth_xasprintf("OCF_RESKEY_%s", name);

	if (value != NULL)
		setenv(key, value, 1);
	else
		unsetenv(key);
}

/* The environment Pacemaker gives the agent for this instance: berth's library reads its
 * parameters from there, so explain sees exactly what the agent would. clone < 0: not an
 * anonymous clone's instance. */
static void
set_environment(const struct kvs *params, const char *instance, int clone)
{
	const struct berth_param_def *d;
	char buf[16];

	for (d = berth_param_table; d->name; d++)
		setenv_reskey(d->name, kvs_get(params, d->name));
	setenv_reskey("container", kvs_get(params, "container"));
	snprintf(buf, sizeof(buf), "%d", clone);
	setenv_reskey("CRM_meta_clone", clone >= 0 ? buf : NULL);
	setenv("OCF_RESOURCE_INSTANCE", instance, 1);
}

/* The parameters of a resource in the CIB, one crm_resource call each (Pacemaker evaluates
 * rules and id-refs, and knows the parameters of a bundle's implicit replicas). */
static int
cib_params(const struct berth_cib *cib, const char *rsc, struct kvs *out, berth_error_t *err)
{
	const struct berth_param_def *d;

	/* the table's parameters, then the deprecated "container" (the row with name NULL) */
	for (d = berth_param_table;; d++) {
		const char *name = d->name ? d->name : "container";
		cleanup_free char *v = NULL;

		if (berth_cib_attr(cib, rsc, name, false, &v, err) < 0)
			return -1;
		if (v != NULL)
			kvs_add(out, name, v);
		if (d->name == NULL)
			return 0;
	}
}

/* ---- explain ---- */

static void
collect_problem(void *arg, const struct berth_error *problem)
{
	berth_json_append(arg, json_object_new_string(problem->msg));
}

static json_object *
parameters_json(const struct berth_params *p)
{
	json_object *list = berth_nonnull(json_object_new_array());
	const struct berth_param_def *d;

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
			note = v == NULL && shown != NULL && strcmp(shown, d->dflt) != 0 ? "from DOCKER_HOST" : NULL;
		} else if (v == NULL) {
			shown = d->dflt;
		}
		berth_json_set(e, "name", json_object_new_string(d->name));
		if (json_object_object_add(e, "value", shown ? json_object_new_string(shown) : NULL) < 0)
			berth_oom();
		berth_json_set(e, "default", json_object_new_boolean(v == NULL));
		if (note != NULL)
			berth_json_set(e, "note", json_object_new_string(note));
		berth_json_append(list, e);
	}
	if (berth_ocf_reskey("container") != NULL) {
		json_object *e = berth_nonnull(json_object_new_object());

		berth_json_set(e, "name", json_object_new_string("container"));
		berth_json_set(e, "value", json_object_new_string(berth_ocf_reskey("container")));
		berth_json_set(e, "default", json_object_new_boolean(false));
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
	client.deadline = &deadline;
	client.engine = berth_engine_new(p->docker_socket);
	if (client.engine == NULL) {
		berth_json_set(diff, "error", json_object_new_string("cannot initialise libcurl"));
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
		image_id = str(image, "Id");
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
static json_object *
explain_instance(const struct opts *o, const struct kvs *params, const char *instance, int clone)
{
	json_object *inst = berth_nonnull(json_object_new_object());
	json_object *problems = berth_nonnull(json_object_new_array());
	berth_cleanup(request) struct berth_request req = { 0 };
	struct berth_params p;
	berth_error_t err = NULL;

	set_environment(params, instance, clone);
	berth_json_set(inst, "instance", json_object_new_string(instance));
	if (berth_params_load(&p, &err) < 0) {
		berth_json_append(problems, json_object_new_string(err->msg));
		berth_error_free(&err);
	}
	berth_json_set(inst, "container", json_object_new_string(p.name ? p.name : ""));
	berth_json_set(inst, "parameters", parameters_json(&p));
	berth_json_set(inst, "problems", problems);
	(void)berth_request_build(&p, &req, collect_problem, problems, NULL);
	if (req.body != NULL) {
		char **argv = NULL, **unmapped = NULL;
		cleanup_free char *line = NULL;
		json_object *un = berth_nonnull(json_object_new_array());
		size_t i;

		berth_json_set(inst, "request", json_object_get(req.body));
		berth_json_set(inst, "config_hash", json_object_new_string(req.hash));
		berth_render_docker_run(req.body, p.name, &argv, &unmapped);
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
	json_object *insts = get(doc, "instances");
	size_t i, j;

	printf("%s\n", text(doc, "title"));
	for (i = 0; i < json_object_array_length(insts); i++) {
		json_object *inst = json_object_array_get_idx(insts, i), *v, *d;

		printf("\n== instance %s: container %s\n", text(inst, "instance"), text(inst, "container"));
		printf("\nParameters (as berth reads them):\n");
		v = get(inst, "parameters");
		for (j = 0; j < json_object_array_length(v); j++) {
			json_object *e = json_object_array_get_idx(v, j);
			const char *val = str(e, "value"), *note = str(e, "note");

			printf("  %-20s %s%s%s%s\n", text(e, "name"), val ? "\"" : "(unset)", val ? val : "",
			       val ? "\"" : "", flag(e, "default") ? "  (default)" : "");
			if (note != NULL)
				printf("  %-20s   %s\n", "", note);
		}
		v = get(inst, "problems");
		printf("\nProblems validate-all would report: %s\n", json_object_array_length(v) ? "" : "none");
		for (j = 0; j < json_object_array_length(v); j++)
			print_para("  - ", "    ", json_object_get_string(json_object_array_get_idx(v, j)));
		printf("  (all of them, but run_opts shows its first problem only: its parser stops there)\n");
		if (!diff)
			printf("  (not checked without --diff: whether the image is on this node, the daemon's API)\n");
		if (get(inst, "request") == NULL) {
			printf("\nNo container can be made from this configuration.\n");
			continue;
		}
		printf("\nThe container berth would create (config hash %s):\n", text(inst, "config_hash"));
		indented("  ", json_object_to_json_string_ext(get(inst, "request"),
							      JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
								      JSON_C_TO_STRING_NOSLASHESCAPE));
		printf("\nThe same with docker run:\n");
		print_wrapped(get(inst, "docker_run_argv"));
		v = get(inst, "docker_run_omits");
		if (json_object_array_length(v) > 0)
			printf("  What no docker run flag can say:\n");
		for (j = 0; j < json_object_array_length(v); j++)
			printf("    - %s\n", json_object_get_string(json_object_array_get_idx(v, j)));
		if (!diff)
			continue;
		d = get(inst, "diff");
		printf("\nThe container on this node:\n");
		if (str(d, "error") != NULL) {
			printf("  cannot tell: %s\n", text(d, "error"));
			continue;
		}
		if (!flag(d, "exists")) {
			printf("  there is no container %s on this node\n", text(d, "container"));
			continue;
		}
		printf("  %s (%.12s), %s\n", text(d, "container"), text(d, "id"), text(d, "status"));
		v = get(d, "fields");
		for (j = 0; j < json_object_array_length(v); j++) {
			json_object *f = json_object_array_get_idx(v, j);
			const char *note = str(f, "note");
			bool same = flag(f, "same");

			printf("  %-15s %s\n", text(f, "field"), same ? "same" : "DIFFERS");
			if (!same || strcmp(str(f, "field"), "config hash") == 0 ||
			    strncmp(str(f, "field"), "image", 5) == 0) {
				if (get(f, "want") != NULL || get(f, "have") != NULL) {
					printf("  %-15s   resource:  %s\n", "",
					       json_object_to_json_string_ext(get(f, "want"),
									      JSON_C_TO_STRING_PLAIN |
										      JSON_C_TO_STRING_NOSLASHESCAPE));
					printf("  %-15s   container: %s\n", "",
					       json_object_to_json_string_ext(get(f, "have"),
									      JSON_C_TO_STRING_PLAIN |
										      JSON_C_TO_STRING_NOSLASHESCAPE));
				}
			}
			if (note != NULL && (!same || strcmp(str(f, "field"), "config hash") != 0))
				printf("  %-15s   (%s)\n", "", note);
		}
		printf("  => %s\n", !flag(d, "drifted") ? "the container is what the resource asks for"
				    : flag(d, "recreate")
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
	if (cib_params(cib, base, params, err) < 0)
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

static int
cmd_explain(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	json_object *insts = berth_nonnull(json_object_new_array());
	berth_cleanup(kvs) struct kvs params = { 0 };
	struct berth_cib cib = { o->file };
	berth_error_t err = NULL;
	bool direct = argc > 0 && strchr(argv[0], '=') != NULL;
	int i, rc = EXIT_OK;

	berth_json_set(doc, "instances", insts);
	if (argc == 0)
		return usage_error("explain needs a RESOURCE or NAME=VALUE parameters");
	if (direct) {
		if (o->file != NULL)
			return usage_error("-f reads a resource from a CIB file: not with NAME=VALUE parameters");
		for (i = 0; i < argc; i++) {
			const char *eq = strchr(argv[i], '=');
			cleanup_free char *name = NULL;

			if (eq == NULL || eq == argv[i])
				return usage_error("'%s' is not NAME=VALUE", argv[i]);
			name = berth_xstrndup(argv[i], (size_t)(eq - argv[i]));
			if (!known_param(name))
				return usage_error("ocf:berth:docker has no parameter '%s'", name);
			kvs_add(&params, name, eq + 1);
		}
		{
			cleanup_free char *title = berth_xasprintf("Parameters given on the command line (resource "
								   "instance %s)",
								   o->instance);

			berth_json_set(doc, "title", json_object_new_string(title));
		}
		berth_json_set(doc, "kind", json_object_new_string("parameters"));
		berth_json_append(insts, explain_instance(o, &params, o->instance, -1));
	} else {
		berth_cleanup(words) char **instances = NULL;
		cleanup_free int *clones = NULL;
		size_t k;

		if (argc > 1)
			return usage_error("explain takes one RESOURCE");
		if (o->file != NULL && access(o->file, R_OK) < 0)
			return fail(NULL, "cannot read the CIB file %s: %s", o->file, strerror(errno));
		if (resolve(&cib, argv[0], doc, &params, &instances, &clones, &err) < 0)
			return fail(&err, "cannot explain %s", argv[0]);
		for (k = 0; instances[k]; k++) {
			berth_cleanup(kvs) struct kvs own = { 0 };
			const struct kvs *use = &params;

			if (strcmp(str(doc, "kind"), "bundle") == 0) {
				if (cib_params(&cib, instances[k], &own, &err) < 0)
					return fail(&err, "cannot read the parameters of %s", instances[k]);
				use = &own;
			}
			berth_json_append(insts, explain_instance(o, use, instances[k], clones[k]));
		}
		berth_json_set(doc, "resource", json_object_new_string(argv[0]));
		berth_json_set(doc, "source", json_object_new_string(o->file ? o->file : "the live CIB"));
		{
			cleanup_free char *title = berth_xasprintf(
				"Resource %s (%s%s%s), from %s%s%s", argv[0], text(doc, "kind"),
				str(doc, "agent") ? " " : "", str(doc, "agent") ? text(doc, "agent") : "",
				o->file ? o->file : "the live CIB", str(doc, "note") ? "\nNote: " : "",
				str(doc, "note") ? text(doc, "note") : "");

			berth_json_set(doc, "title", json_object_new_string(title));
		}
	}
	/* the exit code: a problem, or with --diff drift or no container here */
	for (size_t k = 0; k < json_object_array_length(insts); k++) {
		json_object *inst = json_object_array_get_idx(insts, k), *d = get(inst, "diff");

		if (json_object_array_length(get(inst, "problems")) > 0)
			rc = EXIT_ERROR;
		if (o->diff && (d == NULL || str(d, "error") != NULL || !flag(d, "exists") || flag(d, "drifted")))
			rc = EXIT_ERROR;
	}
	if (o->json)
		print_json(doc);
	else
		print_explained(doc, o->diff);
	return rc;
}

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

/* Would the resource's parameters in the CIB give this container's hash? "yes"/"no"/"unknown" */
static const char *
drift_of(const struct berth_cib *cib, bool have_cib, const char *instance, const char *hash, char **why)
{
	berth_cleanup(kvs) struct kvs params = { 0 };
	berth_cleanup(request) struct berth_request req = { 0 };
	cleanup_free char *rsc = NULL;
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
	if (cib_params(cib, rsc, &params, &err) < 0) {
		*why = berth_xstrdup(err->msg);
		berth_error_free(&err);
		return "unknown";
	}
	set_environment(&params, instance, -1);
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

static int
cmd_status(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	cleanup_json json_object *list = NULL;
	json_object *rows = berth_nonnull(json_object_new_array());
	struct berth_cib cib = { o->file };
	struct berth_deadline deadline;
	struct berth_client client = { 0 };
	struct berth_params p;
	berth_error_t err = NULL;
	bool have_cib = true;
	cleanup_free char *no_cib = NULL;
	size_t i;
	int rc = EXIT_OK;

	(void)argv;
	if (argc > 0)
		return usage_error("status takes no arguments");
	berth_json_set(doc, "containers", rows);
	/* the socket as the agent finds it: docker_socket is not known here, so DOCKER_HOST or
	 * the default */
	set_environment(&(struct kvs){ 0 }, "berth", -1);
	if (berth_params_load(&p, &err) < 0)
		return fail(&err, "cannot find the Docker socket");
	berth_deadline_init(&deadline, DAEMON_MS);
	client.deadline = &deadline;
	client.engine = berth_engine_new(p.docker_socket);
	if (client.engine == NULL) {
		berth_params_release(&p);
		return fail(NULL, "cannot initialise libcurl");
	}
	if (berth_container_list(&client, BERTH_LABEL_MANAGED "=1", &list, &err) < 0) {
		berth_engine_free(client.engine);
		berth_params_release(&p);
		return fail(&err, "cannot list the containers");
	}
	/* Is there a CIB to compare with? */
	{
		berth_cleanup(words) char **ids = NULL;

		if (o->file != NULL && access(o->file, R_OK) < 0) {
			berth_engine_free(client.engine);
			berth_params_release(&p);
			return fail(NULL, "cannot read the CIB file %s: %s", o->file, strerror(errno));
		}
		if (berth_cib_resources(&cib, &ids, &err) < 0) {
			have_cib = false;
			no_cib = berth_xstrdup(err->msg);
			berth_error_free(&err);
		}
	}
	berth_json_set(doc, "cib", json_object_new_string(!have_cib ? "none" : o->file ? o->file : "the live CIB"));
	if (no_cib != NULL)
		berth_json_set(doc, "cib_error", json_object_new_string(no_cib));
	for (i = 0; i < json_object_array_length(list); i++) {
		json_object *c = json_object_array_get_idx(list, i), *names = get(c, "Names");
		json_object *row = berth_nonnull(json_object_new_object());
		berth_cleanup(info) struct berth_container_info info = { 0 };
		const char *name = json_object_get_string(json_object_array_get_idx(names, 0));
		cleanup_free char *why = NULL;
		struct berth_state st;
		const char *role, *drift;
		char age[32] = "-";

		if (name == NULL)
			continue;
		if (name[0] == '/')
			name++;
		if (berth_container_inspect(&client, name, &info, &err) < 0 || !info.exists) {
			/* removed meanwhile, or the daemon failed: say so in the row */
			berth_json_set(row, "container", json_object_new_string(name));
			berth_json_set(row, "error",
				       json_object_new_string(err ? err->msg : "removed while berth listed it"));
			berth_error_free(&err);
			berth_json_append(rows, row);
			rc = EXIT_ERROR;
			continue;
		}
		if (info.running) {
			time_t start = parse_time(info.started_at);

			if (start > 0)
				format_age((long long)(time(NULL) - start), age, sizeof(age));
		}
		role = !info.running ? "stopped"
		       : berth_state_load(name, &st) == 1 && st.promoted && info.id && info.started_at &&
				       strcmp(st.id, info.id) == 0 && strcmp(st.started_at, info.started_at) == 0
			       ? "promoted"
			       : "started";
		drift = drift_of(&cib, have_cib, info.instance, info.config_hash, &why);
		berth_json_set(row, "container", json_object_new_string(name));
		berth_json_set(row, "resource", json_object_new_string(info.instance ? info.instance : ""));
		berth_json_set(row, "role", json_object_new_string(role));
		berth_json_set(row, "state", json_object_new_string(info.status ? info.status : ""));
		berth_json_set(row, "health", json_object_new_string(info.health ? info.health : "-"));
		berth_json_set(row, "uptime", json_object_new_string(age));
		berth_json_set(row, "started_at", json_object_new_string(info.started_at ? info.started_at : ""));
		berth_json_set(row, "restarts",
			       json_object_new_int64(json_object_get_int64(get(info.raw, "RestartCount"))));
		berth_json_set(row, "drift", json_object_new_string(drift));
		if (why != NULL)
			berth_json_set(row, "drift_reason", json_object_new_string(why));
		berth_json_set(row, "id", json_object_new_string(info.id ? info.id : ""));
		berth_json_append(rows, row);
	}
	berth_engine_free(client.engine);
	berth_params_release(&p);
	if (o->json) {
		print_json(doc);
		return rc;
	}
	printf("%-24s %-24s %-9s %-8s %-10s %-8s %-8s %s\n", "CONTAINER", "RESOURCE", "ROLE", "STATE", "HEALTH",
	       "UPTIME", "RESTARTS", "DRIFT");
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		if (str(r, "error") != NULL) {
			printf("%-24s %s\n", text(r, "container"), text(r, "error"));
			continue;
		}
		printf("%-24s %-24s %-9s %-8s %-10s %-8s %-8s %s\n", text(r, "container"), text(r, "resource"),
		       text(r, "role"), text(r, "state"), text(r, "health"), text(r, "uptime"), text(r, "restarts"),
		       text(r, "drift"));
	}
	if (json_object_array_length(rows) == 0)
		printf("(no container of berth's on this node)\n");
	for (i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		if (str(r, "drift_reason") != NULL && strcmp(str(r, "drift"), "yes") == 0)
			printf("drift of %s: %s\n", text(r, "container"), text(r, "drift_reason"));
	}
	if (!have_cib)
		printf("drift unknown: no CIB to compare with (%s); -f FILE reads a CIB file\n", no_cib);
	return rc;
}

/* ---- migrate ---- */

static int
read_file(const char *path, char **text, size_t *len, berth_error_t *err)
{
	cleanup_close int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 65536, n = 0;
	char *buf;

	*text = NULL;
	if (fd < 0)
		return berth_error_set(err, errno, "cannot open %s: %s", path, strerror(errno));
	buf = berth_xmalloc(cap + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			return berth_error_set(err, e, "cannot read %s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) {
			cap *= 2;
			buf = berth_xrealloc(buf, cap + 1);
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

/* A private temporary file holding text; its path in *path (malloc'd). */
static int
write_temp(const char *text, size_t len, char **path, berth_error_t *err)
{
	const char *dir = getenv("TMPDIR");
	char *p = berth_xasprintf("%s/berth-cib.XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(p);
	size_t done = 0;

	*path = NULL;
	if (fd < 0) {
		int e = errno;

		free(p);
		return berth_error_set(err, e, "cannot create a temporary file: %s", strerror(e));
	}
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int e = errno;

			close(fd);
			unlink(p);
			free(p);
			return berth_error_set(err, e, "cannot write a temporary file: %s", strerror(e));
		}
		done += (size_t)w;
	}
	close(fd);
	*path = p;
	return 0;
}

/* The start tag around offset off of xml */
static char *
tag_at(const char *xml, size_t off)
{
	size_t a = off, b = off;

	while (a > 0 && xml[a] != '<')
		a--;
	while (xml[b] && xml[b] != '>')
		b++;
	return berth_xstrndup(xml + a, b - a + (xml[b] == '>'));
}

static void
add_str(json_object *arr, char *s)
{
	berth_json_append(arr, json_object_new_string(s));
	free(s);
}

/* What migrating one primitive changes, and what stands in the way. */
static json_object *
migrate_check(const struct berth_cib *snapshot, const char *xml, const struct berth_migrate_target *t,
	      berth_error_t *err)
{
	json_object *r = berth_nonnull(json_object_new_object());
	json_object *changes = berth_nonnull(json_object_new_array()),
		    *blockers = berth_nonnull(json_object_new_array());
	json_object *problems = berth_nonnull(json_object_new_array());
	berth_cleanup(kvs) struct kvs params = { 0 };
	berth_cleanup(request) struct berth_request req = { 0 };
	cleanup_free char *tag = tag_at(xml, t->provider_off), *gu = NULL;
	const char *const words[] = { "run_opts", "run_cmd", "monitor_cmd" };
	struct berth_params p;
	bool unique = false;
	size_t i;

	berth_json_set(r, "id", json_object_new_string(t->id));
	if (t->clone != NULL)
		berth_json_set(r, "clone", json_object_new_string(t->clone));
	berth_json_set(r, "changes", changes);
	berth_json_set(r, "blockers", blockers);
	if (cib_params(snapshot, t->id, &params, err) < 0) {
		json_object_put(r);
		json_object_put(problems);
		return NULL;
	}
	{
		/* the start tag, before and after: tag_at starts at the '<' before the provider */
		const char *value = xml + t->provider_off, *start = value;
		size_t before;

		while (start > xml && *start != '<')
			start--;
		before = (size_t)(value - start);
		add_str(changes, berth_xasprintf("- %s", tag));
		add_str(changes, berth_xasprintf("+ %.*sberth%s", (int)before, tag, tag + before + t->provider_len));
	}
	if (t->container_len > 0) {
		const char *c = kvs_get(&params, "container");

		if (t->has_name)
			add_str(blockers,
				berth_xasprintf("it has both the deprecated parameter container=%s and name=%s; "
						"the shell agent uses container, berth uses name: remove one",
						c ? c : "", kvs_get(&params, "name") ? kvs_get(&params, "name") : ""));
		else
			add_str(changes, berth_xasprintf("parameter container=%s becomes name=%s (berth reads "
							 "container too, but only as a deprecated name)",
							 c ? c : "", c ? c : ""));
	}
	for (i = 0; i < 3; i++) {
		cleanup_free char *why = NULL;

		if (berth_migrate_shell_words(words[i], kvs_get(&params, words[i]), &why))
			add_str(blockers, berth_xstrdup(why));
	}
	/* berth's own checks, all of them: what validate-all would refuse */
	set_environment(&params, t->id, t->clone != NULL ? 0 : -1);
	if (berth_params_load(&p, err) < 0) {
		add_str(blockers, berth_xasprintf("berth refuses its configuration: %s", (*err)->msg));
		berth_error_free(err);
	}
	(void)berth_request_build(&p, &req, collect_problem, problems, NULL);
	for (i = 0; i < json_object_array_length(problems); i++)
		add_str(blockers, berth_xasprintf("berth refuses its configuration: %s",
						  json_object_get_string(json_object_array_get_idx(problems, i))));
	json_object_put(problems);
	if (req.spec != NULL && !req.spec->network_set)
		add_str(blockers, berth_xstrdup("its run_opts name no network: the shell agent's container is on "
						"Docker's default bridge, berth would use the host network (and not "
						"adopt the running container): add --net=bridge to run_opts first "
						"(or --net=host if that is what it should be)"));
	if (t->clone != NULL) {
		(void)berth_cib_attr(snapshot, t->id, "globally-unique", true, &gu, NULL);
		(void)berth_ocf_parse_bool(gu, &unique);
		if (!unique) {
			const char *shown = kvs_get(&params, "container") ? kvs_get(&params, "container")
					    : kvs_get(&params, "name")    ? kvs_get(&params, "name")
									  : t->id;

			add_str(blockers,
				berth_xasprintf("it is in the anonymous clone %s: the shell agent names every "
						"instance's container %s, berth names them %s-N, so berth "
						"would not adopt the running containers: stop the clone for "
						"the switch",
						t->clone, shown, shown));
		} else if (kvs_get(&params, "name") != NULL || kvs_get(&params, "container") != NULL)
			add_str(blockers, berth_xasprintf("it is in the globally-unique clone %s with an explicit "
							  "container name: berth appends -N to it, the shell agent "
							  "does not: stop the clone for the switch",
							  t->clone));
	}
	berth_params_release(&p);
	berth_json_set(r, "migratable", json_object_new_boolean(json_object_array_length(blockers) == 0));
	return r;
}

static const char *const procedure[] = {
	"pcs property set maintenance-mode=true      (no operation runs meanwhile)",
	"berth migrate --apply                       (the change, as shown above)",
	"crm_resource --refresh                      (berth probes, adopts the shell agent's containers)",
	"pcs property set maintenance-mode=false",
	"crm_mon -1                                  (every resource still Started)",
	NULL,
};

static int
cmd_migrate(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	json_object *rsc = berth_nonnull(json_object_new_array()), *proc = berth_nonnull(json_object_new_array());
	cleanup_free char *xml = NULL, *version = NULL, *snap_path = NULL, *new_xml = NULL, *new_path = NULL;
	struct berth_migrate_target *t = NULL;
	cleanup_free bool *selected = NULL;
	struct berth_cib cib = { o->file }, snapshot = { NULL };
	berth_error_t err = NULL;
	size_t len = 0, n = 0, i, migratable = 0, blocked = 0;
	int rc = EXIT_OK, k;

	berth_json_set(doc, "resources", rsc);
	berth_json_set(doc, "procedure", proc);
	for (i = 0; procedure[i]; i++)
		berth_json_append(proc, json_object_new_string(procedure[i]));
	/* one snapshot of the CIB: everything below reads that one */
	if (o->file != NULL) {
		if (read_file(o->file, &xml, &len, &err) < 0)
			return fail(&err, "cannot read the CIB");
	} else {
		berth_cleanup(cib_output) struct berth_cib_output out = { 0 };
		char *q[] = { (char *)"cibadmin", (char *)"--query", NULL };

		if (berth_cib_run(NULL, q, DAEMON_MS, &out, &err) < 0)
			return fail(&err, "cannot read the live CIB");
		if (out.status != 0)
			return fail(NULL, "cannot read the live CIB: cibadmin --query: %.300s", out.err);
		len = strlen(out.out);
		xml = out.out;
		out.out = NULL;
	}
	if (berth_migrate_find(xml, len, &t, &n, &version, &err) < 0)
		return fail(&err, "cannot read the CIB %s", o->file ? o->file : "");
	if (write_temp(xml, len, &snap_path, &err) < 0) {
		berth_migrate_targets_free(t, n);
		return fail(&err, "cannot keep a copy of the CIB");
	}
	snapshot.file = snap_path;
	berth_json_set(doc, "source", json_object_new_string(o->file ? o->file : "the live CIB"));
	berth_json_set(doc, "version", json_object_new_string(version));
	for (k = 0; k < argc; k++) {
		for (i = 0; i < n && strcmp(t[i].id, argv[k]) != 0; i++)
			;
		if (i == n) {
			unlink(snap_path);
			berth_migrate_targets_free(t, n);
			return fail(NULL, "%s is not an ocf:heartbeat:docker primitive of the CIB", argv[k]);
		}
	}
	selected = berth_xcalloc(n + 1, sizeof(*selected));
	for (i = 0; i < n; i++) {
		json_object *r;
		bool wanted = argc == 0;

		for (k = 0; k < argc && !wanted; k++)
			wanted = strcmp(t[i].id, argv[k]) == 0;
		if (!wanted)
			continue;
		r = migrate_check(&snapshot, xml, &t[i], &err);
		if (r == NULL) {
			unlink(snap_path);
			berth_migrate_targets_free(t, n);
			return fail(&err, "cannot read the parameters of %s", t[i].id);
		}
		selected[i] = flag(r, "migratable");
		if (selected[i])
			migratable++;
		else
			blocked++;
		berth_json_append(rsc, r);
	}
	unlink(snap_path);
	if (blocked > 0)
		rc = EXIT_ERROR;
	berth_json_set(doc, "applied", json_object_new_boolean(false));
	if (o->apply && migratable > 0) {
		berth_cleanup(cib_output) struct berth_cib_output out = { 0 };
		char *rep[] = { (char *)"cibadmin", (char *)"--replace", (char *)"--xml-file", NULL, NULL };

		new_xml = berth_migrate_rewrite(xml, len, t, n, selected);
		if (write_temp(new_xml, strlen(new_xml), &new_path, &err) < 0) {
			berth_migrate_targets_free(t, n);
			return fail(&err, "cannot write the changed CIB");
		}
		rep[3] = new_path;
		/* One replace of the whole CIB, at the version berth read: the CIB refuses it when
		 * anything changed since (an older version), so no concurrent change is lost. */
		if (berth_cib_run(&cib, rep, REPLACE_MS, &out, &err) < 0) {
			unlink(new_path);
			berth_migrate_targets_free(t, n);
			return fail(&err, "cannot run cibadmin --replace");
		}
		unlink(new_path);
		if (out.status != 0) {
			berth_migrate_targets_free(t, n);
			if (out.status == 103 || strstr(out.err, "older") != NULL)
				return fail(
					NULL,
					"the CIB changed since berth read it (version %s): nothing was changed; run "
					"berth migrate again",
					version);
			return fail(NULL, "cibadmin --replace refused the change (exit %d): %.300s", out.status,
				    out.err);
		}
		berth_json_set(doc, "applied", json_object_new_boolean(true));
	}
	berth_migrate_targets_free(t, n);
	if (o->json) {
		print_json(doc);
		return rc;
	}
	printf("CIB: %s (version %s)\n", o->file ? o->file : "the live CIB", version);
	if (json_object_array_length(rsc) == 0)
		printf("No ocf:heartbeat:docker primitive to migrate.\n");
	for (i = 0; i < json_object_array_length(rsc); i++) {
		json_object *r = json_object_array_get_idx(rsc, i), *c = get(r, "changes"), *b = get(r, "blockers");
		size_t j;

		printf("\n%s%s%s%s: ocf:heartbeat:docker -> ocf:berth:docker: %s\n", text(r, "id"),
		       str(r, "clone") ? " (in clone " : "", str(r, "clone") ? text(r, "clone") : "",
		       str(r, "clone") ? ")" : "", flag(r, "migratable") ? "can be migrated" : "NOT migrated");
		for (j = 0; j < json_object_array_length(c); j++) {
			const char *change = json_object_get_string(json_object_array_get_idx(c, j));

			if (change[0] == '-' || change[0] == '+')
				printf("  %s\n", change);
			else
				print_para("  ", "    ", change);
		}
		for (j = 0; j < json_object_array_length(b); j++)
			print_para("  cannot be migrated: ", "    ",
				   json_object_get_string(json_object_array_get_idx(b, j)));
	}
	if (json_object_array_length(rsc) > 0) {
		printf("\n%zu can be migrated, %zu cannot%s.\n", migratable, blocked,
		       flag(doc, "applied") ? "; the CIB is changed"
		       : o->apply           ? "; nothing was changed"
					    : "; nothing was changed (--apply changes the CIB)");
		printf("\nThe safe switch-over (README, \"Switching from ocf:heartbeat:docker\"):\n");
		for (i = 0; procedure[i]; i++)
			printf("  %zu. %s\n", i + 1, procedure[i]);
	}
	return rc;
}

/* ---- main ---- */

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output-as", required_argument, NULL, 'o' },
		{ "file", required_argument, NULL, 'f' },
		{ "diff", no_argument, NULL, 'd' },
		{ "apply", no_argument, NULL, 'a' },
		{ "instance", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { false, false, false, NULL, "berth" };
	const char *cmd;
	int c;

	opterr = 0;
	/* GNU getopt: options anywhere, the command and its arguments after them in order */
	while ((c = getopt_long(argc, argv, "hVf:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("berth %s\n", PACKAGE_VERSION); return EXIT_OK;
		case 'o':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				return usage_error("--output-as takes text or json, not '%s'", optarg);
			break;
		case 'f': o.file = optarg; break;
		case 'd': o.diff = true; break;
		case 'a': o.apply = true; break;
		case 'i': o.instance = optarg; break;
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	/* as Pacemaker's tools: CIB_file names the CIB when -f does not */
	if (o.file == NULL && getenv("CIB_file") != NULL && getenv("CIB_file")[0] != '\0')
		o.file = getenv("CIB_file");
	if (optind >= argc)
		return usage_error("no command given");
	cmd = argv[optind++];
	qb_log_init("berth", LOG_DAEMON, LOG_INFO);
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
	if (strcmp(cmd, "explain") == 0)
		c = cmd_explain(&o, argc - optind, argv + optind);
	else if (strcmp(cmd, "status") == 0)
		c = cmd_status(&o, argc - optind, argv + optind);
	else if (strcmp(cmd, "migrate") == 0)
		c = cmd_migrate(&o, argc - optind, argv + optind);
	else
		c = usage_error("unknown command '%s'", cmd);
	qb_log_fini();
	return c;
}
