#!/usr/bin/env bash
# SHA-256 of every experiment's trials.csv and summary.json at a small fixed configuration
# (4 trials, 3,000 customers), plus the showdown in simulation queue mode and with the
# service-recovery paradox on: the check that a refactor moves no result. Compare the output of
# two builds with diff.
#   scripts/result-hashes.sh [path/to/sweetspot] > hashes.txt
set -euo pipefail
bin="${1:-.build/release/sweetspot}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {  # name file extra-args...
  local name="$1" file="$2"; shift 2
  "$bin" run "$file" --trials 4 --set population.size=3000 "$@" --out "$out/$name" --quiet --threads 1 >/dev/null
  (cd "$out" && sha256sum "$name/trials.csv" "$name/summary.json")
}
for f in "$root"/experiments/*.toml; do run "$(basename "$f" .toml)" "$f"; done
run showdown-queue_mode_simulation "$root/experiments/showdown.toml" --set queue.mode=simulation
run showdown-world_service_recovery_paradox_true "$root/experiments/showdown.toml" --set world.service_recovery_paradox=true
