/* berth: cluster tools run directly (posix_spawn, no shell), bounded by the deadline. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ocf.h"
#include "tool.h"

#define OUTPUT_MAX 2048

extern char **environ;

const char *
berth_tool_path(const char *env, const char *path)
{
	const char *p = berth_ocf_getenv(env), *base;

	if (p != NULL)
		return p;
	if (access(path, X_OK) == 0)
		return path;
	base = strrchr(path, '/');
	return base ? base + 1 : path; /* posix_spawnp searches PATH */
}

/* Run argv, keep the first size - 1 bytes of its output in out (NUL-terminated), and its wait
 * status in *status. \return 0, or -1 with err when it could not run or ran out of time. */
static int
spawn_collect(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, char *out, size_t size,
	      int *status, berth_error_t *err)
{
	posix_spawn_file_actions_t fa;
	size_t used = 0, keep = size - 1;
	int fds[2], rc;
	pid_t pid;
	long long end = berth_now_ms() + berth_deadline_call_ms(d, cap_ms);

	if (pipe2(fds, O_CLOEXEC) < 0)
		return berth_error_set(err, errno, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return berth_error_set(err, rc, "cannot run %s: %s", argv[0], strerror(rc));
	}
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long long left = end - berth_now_ms();
		ssize_t n;
		char sink[512];

		if (left <= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(fds[0]);
			return berth_error_set(err, BERTH_E_TIMEDOUT, "%s did not finish in time", what);
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		n = read(fds[0], used < keep ? out + used : sink, used < keep ? keep - used : sizeof(sink));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (used < keep)
			used += (size_t)n;
	}
	close(fds[0]);
	out[used] = '\0';
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

int
berth_tool_run(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, berth_error_t *err)
{
	char out[OUTPUT_MAX + 1];
	int status = 0;

	if (spawn_collect(argv, what, d, cap_ms, out, sizeof(out), &status, err) < 0)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return berth_error_set(err, BERTH_E_FAILED, "%s failed (status %d): %.300s", what,
				       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out);
	return 0;
}

int
berth_tool_capture(char *const argv[], const char *what, const struct berth_deadline *d, long cap_ms, char *out,
		   size_t size, berth_error_t *err)
{
	int status = 0;

	if (size == 0)
		return berth_error_set(err, EINVAL, "internal error: no room for the output of %s", what);
	if (spawn_collect(argv, what, d, cap_ms, out, size, &status, err) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
