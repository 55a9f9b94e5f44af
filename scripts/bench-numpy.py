#!/usr/bin/env python3
"""The strong numpy anchor for `npm run bench` (docs/bench.md): the same eps network as src/model
(input [x, 32-dim sinusoidal embedding of t], 3 hidden layers of 128, SiLU, output 2), float32,
Adam, batch 256, EMA 0.999, T = 500 linear schedule, on the tutorial's 300 standardised points;
then DDIM-50, DDIM-500 (eta = 0) and DDPM-500 on 1000 points. Written to be as fast as numpy gets
on one thread, so that ratios against it mean something:

- one flat float32 parameter buffer (weights and biases are views into it), and flat gradient,
  Adam moment and EMA buffers: Adam + EMA is a dozen whole-buffer in-place ufuncs per step;
- every intermediate preallocated, matmuls written with out= straight into the gradient views;
- SiLU and its derivative from one exp per element, in place;
- sampling folds the time embedding into a per-step bias: x W1[:2] + (emb_t W1[2:] + b1);
- single-threaded BLAS (OPENBLAS/OMP/MKL_NUM_THREADS=1, set before numpy loads), like the
  single-threaded wasm it is compared with.

Prints one JSON object on stdout: {"stepsPerSecond": ..., "cpuStepsPerSecond": ..., "ms": {"DDIM-50":
..., ...}} (medians; cpuStepsPerSecond per second of process CPU time, steadier on a busy machine).
--profile prints where a training step's time goes (stderr).

Usage: python3 scripts/bench-numpy.py [--train-steps 300] [--runs 3] [--sample-runs 3] [--profile]
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

F = np.float32
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def embedding_table(T, dim):
    half = dim // 2
    k = np.arange(half)
    freq = np.exp(-np.log(10000.0) * k / max(half - 1, 1))
    ang = np.arange(T)[:, None] * freq[None, :]
    return np.concatenate([np.sin(ang), np.cos(ang)], axis=1).astype(F)


class Net:
    """The MLP with flat parameter, gradient, Adam and EMA buffers and preallocated work arrays."""

    def __init__(self, rng, batch, width=128, depth=3, embed=32):
        self.sizes = [2 + embed] + [width] * depth + [2]
        shapes = []
        for a, b in zip(self.sizes[:-1], self.sizes[1:]):
            shapes += [(a, b), (b,)]
        total = sum(int(np.prod(s)) for s in shapes)
        self.flat = np.empty(total, F)
        self.grad = np.zeros(total, F)
        self.m = np.zeros(total, F)
        self.v = np.zeros(total, F)
        self.tmp = np.empty(total, F)
        self.params, self.grads = self._views(self.flat, shapes), self._views(self.grad, shapes)
        for i in range(0, len(self.params), 2):
            bound = 1 / np.sqrt(self.sizes[i // 2])
            self.params[i][...] = rng.uniform(-bound, bound, self.params[i].shape)
            self.params[i + 1][...] = rng.uniform(-bound, bound, self.params[i + 1].shape)
        self.ema_flat = self.flat.copy()
        self.ema = self._views(self.ema_flat, shapes)
        self.k = 0
        n = len(self.sizes) - 1
        # Training work arrays: activations h, pre-activations' derivative d, backward scratch.
        self.h = [np.empty((batch, s), F) for s in self.sizes[1:]]
        self.d = [np.empty((batch, s), F) for s in self.sizes[1:-1]]
        self.g = [np.empty((batch, s), F) for s in self.sizes[1:]]
        self.s = [np.empty((batch, s), F) for s in self.sizes[1:-1]]
        self.n = n

    @staticmethod
    def _views(buf, shapes):
        out, o = [], 0
        for s in shapes:
            size = int(np.prod(s))
            out.append(buf[o : o + size].reshape(s))
            o += size
        return out

    def step(self, inp, eps, lr=1e-3, decay=0.999):
        P, G, n = self.params, self.grads, self.n
        a = inp
        for i in range(n):
            z = self.h[i]
            np.matmul(a, P[2 * i], out=z)
            z += P[2 * i + 1]
            if i < n - 1:
                s, d = self.s[i], self.d[i]
                np.negative(z, out=s)
                np.exp(s, out=s)
                s += 1
                np.reciprocal(s, out=s)  # sigmoid(z)
                # d = s (1 + z (1 - s)), then h = z s in place of z
                np.subtract(1, s, out=d)
                d *= z
                d += 1
                d *= s
                z *= s
            a = z
        B = inp.shape[0]
        g = self.g[n - 1]
        np.subtract(a, eps, out=g)
        loss = float(np.einsum("ij,ij->", g, g)) / B
        g *= F(2 / B)
        for i in reversed(range(n)):
            h_in = inp if i == 0 else self.h[i - 1]
            np.matmul(h_in.T, g, out=G[2 * i])
            np.sum(g, axis=0, out=G[2 * i + 1])
            if i > 0:
                g_prev = self.g[i - 1]
                np.matmul(g, P[2 * i].T, out=g_prev)
                g_prev *= self.d[i - 1]
                g = g_prev
        self.k += 1
        lr_t = F(lr * np.sqrt(1 - 0.999**self.k) / (1 - 0.9**self.k))
        m, v, w, e, gr, t = self.m, self.v, self.flat, self.ema_flat, self.grad, self.tmp
        m *= F(0.9)
        np.multiply(gr, F(0.1), out=t)
        m += t
        v *= F(0.999)
        np.multiply(gr, gr, out=t)
        t *= F(0.001)
        v += t
        np.sqrt(v, out=t)
        t += F(1e-8)
        np.divide(m, t, out=t)
        t *= lr_t
        w -= t
        e *= F(decay)
        np.multiply(w, F(1 - decay), out=t)
        e += t
        return loss


class Sampler:
    """eps_theta(x, t) on the EMA weights with the embedding folded into a per-step bias."""

    def __init__(self, net, table, n):
        self.net, self.table = net, table
        sizes = net.sizes
        self.h = [np.empty((n, s), F) for s in sizes[1:]]
        self.s = [np.empty((n, s), F) for s in sizes[1:-1]]
        self.x32 = np.empty((n, 2), F)

    def eps(self, x, t):
        P, n = self.net.ema, self.net.n
        W0 = P[0]
        bias = self.table[t] @ W0[2:] + P[1]
        self.x32[...] = x
        z = self.h[0]
        np.matmul(self.x32, W0[:2], out=z)
        z += bias
        for i in range(n):
            if i > 0:
                z = self.h[i]
                np.matmul(a, P[2 * i], out=z)
                z += P[2 * i + 1]
            if i < n - 1:
                s = self.s[i]
                np.negative(z, out=s)
                np.exp(s, out=s)
                s += 1
                np.divide(z, s, out=z)  # silu(z) = z / (1 + exp(-z))
            a = z
        return a.astype(np.float64)


def load_points():
    with open(os.path.join(ROOT, "data", "tutorial-mog.json")) as f:
        pts = np.array(json.load(f)["points"], dtype=np.float64)
    return ((pts - pts.mean(0)) / pts.std(0)).astype(F)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-steps", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample-runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    T, B, E = 500, 256, 32
    beta = np.linspace(1e-4, 0.02, T)
    abar = np.cumprod(1 - beta)
    sa, s1a = np.sqrt(abar).astype(F), np.sqrt(1 - abar).astype(F)
    table = embedding_table(T, E)
    data = load_points()
    net = Net(rng, B)
    inp = np.empty((B, 2 + E), F)
    eps = np.empty((B, 2), F)

    def draw():
        j = rng.integers(0, len(data), B)
        t = rng.integers(0, T, B)
        rng.standard_normal((B, 2), dtype=F, out=eps)
        np.multiply(data[j], sa[t, None], out=inp[:, :2])
        inp[:, :2] += s1a[t, None] * eps
        inp[:, 2:] = table[t]

    def train(steps):
        for _ in range(steps):
            draw()
            net.step(inp, eps)

    train(max(1, args.train_steps // 10))
    rates, cpu_rates = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        train(args.train_steps)
        rates.append(args.train_steps / (time.perf_counter() - t0))
        cpu_rates.append(args.train_steps / (time.process_time() - c0))

    if args.profile:
        steps = args.train_steps
        t0 = time.perf_counter()
        for _ in range(steps):
            draw()
        t1 = time.perf_counter()
        for _ in range(steps):
            net.step(inp, eps)
        t2 = time.perf_counter()
        us = lambda a, b: 1e6 * (b - a) / steps  # noqa: E731
        print(f"profile: draw {us(t0, t1):.0f} us/step, forward+backward+Adam+EMA {us(t1, t2):.0f} us/step", file=sys.stderr)

    n = 1000
    sampler = Sampler(net, table, n)

    def ddim(S):
        grid = [round(T - i * T / S) - 1 for i in range(S)]
        x = rng.standard_normal((n, 2))
        for i, t in enumerate(grid):
            a = abar[t]
            ap = abar[grid[i + 1]] if i + 1 < S else 1.0
            e = sampler.eps(x, t)
            # x0 = (x - sqrt(1-a) e) / sqrt(a);  x = sqrt(ap) x0 + sqrt(1-ap) e, as one update
            c_x = np.sqrt(ap / a)
            c_e = np.sqrt(1 - ap) - np.sqrt(ap) * np.sqrt(1 - a) / np.sqrt(a)
            x *= c_x
            e *= c_e
            x += e
        return x

    def ddpm():
        x = rng.standard_normal((n, 2))
        noise = rng.standard_normal((T, n, 2))
        for t in reversed(range(T)):
            a = abar[t]
            ap = abar[t - 1] if t > 0 else 1.0
            e = sampler.eps(x, t)
            e *= beta[t] / np.sqrt(1 - a)
            x -= e
            x /= np.sqrt(1 - beta[t])
            if t > 0:
                x += np.sqrt(beta[t] * (1 - ap) / (1 - a)) * noise[t]
        return x

    cases = {"DDIM-50": lambda: ddim(50), "DDIM-500": lambda: ddim(500), "DDPM-500": ddpm}
    ms = {}
    for name, run in cases.items():
        run()  # warm-up
        times = []
        for _ in range(args.sample_runs):
            t0 = time.perf_counter()
            run()
            times.append(1000 * (time.perf_counter() - t0))
        ms[name] = float(np.median(times))
    result = {"stepsPerSecond": float(np.median(rates)), "cpuStepsPerSecond": float(np.median(cpu_rates)), "ms": ms}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
