/**
 * A quantity across runs, seeds or repeated experiments, as the claims and captions report it: its median
 * and a low and a high percentile (by default the 5th and the 95th).
 */
import { quantile } from "./quantiles.ts";

export interface Spread {
  readonly median: number;
  /** The low and high percentiles asked for (default the 5th and 95th). */
  readonly lo: number;
  readonly hi: number;
  /** How many values the spread is over. */
  readonly n: number;
}

/**
 * The median and the `lo` and `hi` quantiles of the values. Refuses an empty list and any value that is
 * not a finite number, naming it: a spread quietly taken over fewer values than its label says would
 * mislead, so a caller that means to leave values out filters them first, where a reader sees it.
 */
export function spreadOf(values: readonly number[], lo = 0.05, hi = 0.95): Spread {
  if (values.length === 0) throw new Error("spread: no values");
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new Error(`spread: value ${bad + 1} of ${values.length} is ${values[bad]}, not a finite number`);
  }
  return {
    median: quantile(values, 0.5),
    lo: quantile(values, lo),
    hi: quantile(values, hi),
    n: values.length,
  };
}
