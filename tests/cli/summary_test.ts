/**
 * The column that counts steps is declared by each model's simulator (`timeColumn`), so `sim --summary`,
 * `compare` and `sensitivity` find the final step of every model: BITrewards counts in `step`.
 */
import { assert, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { frames } from "@lib/engine/frame.ts";
import { runRange } from "@lib/engine/executor.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { quantile } from "@lib/analysis/quantiles.ts";
import { formatNumber } from "@lib/cli/summary.ts";
import { isKey, mainTable, timeColumnOf } from "@lib/cli/final_step.ts";
import { simulators } from "@lib/models/index.ts";
import { task } from "../support/task.ts";

Deno.test("every model's main table holds the time column its simulator declares", () => {
  assertEquals(timeColumnOf("honey"), "timestep");
  assertEquals(timeColumnOf("bitrewards"), "step");
  for (const [name, simulator] of Object.entries(simulators)) {
    const table = mainTable(Object.keys(simulator.tables));
    const plan = planRuns(simulator, { runs: 1, steps: 1 });
    const shard = runRange(simulator.model, plan, 0, 1, simulator.record([table]));
    const written = simulator.output(frames({ plan, tables: shard.tables, failures: [] }), plan)[table];
    const time = timeColumnOf(name);
    assert(written.columns.includes(time), `${name}: ${table} has no column ${time}`);
    assertEquals(isKey(time, time), true);
    // The other step counter is no key of this model: a column of that name would be measured.
    assertEquals(isKey(time === "step" ? "timestep" : "step", time), false);
  }
});

Deno.test("sim bitrewards --summary prints the final step's medians, read from its `step` column", async () => {
  const out = await Deno.makeTempDir();
  try {
    const r = await task("sim", ["bitrewards", "--runs", "3", "--steps", "6", "--out", out, "--summary"]);
    assertEquals(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    const at = lines.indexOf("  at the final step (step 6), median over the runs of each subset:");
    assert(at > 0, r.stdout);
    // The table's keys (run_id, step) are not summarised as measurements.
    const timeseries = lines.slice(lines.findIndex((l) => l.startsWith("timeseries.csv")), at);
    assert(!timeseries.some((l) => /^\s+(step|run_id)\s/.test(l)), timeseries.join("\n"));
    const written = pl.readCSV(`${out}/timeseries.csv`).filter(pl.col("step").eq(6));
    assertEquals(written.height, 3);
    const columns = lines[at + 1].trim().split(/\s+/);
    const cells = lines[at + 2].trim().split(/\s+/);
    assertEquals(columns[0], "subset");
    for (const [j, column] of columns.entries()) {
      if (j === 0) continue;
      const values = written.getColumn(column).toArray() as number[];
      assertEquals(cells[j], formatNumber(quantile(values, 0.5)), column);
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
