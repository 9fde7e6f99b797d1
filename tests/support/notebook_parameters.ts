/**
 * A notebook's `parameters` cell (papermill's convention): its first code cell, tagged `parameters`,
 * holding the notebook's knobs as `let name = value;` lines (JSON values, `_` digit separators allowed)
 * and comments. Each model's experiments test compares it with the model's DEFAULT_SETTINGS.
 */
import { notebookKnobs } from "@lib/report/parameters.ts";

interface Cell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
}

const text = (cell: Cell) => Array.isArray(cell.source) ? cell.source.join("") : cell.source;

/** The knobs of `notebook`'s parameters cell, by name, read as `deno task report --set` reads them. */
export async function notebookParameters(notebook: URL): Promise<Record<string, unknown>> {
  const parsed = JSON.parse(await Deno.readTextFile(notebook));
  const { knobs } = notebookKnobs(parsed, notebook.pathname);
  return Object.fromEntries(knobs.map((knob) => [knob.name, knob.default]));
}

/** The code cells of `notebook`, as text. */
export async function codeCells(notebook: URL): Promise<string[]> {
  const { cells } = JSON.parse(await Deno.readTextFile(notebook)) as { cells: Cell[] };
  return cells.filter((c) => c.cell_type === "code").map(text);
}
