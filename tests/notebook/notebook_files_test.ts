/**
 * The notebooks as files: what `deno fmt --check` wants of them in a fresh clone (no format cache, as
 * CI runs it) — every cell's source, code or Markdown, ends with a newline. `deno fmt` in a working copy with a cache
 * may call such a notebook formatted, so this is checked here, where a failure names the cell. And every
 * cell of the project's notebooks has an id of its own, which Jupyter otherwise warns about on each run.
 */
import { assertEquals } from "@std/assert";

/** The folders holding notebooks: the project's and the report tests' fixtures. */
const FOLDERS = ["../../notebooks/", "../report/fixtures/"].map((path) => new URL(path, import.meta.url));

Deno.test("every notebook cell's source ends with a newline", async () => {
  const unfinished: string[] = [];
  for (const folder of FOLDERS) {
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.name.endsWith(".ipynb")) continue;
      const notebook = JSON.parse(await Deno.readTextFile(new URL(entry.name, folder)));
      notebook.cells.forEach((cell: { cell_type: string; source: string | string[] }, i: number) => {
        const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
        if (source !== "" && !source.endsWith("\n")) {
          unfinished.push(`${entry.name} cell ${i + 1} (${cell.cell_type})`);
        }
      });
    }
  }
  assertEquals(unfinished, [], "cells whose source lacks its final newline");
});

Deno.test("every cell of the project's notebooks has an id of its own", async () => {
  // nbformat 4.5 requires one; Jupyter warns on every run of a notebook with a cell without.
  const lacking: string[] = [];
  for await (const entry of Deno.readDir(FOLDERS[0])) {
    if (!entry.name.endsWith(".ipynb")) continue;
    const notebook = JSON.parse(await Deno.readTextFile(new URL(entry.name, FOLDERS[0])));
    const ids = notebook.cells.map((cell: { id?: string }) => cell.id);
    ids.forEach((id: string | undefined, i: number) => {
      if (!id) lacking.push(`${entry.name} cell ${i + 1}: no id`);
      else if (ids.indexOf(id) !== i) lacking.push(`${entry.name} cell ${i + 1}: id '${id}' repeated`);
    });
  }
  assertEquals(lacking, [], "cells without an id of their own");
});
