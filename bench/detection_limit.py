#!/usr/bin/env python3
"""Detection limits: the smallest relative error planted in a correct prediction that the check
rejects (docs/THEORY.md §9.3), for every C++ claim family and for each expression observable.

Families: one cheap instance of each (FAMILIES below) is run with `--plant scale:EPS`, which
multiplies the family's prediction by 1 + EPS, EPS found by bisection over FAMILY_EPS (1e-1 first);
the table records the smallest EPS rejected (FAIL) and the largest that was not, beside the family's
own tolerance and the project's target for its kind.

Observables:
For every claim file listed below (each PASSes as committed), the prediction P is replaced by
(1 + s * 10^-k) * P for a falling sequence of k, in a temporary theorem file, and
`iclverify check --json` is run on it. An error is *rejected* when every instance FAILs, and *seen*
when at least one does. The table records, per observable, the smallest planted error rejected and
the largest one that passed somewhere, with the check's own tolerance beside it.

Usage (from the repository root):
  bench/detection_limit.py [build/iclverify] [--out reports/detection_limits.md] [--only families|observables]
Runs sequentially, some minutes on 2 cores. The scan stops at the first size that passes on every
instance, on the assumption (true for these checks, which compare a distance with a radius) that
a smaller error does not get rejected again.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

# (claim file, measured side, tolerance as the checks state it, sizes tried: (s, k) means s*10^-k)
FLOW_KS = [(1, k) for k in (2, 5, 10, 20, 30, 35, 37, 38, 39, 40, 41, 42, 44, 46)]
EXACT_KS = [(1, k) for k in (2, 10, 30, 60, 100, 300, 1000)]
MC_KS = [(3, 2), (1, 2), (5, 3), (3, 3), (2, 3), (1, 3), (5, 4)]
CASES = [
    ("theorems/expressions/thm41_u_limit.toml", "reduced flow, MPFR 50 digits, certified limit",
     "radius: PL bound + drift; 40 digits required", FLOW_KS),
    ("theorems/expressions/thm41_W_KQ_limit.toml", "reduced flow, MPFR 50 digits, certified limit",
     "radius: PL bound + drift; 40 digits required", FLOW_KS),
    ("theorems/expressions/corA2_loss_limit.toml", "reduced flow, loss at the end",
     "radius ‖∇L‖²/μ; 40 digits required", FLOW_KS),
    ("theorems/expressions/corA2_exact.toml", "exact minimum over C (GMP rationals, Isserlis)",
     "equality of rationals", EXACT_KS),
    ("theorems/expressions/thm42_exact.toml", "exact risk of the exact minimiser (rationals)",
     "equality of rationals", EXACT_KS),
    ("theorems/expressions/thm42_mc.toml", "Monte Carlo risk, trained layer in double",
     "99.9 % confidence interval", MC_KS),
]


# The sizes tried for a family, largest first; the scan stops at the first size that passes.
FAMILY_EPS = ["1e-1", "3e-2", "1e-2", "3e-3", "2e-3", "1e-3", "1e-4", "1e-6", "1e-8", "1e-10", "1e-15", "1e-20",
              "1e-25", "1e-30", "1e-35", "1e-37", "1e-38", "1e-39", "1e-40", "1e-41", "1e-42", "1e-45", "1e-60",
              "1e-100", "1e-300", "1e-1000"]
# Targets of the project (smallest relative error a family must reject), by kind.
TARGETS = {"flow": ("<= 1e-38 (digits - 12 at 50 digits)", 1e-38), "exact": ("any nonzero change", 1e-1000),
           "mc": ("<= 2e-3", 2e-3), "plateau": ("<= 5e-2", 5e-2)}
# (family, kind, claim file, instance, measured side, predicted side, tolerance as the check states it)
FAMILIES = [
    ("thm41_limits", "flow", "theorems/zfb/thm41_limits.toml", "iso-d1-N5", "reduced flow (MPFR 50), certified limit",
     "u*, U* from Gamma built from Lambda (zfb_theory)", "40 digits and the PL certificate"),
    ("lemma52_invariance", "flow", "theorems/zfb/lemma52_invariance.toml", "aniso-d2-N5", "full flow from a = c = 0",
     "reduced flow on the theory's Gamma", "40 digits at t = 20"),
    ("lemmaA3_conservation", "flow", "theorems/zfb/lemmaA3_conservation.toml", "random-theta-d3-N4",
     "u^2 - |U|_F^2 along the flow", "its start value, conserved", "40 digits of max u^2"),
    ("lemmaA5_positivity", "flow", "theorems/zfb/lemmaA5_positivity.toml", "aniso-d2-N5", "min u(t)^2 on the path",
     "Lemma A.5's lower bound", "bound <= measured (one-sided)"),
    ("lemma54_pl", "flow", "theorems/zfb/lemma54_pl.toml", "aniso-d2-N5", "min |grad L|^2/(L - L*) on the path",
     "Lemma 5.4's mu", "mu <= measured (one-sided)"),
    ("corA2_minimum", "flow", "theorems/zfb/corA2_minimum.toml", "aniso-d2-N5", "loss and uU at the certified limit",
     "L*, Gamma^-1 from Lambda", "40 digits"),
    ("von_oswald", "flow", "theorems/zfb/von_oswald.toml", "iso-d1-N1", "uU at the certified limit",
     "GD step (1 + (d+1)/N)^-1", "40 digits"),
    ("rates", "flow", "theorems/zfb/rates.toml", "d3-aniso", "N^2 E(inf, N), M dE from flow-trained D",
     "constants from the eigenvalues", "40 - log10(2N) digits; N -> inf window"),
    ("cor43_bound", "flow", "theorems/zfb/cor43_bound.toml", "d3-aniso", "trained error on the (M, N) grid",
     "Corollary 4.3's bound", "bound >= measured (one-sided)"),
    ("thm45_random_cov", "flow", "theorems/zfb/thm45_random_cov.toml", "uniform-d3-N10-M30",
     "random-cov flow on the model's gamma_i, beta_i; MC error", "(4.12) from the law's moments", "40 digits; MC interval"),
    ("expression", "flow", "theorems/expressions/thm41_u_limit.toml", "aniso-d2-N5", "reduced flow, certified",
     "the claim's expression", "PL bound + drift radius"),
    ("exact_full_loss", "exact", "theorems/exact/full_loss.toml", "d1-N2", "Isserlis engine (GMP rationals)",
     "closed-form loss and gradient", "equality"),
    ("exact_invariance", "exact", "theorems/exact/invariance.toml", "d1-N1", "Isserlis engine",
     "dL/da = dL/dc = 0 on a = c = 0", "equality"),
    ("exact_reduced", "exact", "theorems/exact/reduced_loss.toml", "d1-N1", "Isserlis engine", "reduced loss and gradient",
     "equality"),
    ("exact_moments", "exact", "theorems/exact/moments.toml", "d1-M1", "Isserlis engine", "Wishart identities", "equality"),
    ("exact_minimum", "exact", "theorems/exact/minimum.toml", "d1-N1", "Isserlis engine", "L* and minimisers", "equality"),
    ("exact_risk", "exact", "theorems/exact/risk.toml", "thm42-d1-nonlinear-noisy-M1", "Isserlis engine",
     "error formulas", "equality"),
    ("exact_random_cov", "exact", "theorems/exact/random_cov.toml", "exp-d1-N2", "engine averaged over Lambda (quadrature)",
     "the model's gamma_i, beta_i", "equality"),
    ("thm42_mc", "mc", "theorems/zfb/thm42_mc.toml", "linear-d3-N5-M10", "Monte Carlo of the forward pass",
     "Theorem 4.2 / predictor error", "99.9 % interval, resolved to 0.2 %"),
    ("shift_tolerated", "mc", "theorems/zfb/shift_tolerated.toml", "query-shift-d2", "Monte Carlo under shift",
     "docs/THEORY.md §6.1 error", "99.9 % interval"),
    ("covariate_shift", "mc", "theorems/zfb/covariate_shift.toml", "c1.7-d3",
     "Monte Carlo at c and 1; literal limit (engine, Richardson)", "error law in c^2; c^2(c^2-1)^2 tr Lambda",
     "99.9 % interval; limit 1e-6 of E[t^2]"),
    ("fig1_lsa_limit", "mc", "theorems/zfb/fig1_lsa_limit.toml", "d20-c1", "Monte Carlo at delta = m2/m3",
     "LSA-limit line and §7 error", "99.9 % interval"),
    ("orthogonal_query", "mc", "theorems/zfb/orthogonal_query.toml", "d6-M3", "max |yhat| of orthogonal queries",
     "0", "1e-9 of |yhat| in general position"),
    ("orthogonal_query_gamma", "mc", "theorems/zfb/orthogonal_query_gamma.toml", "linspace-0.5-5-d6-M3",
     "max |yhat| of Gamma^-1-orthogonal queries", "0", "1e-9 of |yhat| in general position"),
    ("plateau_closed_form", "plateau", "theorems/plateaus/closed_form.toml", "d1-N5-w1e-3", "merged flow s = uk",
     "logistic closed form", "40 digits"),
    ("plateau_length", "plateau", "theorems/plateaus/length.toml", "iso-d2-N10", "plateau lengths t_f",
     "logistic t_f", "40 digits"),
    ("plateau_staircase", "plateau", "theorems/plateaus/staircase.toml", "d3-H1-w1e-3", "dwell of the separate flow",
     "PCR levels", "dwell band (1/dwell_band_denominator of the gap)"),
    ("plateau_remedy", "plateau", "theorems/plateaus/remedies.toml", "warmup-faster-easy-d5-k16",
     "growth of t_1/2 per ln(1/w0)", "ratio of escape rates", "10/ln(1/w0^2) relative"),
]


def family_verdicts(binary, path, claim_id, instance, eps, out_json):
    subprocess.run([binary, "check", "--quiet", "--json", out_json, "--filter", f"{claim_id}/{instance}"]
                   + (["--plant", f"scale:{eps}"] if eps else []) + [path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with open(out_json) as f:
            j = json.load(f)
    except (OSError, ValueError):
        return ["ERROR"]
    rs = j["results"] if isinstance(j, dict) else j
    return [r["verdict"] for r in rs]


def scan_families(binary, tmp, only=None):
    rows = []
    for fam, kind, path, inst, measured, predicted, tol in FAMILIES:
        if only and fam not in only:
            continue
        claim_id = re.search(r'^id = "(.*)"$', open(path).read(), re.M).group(1)
        out = os.path.join(tmp, "fam.json")
        t0 = time.time()
        base = family_verdicts(binary, path, claim_id, inst, None, out)
        # Bisection over the list, assuming (as for every check here, which compares a distance with a
        # tolerance) that a larger error is rejected whenever a smaller one is.
        rejected, passed, tried = None, None, []
        lo, hi = -1, len(FAMILY_EPS)  # FAMILY_EPS[lo] rejected, FAMILY_EPS[hi] not (sentinels)
        while hi - lo > 1:
            mid = 0 if lo < 0 and hi == len(FAMILY_EPS) and not tried else (lo + hi) // 2
            eps = FAMILY_EPS[mid]
            v = family_verdicts(binary, path, claim_id, inst, eps, out)
            tried.append(f"{eps}: {'/'.join(v)}")
            print(f"{fam} {inst}: eps {eps}: {v}", file=sys.stderr)
            if v and all(x == "FAIL" for x in v):
                lo, rejected = mid, eps
            else:
                hi, passed = mid, f"{eps} ({'/'.join(v)})"
        target, tval = TARGETS[kind]
        if rejected is None:
            status = "no size rejected"
        else:
            status = "met" if float(rejected) <= tval * (1 + 1e-9) or (kind == "exact" and rejected == FAMILY_EPS[-1]) \
                else f"missed by {float(rejected) / tval:.3g}x"
        rows.append((fam, f"{path} / {inst}", measured, predicted, tol, "/".join(base), rejected or "none",
                     passed or "none (all sizes rejected)", f"{target}: {status}", f"{time.time() - t0:.0f}",
                     "; ".join(tried)))
    return rows


def planted_text(text, s, k):
    """The claim with its prediction scaled by (1 + s*10^-k), renamed, and no `expect` line."""
    m = re.search(r'^predict = "(.*)"$', text, re.M)
    if not m:
        raise SystemExit("no one-line predict = \"...\" in the claim")
    factor = f"(1 + {s}*10^(-{k}))" if s != 1 else f"(1 + 10^(-{k}))"
    text = text[:m.start()] + f'predict = "{factor}*({m.group(1)})"' + text[m.end():]
    return re.sub(r'^id = "(.*)"$', lambda g: f'id = "{g.group(1)}.scaled"', text, count=1, flags=re.M)


def verdicts(binary, path, out_json):
    subprocess.run([binary, "check", "--quiet", "--json", out_json, path], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(out_json) as f:
        j = json.load(f)
    rs = j["results"] if isinstance(j, dict) else j
    return [r["verdict"] for r in rs]


def main():
    ap = argparse.ArgumentParser(description="detection limit of each expression observable")
    ap.add_argument("binary", nargs="?", default="build/iclverify")
    ap.add_argument("--out", help="write the Markdown table here (atomically)")
    ap.add_argument("--only", choices=["families", "observables"], help="run one of the two scans")
    ap.add_argument("--family", action="append", help="scan only this family (repeatable)")
    a = ap.parse_args()
    binary, out = a.binary, a.out
    rows, fam_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        if a.only != "observables":
            fam_rows = scan_families(binary, tmp, a.family)
        for path, measured, tol, sizes in (CASES if a.only != "families" else []):
            text = open(path).read()
            observable = re.search(r'^observable = "(.*)"$', text, re.M).group(1)
            base = verdicts(binary, path, os.path.join(tmp, "base.json"))
            rejected, passed_somewhere, tried = None, None, []
            t0 = time.time()
            for s, k in sizes:
                f = os.path.join(tmp, "scaled.toml")
                with open(f, "w") as h:
                    h.write(planted_text(text, s, k))
                v = verdicts(binary, f, os.path.join(tmp, "scaled.json"))
                eps = f"{s}e-{k}"
                tried.append(f"{eps}: {sum(x == 'FAIL' for x in v)}/{len(v)} FAIL")
                print(f"{observable} {path}: eps {eps}: {v}", file=sys.stderr)
                if all(x == "FAIL" for x in v):
                    rejected = eps
                else:
                    passed_somewhere = eps
                    if not any(x == "FAIL" for x in v):
                        break
            rows.append((observable, path, measured, tol, "/".join(base), rejected or "none tried",
                         passed_somewhere or "none tried", f"{time.time() - t0:.0f}", "; ".join(tried)))
    md = ["# Detection limits", "",
          "Written by `bench/detection_limit.py` (" + time.strftime("%Y-%m-%d") + "), MPFR 50 digits where the "
          "family takes --type (the default).", ""]
    if fam_rows:
        md += ["## Every claim family: the plant scale:EPS", "",
               "One instance per family, run with `--plant scale:EPS` (the family's prediction multiplied by 1 + EPS), "
               "EPS found by bisection over 1e-1 ... 1e-1000 (1e-1 first), assuming a larger error is rejected whenever "
               "a smaller one is. "
               "A family whose prediction is 0 cannot be scaled: its rows show every size passing.", "",
               "| family | instance | measured side | predicted side | tolerance | unplanted verdict | smallest eps "
               "rejected | largest eps not rejected | target | seconds |", "|---|---|---|---|---|---|---|---|---|---|"]
        for r in fam_rows:
            md.append("| " + " | ".join(c.replace("|", "\\|") for c in r[:10]) + " |")
        md += ["", "Every size tried:", ""]
        for r in fam_rows:
            md.append(f"- `{r[0]}` ({r[1]}): {r[10]}")
        md.append("")
    if rows:
        md += ["## Expression observables: the prediction rewritten as (1 + eps) P", "",
               "Each claim's correct prediction P replaced by (1 + eps) P. *Rejected*: every instance FAILs; *passes*: "
               "the largest eps that PASSed on some instance.", "",
               "| observable | claim file | measured side | tolerance | committed verdicts | smallest eps rejected | "
               "largest eps passing somewhere | seconds |", "|---|---|---|---|---|---|---|---|"]
        for r in rows:
            md.append("| " + " | ".join(c.replace("|", "\\|") for c in r[:8]) + " |")
        md += ["", "Every size tried, with the number of instances that FAILed:", ""]
        for r in rows:
            md.append(f"- `{r[0]}` ({r[1]}): {r[8]}")
    text = "\n".join(md) + "\n"
    if out:
        tmpout = out + ".tmp"
        with open(tmpout, "w") as h:
            h.write(text)
        os.replace(tmpout, out)
    print(text)


if __name__ == "__main__":
    main()
