// The command line: every bad flag or file exits 2 with exactly one line on stderr naming the flag;
// good runs write the documented JSON. Every bad case runs in this process through the command
// functions with cli/main.ts's rule for usage errors ("error: <message>", exit 2); the cases marked
// SPAWN (one per kind of error) and all good runs also run as real processes, to show that main.ts
// applies that rule. Processes cost about 1 s of tsx start-up each: two run at a time, all started
// before the first test awaits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_INFO } from "../../cli/flags";
import { SAMPLER_KINDS } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { makeGrid } from "../../src/core/grids";
import { quality, Reference } from "../../src/core/metrics";
import { COMMANDS, cli, expectOneLineError, inProcess, type Result } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "ddim-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const F = {
  notJson: file("not.json", "hello"),
  nan: file("nan.json", "[[NaN, 0], [1, 2]]"),
  inf: file("inf.json", "[[1e999, 0], [1, 2]]"),
  nullPair: file("null.json", "[[0, 1], [null, 2]]"),
  triple: file("triple.json", "[[1, 2, 3]]"),
  object: file("object.json", '{"points": [[1, 2]]}'),
  empty: file("empty.json", "[]"),
  one: file("one.json", "[[0.5, 0.5]]"),
  good: file("good.json", "[[0.1, -0.2], [1.5, 0.3], [-0.7, 2.2]]"),
  notNetwork: file("notnet.json", '{"weights": [1, 2]}'),
};
const missing = join(dir, "does-not-exist.json");
const out = (name: string) => join(dir, name);

const SPAWN = true;

/** [arguments, what the one stderr line must match (it names the flag), also as a process?] */
const BAD: [string[], RegExp, boolean?][] = [
  [["sample", "--colour", "red"], /unknown flag --colour; allowed: --model, --sampler/, SPAWN],
  [["frobnicate"], /unknown command "frobnicate"; commands: sample, metrics, train/, SPAWN],
  // built-in property names of a plain object are unknown commands too (a Map, not an object)
  [["__proto__"], /unknown command "__proto__"; commands: sample, metrics, train/, SPAWN],
  [["constructor"], /unknown command "constructor"; commands: sample, metrics, train/, SPAWN],
  [["toString"], /unknown command "toString"; commands: sample, metrics, train/, SPAWN],
  [["valueOf"], /unknown command "valueOf"; commands: sample, metrics, train/, SPAWN],
  [["sample", "--constructor", "1"], /unknown flag --constructor; allowed: --model/, SPAWN],
  [["sample", "--__proto__", "1"], /unknown flag --__proto__; allowed: --model/],
  [["train", "--hasOwnProperty", "1", "--out", out("t0")], /unknown flag --hasOwnProperty; allowed: --steps/],
  [[], /a command is required: sample, metrics, train/, SPAWN],
  [["sample", "oracle"], /unexpected argument "oracle"; flags look like --name value/, SPAWN],
  [["sample", "--steps"], /flag --steps needs a value/],
  [["sample", "--steps", "5", "--steps", "6"], /flag --steps is given twice/],
  [
    ["sample", "--sampler", "bad"],
    /--sampler: sampler must be one of ddim, ddpm, euler, heun, dpmpp2m/,
    SPAWN,
  ],
  [["sample", "--steps", "0"], /--steps: steps must be from 1/],
  [["sample", "--steps", "501"], /--steps: steps must be a whole number from 1 to T=500/, SPAWN],
  [["sample", "--steps", "20", "--T", "10"], /--steps: steps must be a whole number from 1 to T=10/],
  [["sample", "--steps", "2.5"], /--steps: steps must be a whole number/],
  [["sample", "--eta", "1.5"], /--eta: eta must be from 0 to 1/],
  [["sample", "--eta", "-0.1"], /--eta: eta must be from 0 to 1/],
  [["sample", "--eta", "abc"], /--eta must be a number written like 12, 0.5 or 1e-3, got "abc"/, SPAWN],
  [["sample", "--spacing", "bad"], /--spacing: spacing must be one of leading, trailing, linspace/],
  [["sample", "--schedule", "bad"], /--schedule: schedule must be one of linear, cosine/],
  [["sample", "--T", "bad"], /--T must be a number written like 12, 0.5 or 1e-3, got "bad"/],
  [["sample", "--T", "5"], /--T: T must be from 10 to 2000/],
  [["sample", "--units", "bad"], /--units: units must be one of standardized, raw/],
  [["sample", "--variance", "bad"], /--variance: variance must be one of small, large/],
  [["sample", "--n", "0"], /--n: n must be a whole number from 2 to 20000/],
  [["sample", "--n", "20001"], /--n: n must be a whole number from 2 to 20000/],
  // one number grammar: plain decimals only
  [["sample", "--n", "0x10"], /--n must be a number written like 12, 0.5 or 1e-3, got "0x10"/, SPAWN],
  [["sample", "--n", "0b11"], /--n must be a number written like 12, 0.5 or 1e-3, got "0b11"/],
  [["sample", "--n", "0o7"], /--n must be a number written like 12, 0.5 or 1e-3, got "0o7"/],
  [["sample", "--steps", "1_0"], /--steps must be a number written like 12, 0.5 or 1e-3, got "1_0"/],
  [["sample", "--eta", "0.5abc"], /--eta must be a number written like 12, 0.5 or 1e-3, got "0.5abc"/],
  [["sample", "--T", "Infinity"], /--T must be a number written like 12, 0.5 or 1e-3, got "Infinity"/],
  [
    ["train", "--lr", "0x1", "--out", out("t3")],
    /--lr must be a number written like 12, 0.5 or 1e-3, got "0x1"/,
  ],
  // a value is echoed cut and on one line
  [
    ["sample", "--eta", "9".repeat(100_000)],
    /--eta must be a number written like 12, 0.5 or 1e-3, got "9{60}\.\.\."$/,
    SPAWN,
  ],
  [
    ["sample", "--sampler", "ddim\nerror: fake"],
    /--sampler: sampler must be one of .*, got "ddim\\nerror: fake"$/,
  ],
  [["sample", "--sampler", "ddim\nfake"], /--sampler: sampler must be one of .*, got "ddim\\nfake"$/, SPAWN],
  [["sample", "x".repeat(100_000)], /unexpected argument "x{60}\.\.\."; flags look like/],
  // --backend is checked even when the model (an oracle) does not use it
  [["sample", "--backend", "nonsense"], /--backend: backend must be one of wasm, cpu, got "nonsense"/, SPAWN],
  [["sample", "--model", "empirical", "--backend", "webgl"], /--backend: backend must be one of wasm, cpu/],
  [["sample", "--seed", "-1"], /--seed: seed must be from 0 to 2147483647/, SPAWN],
  [["sample", "--noise", missing], /--noise: cannot read file/, SPAWN],
  [["sample", "--noise", F.notJson], /--noise: file ".*not.json" is not valid JSON/],
  [["sample", "--noise", F.nan], /--noise: file ".*nan.json" is not valid JSON/, SPAWN],
  [["sample", "--noise", F.inf], /--noise: the noise file .* item 0 is not two finite numbers/],
  [["sample", "--noise", F.nullPair], /--noise: the noise file .* item 1 is not two finite numbers/],
  [["sample", "--noise", F.triple], /--noise: the noise file .* item 0 is not a pair/],
  [["sample", "--noise", F.object], /--noise: the noise file .* the file does not hold an array/],
  [["sample", "--noise", F.empty], /--noise: the noise file .* the array is empty/],
  [["sample", "--noise", F.one], /--noise: the noise file .* it needs at least 2 points/],
  [["metrics", "--in", F.one], /--in: the samples .* it needs at least 2 points/],
  [["sample", "--n", "1"], /--n: n must be a whole number from 2 to 20000/],
  [["sample", "--noise", F.good, "--n", "5"], /--n: not allowed with --noise/, SPAWN],
  [["sample", "--model", missing], /--model: cannot read file/],
  [["sample", "--model", F.notNetwork], /--model: invalid network file/, SPAWN],
  [["metrics"], /--in FILE is required/, SPAWN],
  [["metrics", "--in", missing], /--in: cannot read file/],
  [["metrics", "--in", F.notJson], /--in: file ".*" is not valid JSON/],
  [
    ["metrics", "--in", F.triple],
    /--in: the samples must be a JSON array of \[x, y\] pairs; item 0 is not/,
    SPAWN,
  ],
  [["metrics", "--in", F.object], /--in: the samples must be .* the file does not hold an array/],
  [["metrics", "--bogus", "x"], /unknown flag --bogus; allowed: --in/],
  [["train", "--steps", "-5", "--out", out("t1")], /--steps: training steps must be from 1/, SPAWN],
  [["train", "--backend", "foo", "--out", out("t2")], /--backend: backend must be one of wasm, cpu/, SPAWN],
  [["train", "--steps", "5"], /--out DIR is required/, SPAWN],
];

const GOOD = {
  stdout: ["sample", "--n", "200", "--steps", "10", "--seed", "3"],
  toFile: ["sample", "--n", "200", "--steps", "10", "--seed", "3", "--out", out("sample.json")],
  heun: [
    "sample",
    "--sampler",
    "heun",
    "--steps",
    "6",
    "--n",
    "50",
    "--units",
    "raw",
    "--spacing",
    "leading",
  ],
  noise: ["sample", "--noise", F.good, "--sampler", "ddpm", "--steps", "20", "--T", "100", "--seed", "5"],
  plainMetrics: ["metrics", "--in", F.good],
  ddpmDefault: ["sample", "--sampler", "ddpm", "--n", "20", "--T", "100", "--seed", "1"],
  help: ["--help"],
};
let metricsOfFile: Promise<Result>;

beforeAll(() => {
  // Start every process now so the two slots never sit idle while a test checks its result.
  metricsOfFile = cli(GOOD.toFile).then(() => cli(["metrics", "--in", out("sample.json")]));
  for (const args of Object.values(GOOD)) void cli(args);
  for (const [args, , spawned] of BAD) if (spawned) void cli(args);
});

const label = (args: string[]) =>
  args
    .map((a) => (a.length > 80 ? `${a.slice(0, 20)}...(${a.length} chars)` : a.replace(dir, "DIR")))
    .join(" ") || "(no command)";

describe("cli: every bad flag or file exits 2 with one line on stderr naming it", () => {
  for (const [args, message] of BAD) {
    if (!COMMANDS.has(args[0])) continue; // no command, unknown command: main.ts only (below)
    it(label(args), async () => {
      expectOneLineError(await inProcess(args), message);
    });
  }
});

describe("cli: the same through real processes (cli/main.ts), one case per kind of error", () => {
  for (const [args, message, spawned] of BAD) {
    if (!spawned) continue;
    it(label(args), async () => {
      expectOneLineError(await cli(args), message);
    });
  }
});

describe("cli: good runs", () => {
  const ds = tutorialDataset();

  it("sample writes JSON with config, grid, nfe, ms, raw-unit samples and metrics, equal to the core's run", async () => {
    const r = await cli(GOOD.stdout);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(Object.keys(o).sort()).toEqual(["config", "grid", "metrics", "ms", "nfe", "samples"]);
    expect(o.config).toEqual({
      model: "oracle",
      data: "tutorial",
      sampler: "ddim",
      steps: 10,
      eta: 0,
      spacing: "trailing",
      variance: "small",
      T: 500,
      schedule: "linear",
      units: "standardized",
      n: 200,
      seed: 3,
      noise: null,
    });
    expect(o.grid).toEqual(makeGrid("trailing", 500, 10));
    expect(o.nfe).toBe(10);
    expect(typeof o.ms).toBe("number");
    expect(o.ms).toBeGreaterThanOrEqual(0);
    // the same run in this process: same samples (raw units) and same figures
    const problem = makeProblem(ds, { T: 500, schedule: "linear", units: "standardized" });
    const run = runSampler(problem, oraclePredictor(problem, "oracle"), o.config, drawXT(200, 3), 3);
    expect(o.samples).toHaveLength(200);
    expect(o.samples.flat()).toEqual(Array.from(run.raw));
    expect(o.metrics).toEqual(quality(run.raw, new Reference(ds.mixture, ds.points)));
  });

  it("--out writes the same JSON to a file and nothing to stdout", async () => {
    const [toStdout, toFile] = await Promise.all([cli(GOOD.stdout), cli(GOOD.toFile)]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe("");
    expect(toFile.stderr).toBe("");
    const a = JSON.parse(toStdout.stdout);
    const b = JSON.parse(readFileSync(out("sample.json"), "utf8"));
    for (const key of ["config", "grid", "nfe", "samples", "metrics"]) expect(b[key]).toEqual(a[key]);
  });

  it("metrics --in on the sample file's samples gives the same metrics", async () => {
    const r = await metricsOfFile;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const file = JSON.parse(readFileSync(out("sample.json"), "utf8"));
    const m = JSON.parse(r.stdout);
    expect(m.n).toBe(200);
    expect(m.metrics).toEqual(file.metrics);
  });

  it("metrics --in also takes a plain array of [x, y] pairs", async () => {
    const r = await cli(GOOD.plainMetrics);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.n).toBe(3);
    const pts = Float64Array.from(JSON.parse(readFileSync(F.good, "utf8")).flat());
    expect(m.metrics).toEqual(quality(pts, new Reference(ds.mixture, ds.points)));
  });

  it("Heun reports NFE 2S - 1, raw units and the leading grid as asked", async () => {
    const r = await cli(GOOD.heun);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.nfe).toBe(11);
    expect(o.grid).toEqual(makeGrid("leading", 500, 6));
    expect(o.config.units).toBe("raw");
    expect(o.samples).toHaveLength(50);
  });

  it("--noise fixes x_T and n; a stochastic sampler's z's come from --seed", async () => {
    const r = await cli(GOOD.noise);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.config.n).toBe(3);
    expect(o.config.noise).toBe(F.good);
    const problem = makeProblem(ds, { T: 100, schedule: "linear", units: "standardized" });
    const xT = JSON.parse(readFileSync(F.good, "utf8")).flat();
    const run = runSampler(problem, oraclePredictor(problem, "oracle"), o.config, xT, 5);
    expect(o.samples.flat()).toEqual(Array.from(run.raw));
  });

  it("DDPM without --steps runs the full chain (S = T), its documented default", async () => {
    const r = await cli(GOOD.ddpmDefault);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.config.steps).toBe(100);
    expect(o.nfe).toBe(100);
    expect(o.grid).toEqual(makeGrid("trailing", 100, 100));
  });

  it("DDIM without --steps still takes 50 (in process)", async () => {
    const r = await inProcess(["sample", "--n", "5", "--T", "100"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.steps).toBe(50);
  });

  it("--help prints the usage on stdout and exits 0", async () => {
    const r = await cli(GOOD.help);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^usage: cli <command> \[flags\]/);
    for (const command of ["sample", "metrics", "train"]) expect(r.stdout).toContain(`  ${command} `);
    // written from the flag tables and the sampler list: every flag and sampler is in it
    for (const [command, info] of COMMAND_INFO) {
      const section = r.stdout.split(`${command} flags:\n`)[1]?.split(/\n\S/)[0] ?? "";
      for (const flag of Object.keys(info.flags)) expect(section).toContain(`--${flag} `);
    }
    for (const sampler of SAMPLER_KINDS) expect(r.stdout).toMatch(new RegExp(`\\b${sampler}\\b`));
  });
});
