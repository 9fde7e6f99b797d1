/**
 * The Bostrom model's uncertain parameters — the README's assumptions about how neurons behave and its fits
 * to Ethereum, not the launch parameters it proposes — sampled over plausible ranges by Latin hypercube,
 * and each point's numbers for the conclusions. The ranges and why each is plausible are in
 * docs/models/bostrom.md ("Uncertain parameters").
 */
import pl from "nodejs-polars";
import { latinHypercube } from "../../analysis/lhs.ts";
import { median } from "../../analysis/quantiles.ts";
import type { ParamSchema } from "../../engine/params.ts";
import { runFrame } from "./experiments.ts";
import { bostromParams } from "./params.ts";
import { monthlyValidatorRevenue, supplyIncrease } from "./outcomes.ts";
import { crossingYears, demandOverSupplyAtEnd, demandOvertakes, shareWithin } from "./crossings.ts";

/** The uncertain parameters and their ranges (each the code's value ± a stated margin, see the docs). */
export const UNCERTAIN = {
  bonding_speed_coeff: [0.005, 0.02],
  boot_bonding_share_limit: [0.75, 0.95],
  hydrogen_liquid_ratio: [0.1, 0.3],
  cyberlinks_transactions_coeff: [10, 20],
  capitalization_coefficient: [2990, 3020],
} as const satisfies Record<string, readonly [number, number]>;

export type UncertainName = keyof typeof UNCERTAIN;

/** One sampled point: its parameters and the conclusions' numbers there. */
export interface DependencePoint {
  readonly params: Readonly<Record<UncertainName, number>>;
  /** 10-year BOOT supply increase (a fraction; no investmint draw changes it). */
  readonly supply_increase: number;
  /** One validator's ETH revenue in the first and in the last full 30-day month. */
  readonly first_month_eth: number;
  readonly last_month_eth: number;
  /** Share of the point's seeds whose demand first overtakes the V supply in the window (releases kept). */
  readonly share_in_window: number;
  /** Median over the point's seeds of demand over the V supply on the last day (the code's reading). */
  readonly demand_over_supply_end: number;
}

/**
 * `points` Latin-hypercube points of `UNCERTAIN` (seeded), each run over `seeds` seeds twice: the code's
 * model, and with releases accumulated (the reading that keeps every released H, which conclusion 3 is
 * judged by), crossing counted within `window` years.
 */
export function runDependence(
  options: { points: number; seeds: number; seed: number; window: readonly [number, number] },
): DependencePoint[] {
  const lists = latinHypercube(
    bostromParams as unknown as ParamSchema,
    UNCERTAIN,
    options.points,
    options.seed,
  );
  const names = Object.keys(UNCERTAIN) as UncertainName[];
  return Array.from({ length: options.points }, (_, i) => {
    const params = Object.fromEntries(names.map((n) => [n, lists[n][i] as number])) as Record<
      UncertainName,
      number
    >;
    const code = runFrame({ set: params, runs: options.seeds, seed: options.seed });
    const kept = runFrame({
      set: { ...params, release_mode: "accumulate" },
      runs: options.seeds,
      seed: options.seed,
    });
    const revenue = monthlyValidatorRevenue(code).getColumn("revenue_eth");
    return {
      params,
      supply_increase: supplyIncrease(code.filter(pl.col("run").eq(1))).getColumn("supply_increase")
        .get(0) as number,
      first_month_eth: revenue.head(1).get(0) as number,
      last_month_eth: revenue.tail(1).get(0) as number,
      share_in_window: shareWithin(crossingYears(demandOvertakes(kept)), ...options.window),
      demand_over_supply_end: median(demandOverSupplyAtEnd(code)),
    };
  });
}

/** The sampled values of each parameter, in point order, as `dependenceOf` takes them. */
export function sampledInputs(points: readonly DependencePoint[]): Record<UncertainName, number[]> {
  const names = Object.keys(UNCERTAIN) as UncertainName[];
  return Object.fromEntries(names.map((n) => [n, points.map((p) => p.params[n])])) as Record<
    UncertainName,
    number[]
  >;
}
