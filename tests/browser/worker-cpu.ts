// CPU time of this browser's worker threads, read from /proc on the host (Linux), so a bench on a
// machine shared with other jobs can compare work done rather than wall time, which contention
// inflates. Exposed to the page as window.hostWorkerCpu(): ms of CPU of every DedicatedWorker
// thread under the browser launched with `marker` in its command line.
import { readdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const TICK_MS = 10; // USER_HZ = 100 on Linux

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** ppid of a process, from /proc/PID/stat (the field after the parenthesised name). */
function parentOf(pid: string): string | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? null;
}

function browserTree(marker: string): Set<string> {
  const pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  const root = pids.find((p) => read(`/proc/${p}/cmdline`)?.includes(marker));
  const tree = new Set<string>(root ? [root] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of pids) {
      const parent = parentOf(p);
      if (!tree.has(p) && parent && tree.has(parent)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return tree;
}

export interface ThreadCpu {
  pid: string;
  tid: string;
  /** The thread's name (comm): CrRendererMain or "chromium", DedicatedWorker, ThreadPoolForeg, ... */
  name: string;
  /** Chromium's process type (--type=renderer, gpu-process, ...), "browser" for the browser itself. */
  process: string;
  /** CPU time so far (user + system). */
  ms: number;
}

/** CPU ms of every thread of the browser launched with `marker` and of its child processes. */
export function browserThreadsCpu(marker: string): ThreadCpu[] {
  const out: ThreadCpu[] = [];
  for (const pid of browserTree(marker)) {
    const process = /--type=([a-z-]+)/.exec(read(`/proc/${pid}/cmdline`) ?? "")?.[1] ?? "browser";
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name = read(`/proc/${pid}/task/${tid}/comm`)?.trim() ?? "";
      out.push({ pid, tid, name, process, ms: (Number(f[11]) + Number(f[12])) * TICK_MS }); // utime + stime
    }
  }
  return out;
}

/** CPU ms per worker thread id ("pid/tid") of the browser's processes. */
export function workerCpu(marker: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of browserThreadsCpu(marker))
    if (t.name.startsWith("DedicatedWorker")) out[`${t.pid}/${t.tid}`] = t.ms;
  return out;
}

export async function exposeWorkerCpu(page: Page, marker: string): Promise<void> {
  await page.exposeFunction("hostWorkerCpu", () => workerCpu(marker));
}
