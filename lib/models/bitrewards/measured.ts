/** A claim's measured value, from per-run values or from a bootstrapped statistic of a sweep. */
import { spreadOf } from "../../analysis/spread.ts";
import type { Measured } from "../../notebook/claims.ts";

/**
 * A claim's measured value from per-run values: the median, with the 5–95% range across the runs as its
 * spread and the values as its evidence. `scale` multiplies every value first (e.g. 100 for percent).
 */
export function measuredOf(
  values: readonly number[],
  unit: string,
  options: { scale?: number; digits?: number; of?: string } = {},
): Measured {
  const k = options.scale ?? 1;
  const scaled = values.map((v) => v * k);
  const s = spreadOf(scaled);
  return {
    value: s.median,
    unit,
    spread: [s.lo, s.hi],
    spreadLabel: `median; 5–95% of ${s.n} ${options.of ?? "runs"}`,
    // The per-run values, for the verdict's margin and stability (lib/analysis/robustness.ts).
    evidence: { values: scaled },
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  };
}

/** A claim's measured value from a bootstrapped statistic (see `bootstrapGrids`). */
export function measuredOfBootstrap(
  b: { value: number; p5: number; p95: number; resamples: number },
  unit: string,
  options: { scale?: number; digits?: number } = {},
): Measured {
  const k = options.scale ?? 1;
  return {
    value: b.value * k,
    unit,
    spread: [b.p5 * k, b.p95 * k],
    spreadLabel: `from the runs' medians; 5–95% of ${
      b.resamples.toLocaleString("en-US")
    } resamplings of each setting's runs`,
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  };
}
