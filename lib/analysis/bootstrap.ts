/**
 * Bootstrap resampling on the engine's seeded streams (lib/engine/random.ts): the same seed gives the
 * same resamples on every machine, so a bootstrapped interval in a report is reproducible like the runs
 * it is computed from.
 */
import { type Rng, streamFor } from "../engine/random.ts";

/** `size` draws with replacement from `values` (default as many as there are), from the stream `rng`. */
export function resample<T>(values: readonly T[], rng: Rng, size = values.length): T[] {
  if (values.length === 0) throw new Error("resample: no values to draw from");
  return Array.from({ length: size }, () => values[rng.int(values.length)]);
}

/**
 * A statistic's bootstrap distribution: `replicate` is called `resamples` times, each time with the same
 * stream, seeded `<seed>/bootstrap`, from which it draws its resample (e.g. with `resample`) and returns
 * the statistic of it (a number, or several statistics of the same resample).
 */
export function bootstrap<T = number>(
  replicate: (rng: Rng) => T,
  options: { resamples: number; seed: string | number },
): T[] {
  if (!(Number.isInteger(options.resamples) && options.resamples >= 1)) {
    throw new Error(`bootstrap: resamples must be a whole number ≥ 1, got ${options.resamples}`);
  }
  const rng = streamFor(`${options.seed}/bootstrap`);
  return Array.from({ length: options.resamples }, () => replicate(rng));
}

/**
 * The median of one resample of `sorted` (values in ascending order), without building or sorting the
 * resample: the draws are the same `rng.int(n)` as `resample`'s, but only how often each position is
 * drawn is counted, and the middle ranks are read off the counts — O(n) instead of O(n log n), which is
 * what makes thousands of resamples of thousands of runs quick. Exactly `median(resample(sorted, rng))`.
 */
export function resampledMedian(
  sorted: Float64Array,
  rng: Rng,
  counts = new Uint32Array(sorted.length),
): number {
  const n = sorted.length;
  if (n === 0) throw new Error("resampledMedian: no values to draw from");
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[rng.int(n)]++;
  // The values at 0-based ranks lo and lo + 1 of the resample, interpolated as quantile() does.
  const at = (n - 1) / 2;
  const lo = Math.floor(at);
  let seen = 0;
  let low = NaN;
  for (let k = 0; k < n; k++) {
    seen += counts[k];
    if (Number.isNaN(low) && seen > lo) low = sorted[k];
    if (seen > lo + 1 || (seen > lo && at === lo)) {
      return at === lo ? low : low + (at - lo) * (sorted[k] - low);
    }
  }
  return low;
}

/**
 * A criterion's reading of a bootstrap interval, recomputed on resampled data sets (a nested bootstrap):
 * each of `outer` resamples of the `units` (e.g. run numbers) is itself resampled `inner` times, `statistic`
 * gives the replicates of that resample, and `read` reduces them to the reading (e.g. their 95 % quantile).
 * The share of readings that give a verdict is that verdict's stability over seeds, where the verdict is
 * read off an interval rather than off one statistic. Seeded `<seed>/nested`, so reproducible.
 */
export function nestedReadings<T>(
  units: readonly T[],
  statistic: (drawn: readonly T[]) => number,
  read: (replicates: readonly number[]) => number,
  options: { outer: number; inner: number; seed: string | number },
): number[] {
  for (const key of ["outer", "inner"] as const) {
    if (!(Number.isInteger(options[key]) && options[key] >= 1)) {
      throw new Error(`nestedReadings: ${key} resamples must be a whole number ≥ 1, got ${options[key]}`);
    }
  }
  const rng = streamFor(`${options.seed}/nested`);
  return Array.from({ length: options.outer }, () => {
    const set = resample(units, rng);
    return read(Array.from({ length: options.inner }, () => statistic(resample(set, rng))));
  });
}
