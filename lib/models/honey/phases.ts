/**
 * What happens while a run saturates the market and after it has: the per-run readings behind the
 * document's "Analysis" paragraph (market cap up while saturating, then steady; price faster in growth,
 * still rising after; circulation shrinking), computed from the runs' frame. See docs/models/honey.md.
 */
import type pl from "nodejs-polars";
import { SUCCESS, TREND_WINDOW } from "./outcomes.ts";

/** Per run at one parameter set: what happens while the market saturates and after it has. */
export interface PhaseRun {
  readonly run: number;
  /** Mean saturation over the last TREND_WINDOW months. */
  readonly trend: number;
  /** First month above SUCCESS; horizon + 1 when never. */
  readonly monthsToSaturation: number;
  readonly marketCapStart: number;
  /** Market cap and price at the first month above SUCCESS; NaN when never. */
  readonly marketCapAtSaturation: number;
  readonly priceAtSaturation: number;
  /** Values at the start and the end of the closing window (months horizon − window and horizon). */
  readonly marketCapFrom: number;
  readonly marketCapTo: number;
  readonly priceFrom: number;
  readonly priceTo: number;
  readonly circulationFrom: number;
  readonly circulationTo: number;
}

/** The runs of one parameter set, each read as a PhaseRun, with the closing window they share. */
export interface Phases {
  readonly runs: readonly PhaseRun[];
  /** Months of the closing window. */
  readonly window: number;
  /** The last month. */
  readonly horizon: number;
  /** Every run's trajectory. */
  readonly frame: pl.DataFrame;
}

/**
 * Each run of `frame` (one parameter set; columns run, timestep, saturation, market_cap, price,
 * circulation; every month from 0 to the horizon) read as a PhaseRun, in run order.
 */
export function saturationPhases(frame: pl.DataFrame, window: number): Phases {
  const horizon = frame.getColumn("timestep").max() as number;
  if (!(Number.isInteger(window) && window >= 1 && window <= horizon)) {
    throw new RangeError(`the closing window must be 1 to ${horizon} months, got ${window}`);
  }
  const cols = ["run", "timestep", "saturation", "market_cap", "price", "circulation"] as const;
  const data = Object.fromEntries(cols.map((c) => [c, frame.getColumn(c).toArray() as number[]]));
  const byRun = new Map<number, number[]>();
  data.run.forEach((r, i) => {
    const rows = byRun.get(r) ?? [];
    rows[data.timestep[i]] = i;
    byRun.set(r, rows);
  });
  const runs = [...byRun.entries()].sort((a, b) => a[0] - b[0]).map(([run, rows]) => {
    const at = (col: keyof typeof data, t: number) => data[col][rows[t]];
    const saturatedAt = rows.findIndex((i) => data.saturation[i] > SUCCESS);
    let trend = 0;
    for (let t = horizon - TREND_WINDOW + 1; t <= horizon; t++) trend += at("saturation", t) / TREND_WINDOW;
    return {
      run,
      trend,
      monthsToSaturation: saturatedAt < 0 ? horizon + 1 : saturatedAt,
      marketCapStart: at("market_cap", 0),
      marketCapAtSaturation: saturatedAt < 0 ? NaN : at("market_cap", saturatedAt),
      priceAtSaturation: saturatedAt < 0 ? NaN : at("price", saturatedAt),
      marketCapFrom: at("market_cap", horizon - window),
      marketCapTo: at("market_cap", horizon),
      priceFrom: at("price", horizon - window),
      priceTo: at("price", horizon),
      circulationFrom: at("circulation", horizon - window),
      circulationTo: at("circulation", horizon),
    };
  });
  return { runs, window, horizon, frame };
}

/** Percent change from `from` to `to`; NaN when `from` is not positive (a price that crossed zero). */
export const percentChange = (from: number, to: number) => (from > 0 ? (to / from - 1) * 100 : NaN);

/** Compound monthly growth (percent per month) from `from` to `to` over `months`; NaN if either is ≤ 0. */
export const monthlyGrowth = (from: number, to: number, months: number) =>
  from > 0 && to > 0 && months > 0 ? ((to / from) ** (1 / months) - 1) * 100 : NaN;
