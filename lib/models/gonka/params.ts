/**
 * Gonka's parameters: the chain's reward settings, the growth scenario and the old system's subsidy, each
 * with default, unit, meaning and accepted range.
 */
import type { ParamValues } from "../../engine/params.ts";

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
      "Old system, an assumption the proposal leaves open: its variable subsidy (proportional to total " +
      "work) pays this much per GPU per epoch, so issuance grows with the network; 2850 matches the new " +
      "system at 100 GPUs.",
    min: 0,
    max: 1e9,
  },
} as const;

export type GonkaParams = ParamValues<typeof gonkaParams>;
