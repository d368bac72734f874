/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: logging through libqb, set up from Pacemaker's HA_* environment. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>

#include "log.h"
#include "ocf.h"

static bool log_ready;

static int
facility_from_env(bool *off)
{
	const char *f = berth_ocf_getenv("HA_LOGFACILITY");
	int fac;

	*off = false;
	if (f == NULL)
		return LOG_DAEMON;
	if (strcasecmp(f, "none") == 0) {
		*off = true;
		return LOG_DAEMON;
	}
	fac = qb_log_facility2int(f);
	return fac >= 0 ? fac : LOG_DAEMON;
}

/* Do a and b name one file (the same path, or links to one inode)? */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (a == NULL || b == NULL)
		return false;
	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void
add_file_target(const char *path, int priority)
{
	int32_t t;

	if (path == NULL)
		return;
	t = qb_log_file_open(path);
	if (t < 0)
		return;
	qb_log_ctl(t, QB_LOG_CONF_ENABLED, QB_TRUE);
	qb_log_filter_ctl(t, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", priority);
	qb_log_format_set(t, "%t %N[%P] %p: %b");
}

void
berth_log_init(const char *instance)
{
	const char *logfile, *debuglog;
	char name[128];
	bool syslog_off, debug = false;
	int facility, priority;

	if (log_ready)
		return;
	log_ready = true;
	snprintf(name, sizeof(name), "berth(%s)", instance ? instance : "-");
	facility = facility_from_env(&syslog_off);
	(void)berth_ocf_parse_bool(berth_ocf_getenv("HA_debug"), &debug);
	priority = debug ? LOG_DEBUG : LOG_INFO;

	/* qb_log_init opens syslog; its default stderr target stays off. */
	qb_log_init(name, facility, priority);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, syslog_off ? QB_FALSE : QB_TRUE);
	qb_log_filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_CLEAR_ALL, QB_LOG_FILTER_FILE, "*", LOG_TRACE);
	qb_log_filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", priority);
	qb_log_format_set(QB_LOG_SYSLOG, "%b");

	logfile = berth_ocf_getenv("HA_LOGFILE");
	debuglog = berth_ocf_getenv("HA_DEBUGLOG");
	/* Pacemaker's executor names one file in both when debug is on: two targets on it would
	 * write every line twice. The debug target alone gets every line once. */
	if (!same_file(logfile, debuglog))
		add_file_target(logfile, priority);
	add_file_target(debuglog, LOG_DEBUG);
}

void
berth_log_fini(void)
{
	if (log_ready)
		qb_log_fini();
	log_ready = false;
}
