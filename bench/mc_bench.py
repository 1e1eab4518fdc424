#!/usr/bin/python3
"""Monte Carlo throughput, side by side in one run: `iclverify risk` (both cores) against the numpy
baseline bench/baseline_numpy_mc.py (Debian python3-numpy) on d = 20, N = M = 40, Lambda =
linspace(0.5, 2, 20), w ~ N(0, I). Usage: bench/mc_bench.py [path/to/iclverify] [repeats]
Prints prompts per second (medians) and the ratio, plus both estimates of the same error.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "iclverify")
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
D, M = 20, 40


def cpp():
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([EXE, "risk", "--lambda", f"linspace:0.5:2:{D}", "--N", str(M), "--M", str(M), "--samples", "4000000",
                        "--json", f.name], check=True, stdout=subprocess.DEVNULL)
        r = json.load(open(f.name))
    return float(r["prompts_per_second"]), float(r["risk_mc"]), float(r["mc_std_error"]), float(r["risk_theory"]), r["threads"]


def numpy():
    out = subprocess.run([sys.executable, os.path.join(HERE, "baseline_numpy_mc.py"), str(D), str(M), "400000", "1"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["prompts_per_second"], r["mean"], r["std_error"]


c_runs, n_runs = [], []
for _ in range(REPEATS):
    c_runs.append(cpp())
    n_runs.append(numpy())
c_rate = statistics.median(r[0] for r in c_runs)
n_rate = statistics.median(r[0] for r in n_runs)
print(f"| engine | prompts/s (median of {REPEATS}) | ratio | estimate of E(yhat - y)^2 |")
print("|---|---|---|---|")
print(f"| iclverify risk ({c_runs[0][4]} threads) | {c_rate:.0f} | {c_rate / n_rate:.2f} | {c_runs[0][1]:.5f} +- {c_runs[0][2]:.5f} (formula {c_runs[0][3]:.5f}) |")
print(f"| numpy baseline | {n_rate:.0f} | 1.00 | {n_runs[0][1]:.5f} +- {n_runs[0][2]:.5f} |")
