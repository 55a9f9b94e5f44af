// Input files: devices and FIFOs are refused before any read (a device reports size 0 and never
// ends; a FIFO with no writer blocks forever), the byte cap holds while reading, and every input
// of points is capped at MAX_POINTS with coordinates in a plausible range. Devices and FIFOs run
// as real processes: what matters is that the process ends, fast, with one line and exit 2.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, MAX_POINTS } from "../../src/core/config";
import { cli, expectOneLineError, inProcess } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "ddim-cli-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fifo = join(dir, "fifo");
execFileSync("mkfifo", [fifo]);
const fifoCsv = join(dir, "fifo.csv");
execFileSync("mkfifo", [fifoCsv]);
const aDir = join(dir, "a-directory");
mkdirSync(aDir);
/** A sparse regular file one byte over the cap: its reported size is honest, its content zeros. */
const huge = join(dir, "huge.json");
writeFileSync(huge, "");
truncateSync(huge, MAX_FILE_BYTES + 1);
const points = (n: number, v = 0.5) => JSON.stringify(Array.from({ length: n }, () => [v, -v]));
const F = {
  bigCsv: file("big.csv", `x,y\n${"# padding\n".repeat(500_000)}`),
  tooMany: file("too-many.json", points(MAX_POINTS + 1)),
  million: file("million.json", points(1_000_000)),
  maxOk: file("max-ok.json", points(2)),
  absurd: file("absurd.json", "[[1e300, -1e300], [0, 0]]"),
  farNoise: file("far-noise.json", "[[100.5, 0], [0, 0]]"),
  edgeNoise: file("edge-noise.json", "[[100, -100], [0, 0]]"),
  denormal: file("denormal.json", "[[5e-324, -5e-324], [2.2e-308, 0]]"),
  farSamples: file("far-samples.json", "[[1e6, 0], [-1e6, 1e6]]"),
  tooFarSamples: file("too-far-samples.json", "[[1000001, 0], [0, 0]]"),
  protoKey: file("proto.json", '{"__proto__": [[0, 0], [1, 1]]}'),
  ctorKey: file("ctor.json", '{"constructor": [[0, 0], [1, 1]], "toString": 1}'),
  protoSamples: file("proto-samples.json", '{"samples": [[0, 0], [1, 1]], "__proto__": {"samples": 5}}'),
};

/** Devices and FIFOs for every flag that reads a file, as real processes (each must end by itself). */
const SPECIAL: [string[], RegExp][] = [
  [["sample", "--noise", "/dev/zero"], /--noise: "\/dev\/zero" is not a regular file/],
  [["sample", "--model", "/dev/zero"], /--model: "\/dev\/zero" is not a regular file/],
  [["metrics", "--in", "/dev/zero"], /--in: "\/dev\/zero" is not a regular file/],
  [["metrics", "--in", "/dev/urandom"], /--in: "\/dev\/urandom" is not a regular file/],
  [["sample", "--noise", fifo], /--noise: ".*fifo" is not a regular file/],
  [["sample", "--model", fifo], /--model: ".*fifo" is not a regular file/],
  [["metrics", "--in", fifo], /--in: ".*fifo" is not a regular file/],
  [["train", "--data", fifoCsv, "--out", join(dir, "run")], /--data: ".*fifo.csv" is not a regular file/],
];

beforeAll(() => {
  for (const [args] of SPECIAL) void cli(args, 20_000);
});

describe("cli inputs: devices and FIFOs end at once with one line and exit 2", () => {
  for (const [args, message] of SPECIAL) {
    it(args.join(" ").replace(dir, "DIR"), async () => {
      const r = await cli(args, 20_000);
      expectOneLineError(r, message);
      expect(r.ms).toBeLessThan(15_000); // tsx start-up on a shared machine; a hang is killed at 20 s
    });
  }
});

/** [arguments, the one line it must give] in this process. */
const BAD: [string[], RegExp][] = [
  [["sample", "--noise", aDir], /--noise: ".*a-directory" is a directory, not a file/],
  [["metrics", "--in", aDir], /--in: ".*a-directory" is a directory, not a file/],
  [["metrics", "--in", huge], /--in: file ".*huge.json" is larger than 64 MB/],
  [["sample", "--data", F.bigCsv], /--data: file ".*big.csv" is larger than 4 MB/],
  [["sample", "--noise", huge], /--noise: file ".*huge.json" is larger than 64 MB/],
  [["sample", "--model", huge], /--model: file ".*huge.json" is larger than 64 MB/],
  [
    ["sample", "--noise", F.tooMany],
    /--noise: the noise file must be a JSON array .* it has more than 20000 points/,
  ],
  [["metrics", "--in", F.tooMany], /--in: the samples must be a JSON array .* it has more than 20000 points/],
  [["metrics", "--in", F.million], /--in: the samples must be a JSON array .* it has more than 20000 points/],
  [
    ["sample", "--noise", F.absurd],
    /--noise: the noise file .* item 0 is out of range \(coordinates must be from -100 to 100\)/,
  ],
  [["sample", "--noise", F.farNoise], /--noise: .* item 0 is out of range/],
  [
    ["metrics", "--in", F.absurd],
    /--in: the samples .* item 0 is out of range \(coordinates must be from -1000000 to 1000000\)/,
  ],
  [["metrics", "--in", F.tooFarSamples], /--in: .* item 0 is out of range/],
  [["metrics", "--in", F.protoKey], /--in: the samples .* the file does not hold an array/],
  [["metrics", "--in", F.ctorKey], /--in: the samples .* the file does not hold an array/],
  [["sample", "--noise", F.protoKey], /--noise: the noise file .* the file does not hold an array/],
];

describe("cli inputs: caps and ranges (in process)", () => {
  for (const [args, message] of BAD) {
    it(args.join(" ").replace(dir, "DIR"), async () => {
      const r = await inProcess(args);
      expectOneLineError(r, message);
    });
  }

  it("a million points are refused before the JSON is parsed (quickly)", async () => {
    const r = await inProcess(["metrics", "--in", F.million]);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(5_000);
  });
});

describe("cli inputs: edge values that make sense are accepted with finite results", () => {
  it("noise at the limit (+-100) and denormal noise give finite samples", async () => {
    for (const f of [F.edgeNoise, F.denormal]) {
      const r = await inProcess(["sample", "--noise", f, "--steps", "10"]);
      expect(r.code, r.stderr).toBe(0);
      const o = JSON.parse(r.stdout);
      expect(o.samples.flat().every(Number.isFinite)).toBe(true);
      expect(o.config.n).toBe(2);
    }
  });

  it("samples at +-1e6 get finite quality figures", async () => {
    const r = await inProcess(["metrics", "--in", F.farSamples]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout).metrics;
    expect(
      Object.values(m)
        .flat()
        .every((v) => typeof v === "number" && Number.isFinite(v)),
    ).toBe(true);
  });

  it("a sample file's own samples key is read; __proto__ in the file changes nothing", async () => {
    const r = await inProcess(["metrics", "--in", F.protoSamples]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(2);
  });

  it("two points are enough for metrics", async () => {
    const r = await inProcess(["metrics", "--in", F.maxOk]);
    expect(r.code, r.stderr).toBe(0);
  });
});
