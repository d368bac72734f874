/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what berth remembers on the node about a container it runs. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "deadline.h"
#include "file.h"
#include "ocf.h"
#include "params.h"
#include "state.h"

static const char *
state_dir(void)
{
	const char *dir = berth_ocf_getenv("HA_RSCTMP");

	return dir ? dir : "/run/resource-agents";
}

/* berth-<name><suffix>, the file's name in the state directory */
static int
file_name(const char *name, const char *suffix, char *buf, size_t len)
{
	if (snprintf(buf, len, "berth-%s%s", name, suffix) >= (int)len)
		return -1;
	return 0;
}

/* $HA_RSCTMP/berth-<name><suffix> */
static int
file_path(const char *name, const char *suffix, char *buf, size_t len)
{
	if (snprintf(buf, len, "%s/berth-%s%s", state_dir(), name, suffix) >= (int)len)
		return -1;
	return 0;
}

static int
state_path(const char *name, char *buf, size_t len)
{
	return file_path(name, ".state", buf, len);
}

/* Replace the state directory's file with one line of text, through the one atomic writer
 * (file.h): a reader sees the old record or the new one, never half of one. The directory comes
 * from the environment, so it is checked first (created 0755 when missing; not a link, berth's
 * own, writable by nobody else); the record is 0600. sync: flush it to the disk first. */
static int
write_line(const char *file, const char *line, size_t len, bool sync, berth_error_t *err)
{
	const char *dir = state_dir();
	int dirfd = berth_file_dir_open(dir, 0755, err), ret;

	if (dirfd < 0)
		return berth_error_wrap(err, "cannot write %s/%s (HA_RSCTMP): ", dir, file);
	ret = berth_file_write_atomic(dirfd, dir, file, line, len, 0600, sync ? BERTH_FILE_SYNC : 0, err);
	close(dirfd);
	return ret;
}

int
berth_state_load(const char *name, struct berth_state *st)
{
	char path[4096], line[512], score[32] = "-";
	FILE *f;
	int promoted = 0, stopped = 0, n;

	memset(st, 0, sizeof(*st));
	if (state_path(name, path, sizeof(path)) < 0)
		return -1;
	f = fopen(path, "re");
	if (f == NULL)
		return errno == ENOENT ? 0 : -1;
	n = fgets(line, sizeof(line), f) != NULL ? sscanf(line, "%79s %47s %ld %llu %d %31s %d", st->id, st->started_at,
							  &st->pid, &st->pid_start, &promoted, score, &stopped)
						 : 0;
	fclose(f);
	if (n < 5) {
		/* There, but not a record berth can read: it says something ran, not what. */
		memset(st, 0, sizeof(*st));
		return -1;
	}
	st->promoted = promoted != 0;
	st->stopped = n >= 7 && stopped != 0;
	if (strcmp(score, "-") != 0) {
		char *end = NULL;
		st->score = strtoll(score, &end, 10);
		st->score_set = end != score && *end == '\0';
	}
	return 1;
}

int
berth_state_names(char ***names)
{
	static const char prefix[] = "berth-", suffix[] = ".state";
	berth_cleanup(strv) struct berth_strv l = { 0 };
	DIR *d = opendir(state_dir());
	struct dirent *e;
	int ret = 0;

	if (d == NULL) {
		*names = berth_strv_steal(&l);
		return errno == ENOENT ? 0 : -1;
	}
	for (;;) {
		cleanup_free char *name = NULL;
		size_t len;

		errno = 0;
		e = readdir(d);
		if (e == NULL) {
			ret = errno != 0 ? -1 : 0;
			break;
		}
		len = strlen(e->d_name);

		/* berth-<name>.state; the exec records, the notes and the atomic writer's temporary
		 * files (".berth-...") have other names */
		if (len <= sizeof(prefix) - 1 + sizeof(suffix) - 1 ||
		    strncmp(e->d_name, prefix, sizeof(prefix) - 1) != 0 ||
		    strcmp(e->d_name + len - (sizeof(suffix) - 1), suffix) != 0)
			continue;
		name = berth_xstrndup(e->d_name + sizeof(prefix) - 1,
				      len - (sizeof(prefix) - 1) - (sizeof(suffix) - 1));
		/* only a name Docker could have given a container goes to the daemon */
		if (berth_params_name_ok(name)) {
			berth_strv_take(&l, name);
			name = NULL;
		}
	}
	closedir(d);
	if (ret < 0)
		berth_strv_release(&l);
	berth_strs_sort((const char **)l.v, l.n);
	*names = berth_strv_steal(&l);
	return ret;
}

int
berth_state_save(const char *name, const struct berth_state *st, berth_error_t *err)
{
	char file[4096], line[512], score[32] = "-";
	int len;

	if (file_name(name, ".state", file, sizeof(file)) < 0)
		return berth_error_set(err, ENAMETOOLONG, "state path too long for %s", name);
	if (st->score_set)
		snprintf(score, sizeof(score), "%lld", st->score);
	len = snprintf(line, sizeof(line), "%s %s %ld %llu %d %s %d\n", st->id[0] ? st->id : "-",
		       st->started_at[0] ? st->started_at : "-", st->pid, st->pid_start, st->promoted ? 1 : 0, score,
		       st->stopped ? 1 : 0);
	return write_line(file, line, (size_t)len, true, err);
}

void
berth_state_clear(const char *name)
{
	char path[4096];

	if (state_path(name, path, sizeof(path)) == 0)
		(void)unlink(path);
	berth_state_exec_clear(name);
}

int
berth_state_exec_load(const char *name, struct berth_exec_record *rec)
{
	char path[4096], line[512];
	FILE *f;
	int n;

	memset(rec, 0, sizeof(*rec));
	if (file_path(name, ".exec", path, sizeof(path)) < 0)
		return -1;
	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	n = fgets(line, sizeof(line), f) != NULL
		    ? sscanf(line, "%79s %79s %lld %31s", rec->exec_id, rec->container_id, &rec->since, rec->what)
		    : 0;
	fclose(f);
	if (n < 4) {
		memset(rec, 0, sizeof(*rec));
		return 0;
	}
	return 1;
}

int
berth_state_exec_save(const char *name, const struct berth_exec_record *rec, berth_error_t *err)
{
	char file[4096], line[512];
	int len;

	if (file_name(name, ".exec", file, sizeof(file)) < 0)
		return berth_error_set(err, ENAMETOOLONG, "exec record path too long for %s", name);
	len = snprintf(line, sizeof(line), "%s %s %lld %s\n", rec->exec_id[0] ? rec->exec_id : "-",
		       rec->container_id[0] ? rec->container_id : "-", rec->since, rec->what[0] ? rec->what : "-");
	/* Written and removed around every exec: no fsync. A crash that loses it also ends the
	 * container's processes (the directory is a tmpfs, gone with a reboot). */
	return write_line(file, line, (size_t)len, false, err);
}

void
berth_state_exec_clear(const char *name)
{
	char path[4096];

	if (file_path(name, ".exec", path, sizeof(path)) == 0)
		(void)unlink(path);
}

int
berth_state_note_load(const char *name, char *buf, size_t len)
{
	char path[4096];
	FILE *f;
	bool got;

	buf[0] = '\0';
	if (file_path(name, "", path, sizeof(path)) < 0)
		return -1;
	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	got = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!got)
		buf[0] = '\0';
	return got ? 1 : 0;
}

int
berth_state_note_save(const char *name, const char *line, berth_error_t *err)
{
	char file[4096];

	if (file_name(name, "", file, sizeof(file)) < 0)
		return berth_error_set(err, ENAMETOOLONG, "note path too long for %s", name);
	return write_line(file, line, strlen(line), false, err);
}

bool
berth_state_same_run(const struct berth_state *st, const char *id, const char *started_at)
{
	return id != NULL && started_at != NULL && strcmp(st->id, id) == 0 && strcmp(st->started_at, started_at) == 0;
}

bool
berth_state_process_alive(const struct berth_state *st)
{
	return st->pid > 0 && st->pid_start != 0 && berth_process_start_ticks(st->pid) == st->pid_start;
}
