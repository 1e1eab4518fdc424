#!/usr/bin/python3
"""One training step of the default GPT-2-style model (4 blocks, width 64, 4 heads; in-context linear
regression d = 5, 20 pairs = 40 tokens; batch 64; Adam lr 1e-3): `iclverify train --bench-steps`
(libtorch C++ frontend) against the same model and step in PyTorch from Python (Debian python3-torch
1.13), both on one thread, interleaved in one run. A step is forward, backward and the optimiser step
on one fixed batch (sampling excluded on both sides). Prints per-round medians and the overall
medians of wall and CPU time per step.
Usage: /usr/bin/python3 bench/train_step.py [path/to/iclverify] [rounds] [steps per round]
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import torch

from gpt_reference import Model

HERE = os.path.dirname(os.path.abspath(__file__))
EXE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "iclverify")
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
STEPS = int(sys.argv[3]) if len(sys.argv) > 3 else 30
L, H, W, D, N, B = 4, 4, 64, 5, 20, 64

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def python_round():
    torch.manual_seed(1)
    model = Model(L, H, W, D, 2 * N)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(B, N, D)
    w = torch.randn(B, D, 1)
    y = (x @ w).squeeze(-1)
    tokens = torch.zeros(B, 2 * N, D + 1)
    tokens[:, 0::2, :D] = x
    tokens[:, 1::2, D] = y
    walls, cpus = [], []
    for i in range(-3, STEPS):
        w0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad()
        loss = ((model(tokens)[:, 0::2, 0] - y) ** 2).mean()
        loss.backward()
        opt.step()
        if i >= 0:
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
    params = sum(p.numel() for p in model.parameters())
    return statistics.median(walls), statistics.median(cpus), params


def cpp_round():
    out = subprocess.run([EXE, "train", "--task", "linreg", "--d", str(D), "--examples", str(N), "--layers", str(L),
                          "--heads", str(H), "--width", str(W), "--batch", str(B), "--optimizer", "adam", "--lr", "1e-3",
                          "--bench-steps", str(STEPS)], check=True, capture_output=True, text=True)
    r = json.loads(out.stdout)
    return float(r["median_wall_s"]), float(r["median_cpu_s"]), int(r["parameters"])


def main():
    rows = {"C++ libtorch (iclverify)": [], "Python torch": []}
    params = {}
    for k in range(ROUNDS):
        for name, run in (("C++ libtorch (iclverify)", cpp_round), ("Python torch", python_round)):
            wall, cpu, p = run()
            rows[name].append((wall, cpu))
            params[name] = p
            print(f"round {k + 1}: {name:26s} wall {wall * 1e3:7.2f} ms  cpu {cpu * 1e3:7.2f} ms", flush=True)
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"torch {torch.__version__}; parameters: " + ", ".join(f"{k} {v}" for k, v in params.items()))
    print("\n| implementation | median wall ms/step | median CPU ms/step | ratio (wall) to Python |")
    print("|---|---|---|---|")
    py = statistics.median(w for w, _ in rows["Python torch"])
    for name, r in rows.items():
        wall = statistics.median(w for w, _ in r)
        cpu = statistics.median(c for _, c in r)
        print(f"| {name} | {wall * 1e3:.2f} | {cpu * 1e3:.2f} | {wall / py:.3f} |")


if __name__ == "__main__":
    main()
