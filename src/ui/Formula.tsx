// A formula typeset with KaTeX (its MathML output is what screen readers read). katex.render writes into the element (no innerHTML strings in
// React, no eval); a bad formula shows its source in red instead of throwing.
import katex from "katex";
import "katex/dist/katex.min.css";
import "./katexFloor.css";
import { useLayoutEffect, useRef } from "react";

export interface FormulaProps {
  tex: string;
  /** Block (display) style; inline by default. */
  block?: boolean;
}

export function Formula({ tex, block = false }: FormulaProps) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) katex.render(tex, ref.current, { throwOnError: false, displayMode: block });
  }, [tex, block]);
  return <span ref={ref} className={block ? "formula formula-block" : "formula"} data-tex={tex} />;
}
