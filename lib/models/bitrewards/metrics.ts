/** Inequality and outcome measures of the BITrewards data collector (design document section 7.1.1; see docs/models/bitrewards.md). */

/**
 * Gini coefficient as the original computes it: negative values clipped to 0, sorted ascending, i from 1:
 * 2 · Σ i·x_i / (n · Σ x) − (n + 1) / n; 0 for an empty or all-zero population.
 */
export function gini(values: readonly number[]): number {
  const xs = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const n = xs.length;
  const total = xs.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * xs[i];
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
