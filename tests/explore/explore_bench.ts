/**
 * How fast an explorer answers a change: in Chromium, the honey page's throttle is changed and the page
 * re-runs 10 runs × 120 months in its worker and redraws its four charts and its table. Measured two ways:
 * the round trip seen from here (through playwright: the change typed, the redrawn page seen), and the
 * page's own time from the change to the end of drawing (data-last-ms), printed after the benchmark.
 * Run: deno bench -A tests/explore/explore_bench.ts (the aim: under 100 ms on these machines).
 */
import { task } from "../support/task.ts";
import { launch, updated } from "./chromium.ts";

const dir = await Deno.makeTempDir({ prefix: "explore-bench-" });
const out = `${dir}/honey.html`;
const made = await task("explore", ["honey", "--out", out]);
if (made.code !== 0) throw new Error(made.stderr);
const browser = await launch();
const { page } = await browser.page();
await page.goto(`file://${out}#seed=7&runs=10`);
await updated(page, 1);
const field = page.locator('input[data-param="throttle"]');
let updates = 1;
const inPage: number[] = [];

/** One change: a new throttle typed and committed, then the redrawn page awaited. */
async function change(): Promise<void> {
  await field.fill(String(0.002 + (updates % 30) * 0.001));
  await field.press("Enter");
  await updated(page, ++updates);
  inPage.push(Number(await page.locator(".explorer").getAttribute("data-last-ms")));
}

// A few changes first, so that the worker and the charts' code are compiled (as after a reader's first).
for (let i = 0; i < 5; i++) await change();
inPage.length = 0;

Deno.bench({
  name: "honey explorer: a change re-runs and redraws 10 runs × 120 months (round trip via playwright)",
  async fn(b) {
    b.start();
    await change();
    b.end();
  },
});

globalThis.addEventListener("unload", () => {
  if (inPage.length > 0) {
    const sorted = [...inPage].sort((a, b) => a - b);
    const mean = inPage.reduce((s, x) => s + x, 0) / inPage.length;
    console.log(
      `in the page, change → redrawn: mean ${mean.toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms, ` +
        `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms over ${inPage.length} changes`,
    );
  }
  // The browser ends with this process; its profile and the page are removed here (unload runs no await).
  for (const path of [dir, browser.profile]) Deno.removeSync(path, { recursive: true });
});
