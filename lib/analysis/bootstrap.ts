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
