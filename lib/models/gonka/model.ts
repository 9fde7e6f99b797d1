/**
 * Gonka's Bitcoin-style epoch rewards over time (seed 003; facts in shared/spec/gonka-rewards.md), with a
 * network-growth scenario and the old variable-subsidy system for comparison. One timestep is one epoch
 * (about a day); timestep 0 is the genesis epoch, whose reward is already minted in that row.
 *
 * Amounts are exact integers of ngonka (bigint state, written in full); per-GPU figures are gonka.
 */
import { defineModel, fromSignals, type State } from "../../engine/model.ts";
import { ParamError, type ParamValues } from "../../engine/params.ts";
import { epochReward, ngonka, toGonka } from "./reward.ts";

export const gonkaParams = {
  initial_epoch_reward: {
    kind: "number",
    default: 285_000,
    unit: "gonka/epoch",
    description: "RewardCoins minted in the genesis epoch (InitialEpochReward).",
    min: 0,
    max: 1e9,
  },
  decay_rate: {
    kind: "number",
    default: -0.000475,
    unit: "1/epoch",
    description: "Exponential decay of the epoch reward per epoch (DecayRate); positive rates grow it.",
    min: -1,
    max: 0.01,
  },
  genesis_epoch: {
    kind: "number",
    default: 1,
    unit: "epoch index",
    description: "Epoch index at which the Bitcoin-style rewards start (GenesisEpoch).",
    min: 0,
    max: 1e12,
    integer: true,
  },
  supply_cap: {
    kind: "number",
    default: 600_000_000,
    unit: "gonka",
    description: "Most RewardCoins ever minted (StandardRewardAmount).",
    min: 0,
    max: 9e9,
  },
  gpus_initial: {
    kind: "number",
    default: 100,
    unit: "GPUs",
    description: "Growth scenario: GPUs on the network at genesis.",
    min: 1,
    max: 1e9,
    integer: true,
  },
  gpus_final: {
    kind: "number",
    default: 1000,
    unit: "GPUs",
    description: "Growth scenario: GPUs once growth ends (the proposal's 100 → 1000 example).",
    min: 1,
    max: 1e9,
    integer: true,
  },
  growth_epochs: {
    kind: "number",
    default: 730,
    unit: "epochs",
    description: "Growth scenario: epochs over which GPUs grow geometrically from initial to final.",
    min: 0,
    max: 1e6,
    integer: true,
  },
  old_reward_per_gpu: {
    kind: "number",
    default: 2850,
    unit: "gonka/GPU/epoch",
    description:
      "Old system, an assumption the seed leaves open: its variable subsidy (proportional to total " +
      "work) pays this much per GPU per epoch, so issuance grows with the network; 2850 matches the new " +
      "system at 100 GPUs.",
    min: 0,
    max: 1e9,
  },
} as const;

export type GonkaParams = ParamValues<typeof gonkaParams>;

export interface GonkaState extends State {
  readonly epochs_since_genesis: number;
  readonly epoch: number;
  /** The schedule's reward for this epoch, ngonka (before the cap). */
  readonly epoch_reward: bigint;
  /** RewardCoins actually minted this epoch, ngonka (the reward, cut at the cap). */
  readonly minted: bigint;
  /** RewardCoins minted up to and including this epoch, ngonka. */
  readonly total_minted: bigint;
  readonly remaining_to_cap: bigint;
  /** Growth scenario: GPUs on the network (whole GPUs). */
  readonly gpus: number;
  /** RewardCoins per GPU this epoch, gonka (equal weight per GPU). */
  readonly reward_per_gpu_gonka: number;
  /** Old system: RewardCoins minted this epoch, ngonka. */
  readonly old_minted: bigint;
  readonly old_total_minted: bigint;
  readonly old_reward_per_gpu_gonka: number;
}

/** GPUs at `n` epochs after genesis: geometric from initial to final over growth_epochs, then flat. */
export function gpusAt(p: GonkaParams, n: number): number {
  if (p.growth_epochs === 0 || n >= p.growth_epochs) return p.gpus_final;
  return Math.round(p.gpus_initial * (p.gpus_final / p.gpus_initial) ** (n / p.growth_epochs));
}

/** Mints `amount` against the cap given what was paid: the amount, cut to the room left. */
export function capped(amount: bigint, paid: bigint, cap: bigint): bigint {
  const room = cap - paid;
  return room <= 0n ? 0n : amount < room ? amount : room;
}

/** The row of epoch `n` given what both systems had minted before it. */
export function epochRow(p: GonkaParams, n: number, paid: bigint, oldPaid: bigint): GonkaState {
  const cap = ngonka(p.supply_cap);
  const reward = epochReward(BigInt(n), ngonka(p.initial_epoch_reward), p.decay_rate);
  const minted = capped(reward, paid, cap);
  const gpus = gpusAt(p, n);
  const oldMinted = capped(ngonka(p.old_reward_per_gpu) * BigInt(gpus), oldPaid, cap);
  return {
    epochs_since_genesis: n,
    epoch: p.genesis_epoch + n,
    epoch_reward: reward,
    minted,
    total_minted: paid + minted,
    remaining_to_cap: cap - paid - minted,
    gpus,
    reward_per_gpu_gonka: toGonka(minted) / gpus,
    old_minted: oldMinted,
    old_total_minted: oldPaid + oldMinted,
    old_reward_per_gpu_gonka: toGonka(oldMinted) / gpus,
  };
}

export const gonka = defineModel({
  name: "gonka",
  module: import.meta.url,
  title: "Gonka Bitcoin-style epoch rewards with gradual halving, a supply cap and a GPU growth scenario",
  params: gonkaParams,
  steps: 14_600,
  timeUnit: "epoch",
  runs: 1,
  check: (p) => {
    if (p.gpus_final < 1 || p.gpus_initial < 1) throw new ParamError("GPU counts must be ≥ 1");
  },
  initialState: (p) => epochRow(p, 0, 0n, 0n),
  blocks: [{
    label: "epoch",
    policies: {
      // One policy: the whole row follows from the previous totals, so the row is the signal.
      settle: (p: GonkaParams, s: GonkaState) =>
        epochRow(p, s.epochs_since_genesis + 1, s.total_minted, s.old_total_minted),
    },
    updates: fromSignals<GonkaParams, GonkaState, keyof GonkaState & string>([
      "epochs_since_genesis",
      "epoch",
      "epoch_reward",
      "minted",
      "total_minted",
      "remaining_to_cap",
      "gpus",
      "reward_per_gpu_gonka",
      "old_minted",
      "old_total_minted",
      "old_reward_per_gpu_gonka",
    ]),
  }],
});
