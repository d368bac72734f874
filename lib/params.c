/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the parameter table and the parameters of this invocation. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "alloc.h"
#include "cleanup.h"
#include "conf.h"
#include "params.h"
#include "postmortem.h"
#include "promotion.h"

/* The engines' sockets, for docker_socket's default (berth_params_default_socket). What a
 * parameter means when unset is the parameter table's job, not the dialect's (dialect.h is what
 * an engine's answers say; no engine has answered yet when the socket is chosen). */
#define DEFAULT_SOCKET "/run/docker.sock"
#define PODMAN_SOCKET  "/run/podman/podman.sock"

/* argv[0] of the agent (berth_params_set_program), or NULL */
static const char *program;

/* clang-format off */
const struct berth_param_def berth_param_table[] = {
	{ "image", BERTH_PARAM_STRING, NULL, true, false, false, "Docker image",
	  "The image the container runs, as docker run takes it (e.g. \"registry:5000/redis:7\"; "
	  "\"latest\" when no tag is given). It must exist on every node that may run the resource, "
	  "or allow_pull must be set." },
	{ "name", BERTH_PARAM_STRING, NULL, false, false, true, "Container name",
	  "The name of the container. Default: the resource instance name, with a clone's \":N\" "
	  "suffix written \"-N\". In a clone, \"-N\" (the clone instance number) is always appended, "
	  "so that several instances can run on one node. Allowed characters: letters, digits, "
	  "\"_\", \".\" and \"-\". It says which container the resource is, so it is never "
	  "reloaded: changing it restarts the resource (stop under the old name, start under the new "
	  "one)." },
	{ "allow_pull", BERTH_PARAM_BOOLEAN, "false", false, true, false, "Allow pulling non-local images",
	  "Pull the image from its registry when it does not exist on the node. Without it, a missing "
	  "image makes start fail on this node only (OCF_ERR_INSTALLED), so Pacemaker tries another "
	  "node. Pulling can make start take long: give start a timeout that covers it." },
	{ "authfile", BERTH_PARAM_STRING, NULL, false, true, false, "Registry credentials for pulls",
	  "A file with the registry credentials a pull uses, in the format of the docker CLI's "
	  "config.json (\"auths\", \"credHelpers\", \"credsStore\"; podman's auth.json works too), "
	  "read instead of $DOCKER_CONFIG/config.json or ~/.docker/config.json of root. Absolute path. "
	  "Only read when allow_pull is set and the image is missing; a file that is set but missing "
	  "on the node fails the pull. No secret from it ever reaches a log or an exit reason." },
	{ "reuse", BERTH_PARAM_BOOLEAN, "false", false, true, false, "Reuse the stopped container",
	  "Keep the container when it stops and start the same container again on the next start, "
	  "as long as its configuration (image, run_cmd, run_opts) is unchanged; a container made "
	  "from different parameters is always recreated. Without reuse, stop removes the container "
	  "and its anonymous volumes." },
	{ "run_opts", BERTH_PARAM_STRING, NULL, false, false, false, "docker run options",
	  "Options as given to \"docker run\", e.g. \"-e MODE=replica -v /srv/data:/data:rw "
	  "--init\". berth parses them itself (no shell: quotes group words, but $VAR, $(...), "
	  "backticks and globs stay literal) and refuses unknown options, --name, and --restart "
	  "other than \"no\". The container uses the host network unless --net/--network names "
	  "another one, and never has a restart policy: Pacemaker decides restarts." },
	{ "run_cmd", BERTH_PARAM_STRING, NULL, false, false, false, "Command to run in the container",
	  "The command (and its arguments) the container runs instead of the image's default, split "
	  "into words as run_opts is (no shell)." },
	{ "mount_points", BERTH_PARAM_STRING, NULL, false, true, false, "Directories to create before start",
	  "A comma-separated list of host directories that the container's bind mounts expect; berth "
	  "creates the missing ones (like mkdir -p) before start." },
	{ "monitor_cmd", BERTH_PARAM_STRING, NULL, false, true, false, "Health check run in the container",
	  "A command run inside the container by each monitor (through the Docker exec API, split "
	  "into words, no shell); exit status 0 means healthy. A non-zero status fails the monitor "
	  "with the command's output in the reason; start waits until it passes. Pacemaker bundles "
	  "set it to /bin/true." },
	{ "force_kill", BERTH_PARAM_BOOLEAN, "false", false, true, false, "Kill instead of stopping gracefully",
	  "Stop the container with SIGKILL at once instead of its stop signal followed by a grace "
	  "period." },
	{ "query_docker_health", BERTH_PARAM_BOOLEAN, "false", false, true, false,
	  "Use the image's Docker health check",
	  "Also require Docker's own health status (HEALTHCHECK or --health-cmd) to be \"healthy\": "
	  "start waits while it is \"starting\", and monitor fails when it is \"unhealthy\"." },
	{ "promote_cmd", BERTH_PARAM_STRING, NULL, false, true, false, "Command that promotes the replica",
	  "In a promotable clone: a command run inside the container (exec API, no shell) when "
	  "Pacemaker promotes this replica, e.g. to make a database replica the primary. A non-zero "
	  "exit fails the promotion, with the command's output in the reason. Without it, promotion "
	  "only changes the role berth reports." },
	{ "demote_cmd", BERTH_PARAM_STRING, NULL, false, true, false, "Command that demotes the replica",
	  "In a promotable clone: a command run inside the container when Pacemaker demotes this "
	  "replica. A non-zero exit fails the demotion." },
	{ "notify_cmd", BERTH_PARAM_STRING, NULL, false, true, false, "Command that receives clone notifications",
	  "In a clone with notify=true: a command run inside the container for each notification, "
	  "with two more arguments, the type (pre or post) and the operation (start, stop, promote, "
	  "demote), and Pacemaker's OCF_RESKEY_CRM_meta_notify_* variables (peer lists) in its "
	  "environment. Without it, notifications succeed and do nothing." },
	{ "promotion_score", BERTH_PARAM_INTEGER, "1", false, true, false, "Promotion score of a healthy replica",
	  "In a promotable clone: the promotion score a running, healthy replica sets for itself on its "
	  "node (crm_attribute --promotion); Pacemaker promotes the replicas with the highest scores. "
	  "Ignored when promotion_score_cmd is set. Scores are only written when they change, and "
	  "removed when the replica stops." },
	{ "promotion_score_cmd", BERTH_PARAM_STRING, NULL, false, true, false,
	  "Command that prints the promotion score",
	  "In a promotable clone: a command run inside the container at each monitor that prints the "
	  "replica's promotion score (an integer, or INFINITY / -INFINITY), so that the application can "
	  "say which replica has the freshest data. If it fails or prints something else, the score "
	  "is left as it was and a warning is logged." },
	{ "postmortem_lines", BERTH_PARAM_INTEGER, "100", false, true, false,
	  "Output lines kept of a container that ended on its own",
	  "When berth removes a container that ended on its own (crashed, killed by the OOM killer, "
	  "exited; not one berth stopped), it first keeps a post-mortem: a notice in the node's log "
	  "with its exit code, OOMKilled, State.Error and finish time, and the same facts with the "
	  "last postmortem_lines lines of its output (at most 64 KiB) appended to "
	  "/var/log/berth/<container>.log, rotated at 1 MiB to .1, .2 and .3. Exit reasons quote a "
	  "little of a container's output too: a failed start's last lines, a failing command's "
	  "output. 0 turns all of it off: berth then quotes nothing a container printed, in no log, "
	  "file or exit reason. At most 10000." },
	{ "drop_in_dependency", BERTH_PARAM_BOOLEAN, "false", false, true, false,
	  "Order the container's systemd scopes before Pacemaker",
	  "ocf:heartbeat:podman's parameter, with its meaning, for both engines: after each start, "
	  "berth writes a drop-in \"Before=pacemaker.service pacemaker_remote.service\" for the "
	  "transient systemd scopes of the container (podman: libpod-ID.scope and "
	  "libpod-conmon-ID.scope; dockerd: docker-ID.scope) and runs systemctl daemon-reload, so "
	  "that a shutdown or reboot stops Pacemaker, and with it the container, before systemd stops "
	  "the container itself. systemd removes the drop-ins with the scope. Unset, it is true as "
	  "ocf:heartbeat:podman has it when /etc/sysconfig/podman_drop_in or "
	  "/etc/default/podman_drop_in exists and the agent runs as podman. "
	  "Without systemd as init, or with the cgroupfs driver (no scopes), there is nothing to "
	  "order: berth accepts it, logs that and does nothing. A drop-in that cannot be written, or "
	  "a daemon-reload that fails, fails the start. Applies from the next start." },
	{ "docker_socket", BERTH_PARAM_STRING, DEFAULT_SOCKET, false, false, true, "Docker daemon socket",
	  "The unix socket of the Engine API (Docker's, or podman's compatible one). Default: the "
	  "path in DOCKER_HOST when it is a unix:// address, else the first of /run/docker.sock and "
	  "/run/podman/podman.sock that exists (/run/docker.sock when neither does). Run as the "
	  "podman agent (ocf:heartbeat:podman, e.g. for a podman bundle), berth looks for "
	  "/run/podman/podman.sock first. Like name, it says which container the resource is: "
	  "never reloaded, a change restarts the resource." },
	{ NULL, 0, NULL, false, false, false, NULL, NULL },
};
/* clang-format on */

/* A Docker image reference: name components, optional :tag and @digest. Strict enough to keep
 * junk out of URLs and logs; dockerd checks the grammar itself. */
static bool
image_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 512 || !isalnum((unsigned char)s[0]))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c < 0x80 && isalnum(c)) && !strchr("._-/:@", c))
			return false;
	}
	return true;
}

static size_t
longest_component(const char *path, size_t n)
{
	size_t longest = 0, cur = 0, i;

	for (i = 0; i < n; i++) {
		cur = path[i] == '/' ? 0 : cur + 1;
		if (cur > longest)
			longest = cur;
	}
	return longest;
}

/* postmortem_lines: a decimal number 0..BERTH_POSTMORTEM_MAX_LINES. */
static int
parse_lines(const char *s, int *out)
{
	char *end = NULL;
	long v;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > BERTH_POSTMORTEM_MAX_LINES)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_score(const char *s, long long *out)
{
	return s == NULL ? -1 : berth_promotion_parse_score(s, out);
}

bool
berth_params_name_ok(const char *s)
{
	size_t i;

	if (s == NULL || !isalnum((unsigned char)s[0]) || strlen(s) > 253)
		return false;
	for (i = 1; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) && c < 0x80) && c != '_' && c != '.' && c != '-')
			return false;
	}
	return true;
}

static int
load_bool(const char *key, bool *out, berth_error_t *err)
{
	const char *v = berth_ocf_reskey(key);

	*out = false;
	if (v != NULL && berth_ocf_parse_bool(v, out) < 0)
		return berth_error_set(err, BERTH_E_CONFIG, "parameter %s='%s' is not a boolean (use true or false)",
				       key, v);
	return 0;
}

/* ocf:heartbeat:podman's other switch for drop_in_dependency: a file, when the parameter is
 * unset. Only for the podman agent's name: the docker agent never had it. A parameter's default,
 * as the agent berth stands in for reads it, whichever engine serves the socket: here, not in the
 * dialect (which is about the engine). */
static bool
podman_drop_in_files(void)
{
	if (!berth_params_podman_agent())
		return false;
	return access("/etc/sysconfig/podman_drop_in", F_OK) == 0 || access("/etc/default/podman_drop_in", F_OK) == 0;
}

static int
derive_name(struct berth_params *p, berth_error_t *err)
{
	const char *base = berth_ocf_reskey("name");
	const char *clone = berth_ocf_getenv("OCF_RESKEY_CRM_meta_clone");
	char *name, *colon;

	if (base == NULL && (base = berth_ocf_reskey("container")) != NULL)
		berth_log_warn("parameter 'container' is deprecated; use 'name'");
	if (base == NULL)
		base = p->instance;
	name = berth_xstrdup(base);
	/* "rsc:2" (a globally-unique clone instance) becomes "rsc-2". */
	colon = strchr(name, ':');
	if (colon != NULL) {
		*colon = '-';
	} else if (clone != NULL) {
		/* Anonymous clones and explicit names: tell the clone instances apart. */
		char *n = berth_xasprintf("%s-%s", name, clone);
		free(name);
		name = n;
	}
	p->name_buf = name;
	p->name = name;
	if (!berth_params_name_ok(name))
		return berth_error_set(err, BERTH_E_CONFIG,
				       "container name '%.200s' is not valid for Docker (letters, digits, '_', "
				       "'.', '-'; starting with a letter or digit): set the name parameter",
				       name);
	return 0;
}

void
berth_params_set_program(const char *argv0)
{
	program = argv0;
}

bool
berth_params_podman_agent(void)
{
	const char *type = berth_ocf_getenv("OCF_RESOURCE_TYPE");
	const char *base;

	/* Pacemaker sets OCF_RESOURCE_TYPE for every agent it runs (a "container podman" bundle's
	 * implicit primitive is ocf:heartbeat:podman); argv[0] covers crm_resource, ocf-tester and
	 * the diverted agent run by hand. */
	if (type != NULL)
		return strcmp(type, "podman") == 0;
	if (program == NULL)
		return false;
	base = strrchr(program, '/');
	base = base != NULL ? base + 1 : program;
	return strcmp(base, "podman") == 0;
}

/* Is the engine whose socket is `sock` installed under root (its daemon's program)? For
 * docker_socket's default, as the sockets above. */
static bool
engine_installed(const char *sock, const char *root)
{
	static const char *const docker[] = { "/usr/bin/dockerd", "/usr/sbin/dockerd", NULL };
	static const char *const podman[] = { "/usr/bin/podman", NULL };
	const char *const *prog = strcmp(sock, DEFAULT_SOCKET) == 0 ? docker : podman;

	for (; *prog; prog++) {
		cleanup_free char *path = berth_xasprintf("%s%s", root, *prog);

		if (access(path, F_OK) == 0)
			return true;
	}
	return false;
}

char *
berth_params_default_socket(bool podman_first, const char *root)
{
	const char *order[2] = { DEFAULT_SOCKET, PODMAN_SOCKET };
	size_t i;

	if (podman_first) {
		order[0] = PODMAN_SOCKET;
		order[1] = DEFAULT_SOCKET;
	}
	for (i = 0; i < 2; i++) {
		cleanup_free char *path = berth_xasprintf("%s%s", root, order[i]);

		/* Exists, not "answers": a daemon that is down at this moment keeps its socket file,
		 * and the action reports it as unreachable rather than trying another engine whose
		 * containers are not this resource's. dockerd removes its socket when it stops,
		 * though: while the first engine is installed, a restart of its daemon must not send
		 * the resource to the other engine (a start there would run the container twice once
		 * the daemon is back), so the second socket only counts without the first engine. */
		if (access(path, F_OK) == 0)
			return berth_xstrdup(order[i]);
		if (i == 0 && engine_installed(order[0], root))
			break;
	}
	return berth_xstrdup(order[0]);
}

static int
derive_socket(struct berth_params *p, berth_error_t *err)
{
	const char *s = berth_ocf_reskey("docker_socket");
	const char *host = berth_ocf_getenv("DOCKER_HOST");

	if (s == NULL && host != NULL && strncmp(host, "unix://", 7) == 0 && host[7] == '/')
		s = host + 7;
	if (s == NULL) {
		p->socket_buf = berth_params_default_socket(berth_params_podman_agent(), "");
		p->docker_socket = p->socket_buf;
		return 0;
	}
	if (s[0] != '/')
		return berth_error_set(err, BERTH_E_CONFIG,
				       "docker_socket '%.200s' must be an absolute path to a unix socket", s);
	if (strlen(s) >= sizeof(((struct sockaddr_un *)0)->sun_path))
		return berth_error_set(err, BERTH_E_CONFIG,
				       "docker_socket '%.60s...' is longer than a unix socket path can be (%zu bytes)",
				       s, sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
	p->socket_buf = berth_xstrdup(s);
	p->docker_socket = p->socket_buf;
	return 0;
}

/* The one place where the CIB's values and the node-local configuration's (conf.h) are combined:
 * a [resource GLOB] setting wins over the CIB, a [defaults] one fills what the CIB leaves unset,
 * and berth_ocf_reskey answers with the result. A configuration with a problem is applied not at
 * all: p->conf_error keeps it, for validate-all and start to report (berth_params_check) and the
 * other actions to log (agent/main.c): a typo must never fail a running resource. */
static void
apply_conf(struct berth_params *p)
{
	const struct berth_param_def *d;
	size_t rows = 0, n = 0, i;

	berth_ocf_reskey_override(NULL, NULL, 0);
	if (berth_conf_load(berth_conf_dir(), &p->conf, &p->conf_error) < 0) {
		berth_error_wrap(&p->conf_error, "node-local configuration (%s) not applied: ", p->conf->dir);
		return;
	}
	for (d = berth_param_table; d->name; d++)
		rows++;
	p->conf_used = berth_xcalloc(rows + 1, sizeof(*p->conf_used));
	p->conf_names = berth_xcalloc(rows + 1, sizeof(*p->conf_names));
	p->conf_values = berth_xcalloc(rows + 1, sizeof(*p->conf_values));
	for (i = 0; i < rows; i++) {
		const char *name = berth_param_table[i].name;
		bool wins = false;
		const struct berth_conf_setting *s = berth_conf_lookup(p->conf, p->instance, name, &wins);

		if (s == NULL || (!wins && berth_ocf_reskey_env(name) != NULL))
			continue;
		p->conf_used[i] = s;
		p->conf_names[n] = name;
		p->conf_values[n++] = s->value;
	}
	berth_ocf_reskey_override(p->conf_names, p->conf_values, n);
}

const struct berth_conf_setting *
berth_params_conf_origin(const struct berth_params *p, const char *name)
{
	size_t i;

	for (i = 0; p->conf_used != NULL && berth_param_table[i].name; i++)
		if (strcmp(berth_param_table[i].name, name) == 0)
			return p->conf_used[i];
	return NULL;
}

int
berth_params_load(struct berth_params *p, berth_error_t *err)
{
	memset(p, 0, sizeof(*p));
	p->instance = berth_ocf_getenv("OCF_RESOURCE_INSTANCE");
	if (p->instance == NULL)
		p->instance = "berth";
	apply_conf(p);
	p->image = berth_ocf_reskey("image");
	p->authfile = berth_ocf_reskey("authfile");
	p->run_opts = berth_ocf_reskey("run_opts");
	p->run_cmd = berth_ocf_reskey("run_cmd");
	p->mount_points = berth_ocf_reskey("mount_points");
	p->monitor_cmd = berth_ocf_reskey("monitor_cmd");
	p->promote_cmd = berth_ocf_reskey("promote_cmd");
	p->demote_cmd = berth_ocf_reskey("demote_cmd");
	p->notify_cmd = berth_ocf_reskey("notify_cmd");
	p->promotion_score_cmd = berth_ocf_reskey("promotion_score_cmd");
	p->promotion_score = 1;
	(void)parse_score(berth_ocf_reskey("promotion_score"), &p->promotion_score);
	/* A malformed value keeps the default here (stop must work) and is refused by validate. */
	p->postmortem_lines = BERTH_POSTMORTEM_DEFAULT_LINES;
	(void)parse_lines(berth_ocf_reskey("postmortem_lines"), &p->postmortem_lines);
	{
		/* Pacemaker 2.1 passes a promotable clone's promoted_max (and the older master_max)
		 * to every instance; "promotable" itself only when it is set as a meta attribute of
		 * the primitive. */
		bool promotable = false;
		(void)berth_ocf_parse_bool(berth_ocf_getenv("OCF_RESKEY_CRM_meta_promotable"), &promotable);
		p->promotable = promotable || berth_ocf_getenv("OCF_RESKEY_CRM_meta_promoted_max") != NULL ||
				berth_ocf_getenv("OCF_RESKEY_CRM_meta_master_max") != NULL;
	}
	if (derive_name(p, err) < 0 || derive_socket(p, err) < 0)
		return -1;
	/* A malformed boolean is remembered as "false" here and refused by validate, so that stop
	 * and monitor still work on a resource whose configuration was broken after start. */
	{
		berth_error_t ignored = NULL;
		load_bool("allow_pull", &p->allow_pull, &ignored);
		load_bool("reuse", &p->reuse, &ignored);
		load_bool("force_kill", &p->force_kill, &ignored);
		load_bool("query_docker_health", &p->query_docker_health, &ignored);
		load_bool("drop_in_dependency", &p->drop_in_dependency, &ignored);
		berth_error_free(&ignored);
	}
	if (berth_ocf_reskey("drop_in_dependency") == NULL)
		p->drop_in_dependency = podman_drop_in_files();
	return 0;
}

/* Where the checks report: the first problem goes to *first; with each, every problem is handed
 * to it and the checks go on. */
struct report {
	berth_error_t *first;
	berth_problem_fn each;
	void *arg;
	int problems;
};

bool
berth_problem_report(berth_error_t *e, berth_problem_fn each, void *arg, berth_error_t *first)
{
	if (each != NULL)
		each(arg, *e);
	if (first != NULL && *first == NULL) {
		*first = *e;
		*e = NULL;
	}
	berth_error_free(e);
	return each != NULL;
}

/* Record the problem in *e (which it takes), and count it. \return true when the checks should go on */
static bool
report(struct report *r, berth_error_t *e)
{
	r->problems++;
	return berth_problem_report(e, r->each, r->arg, r->first);
}

#define PROBLEM(r, ...)                                                                                                \
	do {                                                                                                           \
		berth_error_t e_ = NULL;                                                                               \
		berth_error_set(&e_, BERTH_E_CONFIG, __VA_ARGS__);                                                     \
		if (!report((r), &e_))                                                                                 \
			return -1;                                                                                     \
	} while (0)

int
berth_params_check(const struct berth_params *p, berth_problem_fn each, void *arg, berth_error_t *err)
{
	static const char *const bools[] = { "allow_pull",         "reuse", "force_kill", "query_docker_health",
					     "drop_in_dependency", NULL };
	const struct {
		const char *name, *value;
	} utf8_params[] = { { "instance", p->instance },
			    { "run_opts", p->run_opts },
			    { "run_cmd", p->run_cmd },
			    { "monitor_cmd", p->monitor_cmd },
			    { "promote_cmd", p->promote_cmd },
			    { "demote_cmd", p->demote_cmd },
			    { "notify_cmd", p->notify_cmd },
			    { "promotion_score_cmd", p->promotion_score_cmd },
			    { NULL, NULL } };
	const char *cmds[5] = { p->monitor_cmd, p->promote_cmd, p->demote_cmd, p->notify_cmd, p->promotion_score_cmd };
	struct report r = { err, each, arg, 0 };
	const char *mp;
	long long score;
	int i, lines;

	if (p->conf_error != NULL)
		PROBLEM(&r, "%s", p->conf_error->msg);
	if (p->image == NULL)
		PROBLEM(&r, "the required parameter 'image' is not set");
	else if (!image_ok(p->image))
		PROBLEM(&r,
			"image '%.200s' is not a valid image reference (name[:tag][@digest], letters, digits, '.', "
			"'_', '-', '/', ':', '@'; at most 512 bytes)",
			p->image);
	/* Everything that reaches the daemon as JSON must be UTF-8; dockerd would mangle the rest. */
	for (i = 0; utf8_params[i].name; i++)
		if (utf8_params[i].value != NULL && !berth_utf8_valid(utf8_params[i].value))
			PROBLEM(&r, "parameter %s is not valid UTF-8", utf8_params[i].name);
	for (i = 0; i < 5; i++) {
		const char *cmd = cmds[i];
		size_t n;

		if (cmd == NULL)
			continue;
		/* The program name: runc wedges on names no file system can hold. */
		while (*cmd == ' ' || *cmd == '\t')
			cmd++;
		n = strcspn(cmd, " \t\n");
		if (n >= PATH_MAX)
			PROBLEM(&r, "the program name in a command parameter is longer than %d bytes", PATH_MAX - 1);
	}
	for (i = 0; bools[i]; i++) {
		berth_error_t e = NULL;
		bool dummy;

		if (load_bool(bools[i], &dummy, &e) < 0 && !report(&r, &e))
			return -1;
	}
	if (berth_ocf_reskey("promotion_score") != NULL && parse_score(berth_ocf_reskey("promotion_score"), &score) < 0)
		PROBLEM(&r, "parameter promotion_score='%s' is not an integer score",
			berth_ocf_reskey("promotion_score"));
	if (berth_ocf_reskey("postmortem_lines") != NULL &&
	    parse_lines(berth_ocf_reskey("postmortem_lines"), &lines) < 0)
		PROBLEM(&r, "parameter postmortem_lines='%.40s' is not a number of lines from 0 (off) to %d",
			berth_ocf_reskey("postmortem_lines"), BERTH_POSTMORTEM_MAX_LINES);
	if (p->authfile != NULL && (p->authfile[0] != '/' || strlen(p->authfile) >= PATH_MAX))
		PROBLEM(&r, "authfile '%.200s' must be an absolute path", p->authfile);
	for (mp = p->mount_points; mp != NULL && *mp != '\0';) {
		size_t n = strcspn(mp, ",");
		while (n > 0 && (*mp == ' ')) {
			mp++;
			n--;
		}
		if (n > 0 && *mp != '/')
			PROBLEM(&r, "mount_points entry '%.*s' is not an absolute path", (int)(n < 200 ? n : 200), mp);
		else if (n >= PATH_MAX || longest_component(mp, n) > NAME_MAX)
			PROBLEM(&r, "mount_points entry '%.60s...' is longer than a path can be", mp);
		mp += n;
		if (*mp == ',')
			mp++;
	}
	return r.problems > 0 ? -1 : 0;
}

int
berth_params_validate(const struct berth_params *p, berth_error_t *err)
{
	return berth_params_check(p, NULL, NULL, err);
}

void
berth_params_release(struct berth_params *p)
{
	free(p->name_buf);
	free(p->socket_buf);
	p->name_buf = p->socket_buf = NULL;
	p->name = p->docker_socket = NULL;
	berth_ocf_reskey_override(NULL, NULL, 0);
	free(p->conf_used);
	free(p->conf_names);
	free(p->conf_values);
	p->conf_used = NULL;
	p->conf_names = p->conf_values = NULL;
	berth_conf_free(p->conf);
	p->conf = NULL;
	berth_error_free(&p->conf_error);
}
