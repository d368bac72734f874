/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the progress of an image pull, read from the daemon's stream as it arrives.
 *
 * POST /images/create answers with one JSON object per line ({"status":"Downloading","id":
 * "<layer>","progressDetail":{"current":N,"total":M}}, ..., {"error":"..."}), in pieces that split
 * lines anywhere. berth_progress_feed takes the pieces, keeps the line being read (capped: a
 * longer line is skipped), and counts layers and bytes, so the pull can log "N of M layers done,
 * X MB of Y MB" while it runs and find the stream's error at its end. Memory stays bounded
 * whatever the daemon sends: at most BERTH_PROGRESS_MAX_LAYERS layers are counted. */
#ifndef BERTH_PROGRESS_H
#define BERTH_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "cleanup.h"

/** Longest line kept; a longer one is skipped (dockerd's lines are a few hundred bytes). */
#define BERTH_PROGRESS_MAX_LINE (64u * 1024)
/** Most layers counted; images have tens. */
#define BERTH_PROGRESS_MAX_LAYERS 1024
/** Least time between two progress lines in the log. */
#define BERTH_PROGRESS_INTERVAL_MS 5000

struct berth_progress_layer {
	char id[80];
	bool done;       /**< "Pull complete" or "Already exists" */
	bool sized;      /**< its download size is known */
	long long total; /**< bytes to download */
	long long current;
};

/** A pull's progress. Zero it, or use berth_progress_init; release with berth_progress_release. */
struct berth_progress {
	struct berth_buf line; /**< the line read so far */
	bool skipping;         /**< the current line outgrew the cap: dropped up to its newline */
	struct berth_progress_layer *layers;
	size_t nlayers;
	char *error;           /**< the stream's first error message, or NULL */
	long long last_log_ms; /**< when a progress line was last due */
	unsigned long lines;   /**< lines read, for the debug log */
};

/** Start counting; now_ms is when the pull began (the first line is due 5 s later). */
void berth_progress_init(struct berth_progress *p, long long now_ms);

/** Free what the progress holds and zero it. */
void berth_progress_release(struct berth_progress *p);
BERTH_DEFINE_CLEANUP_STRUCT(progress, struct berth_progress, berth_progress_release)

/** Read one piece of the stream (any length, any split). */
void berth_progress_feed(struct berth_progress *p, const char *data, size_t len);

/** The stream ended: read a last line that had no newline. */
void berth_progress_end(struct berth_progress *p);

/**
 * Is a progress line due at now_ms (at least BERTH_PROGRESS_INTERVAL_MS after the last one, or
 * after the start)? When it is, the next one is due an interval later.
 */
bool berth_progress_due(struct berth_progress *p, long long now_ms);

/**
 * The counts: layers done of layers seen, bytes downloaded of the bytes whose size is known, and
 * how many unfinished layers have no size yet. The byte sums stop at LLONG_MAX: the sizes are the
 * daemon's word. Any pointer may be NULL.
 */
void berth_progress_counts(const struct berth_progress *p, size_t *done, size_t *layers, long long *bytes,
			   long long *total, size_t *unsized);

/**
 * "N of M layers done, X MB of Y MB" (", K layers not sized yet" when some are not).
 * \return malloc'd text; caller frees
 */
char *berth_progress_summary(const struct berth_progress *p);

#endif
