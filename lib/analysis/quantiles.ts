/**
 * Quantiles and medians of plain numbers, as every analysis, chart and claim computes them: linear
 * interpolation between order statistics (numpy's default), values that are not finite left out.
 */

/** The q-quantile (0 ≤ q ≤ 1) of numbers in any order; NaN when no finite value is left. */
export function quantile(values: readonly number[], q: number): number {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const at = (xs.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (at - lo) * (xs[hi] - xs[lo]);
}

/** The median of numbers (missing and non-finite values left out); NaN when none is left. */
export function median(values: readonly (number | null | undefined)[]): number {
  return quantile(values.filter((v): v is number => typeof v === "number"), 0.5);
}
