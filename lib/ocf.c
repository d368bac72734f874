/* berth: OCF results, errors, and the OCF environment. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocf.h"

int
berth_result_to_ocf(enum berth_result r)
{
	/* The enum is laid out in OCF order; keep the mapping explicit all the same so that a
	 * reordering of the enum cannot silently change what Pacemaker sees. */
	switch (r) {
	case BERTH_RESULT_OK: return 0;
	case BERTH_RESULT_ERROR: return 1;
	case BERTH_RESULT_INVALID_ARGS: return 2;
	case BERTH_RESULT_UNIMPLEMENTED: return 3;
	case BERTH_RESULT_PERMISSION: return 4;
	case BERTH_RESULT_NOT_INSTALLED: return 5;
	case BERTH_RESULT_NOT_CONFIGURED: return 6;
	case BERTH_RESULT_NOT_RUNNING: return 7;
	case BERTH_RESULT_RUNNING_PROMOTED: return 8;
	case BERTH_RESULT_FAILED_PROMOTED: return 9;
	}
	return 1;
}

const char *
berth_result_name(enum berth_result r)
{
	switch (r) {
	case BERTH_RESULT_OK: return "OCF_SUCCESS";
	case BERTH_RESULT_ERROR: return "OCF_ERR_GENERIC";
	case BERTH_RESULT_INVALID_ARGS: return "OCF_ERR_ARGS";
	case BERTH_RESULT_UNIMPLEMENTED: return "OCF_ERR_UNIMPLEMENTED";
	case BERTH_RESULT_PERMISSION: return "OCF_ERR_PERM";
	case BERTH_RESULT_NOT_INSTALLED: return "OCF_ERR_INSTALLED";
	case BERTH_RESULT_NOT_CONFIGURED: return "OCF_ERR_CONFIGURED";
	case BERTH_RESULT_NOT_RUNNING: return "OCF_NOT_RUNNING";
	case BERTH_RESULT_RUNNING_PROMOTED: return "OCF_RUNNING_PROMOTED";
	case BERTH_RESULT_FAILED_PROMOTED: return "OCF_FAILED_PROMOTED";
	}
	return "OCF_ERR_GENERIC";
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if there is none. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

bool
berth_utf8_valid(const char *s)
{
	return berth_utf8_valid_n(s, strlen(s));
}

bool
berth_utf8_valid_n(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, l;

	while (i < n) {
		if ((l = utf8_seq(p + i, n - i)) == 0)
			return false;
		i += l;
	}
	return true;
}

void
berth_ocf_exit_reason(const char *msg)
{
	/* Pacemaker takes the reason from the line that starts with the marker, stores it in the
	 * CIB and crm_mon prints it: one line of valid UTF-8, no control characters, bounded.
	 * Parameters quoted in a message can hold anything, so clean it here, once. */
	char line[1024];
	const unsigned char *p = (const unsigned char *)(msg && *msg ? msg : "unknown error");
	size_t n = 0, left = strlen((const char *)p), l;

	while (left > 0 && n < sizeof(line) - 5) {
		l = utf8_seq(p, left);
		if (l == 0 || (l == 1 && (*p < 0x20 || *p == 0x7f))) {
			line[n++] = l == 0 ? '?' : ' ';
			l = 1;
		} else {
			memcpy(line + n, p, l);
			n += l;
		}
		p += l;
		left -= l;
	}
	line[n] = '\0';
	fprintf(stderr, "ocf-exit-reason:%s\n", line);
	fflush(stderr);
}

const char *
berth_ocf_getenv(const char *name)
{
	const char *v = getenv(name);

	return (v != NULL && *v != '\0') ? v : NULL;
}

/* berth_ocf_reskey_override's lists */
static const char *const *override_names, *const *override_values;
static size_t overrides;

void
berth_ocf_reskey_override(const char *const *names, const char *const *values, size_t n)
{
	override_names = n > 0 ? names : NULL;
	override_values = n > 0 ? values : NULL;
	overrides = n;
}

const char *
berth_ocf_reskey_env(const char *name)
{
	char key[256];

	if (snprintf(key, sizeof(key), "OCF_RESKEY_%s", name) >= (int)sizeof(key))
		return NULL;
	return berth_ocf_getenv(key);
}

const char *
berth_ocf_reskey(const char *name)
{
	size_t i;

	for (i = 0; i < overrides; i++)
		if (strcmp(override_names[i], name) == 0)
			return override_values[i];
	return berth_ocf_reskey_env(name);
}

int
berth_ocf_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "yes", "true", "on", "y", NULL };
	static const char *const no[] = { "0", "no", "false", "off", "n", NULL };
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
	for (i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	return -1;
}

static long
env_ms(const char *name, long dflt)
{
	const char *v = berth_ocf_getenv(name);
	char *end = NULL;
	long n;

	if (v == NULL)
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 0)
		return dflt;
	return n;
}

long
berth_ocf_timeout_ms(long dflt_ms)
{
	long t = env_ms("OCF_RESKEY_CRM_meta_timeout", dflt_ms);

	if (t <= 0)
		t = dflt_ms;
	return t < BERTH_OCF_TIMEOUT_MAX_MS ? t : BERTH_OCF_TIMEOUT_MAX_MS;
}

long
berth_ocf_interval_ms(void)
{
	return env_ms("OCF_RESKEY_CRM_meta_interval", 0);
}
