/**
 * The readings behind the document's "Analysis" paragraph: for each of its six statements, the per-run
 * value that tests it, the criterion and why it is fair. One definition serves the claims at the report's
 * settings (lib/models/honey/claims.ts) and the same readings over a Latin-hypercube sample of the
 * plausible parameters (lib/models/honey/dependence.ts), so both judge the same thing.
 */
import { atLeast, type Criterion, intervalAbove, intervalBelow } from "../../notebook/criteria.ts";
import { SUCCESS } from "./outcomes.ts";
import { monthlyGrowth, percentChange, type PhaseRun, type Phases } from "./phases.ts";

/** "Steady": a run's market cap moves by at most this much (percent) over the closing window… */
export const STEADY_BAND = 10;
/** …in at least this share of the runs that saturated. */
export const STEADY_SHARE = 0.9;

export interface PhaseReading {
  readonly id: string;
  readonly title: string;
  /** The quantity in words, given the closing window and horizon. */
  readonly quantity: (window: number, from: number, horizon: number) => string;
  readonly unit: string;
  readonly criterion: Criterion;
  readonly reason: string;
  /** Per-run values (finite only): all runs, or those saturated before the closing window. */
  readonly values: (p: Phases) => number[];
  /** The statistic the claim reports (default the median). */
  readonly statistic?: (xs: readonly number[]) => number;
  readonly changed?: { readonly from: string; readonly why: string };
}

const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
/** Runs saturated by the start of the closing window: the ones whose "after" the prose describes. */
export const settledRuns = (p: Phases): readonly PhaseRun[] =>
  p.runs.filter((x) => x.monthsToSaturation <= p.horizon - p.window);
export const share = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const CHANGE_REASON = "the document gives no size, so the change must be there in at least 95 % of runs " +
  "(the 5–95 % interval of the per-run values excludes zero), i.e. larger than the run-to-run spread";

export const PHASE_READINGS: readonly PhaseReading[] = [
  {
    id: "stabilizes_near_top",
    title: "Saturated runs settle near the top",
    quantity: () => `per run, the saturation trend (mean of the last 12 months); all runs`,
    unit: "",
    criterion: atLeast(0.9),
    reason: "“near the top” of a logistic that tends to 1: within a tenth of it for the median run",
    values: (p) => finite(p.runs.map((x) => x.trend)),
  },
  {
    id: "market_cap_rises",
    title: "Market cap rises while saturating",
    quantity: () =>
      `per saturated run, market cap when saturation first passes ${SUCCESS} ÷ market cap at genesis`,
    unit: "× genesis",
    criterion: intervalAbove(1, "× genesis"),
    reason: CHANGE_REASON,
    values: (p) => finite(settledRuns(p).map((x) => x.marketCapAtSaturation / x.marketCapStart)),
    changed: { from: "median ≥ 1", why: `${CHANGE_REASON}.` },
  },
  {
    id: "market_cap_steady",
    title: "Market cap then stays steady",
    quantity: (window, from, horizon) =>
      `share of saturated runs whose market cap moves by at most ±${STEADY_BAND} % over the last ${window} ` +
      `months (month ${from} → ${horizon})`,
    unit: "of runs",
    criterion: atLeast(STEADY_SHARE, "of runs"),
    reason:
      `steady is a property of each run's path: its market cap stays within ±${STEADY_BAND} % in nine ` +
      "runs of ten",
    values: (p) =>
      finite(settledRuns(p).map((x) => percentChange(x.marketCapFrom, x.marketCapTo))).map((c) =>
        Math.abs(c) <= STEADY_BAND ? 1 : 0
      ),
    statistic: share,
    changed: {
      from: "median change between −10 % and +10 %",
      why: "a median change near zero held while single runs moved from −71 % to +146 %; steady must " +
        "describe the runs, not the middle of their spread.",
    },
  },
  {
    id: "price_faster_in_growth",
    title: "Price grows faster while saturating",
    quantity: (window) =>
      `per saturated run, monthly price growth from genesis to first saturation minus that over the last ${window} months`,
    unit: "%/month",
    criterion: intervalAbove(0, "%/month"),
    reason: CHANGE_REASON,
    values: (p) =>
      finite(
        settledRuns(p).map((x) =>
          monthlyGrowth(10, x.priceAtSaturation, x.monthsToSaturation) -
          monthlyGrowth(x.priceFrom, x.priceTo, p.window)
        ),
      ),
    changed: { from: "median ≥ 0 %/month", why: `${CHANGE_REASON}.` },
  },
  {
    id: "price_keeps_rising",
    title: "Price keeps rising after saturation",
    quantity: (window) => `per saturated run, change of price over the last ${window} months`,
    unit: "%",
    criterion: intervalAbove(0, "%"),
    reason: CHANGE_REASON,
    values: (p) => finite(settledRuns(p).map((x) => percentChange(x.priceFrom, x.priceTo))),
    changed: { from: "median ≥ 0 %", why: `${CHANGE_REASON}.` },
  },
  {
    id: "circulation_shrinks",
    title: "Circulating supply shrinks",
    quantity: (window) => `per saturated run, change of circulating supply over the last ${window} months`,
    unit: "%",
    criterion: intervalBelow(0, "%"),
    reason: CHANGE_REASON,
    values: (p) => finite(settledRuns(p).map((x) => percentChange(x.circulationFrom, x.circulationTo))),
    changed: { from: "median ≤ 0 %", why: `${CHANGE_REASON}.` },
  },
];
