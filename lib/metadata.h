/* berth: the OCF meta-data XML, rendered from the parameter and action tables. */
#ifndef BERTH_METADATA_H
#define BERTH_METADATA_H

#include <stdio.h>

/** One row of the action table: what meta-data advertises. */
struct berth_action_def {
	const char *name;
	const char *timeout;   /**< default timeout, e.g. "90s" */
	const char *interval;  /**< default interval, or NULL */
	const char *role;      /**< "Promoted"/"Unpromoted" for role-specific monitors, or NULL */
	const char *depth;     /**< OCF depth, or NULL */
};

/** The advertised actions, terminated by a row with name NULL. */
extern const struct berth_action_def berth_action_table[];

/**
 * Write the agent's meta-data to out. The XML uses only what the OCF 1.0 DTD and RelaxNG
 * schema shipped with resource-agents accept, so ocf-tester and xmllint validate it, while
 * declaring version 1.1 of the API (see README, "Meta-data dialect").
 * \return 0, or -1 on a write error
 */
int berth_metadata_write(FILE *out);

#endif
