/**
 * `await explore(model, { set })` in a notebook: its output holds the explorer (container, its one script)
 * and, for front ends that run no script, the charts as images with how to trust the notebook; its data
 * tells a report the cell's settings, which the report checks like any input. In Chromium, the output as a
 * trusted front end inserts it runs the explorer; with scripts and style attributes stripped, as an
 * untrusted front end's sanitizer does, the images and the line on trusting show instead.
 */
import { assert, assertEquals, assertRejects } from "@std/assert";
import { explore, EXPLORER_MIME } from "@lib/explore/notebook.ts";
import { notebookExplorer } from "@lib/report/explorer.ts";
import type { Notebook } from "@lib/report/html.ts";
import { ParamError } from "@lib/engine/params.ts";
import { finalMedians, launch, updated } from "./chromium.ts";

const DISPLAY = Symbol.for("Jupyter.display");

type Bundle = Record<string, unknown>;
const bundleOf = (value: unknown) => (value as { [DISPLAY](): Bundle })[DISPLAY]();

Deno.test("an explorer cell's output: the explorer, its static charts, and its settings for reports", async () => {
  const bundle = bundleOf(await explore("honey", { set: { throttle: 0.05 }, seed: 7 }));
  const html = bundle["text/html"] as string;
  assertEquals(html.match(/<script>/g)?.length, 1);
  assertEquals(html.match(/data-explorer=/g)?.length, 1);
  assertEquals(html.match(/<img [^>]*src="data:image\/svg\+xml;base64,/g)?.length, 4);
  assert(html.includes("Trust Notebook"), "the line on trusting the notebook");
  const data = bundle[EXPLORER_MIME] as {
    model: string;
    state: { set: Record<string, unknown>; seed: unknown };
  };
  assertEquals([data.model, data.state.set.throttle, data.state.seed], ["honey", 0.05, 7]);
  await assertRejects(() => explore("honey", { set: { throttle: 2 } }), ParamError, "throttle");
});

/** A honey notebook whose explorer cell's output holds `data`. */
const withExplorerCell = (data: unknown): Notebook => ({
  metadata: { report: { docs: "docs/models/honey.md" } },
  cells: [{
    cell_type: "code",
    source: 'await explore("honey")\n',
    metadata: { tags: ["explorer"] },
    outputs: [{ output_type: "display_data", data: { [EXPLORER_MIME]: data } }],
  }],
});

Deno.test("a report opens its explorer at the cell's settings, checked", async () => {
  const bundle = bundleOf(await explore("honey", { set: { growth: 0.01 }, runs: 4 }));
  const parts = await notebookExplorer(withExplorerCell(bundle[EXPLORER_MIME]));
  assert(parts?.html.includes("&quot;growth&quot;:0.01"), parts?.html.slice(0, 400));
  assert(parts?.html.includes("&quot;runs&quot;:4"));
  const forged = { model: "honey", state: { set: { growth: 5 }, vs: {}, runs: 4, steps: 120, seed: 1 } };
  await assertRejects(() => notebookExplorer(withExplorerCell(forged)), ParamError, "growth");
});

Deno.test({
  name: "in Chromium the output runs where scripts run, and shows its images where they do not",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const html = bundleOf(await explore("honey", { seed: 7, runs: 10 }))["text/html"] as string;
    const dir = await Deno.makeTempDir({ prefix: "explore-notebook-" });
    const browser = await launch();
    try {
      // A trusted front end inserts the output as it is (no policy of the explorer's own here).
      await Deno.writeTextFile(`${dir}/trusted.html`, `<!DOCTYPE html><body>${html}</body>`);
      const { page, messages } = await browser.page();
      await page.goto(`file://${dir}/trusted.html`);
      await updated(page, 1);
      assert((await finalMedians(page)).price > 0, messages.join("\n"));
      assertEquals(await page.locator(".explorer-static").count(), 0);
      // An untrusted one strips scripts and style attributes: the images and the line show.
      const stripped = html.replace(/<script>[^]*?<\/script>/g, "").replace(/ style="[^"]*"/g, "");
      await Deno.writeTextFile(`${dir}/untrusted.html`, `<!DOCTYPE html><body>${stripped}</body>`);
      await page.goto(`file://${dir}/untrusted.html`);
      assertEquals(await page.locator(".explorer-static img").count(), 4);
      assert(await page.locator(".explorer-static img").first().isVisible());
      assert(await page.getByText("Trust Notebook").isVisible());
      const loaded = await page.locator(".explorer-static img").evaluateAll((imgs) =>
        imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0)
      );
      assert(loaded, "every static chart decodes as an image");
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
