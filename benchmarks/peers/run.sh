#!/usr/bin/env bash
# Sweetspot beside its peers, interleaved, one process and one thread each, medians over rounds:
#   the reference trial (10,000 customers x 104 weeks, good-enough, competitive; 20 trials per
#   run through `sweetspot run`, process start and result files included) beside numpy_trial.py,
#   a numpy-vectorised rough equivalent (what it does and does not model: its docstring);
#   the queue M/M/12+M (100 calls/h, 6-min handling, 3-min patience) through `sweetspot queue`
#   beside Ciw, SimPy and salabim, two ways: the whole process (start-up, argument parsing and the
#   analytic column included) and the simulation alone, timed inside the process as the peers
#   time theirs (`sweetspot queue` prints its simulation time on stderr; the Python scripts time
#   env.run() and the like, not the interpreter's start or the imports).
# Each round runs every program once, in turn, so a slow spell of the shared machine hits all of
# them; the ratios are medians of each round's ratio. Optional; not part of CI.
# Usage: benchmarks/peers/run.sh [rounds] [sweetspot-binary]   (default 5, a fresh release build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-5}"
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c 'import numpy, ciw, simpy, salabim, greenlet' 2>/dev/null ||
  "$venv/bin/pip" install --quiet numpy ciw simpy salabim greenlet
py="$venv/bin/python"
if [ -n "${2:-}" ]; then bin="$2"; else
  (cd "$root" && swift build -c release --product sweetspot >/dev/null); bin="$root/.build/release/sweetspot"; fi

hours=20000          # 2 replications x 2,000,000 callers through the CLI
peer_callers=50000
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
results="$tmp/results"
for r in $(seq 1 "$rounds"); do
  t0=$(now); "$bin" run "$here/reference-trial.toml" --threads 1 --quiet --out "$tmp/run-$r" >/dev/null; t1=$(now)
  trial=$(python3 -c "print(20 * 10000 * 104 / ($t1 - $t0))")
  numpy=$("$py" "$here/numpy_trial.py" 1)
  t0=$(now)
  out=$("$bin" queue --arrivals-per-hour 100 --handle-minutes 6 --patience-minutes 3 --agents 12 \
    --hours "$hours" --warmup-hours 0 --replications 2 --threads 1 2>"$tmp/queue-stderr")
  t1=$(now)
  simulated=$(echo "$out" | sed -n 's/.*; \([0-9]*\) callers$/\1/p')
  queue=$(python3 -c "print($simulated / ($t1 - $t0))")
  # "queue: N callers simulated in S s (...)": the simulation's own seconds.
  inside=$(sed -n 's/^queue: \([0-9]*\) callers simulated in \([0-9.]*\) s.*/\1 \2/p' "$tmp/queue-stderr")
  alone=$(python3 -c "n, s = map(float, '$inside'.split()); print(n / max(s, 1e-3))")
  ciw=$("$py" "$here/ciw_mmc.py" "$peer_callers")
  simpy=$("$py" "$here/simpy_mmc.py" "$peer_callers")
  salabim=$("$py" "$here/salabim_mmc.py" "$((peer_callers / 5))")
  echo "$trial $numpy $queue $ciw $simpy $salabim $alone" >> "$results"
  echo "round $r: trial $(printf %.0f "$trial") cw/s, numpy $numpy; queue $(printf %.0f "$queue") callers/s (simulation alone $(printf %.0f "$alone")), ciw $ciw, simpy $simpy, salabim $salabim" >&2
done
versions=$("$py" -c "import numpy, ciw, simpy, salabim; print(numpy.__version__, ciw.__version__, simpy.__version__, salabim.__version__)")
python3 - "$results" "$("$bin" --version)" $versions <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
sv, nv, cv, pv, lv = sys.argv[2:7]
med = lambda i: statistics.median(r[i] for r in rows)
ratio = lambda i, j: statistics.median(r[i] / r[j] for r in rows)
print(f"{len(rows)} interleaved rounds, medians (ratio: median of the rounds' ratios)")
print(f"{'program':<28}{'per second':>16}{'Sweetspot ÷ it':>16}")
print(f"{'sweetspot ' + sv + ' trial':<28}{med(0):>16,.0f}{'':>16}  customer-weeks")
print(f"{'numpy ' + nv + ' trial':<28}{med(1):>16,.0f}{ratio(0, 1):>15.2f}x")
print(f"{'sweetspot ' + sv + ' queue':<28}{med(2):>16,.0f}{'':>16}  callers, M/M/12+M, whole process")
print(f"{'  simulation alone':<28}{med(6):>16,.0f}{'':>16}  callers, timed in the process")
print(f"{'':<28}{'':>16}{'whole':>8}{'alone':>8}")
for name, i in (("ciw " + cv, 3), ("simpy " + pv, 4), ("salabim " + lv, 5)):
    print(f"{name:<28}{med(i):>16,.0f}{ratio(2, i):>7.0f}x{ratio(6, i):>7.0f}x")
PY
