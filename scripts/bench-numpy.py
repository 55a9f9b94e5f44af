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
--time-to-quality FILE runs scripts/numpy_quality.py's protocol instead (input written by
tests/bench/time-to-quality.ts) and prints its JSON.

Usage: python3 scripts/bench-numpy.py [--train-steps 300] [--runs 3] [--sample-runs 3] [--profile]
       python3 scripts/bench-numpy.py --time-to-quality FILE
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from numpy_mlp import Batches, Net, Sampler, ddim, embedding_table, linear_schedule, load_points  # noqa: E402
from numpy_quality import time_to_quality  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-steps", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample-runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--time-to-quality", metavar="FILE", help="run the time-to-quality protocol on FILE instead")
    args = ap.parse_args()
    if args.time_to_quality:
        print(json.dumps(time_to_quality(args.time_to_quality)))
        return
    rng = np.random.default_rng(0)
    T, B, E = 500, 256, 32
    beta, abar = linear_schedule(T)
    table = embedding_table(T, E)
    net = Net(rng, B)
    batches = Batches(rng, load_points(), abar, table, B)
    inp, eps, draw = batches.inp, batches.eps, batches.draw

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

    cases = {
        "DDIM-50": lambda: ddim(sampler, abar, 50, rng.standard_normal((n, 2))),
        "DDIM-500": lambda: ddim(sampler, abar, 500, rng.standard_normal((n, 2))),
        "DDPM-500": ddpm,
    }
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
