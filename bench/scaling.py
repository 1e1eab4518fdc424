#!/usr/bin/python3
"""Cost of a certified flow against d and against digits, with fitted exponents (issue 6, target 6).

Usage: bench/scaling.py [path/to/iclverify] [repeats] [--quick]
Instance family of bench/run.py: reduced flow, Lambda = linspace(0.5, 2, d), N = 2d,
Theta Theta^T = I/sqrt(d), sigma = 1e-3, certificate target digits - 10. Prints Markdown tables
(median wall seconds, rhs evaluations, steps) and the least-squares slope of log(seconds) against
log(d) and log(digits). A run that does not certify within its budget is reported as such and left
out of the fit.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
EXE = args[0] if args else os.path.join(HERE, "..", "build", "iclverify")
REPEATS = int(args[1]) if len(args) > 1 else 3
QUICK = "--quick" in sys.argv
D_GRID = [5, 10, 20] if QUICK else [5, 10, 20, 50, 100, 200]
DIGIT_GRID = [16, 30, 50] if QUICK else [16, 30, 50, 100, 200]
BUDGET = "1200"


def run(d, digits):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        p = subprocess.run([EXE, "flow", "--lambda", f"linspace:0.5:2:{d}", "--N", str(2 * d), "--sigma", "0.001",
                            "--digits", str(digits), "--target-digits", str(digits - 10), "--max-seconds", BUDGET,
                            "--json", f.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r = json.load(open(f.name))
    return {"wall": float(r["wall_seconds"]), "ok": r["certified"] == "true", "rhs": int(r["rhs_evaluations"]),
            "steps": int(r["steps"]), "exit": p.returncode}


def slope(xs, ys):
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = statistics.mean(lx), statistics.mean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def table(title, key, grid, fixed):
    print(f"\n### {title}\n")
    print(f"| {key} | median wall s | rhs evals | steps | rhs per step | µs per rhs | certified |")
    print("|---|---|---|---|---|---|---|")
    xs, ys = [], []
    for x in grid:
        d, digits = (x, fixed) if key == "d" else (fixed, x)
        rs = [run(d, digits) for _ in range(REPEATS)]
        wall = statistics.median(r["wall"] for r in rs)
        r = rs[-1]
        ok = all(q["ok"] for q in rs)
        print(f"| {x} | {wall:.3f} | {r['rhs']} | {r['steps']} | {r['rhs'] / max(r['steps'], 1):.0f} | "
              f"{1e6 * wall / max(r['rhs'], 1):.2f} | {'yes' if ok else 'NO'} |", flush=True)
        if ok:
            xs.append(x)
            ys.append(wall)
    if len(xs) >= 2:
        print(f"\nfitted exponent: seconds ∝ {key}^{slope(xs, ys):.2f} over {key} = {xs[0]}…{xs[-1]}")
        if len(xs) >= 3:
            print(f"upper half only: {key}^{slope(xs[len(xs) // 2:], ys[len(ys) // 2:]):.2f}")


def main():
    table("Cost against d (50 digits, N = 2d)", "d", D_GRID, 50)
    table("Cost against digits (d = 5, N = 10)", "digits", DIGIT_GRID, 5)


if __name__ == "__main__":
    main()
