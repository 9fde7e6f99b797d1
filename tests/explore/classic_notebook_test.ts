/**
 * An explorer cell in the classic Notebook (6.x), served by a real Notebook server and opened in Chromium:
 * the same executed notebook signed (trusted) and not (as received). Trusted, the output's script runs
 * and the explorer computes in the front end; untrusted, the front end strips the script and the style
 * attributes, and the static charts show with the line on how to trust the notebook.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { executeNotebook } from "@lib/report/execute.ts";
import { ensureJupyter, ensureTool, JUPYTER_NOTEBOOK, SYSTEM_PYTHON, TOOLS } from "@lib/system/packages.ts";
import { launch } from "./chromium.ts";

const FIXTURE = new URL("./fixtures/explorer.ipynb", import.meta.url).pathname;
const TOKEN = "explorer-test";

/** A port nothing listens on now (the system picks it). */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test({
  name: "an explorer cell runs in a trusted classic Notebook and shows its images in an untrusted one",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await ensureJupyter();
    await ensureTool(TOOLS.notebook);
    const dir = await Deno.makeTempDir({ prefix: "explore-classic-" });
    const env = {
      JUPYTER_DATA_DIR: join(dir, "data"),
      JUPYTER_CONFIG_DIR: join(dir, "config"),
      JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    };
    const untrusted = join(dir, "untrusted.ipynb");
    await executeNotebook(FIXTURE, untrusted);
    // Signing stores the notebook's hash in this Jupyter's database: the copy must differ to be its own.
    const signed = await new Deno.Command(SYSTEM_PYTHON, {
      args: [
        "-c",
        "import nbformat, sys\nfrom nbformat.sign import NotebookNotary\n" +
        "nb = nbformat.read(sys.argv[1], as_version=4)\nnb.metadata['copy'] = 'trusted'\n" +
        "NotebookNotary().sign(nb)\nnbformat.write(nb, sys.argv[2])",
        untrusted,
        join(dir, "trusted.ipynb"),
      ],
      env,
    }).output();
    assert(signed.success, new TextDecoder().decode(signed.stderr));
    const port = freePort();
    const server = new Deno.Command(JUPYTER_NOTEBOOK, {
      args: [
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        `--port=${port}`,
        "--port-retries=0",
        `--NotebookApp.token=${TOKEN}`,
        `--notebook-dir=${dir}`,
        // Only the saved outputs are looked at: no kernel starts for the notebooks opened.
        `--KernelSpecManager.allowed_kernelspecs=["none"]`,
      ],
      env,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const browser = await launch();
    try {
      const { page, messages } = await browser.page();
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0;; i++) {
        try {
          if ((await fetch(`${base}/api?token=${TOKEN}`)).ok) break;
        } catch (e) {
          if (i > 600) throw e;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.goto(`${base}/notebooks/trusted.ipynb?token=${TOKEN}`);
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

      await page.goto(`${base}/notebooks/untrusted.ipynb?token=${TOKEN}`);
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
      server.kill("SIGTERM");
      await server.status;
      await Deno.remove(dir, { recursive: true });
    }
  },
});
