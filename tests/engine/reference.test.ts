// The quality reference is built once per data set, and ahead of need: warmReference (which the
// engine calls when a network or data set becomes current) builds it in the next task, after the
// call has answered, so the first column's figures do not pay for it.
import { describe, expect, it } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import { referenceBuilt, referenceOf, warmReference } from "../../src/engine/reference";

const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe("the quality reference", () => {
  it("is built in the next task by warmReference, not during the call", async () => {
    const ds = { ...tutorialDataset() };
    warmReference(() => ds);
    expect(referenceBuilt(ds)).toBe(false);
    await nextTask();
    expect(referenceBuilt(ds)).toBe(true);
    const ref = referenceOf(ds);
    expect(referenceOf(ds)).toBe(ref); // once
  });
});
