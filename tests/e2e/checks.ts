// The check runner of the end-to-end test: one line per check ("ok  name (figures)" or
// "FAIL name (detail)"), a summary line, and the watchdog's way to stop reporting.

export const tally = { passed: 0, failed: 0 };
/** Set by the watchdog: the remaining checks are skipped, not reported as failures. */
let timedOut = false;
export const stopReporting = () => {
  timedOut = true;
};
export const isStopped = () => timedOut;
const started = Date.now();

/** Runs one check; its return value (if any) is printed after the name as a figure. */
export async function check(name: string, fn: () => Promise<unknown>): Promise<boolean> {
  if (timedOut) return false;
  try {
    const note = await fn();
    if (timedOut) return false;
    tally.passed++;
    console.log(`ok  ${name}${typeof note === "string" && note ? ` (${note})` : ""}`);
    return true;
  } catch (e) {
    if (timedOut) return false;
    tally.failed++;
    const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    console.log(`FAIL ${name} (${msg})`);
    return false;
  }
}

export function expect(cond: boolean, detail: string): void {
  if (!cond) throw new Error(detail);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls read() until ok(value) or the timeout; returns the value, or throws with the last one. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout: number): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeout) throw new Error(`still ${JSON.stringify(v)} after ${timeout / 1000} s`);
    await sleep(100);
  }
}

export function finish(): never {
  console.log(`e2e run: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}
