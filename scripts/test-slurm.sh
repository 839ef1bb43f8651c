#!/usr/bin/env bash
# `make test-slurm`: the Slurm route of the README on a real single-node Slurm (Debian's munge,
# slurmctld, slurmd and slurm-client), as an HPC user takes it:
#   1. `sweetspot slurm FILE --shards 3 --submit`: the array and the merge after it; the merged
#      folder must equal an unsharded run file for file (reports and figures included; in
#      manifest.json all but the timing and host facts).
#   2. the same with task 1 sent SIGTERM after its first checkpoint (as at a time limit): it must
#      exit 3 with its checkpoints kept, the merge must be cancelled (--kill-on-invalid-dep),
#      and resubmitting the whole array must finish the job with the same bytes.
# Needs root and apt-get; where Slurm cannot be installed or started it says so and exits 0 (a
# wrong result always fails). Daemons it starts are stopped by PID; a policy-rc.d it creates to
# keep the packages' scripts from starting daemons is removed. Slurm's files live in a temporary
# folder (SLURM_CONF points there): /etc/slurm is not touched.
#   scripts/test-slurm.sh [path/to/sweetspot]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$(dirname "${1:-$root/.build/debug/sweetspot}")" && pwd)/$(basename "${1:-$root/.build/debug/sweetspot}")"
started=$(date +%s)
say() { echo "test-slurm: $*"; }
skip() { say "skipped: $*"; exit 0; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root to install and start Slurm"
command -v apt-get >/dev/null 2>&1 || skip "no apt-get: Slurm is installed from Debian's packages"
[ -x "$bin" ] || fail "no sweetspot binary at $bin"

tmp="$(mktemp -d /tmp/sweetspot-slurm.XXXXXX)"
pids=()
policy=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$policy" ] && rm -f "$policy"
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- install -------------------------------------------------------------------------------
packages=(munge slurmctld slurmd slurm-client)
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# test-slurm: keep package scripts from starting daemons\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy=/usr/sbin/policy-rc.d
  fi
  t0=$(date +%s)
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >"$tmp/apt.log" 2>&1; then
    apt-get update -qq >>"$tmp/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >>"$tmp/apt.log" 2>&1 \
      || skip "apt-get could not install ${packages[*]} ($(tail -n 1 "$tmp/apt.log"))"
  fi
  say "installed ${packages[*]} in $(( $(date +%s) - t0 )) s"
  [ -n "$policy" ] && rm -f "$policy" && policy=""
fi

# --- start munge, slurmctld, slurmd --------------------------------------------------------
wait_for() {  # seconds description command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $(( limit * 5 ))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}
mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  say "created /etc/munge/munge.key"
fi
if id munge >/dev/null 2>&1; then chown munge:munge /etc/munge/munge.key /run/munge /var/lib/munge /var/log/munge; fi
chmod 400 /etc/munge/munge.key
chmod 755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if id munge >/dev/null 2>&1; then
    runuser -u munge -- munged --foreground >"$tmp/munged.log" 2>&1 &
  else
    munged --foreground --force >"$tmp/munged.log" 2>&1 &
  fi
  pids+=($!)
  wait_for 10 munged sh -c 'munge -n | unmunge' || skip "munged did not start ($(tail -n 1 "$tmp/munged.log"))"
fi

export SLURM_CONF="$tmp/slurm.conf"
node="$(slurmd -C 2>/dev/null | head -n 1 | sed 's/ *$//')"
case "$node" in NodeName=*) ;; *) skip "slurmd -C gave no node line";; esac
host="${node#NodeName=}"; host="${host%% *}"
mkdir -p "$tmp/state" "$tmp/spool"
cat > "$SLURM_CONF" <<EOF
# A single-node Slurm for scripts/test-slurm.sh (Slurm $(slurmd -V 2>/dev/null | awk '{print $2}')).
ClusterName=sweetspot-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
SwitchType=switch/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
KillWait=5
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
idle() { sinfo -h -o %t | grep -qx idle; }
if ! wait_for 30 "node idle" idle; then
  tail -n 5 "$tmp/slurmctld.log" "$tmp/slurmd.log" "$tmp/slurmctld.out" "$tmp/slurmd.out" 2>/dev/null || true
  skip "Slurm did not come up (sinfo: $(sinfo -h -o '%t %N' 2>&1 | head -n 1))"
fi
say "Slurm $(slurmd -V | awk '{print $2}') up: $node"

# --- the experiment ------------------------------------------------------------------------
work="$tmp/work"
mkdir -p "$work"
cp "$root/Tests/SweetspotReportTests/Golden/tiny.toml" "$work/tiny.toml"
cd "$root"  # the git commit in each manifest comes from the working folder

# Every file of $1 and $2 must be equal, byte for byte, but manifest.json's timing and host facts.
same_tree() {
  local a=$1 b=$2
  diff <(cd "$a" && find . -type f ! -name .sweetspot.lock | sort) <(cd "$b" && find . -type f ! -name .sweetspot.lock | sort) \
    || fail "$b does not hold the same files as $a"
  local n=0
  while IFS= read -r f; do
    n=$((n + 1))
    [ "$f" = ./manifest.json ] && continue
    cmp -s "$a/$f" "$b/$f" || fail "$b/$f differs from the unsharded run's"
  done < <(cd "$a" && find . -type f ! -name .sweetspot.lock | sort)
  local facts='del(.host, .started, .ended, .elapsed_seconds, .throughput_customer_weeks_per_second, .work_items_computed, .threads, .merged_from)'
  diff <(jq -S "$facts" "$a/manifest.json") <(jq -S "$facts" "$b/manifest.json") >/dev/null \
    || fail "$b/manifest.json differs from the unsharded run's beyond timing and host facts"
  say "$b equals the unsharded run: $n files (reports and figures included)"
}

# Polls squeue until none of the jobs is pending or running.
wait_jobs() {
  local ids=$1 limit=${2:-240}
  for _ in $(seq 1 $(( limit * 2 ))); do
    [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  squeue -j "$ids" || true
  fail "jobs $ids still queued after $limit s"
}

exit_code() {  # job id → Slurm's ExitCode (code:signal)
  scontrol show job "$1" 2>/dev/null | grep -o 'ExitCode=[0-9:]*' | head -n 1 | cut -d= -f2
}

# 1. A plain submission: array of 3, merge after it.
args=(--set population.size=600)
"$bin" run "$work/tiny.toml" "${args[@]}" --out "$work/whole" --quiet >/dev/null
ids=($("$bin" slurm "$work/tiny.toml" "${args[@]}" --shards 3 --out "$work/job" --submit))
[ "${#ids[@]}" = 2 ] || fail "sweetspot slurm --submit printed ${ids[*]:-nothing}, not two job ids"
say "submitted array ${ids[0]} and merge ${ids[1]}"
wait_jobs "${ids[0]},${ids[1]}"
[ -f "$work/job/merged/manifest.json" ] || { tail -n 3 "$work"/job/logs/* || true; fail "the merge wrote no result (exit code $(exit_code "${ids[1]}"))"; }
same_tree "$work/whole" "$work/job/merged"

# 2. A task stopped by SIGTERM mid-run, then the whole array resubmitted. The jobs inherit the
# environment: a progress line every second shows in their logs.
export SWEETSPOT_PROGRESS_INTERVAL=1
args=(--set population.size=3000 --trials 48)
"$bin" run "$work/tiny.toml" "${args[@]}" --out "$work/whole2" --quiet >/dev/null
ids=($("$bin" slurm "$work/tiny.toml" "${args[@]}" --shards 2 --out "$work/job2" --submit))
say "submitted array ${ids[0]} and merge ${ids[1]}; will stop task 1 after its first checkpoint"
for _ in $(seq 1 1200); do
  ls "$work/job2/shard-1/checkpoints/" 2>/dev/null | grep -q '^chunk-' && break
  [ -f "$work/job2/shard-1/manifest.json" ] && break
  sleep 0.1
done
[ -f "$work/job2/shard-1/manifest.json" ] && fail "task 1 finished before it could be stopped: make its work larger"
scancel --batch --signal=TERM "${ids[0]}_1"
wait_jobs "${ids[0]},${ids[1]}"
log1=$(ls "$work"/job2/logs/slurm-"${ids[0]}"_1.out)
grep -q "interrupted (SIGTERM) with .* work items checkpointed: resume with" "$log1" || { cat "$log1"; fail "task 1 did not report its interruption"; }
[ "$(exit_code "${ids[0]}_1")" = "3:0" ] || fail "task 1 exited with $(exit_code "${ids[0]}_1"), not 3"
[ -f "$work/job2/shard-1/manifest.json" ] && fail "task 1 wrote a result although interrupted"
ls "$work/job2/shard-1/checkpoints/" | grep -q '^chunk-' || fail "task 1 left no checkpoint"
[ -e "$work/job2/merged" ] && fail "the merge ran although task 1 failed"
grep -q "work items (" "$log1" || fail "no progress line in $log1"
say "task 1 stopped with exit 3 and its checkpoints; the merge was cancelled"
ids=($("$bin" slurm "$work/tiny.toml" "${args[@]}" --shards 2 --out "$work/job2" --submit))
say "resubmitted the whole array ${ids[0]} and merge ${ids[1]}"
wait_jobs "${ids[0]},${ids[1]}"
[ -f "$work/job2/merged/manifest.json" ] || { tail -n 3 "$work"/job2/logs/* || true; fail "the resubmitted job wrote no merged result"; }
grep -q "already complete" "$work/job2/logs/slurm-${ids[0]}_2.out" || fail "task 2 was not left as it was on resubmission"
same_tree "$work/whole2" "$work/job2/merged"
say "passed in $(( $(date +%s) - started )) s"
