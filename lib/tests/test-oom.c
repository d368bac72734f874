/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit test: every allocation failure while parsing run_opts and building the create request
 * ends cleanly.
 *
 * This program defines malloc, calloc and realloc itself, so every allocation of the process --
 * berth's, json-c's, libc's own strdup and asprintf -- goes through them. For each sample and
 * each n, a child process makes the n-th allocation fail (only that one), parses, and prints
 * the create request. The child must either end as berth_oom() ends the agent (exit 1, the exit
 * reason "out of memory") or, when the failure was absorbed, print exactly the request the
 * unbroken run printed: never a crash, never a request with a field silently missing. n grows
 * until a run finishes without reaching its n-th allocation.
 *
 * Allocations json-c makes for itself are not failed (see from_json_c).
 *
 * AddressSanitizer brings its own allocator, which cannot be replaced: the sanitizer build does not
 * build this test (Makefile.am), and the source refuses to compile under it. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "runopts.h"
#include "spec.h"

#if defined(__SANITIZE_ADDRESS__)
#error "test-oom replaces malloc: build it without AddressSanitizer"
#endif

#define NOT_REACHED 42 /* a child's exit status: its n-th allocation never came */

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

static long fail_at; /* 0: never */
static long calls;

/* Is an allocation made on behalf of json-c (directly, or through libc's strdup)? Those are left
 * alone: json-c 0.16 itself does not survive them (its tokener passes a NULL key on when a
 * strdup fails), which no caller can repair. berth's own calls into json-c are checked, through
 * what they return. */
static bool
from_json_c(void)
{
	void *frames[6];
	int n = backtrace(frames, 6), i;

	for (i = 1; i < n; i++) {
		Dl_info info;

		if (dladdr(frames[i], &info) != 0 && info.dli_fname != NULL && strstr(info.dli_fname, "libjson-c"))
			return true;
	}
	return false;
}

/* Only the n-th allocation fails: code that took a NULL for a recoverable error and carried on
 * would then show, since the allocations after it succeed. */
static bool
should_fail(void)
{
	if (fail_at <= 0 || calls >= fail_at || from_json_c())
		return false;
	return ++calls == fail_at;
}

void *
malloc(size_t size)
{
	return should_fail() ? NULL : __libc_malloc(size);
}

void *
calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t size)
{
	return should_fail() ? NULL : __libc_realloc(p, size);
}

static char files[64];

/* Parse run_opts and write the create request (or the error) to fd: through berth_xasprintf and
 * one write(2), since stdio's own allocations may fail too. */
static void
parse_and_print(const char *run_opts, int fd)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;
	json_object *body = NULL;
	char *hash = NULL, *text;
	char *const cmd[] = { (char *)"sleep", (char *)"1", NULL };

	if (berth_runopts_parse(run_opts, spec, &err) < 0 ||
	    berth_spec_create_body(spec, "img:1", cmd, "rsc", &body, &hash, &err) < 0)
		text = berth_xasprintf("error: %s\n", err->msg);
	else
		text = berth_xasprintf("%s\n%s\n", berth_json_text(body), hash);
	if (write(fd, text, strlen(text)) < 0)
		_exit(4);
	free(text);
	json_object_put(body);
	free(hash);
	berth_error_free(&err);
	berth_spec_free(spec);
}

/* Run one child with the n-th allocation failing; its stdout and stderr into the buffers. */
static int
run_child(const char *run_opts, long n, char *out, size_t outsz, char *errbuf, size_t errsz)
{
	int po[2], pe[2], status;
	pid_t pid;
	ssize_t r;

	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int sig;

		/* cmocka catches crashes to report them; a child's crash must show as a signal. */
		for (sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL);
		dup2(pe[1], STDERR_FILENO);
		close(po[0]);
		close(pe[0]);
		calls = 0;
		fail_at = n;
		parse_and_print(run_opts, po[1]);
		if (n > 0 && calls < n)
			_exit(NOT_REACHED);
		_exit(0);
	}
	close(po[1]);
	close(pe[1]);
	r = read(po[0], out, outsz - 1); /* the outputs are small: one read each after the child ends */
	waitpid(pid, &status, 0);
	out[r > 0 ? r : 0] = '\0';
	r = read(pe[0], errbuf, errsz - 1);
	errbuf[r > 0 ? r : 0] = '\0';
	close(po[0]);
	close(pe[0]);
	return status;
}

static void
check_sample(const char *run_opts)
{
	static char want[65536], got[65536], errbuf[4096];
	long n;
	int status;

	status = run_child(run_opts, 0, want, sizeof(want), errbuf, sizeof(errbuf));
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (n = 1; n < 100000; n++) {
		status = run_child(run_opts, n, got, sizeof(got), errbuf, sizeof(errbuf));
		if (WIFSIGNALED(status))
			fail_msg("[%s]: allocation %ld failing killed the parser with signal %d", run_opts, n,
				 WTERMSIG(status));
		if (WEXITSTATUS(status) == NOT_REACHED) {
			print_message("%ld allocations checked for [%.60s]\n", n - 1, run_opts);
			return;
		}
		if (WEXITSTATUS(status) == 1) {
			if (strcmp(errbuf, "ocf-exit-reason:out of memory\n") != 0)
				fail_msg("[%s]: allocation %ld failing: exit 1 with [%s]", run_opts, n, errbuf);
			continue;
		}
		if (WEXITSTATUS(status) != 0 || strcmp(got, want) != 0)
			fail_msg("[%s]: allocation %ld failing: exit %d, printed [%.300s], want [%.300s]", run_opts, n,
				 WEXITSTATUS(status), got, want);
	}
	fail_msg("[%s]: never finished", run_opts);
}

/* BERTH_OOM_SAMPLE=run_opts BERTH_OOM_AT=n: run that one child in this process, for a debugger. */
static void
test_samples(void **state)
{
	char envfile[128], opts[512];
	void *frames[2];
	FILE *f;

	if (getenv("BERTH_OOM_AT") != NULL) {
		fail_at = atol(getenv("BERTH_OOM_AT"));
		parse_and_print(getenv("BERTH_OOM_SAMPLE") ? getenv("BERTH_OOM_SAMPLE") : "", STDOUT_FILENO);
		return;
	}
	backtrace(frames, 2); /* its first call loads libgcc_s: not inside a child's count */
	snprintf(files, sizeof(files), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(files));
	snprintf(envfile, sizeof(envfile), "%s/env", files);
	f = fopen(envfile, "w");
	assert_non_null(f);
	fputs("A=1\nB=two words\n# comment\nC\n", f);
	fclose(f);

	check_sample("");
	check_sample("--init -e TZ=UTC -v /srv/www:/usr/share/nginx/html:ro --label a=b");
	check_sample("--mount type=bind,source=/x,target=/y,readonly "
		     "--mount \"type=volume,src=v1,dst=/v,volume-opt=o=1,\\\"volume-opt=p=a,b\\\"\" --tmpfs "
		     "/run:rw,size=64m");
	check_sample("--network name=n1,alias=a1,ip=10.0.0.1 --dns 1.1.1.1 "
		     "--add-host h:1.2.3.4 -p 80:80/tcp -p 127.0.0.1:53:53/udp --expose 1000-1002");
	check_sample("--memory 1g --cpus 1.5 --ulimit nofile=1024:2048 --health-cmd true --health-interval 5s "
		     "--device /dev/null:/dev/xnull:rw --security-opt no-new-privileges --cap-add NET_ADMIN");
	snprintf(opts, sizeof(opts), "--env-file %s --label-file %s -e X", envfile, envfile);
	check_sample(opts);
	check_sample("--bogus-flag 'unterminated");

	unlink(envfile);
	rmdir(files);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
