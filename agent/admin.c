/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the admin's command, berth(8): explain a resource's configuration as berth reads it,
 * compare it with the container running on this node, list berth's containers, and migrate a
 * CIB's ocf:heartbeat:docker primitives. It reads the CIB through Pacemaker's tools (lib/cib.c)
 * and the containers through the library's container module, as the agent does.
 *
 * This file is the command line and the table of commands; each command is a file of its own
 * (admin-explain.c, admin-status.c, admin-migrate.c), and what they share is admin-common.c.
 *
 * Exit codes, as Pacemaker's and pcs's tools: 0 ok, 1 an error or something found (a
 * configuration problem, a drifted container, a resource that cannot be migrated), 2 usage. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <qb/qblog.h>

#include "admin.h"
#include "alloc.h"

/* ---- the commands ---- */

/* The version, and those of the libraries loaded now (not the ones it was built with): what a bug
 * report needs, and what the fault table's rows that differ by libcurl version go by. */
static void
print_version(void)
{
	printf("berth %s\nlibcurl %s, json-c %s\n", PACKAGE_VERSION, curl_version_info(CURLVERSION_NOW)->version,
	       json_c_version());
}

/* The commands: each one's name, usage (its synopsis lines, then what it does) and body. */
static const struct command {
	const char *name;
	const char *text;
	int (*run)(const struct opts *o, int argc, char **argv);
} commands[] = {
	{ "explain",
	  "  berth explain [-f CIB_FILE] [--diff] RESOURCE\n"
	  "  berth explain [--instance=ID] [--diff] NAME=VALUE ...\n"
	  "      the parameters as berth reads them, every problem validate-all reports, the\n"
	  "      container berth would create (request and configuration hash) and the\n"
	  "      equivalent docker run; --diff compares it with the container on this node\n",
	  berth_admin_explain },
	{ "status",
	  "  berth status [-f CIB_FILE]\n"
	  "      berth's containers on this node: resource, role, state, health, uptime,\n"
	  "      restarts, and whether each drifted from its resource's parameters\n",
	  berth_admin_status },
	{ "migrate",
	  "  berth migrate [-f CIB_FILE] [--apply] [RESOURCE ...]\n"
	  "      turn ocf:heartbeat:docker primitives into ocf:berth:docker ones: shows the\n"
	  "      change and what cannot be migrated; --apply changes the CIB\n",
	  berth_admin_migrate },
	{ NULL, NULL, NULL },
};

/* The usage of every command, or of the one named cmd (NULL: all). */
static void
usage(FILE *out, const char *cmd)
{
	const struct command *c;

	fprintf(out, "usage: berth [--output-as=text|json] COMMAND ...\n\n");
	for (c = commands; c->name; c++)
		if (cmd == NULL || strcmp(cmd, c->name) == 0)
			fputs(c->text, out);
	if (cmd == NULL)
		fprintf(out, "  berth --help | --version\n"
			     "  berth COMMAND --help\n");
	fprintf(out, "\n"
		     "Exit codes: 0 ok, 1 error or something found (a problem, drift, a resource that\n"
		     "cannot be migrated), 2 usage. See berth(8).\n");
}

/* ---- main ---- */

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "output-as", required_argument, NULL, 'o' },
		{ "file", required_argument, NULL, 'f' },
		{ "diff", no_argument, NULL, 'd' },
		{ "apply", no_argument, NULL, 'a' },
		{ "instance", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { false, false, false, NULL, "berth" };
	const struct command *u;
	bool help = false;
	const char *cmd;
	int c;

	opterr = 0;
	/* GNU getopt: options anywhere, the command and its arguments after them in order */
	while ((c = getopt_long(argc, argv, "hVf:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': help = true; break;
		case 'V': print_version(); return EXIT_OK;
		case 'o':
			if (strcmp(optarg, "json") == 0)
				o.json = true;
			else if (strcmp(optarg, "text") != 0)
				return berth_admin_usage_error("--output-as takes text or json, not '%s'", optarg);
			break;
		case 'f': o.file = optarg; break;
		case 'd': o.diff = true; break;
		case 'a': o.apply = true; break;
		case 'i': o.instance = optarg; break;
		default: return berth_admin_usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	/* as Pacemaker's tools: CIB_file names the CIB when -f does not */
	if (o.file == NULL && getenv("CIB_file") != NULL && getenv("CIB_file")[0] != '\0')
		o.file = getenv("CIB_file");
	if (optind >= argc && help) {
		usage(stdout, NULL);
		return EXIT_OK;
	}
	if (optind >= argc)
		return berth_admin_usage_error("no command given");
	cmd = argv[optind++];
	for (u = commands; u->name && strcmp(u->name, cmd) != 0; u++)
		;
	if (u->name == NULL)
		return berth_admin_usage_error("unknown command '%s'", cmd);
	/* berth COMMAND --help (the option anywhere): that command's usage */
	if (help) {
		usage(stdout, cmd);
		return EXIT_OK;
	}
	qb_log_init("berth", LOG_DAEMON, LOG_INFO);
	qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_FALSE);
	c = u->run(&o, argc - optind, argv + optind);
	qb_log_fini();
	return c;
}
