import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { giniAgainstShare, spearman, targetRegions } from "@lib/models/bitrewards/analyses.ts";

Deno.test("spearman: monotone gives ±1, a worked case with a tie", () => {
  assertAlmostEquals(spearman([1, 2, 3, 4], [10, 20, 35, 90]), 1, 1e-12);
  assertAlmostEquals(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, 1e-12);
  // Ranks of b: 1, 2.5, 2.5, 4 against 1, 2, 3, 4: r = 4.5 / √(5 · 4.5) = 0.9487.
  assertAlmostEquals(spearman([1, 2, 3, 4], [1, 5, 5, 9]), 4.5 / Math.sqrt(5 * 4.5), 1e-12);
  assertThrows(() => spearman([1, 2], [1, 2]));
});

Deno.test("giniAgainstShare: ranges and correlation per source and over all runs", () => {
  const f = (gini: number[], share: number[]) =>
    pl.DataFrame({ final_gini_creators_wealth: gini, creator_share: share });
  const rows = giniAgainstShare([
    { label: "a", outcomes: f([0.1, 0.2, 0.3], [0.9, 0.8, 0.7]) },
    { label: "b", outcomes: f([0.4, 0.5, 0.6], [0.6, 0.5, 0.4]) },
  ]);
  assertEquals(rows.map((r) => r.source), ["a", "b", "all runs"]);
  assertEquals(rows[2].runs, 6);
  assertEquals([rows[2].giniLo, rows[2].giniHi, rows[2].shareLo, rows[2].shareHi], [0.1, 0.6, 0.4, 0.9]);
  for (const r of rows) assertAlmostEquals(r.spearman, -1, 1e-12);
});

Deno.test("targetRegions: cells reaching each ROI target, creators near half, the best when none does", () => {
  const cells = [
    { label: "x", roi: 0.01, creatorShare: 0.8 },
    { label: "y", roi: 0.06, creatorShare: 0.56 },
    { label: "z", roi: 0.12, creatorShare: 0.54 },
  ];
  const r = targetRegions(cells, [0.05, 0.1, 0.5]);
  assertEquals(r.reaching.map((x) => x.cells.map((c) => c.label)), [["y", "z"], ["z"], []]);
  assertEquals(r.half.map((c) => c.label), ["z"]);
  assertEquals([r.best.label, r.nearestHalf.label], ["z", "z"]);
  assertThrows(() => targetRegions([], [0.05]));
});
