/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the test hooks (hooks.h). */
#include "config.h"

#include <stddef.h>

#include "hooks.h"
#include "ocf.h"

static const char *const names[BERTH_HOOK_COUNT] = {
	[BERTH_HOOK_CONF_DIR] = "BERTH_CONF_DIR",
	[BERTH_HOOK_POSTMORTEM_DIR] = "BERTH_POSTMORTEM_DIR",
	[BERTH_HOOK_CRM_ATTRIBUTE] = "BERTH_CRM_ATTRIBUTE",
	[BERTH_HOOK_SYSTEMCTL] = "BERTH_SYSTEMCTL",
};

const char *
berth_hook_name(enum berth_hook hook)
{
	return (unsigned)hook < BERTH_HOOK_COUNT ? names[hook] : NULL;
}

const char *
berth_hook(enum berth_hook hook)
{
	const char *name = berth_hook_name(hook);

	return name != NULL ? berth_ocf_getenv(name) : NULL;
}
