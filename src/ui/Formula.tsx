// Formulas. The panels' fixed formulas are typeset at build time (scripts/katex-plugin.ts): their
// HTML is in the first paint with no KaTeX code. A formula made at run time (numbers in it, like
// the particle readout's update) is typeset by KaTeX, which loads on first use; katex.render
// writes into the element and a bad formula shows its source in red instead of throwing. KaTeX's
// output carries MathML, which is what screen readers read; its CSS and fonts serve both kinds.
import "katex/dist/katex.min.css";
import "./katexFloor.css";
import { useLayoutEffect, useRef } from "react";

/** A formula's TeX and KaTeX's HTML for it (display mode), from a `.tex?katex` import. */
export interface Typeset {
  tex: string;
  html: string;
}

/** A formula typeset at build time, shown as a block. */
export function TypesetFormula({ formula }: { formula: Typeset }) {
  return (
    <span
      className="formula formula-block"
      data-tex={formula.tex}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's output for a formula file of this repository, made at build time
      dangerouslySetInnerHTML={{ __html: formula.html }}
    />
  );
}

export interface FormulaProps {
  tex: string;
  /** Block (display) style; inline by default. */
  block?: boolean;
}

/** A formula typeset in the page (KaTeX loads on first use). */
export function Formula({ tex, block = false }: FormulaProps) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    let current = true;
    void import("katex").then(({ default: katex }) => {
      if (current && ref.current) katex.render(tex, ref.current, { throwOnError: false, displayMode: block });
    });
    return () => {
      current = false;
    };
  }, [tex, block]);
  return <span ref={ref} className={block ? "formula formula-block" : "formula"} data-tex={tex} />;
}
