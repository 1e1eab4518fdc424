#!/usr/bin/env bash
# Fuzzes the theorem-file loader (or, with TARGET = expression, the prediction-expression parser and
# evaluator) with libFuzzer + AddressSanitizer + UndefinedBehaviorSanitizer
# (clang from Debian: apt-get install clang libclang-rt-14-dev), built with NDEBUG like the Release
# binary (toml++ 3.3 has a debug-only assert on a control character in a table header: its Release
# path reports a parse error, tests/bad_input/fuzz_control_char_in_table_header.toml). Usage:
#   bash tests/fuzz/run.sh [SECONDS] [TARGET]   (default 600, theorem_file)
# The corpus grows in build-fuzz/corpus, seeded from tests/fuzz/corpus (committed), theorems/ and
# tests/bad_input/. A crash leaves crash-* in build-fuzz/; make it a file under tests/bad_input/.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-600}
target=${2:-theorem_file}
out=build-fuzz/$target
mkdir -p "$out/corpus"
expr_src=(src/spec/expression_parse.cpp src/spec/expression_claim.cpp src/spec/expression_claim_toml.cpp)
case "$target" in
  theorem_file)
    src=(tests/fuzz/fuzz_theorem_file.cpp src/spec/theorem_file.cpp src/theory/plant.cpp src/model/problem.cpp
         src/model/init.cpp src/model/task.cpp src/core/scalar.cpp src/core/rational.cpp "${expr_src[@]}"
         src/spec/shift_spec.cpp src/spec/law_spec.cpp src/spec/remedy_spec.cpp src/spec/w0_spec.cpp)
    seeds=(tests/fuzz/corpus/* theorems/*/*.toml tests/bad_input/*.toml) ;;
  expression)
    src=(tests/fuzz/fuzz_expression.cpp src/theory/expression_eval.cpp src/core/scalar.cpp src/core/rational.cpp
         "${expr_src[@]}")
    seeds=(tests/fuzz/expression_corpus/*) ;;
  *) echo "unknown target '$target' (theorem_file | expression)"; exit 2 ;;
esac
bin="$out/fuzz_$target"
if [ ! -x "$bin" ] || [ -n "$(find src tests/fuzz -newer "$bin" -type f)" ]; then
  echo "building $bin (clang, -O1, fuzzer + address + undefined) ..."
  clang++ -std=c++20 -O1 -g -DNDEBUG -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I src -I /usr/include/eigen3 -idirafter "$(dirname "$(gcc -print-file-name=include/quadmath.h)")" \
    "${src[@]}" -lmpfr -lgmp -lfmt -lquadmath \
    -o "$bin"
fi
cp -n "${seeds[@]}" "$out/corpus/" 2>/dev/null || true
dict=tests/fuzz/toml.dict
[ "$target" = expression ] && dict=tests/fuzz/expression.dict
"$bin" "$out/corpus" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
  -dict="$dict" -artifact_prefix="$out/" -print_final_stats=1 2>&1 | tee "$out/fuzz.log" | grep -E "^#[0-9]+.*(pulse|DONE)|ERROR|stat::|Done" || true
grep -q "ERROR: \|deadly signal\|Test unit written" "$out/fuzz.log" && { echo "fuzz: FOUND A PROBLEM (see $out/fuzz.log)"; exit 1; }
echo "fuzz: no crash, hang or sanitizer report in ${secs} s"
