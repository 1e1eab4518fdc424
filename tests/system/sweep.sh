#!/usr/bin/env bash
# Sweeps lose nothing: a sweep killed with SIGKILL midway, then resumed (after a torn last line is
# appended, as a kill in mid-write leaves it), ends with exactly the results of an uninterrupted
# run; --resume refuses a different sweep; without --resume a started folder is refused.
# Usage: ICLVERIFY=build/iclverify bash tests/system/sweep.sh   (from the repository root)
source "$(dirname "$0")/common.sh"
SPEC=tests/data/sweep_thm41.toml

"$I" sweep "$SPEC" --out "$work/full" --jobs 2 --quiet >/dev/null || fail "uninterrupted sweep"
total=$(grep -c '"claim": ' "$work/full/summary.json")
[ "$total" = 12 ] || fail "uninterrupted sweep has $total results, want 12"

# Kill after at least 3 results have landed (one job at a time, so the kill lands mid-sweep).
"$I" sweep "$SPEC" --out "$work/killed" --jobs 1 --quiet >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ -f "$work/killed/results.jsonl" ] && [ "$(wc -l <"$work/killed/results.jsonl")" -ge 3 ] && break
  sleep 0.05
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
got=$(wc -l <"$work/killed/results.jsonl")
{ [ "$got" -ge 3 ] && [ "$got" -lt "$total" ]; } || fail "the kill did not land midway ($got of $total done)"
[ ! -f "$work/killed/summary.json" ] || fail "a killed sweep left a summary"
printf '{"claim": "sweep.thm41", "instance": "N=40,lambda=linspace:0.5:2:8", "verd' >>"$work/killed/results.jsonl"

"$I" sweep "$SPEC" --out "$work/killed" --quiet >/dev/null 2>&1
[ $? = 2 ] || fail "a started folder without --resume should be refused (exit 2)"
"$I" sweep "$SPEC" --out "$work/killed" --resume --digits 30 --quiet >/dev/null 2>&1
[ $? = 2 ] || fail "--resume at another precision should be refused (exit 2)"
"$I" sweep "$SPEC" --out "$work/killed" --resume --jobs 2 --quiet >"$work/resume.txt" || fail "resumed sweep"
grep -q "($got resumed, $((total - got)) run)" "$work/resume.txt" || fail "resume did not skip the $got finished: $(cat "$work/resume.txt")"
[ "$(wc -l <"$work/killed/results.jsonl")" = "$total" ] || fail "results.jsonl does not hold exactly $total lines"
strip "$work/full/summary.json" >"$work/a"
strip "$work/killed/summary.json" >"$work/b"
cmp -s "$work/a" "$work/b" || { fail "killed + resumed differs from uninterrupted"; diff "$work/a" "$work/b" | head -4; }
echo "sweep: killed after $got of $total results; resumed; summary identical to the uninterrupted run"

# A damaged line in the middle is not a torn write: --resume names file and line and cuts nothing.
mkdir -p "$work/damaged" && cp "$work/full"/* "$work/damaged/" && rm -f "$work/damaged/summary.json"
sed -i '2s/^{/X{/' "$work/damaged/results.jsonl"
cp "$work/damaged/results.jsonl" "$work/damaged.before"
"$I" sweep "$SPEC" --out "$work/damaged" --resume --quiet >/dev/null 2>"$work/damaged.err"
[ $? = 2 ] || fail "--resume over a damaged line should be refused (exit 2)"
grep -q "results.jsonl:2: not a complete JSON record" "$work/damaged.err" || fail "damaged line not named: $(cat "$work/damaged.err")"
cmp -s "$work/damaged.before" "$work/damaged/results.jsonl" || fail "a refused resume changed results.jsonl"
[ "$fails" = 0 ] && echo "sweep: all checks passed" || { echo "sweep: $fails failure(s)"; exit 1; }
