// Corrupted saved files: 1000 random mutations of a valid file either load as a
// valid network or give a clear message; none throws, none leaks a tensor.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createNetwork,
  networkFromSaved,
  numTensors,
  type SavedNetwork,
  saveNetwork,
  setupBackend,
} from "../../src/model";
import { problem, SMALL } from "./helpers";

let valid: SavedNetwork;

beforeAll(async () => {
  await setupBackend("wasm");
  const net = createNetwork(problem, SMALL, 2);
  valid = saveNetwork(net);
  net.dispose();
});

type Json = unknown;

/** All paths to values inside a JSON value. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) out.push(...paths(v[i], [...prefix, i]));
  } else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function mutate(root: Json, path: (string | number)[], how: number, value: Json): Json {
  if (path.length === 0) return how === 0 ? value : root;
  const copy = JSON.parse(JSON.stringify(root));
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1];
  const old = parent[last];
  if (how === 0) parent[last] = value;
  else if (how === 1) delete parent[last];
  else if (typeof old === "string") parent[last] = old.slice(0, Math.floor(old.length / 2));
  else if (typeof old === "number") parent[last] = how === 3 ? -old : old * 1e9;
  else parent[last] = value;
  return copy;
}

describe("networkFromSaved on corrupted files", () => {
  it("loads or rejects with a message for 1000 random mutations, never throwing or leaking", () => {
    const all = paths(valid);
    const before = numTensors();
    const seen = { loaded: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.integer({ min: 0, max: 3 }),
        fc.oneof(fc.anything(), fc.double(), fc.string(), fc.constant(Number.NaN)),
        (p, how, value) => {
          const r = networkFromSaved(mutate(valid, all[p], how, value));
          seen[r.ok ? "loaded" : "rejected"]++;
          if (r.ok) r.value.dispose();
          else expect(r.error).toMatch(/^(invalid network file|could not build the network): \S/);
          expect(numTensors()).toBe(before);
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
    // Both outcomes occur: harmless edits (e.g. the dataset name) load, damaging ones do not.
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(500);
  });
});
