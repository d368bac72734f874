/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the OCF meta-data XML, rendered from the parameter and action tables. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "metadata.h"
#include "params.h"

enum berth_metadata_dialect
berth_metadata_dialect_from_env(void)
{
	const char *major = berth_ocf_getenv("OCF_RA_VERSION_MAJOR");
	const char *minor = berth_ocf_getenv("OCF_RA_VERSION_MINOR");
	long ma = major ? strtol(major, NULL, 10) : 0, mi = minor ? strtol(minor, NULL, 10) : 0;

	return (ma > 1 || (ma == 1 && mi >= 1)) ? BERTH_METADATA_OCF_1_1 : BERTH_METADATA_OCF_1_0;
}

static void
xml_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
}

static const char *
type_name(enum berth_param_type t)
{
	switch (t) {
	case BERTH_PARAM_BOOLEAN: return "boolean";
	case BERTH_PARAM_INTEGER: return "integer";
	case BERTH_PARAM_STRING: break;
	}
	return "string";
}

int
berth_metadata_write(FILE *out, enum berth_metadata_dialect dialect)
{
	const struct berth_param_def *p;
	const struct berth_action *a;
	bool v11 = dialect == BERTH_METADATA_OCF_1_1;

	/* The agent's own version as an attribute is OCF 1.1's: resource-agents' metadata.rng takes
	 * it from 4.10 on, and older ones (4.7 in Debian 11 and Ubuntu 22.04) refuse the document. */
	fprintf(out,
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
		"<resource-agent name=\"docker\"%s>\n"
		"<version>%s</version>\n",
		v11 ? " version=\"" PACKAGE_VERSION "\"" : "", v11 ? "1.1" : "1.0");
	fputs("<longdesc lang=\"en\">\n"
	      "berth runs one container per resource instance through the Docker Engine API, speaking "
	      "HTTP to the daemon's unix socket directly (no docker CLI, no shell). It is a drop-in "
	      "replacement for ocf:heartbeat:docker with the same parameters.\n"
	      "Containers use the host network unless run_opts name another, never have a restart "
	      "policy (Pacemaker decides restarts), and carry labels naming the resource and a hash "
	      "of their configuration: berth never stops, removes or adopts a container it did not "
	      "create.\n"
	      "In a promotable clone, replicas are promoted and demoted by promote_cmd and demote_cmd "
	      "run inside the container, and report their promotion score themselves.\n"
	      "</longdesc>\n"
	      "<shortdesc lang=\"en\">Docker container (Engine API, no CLI)</shortdesc>\n"
	      "<parameters>\n",
	      out);
	/* What a change of each parameter makes Pacemaker do (ocf_berth_docker(7), META-DATA DIALECT): OCF 1.1
	 * says it with reloadable (reload-agent for those, a restart for the others); OCF 1.0 has
	 * only unique, and a Pacemaker reading 1.0 sends the legacy reload for a change of any
	 * parameter with unique="0" and restarts for the others. The parameters that say which
	 * container the resource is (name, docker_socket) must restart it in both. (unique="1"
	 * also makes pcs refuse a second resource with the same value unless --force: only in the
	 * 1.0 dialect, which pcs on Pacemaker 2.1 does not get.) */
	for (p = berth_param_table; p->name; p++) {
		if (v11)
			fprintf(out, "<parameter name=\"%s\" required=\"%d\" unique=\"0\" reloadable=\"%d\">\n",
				p->name, p->required ? 1 : 0, p->reloadable && !p->identity ? 1 : 0);
		else
			fprintf(out, "<parameter name=\"%s\" required=\"%d\" unique=\"%d\">\n", p->name,
				p->required ? 1 : 0, p->identity ? 1 : 0);
		fputs("<longdesc lang=\"en\">\n", out);
		xml_text(out, p->longdesc);
		fputs("\n</longdesc>\n<shortdesc lang=\"en\">", out);
		xml_text(out, p->shortdesc);
		fprintf(out, "</shortdesc>\n<content type=\"%s\"", type_name(p->type));
		if (p->dflt) {
			fputs(" default=\"", out);
			xml_text(out, p->dflt);
			fputc('"', out);
		}
		fputs("/>\n</parameter>\n", out);
	}
	fputs("</parameters>\n<actions>\n", out);
	for (a = berth_actions; a->name; a++) {
		const char *name = v11 && strcmp(a->name, "reload") == 0 ? "reload-agent" : a->name;

		if (a->flags & BERTH_ACTION_UNLISTED)
			continue;
		fprintf(out, "<action name=\"%s\" timeout=\"%lds\"", name, a->timeout_ms / 1000);
		if (a->interval)
			fprintf(out, " interval=\"%s\"", a->interval);
		if (a->role)
			fprintf(out, " role=\"%s\"", a->role);
		if (a->depth)
			fprintf(out, " depth=\"%s\"", a->depth);
		fputs("/>\n", out);
	}
	fputs("</actions>\n</resource-agent>\n", out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
