#!/usr/bin/env python3
"""numpy baseline for `npm run bench`: the same eps network as src/model (input [x, 32-dim
sinusoidal embedding of t], 3 hidden layers of 128, SiLU, output 2), float32, Adam, batch 256,
EMA 0.999, T = 500 linear schedule, on the tutorial's 300 standardised points; then DDIM-50,
DDIM-500 (eta = 0) and DDPM-500 on 1000 points. Prints one JSON object on stdout:
{"stepsPerSecond": ..., "ms": {"DDIM-50": ..., "DDIM-500": ..., "DDPM-500": ...}} (medians).

Usage: python3 scripts/bench-numpy.py [--train-steps 300] [--runs 3] [--sample-runs 3]
"""
import argparse
import json
import os
import time

import numpy as np

F = np.float32
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def embedding_table(T, dim):
    half = dim // 2
    k = np.arange(half)
    freq = np.exp(-np.log(10000.0) * k / max(half - 1, 1))
    ang = np.arange(T)[:, None] * freq[None, :]
    return np.concatenate([np.sin(ang), np.cos(ang)], axis=1).astype(F)


class Net:
    def __init__(self, rng, width=128, depth=3, embed=32):
        sizes = [2 + embed] + [width] * depth + [2]
        self.params = []
        for a, b in zip(sizes[:-1], sizes[1:]):
            bound = 1 / np.sqrt(a)
            self.params += [rng.uniform(-bound, bound, (a, b)).astype(F), rng.uniform(-bound, bound, b).astype(F)]
        self.ema = [p.copy() for p in self.params]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.k = 0

    def forward(self, h, params):
        cache = []
        n = len(params) // 2
        for i in range(n):
            z = h @ params[2 * i] + params[2 * i + 1]
            cache.append((h, z))
            if i < n - 1:
                s = 1 / (1 + np.exp(-z))
                h = z * s
            else:
                h = z
        return h, cache

    def step(self, inp, eps, lr=1e-3, decay=0.999):
        out, cache = self.forward(inp, self.params)
        B = inp.shape[0]
        diff = out - eps
        loss = float(np.mean(np.sum(diff * diff, axis=1)))
        g = (2 / B) * diff
        grads = [None] * len(self.params)
        n = len(self.params) // 2
        for i in reversed(range(n)):
            h, z = cache[i]
            if i < n - 1:
                s = 1 / (1 + np.exp(-z))
                g = g * (s * (1 + z * (1 - s)))
            grads[2 * i] = h.T @ g
            grads[2 * i + 1] = g.sum(axis=0)
            g = g @ self.params[2 * i].T
        self.k += 1
        lr_t = lr * np.sqrt(1 - 0.999**self.k) / (1 - 0.9**self.k)
        for p, gr, m, v, e in zip(self.params, grads, self.m, self.v, self.ema):
            m *= F(0.9)
            m += F(0.1) * gr
            v *= F(0.999)
            v += F(0.001) * gr * gr
            p -= F(lr_t) * m / (np.sqrt(v) + F(1e-8))
            e *= F(decay)
            e += F(1 - decay) * p
        return loss


def load_points():
    with open(os.path.join(ROOT, "data", "tutorial-mog.json")) as f:
        pts = np.array(json.load(f)["points"], dtype=np.float64)
    return ((pts - pts.mean(0)) / pts.std(0)).astype(F)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-steps", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample-runs", type=int, default=3)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    T, B = 500, 256
    beta = np.linspace(1e-4, 0.02, T)
    abar = np.cumprod(1 - beta)
    table = embedding_table(T, 32)
    data = load_points()
    net = Net(rng)

    def train(steps):
        for _ in range(steps):
            j = rng.integers(0, len(data), B)
            t = rng.integers(0, T, B)
            eps = rng.standard_normal((B, 2)).astype(F)
            xt = (np.sqrt(abar[t])[:, None] * data[j] + np.sqrt(1 - abar[t])[:, None] * eps).astype(F)
            net.step(np.concatenate([xt, table[t]], axis=1), eps)

    train(max(1, args.train_steps // 10))
    rates = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        train(args.train_steps)
        rates.append(args.train_steps / (time.perf_counter() - t0))

    def eps_of(x, t):
        inp = np.concatenate([x, np.broadcast_to(table[t], (x.shape[0], 32))], axis=1).astype(F)
        return net.forward(inp, net.ema)[0].astype(np.float64)

    def ddim(S, n=1000):
        grid = [round(T - i * T / S) - 1 for i in range(S)]
        x = rng.standard_normal((n, 2))
        for i, t in enumerate(grid):
            a = abar[t]
            ap = abar[grid[i + 1]] if i + 1 < S else 1.0
            e = eps_of(x, t)
            x0 = (x - np.sqrt(1 - a) * e) / np.sqrt(a)
            x = np.sqrt(ap) * x0 + np.sqrt(1 - ap) * e
        return x

    def ddpm(n=1000):
        x = rng.standard_normal((n, 2))
        for t in reversed(range(T)):
            a = abar[t]
            ap = abar[t - 1] if t > 0 else 1.0
            e = eps_of(x, t)
            x = (x - beta[t] / np.sqrt(1 - a) * e) / np.sqrt(1 - beta[t])
            if t > 0:
                x += np.sqrt(beta[t] * (1 - ap) / (1 - a)) * rng.standard_normal(x.shape)
        return x

    cases = {"DDIM-50": lambda: ddim(50), "DDIM-500": lambda: ddim(500), "DDPM-500": ddpm}
    ms = {}
    for name, run in cases.items():
        times = []
        for _ in range(args.sample_runs):
            t0 = time.perf_counter()
            run()
            times.append(1000 * (time.perf_counter() - t0))
        ms[name] = float(np.median(times))
    print(json.dumps({"stepsPerSecond": float(np.median(rates)), "ms": ms}))


if __name__ == "__main__":
    main()
