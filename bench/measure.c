/* SPDX-License-Identifier: GPL-2.0-or-later */
/* measure: run a command and report what it cost, counting every process it started.
 *
 *   measure [-c N] [-q] [-g MS] -- COMMAND [ARG...]
 *
 * Prints one line per run: "wall_us cpu_us maxrss_kb status", where
 *   wall_us    elapsed time from fork until the command's own process was reaped;
 *   cpu_us     user + system time of the command and all its descendants (getrusage
 *              RUSAGE_CHILDREN after reaping them all; this helper is a child subreaper, so
 *              orphaned grandchildren are reaped, and counted, here too);
 *   maxrss_kb  ru_maxrss of RUSAGE_CHILDREN: the peak resident set of the largest single
 *              process in the tree (Linux keeps the maximum over reaped descendants, not a sum);
 *   status     the command's exit code, or 128+signal.
 * The command's stdout goes to /dev/null; its stderr is inherited (-q: /dev/null as well).
 *
 * -g MS: once the command's own process is reaped, wait at most MS milliseconds for what it left
 * behind, then report without the rest. For the podman CLI, which forks a container's monitor
 * (conmon) that lives as long as the container, and an exec's conmon that lingers for minutes:
 * they are the container's cost, not the action's, and waiting for them would never end.
 *
 * -c N runs N copies at the same moment: N measuring processes are forked first and held at a
 * pipe until all exist, then released together. One line per copy, in completion order.
 *
 * Why a C helper rather than timing from the Python driver: a process forked (or vforked) from
 * a large interpreter inherits its address space until exec, and ru_maxrss would then report
 * the interpreter's size. Forked from this small program, the pre-exec image is ~1 MB. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static long long
tv_us(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000LL + tv.tv_usec;
}

/* One measured run; writes its result line to stdout in a single write(). */
static void
on_alarm(int sig)
{
	(void)sig; /* only interrupts waitpid */
}

static int
measure_once(char **argv, int quiet, long grace_ms)
{
	struct rusage ru;
	long long t0, wall = -1;
	int status, code = -1, devnull;
	pid_t pid, w;
	char line[128];

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("measure: prctl(PR_SET_CHILD_SUBREAPER)");
		return 1;
	}
	t0 = now_us();
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 1;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			if (quiet)
				dup2(devnull, 2);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "measure: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* Reap the command and then anything it left behind, so that RUSAGE_CHILDREN covers the
	 * whole tree. */
	for (;;) {
		w = waitpid(-1, &status, 0);
		if (w < 0) {
			if (errno == EINTR && !(wall >= 0 && grace_ms > 0))
				continue;
			break; /* ECHILD: nothing left; or the grace is over */
		}
		if (w == pid) {
			wall = now_us() - t0;
			code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			if (grace_ms > 0) {
				/* SIGALRM without SA_RESTART: waitpid returns EINTR when the grace is over. */
				struct sigaction sa = { .sa_handler = on_alarm };
				struct itimerval it = { .it_value = { grace_ms / 1000, (grace_ms % 1000) * 1000 } };

				sigaction(SIGALRM, &sa, NULL);
				setitimer(ITIMER_REAL, &it, NULL);
			}
		}
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	snprintf(line, sizeof(line), "%lld %lld %ld %d\n", wall, tv_us(ru.ru_utime) + tv_us(ru.ru_stime), ru.ru_maxrss,
		 code);
	if (write(1, line, strlen(line)) < 0)
		return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	int copies = 1, quiet = 0, opt, gate[2], i, failed = 0, status;
	long grace_ms = 0;
	char c;

	while ((opt = getopt(argc, argv, "+c:qg:")) != -1) {
		switch (opt) {
		case 'c': copies = atoi(optarg); break;
		case 'q': quiet = 1; break;
		case 'g': grace_ms = atol(optarg); break;
		default: fprintf(stderr, "usage: measure [-c N] [-q] [-g MS] -- COMMAND [ARG...]\n"); return 2;
		}
	}
	if (optind >= argc || copies < 1) {
		fprintf(stderr, "usage: measure [-c N] [-q] [-g MS] -- COMMAND [ARG...]\n");
		return 2;
	}
	if (copies == 1)
		return measure_once(argv + optind, quiet, grace_ms);

	if (pipe(gate) < 0) {
		perror("measure: pipe");
		return 1;
	}
	for (i = 0; i < copies; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("measure: fork");
			failed = 1;
			break;
		}
		if (pid == 0) {
			close(gate[1]);
			/* Blocks until the parent closes its end: every copy is released at once. */
			while (read(gate[0], &c, 1) < 0 && errno == EINTR)
				;
			close(gate[0]);
			_exit(measure_once(argv + optind, quiet, grace_ms));
		}
	}
	close(gate[0]);
	close(gate[1]);
	for (;;) {
		if (wait(&status) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	}
	return failed;
}
