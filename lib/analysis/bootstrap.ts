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
