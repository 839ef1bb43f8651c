#!/usr/bin/env python3
"""Where a multi-threaded run has only one thread busy, and what that thread is doing.

Samples the command with `perf record -e cpu-clock -g` (every thread, FREQ Hz each), cuts the run
into bins of BIN ms, and counts the bins in which only one thread was sampled: the time that the
other core had nothing of this run's to do (start-up, a serial step, the reports, a pass's last
unit), or that the machine did not run the other thread (a busy host preempts a virtual CPU, so
compare runs of one session). The samples in those bins are then grouped by the innermost frame
that names one of the phases below, so the serial time reads as a list of causes. Time in which no thread ran at all
(waiting on the disk) shows as bins with no sample.

Needs `perf` (Debian: linux-perf) and a kernel that lets it sample (perf_event_paranoid <= 1 or
root). Optional; not part of CI.

Usage: benchmarks/serial_time.py [--freq HZ] [--bin MS] -- COMMAND [ARG ...]
  e.g. benchmarks/serial_time.py -- .build/release/sweetspot run big.toml --threads 2 --out /tmp/o
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The phases, by a substring of a frame's (mangled) symbol; within a frame the first match wins.
PHASES = [
    ("start-up: dynamic linking", ["_dl_"]),
    ("start-up: Swift runtime conformance lookups", ["swift_conformsToProtocol"]),
    ("reports", ["SweetspotReport", "writeReports"]),
    ("experiment: loading, checkpoints, result files", ["SweetspotExperiment"]),
    ("trial: drawing customers", ["appendCustomers"]),
    ("trial: contacts pass", ["8contacts"]),
    ("trial: outcomes pass", ["8outcomes"]),
    ("trial: queue metrics and staffing", ["SweetspotQueueing", "QueuedChannel", "Staffing"]),
    ("trial: surveys and closing sums", ["Surveys", "ClosingSums"]),
    ("trial: other", ["SweetspotModel"]),
    ("kernel", ["[kernel", "page_fault", "_raw_spin"]),
]


def phase(stack):
    """The phase of the innermost frame that names one (a trial's frames sit below the runner's)."""
    for frame in stack:
        for name, keys in PHASES:
            if any(k in frame for k in keys):
                return name
    return "other: " + (stack[0][:60] if stack else "?")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--freq", type=int, default=2000, help="samples per second per thread (default 2000)")
    p.add_argument("--bin", type=float, default=2.0, help="bin width in ms (default 2; at least two sampling periods)")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        print("serial_time.py: give the command to sample after --", file=sys.stderr)
        sys.exit(2)
    if a.freq < 100 or a.bin * a.freq / 1000 < 2:
        print("serial_time.py: --freq must be at least 100 and --bin at least two sampling periods", file=sys.stderr)
        sys.exit(2)
    if shutil.which("perf") is None:
        print("serial_time.py: perf not found (Debian: apt-get install linux-perf)", file=sys.stderr)
        sys.exit(2)
    tmp = tempfile.mkdtemp(prefix="sweetspot-serial-")
    try:
        data = os.path.join(tmp, "perf.data")
        rec = subprocess.run(["perf", "record", "-q", "-F", str(a.freq), "-e", "cpu-clock", "-g", "-o", data, "--"] + cmd)
        if rec.returncode != 0:
            print(f"serial_time.py: the command (or perf) exited {rec.returncode}", file=sys.stderr)
            sys.exit(1)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time,ip,sym"], capture_output=True, text=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    samples, cur = [], None
    head = re.compile(r"\s*(\d+)\s+([\d.]+):")
    for line in script.stdout.split("\n"):
        if not line.strip():
            if cur:
                samples.append(cur)
            cur = None
        elif line[0] not in " \t":
            m = head.match(line)
            cur = [int(m.group(1)), float(m.group(2)), []] if m else None
        elif cur is not None:
            cur[2].append(line.strip().split(" ", 1)[-1])
    if cur:
        samples.append(cur)
    if not samples:
        print("serial_time.py: perf recorded no samples", file=sys.stderr)
        sys.exit(1)
    width = a.bin / 1000
    t0 = min(s[1] for s in samples)
    span = max(s[1] for s in samples) - t0
    threads_in = collections.defaultdict(set)
    for tid, t, _ in samples:
        threads_in[int((t - t0) / width)].add(tid)
    bins = int(span / width) + 1
    lonely_bins = sum(1 for b in range(bins) if len(threads_in.get(b, ())) == 1)
    empty_bins = sum(1 for b in range(bins) if not threads_in.get(b))
    causes = collections.Counter(phase(st) for tid, t, st in samples if len(threads_in[int((t - t0) / width)]) == 1)
    lonely = sum(causes.values())
    print(f"{len(samples)} samples over {span:.3f} s ({len(set(s[0] for s in samples))} threads sampled); "
          f"bins of {a.bin:g} ms: {bins}")
    print(f"one thread busy: {lonely_bins} bins = {lonely_bins * width:.3f} s ({100 * lonely_bins / bins:.1f}% of the run)")
    print(f"no thread busy:  {empty_bins} bins = {empty_bins * width:.3f} s")
    print("what the lone thread was doing (samples in those bins, ms at --freq):")
    for name, n in causes.most_common():
        print(f"  {n * 1000 / a.freq:8.1f} ms  {100 * n / lonely:5.1f}%  {name}")


if __name__ == "__main__":
    main()
