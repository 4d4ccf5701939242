#!/usr/bin/env python3
"""Startup benchmark: Flywheel versus a bare Spring Boot web app, measured side by side.

For each start it spawns the JVM, polls the readiness URL every ~20 ms and records
  * time to ready: from process spawn to the first HTTP 200 of the readiness URL;
  * CPU time to ready: user + system CPU seconds the JVM had used at that moment
    (from /proc/<pid>/stat; far less sensitive to other load on the machine than wall time);
  * RSS: VmRSS from /proc/<pid>/status, read a moment after the server became ready.
Starts alternate between the two apps; after one discarded warm-up start of each, the
median of the measured starts is reported together with the ratio Flywheel / reference.

Normally started through bench/startup.sh, which builds both jars first.
"""

import argparse
import http.client
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

POLL_INTERVAL = 0.020
HOST = "127.0.0.1"
CLK_TCK = os.sysconf("SC_CLK_TCK")

running = []  # processes that must be stopped whatever happens


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc in running:
        running.remove(proc)


def stop_all():
    for proc in list(running):
        stop(proc)


def on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def status_of(port, path):
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def vm_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def child_env():
    """The embedded default: no datasource, mail or Flywheel settings leak in from the caller."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SPRING_", "FLYWHEEL_", "SERVER_", "MANAGEMENT_"))}
    env.pop("JAVA_TOOL_OPTIONS", None)
    return env


class App:
    def __init__(self, name, jar, ready_path):
        self.name, self.jar, self.ready_path = name, jar, ready_path

    def start_once(self, java, java_opts, timeout, settle):
        """Starts the app in a fresh working directory; returns (seconds to ready, CPU seconds, RSS MiB)."""
        workdir = tempfile.mkdtemp(prefix=f"bench-{self.name.lower()}-")
        port = free_port()
        cmd = [java, *java_opts, "-jar", self.jar, f"--server.port={port}", f"--server.address={HOST}"]
        log_path = os.path.join(workdir, "app.log")
        log = open(log_path, "wb")
        try:
            t0 = time.monotonic()
            proc = subprocess.Popen(cmd, cwd=workdir, env=child_env(), stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=subprocess.STDOUT)
            running.append(proc)
            try:
                while True:
                    if status_of(port, self.ready_path) == 200:
                        ready = time.monotonic() - t0
                        cpu = cpu_seconds(proc.pid)
                        break
                    if proc.poll() is not None:
                        raise RuntimeError(f"{self.name} exited with code {proc.returncode} before it was ready")
                    if time.monotonic() - t0 > timeout:
                        raise RuntimeError(f"{self.name} did not answer 200 on {self.ready_path} within {timeout:g}s")
                    time.sleep(POLL_INTERVAL)
                time.sleep(settle)
                rss = vm_rss_mib(proc.pid)
            finally:
                stop(proc)
        except Exception:
            log.close()
            with open(log_path, "rb") as f:
                lines = f.read().decode(errors="replace").splitlines()
            # Stack frames drown the cause; keep the messages.
            lines = [line for line in lines if not line.lstrip().startswith(("at ", "... "))]
            tail = "\n".join(lines[-40:])
            sys.stderr.write(f"--- last log lines of {self.name} (stack frames omitted) ---\n{tail}\n")
            raise
        finally:
            log.close()
            shutil.rmtree(workdir, ignore_errors=True)
        return ready, cpu, rss


def java_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    if not out:
        return "unknown"
    build = out[1].split("(build", 1)[1].rstrip(")").strip() if len(out) > 1 and "(build" in out[1] else ""
    return f"{out[0]} (build {build})" if build else out[0]


def memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run_line(label, name, sample, note=""):
    t, cpu, rss = sample
    return f"{label:<9} {name:<9}  ready {t:6.2f} s   cpu {cpu:6.2f} s   rss {rss:5.0f} MiB{note}"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--flywheel-jar", required=True)
    p.add_argument("--reference-jar", required=True)
    p.add_argument("--runs", type=int, default=5, help="measured starts of each app (default 5)")
    p.add_argument("--settle", type=float, default=1.0,
                   help="seconds to wait after ready before reading VmRSS (default 1.0)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds a start may take (default 120)")
    p.add_argument("--java", default=shutil.which("java") or "java")
    p.add_argument("--java-opts", default="", help="JVM options given to both apps (default none)")
    p.add_argument("--out", help="also write the report to this file")
    args = p.parse_args()
    if args.runs < 1:
        p.error("--runs must be at least 1")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    flywheel = App("Flywheel", args.flywheel_jar, "/actuator/health/readiness")
    reference = App("Reference", args.reference_jar, "/")
    java_opts = args.java_opts.split()
    report = []

    def out(line=""):
        print(line, flush=True)
        report.append(line)

    out("Flywheel startup benchmark")
    out(f"date:      {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    out(f"machine:   {os.cpu_count()} cores, {cpu_model()}, {memory_gib()}, {platform.system()} {platform.release()}")
    out(f"jdk:       {java_version(args.java)}")
    out(f"jvm opts:  {args.java_opts or '(none)'}")
    out(f"runs:      {args.runs} measured starts of each app, alternating, after 1 warm-up start each")
    out(f"ready:     first HTTP 200 of Flywheel GET {flywheel.ready_path} / reference GET {reference.ready_path},"
        f" polled every {int(POLL_INTERVAL * 1000)} ms, timed from process spawn")
    out(f"cpu:       user+system CPU time of the JVM at ready")
    out(f"rss:       VmRSS {args.settle:g} s after ready")
    out(f"load:      {load_average()} (1/5/15 min) before the first start")
    out()

    results = {flywheel.name: [], reference.name: []}
    try:
        for app in (reference, flywheel):
            out(run_line("warm-up", app.name, app.start_once(args.java, java_opts, args.timeout, args.settle),
                         "  (discarded)"))
        for i in range(1, args.runs + 1):
            for app in ((reference, flywheel) if i % 2 else (flywheel, reference)):
                sample = app.start_once(args.java, java_opts, args.timeout, args.settle)
                results[app.name].append(sample)
                out(run_line(f"run {i}", app.name, sample))
    finally:
        stop_all()

    def stats(name, idx):
        vals = [r[idx] for r in results[name]]
        return statistics.median(vals), min(vals), max(vals)

    fw = [stats("Flywheel", i) for i in range(3)]
    ref = [stats("Reference", i) for i in range(3)]
    ratios = [f[0] / r[0] for f, r in zip(fw, ref)]

    def cell(s, unit, fmt):
        return f"{s[0]:{fmt}} {unit} ({s[1]:{fmt}}-{s[2]:{fmt}})"

    def row(label, cells):
        return f"  {label:<13}" + "".join(f"{c:<28}" for c in cells).rstrip()

    out()
    out(row("median", ["time to ready (min-max)", "CPU time to ready", "RSS after start"]))
    for name, s in (("Flywheel", fw), ("Reference", ref)):
        out(row(name, [cell(s[0], "s", ".2f"), cell(s[1], "s", ".2f"), cell(s[2], "MiB", ".0f")]))
    out(row("Flywheel/ref", [f"{r:.2f} x" for r in ratios]))
    out()
    out("target: Flywheel ready in under 2x the reference time -> {} ({:.2f}x)".format(
        "MET" if ratios[0] < 2.0 else "NOT MET", ratios[0]))
    out(f"load:   {load_average()} (1/5/15 min) after the last start")

    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write("\n".join(report) + "\n")
        print(f"\nreport written to {args.out}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        stop_all()
        sys.exit(130)
    except RuntimeError as e:
        stop_all()
        sys.stderr.write(f"startup benchmark FAILED: {e}\n")
        sys.exit(1)
