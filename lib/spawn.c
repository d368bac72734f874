/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the one runner of child processes (no shell, own session, bounded). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "deadline.h"
#include "spawn.h"

#define CHUNK       8192
#define POLL_MAX_MS 100L  /* between looks at whether the child has ended */
#define REAP_MS     1000L /* after a SIGKILL, how long berth waits to reap the child */
#define FD_SCAN_MAX 65536 /* without /proc, the descriptors closed in the child */

extern char **environ;

/* The process group of the running child, for the watchdog's handler (async-signal-safe). */
static volatile sig_atomic_t running_pgid;

pid_t
berth_spawn_running(void)
{
	return (pid_t)running_pgid;
}

void
berth_spawn_kill_running(void)
{
	pid_t pgid = (pid_t)running_pgid;

	if (pgid > 0) {
		/* The group, and the child itself should it not have reached setsid() yet. */
		(void)kill(-pgid, SIGKILL);
		(void)kill(pgid, SIGKILL);
	}
}

/* argv[0] as execve needs it: itself when it has a '/', else the first executable file of that
 * name in PATH (the shell's default PATH when there is none). Looked up before the fork, so that
 * the child only makes system calls, and a missing program is an error of the parent's. */
static int
find_program(const char *name, char *buf, size_t size)
{
	const char *path = getenv("PATH"), *p, *end;

	if (name == NULL || name[0] == '\0')
		return ENOENT;
	if (strchr(name, '/') != NULL) {
		if (snprintf(buf, size, "%s", name) >= (int)size)
			return ENAMETOOLONG;
		return access(buf, X_OK) == 0 ? 0 : errno;
	}
	if (path == NULL || path[0] == '\0')
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	for (p = path; *p != '\0'; p = *end ? end + 1 : end) {
		size_t n;

		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		/* An empty entry means the current directory: never for a program run as root. */
		if (n == 0 || p[0] != '/')
			continue;
		if (snprintf(buf, size, "%.*s/%s", (int)n, p, name) >= (int)size)
			continue;
		if (access(buf, X_OK) == 0)
			return 0;
	}
	return ENOENT;
}

/* The highest descriptor open in this process (from /proc), for the child's closing loop. */
static int
highest_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	long max = 2, v;

	if (d == NULL) {
		v = sysconf(_SC_OPEN_MAX);
		return (int)(v > 0 && v < FD_SCAN_MAX ? v : FD_SCAN_MAX);
	}
	while ((e = readdir(d)) != NULL) {
		char *end = NULL;

		v = strtol(e->d_name, &end, 10);
		if (end != e->d_name && *end == '\0' && v > max && v < INT_MAX)
			max = v;
	}
	closedir(d);
	return (int)max;
}

/* In the child: fd moved above the standard descriptors (a pipe end may have got 0, 1 or 2 when
 * berth runs with one of them closed), so that the dup2 calls cannot clobber each other. */
static int
above_standard(int fd)
{
	return fd >= 0 && fd <= STDERR_FILENO ? fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1) : fd;
}

/* In the child: close every descriptor from 3 on but keep. */
static void
close_others(int keep, int max)
{
	int fd;

#ifdef SYS_close_range
	if (keep > 3 && syscall(SYS_close_range, 3U, (unsigned)keep - 1, 0U) == 0 &&
	    syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0U) == 0)
		return;
	if (keep == 3 && syscall(SYS_close_range, 4U, ~0U, 0U) == 0)
		return;
#endif
	for (fd = 3; fd <= max; fd++)
		if (fd != keep)
			(void)close(fd);
}

/* The child, between fork and exec: only system calls (async-signal-safe), then execve. Its exec
 * error goes to the parent through report (close-on-exec: closed by a successful exec). */
static void __attribute__((noreturn))
child(const char *path, char *const argv[], char *const envp[], int in, int out, int err, int report, int max_fd)
{
	struct sigaction dfl;
	sigset_t none;
	int sig, e;

	(void)setsid();
	/* What berth set up for itself is not the program's: handlers, ignored signals (an ignored
	 * SIGPIPE would survive the exec) and the signal mask. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);

	in = above_standard(in);
	out = above_standard(out);
	err = above_standard(err);
	report = above_standard(report);
	if (in < 0 || out < 0 || err < 0 || report < 0 || dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
	    dup2(err, STDERR_FILENO) < 0)
		goto failed;
	close_others(report, max_fd > report ? max_fd : report);
	execve(path, argv, envp);
failed:
	e = errno;
	if (write(report, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* One stream of the child's output: what is kept of it, and how much there was. */
struct sink {
	int fd;
	struct berth_buf text; /* what is kept: at most max bytes (text.secret: the spawn's secret) */
	size_t max, seen;
};

/* Read what is there. \return false at end of file (or an error other than a retry). */
static bool
drain(struct sink *s)
{
	char chunk[CHUNK];
	ssize_t n = read(s->fd, chunk, sizeof(chunk));
	size_t take;

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	s->seen += (size_t)n;
	take = s->text.len < s->max ? s->max - s->text.len : 0;
	if (take > (size_t)n)
		take = (size_t)n;
	if (take > 0)
		berth_buf_add(&s->text, chunk, take);
	if (s->text.secret)
		explicit_bzero(chunk, sizeof(chunk));
	return true;
}

static void
sink_close(struct sink *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

static void
sink_free(struct sink *s)
{
	sink_close(s);
	berth_buf_release(&s->text);
}

/* The kept text, NUL-terminated (an empty string when nothing was kept); the sink gives it up. */
static char *
sink_take(struct sink *s, size_t *len)
{
	*len = s->text.len;
	return berth_buf_steal(&s->text);
}

/* Reap the child, waiting at most until end_ms. \return true once reaped (status filled) */
static bool
reap(pid_t pid, int *status, long long end_ms)
{
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return true;
		if (r < 0 && errno != EINTR)
			return false;
		if (berth_now_ms() >= end_ms)
			return false;
		(void)poll(NULL, 0, 10);
	}
}

/* SIGKILL to the child's group (and the child), then reap it within REAP_MS. A child in an
 * uninterruptible sleep may outlast that: nothing more can be done, and init reaps it once berth
 * has ended. */
static void
kill_and_reap(pid_t pid)
{
	int status;

	(void)kill(-pid, SIGKILL);
	(void)kill(pid, SIGKILL);
	(void)reap(pid, &status, berth_now_ms() + REAP_MS);
}

int
berth_spawn_run(const struct berth_spawn *s, struct berth_spawn_result *r, berth_error_t *err)
{
	char path[PATH_MAX];
	const char *what = s->what != NULL ? s->what : s->argv[0];
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, errp[2] = { -1, -1 }, rep[2] = { -1, -1 };
	struct sink sinks[2] = { { .fd = -1, .text = { .secret = s->secret }, .max = s->out_max },
				 { .fd = -1, .text = { .secret = s->secret }, .max = s->err_max } };
	long long start = berth_now_ms(), end = start + s->timeout_ms;
	int status = 0, exec_errno = 0, max_fd, rc, i;
	bool reported = false, reaped = false;
	size_t in_len = s->input != NULL ? strlen(s->input) : 0;
	sigset_t alarm, old_mask;
	struct sigaction chld;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->secret = s->secret;
	/* What gives the time (berth_deadline_call_ms) says <= 0 once the deadline is spent: a
	 * child started then would only be killed again. */
	if (s->timeout_ms <= 0)
		return berth_error_set(err, BERTH_E_TIMEDOUT, "no time left to run %s", what);
	if ((rc = find_program(s->argv[0], path, sizeof(path))) != 0)
		return berth_error_set(err, rc, "cannot run %s: %s", what, strerror(rc));
	if (in_len > BERTH_SPAWN_INPUT_MAX)
		return berth_error_set(err, EINVAL, "cannot run %s: its input is longer than %d bytes", what,
				       BERTH_SPAWN_INPUT_MAX);
	if ((s->input != NULL ? pipe2(in, O_CLOEXEC) : (in[0] = open("/dev/null", O_RDONLY | O_CLOEXEC))) < 0 ||
	    pipe2(out, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 || pipe2(rep, O_CLOEXEC) < 0) {
		rc = errno;
		goto cannot;
	}
	/* Written before the child runs: at most one pipe buffer's worth into an empty pipe, so the
	 * write can neither block nor raise SIGPIPE. */
	if (s->input != NULL) {
		if (write(in[1], s->input, in_len) != (ssize_t)in_len) {
			rc = errno ? errno : EIO;
			goto cannot;
		}
		close(in[1]);
		in[1] = -1;
	}
	max_fd = highest_fd();
	/* A SIGCHLD ignored by whoever started berth would have the kernel reap the child at once,
	 * and waitpid() could never tell its status: berth waits for its children itself. */
	if (sigaction(SIGCHLD, NULL, &chld) == 0 && chld.sa_handler == SIG_IGN) {
		chld.sa_handler = SIG_DFL;
		chld.sa_flags &= ~SA_NOCLDWAIT;
		(void)sigaction(SIGCHLD, &chld, NULL);
	}
	/* The watchdog (SIGALRM) is held off from the fork until the child is recorded, so that it
	 * can never miss one; the child sets its own signal mask. */
	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	(void)sigprocmask(SIG_BLOCK, &alarm, &old_mask);
	pid = fork();
	if (pid == 0)
		child(path, s->argv, s->envp != NULL ? s->envp : environ, in[0], out[1], s->merge ? out[1] : errp[1],
		      rep[1], max_fd);
	rc = errno;
	if (pid > 0)
		running_pgid = pid;
	(void)sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (pid < 0)
		goto cannot;
	close(in[0]);
	close(out[1]);
	close(errp[1]);
	close(rep[1]);
	in[0] = out[1] = errp[1] = rep[1] = -1;
	sinks[0].fd = out[0];
	if (s->merge)
		close(errp[0]);
	else
		sinks[1].fd = errp[0];
	out[0] = errp[0] = -1;

	/* Until both streams end and the child has exec'd (or said why it could not), or the time is
	 * up. A child that ended while something it started keeps the pipes open ends the reading
	 * too: what is left in the pipes is read, the rest is not waited for. */
	while (sinks[0].fd >= 0 || sinks[1].fd >= 0 || rep[0] >= 0) {
		struct pollfd pfd[3];
		struct sink *owner[3];
		long long left = end - berth_now_ms();
		int n = 0, ready;

		if (left <= 0)
			goto timed_out;
		for (i = 0; i < 2; i++)
			if (sinks[i].fd >= 0) {
				owner[n] = &sinks[i];
				pfd[n++] = (struct pollfd){ .fd = sinks[i].fd, .events = POLLIN };
			}
		if (rep[0] >= 0) {
			owner[n] = NULL;
			pfd[n++] = (struct pollfd){ .fd = rep[0], .events = POLLIN };
		}
		ready = poll(pfd, (nfds_t)n, (int)(left < POLL_MAX_MS ? left : POLL_MAX_MS));
		if (ready < 0 && errno != EINTR)
			goto timed_out;
		for (i = 0; ready > 0 && i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (owner[i] != NULL) {
				if (!drain(owner[i]))
					sink_close(owner[i]);
				continue;
			}
			/* The report: an errno from a failed exec, or end of file after a good one. */
			if (!reported) {
				ssize_t got = read(rep[0], &exec_errno, sizeof(exec_errno));

				if (got < 0 && errno == EINTR)
					continue;
				if (got != (ssize_t)sizeof(exec_errno))
					exec_errno = 0;
				reported = true;
			}
			close(rep[0]);
			rep[0] = -1;
		}
		if (ready == 0 && !reaped && rep[0] < 0 && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = true;
			/* Ended; whatever is in the pipes now is all it wrote. */
			for (i = 0; i < 2; i++)
				while (sinks[i].fd >= 0) {
					struct pollfd p = { .fd = sinks[i].fd, .events = POLLIN };

					if (poll(&p, 1, 0) <= 0 || !drain(&sinks[i]))
						sink_close(&sinks[i]);
				}
		}
	}
	if (!reaped && !reap(pid, &status, end))
		goto timed_out;
	/* Nothing it started in its group outlives it. */
	(void)kill(-pid, SIGKILL);
	running_pgid = 0;
	if (exec_errno != 0) {
		sink_free(&sinks[0]);
		sink_free(&sinks[1]);
		return berth_error_set(err, exec_errno, "cannot run %s: %s", what, strerror(exec_errno));
	}
	r->out = sink_take(&sinks[0], &r->out_len);
	r->err = sink_take(&sinks[1], &r->err_len);
	r->err_seen = sinks[1].seen;
	r->exited = WIFEXITED(status);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return 0;

timed_out:
	kill_and_reap(pid);
	running_pgid = 0;
	sink_free(&sinks[0]);
	sink_free(&sinks[1]);
	if (rep[0] >= 0)
		close(rep[0]);
	return berth_error_set(err, BERTH_E_TIMEDOUT, "%s did not finish within %ld ms", what, (long)(end - start));

cannot:
	for (i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (errp[i] >= 0)
			close(errp[i]);
		if (rep[i] >= 0)
			close(rep[i]);
	}
	return berth_error_set(err, rc, "cannot run %s: %s", what, strerror(rc));
}

void
berth_spawn_result_release(struct berth_spawn_result *r)
{
	if (r->secret) {
		if (r->out != NULL)
			explicit_bzero(r->out, r->out_len);
		if (r->err != NULL)
			explicit_bzero(r->err, r->err_len);
	}
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}
