/**
 * The BITrewards experiments, as the notebook and the tests run them: the four reference scenarios and a
 * like-for-like control, the tracing-accuracy sweep, the gas fee × funding split map, the untraced runs, the
 * calibration run, the Latin-hypercube sensitivity analysis, the original implementation's four
 * configurations under its own rules, and one small run whose contribution graph the report draws.
 * `Settings` holds the notebook's knobs; every plan is run over a pool of workers.
 */
import pl from "nodejs-polars";
import { runWorld } from "../../engine/agents.ts";
import { type ParamValue, resolveParams } from "../../engine/params.ts";
import { type PlanOptions, planRuns, type RunPlan } from "../../engine/plan.ts";
import { KeptWorkers } from "../../engine/pool.ts";
import { asAgentFrames, runParallel } from "../../engine/simulate.ts";
import type { SweepLists } from "../../engine/sweep.ts";
import { latinHypercube } from "../../analysis/lhs.ts";
import { sensitivity, type SensitivityRow } from "../../analysis/prcc.ts";
import { loadScenario, planOptionsOf } from "../../io/config.ts";
import { settingError, settingValuesWithin, wholeSetting } from "../../notebook/settings.ts";
import { fundingReturns } from "./calibration.ts";
import { graphPicture } from "./figures.ts";
import { bitrewards } from "./model.ts";
import { ORIGINAL_SCENARIOS, type OriginalScenario } from "./original_scenarios.ts";
import {
  type BitrewardsResults,
  COMPARED,
  type Compared,
  resultsFrom,
  runOutcomes,
  SCENARIOS,
} from "./outcomes.ts";
import {
  PAIRED,
  type Paired,
  type PairedRuns,
  type PairedSample,
  pairedSides,
  sideOutcomes,
} from "./paired_sample.ts";
import { type BitrewardsParams, bitrewardsParams } from "./params.ts";
import { sampleSweeps, type SweepSample, withSets } from "./sweep_sample.ts";
import {
  INTERVALS,
  OUTCOMES,
  PARAMETERS,
  sampledValues,
  setClaimOutcomes,
  setOutcomes,
} from "./sensitivity.ts";
import { type BitrewardsTables, bitrewardsTables } from "./tables.ts";

/** The notebook's knobs (its `parameters` cell), each a plain number or list of numbers. */
export interface Settings {
  /**
   * Root seed of the design's scenarios, the control, the sweeps and the Latin-hypercube sample: the
   * shipped scenarios' 42. The original's configurations keep their own seeds (its seed bases).
   */
  readonly seed: number;
  /** Runs at each point of the calibration's runs of the four scenarios' 2 × 2 sweeps: 8. */
  readonly runs: number;
  /**
   * Runs at each point of the original's configurations' 2 × 2 sweeps: 16, twice the original's 8, since with
   * 8 the comparison with its published runs agreed with its own verdict in only 68% of resampled run sets,
   * under the 90% a stable verdict needs (at 16, 97%).
   */
  readonly originalRuns: number;
  /**
   * Runs at each point of the design's four scenarios' and the control's 2 × 2 sweeps, whose pairs the
   * claims read: 12, since with 8 one paired verdict (investors' ROI under low tracing) agreed in only 82%
   * of resamples of its pairs, under the 90% a stable verdict needs.
   */
  readonly scenarioRuns: number;
  /** Tracing accuracies of the tracing sweep (probability): 0 to 1 in steps of 0.1, to find a critical one. */
  readonly tracingAccuracies: readonly number[];
  /** Runs at each tracing accuracy, and of the untraced runs: 8, as a scenario's point. */
  readonly tracingRuns: number;
  /** Gas fee shares of the gas × funding map (fraction of gross value): the design's range 0.001–0.01. */
  readonly gasFeeShares: readonly number[];
  /** Funding splits of the map (royalty of a funding edge): every scenario's 1–5% and beyond. */
  readonly fundingSplits: readonly number[];
  /**
   * Runs in each cell of the map: 6, since with 4 the verdict on investors' ROI collapsing somewhere
   * agreed in only 89% of resamples of the cells' runs, under the 90% a stable verdict needs.
   */
  readonly phaseRuns: number;
  /** Latin-hypercube parameter sets: 128 strata per interval (13–30 s on 2 workers with 2 runs each). */
  readonly lhsSamples: number;
  /** Runs per parameter set: two average out part of a single run's noise before ranking. */
  readonly lhsRuns: number;
  /**
   * Latin-hypercube sets of the paired sample, where each scenario runs beside its own control on the same
   * seeds (six runs per set and pair): 48, what the notebook's 60 s allow (288 runs; the times measured are
   * in docs/models/bitrewards.md).
   */
  readonly pairedSamples: number;
  /** Pairs of runs per set of the paired sample: 1, more sets rather than more runs per set. */
  readonly pairedRuns: number;
  /**
   * Latin-hypercube sets of the sweep sample (sweep_sample.ts), at each of which both sweeps run again: 32
   * (1,152 runs at one a cell, about 24 s on 2 workers, 11 s at 16 sets), so that a driver needs |PRCC| ≥
   * 0.37 where 16 sets would need 0.57 (sensitivity.ts `driverThreshold`).
   */
  readonly sweepSamples: number;
  /** Runs a cell of the sweep sample: 1, more sets rather than more runs a cell. */
  readonly sweepSampleRuns: number;
  /**
   * Root seed of the calibration runs, which fit `funding_cost`: a block of seeds apart from `seed`'s, so the
   * runs that fit the cost are not the runs that judge the claims depending on it (9000).
   */
  readonly calibrationSeed: number;
  /** Derivative splits of the phase-1 sweep (share of a derivative's pool passed to its parent). */
  readonly derivativeSplits: readonly number[];
  /** Furthest ancestor paid (edges), swept with the ancestors limit at its default. */
  readonly depthLimits: readonly number[];
  /** Most ancestors paid per event, swept with the depth limit at its default. */
  readonly ancestorLimits: readonly number[];
  /** Runs at each point of those three small sweeps: 4. */
  readonly sweepRuns: number;
  /** Weeks of the small run whose contribution graph is drawn: few enough to read every node. */
  readonly graphWeeks: number;
  /** Seed of that small run. */
  readonly graphSeed: number;
}

export const DEFAULT_SETTINGS: Settings = {
  seed: 42,
  runs: 8,
  originalRuns: 16,
  scenarioRuns: 12,
  tracingAccuracies: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
  tracingRuns: 8,
  gasFeeShares: [0.001, 0.0025, 0.005, 0.0075, 0.01],
  fundingSplits: [0.01, 0.02, 0.03, 0.05, 0.08],
  phaseRuns: 6,
  lhsSamples: 128,
  lhsRuns: 2,
  pairedSamples: 48,
  pairedRuns: 1,
  sweepSamples: 32,
  sweepSampleRuns: 1,
  calibrationSeed: 9000,
  derivativeSplits: [0.1, 0.3, 0.5, 0.7, 0.9],
  depthLimits: [1, 2, 3, 5, 10],
  ancestorLimits: [1, 2, 5, 50],
  sweepRuns: 4,
  graphWeeks: 12,
  graphSeed: 3,
};

/** The settings that count runs or weeks (named so): whole numbers, at least 1. */
type Count = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];
const COUNTS = (Object.keys(DEFAULT_SETTINGS) as Count[]).filter((k) => /^runs$|Runs$|Weeks$/.test(k));

/** The settings that are grids of a parameter's values, and that parameter. */
const GRIDS = {
  tracingAccuracies: "tracing_accuracy",
  gasFeeShares: "gas_fee_share_rate",
  fundingSplits: "investor_royalty_max",
  derivativeSplits: "default_derivative_split",
  depthLimits: "max_graph_depth",
  ancestorLimits: "max_ancestors_per_event",
} as const;

/** Throws a RangeError naming the first setting that the experiments cannot use, and why. */
export function checkSettings(s: Settings): void {
  wholeSetting(s, "seed", 0);
  for (const name of COUNTS) wholeSetting(s, name, 1);
  wholeSetting(s, "graphSeed", 0);
  // PRCC's significance test needs more sets than parameters + 2 (Fisher's z over n − k − 2).
  wholeSetting(s, "lhsSamples", PARAMETERS.length + 3);
  wholeSetting(s, "pairedSamples", PARAMETERS.length + 3);
  wholeSetting(s, "sweepSamples", PARAMETERS.length + 3);
  for (
    const [name, param] of Object.entries(GRIDS) as [keyof typeof GRIDS, keyof typeof bitrewardsParams][]
  ) {
    const { min, max } = bitrewardsParams[param] as { min: number; max: number };
    // The claims compare neighbouring points, so a grid needs two.
    if (s[name].length < 2) throw settingError(name, s[name], "a list of at least 2 values");
    settingValuesWithin(s, name, (x) => x >= min && x <= max, `${param} values from ${min} to ${max}`);
  }
  wholeSetting(s, "calibrationSeed", 0);
  // The calibration is held out only if its streams are not the judging runs' ones.
  if (s.calibrationSeed === s.seed) {
    throw settingError("calibrationSeed", s.calibrationSeed, `a seed other than settings.seed (${s.seed})`);
  }
}

/** Baseline settings with the stricter churn rule of the other scenarios, for like-for-like comparisons. */
export const CONTROL_CHURN = { churn_threshold: 0.2, churn_steps: 20 } as const;

/** A shipped scenario's settings as plan options. */
export async function scenarioOptions(name: string) {
  return planOptionsOf([await loadScenario("bitrewards", name)]);
}

/**
 * The plan of a scenario shipped in data/scenarios/bitrewards/ (the design's four or the original's
 * `original_*`), with optional extra parameter values (e.g. a control's churn), runs and seed.
 */
export async function scenarioPlan(
  name: string,
  options: { set?: Record<string, number>; runs?: number; seed?: number } = {},
): Promise<RunPlan> {
  const scenario = await scenarioOptions(name);
  return planRuns(bitrewards, {
    ...scenario,
    set: { ...scenario.set, ...options.set },
    runs: options.runs ?? scenario.runs,
    seed: options.seed ?? scenario.seed,
  } as PlanOptions);
}

/** The parameters of the baseline scenario's first point (what the captions' arithmetic reads). */
export async function baselineParams(): Promise<BitrewardsParams> {
  return (await scenarioPlan("baseline")).subsets[0].params as BitrewardsParams;
}

/**
 * Runs a plan over a pool of workers (`workers` threads; default the machine's cores), taken from `kept`
 * when given, and builds the three tables (not the per-step agent rows).
 */
export async function runTables(
  plan: RunPlan,
  workers?: number,
  kept?: KeptWorkers,
): Promise<BitrewardsTables> {
  return bitrewardsTables(asAgentFrames(await runParallel(bitrewards, plan, { events: [], workers, kept })));
}

/**
 * The plan of a sweep on the baseline scenario's settings (its own sweep replaced): one group of lists is
 * zipped, several groups are crossed.
 */
export async function sweepPlan(
  sweep: readonly SweepLists[],
  options: { runs: number; set?: Readonly<Record<string, number>>; steps?: number; seed?: string | number },
): Promise<RunPlan> {
  const base = await scenarioOptions("baseline");
  // The baseline's fixed values of the swept parameters give way; `options.set` may not name them.
  const set: Record<string, ParamValue> = { ...base.set };
  for (const name of sweep.flatMap((g) => Object.keys(g))) delete set[name];
  return planRuns(bitrewards, {
    set: { ...set, ...options.set },
    sweep,
    runs: options.runs,
    steps: options.steps ?? base.steps,
    seed: options.seed ?? base.seed,
  });
}

/** The baseline's gas fee (0.005) and funding split (0.02), as the tracing sweep and the untraced runs hold them. */
const BASELINE_SPLIT: readonly SweepLists[] = [
  { investor_royalty_min: [0.02], investor_royalty_max: [0.02] },
  { gas_fee_share_rate: [0.005] },
];

/** The tracing sweep: every tracing accuracy of the settings, the baseline's split, the control's churn rule. */
export function tracingPlan(s: Settings): Promise<RunPlan> {
  return sweepPlan([{ tracing_accuracy: [...s.tracingAccuracies] }, ...BASELINE_SPLIT], {
    runs: s.tracingRuns,
    set: CONTROL_CHURN,
    seed: s.seed,
  });
}

/**
 * Tracing accuracy 0 with no false-positive links, on the tracing sweep's other settings: every derivative
 * loses all its links, the case the design says is paid as an independent initiator.
 */
export function untracedPlan(s: Settings): Promise<RunPlan> {
  return sweepPlan([{ tracing_accuracy: [0] }, ...BASELINE_SPLIT], {
    runs: s.tracingRuns,
    set: { ...CONTROL_CHURN, tracing_false_positive_rate: 0 },
    seed: s.seed,
  });
}

/** The gas fee × funding split map on the baseline's settings under the control's churn rule. */
export function phasePlan(s: Settings): Promise<RunPlan> {
  return sweepPlan([
    { gas_fee_share_rate: [...s.gasFeeShares] },
    { investor_royalty_min: [...s.fundingSplits], investor_royalty_max: [...s.fundingSplits] },
  ], { runs: s.phaseRuns, set: CONTROL_CHURN, seed: s.seed });
}

/**
 * The three small sweeps of the design's planned analyses, on the baseline's settings (its gas fee and
 * funding split) under the control's churn rule: the derivative split, and each limit of the reward walk
 * with the other at its default.
 */
export async function runDesignSweeps(s: Settings, kept?: KeptWorkers) {
  checkSettings(s);
  const options = { runs: s.sweepRuns, set: CONTROL_CHURN, seed: s.seed };
  const run = async (sweep: SweepLists) => {
    const tables = await runTables(await sweepPlan([sweep, ...BASELINE_SPLIT], options), undefined, kept);
    // The swept value of each run (not every swept parameter is among run_summary's key parameters).
    const [name] = Object.keys(sweep);
    const swept = tables.timeseries.filter(pl.col("step").eq(0)).select("run_id", name);
    return runOutcomes(tables, "sweep").join(swept, { on: "run_id" });
  };
  return {
    split: await run({ default_derivative_split: [...s.derivativeSplits] }),
    depth: await run({ max_graph_depth: [...s.depthLimits] }),
    ancestors: await run({ max_ancestors_per_event: [...s.ancestorLimits] }),
  };
}

/**
 * Runs everything the claims read, each plan over a pool of workers: the four reference scenarios, the
 * control (the baseline under the other scenarios' churn rule), the tracing sweep, the gas × funding map and
 * the untraced runs.
 */
export async function runBitrewards(
  s: Settings = DEFAULT_SETTINGS,
  kept?: KeptWorkers,
): Promise<BitrewardsResults> {
  checkSettings(s);
  const runs = { runs: s.scenarioRuns, seed: s.seed };
  const tables = {} as Record<Compared, BitrewardsTables>;
  for (const name of COMPARED) {
    const scenario = name === "control" ? "baseline" : name;
    const set = name === "control" ? { ...CONTROL_CHURN } : {};
    tables[name] = await runTables(await scenarioPlan(scenario, { ...runs, set }), undefined, kept);
  }
  return resultsFrom(
    tables,
    await runTables(await tracingPlan(s), undefined, kept),
    await runTables(await phasePlan(s), undefined, kept),
    await runTables(await untracedPlan(s), undefined, kept),
  );
}

/**
 * The calibration runs: `fundingReturns` of every run of the four reference scenarios at the model's default
 * funding cost, from `calibrationSeed` (`runs` per point). The break-even cost measured on
 * them is the fitted `funding_cost`; these runs share no stream with the runs the claims read.
 */
export async function runCalibration(s: Settings, kept?: KeptWorkers): Promise<pl.DataFrame> {
  checkSettings(s);
  const frames: pl.DataFrame[] = [];
  for (const name of SCENARIOS) {
    frames.push(
      fundingReturns(
        await runTables(await scenarioPlan(name, { runs: s.runs, seed: s.calibrationSeed }), undefined, kept),
        name,
      ),
    );
  }
  return pl.concat(frames);
}

/** What a sensitivity run may change besides the settings (the tests' small runs). */
export interface SensitivityOptions {
  /** Weeks per run (default: the baseline scenario's). */
  readonly steps?: number;
  /** Values replacing the baseline's (e.g. a smaller population); not the sampled parameters. */
  readonly set?: Readonly<Record<string, number>>;
  /** Worker threads (default: the machine's logical cores; 1 runs in this thread). */
  readonly workers?: number;
  /** Workers kept from earlier runs, to take and give back. */
  readonly kept?: KeptWorkers;
}

/**
 * The sensitivity plan: `lhsSamples` Latin-hypercube parameter sets on the baseline scenario's settings (its
 * own gas × funding sweep replaced), zipped into one subset each, `lhsRuns` runs per set, all from `seed`.
 * Same settings, same plan.
 */
export function sensitivityPlan(s: Settings, options: SensitivityOptions = {}): Promise<RunPlan> {
  const { funding_split, ...sampled } = drawSample(s.lhsSamples, s.seed);
  const sweep = { ...sampled, investor_royalty_min: funding_split, investor_royalty_max: funding_split };
  return sweepPlan([sweep], { runs: s.lhsRuns, set: options.set, steps: options.steps, seed: s.seed });
}

/** `n` Latin-hypercube sets of INTERVALS from `seed`: one value per set of every sampled parameter. */
function drawSample(n: number, seed: number): Record<string, number[]> {
  // The funding split is drawn from the royalty bound's own schema entry, so its range is checked alike.
  const schema = { ...bitrewardsParams, funding_split: bitrewardsParams.investor_royalty_max };
  return latinHypercube(schema, INTERVALS, n, seed) as Record<string, number[]>;
}

export interface SensitivityResult {
  readonly plan: RunPlan;
  /** One value per parameter set: every sampled parameter, both outcomes and the claims' further outcomes. */
  readonly columns: Readonly<Record<string, readonly number[]>>;
  /** PRCC of every parameter with each outcome, strongest first within each outcome. */
  readonly rows: readonly SensitivityRow[];
}

/** Runs the sensitivity plan (over workers) and computes the PRCC table. */
export async function runSensitivity(
  s: Settings,
  options: SensitivityOptions = {},
): Promise<SensitivityResult> {
  checkSettings(s);
  const plan = await sensitivityPlan(s, options);
  const tables = await runTables(plan, options.workers, options.kept);
  const columns = { ...sampledValues(plan), ...setOutcomes(tables), ...setClaimOutcomes(tables) };
  return { plan, columns, rows: sensitivity(columns, PARAMETERS, OUTCOMES) };
}

/**
 * Per-run outcomes (paired_sample.ts `sideOutcomes`) of a sample's sweeps, `runs` a point from root `seed`,
 * under the control's churn window (the sampled churn threshold is among the sweeps' values).
 */
async function sampleOutcomes(
  s: Settings,
  sweeps: SweepLists[],
  runs: number,
  options: SensitivityOptions,
  label: string,
): Promise<pl.DataFrame> {
  const set = { churn_steps: CONTROL_CHURN.churn_steps, ...options.set };
  const plan = await sweepPlan(sweeps, { runs, set, steps: options.steps, seed: s.seed });
  return sideOutcomes(await runTables(plan, options.workers, options.kept), label);
}

/**
 * The paired sample (paired_sample.ts): `pairedSamples` Latin-hypercube sets, at each of which every
 * scenario compared with the control runs beside its own control, `pairedRuns` pairs on the same seeds
 * (root `seed`), on the control's churn rule (the sampled threshold, the control's window).
 */
export async function runPairedSample(
  s: Settings,
  options: SensitivityOptions = {},
): Promise<PairedSample> {
  checkSettings(s);
  const sample = drawSample(s.pairedSamples, s.seed);
  const control = await scenarioPlan("baseline", { set: { ...CONTROL_CHURN } });
  const run = (sweep: SweepLists, label: string) => sampleOutcomes(s, [sweep], s.pairedRuns, options, label);
  const scenarios = {} as Record<Paired, PairedRuns>;
  for (const name of PAIRED) {
    const sides = pairedSides(sample, (await scenarioPlan(name)).subsets, control.subsets);
    scenarios[name] = {
      changed: sides.changed,
      sampled: sides.sampled,
      values: sample,
      scenario: await run(sides.scenario, name),
      control: await run(sides.control, "control"),
    };
  }
  return { sets: s.pairedSamples, runs: s.pairedRuns, scenarios };
}

/**
 * The sweep sample (sweep_sample.ts): `sweepSamples` Latin-hypercube sets, at each of which the gas fee ×
 * funding split map and the tracing line run again, `sweepSampleRuns` a cell (root `seed`), on the
 * control's churn rule (the sampled threshold, the control's window), as the main sweeps.
 */
export async function runSweepSample(
  s: Settings,
  options: SensitivityOptions = {},
): Promise<SweepSample> {
  checkSettings(s);
  const sample = drawSample(s.sweepSamples, s.seed);
  const sweeps = sampleSweeps(sample, s);
  const run = async (sweep: SweepLists[], cells: number, checked: readonly string[]) =>
    withSets(
      await sampleOutcomes(s, sweep, s.sweepSampleRuns, options, "sweep sample"),
      cells,
      sample,
      checked,
    );
  return {
    sets: s.sweepSamples,
    runs: s.sweepSampleRuns,
    values: sample,
    map: await run(sweeps.map, s.gasFeeShares.length * s.fundingSplits.length, ["tracing_accuracy"]),
    line: await run(sweeps.line, s.tracingAccuracies.length, ["gas_fee_share_rate", "funding_split"]),
  };
}

/**
 * Runs every point of a plan's sweep from a seed of its own (`<seed>/point<k>`, k from 1), so that no two
 * runs share a random stream, and joins the tables with `run_id` and `subset` as in one plan. A plan's
 * points otherwise share their runs' streams (common random numbers, what the paired comparisons need);
 * a comparison with an independently drawn published sample needs independent runs, as the original's were.
 */
export async function runPointsApart(
  plan: RunPlan,
  workers?: number,
  kept?: KeptWorkers,
): Promise<BitrewardsTables> {
  const parts: BitrewardsTables[] = [];
  for (const [k, subset] of plan.subsets.entries()) {
    const one = { ...plan, subsets: [{ ...subset, subset: 0 }], seed: `${plan.seed}/point${k + 1}` };
    const t = await runTables(one, workers, kept);
    const shift = (f: pl.DataFrame) =>
      f.withColumns(pl.col("run_id").add(k * plan.runs).cast(pl.Int32).alias("run_id"));
    parts.push({
      timeseries: shift(t.timeseries).withColumns(pl.lit(k).cast(pl.Int32).alias("subset")),
      run_summary: shift(t.run_summary).withColumns(pl.lit(k).cast(pl.Int32).alias("subset")),
      agent_outcomes: shift(t.agent_outcomes),
    });
  }
  return {
    timeseries: pl.concat(parts.map((t) => t.timeseries)),
    run_summary: pl.concat(parts.map((t) => t.run_summary)),
    agent_outcomes: pl.concat(parts.map((t) => t.agent_outcomes)),
  };
}

/**
 * Every run of the original's four configurations under its own rules, from each configuration's own seed,
 * every point of its sweep apart (`runPointsApart`): like the original's runs, no two share a stream, so
 * they can be compared with its published runs as independent samples.
 */
export async function runOriginal(
  s: Settings,
  kept?: KeptWorkers,
): Promise<Record<OriginalScenario, BitrewardsTables>> {
  checkSettings(s);
  const tables = {} as Record<OriginalScenario, BitrewardsTables>;
  for (const name of ORIGINAL_SCENARIOS) {
    tables[name] = await runPointsApart(await scenarioPlan(name, { runs: s.originalRuns }), undefined, kept);
  }
  return tables;
}

/**
 * Every experiment of the notebook but the graph's small run, over one set of workers kept from plan to
 * plan (about 30 plans, each of which would otherwise start its own): what the claims read
 * (`runBitrewards`), the calibration, the original's configurations, the sensitivity runs, the paired
 * sample and the three small sweeps. The same tables as each run on its own.
 */
export async function runExperiments(s: Settings) {
  using kept = new KeptWorkers();
  return {
    results: await runBitrewards(s, kept),
    heldOut: await runCalibration(s, kept),
    original: await runOriginal(s, kept),
    sensitivity: await runSensitivity(s, { kept }),
    paired: await runPairedSample(s, { kept }),
    sweepSample: await runSweepSample(s, { kept }),
    sweeps: await runDesignSweeps(s, kept),
  };
}

/** The small population whose contribution graph is drawn: few enough nodes to read. */
export const GRAPH_POPULATION = { N_creators: 8, N_investors: 2, N_users: 16, initial_projects: 2 } as const;

/** One small run under the design's default parameters, and its contribution graph (see `graphPicture`). */
export function runGraph(s: Settings) {
  checkSettings(s);
  const params = resolveParams(bitrewardsParams, { ...GRAPH_POPULATION }, "bitrewards") as BitrewardsParams;
  const world = runWorld(bitrewards, params, { steps: s.graphWeeks, seed: s.graphSeed });
  return { params, ...graphPicture(world) };
}
