/**
 * Reward distribution along the contribution DAG (seed section 4.2, `distribute_reward`).
 *
 * An ancestor's share is R × the product of the splits along the shortest path from the terminal
 * contribution to it; the terminal keeps R − Σ ancestor shares. All shares come from ONE breadth-first
 * walk up the reversed edges, so an event costs time in proportion to the ancestors it reaches, not to
 * the size of the graph (the seed's sketch ran one shortest-path search per ancestor).
 *
 * Decisions the seed leaves open, made here:
 * - Ties among equal-length paths: the walk visits a contribution's parents in the order their edges
 *   were added (oldest first) and fixes each ancestor's path the first time it reaches it, so of two
 *   shortest paths the one through the earlier-added edges counts. (networkx's bidirectional search may
 *   choose differently; the seed calls the rule a "simple tree assumption".)
 * - Shares above R: with many ancestors and high splits Σ shares can exceed R. Then every ancestor share
 *   is scaled by R / Σ and the terminal keeps 0: exactly R is paid out, value is never created.
 * - max_graph_depth: ancestors further than this many edges are not paid. max_ancestors_per_event: only the
 *   nearest that many ancestors (in walk order) are paid.
 */
import type { DirectedGraph } from "graphology";

/** Attributes of an edge parent → child. */
export interface EdgeAttributes {
  /** Share of the child's incoming value that flows to the parent (0–1). */
  readonly split: number;
}

export interface RewardLimits {
  /** Most edges between the terminal and a paid ancestor. */
  readonly maxDepth: number;
  /** Most ancestors paid for one event. */
  readonly maxAncestors: number;
}

/** Where one event's reward went. */
export interface RewardFlow {
  /** Contribution keys paid, the terminal first, then ancestors in walk order. */
  readonly keys: string[];
  /** Amount paid to each key, same order; sums to the pool. */
  readonly amounts: number[];
  /** Path length of each key (0 for the terminal). */
  readonly depths: number[];
}

/** Distributes `pool` from `terminal` up the DAG (see the module comment for the rules). */
export function distributeReward(
  graph: DirectedGraph<Record<string, unknown>, EdgeAttributes>,
  terminal: string,
  pool: number,
  limits: RewardLimits,
): RewardFlow {
  const keys = [terminal];
  const amounts = [0];
  const depths = [0];
  const reached = new Set([terminal]);
  const budget = Math.max(0, limits.maxAncestors);
  // keys doubles as the walk's queue: ancestors are appended as they are reached.
  for (let head = 0; head < keys.length && keys.length - 1 < budget; head++) {
    const node = keys[head];
    const depth = depths[head];
    if (depth >= limits.maxDepth) continue;
    const reaching = head === 0 ? pool : amounts[head];
    graph.forEachInEdge(node, (_edge, attributes, parent) => {
      if (reached.has(parent) || keys.length - 1 >= budget) return;
      reached.add(parent);
      keys.push(parent);
      amounts.push(reaching * attributes.split);
      depths.push(depth + 1);
    });
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
  return { keys, amounts, depths };
}
