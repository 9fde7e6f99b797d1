/**
 * The degens' pool positions: what providing liquidity gained each degen over keeping what it put in
 * (the README: degens "benefit from trading fees while providing liquidity"). One definition, `lpPosition`,
 * serves the end-of-run tables (`degenPositions`) and the run probed step by step (`experiments.ts`).
 */
import pl from "nodejs-polars";
import { quantile } from "../../analysis/quantiles.ts";
import { type Variant, VARIANT_NAMES } from "./params.ts";

/** The pool as a position is valued against it. */
export interface PoolAt {
  readonly xdaiReserve: number;
  readonly ddtReserve: number;
  readonly totalShares: number;
  /** The pool's own price, xDAI per dDT. */
  readonly price: number;
}

/** What a provider holds and has put in. */
export interface Provider {
  readonly shares: number;
  /** Swap fees collected so far (xDAI). */
  readonly fees: number;
  /** xDAI deposited or spent on dDT to deposit, and dDT deposited from its own balance. */
  readonly xdaiIn: number;
  readonly ddtIn: number;
}

/** A provider's position valued at the pool's price (all in xDAI). */
export interface Valued {
  /** Its pool shares' value: shares / total × (xDAI reserve + dDT reserve × price). */
  readonly share_value: number;
  /** What it put in: its xDAI plus its own dDT at the pool's price. */
  readonly deposit: number;
  /** fees + share_value − deposit: what providing liquidity gained it over keeping what it put in. */
  readonly net: number;
}

/** A provider's position at the pool's price; an empty pool (no shares) is worth nothing. */
export function lpPosition(p: Provider, pool: PoolAt): Valued {
  const poolValue = pool.xdaiReserve + pool.ddtReserve * pool.price;
  const share_value = pool.totalShares > 0 ? (p.shares / pool.totalShares) * poolValue : 0;
  const deposit = p.xdaiIn + p.ddtIn * pool.price;
  return { share_value, deposit, net: p.fees + share_value - deposit };
}

/** One degen's position at the end of a run. */
export interface LpPosition extends Valued {
  readonly agent_id: number;
  /** The step it entered (0: present at the start). */
  readonly entered: number;
  /** Swap fees it collected over the run (xDAI). */
  readonly fees: number;
}

/**
 * Every degen's position at the end, per variant. The deposit is valued at the final price, so `net`
 * compares providing liquidity with keeping the deposited tokens: fees earned, plus the pool's gains or
 * losses on the position.
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
    const pool = {
      xdaiReserve: end.lp_xdai_reserve,
      ddtReserve: end.lp_ddt_reserve,
      totalShares: end.lp_total_shares,
      price: end.price,
    };
    const degens = agents.filter(
      pl.col("variant").eq(pl.lit(variant)).and(pl.col("agent_type").eq(pl.lit("degen"))),
    ).toRecords() as Record<string, number>[];
    out[variant] = degens.map((a) => ({
      agent_id: a.agent_id,
      entered: a.entered,
      fees: a.fees_collected,
      ...lpPosition(
        { shares: a.lp_shares, fees: a.fees_collected, xdaiIn: a.lp_xdai_in, ddtIn: a.lp_ddt_in },
        pool,
      ),
    }));
  }
  return out;
}

/** Net positions summarised over the degens: the median, the 5th and 95th percentiles, the share gaining. */
export interface NetSummary {
  readonly degens: number;
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
  /** Share of the degens whose net position is above 0 (0 when there are none). */
  readonly gaining: number;
}

export function summariseNets(nets: readonly number[]): NetSummary {
  return {
    degens: nets.length,
    median: quantile(nets, 0.5),
    lo: quantile(nets, 0.05),
    hi: quantile(nets, 0.95),
    gaining: nets.filter((n) => n > 0).length / Math.max(1, nets.length),
  };
}

/** The degens' positions summarised: medians of each part, and the net's spread and share gaining. */
export interface PositionSummary {
  readonly degens: number;
  readonly fees: number;
  readonly share_value: number;
  readonly deposit: number;
  readonly net: number;
  readonly net_lo: number;
  readonly net_hi: number;
  readonly gaining: number;
}

export function summarisePositions(positions: readonly LpPosition[]): PositionSummary {
  const median = (k: "fees" | "share_value" | "deposit") => quantile(positions.map((p) => p[k]), 0.5);
  const net = summariseNets(positions.map((p) => p.net));
  return {
    degens: net.degens,
    fees: median("fees"),
    share_value: median("share_value"),
    deposit: median("deposit"),
    net: net.median,
    net_lo: net.lo,
    net_hi: net.hi,
    gaining: net.gaining,
  };
}

/** The latest step at which a degen that ends with a gain entered (−1: none gains). */
export function lastGainingEntry(positions: readonly LpPosition[]): number {
  return Math.max(-1, ...positions.filter((p) => p.net > 0).map((p) => p.entered));
}

/** How many degens were present at the start, and their share of the degens' pool value at the end. */
export function foundersShare(positions: readonly LpPosition[]): { n: number; share: number } {
  const first = positions.filter((p) => p.entered === 0);
  const total = positions.reduce((t, p) => t + p.share_value, 0);
  return { n: first.length, share: first.reduce((t, p) => t + p.share_value, 0) / total };
}

/** The degens' net positions at one step of a run (`lpPosition` at that step's price). */
export interface NetAtStep extends NetSummary {
  readonly variant: Variant;
  readonly timestep: number;
}

/** The step of one variant at which the most degens gain (on a tie the earliest). */
export function mostGaining(rows: readonly NetAtStep[], variant: Variant): NetAtStep {
  const mine = rows.filter((r) => r.variant === variant);
  if (mine.length === 0) throw new Error(`mostGaining: no step of '${variant}'`);
  return mine.reduce((best, r) => (r.gaining > best.gaining ? r : best));
}
