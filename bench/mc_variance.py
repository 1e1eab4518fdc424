#!/usr/bin/python3
"""What each variance-reduction technique of the Monte Carlo side pays (docs/THEORY.md §5.6), side by side
in one run: `iclverify risk --estimator E` on one instance per Monte Carlo family, one thread, the same
number of prompts, a different seed per estimator.
Usage: bench/mc_variance.py [path/to/iclverify] [prompts]
Prints a markdown table: the standard error, the seconds, and the two factors against `plain`,
  per prompt:  SE_plain² / SE²                       (variance reduction at equal prompts)
  per second:  SE_plain² · s_plain / (SE² · s)       (what it pays at equal CPU time)
and the prompts the 0.2% rule (z·SE ≤ 0.002·mean, z = 3.2905) would need with each estimator.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "iclverify")
PROMPTS = sys.argv[2] if len(sys.argv) > 2 else "100000"
ESTIMATORS = ["plain", "antithetic", "plain+cv", "conditional", "conditional+cv", "conditional-query", "conditional-query+cv"]
# One instance per family, as its theorem file has it (fig1 trains at N = 100 here; its file uses N -> inf).
FAMILIES = [
    ("thm42_mc linear-d3-N5-M10", ["--lambda", "0.5,1,2", "--N", "5", "--M", "10"]),
    ("thm42_mc nonlinear-noisy-d3-N10-M20",
     ["--lambda", "0.5,1,2", "--N", "10", "--M", "20", "--task", "fixed:1/2,-1,1+square:1+noise:1/4"]),
    ("thm42_mc sparse-d5-N20-M40", ["--lambda", "linspace:0.5:2:5", "--N", "20", "--M", "40", "--task", "sparse:2+noise:0.1"]),
    ("shift_tolerated task-shift-noise-d3",
     ["--lambda", "0.5,1,2", "--N", "10", "--M", "20", "--task", "gaussian:4,1/4,1+noise:1/2+query-noise:1/5"]),
    ("covariate_shift c1.7-d3", ["--lambda", "0.5,1,2", "--N", "20", "--M", "40", "--shift", "covariate:1.7",
                                 "--task", "gaussian+noise:0.3"]),
    ("thm45 exp-d5-N20-M50", ["--lambda", "linspace:1:1:5", "--N", "20", "--M", "50", "--law", "exponential"]),
    ("thm45 gamma2-d4-N40-M40", ["--lambda", "1,1,1,1", "--N", "40", "--M", "40", "--law", "gamma:2"]),
    ("fig1 d20-c9 (N = 100)", ["--lambda", "linspace:1:1:20", "--N", "100", "--M", "200", "--law", "exponential",
                               "--scale", "9"]),
]


def run(args, est, seed):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([EXE, "risk", *args, "--estimator", est, "--samples", PROMPTS, "--threads", "1", "--seed", str(seed),
                        "--json", f.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = open(f.name).read()
        return json.loads(text) if text else None  # None: the estimator refuses this instance


print(f"prompts per estimator: {PROMPTS}, one thread\n")
print("| family / instance | estimator | mean | SE | s | factor per prompt | factor per second | prompts for 0.2% |")
print("|---|---|---|---|---|---|---|---|")
for name, args in FAMILIES:
    base = None
    for k, est in enumerate(ESTIMATORS):
        r = run(args, est, 11 + k)
        if r is None:
            print(f"| {name} | {est} | refused | | | | | |")
            continue
        se, sec, mean = float(r["mc_std_error"]), float(r["mc_seconds"]), float(r["risk_mc"])
        if base is None:
            base = (se, sec)
        need = int(float(PROMPTS) * (3.2905 * se / (0.002 * mean)) ** 2)
        print(f"| {name} | {est} | {mean:.6g} | {se:.3g} | {sec:.2f} | {base[0] ** 2 / se ** 2:.3g} | "
              f"{base[0] ** 2 * base[1] / (se ** 2 * sec):.3g} | {need:.3g} |")
