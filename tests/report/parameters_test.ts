/** A notebook's parameters: read from its parameters cell, set with the command line's grammar, injected. */
import { assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import {
  INJECTED_TAG,
  injectParameters,
  notebookKnobs,
  parameterisedStem,
  resolveParameters,
} from "@lib/report/parameters.ts";
import type { Notebook } from "@lib/report/notebook.ts";
import { UsageError } from "@lib/system/usage.ts";
import { task } from "../support/task.ts";

const notebook: Notebook = {
  cells: [
    { cell_type: "markdown", source: "# Title\n" },
    {
      cell_type: "code",
      metadata: { tags: ["parameters", "no-output"] },
      source: [
        "// The knobs.\n",
        "let seed = 42; // root seed\n",
        "let runs = 1_000;\n",
        "let throttles = [0.002, 0.006]; // per month\n",
        "let segments = [[0.8, 0.9]];\n",
        'let variant = "code";\n',
        "let verbose = false;\n",
      ],
    },
    { cell_type: "code", source: "run(seed);\n" },
  ],
};
const { index, knobs } = notebookKnobs(notebook, "n.ipynb");
const resolve = (sets: string[], config?: string) =>
  resolveParameters(
    knobs,
    sets,
    config === undefined ? undefined : { text: config, source: "c.toml" },
    "n.ipynb",
  );
const valuesOf = (sets: string[], config?: string) =>
  Object.fromEntries(resolve(sets, config).map((p) => [p.name, p.value]));

Deno.test("the parameters cell's knobs and defaults", () => {
  assertEquals(index, 1);
  assertEquals(knobs, [
    { name: "seed", default: 42 },
    { name: "runs", default: 1000 },
    { name: "throttles", default: [0.002, 0.006] },
    { name: "segments", default: [[0.8, 0.9]] },
    { name: "variant", default: "code" },
    { name: "verbose", default: false },
  ]);
  assertThrows(
    () => notebookKnobs({ cells: [{ cell_type: "code", source: "let a = 1;\n" }] }, "x.ipynb"),
    UsageError,
    "x.ipynb has no parameters cell",
  );
});

Deno.test("values in the command line's grammar, shaped as the defaults", () => {
  assertEquals(
    valuesOf([
      "seed=7",
      "throttles=0.01:0.03:0.01",
      "segments=[[0.7, 0.75], [0.9, 1]]",
      "variant=readme",
      "verbose=true",
    ]),
    {
      seed: 7,
      runs: 1000,
      throttles: [0.01, 0.02, 0.03],
      segments: [[0.7, 0.75], [0.9, 1]],
      variant: "readme",
      verbose: true,
    },
  );
  assertEquals(valuesOf(["throttles=0.1, 0.2,0.5"]).throttles, [0.1, 0.2, 0.5]);
  assertEquals(valuesOf(["throttles=[0.1]"]).throttles, [0.1]);
  const refused: [string, string][] = [
    ["seeed=7", "n.ipynb has no parameter 'seeed'; did you mean seed?"],
    ["seed=0x10", "'0x10' is not a number in plain decimal notation"],
    ["seed=Infinity", "not a number in plain decimal notation"],
    ["throttles=0.1,a", "'a' is not a number"],
    ["segments=0.1,0.2", "a list of lists is written as JSON"],
    ["segments=[0.1]", "is not a list of lists of numbers, as the default is"],
    ["verbose=yes", "'yes' is not true or false"],
    ["seed", "expected name=value"],
  ];
  for (const [set, message] of refused) assertThrows(() => resolve([set]), UsageError, message);
  assertThrows(() => resolve(["seed=1", "seed=2"]), UsageError, "seed is given twice");
});

Deno.test("a --config file's values, which --set overrides; what differs from the defaults", () => {
  const parameters = resolve(["runs=1000"], "seed = 7\nthrottles = [0.01]\nruns = 5\n");
  assertEquals(
    parameters.map(({ name, value, given, changed }) => ({ name, value, given, changed })),
    [
      { name: "seed", value: 7, given: true, changed: true },
      { name: "runs", value: 1000, given: true, changed: false },
      { name: "throttles", value: [0.01], given: true, changed: true },
      { name: "segments", value: [[0.8, 0.9]], given: false, changed: false },
      { name: "variant", value: "code", given: false, changed: false },
      { name: "verbose", value: false, given: false, changed: false },
    ],
  );
  assertThrows(
    () => resolve([], "sed = 7\n"),
    UsageError,
    "c.toml: n.ipynb has no parameter 'sed'; did you mean seed?",
  );
  assertThrows(() => resolve([], "seed = [7]\n"), UsageError, "c.toml: seed: '[7]' is not a number");
  assertThrows(() => resolve([], "seed = \n"), UsageError, "c.toml: not valid TOML (line 1)");
});

Deno.test("the injected cells: the stated parameters, then the assignments, after the parameters cell", () => {
  const parameters = resolve(["seed=7", "runs=1000", "variant=<b>"]);
  const injected = injectParameters(notebook, index, parameters);
  assertEquals(injected.cells.length, notebook.cells.length + 2);
  const [statement, assignments] = injected.cells.slice(2, 4);
  assertEquals(statement.metadata?.tags, [INJECTED_TAG]);
  assertEquals(assignments.metadata?.tags, [INJECTED_TAG, "no-output"]);
  assertEquals(
    assignments.source,
    "// Injected by `deno task report`: the parameter values given for this run.\n" +
      'seed = 7;\nruns = 1000;\nvariant = "<b>";\n',
  );
  const markdown = statement.source as string;
  assertStringIncludes(markdown, "## Parameters");
  assertStringIncludes(markdown, "3 parameter value(s) given");
  assertStringIncludes(markdown, "2 differing from the notebook's defaults: `seed`, `variant`");
  assertStringIncludes(
    markdown,
    '<tr class="changed"><td>seed</td><td><code>7</code></td><td><code>42</code>',
  );
  assertStringIncludes(markdown, "<tr><td>runs</td><td><code>1000</code></td><td>same</td></tr>");
  assertStringIncludes(markdown, "<code>&quot;&lt;b&gt;&quot;</code>");
  assertEquals(injected.cells[4], notebook.cells[2]);
  // The title names the values given, Markdown escaped, so that the list of reports tells them apart.
  assertEquals(injected.cells[0].source, '# Title (seed = 7, runs = 1000, variant = "\\<b\\>")\n');
});

Deno.test("a report run with parameters is named after them, never as the default report", async () => {
  assertEquals(
    await parameterisedStem("honey", resolve(["seed=7", "throttles=0.01,0.02"])),
    "honey.seed=7.throttles=0.01,0.02",
  );
  assertEquals(await parameterisedStem("honey", resolve(["variant=a/../b c"])), "honey.variant=a_.._b_c");
  const long = await parameterisedStem("honey", resolve([`throttles=${Array(40).fill(0.125).join(",")}`]));
  assertEquals(/^honey\.parameters-[0-9a-f]{12}$/.test(long), true, long);
});

Deno.test("deno task report refuses an unknown parameter in one line, with the closest names", async () => {
  const { code, stderr } = await task("report", [
    "--notebooks",
    "notebooks/honey-supply.ipynb",
    "--set",
    "sweepRun=3",
  ]);
  assertEquals(code, 2);
  assertEquals(
    stderr.split("\n")[0],
    "report: --set 'sweepRun=3': notebooks/honey-supply.ipynb has no parameter 'sweepRun'; did you mean sweepRuns?",
  );
});

Deno.test("a report with changed parameters: stated, named apart, and a changed verdict shown, not failed", async () => {
  const out = await Deno.makeTempDir({ prefix: "parameters-report-" });
  try {
    const fixture = "tests/report/fixtures/parameters.ipynb";
    const byDefault = await task("report", ["--notebooks", fixture, "--out", out]);
    assertEquals(byDefault.code, 0, byDefault.stderr);
    const defaultPage = await Deno.readTextFile(`${out}/parameters.html`);

    const changed = await task("report", ["--notebooks", fixture, "--set", "threshold=5", "--out", out]);
    assertEquals(changed.code, 0, changed.stderr);
    assertStringIncludes(changed.stderr, "published as parameters.threshold=5.html");
    assertEquals(
      await Deno.readTextFile(`${out}/parameters.html`),
      defaultPage,
      "the default report is kept",
    );
    const page = await Deno.readTextFile(`${out}/parameters.threshold=5.html`);
    assertStringIncludes(page, "Parameters</h2>");
    assertStringIncludes(page, "<title>Parameters fixture (threshold = 5)");
    assertStringIncludes(page, "(1 differing from the notebook's defaults: <code>threshold</code>)");
    assertStringIncludes(
      page,
      '<tr class="changed"><td>threshold</td><td><code>5</code></td><td><code>1</code>',
    );
    assertStringIncludes(page, "does not hold <small>(changed: holds with the default parameters)</small>");
    assertStringIncludes(defaultPage, 'verdict-holds">holds</td>');

    // The same value as the default changes nothing: the expected verdicts are enforced.
    const same = await task("report", ["--notebooks", fixture, "--set", "threshold=1", "--out", out]);
    assertEquals(same.code, 0, same.stderr);
    assertStringIncludes(same.stderr, "(0 differing from the defaults)");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
