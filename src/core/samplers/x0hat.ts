// The clean-data prediction x0_hat = (x - sqrt(1-a) e) / sqrt(a) that every sampler reports to
// onStep (docs/math.md, "Samplers"): the network's guess of x_0 at the point the step starts from.

/** Writes x0_hat for abar = a into out (same length as x) and returns it. */
export function x0HatInto(
  out: Float64Array,
  x: ArrayLike<number>,
  e: ArrayLike<number>,
  a: number,
): Float64Array {
  const sa = Math.sqrt(a);
  const s1a = Math.sqrt(1 - a);
  for (let j = 0; j < out.length; j++) out[j] = (x[j] - s1a * e[j]) / sa;
  return out;
}
