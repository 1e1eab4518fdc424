#!/usr/bin/env bash
# The command line as a user meets it: `flow --json` carries the documented keys as decimal
# strings; `check` exits 0/1/2; and every example in README.md runs. Bad input: tests/system/bad_input.sh.
source "$(dirname "$0")/common.sh"


# flow --json: the documented keys, each a decimal string.
"$I" flow --lambda 0.5,1,2 --N 5 --digits 30 --json "$work/flow.json" --csv "$work/traj.csv" >/dev/null || fail "flow run"
for key in u_final u_theory W_PV_error W_KQ_error loss_gap conservation_drift digits_agreement t_end rhs_evaluations wall_seconds; do
  grep -Eq "\"$key\": \"[-+0-9.eE]+\"" "$work/flow.json" || fail "flow JSON lacks $key as a decimal string"
done
# u_final printed at full precision: 30 asked + guard digits.
u=$(sed -n 's/.*"u_final": "\([^"]*\)".*/\1/p' "$work/flow.json")
[ "${#u}" -ge 40 ] || fail "u_final not at full precision: $u"
head -1 "$work/traj.csv" | grep -q '^t,loss,loss_gap,grad_norm,u,frob_U,conservation_drift' || fail "CSV header"
[ "$(wc -l <"$work/traj.csv")" -gt 10 ] || fail "CSV has too few rows"

# check: exit 0 when everything holds, 1 when a planted prediction fails.
"$I" check --type double --json "$work/check.json" theorems/zfb >"$work/table" || fail "catalog in double should pass"
grep -q '"verdict": "PASS"' "$work/check.json" || fail "check JSON has no PASS"
grep -q 'NOT-APPLICABLE' "$work/table" || fail "no NOT-APPLICABLE instance in the catalog"
"$I" check --type double --plant gamma-without-trace --filter 'zfb.thm4.1/aniso-d5-*' theorems/zfb >"$work/table"
[ $? = 1 ] || fail "planted wrong Gamma should exit 1"
grep -q FAIL "$work/table" || fail "planted wrong Gamma shows no FAIL"
# --junit: one test case per instance, a planted FAIL is a <failure>, NOT-APPLICABLE is <skipped/>.
"$I" check --type double --quiet --plant gamma-without-trace --junit "$work/j.xml" theorems/zfb/thm41_limits.toml >/dev/null
n_inst=$(grep -c '^\[\[instance\]\]' theorems/zfb/thm41_limits.toml)
[ "$(grep -c '<testcase ' "$work/j.xml")" = "$n_inst" ] || fail "junit: not one test case per instance"
grep -q '<failure message=' "$work/j.xml" || fail "junit: planted FAIL is not a <failure>"
grep -q '<skipped message=' "$work/j.xml" || fail "junit: NOT-APPLICABLE is not <skipped/>"
"$I" check --type double --verbose theorems/zfb/von_oswald.toml 2>"$work/verbose" >/dev/null
[ "$(grep -c 'zfb.von-oswald' "$work/verbose")" = 4 ] || fail "--verbose does not print each verdict"
"$I" check --type double --quiet theorems/zfb/von_oswald.toml 2>"$work/quiet" >/dev/null
[ ! -s "$work/quiet" ] || fail "--quiet printed on stderr"

# exact: the polynomial is printed, the identities hold, a plant makes it exit 1.
"$I" exact --lambda 0.5,2 --N 3 --show-polynomial --json "$work/exact.json" >"$work/table" || fail "exact should pass"
grep -q '39 terms' "$work/table" || fail "exact: d = 2, N = 3 loss polynomial should have 39 terms"
grep -q '^L = 5/4$' "$work/table" || fail "exact: constant term T/2 = 5/4 missing"
grep -q '"verdict": "PASS"' "$work/exact.json" || fail "exact JSON has no PASS"
"$I" exact --lambda 0.5,2 --N 3 --plant drop-eight-term >"$work/table"
[ $? = 1 ] || fail "exact with a planted closed form should exit 1"
"$I" check --plant no-query-column --filter 'exact.full_loss/d2-*' theorems/exact >/dev/null
[ $? = 1 ] || fail "engine without the query column should FAIL"

# risk: the documented keys as decimal strings; the same numbers for any thread count; a plant exits 1.
"$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 400000 --threads 1 --json "$work/risk1.json" >/dev/null || fail "risk should agree"
for key in risk_theory risk_mc mc_ci_low mc_ci_high; do
  grep -Eq "\"$key\": \"[-+0-9.eE]+\"" "$work/risk1.json" || fail "risk JSON lacks $key as a decimal string"
done
"$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 400000 --threads 2 --json "$work/risk2.json" >/dev/null
# A theorist's 0.5% slip is a disagreement at the default 0.2% resolution (same prompts as risk1).
"$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 400000 --plant risk-scaled-0.5pct >"$work/risk_out"
[ $? = 1 ] && grep -q '^outcome.*FAIL: .*(disagreement)' "$work/risk_out" ||
  fail "risk: the prediction 0.5% too large is not a disagreement: $(grep outcome "$work/risk_out")"
[ "$(grep risk_mc "$work/risk1.json")" = "$(grep risk_mc "$work/risk2.json")" ] || fail "risk_mc depends on --threads"
"$I" risk --lambda 0.5,1,2 --N 3 --M 40 --samples 200000 --plant gamma-to-lambda >"$work/risk_out"
[ $? = 1 ] || fail "risk with the predictor Lambda^-1 should disagree (exit 1)"
grep -q '^outcome.*FAIL: .*(disagreement)' "$work/risk_out" || fail "risk plant at 2e5 samples: no disagreement: $(grep outcome "$work/risk_out")"
# A too-wide interval decides nothing: at N = 5, M = 10 the 0.5% plant sits inside the interval of
# 100 samples, and neither it nor the true formula may be reported as agreement (docs/THEORY.md
# §5.6); at 4e5 samples (above) the same plant is a resolved disagreement. The 30% plant
# gamma-to-lambda is resolved already at 100 samples by the variance-reduced estimator.
"$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 100 --plant gamma-to-lambda >"$work/risk_out"
[ $? = 1 ] && grep -q '^outcome.*FAIL: .*(disagreement)' "$work/risk_out" ||
  fail "risk: a 30% plant at 100 samples is not a disagreement: $(grep outcome "$work/risk_out")"
for pl in risk-scaled-0.5pct none; do
  "$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 100 --plant $pl >"$work/risk_out"
  [ $? = 1 ] || fail "risk --samples 100 --plant $pl should exit 1 (INCONCLUSIVE)"
  grep -q '^outcome.*INCONCLUSIVE: .*about [0-9]* samples would resolve it' "$work/risk_out" ||
    fail "risk --samples 100 --plant $pl: not INCONCLUSIVE with a sample count: $(grep outcome "$work/risk_out")"
  needed=$(sed -n 's/^samples_needed *//p' "$work/risk_out")
  [ "${needed:-0}" -gt 100 ] || fail "risk --samples 100: samples_needed '$needed' should exceed 100"
done
# --resolution is the rule's knob: the true formula at 2e5 samples resolves 5% but not 0.1%.
"$I" risk --lambda 0.5,1,2 --N 3 --M 40 --samples 200000 >"$work/risk_out" || fail "risk at 2e5 samples should PASS"
"$I" risk --lambda 0.5,1,2 --N 3 --M 40 --samples 200000 --resolution 0.0001 >"$work/risk_out"
[ $? = 1 ] && grep -q '^outcome.*INCONCLUSIVE' "$work/risk_out" || fail "risk --resolution 0.0001 at 2e5 samples should be INCONCLUSIVE"
# risk --type/--digits: the predicted R(M, N) at the flow-trained predictor carries the digits asked
# for. Held against the mpmath value of R(10, 5) for Λ = diag(0.5, 1, 2) in tests/data/reference.txt
# (instance aniso-d3-N5, docs/THEORY.md §3.8): at least 30 of 40 digits, where double gives about 11.
digits_against_reference() {  # VALUE (plain decimal) -> leading significant digits shared with the reference R
  local ref a b n=0
  ref=$(awk '$1 == "aniso-d3-N5" && $2 == "risk_R" {print $3}' tests/data/reference.txt)
  [ "${1%%.*}" = "${ref%%.*}" ] || { echo 0; return; }  # same integer part: no factor of 10 slips through
  a=$(echo "$1" | tr -d '.-' | sed 's/^0*//') b=$(echo "$ref" | tr -d '.-' | sed 's/^0*//')
  while [ "$n" -lt "${#a}" ] && [ "${a:$n:1}" = "${b:$n:1}" ]; do n=$((n + 1)); done
  echo "$n"
}
for prec in "--type double" "--type mpfr --digits 40"; do
  "$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 1000 $prec --json "$work/riskp.json" >/dev/null
  v=$(sed -n 's/.*"risk_theory": "\([^"]*\)".*/\1/p' "$work/riskp.json")
  got=$(digits_against_reference "$v")
  echo "risk $prec: risk_theory agrees with the mpmath R(10, 5) to $got digits"
  case "$prec" in
    *mpfr*) [ "${got:-0}" -ge 30 ] || fail "risk $prec: $got digits of R(10, 5), want >= 30 ($v)" ;;
    *) [ "${got:-0}" -ge 9 ] || fail "risk $prec: $got digits of R(10, 5), want >= 9 ($v)" ;;
  esac
done
"$I" risk --lambda 0.5,1,2 --N 5 --M 10 --samples 1000 --digits 40 >/dev/null 2>&1
[ $? = 2 ] || fail "risk --digits without --type mpfr should be refused (exit 2)"

# Each prediction-error family PASSes, and FAILs under its plant (double, one instance each).
for fp in "zfb.thm4.2/linear-* gamma-to-lambda" "zfb.rates/d3-* rate-n-minus-1" "zfb.cor4.3/d3-* cor43-without-n" \
          "zfb.sec4.2.tolerated/query-* gamma-to-lambda" "zfb.sec4.2.covariate/c1.7-* covariate-tolerated" \
          "zfb.sec4.2.orthogonal/* query-in-span" "zfb.thm4.5/exp-* random-cov-consistent" "zfb.fig1/d20-c1 random-cov-consistent"; do
  set -- $fp
  "$I" check --type double --filter "$1" theorems/zfb >"$work/table" || fail "$1 should pass"
  grep -q PASS "$work/table" || fail "$1 selected nothing"
  "$I" check --type double --filter "$1" --plant "$2" theorems/zfb >"$work/table"
  [ $? = 1 ] || fail "$1 under plant $2 should exit 1"
  grep -q FAIL "$work/table" || fail "$1 under plant $2 shows no FAIL"
done

# Falsification files: a planted falsehood that the check rejects exits 0; one it cannot reject
# (here: no plant at all, so the true claim PASSes) is reported as NOT rejected and exits 1.
"$I" check theorems/falsification/zfb-thm41_limits--gamma-n-plus-1.toml >"$work/table" || fail "a rejected plant should exit 0"
grep -q "REJECTED-AS-EXPECTED" "$work/table" || fail "no REJECTED-AS-EXPECTED in $(cat "$work/table")"
sed 's/^plant = .*/plant = "none"/' theorems/falsification/zfb-thm41_limits--gamma-n-plus-1.toml >"$work/unplanted.toml"
"$I" check "$work/unplanted.toml" >"$work/table"
[ $? = 1 ] || fail "an unrejected falsification file should exit 1"
grep -q "NOT rejected" "$work/table" || fail "no 'NOT rejected' in $(cat "$work/table")"

# Numerical faults: an overflowing start, step budgets, a time budget -> INCONCLUSIVE with the reason.
"$I" check --type double tests/data/numerical_faults.toml >"$work/table"
[ $? = 1 ] || fail "numerical faults should exit 1"
grep -q "4 instances: 0 PASS, 0 FAIL, 4 INCONCLUSIVE" "$work/table" || fail "faults not all INCONCLUSIVE: $(tail -1 "$work/table")"
for why in "right-hand side at t = 0 is not finite" "step budget of 50 exhausted" "step budget of 5 exhausted" "time budget of"; do
  grep -q "$why" "$work/table" || fail "no reason '$why' in the faults table"
done
"$I" check --type double --max-steps 3 --filter 'zfb.thm4.1/aniso-d5-N5' theorems/zfb >"$work/table"
[ $? = 1 ] && grep -q "step budget of 3 exhausted" "$work/table" || fail "--max-steps 3 did not end the run INCONCLUSIVE"

# plateau: one experiment, its verdict on stdout, its curves as CSV files; a planted γ = 1 in the
# theorem-file route FAILs (the command itself has no --plant: falsification files cover it).
"$I" plateau closed-form --lambda 1,1,1 --N 10 --w0 1e-10 --digits 30 --out "$work/plateau" >"$work/pl" || fail "plateau closed-form"
head -1 "$work/pl" | grep -q '^PASS' || fail "plateau closed-form did not PASS: $(head -2 "$work/pl")"
head -1 "$work/plateau/logistic.csv" | grep -q '"t","s from the flow","closed form"' || fail "plateau CSV header"
[ "$(wc -l <"$work/plateau/logistic.csv")" -gt 20 ] || fail "plateau CSV has too few rows"
"$I" plateau staircase --lambda 2,1,0.5 --N 20 --w0 1e-3 --heads 3 --out "$work/stair" >"$work/pl" || fail "plateau staircase"
grep -q 'dwell (S)' "$work/stair/dwell.csv" || fail "staircase dwell table"
"$I" plateau remedy --lambda geomspace:1:0.0625:5 --lambda-easy 1,1,1,1,1 --N 10 --w0 1e-6 --remedy warmup:2 >"$work/pl" ||
  fail "plateau remedy warm-up"
grep -q 'predicted_ratio' "$work/pl" || fail "remedy evidence lacks the predicted ratio"
# The two half times, named by what they measure. Reference values from python3-mpmath at 30 digits,
# t_a = ln[a/(1-a) (sqrt(d)/(gamma w0^2) - 1)]/(2 sqrt d) with a = 1/2 (s at half its limit, gap at a
# quarter) and a = 1 - (1 - gamma w0^2/sqrt d)/sqrt 2 (gap halved): 6.0230489761909567 and 5.8027055794654558.
"$I" plateau closed-form --lambda 1,1,1,1 --N 31 --w0 7.70e-6 >"$work/pl" || fail "plateau closed-form Lambda = I4"
grep -Eq '^  t_gap_half = 5\.80270557946545' "$work/pl" || fail "t_gap_half: $(grep t_gap_half "$work/pl")"
grep -Eq '^  t_s_half = 6\.02304897619095' "$work/pl" || fail "t_s_half: $(grep t_s_half "$work/pl")"
grep -q 'half_time' "$work/pl" && fail "the ambiguous name half_time is still printed"
grep 'flow time t after k' "$work/pl" | grep -q '2 eta k without the ½, 31 eta k with attention not divided by N.*62 eta k for both' ||
  fail "plateau output lacks the flow-time conversion: $(tail -1 "$work/pl")"
# A run to a fixed time states the digits it delivers (second run at 20 more digits). Reference: the
# Λ = I logistic of docs/THEORY.md §8.2 in python3-mpmath at 100 digits, u(12) = sqrt(3 s(12)) with
# s(t) = 1/(g + (1/s0 - g) e^{-6t}), g = 3/2, s0 = 1e-40/3 (d = 9, N = 20, σ = 1e-20):
# u(12) = 4.311231545111904162509572194744514452551500116029663659946e-05. The first run's true
# agreement with it is 33.5 digits; the vouched digits must be within one digit of that.
"$I" flow --lambda 1,1,1,1,1,1,1,1,1 --N 20 --theta identity --sigma 1e-20 --t-end 12 --digits 40 >"$work/fl" || fail "flow --t-end"
vouched=$(awk '$1 == "digits_vouched" {print $2}' "$work/fl")
awk -v v="$vouched" 'BEGIN {exit !(v >= 32.5 && v <= 34.5)}' || fail "flow --t-end vouched $vouched digits; the truth is 33.5"
grep -Eq '^u_final +4\.31123154511190416250957219474451[0-9]*e-05' "$work/fl" || fail "flow --t-end u_final: $(grep u_final "$work/fl")"
grep -q '^vouched_by .*second run at 60 digits' "$work/fl" || fail "flow --t-end does not say how its digits were vouched"
"$I" flow --lambda 1,1,1 --N 20 --t-end 1 --no-second-run --digits 20 >"$work/fl" || fail "flow --no-second-run"
grep -Eq '^digits_vouched +0$' "$work/fl" || fail "flow --no-second-run vouches digits: $(grep digits_vouched "$work/fl")"
# The full parameterisation's certificate omits integration error: at d = 2, 20 digits its PL bound
# (7.6e-19) claims 18 digits while the distance to the closed form is 3e-15 (14.5 digits). The second
# run to the same t must vouch for the 14.5, within one digit, and not for the bound's 18.
"$I" flow --lambda 0.5,2 --N 5 --param full --digits 20 >"$work/fl" || fail "flow --param full"
vouched=$(awk '$1 == "digits_vouched" {print $2}' "$work/fl")
agree=$(awk '$1 == "digits_agreement" {print $2}' "$work/fl")
awk -v v="$vouched" -v g="$agree" 'BEGIN {exit !(v - g <= 1 && g - v <= 1 && v < 17)}' ||
  fail "flow --param full vouched $vouched digits; agreement with the closed form is $agree"
# One scale is a table a user compares with one training run: the lengths are printed, the settling
# check (a difference between two scales) is skipped with a note, and the exit status is 0.
"$I" plateau length --lambda 0.5,2 --N 5 --w0-list 1e-6 >"$work/pl" || fail "plateau length with one scale should exit 0"
head -1 "$work/pl" | grep -q '^NOT-APPLICABLE' || fail "one-scale length: $(head -2 "$work/pl")"
grep -q 'needs at least two scales; that check is skipped' "$work/pl" || fail "one-scale length lacks the note"
"$I" plateau length --lambda 1,1 --N 5 --w0-list 1e-6 >"$work/pl" || fail "isotropic length with one scale"
head -1 "$work/pl" | grep -q '^PASS' || fail "isotropic one-scale length: $(head -2 "$work/pl")"
"$I" check --digits 30 theorems/falsification/plateau-closed_form--plateau-gamma-one.toml >"$work/table" ||
  fail "plateau gamma-one falsification should be rejected (exit 0)"
grep -q 'REJECTED-AS-EXPECTED' "$work/table" || fail "plateau gamma-one plant not rejected"

# The README's count of planted falsehoods is the folder's, not a number that drifts.
stated=$(sed -n 's/.*holds one theorem file per planted falsehood and claim family (\([0-9]*\) files.*/\1/p' README.md)
actual=$(ls theorems/falsification/*.toml | wc -l)
[ -n "$stated" ] && [ "$stated" = "$actual" ] || fail "README says ${stated:-no number of} falsification files, the folder holds $actual"

# prove: a proof of Theorem 4.1's limit; a planted closed form is DISPROVED and exits 1.
"$I" prove --lambda 0.5,1,2 --N 5 --digits 20 >"$work/prove" || fail "prove should PROVE d = 3"
grep -Eq '^verdict +PROVED' "$work/prove" || fail "prove printed no PROVED"
grep -Eq '^limit_radius +[0-9.]+e-[0-9]+' "$work/prove" || fail "prove printed no radius"
"$I" prove --lambda 0.5,1,2 --N 5 --digits 20 --plant gamma-n-plus-1 >"$work/prove"
[ $? = 1 ] || fail "prove with a planted Gamma should exit 1"
grep -Eq '^verdict +DISPROVED' "$work/prove" || fail "prove with a planted Gamma is not DISPROVED"
# check: the proof column beside the verdict, in the table and the JSON; the flow's own Gamma planted
# wrong is DISPROVED there as well.
"$I" check --digits 30 --filter 'zfb.thm4.1/iso-d1-N1' --json "$work/proof.json" theorems/zfb/thm41_limits.toml >"$work/table" ||
  fail "thm4.1 iso-d1-N1 should pass"
grep -Eq '^zfb.thm4.1 +iso-d1-N1 +PASS .* PROVED$' "$work/table" || fail "check: no PROVED in the proof column"
grep -q '1 of 1 proofs PROVED' "$work/table" || fail "check: the summary does not count the proof"
grep -q '"scalar": "[^"]*", "proof": "PROVED"' "$work/proof.json" || fail "check JSON: no proof field"
"$I" check --digits 30 --filter '*/aniso-d2-N5' theorems/falsification/zfb-thm41_limits--model-gamma-n-plus-1.toml >"$work/table" ||
  fail "the planted model should be rejected as expected"
grep -Eq 'REJECTED-AS-EXPECTED .* DISPROVED$' "$work/table" || fail "check: the planted model's proof is not DISPROVED"
"$I" check --type double --filter 'zfb.thm4.1/iso-d1-N1' theorems/zfb/thm41_limits.toml >"$work/table"
grep -Eq '^zfb.thm4.1 +iso-d1-N1 +PASS .* -$' "$work/table" || fail "check in double: a proof column other than -"

# README examples: every line of a ```sh block that starts with "iclverify " runs and exits 0.
cp -r theorems "$work/"
n=0
has_train=0
# Built with libtorch: the sibling program exists and --help lists its commands (`train --help`
# alone is no test: CLI11 answers --help before it rejects an unknown command).
"$I" --help | grep -q "^  train " && has_train=1
for c in check flow report prove sweep $([ "$has_train" = 1 ] && echo experiment); do  # train: detected above
  "$I" --help | grep -q "^  $c " || fail "iclverify --help does not list '$c'"
done
while IFS= read -r line; do
  [ "$has_train" = 0 ] && [[ "$line" == "iclverify train "* ]] && continue
  n=$((n + 1))
  (cd "$work" && eval "\"$I\" ${line#iclverify }") >/dev/null 2>"$work/ex_err" || fail "README example: $line ($(tail -1 "$work/ex_err"))"
done < <(awk '/^```sh/{f=1; next} /^```/{f=0} f && /^iclverify /' README.md)
[ "$n" -ge 4 ] || fail "found only $n README examples"

[ "$fails" = 0 ] && echo "cli: all checks passed ($n README examples)"
exit $((fails > 0))
