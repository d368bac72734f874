/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: memory allocation that cannot fail (see alloc.h for why). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

void
berth_oom(void)
{
	static const char msg[] = "ocf-exit-reason:out of memory\n";

	/* No stdio, no logging: both allocate. One write(2) of a constant is all that is safe here. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(1); /* OCF_ERR_GENERIC */
}

void *
berth_xmalloc(size_t size)
{
	return berth_nonnull(malloc(size ? size : 1));
}

void *
berth_xcalloc(size_t n, size_t size)
{
	return berth_nonnull(calloc(n ? n : 1, size ? size : 1));
}

void *
berth_xrealloc(void *p, size_t size)
{
	return berth_nonnull(realloc(p, size ? size : 1));
}

char *
berth_xstrdup(const char *s)
{
	return s == NULL ? NULL : berth_nonnull(strdup(s));
}

char *
berth_xstrndup(const char *s, size_t n)
{
	return berth_nonnull(strndup(s, n));
}

char *
berth_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		berth_oom();
	return s;
}
