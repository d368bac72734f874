# SPDX-License-Identifier: GPL-2.0-or-later
# The lab's four bundles, as an OpenStack control plane defines them (sourced; not run).
# shellcheck shell=bash
#
#   haproxy-bundle    plain containers: host network, kolla's options and start command, ten
#                     storage maps (nine read-only, /dev/log read-write), 3 replicas
#   rabbitmq-bundle   an inner clone (ocf:pacemaker:Dummy standing in for rabbitmq-cluster)
#   galera-bundle     an inner promotable resource promoted on all three (promoted-max=3;
#                     ocf:pacemaker:Stateful standing in for galera)
#   redis-bundle      an inner promotable resource promoted on one (promoted-max=1; Stateful)
# Every bundle with an inner resource has a control port of its own (they share the node's
# network), and every container runs pacemaker-remoted for its inner resource.

LAB_KOLLA_OPTS="--user=root --log-driver=journald -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS"

# The haproxy bundle's storage maps: id source target options.
LAB_HAPROXY_MAPS=(
	"haproxy-cfg-files /var/lib/kolla/config_files/haproxy.json /var/lib/kolla/config_files/config.json ro"
	"haproxy-cfg-data /var/lib/config-data/puppet-generated/haproxy/ /var/lib/kolla/config_files/src ro"
	"haproxy-hosts /etc/hosts /etc/hosts ro"
	"haproxy-localtime /etc/localtime /etc/localtime ro"
	"haproxy-var-lib /var/lib/haproxy /var/lib/haproxy ro"
	"haproxy-pki-extracted /etc/pki/ca-trust/extracted /etc/pki/ca-trust/extracted ro"
	"haproxy-pki-ca-bundle-crt /etc/pki/tls/certs/ca-bundle.crt /etc/pki/tls/certs/ca-bundle.crt ro"
	"haproxy-pki-ca-bundle-trust-crt /etc/pki/tls/certs/ca-bundle.trust.crt /etc/pki/tls/certs/ca-bundle.trust.crt ro"
	"haproxy-pki-cert /etc/pki/tls/cert.pem /etc/pki/tls/cert.pem ro"
	"haproxy-dev-log /dev/log /dev/log rw"
)

# lab_bundles_create I: define the four bundles in one CIB change, from node I.
lab_bundles_create() {
	local i=$1 f=$LAB_DIR/bundles.xml m maps=()
	local -a id
	for m in "${LAB_HAPROXY_MAPS[@]}"; do
		read -ra id <<<"$m"
		maps+=(storage-map id="${id[0]}" source-dir="${id[1]}" target-dir="${id[2]}" options="${id[3]}")
	done
	node_exec "$i" cibadmin --query >"$f" || return 1
	chmod 644 "$f"
	pcsf() { node_exec "$i" pcs -f "$f" "$@"; }
	# Container operations get the time the shell agent's bundles get in production.
	pcsf resource op defaults update timeout=60s >/dev/null 2>&1 &&
		pcsf resource bundle create haproxy-bundle container docker image="$LAB_IMAGE" network=host \
			options="$LAB_KOLLA_OPTS" replicas=3 run-command="/bin/bash /usr/local/bin/kolla_start" \
			"${maps[@]}" &&
		pcsf resource bundle create rabbitmq-bundle container docker image="$LAB_IMAGE" network=host \
			options="$LAB_KOLLA_OPTS" replicas=3 network control-port=3122 &&
		pcsf resource create rabbitmq ocf:pacemaker:Dummy meta notify=true \
			op monitor interval=10s bundle rabbitmq-bundle &&
		pcsf resource bundle create galera-bundle container docker image="$LAB_IMAGE" network=host \
			options="$LAB_KOLLA_OPTS" replicas=3 promoted-max=3 network control-port=3123 &&
		pcsf resource create galera ocf:pacemaker:Stateful \
			op monitor interval=10s role=Promoted op monitor interval=11s role=Unpromoted bundle galera-bundle &&
		pcsf resource bundle create redis-bundle container docker image="$LAB_IMAGE" network=host \
			options="$LAB_KOLLA_OPTS" replicas=3 promoted-max=1 network control-port=3124 &&
		pcsf resource create redis ocf:pacemaker:Stateful \
			op monitor interval=10s role=Promoted op monitor interval=11s role=Unpromoted bundle redis-bundle ||
		return 1
	node_exec "$i" cibadmin --replace --scope configuration --xml-file "$f"
}

# lab_snap [I]: take crm_mon's view (from node I, default the first running node) into LAB_XML;
# lab_x EXPR evaluates an XPath expression against it (one view for several questions).
lab_snap() { LAB_XML=$(lab_mon "${1:-}") && [ -n "$LAB_XML" ]; }
lab_x() { xmllint --xpath "$1" - <<<"$LAB_XML" 2>/dev/null; }

# The replicas of a bundle whose guest node is up: crm_mon shows an inner resource with the
# history its guest node had when the guest went away (e.g. Promoted, on a node that was powered
# off) until the guest node's connection has started again and the DC has cleared that history.
# Pacemaker does not count such a resource as active; the lab does not either.
LAB_LIVE_REPLICA="replica[not(resource[@resource_agent='ocf:pacemaker:remote' and @role!='Started'])]"

# How many resources of BUNDLE with resource_agent AGENT are in ROLE (and not failed), in LAB_XML.
lab_count() {
	lab_x "count(//bundle[@id='$1']/$LAB_LIVE_REPLICA/resource[@resource_agent='$2' and @role='$3' and @failed='false'])"
}

# lab_state_summary [I]: the bundles' roles and the guest nodes online, as node I sees them.
lab_state_summary() {
	lab_snap "${1:-}" || { echo "no crm_mon answer"; return 0; }
	echo "haproxy Started $(lab_count haproxy-bundle ocf:heartbeat:docker Started)," \
		"rabbitmq Started $(lab_count rabbitmq-bundle ocf:pacemaker:Dummy Started)," \
		"galera Promoted $(lab_count galera-bundle ocf:pacemaker:Stateful Promoted)," \
		"redis Promoted $(lab_count redis-bundle ocf:pacemaker:Stateful Promoted) +" \
		"Unpromoted $(lab_count redis-bundle ocf:pacemaker:Stateful Unpromoted)," \
		"guest nodes online $(lab_x "count(/pacemaker-result/nodes/node[@type='remote' and @online='true'])")"
}

LAB_STATE_FULL="haproxy Started 3, rabbitmq Started 3, galera Promoted 3, redis Promoted 1 + Unpromoted 2, guest nodes online 9"

# The lab's whole state: haproxy Started x3, rabbitmq Started x3, galera Promoted x3, redis
# 1 Promoted + 2 Unpromoted, 9 guest nodes online.
lab_state_ok() { [ "$(lab_state_summary "${1:-}")" = "$LAB_STATE_FULL" ]; }
