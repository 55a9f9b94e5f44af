"""Time to quality for the numpy anchor (docs/bench.md, "Time to quality"), the protocol of
tests/bench/quality-run.ts: a fresh network (numpy_mlp.Net, the project's defaults) trained
`every` steps at a time; after each, DDIM-50 eta = 0 on the trailing grid from the given x_T with
the EMA weights, mapped to raw units, scored by the energy distance (the U-statistic of
src/core/energy.ts) against the given reference sample; stops once the score has settled: the
first evaluation <= threshold that the next `confirm` also are. Only the training is timed.

The input file (written by tests/bench/time-to-quality.ts) holds the engine's own reference
sample, x_T, training points and standardiser, so both sides score against identical points.
Batches and initial weights come from numpy's generator with the training seed (the same
distributions as src/model, not the same draws).
"""
import json
import time

import numpy as np
from numpy_mlp import F, Batches, Net, Sampler, ddim, embedding_table, linear_schedule


def distance_sum(a, b, block=250):
    """sum_ij |a_i - b_j| in float64, a block of rows at a time."""
    total = 0.0
    for i in range(0, len(a), block):
        d = a[i : i + block, None, :] - b[None, :, :]
        total += float(np.sqrt(np.einsum("ijk,ijk->ij", d, d)).sum())
    return total


class Energy:
    """Energy distance to a fixed reference: 2 E|X-Y| - E|X-X'| - E|Y-Y'|, over distinct pairs."""

    def __init__(self, ref):
        self.ref = ref
        m = len(ref)
        self.self_term = distance_sum(ref, ref) / (m * (m - 1))  # the diagonal adds 0

    def __call__(self, x):
        n, m = len(x), len(self.ref)
        cross = distance_sum(x, self.ref)
        own = distance_sum(x, x)
        return 2 * cross / (n * m) - own / (n * (n - 1)) - self.self_term


def settled_index(energies, threshold, confirm):
    for i in range(len(energies) - confirm):
        if all(e <= threshold for e in energies[i : i + confirm + 1]):
            return i
    return -1


def run(spec, seed, energy):
    T, B = spec["T"], spec["batch"]
    _, abar = linear_schedule(T)
    table = embedding_table(T, spec["embedDim"])
    mean, std = np.array(spec["mean"]), np.array(spec["std"])
    points = np.array(spec["points"], dtype=np.float64).reshape(-1, 2)
    data = ((points - mean) / std).astype(F)
    xT = np.array(spec["xT"], dtype=np.float64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    net = Net(rng, B, spec["width"], spec["depth"], spec["embedDim"])
    batches = Batches(rng, data, abar, table, B)
    sampler = Sampler(net, table, len(xT))
    evals, train_s, train_cpu, step, settled = [], 0.0, 0.0, 0, -1
    while step + spec["every"] <= spec["maxSteps"] and settled < 0:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(spec["every"]):
            batches.draw()
            net.step(batches.inp, batches.eps, spec["lr"], spec["emaDecay"])
        train_s += time.perf_counter() - t0
        train_cpu += time.process_time() - c0
        step += spec["every"]
        x = ddim(sampler, abar, spec["S"], xT.copy())
        evals.append({"step": step, "energy": energy(x * std + mean), "trainMs": 1000 * train_s, "cpuMs": 1000 * train_cpu})
        settled = settled_index([e["energy"] for e in evals], spec["threshold"], spec["confirm"])
    at = evals[settled] if settled >= 0 else None
    return {
        "seed": seed,
        "evals": evals,
        "settledStep": at["step"] if at else None,
        "trainMs": at["trainMs"] if at else None,
        "cpuMs": at["cpuMs"] if at else None,
    }


def repeated(spec, seed, energy):
    """The protocol `rounds` times for one seed: the same draws each time, so the same settled step
    (checked); the training times are the medians over the rounds."""
    runs = [run(spec, seed, energy) for _ in range(max(1, spec.get("rounds", 1)))]
    out = dict(runs[0])
    if any(r["settledStep"] != out["settledStep"] for r in runs):
        raise RuntimeError(f"seed {seed}: the settled step changed between identical rounds")
    if out["settledStep"] is not None:
        out["trainMs"] = float(np.median([r["trainMs"] for r in runs]))
        out["cpuMs"] = float(np.median([r["cpuMs"] for r in runs]))
    out["rounds"] = len(runs)
    return out


def time_to_quality(path):
    """Runs the protocol for every seed of the input file; returns {"runs": [...]}."""
    with open(path) as f:
        spec = json.load(f)
    energy = Energy(np.array(spec["reference"], dtype=np.float64).reshape(-1, 2))
    return {"runs": [repeated(spec, seed, energy) for seed in spec["seeds"]]}
