/**
 * The original implementation's reward distribution (the `reference` variant; docs/models/bitrewards.md):
 * a pool entering a contribution is split among its recorded parents in proportion to the splits of the
 * edges into it, each parent passes its part on upwards the same way, and every contribution keeps what
 * it does not pass on. Value is conserved: the kept amounts sum to the pool.
 *
 * Rules, as the original applies them at each contribution reached:
 * - each split is clipped to [0, 1]; if they sum above 1 they are scaled to sum to 1 (the contribution
 *   keeps nothing), else the contribution keeps pool · (1 − Σ splits);
 * - a contribution without parents, or whose splits sum to 0, keeps the whole amount.
 *
 * A contribution reached along several paths is credited once per path. (The original also skipped a
 * second arrival with exactly the same amount at the same contribution; in its graphs — at most one traced
 * parent per contribution, fundings without parents — every contribution is reached along one path only,
 * so that never happens, and the skip would destroy value in a general DAG.)
 */
import type { Lineage } from "./reward.ts";

/** Where a pool went: one entry per amount kept (a contribution may appear once per path reaching it). */
export interface Credits {
  readonly ids: number[];
  readonly amounts: number[];
  /** Edges between the pool's contribution and the one keeping the amount (0: the pool's own). */
  readonly depths: number[];
}

/** Splits `pool` from `root` up its recorded parents (see the module comment). */
export function splitProportionally(lineage: Lineage, root: number, pool: number): Credits {
  const credits: Credits = { ids: [], amounts: [], depths: [] };
  if (!(pool > 0)) return credits;
  // Depth-first, as the original's stack; the order only affects the order of the credits.
  const stack: [id: number, amount: number, depth: number][] = [[root, pool, 0]];
  while (stack.length > 0) {
    const [id, value, depth] = stack.pop()!;
    const parents = lineage.parentsOf(id);
    const splits = lineage.splitsOf(id).map((s) => Math.min(1, Math.max(0, s)));
    const total = splits.reduce((sum, s) => sum + s, 0);
    let passed = 0;
    if (total > 0) {
      const scale = total > 1 ? 1 / total : 1;
      for (let k = 0; k < parents.length; k++) {
        const share = value * splits[k] * scale;
        if (share <= 0) continue;
        passed += share;
        stack.push([parents[k], share, depth + 1]);
      }
    }
    const kept = value - passed;
    if (kept > 0) {
      credits.ids.push(id);
      credits.amounts.push(kept);
      credits.depths.push(depth);
    }
  }
  return credits;
}
