// The rest of the link: view and panel, the interpolation, the grid's codec under the one number
// grammar, and the limits on what a hand-edited link can make the page print.
import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER } from "../../src/core/config";
import { decodeColumn, encodeColumn, readGridLink } from "../../src/state/gridLink";
import { readInterpLink, writeInterpLink } from "../../src/state/interpLink";
import { helpRows, SHORTCUTS, shortcutFor } from "../../src/state/shortcuts";
import { readUrl, writeViewLink } from "../../src/state/url";

describe("view and panel in the link", () => {
  it("view=present&panel=schedule is read; bad values are named and ignored", () => {
    expect(readUrl("?view=present&panel=schedule")).toMatchObject({ view: "present", panel: "schedule" });
    const bad = readUrl("?view=slides&panel=constructor");
    expect(bad).toMatchObject({ view: "normal", panel: null });
    expect(bad.messages).toEqual([
      "Ignored view=slides from the link: view must be one of normal, present",
      "Ignored panel=constructor from the link: panel must be one of data, schedule, training, compare, field, interpolate",
    ]);
  });

  it("writes view= and panel= only for the presentation view, keeping other fields", () => {
    expect(writeViewLink("?T=100", { view: "present", panel: "compare" })).toBe(
      "?T=100&view=present&panel=compare",
    );
    expect(writeViewLink("?T=100&view=present&panel=data", { view: "normal", panel: "data" })).toBe("?T=100");
  });
});

describe("settings no control reads are refused, not silently kept", () => {
  it("eta= names where eta belongs and changes nothing", () => {
    const r = readUrl("?eta=0.3");
    expect(r.settings.eta).toBe(DEFAULT_SAMPLER.eta);
    expect(r.messages).toEqual([
      "Ignored eta=0.3 from the link: eta belongs to each sampler column; write it inside col=, e.g. col=ddim-50-0.3-trailing-network",
    ]);
  });

  it("hide= with own-property names or thousands of unknown names gives a short list", () => {
    const names = [
      "__proto__",
      "constructor",
      "toString",
      ...Array.from({ length: 2000 }, (_, i) => `x${i}`),
    ];
    const r = readUrl(`?hide=${names.join(",")}`);
    expect(r.hidden.size).toBe(0);
    expect(r.messages).toHaveLength(5);
    expect(r.messages[4]).toBe("...and 1999 more like these.");
  });
});

describe("the grid's columns use the link's number grammar", () => {
  it("hex, binary and padded numbers are refused in col= and xseed= like in eta=", () => {
    for (const col of [
      "ddim-0x32-0-trailing-network",
      "ddim-50-0x1-trailing-network",
      "ddim-0b11-0-trailing-network",
    ]) {
      expect(decodeColumn(col).ok, col).toBe(false);
    }
    const g = readGridLink("?xseed=0x10");
    expect(g.seed).toBeUndefined();
    expect(g.messages[0]).toMatch(/^Ignored xseed=0x10 from the link: the noise seed must be a whole number/);
    expect(readGridLink("?xseed=16").seed).toBe(16);
  });

  it("a column with eta below 1e-6 round-trips through the link", () => {
    for (const eta of [1e-7, 5e-9, 1e-300, 0.25]) {
      const col = { sampler: { ...DEFAULT_SAMPLER, eta, steps: 50 }, model: "network" as const };
      const text = encodeColumn(col);
      const back = decodeColumn(text);
      expect(back.ok, text).toBe(true);
      if (back.ok) expect(back.column.sampler.eta).toBe(eta);
    }
  });

  it("columns are checked against the largest T: the link's own T= belongs to the network settings", () => {
    // ?T=10 (schedule panel, next network) must not refuse or rewrite a 50-step column.
    const g = readGridLink("?T=10&col=ddim-50-0-trailing-network");
    expect(g.messages).toEqual([]);
    expect(g.columns?.[0].sampler.steps).toBe(50);
    expect(readGridLink("?col=ddim-2001-0-trailing-network").messages[0]).toMatch(/from 1 to T=2000/);
  });

  it("more than 6 columns give one message, not one per column", () => {
    const q = Array.from({ length: 50 }, () => "col=ddim-20-0-trailing-network").join("&");
    const g = readGridLink(`?${q}`);
    expect(g.columns).toHaveLength(6);
    expect(g.messages).toEqual(["Ignored 44 more col= from the link: at most 6 columns"]);
  });
});

describe("the interpolation in the link", () => {
  it("round-trips endpoints (seed or picked points), path, model and u", () => {
    const state = {
      seed: 7,
      path: "lerp" as const,
      model: "oracle" as const,
      picked: { a: 281, b: 148 },
      u: 0.625,
    };
    const q = writeInterpLink("?T=100", state);
    expect(q).toBe("?T=100&iseed=7&ipath=lerp&imodel=oracle&ipick=281,148&u=0.625");
    const { link, messages } = readInterpLink(q, 300);
    expect(messages).toEqual([]);
    expect(link).toEqual({ seed: 7, path: "lerp", model: "oracle", pick: [281, 148], u: 0.625 });
    expect(writeInterpLink("", { seed: 1, path: "slerp", model: "network", picked: null, u: 0.5 })).toBe("");
  });

  it("every bad value is named and ignored on its own", () => {
    const { link, messages } = readInterpLink("?iseed=0x10&ipath=arc&imodel=gpt&ipick=5,5&u=1.5", 300);
    expect(link).toEqual({});
    expect(messages).toEqual([
      "Ignored iseed=0x10 from the link: iseed must be a whole number from 0 to 2147483647",
      "Ignored ipath=arc from the link: ipath must be one of slerp, lerp",
      "Ignored imodel=gpt from the link: imodel must be one of network, oracle, empirical",
      "Ignored u=1.5 from the link: u must be from 0 to 1",
      "Ignored ipick=5,5 from the link: ipick must be two different training points, e.g. ipick=12,40 (0 to 299)",
    ]);
    expect(readInterpLink("?ipick=1,300", 300).messages).toHaveLength(1);
    expect(readInterpLink("?ipick=1", 300).messages).toHaveLength(1);
  });
});

describe("the shortcut registry", () => {
  it("each key belongs to one shortcut, and the help lists every shortcut", () => {
    const keys = Object.values(SHORTCUTS).flatMap((s) => [...s.keys]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [id, s] of Object.entries(SHORTCUTS)) {
      for (const k of s.keys) expect(shortcutFor(k)).toBe(id);
      expect(helpRows()).toContainEqual([s.shown, s.what]);
    }
    expect(shortcutFor("constructor")).toBeNull();
  });
});
