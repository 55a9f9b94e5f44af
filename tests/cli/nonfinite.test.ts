// The CLI never prints non-finite samples as results: when a run produces NaN or infinite
// coordinates it says so on one line, exits 1 and writes nothing (stdout or --out). The sampler is
// replaced by one that returns a NaN, since no accepted network and noise produce one.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { expectOneLineError, inProcess } from "./helpers";

vi.mock("../../src/core/experiment", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/core/experiment")>();
  return {
    ...real,
    runSampler: (...args: Parameters<typeof real.runSampler>) => {
      const run = real.runSampler(...args);
      run.raw[3] = Number.NaN;
      run.raw[4] = Number.POSITIVE_INFINITY;
      return run;
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), "ddim-cli-nan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("non-finite samples", () => {
  it("to stdout: one line, exit 1, nothing printed", async () => {
    const r = await inProcess(["sample", "--n", "10", "--steps", "5"]);
    expectOneLineError(
      r,
      /the run produced 2 of 10 samples with non-finite coordinates .*nothing was written/,
      1,
    );
  });

  it("to --out: one line, exit 1, no file", async () => {
    const out = join(dir, "s.json");
    const r = await inProcess(["sample", "--n", "10", "--steps", "5", "--out", out]);
    expectOneLineError(r, /non-finite coordinates/, 1);
    expect(existsSync(out)).toBe(false);
    expect(() => readFileSync(out)).toThrow();
  });
});
