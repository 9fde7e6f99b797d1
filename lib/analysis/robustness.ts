/**
 * How robust a verdict is, from the claim's per-run evidence: its margin (how far the threshold could move
 * before the verdict flips, in units of the evidence's 5–95 % width), its stability (the share of bootstrap
 * resamples of the runs that give the same verdict; seeded, so the same evidence gives the same share on
 * every machine) and, where a Latin-hypercube sample of the model's uncertain parameters was run, the share
 * of that sample that agrees with the verdict. One compact label sums these up for the verdict table.
 */
import { bootstrap, resample } from "./bootstrap.ts";
import { formatNumber } from "./format.ts";
import { quantile } from "./quantiles.ts";

/** A verdict is robust when at least this share of resamples (or of the parameter sample) agrees… */
export const STABLE_SHARE = 0.9;
/** …and the threshold would have to move by at least this many spreads (5–95 % widths) to flip it. */
export const MIN_MARGIN = 0.25;
/** Bootstrap resamples behind a stability. */
export const RESAMPLES = 1000;

export type Reads = "statistic" | "low" | "high";

export interface RobustnessInput {
  /** Per-run (or per-pair) values; absent for a single deterministic number. */
  readonly values?: readonly number[];
  /** The statistic the verdict is read from when `reads` is "statistic"; default the median. */
  readonly statistic?: (xs: readonly number[]) => number;
  /**
   * True when `values` are bootstrap replicates of the statistic itself (e.g. a share over a whole sweep,
   * recomputed on resampled runs) rather than per-run values: the stability is then the share of them that
   * give the verdict, read directly.
   */
  readonly resampled?: boolean;
  /**
   * With resampled values read at an interval's end: that end recomputed on resampled run sets (a nested
   * bootstrap); the stability is the share of them that give the verdict.
   */
  readonly readings?: readonly number[];
  /** What the criterion tests: the statistic, or the 5 % ("low") or 95 % ("high") quantile of the values. */
  readonly reads: Reads;
  /** The number the verdict was computed from, and the criterion's test and flipping points. */
  readonly tested: number;
  readonly test: (value: number) => boolean;
  readonly thresholds: readonly number[];
  /** A spread given without per-run values (5–95 %): it yields a margin but no stability. */
  readonly spread?: readonly [number, number];
  /** Seeds the bootstrap, e.g. the claim's id. */
  readonly seed: string;
  /** Share of a parameter sample where the claim holds, the parameters that flip it, what was sampled. */
  readonly dependence?: {
    readonly share: number;
    readonly flips: readonly string[];
    readonly sample: string;
  };
}

export type RobustnessKind = "robust" | "fragile" | "depends" | "exact" | "unresampled";

export interface Robustness {
  readonly kind: RobustnessKind;
  /** The compact column: "robust", "fragile: flips if the threshold moves by 0.2 spread", … */
  readonly label: string;
  /** In units of the evidence's 5–95 % width; undefined when the spread is zero or there is no threshold. */
  readonly margin?: number;
  /** Share of resamples giving the same verdict; undefined without per-run values. */
  readonly stability?: number;
  /** How many resamples the stability is a share of (the evidence's replicates, when it is resampled). */
  readonly resamples?: number;
  /** Share of the parameter sample giving the same verdict; undefined without a dependence. */
  readonly agreement?: number;
  /** True when the evidence has no spread (every run the same, or a deterministic value). */
  readonly spreadless?: boolean;
}

const median = (xs: readonly number[]) => quantile(xs, 0.5);
const pct = (share: number) => `${formatNumber(100 * share, { digits: 2 })} %`;

/** The number a criterion reads from a set of values. */
export function readValue(
  values: readonly number[],
  reads: Reads,
  statistic: (xs: readonly number[]) => number = median,
): number {
  return reads === "low"
    ? quantile(values, 0.05)
    : reads === "high"
    ? quantile(values, 0.95)
    : statistic(values);
}

/** |tested − nearest threshold| in units of `width`; undefined without thresholds or with no width. */
export function marginOf(tested: number, thresholds: readonly number[], width: number): number | undefined {
  if (thresholds.length === 0 || !(width > 0)) return undefined;
  return Math.min(...thresholds.map((t) => Math.abs(tested - t))) / width;
}

/** Share of `resamples` seeded bootstrap resamples of `values` whose read value passes `test` as `holds` does. */
export function stabilityOf(
  values: readonly number[],
  reads: Reads,
  test: (value: number) => boolean,
  holds: boolean,
  seed: string,
  statistic?: (xs: readonly number[]) => number,
  resamples = RESAMPLES,
): number {
  const agree = bootstrap((rng) => test(readValue(resample(values, rng), reads, statistic)) === holds, {
    resamples,
    seed: `robustness/${seed}`,
  });
  return agree.filter(Boolean).length / resamples;
}

/** Margin, stability, agreement over a parameter sample, and the label that sums them up. */
export function robustness(input: RobustnessInput): Robustness {
  const holds = input.test(input.tested);
  const agreement = input.dependence
    ? (holds ? input.dependence.share : 1 - input.dependence.share)
    : undefined;
  const values = input.values;
  const width = values && values.length > 0
    ? quantile(values, 0.95) - quantile(values, 0.05)
    : input.spread
    ? input.spread[1] - input.spread[0]
    : 0;
  const margin = marginOf(input.tested, input.thresholds, width);
  const readings = input.readings;
  const stability = !(values && values.length >= 2 && width > 0)
    ? undefined
    : readings && readings.length > 0
    ? readings.filter((v) => input.test(v) === holds).length / readings.length
    : !input.resampled
    ? stabilityOf(values, input.reads, input.test, holds, input.seed, input.statistic)
    : input.reads === "statistic"
    ? values.filter((v) => input.test(v) === holds).length / values.length
    : undefined;
  const resamples = stability === undefined
    ? undefined
    : readings && readings.length > 0
    ? readings.length
    : input.resampled
    ? values!.length
    : RESAMPLES;
  const parts = { margin, stability, resamples, agreement, spreadless: !(width > 0) };
  // A verdict that a share of the plausible parameter space contradicts is never called robust, however
  // stable it is over seeds at the default parameters.
  if (agreement !== undefined && agreement < STABLE_SHARE) {
    const flips = input.dependence!.flips;
    const names = flips.length > 0 ? flips.join(", ") : "the parameters sampled";
    return {
      ...parts,
      kind: "depends",
      label: `depends on ${names} (${holds ? "holds" : "fails"} in ${pct(agreement)} of the sample)`,
    };
  }
  if (!(width > 0)) return { ...parts, kind: "exact", label: "exact" };
  if (stability !== undefined && stability < STABLE_SHARE) {
    return {
      ...parts,
      kind: "fragile",
      label: `fragile: ${pct(stability)} of resamples agree (more runs needed)`,
    };
  }
  if (margin !== undefined && margin < MIN_MARGIN) {
    return {
      ...parts,
      kind: "fragile",
      label: margin === 0
        ? "fragile: on the threshold"
        : `fragile: flips if the threshold moves by ${formatNumber(margin, { digits: 2 })} spread`,
    };
  }
  if (stability === undefined) {
    return {
      ...parts,
      kind: "unresampled",
      label: margin === undefined
        ? "stability not measured"
        : `margin ${formatNumber(margin, { digits: 2 })} spread; stability not measured`,
    };
  }
  return { ...parts, kind: "robust", label: "robust" };
}
