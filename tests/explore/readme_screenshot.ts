/**
 * Takes the README's picture of an explorer, docs/explorer.png: the honey page written by `deno task
 * explore`, opened from disk in Chromium: the defaults compared with a throttle of 0.05.
 * Run: deno run -A tests/explore/readme_screenshot.ts
 */
import { task } from "../support/task.ts";
import { launch, updated } from "./chromium.ts";

const OUT = new URL("../../docs/explorer.png", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "explore-screenshot-" });
const browser = await launch();
try {
  const made = await task("explore", ["honey", "--out", `${dir}/honey.html`]);
  if (made.code !== 0) throw new Error(made.stderr);
  const { page } = await browser.page();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`file://${dir}/honey.html#seed=7&runs=10&vs.throttle=0.05`);
  await updated(page, 1);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await Deno.remove(dir, { recursive: true });
}
