// Backend choice: a backend that cannot start falls back to cpu instead of failing.
import { describe, expect, it } from "vitest";
import { activeBackend, setupBackend } from "../../src/model";

describe("setupBackend", () => {
  it("falls back to cpu when webgl cannot start (no WebGL in Node)", async () => {
    expect(await setupBackend("webgl")).toBe("cpu");
    expect(activeBackend()).toBe("cpu");
  });

  it("starts single-threaded wasm in Node, finding its .wasm in node_modules", async () => {
    expect(await setupBackend("wasm")).toBe("wasm");
    expect(activeBackend()).toBe("wasm");
  });
});
