// @vitest-environment jsdom
// The field view on the real engine with the perfect network standing in for the trained one:
// the trained field then equals the exact one, so the difference map must be ~0 everywhere; the
// t slider asks the engine for the field at the new t.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeSchedule } from "../../src/core/schedule";
import type { PredictEpsRequest } from "../../src/engine/api";
import { FieldPanel } from "../../src/panels/field/FieldPanel";
import { useApp } from "../../src/state/store";
import { FAKE_NETWORK, type FakeEngine, fakeEngine } from "./compareFakeEngine";

let engine: FakeEngine;
let asked: PredictEpsRequest[];

beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
  engine = fakeEngine();
  asked = [];
  const predict = engine.real.predictEps;
  engine.predictEps = async (req) => {
    asked.push(req);
    return predict(req);
  };
  useApp.setState({ engine, network: FAKE_NETWORK, networkVersion: 1, training: "idle" });
});
afterEach(cleanup);

const summary = () => screen.getByText(/mean \|eps_net - eps_exact\|/).textContent ?? "";

describe("the field the network learned", () => {
  it("asks the engine for eps_hat at the slider's t; a perfect 'network' differs from the exact field by ~0", async () => {
    render(<FieldPanel />);
    await waitFor(() => expect(summary()).toMatch(/^t = 50:/), { timeout: 20_000 });
    expect(asked[0]).toMatchObject({ t: 50, model: "network" });
    expect(asked[0].points.length).toBe(2 * (24 * 19 + 60 * 48));
    const largest = Number(/largest (\d+\.\d+)/.exec(summary())?.[1]);
    expect(largest).toBeLessThan(1e-3); // float32 transport only

    fireEvent.change(screen.getByRole("slider", { name: "Timestep t" }), { target: { value: "7" } });
    await waitFor(() => expect(summary()).toMatch(/^t = 7:/), { timeout: 20_000 });
    expect(asked.at(-1)?.t).toBe(7);
    const abar = makeSchedule("linear", 500).abar[7].toFixed(4);
    expect(screen.getByText(`t = 7, abar_t = ${abar}`)).toBeTruthy();
  });
});
