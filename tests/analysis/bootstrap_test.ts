/** Bootstrap resampling: draws with replacement from the engine's seeded streams, reproducible by seed. */
import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { bootstrap, nestedReadings, resample, resampledMedian } from "@lib/analysis/bootstrap.ts";
import { median, quantile } from "@lib/analysis/quantiles.ts";
import { streamFor } from "@lib/engine/random.ts";

Deno.test("a resample draws values with replacement, as many as asked, by the stream's integers", () => {
  const values = ["a", "b", "c", "d"];
  const drawn = resample(values, streamFor("r"));
  // The same draws by hand: one uniform integer below 4 per value, from the same stream.
  const rng = streamFor("r");
  assertEquals(drawn, values.map(() => values[rng.int(4)]));
  assertEquals(resample(values, streamFor("r"), 10).length, 10);
  assert(resample(values, streamFor("r"), 50).every((v) => values.includes(v)));
  assertThrows(() => resample([], streamFor("r")), Error, "no values");
});

Deno.test("a bootstrap is reproducible for its seed, draws from <seed>/bootstrap, and differs by seed", () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8];
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const a = bootstrap((rng) => mean(resample(values, rng)), { resamples: 100, seed: 7 });
  assertEquals(a, bootstrap((rng) => mean(resample(values, rng)), { resamples: 100, seed: 7 }));
  assertNotEquals(a, bootstrap((rng) => mean(resample(values, rng)), { resamples: 100, seed: 8 }));
  const rng = streamFor("7/bootstrap");
  assertEquals(a.slice(0, 3), [0, 1, 2].map(() => mean(resample(values, rng))));
  assert(a.every((m) => m >= 1 && m <= 8));
  // Resamples of equal values can only give that value.
  assertEquals(
    new Set(bootstrap((r) => mean(resample([3, 3, 3], r)), { resamples: 20, seed: 1 })),
    new Set([3]),
  );
  assertThrows(() => bootstrap(() => 0, { resamples: 0, seed: 1 }), Error, "whole number ≥ 1");
});

Deno.test("resampledMedian is exactly the median of resample's draws, for odd and even counts and ties", () => {
  const source = streamFor("values");
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + source.int(40);
    // Few distinct values in some trials, so that ties and repeated draws are common.
    const distinct = 1 + source.int(trial % 2 === 0 ? 4 : 1000);
    const sorted = Float64Array.from({ length: n }, () => source.int(distinct) - distinct / 2).sort();
    const expected = median(resample(Array.from(sorted), streamFor(`t${trial}`)));
    assertEquals(resampledMedian(sorted, streamFor(`t${trial}`)), expected, `trial ${trial}`);
  }
  // By hand: drawing position 0 three times from [1, 2, 3] gives the median 1.
  const zeros = { int: () => 0 } as unknown as Parameters<typeof resampledMedian>[1];
  assertEquals(resampledMedian(Float64Array.of(1, 2, 3), zeros), 1);
  assertThrows(() => resampledMedian(new Float64Array(0), streamFor("r")), Error, "no values");
});

Deno.test("nested readings: each reading is an interval's end over a resample of a resample, seeded", () => {
  const units = [1, 2, 3, 4, 5, 6];
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const high = (xs: readonly number[]) => quantile(xs, 0.95);
  const options = { outer: 20, inner: 30, seed: "nest" };
  const readings = nestedReadings(units, mean, high, options);
  assertEquals(readings, nestedReadings(units, mean, high, options));
  assertNotEquals(readings, nestedReadings(units, mean, high, { ...options, seed: "other" }));
  // By hand from the same stream: an outer draw of the units, then 30 inner draws of it.
  const rng = streamFor("nest/nested");
  const set = resample(units, rng);
  assertEquals(readings[0], high(Array.from({ length: 30 }, () => mean(resample(set, rng)))));
  // A mean of draws from 1…6 stays within them, so every 95th percentile does.
  assert(readings.length === 20 && readings.every((r) => r >= 1 && r <= 6));
  assertThrows(() => nestedReadings(units, mean, high, { ...options, inner: 0 }), Error, "inner resamples");
});
