// Output locations, checked before any work: a run never ends in "cannot write" after its work
// is done. Results are written to a temporary file in the same directory and renamed (a reader
// never sees half a file); if that final write still fails, the result goes to the system's
// temporary directory and the message says where.
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { shown, UsageError } from "./args";

const REASONS: Record<string, string> = {
  ENOENT: "it does not exist",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many symbolic links",
  EEXIST: "it already exists",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/** A system error as a few words (the raw text names syscalls and repeats the path). */
export function reason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") return Object.hasOwn(REASONS, code) ? REASONS[code] : code;
  return "unknown error";
}

/** Why a new file or directory could not be made: ENOENT under an existing directory means /proc and the like. */
function createReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ENOENT" ? "this file system does not take new files" : reason(err);
}

function stat(path: string, flag: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    throw new UsageError(`--${flag}: cannot use ${shown(path)} (${reason(err)})`);
  }
}

/** Creates and removes a file in dir: the one test that catches /proc, read-only mounts and EACCES alike. */
function probeDirectory(dir: string, flag: string): void {
  const probe = join(dir, `.ddim-lab-probe-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
    unlinkSync(probe);
  } catch (err) {
    throw new UsageError(`--${flag}: cannot write files in ${shown(dir)} (${createReason(err)})`);
  }
}

/**
 * Checks a file to be written: it is not a directory, device or FIFO, its directory exists, and a
 * new file can be created there. Returns the absolute path.
 */
export function checkOutputFile(path: string, flag: string): string {
  const abs = resolve(path);
  const st = stat(abs, flag);
  if (st?.isDirectory()) throw new UsageError(`--${flag}: ${shown(path)} is a directory; give a file name`);
  if (st && !st.isFile())
    throw new UsageError(
      `--${flag}: ${shown(path)} is not a regular file (a device, FIFO or socket); leave out --${flag} to write to stdout`,
    );
  const dir = dirname(abs);
  const dst = stat(dir, flag);
  if (!dst) throw new UsageError(`--${flag}: the directory ${shown(dir)} does not exist`);
  if (!dst.isDirectory()) throw new UsageError(`--${flag}: ${shown(dir)} is not a directory`);
  probeDirectory(dir, flag);
  return abs;
}

/**
 * Makes sure DIR exists (creating missing levels one by one, never with a recursive mkdir, which
 * loops forever under /proc) and that DIR/name can be written. Returns the absolute file path.
 */
export function prepareOutputDir(dir: string, name: string, flag: string): string {
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  let st = stat(p, flag);
  while (!st) {
    missing.unshift(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
    st = stat(p, flag);
  }
  if (st && !st.isDirectory()) throw new UsageError(`--${flag}: ${shown(p)} is not a directory`);
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (err) {
      throw new UsageError(`--${flag}: cannot create the directory ${shown(m)} (${createReason(err)})`);
    }
  }
  return checkOutputFile(join(abs, name), flag);
}

/**
 * Writes text to a checked path via a temporary file and a rename. If that fails (the disk
 * filled, the directory went away), the text is saved in the system's temporary directory and
 * the error says where, so the work is not lost.
 */
export function writeOutput(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, path);
    return;
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was created, or it is already gone
    }
    const fallback = join(tmpdir(), `ddim-lab-${process.pid}-${Date.now()}-${basename(path)}`);
    try {
      writeFileSync(fallback, text, { flag: "wx" });
    } catch (err2) {
      throw new Error(
        `could not write ${shown(path)} (${reason(err)}), nor a copy in ${tmpdir()} (${reason(err2)})`,
      );
    }
    throw new Error(`could not write ${shown(path)} (${reason(err)}); the result was saved to ${fallback}`);
  }
}
