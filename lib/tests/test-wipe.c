/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit test: registry credentials are zeroed before their memory goes back (registry.c).
 *
 * This program defines free() and realloc() itself, so every block the process gives back --
 * berth's, json-c's, libc's own through the PLT -- is searched first, while a test watches: a
 * block that still holds a canary (the password, its base64 form, an identity token, a helper's
 * Secret, the X-Registry-Auth header) is a copy berth let go unzeroed, and fails the test. The one
 * copy berth cannot reach, json-c's tokener buffer (it keeps the last string parsed), is known
 * by its backtrace and only counted. WIPE_DEBUG=1 prints the backtrace of each block that leaked.
 *
 * AddressSanitizer brings its own allocator, which cannot be replaced: the sanitizer build does not
 * build this test (Makefile.am), and the source refuses to compile under it. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deadline.h"
#include "registry.h"

#if defined(__SANITIZE_ADDRESS__)
#error "test-wipe replaces free: build it without AddressSanitizer"
#endif

void *__libc_malloc(size_t size);
void __libc_free(void *p);

#define PASSWORD "pw-canary-7f3a91"
#define TOKEN    "tok-canary-5c2e08"
#define SECRET   "helper-canary-b41d77"
/* base64 of "alice:" PASSWORD */
#define AUTH_B64 "YWxpY2U6cHctY2FuYXJ5LTdmM2E5MQ=="

static bool watching, busy;
static int leaks, tokener_copies;
static char leaked[256];

/* Is the block being freed json-c's tokener buffer (freed by json_tokener_free, or outgrown
 * while json_tokener_parse_ex appends to it)? */
static bool
from_tokener(void)
{
	void *frames[12];
	int n = backtrace(frames, 12), i;

	for (i = 0; i < n; i++) {
		Dl_info info;

		if (dladdr(frames[i], &info) && info.dli_sname != NULL &&
		    (strcmp(info.dli_sname, "json_tokener_free") == 0 ||
		     strcmp(info.dli_sname, "json_tokener_parse_ex") == 0))
			return true;
	}
	return false;
}

static void
search(void *p)
{
	static const char *const canaries[] = { PASSWORD, AUTH_B64, TOKEN, SECRET, "X-Registry-Auth", NULL };
	size_t n;
	int i;

	if (!watching || busy || p == NULL)
		return;
	busy = true;
	n = malloc_usable_size(p);
	for (i = 0; canaries[i]; i++) {
		if (memmem(p, n, canaries[i], strlen(canaries[i])) == NULL)
			continue;
		if (from_tokener()) {
			tokener_copies++;
		} else {
			leaks++;
			snprintf(leaked, sizeof(leaked), "%s", canaries[i]);
			if (getenv("WIPE_DEBUG")) {
				void *fr[16];
				backtrace_symbols_fd(fr, backtrace(fr, 16), 2);
			}
		}
		break;
	}
	busy = false;
}

void
free(void *p)
{
	search(p);
	__libc_free(p);
}

void *
realloc(void *p, size_t size)
{
	void *q;
	size_t old;

	if (p == NULL)
		return __libc_malloc(size);
	if (size == 0) {
		free(p);
		return NULL;
	}
	q = __libc_malloc(size);
	if (q == NULL)
		return NULL;
	old = malloc_usable_size(p);
	memcpy(q, p, old < size ? old : size);
	free(p);
	return q;
}

static char dir[64], cfg[128];
static struct berth_deadline deadline;

/* dir/docker-credential-NAME: a helper that answers with SECRET and then the members more */
static int
write_helper(const char *name, const char *more)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/docker-credential-%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f,
		"#!/bin/sh\ncat >/dev/null\nprintf '{\"ServerURL\":\"r\",\"Username\":\"u\",\"Secret\":\"%s\"%s}' 0\n",
		SECRET, more);
	fclose(f);
	return chmod(path, 0755);
}

static int
setup(void **state)
{
	static char pad[20010]; /* ,"Pad":"xxx...x" (20,000 x) */

	(void)state;
	/* backtrace loads libgcc on its first call: not while a test watches */
	{
		void *frames[2];
		(void)backtrace(frames, 2);
	}
	snprintf(dir, sizeof(dir), "/tmp/berth-test-wipe-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(cfg, sizeof(cfg), "%s/auth.json", dir);
	/* a credential helper answering with SECRET, and one whose answer is long: read in several
	 * pieces, so the buffer that holds the Secret grows */
	memcpy(pad, ",\"Pad\":\"", 8);
	memset(pad + 8, 'x', sizeof(pad) - 10);
	memcpy(pad + sizeof(pad) - 2, "\"", 2);
	if (write_helper("wipetest", "") < 0 || write_helper("wipetest-long", pad) < 0)
		return -1;
	berth_deadline_init(&deadline, 10000);
	leaks = tokener_copies = 0;
	return 0;
}

static int
teardown(void **state)
{
	char path[160];

	(void)state;
	snprintf(path, sizeof(path), "%s/docker-credential-wipetest", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/docker-credential-wipetest-long", dir);
	unlink(path);
	unlink(cfg);
	rmdir(dir);
	return 0;
}

static void
write_cfg(const char *text)
{
	FILE *f = fopen(cfg, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Look the credentials up, make the header, let everything go, and search what was freed. */
static void
look_up_and_release(void)
{
	struct berth_registry_auth auth;
	berth_error_t err = NULL;
	char *header;

	watching = true;
	assert_int_equal(berth_registry_lookup("127.0.0.1:5000/app", cfg, &deadline, &auth, &err), 0);
	assert_true(berth_registry_auth_found(&auth));
	header = berth_registry_header(&auth);
	assert_non_null(header);
	berth_registry_header_free(header);
	berth_registry_auth_release(&auth);
	watching = false;
	if (leaks > 0)
		fail_msg("%d freed block(s) still held a secret (%s)", leaks, leaked);
	print_message("# json-c's tokener buffer held a secret %d time(s) (out of berth's reach)\n", tokener_copies);
}

static void
test_auth_entry(void **state)
{
	(void)state;
	write_cfg("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" AUTH_B64 "\",\"email\":\"x\"}}}");
	look_up_and_release();
}

static void
test_podman_entry(void **state)
{
	(void)state;
	write_cfg("{\"auths\":{\"127.0.0.1:5000\":{\"username\":\"alice\",\"password\":\"" PASSWORD "\"}}}");
	look_up_and_release();
}

static void
test_identity_token(void **state)
{
	(void)state;
	write_cfg("{\"auths\":{\"127.0.0.1:5000\":{\"identitytoken\":\"" TOKEN "\"}},\"x\":\"y\"}");
	look_up_and_release();
}

/* Look the credentials up through the credential helper docker-credential-NAME (setup's). */
static void
through_helper(const char *name)
{
	char path[256], cfg_text[128];

	snprintf(path, sizeof(path), "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	snprintf(cfg_text, sizeof(cfg_text), "{\"credHelpers\":{\"127.0.0.1:5000\":\"%s\"}}", name);
	write_cfg(cfg_text);
	look_up_and_release();
}

static void
test_credential_helper(void **state)
{
	(void)state;
	through_helper("wipetest");
}

/* A helper's answer longer than one read: the output buffer grows while it holds the Secret, and
 * the block it leaves behind is zeroed too (spawn's output used to grow with realloc). */
static void
test_credential_helper_long_answer(void **state)
{
	(void)state;
	through_helper("wipetest-long");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_auth_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_podman_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_token, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credential_helper, setup, teardown),
		cmocka_unit_test_setup_teardown(test_credential_helper_long_answer, setup, teardown),
	};

	return cmocka_run_group_tests_name("wipe", tests, NULL, NULL);
}
