/**
 * The template trees of `deno task new` (lib/scaffold/templates.ts): what a new model owns, the notebook
 * template's cells, placeholders, and — for the shortest and the longest names, whose lines are the
 * shortest and longest and whose identifiers sort first and last — files that `deno fmt --check` passes
 * with the project's settings and no format cache, as CI runs it.
 */
import { assertEquals, assertThrows } from "@std/assert";
import { dirname, join } from "node:path";
import { MAX_NAME_LENGTH, nameProblem } from "@lib/scaffold/names.ts";
import { fill, generatedFiles, type ModelKind, ownedPaths, templateCells } from "@lib/scaffold/templates.ts";

const KINDS: readonly ModelKind[] = ["state", "agents"];
const CONFIG = new URL("../../deno.json", import.meta.url);

Deno.test("a new model owns its folders and files, and nothing else", async () => {
  const expected = [
    "data/scenarios/demo",
    "docs/models/demo.md",
    "lib/models/demo",
    "notebooks/demo.ipynb",
    "tests/models/demo",
  ];
  for (const kind of KINDS) assertEquals(await ownedPaths("demo", kind), expected, kind);
});

Deno.test("placeholders: __name__ and __Name__ filled, any other refused", () => {
  assertEquals(
    fill("export const __name__: __Name__Params = __name__Params;", "demo"),
    "export const demo: DemoParams = demoParams;",
  );
  assertThrows(() => fill("import { __nmae__ } from", "demo"), Error, "unknown placeholder __nmae__");
});

Deno.test("a notebook template's cells: markers, tags, lines each ending with a newline", () => {
  const cells = templateCells(
    "%% markdown\n# Title\n\ntext\n\n%% code parameters no-output\nlet seed = 42;\n%% code\nshow();\n",
  );
  assertEquals(cells, [
    { type: "markdown", tags: [], lines: ["# Title\n", "\n", "text\n"] },
    { type: "code", tags: ["parameters", "no-output"], lines: ["let seed = 42;\n"] },
    { type: "code", tags: [], lines: ["show();\n"] },
  ]);
  assertThrows(
    () => templateCells("let x = 1;\n%% code\n"),
    Error,
    "must open with a '%% markdown' or '%% code' line",
  );
});

Deno.test("the notebook: its parameters cell first among code cells, the model's page in its metadata", async () => {
  for (const kind of KINDS) {
    const file = (await generatedFiles("demo", kind)).find((f) => f.path === "notebooks/demo.ipynb")!;
    const notebook = JSON.parse(file.text);
    assertEquals(notebook.metadata.report, { docs: "docs/models/demo.md" });
    const code = notebook.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    assertEquals(code[0].metadata.tags, ["parameters", "no-output"]);
    assertEquals(code.map((c: { outputs: unknown[] }) => c.outputs), code.map(() => []));
  }
});

Deno.test("every generated file passes deno fmt --check, for the shortest and the longest names", async () => {
  const names = ["ab", "z".repeat(MAX_NAME_LENGTH)];
  const dir = await Deno.makeTempDir({ prefix: "scaffold-fmt-" });
  try {
    await Deno.copyFile(CONFIG, join(dir, "deno.json"));
    for (const kind of KINDS) {
      for (const name of names) {
        assertEquals(await nameProblem(name, kind), undefined, `${name} is a name the scaffold takes`);
        for (const file of await generatedFiles(`${name}`, kind)) {
          const path = join(dir, kind, file.path);
          await Deno.mkdir(dirname(path), { recursive: true });
          await Deno.writeTextFile(path, file.text);
        }
      }
    }
    const checked = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--check", "."],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    assertEquals(checked.code, 0, text.decode(checked.stdout) + text.decode(checked.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
