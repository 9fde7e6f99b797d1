/**
 * Asking a model a question from the command line, as a newcomer does, through `deno task sim`'s own
 * permissions: --help says what every scenario is for and cuts nothing; a mistyped name gets the
 * closest ones; --summary prints what the written files hold, checked against the files themselves.
 */
import { assert, assertEquals, assertMatch } from "@std/assert";
import pl from "nodejs-polars";
import { describeModel, groupParams } from "@lib/cli/help.ts";
import { formatNumber, renderTable } from "@lib/cli/summary.ts";
import { readConfig, scenarioNames, scenarioPath, SCENARIOS } from "@lib/io/config.ts";
import { quantile } from "@lib/analysis/quantiles.ts";
import { simulators } from "@lib/models/index.ts";
import { task } from "../support/task.ts";

Deno.test("parameters are grouped by a shared prefix only where three or more neighbours share it", () => {
  const short = ["a_x", "a_y", "a_z"];
  assertEquals(groupParams(short), [{ names: short }]); // short lists are left as they are
  const names = [
    "rules",
    ...Array.from({ length: 12 }, (_, i) => `usage_weight_${i}`),
    "split_a",
    "split_b",
    "beta",
    "N_a",
    "N_b",
    "N_c",
  ];
  assertEquals(groupParams(names), [
    { names: ["rules"] },
    { heading: "usage_weight_*", names: names.slice(1, 13) },
    { names: ["split_a", "split_b", "beta"] },
    { heading: "N_*", names: ["N_a", "N_b", "N_c"] },
  ]);
});

Deno.test("every model's --help lists every parameter and table and every scenario's description, uncut", async () => {
  for (const model of Object.values(simulators)) {
    const text = await describeModel(model, 100);
    const lines = text.split("\n");
    for (const line of lines) assert(line.length <= 100 || !line.trim().includes(" "), `too wide: ${line}`);
    const words = new Set(text.split(/\s+/));
    for (const name of Object.keys(model.params)) assert(words.has(name), `${model.name}: ${name} missing`);
    for (const name of Object.keys(model.tables)) {
      assert(text.includes(`  ${name}`), `${model.name}: ${name}`);
    }
    const flat = text.replace(/\s+/g, " ");
    for (const scenario of scenarioNames(SCENARIOS, model.name)) {
      const config = await readConfig(scenarioPath(SCENARIOS, model.name, scenario));
      assert(config.description, `${model.name}/${scenario} has no description`);
      assert(flat.includes(config.description.replace(/\s+/g, " ").trim()), `${model.name}/${scenario}`);
    }
  }
});

Deno.test("deno task sim <model> --help and --help alone, through the task's permissions", async () => {
  const honey = await task("sim", ["honey", "--help"]);
  assertEquals(honey.code, 0, honey.stderr);
  assertMatch(honey.stdout, /reserve-throttle \(120 steps; 10 runs; sweeps target_reserve_ratio, throttle\)/);
  assertMatch(honey.stdout, /Planned analysis 2: target_reserve_ratio 0\.1 → 0\.3/);
  const usage = await task("sim", ["--help"]);
  assertEquals(usage.code, 0, usage.stderr);
  assertMatch(usage.stdout, /bitrewards\s+BITrewards/);
});

Deno.test("a mistyped name is refused in one line with the closest names, exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["honey", "--set", "throtle=0.05"],
      /unknown parameter 'throtle' for model honey; did you mean throttle\?/,
    ],
    [
      ["bitrewards", "--set", "gas_fee=0.01"],
      /unknown parameter 'gas_fee' for model bitrewards; did you mean gas_fee_share_rate\? \(\d+ parameters: deno task sim bitrewards --help\)$/,
    ],
    [["bitrewards", "--sweep", "N_investor=1,2"], /did you mean N_investors\?/],
    [["honey", "--sweeps", "throttle=0.1"], /unknown option '--sweeps'; did you mean --sweep or --steps\?/],
    [["hony"], /unknown model 'hony'; did you mean honey\?; models: honey, /],
    [["honey", "--scenario", "reserve_throttle"], /did you mean reserve-throttle\?/],
    [["datadao", "--tables", "timeseries,agent"], /writes no table 'agent'; did you mean agents\?/],
    [
      ["honey", "--lhs", "4", "--sweep", "throtle=0:1"],
      /--lhs: unknown parameter 'throtle'; did you mean throttle\?/,
    ],
  ];
  for (const [args, expected] of cases) {
    const r = await task("sim", args);
    assertEquals(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.split("\n").filter((l) => !l.startsWith("Task"));
    assertEquals(lines.length, 1, r.stderr);
    assertMatch(lines[0], expected);
  }
});

Deno.test("numbers and tables as the summary prints them", () => {
  assertEquals(
    [7, 123456, 0.0351069, -57.42109, 5130.29, 0.00001234, NaN].map(formatNumber),
    ["7", "123,456", "0.03511", "-57.42", "5,130", "1.234 × 10⁻⁵", "—"],
  );
  assertEquals(renderTable(["k", "a", "b"], [["x", "1", "22"], ["yy", "333", "4"]], 100), [
    "  k     a   b",
    "  x     1  22",
    "  yy  333   4",
  ]);
  // Too wide for one block: the key column is repeated in each block.
  assertEquals(renderTable(["k", "a", "b"], [["x", "1", "22"]], 8), [
    "  k  a",
    "  x  1",
    "",
    "  k   b",
    "  x  22",
  ]);
});

Deno.test("sim --summary prints rows, min/median/max and final-step medians that match the written file", async () => {
  const out = await Deno.makeTempDir();
  const r = await task("sim", [
    "honey",
    "--sweep",
    "throttle=0.002,0.01",
    "--runs",
    "3",
    "--steps",
    "5",
    "--out",
    out,
    "--summary",
  ]);
  assertEquals(r.code, 0, r.stderr);
  const written = pl.readCSV(`${out}/timeseries.csv`);
  const lines = r.stdout.split("\n");
  assertEquals(lines[0], "honey: 2 subsets × 3 runs × 5 steps, seed 42");
  assert(lines.includes("timeseries.csv: 36 rows, 17 columns"), r.stdout);
  const reserve = written.getColumn("reserve").toArray() as number[];
  const row = lines.find((l) => l.trim().startsWith("reserve "))!.trim().split(/\s+/);
  assertEquals(row, ["reserve", ...[0, 0.5, 1].map((q) => formatNumber(quantile(reserve, q)))]);
  assert(lines.includes("  at the final step (timestep 5), median over the runs of each subset:"), r.stdout);
  const header = lines.findIndex((l) => l.startsWith("  subset"));
  const columns = lines[header].trim().split(/\s+/);
  for (const subset of [0, 1]) {
    const cells = lines[header + 1 + subset].trim().split(/\s+/);
    const final = written.filter(pl.col("subset").eq(subset).and(pl.col("timestep").eq(5)));
    for (const [j, column] of columns.entries()) {
      if (j === 0) continue;
      const values = final.getColumn(column).toArray() as number[];
      assertEquals(cells[j], formatNumber(quantile(values, 0.5)), `subset ${subset}, ${column}`);
    }
  }
  await Deno.remove(out, { recursive: true });
});
