/**
 * The dataDAO model's uncertain parameters — how much each kind of member buys, spends or sells a day,
 * and the swap fee, none of which the README measures — sampled over plausible ranges by Latin hypercube,
 * with each point's numbers for the claims in both variants. The ranges and why each is plausible are in
 * docs/models/datadao.md ("Uncertain parameters").
 */
import { latinHypercube } from "../../analysis/lhs.ts";
import type { ParamSchema } from "../../engine/params.ts";
import { runTagged } from "./experiments.ts";
import { datadaoParams, type Variant, VARIANT_NAMES, VARIANTS } from "./params.ts";
import { demandAndFees } from "./outcomes.ts";
import { degenPositions, summarisePositions } from "./positions.ts";
import { priceSwing, spendOverMint } from "./measures.ts";

/** The uncertain parameters and their ranges (each around the original's value, see the docs). */
export const UNCERTAIN = {
  fee_rate: [0.001, 0.01],
  organization_daily_buy: [1, 4],
  power_daily_spend: [1, 4],
  active_daily_spend: [0.5, 2],
  casual_daily_spend: [0.05, 0.2],
  degen_sell_ddt: [45, 90],
} as const satisfies Record<string, readonly [number, number]>;

export type UncertainName = keyof typeof UNCERTAIN;

/** One variant's claim quantities at one sampled point. */
export interface PointOutcome {
  /** Organizations' share of all dDT bought in the pool (fraction). */
  readonly org_share: number;
  /** The median degen's net position at the end (xDAI). */
  readonly degen_net: number;
  /** Highest over lowest price over the second half of the run. */
  readonly price_swing: number;
  /** dDT spent on compute over dDT minted for data, over the second half of the run. */
  readonly spend_over_mint: number;
}

export interface DependencePoint {
  readonly params: Readonly<Record<UncertainName, number>>;
  readonly outcomes: Readonly<Record<Variant, PointOutcome>>;
}

/** `points` Latin-hypercube points of `UNCERTAIN` (seeded), each run once per variant for `steps` steps. */
export function runDependence(options: { points: number; seed: number; steps: number }): DependencePoint[] {
  const lists = latinHypercube(
    datadaoParams as unknown as ParamSchema,
    UNCERTAIN,
    options.points,
    options.seed,
  );
  const names = Object.keys(UNCERTAIN) as UncertainName[];
  const half = Math.floor(options.steps / 2);
  return Array.from({ length: options.points }, (_, i) => {
    const params = Object.fromEntries(names.map((n) => [n, lists[n][i] as number])) as Record<
      UncertainName,
      number
    >;
    const { timeseries, agents } = runTagged(
      VARIANT_NAMES.map((name) => ({ name, set: { ...VARIANTS[name], ...params } })),
      options.steps,
    );
    const demand = demandAndFees(timeseries, agents);
    const positions = degenPositions(timeseries, agents);
    const outcomes = Object.fromEntries(VARIANT_NAMES.map((v) => [v, {
      org_share: demand[v].share_bought_by_organizations,
      degen_net: summarisePositions(positions[v]).net,
      price_swing: priceSwing(timeseries, v, half),
      spend_over_mint: spendOverMint(timeseries, v, half),
    }])) as Record<Variant, PointOutcome>;
    return { params, outcomes };
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
