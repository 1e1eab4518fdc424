# Sourced by the system tests: the executable under test, a scratch folder removed on exit, a
# failure counter, and `strip` (a results file without its timings, for byte comparisons).
set -u
I=$(realpath "${ICLVERIFY:?set ICLVERIFY to the iclverify executable}")
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
strip() { sed -E 's/, "timings": \{[^}]*\}\}/}/' "$1"; }
