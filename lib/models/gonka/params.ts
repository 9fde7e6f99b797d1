/**
 * Gonka's parameters: the chain's reward settings, the growth scenario, the old system's subsidy, the
 * participant network and the Phase-2 bonus factors, each with default, unit, meaning and accepted range.
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
  participants: {
    kind: "number",
    default: 20,
    unit: "participants",
    description:
      "Participant network: fixed number of participant slots; slot i holds i/(1+…+P) of the growth " +
      "scenario's GPUs and serves 1, 2 or 3 of the three governance models in turn (deterministic).",
    min: 1,
    max: 1000,
    integer: true,
  },
  utilization: {
    kind: "number",
    default: 0.5,
    unit: "fraction of capacity",
    description:
      "Participant network: average utilization of the governance models (busy, mid and quiet models at " +
      "1.5×, 1× and 0.5× it, capped at 1); sets the Phase-2 utilization bonus and the fees paid as WorkCoins.",
    min: 0,
    max: 1,
  },
  fee_per_gpu: {
    kind: "number",
    default: 100,
    unit: "gonka/GPU/epoch at full utilization",
    description:
      "Participant network, an assumption (the proposal gives no fee level): user fees (WorkCoins) a GPU " +
      "earns per epoch on a fully used model; a node earns this × its model's utilization.",
    min: 0,
    max: 1e9,
  },
  utilization_bonus_factor: {
    kind: "number",
    default: 0.5,
    unit: "weight multiplier per unit of utilization",
    description:
      "Phase 2 (UtilizationBonusFactor): a node's PoC weight × (1 + its model's utilization × factor); " +
      "0.5 → 1.5× on a fully used model; 0 switches the utilization bonus off.",
    min: 0,
    max: 10,
  },
  full_coverage_bonus_factor: {
    kind: "number",
    default: 1.2,
    unit: "weight multiplier",
    description:
      "Phase 2 (FullCoverageBonusFactor): weight × this for a participant serving every governance " +
      "model; 1.2 = +20%; 1 switches the full-coverage bonus off.",
    min: 0,
    max: 10,
  },
  partial_coverage_bonus_factor: {
    kind: "number",
    default: 0.1,
    unit: "weight multiplier per share of models covered",
    description:
      "Phase 2 (PartialCoverageBonusFactor): weight × (1 + covered/total × factor) when not every " +
      "governance model is served; 0.1 with half the models → +5%; 0 switches it off.",
    min: 0,
    max: 10,
  },
} as const;

export type GonkaParams = ParamValues<typeof gonkaParams>;
