// The flag tables are typed: each parsed value has its setting's type (checked by the type check,
// `npx tsc --noEmit`, and at run time here), so a command cannot read a flag as the wrong type.
import { describe, expect, expectTypeOf, it } from "vitest";
import { parseFlags } from "../../cli/args";
import { METRICS_FLAGS, SAMPLE_FLAGS, TRAIN_FLAGS } from "../../cli/flags";
import type { NetworkConfig, SamplerConfig } from "../../src/core/config";

describe("typed flag tables", () => {
  it("train: numbers are numbers, choices are their unions", () => {
    const f = parseFlags(["--width", "64", "--activation", "relu", "--out", "d"], TRAIN_FLAGS);
    expectTypeOf(f.width).toEqualTypeOf<number | undefined>();
    expectTypeOf(f.activation).toEqualTypeOf<NetworkConfig["activation"] | undefined>();
    expectTypeOf(f.backend).toEqualTypeOf<"wasm" | "cpu" | undefined>();
    expectTypeOf(f.out).toEqualTypeOf<string | undefined>();
    // @ts-expect-error a flag that is not in the table is not a property of its values
    void f.colour;
    const network: Pick<NetworkConfig, "width"> = { width: f.width ?? 8 };
    // @ts-expect-error an object is not a width
    network.width = { n: 1 };
    expect(f).toEqual({ width: 64, activation: "relu", out: "d" });
    expect(typeof f.width).toBe("number");
  });

  it("sample and metrics", () => {
    const f = parseFlags(["--sampler", "heun", "--steps", "12", "--eta", "0.5"], SAMPLE_FLAGS);
    expectTypeOf(f.sampler).toEqualTypeOf<SamplerConfig["sampler"] | undefined>();
    expectTypeOf(f.steps).toEqualTypeOf<number | undefined>();
    expect(f).toEqual({ sampler: "heun", steps: 12, eta: 0.5 });
    const m = parseFlags(["--in", "x.json"], METRICS_FLAGS);
    expectTypeOf(m.in).toEqualTypeOf<string | undefined>();
    expect(m.in).toBe("x.json");
  });

  it("the parsed values have no prototype: built-in names are never values", () => {
    const f = parseFlags([], SAMPLE_FLAGS) as Record<string, unknown>;
    expect(f.constructor).toBeUndefined();
    expect(f.toString).toBeUndefined();
  });
});
