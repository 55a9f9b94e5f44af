import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSetting, DEFAULT_SETTINGS, SETTING_PROPS, type Settings } from "../../src/state/settings";
import { readUrl, writeUrl } from "../../src/state/url";

/** Every field of a Settings object passes the same check a control applies. */
function expectValid(s: Settings) {
  for (const p of SETTING_PROPS) {
    const r = checkSetting(p.key, s[p.key], s.T);
    expect(r.ok, `${p.key}=${String(s[p.key])}`).toBe(true);
  }
}

describe("the link (URL) carries the settings", () => {
  it("an empty query gives the defaults and no messages", () => {
    const r = readUrl("");
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.messages).toEqual([]);
    expect(r.hidden.size).toBe(0);
  });

  it("good values are read, typed and validated", () => {
    const r = readUrl("?T=1000&schedule=cosine&S=20&spacing=leading&lr=0.0005&backend=cpu");
    expect(r.messages).toEqual([]);
    expect(r.settings).toMatchObject({
      T: 1000,
      schedule: "cosine",
      S: 20,
      spacing: "leading",
      lr: 0.0005,
    });
    expect(r.settings.backend).toBe("cpu");
  });

  it("a bad field falls back to its default alone and says why, naming the setting", () => {
    const r = readUrl("?lr=50&T=1000&width=abc&schedule=quadratic");
    expect(r.settings.lr).toBe(DEFAULT_SETTINGS.lr);
    expect(r.settings.width).toBe(DEFAULT_SETTINGS.width);
    expect(r.settings.schedule).toBe(DEFAULT_SETTINGS.schedule);
    expect(r.settings.T).toBe(1000);
    expect(r.messages.some((m) => m.startsWith("Ignored lr=50 from the link: "))).toBe(true);
    expect(r.messages.some((m) => m.startsWith("Ignored width=abc from the link: width must be"))).toBe(true);
    expect(r.messages.some((m) => m.includes("schedule must be one of linear, cosine"))).toBe(true);
  });

  it("S is checked against the T of the same link, whatever the order", () => {
    expect(readUrl("?S=800&T=1000").settings.S).toBe(800);
    const r = readUrl("?S=800&T=100");
    expect(r.settings.S).toBe(DEFAULT_SETTINGS.S);
    expect(r.messages[0]).toBe("Ignored S=800 from the link: S must be a whole number from 1 to T=100");
  });

  it("t beyond T-1 and fractional integers are rejected", () => {
    expect(readUrl("?T=50&t=60").messages[0]).toContain("t must be from 0 to T-1=49");
    expect(readUrl("?batch=2.5").messages[0]).toContain("batch size must be a whole number");
    expect(readUrl("?seed=1e3").settings.seed).toBe(1000);
    expect(readUrl("?lr=0x10").messages[0]).toContain("learning rate must be a number");
  });

  it("hide= hides controls and panels; unknown names are reported", () => {
    const r = readUrl("?hide=lr,backend,training&hide=nonsense");
    expect([...r.hidden].sort()).toEqual(["backend", "lr", "training"]);
    expect(r.messages).toEqual([
      "Ignored hide=nonsense from the link: there is no control or panel named so",
    ]);
  });

  it("writes only what differs from the defaults and reads back the same settings", () => {
    const s: Settings = { ...DEFAULT_SETTINGS, T: 1000, schedule: "cosine", S: 999 };
    const q = writeUrl(s, ["lr", "compare"]);
    expect(q).toBe("?T=1000&schedule=cosine&S=999&hide=lr,compare");
    const back = readUrl(q);
    expect(back.settings).toEqual(s);
    expect([...back.hidden]).toEqual(["lr", "compare"]);
    expect(writeUrl(DEFAULT_SETTINGS)).toBe("");
  });

  it("keeps other panels' query parameters it does not own", () => {
    expect(writeUrl({ ...DEFAULT_SETTINGS, lr: 0.001 }, [], "?cols=abc&lr=0.3")).toBe("?cols=abc&lr=0.001");
  });

  it("1000+ random query strings each give valid settings or clear messages, never a throw", () => {
    const key = fc.constantFrom(...SETTING_PROPS.map((p) => p.key), "hide", "junk", "");
    const value = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.integer({ min: -5000, max: 5000 }).map(String),
      fc.constantFrom(
        "NaN",
        "Infinity",
        "-0",
        "1e308",
        "linear",
        "cosine",
        "ddim",
        "cpu",
        "",
        "%",
        "%%ZZ",
        "a,b,,lr",
      ),
    );
    const query = fc
      .array(fc.tuple(key, value), { maxLength: 12 })
      .map(
        (pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`,
      );
    const raw = fc.string({ maxLength: 200 });
    fc.assert(
      fc.property(fc.oneof(query, raw), (q) => {
        const r = readUrl(q);
        expectValid(r.settings);
        for (const m of r.messages) {
          expect(m.length).toBeLessThan(300);
          expect(m).toMatch(
            /^(Ignored \S.*from the link: |From the link: |\.\.\.and \d+ more like these\.$)/,
          );
        }
        // What was read and then written reads back identically, with no messages.
        const again = readUrl(writeUrl(r.settings, r.hidden));
        expect(again.settings).toEqual(r.settings);
        expect(again.messages).toEqual([]);
      }),
      { numRuns: 1200 },
    );
  });
});
