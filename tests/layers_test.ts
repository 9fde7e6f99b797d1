/**
 * The import arrows of lib/ point one way: from the commands down to the engine, never back up and never
 * sideways between independent areas. Every import of every module under lib/ is read (static, type-only,
 * re-exports and literal dynamic imports) and checked against LAYERS.
 */
import { assertEquals } from "@std/assert";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The areas of lib/ from the top down. A module may import from its own area and from any area in a
 * lower layer; areas in the same layer are independent of each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  // The commands: `task sim|merge|slurm|k8s` and `task report`. Nothing in lib/ builds on a command.
  ["cli", "report"],
  // SLURM and Kubernetes jobs around `sim`: they run the commands' plans at scale.
  ["scale"],
  // Explorers: a model's engine run in the reader's browser, as a page, a report's section or a cell's
  // output (lib/explore/app.ts is bundled for the browser, so it imports no Polars).
  ["explore"],
  // One folder per source document: its model, analyses and claims, built from everything below.
  ["models"],
  // What notebooks display: tables, claims, prose (notebook) and charts (plot). Models call them; they
  // know no model, and neither needs the other.
  ["notebook", "plot"],
  // Model-agnostic tools: statistics, sampling designs, number formats and CSV (analysis); the Debian
  // packages the commands need and the usage error they share (system).
  ["analysis", "system"],
  // Datasets on disk and run configurations: they write and read what the engine produces.
  ["io"],
  // The simulation engines: parameters, seeded streams, plans, runners, executors.
  ["engine"],
  // A constant (lib/version.ts), importable from anywhere.
  ["version.ts"],
];

/** Import specifiers in a module's text: `import … from`, `export … from`, `import "…"` and `import("…")`. */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
  }
  return specifiers;
}

/** The area of a path relative to lib/: its first folder, or the file name for a file directly in lib/. */
const areaOf = (path: string) => path.split("/")[0];

/** One line per arrow that goes up or sideways, or names an area LAYERS does not place. */
function wrongArrows(arrows: readonly { from: string; to: string }[]): string[] {
  const layer = new Map(LAYERS.flatMap((areas, i) => areas.map((area) => [area, i] as const)));
  const problems: string[] = [];
  for (const { from, to } of arrows) {
    const [a, b] = [areaOf(from), areaOf(to)];
    if (a === b) continue;
    const unplaced = [a, b].find((area) => !layer.has(area));
    if (unplaced !== undefined) {
      problems.push(`${from} → ${to}: area '${unplaced}' is not placed in LAYERS (tests/layers_test.ts)`);
    } else if (layer.get(a)! === layer.get(b)!) {
      problems.push(`${from} → ${to}: '${a}' and '${b}' are independent areas of one layer`);
    } else if (layer.get(a)! > layer.get(b)!) {
      problems.push(`${from} → ${to}: '${a}' is below '${b}', so the arrow points up`);
    }
  }
  return problems;
}

const LIB = fileURLToPath(new URL("../lib/", import.meta.url));

/** Every module under lib/ with the lib/ modules it imports, as paths relative to lib/. */
async function libArrows(): Promise<{ from: string; to: string }[]> {
  const arrows: { from: string; to: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".ts")) {
        const from = relative(LIB, path);
        for (const specifier of importsOf(await Deno.readTextFile(path))) {
          const target = specifier.startsWith("@lib/")
            ? specifier.slice("@lib/".length)
            : specifier.startsWith(".")
            ? relative(LIB, join(dirname(path), specifier))
            : undefined; // a package (npm:, node:, mapped names) is outside lib/
          if (target !== undefined) arrows.push({ from, to: target });
        }
      }
    }
  };
  await walk(LIB);
  return arrows;
}

Deno.test("every import in lib/ points down the layers", async () => {
  const arrows = await libArrows();
  // The reader found the imports: lib/ has well over a hundred arrows between its modules.
  if (arrows.length < 100) throw new Error(`only ${arrows.length} imports found under lib/`);
  assertEquals(wrongArrows(arrows), []);
});

Deno.test("the check names an arrow that points up, one between siblings, and an unplaced area", () => {
  assertEquals(
    importsOf(
      `import pl from "nodejs-polars";\nimport type { A } from "../engine/a.ts";\n` +
        `export { b } from "./b.ts";\nimport {\n  c,\n  d,\n} from "../plot/c.ts";\nconst m = await import("../io/m.ts");`,
    ),
    [
      "nodejs-polars",
      "../engine/a.ts",
      "./b.ts",
      "../plot/c.ts",
      "../io/m.ts",
    ],
  );
  assertEquals(
    wrongArrows([
      { from: "models/honey/analysis.ts", to: "engine/frame.ts" },
      { from: "models/honey/analysis.ts", to: "models/honey/model.ts" },
      { from: "engine/plan.ts", to: "analysis/lhs.ts" },
      { from: "plot/dom.ts", to: "notebook/table.ts" },
      { from: "scale/slurm_local.ts", to: "report/toolchain.ts" },
      { from: "analysis/x.ts", to: "widgets/y.ts" },
    ]),
    [
      "engine/plan.ts → analysis/lhs.ts: 'engine' is below 'analysis', so the arrow points up",
      "plot/dom.ts → notebook/table.ts: 'plot' and 'notebook' are independent areas of one layer",
      "scale/slurm_local.ts → report/toolchain.ts: 'scale' is below 'report', so the arrow points up",
      "analysis/x.ts → widgets/y.ts: area 'widgets' is not placed in LAYERS (tests/layers_test.ts)",
    ],
  );
});
