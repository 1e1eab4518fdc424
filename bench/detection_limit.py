#!/usr/bin/env python3
"""Detection limit of each expression observable: the smallest relative error planted in a correct
prediction that the check rejects (docs/THEORY.md §9.3).

For every claim file listed below (each PASSes as committed), the prediction P is replaced by
(1 + s * 10^-k) * P for a falling sequence of k, in a temporary theorem file, and
`iclverify check --json` is run on it. An error is *rejected* when every instance FAILs, and *seen*
when at least one does. The table records, per observable, the smallest planted error rejected and
the largest one that passed somewhere, with the check's own tolerance beside it.

Usage (from the repository root): bench/detection_limit.py [build/iclverify] [--out reports/detection_limits.md]
Runs sequentially, a few minutes on 2 cores. The scan stops at the first size that passes on every
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
    a = ap.parse_args()
    binary, out = a.binary, a.out
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, measured, tol, sizes in CASES:
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
    md = ["# Detection limits of the expression observables", "",
          "Written by `bench/detection_limit.py` (" + time.strftime("%Y-%m-%d") + "): each claim's correct "
          "prediction P replaced by (1 + eps) P. *Rejected*: every instance FAILs; *passes*: the largest eps "
          "that PASSed on some instance.", "",
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
