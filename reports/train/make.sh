#!/usr/bin/env bash
# A small demonstration (docs/THEORY.md §11), not a claim check: Fu et al.'s factor task at tiny
# scale, m = 1 mapping (the labels are learnable in the weights) against m = M_LARGE mappings (they
# must be read from the context), 2 seeds each; the weights component (attention cut, block 1,
# held-out ridge accuracy of the item's own factors) along training. Writes weights_component.csv,
# learning_curves.csv and demo.svg here, and each run's folder under runs/.
# Usage: bash reports/train/make.sh [path/to/iclverify]   (from the repository root)
set -euo pipefail
I=${1:-build/iclverify}
here=$(dirname "$0")
STEPS=${STEPS:-1500}
M_LARGE=${M_LARGE:-1000}
common=(--task factor --factors 6 --examples 16 --embed-dim 32 --layers 3 --heads 2 --width 32 --batch 32
        --lr 1e-3 --steps "$STEPS" --probe-layer 1 --probe-points 10 --probe-prompts 64 --checkpoint-every 250 --quiet)
mkdir -p "$here/runs"
for m in 1 "$M_LARGE"; do
  for seed in 1 2; do
    out="$here/runs/m${m}_seed${seed}"
    "$I" train "${common[@]}" --mappings "$m" --seed "$seed" --out "$out" --resume >"$out.txt" 2>&1 || { cat "$out.txt"; exit 1; }
  done
done
{
  echo "mappings,seed,step,weights_score,context_score,icl_last"
  for m in 1 "$M_LARGE"; do for seed in 1 2; do
    tail -n +2 "$here/runs/m${m}_seed${seed}/probes.csv" | sed "s/^/$m,$seed,/"
  done; done
} >"$here/weights_component.csv.tmp" && mv "$here/weights_component.csv.tmp" "$here/weights_component.csv"
{
  echo "mappings,seed,step,loss,icl_loss"
  for m in 1 "$M_LARGE"; do for seed in 1 2; do
    tail -n +2 "$here/runs/m${m}_seed${seed}/curve.csv" | sed "s/^/$m,$seed,/"
  done; done
} >"$here/learning_curves.csv.tmp" && mv "$here/learning_curves.csv.tmp" "$here/learning_curves.csv"
gnuplot <<GP
set terminal svg size 900,900 dynamic font 'sans,12' background rgb 'white'
set output '$here/demo.svg.tmp'
set datafile separator ','
set termoption noenhanced
set multiplot layout 2,1
set grid
set key outside below
set logscale x
set title 'Factor task, tiny scale: in-context loss (second half of the prompt; uniform = ln 15 = 2.708)'
set xlabel 'step'
set ylabel 'cross-entropy'
plot for [r in "m1_seed1 m1_seed2 m${M_LARGE}_seed1 m${M_LARGE}_seed2"] '$here/runs/'.r.'/curve.csv' using 1:3 skip 1 with lines title r
set title 'Weights component: attention cut, block 1, held-out factor accuracy (step 0 drawn at step 1)'
set ylabel 'accuracy (mean over the 6 factors)'
plot for [r in "m1_seed1 m1_seed2 m${M_LARGE}_seed1 m${M_LARGE}_seed2"] '$here/runs/'.r.'/probes.csv' using (\$1 < 1 ? 1 : \$1):2 skip 1 with linespoints pt 7 ps 0.6 lw 2 title r
unset multiplot
GP
mv "$here/demo.svg.tmp" "$here/demo.svg"
# The checkpoints served a killed run's resumption only; the curves are kept.
rm -rf "$here"/runs/*/checkpoint
echo "wrote $here/weights_component.csv, $here/learning_curves.csv, $here/demo.svg"
