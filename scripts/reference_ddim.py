#!/usr/bin/env python3
"""An independent float64 NumPy implementation of docs/math.md (standardisation, schedules, grids,
DDIM and the perfect network), used by the tests
to cross-check the TypeScript core: DDIM eta=0 with the perfect (population) network.

Usage: python3 scripts/reference_ddim.py NOISE.json T schedule spacing S units
NOISE.json holds x_T as [[x, y], ...] in model coordinates; prints the samples in raw units as JSON.
"""
import json
import sys

import numpy as np

DATA = json.load(open(__file__.rsplit("/", 2)[0] + "/data/tutorial-mog.json"))


def schedule(kind, T):
    if kind == "linear":
        beta = np.linspace(1e-4, 0.02, T, dtype=np.float64)
    else:
        s = 0.008
        f = lambda u: np.cos((u + s) / (1 + s) * np.pi / 2) ** 2  # noqa: E731
        i = np.arange(T, dtype=np.float64)
        beta = np.minimum(1 - f((i + 1) / T) / f(i / T), 0.999)
    return np.cumprod(1 - beta)


def grid(spacing, T, S):
    if spacing == "leading":
        c = T // S
        return list(range((S - 1) * c, -1, -c))[:S]
    if spacing == "trailing":
        return [int(np.round(T - i * T / S)) - 1 for i in range(S)]
    if S == 1:
        return [0]
    return [int(np.round(i * (T - 1) / (S - 1))) for i in range(S - 1, -1, -1)]


def eps_star(x, a, means, covs, w):
    # x: (n, 2); returns sqrt(1-a) * sum_k r_k C_k^{-1} (x - sqrt(a) mu_k)
    logp, terms = [], []
    for mu, cov, wk in zip(means, covs, w):
        C = a * cov + (1 - a) * np.eye(2)
        Ci = np.linalg.inv(C)
        d = x - np.sqrt(a) * mu
        m2 = np.einsum("ni,ij,nj->n", d, Ci, d)
        logp.append(np.log(wk) - np.log(2 * np.pi) - 0.5 * np.log(np.linalg.det(C)) - 0.5 * m2)
        terms.append(d @ Ci.T)
    logp = np.stack(logp)  # (K, n)
    r = np.exp(logp - logp.max(0))
    r /= r.sum(0)
    return np.sqrt(1 - a) * np.einsum("kn,kni->ni", r, np.stack(terms))


def main():
    noise_path, T, kind, spacing, S, units = sys.argv[1:7]
    T, S = int(T), int(S)
    pts = np.array(DATA["points"], dtype=np.float64)
    if units == "standardized":
        mean, std = pts.mean(0), pts.std(0)
    else:
        mean, std = np.zeros(2), np.ones(2)
    D = np.diag(1 / std)
    means = [(np.array(m) - mean) / std for m in DATA["mixture"]["means"]]
    covs = [D @ np.array(c) @ D for c in DATA["mixture"]["covs"]]
    w = DATA["mixture"]["weights"]
    abar = schedule(kind, T)
    g = grid(spacing, T, S)
    x = np.array(json.load(open(noise_path)), dtype=np.float64)
    for i, t in enumerate(g):
        a = abar[t]
        ap = abar[g[i + 1]] if i + 1 < len(g) else 1.0
        e = eps_star(x, a, means, covs, w)
        x0 = (x - np.sqrt(1 - a) * e) / np.sqrt(a)
        x = np.sqrt(ap) * x0 + np.sqrt(1 - ap) * e
    print(json.dumps({"grid": g, "samples": (x * std + mean).tolist()}))


main()
