# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# The one poll loop of the tests, sourced by lib.sh (every suite), cluster-lib.sh's users and the
# lab's lab-lib.sh.
#
# wait_until SECONDS [-m DESCRIPTION] COMMAND...: run COMMAND until it succeeds (return 0) or
# SECONDS of wall time have passed (return 1; with -m, "timed out after SECONDSs waiting for:
# DESCRIPTION" on stderr). It polls every 0.1 s for the first 10 s, then every 0.5 s. The bound
# is wall time, so a slow machine gets the same bound, not fewer polls' worth of it; and the
# command is tried until the bound has passed, however long one try takes. (The slower pace after 10 s is
# for the long waits: a live cluster's poll is mostly crm_mon, ~40 ms of CPU and as much of the
# CIB daemon's, and at 0.1 s a minute's wait for a bundle's monitor cost half a CPU.)
wait_until() {
	local secs=$1 desc="" start now
	shift
	if [ "${1:-}" = -m ]; then
		desc=$2
		shift 2
	fi
	start=${EPOCHREALTIME//[!0-9]/} # microseconds
	until "$@"; do
		now=${EPOCHREALTIME//[!0-9]/}
		if [ "$now" -ge $((start + secs * 1000000)) ]; then
			[ -z "$desc" ] || echo "timed out after ${secs}s waiting for: $desc" >&2
			return 1
		fi
		if [ "$now" -lt $((start + 10000000)) ]; then sleep 0.1; else sleep 0.5; fi
	done
}
