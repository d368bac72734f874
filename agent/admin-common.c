/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what the admin's commands share (agent/admin-explain.c, admin-status.c, admin-migrate.c):
 * their error and output shapes, and the OCF environment of the resource instance they look at.
 * The command line and the table of commands are agent/admin.c's. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "admin.h"
#include "alloc.h"
#include "params.h"
#include "words.h"

/* ---- errors and output ---- */

int
berth_admin_usage_error(const char *fmt, ...)
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

int
berth_admin_fail(berth_error_t *err, const char *fmt, ...)
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

void
berth_admin_print_json(json_object *o)
{
	puts(berth_nonnull((void *)json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
									     JSON_C_TO_STRING_NOSLASHESCAPE)));
}

/* Text in lines of at most 100 columns: the first after first, the others after rest. */
void
berth_admin_print_para(const char *first, const char *rest, const char *text)
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

/* ---- the OCF environment of one resource instance ---- */

void
berth_admin_kvs_add(struct kvs *k, const char *name, const char *value)
{
	k->v = berth_xrealloc(k->v, (k->n + 1) * sizeof(*k->v));
	k->v[k->n].name = berth_xstrdup(name);
	k->v[k->n].value = berth_xstrdup(value);
	k->n++;
}

void
berth_admin_kvs_release(struct kvs *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].name);
		free(k->v[i].value);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}

const char *
berth_admin_kvs_get(const struct kvs *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->v[i].name, name) == 0)
			return k->v[i].value;
	return NULL;
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
void
berth_admin_set_environment(const struct kvs *params, const char *instance, int clone)
{
	const struct berth_param_def *d;
	char buf[16];

	for (d = berth_param_table; d->name; d++)
		setenv_reskey(d->name, berth_admin_kvs_get(params, d->name));
	setenv_reskey("container", berth_admin_kvs_get(params, "container"));
	snprintf(buf, sizeof(buf), "%d", clone);
	setenv_reskey("CRM_meta_clone", clone >= 0 ? buf : NULL);
	setenv("OCF_RESOURCE_INSTANCE", instance, 1);
}

/* The parameters of a resource in the CIB: in one crm_resource call when its XML states them
 * plainly, otherwise one call each (Pacemaker evaluates rules and id-refs). */
int
berth_admin_cib_params(const struct berth_cib *cib, const char *rsc, struct kvs *out, berth_error_t *err)
{
	const struct berth_param_def *d;
	berth_cleanup(words) char **pairs = NULL;
	int plain = berth_cib_params(cib, rsc, &pairs, err);

	if (plain < 0)
		return -1;
	/* the table's parameters, then the deprecated "container" (the row with name NULL) */
	for (d = berth_param_table;; d++) {
		const char *name = d->name ? d->name : "container";
		cleanup_free char *v = NULL;
		size_t i;

		if (plain == 0) {
			for (i = 0; pairs[i] != NULL; i += 2)
				if (strcmp(pairs[i], name) == 0)
					v = berth_xstrdup(pairs[i + 1]);
		} else if (berth_cib_attr(cib, rsc, name, false, &v, err) < 0) {
			return -1;
		}
		if (v != NULL)
			berth_admin_kvs_add(out, name, v);
		if (d->name == NULL)
			return 0;
	}
}

void
berth_admin_collect_problem(void *arg, const struct berth_error *problem)
{
	berth_json_append(arg, json_object_new_string(problem->msg));
}
