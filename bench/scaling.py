#!/usr/bin/python3
"""Cost of a certified flow against d and against digits, per stepper, with fitted exponents
(issue 20, target 5; first written for issue 6).

Usage: bench/scaling.py [path/to/iclverify] [repeats] [--quick] [--methods extrapolation,taylor]
                        [--figure reports/scaling/scaling] [--budget WALL_SECONDS]
Instance family of bench/run.py: reduced flow, Lambda = linspace(0.5, 2, d), N = 2d,
Theta Theta^T = I/sqrt(d), sigma = 1e-3, certificate target digits - 10. Prints Markdown tables
(median CPU seconds = user + sys of the child, which is what a loaded machine cannot distort much;
median engine wall seconds; rhs evaluations; steps) and the least-squares slope of log(CPU seconds)
against log(d) and log(digits). A run that does not certify within its budget is reported as such
and left out of the fit. With --figure P it writes P.csv and P.svg (matplotlib): CPU seconds against d
and against digits on log-log axes, one line per stepper, the fitted exponents in the legend.
"""
import csv
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def option(name, default):
    for i, a in enumerate(sys.argv):
        if a == name and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
    return default


args = [a for i, a in enumerate(sys.argv[1:], 1)
        if not a.startswith("--") and sys.argv[i - 1] not in ("--methods", "--figure", "--budget")]
EXE = args[0] if args else os.path.join(HERE, "..", "build", "iclverify")
REPEATS = int(args[1]) if len(args) > 1 else 3
QUICK = "--quick" in sys.argv
METHODS = option("--methods", "extrapolation").split(",")
FIGURE = option("--figure", None)
D_GRID = [5, 10, 20] if QUICK else [5, 10, 20, 50, 100, 200]
DIGIT_GRID = [16, 30, 50] if QUICK else [16, 30, 50, 100, 200]
BUDGET = option("--budget", "1200")  # wall seconds per run (--max-seconds)


def run(method, d, digits):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run([EXE, "flow", "--lambda", f"linspace:0.5:2:{d}", "--N", str(2 * d), "--sigma", "0.001",
                            "--digits", str(digits), "--target-digits", str(digits - 10), "--max-seconds", BUDGET,
                            "--method", method, "--json", f.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = json.load(open(f.name))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return {"cpu": cpu, "wall": float(r["wall_seconds"]), "ok": r["certified"] == "true",
            "rhs": int(r.get("rhs_evaluations", 0)), "steps": int(r["steps"]), "exit": p.returncode}


def slope(xs, ys):
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = statistics.mean(lx), statistics.mean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def table(method, title, key, grid, fixed, rows):
    print(f"\n### {method}: {title}\n")
    print(f"| {key} | median CPU s | median engine wall s | rhs evals | steps | rhs per step | certified |")
    print("|---|---|---|---|---|---|---|")
    xs, ys = [], []
    for i, x in enumerate(grid):
        d, digits = (x, fixed) if key == "d" else (fixed, x)
        if i > 0 and rows and rows[-1]["method"] == method and rows[-1]["axis"] == key and not rows[-1]["certified"]:
            # The grid grows in cost: after a run that missed its budget, the larger ones would too.
            print(f"| {x} | skipped | | | | | not run: {grid[i - 1]} missed the budget |", flush=True)
            continue
        rs = [run(method, d, digits) for _ in range(REPEATS)]
        cpu = statistics.median(r["cpu"] for r in rs)
        wall = statistics.median(r["wall"] for r in rs)
        r = rs[-1]
        ok = all(q["ok"] for q in rs)
        print(f"| {x} | {cpu:.3f} | {wall:.3f} | {r['rhs']} | {r['steps']} | {r['rhs'] / max(r['steps'], 1):.0f} | "
              f"{'yes' if ok else 'NO'} |", flush=True)
        rows.append({"method": method, "axis": key, "d": d, "digits": digits, "cpu_s": f"{cpu:.6g}",
                     "wall_s": f"{wall:.6g}", "rhs": r["rhs"], "steps": r["steps"], "certified": ok})
        if ok:
            xs.append(x)
            ys.append(cpu)
    fit = None
    if len(xs) >= 2:
        fit = slope(xs, ys)
        print(f"\nfitted exponent: CPU seconds ∝ {key}^{fit:.2f} over {key} = {xs[0]}…{xs[-1]}")
        if len(xs) >= 3:
            print(f"upper half only: {key}^{slope(xs[len(xs) // 2:], ys[len(ys) // 2:]):.2f}")
    return fit


def figure(path, rows, fits):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".csv.tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path + ".csv")
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, key, fixed in ((axes[0], "d", "50 digits, N = 2d"), (axes[1], "digits", "d = 5, N = 10")):
        for m in METHODS:
            pts = [(r[key], float(r["cpu_s"])) for r in rows if r["method"] == m and r["axis"] == key and r["certified"]]
            if pts:
                fit = fits.get((m, key))
                label = m + (f" (∝ {key}^{fit:.2f})" if fit is not None else "")
                ax.loglog([p[0] for p in pts], [p[1] for p in pts], "o-", label=label)
        ax.set_xlabel(key)
        ax.set_ylabel("CPU seconds to a certified limit")
        ax.set_title(f"reduced flow, {fixed}, σ = 1e-3")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path + ".svg.tmp.svg")
    os.replace(path + ".svg.tmp.svg", path + ".svg")


def main():
    rows, fits = [], {}
    for m in METHODS:
        fits[(m, "d")] = table(m, "cost against d (50 digits, N = 2d)", "d", D_GRID, 50, rows)
        fits[(m, "digits")] = table(m, "cost against digits (d = 5, N = 10)", "digits", DIGIT_GRID, 5, rows)
    print("\nload average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if FIGURE:
        figure(FIGURE, rows, fits)
        print(f"wrote {FIGURE}.svg and {FIGURE}.csv")


if __name__ == "__main__":
    main()
