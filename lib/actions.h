/* berth: the OCF actions, as decisions over the container operations.
 *
 * Each action returns the OCF result it concluded, with *err carrying the admin-facing reason for
 * every result other than BERTH_RESULT_OK. Only agent/main.c turns the result into an exit code. */
#ifndef BERTH_ACTIONS_H
#define BERTH_ACTIONS_H

#include "container.h"
#include "params.h"

/** Everything one action works with. */
struct berth_ctx {
	const char *action;            /**< "start", "monitor", ... */
	struct berth_params *params;
	struct berth_client *client;
	const struct berth_deadline *deadline;
	bool probe;                    /**< monitor with interval 0 */
};

enum berth_result berth_action_start(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_stop(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_monitor(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_validate(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_promote(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_demote(struct berth_ctx *ctx, berth_error_t *err);
enum berth_result berth_action_notify(struct berth_ctx *ctx, berth_error_t *err);
/** reload and reload-agent: apply the new parameters, recreating the container only if its
 *  configuration (image, run_cmd, run_opts) changed. */
enum berth_result berth_action_reload(struct berth_ctx *ctx, berth_error_t *err);

#endif
