/**
 * Charts in a received notebook. The classic Notebook sanitizes the HTML outputs of an untrusted notebook
 * (any notebook someone sends you), which drops inline SVG: the project's charts carry each SVG also as an
 * image that only an untrusted front end shows (lib/plot/dom.ts). Checked in a real kernel, a real
 * Notebook server and Chromium: the same executed notebook, signed (trusted) and not.
 */
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HeadlessChromium } from "../support/browser.ts";
import { executeNotebook } from "@lib/report/execute.ts";
import { renderNotebook } from "@lib/report/html.ts";
import { UNTRUSTED_FALLBACK_CLASS } from "@lib/plot/dom.ts";
import { ensureJupyter, ensureTool, TOOLS } from "@lib/system/packages.ts";
import { ensureClassicNotebook, serveClassicPair } from "../support/classic_notebook.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/project_charts.ipynb", import.meta.url));

/** What a loaded notebook page shows in its outputs: outermost SVGs and decoded images, both visible. */
const SHOWN = `new Promise((resolve, reject) => {
  const started = Date.now();
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const look = () => {
    const notebook = window.Jupyter && Jupyter.notebook;
    if (notebook && notebook._fully_loaded) {
      const areas = [...document.querySelectorAll(".output_subarea")];
      const images = [...document.querySelectorAll(".output_subarea img")];
      Promise.all(images.map((i) => i.decode().catch(() => {}))).then(() => resolve({
        trusted: notebook.trusted,
        outputs: areas.length,
        svgs: [...document.querySelectorAll(".output_subarea svg")]
          .filter((s) => !s.parentElement.closest("svg") && visible(s)).length,
        images: images.filter((i) => visible(i) && i.naturalWidth > 0).length,
        text: areas.map((a) => a.innerText).join("\\n"),
      }));
      return;
    }
    if (Date.now() - started > 60000) return reject(new Error("the notebook did not load"));
    setTimeout(look, 100);
  };
  look();
})`;

interface Shown {
  trusted: boolean;
  outputs: number;
  svgs: number;
  images: number;
  text: string;
}

Deno.test("charts show inline in a trusted classic Notebook and as images in an untrusted one", async () => {
  await ensureClassicNotebook();
  await ensureTool(TOOLS.chromium);
  const dir = await Deno.makeTempDir({ prefix: "untrusted-test-" });
  try {
    const untrusted = join(dir, "untrusted.ipynb");
    await executeNotebook(FIXTURE, untrusted);
    const executed = await Deno.readTextFile(untrusted);
    // One image per outermost SVG: a line chart (two swatches and its plot), a heatmap (its colour ramp
    // and its plot) and a bar chart.
    const charts = executed.split(UNTRUSTED_FALLBACK_CLASS).length - 1;
    assertEquals(charts, 6, "images carried by the executed notebook");

    const notebook = await serveClassicPair(dir);
    try {
      await using browser = await HeadlessChromium.launch();
      const open = (name: "trusted" | "untrusted") =>
        browser.evaluate<Shown>(notebook.url(name), SHOWN, { width: 1200 });

      const trusted = await open("trusted");
      assertEquals(
        { trusted: trusted.trusted, outputs: trusted.outputs, svgs: trusted.svgs, images: trusted.images },
        { trusted: true, outputs: 3, svgs: charts, images: 0 },
        "trusted: inline SVG only",
      );
      const received = await open("untrusted");
      assertEquals(
        {
          trusted: received.trusted,
          outputs: received.outputs,
          svgs: received.svgs,
          images: received.images,
        },
        { trusted: false, outputs: 3, svgs: 0, images: charts },
        "untrusted: the images only",
      );
      // Titles, captions and legends are HTML and stay; the SVGs' own text (ticks, tooltips) goes with them.
      for (const words of ["Two lines", "Series a rises, b falls.", "A heatmap", "Bars"]) {
        assert(received.text.includes(words), `untrusted text keeps "${words}"`);
      }
      assert(!received.text.includes("step: 0"), "no tooltip text left over from the stripped SVG");
    } finally {
      await notebook.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a report shows each chart once: inline, without the images meant for untrusted notebooks", async () => {
  await ensureJupyter();
  const dir = await Deno.makeTempDir({ prefix: "untrusted-report-" });
  try {
    const executed = join(dir, "executed.ipynb");
    await executeNotebook(FIXTURE, executed);
    const html = renderNotebook(JSON.parse(await Deno.readTextFile(executed)), { fileName: "charts.ipynb" });
    assert(!html.includes(UNTRUSTED_FALLBACK_CLASS), "no fallback image in the report");
    assert(!html.includes("data:image/svg+xml"), "no SVG data URI in the report");
    assertEquals(html.match(/<figure/g)?.length, 3, "three charts");
    // Each chart's SVGs, once: the line chart's two swatches and plot, the heatmap's ramp and plot, the bars.
    const outermost = html.match(/<svg/g)?.length;
    assertEquals(outermost, 6);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
