/**
 * What drives creator retention and investor ROI: the intervals of the Latin-hypercube sample of the gas fee
 * share, the funding split, tracing accuracy, the churn threshold and the creators' aspiration (drawn and run
 * by `runSensitivity` in experiments.ts), the outcomes of each parameter set, and the criterion that names
 * a parameter whose partial rank correlation (PRCC) with an outcome makes it a driver.
 *
 * PRCC measures a monotone association with the other sampled parameters held fixed; an effect that rises
 * then falls over an interval can show as near 0, so a parameter absent from `drivers` is not shown to be
 * without effect.
 */
import type { Intervals } from "../../analysis/lhs.ts";
import type { SensitivityRow } from "../../analysis/prcc.ts";
import type { RunPlan } from "../../engine/plan.ts";
import type { BitrewardsTables } from "./tables.ts";

/**
 * The sampled intervals. `funding_split` is one dimension written to both investor_royalty_min and
 * investor_royalty_max, as the scenarios zip them (a funding edge's royalty is then exactly the split).
 */
export const INTERVALS: Intervals = {
  // The parameter's whole accepted range (the design's 0.1–1% of gross value).
  gas_fee_share_rate: [0.001, 0.01],
  // Every scenario's splits (1–5%) and beyond, as the report's gas fee × funding split map.
  funding_split: [0.01, 0.08],
  tracing_accuracy: [0, 1],
  // Half to three times the baseline's 0.1; the other scenarios use 0.2.
  churn_threshold: [0.05, 0.3],
  // Half to twice the baseline's 0.02 fee units per step.
  aspiration_income_creators: [0.01, 0.04],
};

export const PARAMETERS: readonly string[] = Object.keys(INTERVALS);
export const OUTCOMES = ["creator_retention", "investor_roi"] as const;

/** How the chart and sentences name parameters and outcomes, with units. */
export const LABELS: Readonly<Record<string, string>> = {
  gas_fee_share_rate: "gas fee share (fraction of gross value)",
  funding_split: "funding split (royalty of a funding edge)",
  tracing_accuracy: "tracing accuracy (probability)",
  churn_threshold: "churn threshold (satisfaction, 0–1)",
  aspiration_income_creators: "creators' aspiration (fee units/week)",
  creator_retention: "creator retention (share active at the end)",
  investor_roi: "investors' median ROI (fraction of budget)",
};

/** The sampled value of every parameter, one per parameter set in subset order. */
export function sampledValues(plan: RunPlan): Record<string, number[]> {
  const valueOf = (name: string) => name === "funding_split" ? "investor_royalty_max" : name;
  return Object.fromEntries(
    PARAMETERS.map((name) => [name, plan.subsets.map((s) => s.swept[valueOf(name)] as number)]),
  );
}

/**
 * Per parameter set (subset order), the mean over its runs of creator retention (creators active at the
 * end / at the start) and of the investors' median final ROI (run_summary's median_investor_roi, the
 * median of final_roi over the run's investors). A run without investors has no ROI and is refused.
 */
export function setOutcomes(
  tables: Pick<BitrewardsTables, "run_summary">,
): Record<typeof OUTCOMES[number], number[]> {
  const column = (name: string) => tables.run_summary.getColumn(name).toArray() as number[];
  const subset = column("subset");
  const active = column("final_active_creators");
  const creators = column("N_creators");
  // Null when a run has no investors.
  const roi = column("median_investor_roi") as (number | null)[];
  const sets = new Map<number, { retention: number[]; roi: number[] }>();
  subset.forEach((id, i) => {
    const r = roi[i];
    if (r === null || !Number.isFinite(r)) throw new Error(`set ${id}: a run has no investors' ROI`);
    const set = sets.get(id) ?? { retention: [], roi: [] };
    set.retention.push(active[i] / creators[i]);
    set.roi.push(r);
    sets.set(id, set);
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ordered = [...sets.entries()].sort((a, b) => a[0] - b[0]).map(([, set]) => set);
  return {
    creator_retention: ordered.map((s) => mean(s.retention)),
    investor_roi: ordered.map((s) => mean(s.roi)),
  };
}

/** Per-set quantities some claims read over the sample (their dependence), besides the two ranked outcomes. */
export const CLAIM_OUTCOMES = ["active_creators_mean", "class_gone", "any_left"] as const;

/**
 * Per parameter set (subset order), the mean over its runs of: the creators active on average over the run
 * as a share of those at the start (`active_creators_mean`), and the share of its runs in which a whole class
 * has left by the end (`class_gone`) or in which any agent has left (`any_left`) — as outcomes.ts reads them
 * per run.
 */
export function setClaimOutcomes(
  tables: Pick<BitrewardsTables, "run_summary">,
): Record<typeof CLAIM_OUTCOMES[number], number[]> {
  const column = (name: string) => (tables.run_summary.getColumn(name).toArray() as number[]).map(Number);
  const [subset, creators, investors, users] = ["subset", "N_creators", "N_investors", "N_users"].map(column);
  const [active, activeInvestors, activeUsers, meanActive] = [
    "final_active_creators",
    "final_active_investors",
    "final_active_users",
    "avg_active_creators",
  ].map(column);
  const sets = new Map<number, { mean: number[]; gone: number[]; left: number[] }>();
  subset.forEach((id, i) => {
    const set = sets.get(id) ?? { mean: [], gone: [], left: [] };
    set.mean.push(meanActive[i] / creators[i]);
    const gone = active[i] === 0 || (investors[i] > 0 && activeInvestors[i] === 0) || activeUsers[i] === 0;
    set.gone.push(gone ? 1 : 0);
    const left = active[i] < creators[i] || activeInvestors[i] < investors[i] || activeUsers[i] < users[i];
    set.left.push(left ? 1 : 0);
    sets.set(id, set);
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ordered = [...sets.entries()].sort((a, b) => a[0] - b[0]).map(([, set]) => set);
  return {
    active_creators_mean: ordered.map((s) => mean(s.mean)),
    class_gone: ordered.map((s) => mean(s.gone)),
    any_left: ordered.map((s) => mean(s.left)),
  };
}

/**
 * When a PRCC names a driver, fixed before any result. |PRCC| ≥ 0.2: below it a parameter accounts for
 * under 4% of the outcome's rank variance that the other parameters leave. And it differs from 0 at the
 * two-sided 5% level (the library gives no p-value): by Fisher's z of a partial correlation,
 * |atanh(PRCC)| · √(n − k − 2) ≥ 1.96 for n parameter sets and k parameters (k − 1 held fixed).
 */
export const DRIVER_CRITERION = { minAbsPrcc: 0.2, z: 1.96 } as const;

/** The smallest |PRCC| that counts as a driver with n parameter sets and k parameters. */
export function driverThreshold(n: number, k: number): number {
  return Math.max(DRIVER_CRITERION.minAbsPrcc, Math.tanh(DRIVER_CRITERION.z / Math.sqrt(n - k - 2)));
}

export interface Drivers {
  readonly outcome: string;
  /** The |PRCC| a driver reaches (see `driverThreshold`). */
  readonly threshold: number;
  /** Parameters meeting DRIVER_CRITERION, strongest first; the sign of `prcc` is the direction. */
  readonly drivers: readonly { readonly parameter: string; readonly prcc: number }[];
}

/** For each outcome (in the table's order), the parameters whose PRCC meets DRIVER_CRITERION. */
export function drivers(rows: readonly SensitivityRow[], samples: number): Drivers[] {
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  const k = new Set(rows.map((r) => r.parameter)).size;
  const threshold = driverThreshold(samples, k);
  return outcomes.map((outcome) => ({
    outcome,
    threshold,
    drivers: rows.filter((r) => r.outcome === outcome && Math.abs(r.prcc) >= threshold)
      .sort((a, b) => Math.abs(b.prcc) - Math.abs(a.prcc))
      .map(({ parameter, prcc }) => ({ parameter, prcc })),
  }));
}
