/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the image before a create, pulled only when allowed (pull.h). */
#include "config.h"

#include <stdbool.h>

#include "actions.h"
#include "image.h"
#include "pull.h"
#include "registry.h"

int
berth_pull_ensure_image(struct berth_ctx *ctx, berth_error_t *err)
{
	berth_cleanup(registry_auth) struct berth_registry_auth auth = { 0 };
	struct berth_params *p = ctx->params;
	bool exists = false;

	if (berth_image_exists(ctx->client, p->image, &exists, err) < 0)
		return -1;
	if (exists)
		return 0;
	if (!p->allow_pull)
		return berth_error_set(err, BERTH_E_NO_IMAGE,
				       "image %s is not present on this node and allow_pull is false: load or "
				       "pull it here (docker pull %s), or set allow_pull=true",
				       p->image, p->image);
	/* Credentials are looked up only for a pull: a node that never pulls needs no file. */
	if (berth_registry_lookup(p->image, p->authfile, ctx->deadline, &auth, err) < 0)
		return berth_error_wrap(err, "pulling image %s: ", p->image);
	return berth_image_pull(ctx->client, p->image, &auth, err);
}
