/**
 * Debian's Chromium driven by playwright-core for the explorer tests: headless, a fresh profile per
 * launch, no network services, every console message and page error kept for the test to check.
 */
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM } from "@lib/system/packages.ts";
import { HEADLESS_FLAGS } from "../support/browser.ts";

export interface Browser {
  readonly context: BrowserContext;
  /** The fresh profile's folder (removed by close). */
  readonly profile: string;
  /** A new page; `messages` collects its console messages and errors (workers' too). */
  page(): Promise<{ page: Page; messages: string[] }>;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = await Deno.makeTempDir({ prefix: "explore-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: HEADLESS_FLAGS,
  });
  return {
    context,
    profile,
    async page() {
      const page = await context.newPage();
      const messages: string[] = [];
      page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
      page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
      page.on("worker", (w) => w.on("console", (m) => messages.push(`worker ${m.type()}: ${m.text()}`)));
      return { page, messages };
    },
    async close() {
      await context.close();
      await Deno.remove(profile, { recursive: true });
    },
  };
}

/** Waits until the explorer has drawn `after` updates in all (data-updates) and is not running. */
export async function updated(page: Page, after: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector<HTMLElement>(".explorer");
      return root?.dataset.status === "done" && Number(root.dataset.updates) >= n;
    },
    after,
    { timeout },
  );
}

/** The final-step medians of one setting ("a" or "b"): column → full-precision value. */
export async function finalMedians(page: Page, setting = "a"): Promise<Record<string, number>> {
  const cells = await page.locator(`td[data-setting="${setting}"][data-metric]`).evaluateAll((tds) =>
    tds.map((td) => [td.getAttribute("data-metric")!, td.getAttribute("data-value")!])
  );
  return Object.fromEntries(cells.map(([k, v]) => [k, Number(v)]));
}
