/**
 * The honey model's parameters (see docs/models/honey.md): each with default, unit, meaning and
 * accepted range, defaults those of the published experiments; and the model's fixed numbers, named.
 */
import type { ParamValues } from "../../engine/params.ts";

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

/**
 * The supply policy's proportional control corrects 1/CORRECTION_MONTHS of the relative distance from the
 * target reserve ratio each month (the original's `e = (1 − ratio / target) / 12`).
 */
export const CORRECTION_MONTHS = 12;
/** Utility's ceiling: production maps onto 0–UTILITY_SCALE with diminishing returns (the original's 10). */
export const UTILITY_SCALE = 10;
/**
 * Shift of the logistic saturation curve, so that utility 0 gives near-zero saturation and utility
 * UTILITY_SCALE near one (the original's `exp(6 − utility)`).
 */
export const SATURATION_SHIFT = 6;
/**
 * The target price divides the valuation ratio by the saturation, but by no less than this (the original's
 * `max(0.5, saturation)`): a market below half saturation is valued as if half saturated.
 */
export const VALUATION_SATURATION_FLOOR = 0.5;
