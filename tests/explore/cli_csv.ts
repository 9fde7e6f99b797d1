/**
 * What the command line gives for the numbers an explorer shows: `deno task sim` run through the task
 * (its own permissions), its main table read back from CSV, and each numeric column's median over runs at
 * the final step, computed by the one shared median.
 */
import { median } from "@lib/analysis/quantiles.ts";
import { task } from "../support/task.ts";

/** Each measured column's final-step median over runs of the `sim` run given by `args`. */
export async function simFinalMedians(args: readonly string[]): Promise<Record<string, number>> {
  const out = await Deno.makeTempDir({ prefix: "explore-sim-" });
  try {
    const result = await task("sim", [...args, "--out", out, "--tables", "timeseries"]);
    if (result.code !== 0) throw new Error(`sim ${args.join(" ")} failed: ${result.stderr}`);
    const [head, ...lines] = (await Deno.readTextFile(`${out}/timeseries.csv`)).trim().split("\n");
    const columns = head.split(",");
    const rows = lines.map((line) => line.split(","));
    const step = columns.includes("timestep") ? "timestep" : "step";
    const at = columns.indexOf(step);
    const last = Math.max(...rows.map((r) => Number(r[at])));
    const final = rows.filter((r) => Number(r[at]) === last);
    const keys = new Set(["subset", "run", "run_id", "timestep", "step"]);
    return Object.fromEntries(
      columns.map((c, j) => [c, j] as const)
        .filter(([c, j]) => !keys.has(c) && final.every((r) => r[j] !== "" && !Number.isNaN(Number(r[j]))))
        .map(([c, j]) => [c, median(final.map((r) => Number(r[j])))]),
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}
