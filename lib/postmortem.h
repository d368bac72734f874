/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the post-mortem of a container that ended on its own: when berth keeps one, and what.
 *
 * Before berth removes a container that crashed, was killed by the OOM killer or exited by itself,
 * it keeps what an admin needs to find out why: the facts of its end (exit code, OOMKilled,
 * State.Error, start and finish time) and the last lines of its output, which go with the
 * container otherwise. They go to two places:
 *   - the node's log: one notice with the facts, and the last few output lines;
 *   - BERTH_POSTMORTEM_DIR/<container>.log: one record per event, a header and the output lines,
 *     each output line prefixed with "| " so that no output can pass for a header. The file is
 *     rotated by size and count: before a record would take it past 1 MiB, <name>.log becomes
 *     <name>.log.1 (.1 becomes .2, .2 becomes .3, the old .3 goes), so a container never takes
 *     more than 4 MiB there.
 * This module decides when (berth_postmortem_before_remove: a container that ended on its own,
 * which stop or start is about to remove), formats and writes (ocf_berth_docker(7), CONTAINERS,
 * "Post-mortem"). Nothing here can fail an action: the caller only logs what went wrong. */
#ifndef BERTH_POSTMORTEM_H
#define BERTH_POSTMORTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "error.h"

/** Where the records go; created 0750 when missing (the packages create it). */
#define BERTH_POSTMORTEM_DIR "/var/log/berth"
/** postmortem_lines: its default, and the most it may ask for. */
#define BERTH_POSTMORTEM_DEFAULT_LINES 100
#define BERTH_POSTMORTEM_MAX_LINES     10000
/** Caps on one record's output: all lines together, and each line (cut with " [...]"). */
#define BERTH_POSTMORTEM_MAX_OUTPUT (64 * 1024)
#define BERTH_POSTMORTEM_MAX_LINE   4096
/** Rotation: a file is rotated before it would grow past this size, and this many old files are kept. */
#define BERTH_POSTMORTEM_ROTATE_BYTES (1024 * 1024)
#define BERTH_POSTMORTEM_KEEP         3
/** Output lines quoted in the node's log. */
#define BERTH_POSTMORTEM_LOG_LINES 5

/** The facts of one container's end. Strings are borrowed; any may be NULL. */
struct berth_postmortem {
	const char *action;   /**< the action that removes the container ("stop", "start") */
	const char *resource; /**< the resource instance */
	const char *name;     /**< the container name (a file name: Docker allows no '/') */
	const char *id;
	const char *image;
	const char *status; /**< "exited", "dead" */
	int exit_code;
	bool oom_killed;
	const char *error;        /**< State.Error */
	const char *started_at;   /**< State.StartedAt */
	const char *finished_at;  /**< State.FinishedAt */
	const char *output;       /**< the container's last output, NULL when it could not be read */
	const char *output_error; /**< why the output could not be read, or NULL */
	int lines;                /**< output lines to keep (postmortem_lines); 0 keeps nothing at all */
};

/** How a file is rotated (tests use small values). */
struct berth_postmortem_limits {
	size_t rotate_bytes; /**< rotate before a record would take the file past this size */
	int keep;            /**< old files kept: <name>.log.1 .. <name>.log.<keep> */
};

/**
 * The directory of the records: BERTH_POSTMORTEM_DIR, or $BERTH_POSTMORTEM_DIR when set. The
 * variable is for berth's own tests (they must not write to /var/log); it is not a setting.
 */
const char *berth_postmortem_dir(void);

/**
 * One record: the header (time, resource, container, image, the facts), then the last pm->lines
 * lines of pm->output, at most BERTH_POSTMORTEM_MAX_OUTPUT bytes of them, each line prefixed with
 * "| ", control characters other than tab written as '?', then an empty line.
 * \param now the time written in the header
 * \return malloc'd text; caller frees
 */
char *berth_postmortem_format(const struct berth_postmortem *pm, time_t now);

/**
 * Append a record to dir/<name>.log, rotating the file first when the record would take it past
 * lim->rotate_bytes. dir is made 0750 when missing and must then be a directory, not a link,
 * owned by the user berth runs as (root) and writable by nobody else; everything in it is done
 * through its descriptor (openat, renameat, unlinkat). The file is replaced as a whole by the one
 * atomic writer (file.h: the old records and the new one, 0640), so no link planted in the
 * directory is followed and nothing but a regular file is read.
 * \return 0, or a negative cause with err saying what is wrong with the directory or the file
 */
int berth_postmortem_append(const char *dir, const char *name, const char *record,
			    const struct berth_postmortem_limits *lim, berth_error_t *err);

/**
 * Keep the post-mortem of a container: the record appended in dir (default limits), then the
 * notice and the last BERTH_POSTMORTEM_LOG_LINES output lines in the node's log, which also says
 * where the record went or why it could not be written. Does nothing when pm->lines is 0.
 * \return 0, or -errno with err when the record could not be written (already logged)
 */
int berth_postmortem_keep(const char *dir, const struct berth_postmortem *pm, berth_error_t *err);

struct berth_ctx;
struct berth_container_info;

/** Before berth removes a container that ended on its own, keep what tells why. It
 * takes at most a tenth of what is left of the operation, 2 s at most, and never fails the action:
 * whatever goes wrong is logged. */
void berth_postmortem_before_remove(struct berth_ctx *ctx, const struct berth_container_info *info);

#endif
