/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: what berth remembers on the node about a container it runs.
 *
 * One small file per container in $HA_RSCTMP (default /run/resource-agents, a tmpfs, so a reboot
 * forgets it as it forgets the containers): the container id, the start time of that run, its
 * main process and that process's kernel start time. It lets monitor tell "daemon down, container
 * gone" from "daemon down, container still running" (live-restore), ties the promoted role to
 * one run of one container, and tells a container berth stopped itself (reuse=true keeps it) from
 * one that ended on its own (lib/postmortem.h).
 *
 * No record means "never started on this node": start writes one (id "-", no process yet) before
 * its create or start request, and fails without creating anything when it cannot; a container
 * adopted from ocf:heartbeat:docker gets one when it is adopted; only stop removes it, once the
 * container is known to be stopped. A record without a process is a start that did not finish:
 * while the daemon is away, berth cannot tell whether that container runs.
 *
 * Beside it, berth-<name>.exec names the exec (monitor_cmd, promote_cmd, ...) berth started last
 * in the container, from just before it starts until it is known to have ended. Docker cannot
 * stop an exec, so one that outlived its action's timeout keeps running; while it does, berth
 * starts no other (ocf_berth_docker(7), ACTIONS, "monitor"). */
#ifndef BERTH_STATE_H
#define BERTH_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include "ocf.h"

struct berth_state {
	char id[80];                  /**< container id */
	char started_at[48];          /**< State.StartedAt of the run this record describes */
	long pid;                     /**< the container's main process on the host */
	unsigned long long pid_start; /**< its start time in clock ticks since boot (/proc/PID/stat) */
	bool promoted;                /**< the role of this run */
	bool score_set;               /**< berth has set a promotion score for this container */
	long long score;              /**< the promotion score berth last set */
	bool stopped;                 /**< berth stopped this run itself and kept the container (reuse) */
};

/** The exec berth started last in a container and has not seen end. */
struct berth_exec_record {
	char exec_id[80];      /**< the exec's id */
	char container_id[80]; /**< the container it runs in */
	long long since;       /**< when berth started it, seconds since the epoch */
	char what[32];         /**< the parameter it came from: "monitor_cmd", "promote_cmd", ... */
};

/**
 * Read the record of a container.
 * \return 1 when found; 0 when there is none, which means berth never started the container on
 *         this node since the last reboot (start writes the record before every create,
 *         record.c, and stop removes it only once the container is known to be stopped); -1
 *         when there is one berth cannot read (garbage, a permission or path error): something
 *         ran, berth cannot say what
 */
int berth_state_load(const char *name, struct berth_state *st);

/**
 * The containers that have a record on this node (berth-<name>.state in $HA_RSCTMP), by name,
 * sorted; a file whose name is no container's is not one. berth status finds the runs it adopted
 * here: they carry no berth label to list them by (record.h, berth_record_adopted_run).
 * \param names out: a NULL-terminated list the caller frees with berth_words_free ({ NULL } when
 *              there is none)
 * \return 0 (no directory: no record); -1 when the directory cannot be read, names { NULL }
 */
int berth_state_names(char ***names);

/** Write the record atomically (temp file + rename). \return 0 or -1 with err */
int berth_state_save(const char *name, const struct berth_state *st, berth_error_t *err);

/** Forget a container: its record and its exec record. */
void berth_state_clear(const char *name);

/**
 * Read the exec record of a container.
 * \return 1 when found, 0 when there is none (or it is unreadable garbage), -1 on a path error
 */
int berth_state_exec_load(const char *name, struct berth_exec_record *rec);

/** Write the exec record (temp file + rename). \return 0 or -1 with err */
int berth_state_exec_save(const char *name, const struct berth_exec_record *rec, berth_error_t *err);

/** Forget the exec record of a container. */
void berth_state_exec_clear(const char *name);

/**
 * A note of berth's about the node rather than one container ($HA_RSCTMP/berth-<name>, one line
 * of text): the configuration's checksum it published (conf.h).
 * \param buf out: the line (with its newline), "" when there is none
 * \return 1 when found, 0 when there is none, -1 on a path error
 */
int berth_state_note_load(const char *name, char *buf, size_t len);

/** Write a note (one line, through the atomic writer, 0600). \return 0 or -1 with err */
int berth_state_note_save(const char *name, const char *line, berth_error_t *err);

/** Does st describe this very run of a container (its id and the start time Docker gives it)? A
 * restarted or recreated container has another start time or id. */
bool berth_state_same_run(const struct berth_state *st, const char *id, const char *started_at);

/** Is the process recorded in st still the same process (pid alive with the same start time,
 * berth_process_start_ticks)? */
bool berth_state_process_alive(const struct berth_state *st);

#endif
