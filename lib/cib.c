/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the cluster's configuration through Pacemaker's tools (spawned, no shell). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cib.h"
#include "cleanup.h"
#include "spawn.h"
#include "words.h"
#include "xml.h"

#define OUT_MAX  (64u * 1024 * 1024)
#define ERR_MAX  (64u * 1024)
#define QUERY_MS 30000L

extern char **environ;

/* environ with CIB_file=FILE in place of any CIB_file it has (file NULL: without it) */
static char **
environment(const char *file)
{
	size_t n = 0, i, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = berth_xcalloc(n + 2, sizeof(*env));
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "CIB_file=", 9) != 0)
			env[k++] = environ[i];
	if (file != NULL)
		env[k++] = berth_xasprintf("CIB_file=%s", file);
	env[k] = NULL;
	return env;
}

int
berth_cib_run(const struct berth_cib *cib, char *const argv[], long timeout_ms, struct berth_cib_output *o,
	      berth_error_t *err)
{
	berth_cleanup(spawn_result) struct berth_spawn_result r = { 0 };
	char **env = environment(cib != NULL ? cib->file : NULL);
	struct berth_spawn s = {
		.argv = argv,
		.envp = env,
		.out_max = OUT_MAX,
		.err_max = ERR_MAX,
		.timeout_ms = timeout_ms,
	};
	int ret = berth_spawn_run(&s, &r, err);
	size_t i;

	memset(o, 0, sizeof(*o));
	if (cib != NULL && cib->file != NULL)
		for (i = 0; env[i]; i++)
			if (strncmp(env[i], "CIB_file=", 9) == 0)
				free(env[i]);
	free(env);
	if (ret < 0)
		return ret;
	o->out = r.out;
	o->err = r.err;
	o->status = r.status;
	r.out = r.err = NULL;
	return 0;
}

void
berth_cib_output_release(struct berth_cib_output *o)
{
	free(o->out);
	free(o->err);
	memset(o, 0, sizeof(*o));
}

/* The first line of a tool's stderr, for a message. */
static char *
first_line(const char *text)
{
	while (*text == '\n')
		text++;
	return berth_xstrndup(text, strcspn(text, "\n"));
}

/* crm_resource: 105 (CRM_EX_NOSUCH) for a resource the CIB does not have */
#define CRM_EX_NOSUCH 105

static int
tool_failed(const struct berth_cib *cib, const char *what, const struct berth_cib_output *o, berth_error_t *err)
{
	cleanup_free char *line = first_line(o->err);

	return berth_error_set(err, o->status == CRM_EX_NOSUCH ? ENOENT : BERTH_E_FAILED, "%s (%s): %s", what,
			       cib != NULL && cib->file != NULL ? cib->file : "the live CIB",
			       line[0] ? line : "no message");
}

char *
berth_cib_parse_attr(const char *out)
{
	size_t n = strlen(out);

	if (n == 0)
		return NULL;
	if (out[n - 1] == '\n')
		n--;
	return berth_xstrndup(out, n);
}

int
berth_cib_attr(const struct berth_cib *cib, const char *rsc, const char *name, bool meta, char **value,
	       berth_error_t *err)
{
	berth_cleanup(cib_output) struct berth_cib_output o = { 0 };
	char *argv[] = { (char *)"crm_resource", (char *)"--resource",           (char *)rsc, (char *)"--get-parameter",
			 (char *)name,           meta ? (char *)"--meta" : NULL, NULL };

	*value = NULL;
	if (berth_cib_run(cib, argv, QUERY_MS, &o, err) < 0)
		return -1;
	if (o.status != 0) {
		cleanup_free char *what = berth_xasprintf("crm_resource cannot read resource %s", rsc);

		return tool_failed(cib, what, &o, err);
	}
	*value = berth_cib_parse_attr(o.out);
	return 0;
}

static bool
has_attr(const char *text, const struct berth_xml_element *e, const char *name)
{
	cleanup_free char *v = berth_xml_attr(text, e, name, NULL, NULL);

	return v != NULL;
}

int
berth_cib_parse_params(const char *out, const char *rsc, char ***pairs)
{
	const char *xml = out[0] == '<' ? out : strstr(out, "\n<");
	cleanup_free struct berth_xml_element *elems = NULL;
	cleanup_free char *id = NULL;
	berth_error_t err = NULL;
	size_t n = 0, i, set = 0, nsets = 0, k = 0;
	char **list;

	*pairs = NULL;
	if (xml == NULL)
		return 1;
	if (xml != out)
		xml++;
	if (berth_xml_scan(xml, strlen(xml), &elems, &n, &err) < 0) {
		berth_error_free(&err);
		return 1;
	}
	if (n == 0 || strcmp(elems[0].name, "primitive") != 0 || has_attr(xml, &elems[0], "template"))
		return 1;
	id = berth_xml_attr(xml, &elems[0], "id", NULL, NULL);
	if (id == NULL || strcmp(id, rsc) != 0)
		return 1;
	for (i = 1; i < n; i++)
		if (elems[i].parent == 0 && strcmp(elems[i].name, "instance_attributes") == 0) {
			set = i;
			nsets++;
		}
	if (nsets > 1 || (nsets == 1 && has_attr(xml, &elems[set], "id-ref")))
		return 1;
	list = berth_xcalloc(2 * n + 1, sizeof(*list));
	for (i = set + 1; nsets == 1 && i < n && berth_xml_inside(elems, i, set); i++) {
		char *name, *value;
		size_t j;

		/* only nvpairs with a name and a value, each name once */
		if (strcmp(elems[i].name, "nvpair") != 0 || elems[i].parent != (int)set ||
		    has_attr(xml, &elems[i], "id-ref"))
			goto not_plain;
		name = berth_xml_attr(xml, &elems[i], "name", NULL, NULL);
		value = berth_xml_attr(xml, &elems[i], "value", NULL, NULL);
		for (j = 0; name != NULL && j < k; j += 2)
			if (strcmp(list[j], name) == 0)
				break;
		if (name == NULL || value == NULL || j < k) {
			free(name);
			free(value);
			goto not_plain;
		}
		list[k++] = name;
		list[k++] = value;
	}
	*pairs = list;
	return 0;
not_plain:
	berth_words_free(list);
	return 1;
}

int
berth_cib_params(const struct berth_cib *cib, const char *rsc, char ***pairs, berth_error_t *err)
{
	berth_cleanup(cib_output) struct berth_cib_output o = { 0 };
	char *argv[] = { (char *)"crm_resource", (char *)"--resource", (char *)rsc, (char *)"--query-xml", NULL };

	*pairs = NULL;
	if (berth_cib_run(cib, argv, QUERY_MS, &o, err) < 0)
		return -1;
	if (o.status != 0) {
		cleanup_free char *what = berth_xasprintf("crm_resource cannot read resource %s", rsc);

		return tool_failed(cib, what, &o, err);
	}
	return berth_cib_parse_params(o.out, rsc, pairs);
}

int
berth_cib_resources(const struct berth_cib *cib, char ***ids, berth_error_t *err)
{
	berth_cleanup(cib_output) struct berth_cib_output o = { 0 };
	char *argv[] = { (char *)"crm_resource", (char *)"--list-raw", NULL };

	*ids = NULL;
	if (berth_cib_run(cib, argv, QUERY_MS, &o, err) < 0)
		return -1;
	/* A CIB without resources: 105 and "NO resources configured" */
	if (o.status == CRM_EX_NOSUCH && strstr(o.out, "NO resources configured") != NULL) {
		*ids = berth_xcalloc(1, sizeof(**ids));
		return 0;
	}
	if (o.status != 0)
		return tool_failed(cib, "crm_resource cannot list the resources", &o, err);
	/* one id a line; ids have no blanks */
	return berth_words_split(o.out, ids, NULL, err);
}
