#!/usr/bin/env bash
# Sweetspot's queue simulator beside Ciw and SimPy on the same M/M/c+M scenario: 100 calls/h,
# 6-minute exponential handling, 3-minute exponential patience, 12 agents. Prints simulated
# callers per second for each (one process, one thread each). Optional; not part of CI.
# Usage: benchmarks/peers/run.sh [callers]   (default 200,000 for Sweetspot, 50,000 for peers)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
callers="${1:-200000}"
peer_callers=50000
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet ciw simpy
fi
(cd "$root" && swift build -c release --product sweetspot >/dev/null)
bin="$root/.build/release/sweetspot"

# Sweetspot: hours so that one replication sees `callers` arrivals; two replications, one thread.
hours=$(python3 -c "print($callers / 100)")
start=$(date +%s.%N)
out=$("$bin" queue --arrivals-per-hour 100 --handle-minutes 6 --patience-minutes 3 --agents 12 \
  --hours "$hours" --warmup-hours 0 --replications 2 --threads 1)
end=$(date +%s.%N)
simulated=$(echo "$out" | sed -n 's/.*; \([0-9]*\) callers$/\1/p')
sweetspot=$(python3 -c "print(round($simulated / ($end - $start)))")

ciw_rate=$("$venv/bin/python" "$here/ciw_mmc.py" "$peer_callers")
simpy_rate=$("$venv/bin/python" "$here/simpy_mmc.py" "$peer_callers")
ciw_version=$("$venv/bin/python" -c "import ciw; print(ciw.__version__)")
simpy_version=$("$venv/bin/python" -c "import simpy; print(simpy.__version__)")

printf '%-22s %14s %10s\n' "simulator" "callers/s" "ratio"
printf '%-22s %14s %10s\n' "sweetspot $($bin --version)" "$sweetspot" "1"
printf '%-22s %14s %10s\n' "ciw $ciw_version" "$ciw_rate" "$(python3 -c "print(round($sweetspot / $ciw_rate))")x"
printf '%-22s %14s %10s\n' "simpy $simpy_version" "$simpy_rate" "$(python3 -c "print(round($sweetspot / $simpy_rate))")x"
