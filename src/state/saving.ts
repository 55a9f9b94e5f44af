// Keeping the user's network in this browser: one save path (after a run, on pause, after a file
// load), what happens when storage is full (say why, offer Save to file, ask before the page
// closes), and the note to other tabs that share the one saved copy (BroadcastChannel).
import { useData } from "./data";
import { toSessionData } from "./dataLink";
import { isQuotaError, messageOf } from "./messages";
import { makeSession } from "./persist";
import { appDeps, requireEngine, useApp } from "./store";

/** What tabs of this page tell each other about the copy saved in this browser. */
export type TabMessage = { type: "saved"; steps: number } | { type: "reset" };

export interface TabChannel {
  post(m: TabMessage): void;
  listen(fn: (m: TabMessage) => void): () => void;
}

export const TAB_CHANNEL = "ddim-lab/session";

/** The browser's BroadcastChannel (it never delivers a tab's own messages back to it), or null. */
export function broadcastTabChannel(): TabChannel | null {
  if (typeof BroadcastChannel === "undefined") return null;
  const ch = new BroadcastChannel(TAB_CHANNEL);
  return {
    post: (m) => ch.postMessage(m),
    listen(fn) {
      const on = (e: MessageEvent) => {
        const m = e.data as Partial<TabMessage> | null;
        if (m?.type === "reset") fn({ type: "reset" });
        else if (m?.type === "saved" && Number.isSafeInteger(m.steps) && (m.steps as number) >= 0)
          fn({ type: "saved", steps: m.steps as number });
      };
      ch.addEventListener("message", on);
      return () => ch.removeEventListener("message", on);
    },
  };
}

export const STORAGE_FULL =
  "Could not save your network in this browser: its storage for this site is full. Save it to a file now to keep it; the page asks before it is closed.";

/** Saves network + settings + loss history to the browser (after a run and on pause). */
export async function persistNow(): Promise<boolean> {
  const { sessions, channel } = appDeps();
  try {
    const { settings, loss } = useApp.getState();
    const data = toSessionData(useData.getState().source); // the data set the network belongs to
    const session = makeSession(await requireEngine().saveNetwork(), settings, loss, data);
    await sessions.save(session);
    useApp.setState({ unsaved: null });
    channel?.post({ type: "saved", steps: useApp.getState().network?.trainSteps ?? 0 });
    return true;
  } catch (e) {
    if (isQuotaError(e)) useApp.setState({ unsaved: STORAGE_FULL });
    else useApp.setState({ unsaved: `Could not save your network in this browser: ${messageOf(e)}.` });
    return false;
  }
}

/** Listens to the other tabs; returns the unsubscribe. */
export function listenToOtherTabs(): () => void {
  const channel = appDeps().channel;
  if (!channel) return () => {};
  return channel.listen((m) => {
    if (m.type === "saved") {
      useApp.setState({ otherTab: { steps: m.steps } });
      return;
    }
    const origin = useApp.getState().network?.origin;
    useApp.setState({ otherTab: null });
    if (origin === "user" || origin === "file")
      useApp.setState({
        unsaved:
          "Another tab pressed Reset, which deleted the network saved in this browser: this tab's network is no longer kept there. Save it to a file to keep it.",
      });
  });
}

/** While the network is kept nowhere, closing or reloading the page asks first. */
export function guardUnsavedWork(): () => void {
  if (typeof window === "undefined") return () => {};
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (useApp.getState().unsaved === null) return;
    e.preventDefault();
    e.returnValue = ""; // older browsers need it to show their "leave page?" prompt
  };
  window.addEventListener("beforeunload", onBeforeUnload);
  return () => window.removeEventListener("beforeunload", onBeforeUnload);
}
