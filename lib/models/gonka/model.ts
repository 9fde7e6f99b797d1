/**
 * Gonka's Bitcoin-style epoch rewards over time (docs/models/gonka.md), with a
 * network-growth scenario and the old variable-subsidy system for comparison. One timestep is one epoch
 * (about a day); timestep 0 is the genesis epoch, whose reward is already minted in that row.
 *
 * Amounts are exact integers of ngonka (bigint state, written in full); per-GPU figures are gonka.
 */
import { defineModel, fromSignals } from "../../engine/model.ts";
import { ParamError } from "../../engine/params.ts";
import { type GonkaParams, gonkaParams } from "./params.ts";
import { epochRow, gonkaGenesis, type GonkaState } from "./state.ts";

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
  initialState: gonkaGenesis,
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
      "work_coins",
      "reward_coins",
      "reward_coins_max",
      "reward_coins_min",
      "reward_gini",
    ]),
  }],
});
