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
