// Accessibility in a real browser: axe-core (from npm, injected as a script) on the whole page and
// on every panel of the presentation view, desktop and phone. Any serious or critical violation
// fails; the counts per impact are printed either way.
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { check, expect } from "./checks";
import { LONG, settleFrames, waitGridSettled, waitInterpolationSettled } from "./dashboard";
import { VIEWPORTS } from "./present";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

function judge(where: string, vs: AxeViolation[]): string {
  const count = (impact: string) =>
    vs.filter((v) => v.impact === impact).reduce((a, v) => a + v.nodes.length, 0);
  const counts = `critical ${count("critical")}, serious ${count("serious")}, moderate ${count("moderate")}, minor ${count("minor")}`;
  const bad = vs.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.length === 0,
    `${where}: ${counts}; ${bad
      .map(
        (v) =>
          `${v.id} (${v.impact}) at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(" "))
            .join(", ")}`,
      )
      .join("; ")}`,
  );
  return counts;
}

/** Controls a finger has to hit on a phone, smaller than 44 x 44 px (their label counts as target). */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("button, a[href], input, select, summary")) {
      if (el.closest(".sr-only") || el.getAttribute("tabindex") === "-1") continue;
      const own = el.getBoundingClientRect();
      if (own.width === 0 || own.height === 0) continue;
      const label = el.closest("label")?.getBoundingClientRect();
      const r = label && label.height * label.width > own.height * own.width ? label : own;
      if (r.height < 44 || r.width < 44) {
        const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 24) ?? el.tagName;
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    return out;
  });

export async function a11yChecks(browser: Browser, url: string): Promise<void> {
  for (const [name, size] of [
    ["1280x720", VIEWPORTS.laptop],
    ["390x844", VIEWPORTS.phone],
  ] as const) {
    // The page's CSP (script-src 'self') would refuse the injected axe script: only this test's
    // own context bypasses it.
    const context = await browser.newContext({ viewport: size, bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.goto(url);
      await check(
        `axe-core, whole page (every panel) at ${name}: no serious or critical violation`,
        async () => {
          await waitGridSettled(page);
          await waitInterpolationSettled(page);
          await settleFrames(page);
          return judge("whole page", await axe(page));
        },
      );
      if (name === "390x844") {
        await check("phone: every control is a touch target of at least 44 x 44 px", async () => {
          const small = await smallTargets(page);
          expect(small.length === 0, `${small.length} smaller: ${small.slice(0, 8).join("; ")}`);
        });
      } else {
        await check("axe-core can fail: a planted grey-on-white line is reported as serious", async () => {
          await page.evaluate(() => {
            const p = document.createElement("p");
            p.id = "e2e-planted";
            p.style.cssText = "color:#bbb;background:#fff";
            p.textContent = "planted low-contrast text";
            document.body.append(p);
          });
          const vs = await axe(page);
          await page.evaluate(() => document.getElementById("e2e-planted")?.remove());
          const hit = vs.find(
            (v) =>
              v.id === "color-contrast" && v.nodes.some((n) => n.target.join(" ").includes("e2e-planted")),
          );
          expect(hit?.impact === "serious", `axe said ${JSON.stringify(vs.map((v) => v.id))}`);
          return "color-contrast, serious";
        });
      }
      await check(`axe-core, keyboard help and Reset dialogs at ${name}`, async () => {
        await page.keyboard.press("?");
        await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor({ timeout: 5000 });
        const help = await axe(page);
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "detached", timeout: 5000 });
        const reset = page.locator("#training").getByRole("button", { name: /^Reset/ });
        await reset.click();
        await page.getByRole("alertdialog").waitFor({ timeout: 5000 });
        const confirm = await axe(page);
        await page.keyboard.press("Escape");
        await page.getByRole("alertdialog").waitFor({ state: "detached", timeout: 5000 });
        // Esc gave the focus back to the button that opened the dialog.
        const back = await reset.evaluate((b) => b === document.activeElement);
        expect(back, "after Esc the focus is not on the Reset button");
        return `help: ${judge("keyboard help", help)}; reset: ${judge("reset dialog", confirm)}`;
      });
      if (name !== "1280x720") continue;
      await page.keyboard.press("p");
      await page.locator(".present-stage").waitFor({ timeout: LONG });
      const titles = await page.$$eval(".present-where", (e) => e.map((x) => x.textContent ?? ""));
      const total = Number(/\/ (\d+)/.exec(titles[0] ?? "")?.[1] ?? 0);
      const notes: string[] = [];
      await check(`axe-core, every panel of the presentation view at ${name}`, async () => {
        for (let i = 0; i < total; i++) {
          const where = (await page.locator(".present-where").textContent()) ?? `panel ${i + 1}`;
          await settleFrames(page);
          notes.push(`${where.replace(/^\d+ \/ \d+: /, "")}: ${judge(where, await axe(page))}`);
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await page.keyboard.press("ArrowRight");
        }
        expect(total >= 5, `${total} panels in the presentation view`);
        return notes.join(" | ");
      });
    } finally {
      await context.close();
    }
  }
}
