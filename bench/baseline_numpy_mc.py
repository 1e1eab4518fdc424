#!/usr/bin/python3
"""The Monte Carlo baseline for issue 4: the same computation as `iclverify risk` in numpy
(Debian python3-numpy), vectorised over batches of prompts.

Per prompt: w ~ N(0, I), x_i, x_q ~ N(0, diag(lam)), y_i = <w, x_i>; the LSA prediction
yhat = (1/M) sum_col (pv . E_col)(E_col . v), v = W^KQ (x_q; 0), pv = last row of W^PV, over the M
prompt columns and the query column; the mean of (yhat - <w, x_q>)^2 with its standard error.
Usage: baseline_numpy_mc.py D M SAMPLES SEED, with the trained predictor D passed as u U^T = Gamma^-1
(the flow's limit; identical to it to 1e-10). Prints JSON.
"""
import json
import sys
import time

import numpy as np


def main():
    d, m, samples, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    n_train = int(sys.argv[5]) if len(sys.argv) > 5 else m
    lam = np.linspace(0.5, 2.0, d)
    gamma = (1 + 1 / n_train) * lam + lam.sum() / n_train
    a, b, C, c = np.zeros(d), 1.0, np.diag(1 / gamma), np.zeros(d)  # u U = Gamma^-1
    rng = np.random.default_rng(seed)
    sd = np.sqrt(lam)
    batch = 20000
    total, total2, done = 0.0, 0.0, 0
    t0 = time.perf_counter()
    while done < samples:
        bsz = min(batch, samples - done)
        w = rng.standard_normal((bsz, d))
        X = rng.standard_normal((bsz, m, d)) * sd
        xq = rng.standard_normal((bsz, d)) * sd
        y = np.einsum("bmd,bd->bm", X, w)
        v = xq @ C.T                       # C x_q
        vd = xq @ c                        # c . x_q
        left = X @ a + b * y               # pv . E_col, prompt columns
        right = np.einsum("bmd,bd->bm", X, v) + y * vd[:, None]
        yhat = (np.einsum("bm,bm->b", left, right) + (xq @ a) * np.einsum("bd,bd->b", xq, v)) / m
        e = (yhat - np.einsum("bd,bd->b", w, xq)) ** 2
        total += e.sum()
        total2 += (e * e).sum()
        done += bsz
    secs = time.perf_counter() - t0
    mean = total / samples
    se = np.sqrt(max(0.0, total2 / samples - mean * mean) / (samples - 1))
    print(json.dumps({"mean": mean, "std_error": se, "seconds": secs, "prompts_per_second": samples / secs}))


if __name__ == "__main__":
    main()
