/**
 * The 1Hive Honey supply model (seed 002; facts in shared/spec/honey-supply.md).
 *
 * Outflows from the common pool (reserve) are spent productively, raising production and so market
 * saturation; saturation brings inflows back to the pool. A supply policy mints or burns Honey in the
 * pool to steer the pool's share of total supply towards a target, at most `throttle` of supply per
 * month. Price is a random walk pulled towards a fundamental target. One timestep is one month.
 */
import { defineModel, fromSignals, type State } from "../engine/model.ts";
import type { ParamValues } from "../engine/params.ts";

export const honeyParams = {
  throttle: {
    kind: "number",
    default: 0.008,
    unit: "fraction of total supply per month",
    description: "Largest supply adjustment (mint or burn) per month; 0 leaves the correction unbounded.",
    min: 0,
    max: 1,
  },
  outflow_rate: {
    kind: "number",
    default: 0.05,
    unit: "fraction of reserve per month",
    description: "Share of the common pool spent each month (conviction voting abstracted as a rate).",
    min: 0,
    max: 1,
  },
  target_reserve_ratio: {
    kind: "number",
    default: 0.2,
    unit: "fraction of total supply",
    description: "Target ratio of the common pool to total supply; below it Honey is minted, above burned.",
    min: 0.001,
    max: 1,
  },
  valuation_ratio: {
    kind: "number",
    default: 2,
    unit: "price per monthly inflow per token",
    description: "Ratio of price to monthly inflows per token at market saturation.",
    min: 0,
    max: 1000,
  },
  productivity: {
    kind: "number",
    default: 0.88,
    unit: "1",
    description: "How strongly outflows raise production (and how much production carries over).",
    min: 0,
    max: 1,
  },
  growth: {
    kind: "number",
    default: 0,
    unit: "fraction per month",
    description: "Growth rate of the market size each month.",
    min: -1,
    max: 1,
  },
  p_variance: {
    kind: "number",
    default: 0.25,
    unit: "fraction of price (standard deviation)",
    description: "Size of monthly price moves: the standard deviation of |N(0, p_variance)|.",
    min: 0,
    max: 10,
  },
  p_pull: {
    kind: "number",
    default: 0.75,
    unit: "probability",
    description: "Probability that a price move goes towards the target price (0.5: unbiased walk).",
    min: 0,
    max: 1,
  },
} as const;

export type HoneyParams = ParamValues<typeof honeyParams>;

export interface HoneyState extends State {
  /** Common pool balance, HNY. */
  readonly reserve: number;
  /** Total supply minus the common pool, HNY. */
  readonly circulation: number;
  /** Market size: fiat inflows per month at full saturation, USD/month. */
  readonly size: number;
  /** Share of the market captured, 0–1. */
  readonly saturation: number;
  /** Production level from outflows and upkeep, USD. */
  readonly production: number;
  /** Diminishing-returns transform of production, 0–10. */
  readonly utility: number;
  /** Spot price, USD/HNY (no floor: the original lets it cross zero). */
  readonly price: number;
  /** Fundamental target price, USD/HNY. */
  readonly target_price: number;
  /** Inflow minus outflow of the common pool this month, HNY. */
  readonly netflow: number;
  /** Minted (+) or burned (−) into the common pool this month, HNY. */
  readonly adjustment: number;
}

/** Genesis state of the published experiments. */
export const honeyGenesis: HoneyState = {
  reserve: 7473,
  circulation: 18765,
  size: 100000,
  saturation: 0,
  production: 0,
  utility: 0,
  price: 10,
  target_price: 10,
  netflow: 0,
  adjustment: 0,
};

/** Supply policy: the month's netflow and the throttled mint/burn towards the target reserve ratio. */
export function supplyPolicy(p: HoneyParams, s: HoneyState): { netflow: number; adjustment: number } {
  const outflow = s.reserve * p.outflow_rate;
  const inflow = s.size * s.saturation / s.target_price;
  const netflow = inflow - outflow;
  const reserve = s.reserve + netflow;
  const supply = reserve + (s.circulation - netflow);
  const ratio = reserve / supply;
  // Proportional control: a twelfth of the relative distance from the target each month.
  const e = (1 - ratio / p.target_reserve_ratio) / 12;
  const bounded = p.throttle === 0 ? e : Math.max(-p.throttle, Math.min(p.throttle, e));
  return { netflow, adjustment: bounded * supply };
}

/** Saturation process: production from priced outflows, utility, logistic saturation, market growth. */
export function saturationProcess(
  p: HoneyParams,
  s: HoneyState,
): { production: number; utility: number; saturation: number; size: number } {
  const outflow = s.reserve * p.outflow_rate;
  const production = p.productivity ** 2 * s.production + (1 + p.productivity) * outflow * s.price;
  const utility = 10 * production / (production + s.size);
  // Shifted by 6 so that zero utility is near-zero saturation and utility 10 is near one.
  const saturation = 1 / (1 + Math.exp(6 - utility));
  return { production, utility, saturation, size: s.size * (1 + p.growth) };
}

/** The fundamental price target from market size, saturation and the split of supply. */
export function targetPrice(p: HoneyParams, s: HoneyState): number {
  const supply = s.circulation + s.reserve;
  const inflowsPerToken = s.size / supply;
  const adjustedValuation = p.valuation_ratio / Math.max(0.5, s.saturation);
  const supplySensitivity = 1 / (s.circulation / supply) ** 2;
  return inflowsPerToken * adjustedValuation * supplySensitivity;
}

/**
 * The month's price move given the two draws: `u` uniform in [0, 1) decides towards (u < p_pull) or
 * away from the target, `z` a standard normal sets the size |z|·p_variance.
 */
export function priceMove(p: HoneyParams, s: HoneyState, target: number, u: number, z: number): number {
  const below = s.price < target;
  const towards = u < p.p_pull;
  const direction = towards === below ? 1 : -1;
  return s.price * (1 + direction * Math.abs(p.p_variance * z));
}

export const honey = defineModel({
  name: "honey",
  module: import.meta.url,
  title:
    "1Hive Honey supply (cadCAD model of common-pool outflows, saturation and a throttled supply policy)",
  params: honeyParams,
  steps: 120,
  timeUnit: "month",
  runs: 10,
  initialState: () => honeyGenesis,
  blocks: [{
    label: "month",
    policies: {
      supply_policy: supplyPolicy,
      saturation_process: saturationProcess,
      price_policy: (p: HoneyParams, s: HoneyState, ctx) => {
        const target_price = targetPrice(p, s);
        const u = ctx.rng.random();
        const price = priceMove(p, s, target_price, u, ctx.rng.normal());
        return { price, target_price };
      },
    },
    updates: {
      reserve: (_p, s, x) => s.reserve + (x.netflow as number) + (x.adjustment as number),
      circulation: (_p, s, x) => s.circulation - (x.netflow as number),
      ...fromSignals<HoneyParams, HoneyState, keyof HoneyState & string>([
        "netflow",
        "adjustment",
        "price",
        "target_price",
        "saturation",
        "utility",
        "size",
        "production",
      ]),
    },
  }],
  derived: {
    total_supply: (s) => s.reserve + s.circulation,
    market_cap: (s) => (s.reserve + s.circulation) * s.price,
    ratio: (s) => s.reserve / (s.reserve + s.circulation),
  },
});
