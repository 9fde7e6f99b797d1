/**
 * Gonka's experiments, as the notebook and the tests run them: the proposal's schedule (long enough for the
 * cap to bind), the live network's, the growth scenario and a larger network, one epoch of the participant
 * network in detail, and the Phase-2 bonus factors swept. The model is deterministic (no draws), so there is
 * no seed and no number of runs: the settings are horizons and grids. See docs/models/gonka.md.
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { defaults } from "../../engine/params.ts";
import { simulate } from "../../engine/simulate.ts";
import { loadScenario } from "../../io/config.ts";
import { settingError, settingIncludes, settingValuesWithin, wholeSetting } from "../../notebook/settings.ts";
import {
  bonusComparison,
  bonusEffects,
  PROPOSAL,
  rewardPerGpu,
  SAMPLE_NETWORK,
  tenPercentExample,
  workCoinsPaid,
} from "./examples.ts";
import { gonka } from "./model.ts";
import { memberWeights, modelsServed, networkMembers, settleNetwork } from "./network.ts";
import {
  annualInflation,
  type CapMilestone,
  capMilestones,
  conservation,
  EPOCHS_PER_YEAR,
  firstAtLeast,
  firstHalving,
  type GonkaOutcomes,
  largestEpochDrop,
  mintedDifferences,
  oldSystem,
  perGpuRatio,
  phase2Change,
} from "./outcomes.ts";
import { epochReward, ngonka, toGonka, uncappedTotal } from "./reward.ts";
import { gpusAt, INTEGER_COLUMNS } from "./state.ts";

/** The notebook's knobs (its `parameters` cell), each a plain number or list of numbers. */
export interface Settings {
  /** Years (of EPOCHS_PER_YEAR epochs) of the proposal's schedule computed. */
  readonly years: number;
  /**
   * Years the comparisons span: the charts, the live network's schedule, the largest epoch-to-epoch fall
   * and the yearly inflation. At most `years`.
   */
  readonly horizonYears: number;
  /** Years of the growth scenario shown (its growth lasts 730 epochs, two years). */
  readonly growthYears: number;
  /** GPUs after growth in the larger network that the fixed-supply claim sets against the scenario. */
  readonly largeNetworkGpus: number;
  /** Shares of the cap whose first epoch the milestones table shows. */
  readonly capShares: readonly number[];
  /** Participant slots (1-based) whose genesis RewardCoins the factor sweeps show. */
  readonly sweepSlots: readonly number[];
  /** Values of each Phase-2 bonus factor swept (each with the other two off); each holds the proposal's. */
  readonly utilizationBonusFactors: readonly number[];
  readonly fullCoverageBonusFactors: readonly number[];
  readonly partialCoverageBonusFactors: readonly number[];
}

export const DEFAULT_SETTINGS: Settings = {
  // 60 years: the cap binds at epoch 17,569 (48 years), so the curve shows it cut and the flat tail after.
  years: 60,
  // 40 years: ten halvings, the reward down to a thousandth; the mainnet's cap is not yet reached.
  horizonYears: 40,
  // 3 years: the two years of growth and one after, when only the decay moves a GPU's reward.
  growthYears: 3,
  // 10,000 GPUs: ten times the proposal's 1,000, so a fixed reward would show any dependence on size.
  largeNetworkGpus: 10_000,
  // Half, most, nearly all and all of the cap.
  capShares: [0.5, 0.9, 0.99, 1],
  // The smallest slot (busy model only), the first to serve all three models, and the largest (two models).
  sweepSlots: [1, 3, 20],
  // Each from "off" to about twice the proposal's value (0.5, 1.2 and 0.1), in even steps.
  utilizationBonusFactors: [0, 0.25, 0.5, 0.75, 1],
  fullCoverageBonusFactors: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
  partialCoverageBonusFactors: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
};

/** Epochs over which the growth scenario's GPUs grow (the parameter's default: 730, two years). */
const GROWTH_EPOCHS = gonka.params.growth_epochs.default;

/** Phase-2 factors that switch every bonus off (Phase 1, the chain today). */
export const NO_BONUS = {
  utilization_bonus_factor: 0,
  full_coverage_bonus_factor: 1,
  partial_coverage_bonus_factor: 0,
} as const;

/** The bonus factors, by parameter name. */
export type BonusFactorName = keyof typeof NO_BONUS;

/** Each bonus factor's grid in the settings. */
const FACTOR_GRIDS: Record<
  BonusFactorName,
  "utilizationBonusFactors" | "fullCoverageBonusFactors" | "partialCoverageBonusFactors"
> = {
  utilization_bonus_factor: "utilizationBonusFactors",
  full_coverage_bonus_factor: "fullCoverageBonusFactors",
  partial_coverage_bonus_factor: "partialCoverageBonusFactors",
};

/** Throws a RangeError naming the first setting that the experiments cannot use, and why. */
export function checkSettings(s: Settings): void {
  wholeSetting(s, "years", 1);
  wholeSetting(s, "horizonYears", 2); // yearly inflation compares at least two years
  if (s.horizonYears > s.years) {
    throw settingError("horizonYears", s.horizonYears, `at most settings.years (${s.years})`);
  }
  wholeSetting(s, "growthYears", Math.ceil(GROWTH_EPOCHS / EPOCHS_PER_YEAR));
  if (s.growthYears > s.years) {
    throw settingError("growthYears", s.growthYears, `at most settings.years (${s.years})`);
  }
  wholeSetting(s, "largeNetworkGpus", 1);
  settingValuesWithin(s, "capShares", (x) => x > 0 && x <= 1, "each a share in (0, 1]");
  const slots = gonka.params.participants.default;
  settingValuesWithin(
    s,
    "sweepSlots",
    (x) => Number.isInteger(x) && x >= 1 && x <= slots,
    `each a slot from 1 to ${slots}`,
  );
  for (const factor of Object.keys(FACTOR_GRIDS) as BonusFactorName[]) {
    const grid = FACTOR_GRIDS[factor];
    settingIncludes(
      s,
      grid,
      gonka.params[factor].default,
      "the proposal's value, which the captions compare",
    );
  }
}

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

/** The live network's genesis parameters, from its shipped scenario (data/scenarios/gonka/mainnet.toml). */
async function mainnetSet(): Promise<Record<string, number>> {
  const { set } = await loadScenario("gonka", "mainnet");
  return Object.fromEntries(Object.entries(set).map(([name, v]) => [name, Number(v)]));
}

/** Everything the notebook shows and its claims test, computed once. */
export interface GonkaResults {
  readonly settings: Settings;
  /** The proposal's schedule over `years`. */
  readonly base: pl.DataFrame;
  /** The live network's genesis parameters (323,000 gonka, cap 680M, old subsidy 3,230/GPU) over `horizonYears`. */
  readonly mainnet: pl.DataFrame;
  /** The first `growthYears` of the proposal's schedule with its growth scenario (100 → 1,000 GPUs). */
  readonly growth: pl.DataFrame;
  /** Exact total minted per epoch (ngonka) of `base` and `mainnet`. */
  readonly baseTotals: readonly bigint[];
  readonly mainnetTotals: readonly bigint[];
  /** When each schedule first reaches each of the settings' shares of its cap. */
  readonly milestones: readonly CapMilestone[];
  /** The first epochs of the proposal's schedule with exact amounts. */
  readonly firstEpochs: readonly Record<string, bigint | number>[];
  /** The sample network's genesis reward under Phase 1 and Phase 2 (bonusComparison). */
  readonly bonusTable: pl.DataFrame;
  readonly outcomes: GonkaOutcomes;
}

/** Runs the schedules and the worked examples, and derives their outcomes (a few seconds). */
export async function runGonka(settings: Settings = DEFAULT_SETTINGS): Promise<GonkaResults> {
  checkSettings(settings);
  const steps = (years: number) => years * EPOCHS_PER_YEAR;
  const base = schedule({}, steps(settings.years));
  const exactBase = exactSchedule({}, steps(settings.years));
  const baseTotals = exactBase.total_minted as bigint[];
  const mainnet = await mainnetSet();
  const mainnetTotals = exactSchedule(mainnet, steps(settings.horizonYears)).total_minted as bigint[];
  const growth = base.filter(pl.col("epochs_since_genesis").ltEq(steps(settings.growthYears)));
  const largeNetwork = schedule({ gpus_final: settings.largeNetworkGpus }, steps(settings.growthYears));
  const cap = ngonka(PROPOSAL.cap);
  const reward0 = ngonka(PROPOSAL.initialReward);
  const bonusTable = bonusComparison(SAMPLE_NETWORK, reward0);
  const shown = ["epochs_since_genesis", "epoch", "epoch_reward", "total_minted", "remaining_to_cap"];
  return {
    settings,
    base,
    mainnet: schedule(mainnet, steps(settings.horizonYears)),
    growth,
    baseTotals,
    mainnetTotals,
    milestones: capMilestones(
      { totals: baseTotals, cap },
      { totals: mainnetTotals, cap: ngonka(mainnet.supply_cap) },
      settings.capShares,
    ),
    firstEpochs: Array.from(
      { length: 5 },
      (_, i) => Object.fromEntries(shown.map((c) => [c, exactBase[c][i]])),
    ),
    bonusTable,
    outcomes: {
      uncapped: uncappedTotal(reward0, PROPOSAL.decayRate),
      capEpoch: firstAtLeast(baseTotals, cap, 1)!,
      firstHalving: firstHalving(base)!,
      largestDrop: {
        fraction: largestEpochDrop(
          base.filter(pl.col("epochs_since_genesis").ltEq(steps(settings.horizonYears))),
        ),
        years: settings.horizonYears,
      },
      perGpu100: rewardPerGpu(100, reward0),
      perGpu1000: rewardPerGpu(1000, reward0),
      scenarioRatio: perGpuRatio(growth, GROWTH_EPOCHS),
      largeNetwork: { epochs: largeNetwork.height, differences: mintedDifferences(growth, largeNetwork) },
      inflation: annualInflation(base, settings.horizonYears),
      oldSystem: oldSystem(growth),
      conservation: conservation(exactBase.minted as bigint[], exactBase.reward_coins as bigint[]),
      tenPercent: tenPercentExample(reward0),
      workCoins: workCoinsPaid(),
      bonusEffects: bonusEffects(),
      coverageChanges: {
        allModels: phase2Change(bonusTable, "all-models"),
        busyModelOnly: phase2Change(bonusTable, "busy-model-only"),
      },
    },
  };
}

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

/** The network after growth: every participant at the end of the growth scenario (epoch 730). */
export const runNetworkAfterGrowth = (): pl.DataFrame => networkEpoch({}, GROWTH_EPOCHS);

/** One row of a factor sweep: a slot's genesis RewardCoins (gonka) and their change against no bonus (%). */
export interface SweepRow {
  readonly value: number;
  readonly slot: number;
  readonly models_served: number;
  readonly reward_gonka: number;
  readonly change_percent: number;
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
): SweepRow[] {
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

/** Each bonus factor swept over its grid in the settings, for the settings' slots. */
export function runFactorSweeps(settings: Settings = DEFAULT_SETTINGS): Record<BonusFactorName, SweepRow[]> {
  checkSettings(settings);
  const sweep = (factor: BonusFactorName) =>
    factorSweep(factor, settings[FACTOR_GRIDS[factor]], settings.sweepSlots);
  return {
    utilization_bonus_factor: sweep("utilization_bonus_factor"),
    full_coverage_bonus_factor: sweep("full_coverage_bonus_factor"),
    partial_coverage_bonus_factor: sweep("partial_coverage_bonus_factor"),
  };
}
