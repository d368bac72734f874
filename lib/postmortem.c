/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the post-mortem of a container that ended on its own: when, and its record (postmortem.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "file.h"
#include "hooks.h"
#include "log.h"
#include "ocf.h"
#include "postmortem.h"
#include "record.h"

#define POSTMORTEM_MS 2000L /* at most this, and a tenth of what is left, to read a post-mortem's output */

/* Add n bytes of s with control characters (but tab) written as '?': the file stays lines of
 * text, and nothing in it moves a terminal's cursor when an admin cats it. */
static void
text_add_clean(struct berth_buf *t, const char *s, size_t n)
{
	size_t i, start = t->len;

	berth_buf_add(t, s, n);
	for (i = start; i < t->len; i++) {
		unsigned char c = (unsigned char)t->data[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			t->data[i] = '?';
	}
}

/* A header value from the daemon: one clean line, at most 300 bytes; "-" when there is none. */
static void
text_add_value(struct berth_buf *t, const char *s)
{
	if (s == NULL || s[0] == '\0') {
		berth_buf_add(t, "-", 1);
		return;
	}
	text_add_clean(t, s, strnlen(s, 300));
}

const char *
berth_postmortem_dir(void)
{
	const char *dir = berth_hook(BERTH_HOOK_POSTMORTEM_DIR);

	return dir ? dir : BERTH_POSTMORTEM_DIR;
}

/* The last `max` lines of out that fit in BERTH_POSTMORTEM_MAX_OUTPUT bytes (each line counted
 * with its cut): where they begin, and how many there are. A last line without its '\n' counts. */
static const char *
tail_lines(const char *out, size_t len, int max, int *count)
{
	const char *end = out + len, *p = end, *first = end;
	size_t bytes = 0;

	*count = 0;
	if (len > 0 && end[-1] == '\n')
		p = --end;
	while (*count < max && p > out) {
		const char *q = p;
		size_t n;

		while (q > out && q[-1] != '\n')
			q--;
		n = (size_t)(p - q);
		if (n > BERTH_POSTMORTEM_MAX_LINE)
			n = BERTH_POSTMORTEM_MAX_LINE;
		if (bytes + n + 3 > BERTH_POSTMORTEM_MAX_OUTPUT)
			break;
		bytes += n + 3;
		first = q;
		(*count)++;
		p = q > out ? q - 1 : q;
		if (q == out)
			break;
	}
	return first;
}

char *
berth_postmortem_format(const struct berth_postmortem *pm, time_t now)
{
	struct berth_buf t = { 0 };
	const char *out = pm->output ? pm->output : "", *line, *end;
	size_t len = strlen(out);
	char when[32] = "?";
	struct tm tm;
	int count = 0, i;

	if (gmtime_r(&now, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = tail_lines(out, len, pm->lines, &count);

	berth_buf_addf(&t, "=== %s berth post-mortem of container ", when);
	text_add_value(&t, pm->name);
	berth_buf_adds(&t, " ===\nresource:   ");
	text_add_value(&t, pm->resource);
	berth_buf_adds(&t, " (");
	text_add_value(&t, pm->action);
	berth_buf_adds(&t, " removed the container)\ncontainer:  ");
	text_add_value(&t, pm->name);
	berth_buf_adds(&t, " ");
	text_add_value(&t, pm->id);
	berth_buf_adds(&t, "\nimage:      ");
	text_add_value(&t, pm->image);
	berth_buf_adds(&t, "\nstatus:     ");
	text_add_value(&t, pm->status);
	berth_buf_addf(&t, "\nexit code:  %d\nOOMKilled:  %s\nerror:      ", pm->exit_code,
		       pm->oom_killed ? "true" : "false");
	text_add_value(&t, pm->error);
	berth_buf_adds(&t, "\nstarted:    ");
	text_add_value(&t, pm->started_at);
	berth_buf_adds(&t, "\nfinished:   ");
	text_add_value(&t, pm->finished_at);
	if (pm->output == NULL) {
		berth_buf_adds(&t, "\noutput:     not read: ");
		text_add_value(&t, pm->output_error ? pm->output_error : "unknown error");
		berth_buf_adds(&t, "\n");
	} else {
		berth_buf_addf(&t, "\noutput:     the last %d line%s (postmortem_lines=%d)\n", count,
			       count == 1 ? "" : "s", pm->lines);
	}
	for (i = 0; i < count; i++) {
		size_t n;

		end = strchr(line, '\n');
		n = end ? (size_t)(end - line) : strlen(line);
		berth_buf_adds(&t, "| ");
		if (n > 0 && line[n - 1] == '\r')
			n--; /* CRLF output */
		if (n > BERTH_POSTMORTEM_MAX_LINE) {
			text_add_clean(&t, line, BERTH_POSTMORTEM_MAX_LINE);
			berth_buf_adds(&t, " [...]");
		} else {
			text_add_clean(&t, line, n);
		}
		berth_buf_adds(&t, "\n");
		line = end ? end + 1 : line + n;
	}
	berth_buf_adds(&t, "\n");
	return berth_buf_steal(&t);
}

/* <name>.log.<i>, or <name>.log for i == 0. */
static char *
log_name(const char *name, int i)
{
	return i == 0 ? berth_xasprintf("%s.log", name) : berth_xasprintf("%s.log.%d", name, i);
}

/* <name>.log -> .1 -> .2 ... -> .keep; the old .keep goes. By name in the directory dirfd:
 * renameat and unlinkat act on links themselves, never on what they point to. */
static int
rotate(int dirfd, const char *dir, const char *name, int keep, berth_error_t *err)
{
	int i;

	if (keep <= 0) {
		cleanup_free char *file = log_name(name, 0);
		if (unlinkat(dirfd, file, 0) < 0 && errno != ENOENT)
			return berth_error_set(err, errno, "cannot remove %s/%s: %s", dir, file, strerror(errno));
		return 0;
	}
	for (i = keep - 1; i >= 0; i--) {
		cleanup_free char *from = log_name(name, i);
		cleanup_free char *to = log_name(name, i + 1);

		if (renameat(dirfd, from, dirfd, to) < 0 && errno != ENOENT)
			return berth_error_set(err, errno, "cannot rotate %s/%s to %s: %s", dir, from, to,
					       strerror(errno));
	}
	return 0;
}

int
berth_postmortem_append(const char *dir, const char *name, const char *record,
			const struct berth_postmortem_limits *lim, berth_error_t *err)
{
	cleanup_close int dirfd = -1;
	cleanup_free char *file = NULL, *old = NULL, *text = NULL;
	size_t len = strlen(record), old_len = 0;
	berth_error_t read_err = NULL;
	bool full = false;
	int ret;

	if (name == NULL || name[0] == '\0' || strchr(name, '/') != NULL || strcmp(name, "..") == 0 ||
	    strcmp(name, ".") == 0)
		return berth_error_set(err, EINVAL, "post-mortem: '%s' cannot name a file", name ? name : "");
	/* The directory is checked once and then used only through its descriptor: a link, a
	 * file or a directory someone else may write in is not written to (file.h). */
	if ((dirfd = berth_file_dir_open(dir, 0750, err)) < 0)
		return dirfd;
	file = log_name(name, 0);
	/* The file is replaced as a whole (the old records and the new one), never appended to in
	 * place: nothing is written through a link planted as <name>.log, and a reader never sees
	 * half a record. A file past the rotation size is not read: it is rotated. */
	ret = berth_file_read(dirfd, file, BERTH_FILE_NOFOLLOW, lim->rotate_bytes, &old, &old_len, &read_err);
	if (ret == -EFBIG) {
		full = true;
	} else if (ret < 0 && ret != -ENOENT) {
		ret = berth_error_set(err, -ret, "%s/%s: not writing to it", dir, read_err->msg);
		berth_error_free(&read_err);
		return ret;
	}
	berth_error_free(&read_err);
	if (full || (old_len > 0 && old_len + len > lim->rotate_bytes)) {
		if ((ret = rotate(dirfd, dir, name, lim->keep, err)) < 0)
			return ret;
		old_len = 0;
	}
	text = berth_xmalloc(old_len + len + 1);
	if (old_len > 0)
		memcpy(text, old, old_len);
	memcpy(text + old_len, record, len + 1);
	return berth_file_write_atomic(dirfd, dir, file, text, old_len + len, 0640, BERTH_FILE_SYNC, err);
}

int
berth_postmortem_keep(const char *dir, const struct berth_postmortem *pm, berth_error_t *err)
{
	static const struct berth_postmortem_limits lim = { BERTH_POSTMORTEM_ROTATE_BYTES, BERTH_POSTMORTEM_KEEP };
	cleanup_free char *record = NULL;
	cleanup_free char *where = NULL;
	const char *out, *line;
	int ret, count = 0, i;

	if (pm->lines <= 0)
		return 0;
	record = berth_postmortem_format(pm, time(NULL));
	ret = berth_postmortem_append(dir, pm->name, record, &lim, err);
	where = ret == 0 ? berth_xasprintf("kept in %s/%s.log", dir, pm->name)
			 : berth_xasprintf("not kept: %s", (*err)->msg);
	berth_log_notice("container %s (%.12s) of %s ended on its own: status %s, exit code %d, OOMKilled %s%s%.300s, "
			 "finished %s; post-mortem %s",
			 pm->name, pm->id ? pm->id : "-", pm->resource ? pm->resource : "-",
			 pm->status ? pm->status : "-", pm->exit_code, pm->oom_killed ? "true" : "false",
			 pm->error ? ", error: " : "", pm->error ? pm->error : "",
			 pm->finished_at ? pm->finished_at : "-", where);
	/* The last few lines: the record's own, which are bounded and cleaned already. */
	out = strstr(record, "\n| ");
	for (line = out; line != NULL; line = strstr(line + 1, "\n| "))
		count++;
	for (i = 0, line = out; line != NULL; line = strstr(line + 1, "\n| "), i++) {
		if (i < count - BERTH_POSTMORTEM_LOG_LINES)
			continue;
		size_t n = strcspn(line + 3, "\n");
		berth_log_notice("container %s output: %.*s", pm->name, (int)(n < 300 ? n : 300), line + 3);
	}
	return ret;
}

/* Did this container end on its own: exited or dead after a real start, and not stopped by berth
 * (a stop with reuse=true keeps it, and says so in the state record)? */
static bool
ended_on_its_own(struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_state st;

	if (info->running || info->status == NULL || info->started_at == NULL)
		return false;
	if (strcmp(info->status, "exited") != 0 && strcmp(info->status, "dead") != 0)
		return false;
	/* Docker's zero time: created, never started. */
	if (strncmp(info->started_at, "0001-01-01", 10) == 0)
		return false;
	return !(berth_state_load(ctx->params->name, &st) == 1 && st.stopped && berth_record_describes(&st, info));
}

void
berth_postmortem_before_remove(struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_params *p = ctx->params;
	struct berth_deadline share = *ctx->deadline;
	struct berth_client client = { .engine = ctx->client->engine, .deadline = &share };
	cleanup_free char *logs = NULL;
	berth_error_t err = NULL, write_err = NULL;
	long ms = berth_deadline_left_ms(ctx->deadline) / 10;
	struct berth_postmortem pm = {
		.action = ctx->action ? ctx->action->name : NULL,
		.resource = p->instance,
		.name = p->name,
		.id = info->id,
		.image = info->image,
		.status = info->status,
		.exit_code = info->exit_code,
		.oom_killed = info->oom_killed,
		.error = info->error,
		.started_at = info->started_at,
		.finished_at = info->finished_at,
		.lines = p->postmortem_lines,
	};

	if (p->postmortem_lines <= 0 || !ended_on_its_own(ctx, info))
		return;
	if (ms > POSTMORTEM_MS)
		ms = POSTMORTEM_MS;
	if (berth_now_ms() + ms < share.end_ms)
		share.end_ms = berth_now_ms() + ms;
	if (ms < 20)
		pm.output_error = "no time left to read it";
	else if (berth_container_logs(&client, info->id, p->postmortem_lines, &logs, &err) < 0)
		pm.output_error = err->msg;
	pm.output = logs;
	/* A record that cannot be written is logged by berth_postmortem_keep, with the facts. */
	(void)berth_postmortem_keep(berth_postmortem_dir(), &pm, &write_err);
	berth_error_free(&write_err);
	berth_error_free(&err);
}
