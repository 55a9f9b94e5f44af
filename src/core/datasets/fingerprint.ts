// A short fingerprint of a data set's points, saved with every network trained on it, so a
// network is never used to sample for data it was not trained on. cyrb53 over the float32 bits:
// fast, synchronous (the dashboard, the worker and the CLI compute it the same way) and with 53
// bits, a chance collision between two different teaching data sets is negligible. Not a
// cryptographic hash: it guards against mistakes, not against forgery.
export function dataFingerprint(points: Float32Array): string {
  const words = new Uint32Array(points.buffer, points.byteOffset, points.length);
  let h1 = 0xdeadbeef ^ words.length;
  let h2 = 0x41c6ce57 ^ words.length;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${points.length / 2}-${hash.toString(16).padStart(14, "0")}`;
}
