#!/usr/bin/python3
"""What a Python call of `flow` costs over the same run from the command line (issue: ≤ 5 %).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [build/iclverify] [repeats]

Runs, interleaved, `iclverify.flow(...)` in this process and `iclverify flow ... --json F --csv F`
as a child process (the same documents: the module returns the --json summary and the --csv
trajectory), `repeats` times each (default 7), and prints medians of
- CPU seconds (user + sys): getrusage of this process around the call, of the children around
  the child; the child's count includes its process start and loading its shared libraries;
- wall seconds around the call (the child's includes process start);
- the engine's own wall_seconds from the summary, the flow alone, on both sides.
The overhead is the ratio of the medians minus 1. The machine's load average is printed with them.
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import iclverify

CLI = sys.argv[1] if len(sys.argv) > 1 else "build/iclverify"
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
# Lemma 5.2's reduced flow, as in bench/run.py: Λ = linspace(0.5, 2, 5), N = 10, σ = 1e-3, 50 digits.
OPTIONS = {"lambda": "linspace:0.5:2:5", "N": "10", "sigma": "1e-3", "digits": "50"}


def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def module_run():
    c0, w0 = cpu(resource.RUSAGE_SELF), time.perf_counter()
    r = iclverify.flow(lam=OPTIONS["lambda"], **{k: v for k, v in OPTIONS.items() if k != "lambda"})
    w1, c1 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    assert r["status"] == 0 and r["summary"]["certified"] == "true", r["output"]
    return c1 - c0, w1 - w0, float(r["summary"]["wall_seconds"])


def cli_run(tmp):
    args = [CLI, "flow"] + [x for k, v in OPTIONS.items() for x in ("--" + k, v)]
    args += ["--json", os.path.join(tmp, "flow.json"), "--csv", os.path.join(tmp, "flow.csv")]
    c0, w0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    p = subprocess.run(args, capture_output=True, text=True)
    w1, c1 = time.perf_counter(), cpu(resource.RUSAGE_CHILDREN)
    assert p.returncode == 0, p.stderr
    engine = next(line.split()[1] for line in p.stdout.splitlines() if line.startswith("wall_seconds"))
    return c1 - c0, w1 - w0, float(engine)


def main():
    sides = {"python": [], "cli": []}
    with tempfile.TemporaryDirectory() as tmp:
        module_run()  # loads the module's first-call state (MPFR, caches) outside the timing
        for _ in range(REPEATS):
            sides["python"].append(module_run())
            sides["cli"].append(cli_run(tmp))
    load = os.getloadavg()
    med = {s: [statistics.median(x[i] for x in v) for i in range(3)] for s, v in sides.items()}
    print(f"flow --lambda {OPTIONS['lambda']} --N {OPTIONS['N']} --sigma {OPTIONS['sigma']} --digits {OPTIONS['digits']}, "
          f"{REPEATS} interleaved repeats, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| side | median CPU s (user+sys) | median wall s | median engine wall_seconds |")
    print("|---|---|---|---|")
    for s in ("python", "cli"):
        print(f"| {s} | {med[s][0]:.4f} | {med[s][1]:.4f} | {med[s][2]:.4f} |")
    print("| python / cli - 1 | " + " | ".join(f"{100 * (med['python'][i] / med['cli'][i] - 1):+.1f} %" for i in range(3)) + " |")
    print("per-repeat CPU s, python:", " ".join(f"{x[0]:.4f}" for x in sides["python"]))
    print("per-repeat CPU s, cli:   ", " ".join(f"{x[0]:.4f}" for x in sides["cli"]))


if __name__ == "__main__":
    main()
