/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the error convention (see error.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "error.h"

int
berth_error_set(berth_error_t *err, int cause, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;

	if (cause <= 0)
		cause = BERTH_E_FAILED;
	if (err == NULL || *err != NULL)
		return -cause;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		berth_oom();
	va_end(ap);
	*err = berth_xcalloc(1, sizeof(**err));
	(*err)->cause = cause;
	(*err)->msg = msg;
	return -cause;
}

int
berth_error_wrap(berth_error_t *err, const char *fmt, ...)
{
	va_list ap;
	char *prefix = NULL;

	if (err == NULL || *err == NULL)
		return -BERTH_E_FAILED;
	va_start(ap, fmt);
	if (vasprintf(&prefix, fmt, ap) < 0)
		berth_oom();
	va_end(ap);
	{
		char *msg = berth_xasprintf("%s%s", prefix, (*err)->msg);
		free((*err)->msg);
		(*err)->msg = msg;
	}
	free(prefix);
	return -(*err)->cause;
}

int
berth_error_cause(const berth_error_t err)
{
	return err ? err->cause : 0;
}

void
berth_error_free(berth_error_t *err)
{
	if (err == NULL || *err == NULL)
		return;
	free((*err)->msg);
	free(*err);
	*err = NULL;
}
