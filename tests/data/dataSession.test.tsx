// @vitest-environment jsdom
// The data set comes back with the session (browser storage or a file) and from the link, before
// the network that belongs to it; a saved session carries the data it was made with.
import { act } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { persistNow, start } from "../../src/state/actions";
import { chooseData, useData } from "../../src/state/data";
import { currentLesson, openLabFile } from "../../src/state/lesson";
import { makeSession } from "../../src/state/persist";
import { DEFAULT_SETTINGS } from "../../src/state/settings";
import { useApp } from "../../src/state/store";
import { loadSettingsFromUrl } from "../../src/state/useUrlSync";
import { STAND_IN_NETWORK as FAKE_NETWORK, setUpApp } from "../components/appSetup";

beforeEach(async () => {
  await chooseData({ kind: "tutorial" });
});
afterEach(() => window.history.replaceState(null, "", "/"));

describe("the data set in sessions and links", () => {
  it("a restored session brings its own data set back, and a saved one carries the current data", async () => {
    const points = [0, 0, 1, 2, 3, 1, -2, 4];
    const session = makeSession({ ...FAKE_NETWORK }, DEFAULT_SETTINGS, [], {
      kind: "custom",
      label: "my drawing (4 points)",
      points,
    });
    const app = setUpApp(session);
    await act(async () => {
      await start();
    });
    expect(useData.getState().lab.label).toBe("my drawing (4 points)");
    expect(Array.from(useData.getState().lab.points)).toEqual(points);

    await chooseData({ kind: "preset", name: "moons", n: 200, seed: 3 });
    await persistNow();
    expect(app.sessions.value?.data).toEqual({ kind: "preset", name: "moons", n: 200, seed: 3 });
    expect(useApp.getState().error).toBeNull();
  });

  it("a session with a bad data set still restores the network, on the current data", async () => {
    const session = makeSession({ ...FAKE_NETWORK, trainSteps: 77 }, DEFAULT_SETTINGS, [], {
      kind: "custom",
      label: "x",
      points: [1, "oops"],
    });
    setUpApp(session);
    await act(async () => {
      await start();
    });
    expect(useApp.getState().network?.trainSteps).toBe(77);
    expect(useData.getState().source.kind).toBe("tutorial");
  });

  it("the link's data keys choose the data set; a bad one is reported and ignored", async () => {
    setUpApp();
    loadSettingsFromUrl("?data=ring&dn=120&ds=5");
    await act(async () => {});
    expect(useData.getState().source).toEqual({ kind: "preset", name: "ring", n: 120, seed: 5 });
    loadSettingsFromUrl("?data=ring&dn=12");
    await act(async () => {});
    expect(useApp.getState().linkMessages[0]).toMatch(/Ignored data=ring .*from 50 to 5000/);
    expect(useData.getState().source).toEqual({ kind: "preset", name: "ring", n: 120, seed: 5 });
  });
});

describe("the data set in a lesson file", () => {
  it("a lesson carries the drawn data set and opens the network on it", async () => {
    setUpApp();
    await act(async () => {
      await start();
    });
    const points = Float32Array.from([0, 0, 1, 2, 3, 1, -2, 4, 5, 5]);
    await chooseData({ kind: "custom", points, label: "drawn (5 points)" });
    const lesson = await currentLesson("own data");
    expect(lesson.session.data).toEqual({
      kind: "custom",
      label: "drawn (5 points)",
      points: Array.from(points),
    });
    await chooseData({ kind: "tutorial" });
    let opened = false;
    await act(async () => {
      opened = await openLabFile(new Blob([JSON.stringify(lesson)]));
    });
    expect(opened).toBe(true);
    expect(useData.getState().lab.label).toBe("drawn (5 points)");
    expect(Array.from(useData.getState().lab.points)).toEqual(Array.from(points));
  });
});
