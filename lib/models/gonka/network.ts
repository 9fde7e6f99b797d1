/**
 * A participant network over epochs (docs/models/gonka.md, "The participant network"): a fixed number of
 * participant slots sharing the growth scenario's GPUs, serving three governance models, paid WorkCoins
 * (fees) by utilization and RewardCoins by Phase-2 weight, each epoch settled with `settleEpoch`.
 *
 * Deterministic: slot i (1-based) holds i / (1 + 2 + … + P) of the network's GPUs and serves the first
 * 1 + ((i − 1) mod 3) governance models. No random draws.
 */
import { gini } from "../../analysis/gini.ts";
import { type BonusFactors, type MLNode, phase2Weight } from "./bonuses.ts";
import { type EpochSettlement, type Participant, settleEpoch } from "./distribution.ts";

/** PoC weight of one GPU (every GPU equal, as in the growth scenario). */
export const POC_WEIGHT_PER_GPU = 1000n;

/** The governance models, each with its demand relative to the network's average utilization. */
export const NETWORK_MODELS: readonly { readonly model: string; readonly demand: number }[] = [
  { model: "busy", demand: 1.5 },
  { model: "mid", demand: 1 },
  { model: "quiet", demand: 0.5 },
];

/** Each model's average utilization: min(1, utilization × demand). */
export function modelUtilization(utilization: number): Record<string, number> {
  return Object.fromEntries(NETWORK_MODELS.map((m) => [m.model, Math.min(1, utilization * m.demand)]));
}

/** Number of governance models served by slot `i` (1-based): 1, 2, 3, 1, 2, 3, … */
export const modelsServed = (i: number): number => 1 + ((i - 1) % NETWORK_MODELS.length);

/** What the network needs from the parameters. */
export interface NetworkParams {
  readonly participants: number;
  readonly utilization: number;
  readonly fee_per_gpu: number;
  readonly utilization_bonus_factor: number;
  readonly full_coverage_bonus_factor: number;
  readonly partial_coverage_bonus_factor: number;
}

export const bonusFactors = (p: NetworkParams): BonusFactors => ({
  utilizationBonusFactor: p.utilization_bonus_factor,
  fullCoverageBonusFactor: p.full_coverage_bonus_factor,
  partialCoverageBonusFactor: p.partial_coverage_bonus_factor,
});

/** One slot this epoch: its base PoC weight, ML nodes (integer pieces of that weight) and fees. */
export interface Member {
  readonly address: string;
  readonly slot: number;
  readonly baseWeight: bigint;
  readonly nodes: readonly MLNode[];
  readonly coinBalance: bigint;
}

/**
 * The network at `gpus` GPUs: slot i's base weight floor(gpus · 1000 · i / T), split into one node per
 * served model (integer pieces, the remainder on the first); its WorkCoins = floor(fee_per_gpu (ngonka) ·
 * Σ over its nodes of the node's GPUs · its model's utilization).
 */
export function networkMembers(p: NetworkParams, gpus: number): Member[] {
  const count = p.participants;
  const total = BigInt(count * (count + 1) / 2);
  const utilization = modelUtilization(p.utilization);
  return Array.from({ length: count }, (_, k) => {
    const slot = k + 1;
    const baseWeight = (BigInt(gpus) * POC_WEIGHT_PER_GPU * BigInt(slot)) / total;
    const served = NETWORK_MODELS.slice(0, modelsServed(slot));
    const piece = baseWeight / BigInt(served.length);
    const nodes = served.map((m, j) => ({
      model: m.model,
      pocWeight: Number(j === 0 ? baseWeight - piece * BigInt(served.length - 1) : piece),
    }));
    const gpuShare = (gpus * slot) / Number(total);
    const fees = served.reduce((s, m) => s + (gpuShare / served.length) * utilization[m.model], 0) *
      p.fee_per_gpu * 1e9;
    return { address: `participant-${slot}`, slot, baseWeight, nodes, coinBalance: BigInt(Math.floor(fees)) };
  });
}

/** Phase-2 weight of each member under the parameters' factors (Phase 1 when the factors are 0 / 1 / 0). */
export function memberWeights(p: NetworkParams, members: readonly Member[]): bigint[] {
  const utilization = modelUtilization(p.utilization);
  const models = NETWORK_MODELS.map((m) => m.model);
  return members.map((m) => phase2Weight(m.nodes, utilization, models, bonusFactors(p)));
}

/** Settles one epoch of the network: `reward` split by Phase-2 weight, with the cap. */
export function settleNetwork(
  p: NetworkParams,
  gpus: number,
  reward: bigint,
  paidSoFar: bigint,
  cap: bigint,
): EpochSettlement {
  const members = networkMembers(p, gpus);
  const weights = memberWeights(p, members);
  const participants: Participant[] = members.map((m, i) => ({
    address: m.address,
    weight: weights[i],
    status: "ACTIVE",
    coinBalance: m.coinBalance,
  }));
  return settleEpoch(participants, reward, paidSoFar, cap);
}

/** The network's per-epoch summary columns. */
export interface NetworkSummary {
  /** Σ WorkCoins (fees) paid to participants this epoch, ngonka. */
  readonly work_coins: bigint;
  /** Σ RewardCoins paid to participants this epoch, ngonka (= minted). */
  readonly reward_coins: bigint;
  /** The largest and smallest participant's RewardCoins this epoch, ngonka. */
  readonly reward_coins_max: bigint;
  readonly reward_coins_min: bigint;
  /** Gini coefficient of the participants' RewardCoins this epoch. */
  readonly reward_gini: number;
}

export function summarise(settled: EpochSettlement): NetworkSummary {
  const rewards = settled.settlements.map((s) => s.rewardCoins);
  const max = rewards.reduce((a, b) => (b > a ? b : a), rewards[0] ?? 0n);
  const min = rewards.reduce((a, b) => (b < a ? b : a), rewards[0] ?? 0n);
  return {
    work_coins: settled.settlements.reduce((s, x) => s + x.workCoins, 0n),
    reward_coins: settled.minted,
    reward_coins_max: max,
    reward_coins_min: min,
    reward_gini: gini(rewards),
  };
}
