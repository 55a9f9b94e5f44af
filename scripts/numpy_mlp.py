"""The numpy anchor's network (docs/bench.md, "The numpy anchor, weak and strong"): the eps MLP of
src/model with flat float32 parameter, gradient, Adam and EMA buffers, every work array
preallocated, and its sampling call with the time embedding folded into a per-step bias. Shared by
scripts/bench-numpy.py (speed) and scripts/numpy_quality.py (time to quality)."""
import json
import os

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

    def step(self, inp, eps, lr=2e-3, decay=0.999):
        """One Adam step and EMA update with the project's defaults (docs/training.md): constant lr,
        EMA decay min(decay, (1+k)/(10+k)) at step k, the warm-up of src/model/trainer.ts."""
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
        d = min(decay, (1 + self.k) / (10 + self.k))
        e *= F(d)
        np.multiply(w, F(1 - d), out=t)
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


def linear_schedule(T):
    """beta linearly from 1e-4 to 0.02 and abar = cumprod(1 - beta), as src/core/schedule.ts."""
    beta = np.linspace(1e-4, 0.02, T)
    return beta, np.cumprod(1 - beta)


class Batches:
    """Draws training batches into preallocated float32 arrays: per point a data index, t ~ U{0..T-1}
    and eps ~ N(0, I), the noised input [sqrt(abar_t) x0 + sqrt(1-abar_t) eps, emb(t)]."""

    def __init__(self, rng, data, abar, table, batch):
        self.rng, self.data, self.table, self.B = rng, data, table, batch
        self.sa, self.s1a = np.sqrt(abar).astype(F), np.sqrt(1 - abar).astype(F)
        self.inp = np.empty((batch, 2 + table.shape[1]), F)
        self.eps = np.empty((batch, 2), F)

    def draw(self):
        rng, B, inp, eps = self.rng, self.B, self.inp, self.eps
        j = rng.integers(0, len(self.data), B)
        t = rng.integers(0, len(self.table), B)
        rng.standard_normal((B, 2), dtype=F, out=eps)
        np.multiply(self.data[j], self.sa[t, None], out=inp[:, :2])
        inp[:, :2] += self.s1a[t, None] * eps
        inp[:, 2:] = self.table[t]


def ddim(sampler, abar, S, x):
    """DDIM eta = 0 on the trailing grid (src/core/grids.ts) from x = x_T (float64, updated in place)."""
    T = len(abar)
    grid = [round(T - i * T / S) - 1 for i in range(S)]  # round() is half-even, like the grid code
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
