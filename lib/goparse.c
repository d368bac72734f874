/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: Go's value parsers, re-created in C (see goparse.h for why).
 *
 * Each function names the Go function it copies; the comments inside say where C and Go differ
 * in ways that matter (glibc's inet_ntop prints IPv6 differently, strtod follows the locale). */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "cleanup.h"
#include "goparse.h"
#include "words.h"

int
berth_go_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True", NULL };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False", NULL };

	for (int i = 0; yes[i] != NULL; i++)
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
	for (int i = 0; no[i] != NULL; i++)
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	return -1;
}

/* strconv's underscoreOK: '_' only between digits (a base prefix counts as a digit). */
static bool
go_underscore_ok(const char *s)
{
	char saw = '^';
	bool hex = false;
	size_t i = 0, n;

	if (*s == '-' || *s == '+')
		s++;
	n = strlen(s);
	if (n >= 2 && s[0] == '0' && strchr("bBoOxX", s[1]) != NULL) {
		i = 2;
		saw = '0';
		hex = s[1] == 'x' || s[1] == 'X';
	}
	for (; i < n; i++) {
		if (isdigit((unsigned char)s[i]) || (hex && isxdigit((unsigned char)s[i]))) {
			saw = '0';
			continue;
		}
		if (s[i] == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

int
berth_go_parse_uint(const char *s0, int base, uint64_t max, uint64_t *out)
{
	const char *s = s0;
	bool base0 = base == 0, underscores = false;
	uint64_t n = 0;

	if (*s == '\0')
		return -1;
	if (base0) {
		base = 10;
		if (s[0] == '0') {
			char c = strlen(s) >= 3 ? (char)tolower((unsigned char)s[1]) : '\0';

			if (c == 'b' || c == 'o' || c == 'x') {
				base = c == 'b' ? 2 : c == 'o' ? 8 : 16;
				s += 2;
			} else {
				base = 8;
				s++;
			}
		}
	}
	for (; *s != '\0'; s++) {
		unsigned d;
		char c = (char)tolower((unsigned char)*s);

		if (c == '_' && base0) {
			underscores = true;
			continue;
		}
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'z')
			d = (unsigned)(c - 'a' + 10);
		else
			return -1;
		if (d >= (unsigned)base || n > (max - d) / (unsigned)base)
			return -1;
		n = n * (unsigned)base + d;
	}
	if (underscores && !go_underscore_ok(s0))
		return -1;
	*out = n;
	return 0;
}

int
berth_go_parse_int(const char *s, int base, int64_t *out)
{
	bool neg = *s == '-';
	uint64_t u;

	if (*s == '-' || *s == '+')
		s++;
	/* -2^63 is the one value whose magnitude is above INT64_MAX */
	if (berth_go_parse_uint(s, base, (uint64_t)INT64_MAX + neg, &u) < 0)
		return -1;
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

/* go-units parseSize: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$, `unit` based, truncated. */
static int
parse_size(const char *s, double unit, int64_t *out)
{
	static const char units[] = "kmgtp";
	const char *p = s, *u;
	char *num cleanup_free = NULL, *end = NULL;
	double mul = 1, size;
	locale_t c_locale;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	while (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p); p++)
			;
	num = berth_xstrndup(s, (size_t)(p - s));
	if (*p == ' ')
		p++;
	if (*p != '\0' && (u = strchr(units, tolower((unsigned char)*p))) != NULL) {
		for (long i = 0; i <= u - units; i++)
			mul *= unit;
		p++;
	}
	if (*p == 'i' || *p == 'I')
		p++;
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p != '\0')
		return -1;
	/* ParseFloat: "1.2.3" matches the pattern but is no number. The C locale keeps '.' the
	 * decimal point whatever the agent's environment says. */
	c_locale = berth_nonnull(newlocale(LC_NUMERIC_MASK, "C", (locale_t)0));
	size = strtod_l(num, &end, c_locale);
	freelocale(c_locale);
	if (*end != '\0')
		return -1;
	size *= mul;
	if (!(size < 9223372036854775808.0))
		return -1;
	*out = (int64_t)size;
	return 0;
}

int
berth_go_ram_in_bytes(const char *s, int64_t *out)
{
	return parse_size(s, 1024, out);
}

int
berth_go_from_human_size(const char *s, int64_t *out)
{
	return parse_size(s, 1000, out);
}

int
berth_go_parse_duration(const char *s, int64_t *out)
{
	static const struct {
		const char *name;
		uint64_t ns;
	} units[] = {
		{ "ns", 1 },       { "us", 1000 },      { "\xc2\xb5s", 1000 }, { "\xce\xbcs", 1000 },
		{ "ms", 1000000 }, { "s", 1000000000 }, { "m", 60000000000 },  { "h", 3600000000000 },
	};
	const uint64_t limit = (uint64_t)1 << 63;
	uint64_t d = 0;
	bool neg = false;

	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (strcmp(s, "0") == 0) {
		*out = 0;
		return 0;
	}
	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		uint64_t v = 0, f = 0, unit = 0;
		double scale = 1;
		bool pre, post = false, overflow = false;
		const char *start = s;
		size_t ul;

		if (!(*s == '.' || isdigit((unsigned char)*s)))
			return -1;
		for (; isdigit((unsigned char)*s); s++) {
			if (v > limit / 10)
				return -1;
			v = v * 10 + (uint64_t)(*s - '0');
			if (v > limit)
				return -1;
		}
		pre = s != start;
		if (*s == '.') {
			const char *fs = ++s;

			for (; isdigit((unsigned char)*s); s++) {
				uint64_t y;

				if (overflow)
					continue;
				if (f > (limit - 1) / 10) {
					overflow = true;
					continue;
				}
				y = f * 10 + (uint64_t)(*s - '0');
				if (y > limit) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = s != fs;
		}
		if (!pre && !post)
			return -1;
		ul = strcspn(s, ".0123456789");
		if (ul == 0)
			return -1;
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strlen(units[i].name) == ul && strncmp(s, units[i].name, ul) == 0)
				unit = units[i].ns;
		if (unit == 0)
			return -1;
		s += ul;
		if (v > limit / unit)
			return -1;
		v *= unit;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > limit)
				return -1;
		}
		d += v;
		if (d > limit)
			return -1;
	}
	if (neg) {
		*out = (int64_t)(0 - d);
		return 0;
	}
	if (d > limit - 1)
		return -1;
	*out = (int64_t)d;
	return 0;
}

int
berth_go_ip_string(const char *s, char *out, size_t outlen)
{
	static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	unsigned char a[16];
	int e0 = -1, e1 = -1;
	size_t n = 0;

	if (inet_pton(AF_INET, s, a) == 1)
		return inet_ntop(AF_INET, a, out, (socklen_t)outlen) != NULL ? 0 : -1;
	if (inet_pton(AF_INET6, s, a) != 1)
		return -1;
	if (memcmp(a, v4mapped, sizeof(v4mapped)) == 0)
		return inet_ntop(AF_INET, a + 12, out, (socklen_t)outlen) != NULL ? 0 : -1;
	/* Go compresses the first longest run of two or more zero groups, and never prints an
	 * embedded IPv4 address (glibc's inet_ntop does both differently). */
	for (int i = 0; i < 16; i += 2) {
		int j = i;

		while (j < 16 && a[j] == 0 && a[j + 1] == 0)
			j += 2;
		if (j > i && j - i > e1 - e0) {
			e0 = i;
			e1 = j;
			i = j;
		}
	}
	if (e1 - e0 <= 2)
		e0 = e1 = -1;
	if (outlen < 40)
		return -1;
	for (int i = 0; i < 16; i += 2) {
		if (i == e0) {
			out[n++] = ':';
			out[n++] = ':';
			i = e1;
			if (i >= 16)
				break;
		} else if (i > 0) {
			out[n++] = ':';
		}
		n += (size_t)snprintf(out + n, outlen - n, "%x", (unsigned)(a[i] << 8 | a[i + 1]));
	}
	out[n] = '\0';
	return 0;
}

bool
berth_go_mac_valid(const char *s)
{
	size_t len = strlen(s), n;

	if (len < 14)
		return false;
	if (s[2] == ':' || s[2] == '-') {
		if ((len + 1) % 3 != 0)
			return false;
		n = (len + 1) / 3;
		if (n != 6 && n != 8 && n != 20)
			return false;
		for (size_t i = 0; i < n; i++) {
			const char *x = s + 3 * i;

			if (!isxdigit((unsigned char)x[0]) || !isxdigit((unsigned char)x[1]) ||
			    (i + 1 < n && x[2] != s[2]))
				return false;
		}
		return true;
	}
	if (s[4] == '.') {
		if ((len + 1) % 5 != 0)
			return false;
		n = 2 * (len + 1) / 5;
		if (n != 6 && n != 8 && n != 20)
			return false;
		for (size_t i = 0; i < n / 2; i++) {
			const char *x = s + 5 * i;

			for (int k = 0; k < 4; k++)
				if (!isxdigit((unsigned char)x[k]))
					return false;
			if (i + 1 < n / 2 && x[4] != '.')
				return false;
		}
		return true;
	}
	return false;
}

char *
berth_go_path_clean(const char *path)
{
	size_t n = strlen(path), r = 0, w = 0, dotdot = 0;
	bool rooted = path[0] == '/';
	char *out;

	if (n == 0)
		return berth_xstrdup(".");
	out = berth_xmalloc(n + 3);
	if (rooted) {
		out[w++] = '/';
		r = dotdot = 1;
	}
	while (r < n) {
		if (path[r] == '/') {
			r++;
		} else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
			r++;
		} else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			for (; r < n && path[r] != '/'; r++)
				out[w++] = path[r];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	return out;
}

bool
berth_go_is_word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

int
berth_go_csv_record(const char *s, char ***fields, size_t *n, const char **why)
{
	struct berth_strv out = { 0 };
	struct berth_buf b = { 0 };

	while (*s == '\n' || (s[0] == '\r' && s[1] == '\n'))
		s += *s == '\n' ? 1 : 2;
	if (*s == '\0') {
		*why = "empty value";
		return -1;
	}
	for (;;) {
		bool end = false;

		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '\0') {
					*why = "missing closing '\"' in a quoted field";
					goto fail;
				}
				if (*s != '"') {
					/* Go's reader turns CRLF into LF inside quotes too */
					if (s[0] == '\r' && s[1] == '\n')
						s++;
					berth_buf_addc(&b, *s);
					continue;
				}
				if (s[1] == '"') {
					s++;
					berth_buf_addc(&b, '"');
					continue;
				}
				s++;
				break;
			}
			if (*s == ',') {
				s++;
			} else if (*s == '\0' || *s == '\n' || (s[0] == '\r' && s[1] == '\n')) {
				end = true;
			} else {
				*why = "extraneous '\"' in a quoted field";
				goto fail;
			}
		} else {
			for (; *s != ',' && *s != '\0' && *s != '\n' && !(s[0] == '\r' && s[1] == '\n'); s++) {
				if (*s == '"') {
					*why = "bare '\"' in a non-quoted field";
					goto fail;
				}
				berth_buf_addc(&b, *s);
			}
			if (*s == ',')
				s++;
			else
				end = true;
		}
		berth_strv_take(&out, berth_buf_steal(&b));
		if (end)
			break;
	}
	if (n != NULL)
		*n = out.n;
	*fields = berth_strv_steal(&out);
	return 0;
fail:
	berth_buf_release(&b);
	berth_words_free(out.v);
	return -1;
}
