#!/usr/bin/env python3
"""How a million-customer run scales from 1 to 2 threads, beside two independent copies of it.

Issue 16 asks that one 1,000,000-customer trial run >= 1.9x faster on 2 threads than on 1. On a
shared VM the answer moves with the neighbours' load, so each round runs three contenders, in an
order shuffled afresh each round (seeded, so a rerun uses the same orders):

  one    `sweetspot run` on 1 thread
  two    the same on 2 threads (the files must be byte-identical to one's, manifest aside)
  pair   two independent 1-thread copies started together: no shared work and no serial step,
         but also no shared address space (no TLB shootdowns or shared page-table locks between
         them), and both start, write their files and exit at the same moments. Their combined
         throughput over one copy alone is a *reference* for what two cores gave independent
         work in that round, not an upper bound: a 2-thread run can beat it (its shared counter
         moves work to the faster core, while the pair waits for its slower copy).

Per round: speedup = one's wall / two's wall; pair ratio = 2 x one's wall / pair's wall (the later
copy's exit); relative to pair = speedup / pair ratio = pair's wall / (2 x two's wall), in which
one's time cancels. Each figure is the median of the rounds' own values, with a distribution-free
95% confidence interval for that median (order statistics of the binomial; no assumption about the
noise's shape); min-max is printed beside it. The speedup of the trials alone is read from each
run's summary line on stderr ("... M customer-weeks/s", two decimals: 0.1% resolution), which
excludes start-up, result files and reports. CPU time (user + system) comes from the kernel's
accounting of each child (wait4); steal time (the hypervisor running someone else on our virtual
CPUs) from /proc/stat around each contender.

A run has at least two trials (an experiment's least); a trial of more than 65,536 customers is
spread over all the threads and runs one at a time (`Runner.parallelWithinTrials`), so "trials
alone" is one trial's scaling, twice. Smaller populations are spread over trials instead.

The first --warmup rounds run but are not counted. Per round on stderr, summary on stdout.
Optional; not part of CI; needs only Python 3.

Usage: benchmarks/scaling.py [--rounds N] [--warmup N] [--bin PATH] [--customers N] [--trials N] [--weeks N]
       (defaults: 15 rounds after 1 warm-up, a fresh release build, 1,000,000 customers, 2 trials, 26 weeks)
"""
import filecmp
import hashlib
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from benchtools import OneLineArguments, fail, steal_seconds

RATE = re.compile(r"\(([0-9.]+)M customer-weeks/s on (\d+) threads?")


class Failure(Exception):
    """A run-time failure: one line on stderr, exit 1."""


def bad_input(message):
    """Bad input: one line on stderr, exit 2 (run-time failures exit 1)."""
    fail("scaling.py", message, 2)


def run_together(cmds, tmp):
    """Starts every command at once; returns each one's (wall s, cpu s, M customer-weeks/s).
    Each exit is reaped as it happens (wait4 on the child's own pid, so a command's wall time ends
    at its own exit), the Popen objects are kept until then (a dropped one is reaped by the
    subprocess module behind wait4's back), stderr goes to a file (no pipe can fill and stall a
    child), and on any failure the other commands are killed and reaped before raising."""
    running = []
    try:
        for k, cmd in enumerate(cmds):
            err = open(os.path.join(tmp, f"stderr-{k}"), "w+")
            t0 = time.perf_counter()
            try:
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            except OSError as e:
                err.close()
                raise Failure(f"{cmd[0]}: cannot run it ({e.strerror})")
            running.append([k, cmd, err, t0, proc])
        got = [None] * len(cmds)
        while running:
            pid, status, usage = os.wait4(-1, 0)
            done = next((r for r in running if r[4].pid == pid), None)
            if done is None:
                continue
            running.remove(done)
            k, cmd, err, t0, proc = done
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            text = err.read().strip()
            err.close()
            if proc.returncode != 0:
                raise Failure(f"{' '.join(cmd)} exited {proc.returncode}: {text.splitlines()[-1] if text else '(no message)'}")
            m = RATE.search(text)
            if not m:
                raise Failure(f"no 'M customer-weeks/s' in the summary line of {' '.join(cmd)}: {text}")
            got[k] = (wall, usage.ru_utime + usage.ru_stime, float(m.group(1)))
        return got
    finally:
        for _, _, err, _, proc in running:
            proc.kill()
            proc.wait()
            err.close()


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


def median_interval(values, level=0.95):
    """The median and a distribution-free confidence interval for it: order statistics x(j) and
    x(n+1-j), with j the largest rank such that P(Binomial(n, 1/2) < j) <= (1 - level) / 2. None
    for the bounds when n is too small for the level (n < 6 at 95%)."""
    xs = sorted(values)
    n = len(xs)
    tail = (1 - level) / 2
    cdf, j = 0.0, 0
    for k in range(n + 1):
        if cdf + math.comb(n, k) / 2 ** n > tail:
            break
        cdf += math.comb(n, k) / 2 ** n
        j = k + 1
    if j == 0:
        return statistics.median(xs), None, None
    return statistics.median(xs), xs[j - 1], xs[n - j]


def provenance(binary, root):
    """What was measured: the binary's path, build time and hash, and the repository's commit."""
    h = hashlib.sha256()
    with open(binary, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    built = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(os.path.getmtime(binary)))
    commit = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"], capture_output=True, text=True)
    return (f"{binary} (built {built} UTC, sha256 {h.hexdigest()[:16]}; the repository here is at "
            f"{commit.stdout.strip() or 'unknown'})")


def main():
    p = OneLineArguments(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=15, help="rounds counted (default 15)")
    p.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (default 1)")
    p.add_argument("--bin", help="sweetspot binary (default: a fresh release build)")
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--trials", type=int, default=2)
    p.add_argument("--weeks", type=int, default=26)
    a = p.parse_args()
    if a.rounds < 1 or a.warmup < 0 or a.customers < 1 or a.weeks < 1 or a.trials < 2:
        bad_input("--rounds, --customers and --weeks must be at least 1, --warmup at least 0, "
                  "--trials at least 2 (an experiment's least)")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.bin
    if binary is None:
        if subprocess.run(["swift", "build", "-c", "release", "--product", "sweetspot"], cwd=root,
                          stdout=subprocess.DEVNULL).returncode != 0:
            fail("scaling.py", "the release build failed (swift build -c release --product sweetspot)", 1)
        binary = os.path.join(root, ".build", "release", "sweetspot")
    binary = os.path.abspath(binary)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        bad_input(f"--bin {binary}: not an executable file")
    measured = provenance(binary, root)
    tmp = tempfile.mkdtemp(prefix="sweetspot-scaling-")
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    rows = []
    try:
        toml = os.path.join(tmp, "big.toml")
        with open(toml, "w") as f:
            f.write(f'name = "scaling"\nseed = 1\ntrials = {a.trials}\nweeks = {a.weeks}\n'
                    f'strategies = ["good-enough"]\nmarkets = ["competitive"]\n\n[population]\nsize = {a.customers}\n')

        def cmd(threads, out):
            d = os.path.join(tmp, out)
            shutil.rmtree(d, ignore_errors=True)
            return [binary, "run", toml, "--threads", str(threads), "--quiet", "--out", d]

        contenders = {
            "one": lambda: run_together([cmd(1, "one")], tmp)[0],
            "two": lambda: run_together([cmd(2, "two")], tmp)[0],
            "pair": lambda: run_together([cmd(1, "pa"), cmd(1, "pb")], tmp),
        }
        for r in range(a.warmup + a.rounds):
            order = list(contenders)
            random.Random(r).shuffle(order)
            got, steal = {}, {}
            for name in order:
                s0 = steal_seconds()
                got[name] = contenders[name]()
                steal[name] = steal_seconds() - s0
            if r == 0 and not identical(os.path.join(tmp, "one"), os.path.join(tmp, "two")):
                raise Failure("the 1- and 2-thread runs' files differ (manifest.json aside)")
            (w1, c1, x1), (w2, c2, x2) = got["one"], got["two"]
            (wa, ca, xa), (wb, cb, xb) = got["pair"]
            wp = max(wa, wb)
            row = dict(w1=w1, w2=w2, wp=wp, speedup=w1 / w2, trials=x2 / x1, pair=2 * w1 / wp, relative=wp / (2 * w2),
                       cpu=c2 / c1, pair_cpu=(ca + cb) / (2 * c1), busy=c2 / (2 * w2),
                       steal_one=steal["one"], steal_two=steal["two"], steal_pair=steal["pair"])
            counted = r >= a.warmup
            if counted:
                rows.append(row)
            print(f"{'round ' + str(r - a.warmup + 1) if counted else 'warm-up'} ({' '.join(order)}): 1 thread "
                  f"{w1:.3f} s, 2 threads {w2:.3f} s ({row['speedup']:.3f}x; trials {row['trials']:.3f}x), pair "
                  f"{wp:.3f} s ({row['pair']:.3f}x); steal {steal['one']:.2f}/{steal['two']:.2f}/{steal['pair']:.2f} s",
                  file=sys.stderr)
    except Failure as e:
        fail("scaling.py", e, 1)
    except KeyboardInterrupt:
        fail("scaling.py", f"interrupted after {len(rows)} counted rounds", 130)
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(tmp, ignore_errors=True)

    def show(label, key, unit="x"):
        v = [row[key] for row in rows]
        m, lo, hi = median_interval(v)
        ci = f"[{lo:.3f}, {hi:.3f}]" if lo is not None else "(too few rounds)"
        print(f"{label:<56}{m:>8.3f}{unit}  {ci:<18}  {min(v):.3f}-{max(v):.3f}")

    print(f"measured: {measured}")
    print(f"{a.customers:,} customers x {a.weeks} weeks, {a.trials} trials; {len(rows)} rounds counted after "
          f"{a.warmup} warm-up, each in a shuffled order")
    print(f"{'':<56}{'median':>9}  {'95% CI of median':<18}  min-max")
    show("1 thread, whole process (s)", "w1", " s")
    show("2 threads, whole process (s)", "w2", " s")
    show("speedup 1 -> 2 threads, whole process", "speedup")
    show("speedup 1 -> 2 threads, trials alone", "trials")
    show("pair: 2 copies side by side / 1 alone", "pair")
    show("2 threads relative to the pair (pair wall / 2x two's)", "relative")
    show("2-thread run: CPU time / (2 x wall)", "busy")
    show("CPU time, 2 threads / 1 thread", "cpu")
    show("CPU time, a pair's copy / 1 thread alone", "pair_cpu")
    show("steal during 1 thread (s)", "steal_one", " s")
    show("steal during 2 threads (s)", "steal_two", " s")
    show("steal during the pair (s)", "steal_pair", " s")
    share = sum(1 for row in rows if row["speedup"] >= 1.9)
    print(f"rounds with a whole-process speedup of at least 1.9x: {share} of {len(rows)}")


if __name__ == "__main__":
    main()
