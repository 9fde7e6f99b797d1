/**
 * The Pie: the contract that receives every dDT spent on compute (docs/models/datadao.md, "The Pie").
 * After all agents have acted, each step takes `pie_payout_rate` (70%) of it out; the rest stays for
 * governance. The README splits the payout 40% power users, 40% active users, 20% casual users, equally
 * inside each group.
 */
import type { DataDaoParams } from "./params.ts";

export class ThePie {
  /** dDT held, waiting for payout or governance. */
  ddt = 0;

  /** Adds dDT spent on compute. */
  receive(amount: number): void {
    this.ddt += amount;
  }

  /**
   * Takes this step's payout out of The Pie: `rate · pie` (nothing from an empty pie, as shipped).
   * `pie_t = (1 − rate) · (pie_{t−1} + inflows_t)`.
   */
  takePayout(rate: number): number {
    if (this.ddt === 0) return 0;
    const payout = this.ddt * rate;
    this.ddt -= payout;
    return payout;
  }
}

/** The user types The Pie pays, in the order the original's split table lists them. */
export const PIE_GROUPS = ["casual", "active", "power"] as const;
export type PieGroup = typeof PIE_GROUPS[number];

/** Each group's part of a payout, in payout order. */
export function pieSplit(payout: number, p: DataDaoParams): { group: PieGroup; amount: number }[] {
  const split: Record<PieGroup, number> = {
    casual: p.pie_split_casual,
    active: p.pie_split_active,
    power: p.pie_split_power,
  };
  return PIE_GROUPS.map((group) => ({ group, amount: payout * split[group] }));
}
