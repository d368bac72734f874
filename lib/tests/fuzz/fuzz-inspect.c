/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the reader of container inspect answers (berth_container_parse_inspect).
 *
 * The body is passed as the engine passes it: len bytes, followed by a NUL the parser must not
 * need (the body may hold NULs of its own). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct berth_container_info info;
	berth_error_t err = NULL;
	char *body = malloc(size + 1);

	if (body == NULL)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	if (berth_container_parse_inspect(body, size, &info, &err) == 0) {
		/* A description berth acts on always has an id. */
		if (!info.exists || info.id == NULL)
			abort();
	} else if (err == NULL || err->msg == NULL) {
		abort();
	}
	berth_container_info_release(&info);
	berth_error_free(&err);
	free(body);
	return 0;
}
