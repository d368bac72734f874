/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the one growable buffer (bytes, always NUL-terminated) and the one growable list of
 * strings (NULL-terminated, as an argv). Every module that collects text as it arrives (a
 * response body, a child's output, a post-mortem, a word being split, a pull's progress line)
 * or builds a list of words uses these, as curl uses its one dynbuf. */
#ifndef BERTH_BUF_H
#define BERTH_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "cleanup.h"

/**
 * Bytes that grow as they are added. Zero-initialise it ({ 0 }): data is NULL until the first
 * byte, and from then on data[len] is always '\0'. With secret set, the bytes a growth leaves
 * behind and the buffer at release are zeroed before they are freed (a child's output that may
 * hold a credential).
 */
struct berth_buf {
	char *data;
	size_t len;
	size_t cap;
	bool secret;
};

/** Room for more bytes after len (and the '\0'). */
void berth_buf_reserve(struct berth_buf *b, size_t more);

/** Append n bytes (they may hold '\0': len counts them all). */
void berth_buf_add(struct berth_buf *b, const void *p, size_t n);

/** Append one character. */
void berth_buf_addc(struct berth_buf *b, char c);

/** Append a string. */
void berth_buf_adds(struct berth_buf *b, const char *s);

/** Append printf's output. */
void berth_buf_addf(struct berth_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Empty it, keeping its memory for what comes next. */
void berth_buf_clear(struct berth_buf *b);

/** Drop the first n bytes (all of them when n >= len). */
void berth_buf_drop_front(struct berth_buf *b, size_t n);

/** The text, the caller's to free (never NULL: "" when nothing was added); b is empty again. */
char *berth_buf_steal(struct berth_buf *b);

/** Free the bytes (zeroed first when secret); b is empty again, secret kept. */
void berth_buf_release(struct berth_buf *b);
BERTH_DEFINE_CLEANUP_STRUCT(buf, struct berth_buf, berth_buf_release)

/** A NULL-terminated list of malloc'd strings (v is NULL while empty). Zero-initialise it. */
struct berth_strv {
	char **v;
	size_t n;
	size_t cap;
};

/** Append s, which the list now owns. */
void berth_strv_take(struct berth_strv *l, char *s);

/** The list, the caller's to free with berth_words_free (never NULL: an empty list is { NULL });
 * l is empty again. */
char **berth_strv_steal(struct berth_strv *l);

/** Sort n strings in place, in strcmp order (a berth_strv's v, or any array of them). */
void berth_strs_sort(const char **v, size_t n);

/** Free every string and the list; l is empty again. */
void berth_strv_release(struct berth_strv *l);
BERTH_DEFINE_CLEANUP_STRUCT(strv, struct berth_strv, berth_strv_release)

#endif
