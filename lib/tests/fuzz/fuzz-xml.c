/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the CIB XML scanner (xml.c) and berth migrate's find and rewrite (migrate.c).
 *
 * Besides crashes, sanitizer reports and leaks: every element lies inside the input, after its
 * parent, with its start tag's '<' at its start; a failure says why; and a rewrite of all the
 * primitives found is again a CIB with the same primitives, none of them of provider heartbeat. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "migrate.h"
#include "xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct berth_xml_element *e = NULL;
	struct berth_migrate_target *t = NULL, *t2 = NULL;
	berth_error_t err = NULL;
	size_t n = 0, n2 = 0, i;
	char *out;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (berth_xml_scan(text, size, &e, &n, &err) < 0) {
		if (err == NULL || err->msg == NULL || e != NULL)
			abort();
		berth_error_free(&err);
	} else {
		for (i = 0; i < n; i++) {
			if (e[i].start >= e[i].end || e[i].end > size || text[e[i].start] != '<')
				abort();
			if (e[i].parent >= (int)i || (e[i].parent >= 0 && e[e[i].parent].start >= e[i].start))
				abort();
			free(berth_xml_attr(text, &e[i], "id", NULL, NULL));
		}
		free(e);
	}
	if (berth_migrate_find(text, size, &t, &n, NULL, &err) < 0) {
		berth_error_free(&err);
		free(text);
		return 0;
	}
	out = berth_migrate_rewrite(text, size, t, n, NULL);
	if (berth_migrate_find(out, strlen(out), &t2, &n2, NULL, &err) < 0 || n2 != 0)
		abort(); /* still a CIB, and nothing left to migrate */
	berth_migrate_targets_free(t, n);
	berth_migrate_targets_free(t2, n2);
	free(out);
	free(text);
	return 0;
}
