/**
 * The experiments of the Grassroot dataDAO notebook, each planned and run here: both variants side by
 * side, the shipped code with one defect repaired at a time, sweeps of the fee rate and of The Pie's payout
 * rate, and the degens' pool positions probed step by step. `Settings` holds the notebook's knobs.
 *
 * The model is deterministic (agents act in order of entry, as in the original), so every setting is run
 * once and no seed is needed. Runs skip the transaction log (millions of rows over 2000 steps).
 */
import pl from "nodejs-polars";
import { defaults, type ParamValue } from "../../engine/params.ts";
import { planRuns } from "../../engine/plan.ts";
import { nonEmptySetting, settingIncludes, wholeSetting } from "../../notebook/settings.ts";
import { runAgents } from "../../engine/simulate.ts";
import { runWorld } from "../../engine/agents.ts";
import type { DataDaoWorld } from "./agents.ts";
import { datadao } from "./model.ts";
import { type DataDaoParams, type Switch, SWITCHES, VARIANT_NAMES, VARIANTS } from "./params.ts";
import { outcomesByRun } from "./outcomes.ts";
import { lpPosition, type NetAtStep, summariseNets } from "./positions.ts";

/** The notebook's knobs. */
export interface Settings {
  /** Steps of every run (one step = one day); the original's 2000. */
  readonly steps: number;
  /**
   * Fee rates of the fee sweep (fraction of each swap's xDAI): none, a third of the original's 0.3%, the
   * original, about three and ten times it — wide enough to show whether fees matter at all. Must include
   * 0: the notebook compares every rate with the run without fees.
   */
  readonly feeRates: readonly number[];
  /**
   * Shares of The Pie paid out each step in the payout sweep (fraction): from a trickle to everything,
   * the README's 70% among them.
   */
  readonly payoutRates: readonly number[];
  /** Steps between the samples of the degens' net positions over a run: 100 points over 2000 steps. */
  readonly netEvery: number;
  /**
   * Latin-hypercube points over the uncertain parameters (dependence.ts), each a full run of both variants:
   * 20 keep the report within a minute and stay well above the 6 + 3 the PRCC needs.
   */
  readonly lhsPoints: number;
  /** Seed of the Latin-hypercube sample (the model itself has no randomness). */
  readonly lhsSeed: number;
}

export const DEFAULT_SETTINGS: Settings = {
  steps: datadao.steps,
  feeRates: [0, 0.001, 0.003, 0.01, 0.03],
  payoutRates: [0.1, 0.4, 0.7, 1.0],
  netEvery: 20,
  lhsPoints: 20,
  lhsSeed: 42,
};

/** Runs tagged with a `variant` column naming what was run. */
export interface VariantRuns {
  /** One row per (variant, timestep): the model's reporters. */
  readonly timeseries: pl.DataFrame;
  /** One row per (variant, agent): its final balances and totals. */
  readonly agents: pl.DataFrame;
}

/** Refuses settings no experiment can run, naming the field. */
export function checkSettings(s: Settings): void {
  wholeSetting(s, "steps", 1);
  wholeSetting(s, "netEvery", 1);
  wholeSetting(s, "lhsPoints", 9);
  wholeSetting(s, "lhsSeed");
  nonEmptySetting(s, "payoutRates");
  settingIncludes(s, "feeRates", 0, "the run the fee chart compares with");
}

export type Setting = { readonly name: string; readonly set: Record<string, ParamValue> };

/** One run per setting, tagged with its name in a `variant` column. */
export function runTagged(settings: readonly Setting[], steps: number): VariantRuns {
  const parts = settings.map(({ name, set }) => {
    const r = runAgents(datadao, planRuns(datadao, { set, steps, runs: 1 }), { events: [] });
    if (r.failures.length > 0) throw r.failures[0];
    const tag = (f: pl.DataFrame) => f.withColumns(pl.lit(name).alias("variant"));
    return { timeseries: tag(r.timeseries), agents: tag(r.agents!) };
  });
  return {
    timeseries: pl.concat(parts.map((p) => p.timeseries)),
    agents: pl.concat(parts.map((p) => p.agents)),
  };
}

/** Both variants, `reference` (the shipped code) then `documented` (the README). */
export function runVariants(settings: Settings): VariantRuns {
  checkSettings(settings);
  return runTagged(VARIANT_NAMES.map((name) => ({ name, set: { ...VARIANTS[name] } })), settings.steps);
}

/** What each switch's documented setting repairs, for the names of the defect runs. */
const SWITCH_FIX: Record<Switch, string> = {
  pie_payout: "The Pie pays out",
  fee_sharing: "fees split pro rata",
  reinvest_ddt: "reinvestment buys its dDT",
  power_overspend: "power users capped",
};

/**
 * What each shipped defect does on its own: the outcomes (`runOutcome`) of the reference run, of the
 * reference with one switch set to its documented value, and of the documented run, one row each.
 */
export function runDefectEffects(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  const runs: Setting[] = [
    { name: "reference (shipped code)", set: { ...VARIANTS.reference } },
    ...SWITCHES.map((s) => ({
      name: `reference, but ${SWITCH_FIX[s]}`,
      set: { ...VARIANTS.reference, [s]: VARIANTS.documented[s] },
    })),
    { name: "documented (README)", set: { ...VARIANTS.documented } },
  ];
  return outcomesByRun(runTagged(runs, settings.steps).timeseries, ["variant"]);
}

/** Both variants over a list of values of one parameter (through the run plan's sweep), one outcome row each. */
function sweepOutcomes(param: string, values: readonly number[], steps: number): pl.DataFrame {
  const frames = VARIANT_NAMES.map((variant) => {
    const plan = planRuns(datadao, {
      set: { ...VARIANTS[variant] },
      sweep: { [param]: values },
      steps,
      runs: 1,
    });
    const r = runAgents(datadao, plan, { events: [], agents: false });
    if (r.failures.length > 0) throw r.failures[0];
    return r.timeseries.withColumns(pl.lit(variant).alias("variant"));
  });
  return outcomesByRun(pl.concat(frames), ["variant", param]);
}

/** Both variants at each of `settings.feeRates`: one outcome row per (variant, fee_rate). */
export function runFeeSweep(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return sweepOutcomes("fee_rate", settings.feeRates, settings.steps);
}

/** Both variants at each of `settings.payoutRates`: one outcome row per (variant, pie_payout_rate). */
export function runPayoutSweep(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return sweepOutcomes("pie_payout_rate", settings.payoutRates, settings.steps);
}

/**
 * The degens' net positions over time: every `settings.netEvery` steps (and at the last), each degen's
 * `lpPosition` at that step's price, summarised over the degens present then. The runs are probed as they
 * go, since the agents table holds only the final balances.
 */
export function runDegenNetOverTime(settings: Settings): NetAtStep[] {
  checkSettings(settings);
  const { steps, netEvery } = settings;
  return VARIANT_NAMES.flatMap((variant) => {
    const rows: NetAtStep[] = [];
    const params = { ...defaults(datadao.params), ...VARIANTS[variant] } as DataDaoParams;
    runWorld(datadao, params, {
      steps,
      onStep: (world, timestep) => {
        if (timestep === 0 || (timestep % netEvery !== 0 && timestep !== steps)) return;
        const { pool, agents } = world as DataDaoWorld;
        const nets = agents.ofType("degen").map((a) =>
          lpPosition(
            { shares: pool.sharesOf(a.id), fees: a.feesCollected, xdaiIn: a.lpXdaiIn, ddtIn: a.lpDdtIn },
            pool,
          ).net
        );
        rows.push({ variant, timestep, ...summariseNets(nets) });
      },
    });
    return rows;
  });
}
