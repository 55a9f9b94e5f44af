// Placeholder: the sampler comparison grid (issue 4 panel 4) is being built.
export function ComparePanel() {
  return (
    <section aria-label="Sampler comparison">
      <h2>Sampler comparison</h2>
      <p>Loading…</p>
    </section>
  );
}
