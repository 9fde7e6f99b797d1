/**
 * The proposal's worked examples, settled as the chain settles an epoch (`settleEpoch`): participant A's
 * 10% share, the per-GPU rewards of 100 and 1,000 GPUs, the upstream WorkCoins example, the bonus factors'
 * effects as the proposal words them, and a sample network that sets Phase 1 against Phase 2. Each returns
 * the quantity a claim or a table reads; see docs/models/gonka.md.
 */
import pl from "nodejs-polars";
import { type MLNode, phase2Weight, PROPOSAL_FACTORS } from "./bonuses.ts";
import { type Participant, settleEpoch } from "./distribution.ts";
import { epochReward, ngonka, toGonka } from "./reward.ts";

/** The proposal's defaults: 285,000 gonka at genesis decaying at −0.000475 per epoch, cap 600M. */
export const PROPOSAL = { initialReward: 285_000, decayRate: -0.000475, cap: 600_000_000 } as const;

/** Active participants of equal fees 0 with the given weights, named by `address(i)`. */
function active(weights: readonly bigint[], address: (i: number) => string): Participant[] {
  return weights.map((weight, i) => ({ address: address(i), weight, status: "ACTIVE", coinBalance: 0n }));
}

/**
 * RewardCoins per GPU when `gpus` equal-weight GPUs share one epoch's reward, in gonka: a GPU that does
 * not take the remainder (the remainder goes to the first in list order).
 */
export function rewardPerGpu(gpus: number, reward: bigint): number {
  const participants = active(Array.from({ length: gpus }, () => 1n), (i) => `gpu-${i}`);
  return toGonka(settleEpoch(participants, reward).settlements.at(-1)!.rewardCoins);
}

/**
 * The proposal's example: participant A with 100 of the network's 1,000 PoC weight. Returns A's RewardCoins
 * of one genesis reward and a tenth of that reward (A is listed second so it takes no remainder).
 */
export function tenPercentExample(reward: bigint = ngonka(PROPOSAL.initialReward)): {
  rewardA: bigint;
  tenth: bigint;
} {
  const participants = active([900n, 100n], (i) => ["rest", "A"][i]);
  return { rewardA: settleEpoch(participants, reward).settlements[1].rewardCoins, tenth: reward / 10n };
}

/**
 * WorkCoins in two settlements: the upstream example at epoch index 100 (weights 1000/2000/1000, fee
 * balances 500/1000/750 ngonka) and the same network at the cap. Counts participants whose WorkCoins equal
 * their fee balance.
 */
export function workCoinsPaid(): { matching: number; participants: number } {
  const balances = [500n, 1000n, 750n];
  const network: Participant[] = [1000n, 2000n, 1000n].map((weight, i) => ({
    address: `p${i}`,
    weight,
    status: "ACTIVE",
    coinBalance: balances[i],
  }));
  const reward = epochReward(99n, ngonka(PROPOSAL.initialReward), PROPOSAL.decayRate);
  const cap = ngonka(PROPOSAL.cap);
  const settled = [settleEpoch(network, reward), settleEpoch(network, reward, cap, cap)];
  const all = settled.flatMap((s) => s.settlements);
  return { matching: all.filter((s, i) => s.workCoins === balances[i % 3]).length, participants: all.length };
}

/** The bonus factors' effects as the proposal words them (see `bonusEffects`). */
export interface BonusEffects {
  /** RewardCoins of a node on a fully used model ÷ those of a node on an idle one. */
  readonly utilizationRatio: number;
  /** Weight bonus for serving every governance model, percent. */
  readonly fullCoverage: number;
  /** Weight bonus for serving half of them, percent. */
  readonly halfCoverage: number;
}

/**
 * The bonus factors' effects as the proposal words them: RewardCoins of a node on a fully used model ÷
 * those of a node on an idle one (same PoC weight and coverage), and the weight bonus for serving every
 * governance model and for serving half of them (percent, all models idle so only coverage acts).
 */
export function bonusEffects(): BonusEffects {
  const utilization = { busy: 1, idle: 0 };
  const models = Object.keys(utilization);
  const weights = models.map((model) =>
    phase2Weight([{ model, pocWeight: 1000 }], utilization, models, PROPOSAL_FACTORS)
  );
  const settled = settleEpoch(active(weights, (i) => models[i]), ngonka(PROPOSAL.initialReward)).settlements;
  const idle = { a: 0, b: 0, c: 0, d: 0 };
  const bonus = (nodes: MLNode[]) =>
    (Number(phase2Weight(nodes, idle, Object.keys(idle), PROPOSAL_FACTORS)) /
        nodes.reduce((s, n) => s + n.pocWeight, 0) - 1) * 100;
  return {
    utilizationRatio: Number(settled[0].rewardCoins) / Number(settled[1].rewardCoins),
    fullCoverage: bonus(Object.keys(idle).map((model) => ({ model, pocWeight: 1000 }))),
    halfCoverage: bonus([{ model: "a", pocWeight: 1000 }, { model: "b", pocWeight: 1000 }]),
  };
}

/** A sample network member: its ML nodes and this epoch's fees. */
export interface SampleMember {
  readonly address: string;
  readonly nodes: readonly MLNode[];
  readonly coinBalance: bigint;
}

/** Governance models and their average utilization in the sample network. */
export const SAMPLE_UTILIZATION: Readonly<Record<string, number>> = {
  "llama-70b": 0.9,
  "qwen-32b": 0.5,
  "mistral-7b": 0.1,
};

/**
 * Six participants with the same total PoC weight (300) spread differently over the three governance
 * models, so that the bonuses alone move their shares.
 */
export const SAMPLE_NETWORK: readonly SampleMember[] = [
  { address: "all-models", nodes: nodes([["llama-70b", 100], ["qwen-32b", 100], ["mistral-7b", 100]]) },
  { address: "busy-model-only", nodes: nodes([["llama-70b", 300]]) },
  { address: "idle-model-only", nodes: nodes([["mistral-7b", 300]]) },
  { address: "two-busy-models", nodes: nodes([["llama-70b", 150], ["qwen-32b", 150]]) },
  { address: "two-quiet-models", nodes: nodes([["qwen-32b", 150], ["mistral-7b", 150]]) },
  { address: "mid-model-only", nodes: nodes([["qwen-32b", 300]]) },
].map((m) => ({ ...m, coinBalance: 0n }));

function nodes(allocation: [string, number][]): MLNode[] {
  // Split each allocation into 50-weight nodes, as a participant runs several ML nodes per model.
  return allocation.flatMap(([model, weight]) =>
    Array.from({ length: weight / 50 }, () => ({ model, pocWeight: 50 }))
  );
}

/** Phase 1 (base PoC weight) against Phase 2 (utilization × coverage) shares of one epoch's reward. */
export function bonusComparison(
  members: readonly SampleMember[],
  reward: bigint,
  utilization = SAMPLE_UTILIZATION,
): pl.DataFrame {
  const models = Object.keys(utilization);
  const settle = (weight: (m: SampleMember) => bigint) => {
    const participants: Participant[] = members.map((m) => ({
      address: m.address,
      weight: weight(m),
      status: "ACTIVE",
      coinBalance: m.coinBalance,
    }));
    return settleEpoch(participants, reward).settlements;
  };
  const phase1 = settle((m) => BigInt(m.nodes.reduce((s, n) => s + n.pocWeight, 0)));
  const phase2 = settle((m) => phase2Weight(m.nodes, utilization, models, PROPOSAL_FACTORS));
  return pl.DataFrame({
    participant: members.map((m) => m.address),
    models_served: members.map((m) => new Set(m.nodes.map((n) => n.model)).size),
    phase2_weight: members.map((m) => Number(phase2Weight(m.nodes, utilization, models, PROPOSAL_FACTORS))),
    phase1_reward_gonka: phase1.map((s) => Number(s.rewardCoins) / 1e9),
    phase2_reward_gonka: phase2.map((s) => Number(s.rewardCoins) / 1e9),
  }).withColumns(
    pl.col("phase2_reward_gonka").div(pl.col("phase1_reward_gonka")).sub(1).mul(100).alias("change_percent"),
  );
}
