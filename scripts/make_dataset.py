#!/usr/bin/env python3
"""Regenerate the tutorial's 300-point mixture (docs/math.md, "Data and standardisation") into data/tutorial-mog.json.

NumPy's legacy generator cannot be replayed in JavaScript, so the points are generated once
here and shipped as data. Run: python3 scripts/make_dataset.py
"""
import json
import os

import numpy as np

np.random.seed(42)
clusters = [
    ((0, 0), [[1, 0.5], [0.5, 1]]),
    ((6, 6), [[1.5, -0.7], [-0.7, 1.5]]),
    ((-4, 5), [[0.8, 0], [0, 2.0]]),
]
parts = [np.random.multivariate_normal(m, c, 100) for m, c in clusters]
x = np.vstack(parts).astype(np.float32)

out = {
    "name": "tutorial-mog",
    "description": "np.random.seed(42); 3 x multivariate_normal(100); vstack; float32 (docs/math.md, Data and standardisation)",
    "mixture": {
        "weights": [1 / 3, 1 / 3, 1 / 3],
        "means": [list(map(float, m)) for m, _ in clusters],
        "covs": [[list(map(float, r)) for r in c] for _, c in clusters],
    },
    # each float32 widened to float64 exactly, so Math.fround in JS recovers the same bits
    "points": [[float(v) for v in p] for p in x],
}
path = os.path.join(os.path.dirname(__file__), "..", "data", "tutorial-mog.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(path), x.shape, "mean", x.mean(0), "std", x.std(0))
