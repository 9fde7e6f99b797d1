/**
 * An explorer cell in the classic Notebook (6.x), served by a real Notebook server and opened in Chromium:
 * the same executed notebook signed (trusted) and not (as received). Trusted, the output's script runs
 * and the explorer computes in the front end; untrusted, the front end strips the script and the style
 * attributes, and the static charts show with the line on how to trust the notebook.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { executeNotebook } from "@lib/report/execute.ts";
import { ensureClassicNotebook, serveClassicPair } from "../support/classic_notebook.ts";
import { launch } from "./chromium.ts";

const FIXTURE = new URL("./fixtures/explorer.ipynb", import.meta.url).pathname;

Deno.test({
  name: "an explorer cell runs in a trusted classic Notebook and shows its images in an untrusted one",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await ensureClassicNotebook();
    const dir = await Deno.makeTempDir({ prefix: "explore-classic-" });
    await executeNotebook(FIXTURE, join(dir, "untrusted.ipynb"));
    const notebook = await serveClassicPair(dir);
    const browser = await launch();
    try {
      const { page, messages } = await browser.page();
      await page.goto(notebook.url("trusted"));
      await page.waitForFunction(
        () => {
          const root = document.querySelector<HTMLElement>(".output_subarea .explorer");
          return root?.dataset.status === "done";
        },
        undefined,
        { timeout: 60_000 },
      );
      assert(await page.locator(".output_subarea td[data-metric=price]").count() > 0, messages.join("\n"));
      assertEquals(await page.locator(".output_subarea .explorer-static").count(), 0);

      await page.goto(notebook.url("untrusted"));
      await page.waitForFunction(
        () => document.querySelectorAll(".output_subarea img").length > 0,
        undefined,
        {
          timeout: 60_000,
        },
      );
      const images = page.locator(".output_subarea .explorer-static img");
      assertEquals(await images.count(), 4);
      assert(await images.first().isVisible());
      assert(await page.locator(".output_subarea").getByText("Trust Notebook").isVisible());
      assertEquals(await page.locator(".output_subarea [data-status]").count(), 0);
    } finally {
      await browser.close();
      await notebook.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
