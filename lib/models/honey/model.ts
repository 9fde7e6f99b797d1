/**
 * The 1Hive Honey supply model; its source, formulas and choices are in docs/models/honey.md.
 *
 * Outflows from the common pool (reserve) are spent productively, raising production and so market
 * saturation; saturation brings inflows back to the pool. A supply policy mints or burns Honey in the
 * pool to steer the pool's share of total supply towards a target, at most `throttle` of supply per
 * month. Price is a random walk pulled towards a fundamental target. One timestep is one month.
 */
import { defineModel, fromSignals } from "../../engine/model.ts";
import {
  CORRECTION_MONTHS,
  type HoneyParams,
  honeyParams,
  SATURATION_SHIFT,
  UTILITY_SCALE,
  VALUATION_SATURATION_FLOOR,
} from "./params.ts";
import { honeyGenesis, type HoneyState } from "./state.ts";

/** Supply policy: the month's netflow and the throttled mint/burn towards the target reserve ratio. */
export function supplyPolicy(p: HoneyParams, s: HoneyState): { netflow: number; adjustment: number } {
  const outflow = s.reserve * p.outflow_rate;
  const inflow = s.size * s.saturation / s.target_price;
  const netflow = inflow - outflow;
  const reserve = s.reserve + netflow;
  const supply = reserve + (s.circulation - netflow);
  const ratio = reserve / supply;
  // Proportional control: a twelfth of the relative distance from the target each month.
  const e = (1 - ratio / p.target_reserve_ratio) / CORRECTION_MONTHS;
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
  const utility = UTILITY_SCALE * production / (production + s.size);
  // Shifted so that zero utility is near-zero saturation and full utility is near one.
  const saturation = 1 / (1 + Math.exp(SATURATION_SHIFT - utility));
  return { production, utility, saturation, size: s.size * (1 + p.growth) };
}

/** The fundamental price target from market size, saturation and the split of supply. */
export function targetPrice(p: HoneyParams, s: HoneyState): number {
  const supply = s.circulation + s.reserve;
  const inflowsPerToken = s.size / supply;
  const adjustedValuation = p.valuation_ratio / Math.max(VALUATION_SATURATION_FLOOR, s.saturation);
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
