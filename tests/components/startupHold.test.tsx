// @vitest-environment jsdom
// Offscreen plots wait for the grid at start-up: ChartSlot holds a box of the plot's size while
// `hold` is set, until the box comes into the viewport (then at once) or the hold lifts (then one
// plot per task); start-up is over (state/startup.ts, read
// by useStartupOver and by the offline copy's registration) once every grid column has its first
// result, or the grid is hidden, failed, or the time limit passed, and it never comes back.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useStartupOver } from "../../src/hooks/useStartupOver";
import { useCompare } from "../../src/state/compare";
import { useInterpolate } from "../../src/state/interpolate";
import { resetStartup, START_UP_LIMIT_MS, whenPageSettled, whenStartupOver } from "../../src/state/startup";
import { useApp } from "../../src/state/store";
import { useView } from "../../src/state/view";
import { ChartSlot } from "../../src/ui/ChartSlot";

/** A stand-in IntersectionObserver: tests call show() to bring the observed boxes into view. */
let observers: { cb: IntersectionObserverCallback; els: Element[] }[] = [];
let clock = 0;
function show() {
  for (const o of observers)
    o.cb(
      o.els.map((target) => ({ isIntersecting: true, target }) as IntersectionObserverEntry),
      {} as IntersectionObserver,
    );
}

beforeEach(() => {
  observers = [];
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      private o: { cb: IntersectionObserverCallback; els: Element[] };
      constructor(cb: IntersectionObserverCallback) {
        this.o = { cb, els: [] };
        observers.push(this.o);
      }
      observe(el: Element) {
        this.o.els.push(el);
      }
      disconnect() {
        observers = observers.filter((x) => x !== this.o);
      }
    },
  );
  resetStartup();
  // The page's clock starts at navigation: the tests start it at 1 s.
  clock = 1000;
  vi.spyOn(performance, "now").mockImplementation(() => clock);
  useCompare.setState(useCompare.getInitialState(), true);
  useApp.setState({ hidden: new Set() });
  useView.setState({ mode: "normal", panel: null });
  useInterpolate.setState({ result: null, error: null });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const Plot = () => <p>the plot</p>;
const nextTask = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

describe("ChartSlot", () => {
  it("draws the plot at once without a hold", () => {
    render(
      <ChartSlot height={100}>
        <Plot />
      </ChartSlot>,
    );
    expect(screen.getByText("the plot")).toBeTruthy();
  });

  it("holds a box of the plot's height until it comes near the viewport", () => {
    const { container } = render(
      <ChartSlot height={123} hold>
        <Plot />
      </ChartSlot>,
    );
    expect(screen.queryByText("the plot")).toBeNull();
    expect((container.querySelector(".chart-placeholder") as HTMLElement).style.height).toBe("123px");
    act(() => show());
    expect(screen.getByText("the plot")).toBeTruthy();
  });

  it("draws the plot once the hold is lifted", () => {
    const { rerender } = render(
      <ChartSlot height={100} hold>
        <Plot />
      </ChartSlot>,
    );
    expect(screen.queryByText("the plot")).toBeNull();
    rerender(
      <ChartSlot height={100} hold={false}>
        <Plot />
      </ChartSlot>,
    );
    expect(screen.getByText("the plot")).toBeTruthy();
  });

  it("draws plots whose hold lifts together one per task, in order; one in view at once", async () => {
    await nextTask(); // the turn of a plot of an earlier test ends in a task of its own
    const names = ["first", "second", "third"];
    const { rerender } = render(slots(names, true));
    rerender(slots(names, false));
    const drawn = () => names.filter((n) => screen.queryByText(`${n} plot`) !== null);
    expect(drawn()).toEqual(["first"]);
    await nextTask();
    expect(drawn()).toEqual(["first", "second"]);
    act(() => show()); // the third scrolls into view: no waiting for its turn
    expect(drawn()).toEqual(["first", "second", "third"]);
  });

  it("a plot that leaves before its turn does not hold up the others", async () => {
    await nextTask();
    const { rerender } = render(slots(["a", "b", "c"], true));
    rerender(slots(["a", "b", "c"], false));
    expect(screen.queryByText("b plot")).toBeNull();
    rerender(slots(["a", "c"], false)); // b leaves while waiting for its turn
    await nextTask();
    expect(screen.getByText("c plot")).toBeTruthy();
  });
});

/** One ChartSlot per name, each holding a plot that reads "<name> plot". */
function slots(names: string[], hold: boolean) {
  return (
    <>
      {names.map((name) => (
        <ChartSlot key={name} height={100} hold={hold}>
          <p>{name} plot</p>
        </ChartSlot>
      ))}
    </>
  );
}

function Probe() {
  return <p>{useStartupOver() ? "shown" : "starting"}</p>;
}

describe("start-up is over (useStartupOver, whenStartupOver)", () => {
  it("is false until every column has a result, then stays true", () => {
    render(<Probe />);
    expect(screen.getByText("starting")).toBeTruthy();
    const [a, b, c] = useCompare.getState().columns.map((col) => col.id);
    const run = {} as never;
    act(() => useCompare.setState({ runs: { [a]: run, [b]: run } }));
    expect(screen.getByText("starting")).toBeTruthy();
    act(() => useCompare.setState({ runs: { [a]: run, [b]: run, [c]: run } }));
    expect(screen.getByText("shown")).toBeTruthy();
    // A column added later has no result yet: nothing is held again.
    act(() => useCompare.getState().addColumn());
    expect(screen.getByText("shown")).toBeTruthy();
  });

  it("is true at once when the grid is hidden or not the slide shown", () => {
    useApp.setState({ hidden: new Set(["compare"]) });
    render(<Probe />);
    expect(screen.getByText("shown")).toBeTruthy();
    cleanup();
    resetStartup();
    useApp.setState({ hidden: new Set() });
    useView.setState({ mode: "present", panel: "training" });
    render(<Probe />);
    expect(screen.getByText("shown")).toBeTruthy();
  });

  it("is true once the grid failed, or after the start-up limit", () => {
    render(<Probe />);
    act(() => useCompare.setState({ error: "Sampling failed" }));
    expect(screen.getByText("shown")).toBeTruthy();
    cleanup();
    resetStartup();
    useCompare.setState({ error: null });
    vi.useFakeTimers();
    render(<Probe />);
    expect(screen.getByText("starting")).toBeTruthy();
    clock = START_UP_LIMIT_MS;
    act(() => vi.advanceTimersByTime(START_UP_LIMIT_MS));
    expect(screen.getByText("shown")).toBeTruthy();
  });

  it("calls back once, when the grid is complete, and at once after that", () => {
    const calls: string[] = [];
    whenStartupOver(() => calls.push("first"));
    const cancel = whenStartupOver(() => calls.push("cancelled"));
    cancel();
    expect(calls).toEqual([]);
    const run = {} as never;
    useCompare.setState({ runs: Object.fromEntries(useCompare.getState().columns.map((c) => [c.id, run])) });
    expect(calls).toEqual(["first"]);
    useCompare.setState({ runs: {} }); // edits later on change nothing
    whenStartupOver(() => calls.push("late"));
    expect(calls).toEqual(["first", "late"]);
  });

  it("the page is settled (the offline copy may download) once the interpolation has painted too", () => {
    const calls: string[] = [];
    whenPageSettled(() => calls.push("settled"));
    const run = {} as never;
    useCompare.setState({ runs: Object.fromEntries(useCompare.getState().columns.map((c) => [c.id, run])) });
    expect(calls).toEqual([]); // the grid is done, the interpolation not yet
    useInterpolate.setState({ result: {} as never });
    expect(calls).toEqual(["settled"]);
    resetStartup();
    useApp.setState({ hidden: new Set(["compare", "interpolate"]) });
    whenPageSettled(() => calls.push("neither panel on the page"));
    expect(calls).toEqual(["settled", "neither panel on the page"]);
  });
});
