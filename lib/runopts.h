/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: the docker-run flag parser. No shell ever sees run_opts: this is the parser. */
#ifndef BERTH_RUNOPTS_H
#define BERTH_RUNOPTS_H

#include "ocf.h"
#include "spec.h"
/* Callers that split run_cmd and the *_cmd parameters have always found the splitter here. */
#include "words.h"

/**
 * Parse docker-run flags (`run_opts`) into a spec, as `docker create` (CLI 20.10) would read them:
 * the resulting create request equals the CLI's for the same flags (checked against the daemon).
 * Handles `--flag=value`, `--flag value`, `-f value`, `-fvalue`, `-f=value`, boolean flags with
 * and without `=true|false` (a boolean never takes the next word), and short-flag clusters
 * (`-it`, `-de K=V`: the first flag that takes a value takes the rest of the word, or the next
 * word). Repeated list flags append; repeated scalar flags: the last wins. Non-flag words, and
 * anything after `--`, are an error (the command belongs in run_cmd).
 *
 * Top-level create-body members go to spec->config, HostConfig members to spec->host_config,
 * per-network endpoint settings (--network-alias, --ip, --ip6, --link-local-ip) to
 * spec->networking keyed by network name; --network sets spec->network_set, --restart=no
 * spec->restart_set, -d spec->detach; spec->api_major, api_minor and api_flag rise to the newest
 * Engine API a flag used needs (see berth_runopts_check_api). The members are merged into what the spec already holds
 * (a member run_opts sets replaces the spec's), and only when the whole string parsed: on
 * failure the spec is untouched.
 *
 * Files named by --env-file, --label-file and --security-opt seccomp= must be absolute paths
 * of regular files of at most 1 MiB. Nothing is executed, and no shell is involved.
 * \return 0, or -1 with err (cause BERTH_E_CONFIG) with a message starting "run_opts: "
 *         naming the flag: an unknown flag, a missing or invalid value, an unterminated quote, a
 *         stray word, `--name`, `--restart` other than "no", or a file that cannot be read. Out
 *         of memory ends the agent (alloc.h).
 */
int berth_runopts_parse(const char *run_opts, struct berth_spec *spec, berth_error_t *err);

/**
 * Can a daemon that speaks Engine API major.minor create what the run_opts parsed into spec ask
 * for? Some flags are younger than berth's floor (API 1.25), e.g. --cgroupns (1.41) and
 * --health-start-period (1.29): an older daemon ignores the member or refuses the request, so
 * check first, as the docker CLI does.
 * \param spec  parsed by berth_runopts_parse (api_major, api_minor, api_flag)
 * \param major, minor  the API version negotiated with the daemon
 * \return 0 when the daemon is new enough, or -1 with err (cause BERTH_E_API_OLD: a node
 *         with a newer Docker can run the resource) naming the flag, the API it needs and the
 *         daemon's: "run_opts: '--cgroupns' needs Docker Engine API 1.41, but the daemon offers
 *         API 1.40; ..."
 */
int berth_runopts_check_api(const struct berth_spec *spec, int major, int minor, berth_error_t *err);

/**
 * run_opts as words with the values of -e/--env and -l/--label hidden ("-e",
 * "DB_PASSWORD=<hidden>"; redact.h), for berth explain: the flags are found as berth_runopts_parse finds them. Words
 * after a flag the parse would refuse are left as they are.
 * \param words out: malloc'd NULL-terminated words; free with berth_words_free
 * \return 0, or -1 with err when run_opts does not split into words (then nothing of it may be
 *         shown)
 */
int berth_runopts_redact(const char *run_opts, char ***words, berth_error_t *err);

#endif
