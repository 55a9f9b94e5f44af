// @vitest-environment jsdom
// Nothing lost, every message true: a file is checked whole before it is loaded, a full storage
// quota says why and offers Save to file at once, two tabs see each other's saves and resets.
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeSession } from "../../src/state/persist";
import { broadcastTabChannel, type TabChannel, type TabMessage } from "../../src/state/saving";
import { DEFAULT_SETTINGS } from "../../src/state/settings";
import { useApp } from "../../src/state/store";
import { STAND_IN_NETWORK } from "./appSetup";
import { renderTrainingPanel } from "./trainingSetup";

afterEach(cleanup);

async function trainSteps(user: ReturnType<typeof userEvent.setup>, steps: string) {
  const field = screen.getByLabelText("Training steps");
  await user.clear(field);
  await user.type(field, `${steps}{Enter}`);
  await user.click(screen.getByRole("button", { name: "Train" }));
  await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 10000 });
}

describe("a session file is checked whole", () => {
  it("settings named constructor/toString and bad values: the file's network loads, the header names it, the refusals are listed", async () => {
    const { engine } = await renderTrainingPanel();
    const file = makeSession({ ...STAND_IN_NETWORK, trainSteps: 777 }, {}, []);
    file.settings = JSON.parse(
      '{"constructor": 1, "toString": 2, "eta": 5, "T": "abc", "backend": "evil", "seed": 9, "valueOf": 3}',
    );
    await userEvent
      .setup()
      .upload(screen.getByLabelText("Network file to load"), new File([JSON.stringify(file)], "s.json"));
    await screen.findByText("network from a file (777 steps)");
    const { status, settings, trainError } = useApp.getState();
    expect(trainError).toBeNull();
    expect(status).toMatch(/^Loaded the network from the file\. Some saved settings were not used: /);
    expect(status).toContain('ignored "constructor": there is no setting of that name');
    expect(status).toContain("...and");
    expect(settings.seed).toBe(9);
    expect(settings.eta).toBe(DEFAULT_SETTINGS.eta);
    // What Save to file would write is the network the header names.
    expect(((await engine.saveNetwork()) as { trainSteps: number }).trainSteps).toBe(777);
  });
});

describe("a full storage quota", () => {
  it("says why, offers Save to file at once, and asks before the page closes until the network is in a file", async () => {
    const { sessions } = await renderTrainingPanel();
    sessions.save = async () => {
      throw new DOMException("", "QuotaExceededError");
    };
    const user = userEvent.setup();
    await trainSteps(user, "100");
    const note = await screen.findByText(/its storage for this site is full\. Save it to a file now/);
    expect(note.textContent).not.toMatch(/:\s*$/);
    const leave = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);

    const downloads: unknown[] = [];
    const create = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      downloads.push(b);
      return "blob:x";
    });
    await user.click(screen.getByRole("button", { name: "Save to file now" }));
    await waitFor(() => expect(useApp.getState().unsaved).toBeNull());
    expect(downloads).toHaveLength(1);
    const again = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(again);
    expect(again.defaultPrevented).toBe(false);
    create.mockRestore();
  });
});

describe("two tabs", () => {
  /** Two linked channels, as BroadcastChannel links two tabs (a tab does not hear itself). */
  function pair(): [TabChannel, TabChannel & { sent: TabMessage[] }] {
    const ears: Array<Set<(m: TabMessage) => void>> = [new Set(), new Set()];
    const make = (me: number) => ({
      sent: [] as TabMessage[],
      post(m: TabMessage) {
        this.sent.push(m);
        for (const l of ears[1 - me]) l(m);
      },
      listen(fn: (m: TabMessage) => void) {
        ears[me].add(fn);
        return () => ears[me].delete(fn);
      },
    });
    return [make(0), make(1)];
  }

  it("another tab's save is offered here; loading it brings that network", async () => {
    const [mine, other] = pair();
    const { sessions } = await renderTrainingPanel(mine);
    const user = userEvent.setup();
    // The other tab saved its 900-step network to the shared copy and said so.
    await act(async () => {
      await sessions.save(makeSession({ ...STAND_IN_NETWORK, trainSteps: 900 }, DEFAULT_SETTINGS, []));
      other.post({ type: "saved", steps: 900 });
    });
    await screen.findByText("Another tab saved a network (900 steps) to this browser: load it here?");
    expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Load it" }));
    await screen.findByText("your network (900 steps)");
  });

  it("this tab's save and Reset are announced; another tab's Reset says this network is no longer kept", async () => {
    const [mine, other] = pair();
    await renderTrainingPanel(mine);
    const user = userEvent.setup();
    await trainSteps(user, "100");
    expect((mine as typeof other).sent).toContainEqual({ type: "saved", steps: 100 });
    act(() => other.post({ type: "reset" }));
    await screen.findByText(/Another tab pressed Reset.*Save it to a file to keep it/);
    await user.click(screen.getByRole("button", { name: "Reset" }));
    expect(screen.getByText(/Every DDIM Lab tab in this browser shares that saved copy/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Delete and reset" }));
    await screen.findByText("pretrained network (2000 steps)");
    expect((mine as typeof other).sent.at(-1)).toEqual({ type: "reset" });
  });

  it("the browser channel delivers between two instances and never to the sender", async () => {
    const a = broadcastTabChannel();
    const b = broadcastTabChannel();
    if (!a || !b) throw new Error("BroadcastChannel is missing");
    const heardA: TabMessage[] = [];
    const heardB: TabMessage[] = [];
    const offA = a.listen((m) => heardA.push(m));
    const offB = b.listen((m) => heardB.push(m));
    a.post({ type: "saved", steps: 7 });
    await waitFor(() => expect(heardB).toEqual([{ type: "saved", steps: 7 }]));
    expect(heardA).toEqual([]);
    offA();
    offB();
  });
});
