/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: shell-like word splitting without a shell.
 *
 * run_opts, run_cmd and every *_cmd parameter reach berth as one string from the CIB; an admin
 * writes them as they would on a shell command line. This groups the words the way sh would and
 * expands nothing, so no parameter can ever run or name anything the admin did not spell out. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "words.h"

static bool
is_blank(char c)
{
	/* The shell's default IFS is space, tab and newline; CR, VT and FF only ever reach a CIB
	 * attribute by accident (a file edited elsewhere), so treat them as blanks too. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void
berth_words_free(char **argv)
{
	if (argv == NULL)
		return;
	for (char **p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}

int
berth_words_split(const char *s, char ***argv, int *argc, berth_error_t *err)
{
	struct berth_strv w = { 0 };
	struct berth_buf b = { 0 };
	bool in_word = false;
	const char *p = s != NULL ? s : "";
	const char *what = NULL;
	size_t at = 0;

	while (*p != '\0') {
		if (is_blank(*p)) {
			if (in_word)
				berth_strv_take(&w, berth_buf_steal(&b));
			in_word = false;
			p++;
			continue;
		}
		if (*p == '\\' && p[1] == '\n') {
			/* A line continuation vanishes; it neither starts nor ends a word. */
			p += 2;
			continue;
		}
		in_word = true;
		if (*p == '\'') {
			at = (size_t)(p - s);
			for (p++; *p != '\'' && *p != '\0'; p++)
				berth_buf_addc(&b, *p);
			if (*p == '\0') {
				what = "unterminated single quote";
				goto fail;
			}
			p++;
		} else if (*p == '"') {
			at = (size_t)(p - s);
			for (p++; *p != '"' && *p != '\0'; p++) {
				if (*p == '\\' && p[1] != '\0' && strchr("\"\\$`\n", p[1]) != NULL) {
					p++;
					if (*p == '\n')
						continue;
				}
				berth_buf_addc(&b, *p);
			}
			if (*p == '\0') {
				what = "unterminated double quote";
				goto fail;
			}
			p++;
		} else if (*p == '\\') {
			if (p[1] == '\0') {
				at = (size_t)(p - s);
				what = "trailing backslash";
				goto fail;
			}
			berth_buf_addc(&b, p[1]);
			p += 2;
		} else {
			berth_buf_addc(&b, *p);
			p++;
		}
	}
	if (in_word)
		berth_strv_take(&w, berth_buf_steal(&b));
	if (argc != NULL)
		*argc = (int)w.n;
	*argv = berth_strv_steal(&w);
	return 0;

fail:
	berth_buf_release(&b);
	berth_words_free(w.v);
	return berth_error_set(err, BERTH_E_CONFIG, "%s at character %zu", what, at + 1);
}

int
berth_words_split_param(const char *pname, const char *value, char ***argv, berth_error_t *err)
{
	int argc = 0;

	*argv = NULL;
	if (value == NULL)
		return 0;
	if (berth_words_split(value, argv, &argc, err) < 0)
		return berth_error_wrap(err, "parameter %s: ", pname);
	if (argc == 0) {
		berth_words_free(*argv);
		*argv = NULL;
	}
	return 0;
}
