/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: unit tests for the docker run command line rebuilt from a create request (render.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "runopts.h"
#include "spec.h"

static char *const cmd[] = { (char *)"sleep", (char *)"3600", NULL };

static json_object *
body_for(const char *run_opts, char **hash)
{
	struct berth_spec *spec = berth_spec_new();
	berth_error_t err = NULL;
	json_object *body = NULL;

	if (berth_runopts_parse(run_opts, spec, &err) < 0)
		fail_msg("run_opts [%s]: %s", run_opts, err->msg);
	assert_int_equal(berth_spec_create_body(spec, "img:1", cmd, "web", &body, hash, &err), 0);
	berth_spec_free(spec);
	return body;
}

/* The flags of a rendered command line, as one run_opts string: without "docker run --detach",
 * --name, berth's own labels (create_body adds them), the image and the command. */
static char *
flags_of(char **argv)
{
	char *kept[256];
	size_t n = 0, i, end;

	for (end = 0; argv[end]; end++)
		;
	assert_true(end >= 6);
	assert_string_equal(argv[0], "docker");
	assert_string_equal(argv[1], "run");
	assert_string_equal(argv[2], "--detach");
	assert_string_equal(argv[end - 3], "img:1");
	assert_string_equal(argv[end - 2], "sleep");
	assert_string_equal(argv[end - 1], "3600");
	for (i = 3; i < end - 3; i++)
		if (strncmp(argv[i], "--name=", 7) != 0 && strncmp(argv[i], "--label=org.clusterlabs.berth.", 30) != 0)
			kept[n++] = argv[i];
	kept[n] = NULL;
	return berth_render_shell_line(kept);
}

/* The request without its hash label: the hash is of the request's text, and the order of its
 * members follows the order of the flags. */
static void
drop_hash(json_object *body)
{
	json_object *labels = NULL;

	assert_true(json_object_object_get_ex(body, "Labels", &labels));
	json_object_object_del(labels, BERTH_LABEL_HASH);
}

/* run_opts -> request -> docker run -> request: the same request */
static void
round_trip(const char *run_opts)
{
	char **argv = NULL, **unmapped = NULL, *hash1 = NULL, *hash2 = NULL, *flags;
	json_object *b1 = body_for(run_opts, &hash1), *b2;

	berth_render_docker_run(b1, "web", &argv, &unmapped);
	if (unmapped[0] != NULL)
		fail_msg("[%s]: unmapped %s", run_opts, unmapped[0]);
	flags = flags_of(argv);
	b2 = body_for(flags, &hash2);
	drop_hash(b1);
	drop_hash(b2);
	if (!json_object_equal(b1, b2))
		fail_msg("[%s] -> [%s]:\n%s\n%s", run_opts, flags, json_object_to_json_string(b1),
			 json_object_to_json_string(b2));
	free(flags);
	free(hash1);
	free(hash2);
	json_object_put(b1);
	json_object_put(b2);
	berth_words_free(argv);
	berth_words_free(unmapped);
}

static void
test_round_trip(void **state)
{
	static const char *const cases[] = {
		"",
		"--init",
		"--net=bridge -e A=1 -e 'B=two words' -e C",
		"-v /a:/b:ro -v /data --mount type=bind,source=/x,target=/y,readonly,bind-propagation=rslave",
		"--mount type=volume,source=v,target=/v,volume-label=a=b,volume-opt=o=1,volume-nocopy",
		"--mount 'type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=1770' --tmpfs /run:size=1m --tmpfs /x",
		"--mount 'type=bind,\"source=/with,comma\",target=/z'",
		"--net=mynet --ip 10.0.0.2 --ip6 fd00::2 --network-alias a --network-alias b --link-local-ip "
		"169.254.1.1",
		"--network name=mynet,driver-opt=com.x=1",
		"--net=bridge -p 127.0.0.1:8080:80 -p 53/udp -p 9090:90 -p '[::1]:7070:70' -p 1.2.3.4::99 --expose "
		"9000",
		"--net=bridge -P --expose 7000-7001 --dns 1.1.1.1 --dns-search x.org --dns-option ndots:2 "
		"--add-host h:1.2.3.4",
		"--health-cmd 'curl -f x || exit 1' --health-interval 1m30s --health-timeout 1500ms "
		"--health-start-period 3us --health-retries 3",
		"--no-healthcheck -i -t --entrypoint /x -w /w -u 1000:1000 -h host --domainname d.org",
		"--entrypoint ''",
		"--stop-signal SIGINT --stop-timeout 30 --mac-address 02:42:ac:11:00:02 --net=bridge",
		"--ulimit nofile=10:20 --ulimit nproc=5 --device /dev/null:/dev/n:r --device /dev/zero "
		"--device-cgroup-rule 'c 1:3 mr'",
		"--log-driver syslog --log-opt tag=x --log-opt 'syslog-facility=daemon'",
		"--cpus 1.5 --cpu-shares 512 --cpu-period 100000 --cpu-quota 50000 --cpuset-cpus 0-1 "
		"--cpuset-mems 0 --cpu-rt-period 1000 --cpu-rt-runtime 100",
		"--cpus 0.000000001 --cpus 2",
		"-m 1g --memory-reservation 512m --memory-swap -1 --memory-swappiness 10 --kernel-memory 64m "
		"--shm-size 64m --oom-score-adj -500 --oom-kill-disable --pids-limit 100",
		"--blkio-weight 300 --blkio-weight-device /dev/sda:200 --device-read-bps /dev/sda:1mb "
		"--device-write-bps /dev/sda:2mb --device-read-iops /dev/sda:100 --device-write-iops /dev/sda:200",
		"--security-opt no-new-privileges --security-opt label=disable --security-opt systempaths=unconfined "
		"--cap-add NET_ADMIN --cap-drop ALL --group-add 10 --privileged --read-only --rm",
		"--sysctl net.core.somaxconn=1 --storage-opt size=10G --ipc private --pid host --uts host "
		"--userns host --cgroupns private --cgroup-parent /x --runtime runc --volume-driver local "
		"--volumes-from other",
		"-l a=b -l 'c=d e' --restart=no -d --init=false --privileged=false",
		" --restart=no -e PCMK_stderr=1 -e PCMK_remote_port=3121 -v /tmp:/data:rw --net=host --init ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		round_trip(cases[i]);
}

static void
test_command_line(void **state)
{
	char **argv = NULL, **unmapped = NULL, *hash = NULL, *line;
	json_object *b = body_for("--init -e 'A=it'\\''s'", &hash);

	(void)state;
	berth_render_docker_run(b, "web", &argv, &unmapped);
	line = berth_render_shell_line(argv);
	assert_non_null(strstr(line, "docker run --detach --name=web --env='A=it'\\''s' "));
	assert_non_null(strstr(line, " --label=org.clusterlabs.berth.managed=1 "));
	assert_non_null(strstr(line, " --init --restart=no --network=host img:1 sleep 3600"));
	free(line);
	free(hash);
	berth_words_free(argv);
	berth_words_free(unmapped);
	json_object_put(b);
}

static void
test_unmapped(void **state)
{
	char **argv = NULL, **unmapped = NULL;
	json_object *b = json_tokener_parse(
		"{\"Image\":\"img\",\"Entrypoint\":[\"/"
		"a\",\"-x\"],\"Foo\":1,\"Healthcheck\":{\"Test\":[\"CMD\",\"x\"]},"
		"\"HostConfig\":{\"Bar\":true,\"Init\":\"yes\",\"SecurityOpt\":[\"seccomp={}\",\"label=disable\"]}}");

	(void)state;
	assert_non_null(b);
	berth_render_docker_run(b, NULL, &argv, &unmapped);
	assert_string_equal(unmapped[0], "Entrypoint: a value no docker run flag gives");
	assert_string_equal(unmapped[1], "Foo: no docker run flag sets it");
	assert_string_equal(unmapped[2], "Healthcheck: a value no docker run flag gives");
	assert_string_equal(unmapped[3], "HostConfig.Bar: no docker run flag sets it");
	assert_string_equal(unmapped[4], "HostConfig.Init: a value no docker run flag gives");
	assert_non_null(strstr(unmapped[5], "HostConfig.SecurityOpt: a seccomp profile"));
	assert_null(unmapped[6]);
	assert_string_equal(argv[3], "--security-opt=label=disable");
	assert_string_equal(argv[4], "img");
	assert_null(argv[5]);
	berth_words_free(argv);
	berth_words_free(unmapped);
	json_object_put(b);
}

static void
test_shell_line(void **state)
{
	char *const words[] = { (char *)"a",    (char *)"",         (char *)"b c", (char *)"$x",
				(char *)"it's", (char *)"-v=/a:/b", NULL };
	char *line = berth_render_shell_line(words);

	(void)state;
	assert_string_equal(line, "a '' 'b c' '$x' 'it'\\''s' -v=/a:/b");
	free(line);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_unmapped),
		cmocka_unit_test(test_shell_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
