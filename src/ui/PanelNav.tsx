// Navigation between the panels: a sticky row of in-page links on the whole page, and the
// presentation view's previous / next bar (with the panel's number and name).
export interface NavItem {
  id: string;
  label: string;
}

export function PanelNav({ items }: { items: NavItem[] }) {
  return (
    <nav className="panel-nav" aria-label="Panels">
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            <a href={`#${it.id}`}>{it.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PresentBar({
  titles,
  index,
  onGo,
}: {
  titles: string[];
  index: number;
  onGo: (index: number) => void;
}) {
  const last = titles.length - 1;
  return (
    <nav className="present-bar" aria-label="Presentation">
      <button
        type="button"
        onClick={() => onGo(index - 1)}
        disabled={index <= 0}
        aria-keyshortcuts="ArrowLeft"
      >
        ← Previous
      </button>
      <p className="present-where" aria-live="polite">
        {index + 1} / {titles.length}: {titles[index]}
      </p>
      <button
        type="button"
        onClick={() => onGo(index + 1)}
        disabled={index >= last}
        aria-keyshortcuts="ArrowRight"
      >
        Next →
      </button>
    </nav>
  );
}
