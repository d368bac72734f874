/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the files berth writes as root, the files it reads from paths it is given, and the
 * mount_points directories it creates (file.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cleanup.h"
#include "file.h"

const char *
berth_file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a regular file";
}

/* Is st, of path, berth's own: owned by the user berth runs as (root), writable by nobody else?
 * refusal ends the message ("berth writes nothing there"). */
static int
check_owned(const char *path, const struct stat *st, const char *refusal, berth_error_t *err)
{
	if (st->st_uid != geteuid())
		return berth_error_set(err, EPERM,
				       "%s is owned by uid %lu, not by uid %lu (the user berth runs as): %s", path,
				       (unsigned long)st->st_uid, (unsigned long)geteuid(), refusal);
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return berth_error_set(err, EPERM, "%s is writable by %s (mode %04o): %s", path,
				       (st->st_mode & S_IWOTH) ? "every user" : "its group",
				       (unsigned int)(st->st_mode & 07777), refusal);
	return 0;
}

/* berth_file_dir_open and berth_file_dir_open_config: refusal ends the messages. */
static int
dir_open(const char *path, mode_t create_mode, const char *refusal, berth_error_t *err)
{
	struct stat st;
	int fd;

	if (create_mode != 0 && mkdir(path, create_mode) < 0 && errno != EEXIST)
		return berth_error_set(err, errno, "cannot create the directory %s: %s", path, strerror(errno));
	/* O_NOFOLLOW: a link in place of the directory fails here (ELOOP) instead of being followed
	 * to wherever it points. */
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if ((e == ELOOP || e == ENOTDIR) && lstat(path, &st) == 0)
			return berth_error_set(err, e, "%s is %s, not a directory: %s%s", path,
					       berth_file_kind(st.st_mode), refusal,
					       S_ISLNK(st.st_mode) ? " (it follows no link)" : "");
		return berth_error_set(err, e, "cannot open the directory %s: %s", path, strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return berth_error_set(err, e, "cannot check the directory %s: %s", path, strerror(e));
	}
	if (check_owned(path, &st, refusal, err) < 0) {
		close(fd);
		return -EPERM;
	}
	return fd;
}

int
berth_file_dir_open(const char *path, mode_t create_mode, berth_error_t *err)
{
	return dir_open(path, create_mode, "berth writes nothing there", err);
}

int
berth_file_dir_open_config(const char *path, berth_error_t *err)
{
	return dir_open(path, 0, "berth reads no configuration from it", err);
}

static bool
plain_name(const char *name)
{
	return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
berth_file_write_atomic(int dirfd, const char *dirpath, const char *name, const void *data, size_t len, mode_t mode,
			unsigned flags, berth_error_t *err)
{
	cleanup_free char *tmp = NULL;
	int fd, ret;

	if (!plain_name(name))
		return berth_error_set(err, EINVAL, "'%s' cannot name a file in %s", name, dirpath);
	tmp = berth_xasprintf(".%s.%ld.tmp", name, (long)getpid());
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
	if (fd < 0 && errno == EEXIST) {
		/* Left by an earlier berth of the same pid that died before its rename: the directory
		 * is writable by berth's user alone, so it is berth's own. */
		(void)unlinkat(dirfd, tmp, 0);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
	}
	if (fd < 0)
		return berth_error_set(err, errno, "cannot create %s/%s: %s", dirpath, tmp, strerror(errno));
	ret = write_all(fd, data, len);
	if (ret == 0 && fchmod(fd, mode) < 0)
		ret = -errno;
	if (ret == 0 && (flags & BERTH_FILE_SYNC) && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && renameat(dirfd, tmp, dirfd, name) < 0)
		ret = -errno;
	if (ret < 0) {
		(void)unlinkat(dirfd, tmp, 0);
		return berth_error_set(err, -ret, "cannot write %s/%s: %s", dirpath, name, strerror(-ret));
	}
	/* The rename itself reaches the disk with the directory. */
	if (flags & BERTH_FILE_SYNC)
		(void)fsync(dirfd);
	return 0;
}

int
berth_file_read(int dirfd, const char *path, unsigned flags, size_t max, char **data, size_t *len, berth_error_t *err)
{
	int nofollow = (flags & BERTH_FILE_NOFOLLOW) ? O_NOFOLLOW : 0;
	cleanup_close int fd = -1;
	size_t cap, n = 0;
	struct stat st;
	char *buf;

	*data = NULL;
	*len = 0;
	/* Looked at before it is opened: opening some devices does something by itself. */
	if (fstatat(dirfd, path, &st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0) {
		int e = errno;

		return berth_error_set(err, e, "%s: %s", path, e == ENOENT ? "no such file" : strerror(e));
	}
	if (!S_ISREG(st.st_mode))
		return berth_error_set(err, EINVAL, "%s is %s, not a regular file", path, berth_file_kind(st.st_mode));
	if ((unsigned long long)st.st_size > max)
		return berth_error_set(err, EFBIG, "%s is larger than %zu bytes", path, max);
	/* O_NONBLOCK: should it have become a FIFO meanwhile, opening it does not wait for a
	 * writer; the check below refuses it. */
	fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | nofollow);
	if (fd < 0) {
		int e = errno;

		return berth_error_set(err, e, "%s: %s", path,
				       e == ELOOP && nofollow ? "a symbolic link (not followed)" : strerror(e));
	}
	if (fstat(fd, &st) < 0)
		return berth_error_set(err, errno, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return berth_error_set(err, EINVAL, "%s is %s, not a regular file", path, berth_file_kind(st.st_mode));
	/* checked on what was opened: a file swapped in after the first look is judged itself */
	if ((flags & BERTH_FILE_OWNED) && check_owned(path, &st, "berth reads no configuration from it", err) < 0)
		return -EPERM;
	/* st_size is a hint (files in /proc say 0, a file may grow): read until the end, or past max */
	cap = (size_t)st.st_size < max ? (size_t)st.st_size + 1 : max + 1;
	if (cap < 256)
		cap = max + 1 < 256 ? max + 1 : 256;
	buf = berth_xmalloc(cap + 1);
	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap > max)
				break;
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			buf = berth_xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			explicit_bzero(buf, n);
			free(buf);
			return berth_error_set(err, e, "%s: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		explicit_bzero(buf, n);
		free(buf);
		return berth_error_set(err, EFBIG, "%s is larger than %zu bytes", path, max);
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
berth_file_make_mount_points(const char *list, berth_error_t *err)
{
	cleanup_free char *copy = berth_xstrdup(list);
	char *save = NULL, *dir, *p;

	if (list == NULL)
		return 0;
	for (dir = strtok_r(copy, ",", &save); dir; dir = strtok_r(NULL, ",", &save)) {
		while (*dir == ' ')
			dir++;
		if (*dir == '\0')
			continue;
		/* mkdir -p: each prefix in turn. */
		for (p = dir + 1;; p++) {
			char c = *p;
			if (c != '/' && c != '\0')
				continue;
			*p = '\0';
			if (mkdir(dir, 0755) < 0 && errno != EEXIST)
				return berth_error_set(err, errno, "cannot create mount point %s: %s", dir,
						       strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}
