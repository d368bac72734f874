# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for berth's black-box tests (sourced, not run).
# shellcheck shell=bash
#
# A test file defines functions named test_*; run_tests runs each in a subshell and reports in
# TAP, which automake's tap-driver.sh counts (and a person can read): the plan "1..N" first, then
# "ok N - test_name (MS ms)" or "not ok N - test_name", each test's own output after its line as
# "# " comments, and a closing "# N passed, M failed" comment. It returns non-zero on any failure.
# TEST_FILTER=REGEX runs only the matching tests. A test that exits 77 (skip_test REASON) is
# reported "ok N - name # SKIP REASON".
#
# A suite that needs Docker calls docker_prologue (after defining its tests, before its first
# docker call): without Docker every test is reported "ok N - name # SKIP reason", unless
# BERTH_REQUIRE_DOCKER=1 (CI), which makes it a "Bail out!" and a failure.

#
# ENGINE=podman runs a suite against podman's Docker-compatible API at $PODMAN_SOCK (default
# /run/podman/podman.sock; podman_service_start starts it) instead of dockerd: DOCKER_HOST
# points the agent and the docker CLI the suites use for their checks at podman, and the test
# image is podman's localhost/berth-test:latest. CONTAINERS_CONF is support/containers.conf.

# SUPPORT: this directory (fakes, tables); SRCTOP: the source tree.
SUPPORT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCTOP=$(cd "$SUPPORT/../.." && pwd)
: "${AGENT:=$SRCTOP/agent/docker}"
: "${ENGINE:=docker}"
: "${PODMAN_SOCK:=/run/podman/podman.sock}"
: "${CONTAINERS_CONF:=$SUPPORT/containers.conf}"
export CONTAINERS_CONF
if [ "$ENGINE" = podman ]; then
	DOCKER_SOCK=$PODMAN_SOCK
	DOCKER_HOST=unix://$PODMAN_SOCK
	export DOCKER_HOST
	: "${BERTH_TEST_IMAGE:=localhost/berth-test:latest}"
fi
: "${BERTH_TEST_IMAGE:=berth-test:latest}"
: "${DOCKER_SOCK:=/run/docker.sock}"
if [ -z "${HA_RSCTMP:-}" ]; then
	HA_RSCTMP=$(mktemp -d /tmp/berth-rsctmp.XXXXXX)
	BERTH_OWN_RSCTMP=1  # run_tests removes it
fi
export HA_RSCTMP
# The node-local configuration (ocf_berth_docker(7), NODE-LOCAL SETTINGS): none, unless a test writes one.
# This machine's /etc/berth must not change what a suite's agent does.
: "${BERTH_CONF_DIR:=$HA_RSCTMP/no-etc-berth}"
export BERTH_CONF_DIR
export OCF_ROOT="${OCF_ROOT:-/usr/lib/ocf}"
export HA_LOGFACILITY=none
PREFIX="berthtest$$"

fail() {
	echo "    FAIL: $*" >&2
	exit 1
}

# skip_test REASON: this test cannot run here (reported as skipped, see run_tests).
skip_test() {
	echo "$*"
	exit 77
}

# Run the agent: agent ACTION [VAR=value ...]. Sets RC, OUT (stdout), ERR (stderr), MS (elapsed).
# AGENT_WRAPPER (e.g. "valgrind --error-exitcode=99 -q") runs the agent under a tool. MS is the
# agent's own time, from its fork to its exit, as GNU time measures it (10 ms steps): what
# Pacemaker's executor counts against the op timeout, without this harness's shells, which a
# loaded machine slows down too. Without /usr/bin/time (Debian package "time"), the harness's.
agent() {
	local action=$1 t0 t1 own
	shift
	: >"$WORK/agent.time"
	# (bash's clock in microseconds, digits only: no date process per call)
	t0=${EPOCHREALTIME//[!0-9]/}
	if [ -x /usr/bin/time ]; then
		# shellcheck disable=SC2086,SC2034 # the wrapper is a command line; OUT is for the suites
		OUT=$(env "$@" /usr/bin/time -q -f %e -o "$WORK/agent.time" ${AGENT_WRAPPER:-} "$AGENT" "$action" \
			2>"$WORK/stderr")
	else
		# shellcheck disable=SC2086,SC2034
		OUT=$(env "$@" ${AGENT_WRAPPER:-} "$AGENT" "$action" 2>"$WORK/stderr")
	fi
	RC=$?
	t1=${EPOCHREALTIME//[!0-9]/}
	MS=$(((t1 - t0) / 1000))
	if [ -s "$WORK/agent.time" ]; then
		read -r own <"$WORK/agent.time"
		[[ $own =~ ^[0-9]+\.[0-9][0-9]$ ]] && MS=$((10#${own/./} * 10))
	fi
	ERR=$(<"$WORK/stderr")
	return 0
}

# expect_rc CODE: the last agent call returned CODE (and printed an exit reason unless 0).
expect_rc() {
	[ "$RC" = "$1" ] || fail "expected exit $1, got $RC; stderr: $ERR"
	if [ "$1" != 0 ]; then
		[ "$(grep -c '^ocf-exit-reason:' <<<"$ERR")" = 1 ] ||
			fail "expected exactly one ocf-exit-reason line for exit $1, stderr: $ERR"
	fi
}

expect_reason() {
	grep -q -- "$1" <<<"$ERR" || fail "exit reason does not mention '$1': $ERR"
}

# expect_within_ms LIMIT: the last agent call took at most LIMIT ms, plus BERTH_TIME_SLACK_MS
# when a tool slows the agent down (AGENT_WRAPPER, support/valgrind-agent): the tool's own start
# is not the agent's time.
expect_within_ms() {
	local limit=$(($1 + ${BERTH_TIME_SLACK_MS:-0}))
	[ "$MS" -le "$limit" ] || fail "took $MS ms, limit $limit ms"
}

inspect() {
	docker inspect --type=container --format "$2" "$1" 2>/dev/null
}

# host_pids_in CONTAINER ARGS: host pids of the processes in CONTAINER whose command line is
# ARGS. podman's top reports the container's own pids, dockerd's the host's: /proc says it
# the same way for both (the processes in the pid namespace of the container's first one).
host_pids_in() {
	local pid1 p
	pid1=$(inspect "$1" '{{.State.Pid}}')
	[ -e "/proc/$pid1/ns/pid" ] || return 1
	for p in /proc/[0-9]*; do
		# the same namespace is the same nsfs inode: -ef compares them with no readlink
		# process for each of the machine's processes (1,500 of them in a full check: 30 s)
		[ "$p/ns/pid" -ef "/proc/$pid1/ns/pid" ] || continue
		[ "$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)" = "$2 " ] && echo "${p#/proc/}"
	done
	return 0
}

# wait_until SECONDS [-m DESCRIPTION] CMD...: the one poll loop (wait.sh)
# shellcheck source=wait.sh
. "$SUPPORT/wait.sh"

container_exists() {
	docker inspect --type=container "$1" >/dev/null 2>&1
}

# Build the tests' own tiny image from Debian's busybox-static (no registry here).
ensure_image() {
	if [ "$ENGINE" = podman ]; then
		podman image exists "$BERTH_TEST_IMAGE" && return 0
	else
		docker image inspect "$BERTH_TEST_IMAGE" >/dev/null 2>&1 && return 0
	fi
	local root
	root=$(mktemp -d)
	mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/data"
	cp /bin/busybox "$root/bin/busybox" || { rm -rf "$root"; return 1; }
	for a in sh sleep true false cat echo ls ps kill touch mkdir rm env id hostname test wc head; do
		ln -s busybox "$root/bin/$a"
	done
	echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
	echo "root:x:0:" >"$root/etc/group"
	if [ "$ENGINE" = podman ]; then
		# podman's own import: the same image, named as podman names local images
		tar -C "$root" -c . | podman import -q - "$BERTH_TEST_IMAGE" >/dev/null
	else
		tar -C "$root" -c . | docker import - "$BERTH_TEST_IMAGE" >/dev/null
	fi
	local rc=$?
	rm -rf "$root"
	return $rc
}

cleanup_containers() {
	local ids
	ids=$(docker ps -aq --filter "name=$PREFIX" 2>/dev/null)
	# shellcheck disable=SC2086
	[ -z "$ids" ] || timeout 60 docker rm -f $ids >/dev/null 2>&1
}

# selected_tests: the test_* functions TEST_FILTER selects, in the order bash lists them.
selected_tests() {
	declare -F | awk '{print $3}' | grep '^test_' | grep -E -- "${TEST_FILTER:-.}"
}

# on_exit CMD: run CMD when the suite exits, then whatever EXIT trap the caller had set; with
# no INT/TERM trap yet, those signals end the suite through its EXIT trap.
on_exit() {
	local -a prev
	eval "prev=($(trap -p EXIT))"
	# shellcheck disable=SC2064 # both commands are fixed now, as they are
	trap "$1${prev[2]:+; ${prev[2]}}" EXIT
	[ -n "$(trap -p INT)" ] || trap 'exit 130' INT
	[ -n "$(trap -p TERM)" ] || trap 'exit 130' TERM
}

# drop_own_rsctmp: remove the state directory lib.sh made, if it made one.
drop_own_rsctmp() {
	[ "${BERTH_OWN_RSCTMP:-}" != 1 ] || rm -rf "$HA_RSCTMP"
	BERTH_OWN_RSCTMP=""
}

# skip_all REASON: report every selected test as skipped, and end the suite.
skip_all() {
	local t n=0 names
	drop_own_rsctmp
	names=$(selected_tests)
	echo "1..$(wc -w <<<"$names")"
	for t in $names; do
		n=$((n + 1))
		echo "ok $n - $t # SKIP $1"
	done
	exit 0
}

# bail_out REASON: the suite cannot run at all (TAP "Bail out!", which the harness counts as an
# error); exits 1.
bail_out() {
	drop_own_rsctmp
	echo "Bail out! $*"
	exit 1
}

# docker_prologue [--private]: the suite needs Docker: the daemon at $DOCKER_SOCK, or with
# --private a daemon of its own (support/private-dockerd.sh: root and the dockerd program), and
# the tests' image in it. Skips or bails out (see above) when it cannot have them.
docker_prologue() {
	local why=""
	if [ "${1:-}" = --private ]; then
		command -v dockerd >/dev/null && [ "$(id -u)" = 0 ] || why="needs root and dockerd"
	else
		docker version >/dev/null 2>&1 || why="no $ENGINE daemon at $DOCKER_SOCK"
	fi
	if [ -n "$why" ]; then
		[ "${BERTH_REQUIRE_DOCKER:-0}" != 1 ] || bail_out "$why (BERTH_REQUIRE_DOCKER=1)"
		skip_all "$why"
	fi
	if [ "${1:-}" = --private ]; then
		# The private daemon keeps the agents' state in a directory of its own.
		drop_own_rsctmp
		# shellcheck source=private-dockerd.sh
		. "$SUPPORT/private-dockerd.sh"
		private_dockerd_init || bail_out "the private dockerd did not start"
	fi
	ensure_image || bail_out "cannot build $BERTH_TEST_IMAGE"
}

run_tests() {
	local t n=0 passed=0 failed=0 failed_names="" names t0 out rc
	WORK=$(mktemp -d /tmp/berth-test.XXXXXX)
	export WORK
	# Post-mortems of the suites' containers go with the run, not to /var/log/berth (the
	# variable is for tests only: ocf_berth_docker(7), CONTAINERS).
	: "${BERTH_POSTMORTEM_DIR:=$WORK/postmortem}"
	export BERTH_POSTMORTEM_DIR
	# Each test's output, shown after its result line.
	out=$(mktemp /tmp/berth-test-out.XXXXXX)
	# An interrupted run leaves nothing behind either; callers' EXIT traps stay theirs.
	on_exit "rm -rf '$WORK' '$out'; drop_own_rsctmp"
	names=$(selected_tests)
	echo "1..$(wc -w <<<"$names")"
	for t in $names; do
		n=$((n + 1))
		t0=$(date +%s%N)
		(set +e; "$t") >"$out" 2>&1
		rc=$?
		if [ "$rc" = 0 ]; then
			echo "ok $n - $t ($((($(date +%s%N) - t0) / 1000000)) ms)"
			passed=$((passed + 1))
		elif [ "$rc" = 77 ]; then
			echo "ok $n - $t # SKIP $(tail -n1 "$out")"
			passed=$((passed + 1))
		else
			echo "not ok $n - $t"
			failed=$((failed + 1))
			failed_names="$failed_names $t"
		fi
		sed 's/^/# /' "$out"
		cleanup_containers
	done
	rm -rf "$WORK" "$out"
	# The state directory lib.sh made goes with the run.
	drop_own_rsctmp
	[ -z "$failed_names" ] || echo "# failed:$failed_names"
	echo "# $passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# machine_dockerd_start: start the machine's dockerd at $DOCKER_SOCK as ocf-tests/setup does
# (by hand, no init system), unless it answers already; wait (bounded) until it answers.
machine_dockerd_start() {
	start_daemon dockerd docker_ping /var/log/berth-dockerd.log - dockerd -H "unix://$DOCKER_SOCK"
}

# start_daemon WHAT PING LOG PIDFILE CMD...: start CMD as a daemon in a session of its own, its
# output appended to LOG, its pid in PIDFILE ("-": none), unless PING answers already; wait
# (bounded) until PING answers. The daemon outlives the test: it must not keep a descriptor of
# ours (a test harness's pipe, a lock), or whoever waits for that to close waits forever.
start_daemon() {
	local what=$1 ping=$2 log=$3 pidfile=$4
	shift 4
	"$ping" && return 0
	mkdir -p "$(dirname "$log")"
	(
		for fd in "/proc/$BASHPID/fd"/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		[ "$pidfile" = - ] || echo "$BASHPID" >"$pidfile"
		# Not in the caller's directory (a checkout): what the daemon's children write relative
		# to theirs (podman's conmon writes "oom" when it sees an OOM kill) must not land there.
		cd / || exit 1
		exec setsid "$@" >>"$log" 2>&1 </dev/null
	) &
	wait_until 60 "$ping" && return 0
	echo "$what did not come up; see $log" >&2
	tail -n 20 "$log" >&2
	return 1
}

docker_ping() { curl -fsS --max-time 2 --unix-socket "$DOCKER_SOCK" http://docker/_ping >/dev/null 2>&1; }

podman_ping() { curl -fsS --max-time 2 --unix-socket "$PODMAN_SOCK" http://d/_ping >/dev/null 2>&1; }

# podman_service_start: podman's API at $PODMAN_SOCK (`podman system service`, started by hand
# as dockerd is, with support/containers.conf: runc, no default ulimits), unless it answers
# already; wait (bounded) until it answers. Its pid is in $PODMAN_SOCK.pid.
podman_service_start() {
	podman_ping && return 0
	command -v podman >/dev/null || { echo "podman is not installed" >&2; return 1; }
	mkdir -p "$(dirname "$PODMAN_SOCK")"
	start_daemon "podman system service" podman_ping /var/log/berth-podman.log "$PODMAN_SOCK.pid" \
		podman system service -t 0 "unix://$PODMAN_SOCK"
}

# podman_service_stop: end the service podman_service_start started (by its recorded pid).
podman_service_stop() {
	local pid
	pid=$(cat "$PODMAN_SOCK.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	wait_until 20 test ! -e "/proc/$pid"
	rm -f "$PODMAN_SOCK.pid"
}

# machine_dockerd_pid: the dockerd serving $DOCKER_SOCK.
machine_dockerd_pid() { pgrep -f -x "dockerd -H unix://$DOCKER_SOCK" | head -n 1; }
