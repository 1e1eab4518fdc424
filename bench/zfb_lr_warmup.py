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
import math
import sys

import torch

L, H, W, D, N, P, B = 3, 2, 32, 3, 10, 40, 64
torch.set_num_threads(1)
torch.set_num_interop_threads(1)


class Block(torch.nn.Module):
    # src/train/gpt_model.cpp's block: pre-LayerNorm, causal softmax attention, GELU MLP.
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = torch.nn.LayerNorm(W), torch.nn.LayerNorm(W)
        self.qkv, self.proj = torch.nn.Linear(W, 3 * W), torch.nn.Linear(W, W)
        self.fc, self.fc_out = torch.nn.Linear(W, 4 * W), torch.nn.Linear(4 * W, W)

    def forward(self, h, mask):
        u = self.ln1(h)
        b, t, w = h.shape
        q, k, v = self.qkv(u).view(b, t, 3, H, w // H).permute(2, 0, 3, 1, 4)
        s = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(w // H))
        s = s.masked_fill(mask[:t, :t], float("-inf"))
        h = h + self.proj((torch.softmax(s, -1) @ v).transpose(1, 2).reshape(b, t, w))
        return h + self.fc_out(torch.nn.functional.gelu(self.fc(self.ln2(h))))


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.read_in, self.read_out = torch.nn.Linear(D + 1, W), torch.nn.Linear(W, 1)
        self.positions = torch.nn.Embedding(P, W)
        self.blocks = torch.nn.ModuleList(Block() for _ in range(L))
        self.ln_f = torch.nn.LayerNorm(W)
        self.register_buffer("causal", torch.ones(P, P, dtype=torch.bool).triu(1))
        for m in self.modules():  # GPT-2's initialisation, as gpt_model.cpp
            if isinstance(m, torch.nn.Linear):
                torch.nn.init.normal_(m.weight, 0, 0.02)
                torch.nn.init.zeros_(m.bias)
        torch.nn.init.normal_(self.positions.weight, 0, 0.02)

    def forward(self, tokens):
        h = self.read_in(tokens) + self.positions.weight[: tokens.shape[1]]
        for blk in self.blocks:
            h = blk(h, self.causal)
        return self.read_out(self.ln_f(h))


def main():
    lr, seed, random_cov, steps, warmup = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.manual_seed(seed)
    model = Model()
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
