/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A plain main for the fuzz targets: replays corpora through LLVMFuzzerTestOneInput, without
 * libFuzzer, so that every `make check` (the normal build and the ASan + UBSan one) runs each
 * target on its whole corpus.
 *
 *   fuzz-TARGET [DIR|FILE...]
 *
 * Each file of each directory (sorted by name; not recursive) and each file named is fed once,
 * as libFuzzer feeds an input: a heap copy of exactly its size. With no argument, it replays
 * $BERTH_FUZZ_CORPORA/TARGET, TARGET being the program's name without "fuzz-" (how `make check`
 * runs it). The report is TAP, one case per input: a target that crashes or trips a sanitizer on
 * an input ends the run there, and the harness reports the missing cases and the exit status;
 * the "# input:" line before the crash names the input. LLVMFuzzerInitialize runs first when
 * the target defines it, as libFuzzer does. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define REPLAY_MAX_BYTES (16u << 20) /* corpora hold small files; a bigger one is a mistake */

struct inputs {
	char **path;
	size_t n, cap;
};

static int
inputs_add(struct inputs *in, const char *dir, const char *name)
{
	size_t len = strlen(dir) + 1 + strlen(name) + 1;
	char *p;

	if (in->n == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 64;
		char **grown = realloc(in->path, cap * sizeof(*grown));

		if (grown == NULL)
			return -ENOMEM;
		in->path = grown;
		in->cap = cap;
	}
	p = malloc(len);
	if (p == NULL)
		return -ENOMEM;
	if (dir[0] != '\0')
		snprintf(p, len, "%s/%s", dir, name);
	else
		snprintf(p, len, "%s", name);
	in->path[in->n++] = p;
	return 0;
}

/* Every regular file of DIR, sorted by name, or ARG itself when it is a file. */
static int
inputs_collect(struct inputs *in, const char *arg)
{
	struct dirent **names;
	struct stat st;
	int n, i, r = 0;

	if (stat(arg, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", arg, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return inputs_add(in, "", arg);
	n = scandir(arg, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", arg, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		char path[4096];

		if (r == 0 && names[i]->d_name[0] != '.' &&
		    snprintf(path, sizeof(path), "%s/%s", arg, names[i]->d_name) < (int)sizeof(path) &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode))
			r = inputs_add(in, arg, names[i]->d_name);
		free(names[i]);
	}
	free(names);
	return r;
}

/* The whole file in a heap buffer of exactly its size (at least one byte allocated, so that an
 * empty input still has a pointer of its own). */
static uint8_t *
read_input(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && (unsigned long)len <= REPLAY_MAX_BYTES &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc(len > 0 ? (size_t)len : 1);
		if (buf != NULL && fread(buf, 1, (size_t)len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)len;
	}
	fclose(f);
	return buf;
}

/* The last two parts of PATH (corpus/input), to name a case. */
static const char *
short_name(const char *path)
{
	const char *p = path + strlen(path);
	int slashes = 0;

	while (p > path) {
		if (p[-1] == '/' && ++slashes == 2)
			break;
		p--;
	}
	return p;
}

/* The corpus `make check` replays: $BERTH_FUZZ_CORPORA/<program name without lt- and fuzz->. */
static int
default_corpus(const char *argv0, char *out, size_t outsz)
{
	const char *corpora = getenv("BERTH_FUZZ_CORPORA");
	const char *name = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;

	if (corpora == NULL || corpora[0] == '\0')
		return -1;
	if (strncmp(name, "lt-", 3) == 0)
		name += 3;
	if (strncmp(name, "fuzz-", 5) == 0)
		name += 5;
	return snprintf(out, outsz, "%s/%s", corpora, name) < (int)outsz ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct inputs in = { 0 };
	char corpus[4096];
	size_t i;
	int a, bad = 0;

	if (argc < 2) {
		if (default_corpus(argv[0], corpus, sizeof(corpus)) < 0) {
			fprintf(stderr, "usage: %s DIR|FILE... (or set BERTH_FUZZ_CORPORA)\n", argv[0]);
			return 2;
		}
		if (inputs_collect(&in, corpus) < 0)
			bad = 1;
	}
	for (a = 1; a < argc; a++)
		if (inputs_collect(&in, argv[a]) < 0)
			bad = 1;
	if (bad) {
		printf("Bail out! cannot read the corpus\n");
		return 1;
	}
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	printf("1..%zu\n", in.n);
	for (i = 0; i < in.n; i++) {
		size_t size = 0;
		uint8_t *data = read_input(in.path[i], &size);

		if (data == NULL) {
			printf("not ok %zu - %s\n# cannot read %s\n", i + 1, short_name(in.path[i]), in.path[i]);
			bad = 1;
		} else {
			printf("# input: %s (%zu bytes)\n", in.path[i], size);
			fflush(stdout); /* the name is out before a crash */
			LLVMFuzzerTestOneInput(data, size);
			free(data);
			printf("ok %zu - %s\n", i + 1, short_name(in.path[i]));
		}
		fflush(stdout);
		free(in.path[i]);
	}
	free(in.path);
	return bad;
}
