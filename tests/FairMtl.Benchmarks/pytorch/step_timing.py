#!/usr/bin/env python3
"""PyTorch side of the FairMtl step benchmark: one training step of the Pires et al. network (trunk 64-32 with
ReLU, a linear y-head trained with MSE, a z-head trained with MSE or BCE on logits, loss alpha*L_y + (5-alpha)*L_z,
Adam, batch 32), eager mode on CPU, as a PyTorch user would write it. Prints one line per input width:
`pytorch-step-us d=<inputs> <microseconds>`.

Usage: step_timing.py <threads> <steps> <inputs> [<inputs> ...]"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        self.l1 = nn.Linear(inputs, 64)
        self.l2 = nn.Linear(64, 32)
        self.y = nn.Linear(32, 1)
        self.z = nn.Linear(32, 1)

    def forward(self, x):
        h = F.relu(self.l2(F.relu(self.l1(x))))
        return self.y(h).squeeze(-1), self.z(h).squeeze(-1)


def step_us(inputs, steps, binary):
    torch.manual_seed(0)
    rows = 4700
    x = torch.randn(rows, inputs)
    y = torch.randn(rows)
    z = (torch.rand(rows) > 0.5).float()
    net = Net(inputs)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    perm = torch.randperm(rows)
    z_loss = F.binary_cross_entropy_with_logits if binary else F.mse_loss

    def run(count):
        for s in range(count):
            start = (s * 32) % (rows - 32)
            idx = perm[start:start + 32]
            xb, yb, zb = x.index_select(0, idx), y.index_select(0, idx), z.index_select(0, idx)
            opt.zero_grad(set_to_none=True)
            yp, zp = net(xb)
            loss = 2.5 * F.mse_loss(yp, yb) + 2.5 * z_loss(zp, zb)
            loss.backward()
            opt.step()

    run(min(steps // 10, 2000))
    t0 = time.perf_counter()
    run(steps)
    return (time.perf_counter() - t0) / steps * 1e6


def main():
    torch.set_num_threads(int(sys.argv[1]))
    steps = int(sys.argv[2])
    for inputs in (int(a) for a in sys.argv[3:]):
        print("pytorch-step-us d=%d %.2f" % (inputs, step_us(inputs, steps, binary=(inputs == 18))), flush=True)


if __name__ == "__main__":
    main()
