/* libFuzzer target: the node-local configuration's parser (conf.c), as berth reads a file of
 * /etc/berth.
 *
 * Besides crashes, sanitizer reports and leaks: a refused file says so at a line of it ("FILE:N:"
 * with N within the file); every setting it keeps is a parameter of the agent that may be set
 * there, with a non-empty value of valid UTF-8 on one line and no blanks around it, at a line of
 * the file; and a lookup finds only such settings, for any resource name. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ocf.h"
#include "params.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const cib_only[] = { "image",        "name",          "run_opts",  "run_cmd",
					"mount_points", "docker_socket", "container", NULL };

static bool
settable(const char *key)
{
	const struct berth_param_def *d;
	int i;

	for (i = 0; cib_only[i]; i++)
		if (strcmp(key, cib_only[i]) == 0)
			return false;
	for (d = berth_param_table; d->name; d++)
		if (strcmp(d->name, key) == 0)
			return true;
	return false;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const instances[] = { "web", "web:1", "bun-docker-0", "", "*", "[", NULL };
	struct berth_conf *c = berth_conf_new("/fuzz");
	berth_error_t err = NULL;
	size_t lines = 1, i, j;
	int ret;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	ret = berth_conf_parse(c, "fuzz.conf", (const char *)data, size, &err);
	if (ret < 0) {
		long line;

		if (err == NULL || err->cause != BERTH_E_CONFIG || strncmp(err->msg, "fuzz.conf:", 10) != 0)
			abort();
		line = strtol(err->msg + 10, NULL, 10);
		if (line < 1 || (size_t)line > lines)
			abort();
		berth_error_free(&err);
	} else if (err != NULL) {
		abort();
	}
	for (i = 0; i < c->n; i++) {
		const struct berth_conf_setting *s = &c->settings[i];
		size_t n = strlen(s->value);

		if (!settable(s->key) || n == 0 || !berth_utf8_valid(s->value) || strchr(s->value, '\n') != NULL ||
		    blank(s->value[0]) || blank(s->value[n - 1]) || s->line < 1 || (size_t)s->line > lines ||
		    (s->glob != NULL && s->glob[0] == '\0') || strcmp(s->file, "fuzz.conf") != 0)
			abort();
	}
	for (i = 0; instances[i]; i++)
		for (j = 0; berth_param_table[j].name; j++) {
			bool wins;
			const struct berth_conf_setting *s =
				berth_conf_lookup(c, instances[i], berth_param_table[j].name, &wins);

			if (s != NULL && (strcmp(s->key, berth_param_table[j].name) != 0 || wins != (s->glob != NULL)))
				abort();
		}
	berth_conf_free(c);
	return 0;
}
