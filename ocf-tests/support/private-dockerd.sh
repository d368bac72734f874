# SPDX-License-Identifier: GPL-2.0-or-later
# A private dockerd for tests that stop, crash or wedge the daemon (sourced, not run).
# shellcheck shell=bash
#
# private_dockerd_init makes a temporary directory $PD holding the daemon's socket, data-root,
# exec-root (its own containerd) and log, exports DOCKER_SOCK, DOCKER_HOST and HA_RSCTMP to match,
# starts the daemon (no bridge, no iptables: berth uses host networking) and arranges for
# everything to be removed on exit. The machine's own dockerd and its containers are never
# touched, so tests may break this one at will. lib.sh's docker_prologue --private sources this
# file and calls private_dockerd_init.
#
#   daemon_start [FLAGS...]   start it (extra dockerd flags, e.g. --live-restore) and wait for /_ping
#   daemon_stop [SIGNAL]      stop it: TERM (default) as an admin would, KILL for a crash
#   daemon_ensure [FLAGS...]  make sure it runs with exactly these flags
#   ping_daemon               does it answer?

ping_daemon() {
	curl -fsS --max-time 2 --unix-socket "$DOCKER_SOCK" http://docker/_ping >/dev/null 2>&1
}

# The private dockerd is the child of one long-lived supervisor, which is also a child subreaper:
# whichever test starts, stops or crashes dockerd, dockerd, the containerd it leaves behind and
# their shims are reaped (this machine's init does not reap orphans, and a zombie containerd
# makes the next dockerd wait for it forever). Tests ask through a FIFO: "SEQ start FLAGS...",
# "SEQ stop SIGNAL", "SEQ exit"; the supervisor writes SEQ to $PD/ack when done.
SUPERVISOR_PY='
import ctypes, os, select, shutil, signal, time
PD, SOCK = os.environ["PD"], os.environ["DOCKER_SOCK"]
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)            # PR_SET_CHILD_SUBREAPER
dockerd = None

def ppid(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0

def reap():
    global dockerd
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid == dockerd:
            dockerd = None

def stop(sig):
    if dockerd is None:
        return
    os.kill(dockerd, sig)
    end = time.monotonic() + 60
    while dockerd is not None and time.monotonic() < end:
        time.sleep(0.05)
        reap()
    if dockerd is not None:
        os.kill(dockerd, signal.SIGKILL)
        while dockerd is not None:
            time.sleep(0.05)
            reap()

ctl = os.fdopen(os.open(PD + "/ctl", os.O_RDWR), "r")
while True:
    if not select.select([ctl], [], [], 0.2)[0]:
        reap()
        continue
    seq, cmd, *args = ctl.readline().split()
    if cmd == "start" and dockerd is None:
        log = os.open(PD + "/dockerd.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        null = os.open("/dev/null", os.O_RDONLY)
        argv = ["dockerd", "-H", "unix://" + SOCK, "--data-root", PD + "/data",
                "--exec-root", PD + "/exec", "--pidfile", PD + "/docker.pid", "--bridge=none",
                "--iptables=false", "--ip-masq=false", "--shutdown-timeout", "5", "--debug"] + args
        dockerd = os.posix_spawn(shutil.which("dockerd"), argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, log, 1),
            (os.POSIX_SPAWN_DUP2, log, 2)])
        os.close(log)
        os.close(null)
        with open(PD + "/dflags", "w") as f:
            f.write(" ".join(args) + "\n")
    elif cmd in ("stop", "exit"):
        stop(getattr(signal, "SIG" + (args[0] if args else "TERM")))
        if os.path.exists(PD + "/dflags"):
            os.unlink(PD + "/dflags")
    if cmd == "exit":
        # What dockerd left behind is ours by now (subreaper): its containerd, shims, a
        # wedged runc, container processes. Kill and reap until none is left (bounded).
        for _ in range(100):
            kids = [int(p) for p in os.listdir("/proc") if p.isdigit() and ppid(p) == os.getpid()]
            if not kids:
                break
            for k in kids:
                try:
                    os.kill(k, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
            reap()
    with open(PD + "/ack", "w") as f:
        f.write(seq + "\n")
    if cmd == "exit":
        break
'

# dctl COMMAND [ARG...]: ask the supervisor and wait until it has done it.
dctl() {
	local seq=$RANDOM$RANDOM
	echo "$seq $*" >"$PD/ctl"
	acked() { [ "$(cat "$PD/ack" 2>/dev/null)" = "$1" ]; }
	wait_until 90 acked "$seq" && return 0
	echo "dockerd supervisor did not answer '$*'" >&2
	return 1
}

# daemon_start [FLAGS...]: start the private dockerd and wait until it answers.
daemon_start() {
	dctl start "$@" || return 1
	# (no dflags: the supervisor saw dockerd end, so there is nothing to wait for)
	up_or_ended() { ping_daemon || [ ! -e "$PD/dflags" ]; }
	wait_until 30 up_or_ended && ping_daemon && return 0
	echo "private dockerd did not come up:" >&2
	tail -20 "$PD/dockerd.log" >&2
	return 1
}

# daemon_stop [SIGNAL]: stop it (TERM: a clean stop, KILL: a crash) and wait until it is gone.
daemon_stop() {
	dctl stop "${1:-TERM}"
}

# daemon_ensure [FLAGS...]: the private dockerd runs, with exactly these extra flags.
daemon_ensure() {
	if [ -e "$PD/dflags" ] && [ "$(cat "$PD/dflags")" = "$*" ] && ping_daemon; then
		return 0
	fi
	daemon_stop
	daemon_start "$@"
}

SUPERVISOR=""
private_dockerd_cleanup() {
	local p m
	if [ -n "$SUPERVISOR" ]; then
		# A wedged container can make removal hang: bounded, the supervisor kills the rest.
		if ping_daemon || daemon_start; then
			p=$(timeout 20 docker ps -aq 2>/dev/null)
			[ -z "$p" ] || xargs -r timeout 30 docker rm -f <<<"$p" >/dev/null 2>&1
		fi
		dctl exit
		wait "$SUPERVISOR" 2>/dev/null
	fi
	# A crashed dockerd leaves its containerd behind: ours, so end it by its pid.
	p=$(cat "$PD/exec/containerd/containerd.pid" 2>/dev/null)
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null && kill "$p" 2>/dev/null
	while read -r m; do
		umount -l "$m" 2>/dev/null
	done < <(awk -v d="$PD/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
	rm -rf --one-file-system "$PD"
}

private_dockerd_init() {
	PD=$(mktemp -d /tmp/berth-dockerd.XXXXXX) || return 1
	export PD
	export HA_RSCTMP=$PD/rsctmp
	export DOCKER_SOCK=$PD/docker.sock
	export DOCKER_HOST=unix://$DOCKER_SOCK
	mkdir -p "$HA_RSCTMP"
	trap private_dockerd_cleanup EXIT
	trap 'exit 130' INT TERM
	mkfifo "$PD/ctl"
	# In a session of its own, so that a ^C to the tests reaches neither it nor dockerd: it
	# stays to stop dockerd when the cleanup asks.
	setsid python3 -c "$SUPERVISOR_PY" </dev/null &
	SUPERVISOR=$!
	daemon_start
}
