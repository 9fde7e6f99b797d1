/**
 * An explorer as a notebook cell's output: `await explore("honey", { set: { throttle: 0.05 } })` shows the
 * same explorer as `deno task explore`, running the model in the front end (the Deno kernel has no comms,
 * so controls cannot call back into the kernel). Front ends run its script only in a trusted notebook; an
 * untrusted one (any notebook someone receives) strips scripts and style attributes, so the output also
 * carries the charts as images, hidden by a style attribute, with one line on how to trust the notebook.
 * A report reads the cell's state from its EXPLORER_MIME data and shows its own explorer in its place.
 */
import { Buffer } from "node:buffer";
import type { ParamValue } from "../engine/params.ts";
import { escapeHtml } from "../notebook/display.ts";
import { document as serverDocument } from "../plot/dom.ts";
import { type ExplorerParts, explorerParts } from "./embed.ts";
import { initialState } from "./initial.ts";
import { explorable } from "./models.ts";
import { runRequest } from "./run.ts";
import { checkState, type ExploreState, MAX_RUNS } from "./state.ts";
import { chartedColumns, type Drawn, plotChart } from "./view.ts";

/** The MIME type of an explorer cell's data: `{ model, state }`, for reports (front ends ignore it). */
export const EXPLORER_MIME = "application/vnd.tokenomics.explorer+json";

export interface ExploreOptions {
  /** Parameter values (checked against the schema, as `--set` is). */
  readonly set?: Readonly<Record<string, ParamValue>>;
  /** A shipped scenario to open at (a swept parameter at its first value). */
  readonly scenario?: string;
  readonly runs?: number;
  readonly steps?: number;
  readonly seed?: string | number;
}

/** Width of each static chart, in pixels. */
const STATIC_WIDTH = 360;

/** An explorer cell's output. */
export class NotebookExplorer {
  constructor(readonly model: string, readonly state: ExploreState, readonly parts: ExplorerParts) {}

  [Symbol.for("Jupyter.display")](): Record<string, unknown> {
    return {
      "text/html": `<style>${this.parts.css}</style>${this.parts.html}${this.parts.script}`,
      [EXPLORER_MIME]: { model: this.model, state: this.state },
    };
  }
}

/** A standalone SVG document of a chart element. */
function svgOf(chart: Element): string {
  const svg = chart.tagName.toLowerCase() === "svg" ? chart : chart.querySelector("svg");
  if (!svg) throw new Error("the chart has no SVG");
  const copy = svg.cloneNode(true) as Element;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return copy.outerHTML;
}

/**
 * The static copy an untrusted front end shows: each main output's chart as an image (computed here, by
 * the same run and summary as the page's), and how to trust the notebook.
 */
function staticCopy(model: string, state: ExploreState): string {
  const { model: runnable, charts } = explorable(model);
  const summaries = runRequest({
    model,
    settings: [state.set],
    runs: state.runs,
    steps: state.steps,
    seed: state.seed,
  });
  const drawn: Drawn = { summaries, changed: [], timeUnit: runnable.timeUnit, charts };
  const images = chartedColumns(drawn).map((column) => {
    const svg = svgOf(plotChart(drawn, column, STATIC_WIDTH, serverDocument));
    return `<img alt="${escapeHtml(`${column}: median and 5–95 % band over ${state.runs} runs`)}" ` +
      `src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">`;
  });
  return `<div class="explorer-static" style="display:none">` +
    `<p>This notebook is not trusted, so its explorer of ${
      escapeHtml(model)
    } cannot run here; these are its ` +
    `charts at the cell's settings (median and 5–95 % band over ${state.runs} runs). To run it, trust the ` +
    `notebook (Classic Notebook: File → Trust Notebook; JupyterLab: the command "Trust Notebook"; or ` +
    `<code>jupyter trust</code> with the notebook's path) and run this cell again.</p>${
      images.join("")
    }</div>`;
}

/**
 * The explorer of `model` (its name, or the model itself) as a cell's output, opening at the options'
 * settings.
 */
export async function explore(
  which: string | { readonly name: string },
  options: ExploreOptions = {},
): Promise<NotebookExplorer> {
  const model = typeof which === "string" ? which : which.name;
  const { model: info } = explorable(model);
  const opening = (await initialState(model, { scenario: options.scenario })).state;
  const state = checkState(info, {
    ...opening,
    set: { ...opening.set, ...options.set },
    runs: Math.min(options.runs ?? opening.runs, MAX_RUNS),
    steps: options.steps ?? opening.steps,
    seed: options.seed ?? opening.seed,
  });
  const parts = await explorerParts(model, state, false, staticCopy(model, state));
  return new NotebookExplorer(model, state, parts);
}
