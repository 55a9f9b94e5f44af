// Shared by the CLI tests: real `cli/main.ts` processes (at most two at a time, memoised by their
// arguments), the command functions run in this process with main.ts's rule for usage errors, and
// the one-line error check.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, vi } from "vitest";
import { UsageError } from "../../cli/args";
import { metricsCommand } from "../../cli/metrics";
import { sampleCommand } from "../../cli/sample";
import { trainCommand } from "../../cli/train";

export const ROOT = join(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the process (or the in-process call), ms. */
  ms: number;
}

let running = 0;
const waiting: (() => void)[] = [];
const runs = new Map<string, Promise<Result>>();

/** One CLI process (memoised by its arguments), at most two at a time; killed after timeoutMs. */
export function cli(args: string[], timeoutMs = 30_000): Promise<Result> {
  const key = JSON.stringify(args);
  let p = runs.get(key);
  if (!p) {
    p = (async () => {
      if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await new Promise<Result>((resolve, reject) => {
          const t0 = performance.now();
          const child = spawn(process.execPath, [TSX, "cli/main.ts", ...args], { cwd: ROOT });
          // A hung process (a FIFO read, a recursive mkdir loop) fails its test instead of the suite.
          const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d) => {
            stdout += d;
          });
          child.stderr.on("data", (d) => {
            stderr += d;
          });
          child.on("error", reject);
          child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, ms: performance.now() - t0 });
          });
        });
      } finally {
        running--;
        waiting.shift()?.();
      }
    })();
    runs.set(key, p);
  }
  return p;
}

export const COMMANDS: ReadonlyMap<string, (args: string[]) => Promise<number>> = new Map([
  ["sample", sampleCommand],
  ["metrics", metricsCommand],
  ["train", trainCommand],
]);

/** A command run in this process, with cli/main.ts's rule for usage errors. */
export async function inProcess(args: string[]): Promise<Result> {
  const [name, ...rest] = args;
  const command = COMMANDS.get(name);
  if (!command) throw new Error(`no command ${name}`);
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const t0 = performance.now();
  try {
    const code = await command(rest);
    return { code, stdout, stderr, ms: performance.now() - t0 };
  } catch (err) {
    if (err instanceof UsageError)
      return { code: 2, stdout, stderr: `${stderr}error: ${err.message}\n`, ms: performance.now() - t0 };
    const msg = err instanceof Error ? err.message : String(err);
    return { code: 1, stdout, stderr: `${stderr}error: ${msg}\n`, ms: performance.now() - t0 };
  } finally {
    vi.restoreAllMocks();
  }
}

/** Exit 2 (or code), nothing on stdout, exactly one short "error: " line on stderr matching message. */
export function expectOneLineError(r: Result, message: RegExp, code = 2) {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.endsWith("\n")).toBe(true);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(lines[0].length).toBeLessThan(400);
  expect(r.stdout).toBe("");
}
