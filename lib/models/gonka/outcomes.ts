/**
 * Gonka's outcomes: pure functions from the schedule's frames (one row per epoch, as `deno task sim gonka`
 * writes them) and the worked examples to the numbers the notebook shows and the claims test. Nothing here
 * runs the model; experiments.ts does, then calls these.
 *
 * Frames' 64-bit integer cells may reach JavaScript as bigint or as number; each function reads them with
 * BigInt or Number as its arithmetic needs.
 */
import type pl from "nodejs-polars";
import type { BonusEffects } from "./examples.ts";
import { gonkaOf } from "./reward.ts";

/** Epochs counted as a year in the report (one epoch is about a day; the proposal gives no length). */
export const EPOCHS_PER_YEAR = 365;

/** Every number the claims test, from the experiments (see `runGonka` in experiments.ts). */
export interface GonkaOutcomes {
  /** What the decaying schedule would mint without the cap (ngonka), and the epochs that pay anything. */
  readonly uncapped: { readonly total: bigint; readonly epochs: number };
  /** Epoch at which the proposal's schedule reaches its cap. */
  readonly capEpoch: number;
  /** First epoch whose reward is at most half the genesis reward. */
  readonly firstHalving: number;
  /** Largest epoch-to-epoch fall of the reward (a fraction of the earlier reward) over the first `years`. */
  readonly largestDrop: { readonly fraction: number; readonly years: number };
  /** Per-GPU RewardCoins of the genesis reward shared by 100 and by 1,000 equal GPUs (gonka). */
  readonly perGpu100: number;
  readonly perGpu1000: number;
  /** Growth scenario: per-GPU reward at genesis ÷ at the end of growth. */
  readonly scenarioRatio: number;
  /** Epochs of the growth scenario, and how many of them mint differently in a larger network. */
  readonly largeNetwork: { readonly epochs: number; readonly differences: number };
  /** Yearly inflation from year 2 on (see `annualInflation`). */
  readonly inflation: readonly number[];
  readonly oldSystem: OldSystem;
  /** The participant network over the proposal's schedule: epochs settled, and those not paying the minted amount. */
  readonly conservation: Conservation;
  /** The proposal's 10% example: A's RewardCoins and a tenth of the reward (ngonka). */
  readonly tenPercent: { readonly rewardA: bigint; readonly tenth: bigint };
  /** The upstream WorkCoins example: settlements whose WorkCoins equal the fee balance. */
  readonly workCoins: { readonly matching: number; readonly participants: number };
  readonly bonusEffects: BonusEffects;
  /** Phase-2 change of RewardCoins against Phase 1 (%) of the all-models and busy-model-only participants. */
  readonly coverageChanges: { readonly allModels: number; readonly busyModelOnly: number };
}

/** Values of a frame's column as numbers. */
const numbers = (frame: pl.DataFrame, column: string): number[] =>
  frame.getColumn(column).toArray().map(Number);

/** Values of a frame's 64-bit integer column as exact bigints. */
const bigints = (frame: pl.DataFrame, column: string): bigint[] =>
  frame.getColumn(column).toArray().map((v) => BigInt(v as bigint));

/** First index at which `values` reach `share` (to a millionth) of `total`; undefined if never. */
export function firstAtLeast(values: readonly bigint[], total: bigint, share: number): number | undefined {
  const threshold = (total * BigInt(Math.round(share * 1e6))) / 1_000_000n;
  const i = values.findIndex((v) => v >= threshold);
  return i < 0 ? undefined : i;
}

/** Totals minted per epoch since genesis (ngonka) and the cap they run against. */
export interface CappedTotals {
  readonly totals: readonly bigint[];
  readonly cap: bigint;
}

/**
 * One row of the milestones table: when each schedule first reaches `share` of its cap (null: never). A
 * type rather than an interface, so that it is a table row (`Row`, an index signature) as it is.
 */
export type CapMilestone = {
  readonly share: number;
  readonly proposal_epoch: number | null;
  readonly proposal_years: number | null;
  readonly mainnet_epoch: number | null;
  readonly mainnet_years: number | null;
};

/** The epochs (and years) at which the proposal's and the mainnet's totals first reach each share of their cap. */
export function capMilestones(
  proposal: CappedTotals,
  mainnet: CappedTotals,
  shares: readonly number[],
): CapMilestone[] {
  const reached = (s: CappedTotals, share: number) => firstAtLeast(s.totals, s.cap, share) ?? null;
  const years = (epoch: number | null) => epoch === null ? null : epoch / EPOCHS_PER_YEAR;
  return shares.map((share) => {
    const p = reached(proposal, share);
    const m = reached(mainnet, share);
    return { share, proposal_epoch: p, proposal_years: years(p), mainnet_epoch: m, mainnet_years: years(m) };
  });
}

/** The epoch reward (gonka) `n` epochs after genesis. */
export function rewardAt(frame: pl.DataFrame, n: number): number {
  const i = numbers(frame, "epochs_since_genesis").indexOf(n);
  if (i < 0) throw new RangeError(`the schedule has no epoch ${n} since genesis`);
  return gonkaOf(frame.getColumn("epoch_reward").toArray()[i]);
}

/** First epoch since genesis whose reward is at most half the genesis reward; undefined if none. */
export function firstHalving(frame: pl.DataFrame): number | undefined {
  const rewards = bigints(frame, "epoch_reward");
  const i = rewards.findIndex((r) => 2n * r <= rewards[0]);
  return i < 0 ? undefined : numbers(frame, "epochs_since_genesis")[i];
}

/** Largest fall of the epoch reward from one epoch to the next, as a fraction of the earlier reward. */
export function largestEpochDrop(frame: pl.DataFrame): number {
  const rewards = numbers(frame, "epoch_reward");
  let largest = 0;
  for (let i = 1; i < rewards.length; i++) {
    if (rewards[i - 1] > 0) largest = Math.max(largest, (rewards[i - 1] - rewards[i]) / rewards[i - 1]);
  }
  return largest;
}

/** Epochs at which two schedules mint different RewardCoins. */
export function mintedDifferences(a: pl.DataFrame, b: pl.DataFrame): number {
  const x = bigints(a, "minted");
  const y = bigints(b, "minted");
  if (x.length !== y.length) throw new Error(`schedules of ${x.length} and ${y.length} epochs`);
  return x.filter((v, i) => v !== y[i]).length;
}

/**
 * Yearly inflation: RewardCoins minted in year y ÷ RewardCoins in existence at its start, for years
 * 2..years (year 1 starts from nothing). Years of EPOCHS_PER_YEAR epochs.
 */
export function annualInflation(frame: pl.DataFrame, years: number): number[] {
  const totals = numbers(frame, "total_minted");
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

/** The old system in the growth scenario: when its pool runs dry, and how its issuance grew until then. */
export interface OldSystem {
  /** First epoch since genesis at which it mints nothing (its share of the cap spent). */
  readonly runsDry: number;
  /** Issuance two epochs before it runs dry (the last full one) ÷ issuance at genesis. */
  readonly issuanceGrowth: number;
  /** GPUs at that epoch ÷ GPUs at genesis. */
  readonly gpuGrowth: number;
}

export function oldSystem(growth: pl.DataFrame): OldSystem {
  const minted = bigints(growth, "old_minted");
  const dry = minted.indexOf(0n);
  if (dry < 2) {
    throw new RangeError(
      dry < 0
        ? `the old system's pool is not spent within the ${growth.height} epochs of the growth scenario`
        : `the old system mints nothing from epoch ${dry}, too early to compare its issuance`,
    );
  }
  const gpus = numbers(growth, "gpus");
  return {
    runsDry: numbers(growth, "epochs_since_genesis")[dry],
    issuanceGrowth: Number(minted[dry - 2]) / Number(minted[0]),
    gpuGrowth: gpus[dry - 2] / gpus[0],
  };
}

/** A GPU's RewardCoins at genesis ÷ at `n` epochs since genesis. */
export function perGpuRatio(growth: pl.DataFrame, n: number): number {
  const perGpu = numbers(growth, "reward_per_gpu_gonka");
  const i = numbers(growth, "epochs_since_genesis").indexOf(n);
  if (i < 0) throw new RangeError(`the growth scenario has no epoch ${n} since genesis`);
  return perGpu[0] / perGpu[i];
}

/** Epochs settled, and how many paid participants RewardCoins other than the epoch's minted amount. */
export interface Conservation {
  readonly epochs: number;
  readonly mismatches: number;
}

/** Compares each epoch's minted amount with the RewardCoins the participants were paid (exact ngonka). */
export function conservation(minted: readonly bigint[], rewardCoins: readonly bigint[]): Conservation {
  if (minted.length !== rewardCoins.length) {
    throw new Error(`${minted.length} epochs minted but ${rewardCoins.length} settled`);
  }
  return { epochs: minted.length, mismatches: minted.filter((m, i) => m !== rewardCoins[i]).length };
}

/** A participant's Phase-2 change of RewardCoins against Phase 1 in the bonus comparison, percent. */
export function phase2Change(bonusTable: pl.DataFrame, participant: string): number {
  const row = bonusTable.toRecords().find((x) => x.participant === participant);
  if (!row) throw new RangeError(`the bonus comparison has no participant '${participant}'`);
  return row.change_percent as number;
}

/** Who the bonuses favour: the participants whose share rises, and the one that loses most. */
export function bonusMovers(
  bonusTable: pl.DataFrame,
): { gainers: string[]; loser: { participant: string; change_percent: number } } {
  const rows = bonusTable.toRecords().map((x) => ({
    participant: x.participant as string,
    change_percent: x.change_percent as number,
  }));
  if (rows.length === 0) throw new RangeError("the bonus comparison has no participants");
  return {
    gainers: rows.filter((x) => x.change_percent > 0).map((x) => x.participant),
    loser: rows.reduce((a, b) => (a.change_percent < b.change_percent ? a : b)),
  };
}
