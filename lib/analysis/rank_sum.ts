/**
 * Two-sample comparison of per-run values: the Wilcoxon rank-sum (Mann–Whitney) test, and Holm's step-down
 * correction for a family of such tests. Used where an original published its per-run data: a published
 * sample of 10 runs against many reproduced runs, with no assumption on the shape of either distribution
 * (runs are often bimodal).
 */
import { ranks } from "./ranks.ts";

export interface RankSum {
  /** Mann–Whitney U of the first sample: pairs (a, b) with a > b, ties counting one half. */
  readonly u: number;
  /** Standardised U (normal approximation, tie-corrected, with a continuity correction). */
  readonly z: number;
  /** Two-sided p-value of the normal approximation. */
  readonly p: number;
}

/** Standard normal upper tail, by the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(
    -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                      t *
                        (0.27886807 +
                          t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** The rank-sum test of `a` against `b`; both need at least one value. */
export function rankSum(a: readonly number[], b: readonly number[]): RankSum {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error("rankSum: each sample needs at least one value");
  const all = [...a, ...b];
  const r = ranks(all);
  const r1 = r.slice(0, n1).reduce((s, x) => s + x, 0);
  const u = r1 - n1 * (n1 + 1) / 2;
  const n = n1 + n2;
  // Tie correction: Σ (t³ − t) over groups of equal values.
  const counts = new Map<number, number>();
  for (const x of all) counts.set(x, (counts.get(x) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  const variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
  const mean = n1 * n2 / 2;
  if (!(variance > 0)) return { u, z: 0, p: 1 };
  const z = (u - mean - 0.5 * Math.sign(u - mean)) / Math.sqrt(variance);
  return { u, z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/**
 * Holm's step-down correction: which of the p-values are rejected at family-wise error rate `alpha`.
 * Sorted ascending, the k-th smallest (from 0) is rejected while p ≤ alpha / (m − k); the first that is not
 * stops the procedure.
 */
export function holm(pValues: readonly number[], alpha = 0.05): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const rejected = new Array<boolean>(m).fill(false);
  for (let k = 0; k < m; k++) {
    if (order[k][0] > alpha / (m - k)) break;
    rejected[order[k][1]] = true;
  }
  return rejected;
}
