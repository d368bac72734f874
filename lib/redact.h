/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what berth shows of a container's environment and labels: their names, never their
 * values.
 *
 * Environment variables and labels carry passwords and tokens (a value from --env-file is kept
 * out of the CIB for that reason), and what berth writes travels: log lines go to syslog and
 * crm_report, exit reasons into the CIB's status section on every node, berth(8)'s output into
 * tickets. So every log line, exit reason and berth(8) output that speaks of Env or Labels goes
 * through here: a value becomes BERTH_REDACTED, a difference is named by its key ("Env:
 * DB_PASSWORD differs"). berth's own labels (spec.h) are not secret and stay readable. The
 * configuration hash berth computes over the whole request is unchanged: it is a label on the
 * container anyway. */
#ifndef BERTH_REDACT_H
#define BERTH_REDACT_H

#include <stdbool.h>
#include <json-c/json.h>

/** What berth shows in place of a value it does not show. */
#define BERTH_REDACTED "<hidden>"

/**
 * One "NAME=VALUE" entry with its value hidden: "NAME=<hidden>"; an entry without '=' stays.
 * \return malloc'd; caller frees
 */
char *berth_redact_kv(const char *kv);

/**
 * A copy of a create request, or of an inspect answer, with the values of Env and Labels hidden
 * (berth's own labels kept): the members "Env" and "Labels" of obj and of obj.Config.
 * \return a new object (caller puts it); NULL for NULL
 */
json_object *berth_redact_config(json_object *obj);

/**
 * A copy of one Env array or Labels object with its values hidden (berth's own labels kept).
 * \param key "Env" or "Labels" (anything else: an unchanged copy)
 * \return a new value (caller puts it); NULL for NULL
 */
json_object *berth_redact_value(const char *key, json_object *v);

/**
 * The names of the Env entries (arrays of "NAME=VALUE") or labels (objects) that want has and
 * have lacks or holds with another value: "DB_PASSWORD differs, API_URL missing".
 * \param key "Env" or "Labels"
 * \return malloc'd text, or NULL when have holds everything want holds
 */
char *berth_redact_diff(const char *key, json_object *want, json_object *have);

/** Is this member of a request one whose values berth does not show ("Env", "Labels")? */
bool berth_redact_secret_key(const char *key);

#endif
