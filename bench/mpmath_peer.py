#!/usr/bin/python3
"""Issue 20, target 1's second peer: mpmath's Taylor-series integrator `odefun` (Debian python3-mpmath)
at 50 digits against `iclverify flow` at 50 digits, on the same instance as bench/run.py (ZFB
Lemma 5.2's reduced flow, Λ = linspace(0.5, 2, d), N = 2d, ΘΘᵀ = I/√d, σ = 1e-3), to the same
horizons t_end.

    /usr/bin/python3 bench/mpmath_peer.py build/iclverify [d] [horizons] [repeats]

odefun cannot reach the certified end (t ≈ 10⁴ at d = 20) in any useful time, so both sides
integrate to each horizon in `horizons` (default 0.25,1,4): iclverify with `--t-end T
--no-second-run`. Prints CPU seconds (user + sys; this process for mpmath, getrusage of the child
for iclverify, which includes its start), medians over `repeats` interleaved runs, the ratio, and the
digits to which the two u(T) agree (both sides integrate the same ODE, written independently: this
script follows docs/THEORY.md §3.2 in Λ's eigenbasis, where U stays diagonal).
"""
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile

from mpmath import mp, mpf


def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def mpmath_u(d, n, sigma, t_end):
    # du/dt = −u Σ γ_i λ_i² v_i² + Σ λ_i² v_i,  dv_i/dt = −u² γ_i λ_i² v_i + u λ_i²   (U = diag(v))
    lam = [mpf(1) / 2 + (mpf(2) - mpf(1) / 2) * i / (d - 1) for i in range(d)]
    tr = mp.fsum(lam)
    g = [(1 + mpf(1) / n) * l + tr / n for l in lam]
    a = [g[i] * lam[i] ** 2 for i in range(d)]
    l2 = [l * l for l in lam]

    def rhs(_t, y):
        u, v = y[0], y[1:]
        du = -u * mp.fsum(a[i] * v[i] * v[i] for i in range(d)) + mp.fsum(l2[i] * v[i] for i in range(d))
        return [du] + [-u * u * a[i] * v[i] + u * l2[i] for i in range(d)]

    y0 = [mpf(sigma)] + [mpf(sigma) / mp.sqrt(d)] * d
    return mp.odefun(rhs, 0, y0)(mpf(t_end))[0]


def iclverify_u(exe, d, n, sigma, t_end, tmp):
    out = os.path.join(tmp, "flow.json")
    c0 = cpu(resource.RUSAGE_CHILDREN)
    subprocess.run([exe, "flow", "--lambda", f"linspace:0.5:2:{d}", "--N", str(n), "--sigma", sigma, "--digits", "50",
                    "--t-end", t_end, "--no-second-run", "--json", out], check=True, capture_output=True)
    c1 = cpu(resource.RUSAGE_CHILDREN)
    with open(out) as f:
        return c1 - c0, mpf(json.load(f)["u_final"])


def main():
    exe = sys.argv[1] if len(sys.argv) > 1 else "build/iclverify"
    d = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    horizons = (sys.argv[3] if len(sys.argv) > 3 else "0.25,1,4").split(",")
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    mp.dps = 50
    print(f"d = {d}, N = {2 * d}, sigma = 1e-3, 50 digits, {repeats} interleaved repeats, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("| t_end | mpmath odefun CPU s | iclverify CPU s | ratio | digits u(T) agree |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for t in horizons:
            m, c = [], []
            for _ in range(repeats):
                c0 = cpu(resource.RUSAGE_SELF)
                um = mpmath_u(d, 2 * d, "1e-3", t)
                m.append(cpu(resource.RUSAGE_SELF) - c0)
                sec, ui = iclverify_u(exe, d, 2 * d, "1e-3", t, tmp)
                c.append(sec)
            agree = -math.log10(abs(um - ui) / abs(um)) if um != ui else 50.0
            mm, cm = statistics.median(m), statistics.median(c)
            print(f"| {t} | {mm:.3f} | {cm:.3f} | {mm / cm:.1f} | {agree:.1f} |", flush=True)


if __name__ == "__main__":
    main()
