/**
 * The published experiments (lib/models/honey/published.ts): the files as copied (their SHA-256 and
 * shape), their cells read at month 120, and the comparison of every column with hand-made reproduced
 * runs, the Monte Carlo p-values and Holm's correction worked by hand. No model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  COMPARED,
  comparePublished,
  outside,
  PUBLISHED,
  PUBLISHED_DIR,
  type PublishedCell,
  publishedCells,
  readPublished,
  smallestPReplicates,
} from "@lib/models/honey/published.ts";

const sha256 = async (name: string) =>
  Array.from(
    new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(new URL(name, PUBLISHED_DIR)))),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");

Deno.test("the published files are the original's, byte for byte, and say what their provenance says", async () => {
  for (const name of ["productivity", "final"] as const) {
    assertEquals(await sha256(PUBLISHED[name].file), PUBLISHED[name].sha256, name);
  }
  const provenance = await Deno.readTextFile(new URL("PROVENANCE.md", PUBLISHED_DIR));
  for (const p of Object.values(PUBLISHED)) {
    assert(provenance.includes(p.sha256) && provenance.includes(p.file), p.file);
  }
  // 4 productivities and 9 (throttle, target) pairs, 10 runs each, months 0–120.
  const productivity = readPublished("productivity");
  const final = readPublished("final");
  assertEquals([productivity.length, final.length], [4 * 10 * 121, 9 * 10 * 121]);
  const cells = publishedCells(productivity, "productivity");
  assertEquals(cells.map((c) => c.params.productivity), [0.87, 0.88, 0.89, 0.9]);
  assert(cells.every((c) => COMPARED.every(({ column }) => c.runs[column].length === 10)));
  assertEquals(publishedCells(final, "final").length, 9);
  // The published 10-run mean saturation at productivity 0.88, as the original's table gives it: 0.603.
  const at088 = cells[1].runs.saturation;
  assertAlmostEquals(at088.reduce((s, x) => s + x, 0) / 10, 0.603, 5e-4);
});

/** The same values in every compared column. */
const everyColumn = (values: readonly number[]) =>
  Object.fromEntries(COMPARED.map(({ column }) => [column, values])) as unknown as PublishedCell["runs"];

/** Reproduced runs at month 120: every column 0.5 at k = 1, 0.25 at k = 2. */
const FINALS = pl.DataFrame({
  k: [1, 1, 1, 2, 2, 2],
  ...Object.fromEntries(COMPARED.map(({ column }) => [column, [0.5, 0.5, 0.5, 0.25, 0.25, 0.25]])),
});
const cell = (k: number, value: number): PublishedCell => ({
  params: { k },
  runs: everyColumn(Array(10).fill(value)),
});

Deno.test("every column compared: percentile, Monte Carlo p and Holm's correction worked by hand", () => {
  // k = 1: published 0.5 equals every resampled statistic, so #≤ = #≥ = R and p = 1. k = 2: published 0.125
  // is below all R, so #≤ = 0 and p = 2 · 1 / (R + 1).
  const small = comparePublished(FINALS, [cell(1, 0.5), cell(2, 0.125)], { resamples: 50, seed: 42 });
  assertEquals(small.length, 12);
  assertEquals(small.map((c) => c.column), [
    ...COMPARED.map((c) => c.column),
    ...COMPARED.map((c) => c.column),
  ]);
  const [one, two] = [small[0], small[6]];
  assertEquals([one.percentile, one.p, one.lo, one.median, one.hi], [1, 1, 0.5, 0.5, 0.5]);
  assertEquals([two.percentile, two.p, two.lo], [0, 2 / 51, 0.25]);
  assert(!outside(one) && outside(two));
  // With 50 resamples the smallest p, 2/51 ≈ 0.039, is above Holm's first bound 0.05/12: nothing rejected.
  assert(small.every((c) => !c.rejected));
  // With 2,000 the six at k = 2 have p = 2/2001 < 0.05/12 and are rejected; those at k = 1 are not.
  const large = comparePublished(FINALS, [cell(1, 0.5), cell(2, 0.125)], { resamples: 2000, seed: 42 });
  assertEquals(large.map((c) => c.rejected), [...Array(6).fill(false), ...Array(6).fill(true)]);
  assertThrows(
    () => comparePublished(FINALS, [cell(3, 0.5)], { resamples: 5, seed: 42 }),
    Error,
    'no runs for {"k":3}',
  );
});

Deno.test("price and market cap are compared by their 10-run median, the others by their mean", () => {
  const runs = [1, 1, 1, 1, 1, 1, 1, 1, 1, 91]; // mean 10, median 1
  const published: PublishedCell = {
    params: { k: 1 },
    runs: everyColumn(runs),
  };
  const rows = comparePublished(FINALS, [published], { resamples: 10, seed: 1 });
  assertEquals(Object.fromEntries(rows.map((c) => [c.column, c.published])), {
    reserve: 10,
    circulation: 10,
    ratio: 10,
    saturation: 10,
    price: 1,
    market_cap: 1,
  });
});

Deno.test("stability: the smallest p recomputed on resampled run sets, whole runs drawn anew", () => {
  const R = 2000;
  // k = 1 agrees exactly (p = 1); k = 2's published 0.125 lies below every reproduced run (p = 2 / (R + 1)),
  // and so it does on any resampled set of its runs: every replicate's smallest p is 2 / (R + 1).
  const cells = [cell(1, 0.5), cell(2, 0.125)];
  const comparisons = comparePublished(FINALS, cells, { resamples: R, seed: 42 });
  const options = { resamples: R, seed: 42, replicates: 20 };
  assertEquals(smallestPReplicates(FINALS, cells, comparisons, options), Array(20).fill(2 / (R + 1)));
  // Nothing re-resolved: every replicate keeps the file's smallest p.
  assertEquals(
    smallestPReplicates(FINALS, cells, comparisons, { ...options, resolve: 0 }),
    Array(20).fill(Math.min(...comparisons.map((c) => c.p))),
  );
  // Two reproduced runs, 0 and 1, against a published mean of 0.05. A resampled set is {0, 0} or {1, 1}
  // (half the time), where every 10-run mean is 0 or 1 and p = 2 / (R + 1); or both runs, where a mean ≤ 0.05
  // needs ten draws of 0 (1 in 1,024): of 20,000 statistics about 20 ± 4.5 are, p ≈ 2 · 21 / 20,001 ≈ 0.0021.
  const bimodal = pl.DataFrame({
    k: [1, 1],
    ...Object.fromEntries(COMPARED.map(({ column }) => [column, [0, 1]])),
  });
  const low: PublishedCell = { params: { k: 1 }, runs: everyColumn([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]) };
  const mixed = comparePublished(bimodal, [low], { resamples: R, seed: 42 });
  const saturation = mixed.filter((c) => c.column === "saturation");
  const fine = { resamples: 20_000, seed: 42, replicates: 200 };
  const replicates = smallestPReplicates(bimodal, [low], saturation, fine);
  const tiny = replicates.filter((p) => p === 2 / 20_001).length / replicates.length;
  assert(tiny > 0.4 && tiny < 0.6, `${tiny} of the resampled sets hold one run twice`);
  const others = replicates.filter((p) => p > 2 / 20_001);
  assert(others.every((p) => p > 0.0005 && p < 0.005), `${Math.min(...others)}–${Math.max(...others)}`);
});
