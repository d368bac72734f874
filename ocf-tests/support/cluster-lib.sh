# SPDX-License-Identifier: GPL-2.0-or-later
# A real one-node Pacemaker cluster for berth's cluster tests (sourced, not run).
# shellcheck shell=bash
#
# corosync (knet on loopback, no crypto) and pacemakerd run in a private mount namespace in
# which /etc/corosync, /var/lib/corosync and /var/lib/pacemaker are empty directories of the
# test's own (under $CL_DIR). So the suite overwrites nothing of a developer's cluster
# configuration, and a test killed half-way leaves no half-written configuration behind.
# /usr/lib/ocf/resource.d and /var/lib/dpkg are overlays in that namespace: what a test changes
# there (berth-divert's diversion of ocf:heartbeat:docker) is seen by the test's cluster only,
# never by the machine or by other tests running beside it, and vanishes with the namespace.
# Everything else (/run/resource-agents, /tmp, /dev/shm, /run/docker.sock unless CL_DOCKER_SOCK
# says otherwise, below) is shared with the host, so the agents the cluster runs reach a dockerd
# the tests see too. cl_run runs a tool inside the namespace, so that it sees what the cluster sees (pcs
# reads /etc/corosync; crm_resource runs agents from /usr/lib/ocf).
#
# Facts this relies on are in the shared CLUSTER.md: a seeded cib.xml with dc-deadtime=2s brings
# the node online as DC in seconds; pacemakerd stays in the foreground (started with setsid, its
# PID recorded here); stop is TERM to pacemakerd, wait, then TERM to corosync.
#
#   cl_start            bring the cluster up and wait until the node is online and DC
#   cl_stop             stop it and remove its files (idempotent; safe from an EXIT trap);
#                       also as cl_stop_pacemaker + cl_stop_corosync, to act in between
#   cl_run CMD...       run a tool inside the cluster's namespace (on the host without a cluster)
#   cl_mon              crm_mon's XML status (with node attributes) on stdout
#   cl_xpath EXPR       evaluate an XPath expression against a fresh crm_mon status
#   wait_until SECS -m DESC CMD...   run CMD until it succeeds, at most SECS seconds (no fixed sleeps;
#                                    support/wait.sh, sourced by lib.sh)
#
# The agents the cluster runs read their node-local configuration (ocf_berth_docker(7), NODE-LOCAL
# SETTINGS) from $CL_CONF_DIR, a directory of the test's own (BERTH_CONF_DIR, the test hook, in
# the daemons' environment, which Pacemaker passes on to the agents it runs; and cl_run's): the
# machine's /etc/berth is neither read nor written, and in the cluster's namespace it is
# $CL_CONF_DIR too (support/cluster-namespace), for the agents pcs and crmsh run with an
# environment of their own. Empty until a test writes a file there. (Agents that saw another
# configuration published another berth-conf node attribute: the attribute flapped, and a
# transition it aborted between a promoted replica's demote and its stop left that replica with
# its old parameters, run 17's test_20.)
#
# BERTH_CLUSTER_AGENT=PATH puts a copy of that berth binary at $CL_OCF/resource.d/berth/docker
# in the namespace's overlay: the cluster (and cl_run) then use a build without installing it,
# and without disturbing an installed berth.
#
# CL_DOCKER_SOCK=PATH (set before cl_start) is bind-mounted over /run/docker.sock in the
# namespace: the cluster's agents (berth, the shell agent's docker CLI) then reach that daemon,
# e.g. a private dockerd (support/private-dockerd.sh), and the machine's dockerd is never
# touched, so that other suites may use it meanwhile. A daemon that starts again makes a new
# socket: cl_docker_rebind points the namespace at it. (What is mounted is a hard link to the
# socket in $CL_DIR: dockerd unlinks its socket when it stops, and nothing can be mounted on a
# path whose mount is of an unlinked file.)

CL_DIR=""
CL_CONF_DIR=""
CL_COROSYNC_PID=""
CL_PACEMAKERD_PID=""
CL_NODE=$(uname -n)
CL_OCF=/usr/lib/ocf  # fixed when Pacemaker is built (CLUSTER.md)

# The daemons get a clean environment: a developer's PATH, HA_* or OCF_* variables must not leak
# into the agents the cluster runs (CLUSTER.md: daemons inherit the caller's PATH).
CL_PATH=/usr/sbin:/usr/bin:/sbin:/bin
CL_DOCKER_SOCK=${CL_DOCKER_SOCK:-}
CL_DOCKER_LINKS=0
CL_DOCKER_LINK=""
# support/cluster-namespace, beside this file
CL_SUPPORT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

cl_log() { echo "cluster: $*" >&2; }

cl_run() {
	if [ -n "$CL_COROSYNC_PID" ]; then
		nsenter -t "$CL_COROSYNC_PID" -m -- env PATH="$CL_PATH" BERTH_CONF_DIR="${CL_CONF_DIR:-$BERTH_CONF_DIR}" "$@"
	else
		env PATH="$CL_PATH" "$@"
	fi
}

cl_mon() { cl_run crm_mon --one-shot --inactive --include=attributes --output-as=xml 2>/dev/null; }

# cl_xpath EXPR: print the value of EXPR (use string(), count(), ...) against crm_mon's status.
cl_xpath() {
	local xml
	xml=$(cl_mon) || return 1
	xmllint --xpath "$1" - <<<"$xml" 2>/dev/null
}

# Another cluster in this network namespace would share the daemons' IPC names (abstract unix
# sockets) and corosync's port: refuse rather than disturb it. Clusters in namespaces of their
# own (as other tests may run) do not count.
cl_other_cluster() {
	local p net
	grep -qE '@(cib_rw|cmap)$' /proc/net/unix 2>/dev/null && return 0
	net=$(readlink /proc/self/ns/net)
	for p in $(pgrep -x 'corosync|pacemakerd' 2>/dev/null); do
		[ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$net" ] && return 0
	done
	return 1
}

cl_write_config() {
	mkdir -p "$CL_DIR/etc-corosync" "$CL_DIR/var-lib-corosync" "$CL_DIR/log" || return 1
	cat >"$CL_DIR/etc-corosync/corosync.conf" <<-EOF
	totem {
	    version: 2
	    cluster_name: berthtest
	    transport: knet
	    crypto_cipher: none
	    crypto_hash: none
	}
	nodelist {
	    node {
	        name: $CL_NODE
	        nodeid: 1
	        ring0_addr: 127.0.0.1
	    }
	}
	quorum {
	    provider: corosync_votequorum
	}
	logging {
	    to_logfile: yes
	    logfile: $CL_DIR/log/corosync.log
	    to_stderr: no
	    to_syslog: no
	    timestamp: on
	}
	EOF
	local d cib=$CL_DIR/var-lib-pacemaker/cib/cib.xml
	for d in cib pengine blackbox cores; do
		mkdir -p "$CL_DIR/var-lib-pacemaker/$d" || return 1
	done
	# The seed CIB: a DC within seconds, no fencing (one node, no fence device).
	cibadmin --empty >"$cib" &&
		CIB_file=$cib crm_attribute --type crm_config -n dc-deadtime -v 2s &&
		CIB_file=$cib crm_attribute --type crm_config -n stonith-enabled -v false || return 1
	chown -R hacluster:haclient "$CL_DIR/var-lib-pacemaker" &&
		chmod 750 "$CL_DIR/var-lib-pacemaker"/* && chmod 600 "$cib" || return 1
	touch "$CL_DIR/log/pacemaker.log" && chown hacluster:haclient "$CL_DIR/log/pacemaker.log" || return 1
	# root's and writable by root alone, as berth wants its configuration directory
	CL_CONF_DIR=$CL_DIR/etc-berth
	mkdir -p "$CL_CONF_DIR" && chmod 0755 "$CL_CONF_DIR"
}

cl_node_online_dc() {
	local xml
	xml=$(cl_mon) || return 1
	[ "$(xmllint --xpath "string(/pacemaker-result/nodes/node[@name='$CL_NODE']/@online)" - <<<"$xml")" = true ] &&
		[ "$(xmllint --xpath "string(/pacemaker-result/summary/current_dc/@present)" - <<<"$xml")" = true ]
} 2>/dev/null

cl_start() {
	if cl_other_cluster; then
		cl_log "corosync or pacemaker already runs on this machine; not starting a test cluster"
		return 1
	fi
	if [ -n "${BERTH_CLUSTER_AGENT:-}" ] && ! [ -x "$BERTH_CLUSTER_AGENT" ]; then
		cl_log "BERTH_CLUSTER_AGENT=$BERTH_CLUSTER_AGENT is not an executable"
		return 1
	fi
	if [ -n "$CL_DOCKER_SOCK" ] && ! [ -S "$CL_DOCKER_SOCK" ]; then
		cl_log "CL_DOCKER_SOCK=$CL_DOCKER_SOCK is not a socket"
		return 1
	fi
	# The mount point for it: without a machine dockerd, an empty file (which a dockerd started
	# later replaces with its socket).
	[ -z "$CL_DOCKER_SOCK" ] || [ -e /run/docker.sock ] || : >/run/docker.sock || return 1
	CL_DIR=$(mktemp -d /tmp/berth-cluster.XXXXXX) || return 1
	local sock=""
	if [ -n "$CL_DOCKER_SOCK" ]; then
		CL_DOCKER_LINKS=0
		cl_docker_link || return 1
		sock=$CL_DOCKER_LINK
	fi
	chmod 755 "$CL_DIR"
	cl_write_config || { cl_log "cannot write the cluster configuration in $CL_DIR"; return 1; }
	local t0
	t0=$(date +%s%N)
	# setsid and unshare exec in place (a background job of a script leads no process group), and
	# so does support/cluster-namespace once it has mounted the cluster's files: $! is corosync's
	# own PID, and the namespace lives as long as corosync.
	setsid unshare -m --propagation private -- "$CL_SUPPORT/cluster-namespace" "$CL_DIR" "$CL_PATH" "$CL_OCF" \
		"${BERTH_CLUSTER_AGENT:-}" "$sock" \
		</dev/null >"$CL_DIR/log/corosync.out" 2>&1 &
	CL_COROSYNC_PID=$!
	wait_until 20 -m "corosync to answer" cl_run corosync-cfgtool -s >/dev/null 2>&1 || {
		cl_log "corosync did not start:"
		tail -n 20 "$CL_DIR/log/corosync.out" "$CL_DIR/log/corosync.log" >&2
		return 1
	}
	nsenter -t "$CL_COROSYNC_PID" -m -- env -i PATH="$CL_PATH" PCMK_logfile="$CL_DIR/log/pacemaker.log" \
		BERTH_CONF_DIR="$CL_CONF_DIR" setsid pacemakerd </dev/null >"$CL_DIR/log/pacemakerd.out" 2>&1 &
	CL_PACEMAKERD_PID=$!
	wait_until 60 -m "node $CL_NODE online and a DC elected" cl_node_online_dc || {
		cl_log "pacemaker did not come up:"
		tail -n 30 "$CL_DIR/log/pacemakerd.out" "$CL_DIR/log/pacemaker.log" >&2
		return 1
	}
	cl_log "node $CL_NODE online as DC in $((($(date +%s%N) - t0) / 1000000)) ms (corosync $CL_COROSYNC_PID," \
		"pacemakerd $CL_PACEMAKERD_PID, files in $CL_DIR)"
}

# cl_delete ID...: what `pcs resource delete` does, at a tenth of its CPU: stop each resource
# (a primitive, clone or bundle, by id; target-role Stopped), wait up to 60 s until crm_mon shows
# nothing of it active, take it out of the configuration. (pcs took about 5 s and 1.5 CPU
# seconds a call, most of the cluster suite's time where removing is not what it tests.
# Removing a running promotable clone at once left its promoted container: stop first.)
cl_delete() {
	local id
	for id in "$@"; do
		cl_run crm_resource --resource "$id" --meta --set-parameter target-role --parameter-value Stopped \
			>/dev/null 2>&1 || return 1
		wait_until 60 -m "$id stopped" cl_inactive "$id" || return 1
		# the element itself, or the clone around it
		cl_run cibadmin --delete --xpath "/cib/configuration/resources/*[@id='$id' or */@id='$id']" \
			>/dev/null 2>&1 || return 1
		[ -z "$(cl_run cibadmin --query --xpath "/cib/configuration//*[@id='$id']" 2>/dev/null)" ] || return 1
	done
}
# cl_inactive ID: crm_mon shows no active resource of ID: itself, its clone instances (ID:N) or
# what is inside it (a bundle's).
cl_inactive() {
	[ "$(cl_xpath "count(//resource[@active='true' and (@id='$1' or starts-with(@id,'$1:'))] |
		//*[@id='$1']//resource[@active='true'])")" = 0 ]
}

# cl_docker_rebind: after CL_DOCKER_SOCK's daemon started again (a new socket at the same path),
# bind it over /run/docker.sock in the namespace once more. The new mount goes on top of the old
# one, so that the namespace never sees the machine's /run/docker.sock in between.
cl_docker_rebind() {
	[ -n "$CL_DOCKER_SOCK" ] && [ -n "$CL_COROSYNC_PID" ] || return 0
	cl_docker_link && nsenter -t "$CL_COROSYNC_PID" -m -- mount --bind "$CL_DOCKER_LINK" /run/docker.sock
}

# cl_docker_link: a new hard link of CL_DOCKER_SOCK's socket in CL_DIR (docker.sock.N, N counted
# from 0 by CL_DOCKER_LINKS), its path in CL_DOCKER_LINK.
cl_docker_link() {
	CL_DOCKER_LINK=$CL_DIR/docker.sock.$CL_DOCKER_LINKS
	CL_DOCKER_LINKS=$((CL_DOCKER_LINKS + 1))
	ln "$CL_DOCKER_SOCK" "$CL_DOCKER_LINK"
}

# cl_kill_wait PID SECS: TERM, wait up to SECS for it to exit, then KILL.
cl_kill_wait() {
	local pid=$1 secs=$2
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	wait_until "$secs" test ! -e "/proc/$pid" && return 0
	cl_log "pid $pid ignored TERM for ${secs}s; killing it"
	kill -KILL "$pid" 2>/dev/null
	return 1
}

# pacemakerd stops the resources first, then its subdaemons.
cl_stop_pacemaker() {
	[ -n "$CL_PACEMAKERD_PID" ] || return 0
	local rc=0 p ns
	cl_kill_wait "$CL_PACEMAKERD_PID" 120 || rc=1
	# Subdaemons a killed pacemakerd left behind: only those in our namespace, by PID.
	ns=$(readlink "/proc/$CL_COROSYNC_PID/ns/mnt" 2>/dev/null)
	if [ -n "$ns" ]; then
		for p in $(pgrep -f '^/usr/lib/pacemaker/pacemaker-' 2>/dev/null); do
			[ "$(readlink "/proc/$p/ns/mnt" 2>/dev/null)" = "$ns" ] && kill -KILL "$p" 2>/dev/null && rc=1
		done
	fi
	CL_PACEMAKERD_PID=""
	return $rc
}

cl_stop_corosync() {
	local rc=0
	if [ -n "$CL_COROSYNC_PID" ]; then
		cl_kill_wait "$CL_COROSYNC_PID" 30 || rc=1
		CL_COROSYNC_PID=""
	fi
	if [ -n "$CL_DIR" ]; then
		# BERTH_KEEP_CLUSTER_LOGS=1 (the suite sets it when a test failed) keeps the daemons' logs.
		if [ "${BERTH_KEEP_CLUSTER_LOGS:-0}" = 1 ]; then
			rm -rf "$CL_DIR/var-lib-pacemaker" "$CL_DIR"/overlay-* "$CL_DIR/var-lib-corosync"
			cl_log "logs kept in $CL_DIR/log"
		else
			rm -rf "$CL_DIR"
		fi
		CL_DIR=""
		CL_CONF_DIR=""
	fi
	return $rc
}

cl_stop() {
	local rc=0
	cl_stop_pacemaker || rc=1
	cl_stop_corosync || rc=1
	return $rc
}

