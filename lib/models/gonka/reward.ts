/**
 * The epoch reward exactly as the chain computes it (upstream `CalculateFixedEpochReward`; see
 * docs/models/gonka.md), in integer ngonka.
 */
import { decimalOf, times, toFloat, truncatedProduct } from "./decimal.ts";

/** ngonka per gonka. */
export const NGONKA_PER_GONKA = 1_000_000_000n;

/** Whole gonka to ngonka, exactly. */
export function ngonka(gonka: number): bigint {
  return truncatedProduct(decimalOf(gonka), NGONKA_PER_GONKA);
}

/** ngonka to (approximate) gonka, for charts. */
export function toGonka(amount: bigint): number {
  return Number(amount) / 1e9;
}

/**
 * The reward of the epoch `epochsSinceGenesis` epochs after genesis, in ngonka:
 * 1. the exponent is the exact decimal product decayRate · n, then rounded to a float64;
 * 2. v = exp(exponent) in float64;
 * 3. reward = initialReward × v with v taken at its shortest round-trip decimal, multiplied exactly;
 * 4. truncated toward zero; a result below 1 ngonka, or an infinite or NaN v, gives 0.
 * `decayRate` is read at its shortest decimal too (−0.000475 is exactly −475·10⁻⁶, not the float).
 */
export function epochReward(epochsSinceGenesis: bigint, initialReward: bigint, decayRate: number): bigint {
  if (epochsSinceGenesis < 0n) {
    throw new RangeError(`epochs since genesis must be ≥ 0, got ${epochsSinceGenesis}`);
  }
  if (initialReward === 0n) return 0n;
  if (epochsSinceGenesis === 0n) return initialReward;
  const v = Math.exp(toFloat(times(decimalOf(decayRate), epochsSinceGenesis)));
  if (!Number.isFinite(v)) return 0n;
  const reward = truncatedProduct(decimalOf(v), initialReward);
  return reward < 1n ? 0n : reward;
}

/** The continuous half-life, ln 2 / |decayRate|, in epochs. */
export function halfLife(decayRate: number): number {
  return Math.LN2 / Math.abs(decayRate);
}
