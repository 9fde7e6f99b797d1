/**
 * The published experiments (lib/models/honey/published.ts): where a published 10-run mean falls among
 * 10-run means resampled from hand-made final saturations, and how many cells count as inside. No model
 * is run.
 */
import { assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  comparePublished,
  PUBLISHED_FINAL_SATURATION,
  PUBLISHED_PRODUCTIVITY_SATURATION,
  type PublishedCell,
  publishedInside,
  publishedKeys,
} from "@lib/models/honey/published.ts";

/** Final saturations: every run at k = 1 ends at 0.5; at k = 2 at 0.25, and one run has no finite value. */
const FINALS = pl.DataFrame({
  k: [1, 1, 1, 2, 2, 2],
  run: [1, 2, 3, 1, 2, 3],
  saturation: [0.5, 0.5, 0.5, 0.25, 0.25, NaN],
});

Deno.test("published comparison: the percentile among resampled 10-run means, cell by cell", () => {
  const cells = comparePublished(FINALS, [{ k: 1, saturation: 0.5 }, { k: 2, saturation: 0.125 }], {
    resamples: 50,
    seed: 42,
  });
  // Every 10-run mean at k = 1 is 0.5, at or below the published 0.5; at k = 2 every mean (of the finite
  // runs) is 0.25, above the published 0.125.
  assertEquals(cells, [
    { params: { k: 1 }, published: 0.5, percentile: 1, lo: 0.5, hi: 0.5, median: 0.5 },
    { params: { k: 2 }, published: 0.125, percentile: 0, lo: 0.25, hi: 0.25, median: 0.25 },
  ]);
  assertThrows(
    () => comparePublished(FINALS, [{ k: 3, saturation: 0.5 }], { resamples: 5, seed: 42 }),
    Error,
    'no runs for {"k":3,"saturation":0.5}',
  );
});

Deno.test("published cells inside the central 95%: the ends 2.5% and 97.5% count", () => {
  const cell = (percentile: number): PublishedCell => ({
    params: {},
    published: 0,
    percentile,
    lo: 0,
    hi: 0,
    median: 0,
  });
  assertEquals(publishedInside([0.01, 0.025, 0.5, 0.975, 0.99].map(cell)), 3);
});

Deno.test("the published tables vary the parameters the document names", () => {
  assertEquals(publishedKeys(PUBLISHED_FINAL_SATURATION), ["throttle", "target_reserve_ratio"]);
  assertEquals(publishedKeys(PUBLISHED_PRODUCTIVITY_SATURATION), ["productivity"]);
  assertEquals(PUBLISHED_FINAL_SATURATION.length, 9);
});
