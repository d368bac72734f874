/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: ocf:heartbeat:docker primitives of a CIB turned into ocf:berth:docker ones. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cleanup.h"
#include "migrate.h"
#include "xml.h"

static bool
attr_is(const char *xml, const struct berth_xml_element *e, const char *name, const char *value)
{
	cleanup_free char *v = berth_xml_attr(xml, e, name, NULL, NULL);

	return v != NULL && strcmp(v, value) == 0;
}

int
berth_migrate_find(const char *xml, size_t len, struct berth_migrate_target **targets, size_t *n, char **version,
		   berth_error_t *err)
{
	cleanup_free struct berth_xml_element *e = NULL;
	struct berth_migrate_target *t = NULL;
	size_t count = 0, ne = 0, i, j;

	*targets = NULL;
	*n = 0;
	if (version != NULL)
		*version = NULL;
	if (berth_xml_scan(xml, len, &e, &ne, err) < 0)
		return -1;
	if (ne == 0 || strcmp(e[0].name, "cib") != 0)
		return berth_error_set(err, BERTH_E_PROTOCOL, "the XML is not a CIB (its root element is not <cib>)");
	if (version != NULL) {
		cleanup_free char *a = berth_xml_attr(xml, &e[0], "admin_epoch", NULL, NULL);
		cleanup_free char *ep = berth_xml_attr(xml, &e[0], "epoch", NULL, NULL);
		cleanup_free char *u = berth_xml_attr(xml, &e[0], "num_updates", NULL, NULL);

		*version = berth_xasprintf("%s.%s.%s", a ? a : "0", ep ? ep : "0", u ? u : "0");
	}
	for (i = 0; i < ne; i++) {
		struct berth_migrate_target *p;
		int clone;

		if (strcmp(e[i].name, "primitive") != 0 || !attr_is(xml, &e[i], "class", "ocf") ||
		    !attr_is(xml, &e[i], "provider", "heartbeat") || !attr_is(xml, &e[i], "type", "docker"))
			continue;
		t = berth_xrealloc(t, (count + 1) * sizeof(*t));
		p = &t[count++];
		memset(p, 0, sizeof(*p));
		p->id = berth_xml_attr(xml, &e[i], "id", NULL, NULL);
		if (p->id == NULL)
			p->id = berth_xstrdup("");
		free(berth_xml_attr(xml, &e[i], "provider", &p->provider_off, &p->provider_len));
		clone = berth_xml_ancestor(e, i, "clone");
		if (clone < 0)
			clone = berth_xml_ancestor(e, i, "master");
		if (clone >= 0)
			p->clone = berth_xml_attr(xml, &e[clone], "id", NULL, NULL);
		/* its own parameters: <primitive><instance_attributes><nvpair> */
		for (j = i + 1; j < ne && berth_xml_inside(e, j, i); j++) {
			int ia = e[j].parent;

			if (strcmp(e[j].name, "nvpair") != 0 || ia < 0 ||
			    strcmp(e[ia].name, "instance_attributes") != 0 || e[ia].parent != (int)i)
				continue;
			if (attr_is(xml, &e[j], "name", "container"))
				free(berth_xml_attr(xml, &e[j], "name", &p->container_off, &p->container_len));
			else if (attr_is(xml, &e[j], "name", "name"))
				p->has_name = true;
		}
	}
	*targets = t;
	*n = count;
	return 0;
}

void
berth_migrate_targets_free(struct berth_migrate_target *targets, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(targets[i].id);
		free(targets[i].clone);
	}
	free(targets);
}

struct edit {
	size_t off, len;
	const char *with;
};

static int
by_offset(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

char *
berth_migrate_rewrite(const char *xml, size_t len, const struct berth_migrate_target *targets, size_t n,
		      const bool *selected)
{
	cleanup_free struct edit *edits = berth_xcalloc(2 * n + 3, sizeof(*edits));
	cleanup_free struct berth_xml_element *e = NULL;
	cleanup_free char *epoch = NULL, *updates = NULL;
	size_t ne = 0, i, at = 0, out_len = 0, grow = 1, ecount = 0, voff, vlen;
	char next[24];
	char *out;

	for (i = 0; i < n; i++) {
		if (selected != NULL && !selected[i])
			continue;
		edits[ne++] = (struct edit){ targets[i].provider_off, targets[i].provider_len, "berth" };
		if (targets[i].container_len > 0)
			edits[ne++] = (struct edit){ targets[i].container_off, targets[i].container_len, "name" };
	}
	/* the next epoch of the configuration (num_updates starts again at 0), as the CIB manager
	 * counts a change of it: a patch from the CIB berth read to this one names both versions */
	if (berth_xml_scan(xml, len, &e, &ecount, NULL) == 0 && ecount > 0) {
		epoch = berth_xml_attr(xml, &e[0], "epoch", &voff, &vlen);
		if (epoch != NULL) {
			snprintf(next, sizeof(next), "%llu", strtoull(epoch, NULL, 10) + 1);
			edits[ne++] = (struct edit){ voff, vlen, next };
		}
		updates = berth_xml_attr(xml, &e[0], "num_updates", &voff, &vlen);
		if (updates != NULL)
			edits[ne++] = (struct edit){ voff, vlen, "0" };
	}
	qsort(edits, ne, sizeof(*edits), by_offset);
	for (i = 0; i < ne; i++)
		grow += strlen(edits[i].with);
	out = berth_xmalloc(len + grow);
	for (i = 0; i < ne; i++) {
		memcpy(out + out_len, xml + at, edits[i].off - at);
		out_len += edits[i].off - at;
		memcpy(out + out_len, edits[i].with, strlen(edits[i].with));
		out_len += strlen(edits[i].with);
		at = edits[i].off + edits[i].len;
	}
	memcpy(out + out_len, xml + at, len - at);
	out_len += len - at;
	out[out_len] = '\0';
	return out;
}

bool
berth_migrate_shell_words(const char *param, const char *value, char **why)
{
	const char *p;
	bool word_start = true;

	*why = NULL;
	if (value == NULL)
		return false;
	for (p = value; *p; p++) {
		const char *c = p;

		if (*c == '\'' || *c == '"' || *c == '\\') {
			*why = berth_xasprintf(
				"%s has %c at character %zu: the shell agent passed quotes and backslashes "
				"to docker as part of the words (it splits %s at blanks only), berth reads "
				"them as quoting, so the container would differ",
				param, *c, (size_t)(c - value) + 1, param);
			return true;
		}
		if (*c == '*' || *c == '?' || *c == '[') {
			*why = berth_xasprintf("%s has the glob character %c at character %zu: the shell agent's shell "
					       "replaced such a word with the names of matching files in its working "
					       "directory, if there were any; berth never does",
					       param, *c, (size_t)(c - value) + 1);
			return true;
		}
		if (*c == '`' ||
		    (*c == '$' && (c[1] == '(' || c[1] == '{' || c[1] == '_' || (c[1] >= 'A' && c[1] <= 'Z') ||
				   (c[1] >= 'a' && c[1] <= 'z'))) ||
		    (*c == '~' && word_start)) {
			*why = berth_xasprintf(
				"%s has shell syntax (%.2s) at character %zu: neither agent expands it (the "
				"shell agent does not expand what is inside %s either), but it reads as if "
				"written for a shell: check what the value should be and change it by hand",
				param, c, (size_t)(c - value) + 1, param);
			return true;
		}
		word_start = *c == ' ' || *c == '\t' || *c == '\n';
	}
	return false;
}
