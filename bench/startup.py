#!/usr/bin/env python3
"""Startup benchmark: Flywheel versus a bare Spring Boot web app, measured side by side.

For each run it spawns the JVM, polls the readiness URL every ~20 ms and records
  * time to ready: from process spawn to the first HTTP 200 of the readiness URL;
  * RSS: VmRSS from /proc/<pid>/status, read a moment after the server became ready.
Runs alternate between the two apps; after one discarded warm-up start of each, the
median of the measured runs is reported together with the ratio Flywheel / reference.

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


def stop_all(*_):
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


def vm_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def child_env():
    """The embedded default: no datasource, mail or Flywheel settings leak in from the caller."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SPRING_", "FLYWHEEL_", "SERVER_", "MANAGEMENT_"))}
    env.pop("JAVA_TOOL_OPTIONS", None)
    return env


class App:
    def __init__(self, name, jar, ready_path, extra_args=()):
        self.name, self.jar, self.ready_path, self.extra_args = name, jar, ready_path, list(extra_args)

    def start_once(self, java, java_opts, timeout, settle):
        workdir = tempfile.mkdtemp(prefix=f"bench-{self.name.lower()}-")
        port = free_port()
        cmd = [java, *java_opts, "-jar", self.jar,
               f"--server.port={port}", f"--server.address={HOST}", *self.extra_args]
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
                        break
                    if proc.poll() is not None:
                        raise RuntimeError(f"{self.name} exited with code {proc.returncode} before it was ready")
                    if time.monotonic() - t0 > timeout:
                        raise RuntimeError(f"{self.name} did not answer 200 on {self.ready_path} within {timeout}s")
                    time.sleep(POLL_INTERVAL)
                time.sleep(settle)
                rss = vm_rss_kib(proc.pid)
            finally:
                stop(proc)
        except Exception:
            log.close()
            with open(log_path, "rb") as f:
                lines = f.read().decode(errors="replace").splitlines()
            # Stack frames drown the cause; keep the messages.
            lines = [l for l in lines if not l.lstrip().startswith(("at ", "... "))]
            tail = "\n".join(lines[-40:])
            sys.stderr.write(f"--- last log lines of {self.name} (stack frames omitted) ---\n{tail}\n")
            raise
        finally:
            log.close()
            shutil.rmtree(workdir, ignore_errors=True)
        return ready, rss


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

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    flywheel = App("Flywheel", args.flywheel_jar, "/actuator/health/readiness")
    reference = App("Reference", args.reference_jar, "/")
    java_opts = args.java_opts.split()

    header = [
        "Flywheel startup benchmark",
        f"date:      {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine:   {os.cpu_count()} cores, {cpu_model()}, {memory_gib()}, {platform.system()} {platform.release()}",
        f"jdk:       {java_version(args.java)}",
        f"jvm opts:  {args.java_opts or '(none)'}",
        f"runs:      {args.runs} measured starts of each app, alternating, after 1 warm-up start each",
        f"ready:     Flywheel GET {flywheel.ready_path} = 200; reference GET {reference.ready_path} = 200"
        f" (polled every {int(POLL_INTERVAL * 1000)} ms, timed from process spawn)",
        f"rss:       VmRSS {args.settle:g} s after ready",
        f"load:      {load_average()} (1/5/15 min) before the first start; other work on the machine skews both apps",
        "",
    ]
    print("\n".join(header), flush=True)

    results = {flywheel.name: [], reference.name: []}
    try:
        for app in (reference, flywheel):
            t, rss = app.start_once(args.java, java_opts, args.timeout, args.settle)
            print(f"warm-up   {app.name:<9}  ready {t:6.2f} s   rss {rss / 1024:6.0f} MiB  (discarded)", flush=True)
        for i in range(1, args.runs + 1):
            order = (reference, flywheel) if i % 2 else (flywheel, reference)
            for app in order:
                t, rss = app.start_once(args.java, java_opts, args.timeout, args.settle)
                results[app.name].append((t, rss))
                print(f"run {i:<5} {app.name:<9}  ready {t:6.2f} s   rss {rss / 1024:6.0f} MiB", flush=True)
    finally:
        stop_all()

    def med(name, idx):
        return statistics.median(r[idx] for r in results[name])

    fw_t, ref_t = med("Flywheel", 0), med("Reference", 0)
    fw_m, ref_m = med("Flywheel", 1) / 1024, med("Reference", 1) / 1024
    ratio_t, ratio_m = fw_t / ref_t, fw_m / ref_m

    def spread(name, idx, scale=1.0):
        vals = [r[idx] / scale for r in results[name]]
        return min(vals), max(vals)

    summary = [
        "",
        "                    time to ready (median, min-max)      RSS after start (median, min-max)",
        "  Flywheel          {:6.2f} s  ({:.2f}-{:.2f})               {:6.0f} MiB  ({:.0f}-{:.0f})".format(
            fw_t, *spread("Flywheel", 0), fw_m, *spread("Flywheel", 1, 1024)),
        "  Reference         {:6.2f} s  ({:.2f}-{:.2f})               {:6.0f} MiB  ({:.0f}-{:.0f})".format(
            ref_t, *spread("Reference", 0), ref_m, *spread("Reference", 1, 1024)),
        "  Flywheel/ref      {:6.2f} x                                {:6.2f} x".format(ratio_t, ratio_m),
        "",
        "target: Flywheel ready in under 2x the reference time -> {} ({:.2f}x)".format(
            "MET" if ratio_t < 2.0 else "NOT MET", ratio_t),
        f"load:   {load_average()} (1/5/15 min) after the last start",
    ]
    print("\n".join(summary), flush=True)

    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write("\n".join(header) + "\n")
            for name, rows in results.items():
                for n, (t, rss) in enumerate(rows, 1):
                    f.write(f"run {n:<5} {name:<9}  ready {t:6.2f} s   rss {rss / 1024:6.0f} MiB\n")
            f.write("\n".join(summary) + "\n")
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
