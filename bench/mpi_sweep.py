#!/usr/bin/python3
"""MPI sweeps (docs/THEORY.md §10, bench/README.md "MPI sweeps"): parallel efficiency at K = 2 and the
per-instance overhead of the MPI layer, every variant interleaved in one run.

  /usr/bin/python3 bench/mpi_sweep.py --iclverify build/iclverify --repeats 5

efficiency: the plateau sweep (examples/sweeps/plateau_grid.toml at --digits 20) by one process
  (`iclverify sweep --jobs 1`) and by `mpirun -np 2`; efficiency = median T1 / (2 median T2), wall time.
  Also checks that every run's summary.json is identical once the timings are stripped.
overhead: a sweep of 500 instances of ~0.5 ms (exact_minimum at d = 1, N = 1, 2) and of 1 instance,
  each by one process (--jobs 1), `mpirun -np 1` and `mpirun -np 2`, journals on /dev/shm so that
  fsync (several ms per line on this machine's disk, and the same for every variant) does not hide
  the layer. Overhead per instance = [K (T_K(500) - T_K(1)) - (T_1(500) - T_1(1))] / 499 in
  rank-seconds (the 1-instance runs remove start-up), and the same for CPU time (user + sys of the
  children, getrusage).
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def strip_timings(path):
    with open(path) as f:
        return re.sub(r', "timings": \{[^}]*\}\}', "}", f.read())


def timed(cmd, out):
    shutil.rmtree(out, ignore_errors=True)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd + ["--out", out, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):  # 1: a FAIL or INCONCLUSIVE verdict, still a complete sweep
        sys.exit(f"mpi_sweep: {' '.join(cmd)} exited {p.returncode}:\n{p.stdout}")
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu


def variants(a, spec, extra):
    one = [a.iclverify, "sweep", spec, "--jobs", "1"] + extra
    mpi = [a.mpirun, "--oversubscribe", "--allow-run-as-root", "-np"]
    return {"one process": (1, one), "mpirun -np 1": (1, mpi + ["1"] + one),
            "mpirun -np 2": (2, mpi + ["2", a.iclverify, "sweep", spec] + extra)}


def load():
    return open("/proc/loadavg").read().split()[0]


def instance_seconds(summary_path):
    """(instance name, its seconds) in grid order, from a summary.json."""
    import json
    with open(summary_path) as f:
        return [(r["instance"], float(r["timings"]["seconds"])) for r in json.load(f)["results"]]


def replayed_efficiency(times, k):
    """Σt / (k · makespan) of rank 0's schedule replayed on k idle cores: the instances handed out
    largest d first (grid order among equals, as src/cli/cmd_sweep.cpp does), each to the first
    free rank, with the one-process run's instance times. d is read from 'lambda=...space:A:B:D'."""
    ds = []
    for name, _ in times:
        m = re.search(r"lambda=[a-z]+space:[^:,]+:[^:,]+:(\d+)", name)
        if not m:
            return None
        ds.append(int(m.group(1)))
    order = sorted(range(len(times)), key=lambda i: -ds[i])  # stable: grid order among equals
    free = [0.0] * k
    for i in order:
        j = free.index(min(free))
        free[j] += times[i][1]
    return sum(t for _, t in times) / (k * max(free))


def efficiency(a, tmp):
    vs = {k: v for k, v in variants(a, a.sweep, ["--digits", str(a.digits)]).items() if k != "mpirun -np 1"}
    walls = {k: [] for k in vs}
    cpus = {k: [] for k in vs}
    summaries = set()
    times = []
    loads = [load()]
    for rep in range(a.repeats):
        for name, (k, cmd) in vs.items():
            out = os.path.join(tmp, "eff")
            w, c = timed(cmd, out)
            walls[name].append(w)
            cpus[name].append(c)
            summaries.add(strip_timings(os.path.join(out, "summary.json")))
            if name == "one process":
                times.append(instance_seconds(os.path.join(out, "summary.json")))
            if a.keep and name == "mpirun -np 2" and rep == 0:
                shutil.rmtree(a.keep, ignore_errors=True)
                shutil.copytree(out, a.keep)
            print(f"  {name}: {w:.2f} s wall, {c:.2f} s cpu", file=sys.stderr)
        loads.append(load())
    t1 = statistics.median(walls["one process"])
    t2 = statistics.median(walls["mpirun -np 2"])
    print(f"\nefficiency: {a.sweep} at {a.digits} digits, {a.repeats} repeats, load average {' '.join(loads)}")
    print("| variant | median wall s | median cpu s | runs (wall s) |\n|---|---|---|---|")
    for name in vs:
        print(f"| {name} | {statistics.median(walls[name]):.2f} | {statistics.median(cpus[name]):.2f} | "
              f"{', '.join(f'{w:.2f}' for w in walls[name])} |")
    print(f"\nparallel efficiency T1 / (2 T2) = {t1:.2f} / (2 x {t2:.2f}) = {t1 / (2 * t2):.3f}")
    cpu1 = statistics.median(cpus["one process"])
    cpu2 = statistics.median(cpus["mpirun -np 2"])
    print(f"CPU time ratio (one process / two ranks) = {cpu1:.2f} / {cpu2:.2f} = {cpu1 / cpu2:.3f} "
          "(the layer's CPU cost; blind to idle ranks)")
    replayed = [replayed_efficiency(t, 2) for t in times]
    if all(r is not None for r in replayed):
        print(f"schedule replayed on 2 idle cores with each one-process run's instance times: "
              f"{', '.join(f'{r:.4f}' for r in replayed)} (the tail's idle time; blind to the layer's cost)")
    print(f"summaries identical without timings over all {2 * a.repeats} runs: {len(summaries) == 1}")


def overhead(a, tmp):
    specs = {}
    for n, lambdas in (("500", range(1, 251)), ("1", range(1, 2))):
        path = os.path.join(tmp, f"cheap{n}.toml")
        with open(path, "w") as f:
            f.write('check = "exact_minimum"\nid = "bench.cheap"\n[grid]\n')
            f.write(("N = [1, 2]\n" if n == "500" else "N = [1]\n"))
            f.write("lambda = [" + ", ".join(f'"{x}"' for x in lambdas) + "]\n")
        specs[n] = path
    outroot = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else tmp)
    try:
        runs = {}
        loads = [load()]
        for _ in range(a.repeats):
            for n, spec in specs.items():
                for name, (k, cmd) in variants(a, spec, []).items():
                    runs.setdefault((name, n), []).append(timed(cmd, os.path.join(outroot, "o")))
            loads.append(load())
    finally:
        shutil.rmtree(outroot, ignore_errors=True)
    med = {key: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for key, v in runs.items()}
    print(f"\noverhead: 500 instances of exact_minimum (d = 1) against 1, {a.repeats} repeats, journals on /dev/shm, "
          f"load average {' '.join(loads)}")
    print("| variant | K | wall s (500) | wall s (1) | cpu s (500) | cpu s (1) | overhead ms/instance (wall x K) | "
          "overhead ms/instance (cpu) |\n|---|---|---|---|---|---|---|---|")
    base_w = med[("one process", "500")][0] - med[("one process", "1")][0]
    base_c = med[("one process", "500")][1] - med[("one process", "1")][1]
    for name, (k, _) in variants(a, specs["1"], []).items():
        w500, c500 = med[(name, "500")]
        w1, c1 = med[(name, "1")]
        ow = (k * (w500 - w1) - base_w) / 499 * 1e3
        oc = ((c500 - c1) - base_c) / 499 * 1e3
        print(f"| {name} | {k} | {w500:.3f} | {w1:.3f} | {c500:.3f} | {c1:.3f} | {ow:.3f} | {oc:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iclverify", default="build/iclverify")
    ap.add_argument("--mpirun", default="mpirun")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--what", choices=["both", "efficiency", "overhead"], default="both")
    ap.add_argument("--sweep", default="examples/sweeps/plateau_grid.toml")
    ap.add_argument("--digits", type=int, default=20)
    ap.add_argument("--keep", help="copy the first mpirun -np 2 sweep folder of the efficiency runs here")
    a = ap.parse_args()
    if a.repeats < 1:
        sys.exit("mpi_sweep: --repeats must be at least 1")
    for tool in (a.iclverify, a.mpirun):
        if not shutil.which(tool):
            sys.exit(f"mpi_sweep: {tool} not found")
    with tempfile.TemporaryDirectory() as tmp:
        if a.what in ("both", "overhead"):
            overhead(a, tmp)
        if a.what in ("both", "efficiency"):
            efficiency(a, tmp)


if __name__ == "__main__":
    main()
