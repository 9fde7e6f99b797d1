/**
 * Phase-2 weights as the proposal defines them (sections 5 and 6); upstream ships them as stubs that
 * return 1.0, so these follow the proposal's pseudo-code and factors.
 */

export interface BonusFactors {
  /** Extra weight per unit of model utilization: 0.5 → a node on a fully used model counts 1.5×. */
  readonly utilizationBonusFactor: number;
  /** Multiplier for a participant covering every governance model (1.2 = +20%). */
  readonly fullCoverageBonusFactor: number;
  /** Bonus per share of models covered when not all are (0.1: half the models → +5%). */
  readonly partialCoverageBonusFactor: number;
}

/** The proposal's defaults. */
export const PROPOSAL_FACTORS: BonusFactors = {
  utilizationBonusFactor: 0.5,
  fullCoverageBonusFactor: 1.2,
  partialCoverageBonusFactor: 0.1,
};

export interface MLNode {
  /** The node's PoC weight. */
  readonly pocWeight: number;
  /** The model the node is assigned to serve. */
  readonly model: string;
}

/** Σ over nodes of poc_weight · (1 + utilization of its model · factor). Unknown models count 0 utilization. */
export function utilizationWeight(
  nodes: readonly MLNode[],
  utilization: Readonly<Record<string, number>>,
  factors: BonusFactors,
): number {
  return nodes.reduce(
    (sum, node) =>
      sum + node.pocWeight * (1 + (utilization[node.model] ?? 0) * factors.utilizationBonusFactor),
    0,
  );
}

/** × full factor when every governance model is served; else × (1 + covered/total · partial factor). */
export function coverageMultiplier(
  nodes: readonly MLNode[],
  governanceModels: readonly string[],
  factors: BonusFactors,
): number {
  if (governanceModels.length === 0) return 1;
  const served = new Set(nodes.map((n) => n.model));
  const covered = governanceModels.filter((m) => served.has(m)).length;
  return covered === governanceModels.length
    ? factors.fullCoverageBonusFactor
    : 1 + (covered / governanceModels.length) * factors.partialCoverageBonusFactor;
}

/**
 * A participant's final weight, base × utilization × coverage, truncated to an integer as the chain
 * converts float weights (`uint64(finalWeight)`).
 */
export function phase2Weight(
  nodes: readonly MLNode[],
  utilization: Readonly<Record<string, number>>,
  governanceModels: readonly string[],
  factors: BonusFactors = PROPOSAL_FACTORS,
): bigint {
  const weight = utilizationWeight(nodes, utilization, factors) *
    coverageMultiplier(nodes, governanceModels, factors);
  return BigInt(Math.floor(Math.max(0, weight)));
}
