/**
 * Observable Plot outside a browser: a linkedom document to draw into, display in Jupyter (Deno kernel),
 * and standalone SVG export.
 */
import { parseHTML } from "linkedom";
import { Buffer } from "node:buffer";
import { csvAttachment } from "../analysis/csv.ts";

/** A shared document for Plot's `document` option; charts are serialised, never attached to it. */
export const document: Document = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
  .document as unknown as Document;

const SVG_NS = "http://www.w3.org/2000/svg";

/** Smallest text size on any chart, in px (Plot's own default is 10). */
export const MIN_FONT_PX = 12;

/** Raises every font size below `min` px in the element and its descendants: attributes, inline styles, style sheets. */
export function readableText(element: Element, min = MIN_FONT_PX): void {
  const raise = (n: number) => (n < min ? min : n);
  for (const el of [element, ...element.querySelectorAll("*")]) {
    const size = el.getAttribute("font-size");
    if (size !== null && /^\d+(\.\d+)?(px)?$/.test(size.trim()) && parseFloat(size) < min) {
      el.setAttribute("font-size", String(min));
    }
    const style = el.getAttribute("style");
    if (style && /font-size/.test(style)) {
      el.setAttribute(
        "style",
        style.replace(/font-size:\s*([\d.]+)px/g, (_m, n) => `font-size: ${raise(+n)}px`),
      );
    }
    if (el.tagName.toLowerCase() === "style" && el.textContent) {
      el.textContent = el.textContent.replace(
        /font-size:\s*([\d.]+)px/g,
        (_m, n) => `font-size: ${raise(+n)}px`,
      );
    }
  }
}

/** The data behind a chart, offered as a CSV download under it. */
export interface ChartData {
  /** Names the file (as a slug), e.g. the chart's title. */
  readonly name: string;
  readonly rows: readonly Record<string, unknown>[];
  /** CSV columns: the rows' keys, or a map from key to the CSV header (e.g. the axis label). */
  readonly columns: readonly string[] | Readonly<Record<string, string>>;
}

/** The rows with the CSV headers as keys, and the headers in order. */
function csvRows(data: ChartData): { rows: Record<string, unknown>[]; names: string[] } {
  const map: [string, string][] = Array.isArray(data.columns)
    ? (data.columns as readonly string[]).map((k) => [k, k])
    : Object.entries(data.columns as Record<string, string>);
  const pairs = map.filter(([k], i) => map.findIndex(([other]) => other === k) === i);
  const names: string[] = [];
  for (const [, header] of pairs) {
    names.push(names.includes(header) ? `${header} (${names.length + 1})` : header);
  }
  const rows = data.rows.map((r) => Object.fromEntries(pairs.map(([k], i) => [names[i], r[k]])));
  return { rows, names };
}

/**
 * A rendered Plot element made ready for a report: text at least MIN_FONT_PX, wrapped in a <figure> when
 * Plot returned a bare SVG, and the data as a CSV `data:` link under it (the page budget of
 * lib/analysis/csv.ts: no link above 200 kB of CSV, and a note saying so).
 */
export function finishChart(plot: Element, data?: ChartData): Chart {
  readableText(plot);
  let figure = plot;
  if (plot.tagName.toLowerCase() !== "figure") {
    figure = document.createElement("figure");
    figure.appendChild(plot);
  }
  if (data) {
    const { rows, names } = csvRows(data);
    const { link, note } = csvAttachment(rows, names, data.name, "chart");
    const p = document.createElement("p");
    p.setAttribute("class", "csv");
    if (link) p.innerHTML = link;
    else p.textContent = note;
    figure.appendChild(p);
  }
  return new Chart(figure);
}

/** A rendered chart: an SVG element, or an HTML figure (title, legend, caption) holding one or more SVGs. */
export class Chart {
  constructor(readonly element: Element) {}

  /** The chart as HTML, as a notebook cell or a report shows it. */
  get html(): string {
    return this.element.outerHTML;
  }

  /** The chart's plot as a standalone SVG document (without title and caption, which are HTML). */
  toSvg(): string {
    // A figure with a colour legend holds the legend's SVG first and the plot's last.
    const plot = outerSvgs(this.element).at(-1);
    if (!plot) throw new Error("chart has no SVG element");
    return `<?xml version="1.0" encoding="UTF-8"?>\n${standalone(plot)}\n`;
  }

  /**
   * The chart as HTML for a notebook: as `html`, with each SVG followed by the same SVG as a hidden
   * `data:` image. A trusted notebook shows the inline SVG and hides the image. An untrusted one (any
   * notebook someone receives) has its HTML outputs sanitized (classic Notebook 6.4, with JupyterLab's
   * sanitizer), which drops inline SVG but keeps its text, and drops every `style` attribute but keeps
   * `hidden`: so each image shows, and each SVG holding text sits in a `hidden` wrapper that its style
   * shows only while trusted. Reports drop the images (lib/report/outputs.ts).
   */
  get notebookHtml(): string {
    let copy = this.element.cloneNode(true) as Element;
    if (copy.tagName.toLowerCase() === "svg") {
      // A bare SVG needs a parent to hold its image beside it.
      const wrapper = document.createElement("div");
      wrapper.appendChild(copy);
      copy = wrapper;
    }
    const title = copy.querySelector("h2")?.textContent?.trim() || "chart";
    for (const svg of outerSvgs(copy)) {
      const img = document.createElement("img");
      img.setAttribute("class", UNTRUSTED_FALLBACK_CLASS);
      img.setAttribute("style", "display:none");
      img.setAttribute("alt", title);
      img.setAttribute("src", `data:image/svg+xml;base64,${Buffer.from(standalone(svg)).toString("base64")}`);
      svg.after(img);
      // Swatches hold no text and keep their place (Plot styles them as a child of their swatch).
      if (!svg.textContent?.trim()) continue;
      const wrapper = document.createElement("span");
      wrapper.setAttribute("hidden", "");
      wrapper.setAttribute("style", "display:contents");
      svg.before(wrapper);
      wrapper.appendChild(svg);
    }
    return copy.outerHTML;
  }

  /** Writes the standalone SVG to `path` (temporary file, then rename). */
  async writeSvg(path: string): Promise<void> {
    const tmp = `${path}.tmp-${crypto.randomUUID()}`;
    await Deno.writeTextFile(tmp, this.toSvg());
    await Deno.rename(tmp, path);
  }

  /** Deno's Jupyter kernel shows any value carrying this method as the returned MIME bundle. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "text/html": this.notebookHtml };
  }
}

/** Marks a chart's image shown only where a front end stripped its inline SVG. */
export const UNTRUSTED_FALLBACK_CLASS = "chart-untrusted-fallback";

/** The SVG elements of `element` (itself included) that are not inside another SVG. */
function outerSvgs(element: Element): Element[] {
  if (element.tagName.toLowerCase() === "svg") return [element];
  return [...element.querySelectorAll("svg")].filter((svg) => !svg.parentElement?.closest("svg"));
}

/** An SVG element as a document of its own: its namespaces declared. */
function standalone(svg: Element): string {
  const copy = svg.cloneNode(true) as Element;
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  return copy.outerHTML;
}
