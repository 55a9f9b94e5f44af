// What the stack probes (tfjs-stack-perf.ts, tfjs-stack-probe.ts) read from Linux perf: samples
// recorded with `perf record -e cpu-clock --user-regs=sp`, printed by
// `perf script -F tid,time,ip,uregs`, reduced to the stack pointer in the busiest thread's hottest
// code, the gemm's inner loop (docs/tfjs-slowdown-notes.md).

export interface PerfSample {
  tid: string;
  /** Seconds, perf's clock. */
  time: number;
  ip: bigint;
  sp: bigint;
}

/** The fields `perf script` must print for perfSamples. */
export const PERF_SCRIPT_FIELDS = "tid,time,ip,uregs";

export function perfSamples(script: string): PerfSample[] {
  return [...script.matchAll(/^\s*(\d+)\s+([\d.]+):\s+([0-9a-f]+)\s.*SP:0x([0-9a-f]+)/gm)].map((m) => ({
    tid: m[1],
    time: Number(m[2]),
    ip: BigInt(`0x${m[3]}`),
    sp: BigInt(`0x${m[4]}`),
  }));
}

/** Each value with how often it occurs, most frequent first. */
export function tally<K>(xs: K[]): [K, number][] {
  const c = new Map<K, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1]);
}

/** The 256-byte stretch of code an address falls in. */
export const codeBin = (ip: bigint): bigint => ip >> 8n;

/** The busiest thread's samples and its hottest 256-byte stretch of code. */
export function busiestHot(samples: PerfSample[]): {
  tid: string | undefined;
  mine: PerfSample[];
  hot: bigint;
} {
  const tid = tally(samples.map((s) => s.tid))[0]?.[0];
  const mine = samples.filter((s) => s.tid === tid);
  return { tid, mine, hot: tally(mine.map((s) => codeBin(s.ip)))[0]?.[0] ?? 0n };
}

/** The most frequent stack pointers: "...8ef8 (mod 64 = 56) x12, ...". */
export function commonSps(sps: bigint[], most: number): string {
  return tally(sps)
    .slice(0, most)
    .map(([sp, n]) => `...${(sp & 0xffffn).toString(16)} (mod 64 = ${sp & 63n}) x${n}`)
    .join(", ");
}
