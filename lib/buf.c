/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the one growable buffer and the one growable list of strings (buf.h). */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

void
berth_buf_reserve(struct berth_buf *b, size_t more)
{
	size_t need, ncap;
	char *n;

	if (more > SIZE_MAX - b->len - 1)
		berth_oom();
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (!b->secret) {
		b->data = berth_xrealloc(b->data, ncap);
	} else {
		/* not realloc: it would leave the old bytes in freed memory */
		n = berth_xmalloc(ncap);
		if (b->data != NULL) {
			memcpy(n, b->data, b->len + 1);
			explicit_bzero(b->data, b->cap);
			free(b->data);
		}
		b->data = n;
	}
	if (b->cap == 0)
		b->data[0] = '\0';
	b->cap = ncap;
}

void
berth_buf_add(struct berth_buf *b, const void *p, size_t n)
{
	berth_buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
berth_buf_addc(struct berth_buf *b, char c)
{
	berth_buf_add(b, &c, 1);
}

void
berth_buf_adds(struct berth_buf *b, const char *s)
{
	berth_buf_add(b, s, strlen(s));
}

void
berth_buf_addf(struct berth_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		berth_oom(); /* glibc fails only for want of memory (or a format berth never passes) */
	berth_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
berth_buf_clear(struct berth_buf *b)
{
	berth_buf_drop_front(b, b->len);
}

void
berth_buf_drop_front(struct berth_buf *b, size_t n)
{
	if (b->data == NULL)
		return;
	if (n > b->len)
		n = b->len;
	memmove(b->data, b->data + n, b->len - n + 1);
	b->len -= n;
	if (b->secret)
		explicit_bzero(b->data + b->len + 1, n);
}

char *
berth_buf_steal(struct berth_buf *b)
{
	char *s = b->data != NULL ? b->data : berth_xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
berth_buf_release(struct berth_buf *b)
{
	if (b->secret && b->data != NULL)
		explicit_bzero(b->data, b->cap);
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
berth_strv_take(struct berth_strv *l, char *s)
{
	if (l->n + 2 > l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = berth_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

char **
berth_strv_steal(struct berth_strv *l)
{
	char **v = l->v != NULL ? l->v : berth_xcalloc(1, sizeof(*v));

	*l = (struct berth_strv){ 0 };
	return v;
}

static int
by_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
berth_strs_sort(const char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), by_strcmp);
}

void
berth_strv_release(struct berth_strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (struct berth_strv){ 0 };
}
