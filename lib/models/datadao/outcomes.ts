/**
 * What the dataDAO runs come to, read from their tables (nothing here runs the model): a run's outcome,
 * where the dDT ends up, where The Pie's payouts go and who buys the dDT. The frames are those of
 * `experiments.ts`: one run per variant (or per swept value), tagged with a `variant` column. The
 * population's proportions are in `population.ts`, the degens' pool positions in `positions.ts`.
 */
import pl from "nodejs-polars";
import { AGENT_TYPES, type AgentType, type Variant, VARIANT_NAMES } from "./params.ts";

/** The rows of a timeseries at its last timestep. */
export const lastStep = (timeseries: pl.DataFrame) =>
  timeseries.filter(pl.col("timestep").eq(timeseries.getColumn("timestep").max()));

/** One column of one variant's run, by timestep (index = position in timestep order). */
export function seriesOf(timeseries: pl.DataFrame, variant: string, column: string): number[] {
  return timeseries.filter(pl.col("variant").eq(pl.lit(variant))).sort("timestep").getColumn(column)
    .toArray() as number[];
}

/** Each variant's row at the last timestep. */
export function finalRows(timeseries: pl.DataFrame): Record<Variant, Record<string, number>> {
  return Object.fromEntries(lastStep(timeseries).toRecords().map((r) => [r.variant as string, r])) as Record<
    Variant,
    Record<string, number>
  >;
}

/** A value of a column and the step it was seen at. */
export interface AtStep {
  readonly timestep: number;
  readonly value: number;
}

/**
 * The lowest (or highest) value of one variant's column up to step `until` (default: the whole run), and
 * its step; on a tie the earliest.
 */
export function extreme(
  timeseries: pl.DataFrame,
  variant: string,
  column: string,
  which: "lowest" | "highest",
  until = Infinity,
): AtStep {
  const values = seriesOf(timeseries, variant, column);
  const steps = seriesOf(timeseries, variant, "timestep");
  let best = -1;
  for (let i = 0; i < values.length && steps[i] <= until; i++) {
    if (best < 0 || (which === "lowest" ? values[i] < values[best] : values[i] > values[best])) best = i;
  }
  if (best < 0) throw new Error(`extreme: variant '${variant}' has no step up to ${until}`);
  return { timestep: steps[best], value: values[best] };
}

/** Mean, lowest and highest of one variant's column over timesteps `from` to `to` (inclusive). */
export function windowStats(
  timeseries: pl.DataFrame,
  variant: string,
  column: string,
  from: number,
  to = from,
): { mean: number; min: number; max: number } {
  const xs = seriesOf(
    timeseries.filter(pl.col("timestep").gtEq(from).and(pl.col("timestep").ltEq(to))),
    variant,
    column,
  );
  if (xs.length === 0) throw new Error(`windowStats: variant '${variant}' has no steps ${from}–${to}`);
  return { mean: xs.reduce((s, x) => s + x, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

// ---------------------------------------------------------------------------------------------------
// A run's outcome, for the defect and sweep tables

/** Steps at the end of a run over which `mean_price_last_500` averages the price. */
const PRICE_TAIL = 500;

/**
 * A run's outcome: its final price, its mean price over the last 500 steps, the pool's final xDAI, the
 * final average balances that the shipped figure shows, its lowest dDT balance and the share of swap fees
 * lost. `run` is one run's timeseries in timestep order.
 */
export function runOutcome(run: pl.DataFrame): Record<string, number> {
  const at = (name: string) => run.getColumn(name).toArray() as number[];
  const last = run.height - 1;
  const final = (name: string) => at(name)[last];
  const tail = at("price").slice(Math.max(0, last - (PRICE_TAIL - 1)));
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

/** One outcome row per run, identified by the columns `keys` (in the order the runs appear). */
export function outcomesByRun(timeseries: pl.DataFrame, keys: readonly string[]): pl.DataFrame {
  const ids = timeseries.select(...keys).unique({ maintainOrder: true }).toRecords();
  return pl.DataFrame(ids.map((id) => {
    const match = keys.map((k) => pl.col(k).eq(pl.lit(id[k] as string | number))).reduce((a, b) => a.and(b));
    return { ...id, ...runOutcome(timeseries.filter(match).sort("timestep")) };
  }));
}

/** The outcome `column` of one variant at one value of the swept `param`. */
export function sweepValue(
  sweep: pl.DataFrame,
  variant: string,
  param: string,
  value: number,
  column: string,
): number {
  const rows = sweep.filter(pl.col("variant").eq(pl.lit(variant)).and(pl.col(param).eq(value)));
  if (rows.height === 0) throw new Error(`sweepValue: no run of '${variant}' at ${param} = ${value}`);
  return rows.getColumn(column).toArray()[0] as number;
}

/**
 * Per run of a sweep: how far `column` is, in percent, from the same variant's run at `param = base`:
 * `100 · (x / x_base − 1)`.
 */
export function changeFrom<P extends string>(
  sweep: pl.DataFrame,
  param: P,
  column: string,
  base: number,
): ({ variant: string; change: number } & Record<P, number>)[] {
  return sweep.toRecords().map((r) => ({
    variant: r.variant as string,
    [param]: r[param] as number,
    change: 100 * ((r[column] as number) / sweepValue(sweep, r.variant as string, param, base, column) - 1),
  } as { variant: string; change: number } & Record<P, number>));
}

/** The largest relative gap `|a/b − 1|` between two outcome rows over the given columns. */
export function largestRelativeGap(
  a: Record<string, number>,
  b: Record<string, number>,
  columns: readonly string[],
): number {
  return Math.max(...columns.map((c) => Math.abs(a[c] / b[c] - 1)));
}

// ---------------------------------------------------------------------------------------------------
// Where the dDT goes

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
 * over the run. `table` has one row per quantity and one column per variant (rounded to 0.01 dDT).
 */
export function ddtWhereabouts(
  timeseries: pl.DataFrame,
): { table: pl.DataFrame; at: Record<Variant, Record<keyof typeof WHEREABOUTS, number>> } {
  const last = lastStep(timeseries).toRecords();
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

// ---------------------------------------------------------------------------------------------------
// Demand, fees and The Pie

/** Per variant, who bought the dDT and what the swap fees came to (see `demandAndFees`). */
export interface DemandAndFees {
  readonly variant: Variant;
  /** Organizations' share of all dDT bought in the pool. */
  readonly share_bought_by_organizations: number;
  /** Swap fees charged over the run (xDAI). */
  readonly fees_charged: number;
  /** Swap fees degens collected over the run, in all and per degen (xDAI). */
  readonly fees_collected_by_degens: number;
  readonly fees_per_degen: number;
  /** One degen's pool position at the end: twice the pool's xDAI over the degens (xDAI). */
  readonly lp_value_per_degen: number;
  readonly xdai_per_degen: number;
}

/**
 * Per variant: the share of all dDT bought in the pool that organizations bought (the README calls them
 * "the primary demand side"), the swap fees degens collected in total and per degen, and what one degen's
 * pool position is worth at the end (every provider is a degen; a position of the pool is worth twice its
 * xDAI side at the pool's own price).
 */
export function demandAndFees(
  timeseries: pl.DataFrame,
  agents: pl.DataFrame,
): Record<Variant, DemandAndFees> {
  const last = lastStep(timeseries);
  const byType = agents.groupBy(["variant", "agent_type"]).agg(
    pl.col("ddt_bought").sum().alias("bought"),
    pl.col("fees_collected").sum().alias("fees"),
  );
  const pick = (variant: string, type: string, column: string) =>
    byType.filter(pl.col("variant").eq(pl.lit(variant)).and(pl.col("agent_type").eq(pl.lit(type))))
      .getColumn(column).toArray()[0] as number;
  return Object.fromEntries(VARIANT_NAMES.map((variant) => {
    const end = last.filter(pl.col("variant").eq(pl.lit(variant))).toRecords()[0];
    const bought = AGENT_TYPES.reduce((s, t) => s + pick(variant, t, "bought"), 0);
    const degens = end.count_degen as number;
    return [variant, {
      variant,
      share_bought_by_organizations: pick(variant, "organization", "bought") / bought,
      fees_charged: end.fees_charged as number,
      fees_collected_by_degens: pick(variant, "degen", "fees"),
      fees_per_degen: pick(variant, "degen", "fees") / degens,
      lp_value_per_degen: 2 * (end.lp_xdai_reserve as number) / degens,
      xdai_per_degen: end.avg_xdai_degen as number,
    }];
  })) as Record<Variant, DemandAndFees>;
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
    const pie = seriesOf(timeseries, variant, "pie_ddt");
    const paid = seriesOf(timeseries, variant, "pie_distributed");
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
    const spent = seriesOf(timeseries, variant, "ddt_spent");
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
