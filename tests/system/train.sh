#!/usr/bin/env bash
# `iclverify train` as a user meets it (docs/THEORY.md "Trained models"): a tiny run writes its
# curve, probes, summary and figure; a run stopped at step 25 and resumed gives the same curve, byte
# for byte, as the uninterrupted one; impossible options are refused before any work (exit 2).
source "$(dirname "$0")/common.sh"

tiny=(--task factor --mappings 2 --factors 2 --examples 6 --embed-dim 8 --layers 2 --heads 2 --width 16
      --batch 8 --steps 40 --checkpoint-every 10 --probe-points 4 --probe-prompts 8 --probe-layer 1 --quiet)
"$I" train "${tiny[@]}" --out "$work/whole" >"$work/whole.txt" || fail "tiny training run"
for f in curve.csv probes.csv icl_by_position.csv summary.json; do
  [ -s "$work/whole/$f" ] || fail "missing $f"
done
if command -v gnuplot >/dev/null; then
  grep -q '<svg' "$work/whole/train.svg" || fail "no SVG figure"
fi
[ "$(wc -l <"$work/whole/curve.csv")" = 41 ] || fail "curve.csv should have a header and 40 rows"
head -1 "$work/whole/probes.csv" | grep -q '^step,weights_score,context_score,icl_last$' || fail "probes.csv header"
grep -q '"plateau_length_steps"' "$work/whole/summary.json" || fail "summary lacks the plateau length"

"$I" train "${tiny[@]}" --out "$work/part" --stop-at 25 >/dev/null
[ $? = 1 ] || fail "a run stopped by --stop-at should exit 1"
[ -e "$work/part/curve.csv" ] && fail "a stopped run should write no curve"
"$I" train "${tiny[@]}" --out "$work/part" --resume >"$work/part.txt" || fail "resumed run"
grep -q 'resumed at 20' "$work/part.txt" || fail "the resumed run does not say it resumed at step 20"
cmp -s "$work/whole/curve.csv" "$work/part/curve.csv" || fail "resumed curve differs from the uninterrupted one"
cmp -s "$work/whole/probes.csv" "$work/part/probes.csv" || fail "resumed probes differ from the uninterrupted one"
# Killed with SIGKILL after its first checkpoints, then resumed: the same curve as an uninterrupted run.
long=(--task linreg --d 2 --examples 6 --layers 1 --heads 1 --width 8 --batch 4 --steps 400 --checkpoint-every 25
      --probe-points 0 --probe-layer 1 --no-figure --quiet)
"$I" train "${long[@]}" --out "$work/long_whole" >/dev/null || fail "uninterrupted long run"
"$I" train "${long[@]}" --out "$work/long_kill" >/dev/null &
pid=$!
for _ in $(seq 200); do [ -e "$work/long_kill/checkpoint/checkpoint.pt" ] && break; sleep 0.05; done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
# The kill lands within ~0.05 s of the first checkpoint (step 25 of 400): a run that finished first
# would leave the kill untested, so that is a failure, not a note.
[ -e "$work/long_kill/curve.csv" ] && fail "the run finished before the kill; SIGKILL was not exercised"
"$I" train "${long[@]}" --out "$work/long_kill" --resume >"$work/long.txt" || fail "resume after SIGKILL"
grep -Eq 'resumed at [1-9][0-9]*' "$work/long.txt" || fail "the run after SIGKILL did not resume from a checkpoint"
cmp -s "$work/long_whole/curve.csv" "$work/long_kill/curve.csv" || fail "curve after SIGKILL and resume differs"

# A checkpoint of other settings is refused, not mixed in.
"$I" train "${tiny[@]}" --lr 0.01 --out "$work/part" --resume >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q 'other settings' "$work/err" || fail "resume with other settings should be refused"

# Bad input: exit 2 and the option named.
bad() {
  local want=$1; shift
  "$I" train "$@" --out "$work/bad" >/dev/null 2>"$work/err"
  [ $? = 2 ] || fail "train $* should exit 2"
  grep -q -- "$want" "$work/err" || fail "train $*: error does not name $want: $(cat "$work/err")"
  [ -e "$work/bad/curve.csv" ] && fail "train $*: wrote output before refusing"
}
bad --task --task linear
bad --width --width 30 --heads 4
bad --lr --lr -1
bad --probe-layer --layers 2 --probe-layer 3
bad --factors --task factor --factors 7
bad --optimizer --optimizer rmsprop
"$I" train --steps 10 >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q -- --out "$work/err" || fail "train without --out should exit 2 naming --out"

# `experiment --jobs 2`: two families' tiny files trained by two worker processes give the same runs,
# value for value, and the same verdicts as one sequential process; --jobs out of range is refused.
mkdir -p "$work/exp"
cat >"$work/exp/d.toml" <<'TOML'
id = "t.dscan"
family = "fu_linreg_dscan"
source = "s"
statement = "s"
[setup]
dims = [1, 2, 3]
examples = 4
layers = 1
heads = 1
width = 8
batch = 4
steps = 6
probe_layer = 1
probe_points = 2
probe_prompts = 8
weights_loss = 0.5
weights_loss_dims = [1, 3]
TOML
cat >"$work/exp/z.toml" <<'TOML'
id = "t.zfb"
family = "zfb_gpt2_covariance"
source = "s"
statement = "s"
[setup]
d = 2
examples = 5
max_examples = 8
layers = 1
heads = 1
width = 8
batch = 4
steps = 6
test_prompts = 16
prompt_blocks = 4
TOML
"$I" experiment "$work/exp" --out "$work/seq" --quiet --no-figures >"$work/seq.txt"
[ $? -le 1 ] || fail "sequential tiny experiment catalog"
"$I" experiment "$work/exp" --out "$work/par" --quiet --no-figures --jobs 2 >"$work/par.txt"
[ $? -le 1 ] || fail "tiny experiment catalog with --jobs 2"
[ "$(wc -l <"$work/seq/runs.jsonl")" = 35 ] || fail "the sequential journal should hold 25 + 10 runs"
cmp -s <(sort "$work/seq/runs.jsonl") <(sort "$work/par/runs.jsonl") || fail "--jobs 2 trained other runs than the sequential run"
cmp -s <(grep -v 'wall' "$work/seq.txt") <(grep -v 'wall' "$work/par.txt") || fail "--jobs 2 gave other verdicts"
[ "$(find "$work/par/.jobs" -type f ! -name log.txt | wc -l)" = 0 ] || fail "--jobs 2 left more than its workers' logs behind"
# Each worker trained a share and left the rest to the other (its own pages, discarded, say so).
grep -q 'left to worker 2 of 2' "$work/par/.jobs/worker-1/log.txt" && grep -q 'left to worker 1 of 2' "$work/par/.jobs/worker-2/log.txt" ||
  fail "--jobs 2 did not share the runs out between its two workers"
# A --jobs run killed after a worker's runs: the next --resume (even without --jobs) takes them over.
mkdir -p "$work/left/.jobs/fu_linreg_dscan"
grep '"fu-dscan' "$work/seq/runs.jsonl" >"$work/left/.jobs/fu_linreg_dscan/runs.jsonl"
"$I" experiment "$work/exp/d.toml" --out "$work/left" --no-figures --resume >/dev/null 2>"$work/left.err"
[ $? -le 1 ] || fail "--resume over a killed --jobs run's leftovers"
grep -q '0 runs trained, 25 from the journal' "$work/left.err" || fail "--resume did not take over the leftover runs: $(cat "$work/left.err")"
[ -e "$work/left/.jobs" ] && fail "--resume left the leftovers' folder behind"
# A second experiment command into a folder another one is writing is refused before any work.
if command -v flock >/dev/null; then
  mkdir -p "$work/locked"
  flock "$work/locked/.experiment.lock" "$I" experiment "$work/exp" --out "$work/locked" --quiet --no-figures >/dev/null 2>"$work/lockerr"
  [ $? = 2 ] && grep -q 'another `iclverify experiment` is writing' "$work/lockerr" || fail "a locked --out folder should be refused (exit 2)"
  [ -e "$work/locked/runs.jsonl" ] && fail "the refused command wrote a journal"
else
  echo "note: flock(1) is not installed (util-linux); the check of the --out lock is skipped"
fi
"$I" experiment "$work/exp" --out "$work/bad" --jobs 0 >/dev/null 2>"$work/err"
[ $? = 2 ] && grep -q -- --jobs "$work/err" || fail "--jobs 0 should exit 2 naming --jobs"

[ "$fails" = 0 ] && echo "train: all passed"
exit $((fails > 0))
