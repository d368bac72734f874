/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a create request rendered back as the docker run command line that asks for the same
 * container (berth explain). The flags are those berth's run_opts parser reads, so the command
 * line parses back into the same request; what no docker run flag can say is listed instead. */
#ifndef BERTH_RENDER_H
#define BERTH_RENDER_H

#include <json-c/json.h>

/**
 * The docker run command line for a create request.
 * \param body      a create request (berth_spec_create_body)
 * \param name      the container name, given as --name; NULL for none
 * \param argv      out: malloc'd NULL-terminated words: "docker", "run", "--detach", [--name=NAME],
 *                  one word per flag ("--env=A=1"), the image, then Cmd; free with berth_words_free
 * \param unmapped  out: malloc'd NULL-terminated list of what the command line leaves out, each
 *                  "Member: why" ("HostConfig.Foo: no docker run flag"); free with berth_words_free
 */
void berth_render_docker_run(json_object *body, const char *name, char ***argv, char ***unmapped);

/**
 * Words as one line a POSIX shell reads back as the same words: a word with anything but
 * letters, digits and "_@%+=:,./-" is put in single quotes.
 * \return malloc'd string; caller frees
 */
char *berth_render_shell_line(char *const *argv);

#endif
