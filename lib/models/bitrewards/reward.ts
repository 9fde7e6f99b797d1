/**
 * Reward distribution along the contribution DAG (design document section 4.2, `distribute_reward`; see docs/models/bitrewards.md).
 *
 * An ancestor's share is R × the product of the splits along the shortest path from the terminal
 * contribution to it; the terminal keeps R − Σ ancestor shares. All shares come from ONE breadth-first
 * walk up the reversed edges, so an event costs time in proportion to the ancestors it reaches, not to
 * the size of the graph (the design's sketch ran one shortest-path search per ancestor).
 *
 * Decisions the design leaves open, made here:
 * - Ties among equal-length paths: the walk fixes each ancestor's path the first time it reaches it,
 *   visiting a contribution's parents in the order their edges were recorded (the parents the creator
 *   cited, in citation order, then fundings, oldest first). Of two shortest paths, the one through the
 *   earlier-recorded edge at the first fork counts. (networkx's bidirectional search may choose
 *   differently; the design calls the rule a "simple tree assumption".)
 * - Shares above R: with many ancestors and high splits Σ shares can exceed R. Then every ancestor share
 *   is scaled by R / Σ and the terminal keeps 0: exactly R is paid out, value is never created.
 * - max_graph_depth: ancestors further than this many edges are not paid. max_ancestors_per_event: only the
 *   nearest that many ancestors (in walk order) are paid.
 *
 * The walk reads parents through `Lineage`, which the model's ledgers answer from plain arrays (iterating
 * graphology's in-edge objects was measured at over half of a whole run; graph.ts builds a graphology graph
 * from a ledger where one is wanted).
 */

/** A contribution's recorded parents and the splits of their edges, in the order the edges were recorded. */
export interface Lineage {
  parentsOf(id: number): readonly number[];
  splitsOf(id: number): readonly number[];
}

export interface RewardLimits {
  /** Most edges between the terminal and a paid ancestor. */
  readonly maxDepth: number;
  /** Most ancestors paid for one event. */
  readonly maxAncestors: number;
}

/** Where one event's reward went. */
export interface RewardFlow {
  /** Contributions paid, the terminal first, then ancestors in walk order. */
  readonly ids: number[];
  /** Amount paid to each, same order; sums to the pool. */
  readonly amounts: number[];
  /** Path length of each (0 for the terminal). */
  readonly depths: number[];
}

/** Distributes `pool` from `terminal` up the DAG (see the module comment for the rules). */
export function distributeReward(
  lineage: Lineage,
  terminal: number,
  pool: number,
  limits: RewardLimits,
): RewardFlow {
  const ids = [terminal];
  const amounts = [pool];
  const depths = [0];
  const reached = new Set([terminal]);
  const budget = Math.max(0, limits.maxAncestors);
  // ids doubles as the walk's queue: ancestors are appended as they are reached; amounts[i] holds what
  // reaches ids[i] along its path until the terminal's share is settled below.
  for (let head = 0; head < ids.length && ids.length - 1 < budget; head++) {
    if (depths[head] >= limits.maxDepth) continue;
    const parents = lineage.parentsOf(ids[head]);
    const splits = lineage.splitsOf(ids[head]);
    for (let k = 0; k < parents.length && ids.length - 1 < budget; k++) {
      if (reached.has(parents[k])) continue;
      reached.add(parents[k]);
      ids.push(parents[k]);
      amounts.push(amounts[head] * splits[k]);
      depths.push(depths[head] + 1);
    }
  }
  let ancestorTotal = 0;
  for (let i = 1; i < amounts.length; i++) ancestorTotal += amounts[i];
  if (ancestorTotal > pool) {
    const scale = pool / ancestorTotal;
    for (let i = 1; i < amounts.length; i++) amounts[i] *= scale;
    amounts[0] = 0;
  } else {
    amounts[0] = pool - ancestorTotal;
  }
  return { ids, amounts, depths };
}
