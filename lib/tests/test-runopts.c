/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the run_opts docker-run flag parser (the splitter: test-words.c).
 *
 * The expected JSON was checked against the real thing: `docker create` (CLI 20.10) with the same
 * flags, its create request captured on the socket, and both containers compared with
 * `docker inspect`. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runopts-int.h"
#include "words.h"

/* ---- helpers ---- */

static struct berth_spec *
parse_ok(const char *opts)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;

	assert_non_null(spec);
	if (berth_runopts_parse(opts, spec, &err) < 0)
		fail_msg("parse of [%s] failed: %s", opts, err->msg);
	assert_null(err);
	return spec;
}

/* Parse must fail with OCF_ERR_CONFIGURED, a "run_opts: " message containing `what`. */
static void
assert_parse_error(const char *opts, const char *what)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;

	assert_non_null(spec);
	if (berth_runopts_parse(opts, spec, &err) == 0)
		fail_msg("parse of [%s] succeeded; expected an error with '%s'", opts, what);
	assert_non_null(err);
	assert_int_equal(err->cause, BERTH_E_CONFIG);
	if (strncmp(err->msg, "run_opts: ", 10) != 0 || strstr(err->msg, what) == NULL)
		fail_msg("parse of [%s]: message '%s' lacks '%s'", opts, err->msg, what);
	/* a failed parse leaves the spec alone */
	assert_int_equal(json_object_object_length(spec->config), 0);
	assert_int_equal(json_object_object_length(spec->host_config), 0);
	assert_int_equal(json_object_object_length(spec->networking), 0);
	berth_error_free(&err);
	berth_spec_free(spec);
}

/* The parse fails, and its message does not quote secret (a value that must not be shown). */
static void
assert_parse_error_lacks(const char *opts, const char *secret)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;

	assert_true(berth_runopts_parse(opts, spec, &err) < 0);
	assert_non_null(err);
	if (strstr(err->msg, secret) != NULL)
		fail_msg("parse of [%s]: message '%s' shows '%s'", opts, err->msg, secret);
	berth_error_free(&err);
	berth_spec_free(spec);
}

static const char *
js(json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
}

/* obj[key] must print as `expected` (compact JSON), or be absent when expected is NULL. */
static void
assert_member(json_object *obj, const char *key, const char *expected)
{
	json_object *v = NULL;
	bool have = json_object_object_get_ex(obj, key, &v);

	if (expected == NULL) {
		if (have)
			fail_msg("%s: expected absent, got %s", key, js(v));
		return;
	}
	if (!have)
		fail_msg("%s: absent, expected %s (object: %s)", key, expected, js(obj));
	if (strcmp(js(v), expected) != 0)
		fail_msg("%s: got %s, expected %s", key, js(v), expected);
}

/* Parse opts and check one member of config ('C') or host config ('H'). */
static void
check(const char *opts, char where, const char *key, const char *expected)
{
	struct berth_spec *spec = parse_ok(opts);

	assert_member(where == 'C' ? spec->config : spec->host_config, key, expected);
	berth_spec_free(spec);
}

static char *
temp_file(const char *content, size_t len)
{
	char *path = strdup("/tmp/berth-test-runopts-XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

static void
remove_temp(char *path)
{
	unlink(path);
	free(path);
}

/* ---- the splitter's errors, as run_opts errors ---- */

static void
test_split_errors_reported(void **state)
{
	(void)state;
	/* berth_runopts_parse reports the splitter's errors (test-words.c) as run_opts errors */
	assert_parse_error("-e 'X=1", "run_opts: unterminated single quote");
	assert_parse_error("-e \"X=1", "run_opts: unterminated double quote at character 4");
	assert_parse_error("-e X=1\\", "run_opts: trailing backslash");
}

/* ---- the parser: syntax ---- */

static void
test_pacemaker_bundle(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok(" --restart=no -e PCMK_stderr=1 --net=host -e PCMK_remote_port=3124 -v "
			"/var/lib/kolla/config_files/redis.json:/var/lib/kolla/config_files/config.json:ro -v "
			"/var/lib/redis-data/redis-bundle-0:/var/lib/redis:rw,z -v "
			"/etc/pacemaker/authkey:/etc/pacemaker/authkey --user=root --log-driver=journald ");
	assert_member(spec->host_config, "NetworkMode", "\"host\"");
	assert_member(spec->host_config, "Binds",
		      "[\"/var/lib/kolla/config_files/redis.json:/var/lib/kolla/config_files/config.json:ro\","
		      "\"/var/lib/redis-data/redis-bundle-0:/var/lib/redis:rw,z\","
		      "\"/etc/pacemaker/authkey:/etc/pacemaker/authkey\"]");
	assert_member(spec->config, "User", "\"root\"");
	assert_member(spec->host_config, "LogConfig", "{\"Type\":\"journald\"}");
	assert_member(spec->config, "Env", "[\"PCMK_stderr=1\",\"PCMK_remote_port=3124\"]");
	assert_member(spec->config, "Volumes", NULL);
	assert_member(spec->host_config, "RestartPolicy", NULL);
	assert_true(spec->network_set);
	assert_true(spec->restart_set);
	assert_false(spec->detach);
	assert_int_equal(json_object_object_length(spec->networking), 0);
	assert_int_equal(json_object_object_length(spec->config), 2);
	assert_int_equal(json_object_object_length(spec->host_config), 3);
	berth_spec_free(spec);
}

/* What Pacemaker 2.1 (lib/pengine/bundle.c, create_podman_resource) writes into a "container
 * podman" bundle's run_opts: the docker bundle's flags without --restart=no (podman had no restart
 * policies when it was written), then the bundle's own options. Here a bundle with ip-range-start
 * (-h, -p ADDR:PORT:PORT, --add-host), a subdirectory mount and the options of a real one. */
static void
test_pacemaker_podman_bundle(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok(" -h httpd-bundle-0 -e PCMK_stderr=1 --net=bridge -e PCMK_remote_port=3121 "
			"-v /var/local/containers/httpd-bundle-0:/var/www/html:rw "
			"-v /var/log/pacemaker/bundles/httpd-bundle-0:/var/log:rw "
			"-p 192.168.122.131:80:80 --add-host=httpd-bundle-0:192.168.122.131 "
			"--log-driver=journald --user=root");
	assert_member(spec->config, "Hostname", "\"httpd-bundle-0\"");
	assert_member(spec->config, "Env", "[\"PCMK_stderr=1\",\"PCMK_remote_port=3121\"]");
	assert_member(spec->host_config, "NetworkMode", "\"bridge\"");
	assert_member(spec->host_config, "Binds",
		      "[\"/var/local/containers/httpd-bundle-0:/var/www/html:rw\","
		      "\"/var/log/pacemaker/bundles/httpd-bundle-0:/var/log:rw\"]");
	assert_member(spec->host_config, "PortBindings",
		      "{\"80/tcp\":[{\"HostIp\":\"192.168.122.131\",\"HostPort\":\"80\"}]}");
	assert_member(spec->config, "ExposedPorts", "{\"80/tcp\":{}}");
	assert_member(spec->host_config, "ExtraHosts", "[\"httpd-bundle-0:192.168.122.131\"]");
	assert_member(spec->host_config, "LogConfig", "{\"Type\":\"journald\"}");
	assert_member(spec->config, "User", "\"root\"");
	/* No --restart in them: no restart policy from run_opts; the create request still says "no"
	 * (test-spec.c, test_podman_bundle_restart_no). */
	assert_member(spec->host_config, "RestartPolicy", NULL);
	assert_false(spec->restart_set);
	assert_true(spec->network_set);
	berth_spec_free(spec);

	/* The smallest: no ip-range-start, host network (no -p then), no mounts. */
	spec = parse_ok(" -e PCMK_stderr=1 --net=host -e PCMK_remote_port=3121");
	assert_member(spec->host_config, "NetworkMode", "\"host\"");
	assert_false(spec->restart_set);
	assert_int_equal(json_object_object_length(spec->config), 1);
	assert_int_equal(json_object_object_length(spec->host_config), 1);
	berth_spec_free(spec);
}

static void
test_empty_run_opts(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("");
	assert_int_equal(json_object_object_length(spec->config), 0);
	assert_int_equal(json_object_object_length(spec->host_config), 0);
	assert_false(spec->network_set);
	assert_false(spec->restart_set);
	berth_spec_free(spec);
	spec = parse_ok(NULL);
	berth_spec_free(spec);
	spec = parse_ok("   ");
	berth_spec_free(spec);
	/* a lone "--" ends the flags and is fine */
	spec = parse_ok("-u root --");
	assert_member(spec->config, "User", "\"root\"");
	berth_spec_free(spec);
}

static void
test_value_forms(void **state)
{
	static const char *const forms[] = { "--user=root", "--user root", "-u root",
					     "-uroot",      "-u=root",     "--user=nobody --user root",
					     NULL };

	(void)state;
	for (int i = 0; forms[i] != NULL; i++)
		check(forms[i], 'C', "User", "\"root\"");
	/* a value may start with '-' and may be empty */
	check("--user -1", 'C', "User", "\"-1\"");
	check("--user=", 'C', "User", "\"\"");
	check("--user ''", 'C', "User", "\"\"");
	/* '=' only splits at the first one */
	check("--env=A=B=C", 'C', "Env", "[\"A=B=C\"]");
	/* pflag: "-e=" is "-e" with the value "=" */
	check("-w=", 'C', "WorkingDir", "\"=\"");
}

static void
test_bool_forms(void **state)
{
	(void)state;
	check("--privileged", 'H', "Privileged", "true");
	check("--privileged=true", 'H', "Privileged", "true");
	check("--privileged=false", 'H', "Privileged", "false");
	check("--privileged=1", 'H', "Privileged", "true");
	check("--privileged=F", 'H', "Privileged", "false");
	check("--privileged=TRUE", 'H', "Privileged", "true");
	check("-t", 'C', "Tty", "true");
	check("-t=false", 'C', "Tty", "false");
	check("--tty=0", 'C', "Tty", "false");
	/* a boolean never takes the next word */
	assert_parse_error("--privileged false", "unexpected argument 'false'");
	assert_parse_error("--privileged=yes", "invalid value 'yes' for '--privileged'");
	assert_parse_error("--privileged=", "invalid value '' for '--privileged'");
	assert_parse_error("-t=maybe", "invalid value 'maybe' for '-t'");
}

static void
test_short_clusters(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("-it");
	assert_member(spec->config, "OpenStdin", "true");
	assert_member(spec->config, "StdinOnce", "false");
	assert_member(spec->config, "Tty", "true");
	assert_member(spec->config, "AttachStdin", NULL);
	assert_false(spec->detach);
	berth_spec_free(spec);

	spec = parse_ok("-itd");
	assert_true(spec->detach);
	assert_member(spec->config, "Tty", "true");
	berth_spec_free(spec);

	/* the first flag taking a value takes the rest of the word, or the next word */
	spec = parse_ok("-de K=V -tP -iuroot");
	assert_true(spec->detach);
	assert_member(spec->config, "Env", "[\"K=V\"]");
	assert_member(spec->config, "Tty", "true");
	assert_member(spec->host_config, "PublishAllPorts", "true");
	assert_member(spec->config, "User", "\"root\"");
	berth_spec_free(spec);

	spec = parse_ok("-deK=V -it=false");
	assert_member(spec->config, "Env", "[\"K=V\"]");
	assert_member(spec->config, "Tty", "false");
	assert_member(spec->config, "OpenStdin", "true");
	berth_spec_free(spec);

	spec = parse_ok("-d --detach=false");
	assert_false(spec->detach);
	berth_spec_free(spec);

	assert_parse_error("-itx", "unknown flag '-x' in '-itx'");
	assert_parse_error("-ite", "flag '-e' needs a value");
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	assert_parse_error("--foo", "run_opts: unknown flag '--foo'");
	assert_parse_error("--foo=bar", "run_opts: unknown flag '--foo'");
	assert_parse_error("--Env=A", "run_opts: unknown flag '--Env'");
	assert_parse_error("-x", "run_opts: unknown flag '-x'");
	assert_parse_error("--env", "run_opts: flag '--env' needs a value");
	assert_parse_error("-u root -e", "run_opts: flag '-e' needs a value");
	assert_parse_error("--memory", "run_opts: flag '--memory' needs a value");
	assert_parse_error("---x", "run_opts: bad flag syntax '---x'");
	assert_parse_error("--=x", "run_opts: bad flag syntax '--=x'");
	assert_parse_error("busybox", "run_opts: unexpected argument 'busybox' (put the command in run_cmd)");
	assert_parse_error("-u root sleep 10", "unexpected argument 'sleep' (put the command in run_cmd)");
	assert_parse_error("-", "unexpected argument '-'");
	assert_parse_error("''", "unexpected argument ''");
	assert_parse_error("-u root -- sleep", "unexpected argument 'sleep' after '--'");
	assert_parse_error("-- -u", "unexpected argument '-u' after '--'");
	assert_parse_error("--help", "unknown flag '--help'");
}

static void
test_refused(void **state)
{
	struct berth_spec *spec;

	(void)state;
	assert_parse_error("--name foo", "run_opts: --name is not allowed; set the 'name' parameter instead");
	assert_parse_error("--name=foo", "run_opts: --name is not allowed; set the 'name' parameter instead");
	assert_parse_error("--restart=always", "run_opts: --restart=always is not allowed: Pacemaker");
	assert_parse_error("--restart always", "--restart=always is not allowed");
	assert_parse_error("--restart=on-failure:3", "--restart=on-failure:3 is not allowed");
	assert_parse_error("--restart=unless-stopped", "Pacemaker restarts the container");
	assert_parse_error("--restart=", "--restart= is not allowed");
	assert_parse_error("-a stdout", "'-a' is not allowed: berth always runs the container detached");
	assert_parse_error("--cidfile=/x", "'--cidfile' is not allowed");
	assert_parse_error("--pull=always", "--pull=always is not supported");
	assert_parse_error("--pull=sometimes", "invalid value 'sometimes' for '--pull'");

	spec = parse_ok("--restart no");
	assert_true(spec->restart_set);
	assert_int_equal(json_object_object_length(spec->host_config), 0);
	berth_spec_free(spec);
}

static void
test_ignored_client_flags(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--sig-proxy=false --detach-keys ctrl-x,x -q --quiet=false --pull missing --pull=never "
			"--disable-content-trust --disable-content-trust=false");
	assert_int_equal(json_object_object_length(spec->config), 0);
	assert_int_equal(json_object_object_length(spec->host_config), 0);
	assert_false(spec->detach);
	berth_spec_free(spec);
	assert_parse_error("--sig-proxy=nope", "invalid value 'nope' for '--sig-proxy'");
}

static void
test_failure_leaves_spec_alone(void **state)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;

	(void)state;
	assert_true(berth_runopts_parse("-u root --net=host --restart=no --bogus", spec, &err) < 0);
	assert_int_equal(json_object_object_length(spec->config), 0);
	assert_int_equal(json_object_object_length(spec->host_config), 0);
	assert_false(spec->network_set);
	assert_false(spec->restart_set);
	berth_error_free(&err);
	/* success merges into what is there */
	assert_int_equal(json_object_object_add(spec->config, "Hostname", json_object_new_string("keep")), 0);
	assert_int_equal(berth_runopts_parse("-u root", spec, &err), 0);
	assert_member(spec->config, "Hostname", "\"keep\"");
	assert_member(spec->config, "User", "\"root\"");
	berth_spec_free(spec);
}

/* ---- the parser: mappings ---- */

static void
test_scalars(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("-h db1.example.com --domainname example.com -u 1000:1000 -w /srv --stop-signal SIGKILL "
			"--stop-timeout 30 --entrypoint '/bin/sh -c' --mac-address 02:42:ac:11:00:99 "
			"--cgroup-parent /cl --cpuset-cpus 0-3 --cpuset-mems 0 --runtime runc --volume-driver local "
			"--ipc shareable");
	/* the hostname is not split into a domain (CLI 20.10) */
	assert_member(spec->config, "Hostname", "\"db1.example.com\"");
	assert_member(spec->config, "Domainname", "\"example.com\"");
	assert_member(spec->config, "User", "\"1000:1000\"");
	assert_member(spec->config, "WorkingDir", "\"/srv\"");
	assert_member(spec->config, "StopSignal", "\"SIGKILL\"");
	assert_member(spec->config, "StopTimeout", "30");
	/* one element, never split */
	assert_member(spec->config, "Entrypoint", "[\"/bin/sh -c\"]");
	assert_member(spec->config, "MacAddress", "\"02:42:ac:11:00:99\"");
	assert_member(spec->host_config, "CgroupParent", "\"/cl\"");
	assert_member(spec->host_config, "CpusetCpus", "\"0-3\"");
	assert_member(spec->host_config, "CpusetMems", "\"0\"");
	assert_member(spec->host_config, "Runtime", "\"runc\"");
	assert_member(spec->host_config, "VolumeDriver", "\"local\"");
	assert_member(spec->host_config, "IpcMode", "\"shareable\"");
	berth_spec_free(spec);

	check("--entrypoint ''", 'C', "Entrypoint", "[\"\"]");
	check("--entrypoint=", 'C', "Entrypoint", "[\"\"]");
	check("--entrypoint x --entrypoint ''", 'C', "Entrypoint", "[\"\"]");
	check("--mac-address 0242.ac11.0099", 'C', "MacAddress", "\"0242.ac11.0099\"");
	/* checked as net.ParseMAC(strings.TrimSpace(val)) does; the value is kept as given */
	check("--mac-address ' 02:42:ac:11:00:99\t'", 'C', "MacAddress", "\" 02:42:ac:11:00:99\\t\"");
	assert_parse_error("--mac-address zz", "invalid value 'zz' for '--mac-address'");
	assert_parse_error("--mac-address 02:42:ac:11:00", "not a valid MAC address");
	assert_parse_error("--stop-timeout 1.5", "invalid value '1.5' for '--stop-timeout': not an integer");
}

static void
test_booleans(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--privileged --init --read-only --rm --oom-kill-disable -P -t -i");
	assert_member(spec->host_config, "Privileged", "true");
	assert_member(spec->host_config, "Init", "true");
	assert_member(spec->host_config, "ReadonlyRootfs", "true");
	assert_member(spec->host_config, "AutoRemove", "true");
	assert_member(spec->host_config, "OomKillDisable", "true");
	assert_member(spec->host_config, "PublishAllPorts", "true");
	assert_member(spec->config, "Tty", "true");
	assert_member(spec->config, "OpenStdin", "true");
	berth_spec_free(spec);
	/* --init=false is sent: it overrides a daemon-wide default */
	check("--init=false", 'H', "Init", "false");
	check("--publish-all", 'H', "PublishAllPorts", "true");
	check("--interactive=false", 'C', "OpenStdin", "false");
}

static void
test_env(void **state)
{
	struct berth_spec *spec;

	(void)state;
	setenv("BERTH_TEST_SET", "from agent", 1);
	setenv("BERTH_TEST_EMPTY", "", 1);
	unsetenv("BERTH_TEST_UNSET");
	spec = parse_ok("-e A=1 --env B=x=y -e BERTH_TEST_SET -e BERTH_TEST_EMPTY -e BERTH_TEST_UNSET -e 'C=a b'");
	/* an unset name goes through bare, as the CLI sends it (the daemon keeps it so) */
	assert_member(spec->config, "Env",
		      "[\"A=1\",\"B=x=y\",\"BERTH_TEST_SET=from agent\",\"BERTH_TEST_EMPTY=\",\"BERTH_TEST_UNSET\","
		      "\"C=a b\"]");
	berth_spec_free(spec);
	/* the CLI keeps -e values in a map: one per name, the last wins */
	check("-e A=1 -e B=2 -e A=3 -e B", 'C', "Env", "[\"A=3\",\"B\"]");
	/* an error quotes the name of a variable, never its value (it goes to the log and the CIB) */
	assert_parse_error("-e =x-canary", "invalid value '=<hidden>' for '-e': no variable name");
	assert_parse_error_lacks("-e =x-canary", "x-canary");
	assert_parse_error_lacks("-l 'a b=label-canary'", "label-canary");
	assert_parse_error("-e A= rest-canary", "unexpected argument after an -e or -l value");
	assert_parse_error_lacks("-e A= rest-canary", "rest-canary");
	assert_parse_error("--init stray", "unexpected argument 'stray'");
	assert_parse_error("-e ''", "invalid value '' for '-e'");
	unsetenv("BERTH_TEST_SET");
	unsetenv("BERTH_TEST_EMPTY");
}

static void
test_env_file(void **state)
{
	static const char content[] = "\xef\xbb\xbf# comment\n"
				      "\n"
				      "   \t\n"
				      "  FOO=bar baz \n"
				      "BERTH_TEST_FROM_ENV\n"
				      "BERTH_TEST_NOT_SET\n"
				      "  # indented comment\n"
				      "WIN=crlf\r\n"
				      "EMPTY=\n"
				      "LAST=no newline";
	char *path = temp_file(content, sizeof(content) - 1), *opts = NULL, *bad = NULL;
	struct berth_spec *spec;

	(void)state;
	setenv("BERTH_TEST_FROM_ENV", "v", 1);
	unsetenv("BERTH_TEST_NOT_SET");
	/* env-file lines come before -e values, whatever the order on the line */
	assert_true(asprintf(&opts, "-e Z=1 --env-file %s -e FOO=override", path) > 0);
	spec = parse_ok(opts);
	assert_member(spec->config, "Env",
		      "[\"FOO=bar baz \",\"BERTH_TEST_FROM_ENV=v\",\"WIN=crlf\",\"EMPTY=\",\"LAST=no newline\","
		      "\"Z=1\",\"FOO=override\"]");
	berth_spec_free(spec);
	free(opts);
	unsetenv("BERTH_TEST_FROM_ENV");
	remove_temp(path);

	assert_parse_error("--env-file /nonexistent/berth.env",
			   "run_opts: cannot read the file for '--env-file': /nonexistent/berth.env: no such file");
	assert_parse_error("--env-file relative.env", "'--env-file' needs an absolute path, not 'relative.env'");
	assert_parse_error("--env-file /tmp", "/tmp is a directory, not a regular file");
	assert_parse_error("--label-file /dev/null", "/dev/null is a character device, not a regular file");
	/* a FIFO fails at once, with no writer to wait for */
	{
		char fifo[] = "/tmp/berth-test-fifo-XXXXXX";
		int fd = mkstemp(fifo);

		assert_true(fd >= 0);
		close(fd);
		unlink(fifo);
		assert_int_equal(mkfifo(fifo, 0600), 0);
		assert_true(asprintf(&bad, "--env-file=%s", fifo) > 0);
		assert_parse_error(bad, "is a FIFO (named pipe), not a regular file");
		free(bad);
		unlink(fifo);
	}

	path = temp_file("A B=1\n", 6);
	assert_true(asprintf(&bad, "--env-file=%s", path) > 0);
	assert_parse_error(bad, "the variable name on line 1 contains whitespace");
	free(bad);
	remove_temp(path);

	/* a line without '=' may be a value: no part of it is quoted */
	path = temp_file("DB_PASSWORD s3cret-canary\n", 26);
	assert_true(asprintf(&bad, "--env-file=%s", path) > 0);
	assert_parse_error(bad, "the variable name on line 1 contains whitespace");
	assert_parse_error_lacks(bad, "s3cret-canary");
	free(bad);
	remove_temp(path);

	path = temp_file("=1\n", 3);
	assert_true(asprintf(&bad, "--env-file=%s", path) > 0);
	assert_parse_error(bad, "no variable name on line 1");
	free(bad);
	remove_temp(path);

	path = temp_file("A=\xff\n", 4);
	assert_true(asprintf(&bad, "--env-file=%s", path) > 0);
	assert_parse_error(bad, "invalid UTF-8 on line 1");
	free(bad);
	remove_temp(path);
}

/* berth explain shows run_opts with the values of -e and -l hidden, found as the parse finds
 * them: in every spelling of the flags, and past a flag the parse would refuse. */
static void
test_redact(void **state)
{
	static const char *const want[] = { "--init",       "-e",
					    "A=<hidden>",   "--env=B=<hidden>",
					    "-eC=<hidden>", "-l",
					    "x=<hidden>",   "--label=z=<hidden>",
					    "-de",          "D=<hidden>",
					    "--env",        "FROM_ENV",
					    "-v",           "/a:/b",
					    "--env-file",   "/etc/x.env",
					    "--bogus",      "-e=G=<hidden>",
					    "stray",        "--label",
					    "q=<hidden>",   NULL };
	char **words = NULL;
	berth_error_t err = NULL;
	int i;

	(void)state;
	assert_int_equal(berth_runopts_redact("--init -e A=1 --env=B=2 -eC=3 -l x=y --label=z=w -de D=4 --env FROM_ENV "
					      "-v /a:/b --env-file /etc/x.env --bogus -e=G=7 stray --label 'q=a b'",
					      &words, &err),
			 0);
	for (i = 0; want[i] && words[i]; i++)
		assert_string_equal(words[i], want[i]);
	assert_null(want[i]);
	assert_null(words[i]);
	berth_words_free(words);
	/* words that cannot be split: nothing to show */
	assert_true(berth_runopts_redact("-e 'A=unterminated", &words, &err) < 0);
	assert_null(words);
	assert_non_null(strstr(err->msg, "unterminated single quote"));
	assert_null(strstr(err->msg, "A=unterminated"));
	berth_error_free(&err);
}

static void
test_file_size_cap(void **state)
{
	size_t len = 1024 * 1024 + 1;
	char *big = malloc(len), *path, *opts = NULL;

	(void)state;
	assert_non_null(big);
	memset(big, '#', len);
	path = temp_file(big, len);
	free(big);
	assert_true(asprintf(&opts, "--env-file %s", path) > 0);
	assert_parse_error(opts, "is larger than 1048576 bytes");
	free(opts);
	remove_temp(path);
}

static void
test_labels(void **state)
{
	char *path = temp_file("a=1\nb\n# c=3\nd=from file\n", 24), *opts = NULL;
	struct berth_spec *spec;

	(void)state;
	/* bare names in a label file are dropped; -l overrides the file; -l k means "" */
	assert_true(asprintf(&opts, "-l d=override --label-file %s -l x --label y=a=b", path) > 0);
	spec = parse_ok(opts);
	assert_member(spec->config, "Labels", "{\"a\":\"1\",\"d\":\"override\",\"x\":\"\",\"y\":\"a=b\"}");
	berth_spec_free(spec);
	free(opts);
	remove_temp(path);
	assert_parse_error("-l ' '", "invalid value ' ' for '-l': empty label name");
	assert_parse_error("-l 'a b=c'", "contains whitespace");
}

static void
test_volumes(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("-v /only/dst -v /src:/dst -v data:/data:ro -v /srv:/srv:rw,rslave -v /src:/dst "
			"--volume=/x:/y:z -v c:/windowsish -v /only/dst");
	assert_member(spec->config, "Volumes", "{\"/only/dst\":{},\"c:/windowsish\":{}}");
	assert_member(spec->host_config, "Binds",
		      "[\"/src:/dst\",\"data:/data:ro\",\"/srv:/srv:rw,rslave\",\"/x:/y:z\"]");
	berth_spec_free(spec);
	/* short specs are targets only; bad specs with a source still go to Binds (the daemon judges) */
	check("-v /a", 'C', "Volumes", "{\"/a\":{}}");
	check("-v a:b:c:d", 'H', "Binds", "[\"a:b:c:d\"]");
	check("-v /a::b", 'H', "Binds", "[\"/a::b\"]");
	assert_parse_error("-v ''", "invalid value '' for '-v': empty volume specification");
	check("--volumes-from other:ro --volumes-from x", 'H', "VolumesFrom", "[\"other:ro\",\"x\"]");
}

static void
test_mounts(void **state)
{
	(void)state;
	check("--mount type=bind,source=/etc,target=/host-etc,readonly,bind-propagation=RSLAVE", 'H', "Mounts",
	      "[{\"Type\":\"bind\",\"Source\":\"/etc\",\"Target\":\"/host-etc\",\"ReadOnly\":true,"
	      "\"BindOptions\":{\"Propagation\":\"rslave\"}}]");
	check("--mount Type=BIND,src=/a,dst=/b,ro=false,bind-nonrecursive,consistency=Cached", 'H', "Mounts",
	      "[{\"Type\":\"bind\",\"Source\":\"/a\",\"Target\":\"/b\",\"Consistency\":\"cached\","
	      "\"BindOptions\":{\"NonRecursive\":true}}]");
	check("--mount type=tmpfs,destination=/scratch,tmpfs-size=64m,tmpfs-mode=1770", 'H', "Mounts",
	      "[{\"Type\":\"tmpfs\",\"Target\":\"/scratch\",\"TmpfsOptions\":{\"SizeBytes\":67108864,\"Mode\":1016}}]");
	check("--mount source=myvol,target=/data,volume-nocopy,volume-label=a=b,volume-label=c,"
	      "volume-driver=local,volume-opt=type=nfs,volume-opt=o=addr=10.0.0.1",
	      'H', "Mounts",
	      "[{\"Type\":\"volume\",\"Source\":\"myvol\",\"Target\":\"/data\",\"VolumeOptions\":{\"NoCopy\":true,"
	      "\"Labels\":{\"a\":\"b\",\"c\":\"\"},\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"type\":\"nfs\","
	      "\"o\":\"addr=10.0.0.1\"}}}}]");
	/* the default type is volume; CSV quoting as in encoding/csv */
	check("--mount target=/anon --mount '\"type=bind\",\"src=/a,b\",dst=/c'", 'H', "Mounts",
	      "[{\"Type\":\"volume\",\"Target\":\"/anon\"},{\"Type\":\"bind\",\"Source\":\"/a,b\",\"Target\":\"/c\"}]");
	assert_parse_error("--mount type=bind", "invalid value 'type=bind' for '--mount': target is required");
	assert_parse_error("--mount type=,target=/x", "type is required");
	assert_parse_error("--mount target=/x,foo=1", "unexpected key 'foo' in 'foo=1'");
	assert_parse_error("--mount target=/x,source", "field 'source' must be a key=value pair");
	assert_parse_error("--mount target=/x,ro=maybe", "'maybe' is not a boolean for ro");
	assert_parse_error("--mount type=tmpfs,target=/x,volume-nocopy", "cannot mix 'volume-*' options");
	assert_parse_error("--mount type=volume,target=/x,bind-propagation=shared", "cannot mix 'bind-*' options");
	assert_parse_error("--mount type=bind,src=/a,target=/x,tmpfs-size=1m", "cannot mix 'tmpfs-*' options");
	assert_parse_error("--mount type=tmpfs,target=/x,tmpfs-size=big", "'big' is not a size");
	assert_parse_error("--mount type=tmpfs,target=/x,tmpfs-mode=999", "'999' is not an octal mode");
	assert_parse_error("--mount 'src=\"/a\",target=/x'", "bare '\"' in a non-quoted field");
	assert_parse_error("--mount ''", "empty value");
}

static void
test_memory_units(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} cases[] = {
		{ "100", "100" },
		{ "1b", "1" },
		{ "1k", "1024" },
		{ "1K", "1024" },
		{ "1kb", "1024" },
		{ "1kib", "1024" },
		{ "512m", "536870912" },
		{ "512mb", "536870912" },
		{ "512MB", "536870912" },
		{ "1g", "1073741824" },
		{ "1G", "1073741824" },
		{ "1.5g", "1610612736" },
		{ "1 g", "1073741824" },
		{ "0.5k", "512" },
		{ "1.1k", "1126" },
		{ "2t", "2199023255552" },
		{ "1p", "1125899906842624" },
		{ "0", "0" },
	};
	char opts[64], expected[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(opts, sizeof(opts), "-m '%s'", cases[i].in);
		check(opts, 'H', "Memory", cases[i].out);
		snprintf(opts, sizeof(opts), "--shm-size='%s'", cases[i].in);
		check(opts, 'H', "ShmSize", cases[i].out);
	}
	snprintf(expected, sizeof(expected), "%d", 64 * 1024 * 1024);
	check("--memory-reservation 64m", 'H', "MemoryReservation", expected);
	check("--kernel-memory 64m", 'H', "KernelMemory", expected);
	check("--memory-swap -1", 'H', "MemorySwap", "-1");
	check("--memory-swap=2g", 'H', "MemorySwap", "2147483648");
	check("--memory-swappiness 0", 'H', "MemorySwappiness", "0");
	assert_parse_error("-m abc", "run_opts: invalid value 'abc' for '-m': not a size");
	assert_parse_error("--memory=-1", "invalid value '-1' for '--memory'");
	assert_parse_error("-m 1.2.3", "invalid value '1.2.3'");
	assert_parse_error("-m 10x", "invalid value '10x'");
	assert_parse_error("-m 1gg", "invalid value '1gg'");
	assert_parse_error("-m 99999999999p", "invalid value '99999999999p'");
	assert_parse_error("--memory-swap -2", "invalid value '-2' for '--memory-swap'");
	assert_parse_error("--memory-swappiness 101", "expected an integer from 0 to 100, or -1");
}

static void
test_cpus(void **state)
{
	(void)state;
	check("--cpus 1.5", 'H', "NanoCpus", "1500000000");
	check("--cpus=0.5", 'H', "NanoCpus", "500000000");
	check("--cpus 2", 'H', "NanoCpus", "2000000000");
	check("--cpus .25", 'H', "NanoCpus", "250000000");
	check("--cpus 3/2", 'H', "NanoCpus", "1500000000");
	check("--cpus 15e-1", 'H', "NanoCpus", "1500000000");
	check("--cpus 0.000000001", 'H', "NanoCpus", "1");
	check("--cpus 1.500000000000", 'H', "NanoCpus", "1500000000");
	check("--cpus 0", 'H', "NanoCpus", "0");
	assert_parse_error("--cpus -1", "invalid value '-1' for '--cpus': must not be negative");
	assert_parse_error("--cpus abc", "invalid value 'abc' for '--cpus': not a number");
	assert_parse_error("--cpus 1.5x", "not a number");
	assert_parse_error("--cpus .", "not a number");
	assert_parse_error("--cpus ''", "not a number");
	assert_parse_error("--cpus 0.0000000001", "too precise");
	assert_parse_error("--cpus 1/3", "too precise");
	assert_parse_error("--cpus 1e20", "too large");
}

static void
test_integers(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("-c 512 --cpu-quota 50000 --cpu-period 100000 --pids-limit -1 --oom-score-adj=-500 "
			"--blkio-weight 300 --cpu-rt-period 1000 --cpu-rt-runtime 950");
	assert_member(spec->host_config, "CpuShares", "512");
	assert_member(spec->host_config, "CpuQuota", "50000");
	assert_member(spec->host_config, "CpuPeriod", "100000");
	assert_member(spec->host_config, "PidsLimit", "-1");
	assert_member(spec->host_config, "OomScoreAdj", "-500");
	assert_member(spec->host_config, "BlkioWeight", "300");
	assert_member(spec->host_config, "CpuRealtimePeriod", "1000");
	assert_member(spec->host_config, "CpuRealtimeRuntime", "950");
	berth_spec_free(spec);
	/* pflag reads ints as Go literals: hex, octal, underscores */
	check("--cpu-shares 0x200", 'H', "CpuShares", "512");
	check("--cpu-shares 010", 'H', "CpuShares", "8");
	check("--cpu-shares 0o10", 'H', "CpuShares", "8");
	check("--cpu-shares 1_024", 'H', "CpuShares", "1024");
	check("--cpu-shares +7", 'H', "CpuShares", "7");
	check("--cpu-shares=1 -c 2", 'H', "CpuShares", "2");
	assert_parse_error("--cpu-shares abc", "invalid value 'abc' for '--cpu-shares': not an integer");
	assert_parse_error("-c _1", "invalid value '_1' for '-c'");
	assert_parse_error("-c 1__0", "invalid value '1__0'");
	assert_parse_error("-c 09", "invalid value '09'");
	assert_parse_error("-c 9223372036854775808", "not an integer");
	assert_parse_error("--blkio-weight 70000", "not an integer from 0 to 65535");
	assert_parse_error("--blkio-weight -1", "invalid value '-1' for '--blkio-weight'");
}

static void
test_ulimits(void **state)
{
	(void)state;
	/* sorted by name, hard defaults to soft, the last of a name wins */
	check("--ulimit nproc=10:-1 --ulimit nofile=1024:2048 --ulimit core=0 --ulimit nofile=100", 'H', "Ulimits",
	      "[{\"Name\":\"core\",\"Hard\":0,\"Soft\":0},{\"Name\":\"nofile\",\"Hard\":100,\"Soft\":100},"
	      "{\"Name\":\"nproc\",\"Hard\":-1,\"Soft\":10}]");
	check("--ulimit memlock=-1:-1", 'H', "Ulimits", "[{\"Name\":\"memlock\",\"Hard\":-1,\"Soft\":-1}]");
	assert_parse_error("--ulimit nofile=10:5", "the soft limit must not exceed the hard limit");
	assert_parse_error("--ulimit nofile=-1:5", "the soft limit must not exceed the hard limit");
	assert_parse_error("--ulimit as=1", "unknown ulimit 'as'");
	assert_parse_error("--ulimit nofile", "expected name=soft[:hard]");
	assert_parse_error("--ulimit nofile=1:2:3", "expected name=soft[:hard]");
	assert_parse_error("--ulimit nofile=a", "'a' is not an integer");
	assert_parse_error("--ulimit nofile=0x10", "'0x10' is not an integer");
}

static void
test_ports(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("-p 8080:80");
	assert_member(spec->config, "ExposedPorts", "{\"80/tcp\":{}}");
	assert_member(spec->host_config, "PortBindings", "{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");
	berth_spec_free(spec);

	spec = parse_ok(
		"-p 127.0.0.1:8443:443/tcp -p 53:53/UDP --publish 7000 -p [::1]:8081:81 "
		"-p 127.0.0.1::82 -p 9000-9001:9000-9001 -p 7100-7102:71 -p published=8082,target=82,protocol=udp "
		"-p 8080:80 -p 8081:80 --expose 81 --expose 90-91/udp --expose 5000/sctp");
	assert_member(spec->config, "ExposedPorts",
		      "{\"443/tcp\":{},\"53/udp\":{},\"7000/tcp\":{},\"81/tcp\":{},\"82/tcp\":{},\"9000/tcp\":{},"
		      "\"9001/tcp\":{},\"71/tcp\":{},\"82/udp\":{},\"80/tcp\":{},\"90/udp\":{},\"91/udp\":{},"
		      "\"5000/sctp\":{}}");
	assert_member(spec->host_config, "PortBindings",
		      "{\"443/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8443\"}],"
		      "\"53/udp\":[{\"HostIp\":\"\",\"HostPort\":\"53\"}],"
		      "\"7000/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}],"
		      "\"81/tcp\":[{\"HostIp\":\"::1\",\"HostPort\":\"8081\"}],"
		      "\"82/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"\"}],"
		      "\"9000/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"9000\"}],"
		      "\"9001/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"9001\"}],"
		      "\"71/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"7100-7102\"}],"
		      "\"82/udp\":[{\"HostIp\":\"\",\"HostPort\":\"8082\"}],"
		      "\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"},{\"HostIp\":\"\",\"HostPort\":\"8081\"}]}");
	berth_spec_free(spec);

	check("--expose 80", 'C', "ExposedPorts", "{\"80/tcp\":{}}");
	check("-P --expose 80", 'H', "PublishAllPorts", "true");
	assert_parse_error("-p 80-81:90-95", "differ in size");
	assert_parse_error("-p 1.2.3:80:80", "invalid IP address '1.2.3'");
	assert_parse_error("-p ::1:80:80", "invalid IP address '::1' (write IPv6 as [addr])");
	assert_parse_error("-p 80/xyz", "invalid value '80/xyz' for '-p': invalid protocol 'xyz'");
	assert_parse_error("-p 8080:", "no container port");
	assert_parse_error("-p 70000", "invalid container port '70000'");
	assert_parse_error("-p 90-80", "invalid container port '90-80'");
	assert_parse_error("-p x:80", "invalid host port 'x'");
	assert_parse_error("-p published=80,bogus", "'bogus' is not name=value");
	assert_parse_error("--expose 80:90", "invalid value '80:90' for '--expose'");
	assert_parse_error("--expose abc", "invalid port or port range");
}

static void
test_network(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--net=host");
	assert_member(spec->host_config, "NetworkMode", "\"host\"");
	assert_true(spec->network_set);
	assert_int_equal(json_object_object_length(spec->networking), 0);
	berth_spec_free(spec);

	spec = parse_ok("--network none");
	assert_member(spec->host_config, "NetworkMode", "\"none\"");
	berth_spec_free(spec);

	spec = parse_ok("--network appnet --network-alias db --net-alias db2 --ip 172.31.250.10 "
			"--ip6 fd00:beef::10 --link-local-ip 169.254.1.1");
	assert_member(spec->host_config, "NetworkMode", "\"appnet\"");
	assert_string_equal(
		js(spec->networking),
		"{\"appnet\":{\"Aliases\":[\"db\",\"db2\"],\"IPAMConfig\":{\"IPv4Address\":\"172.31.250.10\","
		"\"IPv6Address\":\"fd00:beef::10\",\"LinkLocalIPs\":[\"169.254.1.1\"]}}}");
	berth_spec_free(spec);

	/* the CLI's long form; it lowercases values */
	spec = parse_ok("--network name=AppNet,alias=X,ip=172.31.250.11,driver-opt=com.example.k=V");
	assert_member(spec->host_config, "NetworkMode", "\"appnet\"");
	assert_string_equal(js(spec->networking), "{\"appnet\":{\"Aliases\":[\"x\"],\"DriverOpts\":{\"com.example.k\":"
						  "\"v\"},\"IPAMConfig\":{\"IPv4Address\":\"172.31.250.11\"}}}");
	berth_spec_free(spec);

	spec = parse_ok("--network container:other");
	assert_member(spec->host_config, "NetworkMode", "\"container:other\"");
	berth_spec_free(spec);

	assert_parse_error("--network-alias db", "--network-alias needs --network naming a user-defined network");
	assert_parse_error("--ip 10.0.0.1", "--ip needs --network");
	assert_parse_error("--network host --network-alias x", "aliases need a user-defined network, not 'host'");
	assert_parse_error("--network a --network b", "'--network' given more than once ('a', then 'b')");
	assert_parse_error("--network ''", "no network name");
	assert_parse_error("--network name=x,foo=bar", "invalid field key 'foo'");
	assert_parse_error("--network alias=x", "network name/id is not specified");
	assert_parse_error("--network name=n,alias=a --network-alias b", "conflicting options");
}

static void
test_devices_tmpfs(void **state)
{
	(void)state;
	check("--device /dev/fuse --device /dev/sda:/dev/xvda --device /dev/sdb:r --device /dev/sdc:/dev/c:rw "
	      "--device /dev/./null/",
	      'H', "Devices",
	      "[{\"PathOnHost\":\"/dev/fuse\",\"PathInContainer\":\"/dev/fuse\",\"CgroupPermissions\":\"rwm\"},"
	      "{\"PathOnHost\":\"/dev/sda\",\"PathInContainer\":\"/dev/xvda\",\"CgroupPermissions\":\"rwm\"},"
	      "{\"PathOnHost\":\"/dev/sdb\",\"PathInContainer\":\"/dev/sdb\",\"CgroupPermissions\":\"r\"},"
	      "{\"PathOnHost\":\"/dev/sdc\",\"PathInContainer\":\"/dev/c\",\"CgroupPermissions\":\"rw\"},"
	      "{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/null\",\"CgroupPermissions\":\"rwm\"}]");
	assert_parse_error("--device /dev/a:rw:x", "bad mode 'x'");
	assert_parse_error("--device rel", "'rel' is not an absolute path");
	assert_parse_error("--device /dev/a:rel", "'rel' is not an absolute path");
	assert_parse_error("--device a:b:c:d", "expected host-path[:container-path][:mode]");
	check("--device-cgroup-rule 'c 1:3 rwm' --device-cgroup-rule 'b *:* r'", 'H', "DeviceCgroupRules",
	      "[\"c 1:3 rwm\",\"b *:* r\"]");
	assert_parse_error("--device-cgroup-rule 'x 1:2 r'", "expected 'type major:minor mode'");
	check("--blkio-weight-device /dev/sda:200 --device-read-bps /dev/sda:1mb", 'H', "BlkioWeightDevice",
	      "[{\"Path\":\"/dev/sda\",\"Weight\":200}]");
	check("--device-read-bps /dev/sda:1mb", 'H', "BlkioDeviceReadBps",
	      "[{\"Path\":\"/dev/sda\",\"Rate\":1048576}]");
	check("--device-write-iops /dev/sda:100", 'H', "BlkioDeviceWriteIOps",
	      "[{\"Path\":\"/dev/sda\",\"Rate\":100}]");
	assert_parse_error("--blkio-weight-device /dev/sda:5", "the weight must be 0 or from 10 to 1000");
	assert_parse_error("--device-read-iops sda:5", "must start with /dev/");

	check("--tmpfs /run --tmpfs /tmp:rw,size=64m,mode=1777 --tmpfs /run:noexec", 'H', "Tmpfs",
	      "{\"/run\":\"noexec\",\"/tmp\":\"rw,size=64m,mode=1777\"}");
	check("--tmpfs /run", 'H', "Tmpfs", "{\"/run\":\"\"}");
}

static void
test_dns_hosts_sysctls(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--add-host db:10.0.0.1 --add-host gw:host-gateway --add-host v6:2001:db8::1 "
			"--dns 8.8.8.8 --dns ' 2001:DB8:0:0:0:0:0:1' --dns ::ffff:1.2.3.4 --dns 2001:db8:0:1:0:0:0:1 "
			"--dns-search example.com. --dns-search . --dns-option ndots:2 --dns-opt timeout:1 "
			"--sysctl net.ipv4.ip_forward=1 --sysctl kernel.shmmax=1000 --sysctl fs.mqueue.msg_max=20 "
			"--sysctl net.core.somaxconn=1 --sysctl net.core.somaxconn=2 "
			"--group-add 10 --group-add audio --cap-add NET_ADMIN --cap-add=sys_time --cap-drop ALL");
	assert_member(spec->host_config, "ExtraHosts", "[\"db:10.0.0.1\",\"gw:host-gateway\",\"v6:2001:db8::1\"]");
	/* addresses as Go prints them */
	assert_member(spec->host_config, "Dns", "[\"8.8.8.8\",\"2001:db8::1\",\"1.2.3.4\",\"2001:db8:0:1::1\"]");
	assert_member(spec->host_config, "DnsSearch", "[\"example.com\",\".\"]");
	assert_member(spec->host_config, "DnsOptions", "[\"ndots:2\",\"timeout:1\"]");
	assert_member(spec->host_config, "Sysctls",
		      "{\"net.ipv4.ip_forward\":\"1\",\"kernel.shmmax\":\"1000\",\"fs.mqueue.msg_max\":\"20\","
		      "\"net.core.somaxconn\":\"2\"}");
	assert_member(spec->host_config, "GroupAdd", "[\"10\",\"audio\"]");
	assert_member(spec->host_config, "CapAdd", "[\"NET_ADMIN\",\"sys_time\"]");
	assert_member(spec->host_config, "CapDrop", "[\"ALL\"]");
	berth_spec_free(spec);
	assert_parse_error("--add-host foo", "invalid value 'foo' for '--add-host': expected host:ip");
	assert_parse_error("--add-host :1.2.3.4", "expected host:ip");
	assert_parse_error("--add-host foo:bar", "'bar' is not an IP address");
	assert_parse_error("--dns 1.2.3", "invalid value '1.2.3' for '--dns': not an IP address");
	assert_parse_error("--dns 01.2.3.4", "not an IP address");
	assert_parse_error("--dns-search 123", "not a valid domain");
	assert_parse_error("--dns-search -bad.com", "not a valid domain");
	assert_parse_error("--sysctl kernel.foo=1", "sysctl 'kernel.foo' is not namespaced");
	assert_parse_error("--sysctl net.x", "expected name=value");
	check("--storage-opt size=1G --storage-opt x=", 'H', "StorageOpt", "{\"size\":\"1G\",\"x\":\"\"}");
	assert_parse_error("--storage-opt x", "invalid value 'x' for '--storage-opt'");
}

static void
test_namespaces(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--pid host --ipc host --uts host --userns host --cgroupns private");
	assert_member(spec->host_config, "PidMode", "\"host\"");
	assert_member(spec->host_config, "IpcMode", "\"host\"");
	assert_member(spec->host_config, "UTSMode", "\"host\"");
	assert_member(spec->host_config, "UsernsMode", "\"host\"");
	assert_member(spec->host_config, "CgroupnsMode", "\"private\"");
	berth_spec_free(spec);
	check("--pid container:db", 'H', "PidMode", "\"container:db\"");
	check("--cgroupns=host", 'H', "CgroupnsMode", "\"host\"");
	assert_parse_error("--pid foo", "invalid value 'foo' for '--pid'");
	assert_parse_error("--pid container:", "invalid value 'container:' for '--pid'");
	assert_parse_error("--uts private", "invalid value 'private' for '--uts': expected host");
	assert_parse_error("--userns foo", "invalid value 'foo' for '--userns'");
	assert_parse_error("--cgroupns x", "expected host or private");
}

static void
test_logging(void **state)
{
	struct berth_spec *spec;

	(void)state;
	spec = parse_ok("--log-driver journald --log-opt tag=redis --log-opt labels --log-opt max-size=10m "
			"--log-opt tag=r2");
	assert_member(spec->host_config, "LogConfig",
		      "{\"Type\":\"journald\",\"Config\":{\"tag\":\"r2\",\"labels\":\"\",\"max-size\":\"10m\"}}");
	berth_spec_free(spec);
	check("--log-driver none", 'H', "LogConfig", "{\"Type\":\"none\"}");
	assert_parse_error("--log-opt a=b --log-driver none", "--log-opt cannot be used with --log-driver=none");
}

static void
test_security_opt(void **state)
{
	static const char profile[] = "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
				      "  \"syscalls\": [ { \"names\": [ \"mkdir\" ], \"action\": \"SCMP_ACT_ERRNO\","
				      " \"comment\": \"a / slash, \\\"quote\\\" and  two  spaces\" } ]\n}\n";
	char *path = temp_file(profile, sizeof(profile) - 1), *opts = NULL;
	struct berth_spec *spec;

	(void)state;
	assert_true(asprintf(&opts,
			     "--security-opt no-new-privileges --security-opt label=disable "
			     "--security-opt seccomp=%s --security-opt seccomp:%s --security-opt apparmor:unconfined "
			     "--security-opt seccomp=unconfined",
			     path, path) > 0);
	spec = parse_ok(opts);
	/* the profile itself is sent, compacted, as the CLI does */
	assert_member(spec->host_config, "SecurityOpt",
		      "[\"no-new-privileges\",\"label=disable\","
		      "\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[{\\\"names\\\":"
		      "[\\\"mkdir\\\"],\\\"action\\\":\\\"SCMP_ACT_ERRNO\\\",\\\"comment\\\":\\\"a / slash, "
		      "\\\\\\\"quote\\\\\\\" and  two  spaces\\\"}]}\","
		      "\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[{\\\"names\\\":"
		      "[\\\"mkdir\\\"],\\\"action\\\":\\\"SCMP_ACT_ERRNO\\\",\\\"comment\\\":\\\"a / slash, "
		      "\\\\\\\"quote\\\\\\\" and  two  spaces\\\"}]}\","
		      "\"apparmor:unconfined\",\"seccomp=unconfined\"]");
	berth_spec_free(spec);
	free(opts);
	remove_temp(path);

	spec = parse_ok("--security-opt systempaths=unconfined");
	assert_member(spec->host_config, "MaskedPaths", "[]");
	assert_member(spec->host_config, "ReadonlyPaths", "[]");
	assert_member(spec->host_config, "SecurityOpt", NULL);
	berth_spec_free(spec);

	path = temp_file("{\"a\": }", 7);
	assert_true(asprintf(&opts, "--security-opt seccomp=%s", path) > 0);
	assert_parse_error(opts, "is not valid JSON");
	free(opts);
	remove_temp(path);
	path = temp_file("{} {}", 5);
	assert_true(asprintf(&opts, "--security-opt seccomp=%s", path) > 0);
	assert_parse_error(opts, "is not valid JSON");
	free(opts);
	remove_temp(path);
	assert_parse_error("--security-opt seccomp=/nonexistent.json",
			   "cannot read the file for '--security-opt': /nonexistent.json: no such file");
	assert_parse_error("--security-opt seccomp=profile.json", "needs an absolute path");
	assert_parse_error("--security-opt foo", "invalid value 'foo' for '--security-opt'");
}

static void
test_health(void **state)
{
	(void)state;
	check("--health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 1m30s --health-timeout=500ms "
	      "--health-retries 3 --health-start-period 1.5s",
	      'C', "Healthcheck",
	      "{\"Test\":[\"CMD-SHELL\",\"curl -f http://localhost/ || exit 1\"],\"Interval\":90000000000,"
	      "\"Timeout\":500000000,\"StartPeriod\":1500000000,\"Retries\":3}");
	check("--health-interval 1h2m3.5s --health-timeout 250us", 'C', "Healthcheck",
	      "{\"Interval\":3723500000000,\"Timeout\":250000}");
	check("--no-healthcheck", 'C', "Healthcheck", "{\"Test\":[\"NONE\"]}");
	/* zero values are no health settings */
	check("--no-healthcheck --health-retries 0 --health-interval 0s", 'C', "Healthcheck", "{\"Test\":[\"NONE\"]}");
	check("--health-cmd '' --health-retries 0", 'C', "Healthcheck", NULL);
	check("--no-healthcheck=false", 'C', "Healthcheck", NULL);
	assert_parse_error("--no-healthcheck --health-cmd true", "--no-healthcheck conflicts with --health-* options");
	assert_parse_error("--health-interval 10", "invalid value '10' for '--health-interval': not a duration");
	assert_parse_error("--health-timeout 1x", "not a duration");
	assert_parse_error("--health-timeout=-1s", "must not be negative");
	assert_parse_error("--health-start-period .s", "not a duration");
	assert_parse_error("--health-retries -1", "invalid value '-1' for '--health-retries': must not be negative");
	assert_parse_error("--health-retries x", "not an integer");
}

/* A sample value for every flag of the table; test_every_flag fails on a flag without one. */
static const struct {
	const char *name;
	const char *value; /* NULL: a boolean, given bare */
	const char *needs; /* other flags it needs to parse alone, or NULL */
	bool alone_only;   /* conflicts with another sample: left out of the all-at-once parse */
} samples[] = {
	{ "add-host", "h:1.2.3.4", NULL, false },
	{ "attach", "stdout", NULL, false },
	{ "blkio-weight", "10", NULL, false },
	{ "blkio-weight-device", "/dev/sda:10", NULL, false },
	{ "cap-add", "A", NULL, false },
	{ "cap-drop", "B", NULL, false },
	{ "cgroup-parent", "p", NULL, false },
	{ "cgroupns", "host", NULL, false },
	{ "cidfile", "/x", NULL, false },
	{ "cpu-period", "1", NULL, false },
	{ "cpu-quota", "1", NULL, false },
	{ "cpu-rt-period", "1", NULL, false },
	{ "cpu-rt-runtime", "1", NULL, false },
	{ "cpu-shares", "2", NULL, false },
	{ "cpus", "1", NULL, false },
	{ "cpuset-cpus", "0", NULL, false },
	{ "cpuset-mems", "0", NULL, false },
	{ "detach", NULL, NULL, false },
	{ "detach-keys", "x", NULL, false },
	{ "device", "/dev/null", NULL, false },
	{ "device-cgroup-rule", "a *:* rwm", NULL, false },
	{ "device-read-bps", "/dev/sda:1k", NULL, false },
	{ "device-read-iops", "/dev/sda:1", NULL, false },
	{ "device-write-bps", "/dev/sda:1k", NULL, false },
	{ "device-write-iops", "/dev/sda:1", NULL, false },
	{ "disable-content-trust", NULL, NULL, false },
	{ "dns", "1.1.1.1", NULL, false },
	{ "dns-opt", "a", NULL, false },
	{ "dns-option", "b", NULL, false },
	{ "dns-search", "example.com", NULL, false },
	{ "domainname", "d", NULL, false },
	{ "entrypoint", "e", NULL, false },
	{ "env", "A=1", NULL, false },
	{ "env-file", "@env", NULL, false }, /* @: a temporary file made by the test */
	{ "expose", "1", NULL, false },
	{ "group-add", "g", NULL, false },
	{ "health-cmd", "c", NULL, false },
	{ "health-interval", "1s", NULL, false },
	{ "health-retries", "1", NULL, false },
	{ "health-start-period", "1s", NULL, false },
	{ "health-timeout", "1s", NULL, false },
	{ "hostname", "h", NULL, false },
	{ "init", NULL, NULL, false },
	{ "interactive", NULL, NULL, false },
	{ "ip", "10.0.0.2", "--network n", false },
	{ "ip6", "fd00::2", "--network n", false },
	{ "ipc", "private", NULL, false },
	{ "kernel-memory", "1m", NULL, false },
	{ "label", "l=1", NULL, false },
	{ "label-file", "@labels", NULL, false },
	{ "link-local-ip", "169.254.0.2", "--network n", false },
	{ "log-driver", "journald", NULL, false },
	{ "log-opt", "tag=t", NULL, false },
	{ "mac-address", "02:00:00:00:00:01", NULL, false },
	{ "memory", "8m", NULL, false },
	{ "memory-reservation", "4m", NULL, false },
	{ "memory-swap", "16m", NULL, false },
	{ "memory-swappiness", "1", NULL, false },
	{ "mount", "target=/m", NULL, false },
	{ "name", "x", NULL, false },
	{ "net", "n", NULL, true }, /* one network: --network takes the all-at-once turn */
	{ "net-alias", "a1", "--network n", false },
	{ "network", "n", NULL, false },
	{ "network-alias", "a2", "--network n", false },
	{ "no-healthcheck", NULL, NULL, true }, /* conflicts with --health-* */
	{ "oom-kill-disable", NULL, NULL, false },
	{ "oom-score-adj", "1", NULL, false },
	{ "pid", "host", NULL, false },
	{ "pids-limit", "5", NULL, false },
	{ "privileged", NULL, NULL, false },
	{ "publish", "1:1", NULL, false },
	{ "publish-all", NULL, NULL, false },
	{ "pull", "never", NULL, false },
	{ "quiet", NULL, NULL, false },
	{ "read-only", NULL, NULL, false },
	{ "restart", "no", NULL, false },
	{ "rm", NULL, NULL, false },
	{ "runtime", "runc", NULL, false },
	{ "security-opt", "label=disable", NULL, false },
	{ "shm-size", "1m", NULL, false },
	{ "sig-proxy", NULL, NULL, false },
	{ "stop-signal", "SIGINT", NULL, false },
	{ "stop-timeout", "1", NULL, false },
	{ "storage-opt", "size=1G", NULL, false },
	{ "sysctl", "net.a=1", NULL, false },
	{ "tmpfs", "/t", NULL, false },
	{ "tty", NULL, NULL, false },
	{ "ulimit", "nofile=1", NULL, false },
	{ "user", "u", NULL, false },
	{ "userns", "host", NULL, false },
	{ "uts", "host", NULL, false },
	{ "volume", "/v", NULL, false },
	{ "volume-driver", "local", NULL, false },
	{ "volumes-from", "c", NULL, false },
	{ "workdir", "/w", NULL, false },
};

/* The sample value of a flag, single-quoted for the splitter; "@env" and "@labels" name the files. */
static char *
sample_word(const char *value, const char *env_file, const char *label_file)
{
	char *w = NULL;

	if (strcmp(value, "@env") == 0)
		value = env_file;
	else if (strcmp(value, "@labels") == 0)
		value = label_file;
	assert_true(asprintf(&w, "'%s'", value) > 0);
	return w;
}

/* Parse opts alone; expect success (or the refusal of a refused flag) and the flag's API mark. */
static void
check_sample(const struct runopts_flag *f, const char *opts)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;
	int rc;

	assert_non_null(spec);
	rc = berth_runopts_parse(opts, spec, &err);
	if (f->kind == FLAG_REFUSED) {
		if (rc == 0 || strstr(err->msg, "not allowed") == NULL)
			fail_msg("[%s]: a refused flag, yet: %s", opts, rc == 0 ? "parsed" : err->msg);
	} else {
		if (rc < 0)
			fail_msg("[%s] failed: %s", opts, err->msg);
		/* the spec carries the API version the flag needs, and names it */
		assert_int_equal(spec->api_major, f->api.major);
		assert_int_equal(spec->api_minor, f->api.minor);
		if (f->api.major != 0)
			assert_string_equal(spec->api_flag, f->name);
		else
			assert_null(spec->api_flag);
	}
	berth_error_free(&err);
	berth_spec_free(spec);
}

/* Every flag of the table parses with its sample value in each of its forms, alone; then all
 * of them parse together. */
static void
test_every_flag(void **state)
{
	char *env_file = temp_file("E=1\n", 4), *label_file = temp_file("lf=1\n", 5);
	char all[8192] = "";
	const struct runopts_flag *f;
	struct berth_spec *spec;
	size_t n_flags = 0;

	(void)state;
	for (size_t i = 0; (f = berth_runopts_flag_at(i)) != NULL; i++, n_flags++) {
		const char *needs = NULL, *value = NULL;
		bool found = false, alone_only = false;
		char *word = NULL, opts[512];

		for (size_t k = 0; k < sizeof(samples) / sizeof(samples[0]) && !found; k++)
			if (strcmp(samples[k].name, f->name) == 0) {
				found = true;
				value = samples[k].value;
				needs = samples[k].needs;
				alone_only = samples[k].alone_only;
			}
		if (!found)
			fail_msg("flag --%s has no sample value in test-runopts.c", f->name);
		if (i > 0)
			assert_true(strcmp(berth_runopts_flag_at(i - 1)->name, f->name) < 0); /* sorted */
		assert_true((value == NULL) == (f->kind == FLAG_BOOL));
		assert_true((f->fn == NULL) == (f->kind == FLAG_REFUSED));
		if (value != NULL) {
			word = sample_word(value, env_file, label_file);
			/* --flag=value, --flag value, and the shorthand both ways */
			snprintf(opts, sizeof(opts), "%s --%s=%s", needs ? needs : "", f->name, word);
			check_sample(f, opts);
			snprintf(opts, sizeof(opts), "%s --%s %s", needs ? needs : "", f->name, word);
			check_sample(f, opts);
			if (f->shorthand != 0) {
				snprintf(opts, sizeof(opts), "%s -%c %s", needs ? needs : "", f->shorthand, word);
				check_sample(f, opts);
				snprintf(opts, sizeof(opts), "%s -%c%s", needs ? needs : "", f->shorthand, word);
				check_sample(f, opts);
			}
		} else {
			/* --flag, --flag=true, --flag=false, and the shorthand */
			snprintf(opts, sizeof(opts), "--%s", f->name);
			check_sample(f, opts);
			snprintf(opts, sizeof(opts), "--%s=true", f->name);
			check_sample(f, opts);
			snprintf(opts, sizeof(opts), "--%s=false", f->name);
			check_sample(f, opts);
			if (f->shorthand != 0) {
				snprintf(opts, sizeof(opts), "-%c", f->shorthand);
				check_sample(f, opts);
			}
		}
		if (f->kind != FLAG_REFUSED && !alone_only) {
			size_t len = strlen(all);

			snprintf(all + len, sizeof(all) - len, " --%s%s%s", f->name, word ? " " : "", word ? word : "");
		}
		free(word);
	}
	assert_int_equal(n_flags, sizeof(samples) / sizeof(samples[0])); /* no sample for a flag that left */

	spec = parse_ok(all);
	assert_true(spec->detach);
	assert_true(spec->network_set);
	assert_true(spec->restart_set);
	assert_int_equal(json_object_object_length(spec->config), 16);
	assert_int_equal(json_object_object_length(spec->host_config), 55);
	assert_int_equal(json_object_object_length(spec->networking), 1);
	assert_int_equal(spec->api_major, 1);
	assert_int_equal(spec->api_minor, 41);
	assert_string_equal(spec->api_flag, "cgroupns");
	/* the files' lines are there too, env-file lines first */
	assert_member(spec->config, "Env", "[\"E=1\",\"A=1\"]");
	assert_member(spec->config, "Labels", "{\"lf\":\"1\",\"l\":\"1\"}");
	berth_spec_free(spec);
	remove_temp(env_file);
	remove_temp(label_file);
}

/* berth_runopts_check_api: the newest API a used flag needs, against the daemon's. */
static void
test_check_api(void **state)
{
	static const struct {
		const char *opts;
		int major, minor;  /* the daemon's */
		const char *error; /* NULL: accepted */
	} rows[] = {
		{ "", 1, 25, NULL },
		{ "--init --cpus 1 --stop-timeout 3", 1, 25, NULL }, /* 1.25 in the CLI: berth's floor */
		{ "--cgroupns host", 1, 41, NULL },
		{ "--cgroupns host", 1, 43, NULL },
		{ "--cgroupns host", 2, 0, NULL },
		{ "--cgroupns host", 1, 40,
		  "run_opts: '--cgroupns' needs Docker Engine API 1.41, but the daemon offers API 1.40" },
		{ "--cgroupns=private", 0, 99, "needs Docker Engine API 1.41, but the daemon offers API 0.99" },
		{ "--health-start-period 5s", 1, 29, NULL },
		{ "--health-start-period 5s", 1, 28, "'--health-start-period' needs Docker Engine API 1.29" },
		/* the newest need wins, whatever the order */
		{ "--health-start-period 5s --cgroupns host", 1, 40, "'--cgroupns' needs Docker Engine API 1.41" },
		{ "--cgroupns host --health-start-period 5s", 1, 30, "'--cgroupns' needs" },
		{ "--cgroupns host --health-start-period 5s", 1, 28, "'--cgroupns' needs" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct berth_spec *spec = parse_ok(rows[i].opts);
		berth_error_t err = NULL;
		int rc = berth_runopts_check_api(spec, rows[i].major, rows[i].minor, &err);

		if (rows[i].error == NULL && rc != 0)
			fail_msg("[%s] against %d.%d: %s", rows[i].opts, rows[i].major, rows[i].minor, err->msg);
		if (rows[i].error != NULL) {
			if (rc == 0)
				fail_msg("[%s] against %d.%d: accepted", rows[i].opts, rows[i].major, rows[i].minor);
			assert_int_equal(err->cause, BERTH_E_API_OLD);
			if (strstr(err->msg, rows[i].error) == NULL)
				fail_msg("[%s]: message '%s' lacks '%s'", rows[i].opts, err->msg, rows[i].error);
		}
		berth_error_free(&err);
		berth_spec_free(spec);
	}
}

/* The API mark merges like the rest: it only rises, and a failed parse leaves it alone. */
static void
test_api_merge(void **state)
{
	struct berth_spec *spec = parse_ok("--cgroupns host");
	berth_error_t err = NULL;

	(void)state;
	assert_int_equal(berth_runopts_parse("--health-start-period 1s", spec, &err), 0);
	assert_int_equal(spec->api_minor, 41);
	assert_string_equal(spec->api_flag, "cgroupns");
	assert_true(berth_runopts_parse("--health-start-period 1s --bogus", spec, &err) < 0);
	berth_error_free(&err);
	assert_int_equal(spec->api_minor, 41);
	berth_spec_free(spec);

	spec = parse_ok("--health-start-period 1s");
	assert_true(berth_runopts_parse("--cgroupns host --restart always", spec, &err) < 0);
	berth_error_free(&err);
	assert_int_equal(spec->api_major, 1);
	assert_int_equal(spec->api_minor, 29);
	assert_string_equal(spec->api_flag, "health-start-period");
	assert_int_equal(berth_runopts_parse("--cgroupns host", spec, &err), 0);
	assert_int_equal(spec->api_minor, 41);
	assert_string_equal(spec->api_flag, "cgroupns");
	berth_spec_free(spec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_errors_reported),
		cmocka_unit_test(test_pacemaker_bundle),
		cmocka_unit_test(test_pacemaker_podman_bundle),
		cmocka_unit_test(test_empty_run_opts),
		cmocka_unit_test(test_value_forms),
		cmocka_unit_test(test_bool_forms),
		cmocka_unit_test(test_short_clusters),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_ignored_client_flags),
		cmocka_unit_test(test_failure_leaves_spec_alone),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_env_file),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_file_size_cap),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_volumes),
		cmocka_unit_test(test_mounts),
		cmocka_unit_test(test_memory_units),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_ulimits),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_network),
		cmocka_unit_test(test_devices_tmpfs),
		cmocka_unit_test(test_dns_hosts_sysctls),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_logging),
		cmocka_unit_test(test_security_opt),
		cmocka_unit_test(test_health),
		cmocka_unit_test(test_every_flag),
		cmocka_unit_test(test_check_api),
		cmocka_unit_test(test_api_merge),
	};

	return cmocka_run_group_tests_name("runopts", tests, NULL, NULL);
}
