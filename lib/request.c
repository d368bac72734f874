/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the create request from the parameters, with every check on the way. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "request.h"
#include "runopts.h"
#include "words.h"

int
berth_request_build(const struct berth_params *p, struct berth_request *req, berth_problem_fn each, void *arg,
		    berth_error_t *err)
{
	berth_cleanup(words) char **cmd = NULL;
	const struct {
		const char *name, *value;
	} cmds[] = { { "monitor_cmd", p->monitor_cmd },
		     { "promote_cmd", p->promote_cmd },
		     { "demote_cmd", p->demote_cmd },
		     { "notify_cmd", p->notify_cmd },
		     { "promotion_score_cmd", p->promotion_score_cmd } };
	struct berth_spec *spec;
	berth_error_t e = NULL;
	bool bad = false;
	size_t i;

	memset(req, 0, sizeof(*req));
	if (berth_params_check(p, each, arg, err) < 0) {
		if (each == NULL)
			return -1;
		bad = true;
	}
	spec = berth_spec_new();
	if (berth_runopts_parse(p->run_opts, spec, &e) < 0) {
		bad = true;
		if (!berth_problem_report(&e, each, arg, err))
			goto fail;
	}
	if (berth_words_split_param("run_cmd", p->run_cmd, &cmd, &e) < 0) {
		bad = true;
		if (!berth_problem_report(&e, each, arg, err))
			goto fail;
	}
	/* The other commands are split again when they run; refuse bad quoting up front. */
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		berth_cleanup(words) char **words = NULL;

		if (berth_words_split_param(cmds[i].name, cmds[i].value, &words, &e) < 0) {
			bad = true;
			if (!berth_problem_report(&e, each, arg, err))
				goto fail;
		}
	}
	if (bad)
		goto fail;
	if (berth_spec_create_body(spec, p->image, cmd, p->instance, &req->body, &req->hash, err) < 0)
		goto fail;
	req->spec = spec;
	return 0;
fail:
	berth_spec_free(spec);
	memset(req, 0, sizeof(*req));
	return -1;
}

void
berth_request_release(struct berth_request *req)
{
	berth_spec_free(req->spec);
	json_object_put(req->body);
	free(req->hash);
	memset(req, 0, sizeof(*req));
}
