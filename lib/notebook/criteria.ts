/**
 * Criteria: a test on the number a claim measured, with its wording, so the words a reader sees and the
 * test that decides cannot drift apart. Each criterion also says where its verdict flips (`thresholds`),
 * from which lib/analysis/robustness.ts measures how far the evidence is from flipping it, and what it
 * reads from a claim's per-run evidence: the statistic (median by default) or an end of the 5–95 % interval.
 */
import { formatNumber } from "../analysis/format.ts";
import type { Reads } from "../analysis/robustness.ts";

/** A test on a number, with its wording (e.g. "≥ 0.8"). */
export interface Criterion {
  /** How the criterion reads, e.g. "between 2 and 3 years". */
  readonly text: string;
  /** The unit the criterion's numbers are in ("" for plain numbers), e.g. "years". */
  readonly unit?: string;
  /**
   * The wording as the verdict table shows it beside a measured value in the same unit, which says the
   * unit already: without the unit, and as short as it reads, e.g. "between 2 and 3", "5–95 % above 0".
   */
  readonly short?: string;
  readonly test: (value: number) => boolean;
  /** The values at which the verdict flips; none for a yes/no test. */
  readonly thresholds?: readonly number[];
  /** The claim's statistic (default) or the low (5 %) or high (95 %) end of its evidence. */
  readonly reads?: Reads;
}

/** A number as criteria show it: 3 significant digits unless asked for others. */
const round = (x: number, digits?: number) => formatNumber(x, { digits });
const withUnit = (unit: string) => unit ? ` ${unit}` : "";
/** The wording with the unit, the short wording (default: the same without the unit), and the unit. */
const worded = (words: string, unit: string, short = words) => ({
  text: `${words}${withUnit(unit)}`,
  short,
  unit,
});

export const atLeast = (min: number, unit = ""): Criterion => ({
  ...worded(`≥ ${round(min)}`, unit),
  test: (v) => v >= min,
  thresholds: [min],
});

/** Strictly above: for an effect that must exist, where equality means none (e.g. a ratio > 1). */
export const above = (min: number, unit = ""): Criterion => ({
  ...worded(`> ${round(min)}`, unit),
  test: (v) => v > min,
  thresholds: [min],
});

export const atMost = (max: number, unit = ""): Criterion => ({
  ...worded(`≤ ${round(max)}`, unit),
  test: (v) => v <= max,
  thresholds: [max],
});

export const between = (lo: number, hi: number, unit = ""): Criterion => ({
  ...worded(`between ${round(lo)} and ${round(hi)}`, unit),
  test: (v) => v >= lo && v <= hi,
  thresholds: [lo, hi],
});

/** Within a relative tolerance of a target, e.g. within(0.9, 0.1) is "within 10% of 0.9". */
export const within = (target: number, relative: number, unit = ""): Criterion => ({
  ...worded(`within ${round(relative * 100)}% of ${round(target)}`, unit),
  test: (v) => Math.abs(v - target) <= relative * Math.abs(target),
  thresholds: [target - relative * Math.abs(target), target + relative * Math.abs(target)],
});

/** For yes/no quantities measured as 1 (true) or 0 (false). */
export const isTrue: Criterion = { text: "is true", test: (v) => v === 1, thresholds: [] };

/**
 * An effect judged against run-to-run spread: holds when the whole 5–95 % interval of the claim's
 * evidence lies above `x` (e.g. a paired change above 0 in at least 95 % of pairs).
 */
export const intervalAbove = (x: number, unit = ""): Criterion => ({
  ...worded(`5–95 % interval above ${round(x)}`, unit, `5–95 % above ${round(x)}`),
  test: (v) => v > x,
  thresholds: [x],
  reads: "low",
});

/** The mirror of `intervalAbove`: the whole 5–95 % interval of the evidence lies below `x`. */
export const intervalBelow = (x: number, unit = ""): Criterion => ({
  ...worded(`5–95 % interval below ${round(x)}`, unit, `5–95 % below ${round(x)}`),
  test: (v) => v < x,
  thresholds: [x],
  reads: "high",
});

/**
 * The document's number at the precision it gives it: holds when the value rounds to `target` at
 * `significantDigits` significant digits, i.e. lies within half a unit of the last digit given (e.g.
 * roundsTo(2, 1) holds on [1.5, 2.5): "2 GB" read at one significant digit). Ties round away from zero.
 */
export function roundsTo(target: number, significantDigits: number, unit = ""): Criterion {
  if (!(Number.isInteger(significantDigits) && significantDigits >= 1)) {
    throw new RangeError(`roundsTo: significant digits must be a whole number ≥ 1, got ${significantDigits}`);
  }
  if (!Number.isFinite(target) || target === 0) {
    throw new RangeError(`roundsTo: the target must be a finite non-zero number, got ${target}`);
  }
  const half = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(target))) - significantDigits + 1);
  const lo = target - half;
  const hi = target + half;
  const digits = significantDigits === 1 ? "1 significant digit" : `${significantDigits} significant digits`;
  return {
    text: `rounds to ${round(target, significantDigits)}${withUnit(unit)} (${digits})`,
    short: `rounds to ${round(target, significantDigits)} (${digits})`,
    unit,
    // Half-open towards zero, so that a tie rounds away from zero as the document's rounding would.
    test: target > 0 ? (v) => v >= lo && v < hi : (v) => v > lo && v <= hi,
    thresholds: [lo, hi],
  };
}
