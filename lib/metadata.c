/* berth: the OCF meta-data XML, rendered from the parameter and action tables. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "metadata.h"
#include "params.h"

const struct berth_action_def berth_action_table[] = {
	{ "start", "90s", NULL, NULL, NULL },
	{ "stop", "90s", NULL, NULL, NULL },
	{ "monitor", "30s", "30s", NULL, "0" },
	{ "validate-all", "30s", NULL, NULL, NULL },
	{ "meta-data", "5s", NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

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
berth_metadata_write(FILE *out)
{
	const struct berth_param_def *p;
	const struct berth_action_def *a;

	fputs("<?xml version=\"1.0\"?>\n"
	      "<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
	      "<resource-agent name=\"docker\" version=\"" PACKAGE_VERSION "\">\n"
	      "<version>1.1</version>\n"
	      "<longdesc lang=\"en\">\n"
	      "berth runs one container per resource instance through the Docker Engine API, speaking "
	      "HTTP to the daemon's unix socket directly (no docker CLI, no shell). It is a drop-in "
	      "replacement for ocf:heartbeat:docker with the same parameters.\n"
	      "Containers use the host network unless run_opts name another, never have a restart "
	      "policy (Pacemaker decides restarts), and carry labels naming the resource and a hash "
	      "of their configuration: berth never stops, removes or adopts a container it did not "
	      "create.\n"
	      "</longdesc>\n"
	      "<shortdesc lang=\"en\">Docker container (Engine API, no CLI)</shortdesc>\n"
	      "<parameters>\n", out);
	for (p = berth_param_table; p->name; p++) {
		fprintf(out, "<parameter name=\"%s\" required=\"%d\" unique=\"%d\">\n", p->name,
			p->required ? 1 : 0, 0);
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
	for (a = berth_action_table; a->name; a++) {
		fprintf(out, "<action name=\"%s\" timeout=\"%s\"", a->name, a->timeout);
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
