#!/usr/bin/env python3
"""PyTorch twin of the FairMtl classification step benchmark: one training step of a method of a classification
experiment, on the same training rows (exported by the benchmark), written as a PyTorch user would write it (eager
mode, CPU, dense inputs, Adam). Prints `pytorch-step-us <microseconds>`.

Methods:
  single-task  trunk (Linear, ReLU, Dropout)*, one logit head per task, sum of the tasks' BCE.
  glf          the auxiliary-task paper's fairness as an auxiliary task: a task head (BCE, times lambda) and a fairness
               head on the same labels trained with GLF = |BCE(group 0) - BCE(group 1)| (times 1 - lambda).
  mtaf-mmd     MTA-F (Wang et al., KDD 2021) with the score MMD on each task's negatives: per task a head with its own
               hidden layers; the head's parameters get the gradient of w_t [BCE_t + lambda_t r_t MMD(exclusive
               negatives)], the trunk's the gradient of sum_t w_t [BCE_t + lambda_t MMD(negatives) - lambda_t
               MMD(exclusive negatives)] (two autograd.grad calls).

Usage: classification_step_timing.py <threads> <steps> <data folder> <method> key=value ..."""
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def numbers(text, kind=float):
    return [kind(v) for v in text.split(",") if v != ""]


class Net(nn.Module):
    def __init__(self, features, trunk, head_hidden, dropout, heads):
        super().__init__()
        layers, width = [], features
        for units in trunk:
            layers += [nn.Linear(width, units), nn.ReLU()]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = units
        self.trunk = nn.Sequential(*layers)
        self.heads = nn.ModuleList()
        for _ in range(heads):
            head, w = [], width
            for units in head_hidden:
                head += [nn.Linear(w, units), nn.ReLU()]
                w = units
            head.append(nn.Linear(w, 1))
            self.heads.append(nn.Sequential(*head))

    def forward(self, x):
        h = self.trunk(x)
        return [head(h).squeeze(-1) for head in self.heads]


def group_bce_gap(logits, labels, groups):
    losses = F.binary_cross_entropy_with_logits(logits, labels, reduction="none")
    g0, g1 = groups == 0, groups == 1
    if g0.sum() == 0 or g1.sum() == 0:
        return logits.sum() * 0
    return (losses[g0].mean() - losses[g1].mean()).abs()


def mmd(logits, groups, rows, bandwidth):
    p = torch.sigmoid(logits[rows])
    s = groups[rows]
    a, b = p[s == 0], p[s == 1]
    if a.numel() == 0 or b.numel() == 0:
        return logits.sum() * 0

    def k(u, v):
        return torch.exp(-(u[:, None] - v[None, :]) ** 2 / (2 * bandwidth * bandwidth)).mean()

    return k(a, a) + k(b, b) - 2 * k(a, b)


def main():
    threads, steps, folder, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    o = dict(a.split("=", 1) for a in sys.argv[5:])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    rows, features, tasks = int(o["rows"]), int(o["features"]), int(o["tasks"])
    x = torch.from_numpy(np.fromfile(os.path.join(folder, "x.f32"), dtype="<f4").reshape(rows, features))
    labels = torch.from_numpy(np.fromfile(os.path.join(folder, "labels.f32"), dtype="<f4").reshape(rows, tasks))
    groups = torch.from_numpy(np.fromfile(os.path.join(folder, "groups.i32"), dtype="<i4"))
    batch, lam, bandwidth = int(o["batch"]), float(o["lambda"]), float(o["bandwidth"])
    heads = {"single-task": tasks, "glf": 2 * tasks, "mtaf-mmd": tasks}[method]
    net = Net(features, numbers(o["trunk"], int), numbers(o["head_hidden"], int), float(o["dropout"]), heads)
    opt = torch.optim.Adam(net.parameters(), lr=float(o["lr"]), betas=(0.9, 0.999), eps=1e-7)
    trunk_params, head_params = list(net.trunk.parameters()), list(net.heads.parameters())
    if method == "mtaf-mmd":
        w, lams, ratios = numbers(o["weights"]), numbers(o["lambdas"]), numbers(o["ratios"])

    def step(idx):
        xb, yb, gb = x.index_select(0, idx), labels.index_select(0, idx), groups.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        out = net(xb)
        if method == "single-task":
            sum(F.binary_cross_entropy_with_logits(out[t], yb[:, t]) for t in range(tasks)).backward()
        elif method == "glf":
            loss = sum(lam * F.binary_cross_entropy_with_logits(out[t], yb[:, t]) for t in range(tasks))
            loss = loss + sum((1 - lam) * group_bce_gap(out[tasks + t], yb[:, t], gb) for t in range(tasks))
            loss.backward()
        else:
            head_loss, trunk_loss = 0, 0
            for t in range(tasks):
                bce = F.binary_cross_entropy_with_logits(out[t], yb[:, t])
                negatives = yb[:, t] == 0
                exclusive = negatives.clone()
                for other in range(tasks):
                    if other != t:
                        exclusive &= yb[:, other] == 1
                m_all, m_excl = mmd(out[t], gb, negatives, bandwidth), mmd(out[t], gb, exclusive, bandwidth)
                head_loss = head_loss + w[t] * (bce + lams[t] * ratios[t] * m_excl)
                trunk_loss = trunk_loss + w[t] * (bce + lams[t] * m_all - lams[t] * m_excl)
            for p, g in zip(head_params, torch.autograd.grad(head_loss, head_params, retain_graph=True, allow_unused=True)):
                p.grad = g
            for p, g in zip(trunk_params, torch.autograd.grad(trunk_loss, trunk_params)):
                p.grad = g
        opt.step()

    def run(count):
        done = 0
        while done < count:
            order = torch.randperm(rows)
            for start in range(0, rows, batch):
                if done == count:
                    return
                step(order[start:start + batch])
                done += 1

    net.train()
    run(min(steps // 10, 200))
    t0 = time.perf_counter()
    run(steps)
    print("pytorch-step-us %.2f" % ((time.perf_counter() - t0) / steps * 1e6), flush=True)


if __name__ == "__main__":
    main()
