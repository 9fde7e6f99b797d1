/**
 * Two-sample comparison without a distribution assumed: the Mann–Whitney U test (Wilcoxon rank-sum), and the
 * Holm correction for testing several quantities at once. Used where a reproduction's runs are set beside a
 * published sample of runs: per-run values on both sides, no reason to expect them normal.
 */
import { ranks } from "./ranks.ts";

export interface MannWhitney {
  /** U of the first sample: the number of pairs (a, b) with a > b, ties counting one half. */
  readonly u: number;
  /** The standardised U (tie-corrected, with a continuity correction of ½); 0 when every value is tied. */
  readonly z: number;
  /** Two-sided p-value from the normal approximation; 1 when every value is tied (no evidence either way). */
  readonly p: number;
}

/**
 * The two-sided Mann–Whitney U test of `a` against `b` by the normal approximation with the tie correction
 * and a continuity correction (as most statistics packages do for samples beyond a few values). The
 * approximation is good from about 8 values per sample; the published samples here have 32.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error("mannWhitney: both samples need at least one value");
  if ([...a, ...b].some((x) => !Number.isFinite(x))) throw new Error("mannWhitney: values must be finite");
  const r = ranks([...a, ...b]);
  const rankSum = r.slice(0, n1).reduce((s, x) => s + x, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const ties = tieGroups([...a, ...b]).reduce((s, t) => s + t * t * t - t, 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  const mean = (n1 * n2) / 2;
  // The continuity correction moves U half a step towards the mean (never past it).
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** Sizes of the groups of equal values (groups of one included). */
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}

/**
 * P(Z > z) for a standard normal Z, from the complementary error function by the Chebyshev fit of Numerical
 * Recipes' `erfcc` (relative error below 1.2e−7 everywhere), ample for a p-value.
 */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -z * z - 1.26551223 +
    t * (1.00002368 +
        t * (0.37409196 +
            t * (0.09678418 +
                t * (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/**
 * Holm's step-down adjustment of p-values for testing several hypotheses at once: the k-th smallest of m
 * p-values is multiplied by m − k + 1, then made non-decreasing in that order and capped at 1. Rejecting where
 * the adjusted p < α keeps the chance of any false rejection under α (the family-wise error rate), without
 * Bonferroni's cost for every test. Returned in the order given.
 */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length;
  if (ps.some((p) => !(p >= 0 && p <= 1))) throw new Error("holm: p-values must be within [0, 1]");
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
