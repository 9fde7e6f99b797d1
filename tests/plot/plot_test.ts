/**
 * Charts rendered server-side: the marks drawn, the labels a reader needs, and standalone SVG export.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { parseHTML } from "linkedom";
import pl from "nodejs-polars";
import { bandChart, heatmap, lineChart } from "@lib/plot/charts.ts";
import { bands } from "@lib/plot/bands.ts";

const grid = [0.1, 0.2, 0.3].flatMap((y) => [0.002, 0.004].map((x) => ({ x, y, v: x * y })));

Deno.test("heatmap: one cell per pair, labelled axes, a legend, title and caption", () => {
  const chart = heatmap({
    title: "Final saturation",
    caption: "What the chart shows.",
    x: "throttle (share of supply per month)",
    y: "target reserve ratio",
    legend: "median final saturation",
    data: grid,
    xKey: "x",
    yKey: "y",
    valueKey: "v",
    cellText: (v) => v.toFixed(4),
  });
  const html = chart.html;
  const { document } = parseHTML(`<body>${html}</body>`);
  assertEquals(document.querySelector("figure h2")?.textContent, "Final saturation");
  assertEquals(document.querySelector("figcaption")?.textContent, "What the chart shows.");
  const svgs = document.querySelectorAll("svg");
  assertEquals(svgs.length, 2, "legend and plot");
  assertEquals(svgs[1].querySelectorAll("g[aria-label='cell'] rect").length, 6);
  assertStringIncludes(html, "throttle (share of supply per month)");
  assertStringIncludes(html, "target reserve ratio");
  assertStringIncludes(html, "median final saturation");
  assertStringIncludes(html, "0.0012");
});

Deno.test("standalone SVG has the SVG namespace and only the plot; writes atomically", async () => {
  const chart = lineChart({
    title: "t",
    caption: "c",
    x: "month",
    y: "price (USD/HNY)",
    data: [{ t: 0, p: 1 }, { t: 1, p: 2 }],
    xKey: "t",
    yKey: "p",
  });
  const svg = chart.toSvg();
  assert(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'));
  assertStringIncludes(svg, 'xmlns="http://www.w3.org/2000/svg"');
  assert(!svg.includes("<figcaption"));
  const dir = await Deno.makeTempDir();
  await chart.writeSvg(`${dir}/chart.svg`);
  assertEquals(await Deno.readTextFile(`${dir}/chart.svg`), svg);
  assertEquals([...Deno.readDirSync(dir)].length, 1, "no temporary file left");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Monte Carlo bands: median and quantiles per timestep and facet; one panel per facet", () => {
  const frame = pl.DataFrame({
    timestep: [0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1],
    run: [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3],
    k: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"],
    value: [1, 2, 3, 10, 20, 30, 5, 5, 5, 0, 4, 8],
  });
  const rows = bands(frame, { time: "timestep", value: "value", facet: "k", lo: 0, hi: 1 });
  assertEquals(rows, [
    { t: 0, median: 2, lo: 1, hi: 3, facet: "a" },
    { t: 1, median: 20, lo: 10, hi: 30, facet: "a" },
    { t: 0, median: 5, lo: 5, hi: 5, facet: "b" },
    { t: 1, median: 4, lo: 0, hi: 8, facet: "b" },
  ]);
  const chart = bandChart({
    title: "Bands",
    caption: "c",
    x: "month",
    y: "value",
    bandLabel: "full range",
    facetLabel: "k",
    data: rows,
  });
  const { document } = parseHTML(`<body>${chart.html}</body>`);
  assertEquals(document.querySelectorAll("g[aria-label='area'] path").length, 2);
  assertEquals(document.querySelectorAll("g[aria-label='line'] path").length, 2);
  assertStringIncludes(chart.html, "Line: median; band: full range.");
});

Deno.test("charts display in Jupyter as HTML", () => {
  const chart = lineChart({
    title: "t",
    caption: "c",
    x: "x",
    y: "y",
    data: [{ a: 1, b: 2 }],
    xKey: "a",
    yKey: "b",
  });
  const bundle = (chart as unknown as Record<symbol, () => Record<string, string>>)
    [Symbol.for("Jupyter.display")]();
  assertEquals(Object.keys(bundle), ["text/html"]);
  assertStringIncludes(bundle["text/html"], "<svg");
});
