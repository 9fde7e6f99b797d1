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

/** toGonka for a frame's cell: a 64-bit integer column hands JavaScript a bigint or a number. */
export const gonkaOf = (v: unknown): number => toGonka(BigInt(v as bigint));

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

/**
 * Everything the decaying schedule would ever mint without a cap: the chain's integer reward summed from
 * genesis until it truncates to 0 ngonka, with the number of epochs that pay anything.
 */
export function uncappedTotal(initialReward: bigint, decayRate: number): { total: bigint; epochs: number } {
  if (decayRate >= 0) {
    throw new RangeError(`a decay rate of ${decayRate} never stops paying: no finite total`);
  }
  let total = 0n;
  let n = 0n;
  for (;; n++) {
    const reward = epochReward(n, initialReward, decayRate);
    if (reward === 0n) break;
    total += reward;
  }
  return { total, epochs: Number(n) };
}

/**
 * The same total in closed form, R₀ / (1 − e^decayRate) (gonka): the geometric series of the untruncated
 * rewards, which the chain's integer sum (`uncappedTotal`) follows to within a gonka.
 */
export function closedFormTotal(initialReward: number, decayRate: number): number {
  if (decayRate >= 0) {
    throw new RangeError(`a decay rate of ${decayRate} never stops paying: no finite total`);
  }
  return initialReward / (1 - Math.exp(decayRate));
}

/** A Bitcoin-style schedule, for comparison: the initial reward halved once every `period` epochs. */
export function discreteHalving(initialReward: number, n: number, period: number): number {
  return initialReward * 0.5 ** Math.floor(n / period);
}
