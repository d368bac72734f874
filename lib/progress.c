/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the progress of an image pull, read from the daemon's stream as it arrives. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "alloc.h"
#include "json.h"
#include "progress.h"

#define JSON_DEPTH 8 /* a progress line nests two levels */

void
berth_progress_init(struct berth_progress *p, long long now_ms)
{
	memset(p, 0, sizeof(*p));
	p->last_log_ms = now_ms;
}

void
berth_progress_release(struct berth_progress *p)
{
	berth_buf_release(&p->line);
	free(p->layers);
	free(p->error);
	memset(p, 0, sizeof(*p));
}

static struct berth_progress_layer *
layer(struct berth_progress *p, const char *id)
{
	size_t i;

	if (strlen(id) >= sizeof(p->layers[0].id))
		return NULL;
	for (i = 0; i < p->nlayers; i++)
		if (strcmp(p->layers[i].id, id) == 0)
			return &p->layers[i];
	if (p->nlayers >= BERTH_PROGRESS_MAX_LAYERS)
		return NULL;
	if ((p->nlayers & (p->nlayers - 1)) == 0) /* grow at 0, 1, 2, 4, 8, ... */
		p->layers = berth_xrealloc(p->layers, (p->nlayers ? p->nlayers * 2 : 1) * sizeof(*p->layers));
	memset(&p->layers[p->nlayers], 0, sizeof(p->layers[0]));
	snprintf(p->layers[p->nlayers].id, sizeof(p->layers[0].id), "%s", id);
	return &p->layers[p->nlayers++];
}

/* The statuses dockerd gives a layer (distribution/xfer and its pull code); the other lines
 * ("Pulling from", "Digest:", "Status:") carry the tag or nothing as their id. */
static bool
layer_status(const char *s)
{
	static const char *const names[] = { "Pulling fs layer",   "Waiting",           "Downloading",
					     "Verifying Checksum", "Download complete", "Extracting",
					     "Pull complete",      "Already exists",    NULL };
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return strncmp(s, "Retrying in ", 12) == 0;
}

static void
read_line(struct berth_progress *p, const char *text, size_t len)
{
	json_tokener *tok;
	json_object *obj, *detail;
	struct berth_progress_layer *l;
	const char *status, *id, *error;
	int64_t cur, tot;

	if (len == 0)
		return;
	p->lines++;
	tok = berth_nonnull(json_tokener_new_ex(JSON_DEPTH));
	obj = json_tokener_parse_ex(tok, text, (int)len);
	json_tokener_free(tok);
	if (obj == NULL)
		return; /* not JSON: nothing to count */
	if ((error = berth_json_str(obj, "error")) != NULL ||
	    (error = berth_json_str(berth_json_obj(obj, "errorDetail"), "message")) != NULL) {
		if (p->error == NULL)
			p->error = berth_xstrdup(error);
		json_object_put(obj);
		return;
	}
	status = berth_json_str(obj, "status");
	id = berth_json_str(obj, "id");
	if (status == NULL || id == NULL || !layer_status(status) || (l = layer(p, id)) == NULL) {
		json_object_put(obj);
		return;
	}
	detail = berth_json_obj(obj, "progressDetail");
	if (strcmp(status, "Downloading") == 0) {
		if (berth_json_int(detail, "total", &tot) && tot > 0) {
			l->total = tot;
			l->sized = true;
		}
		if (berth_json_int(detail, "current", &cur) && cur >= 0)
			l->current = cur;
	} else if (strcmp(status, "Verifying Checksum") == 0 || strcmp(status, "Download complete") == 0 ||
		   strcmp(status, "Extracting") == 0) {
		if (l->sized)
			l->current = l->total;
	} else if (strcmp(status, "Pull complete") == 0 || strcmp(status, "Already exists") == 0) {
		l->done = true;
		if (l->sized)
			l->current = l->total;
	}
	json_object_put(obj);
}

void
berth_progress_feed(struct berth_progress *p, const char *data, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;

		if (!p->skipping && p->line.len + n > BERTH_PROGRESS_MAX_LINE) {
			p->skipping = true;
			berth_buf_clear(&p->line);
		}
		if (!p->skipping && n > 0)
			berth_buf_add(&p->line, data, n);
		if (nl == NULL)
			return;
		if (!p->skipping)
			read_line(p, p->line.data, p->line.len);
		p->skipping = false;
		berth_buf_clear(&p->line);
		data = nl + 1;
		len -= n + 1;
	}
}

void
berth_progress_end(struct berth_progress *p)
{
	if (!p->skipping)
		read_line(p, p->line.data, p->line.len);
	p->skipping = false;
	berth_buf_clear(&p->line);
}

bool
berth_progress_due(struct berth_progress *p, long long now_ms)
{
	if (now_ms - p->last_log_ms < BERTH_PROGRESS_INTERVAL_MS)
		return false;
	p->last_log_ms = now_ms;
	return true;
}

/* a + b for sizes (both >= 0), saturating at LLONG_MAX: the sizes come from the daemon. */
static long long
add_size(long long a, long long b)
{
	return b > LLONG_MAX - a ? LLONG_MAX : a + b;
}

void
berth_progress_counts(const struct berth_progress *p, size_t *done, size_t *layers, long long *bytes, long long *total,
		      size_t *unsized)
{
	size_t i, d = 0, u = 0;
	long long b = 0, t = 0;

	for (i = 0; i < p->nlayers; i++) {
		const struct berth_progress_layer *l = &p->layers[i];

		if (l->done)
			d++;
		if (l->sized) {
			t = add_size(t, l->total);
			b = add_size(b, l->current < l->total ? l->current : l->total);
		} else if (!l->done) {
			u++;
		}
	}
	if (done)
		*done = d;
	if (layers)
		*layers = p->nlayers;
	if (bytes)
		*bytes = b;
	if (total)
		*total = t;
	if (unsized)
		*unsized = u;
}

char *
berth_progress_summary(const struct berth_progress *p)
{
	size_t done, layers, unsized;
	long long bytes, total;

	berth_progress_counts(p, &done, &layers, &bytes, &total, &unsized);
	if (unsized == 0)
		return berth_xasprintf("%zu of %zu layers done, %.1f MB of %.1f MB", done, layers, bytes / 1e6,
				       total / 1e6);
	return berth_xasprintf("%zu of %zu layers done, %.1f MB of %.1f MB, %zu %s not sized yet", done, layers,
			       bytes / 1e6, total / 1e6, unsized, unsized == 1 ? "layer" : "layers");
}
