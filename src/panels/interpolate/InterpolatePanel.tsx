// Placeholder: the interpolation scrubber (issue 4 panel 5) is being built.
export function InterpolatePanel() {
  return (
    <section aria-label="Interpolation">
      <h2>Interpolation</h2>
      <p>Loading…</p>
    </section>
  );
}
