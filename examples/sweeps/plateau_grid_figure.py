#!/usr/bin/python3
"""The figure of the plateau sweep (docs/THEORY.md §10.3): reads a sweep's summary.json and writes
a CSV (every instance, full precision as the sweep wrote it) and an SVG beside it.

  /usr/bin/python3 examples/sweeps/plateau_grid_figure.py sweeps/plateau_grid/summary.json reports/sweeps/plateau_grid

Panel (a): the plateau length t_1/2 (loss gap halved) against d, with the leading-order escape time
ln(1/w0)/|Lambda^2|_F dashed. Panel (b): R = t_1/2 |Lambda^2|_F / ln(1/w0), which tends to 1 as w0 -> 0.
Both at one prompt length N (--N, default 80); the CSV has all of them.
"""
import argparse
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SPECTRA = [("linspace:1:1:", "isotropic"), ("linspace:0.5:2:", "linear 0.5..2"),
           ("geomspace:1:0.5:", "geometric, kappa 2"), ("geomspace:1:0.0625:", "geometric, kappa 16")]


def fail(msg):
    sys.exit(f"plateau_grid_figure: {msg}")


def instance_fields(name):
    """'N=5,lambda=linspace:1:1:2,w0=1e-3' -> dict (this sweep's lambdas have no commas)."""
    out = {}
    for part in name.split(","):
        if "=" not in part:
            fail(f"instance name '{name}' is not key=value,... (is this the plateau sweep?)")
        k, v = part.split("=", 1)
        out[k] = v
    return out


def rows_of(summary_path):
    with open(summary_path) as f:
        summary = json.load(f)
    rows = []
    for r in summary["results"]:
        f = instance_fields(r["instance"])
        ev = r["evidence"]
        if "t_1/2" not in ev:
            fail(f"{r['instance']}: no t_1/2 in its evidence (verdict {r['verdict']}: {r['brief'][:120]})")
        spectrum = next((label for prefix, label in SPECTRA if f["lambda"].startswith(prefix)), None)
        if spectrum is None:
            fail(f"{r['instance']}: lambda '{f['lambda']}' is none of the sweep's spectra")
        d = int(f["lambda"].rsplit(":", 1)[1])
        w0 = ev["w0_smallest"]
        rate = ev["escape_rate"]
        lead = math.log(1 / float(w0)) / float(rate)
        rows.append({"spectrum": spectrum, "d": d, "N": int(f["N"]), "w0": w0, "verdict": r["verdict"],
                     "escape_rate": rate, "t_1/2": ev["t_1/2"], "t_1/4": ev["t_1/4"], "t_1/10": ev["t_1/10"],
                     "leading_escape_time": repr(lead), "R": repr(float(ev["t_1/2"]) / lead)})
    return rows, summary["scalar"]


def write_atomically(path, write):
    tmp = path + ".tmp"
    write(tmp)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("summary")
    ap.add_argument("out", help="output path without extension (.csv and .svg are written)")
    ap.add_argument("--N", type=int, default=80)
    a = ap.parse_args()
    rows, scalar = rows_of(a.summary)
    if not any(r["N"] == a.N for r in rows):
        fail(f"--N {a.N}: no instance has that N")
    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)

    def write_csv(tmp):
        with open(tmp, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)

    write_atomically(a.out + ".csv", write_csv)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.8))
    colours = dict(zip([s for _, s in SPECTRA], ["C0", "C1", "C2", "C3"]))
    markers = {}
    for w0 in sorted({r["w0"] for r in rows}, key=lambda s: -float(s)):
        markers[w0] = "osD^v"[len(markers) % 5]
    for _, spectrum in SPECTRA:
        for w0, m in markers.items():
            sel = sorted((r for r in rows if r["spectrum"] == spectrum and r["w0"] == w0 and r["N"] == a.N),
                         key=lambda r: r["d"])
            if not sel:
                continue
            d = [r["d"] for r in sel]
            ax1.plot(d, [float(r["t_1/2"]) for r in sel], marker=m, color=colours[spectrum], ms=4, lw=1,
                     label=f"{spectrum}, w0 = {w0}")
            ax1.plot(d, [float(r["leading_escape_time"]) for r in sel], ls="--", color=colours[spectrum], lw=0.7)
            ax2.plot(d, [float(r["R"]) for r in sel], marker=m, color=colours[spectrum], ms=4, lw=1)
    for ax in (ax1, ax2):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("d")
        ax.grid(True, alpha=0.3)
    ax1.set_yscale("log")
    ax1.set_ylabel("plateau length t_1/2 (flow time)")
    ax1.set_title(f"(a) t_1/2; dashed: ln(1/w0)/|Lambda^2|_F (N = {a.N})")
    ax2.axhline(1, color="k", lw=0.7)
    ax2.set_ylabel("R = t_1/2 |Lambda^2|_F / ln(1/w0)")
    ax2.set_title("(b) escape time over its leading term")
    ax1.legend(fontsize=6, ncol=2)
    fig.suptitle(f"plateau sweep: {len(rows)} instances, {scalar} ({os.path.basename(a.summary)})", fontsize=9)
    fig.tight_layout()
    write_atomically(a.out + ".svg", lambda tmp: fig.savefig(tmp, format="svg"))
    print(f"plateau_grid_figure: {a.out}.csv ({len(rows)} rows), {a.out}.svg")


if __name__ == "__main__":
    main()
