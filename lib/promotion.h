/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: promotion scores: this replica's (promotion_score, or what promotion_score_cmd prints),
 * published when it changed and cleared at stop, on the node through crm_attribute (executed
 * directly, no shell). */
#ifndef BERTH_PROMOTION_H
#define BERTH_PROMOTION_H

#include <stdbool.h>
#include "deadline.h"
#include "ocf.h"

/**
 * Set this resource's promotion score on the local node: `crm_attribute -p <instance> -l reboot
 * -v <score>` with Pacemaker 2.1 and later, `crm_attribute -n master-<instance> -l reboot -v
 * <score>` with 2.0, whose crm_attribute has no -p (asked of the tool once per process, unless
 * OCF_RESKEY_crm_feature_set already says the cluster is older than 2.1). The program is found at
 * $BERTH_CRM_ATTRIBUTE, /usr/sbin/crm_attribute or on PATH.
 * \param instance OCF_RESOURCE_INSTANCE
 * \return 0, or -1 with err (including crm_attribute's output) on failure or timeout
 */
int berth_promotion_set(const char *instance, long long score, const struct berth_deadline *d, berth_error_t *err);

/** Remove this resource's promotion score from the local node (`... -D`). */
int berth_promotion_clear(const char *instance, const struct berth_deadline *d, berth_error_t *err);

/**
 * Parse a score as Pacemaker writes them: an integer, or INFINITY / +INFINITY / -INFINITY
 * (mapped to +/-1000000), with surrounding white space.
 * \return 0, or -1 if the text is not a score
 */
int berth_promotion_parse_score(const char *text, long long *score);

struct berth_ctx;
struct berth_container_info;

/** In a promotable clone, publish this replica's promotion score when it changed. Failures are
 * logged, never fatal: a missing score only means Pacemaker will not promote this replica. */
void berth_promotion_update_score(struct berth_ctx *ctx, const struct berth_container_info *info);

/** A stopped replica must not keep a promotion score: Pacemaker would try to promote it. */
void berth_promotion_clear_score(struct berth_ctx *ctx);

#endif
