/* berth: OCF results, errors, and the OCF environment.
 *
 * Every function in lib/ that can fail returns an int (0 on success, negative on failure) and fills
 * an optional berth_error_t with a message for the admin and the OCF result the failure stands for.
 * Only agent/main.c turns a result into a process exit code (berth_result_to_ocf). */
#ifndef BERTH_OCF_H
#define BERTH_OCF_H

#include <stdbool.h>
#include <stdarg.h>

/** What an action concluded; one value per OCF exit code, named for its meaning. */
enum berth_result {
	BERTH_RESULT_OK = 0,            /**< OCF_SUCCESS (0) */
	BERTH_RESULT_ERROR,             /**< OCF_ERR_GENERIC (1): soft, node-local, retried */
	BERTH_RESULT_INVALID_ARGS,      /**< OCF_ERR_ARGS (2) */
	BERTH_RESULT_UNIMPLEMENTED,     /**< OCF_ERR_UNIMPLEMENTED (3) */
	BERTH_RESULT_PERMISSION,        /**< OCF_ERR_PERM (4) */
	BERTH_RESULT_NOT_INSTALLED,     /**< OCF_ERR_INSTALLED (5): hard on this node */
	BERTH_RESULT_NOT_CONFIGURED,    /**< OCF_ERR_CONFIGURED (6): fatal on every node */
	BERTH_RESULT_NOT_RUNNING,       /**< OCF_NOT_RUNNING (7) */
	BERTH_RESULT_RUNNING_PROMOTED,  /**< OCF_RUNNING_PROMOTED (8) */
	BERTH_RESULT_FAILED_PROMOTED,   /**< OCF_FAILED_PROMOTED (9) */
};

/** An error: the result it maps to and a message written for the admin. */
struct berth_error {
	enum berth_result result;
	char *msg;
};
typedef struct berth_error *berth_error_t;

/**
 * Record an error. If *err already holds one, the new message is dropped (the first cause wins).
 * \param err    where to store it; may be NULL to discard
 * \param result the OCF result this failure means
 * \return always -1, so callers can `return berth_error_set(...)`
 */
int berth_error_set(berth_error_t *err, enum berth_result result, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * Prefix the message of an existing error with more context ("starting c1: " + msg).
 * \return always -1
 */
int berth_error_wrap(berth_error_t *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Free an error and set *err to NULL. Safe on NULL. */
void berth_error_free(berth_error_t *err);

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

/** OCF_RESKEY_<name>, or NULL when unset or empty. */
const char *berth_ocf_reskey(const char *name);

/**
 * Parse an OCF boolean (yes/true/on/1 and no/false/off/0, any case).
 * \return 0 and *out on success, -1 if the text is not a boolean
 */
int berth_ocf_parse_bool(const char *s, bool *out);

/** OCF_RESKEY_CRM_meta_timeout in milliseconds, or dflt_ms when unset or invalid. */
long berth_ocf_timeout_ms(long dflt_ms);

/** OCF_RESKEY_CRM_meta_interval in milliseconds (0 for a probe or one-shot action). */
long berth_ocf_interval_ms(void);

/** True when this is a probe: a monitor with interval 0. */
bool berth_ocf_is_probe(const char *action);

#endif
