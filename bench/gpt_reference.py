"""The GPT-2-style model of src/train/gpt_model.cpp rebuilt in PyTorch from Python, for the
benchmarks that compare with it or explore its training (train_step.py, zfb_lr_warmup.py):
pre-LayerNorm blocks with causal softmax attention and a GELU MLP of width 4W, learned absolute
positions, linear read-in of the (d + 1)-wide tokens and read-out of one number per token."""
import math

import torch


class Block(torch.nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = torch.nn.LayerNorm(width), torch.nn.LayerNorm(width)
        self.qkv, self.proj = torch.nn.Linear(width, 3 * width), torch.nn.Linear(width, width)
        self.fc, self.fc_out = torch.nn.Linear(width, 4 * width), torch.nn.Linear(4 * width, width)

    def forward(self, h, mask):
        u = self.ln1(h)
        b, t, w = h.shape
        q, k, v = self.qkv(u).view(b, t, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        s = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(w // self.heads))
        s = s.masked_fill(mask[:t, :t], float("-inf"))
        a = self.proj((torch.softmax(s, -1) @ v).transpose(1, 2).reshape(b, t, w))
        h = h + a
        return h + self.fc_out(torch.nn.functional.gelu(self.fc(self.ln2(h))))


class Model(torch.nn.Module):
    # gpt2_init: GPT-2's initialisation as gpt_model.cpp does it (weights N(0, 0.02²), biases 0);
    # otherwise PyTorch's defaults (the timing of a step does not depend on it).
    def __init__(self, layers, heads, width, d, positions, gpt2_init=False):
        super().__init__()
        self.read_in, self.read_out = torch.nn.Linear(d + 1, width), torch.nn.Linear(width, 1)
        self.positions = torch.nn.Embedding(positions, width)
        self.blocks = torch.nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.ln_f = torch.nn.LayerNorm(width)
        self.register_buffer("causal", torch.ones(positions, positions, dtype=torch.bool).triu(1))
        if gpt2_init:
            for m in self.modules():
                if isinstance(m, torch.nn.Linear):
                    torch.nn.init.normal_(m.weight, 0, 0.02)
                    torch.nn.init.zeros_(m.bias)
            torch.nn.init.normal_(self.positions.weight, 0, 0.02)

    def forward(self, tokens):
        h = self.read_in(tokens) + self.positions.weight[: tokens.shape[1]]
        for blk in self.blocks:
            h = blk(h, self.causal)
        return self.read_out(self.ln_f(h))
