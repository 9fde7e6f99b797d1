/** The Gini coefficient of a population's amounts (wealth, rewards): 0 when all are equal, → 1 when one has all. */

/**
 * Negative amounts count as 0 (a debt is not wealth to share), and BigInt amounts (a chain's integer
 * units) are converted to numbers, which is exact below 2^53 and within a relative 2^-53 above. With the
 * amounts sorted ascending, x_1 ≤ … ≤ x_n: G = 2·Σ i·x_i / (n·Σ x_i) − (n + 1)/n, the formula of the
 * models' sources. 0 for an empty or an all-zero population.
 */
export function gini(amounts: readonly (number | bigint)[]): number {
  const xs = amounts.map((v) => Math.max(0, Number(v))).sort((a, b) => a - b);
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * xs[i];
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
