/**
 * Investminting H into A and V: the random investmint period and the table of H releases.
 *
 * Every day the newly investminted H (plus any H released that day) is locked for a period chosen as a
 * share of the max period; the minted A or V depends on the period, and the H comes back on the release
 * day to be investminted again. The original keeps one release table per token, keyed by release day.
 */
import type { Rng } from "../../engine/random.ts";
import type { BostromParams } from "./params.ts";

/** One token's scheduled H releases: release day (previous-timestep index) → H. */
export type ReleaseTable = Map<number, number>;

/** A run's memory outside the recorded state: the A and V release tables. */
export interface InvestmintMemory {
  readonly ampere: ReleaseTable;
  readonly volt: ReleaseTable;
}

export function newInvestmintMemory(): InvestmintMemory {
  return { ampere: new Map(), volt: new Map() };
}

/**
 * One draw of the investmint period share.
 *
 * empirical — the original builds, once, a list of 10,000 values `int(random.gauss(50, 10)) * 0.01`,
 * keeps those inside [0, 1], and each day takes `random.choice` of that list. A uniform pick from such a
 * list is a draw from the distribution the list was sampled from, so this draws from that distribution
 * directly: a normal N(50, 10) truncated towards zero as Python's int() does (values in (−1, 0) give 0),
 * times 0.01, redrawn when outside [0, 1] (under 1 in 10⁶ draws). The values are whole hundredths, mean
 * ≈ 0.495 (truncation lowers the mean by half a hundredth), standard deviation ≈ 0.10; the products
 * `k * 0.01` are the same doubles Python computes. What it does not reproduce is the sampling noise of
 * one particular 10,000-value list (whose mean varies by about ±0.001 between sessions).
 * normal — the README's N(0.5, 0.1) (its "N(0.5, 0.01)" is the variance), continuous, kept in [0, 1].
 * fixed — always `investmint_period_share_fixed`; draws nothing.
 */
export function drawPeriodShare(p: BostromParams, rng: Rng): number {
  if (p.investmint_period_share === "fixed") return p.investmint_period_share_fixed;
  for (;;) {
    const share = p.investmint_period_share === "normal"
      ? rng.normal(0.5, 0.1)
      : Math.trunc(rng.normal(50, 10)) * 0.01;
    if (share >= 0 && share <= 1) return share;
  }
}

/** Takes the H released on `day` out of the table (0 when none); a past day is never read again. */
export function takeRelease(table: ReleaseTable, day: number): number {
  const released = table.get(day) ?? 0;
  table.delete(day);
  return released;
}

/**
 * Schedules `hydrogen` H for release on `day`. overwrite (the original's `table[day] = h`): an earlier
 * investmint due the same day is replaced and its H never comes back; accumulate: the two add up.
 */
export function scheduleRelease(
  table: ReleaseTable,
  day: number,
  hydrogen: number,
  mode: BostromParams["release_mode"],
): void {
  table.set(day, mode === "accumulate" ? (table.get(day) ?? 0) + hydrogen : hydrogen);
}
