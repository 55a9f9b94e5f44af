// A titled section of the dashboard: a one-line explanation, its formula, a busy state and an
// in-place error box, so no panel is ever blank or silently broken.
import { type ReactNode, useId } from "react";
import { type Typeset, TypesetFormula } from "./Formula";

export interface PanelProps {
  title: string;
  /** One sentence saying what the panel shows. */
  explanation: ReactNode;
  /** The panel's formula, typeset at build time (import it from a `.tex?katex` file). */
  formula?: Typeset;
  busy?: boolean;
  /** Text shown while busy, e.g. "Sampling 3 columns...". */
  busyText?: string;
  error?: string | null;
  onDismissError?: () => void;
  /** Extra controls at the right of the title (buttons). */
  actions?: ReactNode;
  id?: string;
  className?: string;
  children?: ReactNode;
}

export function Panel(props: PanelProps) {
  const {
    title,
    explanation,
    formula,
    busy = false,
    busyText,
    error,
    onDismissError,
    actions,
    id,
    className,
    children,
  } = props;
  const headingId = useId();
  return (
    <section
      id={id}
      className={`panel${className ? ` ${className}` : ""}`}
      aria-labelledby={headingId}
      aria-busy={busy}
    >
      <header className="panel-head">
        <h2 id={headingId}>{title}</h2>
        {/* In the title row, not above the body: appearing and clearing never moves the page. */}
        <p className="panel-busy" role="status">
          {busy ? (
            <>
              <span className="spinner" aria-hidden="true" />
              {busyText ?? "Working..."}
            </>
          ) : null}
        </p>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <p className="panel-explain">{explanation}</p>
      {formula ? (
        <div className="panel-formula">
          <TypesetFormula formula={formula} />
        </div>
      ) : null}
      {error ? (
        <div className="panel-error" role="alert">
          <span>{error}</span>
          {onDismissError ? (
            <button type="button" className="link-button" onClick={onDismissError}>
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="panel-body">{children}</div>
    </section>
  );
}
