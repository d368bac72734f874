/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the OCF meta-data XML, rendered from the parameter table (params.h) and the action list
 * (actions.h). */
#ifndef BERTH_METADATA_H
#define BERTH_METADATA_H

#include <stdio.h>

/** Which OCF dialect to write (ocf_berth_docker(7), META-DATA DIALECT). */
enum berth_metadata_dialect {
	/** OCF 1.0: what resource-agents' ra-api-1.dtd and metadata.rng accept (ocf-tester, xmllint),
	 *  with the legacy "reload" action. */
	BERTH_METADATA_OCF_1_0,
	/** OCF 1.1: "reload-agent" and reloadable="1" on the parameters a reload applies; what
	 *  Pacemaker 2.1+ asks for (it sets OCF_RA_VERSION_MAJOR=1, OCF_RA_VERSION_MINOR=1). */
	BERTH_METADATA_OCF_1_1,
};

/** The dialect the caller asks for through OCF_RA_VERSION_MAJOR / OCF_RA_VERSION_MINOR. */
enum berth_metadata_dialect berth_metadata_dialect_from_env(void);

/**
 * Write the agent's meta-data to out in the given dialect.
 * \return 0, or -1 on a write error
 */
int berth_metadata_write(FILE *out, enum berth_metadata_dialect dialect);

#endif
