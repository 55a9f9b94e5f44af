// The data set in the link and in files: presets as short keys, small own sets exactly (same bits,
// same fingerprint), everything validated on the way back with a message for what was ignored.
import { describe, expect, it } from "vitest";
import { dataFingerprint, presetPoints } from "../../src/core/datasets";
import {
  decodePoints,
  encodePoints,
  fromSessionData,
  LINK_MAX_POINTS,
  readDataLink,
  toSessionData,
  writeDataLink,
} from "../../src/state/dataLink";

describe("data set in the link", () => {
  it("presets round-trip with their knobs; defaults are left out; other keys stay", () => {
    const q = writeDataLink({ kind: "preset", name: "moons", n: 400, seed: 0 }, "?eta=0.5&data=ring&dn=9");
    expect(q).toBe("?eta=0.5&data=moons");
    const q2 = writeDataLink({ kind: "preset", name: "spiral", n: 800, seed: 12 }, "");
    expect(q2).toBe("?data=spiral&dn=800&ds=12");
    expect(readDataLink(q2).source).toEqual({ kind: "preset", name: "spiral", n: 800, seed: 12 });
    expect(readDataLink("?data=moons").source).toEqual({ kind: "preset", name: "moons", n: 400, seed: 0 });
    expect(writeDataLink({ kind: "tutorial" }, "?data=ring&dn=500&S=10")).toBe("?S=10");
    expect(readDataLink("?S=10")).toEqual({ source: null, messages: [] });
  });

  it("a small own set travels exactly (same fingerprint); a large one stays out of the link", () => {
    const pts = presetPoints("ring", 300, 4);
    const q = writeDataLink({ kind: "custom", points: pts, label: "mine" }, "");
    const back = readDataLink(q).source;
    expect(back?.kind).toBe("custom");
    const got = (back as { points: Float32Array }).points;
    expect(dataFingerprint(got)).toBe(dataFingerprint(pts));
    expect(q.length).toBeLessThan(3300); // 300 points: 2400 bytes as base64url
    const big = presetPoints("ring", LINK_MAX_POINTS + 1, 4);
    expect(writeDataLink({ kind: "custom", points: big, label: "big" }, "?S=5")).toBe("?S=5");
  });

  it("bad link values are ignored with a message naming what is allowed", () => {
    const cases: [string, RegExp][] = [
      ["?data=banana", /data must be tutorial, points or one of moons, ring/],
      ["?data=ring&dn=7", /from 50 to 5000/],
      ["?data=ring&dn=1e3", /from 50 to 5000/],
      ["?data=ring&ds=-1", /seed must be a whole number/],
      ["?data=points&dp=!!", /link's encoding/],
      ["?data=points&dp=AAAA", /link's encoding/],
      ["?data=points", /link's encoding/],
      [`?data=points&dp=${encodePoints(new Float32Array([1, 1, 1, 2]))}`, /same x/],
      [`?data=points&dp=${encodePoints(new Float32Array([0, 0, Number.NaN, 2]))}`, /finite/],
      [`?data=points&dp=${encodePoints(presetPoints("ring", 301, 1))}`, /at most 300 points/],
    ];
    for (const [q, re] of cases) {
      const r = readDataLink(q);
      expect(r.source, q).toBeNull();
      expect(r.messages[0], q).toMatch(re);
      expect(r.messages[0]).toMatch(/^Ignored data=.* using the course's mixture$/);
    }
    expect(decodePoints("")).toBeNull();
  });
});

describe("data set in the session file", () => {
  it("round-trips every kind and refuses bad ones", () => {
    const pts = Float32Array.from([0.1, 2, 3.5, -1, 2, 2]);
    for (const s of [
      { kind: "tutorial" as const },
      { kind: "preset" as const, name: "line" as const, n: 300, seed: 2 },
      { kind: "custom" as const, points: pts, label: "pasted (3 points)" },
    ]) {
      const json = JSON.parse(JSON.stringify(toSessionData(s)));
      const r = fromSessionData(json);
      expect(r.ok && r.source).toEqual(s);
    }
    expect(fromSessionData({ kind: "custom", label: "x", points: [1, "a"] })).toMatchObject({ ok: false });
    expect(fromSessionData({ kind: "custom", label: "x", points: [1, 2] })).toMatchObject({ ok: false });
    expect(fromSessionData({ kind: "preset", name: "ring", n: 1e9, seed: 0 })).toMatchObject({ ok: false });
    expect(fromSessionData("ring")).toMatchObject({ ok: false });
  });
});
