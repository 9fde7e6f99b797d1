/**
 * Gonka's planned comparisons: the halving schedule against a Bitcoin-style discrete halving, supply
 * milestones, per-GPU rewards under network growth, and the bonuses' effect on a sample network.
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { type MLNode, phase2Weight, PROPOSAL_FACTORS } from "./bonuses.ts";
import { type Participant, settleEpoch } from "./distribution.ts";
import { gonka } from "./model.ts";

/** Columns that count whole things (epochs, GPUs) and are written as integers. */
export const INTEGER_COLUMNS = ["epochs_since_genesis", "epoch", "gpus"];

/** The reward schedule as a frame, one row per epoch, integer columns as Int64. */
export function schedule(set: Record<string, number> = {}, steps = gonka.steps): pl.DataFrame {
  const frame = toFrame(simulate(gonka, { set, steps, runs: 1 }));
  return frame.drop("subset", "run", "substep", "timestep")
    .withColumns(...INTEGER_COLUMNS.map((c) => pl.col(c).cast(pl.Int64)));
}

/** Bitcoin-style comparison: the initial reward halved once every `period` epochs. */
export function discreteHalving(initialReward: number, n: number, period: number): number {
  return initialReward * 0.5 ** Math.floor(n / period);
}

/** First epoch (since genesis) at which `column` reaches `share` of `total`; undefined if never. */
export function firstReaching(
  frame: pl.DataFrame,
  column: string,
  total: bigint,
  share: number,
): number | undefined {
  const threshold = (total * BigInt(Math.round(share * 1e6))) / 1_000_000n;
  const values = frame.getColumn(column).toArray() as bigint[];
  const epochs = frame.getColumn("epochs_since_genesis").toArray() as (bigint | number)[];
  const i = values.findIndex((v) => BigInt(v) >= threshold);
  return i < 0 ? undefined : Number(epochs[i]);
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

function nodes(spec: [string, number][]): MLNode[] {
  // Split each allocation into 50-weight nodes, as a participant runs several ML nodes per model.
  return spec.flatMap(([model, weight]) =>
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
