// House rules that a reader of the code relies on (docs/architecture.md): the seeded generator is
// the only randomness under src/, and comments cite the project's own docs, never a tracker
// number or a document outside the repository.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

function files(dir: string, exts = /\.(ts|tsx|py|sh)$/): string[] {
  if (statSync(join(root, dir)).isFile()) return [dir];
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (name === "node_modules" || name === "generated") continue;
    if (statSync(join(root, path)).isDirectory()) out.push(...files(path, exts));
    else if (exts.test(name)) out.push(path);
  }
  return out;
}

/** Lines of the given files matching a pattern, as "path:line: text". */
function offenders(paths: string[], pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const p of paths) {
    readFileSync(join(root, p), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (pattern.test(line)) hits.push(`${relative(".", p)}:${i + 1}: ${line.trim()}`);
      });
  }
  return hits;
}

/** Every folder of code and the docs: none cites a tracker or a document outside the repository. */
const CITATION_CLEAN = ["src", "cli", "tests", "scripts", "kernel", "docs", ".ci"];
const CITATION = /SPEC section|SPEC\.md|SPEC [0-9]|\b[Ii]ssue [0-9]+/;

describe("house rules", () => {
  it("no Math.random under src/ (core/random.ts's seeded Rng is the only randomness)", () => {
    expect(offenders(files("src"), /Math\.random\s*\(/)).toEqual([]);
  });

  it(`comments in ${CITATION_CLEAN.join(", ")} cite docs/*.md, not a tracker or an outside document`, () => {
    const paths = CITATION_CLEAN.flatMap((d) => files(d, /\.(ts|tsx|py|sh|md)$/));
    expect(paths.length).toBeGreaterThan(20);
    // this file names the patterns it looks for
    const others = paths.filter((p) => !p.endsWith("house-rules.test.ts"));
    expect(offenders(others, CITATION)).toEqual([]);
  });

  it("the check sees a citation when there is one", () => {
    expect(CITATION.test("// see SPEC section 6")).toBe(true);
    expect(CITATION.test("// (issue 5 item 3)")).toBe(true);
    expect(CITATION.test('// docs/math.md, "Samplers"')).toBe(false);
  });
});
