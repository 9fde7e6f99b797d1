/**
 * Charts rendered server-side: the marks drawn, the labels a reader needs, and standalone SVG export.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { parseHTML } from "linkedom";
import pl from "nodejs-polars";
import { bandChart, barChart, heatmap, lineChart, networkChart, stripChart } from "@lib/plot/charts.ts";
import { bands } from "@lib/plot/bands.ts";
import { colourOf, PALETTE, resetColours, textColourOn } from "@lib/plot/colours.ts";
import type { Chart } from "@lib/plot/dom.ts";
import { facetLines } from "@lib/plot/facets.ts";
import { pointsOf, seriesChart } from "@lib/plot/series.ts";

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

/** Every chart kind, drawn from small data. */
function everyChart(): [string, Chart][] {
  const scenarios = ["baseline", "high funding"];
  const lines = [0, 1, 2].flatMap((t) => scenarios.map((s, i) => ({ t, v: t * (i + 1), s })));
  return [
    [
      "heatmap",
      heatmap({
        ...labels,
        legend: "v",
        unit: "USD",
        data: grid,
        xKey: "x",
        yKey: "y",
        valueKey: "v",
        cellText: true,
      }),
    ],
    [
      "band",
      bandChart({
        ...labels,
        bandLabel: "10–90%",
        data: [0, 1].map((t) => ({ t, median: t, lo: t - 1, hi: t + 1 })),
      }),
    ],
    [
      "line",
      lineChart({ ...labels, data: lines, xKey: "t", yKey: "v", seriesKey: "s", seriesLabel: "scenario" }),
    ],
    ["bar", barChart({ ...labels, data: lines, categoryKey: "t", valueKey: "v", seriesKey: "s" })],
    ["strip", stripChart({ ...labels, data: lines, categoryKey: "s", valueKey: "v" })],
    [
      "network",
      networkChart({
        ...labels,
        groupLabel: "type",
        nodes: [{ id: 1, x: 0, y: 0, group: "funding" }, { id: 2, x: 1, y: 1, group: "code" }],
        edges: [{ source: 1, target: 2 }],
      }),
    ],
    [
      "series",
      seriesChart({
        ...labels,
        lines: pointsOf(lines.filter((d) => d.s === "baseline"), "t", { v: "baseline" }),
      }),
    ],
    ["facets", facetLines({ ...labels, data: lines, xKey: "t", yKey: "v", facetKey: "s", seriesKey: "s" })],
  ];
}
const labels = { title: "Chart", caption: "What it shows.", x: "month", y: "value", yUnit: "USD" };

/** Every font size the chart's HTML sets: attributes, inline styles and style sheets. */
function fontSizes(html: string): number[] {
  return [...html.matchAll(/font-size(?:="|:\s*)([\d.]+)/g)].map((m) => Number(m[1]));
}

Deno.test("every chart: text ≥ 12 px, tooltips as <title>, the data as a CSV download", () => {
  for (const [kind, chart] of everyChart()) {
    const sizes = fontSizes(chart.html);
    assert(sizes.length > 0, `${kind}: font sizes are set`);
    assert(Math.min(...sizes) >= 12, `${kind}: smallest text ${Math.min(...sizes)} px`);
    assertStringIncludes(chart.html, "font-size: 12px", `${kind}: the plot's own style`);
    const { document } = parseHTML(`<body>${chart.html}</body>`);
    assert(document.querySelectorAll("svg title").length > 0, `${kind}: <title> tooltips`);
    assert(!chart.html.includes("<script"), `${kind}: no script`);
    const link = document.querySelector("figure a[download]");
    assert(link, `${kind}: CSV link`);
    assertEquals(link.getAttribute("download"), "chart.csv");
    assert(link.getAttribute("href")!.startsWith("data:text/csv;base64,"), kind);
  }
});

Deno.test("axis labels carry their units; the CSV has the plotted data under those labels", () => {
  const chart = lineChart({ ...labels, data: [{ t: 0, p: 1.5 }, { t: 1, p: 2 }], xKey: "t", yKey: "p" });
  assertStringIncludes(chart.html, "value (USD)");
  const href = parseHTML(`<body>${chart.html}</body>`).document.querySelector("a[download]")!.getAttribute(
    "href",
  )!;
  const csv = atob(href.slice("data:text/csv;base64,".length));
  assertEquals(csv, "month,value (USD)\n0,1.5\n1,2\n");
});

/** The fill of the legend swatch (or line/bar) for a series name. */
function swatchColour(html: string, name: string): string | undefined {
  const { document } = parseHTML(`<body>${html}</body>`);
  for (const swatch of document.querySelectorAll("[class$='-swatch']")) {
    if (swatch.textContent?.trim() === name) {
      return swatch.querySelector("svg")?.getAttribute("fill") ?? undefined;
    }
  }
  return undefined;
}

Deno.test("a series name has the same colour in every chart, whatever the order of its appearance", () => {
  resetColours();
  const a = lineChart({
    ...labels,
    data: [{ t: 0, v: 1, s: "proposal" }, { t: 0, v: 2, s: "mainnet" }],
    xKey: "t",
    yKey: "v",
    seriesKey: "s",
  });
  const b = barChart({
    ...labels,
    data: [{ c: "x", v: 1, s: "other" }, { c: "x", v: 2, s: "mainnet" }, { c: "x", v: 3, s: "proposal" }],
    categoryKey: "c",
    valueKey: "v",
    seriesKey: "s",
  });
  const c = seriesChart({
    ...labels,
    lines: [{ x: 0, y: 1, series: "mainnet" }, { x: 0, y: 2, series: "proposal" }],
  });
  const d = facetLines({
    ...labels,
    data: [{ t: 0, v: 1, s: "mainnet", f: "p" }, { t: 0, v: 2, s: "proposal", f: "p" }],
    xKey: "t",
    yKey: "v",
    facetKey: "f",
    seriesKey: "s",
  });
  for (const name of ["proposal", "mainnet"]) {
    const colours = [a, b, c, d].map((chart) => swatchColour(chart.html, name));
    assert(colours[0] !== undefined, name);
    assertEquals(new Set(colours).size, 1, `${name}: ${colours.join(", ")}`);
    assertEquals(colours[0], colourOf(name));
  }
  assertEquals(colourOf("proposal"), PALETTE[0], "first use takes the palette's first colour");
  assertEquals(colourOf("mainnet"), PALETTE[1]);
  assertEquals(colourOf("other"), PALETTE[2]);
  // A band named as a series takes the series' colour.
  const band = bandChart({
    ...labels,
    bandLabel: "range",
    series: "mainnet",
    data: [{ t: 0, median: 1, lo: 0, hi: 2 }],
  });
  assertStringIncludes(band.html, `stroke="${PALETTE[1]}"`);
});

Deno.test("heatmap: cell text black or white by the cell's luminance; the legend in the cells' unit", () => {
  const chart = heatmap({
    ...labels,
    legend: "median final price",
    unit: "USD/HNY",
    data: grid,
    xKey: "x",
    yKey: "y",
    valueKey: "v",
    cellText: true,
  });
  const { document } = parseHTML(`<body>${chart.html}</body>`);
  assertStringIncludes(chart.html, "median final price (USD/HNY)");
  const cells = [...document.querySelectorAll("g[aria-label='cell'] rect")];
  const texts = [...document.querySelectorAll("g[aria-label='text'] text")];
  assertEquals(texts.length, cells.length);
  const fills = new Set(texts.map((t) => t.getAttribute("fill")));
  assert(fills.has("white") && fills.has("black"), `both text colours on viridis: ${[...fills]}`);
  // The darkest value (smallest) is on dark purple: white; the largest on yellow: black.
  // Each text holds its value, then its <title>.
  const byText = new Map(texts.map((t) => [t.firstChild?.textContent, t.getAttribute("fill")]));
  assertEquals(byText.get("0.0002"), "white");
  assertEquals(byText.get("0.0012"), "black");
  assertEquals(textColourOn("#440154"), "white");
  assertEquals(textColourOn("#fde725"), "black");
  assertEquals(textColourOn("rgb(255, 255, 255)"), "black");
  const percent = heatmap({
    ...labels,
    legend: "share",
    percent: true,
    data: grid,
    xKey: "x",
    yKey: "y",
    valueKey: "v",
  });
  assertStringIncludes(percent.html, "share (%)");
});

Deno.test("chart data above the page budget is not attached, and the chart says so", () => {
  const data = Array.from({ length: 12_000 }, (_, t) => ({ t, v: Math.sin(t) * 1e6, s: "noise" }));
  const chart = lineChart({ ...labels, data, xKey: "t", yKey: "v", seriesKey: "s" });
  assert(!chart.html.includes("data:text/csv"));
  assertStringIncludes(chart.html, "not attached");
  const { document } = parseHTML(`<body>${chart.html}</body>`);
  assert(document.querySelectorAll("g[aria-label='dot'] circle").length <= 200, "hover points are thinned");
});
