// @vitest-environment jsdom
// The grid in the link: a copied link brings back the columns and the noise seed; a bad column from
// the link is skipped with a message naming the setting, and edits are written back to the address bar.
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { useCompare } from "../../src/state/compare";
import { useApp } from "../../src/state/store";
import { useUrlSync } from "../../src/state/useUrlSync";
import { FAKE_NETWORK, fakeEngine } from "./compareFakeEngine";

beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
  useCompare.setState(useCompare.getInitialState(), true);
  useApp.setState({ engine: fakeEngine(), network: FAKE_NETWORK, networkVersion: 1, training: "idle" });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
});

/** The panel with the page's one address-bar writer, as App mounts them. */
function Page() {
  useUrlSync();
  return <ComparePanel />;
}

describe("comparison grid link", () => {
  it("restores columns and seed from the link, skipping a bad column with a clear message", async () => {
    window.history.replaceState(
      null,
      "",
      "/?T=1000&col=ddim-20-0-leading-oracle&col=ddim-20-5-trailing-network&col=heun-10-0-trailing-network&xseed=7",
    );
    render(<Page />);
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(2));
    const titles = screen.getAllByRole("article").map((c) => within(c).getByRole("heading").textContent);
    expect(titles).toEqual(["Column 1: DDIM eta=0, S=20", "Column 2: Heun (PF-ODE), S=10"]);
    expect(within(screen.getAllByRole("article")[0]).getByLabelText("Spacing")).toHaveProperty(
      "value",
      "leading",
    );
    expect(screen.getByLabelText("Noise seed").textContent).toBe("7");
    const notes = screen.getByRole("list", { name: "Ignored from the link" });
    expect(notes.textContent).toBe(
      "Ignored col=ddim-20-5-trailing-network from the link: eta must be from 0 to 1",
    );
    // The address bar keeps only what was accepted.
    expect(window.location.search).toBe(
      "?T=1000&col=ddim-20-0-leading-oracle&col=heun-10-0-trailing-network&xseed=7",
    );
  });

  it("writes edited columns to the address bar and keeps the other link fields", async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, "", "/?T=1000");
    render(<Page />);
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(3));
    await user.click(screen.getByRole("button", { name: "Remove column 3" }));
    await waitFor(() =>
      expect(window.location.search).toBe(
        "?T=1000&col=ddim-50-0-trailing-network&col=ddim-500-1-trailing-network",
      ),
    );
  });
});
