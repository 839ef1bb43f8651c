#!/usr/bin/env python3
"""How one big trial scales from 1 to 2 threads, beside what the machine itself allows.

Issue 16 asks that one 1,000,000-customer trial run >= 1.9x faster on 2 threads than on 1. On a
shared VM the answer moves with the neighbours' load, so each round runs three contenders in turn
(the order rotating from round to round) and every figure is a median of the rounds' own ratios:

  one    `sweetspot run` of the trial on 1 thread
  two    the same on 2 threads (the files must be byte-identical to one's, manifest aside)
  pair   two independent 1-thread copies started together: no shared work, no waiting, no serial
         step, so their combined throughput over one copy alone is the most any parallel code can
         get from this machine's two cores at that moment (the "ceiling"). Each copy has its own
         columns, so the pair also streams twice the memory a 2-thread run does.

  queue, queue pair   `sweetspot queue` (M/M/12+M, one thread, its state in cache) alone and two
         copies together: the same ceiling for work that hardly touches memory, which tells the
         machine's own sharing of its two cores (the neighbours' load, the clock) from the memory
         system's.

The trial contenders are measured two ways: the whole process (wall time from start to exit: start-up, the trial,
result files and reports), and the trials alone, as the run's summary line on stderr reports them
("... M customer-weeks/s"), the time from the first trial's start to the last one's checkpoint.
The pair's trials-alone ceiling overstates: the copies' trial phases do not overlap exactly, and
each copy's rate counts the time it ran alone at full speed while the other started or finished.
The whole-process ceiling has no such bias (its wall time is the later copy's exit), so the
whole-process efficiency is the figure to quote.

A run has at least two trials (an experiment's least); a trial big enough to be spread over threads
runs one at a time, each over all the threads (`Runner.parallelWithinTrials`), so "trials alone" is
one trial's scaling, twice. CPU time (user + system) comes from the kernel's accounting of each child (wait4).

Printed per round on stderr, medians on stdout. Optional; not part of CI; needs only Python 3.

Usage: benchmarks/scaling.py [--rounds N] [--bin PATH] [--customers N] [--trials N] [--weeks N]
       (defaults: 9 rounds, a fresh release build, 1,000,000 customers, 2 trials, 26 weeks)
"""
import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RATE = re.compile(r"\(([0-9.]+)M customer-weeks/s on (\d+) threads?")
QUEUE_RATE = re.compile(r"\(([0-9.]+)M callers/s on (\d+) threads?")


def bad_input(message):
    """Bad input: one line on stderr, exit 2 (run-time failures exit 1)."""
    print(f"scaling.py: {message}", file=sys.stderr)
    sys.exit(2)


def run_together(cmds, tmp, rate=RATE):
    """Starts every command at once; returns each one's (wall s, cpu s, M customer-weeks/s) or
    exits naming the failure. Each exit is reaped as it happens (wait4), so a command's wall time
    ends at its own exit, and stderr goes to a file, so no pipe can fill and stall it."""
    procs = {}
    for k, cmd in enumerate(cmds):
        err = open(os.path.join(tmp, f"stderr-{k}"), "w+")
        t0 = time.perf_counter()
        procs[subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err).pid] = (k, cmd, err, t0)
    got = [None] * len(cmds)
    while procs:
        pid, status, usage = os.wait4(-1, 0)
        if pid not in procs:
            continue
        k, cmd, err, t0 = procs.pop(pid)
        wall = time.perf_counter() - t0
        err.seek(0)
        text = err.read()
        err.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"scaling.py: {' '.join(cmd)} exited {code}: {text.strip()}")
        m = rate.search(text)
        if not m:
            sys.exit(f"scaling.py: no throughput in the summary line of {' '.join(cmd)}: {text.strip()}")
        got[k] = (wall, usage.ru_utime + usage.ru_stime, float(m.group(1)))
    return got


def identical(a, b):
    """True when directories a and b hold the same files with the same bytes, manifest.json aside."""
    names = sorted((set(os.listdir(a)) | set(os.listdir(b))) - {"manifest.json"})
    for name in names:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        if os.path.isdir(pa) and os.path.isdir(pb):
            if not identical(pa, pb):
                return False
        elif not (os.path.isfile(pa) and os.path.isfile(pb) and filecmp.cmp(pa, pb, shallow=False)):
            return False
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--bin", help="sweetspot binary (default: a fresh release build)")
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--trials", type=int, default=2)
    p.add_argument("--weeks", type=int, default=26)
    a = p.parse_args()
    if a.rounds < 1 or a.customers < 1 or a.weeks < 1 or a.trials < 2:
        bad_input("--rounds, --customers and --weeks must be at least 1, --trials at least 2 (an experiment's least)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.bin
    if binary is None:
        if subprocess.run(["swift", "build", "-c", "release", "--product", "sweetspot"], cwd=root,
                          stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit("scaling.py: the release build failed (swift build -c release --product sweetspot)")
        binary = os.path.join(root, ".build", "release", "sweetspot")
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        bad_input(f"--bin {binary}: not an executable file")
    tmp = tempfile.mkdtemp(prefix="sweetspot-scaling-")
    try:
        toml = os.path.join(tmp, "big.toml")
        with open(toml, "w") as f:
            f.write(f'name = "scaling"\nseed = 1\ntrials = {a.trials}\nweeks = {a.weeks}\n'
                    f'strategies = ["good-enough"]\nmarkets = ["competitive"]\n\n[population]\nsize = {a.customers}\n')

        def cmd(threads, out):
            d = os.path.join(tmp, out)
            shutil.rmtree(d, ignore_errors=True)
            return [binary, "run", toml, "--threads", str(threads), "--quiet", "--out", d]

        def one():
            return run_together([cmd(1, "one")], tmp)[0]

        def two():
            return run_together([cmd(2, "two")], tmp)[0]

        def pair():
            (wa, ca, xa), (wb, cb, xb) = run_together([cmd(1, "pa"), cmd(1, "pb")], tmp)
            # Both copies started together; the pair's wall time is the later one's.
            return max(wa, wb), ca + cb, xa + xb

        queue = [binary, "queue", "--arrivals-per-hour", "100", "--handle-minutes", "6", "--patience-minutes", "3",
                 "--agents", "12", "--hours", "10000", "--warmup-hours", "0", "--replications", "2", "--threads", "1"]

        def queue_one():
            return run_together([queue], tmp, QUEUE_RATE)[0]

        def queue_pair():
            (wa, ca, xa), (wb, cb, xb) = run_together([queue, queue], tmp, QUEUE_RATE)
            return max(wa, wb), ca + cb, xa + xb

        contenders = [("one", one), ("two", two), ("pair", pair), ("queue", queue_one), ("queue pair", queue_pair)]
        rows = []
        for r in range(a.rounds):
            got = {}
            for name, run in contenders[r % len(contenders):] + contenders[:r % len(contenders)]:
                got[name] = run()
            if r == 0 and not identical(os.path.join(tmp, "one"), os.path.join(tmp, "two")):
                sys.exit("scaling.py: the 1- and 2-thread runs' files differ (manifest.json aside)")
            (w1, c1, x1), (w2, c2, x2), (wp, cp, xp) = got["one"], got["two"], got["pair"]
            (wq, _, _), (wqp, _, _) = got["queue"], got["queue pair"]
            row = dict(speedup=w1 / w2, ceiling=2 * w1 / wp, trials=x2 / x1, trials_ceiling=xp / x1,
                       cpu=c2 / c1, pair_cpu=cp / (2 * c1), w1=w1, w2=w2, wp=wp, compute_ceiling=2 * wq / wqp)
            row["efficiency"] = row["speedup"] / row["ceiling"]
            row["trials_efficiency"] = row["trials"] / row["trials_ceiling"]
            rows.append(row)
            print(f"round {r + 1}: 1 thread {w1:.3f} s, 2 threads {w2:.3f} s ({row['speedup']:.3f}x; trials "
                  f"{row['trials']:.3f}x), pair {wp:.3f} s (ceiling {row['ceiling']:.3f}x; trials "
                  f"{row['trials_ceiling']:.3f}x); queue pair {row['compute_ceiling']:.3f}x", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def show(label, key, unit="x"):
        v = [row[key] for row in rows]
        print(f"{label:<58}{statistics.median(v):>8.3f}{unit}   ({min(v):.3f}-{max(v):.3f})")

    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"sweetspot {version}: {a.customers:,} customers x {a.weeks} weeks, {a.trials} trial(s); "
          f"{len(rows)} interleaved rounds, medians of the rounds' ratios (min-max)")
    show("1 thread, whole process (s)", "w1", " s")
    show("2 threads, whole process (s)", "w2", " s")
    show("speedup 1 -> 2 threads, whole process", "speedup")
    show("speedup 1 -> 2 threads, trials alone", "trials")
    show("ceiling: two 1-thread copies side by side, whole process", "ceiling")
    show("ceiling: two 1-thread copies side by side, trials alone", "trials_ceiling")
    show("ceiling of a compute-bound job (queue, in cache), 2 copies", "compute_ceiling")
    show("efficiency (speedup / ceiling), whole process", "efficiency")
    show("efficiency (speedup / ceiling), trials alone", "trials_efficiency")
    show("CPU time, 2 threads / 1 thread", "cpu")
    show("CPU time, each copy of the pair / 1 thread alone", "pair_cpu")


if __name__ == "__main__":
    main()
