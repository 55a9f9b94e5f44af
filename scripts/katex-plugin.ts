// Formulas typeset at build time: `import formula from "./x.tex?katex"` gives { tex, html }, the
// file's TeX and KaTeX's HTML for it (display mode), made here in Node with the same KaTeX the page
// would run. The panels' formulas are fixed, so the page paints them without loading KaTeX's code
// (75 kB gzip) or spending its start-up on typesetting (docs/deploy.md, "Weight"); a bad formula
// fails the build instead of showing red on the page.
import { readFileSync } from "node:fs";
import katex from "katex";
import type { Plugin } from "vite";

const SUFFIX = ".tex?katex";

export function typesetFormulas(): Plugin {
  return {
    name: "ddim-lab-typeset-formulas",
    enforce: "pre",
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -"?katex".length);
      this.addWatchFile(file);
      const tex = readFileSync(file, "utf8").trim();
      const html = katex.renderToString(tex, { displayMode: true, throwOnError: true });
      return `export default ${JSON.stringify({ tex, html })};`;
    },
  };
}
