/** Chart data specific to BITrewards: a small run's contribution graph. */
import type { DesignWorld } from "./design.ts";
import type { BitrewardsWorld } from "./world.ts";

/** A small run's contribution graph: nodes placed by creation step and project, coloured by type. */
export function graphPicture(world: BitrewardsWorld) {
  const { ledger } = world as Partial<DesignWorld>;
  if (!ledger) throw new Error('graphPicture: the run must follow the design rules (rules = "design")');
  const { contributions } = ledger;
  const nodes = contributions.map((c) => ({
    id: c.id,
    x: c.createdStep + ((c.id * 0.618) % 1) * 0.8,
    y: c.project + ((c.id * 0.382) % 1) * 0.7,
    group: c.type.replaceAll("_", " "),
  }));
  const edges = contributions.flatMap((c) =>
    ledger.parentsOf(c.id).map((parent) => ({ source: parent, target: c.id }))
  );
  // Links between creators' contributions: drawn by the creator, and recorded by tracing (true links;
  // false positives are counted apart).
  const derivatives = contributions.filter((c) => c.parents.length > 0);
  const traced = (c: { id: number; parents: readonly number[] }) =>
    ledger.parentsOf(c.id).filter((p) => c.parents.includes(p)).length;
  const summary = {
    contributions: contributions.length,
    fundings: contributions.filter((c) => c.type === "funding").length,
    initiators: contributions.filter((c) => c.type !== "funding" && c.parents.length === 0).length,
    derivatives: derivatives.length,
    linksDrawn: derivatives.reduce((n, c) => n + c.parents.length, 0),
    linksRecorded: derivatives.reduce((n, c) => n + traced(c), 0),
    /** Derivatives with no recorded link at all (true or false): paid as independent initiators. */
    untraced: derivatives.filter((c) => ledger.parentsOf(c.id).length === 0).length,
    /** Links tracing recorded to contributions that were not parents (false positives). */
    falseLinks: contributions.reduce((n, c) => n + c.falseParents.length, 0),
    projects: new Set(contributions.map((c) => c.project)).size,
  };
  return { nodes, edges, summary };
}
