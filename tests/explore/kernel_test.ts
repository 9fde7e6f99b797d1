/**
 * An explorer cell end to end: a notebook executed by the Deno kernel (as `task report` runs it) holds the
 * explorer in its output, and the report rendered from it opens its explorer at the cell's settings, which
 * in Chromium gives the CLI's numbers for those settings.
 */
import { assert, assertEquals } from "@std/assert";
import { executeNotebook } from "@lib/report/execute.ts";
import { type Notebook, renderNotebook } from "@lib/report/html.ts";
import { notebookExplorer } from "@lib/report/explorer.ts";
import { EXPLORER_MIME } from "@lib/explore/notebook.ts";
import { ensureJupyter } from "@lib/system/packages.ts";
import { finalMedians, launch, updated } from "./chromium.ts";
import { simFinalMedians } from "./cli_csv.ts";

const FIXTURE = new URL("./fixtures/explorer.ipynb", import.meta.url).pathname;

Deno.test({
  name: "a notebook's explorer cell, executed by the kernel, opens the report's explorer at its settings",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await ensureJupyter();
    const dir = await Deno.makeTempDir({ prefix: "explore-kernel-" });
    const browser = await launch();
    try {
      await executeNotebook(FIXTURE, `${dir}/executed.ipynb`);
      const notebook: Notebook = JSON.parse(await Deno.readTextFile(`${dir}/executed.ipynb`));
      const outputs = notebook.cells[1].outputs ?? [];
      const data = outputs.flatMap((o) => ("data" in o ? [o.data] : []))[0];
      assert(data, JSON.stringify(outputs).slice(0, 500));
      assert(String(data["text/html"]).includes("<script>"), "the output holds the explorer's script");
      assertEquals(
        (data[EXPLORER_MIME] as { state: { set: { throttle: number } } }).state.set.throttle,
        0.05,
      );

      const explorer = await notebookExplorer(notebook);
      const html = renderNotebook(notebook, { fileName: "explorer.ipynb", explorer });
      // The cell is shown as the explorer section: neither its code nor its output's copy stays.
      assert(
        !html.includes("explorer-static") && !html.includes("await explore("),
        "the cell itself is not shown",
      );
      await Deno.writeTextFile(`${dir}/report.html`, html);
      const { page, messages } = await browser.page();
      await page.goto(`file://${dir}/report.html`);
      await updated(page, 1);
      assertEquals(await page.locator("[data-explorer]").count(), 1);
      assertEquals(await page.locator('input[data-param="throttle"]').inputValue(), "0.05");
      const cli = await simFinalMedians(["honey", "--set", "throttle=0.05", "--runs", "10", "--seed", "7"]);
      assertEquals(await finalMedians(page), cli);
      assertEquals(messages.filter((m) => m.startsWith("pageerror") || /Refused/.test(m)), []);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
