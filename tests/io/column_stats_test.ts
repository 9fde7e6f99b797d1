/**
 * Column statistics of a table on disk: exact against the engine's quantile, whether the median comes
 * from Polars in one pass or from narrowing brackets under a tiny memory budget.
 */
import { assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { columnStats } from "@lib/io/column_stats.ts";
import { quantile } from "@lib/analysis/quantiles.ts";
import { streamFor } from "@lib/engine/random.ts";

async function written(columns: Record<string, (number | null)[]>, format: "csv" | "parquet") {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/t.${format}`;
  const frame = pl.DataFrame(
    Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, pl.Series(k, v, pl.Float64)])),
  );
  if (format === "csv") frame.writeCSV(path);
  else frame.writeParquet(path);
  return { scan: format === "csv" ? pl.scanCSV(path) : pl.scanParquet(path), dir };
}

Deno.test("a small worked case: missing and non-finite cells left out, even count takes the middle two", async () => {
  const { scan, dir } = await written({ x: [3, null, 1, NaN, 4, 1, Infinity, 5] }, "parquet");
  for (const budget of [undefined, 2]) {
    assertEquals(columnStats(scan, ["x"], { budget }).x, { count: 5, missing: 3, min: 1, median: 3, max: 5 });
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("narrowing under a tiny budget gives the exact median for every shape of data", async () => {
  const rng = streamFor("column-stats");
  const shapes: Record<string, () => number | null> = {
    uniform: () => rng.random(),
    heavy: () => Math.exp(20 * rng.random()) * (rng.random() < 0.5 ? -1 : 1),
    ties: () => [0, 0.5, 0.5, 0.5, 1][Math.floor(rng.random() * 5)],
    mostlyZero: () => (rng.random() < 0.7 ? 0 : rng.random()),
    constant: () => 7,
    sparse: () => (rng.random() < 0.9 ? null : rng.random() * 100),
    integers: () => Math.floor(rng.random() * 10),
  };
  for (const rows of [1, 2, 999, 5000]) {
    const columns = Object.fromEntries(
      Object.entries(shapes).map(([name, draw]) => [name, Array.from({ length: rows }, draw)]),
    );
    for (const format of ["csv", "parquet"] as const) {
      const { scan, dir } = await written(columns, format);
      for (const budget of [7, 100, 1 << 22]) {
        const stats = columnStats(scan, Object.keys(shapes), { budget });
        for (const [name, values] of Object.entries(columns)) {
          const finite = values.filter((v): v is number => v !== null);
          const what = `${name}, ${rows} rows, ${format}, budget ${budget}`;
          assertEquals(stats[name].count, finite.length, what);
          if (finite.length === 0) continue;
          assertEquals(stats[name].median, quantile(finite, 0.5), what);
          assertEquals(stats[name].min, Math.min(...finite), what);
          assertEquals(stats[name].max, Math.max(...finite), what);
        }
      }
      await Deno.remove(dir, { recursive: true });
    }
  }
});
