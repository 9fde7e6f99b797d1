/**
 * The source notebook's own figures: its parameter cell (nine throttles zipped with nine targets, at
 * productivity 0.88), every state variable over time. The original scatters every run with a LOWESS
 * trend; here each figure is a Monte Carlo band (median and 5th–95th percentile over runs per month).
 */
import type pl from "nodejs-polars";
import { bands } from "../../plot/bands.ts";
import type { BandRow } from "../../plot/charts.ts";

/** The source's parameter cell: throttle and target reserve ratio zipped by position (cadCAD). */
export const SOURCE_SETTINGS = {
  throttle: [0.002, 0.004, 0.008, 0.002, 0.004, 0.008, 0.002, 0.004, 0.008],
  target_reserve_ratio: [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3],
} as const;
/** The productivity of the source's parameter cell. */
export const SOURCE_PRODUCTIVITY = 0.88;
/** Quantiles of the figures' bands. */
export const BAND_LO = 0.05;
export const BAND_HI = 0.95;

/** A variable of the source's figures, with its axis label and unit. */
export interface FigureVariable {
  readonly column: string;
  readonly label: string;
  readonly unit: string;
}

/** The variables the source plots, in its order: supply (by throttle), flows, saturation, price, cap, utility. */
export const SOURCE_VARIABLES = {
  total_supply: { column: "total_supply", label: "total supply", unit: "HNY" },
  circulation: { column: "circulation", label: "circulation", unit: "HNY" },
  reserve: { column: "reserve", label: "reserve", unit: "HNY" },
  netflow: { column: "netflow", label: "netflow (inflow − outflow)", unit: "HNY/month" },
  adjustment: { column: "adjustment", label: "adjustment (mint + / burn −)", unit: "HNY/month" },
  saturation: { column: "saturation", label: "saturation", unit: "fraction of market" },
  price: { column: "price", label: "price", unit: "USD/HNY" },
  market_cap: { column: "market_cap", label: "market cap", unit: "USD" },
  utility: { column: "utility", label: "utility", unit: "dimensionless, 0–10" },
} as const satisfies Record<string, FigureVariable>;
export type SourceVariable = keyof typeof SOURCE_VARIABLES;

/** Band rows of one variable per setting: `facet` is the target reserve ratio, `facetX` the throttle. */
export type SettingBands = Readonly<Record<SourceVariable, readonly BandRow[]>>;

export interface SourceFigures {
  /** Every run's trajectory at the source's settings. */
  readonly frame: pl.DataFrame;
  readonly runs: number;
  /** Per variable, its band per (target, throttle) setting and month. */
  readonly bySetting: SettingBands;
  /**
   * The source's first figure: reserve, circulation and total supply per throttle, pooling the three
   * targets as the source's facet by throttle does; `facet` is the variable's label, `facetX` the throttle.
   */
  readonly supplyByThrottle: readonly BandRow[];
}

/** Median and BAND_LO–BAND_HI quantiles of `column` over runs, per month and the given facets. */
export function bandRows(
  frame: pl.DataFrame,
  column: string,
  facets: { facet?: string; facetX?: string } = {},
): BandRow[] {
  return bands(frame, { time: "timestep", value: column, ...facets, lo: BAND_LO, hi: BAND_HI });
}

/** The bands of the source's figures from its experiment's runs (`runs` per setting). */
export function sourceFigures(frame: pl.DataFrame, runs: number): SourceFigures {
  const names = Object.keys(SOURCE_VARIABLES) as SourceVariable[];
  const bySetting = Object.fromEntries(names.map((name) => [
    name,
    bandRows(frame, SOURCE_VARIABLES[name].column, { facet: "target_reserve_ratio", facetX: "throttle" }),
  ])) as unknown as SettingBands;
  const supply = (["reserve", "circulation", "total_supply"] as const).flatMap((name) =>
    bandRows(frame, SOURCE_VARIABLES[name].column, { facetX: "throttle" })
      .map((b) => ({ ...b, facet: SOURCE_VARIABLES[name].label }))
  );
  return { frame, runs, bySetting, supplyByThrottle: supply };
}

/** The band rows at one month (default: the last), e.g. for a caption on where the runs end. */
export function bandsAt(rows: readonly BandRow[], t?: number): BandRow[] {
  const at = t ?? Math.max(...rows.map((b) => b.t));
  return rows.filter((b) => b.t === at);
}

/** The row of a setting (facet = target, facetX = throttle) among band rows. */
export function bandOf(rows: readonly BandRow[], target: number, throttle: number): BandRow {
  const row = rows.find((b) => b.facet === target && b.facetX === throttle);
  if (!row) throw new Error(`no band at target ${target}, throttle ${throttle}`);
  return row;
}
