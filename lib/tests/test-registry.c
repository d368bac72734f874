/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests: registry credentials. A table of credential files and images -> what the lookup
 * finds; a fake credential helper (a script this test writes into a temporary directory put first
 * on PATH); the X-Registry-Auth header decoded back; no secret in any error message. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>

#include "deadline.h"
#include "registry.h"
#include "slack.h"

static char dir[64], file[128];
static struct berth_deadline deadline;

/* The fake helper: answers by registry, logs what it was asked, and fails in the ways helpers do.
 * "secret" words in its stderr and stdout must never reach an error message. */
static const char helper[] =
	"#!/bin/sh\n"
	"[ \"$1\" = get ] || exit 3\n"
	"reg=$(cat)\n"
	"printf '%s\\n' \"$reg\" >>\"$(dirname \"$0\")/asked\"\n"
	"case \"$reg\" in\n"
	"helper.example.com) echo "
	"'{\"ServerURL\":\"helper.example.com\",\"Username\":\"huser\",\"Secret\":\"hsecret\"}' ;;\n"
	"token.example.com) echo "
	"'{\"ServerURL\":\"token.example.com\",\"Username\":\"<token>\",\"Secret\":\"tok-s3cret\"}' ;;\n"
	"https://index.docker.io/v1/) echo '{\"ServerURL\":\"x\",\"Username\":\"hubuser\",\"Secret\":\"hubs3cret\"}' "
	";;\n"
	"broken.example.com) echo 'stderr-s3cret' >&2; echo 'stdout-s3cret'; exit 2 ;;\n"
	"nosecret.example.com) echo '{\"Username\":\"u\"}' ;;\n"
	"slow.example.com) exec sleep 10 ;;\n"
	"lingering.example.com) exec >&- 2>&-; sleep 10 ;;\n"
	"*) echo 'credentials not found in native keychain'; exit 1 ;;\n"
	"esac\n";

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static int
setup(void **state)
{
	char path[128];
	const char *old = getenv("PATH");
	char *newpath;

	snprintf(dir, sizeof(dir), "/tmp/berth-unit.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/auth.json", dir);
	snprintf(path, sizeof(path), "%s/docker-credential-fake", dir);
	write_file(path, helper, 0755);
	newpath = malloc(strlen(dir) + strlen(old ? old : "/usr/bin:/bin") + 2);
	assert_non_null(newpath);
	snprintf(newpath, strlen(dir) + strlen(old ? old : "/usr/bin:/bin") + 2, "%s:%s", dir,
		 old ? old : "/usr/bin:/bin");
	setenv("PATH", newpath, 1);
	free(newpath);
	berth_deadline_init(&deadline, 20000);
	return 0;
}

static int
teardown(void **state)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/docker-credential-fake", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/asked", dir);
	unlink(path);
	unlink(file);
	rmdir(dir);
	return 0;
}

/* base64("alice:pw1") and friends, as `docker login` writes them. */
#define ALICE "YWxpY2U6cHcx"     /* alice:pw1 */
#define BOB   "Ym9iOnB3Mg=="     /* bob:pw2 */
#define CAROL "Y2Fyb2w6cDpzOnc=" /* carol:p:s:w (a password may hold ':') */
#define HUB   "aHViOmh1YnB3"     /* hub:hubpw */

struct row {
	const char *config; /* the file's text */
	const char *image;
	const char *user, *pass, *token; /* expected; all NULL: no credentials */
	const char *source;              /* a word the source must contain */
};

static const struct row rows[] = {
	/* auths: exact registry key, base64 user:password */
	{ "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" ALICE "\"}}}", "127.0.0.1:5000/berth/test", "alice", "pw1",
	  NULL, "auths" },
	{ "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" ALICE "\"}}}", "127.0.0.1:5000/berth/test:v2@sha256:ab",
	  "alice", "pw1", NULL, "auths" },
	/* another port is another registry */
	{ "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" ALICE "\"}}}", "127.0.0.1:5001/berth/test", NULL, NULL, NULL,
	  NULL },
	/* a registry given as a URL, as old docker logins wrote it; host names are case-blind */
	{ "{\"auths\":{\"https://Registry.Example.com/v2/\":{\"auth\":\"" BOB "\"}}}",
	  "registry.example.com/team/app:1", "bob", "pw2", NULL, "auths" },
	{ "{\"auths\":{\"localhost:5000\":{\"auth\":\"" CAROL "\"}}}", "localhost:5000/app", "carol", "p:s:w", NULL,
	  "auths" },
	{ "{\"auths\":{\"localhost\":{\"auth\":\"" BOB "\"}}}", "localhost/app", "bob", "pw2", NULL, "auths" },
	/* a first component without '.', ':' or "localhost" is a Docker Hub namespace */
	{ "{\"auths\":{\"team\":{\"auth\":\"" BOB "\"}}}", "team/app", NULL, NULL, NULL, NULL },
	/* Docker Hub under each of its spellings */
	{ "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" HUB "\"}}}", "nginx", "hub", "hubpw", NULL,
	  "auths" },
	{ "{\"auths\":{\"docker.io\":{\"auth\":\"" HUB "\"}}}", "library/nginx:1.25", "hub", "hubpw", NULL, "auths" },
	{ "{\"auths\":{\"index.docker.io\":{\"auth\":\"" HUB "\"}}}", "docker.io/team/app", "hub", "hubpw", NULL,
	  "auths" },
	{ "{\"auths\":{\"registry-1.docker.io\":{\"auth\":\"" HUB "\"}}}", "team/app", "hub", "hubpw", NULL, "auths" },
	{ "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" HUB "\"}}}", "quay.io/team/app", NULL, NULL, NULL,
	  NULL },
	/* an identity token wins over the auth beside it */
	{ "{\"auths\":{\"reg.example.com\":{\"auth\":\"" ALICE "\",\"identitytoken\":\"idt-s3cret\"}}}",
	  "reg.example.com/app", NULL, NULL, "idt-s3cret", "auths" },
	/* podman's auth.json: username/password members, and namespaced keys (the most specific wins) */
	{ "{\"auths\":{\"quay.io\":{\"username\":\"q\",\"password\":\"qpw\"},\"quay.io/org\":{\"auth\":\"" BOB "\"}}}",
	  "quay.io/org/app:1", "bob", "pw2", NULL, "auths" },
	{ "{\"auths\":{\"quay.io/org\":{\"auth\":\"" BOB "\"},\"quay.io\":{\"username\":\"q\",\"password\":\"qpw\"}}}",
	  "quay.io/organisation/app", "q", "qpw", NULL, "auths" },
	{ "{\"auths\":{\"docker.io/library\":{\"auth\":\"" HUB "\"}}}", "nginx", "hub", "hubpw", NULL, "auths" },
	/* an entry without credentials (what `docker login` leaves with a credsStore) */
	{ "{\"auths\":{\"127.0.0.1:5000\":{}}}", "127.0.0.1:5000/app", NULL, NULL, NULL, NULL },
	{ "{}", "127.0.0.1:5000/app", NULL, NULL, NULL, NULL },
	/* credHelpers: the helper named for the registry, before auths */
	{ "{\"credHelpers\":{\"helper.example.com\":\"fake\"},\"auths\":{\"helper.example.com\":{\"auth\":\"" ALICE
	  "\"}}}",
	  "helper.example.com/app", "huser", "hsecret", NULL, "docker-credential-fake" },
	{ "{\"credHelpers\":{\"token.example.com\":\"fake\"}}", "token.example.com/app", NULL, NULL, "tok-s3cret",
	  "credHelpers" },
	/* a helper that knows nothing of the registry: no credentials (docker does not fall back) */
	{ "{\"credHelpers\":{\"other.example.com\":\"fake\"},\"auths\":{\"other.example.com\":{\"auth\":\"" ALICE
	  "\"}}}",
	  "other.example.com/app", NULL, NULL, NULL, NULL },
	/* credsStore: the default helper, asked with Docker Hub's key */
	{ "{\"credsStore\":\"fake\",\"auths\":{\"https://index.docker.io/v1/\":{}}}", "nginx", "hubuser", "hubs3cret",
	  NULL, "credsStore" },
	/* credHelpers for one registry, credsStore for the rest */
	{ "{\"credsStore\":\"fake\",\"credHelpers\":{\"token.example.com\":\"fake\"}}", "helper.example.com/x", "huser",
	  "hsecret", NULL, "credsStore" },
};

static void
test_table(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct berth_registry_auth auth;
		berth_error_t err = NULL;
		int ret;

		write_file(file, r->config, 0600);
		ret = berth_registry_lookup(r->image, file, &deadline, &auth, &err);
		if (ret != 0)
			fail_msg("row %zu (%s): %s", i, r->image, err ? err->msg : "?");
		if (r->user == NULL && r->token == NULL) {
			if (berth_registry_auth_found(&auth))
				fail_msg("row %zu (%s): found credentials from %s", i, r->image, auth.source);
			assert_null(auth.source);
		} else {
			if (!berth_registry_auth_found(&auth))
				fail_msg("row %zu (%s): no credentials", i, r->image);
			if (r->token) {
				assert_string_equal(auth.identitytoken, r->token);
				assert_null(auth.password);
			} else {
				assert_string_equal(auth.username, r->user);
				assert_string_equal(auth.password, r->pass);
				assert_null(auth.identitytoken);
			}
			if (strstr(auth.source, r->source) == NULL)
				fail_msg("row %zu: source '%s' does not say '%s'", i, auth.source, r->source);
		}
		assert_non_null(auth.searched);
		berth_registry_auth_release(&auth);
		assert_null(auth.key);
	}
}

static void
test_keys(void **state)
{
	static const char *const keys[][2] = {
		{ "nginx", BERTH_REGISTRY_HUB_KEY },
		{ "nginx:1.25", BERTH_REGISTRY_HUB_KEY },
		{ "library/nginx@sha256:abcd", BERTH_REGISTRY_HUB_KEY },
		{ "team/app:v1", BERTH_REGISTRY_HUB_KEY },
		{ "docker.io/library/nginx", BERTH_REGISTRY_HUB_KEY },
		{ "index.docker.io/team/app", BERTH_REGISTRY_HUB_KEY },
		{ "registry-1.docker.io/team/app", BERTH_REGISTRY_HUB_KEY },
		{ "localhost/app", "localhost" },
		{ "localhost:5000/app:v2", "localhost:5000" },
		{ "127.0.0.1:5000/berth/test", "127.0.0.1:5000" },
		{ "registry.example.com/team/app:1@sha256:ab", "registry.example.com" },
		{ "reg:5000/app", "reg:5000" },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *k = berth_registry_key(keys[i][0]);

		if (strcmp(k, keys[i][1]) != 0)
			fail_msg("%s: key %s, expected %s", keys[i][0], k, keys[i][1]);
		free(k);
	}
}

/* The helper is asked with the registry key on stdin, nothing else. */
static void
test_helper_is_asked_the_key(void **state)
{
	struct berth_registry_auth auth;
	berth_error_t err = NULL;
	char path[128], asked[256] = "";
	FILE *f;
	size_t n;

	write_file(file, "{\"credsStore\":\"fake\"}", 0600);
	assert_int_equal(berth_registry_lookup("127.0.0.1:5000/app:1", file, &deadline, &auth, &err), 0);
	assert_false(berth_registry_auth_found(&auth));
	/* "where berth looked" names the helper, for the reason of a pull that needs credentials */
	assert_non_null(strstr(auth.searched, "docker-credential-fake"));
	assert_non_null(strstr(auth.searched, file));
	berth_registry_auth_release(&auth);
	assert_int_equal(berth_registry_lookup("nginx", file, &deadline, &auth, &err), 0);
	berth_registry_auth_release(&auth);
	snprintf(path, sizeof(path), "%s/asked", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(asked, 1, sizeof(asked) - 1, f);
	asked[n] = '\0';
	fclose(f);
	assert_string_equal(asked, "127.0.0.1:5000\nhttps://index.docker.io/v1/\n");
}

/* Failures: an error with the file or helper named and no secret in it. */
static void
test_errors_hold_no_secret(void **state)
{
	static const char *const bad[][3] = {
		/* config, image, what the message must say */
		{ "{\"credHelpers\":{\"broken.example.com\":\"fake\"}}", "broken.example.com/app", "exit 2" },
		{ "{\"credHelpers\":{\"nosecret.example.com\":\"fake\"}}", "nosecret.example.com/app",
		  "without a Secret" },
		{ "{\"credHelpers\":{\"x.example.com\":\"nosuch\"}}", "x.example.com/app", "docker-credential-nosuch" },
		{ "{\"credsStore\":\"../../bin/evil\"}", "x.example.com/app", "not a helper name" },
		{ "{\"auths\":{\"x.example.com\":{\"auth\":\"bm9jb2xvbnMzY3JldA==\"}}}", "x.example.com/app",
		  "not the base64 of user:password" },
		{ "{\"auths\":{\"x.example.com\":{\"auth\":\"!!s3cret!!\"}}}", "x.example.com/app", "not the base64" },
		{ "{\"auths\":{\"x.example.com\":{\"auth\":\"s3cret\"", "x.example.com/app", "not a JSON object" },
		{ "[\"s3cret\"]", "x.example.com/app", "not a JSON object" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct berth_registry_auth auth;
		berth_error_t err = NULL;

		write_file(file, bad[i][0], 0600);
		if (berth_registry_lookup(bad[i][1], file, &deadline, &auth, &err) == 0)
			fail_msg("row %zu: no error", i);
		assert_non_null(err);
		if (strstr(err->msg, bad[i][2]) == NULL)
			fail_msg("row %zu: '%s' does not say '%s'", i, err->msg, bad[i][2]);
		if (strstr(err->msg, "s3cret") != NULL)
			fail_msg("row %zu: a secret in '%s'", i, err->msg);
		assert_false(berth_registry_auth_found(&auth));
		berth_error_free(&err);
		berth_registry_auth_release(&auth);
	}
}

/* A helper that hangs is killed at the deadline. */
static void
test_helper_bounded_by_deadline(void **state)
{
	struct berth_registry_auth auth;
	struct berth_deadline d;
	berth_error_t err = NULL;
	long long t0 = berth_now_ms();

	/* The budget counts from the process start: take it from now. */
	d.start_ms = t0;
	d.end_ms = t0 + 800;
	d.hard_ms = t0 + 1000;
	write_file(file, "{\"credHelpers\":{\"slow.example.com\":\"fake\"}}", 0600);
	assert_true(berth_registry_lookup("slow.example.com/app", file, &d, &auth, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_TIMEDOUT);
	assert_true(berth_now_ms() - t0 < 3000 + berth_test_slack_ms());
	berth_error_free(&err);
	berth_registry_auth_release(&auth);

	/* One that closes its output and stays: its exit is waited for within the deadline too. */
	t0 = berth_now_ms();
	d.start_ms = t0;
	d.end_ms = t0 + 800;
	d.hard_ms = t0 + 1000;
	write_file(file, "{\"credHelpers\":{\"lingering.example.com\":\"fake\"}}", 0600);
	assert_true(berth_registry_lookup("lingering.example.com/app", file, &d, &auth, &err) < 0);
	assert_int_equal(berth_error_cause(err), BERTH_E_TIMEDOUT);
	assert_true(berth_now_ms() - t0 < 3000 + berth_test_slack_ms());
	berth_error_free(&err);
	berth_registry_auth_release(&auth);
}

/* Which file: authfile, else $DOCKER_CONFIG/config.json, else ~/.docker/config.json. A missing
 * default file has no credentials; a missing authfile is an error. */
static void
test_which_file(void **state)
{
	struct berth_registry_auth auth;
	berth_error_t err = NULL;
	char cfg[160], *p;

	setenv("DOCKER_CONFIG", dir, 1);
	p = berth_registry_config_path(NULL);
	snprintf(cfg, sizeof(cfg), "%s/config.json", dir);
	assert_string_equal(p, cfg);
	free(p);
	p = berth_registry_config_path("/etc/berth/auth.json");
	assert_string_equal(p, "/etc/berth/auth.json");
	free(p);
	unsetenv("DOCKER_CONFIG");
	setenv("HOME", "/nonexistent-home", 1);
	p = berth_registry_config_path(NULL);
	assert_string_equal(p, "/nonexistent-home/.docker/config.json");
	free(p);

	assert_int_equal(berth_registry_lookup("127.0.0.1:5000/app", NULL, &deadline, &auth, &err), 0);
	assert_false(berth_registry_auth_found(&auth));
	assert_string_equal(auth.searched, "/nonexistent-home/.docker/config.json (absent)");
	berth_registry_auth_release(&auth);

	setenv("DOCKER_CONFIG", dir, 1);
	write_file(cfg, "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" ALICE "\"}}}", 0600);
	assert_int_equal(berth_registry_lookup("127.0.0.1:5000/app", NULL, &deadline, &auth, &err), 0);
	assert_string_equal(auth.username, "alice");
	berth_registry_auth_release(&auth);
	unlink(cfg);
	unsetenv("DOCKER_CONFIG");

	assert_true(berth_registry_lookup("127.0.0.1:5000/app", "/nonexistent/auth.json", &deadline, &auth, &err) < 0);
	assert_non_null(strstr(err->msg, "/nonexistent/auth.json"));
	berth_error_free(&err);
	berth_registry_auth_release(&auth);
}

/* An authfile that is a FIFO (or a device, or a directory) fails at once, saying what it is: it
 * is never opened for a read that waits for a writer until the operation times out. */
static void
test_authfile_not_a_file(void **state)
{
	struct berth_registry_auth auth;
	berth_error_t err = NULL;
	char fifo[160];
	time_t t0;

	snprintf(fifo, sizeof(fifo), "%s/auth.fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	t0 = time(NULL);
	alarm(10); /* a read that waits for a writer ends the test (SIGALRM) instead of hanging it */
	assert_true(berth_registry_lookup("127.0.0.1:5000/app", fifo, &deadline, &auth, &err) < 0);
	alarm(0);
	assert_true(time(NULL) - t0 <= 1);
	assert_non_null(strstr(err->msg, "is a FIFO (named pipe), not a regular file"));
	assert_non_null(strstr(err->msg, fifo));
	berth_error_free(&err);
	berth_registry_auth_release(&auth);
	unlink(fifo);
	assert_true(berth_registry_lookup("127.0.0.1:5000/app", "/dev/zero", &deadline, &auth, &err) < 0);
	assert_non_null(strstr(err->msg, "/dev/zero is a character device, not a regular file"));
	berth_error_free(&err);
	berth_registry_auth_release(&auth);
}

/* Decode base64url (with padding) for the test. */
static char *
unb64url(const char *s)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	char *out = calloc(1, strlen(s));
	unsigned int acc = 0;
	int bits = 0;
	size_t o = 0;

	assert_non_null(out);
	for (; *s && *s != '='; s++) {
		const char *p = strchr(abc, *s);

		assert_non_null(p);
		acc = (acc << 6) | (unsigned int)(p - abc);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	return out;
}

static void
check_header(const struct berth_registry_auth *auth, const char *expected)
{
	char *h = berth_registry_header(auth), *json;
	json_object *a, *b;

	assert_non_null(h);
	assert_int_equal(strncmp(h, "X-Registry-Auth: ", 17), 0);
	assert_null(strpbrk(h + 17, "+/ \r\n"));
	assert_int_equal(strlen(h + 17) % 4, 0);
	json = unb64url(h + 17);
	a = json_tokener_parse(json);
	b = json_tokener_parse(expected);
	assert_non_null(a);
	if (!json_object_equal(a, b))
		fail_msg("header %s, expected %s", json, expected);
	json_object_put(a);
	json_object_put(b);
	free(json);
	berth_registry_header_free(h);
}

static void
test_header(void **state)
{
	struct berth_registry_auth auth = { 0 };

	auth.key = strdup("127.0.0.1:5000");
	assert_null(berth_registry_header(&auth));
	/* characters that base64 writes as '+' and '/' in the standard alphabet */
	auth.username = strdup("alice");
	auth.password = strdup("p>w?\"\\~");
	check_header(&auth,
		     "{\"username\":\"alice\",\"password\":\"p>w?\\\"\\\\~\",\"serveraddress\":\"127.0.0.1:5000\"}");
	berth_registry_auth_release(&auth);
	auth.key = strdup(BERTH_REGISTRY_HUB_KEY);
	auth.identitytoken = strdup("idt");
	check_header(&auth, "{\"identitytoken\":\"idt\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
	berth_registry_auth_release(&auth);
	/* control characters and UTF-8 in a password: escaped, or kept as they are */
	auth.key = strdup("r.example:5000");
	auth.username = strdup("");
	auth.password = strdup("a\tb\001c\177\303\251/");
	check_header(&auth, "{\"username\":\"\",\"password\":\"a\\tb\\u0001c\\u007f\xc3\xa9/"
			    "\",\"serveraddress\":\"r.example:5000\"}");
	berth_registry_auth_release(&auth);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table, setup, teardown),
		cmocka_unit_test(test_keys),
		cmocka_unit_test_setup_teardown(test_helper_is_asked_the_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_hold_no_secret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_helper_bounded_by_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_which_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_authfile_not_a_file, setup, teardown),
		cmocka_unit_test(test_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
