#!/usr/bin/env bash
# Sweeps under MPI (docs/THEORY.md §10): the same sweep run by one process and by mpirun with 2 and 4
# ranks gives summary.json files identical byte for byte once the timings are stripped (they are the
# only wall-clock numbers in the files); a job whose ranks are all killed with SIGKILL midway, then
# resumed under mpirun, ends with exactly the uninterrupted results; rank 0 refuses a started folder
# before any work, and the workers end with it instead of waiting.
# Usage: ICLVERIFY=build/iclverify MPIRUN=mpirun bash tests/system/sweep_mpi.sh   (from the repository root)
source "$(dirname "$0")/common.sh"
SPEC=tests/data/sweep_plateau_small.toml
mpi() { timeout 300 "${MPIRUN:?set MPIRUN to mpirun}" --oversubscribe --allow-run-as-root -np "$@"; }

"$I" sweep "$SPEC" --out "$work/one" --digits 30 --jobs 1 --quiet >/dev/null || fail "single-process sweep"
total=$(grep -c '"claim": ' "$work/one/summary.json")
[ "$total" = 16 ] || fail "single-process sweep has $total results, want 16"
strip "$work/one/summary.json" >"$work/one.txt"
for k in 2 4; do
  mpi "$k" "$I" sweep "$SPEC" --out "$work/np$k" --digits 30 --quiet >"$work/np$k.out" 2>&1 ||
    { fail "mpirun -np $k sweep"; cat "$work/np$k.out"; }
  grep -q "16 instances (0 resumed, 16 run)" "$work/np$k.out" || fail "np $k: rank 0 did not report once: $(cat "$work/np$k.out")"
  [ "$(grep -c 'instances (' "$work/np$k.out")" = 1 ] || fail "np $k: more than one rank printed a summary"
  [ "$(wc -l <"$work/np$k/results.jsonl")" = 16 ] || fail "np $k: the journal does not hold exactly 16 lines"
  strip "$work/np$k/summary.json" >"$work/np$k.txt"
  cmp -s "$work/one.txt" "$work/np$k.txt" ||
    { fail "np $k summary differs from one process"; diff "$work/one.txt" "$work/np$k.txt" | head -4; }
done
# The timings are really there and really differ (so stripping them is what makes the files equal).
grep -q '"timings": {"seconds": "' "$work/np4/summary.json" || fail "np 4 summary has no timings"

# Kill every rank with SIGKILL once at least 3 results are journalled.
mpi 4 "$I" sweep "$SPEC" --out "$work/killed" --digits 30 --quiet >/dev/null 2>&1 &
mpid=$!
for _ in $(seq 1 2000); do
  [ -f "$work/killed/results.jsonl" ] && [ "$(wc -l <"$work/killed/results.jsonl")" -ge 3 ] && break
  sleep 0.01
done
# The job is a tree (this shell's subshell, timeout, mpirun, the ranks): kill all of it at once, as a
# scheduler does, so no rank outlives mpirun and goes on writing.
tree() { local c; for c in $(pgrep -P "$1"); do tree "$c"; done; echo "$1"; }
job=$(tree "$mpid")
[ "$(echo "$job" | wc -l)" -ge 6 ] || fail "expected subshell, timeout, mpirun and 4 ranks, found pids: $job"
kill -KILL $job 2>/dev/null
wait "$mpid" 2>/dev/null
got=$(wc -l <"$work/killed/results.jsonl")
{ [ "$got" -ge 3 ] && [ "$got" -lt "$total" ]; } || fail "the kill did not land midway ($got of $total done)"
[ ! -f "$work/killed/summary.json" ] || fail "a killed sweep left a summary"
printf '{"claim": "sweep.plateau_small", "instance": "N=10,lambda=1,1,w0=1e-3,1e-6", "verd' >>"$work/killed/results.jsonl"

timeout 120 "${MPIRUN}" --oversubscribe --allow-run-as-root -np 4 "$I" sweep "$SPEC" --out "$work/killed" --digits 30 \
  --quiet >"$work/refused.txt" 2>&1
[ $? = 2 ] || fail "a started folder without --resume should be refused under mpirun (exit 2, no hang): $(cat "$work/refused.txt")"
mpi 4 "$I" sweep "$SPEC" --out "$work/killed" --resume --digits 30 --quiet >"$work/resume.txt" 2>&1 ||
  { fail "resumed sweep"; cat "$work/resume.txt"; }
grep -q "($got resumed, $((total - got)) run)" "$work/resume.txt" || fail "resume did not skip the $got finished: $(cat "$work/resume.txt")"
[ "$(wc -l <"$work/killed/results.jsonl")" = "$total" ] || fail "results.jsonl does not hold exactly $total lines"
strip "$work/killed/summary.json" >"$work/killed.txt"
cmp -s "$work/one.txt" "$work/killed.txt" || { fail "killed + resumed differs from one process"; diff "$work/one.txt" "$work/killed.txt" | head -4; }
echo "sweep_mpi: np 1, 2, 4 identical; all ranks killed after $got of $total results; resumed under mpirun; identical"
[ "$fails" = 0 ] && echo "sweep_mpi: all checks passed" || { echo "sweep_mpi: $fails failure(s)"; exit 1; }
