// @vitest-environment jsdom
// The training stats say how many threads train, and why only one (docs/backends.md, "Two threads").
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TrainingStats } from "../../src/panels/training/TrainingStats";
import { useApp } from "../../src/state/store";

afterEach(() => {
  cleanup();
  useApp.setState({ trainThreads: null });
});

function threadsCell(): string | null {
  const dt = screen.queryByText("threads");
  return dt?.nextElementSibling?.textContent ?? null;
}

describe("training threads readout", () => {
  it("shows 2 when the kernel trains on two threads, with no note", () => {
    useApp.setState({ trainThreads: "2 threads" });
    render(<TrainingStats />);
    expect(threadsCell()).toBe("2");
    expect(screen.queryByText(/Training on 1 thread/)).toBeNull();
  });

  it("shows 1 and the reason when isolation is missing", () => {
    useApp.setState({ trainThreads: "1 thread (the page is not cross-origin isolated (COOP/COEP headers))" });
    render(<TrainingStats />);
    expect(threadsCell()).toBe("1");
    expect(screen.getByText(/Training on 1 thread \(the page is not cross-origin isolated/)).toBeTruthy();
  });

  it("shows nothing about threads when tfjs trains (no report)", () => {
    render(<TrainingStats />);
    expect(threadsCell()).toBeNull();
  });
});
