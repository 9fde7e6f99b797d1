/**
 * How the "Analysis" paragraph's verdicts depend on the model's uncertain parameters: the readings of
 * lib/models/honey/readings.ts at each point of a Latin-hypercube sample of the plausible ranges (stated
 * and justified in docs/models/honey.md), the share of points where each holds, and the parameters that
 * move its quantity most (partial rank correlation, PRCC). The same for the price-tracking claim, over what
 * its "high" pull and "low" variance may mean.
 */
import { latinHypercube } from "../../analysis/lhs.ts";
import { prcc } from "../../analysis/prcc.ts";
import { readValue } from "../../analysis/robustness.ts";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import pl from "nodejs-polars";
import type { Dependence } from "../../notebook/claim.ts";
import { honey } from "./model.ts";
import { saturationPhases } from "./phases.ts";
import { trackingGaps } from "./outcomes.ts";
import { median } from "../../analysis/quantiles.ts";
import { PHASE_READINGS, type PhaseReading } from "./readings.ts";
import type { Phases } from "./phases.ts";

/**
 * The plausible ranges (docs/models/honey.md says why each): productivity above the range where analysis
 * 1's median run turns (the paragraph is about "sufficient productivity"), the policy and price parameters
 * around the document's values within the bounds its own sweeps use.
 */
export const PLAUSIBLE: Readonly<Record<string, readonly [number, number]>> = {
  productivity: [0.92, 0.98],
  outflow_rate: [0.03, 0.07],
  target_reserve_ratio: [0.15, 0.3],
  throttle: [0.002, 0.016],
  valuation_ratio: [1.5, 3],
  p_variance: [0.15, 0.35],
  p_pull: [0.65, 0.85],
};

/** A parameter is named as flipping a claim when its |PRCC| with the claim's quantity is at least this. */
export const FLIP_PRCC = 0.3;

/** A reading's quantity and verdict at one parameter set; NaN and false when no run gives a value. */
export function readingAt(reading: PhaseReading, phases: Phases): { value: number; holds: boolean } {
  const values = reading.values(phases);
  if (values.length === 0) return { value: NaN, holds: false };
  const value = readValue(values, reading.criterion.reads ?? "statistic", reading.statistic);
  return { value, holds: reading.criterion.test(value) };
}

export interface DependenceSample {
  /** What was sampled, as the claims' dependence states it. */
  readonly sample: string;
  /** Per point: the sampled parameters and each reading's quantity and verdict. */
  readonly points: readonly Record<string, number>[];
  /** Per claim id: the share of points where it holds, and its flipping parameters. */
  readonly byClaim: Readonly<Record<string, Dependence>>;
  /** Per claim id: PRCC of each parameter with the claim's quantity. */
  readonly prcc: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** `points` LHS points × `runs` runs each, seeded from `seed`, each read with every phase reading. */
export function runDependence(options: { points: number; runs: number; seed: number; window: number }) {
  const sweep = latinHypercube(honey.params, PLAUSIBLE, options.points, `${options.seed}/dependence`);
  const frame = toFrame(simulate(honey, { set: {}, sweep, runs: options.runs, seed: options.seed }));
  const names = Object.keys(PLAUSIBLE);
  const points = Array.from({ length: options.points }, (_, i) => {
    const phases = saturationPhases(frame.filter(pl.col("subset").eq(i)), options.window);
    const row: Record<string, number> = Object.fromEntries(names.map((n) => [n, sweep[n][i] as number]));
    for (const reading of PHASE_READINGS) {
      const { value, holds } = readingAt(reading, phases);
      row[reading.id] = value;
      row[`${reading.id}_holds`] = holds ? 1 : 0;
    }
    return row;
  });
  const sample =
    `${options.points} Latin-hypercube points × ${options.runs} runs over the plausible ranges ` +
    "of docs/models/honey.md";
  const byClaim: Record<string, Dependence> = {};
  const coefficients: Record<string, Record<string, number>> = {};
  for (const reading of PHASE_READINGS) {
    const usable = points.filter((p) => Number.isFinite(p[reading.id]));
    const c = usable.length >= names.length + 3
      ? prcc(
        Object.fromEntries(names.map((n) => [n, usable.map((p) => p[n])])),
        usable.map((p) => p[reading.id]),
      )
      : {};
    coefficients[reading.id] = c;
    byClaim[reading.id] = {
      share: points.filter((p) => p[`${reading.id}_holds`] === 1).length / points.length,
      flips: Object.entries(c).filter(([, v]) => Math.abs(v) >= FLIP_PRCC)
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3).map(([n]) => n),
      sample,
    };
  }
  return { sample, points, byClaim, prcc: coefficients } satisfies DependenceSample;
}

/** "Closely" in "closely approximate the deterministic price target": a median gap of at most 10 %. */
export const CLOSE_TRACKING = 0.1;

/**
 * The plausible ranges of the tracking claim (docs/models/honey.md says why each): what "high" pull and
 * "low" variance may mean — pull from the upper end of analysis 3's range to 1, variance from near zero to
 * under half the document's 0.25 — and the parameters the price target moves with, around the values the
 * claim is read at.
 */
export const TRACKING_PLAUSIBLE: Readonly<Record<string, readonly [number, number]>> = {
  p_pull: [0.85, 1],
  p_variance: [0.02, 0.1],
  productivity: [0.87, 0.93],
  outflow_rate: [0.03, 0.07],
  valuation_ratio: [1.5, 3],
};

/**
 * "A high pull and low variance will tend to closely approximate the deterministic price target" over a
 * Latin-hypercube sample of TRACKING_PLAUSIBLE, the other parameters at `set`: per point, the median over
 * runs of each run's median gap |price ÷ target − 1| in the second half (`trackingGaps`), held when at most
 * CLOSE_TRACKING; the share of points where it holds and the parameters that flip it (PRCC).
 */
export function runTrackingDependence(options: {
  points: number;
  runs: number;
  seed: number;
  set: Readonly<Record<string, number>>;
}): Dependence & { readonly prcc: Readonly<Record<string, number>> } {
  const sweep = latinHypercube(honey.params, TRACKING_PLAUSIBLE, options.points, `${options.seed}/tracking`);
  const frame = toFrame(
    simulate(honey, { set: { ...options.set }, sweep, runs: options.runs, seed: options.seed }),
  );
  const names = Object.keys(TRACKING_PLAUSIBLE);
  const gaps = Array.from(
    { length: options.points },
    (_, i) => median(trackingGaps(frame.filter(pl.col("subset").eq(i)))),
  );
  const coefficients = prcc(Object.fromEntries(names.map((n) => [n, sweep[n] as number[]])), gaps);
  return {
    share: gaps.filter((g) => g <= CLOSE_TRACKING).length / options.points,
    flips: Object.entries(coefficients).filter(([, v]) => Math.abs(v) >= FLIP_PRCC)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3).map(([n]) => n),
    sample: `${options.points} Latin-hypercube points × ${options.runs} runs over the tracking claim's ` +
      "plausible ranges of docs/models/honey.md",
    prcc: coefficients,
  };
}
