#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The benchmark driver behind bench/run (run that, not this: it builds the helpers, makes sure
of the image and cleans up on exit).

Measures berth (ocf:berth:docker) against ocf:heartbeat:docker and against floor programs
on the same container configuration, interleaved in random order, and writes a JSON file.
With podman's API service at hand (bench/run passes --podman-sock), it also measures berth over
podman's API, run as ocf:heartbeat:podman is, against ocf:heartbeat:podman itself.
Every sample goes through the `measure` helper (bench/measure.c), which reports wall time,
user+sys CPU of the whole process tree and the largest process's peak RSS. The tables are text;
the comparison is also drawn as an SVG beside the JSON (results.svg), with matplotlib (Debian:
python3-matplotlib) when it is installed. Otherwise the standard library only.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

DOCKER = "/usr/bin/docker"  # Debian's 20.10 client, matching the daemon
SOCK = "/run/docker.sock"
PATH = "/usr/sbin:/usr/bin:/sbin:/bin"  # roughly what Pacemaker's executor passes
RUN_OPTS = "--init --net=host"  # berth's default network, spelled out so both agents get it
RUN_CMD = "sleep 3600"
TIMEOUT_MS = "20000"

PODMAN = "/usr/bin/podman"
PODMAN_GRACE_MS = 300
# Fewer podman rounds: every exec leaves a conmon behind for minutes (CLUSTER.md, "podman"), and
# ocf:heartbeat:podman execs on every monitor.
FULL = dict(steady=100, lifecycle=30, scaling=40, rounds=4, levels=[1, 100, 300], concurrency=50,
            podman=dict(steady=40, lifecycle=15, rounds=2))
QUICK = dict(steady=20, lifecycle=8, scaling=15, rounds=1, levels=[1, 100], concurrency=50,
             podman=dict(steady=8, lifecycle=3, rounds=1))


def percentile(xs, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not xs:
        return None
    s = sorted(xs)
    pos = (len(s) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summarize(samples):
    wall = [s["wall_us"] / 1000 for s in samples]
    cpu = [s["cpu_us"] / 1000 for s in samples]
    rss = [s["rss_kb"] for s in samples]
    if not samples:
        return {"n": 0}
    return {
        "n": len(samples),
        "wall_ms": {"p50": percentile(wall, 0.5), "p95": percentile(wall, 0.95),
                    "p99": percentile(wall, 0.99), "max": max(wall)},
        "cpu_ms": {"p50": percentile(cpu, 0.5), "p95": percentile(cpu, 0.95)},
        "rss_kb": {"p50": percentile(rss, 0.5), "max": max(rss)},
    }


def cpu_times():
    """(busy, iowait, total) jiffies of all CPUs, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle, iowait, total = v[3], v[4], sum(v[:8])
    return total - idle - iowait, iowait, total


def host_busy(since):
    """Fraction of all CPUs busy, and in iowait, since an earlier cpu_times()."""
    now = cpu_times()
    dt = max(now[2] - since[2], 1)
    return (now[0] - since[0]) / dt, (now[1] - since[1]) / dt


def ratio(a, b):
    return a / b if a is not None and b not in (None, 0) else None


class Bench:
    def __init__(self, args):
        self.args = args
        self.cfg = dict(QUICK if args.quick else FULL)
        if args.iterations:
            self.cfg["steady"] = args.iterations
        self.prefix = args.prefix
        self.bindir = args.bindir
        self.rng = random.Random(args.seed)
        self.samples = {}   # (section, action, runner) -> [sample]
        self.failures = {}  # (section, action, runner) -> [message]
        self.others = []    # names of the filler containers
        self.host = {}      # section -> host CPU busy / iowait fraction while it ran
        self.started = False

    # ---- running things ----

    def name(self, what):
        return f"{self.prefix}-{what}"

    def ocf_env(self, instance, **extra):
        env = {
            "PATH": PATH,
            "HOME": os.environ.get("HOME", "/root"),
            "OCF_ROOT": "/usr/lib/ocf",
            "OCF_RESOURCE_INSTANCE": instance,
            "OCF_RESKEY_image": self.args.image,
            "OCF_RESKEY_run_cmd": RUN_CMD,
            "OCF_RESKEY_run_opts": RUN_OPTS,
            "OCF_RESKEY_CRM_meta_timeout": TIMEOUT_MS,
            "HA_LOGFACILITY": "none",
            "HA_RSCTMP": self.args.rsctmp,
        }
        env.update(extra)
        return env

    def runner(self, runner, action, target, section=""):
        """argv and env for one runner doing one action on container `target`. In the podman
        sections, "berth" is berth run as ocf:heartbeat:podman on podman's socket and
        "heartbeat" is ocf:heartbeat:podman."""
        helper = lambda n: os.path.join(self.bindir, n)  # noqa: E731
        floor_env = {"PATH": PATH}
        podman = section.startswith("podman")
        if runner in ("berth", "heartbeat"):
            agent = self.args.agent if runner == "berth" else self.args.heartbeat
            extra = {}
            if podman:
                extra["OCF_RESKEY_image"] = self.args.podman_image
                if runner == "berth":
                    # Pacemaker's name for the agent of a podman bundle; the socket spelled out.
                    extra.update(OCF_RESOURCE_TYPE="podman", OCF_RESKEY_docker_socket=self.args.podman_sock)
                else:
                    agent = self.args.podman_heartbeat
                    extra["OCF_RESOURCE_TYPE"] = "podman"
                    # The podman CLI must run containers as the service does (runc, no ulimits).
                    if os.environ.get("CONTAINERS_CONF"):
                        extra["CONTAINERS_CONF"] = os.environ["CONTAINERS_CONF"]
            if action in ("monitor", "monitor_cmd"):
                extra["OCF_RESKEY_CRM_meta_interval"] = "10000"
            if action == "monitor_cmd":
                extra["OCF_RESKEY_monitor_cmd"] = "/bin/true"
            if action == "probe":
                extra["OCF_RESKEY_CRM_meta_interval"] = "0"
            verb = "monitor" if action in ("monitor", "monitor_cmd", "probe") else action
            return [agent, verb], self.ocf_env(target, **extra)
        if runner in ("floor-curl", "floor-raw"):
            return [helper(runner), SOCK, target], floor_env
        if runner == "floor-ops":
            if action == "start":
                return [helper("floor-ops"), SOCK, "start", target, self.args.image], floor_env
            if action == "stop":
                return [helper("floor-ops"), SOCK, "stop", target], floor_env
            if action == "monitor_cmd":
                return [helper("floor-ops"), SOCK, "exec", target, "/bin/true"], floor_env
        raise ValueError(f"no runner {runner} for {action}")

    def measure(self, key, argv, env, expect, copies=1, grace_ms=0):
        cmd = [os.path.join(self.bindir, "measure")]
        if copies > 1:
            cmd += ["-c", str(copies)]
        if grace_ms:
            cmd += ["-g", str(grace_ms)]
        p = subprocess.run(cmd + ["--"] + argv, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        out = []
        for line in p.stdout.splitlines():
            wall, cpu, rss, status = (int(x) for x in line.split())
            if status != expect:
                msg = f"exit {status}, expected {expect}: {p.stderr.strip()[-300:]}"
                self.failures.setdefault(key, []).append(msg)
                continue
            out.append({"wall_us": wall, "cpu_us": cpu, "rss_kb": rss})
        if key is not None:
            self.samples.setdefault(key, []).extend(out)
        return out

    def run(self, section, action, runner, target, expect, record=True, copies=1):
        argv, env = self.runner(runner, action, target, section)
        key = (section, action, runner) if record else None
        # The podman CLI leaves conmon processes running (measure.c, -g): stop waiting for
        # them PODMAN_GRACE_MS after the agent exits. Both podman runners get the same.
        grace = PODMAN_GRACE_MS if section.startswith("podman") else 0
        return self.measure(key, argv, env, expect, copies, grace)

    def agent_quiet(self, runner, action, target, expect=0, section=""):
        """An unmeasured agent call that must succeed (setting up a phase)."""
        argv, env = self.runner(runner, action, target, section)
        p = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != expect:
            raise RuntimeError(f"{runner} {action} {target}: exit {p.returncode}: {p.stderr.strip()}")

    def docker(self, *args, check=True):
        return subprocess.run([DOCKER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, check=check, env={"PATH": PATH, "HOME": os.environ.get("HOME", "/root")})

    def log(self, msg):
        print(f"[{time.monotonic() - self.t0:6.1f}s] {msg}", file=sys.stderr, flush=True)

    def quiesce(self, limit=0.25, timeout=20):
        """Wait until the host is nearly idle (the daemon done with containers just made or
        removed, background writeback done): busy + iowait below `limit` for 2 s running."""
        t, calm = time.monotonic(), 0
        while time.monotonic() - t < timeout and calm < 2:
            since = cpu_times()
            time.sleep(1)
            busy, iowait = host_busy(since)
            calm = calm + 1 if busy + iowait < limit else 0
        if calm < 2:
            self.log(f"  host still busy after {timeout} s (busy {busy:.0%}, iowait {iowait:.0%}): measuring anyway")

    def interleaved(self, iterations, items, warmup=2):
        """items: (section, action, runner, target, expect); each iteration runs all in random order."""
        self.quiesce()
        since = cpu_times()
        for i in range(warmup + iterations):
            order = list(items)
            self.rng.shuffle(order)
            for section, action, runner, target, expect in order:
                self.run(section, action, runner, target, expect, record=i >= warmup)
        busy, iowait = host_busy(since)
        self.host[items[0][0]] = {"busy": round(busy, 3), "iowait": round(iowait, 3)}

    # ---- phases ----

    def monitored(self):
        """The two containers that the monitors look at, started by their own agents once."""
        mon_b, mon_h = self.name("mon-b"), self.name("mon-h")
        if not self.started:
            self.agent_quiet("berth", "start", mon_b)
            self.agent_quiet("heartbeat", "start", mon_h)
            self.started = True
        return mon_b, mon_h

    def phase_steady(self):
        mon_b, mon_h = self.monitored()
        absent = self.name("absent")
        items = [
            ("steady", "monitor", "berth", mon_b, 0),
            ("steady", "monitor", "heartbeat", mon_h, 0),
            ("steady", "monitor", "floor-curl", mon_b, 0),
            ("steady", "monitor", "floor-raw", mon_b, 0),
            ("steady", "monitor_cmd", "berth", mon_b, 0),
            ("steady", "monitor_cmd", "heartbeat", mon_h, 0),
            ("steady", "monitor_cmd", "floor-ops", mon_b, 0),
            ("steady", "probe", "berth", absent + "-b", 7),
            ("steady", "probe", "heartbeat", absent + "-h", 7),
            ("steady", "probe", "floor-curl", absent + "-f", 7),
            ("steady", "probe", "floor-raw", absent + "-f", 7),
        ]
        self.log(f"monitor, monitor_cmd, probe: {self.cfg['steady']} interleaved rounds")
        self.interleaved(self.cfg["steady"], items)

    def phase_lifecycle(self):
        self.log(f"start/stop: {self.cfg['lifecycle']} interleaved rounds")
        names = {"berth": self.name("lc-b"), "heartbeat": self.name("lc-h"), "floor-ops": self.name("lc-f")}
        self.quiesce()
        since = cpu_times()
        for i in range(1 + self.cfg["lifecycle"]):  # the first round warms up
            record = i > 0
            runners = list(names)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("lifecycle", "start", r, names[r], 0, record=record)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("lifecycle", "stop", r, names[r], 0, record=record)
        busy, iowait = host_busy(since)
        self.host["lifecycle"] = {"busy": round(busy, 3), "iowait": round(iowait, 3)}
        for n in names.values():  # a failed stop must not leave it behind
            self.docker("rm", "-f", n, check=False)

    def phase_concurrent(self):
        n = self.cfg["concurrency"]
        self.log(f"{n} concurrent monitors: {self.cfg['rounds']} rounds per runner")
        mon_b, mon_h = self.monitored()
        targets = {"berth": mon_b, "heartbeat": mon_h, "floor-curl": mon_b}
        self.quiesce()
        for r in list(targets):  # warm-up
            self.run("concurrent", "monitor", r, targets[r], 0, record=False, copies=n)
        for _ in range(self.cfg["rounds"]):
            runners = list(targets)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("concurrent", "monitor", r, targets[r], 0, copies=n)

    def add_others(self, total):
        new = [self.name(f"other-{i:03d}") for i in range(len(self.others), total)]

        def one(name):
            p = self.docker("run", "-d", "--init", "--net=none", "--name", name, self.args.image,
                            "sleep", "3600", check=False)
            return name, p.returncode, p.stderr.strip()

        t = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=8)
        try:
            for name, rc, err in pool.map(one, new):
                self.others.append(name)
                if rc != 0:
                    raise RuntimeError(f"docker run {name}: {err}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # interrupted: create no more
        self.log(f"  {len(new)} containers created in {time.monotonic() - t:.1f} s")

    def phase_scaling(self):
        mon_b, mon_h = self.monitored()
        for level in self.cfg["levels"]:
            self.log(f"scaling: {level} other containers")
            self.add_others(level)
            sec = f"scaling-{level}"
            items = [
                (sec, "monitor", "berth", mon_b, 0),
                (sec, "monitor", "heartbeat", mon_h, 0),
                (sec, "monitor", "floor-curl", mon_b, 0),
            ]
            self.interleaved(self.cfg["scaling"], items)

    def phase_podman(self):
        """berth over podman's API against ocf:heartbeat:podman: monitor, monitor_cmd, start,
        stop and 50 monitors at once, each agent on a container of its own with the same image,
        run_opts and run_cmd."""
        if not self.args.podman_sock:
            self.log("podman: skipped (no podman service; bench/run says why)")
            return
        c = self.cfg["podman"]
        mon_b, mon_h = self.name("pm-b"), self.name("pm-h")
        self.agent_quiet("berth", "start", mon_b, section="podman")
        self.agent_quiet("heartbeat", "start", mon_h, section="podman")
        items = [
            ("podman", "monitor", "berth", mon_b, 0),
            ("podman", "monitor", "heartbeat", mon_h, 0),
            ("podman", "monitor_cmd", "berth", mon_b, 0),
            ("podman", "monitor_cmd", "heartbeat", mon_h, 0),
        ]
        self.log(f"podman: monitor, monitor_cmd: {c['steady']} interleaved rounds")
        self.interleaved(c["steady"], items)

        self.log(f"podman: start/stop: {c['lifecycle']} interleaved rounds")
        names = {"berth": self.name("pl-b"), "heartbeat": self.name("pl-h")}
        self.quiesce()
        since = cpu_times()
        for i in range(1 + c["lifecycle"]):  # the first round warms up
            runners = list(names)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("podman-lifecycle", "start", r, names[r], 0, record=i > 0)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("podman-lifecycle", "stop", r, names[r], 0, record=i > 0)
        busy, iowait = host_busy(since)
        self.host["podman-lifecycle"] = {"busy": round(busy, 3), "iowait": round(iowait, 3)}

        n = self.cfg["concurrency"]
        self.log(f"podman: {n} concurrent monitors: {c['rounds']} rounds per runner")
        targets = {"berth": mon_b, "heartbeat": mon_h}
        self.quiesce()
        for r in list(targets):  # warm-up
            self.run("podman-concurrent", "monitor", r, targets[r], 0, record=False, copies=n)
        for _ in range(c["rounds"]):
            runners = list(targets)
            self.rng.shuffle(runners)
            for r in runners:
                self.run("podman-concurrent", "monitor", r, targets[r], 0, copies=n)

    def podman(self, *args, check=True):
        env = {"PATH": PATH, "HOME": os.environ.get("HOME", "/root")}
        if os.environ.get("CONTAINERS_CONF"):
            env["CONTAINERS_CONF"] = os.environ["CONTAINERS_CONF"]
        return subprocess.run([PODMAN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, check=check, env=env)

    def cleanup(self):
        """Remove every container this run made (bench/run's trap does it again on the way out)."""
        if self.args.podman_sock:
            ids = self.podman("ps", "-aq", "--filter", f"name=^{self.prefix}-", check=False).stdout.split()
            if ids:
                self.podman("rm", "-f", "-v", *ids, check=False)
                self.log(f"removed {len(ids)} podman containers")
        p = self.docker("ps", "-aq", "--filter", f"name=^/{self.prefix}-", check=False)
        ids = p.stdout.split()
        chunks = [ids[i:i + 40] for i in range(0, len(ids), 40)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda c: self.docker("rm", "-f", "-v", *c, check=False), chunks))
        if ids:
            self.log(f"removed {len(ids)} containers")

    # ---- results ----

    def machine(self):
        cpu = "?"
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        server = self.docker("version", "--format", "{{.Server.Version}}", check=False).stdout.strip()
        curl = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libcurl4"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip()
        return {
            "nproc": os.cpu_count(),
            "kernel": platform.release(),
            "cpu": cpu,
            "docker": server,
            "libcurl4": curl,
            "podman": self.podman("version", "--format", "{{.Client.Version}}", check=False).stdout.strip()
            if self.args.podman_sock else None,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "loadavg_start": self.load0,
            "loadavg_end": open("/proc/loadavg").read().split()[:3],
        }

    def results(self):
        out = {"machine": self.machine(), "config": self.cfg, "quick": self.args.quick,
               "seed": self.args.seed, "agent": self.args.agent, "heartbeat": self.args.heartbeat,
               "agent_sha256": hashlib.sha256(open(self.args.agent, "rb").read()).hexdigest(),
               "podman_heartbeat": self.args.podman_heartbeat if self.args.podman_sock else None,
               "podman_image": self.args.podman_image if self.args.podman_sock else None,
               "git": self.args.git, "run_opts": RUN_OPTS, "run_cmd": RUN_CMD,
               "elapsed_s": round(time.monotonic() - self.t0, 1), "sections": {}}
        for (section, action, runner), samples in self.samples.items():
            d = out["sections"].setdefault(section, {}).setdefault(action, {})
            d[runner] = summarize(samples)
            d[runner]["failures"] = len(self.failures.get((section, action, runner), []))
            d[runner]["samples"] = [[s["wall_us"], s["cpu_us"], s["rss_kb"]] for s in samples]
        out["host_load"] = self.host
        out["failures"] = {"/".join(k): v[:5] for k, v in self.failures.items()}
        out["targets"] = targets(out["sections"])
        return out

    def main(self):
        self.t0 = time.monotonic()
        self.load0 = open("/proc/loadavg").read().split()[:3]
        try:
            for phase in self.args.phases.split(","):
                getattr(self, f"phase_{phase}")()
        finally:
            self.cleanup()
        res = self.results()
        text = json.dumps(res, indent=1)
        # One line per sample ([wall_us, cpu_us, rss_kb]) rather than one per number.
        text = re.sub(r"\[\s*(-?\d+),\s*(-?\d+),\s*(-?\d+)\s*\]", r"[\1, \2, \3]", text)
        with open(self.args.out, "w") as f:
            f.write(text + "\n")
        print(render(res))
        svg = self.args.svg or svg_path(self.args.out)
        why = plot(res, svg)
        self.log(f"done in {res['elapsed_s']} s; results in {self.args.out}"
                 + (f", the picture in {svg}" if why is None else f"; no picture: {why}"))
        return 1 if self.failures else 0


# ---- targets and tables (also used by --show on a saved file) ----

def get(sections, section, action, runner, metric, stat):
    try:
        return sections[section][action][runner][metric][stat]
    except (KeyError, TypeError):
        return None


def targets(sec):
    g = lambda a, r, m, s="p50", section="steady": get(sec, section, a, r, m, s)  # noqa: E731
    levels = sorted(int(k.split("-")[1]) for k in sec if k.startswith("scaling-"))
    rows = [
        ("monitor: berth CPU / floor-curl CPU", ratio(g("monitor", "berth", "cpu_ms"), g("monitor", "floor-curl", "cpu_ms")), "<=", 1.2),
        ("monitor: berth wall / floor-curl wall", ratio(g("monitor", "berth", "wall_ms"), g("monitor", "floor-curl", "wall_ms")), "<=", 1.2),
        ("monitor: heartbeat CPU / berth CPU", ratio(g("monitor", "heartbeat", "cpu_ms"), g("monitor", "berth", "cpu_ms")), ">=", 5),
        ("monitor: heartbeat wall / berth wall", ratio(g("monitor", "heartbeat", "wall_ms"), g("monitor", "berth", "wall_ms")), ">=", 5),
        ("monitor_cmd: heartbeat wall / berth wall", ratio(g("monitor_cmd", "heartbeat", "wall_ms"), g("monitor_cmd", "berth", "wall_ms")), ">=", 2),
        ("peak RSS: berth / floor-curl (monitor)", ratio(g("monitor", "berth", "rss_kb"), g("monitor", "floor-curl", "rss_kb")), "<=", 1.2),
        ("peak RSS: berth / heartbeat (monitor)", ratio(g("monitor", "berth", "rss_kb"), g("monitor", "heartbeat", "rss_kb")), "<", 0.5),
    ]
    if levels and levels[0] == 1 and len(levels) > 1:
        top = levels[-1]
        rows.append((f"monitor wall: {top} others / 1 other (berth)",
                     ratio(g("monitor", "berth", "wall_ms", section=f"scaling-{top}"),
                           g("monitor", "berth", "wall_ms", section="scaling-1")), "<=", 1.1))
    for a in ("start", "stop"):
        for m, label in (("wall_ms", "wall"), ("cpu_ms", "CPU")):
            rows.append((f"{a}: berth {label} / floor-ops {label}",
                         ratio(g(a, "berth", m, section="lifecycle"), g(a, "floor-ops", m, section="lifecycle")),
                         "<=", 1.2))
    out = []
    for name, value, op, limit in rows:
        ok = None if value is None else {"<=": value <= limit, ">=": value >= limit, "<": value < limit}[op]
        out.append({"target": name, "value": value, "op": op, "limit": limit, "ok": ok})
    return out


def fmt_ms(v):
    if v is None:
        return "-"
    return f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms"


def fmt_kb(v):
    return "-" if v is None else f"{v / 1024:.1f} MB"


def fmt_x(v):
    return "-" if v is None else f"{v:.2f}x"


def render(res):
    m, sec = res["machine"], res["sections"]
    lines = [
        f"berth benchmark, {m['date']}" + (" (--quick)" if res["quick"] else "") + f", {res['elapsed_s']} s",
        f"machine: {m['nproc']} CPUs ({m['cpu']}), kernel {m['kernel']}, dockerd {m['docker']}, "
        f"libcurl {m['libcurl4']}",
        f"agent: {res['agent']} (sha256 {res.get('agent_sha256', '?')[:12]}), bench at git {res['git']}",
        f"container: run_opts \"{res['run_opts']}\", run_cmd \"{res['run_cmd']}\"; "
        f"loadavg {' '.join(m['loadavg_start'])} -> {' '.join(m['loadavg_end'])}",
    ]
    if res.get("host_load"):
        lines.append("host CPU busy (+iowait) while measuring, all processes including this benchmark:")
        lines.append("  " + ", ".join(f"{k} {v['busy']:.0%} (+{v['iowait']:.0%})" for k, v in res["host_load"].items()))
    lines.append("")
    cols = ("wall_ms", "p50"), ("wall_ms", "p95"), ("cpu_ms", "p50"), ("cpu_ms", "p95"), ("rss_kb", "p50")
    head = f"{'action':<12} {'runner':<17} {'n':>4} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>9} {'cpu p95':>9} {'peak RSS':>9}"
    if "steady" in sec or "lifecycle" in sec:
        lines += [head, "-" * len(head)]

    def row(label, action, runner, d):
        cells = [fmt_kb(d[c][s]) if c == "rss_kb" else fmt_ms(d[c][s]) for c, s in cols]
        fail = f"  ({d['failures']} failed)" if d.get("failures") else ""
        return f"{label:<12} {runner:<17} {d['n']:>4} " + " ".join(f"{c:>9}" for c in cells) + fail

    def ratio_row(section, action, a, b):
        da, db = sec[section][action].get(a), sec[section][action].get(b)
        if not da or not db or not da.get("n") or not db.get("n"):
            return None
        cells = [fmt_x(ratio(da[c][s], db[c][s])) for c, s in cols]
        return f"{'':<12} {a + '/' + b:<17} {'':>4} " + " ".join(f"{c:>9}" for c in cells)

    order = [("steady", "monitor", ["berth", "heartbeat", "floor-curl", "floor-raw"], ["heartbeat", "floor-curl"]),
             ("steady", "monitor_cmd", ["berth", "heartbeat", "floor-ops"], ["heartbeat", "floor-ops"]),
             ("steady", "probe", ["berth", "heartbeat", "floor-curl", "floor-raw"], ["heartbeat", "floor-curl"]),
             ("lifecycle", "start", ["berth", "heartbeat", "floor-ops"], ["heartbeat", "floor-ops"]),
             ("lifecycle", "stop", ["berth", "heartbeat", "floor-ops"], ["heartbeat", "floor-ops"])]
    for section, action, runners, against in order:
        if action not in sec.get(section, {}):
            continue
        first = True
        for r in runners:
            d = sec[section][action].get(r)
            if d and d.get("n") is not None:
                lines.append(row(action if first else "", action, r, d) if d["n"] else f"{'':<12} {r:<17}    0 samples")
                first = False
        for b in against:
            rr = ratio_row(section, action, "berth", b)
            if rr:
                lines.append(rr)
        lines.append("")

    if "podman" in sec:
        lines.append(f"podman {m.get('podman') or '?'}: berth over podman's API (run as ocf:heartbeat:podman) vs "
                     f"ocf:heartbeat:podman, image {res.get('podman_image')}")
        lines.append("(ocf:heartbeat:podman execs monitor_cmd, /bin/true by default, on every monitor: its monitor")
        lines.append(" and monitor_cmd rows do the same work; berth's monitor only inspects)")
        lines += [head, "-" * len(head)]
        for section, action in (("podman", "monitor"), ("podman", "monitor_cmd"),
                                ("podman-lifecycle", "start"), ("podman-lifecycle", "stop")):
            if action not in sec.get(section, {}):
                continue
            first = True
            for r in ("berth", "heartbeat"):
                d = sec[section][action].get(r)
                if d and d.get("n") is not None:
                    lines.append(row(action if first else "", action, r, d) if d["n"] else f"{'':<12} {r:<17}    0 samples")
                    first = False
            rr = ratio_row(section, action, "berth", "heartbeat")
            if rr:
                lines.append(rr)
            lines.append("")
        if "podman-concurrent" in sec:
            n = res["config"]["concurrency"]
            lines.append(f"podman: {n} monitors started at once (per-monitor wall time)")
            lines.append(f"{'runner':<17} {'n':>5} {'p50':>9} {'p99':>9} {'max':>9} {'cpu p50':>9}")
            cc = sec["podman-concurrent"]["monitor"]
            for r in ("berth", "heartbeat"):
                d = cc.get(r)
                if d and d["n"]:
                    lines.append(f"{r:<17} {d['n']:>5} {fmt_ms(d['wall_ms']['p50']):>9} {fmt_ms(d['wall_ms']['p99']):>9} "
                                 f"{fmt_ms(d['wall_ms']['max']):>9} {fmt_ms(d['cpu_ms']['p50']):>9}")
            b, h = cc.get("berth"), cc.get("heartbeat")
            if b and h and b.get("n") and h.get("n"):
                lines.append(f"{'berth/heartbeat':<17} {'':>5} {fmt_x(ratio(b['wall_ms']['p50'], h['wall_ms']['p50'])):>9} "
                             f"{fmt_x(ratio(b['wall_ms']['p99'], h['wall_ms']['p99'])):>9} "
                             f"{fmt_x(ratio(b['wall_ms']['max'], h['wall_ms']['max'])):>9} "
                             f"{fmt_x(ratio(b['cpu_ms']['p50'], h['cpu_ms']['p50'])):>9}")
            lines.append("")

    levels = sorted((int(k.split("-")[1]) for k in sec if k.startswith("scaling-")))
    if levels:
        lines.append("monitor with N other containers: wall p50 / p95, berth's CPU p50, wall p50 vs first row")
        first = levels[0]
        lines.append(f"{'others':>6}  {'berth':>17} {'berth cpu':>9}  {'heartbeat':>17}  {'floor-curl':>17}"
                     f"  {'berth rel':>9} {'floor rel':>9}")
        for n in levels:
            cells = []
            for r in ("berth", "heartbeat", "floor-curl"):
                p50 = get(sec, f"scaling-{n}", "monitor", r, "wall_ms", "p50")
                p95 = get(sec, f"scaling-{n}", "monitor", r, "wall_ms", "p95")
                cells.append(f"{fmt_ms(p50)} / {fmt_ms(p95)}")
            cpu = get(sec, f"scaling-{n}", "monitor", "berth", "cpu_ms", "p50")
            rel = [fmt_x(ratio(get(sec, f"scaling-{n}", "monitor", r, "wall_ms", "p50"),
                               get(sec, f"scaling-{first}", "monitor", r, "wall_ms", "p50")))
                   for r in ("berth", "floor-curl")]
            lines.append(f"{n:>6}  {cells[0]:>17} {fmt_ms(cpu):>9}  {cells[1]:>17}  {cells[2]:>17}"
                         f"  {rel[0]:>9} {rel[1]:>9}")
        lines.append("")

    if "concurrent" in sec:
        n = res["config"]["concurrency"]
        lines.append(f"{n} monitors started at once (per-monitor wall time)")
        lines.append(f"{'runner':<12} {'n':>5} {'p50':>9} {'p99':>9} {'max':>9} {'cpu p50':>9}")
        for r in ("berth", "heartbeat", "floor-curl"):
            d = sec["concurrent"]["monitor"].get(r)
            if d and d["n"]:
                lines.append(f"{r:<12} {d['n']:>5} {fmt_ms(d['wall_ms']['p50']):>9} {fmt_ms(d['wall_ms']['p99']):>9} "
                             f"{fmt_ms(d['wall_ms']['max']):>9} {fmt_ms(d['cpu_ms']['p50']):>9}")
        lines.append("")

    lines.append("targets")
    for t in targets(sec):
        verdict = "n/a" if t["ok"] is None else ("ok" if t["ok"] else "MISSED")
        value = "-" if t["value"] is None else f"{t['value']:.3f}x"
        lines.append(f"  {t['target']:<46} {value:>8}  (target {t['op']} {t['limit']}x)  {verdict}")
    if res.get("failures"):
        lines.append("")
        lines.append("failed samples (left out of the statistics):")
        for k, msgs in res["failures"].items():
            lines.append(f"  {k}: {len(msgs)}+ e.g. {msgs[0]}")
    return "\n".join(lines)


# ---- the picture (also drawn by --plot from a saved file) ----

def svg_path(json_path):
    """The SVG beside a JSON file: results.json -> results.svg."""
    base = json_path[:-5] if json_path.endswith(".json") else json_path
    return base + ".svg"


def samples_ms(sec, section, action, runner, column):
    """One column of a runner's samples in ms (0 wall, 1 CPU), or [] when there are none."""
    try:
        return [x[column] / 1000 for x in sec[section][action][runner]["samples"]]
    except (KeyError, TypeError):
        return []


def plot(res, path):
    """Draws the comparison as an SVG at `path`: what each action costs (wall and CPU time, the
    median and the 95th percentile), berth against the shell agent and the floor, and the
    latency of N monitors started at once, as the share of monitors done by each moment; with
    podman, the same for podman. Returns None, or why there is no picture."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (Debian: python3-matplotlib; ocf-tests/setup --all installs it)"
    # Text stays text (a small file that greps), and the same run gives the same bytes.
    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "berth-bench", "font.size": 9})
    sec = res["sections"]
    colours = {"berth": "#1b6ca8", "heartbeat": "#c0392b", "floor-curl": "#7f8c8d",
               "floor-ops": "#7f8c8d", "floor-raw": "#bdc3c7"}
    names = {"berth": "berth", "heartbeat": "shell agent", "floor-curl": "floor (libcurl)",
             "floor-ops": "floor (libcurl)", "floor-raw": "floor (raw socket)"}
    docker_actions = [(s, a) for s, a in (("steady", "monitor"), ("steady", "monitor_cmd"), ("steady", "probe"),
                                          ("lifecycle", "start"), ("lifecycle", "stop")) if a in sec.get(s, {})]
    podman_actions = [(s, a) for s, a in (("podman", "monitor"), ("podman", "monitor_cmd"),
                                          ("podman-lifecycle", "start"), ("podman-lifecycle", "stop"))
                      if a in sec.get(s, {})]
    rows = [r for r in (("docker", docker_actions, "concurrent"), ("podman", podman_actions, "podman-concurrent"))
            if r[1] or r[2] in sec]
    if not rows:
        return "the run measured nothing to draw"
    fig, axes = plt.subplots(len(rows), 3, figsize=(13, 3.9 * len(rows)), squeeze=False)
    n = res["config"].get("concurrency", 50)

    def bars(ax, actions, column, title):
        runners = ["berth", "heartbeat"] + (["floor"] if any(
            r.startswith("floor") for s, a in actions for r in sec[s][a]) else [])
        width = 0.8 / len(runners)
        for i, r in enumerate(runners):
            p50, p95, label = [], [], None
            for s, a in actions:
                rr = r
                if r == "floor":  # the floor that does what this action does
                    rr = next((f for f in ("floor-curl", "floor-ops") if f in sec[s][a]), None)
                xs = samples_ms(sec, s, a, rr, column) if rr else []
                p50.append(percentile(xs, 0.5) or 0)
                p95.append(percentile(xs, 0.95) or 0)
                label = names.get(rr, r) if rr else label
            x = [j + (i - (len(runners) - 1) / 2) * width for j in range(len(actions))]
            ax.bar(x, p50, width, color=colours.get("floor-curl" if r == "floor" else r),
                   label=label or r, yerr=[[0] * len(p50), [max(b - a, 0) for a, b in zip(p50, p95)]],
                   capsize=2, error_kw={"elinewidth": 0.8})
        ax.set_xticks(range(len(actions)))
        ax.set_xticklabels([a for s, a in actions])
        ax.set_yscale("log")
        ax.set_ylabel("ms per action (log scale)")
        ax.set_title(title)
        ax.grid(axis="y", which="major", alpha=0.3)
        ax.legend(fontsize=8)

    def latency(ax, section, title):
        for r in ("berth", "heartbeat", "floor-curl"):
            xs = sorted(samples_ms(sec, section, "monitor", r, 0))
            if xs:
                ax.step(xs, [(i + 1) / len(xs) for i in range(len(xs))], where="post",
                        color=colours[r], label=f"{names[r]}: p50 {fmt_ms(percentile(xs, 0.5))}, "
                        f"max {fmt_ms(xs[-1])}")
        ax.set_xscale("log")
        ax.set_xlabel("ms from the release of the monitors (log scale)")
        ax.set_ylabel("share of the monitors done")
        ax.set_title(title)
        ax.grid(which="major", alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")

    for k, (engine, actions, conc) in enumerate(rows):
        against = "ocf:heartbeat:docker" if engine == "docker" else "ocf:heartbeat:podman"
        if actions:
            bars(axes[k][0], actions, 0, f"{engine}: wall time per action (bar p50, line p95)")
            bars(axes[k][1], actions, 1, f"{engine}: CPU per action, the whole process tree")
        else:
            axes[k][0].axis("off")
            axes[k][1].axis("off")
        if conc in sec:
            latency(axes[k][2], conc, f"{engine}: {n} monitors started at once")
        else:
            axes[k][2].axis("off")
        axes[k][0].annotate(f"berth vs {against}", (0, 1.13), xycoords="axes fraction", fontsize=10,
                            fontweight="bold")
    m = res["machine"]
    fig.suptitle(f"berth benchmark, {m['date']}" + (" (--quick)" if res.get("quick") else "")
                 + f": {m['nproc']} CPUs, dockerd {m['docker']}"
                 + (f", podman {m['podman']}" if m.get("podman") else ""), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
    # A tenth of a point is finer than any screen shows; matplotlib's comments name its objects.
    # Without both the picture is half again as large, too large to keep in git beside the docs.
    with open(path) as f:
        text = f.read()
    text = re.sub(r"(\d\.\d)\d\d+", r"\1", text)  # 3 decimals or more: coordinates, not text
    text = re.sub(r"<!--.*?-->\n?", "", text, flags=re.S)
    text = re.sub(r"\n\s+", "\n", text)
    with open(path, "w") as f:
        f.write(text)
    return None


def compare(old_path, new_path):
    old, new = (json.load(open(p)) for p in (old_path, new_path))
    print(f"{'section/action/runner':<40} {'wall p50':>20} {'cpu p50':>20} {'peak RSS':>20}")
    for section, actions in new["sections"].items():
        for action, runners in actions.items():
            for r, d in runners.items():
                o = old["sections"].get(section, {}).get(action, {}).get(r)
                if not o or not o.get("n") or not d.get("n"):
                    continue
                cells = []
                for metric, f in (("wall_ms", fmt_ms), ("cpu_ms", fmt_ms), ("rss_kb", fmt_kb)):
                    a, b = o[metric]["p50"], d[metric]["p50"]
                    cells.append(f"{f(a)}->{f(b)} {fmt_x(ratio(b, a))}")
                print(f"{section + '/' + action + '/' + r:<40} " + " ".join(f"{c:>20}" for c in cells))


def main():
    ap = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a short run (about a minute)")
    ap.add_argument("--iterations", type=int, help="rounds of the monitor/probe phase")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"),
                    help="where to write the JSON (default: bench/results.json)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the interleaving order")
    ap.add_argument("--phases", default="steady,lifecycle,concurrent,scaling,podman",
                    help="which parts to run (default: all; concurrent and scaling use steady's containers; "
                         "podman only with --podman-sock)")
    ap.add_argument("--show", metavar="JSON", help="print the tables of a saved run and exit")
    ap.add_argument("--plot", metavar="JSON", help="draw the picture of a saved run (to --svg) and exit")
    ap.add_argument("--svg", help="where to draw the picture (default: the JSON's name with .svg)")
    ap.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"), help="compare two saved runs and exit")
    # Set by bench/run:
    ap.add_argument("--agent")
    ap.add_argument("--heartbeat", default="/usr/lib/ocf/resource.d/heartbeat/docker")
    ap.add_argument("--image", default="berth-test:latest")
    ap.add_argument("--bindir")
    ap.add_argument("--prefix")
    ap.add_argument("--rsctmp")
    ap.add_argument("--git", default="?")
    ap.add_argument("--podman-sock", help="podman's API socket; without it, no podman section")
    ap.add_argument("--podman-heartbeat", default="/usr/lib/ocf/resource.d/heartbeat/podman")
    ap.add_argument("--podman-image", default="localhost/berth-test:latest")
    args = ap.parse_args()
    if args.show:
        print(render(json.load(open(args.show))))
        return 0
    if args.plot:
        svg = args.svg or svg_path(args.plot)
        why = plot(json.load(open(args.plot)), svg)
        print(f"bench/run: {why}" if why else f"bench/run: drew {svg}", file=sys.stderr)
        return 1 if why else 0
    if args.compare:
        compare(*args.compare)
        return 0
    if not (args.agent and args.bindir and args.prefix and args.rsctmp):
        ap.error("run bench/run, not bench.py directly (--agent, --bindir, --prefix, --rsctmp)")

    def stop(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    return Bench(args).main()


if __name__ == "__main__":
    sys.exit(main())
