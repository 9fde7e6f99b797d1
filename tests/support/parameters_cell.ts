/**
 * A notebook's `parameters` cell (papermill's convention: its first code cell, tagged `parameters`) as
 * values, so that a test can compare the notebook's knobs with its experiments' DEFAULT_SETTINGS.
 */

interface Cell {
  readonly cell_type: string;
  readonly metadata?: { readonly tags?: readonly string[] };
  readonly source: string | readonly string[];
}

/**
 * The `let name = value;` lines of the notebook's first code cell, values parsed as JSON (numbers may
 * group digits with `_`). Throws, naming the line, when the first code cell is not tagged `parameters`
 * or holds anything but such lines and comments.
 */
export async function parametersCell(notebook: URL): Promise<Record<string, unknown>> {
  const { cells } = JSON.parse(await Deno.readTextFile(notebook)) as { cells: Cell[] };
  const cell = cells.find((c) => c.cell_type === "code");
  if (!cell?.metadata?.tags?.includes("parameters")) {
    throw new Error(`${notebook.pathname}: the first code cell is not tagged 'parameters'`);
  }
  const source = typeof cell.source === "string" ? cell.source : cell.source.join("");
  const values: Record<string, unknown> = {};
  for (const line of source.split("\n")) {
    const code = line.replace(/\/\/.*$/, "").trim();
    if (code === "") continue;
    const assignment = code.match(/^let (\w+) = (.+);$/);
    if (!assignment) throw new Error(`parameters cell: '${line}' is not a 'let name = value;' line`);
    values[assignment[1]] = JSON.parse(assignment[2].replace(/(\d)_(?=\d)/g, "$1"));
  }
  return values;
}
