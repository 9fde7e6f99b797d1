/**
 * `deno task sensitivity`, through the task's own permissions, on honey, where the model's formulas
 * (docs/models/honey.md) say what must come out: a parameter that cannot reach the outcome gets Sobol
 * indices of 0, and productivity raises saturation (PRCC > 0). Bad input is refused in one line, exit 2.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import { task } from "../support/task.ts";

/** The ranked table's rows, by parameter: the cells after the parameter's name. */
function rows(stdout: string, parameters: readonly string[]): Record<string, string[]> {
  const lines = stdout.split("\n");
  return Object.fromEntries(parameters.map((p) => {
    const line = lines.find((l) => l.trim().startsWith(`${p} `));
    assert(line, `no row for ${p}:\n${stdout}`);
    return [p, line.trim().split(/\s+/).slice(1)];
  }));
}

Deno.test("sobol on honey: a parameter that cannot affect the outcome gets indices of 0", async () => {
  // After one month, saturation is a function of the genesis state, productivity and outflow_rate
  // alone: production = (1 + productivity) · outflow_rate · reserve₀ · price₀ (docs/models/honey.md).
  // The throttle only acts on the reserve from then on, so its indices must be 0.
  const r = await task("sensitivity", [
    "honey",
    "--method",
    "sobol",
    "--samples",
    "16",
    "--steps",
    "1",
    "--runs",
    "2",
    "--sweep",
    "productivity=0.8:0.95",
    "--sweep",
    "outflow_rate=0.02:0.1",
    "--sweep",
    "throttle=0.002:0.03",
    "--outcome",
    "saturation",
  ]);
  assertEquals(r.code, 0, r.stderr);
  assertMatch(r.stdout, /16 base samples × \(k \+ 2\) = 80 parameter sets for k = 3/);
  assertMatch(r.stdout, /^80 parameter sets × 2 runs = 160 units$/m);
  const table = rows(r.stdout, ["outflow_rate", "productivity", "throttle"]);
  // interval lo – hi, first, lo – hi, total, lo – hi
  const [first, total] = [Number(table.throttle[3]), Number(table.throttle[7])];
  assertEquals([first, total], [0, 0], r.stdout);
  assert(Number(table.outflow_rate[7]) > 0.5, r.stdout);
  // Ranked by total index, strongest first.
  const order = r.stdout.split("\n").filter((l) => /^\s+(outflow_rate|productivity|throttle)\s/.test(l))
    .map((l) => l.trim().split(/\s+/)[0]);
  assertEquals(order, ["outflow_rate", "productivity", "throttle"]);
});

Deno.test("prcc on honey: productivity raises saturation; the same command gives the same table", async () => {
  const args = [
    "honey",
    "--samples",
    "30",
    "--runs",
    "3",
    "--steps",
    "60",
    "--sweep",
    "productivity=0.82:0.95",
    "--sweep",
    "p_variance=0.1:0.3",
    "--outcome",
    "saturation",
  ];
  const r = await task("sensitivity", args);
  assertEquals(r.code, 0, r.stderr);
  assertMatch(r.stdout, /PRCC \(partial rank correlation\) over 30 Latin-hypercube samples/);
  assertMatch(r.stdout, /^30 parameter sets × 3 runs = 90 units$/m);
  const table = rows(r.stdout, ["productivity", "p_variance"]);
  // interval lo – hi, PRCC, lo – hi: the coefficient and its whole bootstrap interval above 0.
  const [prcc, lo] = [Number(table.productivity[3]), Number(table.productivity[4])];
  assert(prcc > 0.5 && lo > 0, r.stdout);
  assertEquals((await task("sensitivity", args)).stdout, r.stdout);
});

Deno.test("sensitivity refuses bad input in one line with the closest names, exit 2", async () => {
  const base = ["--sweep", "throttle=0.002:0.03", "--outcome", "saturation"];
  const cases: [string[], RegExp][] = [
    [["hony", ...base], /unknown model 'hony'; did you mean honey\?/],
    [
      ["honey", "--sweep", "throtle=0:1", "--outcome", "saturation"],
      /unknown parameter 'throtle' .*did you mean throttle\?/,
    ],
    [
      ["honey", "--sweep", "throttle=0.01", "--outcome", "saturation"],
      /--sweep throttle: give an interval lo:hi, got '0\.01'/,
    ],
    [["honey", "--sweep", "throttle=0.03:0.01", "--outcome", "saturation"], /lo must be below hi/],
    [
      ["honey", "--sweep", "throttle=0:2", "--outcome", "saturation"],
      /2 is out of range; expected a number in \[0, 1\]/,
    ],
    [
      ["honey", "--sweep", "throttle=0:1", "--outcome", "saturaton"],
      /no numeric column 'saturaton'; did you mean saturation\?/,
    ],
    [
      ["honey", ...base, "--samples", "5"],
      /--samples 5 is too few for prcc with 1 parameter\(s\): at least 10/,
    ],
    [["honey", ...base, "--method", "sobol", "--samples", "4"], /too few for sobol .* at least 8/],
    [["honey", ...base, "--method", "morris"], /--method must be prcc or sobol, got 'morris'/],
    [["honey", ...base, "--set", "throttle=0.1"], /'throttle' is given twice/],
    [["honey", "--sweep", "throttle=0:1"], /name the outcome: --outcome COLUMN of honey's timeseries/],
    [["honey", "--outcome", "saturation"], /give at least one --sweep name=lo:hi/],
    [["honey", ...base, "--sweeps", "x=1:2"], /unknown option '--sweeps'; did you mean --sweep/],
  ];
  for (const [args, expected] of cases) {
    const r = await task("sensitivity", args);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assertEquals(r.stdout, "");
    const lines = r.stderr.split("\n").filter((l) => !l.startsWith("Task"));
    assertEquals(lines.length, 1, r.stderr);
    assertMatch(lines[0], expected);
  }
  const help = await task("sensitivity", ["--help"]);
  assertEquals(help.code, 0, help.stderr);
  assertMatch(help.stdout, /^usage: deno task sensitivity <model> --sweep name=lo:hi/m);
  assertMatch(help.stdout, /N base samples\s+\(default 64\) giving N·\(k \+ 2\) parameter sets/);
});
