#!/usr/bin/python3
"""Why zfb_gpt2_covariance warms its learning rate up (docs/THEORY.md §11.11): the family's model
(3 blocks, width 32, 2 heads, learned positions for 40 tokens; in-context linear regression d = 3,
N = 10, noiseless; Adam lr 1e-3, batch 64), rebuilt in PyTorch from Python as bench/train_step.py
rebuilds the default model, trained with and without a linear warm-up of the rate. Prints the
training loss over the zero predictor's (E[y^2] = d), averaged over 100 steps, every 500 steps.
Not the C++ trainer: its own initial weights and batches (torch's generator, not iclverify's), so
the seeds here are other draws than the catalog's; it measures how often a seed stalls.
Usage: /usr/bin/python3 bench/zfb_lr_warmup.py LR SEED RANDOM_COV(0|1) STEPS WARMUP_STEPS
"""
import sys

import torch

from gpt_reference import Model

L, H, W, D, N, P, B = 3, 2, 32, 3, 10, 40, 64
torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def main():
    lr, seed, random_cov, steps, warmup = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.manual_seed(seed)
    model = Model(L, H, W, D, P, gpt2_init=True)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(1000 + seed)
    losses = []
    for step in range(steps):
        if warmup:
            for group in opt.param_groups:
                group["lr"] = lr * min(1.0, (step + 1) / warmup)
        scale = torch.empty(B, 1, D).exponential_(1, generator=g) if random_cov else torch.ones(B, 1, D)
        x = torch.randn(B, N, D, generator=g) * scale.sqrt()
        y = (x @ torch.randn(B, D, 1, generator=g)).squeeze(-1)
        tokens = torch.zeros(B, 2 * N, D + 1)
        tokens[:, 0::2, :D] = x
        tokens[:, 1::2, D] = y
        opt.zero_grad()
        loss = ((model(tokens)[:, 0::2, 0] - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item() / D)
        if (step + 1) % 500 == 0:
            print(f"lr={lr} warmup={warmup} seed={seed} random_cov={random_cov} step {step + 1}: "
                  f"loss / zero predictor's {sum(losses[-100:]) / 100:.4f}", flush=True)


if __name__ == "__main__":
    main()
