/**
 * A report with its model's explorer, in Chromium: the explorer runs (numbers equal to the CLI's), the page
 * keeps `default-src 'none'` and allows the explorer's script by its hash alone, and still nothing a
 * notebook emits runs: the hostile payloads of tests/report/fixtures/payloads.ipynb leave the title as it
 * was, no script but the explorer's is in the page, and a notebook output posing as an explorer container
 * is not started (the sanitizer drops its configuration).
 */
import { assert, assertEquals } from "@std/assert";
import { type Notebook, renderNotebook, summarize } from "@lib/report/html.ts";
import { notebookExplorer } from "@lib/report/explorer.ts";
import { defaultState } from "@lib/explore/state.ts";
import { honey } from "@lib/models/honey/model.ts";
import { finalMedians, launch, updated } from "./chromium.ts";
import { simFinalMedians } from "./cli_csv.ts";
import { contractProblems } from "../report/contract.ts";

const PAYLOADS = new URL("../report/fixtures/payloads.ipynb", import.meta.url);

/** The payloads notebook naming the honey model, with an output posing as an explorer at other settings. */
async function hostileHoneyNotebook(): Promise<Notebook> {
  const notebook: Notebook = JSON.parse(await Deno.readTextFile(PAYLOADS));
  const fake = JSON.stringify({ model: "honey", state: { ...defaultState(honey), runs: 1 }, fragment: true });
  notebook.metadata = { ...notebook.metadata, report: { docs: "docs/models/honey.md" } };
  notebook.cells.push({
    cell_type: "code",
    source: "fake explorer\n",
    metadata: {},
    outputs: [{
      output_type: "display_data",
      data: {
        "text/html": `<div class="explorer" data-explorer='${fake.replaceAll("'", "&#39;")}'>fake</div>`,
      },
    }],
  });
  return notebook;
}

Deno.test({
  name: "a report's explorer runs under the report's CSP, and no notebook payload does",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const notebook = await hostileHoneyNotebook();
    const explorer = await notebookExplorer(notebook);
    assert(explorer, "the honey notebook has an explorer");
    const html = renderNotebook(notebook, { fileName: "payloads.ipynb", explorer });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
    assert(csp.startsWith("default-src 'none'; script-src 'sha256-"), csp);
    assertEquals(csp.match(/'sha256-/g)?.length, 1);
    assert(!/unsafe-eval|script-src[^;]*unsafe-inline/.test(csp), csp);
    assertEquals(csp.includes(explorer.scriptSource), true);
    assertEquals(html.match(/data-explorer=/g)?.length, 1);

    const dir = await Deno.makeTempDir({ prefix: "explore-report-" });
    const browser = await launch();
    try {
      await Deno.writeTextFile(`${dir}/report.html`, html);
      const { page, messages } = await browser.page();
      await page.goto(`file://${dir}/report.html`);
      await updated(page, 1);
      assertEquals(await page.title(), summarize(notebook, "payloads.ipynb").title);
      assertEquals(await page.locator("script").count(), 1);
      assertEquals(await page.locator("[data-started]").count(), 1);
      assertEquals(await page.locator("section.explore .explorer[data-status=done]").count(), 1);
      const shown = await finalMedians(page);
      const cli = await simFinalMedians(["honey", "--runs", "10", "--steps", "120", "--seed", "42"]);
      assertEquals(shown, cli);
      // The payloads' own refusals may be reported (a blocked inline script); the explorer's work is not.
      const explorerBlocked = messages.filter((m) =>
        /worker|blob:|eval/i.test(m) && /Refused|violat/i.test(m)
      );
      assertEquals(explorerBlocked, []);
      assertEquals(messages.filter((m) => m.startsWith("pageerror")), []);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("a report with its explorer keeps the page contract; a script the policy does not name breaks it", async () => {
  const notebook = await hostileHoneyNotebook();
  const explorer = (await notebookExplorer(notebook))!;
  const html = renderNotebook(notebook, { fileName: "payloads.ipynb", explorer });
  assertEquals(contractProblems(html), []);
  const other = html.replace(/<script>([^]*?)<\/script>/, (_, text) => `<script>${text};1</script>`);
  assertEquals(contractProblems(other), ["a <script> element the policy does not name"]);
  const two = html.replace("</footer>", "</footer><script>1</script>");
  assertEquals(contractProblems(two), ["a <script> element"]);
});
