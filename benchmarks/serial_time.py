#!/usr/bin/env python3
"""Where a multi-threaded run has only one thread busy, and what that thread is doing.

Samples the command with `perf record -e cpu-clock -g` (every thread, FREQ Hz each), cuts the run
into bins of BIN ms, and counts the bins in which only one thread was sampled: the time that the
other core had nothing of this run's to do (start-up, a serial step, the reports, a pass's last
unit), or that the machine did not run the other thread (the steal time printed says how much the
hypervisor took). The samples in those bins are grouped by the innermost frame that names one of
the phases below, so the serial time reads as a list of causes. Bins with no sample are time in
which no thread ran (waiting on the disk). It also prints the idle capacity (CPUs x span -
sampled CPU time), which includes the gaps shorter than a bin that the lone-thread bins miss (pass
tails, wake-ups, hand-offs between threads): one thread busy for a fraction s of a 2-thread run
costs about s/2 of its speed, not s.

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
import tempfile

from benchtools import OneLineArguments, fail, steal_seconds

# The phases, by a substring of a frame's symbol; within a frame the first match wins. Kernel frames
# (addresses at the top of the address space) are told apart by what the kernel was doing.
PHASES = [
    ("start-up: dynamic linking", ["_dl_", "do_lookup_x", "check_match", "dl_main"]),
    ("start-up: Swift runtime conformance lookups", ["swift_conformsToProtocol"]),
    ("reports", ["SweetspotReport", "writeReports"]),
    ("trial: drawing customers", ["appendCustomers"]),
    ("trial: contacts pass", ["CustomerWeekO8contacts"]),
    ("trial: outcomes pass", ["CustomerWeekO8outcomes"]),
    ("trial: queue metrics and staffing", ["SweetspotQueueing", "QueuedChannel"]),
    ("trial: surveys and closing sums", ["SurveysO", "ClosingSums"]),
    ("trial: other", ["SweetspotModel"]),
    ("experiment: loading, checkpoints, result files", ["SweetspotExperiment"]),
]
KERNEL = [
    ("kernel: page faults", ["page_fault", "handle_mm_fault"]),
    ("kernel: unmapping, TLB flushes", ["munmap", "unmap", "flush_tlb", "madvise", "zap_"]),
    ("kernel: files and fsync", ["ext4", "jbd2", "fsync", "vfs_", "filemap"]),
    ("kernel: futexes, scheduling", ["futex", "schedule"]),
]


def phase(stack):
    """The phase of the innermost frame that names one (a trial's frames sit below the runner's);
    a sample taken in the kernel is charged to what the kernel was doing."""
    if stack and stack[0][0].startswith("ffffffff"):
        for name, keys in KERNEL:
            if any(k in sym for _, sym in stack for k in keys):
                return name
        return "kernel: other"
    for _, sym in stack:
        for name, keys in PHASES:
            if any(k in sym for k in keys):
                return name
    return "other: " + (stack[0][1][:60] if stack else "?")


def main():
    p = OneLineArguments(description=__doc__.split("\n\n")[0])
    p.add_argument("--freq", type=int, default=2000, help="samples per second per thread (default 2000)")
    p.add_argument("--bin", type=float, default=2.0, help="bin width in ms (default 2; at least two sampling periods)")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        fail("serial_time.py", "give the command to sample after --", 2)
    if a.freq < 100 or a.bin * a.freq / 1000 < 2:
        fail("serial_time.py", "--freq must be at least 100 and --bin at least two sampling periods", 2)
    if shutil.which("perf") is None:
        fail("serial_time.py", "perf not found (Debian: apt-get install linux-perf)", 2)
    tmp = tempfile.mkdtemp(prefix="sweetspot-serial-")
    try:
        data = os.path.join(tmp, "perf.data")
        s0 = steal_seconds()
        rec = subprocess.run(["perf", "record", "-q", "-F", str(a.freq), "-e", "cpu-clock", "-g", "-o", data, "--"] + cmd)
        steal = steal_seconds() - s0
        if rec.returncode != 0:
            fail("serial_time.py", f"the command (or perf) exited {rec.returncode}", 1)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time,ip,sym"], capture_output=True, text=True)
        if script.returncode != 0:
            fail("serial_time.py", f"perf script exited {script.returncode}: {script.stderr.strip()[:200]}", 1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # A sample is a header line "TID TIME:" (the id right-aligned, so it may start with spaces)
    # followed by its frames, one per line, each starting with a tab: "ADDRESS SYMBOL".
    samples, cur = [], None
    head = re.compile(r"^\s*(\d+)\s+([\d.]+):\s*$")
    for line in script.stdout.split("\n"):
        if line.startswith("\t"):
            if cur is not None:
                address, _, sym = line.strip().partition(" ")
                cur[2].append((address, sym))
            continue
        m = head.match(line)
        if cur:
            samples.append(cur)
        cur = [int(m.group(1)), float(m.group(2)), []] if m else None
    if cur:
        samples.append(cur)
    if not samples:
        fail("serial_time.py", "perf recorded no samples", 1)
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
    cpus = os.cpu_count() or 1
    idle = cpus * span - len(samples) / a.freq
    print(f"{len(samples)} samples over {span:.3f} s ({len(set(s[0] for s in samples))} threads sampled); "
          f"bins of {a.bin:g} ms: {bins}; steal during the run {steal:.2f} s (all CPUs)")
    print(f"idle capacity: {cpus} CPUs x {span:.3f} s - {len(samples) / a.freq:.3f} CPU-s sampled = {idle:.3f} CPU-s "
          f"({100 * idle / (cpus * span):.1f}%), gaps shorter than a bin included")
    print(f"one thread busy: {lonely_bins} bins = {lonely_bins * width:.3f} s ({100 * lonely_bins / bins:.1f}% of the run)")
    print(f"no thread busy:  {empty_bins} bins = {empty_bins * width:.3f} s")
    print("what the lone thread was doing (samples in those bins, ms at --freq):")
    for name, n in causes.most_common(20):
        print(f"  {n * 1000 / a.freq:8.1f} ms  {100 * n / max(lonely, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main()
