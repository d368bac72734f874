/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: shell-like word splitting without a shell, for run_opts and every *_cmd parameter. */
#ifndef BERTH_WORDS_H
#define BERTH_WORDS_H

#include "cleanup.h"
#include "ocf.h"

/**
 * Split a string into words the way a POSIX shell would group them, without any expansion:
 * whitespace separates words; single quotes keep everything literal; double quotes keep
 * everything literal except that backslash escapes `"`, `\`, `$`, `` ` `` and newline; an
 * unquoted backslash escapes the next character. `$(...)`, backticks, `$VAR`, `~` and globs
 * stay literal text.
 *
 * Details: a backslash-newline is a line continuation and vanishes (quoted or not); `''` and
 * `""` make an empty word of their own; `#` is an ordinary character (no comments); CR, VT and
 * FF count as blanks along with space, tab and newline.
 * \param s    input (may be NULL or empty: zero words)
 * \param argv out: malloc'd NULL-terminated array of malloc'd words (never NULL on success,
 *             even for zero words); free with berth_words_free
 * \param argc out: number of words (may be NULL)
 * \return 0, or -1 with err (cause BERTH_E_CONFIG) on an unterminated quote or a
 *         trailing backslash. The message names the problem and its position ("unterminated
 *         single quote at character 12") but not the parameter: callers prefix that. Out of
 *         memory ends the agent (alloc.h).
 */
int berth_words_split(const char *s, char ***argv, int *argc, berth_error_t *err);

/**
 * Split the value of a command parameter (run_cmd, monitor_cmd, ...) into argv.
 * \param pname  the parameter's name, which prefixes an error's message
 * \param value  its value, or NULL
 * \param argv   out: as berth_words_split, but NULL when the value is unset or has no words
 * \return 0, or -1 with err as berth_words_split's, prefixed "parameter NAME: "
 */
int berth_words_split_param(const char *pname, const char *value, char ***argv, berth_error_t *err);

/** Free an argv from berth_words_split (or any NULL-terminated array of malloc'd strings). Safe on NULL. */
void berth_words_free(char **argv);

/* `berth_cleanup(words) char **argv = NULL;` frees the words at the end of the scope. */
BERTH_DEFINE_CLEANUP(words, char **, berth_words_free)

#endif
