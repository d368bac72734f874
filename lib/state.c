/* berth: what berth remembers on the node about a container it runs. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocf.h"
#include "state.h"

static int
state_path(const char *name, char *buf, size_t len)
{
	const char *dir = berth_ocf_getenv("HA_RSCTMP");

	if (dir == NULL)
		dir = "/run/resource-agents";
	if (snprintf(buf, len, "%s/berth-%s.state", dir, name) >= (int)len)
		return -1;
	return 0;
}

int
berth_state_load(const char *name, struct berth_state *st)
{
	char path[4096], line[512], score[32] = "-";
	FILE *f;
	int promoted = 0, n;

	memset(st, 0, sizeof(*st));
	if (state_path(name, path, sizeof(path)) < 0)
		return -1;
	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	n = fgets(line, sizeof(line), f) != NULL ? sscanf(line, "%79s %47s %ld %llu %d %31s", st->id, st->started_at,
							  &st->pid, &st->pid_start, &promoted, score)
						 : 0;
	fclose(f);
	if (n < 5) {
		memset(st, 0, sizeof(*st));
		return 0;
	}
	st->promoted = promoted != 0;
	if (strcmp(score, "-") != 0) {
		char *end = NULL;
		st->score = strtoll(score, &end, 10);
		st->score_set = end != score && *end == '\0';
	}
	return 1;
}

int
berth_state_save(const char *name, const struct berth_state *st, berth_error_t *err)
{
	char path[4096], tmp[4200], line[512], score[32] = "-";
	int fd, len;
	const char *dir;

	if (state_path(name, path, sizeof(path)) < 0)
		return berth_error_set(err, ENAMETOOLONG, "state path too long for %s", name);
	dir = berth_ocf_getenv("HA_RSCTMP");
	(void)mkdir(dir ? dir : "/run/resource-agents", 0755);
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if (st->score_set)
		snprintf(score, sizeof(score), "%lld", st->score);
	len = snprintf(line, sizeof(line), "%s %s %ld %llu %d %s\n", st->id[0] ? st->id : "-",
		       st->started_at[0] ? st->started_at : "-", st->pid, st->pid_start, st->promoted ? 1 : 0, score);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return berth_error_set(err, errno, "cannot write %s: %s", tmp, strerror(errno));
	if (write(fd, line, (size_t)len) != len || fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return berth_error_set(err, e, "cannot write %s: %s", tmp, strerror(e));
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return berth_error_set(err, e, "cannot rename %s: %s", tmp, strerror(e));
	}
	return 0;
}

void
berth_state_clear(const char *name)
{
	char path[4096];

	if (state_path(name, path, sizeof(path)) == 0)
		(void)unlink(path);
}

unsigned long long
berth_state_proc_start(long pid)
{
	char path[64], buf[1024], *p;
	unsigned long long start = 0;
	ssize_t n;
	int fd, field;

	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* Field 2 (comm) may contain spaces and parentheses: count from the last ')'. */
	p = strrchr(buf, ')');
	if (p == NULL)
		return 0;
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p != NULL)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

bool
berth_state_process_alive(const struct berth_state *st)
{
	return st->pid > 0 && st->pid_start != 0 && berth_state_proc_start(st->pid) == st->pid_start;
}
