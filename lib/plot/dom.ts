/**
 * Observable Plot outside a browser: a linkedom document to draw into, display in Jupyter (Deno kernel),
 * and standalone SVG export.
 */
import { parseHTML } from "linkedom";

/** A shared document for Plot's `document` option; charts are serialised, never attached to it. */
export const document: Document = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
  .document as unknown as Document;

const SVG_NS = "http://www.w3.org/2000/svg";

/** A rendered chart: an SVG element, or an HTML figure (title, legend, caption) holding one or more SVGs. */
export class Chart {
  constructor(readonly element: Element) {}

  /** The chart as HTML, as a notebook cell or a report shows it. */
  get html(): string {
    return this.element.outerHTML;
  }

  /** The chart's plot as a standalone SVG document (without title and caption, which are HTML). */
  toSvg(): string {
    const svgs = this.element.tagName.toLowerCase() === "svg"
      ? [this.element]
      : [...this.element.querySelectorAll("svg")];
    // A figure with a colour legend holds the legend's SVG first and the plot's last.
    const plot = svgs.at(-1);
    if (!plot) throw new Error("chart has no SVG element");
    const copy = plot.cloneNode(true) as Element;
    copy.setAttribute("xmlns", SVG_NS);
    copy.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
    return `<?xml version="1.0" encoding="UTF-8"?>\n${copy.outerHTML}\n`;
  }

  /** Writes the standalone SVG to `path` (temporary file, then rename). */
  async writeSvg(path: string): Promise<void> {
    const tmp = `${path}.tmp-${crypto.randomUUID()}`;
    await Deno.writeTextFile(tmp, this.toSvg());
    await Deno.rename(tmp, path);
  }

  /** Deno's Jupyter kernel shows any value carrying this method as the returned MIME bundle. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    return { "text/html": this.html };
  }
}
