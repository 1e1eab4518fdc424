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

[ "$fails" = 0 ] && echo "train: all passed"
exit $((fails > 0))
