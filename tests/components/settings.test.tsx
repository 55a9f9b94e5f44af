// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Setting } from "../../src/panels/shared/Setting";
import { MAX_FILE_BYTES, makeSession, parseSession, parseSessionText } from "../../src/state/persist";
import { DEFAULT_SETTINGS, SETTING_PROPS } from "../../src/state/settings";
import { setSetting, useApp } from "../../src/state/store";
import { setUpApp } from "./appSetup";

afterEach(cleanup);

describe("settings controls", () => {
  it("every setting's control shows the schema's label and validates like the link", async () => {
    setUpApp();
    render(
      <div>
        {SETTING_PROPS.map((p) => (
          <Setting key={p.key} name={p.key} />
        ))}
      </div>,
    );
    for (const p of SETTING_PROPS) expect(screen.getByLabelText(p.label)).toBeTruthy();
    const user = userEvent.setup();
    const eta = screen.getByLabelText("DDIM eta");
    await user.clear(eta);
    await user.type(eta, "5{Enter}");
    expect(screen.getByRole("alert").textContent).toBe("eta must be from 0 to 1");
    expect(useApp.getState().settings.eta).toBe(0);
    await user.clear(eta);
    await user.type(eta, "0.5{Enter}");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(useApp.getState().settings.eta).toBe(0.5);
  });

  it("a hidden setting has no control", () => {
    setUpApp();
    useApp.setState({ hidden: new Set(["lr"]) });
    render(<Setting name="lr" />);
    expect(screen.queryByLabelText("Learning rate")).toBeNull();
  });

  it("1000 random settings objects each set or fail with a message, and the settings stay valid", () => {
    setUpApp();
    const key = fc.constantFrom(...SETTING_PROPS.map((p) => p.key));
    const value = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom("cosine", "cpu", "relu"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (edits) => {
        useApp.setState({ settings: { ...DEFAULT_SETTINGS } });
        for (const [k, v] of edits) {
          const err = setSetting(k, v);
          if (err !== null) expect(err.length).toBeGreaterThan(5);
        }
        const s = useApp.getState().settings;
        expect(s.S).toBeLessThanOrEqual(s.T);
        expect(s.t).toBeLessThan(s.T);
        for (const p of SETTING_PROPS) expect(s[p.key]).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("saved files", () => {
  it("1000 corrupted files are each loaded or rejected with a clear message, never a throw", () => {
    const good = JSON.stringify(
      makeSession({ format: "ddim-lab-network", weights: "AAAA" }, DEFAULT_SETTINGS, []),
    );
    const corrupt = fc.oneof(
      fc
        .tuple(fc.nat(good.length), fc.string({ maxLength: 5 }))
        .map(([i, s]) => good.slice(0, i) + s + good.slice(i + s.length)),
      fc.nat(good.length).map((i) => good.slice(0, i)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
    );
    fc.assert(
      fc.property(corrupt, (text) => {
        const r = parseSessionText(text);
        if (!r.ok) expect(r.error).toMatch(/^the file /);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects a file over the size limit, another version, and accepts a bare network file", () => {
    expect(parseSessionText(" ".repeat(MAX_FILE_BYTES + 1))).toEqual({
      ok: false,
      error: "the file is 64.0 MB; the limit is 64 MB",
    });
    expect(parseSession({ format: "ddim-lab-session", version: 2 })).toEqual({
      ok: false,
      error: "the file is version 2; this DDIM Lab reads version 1",
    });
    const bare = parseSession({ format: "ddim-lab-network", version: 1 });
    expect(bare.ok).toBe(true);
  });
});
