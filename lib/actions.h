/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the OCF actions, as decisions over the container operations.
 *
 * Each action returns the OCF result it concluded, with *err carrying the admin-facing reason for
 * every result other than BERTH_RESULT_OK. Only agent/main.c turns the result into an exit code. */
#ifndef BERTH_ACTIONS_H
#define BERTH_ACTIONS_H

#include "container.h"
#include "params.h"

struct berth_ctx;
typedef enum berth_result (*berth_action_fn)(struct berth_ctx *ctx, berth_error_t *err);

/** The columns of the table that maps causes to results (actions.c, cause_results). */
enum berth_action_column {
	BERTH_COL_START,
	BERTH_COL_STOP,
	BERTH_COL_MONITOR,
	BERTH_COL_VALIDATE,
	BERTH_COL_PROMOTE,
	BERTH_COL_DEMOTE,
	BERTH_COL_NOTIFY,
	BERTH_COL_RELOAD,
	BERTH_COLUMNS
};

/** berth_action.flags */
enum {
	BERTH_ACTION_UNLISTED = 1 << 0, /**< answered, but not advertised in meta-data */
};

/** One action: how agent/main.c runs it and how meta-data advertises it. The one list of them is
 *  berth_actions; a name may have several rows (the role monitors), and the first one runs. */
struct berth_action {
	const char *name;   /**< as Pacemaker calls it */
	berth_action_fn fn; /**< NULL for meta-data, which agent/main.c writes itself */
	enum berth_action_column column;
	long timeout_ms;      /**< used when Pacemaker passes none; advised in meta-data */
	const char *interval; /**< meta-data: default interval, or NULL */
	const char *role;     /**< meta-data: "Promoted"/"Unpromoted", or NULL */
	const char *depth;    /**< meta-data: OCF depth, or NULL */
	unsigned flags;       /**< BERTH_ACTION_* */
};

/** Every action, terminated by a row with name NULL. */
extern const struct berth_action berth_actions[];

/** The action called name, or NULL when berth has none. */
const struct berth_action *berth_action_find(const char *name);

/**
 * The OCF result an action reports for an error, from its cause (error.h): the one mapping of
 * causes to results. BERTH_RESULT_OK for no error.
 */
enum berth_result berth_action_result(const struct berth_action *action, const berth_error_t err);

/** Everything one action works with. */
struct berth_ctx {
	const struct berth_action *action;
	struct berth_params *params;
	struct berth_client *client;
	const struct berth_deadline *deadline;
};

enum berth_result berth_action_start(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_stop(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_monitor(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_validate(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_promote(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_demote(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_notify(struct berth_ctx *ctx, berth_error_t *err);
/** reload and reload-agent: apply the new parameters, recreating the container only if its
 *  configuration (image, run_cmd, run_opts) changed. Fails when the container the parameters
 *  name (name, docker_socket) does not run here as this resource's: a reload never moves the
 *  resource to another container. */
enum berth_result berth_action_reload(struct berth_ctx *ctx, berth_error_t *err);

/**
 * The result of an action whose parameters could not be loaded (berth_params_load failed, *err
 * says why): the table's for a configuration error, but stop with a usable container name and
 * no usable socket decides as when the daemon is away (the state record).
 * \param p  as berth_params_load left it (p->name may be set)
 */
enum berth_result berth_action_unusable_params(const struct berth_action *action, const struct berth_params *p,
					       berth_error_t *err);

#endif
