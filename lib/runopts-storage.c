/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: docker-run flag handlers for storage: -v/--volume, --mount, --tmpfs, --device,
 * --device-cgroup-rule, --storage-opt. (--volume-driver and --volumes-from only store their
 * value: the generic handlers in runopts.c do that.) The flag table is in runopts.c. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goparse.h"
#include "runopts-int.h"

/* Does a -v spec have a source (a bind or named volume) rather than only a target? This is the
 * part of compose's loader.ParseVolume that `docker create` looks at, errors ignored as there. */
static bool
volume_has_source(const char *spec)
{
	size_t len = strlen(spec), buf_start = 0, buf_runes = 0;
	bool have_source = false, have_target = false;

	if (len <= 2)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = spec[i];

		if ((c & 0xc0) == 0x80)
			continue; /* UTF-8 continuation byte: part of the rune before */
		if (c == ':' && buf_runes == 1 && isalpha((unsigned char)spec[buf_start])) {
			buf_runes++; /* a Windows drive letter, "c:" */
			continue;
		}
		if (c != ':' && c != '\0') {
			buf_runes++;
			continue;
		}
		if (buf_runes == 0)
			return have_source; /* "empty section between colons" */
		if (!have_source && c == '\0')
			return false; /* anonymous volume: the only section is the target */
		if (!have_source)
			have_source = true;
		else if (!have_target)
			have_target = true;
		else if (c == ':')
			return true; /* "too many colons" */
		buf_start = i + 1;
		buf_runes = 0;
	}
	return have_source;
}

int
berth_runopts_set_volume(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *binds;

	if (u->value[0] == '\0')
		return berth_runopts_bad_value(err, u, "empty volume specification");
	if (!volume_has_source(u->value)) {
		put(child(ctx->config, "Volumes", json_type_object), u->value, berth_nonnull(json_object_new_object()));
		return 0;
	}
	/* The CLI keeps binds in a set: a repeated -v counts once. */
	binds = child(ctx->host, "Binds", json_type_array);
	for (size_t i = 0; i < json_object_array_length(binds); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(binds, i)), u->value) == 0)
			return 0;
	append_string(binds, u->value);
	return 0;
}

/* opts.MountOpt.Set: CSV of key[=value] into a HostConfig.Mounts entry. */
int
berth_runopts_set_mount(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char **fields berth_cleanup(words) = NULL;
	json_object *bind cleanup_json = NULL, *vol cleanup_json = NULL, *tmpfs cleanup_json = NULL,
			  *m cleanup_json = NULL, *labels cleanup_json = NULL, *driver cleanup_json = NULL;
	char *type cleanup_free = berth_xstrdup("volume"), *consistency cleanup_free = NULL;
	const char *source = NULL, *dst = NULL, *why = NULL;
	bool ro = false;

	if (berth_go_csv_record(u->value, &fields, NULL, &why) < 0)
		return berth_runopts_bad_value(err, u, "%s", why);
	for (size_t i = 0; fields[i] != NULL; i++) {
		const char *field = fields[i];
		const char *eq = strchr(field, '='), *value = eq != NULL ? eq + 1 : NULL;
		char *key cleanup_free = berth_xstrndup(field, eq != NULL ? (size_t)(eq - field) : strlen(field));
		bool b;

		for (char *p = key; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		if (strcmp(key, "bind-propagation") == 0 || strcmp(key, "bind-nonrecursive") == 0) {
			if (bind == NULL)
				bind = berth_nonnull(json_object_new_object());
		} else if (strncmp(key, "volume-", 7) == 0) {
			if (vol == NULL) {
				vol = berth_nonnull(json_object_new_object());
				labels = berth_nonnull(json_object_new_object());
				driver = berth_nonnull(json_object_new_object());
			}
		} else if (strncmp(key, "tmpfs-", 6) == 0) {
			if (tmpfs == NULL)
				tmpfs = berth_nonnull(json_object_new_object());
		}
		if (value == NULL) {
			/* the bare boolean fields */
			if (strcmp(key, "readonly") != 0 && strcmp(key, "ro") != 0 &&
			    strcmp(key, "volume-nocopy") != 0 && strcmp(key, "bind-nonrecursive") != 0)
				return berth_runopts_bad_value(err, u, "field '%s' must be a key=value pair", field);
			value = "true";
		}
		if (strcmp(key, "type") == 0) {
			free(type);
			type = lower_dup(value);
		} else if (strcmp(key, "source") == 0 || strcmp(key, "src") == 0) {
			source = value;
		} else if (strcmp(key, "target") == 0 || strcmp(key, "dst") == 0 || strcmp(key, "destination") == 0) {
			dst = value;
		} else if (strcmp(key, "readonly") == 0 || strcmp(key, "ro") == 0) {
			if (berth_go_parse_bool(value, &ro) < 0)
				return berth_runopts_bad_value(err, u, "'%s' is not a boolean for %s", value, key);
		} else if (strcmp(key, "consistency") == 0) {
			free(consistency);
			consistency = lower_dup(value);
		} else if (strcmp(key, "bind-propagation") == 0) {
			char *p cleanup_free = lower_dup(value);

			put_string(bind, "Propagation", p);
		} else if (strcmp(key, "bind-nonrecursive") == 0 || strcmp(key, "volume-nocopy") == 0) {
			if (berth_go_parse_bool(value, &b) < 0)
				return berth_runopts_bad_value(err, u, "'%s' is not a boolean for %s", value, key);
			put(key[0] == 'b' ? bind : vol, key[0] == 'b' ? "NonRecursive" : "NoCopy",
			    berth_nonnull(json_object_new_boolean(b)));
		} else if (strcmp(key, "volume-label") == 0) {
			put_kv(labels, value);
		} else if (strcmp(key, "volume-driver") == 0) {
			put_string(driver, "Name", value);
		} else if (strcmp(key, "volume-opt") == 0) {
			put_kv(child(driver, "Options", json_type_object), value);
		} else if (strcmp(key, "tmpfs-size") == 0) {
			int64_t n;

			if (berth_go_ram_in_bytes(value, &n) < 0)
				return berth_runopts_bad_value(err, u, "'%s' is not a size for tmpfs-size", value);
			put(tmpfs, "SizeBytes", berth_nonnull(json_object_new_int64(n)));
		} else if (strcmp(key, "tmpfs-mode") == 0) {
			uint64_t mode;

			if (berth_go_parse_uint(value, 8, UINT32_MAX, &mode) < 0)
				return berth_runopts_bad_value(err, u, "'%s' is not an octal mode for tmpfs-mode",
							       value);
			put(tmpfs, "Mode", berth_nonnull(json_object_new_int64((int64_t)mode)));
		} else {
			return berth_runopts_bad_value(err, u, "unexpected key '%s' in '%s'", key, field);
		}
	}
	if (type[0] == '\0')
		return berth_runopts_bad_value(err, u, "type is required");
	if (dst == NULL || dst[0] == '\0')
		return berth_runopts_bad_value(err, u, "target is required");
	if (vol != NULL && strcmp(type, "volume") != 0)
		return berth_runopts_bad_value(err, u, "cannot mix 'volume-*' options with mount type '%s'", type);
	if (bind != NULL && strcmp(type, "bind") != 0)
		return berth_runopts_bad_value(err, u, "cannot mix 'bind-*' options with mount type '%s'", type);
	if (tmpfs != NULL && strcmp(type, "tmpfs") != 0)
		return berth_runopts_bad_value(err, u, "cannot mix 'tmpfs-*' options with mount type '%s'", type);

	/* Members in the order and with the omissions of Go's json.Marshal of mount.Mount. */
	m = berth_nonnull(json_object_new_object());
	put_string(m, "Type", type);
	if (source != NULL && source[0] != '\0')
		put_string(m, "Source", source);
	put_string(m, "Target", dst);
	if (ro)
		put(m, "ReadOnly", berth_nonnull(json_object_new_boolean(true)));
	if (consistency != NULL && consistency[0] != '\0')
		put_string(m, "Consistency", consistency);
	if (bind != NULL) {
		put(m, "BindOptions", bind);
		bind = NULL;
	}
	if (vol != NULL) {
		if (json_object_object_length(labels) > 0) {
			put(vol, "Labels", labels);
			labels = NULL;
		}
		put(vol, "DriverConfig", driver);
		driver = NULL;
		put(m, "VolumeOptions", vol);
		vol = NULL;
	}
	if (tmpfs != NULL) {
		put(m, "TmpfsOptions", tmpfs);
		tmpfs = NULL;
	}
	append(child(ctx->host, "Mounts", json_type_array), m);
	m = NULL;
	return 0;
}

int
berth_runopts_set_tmpfs(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':');
	char *path cleanup_free =
		berth_xstrndup(u->value, colon != NULL ? (size_t)(colon - u->value) : strlen(u->value));

	put_string(child(ctx->host, "Tmpfs", json_type_object), path, colon != NULL ? colon + 1 : "");
	return 0;
}

/* A device cgroup mode: some of r, w, m, each at most once. */
static bool
valid_device_mode(const char *mode)
{
	bool seen[3] = { false, false, false };

	if (*mode == '\0')
		return false;
	for (; *mode != '\0'; mode++) {
		const char *p = strchr("rwm", *mode);

		if (p == NULL || seen[p - "rwm"])
			return false;
		seen[p - "rwm"] = true;
	}
	return true;
}

/* validateLinuxPath + parseLinuxDevice: host-path[:container-path][:mode] */
int
berth_runopts_set_device(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *v = u->value, *c1 = strchr(v, ':'), *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
	char *src cleanup_free = NULL, *dst cleanup_free = NULL, *mode cleanup_free = NULL;
	const char *cpath; /* the container path as written: the CLI checks it is absolute */
	json_object *dev;

	if ((c2 != NULL && strchr(c2 + 1, ':') != NULL) || v[0] == ':' || v[0] == '\0')
		return berth_runopts_bad_value(err, u, "expected host-path[:container-path][:mode]");
	if (c1 == NULL) {
		cpath = v;
		src = berth_go_path_clean(v);
		dst = berth_xstrdup(src);
		mode = berth_xstrdup("rwm");
	} else if (c2 == NULL && valid_device_mode(c1 + 1)) {
		char *h cleanup_free = berth_xstrndup(v, (size_t)(c1 - v));

		cpath = v;
		src = berth_go_path_clean(h);
		dst = berth_xstrdup(src);
		mode = berth_xstrdup(c1 + 1);
	} else if (c2 == NULL) {
		cpath = c1 + 1;
		src = berth_xstrndup(v, (size_t)(c1 - v));
		dst = berth_go_path_clean(c1 + 1);
		mode = berth_xstrdup("rwm");
	} else {
		cpath = c1 + 1;
		src = berth_xstrndup(v, (size_t)(c1 - v));
		dst = berth_xstrndup(c1 + 1, (size_t)(c2 - c1 - 1));
		mode = berth_xstrdup(c2 + 1);
		if (!valid_device_mode(mode))
			return berth_runopts_bad_value(err, u, "bad mode '%s' (some of r, w, m)", mode);
	}
	if (cpath[0] != '/')
		return berth_runopts_bad_value(err, u, "'%.*s' is not an absolute path", (int)strcspn(cpath, ":"),
					       cpath);
	dev = berth_nonnull(json_object_new_object());
	put_string(dev, "PathOnHost", src);
	put_string(dev, "PathInContainer", dst);
	put_string(dev, "CgroupPermissions", mode);
	append(child(ctx->host, "Devices", json_type_array), dev);
	return 0;
}

int
berth_runopts_set_device_cgroup_rule(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (!berth_runopts_regex_match("^[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}$", u->value, NULL, 0))
		return berth_runopts_bad_value(err, u, "expected 'type major:minor mode', e.g. 'c 1:3 rwm'");
	return berth_runopts_set_list(ctx, u, err);
}

int
berth_runopts_set_storage_opt(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	if (strchr(u->value, '=') == NULL)
		return berth_runopts_bad_value(err, u, "expected name=value");
	put_kv(child(ctx->host, "StorageOpt", json_type_object), u->value);
	return 0;
}
