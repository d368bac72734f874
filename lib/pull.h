/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the image before a create: present on the node, or pulled when allow_pull says start may,
 * with the registry credentials looked up only then (registry.h). */
#ifndef BERTH_PULL_H
#define BERTH_PULL_H

#include "error.h"

struct berth_ctx;

/**
 * Make sure the image of ctx's parameters is on this node: when it is not, fail with
 * BERTH_E_NO_IMAGE if allow_pull is false, else pull it with the credentials of its registry
 * (authfile, docker's config.json, a credential helper). A node that never pulls needs no
 * credentials file.
 * \return 0, or a negative value with err
 */
int berth_pull_ensure_image(struct berth_ctx *ctx, berth_error_t *err);

#endif
