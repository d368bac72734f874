/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: logging through libqb, set up from Pacemaker's HA_* environment. */
#ifndef BERTH_LOG_H
#define BERTH_LOG_H

#include <qb/qblog.h>

/**
 * Set up libqb logging once: syslog with the facility from HA_LOGFACILITY (default daemon;
 * "none" turns syslog off), a file target for HA_LOGFILE and another for HA_DEBUGLOG, debug
 * level when HA_debug is 1/yes/true. Messages are tagged "berth(<instance>)[pid]".
 * stderr is never a target: Pacemaker reads the agent's stderr for the exit reason.
 * \param instance the resource instance (OCF_RESOURCE_INSTANCE) or NULL
 */
void berth_log_init(const char *instance);

/** Flush and close the log targets. */
void berth_log_fini(void);

#define berth_log_err(fmt, ...)    qb_log(LOG_ERR, fmt, ##__VA_ARGS__)
#define berth_log_warn(fmt, ...)   qb_log(LOG_WARNING, fmt, ##__VA_ARGS__)
#define berth_log_notice(fmt, ...) qb_log(LOG_NOTICE, fmt, ##__VA_ARGS__)
#define berth_log_info(fmt, ...)   qb_log(LOG_INFO, fmt, ##__VA_ARGS__)
#define berth_log_debug(fmt, ...)  qb_log(LOG_DEBUG, fmt, ##__VA_ARGS__)

#endif
