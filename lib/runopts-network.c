/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: docker-run flag handlers for networking: -p/--publish, --expose, --network/--net,
 * --network-alias/--net-alias, --ip, --ip6, --link-local-ip, --dns, --dns-search, --add-host,
 * --mac-address. (--dns-option, -P/--publish-all only store their value: the generic handlers in
 * runopts.c do that.) The per-network settings meet the network in finish_network(), runopts.c,
 * once all flags are read. The flag table is in runopts.c. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goparse.h"
#include "runopts-int.h"

/* ---- ports ---- */

/* ParsePortRange: "80" or "8000-8010" (extra "-parts" are ignored, as in go-connections) */
static int
port_range(const char *s, uint64_t *start, uint64_t *end)
{
	const char *dash = strchr(s, '-');
	char *first cleanup_free = NULL, *second cleanup_free = NULL;

	if (*s == '\0')
		return -1;
	if (dash == NULL) {
		if (berth_go_parse_uint(s, 10, UINT16_MAX, start) < 0)
			return -1;
		*end = *start;
		return 0;
	}
	first = berth_xstrndup(s, (size_t)(dash - s));
	second = berth_xstrndup(dash + 1, strcspn(dash + 1, "-"));
	if (berth_go_parse_uint(first, 10, UINT16_MAX, start) < 0 ||
	    berth_go_parse_uint(second, 10, UINT16_MAX, end) < 0 || *end < *start)
		return -1;
	return 0;
}

/* nat.SplitProtoPort: "80/udp" -> ("udp", "80"); proto and port are malloc'd */
static void
split_proto_port(const char *raw, char **proto, char **port)
{
	const char *slash = strchr(raw, '/');

	if (raw[0] == '\0' || raw[0] == '/') {
		*proto = berth_xstrdup("");
		*port = berth_xstrdup("");
	} else if (slash == NULL || slash[1] == '\0' || slash[1] == '/') {
		*proto = berth_xstrdup("tcp");
		*port = berth_xstrndup(raw, slash != NULL ? (size_t)(slash - raw) : strlen(raw));
	} else {
		*proto = berth_xstrndup(slash + 1, strcspn(slash + 1, "/"));
		*port = berth_xstrndup(raw, (size_t)(slash - raw));
	}
}

static void
add_exposed(struct runopts_ctx *ctx, const char *port)
{
	json_object *exposed = child(ctx->config, "ExposedPorts", json_type_object);

	if (!json_object_object_get_ex(exposed, port, NULL))
		put(exposed, port, berth_nonnull(json_object_new_object()));
}

/* net.SplitHostPort(ip + ":"), i.e. the host part of "[::1]" or "1.2.3.4"; NULL if malformed */
static char *
publish_host_ip(const char *raw)
{
	size_t n = strlen(raw);

	if (raw[0] == '[') {
		const char *end = strchr(raw, ']');

		if (end == NULL || end[1] != '\0' || strchr(raw + 1, '[') != NULL)
			return NULL;
		return berth_xstrndup(raw + 1, (size_t)(end - raw - 1));
	}
	if (strpbrk(raw, ":[]") != NULL)
		return NULL;
	return berth_xstrndup(raw, n);
}

/* nat.ParsePortSpec: [ip:][hostPort:]containerPort[/proto], ranges allowed */
static int
publish_one(struct runopts_ctx *ctx, const struct flag_use *u, const char *spec, berth_error_t *err)
{
	char *raw_ip cleanup_free = NULL, *host_port cleanup_free = NULL, *proto cleanup_free = NULL,
		     *cport cleanup_free = NULL, *ip cleanup_free = NULL;
	const char *last = strrchr(spec, ':'), *container = last != NULL ? last + 1 : spec;
	uint64_t start, end, hstart = 0, hend = 0;
	char canonical[BERTH_GO_IP_STRLEN];

	if (last != NULL) {
		const char *prev = last;

		while (prev > spec && prev[-1] != ':')
			prev--;
		host_port = berth_xstrndup(prev, (size_t)(last - prev));
		raw_ip = prev > spec ? berth_xstrndup(spec, (size_t)(prev - 1 - spec)) : berth_xstrdup("");
	} else {
		host_port = berth_xstrdup("");
		raw_ip = berth_xstrdup("");
	}
	split_proto_port(container, &proto, &cport);
	ip = publish_host_ip(raw_ip);
	if (ip == NULL)
		return berth_runopts_bad_value(err, u, "invalid IP address '%s' (write IPv6 as [addr])", raw_ip);
	if (ip[0] != '\0' && berth_go_ip_string(ip, canonical, sizeof(canonical)) < 0)
		return berth_runopts_bad_value(err, u, "invalid IP address '%s'", ip);
	if (cport[0] == '\0')
		return berth_runopts_bad_value(err, u, "no container port");
	if (port_range(cport, &start, &end) < 0)
		return berth_runopts_bad_value(err, u, "invalid container port '%s'", cport);
	if (host_port[0] != '\0' && port_range(host_port, &hstart, &hend) < 0)
		return berth_runopts_bad_value(err, u, "invalid host port '%s'", host_port);
	if (host_port[0] != '\0' && end - start != hend - hstart && end != start)
		return berth_runopts_bad_value(
			err, u, "the container port range %s and host port range %s differ in size", cport, host_port);
	for (char *p = proto; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(proto, "tcp") != 0 && strcmp(proto, "udp") != 0 && strcmp(proto, "sctp") != 0)
		return berth_runopts_bad_value(err, u, "invalid protocol '%s' (tcp, udp or sctp)", proto);
	for (uint64_t i = 0; i <= end - start; i++) {
		char key[32], hp[32] = "";
		json_object *b, *list;

		snprintf(key, sizeof(key), "%llu/%s", (unsigned long long)(start + i), proto);
		if (host_port[0] != '\0') {
			if (start == end && hstart != hend)
				snprintf(hp, sizeof(hp), "%llu-%llu", (unsigned long long)hstart,
					 (unsigned long long)hend);
			else
				snprintf(hp, sizeof(hp), "%llu", (unsigned long long)(hstart + i));
		}
		add_exposed(ctx, key);
		b = berth_nonnull(json_object_new_object());
		put_string(b, "HostIp", ip);
		put_string(b, "HostPort", hp);
		list = child(child(ctx->host, "PortBindings", json_type_object), key, json_type_array);
		append(list, b);
	}
	return 0;
}

int
berth_runopts_set_publish(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* The long form published=8080,target=80[,protocol=udp] reads as 8080:80/udp. */
	if (strchr(u->value, '=') != NULL) {
		const char *published = "", *tgt = "", *protocol = "tcp";
		char *copy cleanup_free = berth_xstrdup(u->value), *spec cleanup_free = NULL, *f, *next;

		for (f = copy; f != NULL; f = next) {
			char *eq;

			next = strchr(f, ',');
			if (next != NULL)
				*next++ = '\0';
			eq = strchr(f, '=');
			if (eq == NULL)
				return berth_runopts_bad_value(err, u, "'%s' is not name=value", f);
			*eq++ = '\0';
			eq[strcspn(eq, "=")] = '\0';
			if (strcmp(f, "published") == 0)
				published = eq;
			else if (strcmp(f, "target") == 0)
				tgt = eq;
			else if (strcmp(f, "protocol") == 0)
				protocol = eq;
		}
		spec = berth_xasprintf("%s:%s/%s", published, tgt, protocol);
		return publish_one(ctx, u, spec, err);
	}
	return publish_one(ctx, u, u->value, err);
}

int
berth_runopts_set_expose(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char *proto cleanup_free = NULL, *port cleanup_free = NULL;
	uint64_t start, end;

	if (strchr(u->value, ':') != NULL)
		return berth_runopts_bad_value(err, u, "expected port[/proto] or from-to[/proto], without ':'");
	split_proto_port(u->value, &proto, &port);
	if (port_range(port, &start, &end) < 0)
		return berth_runopts_bad_value(err, u, "invalid port or port range");
	for (uint64_t i = start; i <= end; i++) {
		char *key cleanup_free = NULL;

		/* Unlike -p, the CLI neither lowercases nor checks the protocol here. */
		key = berth_xasprintf("%llu/%s", (unsigned long long)i, proto);
		add_exposed(ctx, key);
	}
	return 0;
}

/* ---- networks ---- */

/* strings.TrimSpace, in place */
static char *
trim(char *s)
{
	size_t skip = 0, n;

	while (isspace((unsigned char)s[skip]))
		skip++;
	memmove(s, s + skip, strlen(s + skip) + 1);
	for (n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]); n--)
		s[n - 1] = '\0';
	return s;
}

int
berth_runopts_set_network(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	json_object *net cleanup_json = NULL, *prev;
	const char *v = u->value;
	bool long_syntax = false;

	if (json_object_object_get_ex(ctx->scratch, "net", &prev))
		return berth_error_set(err, BERTH_E_CONFIG,
				       "run_opts: '%s' given more than once ('%s', then '%s'): a container is "
				       "created on one network (Docker API 1.41)",
				       u->name, berth_json_str(prev, "Target"), v);
	/* The CLI takes name=...,alias=... when \w+=\w+ occurs anywhere in the value. */
	for (const char *eq = strchr(v, '='); eq != NULL && !long_syntax; eq = strchr(eq + 1, '='))
		long_syntax = eq > v && berth_go_is_word_char(eq[-1]) && berth_go_is_word_char(eq[1]);
	net = berth_nonnull(json_object_new_object());
	if (!long_syntax) {
		put_string(net, "Target", v);
	} else {
		char **fields berth_cleanup(words) = NULL;
		const char *why = NULL;

		if (berth_go_csv_record(v, &fields, NULL, &why) < 0)
			return berth_runopts_bad_value(err, u, "%s", why);
		for (size_t i = 0; fields[i] != NULL; i++) {
			const char *field = fields[i];
			const char *eq = strchr(field, '=');
			char *key cleanup_free = NULL, *val cleanup_free = NULL;

			if (eq == NULL)
				return berth_runopts_bad_value(err, u, "invalid field '%s'", field);
			/* keys and values trimmed and lowercased, as the CLI does */
			key = berth_xstrndup(field, (size_t)(eq - field));
			val = lower_dup(eq + 1);
			for (char *s = key; *s != '\0'; s++)
				*s = (char)tolower((unsigned char)*s);
			trim(key);
			trim(val);
			if (strcmp(key, "name") == 0) {
				put_string(net, "Target", val);
			} else if (strcmp(key, "alias") == 0) {
				append_string(child(net, "Aliases", json_type_array), val);
			} else if (strcmp(key, "ip") == 0) {
				put_string(net, "IPv4Address", val);
			} else if (strcmp(key, "ip6") == 0) {
				put_string(net, "IPv6Address", val);
			} else if (strcmp(key, "driver-opt") == 0) {
				char *deq = strchr(val, '=');

				if (deq == NULL)
					return berth_runopts_bad_value(err, u, "driver-opt needs key=value");
				*deq++ = '\0';
				trim(val);
				trim(deq);
				put_string(child(net, "DriverOpts", json_type_object), val, deq);
			} else {
				return berth_runopts_bad_value(err, u, "invalid field key '%s'", key);
			}
		}
		if (berth_json_str(net, "Target") == NULL || berth_json_str(net, "Target")[0] == '\0')
			return berth_runopts_bad_value(err, u, "network name/id is not specified");
	}
	{
		const char *t = berth_json_str(net, "Target");

		if (t == NULL || t[strspn(t, " \t\n\r\v\f")] == '\0')
			return berth_runopts_bad_value(err, u, "no network name");
	}
	put(ctx->scratch, "net", net);
	net = NULL;
	return 0;
}

int
berth_runopts_set_endpoint_list(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	append_string(child(ctx->scratch, u->flag->key, json_type_array), u->value);
	return 0;
}

int
berth_runopts_set_endpoint_string(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	put_string(ctx->scratch, u->flag->key, u->value);
	return 0;
}

/* ---- names and addresses ---- */

int
berth_runopts_set_dns(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	char ip[64], *trimmed cleanup_free = trim(berth_xstrdup(u->value));

	if (berth_go_ip_string(trimmed, ip, sizeof(ip)) < 0)
		return berth_runopts_bad_value(err, u, "not an IP address");
	append_string(child(ctx->host, "Dns", json_type_array), ip);
	return 0;
}

int
berth_runopts_set_dns_search(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* opts.ValidateDNSSearch, its regexp copied as is ("(:?" is a typo for "(?:" upstream,
	 * which makes it accept stray colons; we accept what the CLI accepts). */
	static const char pattern[] =
		"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))"
		"(:?\\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\\.?[ \t\n\f\r]*$";
	const char *s = u->value;
	char *d cleanup_free = NULL;
	regmatch_t m[2];
	size_t n;

	while (*s == ' ')
		s++;
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	d = berth_xstrndup(s, n);
	if (strcmp(d, ".") != 0) {
		if (strpbrk(d, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL)
			return berth_runopts_bad_value(err, u, "not a valid domain");
		if (!berth_runopts_regex_match(pattern, d, m, 2) || m[1].rm_so < 0 || m[1].rm_eo - m[1].rm_so >= 255)
			return berth_runopts_bad_value(err, u, "not a valid domain");
		d[m[1].rm_eo] = '\0';
		memmove(d, d + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so) + 1);
	}
	append_string(child(ctx->host, "DnsSearch", json_type_array), d);
	return 0;
}

int
berth_runopts_set_add_host(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	const char *colon = strchr(u->value, ':');
	char ip[64];

	if (colon == NULL || colon == u->value)
		return berth_runopts_bad_value(err, u, "expected host:ip");
	if (strcmp(colon + 1, "host-gateway") != 0) {
		char *t cleanup_free = trim(berth_xstrdup(colon + 1));

		if (berth_go_ip_string(t, ip, sizeof(ip)) < 0)
			return berth_runopts_bad_value(err, u, "'%s' is not an IP address", colon + 1);
	}
	return berth_runopts_set_list(ctx, u, err);
}

int
berth_runopts_set_mac_address(struct runopts_ctx *ctx, const struct flag_use *u, berth_error_t *err)
{
	/* opts.ValidateMACAddress: net.ParseMAC(strings.TrimSpace(val)) */
	char *trimmed cleanup_free = trim(berth_xstrdup(u->value));

	if (!berth_go_mac_valid(trimmed))
		return berth_runopts_bad_value(err, u, "not a valid MAC address");
	return berth_runopts_set_string(ctx, u, err);
}
