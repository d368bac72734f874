/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth migrate: a CIB's ocf:heartbeat:docker primitives turned into ocf:berth:docker ones
 * (berth(8); docs/switching.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "alloc.h"
#include "file.h"
#include "json.h"
#include "migrate.h"
#include "params.h"
#include "request.h"
#include "spec.h"
#include "words.h"

#define REPLACE_MS 120000L
#define CIB_MAX    (64u * 1024 * 1024)

/* ---- migrate ---- */

/* The CIB file, with the one reader (file.h): a regular file of at most CIB_MAX bytes (what
 * cibadmin --query may print to berth, lib/cib.c), so that a FIFO or a device given to -f fails
 * at once, saying what it is. */
static int
read_file(const char *path, char **text, size_t *len, berth_error_t *err)
{
	return berth_file_read(AT_FDCWD, path, 0, CIB_MAX, text, len, err);
}

/* The temporary files of this run (copies of the CIB, the patch): removed when berth ends, and
 * when a signal (SIGINT, SIGTERM, SIGHUP) ends it, so that no copy of the cluster's configuration
 * stays behind in /tmp. */
#define MAX_TEMPS 4
static char *temps[MAX_TEMPS];
static volatile sig_atomic_t ntemps;

static void
remove_temps(void)
{
	sig_atomic_t i;

	for (i = 0; i < ntemps; i++)
		if (temps[i] != NULL)
			unlink(temps[i]);
}

static void
remove_temps_and_die(int sig)
{
	remove_temps();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A private temporary file holding text; its path in *path (malloc'd, and kept in temps). */
static int
write_temp(const char *text, size_t len, char **path, berth_error_t *err)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	const char *dir = getenv("TMPDIR");
	char *p = berth_xasprintf("%s/berth-cib.XXXXXX", dir && dir[0] ? dir : "/tmp");
	sigset_t block, old;
	size_t done = 0, i;
	int fd;

	*path = NULL;
	if (ntemps == 0) {
		atexit(remove_temps);
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
			struct sigaction sa = { .sa_handler = remove_temps_and_die };

			sigemptyset(&sa.sa_mask);
			sigaction(sigs[i], &sa, NULL);
		}
	}
	if (ntemps >= MAX_TEMPS) {
		free(p);
		return berth_error_set(err, EMFILE, "too many temporary files");
	}
	/* the file exists only once the handlers know it */
	sigemptyset(&block);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(p);
	if (fd >= 0) {
		temps[ntemps] = p;
		ntemps++;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		int e = errno;

		free(p);
		return berth_error_set(err, e, "cannot create a temporary file: %s", strerror(e));
	}
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int e = errno;

			close(fd);
			unlink(p);
			return berth_error_set(err, e, "cannot write a temporary file: %s", strerror(e));
		}
		done += (size_t)w;
	}
	close(fd);
	*path = berth_xstrdup(p);
	return 0;
}

/* The start tag around offset off of xml */
static char *
tag_at(const char *xml, size_t off)
{
	size_t a = off, b = off;

	while (a > 0 && xml[a] != '<')
		a--;
	while (xml[b] && xml[b] != '>')
		b++;
	return berth_xstrndup(xml + a, b - a + (xml[b] == '>'));
}

static void
add_str(json_object *arr, char *s)
{
	berth_json_append(arr, json_object_new_string(s));
	free(s);
}

/* What migrating one primitive changes, and what stands in the way. */
static json_object *
migrate_check(const struct berth_cib *snapshot, const char *xml, const struct berth_migrate_target *t,
	      berth_error_t *err)
{
	json_object *r = berth_nonnull(json_object_new_object());
	json_object *changes = berth_nonnull(json_object_new_array()),
		    *blockers = berth_nonnull(json_object_new_array());
	json_object *problems = berth_nonnull(json_object_new_array());
	berth_cleanup(admin_kvs) struct kvs params = { 0 };
	berth_cleanup(request) struct berth_request req = { 0 };
	cleanup_free char *tag = tag_at(xml, t->provider_off), *gu = NULL;
	const char *const words[] = { "run_opts", "run_cmd", "monitor_cmd" };
	struct berth_params p;
	bool unique = false;
	size_t i;

	berth_json_set(r, "id", json_object_new_string(t->id));
	if (t->clone != NULL)
		berth_json_set(r, "clone", json_object_new_string(t->clone));
	berth_json_set(r, "changes", changes);
	berth_json_set(r, "blockers", blockers);
	if (berth_admin_cib_params(snapshot, t->id, &params, err) < 0) {
		json_object_put(r);
		json_object_put(problems);
		return NULL;
	}
	{
		/* the start tag, before and after: tag_at starts at the '<' before the provider */
		const char *value = xml + t->provider_off, *start = value;
		size_t before;

		while (start > xml && *start != '<')
			start--;
		before = (size_t)(value - start);
		add_str(changes, berth_xasprintf("- %s", tag));
		add_str(changes, berth_xasprintf("+ %.*sberth%s", (int)before, tag, tag + before + t->provider_len));
	}
	if (t->container_len > 0) {
		const char *c = berth_admin_kvs_get(&params, "container");

		if (t->has_name)
			add_str(blockers,
				berth_xasprintf("it has both the deprecated parameter container=%s and name=%s; "
						"the shell agent uses container, berth uses name: remove one",
						c ? c : "",
						berth_admin_kvs_get(&params, "name")
							? berth_admin_kvs_get(&params, "name")
							: ""));
		else
			add_str(changes, berth_xasprintf("parameter container=%s becomes name=%s (berth reads "
							 "container too, but only as a deprecated name)",
							 c ? c : "", c ? c : ""));
	}
	for (i = 0; i < 3; i++) {
		cleanup_free char *why = NULL;

		if (berth_migrate_shell_words(words[i], berth_admin_kvs_get(&params, words[i]), &why))
			add_str(blockers, berth_xstrdup(why));
	}
	/* berth's own checks, all of them: what validate-all would refuse */
	berth_admin_set_environment(&params, t->id, t->clone != NULL ? 0 : -1);
	if (berth_params_load(&p, err) < 0) {
		add_str(blockers, berth_xasprintf("berth refuses its configuration: %s", (*err)->msg));
		berth_error_free(err);
	}
	(void)berth_request_build(&p, &req, berth_admin_collect_problem, problems, NULL);
	for (i = 0; i < json_object_array_length(problems); i++)
		add_str(blockers, berth_xasprintf("berth refuses its configuration: %s",
						  json_object_get_string(json_object_array_get_idx(problems, i))));
	json_object_put(problems);
	if (req.spec != NULL && !req.spec->network_set)
		add_str(blockers, berth_xstrdup("its run_opts name no network: the shell agent's container is on "
						"Docker's default bridge, berth would use the host network (and not "
						"adopt the running container): add --net=bridge to run_opts first "
						"(or --net=host if that is what it should be)"));
	if (t->clone != NULL) {
		(void)berth_cib_attr(snapshot, t->id, "globally-unique", true, &gu, NULL);
		(void)berth_ocf_parse_bool(gu, &unique);
		if (!unique) {
			const char *shown =
				berth_admin_kvs_get(&params, "container") ? berth_admin_kvs_get(&params, "container")
				: berth_admin_kvs_get(&params, "name")    ? berth_admin_kvs_get(&params, "name")
									  : t->id;

			add_str(blockers,
				berth_xasprintf("it is in the anonymous clone %s: the shell agent names every "
						"instance's container %s, berth names them %s-N, so berth "
						"would not adopt the running containers: stop the clone for "
						"the switch",
						t->clone, shown, shown));
		} else if (berth_admin_kvs_get(&params, "name") != NULL ||
			   berth_admin_kvs_get(&params, "container") != NULL)
			add_str(blockers, berth_xasprintf("it is in the globally-unique clone %s with an explicit "
							  "container name: berth appends -N to it, the shell agent "
							  "does not: stop the clone for the switch",
							  t->clone));
	}
	berth_params_release(&p);
	berth_json_set(r, "migratable", json_object_new_boolean(json_object_array_length(blockers) == 0));
	return r;
}

static const char *const procedure[] = {
	"pcs property set maintenance-mode=true      (no operation runs meanwhile)",
	"berth migrate --apply                       (the change, as shown above)",
	"crm_resource --refresh                      (berth probes, adopts the shell agent's containers)",
	"pcs property set maintenance-mode=false",
	"crm_mon -1                                  (every resource still Started)",
	NULL,
};

int
berth_admin_migrate(const struct opts *o, int argc, char **argv)
{
	cleanup_json json_object *doc = berth_nonnull(json_object_new_object());
	json_object *rsc = berth_nonnull(json_object_new_array()), *proc = berth_nonnull(json_object_new_array());
	cleanup_free char *xml = NULL, *version = NULL, *snap_path = NULL, *new_xml = NULL, *new_path = NULL;
	struct berth_migrate_target *t = NULL;
	cleanup_free bool *selected = NULL;
	struct berth_cib cib = { o->file }, snapshot = { NULL };
	berth_error_t err = NULL;
	size_t len = 0, n = 0, i, migratable = 0, blocked = 0;
	int rc = EXIT_OK, k;

	berth_json_set(doc, "resources", rsc);
	berth_json_set(doc, "procedure", proc);
	for (i = 0; procedure[i]; i++)
		berth_json_append(proc, json_object_new_string(procedure[i]));
	/* one snapshot of the CIB: everything below reads that one */
	if (o->file != NULL) {
		if (read_file(o->file, &xml, &len, &err) < 0)
			return berth_admin_fail(&err, "cannot read the CIB");
	} else {
		berth_cleanup(cib_output) struct berth_cib_output out = { 0 };
		char *q[] = { (char *)"cibadmin", (char *)"--query", NULL };

		if (berth_cib_run(NULL, q, DAEMON_MS, &out, &err) < 0)
			return berth_admin_fail(&err, "cannot read the live CIB");
		if (out.status != 0)
			return berth_admin_fail(NULL, "cannot read the live CIB: cibadmin --query: %.300s", out.err);
		len = strlen(out.out);
		xml = out.out;
		out.out = NULL;
	}
	if (berth_migrate_find(xml, len, &t, &n, &version, &err) < 0)
		return berth_admin_fail(&err, "cannot read the CIB %s", o->file ? o->file : "");
	if (write_temp(xml, len, &snap_path, &err) < 0) {
		berth_migrate_targets_free(t, n);
		return berth_admin_fail(&err, "cannot keep a copy of the CIB");
	}
	snapshot.file = snap_path;
	berth_json_set(doc, "source", json_object_new_string(o->file ? o->file : "the live CIB"));
	berth_json_set(doc, "version", json_object_new_string(version));
	for (k = 0; k < argc; k++) {
		for (i = 0; i < n && strcmp(t[i].id, argv[k]) != 0; i++)
			;
		if (i == n) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(NULL, "%s is not an ocf:heartbeat:docker primitive of the CIB",
						argv[k]);
		}
	}
	selected = berth_xcalloc(n + 1, sizeof(*selected));
	for (i = 0; i < n; i++) {
		json_object *r;
		bool wanted = argc == 0;

		for (k = 0; k < argc && !wanted; k++)
			wanted = strcmp(t[i].id, argv[k]) == 0;
		if (!wanted)
			continue;
		r = migrate_check(&snapshot, xml, &t[i], &err);
		if (r == NULL) {
			rc = berth_admin_fail(&err, "cannot read the parameters of %s", t[i].id);
			berth_migrate_targets_free(t, n);
			return rc;
		}
		selected[i] = berth_json_as_bool(r, "migratable");
		if (selected[i])
			migratable++;
		else
			blocked++;
		berth_json_append(rsc, r);
	}
	if (blocked > 0)
		rc = EXIT_ERROR;
	berth_json_set(doc, "applied", json_object_new_boolean(false));
	if (o->apply && migratable > 0) {
		berth_cleanup(cib_output) struct berth_cib_output d = { 0 }, out = { 0 };
		cleanup_free char *patch_path = NULL;
		char *diff[] = { (char *)"crm_diff", (char *)"--original", snap_path, (char *)"--new", NULL, NULL };
		char *apply[] = { (char *)"cibadmin", (char *)"--patch", (char *)"--xml-file", NULL, NULL };

		/* A patch from the CIB berth read to the changed one, and only the configuration in it
		 * (the status section is the cluster's, live): the CIB applies it only at the version
		 * berth read, so no concurrent change is lost. */
		new_xml = berth_migrate_rewrite(xml, len, t, n, selected);
		if (write_temp(new_xml, strlen(new_xml), &new_path, &err) < 0) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(&err, "cannot write the changed CIB");
		}
		diff[4] = new_path;
		/* crm_diff: 1 when the files differ (the patch on stdout), 0 when they do not */
		if (berth_cib_run(NULL, diff, REPLACE_MS, &d, &err) < 0) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(&err, "cannot run crm_diff");
		}
		if (d.status != 1 || strstr(d.out, "<diff") == NULL) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(NULL, "crm_diff made no patch of the change (exit %d): %.300s",
						d.status, d.err);
		}
		if (write_temp(d.out, strlen(d.out), &patch_path, &err) < 0) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(&err, "cannot write the patch");
		}
		apply[3] = patch_path;
		if (berth_cib_run(&cib, apply, REPLACE_MS, &out, &err) < 0) {
			berth_migrate_targets_free(t, n);
			return berth_admin_fail(&err, "cannot run cibadmin --patch");
		}
		if (out.status != 0) {
			berth_migrate_targets_free(t, n);
			if (out.status == 103 || strstr(out.err, "older") != NULL)
				return berth_admin_fail(
					NULL,
					"the CIB changed since berth read it (version %s): nothing was changed; run "
					"berth migrate again",
					version);
			return berth_admin_fail(NULL, "cibadmin --patch refused the change (exit %d): %.300s",
						out.status, out.err);
		}
		berth_json_set(doc, "applied", json_object_new_boolean(true));
	}
	berth_migrate_targets_free(t, n);
	if (o->json) {
		berth_admin_print_json(doc);
		return rc;
	}
	printf("CIB: %s (version %s)\n", o->file ? o->file : "the live CIB", version);
	if (json_object_array_length(rsc) == 0)
		printf("No ocf:heartbeat:docker primitive to migrate.\n");
	for (i = 0; i < json_object_array_length(rsc); i++) {
		json_object *r = json_object_array_get_idx(rsc, i), *c = berth_json_get(r, "changes"),
			    *b = berth_json_get(r, "blockers");
		size_t j;

		printf("\n%s%s%s%s: ocf:heartbeat:docker -> ocf:berth:docker: %s\n", berth_json_as_str(r, "id", ""),
		       berth_json_as_str(r, "clone", NULL) ? " (in clone " : "",
		       berth_json_as_str(r, "clone", NULL) ? berth_json_as_str(r, "clone", "") : "",
		       berth_json_as_str(r, "clone", NULL) ? ")" : "",
		       berth_json_as_bool(r, "migratable") ? "can be migrated" : "NOT migrated");
		for (j = 0; j < json_object_array_length(c); j++) {
			const char *change = json_object_get_string(json_object_array_get_idx(c, j));

			if (change[0] == '-' || change[0] == '+')
				printf("  %s\n", change);
			else
				berth_admin_print_para("  ", "    ", change);
		}
		for (j = 0; j < json_object_array_length(b); j++)
			berth_admin_print_para("  cannot be migrated: ", "    ",
					       json_object_get_string(json_object_array_get_idx(b, j)));
	}
	if (json_object_array_length(rsc) > 0) {
		printf("\n%zu can be migrated, %zu cannot%s.\n", migratable, blocked,
		       berth_json_as_bool(doc, "applied") ? "; the CIB is changed"
		       : o->apply                         ? "; nothing was changed"
							  : "; nothing was changed (--apply changes the CIB)");
		printf("\nThe safe switch-over (docs/switching.md):\n");
		for (i = 0; procedure[i]; i++)
			printf("  %zu. %s\n", i + 1, procedure[i]);
	}
	return rc;
}
