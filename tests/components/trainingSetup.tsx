// What the training panel's component tests share: the app set up with a test engine, the network
// status and the training panel rendered, start() done; and typing into a field as a user does.
import { act, render, screen } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { LiveNetworkStatus } from "../../src/panels/shared/LiveNetworkStatus";
import { TrainingPanel } from "../../src/panels/training/TrainingPanel";
import { start } from "../../src/state/actions";
import type { TabChannel } from "../../src/state/saving";
import { setUpApp, type TestApp } from "./appSetup";

/** setUpApp, the network status and the training panel rendered, the app started. */
export async function renderTrainingPanel(channel: TabChannel | null = null): Promise<TestApp> {
  const t = setUpApp(undefined, channel);
  render(
    <>
      <LiveNetworkStatus />
      <TrainingPanel />
    </>,
  );
  await act(() => start());
  return t;
}

/** Types a value into a labelled field and presses Enter, as a user does. */
export async function enter(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const field = screen.getByLabelText(label);
  await user.clear(field);
  await user.type(field, `${value}{Enter}`);
}
