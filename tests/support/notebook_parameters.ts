/**
 * A notebook's `parameters` cell (papermill's convention): its first code cell, tagged `parameters`,
 * holding the notebook's knobs as `let name = value;` lines (JSON values, `_` digit separators allowed)
 * and comments. Each model's experiments test compares it with the model's DEFAULT_SETTINGS.
 */
import { assert } from "@std/assert";

interface Cell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string | string[];
}

const text = (cell: Cell) => Array.isArray(cell.source) ? cell.source.join("") : cell.source;

/** The knobs of `notebook`'s parameters cell, by name; throws on any line that is not a knob or a comment. */
export async function notebookParameters(notebook: URL): Promise<Record<string, unknown>> {
  const { cells } = JSON.parse(await Deno.readTextFile(notebook)) as { cells: Cell[] };
  const cell = cells.find((c) => c.cell_type === "code");
  if (!cell?.metadata.tags?.includes("parameters")) {
    throw new Error("the first code cell is not tagged `parameters`");
  }
  const knobs: Record<string, unknown> = {};
  for (const line of text(cell).split("\n")) {
    const m = line.match(/^let (\w+) = (.+?);(\s*\/\/.*)?$/);
    if (m) knobs[m[1]] = JSON.parse(m[2].replace(/(\d)_(?=\d)/g, "$1"));
    else assert(/^\s*(\/\/.*)?$/.test(line), `not a \`let\` assignment or a comment: ${line}`);
  }
  return knobs;
}

/** The code cells of `notebook`, as text. */
export async function codeCells(notebook: URL): Promise<string[]> {
  const { cells } = JSON.parse(await Deno.readTextFile(notebook)) as { cells: Cell[] };
  return cells.filter((c) => c.cell_type === "code").map(text);
}
