/**
 * How a verdict depends on a model's uncertain parameters, from a Latin-hypercube sample of their
 * plausible ranges: the share of the sampled points where the claim's criterion holds, and the parameters
 * that flip it — those whose partial rank correlation (PRCC) with the claim's quantity is strong.
 */
import { prcc } from "./prcc.ts";

/** What a claim's `dependence` shows, and the PRCC of every sampled parameter behind it. */
export interface Dependence {
  /** Share of the sampled points (0–1) where the criterion holds. */
  readonly share: number;
  /**
   * Parameters with |PRCC| ≥ the threshold, strongest first; empty when every point gives the verdict the
   * model's defaults give (nothing in the sample flips it).
   */
  readonly flips: readonly string[];
  /** What was sampled, e.g. "40 LHS points × 4 seeds over the ranges in docs/models/bostrom.md". */
  readonly sample: string;
  /** PRCC of each parameter with the quantity (NaN when the quantity does not vary). */
  readonly prcc: Readonly<Record<string, number>>;
}

/**
 * PRCC of this strength or more names a parameter as one that moves the quantity: above what 40 points
 * give by chance (|PRCC| of independent inputs has a standard error near 1/√(n − 3), 0.16 at n = 40).
 */
export const FLIP_PRCC = 0.4;

/**
 * The dependence of a criterion on the sampled parameters: `inputs` holds each parameter's sampled values,
 * `quantity` the claim's quantity at each point (same order), `holds` the criterion's test and `here` the
 * verdict at the model's defaults (true: holds).
 */
export function dependenceOf(
  inputs: Readonly<Record<string, readonly number[]>>,
  quantity: readonly number[],
  holds: (value: number) => boolean,
  here: boolean,
  sample: string,
  threshold = FLIP_PRCC,
): Dependence {
  if (quantity.length === 0) throw new Error("dependenceOf: no sampled points");
  const passing = quantity.filter(holds).length;
  const flat = quantity.every((v) => v === quantity[0]);
  const coefficients = flat
    ? Object.fromEntries(Object.keys(inputs).map((name) => [name, NaN]))
    : prcc(inputs, quantity);
  const flipped = here ? passing < quantity.length : passing > 0;
  const flips = flipped
    ? Object.entries(coefficients).filter(([, r]) => Math.abs(r) >= threshold)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).map(([name]) => name)
    : [];
  return { share: passing / quantity.length, flips, sample, prcc: coefficients };
}
