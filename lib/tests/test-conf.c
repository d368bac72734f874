/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: the node-local configuration (conf.c), and how params.c combines it with the CIB. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"
#include "digest.h"
#include "params.h"
#include "state.h"

static char dir[64];

static char *
at(const char *name)
{
	static char p[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static void
put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(at(name), 0644), 0);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/berth-test-conf-XXXXXX");
	if (mkdtemp(dir) == NULL || chmod(dir, 0755) < 0)
		return -1;
	setenv("BERTH_CONF_DIR", dir, 1);
	setenv("HA_RSCTMP", dir, 1);
	unsetenv("OCF_RESKEY_monitor_cmd");
	unsetenv("OCF_RESKEY_postmortem_lines");
	unsetenv("OCF_RESKEY_query_docker_health");
	unsetenv("OCF_RESKEY_CRM_meta_on_node");
	setenv("OCF_RESKEY_image", "img:1", 1);
	setenv("OCF_RESOURCE_INSTANCE", "bun-docker-0", 1);
	return 0;
}

static int
teardown(void **state)
{
	char *argv[] = { (char *)"rm", (char *)"-rf", dir, NULL };
	pid_t pid;

	(void)state;
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return 0;
}

/* Parse text as one file named "t.conf": the error's message, or NULL when it parsed. */
static char *
parse(struct berth_conf *c, const char *text)
{
	berth_error_t err = NULL;
	char *msg = NULL;

	if (berth_conf_parse(c, "t.conf", text, strlen(text), &err) < 0) {
		assert_non_null(err);
		assert_int_equal(err->cause, BERTH_E_CONFIG);
		msg = strdup(err->msg);
		berth_error_free(&err);
	} else {
		assert_null(err);
	}
	return msg;
}

/* The text must be refused at line `line` with a message that has want. */
static void
refused(const char *text, int line, const char *want)
{
	struct berth_conf *c = berth_conf_new("/x");
	char *msg = parse(c, text), prefix[32];

	if (msg == NULL)
		fail_msg("accepted: %s", text);
	snprintf(prefix, sizeof(prefix), "t.conf:%d: ", line);
	if (strncmp(msg, prefix, strlen(prefix)) != 0 || strstr(msg, want) == NULL)
		fail_msg("for %s: %s (want %s%s)", text, msg, prefix, want);
	free(msg);
	berth_conf_free(c);
}

static const char *
value_for(const struct berth_conf *c, const char *instance, const char *key, bool *wins)
{
	const struct berth_conf_setting *s = berth_conf_lookup(c, instance, key, wins);

	return s ? s->value : NULL;
}

static void
test_parse(void **state)
{
	struct berth_conf *c = berth_conf_new("/x");
	bool wins;

	(void)state;
	assert_null(parse(c, "# a comment\n"
			     "\n"
			     "   [defaults]   \n"
			     "postmortem_lines=500\n"
			     "  query_docker_health   =   yes  \r\n"
			     "\t# indented comment\n"
			     "[resource bun-docker-*]\n"
			     "monitor_cmd = /usr/bin/check --url http://x/#frag 'quoted words'\n"
			     "[ resource   db ]\n"
			     "promotion_score = -INFINITY\n"
			     "[defaults]\n"
			     "force_kill = true")); /* no newline at the end */
	assert_int_equal(c->n, 5);
	assert_string_equal(c->settings[0].key, "postmortem_lines");
	assert_string_equal(c->settings[0].value, "500");
	assert_int_equal(c->settings[0].line, 4);
	assert_string_equal(c->settings[0].file, "t.conf");
	assert_null(c->settings[0].glob);
	/* blanks and a CR trimmed; the value is taken literally: '#' and quotes stay */
	assert_string_equal(c->settings[1].value, "yes");
	assert_string_equal(c->settings[2].value, "/usr/bin/check --url http://x/#frag 'quoted words'");
	assert_string_equal(c->settings[2].glob, "bun-docker-*");
	assert_string_equal(c->settings[3].glob, "db");
	assert_null(c->settings[4].glob);
	assert_int_equal(c->settings[4].line, 12);

	assert_string_equal(value_for(c, "bun-docker-1", "monitor_cmd", &wins), c->settings[2].value);
	assert_true(wins);
	assert_null(value_for(c, "other", "monitor_cmd", &wins));
	assert_false(wins);
	assert_string_equal(value_for(c, "other", "postmortem_lines", &wins), "500");
	assert_false(wins);
	/* a clone's instance number is not part of the name the pattern sees */
	assert_string_equal(value_for(c, "db:3", "promotion_score", &wins), "-INFINITY");
	assert_true(wins);
	assert_null(value_for(c, "db-3", "promotion_score", &wins));
	berth_conf_free(c);
}

/* Later wins: a later line, a later file; a [resource] setting beats [defaults] wherever it is. */
static void
test_later_wins(void **state)
{
	struct berth_conf *c = berth_conf_new("/x");
	bool wins;

	(void)state;
	assert_null(parse(c, "[resource web*]\nmonitor_cmd = first\n[resource w*]\nmonitor_cmd = second\n"
			     "[defaults]\nmonitor_cmd = default\nreuse = no\n"));
	assert_null(parse(c, "[defaults]\nreuse = yes\n"));
	assert_string_equal(value_for(c, "web", "monitor_cmd", &wins), "second");
	assert_true(wins);
	assert_string_equal(value_for(c, "wx", "monitor_cmd", &wins), "second");
	assert_string_equal(value_for(c, "api", "monitor_cmd", &wins), "default");
	assert_false(wins);
	assert_string_equal(value_for(c, "api", "reuse", &wins), "yes");
	/* a section ends with its file */
	assert_null(parse(c, "[resource api]\nreuse = false\n"));
	{
		char *msg = parse(c, "force_kill = true\n");

		assert_non_null(strstr(msg, "t.conf:1: 'force_kill' comes before any section"));
		free(msg);
	}
	assert_string_equal(value_for(c, "api", "reuse", &wins), "false");
	assert_true(wins);
	berth_conf_free(c);
}

static void
test_refused(void **state)
{
	(void)state;
	refused("[defaults]\nmonitor_cmdd = x\n", 2, "'monitor_cmdd' is not a parameter of ocf:berth:docker");
	refused("[defaults]\nreuse\n", 2, "'reuse' is not 'key = value', a section header or a comment");
	refused("[defaults]\n= x\n", 2, "is not 'key = value'");
	refused("[defaults]\nmonitor cmd = x\n", 2, "'monitor cmd' is not a parameter name");
	refused("[defaults]\nmonitor_cmd =   \n", 2, "monitor_cmd has no value");
	refused("reuse = yes\n", 1, "comes before any section");
	refused("[defaults\n", 1, "is not a section header");
	refused("[resource]\n", 1, "names no resource");
	refused("[resource   ]\n", 1, "names no resource");
	refused("[global]\n", 1, "unknown section '[global]'");
	refused("[resources x]\n", 1, "unknown section");
	refused("[defaults]\nreuse = maybe\n", 2, "reuse = 'maybe' is not a boolean");
	refused("[defaults]\npostmortem_lines = 10k\n", 2, "postmortem_lines = '10k' is not an integer");
	refused("[defaults]\npostmortem_lines = INFINITY\n", 2, "is not an integer");
	refused("[defaults]\npromotion_score = high\n", 2, "is not an integer");
	/* what says which container it is stays in the CIB: the same on every node */
	refused("[defaults]\nimage = nginx\n", 2, "image cannot be set here: it says what the container is");
	refused("[resource x]\nname = y\n", 2, "name cannot be set here");
	refused("[resource x]\nrun_opts = --init\n", 2, "run_opts cannot be set here");
	refused("[resource x]\nrun_cmd = sleep 1\n", 2, "run_cmd cannot be set here");
	refused("[resource x]\nmount_points = /srv\n", 2, "mount_points cannot be set here");
	refused("[resource x]\ndocker_socket = /run/x.sock\n", 2, "docker_socket cannot be set here");
	refused("[resource x]\ncontainer = y\n", 2, "container cannot be set here");
	refused("[defaults]\nmonitor_cmd = caf\xc3\n", 2, "not valid UTF-8");
	{
		static const char nul[] = "[defaults]\nmonitor_cmd = a\0b\n";
		struct berth_conf *c = berth_conf_new("/x");
		berth_error_t err = NULL;

		assert_true(berth_conf_parse(c, "t.conf", nul, sizeof(nul) - 1, &err) < 0);
		assert_non_null(strstr(err->msg, "t.conf:2: the line holds a NUL byte"));
		berth_error_free(&err);
		berth_conf_free(c);
	}
	/* a long line is quoted in part */
	{
		char line[400];

		memset(line, 'x', sizeof(line));
		memcpy(line, "[defaults]\n", 11);
		line[sizeof(line) - 1] = '\0';
		refused(line, 2, "...' is not 'key = value'");
	}
}

/* berth.conf, then conf.d's *.conf in name order; dot files and other names left out; the
 * checksum is sha256sum's of the same bytes. */
static void
test_load(void **state)
{
	struct berth_conf *c = NULL;
	berth_error_t err = NULL;
	struct berth_digest d;
	char hex[65];
	bool wins;

	(void)state;
	/* nothing at all: no configuration, no error */
	assert_int_equal(berth_conf_load(at("absent"), &c, &err), 0);
	assert_int_equal(c->nfiles, 0);
	assert_string_equal(berth_conf_checksum(c), "none");
	assert_string_equal(berth_conf_attribute_value(c), "none");
	berth_conf_free(c);
	assert_int_equal(berth_conf_load(dir, &c, &err), 0);
	assert_int_equal(c->nfiles, 0);
	berth_conf_free(c);

	put("berth.conf", "[defaults]\nreuse = yes\npostmortem_lines = 1\n");
	assert_int_equal(mkdir(at("conf.d"), 0755), 0);
	put("conf.d/20-b.conf", "[defaults]\npostmortem_lines = 3\n");
	put("conf.d/10-a.conf", "[defaults]\npostmortem_lines = 2\n");
	put("conf.d/.hidden.conf", "broken\n");
	put("conf.d/30-c.conf.dpkg-old", "broken\n");
	put("conf.d/README", "broken\n");
	assert_int_equal(berth_conf_load(dir, &c, &err), 0);
	assert_int_equal(c->nfiles, 3);
	assert_string_equal(c->files[0], at("berth.conf"));
	assert_string_equal(c->files[1], at("conf.d/10-a.conf"));
	assert_string_equal(c->files[2], at("conf.d/20-b.conf"));
	assert_string_equal(value_for(c, "x", "postmortem_lines", &wins), "3");
	assert_string_equal(value_for(c, "x", "reuse", &wins), "yes");
	assert_string_equal(c->settings[2].file, at("conf.d/10-a.conf"));
	berth_digest_init(&d);
	berth_digest_add(&d, "[defaults]\nreuse = yes\npostmortem_lines = 1\n", 44);
	berth_digest_add(&d, "[defaults]\npostmortem_lines = 2\n", 32);
	berth_digest_add(&d, "[defaults]\npostmortem_lines = 3\n", 32);
	berth_digest_hex(&d, hex);
	hex[16] = '\0';
	assert_string_equal(berth_conf_checksum(c), hex);
	assert_string_equal(berth_conf_attribute_value(c), hex);
	assert_false(c->broken);
	berth_conf_free(c);

	/* an error anywhere: the whole configuration is broken, and its lookups find nothing */
	put("conf.d/15-x.conf", "[defaults]\nreuse = sometimes\n");
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_true(c->broken);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	if (strstr(err->msg, at("conf.d/15-x.conf:2: reuse = 'sometimes'")) != err->msg)
		fail_msg("%s", err->msg);
	berth_error_free(&err);
	assert_null(berth_conf_lookup(c, "x", "postmortem_lines", &wins));
	assert_string_equal(berth_conf_attribute_value(c), "invalid");
	berth_conf_free(c);
}

/* Root's, writable by root alone, no links: anything else is refused like a bad line. */
static void
test_load_refuses_what_others_may_change(void **state)
{
	struct berth_conf *c = NULL;
	berth_error_t err = NULL;

	(void)state;
	put("berth.conf", "[defaults]\nreuse = yes\n");
	assert_int_equal(chmod(at("berth.conf"), 0664), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "berth.conf is writable by its group (mode 0664)"));
	assert_true(strncmp(err->msg, at("berth.conf"), strlen(at("berth.conf"))) == 0);
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(chmod(at("berth.conf"), 0644), 0);

	/* a link, even to a good file */
	put("real.conf", "[defaults]\nreuse = yes\n");
	assert_int_equal(mkdir(at("conf.d"), 0755), 0);
	assert_int_equal(symlink(at("real.conf"), at("conf.d/a.conf")), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "conf.d/a.conf is a symbolic link, not a regular file"));
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(unlink(at("conf.d/a.conf")), 0);

	/* a directory, a FIFO */
	assert_int_equal(mkdir(at("conf.d/d.conf"), 0755), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "conf.d/d.conf is a directory, not a regular file"));
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(rmdir(at("conf.d/d.conf")), 0);
	assert_int_equal(mkfifo(at("conf.d/f.conf"), 0644), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "is a FIFO"));
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(unlink(at("conf.d/f.conf")), 0);

	/* the directories */
	assert_int_equal(chmod(at("conf.d"), 0777), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "conf.d is writable by every user (mode 0777): berth reads no configuration"));
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(chmod(at("conf.d"), 0755), 0);
	assert_int_equal(chmod(dir, 0775), 0);
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	assert_non_null(strstr(err->msg, "is writable by its group (mode 0775)"));
	berth_error_free(&err);
	berth_conf_free(c);
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(symlink(dir, at("link")), 0);
	assert_true(berth_conf_load(at("link"), &c, &err) < 0);
	assert_non_null(strstr(err->msg, "is a symbolic link, not a directory"));
	berth_error_free(&err);
	berth_conf_free(c);

	if (geteuid() == 0) {
		assert_int_equal(chown(at("berth.conf"), 65534, 65534), 0);
		assert_true(berth_conf_load(dir, &c, &err) < 0);
		assert_non_null(strstr(err->msg, "berth.conf is owned by uid 65534, not by uid 0"));
		berth_error_free(&err);
		berth_conf_free(c);
	}
}

/* params.c: a [resource] setting wins over the CIB, [defaults] fills what the CIB leaves unset;
 * berth_ocf_reskey answers with the result, and the origin is known. */
static void
test_params_combine(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	(void)state;
	put("berth.conf", "[defaults]\npostmortem_lines = 7\nquery_docker_health = true\nforce_kill = yes\n"
			  "[resource bun-docker-*]\nmonitor_cmd = /usr/local/bin/check\n");
	setenv("OCF_RESKEY_monitor_cmd", "/bin/true", 1);     /* what Pacemaker gives a bundle */
	setenv("OCF_RESKEY_query_docker_health", "false", 1); /* set in the CIB: kept */
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_null(p.conf_error);
	assert_string_equal(p.monitor_cmd, "/usr/local/bin/check");
	assert_string_equal(berth_ocf_reskey("monitor_cmd"), "/usr/local/bin/check");
	assert_string_equal(berth_ocf_reskey_env("monitor_cmd"), "/bin/true");
	assert_int_equal(p.postmortem_lines, 7);
	assert_false(p.query_docker_health);
	assert_true(p.force_kill);
	assert_non_null(berth_params_conf_origin(&p, "monitor_cmd"));
	assert_int_equal(berth_params_conf_origin(&p, "monitor_cmd")->line, 6);
	assert_null(berth_params_conf_origin(&p, "query_docker_health"));
	assert_null(berth_params_conf_origin(&p, "image"));
	assert_int_equal(berth_params_validate(&p, &err), 0);
	berth_params_release(&p);
	/* released: the CIB's values again */
	assert_string_equal(berth_ocf_reskey("monitor_cmd"), "/bin/true");

	/* another resource: only the defaults */
	setenv("OCF_RESOURCE_INSTANCE", "web", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_string_equal(p.monitor_cmd, "/bin/true");
	assert_int_equal(p.postmortem_lines, 7);
	berth_params_release(&p);
}

/* A broken configuration is applied not at all, and validate (start, validate-all) reports it
 * first, naming file and line; loading still works (monitor and stop run on the CIB's values). */
static void
test_params_broken(void **state)
{
	struct berth_params p;
	berth_error_t err = NULL;

	(void)state;
	put("berth.conf", "[defaults]\npostmortem_lines = 7\n[resource bun-docker-*]\nmonitor_cmd = /x\nimage = y\n");
	setenv("OCF_RESKEY_monitor_cmd", "/bin/true", 1);
	assert_int_equal(berth_params_load(&p, &err), 0);
	assert_null(err);
	assert_non_null(p.conf_error);
	assert_string_equal(p.monitor_cmd, "/bin/true");
	assert_int_equal(p.postmortem_lines, 100);
	assert_null(berth_params_conf_origin(&p, "monitor_cmd"));
	assert_int_equal(berth_params_validate(&p, &err), -1);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	if (strstr(err->msg, "node-local configuration") == NULL || strstr(err->msg, "not applied") == NULL ||
	    strstr(err->msg, "berth.conf:5: image cannot be set here") == NULL)
		fail_msg("%s", err->msg);
	berth_error_free(&err);
	berth_params_release(&p);
}

/* The calls the fake crm_attribute saw (DIR/crm.log), into log. */
static void
crm_calls(char *log, size_t len)
{
	FILE *f = fopen(at("crm.log"), "r");
	size_t n;

	assert_non_null(f);
	n = fread(log, 1, len - 1, f);
	log[n] = '\0';
	fclose(f);
}

/* The checksum berth publishes for a configuration of one file holding text (16 hex digits). */
static void
checksum_of(const char *text, char hex[65])
{
	struct berth_digest dg;

	berth_digest_init(&dg);
	berth_digest_add(&dg, text, strlen(text));
	berth_digest_hex(&dg, hex);
	hex[16] = '\0';
}

/* The node attribute: published when it changes, again after a while, never twice in a row for
 * the same value, retried a minute after a failure; "none" only replaces something published. */
static void
test_publish(void **state)
{
	struct berth_deadline d;
	struct berth_conf *c = NULL;
	berth_error_t err = NULL;
	char log[4096], script[300], note[128];

	(void)state;
	snprintf(script, sizeof(script), "#!/bin/sh\necho \"$*\" >> %s/crm.log\n[ ! -e %s/fail ]\n", dir, dir);
	put("crm", script);
	assert_int_equal(chmod(at("crm"), 0755), 0);
	setenv("BERTH_CRM_ATTRIBUTE", at("crm"), 1);
	setenv("OCF_RESKEY_CRM_meta_on_node", "node1", 1);
	berth_deadline_init(&d, 20000);

	assert_int_equal(berth_conf_load(at("absent"), &c, &err), 0);
	berth_conf_publish(c, &d); /* nothing to say */
	assert_int_equal(access(at("crm.log"), F_OK), -1);
	berth_conf_free(c);

	put("berth.conf", "[defaults]\nreuse = yes\n");
	assert_int_equal(berth_conf_load(dir, &c, &err), 0);
	berth_conf_publish(c, &d);
	berth_conf_publish(c, &d); /* unchanged: not again */
	berth_conf_free(c);
	put("berth.conf", "[defaults]\nreuse = maybe\n");
	assert_true(berth_conf_load(dir, &c, &err) < 0);
	berth_error_free(&err);
	berth_conf_publish(c, &d);
	berth_conf_free(c);
	assert_int_equal(unlink(at("berth.conf")), 0);
	assert_int_equal(berth_conf_load(dir, &c, &err), 0);
	put("fail", "");
	berth_conf_publish(c, &d); /* fails: noted, and not tried again at once */
	berth_conf_publish(c, &d);
	assert_int_equal(berth_state_note_load("conf.published", note, sizeof(note)), 1);
	assert_true(strncmp(note, "none failed ", 12) == 0);
	/* a minute later it is */
	assert_int_equal(berth_state_note_save("conf.published", "none failed 1000\n", &err), 0);
	assert_int_equal(unlink(at("fail")), 0);
	berth_conf_publish(c, &d);
	berth_conf_free(c);

	crm_calls(log, sizeof(log));
	{
		char hex[65], want[1024];

		checksum_of("[defaults]\nreuse = yes\n", hex);
		snprintf(want, sizeof(want),
			 "-N node1 -n berth-conf -l reboot -v %.16s\n"
			 "-N node1 -n berth-conf -l reboot -v invalid\n"
			 "-N node1 -n berth-conf -l reboot -D\n"
			 "-N node1 -n berth-conf -l reboot -D\n",
			 hex);
		assert_string_equal(log, want);
	}
	assert_int_equal(berth_state_note_load("conf.published", note, sizeof(note)), 1);
	assert_true(strncmp(note, "none ok ", 8) == 0);
	unsetenv("BERTH_CRM_ATTRIBUTE");
	unsetenv("OCF_RESKEY_CRM_meta_on_node");
}

/* publish_in_child AS_EXECUTOR: berth_conf_publish(c) in a child of this process, which is named
 * pacemaker-execd for it when AS_EXECUTOR (the executor that runs the agent: its parent). */
static void
publish_in_child(const struct berth_conf *c, bool as_executor)
{
	struct berth_deadline d;
	char name[32] = "";
	pid_t pid;
	int status;

	assert_int_equal(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
	if (as_executor)
		assert_int_equal(prctl(PR_SET_NAME, "pacemaker-execd", 0, 0, 0), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		berth_deadline_init(&d, 20000);
		berth_conf_publish(c, &d);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(prctl(PR_SET_NAME, name, 0, 0, 0), 0);
}

/* A restarted Pacemaker has forgotten the attribute: an agent run by another executor than the
 * one that last published publishes the same value again at once, not 10 minutes later (before:
 * the value alone was compared). The same executor does not, nor does a run by hand. */
static void
test_publish_after_pacemaker_restart(void **state)
{
	struct berth_conf *c = NULL;
	berth_error_t err = NULL;
	char script[300], log[1024], want[512];
	pid_t pid;
	int status;

	(void)state;
	snprintf(script, sizeof(script), "#!/bin/sh\necho \"$*\" >> %s/crm.log\n", dir);
	put("crm", script);
	assert_int_equal(chmod(at("crm"), 0755), 0);
	setenv("BERTH_CRM_ATTRIBUTE", at("crm"), 1);
	setenv("OCF_RESKEY_CRM_meta_on_node", "node1", 1);
	put("berth.conf", "[defaults]\nreuse = yes\n");
	assert_int_equal(berth_conf_load(dir, &c, &err), 0);

	publish_in_child(c, true);  /* this process as the executor: published */
	publish_in_child(c, true);  /* the same executor, the same value: not again */
	publish_in_child(c, false); /* by hand: not again either */
	/* another executor (a child of this process, named so), as after a restart: again */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		publish_in_child(c, true);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	berth_conf_free(c);

	crm_calls(log, sizeof(log));
	{
		char hex[65];

		checksum_of("[defaults]\nreuse = yes\n", hex);
		snprintf(want, sizeof(want),
			 "-N node1 -n berth-conf -l reboot -v %s\n-N node1 -n berth-conf -l reboot -v %s\n", hex, hex);
		assert_string_equal(log, want);
	}
	unsetenv("BERTH_CRM_ATTRIBUTE");
	unsetenv("OCF_RESKEY_CRM_meta_on_node");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_later_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_refuses_what_others_may_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params_combine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params_broken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish_after_pacemaker_restart, setup, teardown),
	};

	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
