/**
 * A chart as a notebook shows it (lib/plot/dom.ts notebookHtml): each SVG followed by a hidden copy as a
 * `data:` image, for front ends that strip inline SVG from an untrusted notebook's HTML.
 */
import { assert, assertEquals } from "@std/assert";
import { parseHTML } from "linkedom";
import { Buffer } from "node:buffer";
import { heatmap, lineChart } from "@lib/plot/charts.ts";
import { UNTRUSTED_FALLBACK_CLASS } from "@lib/plot/dom.ts";

const rows = [0, 1, 2].flatMap((t) => ["a", "b"].map((s) => ({ t, s, v: s === "a" ? t : 2 - t })));
const labels = { caption: "c", x: "step", y: "value" };
const charts = {
  line: lineChart({ ...labels, title: "Lines", data: rows, xKey: "t", yKey: "v", seriesKey: "s" }),
  heatmap: heatmap({
    ...labels,
    title: "Heat",
    data: rows,
    xKey: "t",
    yKey: "s",
    valueKey: "v",
    legend: "v",
  }),
};

Deno.test("every SVG of a chart is followed by its hidden image; those holding text sit in a hidden wrapper", () => {
  for (const [kind, chart] of Object.entries(charts)) {
    const { document } = parseHTML(`<body>${chart.notebookHtml}</body>`);
    const svgs = [...document.querySelectorAll("svg")].filter((s) => !s.parentElement?.closest("svg"));
    const images = [...document.querySelectorAll(`img.${UNTRUSTED_FALLBACK_CLASS}`)];
    assertEquals(images.length, svgs.length, kind);
    assert(svgs.length >= 2, `${kind}: a legend and the plot`);
    for (const [i, svg] of svgs.entries()) {
      const image = images[i];
      const holder = svg.parentElement!.hasAttribute("hidden") ? svg.parentElement! : svg;
      assertEquals(holder.nextElementSibling, image, `${kind}: svg ${i} is followed by its image`);
      assertEquals(image.getAttribute("style"), "display:none");
      assertEquals(image.getAttribute("alt"), chart.element.querySelector("h2")!.textContent);
      const [, base64] = image.getAttribute("src")!.match(/^data:image\/svg\+xml;base64,(.+)$/)!;
      const decoded = Buffer.from(base64, "base64").toString("utf8");
      assert(decoded.startsWith("<svg") && decoded.includes('xmlns="http://www.w3.org/2000/svg"'), kind);
      // The same drawing as the inline SVG.
      assertEquals(decoded.replace(/ xmlns(:xlink)?="[^"]*"/g, ""), svg.outerHTML);
      if (svg.textContent!.trim()) {
        assertEquals(holder.getAttribute("style"), "display:contents", `${kind}: shown while trusted`);
      } else assertEquals(holder, svg, `${kind}: a swatch without text keeps its place`);
    }
    // The report's HTML (chart.html) carries none of it.
    assert(!chart.html.includes(UNTRUSTED_FALLBACK_CLASS));
  }
});
