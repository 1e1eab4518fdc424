#!/usr/bin/python3
"""Full-parameter flow (a, b, C, c) at 50 digits: a baseline binary against a new one, interleaved in
one run (issue 20, target 3).

Usage: bench/full_flow.py BASE_EXE NEW_EXE [repeats] [d,d,...] [--base-max-d D]
Instance: Lambda = linspace(0.5, 2, d), N = 2d, Theta Theta^T = I/sqrt(d), sigma = 1e-3, --param full,
certificate target 1e-40 (--target-digits 40), --no-second-run. Each run is timed in CPU seconds
(user + sys of the child, from os.wait4), since the machine is shared and wall time is not reliable;
wall seconds, steps, rhs evaluations, certification and the digits of agreement with the closed-form
limit are printed too. Runs of the base binary above --base-max-d are skipped (it did not finish
d = 10 in 900 s). Budget per run: --max-seconds 1500 (wall).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--")]
BASE, NEW = args[0], args[1]
REPEATS = int(args[2]) if len(args) > 2 else 5
DS = [int(x) for x in args[3].split(",")] if len(args) > 3 else [3, 5, 10, 20]
BASE_MAX_D = int(sys.argv[sys.argv.index("--base-max-d") + 1]) if "--base-max-d" in sys.argv else 5


def run(exe, d):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        cmd = [exe, "flow", "--lambda", f"linspace:0.5:2:{d}", "--N", str(2 * d), "--sigma", "0.001", "--param", "full",
               "--target-digits", "40", "--no-second-run", "--max-seconds", "1500", "--json", f.name]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        r = json.load(open(f.name))
    return {"cpu": ru.ru_utime + ru.ru_stime, "wall": float(r["wall_seconds"]), "ok": r["certified"] == "true",
            "rhs": int(r["rhs_evaluations"]), "steps": int(r["steps"]), "digits": r.get("digits_agreement", "-"),
            "exit": os.waitstatus_to_exitcode(status)}


rows = {}
for rep in range(REPEATS):
    for d in DS:
        for name, exe in (("base", BASE), ("new", NEW)):
            if name == "base" and d > BASE_MAX_D:
                continue
            r = run(exe, d)
            rows.setdefault((d, name), []).append(r)
            print(f"# rep {rep} d={d} {name}: cpu {r['cpu']:.2f} s, wall {r['wall']:.2f} s, certified {r['ok']}",
                  file=sys.stderr, flush=True)

print(f"load average at the end: {os.getloadavg()}")
print("| d | binary | runs | median CPU s | median wall s | steps | rhs evals | certified | digits of agreement |")
print("|---|---|---|---|---|---|---|---|---|")
for (d, name), rs in sorted(rows.items()):
    print(f"| {d} | {name} | {len(rs)} | {statistics.median(r['cpu'] for r in rs):.2f} | "
          f"{statistics.median(r['wall'] for r in rs):.2f} | {rs[0]['steps']} | {rs[0]['rhs']} | "
          f"{all(r['ok'] for r in rs)} | {rs[0]['digits']} |")
