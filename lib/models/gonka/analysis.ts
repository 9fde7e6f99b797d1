/**
 * Gonka's planned comparisons: the halving schedule against a Bitcoin-style discrete halving, supply
 * milestones, per-GPU rewards under network growth, and the bonuses' effect on a sample network; and the
 * quantities that test the proposal's claims. See docs/models/gonka.md.
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { type MLNode, phase2Weight, PROPOSAL_FACTORS } from "./bonuses.ts";
import { type Participant, settleEpoch } from "./distribution.ts";
import { gonka } from "./model.ts";
import { memberWeights, modelsServed, networkMembers, settleNetwork } from "./network.ts";
import { defaults } from "../../engine/params.ts";
import { gpusAt } from "./state.ts";
import { epochReward, ngonka, toGonka } from "./reward.ts";

/** Columns that count whole things (epochs, GPUs) and are written as integers. */
export const INTEGER_COLUMNS = ["epochs_since_genesis", "epoch", "gpus"];

/** The reward schedule as a frame, one row per epoch, integer columns as Int64. */
export function schedule(set: Record<string, number> = {}, steps = gonka.steps): pl.DataFrame {
  const frame = toFrame(simulate(gonka, { set, steps, runs: 1 }));
  return frame.drop("subset", "run", "substep", "timestep")
    .withColumns(...INTEGER_COLUMNS.map((c) => pl.col(c).cast(pl.Int64)));
}

/**
 * The schedule's columns exactly as the engine computed them: amounts as bigint ngonka (a Polars frame
 * hands 64-bit integers to JavaScript as doubles, which round totals above 2^53 ngonka ≈ 9 million gonka).
 */
export function exactSchedule(
  set: Record<string, number> = {},
  steps = gonka.steps,
): Record<string, readonly (bigint | number)[]> {
  const result = simulate(gonka, { set, steps, runs: 1 });
  return Object.fromEntries(
    Object.entries(result.columns.values).map((
      [name, values],
    ) => [name, Array.from(values as ArrayLike<bigint | number>)]),
  );
}

/** First index at which `values` reach `share` (to a millionth) of `total`; undefined if never. */
export function firstAtLeast(values: readonly bigint[], total: bigint, share: number): number | undefined {
  const threshold = (total * BigInt(Math.round(share * 1e6))) / 1_000_000n;
  const i = values.findIndex((v) => v >= threshold);
  return i < 0 ? undefined : i;
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

// ---------------------------------------------------------------------------------------------------
// The participant network (network.ts): one epoch in detail, and the bonus factors swept.

/** Phase-2 factors that switch every bonus off (Phase 1, the chain today). */
export const NO_BONUS = {
  utilization_bonus_factor: 0,
  full_coverage_bonus_factor: 1,
  partial_coverage_bonus_factor: 0,
} as const;

/** The bonus factors, by parameter name. */
export type BonusFactorName = keyof typeof NO_BONUS;

/**
 * Every participant of the network at epoch `n` (below the cap): slot, models served, base and Phase-2
 * weight, WorkCoins, and RewardCoins with the parameters' factors and without bonuses (gonka).
 */
export function networkEpoch(set: Record<string, number> = {}, n = 0): pl.DataFrame {
  const p = { ...defaults(gonka.params), ...set };
  const gpus = gpusAt(p, n);
  const reward = epochReward(BigInt(n), ngonka(p.initial_epoch_reward), p.decay_rate);
  const members = networkMembers(p, gpus);
  const withBonus = settleNetwork(p, gpus, reward, 0n, ngonka(p.supply_cap)).settlements;
  const without = settleNetwork({ ...p, ...NO_BONUS }, gpus, reward, 0n, ngonka(p.supply_cap)).settlements;
  return pl.DataFrame({
    slot: members.map((m) => m.slot),
    models_served: members.map((m) => modelsServed(m.slot)),
    base_weight: members.map((m) => Number(m.baseWeight)),
    phase2_weight: memberWeights(p, members).map(Number),
    work_coins_gonka: withBonus.map((s) => toGonka(s.workCoins)),
    phase1_reward_gonka: without.map((s) => toGonka(s.rewardCoins)),
    reward_gonka: withBonus.map((s) => toGonka(s.rewardCoins)),
  }).withColumns(
    pl.col("reward_gonka").div(pl.col("phase1_reward_gonka")).sub(1).mul(100).alias("change_percent"),
  );
}

/**
 * One bonus factor swept alone (the other two switched off, so its effect is isolated): the genesis
 * epoch's RewardCoins of chosen slots (gonka) and their change against no bonus at all (percent), one row
 * per value and slot.
 */
export function factorSweep(
  factor: BonusFactorName,
  values: readonly number[],
  slots: readonly number[],
  set: Record<string, number> = {},
): { value: number; slot: number; models_served: number; reward_gonka: number; change_percent: number }[] {
  return values.flatMap((value) => {
    const frame = networkEpoch({ ...set, ...NO_BONUS, [factor]: value }, 0).toRecords();
    return slots.map((slot) => {
      const row = frame[slot - 1];
      return {
        value,
        slot,
        models_served: row.models_served as number,
        reward_gonka: row.reward_gonka as number,
        change_percent: row.change_percent as number,
      };
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Quantities that test the proposal's claims (the notebook's claims).

/** Epochs counted as a year in the notebook (one epoch is about a day; the proposal gives no length). */
export const EPOCHS_PER_YEAR = 365;

/** The proposal's defaults: 285,000 gonka at genesis decaying at −0.000475 per epoch, cap 600M. */
export const PROPOSAL = { initialReward: 285_000, decayRate: -0.000475, cap: 600_000_000 } as const;

/**
 * Everything the decaying schedule would ever mint without a cap: the chain's integer reward summed from
 * genesis until it truncates to 0 ngonka, with the number of epochs that pay anything.
 */
export function uncappedTotal(
  initialGonka: number = PROPOSAL.initialReward,
  decayRate: number = PROPOSAL.decayRate,
): { total: bigint; epochs: number } {
  if (decayRate >= 0) throw new RangeError("a non-decaying reward has no finite total");
  const r0 = ngonka(initialGonka);
  let total = 0n;
  let n = 0n;
  for (;; n++) {
    const reward = epochReward(n, r0, decayRate);
    if (reward === 0n) break;
    total += reward;
  }
  return { total, epochs: Number(n) };
}

/** First epoch since genesis whose reward is at most half the genesis reward; undefined if none. */
export function firstHalving(frame: pl.DataFrame): number | undefined {
  const rewards = (frame.getColumn("epoch_reward").toArray() as bigint[]).map((v) => BigInt(v));
  const i = rewards.findIndex((r) => 2n * r <= rewards[0]);
  return i < 0 ? undefined : Number(frame.getColumn("epochs_since_genesis").toArray()[i]);
}

/** Largest fall of the epoch reward from one epoch to the next, as a fraction of the earlier reward. */
export function largestEpochDrop(frame: pl.DataFrame): number {
  const rewards = (frame.getColumn("epoch_reward").toArray() as bigint[]).map((v) => Number(v));
  let largest = 0;
  for (let i = 1; i < rewards.length; i++) {
    if (rewards[i - 1] > 0) largest = Math.max(largest, (rewards[i - 1] - rewards[i]) / rewards[i - 1]);
  }
  return largest;
}

/**
 * RewardCoins per GPU when `gpus` equal-weight GPUs share one epoch's reward, in gonka: a GPU that does
 * not take the remainder (the remainder goes to the first in list order).
 */
export function rewardPerGpu(gpus: number, reward: bigint): number {
  const participants: Participant[] = Array.from({ length: gpus }, (_, i) => ({
    address: `gpu-${i}`,
    weight: 1n,
    status: "ACTIVE",
    coinBalance: 0n,
  }));
  return toGonka(settleEpoch(participants, reward).settlements.at(-1)!.rewardCoins);
}

/** Epochs at which two schedules mint different RewardCoins. */
export function mintedDifferences(a: pl.DataFrame, b: pl.DataFrame): number {
  const x = a.getColumn("minted").toArray() as bigint[];
  const y = b.getColumn("minted").toArray() as bigint[];
  if (x.length !== y.length) throw new Error(`schedules of ${x.length} and ${y.length} epochs`);
  return x.filter((v, i) => BigInt(v) !== BigInt(y[i])).length;
}

/**
 * Yearly inflation: RewardCoins minted in year y ÷ RewardCoins in existence at its start, for years
 * 2..years (year 1 starts from nothing). Years of EPOCHS_PER_YEAR epochs.
 */
export function annualInflation(frame: pl.DataFrame, years: number): number[] {
  const totals = (frame.getColumn("total_minted").toArray() as bigint[]).map((v) => Number(v));
  const out: number[] = [];
  for (let y = 2; y <= years; y++) {
    const start = totals[(y - 1) * EPOCHS_PER_YEAR - 1];
    const end = totals[y * EPOCHS_PER_YEAR - 1];
    if (end === undefined) throw new Error(`the schedule is shorter than ${years} years`);
    out.push((end - start) / start);
  }
  return out;
}

/** How many consecutive values fall (each below the one before), of how many pairs. */
export function falls(values: readonly number[]): { falling: number; pairs: number } {
  let falling = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) falling++;
  return { falling, pairs: Math.max(0, values.length - 1) };
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

/**
 * The proposal's example: participant A with 100 of the network's 1,000 PoC weight. Returns A's RewardCoins
 * of one genesis reward and a tenth of that reward (A is listed second so it takes no remainder).
 */
export function tenPercentExample(reward: bigint = ngonka(PROPOSAL.initialReward)): {
  rewardA: bigint;
  tenth: bigint;
} {
  const participants: Participant[] = [
    { address: "rest", weight: 900n, status: "ACTIVE", coinBalance: 0n },
    { address: "A", weight: 100n, status: "ACTIVE", coinBalance: 0n },
  ];
  return { rewardA: settleEpoch(participants, reward).settlements[1].rewardCoins, tenth: reward / 10n };
}

/**
 * The bonus factors' effects as the proposal words them: RewardCoins of a node on a fully used model ÷
 * those of a node on an idle one (same PoC weight and coverage), and the weight bonus for serving every
 * governance model and for serving half of them (percent, all models idle so only coverage acts).
 */
export function bonusEffects(): { utilizationRatio: number; fullCoverage: number; halfCoverage: number } {
  const utilization = { busy: 1, idle: 0 };
  const models = Object.keys(utilization);
  const members = [
    { address: "busy", nodes: [{ model: "busy", pocWeight: 1000 }], coinBalance: 0n },
    { address: "idle", nodes: [{ model: "idle", pocWeight: 1000 }], coinBalance: 0n },
  ];
  const settled = settleEpoch(
    members.map((m) => ({
      address: m.address,
      weight: phase2Weight(m.nodes, utilization, models, PROPOSAL_FACTORS),
      status: "ACTIVE" as const,
      coinBalance: 0n,
    })),
    ngonka(PROPOSAL.initialReward),
  ).settlements;
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

/** Everything the notebook shows and its claims test, computed once. */
export interface GonkaResults {
  /** The proposal's schedule over 60 years (long enough for the cap to bind). */
  readonly base: pl.DataFrame;
  /** The live network's genesis parameters (323,000 gonka, cap 680M, old subsidy 3,230/GPU) over 40 years. */
  readonly mainnet: pl.DataFrame;
  /** The first three years of the proposal's schedule with its growth scenario (100 → 1,000 GPUs). */
  readonly growth: pl.DataFrame;
  /** The same three years with growth to 10,000 GPUs instead. */
  readonly growth10k: pl.DataFrame;
  readonly uncapped: { total: bigint; epochs: number };
  readonly firstHalf: number;
  /** Epoch at which the proposal's schedule reaches its cap. */
  readonly capEpoch: number;
  /** Old system: first epoch at which it mints nothing (its share of the same cap spent). */
  readonly oldRunsDry: number;
  /** Old system: issuance two epochs before it runs dry ÷ issuance at genesis, and the GPU growth then. */
  readonly oldIssuanceGrowth: number;
  readonly oldGpuGrowth: number;
  readonly largestDrop: number;
  /** Per-GPU RewardCoins of the genesis reward shared by 100 and by 1,000 GPUs (gonka). */
  readonly perGpu100: number;
  readonly perGpu1000: number;
  /** Growth scenario: per-GPU reward at genesis ÷ after growth (epoch 730). */
  readonly scenarioRatio: number;
  readonly inflation: readonly number[];
  readonly bonusTable: pl.DataFrame;
  /** Exact total minted per epoch (ngonka) of `base` and `mainnet`, for milestones and tables. */
  readonly baseTotals: readonly bigint[];
  readonly mainnetTotals: readonly bigint[];
  /** The first epochs of the proposal's schedule with exact amounts. */
  readonly firstEpochs: readonly Record<string, bigint | number>[];
  /** The network over `base`: epochs settled, and epochs whose Σ RewardCoins differs from the minted amount. */
  readonly networkConservation: { readonly epochs: number; readonly mismatches: number };
}

/** Runs every computation the notebook needs (a few seconds). */
export function gonkaResults(): GonkaResults {
  const base = schedule({}, 60 * EPOCHS_PER_YEAR);
  const mainnetSet = { initial_epoch_reward: 323_000, supply_cap: 680_000_000, old_reward_per_gpu: 3230 };
  const exactBase = exactSchedule({}, 60 * EPOCHS_PER_YEAR);
  const baseTotals = exactBase.total_minted as bigint[];
  const shown = ["epochs_since_genesis", "epoch", "epoch_reward", "total_minted", "remaining_to_cap"];
  const growthEpochs = 3 * EPOCHS_PER_YEAR;
  const growth = base.filter(pl.col("epochs_since_genesis").ltEq(growthEpochs));
  const at = (n: number) => growth.filter(pl.col("epochs_since_genesis").eq(n)).toRecords()[0];
  const oldRunsDry = Number(
    growth.filter(pl.col("old_minted").eq(0)).getColumn("epochs_since_genesis").toArray()[0],
  );
  const reward0 = ngonka(PROPOSAL.initialReward);
  const growthEnd = gonka.params.growth_epochs.default;
  return {
    base,
    mainnet: schedule(mainnetSet, 40 * EPOCHS_PER_YEAR),
    growth,
    growth10k: schedule({ gpus_final: 10_000 }, growthEpochs),
    uncapped: uncappedTotal(),
    firstHalf: firstHalving(base)!,
    capEpoch: firstAtLeast(baseTotals, ngonka(PROPOSAL.cap), 1)!,
    oldRunsDry,
    oldIssuanceGrowth: Number(BigInt(at(oldRunsDry - 2).old_minted as bigint)) /
      Number(BigInt(at(0).old_minted as bigint)),
    oldGpuGrowth: Number(at(oldRunsDry - 2).gpus) / Number(at(0).gpus),
    largestDrop: largestEpochDrop(base.filter(pl.col("epochs_since_genesis").ltEq(40 * EPOCHS_PER_YEAR))),
    perGpu100: rewardPerGpu(100, reward0),
    perGpu1000: rewardPerGpu(1000, reward0),
    scenarioRatio: (at(0).reward_per_gpu_gonka as number) / (at(growthEnd).reward_per_gpu_gonka as number),
    inflation: annualInflation(base, 40),
    bonusTable: bonusComparison(SAMPLE_NETWORK, reward0),
    baseTotals,
    mainnetTotals: exactSchedule(mainnetSet, 40 * EPOCHS_PER_YEAR).total_minted as bigint[],
    firstEpochs: Array.from(
      { length: 5 },
      (_, i) => Object.fromEntries(shown.map((c) => [c, exactBase[c][i]])),
    ),
    networkConservation: {
      epochs: exactBase.minted.length,
      mismatches: exactBase.minted.filter((m, i) => m !== exactBase.reward_coins[i]).length,
    },
  };
}

/** toGonka for frames' bigint cells (which may arrive as numbers). */
export const gonkaOf = (v: unknown) => toGonka(BigInt(v as bigint));
