/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: promotion scores, published and cleared through crm_attribute (promotion.h). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "actions.h"
#include "alloc.h"
#include "cleanup.h"
#include "exec.h"
#include "log.h"
#include "promotion.h"
#include "state.h"
#include "tool.h"

#define SCORE_INFINITY 1000000LL
#define CAP_MS         15000L

/* How the installed crm_attribute names a promotion score. Pacemaker 2.1 added -p (--promotion);
 * 2.0 takes the attribute's name, master-<instance>, with -n, as its crm_master did (2.1 and
 * 3.0 name the attribute the same for -p). 2.0.5's crm_attribute answers -p with its usage and
 * status 64, the status of any usage error: the score was never set, and a promotable clone
 * never promoted. Rather than read a usage error as "no -p here", ask the tool what it has. */
enum style { STYLE_NAME, STYLE_OPTION };

/* Is the feature set fs ("3.6.1") older than major.minor? An unreadable one is not. */
static bool
feature_set_before(const char *fs, long major, long minor)
{
	char *end;
	long ma = strtol(fs, &end, 10), mi = 0;

	if (end == fs)
		return false;
	if (*end == '.')
		mi = strtol(end + 1, NULL, 10);
	return ma < major || (ma == major && mi < minor);
}

static enum style
style_of(const char *tool, const struct berth_deadline *d)
{
	static char probed[256];
	static enum style known;
	const char *fs = berth_ocf_getenv("OCF_RESKEY_crm_feature_set");
	char *argv[] = { (char *)tool, (char *)"--help-selections", NULL };
	char out[4096];
	berth_error_t err = NULL;

	/* Pacemaker passes the feature set of the DC, which runs the cluster's newest Pacemaker (the
	 * election prefers the higher feature set): below 3.10 (2.1.0) no node has -p, and nothing
	 * needs asking. From 3.10 on, this node may still run 2.0 during a rolling upgrade. */
	if (fs != NULL && feature_set_before(fs, 3, 10))
		return STYLE_NAME;
	if (probed[0] != '\0' && strcmp(probed, tool) == 0)
		return known;
	/* Ask the tool, once per process: 2.1 and later list --promotion among the options that
	 * select an attribute; 2.0 prints its usage, which does not have it. */
	if (berth_tool_capture(argv, "crm_attribute --help-selections", d, CAP_MS, out, sizeof(out), &err) < 0) {
		berth_log_warn("cannot ask %s which options it has (%s): naming the promotion score master-<instance>",
			       tool, err->msg);
		berth_error_free(&err);
		return STYLE_NAME;
	}
	known = strstr(out, "--promotion") != NULL ? STYLE_OPTION : STYLE_NAME;
	snprintf(probed, sizeof(probed), "%s", tool);
	berth_log_debug("%s %s --promotion", tool, known == STYLE_OPTION ? "has" : "does not have");
	return known;
}

/* crm_attribute <the score of instance> -l reboot <op...>: op is "-v N" or "-D". */
static int
run_attribute(const char *instance, const char *op, const char *value, const struct berth_deadline *d,
	      berth_error_t *err)
{
	const char *tool = berth_tool_path(BERTH_HOOK_CRM_ATTRIBUTE, "/usr/sbin/crm_attribute");
	cleanup_free char *name = NULL;
	char *argv[9];
	size_t n = 0;

	argv[n++] = (char *)tool;
	if (style_of(tool, d) == STYLE_OPTION) {
		argv[n++] = (char *)"-p";
		argv[n++] = (char *)instance;
	} else {
		name = berth_xasprintf("master-%s", instance);
		argv[n++] = (char *)"-n";
		argv[n++] = name;
	}
	argv[n++] = (char *)"-l";
	argv[n++] = (char *)"reboot";
	argv[n++] = (char *)op;
	if (value != NULL)
		argv[n++] = (char *)value;
	argv[n] = NULL;
	return berth_tool_run(argv, tool, d, CAP_MS, err);
}

int
berth_promotion_set(const char *instance, long long score, const struct berth_deadline *d, berth_error_t *err)
{
	char value[32];

	snprintf(value, sizeof(value), "%lld", score);
	berth_log_info("setting promotion score of %s to %s", instance, value);
	return run_attribute(instance, "-v", value, d, err);
}

int
berth_promotion_clear(const char *instance, const struct berth_deadline *d, berth_error_t *err)
{
	berth_log_info("clearing promotion score of %s", instance);
	return run_attribute(instance, "-D", NULL, d, err);
}

int
berth_promotion_parse_score(const char *text, long long *score)
{
	char buf[64], *s = buf, *end = NULL;
	size_t n;
	long long v;

	if (text == NULL)
		return -1;
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	n = strcspn(text, " \t\r\n");
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	text += n;
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	if (*text != '\0')
		return -1;
	if (strcasecmp(s, "INFINITY") == 0 || strcasecmp(s, "+INFINITY") == 0) {
		*score = SCORE_INFINITY;
		return 0;
	}
	if (strcasecmp(s, "-INFINITY") == 0) {
		*score = -SCORE_INFINITY;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	if (v > SCORE_INFINITY)
		v = SCORE_INFINITY;
	if (v < -SCORE_INFINITY)
		v = -SCORE_INFINITY;
	*score = v;
	return 0;
}

void
berth_promotion_update_score(struct berth_ctx *ctx, const struct berth_container_info *info)
{
	struct berth_params *p = ctx->params;
	struct berth_state st;
	berth_error_t err = NULL;
	long long score = p->promotion_score;

	if (!p->promotable)
		return;
	if (p->promotion_score_cmd != NULL) {
		cleanup_free char *out = NULL;

		if (berth_exec_run_cmd(ctx, info->id, "promotion_score_cmd", p->promotion_score_cmd, NULL, NULL, &out,
				       &err) < 0 ||
		    berth_promotion_parse_score(out, &score) < 0) {
			berth_log_warn("promotion score of %s left unchanged: %s", p->name,
				       err ? err->msg : "promotion_score_cmd did not print a score");
			berth_error_free(&err);
			return;
		}
	}
	if (berth_state_load(p->name, &st) == 1 && st.score_set && st.score == score)
		return;
	if (berth_promotion_set(p->instance, score, ctx->deadline, &err) < 0) {
		berth_log_warn("cannot set the promotion score of %s: %s", p->name, err->msg);
		berth_error_free(&err);
		return;
	}
	if (berth_state_load(p->name, &st) == 1) {
		st.score_set = true;
		st.score = score;
		if (berth_state_save(p->name, &st, &err) < 0) {
			berth_log_warn("%s", err->msg);
			berth_error_free(&err);
		}
	}
}

void
berth_promotion_clear_score(struct berth_ctx *ctx)
{
	struct berth_state st;
	berth_error_t err = NULL;
	bool had = berth_state_load(ctx->params->name, &st) == 1 && st.score_set;

	if (!ctx->params->promotable && !had)
		return;
	if (berth_promotion_clear(ctx->params->instance, ctx->deadline, &err) < 0) {
		berth_log_warn("cannot clear the promotion score of %s: %s", ctx->params->name, err->msg);
		berth_error_free(&err);
	}
}
