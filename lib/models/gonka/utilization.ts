/**
 * The Phase-2 bonuses under other utilization mixes (the proposal's section 9.2 plans "network stability
 * under various utilization scenarios"): the sample network's six participants settled under named
 * scenarios, and a Latin-hypercube sample of the three models' utilizations. The two bonuses pull against
 * each other — the utilization bonus pays for weight on the busy model, the coverage bonus for serving every
 * model — so whether covering every model pays more than the busy model alone depends on the mix.
 */
import pl from "nodejs-polars";
import { latinHypercube } from "../../analysis/lhs.ts";
import { prcc } from "../../analysis/prcc.ts";
import type { ParamSchema } from "../../engine/params.ts";
import type { Dependence } from "../../notebook/claim.ts";
import { coverageMultiplier, PROPOSAL_FACTORS, utilizationWeight } from "./bonuses.ts";
import { bonusComparison, PROPOSAL, SAMPLE_NETWORK, SAMPLE_UTILIZATION } from "./examples.ts";
import { ngonka } from "./reward.ts";

const MODELS = Object.keys(SAMPLE_UTILIZATION);

/** Named utilization mixes (busy, mid, idle model), the sample's first. */
export const UTILIZATION_SCENARIOS: readonly { readonly name: string; readonly mix: readonly number[] }[] = [
  { name: "sample 90/50/10", mix: [0.9, 0.5, 0.1] },
  { name: "skewed 100/50/10", mix: [1, 0.5, 0.1] },
  { name: "one busy model 100/0/0", mix: [1, 0, 0] },
  { name: "even 50/50/50", mix: [0.5, 0.5, 0.5] },
  { name: "all busy 90/90/90", mix: [0.9, 0.9, 0.9] },
  { name: "all quiet 10/10/10", mix: [0.1, 0.1, 0.1] },
];

/** The plausible utilizations the Latin-hypercube sample covers (docs/models/gonka.md says why). */
export const UTILIZATION_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  busy_utilization: [0.5, 1],
  mid_utilization: [0.2, 0.8],
  idle_utilization: [0, 0.4],
};

const mixOf = (mix: readonly number[]) => Object.fromEntries(MODELS.map((m, i) => [m, mix[i]]));
const member = (address: string) => SAMPLE_NETWORK.find((m) => m.address === address)!;

/** The two bonuses of one participant under a mix, and its weight before the chain truncates it. */
export function bonusParts(address: string, mix: readonly number[]) {
  const nodes = member(address).nodes;
  const base = nodes.reduce((s, n) => s + n.pocWeight, 0);
  const utilization = utilizationWeight(nodes, mixOf(mix), PROPOSAL_FACTORS) / base;
  const coverage = coverageMultiplier(nodes, MODELS, PROPOSAL_FACTORS);
  return { utilization, coverage, weight: base * utilization * coverage };
}

/**
 * Covering every model against the busy model only, at the same PoC weight: the ratio of their Phase-2
 * weights before the chain's integer truncation (the bonuses' own incentive), and after it.
 */
export function coverageRatio(mix: readonly number[]): { exact: number; truncated: number } {
  const all = bonusParts("all-models", mix).weight;
  const busy = bonusParts("busy-model-only", mix).weight;
  return { exact: all / busy, truncated: Math.floor(all) / Math.floor(busy) };
}

/** Per scenario, each participant's Phase-2 change against Phase 1 (%) and the coverage ratios. */
export function utilizationScenarios(): pl.DataFrame {
  const rows = UTILIZATION_SCENARIOS.map(({ name, mix }) => {
    const table = bonusComparison(SAMPLE_NETWORK, ngonka(PROPOSAL.initialReward), mixOf(mix)).toRecords();
    const change = (p: string) => table.find((x) => x.participant === p)!.change_percent as number;
    const ratio = coverageRatio(mix);
    return {
      scenario: name,
      all_models_percent: change("all-models"),
      busy_model_only_percent: change("busy-model-only"),
      idle_model_only_percent: change("idle-model-only"),
      coverage_ratio: ratio.exact,
      coverage_ratio_chain: ratio.truncated,
    };
  });
  return pl.DataFrame(rows);
}

/** Share of a Latin-hypercube sample of the utilizations where covering every model pays more, and PRCC. */
export function coverageDependence(points: number, seed: number | string): Dependence & {
  readonly prcc: Readonly<Record<string, number>>;
  readonly centralization: { readonly share: number; readonly flips: readonly string[] };
} {
  const schema = Object.fromEntries(
    Object.keys(UTILIZATION_RANGES).map((k) => [k, { kind: "number", default: 0, description: k }]),
  ) as unknown as ParamSchema;
  const sample = latinHypercube(schema, UTILIZATION_RANGES, points, `${seed}/utilization`);
  const mixes = Array.from(
    { length: points },
    (_, i) => [sample.busy_utilization[i], sample.mid_utilization[i], sample.idle_utilization[i]] as number[],
  );
  const ratios = mixes.map((m) => coverageRatio(m).exact);
  const coefficients = prcc(
    Object.fromEntries(Object.keys(UTILIZATION_RANGES).map((k) => [k, sample[k] as number[]])),
    ratios,
  );
  // The busy-only participant's Phase-2 gain over Phase 1 is its weight share's rise: no gain means no
  // pull towards the popular model.
  const busyGains = mixes.map((m) => {
    const weights = SAMPLE_NETWORK.map((x) => bonusParts(x.address, m).weight);
    return bonusParts("busy-model-only", m).weight / weights.reduce((s, w) => s + w, 0) *
      SAMPLE_NETWORK.length;
  });
  const inputs = Object.fromEntries(Object.keys(UTILIZATION_RANGES).map((k) => [k, sample[k] as number[]]));
  const flipping = (c: Readonly<Record<string, number>>) =>
    Object.entries(c).filter(([, v]) => Math.abs(v) >= 0.3)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).map(([k]) => k);
  return {
    share: ratios.filter((r) => r > 1).length / points,
    flips: flipping(coefficients),
    sample: `${points} Latin-hypercube mixes of the three models' utilizations (busy ${
      UTILIZATION_RANGES.busy_utilization.join("–")
    }, mid ${UTILIZATION_RANGES.mid_utilization.join("–")}, idle ${
      UTILIZATION_RANGES.idle_utilization.join("–")
    })`,
    prcc: coefficients,
    centralization: {
      share: busyGains.filter((g) => g <= 1).length / points,
      flips: flipping(prcc(inputs, busyGains)),
    },
  };
}
