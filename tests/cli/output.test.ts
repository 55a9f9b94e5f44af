// Output locations are checked before any work (exit 2, one line): a directory, a device, a FIFO,
// a missing parent, /proc. Results go through a temporary file and a rename; when the final
// write fails anyway, the result is saved elsewhere and the message says where. (Permission
// errors, EACCES, cannot be produced here: the tests run as root, which bypasses file modes.)
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutputFile, prepareOutputDir, writeOutput } from "../../cli/output";
import { cli, expectOneLineError, inProcess } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "ddim-cli-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = join(dir, "fifo");
execFileSync("mkfifo", [fifo]);
const aFile = join(dir, "a-file");
writeFileSync(aFile, "x");
/** A run directory whose network.json is a directory: the old CLI trained to the end, then failed. */
const blocked = join(dir, "blocked");
mkdirSync(join(blocked, "network.json"), { recursive: true });

const SMALL_TRAIN = ["--steps", "3", "--width", "8", "--depth", "1", "--embed", "2", "--batch", "4"];

/** Real processes: these used to hang (/proc) or fail after the work. */
const SPAWNED: [string[], RegExp][] = [
  [["sample", "--n", "10", "--out", "/tmp"], /--out: "\/tmp" is a directory; give a file name/],
  [["sample", "--n", "10", "--out", "/dev/full"], /--out: "\/dev\/full" is not a regular file/],
  [["sample", "--n", "10", "--out", "/proc/x"], /--out: cannot write files in "\/proc"/],
  [["train", ...SMALL_TRAIN, "--out", "/proc/x"], /--out: cannot create the directory "\/proc\/x"/],
  [["train", ...SMALL_TRAIN, "--out", blocked], /--out: ".*blocked\/network.json" is a directory/],
  [["train", ...SMALL_TRAIN, "--out", "/dev/full"], /--out: "\/dev\/full" is not a directory/],
];

beforeAll(() => {
  for (const [args] of SPAWNED) void cli(args, 20_000);
});

describe("cli outputs: checked before any work (real processes)", () => {
  for (const [args, message] of SPAWNED) {
    it(args.join(" ").replace(dir, "DIR"), async () => {
      const r = await cli(args, 20_000);
      expectOneLineError(r, message); // one line: no "training ..." progress was printed first
      expect(r.ms).toBeLessThan(15_000);
    });
  }
});

const BAD: [string[], RegExp][] = [
  [["sample", "--n", "10", "--out", fifo], /--out: ".*fifo" is not a regular file/],
  [
    ["sample", "--n", "10", "--out", join(dir, "missing", "x.json")],
    /--out: the directory ".*missing" does not exist/,
  ],
  [
    ["sample", "--n", "10", "--out", join(aFile, "x.json")],
    /--out: cannot use ".*a-file\/x.json" \(a part of the path is not a directory\)/,
  ],
  [
    ["sample", "--n", "10", "--out", `${dir}/${"d".repeat(300)}/x.json`],
    /--out: cannot use ".{60}\.\.\." \(the path is too long\)/,
  ],
  [["train", ...SMALL_TRAIN, "--out", aFile], /--out: ".*a-file" is not a directory/],
  [
    ["train", ...SMALL_TRAIN, "--out", join(aFile, "run")],
    /--out: cannot use ".*a-file\/run" \(a part of the path is not a directory\)/,
  ],
];

describe("cli outputs: checked before any work (in process)", () => {
  for (const [args, message] of BAD) {
    it(args.join(" ").replace(dir, "DIR").slice(0, 120), async () => {
      expectOneLineError(await inProcess(args), message);
    });
  }

  it("train creates missing levels of --out one by one and leaves no temporary file", async () => {
    const out = join(dir, "new", "deeper");
    const r = await inProcess(["train", ...SMALL_TRAIN, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(["network.json"]);
  });

  it("sample --out replaces an existing file and leaves no temporary file", async () => {
    const sub = join(dir, "replace");
    mkdirSync(sub);
    const target = join(sub, "s.json");
    writeFileSync(target, "old");
    const r = await inProcess(["sample", "--n", "10", "--steps", "5", "--out", target]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(target, "utf8")).samples).toHaveLength(10);
    expect(readdirSync(sub)).toEqual(["s.json"]);
  });
});

describe("writeOutput: a final write that fails saves the result elsewhere and says where", () => {
  it("the directory vanished between the check and the write", () => {
    const gone = join(dir, "gone");
    mkdirSync(gone);
    const path = checkOutputFile(join(gone, "result.json"), "out");
    rmSync(gone, { recursive: true });
    let message = "";
    try {
      writeOutput(path, "the result\n");
    } catch (err) {
      message = (err as Error).message;
    }
    const m = message.match(
      /^could not write ".*result.json" \(it does not exist\); the result was saved to (\S+)$/,
    );
    expect(m, message).not.toBeNull();
    const saved = m?.[1] ?? "";
    expect(saved.startsWith(tmpdir())).toBe(true);
    expect(readFileSync(saved, "utf8")).toBe("the result\n");
    rmSync(saved);
  });

  it("prepareOutputDir refuses before creating anything under a file", () => {
    expect(() => prepareOutputDir(join(aFile, "a", "b"), "network.json", "out")).toThrow(
      /is not a directory/,
    );
    expect(existsSync(join(aFile, "a"))).toBe(false);
  });
});
