/**
 * A run's contribution graph as a graphology `DirectedGraph`, built on demand from its ledger (the design's
 * `ContributionLedger` or the reference's `ReferenceGraph`): one node per contribution, keyed by its id as
 * text, and one edge parent → child per recorded link, carrying the link's split. The model keeps only the
 * ledger's per-contribution arrays, which the reward walks read; this is for pictures, graphology's
 * algorithms and tests, and costs one pass over the ledger each time it is called.
 */
import { DirectedGraph } from "graphology";
import type { Lineage } from "./reward.ts";

/** Attributes of an edge parent → child. */
export interface EdgeAttributes {
  /** Share of the child's incoming value that flows to the parent (0–1). */
  readonly split: number;
}

export type ContributionGraph = DirectedGraph<Record<string, never>, EdgeAttributes>;

/** The ledger's contributions and recorded links as a graphology graph (see the module comment). */
export function contributionGraph(
  ledger: Lineage & { readonly contributions: readonly unknown[] },
): ContributionGraph {
  const graph: ContributionGraph = new DirectedGraph();
  const count = ledger.contributions.length;
  for (let id = 0; id < count; id++) graph.addNode(String(id));
  for (let child = 0; child < count; child++) {
    const splits = ledger.splitsOf(child);
    ledger.parentsOf(child).forEach((parent, k) => {
      graph.addEdge(String(parent), String(child), { split: splits[k] });
    });
  }
  return graph;
}
