#!/usr/bin/env bash
# Exploration (issue 3): which minimiser family does the full-parameter flow reach from generic
# random inits? d = 1 has two families (a = c = 0, bC = 1/Γ and b = C = 0, ac = 1/Γ); d = 2 has
# one, plus rank-one saddles. Prints a Markdown table; usage: bench/minimiser_families.sh [iclverify]
set -eu
I=${1:-build/iclverify}
seeds=${SEEDS:-20}
echo "| d | Λ | N | σ | seed | family reached | loss − L* | ‖a‖+‖c‖ | t_end |"
echo "|---|---|---|---|---|---|---|---|---|"
for case in "1 2 3" "2 0.5,2 3"; do
  set -- $case
  d=$1 lam=$2 N=$3
  for sigma in 0.1 1; do
    for seed in $(seq 1 "$seeds"); do
      out=$("$I" flow --lambda "$lam" --N "$N" --param full --init "random:$seed" --sigma "$sigma" --type double)
      get() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ +/, ""); print }' <<<"$out"; }
      gap=$(get loss_gap) ac=$(get a_plus_c_norm) fam=$(get family)
      [ -n "$fam" ] || fam=$(awk -v ac="$ac" -v g="$gap" 'BEGIN { print (ac + 0 < 1e-8 && g + 0 < 1e-10) ? "a=c=0, bC=1/Gamma" : "other" }')
      printf '| %s | %s | %s | %s | %s | %s | %.2e | %.2e | %.4g |\n' "$d" "$lam" "$N" "$sigma" "$seed" "$fam" "$gap" "$ac" "$(get t_end)"
    done
  done
done
