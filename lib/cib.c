/* berth: the cluster's configuration through Pacemaker's tools (spawned, no shell). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "cib.h"
#include "cleanup.h"
#include "deadline.h"
#include "words.h"

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

struct sink {
	int fd;
	char *buf;
	size_t len, cap;
};

/* Read what is there; false at end of file. Beyond cap, the rest is read and dropped. */
static bool
drain(struct sink *s)
{
	char chunk[8192];
	ssize_t n = read(s->fd, chunk, sizeof(chunk));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	if (s->len < s->cap) {
		size_t take = (size_t)n < s->cap - s->len ? (size_t)n : s->cap - s->len;

		s->buf = berth_xrealloc(s->buf, s->len + take + 1);
		memcpy(s->buf + s->len, chunk, take);
		s->len += take;
		s->buf[s->len] = '\0';
	}
	return true;
}

int
berth_cib_run(const struct berth_cib *cib, char *const argv[], long timeout_ms, struct berth_cib_output *o,
	      berth_error_t *err)
{
	posix_spawn_file_actions_t fa;
	struct sink sinks[2] = { { -1, NULL, 0, OUT_MAX }, { -1, NULL, 0, ERR_MAX } };
	int out[2] = { -1, -1 }, errp[2] = { -1, -1 }, status = 0, rc, open_fds = 2;
	char **env = NULL;
	long long end = berth_now_ms() + timeout_ms;
	pid_t pid;

	memset(o, 0, sizeof(*o));
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		rc = errno;
		if (out[0] >= 0) {
			close(out[0]);
			close(out[1]);
		}
		return berth_error_set(err, rc, "pipe: %s", strerror(rc));
	}
	env = environment(cib != NULL ? cib->file : NULL);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	if (cib != NULL && cib->file != NULL) {
		size_t i;

		for (i = 0; env[i]; i++)
			if (strncmp(env[i], "CIB_file=", 9) == 0)
				free(env[i]);
	}
	free(env);
	close(out[1]);
	close(errp[1]);
	sinks[0].fd = out[0];
	sinks[1].fd = errp[0];
	if (rc != 0) {
		close(out[0]);
		close(errp[0]);
		return berth_error_set(err, rc, "cannot run %s: %s", argv[0], strerror(rc));
	}
	while (open_fds > 0) {
		struct pollfd pfd[2];
		long long left = end - berth_now_ms();
		int n = 0, i;

		if (left <= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			for (i = 0; i < 2; i++) {
				if (sinks[i].fd >= 0)
					close(sinks[i].fd);
				free(sinks[i].buf);
			}
			return berth_error_set(err, BERTH_E_TIMEDOUT, "%s did not finish within %ld ms", argv[0],
					       timeout_ms);
		}
		for (i = 0; i < 2; i++)
			if (sinks[i].fd >= 0)
				pfd[n++] = (struct pollfd){ .fd = sinks[i].fd, .events = POLLIN };
		if (poll(pfd, (nfds_t)n, (int)(left < 1000 ? left : 1000)) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			int j;

			for (j = 0; j < n && pfd[j].fd != sinks[i].fd; j++)
				;
			if (j == n || pfd[j].revents == 0)
				continue;
			if (!drain(&sinks[i])) {
				close(sinks[i].fd);
				sinks[i].fd = -1;
				open_fds--;
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	o->out = sinks[0].buf ? sinks[0].buf : berth_xstrdup("");
	o->err = sinks[1].buf ? sinks[1].buf : berth_xstrdup("");
	o->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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
