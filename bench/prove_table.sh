#!/usr/bin/env bash
# Radius and time of `iclverify prove` against d and working precision (docs/THEORY.md §3.9):
# Λ = linspace(0.5, 2, d), N = 40, σ = 1e-3, ΘΘᵀ = I/√d. CPU seconds of one process (one core).
# Usage: bench/prove_table.sh [build/iclverify] ["5 20 50 100"] ["20 50 100"]
set -euo pipefail
BIN=${1:-build/iclverify}
DS=${2:-"5 20 50 100"}
DIGITS=${3:-"20 50 100"}
echo "| d | --digits (working) | T | steps | width at T | contraction rate | limit radius | verdict | CPU s |"
echo "|---|---|---|---|---|---|---|---|---|"
for digits in $DIGITS; do
  for d in $DS; do
    out=$("$BIN" prove --lambda "linspace:0.5:2:$d" --N 40 --sigma 1e-3 --digits "$digits" --max-seconds 600 2>&1 || true)
    get() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ +/, ""); print; exit }' <<<"$out"; }
    echo "| $d | $digits ($((digits + 20))) | $(get T) | $(get steps) | $(get width_at_T) | $(get contraction_rate) |" \
         "$(get limit_radius) | $(get verdict) | $(get cpu_seconds) |"
  done
done
