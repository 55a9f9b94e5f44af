// Slicing the engine's frames x n arrays: the cloud at one frame, one path across all frames.

/** The n points of frame f (a view, no copy). */
export function cloudAt(all: Float32Array, frames: number, f: number): Float32Array {
  const stride = all.length / frames;
  return all.subarray(f * stride, (f + 1) * stride);
}

/** Point i of every frame, interleaved: the path it travels. */
export function pathOf(all: Float32Array, frames: number, i: number): Float32Array {
  const stride = all.length / frames;
  const out = new Float32Array(2 * frames);
  for (let f = 0; f < frames; f++) {
    out[2 * f] = all[f * stride + 2 * i];
    out[2 * f + 1] = all[f * stride + 2 * i + 1];
  }
  return out;
}

/** Index of the training point nearest to (x, y). */
export function nearestPoint(points: ArrayLike<number>, x: number, y: number): number {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const d = (points[i] - x) ** 2 + (points[i + 1] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i / 2;
    }
  }
  return best;
}
