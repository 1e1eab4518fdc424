#!/usr/bin/env bash
# Regenerates a small report in a temporary folder and holds it to the committed reports/:
# the same verdict for every (claim, instance) and the same digits of agreement to within ±1 digit.
# Usage: ICLVERIFY=build/iclverify bash tests/system/report.sh   (from the repository root)
set -uo pipefail
BIN=${ICLVERIFY:-build/iclverify}
COMMITTED=reports/report.json
# Fast claims that still cover flow limits, trajectories with figures, exact algebra and sampling.
SUBSET=(theorems/zfb/lemma54_pl.toml theorems/zfb/lemmaA3_conservation.toml theorems/exact/risk.toml
        theorems/zfb/thm45_random_cov.toml)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# One line per result: claim|instance|verdict|digits ("null" when digits do not apply).
rows() {
  sed -nE 's/^ *\{"claim": "([^"]*)", "instance": "([^"]*)", "verdict": "([^"]*)", .*"digits": ([^,]*), "scalar": .*/\1|\2|\3|\4/p' "$1"
}

# compare NEW COMMITTED: prints one line per mismatch, returns the number of mismatches.
compare() {
  awk -F'|' '
    NR == FNR { v[$1 "|" $2] = $3; d[$1 "|" $2] = $4; next }
    {
      k = $1 "|" $2; n++
      if (!(k in v)) { print "  " k ": not in the committed report"; bad++; next }
      if (v[k] != $3) { print "  " k ": verdict " $3 ", committed " v[k]; bad++ }
      if ((d[k] == "null") != ($4 == "null") || (d[k] != "null" && (d[k] - $4 > 1 || $4 - d[k] > 1))) {
        print "  " k ": digits " $4 ", committed " d[k]; bad++
      }
    }
    END { if (n == 0) { print "  no results compared"; bad++ } exit bad > 255 ? 255 : bad }
  ' <(rows "$2") <(rows "$1")
}

[ -f "$COMMITTED" ] || { echo "FAIL: $COMMITTED is missing (regenerate: see reports/README.md)"; exit 1; }
# The committed reports must come from code at least as new as the last change to what they show:
# the stamp's commit may be followed only by commits that leave src/ and theorems/ alone, except
# theorems/experiments/, which the catalog does not read (the
# reports themselves are committed right after the commit they were made at).
# stale_since STAMP: the commits after STAMP that touch those paths (empty: up to date).
stale_since() { git log --format=%h "$1..HEAD" -- src theorems ':(exclude)theorems/experiments'; }
stamp=$(sed -n 's/^| commit | \([0-9a-f]*\) |$/\1/p' reports/index.md)
if ! git rev-parse --git-dir > /dev/null 2>&1; then
  echo "report: not a git checkout, the stamp's age is not checked"
elif [ "$(git rev-parse --is-shallow-repository)" = true ] && ! git cat-file -e "$stamp^{commit}" 2>/dev/null; then
  echo "report: shallow clone without the stamp's commit $stamp, its age is not checked"
elif [ -z "$stamp" ] || ! git cat-file -e "$stamp^{commit}" 2>/dev/null; then
  fail "reports/index.md is stamped '${stamp:-nothing}', not a commit of this history (regenerate: see reports/README.md)"
else
  newer=$(stale_since "$stamp")
  [ -z "$newer" ] || fail "reports/ are stamped $stamp, older than the changes to src/ or theorems/ in $(echo $newer) (regenerate: see reports/README.md)"
fi

"$BIN" report "${SUBSET[@]}" --out "$tmp/rep" --jobs 2 --precision-sweep none --quiet > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" = 0 ] || { cat "$tmp/out.txt"; fail "report exited $rc"; }

# The pages: an index row and a page per claim, figures with their CSV beside them.
for id in zfb.lemma5.4 zfb.lemmaA.3 exact.risk zfb.thm4.5; do
  grep -q "| $id |" "$tmp/rep/index.md" || fail "index.md has no row for $id"
  [ -s "$tmp/rep/$id.md" ] || fail "no page $id.md"
done
for f in figures/zfb.lemma5.4/*loss-gap.svg figures/zfb.lemmaA.3/*conservation.csv figures/zfb.thm4.5/*random-cov-table.csv; do
  compgen -G "$tmp/rep/$f" > /dev/null || fail "missing $f"
done
grep -q "random covariance, exponential" "$tmp/rep/zfb.thm4.5.md" || fail "thm4.5 page lacks the random-covariance table"
grep -q "| commit |" "$tmp/rep/index.md" || fail "index.md does not record the commit"

# Plateau pages carry the flow-time ↔ training-step table (docs/THEORY.md §8.6), with their N.
for page in reports/plateau.closed_form.md reports/plateau.length.md; do
  grep -q '^## Flow time and training steps' "$page" || fail "$page lacks the flow-time conversion table"
  grep -q '| mean squared error (no ½) | not divided by N | 2N | √N |' "$page" || fail "$page: conversion rows"
done

# Verdicts and digits against the committed report.
n=$(rows "$tmp/rep/report.json" | wc -l)
compare "$tmp/rep/report.json" "$COMMITTED" || fail "the regenerated report differs from $COMMITTED"
echo "compared $n results with $COMMITTED"

# The comparison itself must be able to fail: a flipped verdict and a digits drift of 3 are caught.
sed -E '0,/"verdict": "PASS"/s//"verdict": "FAIL"/' "$tmp/rep/report.json" > "$tmp/flipped.json"
compare "$tmp/flipped.json" "$COMMITTED" > /dev/null && fail "a flipped verdict went unnoticed"
sed -E '0,/"digits": ([0-9]+)\./s//"digits": 3\1./' "$tmp/rep/report.json" > "$tmp/drifted.json"
compare "$tmp/drifted.json" "$COMMITTED" > /dev/null && fail "a digits drift went unnoticed"

[ "$fails" = 0 ] && echo "report: all checks passed" || { echo "report: $fails failure(s)"; exit 1; }
