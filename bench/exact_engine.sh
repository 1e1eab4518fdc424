#!/usr/bin/env bash
# Times the exact population-loss polynomial (bench/README.md, "Exact engine").
set -eu
I=${1:-build/iclverify}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
printf '2 0.5\n0.5 1\n' >"$t/d2"
printf '2 0.5 0\n0.5 1 0.25\n0 0.25 1.5\n' >"$t/d3"
printf '2 0.5 0 0.1\n0.5 1 0.25 0\n0 0.25 1.5 0.2\n0.1 0 0.2 1\n' >"$t/d4"
for c in "2 1" "0.5,2 3" "$t/d2 3" "0.5,1,2 4" "$t/d3 4" "$t/d3 8" "$t/d4 5" "$t/d4 8" "linspace:1:2:5 5"; do
  set -- $c
  "$I" exact --lambda "$1" --N "$2" --d-max 8 --points 1 | head -1
done
