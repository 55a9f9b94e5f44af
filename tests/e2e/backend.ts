// The Backend setting in the real app: picked in the training panel, it applies to the next
// network (Train), and the header names what computes; back to wasm, the kernel computes again.
import type { Page } from "playwright-core";
import { check, expect } from "./checks";
import { LONG, networkLabel, waitTrainingState } from "./dashboard";

const header = (page: Page) =>
  page.evaluate(() => document.querySelector(".network-status")?.textContent ?? "");

async function trainOn(page: Page, backend: string, steps: number): Promise<string> {
  const training = page.locator("#training");
  const button = (name: string) => training.getByRole("button", { name, exact: true });
  if (await button("End run").isVisible()) {
    await button("End run").click();
    await waitTrainingState(page, "idle", LONG);
  }
  await training.getByLabel("Backend", { exact: true }).selectOption(backend);
  const field = training.getByLabel("Training steps", { exact: true });
  await field.fill(String(steps));
  await field.press("Enter");
  await button("Train").click();
  await page.getByText(`your network (${steps} steps)`).waitFor({ timeout: LONG });
  await waitTrainingState(page, "idle", LONG);
  return header(page);
}

export async function backendChecks(page: Page): Promise<void> {
  await check("Backend cpu, then Train: the new network runs on cpu (header says so)", async () => {
    const text = await trainOn(page, "cpu", 30);
    expect(text.includes("backend cpu"), `header "${text}"`);
    return `header "${await networkLabel(page)}" ${text.slice(text.indexOf("backend"))}`;
  });
  await check("Backend wasm again, then Train: the wasm-simd kernel computes again", async () => {
    const text = await trainOn(page, "wasm", 40);
    expect(text.includes("backend wasm-simd kernel"), `header "${text}"`);
    return text.slice(text.indexOf("backend"));
  });
}
