/**
 * Parameters the `reference` variant brings (the original implementation's rules; see
 * docs/models/bitrewards.md, "The reference variant"); the design variant reads two of them as well
 * (tracing_false_positive_rate, supporting_derivative_split). Everything the reference rules share with the design
 * under the same meaning (population, skill, quality noise, tracing accuracy, derivative split, investor
 * budget and royalty range, usage probability and rate, gross value, gas fee rate, user aspiration,
 * satisfaction slope and churn rule) is read from the design's parameters instead. Defaults are the
 * original's (its `SimulationParameters` at commit d219d55).
 */
import { ParamError } from "../../engine/params.ts";

const probability = (d: number, description: string) =>
  ({ kind: "number", default: d, unit: "probability", description, min: 0, max: 1 }) as const;
const fraction = (d: number, description: string) =>
  ({ kind: "number", default: d, unit: "fraction", description, min: 0, max: 1 }) as const;
const amount = (d: number, unit: string, description: string) =>
  ({ kind: "number", default: d, unit, description, min: 0, max: 1e9 }) as const;
const roiThreshold = (description: string) =>
  ({ kind: "number", default: -0.2, unit: "1", description, min: -1, max: 100 }) as const;

export const referenceParams = {
  creator_base_contribution_probability: probability(
    0.3,
    "Reference rules: probability that an active creator makes one contribution in a step (original: 0.3).",
  ),
  tracing_false_positive_rate: probability(
    0.05,
    "When tracing misses a true parent, probability that an edge to a uniformly random other contribution is " +
      "recorded instead (original: 0.05; read by both rule sets).",
  ),
  supporting_derivative_split: fraction(
    0.25,
    "Split of the edge into a supporting-role creator's contribution where no other split applies — in the " +
      "reference rules every supporting contribution; core-role ones take default_derivative_split (original: 0.25).",
  ),
  funding_amount_min: amount(
    5,
    "fee units",
    "Reference rules: lowest amount of one funding, drawn uniformly in [min, max] and capped by the budget; an " +
      "investor stops funding once its budget is below this (original: 5).",
  ),
  funding_amount_max: amount(
    50,
    "fee units",
    "Reference rules: highest amount of one funding (original: 50).",
  ),
  funding_split_fraction: fraction(
    0.02,
    "Reference rules: a funding edge is recorded only when this is above 0, with the drawn royalty " +
      "(investor_royalty_min–max) as its split — in the original this is an on/off switch, not a share (original: 0.02).",
  ),
  royalty_accrual_per_usage: amount(
    1,
    "fee units/event",
    "Reference rules: royalty value each usage event adds to the used contribution's account, paid out in " +
      "batches (original: 1.0).",
  ),
  royalty_batch_interval: {
    kind: "number",
    default: 30,
    unit: "steps",
    description:
      "Reference rules: every this many steps each contribution's accrued royalty is distributed from it and " +
      "reset; 0 never (original: 30; its baseline: 5).",
    min: 0,
    max: 1e6,
    integer: true,
  },
  core_base_royalty_share: fraction(
    1,
    "Reference rules: fee of an event on a core contribution = gas_fee_share_rate · gross_value · this (original: 1.0).",
  ),
  supporting_base_royalty_share: fraction(
    1,
    "Reference rules: the same factor for a supporting contribution (original: 1.0).",
  ),
  funding_base_royalty_share: fraction(
    1,
    "Reference rules: the same factor for a funding contribution (original: 1.0).",
  ),
  creator_roi_exit_threshold: roiThreshold(
    "Reference rules: a creator leaves when its ROI is below this and its low-satisfaction streak has reached " +
      "roi_churn_window (original: −0.2).",
  ),
  investor_roi_exit_threshold: roiThreshold(
    "Reference rules: an investor leaves when its ROI is below this and its low-satisfaction streak has reached " +
      "roi_churn_window (original: −0.2).",
  ),
  roi_churn_window: {
    kind: "number",
    default: 10,
    unit: "steps",
    description:
      "Reference rules: consecutive low-satisfaction steps after which a creator or investor with ROI below its " +
      "exit threshold leaves (users use churn_steps) (original: 10; its baseline: 20).",
    min: 1,
    max: 1e6,
    integer: true,
  },
} as const;

/** Refuses reference parameters that contradict each other (the reference rules call it when they build a world). */
export function checkReference(p: { funding_amount_min: number; funding_amount_max: number }): void {
  if (p.funding_amount_min > p.funding_amount_max) {
    throw new ParamError(
      `funding_amount_min (${p.funding_amount_min}) must not exceed funding_amount_max (${p.funding_amount_max})`,
    );
  }
}
