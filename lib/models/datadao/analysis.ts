/**
 * The analyses of the Grassroot dataDAO notebook: both variants side by side, what each shipped defect
 * does on its own, where the dDT ends up, and short sweeps of the fee rate and of The Pie's payout rate.
 * Runs skip the transaction log (millions of rows over 2000 steps) unless asked.
 */
import pl from "nodejs-polars";
import type { ParamValue } from "../../engine/params.ts";
import { planRuns } from "../../engine/plan.ts";
import { runAgents } from "../../engine/simulate.ts";
import { runWorld } from "../../engine/agents.ts";
import { defaults } from "../../engine/params.ts";
import type { DataDaoWorld } from "./agents.ts";
import { datadao } from "./model.ts";
import {
  AGENT_TYPES,
  type AgentType,
  type DataDaoParams,
  type Switch,
  SWITCHES,
  type Variant,
  VARIANTS,
} from "./params.ts";
import { quantile } from "../../analysis/quantiles.ts";

export const VARIANT_NAMES = ["reference", "documented"] as const satisfies readonly Variant[];

/** One run per setting (the model is deterministic), tagged with a `variant` column. */
function runTagged(
  settings: readonly { name: string; set: Record<string, ParamValue> }[],
  steps: number,
): { timeseries: pl.DataFrame; agents: pl.DataFrame } {
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

/** Both variants over `steps` steps (default the original's 2000). */
export function runVariants(steps = datadao.steps): { timeseries: pl.DataFrame; agents: pl.DataFrame } {
  return runTagged(VARIANT_NAMES.map((name) => ({ name, set: { ...VARIANTS[name] } })), steps);
}

/** `<metric>_<type>` columns as long rows {variant, timestep, type, value}, every `every` steps. */
export function byType(
  timeseries: pl.DataFrame,
  metric: "count" | "avg_ddt" | "avg_xdai",
  every = 5,
): Record<string, unknown>[] {
  const rows = timeseries.filter(pl.col("timestep").modulo(every).eq(0)).toRecords();
  return rows.flatMap((r) =>
    AGENT_TYPES.map((type) => ({
      variant: r.variant,
      timestep: r.timestep,
      type,
      value: r[`${metric}_${type}`],
    }))
  );
}

/** Rows of a timeseries every `every` steps, for line charts. */
export function thinned(timeseries: pl.DataFrame, every = 5): Record<string, unknown>[] {
  return timeseries.filter(pl.col("timestep").modulo(every).eq(0)).toRecords();
}

const WHEREABOUTS = {
  ddt_minted: "minted for data",
  ddt_created: "created by the shipped reinvestment",
  ddt_held: "held by agents",
  lp_ddt_reserve: "in the pool",
  pie_ddt: "in The Pie",
  ddt_destroyed: "destroyed by the shipped payout",
  ddt_spent: "spent on compute over the run",
} as const;

/**
 * Where the dDT is at the end, per variant: minted for data, created by the shipped reinvestment,
 * held by agents, in the pool, in The Pie, destroyed by the shipped payout; and the dDT spent on compute
 * over the run. `table` has one row per quantity and one column per variant.
 */
export function ddtWhereabouts(
  timeseries: pl.DataFrame,
): { table: pl.DataFrame; at: Record<Variant, Record<keyof typeof WHEREABOUTS, number>> } {
  const last = timeseries.filter(pl.col("timestep").eq(timeseries.getColumn("timestep").max())).toRecords();
  const at = Object.fromEntries(VARIANT_NAMES.map((v) => {
    const row = last.find((r) => r.variant === v)!;
    return [v, Object.fromEntries(Object.keys(WHEREABOUTS).map((k) => [k, row[k] as number]))];
  })) as Record<Variant, Record<keyof typeof WHEREABOUTS, number>>;
  const keys = Object.keys(WHEREABOUTS) as (keyof typeof WHEREABOUTS)[];
  const table = pl.DataFrame({
    "dDT after the run": keys.map((k) => WHEREABOUTS[k]),
    ...Object.fromEntries(VARIANT_NAMES.map((v) => [v, keys.map((k) => Math.round(at[v][k] * 100) / 100)])),
  });
  return { table, at };
}

/** The first timestep at which cumulative compute spending exceeds cumulative minting (undefined: never). */
export function spendingOvertakesMinting(timeseries: pl.DataFrame, variant: Variant): number | undefined {
  const rows = timeseries.filter(pl.col("variant").eq(pl.lit(variant))).sort("timestep").toRecords();
  return rows.find((r) => (r.ddt_spent as number) > (r.ddt_minted as number))?.timestep as number | undefined;
}

/** Cumulative dDT minted and spent on compute, as long rows {variant, timestep, flow, value}. */
export function mintedVsSpent(timeseries: pl.DataFrame, every = 5): Record<string, unknown>[] {
  return thinned(timeseries, every).flatMap((r) => [
    { variant: r.variant, timestep: r.timestep, flow: "minted for data", value: r.ddt_minted },
    { variant: r.variant, timestep: r.timestep, flow: "spent on compute", value: r.ddt_spent },
  ]);
}

const SWITCH_FIX: Record<Switch, string> = {
  pie_payout: "The Pie pays out",
  fee_sharing: "fees split pro rata",
  reinvest_ddt: "reinvestment buys its dDT",
  power_overspend: "power users capped",
};

/** A run's outcome: its final state, its mean price over the last 500 steps, its lowest dDT balance. */
function outcome(run: pl.DataFrame): Record<string, number> {
  const at = (name: string) => run.getColumn(name).toArray() as number[];
  const last = run.height - 1;
  const final = (name: string) => at(name)[last];
  const tail = at("price").slice(Math.max(0, last - 499));
  return {
    final_price: final("price"),
    mean_price_last_500: tail.reduce((s, x) => s + x, 0) / tail.length,
    final_lp_xdai: final("lp_xdai_reserve"),
    xdai_per_degen: final("avg_xdai_degen"),
    xdai_per_active: final("avg_xdai_active"),
    xdai_per_casual: final("avg_xdai_casual"),
    ddt_per_power: final("avg_ddt_power"),
    lowest_ddt_balance: Math.min(...at("min_ddt_balance")),
    share_of_fees_lost: final("fees_forfeited") / final("fees_charged"),
  };
}

/** One outcome row per run, identified by `keys` (in the order the runs appear). */
function outcomes(timeseries: pl.DataFrame, keys: string[]): pl.DataFrame {
  const ids = timeseries.select(...keys).unique({ maintainOrder: true }).toRecords();
  return pl.DataFrame(ids.map((id) => {
    const match = keys.map((k) => pl.col(k).eq(pl.lit(id[k] as string | number))).reduce((a, b) => a.and(b));
    return { ...id, ...outcome(timeseries.filter(match).sort("timestep")) };
  }));
}

/**
 * What each shipped defect does on its own: the reference run, the reference with one switch set to
 * its documented value, and the documented run.
 */
export function defectEffects(steps = datadao.steps): pl.DataFrame {
  const settings = [
    { name: "reference (shipped code)", set: { ...VARIANTS.reference } as Record<string, ParamValue> },
    ...SWITCHES.map((s) => ({
      name: `reference, but ${SWITCH_FIX[s]}`,
      set: { ...VARIANTS.reference, [s]: VARIANTS.documented[s] } as Record<string, ParamValue>,
    })),
    { name: "documented (README)", set: { ...VARIANTS.documented } as Record<string, ParamValue> },
  ];
  return outcomes(runTagged(settings, steps).timeseries, ["variant"]);
}

/** Both variants over a list of values of one parameter (through the run plan's sweep). */
export function sweepOutcomes(
  param: "fee_rate" | "pie_payout_rate",
  values: readonly number[],
  steps = datadao.steps,
): pl.DataFrame {
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
  return outcomes(pl.concat(frames), ["variant", param]);
}

/** Shares of the final population by type, against the target proportions (the run's first subset). */
export function proportions(
  timeseries: pl.DataFrame,
): { type: AgentType; count: number; share: number; target: number }[] {
  const last =
    timeseries.filter(pl.col("timestep").eq(timeseries.getColumn("timestep").max())).toRecords()[0];
  const count = (t: AgentType) => last[`count_${t}`] as number;
  const total = AGENT_TYPES.reduce((s, t) => s + count(t), 0);
  return AGENT_TYPES.map((type) => ({
    type,
    count: count(type),
    share: count(type) / total,
    target: datadao.params[`proportion_${type}`].default,
  }));
}

/**
 * Per variant: the share of all dDT bought in the pool that organizations bought (the README calls them
 * "the primary demand side"), the swap fees degens collected in total and per degen, and what one degen's
 * pool position is worth at the end (every provider is a degen; a position of the pool is worth twice its
 * xDAI side at the pool's own price).
 */
export function demandAndFees(timeseries: pl.DataFrame, agents: pl.DataFrame): pl.DataFrame {
  const last = timeseries.filter(pl.col("timestep").eq(timeseries.getColumn("timestep").max()));
  const byType = agents.groupBy(["variant", "agent_type"]).agg(
    pl.col("ddt_bought").sum().alias("bought"),
    pl.col("fees_collected").sum().alias("fees"),
  );
  const pick = (variant: string, type: string, column: string) =>
    byType.filter(pl.col("variant").eq(pl.lit(variant)).and(pl.col("agent_type").eq(pl.lit(type))))
      .getColumn(column).toArray()[0] as number;
  return pl.DataFrame(VARIANT_NAMES.map((variant) => {
    const end = last.filter(pl.col("variant").eq(pl.lit(variant))).toRecords()[0];
    const bought = AGENT_TYPES.reduce((s, t) => s + pick(variant, t, "bought"), 0);
    const degens = end.count_degen as number;
    return {
      variant,
      share_bought_by_organizations: pick(variant, "organization", "bought") / bought,
      fees_charged: end.fees_charged as number,
      fees_collected_by_degens: pick(variant, "degen", "fees"),
      fees_per_degen: pick(variant, "degen", "fees") / degens,
      lp_value_per_degen: 2 * (end.lp_xdai_reserve as number) / degens,
      xdai_per_degen: end.avg_xdai_degen as number,
    };
  }));
}

// ---------------------------------------------------------------------------------------------------
// The README's claims, measured

/**
 * "The simulation maintains specific proportions of different agent types throughout its runtime":
 * per variant, the largest gap, over every recorded step and type, between a type's count and its target
 * share of the population (`proportion · total`), in agents; and the population at the end.
 */
export function proportionDrift(
  timeseries: pl.DataFrame,
): Record<Variant, { largestGap: number; atStep: number; finalPopulation: number }> {
  const out = {} as Record<Variant, { largestGap: number; atStep: number; finalPopulation: number }>;
  for (const variant of VARIANT_NAMES) {
    const rows = timeseries.filter(pl.col("variant").eq(pl.lit(variant))).sort("timestep").toRecords();
    let largestGap = 0, atStep = 0, finalPopulation = 0;
    for (const r of rows) {
      const total = AGENT_TYPES.reduce((s, t) => s + (r[`count_${t}`] as number), 0);
      finalPopulation = total;
      for (const t of AGENT_TYPES) {
        const gap = Math.abs((r[`count_${t}`] as number) - datadao.params[`proportion_${t}`].default * total);
        if (gap > largestGap) (largestGap = gap, atStep = r.timestep as number);
      }
    }
    out[variant] = { largestGap, atStep, finalPopulation };
  }
  return out;
}

/** Where The Pie's payouts went, per variant, over the whole run. */
export interface PieReach {
  /** dDT taken out of The Pie (the payouts), summed over the steps. */
  readonly takenOut: number;
  /** dDT members received from The Pie, by type and in all. */
  readonly received: Record<AgentType, number>;
  readonly receivedTotal: number;
  /** received / taken out (0 when nothing was taken out). */
  readonly shareReceived: number;
  /** Each type's share of what members received (NaN when nobody received anything). */
  readonly shares: Record<AgentType, number>;
  /** After each step's payout, what stayed in The Pie over what it held before the payout: lowest and highest. */
  readonly retained: { readonly min: number; readonly max: number };
  /** dDT in The Pie at the end over all dDT ever spent into it. */
  readonly endOverSpent: number;
}

/**
 * "Every simulation step: 70% of The Pie's accumulated dDT is distributed to stakeholders: 40% to Power
 * Users, 40% to Active Users, 20% to Casual Users; 30% remains in The Pie": per variant, what was taken
 * out, what members received and in which shares, and what stayed each step.
 */
export function pieReach(timeseries: pl.DataFrame, agents: pl.DataFrame): Record<Variant, PieReach> {
  const out = {} as Record<Variant, PieReach>;
  for (const variant of VARIANT_NAMES) {
    const ts = timeseries.filter(pl.col("variant").eq(pl.lit(variant))).sort("timestep");
    const pie = ts.getColumn("pie_ddt").toArray() as number[];
    const paid = ts.getColumn("pie_distributed").toArray() as number[];
    const takenOut = paid.reduce((s, x) => s + x, 0);
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < pie.length; i++) {
      const before = pie[i] + paid[i];
      if (before <= 0) continue;
      const kept = pie[i] / before;
      min = Math.min(min, kept);
      max = Math.max(max, kept);
    }
    const mine = agents.filter(pl.col("variant").eq(pl.lit(variant)));
    const received = Object.fromEntries(AGENT_TYPES.map((t) => [
      t,
      (mine.filter(pl.col("agent_type").eq(pl.lit(t))).getColumn("pie_received").sum() as number) ?? 0,
    ])) as Record<AgentType, number>;
    const receivedTotal = AGENT_TYPES.reduce((s, t) => s + received[t], 0);
    const spent = ts.getColumn("ddt_spent").toArray() as number[];
    out[variant] = {
      takenOut,
      received,
      receivedTotal,
      shareReceived: takenOut > 0 ? receivedTotal / takenOut : 0,
      shares: Object.fromEntries(
        AGENT_TYPES.map((t) => [t, receivedTotal > 0 ? received[t] / receivedTotal : NaN]),
      ) as Record<AgentType, number>,
      retained: { min, max },
      endOverSpent: pie[pie.length - 1] / spent[spent.length - 1],
    };
  }
  return out;
}

/** One liquidity provider's position at the end of a run. */
export interface LpPosition {
  readonly agent_id: number;
  /** Swap fees it collected over the run (xDAI). */
  readonly fees: number;
  /** Its pool shares' value: shares / total × (xDAI reserve + dDT reserve × price). */
  readonly share_value: number;
  /** What it put in: xDAI deposited or spent on dDT to deposit, plus its own dDT deposited at the final price. */
  readonly deposit: number;
  /** fees + share_value − deposit: what providing liquidity gained it over keeping what it put in. */
  readonly net: number;
}

/**
 * "They benefit from trading fees while providing liquidity": every degen's position at the end, per
 * variant. The deposit is valued at the final price, so `net` compares providing liquidity with keeping
 * the deposited tokens: fees earned, plus the pool's gains or losses on the position.
 */
export function degenPositions(
  timeseries: pl.DataFrame,
  agents: pl.DataFrame,
): Record<Variant, LpPosition[]> {
  const last = timeseries.getColumn("timestep").max() as number;
  const out = {} as Record<Variant, LpPosition[]>;
  for (const variant of VARIANT_NAMES) {
    const end = timeseries.filter(pl.col("variant").eq(pl.lit(variant)).and(pl.col("timestep").eq(last)))
      .toRecords()[0] as Record<string, number>;
    const poolValue = end.lp_xdai_reserve + end.lp_ddt_reserve * end.price;
    const degens = agents.filter(
      pl.col("variant").eq(pl.lit(variant)).and(pl.col("agent_type").eq(pl.lit("degen"))),
    )
      .toRecords() as Record<string, number>[];
    out[variant] = degens.map((a) => {
      const share_value = end.lp_total_shares > 0 ? (a.lp_shares / end.lp_total_shares) * poolValue : 0;
      const deposit = a.lp_xdai_in + a.lp_ddt_in * end.price;
      return {
        agent_id: a.agent_id,
        fees: a.fees_collected,
        share_value,
        deposit,
        net: a.fees_collected + share_value - deposit,
      };
    });
  }
  return out;
}

/** The degens' net positions at one step (same definition as `LpPosition.net`, at that step's price). */
export interface NetAtStep {
  readonly variant: Variant;
  readonly timestep: number;
  readonly degens: number;
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
  /** Share of the degens present whose net position is above 0. */
  readonly gaining: number;
}

/**
 * "They benefit from trading fees while providing liquidity", over time: every `every` steps, each degen's
 * fees plus pool share value minus what it put in (its dDT at that step's price), summarised over the
 * degens present then — the median, the 5th and 95th percentiles and the share gaining.
 */
export function degenNetOverTime(steps = datadao.steps, every = 20): NetAtStep[] {
  return VARIANT_NAMES.flatMap((variant) => {
    const rows: NetAtStep[] = [];
    const params = { ...defaults(datadao.params), ...VARIANTS[variant] } as DataDaoParams;
    runWorld(datadao, params, {
      steps,
      onStep: (world, timestep) => {
        if (timestep === 0 || (timestep % every !== 0 && timestep !== steps)) return;
        const w = world as DataDaoWorld;
        const { pool } = w;
        const poolValue = pool.xdaiReserve + pool.ddtReserve * pool.price;
        const nets = w.agents.ofType("degen").map((a) => {
          const shareValue = pool.totalShares > 0 ? (pool.sharesOf(a.id) / pool.totalShares) * poolValue : 0;
          return a.feesCollected + shareValue - (a.lpXdaiIn + a.lpDdtIn * pool.price);
        });
        rows.push({
          variant,
          timestep,
          degens: nets.length,
          median: quantile(nets, 0.5),
          lo: quantile(nets, 0.05),
          hi: quantile(nets, 0.95),
          gaining: nets.filter((n) => n > 0).length / Math.max(1, nets.length),
        });
      },
    });
    return rows;
  });
}
