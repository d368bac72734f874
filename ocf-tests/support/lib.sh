# Shared helpers for berth's black-box tests (sourced, not run).
#
# A test file defines functions named test_*; run_tests runs each in a subshell, prints one
# line per test and a closing "N passed, M failed" line, and returns non-zero on any failure.

# SUPPORT: this directory (fakes, tables); SRCTOP: the source tree.
SUPPORT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRCTOP=$(cd "$SUPPORT/../.." && pwd)
: "${AGENT:=$SRCTOP/agent/docker}"
: "${BERTH_TEST_IMAGE:=berth-test:latest}"
: "${DOCKER_SOCK:=/run/docker.sock}"
if [ -z "${HA_RSCTMP:-}" ]; then
	HA_RSCTMP=$(mktemp -d /tmp/berth-rsctmp.XXXXXX)
	BERTH_OWN_RSCTMP=1  # run_tests removes it
fi
export HA_RSCTMP
export OCF_ROOT="${OCF_ROOT:-/usr/lib/ocf}"
export HA_LOGFACILITY=none
PREFIX="berthtest$$"

fail() {
	echo "    FAIL: $*" >&2
	exit 1
}

# Run the agent: agent ACTION [VAR=value ...]. Sets RC, OUT (stdout), ERR (stderr), MS (elapsed).
# AGENT_WRAPPER (e.g. "valgrind --error-exitcode=99 -q") runs the agent under a tool.
agent() {
	local action=$1 t0 t1
	shift
	t0=$(date +%s%N)
	# shellcheck disable=SC2086 # the wrapper is a command line
	OUT=$(env "$@" ${AGENT_WRAPPER:-} "$AGENT" "$action" 2>"$WORK/stderr")
	RC=$?
	t1=$(date +%s%N)
	MS=$(((t1 - t0) / 1000000))
	ERR=$(cat "$WORK/stderr")
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

expect_within_ms() {
	[ "$MS" -le "$1" ] || fail "took $MS ms, limit $1 ms"
}

inspect() {
	docker inspect --type=container --format "$2" "$1" 2>/dev/null
}

container_exists() {
	docker inspect --type=container "$1" >/dev/null 2>&1
}

# Build the tests' own tiny image from Debian's busybox-static (no registry here).
ensure_image() {
	docker image inspect "$BERTH_TEST_IMAGE" >/dev/null 2>&1 && return 0
	local root
	root=$(mktemp -d)
	mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/data"
	cp /bin/busybox "$root/bin/busybox" || { rm -rf "$root"; return 1; }
	for a in sh sleep true false cat echo ls ps kill touch mkdir rm env id hostname test wc head; do
		ln -s busybox "$root/bin/$a"
	done
	echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
	echo "root:x:0:" >"$root/etc/group"
	tar -C "$root" -c . | docker import - "$BERTH_TEST_IMAGE" >/dev/null
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

run_tests() {
	local t passed=0 failed=0 failed_names="" pattern=${TEST_FILTER:-.}
	WORK=$(mktemp -d /tmp/berth-test.XXXXXX)
	export WORK
	for t in $(declare -F | awk '{print $3}' | grep '^test_' | grep -E -- "$pattern"); do
		local t0=$(date +%s%N)
		if (set +e; "$t"); then
			echo "ok   $t ($((($(date +%s%N) - t0) / 1000000)) ms)"
			passed=$((passed + 1))
		else
			echo "FAIL $t"
			failed=$((failed + 1))
			failed_names="$failed_names $t"
		fi
		cleanup_containers
	done
	rm -rf "$WORK"
	# Callers' EXIT traps stay theirs; the state directory lib.sh made goes with the run.
	[ "${BERTH_OWN_RSCTMP:-}" != 1 ] || rm -rf "$HA_RSCTMP"
	[ -z "$failed_names" ] || echo "failed:$failed_names"
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}
