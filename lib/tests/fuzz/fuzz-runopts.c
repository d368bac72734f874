/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the run_opts word splitter and docker-run flag parser, and the create request
 * built from what they parsed (berth_words_split, berth_runopts_parse, berth_spec_create_body).
 *
 * run_opts may name files (--env-file, --label-file, --security-opt seccomp=): the parser reads
 * them with file.h's reader (fstatat, then openat read-only), and only by absolute path. So that
 * fuzzing never reads the machine's files, the build wraps both (-Wl,--wrap=..., see
 * Makefile.am): paths under /fuzz/ are served from a private directory holding a few small files
 * made here, every other path does not exist. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runopts.h"
#include "spec.h"

int __real_openat(int dirfd, const char *path, int flags, ...);
int __wrap_openat(int dirfd, const char *path, int flags, ...);
int __real_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int __wrap_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char files_dir[96];

/* The file under files_dir that an absolute /fuzz/ path names, in real; false for any other path. */
static bool
served(const char *path, char *real, size_t len)
{
	return strncmp(path, "/fuzz/", 6) == 0 && strstr(path, "..") == NULL &&
	       snprintf(real, len, "%s/%s", files_dir, path + 6) < (int)len;
}

int
__wrap_openat(int dirfd, const char *path, int flags, ...)
{
	char real[4200];
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (!served(path, real, sizeof(real)) || (flags & O_ACCMODE) != O_RDONLY) {
		errno = ENOENT;
		return -1;
	}
	(void)dirfd;
	return __real_openat(AT_FDCWD, real, flags, mode);
}

int
__wrap_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	char real[4200];

	if (!served(path, real, sizeof(real))) {
		errno = ENOENT;
		return -1;
	}
	(void)dirfd;
	return __real_fstatat(AT_FDCWD, real, st, flags);
}

static void
put_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", files_dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static void
remove_files(void)
{
	static const char *const names[] = { "env", "labels", "seccomp.json", "bad.json", "empty", NULL };
	char path[128];
	int i;

	for (i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", files_dir, names[i]);
		unlink(path);
	}
	rmdir(files_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Under $TMPDIR: lib/tests/fuzz/run points it into its own directory, which it removes even
	 * when a sanitizer ends the process before atexit handlers run. */
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	(void)argc;
	(void)argv;
	if (snprintf(files_dir, sizeof(files_dir), "%s/berth-fuzz-files.XXXXXX", tmp) >= (int)sizeof(files_dir))
		abort();
	if (mkdtemp(files_dir) == NULL)
		abort();
	put_file("env", "# comment\nA=1\nB\n\nC=x=y\n  D = spaced \nE=\xff\xfe\n");
	put_file("labels", "l1=v1\nl2\n#c\n");
	put_file("seccomp.json", "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[]}\n");
	put_file("bad.json", "{\"defaultAction\":");
	put_file("empty", "");
	atexit(remove_files);
	return 0;
}

/* The number of words s splits into, -1 when it does not split. */
static int
argv_count(const char *s)
{
	char **argv = NULL;
	int argc = -1;

	if (berth_words_split(s, &argv, &argc, NULL) < 0)
		argc = -1;
	berth_words_free(argv);
	return argc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char **argv = NULL;
	int argc = 0;
	berth_error_t err = NULL;
	struct berth_spec *spec;
	json_object *body = NULL;
	char *hash = NULL;
	static char sleep_word[] = "sleep", seconds_word[] = "1000";
	char *const cmd[] = { sleep_word, seconds_word, NULL };

	if (s == NULL)
		return 0;
	/* run_opts come from the environment: a C string, so it ends at the first NUL. */
	memcpy(s, data, size);
	s[size] = '\0';

	if (berth_words_split(s, &argv, &argc, &err) == 0) {
		if (argv == NULL)
			abort(); /* documented: never NULL on success */
		for (int i = 0; i < argc; i++)
			if (argv[i] == NULL)
				abort();
		if (argv[argc] != NULL)
			abort();
	} else if (err == NULL || err->msg == NULL) {
		abort(); /* every failure carries a reason */
	}
	berth_words_free(argv);
	berth_error_free(&err);

	/* berth explain's view of it: the same words, some values hidden */
	{
		char **shown = NULL;
		int split_ok = argv_count(s), n = 0;

		if (berth_runopts_redact(s, &shown, &err) == 0) {
			while (shown[n] != NULL)
				n++;
			if (split_ok < 0 || n != split_ok)
				abort();
		} else if (split_ok >= 0 || err == NULL) {
			abort();
		}
		berth_words_free(shown);
		berth_error_free(&err);
	}

	spec = berth_spec_new();
	if (spec == NULL) {
		free(s);
		return 0;
	}
	if (berth_runopts_parse(s, spec, &err) == 0) {
		if (berth_spec_create_body(spec, "berth-test:latest", cmd, "fuzz", &body, &hash, &err) == 0) {
			/* The request must serialise (it is what goes to the daemon). */
			if (json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN) == NULL)
				abort();
		}
	} else if (err == NULL || err->msg == NULL || strncmp(err->msg, "run_opts: ", 10) != 0) {
		abort(); /* documented: the message starts "run_opts: " */
	}
	json_object_put(body);
	free(hash);
	berth_error_free(&err);
	berth_spec_free(spec);
	free(s);
	return 0;
}
