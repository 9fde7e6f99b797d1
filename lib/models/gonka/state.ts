/**
 * Gonka's state: one row per epoch, which follows in closed form from the epoch index and what both systems
 * had minted before it; the genesis row is epoch 0's.
 */
import type { State } from "../../engine/model.ts";
import type { GonkaParams } from "./params.ts";
import { type NetworkSummary, settleNetwork, summarise } from "./network.ts";
import { epochReward, ngonka, toGonka } from "./reward.ts";

/** Columns that count whole things (epochs, GPUs), written as integers. */
export const INTEGER_COLUMNS = ["epochs_since_genesis", "epoch", "gpus"];

export interface GonkaState extends State, NetworkSummary {
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
  // The participant network settles the same reward against the same cap (its RewardCoins = minted).
  const network = summarise(settleNetwork(p, gpus, reward, paid, cap));
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
    ...network,
  };
}

/** The genesis row: epoch 0, nothing minted before it. */
export const gonkaGenesis = (p: GonkaParams): GonkaState => epochRow(p, 0, 0n, 0n);
