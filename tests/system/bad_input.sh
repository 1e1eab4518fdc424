#!/usr/bin/env bash
# The bad-input catalog (tests/bad_input/): every malformed theorem file and command line is refused
# before any work with exit 2 and one line on stderr — file:line and key for theorem files (and that
# line of the file really holds the key), the option for command lines — and no output file appears.
# Usage: ICLVERIFY=build/iclverify bash tests/system/bad_input.sh   (from the repository root)
source "$(dirname "$0")/common.sh"
DIR=tests/bad_input
tried=0

# A folder this user cannot write to and a file it cannot read (root ignores permission bits, so
# fall back to places the kernel refuses even to root).
mkdir -p "$work/ro" && chmod 555 "$work/ro"
RO="$work/ro"
if touch "$RO/.probe" 2>/dev/null; then rm -f "$RO/.probe"; RO=/sys; fi
UNREADABLE="$work/unreadable.toml"
cp theorems/zfb/von_oswald.toml "$UNREADABLE" && chmod 000 "$UNREADABLE"
if cat "$UNREADABLE" >/dev/null 2>&1; then UNREADABLE=/proc/self/mem; fi

# refused ARGS...: exit 2, one "iclverify: error:" line, empty stdout, nothing written to $T/out.
refused() {
  local T="$work/case"
  rm -rf "$T" && mkdir -p "$T/out" "$T/empty" "$T/folder.toml" && : >"$T/file"
  "$I" "$@" >"$work/stdout" 2>"$work/stderr"
  local rc=$?
  tried=$((tried + 1))
  local what="$*"
  [ "$rc" = 2 ] || { fail "exit $rc (want 2): $what"; cat "$work/stderr"; return 1; }
  [ "$(wc -l <"$work/stderr")" = 1 ] || { fail "stderr is not one line: $what"; cat "$work/stderr"; return 1; }
  grep -q '^iclverify: error: ' "$work/stderr" || fail "no error prefix: $what"
  [ ! -s "$work/stdout" ] || fail "stdout not empty: $what"
  [ -z "$(ls -A "$T/out")" ] || fail "partial output left in out/: $what -> $(ls -A "$T/out")"
  return 0
}

# Theorem files: run through check (with JSON and JUnit outputs) and report; both must refuse.
for f in "$DIR"/*.toml; do
  # "# expect: key 'NAME'" or, for an error inside an expression, "# expect: key 'NAME' column C".
  key=$(sed -n "1s/^# expect: key '\([^']*\)'\( column [0-9]*\)\?$/\1/p" "$f")
  col=$(sed -n "1s/^# expect: key '[^']*' column \([0-9]*\)$/\1/p" "$f")
  [ -n "$key" ] || { fail "$f: first line must be # expect: key 'NAME' [column C]"; continue; }
  for cmd in check report; do
    if [ "$cmd" = check ]; then
      refused check "$f" --json "$work/case/out/r.json" --junit "$work/case/out/r.xml" || continue
    else
      refused report "$f" --out "$work/case/out/rep" --no-figures || continue
    fi
    msg=$(cat "$work/stderr")
    case "$msg" in
      *"$f:"[0-9]*": key '$key'"*) ;;
      *) fail "$f ($cmd): message does not name file:line and key '$key': $msg"; continue ;;
    esac
    line=$(sed -n "s/^.*$(basename "$f"):\([0-9]*\)\(:[0-9]*\)\?: key.*$/\1/p" <<<"$msg")
    if [ -n "$col" ]; then
      [[ "$msg" == *"$f:$line:$col: key '$key'"* ]] || fail "$f ($cmd): message does not name column $col: $msg"
    fi
    if [[ "$msg" == *": key '$key': missing"* ]]; then
      # A missing key is reported at the table it is missing from: the top (line 1) or its [[instance]].
      [ "$line" = 1 ] || sed -n "${line}p" "$f" | grep -q '^\[\[instance\]\]' || fail "$f: missing '$key' reported at line $line"
    elif [ "$key" != - ] && [ "$key" != instance ]; then
      # The named line holds the key itself or opens the [[instance]] table it is missing from.
      sed -n "${line}p" "$f" | grep -qE "^(${key#define.} *=|\[\[instance\]\])" || fail "$f: line $line does not hold '$key': $msg"
    fi
  done
done

# Command lines.
while IFS=$'\t' read -r want args; do
  case "$want" in '#'* | '') continue ;; esac
  T="$work/case"
  eval "set -- $args"
  refused "$@" || continue
  grep -qF -- "$(eval "echo \"$want\"")" "$work/stderr" || fail "'$args': error does not mention '$want': $(cat "$work/stderr")"
done <"$DIR/commands.txt"

echo "bad input: $tried refusals tried ($(ls "$DIR"/*.toml | wc -l) theorem files x {check, report}, $(grep -cvE '^(#|$)' "$DIR/commands.txt") command lines)"
[ "$fails" = 0 ] && echo "bad input: all refused cleanly" || { echo "bad input: $fails failure(s)"; exit 1; }
