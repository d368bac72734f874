/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the files berth writes as root, and the files it reads from paths it is given.
 *
 * berth runs as root on every node. What it writes (its state records in $HA_RSCTMP, the systemd
 * drop-ins of drop_in_dependency, the post-mortems in /var/log/berth) goes into a directory that
 * is checked first and then used only through its descriptor: not a symbolic link, a directory,
 * owned by the user berth runs as (root), writable by nobody else. A file is replaced as a whole:
 * a new file created next to it with O_EXCL|O_NOFOLLOW (so no link planted there is followed and
 * no file of someone else's is reused), written, flushed when asked, and renamed over the old
 * one, so a reader sees the old content or the new, never half of either.
 *
 * What berth reads from a path in its parameters (--env-file, --label-file, a seccomp profile,
 * authfile, docker's config.json, a CIB file for berth migrate) is opened non-blocking and must
 * be a regular file of bounded size: a FIFO, a device or a socket there would otherwise block
 * the action until its timeout or feed it without end. The one reader says what the file is
 * instead.
 *
 * The directories mount_points names are made here too (berth_file_make_mount_points), as the
 * admin wrote them. */
#ifndef BERTH_FILE_H
#define BERTH_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/** berth_file_write_atomic: fsync the new file before it replaces the old one. */
#define BERTH_FILE_SYNC 0x1u

/** berth_file_read: refuse a symbolic link as the last component of the path. */
#define BERTH_FILE_NOFOLLOW 0x1u

/** berth_file_read: refuse a file that is not owned by the user berth runs as (root), or that its
 *  group or every user may write (berth's own configuration, conf.h). */
#define BERTH_FILE_OWNED 0x2u

/**
 * Open a directory berth writes in, after checking it: not a symbolic link, a directory, owned by
 * the user berth runs as (root), neither group- nor world-writable. Nothing below it is followed
 * through a link either, as long as the caller works with *at() calls on the descriptor.
 * \param path        the directory
 * \param create_mode when not 0, the directory is made with this mode when it does not exist
 *                    (its parent must exist)
 * \return an O_DIRECTORY descriptor (close-on-exec; the caller closes it), or a negative cause
 *         with err saying what the directory is instead ("... is a symbolic link", "... is
 *         writable by its group (mode 0775)")
 */
int berth_file_dir_open(const char *path, mode_t create_mode, berth_error_t *err);

/**
 * Open a directory berth reads its own configuration from (conf.h): the checks of
 * berth_file_dir_open (not a symbolic link, a directory, root's, writable by nobody else), never
 * created; the messages end "berth reads no configuration from it".
 * \return an O_DIRECTORY descriptor (the caller closes it), or a negative cause with err (-ENOENT
 *         when it does not exist)
 */
int berth_file_dir_open_config(const char *path, berth_error_t *err);

/**
 * Replace dirfd/name with len bytes of data. A temporary file ".<name>.<pid>.tmp" is created in
 * the same directory with O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC and the given mode, written,
 * fsync'ed with BERTH_FILE_SYNC, and renamed over name; on any failure it is removed and name is
 * left as it was.
 * \param dirfd   a directory from berth_file_dir_open
 * \param dirpath the directory's path, for messages only
 * \param name    a file name in it (no '/')
 * \param mode    the new file's permissions (umask does not apply: they are set with fchmod)
 * \param flags   BERTH_FILE_SYNC or 0
 * \return 0, or a negative cause with err
 */
int berth_file_write_atomic(int dirfd, const char *dirpath, const char *name, const void *data, size_t len, mode_t mode,
			    unsigned flags, berth_error_t *err);

/**
 * Read a whole regular file of at most max bytes. The file is checked before it is opened and
 * again once it is (O_NONBLOCK|O_NOCTTY, so opening a FIFO or a terminal cannot block or take
 * it over): anything but a regular file is refused with a message that says what it is.
 * \param dirfd a directory descriptor for a relative path, or AT_FDCWD
 * \param path  the file
 * \param flags BERTH_FILE_NOFOLLOW, BERTH_FILE_OWNED (checked on the opened file), or 0
 * \param max   the largest size accepted
 * \param data  out: malloc'd content with a NUL after it (the file may hold NULs itself); the
 *              caller frees it (zeroing it first when it holds secrets)
 * \param len   out: its length
 * \return 0, or a negative cause with err (-ENOENT when the file does not exist); messages start
 *         with the path
 */
int berth_file_read(int dirfd, const char *path, unsigned flags, size_t max, char **data, size_t *len,
		    berth_error_t *err);

/**
 * What kind of file a mode names, as a message says it: "a directory", "a FIFO", "a socket",
 * "a character device", "a block device", "a symbolic link", "a regular file".
 */
const char *berth_file_kind(mode_t mode);

/**
 * mount_points: create each directory of the comma-separated list and its missing parents (mkdir
 * -p, mode 0755), as ocf:heartbeat:docker does before a start. The paths are the admin's
 * (params.c checks that each is absolute) and are created as written: not through a checked
 * directory as the files above are, so a link on the way is followed, as mkdir -p follows it.
 * \param list  NULL for none; blanks before an entry are skipped, empty entries ignored
 * \return 0, or -errno with err naming the directory that could not be created
 */
int berth_file_make_mount_points(const char *list, berth_error_t *err);

#endif
