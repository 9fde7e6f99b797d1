/** A claim's measured value: from per-run values, from a share of runs, or from a bootstrapped statistic of a sweep. */
import { bootstrap, resample } from "../../analysis/bootstrap.ts";
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

/**
 * A claim's measured value from a bootstrapped statistic (see `bootstrapGrids`): the statistic of the runs'
 * medians, the 5–95% of its resamplings as the spread, and the resampled statistics as the evidence the
 * verdict's stability is read from (the share of them giving the same verdict).
 */
export function measuredOfBootstrap(
  b: { value: number; p5: number; p95: number; resamples: number; draws: readonly number[] },
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
    } resamplings of each setting's runs, bias-corrected`,
    evidence: { values: b.draws.map((x) => x * k), resampled: true },
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  };
}

/**
 * A share of runs (in %) from per-run 0/1 values, one list per scenario: the share over all runs, with the
 * lowest and highest scenario's share as its spread. The share recomputed on 1,000 resamples of the runs
 * (seeded by `seed`) is the evidence, so the verdict's stability and margin are read from the share's own
 * spread over resamples, not from the runs' 0-or-1 values.
 */
export function measuredShareOfRuns(perScenario: readonly (readonly number[])[], seed: string): Measured {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const percents = perScenario.map((xs) => xs.map((x) => 100 * x));
  const all = percents.flat();
  return {
    value: mean(all),
    unit: "%",
    spread: [Math.min(...percents.map(mean)), Math.max(...percents.map(mean))],
    spreadLabel: `of ${all.length} runs; lowest–highest of the ${percents.length} scenarios`,
    evidence: {
      values: bootstrap((rng) => mean(resample(all, rng)), { resamples: 1000, seed }),
      resampled: true,
    },
  };
}
