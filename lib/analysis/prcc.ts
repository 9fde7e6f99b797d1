/**
 * Sensitivity analysis over sampled runs: partial rank correlation coefficients (PRCC).
 *
 * Why PRCC: it is the usual companion of Latin-hypercube sampling (Marino et al., "A methodology for
 * performing global uncertainty and sensitivity analysis in systems biology", 2008): every sampled run
 * counts, it needs no design of its own (Morris needs one-at-a-time trajectories; Sobol indices,
 * lib/analysis/sobol.ts, need N·(k+2) runs of their own design), it measures each parameter's effect with
 * the others held fixed, and ranks make it robust to nonlinear but monotone effects. Its limit: an effect
 * that rises then falls over the range (non-monotone) can show as near 0 — look at the scatter, or use
 * Sobol indices, before concluding a parameter does not matter.
 */
import { ranks } from "./ranks.ts";

/** Pearson correlation; 0 when either side does not vary. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/** Solves A·x = b (A square) by Gaussian elimination with partial pivoting; singular columns get 0. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}

/** What is left of `y` after a least-squares fit on the columns `xs` (with an intercept). */
export function residuals(y: readonly number[], xs: readonly (readonly number[])[]): number[] {
  const n = y.length;
  const design = Array.from({ length: n }, (_, i) => [1, ...xs.map((x) => x[i])]);
  const k = design[0].length;
  const xtx = Array.from(
    { length: k },
    (_, a) => Array.from({ length: k }, (_, b) => design.reduce((s, row) => s + row[a] * row[b], 0)),
  );
  const xty = Array.from({ length: k }, (_, a) => design.reduce((s, row, i) => s + row[a] * y[i], 0));
  const beta = solve(xtx, xty);
  return y.map((v, i) => v - design[i].reduce((s, x, j) => s + x * beta[j], 0));
}

/**
 * The PRCC of each input with the output: the correlation of the rank residuals of the input and of
 * the output, each after removing what the other inputs' ranks explain. In [−1, 1]; the sign is the
 * direction of the effect.
 */
export function prcc(
  inputs: Readonly<Record<string, readonly number[]>>,
  output: readonly number[],
): Record<string, number> {
  const names = Object.keys(inputs);
  for (const name of names) {
    if (inputs[name].length !== output.length) {
      throw new Error(`prcc: input '${name}' has ${inputs[name].length} values, the output ${output.length}`);
    }
  }
  if (output.length < names.length + 3) {
    throw new Error(`prcc: ${output.length} samples are too few for ${names.length} inputs (need ≥ k + 3)`);
  }
  const ranked = Object.fromEntries(names.map((name) => [name, ranks(inputs[name])]));
  const y = ranks(output);
  return Object.fromEntries(names.map((name) => {
    const others = names.filter((o) => o !== name).map((o) => ranked[o]);
    return [name, correlation(residuals(ranked[name], others), residuals(y, others))];
  }));
}

/** One PRCC of a sensitivity table. */
export interface SensitivityRow {
  readonly outcome: string;
  readonly parameter: string;
  readonly prcc: number;
}

/**
 * The PRCC of every parameter for every outcome, from columns of per-run values (e.g. a run summary
 * with the sampled parameters beside the outcomes), strongest first within each outcome.
 */
export function sensitivity(
  columns: Readonly<Record<string, readonly number[]>>,
  parameters: readonly string[],
  outcomes: readonly string[],
): SensitivityRow[] {
  const missing = [...parameters, ...outcomes].find((name) => !Object.hasOwn(columns, name));
  if (missing) throw new Error(`sensitivity: no column '${missing}'`);
  const inputs = Object.fromEntries(parameters.map((p) => [p, columns[p]]));
  return outcomes.flatMap((outcome) => {
    const coefficients = prcc(inputs, columns[outcome]);
    return parameters.map((parameter) => ({ outcome, parameter, prcc: coefficients[parameter] }))
      .sort((a, b) => Math.abs(b.prcc) - Math.abs(a.prcc));
  });
}
