#!/usr/bin/env bash
# The main job behind `make run`: the most complete real job Sweetspot has so far. It staffs a
# contact centre for 80% of calls answered in 20 s (exact Erlang A search beside the square-root
# rule), then checks that staffing and one agent fewer by simulation against the formulas.
set -euo pipefail
bin="${1:-.build/release/sweetspot}"
rate=200; handle=6; patience=3
echo "== Staffing: ${rate} calls/h, ${handle}-minute handle time, ${patience}-minute mean patience, target 80/20"
"$bin" staff --arrivals-per-hour "$rate" --handle-minutes "$handle" --patience-minutes "$patience" \
  --target-service-level 0.8 --answer-within-seconds 20
agents=$("$bin" staff --arrivals-per-hour "$rate" --handle-minutes "$handle" --patience-minutes "$patience" \
  --target-service-level 0.8 --answer-within-seconds 20 --json | sed -n 's/^  "agents": \([0-9]*\),$/\1/p')
for n in "$agents" "$((agents - 1))"; do
  echo
  echo "== Erlang A vs simulation with $n agents"
  "$bin" queue --arrivals-per-hour "$rate" --handle-minutes "$handle" --patience-minutes "$patience" \
    --agents "$n" --hours 500 --replications 20 --seed 2026
done
