// Sinusoidal embedding of the timestep index (Vaswani et al. / Ho et al.): half sines, half
// cosines at geometric frequencies. Precomputed once per T as a plain table, so building a batch
// is a row copy, not embedDim trig calls per point.

/** The embedding of one (possibly fractional) timestep. */
export function embedTimestep(t: number, embedDim: number, out = new Float32Array(embedDim)): Float32Array {
  const half = embedDim / 2;
  for (let k = 0; k < half; k++) {
    const freq = Math.exp((-Math.log(10000) * k) / Math.max(half - 1, 1));
    out[k] = Math.sin(t * freq);
    out[half + k] = Math.cos(t * freq);
  }
  return out;
}

/** Rows emb(0), ..., emb(T-1), concatenated. */
export function timestepTable(T: number, embedDim: number): Float32Array {
  const table = new Float32Array(T * embedDim);
  for (let t = 0; t < T; t++) embedTimestep(t, embedDim, table.subarray(t * embedDim, (t + 1) * embedDim));
  return table;
}

/** The table row of an integer t in 0..T-1, or a freshly computed row for any other t. */
export function embeddingRow(table: Float32Array, t: number, embedDim: number): Float32Array {
  const T = table.length / embedDim;
  if (Number.isInteger(t) && t >= 0 && t < T) return table.subarray(t * embedDim, (t + 1) * embedDim);
  return embedTimestep(t, embedDim);
}

/** The network input rows [x, y, emb(t_i)] for n points (x interleaved, model coordinates). */
export function networkInput(
  x: ArrayLike<number>,
  rowOf: (i: number) => Float32Array,
  embedDim: number,
): Float32Array {
  const n = x.length / 2;
  const d = 2 + embedDim;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    out[i * d] = x[2 * i];
    out[i * d + 1] = x[2 * i + 1];
    out.set(rowOf(i), i * d + 2);
  }
  return out;
}
