/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: Go's value parsers, re-created in C.
 *
 * run_opts must mean here what it means to `docker run`, and the docker CLI reads flag values
 * with Go's standard library and go-units. Each function below is one of those parsers, with its
 * edge cases (bases, underscores, overflow, units, address forms, csv quoting) as Go has them,
 * so the flag handlers can say "ParseInt" and mean it. */
#ifndef BERTH_GOPARSE_H
#define BERTH_GOPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
 * \return 0 and *out, or -1 (out untouched) for anything else
 */
int berth_go_parse_bool(const char *s, bool *out);

/**
 * strconv.ParseUint(s, base, ...) with an explicit maximum instead of a bit size.
 * Base 0 means Go literal syntax, as pflag's integer flags use it: 0x/0X, 0o/0O, 0b/0B prefixes,
 * a leading 0 for octal, and '_' between digits. Bases 2 to 36 take plain digits (no sign, no
 * prefix, no '_').
 * \return 0 and *out, or -1 when s is empty, not a number in that base, or above max
 */
int berth_go_parse_uint(const char *s, int base, uint64_t max, uint64_t *out);

/**
 * strconv.ParseInt(s, base, 64): an optional sign, then berth_go_parse_uint's syntax.
 * \return 0 and *out, or -1 when s is no number or outside int64
 */
int berth_go_parse_int(const char *s, int base, int64_t *out);

/**
 * time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ with units ns, us (µs, μs), ms, s, m, h;
 * "0" alone needs no unit.
 * \return 0 and *ns (nanoseconds), or -1 on bad syntax, an unknown unit or int64 overflow
 */
int berth_go_parse_duration(const char *s, int64_t *ns);

/**
 * go-units RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$ with 1024-based units, the
 * result truncated to whole bytes ("1.5k" is 1536, "512m", "1 GiB", "10b").
 * \return 0 and *out, or -1 on bad syntax or when the size does not fit int64 (Go would wrap;
 *         berth refuses)
 */
int berth_go_ram_in_bytes(const char *s, int64_t *out);

/** go-units FromHumanSize: berth_go_ram_in_bytes's syntax with 1000-based units ("1k" is 1000). */
int berth_go_from_human_size(const char *s, int64_t *out);

/** Room for any text berth_go_ip_string writes (an IPv6 address without zone, and its NUL). */
#define BERTH_GO_IP_STRLEN 46

/**
 * net.ParseIP(s).String(): the canonical text of an IPv4 or IPv6 address. IPv4-mapped IPv6
 * addresses print as IPv4; IPv6 compresses the first longest run of two or more zero groups and
 * never prints an embedded IPv4 part. Zones ("%eth0") and CIDR suffixes are not addresses.
 * \param out    buffer of at least BERTH_GO_IP_STRLEN bytes
 * \return 0 and out, or -1 when s is no IP address (or out is too small)
 */
int berth_go_ip_string(const char *s, char *out, size_t outlen);

/**
 * Does net.ParseMAC accept s? 6, 8 or 20 octets written xx:xx:..., xx-xx-... or xxxx.xxxx.xxxx.
 * No surrounding whitespace (the CLI trims before it asks).
 */
bool berth_go_mac_valid(const char *s);

/**
 * path.Clean: the shortest lexically equal path: repeated slashes, "." elements and ".."
 * after a name removed, ".." at the root dropped; "" becomes ".".
 * \return a malloc'd string (never NULL: out of memory ends the agent); caller frees
 */
char *berth_go_path_clean(const char *path);

/**
 * encoding/csv: read one record with a Reader's default settings (comma ',', no comments,
 * LazyQuotes false), as the CLI reads --mount and --network name=... values. Leading empty lines
 * are skipped; the record ends at the first unquoted newline (or CRLF). Quoted fields may hold
 * commas, newlines and "" for a quote.
 * \param fields out: malloc'd NULL-terminated array of malloc'd fields (at least one); free
 *               with berth_words_free (words.h)
 * \param n      out: number of fields (may be NULL)
 * \param why    out on failure: static text saying what is wrong ("bare '\"' in a non-quoted
 *               field", "empty value", ...)
 * \return 0, or -1 with *why (fields untouched)
 */
int berth_go_csv_record(const char *s, char ***fields, size_t *n, const char **why);

/** Is c a word character of Go's regexp (\w, ASCII only: [0-9A-Za-z_])? */
bool berth_go_is_word_char(char c);

#endif
