#!/usr/bin/env bash
# Reproducibility: the same command gives bit-identical JSON (timings aside) on a rerun and with
# --jobs 1 and --jobs 2, at 30-digit MPFR and in double; every result records its seed.
# Usage: ICLVERIFY=build/iclverify bash tests/system/reproducible.sh   (from the repository root)
source "$(dirname "$0")/common.sh"

# Flows, sampling (Monte Carlo with its seeds), exact algebra and planted falsehoods.
paths=(theorems/zfb/lemma54_pl.toml theorems/zfb/thm42_mc.toml theorems/zfb/thm45_random_cov.toml
       theorems/exact/risk.toml theorems/falsification/zfb-thm41_limits--limit-1e-30.toml)
for prec in "--digits 30" "--type double"; do
  for run in "1 a" "2 b" "2 c"; do
    set -- $run
    "$I" check $prec --quiet --jobs "$1" --json "$work/$2.json" "${paths[@]}" >/dev/null
  done
  strip "$work/a.json" >"$work/a"; strip "$work/b.json" >"$work/b"; strip "$work/c.json" >"$work/c"
  cmp -s "$work/a" "$work/b" || { fail "$prec: --jobs 1 and --jobs 2 differ"; diff "$work/a" "$work/b" | head -4; }
  cmp -s "$work/b" "$work/c" || fail "$prec: two runs with --jobs 2 differ"
  n=$(grep -c '"claim": ' "$work/a")
  s=$(grep -c '"seed": [0-9]' "$work/a")
  [ "$n" -ge 10 ] && [ "$n" = "$s" ] || fail "$prec: $s of $n results record a seed"
  grep -q '"timings": {"seconds": ' "$work/a.json" || fail "$prec: no timings object"
  echo "$prec: $n results, identical across --jobs 1 / 2 and reruns"
done
[ "$fails" = 0 ] && echo "reproducible: all checks passed" || { echo "reproducible: $fails failure(s)"; exit 1; }
