/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the test hooks, the one place berth's code reads an environment variable that is not
 * OCF's or Pacemaker's. They exist so that berth's own tests need not touch the machine; they are
 * not settings (nothing in the CIB sets them, Pacemaker passes none on), and each module applies
 * the same checks to what a hook names as to the fixed path it replaces. docs/HACKING.md, "Test
 * hooks", lists them; ocf-tests/lint/banned-functions keeps their names out of every other file. */
#ifndef BERTH_HOOKS_H
#define BERTH_HOOKS_H

enum berth_hook {
	BERTH_HOOK_CONF_DIR,       /**< BERTH_CONF_DIR: the node-local configuration's directory */
	BERTH_HOOK_POSTMORTEM_DIR, /**< BERTH_POSTMORTEM_DIR: the post-mortem records' directory */
	BERTH_HOOK_CRM_ATTRIBUTE,  /**< BERTH_CRM_ATTRIBUTE: the crm_attribute berth runs */
	BERTH_HOOK_SYSTEMCTL,      /**< BERTH_SYSTEMCTL: the systemctl berth runs */
	BERTH_HOOK_COUNT
};

/** The hook's value: its variable when set and not empty, else NULL (use the fixed path). */
const char *berth_hook(enum berth_hook hook);

/** The hook's variable name, "BERTH_..." (NULL for a value out of range). */
const char *berth_hook_name(enum berth_hook hook);

#endif
