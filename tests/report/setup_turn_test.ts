/**
 * Kernels of one project take turns through their first cell that imports (execute_notebook.py,
 * SetupTurn): a Deno kernel rewrites the project's node_modules links on its first import, and two
 * notebooks of a report started together had one fail on a link the other was rewriting. The turn is an
 * exclusive lock on the project's deno.json; held here, a notebook's import cell waits for it.
 */
import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { executeNotebook } from "@lib/report/execute.ts";
import { ensureJupyter } from "@lib/system/packages.ts";

const cell = (source: string, id: string) => ({
  cell_type: "code",
  id,
  metadata: {},
  execution_count: null,
  outputs: [],
  source,
});

Deno.test("a notebook's first import cell waits while another kernel of the project holds the turn", async () => {
  await ensureJupyter();
  const dir = await Deno.makeTempDir({ prefix: "setup_turn" });
  try {
    await Deno.writeTextFile(join(dir, "deno.json"), "{}\n");
    const input = join(dir, "imports.ipynb");
    const output = join(dir, "executed.ipynb");
    await Deno.writeTextFile(
      input,
      JSON.stringify({
        cells: [
          cell('console.log("before the import");\n', "a"),
          cell('import { join } from "node:path";\nconsole.log(join("after", "import"));\n', "b"),
        ],
        metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    using config = await Deno.open(join(dir, "deno.json"));
    await config.lock(true);
    let finished = false;
    const run = executeNotebook(input, output, { cwd: dir }).finally(() => finished = true);
    // Long enough for the kernel to start and run both cells, were the turn not held.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    assert(!finished, "the import cell ran while the turn was held");
    await config.unlock();
    await run;
    const executed = JSON.parse(await Deno.readTextFile(output));
    const printed = (i: number) =>
      executed.cells[i].outputs.map((o: { text: string[] }) => o.text.join("")).join("");
    assertEquals(printed(0), "before the import\n");
    assertStringIncludes(printed(1), "after/import");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
