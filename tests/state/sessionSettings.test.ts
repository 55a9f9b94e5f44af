// Settings inside a session file are checked whole, by own-property lookups, and every refusal is
// reported (capped); link and file message lists are capped.
import { describe, expect, it } from "vitest";
import { capMessages, isQuotaError, messageOf } from "../../src/state/messages";
import { parseSession } from "../../src/state/persist";
import { settingsFromFile } from "../../src/state/sessionSettings";
import {
  checkSetting,
  coerce,
  DEFAULT_SETTINGS,
  isSettingKey,
  limitsOf,
  SETTING_PROPS,
} from "../../src/state/settings";
import { readUrl } from "../../src/state/url";

describe("settings from a file", () => {
  it("built-in names are unknown settings, not a crash; bad values are named; good ones applied", () => {
    const raw = JSON.parse(
      '{"constructor": 1, "toString": "x", "hasOwnProperty": 2, "__proto__": {"eta": 1}, "eta": 5, "T": "abc", "backend": "evil", "width": 64}',
    );
    const r = settingsFromFile(raw, DEFAULT_SETTINGS);
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, width: 64 });
    expect(r.notes.join("\n")).toContain('ignored "constructor": there is no setting of that name');
    expect(r.notes.join("\n")).toContain("...and");
    const all = settingsFromFile({ eta: 5, T: "abc", backend: "evil" }, DEFAULT_SETTINGS).notes;
    expect(all).toEqual([
      'ignored T = "abc": T must be a number',
      "ignored eta = 5: eta must be from 0 to 1",
      'ignored backend = "evil": backend must be one of wasm, cpu, webgl (got the text "evil")',
    ]);
  });

  it("own-property lookups everywhere: checkSetting, coerce, isSettingKey", () => {
    for (const name of ["constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"]) {
      expect(isSettingKey(name)).toBe(false);
      expect(checkSetting(name as never, 1)).toEqual({
        ok: false,
        error: `there is no setting named ${name}`,
      });
      expect(coerce(name as never, "1")).toBe("1");
    }
  });

  it("a string version is not reported as that number", () => {
    const r = parseSession({ format: "ddim-lab-session", version: "1" });
    expect(r).toEqual({ ok: false, error: 'the file is version "1"; this DDIM Lab reads version 1' });
  });

  it("the library's default texts never reach the user", () => {
    const r = parseSession({
      format: "ddim-lab-session",
      version: 1,
      savedAt: "",
      network: {},
      settings: {},
      loss: [{ step: "x", loss: 1 }],
    });
    expect(r).toEqual({ ok: false, error: "the file is damaged (a loss point's step must be a number)" });
  });
});

describe("controls read their limits from the zod schemas", () => {
  it("every whole-number setting has finite limits that the schema enforces", () => {
    for (const p of SETTING_PROPS) {
      if (p.kind !== "int") continue;
      const { min, max } = limitsOf(p.key);
      expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
      expect(p.schema.safeParse(max).success || p.key === "embedDim").toBe(true);
      expect(p.schema.safeParse(max + 1).success).toBe(false);
      expect(p.schema.safeParse(min - 1).success).toBe(false);
    }
  });
});

describe("message lists", () => {
  it("hide= with 2000 unknown names gives a few messages and a count", () => {
    const names = Array.from({ length: 2000 }, (_, i) => `nope${i}`).join(",");
    const r = readUrl(`?hide=__proto__,constructor,toString,lr,${names}`);
    expect(r.messages.length).toBeLessThanOrEqual(5);
    expect(r.messages.at(-1)).toBe("...and 1999 more like these.");
    expect([...r.hidden]).toEqual(["lr"]);
  });

  it("capMessages keeps short lists as they are", () => {
    expect(capMessages(["a", "b"])).toEqual(["a", "b"]);
    expect(capMessages(["a", "b", "c"], 2)).toEqual(["a", "...and 2 more like these."]);
  });

  it("an error with an empty message (a full quota) still says what happened", () => {
    const quota = new DOMException("", "QuotaExceededError");
    expect(isQuotaError(quota)).toBe(true);
    expect(messageOf(quota)).toBe("the browser's storage for this site is full");
    expect(messageOf(new Error("x"))).toBe("x");
  });
});
