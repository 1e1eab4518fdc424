#!/usr/bin/python3
"""Side-by-side benchmark: iclverify's certified flow against the scipy DOP853 baseline, in one run.

Usage: bench/run.py [path/to/iclverify] [repeats]   (default build/iclverify, 5)
Runs are interleaved (C++ 50 digits by extrapolation and by Taylor, C++ double, baseline) so machine noise hits all alike; the
table reports medians and the ratio C++ / baseline (below 1: iclverify is faster).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "iclverify")
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
INSTANCES = [(5, 10), (20, 40)]


def cpp(d, n, extra):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([EXE, "flow", "--lambda", f"linspace:0.5:2:{d}", "--N", str(n), "--sigma", "0.001",
                        "--json", f.name] + extra, check=True, stdout=subprocess.DEVNULL)
        r = json.load(open(f.name))
    return {"wall": float(r["wall_seconds"]), "certified": r["certified"] == "true",
            "bound": float(r["certified_distance_bound"]), "dist": float(r["distance_to_optimum"]),
            "rhs": int(r["rhs_evaluations"]), "steps": int(r["steps"])}


def baseline(d, n):
    out = subprocess.run([sys.executable, os.path.join(HERE, "baseline_scipy.py"), str(d), str(n)], check=True,
                         capture_output=True, text=True).stdout
    r = json.loads(out)
    return {"wall": r["wall_seconds"], "dist": r["distance"], "rhs": r["rhs_evaluations"]}


def main():
    print(f"| instance | run | median wall s | ratio to baseline | certified bound | distance to limit | rhs evals |")
    print("|---|---|---|---|---|---|---|")
    for d, n in INSTANCES:
        runs = {"mpfr50": [], "taylor50": [], "double": [], "scipy": []}
        for _ in range(REPEATS):
            runs["mpfr50"].append(cpp(d, n, ["--digits", "50", "--target-digits", "40"]))
            runs["taylor50"].append(cpp(d, n, ["--digits", "50", "--target-digits", "40", "--method", "taylor"]))
            runs["double"].append(cpp(d, n, ["--type", "double", "--target-digits", "12"]))
            runs["scipy"].append(baseline(d, n))
        base = statistics.median(r["wall"] for r in runs["scipy"])
        for name, rs in runs.items():
            wall = statistics.median(r["wall"] for r in rs)
            last = rs[-1]
            cert = ("yes " if last.get("certified") else "no ") + f"{last['bound']:.1e}" if "bound" in last else "- (told the answer)"
            print(f"| d={d}, N={n} | {name} | {wall:.4f} | {wall / base:.2f} | {cert} | {last['dist']:.1e} | {last['rhs']} |")


if __name__ == "__main__":
    main()
