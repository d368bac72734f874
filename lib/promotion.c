/* berth: promotion scores, set on the node through crm_attribute (executed directly, no shell). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "promotion.h"
#include "tool.h"

#define SCORE_INFINITY 1000000LL
#define CAP_MS         15000L

int
berth_promotion_set(const char *instance, long long score, const struct berth_deadline *d, berth_error_t *err)
{
	char value[32];
	char *argv[] = { (char *)berth_tool_path("BERTH_CRM_ATTRIBUTE", "/usr/sbin/crm_attribute"),
			 (char *)"-p",
			 (char *)instance,
			 (char *)"-l",
			 (char *)"reboot",
			 (char *)"-v",
			 value,
			 NULL };

	snprintf(value, sizeof(value), "%lld", score);
	berth_log_info("setting promotion score of %s to %s", instance, value);
	return berth_tool_run(argv, argv[0], d, CAP_MS, err);
}

int
berth_promotion_clear(const char *instance, const struct berth_deadline *d, berth_error_t *err)
{
	char *argv[] = { (char *)berth_tool_path("BERTH_CRM_ATTRIBUTE", "/usr/sbin/crm_attribute"),
			 (char *)"-p",
			 (char *)instance,
			 (char *)"-l",
			 (char *)"reboot",
			 (char *)"-D",
			 NULL };

	berth_log_info("clearing promotion score of %s", instance);
	return berth_tool_run(argv, argv[0], d, CAP_MS, err);
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
