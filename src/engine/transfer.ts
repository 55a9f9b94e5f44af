// Which buffers of a result can be transferred to the page: the ArrayBuffers of its typed arrays,
// each once (a buffer listed twice makes postMessage throw).
export function transferablesOf(value: unknown, out = new Set<ArrayBuffer>(), depth = 0): ArrayBuffer[] {
  if (depth > 4 || value === null || typeof value !== "object") return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) transferablesOf(v, out, depth + 1);
  } else {
    for (const v of Object.values(value)) transferablesOf(v, out, depth + 1);
  }
  return [...out];
}
