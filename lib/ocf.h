/* berth: OCF results, the exit reason, and the OCF environment.
 *
 * What an action concludes is a berth_result; how failures travel up to it is in error.h. Only
 * agent/main.c turns a result into a process exit code (berth_result_to_ocf). */
#ifndef BERTH_OCF_H
#define BERTH_OCF_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

#include "error.h"

/** What an action concluded; one value per OCF exit code, named for its meaning. */
enum berth_result {
	BERTH_RESULT_OK = 0,           /**< OCF_SUCCESS (0) */
	BERTH_RESULT_ERROR,            /**< OCF_ERR_GENERIC (1): soft, node-local, retried */
	BERTH_RESULT_INVALID_ARGS,     /**< OCF_ERR_ARGS (2) */
	BERTH_RESULT_UNIMPLEMENTED,    /**< OCF_ERR_UNIMPLEMENTED (3) */
	BERTH_RESULT_PERMISSION,       /**< OCF_ERR_PERM (4) */
	BERTH_RESULT_NOT_INSTALLED,    /**< OCF_ERR_INSTALLED (5): hard on this node */
	BERTH_RESULT_NOT_CONFIGURED,   /**< OCF_ERR_CONFIGURED (6): fatal on every node */
	BERTH_RESULT_NOT_RUNNING,      /**< OCF_NOT_RUNNING (7) */
	BERTH_RESULT_RUNNING_PROMOTED, /**< OCF_RUNNING_PROMOTED (8) */
	BERTH_RESULT_FAILED_PROMOTED,  /**< OCF_FAILED_PROMOTED (9) */
};

/** The one mapping from a berth result to an OCF exit code (pacemaker's pcmk_rc2ocf). */
int berth_result_to_ocf(enum berth_result r);

/** Name of a result ("OCF_NOT_RUNNING"), for logs. */
const char *berth_result_name(enum berth_result r);

/**
 * Print the single `ocf-exit-reason:` line for an error to stderr: control characters become
 * spaces and bytes that are not UTF-8 become '?', so the reason is one line of valid UTF-8.
 */
void berth_ocf_exit_reason(const char *msg);

/** Is s valid UTF-8 (no overlong forms, no surrogates)? */
bool berth_utf8_valid(const char *s);

/**
 * Are the n bytes at s valid UTF-8 (no overlong forms, no surrogates)? For text that is not a C
 * string: a line of a file, a slice of a value. A NUL byte counts as valid (it is U+0000).
 */
bool berth_utf8_valid_n(const char *s, size_t n);

/** getenv() that treats an empty value as absent. */
const char *berth_ocf_getenv(const char *name);

/**
 * OCF_RESKEY_<name>, or NULL when unset or empty; a value set with berth_ocf_reskey_override
 * takes its place.
 */
const char *berth_ocf_reskey(const char *name);

/** OCF_RESKEY_<name> as the environment has it (the CIB's value), whatever takes its place. */
const char *berth_ocf_reskey_env(const char *name);

/**
 * Values that take the place of OCF_RESKEY_<name> in berth_ocf_reskey: the node-local settings
 * that apply to this resource (conf.h; params.c combines them with the CIB's). Parallel lists of
 * n names and values, borrowed until the next call; n 0 clears them. The process's environment
 * is left as Pacemaker gave it.
 */
void berth_ocf_reskey_override(const char *const *names, const char *const *values, size_t n);

/**
 * Parse an OCF boolean (yes/true/on/1 and no/false/off/0, any case).
 * \return 0 and *out on success, -1 if the text is not a boolean
 */
int berth_ocf_parse_bool(const char *s, bool *out);

/** The longest op timeout berth counts with: one day. A longer one is taken as this long, so that
 *  every deadline sum and every time limit handed to poll() or a timer stays in range. */
#define BERTH_OCF_TIMEOUT_MAX_MS (24L * 60 * 60 * 1000)

/**
 * OCF_RESKEY_CRM_meta_timeout in milliseconds, or dflt_ms when unset or invalid; at most
 * BERTH_OCF_TIMEOUT_MAX_MS.
 */
long berth_ocf_timeout_ms(long dflt_ms);

/** OCF_RESKEY_CRM_meta_interval in milliseconds (0 for a probe or one-shot action). */
long berth_ocf_interval_ms(void);

#endif
