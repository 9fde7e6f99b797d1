/**
 * An explorer as parts of a page, for whatever page holds it (its own page, a report, a notebook's
 * output): the container's HTML (its configuration in one escaped attribute, no markup from any input),
 * the script and the CSP source that allows that script alone, and the explorer's styles.
 */
import { escapeHtml } from "../notebook/display.ts";
import { explorerScript } from "./bundle.ts";
import type { ExplorerConfig } from "./explorer.ts";
import { explorable } from "./models.ts";
import { CONFIG_ATTRIBUTE, type ExploreState } from "./state.ts";

export interface ExplorerParts {
  /** The container, to put where the explorer should appear. */
  readonly html: string;
  /** The `<script>` element, to put after the container (once per page: it starts every container). */
  readonly script: string;
  /** The CSP script source allowing that script: `'sha256-…'`. */
  readonly scriptSource: string;
  /** The explorer's styles (a `<style>` element's text). */
  readonly css: string;
}

/**
 * The parts of an explorer of model `name` opening at `state`; `fragment`: its state lives in the URL.
 * `placeholder` (HTML) is what the container shows until the script replaces it: by default a line saying
 * that the explorer needs JavaScript.
 */
export async function explorerParts(
  name: string,
  state: ExploreState,
  fragment: boolean,
  placeholder?: string,
): Promise<ExplorerParts> {
  const { model } = explorable(name);
  const config: ExplorerConfig = { model: name, state, fragment };
  const script = await explorerScript();
  const shown = placeholder ??
    `<p class="about">This explorer runs the ${escapeHtml(model.title)} model in your browser; it needs ` +
      `JavaScript, which this page has not run.</p>`;
  const html = `<div class="explorer" ${CONFIG_ATTRIBUTE}="${
    escapeHtml(JSON.stringify(config))
  }">${shown}</div>`;
  return { html, script: `<script>${script.text}</script>`, scriptSource: script.source, css: EXPLORER_CSS };
}

/** The explorer's styles, every rule under `.explorer`, so that a host page keeps its own. */
export const EXPLORER_CSS = `
.explorer { --ex-border: #d1d9e0; --ex-muted: #59636e; --ex-bad: #cf222e; font-size: .9rem; }
.explorer .panel { display: grid; grid-template-columns: minmax(240px, 320px) minmax(0, 1fr); gap: 1rem; }
/* On a narrow screen the charts come first and the settings, in their own scrolling box, after them. */
@media (max-width: 800px) {
  .explorer .panel { grid-template-columns: minmax(0, 1fr); }
  .explorer .results { order: -1; }
  .explorer .settings { max-height: 60vh; }
}
.explorer .settings { max-height: 80vh; overflow-y: auto; padding-right: .5rem; }
.explorer details { border: 1px solid var(--ex-border); border-radius: 6px; padding: .25rem .5rem; margin: .4rem 0; }
.explorer summary { cursor: pointer; font-weight: 600; }
.explorer .param { margin: .45rem 0; }
.explorer .param label { display: inline-block; margin-right: .4rem; }
.explorer .unit, .explorer .about { color: var(--ex-muted); font-size: .8rem; }
.explorer .about { display: block; line-height: 1.35; }
.explorer .inputs { display: flex; gap: .4rem; align-items: center; }
.explorer input[type=range] { flex: 1 1 auto; min-width: 0; }
.explorer input[type=text] { width: 7.5em; font: inherit; }
.explorer .general input[type=text] { width: 100%; }
.explorer select { font: inherit; max-width: 100%; }
.explorer .problem, .explorer .problems { color: var(--ex-bad); font-size: .8rem; }
.explorer .problems:empty { display: none; }
.explorer .compare-item { border-left: 3px solid #ff725c; padding-left: .5rem; }
.explorer .charts { display: flex; flex-wrap: wrap; gap: .75rem; }
.explorer figure { margin: 0; }
.explorer figcaption { font-weight: 600; font-size: .85rem; }
.explorer .legend span { margin-right: 1rem; }
.explorer .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -.1rem; }
.explorer progress { width: 12rem; }
.explorer .table-scroll { overflow-x: auto; max-height: 24rem; }
.explorer table.final td { text-align: right; font-variant-numeric: tabular-nums; }
.explorer pre.command { white-space: pre-wrap; overflow-wrap: anywhere; }
`;
