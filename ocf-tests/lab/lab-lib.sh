# SPDX-License-Identifier: GPL-2.0-or-later
# The three-node lab's shared code (sourced by up, scenarios, down; not run).
# shellcheck shell=bash
#
# A node is a set of namespaces (network, mount, UTS, IPC, PID) with Debian's docker-init as PID 1,
# started by unshare from the host and entered with nsenter (CLUSTER.md, "Several nodes on one
# machine"). SIGKILL to that PID 1 powers the node off: every process in it dies, its mounts and
# its network end go with the namespaces. Inside a node, nothing of the machine is written:
#   /run, /dev            tmpfs of the node's own (/dev with the few device nodes the daemons
#                         need, /dev/shm, /dev/pts, /dev/mqueue, and the syslog stub at /dev/log)
#   /etc, /var/lib        overlays whose upper layers are the node's (/etc/hosts, corosync.conf,
#                         /etc/pacemaker/authkey, the haproxy bundle's configuration files,
#                         berth-divert's dpkg diversion)
#   /etc/corosync, /var/lib/corosync, /var/lib/pacemaker, /var/lib/docker, /var/log
#                         bind mounts of the node's directories
#   /usr/lib/ocf/resource.d   an overlay: berth at berth/docker, and on a berth lab the
#                         diversion of heartbeat/docker that agent/berth-divert makes
# The nodes share a network of their own: a bridge in a namespace of its own (a bridge in the
# machine's namespace drops their traffic here), one veth pair per node.
#
# Everything lives under $LAB_DIR (default /tmp/berth-lab): the PIDs, each node's directories,
# the agent the lab runs and the scenarios' timings. down removes it.

LAB_DIR=${BERTH_LAB_DIR:-/tmp/berth-lab}
# shellcheck disable=SC2034 # for the scripts that source this file
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB_NODES=(controller-0 controller-1 controller-2)
LAB_NET=10.210.0            # node i is $LAB_NET.$((11 + i)), on the lab's own network only
LAB_IMAGE=berth-lab-bundle:latest
LAB_PATH=/usr/sbin:/usr/bin:/sbin:/bin

lab_log() { echo "lab: $*" >&2; }

# wait_until SECONDS [-m DESCRIPTION] CMD...: the tests' one poll loop
# shellcheck source=../support/wait.sh
. "$(dirname "${BASH_SOURCE[0]}")/../support/wait.sh"

lab_ms() { echo $(($(date +%s%N) / 1000000)); }

# lab_closefds: close every descriptor above 2 of this (sub)shell; lab_detach CMD... then execs
# CMD. The lab's daemons outlive the command that started them: one that kept a pipe of a
# harness (a TAP driver, CI's log) open would make whoever reads it wait forever.
lab_closefds() {
	local fd
	for fd in "/proc/$BASHPID/fd"/*; do
		fd=${fd##*/}
		[ "$fd" -gt 2 ] && eval "exec $fd>&-"
	done
}
lab_detach() {
	lab_closefds
	exec "$@"
}

# Node i's PID 1 (as the machine sees it), or nothing when the node is off.
node_pid() {
	local p
	p=$(cat "$LAB_DIR/n$1/pid1" 2>/dev/null) || return 1
	[ -n "$p" ] && [ -d "/proc/$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = docker-init ] || return 1
	echo "$p"
}

node_up() { node_pid "$1" >/dev/null; }

# node_exec I CMD...: run CMD in node I (all its namespaces, / as the working directory, the
# lab's PATH and nothing else of the caller's environment).
node_exec() {
	local pid
	pid=$(node_pid "$1") || { lab_log "node ${LAB_NODES[$1]} is not running"; return 125; }
	shift
	nsenter -t "$pid" -m -u -i -n -p --wd=/ -- env -i PATH="$LAB_PATH" HOME=/root LANG=C.UTF-8 "$@"
}

# node_spawn I LOG CMD...: start a daemon in node I, in a session of its own and a child of the
# node's PID 1 (setsid --fork), its output in LOG (a path inside the node).
node_spawn() {
	local i=$1 log=$2
	shift 2
	# shellcheck disable=SC2016 # expanded by that sh, from its arguments
	(lab_closefds && node_exec "$i" setsid --fork /bin/sh -c 'exec "$@" </dev/null >>"$0" 2>&1' "$log" "$@")
}

# The first running node (for the cluster's view), or nothing.
any_node() {
	local i
	for i in 0 1 2; do
		node_up "$i" && { echo "$i"; return 0; }
	done
	return 1
}

# crm_mon's XML as node I sees it (default: node $LAB_VIEW, else the first running node). A node
# that is joining shows the view it had when it went down until it has synced with the DC: the
# scenarios look from a node that stayed up.
lab_mon() {
	local i=${1:-${LAB_VIEW:-$(any_node)}}
	[ -n "$i" ] || return 1
	node_exec "$i" crm_mon --one-shot --inactive --output-as=xml 2>/dev/null
}

# lab_xpath EXPR [I]: the value of an XPath expression against crm_mon's status.
lab_xpath() {
	local xml
	xml=$(lab_mon "${2:-}") || return 1
	xmllint --xpath "$1" - <<<"$xml" 2>/dev/null
}

# ---- the nodes ----

lab_write_node_files() {
	local i=$1 n=$LAB_DIR/n$1 j d
	mkdir -p "$n"/{etc-upper,etc-work,varlib-upper,varlib-work,ocf-upper,ocf-work,docker,corosync,log} \
		"$n"/etc-upper/{corosync,pacemaker} "$n/pacemaker"/{cib,pengine,blackbox,cores} \
		"$n/log/pacemaker/bundles" || return 1
	{
		echo "127.0.0.1 localhost"
		for j in 0 1 2; do echo "$LAB_NET.$((11 + j)) ${LAB_NODES[$j]}"; done
	} >"$n/etc-upper/hosts"
	echo "${LAB_NODES[$i]}" >"$n/etc-upper/hostname"
	cat >"$n/etc-upper/corosync/corosync.conf" <<-EOF
	totem {
	    version: 2
	    cluster_name: berthlab
	    transport: knet
	    crypto_cipher: none
	    crypto_hash: none
	    token: 1000
	}
	nodelist {
	    node {
	        name: ${LAB_NODES[0]}
	        nodeid: 1
	        ring0_addr: $LAB_NET.11
	    }
	    node {
	        name: ${LAB_NODES[1]}
	        nodeid: 2
	        ring0_addr: $LAB_NET.12
	    }
	    node {
	        name: ${LAB_NODES[2]}
	        nodeid: 3
	        ring0_addr: $LAB_NET.13
	    }
	}
	quorum {
	    provider: corosync_votequorum
	}
	logging {
	    to_logfile: yes
	    logfile: /var/log/corosync.log
	    to_stderr: no
	    to_syslog: no
	    timestamp: on
	}
	EOF
	cp "$LAB_DIR/authkey" "$n/etc-upper/pacemaker/authkey" &&
		chgrp haclient "$n/etc-upper/pacemaker/authkey" && chmod 640 "$n/etc-upper/pacemaker/authkey" || return 1
	# The haproxy bundle's storage-map sources (OpenStack's kolla layout): made here, in the
	# node's /etc and /var/lib layers, never on the machine.
	mkdir -p "$n/etc-upper/pki/ca-trust/extracted" "$n/etc-upper/pki/tls/certs" "$n/etc-upper/pki/tls/private" \
		"$n/varlib-upper/kolla/config_files" "$n/varlib-upper/config-data/puppet-generated/haproxy/etc/haproxy" \
		"$n/varlib-upper/haproxy" || return 1
	echo '{"command": "/usr/sbin/haproxy -f /etc/haproxy/haproxy.cfg"}' >"$n/varlib-upper/kolla/config_files/haproxy.json"
	echo "# lab: no haproxy here" >"$n/varlib-upper/config-data/puppet-generated/haproxy/etc/haproxy/haproxy.cfg"
	for d in certs/ca-bundle.crt certs/ca-bundle.trust.crt cert.pem private/overcloud_endpoint.pem; do
		echo "# lab" >"$n/etc-upper/pki/tls/$d"
	done
	# The seed CIB: a DC within seconds, no fencing (CLUSTER.md). Only on a node's first start.
	if [ ! -e "$n/pacemaker/cib/cib.xml" ]; then
		cibadmin --empty >"$n/pacemaker/cib/cib.xml" &&
			CIB_file=$n/pacemaker/cib/cib.xml crm_attribute --type crm_config -n dc-deadtime -v 2s &&
			CIB_file=$n/pacemaker/cib/cib.xml crm_attribute --type crm_config -n stonith-enabled -v false ||
			return 1
	fi
	chown -R hacluster:haclient "$n/pacemaker" "$n/log/pacemaker" && chmod 750 "$n/pacemaker"/* &&
		chmod 600 "$n/pacemaker/cib/cib.xml"
	# berth for Pacemaker at ocf:berth:docker, in the node's OCF overlay only.
	mkdir -p "$n/ocf-upper/berth" && cp "$LAB_DIR/stage/docker" "$n/ocf-upper/berth/docker"
}

# lab_node_mounts: run inside a new node's namespaces (as its PID 1, before it becomes
# docker-init): $1 is the node's directory.
# shellcheck disable=SC2016 # expanded by the node's bash, from its arguments
LAB_NODE_INIT='
set -e
n=$1 hostname=$2
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
mkdir -p /run/lock /run/systemd/journal
mount -t tmpfs -o mode=755,nosuid tmpfs /dev
mknod -m 666 /dev/null c 1 3
mknod -m 666 /dev/zero c 1 5
mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8
mknod -m 666 /dev/urandom c 1 9
mknod -m 666 /dev/tty c 5 0
mkdir /dev/pts /dev/shm /dev/mqueue
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts /dev/pts
ln -s pts/ptmx /dev/ptmx
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
mount -t mqueue mqueue /dev/mqueue
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$n/etc-upper,workdir=$n/etc-work" /etc
mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$n/varlib-upper,workdir=$n/varlib-work" /var/lib
mount -t overlay overlay -o "lowerdir=/usr/lib/ocf/resource.d,upperdir=$n/ocf-upper,workdir=$n/ocf-work" /usr/lib/ocf/resource.d
mkdir -p /var/lib/pacemaker /var/lib/corosync /var/lib/docker
mount --bind "$n/corosync" /var/lib/corosync
mount --bind "$n/pacemaker" /var/lib/pacemaker
mount --bind "$n/docker" /var/lib/docker
mount --bind "$n/log" /var/log
hostname "$hostname"
exec /usr/bin/docker-init -- /bin/sleep infinity
'

# The journald and syslog stubs: datagram sockets that read and discard (dockerd refuses
# --log-driver=journald without the journal socket; the haproxy bundle maps /dev/log).
# shellcheck disable=SC2016
LAB_LOG_STUB='
import os, select, socket
socks = []
for path in ("/run/systemd/journal/socket", "/dev/log"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    os.chmod(path, 0o666)
    socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        s.recv(1 << 20)
'

# node_start I: power node I on (its directories kept from an earlier run: a rejoin) and wire it
# to the lab's network. Its daemons are started by node_daemons.
node_start() {
	local i=$1 n=$LAB_DIR/n$1 upid p1 sw
	lab_write_node_files "$i" || { lab_log "cannot write ${LAB_NODES[$i]}'s files"; return 1; }
	lab_detach setsid unshare --net --mount --uts --ipc --pid --fork --kill-child --mount-proc --propagation private \
		-- /bin/bash -c "$LAB_NODE_INIT" node "$n" "${LAB_NODES[$i]}" </dev/null >"$n/init.out" 2>&1 &
	upid=$!
	echo "$upid" >"$n/unshare"
	node_pid1() {
		p1=$(cat "/proc/$upid/task/$upid/children" 2>/dev/null) && p1=${p1%% *} && [ -n "$p1" ] &&
			[ "$(cat "/proc/$p1/comm" 2>/dev/null)" = docker-init ]
	}
	wait_until 20 -m "${LAB_NODES[$i]}'s PID 1" node_pid1 || { cat "$n/init.out" >&2; return 1; }
	echo "$p1" >"$n/pid1"
	sw=$(cat "$LAB_DIR/switch") || return 1
	nsenter -t "$sw" -n ip link add "lab$i" type veth peer name eth0 netns "$p1" &&
		nsenter -t "$sw" -n ip link set "lab$i" master br0 up &&
		node_exec "$i" ip addr add "$LAB_NET.$((11 + i))/24" dev eth0 &&
		node_exec "$i" ip link set eth0 up && node_exec "$i" ip link set lo up || return 1
	node_spawn "$i" /var/log/log-stub.out python3 -c "$LAB_LOG_STUB"
}

# node_daemons I: dockerd (the flags CLUSTER.md gives, a cgroup parent of the node's own), the
# bundle image imported once, corosync and pacemakerd.
node_daemons() {
	local i=$1 n=$LAB_DIR/n$1
	node_spawn "$i" /var/log/dockerd.log dockerd --bridge=none --iptables=false --ip6tables=false \
		--ip-forward=false --ip-masq=false --cgroup-parent="berth-lab-$i" || return 1
	wait_until 60 -m "dockerd in ${LAB_NODES[$i]}" node_exec "$i" docker version >/dev/null 2>&1 ||
		{ tail -n 20 "$n/log/dockerd.log" >&2; return 1; }
	if ! node_exec "$i" docker image inspect "$LAB_IMAGE" >/dev/null 2>&1; then
		node_exec "$i" docker import "$(cat "$LAB_DIR/image")" "$LAB_IMAGE" >/dev/null || return 1
	fi
	node_spawn "$i" /var/log/corosync.out corosync -f || return 1
	wait_until 30 -m "corosync in ${LAB_NODES[$i]}" node_exec "$i" corosync-cfgtool -s >/dev/null 2>&1 ||
		{ tail -n 20 "$n/log/corosync.out" "$n/log/corosync.log" >&2; return 1; }
	node_spawn "$i" /var/log/pacemakerd.out env PCMK_logfile=/var/log/pacemaker/pacemaker.log pacemakerd
}

# node_off I: power node I off (SIGKILL to its PID 1) and wait until every process of it is gone.
node_off() {
	local i=$1 p1 upid
	p1=$(node_pid "$i") || return 0
	upid=$(cat "$LAB_DIR/n$i/unshare" 2>/dev/null)
	kill -KILL "$p1"
	gone() { [ ! -d "/proc/$p1" ] && { [ -z "$upid" ] || [ ! -d "/proc/$upid" ]; }; }
	wait_until 30 -m "${LAB_NODES[$i]} to power off" gone
}

node_online() {
	[ "$(lab_xpath "string(/pacemaker-result/nodes/node[@name='${LAB_NODES[$1]}']/@online)" "${2:-}")" = true ]
}

# The whole cluster as node I sees it: all three nodes online, a DC.
cluster_formed() {
	local i=$1 j
	for j in 0 1 2; do node_online "$j" "$i" || return 1; done
	[ "$(lab_xpath "string(/pacemaker-result/summary/current_dc/@present)" "$i")" = true ]
}
