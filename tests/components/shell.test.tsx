// @vitest-environment jsdom
// The page shell's pieces in isolation: dialogs keep the focus while open and give it back, Esc
// always closes; the status line can be dismissed and clears itself; chart text colours read at
// WCAG AA; the presentation view's order and bar.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PANELS } from "../../src/App";
import { helpRows } from "../../src/state/shortcuts";
import { presentOrder } from "../../src/state/view";
import { ConfirmDialog } from "../../src/ui/ConfirmDialog";
import { KeyboardHelp } from "../../src/ui/KeyboardHelp";
import { PresentBar } from "../../src/ui/PanelNav";
import { AXIS_TEXT, contrast, OKABE_ITO, TEXT_COLORS, textColor } from "../../src/ui/palette";
import { STATUS_CLEAR_MS, StatusLine } from "../../src/ui/StatusLine";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function ResetLike() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Reset
      </button>
      <button type="button">Elsewhere</button>
      <ConfirmDialog
        open={open}
        title="Reset?"
        message="Deletes it."
        confirmLabel="Delete"
        onCancel={() => setOpen(false)}
        onConfirm={() => setOpen(false)}
      />
    </>
  );
}

function HelpPage() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Keyboard (?)
      </button>
      <KeyboardHelp open={open} onClose={() => setOpen(false)} rows={helpRows()} />
    </>
  );
}

describe("dialogs", () => {
  it("ConfirmDialog: Tab and Shift+Tab stay inside, Esc works after the focus left, focus returns", async () => {
    const user = userEvent.setup();
    render(<ResetLike />);
    const opener = screen.getByRole("button", { name: "Reset" });
    await user.click(opener);
    const cancel = screen.getByRole("button", { name: "Cancel" });
    const del = screen.getByRole("button", { name: "Delete" });
    expect(document.activeElement).toBe(cancel);
    await user.tab();
    expect(document.activeElement).toBe(del);
    await user.tab(); // wraps, never reaches "Elsewhere" behind the dialog
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(del);
    // Focus moved out by a script or a click: Tab brings it back, Esc still closes.
    screen.getByRole("button", { name: "Elsewhere" }).focus();
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    screen.getByRole("button", { name: "Elsewhere" }).focus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("KeyboardHelp lists the shortcut registry and closes with Esc, giving the focus back", async () => {
    const user = userEvent.setup();
    render(<HelpPage />);
    const opener = screen.getByRole("button", { name: "Keyboard (?)" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.querySelectorAll(".shortcut-row")).toHaveLength(helpRows().length);
    expect(dialog.textContent).toContain("Presentation view: next panel");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe("status line", () => {
  it("can be dismissed, and clears itself after a while", () => {
    vi.useFakeTimers();
    const onDismiss = vi.fn();
    const { rerender } = render(<StatusLine text="Restored your network." onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    rerender(<StatusLine text="Copied the link." onDismiss={onDismiss} />);
    act(() => vi.advanceTimersByTime(STATUS_CLEAR_MS - 1));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(1));
    expect(onDismiss).toHaveBeenCalledTimes(2);
    // Work still going on stays until it is replaced.
    rerender(<StatusLine text="Loading the pretrained network..." onDismiss={onDismiss} />);
    act(() => vi.advanceTimersByTime(10 * STATUS_CLEAR_MS));
    expect(onDismiss).toHaveBeenCalledTimes(2);
    // The live region is always there (so screen readers hear new text), empty without a status.
    rerender(<StatusLine text={null} onDismiss={onDismiss} />);
    expect(screen.getByRole("status").textContent).toBe("");
  });
});

describe("contrast (WCAG AA)", () => {
  it("every series text colour, the axis text and the focus ring read on white and on the page", () => {
    for (const [k, c] of Object.entries(TEXT_COLORS)) {
      expect(contrast(c, "#ffffff"), k).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c, "#f6f6f4"), k).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(AXIS_TEXT, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(textColor(OKABE_ITO.orange)).toBe(TEXT_COLORS.orange);
    expect(textColor("#123456")).toBe("#123456");
    // The marks keep the Okabe-Ito hues (the orange is still 2.2:1: fine for a line, not for text).
    expect(contrast(OKABE_ITO.orange, "#ffffff")).toBeLessThan(3);
    const css = readFileSync(resolve(import.meta.dirname, "../../src/app.css"), "utf8");
    const focus = /--focus:\s*(#[0-9a-f]{6})/i.exec(css)?.[1] ?? "";
    // Non-text contrast (focus indicator) needs 3:1; the ring is drawn on white cards and the page.
    expect(contrast(focus, "#ffffff")).toBeGreaterThanOrEqual(3);
    expect(contrast(focus, "#f6f6f4")).toBeGreaterThanOrEqual(3);
  });
});

describe("presentation view", () => {
  it("opens on the sampler comparison, then the page order", () => {
    expect(presentOrder(PANELS).map((p) => p.id)).toEqual([
      "compare",
      "data",
      "schedule",
      "training",
      "field",
      "interpolate",
    ]);
  });

  it("the bar says where we are and its buttons stop at the ends", async () => {
    const onGo = vi.fn();
    const { rerender } = render(
      <PresentBar titles={["Compare", "Data", "Schedule"]} index={0} onGo={onGo} />,
    );
    expect(screen.getByText("1 / 3: Compare")).toBeTruthy();
    expect(screen.getByRole("button", { name: "← Previous" })).toHaveProperty("disabled", true);
    await userEvent.setup().click(screen.getByRole("button", { name: "Next →" }));
    expect(onGo).toHaveBeenCalledWith(1);
    rerender(<PresentBar titles={["Compare", "Data", "Schedule"]} index={2} onGo={onGo} />);
    expect(screen.getByRole("button", { name: "Next →" })).toHaveProperty("disabled", true);
  });
});
