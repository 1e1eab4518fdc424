#!/usr/bin/python3
"""The trained-model engine's forward pass against an independent implementation of docs/THEORY.md
§11.2 written here with torch.nn.functional (Debian python3-torch): a tiny `iclverify train` run, its
checkpoint read by torch.jit.load, random tokens through both, with attention on and cut. The
outputs must agree to float32 rounding; three planted architecture errors (post-LayerNorm, no causal
mask, the cut dropping the sub-layer instead of passing LN1(h)) must not.
Usage: ICLVERIFY=build/iclverify /usr/bin/python3 tests/python/test_train_forward.py
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

EXE = os.environ.get("ICLVERIFY", "build/iclverify")
L, H, W, D, N = 2, 2, 16, 3, 6
T, TD = 2 * N, D + 1


def forward(p, tokens, cut, variant=""):
    h = F.linear(tokens, p["read_in.weight"], p["read_in.bias"]) + p["positions.weight"][: tokens.shape[1]]
    t = tokens.shape[1]
    for l in range(L):
        g = lambda name: p[f"blocks.{l}.{name}"]
        ln1 = lambda x: F.layer_norm(x, (W,), g("ln1.weight"), g("ln1.bias"))
        ln2 = lambda x: F.layer_norm(x, (W,), g("ln2.weight"), g("ln2.bias"))
        u = ln1(h)
        if cut:
            a = torch.zeros_like(u) if variant == "cut-drops" else u
        else:
            qkv = F.linear(u, g("qkv.weight"), g("qkv.bias"))
            q, k, v = qkv.split(W, dim=-1)
            split = lambda x: x.view(x.shape[0], t, H, W // H).transpose(1, 2)
            q, k, v = split(q), split(k), split(v)
            s = q @ k.transpose(-2, -1) / np.sqrt(W // H)
            if variant != "no-mask":
                s = s.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
            o = (torch.softmax(s, -1) @ v).transpose(1, 2).reshape(h.shape[0], t, W)
            a = F.linear(o, g("proj.weight"), g("proj.bias"))
        if variant == "post-ln":
            h1 = ln1(h + a)
            h = ln2(h1 + F.linear(F.gelu(F.linear(h1, g("fc.weight"), g("fc.bias"))), g("fc_out.weight"), g("fc_out.bias")))
        else:
            h1 = h + a
            h = h1 + F.linear(F.gelu(F.linear(ln2(h1), g("fc.weight"), g("fc.bias"))), g("fc_out.weight"), g("fc_out.bias"))
    h = F.layer_norm(h, (W,), p["ln_f.weight"], p["ln_f.bias"])
    return F.linear(h, p["read_out.weight"], p["read_out.bias"])


def main():
    fails = 0
    with tempfile.TemporaryDirectory() as work:
        run = [EXE, "train", "--task", "linreg", "--d", str(D), "--examples", str(N), "--layers", str(L), "--heads", str(H),
               "--width", str(W), "--batch", "8", "--steps", "30", "--lr", "3e-3", "--probe-layer", "1", "--probe-points", "0",
               "--no-figure", "--quiet", "--out", work]
        subprocess.run(run, check=True, stdout=subprocess.DEVNULL)
        m = torch.jit.load(os.path.join(work, "checkpoint", "checkpoint.pt"))
        p = {k[len("model."):]: v.detach() for k, v in m.named_parameters() if k.startswith("model.")}
        torch.manual_seed(0)
        tokens = torch.randn(5, T, TD)
        path = os.path.join(work, "tokens.f32")
        tokens.numpy().astype("<f4").tofile(path)
        subprocess.run(run + ["--forward-check", path], check=True, stdout=subprocess.DEVNULL)
        for mode, cut in (("on", False), ("cut", True)):
            got = torch.from_numpy(np.fromfile(os.path.join(work, f"forward_{mode}.f32"), dtype="<f4")).view(5, T, 1)
            want = forward(p, tokens, cut)
            err = (got - want).abs().max().item()
            scale = want.abs().max().item()
            print(f"attention {mode}: max |C++ - Python| = {err:.3e} (outputs up to {scale:.3e})")
            if not err <= 1e-5 * max(scale, 1.0):
                print(f"FAIL: attention {mode}: the engine's forward differs from THEORY §11.2")
                fails += 1
            for variant in ("post-ln", "no-mask", "cut-drops"):
                if (variant == "cut-drops") != cut:
                    continue
                planted = (got - forward(p, tokens, cut, variant)).abs().max().item()
                print(f"  planted {variant}: max difference {planted:.3e}")
                if not planted > 1e-3 * max(scale, 1.0):
                    print(f"FAIL: the planted {variant} architecture is not told apart")
                    fails += 1
    print("train forward: all passed" if fails == 0 else f"train forward: {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
